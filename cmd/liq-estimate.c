/*
 * liq-estimate - bars to a time x price grid of estimated liquidation
 * notional (man/liq-estimate.1).  Given a grid instead of bars, it
 * converts: --csv writes the grid's CSV form, --series its series.
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liq.h"
#include "args.h"
#include "outfile.h"

#define DAY_MS INT64_C(86400000)

#ifndef LIQ_VERSION
#define LIQ_VERSION "0.1"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: liq-estimate [-q] [--csv] [-o file] [--series file] "
	    "[--ledger file]\n"
	    "                    [--side taker|ratio|even] "
	    "[--entry typical|vwap|close|spread]\n"
	    "                    [--leverage mix] [--margin binance|bybit|simple] "
	    "[--brackets file]\n"
	    "                    [--brackets-date time] [--position-usd n] "
	    "[--close proportional|oldest|none]\n"
	    "                    [--half-life spec] [--from time] [--to time] "
	    "[--lookback dur]\n"
	    "                    [--warmup dur] [--step dur] [--bins n | --tick n] "
	    "[--log]\n"
	    "                    [--price-min n] [--price-max n] "
	    "[--oi-proxy fraction] [--by-venue]\n"
	    "                    [file ...]\n");
	exit(f == stdout ? 0 : 2);
}

struct out {
	struct liq_grid_writer *w;
	FILE *series;
	FILE *ledger;
	struct liq_estimate *est;
};

static int
emit(void *ctx, const struct liq_grid_column *c, struct liq_error *e)
{
	struct out *o = ctx;
	int rc;

	if (o->w && (rc = liq_grid_write(o->w, c, e)) != 0)
		return rc;
	if (o->series && liq_grid_series_row(o->series, c) != 0)
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error (--series)");
	if (o->ledger && o->est) {
		for (int side = 1; side >= -1; side -= 2) {
			struct liq_estimate_ledger l;
			char b[5][40];

			liq_estimate_ledger(o->est, side, &l);
			liq_format_double(l.open, b[0]);
			liq_format_double(l.opened, b[1]);
			liq_format_double(l.touched, b[2]);
			liq_format_double(l.closed, b[3]);
			liq_format_double(l.decayed, b[4]);
			fprintf(o->ledger, "%lld,%s,%s,%s,%s,%s,%s\n",
			    (long long)c->time_ms, side > 0 ? "long" : "short",
			    b[0], b[1], b[2], b[3], b[4]);
		}
		if (ferror(o->ledger))
			return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
			    "write error (--ledger)");
	}
	return 0;
}

static int
word_arg(const char *opt, const char *s, const char *const *words)
{
	int i = liq_rule_parse(words, s);

	if (i < 0)
		errx(2, "%s: unknown value \"%s\"", opt, s);
	return i;
}

static const char *outname = "stdout";

static void
fail(int code, const struct liq_error *e)
{
	char msg[1024];

	out_abort_all();
	if (e->code == LIQ_EIO && e->file[0] == '\0')
		errx(1, "%s: %s", outname, e->msg);
	errx(code, "%s", liq_error_format(e, msg, sizeof(msg)));
}

/* Is path a grid file?  (Peek at its magic; stdin is never reopened.) */
static int
is_grid(const char *path)
{
	struct liq_error e;
	int type;

	if (path == NULL || strcmp(path, "-") == 0)
		return 0;
	return liq_file_detect(path, &type, NULL, &e) == 0 &&
	    type == LIQ_FILE_GRID;
}

/* Convert an existing grid: --csv and/or --series. */
static void
convert(const char *path, const char *out, int csv, const char *series)
{
	struct liq_grid_reader *r;
	struct liq_grid_column *c;
	struct liq_grid_writer *w = NULL;
	struct liq_error e;
	struct out o = { NULL, NULL, NULL, NULL };
	FILE *f = NULL;
	int rc;

	liq_error_clear(&e);
	if (!csv && series == NULL)
		errx(2, "%s is a grid: give --csv or --series FILE to convert "
		    "it", path);
	if (liq_grid_reader_open(&r, path, &e) != 0)
		fail(1, &e);
	if (csv) {
		f = out_open(out, 1);
		if (liq_grid_writer_open(&w, f, liq_grid_reader_info(r), 1,
		    &e) != 0)
			fail(1, &e);
		o.w = w;
	}
	if (series) {
		o.series = out_open(series, 1);
		liq_grid_series_header(o.series);
	}
	while ((rc = liq_grid_read(r, &c, &e)) == 1)
		if (emit(&o, c, &e) != 0)
			fail(1, &e);
	if (rc < 0 || (w && liq_grid_writer_close(w, &e) != 0))
		fail(1, &e);
	if (o.series)
		out_close(o.series, series);
	if (f)
		out_close(f, out);
	liq_grid_writer_free(w);
	liq_grid_reader_close(r);
}

int
main(int argc, char **argv)
{
	enum {
		O_CSV = 256, O_SERIES, O_LEDGER, O_SIDE, O_ENTRY, O_LEV,
		O_MARGIN, O_BRACKETS, O_BDATE, O_POS, O_CLOSE, O_HL, O_FROM,
		O_TO, O_LOOKBACK, O_WARMUP, O_STEP, O_BINS, O_TICK, O_LOG,
		O_PMIN, O_PMAX, O_PROXY, O_BYVENUE, O_VERSION
	};
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "series", required_argument, NULL, O_SERIES },
		{ "ledger", required_argument, NULL, O_LEDGER },
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
		{ "step", required_argument, NULL, O_STEP },
		{ "bins", required_argument, NULL, O_BINS },
		{ "tick", required_argument, NULL, O_TICK },
		{ "log", no_argument, NULL, O_LOG },
		{ "price-min", required_argument, NULL, O_PMIN },
		{ "price-max", required_argument, NULL, O_PMAX },
		{ "oi-proxy", required_argument, NULL, O_PROXY },
		{ "by-venue", no_argument, NULL, O_BYVENUE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *const *sides = liq_side_rule_names;
	const char *const *entries = liq_entry_rule_names;
	const char *const *closes = liq_close_rule_names;
	const char *const *margins = liq_margin_rule_names;
	struct liq_estimate_options o;
	struct liq_estimate *est = NULL;
	struct liq_error e;
	struct out ou = { NULL, NULL, NULL, NULL };
	char cmd[1024];
	const char *out = NULL, *series = NULL, *ledger = NULL, *hl = NULL;
	int ch, csv = 0, quiet = 0, have_bins = 0;
	FILE *f;

	liq_estimate_options_init(&o);
	liq_error_clear(&e);
	command_line(cmd, sizeof(cmd), argc, argv);
	o.command = cmd;
	while ((ch = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		switch (ch) {
		case O_CSV:
			csv = 1;
			break;
		case 'o':
			out = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case O_SERIES:
			series = optarg;
			break;
		case O_LEDGER:
			ledger = optarg;
			break;
		case O_SIDE:
			o.side_rule = word_arg("--side", optarg, sides);
			break;
		case O_ENTRY:
			o.entry_rule = word_arg("--entry", optarg, entries);
			break;
		case O_LEV:
			if (liq_estimate_parse_leverage(&o, optarg, &e) != 0)
				errx(2, "--leverage: %s: \"%s\"", e.msg, e.text);
			break;
		case O_MARGIN:
			o.margin = word_arg("--margin", optarg, margins);
			break;
		case O_BRACKETS:
			o.brackets_path = optarg;
			break;
		case O_BDATE:
			o.brackets_date = time_arg("--brackets-date", optarg);
			break;
		case O_POS:
			o.position_usd = num_arg("--position-usd", optarg, 1,
			    1e12);
			break;
		case O_CLOSE:
			o.close_rule = word_arg("--close", optarg, closes);
			break;
		case O_HL:
			hl = optarg;
			break;
		case O_FROM:
			o.from_ms = time_arg("--from", optarg);
			break;
		case O_TO:
			o.to_ms = time_arg("--to", optarg);
			break;
		case O_LOOKBACK:
			o.lookback_ms = duration_arg("--lookback", optarg, 1,
			    100 * 366 * DAY_MS);
			break;
		case O_WARMUP:
			o.warmup_ms = duration_arg("--warmup", optarg, 0,
			    100 * 366 * DAY_MS);
			break;
		case O_STEP:
			o.step_ms = duration_arg("--step", optarg, 1,
			    366 * DAY_MS);
			break;
		case O_BINS:
			o.nbins = (uint32_t)int_arg("--bins", optarg, 1,
			    LIQ_GRID_MAX_BINS);
			have_bins = 1;
			break;
		case O_TICK:
			o.tick = num_arg("--tick", optarg, 1e-12, 1e12);
			break;
		case O_LOG:
			o.log_bins = 1;
			break;
		case O_PMIN:
			o.price_min = num_arg("--price-min", optarg, 1e-12,
			    1e15);
			break;
		case O_PMAX:
			o.price_max = num_arg("--price-max", optarg, 1e-12,
			    1e15);
			break;
		case O_PROXY:
			o.oi_proxy = num_arg("--oi-proxy", optarg, 0, 1);
			break;
		case O_BYVENUE:
			o.by_venue = 1;
			break;
		case O_VERSION:
			printf("liq-estimate %s\n", LIQ_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			break;
		default:
			usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (hl && liq_estimate_parse_half_life(&o, hl, &e) != 0)
		errx(2, "--half-life: %s: \"%s\"", e.msg, e.text);
	if (o.tick > 0 && have_bins)
		errx(2, "give --bins or --tick, not both");
	if (o.tick > 0 && o.log_bins)
		errx(2, "--tick makes linear bins: it cannot go with --log");
	if (o.lookback_ms > 0 && o.from_ms != INT64_MIN)
		errx(2, "give --lookback or --from, not both");
	if (o.from_ms != INT64_MIN && o.to_ms != INT64_MAX &&
	    o.to_ms <= o.from_ms)
		errx(2, "--to must be after --from");
	if (!isnan(o.price_min) && !isnan(o.price_max) &&
	    !(o.price_max > o.price_min))
		errx(2, "--price-max must be above --price-min");
	(void)quiet;		/* no progress to silence yet */
	if (argc == 1 && is_grid(argv[0])) {
		convert(argv[0], out, csv, series);
		return 0;
	}
	if (argc == 0) {	/* no operand: bars on stdin */
		static char *dash[] = { "-", NULL };

		argv = dash;
		argc = 1;
	}
	if (liq_estimate_open(&est, (const char *const *)argv, argc, &o,
	    &e) != 0)
		fail(e.code == LIQ_EARG ? 2 : 1, &e);
	if (liq_estimate_proxied(est) > 0)
		warnx("warning: %d input%s without open interest: ΔOI taken "
		    "as %g of each bar's volume (--oi-proxy)",
		    liq_estimate_proxied(est),
		    liq_estimate_proxied(est) == 1 ? "" : "s", o.oi_proxy);
	f = out_open(out, csv);
	if (out)
		outname = out;
	if (series) {
		ou.series = out_open(series, 1);
		liq_grid_series_header(ou.series);
	}
	if (ledger) {
		ou.ledger = out_open(ledger, 1);
		ou.est = est;
		fputs("time,side,open_usd,opened_usd,touched_usd,closed_usd,"
		    "decayed_usd\n", ou.ledger);
	}
	if (liq_grid_writer_open(&ou.w, f, liq_estimate_grid_info(est), csv,
	    &e) != 0 || liq_estimate_run(est, emit, &ou, &e) != 0 ||
	    liq_grid_writer_close(ou.w, &e) != 0)
		fail(1, &e);
	/* flush everything before the first rename */
	if ((ou.series && fflush(ou.series) != 0) ||
	    (ou.ledger && fflush(ou.ledger) != 0)) {
		out_abort_all();
		err(1, "write error (--series or --ledger)");
	}
	out_close(f, out);
	if (ou.series)
		out_close(ou.series, series);
	if (ou.ledger)
		out_close(ou.ledger, ledger);
	liq_grid_writer_free(ou.w);
	liq_estimate_close(est);
	return 0;
}
