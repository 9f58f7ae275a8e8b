/*
 * colormap.c - from a value to a colour: the colormaps, tables of sRGB
 * control points interpolated in CIELAB so that equal steps of the value
 * look like equal steps of colour, the value scales (linear, sqrt, log)
 * that map a notional to [0, 1] under the top of the scale, and the
 * percentile that picks that top.  Adding a colormap is a table of points
 * and a row of cmaps[] here, and its constant in liq_raster.h.
 */
#include <math.h>
#include <string.h>

#include "liq.h"
#include "raster_int.h"

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
	double r = lin(LIQ_CH_R(c) / 255.0), g = lin(LIQ_CH_G(c) / 255.0),
	    b = lin(LIQ_CH_B(c) / 255.0);
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

	return LIQ_RGB((unsigned)lround(unlin(r) * 255),
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

/*
 * Each colormap: its name, its ramps (the same twice for one that has no
 * sides), and the colour the price is drawn in over it, one that stands
 * out against every colour of the ramps.
 */
static const struct {
	const char *name;
	const uint32_t *pts[2];
	int n[2];
	int sides;
	uint32_t line;
} cmaps[LIQ_RASTER_NCMAPS] = {
#define N(a) (int)(sizeof(a) / sizeof(*(a)))
	[LIQ_RASTER_VIRIDIS] = { "viridis", { viridis_pts, viridis_pts },
	    { N(viridis_pts), N(viridis_pts) }, 1, 0xffffff },
	[LIQ_RASTER_INFERNO] = { "inferno", { inferno_pts, inferno_pts },
	    { N(inferno_pts), N(inferno_pts) }, 1, 0x4fd8ff },
	[LIQ_RASTER_LONGSHORT] = { "longshort", { long_pts, short_pts },
	    { N(long_pts), N(short_pts) }, 2, 0x4fb4ff },
	[LIQ_RASTER_GRAY] = { "gray", { gray_pts, gray_pts },
	    { N(gray_pts), N(gray_pts) }, 1, 0xff8c1a },
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

static int
cmap_ok(int cmap)
{
	return cmap >= 0 && cmap < LIQ_RASTER_NCMAPS ? cmap :
	    LIQ_RASTER_VIRIDIS;
}

int
liq__raster_cmap_sides(int cmap)
{
	return cmaps[cmap_ok(cmap)].sides;
}

uint32_t
liq__raster_cmap_line(int cmap)
{
	return cmaps[cmap_ok(cmap)].line;
}

uint32_t
liq_raster_cmap_rgb(int cmap, int side, double t)
{
	const uint32_t *p;
	struct lab a, b, m;
	double u, f;
	int n, i;

	cmap = cmap_ok(cmap);
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
