/*
 * fileinfo.c - what a file is, as key=value lines (liq-cat --info): a
 * liq file's type, version, metadata and the bars or columns it really
 * holds (read to the end marker, CRC checked), how the members of a bars
 * stream were joined, or what liq-ingest makes of an exchange dump.
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

static const char *
container_name(int c)
{
	return c == LIQ_CONT_GZIP ? "gzip" : c == LIQ_CONT_ZIP ? "zip" :
	    "plain";
}

/* Print "key=value" lines of a metadata text (one per line). */
static void
print_lines(FILE *f, const char *text)
{
	while (*text) {
		size_t l = strcspn(text, "\n");

		fprintf(f, "%.*s\n", (int)l, text);
		text += l + (text[l] == '\n');
	}
}

static void
print_time(FILE *f, const char *key, int64_t ms)
{
	char t[48];

	fprintf(f, "%s=%s\n", key, liq_time_format(ms, t, sizeof(t)));
}

/* How members or files were joined, as key=value lines. */
static void
print_seams(FILE *f, const struct liq_bars_seams *sm)
{
	char d[32];

	fprintf(f, "joined_equal=%llu\njoined_merged=%llu\n"
	    "joined_preferred=%llu\nholes=%llu\nhole_bars=%llu\n",
	    (unsigned long long)sm->equal, (unsigned long long)sm->merged,
	    (unsigned long long)sm->preferred, (unsigned long long)sm->gaps,
	    (unsigned long long)sm->gap_bars);
	if (sm->gaps > 0) {
		print_time(f, "first_hole", sm->first_gap_ms);
		fprintf(f, "longest_hole=%s\n", liq_duration_format(
		    sm->longest_gap_ms, d, sizeof(d)));
		print_time(f, "longest_hole_at", sm->longest_gap_at_ms);
	}
}

/* Bars: the metadata, then every bar read (end marker and CRC checked).
 * Returns 0 or the reader's error code, with e set. */
static int
bars_info(FILE *f, struct liq_bars_reader *r, struct liq_error *e)
{
	const struct liq_bars_info *bi = liq_bars_reader_info(r);
	struct liq_bar b;
	uint64_t gaps = 0;
	char cs[40], iv[32];
	int rc;

	while ((rc = liq_bars_read(r, &b, e)) == 1)
		gaps += (b.flags & LIQ_BAR_GAP) != 0;
	if (rc < 0)
		return rc;
	liq_format_double(bi->contract_size, cs);
	fprintf(f, "venue=%s\nsymbol=%s\nmarket=%s\ncontract_size=%s\n"
	    "interval=%s\n", bi->venue, bi->symbol,
	    liq_market_name(bi->market), cs,
	    liq_duration_format(bi->interval_ms, iv, sizeof(iv)));
	if (bi->sources[0])
		fprintf(f, "sources=%s\n", bi->sources);
	if (bi->command[0])
		fprintf(f, "command=%s\n", bi->command);
	fprintf(f, "bars=%llu\ngap_bars=%llu\n", (unsigned long long)bi->nbars,
	    (unsigned long long)gaps);
	{
		struct liq_bars_seams sm;

		liq_bars_reader_seams(r, &sm);
		fprintf(f, "members=%llu\n", (unsigned long long)sm.members);
		if (sm.members > 1)
			print_seams(f, &sm);
	}
	if (bi->nbars > 0) {
		print_time(f, "first", bi->first_ms);
		print_time(f, "last", bi->last_ms);
	}
	return 0;
}

/* Grid: the axes and metadata, then every column read (checked).
 * Returns 0 or the reader's error code, with e set. */
static int
grid_info(FILE *f, struct liq_grid_reader *r, struct liq_error *e)
{
	const struct liq_grid_info *g = liq_grid_reader_info(r);
	struct liq_grid_column *c;
	uint64_t n = 0;
	char step[32], lo[40], hi[40];
	int rc;

	while ((rc = liq_grid_read(r, &c, e)) == 1)
		n++;
	if (rc < 0)
		return rc;
	liq_format_double(g->price_min, lo);
	liq_format_double(g->price_max, hi);
	fprintf(f, "venue=%s\nsymbol=%s\n", g->venue, g->symbol);
	print_time(f, "start", g->start_ms);
	fprintf(f, "step=%s\nprice_min=%s\nprice_max=%s\nbins=%u\n"
	    "bin_scale=%s\nlayers=%s\n",
	    liq_duration_format(g->step_ms, step, sizeof(step)), lo, hi,
	    g->nbins, g->log_bins ? "log" : "linear", g->layers);
	print_lines(f, g->params);
	if (g->command[0])
		fprintf(f, "command=%s\n", g->command);
	fprintf(f, "columns=%llu\n", (unsigned long long)n);
	if (n > 0)
		print_time(f, "end", g->start_ms + (int64_t)n * g->step_ms);
	return 0;
}

/* An exchange dump: what liq-ingest makes of it, or why it cannot. */
static void
dump_info(FILE *f, const char *path, int is_stdin)
{
	struct liq_ingest_options o;
	struct liq_ingest *g;
	struct liq_error e;
	const char *p[1] = { path };
	char msg[1024];

	if (is_stdin) {
		fprintf(f, "type=other\ndialect=unknown (give the file by "
		    "name: its name tells the dialect)\n");
		return;
	}
	liq_ingest_options_init(&o);
	liq_error_clear(&e);
	if (liq_ingest_open(&g, p, 1, &o, &e) != 0) {
		fprintf(f, "type=other\ndialect=unknown (liq-ingest: %s)\n",
		    liq_error_format(&e, msg, sizeof(msg)));
		return;
	}
	{
		const struct liq_bars_info *bi = liq_ingest_info(g);

		fprintf(f, "type=exchange dump\ndialect=%s\nvenue=%s\n"
		    "symbol=%s\nmarket=%s\n",
		    liq_kind_name(liq_ingest_file_kind(g, 0)), bi->venue,
		    bi->symbol, liq_market_name(bi->market));
	}
	liq_ingest_close(g);
}

int
fileinfo(FILE *f, const char *path)
{
	struct liq_input *in = NULL;
	struct liq_error e;
	const char *head;
	char msg[1024];
	size_t n;
	int rc = 0, type, is_stdin = path == NULL || strcmp(path, "-") == 0;

	liq_error_clear(&e);
	if (liq_input_open(&in, path, &e) != 0 ||
	    liq_input_peek(in, &head, &n, &e) != 0) {
		liq_input_close(in);
		fprintf(f, "file=%s\n", is_stdin ? "(stdin)" : path);
		goto bad;
	}
	type = liq_file_detect_bytes(head, n);
	fprintf(f, "file=%s\n", liq_input_name(in));
	if (type != LIQ_FILE_OTHER)
		fprintf(f, "type=%s\n", liq_file_type_name(type));
	fprintf(f, "container=%s\n", container_name(liq_input_container(in)));
	if (type == LIQ_FILE_BARS || type == LIQ_FILE_GRID)
		fprintf(f, "version=%d.%d\n", (unsigned char)head[8],
		    (unsigned char)head[10]);
	if (type == LIQ_FILE_BARS || type == LIQ_FILE_BARS_CSV) {
		struct liq_bars_reader *r;

		if ((rc = liq_bars_reader_open_input(&r, in, &e)) == 0)
			rc = bars_info(f, r, &e);
		liq_bars_reader_close(r);
	} else if (type == LIQ_FILE_GRID) {
		struct liq_grid_reader *r;

		if ((rc = liq_grid_reader_open_input(&r, in, &e)) == 0)
			rc = grid_info(f, r, &e);
		liq_grid_reader_close(r);
	} else {
		liq_input_close(in);
		if (type == LIQ_FILE_OTHER)
			dump_info(f, path, is_stdin);
	}
	if (rc == 0)
		return 0;
bad:
	liq_error_format(&e, msg, sizeof(msg));
	fprintf(f, "error=%s\n", msg);
	warnx("%s", msg);
	return 1;
}

