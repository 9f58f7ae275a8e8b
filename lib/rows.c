/*
 * rows.c - the shared core of the dialects: messages that name the file,
 * line, column and text of a bad row; field getters that check what they
 * parse; the bar-event errors; and the row driver, which runs a file's
 * rows through its dialect's fused block parser where it has one and the
 * general path (split the line, parse the time, call the dialect's row
 * handler) for every row that parser does not take.
 *
 * The fused parsers (lib/dialect/binance.c aggTrades, lib/dialect/bybit.c)
 * scan and convert each field in one pass with the scanners of
 * lib/scan_int.h; the general path, with libcsv for quoted lines, names
 * the field and the text when something is wrong.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dialect_int.h"
#include "rows_int.h"

/* ------------------------------------------------------------ errors */

int
liq__row_err(struct src *s, struct liq_error *e, int code, int field,
    const char *text, size_t tlen, const char *msg)
{
	const char *fname = field >= 0 ? s->colname[field] : NULL;

	return liq_error_set(e, code, s->path, s->line, fname, text, tlen,
	    "%s", msg);
}

int
liq__fld_err(struct src *s, struct liq_error *e, int field, const char *msg)
{
	int c = s->col[field];

	return liq__row_err(s, e, LIQ_EDATA, field, s->f.p[c], s->f.len[c],
	    msg);
}

/* ------------------------------------------------------- field parsing */

int
liq__get_num(struct src *s, int field, double *v, struct liq_error *e)
{
	int c = s->col[field];

	if (liq_parse_double(s->f.p[c], s->f.len[c], v) != 0) {
		if (s->f.len[c] >= 3 && (strncasecmp(s->f.p[c], "nan", 3) == 0
		    || strncasecmp(s->f.p[c], "inf", 3) == 0 ||
		    strncasecmp(s->f.p[c] + 1, "inf", 3) == 0))
			return liq__fld_err(s, e, field,
			    "NaN or infinity is not a value");
		return liq__fld_err(s, e, field, "not a number");
	}
	return 0;
}

int
liq__get_pos(struct src *s, int field, double *v, struct liq_error *e)
{
	int rc = liq__get_num(s, field, v, e);

	if (rc == 0 && !(*v > 0))
		return liq__fld_err(s, e, field, "must be positive");
	return rc;
}

int
liq__get_nonneg(struct src *s, int field, double *v, struct liq_error *e)
{
	int rc = liq__get_num(s, field, v, e);

	if (rc == 0 && *v < 0)
		return liq__fld_err(s, e, field, "must not be negative");
	return rc;
}

int
liq__get_opt(struct src *s, int field, double *v, struct liq_error *e)
{
	if (liq__empty(s, field)) {
		*v = NAN;
		return 0;
	}
	return liq__get_nonneg(s, field, v, e);
}

int
liq__get_int(struct src *s, int field, int64_t *v, struct liq_error *e)
{
	int c = s->col[field];

	if (liq_parse_int64(s->f.p[c], s->f.len[c], v) != 0)
		return liq__fld_err(s, e, field, "not an integer");
	return 0;
}

int
liq__get_bool(struct src *s, int field, int *v, struct liq_error *e)
{
	int c = s->col[field];
	const char *p = s->f.p[c];
	size_t n = s->f.len[c];

	if (n == 4 && strncasecmp(p, "true", 4) == 0)
		*v = 1;
	else if (n == 5 && strncasecmp(p, "false", 5) == 0)
		*v = 0;
	else
		return liq__fld_err(s, e, field, "not true or false");
	return 0;
}

int
liq__get_time(struct src *s, int field, int64_t *t, struct liq_error *e)
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
			return liq__fld_err(s, e, field, "not a time");
		for (; nd < 3; nd++)
			ms *= 10;
		*t = raw * 1000 + ms;
	} else if (n > 0 && (unsigned)(p[0] - '0') < 10 &&
	    liq_parse_int64(p, n, &raw) == 0)
		*t = liq__to_ms(s, raw);
	else if (liq_parse_time(p, n, t) != 0) {
		double d;
		/* vendors write epoch seconds with a fraction too */
		if (liq_parse_double(p, n, &d) != 0 || !(d > 0) ||
		    d >= 0x1p63)	/* (int64_t)d below must fit */
			return liq__fld_err(s, e, field, "not a time");
		/* too large for seconds but a time in the file's unit:
		 * a fraction where the unit is whole */
		if (d * 1000.0 >= (double)T_MAX && s->tdiv > 0 &&
		    liq__to_ms(s, (int64_t)d) >= T_MIN &&
		    liq__to_ms(s, (int64_t)d) < T_MAX)
			return liq__fld_err(s, e, field, s->tdiv == 1 ?
			    "not an integer (milliseconds)" : s->tdiv == 1000 ?
			    "not an integer (microseconds)" :
			    "not an integer (nanoseconds)");
		if (d > 1e13)
			return liq__fld_err(s, e, field, "not a time");
		*t = (int64_t)floor(d * 1000.0 + 0.5);
	}
	if (*t < T_MIN || *t >= T_MAX)
		return liq__fld_err(s, e, field,
		    "time out of range (before 2009 or after 2099)");
	return 0;
}

int
liq__get_side(struct src *s, int *side, struct liq_error *e)
{
	int c = s->col[F_SIDE];

	if (s->f.len[c] == 3 && strncasecmp(s->f.p[c], "buy", 3) == 0)
		*side = 0;
	else if (s->f.len[c] == 4 && strncasecmp(s->f.p[c], "sell", 4) == 0)
		*side = 1;
	else
		return liq__fld_err(s, e, F_SIDE, "not buy or sell");
	return 0;
}

/* ------------------------------------------------------------- events */

int
liq__order_err(struct src *s, struct liq_agg *a, int64_t t,
    struct liq_error *e)
{
	char tb[40], w[40];

	return liq_error_set(e, LIQ_EORDER, s->path, s->line,
	    s->colname[F_TIME], NULL, 0, "row at %s is before rows already "
	    "aggregated, beyond the reorder window (%s): sort the file or "
	    "raise --reorder", liq_time_format(t, tb, sizeof(tb)),
	    liq_duration_format((int64_t)(a->mask - 2) * a->interval, w,
	    sizeof(w)));
}

int
liq__span_err(struct src *s, int64_t t, struct liq_error *e)
{
	char tb[40], nb[40];

	return liq_error_set(e, LIQ_EDATA, s->path, s->line,
	    s->colname[F_TIME], NULL, 0, "row at %s is outside the %s the "
	    "file name gives (from %s)", liq_time_format(t, tb, sizeof(tb)),
	    s->name_to - s->name_from == 86400000 ? "day" : "month",
	    liq_time_format(s->name_from, nb, sizeof(nb)));
}

int
liq__gap_err(struct src *s, struct ctx *c, int64_t t, struct liq_error *e)
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

/* -------------------------------------------------------------- rows */

int
liq__row_venue_trade(struct src *s, struct ctx *c, int64_t t, const char *l,
    size_t n, struct liq_error *e)
{
	double px, qty;
	int64_t qm, pm;
	int side, qs, ps, rc;

	(void)l;
	(void)n;
	if (liq__other_symbol(s, c))
		return 0;
	if ((rc = liq__get_side(s, &side, e)) ||
	    (rc = liq__get_pos(s, F_PRICE, &px, e)) ||
	    (rc = liq__get_pos(s, F_QTY, &qty, e)))
		return rc;
	liq__get_fixed(s, F_PRICE, &pm, &ps);
	liq__get_fixed(s, F_QTY, &qm, &qs);
	return liq__apply_trade(s, c, t, s->line, side, px, pm, ps, qm, qs,
	    qty, 1, e);
}

/* ------------------------------------------------------------- lines */

int
liq__src_line(struct src *s, const char **lp, size_t *ll,
    struct liq_error *e)
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

/* ------------------------------------------------------------- driver */

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
		return liq__row_err(s, e, LIQ_EDATA, -1, l, n,
		    "malformed CSV row (bad quoting or too many columns)");
	if (s->f.n != s->ncols)
		return liq_error_set(e, LIQ_EDATA, s->path, s->line, NULL, l, n,
		    "%d columns where the %s has %d", s->f.n,
		    s->has_header ? "header" : "first row", s->ncols);
	if ((rc = liq__get_time(s, F_TIME, &t, e)) != 0)
		return rc;
	if (t > limit) {
		s->next_ts = t;
		return 1;
	}
	rc = s->d->row(s, c, t, l, n, e);
	if (rc == 0 && t > s->last_ts)
		s->last_ts = t;
	return rc;
}

static int
bad_row(struct ctx *c, int rc, struct liq_error *e)
{
	if (!c->skip_bad || (rc != LIQ_EDATA && rc != LIQ_EORDER))
		return rc;
	if (c->nbad < LIQ_MAX_BAD_KEPT)
		c->bad[c->nbad] = *e;
	c->nbad++;
	liq_error_clear(e);
	return 0;
}

/* The rows of s while their time is <= limit (lib/ingest_int.h). */
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
		if (s->fast && s->line > 0) {
			/* the hot loop: the dialect's fused block parser */
			const char *p = s->blk + s->bpos;
			const char *end = s->blk + s->blen;
			uint64_t taken;
			int pause = 0;

			rc = 0;
			taken = s->d->fused(s, c, &p, end, limit, &pause, &rc,
			    e);
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
				/* an order error from the fused path: skip? */
				s->line++;
				nl = memchr(p, '\n', (size_t)(end - p));
				s->bpos = (size_t)(nl + 1 - s->blk);
				if ((rc = bad_row(c, rc, e)) != 0)
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
		if (rc < 0 && (rc = bad_row(c, rc, e)) != 0)
			return rc;
	}
}
