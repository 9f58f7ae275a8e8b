/*
 * liq-cluster - liquidation zones, walls and the cumulative liquidation
 * map of a grid (liq-estimate's output), as CSV or JSON lines, at one
 * column or at every interval of the grid.  The zone rule is in
 * lib/liq_zones.h and man/liq-cluster.1; this file reads the grid column
 * by column and prints the records (cmd/record.c).
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

static const char usage_text[] =
    "usage: liq-cluster [--json] [-o file] [--at time | --every dur]\n"
    "                   [--side long | short | both] [--smooth n]\n"
    "                   [--min-share f | --min-usd usd | --quantile q] "
    "[--gap n]\n"
    "                   [--top n] [--walls | --map] [--range pct] "
    "[grid]\n";

enum { MODE_ZONES, MODE_WALLS, MODE_MAP };

/* The fields of a record of each mode, CSV header and JSON keys. */
static const char *const fields[][12] = {
	{ "time", "side", "rank", "price_lo", "price_hi", "peak_price",
	    "notional_usd", "share", "distance_pct", NULL },
	{ "time", "position", "rank", "side", "price_lo", "price_hi",
	    "peak_price", "notional_usd", "share", "distance_pct", "score",
	    NULL },
	{ "time", "price", "cum_long_usd", "cum_short_usd", NULL }
};

struct run {
	const char *out, *in;	/* -o, the grid */
	int mode;
	unsigned sides;		/* 1 << LIQ_ZONES_LONG | 1 << LIQ_ZONES_SHORT */
	long top;		/* per side (zones) or per direction (walls); 0: all */
	double range_pct;	/* walls and map; map: 0 is every bin */
	struct pick pick;	/* --at, --every or the last column */
	struct rec rec;
	struct liq_zones *z;
	const struct liq_grid_info *g;
	double *cum_long, *cum_short;	/* --map */
	char (*price)[32];	/* formatted edges 0..nbins, then centres */
};

/* Grids up to this many bins keep their prices formatted (32 B each). */
#define PRICE_CACHE_BINS 65536

/*
 * A bin price: edge i (centre 0) or the centre of bin i (centre 1),
 * formatted once per run: prices repeat from column to column and
 * formatting is most of the time of a run.
 */
static void
price(struct run *r, uint32_t i, int centre)
{
	char b[40], *p = b;
	double x = centre ? liq_zones_centre(r->z, i) : liq_grid_edge(r->g, i);

	if (r->price != NULL) {
		p = r->price[centre ? r->g->nbins + 1 + i : i];
		if (p[0] == '\0')
			liq_format_double(x, p);
	} else
		liq_format_double(x, b);
	rec_numtext(&r->rec, p);
}

static const char *
side_name(int side)
{
	return side == LIQ_ZONES_LONG ? "long" : "short";
}

static void
zone_fields(struct run *r, const struct liq_zone *zn)
{
	price(r, zn->bin_lo, 0);
	price(r, zn->bin_hi + 1, 0);
	price(r, zn->peak_bin, 1);
	rec_num(&r->rec, zn->notional_usd);
	rec_num(&r->rec, zn->share);
	rec_num(&r->rec, zn->distance_pct);
}

/* Find the zones of each side asked for; with print, the top ones. */
static int
zones(struct run *r, int64_t time_ms, double close, const float *cells[2],
    int print, struct liq_error *e)
{
	const struct liq_zone *zn;
	size_t i, n;
	int rc;

	for (int sd = 0; sd < 2; sd++) {
		if (!(r->sides & (1u << sd)))
			continue;
		if ((rc = liq_zones_find(r->z, sd, cells[sd], close, e)) < 0)
			return rc;
		zn = liq_zones_list(r->z, sd, &n);
		for (i = 0; print && i < n && (r->top == 0 ||
		    i < (size_t)r->top); i++) {
			rec_int(&r->rec, time_ms);
			rec_str(&r->rec, side_name(sd));
			rec_int(&r->rec, zn[i].rank);
			zone_fields(r, &zn[i]);
			rec_end(&r->rec);
		}
	}
	return 0;
}

/* --walls: the zones, then the top walls above and below price. */
static int
walls(struct run *r, int64_t time_ms, double close, const float *cells[2],
    struct liq_error *e)
{
	const struct liq_wall *w;
	int rc;

	if ((rc = zones(r, time_ms, close, cells, 0, e)) < 0 ||
	    (rc = liq_zones_walls(r->z, r->sides, r->range_pct, &w, e)) < 0)
		return rc;
	for (int i = 0; i < rc; i++) {
		if (r->top != 0 && w[i].rank > (uint32_t)r->top)
			continue;
		rec_int(&r->rec, time_ms);
		rec_str(&r->rec, w[i].above ? "above" : "below");
		rec_int(&r->rec, w[i].rank);
		rec_str(&r->rec, side_name(w[i].zone->side));
		zone_fields(r, w[i].zone);
		rec_num(&r->rec, w[i].score);
		rec_end(&r->rec);
	}
	return 0;
}

/* --map: the cumulative map, within --range of price (none without a
 * close price). */
static void
map(struct run *r, int64_t time_ms, double close, const float *cells[2])
{
	if (liq_zones_map(r->z, cells[0], cells[1], close, r->cum_long,
	    r->cum_short) != 0)
		return;
	for (uint32_t i = 0; i < r->g->nbins; i++) {
		double p = liq_zones_centre(r->z, i);

		if (r->range_pct > 0 &&
		    !(fabs(100.0 * (p - close) / close) <= r->range_pct))
			continue;
		rec_int(&r->rec, time_ms);
		price(r, i, 1);
		rec_num(&r->rec, r->cum_long[i]);
		rec_num(&r->rec, r->cum_short[i]);
		rec_end(&r->rec);
	}
}

/* One snapshot: the zones, walls or map of a column. */
static int
snapshot(struct run *r, const struct liq_grid_column *c, struct liq_error *e)
{
	const float *cells[2] = { c->long_usd, c->short_usd };

	if (r->mode == MODE_MAP) {
		map(r, c->time_ms, c->close, cells);
		return 0;
	}
	if (r->mode == MODE_WALLS)
		return walls(r, c->time_ms, c->close, cells, e);
	return zones(r, c->time_ms, c->close, cells, 1, e);
}

/* Parse the options into r and zo; exits 2 on a usage error. */
static void
options(int argc, char **argv, struct run *r, struct liq_zones_options *zo)
{
	enum {
		O_JSON = 256, O_AT, O_EVERY, O_SIDE, O_SMOOTH, O_SHARE, O_USD,
		O_QUANTILE, O_GAP, O_TOP, O_WALLS, O_MAP, O_RANGE, O_VERSION
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const sides[] = { "long", "short", "both", NULL };
	int ch, nthresh = 0;

	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case O_JSON:
			r->rec.json = 1;
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
			break;
		case O_SIDE:
			ch = choice_arg("--side", optarg, sides);
			r->sides = ch == 2 ? 3 : 1u << ch;
			break;
		case O_SMOOTH:
			zo->smooth = (uint32_t)int_arg("--smooth", optarg, 1,
			    LIQ_GRID_MAX_BINS);
			if (zo->smooth % 2 == 0)
				errx(2, "--smooth: the window must be an odd "
				    "number of bins (1, 3, 5 ...): \"%s\"",
				    optarg);
			break;
		case O_SHARE:
		case O_USD:
		case O_QUANTILE:
			zo->threshold = ch == O_SHARE ? LIQ_ZONES_SHARE :
			    ch == O_USD ? LIQ_ZONES_USD : LIQ_ZONES_QUANTILE;
			zo->level = ch == O_USD ? num_arg("--min-usd", optarg,
			    0, 1e300) : num_arg(ch == O_SHARE ? "--min-share" :
			    "--quantile", optarg, 0, 1);
			nthresh++;
			break;
		case O_GAP:
			zo->gap = (uint32_t)int_arg("--gap", optarg, 0,
			    LIQ_GRID_MAX_BINS);
			break;
		case O_TOP:
			r->top = (long)int_arg("--top", optarg, 0,
			    LIQ_GRID_MAX_BINS);
			break;
		case O_WALLS:
		case O_MAP:
			if (r->mode != MODE_ZONES &&
			    r->mode != (ch == O_WALLS ? MODE_WALLS : MODE_MAP))
				errx(2, "give one of --walls and --map");
			r->mode = ch == O_WALLS ? MODE_WALLS : MODE_MAP;
			break;
		case O_RANGE:
			r->range_pct = num_arg("--range", optarg, 1e-9, 1e6);
			break;
		case O_VERSION:
			prog_version(NULL);
		default:
			prog_usage(ch == 'h' ? stdout : stderr, usage_text);
		}
	}
	if (argc - optind > 1)
		errx(2, "give one grid (or none for standard input)");
	r->in = argc - optind == 1 ? argv[optind] : NULL;
	if (nthresh > 1)
		errx(2, "give one of --min-share, --min-usd and --quantile");
	if (r->pick.at_arg != NULL && r->pick.every_ms != 0)
		errx(2, "give one of --at and --every");
	if (r->mode == MODE_MAP && r->top >= 0)
		errx(2, "--top does not apply to --map");
	if (r->mode == MODE_ZONES && r->range_pct >= 0)
		errx(2, "--range applies to --walls and --map");
	if (r->top < 0)
		r->top = r->mode == MODE_WALLS ? 1 : 0;
	if (r->range_pct < 0)
		r->range_pct = r->mode == MODE_WALLS ? 10 : 0;
}

/* Open the grid and what the run needs for it; exits on failure. */
static struct liq_grid_reader *
setup(struct run *r, const struct liq_zones_options *zo)
{
	struct liq_grid_reader *rd;
	struct liq_error e;
	uint32_t nb;

	if (liq_grid_reader_open(&rd, r->in, &e) != 0)
		prog_fail(&e, NULL);
	r->g = liq_grid_reader_info(rd);
	nb = r->g->nbins;
	r->in = r->in != NULL && strcmp(r->in, "-") != 0 ? r->in : "(stdin)";
	pick_start(&r->pick, r->g, r->in);
	if (liq_zones_new(&r->z, r->g, zo, &e) != 0)
		prog_fail(&e, NULL);
	if (nb <= PRICE_CACHE_BINS &&
	    (r->price = calloc(2 * (size_t)nb + 1, 32)) == NULL)
		err(1, NULL);
	if (r->mode == MODE_MAP &&
	    ((r->cum_long = malloc(sizeof(double) * nb)) == NULL ||
	    (r->cum_short = malloc(sizeof(double) * nb)) == NULL))
		err(1, NULL);
	return rd;
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
	int rc;

	prog_init("liq-cluster");
	memset(&r, 0, sizeof(r));
	r.sides = 3;
	r.top = -1;
	r.range_pct = -1;
	liq_zones_options_init(&zo);
	liq_error_clear(&e);
	options(argc, argv, &r, &zo);
	rd = setup(&r, &zo);

	rec_init(&r.rec, out_open(r.out, 1), r.rec.json, fields[r.mode]);
	rec_header(&r.rec);
	while ((rc = liq_grid_read(rd, &c, &e)) == 1)
		if (pick_column(&r.pick, c) && ((rc = snapshot(&r, c, &e)) != 0
		    || ferror(r.rec.f)))
			break;
	if (rc == 0 && (last = pick_last(&r.pick)) != NULL)
		rc = snapshot(&r, last, &e);
	if (rc < 0 || ferror(r.rec.f)) {
		out_abort(r.rec.f);
		if (rc >= 0)
			err(1, "%s: write error", r.out ? r.out : "stdout");
		prog_fail(&e, r.out);
	}
	pick_end(&r.pick);
	out_close(r.rec.f, r.out);
	liq_grid_reader_close(rd);
	liq_zones_free(r.z);
	free(r.cum_long);
	free(r.cum_short);
	free(r.price);
	return 0;
}
