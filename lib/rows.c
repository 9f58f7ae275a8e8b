/*
 * rows.c - the dump dialects: Binance aggTrades, trades, klines, metrics,
 * fundingRate and liquidationSnapshot, and vendor bar CSVs mapped with
 * --map.  Sniffs whether a file has a header, which kind it is and its time
 * unit; then turns rows into bar events.
 *
 * aggTrades rows in Binance's column order take a fused path that scans and
 * converts each field in one pass (no field splitting, no strtod); any row
 * it does not like, and every other kind, goes through the general path,
 * which splits the line (libcsv for quoted lines) and names the field and
 * the text when something is wrong.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ingest_int.h"
#include "num_int.h"

/* Rows must be dated between 2009-01-01 and 2100-01-01. */
#define T_MIN	INT64_C(1230768000000)
#define T_MAX	INT64_C(4102444800000)

struct colspec {
	int field;
	const char *name;
	int required;
};

static const struct colspec c_aggtrades[] = {
	{ F_ID, "agg_trade_id", 1 }, { F_PRICE, "price", 1 },
	{ F_QTY, "quantity", 1 }, { F_FIRST, "first_trade_id", 1 },
	{ F_LAST, "last_trade_id", 1 }, { F_TIME, "transact_time", 1 },
	{ F_MAKER, "is_buyer_maker", 1 }, { F_BEST, "is_best_match", 0 },
	{ -1, NULL, 0 }
};
static const struct colspec c_trades[] = {
	{ F_ID, "id", 1 }, { F_PRICE, "price", 1 }, { F_QTY, "qty", 1 },
	{ F_QUOTE_QTY, "quote_qty", 0 }, { F_TIME, "time", 1 },
	{ F_MAKER, "is_buyer_maker", 1 }, { F_BEST, "is_best_match", 0 },
	{ -1, NULL, 0 }
};
static const struct colspec c_klines[] = {
	{ F_TIME, "open_time", 1 }, { F_OPEN, "open", 1 },
	{ F_HIGH, "high", 1 }, { F_LOW, "low", 1 }, { F_CLOSE, "close", 1 },
	{ F_VOLUME, "volume", 1 }, { F_CLOSE_TIME, "close_time", 1 },
	{ F_QUOTE_VOL, "quote_volume", 1 }, { F_COUNT, "count", 1 },
	{ F_TB_VOL, "taker_buy_volume", 1 },
	{ F_TB_QUOTE, "taker_buy_quote_volume", 1 },
	{ F_IGNORE, "ignore", 0 }, { -1, NULL, 0 }
};
static const struct colspec c_metrics[] = {
	{ F_TIME, "create_time", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_OI, "sum_open_interest", 1 },
	{ F_OI_VALUE, "sum_open_interest_value", 1 },
	{ F_TOP_COUNT, "count_toptrader_long_short_ratio", 0 },
	{ F_TOP_RATIO, "sum_toptrader_long_short_ratio", 0 },
	{ F_LS_RATIO, "count_long_short_ratio", 0 },
	{ F_TAKER_RATIO, "sum_taker_long_short_vol_ratio", 0 },
	{ -1, NULL, 0 }
};
static const struct colspec c_funding[] = {
	{ F_TIME, "calc_time", 1 }, { F_FUND_HOURS, "funding_interval_hours", 0 },
	{ F_FUND_RATE, "last_funding_rate", 1 }, { -1, NULL, 0 }
};
static const struct colspec c_liqsnap[] = {
	{ F_TIME, "time", 1 }, { F_SYMBOL, "symbol", 0 }, { F_SIDE, "side", 1 },
	{ F_ORDER_TYPE, "order_type", 1 }, { F_TIF, "time_in_force", 1 },
	{ F_ORIG_QTY, "original_quantity", 1 }, { F_PRICE, "price", 1 },
	{ F_AVG_PRICE, "average_price", 1 }, { F_STATUS, "order_status", 1 },
	{ F_LAST_FILL, "last_fill_quantity", 1 },
	{ F_FILLED_QTY, "accumulated_fill_quantity", 1 }, { -1, NULL, 0 }
};

/* Bybit and BitMEX share a layout; BitMEX writes text timestamps. */
static const struct colspec c_bybit[] = {
	{ F_TIME, "timestamp", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_SIDE, "side", 1 }, { F_QTY, "size", 1 }, { F_PRICE, "price", 1 },
	{ F_TICKDIR, "tickDirection", 0 }, { F_MATCHID, "trdMatchID", 0 },
	{ F_GROSS, "grossValue", 0 }, { F_HOME, "homeNotional", 0 },
	{ F_FOREIGN, "foreignNotional", 0 }, { F_RPI, "RPI", 0 },
	{ -1, NULL, 0 }
};
static const struct colspec c_okx[] = {
	{ F_SYMBOL, "instrument_name", 1 }, { F_ID, "trade_id", 1 },
	{ F_SIDE, "side", 1 }, { F_PRICE, "price", 1 }, { F_QTY, "size", 1 },
	{ F_TIME, "created_time", 1 }, { -1, NULL, 0 }
};
/* Tardis.dev trades and liquidations share a layout. */
static const struct colspec c_tardis[] = {
	{ F_EXCHANGE, "exchange", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_TIME, "timestamp", 1 }, { F_LOCAL_TS, "local_timestamp", 1 },
	{ F_ID, "id", 0 }, { F_SIDE, "side", 1 }, { F_PRICE, "price", 1 },
	{ F_QTY, "amount", 1 }, { -1, NULL, 0 }
};
static const struct colspec c_tardis_ticker[] = {
	{ F_EXCHANGE, "exchange", 1 }, { F_SYMBOL, "symbol", 1 },
	{ F_TIME, "timestamp", 1 }, { F_LOCAL_TS, "local_timestamp", 1 },
	{ F_FUND_TS, "funding_timestamp", 0 }, { F_FUND_RATE, "funding_rate", 0 },
	{ F_PRED_FUND, "predicted_funding_rate", 0 },
	{ F_OPEN_INT, "open_interest", 0 }, { F_LAST_PRICE, "last_price", 0 },
	{ F_INDEX_PRICE, "index_price", 0 }, { F_MARK_PRICE, "mark_price", 0 },
	{ -1, NULL, 0 }
};

/* Vendor map names (--map NAME=column). */
static const struct colspec c_vendor[] = {
	{ F_TIME, "time", 1 }, { F_OPEN, "open", 0 }, { F_HIGH, "high", 0 },
	{ F_LOW, "low", 0 }, { F_CLOSE, "close", 0 },
	{ F_BUY_BASE, "buy_base", 0 }, { F_SELL_BASE, "sell_base", 0 },
	{ F_BUY_QUOTE, "buy_quote", 0 }, { F_SELL_QUOTE, "sell_quote", 0 },
	{ F_VOL_BASE, "volume_base", 0 }, { F_VOL_QUOTE, "volume_quote", 0 },
	{ F_TRADES, "trades", 0 }, { F_OI_BASE, "oi_base", 0 },
	{ F_OI_QUOTE, "oi_quote", 0 }, { F_FUNDING, "funding", 0 },
	{ F_LIQ_LONG, "liq_long_quote", 0 },
	{ F_LIQ_SHORT, "liq_short_quote", 0 },
	{ F_LIQ_LONG_N, "liq_long_count", 0 },
	{ F_LIQ_SHORT_N, "liq_short_count", 0 }, { -1, NULL, 0 }
};

static const struct colspec *
spec_of(int kind)
{
	switch (kind) {
	case LIQ_KIND_AGGTRADES: return c_aggtrades;
	case LIQ_KIND_TRADES: return c_trades;
	case LIQ_KIND_KLINES: return c_klines;
	case LIQ_KIND_METRICS: return c_metrics;
	case LIQ_KIND_FUNDING: return c_funding;
	case LIQ_KIND_LIQSNAP: return c_liqsnap;
	case LIQ_KIND_VENDOR: return c_vendor;
	case LIQ_KIND_BYBIT:
	case LIQ_KIND_BITMEX: return c_bybit;
	case LIQ_KIND_OKX: return c_okx;
	case LIQ_KIND_TARDIS_TRADES:
	case LIQ_KIND_TARDIS_LIQ: return c_tardis;
	case LIQ_KIND_TARDIS_TICKER: return c_tardis_ticker;
	}
	return NULL;
}

const char *
liq_kind_name(int kind)
{
	switch (kind) {
	case LIQ_KIND_AGGTRADES: return "aggTrades";
	case LIQ_KIND_TRADES: return "trades";
	case LIQ_KIND_KLINES: return "klines";
	case LIQ_KIND_METRICS: return "metrics";
	case LIQ_KIND_FUNDING: return "fundingRate";
	case LIQ_KIND_LIQSNAP: return "liquidationSnapshot";
	case LIQ_KIND_VENDOR: return "vendor bars";
	case LIQ_KIND_BYBIT: return "Bybit trades";
	case LIQ_KIND_BITMEX: return "BitMEX trades";
	case LIQ_KIND_OKX: return "OKX trades";
	case LIQ_KIND_TARDIS_TRADES: return "Tardis trades";
	case LIQ_KIND_TARDIS_TICKER: return "Tardis derivative_ticker";
	case LIQ_KIND_TARDIS_LIQ: return "Tardis liquidations";
	}
	return "unknown";
}

/* ------------------------------------------------------------ errors */

static int
row_err(struct src *s, struct liq_error *e, int code, int field,
    const char *text, size_t tlen, const char *msg)
{
	const char *fname = field >= 0 ? s->colname[field] : NULL;

	return liq_error_set(e, code, s->path, s->line, fname, text, tlen,
	    "%s", msg);
}

static int
fld_err(struct src *s, struct liq_error *e, int field, const char *msg)
{
	int c = s->col[field];

	return row_err(s, e, LIQ_EDATA, field, s->f.p[c], s->f.len[c], msg);
}

/* ------------------------------------------------------- field parsing */

static int
has(const struct src *s, int field)
{
	return s->col[field] >= 0 && s->col[field] < s->f.n;
}

static int
empty(const struct src *s, int field)
{
	return !has(s, field) || s->f.len[s->col[field]] == 0;
}

static int
get_num(struct src *s, int field, double *v, struct liq_error *e)
{
	int c = s->col[field];

	if (liq_parse_double(s->f.p[c], s->f.len[c], v) != 0) {
		if (s->f.len[c] >= 3 && (strncasecmp(s->f.p[c], "nan", 3) == 0
		    || strncasecmp(s->f.p[c], "inf", 3) == 0 ||
		    strncasecmp(s->f.p[c] + 1, "inf", 3) == 0))
			return fld_err(s, e, field,
			    "NaN or infinity is not a value");
		return fld_err(s, e, field, "not a number");
	}
	return 0;
}

static int
get_pos(struct src *s, int field, double *v, struct liq_error *e)
{
	int rc = get_num(s, field, v, e);

	if (rc == 0 && !(*v > 0))
		return fld_err(s, e, field, "must be positive");
	return rc;
}

static int
get_nonneg(struct src *s, int field, double *v, struct liq_error *e)
{
	int rc = get_num(s, field, v, e);

	if (rc == 0 && *v < 0)
		return fld_err(s, e, field, "must not be negative");
	return rc;
}

/* An optional number: NaN when the field is empty. */
static int
get_opt(struct src *s, int field, double *v, struct liq_error *e)
{
	if (empty(s, field)) {
		*v = NAN;
		return 0;
	}
	return get_nonneg(s, field, v, e);
}

static int
get_int(struct src *s, int field, int64_t *v, struct liq_error *e)
{
	int c = s->col[field];

	if (liq_parse_int64(s->f.p[c], s->f.len[c], v) != 0)
		return fld_err(s, e, field, "not an integer");
	return 0;
}

static int
get_bool(struct src *s, int field, int *v, struct liq_error *e)
{
	int c = s->col[field];
	const char *p = s->f.p[c];
	size_t n = s->f.len[c];

	if (n == 4 && strncasecmp(p, "true", 4) == 0)
		*v = 1;
	else if (n == 5 && strncasecmp(p, "false", 5) == 0)
		*v = 0;
	else
		return fld_err(s, e, field, "not true or false");
	return 0;
}

/* The field as an exact decimal m / 10^sc, or sc = -1 when it is not. */
static void
get_fixed(struct src *s, int field, int64_t *m, int *sc)
{
	int c = s->col[field];

	if (liq_parse_fixed(s->f.p[c], s->f.len[c], m, sc) != 0) {
		*sc = -1;
		*m = 0;
	}
}

/*
 * A raw epoch number in the file's unit to ms.  Seconds that overflow in
 * ms saturate, so the range check that follows refuses them.
 */
static int64_t
to_ms(const struct src *s, int64_t raw)
{
	int64_t ms;

	if (s->tdiv > 0)
		return liq__floordiv(raw, s->tdiv);
	if (__builtin_mul_overflow(raw, -s->tdiv, &ms))
		return raw > 0 ? INT64_MAX : INT64_MIN;
	return ms;
}

static int
get_time(struct src *s, int field, int64_t *t, struct liq_error *e)
{
	int c = s->col[field];
	const char *p = s->f.p[c];
	size_t n = s->f.len[c];
	int64_t raw;
	char tb[40];

	if (n > 10 && n < sizeof(tb) && p[10] == 'D') {
		/* BitMEX: 2019-01-01D00:00:01.123456789 */
		memcpy(tb, p, n);
		tb[10] = 'T';
		p = tb;
	}
	const char *dot = n > 11 ? memchr(p, '.', n) : NULL;

	if (dot != NULL && dot - p == 10 && p[4] != '-' &&
	    liq_parse_int64(p, 10, &raw) == 0 && raw >= 0) {
		/* Bybit: epoch seconds with a fraction, 1590710399.365 */
		int64_t ms = 0;
		size_t k;
		int nd = 0;

		for (k = 11; k < n && (unsigned)(p[k] - '0') < 10; k++)
			if (nd < 3) {
				ms = ms * 10 + (p[k] - '0');
				nd++;
			}
		if (k != n || k == 11)
			return fld_err(s, e, field, "not a time");
		for (; nd < 3; nd++)
			ms *= 10;
		*t = raw * 1000 + ms;
	} else if (n > 0 && (unsigned)(p[0] - '0') < 10 &&
	    liq_parse_int64(p, n, &raw) == 0)
		*t = to_ms(s, raw);
	else if (liq_parse_time(p, n, t) != 0) {
		double d;
		/* vendors write epoch seconds with a fraction too */
		if (liq_parse_double(p, n, &d) != 0 || !(d > 0) || d > 1e13)
			return fld_err(s, e, field, "not a time");
		*t = (int64_t)floor(d * 1000.0 + 0.5);
	}
	if (*t < T_MIN || *t >= T_MAX)
		return fld_err(s, e, field,
		    "time out of range (before 2009 or after 2099)");
	return 0;
}

/* ---------------------------------------------------------- sniffing */

static int
looks_numeric(const char *p, size_t n)
{
	double d;

	return liq_parse_double(p, n, &d) == 0;
}

static int
looks_time_text(const char *p, size_t n)
{
	int64_t t;

	return n >= 10 && p[4] == '-' && liq_parse_time(p, n, &t) == 0;
}

static int
looks_bool(const char *p, size_t n)
{
	return (n == 4 && strncasecmp(p, "true", 4) == 0) ||
	    (n == 5 && strncasecmp(p, "false", 5) == 0);
}

static void
set_names(struct src *s, const struct colspec *sp)
{
	int i;

	for (i = 0; i < NFIELD; i++) {
		s->col[i] = -1;
		s->colname[i] = NULL;
	}
	for (i = 0; sp[i].name != NULL; i++)
		s->colname[sp[i].field] = sp[i].name;
}

/* Columns by position (no header), in the spec's order. */
static void
map_positional(struct src *s, const struct colspec *sp, int ncols)
{
	int i, k = 0;

	set_names(s, sp);
	for (i = 0; sp[i].name != NULL && k < ncols; i++) {
		/* COIN-M liquidationSnapshot has no symbol column */
		if (sp[i].field == F_SYMBOL && s->kind == LIQ_KIND_LIQSNAP &&
		    ncols == 10)
			continue;
		s->col[sp[i].field] = k++;
	}
}

/* Columns by header name.  Returns the first required column missing. */
static const char *
map_header(struct src *s, const struct colspec *sp, const struct liq_fields *h)
{
	int i, j;

	set_names(s, sp);
	for (i = 0; sp[i].name != NULL; i++)
		for (j = 0; j < h->n; j++)
			if (liq__field_is(h, j, sp[i].name))
				s->col[sp[i].field] = j;
	if (s->kind == LIQ_KIND_TRADES && s->col[F_QUOTE_QTY] < 0)
		for (j = 0; j < h->n; j++)
			if (liq__field_is(h, j, "base_qty"))
				s->col[F_QUOTE_QTY] = j;
	for (i = 0; sp[i].name != NULL; i++)
		if (sp[i].required && s->col[sp[i].field] < 0)
			return sp[i].name;
	return NULL;
}

static int
header_kind(const struct liq_fields *h)
{
	int j, id = 0, qty = 0, inst = 0, ctime = 0, local = 0, oi = 0;

	for (j = 0; j < h->n; j++) {
		if (liq__field_is(h, j, "trdMatchID"))
			return LIQ_KIND_BYBIT;	/* or BitMEX: see the rows */
		inst |= liq__field_is(h, j, "instrument_name");
		ctime |= liq__field_is(h, j, "created_time");
		local |= liq__field_is(h, j, "local_timestamp");
		oi |= liq__field_is(h, j, "open_interest") ||
		    liq__field_is(h, j, "funding_rate");
		if (liq__field_is(h, j, "agg_trade_id"))
			return LIQ_KIND_AGGTRADES;
		if (liq__field_is(h, j, "open_time"))
			return LIQ_KIND_KLINES;
		if (liq__field_is(h, j, "create_time"))
			return LIQ_KIND_METRICS;
		if (liq__field_is(h, j, "calc_time"))
			return LIQ_KIND_FUNDING;
		if (liq__field_is(h, j, "order_type") ||
		    liq__field_is(h, j, "average_price"))
			return LIQ_KIND_LIQSNAP;
		id |= liq__field_is(h, j, "id");
		qty |= liq__field_is(h, j, "qty");
	}
	if (inst && ctime)
		return LIQ_KIND_OKX;
	if (local)
		return oi ? LIQ_KIND_TARDIS_TICKER : LIQ_KIND_TARDIS_TRADES;
	return id && qty ? LIQ_KIND_TRADES : LIQ_KIND_UNKNOWN;
}

/* The kind of a header-less row from its shape. */
static int
shape_kind(const struct liq_fields *f)
{
	int n = f->n;

	if (n >= 1 && looks_time_text(f->p[0], f->len[0]))
		return n == 8 ? LIQ_KIND_METRICS : LIQ_KIND_UNKNOWN;
	if (n == 3)
		return LIQ_KIND_FUNDING;
	if (n == 12)
		return LIQ_KIND_KLINES;
	if (n == 6 && looks_bool(f->p[5], f->len[5]))
		return LIQ_KIND_TRADES;
	if (n == 7 && looks_bool(f->p[6], f->len[6]))
		return looks_bool(f->p[5], f->len[5]) ? LIQ_KIND_TRADES :
		    LIQ_KIND_AGGTRADES;
	if (n == 8 && looks_bool(f->p[6], f->len[6]) &&
	    looks_bool(f->p[7], f->len[7]))
		return LIQ_KIND_AGGTRADES;
	if ((n == 11 || n == 10) && (liq__field_is(f, n == 11 ? 2 : 1,
	    "SELL") || liq__field_is(f, n == 11 ? 2 : 1, "BUY")))
		return LIQ_KIND_LIQSNAP;
	return LIQ_KIND_UNKNOWN;
}

/* Parse "name=column,name=column" into the vendor columns of header h. */
static int
map_vendor(struct src *s, const char *map, const struct liq_fields *h,
    struct liq_error *e)
{
	const char *p = map;

	set_names(s, c_vendor);
	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		const char *eq = memchr(p, '=', comma ? (size_t)(comma - p) :
		    strlen(p));
		size_t klen, vlen;
		int i, j, found = -1;

		if (comma == NULL)
			comma = p + strlen(p);
		if (eq == NULL)
			return liq_error_set(e, LIQ_EARG, NULL, 0, "--map", p,
			    (size_t)(comma - p), "expected NAME=COLUMN");
		klen = (size_t)(eq - p);
		vlen = (size_t)(comma - eq - 1);
		for (i = 0; c_vendor[i].name != NULL; i++)
			if (strlen(c_vendor[i].name) == klen &&
			    memcmp(c_vendor[i].name, p, klen) == 0)
				break;
		if (c_vendor[i].name == NULL)
			return liq_error_set(e, LIQ_EARG, NULL, 0, "--map", p,
			    klen, "unknown bar field (see liq-ingest(1))");
		for (j = 0; j < h->n; j++)
			if (h->len[j] == vlen && memcmp(h->p[j], eq + 1,
			    vlen) == 0)
				found = j;
		if (found < 0)
			return liq_error_set(e, LIQ_EFORMAT, s->path, 1,
			    c_vendor[i].name, eq + 1, vlen,
			    "the header has no such column");
		s->col[c_vendor[i].field] = found;
		s->colname[c_vendor[i].field] = c_vendor[i].name;
		p = *comma ? comma + 1 : comma;
	}
	if (s->col[F_TIME] < 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "--map", map,
		    SIZE_MAX, "the map needs time=COLUMN");
	/* say "column (field)" in messages: the user's names */
	return 0;
}

static int
next_line(struct src *s, const char **lp, size_t *ll, struct liq_error *e)
{
	const char *nl;
	int rc;

	if (s->bpos >= s->blen) {
		rc = liq_input_lines(s->in, &s->blk, &s->blen, e);
		if (rc <= 0)
			return rc;
		s->bpos = 0;
		s->nblk++;
	}
	nl = memchr(s->blk + s->bpos, '\n', s->blen - s->bpos);
	*lp = s->blk + s->bpos;
	*ll = (size_t)(nl - *lp);
	s->bpos += *ll + 1;
	s->line++;
	if (*ll > 0 && (*lp)[*ll - 1] == '\r')
		(*ll)--;
	return 1;
}

static void
sniff_unit(struct src *s, int64_t raw)
{
	if (raw >= INT64_C(100000000000000000))
		s->tdiv = 1000000;		/* ns */
	else if (raw >= INT64_C(100000000000000))
		s->tdiv = 1000;			/* µs */
	else if (raw >= INT64_C(100000000000))
		s->tdiv = 1;			/* ms */
	else
		s->tdiv = -1000;		/* s */
}

/*
 * Read the head of s (its input is open): header or not, kind, columns,
 * time unit, row interval, symbol and first time.  Leaves the input at its
 * start (line 0) so liq__src_run reads every line again.
 */
int
liq__sniff(struct src *s, const char *map, struct liq_error *e)
{
	const char *l;
	size_t n;
	int rc, kind, i;
	const char *miss;
	int64_t raw;

	if ((rc = next_line(s, &l, &n, e)) < 0)
		return rc;
	if (rc == 0 || (s->blen == 1 && n == 0))
		return liq_error_set(e, LIQ_EFORMAT, s->path, 0, NULL, NULL, 0,
		    "empty input");
	if (n >= 3 && memcmp(l, "\xef\xbb\xbf", 3) == 0) {
		l += 3;		/* a UTF-8 byte-order mark (spreadsheets) */
		n -= 3;
	}
	if (memchr(s->blk, '\0', s->blen) != NULL)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL, NULL, 0,
		    "not a CSV file (binary data)");
	if (liq__split(&s->f, l, n) < 0)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL, l, n,
		    "not a CSV file (bad quoting or over %d columns)",
		    LIQ_MAXF);
	s->ncols = s->f.n;
	if (looks_numeric(s->f.p[0], s->f.len[0]) ||
	    looks_time_text(s->f.p[0], s->f.len[0])) {
		s->has_header = 0;
		kind = shape_kind(&s->f);
		if (kind == LIQ_KIND_UNKNOWN)
			return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL,
			    l, n, "no header and %d columns: not a Binance "
			    "dump this program knows", s->f.n);
		s->kind = kind;
		map_positional(s, spec_of(kind), s->f.n);
	} else {
		s->has_header = 1;
		kind = header_kind(&s->f);
		if (kind == LIQ_KIND_UNKNOWN && map == NULL)
			return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL,
			    l, n, "unknown header (for vendor bar CSVs, give "
			    "--map or --preset)");
		if (kind == LIQ_KIND_UNKNOWN) {
			s->kind = LIQ_KIND_VENDOR;
			if ((rc = map_vendor(s, map, &s->f, e)) != 0)
				return rc;
		} else {
			s->kind = kind;
			miss = map_header(s, spec_of(kind), &s->f);
			if (miss != NULL)
				return liq_error_set(e, LIQ_EFORMAT, s->path,
				    1, miss, l, n, "%s header lacks this "
				    "column", liq_kind_name(kind));
		}
	}
	s->fast = s->kind == LIQ_KIND_AGGTRADES && !s->has_header;
	if (s->kind == LIQ_KIND_BYBIT && s->col[F_TIME] == 0 &&
	    s->col[F_SYMBOL] == 1 && s->col[F_SIDE] == 2 && s->col[F_QTY] == 3 &&
	    s->col[F_PRICE] == 4 && s->ncols > 5)
		s->fast = 2;
	if (s->kind == LIQ_KIND_AGGTRADES && s->has_header) {
		s->fast = 1;
		for (i = 0; i < 7; i++)
			if (s->col[c_aggtrades[i].field] != i)
				s->fast = 0;
	}
	/* first data row: time unit, first time, symbol, row interval */
	s->first_ts = INT64_MIN;
	if (s->has_header && (rc = next_line(s, &l, &n, e)) <= 0) {
		if (rc < 0)
			return rc;
		goto rewind;
	}
	while (n == 0)
		if ((rc = next_line(s, &l, &n, e)) <= 0) {
			if (rc < 0)
				return rc;
			goto rewind;
		}
	if (liq__split(&s->f, l, n) < 0 || s->f.n != s->ncols)
		return liq_error_set(e, LIQ_EDATA, s->path, s->line, NULL, l, n,
		    "%d columns where the %s has %d", s->f.n < 0 ? 0 : s->f.n,
		    s->has_header ? "header" : "first row", s->ncols);
	{
		int c = s->col[F_TIME];
		if (liq_parse_int64(s->f.p[c], s->f.len[c], &raw) == 0)
			sniff_unit(s, raw);
		else
			s->tdiv = 1;
	}
	if (s->kind == LIQ_KIND_BYBIT && s->f.len[s->col[F_TIME]] > 10 &&
	    s->f.p[s->col[F_TIME]][10] == 'D') {
		s->kind = LIQ_KIND_BITMEX;
		s->fast = 0;
	}
	if (s->kind == LIQ_KIND_TARDIS_TRADES &&
	    strstr(s->path, "liquidations") != NULL)
		s->kind = LIQ_KIND_TARDIS_LIQ;
	if ((rc = get_time(s, F_TIME, &s->first_ts, e)) != 0)
		return rc;
	switch (s->kind) {
	case LIQ_KIND_BYBIT:
		strcpy(s->venue, "bybit");
		break;
	case LIQ_KIND_BITMEX:
		strcpy(s->venue, "bitmex");
		break;
	case LIQ_KIND_OKX:
		strcpy(s->venue, "okx");
		break;
	case LIQ_KIND_TARDIS_TRADES:
	case LIQ_KIND_TARDIS_TICKER:
	case LIQ_KIND_TARDIS_LIQ: {
		/* Tardis exchange ids: okex-swap, binance-futures, ... */
		static const char *const pre[] = { "okex", "okx", "binance",
		    "bybit", "bitmex", "deribit", "huobi", "ftx" };
		const char *x = s->f.p[s->col[F_EXCHANGE]];
		size_t xl = s->f.len[s->col[F_EXCHANGE]], k;

		snprintf(s->venue, sizeof(s->venue), "%.*s", (int)(xl <
		    sizeof(s->venue) ? xl : sizeof(s->venue) - 1), x);
		for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++)
			if (xl >= strlen(pre[k]) && memcmp(x, pre[k],
			    strlen(pre[k])) == 0) {
				snprintf(s->venue, sizeof(s->venue), "%s",
				    k < 2 ? "okx" : pre[k]);
				break;
			}
		/* keep the Tardis id where the market kind is in it */
		if (strncmp(x, "binance-delivery", 16) == 0)
			strcpy(s->venue, "binance-cm");
		break;
	}
	default:
		if (s->kind != LIQ_KIND_VENDOR)
			strcpy(s->venue, "binance");
	}
	if (s->kind != LIQ_KIND_BITMEX && has(s, F_SYMBOL) &&
	    s->f.len[s->col[F_SYMBOL]] > 0 &&
	    s->f.len[s->col[F_SYMBOL]] < LIQ_SYMBOL_MAX &&
	    s->symbol[0] == '\0') {
		memcpy(s->symbol, s->f.p[s->col[F_SYMBOL]],
		    s->f.len[s->col[F_SYMBOL]]);
		s->symbol[s->f.len[s->col[F_SYMBOL]]] = '\0';
	}
	if (s->kind == LIQ_KIND_KLINES) {
		int64_t ct;
		if ((rc = get_int(s, F_CLOSE_TIME, &ct, e)) != 0)
			return rc;
		ct = to_ms(s, ct);
		if (ct < T_MIN || ct >= T_MAX)
			return fld_err(s, e, F_CLOSE_TIME,
			    "time out of range (before 2009 or after 2099)");
		s->row_interval = ct - s->first_ts + 1;
		if (s->row_interval <= 0)
			return fld_err(s, e, F_CLOSE_TIME,
			    "close_time is before open_time");
	}
	if (s->kind == LIQ_KIND_VENDOR) {
		int64_t t2;
		do
			rc = next_line(s, &l, &n, e);
		while (rc > 0 && n == 0);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			if (liq__split(&s->f, l, n) != s->ncols)
				return liq_error_set(e, LIQ_EDATA, s->path,
				    s->line, NULL, l, n, "%d columns where "
				    "the header has %d", s->f.n, s->ncols);
			if ((rc = get_time(s, F_TIME, &t2, e)) != 0)
				return rc;
			s->row_interval = t2 - s->first_ts;
		}
		if (s->row_interval <= 0)
			return liq_error_set(e, LIQ_EFORMAT, s->path, s->line,
			    NULL, NULL, 0, "cannot tell the bar interval of "
			    "a vendor file from its first two rows");
	}
rewind:
	return 0;
}

/* ------------------------------------------------------------- events */

static int
order_err(struct src *s, struct liq_agg *a, int64_t t, struct liq_error *e)
{
	char tb[40], w[40];

	return liq_error_set(e, LIQ_EORDER, s->path, s->line,
	    s->colname[F_TIME], NULL, 0, "row at %s is before rows already "
	    "aggregated, beyond the reorder window (%s): sort the file or "
	    "raise --reorder", liq_time_format(t, tb, sizeof(tb)),
	    liq_duration_format((int64_t)(a->mask - 2) * a->interval, w,
	    sizeof(w)));
}

/*
 * The bar that holds time t (sample: t is a bar's close), or NULL with
 * *rc set: an order error names the file, line and reorder window.
 */
/*
 * A row far outside the day or month its file's name gives is corrupt:
 * left in, one such time (say 2099) would fill the gap to it with
 * millions of empty bars.  SPAN_SLACK either side: only the absurd is
 * refused, not a file renamed by a few days.
 */
#define SPAN_SLACK	(INT64_C(31) * 86400000)

static int __attribute__((noinline))
span_err(struct src *s, int64_t t, struct liq_error *e)
{
	char tb[40], nb[40];

	return liq_error_set(e, LIQ_EDATA, s->path, s->line,
	    s->colname[F_TIME], NULL, 0, "row at %s is outside the %s the "
	    "file name gives (from %s)", liq_time_format(t, tb, sizeof(tb)),
	    s->name_to - s->name_from == 86400000 ? "day" : "month",
	    liq_time_format(s->name_from, nb, sizeof(nb)));
}

/*
 * A row more than --max-gap after the latest row before it in its file is
 * taken for a bad time, for the same reason: bars would be made for the
 * whole gap (the first row of a file always passes).
 */
static int __attribute__((noinline))
gap_err(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	char tb[40], pb[40], mb[40];
	double d = (double)(t - s->last_ts) / 3600000;

	return liq_error_set(e, LIQ_EDATA, s->path, s->line,
	    s->colname[F_TIME], NULL, 0, "row at %s is %.1f %s after the "
	    "latest row before it (%s): a bad time? (raise --max-gap, now "
	    "%s, to allow it)", liq_time_format(t, tb, sizeof(tb)),
	    d >= 48 ? d / 24 : d, d >= 48 ? "days" : "hours",
	    liq_time_format(s->last_ts, pb, sizeof(pb)),
	    liq_duration_format(c->max_gap, mb, sizeof(mb)));
}

static inline __attribute__((always_inline)) struct liq_acc *
bar_at(struct src *s, struct ctx *c, int64_t t, int sample, int *rc,
    struct liq_error *e)
{
	struct liq_acc *a;

	if (s->name_from != INT64_MIN && (t < s->name_from - SPAN_SLACK ||
	    t >= s->name_to + SPAN_SLACK)) {
		*rc = span_err(s, t, e);
		return NULL;
	}
	if (s->last_ts != INT64_MIN && t - s->last_ts > c->max_gap) {
		*rc = gap_err(s, c, t, e);
		return NULL;
	}
	a = liq__agg_at(c->agg, t, sample, rc, e);

	if (a == NULL && *rc == LIQ_EORDER)
		*rc = order_err(s, c->agg, t, e);
	return a;
}

/*
 * Add base and quote volume of a trade to side (0 buy, 1 sell).  qty is
 * the quantity as a double, or NaN when the caller has only the exact
 * form (qm, qs) and it is computed here when needed.
 */
static inline __attribute__((always_inline)) void
add_volume(struct liq_acc *a, const struct mkt *m, int side, int64_t qm,
    int qs, double qty, int64_t pm, int ps, double px)
{
	__int128 fx;

	/* the double only where it is used: the exact sums rarely need it */
#define QTY	(isnan(qty) ? (double)qm / liq__pow10[qs] : qty)
	if (m->cs_one) {
		if (qs >= 0 && liq__fx(qm, qs, 0, -1, &fx))
			a->fx_base[side] += fx;
		else
			liq__kahan(&a->d_base[side], &a->c_base[side], QTY);
		if (qs >= 0 && ps >= 0 && liq__fx(qm, qs, pm, ps, &fx))
			a->fx_quote[side] += fx;
		else
			liq__kahan(&a->d_quote[side], &a->c_quote[side],
			    QTY * px);
	} else if (m->market == LIQ_MARKET_INVERSE) {
		/* contracts of cs quote units: quote exact, base = quote/px */
		if (qs >= 0 && m->cs_scale >= 0 &&
		    liq__fx(qm, qs, m->cs_mant, m->cs_scale, &fx))
			a->fx_quote[side] += fx;
		else
			liq__kahan(&a->d_quote[side], &a->c_quote[side],
			    QTY * m->cs);
		liq__kahan(&a->d_base[side], &a->c_base[side],
		    QTY * m->cs / px);
	} else {
		/* linear contracts of cs base units */
		if (qs >= 0 && m->cs_scale >= 0 &&
		    liq__fx(qm, qs, m->cs_mant, m->cs_scale, &fx))
			a->fx_base[side] += fx;
		else
			liq__kahan(&a->d_base[side], &a->c_base[side],
			    QTY * m->cs);
		liq__kahan(&a->d_quote[side], &a->c_quote[side],
		    QTY * m->cs * px);
	}
#undef QTY
	a->has_vol = 1;
}

/*
 * One trade into its bar: price px with ordering key (t, id), ntrades
 * exchange trades, volume on side (0 buy, 1 sell) from the quantity as an
 * exact decimal (qm, qs) or the double qty (NaN: use the decimal) and the
 * price as an exact decimal (pm, ps; ps -1 when not exact).
 */
static inline __attribute__((always_inline)) int
apply_trade(struct src *s, struct ctx *c, int64_t t, int64_t id, int side,
    double px, int64_t pm, int ps, int64_t qm, int qs, double qty,
    uint64_t ntrades, struct liq_error *e)
{
	struct liq_acc *a;
	int rc;

	if ((a = bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	liq__acc_price(a, t, id, px, px, px, px);
	add_volume(a, c->mkt, side, qm, qs, qty, pm, ps, px);
	a->trades += ntrades;
	s->matched++;
	if (t > s->last_ts)
		s->last_ts = t;
	return 0;
}

/*
 * A trade from a fused row parser: price and quantity are plain decimals
 * below 2^53.  Consecutive rows often share a price, so its double is
 * cached (m / 10^s is one correctly rounded division).
 */
static inline __attribute__((always_inline)) int
fast_trade(struct src *s, struct ctx *c, int64_t t, int64_t id, int side,
    uint64_t pmu, int ps, uint64_t qmu, int qs, uint64_t ntrades,
    struct liq_error *e)
{
	double px;

	if ((int64_t)pmu == c->last_pm && ps == c->last_ps)
		px = c->last_px;
	else {
		px = (double)pmu / liq__pow10[ps];
		c->last_pm = (int64_t)pmu;
		c->last_ps = ps;
		c->last_px = px;
	}
	return apply_trade(s, c, t, id, side, px, (int64_t)pmu, ps,
	    (int64_t)qmu, qs, NAN, ntrades, e);
}

/* --------------------------------------------------- general row path */

static int
row_trade(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	double px, qty;
	int64_t id = 0, first, last, qm, pm;
	int maker, qs, ps, rc, best = 1;

	if ((rc = get_int(s, F_ID, &id, e)) || (rc = get_pos(s, F_PRICE,
	    &px, e)) || (rc = get_pos(s, F_QTY, &qty, e)) ||
	    (rc = get_bool(s, F_MAKER, &maker, e)))
		return rc;
	if (has(s, F_BEST) && (rc = get_bool(s, F_BEST, &best, e)))
		return rc;
	first = last = 0;
	if (s->kind == LIQ_KIND_AGGTRADES) {
		if ((rc = get_int(s, F_FIRST, &first, e)) ||
		    (rc = get_int(s, F_LAST, &last, e)))
			return rc;
		if (last < first)
			return fld_err(s, e, F_LAST,
			    "last_trade_id is below first_trade_id");
	}
	get_fixed(s, F_PRICE, &pm, &ps);
	get_fixed(s, F_QTY, &qm, &qs);
	return apply_trade(s, c, t, id, maker, px, pm, ps, qm, qs, qty,
	    (uint64_t)(last - first) + 1, e);
}

/*
 * One volume of a kline into a bar's buy (taker-buy column) and sell
 * (total minus taker-buy) sums: column pair col (0: volume and
 * taker_buy_volume, 1: quote_volume and taker_buy_quote_volume), times a
 * factor given exactly as fm / 10^fs (fs -1: none, -2: not exact, use f).
 */
static void
kline_side(__int128 *fx, double *d, double *comp, const int64_t *vm,
    const int *vs, const double *v, int col, int64_t fm, int fs, double f)
{
	int tot = col, buy = col + 2, k;
	__int128 fb, ft;

	for (k = 0; k < 2; k++) {	/* 0 buy, 1 sell */
		if (fs != -2 && vs[buy] >= 0 && vs[tot] >= 0 &&
		    liq__fx(vm[buy], vs[buy], fm, fs, &fb) &&
		    liq__fx(vm[tot], vs[tot], fm, fs, &ft))
			fx[k] += k ? ft - fb : fb;
		else
			liq__kahan(&d[k], &comp[k],
			    (k ? v[tot] - v[buy] : v[buy]) * f);
	}
}

/* klines: volume V and taker-buy B give buy = B, sell = V - B exactly. */
static int
row_kline(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	double o, h, l, cl, v[4];
	int64_t cnt, vm[4];
	int vs[4], rc, i;
	struct liq_acc *a;
	static const int vf[4] = { F_VOLUME, F_QUOTE_VOL, F_TB_VOL,
	    F_TB_QUOTE };
	const struct mkt *m = c->mkt;

	if ((rc = get_pos(s, F_OPEN, &o, e)) || (rc = get_pos(s, F_HIGH, &h,
	    e)) || (rc = get_pos(s, F_LOW, &l, e)) || (rc = get_pos(s,
	    F_CLOSE, &cl, e)) || (rc = get_int(s, F_COUNT, &cnt, e)))
		return rc;
	if (h < l || o > h || o < l || cl > h || cl < l)
		return fld_err(s, e, F_HIGH, "high/low do not hold open/close");
	if (cnt < 0)
		return fld_err(s, e, F_COUNT, "must not be negative");
	for (i = 0; i < 4; i++) {
		if ((rc = get_nonneg(s, vf[i], &v[i], e)) != 0)
			return rc;
		get_fixed(s, vf[i], &vm[i], &vs[i]);
	}
	if (v[2] > v[0] * (1 + 1e-9))
		return fld_err(s, e, F_TB_VOL, "taker buy volume exceeds volume");
	if (liq__floordiv(t, c->agg->interval) != liq__floordiv(t +
	    s->row_interval - 1, c->agg->interval))
		return fld_err(s, e, F_TIME,
		    "kline straddles two bars: use an --interval that is a "
		    "multiple of the klines' interval");
	if ((a = bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	liq__acc_price(a, t, 0, o, h, l, cl);
	a->trades += (uint64_t)cnt;
	a->has_vol = 1;
	/*
	 * Columns v[0] volume, v[1] quote_volume, v[2] taker_buy_volume,
	 * v[3] taker_buy_quote_volume.  USDⓈ-M and spot: volume is base
	 * (contracts of cs base on a linear market), quote_volume quote.
	 * COIN-M: volume is contracts of cs USD, quote_volume is base coin.
	 */
	if (m->market == LIQ_MARKET_INVERSE) {
		kline_side(a->fx_quote, a->d_quote, a->c_quote, vm, vs, v, 0,
		    m->cs_mant, m->cs_scale >= 0 ? m->cs_scale : -2, m->cs);
		kline_side(a->fx_base, a->d_base, a->c_base, vm, vs, v, 1, 0,
		    -1, 1);
	} else {
		kline_side(a->fx_base, a->d_base, a->c_base, vm, vs, v, 0,
		    m->cs_mant, m->cs_one ? -1 : m->cs_scale >= 0 ?
		    m->cs_scale : -2, m->cs);
		kline_side(a->fx_quote, a->d_quote, a->c_quote, vm, vs, v, 1, 0,
		    -1, 1);
	}
	return 0;
}

static int
row_metrics(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	double oi, val, ls, top;
	struct liq_acc *a;
	int rc;

	if ((rc = get_opt(s, F_OI, &oi, e)) || (rc = get_opt(s, F_OI_VALUE,
	    &val, e)) || (rc = get_opt(s, F_LS_RATIO, &ls, e)) ||
	    (rc = get_opt(s, F_TOP_RATIO, &top, e)))
		return rc;
	/* snapshots are on the 5-minute grid but sometimes a second late */
	t = liq__floordiv(t + 30000, 60000) * 60000;
	if ((a = bar_at(s, c, t, 1, &rc, e)) == NULL)
		return rc;
	if (!isnan(oi) && t >= a->oi_t) {
		if (c->mkt->market == LIQ_MARKET_INVERSE) {
			/* contracts of cs USD: quote exact, base at the close */
			a->oi_quote = oi * c->mkt->cs;
			a->oi_base = NAN;
		} else {
			a->oi_base = oi * (c->mkt->cs_one ? 1 : c->mkt->cs);
			a->oi_quote = val;
		}
		a->oi_t = t;
	}
	if ((!isnan(ls) || !isnan(top)) && t >= a->ratio_t) {
		a->ls_ratio = ls;
		a->top_ls = top;
		a->ratio_t = t;
	}
	return 0;
}

static int
row_funding(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	double r;
	struct liq_acc *a;
	int rc;

	if ((rc = get_num(s, F_FUND_RATE, &r, e)) != 0)
		return rc;
	if (fabs(r) > 1)
		return fld_err(s, e, F_FUND_RATE, "funding rate beyond ±100%");
	if ((a = bar_at(s, c, t, 1, &rc, e)) == NULL)
		return rc;
	if (t >= a->fund_t) {
		a->funding = r;
		a->fund_t = t;
	}
	return 0;
}

static uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t h = UINT64_C(1469598103934665603);

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * UINT64_C(1099511628211);
	return h;
}

static int
row_liqsnap(struct src *s, struct ctx *c, int64_t t, const char *l, size_t n,
    struct liq_error *e)
{
	double px, avg, q, filled, notional;
	struct liq_acc *a;
	uint64_t h = fnv1a(l, n);
	int rc, side, i;

	/* the archive repeats rows: drop a row seen in the last minute */
	for (i = 0; i < DEDUP; i++)
		if (s->dd_hash[i] == h && s->dd_ts[i] != 0 &&
		    llabs(s->dd_ts[i] - t) <= 60000)
			return 0;
	s->dd_hash[s->dd_pos] = h;
	s->dd_ts[s->dd_pos] = t;
	s->dd_pos = (s->dd_pos + 1) % DEDUP;
	if (liq__field_is(&s->f, s->col[F_SIDE], "SELL"))
		side = 0;	/* a long was liquidated */
	else if (liq__field_is(&s->f, s->col[F_SIDE], "BUY"))
		side = 1;
	else
		return fld_err(s, e, F_SIDE, "not BUY or SELL");
	if ((rc = get_pos(s, F_PRICE, &px, e)) || (rc = get_nonneg(s,
	    F_AVG_PRICE, &avg, e)) || (rc = get_nonneg(s, F_ORIG_QTY, &q, e)) ||
	    (rc = get_nonneg(s, F_FILLED_QTY, &filled, e)))
		return rc;
	if (filled > 0)
		q = filled;
	if (!(avg > 0))
		avg = px;
	if (c->mkt->market == LIQ_MARKET_INVERSE)
		notional = q * c->mkt->cs;
	else
		notional = q * (c->mkt->cs_one ? 1 : c->mkt->cs) * avg;
	if ((a = bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	a->liq_q[side] += notional;
	a->liq_n[side]++;
	a->has_liq = a->has_liq_n = 1;
	return 0;
}

static int
row_vendor(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	double o = NAN, h = NAN, l = NAN, cl = NAN, v[NFIELD];
	static const int nums[] = { F_BUY_BASE, F_SELL_BASE, F_BUY_QUOTE,
	    F_SELL_QUOTE, F_VOL_BASE, F_VOL_QUOTE, F_TRADES, F_OI_BASE,
	    F_OI_QUOTE, F_LIQ_LONG, F_LIQ_SHORT, F_LIQ_LONG_N, F_LIQ_SHORT_N };
	struct liq_acc *a;
	int rc, i;

	if (has(s, F_CLOSE)) {
		if ((rc = get_pos(s, F_CLOSE, &cl, e)) != 0)
			return rc;
		o = h = l = cl;
		if (has(s, F_OPEN) && (rc = get_pos(s, F_OPEN, &o, e)))
			return rc;
		if (has(s, F_HIGH) && (rc = get_pos(s, F_HIGH, &h, e)))
			return rc;
		if (has(s, F_LOW) && (rc = get_pos(s, F_LOW, &l, e)))
			return rc;
		if (h < l || o > h || o < l || cl > h || cl < l)
			return fld_err(s, e, F_HIGH,
			    "high/low do not hold open/close");
	}
	for (i = 0; i < (int)(sizeof(nums) / sizeof(nums[0])); i++) {
		v[nums[i]] = NAN;
		if (has(s, nums[i]) && (rc = get_opt(s, nums[i], &v[nums[i]],
		    e)))
			return rc;
	}
	v[F_FUNDING] = NAN;
	if (!empty(s, F_FUNDING) && (rc = get_num(s, F_FUNDING, &v[F_FUNDING],
	    e)))
		return rc;
	if (liq__floordiv(t, c->agg->interval) != liq__floordiv(t +
	    s->row_interval - 1, c->agg->interval))
		return row_err(s, e, LIQ_EDATA, F_TIME, NULL, 0,
		    "row straddles two bars: use an --interval that is a "
		    "multiple of the file's row interval");
	if ((a = bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	if (!isnan(cl))
		liq__acc_price(a, t, 0, o, h, l, cl);
	/* buy/sell from the split, or from the total minus the other side */
	if (isnan(v[F_SELL_BASE]) && !isnan(v[F_VOL_BASE]))
		v[F_SELL_BASE] = v[F_VOL_BASE] - v[F_BUY_BASE];
	if (isnan(v[F_SELL_QUOTE]) && !isnan(v[F_VOL_QUOTE]))
		v[F_SELL_QUOTE] = v[F_VOL_QUOTE] - v[F_BUY_QUOTE];
	if (!isnan(v[F_BUY_BASE]) && !isnan(v[F_SELL_BASE]) &&
	    !isnan(v[F_BUY_QUOTE]) && !isnan(v[F_SELL_QUOTE])) {
		liq__kahan(&a->d_base[0], &a->c_base[0], v[F_BUY_BASE]);
		liq__kahan(&a->d_base[1], &a->c_base[1], v[F_SELL_BASE]);
		liq__kahan(&a->d_quote[0], &a->c_quote[0], v[F_BUY_QUOTE]);
		liq__kahan(&a->d_quote[1], &a->c_quote[1], v[F_SELL_QUOTE]);
		if (!isnan(v[F_TRADES]))
			a->trades += (uint64_t)v[F_TRADES];
		a->has_vol = 1;
	}
	if (!isnan(v[F_LIQ_LONG]) || !isnan(v[F_LIQ_SHORT])) {
		a->liq_q[0] += isnan(v[F_LIQ_LONG]) ? 0 : v[F_LIQ_LONG];
		a->liq_q[1] += isnan(v[F_LIQ_SHORT]) ? 0 : v[F_LIQ_SHORT];
		a->has_liq = 1;
		if (!isnan(v[F_LIQ_LONG_N]) && !isnan(v[F_LIQ_SHORT_N])) {
			a->liq_n[0] += (uint32_t)v[F_LIQ_LONG_N];
			a->liq_n[1] += (uint32_t)v[F_LIQ_SHORT_N];
			a->has_liq_n = 1;
		}
	}
	/* open interest and funding are as of the row's close */
	if ((!isnan(v[F_OI_BASE]) || !isnan(v[F_OI_QUOTE])) &&
	    t + s->row_interval >= a->oi_t) {
		a->oi_base = v[F_OI_BASE];
		a->oi_quote = v[F_OI_QUOTE];
		a->oi_t = t + s->row_interval;
	}
	if (!isnan(v[F_FUNDING]) && t + s->row_interval >= a->fund_t) {
		a->funding = v[F_FUNDING];
		a->fund_t = t + s->row_interval;
	}
	return 0;
}

/* Rows of other symbols in a multi-symbol file are skipped. */
static int
other_symbol(const struct src *s, const struct ctx *c)
{
	return c->mkt->symbol[0] != '\0' && has(s, F_SYMBOL) &&
	    !liq__field_is(&s->f, s->col[F_SYMBOL], c->mkt->symbol);
}

/* Taker side "Buy"/"buy" (0) or "Sell"/"sell" (1). */
static int
get_side(struct src *s, int *side, struct liq_error *e)
{
	int c = s->col[F_SIDE];

	if (s->f.len[c] == 3 && strncasecmp(s->f.p[c], "buy", 3) == 0)
		*side = 0;
	else if (s->f.len[c] == 4 && strncasecmp(s->f.p[c], "sell", 4) == 0)
		*side = 1;
	else
		return fld_err(s, e, F_SIDE, "not buy or sell");
	return 0;
}

/*
 * A Bybit, BitMEX, OKX or Tardis trade: size in the venue's native unit
 * (base coin, USD contracts or contracts of a fixed value), converted by
 * the run's market rules like a Binance trade.
 */
static int
row_venue_trade(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	double px, qty;
	int64_t qm, pm;
	int side, qs, ps, rc;

	if (other_symbol(s, c))
		return 0;
	if ((rc = get_side(s, &side, e)) || (rc = get_pos(s, F_PRICE, &px,
	    e)) || (rc = get_pos(s, F_QTY, &qty, e)))
		return rc;
	get_fixed(s, F_PRICE, &pm, &ps);
	get_fixed(s, F_QTY, &qm, &qs);
	return apply_trade(s, c, t, s->line, side, px, pm, ps, qm, qs, qty, 1,
	    e);
}

/* Tardis liquidations: side sell = a long was liquidated. */
static int
row_tardis_liq(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
{
	double px, qty, notional;
	int side, rc;
	struct liq_acc *a;

	if (other_symbol(s, c))
		return 0;
	if ((rc = get_side(s, &side, e)) || (rc = get_pos(s, F_PRICE, &px,
	    e)) || (rc = get_pos(s, F_QTY, &qty, e)))
		return rc;
	side = side == 1 ? 0 : 1;	/* sell: long liquidated (index 0) */
	if (c->mkt->market == LIQ_MARKET_INVERSE)
		notional = qty * c->mkt->cs;
	else
		notional = qty * c->mkt->cs * px;
	if ((a = bar_at(s, c, t, 0, &rc, e)) == NULL)
		return rc;
	a->liq_q[side] += notional;
	a->liq_n[side]++;
	a->has_liq = a->has_liq_n = 1;
	s->matched++;
	return 0;
}

/* Tardis derivative_ticker: open interest (native units) and funding. */
static int
row_tardis_ticker(struct src *s, struct ctx *c, int64_t t,
    struct liq_error *e)
{
	double oi = NAN, fr = NAN;
	struct liq_acc *a;
	int rc;

	if (other_symbol(s, c))
		return 0;
	if (!empty(s, F_OPEN_INT) && (rc = get_nonneg(s, F_OPEN_INT, &oi, e)))
		return rc;
	if (!empty(s, F_FUND_RATE) && (rc = get_num(s, F_FUND_RATE, &fr, e)))
		return rc;
	if (!isnan(fr) && fabs(fr) > 1)
		return fld_err(s, e, F_FUND_RATE, "funding rate beyond ±100%");
	s->matched++;
	if (isnan(oi) && isnan(fr))
		return 0;
	if ((a = bar_at(s, c, t, 1, &rc, e)) == NULL)
		return rc;
	if (!isnan(oi) && t >= a->oi_t) {
		if (c->mkt->market == LIQ_MARKET_INVERSE) {
			a->oi_quote = oi * c->mkt->cs;
			a->oi_base = NAN;
		} else {
			a->oi_base = oi * c->mkt->cs;
			a->oi_quote = NAN;
		}
		a->oi_t = t;
	}
	if (!isnan(fr) && t >= a->fund_t) {
		a->funding = fr;
		a->fund_t = t;
	}
	return 0;
}

/*
 * One row through the general path.  Returns 0 (applied or skipped), 1
 * (its time is past limit: not consumed), or a negative code.
 */
static int
general_row(struct src *s, struct ctx *c, const char *l, size_t n,
    int64_t limit, struct liq_error *e)
{
	int64_t t;
	int rc;

	if (liq__split(&s->f, l, n) < 0)
		return row_err(s, e, LIQ_EDATA, -1, l, n,
		    "malformed CSV row (bad quoting or too many columns)");
	if (s->f.n != s->ncols)
		return liq_error_set(e, LIQ_EDATA, s->path, s->line, NULL, l, n,
		    "%d columns where the %s has %d", s->f.n,
		    s->has_header ? "header" : "first row", s->ncols);
	if ((rc = get_time(s, F_TIME, &t, e)) != 0)
		return rc;
	if (t > limit) {
		s->next_ts = t;
		return 1;
	}
	switch (s->kind) {
	case LIQ_KIND_AGGTRADES:
	case LIQ_KIND_TRADES:
		rc = row_trade(s, c, t, e);
		break;
	case LIQ_KIND_KLINES:
		rc = row_kline(s, c, t, e);
		break;
	case LIQ_KIND_METRICS:
		rc = row_metrics(s, c, t, e);
		break;
	case LIQ_KIND_FUNDING:
		rc = row_funding(s, c, t, e);
		break;
	case LIQ_KIND_LIQSNAP:
		rc = row_liqsnap(s, c, t, l, n, e);
		break;
	case LIQ_KIND_BYBIT:
	case LIQ_KIND_BITMEX:
	case LIQ_KIND_OKX:
	case LIQ_KIND_TARDIS_TRADES:
		rc = row_venue_trade(s, c, t, e);
		break;
	case LIQ_KIND_TARDIS_LIQ:
		rc = row_tardis_liq(s, c, t, e);
		break;
	case LIQ_KIND_TARDIS_TICKER:
		rc = row_tardis_ticker(s, c, t, e);
		break;
	default:
		rc = row_vendor(s, c, t, e);
		break;
	}
	if (rc == 0 && t > s->last_ts)
		s->last_ts = t;
	return rc;
}

/* ------------------------------------------------------- aggTrades fast */

/* The first four bytes of s as a word, to compare with text. */
static inline __attribute__((always_inline)) uint32_t
word4(const char *s)
{
	uint32_t v;

	memcpy(&v, s, 4);
	return v;
}

/* A byte with its high bit set for each byte of v that is not a digit. */
static inline __attribute__((always_inline)) uint64_t
nondigits(uint64_t v)
{
	const uint64_t h = UINT64_C(0x8080808080808080);
	uint64_t v7 = v & ~h;

	return (v & h) | ((v7 + UINT64_C(0x4646464646464646)) & h) |
	    (~((v7 | h) - UINT64_C(0x3030303030303030)) & h);
}

/* The number of leading digits of v (0..8). */
static inline __attribute__((always_inline)) int
lead_count(uint64_t v)
{
	uint64_t m = nondigits(v);

	return m == 0 ? 8 : __builtin_ctzll(m) >> 3;
}

/*
 * The value of the first k (1..8) bytes of v, which are digits (SWAR:
 * the digits are moved to the end of the word behind '0's, then combined
 * two by two, then pairs of pairs, with two multiplications).
 */
static inline __attribute__((always_inline)) uint64_t
lead_digits(uint64_t v, int k)
{
	const uint64_t zeros = UINT64_C(0x3030303030303030);

	/* little-endian: byte 0 is the first (most significant) digit */
	if (k < 8)
		v = v << (8 * (8 - k)) | zeros >> (8 * k);
	v -= zeros;
	v = v * 10 + (v >> 8);
	return (((v & UINT64_C(0x000000FF000000FF)) *
	    (100 + (UINT64_C(1000000) << 32))) +
	    (((v >> 16) & UINT64_C(0x000000FF000000FF)) *
	    (1 + (UINT64_C(10000) << 32)))) >> 32;
}

/*
 * An unsigned integer of 1..18 digits; NULL when there is none or it is
 * longer (the general path then decides).  Finds the end eight bytes at
 * a time (the input buffers have slack past the last line); the last
 * eight digits are converted in one word, the others one by one (for
 * the short heads of ids and times that is faster than a second word).
 */
static inline __attribute__((always_inline)) const char *
scan_uint(const char *p, uint64_t *v)
{
	const char *q;
	uint64_t x = 0, w;
	int n;

	memcpy(&w, p, 8);
	if ((n = lead_count(w)) < 8)
		q = p + n;
	else {
		memcpy(&w, p + 8, 8);
		if ((n = lead_count(w)) < 8)
			q = p + 8 + n;
		else {	/* 16 or more: microsecond times */
			memcpy(&w, p + 16, 8);
			if ((n = lead_count(w)) > 2)
				return NULL;	/* over 18: general path */
			q = p + 16 + n;
		}
	}
	if (q == p)
		return NULL;
	if (q - p >= 8) {
		for (; p < q - 8; p++)
			x = x * 10 + (uint64_t)(*p - '0');
		memcpy(&w, q - 8, 8);
		*v = x * 100000000 + lead_digits(w, 8);
		return q;
	}
	for (; p < q; p++)
		x = x * 10 + (uint64_t)(*p - '0');
	*v = x;
	return q;
}

/*
 * A plain unsigned decimal "123.45" of at most 18 digits as m / 10^*scale;
 * NULL when it is anything else (the general path then decides).  (Digit
 * by digit: prices and sizes are short, and a word at a time was slower.)
 */
static inline __attribute__((always_inline)) const char *
scan_udec(const char *p, uint64_t *m, int *scale)
{
	const char *q = p, *dot;
	uint64_t x = 0;
	int nd;

	while ((unsigned)(*q - '0') < 10)
		x = x * 10 + (uint64_t)(*q++ - '0');
	nd = (int)(q - p);
	*scale = 0;
	if (*q == '.') {
		dot = ++q;
		while ((unsigned)(*q - '0') < 10)
			x = x * 10 + (uint64_t)(*q++ - '0');
		*scale = (int)(q - dot);
		nd += *scale;
	}
	if (nd == 0 || nd > 18 || *q == 'e' || *q == 'E')
		return NULL;
	*m = x;
	return q;
}

static inline const char *
scan_bool(const char *p, int *v)
{
	if ((p[0] == 't' || p[0] == 'T') && p[1] == 'r' && p[2] == 'u' &&
	    p[3] == 'e') {
		*v = 1;
		return p + 4;
	}
	if ((p[0] == 'f' || p[0] == 'F') && p[1] == 'a' && p[2] == 'l' &&
	    p[3] == 's' && p[4] == 'e') {
		*v = 0;
		return p + 5;
	}
	return NULL;
}

/*
 * The fused aggTrades row: returns the byte after the row's '\n', or NULL
 * when the row needs the general path (which explains what is wrong).
 * *pause is set when the row's time is past limit (nothing applied).
 */
static inline __attribute__((always_inline)) const char *
fast_aggtrade(struct src *s, struct ctx *c, const char *p, const char *end,
    int64_t limit, int *pause, int *rc, struct liq_error *e)
{
	uint64_t id, first, last, traw, pmu, qmu;
	int maker, best, ps, qs;
	int64_t t;

	(void)end;
	if ((p = scan_uint(p, &id)) == NULL || *p++ != ',')
		return NULL;
	if ((p = scan_udec(p, &pmu, &ps)) == NULL || *p++ != ',' ||
	    pmu == 0 || pmu >= (UINT64_C(1) << 53))
		return NULL;
	if ((p = scan_udec(p, &qmu, &qs)) == NULL || *p++ != ',' ||
	    qmu == 0 || qmu >= (UINT64_C(1) << 53))
		return NULL;
	if ((p = scan_uint(p, &first)) == NULL || *p++ != ',' ||
	    (p = scan_uint(p, &last)) == NULL || *p++ != ',' || last < first ||
	    (p = scan_uint(p, &traw)) == NULL || *p++ != ',' ||
	    (p = scan_bool(p, &maker)) == NULL)
		return NULL;
	if (*p == ',') {
		if (s->ncols != 8 || (p = scan_bool(p + 1, &best)) == NULL)
			return NULL;
	} else if (s->ncols != 7)
		return NULL;
	if (*p == '\r')
		p++;
	if (*p != '\n')
		return NULL;
	t = s->tdiv == 1 ? (int64_t)traw : to_ms(s, (int64_t)traw);
	if (t < T_MIN || t >= T_MAX)
		return NULL;
	if (t > limit) {
		s->next_ts = t;
		*pause = 1;
		return p + 1;
	}
	if ((*rc = fast_trade(s, c, t, (int64_t)id, maker, pmu, ps, qmu, qs,
	    last - first + 1, e)) != 0)
		return NULL;
	return p + 1;
}

/*
 * Bytes of v that are zero get their high bit set (exact: no carries
 * between bytes).
 */
static inline __attribute__((always_inline)) uint64_t
zero_bytes(uint64_t v)
{
	const uint64_t lo7 = UINT64_C(0x7F7F7F7F7F7F7F7F);

	return ~(((v & lo7) + lo7) | v) & ~lo7;
}

/*
 * a[0..n) == b[0..n), inline, a word at a time; reads the whole words
 * that hold them (the row buffer has slack, the symbol is a 32-byte
 * array).
 */
static inline __attribute__((always_inline)) int
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	if (n == 0)
		return 1;
	/* the last 1..7 bytes: a word each, the bytes past n masked off */
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	return ((x ^ y) & ((UINT64_C(1) << (8 * n)) - 1)) == 0;
}


/*
 * How many bytes of m have their high bit set (m has no other bits):
 * one multiplication, where __builtin_popcountll is a library call on
 * x86-64 builds without -mpopcnt (it was 10 % of the Bybit parser).
 */
static inline __attribute__((always_inline)) int
high_bits(uint64_t m)
{
	return (int)(((m >> 7) * UINT64_C(0x0101010101010101)) >> 56);
}

#ifdef __SSE2__
/* Set bits in bytes 0..255, for counting the bits of a 16-bit mask. */
static const unsigned char bits8[256] = {
#define B2(n)	n, n + 1, n + 1, n + 2
#define B4(n)	B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n)	B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
	B6(0), B6(1), B6(1), B6(2)
#undef B2
#undef B4
#undef B6
};

/*
 * The end of the line at p (its '\n') and the commas before it, sixteen
 * bytes at a time (the input buffers have slack past the last line);
 * NULL if the rest has a '"' (a quoted field: the general path splits
 * it).
 */
static inline __attribute__((always_inline)) const char *
scan_rest(const char *p, int *commas)
{
	const __m128i nl = _mm_set1_epi8('\n'), cm = _mm_set1_epi8(',');
	const __m128i qu = _mm_set1_epi8('"');
	int n = 0;

	for (;; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
		unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cm));
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, qu));

		if (m != 0) {
			unsigned before = (1u << __builtin_ctz(m)) - 1;

			if ((q & before) != 0)
				return NULL;
			c &= before;
			*commas = n + bits8[c & 255] + bits8[c >> 8];
			return p + __builtin_ctz(m);
		}
		if (q != 0)
			return NULL;
		n += bits8[c & 255] + bits8[c >> 8];
	}
}
#else
/*
 * The end of the line at p (its '\n') and the commas before it, eight
 * bytes at a time (the input buffers have slack past the last line);
 * NULL if the rest has a '"'.
 */
static inline __attribute__((always_inline)) const char *
scan_rest(const char *p, int *commas)
{
	const uint64_t nl = UINT64_C(0x0a0a0a0a0a0a0a0a);
	const uint64_t cm = UINT64_C(0x2c2c2c2c2c2c2c2c);
	const uint64_t qu = UINT64_C(0x2222222222222222);
	int n = 0;

	for (;; p += 8) {
		uint64_t v, m, c, q;

		memcpy(&v, p, 8);
		m = zero_bytes(v ^ nl);
		c = zero_bytes(v ^ cm);
		q = zero_bytes(v ^ qu);
		if (m != 0) {
			uint64_t before = (UINT64_C(1) <<
			    __builtin_ctzll(m)) - 1;	/* 8 * index + 7 */

			if ((q & before) != 0)
				return NULL;
			*commas = n + high_bits(c & before);
			return p + (__builtin_ctzll(m) >> 3);
		}
		if (q != 0)
			return NULL;
		n += high_bits(c);
	}
}
#endif

/*
 * The fused Bybit row (timestamp,symbol,side,size,price, then columns
 * not needed here, which are only counted).  Like fast_aggtrade: NULL
 * sends the row to the general path.
 */
static inline __attribute__((always_inline)) const char *
fast_bybit(struct src *s, struct ctx *c, const char *p, int64_t limit,
    int *pause, int *rc, struct liq_error *e)
{
	uint64_t sec, pmu, qmu, ms, w;
	uint32_t w4;
	const char *nl;
	int side, ps, qs, nd, k, commas;
	int64_t t;

	if ((p = scan_uint(p, &sec)) == NULL || *p++ != '.')
		return NULL;
	/* the fraction, 1..7 digits, truncated to milliseconds */
	memcpy(&w, p, 8);
	if ((nd = lead_count(w)) == 0 || nd == 8)
		return NULL;
	k = nd < 3 ? nd : 3;
	ms = lead_digits(w, k) * (uint64_t)liq__pow10i[3 - k];
	p += nd;
	if (*p++ != ',')
		return NULL;
	if (c->mkt->symbol_len > 0) {
		/* the market's symbol, then ',' (the buffer has slack) */
		if (!same_bytes(p, c->mkt->symbol, c->mkt->symbol_len))
			return NULL;
		p += c->mkt->symbol_len;
	} else
		while (*p != ',' && *p != '\n')
			p++;
	if (*p++ != ',')
		return NULL;
	memcpy(&w4, p, 4);
	if (w4 == word4("Buy,")) {
		side = 0;
		p += 4;
	} else if (w4 == word4("Sell") && p[4] == ',') {
		side = 1;
		p += 5;
	} else
		return NULL;
	if ((p = scan_udec(p, &qmu, &qs)) == NULL || *p++ != ',' ||
	    qmu == 0 || qmu >= (UINT64_C(1) << 53))
		return NULL;
	if ((p = scan_udec(p, &pmu, &ps)) == NULL || pmu == 0 ||
	    pmu >= (UINT64_C(1) << 53))
		return NULL;
	if (*p == '\n' || *p == '\r') {
		nl = *p == '\r' ? p + 1 : p;
		commas = 0;
		if (*nl != '\n')
			return NULL;
	} else if (*p++ != ',')
		return NULL;
	else {
		if ((nl = scan_rest(p, &commas)) == NULL)
			return NULL;
		commas++;	/* the one after the price */
	}
	if (commas != s->ncols - 5)
		return NULL;
	t = (int64_t)sec * 1000 + (int64_t)ms;
	if (t < T_MIN || t >= T_MAX)
		return NULL;
	if (t > limit) {
		s->next_ts = t;
		*pause = 1;
		return nl + 1;
	}
	if ((*rc = fast_trade(s, c, t, s->line, side, pmu, ps, qmu, qs, 1,
	    e)) != 0)
		return NULL;
	return nl + 1;
}

/* ------------------------------------------------------------- driver */

static int
bad_row(struct src *s, struct ctx *c, int rc, struct liq_error *e)
{
	(void)s;
	if (!c->skip_bad || (rc != LIQ_EDATA && rc != LIQ_EORDER))
		return rc;
	if (c->nbad < LIQ_MAX_BAD_KEPT)
		c->bad[c->nbad] = *e;
	c->nbad++;
	liq_error_clear(e);
	return 0;
}

/*
 * Process rows of s while their time is <= limit.  Returns 1 when paused
 * (s->next_ts is the next row's time), 0 at the end of the file, or a
 * negative code.
 */
int
liq__src_run(struct src *s, struct ctx *c, int64_t limit,
    struct liq_error *e)
{
	const char *l, *nl;
	size_t n;
	int rc;

	for (;;) {
		if (s->bpos >= s->blen) {
			rc = liq_input_lines(s->in, &s->blk, &s->blen, e);
			if (rc <= 0)
				return rc;
			s->bpos = 0;
			if (c->progress != NULL &&
			    c->rows - c->reported >= 1000000) {
				c->reported = c->rows;
				c->progress(c->progress_arg, s->path, c->rows);
			}
		}
		if (s->fast && s->line > 0 && (s->fast == 1 || c->sym_plain)) {
			/* the hot loop: whole block of aggTrades rows */
			const char *p = s->blk + s->bpos;
			const char *end = s->blk + s->blen;
			uint64_t taken = 0;
			int pause = 0;

			rc = 0;

			while (p < end) {
				const char *q;

				s->line++;	/* the row being read */
				q = s->fast == 2 ? fast_bybit(s, c, p, limit,
				    &pause, &rc, e) : fast_aggtrade(s, c, p, end,
				    limit, &pause, &rc, e);
				if (q == NULL || pause) {
					s->line--;
					break;
				}
				p = q;
				taken++;
			}
			c->rows += taken;
			c->fused += taken;
			s->bpos = (size_t)(p - s->blk);
			if (pause)
				return 1;
			if (p >= end)
				continue;
			if (rc != 0 && rc != LIQ_EDATA && rc != LIQ_EORDER)
				return rc;
			if (rc != 0) {
				/* an order error from the fast path: skip it? */
				s->line++;
				nl = memchr(p, '\n', (size_t)(end - p));
				s->bpos = (size_t)(nl + 1 - s->blk);
				if ((rc = bad_row(s, c, rc, e)) != 0)
					return rc;
				continue;
			}
			/* fall through to the general path for this row */
		}
		l = s->blk + s->bpos;
		nl = memchr(l, '\n', s->blen - s->bpos);
		n = (size_t)(nl - l);
		s->line++;
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (s->line == 1 && s->has_header) {
			s->bpos += (size_t)(nl - l) + 1;
			continue;
		}
		if (n == 0) {
			s->bpos += (size_t)(nl - l) + 1;
			continue;
		}
		rc = general_row(s, c, l, n, limit, e);
		if (rc == 1) {
			s->line--;	/* read again when resumed */
			return 1;
		}
		s->bpos += (size_t)(nl - l) + 1;
		c->rows++;
		if (rc < 0 && (rc = bad_row(s, c, rc, e)) != 0)
			return rc;
	}
}
