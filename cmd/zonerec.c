/*
 * zonerec.c - the records of a grid snapshot's liquidation zones
 * (lib/liq_zones.h): the zones of each side ranked by notional, the walls
 * above and below price, or the cumulative liquidation map, one record
 * per zone, wall or bin through record.c, each with the snapshot time
 * and the close (the map also with each layer pair's notional per bin;
 * --layer: of the pairs it names, their sums in place of the grid's); a snapshot with none writes one record of those two so
 * that a backtest joining on time finds every snapshot.  liq-cluster(1)
 * names the fields.
 */
#define _GNU_SOURCE
#include <err.h>
#include <math.h>
#include <stdlib.h>

#include "prog.h"

/* Grids up to this many bins keep their prices formatted (48 B each). */
#define PRICE_CACHE_BINS 65536

/* The fields of a record of each mode, CSV header and JSON keys. */
static const char *const fields[][13] = {
	{ "time", "close", "side", "zone_rank", "price_lo", "price_hi",
	    "peak_price", "notional_usd", "share", "distance_pct", NULL },
	{ "time", "close", "position", "wall_rank", "side", "price_lo",
	    "price_hi", "peak_price", "notional_usd", "share", "distance_pct",
	    "score", NULL },
	{ "time", "close", "price", "cum_long_usd", "cum_short_usd",
	    "long_usd", "short_usd", NULL }
};
#define MAP_FIELDS 7

/* The map's fields: the fixed ones, then "NAME.long_usd" and
 * "NAME.short_usd" of each layer pair picked when the grid has more than
 * one. */
static void
map_fields(struct zonerec *zr)
{
	const struct liq_grid_info *g = zr->g;
	uint32_t np = g->nlayers / 2, n = MAP_FIELDS;
	char name[1300];

	zr->npairs = np > 1 ? np : 0;
	if ((zr->names = calloc(MAP_FIELDS + 2 * (size_t)np + 1,
	    sizeof(char *))) == NULL)
		err(1, NULL);
	for (uint32_t i = 0; i < MAP_FIELDS; i++)
		zr->names[i] = (char *)fields[ZONEREC_MAP][i];
	for (uint32_t k = 0; k < zr->npairs; k++) {
		if (zr->mask != 0 && !(zr->mask & (1u << k)))
			continue;
		liq_grid_layer_name(g, k, name, sizeof(name));
		for (int sd = 0; sd < 2; sd++)
			if (asprintf(&zr->names[n++], "%s.%s_usd", name,
			    sd ? "short" : "long") < 0)
				err(1, NULL);
	}
}

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
	zr->sel = NULL;
	zr->names = NULL;
	zr->mask = 0;
	if (zr->layer_arg != NULL && (rc = liq_grid_layer_match(g,
	    zr->layer_arg, &zr->mask, e)) < 0)
		return rc;
	if (zr->mask != 0 && (zr->sel = malloc(2 * sizeof(float) * nb)) ==
	    NULL)
		err(1, NULL);
	if (zr->mode == ZONEREC_MAP)
		map_fields(zr);
	if ((rc = liq_zones_new(&zr->z, g, zo, e)) != 0)
		return rc;
	if ((nb <= PRICE_CACHE_BINS &&
	    (zr->price = calloc(2 * (size_t)nb + 1, 48)) == NULL) ||
	    (zr->mode == ZONEREC_MAP &&
	    ((zr->cum_long = malloc(sizeof(double) * nb)) == NULL ||
	    (zr->cum_short = malloc(sizeof(double) * nb)) == NULL)))
		err(1, NULL);
	return 0;
}

void
zonerec_start(struct zonerec *zr, FILE *f, int json)
{
	rec_init(&zr->rec, f, json, zr->names != NULL ?
	    (const char *const *)zr->names : fields[zr->mode], zr->style);
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
	char b[48], *p = b;
	double x = centre ? liq_zones_centre(zr->z, i) :
	    liq_grid_edge(zr->g, i);

	if (zr->price != NULL) {
		p = zr->price[centre ? zr->g->nbins + 1 + i : i];
		if (p[0] == '\0')
			liq_csv_format_num(zr->style, LIQ_NUM_PRICE, x, p);
	} else
		liq_csv_format_num(zr->style, LIQ_NUM_PRICE, x, b);
	rec_numtext(&zr->rec, p);
}

static void
zone_fields(struct zonerec *zr, const struct liq_zone *zn)
{
	price(zr, zn->bin_lo, 0);
	price(zr, zn->bin_hi + 1, 0);
	price(zr, zn->peak_bin, 1);
	rec_usd(&zr->rec, zn->notional_usd);
	rec_ratio(&zr->rec, zn->share);
	rec_ratio(&zr->rec, zn->distance_pct);
}

/* The fields every record starts with: the snapshot time, the close. */
static void
lead(struct zonerec *zr, const struct liq_grid_column *c, int64_t snap_ms)
{
	rec_time(&zr->rec, snap_ms);
	rec_price(&zr->rec, c->close);
}

/* A snapshot with no rows: its time and close, the rest missing. */
static void
empty(struct zonerec *zr, const struct liq_grid_column *c, int64_t snap_ms)
{
	lead(zr, c, snap_ms);
	for (int i = 2; fields[zr->mode][i] != NULL; i++)
		rec_na(&zr->rec);
	rec_end(&zr->rec);
}

/* Find the zones of each side asked for; in zones mode, write the top
 * ones of each side. */
static int
zones(struct zonerec *zr, const struct liq_grid_column *c, int64_t snap_ms,
    struct liq_error *e)
{
	const float *cells[2] = { c->long_usd, c->short_usd };
	const struct liq_zone *zn;
	size_t i, n;
	int rc, rows = 0;

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
			lead(zr, c, snap_ms);
			rec_str(&zr->rec, side_names[sd]);
			rec_int(&zr->rec, zn[i].rank);
			zone_fields(zr, &zn[i]);
			rec_end(&zr->rec);
			rows++;
		}
	}
	return rows;
}

/* The zones, then the top walls above and below price. */
static int
walls(struct zonerec *zr, const struct liq_grid_column *c, int64_t snap_ms,
    struct liq_error *e)
{
	const struct liq_wall *w;
	int rc, rows = 0;

	if ((rc = zones(zr, c, snap_ms, e)) < 0 ||
	    (rc = liq_zones_walls(zr->z, zr->sides, zr->range_pct, &w, e)) < 0)
		return rc;
	for (int i = 0; i < rc; i++) {
		if (zr->top != 0 && w[i].rank > (uint32_t)zr->top)
			continue;
		lead(zr, c, snap_ms);
		rec_str(&zr->rec, w[i].above ? "above" : "below");
		rec_int(&zr->rec, w[i].rank);
		rec_str(&zr->rec, side_names[w[i].zone->side]);
		zone_fields(zr, w[i].zone);
		rec_ratio(&zr->rec, w[i].score);
		rec_end(&zr->rec);
		rows++;
	}
	return rows;
}

/* The cumulative map within range_pct of price (nothing without a close
 * price). */
static int
map(struct zonerec *zr, const struct liq_grid_column *c, int64_t snap_ms)
{
	int rows = 0;

	if (liq_zones_map(zr->z, c->long_usd, c->short_usd, c->close,
	    zr->cum_long, zr->cum_short) != 0)
		return 0;
	for (uint32_t i = 0; i < zr->g->nbins; i++) {
		double p = liq_zones_centre(zr->z, i);

		if (zr->range_pct > 0 &&
		    !(fabs(100.0 * (p - c->close) / c->close) <= zr->range_pct))
			continue;
		lead(zr, c, snap_ms);
		price(zr, i, 1);
		rec_usd(&zr->rec, zr->cum_long[i]);
		rec_usd(&zr->rec, zr->cum_short[i]);
		rec_usd(&zr->rec, c->long_usd[i]);
		rec_usd(&zr->rec, c->short_usd[i]);
		for (uint32_t k = 0; k < zr->npairs; k++)
			if (zr->mask == 0 || (zr->mask & (1u << k))) {
				rec_usd(&zr->rec, c->layer[2 * k][i]);
				rec_usd(&zr->rec, c->layer[2 * k + 1][i]);
			}
		rec_end(&zr->rec);
		rows++;
	}
	return rows;
}

int
zonerec_write(struct zonerec *zr, const struct liq_grid_column *c,
    int64_t snap_ms, struct liq_error *e)
{
	struct liq_grid_column sel;
	int rows;

	if (zr->sel != NULL) {	/* --layer: the sums of the pairs picked */
		sel = *c;
		sel.long_usd = zr->sel;
		sel.short_usd = zr->sel + zr->g->nbins;
		liq_grid_layer_sum(c, zr->g->nlayers, zr->g->nbins, zr->mask,
		    sel.long_usd, sel.short_usd);
		c = &sel;
	}
	if (zr->mode == ZONEREC_MAP)
		rows = map(zr, c, snap_ms);
	else if (zr->mode == ZONEREC_WALLS)
		rows = walls(zr, c, snap_ms, e);
	else
		rows = zones(zr, c, snap_ms, e);
	if (rows < 0)
		return rows;
	zr->nsnap++;
	if (rows == 0) {
		zr->nempty++;
		empty(zr, c, snap_ms);
	}
	return 0;
}

void
zonerec_free(struct zonerec *zr)
{
	liq_zones_free(zr->z);
	free(zr->cum_long);
	free(zr->cum_short);
	free(zr->price);
	free(zr->sel);
	for (uint32_t i = MAP_FIELDS; zr->names && zr->names[i]; i++)
		free(zr->names[i]);
	free(zr->names);
	zr->sel = NULL;
	zr->names = NULL;
	zr->z = NULL;
	zr->cum_long = zr->cum_short = NULL;
	zr->price = NULL;
}
