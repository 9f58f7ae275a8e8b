/*
 * liq-cat - tell what a file is, and convert liq files between their
 * binary and CSV forms (man/liq-cat.1).  Like htsfile and samtools view:
 * --info describes any file (bars, grid, an exchange dump, its
 * container); --csv writes a bars or grid file's CSV form, --series a
 * grid's per-column series; with neither, the binary form is written
 * (a bars CSV back to binary bars).
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

#ifndef LIQ_VERSION
#define LIQ_VERSION "0.1"
#endif

enum { M_BINARY, M_CSV, M_SERIES, M_INFO };

static void
usage(FILE *f)
{
	fprintf(f, "usage: liq-cat [--csv | --series | --info] "
	    "[--prefer first|last] [-o file]\n"
	    "               [file ...]\n");
	exit(f == stdout ? 0 : 2);
}

static const char *outname = "stdout";

static void
fail(const struct liq_error *e)
{
	char msg[1024];

	out_abort_all();
	if (e->code == LIQ_EIO && e->file[0] == '\0')
		errx(1, "%s: %s", outname, e->msg);
	errx(e->code == LIQ_EARG ? 2 : 1, "%s",
	    liq_error_format(e, msg, sizeof(msg)));
}

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

/* --info for one file: 0, or 1 when the file is bad (said on stderr
 * and as an error= line). */
static int
info(FILE *f, const char *path)
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

/* Bars to binary or CSV bars. */
static void
bars_convert(struct liq_bars_reader *r, FILE *f, int csv)
{
	struct liq_bars_writer *w;
	struct liq_bar b;
	struct liq_error e;
	int rc;

	liq_error_clear(&e);
	if (liq_bars_writer_open(&w, f, liq_bars_reader_info(r), csv, &e) != 0)
		fail(&e);
	while ((rc = liq_bars_read(r, &b, &e)) == 1)
		if (liq_bars_write(w, &b, &e) != 0)
			fail(&e);
	if (rc < 0 || liq_bars_writer_close(w, &e) != 0)
		fail(&e);
	liq_bars_writer_free(w);
}

/* A grid to its binary or CSV form, or its series. */
static void
grid_convert(struct liq_grid_reader *r, FILE *f, int mode)
{
	struct liq_grid_writer *w = NULL;
	struct liq_grid_column *c;
	struct liq_error e;
	int rc;

	liq_error_clear(&e);
	if (mode == M_SERIES)
		liq_grid_series_header(f);
	else if (liq_grid_writer_open(&w, f, liq_grid_reader_info(r),
	    mode == M_CSV, &e) != 0)
		fail(&e);
	while ((rc = liq_grid_read(r, &c, &e)) == 1) {
		if (w != NULL && liq_grid_write(w, c, &e) != 0)
			fail(&e);
		if (w == NULL && liq_grid_series_row(f, c) != 0) {
			liq_error_set(&e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
			    "write error");
			fail(&e);
		}
	}
	if (rc < 0 || (w != NULL && liq_grid_writer_close(w, &e) != 0))
		fail(&e);
	liq_grid_writer_free(w);
}

/* Several bars files of one market into one. */
static void
merge(char **paths, int n, const char *out, int mode, int prefer,
    const char *cmd)
{
	struct liq_bars_info info;
	struct liq_bars_merge *m;
	struct liq_bars_writer *w;
	struct liq_bars_seams sm;
	struct liq_error e;
	struct liq_bar b;
	int rc, type;
	FILE *f;

	liq_error_clear(&e);
	if (mode == M_SERIES)
		errx(2, "--series is for one grid");
	for (int i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0)
			continue;
		if (liq_file_detect(paths[i], &type, NULL, &e) != 0)
			fail(&e);
		if (type != LIQ_FILE_BARS && type != LIQ_FILE_BARS_CSV)
			errx(type == LIQ_FILE_GRID ? 2 : 1, "%s: %s: only bars "
			    "files are merged (give one grid to convert)",
			    paths[i], liq_file_type_name(type));
	}
	if (liq_bars_merge_open(&m, (const char *const *)paths, n, prefer,
	    &e) != 0)
		fail(&e);
	f = out_open(out, mode == M_CSV);
	info = *liq_bars_merge_info(m);
	snprintf(info.command, sizeof(info.command), "%s", cmd);
	if (liq_bars_writer_open(&w, f, &info, mode == M_CSV, &e) != 0)
		fail(&e);
	while ((rc = liq_bars_merge_read(m, &b, &e)) == 1)
		if (liq_bars_write(w, &b, &e) != 0)
			fail(&e);
	if (rc < 0 || liq_bars_writer_close(w, &e) != 0)
		fail(&e);
	out_close(f, out);
	liq_bars_merge_seams(m, &sm);
	prog_seams(&sm);
	liq_bars_writer_free(w);
	liq_bars_merge_close(m);
}

static void
convert(const char *path, const char *out, int mode, int prefer)
{
	struct liq_input *in;
	struct liq_error e;
	const char *head;
	size_t n;
	int type;
	FILE *f;

	liq_error_clear(&e);
	if (liq_input_open(&in, path, &e) != 0 ||
	    liq_input_peek(in, &head, &n, &e) != 0)
		fail(&e);
	type = liq_file_detect_bytes(head, n);
	if (type == LIQ_FILE_BARS || type == LIQ_FILE_BARS_CSV) {
		struct liq_bars_reader *r;

		if (mode == M_SERIES)
			errx(2, "%s: --series is for grids; this is a bars "
			    "file", liq_input_name(in));
		if (liq_bars_reader_open_input(&r, in, &e) != 0)
			fail(&e);
		liq_bars_reader_prefer(r, prefer);
		f = out_open(out, mode == M_CSV);
		bars_convert(r, f, mode == M_CSV);
		out_close(f, out);
		{
			struct liq_bars_seams sm;

			liq_bars_reader_seams(r, &sm);
			prog_seams(&sm);
		}
		liq_bars_reader_close(r);
	} else if (type == LIQ_FILE_GRID) {
		struct liq_grid_reader *r;

		if (liq_grid_reader_open_input(&r, in, &e) != 0)
			fail(&e);
		f = out_open(out, mode != M_BINARY);
		grid_convert(r, f, mode);
		out_close(f, out);
		liq_grid_reader_close(r);
	} else {
		const char *name = liq_input_name(in);

		if (type == LIQ_FILE_GRID_CSV)
			errx(1, "%s: a grid in CSV form cannot be read back: "
			    "use the binary form", name);
		if (type == LIQ_FILE_EMPTY)
			errx(1, "%s: empty input, not a liq file", name);
		errx(1, "%s: not a liq bars or grid file (%s): liq-cat --info "
		    "tells what it is; liq-ingest reads exchange dumps", name,
		    liq_file_type_name(type));
	}
}

int
main(int argc, char **argv)
{
	enum { O_CSV = 256, O_SERIES, O_INFO, O_PREFER, O_VERSION };
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "series", no_argument, NULL, O_SERIES },
		{ "info", no_argument, NULL, O_INFO },
		{ "prefer", required_argument, NULL, O_PREFER },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL;
	char cmd[1024];
	int ch, mode = M_BINARY, nmode = 0, prefer = LIQ_PREFER_NONE;

	command_line(cmd, sizeof(cmd), argc, argv);
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case O_CSV:
			mode = M_CSV;
			nmode++;
			break;
		case O_SERIES:
			mode = M_SERIES;
			nmode++;
			break;
		case O_INFO:
			mode = M_INFO;
			nmode++;
			break;
		case O_PREFER:
			prefer = prefer_arg("--prefer", optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case O_VERSION:
			printf("liq-cat %s\n", LIQ_VERSION);
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
	if (nmode > 1)
		errx(2, "give one of --csv, --series and --info");
	if (out)
		outname = out;
	if (mode == M_INFO) {
		FILE *f = out_open(out, 1);
		int status = 0;

		if (argc == 0)
			status |= info(f, "-");
		for (int i = 0; i < argc; i++) {
			if (i > 0)
				fputc('\n', f);
			status |= info(f, argv[i]);
		}
		out_close(f, out);
		return status;
	}
	if (argc > 1)
		merge(argv, argc, out, mode, prefer, cmd);
	else
		convert(argc ? argv[0] : "-", out, mode, prefer);
	return 0;
}
