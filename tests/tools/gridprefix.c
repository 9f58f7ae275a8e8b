/*
 * gridprefix.c - is grid B what grid A was up to B's end?  For the
 * causality tests: a run whose data ends at T must write exactly the
 * columns that a longer run writes up to T.
 *   gridprefix A B
 * Exits 0 when B's axes (bins, price range, step, layers) are A's and
 * every column of B equals A's column of the same time, cell for cell and
 * value for value (the bits of every float and double); 1 with the first
 * difference on stderr; 2 on a usage or read error.
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/liq.h"

static struct liq_grid_reader *
open_grid(const char *path, const struct liq_grid_info **g)
{
	struct liq_grid_reader *r;
	struct liq_error e;

	if (liq_grid_reader_open(&r, path, &e) != 0)
		errx(2, "%s: %s", path, e.msg);
	*g = liq_grid_reader_info(r);
	return r;
}

static int
same(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) == 0;
}

int
main(int argc, char **argv)
{
	const struct liq_grid_info *ga, *gb;
	struct liq_grid_reader *ra, *rb;
	struct liq_grid_column *ca, *cb;
	struct liq_error e;
	float *keep;
	double sa[9], sb[9];
	uint64_t n = 0;
	int rc;

	if (argc != 3)
		errx(2, "usage: gridprefix A B");
	ra = open_grid(argv[1], &ga);
	rb = open_grid(argv[2], &gb);
	if (ga->nbins != gb->nbins || ga->nlayers != gb->nlayers ||
	    ga->step_ms != gb->step_ms || ga->log_bins != gb->log_bins ||
	    !same(&ga->price_min, &gb->price_min, sizeof(double)) ||
	    !same(&ga->price_max, &gb->price_max, sizeof(double))) {
		fprintf(stderr, "axes differ: %u bins %.17g..%.17g step %lld "
		    "vs %u bins %.17g..%.17g step %lld\n", ga->nbins,
		    ga->price_min, ga->price_max, (long long)ga->step_ms,
		    gb->nbins, gb->price_min, gb->price_max,
		    (long long)gb->step_ms);
		return 1;
	}
	if ((keep = malloc(sizeof(float) * ga->nbins * ga->nlayers)) == NULL)
		err(2, NULL);
	while ((rc = liq_grid_read(rb, &cb, &e)) == 1) {
		/* B's column, kept while A is read up to it */
		for (uint32_t l = 0; l < gb->nlayers; l++)
			memcpy(keep + (size_t)l * gb->nbins, cb->layer[l],
			    sizeof(float) * gb->nbins);
		sb[0] = cb->open, sb[1] = cb->high, sb[2] = cb->low;
		sb[3] = cb->close, sb[4] = cb->oi_quote, sb[5] = cb->pred_long;
		sb[6] = cb->pred_short, sb[7] = cb->real_long;
		sb[8] = cb->real_short;
		do {
			if ((rc = liq_grid_read(ra, &ca, &e)) != 1)
				errx(rc < 0 ? 2 : 1, "%s ends before %lld",
				    argv[1], (long long)cb->time_ms);
		} while (ca->time_ms < cb->time_ms);
		if (ca->time_ms != cb->time_ms) {
			fprintf(stderr, "no column at %lld in %s\n",
			    (long long)cb->time_ms, argv[1]);
			return 1;
		}
		sa[0] = ca->open, sa[1] = ca->high, sa[2] = ca->low;
		sa[3] = ca->close, sa[4] = ca->oi_quote, sa[5] = ca->pred_long;
		sa[6] = ca->pred_short, sa[7] = ca->real_long;
		sa[8] = ca->real_short;
		if (!same(sa, sb, sizeof(sa))) {
			fprintf(stderr, "column %lld: values differ\n",
			    (long long)cb->time_ms);
			return 1;
		}
		for (uint32_t l = 0; l < ga->nlayers; l++)
			if (!same(ca->layer[l], keep + (size_t)l * ga->nbins,
			    sizeof(float) * ga->nbins)) {
				fprintf(stderr, "column %lld: cells of layer "
				    "%u differ\n", (long long)cb->time_ms, l);
				return 1;
			}
		n++;
	}
	if (rc < 0)
		errx(2, "%s: %s", argv[2], e.msg);
	printf("%llu columns equal\n", (unsigned long long)n);
	free(keep);
	liq_grid_reader_close(ra);
	liq_grid_reader_close(rb);
	return 0;
}
