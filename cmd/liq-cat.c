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
#include <sys/stat.h>

#include "prog.h"

#ifndef LIQ_VERSION
#define LIQ_VERSION "0.1"
#endif

enum { M_BINARY, M_CSV, M_SERIES, M_INFO };

static const char usage_text[] =
    "usage: liq-cat [--csv | --series | --info] "
    "[--prefer first|last] [-o file]\n"
    "               [--time iso|ms] [--na text] [--exact] "
    "[file ...]\n";

static const char *outname = "stdout";
static struct liq_csv_style style;	/* --csv, --series */

static void
fail(const struct liq_error *e)
{
	char msg[1024];

	if (e->code == LIQ_EIO && e->file[0] == '\0')
		out_fail(outname, e->sys_errno);
	out_abort_all();
	errx(e->code == LIQ_EARG ? 2 : 1, "%s",
	    liq_error_format(e, msg, sizeof(msg)));
}

/* Bars, joined and with their holes filled, to binary or CSV bars. */
static void
bars_convert(struct liq_bars_merge *m, FILE *f, int csv)
{
	struct liq_bars_writer *w;
	struct liq_bar b;
	struct liq_error e;
	int rc;

	liq_error_clear(&e);
	if (liq_bars_writer_open(&w, f, liq_bars_merge_info(m),
	    csv ? &style : NULL, &e) != 0)
		fail(&e);
	while ((rc = liq_bars_merge_read(m, &b, &e)) == 1)
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
	    mode == M_CSV ? &style : NULL, &e) != 0)
		fail(&e);
	while ((rc = liq_grid_read(r, &c, &e)) == 1) {
		if (w != NULL && liq_grid_write(w, c, &e) != 0)
			fail(&e);
		if (w == NULL && liq_grid_series_row(f, c, &style) != 0) {
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
		struct stat st;

		if (strcmp(paths[i], "-") == 0 || (stat(paths[i], &st) == 0 &&
		    !S_ISREG(st.st_mode)))
			continue;	/* read once, by the merge */
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
	if (liq_bars_writer_open(&w, f, &info, mode == M_CSV ? &style : NULL,
	    &e) != 0)
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
		struct liq_bars_merge *m;
		struct liq_bars_seams sm;

		if (mode == M_SERIES)
			errx(2, "%s: --series is for grids; this is a bars "
			    "file", liq_input_name(in));
		if (liq_bars_merge_open_input(&m, in, prefer, &e) != 0)
			fail(&e);
		f = out_open(out, mode == M_CSV);
		bars_convert(m, f, mode == M_CSV);
		out_close(f, out);
		liq_bars_merge_seams(m, &sm);
		prog_seams(&sm);
		liq_bars_merge_close(m);
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
	enum { O_CSV = 256, O_SERIES, O_INFO, O_PREFER, O_VERSION, O_TIME,
	    O_NA, O_EXACT };
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "series", no_argument, NULL, O_SERIES },
		{ "info", no_argument, NULL, O_INFO },
		{ "prefer", required_argument, NULL, O_PREFER },
		{ "time", required_argument, NULL, O_TIME },
		{ "na", required_argument, NULL, O_NA },
		{ "exact", no_argument, NULL, O_EXACT },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL;
	char cmd[1024];
	int ch, mode = M_BINARY, nmode = 0, prefer = LIQ_PREFER_NONE;

	command_line(cmd, sizeof(cmd), argc, argv);
	liq_csv_style_init(&style);
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
		case O_TIME:
			csv_style_arg(&style, "--time", optarg);
			break;
		case O_NA:
			csv_style_arg(&style, "--na", optarg);
			break;
		case O_EXACT:
			csv_style_arg(&style, "--exact", NULL);
			break;
		case 'o':
			out = optarg;
			break;
		case O_VERSION:
			printf("liq-cat %s\n", LIQ_VERSION);
			return 0;
		case 'h':
			prog_help(usage_text, help_cat);
		default:
			prog_usage(stderr, usage_text);
		}
	}
	argc -= optind;
	argv += optind;
	if (nmode > 1)
		errx(2, "give one of --csv, --series and --info");
	if (out)
		outname = out;
	out_check((struct out_name[]){ { "-o", out, 0 } }, 1, argc ? (const char
	    *const *)argv : (const char *const []){ "-" }, argc ? argc : 1);
	if (mode == M_INFO) {
		FILE *f = out_open(out, 1);
		int status = 0;

		if (argc == 0)
			status |= fileinfo(f, "-");
		for (int i = 0; i < argc; i++) {
			if (i > 0)
				fputc('\n', f);
			status |= fileinfo(f, argv[i]);
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
