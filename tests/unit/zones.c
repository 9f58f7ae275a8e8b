/*
 * zones.c - unit tests of the zone finder (liq_zones.h): columns of ten
 * bins of 1 over 100..110 whose zones, walls and cumulative maps are
 * worked out by hand in the comments: the runs above a threshold (in
 * quote currency, as a share, as a quantile, all per 1% of price),
 * merging across gaps, smoothing over a window in percent of price, the
 * same zones at twice the bins, the peak, ranking, walls above and below
 * price, and the map.  With close 105 a bin is 100/105 = 0.952% of price
 * wide, so without smoothing a cell x has the density 1.05x per 1%.
 * Prints TAP-style "ok N - ..." lines; exits 1 if any check failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "tap.h"

#define NB 10


/* nb bins over 100..110 (linear), or 100..1000 log with log. */
static void
grid_bins(struct liq_grid_info *g, int log, uint32_t nb)
{
	memset(g, 0, sizeof(*g));
	g->step_ms = 60000;
	g->nbins = nb;
	g->nlayers = 2;
	g->price_min = 100;
	g->price_max = log ? 1000 : 110;
	g->log_bins = log;
}

/* Ten bins of 1 over 100..110 (linear), or 100..1000 log with log. */
static void
grid_info(struct liq_grid_info *g, int log)
{
	grid_bins(g, log, NB);
}

/* A zone finder for nb bins with threshold th at level, a window of
 * smooth percent of price, a gap of gap percent. */
static struct liq_zones *
finder_bins(uint32_t nb, int th, double level, double smooth, double gap)
{
	struct liq_grid_info g;
	struct liq_zones_options o;
	struct liq_zones *z;
	struct liq_error e;

	grid_bins(&g, 0, nb);
	liq_zones_options_init(&o);
	o.threshold = th;
	o.level = level;
	o.smooth_pct = smooth;
	o.gap_pct = gap;
	liq_error_clear(&e);
	if (liq_zones_new(&z, &g, &o, &e) != 0) {
		printf("# liq_zones_new: %s\n", e.msg);
		exit(1);
	}
	return z;
}

static struct liq_zones *
finder(int th, double level, double smooth, double gap)
{
	return finder_bins(NB, th, level, smooth, gap);
}

/* Has zn bins lo..hi, notional usd, peak bin peak and their prices? */
static int
is_zone(const struct liq_zone *zn, uint32_t lo, uint32_t hi, double usd,
    uint32_t peak)
{
	int ok = zn->bin_lo == lo && zn->bin_hi == hi &&
	    zn->notional_usd == usd && zn->peak_bin == peak &&
	    zn->price_lo == 100 + lo && zn->price_hi == 101 + hi &&
	    zn->peak_price == 100.5 + peak;

	if (!ok)
		printf("# zone %u..%u %g peak %u (price %g..%g, peak %g)\n",
		    zn->bin_lo, zn->bin_hi, zn->notional_usd, zn->peak_bin,
		    zn->price_lo, zn->price_hi, zn->peak_price);
	return ok;
}

static void
test_runs(void)
{
	/* above 5 USD per 1% (cells above 4.76): bins 1, 2 and 6, 7 (bin 8's
	 * 3 is below) */
	const float x[NB] = { 0, 6, 8, 0, 0, 0, 7, 9, 3, 0 };
	struct liq_zones *z = finder(LIQ_ZONES_USD, 5, 0, 1);
	const struct liq_zone *zn;
	struct liq_error e;
	size_t n;

	liq_error_clear(&e);
	check(liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e) == 2,
	    "two runs above 5 USD: two zones");
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && is_zone(&zn[0], 6, 7, 16, 7) &&
	    is_zone(&zn[1], 1, 2, 14, 2),
	    "zones 106..108 (16, peak 107.5) and 101..103 (14, peak 102.5)");
	check(zn[0].rank == 1 && zn[1].rank == 2 &&
	    zn[0].side == LIQ_ZONES_LONG,
	    "ranked by notional: the 16 first, though higher in price");
	near(liq_zones_total(z, LIQ_ZONES_LONG), 33, 0, "side total: 33");
	near(zn[0].share, 16.0 / 33, 1e-15, "share of the first: 16/33");
	near(zn[0].distance_pct, 100 * 2.5 / 105, 1e-12,
	    "distance of peak 107.5 from 105: +2.38%");
	near(zn[1].distance_pct, -100 * 2.5 / 105, 1e-12,
	    "distance of peak 102.5 from 105: -2.38%");

	/* the other side is kept apart */
	{
		const float sh[NB] = { 0, 0, 0, 0, 0, 0, 0, 0, 9, 0 };

		check(liq_zones_find(z, LIQ_ZONES_SHORT, sh, 105, &e) == 1,
		    "shorts: one zone");
		zn = liq_zones_list(z, LIQ_ZONES_SHORT, &n);
		check(n == 1 && is_zone(&zn[0], 8, 8, 9, 8) &&
		    zn[0].side == LIQ_ZONES_SHORT && zn[0].rank == 1 &&
		    zn[0].share == 1, "the short zone: 108..109, 9, all of "
		    "the side");
		zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
		check(n == 2 && is_zone(&zn[0], 6, 7, 16, 7),
		    "finding shorts keeps the longs' zones");
	}

	/* a tie of notional: the lower price first */
	{
		const float t[NB] = { 0, 6, 0, 0, 0, 0, 6, 0, 0, 0 };

		liq_zones_find(z, LIQ_ZONES_LONG, t, 105, &e);
		zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
		check(n == 2 && zn[0].bin_lo == 1 && zn[1].bin_lo == 6 &&
		    zn[0].rank == 1, "equal notional: the lower zone ranks "
		    "first");
	}
	/* a peak tie: the lowest bin */
	{
		const float t[NB] = { 0, 7, 7, 6, 0, 0, 0, 0, 0, 0 };

		liq_zones_find(z, LIQ_ZONES_LONG, t, 105, &e);
		zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
		check(n == 1 && is_zone(&zn[0], 1, 3, 20, 1),
		    "peak on a tie of 7 and 7: the lower bin");
	}
	/* no close: no distance */
	liq_zones_find(z, LIQ_ZONES_LONG, x, NAN, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && isnan(zn[0].distance_pct) && isnan(zn[1].distance_pct),
	    "close NaN: distance NaN");
	liq_zones_find(z, LIQ_ZONES_LONG, x, 0, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && isnan(zn[0].distance_pct), "close 0: distance NaN");
	{
		const float zero[NB] = { 0 };

		check(liq_zones_find(z, LIQ_ZONES_LONG, zero, 105, &e) == 0 &&
		    liq_zones_total(z, LIQ_ZONES_LONG) == 0,
		    "an empty column: no zones");
	}
	liq_zones_free(z);

	/* share: 20% of 33 = 6.6 per 1% leaves bin 1 (6.3) out */
	z = finder(LIQ_ZONES_SHARE, 0.2, 0, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && is_zone(&zn[0], 6, 7, 16, 7) &&
	    is_zone(&zn[1], 2, 2, 8, 2),
	    "share 0.2 of 33 per 1% (6.6): zones 106..108 and 102..103");
	liq_zones_free(z);
	z = finder(LIQ_ZONES_SHARE, 0, 0, 0);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && is_zone(&zn[0], 6, 8, 19, 7) &&
	    is_zone(&zn[1], 1, 2, 14, 2),
	    "share 0: every non-empty bin is hot (6..8 and 1..2)");
	liq_zones_free(z);

	/* quantile 0.8 of the 5 positive cells 3 6 7 8 9: rank 4, 8 */
	z = finder(LIQ_ZONES_QUANTILE, 0.8, 0, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && is_zone(&zn[0], 7, 7, 9, 7) &&
	    is_zone(&zn[1], 2, 2, 8, 2),
	    "quantile 0.8 (8 and above): bins 7 and 2 alone");
	liq_zones_free(z);
	/* quantile 0.5 of 5: rank ceil(2.5) = 3, 7 */
	z = finder(LIQ_ZONES_QUANTILE, 0.5, 0, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && is_zone(&zn[0], 6, 7, 16, 7) &&
	    is_zone(&zn[1], 2, 2, 8, 2),
	    "quantile 0.5 (rank 3 of 5 by nearest rank: 7 and above)");
	liq_zones_free(z);
	z = finder(LIQ_ZONES_QUANTILE, 1, 0, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 7, 7, 9, 7),
	    "quantile 1: the largest cell only");
	liq_zones_free(z);
}

static void
test_gap(void)
{
	/* hot bins 1 and 4 with 2 and 1 (not hot) between them: 2 bins,
	 * 1.9% of price */
	const float x[NB] = { 0, 6, 2, 1, 7, 0, 0, 0, 0, 0 };
	const float adj[NB] = { 0, 0, 0, 0, 0, 0, 0, 0, 6, 7 };
	struct liq_zones *z;
	const struct liq_zone *zn;
	struct liq_error e;
	size_t n;

	liq_error_clear(&e);
	z = finder(LIQ_ZONES_USD, 5, 0, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && is_zone(&zn[0], 4, 4, 7, 4) &&
	    is_zone(&zn[1], 1, 1, 6, 1),
	    "gap 1%: hot bins 1.9% apart stay two zones");
	liq_zones_free(z);
	z = finder(LIQ_ZONES_USD, 5, 0, 2);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 1, 4, 16, 4),
	    "gap 2%: one zone 101..105 whose notional counts the bins between "
	    "(6+2+1+7)");
	liq_zones_free(z);
	z = finder(LIQ_ZONES_USD, 5, 0, 0);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 105, &e);
	(void)liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2, "gap 0: bins 1 and 4 apart");
	liq_zones_find(z, LIQ_ZONES_LONG, adj, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 8, 9, 13, 9),
	    "gap 0: adjacent hot bins are one zone, up to the last bin");
	liq_zones_free(z);
}

static void
test_smooth(void)
{
	/* with close 100 a bin is 1% wide; a 3% window is bins i-1..i+1:
	 * s = 3 in bins 1, 2 and 3 */
	const float x[NB] = { 0, 0, 9, 0, 0, 0, 0, 0, 0, 0 };
	/* past the axis the window holds nothing: s[8] = s[9] = 8/3 */
	const float end[NB] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 8 };
	/* the same cells as x at 20 bins: 4.5 in [102, 102.5), [102.5, 103) */
	float x20[2 * NB] = { 0 };
	struct liq_zones *z = finder(LIQ_ZONES_USD, 3, 3, 1);
	const struct liq_zone *zn;
	struct liq_error e;
	size_t n;

	liq_error_clear(&e);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 100, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 1, 3, 9, 1),
	    "3% window over a single 9: zone 101..104 of 9 raw, peak on the "
	    "tie of 3s at the lowest bin");
	liq_zones_free(z);
	/* a close far above the axis: the window is far wider than the
	 * axis and holds all of it, 9 per 1% in every bin */
	z = finder(LIQ_ZONES_USD, 5, 1, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 2.35e191, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 0, NB - 1, 9, 0),
	    "close 2.35e191 over 100..110: one zone of every bin, 9 raw");
	liq_zones_free(z);
	z = finder(LIQ_ZONES_USD, 2.7, 3, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, end, 100, &e);
	(void)liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 0, "at the top end: 8/3 = 2.67 per 1% in bins 8 and 9, "
	    "cold at 2.7 (the window is not cut to the axis)");
	liq_zones_free(z);
	z = finder(LIQ_ZONES_USD, 2.6, 3, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, end, 100, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 8, 9, 8, 8),
	    "threshold 2.6: bins 8 and 9 hot, the peak on their tie at 8");
	liq_zones_free(z);

	/* a 1.5% window (+-0.75): the bin and a quarter of each neighbour,
	 * s1 = s3 = 9/4/1.5 = 1.5, s2 = 9/1.5 = 6 */
	z = finder(LIQ_ZONES_USD, 1.5, 1.5, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 100, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 1, 3, 9, 2),
	    "1.5% window: a quarter of each neighbour (1.5 per 1%), peak 2");
	liq_zones_free(z);
	z = finder(LIQ_ZONES_USD, 1.6, 1.5, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x, 100, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && is_zone(&zn[0], 2, 2, 9, 2),
	    "1.5% window at 1.6 per 1%: the bin alone");
	liq_zones_free(z);

	/* twice the bins: the window holds all 9 for centres 101.5..103.5,
	 * bins 3..6 of 0.5; bin 2 (centre 101.25) holds 6.75: 2.25 < 3 */
	x20[4] = x20[5] = 4.5;
	z = finder_bins(2 * NB, LIQ_ZONES_USD, 3, 3, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x20, 100, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && zn[0].bin_lo == 3 && zn[0].bin_hi == 6 &&
	    zn[0].notional_usd == 9 && zn[0].price_lo == 101.5 &&
	    zn[0].price_hi == 103.5, "the same cells at 20 bins: one zone "
	    "of 9, 101.5..103.5 (101..104 at 10 bins)");
	liq_zones_free(z);
	/* no smoothing: x / (bin width in %): 9 / 0.5 = 18 per 1% */
	z = finder_bins(2 * NB, LIQ_ZONES_USD, 9, 0, 1);
	liq_zones_find(z, LIQ_ZONES_LONG, x20, 100, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 1 && zn[0].bin_lo == 4 && zn[0].bin_hi == 5,
	    "no smoothing at 20 bins: 4.5 in 0.5% is 9 per 1%, hot at 9");
	liq_zones_free(z);

	/* a log axis (100..1000 in 10): 10 in bin 3, [199.5, 251.2), close
	 * 225 and a 1% window of +-1.125 inside the bin: 10 * 2.25 / 51.66
	 * per 1% = 0.4356; bins 2 and 4 are out of reach */
	{
		struct liq_grid_info g;
		struct liq_zones_options o;
		float lx[NB] = { 0 };
		double e3 = 100 * pow(10, 0.3), e4 = 100 * pow(10, 0.4);
		double want = 10 * 2.25 / (e4 - e3);

		lx[3] = 10;
		grid_info(&g, 1);
		liq_zones_options_init(&o);
		o.threshold = LIQ_ZONES_USD;
		o.level = want * 0.999;
		liq_zones_new(&z, &g, &o, &e);
		liq_zones_find(z, LIQ_ZONES_LONG, lx, 225, &e);
		zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
		check(n == 1 && zn[0].bin_lo == 3 && zn[0].bin_hi == 3,
		    "log axis, 1% window: 10 * 2.25 / 51.66 = 0.436 per 1% "
		    "reaches 0.999 of it");
		liq_zones_free(z);
		o.level = want * 1.001;
		liq_zones_new(&z, &g, &o, &e);
		check(liq_zones_find(z, LIQ_ZONES_LONG, lx, 225, &e) == 0,
		    "... and not 1.001 of it");
		liq_zones_free(z);
	}
}

static void
test_walls(void)
{
	/*
	 * Longs: zones 100..101 (30, peak 100.5, -4.29% from 105, score
	 * 30/4.29 = 7) and 103..105 (14, peak 104.5, -0.476%, score 29.4).
	 * Shorts: zone 107..108 (9, peak 107.5, +2.38%, score 3.78).
	 */
	const float lng[NB] = { 30, 0, 0, 6, 8, 0, 0, 0, 0, 0 };
	const float sht[NB] = { 0, 0, 0, 0, 0, 0, 0, 9, 3, 0 };
	const unsigned both = 1u << LIQ_ZONES_LONG | 1u << LIQ_ZONES_SHORT;
	struct liq_zones *z = finder(LIQ_ZONES_USD, 5, 0, 1);
	const struct liq_zone *zn;
	const struct liq_wall *w;
	struct liq_error e;
	size_t n;
	int nw;

	liq_error_clear(&e);
	liq_zones_find(z, LIQ_ZONES_LONG, lng, 105, &e);
	liq_zones_find(z, LIQ_ZONES_SHORT, sht, 105, &e);
	zn = liq_zones_list(z, LIQ_ZONES_LONG, &n);
	check(n == 2 && is_zone(&zn[0], 0, 0, 30, 0) &&
	    is_zone(&zn[1], 3, 4, 14, 4), "long zones: 30 at 100.5 ranks "
	    "before 14 at 104.5");
	nw = liq_zones_walls(z, both, 10, &w, &e);
	check(nw == 3, "three walls within 10%");
	check(nw == 3 && w[0].above == 1 && w[0].zone->side == LIQ_ZONES_SHORT &&
	    w[0].rank == 1, "above price first: the short zone, rank 1");
	near(nw == 3 ? w[0].score : 0, 9 / (100 * 2.5 / 105), 1e-9,
	    "its score: 9 / 2.38");
	check(nw == 3 && w[1].above == 0 && w[1].zone->bin_lo == 3 &&
	    w[1].rank == 1 && w[2].above == 0 && w[2].zone->bin_lo == 0 &&
	    w[2].rank == 2, "below price, by score: the nearer 14 (rank 1) "
	    "before the larger 30 (rank 2)");
	near(nw == 3 ? w[1].score : 0, 14 / (100 * 0.5 / 105), 1e-9,
	    "score of 14 at 0.476%: 29.4");
	near(nw == 3 ? w[2].score : 0, 30 / (100 * 4.5 / 105), 1e-9,
	    "score of 30 at 4.29%: 7");
	nw = liq_zones_walls(z, both, 3, &w, &e);
	check(nw == 2 && w[0].above && w[1].zone->bin_lo == 3,
	    "within 3%: the 30 at 4.29% left out");
	nw = liq_zones_walls(z, 1u << LIQ_ZONES_LONG, 10, &w, &e);
	check(nw == 2 && !w[0].above && !w[1].above,
	    "longs only: the two below");
	nw = liq_zones_walls(z, both, 0.1, &w, &e);
	check(nw == 0, "within 0.1%: none");

	/* at the peak: distance 0, counted as 0.1%, above */
	liq_zones_find(z, LIQ_ZONES_LONG, lng, 104.5, &e);
	nw = liq_zones_walls(z, 1u << LIQ_ZONES_LONG, 0.5, &w, &e);
	check(nw == 1 && w[0].above == 1 && w[0].zone->distance_pct == 0,
	    "close at a zone's peak: distance 0, the zone counts as above");
	near(nw == 1 ? w[0].score : 0, 14 / LIQ_ZONES_MIN_DISTANCE_PCT, 1e-9,
	    "distance under 0.1% counted as 0.1%: 14 / 0.1 = 140");
	liq_zones_find(z, LIQ_ZONES_LONG, lng, NAN, &e);
	nw = liq_zones_walls(z, 1u << LIQ_ZONES_LONG, 1e9, &w, &e);
	check(nw == 0, "no close: no walls");
	liq_zones_free(z);
}

static void
test_map(void)
{
	const float lng[NB] = { 30, 0, 0, 6, 8, 2, 1, 0, 0, 0 };
	const float sht[NB] = { 0, 0, 0, 4, 5, 1, 0, 9, 3, 0 };
	double cl[NB], cs[NB];
	struct liq_zones *z = finder(LIQ_ZONES_SHARE, 0.02, 0, 1);
	int ok;

	/* close 105.5 is in bin 5: longs summed down from it, shorts up */
	check(liq_zones_map(z, lng, sht, 105.5, cl, cs) == 0, "map made");
	check(cl[5] == 2 && cl[4] == 10 && cl[3] == 16 && cl[1] == 16 &&
	    cl[0] == 46 && cl[6] == 0 && cl[9] == 0,
	    "cumulative longs from bin 5 down: 2 10 16 16 16 46, 0 above");
	check(cs[5] == 1 && cs[6] == 1 && cs[7] == 10 && cs[8] == 13 &&
	    cs[9] == 13 && cs[4] == 0 && cs[0] == 0,
	    "cumulative shorts from bin 5 up: 1 1 10 13 13, 0 below");
	/* 105 is the lower edge of bin 5: the same bin */
	liq_zones_map(z, lng, sht, 105, cl, cs);
	check(cl[5] == 2 && cs[5] == 1 && cs[4] == 0, "close on bin 5's lower "
	    "edge: bin 5");
	liq_zones_map(z, lng, sht, 50, cl, cs);
	ok = 1;
	for (int i = 0; i < NB; i++)
		ok &= cl[i] == 0;
	check(ok && cs[0] == 0 && cs[3] == 4 && cs[9] == 22,
	    "close below the axis: no longs, every short above it");
	liq_zones_map(z, lng, sht, 200, cl, cs);
	ok = 1;
	for (int i = 0; i < NB; i++)
		ok &= cs[i] == 0;
	check(ok && cl[0] == 47 && cl[9] == 0 && cl[6] == 1,
	    "close above the axis: no shorts, every long below it");
	check(liq_zones_map(z, lng, sht, NAN, cl, cs) == LIQ_EDATA &&
	    liq_zones_map(z, lng, sht, -1, cl, cs) == LIQ_EDATA,
	    "no close: LIQ_EDATA");
	liq_zones_free(z);
}

static void
test_api(void)
{
	struct liq_grid_info g;
	struct liq_zones_options o;
	struct liq_zones *z;
	struct liq_error e;

	liq_zones_options_init(&o);
	check(o.threshold == LIQ_ZONES_SHARE && o.level == 0.05 &&
	    o.smooth_pct == 1 && o.gap_pct == 0.5, "defaults: share 0.05 "
	    "per 1%, a 1% window, a 0.5% gap");
	grid_info(&g, 0);
	liq_error_clear(&e);
	o.smooth_pct = -1;
	check(liq_zones_new(&z, &g, &o, &e) == LIQ_EARG && z == NULL,
	    "a negative window refused");
	o.smooth_pct = NAN;
	check(liq_zones_new(&z, &g, &o, &e) == LIQ_EARG, "a NaN window refused");
	o.smooth_pct = 1;
	o.gap_pct = 101;
	check(liq_zones_new(&z, &g, &o, &e) == LIQ_EARG, "a gap over 100% "
	    "refused");
	o.gap_pct = 0.5;
	o.level = 1.5;
	check(liq_zones_new(&z, &g, &o, &e) == LIQ_EARG,
	    "a share over 1 refused");
	o.threshold = LIQ_ZONES_USD;
	check(liq_zones_new(&z, &g, &o, &e) == 0, "1.5 USD accepted");
	liq_zones_free(z);
	o.level = -1;
	check(liq_zones_new(&z, &g, &o, &e) == LIQ_EARG, "negative USD refused");
	o.level = NAN;
	check(liq_zones_new(&z, &g, &o, &e) == LIQ_EARG, "NaN level refused");
	liq_zones_free(NULL);

	liq_zones_options_init(&o);
	liq_zones_new(&z, &g, &o, &e);
	near(liq_zones_centre(z, 3), 103.5, 0, "centre of bin 3 of 100..110: "
	    "103.5");
	liq_zones_free(z);
	grid_info(&g, 1);
	liq_zones_new(&z, &g, &o, &e);
	/* log bins of 100..1000: edges 100 * 10^(i/10), centre their mean */
	near(liq_zones_centre(z, 0), (100 + 100 * pow(10, 0.1)) / 2, 1e-9,
	    "log grid: the centre is the mean of the edges, not their "
	    "geometric mean");
	liq_zones_free(z);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_runs();
	test_gap();
	test_smooth();
	test_walls();
	test_map();
	test_api();
	return nfail > 0;
}
