/*
 * fuzz/ingest.c - libFuzzer harness for a whole ingest run
 * (liq_ingest_open + liq_ingest_run: lib/ingest.c, lib/dialect.c and the
 * dialects of lib/dialect/, lib/rows.c, lib/agg.c, lib/csv.c) on one
 * file, its bars written by the bars writer to /dev/null.
 *
 * The file NAME matters (kind, symbol, date and market come from it), so
 * the first byte picks one of the real dump names below (low 4 bits) and a
 * few options (bit 4 --skip-bad, bit 5 --interval 5m, bit 6 --reorder
 * 1s); the rest is the file's content, plain or compressed.  Names that
 * need an option get it (BitMEX: --symbol XBTUSD; vendor CSVs: a map).
 * Bars must come out in strictly increasing time.  A run stops after
 * 300,000 bars (a time years after the last in a file without a date in
 * its name legitimately fills the gap with bars, slowly).
 */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "liq.h"

static const struct {
	const char *name;
	const char *symbol;
	const char *map;	/* "coinglass": the preset */
} names[16] = {
	{ "BTCUSDT-aggTrades-2024-03-04.csv", NULL, NULL },
	{ "BTCUSDT-trades-2024-03-04.csv", NULL, NULL },
	{ "BTCUSDT-1m-2024-03-04.csv", NULL, NULL },
	{ "BTCUSDT-metrics-2024-03-04.csv", NULL, NULL },
	{ "BTCUSDT-fundingRate-2024-03.csv", NULL, NULL },
	{ "BTCUSDT-liquidationSnapshot-2024-03-04.csv", NULL, NULL },
	{ "BTCUSDT2024-03-04.csv", NULL, NULL },		/* Bybit */
	{ "20240304.csv", "XBTUSD", NULL },			/* BitMEX */
	{ "BTC-USDT-SWAP-trades-2024-03-04.csv", NULL, NULL },	/* OKX */
	{ "binance-futures_trades_2024-03-04_BTCUSDT.csv", NULL, NULL },
	{ "bitmex_derivative_ticker_2020-03-01_XBTUSD.csv", NULL, NULL },
	{ "bitmex_liquidations_2020-03-01_XBTUSD.csv", NULL, NULL },
	{ "coinglass_BTC_liq_oi_30m_2026-05-21_05-30.csv", NULL,
	    "coinglass" },
	{ "mine.csv", "XYZ", "time=ts,open=o,high=h,low=l,close=c,"
	    "volume_base=vol,buy_base=buy,oi_base=oi,volume_quote=vq,"
	    "buy_quote=bq" },
	{ "BTCUSD_PERP-aggTrades-2024-03-04.csv", NULL, NULL },
	{ "spot-BTCUSDT-1h-2024-03-04.csv", NULL, NULL },
};

static char dir[64];
static FILE *devnull;

static void
cleanup(void)
{
	rmdir(dir);
}

struct sink {
	struct liq_bars_writer *w;
	int64_t last;
	int n;
};

static int
emit(void *ctx, const struct liq_bar *b, struct liq_error *e)
{
	struct sink *k = ctx;

	/* a time decades on in an undated file makes millions of gap bars:
	 * correct but slow; stop there so the fuzzer moves on */
	if (k->n >= 300000)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "fuzz: over 300000 bars");
	if (k->n++ > 0 && b->time_ms <= k->last) {
		fprintf(stderr, "bars out of order: %lld after %lld\n",
		    (long long)b->time_ms, (long long)k->last);
		abort();
	}
	k->last = b->time_ms;
	return liq_bars_write(k->w, b, e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct liq_ingest_options o;
	struct liq_ingest *g = NULL;
	struct liq_error e;
	struct sink k = { NULL, 0, 0 };
	char path[256];
	const char *paths[1];
	FILE *f;
	int sel;

	if (size < 1 || size > (1 << 20))
		return 0;
	if (dir[0] == '\0') {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
		    "/tmp";
		snprintf(dir, sizeof(dir), "%s/liq-fuzz-XXXXXX", base);
		if (mkdtemp(dir) == NULL)
			abort();
		if ((devnull = fopen("/dev/null", "w")) == NULL)
			abort();
		atexit(cleanup);
	}
	sel = data[0];
	snprintf(path, sizeof(path), "%s/%s", dir, names[sel & 15].name);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
		abort();
	if (fclose(f) != 0)
		abort();

	liq_ingest_options_init(&o);
	if (names[sel & 15].symbol)
		snprintf(o.symbol, sizeof(o.symbol), "%s",
		    names[sel & 15].symbol);
	if (names[sel & 15].map) {
		if (strcmp(names[sel & 15].map, "coinglass") == 0) {
			o.map = liq_ingest_preset("coinglass");
			snprintf(o.vendor_venue, sizeof(o.vendor_venue),
			    "coinglass");
		} else
			o.map = names[sel & 15].map;
	}
	o.skip_bad = (sel & 16) != 0;
	if (sel & 32)
		o.interval_ms = 300000;
	if (sel & 64)
		o.reorder_ms = 1000;
	o.command = "fuzz";
	paths[0] = path;
	liq_error_clear(&e);
	if (liq_ingest_open(&g, paths, 1, &o, &e) == 0) {
		struct liq_csv_style st;

		liq_csv_style_init(&st);
		st.time_ms = (sel & 64) != 0;
		if (liq_bars_writer_open(&k.w, devnull, liq_ingest_info(g),
		    (sel & 128) != 0 ? &st : NULL, &e) == 0) {
			if (liq_ingest_run(g, emit, &k, &e) == 0)
				(void)liq_bars_writer_close(k.w, &e);
			liq_bars_writer_free(k.w);
		}
		(void)liq_ingest_rows(g);
		(void)liq_ingest_bad_count(g);
	}
	{
		char msg[1024];
		liq_error_format(&e, msg, sizeof(msg));
	}
	liq_ingest_close(g);
	clearerr(devnull);
	unlink(path);
	return 0;
}
