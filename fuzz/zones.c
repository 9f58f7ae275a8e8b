/*
 * fuzz/zones.c - libFuzzer harness for the zone finder (lib/zones.c) fed
 * by the grid reader, as liq-cluster drives it: for every column, the
 * zones of both sides, the walls and the cumulative map.  The first 4
 * bytes pick the options (threshold kind and level, smoothing window,
 * gap, wall range); the rest is the grid file.  Zones must lie inside
 * the axis, be ranked, and not overlap; shares must be within [0, 1].
 */
#include "common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

static const double levels[3][4] = {
	{ 0.05, 0, 1, 0.001 },		/* share */
	{ 1e6, 0, 1e-3, 1e12 },		/* USD */
	{ 0.9, 0, 1, 0.5 },		/* quantile */
};

static void
check_side(const struct liq_zones *z, int side, uint32_t nbins)
{
	const struct liq_zone *zn;
	size_t i, n;

	zn = liq_zones_list(z, side, &n);
	for (i = 0; i < n; i++) {
		if (zn[i].side != side || zn[i].rank != i + 1 ||
		    zn[i].bin_lo > zn[i].bin_hi || zn[i].bin_hi >= nbins ||
		    zn[i].peak_bin < zn[i].bin_lo ||
		    zn[i].peak_bin > zn[i].bin_hi) {
			fprintf(stderr, "zone %zu of side %d: bins %u..%u "
			    "peak %u rank %u of %u bins\n", i, side,
			    zn[i].bin_lo, zn[i].bin_hi, zn[i].peak_bin,
			    zn[i].rank, nbins);
			abort();
		}
		if (zn[i].share < 0 || zn[i].share > 1 + 1e-9) {
			fprintf(stderr, "zone %zu: share %g\n", i, zn[i].share);
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct liq_zones_options zo;
	struct liq_grid_reader *r = NULL;
	struct liq_zones *z = NULL;
	struct liq_grid_column *c;
	struct liq_error e;
	double *cum = NULL, range;
	char path[64], msg[1024];
	int fd, rc, ncol = 0;

	if (size < 4)
		return 0;
	liq_zones_options_init(&zo);
	zo.threshold = data[0] % 3;
	zo.level = levels[zo.threshold][(data[0] >> 2) & 3];
	zo.smooth_pct = (data[1] & 127) / 8.0;	/* 0 to 15.9 */
	if (data[1] & 128)
		zo.smooth_pct = 100;
	zo.gap_pct = (data[2] & 127) / 16.0;
	range = data[3] == 255 ? INFINITY : data[3] / 4.0;
	fd = fuzz_memfile(data + 4, size - 4, path, sizeof(path));
	liq_error_clear(&e);
	if (liq_grid_reader_open(&r, path, &e) == 0 &&
	    liq_zones_new(&z, liq_grid_reader_info(r), &zo, &e) == 0) {
		const struct liq_grid_info *g = liq_grid_reader_info(r);

		if ((cum = malloc(2 * sizeof(double) * (g->nbins + 1))) ==
		    NULL)
			abort();
		while ((rc = liq_grid_read(r, &c, &e)) == 1 &&
		    ncol++ < 4096) {
			const struct liq_wall *w;
			int nw, s;

			for (s = LIQ_ZONES_LONG; s <= LIQ_ZONES_SHORT; s++) {
				const float *x = s == LIQ_ZONES_LONG ?
				    c->long_usd : c->short_usd;

				if (liq_zones_find(z, s, x, c->close, &e) < 0)
					break;
				check_side(z, s, g->nbins);
				(void)liq_zones_total(z, s);
			}
			nw = liq_zones_walls(z, (1u << LIQ_ZONES_LONG) |
			    (1u << LIQ_ZONES_SHORT), range, &w, &e);
			for (int i = 0; i < nw; i++)
				if (w[i].zone == NULL || !(w[i].score >= 0)) {
					fprintf(stderr, "wall %d: score %g\n",
					    i, w[i].score);
					abort();
				}
			(void)liq_zones_map(z, c->long_usd, c->short_usd,
			    c->close, cum, cum + g->nbins);
			if (g->nbins > 0)
				(void)liq_zones_centre(z, g->nbins - 1);
		}
	}
	free(cum);
	liq_zones_free(z);
	liq_grid_reader_close(r);
	liq_error_format(&e, msg, sizeof(msg));
	close(fd);
	return 0;
}
