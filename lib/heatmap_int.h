/*
 * heatmap_int.h - the heatmap between heatmap.c, which sums the columns
 * into the plot's pixels as they stream by, and heatmap_draw.c, which
 * lays out and draws the image from those sums.  Private to lib/.
 */
#ifndef LIQ_HEATMAP_INT_H
#define LIQ_HEATMAP_INT_H

#include <math.h>
#include <stdint.h>

#include "liq.h"

/* What a column or a group of columns traded at (NaN: unknown). */
struct ohlc {
	double o, h, l, c;
};

/* What the panels keep of a column or a group of columns (NaN: unknown). */
struct panel_col {
	double oi;		/* open interest at the end, quote */
	double funding;		/* the last funding rate, as the grid has it */
	double rl, rs;		/* realized long, short liquidations, summed */
};

struct liq_raster_heatmap {
	struct liq_grid_info g;
	struct liq_raster_options o;
	char title[512];
	uint32_t W, H, nb;	/* nb: the bins drawn, of g (the view) */
	uint32_t gbins;		/* the grid's own bins (g is the view's) */
	uint32_t off;		/* the grid's bin at the view's bottom */
	int planes;		/* 2 for longshort: longs and shorts apart */
	uint64_t n;		/* columns added */
	int64_t next_ms;
	uint32_t *row0;		/* the first pixel row each bin touches */
	double *dens;		/* per bin: notional to density per 0.1% */
	double *v;		/* planes x H: the current column in rows */
	float *acc;		/* planes x W x H pixel sums, x-major */
	float *slot;		/* ncols unknown: planes x cap x H */
	uint32_t cap;		/* slots and price groups: 2 W */
	uint64_t k;		/* columns per slot and price group */
	struct ohlc *pt;	/* cap price groups */
	float *last;		/* profile: last column's long, short bins */
	double top;
	double floor;		/* pixels under it drawn as 0 */
	float *sel;		/* layer_mask: the chosen pairs' long, short
				   sums (2 x the grid's bins) */
	struct panel_col *pc;	/* panels: per pixel column (heatmap_panel.c) */
};

static inline void
liq__ohlc_clear(struct ohlc *p)
{
	p->o = p->h = p->l = p->c = NAN;
}

/* a followed by b */
static inline struct ohlc
liq__ohlc_join(struct ohlc a, struct ohlc b)
{
	struct ohlc r;

	r.o = isnan(a.o) ? b.o : a.o;
	r.c = isnan(b.c) ? a.c : b.c;
	r.h = fmax(a.h, b.h);
	r.l = fmin(a.l, b.l);
	return r;
}

/* Set e to code and msg (no place: the heatmap has no file); returns code. */
static inline int
liq__heatmap_err(struct liq_error *e, int code, const char *msg)
{
	return liq_error_set(e, code, NULL, 0, NULL, NULL, 0, "%s", msg);
}

/*
 * Add the bins x[0..nbins) to out[0..H) as pixel rows of density (each
 * cell times h->dens), weighted by overlap (see heatmap.c).  Returns
 * whether any cell was non-zero.
 */
int liq__heatmap_rows(const struct liq_raster_heatmap *h, const float *x,
    double *out);

/*
 * After the last column of N: the pixel sums in h->acc (resampled from
 * the slots when the column count was not known) and the top of the
 * scale in h->top.  Returns 0 or LIQ_ENOMEM.
 */
int liq__heatmap_finish(struct liq_raster_heatmap *h, uint64_t N);

/*
 * The panels (heatmap_panel.c).  panel_clear sets a group unknown,
 * panel_join is a followed by b; panel_add joins column c into group grp
 * (nothing without panels); panel_height is one panel's height in
 * pixels; panels_draw draws them top down from row top, gap pixels
 * apart, the plot's left edge at x0, axis labels at x ax in font scale
 * s (labels and titles only with axes), amounts in the currency quote.
 * Returns 0 or LIQ_ENOMEM.
 */
void liq__panel_clear(struct panel_col *p);
struct panel_col liq__panel_join(struct panel_col a, struct panel_col b);
void liq__heatmap_panel_add(struct liq_raster_heatmap *h,
    const struct liq_grid_column *c, uint64_t grp);
long liq__heatmap_panel_height(const struct liq_raster_heatmap *h);
int liq__heatmap_panels_draw(const struct liq_raster_heatmap *h,
    struct liq_raster_image *im, uint64_t N, long x0, long top, long gap,
    long ax, int s, int axes, const char *quote);

#endif
