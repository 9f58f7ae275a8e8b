/*
 * fuzz/events.c - libFuzzer harness for the liquidation-events reader
 * (liq_events_read: lib/events.c, lib/events_json.c over the input
 * layer) and, when the file reads, the lift (lib/events_lift.c) over a
 * few columns of a tiny grid built around the events.
 *
 * The first 2 bytes are the options, the rest the events file (plain or
 * compressed):
 *   0  low 3 bits the file's name (names[] below: the formats' typical
 *      names; the reader takes a COIN-M symbol and tells Tardis trades
 *      from the name), bits 3-5 the spec (specs[]; 7: the bytes up to
 *      the first newline are the spec, the file follows), bit 6 a
 *      4-layer grid, bit 7 a 1h step (else 1m)
 *   1  lift options: tolerance (bits 0-1), mmr (bits 2-3), X set (bits
 *      4-5), cells flat (bit 6), bar range NaN in column 2 (bit 7)
 * The file is written to a per-process directory (/dev/shm when there
 * is one) under the chosen name.  Checked: every event read is in time
 * order with a side, a price and a quantity as the header promises; the
 * lift's four categories partition the events (counts and notional);
 * shares are within [0, 1].
 */
#include "common.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "liq.h"
#include "liq_events.h"

static const char *const names[8] = {
	"bybit_liquidations_BTCUSDT.csv",
	"binance-futures_liquidations_2024-03-01_BTCUSDT.csv",
	"BTCUSDT-liquidationSnapshot-2024-03-01.csv",
	"BTCUSD_PERP-liquidationSnapshot-2024-03-01.csv",
	"forceorder.jsonl",
	"binance-futures_trades_2024-03-01_BTCUSDT.csv",
	"ETHUSD_240329-liquidationSnapshot-2024-03-01.csv",
	"mine.csv",
};

static const char *const specs[7] = {
	NULL,
	"",
	"bybit",
	"tardis,price-kind=fill",
	"binance-snapshot",
	"binance-forceorder,contract=100",
	"time=when,side=dir,price=px,qty=size_usd,notional=size_usd,"
	    "symbol=coin,long=L,short=S",
};

#define NBINS 16
#define NCOLS 4

static char dir[64];

static void
rm_dir(void)
{
	rmdir(dir);
}

static void
check_events(const struct liq_events *ev)
{
	const struct liq_event *a = liq_events_array(ev);
	size_t i, n = liq_events_count(ev);

	for (i = 0; i < n; i++) {
		if ((a[i].side != LIQ_EVENT_LONG &&
		    a[i].side != LIQ_EVENT_SHORT) ||
		    !(a[i].price > 0) || !isfinite(a[i].price) ||
		    !(a[i].qty_base > 0) || !(a[i].notional_quote > 0) ||
		    (i > 0 && a[i].time_ms < a[i - 1].time_ms)) {
			fprintf(stderr, "event %zu (line %lld): side %d "
			    "price %g qty %g notional %g time %lld\n", i,
			    (long long)a[i].line, a[i].side, a[i].price,
			    a[i].qty_base, a[i].notional_quote,
			    (long long)a[i].time_ms);
			abort();
		}
	}
	if (liq_events_lower_bound(ev, INT64_MIN) != 0 ||
	    liq_events_lower_bound(ev, INT64_MAX) != n)
		abort();
	(void)liq_events_format_name(liq_events_format(ev));
	(void)liq_events_price_kind(ev);
	(void)strlen(liq_events_symbol(ev));
	(void)strlen(liq_events_venue(ev));
	(void)liq_events_repeats(ev);
}

static void
check_result(const struct liq_lift *l, const struct liq_events *ev)
{
	struct liq_lift_result r;
	const struct liq_event *a = liq_events_array(ev);
	double tot[2] = { 0, 0 }, got;
	uint64_t cnt[2] = { 0, 0 };
	size_t i, n = liq_events_count(ev), d;
	int s, x;

	for (i = 0; i < n; i++) {
		cnt[a[i].side]++;
		tot[a[i].side] += a[i].notional_quote;
	}
	liq_lift_result(l, &r);
	for (s = 0; s < 2; s++) {
		if (r.events_used[s] + r.outside_range[s] +
		    r.no_snapshot[s] + r.outside_time[s] != cnt[s]) {
			fprintf(stderr, "side %d: %llu events, %llu + %llu + "
			    "%llu + %llu counted\n", s,
			    (unsigned long long)cnt[s],
			    (unsigned long long)r.events_used[s],
			    (unsigned long long)r.outside_range[s],
			    (unsigned long long)r.no_snapshot[s],
			    (unsigned long long)r.outside_time[s]);
			abort();
		}
		got = r.notional_used[s] + r.notional_outside_range[s] +
		    r.notional_no_snapshot[s] + r.notional_outside_time[s];
		if (isfinite(tot[s]) &&
		    !(fabs(got - tot[s]) <= 1e-9 * tot[s] + 1e-9)) {
			fprintf(stderr, "side %d: notional %.17g, %.17g "
			    "counted\n", s, tot[s], got);
			abort();
		}
	}
	for (s = 0; s < LIQ_LIFT_NSIDES; s++)
		for (x = 0; x < r.nx; x++) {
			const struct liq_lift_score *sc = &r.score[s][x];

			if (sc->den > 0 && isfinite(sc->den) &&
			    !(sc->share >= 0 && sc->share <= 1 + 1e-9)) {
				fprintf(stderr, "side %d X %g: share %g "
				    "(%g / %g)\n", s, r.x_pct[x], sc->share,
				    sc->num, sc->den);
				abort();
			}
		}
	for (d = 0; d < liq_lift_ndays(l); d++)
		(void)liq_lift_day(l, d)->bars;
}

static void
lift(const uint8_t *opt, const struct liq_events *ev)
{
	static const double tols[4] = { 0, 0.5, 5, 99.9 };
	static const double mmrs[4] = { 0.005, 0, 0.1, 0.49 };
	static float cells[NCOLS][4][NBINS], sums[NCOLS][2][NBINS];
	struct liq_grid_info g;
	struct liq_grid_column col[NCOLS];
	struct liq_lift_options o;
	struct liq_lift *l = NULL;
	struct liq_error e;
	const struct liq_event *a = liq_events_array(ev);
	double p0 = a[0].price;
	int c, k, b, nl = (opt[0] & 64) ? 4 : 2;

	memset(&g, 0, sizeof(g));
	snprintf(g.venue, sizeof(g.venue), "fuzz");
	snprintf(g.symbol, sizeof(g.symbol), "BTCUSDT");
	g.step_ms = (opt[0] & 128) ? 3600000 : 60000;
	/* the first event falls in column 1 (column 0 is the grid's first) */
	g.start_ms = a[0].time_ms - a[0].time_ms % g.step_ms - g.step_ms;
	g.ncols = NCOLS;
	g.nbins = NBINS;
	g.nlayers = (uint32_t)nl;
	g.price_min = p0 * 0.9;
	g.price_max = p0 * 1.1;
	snprintf(g.layers, sizeof(g.layers), "%s", nl == 4 ?
	    "a-long,a-short,b-long,b-short" : "long,short");
	liq_lift_options_init(&o);
	o.tol_pct = tols[opt[1] & 3];
	o.bankruptcy_mmr = mmrs[(opt[1] >> 2) & 3];
	switch ((opt[1] >> 4) & 3) {
	case 1:
		o.nx = 1;
		o.x_pct[0] = 100;
		break;
	case 2:
		o.nx = LIQ_LIFT_MAX_X;
		for (k = 0; k < o.nx; k++)
			o.x_pct[k] = 1 + 12.5 * k;
		break;
	case 3:
		o.nx = 2;
		o.x_pct[0] = 0.1;
		o.x_pct[1] = 33.3;
		break;
	}
	for (c = 0; c < NCOLS; c++) {
		memset(&col[c], 0, sizeof(col[c]));
		col[c].time_ms = g.start_ms + c * g.step_ms;
		col[c].open = col[c].close = p0;
		col[c].low = p0 * (1 - 0.01 * (c + 1));
		col[c].high = p0 * (1 + 0.02 * c);
		if (c == 2 && (opt[1] & 128))
			col[c].low = col[c].high = NAN;
		col[c].real_long = col[c].real_short = NAN;
		for (k = 0; k < nl; k++) {
			for (b = 0; b < NBINS; b++)
				cells[c][k][b] = (opt[1] & 64) ? 1.0f :
				    (float)((b * 7 + c * 3 + k) % 5);
			col[c].layer[k] = cells[c][k];
		}
		for (b = 0; b < NBINS; b++) {
			sums[c][0][b] = sums[c][1][b] = 0;
			for (k = 0; k < nl; k++)
				sums[c][k & 1][b] += cells[c][k][b];
		}
		col[c].long_usd = sums[c][0];
		col[c].short_usd = sums[c][1];
	}
	liq_error_clear(&e);
	if (liq_lift_new(&l, &g, ev, &o, &e) != 0) {
		if (e.code == LIQ_ENOMEM)
			return;
		abort();	/* the options and the grid above are valid */
	}
	for (c = 0; c < NCOLS; c++)
		if (liq_lift_add(l, c ? &col[c - 1] : NULL, &col[c], &e) !=
		    0) {
			char msg[1024];

			liq_error_format(&e, msg, sizeof(msg));
			fprintf(stderr, "lift refused column %d: %s\n", c, msg);
			abort();
		}
	check_result(l, ev);
	liq_lift_free(l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct liq_events *ev = NULL;
	struct liq_error e;
	char path[256], spec[257], msg[1024];
	const char *sp;
	size_t off = 2;
	int fd, rc;

	if (size < 2 || size > (1 << 20))
		return 0;
	if (dir[0] == '\0') {
		struct stat st;

		snprintf(dir, sizeof(dir), "%s/liq-fuzz-events.XXXXXX",
		    stat("/dev/shm", &st) == 0 ? "/dev/shm" : "/tmp");
		if (mkdtemp(dir) == NULL)
			abort();
		atexit(rm_dir);
	}
	if (((data[0] >> 3) & 7) == 7) {
		const uint8_t *nl = memchr(data + 2, '\n', size - 2);
		size_t n = nl ? (size_t)(nl - (data + 2)) : size - 2;

		if (n > 256)
			n = 256;
		memcpy(spec, data + 2, n);
		spec[n] = '\0';
		sp = spec;
		off = 2 + n + (nl != NULL && n < 256);
		if (off > size)
			off = size;
	} else
		sp = specs[(data[0] >> 3) & 7];
	snprintf(path, sizeof(path), "%s/%s", dir, names[data[0] & 7]);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0)
		abort();
	for (size_t w = off; w < size;) {
		ssize_t k = write(fd, data + w, size - w);

		if (k <= 0)
			abort();
		w += (size_t)k;
	}
	close(fd);
	liq_error_clear(&e);
	rc = liq_events_read(path, sp, &ev, &e);
	if (rc == 0) {
		if (ev == NULL || liq_events_count(ev) == 0)
			abort();	/* documented: no events is an error */
		check_events(ev);
		lift(data, ev);
	} else if (ev != NULL)
		abort();
	liq_error_format(&e, msg, sizeof(msg));
	liq_events_free(ev);
	unlink(path);
	return 0;
}
