/*
 * score_lift.c - liq-score's "where": the lift of liq_events.h (the
 * share of realized notional in the bins of the map's top X % inside
 * the bar's range, over X / 100) for every grid of a run, its days kept
 * so that each period's lift is a sum of days, bootstrapped by days like
 * the other scores (score.c).  The lift itself is lib/events_lift.c's;
 * this file only feeds it the columns, each with the one before it, and
 * adds up what it returns.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq_events.h"
#include "score_int.h"

_Static_assert(LIQ_SCORE_LIFT_MAX_X == LIQ_LIFT_MAX_X &&
    LIQ_SCORE_LIFT_NSIDES == LIQ_LIFT_NSIDES,
    "liq_score.h and liq_events.h disagree on the lift's sizes");

#define DAY_MS INT64_C(86400000)

struct score_lift {
	const struct liq_events *ev;
	struct liq_lift_options o;
	struct liq_lift *l;		/* the current grid's */
	struct liq_grid_column prev;	/* the column before, sums only */
	float *cells;
	uint32_t nbins;
	int have_prev;
	struct liq_lift_day *day;
	size_t nday, capday;
	struct liq_lift_result tot;
	/* a period's days and their draws, for the bootstrap */
	const struct liq_lift_day *pday;
	size_t npday;
	uint32_t *cnt;
};

static int
nomem(struct liq_error *e)
{
	return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
}

int
score_lift_new(struct score_lift **slp, const struct liq_events *ev,
    const struct liq_lift_options *o, struct liq_error *e)
{
	struct score_lift *sl;

	*slp = NULL;
	if ((sl = calloc(1, sizeof(*sl))) == NULL)
		return nomem(e);
	sl->ev = ev;
	if (o != NULL)
		sl->o = *o;
	else
		liq_lift_options_init(&sl->o);
	sl->tot.nx = sl->o.nx;
	memcpy(sl->tot.x_pct, sl->o.x_pct, sizeof(sl->tot.x_pct));
	*slp = sl;
	return 0;
}

void
score_lift_free(struct score_lift *sl)
{
	if (sl == NULL)
		return;
	liq_lift_free(sl->l);
	free(sl->cells);
	free(sl->day);
	free(sl->cnt);
	free(sl);
}

int
score_lift_grid(struct score_lift *sl, const struct liq_grid_info *g,
    struct liq_error *e)
{
	int rc;

	liq_lift_free(sl->l);
	sl->l = NULL;
	if ((rc = liq_lift_new(&sl->l, g, sl->ev, &sl->o, e)) != 0)
		return rc;
	free(sl->cells);
	if ((sl->cells = malloc(2 * sizeof(float) * g->nbins)) == NULL)
		return nomem(e);
	sl->nbins = g->nbins;
	sl->have_prev = 0;
	return 0;
}

int
score_lift_column(struct score_lift *sl, const struct liq_grid_column *c,
    int in_window, struct liq_error *e)
{
	int rc;

	if (in_window && (rc = liq_lift_add(sl->l, sl->have_prev ? &sl->prev :
	    NULL, c, e)) != 0)
		return rc;
	memcpy(sl->cells, c->long_usd, sizeof(float) * sl->nbins);
	memcpy(sl->cells + sl->nbins, c->short_usd, sizeof(float) * sl->nbins);
	sl->prev = *c;
	memset(sl->prev.layer, 0, sizeof(sl->prev.layer));
	sl->prev.long_usd = sl->cells;
	sl->prev.short_usd = sl->cells + sl->nbins;
	sl->have_prev = 1;
	return 0;
}

int
score_lift_grid_end(struct score_lift *sl, struct liq_error *e)
{
	struct liq_lift_result r;
	size_t n = liq_lift_ndays(sl->l);

	if (sl->nday + n > sl->capday) {
		size_t cap = (sl->nday + n) * 2;
		struct liq_lift_day *p = realloc(sl->day, cap * sizeof(*p));

		if (p == NULL)
			return nomem(e);
		sl->day = p;
		sl->capday = cap;
	}
	for (size_t i = 0; i < n; i++)
		sl->day[sl->nday++] = *liq_lift_day(sl->l, i);
	liq_lift_result(sl->l, &r);
	for (int s = 0; s < 2; s++) {
		sl->tot.events_used[s] += r.events_used[s];
		sl->tot.outside_range[s] += r.outside_range[s];
		sl->tot.no_snapshot[s] += r.no_snapshot[s];
		sl->tot.notional_used[s] += r.notional_used[s];
		sl->tot.notional_outside_range[s] += r.notional_outside_range[s];
		sl->tot.notional_no_snapshot[s] += r.notional_no_snapshot[s];
	}
	sl->tot.bars_added += r.bars_added;
	sl->tot.bars += r.bars;
	sl->tot.bars_events += r.bars_events;
	liq_lift_free(sl->l);
	sl->l = NULL;
	return 0;
}

static int
by_day(const void *a, const void *b)
{
	const struct liq_lift_day *x = a, *y = b;

	return (x->day_ms > y->day_ms) - (x->day_ms < y->day_ms);
}

int
score_lift_finish(struct score_lift *sl, struct liq_error *e)
{
	const struct liq_event *ev = liq_events_array(sl->ev);
	size_t n = liq_events_count(sl->ev), k = 0;
	uint64_t cnt[2] = { 0, 0 };
	double sum[2] = { 0, 0 };

	/* the days of grids that share a day (cut inside it) summed */
	qsort(sl->day, sl->nday, sizeof(*sl->day), by_day);
	for (size_t i = 0; i < sl->nday; i++) {
		struct liq_lift_day *d = &sl->day[k], *x = &sl->day[i];

		if (i == 0 || x->day_ms != d->day_ms) {
			sl->day[k = i == 0 ? 0 : k + 1] = *x;
			continue;
		}
		for (int s = 0; s < LIQ_LIFT_NSIDES; s++) {
			for (int j = 0; j < LIQ_LIFT_MAX_X; j++) {
				d->num[s][j] += x->num[s][j];
				d->naive_num[s][j] += x->naive_num[s][j];
			}
			d->den[s] += x->den[s];
			d->events[s] += x->events[s];
		}
		d->bars += x->bars;
	}
	sl->nday = sl->nday ? k + 1 : 0;
	for (size_t i = 0; i < n; i++) {
		cnt[ev[i].side]++;
		sum[ev[i].side] += ev[i].notional_quote;
	}
	for (int s = 0; s < 2; s++) {
		sl->tot.outside_time[s] = cnt[s] - sl->tot.events_used[s] -
		    sl->tot.outside_range[s] - sl->tot.no_snapshot[s];
		sl->tot.notional_outside_time[s] = sum[s] -
		    sl->tot.notional_used[s] - sl->tot.notional_outside_range[s] -
		    sl->tot.notional_no_snapshot[s];
	}
	for (int s = 0; s < LIQ_LIFT_NSIDES; s++)
		for (int j = 0; j < sl->o.nx; j++) {
			double den = 0, x = sl->o.x_pct[j] / 100;
			struct liq_lift_score *a = &sl->tot.score[s][j];
			struct liq_lift_score *b = &sl->tot.naive[s][j];

			memset(a, 0, sizeof(*a));
			memset(b, 0, sizeof(*b));
			for (size_t i = 0; i < sl->nday; i++) {
				den += sl->day[i].den[s];
				a->num += sl->day[i].num[s][j];
				b->num += sl->day[i].naive_num[s][j];
			}
			a->den = b->den = den;
			a->share = den > 0 ? a->num / den : NAN;
			b->share = den > 0 ? b->num / den : NAN;
			a->lift = a->share / x;
			b->lift = b->share / x;
		}
	(void)e;
	return 0;
}

const struct liq_lift_result *
score_lift_totals(const struct score_lift *sl)
{
	return &sl->tot;
}

/* The lifts of the days drawn: (map, naive) per side and X. */
static void
lift_fn(void *ctx, double *out)
{
	const struct score_lift *sl = ctx;
	int nx = sl->o.nx;

	for (int s = 0; s < LIQ_LIFT_NSIDES; s++) {
		double den = 0, num[LIQ_LIFT_MAX_X], nai[LIQ_LIFT_MAX_X];

		for (int j = 0; j < nx; j++)
			num[j] = nai[j] = 0;
		for (size_t i = 0; i < sl->npday; i++) {
			const struct liq_lift_day *d = &sl->pday[i];
			double c = sl->cnt[i];

			if (c == 0)
				continue;
			den += c * d->den[s];
			for (int j = 0; j < nx; j++) {
				num[j] += c * d->num[s][j];
				nai[j] += c * d->naive_num[s][j];
			}
		}
		for (int j = 0; j < nx; j++) {
			double x = sl->o.x_pct[j] / 100;

			out[2 * (s * nx + j)] = den > 0 ? num[j] / den / x : NAN;
			out[2 * (s * nx + j) + 1] = den > 0 ? nai[j] / den / x :
			    NAN;
		}
	}
}

int
score_lift_period(struct score_lift *sl, struct liq_score_period *p,
    int resamples, uint64_t seed)
{
	struct liq_score_stat st[LIQ_LIFT_NSIDES * LIQ_LIFT_MAX_X];
	size_t i0 = 0, i1;
	int nx = sl->o.nx;

	p->lift_nx = nx;
	memcpy(p->lift_x, sl->o.x_pct, sizeof(p->lift_x));
	while (i0 < sl->nday && sl->day[i0].day_ms < p->from_ms)
		i0++;
	for (i1 = i0; i1 < sl->nday && sl->day[i1].day_ms < p->to_ms; i1++)
		;
	sl->pday = sl->day + i0;
	sl->npday = i1 - i0;
	p->lift_days = sl->npday;
	for (size_t i = i0; i < i1; i++) {
		p->lift_bars += sl->day[i].bars;
		for (int s = 0; s < LIQ_LIFT_NSIDES; s++)
			p->lift_events[s] += sl->day[i].events[s];
	}
	free(sl->cnt);
	if ((sl->cnt = malloc(sizeof(uint32_t) * (sl->npday + 1))) == NULL)
		return -1;
	if (score_bootstrap(sl->npday, sl->cnt, LIQ_LIFT_NSIDES * nx, lift_fn,
	    sl, st, resamples, seed) != 0)
		return -1;
	for (int s = 0; s < LIQ_LIFT_NSIDES; s++)
		for (int j = 0; j < LIQ_LIFT_MAX_X; j++) {
			if (j < nx && sl->npday > 0)
				p->lift[s][j] = st[s * nx + j];
			else
				score_stat_nan(&p->lift[s][j]);
		}
	return 0;
}
