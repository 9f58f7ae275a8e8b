/*
 * ingest.c - an ingest run: learn what each input file is (dialect,
 * market, symbol, first time) from its name and head, agree on one
 * market, then merge the files by time into one bar stream.  What a file
 * is and what its venue's rules are, its dialect says (lib/dialect_int.h):
 * this file names no venue.
 *
 * Files are opened lazily in time order: a file is opened when its first
 * time is the earliest pending time, and closed at its end, so a month of
 * daily files of four kinds keeps about four open at once.  Within each
 * step the source with the earliest pending row runs until its rows pass
 * the next source's pending time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect_int.h"

struct liq_ingest {
	struct liq_ingest_options o;
	int priced_left;	/* inputs with prices not yet done */
	char map[1024];
	char command[1024];
	struct src *src;
	int n;
	struct liq_bars_info info;
	struct mkt mkt;
	struct ctx ctx;
	struct liq_agg agg;
	int agg_ready;
};

void
liq_ingest_options_init(struct liq_ingest_options *o)
{
	memset(o, 0, sizeof(*o));
	o->interval_ms = 0;
	o->from_ms = INT64_MIN;
	o->to_ms = INT64_MAX;
	o->reorder_ms = 3600000;
	o->max_gap_ms = INT64_C(31) * 86400000;
	o->oi_max_age_ms = 15 * 60000;
	o->funding_max_age_ms = 24 * 3600000;
	o->market = -1;
}

static const char *
class_name(int k)
{
	return k & LIQ_DATA_PRICE ? "prices and volumes" : k & LIQ_DATA_OI ?
	    "open interest" : k & LIQ_DATA_FUND ? "funding" : "liquidations";
}

/* ------------------------------------------------------------- open */

static void
src_reset(struct src *s)
{
	s->blk = NULL;
	s->blen = s->bpos = 0;
	s->line = 0;
	s->nblk = 0;
}

/*
 * Open path and sniff its kind and first row.  The input is then closed
 * (it is opened again when its rows are due, so that many files do not
 * hold a reader thread and its buffers each) unless keep is set and the
 * sniffed head is still in the first block: then reading starts over from
 * that block.  Keeping the only input saves opening it, starting its
 * reader and inflating its head twice.  Stdin, pipes (a path such as
 * <(zcat ...)) and devices cannot be read again: they are always kept,
 * and their head must fit in the first block.
 */
static int
open_one(struct liq_ingest *g, struct src *s, const char *path, int keep,
    struct liq_error *e)
{
	const struct liq_dialect *named = NULL;
	int rc, once, is_stdin = path == NULL || strcmp(path, "-") == 0;

	memset(s, 0, sizeof(*s));
	s->cov[0] = s->cov[1] = -1;
	s->funding_unit = g->o.funding_unit;
	snprintf(s->path, sizeof(s->path), "%s", is_stdin ? "(stdin)" : path);
	if (is_stdin)
		s->market_hint = -1, s->name_from = s->name_to = INT64_MIN;
	else
		named = liq__parse_name(s);
	if ((rc = liq_input_open(&s->in, path, e)) != 0)
		return rc;
	if ((rc = liq__sniff(s, g->map[0] ? g->map : NULL, e)) != 0)
		return rc;
	if (liq_input_member(s->in)[0] != '\0' && (rc = liq__member_name(s,
	    &named, liq_input_member(s->in), e)) != 0)
		return rc;
	if (named != NULL && named != s->d)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 0, NULL, NULL, 0,
		    "the name says %s but the columns are %s", named->name,
		    s->d->name);
	s->next_ts = s->first_ts;
	s->last_ts = INT64_MIN;
	once = is_stdin || !liq_input_regular(s->in);
	if (once && s->nblk > 1)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 0, NULL, NULL, 0,
		    "the head of %s is too long to sniff (%s cannot be read "
		    "twice): give a file", is_stdin ? "stdin" : "this input",
		    is_stdin ? "stdin" : "a pipe");
	if (once || (keep && s->nblk <= 1)) {
		s->bpos = 0;
		s->line = 0;
	} else {
		liq_input_close(s->in);
		s->in = NULL;
		src_reset(s);
	}
	return 0;
}

/*
 * Agree on one value of a per-file property (what: "symbol", "market"),
 * or say which files differ and the option that picks one.
 */
static int
agree(const char *what, const char *a, const char *fa, const char *b,
    const char *fb, struct liq_error *e)
{
	return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
	    "inputs are for different %ss: %s (%s) and %s (%s); give one %s "
	    "per run, or pick one with --%s", what, a, fa, b, fb, what, what);
}

/*
 * The market and contract size of the run: options first, then the
 * venue's rules for the symbol (its dialect's terms; man/liq-model.7,
 * CONTRACT TERMS), which may use the file names' hint.  Contract size is
 * base units per contract (linear) or quote units per contract
 * (inverse).
 */
static int
terms(struct liq_ingest *g, const char *venue, int hint, struct liq_error *e)
{
	struct liq_bars_info *in = &g->info;
	const struct liq_ingest_options *o = &g->o;
	const struct liq_dialect *d = liq__dialect_of_venue(venue);
	const char *sym = in->symbol;
	int market = -1, rc;
	double cs = 0;

	if (d->terms == NULL)
		d = liq__dialects[0];
	if ((rc = d->terms(venue, sym, hint, o->contract_size, &market, &cs,
	    e)) != 0)
		return rc;

	if (o->market >= 0)
		market = o->market;
	if (market < 0 && o->contract_size > 0)
		market = LIQ_MARKET_LINEAR;
	if (market < 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "no contract terms known for %s %s: give --market and "
		    "--contract-size", venue, sym);
	if (o->contract_size > 0)
		cs = o->contract_size;
	else if (cs == 0 && market == LIQ_MARKET_INVERSE)
		/* Binance COIN-M's, for any venue: BTCUSD contracts are 100
		 * USD, others 10 (man/liq-model.7, CONTRACT TERMS) */
		cs = strncmp(sym, "BTCUSD", 6) == 0 ? 100 : 10;
	else if (cs == 0)
		cs = 1;
	in->market = market;
	in->contract_size = cs;
	return 0;
}

static int cut_short(struct liq_ingest *, struct liq_error *);

/*
 * The symbol and venue go into the bars header, a metadata line each: a
 * control character from a file's rows (a quoted symbol field) would
 * forge lines there.  from: the file it came from (NULL: an option).
 */
static int
plain_text(const char *what, const char *t, const struct src *from,
    struct liq_error *e)
{
	for (; *t; t++)
		if ((unsigned char)*t < 0x20 || *t == 0x7f)
			return liq_error_set(e, from ? LIQ_EDATA : LIQ_EARG,
			    from ? from->path : NULL, 0, what, NULL, 0,
			    "a control character (byte 0x%02x) in the %s: it "
			    "would break the bars header", (unsigned char)*t,
			    what);
	return 0;
}

static int
resolve(struct liq_ingest *g, struct liq_error *e)
{
	struct liq_bars_info *in = &g->info;
	const struct liq_ingest_options *o = &g->o;
	const struct src *ms = NULL, *ss = NULL, *vs = NULL;
	int i, k, market = -1, minute = 0;
	const char *all_symbols = NULL;
	char cs[40];
	size_t off = 0;
	const char *venue = NULL;
	int rc;

	for (i = 0; i < g->n; i++) {
		const struct src *s = &g->src[i];
		const char *v = s->venue[0] ? s->venue :
		    o->vendor_venue[0] ? o->vendor_venue : "vendor";
		/* a --map file of no venue goes with the others' venue */
		int lent = !s->venue[0] && !o->vendor_venue[0] &&
		    g->n > 1 && (s->d->flags & LIQ_DIALECT_MAPPED);

		minute |= (s->d->flags & LIQ_DIALECT_MINUTE) != 0;
		if (all_symbols == NULL)
			all_symbols = s->d->all_symbols;
		if (o->market < 0 && s->market_hint >= 0) {
			if (market >= 0 && market != s->market_hint)
				return agree("market",
				    liq_market_name(market), ms->path,
				    liq_market_name(s->market_hint), s->path,
				    e);
			market = s->market_hint;
			ms = s;
		}
		if (o->symbol[0] == '\0' && s->symbol[0] != '\0') {
			if (ss != NULL && strcmp(ss->symbol, s->symbol) != 0)
				return agree("symbol", ss->symbol, ss->path,
				    s->symbol, s->path, e);
			ss = s;
		}
		if (o->venue[0] == '\0' && !lent) {
			if (venue != NULL && strcmp(venue, v) != 0)
				return liq_error_set(e, LIQ_EARG, NULL, 0, NULL,
				    NULL, 0, "inputs come from different venues: "
				    "%s (%s) and %s (%s); run liq-ingest once per "
				    "venue, one bars file each", venue, vs->path,
				    v, s->path);
			venue = v;
			vs = s;
		}
	}
	if (venue == NULL && o->venue[0] == '\0' && g->n > 0) {
		venue = "vendor";
		vs = &g->src[0];
	}
	if (all_symbols != NULL && o->symbol[0] == '\0')
		return liq_error_set(e, LIQ_EARG, NULL, 0, "--symbol", NULL, 0,
		    "%s", all_symbols);
	snprintf(in->symbol, sizeof(in->symbol), "%s", o->symbol[0] ?
	    o->symbol : ss ? ss->symbol : "");
	if (in->symbol[0] == '\0' && cut_short(g, e) != 0)
		return LIQ_ECONTAINER;
	if (in->symbol[0] == '\0')
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "cannot tell the symbol from the file names or contents: "
		    "give --symbol");
	snprintf(in->venue, sizeof(in->venue), "%s", o->venue[0] ? o->venue :
	    venue ? venue : "unknown");
	if ((rc = plain_text("symbol", in->symbol, ss, e)) != 0 ||
	    (rc = plain_text("venue", in->venue, vs, e)) != 0)
		return rc;
	if ((rc = terms(g, venue ? venue : in->venue, market, e)) != 0)
		return rc;
	g->mkt.market = in->market;
	snprintf(g->mkt.symbol, sizeof(g->mkt.symbol), "%s", in->symbol);
	g->mkt.symbol_len = strlen(g->mkt.symbol);
	g->mkt.cs = in->contract_size;
	liq_format_double(in->contract_size, cs);
	if (liq_parse_fixed(cs, strlen(cs), &g->mkt.cs_mant,
	    &g->mkt.cs_scale) != 0)
		g->mkt.cs_scale = -1;
	g->mkt.cs_one = in->market != LIQ_MARKET_INVERSE &&
	    in->contract_size == 1;

	/* the bar interval */
	in->interval_ms = o->interval_ms;
	if (in->interval_ms == 0) {
		int64_t iv = 0;
		for (i = 0; i < g->n; i++)
			if (g->src[i].row_interval > iv)
				iv = g->src[i].row_interval;
		in->interval_ms = minute || iv == 0 ? 60000 : iv;
	}
	if (in->interval_ms < 1000 || in->interval_ms > 86400000 ||
	    86400000 % in->interval_ms != 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "--interval", NULL,
		    0, "the bar interval must be between 1s and 1d and "
		    "divide a day evenly");
	for (i = 0; i < g->n; i++) {
		const struct src *s = &g->src[i];
		char a[32], b[32];
		if (s->row_interval > 0 && in->interval_ms %
		    s->row_interval != 0)
			return liq_error_set(e, LIQ_EARG, s->path, 0, NULL,
			    NULL, 0, "its rows are %s bars, which cannot make "
			    "%s bars: use an --interval that is a multiple "
			    "of %s", liq_duration_format(s->row_interval, a,
			    sizeof(a)), liq_duration_format(in->interval_ms,
			    b, sizeof(b)), a);
	}
	in->first_ms = in->last_ms = INT64_MIN;
	snprintf(in->command, sizeof(in->command), "%s", g->command);
	/* "aggTrades:2,metrics:2": files of each dialect, in table order */
	for (k = 0; liq__dialects[k] != NULL; k++) {
		int count = 0, w;

		for (i = 0; i < g->n; i++)
			count += g->src[i].d == liq__dialects[k];
		if (count == 0 || off >= sizeof(in->sources))
			continue;
		w = snprintf(in->sources + off, sizeof(in->sources) - off,
		    "%s%s:%d", off ? "," : "", liq__dialects[k]->name, count);
		if (w > 0)
			off += (size_t)w;
	}
	return 0;
}

int
liq_ingest_open(struct liq_ingest **gp, const char *const *paths, int npaths,
    const struct liq_ingest_options *o, struct liq_error *e)
{
	struct liq_ingest *g;
	int i, rc, nstdin = 0;
	static const char *const dash[] = { "-" };

	*gp = NULL;
	if (npaths == 0) {
		paths = dash;
		npaths = 1;
	}
	if ((g = calloc(1, sizeof(*g))) == NULL ||
	    (g->src = calloc((size_t)npaths, sizeof(*g->src))) == NULL) {
		free(g);
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	}
	g->o = *o;
	if (o->map != NULL)
		snprintf(g->map, sizeof(g->map), "%s", o->map);
	if (o->command != NULL)
		snprintf(g->command, sizeof(g->command), "%s", o->command);
	g->o.map = NULL;
	g->o.command = NULL;
	for (i = 0; i < npaths; i++) {
		if (paths[i] == NULL || strcmp(paths[i], "-") == 0)
			nstdin++;
		if (nstdin > 1) {
			liq_ingest_close(g);
			return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL,
			    0, "stdin ('-') given more than once");
		}
		g->n = i + 1;
		if ((rc = open_one(g, &g->src[i], paths[i], npaths == 1,
		    e)) != 0) {
			liq_ingest_close(g);
			return rc;
		}
	}
	for (i = 0; i < g->n && g->src[i].first_ts == INT64_MIN; i++)
		;
	if (i == g->n) {
		liq_ingest_close(g);
		return liq_error_set(e, LIQ_EFORMAT, npaths == 1 ? paths[0] :
		    NULL, 0, NULL, NULL, 0, "no data rows in %s",
		    npaths == 1 ? "the input" : "any input");
	}
	if ((rc = resolve(g, e)) != 0) {
		liq_ingest_close(g);
		return rc;
	}
	*gp = g;
	return 0;
}

const struct liq_bars_info *
liq_ingest_info(const struct liq_ingest *g)
{
	return &g->info;
}

/* -------------------------------------------------------------- run */

/*
 * The gap from the prices of the files before s to the first row of s (in
 * --from/--to) may be no longer than --max-gap: every bar of it would be
 * made, 6 million one-minute bars for files 12 years apart.
 */
static int
file_gap(struct liq_ingest *g, struct src *s, struct liq_error *e)
{
	const struct src *p = NULL;
	int64_t a, b;
	char ta[40], tb[40], tm[40];
	double d;
	int i;

	for (i = 0; i < g->n; i++) {
		const struct src *o = &g->src[i];

		if (o != s && o->state != S_NEW && o->last_ts != INT64_MIN &&
		    (o->provides & LIQ_DATA_PRICE) &&
		    (p == NULL || o->last_ts > p->last_ts))
			p = o;
	}
	if (p == NULL)
		return 0;
	a = p->last_ts > g->o.from_ms ? p->last_ts : g->o.from_ms;
	b = s->first_ts < g->o.to_ms ? s->first_ts : g->o.to_ms;
	if (b <= a || b - a <= g->o.max_gap_ms)
		return 0;
	d = (double)(b - a) / 86400000;
	return liq_error_set(e, LIQ_EARG, s->path, 0, NULL, NULL, 0,
	    "it starts %.1f days after the prices of %s end (%s to %s): "
	    "every bar between would be made; give files of one span, or "
	    "raise --max-gap (now %s) to allow it", d, p->path,
	    liq_time_format(p->last_ts, ta, sizeof(ta)),
	    liq_time_format(s->first_ts, tb, sizeof(tb)),
	    liq_duration_format(g->o.max_gap_ms, tm, sizeof(tm)));
}

static int
start_src(struct liq_ingest *g, struct src *s, struct liq_error *e)
{
	int i, rc, k = s->provides;
	char t[40];

	for (i = 0; i < g->n; i++) {
		struct src *o = &g->src[i];
		if (o != s && o->state == S_OPEN && (o->provides & k))
			return liq_error_set(e, LIQ_EARG, s->path, 0, NULL,
			    NULL, 0, "it and %s both give %s for the time "
			    "from %s: give one or the other", o->path,
			    class_name(o->provides & k), liq_time_format(
			    s->first_ts, t, sizeof(t)));
	}
	if ((s->provides & LIQ_DATA_PRICE) && (rc = file_gap(g, s, e)) != 0)
		return rc;
	if (s->in == NULL) {
		if ((rc = liq_input_open(&s->in, s->path, e)) != 0)
			return rc;
		src_reset(s);
	}
	s->state = S_OPEN;
	return 0;
}

static int
end_src(struct liq_ingest *g, struct src *s, struct liq_error *e)
{
	int k;

	if ((s->d->flags & LIQ_DIALECT_SYMBOLS) && s->matched == 0) {
		liq_input_close(s->in);
		s->in = NULL;
		s->state = S_DONE;
		return liq_error_set(e, LIQ_EDATA, s->path, 0, NULL, NULL, 0,
		    "no rows for symbol %s", g->mkt.symbol);
	}
	for (k = 0; k < 2; k++)
		if (s->cov[k] >= 0 && s->last_ts != INT64_MIN)
			liq__agg_cover_end(&g->agg, k, s->cov[k],
			    s->name_to != INT64_MIN && s->name_to > s->last_ts ?
			    s->name_to : s->last_ts + 1);
	liq_input_close(s->in);
	s->in = NULL;
	s->state = S_DONE;
	free(s->ids);
	s->ids = NULL;
	if ((s->provides & LIQ_DATA_PRICE) && --g->priced_left == 0)
		liq__agg_prices_end(&g->agg);
	return 0;
}

static int run(struct liq_ingest *, liq_bar_fn, void *, struct liq_error *);

/*
 * A bad row in a gzip or zip input may be the inflater's output of a
 * corrupt stream that decodes without error until its CRC-32: read the
 * rest of that input and, when it is damaged, report the damage (file
 * and byte) instead of the row.
 */
static int
damaged(struct liq_ingest *g, int rc, struct liq_error *e)
{
	struct liq_error de;
	int i;

	for (i = 0; i < g->n; i++) {
		struct src *s = &g->src[i];

		if (s->in == NULL || strcmp(liq_input_name(s->in),
		    e->file) != 0 ||
		    liq_input_container(s->in) == LIQ_CONT_PLAIN)
			continue;
		liq_error_clear(&de);
		if (liq_input_drain(s->in, &de) == LIQ_ECONTAINER) {
			if (e->line > 0) {
				size_t k = strlen(de.msg);

				snprintf(de.msg + k, sizeof(de.msg) - k,
				    " (line %lld decoded to a bad row)",
				    (long long)e->line);
			}
			*e = de;
			return LIQ_ECONTAINER;
		}
		break;
	}
	return rc;
}

/*
 * Whether any gzip or zip input is cut short or corrupt, read to its end
 * (a reopened copy when the first was closed after its head): what the
 * head could not tell (the symbol) may be the damage.  Returns 0 when
 * every input is whole, or LIQ_ECONTAINER with e set.
 */
static int
cut_short(struct liq_ingest *g, struct liq_error *e)
{
	struct liq_input *in;
	const char *p;
	size_t n;
	int i, rc;

	for (i = 0; i < g->n; i++) {
		struct src *s = &g->src[i];

		if ((in = s->in) == NULL) {
			if (liq_input_open(&in, s->path, NULL) != 0)
				continue;
			if (liq_input_peek(in, &p, &n, NULL) != 0) {
				liq_input_close(in);
				continue;
			}
		}
		rc = liq_input_container(in) == LIQ_CONT_PLAIN ? 0 :
		    liq_input_drain(in, e);
		if (in != s->in)
			liq_input_close(in);
		if (rc == LIQ_ECONTAINER)
			return rc;
	}
	return 0;
}

/*
 * The run; on failure every input still open is closed at once, so its
 * reader thread is stopped and joined even when the caller exits without
 * liq_ingest_close (as err(3) does).
 */
int
liq_ingest_run(struct liq_ingest *g, liq_bar_fn emit, void *ctx,
    struct liq_error *e)
{
	int rc = run(g, emit, ctx, e), i;

	if (rc == LIQ_EDATA || rc == LIQ_EFORMAT || rc == LIQ_EORDER)
		rc = damaged(g, rc, e);
	if (rc != 0)
		for (i = 0; i < g->n; i++) {
			liq_input_close(g->src[i].in);
			g->src[i].in = NULL;
			g->src[i].state = S_DONE;
		}
	return rc;
}

static int
run(struct liq_ingest *g, liq_bar_fn emit, void *ctx, struct liq_error *e)
{
	int rc, i, npriced;

	if ((rc = liq__agg_init(&g->agg, g->info.interval_ms,
	    g->o.reorder_ms, g->o.from_ms, g->o.to_ms, g->o.oi_max_age_ms,
	    g->o.funding_max_age_ms, emit, ctx)) != 0)
		return liq_error_set(e, rc, NULL, 0, "--reorder", NULL, 0,
		    rc == LIQ_ENOMEM ? "out of memory" :
		    "reorder window too long for the bar interval");
	g->agg_ready = 1;
	g->ctx.agg = &g->agg;
	g->ctx.mkt = &g->mkt;
	g->ctx.skip_bad = g->o.skip_bad;
	g->ctx.max_gap = g->o.max_gap_ms;
	/* the fused Bybit parser compares the symbol's bytes blindly */
	g->ctx.sym_plain = strpbrk(g->mkt.symbol, ",\"\r\n") == NULL;
	g->ctx.progress = g->o.progress;
	g->ctx.progress_arg = g->o.progress_arg;

	/* files wholly outside --from/--to, or with no rows, are skipped */
	for (i = 0; i < g->n; i++) {
		struct src *s = &g->src[i];
		if (s->first_ts == INT64_MIN ||
		    (s->name_to != INT64_MIN && s->name_to <= g->o.from_ms) ||
		    (s->name_from != INT64_MIN && s->name_from >= g->o.to_ms)) {
			/* a dated file without liquidations had none */
			if (s->first_ts == INT64_MIN && s->d->cover ==
			    LIQ_COV_LIQ && s->name_from != INT64_MIN)
				liq__agg_cover(&g->agg, LIQ_COV_LIQ,
				    s->name_from, s->name_to);
			liq_input_close(s->in);
			s->in = NULL;
			s->state = S_DONE;
		}
	}
	/* spans come from prices: the priced inputs say where bars are */
	for (i = 0; i < g->n; i++) {
		struct src *s = &g->src[i];
		int64_t from;

		if (s->state == S_DONE || !(s->provides & LIQ_DATA_PRICE))
			continue;
		g->priced_left++;
		from = s->name_from != INT64_MIN ? s->name_from : s->first_ts;
		if (from < g->agg.px_from)
			g->agg.px_from = from;
		if (s->name_to != INT64_MIN && s->name_to > g->agg.px_cover_to)
			g->agg.px_cover_to = s->name_to;
	}
	/* (none: every row is still read and checked, no bar is made,
	 * and the run ends in an error that says why) */
	npriced = g->priced_left;
	liq__agg_priced(&g->agg);
	/*
	 * Where volume and liquidation data are complete: each file's span
	 * (the day or month in its name, else its rows), known before any
	 * bar is written.  Ends are settled when a file without a dated name
	 * is done.
	 */
	for (i = 0; i < g->n; i++) {
		struct src *s = &g->src[i];
		int cls = s->d->cover;
		int64_t from = s->first_ts, to = INT64_MAX;

		if (cls < 0 || s->state == S_DONE)
			continue;
		if (s->name_from != INT64_MIN && s->name_from < from)
			from = s->name_from;
		if (s->name_to != INT64_MIN)
			to = s->name_to;
		if ((s->cov[cls] = liq__agg_cover(&g->agg, cls, from, to)) < 0)
			return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL,
			    NULL, 0, "out of memory");
	}
	for (;;) {
		struct src *best = NULL;
		int64_t limit = INT64_MAX;

		for (i = 0; i < g->n; i++) {
			struct src *s = &g->src[i];
			if (s->state == S_DONE)
				continue;
			if (best == NULL || s->next_ts < best->next_ts ||
			    (s->next_ts == best->next_ts && s->state ==
			    S_OPEN && best->state == S_NEW))
				best = s;
		}
		if (best == NULL)
			break;
		if (g->o.to_ms != INT64_MAX && best->next_ts >
		    g->o.to_ms + g->info.interval_ms)
			break;	/* everything left is past --to */
		if (g->priced_left == 0 && best->next_ts > g->agg.px_to)
			break;	/* and past the last price */
		for (i = 0; i < g->n; i++) {
			struct src *s = &g->src[i];
			if (s != best && s->state != S_DONE &&
			    s->next_ts < limit)
				limit = s->next_ts;
		}
		if (best->state == S_NEW && (rc = start_src(g, best, e)) != 0)
			return rc;
		g->ctx.file = best->path;
		rc = liq__src_run(best, &g->ctx, limit, e);
		if (rc < 0)
			return rc;
		if (rc == 0 && (rc = end_src(g, best, e)) != 0)
			return rc;
	}
	for (i = 0; npriced == 0 && i < g->n; i++)
		if ((g->src[i].provides & LIQ_DATA_PRICE) &&
		    (g->o.from_ms != INT64_MIN || g->o.to_ms != INT64_MAX))
			return liq_error_set(e, LIQ_EDATA, g->n == 1 ?
			    g->src[0].path : NULL, 0, NULL, NULL, 0, "no row "
			    "with prices inside --from/--to: the window is "
			    "outside the data");
	if (npriced == 0)
		return liq_error_set(e, LIQ_EDATA, g->n == 1 ? g->src[0].path :
		    NULL, 0, NULL, NULL, 0, "no input with prices (trades, "
		    "klines or vendor bars)%s: open interest, funding and "
		    "liquidations alone make no bars; give the trades or klines "
		    "of the same days too", g->o.from_ms != INT64_MIN ||
		    g->o.to_ms != INT64_MAX ? " in --from/--to" : "");
	return liq__agg_finish(&g->agg, e);
}

uint64_t
liq_ingest_rows(const struct liq_ingest *g)
{
	return g->ctx.rows;
}

uint64_t
liq_ingest_fused_rows(const struct liq_ingest *g)
{
	return g->ctx.fused;
}

uint64_t
liq_ingest_repeats(const struct liq_ingest *g, const char **file)
{
	if (file != NULL)
		*file = g->ctx.repeat_file;
	return g->ctx.repeats;
}

uint64_t
liq_ingest_bad_count(const struct liq_ingest *g)
{
	return g->ctx.nbad;
}

const char *
liq_ingest_note(const struct liq_ingest *g, int i)
{
	return i >= 0 && i < g->n ? g->src[i].note : NULL;
}

const struct liq_error *
liq_ingest_bad(const struct liq_ingest *g, int i)
{
	if (i < 0 || (uint64_t)i >= g->ctx.nbad || i >= LIQ_MAX_BAD_KEPT)
		return NULL;
	return &g->ctx.bad[i];
}

int
liq_ingest_file_kind(const struct liq_ingest *g, int i)
{
	return i >= 0 && i < g->n ? g->src[i].kind : LIQ_KIND_UNKNOWN;
}

void
liq_ingest_close(struct liq_ingest *g)
{
	int i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		liq_input_close(g->src[i].in);
		liq__fields_free(&g->src[i].f);
		free(g->src[i].ids);
	}
	if (g->agg_ready)
		liq__agg_free(&g->agg);
	free(g->src);
	free(g);
}
