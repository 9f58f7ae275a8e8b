/*
 * estimate.c - the liquidation-level model (man/liq-estimate.1, THE
 * MODEL; man/liq-model.7, THE ESTIMATOR): bars in, grid columns out.
 *
 * Each bars input is simulated on its own (its venue's margin rule, its
 * contract type) and the results are summed on one grid, or kept in one
 * layer pair per venue.  Per input and per side the book (lib/book.c) is
 * an array of price bins per leverage tier, plus one bin below and one
 * above the grid for levels outside it, under a lazy scale per tier, so
 * proportional closing and decay cost O(tiers) per bar, not O(bins);
 * touching walks only the bins that price crossed, from the edge of the
 * occupied range.  A column costs O(tiers x occupied bins).
 *
 * Per bar, in time order (simulate): decay for the time since the
 * previous bar; touch (long levels at or above the low, short levels at
 * or below the high are liquidated, the bin holding the low/high in
 * proportion to the part of it that was crossed); then open (dOI > 0,
 * place) or close (dOI < 0).  The window and the axes are planned by
 * lib/plan.c, the options are in lib/estimate_opts.c.
 */
#define _GNU_SOURCE
#include <math.h>
#include <string.h>

#include "estimate_int.h"

/* ------------------------------------------------------------ model */

/* The book's storage index of price: 0 below the grid, nbins + 1 at or
 * above its top (book_int.h). */
static long
store_index(const struct liq_grid_info *g, double price)
{
	return liq_grid_bin(g, price) + 1;
}

/*
 * Decay (man/liq-estimate.1, "Decay"; man/liq-model.7, THE ESTIMATOR):
 * before a bar at t_ms, every level of a tier with half-life h is scaled
 * by 2^(-dt / h), dt the time since the input's previous bar.
 */
static void
decay(struct liq_estimate *est, struct input *in, int64_t t_ms)
{
	const struct liq_estimate_options *o = &est->o;

	if (in->last_t != INT64_MIN)
		for (int t = 0; t < o->ntiers; t++) {
			double f;

			if (o->half_life_ms[t] <= 0)
				continue;
			f = exp2(-(double)(t_ms - in->last_t) /
			    (double)o->half_life_ms[t]);
			for (int sd = 0; sd < 2; sd++)
				in->side[sd].led.decayed += liq__book_scale(
				    &in->side[sd], t, f, est->nstore);
		}
	in->last_t = t_ms;
}

/*
 * Touch, longs (man/liq-estimate.1, "Touch"; man/liq-model.7, THE
 * ESTIMATOR): every bin above the one holding low is emptied, and that
 * bin [a, b) loses
 *	fraction = (b - low) / (b - a)
 * of its levels, taken as spread evenly over it (b: the top of what an
 * earlier bar left of it).  The bins outside the grid are all or
 * nothing.  Returns the notional liquidated.
 */
static double
touch_longs(struct liq_estimate *est, struct book *L, double low)
{
	const struct liq_grid_info *g = &est->g;
	long ns = est->nstore, j, jl;
	int nt = est->o.ntiers;
	double gone = 0;

	if (!(L->hi >= L->lo) || (low > est->edge[g->nbins] &&
	    L->hi <= (long)g->nbins))
		return 0;
	jl = store_index(g, low);
	if (jl < 0)
		jl = 0;
	for (j = L->hi; j > jl && j >= L->lo; j--)
		gone += liq__book_erase(L, nt, j, 1, ns);
	if (jl >= L->lo && jl <= L->hi) {
		double fr = 1;

		if (jl >= 1 && jl <= (long)g->nbins) {
			double a = est->edge[jl - 1];
			double b = L->pj == jl ? L->pprice :
			    est->edge[jl];

			fr = low < b ? (b - low) / (b - a) : 0;
			if (fr > 0) {
				L->pj = jl;
				L->pprice = low;
			}
		}	/* jl == 0, below the grid: all of it */
		if (fr > 0)
			gone += liq__book_erase(L, nt, jl, fr, ns);
	}
	if (L->hi > jl)
		L->hi = jl;
	return gone;
}

/*
 * Touch, shorts: the mirror image.  Every bin below the one holding high
 * is emptied, and that bin [a, b) loses (high - a) / (b - a) (a: the
 * bottom of what is left of it).  Returns the notional liquidated.
 */
static double
touch_shorts(struct liq_estimate *est, struct book *S, double high)
{
	const struct liq_grid_info *g = &est->g;
	long ns = est->nstore, j, jh;
	int nt = est->o.ntiers;
	double gone = 0;

	if (!(S->hi >= S->lo))
		return 0;
	jh = store_index(g, high);
	if (jh > ns - 1)
		jh = ns - 1;
	for (j = S->lo; j < jh && j <= S->hi; j++)
		gone += liq__book_erase(S, nt, j, 1, ns);
	if (jh >= S->lo && jh <= S->hi) {
		double fr = 1;

		if (jh >= 1 && jh <= (long)g->nbins) {
			double a = S->pj == jh ? S->pprice :
			    est->edge[jh - 1];
			double b = est->edge[jh];

			fr = high > a ? (high - a) / (b - a) : 0;
			if (fr > 0) {
				S->pj = jh;
				S->pprice = high;
			}
		}
		if (fr > 0)
			gone += liq__book_erase(S, nt, jh, fr, ns);
	}
	if (S->lo < jh)
		S->lo = jh;
	return gone;
}

/*
 * The bracket table for a position opened at t (man/liq-model.7,
 * MAINTENANCE BRACKETS, "Which table"; man/liq-estimate.1, "Brackets"):
 * --brackets for every rule, Bybit's base risk limit for the bybit rule,
 * else Binance's BTCUSDT table in force on t (or on --brackets-date).
 */
static const struct liq_brackets *
brackets_at(const struct liq_estimate *est, const struct input *in,
    int64_t t)
{
	int64_t d = est->o.brackets_date != INT64_MIN ? est->o.brackets_date :
	    t;

	if (est->o.brackets_path || in->dated == NULL)
		return &in->user;
	return liq_brackets_dated_at(in->dated, d);
}

/*
 * Put notional x of tier t of book k at liquidation prices spread evenly
 * over [p0, p1] (either order; j0, j1 their storage indices), bin by bin
 * in proportion to the overlap (all in one bin when both fall in it or
 * one is infinite).
 */
static int
place_lp(struct liq_estimate *est, struct book *k, int t, double x,
    double p0, long j0, double p1, long j1)
{
	const struct liq_grid_info *g = &est->g;
	double a = p0 < p1 ? p0 : p1, b = p0 < p1 ? p1 : p0, edge;
	long j;

	if (p1 < p0) {
		j = j0;
		j0 = j1;
		j1 = j;
	}
	if (j0 == j1 || !(b > a) || !isfinite(b))
		return liq__book_add(k, t, j0, x, est->nstore);
	/* each edge computed once: bin j's top is bin j + 1's bottom */
	edge = j0 <= 0 ? a : est->edge[j0 - 1];
	for (j = j0; j <= j1; j++) {
		double lo = edge, hi = j > (long)g->nbins ? b :
		    est->edge[j];

		edge = hi;
		if (lo < a)
			lo = a;
		if (hi > b)
			hi = b;
		if (hi > lo && liq__book_add(k, t, j, x * (hi - lo) / (b - a),
		    est->nstore) != 0)
			return -1;
	}
	return 0;
}

/* The liquidation price of side sd (0 long), tier t, entered at e
 * (man/liq-model.7, LIQUIDATION PRICE; man/liq-estimate.1, "Liquidation
 * price"). */
static double
lp_of(const struct liq_estimate *est, const struct input *in, int sd, int t,
    double e, const struct liq_brackets *br)
{
	double pos = est->o.position_usd;

	/* a tier above the bracket's maximum leverage is held at it */
	return liq_liquidation_price(in->margin, in->market, sd == 0 ? 1 : -1,
	    e, liq_brackets_leverage(br, est->o.leverage[t], pos), pos, br);
}

/*
 * Put notional x of one side and tier entered over [e0, e1] (a point when
 * equal) at its liquidation prices LP, spread evenly over [LP(e0),
 * LP(e1)] (place_lp).
 */
static int
place(struct liq_estimate *est, struct input *in, int sd, int t, double x,
    double e0, double e1, const struct liq_brackets *br)
{
	const struct liq_grid_info *g = &est->g;
	double p0 = lp_of(est, in, sd, t, e0, br);
	double p1 = e1 == e0 ? p0 : lp_of(est, in, sd, t, e1, br);

	return place_lp(est, &in->side[sd], t, x, p0, store_index(g, p0), p1,
	    store_index(g, p1));
}

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/*
 * Close (man/liq-estimate.1, "Close"; man/liq-model.7, THE ESTIMATOR):
 * fraction fr of each side's open notional, every level scaled by 1 - fr
 * (proportional) or from the oldest lots first (oldest).
 */
static void
close_fraction(struct liq_estimate *est, struct input *in, double fr)
{
	const struct liq_estimate_options *o = &est->o;

	for (int sd = 0; sd < 2 && o->close_rule != LIQ_CLOSE_NONE; sd++) {
		struct book *k = &in->side[sd];

		if (o->close_rule == LIQ_CLOSE_OLDEST)
			liq__book_close_oldest(k, liq__book_open(k, o->ntiers) *
			    fr, est->nstore);
		else
			for (int t = 0; t < o->ntiers; t++)
				k->led.closed += liq__book_scale(k, t, 1 - fr,
				    est->nstore);
	}
}

/*
 * The change of open interest dOI of bar b, oi its open interest in
 * native units (NaN: none), in base units or USD for inverse contracts
 * (man/liq-estimate.1, "Open", "No open interest"): against the input's
 * last earlier open interest, 0 for the first; a fall closes
 * min(-dOI / OI, 1) of the book.  An input on --oi-proxy opens
 * F x (buy + sell volume).  Returns dOI.
 */
static double
oi_change(struct liq_estimate *est, struct input *in, const struct liq_bar *b,
    double oi)
{
	double d = 0;

	if (isfinite(oi)) {
		if (in->have_prev)
			d = oi - in->prev_oi;
		if (d < 0 && in->prev_oi > 0)
			close_fraction(est, in, clamp(-d / in->prev_oi, 0, 1));
		in->prev_oi = oi;
		in->have_prev = 1;
	} else if (in->proxy && (b->flags & LIQ_BAR_VOLUME))
		d = est->o.oi_proxy * (in->market == LIQ_MARKET_INVERSE ?
		    b->buy_quote + b->sell_quote : b->buy_base + b->sell_base);
	return d;
}

/* The long share s of new positions (--side): even 0.5, ratio r / (1 +
 * r), taker buy share in [0.1, 0.9]; 0.5 without the data. */
static double
long_share(const struct liq_estimate *est, const struct liq_bar *b)
{
	const struct liq_estimate_options *o = &est->o;
	double vq = b->buy_quote + b->sell_quote;

	if (o->side_rule == LIQ_SIDE_EVEN)
		return 0.5;
	if (o->side_rule == LIQ_SIDE_RATIO && (b->flags & LIQ_BAR_RATIO) &&
	    b->ls_ratio > 0)
		return b->ls_ratio / (1 + b->ls_ratio);
	if ((b->flags & LIQ_BAR_VOLUME) && vq > 0)
		return clamp(b->buy_quote / vq, 0.1, 0.9);
	return 0.5;
}

/*
 * Open (man/liq-estimate.1, "Open"; man/liq-model.7, THE ESTIMATOR): dOI
 * > 0 opens 2 x N of leveraged notional, N = dOI x E (linear) or dOI
 * (inverse, already USD), E by --entry (spread: entries evenly over
 * [r0, r1], the bar's range or one leg of its path); the long share s by
 * --side; tier L of weight w gets w x 2N x s long and w x 2N x (1 - s)
 * short, placed at their liquidation prices.
 */
static int
open_positions(struct liq_estimate *est, struct input *in,
    const struct liq_bar *b, double d, double r0, double r1,
    struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	double e0, e1, ent, share, notional;
	double vq = b->buy_quote + b->sell_quote;
	double vb = b->buy_base + b->sell_base;
	const struct liq_brackets *br = brackets_at(est, in, b->time_ms);

	/* E: typical (high + low + close) / 3, vwap, close, or spread over
	 * [low, high] with N at (low + high) / 2 */
	ent = (b->high + b->low + b->close) / 3;
	if (o->entry_rule == LIQ_ENTRY_CLOSE)
		ent = b->close;
	else if (o->entry_rule == LIQ_ENTRY_VWAP &&
	    (b->flags & LIQ_BAR_VOLUME) && vb > 0 && vq > 0)
		ent = vq / vb;
	e0 = e1 = ent;
	if (o->entry_rule == LIQ_ENTRY_SPREAD) {
		e0 = r0;
		e1 = r1;
		ent = (r0 + r1) / 2;
	}
	share = long_share(est, b);
	notional = in->market == LIQ_MARKET_INVERSE ? d : d * ent;
	for (int t = 0; t < o->ntiers; t++) {
		double w = o->weight[t] * 2 * notional;

		if (place(est, in, 0, t, w * share, e0, e1, br) != 0 ||
		    place(est, in, 1, t, w * (1 - share), e0, e1, br) != 0)
			return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL,
			    0, "out of memory");
	}
	return 0;
}

/*
 * The open interest held when the model starts, oi0 in native units
 * (man/liq-estimate.1, "Open"): positions opened before the first bar
 * are unknown, so their notional (oi0 x close, or oi0 USD on inverse
 * contracts) is placed in full on each side (every contract has a long
 * and a short holder) over the leverage mix, entered in SEED_PARTS equal
 * parts, part k evenly over close x (1 -+ k / SEED_PARTS x seed_pct %);
 * the caller then drops the levels that the first bar's range reaches.
 */
#define SEED_PARTS 8
static int
seed_positions(struct liq_estimate *est, struct input *in,
    const struct liq_bar *b, double oi0, struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	const struct liq_brackets *br = brackets_at(est, in, b->time_ms);
	double f = o->seed_pct / 100, notional;

	notional = in->market == LIQ_MARKET_INVERSE ? oi0 : oi0 * b->close;
	/* SEED_PARTS nested even spreads: entries densest at the close,
	 * thinning out to none at +-seed_pct % */
	for (int k = 1; k <= SEED_PARTS; k++) {
		double lo = b->close * (1 - f * k / SEED_PARTS);
		double hi = b->close * (1 + f * k / SEED_PARTS);

		for (int t = 0; t < o->ntiers; t++) {
			double w = o->weight[t] * notional / SEED_PARTS;

			if (place(est, in, 0, t, w, lo, hi, br) != 0 ||
			    place(est, in, 1, t, w, lo, hi, br) != 0)
				return liq_error_set(e, LIQ_ENOMEM, NULL, 0,
				    NULL, NULL, 0, "out of memory");
		}
	}
	return 0;
}

/*
 * Turnover (man/liq-estimate.1, "Turnover"): positions closed and as many
 * opened at unchanged open interest, a share
 *	tau = min(turnover x (high - low) / close, 1)
 * of the open interest per bar (volume grows with the range): tau of each
 * side's book closes by --close, and the notional of tau x oi is returned
 * to be opened with the bar's dOI.  0 without open interest.
 */
static double
turnover(struct liq_estimate *est, struct input *in, const struct liq_bar *b,
    double oi)
{
	double tau;

	if (!(est->o.turnover > 0) || !isfinite(oi) || !(oi > 0) ||
	    !(b->close > 0) || !(b->high >= b->low))
		return 0;
	tau = clamp(est->o.turnover * (b->high - b->low) / b->close, 0, 1);
	if (tau > 0)
		close_fraction(est, in, tau);
	return tau * oi;
}

/*
 * store_index(g, x) found by walking from storage index j, the index of
 * a nearby price, over a few edges (storage j >= 1 is the bin [edge(j -
 * 1), edge(j)), edge(nbins) = price_max): the same index as liq_grid_bin
 * gives, which agrees with liq_grid_edge (est->edge) exactly, at a
 * fraction of the cost when x is a bin or two away; farther, store_index
 * itself.
 */
static long
store_index_near(const struct liq_estimate *est, long j, double x)
{
	const struct liq_grid_info *g = &est->g;
	long n = (long)g->nbins;

	if (!isfinite(x) || j < 0 || j > n + 1)
		return store_index(g, x);
	for (int step = 0; step < 4; step++) {
		if (j <= n && x >= est->edge[j])
			j++;
		else if (j >= 1 && x < est->edge[j - 1])
			j--;
		else
			return j;
	}
	return store_index(g, x);
}

/* The liquidation prices (and their storage indices) of the four points
 * of a bar's path, per side and tier: each leg's entries spread between
 * those of its two ends, so they are computed once per bar, at the low
 * and the high, and the open's and close's interpolated between them
 * (exact where the rule is linear in the entry: the simple rule, and
 * Binance's and Bybit's for linear contracts at a fixed position size). */
struct path_lp {
	double lp[2][LIQ_MAX_TIERS][4];
	long j[2][LIQ_MAX_TIERS][4];
};

static void
path_lps(struct liq_estimate *est, struct input *in, const struct liq_bar *b,
    const double p[4], struct path_lp *q)
{
	const struct liq_brackets *br = brackets_at(est, in, b->time_ms);

	double lo = b->low, hi = b->high;

	for (int sd = 0; sd < 2; sd++)
		for (int t = 0; t < est->o.ntiers; t++) {
			double a = lp_of(est, in, sd, t, lo, br);
			double c = hi > lo ? lp_of(est, in, sd, t, hi, br) : a;
			long ja = store_index(&est->g, a);
			long jc = store_index_near(est, ja, c);

			for (int i = 0; i < 4; i++) {
				double x = p[i] <= lo ? a : p[i] >= hi ? c :
				    a + (c - a) * (p[i] - lo) / (hi - lo);

				if (!isfinite(x))	/* an infinite end */
					x = lp_of(est, in, sd, t, p[i], br);
				q->lp[sd][t][i] = x;
				/* between a and c, so in their bin when they
				 * share one (the bins are monotone in price) */
				q->j[sd][t][i] = x == a ? ja : x == c ? jc :
				    ja == jc && isfinite(a) && isfinite(c) ? ja :
				    store_index_near(est, ja, x);
			}
		}
}

/* Open notional d of bar b entered evenly over leg k of its path p (as
 * open_positions with --entry spread over the leg). */
static int
open_leg(struct liq_estimate *est, struct input *in, const struct liq_bar *b,
    double d, const double p[4], int k, const struct path_lp *q,
    struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	double share = long_share(est, b), lo = p[k] < p[k + 1] ? p[k] :
	    p[k + 1], hi = p[k] < p[k + 1] ? p[k + 1] : p[k];
	double notional = in->market == LIQ_MARKET_INVERSE ? d :
	    d * ((lo + hi) / 2);

	for (int t = 0; t < o->ntiers; t++) {
		double w = o->weight[t] * 2 * notional;

		for (int sd = 0; sd < 2; sd++)
			if (place_lp(est, &in->side[sd], t, sd == 0 ?
			    w * share : w * (1 - share), q->lp[sd][t][k],
			    q->j[sd][t][k], q->lp[sd][t][k + 1],
			    q->j[sd][t][k + 1]) != 0)
				return liq_error_set(e, LIQ_ENOMEM, NULL, 0,
				    NULL, NULL, 0, "out of memory");
	}
	return 0;
}

/*
 * The path model's bar (man/liq-estimate.1, "Path"): the bar's price is
 * taken to go open, low, high, close when it closes at or above its open,
 * else open, high, low, close.  Its new positions (dOI > 0 plus the
 * turnover) are entered evenly along that path, each leg getting its
 * share of the path's length; leg by leg, its entries are placed and then
 * the leg's end touches the side it moved against (a falling leg longs,
 * a rising one shorts), so a position opened early in the bar is
 * liquidated by what price does later in it.  Closes come first.  The
 * bar's low and high are each a leg's end, so what the book held before
 * the bar is touched as in the classic model.
 */
static int
simulate_path(struct liq_estimate *est, struct input *in,
    const struct liq_bar *b, double oi, double *pl, double *ps,
    struct liq_error *e)
{
	double o = isfinite(b->open) ? clamp(b->open, b->low, b->high) :
	    b->close, c = isfinite(b->close) ? clamp(b->close, b->low,
	    b->high) : o;
	int up = c >= o;
	double p[4] = { o, up ? b->low : b->high, up ? b->high : b->low, c };
	double d = oi_change(est, in, b, oi), path = 0;
	struct path_lp pl_;

	d = (d > 0 ? d : 0) + turnover(est, in, b, oi);
	for (int k = 0; k < 3; k++)
		path += fabs(p[k + 1] - p[k]);
	if (!(path > 0)) {	/* a flat bar: entries at its one price */
		if (d > 0)
			return open_positions(est, in, b, d, b->low, b->high,
			    e);
		return 0;
	}
	if (d > 0 && est->o.entry_rule == LIQ_ENTRY_SPREAD)
		path_lps(est, in, b, p, &pl_);
	for (int k = 0; k < 3; k++) {
		double len = fabs(p[k + 1] - p[k]), g;
		int rc = 0;

		if (!(len > 0))
			continue;
		if (d > 0 && est->o.entry_rule == LIQ_ENTRY_SPREAD)
			rc = open_leg(est, in, b, d * len / path, p, k, &pl_, e);
		else if (d > 0)
			rc = open_positions(est, in, b, d * len / path,
			    p[k] < p[k + 1] ? p[k] : p[k + 1], p[k] < p[k + 1] ?
			    p[k + 1] : p[k], e);
		if (rc != 0)
			return rc;
		if (p[k + 1] < p[k]) {
			g = touch_longs(est, &in->side[0], p[k + 1]);
			in->side[0].led.touched += g;
			*pl += g;
		} else {
			g = touch_shorts(est, &in->side[1], p[k + 1]);
			in->side[1].led.touched += g;
			*ps += g;
		}
	}
	return 0;
}

/*
 * One bar of one input (man/liq-estimate.1, THE MODEL): decay, touch,
 * then the change of open interest closes or opens.  Bars before the
 * model's start only set the earlier open interest; a bar without prices
 * only decays.  What the touch liquidated is added to *pl and *ps.
 */
static int
simulate(struct liq_estimate *est, struct input *in, const struct liq_bar *b,
    double *pl, double *ps, struct liq_error *e)
{
	double oi = NAN, d, gl, gs;

	if (b->flags & LIQ_BAR_OI) {
		oi = in->market == LIQ_MARKET_INVERSE ? b->oi_quote :
		    b->oi_base;
		in->oi_quote = b->oi_quote;
	}
	if (b->time_ms < est->model_start) {
		if (isfinite(oi)) {
			in->prev_oi = oi;
			in->have_prev = 1;
		}
		return 0;
	}
	decay(est, in, b->time_ms);
	if (!(b->flags & LIQ_BAR_PRICE) || !isfinite(b->low) ||
	    !isfinite(b->high))
		return 0;
	if (!in->seeded) {
		/* the first priced bar: the open interest before it */
		double oi0 = in->have_prev ? in->prev_oi : oi;

		in->seeded = 1;
		if (est->o.seed_pct > 0 && isfinite(oi0) && oi0 > 0 &&
		    isfinite(b->close) && b->close > 0) {
			if (seed_positions(est, in, b, oi0, e) != 0)
				return LIQ_ENOMEM;
			/* positions held at the start have survived the
			 * prices before it: those this bar reaches are taken
			 * as gone already (closed, not predicted) */
			in->side[0].led.closed += touch_longs(est, &in->side[0],
			    b->low);
			in->side[1].led.closed += touch_shorts(est,
			    &in->side[1], b->high);
		}
	}
	if (b->time_ms >= est->g.start_ms && est->left_ms == INT64_MIN &&
	    (b->low < est->g.price_min || b->high >= est->g.price_max))
		est->left_ms = b->time_ms;
	if (est->o.model == LIQ_MODEL_PATH)
		return simulate_path(est, in, b, oi, pl, ps, e);
	gl = touch_longs(est, &in->side[0], b->low);
	gs = touch_shorts(est, &in->side[1], b->high);
	in->side[0].led.touched += gl;
	in->side[1].led.touched += gs;
	*pl += gl;
	*ps += gs;
	d = oi_change(est, in, b, oi);
	d = (d > 0 ? d : 0) + turnover(est, in, b, oi);
	if (d > 0)
		return open_positions(est, in, b, d, b->low, b->high, e);
	return 0;
}

/* ------------------------------------------------------------ columns */

/* A new column: no prices, nothing predicted, realized unknown. */
static void
col_reset(struct liq_estimate *est)
{
	struct liq_grid_column *c = &est->col;

	c->open = c->high = c->low = c->close = NAN;
	c->pred_long = c->pred_short = 0;
	c->real_long = c->real_short = c->funding = NAN;
	est->col_src = -1;
}

/*
 * Bar b of input src into the column (man/liq-estimate.1, "Columns and
 * bins"): its realized liquidations summed; OHLC from the first input in
 * the order given that has priced bars in the column.
 */
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
	if ((b->flags & LIQ_BAR_FUNDING) && src == est->col_src)
		c->funding = b->funding;	/* the price input's, last */
}

/*
 * Add the grid's bins of side sd of book k, all tiers, to the column's
 * layers of pair pair (one layer per tier with --by-leverage), the bins
 * outside the grid left out.  Each tier's value is rounded to float32
 * before it is added in float32 (kept below FLT_MAX), so that the layers
 * of --by-leverage, summed in their order, are the plain grid's cells bit
 * for bit.
 */
static void
col_add_book(const struct liq_estimate *est, const struct book *k,
    int pair, int sd)
{
	long nbins = (long)est->g.nbins;
	long lo = k->lo < 1 ? 1 : k->lo, hi = k->hi > nbins ? nbins : k->hi;

	for (int t = 0; t < est->o.ntiers; t++) {
		const double *v = k->v + (long)t * est->nstore;
		double s = k->s[t];
		float *out = est->col.layer[2 * (pair * est->tier_pairs +
		    (est->tier_pairs > 1 ? t : 0)) + sd];

		for (long j = lo; j <= hi; j++) {
			double y = v[j] * s;
			float x = out[j - 1] + (float)(y < 3.4e38 ? y : 3.4e38);

			out[j - 1] = x < 3.4e38f ? x : 3.4e38f;
		}
	}
}

/*
 * Emit column cidx: the snapshot of every input's books at its end, the
 * tiers and the inputs of a layer summed, the open interest summed over
 * inputs (NaN when none has one yet), a column without prices flat at
 * the last close; then start the next one.
 */
static int
col_emit(struct liq_estimate *est, int64_t cidx, liq_column_fn emit,
    void *ctx, struct liq_error *e)
{
	struct liq_grid_column *c = &est->col;
	const struct liq_grid_info *g = &est->g;
	double oi = 0;
	int any_oi = 0, i, sd, rc;

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
		for (sd = 0; sd < 2; sd++)
			col_add_book(est, &in->side[sd], in->layer, sd);
	}
	c->oi_quote = any_oi ? oi : NAN;
	if (est->sums) {
		memset(est->sums, 0, 2 * sizeof(float) * g->nbins);
		for (uint32_t l = 0; l < g->nlayers; l++) {
			float *sum = est->sums + (l % 2) * g->nbins;

			for (uint32_t b = 0; b < g->nbins; b++)
				sum[b] += c->layer[l][b];
		}
	}
	if ((rc = emit(ctx, c, e)) != 0)
		return rc;
	col_reset(est);
	return 0;
}

/* Fetch the next bar of in that ends by end (in->have_next): a bar that
 * --to cuts is not known at --to, so it is not simulated.  1, 0 when
 * there is none, or a negative code. */
static int
advance(struct input *in, int64_t end, struct liq_error *e)
{
	int rc;

	if (in->done)
		return 0;
	rc = liq__input_next(in, &in->next, e);
	if (rc < 0)
		return rc;
	if (rc == 0 || in->next.time_ms > end - in->info.interval_ms) {
		in->done = 1;
		in->have_next = 0;
		return 0;
	}
	in->have_next = 1;
	return 1;
}

static int
run(struct liq_estimate *est, liq_column_fn emit, void *ctx,
    struct liq_error *e)
{
	const struct liq_grid_info *g = &est->g;
	int64_t cidx = 0, k;
	int i, rc;

	col_reset(est);
	for (i = 0; i < est->n; i++) {
		if ((rc = liq__input_rewind(&est->in[i], e)) != 0)
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
				if ((rc = col_emit(est, cidx++, emit, ctx,
				    e)) != 0)
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

		l->open += liq__book_open(k, est->o.ntiers);
		l->opened += k->led.opened;
		l->touched += k->led.touched;
		l->closed += k->led.closed;
		l->decayed += k->led.decayed;
	}
}


int
liq_estimate_run(struct liq_estimate *est, liq_column_fn emit, void *ctx,
    struct liq_error *e)
{
	int rc;

	if ((rc = liq__estimate_check_held(est, e)) != 0 ||
	    (rc = run(est, emit, ctx, e)) < 0)
		liq__estimate_name_error(est, e);
	return rc;
}
