/*
 * fuzz/grid.c - libFuzzer harness for the grid reader (lib/grid.c):
 * header sizes, metadata, columns, end marker.  Every column's cells are
 * read (so a short allocation shows up under ASan), the bin functions are
 * called on the header's price range, and the series CSV is written to
 * /dev/null.
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
	struct liq_grid_reader *r;
	struct liq_grid_column *c;
	struct liq_error e;
	char path[64], msg[1024], buf[64];
	int fd, rc, ncol = 0;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	fd = fuzz_memfile(data, size, path, sizeof(path));
	liq_error_clear(&e);
	if (liq_grid_reader_open(&r, path, &e) == 0) {
		const struct liq_grid_info *g = liq_grid_reader_info(r);
		volatile float sink = 0;

		if (g->nbins > 0 && g->nbins <= LIQ_GRID_MAX_BINS
		    ) {
			(void)liq_grid_edge(g, 0);
			(void)liq_grid_edge(g, g->nbins);
			(void)liq_grid_bin(g, (g->price_min + g->price_max) / 2);
		}
		(void)liq_grid_param(g, "model", buf, sizeof(buf));
		while ((rc = liq_grid_read(r, &c, &e)) == 1 && ncol++ < 4096) {
			uint32_t l, i;
			if (g->nlayers > LIQ_GRID_MAX_LAYERS)
				abort();
			for (l = 0; l < g->nlayers; l++)
				for (i = 0; i < g->nbins; i++)
					sink += c->layer[l][i];
			for (i = 0; i < g->nbins; i++)
				sink += c->long_usd[i] + c->short_usd[i];
			(void)liq_grid_series_row(devnull, c, NULL);
		}
		(void)sink;
		liq_grid_reader_close(r);
	}
	liq_error_format(&e, msg, sizeof(msg));
	close(fd);
	return 0;
}
