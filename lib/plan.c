/*
 * plan.c - liq_estimate_open: from the bars inputs and the options to a
 * grid whose axes are final (man/liq-estimate.1, "Window", "Columns and
 * bins", "Several inputs", "No open interest"), in named steps:
 *
 *	open_inputs		headers, span, margin rules, layer pairs
 *	pick_window		--from, --to, --lookback
 *	pick_columns		--step, the grid's start and columns
 *	scan_window		the bars: open interest, prices, spans checked
 *	start_at_first_price	the first column with a price
 *	pick_price_range	price_min, price_max
 *	pick_bins		--bins, --tick, round edges
 *	name_grid		venue, symbol, layers, command, params
 *	allocate		the column and the books
 *
 * Each step reads what the ones before it decided (in est, and in the
 * struct plan they pass on) and fills in its own part.  Opening reads
 * each input's header (all of an input without a known span, into
 * memory), the scan reads every input to its end, and liq_estimate_run
 * (lib/estimate.c) once more.  Each regular file is opened once and read
 * again through /proc/self/fd, so that every pass reads the same file
 * even when another is renamed over its name meanwhile (liq-ingest -o).  Also the inputs' rewind, the accessors of
 * what was planned and liq_estimate_close.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bars_int.h"
#include "estimate_int.h"
#include "num_int.h"

/* What the steps pass on to each other; not kept after the open. */
struct plan {
	int64_t first, last;	/* the data span over all inputs */
	int64_t iv;		/* the largest bar interval */
	int64_t start, end;	/* the window; start later the grid's */
	int64_t fp;		/* the first bar with a price in the window */
	double p0;		/* and its open: the axis is set from it */
	double lo, hi;		/* the lowest low, highest high in it */
	int64_t data_to;	/* the end of the last bar in the window */
	int nlayers;		/* layer pairs */
	int respan;		/* the scan found other spans than planned */
};

/* ---------------------------------------------------------- the inputs */

int
liq__input_rewind(struct input *in, struct liq_error *e)
{
	int rc;

	liq_bars_merge_close(in->m);
	in->m = NULL;
	if ((rc = liq_bars_merge_open(&in->m, in->paths, in->npaths,
	    in->prefer, e)) != 0)
		return rc;
	liq_bars_merge_names(in->m, in->names);
	return 0;
}

/* The layer pair of the first of inputs [0, upto) of venue, or -1. */
static int
venue_index(const struct liq_estimate *est, int upto, const char *venue)
{
	for (int i = 0; i < upto; i++)
		if (strcmp(est->in[i].info.venue, venue) == 0)
			return est->in[i].layer;
	return -1;
}

/*
 * Copy the bars of path (standard input, a pipe) to a temporary binary
 * file, so that it can be read again: memory stays flat whatever the
 * length of the input, the disk holds 148 bytes a bar.  The file is
 * removed at once and read again through /proc/self/fd (so that no
 * temporary file is ever left behind, not even after SIGKILL); without
 * /proc it keeps its name until liq_estimate_close.  *tmp gets the name
 * to read it by, *fp the open file (the caller closes both).
 */
static int
spool(const char *path, char **tmp, FILE **fp, int prefer,
    struct liq_bars_seams *sm, struct liq_error *e)
{
	const char *dir = getenv("TMPDIR");
	struct liq_bars_reader *r;
	struct liq_bars_writer *w = NULL;
	struct liq_bar b;
	char name[4096];
	FILE *f;
	int fd, rc;

	*tmp = NULL;
	*fp = NULL;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(name, sizeof(name), "%s/liq-spool.XXXXXX", dir);
	if ((fd = mkstemp(name)) < 0 || (f = fdopen(fd, "w+")) == NULL) {
		rc = liq_error_set(e, LIQ_EIO, name, 0, NULL, NULL, 0,
		    "cannot make a temporary file for %s: %s", path,
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(name);
		}
		return rc;
	}
	if (access("/proc/self/fd", X_OK) == 0) {
		unlink(name);
		snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	}
	*fp = f;
	if ((*tmp = strdup(name)) == NULL)
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	if ((rc = liq_bars_reader_open(&r, path, e)) != 0)
		return rc;
	liq_bars_reader_prefer(r, prefer);
	if ((rc = liq_bars_writer_open(&w, f, liq_bars_reader_info(r), 0,
	    e)) == 0) {
		while ((rc = liq_bars_read(r, &b, e)) == 1)
			if ((rc = liq_bars_write(w, &b, e)) != 0)
				break;
		if (rc == 0)
			rc = liq_bars_writer_close(w, e);
	}
	if (rc == 0) {
		struct liq_bars_seams x;

		/* (holes between its members are the merge's to fill) */
		liq_bars_reader_seams(r, &x);
		sm->equal += x.equal;
		sm->merged += x.merged;
		sm->preferred += x.preferred;
	}
	liq_bars_writer_free(w);
	liq_bars_reader_close(r);
	if ((rc == LIQ_EIO && e->file[0] == '\0') ||
	    ((fflush(f) != 0 || ferror(f)) && rc == 0))
		rc = liq_error_set(e, LIQ_EIO, path, 0, NULL, NULL, 0,
		    "cannot keep a copy to read again in %s: write error: %s",
		    dir, strerror(errno ? errno : EIO));
	return rc;
}

/*
 * Keep path (a regular file) open for as long as the estimate: *tmp gets
 * the name that reads this very file again (/proc/self/fd/N), *fp the
 * open file (the caller closes both).  Without /proc, or past half the
 * limit of open files (thousands of daily files), *tmp is path: read
 * again by name, as before.
 */
static int
hold(const char *path, char **tmp, FILE **fp, struct liq_error *e)
{
	struct rlimit rl;
	char name[64];
	int se;

	*tmp = NULL;
	if (access("/proc/self/fd", X_OK) != 0)
		*fp = NULL;
	else if ((*fp = fopen(path, "re")) == NULL &&
	    errno != EMFILE && errno != ENFILE) {
		se = errno;
		liq_error_set(e, LIQ_EIO, path, 0, NULL, NULL, 0, "%s",
		    strerror(se));
		if (e != NULL)
			e->sys_errno = se;
		return LIQ_EIO;
	}
	/* keep half the descriptors for the readers and the outputs */
	if (*fp != NULL && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY &&
	    (rlim_t)fileno(*fp) >= rl.rlim_cur / 2) {
		fclose(*fp);
		*fp = NULL;
	}
	if (*fp != NULL)
		snprintf(name, sizeof(name), "/proc/self/fd/%d", fileno(*fp));
	// cppcheck-suppress legacyUninitvar ; name is set when *fp != NULL
	if ((*tmp = strdup(*fp != NULL ? name : path)) == NULL)
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	return 0;
}

/* An error in a file read by its /proc/self/fd name: name it as the user
 * did. */
void
liq__estimate_name_error(const struct liq_estimate *est, struct liq_error *e)
{
	if (e == NULL || strncmp(e->file, "/proc/self/fd/", 14) != 0)
		return;
	for (int i = 0; i < est->n; i++)
		for (int j = 0; j < est->in[i].npaths; j++)
			if (strcmp(e->file, est->in[i].paths[j]) == 0) {
				snprintf(e->file, sizeof(e->file), "%s",
				    est->in[i].names[j]);
				return;
			}
}

/* Set up a new input for the file path (already checked) of info. */
static int
new_input(struct liq_estimate *est, struct input *in, const char *path,
    const struct liq_bars_info *info, struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	int rc;

	in->path = path;
	in->info = *info;
	in->last_t = INT64_MIN;
	in->oi_quote = NAN;
	in->prefer = o->prefer;
	in->first = INT64_MAX;
	in->last = INT64_MIN;
	in->span_known = 1;
	in->market = info->market;
	in->margin = o->margin >= 0 ? o->margin :
	    liq_venue_margin_rule(info->venue);
	if (o->brackets_path) {
		if ((rc = liq_brackets_load(o->brackets_path, &in->user,
		    e)) != 0)
			return rc;
	} else
		liq_brackets_builtin("bybit-btcusdt", &in->user);
	if (!o->brackets_path && in->margin == LIQ_MARGIN_BINANCE)
		return liq_brackets_dated_open(&in->dated, info->symbol,
		    info->market, e);
	return 0;
}

/*
 * The asset a symbol trades, for the check that inputs share one price
 * axis: upper case, the first part of a dashed or underscored name
 * (BTC-USDT-SWAP, BTCUSD_PERP, BTCUSD_240329), a PERP and then a quote
 * suffix stripped (BTCPERP, BTCUSDT, BTCUSDC, BTCUSD), XBT read as BTC.
 */
static void
symbol_asset(const char *sym, char *a, size_t cap)
{
	static const char *const quote[] = { "PERP", "FDUSD", "BUSD", "USDT",
	    "USDC", "USD" };
	size_t n = 0, k;

	while (sym[n] != '\0' && sym[n] != '-' && sym[n] != '_' &&
	    sym[n] != '/' && n + 1 < cap) {
		a[n] = (char)(sym[n] >= 'a' && sym[n] <= 'z' ? sym[n] - 32 :
		    sym[n]);
		n++;
	}
	a[n] = '\0';
	for (size_t i = 0; i < sizeof(quote) / sizeof(quote[0]); i++)
		if ((k = strlen(quote[i])) < n &&
		    strcmp(a + n - k, quote[i]) == 0)
			a[n -= k] = '\0';
	if (strcmp(a, "XBT") == 0)
		snprintf(a, cap, "BTC");
}

/* Read path's header and add it to the input of its market (a new one
 * for a new market).  name is the file as the user gave it. */
static int
add_file(struct liq_estimate *est, const char *path, const char *name,
    int nfiles, struct liq_error *e)
{
	struct liq_bars_reader *r;
	struct liq_bars_info info;
	struct input *in = NULL;
	int i, rc;

	if ((rc = liq_bars_reader_open(&r, path, e)) != 0) {
		if (e != NULL && strcmp(e->file, path) == 0 &&
		    strcmp(name, "-") != 0)
			snprintf(e->file, sizeof(e->file), "%s", name);
		return rc;
	}
	info = *liq_bars_reader_info(r);
	liq_bars_reader_close(r);
	if ((info.first_ms != INT64_MIN && (info.first_ms < -(INT64_C(1) <<
	    52) || info.last_ms > (INT64_C(1) << 52) || info.last_ms <
	    info.first_ms)) || info.interval_ms > (INT64_C(1) << 40))
		return liq_error_set(e, LIQ_EFORMAT, name, 0, NULL, NULL, 0,
		    "corrupt bars header (span out of range)");
	if (info.market == LIQ_MARKET_SPOT)
		return liq_error_set(e, LIQ_EDATA, name, 0, NULL, NULL, 0,
		    "spot bars have no open interest or leverage: use a "
		    "futures market");
	for (i = 0; i < est->n; i++)
		if (liq__same_market(&est->in[i].info, &info)) {
			in = &est->in[i];
			break;
		}
	if (in != NULL && in->info.interval_ms != info.interval_ms) {
		char a[32], b[32];

		return liq_error_set(e, LIQ_EDATA, name, 0, NULL, NULL, 0,
		    "%s bars of %s %s, and %s bars of it in %s: give bars of "
		    "one interval per market", liq_duration_format(
		    info.interval_ms, a, sizeof(a)), info.venue, info.symbol,
		    liq_duration_format(in->info.interval_ms, b, sizeof(b)),
		    in->path);
	}
	if (in == NULL && est->n > 0 && info.symbol[0] != '\0' &&
	    est->in[0].info.symbol[0] != '\0') {
		char a[LIQ_SYMBOL_MAX], b[LIQ_SYMBOL_MAX];

		symbol_asset(info.symbol, a, sizeof(a));
		symbol_asset(est->in[0].info.symbol, b, sizeof(b));
		if (strcmp(a, b) != 0)
			return liq_error_set(e, LIQ_EDATA, name, 0, "symbol",
			    NULL, 0, "%s (%s), but %s is %s (%s): inputs of one "
			    "asset only (they share one price axis)",
			    info.symbol, a, est->in[0].names[0],
			    est->in[0].info.symbol, b);
	}
	if (in == NULL) {
		in = &est->in[est->n++];
		if ((in->paths = calloc((size_t)nfiles, sizeof(*in->paths))) ==
		    NULL || (in->names = calloc((size_t)nfiles,
		    sizeof(*in->names))) == NULL)
			return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL,
			    0, "out of memory");
		if ((rc = new_input(est, in, name, &info, e)) != 0)
			return rc;
	}
	in->names[in->npaths] = strcmp(name, "-") == 0 ? "(stdin)" : name;
	in->paths[in->npaths++] = path;
	if (info.first_ms == INT64_MIN || info.last_ms == INT64_MIN)
		in->span_known = 0;
	else {
		if (info.first_ms < in->first)
			in->first = info.first_ms;
		if (info.last_ms > in->last)
			in->last = info.last_ms;
	}
	return 0;
}

/* Read every input through to learn its span (headers did not say). */
static int
learn_span(struct input *in, struct liq_error *e)
{
	struct liq_bar b;
	int rc;

	if ((rc = liq__input_rewind(in, e)) != 0)
		return rc;
	in->first = INT64_MAX;
	in->last = INT64_MIN;
	while ((rc = liq__input_next(in, &b, e)) == 1) {
		if (in->first == INT64_MAX)
			in->first = b.time_ms;
		in->last = b.time_ms;
	}
	in->span_known = 1;
	return rc;
}

/* The data span over all inputs, the largest interval, layer pairs. */
static int
span_of_inputs(struct liq_estimate *est, struct plan *p, struct liq_error *e)
{
	p->first = INT64_MAX;
	p->last = INT64_MIN;
	p->iv = 0;
	for (int i = 0; i < est->n; i++) {
		struct input *in = &est->in[i];
		int rc;

		if (!in->span_known && (rc = learn_span(in, e)) < 0)
			return rc;
		if (in->first == INT64_MAX)
			return liq_error_set(e, LIQ_EDATA, in->path, 0, NULL,
			    NULL, 0, "no bars in the file");
		if (in->first < p->first)
			p->first = in->first;
		if (in->last + in->info.interval_ms > p->last)
			p->last = in->last + in->info.interval_ms;
		if (in->info.interval_ms > p->iv)
			p->iv = in->info.interval_ms;
	}
	return 0;
}

/*
 * Open every input: files of one market become one input, read as one
 * stream in time order whatever their order here; standard input and
 * pipes are spooled to temporary files.  p gets the data span, the
 * largest interval and the layer pairs.
 */
static int
open_inputs(struct liq_estimate *est, const char *const *paths, int n,
    struct plan *p, struct liq_error *e)
{
	int stdin_used = 0, rc, i;

	for (i = 0; i < n; i++) {
		const char *path = paths[i] ? paths[i] : "-";
		int is_stdin = strcmp(path, "-") == 0;
		struct stat st;

		if (is_stdin && stdin_used++)
			return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL,
			    0, "standard input given twice");
		est->paths[i] = path;
		memset(&st, 0, sizeof(st));	/* st_nlink 0: not known */
		if (is_stdin || (stat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
			int k = est->nspool++;

			if ((rc = spool(path, &est->spool[k], &est->spool_f[k],
			    est->o.prefer, &est->spool_seams, e)) != 0)
				return rc;
			est->paths[i] = est->spool[k];
		} else {
			int k = est->nspool++;

			if ((rc = hold(path, &est->spool[k], &est->spool_f[k],
			    e)) != 0)
				return rc;
			est->paths[i] = est->spool[k];
			/* read again by name: what it is now, to tell later */
			if (est->spool_f[k] == NULL)
				est->held[k] = st;
		}
	}
	for (i = 0; i < n; i++)
		if ((rc = add_file(est, est->paths[i], paths[i] ? paths[i] :
		    "-", n, e)) != 0)
			return rc;
	if ((rc = span_of_inputs(est, p, e)) != 0)
		return rc;
	p->nlayers = 0;
	for (i = 0; i < est->n; i++) {
		struct input *in = &est->in[i];

		if (!est->o.by_venue)
			in->layer = 0;
		else if ((in->layer = venue_index(est, i, in->info.venue)) < 0)
			in->layer = p->nlayers++;
	}
	if (!est->o.by_venue)
		p->nlayers = 1;
	/* --by-leverage: a pair per venue pair and tier, tier-minor */
	est->tier_pairs = est->o.by_leverage ? est->o.ntiers : 1;
	if (2 * p->nlayers * est->tier_pairs > LIQ_GRID_MAX_LAYERS)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "%s: %d layer pairs (%d venue%s x %d tier%s), at most %d",
		    est->o.by_leverage ? "--by-leverage" : "--by-venue",
		    p->nlayers * est->tier_pairs, p->nlayers,
		    p->nlayers == 1 ? "" : "s", est->tier_pairs,
		    est->tier_pairs == 1 ? "" : "s", LIQ_GRID_MAX_LAYERS / 2);
	p->nlayers *= est->tier_pairs;
	return 0;
}

/* ------------------------------------------------------------- the axes */

/* The window [start, end): the span cut by --lookback, --from, --to. */
static int
pick_window(struct liq_estimate *est, struct plan *p, struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;

	p->start = p->first;
	p->end = p->last;
	if (o->lookback_ms > 0) {
		if (o->to_ms != INT64_MAX && o->to_ms < p->end)
			p->end = o->to_ms;
		p->start = p->end - o->lookback_ms;
	}
	if (o->from_ms != INT64_MIN && o->from_ms > p->start)
		p->start = o->from_ms;
	if (o->to_ms != INT64_MAX && o->to_ms < p->end)
		p->end = o->to_ms;
	if (p->start < p->first)
		p->start = p->first;
	if (p->end <= p->start) {
		char a[40], b[40];

		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "the window holds no bars (data from %s to %s)",
		    liq_time_format(p->first, a, sizeof(a)),
		    liq_time_format(p->last, b, sizeof(b)));
	}
	return 0;
}

/*
 * The step a trader reads: the smallest of 1s, 5s, 15s, 30s, 1m, 5m,
 * 15m, 30m, 1h, 4h, 1d, 1w at least want that is a whole number of bar
 * intervals iv (want itself when none is).
 */
static int64_t
round_step(int64_t iv, int64_t want)
{
	static const int64_t steps[] = { 1000, 5000, 15000, 30000, 60000,
	    300000, 900000, 1800000, 3600000, 14400000, 86400000, 604800000 };

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] >= want && steps[i] % iv == 0)
			return steps[i];
	return want;
}

/* The column step, start and count; the spans read and simulated. */
static int
pick_columns(struct liq_estimate *est, struct plan *p, struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	struct liq_grid_info *g = &est->g;

	g->step_ms = o->step_ms;
	if (g->step_ms == 0) {
		int64_t k = ((p->end - p->start) / p->iv + o->max_cols - 1) /
		    o->max_cols;

		g->step_ms = round_step(p->iv, p->iv * (k < 1 ? 1 : k));
	}
	for (int i = 0; i < est->n; i++)
		if (g->step_ms % est->in[i].info.interval_ms != 0) {
			char a[32], b[32];

			return liq_error_set(e, LIQ_EARG, est->in[i].path, 0,
			    NULL, NULL, 0, "the column step %s is not a "
			    "multiple of the bar interval %s",
			    liq_duration_format(g->step_ms, a, sizeof(a)),
			    liq_duration_format(est->in[i].info.interval_ms, b,
			    sizeof(b)));
		}
	p->start -= liq__floormod(p->start, g->step_ms);
	g->start_ms = p->start;
	g->ncols = (uint64_t)((p->end - p->start + g->step_ms - 1) /
	    g->step_ms);
	if (g->ncols > 10000000)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "%llu columns is too many: use a larger --step",
		    (unsigned long long)g->ncols);
	est->end = p->start + (int64_t)g->ncols * g->step_ms;
	est->sim_end = p->end < est->end ? p->end : est->end;
	est->model_start = o->warmup_ms < 0 ? INT64_MIN :
	    p->start - o->warmup_ms;
	return 0;
}

/* Read in to its end: has_oi, prices into p, the header's span checked. */
static int
scan_input(struct liq_estimate *est, struct input *in, struct plan *p,
    struct liq_error *e)
{
	int64_t seen0 = INT64_MIN, seen1 = INT64_MIN;
	struct liq_bar b;
	int rc;

	if ((rc = liq__input_rewind(in, e)) != 0)
		return rc;
	while ((rc = liq__input_next(in, &b, e)) == 1) {
		if (seen0 == INT64_MIN)
			seen0 = b.time_ms;
		seen1 = b.time_ms;
		if (b.time_ms < est->model_start || b.time_ms >= est->end)
			continue;
		if (b.flags & LIQ_BAR_OI)
			in->has_oi = 1;
		if (b.time_ms < p->start || !(b.flags & LIQ_BAR_PRICE) ||
		    b.time_ms > est->sim_end - in->info.interval_ms)
			continue;
		if (b.time_ms < p->fp) {
			p->fp = b.time_ms;
			p->p0 = isfinite(b.open) && b.open > 0 ? b.open : b.close;
		}
		if (b.time_ms + in->info.interval_ms > p->data_to)
			p->data_to = b.time_ms + in->info.interval_ms;
		if (b.low < p->lo)
			p->lo = b.low;
		if (b.high > p->hi)
			p->hi = b.high;
	}
	if (rc < 0)
		return rc;
	if (seen0 != in->first || seen1 != in->last) {
		/* a header's span was not the stream's (a file of several
		 * members says its first member's): plan again with these */
		in->first = seen0 == INT64_MIN ? INT64_MAX : seen0;
		in->last = seen1;
		p->respan = 1;
	}
	return 0;
}

/* Scan every input; no open interest needs --oi-proxy, no prices fail. */
static int
scan_window(struct liq_estimate *est, struct plan *p, struct liq_error *e)
{
	int rc;

	p->lo = INFINITY;
	p->hi = -INFINITY;
	p->fp = INT64_MAX;
	p->p0 = NAN;
	p->data_to = INT64_MIN;
	for (int i = 0; i < est->n; i++) {
		struct input *in = &est->in[i];

		if ((rc = scan_input(est, in, p, e)) != 0)
			return rc;
		if (!in->has_oi) {
			if (isnan(est->o.oi_proxy))
				return liq_error_set(e, LIQ_EDATA, in->path, 0,
				    in->market == LIQ_MARKET_INVERSE ?
				    "oi_quote" : "oi_base", NULL, 0,
				    "no open interest in the bars (%s; "
				    "klines or trades only?): add the metrics "
				    "files to liq-ingest, or use --oi-proxy "
				    "FRACTION", in->market ==
				    LIQ_MARKET_INVERSE ? "oi_quote, in USD, "
				    "for an inverse market" : "oi_base, in "
				    "base currency");
			in->proxy = 1;
			est->nproxy++;
		}
	}
	if (!(p->hi >= p->lo) || !(p->lo > 0))
		return liq_error_set(e, LIQ_EDATA, NULL, 0, NULL, NULL, 0,
		    "no prices in the window");
	/* what the grid's params say of its data (and the axis's P0) */
	est->axis_p0 = p->p0;
	est->price_low = p->lo;
	est->price_high = p->hi;
	est->data_from = p->fp;
	est->data_to = p->data_to < est->sim_end ? p->data_to : est->sim_end;
	return 0;
}

/* Without --from, --lookback: start at the first priced bar's column. */
static void
start_at_first_price(struct liq_estimate *est, struct plan *p)
{
	const struct liq_estimate_options *o = &est->o;
	struct liq_grid_info *g = &est->g;

	if (o->from_ms == INT64_MIN && o->lookback_ms == 0 &&
	    p->fp >= g->start_ms + g->step_ms) {
		p->start = p->fp - liq__floormod(p->fp, g->step_ms);
		g->start_ms = p->start;
		g->ncols = (uint64_t)((est->end - p->start) / g->step_ms);
		if (o->warmup_ms >= 0)
			est->model_start = p->start - o->warmup_ms;
	}
}

/*
 * The price range: given, or P0 x (1 -+ LIQ_AXIS_SPAN), P0 the open of
 * the window's first priced bar.  It is fixed from what is known at the
 * window's start, never from later prices, so that every column is what
 * a run whose data ended at that column would write (man/liq-estimate.1,
 * "Columns and bins").
 */
static int
pick_price_range(struct liq_estimate *est, const struct plan *p,
    struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	struct liq_grid_info *g = &est->g;

	g->log_bins = o->log_bins;
	g->price_min = isnan(o->price_min) ? p->p0 * (1 - LIQ_AXIS_SPAN) :
	    o->price_min;
	g->price_max = isnan(o->price_max) ? p->p0 * (1 + LIQ_AXIS_SPAN) :
	    o->price_max;
	if (!(g->price_max > g->price_min) || !(g->price_min > 0))
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "empty price range");
	return 0;
}

/* Widen the range to round edges: a width of 1, 1.2, ... or 8 x 10^k. */
static void
round_edges(struct liq_grid_info *g)
{
	static const double nice[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8,
	    10 };
	double w0 = (g->price_max - g->price_min) / g->nbins;
	double p10 = pow(10, floor(log10(w0))), w = w0, b0;

	for (int k = 0; k < 11; k++)
		if (nice[k] * p10 >= w0 * (1 - 1e-12)) {
			w = nice[k] * p10;
			break;
		}
	for (;;) {
		b0 = floor(g->price_min / w) * w;
		if (b0 + w * g->nbins >= g->price_max)
			break;
		w *= 1.25;
	}
	if (b0 > 0) {
		g->price_min = b0;
		g->price_max = b0 + w * g->nbins;
	}
}

/* The bins: --bins over the range (rounded by default), or --tick wide. */
static int
pick_bins(struct liq_estimate *est, struct liq_error *e)
{
	const struct liq_estimate_options *o = &est->o;
	struct liq_grid_info *g = &est->g;

	g->nbins = o->nbins;
	if (isnan(o->price_min) && isnan(o->price_max) && !o->log_bins &&
	    !(o->tick > 0))
		round_edges(g);
	if (o->tick > 0) {
		double b0 = floor(g->price_min / o->tick) * o->tick;
		double nb = ceil((g->price_max - b0) / o->tick);

		if (!(b0 > 0)) {
			char t[32], lo[32], hi[32];

			/* the first bin would be [tick, 2 tick): above the
			 * axis's low end, perhaps above every price */
			liq_format_double(o->tick, t);
			liq_format_double(g->price_min, lo);
			liq_format_double(est->price_low, hi);
			return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL,
			    0, "--tick %s is wider than the axis's lowest price "
			    "%s (the window's lowest is %s): bins start at 0 + "
			    "k x tick, so the grid would start above its "
			    "prices; use a --tick below %s", t, lo, hi, lo);
		}
		if (nb > LIQ_GRID_MAX_BINS)
			return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL,
			    0, "--tick gives %.0f bins, more than %d", nb,
			    LIQ_GRID_MAX_BINS);
		g->price_min = b0;
		g->nbins = (uint32_t)(nb < 1 ? 1 : nb);
		g->price_max = b0 + g->nbins * o->tick;
	}
	return 0;
}

/*
 * The grid's data, ncols x layers x nbins x 4 bytes, at most max_bytes:
 * a --bins or --step that a slip of the finger made a thousand times too
 * fine is refused before it fills the disk.
 */
static int
check_size(const struct liq_estimate *est, int nlayers, struct liq_error *e)
{
	const struct liq_grid_info *g = &est->g;
	double size = (double)g->ncols * 2 * nlayers * g->nbins * 4;

	if (est->o.max_bytes > 0 && size > est->o.max_bytes)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "the grid would be %.3g GB (%llu columns x %d layers x "
		    "%lu bins x 4 bytes), more than %.3g GB: use fewer --bins "
		    "or a larger --step, or allow it with --max-output",
		    size / 1e9, (unsigned long long)g->ncols, 2 * nlayers,
		    (unsigned long)g->nbins, est->o.max_bytes / 1e9);
	return 0;
}

/* --------------------------------------------------------- the grid */

/* Append the names of layer pair l: "VENUE.long,VENUE.short" (its first
 * input's venue) with --by-venue, "TIERx.long,TIERx.short" with
 * --by-leverage, "VENUE.TIERx.long,..." with both. */
static void
name_layer_pair(struct liq_estimate *est, int l)
{
	struct liq_grid_info *g = &est->g;
	int vl = l / est->tier_pairs, t = l % est->tier_pairs;
	char name[LIQ_SYMBOL_MAX + 40] = "";
	size_t k = strlen(g->layers);

	if (est->o.by_venue)
		for (int i = 0; i < est->n; i++)
			if (est->in[i].layer == vl) {
				snprintf(name, sizeof(name), "%s%s",
				    est->in[i].info.venue, est->o.by_leverage ?
				    "." : "");
				break;
			}
	if (est->o.by_leverage)
		snprintf(name + strlen(name), sizeof(name) - strlen(name),
		    "%gx", est->o.leverage[t]);
	snprintf(g->layers + k, sizeof(g->layers) - k, "%s%s.long,%s.short",
	    l ? "," : "", name, name);
}

/* The grid's venue, symbol and layer names, command line and params. */
static void
name_grid(struct liq_estimate *est, int nlayers)
{
	struct liq_grid_info *g = &est->g;
	int i;

	g->nlayers = 2 * (uint32_t)nlayers;
	for (i = 0; i < est->n; i++) {
		const char *v = est->in[i].info.venue;
		size_t l = strlen(g->venue);

		if (venue_index(est, i, v) >= 0 && i > 0 &&
		    strstr(g->venue, v) != NULL)
			continue;
		snprintf(g->venue + l, sizeof(g->venue) - l, "%s%s",
		    l ? "+" : "", v);
	}
	/* the symbols of the inputs, each once ("BTCUSDT+BTCUSD_PERP") */
	for (i = 0; i < est->n; i++) {
		const char *sy = est->in[i].info.symbol;
		size_t l = strlen(g->symbol);
		int seen = 0;

		for (int k = 0; k < i; k++)
			seen |= strcmp(est->in[k].info.symbol, sy) == 0;
		if (!seen && l + strlen(sy) + 2 <= sizeof(g->symbol))
			snprintf(g->symbol + l, sizeof(g->symbol) - l, "%s%s",
			    l ? "+" : "", sy);
	}
	if (!est->o.by_venue && !est->o.by_leverage)
		strcpy(g->layers, "long,short");
	else
		for (int l = 0; l < nlayers; l++)
			name_layer_pair(est, l);
	if (est->o.command)
		snprintf(g->command, sizeof(g->command), "%s", est->o.command);
	liq__estimate_record_params(est);
}

/* The column's cells (and sums past one layer pair), every input's books. */
static int
allocate(struct liq_estimate *est, struct liq_error *e)
{
	struct liq_grid_info *g = &est->g;

	est->nstore = (long)g->nbins + 2;
	/* the bin edges, as liq_grid_edge computes them, for the model */
	if ((est->edge = malloc(((size_t)g->nbins + 1) * sizeof(double))) ==
	    NULL)
		goto nomem;
	for (uint32_t i = 0; i <= g->nbins; i++)
		est->edge[i] = liq_grid_edge(g, i);
	if ((est->cells = calloc((size_t)g->nlayers * g->nbins,
	    sizeof(float))) == NULL)
		goto nomem;
	for (uint32_t l = 0; l < g->nlayers; l++)
		est->col.layer[l] = est->cells + (size_t)l * g->nbins;
	if (g->nlayers > 2) {
		if ((est->sums = calloc(2 * (size_t)g->nbins,
		    sizeof(float))) == NULL)
			goto nomem;
		est->col.long_usd = est->sums;
		est->col.short_usd = est->sums + g->nbins;
	} else {
		est->col.long_usd = est->col.layer[0];
		est->col.short_usd = est->col.layer[1];
	}
	for (int i = 0; i < est->n; i++)
		for (int sd = 0; sd < 2; sd++)
			if (liq__book_init(&est->in[i].side[sd], est->o.ntiers,
			    est->nstore, est->o.close_rule == LIQ_CLOSE_OLDEST))
				goto nomem;
	return 0;
nomem:
	return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
}

/* ------------------------------------------------------------ the API */

int
liq_estimate_open(struct liq_estimate **ep, const char *const *paths, int n,
    const struct liq_estimate_options *o, struct liq_error *e)
{
	struct liq_estimate *est;
	struct plan p;
	int rc;

	*ep = NULL;
	if (n < 1)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "no bars input");
	if ((rc = liq_estimate_options_check(o, e)) != 0)
		return rc;
	if ((est = calloc(1, sizeof(*est))) == NULL ||
	    (est->in = calloc((size_t)n, sizeof(*est->in))) == NULL ||
	    (est->paths = calloc((size_t)n, sizeof(*est->paths))) == NULL ||
	    (est->spool = calloc((size_t)n, sizeof(*est->spool))) == NULL ||
	    (est->spool_f = calloc((size_t)n, sizeof(*est->spool_f))) ==
	    NULL || (est->held = calloc((size_t)n, sizeof(*est->held))) ==
	    NULL) {
		if (est != NULL) {
			free(est->in);
			free(est->paths);
			free(est->spool);
			free(est->spool_f);
		}
		free(est);
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	}
	est->o = *o;
	liq_estimate_options_preset(&est->o);
	est->last_close = NAN;
	est->left_ms = INT64_MIN;
	liq__seams_init(&est->spool_seams);
	if ((rc = open_inputs(est, paths, n, &p, e)) != 0)
		goto fail;
	for (int pass = 0; pass < 2; pass++) {
		p.respan = 0;
		if ((rc = pick_window(est, &p, e)) != 0 ||
		    (rc = pick_columns(est, &p, e)) != 0 ||
		    (rc = scan_window(est, &p, e)) != 0)
			goto fail;
		if (!p.respan)
			break;
		if ((rc = span_of_inputs(est, &p, e)) != 0)
			goto fail;
		est->nproxy = 0;
	}
	start_at_first_price(est, &p);
	if ((rc = pick_price_range(est, &p, e)) != 0 ||
	    (rc = pick_bins(est, e)) != 0 ||
	    (rc = check_size(est, p.nlayers, e)) != 0)
		goto fail;
	name_grid(est, p.nlayers);
	if ((rc = allocate(est, e)) != 0)
		goto fail;
	/* for the test that a file renamed over an input between the
	 * passes changes nothing (tests/cli/wrong-estimate.sh) */
	if (getenv("LIQ_TEST_AFTER_SCAN") != NULL &&
	    system(getenv("LIQ_TEST_AFTER_SCAN")) != 0) {
		rc = liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "LIQ_TEST_AFTER_SCAN failed");
		goto fail;
	}
	*ep = est;
	return 0;
fail:
	liq__estimate_name_error(est, e);
	liq_estimate_close(est);
	return rc;
}

const struct liq_grid_info *
liq_estimate_grid_info(const struct liq_estimate *est)
{
	return &est->g;
}

void
liq_estimate_seams(const struct liq_estimate *est, struct liq_bars_seams *s)
{
	*s = est->spool_seams;
	for (int i = 0; i < est->n; i++) {
		s->members += est->in[i].seams.members;
		liq__seams_add(s, &est->in[i].seams);
	}
}

int64_t
liq_estimate_left_axis(const struct liq_estimate *est)
{
	return est->left_ms;
}

int
liq_estimate_proxied(const struct liq_estimate *est)
{
	return est->nproxy;
}

/*
 * The files read again by name (past half the limit of open files, or
 * without /proc) must be the files the scan read: the same device, inode,
 * size and modification time, else the grid would be planned on one file
 * and made from another (one renamed over it by a concurrent liq-ingest
 * -o, say).  0, or LIQ_EDATA naming the file.
 */
int
liq__estimate_check_held(const struct liq_estimate *est, struct liq_error *e)
{
	for (int k = 0; k < est->nspool; k++) {
		const struct stat *a = &est->held[k];
		struct stat b;

		if (est->spool_f[k] != NULL || a->st_nlink == 0)
			continue;
		if (stat(est->spool[k], &b) != 0 || a->st_dev != b.st_dev ||
		    a->st_ino != b.st_ino || a->st_size != b.st_size ||
		    a->st_mtim.tv_sec != b.st_mtim.tv_sec ||
		    a->st_mtim.tv_nsec != b.st_mtim.tv_nsec)
			return liq_error_set(e, LIQ_EDATA, est->spool[k], 0,
			    NULL, NULL, 0, "the file changed after it was "
			    "scanned (replaced or written to): run again once "
			    "it is complete");
	}
	return 0;
}

const char *
liq_estimate_assumed(const struct liq_estimate *est, const char **path)
{
	for (int i = 0; i < est->n; i++)
		if (est->in[i].info.assumed[0] != '\0') {
			*path = est->in[i].path;
			return est->in[i].info.assumed;
		}
	return NULL;
}

void
liq_estimate_close(struct liq_estimate *est)
{
	if (est == NULL)
		return;
	for (int i = 0; i < est->n; i++) {
		liq_bars_merge_close(est->in[i].m);
		free(est->in[i].paths);
		free(est->in[i].names);
		liq__book_free(&est->in[i].side[0]);
		liq__book_free(&est->in[i].side[1]);
		liq_brackets_dated_close(est->in[i].dated);
	}
	for (int i = 0; i < est->nspool; i++) {
		if (est->spool[i] != NULL && est->spool_f[i] != NULL &&
		    strncmp(est->spool[i], "/proc/", 6) != 0)
			unlink(est->spool[i]);
		free(est->spool[i]);
		if (est->spool_f[i] != NULL)
			fclose(est->spool_f[i]);
	}
	free(est->spool);
	free(est->spool_f);
	free(est->held);
	free(est->paths);
	free(est->in);
	free(est->cells);
	free(est->sums);
	free(est->edge);
	free(est);
}
