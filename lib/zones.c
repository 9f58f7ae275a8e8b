/*
 * zones.c - liquidation zones, walls and the cumulative liquidation map of
 * one grid column, for liq-cluster.  The rule is stated in liq_zones.h and
 * man/liq-cluster.1; everything here is one or two passes over the bins
 * of a column, with scratch arrays of nbins allocated once per grid, so a
 * grid of any length is read in O(nbins) memory and O(nbins) time per
 * column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

struct side {
	struct liq_zone *zone;
	size_t n, cap;
	double total;
};

struct liq_zones {
	struct liq_grid_info g;
	struct liq_zones_options o;
	uint32_t n;		/* bins */
	double *edge;		/* n + 1 edges */
	double *s;		/* smoothed density, per 1% of the reference */
	double *pre;		/* n + 1 prefix sums of a side's cells */
	double *invw;		/* 1 / the width of each bin */
	double *q;		/* quantile scratch */
	struct side side[2];
	struct liq_wall *wall;
	size_t wallcap;
};

void
liq_zones_options_init(struct liq_zones_options *o)
{
	memset(o, 0, sizeof(*o));
	o->threshold = LIQ_ZONES_SHARE;
	o->level = LIQ_ZONES_DEFAULT_SHARE;
	o->smooth_pct = LIQ_ZONES_DEFAULT_SMOOTH_PCT;
	o->gap_pct = LIQ_ZONES_DEFAULT_GAP_PCT;
}

int
liq_zones_new(struct liq_zones **zp, const struct liq_grid_info *g,
    const struct liq_zones_options *o, struct liq_error *e)
{
	struct liq_zones *z;
	uint32_t i;

	*zp = NULL;
	if (!(o->smooth_pct >= 0 && o->smooth_pct <= 100))
		return liq_error_set(e, LIQ_EARG, NULL, 0, "smooth", NULL, 0,
		    "the window must be 0 to 100 percent of price");
	if (!(o->gap_pct >= 0 && o->gap_pct <= 100))
		return liq_error_set(e, LIQ_EARG, NULL, 0, "gap", NULL, 0,
		    "the gap must be 0 to 100 percent of price");
	if (!isfinite(o->level) || o->level < 0 ||
	    (o->threshold != LIQ_ZONES_USD && o->level > 1) ||
	    o->threshold < LIQ_ZONES_SHARE ||
	    o->threshold > LIQ_ZONES_QUANTILE)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "threshold", NULL,
		    0, "out of range");
	if (g->nbins == 0 || g->nbins > LIQ_GRID_MAX_BINS)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "bad grid dimensions");
	if ((z = calloc(1, sizeof(*z))) == NULL)
		goto nomem;
	z->g = *g;
	z->o = *o;
	z->n = g->nbins;
	if ((z->edge = malloc(sizeof(double) * ((size_t)z->n + 1))) == NULL ||
	    (z->s = malloc(sizeof(double) * z->n)) == NULL ||
	    (z->pre = malloc(sizeof(double) * ((size_t)z->n + 1))) == NULL ||
	    (z->invw = malloc(sizeof(double) * z->n)) == NULL ||
	    (z->q = malloc(sizeof(double) * z->n)) == NULL)
		goto nomem;
	for (i = 0; i <= z->n; i++)
		z->edge[i] = liq_grid_edge(g, i);
	for (i = 0; i < z->n; i++)
		z->invw[i] = 1 / (z->edge[i + 1] - z->edge[i]);
	*zp = z;
	return 0;
nomem:
	liq_zones_free(z);
	return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
}

void
liq_zones_free(struct liq_zones *z)
{
	if (z == NULL)
		return;
	free(z->edge);
	free(z->s);
	free(z->pre);
	free(z->invw);
	free(z->q);
	free(z->side[0].zone);
	free(z->side[1].zone);
	free(z->wall);
	free(z);
}

double
liq_zones_centre(const struct liq_zones *z, uint32_t i)
{
	return (z->edge[i] + z->edge[i + 1]) / 2;
}

/*
 * The k-th smallest (0-based) of a[0..n), reordering a: quickselect with
 * a three-way partition, so runs of equal values (empty bins, flat
 * fills) cost one pass instead of degrading to O(n^2).
 */
static double
select_kth(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n;	/* the answer is in a[lo..hi) */

	while (hi - lo > 1) {
		double x = a[lo], y = a[lo + (hi - lo) / 2], w = a[hi - 1];
		double p = x < y ? (y < w ? y : (x < w ? w : x)) :
		    (x < w ? x : (y < w ? w : y));
		size_t lt = lo, i = lo, gt = hi;

		while (i < gt) {
			double t = a[i];

			if (t < p) {
				a[i++] = a[lt];
				a[lt++] = t;
			} else if (t > p) {
				a[i] = a[--gt];
				a[gt] = t;
			} else
				i++;
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return p;
	}
	return a[lo];
}

/*
 * The price that percentages of price are of: the close, or without one
 * (NaN, not positive) the middle of the axis.
 */
static double
reference(const struct liq_zones *z, double close)
{
	return close > 0 && isfinite(close) ? close :
	    (z->g.price_min + z->g.price_max) / 2;
}

/*
 * density() on a linear axis, where the window is the same in bins
 * everywhere: hb bins either side of a bin's centre, so the bin, K whole
 * neighbours each side and the fraction f of the next ones, with no
 * search and no branch on the data (this runs per bin per column).
 */
/* The window of bin i where it is cut by an end of the axis. */
static double
cut_window(const double *pre, const float *x, int64_t i, int64_t k,
    int64_t n, double f, double inv_w)
{
	int64_t lo = i - k < 0 ? 0 : i - k, hi = i + k + 1 > n ? n : i + k + 1;
	double m = pre[hi] - pre[lo];

	if (i - k - 1 >= 0)
		m += f * x[i - k - 1];
	if (i + k + 1 < n)
		m += f * x[i + k + 1];
	return m > 0 ? m * inv_w : 0;
}

static void
linear_density(struct liq_zones *z, const float *x, double hb, double inv_w)
{
	const double *pre = z->pre;
	double u = hb - 0.5, f;
	int64_t i, n = z->n, k;

	if (u < 0) {		/* narrower than a bin */
		for (i = 0; i < n; i++)
			z->s[i] = x[i] * 2 * hb * inv_w;
		return;
	}
	/* a window wider than the axis (a close far off it) takes every
	 * bin, as one of n bins does; and (int64_t)u stays defined */
	if (!(u < (double)n))
		u = (double)n;
	k = (int64_t)u;
	f = u - (double)k;
	/* the bins whose window reaches past the bottom of the axis, those
	 * whose window is whole (the same sum without a test), the top */
	for (i = 0; i < n && i - k - 1 < 0; i++)
		z->s[i] = cut_window(pre, x, i, k, n, f, inv_w);
	for (; i + k + 1 < n; i++) {
		double m = pre[i + k + 1] - pre[i - k];

		m += f * x[i - k - 1];
		m += f * x[i + k + 1];
		z->s[i] = m > 0 ? m * inv_w : 0;
	}
	for (; i < n; i++)
		z->s[i] = cut_window(pre, x, i, k, n, f, inv_w);
}

/*
 * s[i] = the density of x at bin i in notional per 1% of ref: with a
 * window w = smooth_pct > 0, the notional in [c - h, c + h] (c the bin's
 * centre, h = ref * w / 200, a cell spread evenly over its bin, nothing
 * outside the axis) divided by w; with w = 0, x[i] divided by the bin's
 * width in percent of ref.  Bin widths are kept as their inverses:
 * multiplying is much cheaper than dividing, and this runs per bin per
 * column.  The window ends only move up with i, so two
 * cursors walk the bins once.  A window over empty bins is exactly 0:
 * the prefix sums do not change over zero cells.
 */
static void
density(struct liq_zones *z, const float *x, double ref)
{
	const double *e = z->edge, *iw = z->invw;
	double *pre = z->pre, w = z->o.smooth_pct, h = ref * w / 200;
	double per_pct = ref / 100;	/* price units in 1% of ref */
	uint32_t i, n = z->n, ka = 0, kb = 0;

	if (w == 0) {
		for (i = 0; i < n; i++)
			z->s[i] = x[i] * iw[i] * per_pct;
		return;
	}
	pre[0] = 0;
	for (i = 0; i < n; i++)
		pre[i + 1] = pre[i] + x[i];
	if (!z->g.log_bins) {
		linear_density(z, x, h / ((z->g.price_max - z->g.price_min) / n),
		    1 / w);
		return;
	}
	for (i = 0; i < n; i++) {
		double c = (e[i] + e[i + 1]) / 2, a = c - h, b = c + h, m;

		while (ka < n && e[ka + 1] <= a)
			ka++;
		while (kb < n && e[kb + 1] <= b)
			kb++;
		/* ka, kb: the bins holding a and b (n: above the axis) */
		if (ka == kb)
			m = x[ka] * (b - (a > e[ka] ? a : e[ka])) * iw[ka];
		else {
			m = pre[kb] - pre[ka + 1];
			if (a > e[ka])
				m += x[ka] * (e[ka + 1] - a) * iw[ka];
			else
				m += x[ka];
			if (kb < n)
				m += x[kb] * (b - e[kb]) * iw[kb];
		}
		z->s[i] = m > 0 ? m / w : 0;
	}
}

static int
add_zone(struct side *sd, const struct liq_zone *zn)
{
	if (sd->n == sd->cap) {
		size_t cap = sd->cap ? 2 * sd->cap : 16;
		struct liq_zone *p = realloc(sd->zone, cap * sizeof(*p));

		if (p == NULL)
			return LIQ_ENOMEM;
		sd->zone = p;
		sd->cap = cap;
	}
	sd->zone[sd->n++] = *zn;
	return 0;
}

/* Fill in a zone over bins [lo, hi] and append it. */
static int
close_zone(struct liq_zones *z, struct side *sd, int side, const float *x,
    uint32_t lo, uint32_t hi, double close)
{
	struct liq_zone zn;
	double sum = 0, best = -1;
	uint32_t i;

	memset(&zn, 0, sizeof(zn));
	zn.side = side;
	zn.bin_lo = lo;
	zn.bin_hi = hi;
	for (i = lo; i <= hi; i++) {
		sum += x[i];
		if (z->s[i] > best) {
			best = z->s[i];
			zn.peak_bin = i;
		}
	}
	zn.price_lo = z->edge[lo];
	zn.price_hi = z->edge[hi + 1];
	zn.peak_price = liq_zones_centre(z, zn.peak_bin);
	zn.notional_usd = sum;
	zn.share = sd->total > 0 ? sum / sd->total : 0;
	zn.distance_pct = close > 0 ?
	    100.0 * (zn.peak_price - close) / close : NAN;
	return add_zone(sd, &zn);
}

static int
by_notional(const void *a, const void *b)
{
	const struct liq_zone *x = a, *y = b;

	if (x->notional_usd != y->notional_usd)
		return x->notional_usd > y->notional_usd ? -1 : 1;
	return x->bin_lo < y->bin_lo ? -1 : x->bin_lo > y->bin_lo;
}

int
liq_zones_find(struct liq_zones *z, int side, const float *x, double close,
    struct liq_error *e)
{
	struct side *sd = &z->side[side != LIQ_ZONES_LONG];
	double *s = z->s, t, total = 0, ref = reference(z, close);
	uint32_t i, n = z->n, first = 0, last = 0;
	int open = 0;

	sd->n = 0;
	density(z, x, ref);
	if (z->o.smooth_pct > 0)
		total = z->pre[n];	/* the same sum, already made */
	else
		for (i = 0; i < n; i++)
			total += x[i];
	sd->total = total;
	switch (z->o.threshold) {
	case LIQ_ZONES_SHARE:
		t = z->o.level * total;
		break;
	case LIQ_ZONES_USD:
		t = z->o.level;
		break;
	default: {
		size_t m = 0, k;

		for (i = 0; i < n; i++)
			if (s[i] > 0)
				z->q[m++] = s[i];
		if (m == 0)
			return 0;
		k = (size_t)ceil(z->o.level * (double)m);
		if (k < 1)
			k = 1;
		if (k > m)
			k = m;
		t = select_kth(z->q, m, k - 1);
		break;
	}
	}
	for (i = 0; i < n; i++) {
		if (!(s[i] > 0 && s[i] >= t))
			continue;
		/* the gap from the last hot bin's top to this one's bottom */
		if (open && 100 * (z->edge[i] - z->edge[last + 1]) / ref <=
		    z->o.gap_pct) {
			last = i;
			continue;
		}
		if (open && close_zone(z, sd, side, x, first, last, close) != 0)
			goto nomem;
		first = last = i;
		open = 1;
	}
	if (open && close_zone(z, sd, side, x, first, last, close) != 0)
		goto nomem;
	if (sd->n > 1)
		qsort(sd->zone, sd->n, sizeof(*sd->zone), by_notional);
	for (i = 0; i < sd->n; i++)
		sd->zone[i].rank = i + 1;
	return (int)sd->n;
nomem:
	sd->n = 0;
	return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
}

const struct liq_zone *
liq_zones_list(const struct liq_zones *z, int side, size_t *n)
{
	const struct side *sd = &z->side[side != LIQ_ZONES_LONG];

	*n = sd->n;
	return sd->zone;
}

double
liq_zones_total(const struct liq_zones *z, int side)
{
	return z->side[side != LIQ_ZONES_LONG].total;
}

static int
by_score(const void *a, const void *b)
{
	const struct liq_wall *x = a, *y = b;
	double dx = fabs(x->zone->distance_pct), dy = fabs(y->zone->distance_pct);

	if (x->above != y->above)
		return x->above ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->zone->price_lo != y->zone->price_lo)
		return x->zone->price_lo < y->zone->price_lo ? -1 : 1;
	return x->zone->side - y->zone->side;
}

int
liq_zones_walls(struct liq_zones *z, unsigned sides, double range_pct,
    const struct liq_wall **walls, struct liq_error *e)
{
	size_t n = 0, need = 0, i;
	uint32_t rank = 0;
	int sd, above = -1;

	*walls = NULL;
	for (sd = 0; sd < 2; sd++)
		if (sides & (1u << sd))
			need += z->side[sd].n;
	if (need > z->wallcap) {
		struct liq_wall *p = realloc(z->wall, need * sizeof(*p));

		if (p == NULL)
			return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL,
			    0, "out of memory");
		z->wall = p;
		z->wallcap = need;
	}
	for (sd = 0; sd < 2; sd++) {
		if (!(sides & (1u << sd)))
			continue;
		for (i = 0; i < z->side[sd].n; i++) {
			const struct liq_zone *zn = &z->side[sd].zone[i];
			double d = fabs(zn->distance_pct);

			/* NaN distances fail the comparison */
			if (!(d <= range_pct))
				continue;
			z->wall[n].zone = zn;
			z->wall[n].above = zn->distance_pct >= 0;
			z->wall[n].score = zn->notional_usd /
			    (d > LIQ_ZONES_MIN_DISTANCE_PCT ? d :
			    LIQ_ZONES_MIN_DISTANCE_PCT);
			n++;
		}
	}
	if (n > 1)
		qsort(z->wall, n, sizeof(*z->wall), by_score);
	for (i = 0; i < n; i++) {
		if (z->wall[i].above != above) {
			above = z->wall[i].above;
			rank = 0;
		}
		z->wall[i].rank = ++rank;
	}
	*walls = z->wall;
	return (int)n;
}

int
liq_zones_map(const struct liq_zones *z, const float *long_usd,
    const float *short_usd, double close, double *cum_long,
    double *cum_short)
{
	long k, i, n = (long)z->n;
	double sum;

	if (!(close > 0))
		return LIQ_EDATA;
	k = liq_grid_bin(&z->g, close);
	sum = 0;
	for (i = n - 1; i >= 0; i--) {
		if (i <= k)
			sum += long_usd[i];
		cum_long[i] = sum;
	}
	sum = 0;
	for (i = 0; i < n; i++) {
		if (i >= k)
			sum += short_usd[i];
		cum_short[i] = sum;
	}
	return 0;
}
