/*
 * heatmap_panel.c - the panels under the heatmap, on its time axis:
 * open interest, funding and realized liquidations of the grid's
 * columns (liq_raster.h, LIQ_RASTER_PANEL_*).
 */
#include <string.h>

#include "liq.h"
#include "heatmap_int.h"
#include "raster_int.h"

static const char *const panel_names[] = { "oi", "funding", "liq" };

int
liq_raster_panel_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, panel_names[i]) == 0)
			return i;
	return -1;
}
