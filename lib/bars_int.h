/*
 * bars_int.h - what the bars reader and the bars merge share about the
 * seams where members and files meet (lib/seams.c).  Private to lib/.
 */
#ifndef LIQ_BARS_INT_H
#define LIQ_BARS_INT_H

#include <stdint.h>

#include "liq.h"

/* The longest hole between members or files that is filled (31 days);
 * a longer one is an error, never millions of invented bars. */
#define LIQ_MAX_HOLE_MS (INT64_C(31) * 86400000)

void liq__seams_init(struct liq_bars_seams *s);

/* Bars of one market: venue, symbol, market and contract size alike
 * (the interval is the caller's to compare). */
int liq__same_market(const struct liq_bars_info *a,
    const struct liq_bars_info *b);

/* Count a join (a LIQ_JOIN_* result other than LIQ_JOIN_DIFFER). */
void liq__seams_count(struct liq_bars_seams *s, int join);

/* Add what x counts to s (all but members). */
void liq__seams_add(struct liq_bars_seams *s, const struct liq_bars_seams *x);

/* Record a hole: bars from from_ms to to_ms (exclusive) are missing. */
void liq__seams_gap(struct liq_bars_seams *s, int64_t from_ms, int64_t to_ms,
    int64_t interval_ms);

/*
 * A bar without trades and without prices (a day file's minutes before
 * its first trade) that follows a priced bar of an earlier file or member
 * gets that bar's close, flat, as one run over both files would give it.
 */
void liq__carry_close(const struct liq_bar *prev, struct liq_bar *b);

/* A bar filling a hole at t after prev: flat at prev's close, nothing
 * else known (LIQ_BAR_GAP). */
void liq__gap_bar(const struct liq_bar *prev, int64_t t, struct liq_bar *out);

#endif
