/*
 * dialect_int.h - the contract between the ingest core and the exchange
 * dialects.  Private to lib/.
 *
 * A dialect is one kind of exchange dump: Binance's aggTrades, a Bybit
 * trading dump, a vendor's bar CSV.  Each lives in one file under
 * lib/dialect/ (a venue's kinds share a file) as a const struct
 * liq_dialect, and lib/dialect/registry.c lists them all.  The core
 * (lib/dialect.c: recognition; lib/rows.c: the row driver; lib/ingest.c:
 * the run) asks the table and never names a venue.
 *
 * Adding a dialect: write lib/dialect/NAME.c with its struct, add it to
 * the table in lib/dialect/registry.c (at the end: a kind's number is its
 * place in the table).  Columns no dialect had before need a logical
 * field (F_*) in lib/ingest_int.h.
 */
#ifndef LIQ_DIALECT_INT_H
#define LIQ_DIALECT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ingest_int.h"

/*
 * One column of a dialect: its logical field (F_*), its name in the
 * header, and whether a header must have it.  Without a header the
 * columns are in the spec's order.  Ends with { -1, NULL, 0 }.
 */
struct liq_colspec {
	int field;
	const char *name;
	int required;
};

/* struct liq_dialect.flags */
enum {
	/* A header no dialect knows is this one when the run has a --map
	 * (vendor bar CSVs); its columns hook reads the map. */
	LIQ_DIALECT_MAPPED = 1 << 0,
	/* Rows carry a symbol: rows of other symbols are skipped, and a
	 * file with no row of the run's symbol is an error. */
	LIQ_DIALECT_SYMBOLS = 1 << 1,
	/* Files of single trades that make 1-minute bars unless --interval
	 * says otherwise, whatever the rows of other files are. */
	LIQ_DIALECT_MINUTE = 1 << 2
};

/*
 * A dialect.  Hooks may be NULL where said.  While a file is sniffed its
 * src has d, kind, path, the name's hints (market_hint, symbol,
 * name_from/name_to) and, in s->f, the line the hook is about.
 */
struct liq_dialect {
	const char *name;	/* liq_kind_name: "aggTrades", "Bybit trades" */
	/*
	 * The venue as bars files name it ("binance"), copied to each file
	 * sniffed; NULL when the rows say (Tardis: the exchange column) or
	 * the user does (vendor files: --vendor-venue).  The run's venue
	 * picks terms and margin below: the first dialect of the table with
	 * that venue answers.
	 */
	const char *venue;
	int margin;		/* LIQ_MARGIN_* of the venue's engine */
	unsigned flags;		/* LIQ_DIALECT_* */
	int provides;		/* LIQ_DATA_* of its rows (columns may say) */
	/*
	 * LIQ_COV_* (lib/agg_int.h): the data a file holds all of over its
	 * span (a day's trades: all its volume; a dated liquidations file
	 * without rows: none that day), or -1.
	 */
	int cover;
	/*
	 * Non-NULL: a file holds every symbol, so the run needs --symbol
	 * and this is the message that says so; the symbol is never taken
	 * from its rows.
	 */
	const char *all_symbols;
	const struct liq_colspec *cols;

	/* --- recognition (lib/dialect.c calls these in table order) --- */
	/*
	 * Header columns that alone say a file is this dialect (NULL
	 * terminated; may be NULL).  The first column of a header that is
	 * any dialect's marker decides.
	 */
	const char *const *markers;
	/* A header without any marker column: is it this dialect? */
	int (*header)(const struct liq_fields *h);
	/* A header-less first row (f: its fields): is it this dialect? */
	int (*shape)(const struct liq_fields *f);
	/*
	 * Map the columns (NULL: liq__map_columns with cols).  s->f holds
	 * the header, or the first row when !s->has_header; line[0..len)
	 * is that line, for messages; map is --map (NULL: none).  Returns 0
	 * or a negative code with e set.
	 */
	int (*columns)(struct src *s, const char *line, size_t len,
	    const char *map, struct liq_error *e);
	/*
	 * The first data row is in s->f with the columns another dialect
	 * mapped: return 1 to take the file over (keeping that column map),
	 * as BitMEX does Bybit's layout when its times are text.
	 */
	int (*claim)(const struct src *s);
	/*
	 * The head is read: s->f holds the first data row when s->first_ts
	 * is not INT64_MIN (the time unit, venue and symbol are then set).
	 * Learn the rest (row interval, venue from the rows, market hints);
	 * may read further lines with liq__src_line.  Returns 0 or a
	 * negative code.  May be NULL.
	 */
	int (*head)(struct src *s, struct liq_error *e);
	/*
	 * The file name, without folders and .csv/.gz/.zip (the full path
	 * is s->path): set the hints it gives and return the dialect it
	 * names (NULL: none).  Every distinct one is called on every file
	 * (stdin has no name); at most one should name a dialect.  May be
	 * NULL.
	 */
	const struct liq_dialect *(*name_parse)(struct src *s,
	    const char *base);

	/* --- the run --- */
	/*
	 * Contract terms of symbol on venue (man/liq-model.7, CONTRACT
	 * TERMS): *market LIQ_MARKET_* (-1: not known) and *cs, base units
	 * (linear) or quote units (inverse) per contract (0: not known, the
	 * core's defaults apply).  hint is the files' market (-1: none),
	 * given_cs --contract-size (0: none).  Returns 0, or LIQ_EARG with
	 * e set when the venue cannot do without a size the user did not
	 * give.  NULL: the first dialect's (Binance's) rules.
	 */
	int (*terms)(const char *venue, const char *symbol, int hint,
	    double given_cs, int *market, double *cs, struct liq_error *e);
	/*
	 * One row through the general path: s->f holds its fields, l[0..n)
	 * the line, t its time (already checked against limit).  Returns 0
	 * (applied or skipped) or a negative code (lib/rows_int.h:
	 * liq__row_err, liq__fld_err).
	 */
	int (*row)(struct src *s, struct ctx *c, int64_t t, const char *l,
	    size_t n, struct liq_error *e);
	/*
	 * Optional fused block parser, used when fused_ok(s) (NULL: always)
	 * says the file's layout is the one it knows: takes whole rows from
	 * *p (at a line start; the block ends at end and has slack after
	 * it) while it can, counting s->line, and returns how many.  It
	 * stops, *p at the row and s->line not counting it, at a row it does
	 * not take (the general path reads it), at a row past limit (*pause
	 * set, s->next_ts its time), or when applying a row fails (*rc set).
	 */
	int (*fused_ok)(const struct src *s);
	uint64_t (*fused)(struct src *s, struct ctx *c, const char **p,
	    const char *end, int64_t limit, int *pause, int *rc,
	    struct liq_error *e);
};

/* lib/dialect/registry.c: every dialect, NULL terminated; entry i is
 * kind i + 1 (the LIQ_KIND_* of liq.h for the built-in ones). */
extern const struct liq_dialect *const liq__dialects[];

/* lib/dialect.c */

/* The first dialect whose venue is venue; the first of the table
 * (Binance's, whose rules are the default) when none is. */
const struct liq_dialect *liq__dialect_of_venue(const char *venue);

/*
 * Run every dialect's name parser on s->path (not stdin): market hint,
 * symbol and date span.  Returns the dialect the name gives, or NULL.
 */
const struct liq_dialect *liq__parse_name(struct src *s);

/*
 * After liq__sniff of a zip: check the member's name against the file's
 * (*named: the dialect the file name gives, NULL none; set from the member
 * when the file name gives none).  Returns 0 or LIQ_EFORMAT naming both.
 */
int liq__member_name(struct src *s, const struct liq_dialect **named,
    const char *member, struct liq_error *e);

/*
 * Read the head of s (its input is open): header or not, dialect,
 * columns, time unit, row interval, symbol and first time.  Leaves the
 * input at its start (line 0) so liq__src_run reads every line again.
 */
int liq__sniff(struct src *s, const char *map, struct liq_error *e);

/*
 * Columns by spec sp: by header name when s->has_header (s->f the header;
 * an error names the first required column missing, line/len the
 * header), else by position.  Sets the column names messages use.
 */
int liq__map_columns(struct src *s, const struct liq_colspec *sp,
    const char *line, size_t len, struct liq_error *e);

/* Forget every column, then name the fields of sp. */
void liq__set_names(struct src *s, const struct liq_colspec *sp);

/* Text that liq_parse_time reads as a date (not epoch digits). */
int liq__looks_time_text(const char *p, size_t n);

/* "true" or "false", any case. */
int liq__looks_bool(const char *p, size_t n);

/*
 * The next line of s during sniffing (its '\n' and a '\r' before it
 * dropped): 1 with *lp, *ll, 0 at the end, or a negative code.
 */
int liq__src_line(struct src *s, const char **lp, size_t *ll,
    struct liq_error *e);

#endif
