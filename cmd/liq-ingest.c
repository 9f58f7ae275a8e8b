/*
 * liq-ingest - exchange dumps (Binance public archive, vendor bar CSVs;
 * plain, gzip or zip) to time bars in the liq-bars format.
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liq.h"
#include "args.h"
#include "outfile.h"

#ifndef LIQ_VERSION
#define LIQ_VERSION "0.1"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: liq-ingest [-qv] [--csv] [-o file] [--interval dur] "
	    "[--from time]\n"
	    "                  [--to time] [--symbol sym] [--market market] "
	    "[--venue name]\n"
	    "                  [--contract-size n] [--map map | --preset name] "
	    "[--reorder dur]\n"
	    "                  [--max-gap dur] [--oi-max-age dur] [--skip-bad] "
	    "[file ...]\n");
	exit(f == stdout ? 0 : 2);
}

struct sink {
	struct liq_bars_writer *w;
	uint64_t bars;
};

static int
emit(void *ctx, const struct liq_bar *b, struct liq_error *e)
{
	struct sink *k = ctx;

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

static void
copy_arg(char *dst, size_t n, const char *opt, const char *s)
{
	if (strlen(s) >= n || s[0] == '\0')
		errx(2, "%s: empty or too long: \"%s\"", opt, s);
	memcpy(dst, s, strlen(s) + 1);
}

int
main(int argc, char **argv)
{
	enum {
		O_CSV = 256, O_INTERVAL, O_FROM, O_TO, O_SYMBOL, O_MARKET,
		O_VENUE, O_CS, O_MAP, O_PRESET, O_REORDER, O_MAXGAP, O_OIAGE,
		O_SKIP, O_VERSION
	};
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
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
		{ "reorder", required_argument, NULL, O_REORDER },
		{ "max-gap", required_argument, NULL, O_MAXGAP },
		{ "oi-max-age", required_argument, NULL, O_OIAGE },
		{ "skip-bad", no_argument, NULL, O_SKIP },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct liq_ingest_options o;
	struct liq_ingest *g = NULL;
	struct liq_bars_writer *w = NULL;
	struct liq_error e;
	char msg[1024], cmd[1024];
	const char *out = NULL;
	int ch, csv = 0, quiet = 0, verbose = 0, rc;
	struct sink sink = { NULL, 0 };
	uint64_t i, nbad;
	FILE *f;

	liq_ingest_options_init(&o);
	liq_error_clear(&e);
	command_line(cmd, sizeof(cmd), argc, argv);
	o.command = cmd;
	while ((ch = getopt_long(argc, argv, "ho:qv", longopts, NULL)) != -1) {
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
		case 'v':
			verbose = 1;
			break;
		case O_INTERVAL:
			o.interval_ms = duration_arg("--interval", optarg, 1,
			    366 * INT64_C(86400000));
			break;
		case O_FROM:
			o.from_ms = time_arg("--from", optarg);
			break;
		case O_TO:
			o.to_ms = time_arg("--to", optarg);
			break;
		case O_SYMBOL:
			if (o.symbol[0] != '\0')
				errx(2, "--symbol: give one symbol per run "
				    "(one bars file per market)");
			copy_arg(o.symbol, sizeof(o.symbol), "--symbol",
			    optarg);
			break;
		case O_MARKET:
			if (liq_market_parse(optarg, &o.market) != 0)
				errx(2, "--market: linear, inverse or spot: "
				    "\"%s\"", optarg);
			break;
		case O_VENUE:
			copy_arg(o.venue, sizeof(o.venue), "--venue", optarg);
			break;
		case O_CS:
			if (liq_parse_double(optarg, strlen(optarg),
			    &o.contract_size) != 0 || !(o.contract_size > 0))
				errx(2, "--contract-size: not a positive "
				    "number: \"%s\"", optarg);
			break;
		case O_MAP:
			if (o.map != NULL)
				errx(2, "give one --map or --preset");
			o.map = optarg;
			break;
		case O_PRESET:
			if (o.map != NULL)
				errx(2, "give one --map or --preset");
			if ((o.map = liq_ingest_preset(optarg)) == NULL)
				errx(2, "--preset: unknown preset \"%s\" "
				    "(known: coinglass)", optarg);
			copy_arg(o.vendor_venue, sizeof(o.vendor_venue),
			    "--preset", optarg);
			break;
		case O_REORDER:
			o.reorder_ms = duration_arg("--reorder", optarg, 1,
			    366 * INT64_C(86400000));
			break;
		case O_MAXGAP:
			o.max_gap_ms = duration_arg("--max-gap", optarg, 1,
			    100 * 366 * INT64_C(86400000));
			break;
		case O_OIAGE:
			o.oi_max_age_ms = duration_arg("--oi-max-age",
			    optarg, 1, 3660 * INT64_C(86400000));
			break;
		case O_SKIP:
			o.skip_bad = 1;
			break;
		case O_VERSION:
			printf("liq-ingest %s (inflate: %s)\n", LIQ_VERSION,
			    liq_inflate_backends());
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
	if (o.from_ms != INT64_MIN && o.to_ms != INT64_MAX &&
	    o.to_ms <= o.from_ms)
		errx(2, "--to must be after --from");
	if (!quiet && isatty(STDERR_FILENO))
		o.progress = progress;

	if (liq_ingest_open(&g, (const char *const *)argv, argc, &o, &e) != 0)
		errx(e.code == LIQ_EARG ? 2 : 1, "%s",
		    liq_error_format(&e, msg, sizeof(msg)));
	f = out_open(out, csv);
	if (liq_bars_writer_open(&w, f, liq_ingest_info(g), csv, &e) != 0 ||
	    (sink.w = w, liq_ingest_run(g, emit, &sink, &e)) != 0 ||
	    liq_bars_writer_close(w, &e) != 0) {
		rc = e.code == LIQ_EARG ? 2 : 1;
		out_abort(f);
		if (o.progress)
			fputc('\n', stderr);
		if (e.code == LIQ_EIO && e.file[0] == '\0')
			errx(1, "%s: write error", out ? out : "stdout");
		errx(rc, "%s", liq_error_format(&e, msg, sizeof(msg)));
	}
	out_close(f, out);
	if (o.progress)
		fprintf(stderr, "\rliq-ingest: %llu rows\n",
		    (unsigned long long)liq_ingest_rows(g));
	nbad = liq_ingest_bad_count(g);
	if (verbose)
		warnx("%llu rows (%llu by the fused row parser), %llu bad, "
		    "%llu bars", (unsigned long long)liq_ingest_rows(g),
		    (unsigned long long)liq_ingest_fused_rows(g),
		    (unsigned long long)nbad, (unsigned long long)sink.bars);
	if (nbad > 0) {
		warnx("skipped %llu bad row%s (--skip-bad); the first:",
		    (unsigned long long)nbad, nbad == 1 ? "" : "s");
		for (i = 0; i < nbad && i < LIQ_MAX_BAD_KEPT; i++)
			warnx("  %s", liq_error_format(liq_ingest_bad(g,
			    (int)i), msg, sizeof(msg)));
	}
	liq_bars_writer_free(w);
	liq_ingest_close(g);
	return 0;
}
