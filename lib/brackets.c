/*
 * brackets.c - Binance's USD-M bracket tables per symbol and date.
 *
 * The tables are built in (lib/brackets/binance-usdm.txt, embedded by the
 * build; lib/brackets_int.h): one line per version of a symbol's table
 * with the date it was first seen in force.  A bar uses the version with
 * the latest date at or before its own; before the first version, the
 * first.  Each bracket carries Binance's maximum leverage for it
 * (initialLeverage), which caps the leverage tiers (man/liq-model.7,
 * MAINTENANCE BRACKETS, "Which table" and "Maximum leverage").  The end of
 * the file joins this to the estimator: the grid's brackets= record and
 * the notes a program shows.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "brackets_int.h"
#include "estimate_int.h"

struct liq_brackets_dated {
	char symbol[64];	/* as asked for */
	char table[64];		/* whose tables these are */
	int n;
	int64_t *from_ms;	/* n, increasing */
	struct liq_brackets *v;	/* n */
	char note[512];
};

/* Copy the first word of line (up to a space) into w; its length. */
static size_t
word(const char *line, char *w, size_t cap)
{
	size_t n = strcspn(line, " ");

	if (n >= cap)
		n = cap - 1;
	memcpy(w, line, n);
	w[n] = '\0';
	return n;
}

static int
has_symbol(const char *sym)
{
	size_t k = strlen(sym);

	for (int i = 0; liq__brackets_usdm[i] != NULL; i++)
		if (strncmp(liq__brackets_usdm[i], sym, k) == 0 &&
		    liq__brackets_usdm[i][k] == ' ')
			return 1;
	return 0;
}

/*
 * The Binance USD-M symbol for another spelling of the same market: the
 * asset (upper case, up to a '-', '_' or '/', a PERP and a quote suffix
 * stripped, XBT read as BTC) and its quote when that is USDT, USDC or
 * BUSD, else USDT: ETH-USDT-SWAP -> ETHUSDT, XBTUSD -> BTCUSDT,
 * BTCUSD_PERP -> BTCUSDT.
 */
static void
binance_spelling(const char *sym, char *out, size_t cap)
{
	static const char *const quotes[] = { "FDUSD", "BUSD", "USDT", "USDC",
	    "USD" };
	char a[64], q[16] = "USDT";
	const char *p = sym;
	size_t n = 0, k;

	while (*p != '\0' && *p != '-' && *p != '_' && *p != '/' &&
	    n + 1 < sizeof(a))
		a[n++] = (char)toupper((unsigned char)*p++);
	a[n] = '\0';
	if (n > 4 && strcmp(a + n - 4, "PERP") == 0)
		a[n -= 4] = '\0';
	for (size_t i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++)
		if ((k = strlen(quotes[i])) < n &&
		    strcmp(a + n - k, quotes[i]) == 0) {
			if (strcmp(quotes[i], "USD") != 0 &&
			    strcmp(quotes[i], "FDUSD") != 0)
				snprintf(q, sizeof(q), "%s", quotes[i]);
			a[n -= k] = '\0';
			break;
		}
	if (*p != '\0') {	/* a second part: ETH-USDC-SWAP */
		char b[16];
		size_t m = 0;

		p++;
		while (*p != '\0' && *p != '-' && *p != '_' && m + 1 < sizeof(b))
			b[m++] = (char)toupper((unsigned char)*p++);
		b[m] = '\0';
		if (strcmp(b, "USDT") == 0 || strcmp(b, "USDC") == 0 ||
		    strcmp(b, "BUSD") == 0)
			snprintf(q, sizeof(q), "%s", b);
	}
	if (strncmp(a, "XBT", 3) == 0)
		memcpy(a, "BTC", 3);
	snprintf(out, cap, "%s%s", a, q);
}

/* Parse the brackets of one line after its date: LEV:CAP:MMR:CUM ... */
static int
parse_version(const char *p, struct liq_brackets *b)
{
	memset(b, 0, sizeof(*b));
	while (*p == ' ') {
		double v[4];
		char *end;

		p++;
		for (int i = 0; i < 4; i++) {
			v[i] = strtod(p, &end);
			if (end == p || (i < 3 ? *end != ':' :
			    *end != ' ' && *end != '\0'))
				return -1;
			p = i < 3 ? end + 1 : end;
		}
		if (b->n == LIQ_MAX_BRACKETS || !(v[0] >= 1) || !(v[2] >= 0 &&
		    v[2] < 1) || !(v[3] >= 0))
			return -1;
		b->floor[b->n] = b->n ? b->cap[b->n - 1] : 0;
		if (!(v[1] > b->floor[b->n]))
			return -1;
		b->cap[b->n] = v[1];
		b->mmr[b->n] = v[2];
		b->maint[b->n] = v[3];
		b->max_lev[b->n] = v[0];
		b->n++;
	}
	return *p == '\0' && b->n > 0 ? 0 : -1;
}

int
liq_brackets_dated_open(struct liq_brackets_dated **dp, const char *symbol,
    int market, struct liq_error *e)
{
	struct liq_brackets_dated *d;
	size_t k;
	int i, n = 0;

	*dp = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		goto nomem;
	snprintf(d->symbol, sizeof(d->symbol), "%s", symbol);
	for (k = 0; symbol[k] != '\0' && k + 1 < sizeof(d->table); k++)
		d->table[k] = (char)toupper((unsigned char)symbol[k]);
	d->table[k] = '\0';
	if (market == LIQ_MARKET_INVERSE || !has_symbol(d->table)) {
		binance_spelling(symbol, d->table, sizeof(d->table));
		if (!has_symbol(d->table))
			snprintf(d->table, sizeof(d->table), "BTCUSDT");
	}
	k = strlen(d->table);
	for (i = 0; liq__brackets_usdm[i] != NULL; i++)
		n += strncmp(liq__brackets_usdm[i], d->table, k) == 0 &&
		    liq__brackets_usdm[i][k] == ' ';
	if ((d->from_ms = calloc((size_t)n, sizeof(*d->from_ms))) == NULL ||
	    (d->v = calloc((size_t)n, sizeof(*d->v))) == NULL)
		goto nomem;
	for (i = 0; liq__brackets_usdm[i] != NULL; i++) {
		const char *l = liq__brackets_usdm[i], *t;
		char when[32];
		size_t w;

		if (strncmp(l, d->table, k) != 0 || l[k] != ' ')
			continue;
		t = l + k + 1;
		w = word(t, when, sizeof(when));
		if (liq_parse_time(when, w, &d->from_ms[d->n]) != 0 ||
		    (d->n > 0 && d->from_ms[d->n] <= d->from_ms[d->n - 1]) ||
		    parse_version(t + w, &d->v[d->n]) != 0) {
			liq_brackets_dated_close(d);
			return liq_error_set(e, LIQ_EDATA, "binance-usdm", i + 1,
			    NULL, NULL, 0, "bad built-in bracket table for %s",
			    d->table);
		}
		snprintf(d->v[d->n].name, sizeof(d->v[d->n].name),
		    "binance-usdm %s %s", d->table, when);
		d->n++;
	}
	if (d->n == 0) {	/* BTCUSDT is always there */
		liq_brackets_dated_close(d);
		return liq_error_set(e, LIQ_EDATA, "binance-usdm", 0, NULL, NULL,
		    0, "no built-in bracket table for %s", symbol);
	}
	*dp = d;
	return 0;
nomem:
	liq_brackets_dated_close(d);
	return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
}

/* The index of the version in force at ms (the first before it). */
static int
version_at(const struct liq_brackets_dated *d, int64_t ms)
{
	int lo = 0, hi = d->n - 1;

	while (lo < hi) {	/* the last from_ms <= ms */
		int mid = (lo + hi + 1) / 2;

		if (d->from_ms[mid] <= ms)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

const struct liq_brackets *
liq_brackets_dated_at(const struct liq_brackets_dated *d, int64_t ms)
{
	return &d->v[version_at(d, ms)];
}

double
liq_brackets_leverage(const struct liq_brackets *b, double lev,
    double position_quote)
{
	int k;

	if (b == NULL || b->n == 0)
		return lev;
	for (k = 0; k + 1 < b->n; k++)
		if (position_quote < b->cap[k])
			break;
	return b->max_lev[k] > 0 && lev > b->max_lev[k] ? b->max_lev[k] : lev;
}

void
liq_brackets_dated_describe(struct liq_brackets_dated *d, int64_t from_ms,
    int64_t to_ms, double position_quote, double top_lev, char *buf,
    size_t cap)
{
	int i0 = version_at(d, from_ms), i1 = version_at(d, to_ms);
	size_t n;
	char t[40], u[40];

	if (to_ms < from_ms)
		i1 = i0;
	snprintf(buf, cap, "binance-usdm %s", d->table);
	for (int i = i0; i <= i1; i++) {
		double m = liq_brackets_leverage(&d->v[i], top_lev,
		    position_quote);

		n = strlen(buf);
		snprintf(buf + n, cap - n, " %s", liq_time_format(d->from_ms[i],
		    t, sizeof(t)));
		if (m < top_lev) {
			n = strlen(buf);
			snprintf(buf + n, cap - n, " (max %gx)", m);
		}
	}
	d->note[0] = '\0';
	if (strcmp(d->symbol, d->table) != 0)
		snprintf(d->note, sizeof(d->note), "%s: no Binance USD-M bracket "
		    "table of its own: using %s's (binance-usdm); give one with "
		    "--brackets FILE", d->symbol[0] ? d->symbol :
		    "bars without a symbol", d->table);
	if (from_ms < d->from_ms[0]) {
		n = strlen(d->note);
		snprintf(d->note + n, sizeof(d->note) - n, "%s%s: bars from %s "
		    "are before its first bracket table (%s), which they use",
		    n ? "; " : "", d->table, liq_time_format(from_ms, t,
		    sizeof(t)), liq_time_format(d->from_ms[0], u, sizeof(u)));
	}
}

const char *
liq_brackets_dated_note(const struct liq_brackets_dated *d)
{
	return d != NULL && d->note[0] != '\0' ? d->note : NULL;
}

void
liq_brackets_dated_close(struct liq_brackets_dated *d)
{
	if (d == NULL)
		return;
	free(d->from_ms);
	free(d->v);
	free(d);
}

/* ------------------------------------------------ for the estimator */

/*
 * The grid's brackets= value (man/liq-estimate.1, "Brackets"): the
 * --brackets file, or per input the tables its bars use over the span
 * simulated ("binance-usdm ETHUSDT 2023-03-13T06:06:16Z ...",
 * "bybit-btcusdt", "none" for the simple rule), inputs joined by ", ".
 */
void
liq__brackets_param(struct liq_estimate *est, char *buf, size_t cap)
{
	const struct liq_estimate_options *o = &est->o;
	double top = 0;
	size_t n = 0;

	if (o->brackets_path) {
		snprintf(buf, cap, "%s", o->brackets_path);
		return;
	}
	for (int t = 0; t < o->ntiers; t++)
		if (o->leverage[t] > top)
			top = o->leverage[t];
	buf[0] = '\0';
	for (int i = 0; i < est->n && n + 1 < cap; i++) {
		struct input *in = &est->in[i];
		int64_t a = in->first, b = in->last;

		if (o->brackets_date != INT64_MIN)
			a = b = o->brackets_date;
		else {
			if (a < est->model_start)
				a = est->model_start;
			if (b >= est->sim_end)
				b = est->sim_end - 1;
		}
		if (n > 0)
			n += (size_t)snprintf(buf + n, cap - n, ", ");
		if (in->dated != NULL)
			liq_brackets_dated_describe(in->dated, a, b,
			    o->position_usd, top, buf + n, cap - n);
		else
			snprintf(buf + n, cap - n, "%s", in->margin ==
			    LIQ_MARGIN_BYBIT ? "bybit-btcusdt" : "none");
		n = strlen(buf);
	}
}

const char *
liq_estimate_brackets_note(const struct liq_estimate *est, int i)
{
	const char *s;

	if (i < 0 || i >= est->n)
		return NULL;
	s = liq_brackets_dated_note(est->in[i].dated);
	return s != NULL ? s : "";
}
