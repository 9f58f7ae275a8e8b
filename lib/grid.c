/*
 * grid.c - the grid file format (man/liq-grid.5): time columns x price bins
 * of estimated liquidation notional.
 *
 * Binary: a fixed 80-byte header (magic, version, sizes, axes), a
 * key=value metadata block, then one record per column: its open time,
 * ten doubles (OHLC, open interest, predicted and realized liquidations,
 * funding; nine before version 1.1, read with funding NaN) and
 * nlayers x nbins float32 cells, all little-endian.  An end marker with
 * the column count and a CRC-32 of everything before it closes the file,
 * so a reader on a pipe tells a whole grid from a truncated one.  The CSV
 * form is an export for spreadsheets, pandas and DuckDB: one row per
 * non-zero cell, the header line first.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "liq.h"
#include "endian_int.h"
#include "frame_int.h"

#define FIXED_LEN	80
#define META_MAX	LIQ_FRAME_META_MAX
#define COLHEAD_LEN	(8 + 8 * LIQ_GRID_NSERIES)
/* the values per column a reader takes: 9 (version 1.0) up to 64, those
 * after the 10th (a later minor version's) skipped */
#define NSERIES_MIN	9
#define NSERIES_MAX	64
#define FLAG_LOG	1u

/* ------------------------------------------------------------ axes */

double
liq_grid_edge(const struct liq_grid_info *g, uint32_t i)
{
	double f;

	if (i == 0)
		return g->price_min;
	if (i >= g->nbins)
		return g->price_max;
	f = (double)i / g->nbins;
	if (g->log_bins)
		return g->price_min * exp(f * log(g->price_max / g->price_min));
	/* exact when the bin width is a round number */
	return g->price_min + i * ((g->price_max - g->price_min) / g->nbins);
}

long
liq_grid_bin(const struct liq_grid_info *g, double price)
{
	double f;
	long k, n = (long)g->nbins;

	if (!(price >= g->price_min))
		return -1;
	if (price >= g->price_max)
		return n;
	if (g->log_bins)
		f = log(price / g->price_min) / log(g->price_max / g->price_min);
	else
		f = (price - g->price_min) / (g->price_max - g->price_min);
	if (!(f >= 0))
		return 0;
	if (!(f < 1))
		return n - 1;
	k = (long)(f * (double)n);
	if (k < 0)
		k = 0;
	if (k >= n)
		k = n - 1;
	/* agree with liq_grid_edge exactly, whatever the rounding */
	while (k > 0 && price < liq_grid_edge(g, (uint32_t)k))
		k--;
	while (k + 1 < n && price >= liq_grid_edge(g, (uint32_t)k + 1))
		k++;
	return k;
}

/* ------------------------------------------------------------ helpers */

/* Format a float in the shortest form that reads back to it (buf holds
 * at least 40 bytes; %g with at most 9 digits needs 16). */
#define FLOAT_BUF 40
static int
format_float(float x, char *buf)
{
	int lo = 1, hi = 9, n;

	if (isnan(x))
		return sprintf(buf, "NaN");
	if (x == 0)
		return sprintf(buf, "0");
	/* the fewest significant digits that read back to x (monotone) */
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		snprintf(buf, FLOAT_BUF, "%.*g", mid, (double)x);
		if (strtof(buf, NULL) == x)
			hi = mid;
		else
			lo = mid + 1;
	}
	n = snprintf(buf, FLOAT_BUF, "%.*g", lo, (double)x);
	if (memchr(buf, 'e', (size_t)n) == NULL)
		return n;
	/* the same digits in plain notation */
	return liq_format_double(strtod(buf, NULL), buf);
}

const char *
liq_grid_param(const struct liq_grid_info *g, const char *key, char *buf,
    size_t len)
{
	size_t kl = strlen(key);
	const char *p = g->params;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t ll = nl ? (size_t)(nl - p) : strlen(p);

		if (ll > kl && memcmp(p, key, kl) == 0 && p[kl] == '=') {
			size_t vl = ll - kl - 1;

			if (vl >= len)
				vl = len - 1;
			memcpy(buf, p + kl + 1, vl);
			buf[vl] = '\0';
			return buf;
		}
		p += ll + (nl != NULL);
	}
	return NULL;
}

/* The metadata block, one key=value per line, each line after prefix. */
static size_t
meta_text(const struct liq_grid_info *g, char *buf, size_t cap,
    const char *prefix)
{
	char t[64], d[64], lo[40], hi[40];
	size_t o = 0;
	const char *p;

	liq_time_format(g->start_ms, t, sizeof(t));
	liq_duration_format(g->step_ms, d, sizeof(d));
	liq_format_double(g->price_min, lo);
	liq_format_double(g->price_max, hi);
#define KV(k, v) liq__meta_add(buf, cap, &o, prefix, k, v)
	KV("venue", g->venue);
	KV("symbol", g->symbol);
	KV("start", t);
	KV("step", d);
	KV("price_min", lo);
	KV("price_max", hi);
	KV("bins", g->log_bins ? "log" : "linear");
	KV("layers", g->layers);
	KV("units", "quote currency notional");
	KV("snapshot", "end of column");
	/* model parameters, as given */
	for (p = g->params; *p;) {
		const char *nl = strchr(p, '\n');
		size_t ll = nl ? (size_t)(nl - p) : strlen(p);
		int k = snprintf(buf + o, cap - o, "%s%.*s\n", prefix, (int)ll, p);

		if (k > 0 && (size_t)k < cap - o)
			o += (size_t)k;
		p += ll + (nl != NULL);
	}
	if (g->command[0])
		KV("command", g->command);
#undef KV
	return o;
}

/* ------------------------------------------------------------ writer */

/*
 * The CSV export is made for speed as well as for reading: it can be a
 * hundred times the size of the binary grid.  The text of every bin's
 * edges ("lo,hi,") is made once at open, a column's time once per column,
 * cells in the default style are whole dollars formatted by hand, and
 * the rows of a layer pair are built in one buffer (up to 1 MiB) and
 * written with one fwrite.
 */
struct liq_grid_writer {
	FILE *f;
	int csv;
	struct liq_csv_style style;	/* CSV */
	struct liq_grid_info g;
	uint32_t crc;
	uint64_t n;
	unsigned char *rec;
	size_t reclen;
	char (*names)[64];	/* CSV: the name of each layer pair */
	char *edges;		/* CSV: "lo,hi," of every bin, one after another */
	uint32_t *edge_off;	/* CSV: where bin i's text starts (nbins + 1) */
	char *buf;		/* CSV: rows, written out when nearly full */
	size_t bufcap, rowmax;	/* its size; the longest row */
	char na[48];		/* CSV: the missing value and its length */
	size_t nalen;
};

static int
werr(struct liq_error *e, int code, const char *msg)
{
	return liq_error_set(e, code, NULL, 0, NULL, NULL, 0, "%s", msg);
}

/* The CSV parts made once: edge texts, layer pair names, the row buffer. */
static int
csv_setup(struct liq_grid_writer *w)
{
	const struct liq_grid_info *g = &w->g;
	int kind = w->style.exact ? LIQ_NUM_EXACT : LIQ_NUM_PRICE;
	char (*t)[48];
	size_t o = 0, maxrow = 0;
	uint32_t i;

	if ((t = malloc(((size_t)g->nbins + 1) * sizeof(*t))) == NULL)
		return -1;
	for (i = 0; i <= g->nbins; i++)
		liq_csv_format_num(&w->style, kind, liq_grid_edge(g, i), t[i]);
	for (i = 0; i < g->nbins; i++)
		o += strlen(t[i]) + strlen(t[i + 1]) + 2;
	if ((w->edges = malloc(o + 1)) == NULL ||
	    (w->edge_off = malloc(((size_t)g->nbins + 1) * 4)) == NULL ||
	    (w->names = calloc(g->nlayers / 2, 64)) == NULL) {
		free(t);
		return -1;
	}
	for (o = 0, i = 0; i < g->nbins; i++) {
		size_t a = strlen(t[i]), b = strlen(t[i + 1]);

		w->edge_off[i] = (uint32_t)o;
		memcpy(w->edges + o, t[i], a);
		w->edges[o + a] = ',';
		memcpy(w->edges + o + a + 1, t[i + 1], b);
		w->edges[o + a + 1 + b] = ',';
		o += a + b + 2;
		if (a + b + 2 > maxrow)
			maxrow = a + b + 2;
	}
	w->edge_off[g->nbins] = (uint32_t)o;
	free(t);
	/* each pair's name: "binance", "25x", "binance.25x" (layers.c) */
	for (i = 0; i < g->nlayers / 2; i++)
		if (liq_grid_layer_name(g, i, w->names[i], 64) == NULL)
			w->names[i][0] = '\0';
	w->nalen = strlen(w->style.na);
	if (w->nalen > sizeof(w->na) - 1)
		w->nalen = sizeof(w->na) - 1;
	memcpy(w->na, w->style.na, w->nalen);
	/* time, venue, edges, two cells of at most 48 bytes, separators;
	 * a buffer of a layer pair's rows, at most 1 MiB */
	maxrow += 48 + 64 + 2 * 48 + 4;
	w->rowmax = maxrow;
	w->bufcap = maxrow * g->nbins;
	if (w->bufcap > (1u << 20))
		w->bufcap = 1u << 20;	/* rows are at most 310 bytes */
	if ((w->buf = malloc(w->bufcap)) == NULL)
		return -1;
	return 0;
}

int
liq_grid_writer_open(struct liq_grid_writer **wp, FILE *f,
    const struct liq_grid_info *info, const struct liq_csv_style *csv,
    struct liq_error *e)
{
	struct liq_grid_writer *w;
	char *meta;
	size_t mlen, cap = 16384;

	*wp = NULL;
	if (info->nbins == 0 || info->nbins > LIQ_GRID_MAX_BINS ||
	    info->nlayers == 0 || info->nlayers % 2 != 0 ||
	    info->nlayers > LIQ_GRID_MAX_LAYERS || info->step_ms <= 0 ||
	    !(info->price_min > 0) || !(info->price_max > info->price_min) ||
	    !isfinite(info->price_max))
		return werr(e, LIQ_EARG, "bad grid dimensions");
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return werr(e, LIQ_ENOMEM, "out of memory");
	w->f = f;
	w->csv = csv != NULL;
	if (csv != NULL) {
		w->style = *csv;
		if (w->style.na == NULL)
			w->style.na = "";
	}
	w->g = *info;
	liq__meta_clean(w->g.command);
	liq__meta_clean(w->g.layers);
	liq__meta_clean(w->g.venue);
	w->crc = 0;
	w->reclen = COLHEAD_LEN + (size_t)info->nlayers * info->nbins * 4;
	if ((meta = malloc(cap)) == NULL)
		goto nomem;
	if (csv) {
		size_t o;

		if (csv_setup(w) != 0)
			goto nomem;
		/* the header line first: CSV readers look for it there */
		fputs(info->nlayers > 2 ?
		    "time,layer,price_lo,price_hi,long_usd,short_usd\n" :
		    "time,price_lo,price_hi,long_usd,short_usd\n", f);
		fprintf(f, "# liq-grid %d.%d\n", LIQ_GRID_MAJOR, LIQ_GRID_MINOR);
		mlen = meta_text(&w->g, meta, cap, "# ");
		o = mlen;
		liq__meta_add(meta, cap, &o, "# ", "csv_numbers",
		    w->style.exact ? "exact" : "cells whole, prices to 10 "
		    "significant digits");
		liq__meta_add(meta, cap, &o, "# ", "csv_time",
		    w->style.time_ms ? "epoch ms" : "ISO 8601 UTC");
		fwrite(meta, 1, o, f);
	} else {
		unsigned char h[FIXED_LEN];

		if ((w->rec = malloc(w->reclen)) == NULL)
			goto nomem;
		mlen = meta_text(&w->g, meta, cap, "");
		memset(h, 0, sizeof(h));
		liq__frame_head(h, liq_file_magic_grid, LIQ_GRID_MAJOR,
		    LIQ_GRID_MINOR);
		liq__put32(h + 12, (uint32_t)(FIXED_LEN + mlen));
		liq__put32(h + 16, (uint32_t)mlen);
		liq__put32(h + 20, info->nbins);
		liq__put32(h + 24, info->nlayers);
		liq__put32(h + 28, info->log_bins ? FLAG_LOG : 0);
		liq__put64(h + 32, (uint64_t)info->start_ms);
		liq__put64(h + 40, (uint64_t)info->step_ms);
		liq__put64(h + 48, info->ncols ? info->ncols : UINT64_MAX);
		liq__putd(h + 56, info->price_min);
		liq__putd(h + 64, info->price_max);
		liq__put32(h + 72, LIQ_GRID_NSERIES);
		w->crc = liq__crc32(w->crc, h, FIXED_LEN);
		w->crc = liq__crc32(w->crc, (unsigned char *)meta, (size_t)mlen);
		fwrite(h, 1, FIXED_LEN, f);
		fwrite(meta, 1, mlen, f);
	}
	free(meta);
	if (ferror(f)) {
		liq_grid_writer_free(w);
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
	}
	*wp = w;
	return 0;
nomem:
	free(meta);
	liq_grid_writer_free(w);
	return werr(e, LIQ_ENOMEM, "out of memory");
}

/* A cell as text at p (room for 48 bytes); returns the length.  Whole
 * dollars below 1e18 are formatted here, digit by digit: snprintf would
 * be most of the export's time. */
static size_t
cell_text(const struct liq_grid_writer *w, float x, char *p)
{
	char d[24];
	size_t n = 0, k;
	double r;
	uint64_t v;

	if (isnan(x)) {
		memcpy(p, w->na, w->nalen);
		return w->nalen;
	}
	if (w->style.exact) {
		if (x == 0) {
			*p = '0';
			return 1;
		}
		return (size_t)format_float(x, p);
	}
	r = nearbyint((double)x);
	if (!(r >= 0 && r < 1e18))
		return (size_t)liq_csv_format_num(&w->style, LIQ_NUM_USD, x, p);
	v = (uint64_t)r;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (k = 0; k < n; k++)
		p[k] = d[n - 1 - k];
	return n;
}

static void
csv_num(FILE *f, const struct liq_csv_style *s, int kind, double x,
    int last)
{
	char b[48];
	int n = liq_csv_format_num(s, kind, x, b);

	b[n] = last ? '\n' : ',';
	fwrite(b, 1, (size_t)n + 1, f);
}

static void
put_cells(unsigned char *p, const float *x, uint32_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(p, x, (size_t)n * 4);
#else
	for (uint32_t i = 0; i < n; i++) {
		uint32_t v;

		memcpy(&v, &x[i], 4);
		liq__put32(p + 4 * (size_t)i, v);
	}
#endif
}

/* The CSV rows of one column: its non-zero cells, a buffer a layer pair. */
static void
csv_column(struct liq_grid_writer *w, const struct liq_grid_column *c)
{
	const struct liq_grid_info *g = &w->g;
	char pre[48 + 64 + 2];
	size_t pn;
	int tn;
	uint32_t l, i;

	tn = liq_csv_format_time(&w->style, c->time_ms, pre);
	pre[tn++] = ',';
	for (l = 0; l < g->nlayers; l += 2) {
		const float *lo = c->layer[l], *sh = c->layer[l + 1];
		char *o = w->buf;

		pn = (size_t)tn;
		if (g->nlayers > 2) {
			size_t vn = strlen(w->names[l / 2]);

			memcpy(pre + tn, w->names[l / 2], vn);
			pre[(size_t)tn + vn] = ',';
			pn += vn + 1;
		}
		for (i = 0; i < g->nbins; i++) {
			size_t en;

			if (lo[i] == 0 && sh[i] == 0)
				continue;
			if ((size_t)(o - w->buf) > w->bufcap - w->rowmax) {
				fwrite(w->buf, 1, (size_t)(o - w->buf), w->f);
				o = w->buf;
			}
			en = w->edge_off[i + 1] - w->edge_off[i];
			memcpy(o, pre, pn);
			o += pn;
			memcpy(o, w->edges + w->edge_off[i], en);
			o += en;
			o += cell_text(w, lo[i], o);
			*o++ = ',';
			o += cell_text(w, sh[i], o);
			*o++ = '\n';
		}
		fwrite(w->buf, 1, (size_t)(o - w->buf), w->f);
	}
}

int
liq_grid_write(struct liq_grid_writer *w, const struct liq_grid_column *c,
    struct liq_error *e)
{
	const struct liq_grid_info *g = &w->g;
	int64_t off, want;
	uint32_t l, i;

	if (__builtin_mul_overflow((int64_t)w->n, g->step_ms, &off) ||
	    __builtin_add_overflow(g->start_ms, off, &want) ||
	    c->time_ms != want)
		return werr(e, LIQ_EARG, "grid column out of sequence");
	if (g->ncols && w->n >= g->ncols)
		return werr(e, LIQ_EARG, "more grid columns than announced");
	if (w->csv)
		csv_column(w, c);
	else {
		unsigned char *r = w->rec;
		const double s[LIQ_GRID_NSERIES] = { c->open, c->high, c->low,
		    c->close, c->oi_quote, c->pred_long, c->pred_short,
		    c->real_long, c->real_short, c->funding };

		liq__put64(r, (uint64_t)c->time_ms);
		for (i = 0; i < LIQ_GRID_NSERIES; i++)
			liq__putd(r + 8 + 8 * i, s[i]);
		r += COLHEAD_LEN;
		for (l = 0; l < g->nlayers; l++, r += (size_t)g->nbins * 4)
			put_cells(r, c->layer[l], g->nbins);
		w->crc = liq__crc32(w->crc, w->rec, (size_t)w->reclen);
		fwrite(w->rec, 1, w->reclen, w->f);
	}
	w->n++;
	if (ferror(w->f))
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
	return 0;
}

int
liq_grid_writer_close(struct liq_grid_writer *w, struct liq_error *e)
{
	if (w->g.ncols && w->n != w->g.ncols)
		return werr(e, LIQ_EARG, "fewer grid columns than announced");
	if (w->csv)
		fprintf(w->f, "# end columns=%llu\n", (unsigned long long)w->n);
	else
		liq__frame_write_end(w->f, w->n, w->crc, e);
	if (ferror(w->f))
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
	return 0;
}

void
liq_grid_writer_free(struct liq_grid_writer *w)
{
	if (w == NULL)
		return;
	free(w->rec);
	free(w->names);
	free(w->edges);
	free(w->edge_off);
	free(w->buf);
	free(w);
}

/* ------------------------------------------------------------ series */

int
liq_grid_series_header(FILE *f)
{
	fputs("time,open,high,low,close,oi_usd,pred_long_usd,pred_short_usd,"
	    "real_long_usd,real_short_usd,funding\n", f);
	return ferror(f) ? LIQ_EIO : 0;
}

int
liq_grid_series_row(FILE *f, const struct liq_grid_column *c,
    const struct liq_csv_style *s)
{
	char t[48];
	int n = liq_csv_format_time(s, c->time_ms, t);

	t[n] = ',';
	fwrite(t, 1, (size_t)n + 1, f);
	csv_num(f, s, LIQ_NUM_PRICE, c->open, 0);
	csv_num(f, s, LIQ_NUM_PRICE, c->high, 0);
	csv_num(f, s, LIQ_NUM_PRICE, c->low, 0);
	csv_num(f, s, LIQ_NUM_PRICE, c->close, 0);
	csv_num(f, s, LIQ_NUM_USD, c->oi_quote, 0);
	csv_num(f, s, LIQ_NUM_USD, c->pred_long, 0);
	csv_num(f, s, LIQ_NUM_USD, c->pred_short, 0);
	csv_num(f, s, LIQ_NUM_USD, c->real_long, 0);
	csv_num(f, s, LIQ_NUM_USD, c->real_short, 0);
	csv_num(f, s, LIQ_NUM_RATIO, c->funding, 1);
	return ferror(f) ? LIQ_EIO : 0;
}

/* ------------------------------------------------------------ reader */

struct liq_grid_reader {
	struct liq_input *in;
	struct liq_grid_info g;
	uint32_t crc;
	uint64_t n;
	unsigned char *rec;
	size_t reclen;
	uint32_t nser;		/* doubles per column after its time */
	float *cells;		/* nlayers x nbins */
	float *sum;		/* 2 x nbins when nlayers > 2 */
	struct liq_grid_column col;
};

static int
rerr(struct liq_grid_reader *r, struct liq_error *e, const char *fmt,
    const char *arg)
{
	return liq_error_set(e, LIQ_EFORMAT, liq_input_name(r->in), 0, NULL,
	    NULL, 0, fmt, arg);
}

static void
copy_value(char *dst, size_t cap, const char *v, size_t vl)
{
	if (vl >= cap)
		vl = cap - 1;
	memcpy(dst, v, vl);
	dst[vl] = '\0';
}

/* Split the metadata into the info fields; unknown keys go to params. */
static void
parse_meta(struct liq_grid_info *g, const char *meta, size_t mlen)
{
	static const char *const fixed[] = { "start", "step", "price_min",
	    "price_max", "bins", "units", "snapshot" };
	size_t pos = 0, po = 0, kl, vl;
	const char *p, *v;

	while (liq__meta_next(meta, mlen, &pos, &p, &kl, &v, &vl)) {
		int skip = 0;

		if (vl == SIZE_MAX)
			continue;
#define IS(s) (kl == strlen(s) && memcmp(p, s, kl) == 0)
		if (IS("venue"))
			copy_value(g->venue, sizeof(g->venue), v, vl);
		else if (IS("symbol"))
			copy_value(g->symbol, sizeof(g->symbol), v, vl);
		else if (IS("layers"))
			copy_value(g->layers, sizeof(g->layers), v, vl);
		else if (IS("command"))
			copy_value(g->command, sizeof(g->command), v, vl);
		else {
			size_t ll = kl + 1 + vl;

			for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
				if (IS(fixed[i]))
					skip = 1;
			if (!skip && po + ll + 2 < sizeof(g->params)) {
				memcpy(g->params + po, p, ll);
				po += ll;
				g->params[po++] = '\n';
				g->params[po] = '\0';
			}
		}
#undef IS
	}
}

int
liq_grid_reader_open(struct liq_grid_reader **rp, const char *path,
    struct liq_error *e)
{
	struct liq_input *in;
	int rc;

	*rp = NULL;
	if ((rc = liq_input_open(&in, path, e)) != 0)
		return rc;
	return liq_grid_reader_open_input(rp, in, e);
}

int
liq_grid_reader_open_input(struct liq_grid_reader **rp, struct liq_input *in,
    struct liq_error *e)
{
	struct liq_grid_reader *r;
	unsigned char h[FIXED_LEN];
	uint32_t hlen, mlen, nser, flags;
	uint64_t cells;
	int64_t span;
	char *meta = NULL;
	const char *path = liq_input_name(in);
	long got;
	int rc;

	*rp = NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		rc = liq_error_set(e, LIQ_ENOMEM, path, 0, NULL, NULL, 0,
		    "out of memory");
		liq_input_close(in);
		return rc;
	}
	r->in = in;
	got = liq_input_read(r->in, h, FIXED_LEN, e);
	if (got < 0) {
		rc = (int)got;
		goto fail;
	}
	if (liq_file_detect_bytes(h, (size_t)got) != LIQ_FILE_GRID) {
		int type = liq_file_detect_bytes(h, (size_t)got);

		if (type == LIQ_FILE_BARS)
			rc = rerr(r, e, "%s", "not a grid file (a bars file: "
			    "run liq-estimate on it first)");
		else if (type == LIQ_FILE_GRID_CSV)
			rc = rerr(r, e, "%s", "a grid in CSV form cannot be "
			    "read back: use the binary form");
		else
			rc = rerr(r, e, "%s", got == 0 ? "empty input, not a "
			    "grid file" : "not a grid file (bad magic)");
		goto fail;
	}
	if (got != FIXED_LEN) {
		rc = rerr(r, e, "%s", "truncated grid file (in the header)");
		goto fail;
	}
	if ((rc = liq__frame_check_version(h, LIQ_GRID_MAJOR, "grid",
	    liq_input_name(r->in), e)) != 0)
		goto fail;
	hlen = liq__get32(h + 12);
	mlen = liq__get32(h + 16);
	r->g.nbins = liq__get32(h + 20);
	r->g.nlayers = liq__get32(h + 24);
	flags = liq__get32(h + 28);
	r->g.log_bins = (flags & FLAG_LOG) != 0;
	r->g.start_ms = (int64_t)liq__get64(h + 32);
	r->g.step_ms = (int64_t)liq__get64(h + 40);
	r->g.ncols = liq__get64(h + 48);
	if (r->g.ncols == UINT64_MAX)
		r->g.ncols = 0;
	r->g.price_min = liq__getd(h + 56);
	r->g.price_max = liq__getd(h + 64);
	nser = liq__get32(h + 72);
	/* sizes are checked before anything is allocated from them */
	if (h[8] != LIQ_GRID_MAJOR || mlen > META_MAX ||
	    hlen < FIXED_LEN + (uint64_t)mlen ||
	    hlen > FIXED_LEN + (uint64_t)META_MAX + 65536 || r->g.nbins == 0 ||
	    r->g.nbins > LIQ_GRID_MAX_BINS || r->g.nlayers == 0 ||
	    r->g.nlayers % 2 != 0 || r->g.nlayers > LIQ_GRID_MAX_LAYERS ||
	    nser < NSERIES_MIN || nser > NSERIES_MAX) {
		rc = rerr(r, e, "%s", "corrupt grid header (sizes out of range)");
		goto fail;
	}
	if (r->g.step_ms <= 0 || !(r->g.price_min >= 1e-300) ||
	    !(r->g.price_max > r->g.price_min) || !isfinite(r->g.price_max) ||
	    !isfinite(r->g.price_max / r->g.price_min) ||
	    r->g.start_ms < -(INT64_C(1) << 52) ||
	    r->g.start_ms > (INT64_C(1) << 52) ||
	    r->g.step_ms > (INT64_C(1) << 50) ||
	    (r->g.ncols && r->g.ncols > (UINT64_C(1) << 32)) ||
	    __builtin_mul_overflow(r->g.ncols, r->g.step_ms, &span) ||
	    __builtin_add_overflow(r->g.start_ms, span, &span)) {
		rc = rerr(r, e, "%s", "corrupt grid header (axes out of range)");
		goto fail;
	}
	r->crc = liq__crc32(0, h, FIXED_LEN);
	/* the metadata, then header fields of a later minor version, skipped */
	if ((meta = malloc(hlen - FIXED_LEN + 1)) == NULL) {
		rc = liq_error_set(e, LIQ_ENOMEM, path, 0, NULL, NULL, 0,
		    "out of memory");
		goto fail;
	}
	got = liq_input_read(r->in, meta, hlen - FIXED_LEN, e);
	if (got < 0) {
		rc = (int)got;
		goto fail;
	}
	if ((uint32_t)got != hlen - FIXED_LEN) {
		rc = rerr(r, e, "%s", "truncated grid file (in the header)");
		goto fail;
	}
	r->crc = liq__crc32(r->crc, (unsigned char *)meta, hlen - FIXED_LEN);
	parse_meta(&r->g, meta, mlen);
	free(meta);
	meta = NULL;
	cells = (uint64_t)r->g.nlayers * r->g.nbins;
	r->nser = nser;
	r->reclen = 8 + 8 * (uint64_t)nser + cells * 4;
	if ((r->rec = malloc(r->reclen)) == NULL ||
	    (r->cells = malloc(cells * sizeof(float))) == NULL ||
	    (r->g.nlayers > 2 && (r->sum = malloc(2 * sizeof(float) *
	    r->g.nbins)) == NULL)) {
		rc = liq_error_set(e, LIQ_ENOMEM, path, 0, NULL, NULL, 0,
		    "out of memory");
		goto fail;
	}
	for (uint32_t l = 0; l < r->g.nlayers; l++)
		r->col.layer[l] = r->cells + (size_t)l * r->g.nbins;
	r->col.long_usd = r->sum ? r->sum : r->col.layer[0];
	r->col.short_usd = r->sum ? r->sum + r->g.nbins : r->col.layer[1];
	*rp = r;
	return 0;
fail:
	free(meta);
	liq_grid_reader_close(r);
	return rc;
}

const struct liq_grid_info *
liq_grid_reader_info(const struct liq_grid_reader *r)
{
	return &r->g;
}

static void
get_cells(float *x, const unsigned char *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(x, p, n * 4);
#else
	for (size_t i = 0; i < n; i++) {
		uint32_t v = liq__get32(p + 4 * i);

		memcpy(&x[i], &v, 4);
	}
#endif
}

int
liq_grid_read(struct liq_grid_reader *r, struct liq_grid_column **cp,
    struct liq_error *e)
{
	struct liq_grid_column *c = &r->col;
	const struct liq_grid_info *g = &r->g;
	long got;
	double s[LIQ_GRID_NSERIES];
	uint32_t i, l;

	*cp = NULL;
	got = liq_input_read(r->in, r->rec, 8, e);
	if (got < 0)
		return (int)got;
	if (got == 8 && memcmp(r->rec, liq_file_magic_end, 8) == 0)
		return liq__frame_read_end(r->in, "grid", r->n,
		    g->ncols && g->ncols != r->n, r->crc, "column count "
		    "differs from the header or end marker", NULL, NULL, e);
	if (got == 8) {
		long more = liq_input_read(r->in, r->rec + 8, r->reclen - 8, e);

		if (more < 0)
			return (int)more;
		got += more;
	}
	if ((size_t)got != r->reclen)
		return rerr(r, e, "%s", "truncated grid file (no end marker)");
	if (g->ncols && r->n >= g->ncols)
		return rerr(r, e, "%s",
		    "corrupt grid file (more columns than the header says)");
	r->crc = liq__crc32(r->crc, r->rec, (size_t)r->reclen);
	c->time_ms = (int64_t)liq__get64(r->rec);
	{
		int64_t off, want;

		if (__builtin_mul_overflow((int64_t)r->n, g->step_ms, &off) ||
		    __builtin_add_overflow(g->start_ms, off, &want) ||
		    c->time_ms != want)
			return rerr(r, e, "%s", "corrupt grid file (column time "
			    "out of sequence)");
	}
	/* the values of a later minor version are skipped; those of an
	 * earlier one (no funding before 1.1) are NaN */
	for (i = 0; i < LIQ_GRID_NSERIES; i++)
		s[i] = i < r->nser ? liq__getd(r->rec + 8 + 8 * i) : NAN;
	c->open = s[0];
	c->high = s[1];
	c->low = s[2];
	c->close = s[3];
	c->oi_quote = s[4];
	c->pred_long = s[5];
	c->pred_short = s[6];
	c->real_long = s[7];
	c->real_short = s[8];
	c->funding = s[9];
	get_cells(r->cells, r->rec + 8 + 8 * (size_t)r->nser,
	    (size_t)g->nlayers * g->nbins);
	for (size_t k = 0; k < (size_t)g->nlayers * g->nbins; k++)
		if (!(r->cells[k] >= 0 && r->cells[k] <= 3.4e38f))
			return rerr(r, e, "%s", "corrupt grid file (a cell is "
			    "negative, infinite or NaN)");
	if (r->sum) {
		memcpy(r->sum, c->layer[0], g->nbins * sizeof(float));
		memcpy(r->sum + g->nbins, c->layer[1], g->nbins * sizeof(float));
		for (l = 2; l < g->nlayers; l += 2)
			for (i = 0; i < g->nbins; i++) {
				r->sum[i] += c->layer[l][i];
				r->sum[g->nbins + i] += c->layer[l + 1][i];
			}
	}
	r->n++;
	*cp = c;
	return 1;
}

void
liq_grid_reader_close(struct liq_grid_reader *r)
{
	if (r == NULL)
		return;
	liq_input_close(r->in);
	free(r->rec);
	free(r->cells);
	free(r->sum);
	free(r);
}
