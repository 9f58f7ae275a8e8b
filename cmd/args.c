/*
 * args.c - option values every liq program parses the same way: whole
 * numbers, numbers, times and durations in a range, words from a list and
 * short strings (exit 2 with the option and the text otherwise), and the
 * command line as recorded in an output's metadata.
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

int64_t
int_arg(const char *opt, const char *s, int64_t min, int64_t max)
{
	int64_t v;

	if (liq_parse_int64(s, strlen(s), &v) != 0 || v < min || v > max)
		errx(2, "%s: not a whole number from %lld to %lld: \"%s\"", opt,
		    (long long)min, (long long)max, s);
	return v;
}

double
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
int64_t
time_arg(const char *opt, const char *s)
{
	int64_t ms;

	size_t n = strlen(s);

	if (liq_parse_time(s, n, &ms) != 0)
		errx(2, "%s: not a time (ISO 8601 UTC or epoch ms): \"%s\"",
		    opt, s);
	/* a bare number before 1973 is a year, a date or epoch seconds
	 * ("2026", "20260210", "1767225600"), not the ms it would be */
	if (n > 0 && strspn(s, "0123456789") == n && ms < INT64_C(100000000000))
		errx(2, "%s: \"%s\" as epoch milliseconds is in %s: give an ISO "
		    "8601 time (2026-01-01, 2026-01-01T14:00) or epoch ms",
		    opt, s, ms < 31536000000 ? "1970" : "1971-1973");
	return ms;
}

void
csv_style_arg(struct liq_csv_style *s, const char *opt, const char *arg)
{
	static const char *const times[] = { "iso", "ms", NULL };

	if (strcmp(opt, "--time") == 0)
		s->time_ms = choice_arg(opt, arg, times) == 1;
	else if (strcmp(opt, "--exact") == 0)
		s->exact = 1;
	else {
		if (strpbrk(arg, ",\"\r\n") != NULL || strlen(arg) > 40)
			errx(2, "%s: a missing value is up to 40 characters "
			    "without a comma, quote or line break: \"%s\"",
			    opt, arg);
		s->na = arg;
	}
}

/* A duration ("500ms" ... "1y") of min_ms to max_ms. */
int64_t
duration_arg(const char *opt, const char *s, int64_t min_ms, int64_t max_ms)
{
	char lo[32], hi[32];
	int64_t ms;

	size_t n = strlen(s);

	if (n > 0 && strspn(s, "0123456789") == n && strspn(s, "0") != n)
		errx(2, "%s: a duration needs a unit: \"%s\" (%sd for days, "
		    "%sh for hours; units ms, s, m, h, d, w, y)", opt, s, s, s);
	if (liq_parse_duration(s, n, &ms) != 0 || ms < min_ms ||
	    ms > max_ms)
		errx(2, "%s: not a duration (e.g. 1m, 1h, 7d, 1y) from %s to "
		    "%s: \"%s\"", opt, liq_duration_format(min_ms, lo,
		    sizeof(lo)), liq_duration_format(max_ms, hi, sizeof(hi)), s);
	return ms;
}

void
from_to_check(int64_t from_ms, int64_t to_ms)
{
	if (from_ms != INT64_MIN && to_ms != INT64_MAX && to_ms <= from_ms)
		errx(2, "--to must be after --from");
}

int
word_arg(const char *opt, const char *s, const char *const *words)
{
	int i = liq_rule_parse(words, s);

	if (i < 0)
		errx(2, "%s: unknown value \"%s\"", opt, s);
	return i;
}

int
choice_arg(const char *opt, const char *s, const char *const *words)
{
	char list[256];
	size_t o = 0;
	int i, n;

	for (n = 0; words[n] != NULL; n++)
		if (strcmp(words[n], s) == 0)
			return n;
	list[0] = '\0';
	for (i = 0; i < n && o < sizeof(list); i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
		    i == 0 ? "" : i == n - 1 ? " or " : ", ", words[i]);
	errx(2, "%s: %s: \"%s\"", opt, list, s);
}

/* Texts reach the bars header, a metadata line each: a control character
 * would forge lines there or break the CSV form. */
void
no_ctl(const char *what, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			errx(2, "%s: a control character (byte 0x%02x) is not "
			    "allowed: the text goes into the bars header", what,
			    *p);
}

void
copy_arg(char *dst, size_t n, const char *opt, const char *s)
{
	if (strlen(s) >= n || s[0] == '\0')
		errx(2, "%s: empty or too long: \"%s\"", opt, s);
	memcpy(dst, s, strlen(s) + 1);
}

/* The command line as one string (quoted where needed), for the metadata
 * of the output: every liq file says what made it. */
void
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

int
prefer_arg(const char *opt, const char *s)
{
	static const char *const words[] = { "none", "first", "last", NULL };
	int i = liq_rule_parse(words, s);

	if (i <= 0)
		errx(2, "%s: first or last: \"%s\"", opt, s);
	return i == 1 ? LIQ_PREFER_FIRST : LIQ_PREFER_LAST;
}
