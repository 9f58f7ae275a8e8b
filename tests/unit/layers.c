/*
 * layers.c - unit tests of a grid's layer pairs by name (lib/layers.c,
 * man/liq-grid.5 "Layer names"): pair names, what a name picks (whole
 * names and dot-separated parts), the error that lists the pairs, and
 * sums of chosen pairs against the reader's order of addition.
 * Prints TAP-style "ok N - ..." lines; exits 1 if any check failed.
 */
#include <stdio.h>
#include <string.h>

#include "liq.h"
#include "tap.h"


static uint32_t
pick(const struct liq_grid_info *g, const char *name)
{
	struct liq_error e;
	uint32_t m = 0;

	liq_error_clear(&e);
	return liq_grid_layer_match(g, name, &m, &e) < 0 ? UINT32_MAX : m;
}

int
main(void)
{
	struct liq_grid_info g;
	struct liq_grid_column c;
	struct liq_error e;
	char buf[64];
	float cells[6][3] = { { 1, 2, 3 }, { 4, 5, 6 }, { 0.1f, 0.2f, 0.3f },
		{ 7, 8, 9 }, { 1e8f, 1, 0 }, { 0, 0, 1 } };
	float lo[3], sh[3];
	uint32_t m;

	memset(&g, 0, sizeof(g));
	strcpy(g.venue, "binance+bybit");
	strcpy(g.layers, "binance.25x.long,binance.25x.short,binance.100x.long,"
	    "binance.100x.short,bybit.25x.long,bybit.25x.short");
	g.nlayers = 6;
	check(strcmp(liq_grid_layer_name(&g, 0, buf, sizeof(buf)),
	    "binance.25x") == 0, "pair 0 is named binance.25x (no .long)");
	check(strcmp(liq_grid_layer_name(&g, 2, buf, sizeof(buf)),
	    "bybit.25x") == 0, "pair 2 is bybit.25x");
	check(liq_grid_layer_name(&g, 3, buf, sizeof(buf)) == NULL,
	    "no pair 3 of 6 layers");
	check(pick(&g, "binance") == 3, "binance picks pairs 0 and 1");
	check(pick(&g, "25x") == 5, "25x picks pairs 0 and 2");
	check(pick(&g, "binance.25x") == 1, "binance.25x picks pair 0 alone");
	check(pick(&g, "100x") == 2, "100x picks pair 1");
	check(pick(&g, "5x") == UINT32_MAX, "5x picks nothing (parts match whole)");
	check(pick(&g, "") == UINT32_MAX, "an empty name picks nothing");
	check(pick(&g, "binance.long") == UINT32_MAX,
	    "binance.long picks nothing (pairs, not sides)");
	liq_error_clear(&e);
	check(liq_grid_layer_match(&g, "okx", &m, &e) == LIQ_EARG &&
	    m == 0 && strstr(e.msg, "unknown layer \"okx\": the grid's layers "
	    "are binance.25x, binance.100x, bybit.25x") != NULL,
	    "an unknown name: LIQ_EARG, the pairs listed");

	strcpy(g.venue, "binance");
	strcpy(g.layers, "long,short");
	g.nlayers = 2;
	check(strcmp(liq_grid_layer_name(&g, 0, buf, sizeof(buf)),
	    "binance") == 0 && pick(&g, "binance") == 1,
	    "a plain grid's pair is named by its venue");

	memset(&c, 0, sizeof(c));
	for (int l = 0; l < 6; l++)
		c.layer[l] = cells[l];
	liq_grid_layer_sum(&c, 6, 3, 5, lo, sh);
	check(lo[0] == 1 + 1e8f && lo[1] == 3 && lo[2] == 3 && sh[0] == 4 &&
	    sh[1] == 5 && sh[2] == 7, "sum of pairs 0 and 2 (mask 5)");
	liq_grid_layer_sum(&c, 6, 3, 0, lo, sh);
	/* the reader's order: layer 0, + 2, + 4, in float32 */
	check(lo[0] == (1 + 0.1f) + 1e8f && lo[1] == (2 + 0.2f) + 1 &&
	    sh[2] == (6 + 9.0f) + 1, "mask 0: all pairs, added in layer order");
	liq_grid_layer_sum(&c, 6, 3, 2, lo, sh);
	check(memcmp(lo, cells[2], sizeof(lo)) == 0 &&
	    memcmp(sh, cells[3], sizeof(sh)) == 0, "one pair: its layers exactly");
	return nfail > 0;
}
