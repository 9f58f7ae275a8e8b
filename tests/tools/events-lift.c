/*
 * events-lift.c - a test driver of lib/liq_events.h: read liquidation
 * events and print what the library makes of them, or score a grid's
 * map against them (the lift) and print the totals and the days.
 *
 *   events-lift read EVENTS [SPEC]
 *     events N, format, symbol, venue, price kind, repeats; per side the
 *     count, sum of qty and of notional; the first and last time; then
 *     with -e each event "time side price qty notional line"
 *   events-lift [-t tol_pct] [-m mmr] [-x 5,10,...] [-d] lift GRID EVENTS
 *     [SPEC]
 *     one line per side and X: "side X share S lift L num N den D
 *     naive_share S naive_lift L" (the naive map's), the counts,
 *     and with -d one line per day: "day T bars N", then per side its
 *     name, events, den, the nx nums and the nx naive nums
 * Exits 1 with the library's message on an error, 2 on a usage error.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liq_events.h"

static const char *const side_name[] = { "long", "short", "either" };

static int
fail(const struct liq_error *e)
{
	char buf[1024];

	fprintf(stderr, "events-lift: %s\n", liq_error_format(e, buf,
	    sizeof(buf)));
	return 1;
}

static int
do_read(const char *path, const char *spec, int each)
{
	struct liq_events *ev;
	struct liq_error e;
	const struct liq_event *x;
	size_t n, i, c[2] = { 0, 0 };
	double q[2] = { 0, 0 }, s[2] = { 0, 0 };

	if (liq_events_read(path, spec, &ev, &e) != 0)
		return fail(&e);
	n = liq_events_count(ev);
	x = liq_events_array(ev);
	for (i = 0; i < n; i++) {
		c[x[i].side]++;
		q[x[i].side] += x[i].qty_base;
		s[x[i].side] += x[i].notional_quote;
	}
	printf("events %zu format %s symbol %s venue %s price %s repeats "
	    "%llu\n", n, liq_events_format_name(liq_events_format(ev)),
	    liq_events_symbol(ev)[0] ? liq_events_symbol(ev) : "-",
	    liq_events_venue(ev)[0] ? liq_events_venue(ev) : "-",
	    liq_events_price_kind(ev) == LIQ_EVPRICE_BANKRUPTCY ?
	    "bankruptcy" : "fill",
	    (unsigned long long)liq_events_repeats(ev));
	for (i = 0; i < 2; i++)
		printf("%s %zu qty %.6f notional %.4f\n", side_name[i], c[i],
		    q[i], s[i]);
	printf("first %lld last %lld\n", (long long)x[0].time_ms,
	    (long long)x[n - 1].time_ms);
	if (each)
		for (i = 0; i < n; i++)
			printf("%lld %s %.10g %.10g %.10g %lld\n",
			    (long long)x[i].time_ms, side_name[x[i].side],
			    x[i].price, x[i].qty_base, x[i].notional_quote,
			    (long long)x[i].line);
	liq_events_free(ev);
	return 0;
}

/* A copy of a column's arrays (the reader's last only until the next). */
struct col {
	struct liq_grid_column c;
	float *lng, *sht;
};

static void
keep(struct col *k, const struct liq_grid_column *c, uint32_t nb)
{
	k->c = *c;
	memcpy(k->lng, c->long_usd, nb * sizeof(float));
	memcpy(k->sht, c->short_usd, nb * sizeof(float));
	k->c.long_usd = k->lng;
	k->c.short_usd = k->sht;
}

static int
do_lift(const char *grid, const char *path, const char *spec,
    const struct liq_lift_options *o, int days)
{
	struct liq_grid_reader *gr;
	struct liq_grid_column *c;
	const struct liq_grid_info *g;
	struct liq_events *ev;
	struct liq_lift *l;
	struct liq_lift_result r;
	struct liq_error e;
	struct col prev;
	int rc, have = 0, s, j;
	size_t d;

	if (liq_events_read(path, spec, &ev, &e) != 0)
		return fail(&e);
	if (liq_grid_reader_open(&gr, grid, &e) != 0)
		return fail(&e);
	g = liq_grid_reader_info(gr);
	if (liq_lift_new(&l, g, ev, o, &e) != 0)
		return fail(&e);
	prev.lng = calloc(g->nbins, sizeof(float));
	prev.sht = calloc(g->nbins, sizeof(float));
	if (prev.lng == NULL || prev.sht == NULL) {
		free(prev.lng);
		free(prev.sht);
		return 1;
	}
	while ((rc = liq_grid_read(gr, &c, &e)) == 1) {
		if (liq_lift_add(l, have ? &prev.c : NULL, c, &e) != 0)
			return fail(&e);
		keep(&prev, c, g->nbins);
		have = 1;
	}
	if (rc < 0)
		return fail(&e);
	liq_lift_result(l, &r);
	for (s = 0; s < LIQ_LIFT_NSIDES; s++)
		for (j = 0; j < r.nx; j++)
			printf("%s %g share %.6f lift %.4f num %.6g den %.6g "
			    "naive_share %.6f naive_lift %.4f\n",
			    side_name[s], r.x_pct[j], r.score[s][j].share,
			    r.score[s][j].lift, r.score[s][j].num,
			    r.score[s][j].den, r.naive[s][j].share,
			    r.naive[s][j].lift);
	for (s = 0; s < 2; s++)
		printf("%s used %llu outside_range %llu no_snapshot %llu "
		    "outside_time %llu notional_used %.6g outside_range "
		    "%.6g\n", side_name[s],
		    (unsigned long long)r.events_used[s],
		    (unsigned long long)r.outside_range[s],
		    (unsigned long long)r.no_snapshot[s],
		    (unsigned long long)r.outside_time[s],
		    r.notional_used[s], r.notional_outside_range[s]);
	printf("bars_added %llu bars %llu bars_events %llu days %zu\n",
	    (unsigned long long)r.bars_added, (unsigned long long)r.bars,
	    (unsigned long long)r.bars_events, liq_lift_ndays(l));
	for (d = 0; days && d < liq_lift_ndays(l); d++) {
		const struct liq_lift_day *dy = liq_lift_day(l, d);

		printf("day %lld bars %u", (long long)dy->day_ms, dy->bars);
		for (s = 0; s < LIQ_LIFT_NSIDES; s++) {
			printf(" %s %llu %.6g", side_name[s],
			    (unsigned long long)dy->events[s], dy->den[s]);
			for (j = 0; j < r.nx; j++)
				printf(" %.6g", dy->num[s][j]);
			for (j = 0; j < r.nx; j++)
				printf(" %.6g", dy->naive_num[s][j]);
		}
		printf("\n");
	}
	liq_lift_free(l);
	liq_grid_reader_close(gr);
	liq_events_free(ev);
	free(prev.lng);
	free(prev.sht);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: events-lift [-e] read EVENTS [SPEC]\n"
	    "       events-lift [-d] [-t tol] [-m mmr] [-x list] lift GRID "
	    "EVENTS [SPEC]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct liq_lift_options o;
	int ch, days = 0, each = 0;
	char *p, *q;

	liq_lift_options_init(&o);
	while ((ch = getopt(argc, argv, "det:m:x:")) != -1)
		switch (ch) {
		case 'd':
			days = 1;
			break;
		case 'e':
			each = 1;
			break;
		case 't':
			o.tol_pct = strtod(optarg, NULL);
			break;
		case 'm':
			o.bankruptcy_mmr = strtod(optarg, NULL);
			break;
		case 'x':
			o.nx = 0;
			for (p = optarg; *p && o.nx < LIQ_LIFT_MAX_X; p = q) {
				o.x_pct[o.nx++] = strtod(p, &q);
				if (*q == ',')
					q++;
				else if (*q != '\0')
					return usage();
			}
			break;
		default:
			return usage();
		}
	argc -= optind;
	argv += optind;
	if (argc >= 2 && argc <= 3 && strcmp(argv[0], "read") == 0)
		return do_read(argv[1], argc > 2 ? argv[2] : NULL, each);
	if (argc >= 3 && argc <= 4 && strcmp(argv[0], "lift") == 0)
		return do_lift(argv[1], argv[2], argc > 3 ? argv[3] : NULL, &o,
		    days);
	return usage();
}
