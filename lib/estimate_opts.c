/*
 * estimate_opts.c - the options of an estimate (man/liq-estimate.1,
 * OPTIONS) as text both ways: the rule names that the options and the
 * grid's metadata spell (one table for lib and cmd), the defaults, the
 * parsers of --leverage and --half-life, and the params lines that record
 * the same values in the grid (man/liq-grid.5).  Each spec's parser sits
 * next to its formatter, so the two cannot drift apart unseen.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "brackets_int.h"
#include "estimate_int.h"

/* --------------------------------------------------------- the rules */

/* The names of the rules, indexed by their enum (liq.h). */
const char *const liq_side_rule_names[] = { "taker", "ratio", "even", NULL };
const char *const liq_entry_rule_names[] = { "typical", "vwap", "close",
    "spread", NULL };
const char *const liq_close_rule_names[] = { "proportional", "oldest", "none",
    NULL };
const char *const liq_model_names[] = { "path", "classic", NULL };
const char *const liq_margin_rule_names[] = { "binance", "bybit", "simple",
    NULL };

int
liq_rule_parse(const char *const *names, const char *s)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int
liq_estimate_options_check(const struct liq_estimate_options *o,
    struct liq_error *e)
{
	const char *why = NULL;

	if (o->tick > 0 && o->log_bins)
		why = "--tick makes linear bins: it cannot go with --log";
	else if (o->lookback_ms > 0 && o->from_ms != INT64_MIN)
		why = "give --lookback or --from, not both";
	else if (o->from_ms != INT64_MIN && o->to_ms != INT64_MAX &&
	    o->to_ms <= o->from_ms)
		why = "--to must be after --from";
	else if (!isnan(o->price_min) && !isnan(o->price_max) &&
	    !(o->price_max > o->price_min))
		why = "--price-max must be above --price-min";
	else if (!(isnan(o->turnover) || (o->turnover >= 0 &&
	    o->turnover <= 1000)))
		why = "--turnover: a number from 0 to 1000";
	else if (!(o->seed_pct >= 0 && o->seed_pct <= 50))
		why = "--seed: a percentage from 0 to 50";
	if (why == NULL)
		return 0;
	return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0, "%s", why);
}

/*
 * The models' own defaults (man/liq-estimate.1, "Models").  classic: the
 * mix 5/10/25/50/100x weighted 0.1/0.2/0.3/0.25/0.15 and no turnover, the
 * model before 2026-12.  path: Binance's highest BTCUSDT leverage, 125x,
 * added at 0.1, taken from the 50x and 100x tiers (0.05 each), and
 * turnover 5: a bar whose range is 1 % of price closes and reopens 5 % of
 * the open interest (trading volume, and with it the positions opened and
 * closed at unchanged open interest, grows with the range).
 */
void
liq_estimate_options_preset(struct liq_estimate_options *o)
{
	static const double lev[] = { 5, 10, 25, 50, 100, 125 };
	static const double wc[] = { 0.10, 0.20, 0.30, 0.25, 0.15 };
	static const double wp[] = { 0.10, 0.20, 0.30, 0.20, 0.10, 0.10 };
	int classic = o->model == LIQ_MODEL_CLASSIC;

	if (o->ntiers == 0) {
		o->ntiers = classic ? 5 : 6;
		for (int i = 0; i < o->ntiers; i++) {
			o->leverage[i] = lev[i];
			o->weight[i] = classic ? wc[i] : wp[i];
			o->half_life_ms[i] = 0;
		}
	}
	if (isnan(o->turnover))
		o->turnover = classic ? 0 : 5;
}

void
liq_estimate_options_init(struct liq_estimate_options *o)
{
	memset(o, 0, sizeof(*o));
	o->model = LIQ_MODEL_PATH;
	o->side_rule = LIQ_SIDE_TAKER;
	o->entry_rule = LIQ_ENTRY_SPREAD;
	o->close_rule = LIQ_CLOSE_PROPORTIONAL;
	o->margin = -1;
	o->ntiers = 0;
	o->turnover = NAN;
	o->brackets_date = INT64_MIN;
	o->position_usd = 10000;
	o->from_ms = INT64_MIN;
	o->to_ms = INT64_MAX;
	o->max_cols = 4000;
	o->nbins = 2000;
	o->max_bytes = 4e9;
	o->warmup_ms = -1;
	o->seed_pct = 10;
	o->price_min = o->price_max = NAN;
	o->oi_proxy = NAN;
}

static int
argerr(struct liq_error *e, const char *what, const char *s, size_t n)
{
	return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, s, n, "%s", what);
}

/* Append to buf[*n..cap), never past its end (text is cut). */
static void
cat(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n + 1 >= cap)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, cap - *n, fmt, ap);
	va_end(ap);
	if (k > 0)
		*n = *n + (size_t)k < cap ? *n + (size_t)k : cap - 1;
}

/* ---------------------------------------------------------- leverage */

int
liq_estimate_parse_leverage(struct liq_estimate_options *o, const char *s,
    struct liq_error *e)
{
	double sum = 0;
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, ","), c = strcspn(s, ":");
		double l, w;

		if (n == LIQ_MAX_TIERS)
			return argerr(e, "too many leverage tiers (16 at most)",
			    s, len);
		if (c >= len || liq_parse_double(s, c, &l) != 0 || !(l >= 1) ||
		    l > 1000 || liq_parse_double(s + c + 1, len - c - 1, &w) ||
		    !(w > 0) || !isfinite(w))
			return argerr(e, "want LEVERAGE:WEIGHT with leverage "
			    "in [1, 1000] and weight > 0", s, len);
		for (int i = 0; i < n; i++)
			if (o->leverage[i] == l)
				return argerr(e, "leverage given twice", s,
				    len);
		o->leverage[n] = l;
		o->weight[n] = w;
		o->half_life_ms[n] = 0;
		sum += w;
		n++;
		s += len + (s[len] == ',');
	}
	if (n == 0)
		return argerr(e, "empty leverage mix", NULL, 0);
	for (int i = 0; i < n; i++)
		o->weight[i] /= sum;
	o->ntiers = n;
	return 0;
}

/* The mix as the parser reads it: "5:0.1,10:0.2,..." (weights as
 * normalised). */
static void
format_leverage(const struct liq_estimate_options *o, char *buf, size_t cap)
{
	char x[64], t[64];
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < o->ntiers; i++) {
		liq_format_double(o->leverage[i], x);
		liq_format_double(o->weight[i], t);
		cat(buf, cap, &n, "%s%s:%s", i ? "," : "", x, t);
	}
}

/* --------------------------------------------------------- half-life */

int
liq_estimate_parse_half_life(struct liq_estimate_options *o, const char *s,
    struct liq_error *e)
{
	int64_t d;
	int i;

	liq_estimate_options_preset(o);	/* the mix the half-lives are of */
	if (strchr(s, ':') == NULL) {
		if (liq_parse_duration(s, strlen(s), &d) != 0 || d <= 0)
			return argerr(e, "not a duration with a unit (18h, "
			    "3d) above 0", s, SIZE_MAX);
		for (i = 0; i < o->ntiers; i++)
			o->half_life_ms[i] = d;
		return 0;
	}
	while (*s) {
		size_t len = strcspn(s, ","), c = strcspn(s, ":");
		double l;

		if (c >= len || liq_parse_double(s, c, &l) != 0 ||
		    liq_parse_duration(s + c + 1, len - c - 1, &d) != 0 ||
		    d <= 0)
			return argerr(e, "want LEVERAGE:DURATION, the duration "
			    "with a unit (100:18h,50:3d)", s, len);
		for (i = 0; i < o->ntiers; i++)
			if (o->leverage[i] == l)
				break;
		if (i == o->ntiers)
			return argerr(e, "half-life for a leverage that is not "
			    "in the --leverage mix", s, len);
		o->half_life_ms[i] = d;
		s += len + (s[len] == ',');
	}
	return 0;
}

/* Per tier, "LEVERAGE:DURATION" or "LEVERAGE:none" without decay:
 * "5:18h,10:none,...". */
static void
format_half_life(const struct liq_estimate_options *o, char *buf, size_t cap)
{
	char x[64], t[64];
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < o->ntiers; i++) {
		liq_format_double(o->leverage[i], x);
		if (o->half_life_ms[i] > 0)
			liq_duration_format(o->half_life_ms[i], t, sizeof(t));
		else
			strcpy(t, "none");
		cat(buf, cap, &n, "%s%s:%s", i ? "," : "", x, t);
	}
}

/* ------------------------------------------------------------ params */

/* Append "key=value\n" to the params. */
static void
param(struct liq_grid_info *g, const char *k, const char *v)
{
	size_t o = strlen(g->params);

	snprintf(g->params + o, sizeof(g->params) - o, "%s=%s\n", k, v);
}

void
liq__estimate_record_params(struct liq_estimate *est)
{
	const char *const *side = liq_side_rule_names;
	const char *const *entry = liq_entry_rule_names;
	const char *const *closer = liq_close_rule_names;
	const char *const *margin = liq_margin_rule_names;
	const struct liq_estimate_options *o = &est->o;
	struct liq_grid_info *g = &est->g;
	char buf[1024], x[64], t[64];
	size_t n;
	int i;

	param(g, "model", "liq-estimate 1");
	param(g, "model_name", liq_model_names[o->model]);
	liq_format_double(o->turnover, x);
	param(g, "turnover", x);
	param(g, "side", side[o->side_rule]);
	param(g, "entry", entry[o->entry_rule]);
	format_leverage(o, buf, sizeof(buf));
	param(g, "leverage", buf);
	format_half_life(o, buf, sizeof(buf));
	param(g, "half_life", buf);
	for (n = 0, buf[0] = '\0', i = 0; i < est->n; i++)
		cat(buf, sizeof(buf), &n, "%s%s:%s", i ? "," : "",
		    est->in[i].info.venue, margin[est->in[i].margin]);
	param(g, "margin", buf);
	liq__brackets_param(est, buf, sizeof(buf));
	param(g, "brackets", buf);
	if (o->brackets_date != INT64_MIN)
		param(g, "brackets_date", liq_time_format(o->brackets_date, t,
		    sizeof(t)));
	liq_format_double(o->position_usd, x);
	param(g, "position_usd", x);
	param(g, "close", closer[o->close_rule]);
	if (o->warmup_ms < 0)
		param(g, "warmup", "all");
	else
		param(g, "warmup", liq_duration_format(o->warmup_ms, t,
		    sizeof(t)));
	liq_format_double(o->seed_pct, x);
	param(g, "seed_pct", x);
	if (!isnan(o->oi_proxy)) {
		liq_format_double(o->oi_proxy, x);
		param(g, "oi_proxy", x);
	}
	for (n = 0, buf[0] = '\0', i = 0; i < est->n; i++)
		cat(buf, sizeof(buf), &n, "%s%s/%s/%s", i ? "," : "",
		    est->in[i].info.venue, est->in[i].info.symbol,
		    liq_market_name(est->in[i].info.market));
	param(g, "inputs", buf);
	/* what the data is: the first priced bar and the end of the last bar
	 * of the window (titles show them, liq-cluster takes the last
	 * column's snapshot at data_to), the price the axis came from, and,
	 * for pictures only (no column depends on them), where price went */
	if (est->data_from != INT64_MAX)
		param(g, "data_from", liq_time_format(est->data_from, t,
		    sizeof(t)));
	if (est->data_to != INT64_MIN)
		param(g, "data_to", liq_time_format(est->data_to, t,
		    sizeof(t)));
	if (isnan(o->price_min) || isnan(o->price_max)) {
		liq_format_double(est->axis_p0, x);
		param(g, "axis_p0", x);
	}
	liq_format_double(est->price_low, x);
	param(g, "price_low", x);
	liq_format_double(est->price_high, x);
	param(g, "price_high", x);
}
