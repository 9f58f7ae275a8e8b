/*
 * raster.c - unit tests of the raster: drawing on tiny images, text and
 * its width, the PPM writer, colormap end points and lightness, the value
 * scales and the percentile, price and time ticks, SI amounts, and a
 * heatmap of a grid small enough to check pixel by pixel.  Every expected
 * value is worked out by hand in the comment next to it.
 * Prints TAP-style "ok N - ..." lines; exits 1 if any check failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liq.h"
#include "tap.h"


static void
same_str(const char *got, const char *want, const char *what)
{
	int ok = strcmp(got, want) == 0;

	check(ok, what);
	if (!ok)
		printf("# got \"%s\", want \"%s\"\n", got, want);
}

/* The colour of pixel (x, y), read from the bytes (rows top down, RGB). */
static uint32_t
at(const struct liq_raster_image *im, uint32_t x, uint32_t y)
{
	const unsigned char *p = im->rgb + ((size_t)y * im->width + x) * 3;

	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

/* How many pixels of im have colour c. */
static int
count(const struct liq_raster_image *im, uint32_t c)
{
	int n = 0;

	for (uint32_t y = 0; y < im->height; y++)
		for (uint32_t x = 0; x < im->width; x++)
			n += at(im, x, y) == c;
	return n;
}

/* Are a and b the same colour within tol in each channel? */
static int
close_rgb(uint32_t a, uint32_t b, int tol)
{
	for (int sh = 0; sh <= 16; sh += 8) {
		int d = (int)((a >> sh) & 0xff) - (int)((b >> sh) & 0xff);

		if (d < -tol || d > tol)
			return 0;
	}
	return 1;
}

/* CIE L* of an sRGB colour (D65), computed here independently. */
static double
lightness(uint32_t c)
{
	double ch[3], y, f;

	for (int i = 0; i < 3; i++) {
		double v = ((c >> (16 - 8 * i)) & 0xff) / 255.0;

		ch[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	y = 0.2126729 * ch[0] + 0.7151522 * ch[1] + 0.0721750 * ch[2];
	f = y > 216.0 / 24389 ? cbrt(y) : (24389.0 / 27 * y + 16) / 116;
	return 116 * f - 16;
}

static void
test_draw(void)
{
	struct liq_raster_image *im;
	struct liq_error e;
	int ok;

	liq_error_clear(&e);
	check(liq_raster_image_new(&im, 4, 3, 0x102030, &e) == 0 &&
	    im->width == 4 && im->height == 3 && count(im, 0x102030) == 12,
	    "image 4x3 filled with the background");
	liq_raster_pixel(im, 1, 2, 0x123456);
	check(im->rgb[(2 * 4 + 1) * 3] == 0x12 &&
	    im->rgb[(2 * 4 + 1) * 3 + 1] == 0x34 &&
	    im->rgb[(2 * 4 + 1) * 3 + 2] == 0x56 && count(im, 0x123456) == 1,
	    "pixel (1,2) is bytes 27..29, R G B, and only that pixel");
	liq_raster_pixel(im, -1, 0, 0xffffff);
	liq_raster_pixel(im, 4, 0, 0xffffff);
	liq_raster_pixel(im, 0, 3, 0xffffff);
	liq_raster_pixel(im, 0, -1, 0xffffff);
	check(count(im, 0xffffff) == 0, "pixels outside the image are dropped");

	liq_raster_rect(im, 0, 0, 4, 3, 0);
	liq_raster_rect(im, -1, -1, 3, 2, 0xff0000);	/* x 0..1, y 0 */
	check(count(im, 0xff0000) == 2 && at(im, 0, 0) == 0xff0000 &&
	    at(im, 1, 0) == 0xff0000, "rect (-1,-1) 3x2 clipped to 2 pixels");
	liq_raster_rect(im, 1, 1, 2, 2, 0x00ff00);
	check(count(im, 0x00ff00) == 4 && at(im, 1, 1) == 0x00ff00 &&
	    at(im, 2, 2) == 0x00ff00 && at(im, 3, 2) == 0,
	    "rect (1,1) 2x2: 4 pixels, right and bottom edges exclusive");
	liq_raster_rect(im, 0, 0, 4, 3, 0);
	liq_raster_rect(im, 2, 1, 10, 10, 0xff00ff);
	check(count(im, 0xff00ff) == 4 && at(im, 3, 2) == 0xff00ff &&
	    at(im, 1, 2) == 0, "rect past the right and bottom edges: 2x2 "
	    "up to the last pixel");
	liq_raster_rect(im, 0, 0, 0, 3, 0x0000ff);
	liq_raster_rect(im, 2, 0, -1, 3, 0x0000ff);
	check(count(im, 0x0000ff) == 0, "empty and negative rects draw nothing");
	liq_raster_image_free(im);

	liq_raster_image_new(&im, 8, 8, 0, &e);
	liq_raster_line(im, 0, 0, 7, 7, 0xffffff);
	ok = count(im, 0xffffff) == 8;
	for (int i = 0; i < 8; i++)
		ok &= at(im, (uint32_t)i, (uint32_t)i) == 0xffffff;
	check(ok, "line (0,0)-(7,7): the 8 pixels of the diagonal");
	liq_raster_rect(im, 0, 0, 8, 8, 0);
	liq_raster_line(im, 6, 2, 1, 2, 0xffffff);
	liq_raster_line(im, 0, 7, 0, 3, 0xffffff);
	check(count(im, 0xffffff) == 11 && at(im, 1, 2) && at(im, 6, 2) &&
	    at(im, 0, 3) && at(im, 0, 7) && !at(im, 0, 2),
	    "horizontal and vertical lines, drawn backwards: both ends "
	    "included");
	/* (0,0)-(6,3): one row every two columns, 7 pixels */
	liq_raster_rect(im, 0, 0, 8, 8, 0);
	liq_raster_line(im, 0, 0, 6, 3, 0xffffff);
	check(count(im, 0xffffff) == 7 && at(im, 0, 0) && at(im, 6, 3) &&
	    at(im, 3, 1) + at(im, 3, 2) == 0xffffff,
	    "shallow line (0,0)-(6,3) ends at its end point, 7 pixels");
	liq_raster_rect(im, 0, 0, 8, 8, 0);
	liq_raster_line(im, 0, 0, 2, 1, 0xffffff);
	check(count(im, 0xffffff) == 3 && at(im, 2, 1),
	    "line (0,0)-(2,1): 3 pixels, then stops");
	liq_raster_rect(im, 0, 0, 8, 8, 0);
	liq_raster_line(im, -4, 3, 20, 3, 0xffffff);
	check(count(im, 0xffffff) == 8, "line through the image clipped to it");
	liq_raster_image_free(im);

	check(liq_raster_image_new(&im, 0, 5, 0, &e) == LIQ_EARG &&
	    im == NULL && liq_raster_image_new(&im, LIQ_RASTER_MAX_SIDE + 1,
	    1, 0, &e) == LIQ_EARG && liq_raster_image_new(&im, 32768, 32768,
	    0, &e) == LIQ_EARG, "image sizes 0, over the side and over the "
	    "pixel limit refused");
	liq_raster_image_free(NULL);
}

static void
test_text(void)
{
	struct liq_raster_image *im, *im2;
	struct liq_error e;
	int w;

	check(liq_raster_text_width("A", 1) == 5 &&
	    liq_raster_text_width("AB", 1) == 11 &&
	    liq_raster_text_width("AB", 2) == 22 &&
	    liq_raster_text_width("", 3) == 0 &&
	    liq_raster_text_width("1.5K", 1) == 23,
	    "text width: 6n - 1 pixels times the scale, 0 for \"\"");

	liq_error_clear(&e);
	liq_raster_image_new(&im, 12, 8, 0, &e);
	/* 'I' is .###. then ..#.. five times then .###. and an empty row */
	w = liq_raster_text(im, 0, 0, "I", 0xffffff, 1);
	check(w == 5 && count(im, 0xffffff) == 11 && !at(im, 0, 0) &&
	    at(im, 1, 0) && at(im, 3, 0) && !at(im, 4, 0) && at(im, 2, 3) &&
	    !at(im, 1, 3) && at(im, 1, 6) && !at(im, 2, 7),
	    "glyph I: 3 + 5 + 3 pixels where the picture has them");
	liq_raster_rect(im, 0, 0, 12, 8, 0);
	liq_raster_text(im, 0, 0, " I", 0xffffff, 1);
	check(count(im, 0xffffff) == 11 && !at(im, 1, 0) && at(im, 7, 0),
	    "a space advances 6 pixels and draws nothing");
	liq_raster_rect(im, 0, 0, 12, 8, 0);
	liq_raster_text(im, 0, 0, "g", 0xffffff, 1);
	{
		int row7 = 0;

		for (int x = 0; x < 5; x++)
			row7 += at(im, (uint32_t)x, 7) != 0;
		check(row7 > 0, "g has a descender in the 8th row");
	}
	liq_raster_image_free(im);

	liq_raster_image_new(&im, 24, 16, 0, &e);
	w = liq_raster_text(im, 0, 0, "II", 0xffffff, 2);
	check(w == 22 && count(im, 0xffffff) == 88 && at(im, 2, 0) &&
	    at(im, 3, 1) && !at(im, 1, 0) && at(im, 14, 0) && !at(im, 13, 0),
	    "scale 2: every pixel a 2x2 block, characters 12 pixels apart");
	liq_raster_image_free(im);

	liq_raster_image_new(&im, 6, 8, 0, &e);
	liq_raster_image_new(&im2, 6, 8, 0, &e);
	liq_raster_text(im, 0, 0, "\x80", 0xffffff, 1);
	liq_raster_text(im2, 0, 0, "?", 0xffffff, 1);
	check(count(im, 0xffffff) > 0 &&
	    memcmp(im->rgb, im2->rgb, 6 * 8 * 3) == 0,
	    "a byte outside printable ASCII is drawn as '?'");
	liq_raster_image_free(im);
	liq_raster_image_free(im2);
}

static void
test_ppm(void)
{
	struct liq_raster_image *im;
	struct liq_error e;
	char buf[128];
	FILE *f;
	size_t n;

	liq_error_clear(&e);
	liq_raster_image_new(&im, 2, 1, 0x010203, &e);
	liq_raster_pixel(im, 1, 0, 0xa0b0c0);
	f = tmpfile();
	check(liq_raster_write_ppm(im, f, &e) == 0, "PPM written");
	rewind(f);
	n = fread(buf, 1, sizeof(buf), f);
	check(n == 11 + 6 && memcmp(buf, "P6\n2 1\n255\n"
	    "\x01\x02\x03\xa0\xb0\xc0", n) == 0,
	    "PPM: P6 header, then the pixels row by row in RGB");
	fclose(f);
	im->plot_x = 1;
	im->plot_w = 1;
	im->plot_h = 1;
	f = tmpfile();
	liq_raster_write_ppm(im, f, &e);
	rewind(f);
	n = fread(buf, 1, sizeof(buf), f);
	check(n > 20 && memcmp(buf, "P6\n# plot 1 0 1 1\n2 1\n255\n", 26) == 0,
	    "PPM of a heatmap: the plot area in a header comment");
	fclose(f);
	liq_raster_image_free(im);
}

static void
test_cmaps(void)
{
	static const struct {
		const char *name;
		int cmap, side;
		uint32_t lo, hi;
	} ends[] = {
		{ "viridis", LIQ_RASTER_VIRIDIS, 0, 0x440154, 0xfde725 },
		{ "inferno", LIQ_RASTER_INFERNO, 0, 0x000004, 0xfcffa4 },
		{ "gray", LIQ_RASTER_GRAY, 0, 0x000000, 0xffffff },
		{ "longshort", LIQ_RASTER_LONGSHORT, 0, 0x000000, 0xffa08c },
		{ "longshort", LIQ_RASTER_LONGSHORT, 1, 0x000000, 0xaaffb4 },
	};
	char what[128];

	check(liq_raster_cmap_parse("viridis") == LIQ_RASTER_VIRIDIS &&
	    liq_raster_cmap_parse("inferno") == LIQ_RASTER_INFERNO &&
	    liq_raster_cmap_parse("longshort") == LIQ_RASTER_LONGSHORT &&
	    liq_raster_cmap_parse("gray") == LIQ_RASTER_GRAY &&
	    liq_raster_cmap_parse("grey") == LIQ_RASTER_GRAY &&
	    liq_raster_cmap_parse("Viridis") == -1 &&
	    liq_raster_cmap_parse("") == -1, "colormap names parsed, "
	    "grey as gray, others refused");
	for (size_t i = 0; i < sizeof(ends) / sizeof(*ends); i++) {
		int c = ends[i].cmap, s = ends[i].side, ok = 1;
		double prev = -1;

		snprintf(what, sizeof(what), "%s side %d: t <= 0, NaN -> "
		    "%06x, t >= 1 -> %06x", ends[i].name, s, ends[i].lo,
		    ends[i].hi);
		check(liq_raster_cmap_rgb(c, s, 0) == ends[i].lo &&
		    liq_raster_cmap_rgb(c, s, -3) == ends[i].lo &&
		    liq_raster_cmap_rgb(c, s, NAN) == ends[i].lo &&
		    liq_raster_cmap_rgb(c, s, 1) == ends[i].hi &&
		    liq_raster_cmap_rgb(c, s, 7) == ends[i].hi, what);
		for (int k = 0; k <= 64; k++) {
			double l = lightness(liq_raster_cmap_rgb(c, s, k / 64.0));

			ok &= l > prev;
			prev = l;
		}
		snprintf(what, sizeof(what), "%s side %d: lightness rises "
		    "with t (65 steps)", ends[i].name, s);
		check(ok, what);
	}
	/* CIELAB interpolation: halfway from black to white is L* = 50,
	 * sRGB 119 (0.184 linear), not 128 as a mix of sRGB bytes gives */
	check(liq_raster_cmap_rgb(LIQ_RASTER_GRAY, 0, 0.5) == 0x777777,
	    "gray at 0.5 is L* 50: 0x777777");
	check(liq_raster_cmap_rgb(LIQ_RASTER_VIRIDIS, 0, 0.1) == 0x482475 &&
	    liq_raster_cmap_rgb(LIQ_RASTER_VIRIDIS, 0, 0.5) == 0x21918c,
	    "viridis at 0.1 and 0.5: its control points exactly");
	check(liq_raster_cmap_rgb(LIQ_RASTER_VIRIDIS, 1, 0.5) ==
	    liq_raster_cmap_rgb(LIQ_RASTER_VIRIDIS, 0, 0.5) &&
	    liq_raster_cmap_rgb(LIQ_RASTER_LONGSHORT, 0, 0.5) !=
	    liq_raster_cmap_rgb(LIQ_RASTER_LONGSHORT, 1, 0.5),
	    "side matters for longshort only");
	check(liq_raster_cmap_rgb(99, 0, 1) == 0xfde725 &&
	    liq_raster_cmap_rgb(-1, 0, 0) == 0x440154,
	    "unknown colormap drawn as viridis");
}

static void
test_scales(void)
{
	float x[] = { 5, 1, 4, 2, 3 }, big[1000], dup[] = { 2, 2, 1, 2, 2, 9 };
	int ok = 1;

	check(liq_raster_scale_parse("linear") == LIQ_RASTER_LINEAR &&
	    liq_raster_scale_parse("sqrt") == LIQ_RASTER_SQRT &&
	    liq_raster_scale_parse("log") == LIQ_RASTER_LOG &&
	    liq_raster_scale_parse("ln") == -1, "scale names parsed");
	near(liq_raster_scale_apply(LIQ_RASTER_LINEAR, 25, 100), 0.25, 1e-15,
	    "linear: 25 of 100 -> 0.25");
	near(liq_raster_scale_apply(LIQ_RASTER_SQRT, 25, 100), 0.5, 1e-15,
	    "sqrt: 25 of 100 -> 0.5");
	/* log10(1 + 999 * 9/999) / 3 = log10(10) / 3 */
	near(liq_raster_scale_apply(LIQ_RASTER_LOG, 9, 999), 1.0 / 3, 1e-15,
	    "log: 9 of 999 -> log10(10)/3 = 1/3");
	near(liq_raster_scale_apply(LIQ_RASTER_LOG, 1e-3, 1), log10(1.999) / 3,
	    1e-15, "log: a thousandth of the top -> log10(1.999)/3, 0.1");
	for (int s = LIQ_RASTER_LINEAR; s <= LIQ_RASTER_LOG; s++)
		ok &= liq_raster_scale_apply(s, 100, 100) == 1 &&
		    liq_raster_scale_apply(s, 1e9, 100) == 1 &&
		    liq_raster_scale_apply(s, 0, 100) == 0 &&
		    liq_raster_scale_apply(s, -5, 100) == 0 &&
		    liq_raster_scale_apply(s, NAN, 100) == 0 &&
		    liq_raster_scale_apply(s, 5, 0) == 0 &&
		    liq_raster_scale_apply(s, 5, NAN) == 0;
	check(ok, "every scale: the top and above -> 1; 0, negative, NaN or "
	    "no top -> 0");

	/* nearest rank: the ceil(pct/100 * n)-th smallest */
	near(liq_raster_percentile(x, 5, 50), 3, 0, "p50 of 5 1 4 2 3: 3");
	near(liq_raster_percentile(x, 5, 100), 5, 0, "p100: the largest, 5");
	near(liq_raster_percentile(x, 5, 20), 1, 0, "p20 of 5 values: the "
	    "smallest (rank 1)");
	near(liq_raster_percentile(x, 5, 21), 2, 0, "p21 of 5 values: rank 2");
	near(liq_raster_percentile(x, 5, 0.001), 1, 0, "tiny pct: rank 1");
	near(liq_raster_percentile(x, 0, 50), 0, 0, "no values: 0");
	near(liq_raster_percentile(dup, 6, 50), 2, 0, "p50 of 2 2 1 2 2 9: 2");
	for (int i = 0; i < 1000; i++)
		big[i] = (float)((i * 617) % 1000 + 1);	/* 1..1000, shuffled */
	near(liq_raster_percentile(big, 1000, 99.5), 995, 0,
	    "p99.5 of 1..1000 shuffled: 995");
}

static void
test_ticks(void)
{
	double t[64], step;
	int64_t tt[256], st;
	int n, ok;
	const int64_t M = 60000, H = 3600000, D = 86400000;

	n = liq_raster_ticks(60000, 70000, 5, t, 64, &step);
	check(n == 6 && step == 2000 && t[0] == 60000 && t[1] == 62000 &&
	    t[5] == 70000, "price ticks 60000..70000, about 5: every 2000, "
	    "both ends");
	n = liq_raster_ticks(60123, 69876, 5, t, 64, &step);
	check(n == 4 && step == 2000 && t[0] == 62000 && t[3] == 68000,
	    "price ticks 60123..69876: 62000 to 68000, inside the range");
	n = liq_raster_ticks(0.0123, 0.0456, 4, t, 64, &step);
	near(step, 0.01, 1e-15, "ticks 0.0123..0.0456, about 4: step 0.01");
	check(n == 3 && fabs(t[0] - 0.02) < 1e-12 && fabs(t[2] - 0.04) < 1e-12,
	    "ticks 0.0123..0.0456: 0.02 0.03 0.04");
	n = liq_raster_ticks(0, 1000, 2, t, 64, &step);
	check(n == 3 && step == 500, "ticks 0..1000, about 2: step 500");
	n = liq_raster_ticks(0, 100, 10, t, 3, &step);
	check(n == 3 && t[2] == 20, "at most max ticks written");
	check(liq_raster_ticks(5, 1, 5, t, 64, &step) == 0 &&
	    liq_raster_ticks(1, 1, 5, t, 64, &step) == 0 && step == 0 &&
	    liq_raster_ticks(NAN, 1, 5, t, 64, &step) == 0 &&
	    liq_raster_ticks(0, INFINITY, 5, t, 64, &step) == 0,
	    "no ticks for an empty, reversed or infinite axis");

	/* one hour, about 6: 1, 2, 5 minutes give more; 10 minutes 6 steps */
	n = liq_raster_time_ticks(0, H, 6, tt, 256, &st);
	check(n == 7 && st == 10 * M && tt[0] == 0 && tt[6] == H,
	    "time ticks over an hour, about 6: every 10 minutes");
	n = liq_raster_time_ticks(7 * M + 1, 2 * H, 4, tt, 256, &st);
	check(n == 4 && st == 30 * M && tt[0] == 30 * M && tt[3] == 2 * H,
	    "time ticks 00:07..02:00, about 4: 00:30 to 02:00 every 30 min");
	n = liq_raster_time_ticks(0, 3 * D, 12, tt, 256, &st);
	check(n == 13 && st == 6 * H, "three days, about 12: every 6 hours");
	/* 70 days, about 5: 14-day steps, counted from 1970-01-01 */
	n = liq_raster_time_ticks(D / 2, 70 * D, 5, tt, 256, &st);
	check(n == 5 && st == 14 * D && tt[0] == 14 * D && tt[4] == 70 * D,
	    "70 days, about 5: every 14 days from the epoch");
	/* 2024-01-15 .. 2024-12-31, about 6: 2-month steps on Jan, Mar, ..
	 * of which Mar 1 .. Nov 1 fall inside */
	{
		int64_t lo = liq_days_from_civil(2024, 1, 15) * D;
		int64_t hi = liq_days_from_civil(2024, 12, 31) * D;

		n = liq_raster_time_ticks(lo, hi, 6, tt, 256, &st);
		ok = n == 5 && st == 60 * D;
		for (int i = 0; i < n && ok; i++)
			ok &= tt[i] == liq_days_from_civil(2024,
			    (unsigned)(3 + 2 * i), 1) * D;
		check(ok, "2024-01-15..12-31, about 6: the first of Mar, May, "
		    "Jul, Sep, Nov");
		n = liq_raster_time_ticks(lo, lo + 10 * 365 * D, 5, tt, 256, &st);
		ok = n == 10 && st == 360 * D;
		for (int i = 0; i < n && ok; i++)
			ok &= tt[i] == liq_days_from_civil(2025 + i, 1, 1) * D;
		check(ok, "ten years, about 5: every first of January");
	}
	n = liq_raster_time_ticks(-H, H, 2, tt, 256, &st);
	check(n == 3 && st == H && tt[0] == -H && tt[1] == 0,
	    "time ticks before the epoch: whole hours still");
	check(liq_raster_time_ticks(H, 0, 6, tt, 256, &st) == 0 && st == 0,
	    "no time ticks for a reversed axis");
	/* at the end of int64_t: the last tick is the last multiple of
	 * 30 minutes, the next one is not computed past INT64_MAX */
	n = liq_raster_time_ticks(INT64_MAX - 3 * H, INT64_MAX, 6, tt, 256,
	    &st);
	ok = n == 6 && st == 30 * M && tt[5] > INT64_MAX - 30 * M;
	for (int i = 1; i < n && ok; i++)
		ok &= tt[i] - tt[i - 1] == 30 * M;
	check(ok, "3 hours up to INT64_MAX: 6 ticks every 30 minutes");
	n = liq_raster_time_ticks(INT64_MIN, INT64_MAX, 5, tt, 256, &st);
	ok = n >= 0 && n <= 256;
	for (int i = 1; i < n && ok; i++)
		ok &= tt[i] > tt[i - 1];
	check(ok, "all of int64_t: increasing ticks, no overflow");
}

static void
test_si(void)
{
	static const struct {
		double v;
		const char *want;
	} c[] = {
		{ 0, "0" }, { 950, "950" }, { 999.4, "999" }, { 1500, "1.5K" },
		{ 12345, "12.3K" }, { 999999, "1M" }, { 2e7, "20M" },
		{ 2.5e8, "250M" }, { 888.8e9, "889B" }, { 3.21e12, "3.21T" },
		{ 1e15, "1000T" }, { 0.5, "0.5" }, { 1e-12, "0" },
		{ -1e-17, "0" }, { NAN, "?" }, { INFINITY, "?" },
	};
	char buf[32], what[80];

	for (size_t i = 0; i < sizeof(c) / sizeof(*c); i++) {
		snprintf(what, sizeof(what), "SI amount %g -> \"%s\"", c[i].v,
		    c[i].want);
		same_str(liq_raster_format_si(c[i].v, buf, sizeof(buf)),
		    c[i].want, what);
	}
}

/* A grid of nb bins over 100..100+nb, columns of a minute from 0. */
static void
grid_info(struct liq_grid_info *g, uint32_t nb, uint64_t ncols)
{
	memset(g, 0, sizeof(*g));
	snprintf(g->venue, sizeof(g->venue), "test");
	snprintf(g->symbol, sizeof(g->symbol), "BTCUSDT");
	g->step_ms = 60000;
	g->ncols = ncols;
	g->nbins = nb;
	g->nlayers = 2;
	g->price_min = 100;
	g->price_max = 100 + nb;
}

/*
 * Densities, quote notional per 0.1% of price, by hand: a cell times
 * 0.001 x centre / width.
 */
static void
test_density(void)
{
	struct liq_grid_info g, g2;
	double a, b, c;

	grid_info(&g, 4, 0);
	near(liq_raster_bin_density(&g, 2), 0.001 * 102.5 / 1, 1e-15,
	    "density: bin 2 of 100..104 in 4 (102..103): 0.1025 per unit");
	near(liq_raster_bin_density(&g, 0), 0.1005, 1e-15,
	    "density: bin 0 (100..101): 0.1005");
	check(liq_raster_bin_density(&g, 4) == 0,
	    "density: a bin out of range is 0");
	/* 40 USD bins at 70000..70040: 0.001 x 70020 / 40 = 1.7505 */
	grid_info(&g, 1000, 0);
	g.price_min = 50000;
	g.price_max = 90000;
	g2 = g;
	g2.nbins = 500;
	a = liq_raster_bin_density(&g, 500);
	b = liq_raster_bin_density(&g, 501);
	c = liq_raster_bin_density(&g2, 250);
	near(a, 1.7505, 1e-12, "density: 40 USD bin at 70000..70040: 1.7505");
	near(c, 0.8755, 1e-12, "density: 80 USD bin at 70000..70080: 0.8755");
	/* 2000 in the 80 USD bin, or 1000 in each 40 USD half */
	near(2000 * c, (1000 * a + 1000 * b) / 2, 1e-9,
	    "density: the same notional in bins half as wide has the same "
	    "mean density (1751)");
	/* log bins 100, 200, 400: 0.001 x 150 / 100 = 0.001 x 300 / 200 */
	grid_info(&g, 2, 0);
	g.price_max = 400;
	g.log_bins = 1;
	near(liq_raster_bin_density(&g, 0), 0.0015, 1e-15,
	    "density: log bin 100..200: 0.0015");
	near(liq_raster_bin_density(&g, 1), 0.0015, 1e-15,
	    "density: log bin 200..400: 0.0015, the same (equal in log)");
}

/*
 * A 4x4 plot of 4 bins x 4 columns, no axes, no price, gray, linear up to
 * 10 (per 0.1% of price): column 1 has longs of density 10 in bin 2
 * (102..103, row 2 from the bottom, image row 1), column 3 shorts of
 * density 5 in bin 0 (image row 3).  Cells and pixels are one to one, so
 * each pixel is its cell's density.
 */
static struct liq_raster_image *
tiny_heatmap(uint64_t ncols, int cmap)
{
	struct liq_grid_info g;
	struct liq_raster_options o;
	struct liq_raster_heatmap *h;
	struct liq_raster_image *im = NULL;
	struct liq_grid_column c;
	struct liq_error e;
	float lng[4], sht[4];

	grid_info(&g, 4, ncols);
	liq_raster_options_init(&o);
	o.width = o.height = 4;
	o.axes = 0;
	o.price = 0;
	o.cmap = cmap;
	o.scale = LIQ_RASTER_LINEAR;
	o.max_value = 10;
	liq_error_clear(&e);
	if (liq_raster_heatmap_new(&h, &g, &o, &e) != 0)
		return NULL;
	memset(&c, 0, sizeof(c));
	c.long_usd = lng;
	c.short_usd = sht;
	c.open = c.high = c.low = c.close = NAN;
	for (int j = 0; j < 4; j++) {
		memset(lng, 0, sizeof(lng));
		memset(sht, 0, sizeof(sht));
		if (j == 1)
			lng[2] = (float)(10 / liq_raster_bin_density(&g, 2));
		if (j == 3)
			sht[0] = (float)(5 / liq_raster_bin_density(&g, 0));
		c.time_ms = j * g.step_ms;
		if (liq_raster_heatmap_add(h, &c, &e) != 0)
			break;
	}
	if (liq_raster_heatmap_render(h, &im, &e) != 0)
		im = NULL;
	liq_raster_heatmap_free(h);
	return im;
}

/*
 * 16 columns on a 4x4 plot, gray, linear up to 10: a density of 5 in bin 2
 * of columns 4..7, which make pixel column 1 (5: L* 50).  Without a column count the
 * 8 slots fill at column 8 and are merged in pairs: the mean must still
 * be over the columns, not their sum.
 */
static struct liq_raster_image *
long_heatmap(uint64_t ncols)
{
	struct liq_grid_info g;
	struct liq_raster_options o;
	struct liq_raster_heatmap *h;
	struct liq_raster_image *im = NULL;
	struct liq_grid_column c;
	struct liq_error e;
	float lng[4], sht[4] = { 0 };

	grid_info(&g, 4, ncols);
	liq_raster_options_init(&o);
	o.width = o.height = 4;
	o.axes = 0;
	o.price = 0;
	o.cmap = LIQ_RASTER_GRAY;
	o.scale = LIQ_RASTER_LINEAR;
	o.max_value = 10;
	liq_error_clear(&e);
	if (liq_raster_heatmap_new(&h, &g, &o, &e) != 0)
		return NULL;
	memset(&c, 0, sizeof(c));
	c.long_usd = lng;
	c.short_usd = sht;
	c.open = c.high = c.low = c.close = NAN;
	for (int j = 0; j < 16; j++) {
		memset(lng, 0, sizeof(lng));
		if (j >= 4 && j < 8)
			lng[2] = (float)(5 / liq_raster_bin_density(&g, 2));
		c.time_ms = j * g.step_ms;
		if (liq_raster_heatmap_add(h, &c, &e) != 0)
			break;
	}
	if (liq_raster_heatmap_render(h, &im, &e) != 0)
		im = NULL;
	liq_raster_heatmap_free(h);
	return im;
}

/*
 * The colour bar's legend says the unit: a 400 x 200 plot of BTCUSDT with
 * axes; the colour bar is the first pixel right of the plot on its top
 * row in viridis' top colour, and from there on the 8 rows of text that
 * start 13 above the plot are "USDT per 0.1%" in the text colour on the
 * background, nothing else, the whole of it inside the image.
 */
static void
test_legend(void)
{
	struct liq_grid_info g;
	struct liq_raster_options o;
	struct liq_raster_heatmap *h;
	struct liq_raster_image *im = NULL, *ref = NULL;
	struct liq_grid_column c;
	struct liq_error e;
	float lng[4] = { 0, 0, 7, 0 }, sht[4] = { 0 };
	uint32_t bx = 0, y0;
	int same = 1, w;

	grid_info(&g, 4, 1);
	liq_raster_options_init(&o);
	o.width = 400;
	o.height = 200;
	o.price = 0;
	liq_error_clear(&e);
	memset(&c, 0, sizeof(c));
	c.long_usd = lng;
	c.short_usd = sht;
	c.open = c.high = c.low = c.close = NAN;
	if (liq_raster_heatmap_new(&h, &g, &o, &e) != 0 ||
	    liq_raster_heatmap_add(h, &c, &e) != 0 ||
	    liq_raster_heatmap_render(h, &im, &e) != 0)
		im = NULL;
	liq_raster_heatmap_free(h);
	if (im != NULL)
		for (bx = im->plot_x + im->plot_w + 1; bx < im->width; bx++)
			if (at(im, bx, im->plot_y) == 0xfde725)
				break;
	w = liq_raster_text_width("USDT per 0.1%", 1);
	check(im != NULL && im->plot_y >= 13 && bx < im->width &&
	    bx + (uint32_t)w <= im->width, "legend: a colour bar, and room for "
	    "its unit inside the image");
	if (im != NULL && im->plot_y >= 13 && bx < im->width &&
	    liq_raster_image_new(&ref, im->width, im->height, 0x101014,
	    &e) == 0) {
		y0 = im->plot_y - 13;
		liq_raster_text(ref, bx, y0, "USDT per 0.1%", 0xd2d2d7, 1);
		for (uint32_t y = y0; y < y0 + 8; y++)
			for (uint32_t x = bx; x < im->width; x++)
				same &= at(im, x, y) == at(ref, x, y);
	} else
		same = 0;
	check(same, "legend: the colour bar is headed \"USDT per 0.1%\"");
	liq_raster_image_free(ref);
	liq_raster_image_free(im);
}

static void
test_heatmap(void)
{
	struct liq_raster_image *im, *im2;
	struct liq_grid_info g;
	struct liq_raster_options o;
	struct liq_raster_heatmap *h;
	struct liq_grid_column c;
	struct liq_error e;
	float cells[4] = { 0 };

	im = tiny_heatmap(4, LIQ_RASTER_GRAY);
	check(im != NULL && im->width == 4 && im->height == 4 &&
	    at(im, 1, 1) == 0xffffff && close_rgb(at(im, 3, 3), 0x777777, 1) &&
	    count(im, 0x000000) == 14 && im->plot_w == 4 && im->plot_x == 0,
	    "heatmap 4x4 of 4x4 cells: 10 at the top (white) in column 1 "
	    "bin 2, 5 (L* 50) in column 3 bin 0, the rest black");
	im2 = tiny_heatmap(0, LIQ_RASTER_GRAY);
	check(im != NULL && im2 != NULL && im2->width == 4 &&
	    memcmp(im->rgb, im2->rgb, 4 * 4 * 3) == 0,
	    "a grid without a column count (a pipe) draws the same image");
	liq_raster_image_free(im);
	liq_raster_image_free(im2);
	im = long_heatmap(16);
	im2 = long_heatmap(0);
	check(im != NULL && close_rgb(at(im, 1, 1), 0x777777, 1) &&
	    count(im, 0) == 15, "16 columns on 4 pixels: 4 columns of 5 "
	    "average to 5 (L* 50)");
	check(im != NULL && im2 != NULL &&
	    memcmp(im->rgb, im2->rgb, 4 * 4 * 3) == 0,
	    "16 columns without a count (slots merged): the same image");
	liq_raster_image_free(im);
	liq_raster_image_free(im2);
	im = tiny_heatmap(4, LIQ_RASTER_LONGSHORT);
	check(im != NULL && at(im, 1, 1) == 0xffa08c && close_rgb(at(im, 3, 3),
	    liq_raster_cmap_rgb(LIQ_RASTER_LONGSHORT, 1, 0.5), 1) &&
	    at(im, 0, 0) == 0, "longshort: longs on the red ramp, shorts on "
	    "the green one");
	liq_raster_image_free(im);

	/* out of sequence, too many columns, nothing added */
	grid_info(&g, 4, 1);
	liq_raster_options_init(&o);
	o.width = o.height = 4;
	liq_error_clear(&e);
	memset(&c, 0, sizeof(c));
	c.long_usd = c.short_usd = cells;
	check(liq_raster_heatmap_new(&h, &g, &o, &e) == 0, "heatmap made");
	c.time_ms = 60000;
	check(liq_raster_heatmap_add(h, &c, &e) == LIQ_EARG,
	    "a column out of sequence refused");
	c.time_ms = 0;
	im = NULL;
	check(liq_raster_heatmap_render(h, &im, &e) == LIQ_EDATA && im == NULL,
	    "no column: nothing to draw");
	check(liq_raster_heatmap_add(h, &c, &e) == 0, "first column added");
	c.time_ms = 60000;
	check(liq_raster_heatmap_add(h, &c, &e) == LIQ_EARG,
	    "more columns than the grid announced refused");
	liq_raster_heatmap_free(h);

	/* times past what int64_t holds: refused, never overflowed (a
	 * header read before a failed read, or a caller's own info) */
	grid_info(&g, 4, UINT64_C(1) << 32);
	g.step_ms = INT64_C(1) << 50;
	check(liq_raster_heatmap_new(&h, &g, &o, &e) == LIQ_EARG && h == NULL,
	    "2^32 columns of 2^50 ms: the time axis overflows, refused");
	grid_info(&g, 4, 0);
	g.start_ms = INT64_MAX - g.step_ms;
	check(liq_raster_heatmap_new(&h, &g, &o, &e) == 0, "heatmap made "
	    "one column before the end of time");
	c.time_ms = g.start_ms;
	check(liq_raster_heatmap_add(h, &c, &e) == 0, "the column ending at "
	    "INT64_MAX added");
	c.time_ms = INT64_MAX;
	check(liq_raster_heatmap_add(h, &c, &e) == LIQ_EARG,
	    "a column ending past INT64_MAX refused");
	im = NULL;
	check(liq_raster_heatmap_render(h, &im, &e) == 0 && im != NULL,
	    "the columns added are drawn");
	liq_raster_image_free(im);
	liq_raster_heatmap_free(h);
	grid_info(&g, 4, 1);
	o.width = 3;
	check(liq_raster_heatmap_new(&h, &g, &o, &e) == LIQ_EARG && h == NULL,
	    "plot narrower than 4 pixels refused");
	o.width = 4;
	o.cmap = LIQ_RASTER_NCMAPS;
	check(liq_raster_heatmap_new(&h, &g, &o, &e) == LIQ_EARG,
	    "unknown colormap refused");
	liq_raster_heatmap_free(NULL);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(10);		/* a line that never ends fails, not hangs */
	test_draw();
	test_text();
	test_ppm();
	test_cmaps();
	test_scales();
	test_ticks();
	test_si();
	test_density();
	test_heatmap();
	test_legend();
	return nfail > 0;
}
