/*
 * tardis.c - Tardis.dev's normalized CSV datasets (docs.tardis.dev):
 * trades, liquidations (the same columns) and derivative_ticker (open
 * interest and funding), for any exchange Tardis covers; the venue comes
 * from the exchange column.  Sizes ("amount") are in the exchange's
 * native unit.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dialect_int.h"
#include "rows_int.h"

/* trades and liquidations */
static const struct liq_colspec c_tardis[] = {
	{ F_EXCHANGE, "exchange", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_TIME, "timestamp", 1 }, { F_LOCAL_TS, "local_timestamp", 1 },
	{ F_ID, "id", 0 }, { F_SIDE, "side", 1 }, { F_PRICE, "price", 1 },
	{ F_QTY, "amount", 1 }, { -1, NULL, 0 }
};
static const struct liq_colspec c_tardis_ticker[] = {
	{ F_EXCHANGE, "exchange", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_TIME, "timestamp", 1 }, { F_LOCAL_TS, "local_timestamp", 1 },
	{ F_FUND_TS, "funding_timestamp", 0 },
	{ F_FUND_RATE, "funding_rate", 0 },
	{ F_PRED_FUND, "predicted_funding_rate", 0 },
	{ F_OPEN_INT, "open_interest", 0 }, { F_LAST_PRICE, "last_price", 0 },
	{ F_INDEX_PRICE, "index_price", 0 }, { F_MARK_PRICE, "mark_price", 0 },
	{ -1, NULL, 0 }
};

/* A Tardis header (local_timestamp); with open interest or funding, 1. */
static int
tardis_header(const struct liq_fields *h, int ticker)
{
	int j, local = 0, oi = 0;

	for (j = 0; j < h->n; j++) {
		local |= liq__field_is(h, j, "local_timestamp");
		oi |= liq__field_is(h, j, "open_interest") ||
		    liq__field_is(h, j, "funding_rate");
	}
	return local && oi == ticker;
}

static int
header_trades(const struct liq_fields *h)
{
	return tardis_header(h, 0);
}

static int
header_ticker(const struct liq_fields *h)
{
	return tardis_header(h, 1);
}

/* Liquidations have the trades' columns; the file name tells them apart. */
static int
claim_liquidations(const struct src *s)
{
	return s->d->cols == c_tardis &&
	    strstr(s->path, "liquidations") != NULL;
}

/*
 * The venue from the exchange column: Tardis ids (okex-swap,
 * binance-futures, ...) by the venue they start with; binance-delivery,
 * Binance's COIN-M, is "binance-cm" and inverse.
 */
static int
head_tardis(struct src *s, struct liq_error *e)
{
	static const char *const pre[] = { "okex", "okx", "binance",
	    "bybit", "bitmex", "deribit", "huobi", "ftx" };
	const char *x;
	size_t xl, k;

	(void)e;
	if (s->first_ts == INT64_MIN)
		return 0;
	x = s->f.p[s->col[F_EXCHANGE]];
	xl = s->f.len[s->col[F_EXCHANGE]];
	snprintf(s->venue, sizeof(s->venue), "%.*s", (int)(xl <
	    sizeof(s->venue) ? xl : sizeof(s->venue) - 1), x);
	for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++)
		if (xl >= strlen(pre[k]) && memcmp(x, pre[k],
		    strlen(pre[k])) == 0) {
			snprintf(s->venue, sizeof(s->venue), "%s",
			    k < 2 ? "okx" : pre[k]);
			break;
		}
	/* keep the Tardis id where the market kind is in it */
	if (strncmp(x, "binance-delivery", 16) == 0) {
		strcpy(s->venue, "binance-cm");
		s->market_hint = LIQ_MARKET_INVERSE;
	}
	return 0;
}

/* Tardis liquidations: side sell = a long was liquidated. */
static int
row_tardis_liq(struct src *s, struct ctx *c, int64_t t, const char *l,
    size_t n, struct liq_error *e)
{
	double px, qty, notional;
	int side, rc;
	struct liq_acc *a;

	(void)l;
	(void)n;
	if (liq__other_symbol(s, c))
		return 0;
	if ((rc = liq__get_side(s, &side, e)) ||
	    (rc = liq__get_pos(s, F_PRICE, &px, e)) ||
	    (rc = liq__get_pos(s, F_QTY, &qty, e)))
		return rc;
	side = side == 1 ? 0 : 1;	/* sell: long liquidated (index 0) */
	if (c->mkt->market == LIQ_MARKET_INVERSE)
		notional = qty * c->mkt->cs;
	else
		notional = qty * c->mkt->cs * px;
	if ((a = liq__bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	a->liq_q[side] += notional;
	a->liq_n[side]++;
	a->has_liq = a->has_liq_n = 1;
	s->matched++;
	return 0;
}

/* Tardis derivative_ticker: open interest (native units) and funding. */
static int
row_tardis_ticker(struct src *s, struct ctx *c, int64_t t, const char *l,
    size_t n, struct liq_error *e)
{
	double oi = NAN, fr = NAN;
	struct liq_acc *a;
	int rc;

	(void)l;
	(void)n;
	if (liq__other_symbol(s, c))
		return 0;
	if (!liq__empty(s, F_OPEN_INT) &&
	    (rc = liq__get_nonneg(s, F_OPEN_INT, &oi, e)))
		return rc;
	if (!liq__empty(s, F_FUND_RATE) &&
	    (rc = liq__get_num(s, F_FUND_RATE, &fr, e)))
		return rc;
	if (!isnan(fr) && fabs(fr) > 1)
		return liq__fld_err(s, e, F_FUND_RATE,
		    "funding rate beyond ±100%");
	s->matched++;
	if (isnan(oi) && isnan(fr))
		return 0;
	if ((a = liq__bar_at(s, c, t, 1, &rc, e)) == NULL)
		return rc;
	if (!isnan(oi) && t >= a->oi_t) {
		if (c->mkt->market == LIQ_MARKET_INVERSE) {
			a->oi_quote = oi * c->mkt->cs;
			a->oi_base = NAN;
		} else {
			a->oi_base = oi * c->mkt->cs;
			a->oi_quote = NAN;
		}
		a->oi_t = t;
	}
	if (!isnan(fr) && t >= a->fund_t) {
		a->funding = fr;
		a->fund_t = t;
	}
	return 0;
}

const struct liq_dialect liq_tardis_trades = {
	.name = "Tardis trades",
	.margin = LIQ_MARGIN_BINANCE,
	.flags = LIQ_DIALECT_SYMBOLS,
	.provides = LIQ_DATA_PRICE,
	.cover = LIQ_COV_VOL,
	.cols = c_tardis,
	.header = header_trades,
	.head = head_tardis,
	.row = liq__row_venue_trade,
};

const struct liq_dialect liq_tardis_ticker = {
	.name = "Tardis derivative_ticker",
	.margin = LIQ_MARGIN_BINANCE,
	.flags = LIQ_DIALECT_SYMBOLS,
	.provides = LIQ_DATA_OI | LIQ_DATA_FUND,
	.cover = -1,
	.cols = c_tardis_ticker,
	.header = header_ticker,
	.head = head_tardis,
	.row = row_tardis_ticker,
};

const struct liq_dialect liq_tardis_liquidations = {
	.name = "Tardis liquidations",
	.margin = LIQ_MARGIN_BINANCE,
	.flags = LIQ_DIALECT_SYMBOLS,
	.provides = LIQ_DATA_LIQ,
	.cover = LIQ_COV_LIQ,
	.cols = c_tardis,
	.claim = claim_liquidations,
	.head = head_tardis,
	.row = row_tardis_liq,
};
