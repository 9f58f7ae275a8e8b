/*
 * book.c - the estimator's book: one side of one input, notional per
 * leverage tier and price bin under a lazy scale factor per tier, and the
 * queue of lots that --close oldest closes from.  What the stored values
 * mean, when they are renormalised and why compacting the queue is exact
 * is in book_int.h.  The model (lib/estimate.c) decides what to add,
 * erase and scale; this file only keeps the numbers consistent.
 */
#include <stdlib.h>

#include "book_int.h"

int
liq__book_init(struct book *k, int ntiers, long nstore, int lots)
{
	k->v = calloc((size_t)ntiers * (size_t)nstore, sizeof(double));
	if (k->v == NULL)
		return -1;
	for (int t = 0; t < ntiers; t++)
		k->s[t] = 1;
	k->lo = nstore;
	k->hi = -1;
	k->pj = -1;
	if (lots) {
		k->f = malloc((size_t)nstore * sizeof(double));
		k->epoch = calloc((size_t)nstore, sizeof(uint32_t));
		if (k->f == NULL || k->epoch == NULL)
			return -1;
		for (long j = 0; j < nstore; j++)
			k->f[j] = 1;
		/* LIQ_LOTS_NO_COMPACT: for the test that compacting is exact */
		k->compact = getenv("LIQ_LOTS_NO_COMPACT") == NULL;
	}
	return 0;
}

void
liq__book_free(struct book *k)
{
	free(k->v);
	free(k->f);
	free(k->epoch);
	free(k->q.a);
}

/* Fold the lazy scale of tier t into its values and lots (s[t] = 1). */
static void
renorm(struct book *k, int t, long nstore)
{
	double *v = k->v + (size_t)t * (size_t)nstore, s = k->s[t];

	for (long j = k->lo; j <= k->hi; j++)
		v[j] *= s;
	for (size_t i = 0; i < k->q.n; i++) {
		struct lot *l = &k->q.a[(k->q.head + i) % k->q.cap];

		if (l->tier == t)
			l->units *= s;
	}
	k->s[t] = 1;
}

double
liq__book_scale(struct book *k, int t, double g, long nstore)
{
	double gone = k->tot[t] * (1 - g);

	k->tot[t] *= g;
	if (g == 0) {
		double *v = k->v + (size_t)t * (size_t)nstore;

		for (long j = k->lo; j <= k->hi; j++)
			v[j] = 0;
		k->s[t] = 1;
		k->tot[t] = 0;
		for (size_t i = 0; i < k->q.n; i++) {
			struct lot *l = &k->q.a[(k->q.head + i) % k->q.cap];

			if (l->tier == t)
				l->units = 0;
		}
	} else {
		k->s[t] *= g;
		if (k->s[t] < LIQ_BOOK_RENORM)
			renorm(k, t, nstore);
	}
	return gone;
}

/*
 * Drop the lots that nothing is left of: their bin was wiped by a touch
 * since (another epoch), or their units went to 0.  In place, order kept.
 * It keeps the queue from holding a trending market's erased past.
 */
static void
lot_compact(struct book *k)
{
	struct lotq *q = &k->q;
	size_t i, n = 0;

	for (i = 0; i < q->n; i++) {
		struct lot *l = &q->a[(q->head + i) % q->cap];

		if (l->units > 0 && l->epoch == k->epoch[l->j] &&
		    k->f[l->j] > 0)
			q->a[(q->head + n++) % q->cap] = *l;
	}
	q->n = n;
}

/* Append l to the queue.  Returns 0 or -1 (out of memory). */
static int
lot_push(struct book *k, const struct lot *l)
{
	struct lotq *q = &k->q;

	if (q->n == q->cap) {
		/* full: first drop the dead; grow if that freed under 1/4 */
		if (q->cap > 0 && k->compact)
			lot_compact(k);
		if (q->cap == 0 || q->n > q->cap / 4 * 3) {
			size_t nc = q->cap ? q->cap * 2 : 1024;
			struct lot *a = malloc(nc * sizeof(*a));

			if (a == NULL)
				return -1;
			for (size_t i = 0; i < q->n; i++)
				a[i] = q->a[(q->head + i) % q->cap];
			free(q->a);
			q->a = a;
			q->cap = nc;
			q->head = 0;
		}
	}
	q->a[(q->head + q->n) % q->cap] = *l;
	q->n++;
	return 0;
}

int
liq__book_add(struct book *k, int t, long j, double x, long nstore)
{
	if (!(x > 0))
		return 0;
	k->v[(size_t)t * (size_t)nstore + (size_t)j] += x / k->s[t];
	k->tot[t] += x;
	if (j == k->pj)		/* new levels anywhere in the bin */
		k->pj = -1;
	k->led.opened += x;
	if (j < k->lo)
		k->lo = j;
	if (j > k->hi)
		k->hi = j;
	if (k->f) {
		struct lot l = { x / k->s[t], k->f[j], k->epoch[j], (int32_t)j,
		    (int32_t)t };

		if (lot_push(k, &l) != 0)
			return -1;
	}
	return 0;
}

double
liq__book_erase(struct book *k, int ntiers, long j, double fr, long nstore)
{
	double gone = 0;

	for (int t = 0; t < ntiers; t++) {
		double *v = &k->v[(size_t)t * (size_t)nstore + (size_t)j];
		double x = *v * k->s[t] * fr;

		if (*v == 0)
			continue;
		gone += x;
		k->tot[t] -= x;
		if (k->tot[t] < 0)
			k->tot[t] = 0;
		*v = fr >= 1 ? 0 : *v * (1 - fr);
	}
	if (k->f) {
		if (fr >= 1) {
			k->epoch[j]++;
			k->f[j] = 1;
		} else
			k->f[j] *= 1 - fr;
	}
	return gone;
}

/*
 * Oldest lots first; the last one closed may be closed in part (its units
 * then shrink by what was taken, in its own terms).
 */
void
liq__book_close_oldest(struct book *k, double a, long nstore)
{
	while (a > 0 && k->q.n > 0) {
		struct lot *l = &k->q.a[k->q.head];
		double *v = &k->v[(size_t)l->tier * (size_t)nstore +
		    (size_t)l->j];
		double rel = l->epoch == k->epoch[l->j] ?
		    k->f[l->j] / l->f_add : 0;
		double rem = l->units * k->s[l->tier] * rel, take;

		take = rem <= a ? rem : a;
		*v -= take / k->s[l->tier];
		if (*v < 0)
			*v = 0;
		k->tot[l->tier] -= take;
		if (k->tot[l->tier] < 0)
			k->tot[l->tier] = 0;
		k->led.closed += take;
		a -= take;
		if (take >= rem) {
			k->q.head = (k->q.head + 1) % k->q.cap;
			k->q.n--;
		} else
			l->units -= take / k->s[l->tier] / rel;
	}
}

double
liq__book_open(const struct book *k, int ntiers)
{
	double s = 0;

	for (int t = 0; t < ntiers; t++)
		s += k->tot[t];
	return s;
}
