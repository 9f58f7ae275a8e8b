/*
 * liq-estimate - bars to a time x price grid of estimated liquidation
 * notional (man/liq-estimate.1).  Given a grid instead of bars, it
 * converts: --csv writes the grid's CSV form, --series its series
 * (cmd/gridconv.c).
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

static const char usage_text[] =
    "usage: liq-estimate [-q] [--csv] [-o file] [--series file]\n"
    "                    [--ledger file] [--time iso|ms] [--na text]\n"
    "                    [--exact] [--model path|classic] [--turnover k]\n"
    "                    [--side taker|ratio|even] [--leverage mix] [--seed pct]\n"
    "                    [--entry typical|vwap|close|spread] [--brackets file]\n"
    "                    [--margin binance|bybit|simple] [--position-usd n]\n"
    "                    [--brackets-date time] [--close proportional|oldest|none]\n"
    "                    [--half-life spec] [--from time] [--to time]\n"
    "                    [--lookback dur] [--warmup dur] [--step dur]\n"
    "                    [--bins n | --tick n] [--log] [--price-min n]\n"
    "                    [--price-max n] [--oi-proxy fraction] [--by-venue]\n"
    "                    [--by-leverage] [--max-output n] [--prefer first|last]\n"
    "                    [file ...]\n";

/* What the options ask for besides the model, and the outputs. */
struct run {
	const char *out, *series, *ledger;	/* file names, NULL: none */
	int csv, quiet;
	struct liq_csv_style style;	/* --csv, --series and --ledger */
	struct liq_grid_writer *w;
	FILE *series_f, *ledger_f;
	struct rec ledger_rec;	/* its f is NULL without --ledger */
	struct liq_estimate *est;
};

static int
emit(void *ctx, const struct liq_grid_column *c, struct liq_error *e)
{
	struct run *o = ctx;
	int rc;

	if ((rc = liq_grid_write(o->w, c, e)) != 0)
		return rc;
	if ((rc = series_row(o->series_f, c, &o->style, e)) != 0)
		return rc;
	return ledger_row(&o->ledger_rec, o->est, c, e);
}

/* Parse the options into o and a; returns the index of the first
 * operand.  Exits 2 on a usage error. */
static int
options(int argc, char **argv, struct liq_estimate_options *o, struct run *a)
{
	enum {
		O_CSV = 256, O_SERIES, O_LEDGER, O_SIDE, O_ENTRY, O_LEV,
		O_MARGIN, O_BRACKETS, O_BDATE, O_POS, O_CLOSE, O_HL, O_FROM,
		O_TO, O_LOOKBACK, O_WARMUP, O_SEED, O_STEP, O_BINS, O_TICK, O_LOG,
		O_PMIN, O_PMAX, O_PROXY, O_BYVENUE, O_BYLEV, O_PREFER, O_MAX,
		O_VERSION, O_MODEL, O_TURN
	};
	enum { O_TIME = 512, O_NA, O_EXACT };	/* the CSV style */
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "series", required_argument, NULL, O_SERIES },
		{ "ledger", required_argument, NULL, O_LEDGER },
		{ "time", required_argument, NULL, O_TIME },
		{ "na", required_argument, NULL, O_NA },
		{ "exact", no_argument, NULL, O_EXACT },
		{ "model", required_argument, NULL, O_MODEL },
		{ "turnover", required_argument, NULL, O_TURN },
		{ "side", required_argument, NULL, O_SIDE },
		{ "entry", required_argument, NULL, O_ENTRY },
		{ "leverage", required_argument, NULL, O_LEV },
		{ "margin", required_argument, NULL, O_MARGIN },
		{ "brackets", required_argument, NULL, O_BRACKETS },
		{ "brackets-date", required_argument, NULL, O_BDATE },
		{ "position-usd", required_argument, NULL, O_POS },
		{ "close", required_argument, NULL, O_CLOSE },
		{ "half-life", required_argument, NULL, O_HL },
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "lookback", required_argument, NULL, O_LOOKBACK },
		{ "warmup", required_argument, NULL, O_WARMUP },
		{ "seed", required_argument, NULL, O_SEED },
		{ "step", required_argument, NULL, O_STEP },
		{ "bins", required_argument, NULL, O_BINS },
		{ "tick", required_argument, NULL, O_TICK },
		{ "log", no_argument, NULL, O_LOG },
		{ "price-min", required_argument, NULL, O_PMIN },
		{ "price-max", required_argument, NULL, O_PMAX },
		{ "oi-proxy", required_argument, NULL, O_PROXY },
		{ "by-venue", no_argument, NULL, O_BYVENUE },
		{ "by-leverage", no_argument, NULL, O_BYLEV },
		{ "prefer", required_argument, NULL, O_PREFER },
		{ "max-output", required_argument, NULL, O_MAX },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	/* the options that take a number in a range */
	const struct { int ch; const char *name; double *p, min, max; } num[] = {
		{ O_POS, "--position-usd", &o->position_usd, 1, 1e12 },
		{ O_SEED, "--seed", &o->seed_pct, 0, 50 },
		{ O_TICK, "--tick", &o->tick, 1e-12, 1e12 },
		{ O_PMIN, "--price-min", &o->price_min, 1e-12, 1e15 },
		{ O_PMAX, "--price-max", &o->price_max, 1e-12, 1e15 },
		{ O_PROXY, "--oi-proxy", &o->oi_proxy, 0, 1 },
		{ O_MAX, "--max-output", &o->max_bytes, 0, 1e18 },
		{ O_TURN, "--turnover", &o->turnover, 0, 1000 },
	};
	struct liq_error e;
	const char *hl = NULL;
	int ch, k, nnum = (int)(sizeof(num) / sizeof(num[0])), have_bins = 0;

	liq_error_clear(&e);
	while ((ch = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		switch (ch) {
		case O_CSV:
			a->csv = 1;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case O_SERIES:
			a->series = optarg;
			break;
		case O_TIME:
			csv_style_arg(&a->style, "--time", optarg);
			break;
		case O_NA:
			csv_style_arg(&a->style, "--na", optarg);
			break;
		case O_EXACT:
			csv_style_arg(&a->style, "--exact", NULL);
			break;
		case O_LEDGER:
			a->ledger = optarg;
			break;
		case O_MODEL:
			o->model = word_arg("--model", optarg, liq_model_names);
			break;
		case O_SIDE:
			o->side_rule = word_arg("--side", optarg,
			    liq_side_rule_names);
			break;
		case O_ENTRY:
			o->entry_rule = word_arg("--entry", optarg,
			    liq_entry_rule_names);
			break;
		case O_LEV:
			if (liq_estimate_parse_leverage(o, optarg, &e) != 0)
				errx(2, "--leverage: %s: \"%s\"", e.msg,
				    e.text);
			break;
		case O_MARGIN:
			o->margin = word_arg("--margin", optarg,
			    liq_margin_rule_names);
			break;
		case O_BRACKETS:
			o->brackets_path = optarg;
			break;
		case O_BDATE:
			o->brackets_date = time_arg("--brackets-date", optarg);
			break;
		case O_CLOSE:
			o->close_rule = word_arg("--close", optarg,
			    liq_close_rule_names);
			break;
		case O_HL:
			hl = optarg;
			break;
		case O_FROM:
			o->from_ms = time_arg("--from", optarg);
			break;
		case O_TO:
			o->to_ms = time_arg("--to", optarg);
			break;
		case O_LOOKBACK:
			o->lookback_ms = duration_arg("--lookback", optarg, 1,
			    100 * 366 * DAY_MS);
			break;
		case O_WARMUP:
			o->warmup_ms = duration_arg("--warmup", optarg, 0,
			    100 * 366 * DAY_MS);
			break;
		case O_STEP:
			o->step_ms = duration_arg("--step", optarg, 1,
			    366 * DAY_MS);
			break;
		case O_BINS:
			o->nbins = (uint32_t)int_arg("--bins", optarg, 1,
			    LIQ_GRID_MAX_BINS);
			have_bins = 1;
			break;
		case O_LOG:
			o->log_bins = 1;
			break;
		case O_BYVENUE:
		case O_BYLEV:
			*(ch == O_BYVENUE ? &o->by_venue : &o->by_leverage) = 1;
			break;
		case O_PREFER:
			o->prefer = prefer_arg("--prefer", optarg);
			break;
		case O_VERSION:
			prog_version(NULL);
		case 'h':
			prog_help(usage_text, help_estimate);
		default:
			for (k = 0; k < nnum && num[k].ch != ch; k++)
				;
			if (k == nnum)
				prog_usage(stderr, usage_text);
			*num[k].p = num_arg(num[k].name, optarg, num[k].min,
			    num[k].max);
		}
	}
	liq_estimate_options_preset(o);
	if (hl && liq_estimate_parse_half_life(o, hl, &e) != 0)
		errx(2, "--half-life: %s: \"%s\"", e.msg, e.text);
	if (o->tick > 0 && have_bins)
		errx(2, "give --bins or --tick, not both");
	if (liq_estimate_options_check(o, &e) != 0)
		prog_fail(&e, NULL);
	return optind;
}

int
main(int argc, char **argv)
{
	static char *dash[] = { "-", NULL };
	struct liq_estimate_options o;
	struct liq_bars_seams sm;
	struct liq_error e;
	struct run r;
	char cmd[1024];
	FILE *f;
	int i;

	prog_init("liq-estimate");
	liq_estimate_options_init(&o);
	memset(&r, 0, sizeof(r));
	liq_csv_style_init(&r.style);
	command_line(cmd, sizeof(cmd), argc, argv);
	o.command = cmd;
	i = options(argc, argv, &o, &r);
	out_check((struct out_name[]){ { "-o", r.out, 0 }, { "--series",
	    r.series, 0 }, { "--ledger", r.ledger, 0 } }, 3, (const char *const
	    *)(argc > i ? argv + i : dash), argc > i ? argc - i : 1);
	if (argc - i == 1 && gridconv_is_grid(argv[i])) {
		gridconv_run(argv[i], r.out, r.csv, r.series, &r.style);
		return 0;
	}
	if (argc == i)		/* no operand: bars on stdin */
		argv = dash, argc = 1, i = 0;
	if (liq_estimate_open(&r.est, (const char *const *)argv + i, argc - i,
	    &o, &e) != 0)
		prog_fail(&e, NULL);
	prog_proxy_warning(r.est, &o, r.quiet);
	f = out_open(r.out, r.csv);
	if (r.series)
		r.series_f = series_open(r.series);
	if (r.ledger) {
		r.ledger_f = out_open(r.ledger, 1);
		ledger_start(&r.ledger_rec, r.ledger_f, &r.style);
	}
	if (liq_grid_writer_open(&r.w, f, liq_estimate_grid_info(r.est),
	    r.csv ? &r.style : NULL, &e) != 0 ||
	    liq_estimate_run(r.est, emit, &r, &e) != 0 ||
	    liq_grid_writer_close(r.w, &e) != 0)
		prog_fail(&e, r.out);
	/* flush everything before the first rename */
	if (r.series_f)
		out_flush(r.series_f);
	if (r.ledger_f)
		out_flush(r.ledger_f);
	prog_axis_warning(r.est, &o, r.quiet);
	out_close(f, r.out);
	if (r.series_f)
		out_close(r.series_f, r.series);
	if (r.ledger_f)
		out_close(r.ledger_f, r.ledger);
	liq_estimate_seams(r.est, &sm);
	prog_seams(&sm);
	liq_grid_writer_free(r.w);
	liq_estimate_close(r.est);
	return 0;
}
