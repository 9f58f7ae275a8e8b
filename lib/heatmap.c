/*
 * heatmap.c - the heatmap's accumulator: a grid's columns, streamed once,
 * summed into the plot's pixels, with the price of each group of columns
 * kept for the close line and candles.  heatmap_draw.c lays out and draws
 * the image from what is summed here.
 *
 * What is summed is density, not notional per bin: each cell times
 * liq_raster_bin_density, quote notional per 0.1% of price, so that a
 * colour means the same whatever the bin width (a grid of 1000 bins has
 * half the notional per cell of one of 500 over the same prices, and the
 * same density).
 *
 * The resampling is an exact area average: bin i covers [i*H, (i+1)*H)
 * and pixel row r covers [r*nbins, (r+1)*nbins) on a common integer axis,
 * and likewise column j covers [j*W, (j+1)*W) and pixel column x covers
 * [x*N, (x+1)*N) for N columns; a pixel is the sum of the cells times
 * their overlaps divided by its area.  Each column costs O(nbins + H),
 * never a pass over the whole grid.  When the grid does not say how many
 * columns it has, they are summed into 2 W slots of k columns each, k
 * doubling whenever the slots fill, and resampled to the plot at the end.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "heatmap_int.h"
#include "raster_int.h"

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
	o->view = LIQ_RASTER_VIEW_DATA;
	o->view_lo = o->view_hi = NAN;
}

double
liq__raster_param(const struct liq_grid_info *g, const char *key)
{
	char b[64], *end;
	double x;

	if (liq_grid_param(g, key, b, sizeof(b)) == NULL)
		return NAN;
	x = strtod(b, &end);
	return end != b && *end == '\0' ? x : NAN;
}

void
liq__raster_view(const struct liq_grid_info *g,
    const struct liq_raster_options *o, uint32_t *b0, uint32_t *b1)
{
	double lo = o->view_lo, hi = o->view_hi;
	long a, b;

	*b0 = 0;
	*b1 = g->nbins;
	if (o->view == LIQ_RASTER_VIEW_DATA && (isnan(lo) || isnan(hi))) {
		double L = liq__raster_param(g, "price_low");
		double U = liq__raster_param(g, "price_high"), m;

		if (L > 0 && U >= L) {
			m = (U - L) / ((U + L) / 2);
			m = m < LIQ_RASTER_VIEW_MIN ? LIQ_RASTER_VIEW_MIN :
			    m > LIQ_RASTER_VIEW_MAX ? LIQ_RASTER_VIEW_MAX : m;
			/* an end given past the data's view takes the
			 * axis's end on the other side */
			if (isnan(lo))
				lo = !isnan(hi) && hi <= L * (1 - m) ? NAN :
				    L * (1 - m);
			if (isnan(hi))
				hi = !isnan(lo) && lo >= U * (1 + m) ? NAN :
				    U * (1 + m);
		}
	}
	a = isnan(lo) ? 0 : liq_grid_bin(g, lo);
	b = isnan(hi) ? (long)g->nbins : liq_grid_bin(g, hi) + 1;
	if (a < 0)
		a = 0;
	if (a > (long)g->nbins - 1)
		a = (long)g->nbins - 1;
	if (b > (long)g->nbins)
		b = (long)g->nbins;
	if (b <= a)
		b = a + 1;
	*b0 = (uint32_t)a;
	*b1 = (uint32_t)b;
}

double
liq_raster_bin_density(const struct liq_grid_info *g, uint32_t i)
{
	double lo, hi;

	if (i >= g->nbins)
		return 0;
	lo = liq_grid_edge(g, i);
	hi = liq_grid_edge(g, i + 1);
	if (!(hi > lo) || !isfinite(hi - lo))
		return 0;
	return 0.001 * ((lo + hi) / 2) / (hi - lo);
}

static double
price_ok(double x)
{
	return x > 0 && isfinite(x) ? x : NAN;
}

void
liq_raster_heatmap_free(struct liq_raster_heatmap *h)
{
	if (h == NULL)
		return;
	free(h->row0);
	free(h->dens);
	free(h->v);
	free(h->acc);
	free(h->slot);
	free(h->pt);
	free(h->last);
	free(h->sel);
	free(h->pc);
	free(h);
}

/*
 * Whether the end of n columns of step_ms from start_ms, start_ms +
 * n x step_ms, is past what int64_t holds: the time axis, the title and
 * the next column's time are computed from it, so a heatmap refuses
 * such a grid (a caller's own info, or a header read before a failed
 * read) instead of overflowing.
 */
static int
time_overflows(int64_t start_ms, uint64_t n, int64_t step_ms)
{
	int64_t span, end;

	return __builtin_mul_overflow(n, step_ms, &span) ||
	    __builtin_add_overflow(start_ms, span, &end);
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
	    o->height > 16384)
		return liq__heatmap_err(e, LIQ_EARG, "plot size out of range "
		    "(4 to 16384 pixels a side)");
	if ((uint64_t)o->width * o->height > LIQ_RASTER_MAX_PIXELS / 2)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "plot too large: %" PRIu32 " x %" PRIu32 " is %" PRIu64
		    " pixels, over the cap of %" PRIu32 " pixels in all",
		    o->width, o->height, (uint64_t)o->width * o->height,
		    LIQ_RASTER_MAX_PIXELS / 2);
	if (o->cmap < 0 || o->cmap >= LIQ_RASTER_NCMAPS ||
	    o->scale < LIQ_RASTER_LINEAR || o->scale > LIQ_RASTER_LOG)
		return liq__heatmap_err(e, LIQ_EARG, "unknown colormap or scale");
	if (!(o->max_value >= 0) || !isfinite(o->max_value) ||
	    (o->max_value == 0 && !(o->max_pct > 0 && o->max_pct <= 100)))
		return liq__heatmap_err(e, LIQ_EARG, "bad top of scale");
	if (!(o->floor_value >= 0) || !isfinite(o->floor_value) ||
	    !(o->floor_pct >= 0 && o->floor_pct <= 100))
		return liq__heatmap_err(e, LIQ_EARG, "bad floor of scale");
	if (g->nbins == 0 || g->nbins > LIQ_GRID_MAX_BINS ||
	    !(g->price_max > g->price_min) || !(g->price_min > 0) ||
	    g->step_ms <= 0)
		return liq__heatmap_err(e, LIQ_EARG, "bad grid axes");
	if (g->ncols && time_overflows(g->start_ms, g->ncols, g->step_ms))
		return liq__heatmap_err(e, LIQ_EARG, "grid time axis out of "
		    "range");
	if (o->npanels < 0 || o->npanels > LIQ_RASTER_MAX_PANELS)
		return liq__heatmap_err(e, LIQ_EARG, "bad panels");
	for (int k = 0; k < o->npanels; k++)
		if (o->panel[k] < LIQ_RASTER_PANEL_OI ||
		    o->panel[k] > LIQ_RASTER_PANEL_LIQ)
			return liq__heatmap_err(e, LIQ_EARG, "bad panels");
	if (g->nlayers < 2 || g->nlayers > LIQ_GRID_MAX_LAYERS ||
	    (g->nlayers < 64 && (o->layer_mask >> (g->nlayers / 2)) != 0))
		return liq__heatmap_err(e, LIQ_EARG, "layers out of range");
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return liq__heatmap_err(e, LIQ_ENOMEM, "out of memory");
	h->g = *g;
	h->o = *o;
	h->gbins = g->nbins;
	liq__raster_view(g, o, &h->off, &i);
	h->g.nbins = i - h->off;
	h->g.price_min = liq_grid_edge(g, h->off);
	h->g.price_max = liq_grid_edge(g, i);
	g = &h->g;
	if (o->title != NULL)
		snprintf(h->title, sizeof(h->title), "%s", o->title);
	h->o.title = NULL;
	h->W = o->width;
	h->H = o->height;
	h->nb = g->nbins;
	h->planes = liq__raster_cmap_sides(o->cmap);
	h->next_ms = g->start_ms;
	h->cap = 2 * h->W;
	h->k = 1;
	plot = (size_t)h->W * h->H * (size_t)h->planes;
	if ((h->row0 = malloc(sizeof(*h->row0) * h->nb)) == NULL ||
	    (h->dens = malloc(sizeof(*h->dens) * h->nb)) == NULL ||
	    (h->v = malloc(sizeof(*h->v) * h->H * (size_t)h->planes)) == NULL ||
	    (h->pt = malloc(sizeof(*h->pt) * h->cap)) == NULL ||
	    (g->ncols ? (h->acc = calloc(plot, sizeof(float))) == NULL :
	    (h->slot = calloc(plot * 2, sizeof(float))) == NULL) ||
	    (o->profile && (h->last = calloc(2 * (size_t)h->nb,
	    sizeof(float))) == NULL) ||
	    (o->layer_mask != 0 && (h->sel = malloc(2 * sizeof(float) *
	    (size_t)h->gbins)) == NULL) ||
	    (o->npanels > 0 && (h->pc = malloc(sizeof(*h->pc) *
	    h->cap)) == NULL)) {
		liq_raster_heatmap_free(h);
		return liq__heatmap_err(e, LIQ_ENOMEM, "out of memory");
	}
	for (i = 0; i < h->nb; i++) {
		h->row0[i] = (uint32_t)((uint64_t)i * h->H / h->nb);
		h->dens[i] = liq_raster_bin_density(g, i);
	}
	for (i = 0; i < h->cap; i++) {
		liq__ohlc_clear(&h->pt[i]);
		if (h->pc != NULL)
			liq__panel_clear(&h->pc[i]);
	}
	*hp = h;
	return 0;
}

/*
 * Add the bins x to out[0..H) as rows of density: out[r] += x[i] *
 * dens[i] * overlap(i, r), the overlap in units where a bin is H long and
 * a row nbins (divide by nbins for the mean).  Returns whether any cell
 * was non-zero.
 */
int
liq__heatmap_rows(const struct liq_raster_heatmap *h, const float *x,
    double *out)
{
	uint64_t H = h->H, nb = h->nb;
	int any = 0;

	for (uint32_t i = 0; i < h->nb; i++) {
		uint64_t lo, hi, rl;
		uint32_t r;
		double d;

		if (x[i] == 0)
			continue;
		any = 1;
		d = (double)x[i] * h->dens[i];
		lo = i * H;
		hi = lo + H;
		r = h->row0[i];
		for (rl = r * nb; rl < hi; rl += nb, r++) {
			uint64_t a = rl > lo ? rl : lo;
			uint64_t b = rl + nb < hi ? rl + nb : hi;

			out[r] += d * (double)(b - a);
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

	for (i = 0; i < half; i++) {
		h->pt[i] = liq__ohlc_join(h->pt[2 * i], h->pt[2 * i + 1]);
		if (h->pc != NULL)
			h->pc[i] = liq__panel_join(h->pc[2 * i],
			    h->pc[2 * i + 1]);
	}
	for (; i < h->cap; i++) {
		liq__ohlc_clear(&h->pt[i]);
		if (h->pc != NULL)
			liq__panel_clear(&h->pc[i]);
	}
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
	const float *lo, *sh;
	struct ohlc q;
	int any;

	if (c->time_ms != h->next_ms)
		return liq__heatmap_err(e, LIQ_EARG, "heatmap column out of sequence");
	if (h->g.ncols && j >= h->g.ncols)
		return liq__heatmap_err(e, LIQ_EARG, "more columns than the grid announced");
	if (time_overflows(h->g.start_ms, j + 1, h->g.step_ms))
		return liq__heatmap_err(e, LIQ_EARG, "heatmap column time out "
		    "of range");
	if (h->sel != NULL)	/* the chosen layers only */
		liq_grid_layer_sum(c, h->g.nlayers, h->gbins,
		    h->o.layer_mask, h->sel, h->sel + h->gbins);
	lo = h->sel != NULL ? h->sel : c->long_usd;
	sh = h->sel != NULL ? h->sel + h->gbins : c->short_usd;
	memset(h->v, 0, sizeof(*h->v) * h->H * (size_t)h->planes);
	any = liq__heatmap_rows(h, lo + h->off, h->v);
	any |= liq__heatmap_rows(h, sh + h->off,
	    h->v + (uint32_t)(h->planes - 1) * h->H);
	if ((grp = j / h->k) == h->cap) {
		merge_groups(h);
		grp = j / h->k;
	}
	q.o = price_ok(c->open);
	q.h = price_ok(c->high);
	q.l = price_ok(c->low);
	q.c = price_ok(c->close);
	h->pt[grp] = liq__ohlc_join(h->pt[grp], q);
	liq__heatmap_panel_add(h, c, grp);
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
		memcpy(h->last, lo + h->off, sizeof(float) * h->nb);
		memcpy(h->last + h->nb, sh + h->off, sizeof(float) * h->nb);
	}
	h->n++;
	h->next_ms += h->g.step_ms;
	return 0;
}

/* Columns buffered as slots (no column count known) onto the plot. */
static int
slots_to_plot(struct liq_raster_heatmap *h, uint64_t N)
{
	double *v;
	size_t H = h->H;

	if ((h->acc = calloc((size_t)h->W * H * (size_t)h->planes,
	    sizeof(float))) == NULL ||
	    (v = malloc(sizeof(double) * H * (size_t)h->planes)) == NULL)
		return LIQ_ENOMEM;
	for (uint32_t i = 0; i < h->cap && i * h->k < h->n; i++) {
		uint64_t a = i * h->k, b = a + h->k < h->n ? a + h->k : h->n;
		int any = 0;

		for (int p = 0; p < h->planes; p++)
			for (size_t r = 0; r < H; r++) {
				v[(size_t)p * H + r] = h->slot[((size_t)p *
				    h->cap + i) * H + r];
				any |= v[(size_t)p * H + r] != 0;
			}
		if (any)
			to_pixels(h, h->acc, a, b, v, b - a, N);
	}
	free(v);
	free(h->slot);
	h->slot = NULL;
	return 0;
}

/* The top and the floor of the scale: absolute, or percentiles of the
 * non-zero pixels' densities. */
static int
find_top(struct liq_raster_heatmap *h)
{
	size_t plane = (size_t)h->W * h->H, m = 0;
	float *nz;

	h->floor = h->o.floor_value;
	if (h->o.max_value > 0 && !(h->o.floor_value == 0 &&
	    h->o.floor_pct > 0)) {
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
	h->top = h->o.max_value > 0 ? h->o.max_value :
	    liq_raster_percentile(nz, m, h->o.max_pct);
	/* the same values, reordered: the floor's percentile of them */
	if (h->o.floor_value == 0 && h->o.floor_pct > 0)
		h->floor = liq_raster_percentile(nz, m, h->o.floor_pct);
	free(nz);
	return 0;
}

int
liq__heatmap_finish(struct liq_raster_heatmap *h, uint64_t N)
{
	int rc;

	if (h->slot != NULL && (rc = slots_to_plot(h, N)) != 0)
		return rc;
	return find_top(h);
}
