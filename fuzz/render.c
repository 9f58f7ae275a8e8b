/*
 * fuzz/render.c - libFuzzer harness for the heatmap renderer
 * (lib/heatmap.c, lib/heatmap_draw.c over lib/image.c, lib/font.c,
 * lib/colormap.c, lib/axis.c) fed by the grid reader, as liq-render-ppm
 * drives it.  The first 4 bytes pick the drawing: plot width and height
 * (4..67 pixels), colormap and scale, and the flags (price line, candles,
 * axes, profile, full view, a fixed top of scale, a title, a price
 * window); the rest is the grid file.  Unlike the program, the image is
 * rendered even when a read failed after some columns (a library caller
 * may draw what it got), and the PPM goes to /dev/null.  Bits 5 and 6 of
 * byte 2 play a library caller with its own info: columns that end at
 * the last time int64_t holds, or a column count far past the data; the
 * columns read are given the times such an info asks for.
 */
#include "common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct liq_raster_options o;
	struct liq_grid_reader *r = NULL;
	struct liq_raster_heatmap *hm = NULL;
	struct liq_raster_image *im = NULL;
	struct liq_grid_column *c;
	struct liq_error e;
	char path[64], msg[1024];
	int fd, rc, ncol = 0;
	uint8_t fl;

	if (size < 4)
		return 0;
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	liq_raster_options_init(&o);
	o.width = 4 + (data[0] & 63);
	o.height = 4 + (data[1] & 63);
	o.cmap = (data[2] & 3) % LIQ_RASTER_NCMAPS;
	o.scale = ((data[2] >> 2) & 3) % 3;
	fl = data[3];
	o.price = (fl & 1) != 0;
	o.candles = (fl & 2) != 0;
	o.axes = (fl & 4) != 0;
	o.profile = (fl & 8) != 0;
	o.view = (fl & 16) ? LIQ_RASTER_VIEW_FULL : LIQ_RASTER_VIEW_DATA;
	if (fl & 32)
		o.max_value = 1e6;
	else if (data[2] & 16)
		o.max_pct = 50;
	if (fl & 64)
		o.title = "fuzz \x01\xff title";
	if (fl & 128) {
		o.view_lo = 64000;
		o.view_hi = 66000;
	}
	fd = fuzz_memfile(data + 4, size - 4, path, sizeof(path));
	liq_error_clear(&e);
	if (liq_grid_reader_open(&r, path, &e) == 0) {
		struct liq_grid_info g = *liq_grid_reader_info(r);
		int retime = (data[2] & 96) != 0;

		if (data[2] & 32)
			g.start_ms = INT64_MAX - g.step_ms * (data[1] & 7);
		if (data[2] & 64)
			g.ncols = UINT64_MAX / (1 + (data[0] & 3));
		if (liq_raster_heatmap_new(&hm, &g, &o, &e) != 0)
			goto out;
		while ((rc = liq_grid_read(r, &c, &e)) == 1 && ncol < 4096) {
			if (retime)
				c->time_ms = (int64_t)((uint64_t)g.start_ms +
				    (uint64_t)ncol * (uint64_t)g.step_ms);
			ncol++;
			if (liq_raster_heatmap_add(hm, c, &e) != 0)
				break;
		}
		/* draw what was read, whatever ended the reading */
		if (liq_raster_heatmap_render(hm, &im, &e) == 0) {
			if (im == NULL || im->width == 0 || im->height == 0)
				abort();
			(void)liq_raster_write_ppm(im, devnull, &e);
			clearerr(devnull);
		} else if (im != NULL)
			abort();
	}
out:
	liq_raster_image_free(im);
	liq_raster_heatmap_free(hm);
	liq_grid_reader_close(r);
	liq_error_format(&e, msg, sizeof(msg));
	close(fd);
	return 0;
}
