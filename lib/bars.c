/*
 * bars.c - the bars file format (man/liq-bars.5), binary and CSV.
 *
 * Binary: a fixed 56-byte header (magic, version, sizes, interval, span),
 * a key=value metadata block, fixed-size little-endian records packed field
 * by field, and an end marker with the bar count and a CRC-32 so a reader
 * on a pipe can tell a whole file from a truncated one.  CSV: a header
 * row (first, where CSV readers such as DuckDB's look for it), '#'
 * comment lines with the same metadata, one row per bar, and a closing
 * "# end bars=N" line.  The reader also takes the older layout, comments
 * before the header row.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "liq.h"
#include "csv_int.h"
#include "endian_int.h"
#include "bars_int.h"
#include "frame_int.h"

#define FIXED_LEN	56
#define SPAN_OFF	32
#define REC_LEN		148
#define TRAILER_LEN	LIQ_FRAME_TRAILER_LEN
#define META_MAX	LIQ_FRAME_META_MAX

static const char *const columns[] = {
	"time", "open", "high", "low", "close", "buy_base", "sell_base",
	"buy_quote", "sell_quote", "trades", "oi_base", "oi_quote", "funding",
	"liq_long_quote", "liq_short_quote", "liq_long_count",
	"liq_short_count", "ls_ratio", "top_ls_ratio", "bar_flags"
};
#define NCOL ((int)(sizeof(columns) / sizeof(columns[0])))
enum {
	C_TIME, C_OPEN, C_HIGH, C_LOW, C_CLOSE, C_BUYB, C_SELLB, C_BUYQ,
	C_SELLQ, C_TRADES, C_OIB, C_OIQ, C_FUND, C_LLQ, C_LSQ, C_LLC, C_LSC,
	C_LSR, C_TLSR, C_FLAGS
};

const char *
liq_market_name(int market)
{
	switch (market) {
	case LIQ_MARKET_LINEAR:
		return "linear";
	case LIQ_MARKET_INVERSE:
		return "inverse";
	case LIQ_MARKET_SPOT:
		return "spot";
	}
	return "unknown";
}

int
liq_market_parse(const char *s, int *market)
{
	int m;

	for (m = LIQ_MARKET_LINEAR; m <= LIQ_MARKET_SPOT; m++)
		if (strcmp(s, liq_market_name(m)) == 0) {
			*market = m;
			return 0;
		}
	return LIQ_EARG;
}

/* ------------------------------------------------------------ packing */

static void
pack(unsigned char *r, const struct liq_bar *b)
{
	liq__put64(r, (uint64_t)b->time_ms);
	liq__putd(r + 8, b->open);
	liq__putd(r + 16, b->high);
	liq__putd(r + 24, b->low);
	liq__putd(r + 32, b->close);
	liq__putd(r + 40, b->buy_base);
	liq__putd(r + 48, b->sell_base);
	liq__putd(r + 56, b->buy_quote);
	liq__putd(r + 64, b->sell_quote);
	liq__put64(r + 72, b->trades);
	liq__putd(r + 80, b->oi_base);
	liq__putd(r + 88, b->oi_quote);
	liq__putd(r + 96, b->funding);
	liq__putd(r + 104, b->liq_long_quote);
	liq__putd(r + 112, b->liq_short_quote);
	liq__put32(r + 120, b->liq_long_count);
	liq__put32(r + 124, b->liq_short_count);
	liq__putd(r + 128, b->ls_ratio);
	liq__putd(r + 136, b->top_ls_ratio);
	liq__put32(r + 144, b->flags);
}

static void
unpack(const unsigned char *r, struct liq_bar *b)
{
	b->time_ms = (int64_t)liq__get64(r);
	b->open = liq__getd(r + 8);
	b->high = liq__getd(r + 16);
	b->low = liq__getd(r + 24);
	b->close = liq__getd(r + 32);
	b->buy_base = liq__getd(r + 40);
	b->sell_base = liq__getd(r + 48);
	b->buy_quote = liq__getd(r + 56);
	b->sell_quote = liq__getd(r + 64);
	b->trades = liq__get64(r + 72);
	b->oi_base = liq__getd(r + 80);
	b->oi_quote = liq__getd(r + 88);
	b->funding = liq__getd(r + 96);
	b->liq_long_quote = liq__getd(r + 104);
	b->liq_short_quote = liq__getd(r + 112);
	b->liq_long_count = liq__get32(r + 120);
	b->liq_short_count = liq__get32(r + 124);
	b->ls_ratio = liq__getd(r + 128);
	b->top_ls_ratio = liq__getd(r + 136);
	b->flags = liq__get32(r + 144);
}

/* ------------------------------------------------------------ writer */

struct liq_bars_writer {
	FILE *f;
	int csv;
	struct liq_csv_style style;	/* CSV: times, missing values */
	uint32_t crc;
	uint64_t n;
	int64_t first, last, interval;
	long start;		/* file offset of the header, -1 unseekable */
};

/* The metadata block: one key=value per line (values never hold '\n'). */
static size_t
meta_text(const struct liq_bars_info *info, char *buf, size_t cap,
    const char *prefix, const char *time_unit)
{
	char cs[32], iv[32];
	size_t o = 0;

	liq_format_double(info->contract_size, cs);
	liq_duration_format(info->interval_ms, iv, sizeof(iv));
#define KV(k, v) liq__meta_add(buf, cap, &o, prefix, k, v)
	KV("venue", info->venue);
	KV("symbol", info->symbol);
	KV("market", liq_market_name(info->market));
	KV("contract_size", cs);
	KV("interval", iv);
	KV("time_unit", time_unit);
	KV("volume_units", "base and quote currency");
	if (info->sources[0])
		KV("sources", info->sources);
	if (info->command[0])
		KV("command", info->command);
#undef KV
	return o;
}

int
liq_bars_writer_open(struct liq_bars_writer **wp, FILE *f,
    const struct liq_bars_info *info0, const struct liq_csv_style *csv,
    struct liq_error *e)
{
	struct liq_bars_writer *w;
	struct liq_bars_info info = *info0;
	char meta[4096];
	size_t mlen;

	*wp = NULL;
	liq__meta_clean(info.command);
	liq__meta_clean(info.sources);
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	w->f = f;
	w->csv = csv != NULL;
	if (csv != NULL) {
		w->style = *csv;
		w->style.exact = 1;	/* read back by the liq programs */
		if (w->style.na == NULL)
			w->style.na = "";
	}
	w->first = INT64_MIN;
	w->last = INT64_MIN;
	w->interval = info.interval_ms;
	w->crc = 0;
	if (csv) {
		int i;

		for (i = 0; i < NCOL; i++)
			fprintf(f, "%s%c", columns[i], i + 1 < NCOL ? ',' : '\n');
		fprintf(f, "# liq-bars %d.%d\n", LIQ_BARS_MAJOR,
		    LIQ_BARS_MINOR);
		mlen = meta_text(&info, meta, sizeof(meta), "# ",
		    w->style.time_ms ? "ms" : "ISO 8601 UTC");
		if (w->style.na[0] != '\0')
			liq__meta_add(meta, sizeof(meta), &mlen, "# ", "na",
			    w->style.na);
		fwrite(meta, 1, mlen, f);
	} else {
		unsigned char h[FIXED_LEN];
		struct stat st;

		mlen = meta_text(&info, meta, sizeof(meta), "", "ms");
		liq__frame_head(h, liq_file_magic_bars, LIQ_BARS_MAJOR,
		    LIQ_BARS_MINOR);
		liq__put32(h + 12, (uint32_t)(FIXED_LEN + mlen));
		liq__put32(h + 16, REC_LEN);
		liq__put32(h + 20, (uint32_t)mlen);
		liq__put64(h + 24, (uint64_t)info.interval_ms);
		liq__put64(h + 32, (uint64_t)INT64_MIN);
		liq__put64(h + 40, (uint64_t)INT64_MIN);
		liq__put64(h + 48, UINT64_MAX);
		w->start = -1;
		if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode))
			w->start = ftell(f);
		w->crc = liq__crc32(w->crc, h, SPAN_OFF);
		w->crc = liq__crc32(w->crc, (const unsigned char *)meta,
		    (uInt)mlen);
		fwrite(h, 1, FIXED_LEN, f);
		fwrite(meta, 1, mlen, f);
	}
	if (ferror(f)) {
		free(w);
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
	}
	*wp = w;
	return 0;
}

static void
csv_num(struct liq_bars_writer *w, double x)
{
	char b[48];
	int n = liq_csv_format_num(&w->style, LIQ_NUM_EXACT, x, b);

	b[n] = ',';
	fwrite(b, 1, (size_t)n + 1, w->f);
}

static void
csv_na(struct liq_bars_writer *w)
{
	fputs(w->style.na, w->f);
	fputc(',', w->f);
}

int
liq_bars_write(struct liq_bars_writer *w, const struct liq_bar *b,
    struct liq_error *e)
{
	const char *field, *range;
	double x;

	if (w->n > 0 && b->time_ms <= w->last) {
		char t[40];
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "bar at %s written out of order",
		    liq_time_format(b->time_ms, t, sizeof(t)));
	}
	/* never a bar that every reader refuses (man/liq-bars.5, Ranges) */
	if ((field = liq_bar_check(b, &x, &range)) != NULL) {
		char t[40], v[40];

		snprintf(v, sizeof(v), "%.17g", x);
		return liq_error_set(e, LIQ_EDATA, NULL, 0, field, v, SIZE_MAX,
		    "the bar at %s is out of range (%s): absurd input values?",
		    liq_time_format(b->time_ms, t, sizeof(t)), range);
	}
	if (w->n == 0)
		w->first = b->time_ms;
	w->last = b->time_ms;
	w->n++;
	if (w->csv) {
		char t[48];
		int tn = liq_csv_format_time(&w->style, b->time_ms, t);

		t[tn] = ',';
		fwrite(t, 1, (size_t)tn + 1, w->f);
		csv_num(w, b->open);
		csv_num(w, b->high);
		csv_num(w, b->low);
		csv_num(w, b->close);
		csv_num(w, b->buy_base);
		csv_num(w, b->sell_base);
		csv_num(w, b->buy_quote);
		csv_num(w, b->sell_quote);
		if (b->flags & LIQ_BAR_VOLUME)
			fprintf(w->f, "%llu,", (unsigned long long)b->trades);
		else
			csv_na(w);
		csv_num(w, b->oi_base);
		csv_num(w, b->oi_quote);
		csv_num(w, b->funding);
		csv_num(w, b->liq_long_quote);
		csv_num(w, b->liq_short_quote);
		if (b->flags & LIQ_BAR_LIQ_COUNT)
			fprintf(w->f, "%u,%u,", b->liq_long_count,
			    b->liq_short_count);
		else {
			csv_na(w);
			csv_na(w);
		}
		csv_num(w, b->ls_ratio);
		csv_num(w, b->top_ls_ratio);
		fprintf(w->f, "%u\n", b->flags);
	} else {
		unsigned char r[REC_LEN];
		pack(r, b);
		w->crc = liq__crc32(w->crc, r, REC_LEN);
		fwrite(r, 1, REC_LEN, w->f);
	}
	if (ferror(w->f))
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
	return 0;
}

int
liq_bars_writer_close(struct liq_bars_writer *w, struct liq_error *e)
{
	if (w->csv)
		fprintf(w->f, "# end bars=%llu\n", (unsigned long long)w->n);
	else {
		liq__frame_write_end(w->f, w->n, w->crc, e);
		if (w->start >= 0 && w->n > 0) {
			unsigned char s[24];
			long end = ftell(w->f);

			liq__put64(s, (uint64_t)w->first);
			liq__put64(s + 8, (uint64_t)w->last);
			liq__put64(s + 16, w->n);
			if (end < 0 || fseek(w->f, w->start + SPAN_OFF,
			    SEEK_SET) != 0 || fwrite(s, 1, 24, w->f) != 24 ||
			    fseek(w->f, end, SEEK_SET) != 0)
				return liq_error_set(e, LIQ_EIO, NULL, 0, NULL,
				    NULL, 0, "cannot update the header");
		}
	}
	if (ferror(w->f))
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
	return 0;
}

void
liq_bars_writer_free(struct liq_bars_writer *w)
{
	free(w);
}

/* ------------------------------------------------------------ reader */

/*
 * A stream may hold several members (bars files one after another, as
 * `cat a.bars b.bars` makes them; in CSV a new "# liq-bars" line starts
 * one).  Each member's end marker, count and CRC are checked.  The reader
 * holds the last bar back until it knows the next member does not start
 * with a bar of the same time, and keeps the last RING bars it returned,
 * so that members that overlap are joined by the seam rules of liq.h
 * (liq_bars_join) instead of going back in time.
 */
#define RING 4096

struct liq_bars_reader {
	struct liq_input *in;
	struct liq_bars_info info;
	int csv;
	uint32_t crc;
	int member;		/* 1-based */
	uint64_t mn;		/* bars read in this member */
	int64_t mprev;		/* the last bar time read in this member */
	int newmember;		/* the next bar read starts a member > 1 */
	int ended;		/* CSV: this member's "# end" line seen */
	int in_meta;		/* CSV: in a later member's comment lines */
	int hdr_first;		/* CSV: that member's header row came first */
	int pend_hdr;		/* CSV: a header row after an end line */
	int eof;
	int prefer;
	/* CSV */
	int ours;		/* starts with "# liq-bars" */
	int col[NCOL];		/* column index per field, -1 absent */
	struct liq_fields f;
	const char *blk;
	size_t blen, bpos, prev_bpos;
	char na[48];		/* CSV: a missing value besides "" and NaN */
	size_t nalen;		/* 0: none */
	int64_t line;
	struct liq_bar peek[2];	/* rows read ahead to learn the interval */
	int npeek, ipeek;
	struct liq_bars_info next;	/* a later member's metadata */
	/* what is returned: one bar held back, the last RING returned */
	int have_pend;
	struct liq_bar pend;
	struct liq_bar *ring;
	size_t nring, ring_pos;
	uint64_t n;
	struct liq_bars_seams seams;
};

static int
rerr(struct liq_bars_reader *r, struct liq_error *e, int code,
    const char *field, const char *text, size_t tlen, const char *msg)
{
	return liq_error_set(e, code, liq_input_name(r->in), r->line, field,
	    text, tlen, "%s", msg);
}

/*
 * The plausible range of each field (man/liq-bars.5, "Ranges"): prices
 * 1e-8 to 1e9 quote units, volumes, open interest and liquidations >= 0
 * and < 1e15, trades < 1e12, funding -1 to 1 a period, ratios >= 0 and
 * < 1e6; NaN (not known) passes.  Past them a field is corrupt or in
 * units of another scale, and one such bar would swamp every estimate.
 */
#define LIQ_PRICE_MIN 1e-8
#define LIQ_PRICE_MAX 1e9
#define LIQ_AMOUNT_MAX 1e15
#define LIQ_TRADES_MAX 1e12

const char *
liq_bar_check(const struct liq_bar *b, double *bad, const char **range)
{
	static const char rp[] = "a price from 1e-8 to 1e9",
	    ra[] = "an amount >= 0 and < 1e15", rt[] = "a count < 1e12",
	    rf[] = "a rate from -1 to 1", rr[] = "a ratio >= 0 and < 1e6";
	const struct {
		const char *name;
		double x, lo, hi;	/* lo <= x < hi (prices: <= hi) */
		const char *range;
	} f[] = {
		{ "open", b->open, LIQ_PRICE_MIN, LIQ_PRICE_MAX, rp },
		{ "high", b->high, LIQ_PRICE_MIN, LIQ_PRICE_MAX, rp },
		{ "low", b->low, LIQ_PRICE_MIN, LIQ_PRICE_MAX, rp },
		{ "close", b->close, LIQ_PRICE_MIN, LIQ_PRICE_MAX, rp },
		{ "buy_base", b->buy_base, 0, LIQ_AMOUNT_MAX, ra },
		{ "sell_base", b->sell_base, 0, LIQ_AMOUNT_MAX, ra },
		{ "buy_quote", b->buy_quote, 0, LIQ_AMOUNT_MAX, ra },
		{ "sell_quote", b->sell_quote, 0, LIQ_AMOUNT_MAX, ra },
		{ "trades", (double)b->trades, 0, LIQ_TRADES_MAX, rt },
		{ "oi_base", b->oi_base, 0, LIQ_AMOUNT_MAX, ra },
		{ "oi_quote", b->oi_quote, 0, LIQ_AMOUNT_MAX, ra },
		{ "funding", b->funding, -1, 1, rf },
		{ "liq_long_quote", b->liq_long_quote, 0, LIQ_AMOUNT_MAX, ra },
		{ "liq_short_quote", b->liq_short_quote, 0, LIQ_AMOUNT_MAX,
		    ra },
		{ "ls_ratio", b->ls_ratio, 0, 1e6, rr },
		{ "top_ls_ratio", b->top_ls_ratio, 0, 1e6, rr },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		double x = f[i].x;

		if (isnan(x) || (x >= f[i].lo && (x < f[i].hi ||
		    (i < 4 && x == f[i].hi))))
			continue;
		if (bad != NULL)
			*bad = x;
		if (range != NULL)
			*range = f[i].range;
		return f[i].name;
	}
	/* the bar's range holds its open and close (each price known) */
	if (!isnan(b->high) && !isnan(b->low) && (b->low > b->high ||
	    (!isnan(b->open) && (b->open < b->low || b->open > b->high)) ||
	    (!isnan(b->close) && (b->close < b->low || b->close > b->high)))) {
		if (bad != NULL)
			*bad = b->high;
		if (range != NULL)
			*range = "a high and low that hold the open and close";
		return "high";
	}
	return NULL;
}

static int
meta_kv(struct liq_bars_info *info, const char *k, size_t kl, const char *v,
    size_t vl)
{
#define IS(s) (kl == strlen(s) && memcmp(k, s, kl) == 0)
	char tmp[1024];

	if (vl >= sizeof(tmp))
		vl = sizeof(tmp) - 1;
	memcpy(tmp, v, vl);
	tmp[vl] = '\0';
	if (IS("venue"))
		snprintf(info->venue, sizeof(info->venue), "%s", tmp);
	else if (IS("symbol"))
		snprintf(info->symbol, sizeof(info->symbol), "%s", tmp);
	else if (IS("market")) {
		if (liq_market_parse(tmp, &info->market) != 0)
			return LIQ_EFORMAT;
	} else if (IS("contract_size")) {
		if (liq_parse_double(tmp, vl, &info->contract_size) != 0 ||
		    !(info->contract_size >= LIQ_PRICE_MIN &&
		    info->contract_size <= LIQ_PRICE_MAX))
			return LIQ_EFORMAT;
	} else if (IS("interval")) {
		if (liq_parse_duration(tmp, vl, &info->interval_ms) != 0 ||
		    info->interval_ms <= 0)
			return LIQ_EFORMAT;
	} else if (IS("command"))
		snprintf(info->command, sizeof(info->command), "%s", tmp);
	else if (IS("sources"))
		snprintf(info->sources, sizeof(info->sources), "%s", tmp);
#undef IS
	return 0;
}

/* The metadata of a later member must describe the same market. */
static int
same_market(struct liq_bars_reader *r, const struct liq_bars_info *m,
    struct liq_error *e)
{
	const struct liq_bars_info *a = &r->info;
	char i1[32], i2[32];

	if (liq__same_market(a, m) && (m->interval_ms <= 0 ||
	    a->interval_ms == m->interval_ms))
		return 0;
	return liq_error_set(e, LIQ_EFORMAT, liq_input_name(r->in), r->line,
	    NULL, NULL, 0, "member %d is another market or interval (%s %s "
	    "%s, %s bars) than the first (%s %s %s, %s bars): one stream "
	    "holds bars of one market and interval", r->member, m->venue, m->symbol,
	    liq_market_name(m->market), liq_duration_format(m->interval_ms, i2,
	    sizeof(i2)), a->venue, a->symbol, liq_market_name(a->market),
	    liq_duration_format(a->interval_ms, i1, sizeof(i1)));
}

/* Read a binary member's header (h: its fixed part, already read) into
 * info. */
static int
open_binary(struct liq_bars_reader *r, const unsigned char *h,
    struct liq_bars_info *info, struct liq_error *e)
{
	uint32_t hlen, rlen, mlen;
	char *meta;
	long got;

	size_t pos = 0, kl, vl;
	const char *k, *v;
	int rc;

	r->line = 0;
	if ((rc = liq__frame_check_version(h, LIQ_BARS_MAJOR, "bars",
	    liq_input_name(r->in), e)) != 0)
		return rc;
	hlen = liq__get32(h + 12);
	rlen = liq__get32(h + 16);
	mlen = liq__get32(h + 20);
	if (h[8] != LIQ_BARS_MAJOR || rlen < REC_LEN || rlen > 65536 ||
	    mlen > META_MAX || hlen < FIXED_LEN + (uint64_t)mlen ||
	    hlen > FIXED_LEN + (uint64_t)META_MAX)
		return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
		    "corrupt bars header (sizes out of range)");
	if (rlen != REC_LEN)
		return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
		    "bars records of another size are not supported");
	info->interval_ms = (int64_t)liq__get64(h + 24);
	info->first_ms = (int64_t)liq__get64(h + 32);
	info->last_ms = (int64_t)liq__get64(h + 40);
	info->nbars = liq__get64(h + 48);
	if (info->nbars == UINT64_MAX)
		info->nbars = 0;
	if (info->interval_ms <= 0)
		return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
		    "corrupt bars header (interval)");
	r->crc = liq__crc32(0, h, SPAN_OFF);
	if ((meta = malloc(hlen - FIXED_LEN + 1)) == NULL)
		return rerr(r, e, LIQ_ENOMEM, NULL, NULL, 0, "out of memory");
	got = liq_input_read(r->in, meta, hlen - FIXED_LEN, e);
	if (got < 0 || (uint32_t)got != hlen - FIXED_LEN) {
		free(meta);
		return got < 0 ? (int)got : rerr(r, e, LIQ_EFORMAT, NULL, NULL,
		    0, "truncated bars file (in the header)");
	}
	r->crc = liq__crc32(r->crc, (unsigned char *)meta, mlen);
	while (liq__meta_next(meta, mlen, &pos, &k, &kl, &v, &vl))
		if (vl != SIZE_MAX && meta_kv(info, k, kl, v, vl) != 0) {
			free(meta);
			return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
			    "corrupt bars metadata");
		}
	free(meta);
	return 0;
}

/* Next CSV line (without newline) or 0 at the end. */
static int
next_line(struct liq_bars_reader *r, const char **lp, size_t *ll,
    struct liq_error *e)
{
	const char *nl;
	int rc;

	if (r->bpos >= r->blen) {
		rc = liq_input_lines(r->in, &r->blk, &r->blen, e);
		if (rc <= 0)
			return rc;
		r->bpos = 0;
	}
	nl = memchr(r->blk + r->bpos, '\n', r->blen - r->bpos);
	*lp = r->blk + r->bpos;
	*ll = (size_t)(nl - *lp);
	r->prev_bpos = r->bpos;
	r->bpos += *ll + 1;
	r->line++;
	return 1;
}

/* Give back the line next_line returned last (it is still in the block). */
static void
unget_line(struct liq_bars_reader *r)
{
	r->bpos = r->prev_bpos;
	r->line--;
}

static int
csv_row(struct liq_bars_reader *r, const char *l, size_t n,
    struct liq_bar *b, struct liq_error *e)
{
	double v[NCOL];
	int i, nf;

	nf = liq__split(&r->f, l, n);
	if (nf < 0)
		return rerr(r, e, LIQ_EDATA, NULL, l, n, "malformed CSV row");
	for (i = 0; i < NCOL; i++) {
		int c = r->col[i];
		v[i] = NAN;
		if (c < 0)
			continue;
		if (c >= nf)
			return rerr(r, e, LIQ_EDATA, NULL, l, n,
			    "too few columns");
		if (i == C_TIME) {
			int64_t t;
			if (liq_parse_time(r->f.p[c], r->f.len[c], &t) != 0)
				return rerr(r, e, LIQ_EDATA, columns[i],
				    r->f.p[c], r->f.len[c], "not a time");
			b->time_ms = t;
			continue;
		}
		if (r->f.len[c] == 0 || (r->f.len[c] == 3 &&
		    strncasecmp(r->f.p[c], "nan", 3) == 0) ||
		    (r->nalen > 0 && r->f.len[c] == r->nalen &&
		    memcmp(r->f.p[c], r->na, r->nalen) == 0))
			continue;
		if (liq_parse_double(r->f.p[c], r->f.len[c], &v[i]) != 0)
			return rerr(r, e, LIQ_EDATA, columns[i], r->f.p[c],
			    r->f.len[c], "not a number");
	}
	b->open = v[C_OPEN];
	b->high = v[C_HIGH];
	b->low = v[C_LOW];
	b->close = v[C_CLOSE];
	b->buy_base = v[C_BUYB];
	b->sell_base = v[C_SELLB];
	b->buy_quote = v[C_BUYQ];
	b->sell_quote = v[C_SELLQ];
	/* counts: whole and in range (NaN: not known), checked before the
	 * conversion, which is undefined out of range */
	{
		static const int cnt[] = { C_TRADES, C_LLC, C_LSC, C_FLAGS };
		for (i = 0; i < 4; i++) {
			double x = v[cnt[i]], lim = cnt[i] == C_TRADES ?
			    9007199254740992.0 : 4294967295.0;
			if (!isnan(x) && !(x >= 0 && x <= lim && x == floor(x)))
				return rerr(r, e, LIQ_EDATA, columns[cnt[i]],
				    r->f.p[r->col[cnt[i]]],
				    r->f.len[r->col[cnt[i]]],
				    "not a count (a whole number >= 0)");
		}
	}
	b->trades = isnan(v[C_TRADES]) ? 0 : (uint64_t)v[C_TRADES];
	b->oi_base = v[C_OIB];
	b->oi_quote = v[C_OIQ];
	b->funding = v[C_FUND];
	b->liq_long_quote = v[C_LLQ];
	b->liq_short_quote = v[C_LSQ];
	b->liq_long_count = isnan(v[C_LLC]) ? 0 : (uint32_t)v[C_LLC];
	b->liq_short_count = isnan(v[C_LSC]) ? 0 : (uint32_t)v[C_LSC];
	b->ls_ratio = v[C_LSR];
	b->top_ls_ratio = v[C_TLSR];
	if (r->col[C_FLAGS] >= 0 && !isnan(v[C_FLAGS]))
		b->flags = (uint32_t)v[C_FLAGS];
	else {
		/* a foreign CSV: what is known is what is not NaN */
		b->flags = 0;
		if (!isnan(b->close))
			b->flags |= LIQ_BAR_PRICE;
		if (!isnan(b->buy_base) || !isnan(b->buy_quote))
			b->flags |= LIQ_BAR_VOLUME;
		if (!isnan(b->oi_base) || !isnan(b->oi_quote))
			b->flags |= LIQ_BAR_OI;
		if (!isnan(b->funding))
			b->flags |= LIQ_BAR_FUNDING;
		if (!isnan(b->liq_long_quote) || !isnan(b->liq_short_quote))
			b->flags |= LIQ_BAR_LIQ;
		if (!isnan(v[C_LLC]))
			b->flags |= LIQ_BAR_LIQ_COUNT;
		if (!isnan(b->ls_ratio))
			b->flags |= LIQ_BAR_RATIO;
	}
	for (i = C_OPEN; i <= C_CLOSE; i++)
		if (r->col[i] >= 0 && !isnan(v[i]) && !(v[i] > 0))
			return rerr(r, e, LIQ_EDATA, columns[i],
			    r->f.p[r->col[i]], r->f.len[r->col[i]],
			    "price must be positive");
	return 1;
}

/* Check a bar read in the current member (strictly after the one before
 * it) and count it. */
static int
member_bar(struct liq_bars_reader *r, const struct liq_bar *b,
    struct liq_error *e)
{
	const char *field, *range;
	char t[40];
	double x;

	if ((field = liq_bar_check(b, &x, &range)) != NULL) {
		snprintf(t, sizeof(t), "%.17g", x);
		return liq_error_set(e, LIQ_EDATA, liq_input_name(r->in),
		    r->line, field, t, SIZE_MAX, "out of range (%s)", range);
	}
	if (r->mn > 0 && b->time_ms <= r->mprev)
		return liq_error_set(e, LIQ_EDATA, liq_input_name(r->in),
		    r->line, "time", NULL, 0, "bar at %s %s the previous "
		    "bar", liq_time_format(b->time_ms, t, sizeof(t)),
		    b->time_ms == r->mprev ? "shares its time with" :
		    "is before");
	r->mprev = b->time_ms;
	r->mn++;
	return 1;
}

/* "# liq-bars MAJOR.MINOR": 0, or an error for a bad or newer version. */
static int
csv_version(struct liq_bars_reader *r, const char *l, size_t n,
    struct liq_error *e)
{
	int major;

	if (n < 12 || l[11] < '0' || l[11] > '9')
		return rerr(r, e, LIQ_EFORMAT, NULL, l, n, "bad version line");
	major = atoi(l + 11);	/* digits checked above */
	if (major > LIQ_BARS_MAJOR)
		return liq_error_set(e, LIQ_EVERSION, liq_input_name(r->in),
		    r->line, NULL, NULL, 0, "bars format version %d is newer "
		    "than this program reads (%d.x): upgrade liq", major,
		    LIQ_BARS_MAJOR);
	return 0;
}

/* A "# key=value" comment line into info. */
static int
csv_meta(struct liq_bars_reader *r, struct liq_bars_info *info,
    const char *l, size_t n, struct liq_error *e)
{
	if (n > 2 && l[1] == ' ') {
		const char *eq = memchr(l, '=', n);

		if (eq == l + 4 && memcmp(l + 2, "na", 2) == 0) {
			/* the writer's missing value, when not "" */
			r->nalen = (size_t)(l + n - eq - 1);
			if (r->nalen > sizeof(r->na))
				r->nalen = sizeof(r->na);
			memcpy(r->na, eq + 1, r->nalen);
			return 0;
		}
		if (eq != NULL && meta_kv(info, l + 2, (size_t)(eq - l - 2),
		    eq + 1, (size_t)(l + n - eq - 1)) != 0)
			return rerr(r, e, LIQ_EFORMAT, NULL, l, n,
			    "bad metadata value");
	}
	return 0;
}

/* The header row: which column holds which field. */
static int
csv_header(struct liq_bars_reader *r, const char *l, size_t n,
    struct liq_error *e)
{
	int i, nf = liq__split(&r->f, l, n);

	for (i = 0; i < NCOL; i++)
		r->col[i] = -1;
	for (i = 0; i < nf; i++) {
		int k;

		for (k = 0; k < NCOL; k++)
			if (liq__field_is(&r->f, i, columns[k]))
				break;
		if (k == NCOL && liq__field_is(&r->f, i, "flags"))
			k = C_FLAGS;		/* the name before bar_flags */
		if (k == NCOL)
			continue;		/* a column of one's own */
		if (r->col[k] >= 0)		/* which one would be meant? */
			return rerr(r, e, LIQ_EFORMAT, columns[k], l, n,
			    "this column is in the header twice");
		r->col[k] = i;
	}
	for (i = C_TIME; i <= C_CLOSE; i++)
		if (r->col[i] < 0)
			return rerr(r, e, LIQ_EFORMAT, columns[i], l, n,
			    "not a bars file: the header lacks this column");
	return 0;
}

/* Read a CSV data row (skipping comments, starting later members) into
 * b: 1, 0 at the end, or < 0. */
static int
csv_next(struct liq_bars_reader *r, struct liq_bar *b, struct liq_error *e)
{
	const char *l;
	size_t n;
	int rc;

	for (;;) {
		if ((rc = next_line(r, &l, &n, e)) < 0)
			return rc;
		if (rc == 0) {
			if ((r->ours && !r->ended) || r->in_meta ||
			    r->pend_hdr)
				return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
				    "truncated bars file (no '# end' line)");
			return 0;
		}
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		if (l[0] == '#') {
			if (r->ended && n >= 10 && memcmp(l, "# liq-bars",
			    10) == 0) {
				/* a later member: its metadata, then its
				 * header row */
				if ((rc = csv_version(r, l, n, e)) != 0)
					return rc;
				memset(&r->next, 0, sizeof(r->next));
				r->next.market = LIQ_MARKET_LINEAR;
				r->next.contract_size = 1;
				r->in_meta = 1;
				r->hdr_first = r->pend_hdr;
				r->pend_hdr = 0;
				r->ended = 0;
				r->nalen = 0;
				r->member++;
				continue;
			}
			if (r->pend_hdr)
				return rerr(r, e, LIQ_EFORMAT, NULL, l, n,
				    "rows after the end marker");
			if (r->in_meta) {
				if ((rc = csv_meta(r, &r->next, l, n, e)) != 0)
					return rc;
				continue;
			}
			if (n >= 6 && memcmp(l, "# end ", 6) == 0) {
				const char *eq = memchr(l, '=', n);
				int64_t cnt;

				if (eq == NULL || liq_parse_int64(eq + 1,
				    (size_t)(l + n - eq - 1), &cnt) != 0 ||
				    (uint64_t)cnt != r->mn)
					return rerr(r, e, LIQ_EFORMAT, NULL, l, n,
					    "the end line's bar count differs "
					    "from the rows read");
				r->ended = 1;
			}
			continue;
		}
		if (r->in_meta) {
			/* the end of a later member's comment lines: its
			 * header row, or (header first) its first row */
			if (r->next.interval_ms <= 0)
				return rerr(r, e, LIQ_EFORMAT, NULL, l, n,
				    "a later member without an '# interval=' "
				    "line");
			if ((rc = same_market(r, &r->next, e)) != 0 ||
			    (!r->hdr_first && (rc = csv_header(r, l, n,
			    e)) != 0))
				return rc;
			r->in_meta = 0;
			r->mn = 0;
			r->newmember = 1;
			if (!r->hdr_first)
				continue;
		} else if (r->ended) {
			/* a later member's header row, its "# liq-bars"
			 * line next */
			if (r->pend_hdr || csv_header(r, l, n, e) != 0)
				return rerr(r, e, LIQ_EFORMAT, NULL, l, n,
				    "rows after the end marker");
			r->pend_hdr = 1;
			continue;
		}
		if ((rc = csv_row(r, l, n, b, e)) < 0)
			return rc;
		return member_bar(r, b, e);
	}
}

/* The defaults of a CSV's metadata not given (bars of one's own, or a
 * file whose "#" lines a tool dropped), named in info->assumed when they
 * could be wrong: no market line, or a contract size not given for a
 * market other than linear. */
static void
csv_defaults(struct liq_bars_info *info)
{
	static const char *const what[] = { "market=linear", "contract_size=1",
	    "no venue", "no symbol" };
	int miss[4], k = 0;
	size_t len = 0;

	/* a file that says its market (linear: contracts of 1 coin unless
	 * said) is taken at its word; one that does not is told about
	 * everything taken for it */
	miss[0] = info->market < 0;
	miss[1] = isnan(info->contract_size) && info->market !=
	    LIQ_MARKET_LINEAR;
	miss[2] = miss[0] && info->venue[0] == '\0';
	miss[3] = miss[0] && info->symbol[0] == '\0';
	if (miss[0])
		info->market = LIQ_MARKET_LINEAR;
	if (isnan(info->contract_size))
		info->contract_size = 1;
	info->assumed[0] = '\0';
	for (int i = 0; i < 4; i++)
		if (miss[i] && len < sizeof(info->assumed))
			len += (size_t)snprintf(info->assumed + len,
			    sizeof(info->assumed) - len, "%s%s", k++ ? ", " :
			    "", what[i]);
}

static int
open_csv(struct liq_bars_reader *r, struct liq_error *e)
{
	const char *l;
	size_t n;
	int rc, hdr;

	r->csv = 1;
	r->info.market = -1;		/* not said yet */
	r->info.contract_size = NAN;
	/* the header row first and the comments after it (as written now),
	 * or the comments first (as written before, and by hand) */
	for (hdr = 0;;) {
		if ((rc = next_line(r, &l, &n, e)) < 0)
			return rc;
		if (rc == 0) {
			if (hdr)
				break;
			return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
			    "empty input: not a bars file");
		}
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (r->line == 1 && n >= 3 && memcmp(l, "\xef\xbb\xbf", 3) == 0) {
			l += 3;		/* a UTF-8 byte-order mark */
			n -= 3;
		}
		if (n == 0 && hdr)
			continue;
		if (n == 0 || l[0] != '#') {
			if (hdr) {
				unget_line(r);	/* the first row */
				break;
			}
			if ((rc = csv_header(r, l, n, e)) != 0)
				return rc;
			hdr = 1;
			continue;
		}
		if (r->line == 1 + hdr && n >= 10 &&
		    memcmp(l, "# liq-bars", 10) == 0) {
			if ((rc = csv_version(r, l, n, e)) != 0)
				return rc;
			r->ours = 1;
			continue;
		}
		if (hdr && n >= 6 && memcmp(l, "# end ", 6) == 0) {
			unget_line(r);	/* a file without rows */
			break;
		}
		if ((rc = csv_meta(r, &r->info, l, n, e)) != 0)
			return rc;
	}
	csv_defaults(&r->info);
	/* without an interval line, learn it from the first two rows */
	if (r->info.interval_ms <= 0) {
		while (r->npeek < 2) {
			rc = csv_next(r, &r->peek[r->npeek], e);
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
			r->npeek++;
		}
		if (r->npeek < 2)
			return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
			    "cannot tell the bar interval (no '# interval=' "
			    "line and fewer than two rows)");
		if (r->peek[1].time_ms <= r->peek[0].time_ms) {
			char t[40];

			liq_time_format(r->peek[1].time_ms, t, sizeof(t));
			return liq_error_set(e, LIQ_EDATA,
			    liq_input_name(r->in), r->line, "time", NULL, 0,
			    "%s %s: cannot tell the bar interval (no "
			    "'# interval=' line)", r->peek[1].time_ms ==
			    r->peek[0].time_ms ? "the first two rows share the "
			    "time" : "the second row is before the first, at",
			    t);
		}
		r->info.interval_ms = r->peek[1].time_ms - r->peek[0].time_ms;
	}
	return 0;
}

/* The next binary record, or a later member's header first. */
static int
bin_next(struct liq_bars_reader *r, struct liq_bar *b, struct liq_error *e)
{
	unsigned char rec[REC_LEN];
	long got;
	int rc;

	for (;;) {
		got = liq_input_read(r->in, rec, 8, e);
		if (got < 0)
			return (int)got;
		if (got == 8 && memcmp(rec, liq_file_magic_end, 8) == 0) {
			unsigned char h[FIXED_LEN];
			size_t nh;

			if ((rc = liq__frame_read_end(r->in, "bars", r->mn, 0,
			    r->crc, "bar count differs from the end marker",
			    h, &nh, e)) != 0)
				return rc;
			if (nh == 0)
				return 0;
			if (nh != 8 || memcmp(h, liq_file_magic_bars, 8) != 0)
				return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
				    "corrupt bars file (data after the end "
				    "marker)");
			/* a later member */
			got = liq_input_read(r->in, h + 8, FIXED_LEN - 8, e);
			if (got < 0)
				return (int)got;
			r->member++;
			if (got != FIXED_LEN - 8)
				return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
				    "truncated bars file (in the header)");
			memset(&r->next, 0, sizeof(r->next));
			if ((rc = open_binary(r, h, &r->next, e)) != 0 ||
			    (rc = same_market(r, &r->next, e)) != 0)
				return rc;
			r->mn = 0;
			r->newmember = 1;
			continue;
		}
		if (got == 8) {
			long more = liq_input_read(r->in, rec + 8, REC_LEN - 8,
			    e);
			if (more < 0)
				return (int)more;
			got += more;
		}
		if (got != REC_LEN)
			return rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
			    "truncated bars file (no end marker)");
		r->crc = liq__crc32(r->crc, rec, REC_LEN);
		unpack(rec, b);
		r->line = (int64_t)r->mn + 1;
		rc = member_bar(r, b, e);
		r->line = 0;
		return rc;
	}
}

/* The next bar as stored, member after member: 1, 0 at the end, < 0. */
static int
raw_next(struct liq_bars_reader *r, struct liq_bar *b, struct liq_error *e)
{
	if (r->eof)
		return 0;
	if (r->ipeek < r->npeek) {
		*b = r->peek[r->ipeek++];
		return 1;
	}
	return r->csv ? csv_next(r, b, e) : bin_next(r, b, e);
}

int
liq_bars_reader_open(struct liq_bars_reader **rp, const char *path,
    struct liq_error *e)
{
	struct liq_input *in;
	int rc;

	*rp = NULL;
	if ((rc = liq_input_open(&in, path, e)) != 0)
		return rc;
	return liq_bars_reader_open_input(rp, in, e);
}

int
liq_bars_reader_open_input(struct liq_bars_reader **rp, struct liq_input *in,
    struct liq_error *e)
{
	struct liq_bars_reader *r;
	unsigned char h[FIXED_LEN];
	int rc;
	long got;

	*rp = NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->ring = malloc(RING * sizeof(*r->ring))) == NULL) {
		free(r);
		rc = liq_error_set(e, LIQ_ENOMEM, liq_input_name(in), 0, NULL,
		    NULL, 0, "out of memory");
		liq_input_close(in);
		return rc;
	}
	r->info.first_ms = r->info.last_ms = INT64_MIN;
	r->member = 1;
	r->in = in;
	liq__seams_init(&r->seams);
	/* binary or text: look at the magic without consuming it */
	{
		const char *head;
		size_t hn;

		if ((rc = liq_input_peek(r->in, &head, &hn, e)) != 0)
			goto fail;
		if (liq_file_detect_bytes(head, hn) == LIQ_FILE_BARS) {
			got = liq_input_read(r->in, h, FIXED_LEN, e);
			if (got < 0) {
				rc = (int)got;
				goto fail;
			}
			if (got != FIXED_LEN) {
				rc = rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
				    "truncated bars file (in the header)");
				goto fail;
			}
			if ((rc = open_binary(r, h, &r->info, e)) != 0)
				goto fail;
		} else {
			if (memchr(head, 0, hn < 4096 ? hn : 4096) != NULL) {
				rc = rerr(r, e, LIQ_EFORMAT, NULL, NULL, 0,
				    "not a bars file (binary data, unknown "
				    "magic)");
				goto fail;
			}
			if ((rc = open_csv(r, e)) != 0)
				goto fail;
		}
	}
	*rp = r;
	return 0;
fail:
	liq_bars_reader_close(r);
	return rc;
}

const struct liq_bars_info *
liq_bars_reader_info(const struct liq_bars_reader *r)
{
	return &r->info;
}

void
liq_bars_reader_prefer(struct liq_bars_reader *r, int prefer)
{
	r->prefer = prefer;
}

void
liq_bars_reader_seams(const struct liq_bars_reader *r,
    struct liq_bars_seams *s)
{
	*s = r->seams;
	s->members = (uint64_t)r->member;
}

/* Hand b to the caller: count it, keep it in the ring. */
static int
give(struct liq_bars_reader *r, const struct liq_bar *b, struct liq_bar *out)
{
	*out = *b;

	if (r->n == 0)
		r->info.first_ms = b->time_ms;
	r->info.last_ms = b->time_ms;
	r->n++;
	r->ring[r->ring_pos] = *out;
	r->ring_pos = (r->ring_pos + 1) % RING;
	if (r->nring < RING)
		r->nring++;
	return 1;
}

/* The returned bar of time t in the ring, or NULL. */
static const struct liq_bar *
ring_find(const struct liq_bars_reader *r, int64_t t)
{
	size_t lo = 0, hi = r->nring;	/* ring order: oldest first */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct liq_bar *x = &r->ring[(r->ring_pos + RING -
		    r->nring + mid) % RING];

		if (x->time_ms == t)
			return x;
		if (x->time_ms < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A bar of a later member at a time already returned: it must agree. */
static int
older_bar(struct liq_bars_reader *r, const struct liq_bar *b,
    struct liq_error *e)
{
	const struct liq_bar *x = ring_find(r, b->time_ms);
	struct liq_bar m;
	char t[40], why[160];
	int rc;

	liq_time_format(b->time_ms, t, sizeof(t));
	if (x == NULL)
		return liq_error_set(e, LIQ_EFORMAT, liq_input_name(r->in),
		    r->line, NULL, NULL, 0, "member %d goes back to %s, %s: "
		    "give the files as separate inputs to join them in any "
		    "order", r->member, t, b->time_ms < r->info.first_ms ?
		    "before the stream's first bar (members must follow in "
		    "time order)" : r->nring > 0 && b->time_ms <
		    r->ring[(r->ring_pos + RING - r->nring) % RING].time_ms ?
		    "further than the 4096 bars kept to check an overlap" :
		    "where the members before it have no bar");
	rc = liq_bars_join(x, b, r->prefer == LIQ_PREFER_LAST ?
	    LIQ_PREFER_NONE : r->prefer, &m, why, sizeof(why));
	if (rc == LIQ_JOIN_EQUAL || rc == LIQ_JOIN_FIRST) {
		r->seams.equal += rc == LIQ_JOIN_EQUAL;
		r->seams.preferred += rc == LIQ_JOIN_FIRST;
		return 0;
	}
	if (why[0] == '\0')
		snprintf(why, sizeof(why), "%s", rc == LIQ_JOIN_MERGED ?
		    "its samples would change a bar already read" :
		    "the bars differ");
	return liq_error_set(e, LIQ_EDATA, liq_input_name(r->in), r->line,
	    NULL, NULL, 0, "member %d differs at %s from the member before "
	    "it (%s)%s", r->member, t, why, r->prefer == LIQ_PREFER_LAST ?
	    ": --prefer last cannot replace bars already read from one "
	    "stream; give the files as separate inputs" : "");
}

int
liq_bars_read(struct liq_bars_reader *r, struct liq_bar *b,
    struct liq_error *e)
{
	struct liq_bar x;
	int rc, nm;

	for (;;) {
		if ((rc = raw_next(r, &x, e)) < 0)
			return rc;
		if (rc == 0) {
			r->eof = 1;
			if (r->have_pend) {
				r->have_pend = 0;
				return give(r, &r->pend, b);
			}
			r->info.nbars = r->n;
			return 0;
		}
		nm = r->newmember;
		r->newmember = 0;
		if (!r->have_pend) {
			r->pend = x;
			r->have_pend = 1;
			continue;
		}
		if (x.time_ms > r->pend.time_ms) {
			int64_t iv = r->info.interval_ms;

			if (nm && x.time_ms - r->pend.time_ms > LIQ_MAX_HOLE_MS) {
				char a[40], c[40];

				return liq_error_set(e, LIQ_EDATA,
				    liq_input_name(r->in), r->line, NULL, NULL,
				    0, "member %d starts at %s, more than 31 days "
				    "after the bar before it (%s)", r->member,
				    liq_time_format(x.time_ms, a, sizeof(a)),
				    liq_time_format(r->pend.time_ms, c,
				    sizeof(c)));
			}
			/* a hole between members is counted, and filled by
			 * the merge every program reads through */
			if (nm && x.time_ms - r->pend.time_ms > iv)
				liq__seams_gap(&r->seams, r->pend.time_ms + iv,
				    x.time_ms, iv);
			give(r, &r->pend, b);
			r->pend = x;
			return 1;
		}
		if (x.time_ms == r->pend.time_ms) {
			struct liq_bar m;
			char t[40], why[160];

			rc = liq_bars_join(&r->pend, &x, r->prefer, &m, why,
			    sizeof(why));
			if (rc == LIQ_JOIN_DIFFER)
				return liq_error_set(e, LIQ_EDATA,
				    liq_input_name(r->in), r->line, NULL, NULL,
				    0, "member %d differs at %s from the member "
				    "before it (%s): join them with --prefer "
				    "first or last", r->member,
				    liq_time_format(x.time_ms, t, sizeof(t)),
				    why);
			liq__seams_count(&r->seams, rc);
			r->pend = m;
			continue;
		}
		if ((rc = older_bar(r, &x, e)) != 0)
			return rc;
	}
}

void
liq_bars_reader_close(struct liq_bars_reader *r)
{
	if (r == NULL)
		return;
	liq_input_close(r->in);
	liq__fields_free(&r->f);
	free(r->ring);
	free(r);
}
