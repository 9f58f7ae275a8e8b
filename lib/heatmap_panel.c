/*
 * heatmap_panel.c - the panels under the heatmap, on its time axis
 * (liq_raster.h, LIQ_RASTER_PANEL_*): the open interest at the columns'
 * ends as a line, the funding rate as bars up or down from 0, and the
 * realized liquidations as bars, shorts up and longs down.  Their
 * values are kept per group of columns beside the close (heatmap.c's
 * price groups, merged with them when a grid of unknown length doubles
 * its groups), then laid on the pixel columns and drawn, each panel with
 * its own value axis right of it.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "heatmap_int.h"
#include "raster_int.h"

#define TEXT	0xd2d2d7
#define DIM	0x787882
#define PANEL	0x1c1c22
#define OI_LINE	0x4fb4ff
#define UP	0x26a69a
#define DOWN	0xef5350

static const char *const panel_names[] = { "oi", "funding", "liq" };

int
liq_raster_panel_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, panel_names[i]) == 0)
			return i;
	return -1;
}

void
liq__panel_clear(struct panel_col *p)
{
	p->oi = p->funding = p->rl = p->rs = NAN;
}

/* NaN + x is x: sums of values some of which are unknown. */
static double
add_known(double a, double b)
{
	return isnan(a) ? b : isnan(b) ? a : a + b;
}

/* a followed by b: the last known OI and funding, realized summed. */
struct panel_col
liq__panel_join(struct panel_col a, struct panel_col b)
{
	struct panel_col r;

	r.oi = isnan(b.oi) ? a.oi : b.oi;
	r.funding = isnan(b.funding) ? a.funding : b.funding;
	r.rl = add_known(a.rl, b.rl);
	r.rs = add_known(a.rs, b.rs);
	return r;
}

void
liq__heatmap_panel_add(struct liq_raster_heatmap *h,
    const struct liq_grid_column *c, uint64_t grp)
{
	struct panel_col q;

	if (h->pc == NULL)
		return;
	q.oi = isfinite(c->oi_quote) ? c->oi_quote : NAN;
	q.funding = isfinite(c->funding) ? c->funding : NAN;
	q.rl = isfinite(c->real_long) ? c->real_long : NAN;
	q.rs = isfinite(c->real_short) ? c->real_short : NAN;
	h->pc[grp] = liq__panel_join(h->pc[grp], q);
}

long
liq__heatmap_panel_height(const struct liq_raster_heatmap *h)
{
	return h->H / 5 < 40 ? 40 : (long)(h->H / 5);
}

/*
 * The groups laid on the W pixel columns: group i spans the pixel
 * columns [i k W / N, (i k + n) W / N) (at least one); a pixel column
 * takes the last group's OI and funding and the sum of the realized
 * liquidations of the groups over it (a group wider than a pixel is
 * repeated on each, as the heatmap repeats its cells).
 */
static void
to_pixels(const struct liq_raster_heatmap *h, uint64_t N,
    struct panel_col *px)
{
	for (uint32_t x = 0; x < h->W; x++)
		liq__panel_clear(&px[x]);
	for (uint32_t i = 0; i < h->cap && i * h->k < h->n; i++) {
		uint64_t a = i * h->k, b = a + h->k < h->n ? a + h->k : h->n;
		uint64_t x0 = a * h->W / N, x1 = b * h->W / N;
		struct panel_col g = h->pc[i];

		if (x1 <= x0)
			x1 = x0 + 1;
		for (uint64_t x = x0; x < x1 && x < h->W; x++)
			px[x] = liq__panel_join(px[x], g);
	}
}

/* The value of panel kind at pixel column p (NaN: unknown). */
static double
value(int kind, const struct panel_col *p)
{
	switch (kind) {
	case LIQ_RASTER_PANEL_OI:
		return p->oi;
	case LIQ_RASTER_PANEL_FUNDING:
		return p->funding * 100;	/* % per interval */
	default:
		return isnan(p->rl) && isnan(p->rs) ? NAN :
		    fmax(isnan(p->rl) ? 0 : p->rl, isnan(p->rs) ? 0 : p->rs);
	}
}

/* Image row of v on an axis [lo, hi] over rows [top, top + ph). */
static long
row_of(double v, double lo, double hi, long top, long ph)
{
	return top + (ph - 1) - lround((v - lo) / (hi - lo) * (double)(ph - 1));
}

/* A tick label of panel kind: amounts in K/M/B, funding in %. */
static void
label(int kind, double v, double step, char *buf, size_t len)
{
	v += 0.0;	/* -0 is 0 */
	if (kind == LIQ_RASTER_PANEL_FUNDING) {
		int d = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);

		snprintf(buf, len, "%.*f%%", d > 8 ? 8 : d, v);
	} else
		liq_raster_format_si(fabs(v), buf, len);
}

/* The panel's value axis right of it, at the label column ax. */
static void
draw_axis(struct liq_raster_image *im, int kind, double lo, double hi,
    long right_x, long ax, long top, long ph, int s)
{
	double t[64], step;
	long last = -1000000;
	int n = liq_raster_ticks(lo, hi, (int)(ph / (20 * s)) + 2, t, 64,
	    &step);
	char buf[48];

	for (int i = n - 1; i >= 0; i--) {
		long y = row_of(t[i], lo, hi, top, ph);

		if (y < top || y >= top + ph || y - last < 10 * s)
			continue;
		last = y;
		label(kind, t[i], step, buf, sizeof(buf));
		liq_raster_rect(im, right_x + 1, y, 4 * s, s, DIM);
		liq_raster_text(im, ax, y - 3 * s, buf, TEXT, s);
	}
}

/* One panel's contents over rows [top, top + ph). */
static void
draw_one(const struct liq_raster_heatmap *h, struct liq_raster_image *im,
    int kind, const struct panel_col *px, long x0, long top, long ph,
    long ax, int s, int axes, const char *quote)
{
	static const char *const none[] = { "no open interest data",
		"no funding data", "no realized data" };
	double lo = INFINITY, hi = -INFINITY, m;
	long prev = -1, y0;
	char buf[96];

	liq_raster_rect(im, x0, top, h->W, ph, PANEL);
	for (uint32_t x = 0; x < h->W; x++) {
		double v = value(kind, &px[x]);

		if (!isnan(v)) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	}
	if (lo > hi) {
		int w = liq_raster_text_width(none[kind], s);

		liq_raster_text(im, x0 + ((long)h->W - w) / 2, top + ph / 2 -
		    4 * s, none[kind], DIM, s);
		return;
	}
	if (kind == LIQ_RASTER_PANEL_OI) {
		if (!(hi > lo)) {	/* flat: a band of 1% around it */
			m = fabs(lo) > 0 ? fabs(lo) * 0.01 : 1;
			lo -= m;
			hi += m;
		}
		hi += (hi - lo) / 4;	/* room for the panel's title */
	} else {		/* symmetric about 0 */
		m = kind == LIQ_RASTER_PANEL_FUNDING ? fmax(fabs(lo), fabs(hi)) :
		    hi;
		if (!(m > 0))
			m = kind == LIQ_RASTER_PANEL_FUNDING ? 0.01 : 1;
		lo = -m;
		hi = m;
	}
	y0 = row_of(0, lo, hi, top, ph);
	for (uint32_t x = 0; x < h->W; x++) {
		const struct panel_col *p = &px[x];
		long xx = x0 + (long)x;

		if (kind == LIQ_RASTER_PANEL_OI) {
			long y;

			if (isnan(p->oi)) {
				prev = -1;
				continue;
			}
			y = row_of(p->oi, lo, hi, top, ph);
			for (int d = 0; d < s; d++)
				liq__raster_line_clip(im, xx - (prev >= 0),
				    (prev >= 0 ? prev : y) + d, xx, y + d,
				    OI_LINE, x0, top, x0 + h->W, top + ph);
			prev = y;
		} else if (kind == LIQ_RASTER_PANEL_FUNDING) {
			long y;

			if (isnan(p->funding))
				continue;
			y = row_of(p->funding * 100, lo, hi, top, ph);
			if (p->funding > 0)
				liq_raster_rect(im, xx, y, 1, y0 - y, UP);
			else if (p->funding < 0)
				liq_raster_rect(im, xx, y0 + 1, 1, y - y0, DOWN);
		} else {
			if (!isnan(p->rs) && p->rs > 0) {
				long y = row_of(p->rs, lo, hi, top, ph);

				liq_raster_rect(im, xx, y, 1, y0 - y, UP);
			}
			if (!isnan(p->rl) && p->rl > 0) {
				long y = row_of(-p->rl, lo, hi, top, ph);

				liq_raster_rect(im, xx, y0 + 1, 1, y - y0, DOWN);
			}
		}
	}
	if (kind != LIQ_RASTER_PANEL_OI)
		liq_raster_rect(im, x0, y0, h->W, 1, DIM);	/* zero */
	if (!axes)
		return;
	draw_axis(im, kind, lo, hi, x0 + h->W, ax, top, ph, s);
	snprintf(buf, sizeof(buf), "%s", kind == LIQ_RASTER_PANEL_OI ?
	    "open interest, " : kind == LIQ_RASTER_PANEL_FUNDING ?
	    "funding, % per interval" : "realized liquidations, ");
	if (kind != LIQ_RASTER_PANEL_FUNDING)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    quote, kind == LIQ_RASTER_PANEL_LIQ ?
		    " (shorts up, longs down)" : "");
	liq_raster_text(im, x0 + 3 * s, top + 3 * s, buf, TEXT, s);
}

int
liq__heatmap_panels_draw(const struct liq_raster_heatmap *h,
    struct liq_raster_image *im, uint64_t N, long x0, long top, long gap,
    long ax, int s, int axes, const char *quote)
{
	struct panel_col *px;
	long ph = liq__heatmap_panel_height(h);

	if (h->o.npanels == 0)
		return 0;
	if ((px = malloc(sizeof(*px) * h->W)) == NULL)
		return LIQ_ENOMEM;
	to_pixels(h, N, px);
	for (int k = 0; k < h->o.npanels; k++)
		draw_one(h, im, h->o.panel[k], px, x0, top + k * (ph + gap), ph,
		    ax, s, axes, quote);
	free(px);
	return 0;
}
