/*
 * events.c - unit tests of the lift (lib/liq_events.h, man/liq-events.5,
 * "THE LIFT") on a grid of ten bins of 1 over 100..110 and hourly
 * columns, with events written to a scratch file as a mapped CSV.  The
 * shares are worked out by hand in the comments: the top X % of the
 * traversed bins with a fractional last bin and ties sharing evenly, the
 * long, short and either sides, bankruptcy prices moved by the
 * maintenance margin, the tolerance, a flat map and events spread one
 * per bin (both give X % exactly), the counts of events not scored, the
 * days, and every argument error.
 * Prints TAP-style "ok N - ..." lines; exits 1 if any check failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liq_events.h"

#define NB 10
#define H INT64_C(3600000)
#define T0 INT64_C(1709251200000)	/* 2024-03-01T00:00:00Z */

static int ntest, nfail;

static void
check(int cond, const char *what)
{
	ntest++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", ntest, what);
	if (!cond)
		nfail++;
}

static void
near(double got, double want, const char *what)
{
	int ok = fabs(got - want) <= 1e-12 * (1 + fabs(want));

	check(ok, what);
	if (!ok)
		printf("# got %.17g, want %.17g\n", got, want);
}

static void
grid_info(struct liq_grid_info *g)
{
	memset(g, 0, sizeof(*g));
	g->start_ms = T0;
	g->step_ms = H;
	g->nbins = NB;
	g->nlayers = 2;
	g->price_min = 100;
	g->price_max = 110;
}

/* One event row: hour h (+ ms), 'L' or 'S', price, notional. */
struct row {
	int64_t ms;
	char side;
	double price, notional;
};

/* Events from rows through a scratch CSV (spec: the map and extra). */
static struct liq_events *
events(const struct row *r, int n, const char *extra)
{
	char path[] = "/tmp/liq-t-events.XXXXXX", spec[256];
	struct liq_events *ev = NULL;
	struct liq_error e;
	FILE *f;
	int fd, i;

	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return NULL;
	fprintf(f, "t,side,price,notional\n");
	for (i = 0; i < n; i++)
		fprintf(f, "%lld,%s,%.17g,%.17g\n", (long long)r[i].ms,
		    r[i].side == 'L' ? "long" : "short", r[i].price,
		    r[i].notional);
	fclose(f);
	snprintf(spec, sizeof(spec), "time=t,side=side,price=price,"
	    "notional=notional%s%s", extra ? "," : "", extra ? extra : "");
	if (liq_events_read(path, spec, &ev, &e) != 0) {
		char buf[1024];

		printf("# %s\n", liq_error_format(&e, buf, sizeof(buf)));
	}
	unlink(path);
	return ev;
}

/* A column at hour h with OHLC and cells (NULL: zero). */
struct col {
	struct liq_grid_column c;
	float lng[NB], sht[NB];
};

static void
column(struct col *k, int h, double low, double high, const float *lng,
    const float *sht)
{
	memset(k, 0, sizeof(*k));
	k->c.time_ms = T0 + h * H;
	k->c.open = k->c.close = (low + high) / 2;
	k->c.low = low;
	k->c.high = high;
	if (lng)
		memcpy(k->lng, lng, sizeof(k->lng));
	if (sht)
		memcpy(k->sht, sht, sizeof(k->sht));
	k->c.long_usd = k->lng;
	k->c.short_usd = k->sht;
	k->c.layer[0] = k->lng;
	k->c.layer[1] = k->sht;
}

/*
 * The hand case.  Bar 1 traverses 101.5..107.2: bins 1..7 (K = 7).  The
 * book before it (column 0), bins 1..7: long 0,5,1,0,3,0,0; short
 * 0,0,0,0,0,2,0; either (the sum) 0,5,1,0,3,2,0.
 *   long, X = 5: m = 0.35 bins, tau = 5, bin 2 weighs 0.35; X = 10:
 *   0.7; X = 20: m = 1.4, bin 2 weighs 1, tau = 3 (bin 5) 0.4; X = 50:
 *   m = 3.5, bins 2, 5, 3 weigh 1, the four zero bins 0.5 / 4.
 * Long events in bar 1: 100 at 102.5 (bin 2), 50 at 105.5 (bin 5), 50
 * at 101.2 (bin 1), 999 at 108.5 (bin 8: outside).  den 200; num 35,
 * 70, 100 + 50 x 0.4 = 120, 100 + 50 + 50 x 0.125 = 156.25.
 *   short: bin 6 is the only one above 0.  X = 5: bin 6 weighs 0.35;
 *   10: 0.7; 20: m = 1.4, bin 6 weighs 1, the six zeros 0.4 / 6; 50: the
 *   six zeros 2.5 / 6.  Events 10 at 106.9 (bin 6), 30 at 103 (bin 3):
 *   den 40; num 3.5, 7, 10 + 30 x 0.4 / 6 = 12, 10 + 30 x 2.5 / 6 =
 *   22.5.
 *   either: sorted 5,3,2,1,0,0,0.  X = 5: bin 2 0.35; 10: 0.7; 20:
 *   bin 2 1, bin 5 (tau 3) 0.4; 50: m = 3.5, bins 2, 5, 6 weigh 1, bin 3
 *   (tau 1) 0.5.  den 240; num 35, 70, 100 + 20 = 120, 100 + 50 + 10 +
 *   15 = 175.
 * An event of bar 0 (no column before it: no snapshot), one before the
 * grid's first bar and one after the last (outside the time).
 */
static void
test_hand(void)
{
	static const float l0[NB] = { 9, 0, 5, 1, 0, 3, 0, 0, 4, 0 };
	static const float s0[NB] = { 0, 0, 0, 0, 0, 0, 2, 0, 0, 8 };
	const struct row r[] = {
		{ T0 - 1, 'L', 105, 7 },
		{ T0 + 10, 'S', 104, 3 },
		{ T0 + H, 'L', 102.5, 100 },
		{ T0 + H + 1000, 'L', 105.5, 50 },
		{ T0 + 2 * H - 1, 'L', 101.2, 50 },
		{ T0 + H + 5, 'L', 108.5, 999 },
		{ T0 + H + 6, 'S', 106.9, 10 },
		{ T0 + H + 7, 'S', 103, 30 },
		{ T0 + 2 * H, 'S', 105, 11 },
	};
	struct liq_events *ev = events(r, 9, NULL);
	struct liq_grid_info g;
	struct liq_lift *l;
	struct liq_lift_result res;
	struct liq_error e;
	struct col c0, c1;
	const struct liq_lift_day *d;

	check(ev != NULL && liq_events_count(ev) == 9, "hand: 9 events read");
	if (ev == NULL)
		return;
	check(liq_events_lower_bound(ev, T0 + H) == 2 &&
	    liq_events_lower_bound(ev, T0 + 2 * H) == 8 &&
	    liq_events_lower_bound(ev, T0 + 3 * H) == 9 &&
	    liq_events_lower_bound(ev, 0) == 0,
	    "lower_bound: the first event at or after a time");
	grid_info(&g);
	check(liq_lift_new(&l, &g, ev, NULL, &e) == 0, "lift_new, defaults");
	column(&c0, 0, 103, 105, l0, s0);
	column(&c1, 1, 101.5, 107.2, NULL, NULL);
	check(liq_lift_add(l, NULL, &c0.c, &e) == 0 &&
	    liq_lift_add(l, &c0.c, &c1.c, &e) == 0, "two bars added");
	liq_lift_result(l, &res);
	check(res.nx == 4 && res.x_pct[0] == 5 && res.x_pct[3] == 50,
	    "default X: 5, 10, 20, 50");
	near(res.score[LIQ_LIFT_LONG][0].share, 35.0 / 200,
	    "long X=5: 100 x 0.35 of 200");
	near(res.score[LIQ_LIFT_LONG][0].lift, 35.0 / 200 / 0.05,
	    "long X=5: lift 3.5");
	near(res.score[LIQ_LIFT_LONG][1].share, 70.0 / 200,
	    "long X=10: 100 x 0.7 of 200");
	near(res.score[LIQ_LIFT_LONG][2].share, 120.0 / 200,
	    "long X=20: 100 + 50 x 0.4");
	near(res.score[LIQ_LIFT_LONG][3].share, 156.25 / 200,
	    "long X=50: 100 + 50 + 50 x 0.5/4 (ties share)");
	near(res.score[LIQ_LIFT_LONG][3].lift, 1.5625, "long X=50: lift");
	near(res.score[LIQ_LIFT_SHORT][0].share, 3.5 / 40, "short X=5");
	near(res.score[LIQ_LIFT_SHORT][1].share, 7.0 / 40, "short X=10");
	near(res.score[LIQ_LIFT_SHORT][2].share, 12.0 / 40,
	    "short X=20: 10 + 30 x 0.4/6");
	near(res.score[LIQ_LIFT_SHORT][3].share, 22.5 / 40,
	    "short X=50: 10 + 30 x 2.5/6");
	near(res.score[LIQ_LIFT_EITHER][0].share, 35.0 / 240, "either X=5");
	near(res.score[LIQ_LIFT_EITHER][1].share, 70.0 / 240, "either X=10");
	near(res.score[LIQ_LIFT_EITHER][2].share, 120.0 / 240,
	    "either X=20");
	near(res.score[LIQ_LIFT_EITHER][3].share, 175.0 / 240,
	    "either X=50: the summed map");
	/* the naive map, bins 1..7: long 6,5,4,3,2,1,0 (nearer the low);
	 * short 0,1,..,6; either the larger, 6,5,4,3,4,5,6 */
	near(res.naive[LIQ_LIFT_LONG][0].share, 50 * 0.35 / 200,
	    "naive long X=5: bin 1 weighs 0.35");
	near(res.naive[LIQ_LIFT_LONG][2].share, (50 + 100 * 0.4) / 200,
	    "naive long X=20: bin 1, bin 2 0.4");
	near(res.naive[LIQ_LIFT_LONG][3].share, 150.0 / 200,
	    "naive long X=50: bins 1..3, bin 4 0.5");
	near(res.naive[LIQ_LIFT_SHORT][0].share, 0, "naive short X=5: bin 7");
	near(res.naive[LIQ_LIFT_SHORT][2].share, 4.0 / 40,
	    "naive short X=20: bin 7, bin 6 0.4");
	near(res.naive[LIQ_LIFT_SHORT][3].share, 10.0 / 40,
	    "naive short X=50: bins 7..5, bin 4 0.5");
	near(res.naive[LIQ_LIFT_EITHER][0].share, 50 * 0.175 / 240,
	    "naive either X=5: the two ends tie, 0.175 each");
	near(res.naive[LIQ_LIFT_EITHER][3].share, (50 + 75 + 7.5) / 240,
	    "naive either X=50: the ends 1, the next two 0.75");
	near(res.naive[LIQ_LIFT_LONG][3].lift, 1.5, "naive long X=50: lift");
	check(res.score[LIQ_LIFT_LONG][0].den == 200 &&
	    res.score[LIQ_LIFT_EITHER][2].den == 240,
	    "denominators: the notional scored");
	check(res.events_used[0] == 3 && res.events_used[1] == 2 &&
	    res.notional_used[0] == 200 && res.notional_used[1] == 40,
	    "used: 3 longs, 2 shorts");
	check(res.outside_range[0] == 1 && res.outside_range[1] == 0 &&
	    res.notional_outside_range[0] == 999,
	    "outside the range: the long at 108.5");
	check(res.no_snapshot[0] == 0 && res.no_snapshot[1] == 1 &&
	    res.notional_no_snapshot[1] == 3,
	    "no snapshot: the event of the first bar");
	check(res.outside_time[0] == 1 && res.outside_time[1] == 1 &&
	    res.notional_outside_time[0] == 7 &&
	    res.notional_outside_time[1] == 11,
	    "outside the time: one before, one after the bars");
	check(res.bars_added == 2 && res.bars == 1 && res.bars_events == 1,
	    "bars: 2 added, 1 scored, 1 with events");
	check(liq_lift_ndays(l) == 1 && (d = liq_lift_day(l, 0)) != NULL &&
	    d->day_ms == T0 && d->bars == 1 && d->den[0] == 200 &&
	    d->den[2] == 240 && fabs(d->num[0][2] - 120) < 1e-9 &&
	    fabs(d->num[2][3] - 175) < 1e-9 && d->events[0] == 3 &&
	    fabs(d->naive_num[0][3] - 150) < 1e-9 &&
	    d->events[2] == 5,
	    "the day: the same sums");
	check(liq_lift_day(l, 1) == NULL, "no second day");
	/* errors */
	check(liq_lift_add(l, &c0.c, &c1.c, &e) == LIQ_EARG &&
	    strstr(e.msg, "out of order") != NULL,
	    "a bar again: out of order");
	liq_lift_free(l);
	check(liq_lift_new(&l, &g, ev, NULL, &e) == 0 &&
	    liq_lift_add(l, &c1.c, &c1.c, &e) == LIQ_EARG &&
	    strstr(e.msg, "not one step before") != NULL,
	    "a before column that is not the one before");
	liq_lift_free(l);
	liq_events_free(ev);
}

/*
 * Bankruptcy prices: a long at 100.9 (bin 0, below the range 101.5..
 * 107.2) was liquidated at 100.9 x 1.005 = 101.4045 (bin 1, inside); a
 * short at 108.3 (bin 8) at 108.3 x 0.995 = 107.7585 (bin 7).  With
 * mmr 0 both are outside; so are they with price-kind=fill.  The
 * tolerance 1% widens the range to 100.485..108.272, bins 0..8: then
 * they are inside as they are.
 */
static void
test_bankruptcy(void)
{
	static const float l0[NB] = { 0, 4, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const float s0[NB] = { 0, 0, 0, 0, 0, 0, 0, 4, 0, 0 };
	const struct row r[] = {
		{ T0 + H, 'L', 100.9, 10 },
		{ T0 + H + 1, 'S', 108.3, 10 },
	};
	struct liq_events *ev = events(r, 2, "price-kind=bankruptcy");
	struct liq_events *fill = events(r, 2, NULL);
	struct liq_lift_options o;
	struct liq_grid_info g;
	struct liq_lift *l;
	struct liq_lift_result res;
	struct liq_error e;
	struct col c0, c1;

	if (ev == NULL || fill == NULL) {
		check(0, "bankruptcy: events read");
		return;
	}
	check(liq_events_price_kind(ev) == LIQ_EVPRICE_BANKRUPTCY &&
	    liq_events_price_kind(fill) == LIQ_EVPRICE_FILL,
	    "price-kind=bankruptcy; a map's default is fill");
	grid_info(&g);
	column(&c0, 0, 100, 101, l0, s0);
	column(&c1, 1, 101.5, 107.2, NULL, NULL);
	liq_lift_options_init(&o);
	check(o.bankruptcy_mmr == 0.005 && o.tol_pct == 0,
	    "defaults: mmr 0.005, no tolerance");
	liq_lift_new(&l, &g, ev, &o, &e);
	liq_lift_add(l, &c0.c, &c1.c, &e);
	liq_lift_result(l, &res);
	/* K = 7, X = 5: bin 1 (long) weighs 0.35; bin 7 (short) 0.35 */
	check(res.events_used[0] == 1 && res.events_used[1] == 1,
	    "bankruptcy prices moved into the range");
	near(res.score[LIQ_LIFT_LONG][0].share, 0.35,
	    "bankruptcy: the long in the densest bin, X=5: 0.35");
	near(res.score[LIQ_LIFT_SHORT][3].share, 1,
	    "bankruptcy: the short in the densest bin, X=50: 1");
	liq_lift_free(l);
	o.bankruptcy_mmr = 0;
	liq_lift_new(&l, &g, ev, &o, &e);
	liq_lift_add(l, &c0.c, &c1.c, &e);
	liq_lift_result(l, &res);
	check(res.events_used[0] + res.events_used[1] == 0 &&
	    res.outside_range[0] == 1 && res.outside_range[1] == 1,
	    "mmr 0: the prices as they are, outside the range");
	liq_lift_free(l);
	liq_lift_options_init(&o);
	liq_lift_new(&l, &g, fill, &o, &e);
	liq_lift_add(l, &c0.c, &c1.c, &e);
	liq_lift_result(l, &res);
	check(res.outside_range[0] == 1 && res.outside_range[1] == 1,
	    "fill prices are not moved");
	liq_lift_free(l);
	/* tolerance 1%: bins 0..8, K = 9; X = 20: m = 1.8, the densest
	 * (bin 1 long, bin 7 short) 1, the eight zeros 0.8 / 8 */
	o.tol_pct = 1;
	liq_lift_new(&l, &g, fill, &o, &e);
	liq_lift_add(l, &c0.c, &c1.c, &e);
	liq_lift_result(l, &res);
	check(res.events_used[0] == 1 && res.events_used[1] == 1,
	    "tolerance 1%: both inside the widened range");
	near(res.score[LIQ_LIFT_LONG][2].share, 0.1,
	    "tolerance: the long at bin 0 weighs 0.8 / 8 at X=20");
	liq_lift_free(l);
	liq_events_free(ev);
	liq_events_free(fill);
}

/*
 * A flat map gives every bin X/100 whatever the events; events one per
 * bin of equal notional give X % whatever the map (the weights sum to
 * m = K X / 100 over K bins).  A range reaching the top of the axis is
 * cut at the last bin; an event at price_max is off the axis.
 */
static void
test_uniform(void)
{
	static const float flat[NB] = { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 };
	static const float ramp[NB] = { 1, 9, 2, 8, 3, 7, 4, 6, 5, 0 };
	struct row r[NB + 3];
	struct liq_events *ev;
	struct liq_lift_options o;
	struct liq_grid_info g;
	struct liq_lift *l;
	struct liq_lift_result res;
	struct liq_error e;
	struct col c0, c1;
	int i, j, ok;

	for (i = 0; i < NB; i++) {
		r[i].ms = T0 + H + i;
		r[i].side = 'L';
		r[i].price = 100.5 + i;
		r[i].notional = 25;
	}
	r[NB] = (struct row){ T0 + H + 20, 'S', 100.2, 1000 };
	r[NB + 1] = (struct row){ T0 + H + 21, 'S', 109.99, 3 };
	r[NB + 2] = (struct row){ T0 + H + 22, 'S', 110, 50 };
	ev = events(r, NB + 3, NULL);
	if (ev == NULL) {
		check(0, "uniform: events read");
		return;
	}
	grid_info(&g);
	liq_lift_options_init(&o);
	o.nx = 6;
	o.x_pct[4] = 33.3;
	o.x_pct[5] = 100;
	/* the bar 100..110: high at the axis's top, cut at bin 9 */
	column(&c0, 0, 100, 110, flat, flat);
	column(&c1, 1, 100, 110, NULL, NULL);
	liq_lift_new(&l, &g, ev, &o, &e);
	liq_lift_add(l, &c0.c, &c1.c, &e);
	liq_lift_result(l, &res);
	for (ok = 1, i = 0; i < LIQ_LIFT_NSIDES; i++)
		for (j = 0; j < o.nx; j++)
			ok &= fabs(res.score[i][j].share - o.x_pct[j] / 100) <
			    1e-12 && fabs(res.score[i][j].lift - 1) < 1e-12;
	check(ok, "a flat map: share X %, lift 1, every side and X");
	check(res.outside_range[1] == 1 && res.events_used[1] == 2,
	    "an event at price_max is off the axis");
	liq_lift_free(l);
	column(&c0, 0, 100, 110, ramp, NULL);
	liq_lift_new(&l, &g, ev, &o, &e);
	liq_lift_add(l, &c0.c, &c1.c, &e);
	liq_lift_result(l, &res);
	for (ok = 1, j = 0; j < o.nx; j++)
		ok &= fabs(res.score[LIQ_LIFT_LONG][j].share - o.x_pct[j] /
		    100) < 1e-12;
	check(ok, "events one per bin: share X % whatever the map");
	/* the short side has no cells: a flat map of zeros */
	near(res.score[LIQ_LIFT_SHORT][0].share, 0.05,
	    "an empty side is a flat map: X %");
	near(res.score[LIQ_LIFT_LONG][5].share, 1, "X = 100: share 1");
	liq_lift_free(l);
	liq_events_free(ev);
}

/* Bars that cannot be scored, days, and argument errors. */
static void
test_counts(void)
{
	static const float l0[NB] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	const struct row r[] = {
		{ T0 + H, 'L', 105, 1 },	/* bar 1: no price */
		{ T0 + 2 * H, 'L', 105, 2 },	/* bar 2: off the axis */
		{ T0 + 23 * H, 'L', 109.5, 4 },	/* day 1 */
		{ T0 + 24 * H, 'L', 109.5, 8 },	/* day 2 */
	};
	struct liq_events *ev = events(r, 4, NULL);
	struct liq_lift_options o;
	struct liq_grid_info g;
	struct liq_lift *l;
	struct liq_lift_result res;
	struct liq_error e;
	struct col c0, c1, c2, c22, c23, c24;
	const struct liq_lift_day *d0, *d1;

	if (ev == NULL) {
		check(0, "counts: events read");
		return;
	}
	grid_info(&g);
	column(&c0, 0, 104, 106, l0, NULL);
	column(&c1, 1, NAN, NAN, l0, NULL);
	column(&c2, 2, 111, 112, l0, NULL);
	column(&c22, 22, 104, 106, l0, NULL);
	column(&c23, 23, 108, 110, l0, NULL);
	column(&c24, 24, 108, 109.9, l0, NULL);
	liq_lift_new(&l, &g, ev, NULL, &e);
	liq_lift_add(l, &c0.c, &c1.c, &e);
	liq_lift_add(l, &c1.c, &c2.c, &e);
	liq_lift_add(l, &c22.c, &c23.c, &e);
	check(liq_lift_add(l, &c23.c, &c24.c, &e) == 0,
	    "bars with gaps between them");
	liq_lift_result(l, &res);
	check(res.no_snapshot[0] == 2 && res.notional_no_snapshot[0] == 3,
	    "no snapshot: a bar without a price, a bar off the axis");
	check(res.events_used[0] == 2 && res.bars == 2 &&
	    res.bars_added == 4, "two bars scored of four");
	/* bins 8, 9 (K = 2); bin 9 is densest: X = 50 gives it 1 */
	near(res.score[LIQ_LIFT_LONG][3].share, 1,
	    "X = 50 of two bins: the denser one");
	check(liq_lift_ndays(l) == 2 && (d0 = liq_lift_day(l, 0)) &&
	    (d1 = liq_lift_day(l, 1)) && d0->day_ms == T0 &&
	    d1->day_ms == T0 + 24 * H && d0->den[0] == 4 && d1->den[0] == 8 &&
	    d0->bars == 1 && d1->bars == 1 && d0->num[0][3] == 4,
	    "days: one record per UTC day with a bar scored");
	liq_lift_free(l);
	/* argument errors */
	liq_lift_options_init(&o);
	o.nx = 0;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG && l == NULL,
	    "nx 0 refused");
	o.nx = LIQ_LIFT_MAX_X + 1;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG, "nx 9 refused");
	liq_lift_options_init(&o);
	o.x_pct[1] = 0;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG &&
	    strstr(e.msg, "(0, 100]") != NULL, "X 0 refused");
	o.x_pct[1] = 100.5;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG, "X 100.5 refused");
	liq_lift_options_init(&o);
	o.tol_pct = -1;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG,
	    "a negative tolerance refused");
	o.tol_pct = NAN;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG,
	    "a NaN tolerance refused");
	liq_lift_options_init(&o);
	o.bankruptcy_mmr = 0.6;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG,
	    "mmr 0.6 refused");
	liq_lift_options_init(&o);
	g.nbins = 0;
	check(liq_lift_new(&l, &g, ev, &o, &e) == LIQ_EARG,
	    "a grid without bins refused");
	liq_lift_free(NULL);
	liq_events_free(NULL);
	liq_events_free(ev);
}

int
main(void)
{
	test_hand();
	test_bankruptcy();
	test_uniform();
	test_counts();
	printf("# %d tests, %d failed\n", ntest, nfail);
	return nfail != 0;
}
