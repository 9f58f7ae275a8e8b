/*
 * liq_score.h - part of the liq library's public interface, included by
 * liq.h (see there for the conventions: return codes, errors, ownership).
 *
 * How good a grid's predictions are, measured against the liquidations
 * that really happened (liq-score).  A scorer is fed the columns of one
 * or more grids (in any order: they are sorted by time at the end) and
 * keeps a few numbers per column, plus the two walls of each snapshot;
 * liq_score_finish computes every score for the whole span, each
 * calendar month (UTC) and, with every_ms, each window of that length.
 * The definitions are in man/liq-score.1; in short:
 *
 * Per bar (column), per side, for the model (the column's predicted
 * liquidations pred) and the naive baseline (long: (open - low) / open x
 * oi, short: (high - open) / open x oi, oi the column's open interest in
 * the quote currency), each against the realized liquidations real:
 *   rho      Spearman's rank correlation (average ranks for ties);
 *   pearson  Pearson's correlation of log1p(x) and log1p(real);
 *   top5, top10, top20  the share of the realized total in the k bars
 *            ranked highest by x, k = max(1, round(n f)) (round half to
 *            even), ties broken by time (the earlier first);
 *   ratio    sum of x over sum of real.
 * A column whose realized liquidations are unknown (NaN) is skipped and
 * counted (unknown), as is one whose prediction, open, high, low or open
 * interest is unknown or whose open is not positive (incomplete).
 *
 * Walls as magnets: at each snapshot (the end of a column, or of the
 * columns whose end is a multiple of walls_every_ms), the strongest wall
 * above and the strongest below the close (liq_zones_walls within
 * range_pct, both sides' zones, rank 1 by score), at their peak prices.
 * Outcome y = 1 when a later column's high reaches the upper wall before
 * any later column's low reaches the lower one, within the horizon (the
 * columns that open from the snapshot time to before snapshot +
 * horizon); 0 the other way round.  Left out and counted: a snapshot
 * with no wall on one side (no_wall), neither wall reached (untouched),
 * the data ending first (past_end), both reached in one column (both).
 * Forecast p = score_up / (score_up + score_down), the walls' scores
 * (notional per percent of distance, liq_zones.h); the baseline is the
 * driftless random walk's p = d_down / (d_up + d_down), d the distances
 * in percent (at least LIQ_ZONES_MIN_DISTANCE_PCT).  Both are clamped to
 * [0.01, 0.99]; scored by log loss -mean(y ln p + (1 - y) ln(1 - p))
 * and Brier mean((p - y)^2).
 *
 * Where, with events (liq_score_events): the lift of liq_events.h, per
 * side (long, short, either) and X, for the map (model) and for the naive
 * map of liq_events.h (naive), over the days of each period (a day by
 * its 00:00 UTC; windows only when every_ms is a whole number of days).
 *
 * Intervals: a bootstrap by blocks of whole UTC days (each period's days
 * drawn with replacement as many times as it has days, the statistic
 * computed on the bars or snapshots of the days drawn), resamples times,
 * from a splitmix64 stream seeded with seed and the period's start, so
 * the same input gives the same numbers.  The 90 % interval is the
 * ceil(0.05 m)-th and ceil(0.95 m)-th smallest of the m finite values.
 */
#ifndef LIQ_SCORE_H
#define LIQ_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "liq_zones.h"

struct liq_grid_info;
struct liq_grid_column;
struct liq_error;
struct liq_events;
struct liq_lift_options;
struct liq_lift_result;

/* LIQ_LIFT_MAX_X and LIQ_LIFT_NSIDES of liq_events.h. */
#define LIQ_SCORE_LIFT_MAX_X 8
#define LIQ_SCORE_LIFT_NSIDES 3

/* The bar scores (struct liq_score_period.bar[side][k]). */
enum {
	LIQ_SCORE_RHO, LIQ_SCORE_PEARSON, LIQ_SCORE_TOP5, LIQ_SCORE_TOP10,
	LIQ_SCORE_TOP20, LIQ_SCORE_RATIO, LIQ_SCORE_NBAR
};
/* The wall scores (struct liq_score_period.wall[k]). */
enum { LIQ_SCORE_LOGLOSS, LIQ_SCORE_BRIER, LIQ_SCORE_NWALL };
/* Kinds of period. */
enum { LIQ_PERIOD_ALL, LIQ_PERIOD_MONTH, LIQ_PERIOD_WINDOW };

/* The names of the scores, indexed as above ("rho", ..., "brier"). */
extern const char *const liq_score_bar_names[];
extern const char *const liq_score_wall_names[];
extern const char *const liq_score_period_names[];

#define LIQ_SCORE_DEFAULT_RESAMPLES 1000
#define LIQ_SCORE_DEFAULT_SEED UINT64_C(20260101)
#define LIQ_SCORE_DEFAULT_HORIZON_MS INT64_C(86400000)
#define LIQ_SCORE_DEFAULT_RANGE_PCT 10.0
#define LIQ_SCORE_P_MIN 0.01
#define LIQ_SCORE_P_MAX 0.99

struct liq_score_options {
	int64_t from_ms, to_ms;	/* columns opening in [from, to);
				   INT64_MIN, INT64_MAX: all */
	int64_t every_ms;	/* windows of this length from the first
				   column (or from_ms); 0: none */
	int64_t walls_every_ms;	/* snapshots at multiples; 0: each column */
	int64_t horizon_ms;	/* > 0 (24h) */
	double range_pct;	/* walls within this of the close (10) */
	int resamples;		/* bootstrap resamples (1000); 0: none */
	uint64_t seed;
	struct liq_zones_options zones;	/* the zone rule (its defaults) */
};
void liq_score_options_init(struct liq_score_options *o);

/* A score of the model and of its baseline, with 90 % intervals (NaN
 * when there are no resamples or no finite ones). */
struct liq_score_stat {
	double model, naive, diff;	/* diff = model - naive */
	double model_lo, model_hi;
	double naive_lo, naive_hi;
	double diff_lo, diff_hi;
};

struct liq_score_period {
	int kind;		/* LIQ_PERIOD_* */
	int64_t from_ms, to_ms;	/* [from, to) */
	/* bars */
	uint64_t bars;		/* scored */
	uint64_t unknown;	/* realized unknown */
	uint64_t incomplete;	/* prediction or baseline inputs unknown */
	uint64_t days;		/* UTC days with a scored bar */
	struct liq_score_stat bar[2][LIQ_SCORE_NBAR];	/* [0] long, [1] short */
	/* walls */
	uint64_t snapshots, walls, up_first;	/* taken, scored, y = 1 */
	uint64_t no_wall, untouched, both, past_end;
	struct liq_score_stat wall[LIQ_SCORE_NWALL];
	/* the lift (lift_nx 0: no events, or a window of part of a day) */
	int lift_nx;
	double lift_x[LIQ_SCORE_LIFT_MAX_X];	/* X, percent */
	uint64_t lift_days, lift_bars;		/* days and bars scored */
	uint64_t lift_events[LIQ_SCORE_LIFT_NSIDES];	/* events used */
	struct liq_score_stat lift[LIQ_SCORE_LIFT_NSIDES][LIQ_SCORE_LIFT_MAX_X];
};

struct liq_score;

/* Returns 0, LIQ_EARG (bad options: e says which) or LIQ_ENOMEM. */
int liq_score_new(struct liq_score **s, const struct liq_score_options *o,
    struct liq_error *e);
void liq_score_free(struct liq_score *s);

/*
 * Score the lift of ev too (it must outlive s), with lift options o
 * (NULL: liq_lift_options_init's); before the first grid.  Returns 0,
 * LIQ_EARG (bad options) or LIQ_ENOMEM.
 */
int liq_score_events(struct liq_score *s, const struct liq_events *ev,
    const struct liq_lift_options *o, struct liq_error *e);

/* After liq_score_finish: the lift's totals over every grid (the
 * counts of events used, outside the bar's range, without a snapshot,
 * in no bar of the window); NULL without events. */
const struct liq_lift_result *liq_score_lift_totals(const struct liq_score *s);

/*
 * Feed one grid: liq_score_grid (g copied; name for messages), then each
 * of its columns, then liq_score_grid_end, which fails with LIQ_EDATA
 * when no column of the grid had known realized liquidations (unless
 * events were given: their lift needs none; the bar scores are then
 * missing).  A
 * walls_every_ms that is not a multiple of the grid's step is LIQ_EARG.
 */
int liq_score_grid(struct liq_score *s, const struct liq_grid_info *g,
    const char *name, struct liq_error *e);
int liq_score_column(struct liq_score *s, const struct liq_grid_column *c,
    struct liq_error *e);
int liq_score_grid_end(struct liq_score *s, struct liq_error *e);

/*
 * Compute every score.  LIQ_EDATA when two columns (of two grids) have
 * the same time, or (without events) no column in the window has known
 * realized liquidations.  The periods, the whole span first, then the months,
 * then the windows, each in time order, stay valid until
 * liq_score_free.
 */
int liq_score_finish(struct liq_score *s, struct liq_error *e);
const struct liq_score_period *liq_score_periods(const struct liq_score *s,
    size_t *n);

#endif
