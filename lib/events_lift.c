/*
 * events_lift.c - the lift of a heatmap against realized liquidation
 * events (lib/liq_events.h; the definition in man/liq-events.5, "THE
 * LIFT"): per bar, the share of the events' notional whose bins the map
 * ranked in its top X % within the range price traversed, against X %
 * for a flat map.  Fed one column at a time with the column before it;
 * holds O(nbins) scratch and one record per day.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq_events.h"
#include "num_int.h"

#define DAY_MS	INT64_C(86400000)

/* The selection of one side at one X: bins denser than tau weigh 1,
 * bins as dense as tau weigh tie (the rest of X % shared evenly). */
struct pick {
	double tau, tie;
};

struct liq_lift {
	struct liq_grid_info g;
	const struct liq_events *ev;
	struct liq_lift_options o;
	double *dens[LIQ_LIFT_NSIDES];	/* nbins each: the bar's densities */
	double *naive[LIQ_LIFT_NSIDES];	/* the naive map's */
	double *sorted;			/* nbins */
	unsigned char *seen;		/* per event: in a bar added */
	double num[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X], den[LIQ_LIFT_NSIDES];
	double nnum[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X];
	uint64_t used[2], outside[2], nosnap[2];
	double n_used[2], n_outside[2], n_nosnap[2];
	uint64_t bars_added, bars, bars_events;
	int64_t last_ms;
	struct liq_lift_day *days;
	size_t ndays, capdays;
};

void
liq_lift_options_init(struct liq_lift_options *o)
{
	memset(o, 0, sizeof(*o));
	o->nx = 4;
	o->x_pct[0] = 5;
	o->x_pct[1] = 10;
	o->x_pct[2] = 20;
	o->x_pct[3] = 50;
	o->tol_pct = 0;
	o->bankruptcy_mmr = 0.005;
}

void
liq_lift_free(struct liq_lift *l)
{
	int s;

	if (l == NULL)
		return;
	for (s = 0; s < LIQ_LIFT_NSIDES; s++) {
		free(l->dens[s]);
		free(l->naive[s]);
	}
	free(l->sorted);
	free(l->seen);
	free(l->days);
	free(l);
}

int
liq_lift_new(struct liq_lift **lp, const struct liq_grid_info *g,
    const struct liq_events *ev, const struct liq_lift_options *o,
    struct liq_error *e)
{
	struct liq_lift_options def;
	struct liq_lift *l;
	int i, s;

	*lp = NULL;
	if (o == NULL) {
		liq_lift_options_init(&def);
		o = &def;
	}
	if (o->nx < 1 || o->nx > LIQ_LIFT_MAX_X)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "x", NULL, 0,
		    "from 1 to %d shares of the map", LIQ_LIFT_MAX_X);
	for (i = 0; i < o->nx; i++)
		if (!(o->x_pct[i] > 0 && o->x_pct[i] <= 100))
			return liq_error_set(e, LIQ_EARG, NULL, 0, "x", NULL,
			    0, "a share of the map must be in (0, 100] "
			    "percent, not %g", o->x_pct[i]);
	if (!(o->tol_pct >= 0 && o->tol_pct < 100))
		return liq_error_set(e, LIQ_EARG, NULL, 0, "tolerance", NULL,
		    0, "the tolerance must be from 0 to 100 percent, not %g",
		    o->tol_pct);
	if (!(o->bankruptcy_mmr >= 0 && o->bankruptcy_mmr < 0.5))
		return liq_error_set(e, LIQ_EARG, NULL, 0, "mmr", NULL, 0,
		    "the maintenance margin rate must be from 0 to 0.5, "
		    "not %g", o->bankruptcy_mmr);
	if (g->nbins == 0 || g->nbins > LIQ_GRID_MAX_BINS || g->step_ms <= 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "a grid without bins or step");
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	l->g = *g;
	l->ev = ev;
	l->o = *o;
	l->last_ms = INT64_MIN;
	for (s = 0; s < LIQ_LIFT_NSIDES; s++)
		if ((l->dens[s] = calloc(g->nbins, sizeof(double))) == NULL ||
		    (l->naive[s] = calloc(g->nbins, sizeof(double))) == NULL)
			goto nomem;
	if ((l->sorted = calloc(g->nbins, sizeof(double))) == NULL ||
	    (l->seen = calloc(liq_events_count(ev) + 1, 1)) == NULL)
		goto nomem;
	*lp = l;
	return 0;
nomem:
	liq_lift_free(l);
	return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
}

static int
desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x < y) - (x > y);
}

/*
 * The top x_pct % of the k densities d[0..k) (man/liq-events.5): m =
 * k x X / 100 bins' worth of weight; tau the ceil(m)-th largest
 * density; the a bins above tau weigh 1, the t bins equal to it share
 * m - a.
 */
static void
choose(double *sorted, const double *d, size_t k, const double *x, int nx,
    struct pick *pk)
{
	size_t a, t, c;
	int j;

	memcpy(sorted, d, k * sizeof(*d));
	qsort(sorted, k, sizeof(*sorted), desc);
	for (j = 0; j < nx; j++) {
		double m = (double)k * x[j] / 100;

		c = (size_t)ceil(m - 1e-9);
		if (c < 1)
			c = 1;
		if (c > k)
			c = k;
		pk[j].tau = sorted[c - 1];
		for (a = c - 1; a > 0 && sorted[a - 1] == pk[j].tau; a--)
			;
		for (t = c; t < k && sorted[t] == pk[j].tau; t++)
			;
		t -= a;
		pk[j].tie = (m - (double)a) / (double)t;
		if (pk[j].tie > 1)
			pk[j].tie = 1;
		if (pk[j].tie < 0)
			pk[j].tie = 0;
	}
}

static double
weight(const struct pick *pk, double d)
{
	return d > pk->tau ? 1 : d == pk->tau ? pk->tie : 0;
}

/* The record of the day of t (a new one at the end when it is later). */
static struct liq_lift_day *
day_of(struct liq_lift *l, int64_t t)
{
	int64_t d = liq__floordiv(t, DAY_MS) * DAY_MS;
	struct liq_lift_day *p;

	if (l->ndays > 0 && l->days[l->ndays - 1].day_ms == d)
		return &l->days[l->ndays - 1];
	if (l->ndays == l->capdays) {
		size_t nc = l->capdays ? l->capdays * 2 : 64;

		if ((p = realloc(l->days, nc * sizeof(*p))) == NULL)
			return NULL;
		l->days = p;
		l->capdays = nc;
	}
	p = &l->days[l->ndays++];
	memset(p, 0, sizeof(*p));
	p->day_ms = d;
	return p;
}

/* The price of event x on the map: a bankruptcy price moved to where
 * the position was liquidated. */
static double
map_price(const struct liq_lift *l, const struct liq_event *x)
{
	double m = l->o.bankruptcy_mmr;

	if (liq_events_price_kind(l->ev) != LIQ_EVPRICE_BANKRUPTCY || m == 0)
		return x->price;
	return x->side == LIQ_EVENT_LONG ? x->price * (1 + m) :
	    x->price * (1 - m);
}

static double
cell(const float *c, long i)
{
	double v = c != NULL ? (double)c[i] : 0;

	return isnan(v) ? 0 : v;
}

int
liq_lift_add(struct liq_lift *l, const struct liq_grid_column *before,
    const struct liq_grid_column *bar, struct liq_error *e)
{
	const struct liq_event *ev = liq_events_array(l->ev);
	struct pick pk[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X];
	struct pick nk[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X];
	struct liq_lift_day *day;
	size_t i, i0, i1, k;
	double lo, hi;
	long b0, b1, b;
	int s, j, any = 0;

	if (l->last_ms != INT64_MIN && bar->time_ms < l->last_ms +
	    l->g.step_ms)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "columns out of order (or less than a step apart)");
	if (before != NULL && before->time_ms != bar->time_ms -
	    l->g.step_ms)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "the column before is not one step before the bar");
	l->last_ms = bar->time_ms;
	l->bars_added++;
	i0 = liq_events_lower_bound(l->ev, bar->time_ms);
	i1 = bar->time_ms > INT64_MAX - l->g.step_ms ? liq_events_count(l->ev)
	    : liq_events_lower_bound(l->ev, bar->time_ms + l->g.step_ms);
	for (i = i0; i < i1; i++)
		l->seen[i] = 1;
	lo = bar->low * (1 - l->o.tol_pct / 100);
	hi = bar->high * (1 + l->o.tol_pct / 100);
	b0 = liq_grid_bin(&l->g, lo);
	b1 = liq_grid_bin(&l->g, hi);
	if (b0 < 0)
		b0 = 0;
	if (b1 >= (long)l->g.nbins)
		b1 = (long)l->g.nbins - 1;
	if (before == NULL || isnan(lo) || isnan(hi) || !(lo <= hi) ||
	    b0 > b1) {
		for (i = i0; i < i1; i++) {
			l->nosnap[ev[i].side]++;
			l->n_nosnap[ev[i].side] += ev[i].notional_quote;
		}
		return 0;
	}
	l->bars++;
	if ((day = day_of(l, bar->time_ms)) == NULL)
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	day->bars++;
	if (i0 == i1)
		return 0;
	k = (size_t)(b1 - b0 + 1);
	for (b = b0; b <= b1; b++) {
		double dl = cell(before->long_usd, b);
		double ds = cell(before->short_usd, b);

		l->dens[LIQ_LIFT_LONG][b - b0] = dl;
		l->dens[LIQ_LIFT_SHORT][b - b0] = ds;
		l->dens[LIQ_LIFT_EITHER][b - b0] = dl + ds;
		/* the naive map: bins nearer the low (long), the high (short),
		 * either end (either) are denser */
		l->naive[LIQ_LIFT_LONG][b - b0] = (double)(b1 - b);
		l->naive[LIQ_LIFT_SHORT][b - b0] = (double)(b - b0);
		l->naive[LIQ_LIFT_EITHER][b - b0] = (double)(b1 - b > b - b0 ?
		    b1 - b : b - b0);
	}
	for (s = 0; s < LIQ_LIFT_NSIDES; s++) {
		choose(l->sorted, l->dens[s], k, l->o.x_pct, l->o.nx, pk[s]);
		choose(l->sorted, l->naive[s], k, l->o.x_pct, l->o.nx, nk[s]);
	}
	for (i = i0; i < i1; i++) {
		const struct liq_event *x = &ev[i];
		double n = x->notional_quote;

		b = liq_grid_bin(&l->g, map_price(l, x));
		if (b < b0 || b > b1) {
			l->outside[x->side]++;
			l->n_outside[x->side] += n;
			continue;
		}
		any = 1;
		l->used[x->side]++;
		l->n_used[x->side] += n;
		l->den[x->side] += n;
		l->den[LIQ_LIFT_EITHER] += n;
		day->den[x->side] += n;
		day->den[LIQ_LIFT_EITHER] += n;
		day->events[x->side]++;
		day->events[LIQ_LIFT_EITHER]++;
		for (j = 0; j < l->o.nx; j++) {
			double ws = weight(&pk[x->side][j],
			    l->dens[x->side][b - b0]) * n;
			double we = weight(&pk[LIQ_LIFT_EITHER][j],
			    l->dens[LIQ_LIFT_EITHER][b - b0]) * n;

			double ns = weight(&nk[x->side][j],
			    l->naive[x->side][b - b0]) * n;
			double ne = weight(&nk[LIQ_LIFT_EITHER][j],
			    l->naive[LIQ_LIFT_EITHER][b - b0]) * n;

			l->num[x->side][j] += ws;
			l->num[LIQ_LIFT_EITHER][j] += we;
			day->num[x->side][j] += ws;
			day->num[LIQ_LIFT_EITHER][j] += we;
			l->nnum[x->side][j] += ns;
			l->nnum[LIQ_LIFT_EITHER][j] += ne;
			day->naive_num[x->side][j] += ns;
			day->naive_num[LIQ_LIFT_EITHER][j] += ne;
		}
	}
	l->bars_events += (uint64_t)any;	/* 0 or 1 */
	return 0;
}

static void
score(struct liq_lift_score *sc, double num, double den, double x)
{
	sc->num = num;
	sc->den = den;
	sc->share = den > 0 ? num / den : NAN;
	sc->lift = sc->share / (x / 100);
}

void
liq_lift_result(const struct liq_lift *l, struct liq_lift_result *r)
{
	const struct liq_event *ev = liq_events_array(l->ev);
	size_t i, n = liq_events_count(l->ev);
	double tot_n[2] = { 0, 0 };
	uint64_t tot[2] = { 0, 0 };
	int s, j;

	memset(r, 0, sizeof(*r));
	r->nx = l->o.nx;
	for (j = 0; j < l->o.nx; j++)
		r->x_pct[j] = l->o.x_pct[j];
	for (s = 0; s < LIQ_LIFT_NSIDES; s++)
		for (j = 0; j < l->o.nx; j++) {
			score(&r->score[s][j], l->num[s][j], l->den[s],
			    l->o.x_pct[j]);
			score(&r->naive[s][j], l->nnum[s][j], l->den[s],
			    l->o.x_pct[j]);
		}
	for (i = 0; i < n; i++)
		if (!l->seen[i]) {
			tot[ev[i].side]++;
			tot_n[ev[i].side] += ev[i].notional_quote;
		}
	for (s = 0; s < 2; s++) {
		r->events_used[s] = l->used[s];
		r->outside_range[s] = l->outside[s];
		r->no_snapshot[s] = l->nosnap[s];
		r->outside_time[s] = tot[s];
		r->notional_used[s] = l->n_used[s];
		r->notional_outside_range[s] = l->n_outside[s];
		r->notional_no_snapshot[s] = l->n_nosnap[s];
		r->notional_outside_time[s] = tot_n[s];
	}
	r->bars_added = l->bars_added;
	r->bars = l->bars;
	r->bars_events = l->bars_events;
}

size_t
liq_lift_ndays(const struct liq_lift *l)
{
	return l->ndays;
}

const struct liq_lift_day *
liq_lift_day(const struct liq_lift *l, size_t i)
{
	return i < l->ndays ? &l->days[i] : NULL;
}
