/*
 * pick.c - which columns of a grid a program takes: the one that holds an
 * instant (--at), one per interval (--every: each column whose span holds
 * a multiple of it), or, with neither, the last column, kept until the end
 * of the grid.
 */
#define _GNU_SOURCE
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

/* Floor division for the --every grid of instants (times may be < 0). */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static void
span_error(const struct pick *p, uint64_t ncols)
{
	char t0[40], t1[40];

	out_abort_all();
	if (ncols == 0)
		errx(1, "%s: --at %s: the grid has no columns", p->name,
		    p->at_arg);
	liq_time_format(p->g->start_ms, t0, sizeof(t0));
	liq_time_format(p->g->start_ms + (int64_t)ncols * p->g->step_ms, t1,
	    sizeof(t1));
	errx(1, "%s: --at %s: outside the grid's span (%s to %s)", p->name,
	    p->at_arg, t0, t1);
}

void
pick_start(struct pick *p, const struct liq_grid_info *g, const char *name)
{
	p->g = g;
	p->name = name;
	p->ncols = 0;
	p->found = 0;
	p->cells = NULL;
	if (p->at_arg != NULL && g->ncols != 0 && (p->at_ms < g->start_ms ||
	    (p->at_ms - g->start_ms) / g->step_ms >= (int64_t)g->ncols))
		span_error(p, g->ncols);
	if (p->at_arg == NULL && p->every_ms == 0 &&
	    (p->cells = malloc(2 * sizeof(float) * g->nbins)) == NULL)
		err(1, NULL);
}

int
pick_column(struct pick *p, const struct liq_grid_column *c)
{
	uint32_t nb = p->g->nbins;
	int take;

	p->ncols++;
	if (p->every_ms != 0) {
		/* the column's span holds a multiple of --every */
		int64_t m = (floor_div(c->time_ms - 1, p->every_ms) + 1) *
		    p->every_ms;

		take = m < c->time_ms + p->g->step_ms;
	} else if (p->at_arg != NULL)
		take = p->at_ms >= c->time_ms &&
		    p->at_ms - c->time_ms < p->g->step_ms;
	else {
		memcpy(p->cells, c->long_usd, sizeof(float) * nb);
		memcpy(p->cells + nb, c->short_usd, sizeof(float) * nb);
		p->last = *c;
		memset(p->last.layer, 0, sizeof(p->last.layer));
		p->last.long_usd = p->cells;
		p->last.short_usd = p->cells + nb;
		take = 0;
	}
	p->found |= take;
	return take;
}

const struct liq_grid_column *
pick_last(const struct pick *p)
{
	return p->cells != NULL && p->ncols > 0 ? &p->last : NULL;
}

void
pick_end(struct pick *p)
{
	if (p->at_arg != NULL && !p->found)
		span_error(p, p->ncols);
	if (p->at_arg == NULL && p->every_ms == 0 && p->ncols == 0) {
		out_abort_all();
		errx(1, "%s: the grid has no columns", p->name);
	}
	free(p->cells);
	p->cells = NULL;
}
