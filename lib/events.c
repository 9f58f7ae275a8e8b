/*
 * events.c - realized liquidation events with prices, read from a whole
 * file into a time-sorted array (lib/liq_events.h, man/liq-events.5):
 * Bybit liquidation records, Tardis.dev liquidations, Binance
 * liquidationSnapshot dumps and forceOrder records (JSON lines or CSV),
 * and any CSV by a column map.  Lines come from the input layer
 * (lib/input.c: plain, gzip, zip) and are split by lib/csv.c; the JSON
 * of forceOrder records is read by the small scanner in events_json.c.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_int.h"
#include "events_int.h"
#include "liq_events.h"
#include "num_int.h"

/* Rows must be dated between 2009-01-01 and 2100-01-01 (as ingest's). */
#define EV_T_MIN	INT64_C(1230768000000)
#define EV_T_MAX	INT64_C(4102444800000)
#define EV_NOTIONAL_MAX	1e12
#define EV_REPEAT_MS	60000

static const char *const fmt_names[] = { "auto", "bybit", "tardis",
    "binance-snapshot", "binance-forceorder", "map" };

const char *
liq_events_format_name(int fmt)
{
	if (fmt < 0 || fmt > LIQ_EVFMT_MAP)
		return "?";
	return fmt_names[fmt];
}

/* ------------------------------------------------------------- the spec */

/* Map keys (the logical columns C_*, lib/events_int.h) by name. */
static const char *const map_keys[NCOL] = { "time", "side", "price",
    "qty", "notional", "symbol", NULL, NULL, NULL };

static int
spec_err(struct liq_error *e, const char *p, size_t n, const char *msg)
{
	return liq_error_set(e, LIQ_EARG, NULL, 0, "events spec", p, n, "%s",
	    msg);
}

/* Copy p[0..n) into dst (cap bytes) or fail. */
static int
spec_copy(char *dst, size_t cap, const char *p, size_t n,
    struct liq_error *e)
{
	if (n == 0 || n >= cap)
		return spec_err(e, p, n, n == 0 ? "empty value" :
		    "value too long");
	memcpy(dst, p, n);
	dst[n] = '\0';
	return 0;
}

/*
 * Parse spec (lib/liq_events.h) into sp: a format name, or key=value
 * pairs separated by commas.
 */
int
liq__events_spec(struct ev_spec *sp, const char *spec, struct liq_error *e)
{
	const char *p = spec;
	int k, fmt, any_col = 0;

	memset(sp, 0, sizeof(*sp));
	sp->fmt = LIQ_EVFMT_AUTO;
	sp->price_kind = -1;
	if (spec == NULL)
		return 0;
	while (*p != '\0') {
		const char *end = p + strcspn(p, ",");
		const char *eq = memchr(p, '=', (size_t)(end - p));
		size_t kl, vl;
		const char *v;

		if (eq == NULL) {
			/* a bare word: a format name */
			for (fmt = LIQ_EVFMT_BYBIT; fmt < LIQ_EVFMT_MAP; fmt++)
				if (strlen(fmt_names[fmt]) == (size_t)(end - p) &&
				    memcmp(fmt_names[fmt], p, (size_t)(end - p))
				    == 0)
					break;
			if (fmt == LIQ_EVFMT_MAP || sp->fmt != LIQ_EVFMT_AUTO)
				return spec_err(e, p, (size_t)(end - p),
				    fmt == LIQ_EVFMT_MAP ? "not a format "
				    "(bybit, tardis, binance-snapshot, "
				    "binance-forceorder) nor KEY=VALUE" :
				    "a second format");
			sp->fmt = fmt;
			goto next;
		}
		kl = (size_t)(eq - p);
		v = eq + 1;
		vl = (size_t)(end - v);
		for (k = 0; k < NCOL; k++)
			if (map_keys[k] != NULL && strlen(map_keys[k]) == kl &&
			    memcmp(map_keys[k], p, kl) == 0)
				break;
		if (k < NCOL) {
			if (sp->col[k][0] != '\0')
				return spec_err(e, p, kl, "given twice");
			if (spec_copy(sp->col[k], sizeof(sp->col[k]), v, vl, e))
				return LIQ_EARG;
			any_col = 1;
		} else if (kl == 4 && memcmp(p, "long", 4) == 0) {
			if (spec_copy(sp->long_v, sizeof(sp->long_v), v, vl, e))
				return LIQ_EARG;
		} else if (kl == 5 && memcmp(p, "short", 5) == 0) {
			if (spec_copy(sp->short_v, sizeof(sp->short_v), v, vl,
			    e))
				return LIQ_EARG;
		} else if (kl == 8 && memcmp(p, "contract", 8) == 0) {
			if (liq_parse_double(v, vl, &sp->contract) != 0 ||
			    !(sp->contract > 0) || sp->contract > 1e9)
				return spec_err(e, v, vl, "contract: not a "
				    "positive number (quote currency per "
				    "contract)");
		} else if (kl == 10 && memcmp(p, "price-kind", 10) == 0) {
			if (vl == 4 && memcmp(v, "fill", 4) == 0)
				sp->price_kind = LIQ_EVPRICE_FILL;
			else if (vl == 10 && memcmp(v, "bankruptcy", 10) == 0)
				sp->price_kind = LIQ_EVPRICE_BANKRUPTCY;
			else
				return spec_err(e, v, vl, "price-kind: not "
				    "fill or bankruptcy");
		} else
			return spec_err(e, p, kl, "unknown key (time, side, "
			    "price, qty, notional, symbol, long, short, "
			    "contract, price-kind)");
next:
		p = *end ? end + 1 : end;
	}
	if (any_col || sp->long_v[0] || sp->short_v[0]) {
		if (sp->fmt != LIQ_EVFMT_AUTO)
			return spec_err(e, spec, SIZE_MAX, "a format name "
			    "and a column map together");
		sp->fmt = LIQ_EVFMT_MAP;
		if (sp->col[C_TIME][0] == '\0' ||
		    sp->col[C_SIDE][0] == '\0' ||
		    sp->col[C_PRICE][0] == '\0')
			return spec_err(e, spec, SIZE_MAX, "a map needs "
			    "time=, side= and price=");
		if (sp->col[C_QTY][0] == '\0' &&
		    sp->col[C_NOTIONAL][0] == '\0')
			return spec_err(e, spec, SIZE_MAX, "a map needs qty= "
			    "or notional=");
	}
	return 0;
}

/* ------------------------------------------------------------- the set */

static int
push(struct liq_events *ev, const struct liq_event *x)
{
	if (ev->n == ev->cap) {
		size_t nc = ev->cap ? ev->cap * 2 : 1024;
		struct liq_event *p;

		if (nc > SIZE_MAX / sizeof(*p))
			return LIQ_ENOMEM;
		if ((p = realloc(ev->ev, nc * sizeof(*p))) == NULL)
			return LIQ_ENOMEM;
		ev->ev = p;
		ev->cap = nc;
	}
	ev->ev[ev->n++] = *x;
	return 0;
}

void
liq_events_free(struct liq_events *ev)
{
	if (ev == NULL)
		return;
	free(ev->ev);
	free(ev);
}

size_t
liq_events_count(const struct liq_events *ev)
{
	return ev->n;
}

const struct liq_event *
liq_events_array(const struct liq_events *ev)
{
	return ev->ev;
}

size_t
liq_events_lower_bound(const struct liq_events *ev, int64_t t)
{
	size_t lo = 0, hi = ev->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ev->ev[mid].time_ms < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
liq_events_format(const struct liq_events *ev)
{
	return ev->fmt;
}

int
liq_events_price_kind(const struct liq_events *ev)
{
	return ev->price_kind;
}

const char *
liq_events_symbol(const struct liq_events *ev)
{
	return ev->symbol;
}

const char *
liq_events_venue(const struct liq_events *ev)
{
	return ev->venue;
}

uint64_t
liq_events_repeats(const struct liq_events *ev)
{
	return ev->repeats;
}

/* ------------------------------------------------------- field checks */

int
liq__ev_err(struct ev_reader *r, struct liq_error *e, int c,
    const char *text, size_t n, const char *msg)
{
	return liq_error_set(e, LIQ_EDATA, r->path, r->line,
	    c >= 0 ? r->cname[c] : NULL, text, n, "%s", msg);
}

/*
 * A time: epoch digits (seconds below 1e11, milliseconds below 1e14,
 * microseconds below 1e17, else nanoseconds), seconds with a fraction,
 * or ISO 8601; in ms between 2009 and 2100.
 */
int
liq__ev_time(struct ev_reader *r, int c, const char *p, size_t n,
    int64_t *ms, struct liq_error *e)
{
	int64_t v;
	double d;
	size_t i;
	int digits = n > 0, dot = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '.' && !dot && i > 0 && i + 1 < n)
			dot = 1;
		else if (p[i] < '0' || p[i] > '9')
			digits = 0;
	}
	if (digits && !dot) {
		if (liq_parse_int64(p, n, &v) != 0)
			return liq__ev_err(r, e, c, p, n, "not a time");
		if (v < INT64_C(100000000000))
			v *= 1000;
		else if (v >= INT64_C(100000000000000000))
			v /= 1000000;
		else if (v >= INT64_C(100000000000000))
			v /= 1000;
	} else if (digits) {
		if (liq_parse_double(p, n, &d) != 0 || !(d < 1e11))
			return liq__ev_err(r, e, c, p, n, "not a time");
		v = (int64_t)floor(d * 1000 + 1e-6);
	} else if (liq_parse_time(p, n, &v) != 0)
		return liq__ev_err(r, e, c, p, n, "not a time (epoch s, ms, "
		    "us or ns, or ISO 8601)");
	if (v < EV_T_MIN || v >= EV_T_MAX)
		return liq__ev_err(r, e, c, p, n, "time out of range (before "
		    "2009 or after 2099)");
	*ms = v;
	return 0;
}

/* A number > 0 and at most max (min: the smallest plausible one). */
int
liq__ev_pos(struct ev_reader *r, int c, const char *p, size_t n,
    double min, double max, double *out, struct liq_error *e)
{
	double v;
	char msg[96];

	if (n == 0)
		return liq__ev_err(r, e, c, p, n, "empty");
	if (liq_parse_double(p, n, &v) != 0)
		return liq__ev_err(r, e, c, p, n, "not a number");
	if (!(v > 0))
		return liq__ev_err(r, e, c, p, n, "not positive");
	if (v < min || v > max) {
		snprintf(msg, sizeof(msg), "out of range (%g to %g)",
		    min > 0 ? min : 0, max);
		return liq__ev_err(r, e, c, p, n, msg);
	}
	*out = v;
	return 0;
}

/*
 * The side by the format's words (r->long_v / r->short_v, compared
 * without case); when a map gives only one of them, every other
 * non-empty value is the other side.
 */
int
liq__ev_side(struct ev_reader *r, int c, const char *p, size_t n,
    int *side, struct liq_error *e)
{
	char msg[128];
	size_t nl = strlen(r->long_v), ns = strlen(r->short_v);

	if (n > 0 && nl == n && strncasecmp(p, r->long_v, n) == 0)
		*side = LIQ_EVENT_LONG;
	else if (n > 0 && ns == n && strncasecmp(p, r->short_v, n) == 0)
		*side = LIQ_EVENT_SHORT;
	else if (n > 0 && nl == 0)
		*side = LIQ_EVENT_LONG;
	else if (n > 0 && ns == 0)
		*side = LIQ_EVENT_SHORT;
	else {
		if (nl && ns)
			snprintf(msg, sizeof(msg), "not %s (a long "
			    "liquidated) or %s (a short)", r->long_v,
			    r->short_v);
		else
			snprintf(msg, sizeof(msg), "empty");
		return liq__ev_err(r, e, c, p, n, msg);
	}
	return 0;
}

/*
 * The symbol of a row: the first one becomes the set's; another is an
 * error (a file of several markets would be scored on one grid).
 */
int
liq__ev_symbol(struct ev_reader *r, int c, const char *p, size_t n,
    struct liq_error *e)
{
	struct liq_events *ev = r->ev;
	char msg[96];

	if (n == 0)
		return liq__ev_err(r, e, c, p, n, "empty");
	if (!r->have_symbol) {
		if (n >= sizeof(ev->symbol))
			return liq__ev_err(r, e, c, p, n, "too long");
		memcpy(ev->symbol, p, n);
		ev->symbol[n] = '\0';
		r->have_symbol = 1;
		if ((ev->fmt == LIQ_EVFMT_BINANCE_SNAPSHOT ||
		    ev->fmt == LIQ_EVFMT_BINANCE_FORCEORDER) &&
		    r->contract == 0)
			r->contract = liq__coinm_contract(ev->symbol);
		return 0;
	}
	if (strlen(ev->symbol) == n && memcmp(ev->symbol, p, n) == 0)
		return 0;
	snprintf(msg, sizeof(msg), "a second symbol (the first rows are "
	    "%s): give one symbol per file", ev->symbol);
	return liq__ev_err(r, e, c, p, n, msg);
}

/*
 * Finish an event from its fields: qty (may be NaN when the notional is
 * given), notional (NaN: price x qty), contracts when r->contract > 0.
 */
int
liq__ev_add(struct ev_reader *r, int64_t t, int side, double px, double qty,
    double notional, struct liq_error *e)
{
	struct liq_event x;

	if (isnan(notional)) {
		if (r->contract > 0) {
			notional = qty * r->contract;
			qty = notional / px;
		} else
			notional = px * qty;
	} else if (isnan(qty) || r->contract > 0)
		qty = notional / px;	/* the file's notional stands */
	if (!(notional > 0) || notional > EV_NOTIONAL_MAX || !isfinite(qty))
		return liq_error_set(e, LIQ_EDATA, r->path, r->line,
		    r->cname[C_QTY], NULL, 0, "notional %g out of range "
		    "(0 to %g)", notional, EV_NOTIONAL_MAX);
	x.time_ms = t;
	x.side = side;
	x.price = px;
	x.qty_base = qty;
	x.notional_quote = notional;
	x.line = r->line;
	if (push(r->ev, &x) != 0)
		return liq_error_set(e, LIQ_ENOMEM, r->path, r->line, NULL,
		    NULL, 0, "out of memory");
	return 0;
}

/* An exact repeat of a line read within the last minute (then 1). */
static int
repeat(struct ev_reader *r, const char *l, size_t n, int64_t t)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)l[i]) * 1099511628211ULL;
	for (i = 0; i < 1024; i++)
		if (r->ring_h[i] == h && r->ring_t[i] != 0 &&
		    llabs(r->ring_t[i] - t) <= EV_REPEAT_MS)
			return 1;
	r->ring_h[r->ring_pos] = h;
	r->ring_t[r->ring_pos] = t;
	r->ring_pos = (r->ring_pos + 1) % 1024;
	return 0;
}

/* ------------------------------------------------------- CSV formats */

#define FLD(r, c)	(r)->f.p[(r)->col[c]], (r)->f.len[(r)->col[c]]
#define HAS(r, c)	((r)->col[c] >= 0)

/*
 * The venue of a Tardis exchange id as bars files name it: the id up to
 * its first '-' (binance-futures: binance), okex: okx, and
 * binance-delivery (COIN-M): binance-cm.
 */
static void
tardis_venue(char *dst, size_t cap, const char *x, size_t n)
{
	size_t k = 0;

	while (k < n && x[k] != '-')
		k++;
	if (n >= 16 && memcmp(x, "binance-delivery", 16) == 0)
		snprintf(dst, cap, "binance-cm");
	else if (k == 4 && memcmp(x, "okex", 4) == 0)
		snprintf(dst, cap, "okx");
	else
		snprintf(dst, cap, "%.*s", (int)(k < cap ? k : cap - 1), x);
}

/* One CSV row of any format (the columns are mapped). */
static int
csv_row(struct ev_reader *r, const char *l, size_t n, struct liq_error *e)
{
	int64_t t;
	int side, rc;
	double px, qty = NAN, notional = NAN, v;

	if ((rc = liq__ev_time(r, C_TIME, FLD(r, C_TIME), &t, e)) ||
	    (rc = liq__ev_side(r, C_SIDE, FLD(r, C_SIDE), &side, e)))
		return rc;
	if (HAS(r, C_SYMBOL) &&
	    (rc = liq__ev_symbol(r, C_SYMBOL, FLD(r, C_SYMBOL), e)))
		return rc;
	if (HAS(r, C_EXCH) && !r->have_venue) {
		tardis_venue(r->ev->venue, sizeof(r->ev->venue),
		    FLD(r, C_EXCH));
		r->have_venue = 1;
	}
	/* Binance: the average fill price and the filled quantity when
	 * the order filled, else the order's price and quantity */
	if (HAS(r, C_AVG) && r->f.len[r->col[C_AVG]] > 0 &&
	    liq_parse_double(FLD(r, C_AVG), &v) == 0 && v > 0)
		rc = liq__ev_pos(r, C_AVG, FLD(r, C_AVG), LIQ_EV_PRICE_MIN,
		    LIQ_EV_PRICE_MAX, &px, e);
	else
		rc = liq__ev_pos(r, C_PRICE, FLD(r, C_PRICE), LIQ_EV_PRICE_MIN,
		    LIQ_EV_PRICE_MAX, &px, e);
	if (rc)
		return rc;
	if (HAS(r, C_FILLED) && r->f.len[r->col[C_FILLED]] > 0 &&
	    liq_parse_double(FLD(r, C_FILLED), &v) == 0 && v > 0)
		rc = liq__ev_pos(r, C_FILLED, FLD(r, C_FILLED), 0,
		    LIQ_EV_QTY_MAX, &qty, e);
	else if (HAS(r, C_QTY))
		rc = liq__ev_pos(r, C_QTY, FLD(r, C_QTY), 0, LIQ_EV_QTY_MAX, &qty,
		    e);
	if (rc)
		return rc;
	if (HAS(r, C_NOTIONAL) && (rc = liq__ev_pos(r, C_NOTIONAL,
	    FLD(r, C_NOTIONAL), 0, EV_NOTIONAL_MAX, &notional, e)))
		return rc;
	if (r->dedup && repeat(r, l, n, t)) {
		r->ev->repeats++;
		return 0;
	}
	return liq__ev_add(r, t, side, px, qty, notional, e);
}

/* The header column named name, or -1. */
static int
find_col(const struct liq_fields *h, const char *name)
{
	int j;

	for (j = 0; j < h->n; j++)
		if (liq__field_is(h, j, name))
			return j;
	return -1;
}

/* A format's columns by header name (NULL: the column is not used). */
struct fmt_cols {
	int fmt;
	const char *name[NCOL];
	unsigned required;	/* bits of C_* */
};

#define B(c)	(1u << (c))
static const struct fmt_cols fmt_cols[] = {
	{ LIQ_EVFMT_BYBIT, { "ts_ms", "side", "price", "qty", NULL,
	    "symbol", NULL, NULL, NULL },
	    B(C_TIME) | B(C_SIDE) | B(C_PRICE) | B(C_QTY) },
	{ LIQ_EVFMT_TARDIS, { "timestamp", "side", "price", "amount", NULL,
	    "symbol", "exchange", NULL, NULL },
	    B(C_TIME) | B(C_SIDE) | B(C_PRICE) | B(C_QTY) | B(C_EXCH) },
	{ LIQ_EVFMT_BINANCE_SNAPSHOT, { "time", "side", "price",
	    "original_quantity", NULL, "symbol", NULL,
	    "accumulated_fill_quantity", "average_price" },
	    B(C_TIME) | B(C_SIDE) | B(C_PRICE) | B(C_QTY) },
	{ LIQ_EVFMT_BINANCE_FORCEORDER, { "T", "S", "p", "q", NULL, "s",
	    NULL, "z", "ap" },
	    B(C_TIME) | B(C_SIDE) | B(C_PRICE) | B(C_QTY) },
};
#undef B

/* The format a header is, or AUTO: by its marker columns. */
static int
header_format(const struct liq_fields *h)
{
	if (find_col(h, "ts_ms") >= 0 && find_col(h, "side") >= 0 &&
	    find_col(h, "qty") >= 0)
		return LIQ_EVFMT_BYBIT;
	if (find_col(h, "local_timestamp") >= 0 &&
	    find_col(h, "amount") >= 0)
		return LIQ_EVFMT_TARDIS;
	if (find_col(h, "order_type") >= 0 &&
	    find_col(h, "average_price") >= 0)
		return LIQ_EVFMT_BINANCE_SNAPSHOT;
	if (find_col(h, "S") >= 0 && find_col(h, "ap") >= 0)
		return LIQ_EVFMT_BINANCE_FORCEORDER;
	return LIQ_EVFMT_AUTO;
}

/* The side words and price kind of a format. */
static void
format_terms(struct ev_reader *r, int fmt)
{
	const char *lv = "SELL", *sv = "BUY";

	r->ev->price_kind = LIQ_EVPRICE_FILL;
	switch (fmt) {
	case LIQ_EVFMT_BYBIT:
		lv = "Buy";	/* Bybit's position side */
		sv = "Sell";
		r->ev->price_kind = LIQ_EVPRICE_BANKRUPTCY;
		snprintf(r->ev->venue, sizeof(r->ev->venue), "bybit");
		break;
	case LIQ_EVFMT_TARDIS:
		lv = "sell";	/* the liquidation order's side */
		sv = "buy";
		break;
	case LIQ_EVFMT_MAP:
		lv = "long";
		sv = "short";
		break;
	default:	/* Binance: the liquidation order's side */
		snprintf(r->ev->venue, sizeof(r->ev->venue), "binance");
		break;
	}
	snprintf(r->long_v, sizeof(r->long_v), "%s", lv);
	snprintf(r->short_v, sizeof(r->short_v), "%s", sv);
}

/* Columns of header h by format fmt (or the map). */
static int
map_header(struct ev_reader *r, const struct ev_spec *sp, int fmt,
    const char *l, size_t n, struct liq_error *e)
{
	const struct fmt_cols *fc = NULL;
	size_t i;
	int c;

	for (c = 0; c < NCOL; c++)
		r->col[c] = -1;
	if (fmt == LIQ_EVFMT_MAP) {
		for (c = 0; c < NCOL; c++) {
			if (sp->col[c][0] == '\0')
				continue;
			if ((r->col[c] = find_col(&r->f, sp->col[c])) < 0)
				return liq_error_set(e, LIQ_EFORMAT, r->path,
				    r->line, map_keys[c], sp->col[c],
				    SIZE_MAX, "the header has no such column");
			r->cname[c] = sp->col[c];
		}
		return 0;
	}
	for (i = 0; i < sizeof(fmt_cols) / sizeof(fmt_cols[0]); i++)
		if (fmt_cols[i].fmt == fmt)
			fc = &fmt_cols[i];
	for (c = 0; c < NCOL; c++) {
		if (fc->name[c] == NULL)
			continue;
		r->cname[c] = fc->name[c];
		r->col[c] = find_col(&r->f, fc->name[c]);
		if (r->col[c] < 0 && (fc->required & (1u << c)))
			return liq_error_set(e, LIQ_EFORMAT, r->path, r->line,
			    fc->name[c], l, n, "a %s header without this "
			    "column", liq_events_format_name(fmt));
	}
	return 0;
}

/* Binance liquidationSnapshot rows without a header: 11 columns (USD-M,
 * with the symbol) or 10 (COIN-M, without). */
static int
headerless_snapshot(struct ev_reader *r)
{
	static const char *const um[] = { "time", "symbol", "side",
	    "order_type", "time_in_force", "original_quantity", "price",
	    "average_price", "order_status", "last_fill_quantity",
	    "accumulated_fill_quantity" };
	static const int cols[] = { C_TIME, C_SYMBOL, C_SIDE, -1, -1, C_QTY,
	    C_PRICE, C_AVG, -1, -1, C_FILLED };
	const struct liq_fields *f = &r->f;
	int off = f->n == 10 ? 1 : 0, j, c;

	if ((f->n != 11 && f->n != 10) || !(liq__field_is(f, 2 - off, "SELL")
	    || liq__field_is(f, 2 - off, "BUY")) || f->len[0] == 0 ||
	    f->p[0][0] < '0' || f->p[0][0] > '9')
		return 0;
	for (c = 0; c < NCOL; c++)
		r->col[c] = -1;
	for (j = 0; j < 11; j++) {
		if (off && j == 1)
			continue;
		if (cols[j] >= 0) {
			r->col[cols[j]] = j - (j > 1 ? off : 0);
			r->cname[cols[j]] = um[j];
		}
	}
	return 1;
}

/* The base of path without folders. */
static const char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/*
 * Binance COIN-M (inverse) symbols (BTCUSD_PERP, ETHUSD_240329) trade in
 * contracts of 100 USD for BTC and 10 USD for the other coins
 * (man/liq-events.5); 0 for the others.
 */
double
liq__coinm_contract(const char *sym)
{
	if (strstr(sym, "USD_") == NULL)
		return 0;
	return strncmp(sym, "BTC", 3) == 0 ? 100 : 10;
}

/* Binance rows without a symbol column: the symbol from the file name
 * (BTCUSD_PERP-liquidationSnapshot-2024-01-01.csv). */
static void
coinm_contract(struct ev_reader *r)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s", base_name(r->path));
	buf[strcspn(buf, "-")] = '\0';
	r->contract = liq__coinm_contract(buf);
}

/* ------------------------------------------------------------ reading */

static int
by_time(const void *a, const void *b)
{
	const struct liq_event *x = a, *y = b;

	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/*
 * The first line decides: JSON (forceOrder records), a header of a
 * known format (or the one spec names), Binance rows without a header.
 */
static int
first_line(struct ev_reader *r, const struct ev_spec *sp, const char *l,
    size_t n, struct liq_error *e)
{
	int fmt, rc;

	if (n > 0 && l[0] == '{') {
		if (sp->fmt != LIQ_EVFMT_AUTO &&
		    sp->fmt != LIQ_EVFMT_BINANCE_FORCEORDER)
			return liq_error_set(e, LIQ_EFORMAT, r->path, r->line,
			    NULL, l, n, "JSON, not %s",
			    liq_events_format_name(sp->fmt));
		r->json = 1;
		format_terms(r, LIQ_EVFMT_BINANCE_FORCEORDER);
		r->ev->fmt = LIQ_EVFMT_BINANCE_FORCEORDER;
		return 1;	/* a row: read it */
	}
	if (liq__split(&r->f, l, n) < 0)
		return liq_error_set(e, LIQ_EDATA, r->path, r->line, NULL, l,
		    n, "not a CSV line (a broken quote or over %d fields)",
		    LIQ_MAXF);
	if (sp->fmt != LIQ_EVFMT_MAP && headerless_snapshot(r)) {
		if (sp->fmt != LIQ_EVFMT_AUTO &&
		    sp->fmt != LIQ_EVFMT_BINANCE_SNAPSHOT)
			return liq_error_set(e, LIQ_EFORMAT, r->path, r->line,
			    NULL, l, n, "Binance liquidationSnapshot rows "
			    "without a header, not %s",
			    liq_events_format_name(sp->fmt));
		fmt = LIQ_EVFMT_BINANCE_SNAPSHOT;
		r->ncols = r->f.n;
		r->ev->fmt = fmt;
		format_terms(r, fmt);
		r->dedup = 1;
		if (r->col[C_SYMBOL] < 0)
			coinm_contract(r);
		return 1;
	}
	fmt = sp->fmt != LIQ_EVFMT_AUTO ? sp->fmt : header_format(&r->f);
	if (fmt == LIQ_EVFMT_AUTO)
		return liq_error_set(e, LIQ_EFORMAT, r->path, r->line, NULL, l,
		    n, "unknown header: not Bybit, Tardis or Binance "
		    "liquidations (for other CSVs give a map "
		    "time=COL,side=COL,price=COL,qty=COL)");
	/* Tardis trades have the liquidations' columns */
	if (fmt == LIQ_EVFMT_TARDIS && sp->fmt == LIQ_EVFMT_AUTO &&
	    strstr(base_name(r->path), "trades") != NULL)
		return liq_error_set(e, LIQ_EFORMAT, r->path, r->line, NULL,
		    NULL, 0, "a Tardis trades file, not liquidations (the "
		    "format name tardis reads it anyway)");
	r->ev->fmt = fmt;
	format_terms(r, fmt);
	if ((rc = map_header(r, sp, fmt, l, n, e)) != 0)
		return rc;
	r->ncols = r->f.n;
	r->dedup = fmt == LIQ_EVFMT_BINANCE_SNAPSHOT;
	if ((fmt == LIQ_EVFMT_BINANCE_SNAPSHOT ||
	    fmt == LIQ_EVFMT_BINANCE_FORCEORDER) && r->col[C_SYMBOL] < 0)
		coinm_contract(r);
	if (r->header == NULL || n > r->header_cap) {
		free(r->header);
		if ((r->header = malloc(n + 1)) == NULL)
			return liq_error_set(e, LIQ_ENOMEM, r->path, 0, NULL,
			    NULL, 0, "out of memory");
		r->header_cap = n;
	}
	memcpy(r->header, l, n);
	r->header_len = n;
	return 0;
}

static int
data_line(struct ev_reader *r, const char *l, size_t n, struct liq_error *e)
{
	if (r->json)
		return liq__ev_json_row(r, l, n, e);
	/* the header again: files joined with cat */
	if (r->header != NULL && n == r->header_len &&
	    memcmp(l, r->header, n) == 0)
		return 0;
	if (liq__split(&r->f, l, n) < 0)
		return liq_error_set(e, LIQ_EDATA, r->path, r->line, NULL, l,
		    n, "not a CSV line (a broken quote or over %d fields)",
		    LIQ_MAXF);
	if (r->f.n != r->ncols)
		return liq_error_set(e, LIQ_EDATA, r->path, r->line, NULL, l,
		    n, "%d fields where the %s has %d", r->f.n,
		    r->header ? "header" : "first row", r->ncols);
	return csv_row(r, l, n, e);
}

/* What the spec says over the format's terms. */
static void
apply_spec(struct ev_reader *r, const struct ev_spec *sp)
{
	if (sp->contract > 0)
		r->contract = sp->contract;
	if (sp->fmt == LIQ_EVFMT_MAP && (sp->long_v[0] || sp->short_v[0])) {
		snprintf(r->long_v, sizeof(r->long_v), "%s", sp->long_v);
		snprintf(r->short_v, sizeof(r->short_v), "%s", sp->short_v);
	}
}

int
liq_events_read(const char *path, const char *spec, struct liq_events **out,
    struct liq_error *e)
{
	struct ev_spec sp;
	struct ev_reader *r;
	struct liq_input *in = NULL;
	const char *p, *end;
	size_t n;
	int rc, first = 1;

	*out = NULL;
	if ((rc = liq__events_spec(&sp, spec, e)) != 0)
		return rc;
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->ev = calloc(1, sizeof(*r->ev))) == NULL) {
		free(r);
		return liq_error_set(e, LIQ_ENOMEM, path, 0, NULL, NULL, 0,
		    "out of memory");
	}
	if ((rc = liq_input_open(&in, path, e)) != 0)
		goto done;
	snprintf(r->path, sizeof(r->path), "%s", liq_input_name(in));
	while ((rc = liq_input_lines(in, &p, &n, e)) == 1) {
		end = p + n;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t ll = (size_t)(nl - p);

			r->line++;
			if (ll > 0 && p[ll - 1] == '\r')
				ll--;
			if (ll == 0) {
				p = nl + 1;
				continue;
			}
			if (first && ll >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
				p += 3;	/* a UTF-8 byte order mark */
				ll -= 3;
			}
			if (first) {
				first = 0;
				rc = first_line(r, &sp, p, ll, e);
				if (rc >= 0)
					apply_spec(r, &sp);
				if (rc == 0) {
					p = nl + 1;
					continue;
				}
				if (rc < 0)
					goto done;
			}
			if ((rc = data_line(r, p, ll, e)) != 0)
				goto done;
			p = nl + 1;
		}
	}
	if (rc < 0)
		goto done;
	rc = 0;
	if (first)
		rc = liq_error_set(e, LIQ_EDATA, r->path, 0, NULL, NULL, 0,
		    "empty: no header and no events");
	else if (r->ev->n == 0)
		rc = liq_error_set(e, LIQ_EDATA, r->path, r->line, NULL, NULL,
		    0, "no events");
	if (rc == 0) {
		if (sp.price_kind >= 0)
			r->ev->price_kind = sp.price_kind;
		qsort(r->ev->ev, r->ev->n, sizeof(*r->ev->ev), by_time);
		*out = r->ev;
		r->ev = NULL;
	}
done:
	liq_input_close(in);
	liq__fields_free(&r->f);
	free(r->header);
	liq_events_free(r->ev);
	free(r);
	return rc;
}
