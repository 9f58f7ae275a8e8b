/*
 * append.c - liq-ingest --append: what an existing bars file must be
 * for new bars to go on at its end (the writing itself is out_append in
 * outfile.c, the new member's framing the library's).
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

/* --append: the bars already in path must be of the run's market;
 * returns the time of their last bar. */
int64_t
append_check(const char *path, const struct liq_bars_info *want)
{
	struct liq_bars_reader *r;
	struct liq_error e;
	struct liq_bar b;
	const struct liq_bars_info *have;
	char i1[32], i2[32], c1[40], c2[40];
	int type, cont, rc;

	if (liq_file_detect(path, &type, &cont, &e) != 0)
		prog_fail(&e, NULL);
	if (type != LIQ_FILE_BARS || cont != LIQ_CONT_PLAIN)
		errx(1, "%s: --append needs an uncompressed binary bars file, "
		    "not %s%s", path, cont == LIQ_CONT_PLAIN ? "" :
		    cont == LIQ_CONT_GZIP ? "gzip'd " : "zipped ",
		    liq_file_type_name(type));
	if (liq_bars_reader_open(&r, path, &e) != 0)
		prog_fail(&e, NULL);
	while ((rc = liq_bars_read(r, &b, &e)) == 1)
		;
	if (rc < 0)
		prog_fail(&e, NULL);
	have = liq_bars_reader_info(r);
	if (strcmp(have->venue, want->venue) != 0 ||
	    strcmp(have->symbol, want->symbol) != 0 ||
	    have->market != want->market ||
	    have->contract_size != want->contract_size ||
	    have->interval_ms != want->interval_ms)
	{
		liq_format_double(have->contract_size, c1);
		liq_format_double(want->contract_size, c2);
		errx(1, "%s: --append: the file holds %s %s %s %s bars "
		    "(contract size %s), the new ones are %s %s %s %s bars "
		    "(contract size %s)", path, have->venue, have->symbol,
		    liq_market_name(have->market), liq_duration_format(
		    have->interval_ms, i1, sizeof(i1)), c1, want->venue,
		    want->symbol, liq_market_name(want->market),
		    liq_duration_format(want->interval_ms, i2, sizeof(i2)), c2);
	}
	rc = have->nbars > 0;
	b.time_ms = have->last_ms;
	liq_bars_reader_close(r);
	return rc ? b.time_ms : INT64_MIN;
}

