/*
 * events_int.h - the events reader's state, shared by its CSV part
 * (lib/events.c) and its JSON part (lib/events_json.c).  Private to lib/.
 */
#ifndef LIQ_EVENTS_INT_H
#define LIQ_EVENTS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "csv_int.h"
#include "liq_events.h"

/* Logical columns of an event row. */
enum {
	C_TIME, C_SIDE, C_PRICE, C_QTY, C_NOTIONAL, C_SYMBOL,
	C_EXCH,		/* Tardis: the venue */
	C_FILLED,	/* Binance: the filled quantity (else C_QTY) */
	C_AVG,		/* Binance: the average fill price (else C_PRICE) */
	NCOL
};

/* A parsed spec (lib/liq_events.h). */
struct ev_spec {
	int fmt;			/* LIQ_EVFMT_* asked for */
	char col[NCOL][64];		/* map: column names, "" none */
	char long_v[32], short_v[32];	/* map: side values, "" none */
	double contract;		/* > 0: quote per contract */
	int price_kind;			/* LIQ_EVPRICE_*, -1: by format */
};

struct liq_events {
	struct liq_event *ev;
	size_t n, cap;
	int fmt;
	int price_kind;
	char symbol[LIQ_SYMBOL_MAX];
	char venue[LIQ_SYMBOL_MAX];
	uint64_t repeats;
};

struct ev_reader {
	char path[512];
	struct liq_events *ev;
	int64_t line;
	struct liq_fields f;
	int col[NCOL];			/* field index, -1 absent */
	const char *cname[NCOL];	/* the column's name in messages */
	int ncols;
	int json;			/* forceOrder JSON lines */
	char long_v[32], short_v[32];	/* side words */
	double contract;		/* > 0: quote per contract */
	int have_symbol, have_venue;
	char *header;			/* the header line (CSV) */
	size_t header_len, header_cap;
	int dedup;			/* drop exact repeats (Binance) */
	uint64_t ring_h[1024];
	int64_t ring_t[1024];
	int ring_pos;
};

int liq__events_spec(struct ev_spec *sp, const char *spec,
    struct liq_error *e);

/* Field checks of one row; c is the C_* column messages name. */
int liq__ev_err(struct ev_reader *r, struct liq_error *e, int c,
    const char *text, size_t n, const char *msg);
int liq__ev_time(struct ev_reader *r, int c, const char *p, size_t n,
    int64_t *ms, struct liq_error *e);
int liq__ev_pos(struct ev_reader *r, int c, const char *p, size_t n,
    double min, double max, double *out, struct liq_error *e);
int liq__ev_side(struct ev_reader *r, int c, const char *p, size_t n,
    int *side, struct liq_error *e);
int liq__ev_symbol(struct ev_reader *r, int c, const char *p, size_t n,
    struct liq_error *e);
/* Add an event (qty or notional may be NaN, not both). */
int liq__ev_add(struct ev_reader *r, int64_t t, int side, double px,
    double qty, double notional, struct liq_error *e);

/* The plausible ranges of prices and quantities. */
#define LIQ_EV_PRICE_MIN	1e-8
#define LIQ_EV_PRICE_MAX	1e9
#define LIQ_EV_QTY_MAX		1e12

/* Quote currency per contract of a Binance COIN-M symbol, else 0. */
double liq__coinm_contract(const char *sym);

/* events_json.c: one forceOrder JSON line. */
int liq__ev_json_row(struct ev_reader *r, const char *l, size_t n,
    struct liq_error *e);

#endif
