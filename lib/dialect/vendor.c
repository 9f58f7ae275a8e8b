/*
 * vendor.c - bar CSVs of data vendors (CoinGlass and the like): one row
 * per bar with any of prices, volumes, trades, open interest, funding
 * and liquidations, in columns the user names with --map
 * ("time=ts,close=c,...") or a --preset.  The bar interval is the time
 * between the first two rows; the venue is --vendor-venue's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csv_int.h"
#include "dialect_int.h"
#include "rows_int.h"

/* Vendor map names (--map NAME=column). */
static const struct liq_colspec c_vendor[] = {
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

const char *
liq_ingest_preset(const char *name)
{
	if (strcmp(name, "coinglass") == 0)
		return "time=timestamp,open=price_open,high=price_high,"
		    "low=price_low,close=price_close,oi_quote=oi_close,"
		    "funding=funding_close,liq_long_quote=liquidation_long_usd,"
		    "liq_short_quote=liquidation_short_usd";
	return NULL;
}

/*
 * The columns of header s->f by --map: "name=column,name=column", each
 * name a bar field of c_vendor, each column one of the header's; what
 * the file provides follows from the fields mapped.
 */
/* Parse "name=column,name=column" into the vendor columns of header h. */
static int
columns_vendor(struct src *s, const char *line, size_t len, const char *map,
    struct liq_error *e)
{
	const struct liq_fields *h = &s->f;
	const char *p = map;

	(void)line;
	(void)len;
	liq__set_names(s, c_vendor);
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
	s->provides = (s->col[F_CLOSE] >= 0 ? LIQ_DATA_PRICE : 0) |
	    (s->col[F_OI_BASE] >= 0 || s->col[F_OI_QUOTE] >= 0 ?
	    LIQ_DATA_OI : 0) | (s->col[F_FUNDING] >= 0 ? LIQ_DATA_FUND : 0) |
	    (s->col[F_LIQ_LONG] >= 0 || s->col[F_LIQ_SHORT] >= 0 ?
	    LIQ_DATA_LIQ : 0);
	return 0;
}

/*
 * A map of open interest or funding only (no prices, volumes, trades or
 * liquidations): the rows are samples, each as of its own time, like
 * Binance's metrics, and go with the bars of the other inputs.
 */
static int
samples_only(const struct src *s)
{
	static const int bar[] = { F_OPEN, F_HIGH, F_LOW, F_CLOSE, F_BUY_BASE,
	    F_SELL_BASE, F_BUY_QUOTE, F_SELL_QUOTE, F_VOL_BASE, F_VOL_QUOTE,
	    F_TRADES, F_LIQ_LONG, F_LIQ_SHORT, F_LIQ_LONG_N, F_LIQ_SHORT_N };

	for (size_t i = 0; i < sizeof(bar) / sizeof(bar[0]); i++)
		if (s->col[bar[i]] >= 0)
			return 0;
	return 1;
}

/*
 * The unit of the funding column (man/liq-ingest.1, "Vendor bars"):
 * --funding-unit, or told from the whole file read once more beforehand
 * (it is small: one row per bar).  Of the rates other than 0, more than
 * half at 0.002 or more in size is percent (0.002% a funding interval is a
 * quiet market; a rate of 0.2% held that long is not), more than half at
 * 0.0005 or less a fraction; otherwise, or when the file cannot be read
 * twice (stdin), a fraction and a note for the user.
 */
#define PCT_AT_LEAST	0.002
#define FRAC_AT_MOST	0.0005
static int
funding_unit(struct src *s, struct liq_error *e)
{
	struct liq_input *in;
	struct liq_fields f;
	const char *p;
	size_t n;
	uint64_t big = 0, small = 0, all = 0, line = 0;
	int j = s->col[F_FUNDING], rc;

	s->funding_div = s->funding_unit == LIQ_FUNDING_PERCENT ? 100 : 1;
	if (s->funding_unit != LIQ_FUNDING_AUTO)
		return 0;
	if (strcmp(s->path, "(stdin)") == 0) {
		snprintf(s->note, sizeof(s->note), "%s: funding read as a "
		    "fraction (a file on stdin is not read twice to tell "
		    "percent): say --funding-unit percent|fraction", s->path);
		return 0;
	}
	if ((rc = liq_input_open(&in, s->path, e)) != 0)
		return rc;
	memset(&f, 0, sizeof(f));
	while ((rc = liq_input_lines(in, &p, &n, e)) == 1) {
		const char *end = p + n;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			double v;

			if (nl == NULL)
				nl = end;
			if (liq__split(&f, p, (size_t)(nl - p)) > j &&
			    line++ > 0 && liq_parse_double(f.p[j], f.len[j],
			    &v) == 0 && v != 0 && isfinite(v)) {
				all++;
				big += fabs(v) >= PCT_AT_LEAST;
				small += fabs(v) <= FRAC_AT_MOST;
			}
			p = nl + 1;
		}
	}
	liq__fields_free(&f);
	liq_input_close(in);
	if (rc < 0)
		return rc;
	if (2 * big > all)
		s->funding_div = 100;
	else if (2 * small <= all && all > 0)
		snprintf(s->note, sizeof(s->note), "%s: funding: of %llu rates, "
		    "%llu are %g or more and %llu %g or less in size: read as "
		    "a fraction; say --funding-unit percent|fraction", s->path,
		    (unsigned long long)all, (unsigned long long)big,
		    PCT_AT_LEAST, (unsigned long long)small, FRAC_AT_MOST);
	return 0;
}

/* The bar interval: the time from the first row to the second (none
 * for samples: they make no bars of their own). */
static int
head_vendor(struct src *s, struct liq_error *e)
{
	const char *l;
	size_t n;
	int64_t t2;
	int rc;

	if (s->col[F_FUNDING] >= 0 && (rc = funding_unit(s, e)) != 0)
		return rc;
	if (s->first_ts == INT64_MIN || samples_only(s))
		return 0;
	do
		rc = liq__src_line(s, &l, &n, e);
	while (rc > 0 && n == 0);
	if (rc < 0)
		return rc;
	if (rc > 0) {
		if (liq__split(&s->f, l, n) != s->ncols)
			return liq_error_set(e, LIQ_EDATA, s->path, s->line,
			    NULL, l, n, "%d columns where the header has %d",
			    s->f.n, s->ncols);
		if ((rc = liq__get_time(s, F_TIME, &t2, e)) != 0)
			return rc;
		s->row_interval = t2 - s->first_ts;
	}
	if (s->row_interval <= 0)
		return liq_error_set(e, LIQ_EFORMAT, s->path, s->line, NULL,
		    NULL, 0, "cannot tell the bar interval of a vendor file "
		    "from its first two rows");
	return 0;
}

/* CoinGlass exports: coinglass_SYMBOL_..., the symbol a coin ("BTC"). */
static const struct liq_dialect *
vendor_name(struct src *s, const char *base)
{
	size_t len;

	if (strncmp(base, "coinglass_", 10) == 0) {
		base += 10;
		len = strcspn(base, "_");
		if (len > 0 && len < LIQ_SYMBOL_MAX) {
			memcpy(s->symbol, base, len);
			s->symbol[len] = '\0';
		}
	}
	return NULL;
}

/*
 * One vendor bar: prices, volumes (split, or a total and one side),
 * trades, liquidations, and open interest and funding as of its close.
 */
static int
row_vendor(struct src *s, struct ctx *c, int64_t t, const char *line,
    size_t len, struct liq_error *e)
{
	double o = NAN, h = NAN, l = NAN, cl = NAN, v[NFIELD];
	static const int nums[] = { F_BUY_BASE, F_SELL_BASE, F_BUY_QUOTE,
	    F_SELL_QUOTE, F_VOL_BASE, F_VOL_QUOTE, F_TRADES, F_OI_BASE,
	    F_OI_QUOTE, F_LIQ_LONG, F_LIQ_SHORT, F_LIQ_LONG_N, F_LIQ_SHORT_N };
	struct liq_acc *a;
	int rc, i;

	(void)line;
	(void)len;
	if (liq__has(s, F_CLOSE)) {
		if ((rc = liq__get_pos(s, F_CLOSE, &cl, e)) != 0)
			return rc;
		o = h = l = cl;
		if (liq__has(s, F_OPEN) &&
		    (rc = liq__get_pos(s, F_OPEN, &o, e)))
			return rc;
		if (liq__has(s, F_HIGH) &&
		    (rc = liq__get_pos(s, F_HIGH, &h, e)))
			return rc;
		if (liq__has(s, F_LOW) &&
		    (rc = liq__get_pos(s, F_LOW, &l, e)))
			return rc;
		if (h < l || o > h || o < l || cl > h || cl < l)
			return liq__fld_err(s, e, F_HIGH,
			    "high/low do not hold open/close");
	}
	for (i = 0; i < (int)(sizeof(nums) / sizeof(nums[0])); i++) {
		v[nums[i]] = NAN;
		if (liq__has(s, nums[i]) &&
		    (rc = liq__get_opt(s, nums[i], &v[nums[i]], e)))
			return rc;
	}
	v[F_FUNDING] = NAN;
	if (!liq__empty(s, F_FUNDING) &&
	    (rc = liq__get_num(s, F_FUNDING, &v[F_FUNDING], e)))
		return rc;
	if (s->funding_div > 1)
		v[F_FUNDING] /= s->funding_div;
	if (s->row_interval == 0) {	/* samples: as of the row's time */
		if ((a = liq__bar_at(s, c, t, 1, &rc, e)) == NULL)
			return rc;
		if ((!isnan(v[F_OI_BASE]) || !isnan(v[F_OI_QUOTE])) &&
		    t >= a->oi_t) {
			a->oi_base = v[F_OI_BASE];
			a->oi_quote = v[F_OI_QUOTE];
			a->oi_t = t;
		}
		if (!isnan(v[F_FUNDING]) && t >= a->fund_t) {
			a->funding = v[F_FUNDING];
			a->fund_t = t;
		}
		return 0;
	}
	if (liq__floordiv(t, c->agg->interval) != liq__floordiv(t +
	    s->row_interval - 1, c->agg->interval))
		return liq__row_err(s, e, LIQ_EDATA, F_TIME, NULL, 0,
		    "row straddles two bars: use an --interval that is a "
		    "multiple of the file's row interval");
	if ((a = liq__bar_at(s, c, t, 0, &rc, e)) == NULL)
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

const struct liq_dialect liq_vendor_bars = {
	.name = "vendor bars",
	.margin = LIQ_MARGIN_BINANCE,
	.flags = LIQ_DIALECT_MAPPED,
	.provides = 0,		/* from the columns mapped */
	.cover = -1,
	.cols = c_vendor,
	.columns = columns_vendor,
	.head = head_vendor,
	.name_parse = vendor_name,
	.row = row_vendor,
};
