/*
 * dialect.c - unit tests of the dialect table (lib/dialect/registry.c,
 * contract in lib/dialect_int.h): kinds keep their LIQ_KIND_* numbers
 * and names, every entry is complete enough for the core to use, the
 * venue's margin rule comes from the table, and a small file of each
 * dialect is recognised as that dialect (with its venue) through the
 * public ingest API.
 *
 * Prints one TAP line per check and exits 1 if any check failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dialect_int.h"
#include "liq.h"

static int ntest, nfail;
static char dir[64];

static int
check(int cond, const char *what, const char *detail)
{
	ntest++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ntest, what);
	if (!cond) {
		nfail++;
		if (detail != NULL)
			printf("# %s\n", detail);
	}
	return cond;
}

/* ------------------------------------------------------------- table */

static void
test_kinds(void)
{
	static const struct {
		int kind;
		const char *name;
	} k[] = {
		{ LIQ_KIND_AGGTRADES, "aggTrades" },
		{ LIQ_KIND_TRADES, "trades" },
		{ LIQ_KIND_KLINES, "klines" },
		{ LIQ_KIND_METRICS, "metrics" },
		{ LIQ_KIND_FUNDING, "fundingRate" },
		{ LIQ_KIND_LIQSNAP, "liquidationSnapshot" },
		{ LIQ_KIND_VENDOR, "vendor bars" },
		{ LIQ_KIND_BYBIT, "Bybit trades" },
		{ LIQ_KIND_BITMEX, "BitMEX trades" },
		{ LIQ_KIND_OKX, "OKX trades" },
		{ LIQ_KIND_TARDIS_TRADES, "Tardis trades" },
		{ LIQ_KIND_TARDIS_TICKER, "Tardis derivative_ticker" },
		{ LIQ_KIND_TARDIS_LIQ, "Tardis liquidations" },
	};
	char what[96];
	size_t i;
	int n;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		snprintf(what, sizeof(what), "kind %d is named %s", k[i].kind,
		    k[i].name);
		check(strcmp(liq_kind_name(k[i].kind), k[i].name) == 0, what,
		    liq_kind_name(k[i].kind));
	}
	for (n = 0; liq__dialects[n] != NULL; n++)
		;
	check(n >= LIQ_KIND_MAX, "the table holds every built-in kind", NULL);
	check(strcmp(liq_kind_name(LIQ_KIND_UNKNOWN), "unknown") == 0 &&
	    strcmp(liq_kind_name(n + 1), "unknown") == 0,
	    "kinds outside the table are unknown", NULL);
}

/* Every entry gives the core what it needs. */
static void
test_entries(void)
{
	const struct liq_dialect *d, *o;
	char what[128];
	int i, j, k, nmapped = 0;

	for (i = 0; (d = liq__dialects[i]) != NULL; i++) {
		int seen[NFIELD] = { 0 }, good = d->cols != NULL, time = 0;

		for (k = 0; good && d->cols[k].name != NULL; k++) {
			good = d->cols[k].field >= 0 &&
			    d->cols[k].field < NFIELD &&
			    !seen[d->cols[k].field]++;
			time |= d->cols[k].field == F_TIME;
		}
		snprintf(what, sizeof(what), "%s: columns with a time, each "
		    "field once", d->name);
		check(good && time, what, NULL);
		snprintf(what, sizeof(what), "%s: a row handler, a fused "
		    "parser where it says when", d->name);
		check(d->row != NULL && (d->fused_ok == NULL ||
		    d->fused != NULL), what, NULL);
		snprintf(what, sizeof(what), "%s: some way to be recognised",
		    d->name);
		check(d->markers != NULL || d->header != NULL ||
		    d->shape != NULL || d->claim != NULL ||
		    (d->flags & LIQ_DIALECT_MAPPED), what, NULL);
		snprintf(what, sizeof(what), "%s: says what it provides and "
		    "covers", d->name);
		check((d->provides != 0 || (d->flags & LIQ_DIALECT_MAPPED)) &&
		    (d->cover == -1 || d->cover == LIQ_COV_VOL ||
		    d->cover == LIQ_COV_LIQ), what, NULL);
		nmapped += (d->flags & LIQ_DIALECT_MAPPED) != 0;
		/* the first dialect of a venue answers for it: all agree */
		for (j = 0; j < i && d->venue != NULL; j++) {
			o = liq__dialects[j];
			if (o->venue == NULL || strcmp(o->venue, d->venue) != 0)
				continue;
			snprintf(what, sizeof(what), "%s and %s (%s): one "
			    "margin rule and one set of terms", o->name,
			    d->name, d->venue);
			check(o->margin == d->margin && o->terms == d->terms,
			    what, NULL);
			break;
		}
	}
	check(nmapped == 1, "one dialect takes --map files", NULL);
}

static void
test_margin(void)
{
	static const char *const binance[] = { "binance", "binance-cm",
	    "okx", "bitmex", "vendor", "deribit", "" };
	size_t i;
	int ok = 1;

	check(liq_venue_margin_rule("bybit") == LIQ_MARGIN_BYBIT,
	    "bybit bars take Bybit's margin rule", NULL);
	for (i = 0; i < sizeof(binance) / sizeof(binance[0]); i++)
		ok &= liq_venue_margin_rule(binance[i]) == LIQ_MARGIN_BINANCE;
	check(ok, "every other venue takes Binance's", NULL);
}

/* ------------------------------------------------------- recognition */

struct sample {
	const char *name;	/* file name */
	const char *text;
	int kind;
	const char *venue;
	const char *symbol;	/* --symbol, or NULL */
	const char *map;	/* --map, or NULL */
};

static const struct sample samples[] = {
	{ "BTCUSDT-aggTrades-2024-03-04.csv",
	    "1,65000.1,0.5,10,11,1709510400000,true\n"
	    "2,65000.2,0.1,12,12,1709510401000,false\n",
	    LIQ_KIND_AGGTRADES, "binance", NULL, NULL },
	{ "BTCUSDT-trades-2024-03-04.csv",
	    "id,price,qty,quote_qty,time,is_buyer_maker\n"
	    "1,65000.1,0.5,32500.05,1709510400000,true\n",
	    LIQ_KIND_TRADES, "binance", NULL, NULL },
	{ "BTCUSDT-1m-2024-03-04.csv",
	    "1709510400000,65000,65010,64990,65005,12.5,1709510459999,"
	    "812562.5,100,6.5,422532.5,0\n",
	    LIQ_KIND_KLINES, "binance", NULL, NULL },
	{ "BTCUSDT-metrics-2024-03-04.csv",
	    "create_time,symbol,sum_open_interest,sum_open_interest_value,"
	    "count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,"
	    "count_long_short_ratio,sum_taker_long_short_vol_ratio\n"
	    "2024-03-04 00:05:00,BTCUSDT,80000,5200000000,1.1,1.2,1.3,0.9\n",
	    LIQ_KIND_METRICS, "binance", NULL, NULL },
	{ "BTCUSDT-fundingRate-2024-03.csv",
	    "1709510400000,8,0.0001\n",
	    LIQ_KIND_FUNDING, "binance", NULL, NULL },
	{ "BTCUSD_PERP-liquidationSnapshot-2024-03-04.csv",
	    "1709510400000,SELL,LIMIT,IOC,3,64000,63990,FILLED,3,3\n",
	    LIQ_KIND_LIQSNAP, "binance", NULL, NULL },
	{ "mine.csv",
	    "ts,c\n1709510400000,65000\n1709510460000,65001\n",
	    LIQ_KIND_VENDOR, "vendor", "BTCUSDT", "time=ts,close=c" },
	{ "BTCUSDT2024-03-04.csv",
	    "timestamp,symbol,side,size,price,tickDirection,trdMatchID\n"
	    "1709510400.123,BTCUSDT,Buy,0.5,65000.1,PlusTick,abc\n",
	    LIQ_KIND_BYBIT, "bybit", NULL, NULL },
	{ "20240304.csv",
	    "timestamp,symbol,side,size,price,tickDirection,trdMatchID\n"
	    "2024-03-04D00:00:01.123456789,XBTUSD,Buy,100,65000.5,PlusTick,"
	    "abc\n",
	    LIQ_KIND_BITMEX, "bitmex", "XBTUSD", NULL },
	{ "BTC-USDT-SWAP-trades-2024-03-04.csv",
	    "instrument_name,trade_id,side,price,size,created_time\n"
	    "BTC-USDT-SWAP,1,buy,65000.1,2,1709510400000\n",
	    LIQ_KIND_OKX, "okx", NULL, NULL },
	{ "binance-futures_trades_2024-03-04_BTCUSDT.csv",
	    "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
	    "binance-futures,BTCUSDT,1709510400000000,1709510400100000,1,buy,"
	    "65000.1,0.5\n",
	    LIQ_KIND_TARDIS_TRADES, "binance", NULL, NULL },
	{ "binance-delivery_derivative_ticker_2024-03-04_BTCUSD_PERP.csv",
	    "exchange,symbol,timestamp,local_timestamp,funding_timestamp,"
	    "funding_rate,predicted_funding_rate,open_interest,last_price,"
	    "index_price,mark_price\n"
	    "binance-delivery,BTCUSD_PERP,1709510400000000,1709510400100000,"
	    "1709510400000000,0.0001,0.0001,500000,65000,65000,65000\n",
	    LIQ_KIND_TARDIS_TICKER, "binance-cm", NULL, NULL },
	{ "okex-swap_liquidations_2024-03-04_BTC-USDT-SWAP.csv",
	    "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
	    "okex-swap,BTC-USDT-SWAP,1709510400000000,1709510400100000,,sell,"
	    "65000.1,3\n",
	    LIQ_KIND_TARDIS_LIQ, "okx", NULL, NULL },
};

static int
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}

static void
test_recognition(void)
{
	char path[256], what[160], msg[512];
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		const struct sample *sm = &samples[i];
		struct liq_ingest_options o;
		struct liq_ingest *g = NULL;
		struct liq_error e;
		const char *p = path;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", dir, sm->name);
		snprintf(what, sizeof(what), "%s is %s from %s", sm->name,
		    liq_kind_name(sm->kind), sm->venue);
		if (write_file(path, sm->text) != 0) {
			check(0, what, "cannot write the file");
			continue;
		}
		liq_ingest_options_init(&o);
		if (sm->symbol != NULL)
			snprintf(o.symbol, sizeof(o.symbol), "%s", sm->symbol);
		o.map = sm->map;
		liq_error_clear(&e);
		rc = liq_ingest_open(&g, &p, 1, &o, &e);
		if (rc != 0) {
			check(0, what, liq_error_format(&e, msg, sizeof(msg)));
			unlink(path);
			continue;
		}
		snprintf(msg, sizeof(msg), "kind %s, venue %s",
		    liq_kind_name(liq_ingest_file_kind(g, 0)),
		    liq_ingest_info(g)->venue);
		check(liq_ingest_file_kind(g, 0) == sm->kind &&
		    strcmp(liq_ingest_info(g)->venue, sm->venue) == 0, what,
		    msg);
		liq_ingest_close(g);
		unlink(path);
	}
}

/* A name that says one dialect on the columns of another is refused. */
static void
test_name_mismatch(void)
{
	struct liq_ingest_options o;
	struct liq_ingest *g = NULL;
	struct liq_error e;
	char path[256];
	const char *p = path;
	int rc;

	snprintf(path, sizeof(path), "%s/BTCUSDT-metrics-2024-03-04.csv", dir);
	if (write_file(path, samples[0].text) != 0) {
		check(0, "a metrics name on aggTrades rows is refused",
		    "cannot write the file");
		return;
	}
	liq_ingest_options_init(&o);
	liq_error_clear(&e);
	rc = liq_ingest_open(&g, &p, 1, &o, &e);
	check(rc == LIQ_EFORMAT && strstr(e.msg, "the name says metrics but "
	    "the columns are aggTrades") != NULL,
	    "a metrics name on aggTrades rows is refused", e.msg);
	liq_ingest_close(g);
	unlink(path);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(dir, sizeof(dir), "/tmp/liq-unit-dialect.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_kinds();
	test_entries();
	test_margin();
	test_recognition();
	test_name_mismatch();
	rmdir(dir);
	printf("# unit-dialect: %d tests, %d failed\n", ntest, nfail);
	return nfail != 0;
}
