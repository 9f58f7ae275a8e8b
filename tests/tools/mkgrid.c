/*
 * mkgrid.c - a test tool: write a grid file from a short text description
 * on stdin, so tests can build grids whose zones and colours are known.
 *
 *   build/mkgrid [--csv [--exact] [--ms]] [--pipe] < spec > grid
 *
 * Lines (blank and '#' lines skipped), header first:
 *   venue NAME | symbol NAME | start TIME | step DUR | price MIN MAX |
 *   bins N | log | layers NAME,NAME,... | param KEY=VALUE
 * then columns:
 *   col OPEN HIGH LOW CLOSE [OI PRED_LONG PRED_SHORT REAL_LONG REAL_SHORT
 *       [FUNDING]]        (missing values: NaN, predicted 0)
 *   cell BIN LAYER VALUE      (in the current column)
 *   fill LAYER VALUE          (every bin of a layer, current column)
 * --pipe leaves the column count out of the header, as on a pipe.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

#define MAXCOLS 4096

static void
die(const char *msg, int line)
{
	fprintf(stderr, "mkgrid: line %d: %s\n", line, msg);
	exit(1);
}

int
main(int argc, char **argv)
{
	static char *lines[1 << 16];
	struct liq_grid_info g;
	struct liq_grid_writer *w;
	struct liq_grid_column c;
	struct liq_error e;
	char buf[4096];
	int nl = 0, csv = 0, pipe = 0, i, started = 0;
	struct liq_csv_style style;
	size_t po = 0;
	float *cells = NULL;

	liq_csv_style_init(&style);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0)
			csv = 1;
		else if (strcmp(argv[i], "--exact") == 0)
			style.exact = 1;
		else if (strcmp(argv[i], "--ms") == 0)
			style.time_ms = 1;
		else if (strcmp(argv[i], "--pipe") == 0)
			pipe = 1;
	}
	memset(&g, 0, sizeof(g));
	strcpy(g.venue, "test");
	strcpy(g.symbol, "TESTUSDT");
	strcpy(g.layers, "long,short");
	g.step_ms = 3600000;
	g.nbins = 10;
	g.nlayers = 2;
	g.price_min = 100;
	g.price_max = 200;
	while (fgets(buf, sizeof(buf), stdin) && nl < (int)(sizeof(lines) /
	    sizeof(*lines)))
		lines[nl++] = strdup(buf);
	for (i = 0; i < nl; i++)
		if (strncmp(lines[i], "col ", 4) == 0)
			g.ncols++;
	memset(&c, 0, sizeof(c));
	for (i = 0; i < nl; i++) {
		char *s = lines[i], k[32], v[1024];
		double a[10];
		int n;

		s[strcspn(s, "\n")] = '\0';
		if (*s == '\0' || *s == '#')
			continue;
		if (sscanf(s, "%31s %1023[^\n]", k, v) < 1)
			die("bad line", i + 1);
		if (strcmp(k, "col") == 0 || strcmp(k, "cell") == 0 ||
		    strcmp(k, "fill") == 0) {
			if (!started) {
				uint64_t ncols = g.ncols;

				if (pipe)
					g.ncols = 0;
				g.nlayers = 1;
				for (const char *p = g.layers; *p; p++)
					g.nlayers += *p == ',';
				if (liq_grid_writer_open(&w, stdout, &g,
				    csv ? &style : NULL,
				    &e) != 0)
					die(e.msg, i + 1);
				g.ncols = ncols;
				cells = calloc((size_t)g.nlayers * g.nbins,
				    sizeof(float));
				for (uint32_t l = 0; l < g.nlayers; l++)
					c.layer[l] = cells + (size_t)l * g.nbins;
				c.time_ms = g.start_ms - g.step_ms;
				started = 1;
			}
		}
		if (strcmp(k, "col") == 0) {
			if (c.time_ms >= g.start_ms && liq_grid_write(w, &c,
			    &e) != 0)
				die(e.msg, i + 1);
			for (n = 0; n < 10; n++)
				a[n] = n < 4 ? 0 : n < 7 ? 0 : __builtin_nan("");
			n = sscanf(v, "%lf %lf %lf %lf %lf %lf %lf %lf %lf %lf",
			    &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6],
			    &a[7], &a[8], &a[9]);
			if (n < 4)
				die("col needs OPEN HIGH LOW CLOSE", i + 1);
			c.time_ms += g.step_ms;
			c.open = a[0];
			c.high = a[1];
			c.low = a[2];
			c.close = a[3];
			c.oi_quote = a[4];
			c.pred_long = a[5];
			c.pred_short = a[6];
			c.real_long = a[7];
			c.real_short = a[8];
			c.funding = a[9];
			memset(cells, 0, (size_t)g.nlayers * g.nbins *
			    sizeof(float));
		} else if (strcmp(k, "cell") == 0) {
			unsigned b, l;
			float x;

			if (sscanf(v, "%u %u %f", &b, &l, &x) != 3 ||
			    b >= g.nbins || l >= g.nlayers)
				die("cell needs BIN LAYER VALUE in range", i + 1);
			c.layer[l][b] = x;
		} else if (strcmp(k, "fill") == 0) {
			unsigned l;
			float x;

			if (sscanf(v, "%u %f", &l, &x) != 2 || l >= g.nlayers)
				die("fill needs LAYER VALUE", i + 1);
			for (uint32_t b = 0; b < g.nbins; b++)
				c.layer[l][b] = x;
		} else if (started)
			die("header line after the first column", i + 1);
		else if (strcmp(k, "venue") == 0)
			snprintf(g.venue, sizeof(g.venue), "%s", v);
		else if (strcmp(k, "symbol") == 0)
			snprintf(g.symbol, sizeof(g.symbol), "%s", v);
		else if (strcmp(k, "start") == 0) {
			if (liq_parse_time(v, strlen(v), &g.start_ms) != 0)
				die("bad start", i + 1);
		} else if (strcmp(k, "step") == 0) {
			if (liq_parse_duration(v, strlen(v), &g.step_ms) != 0)
				die("bad step", i + 1);
		} else if (strcmp(k, "price") == 0) {
			if (sscanf(v, "%lf %lf", &g.price_min, &g.price_max) != 2)
				die("price needs MIN MAX", i + 1);
		} else if (strcmp(k, "bins") == 0)
			g.nbins = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(k, "log") == 0)
			g.log_bins = 1;
		else if (strcmp(k, "layers") == 0)
			snprintf(g.layers, sizeof(g.layers), "%s", v);
		else if (strcmp(k, "param") == 0) {
			int m = snprintf(g.params + po, sizeof(g.params) - po,
			    "%s\n", v);

			if (m > 0 && (size_t)m < sizeof(g.params) - po)
				po += (size_t)m;
		} else
			die("unknown line", i + 1);
	}
	if (!started)
		die("no columns", nl);
	if (liq_grid_write(w, &c, &e) != 0 || liq_grid_writer_close(w, &e) != 0)
		die(e.msg, nl);
	liq_grid_writer_free(w);
	free(cells);
	for (i = 0; i < nl; i++)
		free(lines[i]);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("write error", nl);
	return 0;
}
