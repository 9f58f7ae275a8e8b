/*
 * agg.c - the bar builder.  Events land in a ring of bars as wide as the
 * reorder window; a bar is finished when an event beyond the window
 * arrives, then open interest, funding and ratios are carried forward,
 * gaps get the last close, and the bar goes to the caller's emit callback.
 * Memory is the ring: (reorder window / interval) bars, whatever the input
 * length.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agg_int.h"

static void
acc_reset(struct liq_acc *c, int64_t bar)
{
	memset(c, 0, sizeof(*c));
	c->bar = bar;
	c->oi_t = c->fund_t = c->ratio_t = INT64_MIN;
}

int
liq__agg_init(struct liq_agg *a, int64_t interval, int64_t reorder,
    int64_t from, int64_t to, int64_t oi_max_age, int64_t fund_max_age,
    liq_bar_fn emit, void *ctx)
{
	uint64_t need = (uint64_t)(reorder / interval) + 3, w = 8, i;

	memset(a, 0, sizeof(*a));
	while (w < need)
		w <<= 1;
	if (w > (1u << 22))
		return LIQ_EARG;
	a->ring = malloc(w * sizeof(*a->ring));
	if (a->ring == NULL)
		return LIQ_ENOMEM;
	for (i = 0; i < w; i++)
		acc_reset(&a->ring[i], INT64_MIN);
	a->mask = w - 1;
	a->interval = interval;
	a->from = from;
	a->to = to;
	a->oi_max_age = oi_max_age;
	a->fund_max_age = fund_max_age;
	a->prev_close = NAN;
	a->oi_t = a->fund_t = a->ratio_t = INT64_MIN;
	a->last_used = INT64_MIN;
	a->px_to = INT64_MAX;
	a->px_from = INT64_MAX;
	a->px_cover_to = INT64_MIN;
	a->last_px = INT64_MIN;
	a->emit = emit;
	a->ctx = ctx;
	return 0;
}

void
liq__agg_free(struct liq_agg *a)
{
	free(a->ring);
	free(a->cov[0]);
	free(a->cov[1]);
	a->ring = NULL;
	a->cov[0] = a->cov[1] = NULL;
}

int
liq__agg_cover(struct liq_agg *a, int cls, int64_t from, int64_t to)
{
	if (a->ncov[cls] == a->capcov[cls]) {
		int n = a->capcov[cls] ? a->capcov[cls] * 2 : 16;
		struct liq_cover *c = realloc(a->cov[cls], (size_t)n *
		    sizeof(*c));
		if (c == NULL)
			return LIQ_ENOMEM;
		a->cov[cls] = c;
		a->capcov[cls] = n;
	}
	a->cov[cls][a->ncov[cls]].from = from;
	a->cov[cls][a->ncov[cls]].to = to;
	return a->ncov[cls]++;
}

void
liq__agg_cover_end(struct liq_agg *a, int cls, int idx, int64_t to)
{
	if (idx >= 0 && idx < a->ncov[cls])
		a->cov[cls][idx].to = to;
}

static int
covered(const struct liq_agg *a, int cls, int64_t t)
{
	int i;

	for (i = 0; i < a->ncov[cls]; i++)
		if (a->cov[cls][i].from <= t && t < a->cov[cls][i].to)
			return 1;
	return 0;
}

/* An exact 10^-18 fixed-point sum plus a compensated double sum. */
static double
fx_value(__int128 v, double d, double comp)
{
	char buf[64], *p = buf + sizeof(buf) - 1;
	unsigned __int128 u;
	int neg = v < 0, k;

	if (v == 0)
		return d + comp;
	u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
	*p = '\0';
	for (k = 0; k < 18 || u != 0; k++) {
		// cppcheck-suppress knownConditionTrueFalse ; k reaches 18 if u > 0
		if (k == 18)
			*--p = '.';
		*--p = (char)('0' + (int)(u % 10));
		u /= 10;
	}
	if (k == 18) {
		*--p = '.';
		*--p = '0';
	}
	if (neg)
		*--p = '-';
	return strtod(p, NULL) + (d + comp);
}

static int
emit_bar(struct liq_agg *a, const struct liq_acc *c, int64_t bar,
    struct liq_error *e)
{
	struct liq_bar b;
	int64_t t = bar * a->interval, end = t + a->interval;
	int s;

	int lead = 0, covered_px = a->priced && t >= a->px_from;

	/* nothing yet: no leading bars, but those of the priced files' own
	 * span (a day file's minutes before its first trade) */
	if (!c->used && !a->emitted_any && !covered_px)
		return 0;
	if (a->priced && !a->px_seen && !c->has_px && !covered_px) {
		/* before the priced span: only the bar just before it (or
		 * just before the first price) is made; earlier ones only
		 * carry their samples forward */
		const struct liq_acc *nx = &a->ring[(bar + 1) & (int64_t)a->mask];

		lead = !(nx->bar == bar + 1 && nx->has_px) &&
		    !(a->px_from != INT64_MAX && end == a->px_from);
	}
	if (!lead)
		a->emitted_any = 1;
	if (c->has_px) {
		a->px_seen = 1;
		a->last_px = bar;
	}
	memset(&b, 0, sizeof(b));
	b.time_ms = t;
	if (c->has_px) {
		b.open = c->open;
		b.high = c->high;
		b.low = c->low;
		b.close = c->close;
		b.flags |= LIQ_BAR_PRICE;
		a->prev_close = c->close;
	} else if (!isnan(a->prev_close)) {
		b.open = b.high = b.low = b.close = a->prev_close;
		b.flags |= LIQ_BAR_PRICE | LIQ_BAR_GAP;
	} else {
		b.open = b.high = b.low = b.close = NAN;
		b.flags |= LIQ_BAR_GAP;
	}
	if (c->has_vol || covered(a, LIQ_COV_VOL, t)) {
		b.buy_base = fx_value(c->fx_base[0], c->d_base[0],
		    c->c_base[0]);
		b.sell_base = fx_value(c->fx_base[1], c->d_base[1],
		    c->c_base[1]);
		b.buy_quote = fx_value(c->fx_quote[0], c->d_quote[0],
		    c->c_quote[0]);
		b.sell_quote = fx_value(c->fx_quote[1], c->d_quote[1],
		    c->c_quote[1]);
		b.trades = c->trades;
		b.flags |= LIQ_BAR_VOLUME;
	} else
		b.buy_base = b.sell_base = b.buy_quote = b.sell_quote = NAN;

	/* open interest: this bar's last sample, or a recent carried one */
	if (c->oi_t != INT64_MIN) {
		a->oi_t = c->oi_t;
		a->oi_base = c->oi_base;
		a->oi_quote = c->oi_quote;
	}
	b.oi_base = b.oi_quote = NAN;
	if (a->oi_t != INT64_MIN && (c->oi_t != INT64_MIN ||
	    end - a->oi_t <= a->oi_max_age)) {
		b.oi_base = a->oi_base;
		b.oi_quote = a->oi_quote;
		if (isnan(b.oi_base) && !isnan(b.close))
			b.oi_base = b.oi_quote / b.close;
		if (isnan(b.oi_quote) && !isnan(b.close))
			b.oi_quote = b.oi_base * b.close;
		if (!isnan(b.oi_base) && !isnan(b.oi_quote))
			b.flags |= LIQ_BAR_OI;
		else
			b.oi_base = b.oi_quote = NAN;
	}
	if (c->fund_t != INT64_MIN) {
		a->fund_t = c->fund_t;
		a->funding = c->funding;
	}
	b.funding = NAN;
	if (a->fund_t != INT64_MIN && (c->fund_t != INT64_MIN ||
	    end - a->fund_t <= a->fund_max_age)) {
		b.funding = a->funding;
		b.flags |= LIQ_BAR_FUNDING;
	}
	if (c->ratio_t != INT64_MIN) {
		a->ratio_t = c->ratio_t;
		a->ls_ratio = c->ls_ratio;
		a->top_ls = c->top_ls;
	}
	b.ls_ratio = b.top_ls_ratio = NAN;
	if (a->ratio_t != INT64_MIN && (c->ratio_t != INT64_MIN ||
	    end - a->ratio_t <= a->oi_max_age)) {
		b.ls_ratio = a->ls_ratio;
		b.top_ls_ratio = a->top_ls;
		b.flags |= LIQ_BAR_RATIO;
	}
	s = covered(a, LIQ_COV_LIQ, t);
	if (c->has_liq || s) {
		b.liq_long_quote = c->liq_q[0];
		b.liq_short_quote = c->liq_q[1];
		b.flags |= LIQ_BAR_LIQ;
	} else
		b.liq_long_quote = b.liq_short_quote = NAN;
	if (c->has_liq_n || s) {
		b.liq_long_count = c->liq_n[0];
		b.liq_short_count = c->liq_n[1];
		b.flags |= LIQ_BAR_LIQ_COUNT;
	}
	if (t < a->from || t >= a->to || lead || t >= a->px_to)
		return 0;
	a->nbars++;
	return a->emit(a->ctx, &b, e);
}

/* Finish and emit bar a->lo, then move the window on by one bar. */
static int
advance(struct liq_agg *a, struct liq_error *e)
{
	struct liq_acc *c = &a->ring[a->lo & (int64_t)a->mask];
	struct liq_acc empty;
	int rc;

	if (c->bar != a->lo) {
		acc_reset(&empty, a->lo);
		c = &empty;
	}
	rc = emit_bar(a, c, a->lo, e);
	if (c != &empty)
		acc_reset(c, INT64_MIN);
	if (a->cur == c)
		a->cur = NULL;
	a->lo++;
	return rc;
}

struct liq_acc *
liq__agg_slot(struct liq_agg *a, int64_t bar, int *rc, struct liq_error *e)
{
	struct liq_acc *c;

	if (!a->started) {
		a->started = 1;
		a->lo = bar - (int64_t)a->mask + 2;
	}
	if (bar < a->lo) {
		*rc = LIQ_EORDER;
		return NULL;
	}
	while (bar > a->lo + (int64_t)a->mask) {
		/* skip a long run of empty bars before any data quickly */
		if (!a->emitted_any && a->last_used == INT64_MIN) {
			a->lo = bar - (int64_t)a->mask;
			break;
		}
		if ((*rc = advance(a, e)) != 0)
			return NULL;
	}
	c = &a->ring[bar & (int64_t)a->mask];
	if (c->bar != bar)
		acc_reset(c, bar);
	c->used = 1;
	if (bar > a->last_used)
		a->last_used = bar;
	a->cur = c;
	a->cur_t0 = bar * a->interval;
	a->cur_t1 = a->cur_t0 + a->interval;
	return c;
}

void
liq__agg_priced(struct liq_agg *a)
{
	a->priced = 1;
}

void
liq__agg_prices_end(struct liq_agg *a)
{
	int64_t last = INT64_MIN;

	if (!a->priced || !a->started)
		return;
	/* the last priced bar is in the ring or was emitted already */
	for (uint64_t i = 0; i <= a->mask; i++) {
		const struct liq_acc *c = &a->ring[i];

		if (c->bar != INT64_MIN && c->bar >= a->lo && c->has_px &&
		    c->bar > last)
			last = c->bar;
	}
	if (last == INT64_MIN)
		last = a->last_px;
	if (last != INT64_MIN)
		a->px_to = (last + 1) * a->interval;
	/* a dated file's span (a day of trades) is priced to its end */
	if (a->px_cover_to != INT64_MIN && a->px_cover_to > a->px_to)
		a->px_to = a->px_cover_to;
}

int
liq__agg_finish(struct liq_agg *a, struct liq_error *e)
{
	int rc;

	int64_t end = a->last_used;

	if (!a->started)
		return 0;
	/* a dated file of trades is priced to the end of its span: its last
	 * minutes without a trade are flat bars, as in a run over more days */
	if (a->priced && a->px_cover_to != INT64_MIN && a->px_to != INT64_MAX &&
	    a->emitted_any) {
		int64_t last = liq__floordiv(a->px_to - 1, a->interval);

		if (a->to != INT64_MAX && last >= liq__floordiv(a->to - 1,
		    a->interval))
			last = liq__floordiv(a->to - 1, a->interval);
		if (last > end)
			end = last;
	}
	while (a->lo <= end)
		if ((rc = advance(a, e)) != 0)
			return rc;
	return 0;
}
