/*
 * liq-cluster - liquidation zones, walls and the cumulative liquidation
 * map of a grid (liq-estimate's output), as CSV or JSON lines, at one
 * snapshot or at every multiple of an interval, each row stamped with the
 * snapshot time (the end of its column: never a book from after it).  The zone rule is in
 * lib/liq_zones.h and man/liq-cluster.1; this file reads the grid column
 * by column, picks the columns (cmd/pick.c) and writes their records
 * (cmd/zonerec.c).
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

static const char usage_text[] =
    "usage: liq-cluster [-q] [--json] [-o file] [--at time | --every dur]\n"
    "                   [--side long | short | both] [--smooth pct]\n"
    "                   [--min-share f | --min-usd usd | --quantile q] "
    "[--gap pct]\n"
    "                   [--top n] [--walls | --map] [--range pct]\n"
    "                   [--layer name] [--time iso | ms] [--na text]\n"
    "                   [--exact] [grid]\n";

struct run {
	const char *out, *in;	/* -o, the grid */
	int json, quiet;
	const char *thresh;	/* the threshold option, for the notes */
	struct liq_csv_style style;
	struct pick pick;	/* --at, --every or the last column */
	struct zonerec zr;	/* what to write of a column */
};

/* Parse the options into r and zo; exits 2 on a usage error. */
static void
options(int argc, char **argv, struct run *r, struct liq_zones_options *zo)
{
	enum {
		O_JSON = 256, O_AT, O_EVERY, O_SIDE, O_SMOOTH, O_SHARE, O_USD,
		O_QUANTILE, O_GAP, O_TOP, O_WALLS, O_MAP, O_RANGE, O_TIME,
		O_NA, O_EXACT, O_LAYER, O_VERSION
	};
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, O_JSON },
		{ "output", required_argument, NULL, 'o' },
		{ "at", required_argument, NULL, O_AT },
		{ "every", required_argument, NULL, O_EVERY },
		{ "side", required_argument, NULL, O_SIDE },
		{ "smooth", required_argument, NULL, O_SMOOTH },
		{ "min-share", required_argument, NULL, O_SHARE },
		{ "min-usd", required_argument, NULL, O_USD },
		{ "quantile", required_argument, NULL, O_QUANTILE },
		{ "gap", required_argument, NULL, O_GAP },
		{ "top", required_argument, NULL, O_TOP },
		{ "walls", no_argument, NULL, O_WALLS },
		{ "map", no_argument, NULL, O_MAP },
		{ "range", required_argument, NULL, O_RANGE },
		{ "time", required_argument, NULL, O_TIME },
		{ "na", required_argument, NULL, O_NA },
		{ "exact", no_argument, NULL, O_EXACT },
		{ "layer", required_argument, NULL, O_LAYER },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const sides[] = { "long", "short", "both", NULL };
	static const char *const times[] = { "iso", "ms", NULL };
	struct zonerec *z = &r->zr;
	int ch, mode, nthresh = 0;

	z->sides = 3;
	z->top = -1;
	z->range_pct = -1;
	z->style = &r->style;
	liq_csv_style_init(&r->style);
	r->thresh = "--min-share";
	while ((ch = getopt_long(argc, argv, "hqo:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			r->quiet = 1;
			break;
		case O_JSON:
			r->json = 1;
			break;
		case 'o':
			r->out = optarg;
			break;
		case O_AT:
			r->pick.at_ms = time_arg("--at", optarg);
			r->pick.at_arg = optarg;
			break;
		case O_EVERY:
			r->pick.every_ms = duration_arg("--every", optarg, 1,
			    100 * 366 * DAY_MS);
			r->pick.every_arg = optarg;
			break;
		case O_SIDE:
			ch = choice_arg("--side", optarg, sides);
			z->sides = ch == 2 ? 3 : 1u << ch;
			break;
		case O_SMOOTH:
			zo->smooth_pct = num_arg("--smooth", optarg, 0, 100);
			break;
		case O_SHARE:
			zo->threshold = LIQ_ZONES_SHARE;
			zo->level = num_arg("--min-share", optarg, 0, 1);
			r->thresh = "--min-share";
			nthresh++;
			break;
		case O_USD:
			zo->threshold = LIQ_ZONES_USD;
			zo->level = num_arg("--min-usd", optarg, 0, 1e300);
			r->thresh = "--min-usd";
			nthresh++;
			break;
		case O_QUANTILE:
			zo->threshold = LIQ_ZONES_QUANTILE;
			zo->level = num_arg("--quantile", optarg, 0, 1);
			r->thresh = "--quantile";
			nthresh++;
			break;
		case O_GAP:
			zo->gap_pct = num_arg("--gap", optarg, 0, 100);
			break;
		case O_TOP:
			z->top = (long)int_arg("--top", optarg, 0,
			    LIQ_GRID_MAX_BINS);
			break;
		case O_WALLS:
		case O_MAP:
			mode = ch == O_WALLS ? ZONEREC_WALLS : ZONEREC_MAP;
			if (z->mode != ZONEREC_ZONES && z->mode != mode)
				errx(2, "give one of --walls and --map");
			z->mode = mode;
			break;
		case O_RANGE:
			z->range_pct = num_arg("--range", optarg, 1e-9, 1e6);
			break;
		case O_TIME:
			r->style.time_ms = choice_arg("--time", optarg, times);
			break;
		case O_NA:
			if (strpbrk(optarg, ",\"\r\n") != NULL)
				errx(2, "--na: a missing value cannot hold a "
				    "comma, a quote or a line break: \"%s\"",
				    optarg);
			r->style.na = optarg;
			break;
		case O_EXACT:
			r->style.exact = 1;
			break;
		case O_LAYER:
			z->layer_arg = optarg;
			break;
		case O_VERSION:
			prog_version(NULL);
		case 'h':
			prog_help(usage_text, help_cluster);
		default:
			prog_usage(stderr, usage_text);
		}
	}
	if (argc - optind > 1)
		errx(2, "give one grid (or none for standard input)");
	r->in = argc - optind == 1 ? argv[optind] : NULL;
	if (nthresh > 1)
		errx(2, "give one of --min-share, --min-usd and --quantile");
	if (r->pick.at_arg != NULL && r->pick.every_ms != 0)
		errx(2, "give one of --at and --every");
	if (z->mode == ZONEREC_MAP && z->top >= 0)
		errx(2, "--top does not apply to --map");
	if (z->mode == ZONEREC_ZONES && z->range_pct >= 0)
		errx(2, "--range applies to --walls and --map");
	if (z->top < 0)
		z->top = z->mode == ZONEREC_WALLS ? 1 : 0;
	if (z->range_pct < 0)
		z->range_pct = z->mode == ZONEREC_WALLS ? 10 : 0;
}

/* Open the grid and what the run needs for it; exits on failure. */
static struct liq_grid_reader *
setup(struct run *r, const struct liq_zones_options *zo)
{
	struct liq_grid_reader *rd;
	struct liq_error e;

	if (liq_grid_reader_open(&rd, r->in, &e) != 0)
		prog_fail(&e, NULL);
	r->in = r->in != NULL && strcmp(r->in, "-") != 0 ? r->in : "(stdin)";
	if (zonerec_new(&r->zr, liq_grid_reader_info(rd), zo, &e) != 0) {
		if (e.code == LIQ_EARG)
			errx(2, "--layer: %s", e.msg);
		prog_fail(&e, NULL);
	}
	/* --layer and the map's layer columns read the snapshot's layers */
	r->pick.layers = r->zr.npairs > 0 || r->zr.mask != 0;
	pick_start(&r->pick, liq_grid_reader_info(rd), r->in);
	return rd;
}

/* What a row is, for the notes. */
static const char *
what(const struct run *r)
{
	return r->zr.mode == ZONEREC_WALLS ? "walls" :
	    r->zr.mode == ZONEREC_MAP ? "map rows" : "zones";
}

/* Say on stderr (unless -q) that snapshots had nothing to write. */
static void
notes(const struct run *r, int64_t snap_ms)
{
	char t[40];

	if (r->quiet || r->zr.nempty == 0)
		return;
	if (r->pick.every_ms != 0) {
		warnx("%llu of %llu snapshots have no %s",
		    (unsigned long long)r->zr.nempty,
		    (unsigned long long)r->zr.nsnap, what(r));
		return;
	}
	liq_time_format(snap_ms, t, sizeof(t));
	if (r->zr.mode == ZONEREC_MAP)
		warnx("no map rows at %s: the snapshot has no close price", t);
	else if (r->zr.mode == ZONEREC_WALLS)
		warnx("no walls within %g%% of the close at %s; try a wider "
		    "--range, or --quantile 0.9 for more zones", r->zr.range_pct,
		    t);
	else
		warnx("no zones at %s: nothing reaches the %s threshold; try "
		    "--quantile 0.9 or a lower %s", t, r->thresh, r->thresh);
}

int
main(int argc, char **argv)
{
	struct liq_zones_options zo;
	struct liq_grid_reader *rd;
	struct liq_grid_column *c;
	const struct liq_grid_column *last;
	struct liq_error e;
	struct run r;
	int64_t snap_ms = 0;
	FILE *f;
	int rc;

	prog_init("liq-cluster");
	memset(&r, 0, sizeof(r));
	liq_zones_options_init(&zo);
	options(argc, argv, &r, &zo);
	out_check((struct out_name[]){ { "-o", r.out, 0 } }, 1,
	    (const char *const []){ r.in != NULL ? r.in : "-" }, 1);
	rd = setup(&r, &zo);

	zonerec_start(&r.zr, f = out_open(r.out, 1), r.json);
	while ((rc = liq_grid_read(rd, &c, &e)) == 1)
		if (pick_column(&r.pick, c) &&
		    ((rc = zonerec_write(&r.zr, c, pick_time(&r.pick, c), &e))
		    != 0 || ferror(f)))
			break;
	if (rc == 0 && (last = pick_last(&r.pick, &snap_ms)) != NULL)
		rc = zonerec_write(&r.zr, last, snap_ms, &e);
	if (rc < 0 || ferror(f)) {
		out_abort(f);
		if (rc >= 0)
			err(1, "%s: write error", r.out ? r.out : "stdout");
		prog_fail(&e, r.out);
	}
	pick_end(&r.pick);
	out_close(f, r.out);
	notes(&r, snap_ms);
	liq_grid_reader_close(rd);
	zonerec_free(&r.zr);
	return 0;
}
