/*
 * seams.c - where bars of one market from several members of a stream or
 * several files meet: the rule that joins two bars of the same time
 * (liq_bars_join in liq.h), the flat bars that fill a hole between them,
 * and the counts a program reports.  Used by the bars reader (members of
 * one stream) and the bars merge (files of one market).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bars_int.h"

/* The fields of a bar as the join compares them, in record order. */
static const char *const names[] = {
	"open", "high", "low", "close", "buy_base", "sell_base", "buy_quote",
	"sell_quote", "trades", "oi_base", "oi_quote", "funding",
	"liq_long_quote", "liq_short_quote", "liq_long_count",
	"liq_short_count", "ls_ratio", "top_ls_ratio", "flags"
};

static int
same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* The first field in which a and b differ (bit for bit), or NULL. */
static const char *
first_difference(const struct liq_bar *a, const struct liq_bar *b)
{
	const double da[] = { a->open, a->high, a->low, a->close, a->buy_base,
	    a->sell_base, a->buy_quote, a->sell_quote };
	const double db[] = { b->open, b->high, b->low, b->close, b->buy_base,
	    b->sell_base, b->buy_quote, b->sell_quote };
	const double ea[] = { a->oi_base, a->oi_quote, a->funding,
	    a->liq_long_quote, a->liq_short_quote };
	const double eb[] = { b->oi_base, b->oi_quote, b->funding,
	    b->liq_long_quote, b->liq_short_quote };
	int i;

	for (i = 0; i < 8; i++)
		if (!same_double(da[i], db[i]))
			return names[i];
	if (a->trades != b->trades)
		return names[8];
	for (i = 0; i < 5; i++)
		if (!same_double(ea[i], eb[i]))
			return names[9 + i];
	if (a->liq_long_count != b->liq_long_count)
		return names[14];
	if (a->liq_short_count != b->liq_short_count)
		return names[15];
	if (!same_double(a->ls_ratio, b->ls_ratio))
		return names[16];
	if (!same_double(a->top_ls_ratio, b->top_ls_ratio))
		return names[17];
	if (a->flags != b->flags)
		return names[18];
	return NULL;
}

/*
 * A bar outside any file's trades: a gap bar whose volume is not known
 * (one made to fill a hole, or a file's leading bar of samples taken as
 * its trades start, perhaps with a close carried into it).
 */
static int
filler(const struct liq_bar *b)
{
	return (b->flags & (LIQ_BAR_GAP | LIQ_BAR_VOLUME)) == LIQ_BAR_GAP;
}

/* Copy into dst the samples (open interest, funding, ratios) src has. */
static void
take_samples(struct liq_bar *dst, const struct liq_bar *src, int only_missing)
{
	if ((src->flags & LIQ_BAR_OI) &&
	    !(only_missing && (dst->flags & LIQ_BAR_OI))) {
		dst->oi_base = src->oi_base;
		dst->oi_quote = src->oi_quote;
		dst->flags |= LIQ_BAR_OI;
	}
	if ((src->flags & LIQ_BAR_FUNDING) &&
	    !(only_missing && (dst->flags & LIQ_BAR_FUNDING))) {
		dst->funding = src->funding;
		dst->flags |= LIQ_BAR_FUNDING;
	}
	if ((src->flags & LIQ_BAR_RATIO) &&
	    !(only_missing && (dst->flags & LIQ_BAR_RATIO))) {
		dst->ls_ratio = src->ls_ratio;
		dst->top_ls_ratio = src->top_ls_ratio;
		dst->flags |= LIQ_BAR_RATIO;
	}
}

int
liq_bars_join(const struct liq_bar *first, const struct liq_bar *last,
    int prefer, struct liq_bar *out, char *why, size_t whylen)
{
	const char *d;
	int pf = (first->flags & LIQ_BAR_PRICE) != 0;
	int pl = (last->flags & LIQ_BAR_PRICE) != 0;

	if (why != NULL && whylen > 0)
		why[0] = '\0';
	if ((d = first_difference(first, last)) == NULL) {
		*out = *first;
		return LIQ_JOIN_EQUAL;
	}
	if (filler(first) != filler(last)) {
		/* a bar outside the trades gives way to a bar within them;
		 * its samples (taken as the next file's trades start) are the
		 * later ones, and it lends its close to one without prices */
		const struct liq_bar *f = filler(first) ? first : last;

		*out = filler(first) ? *last : *first;
		take_samples(out, f, 0);
		if (!(out->flags & LIQ_BAR_PRICE) && (f->flags & LIQ_BAR_PRICE)) {
			out->open = out->high = out->low = out->close = f->close;
			out->flags |= LIQ_BAR_PRICE;
		}
		return LIQ_JOIN_MERGED;
	}
	if (pf != pl) {
		/* the unpriced bar only carries samples: the later ones win
		 * when it is the later bar, fill what is missing otherwise */
		*out = pf ? *first : *last;
		take_samples(out, pf ? last : first, !pf);
		return first_difference(out, first) == NULL ? LIQ_JOIN_EQUAL :
		    LIQ_JOIN_MERGED;
	}
	if (prefer == LIQ_PREFER_FIRST || prefer == LIQ_PREFER_LAST) {
		*out = prefer == LIQ_PREFER_FIRST ? *first : *last;
		return prefer == LIQ_PREFER_FIRST ? LIQ_JOIN_FIRST :
		    LIQ_JOIN_LAST;
	}
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, "%s", d);
	*out = *first;
	return LIQ_JOIN_DIFFER;
}

void
liq__seams_init(struct liq_bars_seams *s)
{
	memset(s, 0, sizeof(*s));
	s->first_gap_ms = INT64_MIN;
	s->longest_gap_at_ms = INT64_MIN;
}

void
liq__seams_count(struct liq_bars_seams *s, int join)
{
	switch (join) {
	case LIQ_JOIN_EQUAL:
		s->equal++;
		break;
	case LIQ_JOIN_MERGED:
		s->merged++;
		break;
	case LIQ_JOIN_FIRST:
	case LIQ_JOIN_LAST:
		s->preferred++;
		break;
	}
}

void
liq__seams_gap(struct liq_bars_seams *s, int64_t from_ms, int64_t to_ms,
    int64_t interval_ms)
{
	int64_t len = to_ms - from_ms;

	if (s->gaps == 0)
		s->first_gap_ms = from_ms;
	s->gaps++;
	s->gap_bars += (uint64_t)(len / interval_ms);
	if (len > s->longest_gap_ms) {
		s->longest_gap_ms = len;
		s->longest_gap_at_ms = from_ms;
	}
}

void
liq__gap_bar(const struct liq_bar *prev, int64_t t, struct liq_bar *out)
{
	memset(out, 0, sizeof(*out));
	out->time_ms = t;
	out->open = out->high = out->low = out->close = prev->close;
	out->buy_base = out->sell_base = NAN;
	out->buy_quote = out->sell_quote = NAN;
	out->oi_base = out->oi_quote = out->funding = NAN;
	out->liq_long_quote = out->liq_short_quote = NAN;
	out->ls_ratio = out->top_ls_ratio = NAN;
	out->flags = LIQ_BAR_GAP | (isnan(prev->close) ? 0 : LIQ_BAR_PRICE);
}

void
liq__seams_add(struct liq_bars_seams *s, const struct liq_bars_seams *x)
{
	s->equal += x->equal;
	s->merged += x->merged;
	s->preferred += x->preferred;
	if (x->gaps > 0 && (s->gaps == 0 || x->first_gap_ms < s->first_gap_ms))
		s->first_gap_ms = x->first_gap_ms;
	if (x->longest_gap_ms > s->longest_gap_ms) {
		s->longest_gap_ms = x->longest_gap_ms;
		s->longest_gap_at_ms = x->longest_gap_at_ms;
	}
	s->gaps += x->gaps;
	s->gap_bars += x->gap_bars;
}

void
liq__carry_close(const struct liq_bar *prev, struct liq_bar *b)
{
	if ((b->flags & (LIQ_BAR_PRICE | LIQ_BAR_GAP)) == LIQ_BAR_GAP &&
	    (prev->flags & LIQ_BAR_PRICE) && prev->time_ms < b->time_ms) {
		b->open = b->high = b->low = b->close = prev->close;
		b->flags |= LIQ_BAR_PRICE;
	}
}

int
liq__same_market(const struct liq_bars_info *a, const struct liq_bars_info *b)
{
	return strcmp(a->venue, b->venue) == 0 &&
	    strcmp(a->symbol, b->symbol) == 0 && a->market == b->market &&
	    a->contract_size == b->contract_size;
}
