/*
 * prog.c - what makes a liq program one of a family: its name, -h and
 * --version answered the same way, and one rule from a library error to
 * the message and the exit status (0 success, 1 data or I/O error, 2 usage
 * error), used by every program.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

/* The Makefile's VERSION (make passes it); a build without it says so. */
#ifndef LIQ_VERSION
#define LIQ_VERSION "unknown"
#endif

static const char *name;

void
prog_init(const char *progname)
{
	name = progname;
}

const char *
prog_name(void)
{
	return name != NULL ? name : program_invocation_short_name;
}

void
prog_usage(FILE *f, const char *text)
{
	fputs(text, f);
	exit(f == stdout ? 0 : 2);
}

void
prog_help(const char *usage, const struct prog_opt_help *table)
{
	fputs(usage, stdout);
	putchar('\n');
	for (; table->opt != NULL; table++) {
		int w = (int)strlen(table->opt) <= 18 ? 18 : 0;

		printf("  %-*s  %s", w, table->opt, table->what);
		if (table->dflt != NULL)
			printf(" (%s)", table->dflt);
		putchar('\n');
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		err(1, "stdout");
	exit(0);
}

void
prog_version(const char *detail)
{
	if (detail != NULL)
		printf("%s %s (%s)\n", prog_name(), LIQ_VERSION, detail);
	else
		printf("%s %s\n", prog_name(), LIQ_VERSION);
	exit(0);
}

int
prog_status(const struct liq_error *e)
{
	return e->code == LIQ_EARG ? 2 : 1;
}

void
prog_fail(const struct liq_error *e, const char *out)
{
	char msg[1024];

	if (e->code == LIQ_EIO && e->sys_errno == EPIPE)
		out_fail(out, EPIPE);	/* the reader is gone: quietly */
	out_abort_all();
	if (e->code == LIQ_EIO && e->file[0] == '\0')
		errx(1, "%s: %s%s%s", out != NULL ? out : "stdout", e->msg,
		    e->sys_errno ? ": " : "",
		    e->sys_errno ? strerror(e->sys_errno) : "");
	errx(prog_status(e), "%s", liq_error_format(e, msg, sizeof(msg)));
}

void
prog_seams(const struct liq_bars_seams *sm)
{
	char a[48], b[48], d[32];

	if (sm->gaps == 0)
		return;
	warnx("%llu hole%s between files (the first from %s, the longest "
	    "%s from %s): filled with %llu flat gap bars",
	    (unsigned long long)sm->gaps, sm->gaps == 1 ? "" : "s",
	    liq_time_format(sm->first_gap_ms, a, sizeof(a)),
	    liq_duration_format(sm->longest_gap_ms, d, sizeof(d)),
	    liq_time_format(sm->longest_gap_at_ms, b, sizeof(b)),
	    (unsigned long long)sm->gap_bars);
}

/* Say when price went past the automatic axis: what the book holds there
 * is in the bins outside the grid, which the grid does not show. */
void
prog_axis_warning(const struct liq_estimate *est,
    const struct liq_estimate_options *o, int quiet)
{
	const struct liq_grid_info *g = liq_estimate_grid_info(est);
	int64_t t = liq_estimate_left_axis(est);
	char a[40], b[40], c[40];

	if (t == INT64_MIN || quiet || (!isnan(o->price_min) &&
	    !isnan(o->price_max)))
		return;
	liq_format_double(g->price_min, a);
	liq_format_double(g->price_max, b);
	warnx("warning: price left the grid's axis [%s, %s) at %s; levels "
	    "past it are held outside the grid: set the axis with "
	    "--price-min and --price-max", a, b,
	    liq_time_format(t, c, sizeof(c)));
}

/* Say how many inputs had no open interest and took it from volume, and
 * which was a bars CSV read with default metadata, and which had no
 * bracket table of their own (or bars before it). */
void
prog_proxy_warning(const struct liq_estimate *est,
    const struct liq_estimate_options *o, int quiet)
{
	int n = liq_estimate_proxied(est);
	const char *path, *what = liq_estimate_assumed(est, &path), *s;

	for (int i = 0; (s = liq_estimate_brackets_note(est, i)) != NULL; i++)
		if (*s != '\0' && !quiet)
			warnx("warning: %s", s);
	if (n > 0 && !quiet)
		warnx("warning: %d input%s without open interest: \u0394OI "
		    "taken as %g of each bar's volume (--oi-proxy)", n,
		    n == 1 ? "" : "s", o->oi_proxy);
	if (what != NULL && !quiet)
		warnx("warning: %s: a bars CSV without all of its metadata, "
		    "read as %s: add \"# key=value\" lines (liq-bars(5)) to "
		    "say otherwise", path, what);
}
