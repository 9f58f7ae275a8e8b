/*
 * ingest.c - an ingest run: learn what each input file is (kind, market,
 * symbol, first time) from its name and head, agree on one market, then
 * merge the files by time into one bar stream.
 *
 * Files are opened lazily in time order: a file is opened when its first
 * time is the earliest pending time, and closed at its end, so a month of
 * daily files of four kinds keeps about four open at once.  Within each
 * step the source with the earliest pending row runs until its rows pass
 * the next source's pending time.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_int.h"

/* Classes of data; two open sources must not give the same class. */
enum { K_PRICE = 1, K_OI = 2, K_FUND = 4, K_LIQ = 8 };

struct liq_ingest {
	struct liq_ingest_options o;
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

const char *
liq_ingest_preset(const char *name)
{
	if (strcmp(name, "coinglass") == 0)
		return "time=timestamp,open=price_open,high=price_high,"
		    "low=price_low,close=price_close,oi_quote=oi_close,"
		    "funding=funding_close,liq_long_quote=liquidation_long_usd,"
		    "liq_short_quote=liquidation_short_usd";
	return NULL;
}

/* ------------------------------------------------------- file names */

static int
interval_token(const char *t)
{
	size_t n = strlen(t), i = 0;

	while (i < n && isdigit((unsigned char)t[i]))
		i++;
	return i > 0 && i < n && (strcmp(t + i, "s") == 0 ||
	    strcmp(t + i, "m") == 0 || strcmp(t + i, "h") == 0 ||
	    strcmp(t + i, "d") == 0 || strcmp(t + i, "w") == 0 ||
	    strcmp(t + i, "M") == 0 || strcmp(t + i, "mo") == 0);
}

static int
all_digits(const char *t, size_t n)
{
	size_t i;

	if (strlen(t) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)t[i]))
			return 0;
	return 1;
}

/*
 * What Binance's naming says: [spot-|um-|cm-]SYMBOL-KIND-YYYY-MM[-DD],
 * and the archive's folders (spot/, futures/um/, futures/cm/).  Returns the
 * kind the name gives, or LIQ_KIND_UNKNOWN.
 */
static int
parse_name(struct src *s)
{
	char base[256], *tok[8], *p, *save = NULL;
	const char *slash = strrchr(s->path, '/');
	int nt = 0, kind = LIQ_KIND_UNKNOWN, i;
	size_t len;

	s->market_hint = -1;
	s->name_from = s->name_to = INT64_MIN;
	if (strstr(s->path, "/spot/") != NULL)
		s->market_hint = LIQ_MARKET_SPOT;
	else if (strstr(s->path, "futures/cm/") != NULL)
		s->market_hint = LIQ_MARKET_INVERSE;
	else if (strstr(s->path, "futures/um/") != NULL)
		s->market_hint = LIQ_MARKET_LINEAR;
	snprintf(base, sizeof(base), "%s", slash ? slash + 1 : s->path);
	for (;;) {
		len = strlen(base);
		if (len > 4 && (strcmp(base + len - 4, ".zip") == 0 ||
		    strcmp(base + len - 4, ".csv") == 0))
			base[len - 4] = '\0';
		else if (len > 3 && strcmp(base + len - 3, ".gz") == 0)
			base[len - 3] = '\0';
		else
			break;
	}
	if (strncmp(base, "coinglass_", 10) == 0) {
		p = base + 10;
		len = strcspn(p, "_");
		if (len > 0 && len < LIQ_SYMBOL_MAX) {
			memcpy(s->symbol, p, len);
			s->symbol[len] = '\0';
		}
		return LIQ_KIND_UNKNOWN;
	}
	for (p = strtok_r(base, "-", &save); p && nt < 8;
	    p = strtok_r(NULL, "-", &save))
		tok[nt++] = p;
	i = 0;
	if (nt > 0 && (strcmp(tok[0], "spot") == 0 || strcmp(tok[0], "um") ==
	    0 || strcmp(tok[0], "cm") == 0)) {
		s->market_hint = tok[0][0] == 's' ? LIQ_MARKET_SPOT :
		    tok[0][0] == 'u' ? LIQ_MARKET_LINEAR : LIQ_MARKET_INVERSE;
		i = 1;
	}
	if (nt - i < 3)
		return LIQ_KIND_UNKNOWN;
	for (p = tok[i]; *p; p++)
		if (!isupper((unsigned char)*p) && !isdigit((unsigned char)*p)
		    && *p != '_')
			return LIQ_KIND_UNKNOWN;
	if (strlen(tok[i]) < 3 || strlen(tok[i]) >= LIQ_SYMBOL_MAX)
		return LIQ_KIND_UNKNOWN;
	if (strcmp(tok[i + 1], "aggTrades") == 0)
		kind = LIQ_KIND_AGGTRADES;
	else if (strcmp(tok[i + 1], "trades") == 0)
		kind = LIQ_KIND_TRADES;
	else if (strcmp(tok[i + 1], "metrics") == 0)
		kind = LIQ_KIND_METRICS;
	else if (strcmp(tok[i + 1], "fundingRate") == 0)
		kind = LIQ_KIND_FUNDING;
	else if (strcmp(tok[i + 1], "liquidationSnapshot") == 0)
		kind = LIQ_KIND_LIQSNAP;
	else if (interval_token(tok[i + 1]))
		kind = LIQ_KIND_KLINES;
	else
		return LIQ_KIND_UNKNOWN;
	snprintf(s->symbol, sizeof(s->symbol), "%s", tok[i]);
	if (s->market_hint < 0 && strchr(s->symbol, '_') != NULL)
		s->market_hint = LIQ_MARKET_INVERSE;
	if (nt - i >= 4 && all_digits(tok[i + 2], 4) &&
	    all_digits(tok[i + 3], 2)) {
		int64_t y = atoi(tok[i + 2]), m = atoi(tok[i + 3]), d = 1;
		int day = nt - i >= 5 && all_digits(tok[i + 4], 2);
		if (day)
			d = atoi(tok[i + 4]);
		if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
			s->name_from = liq_days_from_civil(y, (unsigned)m,
			    (unsigned)d) * 86400000;
			if (day)
				s->name_to = s->name_from + 86400000;
			else
				s->name_to = liq_days_from_civil(m == 12 ?
				    y + 1 : y, m == 12 ? 1 : (unsigned)m + 1,
				    1) * 86400000;
		}
	}
	return kind;
}

static int
classes(const struct src *s)
{
	switch (s->kind) {
	case LIQ_KIND_AGGTRADES:
	case LIQ_KIND_TRADES:
	case LIQ_KIND_KLINES:
	case LIQ_KIND_BYBIT:
	case LIQ_KIND_BITMEX:
	case LIQ_KIND_OKX:
	case LIQ_KIND_TARDIS_TRADES:
		return K_PRICE;
	case LIQ_KIND_TARDIS_TICKER:
		return K_OI | K_FUND;
	case LIQ_KIND_TARDIS_LIQ:
		return K_LIQ;
	case LIQ_KIND_METRICS:
		return K_OI;
	case LIQ_KIND_FUNDING:
		return K_FUND;
	case LIQ_KIND_LIQSNAP:
		return K_LIQ;
	case LIQ_KIND_VENDOR:
		return (s->col[F_CLOSE] >= 0 ? K_PRICE : 0) |
		    (s->col[F_OI_BASE] >= 0 || s->col[F_OI_QUOTE] >= 0 ?
		    K_OI : 0) | (s->col[F_FUNDING] >= 0 ? K_FUND : 0) |
		    (s->col[F_LIQ_LONG] >= 0 || s->col[F_LIQ_SHORT] >= 0 ?
		    K_LIQ : 0);
	}
	return 0;
}

static const char *
class_name(int k)
{
	return k & K_PRICE ? "prices and volumes" : k & K_OI ?
	    "open interest" : k & K_FUND ? "funding" : "liquidations";
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
	int name_kind, rc, once, is_stdin = path == NULL ||
	    strcmp(path, "-") == 0;

	memset(s, 0, sizeof(*s));
	s->cov[0] = s->cov[1] = -1;
	snprintf(s->path, sizeof(s->path), "%s", is_stdin ? "(stdin)" : path);
	name_kind = is_stdin ? LIQ_KIND_UNKNOWN : parse_name(s);
	if (is_stdin)
		s->market_hint = -1, s->name_from = s->name_to = INT64_MIN;
	if ((rc = liq_input_open(&s->in, path, e)) != 0)
		return rc;
	if ((rc = liq__sniff(s, g->map[0] ? g->map : NULL, e)) != 0)
		return rc;
	if (name_kind != LIQ_KIND_UNKNOWN && name_kind != s->kind)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 0, NULL, NULL, 0,
		    "the name says %s but the columns are %s",
		    liq_kind_name(name_kind), liq_kind_name(s->kind));
	/* content that only spot files have */
	if (s->market_hint < 0 && ((s->kind == LIQ_KIND_AGGTRADES &&
	    s->ncols == 8) || (s->kind == LIQ_KIND_TRADES && s->ncols == 7) ||
	    ((s->kind == LIQ_KIND_AGGTRADES || s->kind == LIQ_KIND_TRADES ||
	    s->kind == LIQ_KIND_KLINES) && s->tdiv == 1000)))
		s->market_hint = LIQ_MARKET_SPOT;
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

/* Agree on one value of a per-file property, or say which files differ. */
static int
agree(const char *what, const char *a, const char *fa, const char *b,
    const char *fb, struct liq_error *e)
{
	return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
	    "inputs are for different %s: %s (%s) and %s (%s); give one %s "
	    "per run or say which with an option", what, a, fa, b, fb, what);
}

/*
 * OKX contract values (ctVal of GET /api/v5/public/instruments, OKX API
 * v5 documentation and instrument list as of 2025-01): linear swaps in
 * base coin, inverse swaps in USD.
 */
static const struct {
	const char *inst;
	double size;
	int market;
} okx_contracts[] = {
	{ "BTC-USDT-SWAP", 0.01, LIQ_MARKET_LINEAR },
	{ "ETH-USDT-SWAP", 0.1, LIQ_MARKET_LINEAR },
	{ "BTC-USD-SWAP", 100, LIQ_MARKET_INVERSE },
	{ "ETH-USD-SWAP", 10, LIQ_MARKET_INVERSE },
};

int
liq_venue_margin_rule(const char *venue)
{
	return strcmp(venue, "bybit") == 0 ? LIQ_MARGIN_BYBIT :
	    LIQ_MARGIN_BINANCE;
}

int
liq_okx_contract(const char *inst, double *size, int *market)
{
	size_t i;

	for (i = 0; i < sizeof(okx_contracts) / sizeof(okx_contracts[0]); i++)
		if (strcmp(inst, okx_contracts[i].inst) == 0) {
			*size = okx_contracts[i].size;
			*market = okx_contracts[i].market;
			return 0;
		}
	return LIQ_EARG;
}

/*
 * The market and contract size of the run: options first, then the
 * venue's rules for the symbol (man/liq-model.7, CONTRACT TERMS), then
 * the file names' hint.
 * Contract size is base units per contract (linear) or quote units per
 * contract (inverse).
 */
static int
terms(struct liq_ingest *g, const char *venue, int hint, struct liq_error *e)
{
	struct liq_bars_info *in = &g->info;
	const struct liq_ingest_options *o = &g->o;
	const char *sym = in->symbol;
	int market = -1;
	double cs = 0;

	if (strcmp(venue, "bybit") == 0) {
		/* USDT/USDC contracts are linear in base; others inverse, USD */
		market = strstr(sym, "USDT") || strstr(sym, "USDC") ||
		    strstr(sym, "PERP") ? LIQ_MARKET_LINEAR :
		    LIQ_MARKET_INVERSE;
		cs = 1;
	} else if (strcmp(venue, "bitmex") == 0) {
		/* XBTUSD and XBT futures: inverse, 1 USD per contract */
		if (strncmp(sym, "XBT", 3) == 0 && strstr(sym, "USDT") == NULL) {
			market = LIQ_MARKET_INVERSE;
			cs = 1;
		}
	} else if (strcmp(venue, "okx") == 0) {
		if (liq_okx_contract(sym, &cs, &market) != 0) {
			market = strstr(sym, "-USD-") ? LIQ_MARKET_INVERSE :
			    LIQ_MARKET_LINEAR;
			cs = 0;
		}
	} else if (strcmp(venue, "binance-cm") == 0) {
		market = LIQ_MARKET_INVERSE;
	} else	/* Binance and vendors: the names' hint, linear by default */
		market = hint >= 0 ? hint : LIQ_MARKET_LINEAR;
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
	else if (cs == 0 && strcmp(venue, "okx") == 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "no contract value known for OKX instrument %s: give "
		    "--contract-size (base per contract, or USD for inverse)",
		    sym);
	else if (cs == 0 && market == LIQ_MARKET_INVERSE)
		/* Binance COIN-M: BTCUSD contracts are 100 USD, others 10 */
		cs = strncmp(sym, "BTCUSD", 6) == 0 ? 100 : 10;
	else if (cs == 0)
		cs = 1;
	in->market = market;
	in->contract_size = cs;
	return 0;
}

static int
resolve(struct liq_ingest *g, struct liq_error *e)
{
	struct liq_bars_info *in = &g->info;
	const struct liq_ingest_options *o = &g->o;
	const struct src *ms = NULL, *ss = NULL, *vs = NULL;
	int i, market = -1, counts[LIQ_KIND_MAX + 1] = { 0 };
	int bitmex = 0;
	char cs[40];
	size_t off = 0;
	const char *venue = NULL;
	int rc;

	for (i = 0; i < g->n; i++) {
		const struct src *s = &g->src[i];
		const char *v = s->venue[0] ? s->venue :
		    o->vendor_venue[0] ? o->vendor_venue : "vendor";

		counts[s->kind]++;
		bitmex |= s->kind == LIQ_KIND_BITMEX;
		if (o->market < 0 && s->market_hint >= 0) {
			if (market >= 0 && market != s->market_hint)
				return agree("markets",
				    liq_market_name(market), ms->path,
				    liq_market_name(s->market_hint), s->path,
				    e);
			market = s->market_hint;
			ms = s;
		}
		if (o->symbol[0] == '\0' && s->symbol[0] != '\0') {
			if (ss != NULL && strcmp(ss->symbol, s->symbol) != 0)
				return agree("symbols", ss->symbol, ss->path,
				    s->symbol, s->path, e);
			ss = s;
		}
		if (o->venue[0] == '\0') {
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
	if (bitmex && o->symbol[0] == '\0')
		return liq_error_set(e, LIQ_EARG, NULL, 0, "--symbol", NULL, 0,
		    "BitMEX trade files hold every symbol: give one --symbol "
		    "(e.g. XBTUSD)");
	snprintf(in->symbol, sizeof(in->symbol), "%s", o->symbol[0] ?
	    o->symbol : ss ? ss->symbol : "");
	if (in->symbol[0] == '\0')
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "cannot tell the symbol from the file names or contents: "
		    "give --symbol");
	snprintf(in->venue, sizeof(in->venue), "%s", o->venue[0] ? o->venue :
	    venue ? venue : "unknown");
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
		in->interval_ms = counts[LIQ_KIND_AGGTRADES] ||
		    counts[LIQ_KIND_TRADES] || iv == 0 ? 60000 : iv;
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
	for (i = 1; i <= LIQ_KIND_MAX; i++)
		if (counts[i] > 0 && off < sizeof(in->sources)) {
			int k = snprintf(in->sources + off,
			    sizeof(in->sources) - off, "%s%s:%d",
			    off ? "," : "", liq_kind_name(i), counts[i]);
			if (k > 0)
				off += (size_t)k;
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

static int
start_src(struct liq_ingest *g, struct src *s, struct liq_error *e)
{
	int i, rc, k = classes(s);
	char t[40];

	for (i = 0; i < g->n; i++) {
		struct src *o = &g->src[i];
		if (o != s && o->state == S_OPEN && (classes(o) & k))
			return liq_error_set(e, LIQ_EARG, s->path, 0, NULL,
			    NULL, 0, "it and %s both give %s for the time "
			    "from %s: give one or the other", o->path,
			    class_name(classes(o) & k), liq_time_format(
			    s->first_ts, t, sizeof(t)));
	}
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

	if (s->kind >= LIQ_KIND_BYBIT && s->matched == 0) {
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
	return 0;
}

static int run(struct liq_ingest *, liq_bar_fn, void *, struct liq_error *);

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
	int rc, i;

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
			if (s->first_ts == INT64_MIN && s->kind ==
			    LIQ_KIND_LIQSNAP && s->name_from != INT64_MIN)
				liq__agg_cover(&g->agg, LIQ_COV_LIQ,
				    s->name_from, s->name_to);
			liq_input_close(s->in);
			s->in = NULL;
			s->state = S_DONE;
		}
	}
	/*
	 * Where volume and liquidation data are complete: each file's span
	 * (the day or month in its name, else its rows), known before any
	 * bar is written.  Ends are settled when a file without a dated name
	 * is done.
	 */
	for (i = 0; i < g->n; i++) {
		struct src *s = &g->src[i];
		int cls = s->kind == LIQ_KIND_LIQSNAP ||
		    s->kind == LIQ_KIND_TARDIS_LIQ ? LIQ_COV_LIQ :
		    classes(s) == K_PRICE && s->kind != LIQ_KIND_VENDOR ?
		    LIQ_COV_VOL : -1;
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
liq_ingest_bad_count(const struct liq_ingest *g)
{
	return g->ctx.nbad;
}

const struct liq_error *
liq_ingest_bad(const struct liq_ingest *g, int i)
{
	if (i < 0 || (uint64_t)i >= g->ctx.nbad || i >= LIQ_MAX_BAD_KEPT)
		return NULL;
	return &g->ctx.bad[i];
}

int
liq_ingest_nfiles(const struct liq_ingest *g)
{
	return g->n;
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
	}
	if (g->agg_ready)
		liq__agg_free(&g->agg);
	free(g->src);
	free(g);
}
