/*
 * scorerec.c - liq-score's report (lib/liq_score.h computes it): one
 * record per period and score as CSV rows or JSON lines through
 * record.c, or a table for people.  liq-score(1) names the fields.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>

#include "prog.h"
#include "liq_events.h"

static const char *const fields[] = { "period", "from", "to", "test",
    "side", "score", "n", "model", "model_lo", "model_hi", "naive",
    "naive_lo", "naive_hi", "diff", "diff_lo", "diff_hi", NULL };

static const char *const side_names[] = { "long", "short", "either" };

/* "lift10" for X = 10. */
static const char *
lift_name(double x, char *buf, size_t n)
{
	snprintf(buf, n, "lift%g", x);
	return buf;
}

/* The first fields of a record. */
static void
lead(struct rec *r, const struct liq_score_period *p, const char *test,
    const char *side, const char *score, uint64_t n)
{
	rec_str(r, liq_score_period_names[p->kind]);
	rec_time(r, p->from_ms);
	rec_time(r, p->to_ms);
	rec_str(r, test);
	if (side != NULL)
		rec_str(r, side);
	else
		rec_na(r);
	rec_str(r, score);
	rec_int(r, (int64_t)n);
}

/* A count: the rest of the record missing. */
static void
count(struct rec *r, const struct liq_score_period *p, const char *test,
    const char *score, uint64_t n)
{
	lead(r, p, test, NULL, score, n);
	for (int i = 7; fields[i] != NULL; i++)
		rec_na(r);
	rec_end(r);
}

static void
score(struct rec *r, const struct liq_score_period *p, const char *test,
    const char *side, const char *score, uint64_t n,
    const struct liq_score_stat *st)
{
	lead(r, p, test, side, score, n);
	rec_ratio(r, st->model);
	rec_ratio(r, st->model_lo);
	rec_ratio(r, st->model_hi);
	rec_ratio(r, st->naive);
	rec_ratio(r, st->naive_lo);
	rec_ratio(r, st->naive_hi);
	rec_ratio(r, st->diff);
	rec_ratio(r, st->diff_lo);
	rec_ratio(r, st->diff_hi);
	rec_end(r);
}

/* A count of one side. */
static void
side_count(struct rec *r, const struct liq_score_period *p, const char *test,
    const char *side, const char *score, uint64_t n)
{
	lead(r, p, test, side, score, n);
	for (int i = 7; fields[i] != NULL; i++)
		rec_na(r);
	rec_end(r);
}

/* The lift records of p; with tot (the whole span) the counts of the
 * events left out. */
static void
lift_records(struct rec *r, const struct liq_score_period *p,
    const struct liq_lift_result *tot)
{
	char b[32];

	count(r, p, "lift", "days", p->lift_days);
	count(r, p, "lift", "bars", p->lift_bars);
	for (int sd = 0; sd < LIQ_LIFT_NSIDES; sd++)
		side_count(r, p, "lift", side_names[sd], "events",
		    p->lift_events[sd]);
	for (int sd = 0; tot != NULL && sd < 2; sd++) {
		side_count(r, p, "lift", side_names[sd], "outside_range",
		    tot->outside_range[sd]);
		side_count(r, p, "lift", side_names[sd], "no_snapshot",
		    tot->no_snapshot[sd]);
		side_count(r, p, "lift", side_names[sd], "outside_time",
		    tot->outside_time[sd]);
	}
	for (int sd = 0; sd < LIQ_LIFT_NSIDES; sd++)
		for (int j = 0; j < p->lift_nx; j++)
			score(r, p, "lift", side_names[sd],
			    lift_name(p->lift_x[j], b, sizeof(b)),
			    p->lift_events[sd], &p->lift[sd][j]);
}

static void
records(FILE *f, int json, const struct liq_csv_style *style,
    const struct liq_score_period *p, size_t np,
    const struct liq_lift_result *tot)
{
	struct rec r;
	const struct liq_score_period *p0 = p;

	rec_init(&r, f, json, fields, style);
	rec_header(&r);
	for (size_t i = 0; i < np; i++, p++) {
		count(&r, p, "bars", "bars", p->bars);
		count(&r, p, "bars", "unknown", p->unknown);
		count(&r, p, "bars", "incomplete", p->incomplete);
		count(&r, p, "bars", "days", p->days);
		for (int sd = 0; sd < 2; sd++)
			for (int k = 0; k < LIQ_SCORE_NBAR; k++)
				score(&r, p, "bars", side_names[sd],
				    liq_score_bar_names[k], p->bars,
				    &p->bar[sd][k]);
		count(&r, p, "walls", "snapshots", p->snapshots);
		count(&r, p, "walls", "scored", p->walls);
		count(&r, p, "walls", "up_first", p->up_first);
		count(&r, p, "walls", "no_wall", p->no_wall);
		count(&r, p, "walls", "untouched", p->untouched);
		count(&r, p, "walls", "both", p->both);
		count(&r, p, "walls", "past_end", p->past_end);
		for (int k = 0; k < LIQ_SCORE_NWALL; k++)
			score(&r, p, "walls", NULL, liq_score_wall_names[k],
			    p->walls, &p->wall[k]);
		if (p->lift_nx > 0)
			lift_records(&r, p, p == p0 ? tot : NULL);
	}
}

/* "0.123 [0.100, 0.150]" in a field of 24 (the last: unpadded). */
static void
cell(FILE *f, double x, double lo, double hi, int last)
{
	char b[64];

	if (isnan(lo))
		snprintf(b, sizeof(b), "%.3f", x);
	else
		snprintf(b, sizeof(b), "%.3f [%.3f, %.3f]", x, lo, hi);
	fprintf(f, last ? "  %s" : "  %-24s", b);
}

static void
row(FILE *f, const char *side, const char *score,
    const struct liq_score_stat *st)
{
	fprintf(f, "  %-6s %-14s", side, score);
	cell(f, st->model, st->model_lo, st->model_hi, 0);
	cell(f, st->naive, st->naive_lo, st->naive_hi, 0);
	cell(f, st->diff, st->diff_lo, st->diff_hi, 1);
	fputc('\n', f);
}

static void
lift_table(FILE *f, const struct liq_score_period *p,
    const struct liq_lift_result *tot)
{
	char b[32];

	fprintf(f, "  lift: %llu days, %llu bars; events used %llu long, %llu "
	    "short", (unsigned long long)p->lift_days,
	    (unsigned long long)p->lift_bars,
	    (unsigned long long)p->lift_events[0],
	    (unsigned long long)p->lift_events[1]);
	if (tot != NULL)
		fprintf(f, "; left out: %llu outside the bar's range, %llu "
		    "without a snapshot, %llu in no bar",
		    (unsigned long long)(tot->outside_range[0] +
		    tot->outside_range[1]),
		    (unsigned long long)(tot->no_snapshot[0] +
		    tot->no_snapshot[1]),
		    (unsigned long long)(tot->outside_time[0] +
		    tot->outside_time[1]));
	fputc('\n', f);
	for (int sd = 0; sd < LIQ_LIFT_NSIDES; sd++)
		for (int j = 0; j < p->lift_nx; j++)
			row(f, side_names[sd], lift_name(p->lift_x[j], b,
			    sizeof(b)), &p->lift[sd][j]);
}

static void
table(FILE *f, const struct liq_score_period *p, size_t np, int resamples,
    const struct liq_lift_result *tot)
{
	char a[40], b[40];
	const struct liq_score_period *p0 = p;

	fprintf(f, "90%% intervals: %d bootstrap resamples of whole UTC days\n",
	    resamples);
	for (size_t i = 0; i < np; i++, p++) {
		liq_time_format(p->from_ms, a, sizeof(a));
		liq_time_format(p->to_ms, b, sizeof(b));
		fprintf(f, "\n%s %s .. %s: %llu bars scored (%llu unknown "
		    "realized, %llu incomplete), %llu days\n",
		    liq_score_period_names[p->kind], a, b,
		    (unsigned long long)p->bars,
		    (unsigned long long)p->unknown,
		    (unsigned long long)p->incomplete,
		    (unsigned long long)p->days);
		fprintf(f, "  %-6s %-14s  %-24s  %-24s  %s\n", "side",
		    "score", "model", "naive", "model - naive");
		for (int sd = 0; sd < 2; sd++)
			for (int k = 0; k < LIQ_SCORE_NBAR; k++)
				row(f, side_names[sd], liq_score_bar_names[k],
				    &p->bar[sd][k]);
		fprintf(f, "  walls: %llu snapshots, %llu scored (%llu up "
		    "first); left out: %llu no wall, %llu untouched, %llu "
		    "both in one bar, %llu past the end\n",
		    (unsigned long long)p->snapshots,
		    (unsigned long long)p->walls,
		    (unsigned long long)p->up_first,
		    (unsigned long long)p->no_wall,
		    (unsigned long long)p->untouched,
		    (unsigned long long)p->both,
		    (unsigned long long)p->past_end);
		for (int k = 0; k < LIQ_SCORE_NWALL; k++)
			row(f, "walls", liq_score_wall_names[k], &p->wall[k]);
		if (p->lift_nx > 0)
			lift_table(f, p, p == p0 ? tot : NULL);
	}
}

void
scorerec_write(FILE *f, int format, const struct liq_csv_style *style,
    const struct liq_score *s, int resamples)
{
	size_t np;
	const struct liq_score_period *p = liq_score_periods(s, &np);

	const struct liq_lift_result *tot = liq_score_lift_totals(s);

	if (format == SCOREREC_TABLE)
		table(f, p, np, resamples, tot);
	else
		records(f, format == SCOREREC_JSON, style, p, np, tot);
}
