/*
 * liq-ingest - exchange dumps (Binance public archive, vendor bar CSVs;
 * plain, gzip or zip) to time bars in the liq-bars format.
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"

static const char usage_text[] =
    "usage: liq-ingest [-qv] [--csv] [-o file] [--interval dur] [--from time]\n"
    "                  [--to time] [--symbol sym] [--market market]\n"
    "                  [--venue name] [--contract-size n]\n"
    "                  [--map map | --preset name] [--funding-unit unit]\n"
    "                  [--reorder dur]\n"
    "                  [--max-gap dur] [--oi-max-age dur] [--skip-bad]\n"
    "                  [--append] [--time iso|ms] [--na text] [file ...]\n";

struct sink {
	struct liq_bars_writer *w;
	uint64_t bars;
	int64_t after;		/* --append: the file's last bar, else MIN */
	const char *out;
};

static int
emit(void *ctx, const struct liq_bar *b, struct liq_error *e)
{
	struct sink *k = ctx;

	/* appended bars go on from the file's last bar: only a bar without
	 * prices (a sample taken as the new trades start) may share it */
	if (k->bars == 0 && k->after != INT64_MIN && (b->time_ms < k->after ||
	    (b->time_ms == k->after && (b->flags & LIQ_BAR_PRICE)))) {
		char t0[40], t1[40];

		return liq_error_set(e, LIQ_EDATA, k->out, 0, NULL, NULL, 0,
		    "--append would go back in time: the file ends with the "
		    "bar of %s, the new bars start at %s",
		    liq_time_format(k->after, t0, sizeof(t0)),
		    liq_time_format(b->time_ms, t1, sizeof(t1)));
	}
	k->bars++;
	return liq_bars_write(k->w, b, e);
}

static void
progress(void *arg, const char *file, uint64_t rows)
{
	(void)arg;
	fprintf(stderr, "\rliq-ingest: %s: %llu rows", file,
	    (unsigned long long)rows);
}

/* What the options ask for besides the ingest options. */
struct args {
	const char *out;
	int csv, quiet, verbose, append;
	struct liq_csv_style style;	/* --csv: times, missing values */
};

/* Parse the options into o and a; returns the index of the first
 * operand.  Exits 2 on a usage error. */
static int
options(int argc, char **argv, struct liq_ingest_options *o, struct args *a)
{
	enum {
		O_CSV = 256, O_INTERVAL, O_FROM, O_TO, O_SYMBOL, O_MARKET,
		O_VENUE, O_CS, O_MAP, O_PRESET, O_REORDER, O_MAXGAP, O_OIAGE,
		O_SKIP, O_APPEND, O_VERSION, O_FUNIT
	};
	enum { O_TIME = 512, O_NA };	/* the CSV style */
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "time", required_argument, NULL, O_TIME },
		{ "na", required_argument, NULL, O_NA },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "interval", required_argument, NULL, O_INTERVAL },
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "symbol", required_argument, NULL, O_SYMBOL },
		{ "market", required_argument, NULL, O_MARKET },
		{ "venue", required_argument, NULL, O_VENUE },
		{ "contract-size", required_argument, NULL, O_CS },
		{ "map", required_argument, NULL, O_MAP },
		{ "preset", required_argument, NULL, O_PRESET },
		{ "funding-unit", required_argument, NULL, O_FUNIT },
		{ "reorder", required_argument, NULL, O_REORDER },
		{ "max-gap", required_argument, NULL, O_MAXGAP },
		{ "oi-max-age", required_argument, NULL, O_OIAGE },
		{ "skip-bad", no_argument, NULL, O_SKIP },
		{ "append", no_argument, NULL, O_APPEND },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	char inflate[256];
	int ch;

	while ((ch = getopt_long(argc, argv, "ho:qv", longopts, NULL)) != -1) {
		switch (ch) {
		case O_CSV:
			a->csv = 1;
			break;
		case O_TIME:
			csv_style_arg(&a->style, "--time", optarg);
			break;
		case O_NA:
			csv_style_arg(&a->style, "--na", optarg);
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case 'v':
			a->verbose = 1;
			break;
		case O_INTERVAL:
			o->interval_ms = duration_arg("--interval", optarg, 1,
			    366 * DAY_MS);
			break;
		case O_FROM:
			o->from_ms = time_arg("--from", optarg);
			break;
		case O_TO:
			o->to_ms = time_arg("--to", optarg);
			break;
		case O_SYMBOL:
			if (o->symbol[0] != '\0')
				errx(2, "--symbol: give one symbol per run "
				    "(one bars file per market)");
			no_ctl("--symbol", optarg);
			copy_arg(o->symbol, sizeof(o->symbol), "--symbol",
			    optarg);
			break;
		case O_MARKET:
			if (liq_market_parse(optarg, &o->market) != 0)
				errx(2, "--market: linear, inverse or spot: "
				    "\"%s\"", optarg);
			break;
		case O_VENUE:
			no_ctl("--venue", optarg);
			copy_arg(o->venue, sizeof(o->venue), "--venue", optarg);
			break;
		case O_CS:
			if (liq_parse_double(optarg, strlen(optarg),
			    &o->contract_size) != 0 || !(o->contract_size >=
			    1e-8 && o->contract_size <= 1e9))
				errx(2, "--contract-size: not a number from "
				    "1e-8 to 1e9: \"%s\"", optarg);
			break;
		case O_MAP:
			if (o->map != NULL)
				errx(2, "give one --map or --preset");
			o->map = optarg;
			break;
		case O_PRESET:
			if (o->map != NULL)
				errx(2, "give one --map or --preset");
			if ((o->map = liq_ingest_preset(optarg)) == NULL)
				errx(2, "--preset: unknown preset \"%s\" "
				    "(known: coinglass)", optarg);
			copy_arg(o->vendor_venue, sizeof(o->vendor_venue),
			    "--preset", optarg);
			break;
		case O_FUNIT:
			o->funding_unit = 1 + choice_arg("--funding-unit",
			    optarg, (const char *const[]){ "fraction",
			    "percent", NULL });
			break;
		case O_REORDER:
			o->reorder_ms = duration_arg("--reorder", optarg, 1,
			    366 * DAY_MS);
			break;
		case O_MAXGAP:
			o->max_gap_ms = duration_arg("--max-gap", optarg, 1,
			    100 * 366 * DAY_MS);
			break;
		case O_OIAGE:
			o->oi_max_age_ms = duration_arg("--oi-max-age",
			    optarg, 1, 3660 * DAY_MS);
			break;
		case O_SKIP:
			o->skip_bad = 1;
			break;
		case O_APPEND:
			a->append = 1;
			break;
		case O_VERSION:
			snprintf(inflate, sizeof(inflate), "inflate: %s",
			    liq_inflate_backends());
			prog_version(inflate);
		case 'h':
			prog_help(usage_text, help_ingest);
		default:
			prog_usage(stderr, usage_text);
		}
	}
	from_to_check(o->from_ms, o->to_ms);
	return optind;
}

/* The inputs' notes, the skipped rows (--skip-bad) and, with -v, the
 * counts. */
static void
report(struct liq_ingest *g, const struct sink *k, int verbose)
{
	char msg[1024];
	uint64_t i, nbad = liq_ingest_bad_count(g);
	const char *rf, *note;
	uint64_t nrep = liq_ingest_repeats(g, &rf);

	for (i = 0; (note = liq_ingest_note(g, (int)i)) != NULL; i++)
		if (*note != '\0')
			warnx("warning: %s", note);
	if (nrep > 0)
		warnx("%s: dropped %llu repeated row%s (an aggTrades id or a "
		    "kline time, with values read before)", rf,
		    (unsigned long long)nrep, nrep == 1 ? "" : "s");

	if (verbose)
		warnx("%llu rows (%llu by the fused row parser), %llu bad, "
		    "%llu bars", (unsigned long long)liq_ingest_rows(g),
		    (unsigned long long)liq_ingest_fused_rows(g),
		    (unsigned long long)nbad, (unsigned long long)k->bars);
	if (nbad == 0)
		return;
	warnx("skipped %llu bad row%s (--skip-bad); the first:",
	    (unsigned long long)nbad, nbad == 1 ? "" : "s");
	for (i = 0; i < nbad && i < LIQ_MAX_BAD_KEPT; i++)
		warnx("  %s", liq_error_format(liq_ingest_bad(g, (int)i), msg,
		    sizeof(msg)));
}

int
main(int argc, char **argv)
{
	struct liq_ingest_options o;
	struct liq_ingest *g = NULL;
	struct liq_bars_writer *w = NULL;
	struct liq_error e;
	struct args a = { NULL, 0, 0, 0, 0, { 0, 0, "" } };
	struct sink sink = { NULL, 0, INT64_MIN, NULL };
	char cmd[1024];
	FILE *f;
	int i;

	prog_init("liq-ingest");
	liq_ingest_options_init(&o);
	liq_error_clear(&e);
	command_line(cmd, sizeof(cmd), argc, argv);
	o.command = cmd;
	liq_csv_style_init(&a.style);
	i = options(argc, argv, &o, &a);
	for (int k = 1; k < argc; k++)	/* the command line is recorded */
		no_ctl(k < i ? "an option" : "a file name", argv[k]);
	out_check((struct out_name[]){ { "-o", a.out, a.append } }, 1, (const char *const
	    *)(argc > i ? argv + i : (char *[]){ "-" }), argc > i ? argc - i : 1);
	if (!a.quiet && isatty(STDERR_FILENO))
		o.progress = progress;

	if (liq_ingest_open(&g, (const char *const *)argv + i, argc - i, &o,
	    &e) != 0)
		prog_fail(&e, NULL);
	if (a.append && (a.out == NULL || a.csv || strcmp(a.out, "-") == 0))
		errx(2, "--append needs -o FILE (binary bars)");
	if (a.append && access(a.out, F_OK) == 0) {
		sink.after = append_check(a.out, liq_ingest_info(g));
		sink.out = a.out;
		f = out_append(a.out);
	} else
		f = out_open(a.out, a.csv);
	if (liq_bars_writer_open(&w, f, liq_ingest_info(g),
	    a.csv ? &a.style : NULL, &e) != 0 ||
	    (sink.w = w, liq_ingest_run(g, emit, &sink, &e)) != 0 ||
	    liq_bars_writer_close(w, &e) != 0) {
		if (o.progress)
			fputc('\n', stderr);
		prog_fail(&e, a.out);
	}
	out_close(f, a.out);
	if (o.progress)
		fprintf(stderr, "\rliq-ingest: %llu rows\n",
		    (unsigned long long)liq_ingest_rows(g));
	report(g, &sink, a.verbose);
	liq_bars_writer_free(w);
	liq_ingest_close(g);
	return 0;
}
