/*
 * image.c - the raster's canvas: an 8-bit RGB image, the drawing
 * primitives everything else is made of (pixel, filled rectangle,
 * Bresenham line, text in the built-in font), all clipped to the image,
 * and the binary PPM writer.  It knows nothing of colormaps, axes or
 * heatmaps; the glyphs come from font.c, which knows nothing of images.
 */
#include <errno.h>
#include <stdlib.h>

#include "liq.h"
#include "font_int.h"
#include "raster_int.h"

int
liq_raster_image_new(struct liq_raster_image **imp, uint32_t width,
    uint32_t height, uint32_t bg, struct liq_error *e)
{
	struct liq_raster_image *im;

	*imp = NULL;
	if (width == 0 || height == 0 || width > LIQ_RASTER_MAX_SIDE ||
	    height > LIQ_RASTER_MAX_SIDE ||
	    (uint64_t)width * height > LIQ_RASTER_MAX_PIXELS)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "image size %ux%u out of range", width, height);
	if ((im = calloc(1, sizeof(*im))) == NULL ||
	    (im->rgb = malloc((size_t)width * height * 3)) == NULL) {
		free(im);
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	}
	im->width = width;
	im->height = height;
	liq_raster_rect(im, 0, 0, width, height, bg);
	*imp = im;
	return 0;
}

void
liq_raster_image_free(struct liq_raster_image *im)
{
	if (im == NULL)
		return;
	free(im->rgb);
	free(im);
}

void
liq_raster_pixel(struct liq_raster_image *im, long x, long y, uint32_t rgb)
{
	unsigned char *p;

	if (x < 0 || y < 0 || x >= (long)im->width || y >= (long)im->height)
		return;
	p = im->rgb + ((size_t)y * im->width + (size_t)x) * 3;
	p[0] = LIQ_CH_R(rgb);
	p[1] = LIQ_CH_G(rgb);
	p[2] = LIQ_CH_B(rgb);
}

void
liq_raster_rect(struct liq_raster_image *im, long x, long y, long w, long h,
    uint32_t rgb)
{
	long x1 = x + w, y1 = y + h;

	if (x < 0)
		x = 0;
	if (y < 0)
		y = 0;
	if (x1 > (long)im->width)
		x1 = im->width;
	if (y1 > (long)im->height)
		y1 = im->height;
	for (long yy = y; yy < y1; yy++) {
		unsigned char *p = im->rgb + ((size_t)yy * im->width +
		    (size_t)x) * 3;

		for (long xx = x; xx < x1; xx++, p += 3) {
			p[0] = LIQ_CH_R(rgb);
			p[1] = LIQ_CH_G(rgb);
			p[2] = LIQ_CH_B(rgb);
		}
	}
}

void
liq__raster_line_clip(struct liq_raster_image *im, long x0, long y0,
    long x1, long y1, uint32_t rgb, long cx0, long cy0, long cx1, long cy1)
{
	long dx = labs(x1 - x0), dy = -labs(y1 - y0);
	long sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;

	for (;;) {
		long e2 = 2 * err;	/* both tests on the error before the step */

		if (x0 >= cx0 && x0 < cx1 && y0 >= cy0 && y0 < cy1)
			liq_raster_pixel(im, x0, y0, rgb);
		if (x0 == x1 && y0 == y1)
			break;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

void
liq_raster_line(struct liq_raster_image *im, long x0, long y0, long x1,
    long y1, uint32_t rgb)
{
	liq__raster_line_clip(im, x0, y0, x1, y1, rgb, 0, 0, im->width,
	    im->height);
}

int
liq_raster_text(struct liq_raster_image *im, long x, long y, const char *s,
    uint32_t rgb, int scale)
{
	const char *p;
	long cx = x;

	if (scale < 1)
		scale = 1;
	for (p = s; *p; p++, cx += LIQ_FONT_ADVANCE * scale) {
		int c = (unsigned char)*p;

		if (c == ' ')
			continue;
		for (int row = 0; row < LIQ_FONT_H; row++)
			for (int col = 0; col < LIQ_FONT_W; col++)
				if (liq__font_bit(c, col, row))
					liq_raster_rect(im, cx + col * scale,
					    y + row * scale, scale, scale, rgb);
	}
	return liq__font_width(s, scale);
}

int
liq_raster_text_width(const char *s, int scale)
{
	return liq__font_width(s, scale);
}

int
liq_raster_write_ppm(const struct liq_raster_image *im, FILE *f,
    struct liq_error *e)
{
	if (im->plot_w > 0)
		fprintf(f, "P6\n# plot %u %u %u %u\n%u %u\n255\n", im->plot_x,
		    im->plot_y, im->plot_w, im->plot_h, im->width, im->height);
	else
		fprintf(f, "P6\n%u %u\n255\n", im->width, im->height);
	fwrite(im->rgb, 3, (size_t)im->width * im->height, f);
	if (ferror(f)) {
		int se = errno;

		liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
		if (e != NULL)
			e->sys_errno = se;
		return LIQ_EIO;
	}
	return 0;
}
