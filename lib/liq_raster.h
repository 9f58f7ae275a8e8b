/*
 * liq_raster.h - part of the liq library's public interface, included by
 * liq.h (see there for the conventions: return codes, errors, ownership).
 *
 * The raster, in the order it is built from the bottom up: an RGB image
 * with a few drawing primitives, text in a built-in bitmap font, a PPM
 * writer (image.c over font.c) and a PNG writer (png.c); colormaps and
 * value scales (colormap.c); round axis ticks and labels (axis.c); and
 * the two pictures liq-render-ppm(1) is a thin driver of: the heatmap
 * with its panels (heatmap.c, heatmap_draw.c, heatmap_panel.c) and the
 * liquidation map of one snapshot (mapimage.c).
 */
#ifndef LIQ_RASTER_H
#define LIQ_RASTER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct liq_error;
struct liq_grid_info;
struct liq_grid_column;

/* ----------------------------------------------------------------- image */

/*
 * An 8-bit RGB image, rows top down, 3 bytes a pixel.  plot_* is where a
 * heatmap put its plot area (all 0 for a plain image); the PPM writer
 * records it in a header comment.  Colours are 0xRRGGBB.
 */
struct liq_raster_image {
	uint32_t width, height;
	unsigned char *rgb;
	uint32_t plot_x, plot_y, plot_w, plot_h;
};

#define LIQ_RASTER_MAX_SIDE 32768	/* pixels, either side */
#define LIQ_RASTER_MAX_PIXELS (UINT32_C(1) << 28)

/*
 * A width x height image filled with bg.  Returns 0, LIQ_EARG (a side of 0,
 * over LIQ_RASTER_MAX_SIDE, or over LIQ_RASTER_MAX_PIXELS in all) or
 * LIQ_ENOMEM.  Free with liq_raster_image_free.
 */
int liq_raster_image_new(struct liq_raster_image **im, uint32_t width,
    uint32_t height, uint32_t bg, struct liq_error *e);
void liq_raster_image_free(struct liq_raster_image *im);

/* Drawing; everything is clipped to the image, coordinates may be outside. */
void liq_raster_pixel(struct liq_raster_image *im, long x, long y,
    uint32_t rgb);
void liq_raster_rect(struct liq_raster_image *im, long x, long y, long w,
    long h, uint32_t rgb);
void liq_raster_line(struct liq_raster_image *im, long x0, long y0, long x1,
    long y1, uint32_t rgb);

/*
 * Text in the built-in bitmap font: printable ASCII in cells of 5 x 8
 * pixels (7 above the baseline, 1 for descenders), advancing 6 pixels a
 * character, each pixel drawn as a scale x scale block (scale < 1 counts
 * as 1).  Other bytes are drawn as '?'.
 *
 * liq_raster_text draws s with its top-left corner at (x, y) in colour
 * rgb and returns its width, liq_raster_text_width(s, scale).  The width
 * of s in pixels leaves out the gap after the last character: 6n - 1
 * times scale for n characters, 0 for "".
 */
int liq_raster_text(struct liq_raster_image *im, long x, long y,
    const char *s, uint32_t rgb, int scale);
int liq_raster_text_width(const char *s, int scale);

/*
 * Write im to f as a binary PPM (P6, maxval 255).  A heatmap's image gets
 * the comment "# plot X Y W H" in its header.  Returns 0, or LIQ_EIO when
 * f has an error after the writes (errno kept in e->sys_errno).  The
 * caller still flushes and checks f.
 */
int liq_raster_write_ppm(const struct liq_raster_image *im, FILE *f,
    struct liq_error *e);

/*
 * Write im to f as a PNG (png.c): 8-bit RGB, not interlaced, every row
 * with filter type None, the pixels deflated by zlib at level 9 in IDAT
 * chunks of 64 KiB, so the bytes depend on the pixels only.  A
 * heatmap's image gets a tEXt chunk "plot" holding "X Y W H".  Returns
 * 0, LIQ_ENOMEM, or LIQ_EIO when f has an error after the writes (errno
 * in e->sys_errno).  The caller still flushes and checks f.
 */
int liq_raster_write_png(const struct liq_raster_image *im, FILE *f,
    struct liq_error *e);

/* ------------------------------------------------------------- colormaps */

/*
 * Colormaps are tables of control points (sRGB) at even steps, interpolated
 * linearly in CIELAB (D65 white), so that equal steps of the value are
 * steps of about equal visual size:
 *   viridis   matplotlib's viridis, 11 points, dark purple to yellow
 *   inferno   matplotlib's inferno, 11 points, black to pale yellow
 *   gray      black to white (lightness L* linear in the value)
 *   longshort two ramps from black: side 0 red (longs), side 1 green
 *             (shorts)
 */
enum {
	LIQ_RASTER_VIRIDIS,
	LIQ_RASTER_INFERNO,
	LIQ_RASTER_LONGSHORT,
	LIQ_RASTER_GRAY,
	LIQ_RASTER_NCMAPS
};

/* The colormap called name ("grey" is gray too), or -1. */
int liq_raster_cmap_parse(const char *name);

/*
 * The colour at t in [0, 1] (clamped; NaN is 0) of cmap; side picks the
 * ramp of longshort (0 longs, 1 shorts) and is ignored by the others.
 * t = 0 and t = 1 give the first and last control points exactly.
 */
uint32_t liq_raster_cmap_rgb(int cmap, int side, double t);

/* ---------------------------------------------------------------- scales */

/*
 * How a value v >= 0 maps to t in [0, 1] under a top of max > 0:
 *   linear  t = v / max
 *   sqrt    t = sqrt(v / max)
 *   log     t = log10(1 + 999 v / max) / 3  (about three decades)
 * Values above max give 1; max <= 0 (nothing to show) gives 0.
 */
enum { LIQ_RASTER_LINEAR, LIQ_RASTER_SQRT, LIQ_RASTER_LOG };

int liq_raster_scale_parse(const char *name);	/* -1 if unknown */
double liq_raster_scale_apply(int scale, double v, double max);

/*
 * The pct-th percentile (0 < pct <= 100) of x[0..n) by nearest rank: the
 * smallest x[i] with at least pct% of the values at or below it.  x is
 * reordered (selection, O(n)).  Returns 0 when n is 0.
 */
double liq_raster_percentile(float *x, size_t n, double pct);

/* ----------------------------------------------------------------- ticks */

/*
 * Round ticks for the axis [lo, hi]: multiples of a step of 1, 2 or 5 x
 * 10^k chosen so that about target (>= 1) of them fall inside.  Writes at
 * most max ticks into t, in increasing order, and the step into *step.
 * Returns the count (0 when lo >= hi or either is not finite).
 */
int liq_raster_ticks(double lo, double hi, int target, double *t, int max,
    double *step);

/*
 * Round UTC ticks for the time axis [lo_ms, hi_ms]: at whole minutes (1,
 * 2, 5, 10, 15, 30), hours (1, 2, 3, 6, 12), days (1, 2, 7, 14, counted
 * from 1970-01-01), or first days of months (1, 2, 3, 6, 12), the first
 * step that gives at most about target of them.  Returns the count, the
 * step in *step_ms (a month counts as 30 days there).
 */
int liq_raster_time_ticks(int64_t lo_ms, int64_t hi_ms, int target,
    int64_t *t, int max, int64_t *step_ms);

/*
 * Format a non-negative amount with a K, M, B or T suffix and three
 * significant digits: 950, 1.5K, 12.3K, 250M, 1M for 999999; whole T from
 * 1000T up, "0" for anything under 1e-9 in size, "?" for NaN or infinity.
 * Returns buf.
 */
char *liq_raster_format_si(double v, char *buf, size_t len);

/* --------------------------------------------------------------- density */

/*
 * Heatmap colours are notional densities, not per-bin sums, so that the
 * same --max means the same thing whatever the grid's bins: quote notional
 * per 0.1% of price.  A bin of g with edges lo and hi (liq_grid_edge)
 * spans (hi - lo) / c of the price at its centre c = (lo + hi) / 2, so a
 * cell of notional v there has the density
 *   v x (0.001 x c) / (hi - lo)
 * in quote currency per 0.1% of price; this returns that factor,
 * 0.001 x c / (hi - lo), for bin i (0 for a bin of no width or i out of
 * range).  One unit for linear and log bins, any asset and any bin width:
 * halving the bins halves each cell and doubles the factor.
 * LIQ_RASTER_UNIT is the unit's name after the currency on labels.
 */
#define LIQ_RASTER_UNIT "per 0.1%"
double liq_raster_bin_density(const struct liq_grid_info *g, uint32_t i);

/* --------------------------------------------------------------- heatmap */

/*
 * Panels under the heatmap, on its time axis, each with its own value
 * axis (heatmap_panel.c): the open interest at each column's end as a
 * line (quote currency); funding, the rate in % per funding interval, as
 * bars up (green) or down (red) from 0; realized liquidations in each
 * column, longs as red bars down and shorts as green bars up (quote
 * currency).  A panel whose values are all unknown (NaN) says "no open
 * interest data", "no funding data" or "no realized data" across it.
 */
enum { LIQ_RASTER_PANEL_OI, LIQ_RASTER_PANEL_FUNDING, LIQ_RASTER_PANEL_LIQ };
#define LIQ_RASTER_MAX_PANELS 3

/* The panel called name ("oi", "funding", "liq"), or -1. */
int liq_raster_panel_parse(const char *name);

/* How to draw a heatmap (liq_raster_options_init sets the defaults). */
struct liq_raster_options {
	uint32_t width, height;	/* the plot area, pixels (1600 x 900) */
	int cmap;		/* LIQ_RASTER_VIRIDIS, ... */
	int scale;		/* LIQ_RASTER_SQRT, ... */
	double max_value;	/* > 0: absolute top of the scale, quote
				   notional per 0.1% of price (density) */
	double max_pct;		/* else this percentile of the non-zero plot
				   pixels' densities (99.5) */
	int price;		/* draw the close price (1) */
	int candles;		/* candles instead of the close line (0) */
	int axes;		/* axes, title, colour bar (1) */
	int profile;		/* the last column's profile panel (0) */
	int view;		/* LIQ_RASTER_VIEW_DATA (default) or _FULL */
	double view_lo, view_hi;	/* NaN: by view; else the prices drawn */
	double floor_value;	/* > 0: pixels of a lower density are drawn
				   as 0 (same unit as max_value) */
	double floor_pct;	/* else > 0: this percentile of the non-zero
				   plot pixels' densities; 0: no floor */
	uint32_t layer_mask;	/* the layer pairs summed: bit k is pair k
				   (layers 2k, 2k + 1); 0: all */
	int panel[LIQ_RASTER_MAX_PANELS];	/* LIQ_RASTER_PANEL_*, top
				   down under the heatmap */
	int npanels;
	const char *title;	/* NULL: venue, symbol and window (the data
				   span from the grid's params data_from and
				   data_to when both are there) */
};
void liq_raster_options_init(struct liq_raster_options *o);

/*
 * The prices drawn (the view).  LIQ_RASTER_VIEW_FULL: the grid's whole
 * axis.  LIQ_RASTER_VIEW_DATA: from the window's lowest low L to its
 * highest high U (the grid's params price_low and price_high), widened
 * on each side by m = (U - L) / ((U + L) / 2), m at least
 * LIQ_RASTER_VIEW_MIN and at most LIQ_RASTER_VIEW_MAX (the whole axis
 * when the grid has no such params).  view_lo or view_hi, when not NaN,
 * set that end.  Either way the view is whole bins of the grid.
 */
enum { LIQ_RASTER_VIEW_DATA, LIQ_RASTER_VIEW_FULL };
#define LIQ_RASTER_VIEW_MIN 0.03
#define LIQ_RASTER_VIEW_MAX 0.2

/*
 * A heatmap being built from a grid's columns, streamed: feed every column
 * in order with liq_raster_heatmap_add, then liq_raster_heatmap_render.
 *
 * Cells are resampled to the plot by area average: a pixel holds the mean
 * over its area of the densities of the cells under it (each cell's long
 * plus short notional times liq_raster_bin_density), so downscaling keeps
 * every cluster's mass and upscaling repeats cells.  Rows are equal steps of the grid's bins (so the price axis is
 * logarithmic for a log grid), price upward; columns are equal steps of
 * time.  Memory: the plot as floats (twice for longshort), two columns of
 * bins, and when the grid does not announce its column count (a pipe) a
 * buffer of 2 x width columns that holds the columns summed in groups of a
 * power of two, resampled to the plot at the end.
 */
struct liq_raster_heatmap;

/*
 * Start a heatmap of a grid with info g (copied).  Returns 0, LIQ_EARG for
 * bad options (sizes, colormap, scale, percentile) or axes (among them
 * start_ms + ncols x step_ms past INT64_MAX) or LIQ_ENOMEM.
 */
int liq_raster_heatmap_new(struct liq_raster_heatmap **h,
    const struct liq_grid_info *g, const struct liq_raster_options *o,
    struct liq_error *e);

/*
 * Add the next column (c->time_ms must follow the previous one by
 * g->step_ms).  Returns 0 or LIQ_EARG (out of sequence, more columns
 * than g->ncols, or a column that ends past INT64_MAX).
 */
int liq_raster_heatmap_add(struct liq_raster_heatmap *h,
    const struct liq_grid_column *c, struct liq_error *e);

/*
 * Draw the image (the caller frees it with liq_raster_image_free).
 * Returns 0, LIQ_EDATA when no column was added, or LIQ_ENOMEM.  Call once.
 */
int liq_raster_heatmap_render(struct liq_raster_heatmap *h,
    struct liq_raster_image **im, struct liq_error *e);

void liq_raster_heatmap_free(struct liq_raster_heatmap *h);

/* ------------------------------------------------------------------- map */

/*
 * The liquidation map of one snapshot (mapimage.c), as CoinGlass draws
 * it: price runs to the right over the view of o (as the heatmap's,
 * LIQ_RASTER_VIEW_*), in o->width x o->height plot pixels.
 *  - Bars: the view's bins in groups of whole bins, about
 *    LIQ_RASTER_MAP_BAR pixels a group (every bin its own bar when the
 *    bins are wider); a bar's height is the group's long plus short
 *    notional (quote currency), stacked by layer pair (the pairs of
 *    o->layer_mask, all when 0) from pair 0 at the bottom, each pair in
 *    the k-th colour of the palette in liq-render-ppm(1), on the left
 *    axis from 0 to the tallest bar.
 *  - Curves, on the right axis from 0 to the larger of their two ends:
 *    the cumulative longs (liq_zones_map: the longs liquidated if price
 *    falls to a bin) left of the close, falling to 0 at it, in red; the
 *    cumulative shorts right of it, rising from 0, in green; each pixel
 *    column takes the bin under its centre.
 *  - The close: a vertical line at its price, labelled with it.
 *  - With o->axes: the price axis below, the left axis of the bars
 *    (notional per bar, headed by the currency and the bar's width), the
 *    right axis of the curves, a legend of the pairs' names and the
 *    curves, and the title (o->title, or venue, symbol and the snapshot
 *    time snap_ms).  Without: the plot alone, width x height pixels.
 * c must hold every layer of the grid g (c->long_usd and c->short_usd
 * are not read).  Returns 0, LIQ_EARG (sizes, layer_mask, or the grid's
 * axes), LIQ_EDATA (a close that is NaN or not positive) or LIQ_ENOMEM.
 */
#define LIQ_RASTER_MAP_BAR 4
int liq_raster_map_draw(const struct liq_grid_info *g,
    const struct liq_grid_column *c, int64_t snap_ms,
    const struct liq_raster_options *o, struct liq_raster_image **im,
    struct liq_error *e);

#endif
