/*
 * gridconv.c - a grid (liq-grid(5)) converted to its CSV form and/or its
 * series, column by column: what liq-estimate does when given a grid
 * instead of bars; and the series output of a grid being made.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

int
gridconv_is_grid(const char *path)
{
	struct liq_error e;
	int type;

	if (path == NULL || strcmp(path, "-") == 0)
		return 0;
	return liq_file_detect(path, &type, NULL, &e) == 0 &&
	    type == LIQ_FILE_GRID;
}

FILE *
series_open(const char *path)
{
	FILE *f = out_open(path, 1);

	liq_grid_series_header(f);
	return f;
}

int
series_row(FILE *f, const struct liq_grid_column *c,
    const struct liq_csv_style *s, struct liq_error *e)
{
	if (f != NULL && liq_grid_series_row(f, c, s) != 0) {
		int se = errno;

		liq_error_set(e, LIQ_EIO, out_name(f), 0, NULL, NULL, 0,
		    "write error (--series)");
		e->sys_errno = se;
		return e->code;
	}
	return 0;
}

/*
 * Errors name the output "stdout" whatever -o says, as liq-estimate always
 * has (prog_fail(e, NULL)).
 */
void
gridconv_run(const char *path, const char *out, int csv, const char *series,
    const struct liq_csv_style *style)
{
	struct liq_grid_reader *r;
	struct liq_grid_column *c;
	struct liq_grid_writer *w = NULL;
	struct liq_error e;
	FILE *f = NULL, *sf = NULL;
	int rc;

	liq_error_clear(&e);
	if (!csv && series == NULL)
		errx(2, "%s is a grid: give --csv or --series FILE to convert "
		    "it", path);
	if (liq_grid_reader_open(&r, path, &e) != 0)
		prog_fail(&e, NULL);
	if (csv) {
		f = out_open(out, 1);
		if (liq_grid_writer_open(&w, f, liq_grid_reader_info(r), style,
		    &e) != 0)
			prog_fail(&e, out_name(f));
	}
	if (series != NULL)
		sf = series_open(series);
	while ((rc = liq_grid_read(r, &c, &e)) == 1)
		if ((w != NULL && liq_grid_write(w, c, &e) != 0) ||
		    series_row(sf, c, style, &e) != 0)
			prog_fail(&e, out_name(f));
	if (rc < 0 || (w != NULL && liq_grid_writer_close(w, &e) != 0))
		prog_fail(&e, out_name(f));
	if (sf != NULL)
		out_close(sf, series);
	if (f != NULL)
		out_close(f, out);
	liq_grid_writer_free(w);
	liq_grid_reader_close(r);
}
