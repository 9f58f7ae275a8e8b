/*
 * unit-model.c - unit tests of the margin rules (liquidation prices against
 * hand computations from the exchanges' formulas), the bracket tables and
 * the grid format (axes, round trip, truncation, corruption).
 * Prints TAP-style "ok N - ..." lines; exits 1 if any check failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liq.h"

static int ntest, nfail;

static void
check(int cond, const char *what)
{
	ntest++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ntest, what);
	if (!cond)
		nfail++;
}

static void
near(double got, double want, double rel, const char *what)
{
	int ok = fabs(got - want) <= rel * fabs(want);

	check(ok, what);
	if (!ok)
		printf("# got %.17g, want %.17g\n", got, want);
}

static void
test_margin(void)
{
	struct liq_brackets b, by, old;
	double lp;

	liq_brackets_builtin("binance-btcusdt-2025", &b);
	liq_brackets_builtin("bybit-btcusdt", &by);
	liq_brackets_builtin("binance-btcusdt-2021", &old);
	check(b.n == 12 && b.mmr[1] == 0.005 && b.maint[1] == 300 &&
	    b.cap[11] == 1.8e9, "Binance 2025 table: 12 brackets, "
	    "second 0.5%/300");
	check(old.n == 10 && old.maint[3] == 16300,
	    "Binance 2021 table: 10 brackets, 1M floor maintenance 16,300");
	/* c_k = c_{k-1} + floor_k * (m_k - m_{k-1}) holds in both tables */
	{
		int ok = 1;

		for (int i = 1; i < b.n; i++)
			ok &= fabs(b.maint[i] - (b.maint[i - 1] + b.floor[i] *
			    (b.mmr[i] - b.mmr[i - 1]))) < 1e-6;
		for (int i = 1; i < old.n; i++)
			ok &= fabs(old.maint[i] - (old.maint[i - 1] +
			    old.floor[i] * (old.mmr[i] - old.mmr[i - 1]))) < 1e-6;
		check(ok, "maintenance amounts follow c_k = c_k-1 + "
		    "floor_k*(m_k - m_k-1)");
	}
	check(strcmp(liq_brackets_for_date(1700000000000), "binance-btcusdt-2021")
	    == 0 && strcmp(liq_brackets_for_date(1780000000000),
	    "binance-btcusdt-2025") == 0, "table chosen by date");
	check(liq_brackets_builtin("nope", &b) == LIQ_EARG,
	    "unknown built-in table refused");
	liq_brackets_builtin("binance-btcusdt-2025", &b);

	/* Binance linear, first bracket: E(1 - 1/L)/(1 - m) */
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_LINEAR, 1,
	    50000, 10, 10000, &b);
	near(lp, 50000 * 0.9 / 0.996, 1e-12,
	    "Binance long 10x, first bracket: E*0.9/0.996");
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_LINEAR, -1,
	    50000, 10, 10000, &b);
	near(lp, 50000 * 1.1 / 1.004, 1e-12,
	    "Binance short 10x, first bracket: E*1.1/1.004");
	/* a 500k position: notional at LP in [300k, 800k): 0.5% and 300 */
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_LINEAR, 1,
	    50000, 10, 500000, &b);
	near(lp, (500000 - 50000 - 300) / (10 * 0.995), 1e-12,
	    "Binance long 500k: second bracket (0.5%, 300)");
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_LINEAR, -1,
	    50000, 10, 500000, &b);
	near(lp, (500000 + 50000 + 300) / (10 * 1.005), 1e-12,
	    "Binance short 500k: second bracket (0.5%, 300)");
	/* the bracket is the one AT the liquidation price: 310k at 2x long
	 * has a liquidation notional of about 155k, first bracket */
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_LINEAR, 1,
	    50000, 2, 310000, &b);
	near(lp, 50000 * 0.5 / 0.996, 1e-12,
	    "Binance: bracket taken at the liquidation price, not at entry");
	/* the older table: 100k is its second bracket (0.5%, 50) */
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_LINEAR, 1,
	    50000, 5, 100000, &old);
	near(lp, (100000 - 20000 - 50) / (2 * 0.995), 1e-12,
	    "Binance 2021 table, 100k long 5x: (0.5%, 50)");
	/* Bybit: 1 BTC at 20,000, 50x, MMR 0.5% => 19,700 (liq-model.7) */
	lp = liq_liquidation_price(LIQ_MARGIN_BYBIT, LIQ_MARKET_LINEAR, 1,
	    20000, 50, 20000, &by);
	near(lp, 19700, 1e-12, "Bybit long 1 BTC at 20,000, 50x: 19,700");
	lp = liq_liquidation_price(LIQ_MARGIN_BYBIT, LIQ_MARKET_LINEAR, -1,
	    20000, 50, 20000, &by);
	near(lp, 20300, 1e-12, "Bybit short 1 BTC at 20,000, 50x: 20,300");
	/* simple */
	lp = liq_liquidation_price(LIQ_MARGIN_SIMPLE, LIQ_MARKET_LINEAR, 1,
	    100, 4, 1000, &b);
	near(lp, 75, 1e-15, "simple long 4x: E*(1 - 1/4)");
	lp = liq_liquidation_price(LIQ_MARGIN_SIMPLE, LIQ_MARKET_LINEAR, -1,
	    100, 4, 1000, &b);
	near(lp, 125, 1e-15, "simple short 4x: E*(1 + 1/4)");
	/*
	 * Binance COIN-M: 10 contracts of 100 USD (Q = 1,000 USD) at 50,000,
	 * 10x, m = 0.4%, c = 0.  W = Q/(E*L) = 0.002 BTC.
	 * long  LP = (Q*m + Q)/(W + Q/E) = 1004/(0.002 + 0.02) = 45,636.36...
	 * short LP = (Q*m - Q)/(W - Q/E) = -996/(0.002 - 0.02) = 55,333.33...
	 */
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_INVERSE, 1,
	    50000, 10, 1000, &b);
	near(lp, 1004 / 0.022, 1e-12, "COIN-M long 10x: 45,636.36");
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_INVERSE, -1,
	    50000, 10, 1000, &b);
	near(lp, 996 / 0.018, 1e-12, "COIN-M short 10x: 55,333.33");
	lp = liq_liquidation_price(LIQ_MARGIN_BINANCE, LIQ_MARKET_INVERSE, -1,
	    50000, 1, 1000, &b);
	check(isinf(lp), "COIN-M short 1x: never liquidated");
	/* Bybit inverse: 1/LP = (1 + 1/L - m)/E for a long */
	lp = liq_liquidation_price(LIQ_MARGIN_BYBIT, LIQ_MARKET_INVERSE, 1,
	    20000, 50, 20000, &by);
	near(lp, 20000 / (1 + 0.02 - 0.005), 1e-12,
	    "Bybit inverse long 50x: E/(1 + 1/L - m)");
}

static const char *
tmpfile_with(const char *text, size_t n)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/liq-unit-model.%d", (int)getpid());
	f = fopen(path, "wb");
	fwrite(text, 1, n, f);
	fclose(f);
	return path;
}

static void
test_bracket_files(void)
{
	struct liq_brackets b;
	struct liq_error e;
	const char *t = "notional_floor,notional_cap,mmr,maintenance_amount\n"
	    "0,100000,0.01,0\n100000,500000,0.02,1000\n";
	const char *p = tmpfile_with(t, strlen(t));

	check(liq_brackets_load(p, &b, &e) == 0 && b.n == 2 &&
	    b.mmr[1] == 0.02 && b.maint[1] == 1000 && b.cap[1] == 500000,
	    "bracket CSV loads");
	t = "0,100000,0.01,0\n200000,500000,0.02,1000\n";
	p = tmpfile_with(t, strlen(t));
	check(liq_brackets_load(p, &b, &e) == LIQ_EDATA && e.line == 2,
	    "bracket CSV with a hole: error on line 2");
	t = "0,100000,1.5,0\n";
	p = tmpfile_with(t, strlen(t));
	check(liq_brackets_load(p, &b, &e) == LIQ_EDATA &&
	    strcmp(e.field, "mmr") == 0, "bracket CSV: mmr 1.5 refused");
	t = "0,100000,0.01\n";
	p = tmpfile_with(t, strlen(t));
	check(liq_brackets_load(p, &b, &e) == LIQ_EDATA,
	    "bracket CSV: three columns refused");
	unlink(p);
}

static void
test_axes(void)
{
	struct liq_grid_info g;
	int ok = 1;

	memset(&g, 0, sizeof(g));
	g.nbins = 7;
	g.price_min = 100;
	g.price_max = 1000;
	for (int lg = 0; lg < 2; lg++) {
		g.log_bins = lg;
		for (uint32_t i = 0; i < g.nbins; i++) {
			double a = liq_grid_edge(&g, i);
			double b = liq_grid_edge(&g, i + 1);

			ok &= liq_grid_bin(&g, a) == (long)i;
			ok &= liq_grid_bin(&g, nextafter(b, 0)) == (long)i;
			ok &= liq_grid_bin(&g, (a + b) / 2) == (long)i;
		}
		ok &= liq_grid_bin(&g, 99.999) == -1;
		ok &= liq_grid_bin(&g, 1000) == 7;
		ok &= liq_grid_bin(&g, NAN) == -1;
	}
	check(ok, "bin of each edge, of the last float below the next edge, "
	    "outside the range (linear and log)");
	g.log_bins = 1;
	near(liq_grid_edge(&g, 1) / liq_grid_edge(&g, 0),
	    liq_grid_edge(&g, 7) / liq_grid_edge(&g, 6), 1e-12,
	    "log bins: equal price ratios");
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_margin();
	test_bracket_files();
	test_axes();
	return nfail > 0;
}
