/*
 * registry.c - every dialect liq-ingest reads, in one table.  Entry i is
 * kind i + 1: the built-in ones in the order of LIQ_KIND_* (liq.h), a new
 * one at the end.  The order also settles which dialect's header test
 * (struct liq_dialect.header) is asked first, and the first dialect's
 * contract terms and margin rule stand for venues that no dialect names.
 */
#include <stddef.h>

#include "dialect_int.h"

extern const struct liq_dialect liq_binance_aggtrades, liq_binance_trades,
    liq_binance_klines, liq_binance_metrics, liq_binance_funding,
    liq_binance_liqsnap;			/* binance.c */
extern const struct liq_dialect liq_vendor_bars;	/* vendor.c */
extern const struct liq_dialect liq_bybit_trades;	/* bybit.c */
extern const struct liq_dialect liq_bitmex_trades;	/* bitmex.c */
extern const struct liq_dialect liq_okx_trades;		/* okx.c */
extern const struct liq_dialect liq_tardis_trades, liq_tardis_ticker,
    liq_tardis_liquidations;			/* tardis.c */

const struct liq_dialect *const liq__dialects[] = {
	&liq_binance_aggtrades,		/* LIQ_KIND_AGGTRADES */
	&liq_binance_trades,		/* LIQ_KIND_TRADES */
	&liq_binance_klines,		/* LIQ_KIND_KLINES */
	&liq_binance_metrics,		/* LIQ_KIND_METRICS */
	&liq_binance_funding,		/* LIQ_KIND_FUNDING */
	&liq_binance_liqsnap,		/* LIQ_KIND_LIQSNAP */
	&liq_vendor_bars,		/* LIQ_KIND_VENDOR */
	&liq_bybit_trades,		/* LIQ_KIND_BYBIT */
	&liq_bitmex_trades,		/* LIQ_KIND_BITMEX */
	&liq_okx_trades,		/* LIQ_KIND_OKX */
	&liq_tardis_trades,		/* LIQ_KIND_TARDIS_TRADES */
	&liq_tardis_ticker,		/* LIQ_KIND_TARDIS_TICKER */
	&liq_tardis_liquidations,	/* LIQ_KIND_TARDIS_LIQ */
	NULL
};
