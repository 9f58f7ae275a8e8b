/*
 * bitmex.c - BitMEX's daily trade dumps (public.bitmex.com): every
 * symbol of a day in one file, in Bybit's column layout but with text
 * times, 2019-01-01D00:00:01.123456789.  A file Bybit's header names is
 * BitMEX's when its first time is such text.
 */
#include <string.h>

#include "dialect_int.h"
#include "rows_int.h"

/* Bybit's layout (lib/dialect/bybit.c), which maps the columns. */
static const struct liq_colspec c_bitmex[] = {
	{ F_TIME, "timestamp", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_SIDE, "side", 1 }, { F_QTY, "size", 1 }, { F_PRICE, "price", 1 },
	{ F_TICKDIR, "tickDirection", 0 }, { F_MATCHID, "trdMatchID", 0 },
	{ F_GROSS, "grossValue", 0 }, { F_HOME, "homeNotional", 0 },
	{ F_FOREIGN, "foreignNotional", 0 }, { F_RPI, "RPI", 0 },
	{ -1, NULL, 0 }
};

/* Bybit's columns (a trdMatchID) and a time with 'D' between date and time. */
static int
claim_bitmex(const struct src *s)
{
	int c = s->col[F_TIME];

	return s->col[F_MATCHID] >= 0 && s->f.len[c] > 10 &&
	    s->f.p[c][10] == 'D';
}

/*
 * BitMEX's terms (man/liq-model.7, CONTRACT TERMS): XBTUSD and the XBT
 * futures are inverse, 1 USD a contract; other symbols (quanto, linear)
 * need --market and --contract-size.
 */
static int
bitmex_terms(const char *venue, const char *symbol, int hint,
    double given_cs, int *market, double *cs, struct liq_error *e)
{
	(void)venue;
	(void)hint;
	(void)given_cs;
	(void)e;
	*market = -1;
	*cs = 0;
	if (strncmp(symbol, "XBT", 3) == 0 && strstr(symbol, "USDT") == NULL) {
		*market = LIQ_MARKET_INVERSE;
		*cs = 1;
	}
	return 0;
}

const struct liq_dialect liq_bitmex_trades = {
	.name = "BitMEX trades",
	.venue = "bitmex",
	.margin = LIQ_MARGIN_BINANCE,	/* its own engine is not modelled */
	.flags = LIQ_DIALECT_SYMBOLS,
	.provides = LIQ_DATA_PRICE,
	.cover = LIQ_COV_VOL,
	.all_symbols = "BitMEX trade files hold every symbol: give one "
	    "--symbol (e.g. XBTUSD)",
	.cols = c_bitmex,
	.claim = claim_bitmex,
	.terms = bitmex_terms,
	.row = liq__row_venue_trade,
};
