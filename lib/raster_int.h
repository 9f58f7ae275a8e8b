/*
 * raster_int.h - what the raster's files share and the public header
 * does not say: packing 0xRRGGBB colours, a line clipped to a rectangle
 * (the heatmap's plot), what a colormap asks of the heatmap, and UTC time
 * labels.  Private to lib/.
 */
#ifndef LIQ_RASTER_INT_H
#define LIQ_RASTER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "liq.h"

#define LIQ_RGB(r, g, b) \
	(((uint32_t)(r) << 16) | ((uint32_t)(g) << 8) | (uint32_t)(b))
#define LIQ_CH_R(c)	(((c) >> 16) & 0xff)
#define LIQ_CH_G(c)	(((c) >> 8) & 0xff)
#define LIQ_CH_B(c)	((c) & 0xff)

/*
 * liq_raster_line from (x0, y0) to (x1, y1), drawn only on the pixels
 * inside [cx0, cx1) x [cy0, cy1) (and the image).  image.c.
 */
void liq__raster_line_clip(struct liq_raster_image *im, long x0, long y0,
    long x1, long y1, uint32_t rgb, long cx0, long cy0, long cx1, long cy1);

/*
 * Of colormap cmap (out of range: viridis): 2 when it has a ramp for
 * each side (longs, shorts), else 1; and the colour a price line is
 * drawn in over it.  colormap.c.
 */
int liq__raster_cmap_sides(int cmap);
uint32_t liq__raster_cmap_line(int cmap);

/*
 * The UTC time ms formatted by strftime(3) fmt into buf; "?" when it
 * cannot be.  axis.c.
 */
void liq__raster_time_format(int64_t ms, const char *fmt, char *buf,
    size_t len);

/* The quote currency as far as the symbol tells ("USDT" of BTCUSDT),
 * else "quote".  heatmap_draw.c. */
const char *liq__raster_quote(const char *sym);

/*
 * The bins [*b0, *b1) of g that the view of o draws (liq_raster.h,
 * LIQ_RASTER_VIEW_*), and a number from g's params (NaN when it is not
 * there or not a number).  heatmap.c, for the heatmap and the map.
 */
void liq__raster_view(const struct liq_grid_info *g,
    const struct liq_raster_options *o, uint32_t *b0, uint32_t *b1);
double liq__raster_param(const struct liq_grid_info *g, const char *key);

#endif
