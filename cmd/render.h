/*
 * render.h - what liq-render-ppm(1) keeps beside its main (cmd/render.c):
 * the values of its options, and its two runs, the heatmap of a whole
 * grid and the liquidation map of one snapshot, each written as PPM or
 * PNG.  Like the rest of cmd/, this code prints and exits.
 */
#ifndef LIQ_RENDER_H
#define LIQ_RENDER_H

#include "prog.h"

/* What a run draws, beside the raster options. */
struct render_args {
	struct liq_raster_options o;
	const char *out;	/* -o; NULL: stdout */
	int png;		/* --png, or -o ending in .png */
	int map;		/* --map: the liquidation map */
	const char *at_arg;	/* --at as given; NULL: the last snapshot */
	int64_t at_ms;
	const char *layer;	/* --layer; NULL: all */
};

/* -W, -H: a side of 4 to 16384 pixels (exit 2 otherwise). */
uint32_t render_side_arg(const char *opt, const char *s);

/* --max and --floor: auto (--max only), pNN (a percentile) or an amount
 * with an optional K/M/B suffix, into *value or *pct (exit 2 otherwise). */
void render_level_arg(const char *opt, const char *s, double *value,
    double *pct);

/* --panel: a comma-separated list of oi, funding and liq, each once. */
void render_panel_arg(struct liq_raster_options *o, const char *s);

/* Draw the grid at path as a.map asks, written to a.out; exits on any
 * error (status 1 or 2, no output left behind). */
void render_run(struct render_args *a, const char *path);

#endif
