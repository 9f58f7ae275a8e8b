/*
 * estimate.c - the liquidation-level model (man/liq-estimate.1): bars in,
 * grid columns out.
 *
 * Each bars input is simulated on its own (its venue's margin rule, its
 * contract type) and the results are summed on one grid, or kept in one
 * layer pair per venue.  Per input and per side the book is an array of
 * price bins per leverage tier, plus one bin below and one above the grid
 * for levels outside it.  Stored values are scaled by a lazy factor per
 * side and tier, so proportional closing and decay cost O(tiers) per bar,
 * not O(bins); touching walks only the bins that price crossed, from the
 * edge of the occupied range.  A column costs O(tiers x occupied bins).
 *
 * Per bar, in time order: decay for the time since the previous bar;
 * touch (long levels at or above the low, short levels at or below the
 * high are liquidated, the bin holding the low/high in proportion to the
 * part of it that was crossed); then open (dOI > 0) or close (dOI < 0).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

#define RENORM 1e-150

/* One position lot, for --close oldest. */
struct lot {
	double units;		/* amount / scale at the time it was added */
	double f_add;		/* the bin's erase factor then */
	uint32_t epoch;		/* the bin's erase epoch then */
	int32_t j;		/* storage index */
	int32_t tier;
};

struct lotq {
	struct lot *a;
	size_t head, n, cap;
};

struct book {			/* one side of one input */
	double *v;		/* ntiers x nstore */
	double s[LIQ_MAX_TIERS];	/* lazy scale per tier */
	double tot[LIQ_MAX_TIERS];	/* real amount per tier */
	long lo, hi;		/* occupied storage range (lo > hi: empty) */
	long pj;		/* bin partly touched (-1: none) and how far: */
	double pprice;		/* the low (longs) or high (shorts) reached */
	double *f;		/* oldest: erase factor per storage index */
	uint32_t *epoch;	/* oldest: erase epoch per storage index */
	struct lotq q;
	int compact;		/* drop dead lots when the queue is full */
	struct liq_estimate_ledger led;
};

struct input {
	const char *path;
	struct liq_bars_info info;
	struct liq_bars_reader *r;
	struct liq_bar *mem;	/* inputs without a known span */
	size_t nmem, imem;
	int layer;		/* layer pair */
	int margin;
	int market;
	int has_oi, proxy;
	struct liq_brackets user, old, cur;
	struct book side[2];	/* 0 long, 1 short */
	double prev_oi;		/* native units: base, or USD for inverse */
	int have_prev;
	int64_t last_t;		/* previous bar simulated */
	double oi_quote;	/* latest known, for the columns */
	struct liq_bar next;
	int have_next, done;
};

struct liq_estimate {
	struct liq_estimate_options o;
	struct input *in;
	int n;
	struct liq_grid_info g;
	int64_t model_start, end;	/* bars read: [model_start, end) */
	int64_t sim_end;		/* bars simulated: before this (--to) */
	long nstore;			/* nbins + 2 */
	double dist;			/* largest liquidation distance */
	float *cells;			/* nlayers x nbins */
	float *sums;			/* long and short sums, > 2 layers */
	/* the column being built */
	struct liq_grid_column col;
	int col_src;			/* input giving OHLC, -1 none yet */
	double last_close;
	int nproxy;
};

/* The names of the rules, indexed by their enum (liq.h). */
const char *const liq_side_rule_names[] = { "taker", "ratio", "even", NULL };
const char *const liq_entry_rule_names[] = { "typical", "vwap", "close",
    "spread", NULL };
const char *const liq_close_rule_names[] = { "proportional", "oldest", "none",
    NULL };
const char *const liq_margin_rule_names[] = { "binance", "bybit", "simple",
    NULL };

int
liq_rule_parse(const char *const *names, const char *s)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

void
liq_estimate_options_init(struct liq_estimate_options *o)
{
	static const double lev[] = { 5, 10, 25, 50, 100 };
	static const double w[] = { 0.10, 0.20, 0.30, 0.25, 0.15 };

	memset(o, 0, sizeof(*o));
	o->side_rule = LIQ_SIDE_TAKER;
	o->entry_rule = LIQ_ENTRY_SPREAD;
	o->close_rule = LIQ_CLOSE_PROPORTIONAL;
	o->margin = -1;
	o->ntiers = 5;
	for (int i = 0; i < 5; i++) {
		o->leverage[i] = lev[i];
		o->weight[i] = w[i];
	}
	o->brackets_date = INT64_MIN;
	o->position_usd = 10000;
	o->from_ms = INT64_MIN;
	o->to_ms = INT64_MAX;
	o->max_cols = 4000;
	o->nbins = 1000;
	o->price_min = o->price_max = NAN;
	o->oi_proxy = NAN;
}

static int
argerr(struct liq_error *e, const char *what, const char *s, size_t n)
{
	return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, s, n, "%s", what);
}

int
liq_estimate_parse_leverage(struct liq_estimate_options *o, const char *s,
    struct liq_error *e)
{
	double sum = 0;
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, ","), c = strcspn(s, ":");
		double l, w;

		if (n == LIQ_MAX_TIERS)
			return argerr(e, "too many leverage tiers (16 at most)",
			    s, len);
		if (c >= len || liq_parse_double(s, c, &l) != 0 || !(l >= 1) ||
		    l > 1000 || liq_parse_double(s + c + 1, len - c - 1, &w) ||
		    !(w > 0) || !isfinite(w))
			return argerr(e, "want LEVERAGE:WEIGHT with leverage in "
			    "[1, 1000] and weight > 0", s, len);
		for (int i = 0; i < n; i++)
			if (o->leverage[i] == l)
				return argerr(e, "leverage given twice", s, len);
		o->leverage[n] = l;
		o->weight[n] = w;
		o->half_life_ms[n] = 0;
		sum += w;
		n++;
		s += len + (s[len] == ',');
	}
	if (n == 0)
		return argerr(e, "empty leverage mix", NULL, 0);
	for (int i = 0; i < n; i++)
		o->weight[i] /= sum;
	o->ntiers = n;
	return 0;
}

int
liq_estimate_parse_half_life(struct liq_estimate_options *o, const char *s,
    struct liq_error *e)
{
	int64_t d;
	int i;

	if (strchr(s, ':') == NULL) {
		if (liq_parse_duration(s, strlen(s), &d) != 0 || d <= 0)
			return argerr(e, "not a duration > 0", s, SIZE_MAX);
		for (i = 0; i < o->ntiers; i++)
			o->half_life_ms[i] = d;
		return 0;
	}
	while (*s) {
		size_t len = strcspn(s, ","), c = strcspn(s, ":");
		double l;

		if (c >= len || liq_parse_double(s, c, &l) != 0 ||
		    liq_parse_duration(s + c + 1, len - c - 1, &d) != 0 || d <= 0)
			return argerr(e, "want LEVERAGE:DURATION", s, len);
		for (i = 0; i < o->ntiers; i++)
			if (o->leverage[i] == l)
				break;
		if (i == o->ntiers)
			return argerr(e, "half-life for a leverage that is not "
			    "in the --leverage mix", s, len);
		o->half_life_ms[i] = d;
		s += len + (s[len] == ',');
	}
	return 0;
}

/* ---------------------------------------------------------- reading */

static int
input_next(struct input *in, struct liq_bar *b, struct liq_error *e)
{
	if (in->mem) {
		if (in->imem == in->nmem)
			return 0;
		*b = in->mem[in->imem++];
		return 1;
	}
	return liq_bars_read(in->r, b, e);
}

/* Start reading input from its beginning (reopen a file). */
static int
input_rewind(struct input *in, struct liq_error *e)
{
	if (in->mem) {
		in->imem = 0;
		return 0;
	}
	liq_bars_reader_close(in->r);
	in->r = NULL;
	return liq_bars_reader_open(&in->r, in->path, e);
}

static int
input_load(struct input *in, struct liq_error *e)
{
	struct liq_bar b;
	size_t cap = 0;
	int rc;

	in->mem = malloc(sizeof(b));
	while ((rc = liq_bars_read(in->r, &b, e)) == 1) {
		if (in->nmem == cap) {
			void *p;

			cap = cap ? cap * 2 : 4096;
			if ((p = realloc(in->mem, cap * sizeof(b))) == NULL)
				return liq_error_set(e, LIQ_ENOMEM, in->path, 0,
				    NULL, NULL, 0, "out of memory");
			in->mem = p;
		}
		in->mem[in->nmem++] = b;
	}
	if (rc < 0)
		return rc;
	in->info = *liq_bars_reader_info(in->r);
	liq_bars_reader_close(in->r);
	in->r = NULL;
	return 0;
}

/* ------------------------------------------------------------ book */

static int
book_init(struct book *k, int ntiers, long nstore, int lots)
{
	k->v = calloc((size_t)ntiers * (size_t)nstore, sizeof(double));
	if (k->v == NULL)
		return -1;
	for (int t = 0; t < ntiers; t++)
		k->s[t] = 1;
	k->lo = nstore;
	k->hi = -1;
	k->pj = -1;
	if (lots) {
		k->f = malloc((size_t)nstore * sizeof(double));
		k->epoch = calloc((size_t)nstore, sizeof(uint32_t));
		if (k->f == NULL || k->epoch == NULL)
			return -1;
		for (long j = 0; j < nstore; j++)
			k->f[j] = 1;
		/* LIQ_LOTS_NO_COMPACT: for the test that compacting is exact */
		k->compact = getenv("LIQ_LOTS_NO_COMPACT") == NULL;
	}
	return 0;
}

static void
book_free(struct book *k)
{
	free(k->v);
	free(k->f);
	free(k->epoch);
	free(k->q.a);
}

/* Fold the lazy scale of tier t into its values (keeps them in range). */
static void
renorm(struct book *k, int t, long nstore)
{
	double *v = k->v + (size_t)t * (size_t)nstore, s = k->s[t];

	for (long j = k->lo; j <= k->hi; j++)
		v[j] *= s;
	for (size_t i = 0; i < k->q.n; i++) {
		struct lot *l = &k->q.a[(k->q.head + i) % k->q.cap];

		if (l->tier == t)
			l->units *= s;
	}
	k->s[t] = 1;
}

/* Scale every level of tier t by g in [0, 1]; return what left. */
static double
scale_tier(struct book *k, int t, double g, long nstore)
{
	double gone = k->tot[t] * (1 - g);

	k->tot[t] *= g;
	if (g == 0) {
		double *v = k->v + (size_t)t * (size_t)nstore;

		for (long j = k->lo; j <= k->hi; j++)
			v[j] = 0;
		k->s[t] = 1;
		k->tot[t] = 0;
		for (size_t i = 0; i < k->q.n; i++) {
			struct lot *l = &k->q.a[(k->q.head + i) % k->q.cap];

			if (l->tier == t)
				l->units = 0;
		}
	} else {
		k->s[t] *= g;
		if (k->s[t] < RENORM)
			renorm(k, t, nstore);
	}
	return gone;
}

/*
 * Drop the lots that nothing is left of: their bin was wiped by a touch
 * since (another epoch), or their units went to 0.  close_oldest would
 * take 0 from them, so this changes no result; it keeps the queue from
 * holding a trending market's erased past.  In place, order kept.
 */
static void
lot_compact(struct book *k)
{
	struct lotq *q = &k->q;
	size_t i, n = 0;

	for (i = 0; i < q->n; i++) {
		struct lot *l = &q->a[(q->head + i) % q->cap];

		if (l->units > 0 && l->epoch == k->epoch[l->j] &&
		    k->f[l->j] > 0)
			q->a[(q->head + n++) % q->cap] = *l;
	}
	q->n = n;
}

static int
lot_push(struct book *k, const struct lot *l)
{
	struct lotq *q = &k->q;

	if (q->n == q->cap) {
		/* full: first drop the dead; grow if that freed under 1/4 */
		if (q->cap > 0 && k->compact)
			lot_compact(k);
		if (q->cap == 0 || q->n > q->cap / 4 * 3) {
			size_t nc = q->cap ? q->cap * 2 : 1024;
			struct lot *a = malloc(nc * sizeof(*a));

			if (a == NULL)
				return -1;
			for (size_t i = 0; i < q->n; i++)
				a[i] = q->a[(q->head + i) % q->cap];
			free(q->a);
			q->a = a;
			q->cap = nc;
			q->head = 0;
		}
	}
	q->a[(q->head + q->n) % q->cap] = *l;
	q->n++;
	return 0;
}

static int
book_add(struct book *k, int t, long j, double x, long nstore)
{
	if (!(x > 0))
		return 0;
	k->v[(size_t)t * (size_t)nstore + (size_t)j] += x / k->s[t];
	k->tot[t] += x;
	if (j == k->pj)		/* new levels anywhere in the bin */
		k->pj = -1;
	k->led.opened += x;
	if (j < k->lo)
		k->lo = j;
	if (j > k->hi)
		k->hi = j;
	if (k->f) {
		struct lot l = { x / k->s[t], k->f[j], k->epoch[j], (int32_t)j,
		    (int32_t)t };

		if (lot_push(k, &l) != 0)
			return -1;
	}
	return 0;
}

/*
 * Erase fraction fr of storage index j in every tier; return the amount.
 */
static double
erase(struct book *k, int ntiers, long j, double fr, long nstore)
{
	double gone = 0;

	for (int t = 0; t < ntiers; t++) {
		double *v = &k->v[(size_t)t * (size_t)nstore + (size_t)j];
		double x = *v * k->s[t] * fr;

		if (*v == 0)
			continue;
		gone += x;
		k->tot[t] -= x;
		if (k->tot[t] < 0)
			k->tot[t] = 0;
		*v = fr >= 1 ? 0 : *v * (1 - fr);
	}
	if (k->f) {
		if (fr >= 1) {
			k->epoch[j]++;
			k->f[j] = 1;
		} else
			k->f[j] *= 1 - fr;
	}
	return gone;
}

/* Close amount a (quote) from the oldest lots of this side. */
static void
close_oldest(struct book *k, double a, long nstore)
{
	while (a > 0 && k->q.n > 0) {
		struct lot *l = &k->q.a[k->q.head];
		double *v = &k->v[(size_t)l->tier * (size_t)nstore +
		    (size_t)l->j];
		double rel = l->epoch == k->epoch[l->j] ? k->f[l->j] / l->f_add :
		    0;
		double rem = l->units * k->s[l->tier] * rel, take;

		take = rem <= a ? rem : a;
		*v -= take / k->s[l->tier];
		if (*v < 0)
			*v = 0;
		k->tot[l->tier] -= take;
		if (k->tot[l->tier] < 0)
			k->tot[l->tier] = 0;
		k->led.closed += take;
		a -= take;
		if (take >= rem) {
			k->q.head = (k->q.head + 1) % k->q.cap;
			k->q.n--;
		} else
			l->units -= take / k->s[l->tier] / rel;
	}
}

static double
book_open(const struct book *k, int ntiers)
{
	double s = 0;

	for (int t = 0; t < ntiers; t++)
		s += k->tot[t];
	return s;
}

/* ------------------------------------------------------------ model */

static long
store_index(const struct liq_grid_info *g, double price)
{
	return liq_grid_bin(g, price) + 1;
}

/*
 * Touch: long levels at or above low, short levels at or below high.
 * Returns the amounts in *gone_long / *gone_short.
 */
static void
touch(struct liq_estimate *est, struct input *in, double low, double high,
    double *gone_long, double *gone_short)
{
	const struct liq_grid_info *g = &est->g;
	long ns = est->nstore, j, jl, jh;
	struct book *L = &in->side[0], *S = &in->side[1];
	int nt = est->o.ntiers;

	*gone_long = *gone_short = 0;
	if (L->hi >= L->lo && !(low > liq_grid_edge(g, g->nbins) &&
	    L->hi <= (long)g->nbins)) {
		jl = store_index(g, low);
		if (jl < 0)
			jl = 0;
		for (j = L->hi; j > jl && j >= L->lo; j--)
			*gone_long += erase(L, nt, j, 1, ns);
		if (jl >= L->lo && jl <= L->hi) {
			double fr = 1;

			if (jl >= 1 && jl <= (long)g->nbins) {
				/* the part of the bin between the low and what
				 * an earlier bar already crossed; levels are
				 * taken as spread evenly over the bin */
				double a = liq_grid_edge(g, (uint32_t)(jl - 1));
				double b = L->pj == jl ? L->pprice :
				    liq_grid_edge(g, (uint32_t)jl);

				fr = low < b ? (b - low) / (b - a) : 0;
				/* (b is the top of what is left) */
				if (fr > 0) {
					L->pj = jl;
					L->pprice = low;
				}
			}	/* jl == 0, below the grid: all of it */
			if (fr > 0)
				*gone_long += erase(L, nt, jl, fr, ns);
		}
		if (L->hi > jl)
			L->hi = jl;
	}
	if (S->hi >= S->lo) {
		jh = store_index(g, high);
		if (jh > ns - 1)
			jh = ns - 1;
		for (j = S->lo; j < jh && j <= S->hi; j++)
			*gone_short += erase(S, nt, j, 1, ns);
		if (jh >= S->lo && jh <= S->hi) {
			double fr = 1;

			if (jh >= 1 && jh <= (long)g->nbins) {
				double a = S->pj == jh ? S->pprice :
				    liq_grid_edge(g, (uint32_t)(jh - 1));
				double b = liq_grid_edge(g, (uint32_t)jh);

				fr = high > a ? (high - a) / (b - a) : 0;
				/* (a is the bottom of what is left) */
				if (fr > 0) {
					S->pj = jh;
					S->pprice = high;
				}
			}
			if (fr > 0)
				*gone_short += erase(S, nt, jh, fr, ns);
		}
		if (S->lo < jh)
			S->lo = jh;
	}
	L->led.touched += *gone_long;
	S->led.touched += *gone_short;
}

static const struct liq_brackets *
brackets_at(const struct liq_estimate *est, const struct input *in,
    int64_t t)
{
	int64_t d = est->o.brackets_date != INT64_MIN ? est->o.brackets_date : t;

	if (est->o.brackets_path || in->margin == LIQ_MARGIN_BYBIT)
		return &in->user;
	return strcmp(liq_brackets_for_date(d), "binance-btcusdt-2025") == 0 ?
	    &in->cur : &in->old;
}

/*
 * Put notional x of one side and tier entered over [e0, e1] (a point when
 * equal) at its liquidation prices: spread evenly over [LP(e0), LP(e1)].
 */
static int
place(struct liq_estimate *est, struct input *in, int sd, int t, double x,
    double e0, double e1, const struct liq_brackets *br)
{
	const struct liq_grid_info *g = &est->g;
	struct book *k = &in->side[sd];
	int side = sd == 0 ? 1 : -1;
	double lev = est->o.leverage[t], pos = est->o.position_usd;
	double p0 = liq_liquidation_price(in->margin, in->market, side, e0, lev,
	    pos, br);
	double p1, a, b;
	long j0, j1, j;

	if (e1 == e0)
		return book_add(k, t, store_index(g, p0), x, est->nstore);
	p1 = liq_liquidation_price(in->margin, in->market, side, e1, lev, pos,
	    br);
	a = p0 < p1 ? p0 : p1;
	b = p0 < p1 ? p1 : p0;
	j0 = store_index(g, a);
	j1 = store_index(g, b);
	if (j0 == j1 || !(b > a) || !isfinite(b))
		return book_add(k, t, j0, x, est->nstore);
	for (j = j0; j <= j1; j++) {
		double lo = j <= 0 ? a : liq_grid_edge(g, (uint32_t)(j - 1));
		double hi = j > (long)g->nbins ? b : liq_grid_edge(g, (uint32_t)j);

		if (lo < a)
			lo = a;
		if (hi > b)
			hi = b;
		if (hi > lo && book_add(k, t, j, x * (hi - lo) / (b - a),
		    est->nstore) != 0)
			return -1;
	}
	return 0;
}

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* One bar of one input. */
static int
simulate(struct liq_estimate *est, struct input *in, const struct liq_bar *b,
    double *pl, double *ps, struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	int inverse = in->market == LIQ_MARKET_INVERSE;
	double oi = NAN, d = 0, gl, gs;
	int t, sd;

	if (b->flags & LIQ_BAR_OI) {
		oi = inverse ? b->oi_quote : b->oi_base;
		in->oi_quote = b->oi_quote;
	}
	if (b->time_ms < est->model_start) {
		if (isfinite(oi)) {
			in->prev_oi = oi;
			in->have_prev = 1;
		}
		return 0;
	}
	/* decay since the previous bar */
	if (in->last_t != INT64_MIN)
		for (t = 0; t < o->ntiers; t++) {
			double f;

			if (o->half_life_ms[t] <= 0)
				continue;
			f = exp2(-(double)(b->time_ms - in->last_t) /
			    (double)o->half_life_ms[t]);
			for (sd = 0; sd < 2; sd++)
				in->side[sd].led.decayed += scale_tier(
				    &in->side[sd], t, f, est->nstore);
		}
	in->last_t = b->time_ms;
	if (!(b->flags & LIQ_BAR_PRICE) || !isfinite(b->low) ||
	    !isfinite(b->high))
		return 0;
	touch(est, in, b->low, b->high, &gl, &gs);
	*pl += gl;
	*ps += gs;
	/* the change of open interest */
	if (isfinite(oi)) {
		if (in->have_prev)
			d = oi - in->prev_oi;
		else
			d = 0;
		if (d < 0 && in->prev_oi > 0) {
			double fr = clamp(-d / in->prev_oi, 0, 1);

			for (sd = 0; sd < 2 && o->close_rule != LIQ_CLOSE_NONE;
			    sd++) {
				struct book *k = &in->side[sd];

				if (o->close_rule == LIQ_CLOSE_OLDEST)
					close_oldest(k, book_open(k, o->ntiers) *
					    fr, est->nstore);
				else
					for (t = 0; t < o->ntiers; t++)
						k->led.closed += scale_tier(k, t,
						    1 - fr, est->nstore);
			}
		}
		in->prev_oi = oi;
		in->have_prev = 1;
	} else if (in->proxy && (b->flags & LIQ_BAR_VOLUME))
		d = o->oi_proxy * (inverse ? b->buy_quote + b->sell_quote :
		    b->buy_base + b->sell_base);
	if (d > 0) {
		double e0, e1, ent, share = 0.5, notional;
		double vq = b->buy_quote + b->sell_quote;
		double vb = b->buy_base + b->sell_base;
		const struct liq_brackets *br = brackets_at(est, in, b->time_ms);

		ent = (b->high + b->low + b->close) / 3;
		if (o->entry_rule == LIQ_ENTRY_CLOSE)
			ent = b->close;
		else if (o->entry_rule == LIQ_ENTRY_VWAP &&
		    (b->flags & LIQ_BAR_VOLUME) && vb > 0 && vq > 0)
			ent = vq / vb;
		e0 = e1 = ent;
		if (o->entry_rule == LIQ_ENTRY_SPREAD) {
			e0 = b->low;
			e1 = b->high;
			ent = (b->low + b->high) / 2;
		}
		if (o->side_rule == LIQ_SIDE_EVEN)
			share = 0.5;
		else if (o->side_rule == LIQ_SIDE_RATIO &&
		    (b->flags & LIQ_BAR_RATIO) && b->ls_ratio > 0)
			share = b->ls_ratio / (1 + b->ls_ratio);
		else if ((b->flags & LIQ_BAR_VOLUME) && vq > 0)
			share = clamp(b->buy_quote / vq, 0.1, 0.9);
		notional = inverse ? d : d * ent;
		for (t = 0; t < o->ntiers; t++) {
			double w = o->weight[t] * 2 * notional;

			if (place(est, in, 0, t, w * share, e0, e1, br) != 0 ||
			    place(est, in, 1, t, w * (1 - share), e0, e1, br) != 0)
				return liq_error_set(e, LIQ_ENOMEM, NULL, 0,
				    NULL, NULL, 0, "out of memory");
		}
	}
	return 0;
}

/* ------------------------------------------------------------ columns */

static void
col_reset(struct liq_estimate *est)
{
	struct liq_grid_column *c = &est->col;

	c->open = c->high = c->low = c->close = NAN;
	c->pred_long = c->pred_short = 0;
	c->real_long = c->real_short = NAN;
	est->col_src = -1;
}

static void
col_bar(struct liq_estimate *est, int src, const struct liq_bar *b)
{
	struct liq_grid_column *c = &est->col;

	if ((b->flags & LIQ_BAR_LIQ)) {
		c->real_long = (isnan(c->real_long) ? 0 : c->real_long) +
		    b->liq_long_quote;
		c->real_short = (isnan(c->real_short) ? 0 : c->real_short) +
		    b->liq_short_quote;
	}
	if (!(b->flags & LIQ_BAR_PRICE) || !isfinite(b->close))
		return;
	if (est->col_src == -1 || src < est->col_src) {
		est->col_src = src;
		c->open = b->open;
		c->high = b->high;
		c->low = b->low;
		c->close = b->close;
	} else if (src == est->col_src) {
		if (b->high > c->high)
			c->high = b->high;
		if (b->low < c->low)
			c->low = b->low;
		c->close = b->close;
	}
}

static int
col_emit(struct liq_estimate *est, int64_t cidx, liq_column_fn emit,
    void *ctx, struct liq_error *e)
{
	struct liq_grid_column *c = &est->col;
	const struct liq_grid_info *g = &est->g;
	double oi = 0;
	int any_oi = 0, i, sd, t, rc;

	c->time_ms = g->start_ms + cidx * g->step_ms;
	if (est->col_src == -1)
		c->open = c->high = c->low = c->close = est->last_close;
	else
		est->last_close = c->close;
	memset(est->cells, 0, sizeof(float) * g->nlayers * g->nbins);
	for (i = 0; i < est->n; i++) {
		struct input *in = &est->in[i];

		if (isfinite(in->oi_quote)) {
			oi += in->oi_quote;
			any_oi = 1;
		}
		for (sd = 0; sd < 2; sd++) {
			struct book *k = &in->side[sd];
			float *out = c->layer[2 * in->layer + sd];
			long lo = k->lo < 1 ? 1 : k->lo;
			long hi = k->hi > (long)g->nbins ? (long)g->nbins : k->hi;

			for (t = 0; t < est->o.ntiers; t++) {
				const double *v = k->v + (size_t)t * est->nstore;
				double s = k->s[t];

				for (long j = lo; j <= hi; j++) {
					double x = out[j - 1] + v[j] * s;

					out[j - 1] = (float)(x < 3.4e38 ? x : 3.4e38);
				}
			}
		}
	}
	c->oi_quote = any_oi ? oi : NAN;
	if (est->sums) {
		memset(est->sums, 0, 2 * sizeof(float) * g->nbins);
		for (uint32_t l = 0; l < g->nlayers; l++)
			for (uint32_t b = 0; b < g->nbins; b++)
				est->sums[(l % 2) * g->nbins + b] += c->layer[l][b];
	}
	if ((rc = emit(ctx, c, e)) != 0)
		return rc;
	col_reset(est);
	return 0;
}

/* ------------------------------------------------------------ setup */

static int
venue_index(const struct liq_estimate *est, int upto, const char *venue)
{
	for (int i = 0; i < upto; i++)
		if (strcmp(est->in[i].info.venue, venue) == 0)
			return est->in[i].layer;
	return -1;
}

/* Append to buf[*n..cap), never past its end (text is cut). */
static void
cat(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n + 1 >= cap)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, cap - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < cap ? *n + (size_t)k : cap - 1;
}

/* Append "key=value\n" to the params. */
static void
param(struct liq_grid_info *g, const char *k, const char *v)
{
	size_t o = strlen(g->params);

	snprintf(g->params + o, sizeof(g->params) - o, "%s=%s\n", k, v);
}

static void
record_params(struct liq_estimate *est)
{
	const char *const *side = liq_side_rule_names;
	const char *const *entry = liq_entry_rule_names;
	const char *const *closer = liq_close_rule_names;
	const char *const *margin = liq_margin_rule_names;
	const struct liq_estimate_options *o = &est->o;
	struct liq_grid_info *g = &est->g;
	char buf[1024], x[64], t[64];
	size_t n;
	int i;

	param(g, "model", "liq-estimate 1");
	param(g, "side", side[o->side_rule]);
	param(g, "entry", entry[o->entry_rule]);
	for (n = 0, buf[0] = '\0', i = 0; i < o->ntiers; i++) {
		liq_format_double(o->leverage[i], x);
		liq_format_double(o->weight[i], t);
		cat(buf, sizeof(buf), &n, "%s%s:%s", i ? "," : "", x, t);
	}
	param(g, "leverage", buf);
	for (n = 0, buf[0] = '\0', i = 0; i < o->ntiers; i++) {
		liq_format_double(o->leverage[i], x);
		if (o->half_life_ms[i] > 0)
			liq_duration_format(o->half_life_ms[i], t, sizeof(t));
		else
			strcpy(t, "none");
		cat(buf, sizeof(buf), &n, "%s%s:%s", i ? "," : "", x, t);
	}
	param(g, "half_life", buf);
	for (n = 0, buf[0] = '\0', i = 0; i < est->n; i++)
		cat(buf, sizeof(buf), &n, "%s%s:%s", i ? "," : "",
		    est->in[i].info.venue, margin[est->in[i].margin]);
	param(g, "margin", buf);
	if (o->brackets_path)
		param(g, "brackets", o->brackets_path);
	else
		param(g, "brackets", "built-in (binance-btcusdt-2021 before "
		    "2025-08-19, binance-btcusdt-2025 from then; bybit-btcusdt "
		    "for the bybit rule)");
	if (o->brackets_date != INT64_MIN)
		param(g, "brackets_date", liq_time_format(o->brackets_date, t,
		    sizeof(t)));
	liq_format_double(o->position_usd, x);
	param(g, "position_usd", x);
	param(g, "close", closer[o->close_rule]);
	liq_duration_format(o->warmup_ms, t, sizeof(t));
	param(g, "warmup", t);
	if (!isnan(o->oi_proxy)) {
		liq_format_double(o->oi_proxy, x);
		param(g, "oi_proxy", x);
	}
	for (n = 0, buf[0] = '\0', i = 0; i < est->n; i++)
		cat(buf, sizeof(buf), &n, "%s%s/%s/%s", i ? "," : "",
		    est->in[i].info.venue, est->in[i].info.symbol,
		    liq_market_name(est->in[i].info.market));
	param(g, "inputs", buf);
}

int
liq_estimate_open(struct liq_estimate **ep, const char *const *paths, int n,
    const struct liq_estimate_options *o, struct liq_error *e)
{
	struct liq_estimate *est;
	struct liq_grid_info *g;
	int64_t first = INT64_MAX, last = INT64_MIN, iv = 0, start, end;
	double lo = INFINITY, hi = -INFINITY, minlev = INFINITY;
	int64_t fp = INT64_MAX;
	int i, rc, stdin_used = 0, nlayers = 0;

	*ep = NULL;
	if (n < 1)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "no bars input");
	if ((est = calloc(1, sizeof(*est))) == NULL ||
	    (est->in = calloc((size_t)n, sizeof(*est->in))) == NULL) {
		free(est);
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	}
	est->o = *o;
	est->n = n;
	est->last_close = NAN;
	g = &est->g;
	for (i = 0; i < n; i++) {
		struct input *in = &est->in[i];
		const char *p = paths[i];
		int is_stdin = p == NULL || strcmp(p, "-") == 0;

		in->path = is_stdin ? "-" : p;
		in->last_t = INT64_MIN;
		in->oi_quote = NAN;
		if (is_stdin && stdin_used++) {
			rc = liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
			    "standard input given twice");
			goto fail;
		}
		if ((rc = liq_bars_reader_open(&in->r, in->path, e)) != 0)
			goto fail;
		in->info = *liq_bars_reader_info(in->r);
		if (is_stdin || in->info.first_ms == INT64_MIN ||
		    in->info.last_ms == INT64_MIN)
			if ((rc = input_load(in, e)) != 0)
				goto fail;
		if (in->info.first_ms == INT64_MIN || (in->mem && in->nmem == 0)) {
			rc = liq_error_set(e, LIQ_EDATA, in->path, 0, NULL, NULL,
			    0, "no bars in the file");
			goto fail;
		}
		if (in->info.first_ms < -(INT64_C(1) << 52) ||
		    in->info.last_ms > (INT64_C(1) << 52) ||
		    in->info.last_ms < in->info.first_ms ||
		    in->info.interval_ms > (INT64_C(1) << 40)) {
			rc = liq_error_set(e, LIQ_EFORMAT, in->path, 0, NULL,
			    NULL, 0, "corrupt bars header (span out of range)");
			goto fail;
		}
		in->market = in->info.market;
		if (in->market == LIQ_MARKET_SPOT) {
			rc = liq_error_set(e, LIQ_EDATA, in->path, 0, NULL, NULL,
			    0, "spot bars have no open interest or leverage: "
			    "use a futures market");
			goto fail;
		}
		in->margin = o->margin >= 0 ? o->margin :
		    liq_venue_margin_rule(in->info.venue);
		if (o->brackets_path) {
			if ((rc = liq_brackets_load(o->brackets_path, &in->user,
			    e)) != 0)
				goto fail;
		} else
			liq_brackets_builtin("bybit-btcusdt", &in->user);
		liq_brackets_builtin("binance-btcusdt-2021", &in->old);
		liq_brackets_builtin("binance-btcusdt-2025", &in->cur);
		if (in->info.first_ms < first)
			first = in->info.first_ms;
		if (in->info.last_ms + in->info.interval_ms > last)
			last = in->info.last_ms + in->info.interval_ms;
		if (in->info.interval_ms > iv)
			iv = in->info.interval_ms;
		if (!o->by_venue)
			in->layer = 0;
		else if ((in->layer = venue_index(est, i, in->info.venue)) < 0)
			in->layer = nlayers++;
	}
	if (!o->by_venue)
		nlayers = 1;
	if (2 * nlayers > LIQ_GRID_MAX_LAYERS) {
		rc = liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "--by-venue: %d venues, at most %d", nlayers,
		    LIQ_GRID_MAX_LAYERS / 2);
		goto fail;
	}
	/* the window */
	start = first;
	end = last;
	if (o->lookback_ms > 0) {
		if (o->to_ms != INT64_MAX && o->to_ms < end)
			end = o->to_ms;
		start = end - o->lookback_ms;
	}
	if (o->from_ms != INT64_MIN && o->from_ms > start)
		start = o->from_ms;
	if (o->to_ms != INT64_MAX && o->to_ms < end)
		end = o->to_ms;
	if (start < first)
		start = first;
	if (end <= start) {
		char a[40], b[40];

		rc = liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "the window holds no bars (data from %s to %s)",
		    liq_time_format(first, a, sizeof(a)),
		    liq_time_format(last, b, sizeof(b)));
		goto fail;
	}
	/* the columns */
	g->step_ms = o->step_ms;
	if (g->step_ms == 0) {
		int64_t k = ((end - start) / iv + o->max_cols - 1) / o->max_cols;

		g->step_ms = iv * (k < 1 ? 1 : k);
	}
	for (i = 0; i < n; i++)
		if (g->step_ms % est->in[i].info.interval_ms != 0) {
			char a[32], b[32];

			rc = liq_error_set(e, LIQ_EARG, est->in[i].path, 0, NULL,
			    NULL, 0, "the column step %s is not a multiple of "
			    "the bar interval %s",
			    liq_duration_format(g->step_ms, a, sizeof(a)),
			    liq_duration_format(est->in[i].info.interval_ms, b,
			    sizeof(b)));
			goto fail;
		}
	start -= ((start % g->step_ms) + g->step_ms) % g->step_ms;
	g->start_ms = start;
	g->ncols = (uint64_t)((end - start + g->step_ms - 1) / g->step_ms);
	if (g->ncols > 10000000) {
		rc = liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "%llu columns is too many: use a larger --step",
		    (unsigned long long)g->ncols);
		goto fail;
	}
	est->end = start + (int64_t)g->ncols * g->step_ms;
	est->sim_end = end < est->end ? end : est->end;
	est->model_start = start - o->warmup_ms;
	/* the prices and the open interest in the window */
	for (i = 0; i < n; i++) {
		struct input *in = &est->in[i];
		struct liq_bar b;

		int64_t seen0 = INT64_MIN, seen1 = INT64_MIN;

		if ((rc = input_rewind(in, e)) != 0)
			goto fail;
		/* read to the end: the header's span must be the bars' own */
		while ((rc = input_next(in, &b, e)) == 1) {
			if (seen0 == INT64_MIN)
				seen0 = b.time_ms;
			seen1 = b.time_ms;
			if (b.time_ms < est->model_start ||
			    b.time_ms >= est->end)
				continue;
			if (b.flags & LIQ_BAR_OI)
				in->has_oi = 1;
			if (b.time_ms < start || !(b.flags & LIQ_BAR_PRICE))
				continue;
			if (b.time_ms < fp)
				fp = b.time_ms;
			if (b.low < lo)
				lo = b.low;
			if (b.high > hi)
				hi = b.high;
		}
		if (rc < 0)
			goto fail;
		if (seen0 != in->info.first_ms || seen1 != in->info.last_ms) {
			rc = liq_error_set(e, LIQ_EFORMAT, in->path, 0, NULL,
			    NULL, 0, "corrupt bars header (its span disagrees "
			    "with the bars)");
			goto fail;
		}
		if (!in->has_oi) {
			if (isnan(o->oi_proxy)) {
				rc = liq_error_set(e, LIQ_EDATA, in->path, 0,
				    "oi_base", NULL, 0, "no open interest in "
				    "the bars (klines or trades only?): add "
				    "the metrics files to liq-ingest, or use "
				    "--oi-proxy FRACTION");
				goto fail;
			}
			in->proxy = 1;
			est->nproxy++;
		}
	}
	if (!(hi >= lo) || !(lo > 0)) {
		rc = liq_error_set(e, LIQ_EDATA, NULL, 0, NULL, NULL, 0,
		    "no prices in the window");
		goto fail;
	}
	/* without --from, the grid starts at the first bar with a price */
	if (o->from_ms == INT64_MIN && o->lookback_ms == 0 &&
	    fp >= g->start_ms + g->step_ms) {
		start = fp - ((fp % g->step_ms) + g->step_ms) % g->step_ms;
		g->start_ms = start;
		g->ncols = (uint64_t)((est->end - start) / g->step_ms);
		est->model_start = start - o->warmup_ms;
	}
	for (i = 0; i < o->ntiers; i++)
		if (o->leverage[i] < minlev)
			minlev = o->leverage[i];
	est->dist = 1 / minlev > 0.5 ? 0.5 : 1 / minlev;
	g->log_bins = o->log_bins;
	g->price_min = isnan(o->price_min) ? lo * (1 - est->dist) : o->price_min;
	g->price_max = isnan(o->price_max) ? hi * (1 + est->dist) : o->price_max;
	if (!(g->price_max > g->price_min) || !(g->price_min > 0)) {
		rc = liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "empty price range");
		goto fail;
	}
	g->nbins = o->nbins;
	if (isnan(o->price_min) && isnan(o->price_max) && !o->log_bins &&
	    !(o->tick > 0)) {
		/* round edges: a 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 x 10^k
		 * bin width */
		static const double nice[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6,
		    8, 10 };
		double w0 = (g->price_max - g->price_min) / g->nbins;
		double p10 = pow(10, floor(log10(w0))), w = w0, b0;

		for (int k = 0; k < 11; k++)
			if (nice[k] * p10 >= w0 * (1 - 1e-12)) {
				w = nice[k] * p10;
				break;
			}
		for (;;) {
			b0 = floor(g->price_min / w) * w;
			if (b0 + w * g->nbins >= g->price_max)
				break;
			w *= 1.25;
		}
		if (b0 > 0) {
			g->price_min = b0;
			g->price_max = b0 + w * g->nbins;
		}
	}
	if (o->tick > 0) {
		double b0 = floor(g->price_min / o->tick) * o->tick;
		double nb = ceil((g->price_max - b0) / o->tick);

		if (!(b0 > 0))
			b0 = o->tick;
		if (nb > LIQ_GRID_MAX_BINS) {
			rc = liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
			    "--tick gives %.0f bins, more than %d", nb,
			    LIQ_GRID_MAX_BINS);
			goto fail;
		}
		g->price_min = b0;
		g->nbins = (uint32_t)(nb < 1 ? 1 : nb);
		g->price_max = b0 + g->nbins * o->tick;
	}
	/* names */
	g->nlayers = 2 * (uint32_t)nlayers;
	for (i = 0; i < n; i++) {
		const char *v = est->in[i].info.venue;
		size_t l = strlen(g->venue);

		if (venue_index(est, i, v) >= 0 && i > 0 &&
		    strstr(g->venue, v) != NULL)
			continue;
		snprintf(g->venue + l, sizeof(g->venue) - l, "%s%s",
		    l ? "+" : "", v);
	}
	/* the symbols of the inputs, each once ("BTCUSDT+BTCUSD_PERP") */
	for (i = 0; i < n; i++) {
		const char *sy = est->in[i].info.symbol;
		size_t l = strlen(g->symbol);
		int seen = 0;

		for (int k = 0; k < i; k++)
			seen |= strcmp(est->in[k].info.symbol, sy) == 0;
		if (!seen && l + strlen(sy) + 2 <= sizeof(g->symbol))
			snprintf(g->symbol + l, sizeof(g->symbol) - l, "%s%s",
			    l ? "+" : "", sy);
	}
	if (!o->by_venue)
		strcpy(g->layers, "long,short");
	else
		for (int l = 0; l < nlayers; l++)
			for (i = 0; i < n; i++)
				if (est->in[i].layer == l) {
					size_t k = strlen(g->layers);

					snprintf(g->layers + k, sizeof(g->layers) -
					    k, "%s%s.long,%s.short", l ? "," : "",
					    est->in[i].info.venue,
					    est->in[i].info.venue);
					break;
				}
	if (o->command)
		snprintf(g->command, sizeof(g->command), "%s", o->command);
	record_params(est);
	/* the books */
	est->nstore = (long)g->nbins + 2;
	if ((est->cells = calloc((size_t)g->nlayers * g->nbins,
	    sizeof(float))) == NULL)
		goto nomem;
	for (uint32_t l = 0; l < g->nlayers; l++)
		est->col.layer[l] = est->cells + (size_t)l * g->nbins;
	if (g->nlayers > 2) {
		if ((est->sums = calloc(2 * (size_t)g->nbins,
		    sizeof(float))) == NULL)
			goto nomem;
		est->col.long_usd = est->sums;
		est->col.short_usd = est->sums + g->nbins;
	} else {
		est->col.long_usd = est->col.layer[0];
		est->col.short_usd = est->col.layer[1];
	}
	for (i = 0; i < n; i++)
		for (int sd = 0; sd < 2; sd++)
			if (book_init(&est->in[i].side[sd], o->ntiers,
			    est->nstore, o->close_rule == LIQ_CLOSE_OLDEST))
				goto nomem;
	*ep = est;
	return 0;
nomem:
	rc = liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
fail:
	liq_estimate_close(est);
	return rc;
}

const struct liq_grid_info *
liq_estimate_grid_info(const struct liq_estimate *est)
{
	return &est->g;
}

int
liq_estimate_proxied(const struct liq_estimate *est)
{
	return est->nproxy;
}

/* Fetch the next bar of input i inside the simulated span. */
static int
advance(struct input *in, int64_t end, struct liq_error *e)
{
	int rc;

	if (in->done)
		return 0;
	rc = input_next(in, &in->next, e);
	if (rc < 0)
		return rc;
	if (rc == 0 || in->next.time_ms >= end) {
		in->done = 1;
		in->have_next = 0;
		return 0;
	}
	in->have_next = 1;
	return 1;
}

int
liq_estimate_run(struct liq_estimate *est, liq_column_fn emit, void *ctx,
    struct liq_error *e)
{
	const struct liq_grid_info *g = &est->g;
	int64_t cidx = 0, k;
	int i, rc;

	col_reset(est);
	for (i = 0; i < est->n; i++) {
		if ((rc = input_rewind(&est->in[i], e)) != 0)
			return rc;
		if ((rc = advance(&est->in[i], est->sim_end, e)) < 0)
			return rc;
	}
	for (;;) {
		struct input *in = NULL;
		double pl = 0, ps = 0;
		int src = -1;

		for (i = 0; i < est->n; i++)
			if (est->in[i].have_next && (in == NULL ||
			    est->in[i].next.time_ms < in->next.time_ms)) {
				in = &est->in[i];
				src = i;
			}
		if (in == NULL)
			break;
		if (in->next.time_ms >= g->start_ms) {
			k = (in->next.time_ms - g->start_ms) / g->step_ms;
			while (cidx < k)
				if ((rc = col_emit(est, cidx++, emit, ctx, e)) != 0)
					return rc;
		}
		if ((rc = simulate(est, in, &in->next, &pl, &ps, e)) != 0)
			return rc;
		if (in->next.time_ms >= g->start_ms) {
			est->col.pred_long += pl;
			est->col.pred_short += ps;
			col_bar(est, src, &in->next);
		} else if ((in->next.flags & LIQ_BAR_PRICE))
			est->last_close = in->next.close;
		if ((rc = advance(in, est->sim_end, e)) < 0)
			return rc;
	}
	while ((uint64_t)cidx < g->ncols)
		if ((rc = col_emit(est, cidx++, emit, ctx, e)) != 0)
			return rc;
	return 0;
}

void
liq_estimate_ledger(const struct liq_estimate *est, int side,
    struct liq_estimate_ledger *l)
{
	int sd = side > 0 ? 0 : 1;

	memset(l, 0, sizeof(*l));
	for (int i = 0; i < est->n; i++) {
		const struct book *k = &est->in[i].side[sd];

		l->open += book_open(k, est->o.ntiers);
		l->opened += k->led.opened;
		l->touched += k->led.touched;
		l->closed += k->led.closed;
		l->decayed += k->led.decayed;
	}
}

void
liq_estimate_close(struct liq_estimate *est)
{
	if (est == NULL)
		return;
	for (int i = 0; i < est->n; i++) {
		liq_bars_reader_close(est->in[i].r);
		free(est->in[i].mem);
		book_free(&est->in[i].side[0]);
		book_free(&est->in[i].side[1]);
	}
	free(est->in);
	free(est->cells);
	free(est->sums);
	free(est);
}
