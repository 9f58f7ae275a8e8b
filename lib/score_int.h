/*
 * score_int.h - what the files of liq-score's library part share
 * (lib/score.c, lib/score_lift.c): the day-block bootstrap and the lift
 * of a scorer given events.  Not part of the public interface.
 */
#ifndef LIQ_SCORE_INT_H
#define LIQ_SCORE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "liq.h"

struct liq_events;
struct liq_lift_options;

/* The most scores one bootstrap computes. */
#define SCORE_MAX_STAT 32

/* A statistic of the weights cnt[0..ndays) the caller keeps in ctx: out
 * gets (model, naive) pairs, one per score. */
typedef void (*score_fn)(void *ctx, double *out);

/*
 * The nstat scores fn computes, with every day counted once (the point
 * estimates), then on resamples of whole days drawn with replacement
 * (cnt[d]: how many times day d was drawn), into st: the values and the
 * 90 % percentile intervals of the model, the naive and the difference.
 * Returns 0 or -1 (out of memory).
 */
int score_bootstrap(size_t ndays, uint32_t *cnt, int nstat, score_fn fn,
    void *ctx, struct liq_score_stat *st, int resamples, uint64_t seed);
uint64_t score_splitmix64(uint64_t *st);
void score_stat_nan(struct liq_score_stat *st);

/* The lift (lib/score_lift.c): a liq_lift per grid, fed the window's
 * columns each with the column before it, its days kept. */
struct score_lift;
int score_lift_new(struct score_lift **sl, const struct liq_events *ev,
    const struct liq_lift_options *o, struct liq_error *e);
void score_lift_free(struct score_lift *sl);
int score_lift_grid(struct score_lift *sl, const struct liq_grid_info *g,
    struct liq_error *e);
/* Every column of the grid, in_window 1 for those scored. */
int score_lift_column(struct score_lift *sl, const struct liq_grid_column *c,
    int in_window, struct liq_error *e);
int score_lift_grid_end(struct score_lift *sl, struct liq_error *e);
/* After the last grid: the days in time order, the totals. */
int score_lift_finish(struct score_lift *sl, struct liq_error *e);
/* The lift of the days in [p->from_ms, p->to_ms) into p.  0 or -1. */
int score_lift_period(struct score_lift *sl, struct liq_score_period *p,
    int resamples, uint64_t seed);
const struct liq_lift_result *score_lift_totals(const struct score_lift *sl);

#endif
