/*
 * heatmap_draw.c - the heatmap's image, drawn once from the sums
 * heatmap.c collected: the layout (plot, price axis, profile panel,
 * colour bar, left to right), the plot's pixels through the colormap and
 * scale, the close line or candles, the price and time axes, the last
 * price, the colour bar with its labels and unit (notional per 0.1% of
 * price, see liq_raster_bin_density), the last column's profile and the
 * title.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "heatmap_int.h"
#include "raster_int.h"

#define BG	0x101014
#define TEXT	0xd2d2d7
#define DIM	0x787882
#define FRAME	0x46464f
#define PANEL	0x1c1c22
#define UP	0x26a69a
#define DOWN	0xef5350
#define PROF_L	0xdc3c3c
#define PROF_S	0x3cbe64
#define LUT_N	1024
#define DAY_MS	INT64_C(86400000)

/* Everything render needs about where things go. */
struct layout {
	int s;			/* font scale */
	long px, py;		/* plot's top-left corner */
	long axis_x;		/* price axis labels start */
	long prof_x, prof_w;	/* profile panel (prof_w 0: none) */
	long bar_x;		/* colour bar */
	uint64_t N;		/* columns across the plot */
	long panels_y, gap;	/* the panels under the plot: first row, gap */
	long time_y;		/* the time axis: its first row */
	uint32_t line;		/* price line colour */
};

/* Position of price p in rows from the bottom of the plot (NaN: none). */
static double
price_pos(const struct liq_raster_heatmap *h, double p)
{
	const struct liq_grid_info *g = &h->g;
	double f;

	if (!(p > 0))
		return NAN;
	/* multiply before dividing: whole prices land on whole rows */
	if (g->log_bins)
		f = log(p / g->price_min) * h->H /
		    log(g->price_max / g->price_min);
	else
		f = (p - g->price_min) * h->H / (g->price_max - g->price_min);
	return f;
}

/* Image row of price p, clamped to one row outside the plot. */
static long
price_row(const struct liq_raster_heatmap *h, const struct layout *L,
    double p)
{
	double pos = price_pos(h, p);
	long r;

	if (pos < 0 || isnan(pos))
		r = -1;
	else if (pos >= h->H)
		r = h->H;
	else
		r = (long)floor(pos);
	return L->py + (long)h->H - 1 - r;
}

static void
plot_line(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im, long x0, long y0, long x1, long y1,
    uint32_t rgb)
{
	liq__raster_line_clip(im, x0, y0, x1, y1, rgb, L->px, L->py, L->px + h->W,
	    L->py + h->H);
}

/* Pixel span [*x0, *x1) of columns [a, b) of N. */
static void
col_span(const struct liq_raster_heatmap *h, uint64_t a, uint64_t b,
    uint64_t N, long *x0, long *x1)
{
	*x0 = (long)(a * h->W / N);
	*x1 = (long)((b * h->W + N - 1) / N);
	if (*x1 <= *x0)
		*x1 = *x0 + 1;
}

/* The close line: the last close over each pixel column, joined. */
static int
draw_close(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	double *close;
	long prev = LONG_MIN;

	if ((close = malloc(sizeof(double) * h->W)) == NULL)
		return LIQ_ENOMEM;
	for (uint32_t x = 0; x < h->W; x++)
		close[x] = NAN;
	for (uint32_t i = 0; i < h->cap && i * h->k < h->n; i++) {
		uint64_t a = i * h->k, b = a + h->k < h->n ? a + h->k : h->n;
		long x0, x1;

		if (isnan(h->pt[i].c))
			continue;
		col_span(h, a, b, L->N, &x0, &x1);
		for (long x = x0; x < x1 && x < (long)h->W; x++)
			close[x] = h->pt[i].c;
	}
	for (uint32_t x = 0; x < h->W; x++) {
		long y;

		if (isnan(close[x])) {
			prev = LONG_MIN;
			continue;
		}
		y = price_row(h, L, close[x]);
		for (int d = 0; d < L->s; d++)
			plot_line(h, L, im, L->px + (long)x - (prev != LONG_MIN),
			    (prev != LONG_MIN ? prev : y) + d, L->px + (long)x,
			    y + d, L->line);
		prev = y;
	}
	free(close);
	return 0;
}

/* Candles of about 6 pixels, each over a whole number of price groups. */
static int
draw_candles(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	uint64_t m = h->W / 6 ? h->W / 6 : 1;
	struct ohlc *cd;

	if (m > L->N)
		m = L->N;
	if ((cd = malloc(sizeof(*cd) * m)) == NULL)
		return LIQ_ENOMEM;
	for (uint64_t g = 0; g < m; g++)
		liq__ohlc_clear(&cd[g]);
	for (uint32_t i = 0; i < h->cap && i * h->k < h->n; i++) {
		uint64_t a = i * h->k, b = a + h->k < h->n ? a + h->k : h->n;
		uint64_t g = (a + b - 1) / 2 * m / L->N;

		cd[g] = liq__ohlc_join(cd[g], h->pt[i]);
	}
	for (uint64_t g = 0; g < m; g++) {
		long x0 = (long)(g * h->W / m), x1 = (long)((g + 1) * h->W / m);
		long w = (x1 - x0) * 6 / 10, cx = L->px + x0 + (x1 - x0 - 1) / 2;
		long yo, yc, yh, yl;
		uint32_t col;

		if (isnan(cd[g].o) || isnan(cd[g].c))
			continue;
		if (w < 1)
			w = 1;
		if (w % 2 == 0 && w > 1)
			w--;
		col = cd[g].c >= cd[g].o ? UP : DOWN;
		yo = price_row(h, L, cd[g].o);
		yc = price_row(h, L, cd[g].c);
		yh = price_row(h, L, isnan(cd[g].h) ? fmax(cd[g].o, cd[g].c) :
		    cd[g].h);
		yl = price_row(h, L, isnan(cd[g].l) ? fmin(cd[g].o, cd[g].c) :
		    cd[g].l);
		plot_line(h, L, im, cx, yh, cx, yl, col);
		for (long y = yo < yc ? yo : yc; y <= (yo < yc ? yc : yo); y++)
			plot_line(h, L, im, cx - w / 2, y, cx + w / 2, y, col);
	}
	free(cd);
	return 0;
}

/* The last known close, NaN if none. */
static double
last_close(const struct liq_raster_heatmap *h)
{
	double c = NAN;

	for (uint32_t i = 0; i < h->cap && i * h->k < h->n; i++)
		if (!isnan(h->pt[i].c))
			c = h->pt[i].c;
	return c;
}

static int
decimals(double step)
{
	int d = step >= 1 || !(step > 0) ? 0 : (int)ceil(-log10(step) - 1e-9);

	return d > 10 ? 10 : d;
}

const char *
liq__raster_quote(const char *sym)
{
	static const char *const q[] = { "USDT", "USDC", "FDUSD", "BUSD",
		"USD", "EUR", "BTC", "ETH" };

	for (size_t i = 0; i < sizeof(q) / sizeof(*q); i++)
		if (strstr(sym, q[i]) != NULL && strncmp(sym, q[i],
		    strlen(q[i])) != 0)
			return q[i];
	return "quote";
}

/* The colour bar's unit: "USDT per 0.1%" (the density of heatmap.c). */
static const char *
unit_label(const struct liq_raster_heatmap *h, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s", liq__raster_quote(h->g.symbol), LIQ_RASTER_UNIT);
	return buf;
}

static void
draw_price_axis(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	double t[64], step;
	int n, s = L->s, d;
	long last = LONG_MAX;
	char buf[64];

	n = liq_raster_ticks(h->g.price_min, h->g.price_max,
	    (int)(h->H / (uint32_t)(50 * s)) + 1, t, 64, &step);
	d = decimals(step);
	for (int i = 0; i < n; i++) {
		double pos = price_pos(h, t[i]);
		long y;

		if (!(pos >= 0 && pos < h->H))
			continue;
		y = L->py + (long)h->H - 1 - (long)floor(pos);
		if (last - y < 11 * s)
			continue;	/* crowded (log axis) */
		last = y;
		liq_raster_rect(im, L->px + h->W + 1, y, 4 * s, s, DIM);
		snprintf(buf, sizeof(buf), "%.*f", d, t[i]);
		liq_raster_text(im, L->axis_x, y - 3 * s, buf, TEXT, s);
	}
}

/* Width of the widest price label, for the layout. */
static int
price_label_width(const struct liq_raster_heatmap *h, int s)
{
	double t[64], step, c = last_close(h);
	int n, d, w = 0;
	char buf[64];

	n = liq_raster_ticks(h->g.price_min, h->g.price_max,
	    (int)(h->H / (uint32_t)(50 * s)) + 1, t, 64, &step);
	d = decimals(step);
	for (int i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%.*f", d, t[i]);
		if (liq_raster_text_width(buf, s) > w)
			w = liq_raster_text_width(buf, s);
	}
	if (!isnan(c)) {
		snprintf(buf, sizeof(buf), "%.*f", d + 1, c);
		if (liq_raster_text_width(buf, s) + 4 * s > w)
			w = liq_raster_text_width(buf, s) + 4 * s;
	}
	return w;
}

static void
draw_last_price(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	double c = last_close(h), step, t[64];
	double pos = price_pos(h, c);
	int s = L->s, d, w;
	long y;
	char buf[64];

	if (!(pos >= 0 && pos < h->H))
		return;
	liq_raster_ticks(h->g.price_min, h->g.price_max,
	    (int)(h->H / (uint32_t)(50 * s)) + 1, t, 64, &step);
	d = decimals(step) + 1;
	snprintf(buf, sizeof(buf), "%.*f", d, c);
	w = liq_raster_text_width(buf, s);
	y = L->py + (long)h->H - 1 - (long)floor(pos);
	/* a pointer at the plot's edge and a box with the price */
	for (int i = 0; i < 4 * s; i++)
		liq_raster_rect(im, L->px + h->W + 1 + i, y - i / 2,
		    1, 1 + i / 2 * 2, L->line);
	liq_raster_rect(im, L->axis_x - 2 * s, y - 5 * s, w + 4 * s, 11 * s,
	    L->line);
	liq_raster_text(im, L->axis_x, y - 3 * s, buf, 0x000000, s);
}

static void
draw_time_axis(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	int64_t t0 = h->g.start_ms, span = (int64_t)L->N * h->g.step_ms;
	int64_t t[256], step;
	int n, s = L->s;
	long right = LONG_MIN, dright = LONG_MIN;
	long y = L->time_y;
	char lab[32], date[32], prevdate[32] = "";

	n = liq_raster_time_ticks(t0, t0 + span,
	    (int)(h->W / (uint32_t)(80 * s)) + 1, t, 256, &step);
	for (int i = 0; i < n; i++) {
		long x = L->px + (long)floor((double)(t[i] - t0) / (double)span *
		    h->W);
		int w, dw;

		if (x >= L->px + (long)h->W)
			x = L->px + h->W - 1;
		if (step < DAY_MS) {
			liq__raster_time_format(t[i], "%H:%M", lab, sizeof(lab));
			liq__raster_time_format(t[i], "%Y-%m-%d", date, sizeof(date));
		} else if (step < 28 * DAY_MS) {
			liq__raster_time_format(t[i], "%m-%d", lab, sizeof(lab));
			liq__raster_time_format(t[i], "%Y", date, sizeof(date));
		} else {
			liq__raster_time_format(t[i], "%Y-%m", lab, sizeof(lab));
			date[0] = '\0';
		}
		w = liq_raster_text_width(lab, s);
		if (x - w / 2 < right + 4 * s)
			continue;
		liq_raster_rect(im, x, y, s, 4 * s, DIM);
		liq_raster_text(im, x - w / 2, y + 6 * s, lab, TEXT, s);
		right = x + w / 2;
		dw = liq_raster_text_width(date, s);
		if (date[0] && strcmp(date, prevdate) != 0 &&
		    x - dw / 2 >= dright + 4 * s) {
			liq_raster_text(im, x - dw / 2, y + 16 * s, date, DIM, s);
			dright = x + dw / 2;
			memcpy(prevdate, date, sizeof(date));
		}
	}
}

static void
draw_colour_bar(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	int s = L->s, n = 0;
	long bw = 12 * s, lx = L->bar_x + bw + 4 * s, last;
	double t[64], step, top = h->top;
	char buf[64];

	double uf = liq_raster_scale_apply(h->o.scale, h->floor, top);

	for (uint32_t i = 0; i < h->H; i++) {
		double u = h->H > 1 ? (double)(h->H - 1 - i) / (h->H - 1) : 1;

		if (u < uf)
			u = 0;	/* under the floor: drawn as 0 */

		if (h->planes == 2) {
			liq_raster_rect(im, L->bar_x, L->py + i, bw / 2, 1,
			    liq_raster_cmap_rgb(h->o.cmap, 0, u));
			liq_raster_rect(im, L->bar_x + bw / 2, L->py + i,
			    bw - bw / 2, 1, liq_raster_cmap_rgb(h->o.cmap, 1, u));
		} else
			liq_raster_rect(im, L->bar_x, L->py + i, bw, 1,
			    liq_raster_cmap_rgb(h->o.cmap, 0, u));
	}
	liq_raster_text(im, L->bar_x, L->py - 13 * s, unit_label(h, buf,
	    sizeof(buf)), TEXT, s);
	/* the top, then round values below that do not crowd it */
	last = L->py;
	liq_raster_text(im, lx, last - 3 * s, liq_raster_format_si(top, buf,
	    sizeof(buf)), TEXT, s);
	if (!(top > 0))
		return;
	if (h->o.scale == LIQ_RASTER_LOG) {
		t[n++] = 0;
		for (double v = pow(10, ceil(log10(top / 1000))); v < top &&
		    n < 64; v *= 10)
			t[n++] = v;
	} else
		n = liq_raster_ticks(0, top, 5, t, 64, &step);
	for (int i = n - 1; i >= 0; i--) {
		double u = liq_raster_scale_apply(h->o.scale, t[i], top);
		long y = L->py + (long)lround((1 - u) * (h->H - 1));

		if (y - last < 11 * s)
			continue;
		last = y;
		liq_raster_text(im, lx, y - 3 * s, liq_raster_format_si(t[i],
		    buf, sizeof(buf)), TEXT, s);
	}
}

/* The last column's longs and shorts per pixel row, as bars. */
static int
draw_profile(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	double *v, max = 0, c = last_close(h), pos;
	long x0 = L->prof_x, w = L->prof_w;
	char buf[128], num[32];

	if ((v = calloc(2 * (size_t)h->H, sizeof(double))) == NULL)
		return LIQ_ENOMEM;
	liq__heatmap_rows(h, h->last, v);
	liq__heatmap_rows(h, h->last + h->nb, v + h->H);
	for (uint32_t r = 0; r < h->H; r++)
		if (v[r] + v[h->H + r] > max)
			max = v[r] + v[h->H + r];
	liq_raster_rect(im, x0, L->py, w, h->H, PANEL);
	for (uint32_t r = 0; r < h->H && max > 0; r++) {
		long y = L->py + (long)h->H - 1 - (long)r;
		long a = lround(v[r] / max * (double)w);
		long b = lround((v[r] + v[h->H + r]) / max * (double)w);

		liq_raster_rect(im, x0, y, a, 1, PROF_L);
		liq_raster_rect(im, x0 + a, y, b - a, 1, PROF_S);
	}
	pos = price_pos(h, c);
	if (h->o.price && pos >= 0 && pos < h->H)
		liq_raster_rect(im, x0, L->py + (long)h->H - 1 -
		    (long)floor(pos), w, L->s, L->line);
	if (h->o.axes) {
		char unit[64];

		/* the longest bar's density, with as much of its unit as fits */
		liq_raster_format_si(max / h->nb, num, sizeof(num));
		snprintf(buf, sizeof(buf), "last: %s %s", num, unit_label(h,
		    unit, sizeof(unit)));
		if (liq_raster_text_width(buf, L->s) > w)
			snprintf(buf, sizeof(buf), "last: %s %s", num,
			    LIQ_RASTER_UNIT);
		if (liq_raster_text_width(buf, L->s) > w)
			snprintf(buf, sizeof(buf), "last: %s", num);
		liq_raster_text(im, x0, L->py - 13 * L->s, buf, TEXT, L->s);
	}
	free(v);
	return 0;
}

/* The plot's colours, from the pixel sums and the top of the scale. */
static int
draw_plot(struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	uint32_t *lut;
	size_t plane = (size_t)h->W * h->H;
	const float *a0 = h->acc,
	    *a1 = h->acc + (size_t)(h->planes - 1) * plane;

	if ((lut = malloc(sizeof(*lut) * LUT_N * (size_t)h->planes)) == NULL)
		return LIQ_ENOMEM;
	for (int p = 0; p < h->planes; p++)
		for (int i = 0; i < LUT_N; i++)
			lut[p * LUT_N + i] = liq_raster_cmap_rgb(h->o.cmap, p,
			    (double)i / (LUT_N - 1));
	for (uint32_t x = 0; x < h->W; x++)
		for (uint32_t r = 0; r < h->H; r++) {
			size_t k = (size_t)x * h->H + r;
			double lo = a0[k], sh = h->planes == 2 ? a1[k] : 0;
			double u;
			int i;
			uint32_t c;

			if (lo + sh < h->floor)
				lo = sh = 0;	/* under the floor: as empty */
			u = liq_raster_scale_apply(h->o.scale, lo + sh,
			    h->top);
			i = (int)lround(u * (LUT_N - 1));
			c = lut[i];

			if (h->planes == 2 && lo + sh > 0) {
				uint32_t cs = lut[LUT_N + i];
				double f = lo / (lo + sh);

				c = LIQ_RGB(lround(f * LIQ_CH_R(c) + (1 - f) * LIQ_CH_R(cs)),
				    lround(f * LIQ_CH_G(c) + (1 - f) * LIQ_CH_G(cs)),
				    lround(f * LIQ_CH_B(c) + (1 - f) * LIQ_CH_B(cs)));
			}
			liq_raster_pixel(im, L->px + x,
			    L->py + (long)h->H - 1 - r, c);
		}
	free(lut);
	return 0;
}

/* The time in the grid's param key (ISO 8601 or epoch ms) into *ms. */
static int
param_time(const struct liq_raster_heatmap *h, const char *key, int64_t *ms)
{
	char buf[64];

	if (liq_grid_param(&h->g, key, buf, sizeof(buf)) == NULL)
		return -1;
	return liq_parse_time(buf, strlen(buf), ms);
}

/*
 * The title's window is the data's span when the grid records it
 * (data_from, the first bar's open time, and data_to, the end of the
 * last bar: liq-estimate's params), else the columns' span: columns may
 * start before the first bar and end after the last.
 */
static void
default_title(struct liq_raster_heatmap *h, uint64_t N)
{
	char a[32], b[32], d[32];
	int64_t from = h->g.start_ms, to = h->g.start_ms + (int64_t)N *
	    h->g.step_ms, df, dt;

	if (h->title[0] != '\0')
		return;
	if (param_time(h, "data_from", &df) == 0 &&
	    param_time(h, "data_to", &dt) == 0 && dt > df) {
		from = df;
		to = dt;
	}
	liq__raster_time_format(from, "%Y-%m-%d %H:%M", a, sizeof(a));
	liq__raster_time_format(to, "%Y-%m-%d %H:%M", b, sizeof(b));
	liq_duration_format(h->g.step_ms, d, sizeof(d));
	snprintf(h->title, sizeof(h->title), "%s %s  %s to %s UTC  %s columns",
	    h->g.venue, h->g.symbol, a, b, d);
}

int
liq_raster_heatmap_render(struct liq_raster_heatmap *h,
    struct liq_raster_image **imp, struct liq_error *e)
{
	struct liq_raster_image *im = NULL;
	struct layout L;
	uint64_t iw, ih;
	int rc, s;

	*imp = NULL;
	if (h->n == 0)
		return liq__heatmap_err(e, LIQ_EDATA, "the grid has no columns: nothing "
		    "to draw");
	memset(&L, 0, sizeof(L));
	L.N = h->g.ncols ? h->g.ncols : h->n;
	L.line = liq__raster_cmap_line(h->o.cmap);
	if ((rc = liq__heatmap_finish(h, L.N)) != 0)
		return liq__heatmap_err(e, rc, "out of memory");
	default_title(h, L.N);

	/* layout, left to right: plot, price axis, profile, colour bar */
	s = L.s = h->o.axes && h->W >= 1200 && h->H >= 600 ? 2 : 1;
	if (h->o.axes) {
		char buf[64];
		int lw = liq_raster_text_width(liq_raster_format_si(888.8e9, buf,
		    sizeof(buf)), s);
		int uw = liq_raster_text_width(unit_label(h, buf, sizeof(buf)),
		    s);

		L.px = 34 * s;
		L.py = 32 * s;
		L.axis_x = L.px + h->W + 8 * s;
		L.prof_x = L.axis_x + price_label_width(h, s) + 8 * s;
		if (h->o.profile) {
			L.prof_w = h->W / 5 < 60 ? 60 : h->W / 5;
			L.bar_x = L.prof_x + L.prof_w + 10 * s;
		} else
			L.bar_x = L.prof_x + 2 * s;
		iw = (uint64_t)(L.bar_x + 17 * s + lw + 8 * s);
		if (iw < (uint64_t)(L.bar_x + uw + 8 * s))	/* the unit */
			iw = (uint64_t)(L.bar_x + uw + 8 * s);
		L.gap = 6 * s;
		ih = (uint64_t)(L.py + 34 * s) + h->H;
	} else {
		L.prof_x = h->W + 4;
		L.prof_w = h->o.profile ? (h->W / 5 < 20 ? 20 : h->W / 5) : 0;
		iw = (uint64_t)(h->W + (h->o.profile ? 4 + L.prof_w : 0));
		L.gap = 4;
		ih = h->H;
	}
	/* the panels between the plot and the time axis */
	L.panels_y = L.py + h->H + L.gap;
	L.time_y = L.py + h->H + 1 + h->o.npanels *
	    (liq__heatmap_panel_height(h) + L.gap);
	ih += (uint64_t)h->o.npanels * (uint64_t)(liq__heatmap_panel_height(h) +
	    L.gap);
	if (iw > LIQ_RASTER_MAX_SIDE || ih > LIQ_RASTER_MAX_SIDE)
		return liq__heatmap_err(e, LIQ_EARG, "image too large");
	if ((rc = liq_raster_image_new(&im, (uint32_t)iw, (uint32_t)ih, BG,
	    e)) != 0)
		return rc;
	im->plot_x = (uint32_t)L.px;
	im->plot_y = (uint32_t)L.py;
	im->plot_w = h->W;
	im->plot_h = h->H;
	if ((rc = draw_plot(h, &L, im)) != 0)
		goto fail;
	if (h->o.price && (rc = (h->o.candles ? draw_candles(h, &L, im) :
	    draw_close(h, &L, im))) != 0)
		goto fail;
	if (h->o.profile && (rc = draw_profile(h, &L, im)) != 0)
		goto fail;
	if ((rc = liq__heatmap_panels_draw(h, im, L.N, L.px, L.panels_y, L.gap,
	    L.axis_x, s, h->o.axes, liq__raster_quote(h->g.symbol))) != 0)
		goto fail;
	if (h->o.axes) {
		long x0 = L.px - 1, y0 = L.py - 1, x1 = L.px + h->W,
		    y1 = L.py + h->H;

		liq_raster_line(im, x0, y0, x1, y0, FRAME);
		liq_raster_line(im, x0, y1, x1, y1, FRAME);
		liq_raster_line(im, x0, y0, x0, y1, FRAME);
		liq_raster_line(im, x1, y0, x1, y1, FRAME);
		draw_price_axis(h, &L, im);
		draw_time_axis(h, &L, im);
		if (h->o.price)
			draw_last_price(h, &L, im);
		draw_colour_bar(h, &L, im);
		liq_raster_text(im, L.px, 5 * s, h->title, TEXT, s);
	}
	*imp = im;
	return 0;
fail:
	liq_raster_image_free(im);
	return liq__heatmap_err(e, rc, "out of memory");
}
