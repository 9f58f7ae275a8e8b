/*
 * fuzz/estimate.c - libFuzzer harness for a whole estimate
 * (liq_estimate_open + liq_estimate_run: lib/estimate.c, lib/plan.c,
 * lib/estimate_opts.c, lib/margin.c over the bars reader) on one bars
 * file, its columns written by the grid writer to /dev/null.
 *
 * The first 8 bytes are the options, the rest the bars file (binary or
 * CSV, plain or compressed):
 *   0  side rule, entry rule, close rule, bit 6 log bins, bit 7 by venue
 *   1  margin rule (low 2 bits, 0: by venue), the leverage mix (2 bits),
 *      bit 4 a half-life, bit 5 no seed, bit 6 an OI proxy, bit 7 the
 *      file twice (with bit 0 of byte 7: the last member preferred)
 *   2-3  bins, 1 to 3000 (little-endian, modulo)
 *   4  a tick (bit 7; the width from the low bits) instead of bins
 *   5  at most 1 to 64 columns (low 6 bits), bit 6 a fixed 1m step,
 *      bit 7 a fixed price axis
 *   6  lookback (bit 0), no warmup (bit 1), a window (bit 2),
 *      a brackets date (bit 3), position size (bits 4-5)
 *   7  bit 0 prefer last, bit 1 CSV output, bit 2 the classic model
 *      (else the path model, the default), bits 3-4 the turnover (the
 *      model's, 0, 2, 20), bit 5 a layer pair per tier (by_leverage)
 * The grid must take every column the estimate emits: a writer error is
 * a bug in the estimate (columns out of step or a wrong count), and
 * aborts.  Work is bounded by max_bytes (a few million cells).
 */
#include "common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

static const char *const mixes[4] = {
	NULL,
	"5:0.1,10:0.2,20:0.3,50:0.2,100:0.2",
	"125:1",
	"1:0.5,2:0.25,3:0.25",
};

struct sink {
	struct liq_grid_writer *w;
	uint64_t n;
};

static int
emit(void *ctx, const struct liq_grid_column *c, struct liq_error *e)
{
	struct sink *k = ctx;

	if (liq_grid_write(k->w, c, e) != 0) {
		char msg[1024];

		liq_error_format(e, msg, sizeof(msg));
		fprintf(stderr, "grid writer refused column %llu: %s\n",
		    (unsigned long long)k->n, msg);
		abort();
	}
	k->n++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct liq_estimate_options o;
	struct liq_estimate *est = NULL;
	struct liq_estimate_ledger l;
	struct liq_csv_style st;
	struct liq_bars_seams s;
	struct liq_error e;
	struct sink k = { NULL, 0 };
	const char *paths[2];
	char path[64], msg[1024];
	int fd, npaths;

	if (size < 8 || size > (1 << 20))
		return 0;
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	liq_estimate_options_init(&o);
	/* the model first: the mix and the half-lives are the model's */
	o.model = (data[7] & 4) ? LIQ_MODEL_CLASSIC : LIQ_MODEL_PATH;
	if (strcmp(liq_model_names[o.model],
	    (data[7] & 4) ? "classic" : "path") != 0)
		abort();
	o.turnover = ((const double[]){ NAN, 0, 2, 20 })[(data[7] >> 3) & 3];
	o.by_leverage = (data[7] & 32) != 0;
	o.side_rule = (data[0] & 3) % 3;
	o.entry_rule = (data[0] >> 2) & 3;
	o.close_rule = ((data[0] >> 4) & 3) % 3;
	o.log_bins = (data[0] & 64) != 0;
	o.by_venue = (data[0] & 128) != 0;
	o.margin = (data[1] & 3) - 1;
	liq_error_clear(&e);
	if (mixes[(data[1] >> 2) & 3] != NULL &&
	    liq_estimate_parse_leverage(&o, mixes[(data[1] >> 2) & 3],
	    &e) != 0)
		abort();
	if ((data[1] & 16) && liq_estimate_parse_half_life(&o, "18h", &e) != 0)
		abort();
	if (data[1] & 32)
		o.seed_pct = 0;
	if (data[1] & 64)
		o.oi_proxy = 1.5;
	npaths = (data[1] & 128) ? 2 : 1;
	o.nbins = 1 + (uint32_t)(data[2] | data[3] << 8) % 3000;
	if (data[4] & 128)
		o.tick = pow(10, (data[4] & 7) - 2.0);	/* 0.01 to 100000 */
	o.max_cols = 1 + (data[5] & 63);
	if (data[5] & 64)
		o.step_ms = 60000;
	if (data[5] & 128) {
		o.price_min = 100;
		o.price_max = 200000;
	}
	if (data[6] & 1)
		o.lookback_ms = 3600000;
	if (data[6] & 2)
		o.warmup_ms = 0;
	if (data[6] & 4) {
		o.from_ms = INT64_C(1709510460000);	/* 2024-03-04 00:01 */
		o.to_ms = INT64_C(1709514000000);	/* 01:00 */
	}
	if (data[6] & 8)
		o.brackets_date = 0;
	o.position_usd = ((const double[]){ 1e4, 0, 1e9, 1e-3 })
	    [(data[6] >> 4) & 3];
	o.prefer = (data[7] & 1) ? LIQ_PREFER_LAST : LIQ_PREFER_FIRST;
	o.max_bytes = 16e6;
	o.command = "fuzz";
	liq_estimate_options_preset(&o);
	fd = fuzz_memfile(data + 8, size - 8, path, sizeof(path));
	paths[0] = paths[1] = path;
	if (liq_estimate_open(&est, paths, npaths, &o, &e) == 0) {
		liq_csv_style_init(&st);
		if (liq_grid_writer_open(&k.w, devnull,
		    liq_estimate_grid_info(est), (data[7] & 2) ? &st : NULL,
		    &e) != 0) {
			liq_error_format(&e, msg, sizeof(msg));
			fprintf(stderr, "grid writer refused the estimate's "
			    "axes: %s\n", msg);
			abort();
		}
		if (liq_estimate_run(est, emit, &k, &e) == 0 &&
		    liq_grid_writer_close(k.w, &e) != 0) {
			liq_error_format(&e, msg, sizeof(msg));
			fprintf(stderr, "grid writer close: %s\n", msg);
			abort();
		}
		liq_grid_writer_free(k.w);
		liq_estimate_seams(est, &s);
		liq_estimate_ledger(est, 1, &l);
		liq_estimate_ledger(est, -1, &l);
		(void)liq_estimate_left_axis(est);
		(void)liq_estimate_proxied(est);
	}
	liq_error_format(&e, msg, sizeof(msg));
	liq_estimate_close(est);
	clearerr(devnull);
	close(fd);
	return 0;
}
