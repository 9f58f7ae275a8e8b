/*
 * liq-cluster - liquidation zones, walls and the cumulative liquidation
 * map of a grid (liq-estimate's output), as CSV or JSON lines, at one
 * column or at every interval of the grid.  The zone rule is in
 * lib/liq_zones.h and man/liq-cluster.1; this file reads the grid column
 * by column and prints.
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "args.h"
#include "outfile.h"

#ifndef LIQ_VERSION
#define LIQ_VERSION "0.1"
#endif

enum { MODE_ZONES, MODE_WALLS, MODE_MAP };

struct run {
	FILE *f;
	int json;
	int mode;
	unsigned sides;		/* 1 << LIQ_ZONES_LONG | 1 << LIQ_ZONES_SHORT */
	long top;		/* per side (zones) or per direction (walls); 0: all */
	double range_pct;	/* walls and map; map: 0 is every bin */
	struct liq_zones *z;
	double *cum_long, *cum_short;
	uint32_t nbins;
	const struct liq_grid_info *g;
	char (*price)[32];	/* formatted edges 0..nbins, then centres */
};

/* Grids up to this many bins keep their prices formatted (32 B each). */
#define PRICE_CACHE_BINS 65536

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: liq-cluster [--json] [-o file] [--at time | --every dur]\n"
	    "                   [--side long | short | both] [--smooth n]\n"
	    "                   [--min-share f | --min-usd usd | --quantile q] "
	    "[--gap n]\n"
	    "                   [--top n] [--walls | --map] [--range pct] "
	    "[grid]\n");
	exit(f == stdout ? 0 : 2);
}

/* A number for CSV or JSON: shortest round-trip form, NaN as null in JSON. */
static void
num(struct run *r, const char *key, double x)
{
	char b[40];

	liq_format_double(x, b);
	if (r->json)
		fprintf(r->f, ",\"%s\":%s", key, isnan(x) ? "null" : b);
	else {
		fputc(',', r->f);
		fputs(b, r->f);
	}
}

/*
 * A bin price: edge i (centre 0) or the centre of bin i (centre 1),
 * formatted once per run: prices repeat from column to column and
 * formatting is most of the time of a run.
 */
static void
price(struct run *r, const char *key, uint32_t i, int centre)
{
	char b[40], *p = b;
	double x = centre ? liq_zones_centre(r->z, i) :
	    liq_grid_edge(r->g, i);

	if (r->price != NULL) {
		p = r->price[centre ? r->nbins + 1 + i : i];
		if (p[0] == '\0')
			liq_format_double(x, p);
	} else
		liq_format_double(x, b);
	if (r->json)
		fprintf(r->f, ",\"%s\":%s", key, p);
	else {
		fputc(',', r->f);
		fputs(p, r->f);
	}
}

static void
rank(struct run *r, uint32_t v)
{
	if (r->json)
		fprintf(r->f, ",\"rank\":%u", v);
	else
		fprintf(r->f, ",%u", v);
}

static void
str(struct run *r, const char *key, const char *v)
{
	if (r->json)
		fprintf(r->f, ",\"%s\":\"%s\"", key, v);
	else
		fprintf(r->f, ",%s", v);
}

static void
row_start(struct run *r, int64_t time_ms)
{
	if (r->json)
		fprintf(r->f, "{\"time\":%lld", (long long)time_ms);
	else
		fprintf(r->f, "%lld", (long long)time_ms);
}

static void
row_end(struct run *r)
{
	fputs(r->json ? "}\n" : "\n", r->f);
}

static const char *
side_name(int side)
{
	return side == LIQ_ZONES_LONG ? "long" : "short";
}

static void
zone_fields(struct run *r, const struct liq_zone *zn)
{
	price(r, "price_lo", zn->bin_lo, 0);
	price(r, "price_hi", zn->bin_hi + 1, 0);
	price(r, "peak_price", zn->peak_bin, 1);
	num(r, "notional_usd", zn->notional_usd);
	num(r, "share", zn->share);
	num(r, "distance_pct", zn->distance_pct);
}

static void
header(struct run *r)
{
	if (r->json)
		return;
	if (r->mode == MODE_ZONES)
		fputs("time,side,rank,price_lo,price_hi,peak_price,"
		    "notional_usd,share,distance_pct\n", r->f);
	else if (r->mode == MODE_WALLS)
		fputs("time,position,rank,side,price_lo,price_hi,peak_price,"
		    "notional_usd,share,distance_pct,score\n", r->f);
	else
		fputs("time,price,cum_long_usd,cum_short_usd\n", r->f);
}

/* One snapshot: the zones, walls or map of a column. */
static int
snapshot(struct run *r, int64_t time_ms, double close, const float *long_usd,
    const float *short_usd, struct liq_error *e)
{
	const float *cells[2] = { long_usd, short_usd };
	int sd, rc;

	if (r->mode == MODE_MAP) {
		if (liq_zones_map(r->z, long_usd, short_usd, close,
		    r->cum_long, r->cum_short) != 0)
			return 0;	/* no close price: no map */
		for (uint32_t i = 0; i < r->nbins; i++) {
			double p = liq_zones_centre(r->z, i);

			if (r->range_pct > 0 &&
			    !(fabs(100.0 * (p - close) / close) <= r->range_pct))
				continue;
			row_start(r, time_ms);
			price(r, "price", i, 1);
			num(r, "cum_long_usd", r->cum_long[i]);
			num(r, "cum_short_usd", r->cum_short[i]);
			row_end(r);
		}
		return 0;
	}
	for (sd = 0; sd < 2; sd++) {
		if (!(r->sides & (1u << sd)))
			continue;
		if ((rc = liq_zones_find(r->z, sd, cells[sd], close, e)) < 0)
			return rc;
		if (r->mode != MODE_ZONES)
			continue;
		size_t n;
		const struct liq_zone *zn = liq_zones_list(r->z, sd, &n);

		for (size_t i = 0; i < n && (r->top == 0 || i < (size_t)r->top);
		    i++) {
			row_start(r, time_ms);
			str(r, "side", side_name(sd));
			rank(r, zn[i].rank);
			zone_fields(r, &zn[i]);
			row_end(r);
		}
	}
	if (r->mode == MODE_WALLS) {
		const struct liq_wall *w;

		if ((rc = liq_zones_walls(r->z, r->sides, r->range_pct, &w,
		    e)) < 0)
			return rc;
		for (int i = 0; i < rc; i++) {
			if (r->top != 0 && w[i].rank > (uint32_t)r->top)
				continue;
			row_start(r, time_ms);
			str(r, "position", w[i].above ? "above" : "below");
			rank(r, w[i].rank);
			str(r, "side", side_name(w[i].zone->side));
			zone_fields(r, w[i].zone);
			num(r, "score", w[i].score);
			row_end(r);
		}
	}
	return 0;
}

/* Floor division for the --every grid of instants (times may be < 0). */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static void
span_error(const struct liq_grid_info *g, uint64_t ncols, const char *at,
    const char *name)
{
	char t0[40], t1[40];

	if (ncols == 0)
		errx(1, "%s: --at %s: the grid has no columns", name, at);
	liq_time_format(g->start_ms, t0, sizeof(t0));
	liq_time_format(g->start_ms + (int64_t)ncols * g->step_ms, t1,
	    sizeof(t1));
	errx(1, "%s: --at %s: outside the grid's span (%s to %s)", name, at,
	    t0, t1);
}

int
main(int argc, char **argv)
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
	struct liq_zones_options zo;
	struct liq_grid_reader *rd = NULL;
	const struct liq_grid_info *g;
	struct liq_grid_column *c;
	struct liq_error e;
	struct run r;
	char msg[1024];
	const char *out = NULL, *in = NULL, *at_arg = NULL;
	int ch, nthresh = 0, rc, have_last = 0, found = 0;
	int64_t at_ms = 0, every_ms = 0, last_ms = 0;
	double last_close = NAN;
	float *last = NULL;
	uint64_t ncols = 0;

	memset(&r, 0, sizeof(r));
	r.sides = 3;
	r.top = -1;
	r.range_pct = -1;
	liq_zones_options_init(&zo);
	liq_error_clear(&e);
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case O_JSON:
			r.json = 1;
			break;
		case 'o':
			out = optarg;
			break;
		case O_AT:
			at_ms = time_arg("--at", optarg);
			at_arg = optarg;
			break;
		case O_EVERY:
			every_ms = duration_arg("--every", optarg, 1,
			    100 * 366 * INT64_C(86400000));
			break;
		case O_SIDE:
			if (strcmp(optarg, "long") == 0)
				r.sides = 1u << LIQ_ZONES_LONG;
			else if (strcmp(optarg, "short") == 0)
				r.sides = 1u << LIQ_ZONES_SHORT;
			else if (strcmp(optarg, "both") == 0)
				r.sides = 3;
			else
				errx(2, "--side: long, short or both: \"%s\"",
				    optarg);
			break;
		case O_SMOOTH:
			zo.smooth = (uint32_t)int_arg("--smooth", optarg, 1,
			    LIQ_GRID_MAX_BINS);
			if (zo.smooth % 2 == 0)
				errx(2, "--smooth: the window must be an odd "
				    "number of bins (1, 3, 5 ...): \"%s\"",
				    optarg);
			break;
		case O_SHARE:
			zo.threshold = LIQ_ZONES_SHARE;
			zo.level = num_arg("--min-share", optarg, 0, 1);
			nthresh++;
			break;
		case O_USD:
			zo.threshold = LIQ_ZONES_USD;
			zo.level = num_arg("--min-usd", optarg, 0, 1e300);
			nthresh++;
			break;
		case O_QUANTILE:
			zo.threshold = LIQ_ZONES_QUANTILE;
			zo.level = num_arg("--quantile", optarg, 0, 1);
			nthresh++;
			break;
		case O_GAP:
			zo.gap = (uint32_t)int_arg("--gap", optarg, 0,
			    LIQ_GRID_MAX_BINS);
			break;
		case O_TOP:
			r.top = (long)int_arg("--top", optarg, 0,
			    LIQ_GRID_MAX_BINS);
			break;
		case O_WALLS:
			if (r.mode == MODE_MAP)
				errx(2, "give one of --walls and --map");
			r.mode = MODE_WALLS;
			break;
		case O_MAP:
			if (r.mode == MODE_WALLS)
				errx(2, "give one of --walls and --map");
			r.mode = MODE_MAP;
			break;
		case O_RANGE:
			r.range_pct = num_arg("--range", optarg, 1e-9, 1e6);
			break;
		case O_VERSION:
			printf("liq-cluster %s\n", LIQ_VERSION);
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
	if (argc > 1)
		errx(2, "give one grid (or none for standard input)");
	if (argc == 1)
		in = argv[0];
	if (nthresh > 1)
		errx(2, "give one of --min-share, --min-usd and --quantile");
	if (at_arg != NULL && every_ms != 0)
		errx(2, "give one of --at and --every");
	if (r.mode == MODE_MAP && r.top >= 0)
		errx(2, "--top does not apply to --map");
	if (r.mode == MODE_ZONES && r.range_pct >= 0)
		errx(2, "--range applies to --walls and --map");
	if (r.top < 0)
		r.top = r.mode == MODE_WALLS ? 1 : 0;
	if (r.range_pct < 0)
		r.range_pct = r.mode == MODE_WALLS ? 10 : 0;

	if (liq_grid_reader_open(&rd, in, &e) != 0)
		errx(e.code == LIQ_EARG ? 2 : 1, "%s",
		    liq_error_format(&e, msg, sizeof(msg)));
	g = liq_grid_reader_info(rd);
	in = in != NULL && strcmp(in, "-") != 0 ? in : "(stdin)";
	ncols = g->ncols;
	if (at_arg != NULL && ncols != 0 && (at_ms < g->start_ms ||
	    (at_ms - g->start_ms) / g->step_ms >= (int64_t)ncols))
		span_error(g, ncols, at_arg, in);
	if (liq_zones_new(&r.z, g, &zo, &e) != 0)
		errx(e.code == LIQ_EARG ? 2 : 1, "%s",
		    liq_error_format(&e, msg, sizeof(msg)));
	r.nbins = g->nbins;
	r.g = g;
	if (g->nbins <= PRICE_CACHE_BINS &&
	    (r.price = calloc(2 * (size_t)g->nbins + 1, 32)) == NULL)
		err(1, NULL);
	if ((r.mode == MODE_MAP && ((r.cum_long = malloc(sizeof(double) *
	    g->nbins)) == NULL || (r.cum_short = malloc(sizeof(double) *
	    g->nbins)) == NULL)) || (at_arg == NULL && every_ms == 0 &&
	    (last = malloc(2 * sizeof(float) * g->nbins)) == NULL))
		err(1, NULL);

	r.f = out_open(out, 1);
	header(&r);
	ncols = 0;
	while ((rc = liq_grid_read(rd, &c, &e)) == 1) {
		int take;

		ncols++;
		if (every_ms != 0) {
			/* the column's span holds a multiple of --every */
			int64_t m = (floor_div(c->time_ms - 1, every_ms) + 1) *
			    every_ms;

			take = m < c->time_ms + g->step_ms;
		} else if (at_arg != NULL)
			take = at_ms >= c->time_ms &&
			    at_ms - c->time_ms < g->step_ms;
		else {
			memcpy(last, c->long_usd, sizeof(float) * g->nbins);
			memcpy(last + g->nbins, c->short_usd,
			    sizeof(float) * g->nbins);
			last_ms = c->time_ms;
			last_close = c->close;
			have_last = 1;
			take = 0;
		}
		if (!take)
			continue;
		found = 1;
		if ((rc = snapshot(&r, c->time_ms, c->close, c->long_usd,
		    c->short_usd, &e)) != 0)
			break;
		if (ferror(r.f))
			break;
	}
	if (rc == 0 && have_last)
		rc = snapshot(&r, last_ms, last_close, last,
		    last + g->nbins, &e);
	if (rc < 0 || ferror(r.f)) {
		out_abort(r.f);
		if (rc >= 0)
			err(1, "%s: write error", out ? out : "stdout");
		errx(1, "%s", liq_error_format(&e, msg, sizeof(msg)));
	}
	if (at_arg != NULL && !found) {
		out_abort(r.f);
		span_error(g, ncols, at_arg, in);
	}
	if (at_arg == NULL && every_ms == 0 && !have_last) {
		out_abort(r.f);
		errx(1, "%s: the grid has no columns", in);
	}
	out_close(r.f, out);
	liq_grid_reader_close(rd);
	liq_zones_free(r.z);
	free(r.cum_long);
	free(r.cum_short);
	free(last);
	free(r.price);
	return 0;
}
