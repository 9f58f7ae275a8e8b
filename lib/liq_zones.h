/*
 * liq_zones.h - part of the liq library's public interface, included by
 * liq.h (see there for the conventions: return codes, errors, ownership).
 *
 * Zones, walls and the cumulative liquidation map of one grid column
 * (liq-cluster).  A zone finder is made once per grid and then fed one
 * column side at a time; it holds O(nbins) memory and no column.
 *
 * The zone rule, for the cells x[0..n) of one side (quote notional),
 * percentages of price being of the reference price ref: the column's
 * close, or the middle of the axis when the close is NaN or not positive.
 * Every width is in percent of price, not in bins, so the zones of a
 * grid stay the same when it is made with more or fewer bins.
 *  1. Density: s[i] is the notional per 1% of price around bin i.  With
 *     smooth_pct = w > 0 it is the notional within w/2 percent of the
 *     bin's centre c (the prices [c - ref*w/200, c + ref*w/200]; a cell
 *     spread evenly over its bin, nothing outside the axis) divided by
 *     w; with w = 0, x[i] divided by the bin's width in percent.
 *  2. Threshold T, in notional per 1% of price: LIQ_ZONES_SHARE:
 *     level * sum(x); LIQ_ZONES_USD: level; LIQ_ZONES_QUANTILE: the
 *     k-th smallest of the m positive s[i], k = ceil(level * m) clamped
 *     to [1, m] (nearest rank).
 *  3. A bin is hot when s[i] > 0 and s[i] >= T.
 *  4. A zone is a maximal run of hot bins in which two hot bins that
 *     follow each other are at most gap_pct percent apart (from the
 *     upper edge of the one to the lower edge of the next; touching bins
 *     are 0 apart); the bins in between belong to the zone.
 *  5. Per zone: notional_usd = sum of the raw x over its bins; share =
 *     notional_usd / sum(x); peak = the bin of the zone with the largest
 *     s (the lowest such bin on a tie); peak_price = the arithmetic
 *     centre of the peak bin; distance_pct = 100 * (peak_price - close)
 *     / close.
 *  6. Zones are ranked by notional_usd, largest first (lower price first
 *     on a tie).
 *
 * The defaults (share 0.05 per 1% of price, a 1% window, a 0.5% gap)
 * and why: man/liq-cluster.1, "Why these defaults".
 *
 * A wall's attraction score is notional_usd / max(|distance_pct|, 0.1):
 * quote currency per percent of distance, distances under 0.1% counted
 * as 0.1%.
 */
#ifndef LIQ_ZONES_H
#define LIQ_ZONES_H

#include <stddef.h>
#include <stdint.h>

struct liq_grid_info;
struct liq_error;

enum { LIQ_ZONES_LONG = 0, LIQ_ZONES_SHORT = 1 };

/* How the threshold T is set (struct liq_zones_options.threshold). */
enum { LIQ_ZONES_SHARE, LIQ_ZONES_USD, LIQ_ZONES_QUANTILE };

/* The smallest distance a wall score divides by, in percent. */
#define LIQ_ZONES_MIN_DISTANCE_PCT 0.1

/* The defaults of struct liq_zones_options. */
#define LIQ_ZONES_DEFAULT_SHARE 0.05		/* of a side's total, per 1% */
#define LIQ_ZONES_DEFAULT_SMOOTH_PCT 1.0	/* window, percent of price */
#define LIQ_ZONES_DEFAULT_GAP_PCT 0.5		/* percent of price */

struct liq_zones_options {
	int threshold;		/* LIQ_ZONES_SHARE (default), _USD, _QUANTILE */
	double level;		/* share per 1% of price in [0,1], USD per 1%
				   of price >= 0, or Q in [0,1] */
	double smooth_pct;	/* window width, percent of price (0: none) */
	double gap_pct;		/* gap a zone may span, percent of price */
};

/* Set the defaults: share 0.05, smooth_pct 1, gap_pct 0.5. */
void liq_zones_options_init(struct liq_zones_options *o);

/* One zone.  Prices in the quote currency; bins are indexes of the grid. */
struct liq_zone {
	int side;		/* LIQ_ZONES_LONG or LIQ_ZONES_SHORT */
	uint32_t rank;		/* 1: the largest notional of its side */
	uint32_t bin_lo, bin_hi;	/* first and last bin, inclusive */
	uint32_t peak_bin;
	double price_lo;	/* lower edge of bin_lo */
	double price_hi;	/* upper edge of bin_hi */
	double peak_price;	/* centre of peak_bin */
	double notional_usd;
	double share;		/* of the side's total in the column */
	double distance_pct;	/* NaN when close is NaN or not positive */
};

/* A zone seen as a wall on one side of price. */
struct liq_wall {
	const struct liq_zone *zone;
	int above;		/* 1: peak_price >= close, 0: below */
	uint32_t rank;		/* 1: the highest score on its side of price */
	double score;		/* the attraction score (see the top) */
};

struct liq_zones;

/*
 * A zone finder for grids described by g (only the axes are used; g is
 * copied).  Returns 0, LIQ_EARG for bad options (smooth_pct or gap_pct
 * outside [0, 100], level out of range or not finite) or LIQ_ENOMEM.
 * Memory: 48 bytes per bin
 * plus the zones found.
 */
int liq_zones_new(struct liq_zones **z, const struct liq_grid_info *g,
    const struct liq_zones_options *o, struct liq_error *e);
void liq_zones_free(struct liq_zones *z);

/*
 * Find the zones of one side in cells[0..nbins), the column's notional
 * for that side, at the close price close.  Returns the number of zones
 * (>= 0) or LIQ_ENOMEM.  The zones of each side stay valid until the
 * next call for that side (or liq_zones_free).
 */
int liq_zones_find(struct liq_zones *z, int side, const float *cells,
    double close, struct liq_error *e);

/* The zones last found for side, ranked; *n gets their count. */
const struct liq_zone *liq_zones_list(const struct liq_zones *z, int side,
    size_t *n);

/* The side's total notional in the cells of the last find for it. */
double liq_zones_total(const struct liq_zones *z, int side);

/*
 * Walls among the zones last found for the sides in the mask sides
 * (1 << LIQ_ZONES_LONG | 1 << LIQ_ZONES_SHORT): the zones whose
 * |distance_pct| <= range_pct, those above price first, then those
 * below, each ranked by score, highest first (then the nearer, then the
 * lower price).  Zones with a NaN distance are left out.  *walls points
 * at them until the next call.  Returns the count or LIQ_ENOMEM.
 */
int liq_zones_walls(struct liq_zones *z, unsigned sides, double range_pct,
    const struct liq_wall **walls, struct liq_error *e);

/*
 * The cumulative liquidation map.  With k the bin that holds close
 * (liq_grid_bin): cum_long[i] = sum of long_usd[j] for i <= j <= k, the
 * longs liquidated if price falls to bin i (0 above k); cum_short[i] =
 * sum of short_usd[j] for k <= j <= i, the shorts liquidated if price
 * rises to bin i (0 below k).  A close below the axis has no longs to
 * sum, one above it no shorts.  cum_long and cum_short hold nbins doubles
 * each.  Returns 0, or LIQ_EDATA when close is NaN or not positive.
 */
int liq_zones_map(const struct liq_zones *z, const float *long_usd,
    const float *short_usd, double close, double *cum_long,
    double *cum_short);

/* Centre of bin i (i < nbins): the mean of its two edges. */
double liq_zones_centre(const struct liq_zones *z, uint32_t i);

#endif
