/*
 * liq_events.h - realized liquidation events with prices, and the lift:
 * how much of the realized notional falls where a heatmap put its
 * liquidity.  Part of the liq library's public interface (see liq.h for
 * the conventions: return codes, errors, ownership); include it after, or
 * instead of, liq.h.  The file formats and the exact definition of the
 * lift are in man/liq-events.5.
 *
 * Events.  liq_events_read reads a whole file (plain, gzip or zip, "-"
 * or NULL for stdin) into memory, about 48 bytes per event, sorted by
 * time (stable: rows of one time keep the file's order).  The format is
 * told from the header line (LIQ_EVFMT_*), or given by spec:
 *   NULL or ""          detect from the header
 *   "bybit", "tardis", "binance-snapshot", "binance-forceorder"
 *                       that format (the header must fit it)
 *   "time=COL,side=COL,price=COL,qty=COL[,notional=COL][,symbol=COL]
 *    [,long=VALUE][,short=VALUE][,contract=SIZE][,price-kind=KIND]"
 *                       any CSV with a header, its columns named
 *                       (LIQ_EVFMT_MAP)
 * and, in every form, the extra keys "contract=SIZE" (quantities are
 * contracts of SIZE quote currency: inverse; qty_base = notional /
 * price) and "price-kind=fill|bankruptcy" after a format name:
 * "bybit,price-kind=fill".  Every row is checked: the time (epoch
 * s/ms/us/ns told by magnitude, or ISO 8601), between 2009 and 2100;
 * the side; price > 0, finite and from 1e-8 to 1e9; qty > 0 and finite;
 * a given notional > 0.  A bad row is an error naming the file, line,
 * field and text (LIQ_EDATA); nothing is skipped silently, except exact
 * repeats of a Binance liquidationSnapshot row within 60 s, which are
 * counted (liq_events_repeats).  Every row must name the same symbol
 * when the file has a symbol column.
 *
 * The lift.  A liq_lift is fed the grid's columns in time order, each
 * with the column before it; the before column's cells are the book at
 * the bar's open (a column's cells are the snapshot at its end).  For a
 * bar t with traversed range [low, high] (widened by tol_pct), the bins
 * that range touches, and each X of x_pct, weights w[i] pick the top X %
 * of those bins by the before column's density (ties share the weight
 * evenly, so a flat map gives every bin X/100); an event of the bar
 * whose price p (bankruptcy prices moved to the liquidation price, see
 * bankruptcy_mmr) is in bin i counts w[i] x notional in the numerator
 * and notional in the denominator.  share = numerator / denominator,
 * lift = share / (X / 100): 1 is a map no better than uniform.  Long
 * liquidations are scored on the long layers' sum, short ones on the
 * short layers' sum, and "either" (every event) on long + short.
 * Memory: O(nbins) plus one record per UTC day.
 */
#ifndef LIQ_EVENTS_H
#define LIQ_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "liq.h"

/* ---------------------------------------------------------------- events */

/* Which position was liquidated (struct liq_event.side). */
enum { LIQ_EVENT_LONG = 0, LIQ_EVENT_SHORT = 1 };

/* File formats (liq_events_format). */
enum {
	LIQ_EVFMT_AUTO,			/* spec: detect */
	LIQ_EVFMT_BYBIT,		/* ts_ms,symbol,side,qty,price */
	LIQ_EVFMT_TARDIS,		/* Tardis.dev liquidations CSV */
	LIQ_EVFMT_BINANCE_SNAPSHOT,	/* Binance liquidationSnapshot */
	LIQ_EVFMT_BINANCE_FORCEORDER,	/* forceOrder records: JSON lines
					   or CSV of the payload's keys */
	LIQ_EVFMT_MAP			/* any CSV by a column map */
};

/*
 * What an event's price is: the price the liquidation order filled at
 * (Binance average price, Tardis), or the bankruptcy price (Bybit's
 * liquidation feed), which lies beyond the liquidation price by about
 * the maintenance margin.
 */
enum { LIQ_EVPRICE_FILL, LIQ_EVPRICE_BANKRUPTCY };

/* One event.  line is its line in the file (1-based). */
struct liq_event {
	int64_t time_ms;
	int side;		/* LIQ_EVENT_* */
	double price;		/* quote currency, as the file gives it */
	double qty_base;	/* base currency */
	double notional_quote;	/* the file's, or price x qty_base */
	int64_t line;
};

struct liq_events;

/*
 * Read path with spec (above) into *out (NULL on failure).  Returns 0,
 * or LIQ_EARG (a bad spec), LIQ_EFORMAT (a header that fits no format
 * or not the one asked for; a column the map names is missing),
 * LIQ_EDATA (a bad row; an empty file or one without events), LIQ_EIO,
 * LIQ_ECONTAINER or LIQ_ENOMEM, with e set.
 */
int liq_events_read(const char *path, const char *spec,
    struct liq_events **out, struct liq_error *e);
void liq_events_free(struct liq_events *ev);

/* The events, sorted by time: liq_events_count of them. */
size_t liq_events_count(const struct liq_events *ev);
const struct liq_event *liq_events_array(const struct liq_events *ev);

/* The index of the first event with time_ms >= t (count: none). */
size_t liq_events_lower_bound(const struct liq_events *ev, int64_t t);

/* The format read (LIQ_EVFMT_*) and its name ("bybit", "tardis",
 * "binance-snapshot", "binance-forceorder", "map"). */
int liq_events_format(const struct liq_events *ev);
const char *liq_events_format_name(int fmt);

/* LIQ_EVPRICE_* of the events' prices (by format, or price-kind=). */
int liq_events_price_kind(const struct liq_events *ev);

/* The symbol of the rows ("" when the file has no symbol column), and
 * the venue the format or rows name ("bybit", "binance", Tardis's
 * exchange column; "" when not known). */
const char *liq_events_symbol(const struct liq_events *ev);
const char *liq_events_venue(const struct liq_events *ev);

/* Exact repeats dropped (Binance liquidationSnapshot rows). */
uint64_t liq_events_repeats(const struct liq_events *ev);

/* ------------------------------------------------------------------ lift */

#define LIQ_LIFT_MAX_X 8

/* The sides a lift is reported for (index of struct liq_lift_result). */
enum { LIQ_LIFT_LONG = 0, LIQ_LIFT_SHORT = 1, LIQ_LIFT_EITHER = 2,
    LIQ_LIFT_NSIDES = 3 };

struct liq_lift_options {
	int nx;				/* 4 */
	double x_pct[LIQ_LIFT_MAX_X];	/* 5, 10, 20, 50; each in (0, 100] */
	double tol_pct;			/* widen [low, high] by tol_pct % of
					   price each way (0) */
	double bankruptcy_mmr;		/* bankruptcy prices p become the
					   liquidation price p x (1 + m) for
					   a long, p x (1 - m) for a short
					   (0.005, Bybit's BTCUSDT base
					   tier); 0: taken as they are */
};
void liq_lift_options_init(struct liq_lift_options *o);

/* Sums of one side at one X: num = sum of w x notional, den = sum of
 * notional; share = num / den and lift = share / (X / 100) (NaN when
 * den is 0). */
struct liq_lift_score {
	double num, den;
	double share, lift;
};

/*
 * What a lift has seen.  Every event of the set falls in exactly one of
 * events_used, outside_range, no_snapshot, outside_time:
 *   used          scored: in a bar with a snapshot and a range, its
 *                 price inside the range (and on the grid's axis)
 *   outside_range in such a bar, its (adjusted) price outside the
 *                 widened range or off the axis: not scored
 *   no_snapshot   in a bar without a before column (the grid's first),
 *                 without a price (NaN low/high) or whose whole range is
 *                 off the axis
 *   outside_time  in no bar given to liq_lift_add
 * (per side LIQ_EVENT_*; the notional alike).  bars: bars with a
 * snapshot and a range; bars_events: those with at least one event used.
 */
struct liq_lift_result {
	int nx;
	double x_pct[LIQ_LIFT_MAX_X];
	struct liq_lift_score score[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X];
	struct liq_lift_score naive[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X];
	uint64_t events_used[2], outside_range[2], no_snapshot[2],
	    outside_time[2];
	double notional_used[2], notional_outside_range[2],
	    notional_no_snapshot[2], notional_outside_time[2];
	uint64_t bars_added, bars, bars_events;
};

/*
 * One UTC day of bars (by the bar's open time), for block-bootstrap
 * intervals: the day's num (the map's, and the naive map's) and den per
 * side and X, events used per side
 * (LIQ_LIFT_EITHER: both).  Days come in time order, only days with a
 * bar scored.
 */
struct liq_lift_day {
	int64_t day_ms;			/* 00:00 UTC of the day */
	double num[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X];
	double naive_num[LIQ_LIFT_NSIDES][LIQ_LIFT_MAX_X];
	double den[LIQ_LIFT_NSIDES];
	uint64_t events[LIQ_LIFT_NSIDES];
	uint32_t bars;
};

struct liq_lift;

/*
 * A lift over grid g (its axis and step) scoring events ev (which must
 * outlive it), o NULL for the defaults.  Returns 0 or LIQ_EARG (a bad
 * option: nx out of 1..LIQ_LIFT_MAX_X, an X out of (0, 100], a negative
 * or non-finite tol_pct or mmr) or LIQ_ENOMEM.
 */
int liq_lift_new(struct liq_lift **l, const struct liq_grid_info *g,
    const struct liq_events *ev, const struct liq_lift_options *o,
    struct liq_error *e);

/*
 * Score bar (a column of g) with before, the column just before it
 * (NULL for the grid's first: its events count as no_snapshot).  Bars
 * must come in increasing time, a step or more apart; before->time_ms
 * must be bar->time_ms - step_ms.  The bar's events are those with
 * time_ms in [bar->time_ms, bar->time_ms + step_ms).  Returns 0 or
 * LIQ_EARG (out of order, a before that is not the column before) or
 * LIQ_ENOMEM with e set.
 */
int liq_lift_add(struct liq_lift *l, const struct liq_grid_column *before,
    const struct liq_grid_column *bar, struct liq_error *e);

/* The totals so far (outside_time counts every event not yet in a bar). */
void liq_lift_result(const struct liq_lift *l, struct liq_lift_result *r);

/* The days so far, and day i of them (i < liq_lift_ndays). */
size_t liq_lift_ndays(const struct liq_lift *l);
const struct liq_lift_day *liq_lift_day(const struct liq_lift *l, size_t i);

void liq_lift_free(struct liq_lift *l);

#endif /* LIQ_EVENTS_H */
