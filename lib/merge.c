/*
 * merge.c - bars files of one market as one time-ordered stream: daily
 * files given in any order, re-downloads that overlap, holes between
 * exports.  Files are sorted by their first bar and opened only when the
 * stream reaches them, so memory holds the files that overlap the
 * current time, not all of them.  Bars of the same time in several files
 * are joined by liq_bars_join (lib/seams.c); holes between files longer
 * than one interval are filled with flat gap bars and counted.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bars_int.h"

struct msrc {
	const char *path;
	const char *name;	/* in messages (the path, or what it stands for) */
	struct liq_bars_info info;	/* read at open */
	int index;		/* on the command line */
	int regular;		/* can be opened again */
	int64_t first;		/* time of its first bar */
	struct liq_bars_reader *r;	/* open: head holds its next bar */
	struct liq_bar head;
	int done;
};

struct liq_bars_merge {
	struct msrc *src;	/* sorted by (first, index) */
	int n, next;		/* next: the first source not yet opened */
	int prefer;
	struct liq_bars_info info;
	struct liq_bars_seams seams;
	int64_t last;		/* time of the last bar returned */
	struct liq_bar prev;	/* and the bar */
	uint64_t nout;
	struct liq_bar held;	/* waits while gap bars are returned */
	int have_held, held_from;
	int prev_from;		/* the file of the last bar returned */
	int64_t gap_next, gap_end;
};

static int
cmp_src(const void *a, const void *b)
{
	const struct msrc *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->index - y->index;
}

static int
same_market(const struct liq_bars_info *a, const struct liq_bars_info *b)
{
	return liq__same_market(a, b) && a->interval_ms == b->interval_ms;
}

/* Open s and read its first bar into head: 1, 0 for no bars, < 0. */
static int
src_open(struct liq_bars_merge *m, struct msrc *s, struct liq_bars_info *info,
    struct liq_error *e)
{
	int rc;

	if ((rc = liq_bars_reader_open(&s->r, s->path, e)) != 0)
		return rc;
	liq_bars_reader_prefer(s->r, m->prefer);
	if (info != NULL)
		*info = *liq_bars_reader_info(s->r);
	if ((rc = liq_bars_read(s->r, &s->head, e)) <= 0) {
		liq_bars_reader_close(s->r);
		s->r = NULL;
		s->done = 1;
	}
	return rc;
}

int
liq_bars_merge_open(struct liq_bars_merge **mp, const char *const *paths,
    int n, int prefer, struct liq_error *e)
{
	struct liq_bars_merge *m;
	int i, rc, k = 0;

	*mp = NULL;
	if (n < 1)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "no bars files to merge");
	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->src = calloc((size_t)n, sizeof(*m->src))) == NULL) {
		free(m);
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	}
	m->prefer = prefer;
	m->last = INT64_MIN;
	m->prev_from = -1;
	m->gap_end = INT64_MIN;
	liq__seams_init(&m->seams);
	m->seams.members = (uint64_t)n;
	for (i = 0; i < n; i++) {
		struct msrc *s = &m->src[k];
		struct liq_bars_info info;
		struct stat st;
		const char *p = paths[i] ? paths[i] : "-";

		memset(s, 0, sizeof(*s));
		s->path = s->name = p;
		s->index = i;
		s->regular = strcmp(p, "-") != 0 && stat(p, &st) == 0 &&
		    S_ISREG(st.st_mode);
		if ((rc = src_open(m, s, &info, e)) < 0)
			goto fail;
		if (i == 0)
			m->info = info;
		else if (!same_market(&m->info, &info)) {
			char a[32], b[32];

			rc = liq_error_set(e, LIQ_EDATA, p, 0, NULL, NULL, 0,
			    "another market (%s %s %s, %s bars) than %s (%s %s "
			    "%s, %s bars)", info.venue, info.symbol,
			    liq_market_name(info.market), liq_duration_format(
			    info.interval_ms, a, sizeof(a)), paths[0],
			    m->info.venue, m->info.symbol,
			    liq_market_name(m->info.market),
			    liq_duration_format(m->info.interval_ms, b,
			    sizeof(b)));
			goto fail;
		}
		if (rc == 0)
			continue;	/* no bars: nothing to merge */
		s->info = info;
		s->first = s->head.time_ms;
		if (s->regular) {	/* opened again when reached */
			liq_bars_reader_close(s->r);
			s->r = NULL;
		}
		k++;
	}
	m->n = k;
	qsort(m->src, (size_t)k, sizeof(*m->src), cmp_src);
	if (k > 0)	/* the metadata of the earliest file */
		m->info = m->src[0].info;
	m->info.first_ms = m->info.last_ms = INT64_MIN;
	m->info.nbars = 0;
	*mp = m;
	return 0;
fail:
	m->n = k + (k < n);	/* the slots filled, and the one that failed */
	liq_bars_merge_close(m);
	return rc;
}

int
liq_bars_merge_open_input(struct liq_bars_merge **mp, struct liq_input *in,
    int prefer, struct liq_error *e)
{
	struct liq_bars_merge *m;
	struct msrc *s;
	int rc;

	*mp = NULL;
	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->src = calloc(1, sizeof(*m->src))) == NULL) {
		free(m);
		liq_input_close(in);
		return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
		    "out of memory");
	}
	m->prefer = prefer;
	m->last = INT64_MIN;
	m->gap_end = INT64_MIN;
	m->prev_from = -1;
	liq__seams_init(&m->seams);
	m->seams.members = 1;
	s = &m->src[0];
	s->path = s->name = liq_input_name(in);
	if ((rc = liq_bars_reader_open_input(&s->r, in, e)) != 0) {
		free(m->src);
		free(m);
		return rc;
	}
	liq_bars_reader_prefer(s->r, prefer);
	m->info = s->info = *liq_bars_reader_info(s->r);
	m->n = 1;
	if ((rc = liq_bars_read(s->r, &s->head, e)) < 0) {
		liq_bars_merge_close(m);
		return rc;
	}
	if (rc == 0) {
		liq_bars_reader_close(s->r);
		s->r = NULL;
		s->done = 1;
		m->n = 0;
	} else
		s->first = s->head.time_ms;
	m->info.first_ms = m->info.last_ms = INT64_MIN;
	m->info.nbars = 0;
	*mp = m;
	return 0;
}

void
liq_bars_merge_names(struct liq_bars_merge *m, const char *const *names)
{
	for (int i = 0; i < m->n; i++)
		if (names[m->src[i].index] != NULL)
			m->src[i].name = names[m->src[i].index];
}

const struct liq_bars_info *
liq_bars_merge_info(const struct liq_bars_merge *m)
{
	return &m->info;
}

void
liq_bars_merge_seams(const struct liq_bars_merge *m, struct liq_bars_seams *s)
{
	*s = m->seams;
}

/* Advance s past its head; at its end, count how its members joined. */
static int
src_advance(struct liq_bars_merge *m, struct msrc *s, struct liq_error *e)
{
	int rc = liq_bars_read(s->r, &s->head, e);

	if (rc == 0) {
		struct liq_bars_seams x;

		/* (the holes between its members are the merge's to fill and
		 * count) */
		liq_bars_reader_seams(s->r, &x);
		m->seams.equal += x.equal;
		m->seams.merged += x.merged;
		m->seams.preferred += x.preferred;
	}
	if (rc <= 0) {
		liq_bars_reader_close(s->r);
		s->r = NULL;
		s->done = 1;
	}
	return rc < 0 ? rc : 0;
}

/* Hand b (from the file of index from; -1: a gap bar) to the caller. */
static int
give(struct liq_bars_merge *m, const struct liq_bar *b, int from,
    struct liq_bar *out)
{
	*out = *b;
	/* past a seam (another file, a member, a hole), a file's leading
	 * bars without trades carry the close of the bars before, as one
	 * run over all the files makes them (within a file that was made by
	 * one run, an unpriced bar never follows a priced one) */
	if (m->nout > 0)
		liq__carry_close(&m->prev, out);
	if (from >= 0)
		m->prev_from = from;
	m->prev = *out;
	m->last = b->time_ms;
	if (m->nout == 0)
		m->info.first_ms = b->time_ms;
	m->info.last_ms = b->time_ms;
	m->nout++;
	return 1;
}

/*
 * Join the heads of time t into *acc and advance their sources.  The
 * samples of unpriced heads are first joined into each priced one (by the
 * files' time order, so a file's leading bar updates the bar it belongs
 * to), then the priced ones are joined with each other (prefer counting
 * in command-line order); with no priced head the unpriced are joined.
 */
static int
join_heads(struct liq_bars_merge *m, int64_t t, struct liq_bar *acc,
    int *from, struct liq_error *e)
{
	struct liq_bar tmp;
	char why[160], tb[40];
	int i, j, rc, k0 = -1, kw = -1, any_priced = 0;

	for (i = 0; i < m->next; i++) {
		struct msrc *s = &m->src[i];

		if (!s->done && s->head.time_ms == t &&
		    (s->head.flags & LIQ_BAR_PRICE))
			any_priced = 1;
	}
	for (i = 0; i < m->next; i++) {
		struct msrc *s = &m->src[i];
		struct liq_bar b;
		int pf;

		if (s->done || s->head.time_ms != t)
			continue;
		b = s->head;
		if (any_priced) {
			if (!(b.flags & LIQ_BAR_PRICE))
				continue;
			for (j = 0; j < m->next; j++) {
				const struct msrc *u = &m->src[j];

				if (u->done || u->head.time_ms != t ||
				    (u->head.flags & LIQ_BAR_PRICE))
					continue;
				rc = j < i ? liq_bars_join(&u->head, &b,
				    LIQ_PREFER_NONE, &tmp, NULL, 0) :
				    liq_bars_join(&b, &u->head, LIQ_PREFER_NONE,
				    &tmp, NULL, 0);
				liq__seams_count(&m->seams, rc);
				b = tmp;
			}
		}
		if (k0 < 0) {
			k0 = kw = i;
			*acc = b;
			continue;
		}
		/* prefer first/last by the command line's order, against the
		 * file whose bar is taken so far */
		pf = m->prefer;
		if (s->index < m->src[kw].index && pf != LIQ_PREFER_NONE)
			pf = pf == LIQ_PREFER_FIRST ? LIQ_PREFER_LAST :
			    LIQ_PREFER_FIRST;
		rc = liq_bars_join(acc, &b, pf, &tmp, why, sizeof(why));
		if (rc == LIQ_JOIN_LAST)
			kw = i;		/* s's bar is taken */
		if (rc == LIQ_JOIN_DIFFER)
			return liq_error_set(e, LIQ_EDATA, s->name, 0, NULL,
			    NULL, 0, "the bar at %s differs from %s's (%s): "
			    "give --prefer first or last to say which to take",
			    liq_time_format(t, tb, sizeof(tb)),
			    m->src[kw].name, why);
		liq__seams_count(&m->seams, rc);
		*acc = tmp;
	}
	*from = kw >= 0 ? m->src[kw].index : -1;
	for (i = 0; i < m->next; i++) {
		struct msrc *s = &m->src[i];

		if (!s->done && s->head.time_ms == t &&
		    (rc = src_advance(m, s, e)) < 0)
			return rc;
	}
	return 0;
}

int
liq_bars_merge_read(struct liq_bars_merge *m, struct liq_bar *b,
    struct liq_error *e)
{
	struct liq_bar acc;
	int i, rc, from = -1;
	int64_t t = INT64_MAX, iv = m->info.interval_ms;

	if (m->gap_next <= m->gap_end) {
		liq__gap_bar(&m->prev, m->gap_next, &acc);
		m->gap_next += iv;
		return give(m, &acc, -1, b);
	}
	if (m->have_held) {
		m->have_held = 0;
		return give(m, &m->held, m->held_from, b);
	}
	for (;;) {
		/* the earliest head among the open sources */
		t = INT64_MAX;
		for (i = 0; i < m->next; i++)
			if (!m->src[i].done && m->src[i].head.time_ms < t)
				t = m->src[i].head.time_ms;
		if (m->next < m->n && m->src[m->next].first <= t) {
			struct msrc *s = &m->src[m->next++];

			if (s->r == NULL) {
				if ((rc = src_open(m, s, NULL, e)) < 0)
					return rc;
				if (rc == 0 || s->head.time_ms != s->first)
					return liq_error_set(e, LIQ_EDATA,
					    s->name, 0, NULL, NULL, 0, "the file "
					    "changed while it was read");
			}
			continue;
		}
		break;
	}
	if (t == INT64_MAX) {
		m->info.nbars = m->nout;
		return 0;
	}
	if ((rc = join_heads(m, t, &acc, &from, e)) != 0)
		return rc;
	if (m->nout > 0 && t - m->last > LIQ_MAX_HOLE_MS) {
		char a[40], c[40];

		return liq_error_set(e, LIQ_EDATA, NULL, 0, NULL, NULL, 0,
		    "a hole from %s to %s between files, longer than 31 "
		    "days: estimate the two spans apart",
		    liq_time_format(m->last, a, sizeof(a)),
		    liq_time_format(t, c, sizeof(c)));
	}
	if (m->nout > 0 && t - m->last > iv && (m->prev.flags & LIQ_BAR_PRICE)) {
		liq__seams_gap(&m->seams, m->last + iv, t, iv);
		m->held = acc;
		m->held_from = from;
		m->have_held = 1;
		m->gap_next = m->last + iv;
		m->gap_end = t - iv;
		liq__gap_bar(&m->prev, m->gap_next, &acc);
		m->gap_next += iv;
		from = -1;
	}
	return give(m, &acc, from, b);
}

void
liq_bars_merge_close(struct liq_bars_merge *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < m->n; i++)
		liq_bars_reader_close(m->src[i].r);
	free(m->src);
	free(m);
}
