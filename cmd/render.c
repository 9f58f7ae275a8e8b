/*
 * render.c - liq-render-ppm's runs (cmd/render.h): the option values it
 * alone takes, the heatmap of a whole grid streamed column by column,
 * and the liquidation map of the snapshot --at picks (cmd/pick.c, as
 * liq-cluster --at picks it), with every layer of that column kept for
 * the stacked bars.  The image goes out as PPM, or as PNG.
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

uint32_t
render_side_arg(const char *opt, const char *s)
{
	int64_t v;

	if (liq_parse_int64(s, strlen(s), &v) != 0 || v < 4 || v > 16384)
		errx(2, "%s: not a size from 4 to 16384 pixels: \"%s\"", opt, s);
	return (uint32_t)v;
}

void
render_level_arg(const char *opt, const char *s, double *value, double *pct)
{
	size_t n = strlen(s);
	double mult = 1, v;
	int is_max = strcmp(opt, "--max") == 0;

	if (is_max && strcmp(s, "auto") == 0) {
		*value = 0;
		*pct = 99.5;
		return;
	}
	if (s[0] == 'p') {
		if (liq_parse_double(s + 1, n - 1, &v) != 0 || !(v > 0) ||
		    v > 100)
			errx(2, "%s: not a percentile p0.1 to p100: \"%s\"",
			    opt, s);
		*value = 0;
		*pct = v;
		return;
	}
	if (n > 1 && strchr("kKmMbB", s[n - 1]) != NULL) {
		mult = strchr("kK", s[n - 1]) ? 1e3 : strchr("mM", s[n - 1]) ?
		    1e6 : 1e9;
		n--;
	}
	if (liq_parse_double(s, n, &v) != 0 || !(v > 0) || !(v * mult < 1e300))
		errx(2, "%s: %spNN or a positive amount such as 250000 "
		    "or 5M: \"%s\"", opt, is_max ? "auto, " : "", s);
	*value = v * mult;
}

void
render_panel_arg(struct liq_raster_options *o, const char *s)
{
	char buf[64];
	const char *p = s;

	o->npanels = 0;
	for (;;) {
		size_t w = strcspn(p, ",");
		int k;

		if (w >= sizeof(buf))
			w = sizeof(buf) - 1;
		memcpy(buf, p, w);
		buf[w] = '\0';
		if ((k = liq_raster_panel_parse(buf)) < 0)
			errx(2, "--panel: a list of oi, funding and liq: "
			    "\"%s\"", s);
		for (int i = 0; i < o->npanels; i++)
			if (o->panel[i] == k)
				errx(2, "--panel: %s given twice: \"%s\"", buf,
				    s);
		o->panel[o->npanels++] = k;
		if (p[w] == '\0')
			break;
		p += w + 1;
	}
}

static void
write_image(const struct render_args *a, struct liq_raster_image *im,
    FILE *f)
{
	struct liq_error e;

	liq_error_clear(&e);
	if ((a->png ? liq_raster_write_png(im, f, &e) :
	    liq_raster_write_ppm(im, f, &e)) != 0)
		prog_fail(&e, a->out);
}

/* The heatmap: every column streamed into the accumulator. */
static struct liq_raster_image *
heatmap(struct render_args *a, struct liq_grid_reader *r)
{
	struct liq_raster_heatmap *hm = NULL;
	struct liq_raster_image *im = NULL;
	struct liq_grid_column *c;
	struct liq_error e;
	int rc;

	liq_error_clear(&e);
	if (liq_raster_heatmap_new(&hm, liq_grid_reader_info(r), &a->o,
	    &e) != 0)
		prog_fail(&e, NULL);
	while ((rc = liq_grid_read(r, &c, &e)) == 1)
		if ((rc = liq_raster_heatmap_add(hm, c, &e)) != 0)
			break;
	if (rc == 0)
		rc = liq_raster_heatmap_render(hm, &im, &e);
	if (rc != 0)
		prog_fail(&e, a->out);
	liq_raster_heatmap_free(hm);
	return im;
}

/*
 * The map: pick.c chooses the snapshot (it keeps the column's sums);
 * the layers of the column it keeps are copied here as it keeps it, for
 * the bars stacked by layer.
 */
static struct liq_raster_image *
map(struct render_args *a, struct liq_grid_reader *r, const char *path)
{
	const struct liq_grid_info *g = liq_grid_reader_info(r);
	struct liq_raster_image *im = NULL;
	struct liq_grid_column *c, keep;
	const struct liq_grid_column *last;
	size_t cells = (size_t)g->nlayers * g->nbins;
	struct liq_error e;
	struct pick p;
	float *layers;
	int64_t snap_ms;
	int rc;

	liq_error_clear(&e);
	memset(&p, 0, sizeof(p));
	memset(&keep, 0, sizeof(keep));
	p.at_arg = a->at_arg;
	p.at_ms = a->at_ms;
	pick_start(&p, g, path);
	if ((layers = malloc(sizeof(float) * cells)) == NULL)
		err(1, NULL);
	for (uint32_t l = 0; l < g->nlayers; l++)
		keep.layer[l] = layers + (size_t)l * g->nbins;
	while ((rc = liq_grid_read(r, &c, &e)) == 1) {
		pick_column(&p, c);
		if (!p.kept || p.last.time_ms != c->time_ms)
			continue;
		for (uint32_t l = 0; l < g->nlayers; l++)
			memcpy(keep.layer[l], c->layer[l], sizeof(float) *
			    g->nbins);
		keep.time_ms = c->time_ms;
		keep.open = c->open;
		keep.high = c->high;
		keep.low = c->low;
		keep.close = c->close;
		keep.oi_quote = c->oi_quote;
	}
	if (rc != 0)
		prog_fail(&e, a->out);
	if ((last = pick_last(&p, &snap_ms)) == NULL)
		errx(1, "%s: --at %s: no snapshot at or before it", path,
		    a->at_arg);
	keep.long_usd = last->long_usd;
	keep.short_usd = last->short_usd;
	if (liq_raster_map_draw(g, &keep, snap_ms, &a->o, &im, &e) != 0)
		prog_fail(&e, a->out);
	pick_end(&p);
	free(layers);
	return im;
}

void
render_run(struct render_args *a, const char *path)
{
	struct liq_grid_reader *r = NULL;
	struct liq_raster_image *im;
	struct liq_error e;
	FILE *f;

	liq_error_clear(&e);
	if (liq_grid_reader_open(&r, path, &e) != 0)
		prog_fail(&e, NULL);
	if (a->layer != NULL && liq_grid_layer_match(liq_grid_reader_info(r),
	    a->layer, &a->o.layer_mask, &e) < 0)
		errx(2, "--layer: %s", e.msg);
	f = out_open(a->out, 0);
	im = a->map ? map(a, r, path) : heatmap(a, r);
	write_image(a, im, f);
	out_close(f, a->out);
	liq_raster_image_free(im);
	liq_grid_reader_close(r);
}
