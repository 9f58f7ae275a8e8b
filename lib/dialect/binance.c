/*
 * binance.c - the Binance public data archive (data.binance.vision):
 * aggTrades, trades, klines, metrics, fundingRate and liquidationSnapshot
 * files of USD-M and COIN-M futures and spot, with or without their
 * header row, named [spot-|um-|cm-]SYMBOL-KIND-YYYY-MM[-DD].
 *
 * aggTrades rows in Binance's column order take a fused parser that
 * scans and converts each field in one pass (lib/scan_int.h); a row it
 * does not take goes through the general path (lib/rows.c).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dialect_int.h"
#include "rows_int.h"
#include "scan_int.h"

static const struct liq_colspec c_aggtrades[] = {
	{ F_ID, "agg_trade_id", 1 }, { F_PRICE, "price", 1 },
	{ F_QTY, "quantity", 1 }, { F_FIRST, "first_trade_id", 1 },
	{ F_LAST, "last_trade_id", 1 }, { F_TIME, "transact_time", 1 },
	{ F_MAKER, "is_buyer_maker", 1 }, { F_BEST, "is_best_match", 0 },
	{ -1, NULL, 0 }
};
static const struct liq_colspec c_trades[] = {
	{ F_ID, "id", 1 }, { F_PRICE, "price", 1 }, { F_QTY, "qty", 1 },
	{ F_QUOTE_QTY, "quote_qty", 0 }, { F_TIME, "time", 1 },
	{ F_MAKER, "is_buyer_maker", 1 }, { F_BEST, "is_best_match", 0 },
	{ -1, NULL, 0 }
};
static const struct liq_colspec c_klines[] = {
	{ F_TIME, "open_time", 1 }, { F_OPEN, "open", 1 },
	{ F_HIGH, "high", 1 }, { F_LOW, "low", 1 }, { F_CLOSE, "close", 1 },
	{ F_VOLUME, "volume", 1 }, { F_CLOSE_TIME, "close_time", 1 },
	{ F_QUOTE_VOL, "quote_volume", 1 }, { F_COUNT, "count", 1 },
	{ F_TB_VOL, "taker_buy_volume", 1 },
	{ F_TB_QUOTE, "taker_buy_quote_volume", 1 },
	{ F_IGNORE, "ignore", 0 }, { -1, NULL, 0 }
};
static const struct liq_colspec c_metrics[] = {
	{ F_TIME, "create_time", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_OI, "sum_open_interest", 1 },
	{ F_OI_VALUE, "sum_open_interest_value", 1 },
	{ F_TOP_COUNT, "count_toptrader_long_short_ratio", 0 },
	{ F_TOP_RATIO, "sum_toptrader_long_short_ratio", 0 },
	{ F_LS_RATIO, "count_long_short_ratio", 0 },
	{ F_TAKER_RATIO, "sum_taker_long_short_vol_ratio", 0 },
	{ -1, NULL, 0 }
};
static const struct liq_colspec c_funding[] = {
	{ F_TIME, "calc_time", 1 },
	{ F_FUND_HOURS, "funding_interval_hours", 0 },
	{ F_FUND_RATE, "last_funding_rate", 1 }, { -1, NULL, 0 }
};
static const struct liq_colspec c_liqsnap[] = {
	{ F_TIME, "time", 1 }, { F_SYMBOL, "symbol", 0 }, { F_SIDE, "side", 1 },
	{ F_ORDER_TYPE, "order_type", 1 }, { F_TIF, "time_in_force", 1 },
	{ F_ORIG_QTY, "original_quantity", 1 }, { F_PRICE, "price", 1 },
	{ F_AVG_PRICE, "average_price", 1 }, { F_STATUS, "order_status", 1 },
	{ F_LAST_FILL, "last_fill_quantity", 1 },
	{ F_FILLED_QTY, "accumulated_fill_quantity", 1 }, { -1, NULL, 0 }
};
/* COIN-M liquidationSnapshot rows without a header have no symbol. */
static const struct liq_colspec c_liqsnap_cm[] = {
	{ F_TIME, "time", 1 }, { F_SIDE, "side", 1 },
	{ F_ORDER_TYPE, "order_type", 1 }, { F_TIF, "time_in_force", 1 },
	{ F_ORIG_QTY, "original_quantity", 1 }, { F_PRICE, "price", 1 },
	{ F_AVG_PRICE, "average_price", 1 }, { F_STATUS, "order_status", 1 },
	{ F_LAST_FILL, "last_fill_quantity", 1 },
	{ F_FILLED_QTY, "accumulated_fill_quantity", 1 }, { -1, NULL, 0 }
};

/* ------------------------------------------------------- recognition */

static const char *const m_aggtrades[] = { "agg_trade_id", NULL };
static const char *const m_klines[] = { "open_time", NULL };
static const char *const m_metrics[] = { "create_time", NULL };
static const char *const m_funding[] = { "calc_time", NULL };
static const char *const m_liqsnap[] = { "order_type", "average_price",
    NULL };

/* trades: a header with "id" and "qty" (and no marker of another kind) */
static int
header_trades(const struct liq_fields *h)
{
	int j, id = 0, qty = 0;

	for (j = 0; j < h->n; j++) {
		id |= liq__field_is(h, j, "id");
		qty |= liq__field_is(h, j, "qty");
	}
	return id && qty;
}

/*
 * Header-less rows by their shape: the number of columns and where the
 * booleans are.  Only metrics rows start with a date.
 */
#define F_BOOL(f, i)	liq__looks_bool((f)->p[i], (f)->len[i])
#define DATED(f)	liq__looks_time_text((f)->p[0], (f)->len[0])

static int
shape_aggtrades(const struct liq_fields *f)
{
	return !DATED(f) && ((f->n == 7 && F_BOOL(f, 6) && !F_BOOL(f, 5)) ||
	    (f->n == 8 && F_BOOL(f, 6) && F_BOOL(f, 7)));
}

static int
shape_trades(const struct liq_fields *f)
{
	return !DATED(f) && ((f->n == 6 && F_BOOL(f, 5)) ||
	    (f->n == 7 && F_BOOL(f, 6) && F_BOOL(f, 5)));
}

static int
shape_klines(const struct liq_fields *f)
{
	return !DATED(f) && f->n == 12;
}

static int
shape_metrics(const struct liq_fields *f)
{
	return DATED(f) && f->n == 8;
}

static int
shape_funding(const struct liq_fields *f)
{
	return !DATED(f) && f->n == 3;
}

/* USD-M rows have 11 columns, COIN-M ones 10 (no symbol) */
static int
shape_liqsnap(const struct liq_fields *f)
{
	int side = f->n == 11 ? 2 : 1;

	return !DATED(f) && (f->n == 11 || f->n == 10) &&
	    (liq__field_is(f, side, "SELL") || liq__field_is(f, side, "BUY"));
}

#undef F_BOOL
#undef DATED

/* trades: older files name the quote quantity "base_qty" */
static int
columns_trades(struct src *s, const char *line, size_t len, const char *map,
    struct liq_error *e)
{
	int rc = liq__map_columns(s, c_trades, line, len, e), j;

	(void)map;
	if (rc == 0 && s->has_header && s->col[F_QUOTE_QTY] < 0)
		for (j = 0; j < s->f.n; j++)
			if (liq__field_is(&s->f, j, "base_qty"))
				s->col[F_QUOTE_QTY] = j;
	return rc;
}

static int
columns_liqsnap(struct src *s, const char *line, size_t len,
    const char *map, struct liq_error *e)
{
	(void)map;
	return liq__map_columns(s, !s->has_header && s->ncols == 10 ?
	    c_liqsnap_cm : c_liqsnap, line, len, e);
}

/* Content only spot files have: 8 aggTrades or 7 trades columns, µs. */
static int
head_spot(struct src *s, struct liq_error *e)
{
	(void)e;
	if (s->market_hint < 0 && ((s->d->cols == c_aggtrades &&
	    s->ncols == 8) || (s->d->cols == c_trades && s->ncols == 7) ||
	    s->tdiv == 1000))
		s->market_hint = LIQ_MARKET_SPOT;
	return 0;
}

/* klines: the row interval from the first row's open and close times. */
static int
head_klines(struct src *s, struct liq_error *e)
{
	int64_t ct;
	int rc;

	if (s->first_ts != INT64_MIN) {
		if ((rc = liq__get_int(s, F_CLOSE_TIME, &ct, e)) != 0)
			return rc;
		ct = liq__to_ms(s, ct);
		if (ct < T_MIN || ct >= T_MAX)
			return liq__fld_err(s, e, F_CLOSE_TIME,
			    "time out of range (before 2009 or after 2099)");
		s->row_interval = ct - s->first_ts + 1;
		if (s->row_interval <= 0)
			return liq__fld_err(s, e, F_CLOSE_TIME,
			    "close_time is before open_time");
	}
	return head_spot(s, e);
}

/*
 * Binance's terms (and the default of venues no dialect names): the
 * market the file names and folders give, linear without one; the
 * contract size from the core's defaults (man/liq-model.7, CONTRACT
 * TERMS: 1 base unit for USD-M, 100 USD for BTCUSD COIN-M, 10 USD for
 * the others).
 */
static int
binance_terms(const char *venue, const char *symbol, int hint,
    double given_cs, int *market, double *cs, struct liq_error *e)
{
	(void)venue;
	(void)symbol;
	(void)given_cs;
	(void)e;
	*market = hint >= 0 ? hint : LIQ_MARKET_LINEAR;
	*cs = 0;
	return 0;
}

/* -------------------------------------------------------------- rows */

/*
 * aggTrades ids are consecutive, so a row whose agg_trade_id is not above
 * every id before it was read already (a resumed download appended to
 * its first part, files cat'ed with an overlap) or is out of order.  The
 * last IDRING rows are kept by id with a hash of their values: a row with
 * the same id and values is dropped and counted, one with other values is
 * an error, and an id further back than the ring cannot be told apart and
 * is an error too.  Out-of-order ids within the ring are new rows.  A
 * file whose ids jump forward is not of consecutive ids (not Binance's
 * archive): from there on its ids are not checked.
 */
enum { ID_NEW, ID_REPEAT, ID_OTHER, ID_FAR };

static inline uint64_t
dbits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static inline uint64_t
agg_hash(int64_t id, int64_t t, uint64_t first, uint64_t last, int maker,
    double px, double qty)
{
	uint64_t h = (uint64_t)id * UINT64_C(0x9e3779b97f4a7c15);

	h = (h ^ (uint64_t)t) * UINT64_C(0xbf58476d1ce4e5b9);
	h = (h ^ first) * UINT64_C(0x94d049bb133111eb);
	h = (h ^ last ^ (uint64_t)maker << 63) * UINT64_C(0x9e3779b97f4a7c15);
	h = (h ^ dbits(px)) * UINT64_C(0xbf58476d1ce4e5b9);
	h = (h ^ dbits(qty)) * UINT64_C(0x94d049bb133111eb);
	return h ^ h >> 31;
}

static inline int
id_seen(struct src *s, int64_t id, uint64_t h)
{
	struct idseen *k = &s->ids[(uint64_t)id & (IDRING - 1)];

	if (s->id_max == INT64_MIN || id == s->id_max + 1)
		s->id_max = id;
	else if (id > s->id_max) {
		s->ids_off = 1;	/* not consecutive: nothing to go by */
		return ID_NEW;
	} else if ((uint64_t)s->id_max - (uint64_t)id >= IDRING)
		return ID_FAR;
	else if (k->id == id)
		return k->h == h ? ID_REPEAT : ID_OTHER;
	k->id = id;
	k->h = h;
	return ID_NEW;
}

static inline void
repeat_count(struct src *s, struct ctx *c)
{
	if (c->repeats++ == 0)
		c->repeat_file = s->path;
}

/* The general path's check: 0 new, 1 a repeat (dropped), or an error. */
static int
agg_check(struct src *s, struct ctx *c, int64_t id, int64_t t,
    int64_t first, int64_t last, int maker, double px, double qty,
    struct liq_error *e)
{
	char msg[160];

	if (s->ids_off)
		return 0;
	if (s->ids == NULL) {
		if ((s->ids = calloc(IDRING, sizeof(*s->ids))) == NULL)
			return liq_error_set(e, LIQ_ENOMEM, s->path, s->line,
			    NULL, NULL, 0, "out of memory");
		s->id_max = INT64_MIN;
	}
	switch (id_seen(s, id, agg_hash(id, t, (uint64_t)first,
	    (uint64_t)last, maker, px, qty))) {
	case ID_REPEAT:
		repeat_count(s, c);
		return 1;
	case ID_OTHER:
		return liq__fld_err(s, e, F_ID, "this agg_trade_id was read "
		    "before with other values: two different rows for one "
		    "aggregate trade");
	case ID_FAR:
		snprintf(msg, sizeof(msg), "agg_trade_id goes back from %lld, "
		    "over %d ids: too far to tell a repeated row from a new "
		    "one (overlapping files?)", (long long)s->id_max, IDRING);
		return liq__fld_err(s, e, F_ID, msg);
	}
	return 0;
}

/*
 * A trade or aggregated trade (agg: with the range of exchange trade ids
 * it stands for); maker is the taker's side: a buyer maker means the
 * taker sold.
 */
static int
trade_row(struct src *s, struct ctx *c, int64_t t, int agg,
    struct liq_error *e)
{
	double px, qty;
	int64_t id = 0, first, last, qm, pm;
	int maker, qs, ps, rc, best = 1;

	if ((rc = liq__get_int(s, F_ID, &id, e)) ||
	    (rc = liq__get_pos(s, F_PRICE, &px, e)) ||
	    (rc = liq__get_pos(s, F_QTY, &qty, e)) ||
	    (rc = liq__get_bool(s, F_MAKER, &maker, e)))
		return rc;
	if (liq__has(s, F_BEST) && (rc = liq__get_bool(s, F_BEST, &best, e)))
		return rc;
	first = last = 0;
	if (agg) {
		if ((rc = liq__get_int(s, F_FIRST, &first, e)) ||
		    (rc = liq__get_int(s, F_LAST, &last, e)))
			return rc;
		if (last < first)
			return liq__fld_err(s, e, F_LAST,
			    "last_trade_id is below first_trade_id");
		if ((rc = agg_check(s, c, id, t, first, last, maker, px, qty,
		    e)) != 0)
			return rc > 0 ? 0 : rc;
	}
	liq__get_fixed(s, F_PRICE, &pm, &ps);
	liq__get_fixed(s, F_QTY, &qm, &qs);
	return liq__apply_trade(s, c, t, id, maker, px, pm, ps, qm, qs, qty,
	    (uint64_t)(last - first) + 1, e);
}

static int
row_aggtrade(struct src *s, struct ctx *c, int64_t t, const char *l,
    size_t n, struct liq_error *e)
{
	(void)l;
	(void)n;
	return trade_row(s, c, t, 1, e);
}

static int
row_trade(struct src *s, struct ctx *c, int64_t t, const char *l, size_t n,
    struct liq_error *e)
{
	(void)l;
	(void)n;
	return trade_row(s, c, t, 0, e);
}

/*
 * One volume of a kline into a bar's buy (taker-buy column) and sell
 * (total minus taker-buy) sums: column pair col (0: volume and
 * taker_buy_volume, 1: quote_volume and taker_buy_quote_volume), times a
 * factor given exactly as fm / 10^fs (fs -1: none, -2: not exact, use f).
 */
static void
kline_side(__int128 *fx, double *d, double *comp, const int64_t *vm,
    const int *vs, const double *v, int col, int64_t fm, int fs, double f)
{
	int tot = col, buy = col + 2, k;
	__int128 fb, ft;

	for (k = 0; k < 2; k++) {	/* 0 buy, 1 sell */
		if (fs != -2 && vs[buy] >= 0 && vs[tot] >= 0 &&
		    liq__fx(vm[buy], vs[buy], fm, fs, &fb) &&
		    liq__fx(vm[tot], vs[tot], fm, fs, &ft))
			fx[k] += k ? ft - fb : fb;
		else
			liq__kahan(&d[k], &comp[k],
			    (k ? v[tot] - v[buy] : v[buy]) * f);
	}
}

static uint64_t fnv1a(const char *p, size_t n);

/*
 * klines are one row per open time, in order: a time read again is a
 * repeated row (a resumed download, an overlapping cat), dropped and
 * counted when it is the same row and an error when it is not (two
 * klines for one minute).  The last DEDUP rows are kept; the ring is
 * searched only when time does not go forward.  1: a repeat, to drop.
 */
static int
kline_repeat(struct src *s, struct ctx *c, int64_t t, const char *l,
    size_t n, struct liq_error *e)
{
	uint64_t h = fnv1a(l, n);
	int last = (s->dd_pos + DEDUP - 1) % DEDUP;

	if (s->dd_ts[last] != 0 && t <= s->dd_ts[last])
		for (int i = 0; i < DEDUP; i++) {
			int k = (last + DEDUP - i) % DEDUP;

			if (s->dd_ts[k] == 0)
				break;
			if (s->dd_ts[k] != t)
				continue;
			if (s->dd_hash[k] != h)
				return liq__fld_err(s, e, F_TIME, "a kline with "
				    "this open time was read before with other "
				    "values: two different rows for one bar");
			repeat_count(s, c);
			return 1;
		}
	s->dd_hash[s->dd_pos] = h;
	s->dd_ts[s->dd_pos] = t;
	s->dd_pos = (s->dd_pos + 1) % DEDUP;
	return 0;
}

/* klines: volume V and taker-buy B give buy = B, sell = V - B exactly. */
static int
row_kline(struct src *s, struct ctx *c, int64_t t, const char *line,
    size_t len, struct liq_error *e)
{
	double o, h, l, cl, v[4];
	int64_t cnt, vm[4];
	int vs[4], rc, i;
	struct liq_acc *a;
	static const int vf[4] = { F_VOLUME, F_QUOTE_VOL, F_TB_VOL,
	    F_TB_QUOTE };
	const struct mkt *m = c->mkt;

	if ((rc = kline_repeat(s, c, t, line, len, e)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = liq__get_pos(s, F_OPEN, &o, e)) ||
	    (rc = liq__get_pos(s, F_HIGH, &h, e)) ||
	    (rc = liq__get_pos(s, F_LOW, &l, e)) ||
	    (rc = liq__get_pos(s, F_CLOSE, &cl, e)) ||
	    (rc = liq__get_int(s, F_COUNT, &cnt, e)))
		return rc;
	if (h < l || o > h || o < l || cl > h || cl < l)
		return liq__fld_err(s, e, F_HIGH,
		    "high/low do not hold open/close");
	if (cnt < 0)
		return liq__fld_err(s, e, F_COUNT, "must not be negative");
	for (i = 0; i < 4; i++) {
		if ((rc = liq__get_nonneg(s, vf[i], &v[i], e)) != 0)
			return rc;
		liq__get_fixed(s, vf[i], &vm[i], &vs[i]);
	}
	if (v[2] > v[0] * (1 + 1e-9))
		return liq__fld_err(s, e, F_TB_VOL,
		    "taker buy volume exceeds volume");
	if (liq__floordiv(t, c->agg->interval) != liq__floordiv(t +
	    s->row_interval - 1, c->agg->interval))
		return liq__fld_err(s, e, F_TIME,
		    "kline straddles two bars: use an --interval that is a "
		    "multiple of the klines' interval");
	if ((a = liq__bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	liq__acc_price(a, t, 0, o, h, l, cl);
	a->trades += (uint64_t)cnt;
	a->has_vol = 1;
	/*
	 * Columns v[0] volume, v[1] quote_volume, v[2] taker_buy_volume,
	 * v[3] taker_buy_quote_volume.  USDⓈ-M and spot: volume is base
	 * (contracts of cs base on a linear market), quote_volume quote.
	 * COIN-M: volume is contracts of cs USD, quote_volume is base coin.
	 */
	if (m->market == LIQ_MARKET_INVERSE) {
		kline_side(a->fx_quote, a->d_quote, a->c_quote, vm, vs, v, 0,
		    m->cs_mant, m->cs_scale >= 0 ? m->cs_scale : -2, m->cs);
		kline_side(a->fx_base, a->d_base, a->c_base, vm, vs, v, 1, 0,
		    -1, 1);
	} else {
		kline_side(a->fx_base, a->d_base, a->c_base, vm, vs, v, 0,
		    m->cs_mant, m->cs_one ? -1 : m->cs_scale >= 0 ?
		    m->cs_scale : -2, m->cs);
		kline_side(a->fx_quote, a->d_quote, a->c_quote, vm, vs, v, 1, 0,
		    -1, 1);
	}
	return 0;
}

/*
 * metrics and liquidationSnapshot files are of one symbol, the one their
 * name (or --symbol, or their first row) gives the run: a row of another
 * symbol means a mislabelled file, whose rows would be merged into the
 * wrong market's bars, so it is an error, not skipped.
 */
static int
symbol_check(struct src *s, const struct ctx *c, struct liq_error *e)
{
	char msg[160];
	int k = s->col[F_SYMBOL];

	if (!liq__has(s, F_SYMBOL) || c->mkt->symbol[0] == '\0' ||
	    liq__field_is(&s->f, k, c->mkt->symbol))
		return 0;
	snprintf(msg, sizeof(msg), "a row of another symbol: this run is "
	    "for %s (%s)", c->mkt->symbol, s->symbol[0] != '\0' &&
	    strcmp(s->symbol, c->mkt->symbol) == 0 ? "the file name's" :
	    "--symbol");
	return liq__fld_err(s, e, F_SYMBOL, msg);
}

/* metrics: open interest and the long/short ratios, as of t. */
static int
row_metrics(struct src *s, struct ctx *c, int64_t t, const char *l,
    size_t n, struct liq_error *e)
{
	double oi, val, ls, top;
	struct liq_acc *a;
	int rc;

	(void)l;
	(void)n;
	if ((rc = symbol_check(s, c, e)) ||
	    (rc = liq__get_opt(s, F_OI, &oi, e)) ||
	    (rc = liq__get_opt(s, F_OI_VALUE, &val, e)) ||
	    (rc = liq__get_opt(s, F_LS_RATIO, &ls, e)) ||
	    (rc = liq__get_opt(s, F_TOP_RATIO, &top, e)))
		return rc;
	/* snapshots are on the 5-minute grid but sometimes a second late */
	t = liq__floordiv(t + 30000, 60000) * 60000;
	if ((a = liq__bar_at(s, c, t, 1, &rc, e)) == NULL)
		return rc;
	if (!isnan(oi) && t >= a->oi_t) {
		if (c->mkt->market == LIQ_MARKET_INVERSE) {
			/* contracts of cs USD: quote exact, base at close */
			a->oi_quote = oi * c->mkt->cs;
			a->oi_base = NAN;
		} else {
			a->oi_base = oi * (c->mkt->cs_one ? 1 : c->mkt->cs);
			a->oi_quote = val;
		}
		a->oi_t = t;
	}
	if ((!isnan(ls) || !isnan(top)) && t >= a->ratio_t) {
		a->ls_ratio = ls;
		a->top_ls = top;
		a->ratio_t = t;
	}
	return 0;
}

/* fundingRate: the rate settled at t. */
static int
row_funding(struct src *s, struct ctx *c, int64_t t, const char *l,
    size_t n, struct liq_error *e)
{
	double r;
	struct liq_acc *a;
	int rc;

	(void)l;
	(void)n;
	if ((rc = liq__get_num(s, F_FUND_RATE, &r, e)) != 0)
		return rc;
	if (fabs(r) > 1)
		return liq__fld_err(s, e, F_FUND_RATE,
		    "funding rate beyond ±100%");
	if ((a = liq__bar_at(s, c, t, 1, &rc, e)) == NULL)
		return rc;
	if (t >= a->fund_t) {
		a->funding = r;
		a->fund_t = t;
	}
	return 0;
}

static uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t h = UINT64_C(1469598103934665603);

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * UINT64_C(1099511628211);
	return h;
}

/*
 * liquidationSnapshot: one liquidation order, its notional at the
 * average fill price (the order price when there is none).
 */
static int
row_liqsnap(struct src *s, struct ctx *c, int64_t t, const char *l, size_t n,
    struct liq_error *e)
{
	double px, avg, q, filled, notional;
	struct liq_acc *a;
	uint64_t h = fnv1a(l, n);
	int rc, side, i;

	if ((rc = symbol_check(s, c, e)) != 0)
		return rc;
	/* the archive repeats rows: drop a row seen in the last minute */
	for (i = 0; i < DEDUP; i++)
		if (s->dd_hash[i] == h && s->dd_ts[i] != 0 &&
		    llabs(s->dd_ts[i] - t) <= 60000)
			return 0;
	s->dd_hash[s->dd_pos] = h;
	s->dd_ts[s->dd_pos] = t;
	s->dd_pos = (s->dd_pos + 1) % DEDUP;
	if (liq__field_is(&s->f, s->col[F_SIDE], "SELL"))
		side = 0;	/* a long was liquidated */
	else if (liq__field_is(&s->f, s->col[F_SIDE], "BUY"))
		side = 1;
	else
		return liq__fld_err(s, e, F_SIDE, "not BUY or SELL");
	if ((rc = liq__get_pos(s, F_PRICE, &px, e)) ||
	    (rc = liq__get_nonneg(s, F_AVG_PRICE, &avg, e)) ||
	    (rc = liq__get_nonneg(s, F_ORIG_QTY, &q, e)) ||
	    (rc = liq__get_nonneg(s, F_FILLED_QTY, &filled, e)))
		return rc;
	if (filled > 0)
		q = filled;
	if (!(avg > 0))
		avg = px;
	if (c->mkt->market == LIQ_MARKET_INVERSE)
		notional = q * c->mkt->cs;
	else
		notional = q * (c->mkt->cs_one ? 1 : c->mkt->cs) * avg;
	if ((a = liq__bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	a->liq_q[side] += notional;
	a->liq_n[side]++;
	a->has_liq = a->has_liq_n = 1;
	return 0;
}

/*
 * The fused aggTrades row: returns the byte after the row's '\n', or NULL
 * when the row needs the general path (which explains what is wrong).
 * *pause is set when the row's time is past limit (nothing applied).
 */
static inline __attribute__((always_inline)) const char *
fast_aggtrade(struct src *s, struct ctx *c, const char *p, int64_t limit,
    int *pause, int *rc, struct liq_error *e)
{
	uint64_t id, first, last, traw, pmu, qmu;
	int maker, best, ps, qs;
	int64_t t;

	if ((p = scan_uint(p, &id)) == NULL || *p++ != ',')
		return NULL;
	if ((p = scan_udec(p, &pmu, &ps)) == NULL || *p++ != ',' ||
	    pmu == 0 || pmu >= (UINT64_C(1) << 53))
		return NULL;
	if ((p = scan_udec(p, &qmu, &qs)) == NULL || *p++ != ',' ||
	    qmu == 0 || qmu >= (UINT64_C(1) << 53))
		return NULL;
	if ((p = scan_uint(p, &first)) == NULL || *p++ != ',' ||
	    (p = scan_uint(p, &last)) == NULL || *p++ != ',' || last < first ||
	    (p = scan_uint(p, &traw)) == NULL || *p++ != ',' ||
	    (p = scan_bool(p, &maker)) == NULL)
		return NULL;
	if (*p == ',') {
		if (s->ncols != 8 || (p = scan_bool(p + 1, &best)) == NULL)
			return NULL;
	} else if (s->ncols != 7)
		return NULL;
	if (*p == '\r')
		p++;
	if (*p != '\n')
		return NULL;
	t = s->tdiv == 1 ? (int64_t)traw : liq__to_ms(s, (int64_t)traw);
	if (t < T_MIN || t >= T_MAX)
		return NULL;
	if (t > limit) {
		s->next_ts = t;
		*pause = 1;
		return p + 1;
	}
	if (s->ids_off)
		;
	else if (s->ids == NULL)
		return NULL;	/* the general path makes the ring */
	else switch (id_seen(s, (int64_t)id, agg_hash((int64_t)id, t, first, last,
	    maker, (double)pmu / liq__pow10[ps], (double)qmu /
	    liq__pow10[qs]))) {
	case ID_NEW:
		break;
	case ID_REPEAT:
		repeat_count(s, c);
		return p + 1;
	default:
		return NULL;	/* the general path says what is wrong */
	}
	if ((*rc = liq__fast_trade(s, c, t, (int64_t)id, maker, pmu, ps, qmu,
	    qs, last - first + 1, e)) != 0)
		return NULL;
	return p + 1;
}

/*
 * aggTrades in the archive's column order (id, price, quantity, first and
 * last trade id, time, buyer maker[, best match]), no header or the
 * header in that order.
 */
static int
fused_ok_aggtrades(const struct src *s)
{
	int i;

	for (i = 0; i < 7; i++)
		if (s->has_header && s->col[c_aggtrades[i].field] != i)
			return 0;
	return 1;
}

/* The fused block parser (lib/dialect_int.h: struct liq_dialect.fused). */
static uint64_t
fused_aggtrades(struct src *s, struct ctx *c, const char **pp,
    const char *end, int64_t limit, int *pause, int *rc,
    struct liq_error *e)
{
	const char *p = *pp, *q;
	uint64_t taken = 0;
	int stop = 0, err = 0;

	while (p < end) {
		s->line++;	/* the row being read */
		q = fast_aggtrade(s, c, p, limit, &stop, &err, e);
		if (q == NULL || stop) {
			s->line--;
			break;
		}
		p = q;
		taken++;
	}
	*pp = p;
	*pause = stop;
	*rc = err;
	return taken;
}

/* ---------------------------------------------------------- dialects */

static const struct liq_dialect *binance_name(struct src *s,
    const char *name);

const struct liq_dialect liq_binance_aggtrades = {
	.name = "aggTrades",
	.venue = "binance",
	.margin = LIQ_MARGIN_BINANCE,
	.flags = LIQ_DIALECT_MINUTE,
	.provides = LIQ_DATA_PRICE,
	.cover = LIQ_COV_VOL,
	.cols = c_aggtrades,
	.markers = m_aggtrades,
	.shape = shape_aggtrades,
	.head = head_spot,
	.name_parse = binance_name,
	.terms = binance_terms,
	.row = row_aggtrade,
	.fused_ok = fused_ok_aggtrades,
	.fused = fused_aggtrades,
};

const struct liq_dialect liq_binance_trades = {
	.name = "trades",
	.venue = "binance",
	.margin = LIQ_MARGIN_BINANCE,
	.flags = LIQ_DIALECT_MINUTE,
	.provides = LIQ_DATA_PRICE,
	.cover = LIQ_COV_VOL,
	.cols = c_trades,
	.header = header_trades,
	.shape = shape_trades,
	.columns = columns_trades,
	.head = head_spot,
	.name_parse = binance_name,
	.terms = binance_terms,
	.row = row_trade,
};

const struct liq_dialect liq_binance_klines = {
	.name = "klines",
	.venue = "binance",
	.margin = LIQ_MARGIN_BINANCE,
	.provides = LIQ_DATA_PRICE,
	.cover = LIQ_COV_VOL,
	.cols = c_klines,
	.markers = m_klines,
	.shape = shape_klines,
	.head = head_klines,
	.name_parse = binance_name,
	.terms = binance_terms,
	.row = row_kline,
};

const struct liq_dialect liq_binance_metrics = {
	.name = "metrics",
	.venue = "binance",
	.margin = LIQ_MARGIN_BINANCE,
	.provides = LIQ_DATA_OI,
	.cover = -1,
	.cols = c_metrics,
	.markers = m_metrics,
	.shape = shape_metrics,
	.name_parse = binance_name,
	.terms = binance_terms,
	.row = row_metrics,
};

const struct liq_dialect liq_binance_funding = {
	.name = "fundingRate",
	.venue = "binance",
	.margin = LIQ_MARGIN_BINANCE,
	.provides = LIQ_DATA_FUND,
	.cover = -1,
	.cols = c_funding,
	.markers = m_funding,
	.shape = shape_funding,
	.name_parse = binance_name,
	.terms = binance_terms,
	.row = row_funding,
};

const struct liq_dialect liq_binance_liqsnap = {
	.name = "liquidationSnapshot",
	.venue = "binance",
	.margin = LIQ_MARGIN_BINANCE,
	.provides = LIQ_DATA_LIQ,
	.cover = LIQ_COV_LIQ,
	.cols = c_liqsnap,
	.markers = m_liqsnap,
	.shape = shape_liqsnap,
	.columns = columns_liqsnap,
	.name_parse = binance_name,
	.terms = binance_terms,
	.row = row_liqsnap,
};

/* -------------------------------------------------------- file names */

static int
interval_token(const char *t)
{
	size_t n = strlen(t), i = 0;

	while (i < n && isdigit((unsigned char)t[i]))
		i++;
	return i > 0 && i < n && (strcmp(t + i, "s") == 0 ||
	    strcmp(t + i, "m") == 0 || strcmp(t + i, "h") == 0 ||
	    strcmp(t + i, "d") == 0 || strcmp(t + i, "w") == 0 ||
	    strcmp(t + i, "M") == 0 || strcmp(t + i, "mo") == 0);
}

static int
all_digits(const char *t, size_t n)
{
	size_t i;

	if (strlen(t) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)t[i]))
			return 0;
	return 1;
}

/*
 * What Binance's naming says: [spot-|um-|cm-]SYMBOL-KIND-YYYY-MM[-DD],
 * and the archive's folders (spot/, futures/um/, futures/cm/), which set
 * the market hint of any file under them.  Returns the kind the name
 * gives, or NULL.
 */
static const struct liq_dialect *
binance_name(struct src *s, const char *name)
{
	char base[256], *tok[8] = { NULL }, *p, *save = NULL;
	const struct liq_dialect *kind;
	int nt = 0, i;

	if (strstr(s->path, "/spot/") != NULL)
		s->market_hint = LIQ_MARKET_SPOT;
	else if (strstr(s->path, "futures/cm/") != NULL)
		s->market_hint = LIQ_MARKET_INVERSE;
	else if (strstr(s->path, "futures/um/") != NULL)
		s->market_hint = LIQ_MARKET_LINEAR;
	snprintf(base, sizeof(base), "%s", name);
	for (p = strtok_r(base, "-", &save); p && nt < 8;
	    p = strtok_r(NULL, "-", &save))
		tok[nt++] = p;
	i = 0;
	if (nt > 0 && (strcmp(tok[0], "spot") == 0 || strcmp(tok[0], "um") ==
	    0 || strcmp(tok[0], "cm") == 0)) {
		s->market_hint = tok[0][0] == 's' ? LIQ_MARKET_SPOT :
		    tok[0][0] == 'u' ? LIQ_MARKET_LINEAR : LIQ_MARKET_INVERSE;
		i = 1;
	}
	if (nt - i < 3)
		return NULL;
	for (p = tok[i]; *p; p++)
		if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p)
		    && *p != '_')
			return NULL;
	if (strlen(tok[i]) < 3 || strlen(tok[i]) >= LIQ_SYMBOL_MAX)
		return NULL;
	if (strcmp(tok[i + 1], "aggTrades") == 0)
		kind = &liq_binance_aggtrades;
	else if (strcmp(tok[i + 1], "trades") == 0)
		kind = &liq_binance_trades;
	else if (strcmp(tok[i + 1], "metrics") == 0)
		kind = &liq_binance_metrics;
	else if (strcmp(tok[i + 1], "fundingRate") == 0)
		kind = &liq_binance_funding;
	else if (strcmp(tok[i + 1], "liquidationSnapshot") == 0)
		kind = &liq_binance_liqsnap;
	else if (interval_token(tok[i + 1]))
		kind = &liq_binance_klines;
	else
		return NULL;
	snprintf(s->symbol, sizeof(s->symbol), "%s", tok[i]);
	if (s->market_hint < 0 && strchr(s->symbol, '_') != NULL)
		s->market_hint = LIQ_MARKET_INVERSE;
	if (nt - i >= 4 && all_digits(tok[i + 2], 4) &&
	    all_digits(tok[i + 3], 2)) {
		int64_t y = atoi(tok[i + 2]), m = atoi(tok[i + 3]), d = 1;
		int day = nt - i >= 5 && all_digits(tok[i + 4], 2);
		if (day)
			d = atoi(tok[i + 4]);
		// cppcheck-suppress knownConditionTrueFalse ; d from atoi above
		if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
			s->name_from = liq_days_from_civil(y, (unsigned)m,
			    (unsigned)d) * 86400000;
			if (day)
				s->name_to = s->name_from + 86400000;
			else
				s->name_to = liq_days_from_civil(m == 12 ?
				    y + 1 : y, m == 12 ? 1 : (unsigned)m + 1,
				    1) * 86400000;
		}
	}
	return kind;
}