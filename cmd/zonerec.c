/*
 * zonerec.c - the records of a grid column's liquidation zones
 * (lib/liq_zones.h): the zones of each side ranked by notional, the walls
 * above and below price, or the cumulative liquidation map, one record
 * per zone, wall or bin through record.c.  liq-cluster(1) names the
 * fields.
 */
#define _GNU_SOURCE
#include <err.h>
#include <math.h>
#include <stdlib.h>

#include "prog.h"

/* Grids up to this many bins keep their prices formatted (32 B each). */
#define PRICE_CACHE_BINS 65536

/* The fields of a record of each mode, CSV header and JSON keys. */
static const char *const fields[][12] = {
	{ "time", "side", "rank", "price_lo", "price_hi", "peak_price",
	    "notional_usd", "share", "distance_pct", NULL },
	{ "time", "position", "rank", "side", "price_lo", "price_hi",
	    "peak_price", "notional_usd", "share", "distance_pct", "score",
	    NULL },
	{ "time", "price", "cum_long_usd", "cum_short_usd", NULL }
};

static const char *const side_names[] = { "long", "short" };

int
zonerec_new(struct zonerec *zr, const struct liq_grid_info *g,
    const struct liq_zones_options *zo, struct liq_error *e)
{
	uint32_t nb = g->nbins;
	int rc;

	zr->g = g;
	zr->price = NULL;
	zr->cum_long = zr->cum_short = NULL;
	if ((rc = liq_zones_new(&zr->z, g, zo, e)) != 0)
		return rc;
	if ((nb <= PRICE_CACHE_BINS &&
	    (zr->price = calloc(2 * (size_t)nb + 1, 32)) == NULL) ||
	    (zr->mode == ZONEREC_MAP &&
	    ((zr->cum_long = malloc(sizeof(double) * nb)) == NULL ||
	    (zr->cum_short = malloc(sizeof(double) * nb)) == NULL)))
		err(1, NULL);
	return 0;
}

void
zonerec_start(struct zonerec *zr, FILE *f, int json)
{
	rec_init(&zr->rec, f, json, fields[zr->mode], NULL);
	rec_header(&zr->rec);
}

/*
 * A bin price: edge i (centre 0) or the centre of bin i (centre 1),
 * formatted once per run: prices repeat from column to column and
 * formatting is most of the time of a run.
 */
static void
price(struct zonerec *zr, uint32_t i, int centre)
{
	char b[40], *p = b;
	double x = centre ? liq_zones_centre(zr->z, i) :
	    liq_grid_edge(zr->g, i);

	if (zr->price != NULL) {
		p = zr->price[centre ? zr->g->nbins + 1 + i : i];
		if (p[0] == '\0')
			liq_format_double(x, p);
	} else
		liq_format_double(x, b);
	rec_numtext(&zr->rec, p);
}

static void
zone_fields(struct zonerec *zr, const struct liq_zone *zn)
{
	price(zr, zn->bin_lo, 0);
	price(zr, zn->bin_hi + 1, 0);
	price(zr, zn->peak_bin, 1);
	rec_num(&zr->rec, zn->notional_usd);
	rec_num(&zr->rec, zn->share);
	rec_num(&zr->rec, zn->distance_pct);
}

/* Find the zones of each side asked for; in zones mode, write the top
 * ones of each side. */
static int
zones(struct zonerec *zr, const struct liq_grid_column *c,
    struct liq_error *e)
{
	const float *cells[2] = { c->long_usd, c->short_usd };
	const struct liq_zone *zn;
	size_t i, n;
	int rc;

	for (int sd = 0; sd < 2; sd++) {
		if (!(zr->sides & (1u << sd)))
			continue;
		rc = liq_zones_find(zr->z, sd, cells[sd], c->close, e);
		if (rc < 0)
			return rc;
		if (zr->mode != ZONEREC_ZONES)
			continue;
		zn = liq_zones_list(zr->z, sd, &n);
		for (i = 0; i < n && (zr->top == 0 || i < (size_t)zr->top);
		    i++) {
			rec_int(&zr->rec, c->time_ms);
			rec_str(&zr->rec, side_names[sd]);
			rec_int(&zr->rec, zn[i].rank);
			zone_fields(zr, &zn[i]);
			rec_end(&zr->rec);
		}
	}
	return 0;
}

/* The zones, then the top walls above and below price. */
static int
walls(struct zonerec *zr, const struct liq_grid_column *c,
    struct liq_error *e)
{
	const struct liq_wall *w;
	int rc;

	if ((rc = zones(zr, c, e)) < 0 ||
	    (rc = liq_zones_walls(zr->z, zr->sides, zr->range_pct, &w, e)) < 0)
		return rc;
	for (int i = 0; i < rc; i++) {
		if (zr->top != 0 && w[i].rank > (uint32_t)zr->top)
			continue;
		rec_int(&zr->rec, c->time_ms);
		rec_str(&zr->rec, w[i].above ? "above" : "below");
		rec_int(&zr->rec, w[i].rank);
		rec_str(&zr->rec, side_names[w[i].zone->side]);
		zone_fields(zr, w[i].zone);
		rec_num(&zr->rec, w[i].score);
		rec_end(&zr->rec);
	}
	return 0;
}

/* The cumulative map within range_pct of price (nothing without a close
 * price). */
static int
map(struct zonerec *zr, const struct liq_grid_column *c)
{
	if (liq_zones_map(zr->z, c->long_usd, c->short_usd, c->close,
	    zr->cum_long, zr->cum_short) != 0)
		return 0;
	for (uint32_t i = 0; i < zr->g->nbins; i++) {
		double p = liq_zones_centre(zr->z, i);

		if (zr->range_pct > 0 &&
		    !(fabs(100.0 * (p - c->close) / c->close) <= zr->range_pct))
			continue;
		rec_int(&zr->rec, c->time_ms);
		price(zr, i, 1);
		rec_num(&zr->rec, zr->cum_long[i]);
		rec_num(&zr->rec, zr->cum_short[i]);
		rec_end(&zr->rec);
	}
	return 0;
}

int
zonerec_write(struct zonerec *zr, const struct liq_grid_column *c,
    struct liq_error *e)
{
	if (zr->mode == ZONEREC_MAP)
		return map(zr, c);
	if (zr->mode == ZONEREC_WALLS)
		return walls(zr, c, e);
	return zones(zr, c, e);
}

void
zonerec_free(struct zonerec *zr)
{
	liq_zones_free(zr->z);
	free(zr->cum_long);
	free(zr->cum_short);
	free(zr->price);
	zr->z = NULL;
	zr->cum_long = zr->cum_short = NULL;
	zr->price = NULL;
}
