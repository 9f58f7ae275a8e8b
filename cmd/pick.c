/*
 * pick.c - which snapshots of a grid a program takes.  Column k of a grid
 * covers [start + k*step, start + (k+1)*step) and its cells are the book
 * at its end, so its snapshot time is that end (the data's end, the
 * grid's data_to, when the data stop inside the last column).  --every
 * takes the snapshots whose time is a multiple of it; --at the latest
 * snapshot at or before it (never a book taken after it), kept until the
 * end of the grid; with neither, the last snapshot, kept likewise.
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

/* The snapshot time of the column opened at open_ms: its end, or the
 * data's end when that comes first (a last column the data stop inside,
 * or one --to left without a whole bar). */
static int64_t
snap_of(const struct pick *p, int64_t open_ms)
{
	int64_t end = open_ms + p->g->step_ms;

	return p->data_to_ms < end ? p->data_to_ms : end;
}

int64_t
pick_time(const struct pick *p, const struct liq_grid_column *c)
{
	return snap_of(p, c->time_ms);
}

/* Exit 1 when --at is before first or more than a step after last. */
static void
at_check(const struct pick *p, int64_t first, int64_t last)
{
	char t[40], d[40];

	if (p->at_ms < first) {
		out_abort_all();
		errx(1, "%s: --at %s: before the first snapshot (%s)",
		    p->name, p->at_arg, liq_time_format(first, t, sizeof(t)));
	}
	if (p->at_ms - last > p->g->step_ms) {
		out_abort_all();
		errx(1, "%s: --at %s: more than one step (%s) after the last "
		    "snapshot (%s): the data are stale", p->name, p->at_arg,
		    liq_duration_format(p->g->step_ms, d, sizeof(d)),
		    liq_time_format(last, t, sizeof(t)));
	}
}

void
pick_start(struct pick *p, const struct liq_grid_info *g, const char *name)
{
	char buf[64], d[40];

	p->g = g;
	p->name = name;
	p->ncols = 0;
	p->kept = 0;
	p->cells = NULL;
	p->data_to_ms = INT64_MAX;
	if (liq_grid_param(g, "data_to", buf, sizeof(buf)) != NULL &&
	    liq_parse_time(buf, strlen(buf), &p->data_to_ms) != 0)
		errx(1, "%s: data_to=%s in the grid's parameters: not a time",
		    name, buf);
	if (p->every_ms != 0 && p->every_ms % g->step_ms != 0)
		errx(2, "--every %s: not a multiple of the grid's step (%s)",
		    p->every_arg, liq_duration_format(g->step_ms, d,
		    sizeof(d)));
	if (p->at_arg != NULL && g->ncols != 0)
		at_check(p, snap_of(p, g->start_ms), snap_of(p, g->start_ms +
		    (int64_t)(g->ncols - 1) * g->step_ms));
	if (p->every_ms == 0 && (p->cells = malloc(sizeof(float) *
	    g->nbins * (2 + (p->layers ? g->nlayers : 0)))) == NULL)
		err(1, NULL);
}

int
pick_column(struct pick *p, const struct liq_grid_column *c)
{
	uint32_t nb = p->g->nbins;
	int64_t t = pick_time(p, c), prev = p->final_ms;

	if (p->ncols++ == 0) {
		p->first_ms = t;
		prev = INT64_MIN;
	}
	p->final_ms = t;
	if (p->every_ms != 0)	/* a snapshot once, at a multiple */
		return t % p->every_ms == 0 && t != prev;
	if (p->at_arg != NULL && t > p->at_ms)
		return 0;
	memcpy(p->cells, c->long_usd, sizeof(float) * nb);
	memcpy(p->cells + nb, c->short_usd, sizeof(float) * nb);
	p->last = *c;
	memset(p->last.layer, 0, sizeof(p->last.layer));
	p->last.long_usd = p->cells;
	p->last.short_usd = p->cells + nb;
	for (uint32_t l = 0; p->layers && l < p->g->nlayers; l++) {
		p->last.layer[l] = p->cells + (size_t)(2 + l) * nb;
		memcpy(p->last.layer[l], c->layer[l], sizeof(float) * nb);
	}
	p->last_ms = t;
	p->kept = 1;
	return 0;
}

const struct liq_grid_column *
pick_last(const struct pick *p, int64_t *snap_ms)
{
	if (p->every_ms != 0)
		return NULL;
	if (p->ncols == 0) {
		out_abort_all();
		if (p->at_arg != NULL)
			errx(1, "%s: --at %s: the grid has no columns", p->name,
			    p->at_arg);
		errx(1, "%s: the grid has no columns", p->name);
	}
	if (p->at_arg != NULL)
		at_check(p, p->first_ms, p->final_ms);
	*snap_ms = p->last_ms;
	return p->kept ? &p->last : NULL;
}

void
pick_end(struct pick *p)
{
	free(p->cells);
	p->cells = NULL;
}
