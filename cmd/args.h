/*
 * args.h - option values every liq program parses the same way: whole
 * numbers, numbers, times and durations in a range (exit 2 with the
 * option and the text otherwise), and the command line as recorded in an
 * output's metadata.  Header-only, like outfile.h.
 */
#ifndef LIQ_ARGS_H
#define LIQ_ARGS_H

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "liq.h"

static inline int64_t
int_arg(const char *opt, const char *s, int64_t min, int64_t max)
{
	int64_t v;

	if (liq_parse_int64(s, strlen(s), &v) != 0 || v < min || v > max)
		errx(2, "%s: not a whole number from %lld to %lld: \"%s\"", opt,
		    (long long)min, (long long)max, s);
	return v;
}

static inline double
num_arg(const char *opt, const char *s, double min, double max)
{
	double v;

	if (liq_parse_double(s, strlen(s), &v) != 0 || !(v >= min) ||
	    !(v <= max))
		errx(2, "%s: not a number from %g to %g: \"%s\"", opt, min, max,
		    s);
	return v;
}

/* ISO 8601 UTC or epoch milliseconds. */
static inline int64_t
time_arg(const char *opt, const char *s)
{
	int64_t ms;

	if (liq_parse_time(s, strlen(s), &ms) != 0)
		errx(2, "%s: not a time (ISO 8601 UTC or epoch ms): \"%s\"",
		    opt, s);
	return ms;
}

/* A duration ("500ms" ... "1y") of min_ms to max_ms. */
static inline int64_t
duration_arg(const char *opt, const char *s, int64_t min_ms, int64_t max_ms)
{
	char lo[32], hi[32];
	int64_t ms;

	if (liq_parse_duration(s, strlen(s), &ms) != 0 || ms < min_ms ||
	    ms > max_ms)
		errx(2, "%s: not a duration (e.g. 1m, 1h, 7d, 1y) from %s to "
		    "%s: \"%s\"", opt, liq_duration_format(min_ms, lo,
		    sizeof(lo)), liq_duration_format(max_ms, hi, sizeof(hi)), s);
	return ms;
}

/* The command line as one string (quoted where needed), for the metadata
 * of the output: every liq file says what made it. */
static inline void
command_line(char *buf, size_t n, int argc, char **argv)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < argc && o + 1 < n; i++) {
		int k = snprintf(buf + o, n - o, strpbrk(argv[i], " \t'\"") ?
		    "%s'%s'" : "%s%s", i ? " " : "", argv[i]);

		if (k < 0)
			break;
		o += (size_t)k;
	}
}

#endif
