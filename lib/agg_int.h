/*
 * agg_int.h - the bar builder: events in (nearly) time order, bars out.
 * Private to lib/.
 */
#ifndef LIQ_AGG_INT_H
#define LIQ_AGG_INT_H

#include <stdint.h>

#include "liq.h"
#include "num_int.h"

/* An exact quantity: mant / 10^scale (liq_parse_fixed), or a double. */
struct liq_qty {
	int64_t mant;
	int scale;		/* -1: not exact, use d */
	double d;
};

/*
 * One bar being built.  Open and close are chosen by the smallest and
 * largest (time, id) key, high/low/volumes are sums and extremes, so the
 * result does not depend on the order events arrive in within the window.
 * Volumes are summed exactly in integers scaled by 10^18 where the inputs
 * are exact decimals, in doubles (Neumaier) otherwise.
 */
struct liq_acc {
	int64_t bar;
	int used;
	int has_px;
	int64_t okey_t, okey_id, ckey_t, ckey_id;
	double open, high, low, close;
	__int128 fx_base[2], fx_quote[2];	/* [0] buy, [1] sell */
	double d_base[2], d_quote[2], c_base[2], c_quote[2];
	int has_vol;
	uint64_t trades;
	int64_t oi_t;
	double oi_base, oi_quote;
	int64_t fund_t;
	double funding;
	int64_t ratio_t;
	double ls_ratio, top_ls;
	double liq_q[2];	/* [0] longs liquidated, [1] shorts */
	uint32_t liq_n[2];
	int has_liq, has_liq_n;
};

/* A time range where a class of data is known to be complete. */
struct liq_cover {
	int64_t from, to;	/* to == INT64_MAX: still open */
};

struct liq_agg {
	int64_t interval;
	int64_t from, to;		/* emitted window */
	int64_t oi_max_age, fund_max_age;
	uint64_t mask;			/* ring size - 1 */
	struct liq_acc *ring;
	int64_t lo;			/* lowest bar still in the ring */
	int started;
	int64_t last_used;		/* highest bar with data */
	int emitted_any;
	struct liq_acc *cur;		/* cache: the bar last touched */
	int64_t cur_t0, cur_t1;		/* and its time range */
	/* carried state */
	double prev_close;
	int64_t oi_t;
	double oi_base, oi_quote;
	int64_t fund_t;
	double funding;
	int64_t ratio_t;
	double ls_ratio, top_ls;
	/* coverage of volume and liquidation data */
	struct liq_cover *cov[2];
	int ncov[2], capcov[2];
	int vol_known_always;
	liq_bar_fn emit;
	void *ctx;
	uint64_t nbars;
	/* spans come from prices (liq__agg_priced): no bar before the one
	 * before the first priced bar, none after the last priced bar */
	int priced;		/* the run has inputs with prices */
	int px_seen;		/* a priced bar was emitted */
	int64_t px_to;		/* no bar at or after this time (ms) */
	int64_t last_px;	/* the last priced bar emitted */
	int64_t px_from;	/* the priced files' span starts (their dates,
				   else first rows): bars from there on */
	int64_t px_cover_to;	/* and ends (dated files), INT64_MIN: not
				   known, the last priced bar ends it */
};

enum { LIQ_COV_VOL, LIQ_COV_LIQ };

int liq__agg_init(struct liq_agg *a, int64_t interval, int64_t reorder,
    int64_t from, int64_t to, int64_t oi_max_age, int64_t fund_max_age,
    liq_bar_fn emit, void *ctx);
void liq__agg_free(struct liq_agg *a);

/* Coverage: add a range (returns its index) and close an open one. */
int liq__agg_cover(struct liq_agg *a, int cls, int64_t from, int64_t to);
void liq__agg_cover_end(struct liq_agg *a, int cls, int idx, int64_t to);

/*
 * The bar that holds time t (sample: t is a bar's close time, so it goes to
 * the bar that ends at t).  Returns NULL with LIQ_EORDER in *rc when t is
 * before the reorder window, or NULL with the emit callback's code.
 */
struct liq_acc *liq__agg_slot(struct liq_agg *a, int64_t bar, int *rc,
    struct liq_error *e);


static inline __attribute__((always_inline)) struct liq_acc *
liq__agg_at(struct liq_agg *a, int64_t t, int sample, int *rc,
    struct liq_error *e)
{
	int64_t tt = sample ? t - 1 : t;

	/* most events fall in the bar of the one before: no division */
	if (a->cur != NULL && tt >= a->cur_t0 && tt < a->cur_t1)
		return a->cur;
	return liq__agg_slot(a, liq__floordiv(tt, a->interval), rc, e);
}

/* Record a price observation with its ordering key (t, id). */
static inline __attribute__((always_inline)) void
liq__acc_price(struct liq_acc *c, int64_t t, int64_t id, double open,
    double high, double low, double close)
{
	if (!c->has_px) {
		c->has_px = 1;
		c->okey_t = c->ckey_t = t;
		c->okey_id = c->ckey_id = id;
		c->open = open;
		c->close = close;
		c->high = high;
		c->low = low;
		return;
	}
	if (t > c->ckey_t || (t == c->ckey_t && id >= c->ckey_id)) {
		c->ckey_t = t;
		c->ckey_id = id;
		c->close = close;
	}
	if (t < c->okey_t || (t == c->okey_t && id < c->okey_id)) {
		c->okey_t = t;
		c->okey_id = id;
		c->open = open;
	}
	if (high > c->high)
		c->high = high;
	if (low < c->low)
		c->low = low;
}

/* 10^k for k in 0..18, as the fixed-point scale factors. */
extern const int64_t liq__pow10i[19];

/*
 * m / 10^s (times m2 / 10^s2 when s2 >= 0) in units of 10^-18, exactly.
 * Returns 0 when it does not fit (the caller uses doubles then): a value
 * of 2^100 units (about 1.27e12) or more, so that sums of up to 2^26
 * such values stay within __int128.
 */
static inline __attribute__((always_inline)) int
liq__fx(int64_t m, int s, int64_t m2, int s2, __int128 *out)
{
	const int64_t lim = INT64_C(1) << 53;
	const __int128 cap = (__int128)1 << 100;
	__int128 v, p;

	if (s2 < 0) {
		if (s < 0 || s > 18)
			return 0;
		v = (__int128)m * liq__pow10i[18 - s];	/* |v| < 2^123 */
	} else {
		if (s < 0 || s + s2 > 18 || m >= lim || m <= -lim ||
		    m2 >= lim || m2 <= -lim)
			return 0;
		v = (__int128)m * m2;			/* |v| < 2^106 */
		p = liq__pow10i[18 - s - s2];
		if (v >= cap / p || v <= -cap / p)
			return 0;
		v *= p;
	}
	if (v >= cap || v <= -cap)
		return 0;
	*out = v;
	return 1;
}

/* Neumaier's compensated sum: *sum + *comp is the running total. */
static inline void
liq__kahan(double *sum, double *comp, double x)
{
	double t = *sum + x;

	if ((*sum < 0 ? -*sum : *sum) >= (x < 0 ? -x : x))
		*comp += (*sum - t) + x;
	else
		*comp += (x - t) + *sum;
	*sum = t;
}

/*
 * Spans come from prices: a run with priced inputs (trades, klines,
 * vendor bars) makes no bar before the one that closes when the first
 * priced bar opens (it holds what was sampled at that moment: open
 * interest, funding, ratios) — earlier samples only seed the values
 * carried into the first bars — and, after liq__agg_prices_end (the last
 * priced input is done), none after the last priced bar.
 */
void liq__agg_priced(struct liq_agg *a);
void liq__agg_prices_end(struct liq_agg *a);

/* Emit everything left. */
int liq__agg_finish(struct liq_agg *a, struct liq_error *e);

#endif
