/*
 * margin.c - maintenance-margin brackets and liquidation prices.
 *
 * Isolated margin, one-way mode, one position; the formulas are stated in
 * man/liq-model.7 (LIQUIDATION PRICE), from the exchanges' own help
 * pages: Binance "How to Calculate Liquidation Price of USDS-M Futures
 * Contracts" and "... of COIN-M Futures Contracts", Bybit "Liquidation
 * Price (USDT Contract)" and "How to calculate Liquidation Price (Inverse
 * Contract)".  Bracket tables (man/liq-model.7, MAINTENANCE BRACKETS) are
 * notional floors in the quote currency with their maintenance margin
 * rate and maintenance amount.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "csv_int.h"

/*
 * Binance BTCUSDT USDS-M, rules of 2025-08-19: "Leverage and Margin of
 * USDS-M Futures" (man/liq-model.7, MAINTENANCE BRACKETS).
 */
static const double bn2025[][3] = {
	{ 0, 0.004, 0 }, { 300e3, 0.005, 300 }, { 800e3, 0.0065, 1500 },
	{ 3e6, 0.01, 12000 }, { 12e6, 0.02, 132000 },
	{ 70e6, 0.025, 482000 }, { 100e6, 0.05, 2982000 },
	{ 230e6, 0.10, 14482000 }, { 480e6, 0.125, 26482000 },
	{ 600e6, 0.15, 41482000 }, { 800e6, 0.25, 121482000 },
	{ 1.2e9, 0.50, 421482000 },
};
#define BN2025_CAP 1.8e9

/* The older Binance BTCUSDT table, about 2021 (man/liq-model.7). */
static const double bn2021[][3] = {
	{ 0, 0.004, 0 }, { 50e3, 0.005, 50 }, { 250e3, 0.01, 1300 },
	{ 1e6, 0.025, 16300 }, { 10e6, 0.05, 266300 },
	{ 20e6, 0.10, 1266300 }, { 50e6, 0.125, 2516300 },
	{ 100e6, 0.15, 5016300 }, { 200e6, 0.25, 25016300 },
	{ 300e6, 0.50, 100016300 },
};
#define BN2021_CAP 500e6

/*
 * Bybit BTCUSDT base risk limit: 0.5% up to 2M ("Risk Limit (USDT
 * Contract)", 2024; man/liq-model.7, MAINTENANCE BRACKETS).
 */
static const double bybit[][3] = { { 0, 0.005, 0 } };
#define BYBIT_CAP 2e6

/* The date the 2025 table is known from; older bars get the 2021 one. */
#define BN2025_FROM_MS INT64_C(1755561600000)	/* 2025-08-19 */

static void
fill(struct liq_brackets *b, const char *name, const double (*t)[3], int n,
    double cap)
{
	memset(b, 0, sizeof(*b));
	snprintf(b->name, sizeof(b->name), "%s", name);
	b->n = n;
	for (int i = 0; i < n; i++) {
		b->floor[i] = t[i][0];
		b->cap[i] = i + 1 < n ? t[i + 1][0] : cap;
		b->mmr[i] = t[i][1];
		b->maint[i] = t[i][2];
	}
}

int
liq_brackets_builtin(const char *name, struct liq_brackets *b)
{
	if (strcmp(name, "binance-btcusdt-2025") == 0)
		fill(b, name, bn2025, (int)(sizeof(bn2025) / sizeof(*bn2025)),
		    BN2025_CAP);
	else if (strcmp(name, "binance-btcusdt-2021") == 0)
		fill(b, name, bn2021, (int)(sizeof(bn2021) / sizeof(*bn2021)),
		    BN2021_CAP);
	else if (strcmp(name, "bybit-btcusdt") == 0)
		fill(b, name, bybit, 1, BYBIT_CAP);
	else
		return LIQ_EARG;
	return 0;
}

const char *
liq_brackets_for_date(int64_t ms)
{
	return ms >= BN2025_FROM_MS ? "binance-btcusdt-2025" :
	    "binance-btcusdt-2021";
}

int
liq_brackets_load(const char *path, struct liq_brackets *b,
    struct liq_error *e)
{
	static const char *const names[5] = { "notional_floor",
	    "notional_cap", "mmr", "maintenance_amount", "max_leverage" };
	struct liq_input *in;
	struct liq_fields f;
	const char *p;
	size_t n;
	int64_t line = 0;
	int rc, ncol = 0;

	memset(b, 0, sizeof(*b));
	memset(&f, 0, sizeof(f));
	snprintf(b->name, sizeof(b->name), "%s", path);
	if ((rc = liq_input_open(&in, path, e)) != 0)
		return rc;
	while ((rc = liq_input_lines(in, &p, &n, e)) == 1) {
		const char *end = p + n;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			double v[5] = { 0, 0, 0, 0, 0 };
			int nf, i;

			line++;
			nf = liq__split(&f, p, (size_t)(nl - p));
			p = nl + 1;
			if (nf == 1 && f.len[0] == 0)
				continue;
			if (nf > 0 && f.len[0] > 0 && f.p[0][0] == '#')
				continue;
			if (line == 1 && nf > 0 && liq__field_is(&f, 0, names[0]))
				continue;	/* header row */
			if ((nf != 4 && nf != 5) || (ncol && nf != ncol)) {
				rc = liq_error_set(e, LIQ_EDATA, path, line,
				    NULL, NULL, 0, "want %s columns (%s,%s,%s,%s"
				    "%s), got %d", ncol == 5 ? "5" : ncol ? "4" :
				    "4 or 5", names[0], names[1], names[2],
				    names[3], ncol == 4 ? "" : "[,max_leverage]",
				    nf < 0 ? 0 : nf);
				goto out;
			}
			ncol = nf;
			for (i = 0; i < nf; i++)
				if (liq_parse_double(f.p[i], f.len[i], &v[i]) != 0 ||
				    v[i] < 0 || (i == 2 && v[i] >= 1) ||
				    (i == 4 && v[i] < 1)) {
					rc = liq_error_set(e, LIQ_EDATA, path, line,
					    names[i], f.p[i], f.len[i], i == 2 ?
					    "not a rate in [0, 1)" : i == 4 ?
					    "not a leverage >= 1" :
					    "not a number >= 0");
					goto out;
				}
			if (b->n == LIQ_MAX_BRACKETS) {
				rc = liq_error_set(e, LIQ_EDATA, path, line, NULL,
				    NULL, 0, "more than %d brackets",
				    LIQ_MAX_BRACKETS);
				goto out;
			}
			if (!(v[1] > v[0]) || (b->n > 0 &&
			    v[0] != b->cap[b->n - 1])) {
				rc = liq_error_set(e, LIQ_EDATA, path, line,
				    names[0], f.p[0], f.len[0], "brackets must "
				    "be contiguous and increasing (floor = the "
				    "previous cap, cap > floor)");
				goto out;
			}
			b->floor[b->n] = v[0];
			b->cap[b->n] = v[1];
			b->mmr[b->n] = v[2];
			b->maint[b->n] = v[3];
			b->max_lev[b->n] = v[4];
			b->n++;
		}
	}
	if (rc == 0 && b->n == 0)
		rc = liq_error_set(e, LIQ_EDATA, path, 0, NULL, NULL, 0,
		    "no brackets in the file");
out:
	liq__fields_free(&f);
	liq_input_close(in);
	return rc < 0 ? rc : 0;
}

/* The bracket holding notional (the last one beyond the table). */
static int
bracket_of(const struct liq_brackets *b, double notional)
{
	int i;

	for (i = 0; i + 1 < b->n; i++)
		if (notional < b->cap[i])
			break;
	return i;
}

/*
 * Binance USDS-M, linear (man/liq-model.7, LIQUIDATION PRICE):
 * LP = (Q*E -/+ W -/+ c) / (Q*(1 -/+ m)) with W = Q*E/L (long: minus,
 * short: plus).  The bracket is the one for the notional Q*LP at the
 * liquidation price: try each and keep the one whose range holds its own
 * result, else iterate from the entry bracket.
 */
static double
binance_linear(int side, double e, double lev, double q,
    const struct liq_brackets *b)
{
	double w = q * e / lev, lp = NAN;
	int i, k;

	for (i = 0; i < b->n; i++) {
		lp = side > 0 ? (q * e - w - b->maint[i]) / (q * (1 - b->mmr[i])) :
		    (q * e + w + b->maint[i]) / (q * (1 + b->mmr[i]));
		if (q * lp >= b->floor[i] && (q * lp < b->cap[i] || i == b->n - 1))
			return lp;
	}
	k = bracket_of(b, q * e);
	for (i = 0; i < 16; i++) {
		lp = side > 0 ? (q * e - w - b->maint[k]) / (q * (1 - b->mmr[k])) :
		    (q * e + w + b->maint[k]) / (q * (1 + b->mmr[k]));
		k = bracket_of(b, q * lp);
	}
	return lp;
}

/*
 * Binance COIN-M, inverse (man/liq-model.7), Q = N*F in USD, W and c in
 * coin: LP = (Q*m + s*Q) / (W + c + s*Q/E), s = +1 long, -1 short,
 * W = Q/(E*L).
 * The bracket is taken for the USD notional Q (it does not change with
 * price on an inverse contract); c from the table is in USD and is turned
 * into coin at the entry price.
 */
static double
binance_inverse(int side, double e, double lev, double q,
    const struct liq_brackets *b)
{
	int k = bracket_of(b, q);
	double w = q / (e * lev), c = b->maint[k] / e;
	double lp = (q * b->mmr[k] + side * q) / (w + c + side * q / e);

	if (!(lp > 0) || !isfinite(lp))	/* 1x short: never liquidated */
		return side > 0 ? 0 : INFINITY;
	return lp;
}

/*
 * Bybit (man/liq-model.7): maintenance margin at entry.  Linear:
 * LP = E -/+ (IM - MM)/Q, IM = Q*E/L, MM = Q*E*m - deduction.  Inverse
 * (same rule in coin):
 * 1/LP = 1/E +/- (IM - MM)/Q with IM = Q/(E*L), MM = Q*m/E - deduction/E.
 */
static double
bybit_price(int market, int side, double e, double lev, double qv,
    const struct liq_brackets *b)
{
	int k = bracket_of(b, qv);

	if (market == LIQ_MARKET_INVERSE) {
		double x = 1 / lev - b->mmr[k] + b->maint[k] / qv;
		double inv = (1 + side * x) / e;

		return inv > 0 ? 1 / inv : INFINITY;
	} else {
		double q = qv / e;
		double im = qv / lev, mm = qv * b->mmr[k] - b->maint[k];

		return e - side * (im - mm) / q;
	}
}

double
liq_liquidation_price(int rule, int market, int side, double entry,
    double lev, double position_quote, const struct liq_brackets *b)
{
	switch (rule) {
	case LIQ_MARGIN_SIMPLE:
		return entry * (1 - side / lev);
	case LIQ_MARGIN_BYBIT:
		return bybit_price(market, side, entry, lev, position_quote, b);
	default:
		if (market == LIQ_MARKET_INVERSE)
			return binance_inverse(side, entry, lev, position_quote,
			    b);
		return binance_linear(side, entry, lev, position_quote / entry,
		    b);
	}
}
