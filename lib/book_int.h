/*
 * book_int.h - one side (long or short) of one input's book of
 * liquidation levels: notional per leverage tier and price bin, with the
 * lot queue of --close oldest.  Private to the estimator (lib/book.c).
 *
 * Storage index j in [0, nstore), nstore = nbins + 2: 0 is the bin below
 * price_min, j in [1, nbins] the grid's bin j - 1, nbins + 1 the bin at or
 * above price_max.  Values of tier t are v[t * nstore + j].
 *
 * Invariant:
 *  - The notional (quote currency) of tier t at index j is
 *    v[t * nstore + j] * s[t].  s[t] is a lazy scale: scaling a whole tier
 *    (proportional close, decay) multiplies s[t] only, O(1) per tier.
 *    A scale that leaves s[t] below LIQ_BOOK_RENORM folds it into the
 *    tier's values and lots and sets s[t] to 1 again, so that what an add
 *    stores, x / s[t], stays finite; scaling by 0 clears the tier instead.
 *  - tot[t] is the tier's notional, kept alongside (never below 0): what
 *    the ledger and a close read, without a walk over the bins.
 *  - Every non-zero value lies in [lo, hi] (lo > hi: empty side).
 *  - pj, when not -1, is the bin a touch took only part of and pprice the
 *    price that touch reached in it: a later touch of that bin takes a
 *    fraction of what is left.  Adding to bin pj forgets it.
 *  - With lots (--close oldest) every add appends a lot, so the queue is
 *    in the order positions were opened.  f[j] is the product of
 *    (1 - fraction) of the partial erases of index j since its last full
 *    erase, epoch[j] the count of full erases.  A lot holds units = x /
 *    s[t] at its add, f_add = f[j] and its epoch then; what is left of it
 *    is units * s[t] * f[j] / f_add while the epoch is unchanged, 0 after
 *    a full erase.  An erase scales every level of an index alike, and a
 *    tier scale every level of a tier alike, so this is each lot's share;
 *    a close that takes part of a lot lowers its units by as much.
 *  - Compaction drops lots with nothing left (another epoch, units 0, or
 *    f[j] 0, which only underflow makes).  Closing would take 0 from each
 *    of them and pop it, adding and subtracting exact zeros, so dropping
 *    them earlier changes no value: compaction is exact (a test compares
 *    against LIQ_LOTS_NO_COMPACT, which turns it off).  It runs only when
 *    the queue is full, and grows it when under a quarter was dead.
 */
#ifndef LIQ_BOOK_INT_H
#define LIQ_BOOK_INT_H

#include <stddef.h>
#include <stdint.h>

#include "liq.h"

#define LIQ_BOOK_RENORM 1e-150

/* One position lot, for --close oldest. */
struct lot {
	double units;		/* amount / scale at the time it was added */
	double f_add;		/* the bin's erase factor then */
	uint32_t epoch;		/* the bin's erase epoch then */
	int32_t j;		/* storage index */
	int32_t tier;
};

struct lotq {			/* a ring: a[(head + i) % cap], i < n */
	struct lot *a;
	size_t head, n, cap;
};

struct book {			/* one side of one input */
	double *v;		/* ntiers x nstore */
	double s[LIQ_MAX_TIERS];	/* lazy scale per tier */
	double tot[LIQ_MAX_TIERS];	/* real amount per tier */
	long lo, hi;		/* occupied storage range (lo > hi: empty) */
	long pj;		/* bin partly touched (-1: none) and how far: */
	double pprice;		/* the low (longs) or high (shorts) reached */
	double *f;		/* oldest: erase factor per storage index */
	uint32_t *epoch;	/* oldest: erase epoch per storage index */
	struct lotq q;
	int compact;		/* drop dead lots when the queue is full */
	struct liq_estimate_ledger led;
};

/* An empty side of ntiers x nstore, with a lot queue when lots.  Returns
 * 0 or -1 (out of memory; liq__book_free still frees what was made). */
int liq__book_init(struct book *k, int ntiers, long nstore, int lots);
void liq__book_free(struct book *k);

/* Add notional x > 0 to tier t at index j (x not above 0: nothing).
 * Returns 0 or -1 (out of memory for the lot). */
int liq__book_add(struct book *k, int t, long j, double x, long nstore);

/* Erase fraction fr (1: all) of index j in every tier; returns the
 * notional erased. */
double liq__book_erase(struct book *k, int ntiers, long j, double fr,
    long nstore);

/* Scale every level of tier t by g in [0, 1]; returns the notional that
 * left. */
double liq__book_scale(struct book *k, int t, double g, long nstore);

/* Close notional a from the oldest lots (lots must be on). */
void liq__book_close_oldest(struct book *k, double a, long nstore);

/* The notional held, all tiers. */
double liq__book_open(const struct book *k, int ntiers);

#endif /* LIQ_BOOK_INT_H */
