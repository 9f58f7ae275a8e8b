/*
 * score.c - unit tests of the scorer (liq_score.h) fed columns directly:
 * Spearman's rho with tied values (average ranks) worked out by hand,
 * the top-k count rounded half to even, the months of a span that
 * crosses a month's end, the bootstrap's determinism (the same seed, the
 * same intervals; another seed, others), one-day periods, and every
 * error the header documents.
 * Prints TAP-style "ok N - ..." lines; exits 1 if any check failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "tap.h"

#define NB 10
#define HOUR INT64_C(3600000)


static float cells[2][NB];

static void
grid_info(struct liq_grid_info *g, int64_t start)
{
	memset(g, 0, sizeof(*g));
	g->start_ms = start;
	g->step_ms = HOUR;
	g->nbins = NB;
	g->nlayers = 2;
	g->price_min = 100;
	g->price_max = 200;
}

/* A column at t: open 100, high 101, low 100 - lo_drop, oi 1000. */
static void
column(struct liq_grid_column *c, int64_t t, double pl, double rl,
    double lo_drop)
{
	memset(c, 0, sizeof(*c));
	c->time_ms = t;
	c->open = 100;
	c->high = 101;
	c->low = 100 - lo_drop;
	c->close = 100;
	c->oi_quote = 1000;
	c->pred_long = pl;
	c->pred_short = 1;
	c->real_long = rl;
	c->real_short = 1;
	c->layer[0] = c->long_usd = cells[0];
	c->layer[1] = c->short_usd = cells[1];
}

/* Score n hourly columns from t0 with the given pred and real (long). */
static struct liq_score *
run(const struct liq_score_options *o, int64_t t0, const double *pl,
    const double *rl, int n, struct liq_error *e)
{
	struct liq_grid_info g;
	struct liq_grid_column c;
	struct liq_score *s;

	grid_info(&g, t0);
	if (liq_score_new(&s, o, e) != 0)
		return NULL;
	if (liq_score_grid(s, &g, "unit", e) != 0)
		goto bad;
	for (int i = 0; i < n; i++) {
		column(&c, t0 + i * HOUR, pl[i], rl[i], 1 + (i * 7) % 5);
		if (liq_score_column(s, &c, e) != 0)
			goto bad;
	}
	if (liq_score_grid_end(s, e) != 0 || liq_score_finish(s, e) != 0)
		goto bad;
	return s;
bad:
	liq_score_free(s);
	return NULL;
}

int
main(void)
{
	struct liq_score_options o;
	struct liq_error e;
	struct liq_score *s, *s2;
	const struct liq_score_period *p, *p2;
	struct liq_grid_info g;
	struct liq_grid_column c;
	size_t np, np2;
	int64_t jan5 = INT64_C(1767571200000);	/* 2026-01-05 */
	int64_t jan31 = INT64_C(1769817600000);	/* 2026-01-31 */
	double pl[240], rl[240];

	memset(cells, 0, sizeof(cells));
	liq_score_options_init(&o);

	/*
	 * Ties: pred 1 1 2 3, real 1 2 3 4.  Ranks of pred 1.5 1.5 3 4
	 * (mean 2.5): deviations -1 -1 0.5 1.5, of real -1.5 -0.5 0.5 1.5;
	 * cov = 1.5 + 0.5 + 0.25 + 2.25 = 4.5, var 1+1+0.25+2.25 = 4.5 and
	 * 2.25+0.25+0.25+2.25 = 5: rho = 4.5 / sqrt(4.5 x 5) = 0.948683.
	 */
	{
		double a[4] = { 1, 1, 2, 3 }, b[4] = { 1, 2, 3, 4 };

		o.resamples = 0;
		s = run(&o, jan5, a, b, 4, &e);
		check(s != NULL, "four columns scored");
		if (s == NULL)
			return 1;
		p = liq_score_periods(s, &np);
		check(np == 2 && p[0].kind == LIQ_PERIOD_ALL &&
		    p[1].kind == LIQ_PERIOD_MONTH, "the span and one month");
		near(p[0].bar[0][LIQ_SCORE_RHO].model, 4.5 / sqrt(22.5), 1e-12,
		    "rho with tied predictions: 0.948683 (average ranks)");
		near(p[0].bar[0][LIQ_SCORE_RATIO].model, 7.0 / 10, 1e-12,
		    "ratio of totals 7/10");
		check(isnan(p[0].bar[0][LIQ_SCORE_RHO].model_lo),
		    "no resamples: no interval");
		liq_score_free(s);
	}

	/*
	 * Top k rounded half to even: 25 bars, pred = real = i + 1; 25 x
	 * 0.10 = 2.5 -> 2 bars (25 + 24 of 325), 25 x 0.05 = 1.25 -> 1,
	 * 25 x 0.20 = 5 -> 5 (25 + ... + 21 = 115).
	 */
	for (int i = 0; i < 25; i++)
		pl[i] = rl[i] = i + 1;
	s = run(&o, jan5, pl, rl, 25, &e);
	check(s != NULL, "25 columns scored");
	if (s == NULL)
		return 1;
	p = liq_score_periods(s, &np);
	near(p[0].bar[0][LIQ_SCORE_TOP10].model, 49.0 / 325, 1e-12,
	    "top10 of 25 bars: round(2.5) = 2 bars");
	near(p[0].bar[0][LIQ_SCORE_TOP5].model, 25.0 / 325, 1e-12,
	    "top5 of 25 bars: 1 bar");
	near(p[0].bar[0][LIQ_SCORE_TOP20].model, 115.0 / 325, 1e-12,
	    "top20 of 25 bars: 5 bars");
	near(p[0].bar[0][LIQ_SCORE_PEARSON].model, 1, 1e-12,
	    "pearson of log1p of equal values: 1");
	liq_score_free(s);

	/* Three days across a month's end: Jan 31, Feb 1, Feb 2. */
	for (int i = 0; i < 72; i++) {
		pl[i] = (i * 37) % 72 + 1;
		rl[i] = (i * 37) % 72 + 1 + (i % 5) * 20;
	}
	o.resamples = 200;
	s = run(&o, jan31, pl, rl, 72, &e);
	s2 = run(&o, jan31, pl, rl, 72, &e);
	check(s != NULL && s2 != NULL, "72 columns scored twice");
	if (s == NULL || s2 == NULL)
		return 1;
	p = liq_score_periods(s, &np);
	p2 = liq_score_periods(s2, &np2);
	check(np == 3 && p[1].bars == 24 && p[2].bars == 48 &&
	    p[1].to_ms == jan31 + 24 * HOUR && p[2].from_ms == p[1].to_ms,
	    "months: January holds 24 bars, February 48");
	check(p[0].days == 3 && p[1].days == 1 && p[2].days == 2,
	    "days per period");
	check(memcmp(p, p2, sizeof(*p) * np) == 0,
	    "the same input and seed: the same numbers, bit for bit");
	check(p[1].bar[0][LIQ_SCORE_RHO].model_lo ==
	    p[1].bar[0][LIQ_SCORE_RHO].model &&
	    p[1].bar[0][LIQ_SCORE_RHO].model_hi ==
	    p[1].bar[0][LIQ_SCORE_RHO].model,
	    "a one-day month: every resample is the day, a point interval");
	check(p[0].bar[0][LIQ_SCORE_RHO].model_lo <
	    p[0].bar[0][LIQ_SCORE_RHO].model_hi &&
	    p[0].bar[0][LIQ_SCORE_RHO].model_lo <=
	    p[0].bar[0][LIQ_SCORE_RHO].model + 1e-12,
	    "three days: an interval of some width below the estimate's top");
	liq_score_free(s2);
	liq_score_free(s);
	/* ten days: many distinct resamples */
	for (int i = 0; i < 240; i++) {
		pl[i] = (i * 37) % 240 + 1;
		rl[i] = (i * 37) % 240 + 1 + (i % 7) * 30;
	}
	s = run(&o, jan5, pl, rl, 240, &e);
	o.seed = 7;
	s2 = run(&o, jan5, pl, rl, 240, &e);
	check(s != NULL && s2 != NULL, "240 columns scored with two seeds");
	if (s == NULL || s2 == NULL)
		return 1;
	p = liq_score_periods(s, &np);
	p2 = liq_score_periods(s2, &np2);
	check(p2[0].bar[0][LIQ_SCORE_RHO].model ==
	    p[0].bar[0][LIQ_SCORE_RHO].model &&
	    (p2[0].bar[0][LIQ_SCORE_RHO].model_lo !=
	    p[0].bar[0][LIQ_SCORE_RHO].model_lo ||
	    p2[0].bar[0][LIQ_SCORE_RHO].model_hi !=
	    p[0].bar[0][LIQ_SCORE_RHO].model_hi),
	    "another seed: the same estimate, other resamples");
	liq_score_free(s);
	liq_score_free(s2);
	liq_score_options_init(&o);

	/* errors */
	o.horizon_ms = 0;
	check(liq_score_new(&s, &o, &e) == LIQ_EARG && s == NULL,
	    "a horizon of 0: LIQ_EARG");
	liq_score_options_init(&o);
	o.from_ms = jan5;
	o.to_ms = jan5;
	check(liq_score_new(&s, &o, &e) == LIQ_EARG, "an empty window: LIQ_EARG");
	liq_score_options_init(&o);
	o.walls_every_ms = 90 * 60000;
	grid_info(&g, jan5);
	check(liq_score_new(&s, &o, &e) == 0 &&
	    liq_score_grid(s, &g, "unit", &e) == LIQ_EARG,
	    "--walls-every 90m on an hourly grid: LIQ_EARG");
	liq_score_free(s);
	liq_score_options_init(&o);
	check(liq_score_new(&s, &o, &e) == 0 &&
	    liq_score_grid(s, &g, "unit.grid", &e) == 0, "a scorer");
	column(&c, jan5, 1, NAN, 1);
	c.real_short = NAN;
	check(liq_score_column(s, &c, &e) == 0 &&
	    liq_score_grid_end(s, &e) == LIQ_EDATA &&
	    strcmp(e.file, "unit.grid") == 0 &&
	    strstr(e.msg, "no realized liquidations") != NULL,
	    "a grid without realized liquidations: LIQ_EDATA naming it");
	liq_score_free(s);
	check(liq_score_new(&s, &o, &e) == 0, "a scorer");
	for (int k = 0; k < 2; k++) {
		column(&c, jan5, 1, 2, 1);
		liq_score_grid(s, &g, k ? "b.grid" : "a.grid", &e);
		liq_score_column(s, &c, &e);
		liq_score_grid_end(s, &e);
	}
	check(liq_score_finish(s, &e) == LIQ_EDATA &&
	    strstr(e.msg, "a.grid") != NULL && strcmp(e.file, "b.grid") == 0,
	    "two grids with one time: LIQ_EDATA naming both");
	liq_score_free(s);
	o.from_ms = jan5 + 100 * HOUR;
	check(liq_score_new(&s, &o, &e) == 0, "a scorer with a window");
	liq_score_grid(s, &g, "a.grid", &e);
	liq_score_column(s, &c, &e);
	liq_score_grid_end(s, &e);
	check(liq_score_finish(s, &e) == LIQ_EDATA &&
	    strstr(e.msg, "no columns in the window") != NULL,
	    "no column in the window: LIQ_EDATA");
	liq_score_free(s);
	liq_score_free(NULL);

	printf("# score: %d tests, %d failed\n", ntest, nfail);
	return nfail != 0;
}
