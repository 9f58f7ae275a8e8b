/*
 * bybit.c - Bybit's public trading dumps (public.bybit.com/trading/):
 * one file per symbol and day, timestamp (epoch seconds with a
 * fraction), symbol, taker side, size, price and columns not needed here
 * (tickDirection, trdMatchID, grossValue, homeNotional, foreignNotional,
 * RPI).  BitMEX writes the same layout (lib/dialect/bitmex.c).
 *
 * Rows in that column order take a fused parser (lib/scan_int.h); a row
 * it does not take goes through the general path (lib/rows.c).
 */
#include <string.h>

#include "dialect_int.h"
#include "rows_int.h"
#include "scan_int.h"

static const struct liq_colspec c_bybit[] = {
	{ F_TIME, "timestamp", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_SIDE, "side", 1 }, { F_QTY, "size", 1 }, { F_PRICE, "price", 1 },
	{ F_TICKDIR, "tickDirection", 0 }, { F_MATCHID, "trdMatchID", 0 },
	{ F_GROSS, "grossValue", 0 }, { F_HOME, "homeNotional", 0 },
	{ F_FOREIGN, "foreignNotional", 0 }, { F_RPI, "RPI", 0 },
	{ -1, NULL, 0 }
};

static const char *const m_bybit[] = { "trdMatchID", NULL };

/*
 * Bybit's terms (man/liq-model.7, CONTRACT TERMS): USDT and USDC
 * contracts are linear in the base coin, the others inverse in USD; a
 * size is one coin or one USD.
 */
static int
bybit_terms(const char *venue, const char *symbol, int hint,
    double given_cs, int *market, double *cs, struct liq_error *e)
{
	(void)venue;
	(void)hint;
	(void)given_cs;
	(void)e;
	*market = strstr(symbol, "USDT") || strstr(symbol, "USDC") ||
	    strstr(symbol, "PERP") ? LIQ_MARKET_LINEAR : LIQ_MARKET_INVERSE;
	*cs = 1;
	return 0;
}

/*
 * The fused Bybit row (timestamp,symbol,side,size,price, then columns
 * not needed here, which are only counted).  Like fast_aggtrade: NULL
 * sends the row to the general path.
 */
static inline __attribute__((always_inline)) const char *
fast_bybit(struct src *s, struct ctx *c, const char *p, int64_t limit,
    int *pause, int *rc, struct liq_error *e)
{
	uint64_t sec, pmu, qmu, ms, w;
	uint32_t w4;
	const char *nl;
	int side, ps, qs, nd, k, commas;
	int64_t t;

	if ((p = scan_uint(p, &sec)) == NULL || *p++ != '.')
		return NULL;
	/* the fraction, 1..7 digits, truncated to milliseconds */
	memcpy(&w, p, 8);
	if ((nd = lead_count(w)) == 0 || nd == 8)
		return NULL;
	k = nd < 3 ? nd : 3;
	ms = lead_digits(w, k) * (uint64_t)liq__pow10i[3 - k];
	p += nd;
	if (*p++ != ',')
		return NULL;
	if (c->mkt->symbol_len > 0) {
		/* the market's symbol, then ',' (the buffer has slack) */
		if (!same_bytes(p, c->mkt->symbol, c->mkt->symbol_len))
			return NULL;
		p += c->mkt->symbol_len;
	} else
		while (*p != ',' && *p != '\n')
			p++;
	if (*p++ != ',')
		return NULL;
	memcpy(&w4, p, 4);
	if (w4 == word4("Buy,")) {
		side = 0;
		p += 4;
	} else if (w4 == word4("Sell") && p[4] == ',') {
		side = 1;
		p += 5;
	} else
		return NULL;
	if ((p = scan_udec(p, &qmu, &qs)) == NULL || *p++ != ',' ||
	    qmu == 0 || qmu >= (UINT64_C(1) << 53))
		return NULL;
	if ((p = scan_udec(p, &pmu, &ps)) == NULL || pmu == 0 ||
	    pmu >= (UINT64_C(1) << 53))
		return NULL;
	if (*p == '\n' || *p == '\r') {
		nl = *p == '\r' ? p + 1 : p;
		commas = 0;
		if (*nl != '\n')
			return NULL;
	} else if (*p++ != ',')
		return NULL;
	else {
		if ((nl = scan_rest(p, &commas)) == NULL)
			return NULL;
		commas++;	/* the one after the price */
	}
	if (commas != s->ncols - 5)
		return NULL;
	t = (int64_t)sec * 1000 + (int64_t)ms;
	if (t < T_MIN || t >= T_MAX)
		return NULL;
	if (t > limit) {
		s->next_ts = t;
		*pause = 1;
		return nl + 1;
	}
	if ((*rc = liq__fast_trade(s, c, t, s->line, side, pmu, ps, qmu, qs,
	    1, e)) != 0)
		return NULL;
	return nl + 1;
}

/* The fused parser takes timestamp,symbol,side,size,price[,...]. */
static int
fused_ok_bybit(const struct src *s)
{
	return s->col[F_TIME] == 0 && s->col[F_SYMBOL] == 1 &&
	    s->col[F_SIDE] == 2 && s->col[F_QTY] == 3 &&
	    s->col[F_PRICE] == 4 && s->ncols > 5;
}

/*
 * The fused block parser (lib/dialect_int.h: struct liq_dialect.fused).
 * It compares the symbol's bytes blindly, so only a plain one.
 */
static uint64_t
fused_bybit(struct src *s, struct ctx *c, const char **pp, const char *end,
    int64_t limit, int *pause, int *rc, struct liq_error *e)
{
	const char *p = *pp, *q;
	uint64_t taken = 0;
	int stop = 0, err = 0;

	if (!c->sym_plain)
		return 0;
	while (p < end) {
		s->line++;	/* the row being read */
		q = fast_bybit(s, c, p, limit, &stop, &err, e);
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

const struct liq_dialect liq_bybit_trades = {
	.name = "Bybit trades",
	.venue = "bybit",
	.margin = LIQ_MARGIN_BYBIT,
	.flags = LIQ_DIALECT_SYMBOLS,
	.provides = LIQ_DATA_PRICE,
	.cover = LIQ_COV_VOL,
	.cols = c_bybit,
	.markers = m_bybit,
	.terms = bybit_terms,
	.row = liq__row_venue_trade,
	.fused_ok = fused_ok_bybit,
	.fused = fused_bybit,
};
