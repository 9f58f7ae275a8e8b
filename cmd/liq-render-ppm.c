/*
 * liq-render-ppm - a grid of estimated liquidation notional (liq-grid(5))
 * drawn as a heatmap: a binary PPM with the price, axes and a colour bar.
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liq.h"
#include "outfile.h"

#ifndef LIQ_VERSION
#define LIQ_VERSION "0.1"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: liq-render-ppm [-o file] [-W width] [-H height] "
	    "[--colormap name]\n"
	    "                      [--scale scale] [--max top] [--candles] "
	    "[--profile]\n"
	    "                      [--no-axes] [--no-price] [--title text] "
	    "[grid]\n");
	exit(f == stdout ? 0 : 2);
}

static uint32_t
side_arg(const char *opt, const char *s)
{
	int64_t v;

	if (liq_parse_int64(s, strlen(s), &v) != 0 || v < 4 || v > 16384)
		errx(2, "%s: not a size from 4 to 16384 pixels: \"%s\"", opt, s);
	return (uint32_t)v;
}

/* --max: auto, pNN (a percentile) or an amount with an optional K/M/B. */
static void
max_arg(struct liq_raster_options *o, const char *s)
{
	size_t n = strlen(s);
	double mult = 1, v;

	if (strcmp(s, "auto") == 0) {
		o->max_value = 0;
		o->max_pct = 99.5;
		return;
	}
	if (s[0] == 'p') {
		if (liq_parse_double(s + 1, n - 1, &v) != 0 || !(v > 0) ||
		    v > 100)
			errx(2, "--max: not a percentile p0.1 to p100: \"%s\"",
			    s);
		o->max_value = 0;
		o->max_pct = v;
		return;
	}
	if (n > 1 && strchr("kKmMbB", s[n - 1]) != NULL) {
		mult = strchr("kK", s[n - 1]) ? 1e3 : strchr("mM", s[n - 1]) ?
		    1e6 : 1e9;
		n--;
	}
	if (liq_parse_double(s, n, &v) != 0 || !(v > 0) || !(v * mult < 1e300))
		errx(2, "--max: auto, pNN or a positive amount such as 250000 "
		    "or 5M: \"%s\"", s);
	o->max_value = v * mult;
}

int
main(int argc, char **argv)
{
	enum {
		O_CMAP = 256, O_SCALE, O_MAX, O_CANDLES, O_PROFILE, O_NOAXES,
		O_NOPRICE, O_TITLE, O_VERSION
	};
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "width", required_argument, NULL, 'W' },
		{ "height", required_argument, NULL, 'H' },
		{ "colormap", required_argument, NULL, O_CMAP },
		{ "scale", required_argument, NULL, O_SCALE },
		{ "max", required_argument, NULL, O_MAX },
		{ "candles", no_argument, NULL, O_CANDLES },
		{ "profile", no_argument, NULL, O_PROFILE },
		{ "no-axes", no_argument, NULL, O_NOAXES },
		{ "no-price", no_argument, NULL, O_NOPRICE },
		{ "title", required_argument, NULL, O_TITLE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct liq_raster_options o;
	struct liq_grid_reader *r = NULL;
	struct liq_raster_heatmap *hm = NULL;
	struct liq_raster_image *im = NULL;
	struct liq_grid_column *c;
	struct liq_error e;
	const char *out = NULL, *path;
	char msg[1024];
	int ch, rc;
	FILE *f;

	liq_raster_options_init(&o);
	liq_error_clear(&e);
	while ((ch = getopt_long(argc, argv, "hH:o:W:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'W':
			o.width = side_arg("-W", optarg);
			break;
		case 'H':
			o.height = side_arg("-H", optarg);
			break;
		case O_CMAP:
			if ((o.cmap = liq_raster_cmap_parse(optarg)) < 0)
				errx(2, "--colormap: viridis, inferno, "
				    "longshort or gray: \"%s\"", optarg);
			break;
		case O_SCALE:
			if ((o.scale = liq_raster_scale_parse(optarg)) < 0)
				errx(2, "--scale: linear, sqrt or log: \"%s\"",
				    optarg);
			break;
		case O_MAX:
			max_arg(&o, optarg);
			break;
		case O_CANDLES:
			o.candles = 1;
			break;
		case O_PROFILE:
			o.profile = 1;
			break;
		case O_NOAXES:
			o.axes = 0;
			break;
		case O_NOPRICE:
			o.price = 0;
			break;
		case O_TITLE:
			o.title = optarg;
			break;
		case O_VERSION:
			printf("liq-render-ppm %s\n", LIQ_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			break;
		default:
			usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		errx(2, "give one grid file (or none for stdin)");
	path = argc == 1 ? argv[0] : "-";

	if (liq_grid_reader_open(&r, path, &e) != 0)
		errx(1, "%s", liq_error_format(&e, msg, sizeof(msg)));
	if (liq_raster_heatmap_new(&hm, liq_grid_reader_info(r), &o, &e) != 0)
		errx(e.code == LIQ_EARG ? 2 : 1, "%s",
		    liq_error_format(&e, msg, sizeof(msg)));
	f = out_open(out, 0);
	while ((rc = liq_grid_read(r, &c, &e)) == 1)
		if ((rc = liq_raster_heatmap_add(hm, c, &e)) != 0)
			break;
	if (rc == 0)
		rc = liq_raster_heatmap_render(hm, &im, &e);
	if (rc == 0)
		rc = liq_raster_write_ppm(im, f, &e);
	if (rc != 0) {
		out_abort(f);
		if (e.code == LIQ_EIO && e.file[0] == '\0')
			errx(1, "%s: write error%s%s", out ? out : "stdout",
			    e.sys_errno ? ": " : "",
			    e.sys_errno ? strerror(e.sys_errno) : "");
		errx(1, "%s", liq_error_format(&e, msg, sizeof(msg)));
	}
	out_close(f, out);
	liq_raster_image_free(im);
	liq_raster_heatmap_free(hm);
	liq_grid_reader_close(r);
	return 0;
}
