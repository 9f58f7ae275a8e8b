/*
 * raster.c - the picture side of liq: an RGB image with clipped drawing
 * and a PPM writer, colormaps interpolated in CIELAB, value scales and
 * percentiles, round axis ticks for prices and UTC times, and the heatmap
 * renderer that turns a grid's columns, streamed once, into an image with
 * a price line or candles, axes, a colour bar and a profile panel.
 *
 * The heatmap resamples by exact area average: bin i covers [i*H,
 * (i+1)*H) and pixel row r covers [r*nbins, (r+1)*nbins) on a common
 * integer axis, and likewise column j covers [j*W, (j+1)*W) and pixel
 * column x covers [x*N, (x+1)*N) for N columns; a pixel is the sum of the
 * cells times their overlaps divided by its area.  Each column costs
 * O(nbins + H), never a pass over the whole grid.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "liq.h"

#define RGB(r, g, b)	(((uint32_t)(r) << 16) | ((uint32_t)(g) << 8) | (b))
#define CH_R(c)		(((c) >> 16) & 0xff)
#define CH_G(c)		(((c) >> 8) & 0xff)
#define CH_B(c)		((c) & 0xff)

/* ------------------------------------------------------------ image */

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
	p[0] = CH_R(rgb);
	p[1] = CH_G(rgb);
	p[2] = CH_B(rgb);
}

uint32_t
liq_raster_get(const struct liq_raster_image *im, long x, long y)
{
	const unsigned char *p;

	if (x < 0 || y < 0 || x >= (long)im->width || y >= (long)im->height)
		return 0;
	p = im->rgb + ((size_t)y * im->width + (size_t)x) * 3;
	return RGB(p[0], p[1], p[2]);
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
			p[0] = CH_R(rgb);
			p[1] = CH_G(rgb);
			p[2] = CH_B(rgb);
		}
	}
}

/* A line (Bresenham) drawn only inside [cx0, cx1) x [cy0, cy1). */
static void
line_clip(struct liq_raster_image *im, long x0, long y0, long x1, long y1,
    uint32_t rgb, long cx0, long cy0, long cx1, long cy1)
{
	long dx = labs(x1 - x0), dy = -labs(y1 - y0);
	long sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;

	for (;;) {
		if (x0 >= cx0 && x0 < cx1 && y0 >= cy0 && y0 < cy1)
			liq_raster_pixel(im, x0, y0, rgb);
		if (x0 == x1 && y0 == y1)
			break;
		if (2 * err >= dy) {
			err += dy;
			x0 += sx;
		}
		if (2 * err <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

void
liq_raster_line(struct liq_raster_image *im, long x0, long y0, long x1,
    long y1, uint32_t rgb)
{
	line_clip(im, x0, y0, x1, y1, rgb, 0, 0, im->width, im->height);
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

/* ------------------------------------------------------------ colour */

/*
 * sRGB (IEC 61966-2-1) <-> CIELAB with the D65 white; the matrices are
 * those of the sRGB standard.
 */
struct lab {
	double l, a, b;
};

static double
lin(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double
unlin(double c)
{
	c = c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055;
	return c < 0 ? 0 : c > 1 ? 1 : c;
}

static double
lab_f(double t)
{
	const double d = 6.0 / 29;

	return t > d * d * d ? cbrt(t) : t / (3 * d * d) + 4.0 / 29;
}

static double
lab_finv(double t)
{
	const double d = 6.0 / 29;

	return t > d ? t * t * t : 3 * d * d * (t - 4.0 / 29);
}

static struct lab
to_lab(uint32_t c)
{
	double r = lin(CH_R(c) / 255.0), g = lin(CH_G(c) / 255.0),
	    b = lin(CH_B(c) / 255.0);
	double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
	double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
	double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
	double fx = lab_f(x / 0.95047), fy = lab_f(y), fz = lab_f(z / 1.08883);
	struct lab o = { 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz) };

	return o;
}

static uint32_t
from_lab(struct lab c)
{
	double fy = (c.l + 16) / 116, fx = fy + c.a / 500, fz = fy - c.b / 200;
	double x = 0.95047 * lab_finv(fx), y = lab_finv(fy),
	    z = 1.08883 * lab_finv(fz);
	double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
	double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
	double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;

	return RGB((unsigned)lround(unlin(r) * 255),
	    (unsigned)lround(unlin(g) * 255), (unsigned)lround(unlin(b) * 255));
}

/* Control points, sRGB, at even steps of t (matplotlib's are at 0, .1, ..) */
static const uint32_t viridis_pts[] = { 0x440154, 0x482475, 0x414487,
	0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xbddf26,
	0xfde725 };
static const uint32_t inferno_pts[] = { 0x000004, 0x160b39, 0x420a68,
	0x6a176e, 0x932667, 0xbc3754, 0xdd513a, 0xf37819, 0xfca50a, 0xf6d746,
	0xfcffa4 };
static const uint32_t gray_pts[] = { 0x000000, 0xffffff };
static const uint32_t long_pts[] = { 0x000000, 0x5a0c0c, 0xb4201e,
	0xf0503c, 0xffa08c };
static const uint32_t short_pts[] = { 0x000000, 0x0a4a1e, 0x168c3c,
	0x3cd264, 0xaaffb4 };

static const struct {
	const char *name;
	const uint32_t *pts[2];
	int n[2];
} cmaps[LIQ_RASTER_NCMAPS] = {
#define N(a) (int)(sizeof(a) / sizeof(*(a)))
	[LIQ_RASTER_VIRIDIS] = { "viridis", { viridis_pts, viridis_pts },
	    { N(viridis_pts), N(viridis_pts) } },
	[LIQ_RASTER_INFERNO] = { "inferno", { inferno_pts, inferno_pts },
	    { N(inferno_pts), N(inferno_pts) } },
	[LIQ_RASTER_LONGSHORT] = { "longshort", { long_pts, short_pts },
	    { N(long_pts), N(short_pts) } },
	[LIQ_RASTER_GRAY] = { "gray", { gray_pts, gray_pts },
	    { N(gray_pts), N(gray_pts) } },
#undef N
};

int
liq_raster_cmap_parse(const char *name)
{
	for (int i = 0; i < LIQ_RASTER_NCMAPS; i++)
		if (strcmp(name, cmaps[i].name) == 0)
			return i;
	if (strcmp(name, "grey") == 0)
		return LIQ_RASTER_GRAY;
	return -1;
}

const char *
liq_raster_cmap_name(int cmap)
{
	return cmap >= 0 && cmap < LIQ_RASTER_NCMAPS ? cmaps[cmap].name : "?";
}

uint32_t
liq_raster_cmap_rgb(int cmap, int side, double t)
{
	const uint32_t *p;
	struct lab a, b, m;
	double u, f;
	int n, i;

	if (cmap < 0 || cmap >= LIQ_RASTER_NCMAPS)
		cmap = LIQ_RASTER_VIRIDIS;
	side = side != 0;
	p = cmaps[cmap].pts[side];
	n = cmaps[cmap].n[side];
	if (!(t > 0))
		return p[0];
	if (t >= 1)
		return p[n - 1];
	u = t * (n - 1);
	i = (int)u;
	f = u - i;
	if (f == 0)
		return p[i];
	a = to_lab(p[i]);
	b = to_lab(p[i + 1]);
	m.l = a.l + f * (b.l - a.l);
	m.a = a.a + f * (b.a - a.a);
	m.b = a.b + f * (b.b - a.b);
	return from_lab(m);
}

/* ------------------------------------------------------------ scales */

static const char *const scale_names[] = { "linear", "sqrt", "log" };

int
liq_raster_scale_parse(const char *name)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, scale_names[i]) == 0)
			return i;
	return -1;
}

const char *
liq_raster_scale_name(int scale)
{
	return scale >= 0 && scale < 3 ? scale_names[scale] : "?";
}

double
liq_raster_scale_apply(int scale, double v, double max)
{
	double r;

	if (!(max > 0) || !(v > 0))
		return 0;
	r = v / max;
	if (r >= 1)
		return 1;
	switch (scale) {
	case LIQ_RASTER_LINEAR:
		return r;
	case LIQ_RASTER_LOG:
		return log10(1 + 999 * r) / 3;
	default:
		return sqrt(r);
	}
}

double
liq_raster_percentile(float *x, size_t n, double pct)
{
	long lo = 0, hi, k;
	double kk;

	if (n == 0)
		return 0;
	kk = ceil(pct / 100 * (double)n);
	k = kk < 1 ? 0 : kk > (double)n ? (long)n - 1 : (long)kk - 1;
	hi = (long)n - 1;
	/* selection (Hoare partition, median-of-three pivot) */
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2, i = lo, j = hi;
		float a = x[lo], b = x[mid], c = x[hi], p;

		p = a < b ? (b < c ? b : a < c ? c : a) :
		    (a < c ? a : b < c ? c : b);
		while (i <= j) {
			while (x[i] < p)
				i++;
			while (x[j] > p)
				j--;
			if (i <= j) {
				float t = x[i];

				x[i++] = x[j];
				x[j--] = t;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return x[k];
}

/* ------------------------------------------------------------ ticks */

int
liq_raster_ticks(double lo, double hi, int target, double *t, int max,
    double *step)
{
	double raw, mag, s;
	double k0, k1;
	int n = 0;

	*step = 0;
	if (!(hi > lo) || !isfinite(lo) || !isfinite(hi) || max <= 0)
		return 0;
	if (target < 1)
		target = 1;
	raw = (hi - lo) / target;
	mag = pow(10, floor(log10(raw)));
	s = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag :
	    raw <= 5 * mag ? 5 * mag : 10 * mag;
	k0 = ceil(lo / s - 1e-9);
	k1 = floor(hi / s + 1e-9);
	for (double k = k0; k <= k1 && n < max; k++)
		t[n++] = k * s;
	*step = s;
	return n;
}

#define MIN_MS	INT64_C(60000)
#define HOUR_MS	INT64_C(3600000)
#define DAY_MS	INT64_C(86400000)

static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int
liq_raster_time_ticks(int64_t lo_ms, int64_t hi_ms, int target, int64_t *t,
    int max, int64_t *step_ms)
{
	static const int64_t steps[] = { MIN_MS, 2 * MIN_MS, 5 * MIN_MS,
		10 * MIN_MS, 15 * MIN_MS, 30 * MIN_MS, HOUR_MS, 2 * HOUR_MS,
		3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 2 * DAY_MS,
		7 * DAY_MS, 14 * DAY_MS };
	static const int months[] = { 1, 2, 3, 6, 12 };
	int64_t span = hi_ms - lo_ms;
	int n = 0;
	size_t i;

	*step_ms = 0;
	if (hi_ms < lo_ms || max <= 0)
		return 0;
	if (target < 1)
		target = 1;
	for (i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		int64_t s = steps[i], k;

		if (span / s > target)
			continue;
		for (k = floordiv(lo_ms + s - 1, s) * s; k <= hi_ms && n < max;
		    k += s)
			t[n++] = k;
		*step_ms = s;
		return n;
	}
	for (i = 0; i < sizeof(months) / sizeof(*months); i++) {
		int m = months[i];
		time_t sec = (time_t)floordiv(lo_ms, 1000);
		struct tm tm;
		int64_t mi;

		if (i + 1 < sizeof(months) / sizeof(*months) &&
		    span / (m * 30 * DAY_MS) > target)
			continue;
		if (gmtime_r(&sec, &tm) == NULL)
			return 0;
		mi = (int64_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
		mi = floordiv(mi + m - 1, m) * m;
		for (; n < max; mi += m) {
			int64_t ms = liq_days_from_civil(floordiv(mi, 12),
			    (unsigned)(mi - floordiv(mi, 12) * 12) + 1, 1) *
			    DAY_MS;

			if (ms < lo_ms)
				continue;
			if (ms > hi_ms)
				break;
			t[n++] = ms;
		}
		*step_ms = m * 30 * DAY_MS;
		break;
	}
	return n;
}

char *
liq_raster_format_si(double v, char *buf, size_t len)
{
	static const char *const suf[] = { "", "K", "M", "B", "T" };
	int u = 0;

	if (!isfinite(v)) {
		snprintf(buf, len, "%s", "?");
		return buf;
	}
	if (fabs(v) < 1e-9)
		v = 0;		/* never "-0" or "-1e-17" on a label */
	while (fabs(v) >= 999.5 && u < 4) {
		v /= 1000;
		u++;
	}
	if (fabs(v) >= 999.5)
		snprintf(buf, len, "%.0f%s", v, suf[u]);
	else
		snprintf(buf, len, "%.3g%s", v, suf[u]);
	return buf;
}

/* ------------------------------------------------------------ heatmap */

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

void
liq_raster_options_init(struct liq_raster_options *o)
{
	memset(o, 0, sizeof(*o));
	o->width = 1600;
	o->height = 900;
	o->cmap = LIQ_RASTER_VIRIDIS;
	o->scale = LIQ_RASTER_SQRT;
	o->max_pct = 99.5;
	o->price = 1;
	o->axes = 1;
}

/* What a column or a group of columns traded at (NaN: unknown). */
struct ohlc {
	double o, h, l, c;
};

struct liq_raster_heatmap {
	struct liq_grid_info g;
	struct liq_raster_options o;
	char title[512];
	uint32_t W, H, nb;
	int planes;		/* 2 for longshort: longs and shorts apart */
	uint64_t n;		/* columns added */
	int64_t next_ms;
	uint32_t *row0;		/* the first pixel row each bin touches */
	double *v;		/* planes x H: the current column in rows */
	float *acc;		/* planes x W x H pixel sums, x-major */
	float *slot;		/* ncols unknown: planes x cap x H */
	uint32_t cap;		/* slots and price groups: 2 W */
	uint64_t k;		/* columns per slot and price group */
	struct ohlc *pt;	/* cap price groups */
	float *last;		/* profile: last column's long, short bins */
	double top;
};

static void
ohlc_clear(struct ohlc *p)
{
	p->o = p->h = p->l = p->c = NAN;
}

static double
price_ok(double x)
{
	return x > 0 && isfinite(x) ? x : NAN;
}

/* a followed by b */
static struct ohlc
ohlc_join(struct ohlc a, struct ohlc b)
{
	struct ohlc r;

	r.o = isnan(a.o) ? b.o : a.o;
	r.c = isnan(b.c) ? a.c : b.c;
	r.h = fmax(a.h, b.h);
	r.l = fmin(a.l, b.l);
	return r;
}

void
liq_raster_heatmap_free(struct liq_raster_heatmap *h)
{
	if (h == NULL)
		return;
	free(h->row0);
	free(h->v);
	free(h->acc);
	free(h->slot);
	free(h->pt);
	free(h->last);
	free(h);
}

static int
herr(struct liq_error *e, int code, const char *msg)
{
	return liq_error_set(e, code, NULL, 0, NULL, NULL, 0, "%s", msg);
}

int
liq_raster_heatmap_new(struct liq_raster_heatmap **hp,
    const struct liq_grid_info *g, const struct liq_raster_options *o,
    struct liq_error *e)
{
	struct liq_raster_heatmap *h;
	size_t plot;
	uint32_t i;

	*hp = NULL;
	if (o->width < 4 || o->height < 4 || o->width > 16384 ||
	    o->height > 16384 ||
	    (uint64_t)o->width * o->height > LIQ_RASTER_MAX_PIXELS / 2)
		return herr(e, LIQ_EARG, "plot size out of range "
		    "(4 to 16384 pixels a side)");
	if (o->cmap < 0 || o->cmap >= LIQ_RASTER_NCMAPS ||
	    o->scale < LIQ_RASTER_LINEAR || o->scale > LIQ_RASTER_LOG)
		return herr(e, LIQ_EARG, "unknown colormap or scale");
	if (!(o->max_value >= 0) || !isfinite(o->max_value) ||
	    (o->max_value == 0 && !(o->max_pct > 0 && o->max_pct <= 100)))
		return herr(e, LIQ_EARG, "bad top of scale");
	if (g->nbins == 0 || g->nbins > LIQ_GRID_MAX_BINS ||
	    !(g->price_max > g->price_min) || !(g->price_min > 0) ||
	    g->step_ms <= 0)
		return herr(e, LIQ_EARG, "bad grid axes");
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return herr(e, LIQ_ENOMEM, "out of memory");
	h->g = *g;
	h->o = *o;
	if (o->title != NULL)
		snprintf(h->title, sizeof(h->title), "%s", o->title);
	h->o.title = NULL;
	h->W = o->width;
	h->H = o->height;
	h->nb = g->nbins;
	h->planes = o->cmap == LIQ_RASTER_LONGSHORT ? 2 : 1;
	h->next_ms = g->start_ms;
	h->cap = 2 * h->W;
	h->k = 1;
	plot = (size_t)h->W * h->H * h->planes;
	if ((h->row0 = malloc(sizeof(*h->row0) * h->nb)) == NULL ||
	    (h->v = malloc(sizeof(*h->v) * h->H * h->planes)) == NULL ||
	    (h->pt = malloc(sizeof(*h->pt) * h->cap)) == NULL ||
	    (g->ncols ? (h->acc = calloc(plot, sizeof(float))) == NULL :
	    (h->slot = calloc(plot * 2, sizeof(float))) == NULL) ||
	    (o->profile && (h->last = calloc(2 * (size_t)h->nb,
	    sizeof(float))) == NULL)) {
		liq_raster_heatmap_free(h);
		return herr(e, LIQ_ENOMEM, "out of memory");
	}
	for (i = 0; i < h->nb; i++)
		h->row0[i] = (uint32_t)((uint64_t)i * h->H / h->nb);
	for (i = 0; i < h->cap; i++)
		ohlc_clear(&h->pt[i]);
	*hp = h;
	return 0;
}

/*
 * Add the bins x to out[0..H) as rows: out[r] += x[i] * overlap(i, r), the
 * overlap in units where a bin is H long and a row nbins (divide by nbins
 * for the mean).  Returns whether any cell was non-zero.
 */
static int
to_rows(const struct liq_raster_heatmap *h, const float *x, double *out)
{
	uint64_t H = h->H, nb = h->nb;
	int any = 0;

	for (uint32_t i = 0; i < h->nb; i++) {
		uint64_t lo, hi, rl;
		uint32_t r;

		if (x[i] == 0)
			continue;
		any = 1;
		lo = i * H;
		hi = lo + H;
		r = h->row0[i];
		for (rl = r * nb; rl < hi; rl += nb, r++) {
			uint64_t a = rl > lo ? rl : lo;
			uint64_t b = rl + nb < hi ? rl + nb : hi;

			out[r] += (double)x[i] * (double)(b - a);
		}
	}
	return any;
}

/*
 * Spread v (planes x H rows, the sum of c columns times bin overlaps) over
 * the pixel columns that columns [a, b) of N fall in, weighted by overlap.
 */
static void
to_pixels(struct liq_raster_heatmap *h, float *acc, uint64_t a, uint64_t b,
    const double *v, uint64_t c, uint64_t N)
{
	uint64_t W = h->W, lo = a * W, hi = b * W, x = lo / N;
	double base = 1.0 / ((double)h->nb * (double)N * (double)c);

	for (; x < W && x * N < hi; x++) {
		uint64_t pl = x * N, ph = pl + N;
		double f = (double)((ph < hi ? ph : hi) - (pl > lo ? pl : lo)) *
		    base;

		for (int p = 0; p < h->planes; p++) {
			float *d = acc + ((size_t)p * W + x) * h->H;
			const double *s = v + (size_t)p * h->H;

			for (uint32_t r = 0; r < h->H; r++)
				d[r] += (float)(f * s[r]);
		}
	}
}

/* Halve the groups: slot and price group i become 2i and 2i + 1 joined. */
static void
merge_groups(struct liq_raster_heatmap *h)
{
	uint32_t half = h->cap / 2, i;
	size_t H = h->H;

	for (i = 0; i < half; i++)
		h->pt[i] = ohlc_join(h->pt[2 * i], h->pt[2 * i + 1]);
	for (; i < h->cap; i++)
		ohlc_clear(&h->pt[i]);
	if (h->slot != NULL)
		for (int p = 0; p < h->planes; p++) {
			float *s = h->slot + (size_t)p * h->cap * H;

			for (i = 0; i < half; i++)
				for (size_t r = 0; r < H; r++)
					s[i * H + r] = s[2 * i * H + r] +
					    s[(2 * i + 1) * H + r];
			memset(s + half * H, 0, half * H * sizeof(float));
		}
	h->k *= 2;
}

int
liq_raster_heatmap_add(struct liq_raster_heatmap *h,
    const struct liq_grid_column *c, struct liq_error *e)
{
	uint64_t j = h->n, grp;
	struct ohlc q;
	int any;

	if (c->time_ms != h->next_ms)
		return herr(e, LIQ_EARG, "heatmap column out of sequence");
	if (h->g.ncols && j >= h->g.ncols)
		return herr(e, LIQ_EARG, "more columns than the grid announced");
	memset(h->v, 0, sizeof(*h->v) * h->H * h->planes);
	any = to_rows(h, c->long_usd, h->v);
	any |= to_rows(h, c->short_usd, h->v + (h->planes - 1) * h->H);
	if ((grp = j / h->k) == h->cap) {
		merge_groups(h);
		grp = j / h->k;
	}
	q.o = price_ok(c->open);
	q.h = price_ok(c->high);
	q.l = price_ok(c->low);
	q.c = price_ok(c->close);
	h->pt[grp] = ohlc_join(h->pt[grp], q);
	if (any && h->acc != NULL)
		to_pixels(h, h->acc, j, j + 1, h->v, 1, h->g.ncols);
	else if (any)
		for (int p = 0; p < h->planes; p++) {
			float *s = h->slot + ((size_t)p * h->cap + grp) * h->H;
			const double *v = h->v + (size_t)p * h->H;

			for (uint32_t r = 0; r < h->H; r++)
				s[r] += (float)v[r];
		}
	if (h->last != NULL) {
		memcpy(h->last, c->long_usd, sizeof(float) * h->nb);
		memcpy(h->last + h->nb, c->short_usd, sizeof(float) * h->nb);
	}
	h->n++;
	h->next_ms += h->g.step_ms;
	return 0;
}

double
liq_raster_heatmap_top(const struct liq_raster_heatmap *h)
{
	return h->top;
}

/* ---------------------------------------------------- heatmap drawing */

/* Everything render needs about where things go. */
struct layout {
	int s;			/* font scale */
	long px, py;		/* plot's top-left corner */
	long axis_x;		/* price axis labels start */
	long prof_x, prof_w;	/* profile panel (prof_w 0: none) */
	long bar_x;		/* colour bar */
	uint64_t N;		/* columns across the plot */
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
	line_clip(im, x0, y0, x1, y1, rgb, L->px, L->py, L->px + h->W,
	    L->py + h->H);
}

static uint32_t
line_colour(int cmap)
{
	switch (cmap) {
	case LIQ_RASTER_INFERNO:
		return 0x4fd8ff;
	case LIQ_RASTER_GRAY:
		return 0xff8c1a;
	case LIQ_RASTER_LONGSHORT:
		return 0x4fb4ff;
	default:
		return 0xffffff;
	}
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
		ohlc_clear(&cd[g]);
	for (uint32_t i = 0; i < h->cap && i * h->k < h->n; i++) {
		uint64_t a = i * h->k, b = a + h->k < h->n ? a + h->k : h->n;
		uint64_t g = (a + b - 1) / 2 * m / L->N;

		cd[g] = ohlc_join(cd[g], h->pt[i]);
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

/* The quote currency as far as the symbol tells. */
static const char *
quote_name(const char *sym)
{
	static const char *const q[] = { "USDT", "USDC", "FDUSD", "BUSD",
		"USD", "EUR", "BTC", "ETH" };

	for (size_t i = 0; i < sizeof(q) / sizeof(*q); i++)
		if (strstr(sym, q[i]) != NULL && strncmp(sym, q[i],
		    strlen(q[i])) != 0)
			return q[i];
	return "quote";
}

static void
fmt_time(int64_t ms, const char *fmt, char *buf, size_t len)
{
	time_t sec = (time_t)floordiv(ms, 1000);
	struct tm tm;

	if (gmtime_r(&sec, &tm) == NULL || strftime(buf, len, fmt, &tm) == 0)
		snprintf(buf, len, "?");
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
	    (int)(h->H / (50 * s)) + 1, t, 64, &step);
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
		liq_font_draw(im, L->axis_x, y - 3 * s, buf, TEXT, s);
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
	    (int)(h->H / (50 * s)) + 1, t, 64, &step);
	d = decimals(step);
	for (int i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%.*f", d, t[i]);
		if (liq_font_width(buf, s) > w)
			w = liq_font_width(buf, s);
	}
	if (!isnan(c)) {
		snprintf(buf, sizeof(buf), "%.*f", d + 1, c);
		if (liq_font_width(buf, s) + 4 * s > w)
			w = liq_font_width(buf, s) + 4 * s;
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
	    (int)(h->H / (50 * s)) + 1, t, 64, &step);
	d = decimals(step) + 1;
	snprintf(buf, sizeof(buf), "%.*f", d, c);
	w = liq_font_width(buf, s);
	y = L->py + (long)h->H - 1 - (long)floor(pos);
	/* a pointer at the plot's edge and a box with the price */
	for (int i = 0; i < 4 * s; i++)
		liq_raster_rect(im, L->px + h->W + 1 + i, y - i / 2,
		    1, 1 + i / 2 * 2, L->line);
	liq_raster_rect(im, L->axis_x - 2 * s, y - 5 * s, w + 4 * s, 11 * s,
	    L->line);
	liq_font_draw(im, L->axis_x, y - 3 * s, buf, 0x000000, s);
}

static void
draw_time_axis(const struct liq_raster_heatmap *h, const struct layout *L,
    struct liq_raster_image *im)
{
	int64_t t0 = h->g.start_ms, span = (int64_t)L->N * h->g.step_ms;
	int64_t t[256], step;
	int n, s = L->s;
	long right = LONG_MIN, dright = LONG_MIN;
	long y = L->py + h->H + 1;
	char lab[32], date[32], prevdate[32] = "";

	n = liq_raster_time_ticks(t0, t0 + span, (int)(h->W / (80 * s)) + 1,
	    t, 256, &step);
	for (int i = 0; i < n; i++) {
		long x = L->px + (long)floor((double)(t[i] - t0) / (double)span *
		    h->W);
		int w, dw;

		if (x >= L->px + (long)h->W)
			x = L->px + h->W - 1;
		if (step < DAY_MS) {
			fmt_time(t[i], "%H:%M", lab, sizeof(lab));
			fmt_time(t[i], "%Y-%m-%d", date, sizeof(date));
		} else if (step < 28 * DAY_MS) {
			fmt_time(t[i], "%m-%d", lab, sizeof(lab));
			fmt_time(t[i], "%Y", date, sizeof(date));
		} else {
			fmt_time(t[i], "%Y-%m", lab, sizeof(lab));
			date[0] = '\0';
		}
		w = liq_font_width(lab, s);
		if (x - w / 2 < right + 4 * s)
			continue;
		liq_raster_rect(im, x, y, s, 4 * s, DIM);
		liq_font_draw(im, x - w / 2, y + 6 * s, lab, TEXT, s);
		right = x + w / 2;
		dw = liq_font_width(date, s);
		if (date[0] && strcmp(date, prevdate) != 0 &&
		    x - dw / 2 >= dright + 4 * s) {
			liq_font_draw(im, x - dw / 2, y + 16 * s, date, DIM, s);
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
	char buf[32];

	for (uint32_t i = 0; i < h->H; i++) {
		double u = h->H > 1 ? (double)(h->H - 1 - i) / (h->H - 1) : 1;

		if (h->planes == 2) {
			liq_raster_rect(im, L->bar_x, L->py + i, bw / 2, 1,
			    liq_raster_cmap_rgb(h->o.cmap, 0, u));
			liq_raster_rect(im, L->bar_x + bw / 2, L->py + i,
			    bw - bw / 2, 1, liq_raster_cmap_rgb(h->o.cmap, 1, u));
		} else
			liq_raster_rect(im, L->bar_x, L->py + i, bw, 1,
			    liq_raster_cmap_rgb(h->o.cmap, 0, u));
	}
	liq_font_draw(im, L->bar_x, L->py - 11 * s, quote_name(h->g.symbol),
	    TEXT, s);
	/* the top, then round values below that do not crowd it */
	last = L->py;
	liq_font_draw(im, lx, last - 3 * s, liq_raster_format_si(top, buf,
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
		liq_font_draw(im, lx, y - 3 * s, liq_raster_format_si(t[i],
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
	char buf[64], num[32];

	if ((v = calloc(2 * (size_t)h->H, sizeof(double))) == NULL)
		return LIQ_ENOMEM;
	to_rows(h, h->last, v);
	to_rows(h, h->last + h->nb, v + h->H);
	for (uint32_t r = 0; r < h->H; r++)
		if (v[r] + v[h->H + r] > max)
			max = v[r] + v[h->H + r];
	liq_raster_rect(im, x0, L->py, w, h->H, PANEL);
	for (uint32_t r = 0; r < h->H && max > 0; r++) {
		long y = L->py + (long)h->H - 1 - (long)r;
		long a = lround(v[r] / max * w);
		long b = lround((v[r] + v[h->H + r]) / max * w);

		liq_raster_rect(im, x0, y, a, 1, PROF_L);
		liq_raster_rect(im, x0 + a, y, b - a, 1, PROF_S);
	}
	pos = price_pos(h, c);
	if (h->o.price && pos >= 0 && pos < h->H)
		liq_raster_rect(im, x0, L->py + (long)h->H - 1 -
		    (long)floor(pos), w, L->s, L->line);
	if (h->o.axes) {
		snprintf(buf, sizeof(buf), "last: %s", liq_raster_format_si(
		    max / h->nb, num, sizeof(num)));
		liq_font_draw(im, x0, L->py - 11 * L->s, buf, TEXT, L->s);
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
	const float *a0 = h->acc, *a1 = h->acc + (h->planes - 1) * plane;

	if ((lut = malloc(sizeof(*lut) * LUT_N * h->planes)) == NULL)
		return LIQ_ENOMEM;
	for (int p = 0; p < h->planes; p++)
		for (int i = 0; i < LUT_N; i++)
			lut[p * LUT_N + i] = liq_raster_cmap_rgb(h->o.cmap, p,
			    (double)i / (LUT_N - 1));
	for (uint32_t x = 0; x < h->W; x++)
		for (uint32_t r = 0; r < h->H; r++) {
			size_t k = (size_t)x * h->H + r;
			double lo = a0[k], sh = h->planes == 2 ? a1[k] : 0;
			double u = liq_raster_scale_apply(h->o.scale, lo + sh,
			    h->top);
			int i = (int)lround(u * (LUT_N - 1));
			uint32_t c = lut[i];

			if (h->planes == 2 && lo + sh > 0) {
				uint32_t cs = lut[LUT_N + i];
				double f = lo / (lo + sh);

				c = RGB(lround(f * CH_R(c) + (1 - f) * CH_R(cs)),
				    lround(f * CH_G(c) + (1 - f) * CH_G(cs)),
				    lround(f * CH_B(c) + (1 - f) * CH_B(cs)));
			}
			liq_raster_pixel(im, L->px + x,
			    L->py + (long)h->H - 1 - r, c);
		}
	free(lut);
	return 0;
}

/* Columns buffered as slots (no column count known) onto the plot. */
static int
slots_to_plot(struct liq_raster_heatmap *h, uint64_t N)
{
	double *v;
	size_t H = h->H;

	if ((h->acc = calloc((size_t)h->W * H * h->planes,
	    sizeof(float))) == NULL ||
	    (v = malloc(sizeof(double) * H * h->planes)) == NULL)
		return LIQ_ENOMEM;
	for (uint32_t i = 0; i < h->cap && i * h->k < h->n; i++) {
		uint64_t a = i * h->k, b = a + h->k < h->n ? a + h->k : h->n;
		int any = 0;

		for (int p = 0; p < h->planes; p++)
			for (size_t r = 0; r < H; r++) {
				v[p * H + r] = h->slot[((size_t)p * h->cap + i) *
				    H + r];
				any |= v[p * H + r] != 0;
			}
		if (any)
			to_pixels(h, h->acc, a, b, v, b - a, N);
	}
	free(v);
	free(h->slot);
	h->slot = NULL;
	return 0;
}

/* The top of the scale: absolute, or a percentile of non-zero pixels. */
static int
find_top(struct liq_raster_heatmap *h)
{
	size_t plane = (size_t)h->W * h->H, m = 0;
	float *nz;

	if (h->o.max_value > 0) {
		h->top = h->o.max_value;
		return 0;
	}
	if ((nz = malloc(sizeof(float) * plane)) == NULL)
		return LIQ_ENOMEM;
	for (size_t k = 0; k < plane; k++) {
		float v = h->acc[k] + (h->planes == 2 ? h->acc[plane + k] : 0);

		if (v > 0)
			nz[m++] = v;
	}
	h->top = liq_raster_percentile(nz, m, h->o.max_pct);
	free(nz);
	return 0;
}

static void
default_title(struct liq_raster_heatmap *h, uint64_t N)
{
	char a[32], b[32], d[32];

	if (h->title[0] != '\0')
		return;
	fmt_time(h->g.start_ms, "%Y-%m-%d %H:%M", a, sizeof(a));
	fmt_time(h->g.start_ms + (int64_t)N * h->g.step_ms, "%Y-%m-%d %H:%M",
	    b, sizeof(b));
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
		return herr(e, LIQ_EDATA, "the grid has no columns: nothing "
		    "to draw");
	memset(&L, 0, sizeof(L));
	L.N = h->g.ncols ? h->g.ncols : h->n;
	L.line = line_colour(h->o.cmap);
	if (h->slot != NULL && (rc = slots_to_plot(h, L.N)) != 0)
		return herr(e, rc, "out of memory");
	if ((rc = find_top(h)) != 0)
		return herr(e, rc, "out of memory");
	default_title(h, L.N);

	/* layout, left to right: plot, price axis, profile, colour bar */
	s = L.s = h->o.axes && h->W >= 1200 && h->H >= 600 ? 2 : 1;
	if (h->o.axes) {
		char buf[32];
		int lw = liq_font_width(liq_raster_format_si(888.8e9, buf,
		    sizeof(buf)), s);

		L.px = 34 * s;
		L.py = 32 * s;
		L.axis_x = L.px + h->W + 8 * s;
		L.prof_x = L.axis_x + price_label_width(h, s) + 8 * s;
		if (h->o.profile) {
			L.prof_w = h->W / 5 < 60 ? 60 : h->W / 5;
			L.bar_x = L.prof_x + L.prof_w + 10 * s;
		} else
			L.bar_x = L.prof_x + 2 * s;
		iw = (uint64_t)L.bar_x + 17 * s + lw + 8 * s;
		ih = (uint64_t)L.py + h->H + 34 * s;
	} else {
		L.prof_x = h->W + 4;
		L.prof_w = h->o.profile ? (h->W / 5 < 20 ? 20 : h->W / 5) : 0;
		iw = h->W + (h->o.profile ? 4 + L.prof_w : 0);
		ih = h->H;
	}
	if (iw > LIQ_RASTER_MAX_SIDE || ih > LIQ_RASTER_MAX_SIDE)
		return herr(e, LIQ_EARG, "image too large");
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
		liq_font_draw(im, L.px, 5 * s, h->title, TEXT, s);
	}
	*imp = im;
	return 0;
fail:
	liq_raster_image_free(im);
	return herr(e, rc, "out of memory");
}
