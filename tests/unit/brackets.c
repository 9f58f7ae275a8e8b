/*
 * unit-brackets.c - unit tests of the built-in dated Binance USD-M bracket
 * tables (lib/brackets.c): every embedded version parses and is
 * contiguous, the version in force at and around a change, before the
 * first, the symbol another venue's spelling maps to, the notes, and the
 * leverage cap.  Prints TAP-style "ok N - ..." lines; exits 1 on failure.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "liq.h"
#include "tap.h"
#include "brackets_int.h"


/* The table name of symbol's version at ms ("" on error). */
static const char *
name_at(const char *symbol, int market, int64_t ms, char *buf, size_t n)
{
	struct liq_brackets_dated *d;
	struct liq_error e;

	buf[0] = '\0';
	if (liq_brackets_dated_open(&d, symbol, market, &e) != 0)
		return buf;
	snprintf(buf, n, "%s", liq_brackets_dated_at(d, ms)->name);
	liq_brackets_dated_close(d);
	return buf;
}

int
main(void)
{
	struct liq_brackets_dated *d;
	const struct liq_brackets *b;
	struct liq_error e;
	char buf[256], sym[64], prev[64] = "";
	int64_t change;
	int i, bad = 0, nsym = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* every symbol's versions open; each version contiguous from 0 */
	for (i = 0; liq__brackets_usdm[i] != NULL; i++) {
		size_t k = strcspn(liq__brackets_usdm[i], " ");

		snprintf(sym, sizeof(sym), "%.*s", (int)k, liq__brackets_usdm[i]);
		if (strcmp(sym, prev) == 0)
			continue;
		snprintf(prev, sizeof(prev), "%s", sym);
		nsym++;
		if (liq_brackets_dated_open(&d, sym, LIQ_MARKET_LINEAR, &e) != 0) {
			printf("# %s: %s\n", sym, e.msg);
			bad++;
			continue;
		}
		b = liq_brackets_dated_at(d, INT64_MAX);
		bad += b->floor[0] != 0 || b->max_lev[0] < 1;
		for (int j = 1; j < b->n; j++)
			bad += b->floor[j] != b->cap[j - 1] ||
			    b->max_lev[j] > b->max_lev[j - 1];
		liq_brackets_dated_close(d);
	}
	check(bad == 0 && nsym == 447, "447 symbols: every embedded version "
	    "parses, contiguous from 0, max leverage not rising");

	/* ETHUSDT's change of 2023-08-01T05:09:44Z */
	if (liq_parse_time("2023-08-01T05:09:44Z", 20, &change) != 0)
		change = 0;
	check(strcmp(name_at("ETHUSDT", LIQ_MARKET_LINEAR, change, buf,
	    sizeof(buf)), "binance-usdm ETHUSDT 2023-08-01T05:09:44") == 0,
	    "ETHUSDT at the change's own ms: the new version");
	check(strcmp(name_at("ethusdt", LIQ_MARKET_LINEAR, change - 1, buf,
	    sizeof(buf)), "binance-usdm ETHUSDT 2023-03-13T06:06:16") == 0,
	    "1 ms before it (the symbol in lower case): the one before");
	check(strcmp(name_at("ETHUSDT", LIQ_MARKET_LINEAR, 0, buf,
	    sizeof(buf)), "binance-usdm ETHUSDT 2022-02-06T04:36:28") == 0,
	    "before the first version: the first");
	check(strcmp(name_at("BTCUSDT", LIQ_MARKET_LINEAR, INT64_MAX, buf,
	    sizeof(buf)), "binance-usdm BTCUSDT 2025-08-19T00:00:00") == 0,
	    "BTCUSDT's last version: the 2025-08-19 table");
	/* other spellings */
	check(strcmp(name_at("ETH-USDT-SWAP", LIQ_MARKET_LINEAR, INT64_MAX,
	    buf, sizeof(buf)), "binance-usdm ETHUSDT 2024-05-30T03:02:44") == 0,
	    "ETH-USDT-SWAP: ETHUSDT's");
	check(strncmp(name_at("XBTUSD", LIQ_MARKET_INVERSE, INT64_MAX, buf,
	    sizeof(buf)), "binance-usdm BTCUSDT ", 21) == 0 &&
	    strncmp(name_at("BTCUSD_PERP", LIQ_MARKET_INVERSE, INT64_MAX, buf,
	    sizeof(buf)), "binance-usdm BTCUSDT ", 21) == 0,
	    "XBTUSD and BTCUSD_PERP (inverse): BTCUSDT's");
	check(strncmp(name_at("1000PEPE-USDC-SWAP", LIQ_MARKET_LINEAR,
	    INT64_MAX, buf, sizeof(buf)), "binance-usdm 1000PEPEUSDC ", 26) == 0,
	    "1000PEPE-USDC-SWAP: 1000PEPEUSDC's");
	check(strncmp(name_at("NOSUCHCOIN", LIQ_MARKET_LINEAR, INT64_MAX, buf,
	    sizeof(buf)), "binance-usdm BTCUSDT ", 21) == 0,
	    "an unknown symbol: BTCUSDT's");

	/* notes and the description of a span */
	if (liq_brackets_dated_open(&d, "ETHUSDT", LIQ_MARKET_LINEAR, &e) == 0) {
		liq_brackets_dated_describe(d, change - 1, change, 100000, 100,
		    buf, sizeof(buf));
		check(strcmp(buf, "binance-usdm ETHUSDT 2023-03-13T06:06:16Z "
		    "(max 75x) 2023-08-01T05:09:44Z (max 75x)") == 0 &&
		    liq_brackets_dated_note(d) == NULL,
		    "a span across the change: both versions, 100x capped to "
		    "75x at 100,000, no note");
		liq_brackets_dated_describe(d, 0, 0, 10000, 10, buf,
		    sizeof(buf));
		check(liq_brackets_dated_note(d) != NULL &&
		    strstr(liq_brackets_dated_note(d), "before its first "
		    "bracket table") != NULL, "bars before the first version: "
		    "a note");
		b = liq_brackets_dated_at(d, change);
		check(liq_brackets_leverage(b, 100, 100000) == 75 &&
		    liq_brackets_leverage(b, 100, 99999) == 100 &&
		    liq_brackets_leverage(b, 50, 1e9) == 1 &&
		    liq_brackets_leverage(NULL, 100, 1e9) == 100,
		    "leverage cap: 75x from 100k, 100x below, 1x beyond the "
		    "last cap, none without a table");
		liq_brackets_dated_close(d);
	} else
		check(0, "ETHUSDT opens");
	if (liq_brackets_dated_open(&d, "FOOUSDT", LIQ_MARKET_LINEAR, &e) == 0) {
		liq_brackets_dated_describe(d, change, change, 10000, 10, buf,
		    sizeof(buf));
		check(liq_brackets_dated_note(d) != NULL &&
		    strstr(liq_brackets_dated_note(d), "--brackets") != NULL &&
		    strstr(liq_brackets_dated_note(d), "BTCUSDT's") != NULL,
		    "FOOUSDT: a note naming BTCUSDT's table and --brackets");
		liq_brackets_dated_close(d);
	}
	liq_brackets_dated_close(NULL);
	printf("# unit-brackets: %d tests, %d failed\n", ntest, nfail);
	return nfail > 0;
}
