/*
 * estimate_int.h - the state of an estimate, shared by its files:
 * lib/plan.c (liq_estimate_open: inputs, window, axes, allocation),
 * lib/estimate.c (the model and the columns, liq_estimate_run),
 * lib/estimate_opts.c (options, and their record in the grid's params)
 * and lib/book.c (one side's book, book_int.h).  Private.
 */
#ifndef LIQ_ESTIMATE_INT_H
#define LIQ_ESTIMATE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "book_int.h"
#include "liq.h"

/*
 * One market (venue, symbol, market and contract size): the bars files
 * of it, read as one stream (struct liq_bars_merge), and its own
 * simulation.  Inputs that are not regular files were spooled to
 * temporary files first, so every stream can be read again.
 */
struct input {
	const char *path;	/* the first file, for messages */
	const char **paths;	/* the files, npaths of them */
	const char **names;	/* and as the user named them */
	int npaths;
	int64_t first, last;	/* the span: first bar, last bar's open */
	int span_known;		/* from every file's header */
	struct liq_bars_info info;
	struct liq_bars_merge *m;
	struct liq_bars_seams seams;	/* of the last full read */
	int prefer;		/* LIQ_PREFER_* where files differ */
	int layer;		/* layer pair */
	int margin;
	int market;
	int has_oi, proxy;
	struct liq_brackets user;	/* --brackets, or Bybit's */
	struct liq_brackets_dated *dated;	/* Binance rule: by date */
	struct book side[2];	/* 0 long, 1 short */
	double prev_oi;		/* native units: base, or USD for inverse */
	int have_prev;
	int seeded;		/* the open interest at the start placed */
	int64_t last_t;		/* previous bar simulated */
	double oi_quote;	/* latest known, for the columns */
	struct liq_bar next;
	int have_next, done;
};

struct liq_estimate {
	struct liq_estimate_options o;
	struct input *in;
	int n;
	const char **paths;	/* every file, spooled ones by their temporary
				   name, grouped into in[] */
	char **spool;		/* temporary files: names to read them by */
	FILE **spool_f;		/* and the files, closed at the close */
	struct stat *held;	/* files read again by name: their stat at
				   the scan (st_nlink 0: not such a file) */
	int nspool;
	struct liq_bars_seams spool_seams;	/* how their members joined */
	struct liq_grid_info g;
	int64_t model_start, end;	/* bars read: [model_start, end) */
	int64_t sim_end;		/* bars simulated: before this (--to) */
	long nstore;			/* nbins + 2 */
	int tier_pairs;			/* layer pairs per venue pair: the
					   tiers with --by-leverage, else 1 */
	double *edge;			/* liq_grid_edge(g, i), i <= nbins */
	float *cells;			/* nlayers x nbins */
	float *sums;			/* long and short sums, > 2 layers */
	/* the column being built */
	struct liq_grid_column col;
	int col_src;			/* input giving OHLC, -1 none yet */
	double last_close;
	int nproxy;
	double axis_p0;			/* the price the axis is set from */
	double price_low, price_high;	/* the window's, for pictures */
	int64_t data_from, data_to;	/* the window's bars: first, end */
	int64_t left_ms;		/* first bar past the axis (INT64_MIN) */
};

/* An error in a file read by its /proc/self/fd name: the user's name. */
void liq__estimate_name_error(const struct liq_estimate *, struct liq_error *);

/* The next bar of in: 1 with a bar, 0 at the end, or a negative code. */
static inline int
liq__input_next(struct input *in, struct liq_bar *b, struct liq_error *e)
{
	int rc = liq_bars_merge_read(in->m, b, e);

	if (rc == 0)
		liq_bars_merge_seams(in->m, &in->seams);
	return rc;
}

/* Start reading in from its beginning (a file is opened again).  Returns
 * 0 or a negative code.  (lib/plan.c) */
int liq__input_rewind(struct input *in, struct liq_error *e);

/* Append the model's parameters, as "key=value\n" lines, to
 * est->g.params; the inputs' margin rules must be known.
 * (lib/estimate_opts.c) */
void liq__estimate_record_params(struct liq_estimate *est);

/* plan.c: the files read again by name are the ones scanned (0 or
 * LIQ_EDATA naming the file). */
int liq__estimate_check_held(const struct liq_estimate *est,
    struct liq_error *e);

#endif /* LIQ_ESTIMATE_INT_H */
