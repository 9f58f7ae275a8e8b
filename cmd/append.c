/*
 * append.c - liq-ingest --append: what an existing bars file must be
 * for new bars to go on at its end (the writing itself is out_append in
 * outfile.c, the new member's framing the library's).
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"

/*
 * The end of the last whole member of path: the byte after the last end
 * marker that another member's header follows, or -1.  Read in chunks,
 * so memory stays flat.
 */
static long long
last_whole_member(const char *path)
{
	enum { CHUNK = 1 << 20, KEEP = 31 };
	unsigned char *buf = malloc(CHUNK + KEEP);
	long long base = 0, found = -1;
	size_t have = 0, got;
	FILE *f = fopen(path, "rb");

	if (buf == NULL || f == NULL) {
		free(buf);
		if (f)
			fclose(f);
		return -1;
	}
	while ((got = fread(buf + have, 1, CHUNK, f)) > 0) {
		size_t n = have + got;

		for (size_t i = 0; i + 32 <= n; i++)
			if (buf[i] == 0x89 && memcmp(buf + i,
			    liq_file_magic_end, 8) == 0 && memcmp(buf + i + 24,
			    liq_file_magic_bars, 8) == 0)
				found = base + (long long)i + 24;
		have = n < KEEP ? n : KEEP;
		memmove(buf, buf + n - have, have);
		base += (long long)(n - have);
	}
	fclose(f);
	free(buf);
	return found;
}

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
	if (rc < 0 && strstr(e.msg, "truncated bars file") != NULL) {
		/* the last member was cut short (a run killed while it
		 * appended): the members before it are whole; cut it off */
		long long end = last_whole_member(path);

		liq_bars_reader_close(r);
		if (end <= 0)
			prog_fail(&e, NULL);
		warnx("%s: its last member was cut short (%s): cutting the file "
		    "back to its %lld bytes of whole members", path, e.msg, end);
		if (truncate(path, (off_t)end) != 0)
			err(1, "%s", path);
		if (liq_bars_reader_open(&r, path, &e) != 0)
			prog_fail(&e, NULL);
		while ((rc = liq_bars_read(r, &b, &e)) == 1)
			;
	}
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

