/*
 * okx.c - OKX's trade history files (www.okx.com/data-download):
 * instrument_name, trade_id, side, price, size (contracts), created_time
 * in ms.  Sizes are contracts whose value the built-in table gives.
 */
#include <string.h>

#include "dialect_int.h"
#include "rows_int.h"

static const struct liq_colspec c_okx[] = {
	{ F_SYMBOL, "instrument_name", 1 }, { F_ID, "trade_id", 1 },
	{ F_SIDE, "side", 1 }, { F_PRICE, "price", 1 }, { F_QTY, "size", 1 },
	{ F_TIME, "created_time", 1 }, { -1, NULL, 0 }
};

static int
header_okx(const struct liq_fields *h)
{
	int j, inst = 0, ctime = 0;

	for (j = 0; j < h->n; j++) {
		inst |= liq__field_is(h, j, "instrument_name");
		ctime |= liq__field_is(h, j, "created_time");
	}
	return inst && ctime;
}

/*
 * OKX contract values (ctVal of GET /api/v5/public/instruments, OKX API
 * v5 documentation and instrument list as of 2025-01; man/liq-model.7,
 * CONTRACT TERMS): linear swaps in base coin, inverse swaps in USD.
 */
static const struct {
	const char *inst;
	double size;
	int market;
} okx_contracts[] = {
	{ "BTC-USDT-SWAP", 0.01, LIQ_MARKET_LINEAR },
	{ "ETH-USDT-SWAP", 0.1, LIQ_MARKET_LINEAR },
	{ "BTC-USD-SWAP", 100, LIQ_MARKET_INVERSE },
	{ "ETH-USD-SWAP", 10, LIQ_MARKET_INVERSE },
};

/* Contract value of an OKX instrument from the table: *size in base
 * units (linear) or USD (inverse).  0, or LIQ_EARG when unknown. */
static int
okx_contract(const char *inst, double *size, int *market)
{
	size_t i;

	for (i = 0; i < sizeof(okx_contracts) / sizeof(okx_contracts[0]); i++)
		if (strcmp(inst, okx_contracts[i].inst) == 0) {
			*size = okx_contracts[i].size;
			*market = okx_contracts[i].market;
			return 0;
		}
	return LIQ_EARG;
}

/*
 * An instrument the table does not know: -USD- ones are inverse, the
 * others linear, and the contract value must be given.
 */
static int
okx_terms(const char *venue, const char *symbol, int hint, double given_cs,
    int *market, double *cs, struct liq_error *e)
{
	(void)venue;
	(void)hint;
	if (okx_contract(symbol, cs, market) == 0)
		return 0;
	*market = strstr(symbol, "-USD-") ? LIQ_MARKET_INVERSE :
	    LIQ_MARKET_LINEAR;
	*cs = 0;
	if (given_cs > 0)
		return 0;
	return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
	    "no contract value known for OKX instrument %s: give "
	    "--contract-size (base per contract, or USD for inverse)", symbol);
}

const struct liq_dialect liq_okx_trades = {
	.name = "OKX trades",
	.venue = "okx",
	.margin = LIQ_MARGIN_BINANCE,	/* its own tiers are not modelled */
	.flags = LIQ_DIALECT_SYMBOLS,
	.provides = LIQ_DATA_PRICE,
	.cover = LIQ_COV_VOL,
	.cols = c_okx,
	.header = header_okx,
	.terms = okx_terms,
	.row = liq__row_venue_trade,
};
