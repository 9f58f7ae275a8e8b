/*
 * mapimage.c - the liquidation map of one snapshot as a picture, the
 * way CoinGlass draws its "liquidation map": price to the right, per
 * price a bar of the notional that would be liquidated there, stacked
 * by layer pair (venue, leverage tier), the cumulative longs falling to
 * the close from the left and the cumulative shorts rising from it to
 * the right, and the close as a vertical line.  The cumulative sums are
 * liq_zones_map's (zones.c), the view the heatmap's (heatmap.c); the
 * contract is in liq_raster.h.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "raster_int.h"

#define BG	0x101014
#define TEXT	0xd2d2d7
#define DIM	0x787882
#define FRAME	0x46464f
#define GRIDL	0x24242b
#define CUM_L	0xef5350
#define CUM_S	0x26a69a
#define PRICE	0xffffff

/* The layer pairs' colours, pair k in colour k (mod 16). */
static const uint32_t palette[16] = {
	0x5b8ff9, 0xf6bd16, 0x5ad8a6, 0xe8684a, 0x9270ca, 0x6dc8ec,
	0xff9d4d, 0x269a99, 0xff99c3, 0x5d7092, 0xbdd2fd, 0xc2c8d5,
	0xfbe5a2, 0xb3e8d0, 0xf6c3b7, 0xd3c6ea
};

struct map {
	const struct liq_grid_info *g;
	const struct liq_raster_options *o;
	uint32_t b0, nb, W, H;	/* the view's bins; the plot */
	uint32_t gsz, nbar;	/* bins per bar, bars */
	uint32_t mask;		/* the pairs drawn */
	double *bar;		/* nbar x npairs: notional per bar and pair */
	double *cl, *cs;	/* cumulative longs, shorts per grid bin */
	double top, ctop;	/* the left and the right axis' tops */
	double close;
	long px, py;		/* plot's top-left corner */
	int s;			/* font scale */
};

static int
map_err(struct liq_error *e, int code, const char *msg)
{
	return liq_error_set(e, code, NULL, 0, NULL, NULL, 0, "%s", msg);
}

/* Pixel x (from the plot's left) of price p, as a fraction. */
static double
price_x(const struct map *m, double p)
{
	double lo = liq_grid_edge(m->g, m->b0);
	double hi = liq_grid_edge(m->g, m->b0 + m->nb);

	if (m->g->log_bins)
		return log(p / lo) * m->W / log(hi / lo);
	return (p - lo) * m->W / (hi - lo);
}

/* Sum the bars and the cumulative curves. */
static int
sums(struct map *m, const struct liq_grid_column *c, struct liq_error *e)
{
	const struct liq_grid_info *g = m->g;
	uint32_t np = g->nlayers / 2;
	struct liq_zones_options zo;
	struct liq_zones *z = NULL;
	float *lo, *sh;
	int rc;

	if ((lo = malloc(2 * sizeof(float) * g->nbins)) == NULL)
		return map_err(e, LIQ_ENOMEM, "out of memory");
	sh = lo + g->nbins;
	liq_grid_layer_sum(c, g->nlayers, g->nbins, m->mask, lo, sh);
	liq_zones_options_init(&zo);
	if ((rc = liq_zones_new(&z, g, &zo, e)) != 0) {
		free(lo);
		return rc;
	}
	rc = liq_zones_map(z, lo, sh, m->close, m->cl, m->cs);
	liq_zones_free(z);
	free(lo);
	if (rc != 0)
		return map_err(e, rc, "the snapshot has no close price: no "
		    "map to draw");
	for (uint32_t k = 0; k < m->nbar; k++) {
		uint32_t a = m->b0 + k * m->gsz, b = a + m->gsz;
		double tot = 0;

		if (b > m->b0 + m->nb)
			b = m->b0 + m->nb;
		for (uint32_t p = 0; p < np; p++) {
			double v = 0;

			if (!(m->mask >> p & 1))
				continue;
			for (uint32_t i = a; i < b; i++)
				v += (double)c->layer[2 * p][i] +
				    (double)c->layer[2 * p + 1][i];
			m->bar[(size_t)k * np + p] = v;
			tot += v;
		}
		if (tot > m->top)
			m->top = tot;
	}
	m->ctop = fmax(m->cl[m->b0], m->cs[m->b0 + m->nb - 1]);
	return 0;
}

static void
draw_bars(const struct map *m, struct liq_raster_image *im)
{
	uint32_t np = m->g->nlayers / 2;

	if (!(m->top > 0))
		return;
	for (uint32_t k = 0; k < m->nbar; k++) {
		uint32_t a = k * m->gsz, b = a + m->gsz < m->nb ? a + m->gsz :
		    m->nb;
		long x0 = (long)((uint64_t)a * m->W / m->nb);
		long x1 = (long)((uint64_t)b * m->W / m->nb);
		long ybot = m->py + m->H;
		double cum = 0;

		if (x1 - x0 >= 3)
			x1--;	/* a gap between bars */
		for (uint32_t p = 0; p < np; p++) {
			long yt;

			if (!(m->mask >> p & 1))
				continue;
			cum += m->bar[(size_t)k * np + p];
			yt = m->py + m->H - lround(cum / m->top * m->H);
			liq_raster_rect(im, m->px + x0, yt, x1 - x0, ybot - yt,
			    palette[p % 16]);
			ybot = yt;
		}
	}
}

/* The curves, each pixel column the bin under its centre. */
static void
draw_curves(const struct map *m, struct liq_raster_image *im)
{
	double xc = price_x(m, m->close);
	long py = 0, prev_side = -1;

	if (!(m->ctop > 0))
		return;
	for (uint32_t x = 0; x < m->W; x++) {
		uint32_t i = m->b0 + (uint32_t)(((uint64_t)2 * x + 1) * m->nb /
		    (2 * (uint64_t)m->W));
		int side = x + 0.5 < xc ? 0 : 1;
		double v = side == 0 ? m->cl[i] : m->cs[i];
		long y = m->py + (long)m->H - 1 - lround(v / m->ctop *
		    (m->H - 1));
		uint32_t col = side == 0 ? CUM_L : CUM_S;

		for (int d = 0; d < m->s; d++)
			liq__raster_line_clip(im, m->px + x - (prev_side ==
			    side), (prev_side == side ? py : y) + d, m->px + x,
			    y + d, col, m->px, m->py, m->px + m->W,
			    m->py + m->H);
		py = y;
		prev_side = side;
	}
}

static int
decimals(double step)
{
	int d = step >= 1 || !(step > 0) ? 0 : (int)ceil(-log10(step) - 1e-9);

	return d > 10 ? 10 : d;
}

static void
draw_close(const struct map *m, struct liq_raster_image *im)
{
	double xf = price_x(m, m->close), t[64], step;
	long x = m->px + (long)floor(xf);
	char buf[64];
	int s = m->s, w;

	if (!(xf >= 0 && xf < m->W))
		return;
	liq_raster_rect(im, x, m->py, s, m->H, PRICE);
	if (!m->o->axes)
		return;
	liq_raster_ticks(liq_grid_edge(m->g, m->b0), liq_grid_edge(m->g,
	    m->b0 + m->nb), (int)(m->W / (uint32_t)(90 * s)) + 1, t, 64, &step);
	snprintf(buf, sizeof(buf), "%.*f", decimals(step) + 1, m->close);
	w = liq_raster_text_width(buf, s);
	if (x + 4 * s + w + 2 * s > m->px + (long)m->W)
		x -= w + 8 * s;		/* the label left of the line */
	liq_raster_rect(im, x + 3 * s, m->py + 2 * s, w + 4 * s, 11 * s,
	    PRICE);
	liq_raster_text(im, x + 5 * s, m->py + 4 * s, buf, 0x000000, s);
}

/* The price axis below the plot. */
static void
draw_price_axis(const struct map *m, struct liq_raster_image *im)
{
	double t[64], step;
	int s = m->s, n, d;
	long right = -1000000, y = m->py + m->H + 1;
	char buf[64];

	n = liq_raster_ticks(liq_grid_edge(m->g, m->b0), liq_grid_edge(m->g,
	    m->b0 + m->nb), (int)(m->W / (uint32_t)(90 * s)) + 1, t, 64, &step);
	d = decimals(step);
	for (int i = 0; i < n; i++) {
		double xf = price_x(m, t[i]);
		long x;
		int w;

		if (!(xf >= 0 && xf < m->W))
			continue;
		x = m->px + (long)floor(xf);
		snprintf(buf, sizeof(buf), "%.*f", d, t[i]);
		w = liq_raster_text_width(buf, s);
		if (x - w / 2 < right + 4 * s)
			continue;
		liq_raster_rect(im, x, y, s, 4 * s, DIM);
		liq_raster_text(im, x - w / 2, y + 6 * s, buf, TEXT, s);
		right = x + w / 2;
	}
}

/* A value axis: round ticks of [0, top] and their labels at the left
 * (where 0) or the right (1) of the plot, or (2) the grid lines of the
 * left axis's ticks across the plot. */
static void
draw_value_axis(const struct map *m, struct liq_raster_image *im,
    double top, int right)
{
	double t[64], step;
	int s = m->s, n;
	long last = 1000000;
	char buf[64];

	if (!(top > 0))
		return;
	n = liq_raster_ticks(0, top, (int)(m->H / (uint32_t)(50 * s)) + 1, t, 64, &step);
	for (int i = 0; i < n; i++) {
		long y = m->py + (long)m->H - lround(t[i] / top * m->H);
		int w;

		if (y < m->py || last - y < 11 * s)
			continue;
		last = y;
		liq_raster_format_si(t[i], buf, sizeof(buf));
		w = liq_raster_text_width(buf, s);
		if (right == 2) {
			if (t[i] > 0)
				liq_raster_rect(im, m->px, y, m->W, 1, GRIDL);
		} else if (right) {
			liq_raster_rect(im, m->px + m->W + 1, y, 4 * s, s, DIM);
			liq_raster_text(im, m->px + m->W + 7 * s, y - 3 * s,
			    buf, TEXT, s);
		} else {
			liq_raster_rect(im, m->px - 1 - 4 * s, y, 4 * s, s, DIM);
			liq_raster_text(im, m->px - 6 * s - w, y - 3 * s, buf,
			    TEXT, s);
		}
	}
}

/* Swatch and name; returns the x after it. */
static long
legend_item(struct liq_raster_image *im, long x, long y, uint32_t col,
    const char *name, int s)
{
	liq_raster_rect(im, x, y, 7 * s, 7 * s, col);
	x += 10 * s;
	x += liq_raster_text(im, x, y, name, TEXT, s);
	return x + 12 * s;
}

static void
draw_frame(const struct map *m, struct liq_raster_image *im, int64_t snap)
{
	const struct liq_grid_info *g = m->g;
	const char *q = liq__raster_quote(g->symbol);
	char buf[600], when[32], wid[48];
	int s = m->s;
	long x, y = m->py - 24 * s;
	double w0 = liq_grid_edge(g, m->b0), w1 = liq_grid_edge(g, m->b0 +
	    m->gsz);

	liq_raster_line(im, m->px - 1, m->py + m->H, m->px + m->W,
	    m->py + m->H, FRAME);
	liq_raster_line(im, m->px - 1, m->py - 1, m->px - 1, m->py + m->H,
	    FRAME);
	liq_raster_line(im, m->px + m->W, m->py - 1, m->px + m->W,
	    m->py + m->H, FRAME);
	draw_price_axis(m, im);
	draw_value_axis(m, im, m->top, 0);
	draw_value_axis(m, im, m->ctop, 1);
	if (g->log_bins)
		snprintf(wid, sizeof(wid), "%.3g%%", 100 * (w1 / w0 - 1));
	else
		snprintf(wid, sizeof(wid), "%.6g", w1 - w0);
	snprintf(buf, sizeof(buf), "bars: %s per %s of price", q, wid);
	liq_raster_text(im, m->px - 6 * s - liq_raster_text_width("888.8M",
	    s), m->py - 12 * s, buf, TEXT, s);
	snprintf(buf, sizeof(buf), "cumulative %s", q);
	liq_raster_text(im, m->px + m->W + 7 * s - liq_raster_text_width(buf,
	    s) + liq_raster_text_width("888.8M", s), m->py - 12 * s, buf,
	    TEXT, s);
	/* the legend: the pairs drawn, then the curves */
	x = m->px;
	for (uint32_t p = 0; p < g->nlayers / 2; p++) {
		char name[256];

		if (!(m->mask >> p & 1) || liq_grid_layer_name(g, p, name,
		    sizeof(name)) == NULL)
			continue;
		x = legend_item(im, x, y, palette[p % 16], name, s);
	}
	x = legend_item(im, x, y, CUM_L, "cumulative longs", s);
	legend_item(im, x, y, CUM_S, "cumulative shorts", s);
	if (m->o->title != NULL)
		snprintf(buf, sizeof(buf), "%s", m->o->title);
	else {
		liq__raster_time_format(snap, "%Y-%m-%d %H:%M", when,
		    sizeof(when));
		snprintf(buf, sizeof(buf), "%s %s  liquidation map at %s UTC",
		    g->venue, g->symbol, when);
	}
	liq_raster_text(im, m->px, 5 * s, buf, TEXT, s);
}

int
liq_raster_map_draw(const struct liq_grid_info *g,
    const struct liq_grid_column *c, int64_t snap_ms,
    const struct liq_raster_options *o, struct liq_raster_image **imp,
    struct liq_error *e)
{
	struct liq_raster_image *im = NULL;
	struct map m;
	uint32_t b1, all;
	uint64_t iw, ih;
	int rc;

	*imp = NULL;
	if (o->width < 4 || o->height < 4 || o->width > 16384 ||
	    o->height > 16384 ||
	    (uint64_t)o->width * o->height > LIQ_RASTER_MAX_PIXELS / 2)
		return map_err(e, LIQ_EARG, "plot size out of range");
	if (g->nbins == 0 || g->nbins > LIQ_GRID_MAX_BINS || g->nlayers < 2 ||
	    g->nlayers > LIQ_GRID_MAX_LAYERS || !(g->price_min > 0) ||
	    !(g->price_max > g->price_min))
		return map_err(e, LIQ_EARG, "bad grid axes");
	all = g->nlayers / 2 >= 32 ? UINT32_MAX :
	    (UINT32_C(1) << (g->nlayers / 2)) - 1;
	if ((o->layer_mask & ~all) != 0)
		return map_err(e, LIQ_EARG, "layers out of range");
	memset(&m, 0, sizeof(m));
	m.g = g;
	m.o = o;
	m.mask = o->layer_mask ? o->layer_mask : all;
	m.close = c->close;
	liq__raster_view(g, o, &m.b0, &b1);
	m.nb = b1 - m.b0;
	m.W = o->width;
	m.H = o->height;
	m.gsz = (uint32_t)(((uint64_t)m.nb * LIQ_RASTER_MAP_BAR + m.W - 1) /
	    m.W);
	if (m.gsz == 0)
		m.gsz = 1;
	m.nbar = (m.nb + m.gsz - 1) / m.gsz;
	if ((m.bar = calloc((size_t)m.nbar * (g->nlayers / 2),
	    sizeof(double))) == NULL ||
	    (m.cl = malloc(sizeof(double) * g->nbins)) == NULL ||
	    (m.cs = malloc(sizeof(double) * g->nbins)) == NULL) {
		rc = map_err(e, LIQ_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = sums(&m, c, e)) != 0)
		goto out;
	m.s = o->axes && m.W >= 1200 && m.H >= 600 ? 2 : 1;
	if (o->axes) {
		int lw = liq_raster_text_width("888.8M", m.s);

		m.px = lw + 10 * m.s;
		m.py = 44 * m.s;
		iw = (uint64_t)(m.px + 14 * m.s + lw) + m.W;
		ih = (uint64_t)(m.py + 20 * m.s) + m.H;
	} else {
		iw = m.W;
		ih = m.H;
	}
	if ((rc = liq_raster_image_new(&im, (uint32_t)iw, (uint32_t)ih, BG,
	    e)) != 0)
		goto out;
	im->plot_x = (uint32_t)m.px;
	im->plot_y = (uint32_t)m.py;
	im->plot_w = m.W;
	im->plot_h = m.H;
	if (o->axes)	/* grid lines under the bars */
		draw_value_axis(&m, im, m.top, 2);
	draw_bars(&m, im);
	draw_curves(&m, im);
	if (o->price)
		draw_close(&m, im);
	if (o->axes)
		draw_frame(&m, im, snap_ms);
	*imp = im;
out:
	free(m.bar);
	free(m.cl);
	free(m.cs);
	return rc;
}
