/*
 * mkbars.c - a bench tool: write N synthetic one-minute bars (seeded
 * random walk of price and open interest, taker volumes) as a binary bars
 * file, the input of the estimator benchmark.  Synthetic, not market data.
 *
 *   build/mkbars N OUT.bars [--liq]
 *
 * --liq adds realized liquidations (a deterministic function of each
 * bar's excursion, no random draws: the price path stays the same), the
 * input of the liq-score benchmark.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static double
uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((double)(rng >> 11) + 0.5) / 9007199254740992.0;
}

static double
normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform());
}

int
main(int argc, char **argv)
{
	struct liq_bars_info info;
	struct liq_bars_writer *w;
	struct liq_error e;
	struct liq_bar b;
	FILE *f;
	long n, i;
	int liq = argc == 4 && strcmp(argv[3], "--liq") == 0;
	double p = 42000, oi = 80000;

	if ((argc != 3 && !liq) || (n = atol(argv[1])) <= 0)
		return fprintf(stderr, "usage: mkbars N OUT.bars [--liq]\n"), 2;
	if ((f = fopen(argv[2], "wb")) == NULL)
		return perror(argv[2]), 1;
	memset(&info, 0, sizeof(info));
	strcpy(info.venue, "binance");
	strcpy(info.symbol, "BTCUSDT");
	info.market = LIQ_MARKET_LINEAR;
	info.contract_size = 1;
	info.interval_ms = 60000;
	strcpy(info.sources, "synthetic (tests/tools/mkbars.c, seeded)");
	if (liq_bars_writer_open(&w, f, &info, 0, &e) != 0)
		return fprintf(stderr, "mkbars: %s\n", e.msg), 1;
	for (i = 0; i < n; i++) {
		double hi = p, lo = p, v;

		memset(&b, 0, sizeof(b));
		b.time_ms = 1704067200000 + i * 60000;	/* 2024-01-01 */
		b.open = p;
		for (int k = 0; k < 4; k++) {
			p *= exp(0.0004 * normal());
			hi = p > hi ? p : hi;
			lo = p < lo ? p : lo;
		}
		b.high = hi;
		b.low = lo;
		b.close = p;
		v = 20 + 15 * uniform();
		b.buy_base = v * uniform();
		b.sell_base = v - b.buy_base;
		b.buy_quote = b.buy_base * p;
		b.sell_quote = b.sell_base * p;
		b.trades = 500;
		oi += 8 * normal() + (80000 - oi) * 0.001;
		b.oi_base = oi;
		b.oi_quote = oi * p;
		b.funding = 0.0001;
		b.liq_long_quote = b.liq_short_quote = NAN;
		b.ls_ratio = b.top_ls_ratio = NAN;
		b.flags = LIQ_BAR_PRICE | LIQ_BAR_VOLUME | LIQ_BAR_OI |
		    LIQ_BAR_FUNDING;
		if (liq) {
			b.liq_long_quote = (p - lo) / p * b.oi_quote *
			    (0.002 + 0.001 * sin((double)i));
			b.liq_short_quote = (hi - p) / p * b.oi_quote *
			    (0.002 + 0.001 * cos((double)i));
			b.flags |= LIQ_BAR_LIQ;
		}
		if (liq_bars_write(w, &b, &e) != 0)
			return fprintf(stderr, "mkbars: %s\n", e.msg), 1;
	}
	if (liq_bars_writer_close(w, &e) != 0 || fclose(f) != 0)
		return fprintf(stderr, "mkbars: write error\n"), 1;
	liq_bars_writer_free(w);
	return 0;
}
