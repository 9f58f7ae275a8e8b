/*
 * ledger.c - liq-estimate --ledger: after each column, one record per
 * side of what happened to the model's positions so far (open, opened,
 * touched, closed, decayed; quote notional), through record.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

static const char *const ledger_fields[] = { "time", "side", "open_usd",
	"opened_usd", "touched_usd", "closed_usd", "decayed_usd", NULL };

void
ledger_start(struct rec *r, FILE *f, const struct liq_csv_style *s)
{
	rec_init(r, f, 0, ledger_fields, s);
	rec_header(r);
}

int
ledger_row(struct rec *r, const struct liq_estimate *est,
    const struct liq_grid_column *c, struct liq_error *e)
{
	if (r->f == NULL)
		return 0;
	for (int side = 1; side >= -1; side -= 2) {
		struct liq_estimate_ledger l;

		liq_estimate_ledger(est, side, &l);
		rec_time(r, c->time_ms);
		rec_str(r, side > 0 ? "long" : "short");
		rec_usd(r, l.open);
		rec_usd(r, l.opened);
		rec_usd(r, l.touched);
		rec_usd(r, l.closed);
		rec_usd(r, l.decayed);
		rec_end(r);
	}
	if (ferror(r->f)) {
		int se = errno;

		liq_error_set(e, LIQ_EIO, out_name(r->f), 0, NULL, NULL, 0,
		    "write error (--ledger)");
		e->sys_errno = se;
		return e->code;
	}
	return 0;
}
