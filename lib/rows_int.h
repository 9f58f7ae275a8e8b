/*
 * rows_int.h - what a dialect's row handlers use (lib/rows.c): messages
 * that name the file, line, column and text; field getters with checks;
 * the bar-event core that puts trades, prices and volumes into bars.
 * Private to lib/.
 */
#ifndef LIQ_ROWS_INT_H
#define LIQ_ROWS_INT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest_int.h"
#include "num_int.h"

/* Rows must be dated between 2009-01-01 and 2100-01-01. */
#define T_MIN	INT64_C(1230768000000)
#define T_MAX	INT64_C(4102444800000)

/* ------------------------------------------------------------ errors */

/* Record an error about the row being read (field -1: none); returns code. */
int liq__row_err(struct src *s, struct liq_error *e, int code, int field,
    const char *text, size_t tlen, const char *msg);

/* LIQ_EDATA about field of the row, its text quoted; returns LIQ_EDATA. */
int liq__fld_err(struct src *s, struct liq_error *e, int field,
    const char *msg);

/* ------------------------------------------------------- field getters */

/*
 * The getters read field of the row in s->f, which must be present (see
 * liq__has), and return 0 or LIQ_EDATA with e naming the column.
 */
int liq__get_num(struct src *s, int field, double *v, struct liq_error *e);
int liq__get_pos(struct src *s, int field, double *v, struct liq_error *e);
int liq__get_nonneg(struct src *s, int field, double *v,
    struct liq_error *e);
int liq__get_int(struct src *s, int field, int64_t *v, struct liq_error *e);
int liq__get_bool(struct src *s, int field, int *v, struct liq_error *e);
/* An optional non-negative number: NaN when the field is empty or absent. */
int liq__get_opt(struct src *s, int field, double *v, struct liq_error *e);
/* Taker side "Buy"/"buy" (0) or "Sell"/"sell" (1). */
int liq__get_side(struct src *s, int *side, struct liq_error *e);
/*
 * A time: epoch digits in the file's unit (s->tdiv), Bybit's seconds with
 * a fraction, BitMEX's 2019-01-01D00:00:01.123456789, ISO 8601, or a
 * vendor's seconds with a fraction; in ms, and between T_MIN and T_MAX.
 */
int liq__get_time(struct src *s, int field, int64_t *t, struct liq_error *e);

/* The row has field. */
static inline int
liq__has(const struct src *s, int field)
{
	return s->col[field] >= 0 && s->col[field] < s->f.n;
}

/* The row lacks field or it is empty. */
static inline int
liq__empty(const struct src *s, int field)
{
	return !liq__has(s, field) || s->f.len[s->col[field]] == 0;
}

/* The field as an exact decimal m / 10^sc, or sc = -1 when it is not. */
static inline void
liq__get_fixed(const struct src *s, int field, int64_t *m, int *sc)
{
	int c = s->col[field];

	if (liq_parse_fixed(s->f.p[c], s->f.len[c], m, sc) != 0) {
		*sc = -1;
		*m = 0;
	}
}

/*
 * A raw epoch number in the file's unit to ms.  Seconds that overflow in
 * ms saturate, so the range check that follows refuses them.
 */
static inline int64_t
liq__to_ms(const struct src *s, int64_t raw)
{
	int64_t ms;

	if (s->tdiv > 0)
		return liq__floordiv(raw, s->tdiv);
	if (__builtin_mul_overflow(raw, -s->tdiv, &ms))
		return raw > 0 ? INT64_MAX : INT64_MIN;
	return ms;
}

/* Rows of other symbols in a multi-symbol file are skipped. */
static inline int
liq__other_symbol(const struct src *s, const struct ctx *c)
{
	return c->mkt->symbol[0] != '\0' && liq__has(s, F_SYMBOL) &&
	    !liq__field_is(&s->f, s->col[F_SYMBOL], c->mkt->symbol);
}

/* -------------------------------------------------------------- events */

/* The messages of liq__bar_at, out of line (they are rare). */
int liq__span_err(struct src *s, int64_t t, struct liq_error *e);
int liq__gap_err(struct src *s, struct ctx *c, int64_t t,
    struct liq_error *e);
int liq__order_err(struct src *s, struct liq_agg *a, int64_t t,
    struct liq_error *e);

/*
 * A row far outside the day or month its file's name gives is corrupt:
 * left in, one such time (say 2099) would fill the gap to it with
 * millions of empty bars.  SPAN_SLACK either side: only the absurd is
 * refused, not a file renamed by a few days.  Likewise a row more than
 * --max-gap after the latest row before it in its file (the first row of
 * a file always passes).
 */
#define SPAN_SLACK	(INT64_C(31) * 86400000)

/*
 * The bar that holds time t (sample: t is a bar's close), or NULL with
 * *rc set: the span, gap and order errors name the file and line.
 */
static inline __attribute__((always_inline)) struct liq_acc *
liq__bar_at(struct src *s, struct ctx *c, int64_t t, int sample, int *rc,
    struct liq_error *e)
{
	struct liq_acc *a;

	if (s->name_from != INT64_MIN && (t < s->name_from - SPAN_SLACK ||
	    t >= s->name_to + SPAN_SLACK)) {
		*rc = liq__span_err(s, t, e);
		return NULL;
	}
	if (s->last_ts != INT64_MIN && t - s->last_ts > c->max_gap) {
		*rc = liq__gap_err(s, c, t, e);
		return NULL;
	}
	a = liq__agg_at(c->agg, t, sample, rc, e);

	if (a == NULL && *rc == LIQ_EORDER)
		*rc = liq__order_err(s, c->agg, t, e);
	return a;
}

/*
 * Add base and quote volume of a trade to side (0 buy, 1 sell) by the
 * run's market rules.  qty is the quantity as a double, or NaN when the
 * caller has only the exact form (qm, qs) and it is computed here when
 * needed; (pm, ps) the price as an exact decimal (ps -1: not exact).
 */
static inline __attribute__((always_inline)) void
liq__add_volume(struct liq_acc *a, const struct mkt *m, int side, int64_t qm,
    int qs, double qty, int64_t pm, int ps, double px)
{
	__int128 fx;

	/* the double only where it is used: the exact sums rarely need it */
#define QTY	(isnan(qty) ? (double)qm / liq__pow10[qs] : qty)
	if (m->cs_one) {
		if (qs >= 0 && liq__fx(qm, qs, 0, -1, &fx))
			a->fx_base[side] += fx;
		else
			liq__kahan(&a->d_base[side], &a->c_base[side], QTY);
		if (qs >= 0 && ps >= 0 && liq__fx(qm, qs, pm, ps, &fx))
			a->fx_quote[side] += fx;
		else
			liq__kahan(&a->d_quote[side], &a->c_quote[side],
			    QTY * px);
	} else if (m->market == LIQ_MARKET_INVERSE) {
		/* contracts of cs quote units: quote exact, base = quote/px */
		if (qs >= 0 && m->cs_scale >= 0 &&
		    liq__fx(qm, qs, m->cs_mant, m->cs_scale, &fx))
			a->fx_quote[side] += fx;
		else
			liq__kahan(&a->d_quote[side], &a->c_quote[side],
			    QTY * m->cs);
		liq__kahan(&a->d_base[side], &a->c_base[side],
		    QTY * m->cs / px);
	} else {
		/* linear contracts of cs base units */
		if (qs >= 0 && m->cs_scale >= 0 &&
		    liq__fx(qm, qs, m->cs_mant, m->cs_scale, &fx))
			a->fx_base[side] += fx;
		else
			liq__kahan(&a->d_base[side], &a->c_base[side],
			    QTY * m->cs);
		liq__kahan(&a->d_quote[side], &a->c_quote[side],
		    QTY * m->cs * px);
	}
#undef QTY
	a->has_vol = 1;
}

/*
 * One trade into its bar: price px with ordering key (t, id), ntrades
 * exchange trades, volume on side (0 buy, 1 sell) from the quantity as an
 * exact decimal (qm, qs) or the double qty (NaN: use the decimal) and the
 * price as an exact decimal (pm, ps; ps -1 when not exact).  Returns 0 or
 * the code of liq__bar_at.
 */
static inline __attribute__((always_inline)) int
liq__apply_trade(struct src *s, struct ctx *c, int64_t t, int64_t id,
    int side, double px, int64_t pm, int ps, int64_t qm, int qs, double qty,
    uint64_t ntrades, struct liq_error *e)
{
	struct liq_acc *a;
	int rc;

	if ((a = liq__bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	liq__acc_price(a, t, id, px, px, px, px);
	liq__add_volume(a, c->mkt, side, qm, qs, qty, pm, ps, px);
	a->trades += ntrades;
	s->matched++;
	if (t > s->last_ts)
		s->last_ts = t;
	return 0;
}

/*
 * A trade from a fused row parser: price and quantity are plain decimals
 * below 2^53.  Consecutive rows often share a price, so its double is
 * cached (m / 10^s is one correctly rounded division).
 */
static inline __attribute__((always_inline)) int
liq__fast_trade(struct src *s, struct ctx *c, int64_t t, int64_t id,
    int side, uint64_t pmu, int ps, uint64_t qmu, int qs, uint64_t ntrades,
    struct liq_error *e)
{
	double px;

	if ((int64_t)pmu == c->last_pm && ps == c->last_ps)
		px = c->last_px;
	else {
		px = (double)pmu / liq__pow10[ps];
		c->last_pm = (int64_t)pmu;
		c->last_ps = ps;
		c->last_px = px;
	}
	return liq__apply_trade(s, c, t, id, side, px, (int64_t)pmu, ps,
	    (int64_t)qmu, qs, NAN, ntrades, e);
}

/*
 * A row handler (struct liq_dialect.row) for one trade of a venue's dump
 * (Bybit, BitMEX, OKX, Tardis): taker side (F_SIDE), price, size in the
 * venue's native unit (base coin, USD contracts or contracts of a fixed
 * value), converted by the run's market rules like a Binance trade and
 * ordered by line within a time.  Rows of other symbols are skipped.
 */
int liq__row_venue_trade(struct src *s, struct ctx *c, int64_t t,
    const char *l, size_t n, struct liq_error *e);

#endif
