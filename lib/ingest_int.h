/*
 * ingest_int.h - input files of an ingest run: what each holds (dialect,
 * columns, time unit, first time) and where its reader is, the run's
 * market and what a row handler sees of the run.  Private to lib/.
 */
#ifndef LIQ_INGEST_INT_H
#define LIQ_INGEST_INT_H

#include "agg_int.h"
#include "csv_int.h"
#include "liq.h"

/*
 * Logical columns: a dialect's column spec (lib/dialect_int.h) finds each
 * by header name or fixed position; row handlers read them by these.
 */
enum {
	F_TIME, F_ID, F_PRICE, F_QTY, F_FIRST, F_LAST, F_MAKER, F_BEST,
	F_QUOTE_QTY, F_OPEN, F_HIGH, F_LOW, F_CLOSE, F_VOLUME, F_CLOSE_TIME,
	F_QUOTE_VOL, F_COUNT, F_TB_VOL, F_TB_QUOTE, F_IGNORE, F_SYMBOL,
	F_OI, F_OI_VALUE, F_TOP_COUNT, F_TOP_RATIO, F_LS_RATIO, F_TAKER_RATIO,
	F_FUND_HOURS, F_FUND_RATE, F_SIDE, F_ORDER_TYPE, F_TIF, F_ORIG_QTY,
	F_AVG_PRICE, F_STATUS, F_LAST_FILL, F_FILLED_QTY,
	/* vendor bar CSVs (--map) */
	F_BUY_BASE, F_SELL_BASE, F_BUY_QUOTE, F_SELL_QUOTE, F_VOL_BASE,
	F_VOL_QUOTE, F_TRADES, F_OI_BASE, F_OI_QUOTE, F_FUNDING, F_LIQ_LONG,
	F_LIQ_SHORT, F_LIQ_LONG_N, F_LIQ_SHORT_N,
	/* Bybit, BitMEX, OKX, Tardis */
	F_TICKDIR, F_MATCHID, F_GROSS, F_HOME, F_FOREIGN, F_RPI, F_EXCHANGE,
	F_LOCAL_TS, F_FUND_TS, F_PRED_FUND, F_OPEN_INT, F_LAST_PRICE,
	F_INDEX_PRICE, F_MARK_PRICE,
	NFIELD
};

enum { S_NEW, S_OPEN, S_DONE };

/*
 * Classes of data (struct liq_dialect.provides): two sources open at the
 * same time must not give the same class.
 */
enum {
	LIQ_DATA_PRICE = 1,	/* prices and volumes */
	LIQ_DATA_OI = 2,	/* open interest */
	LIQ_DATA_FUND = 4,	/* funding */
	LIQ_DATA_LIQ = 8	/* liquidations */
};

struct liq_dialect;

#define DEDUP 1024

struct src {
	char path[512];
	const struct liq_dialect *d;	/* its dialect (lib/dialect_int.h) */
	int kind;		/* LIQ_KIND_* of d */
	int provides;		/* LIQ_DATA_* its rows give */
	int market_hint;	/* -1 none */
	char symbol[LIQ_SYMBOL_MAX];
	char venue[LIQ_SYMBOL_MAX];	/* "" : not known from this file */
	int has_header;
	int ncols;
	int64_t tdiv;		/* raw time / tdiv = ms */
	int col[NFIELD];	/* column of each logical field, -1 absent */
	const char *colname[NFIELD];
	int fast;		/* d's fused block parser may take its rows */
	uint64_t matched;	/* rows of the run's symbol */
	int64_t first_ts;	/* INT64_MIN: no rows */
	int64_t name_from, name_to;	/* the file name's date, or MIN */
	int64_t row_interval;	/* klines and vendor rows */
	int funding_unit;	/* vendor: LIQ_FUNDING_* asked for */
	double funding_div;	/* vendor: funding read / this; 0 as 1 */
	char note[256];		/* a warning for the user, or "" */
	/* streaming */
	struct liq_input *in;
	const char *blk;
	size_t blen, bpos;
	int64_t line;
	int nblk;		/* blocks read */
	int state;
	int64_t next_ts;
	int64_t last_ts;
	int cov[2];		/* coverage entries, -1 none */
	struct liq_fields f;
	uint64_t dd_hash[DEDUP];
	int64_t dd_ts[DEDUP];
	int dd_pos;
	/* aggTrades: the last IDRING rows by id, to tell a repeat */
	struct idseen *ids;	/* NULL until the first row */
	int64_t id_max;		/* the highest id read */
	int ids_off;		/* ids jumped forward: not checked */
};

/* An aggTrades row read: its id and a hash of its values. */
struct idseen {
	int64_t id;
	uint64_t h;
};
#define IDRING	(1 << 17)

/* The run's market rules, shared by all sources. */
struct mkt {
	char symbol[LIQ_SYMBOL_MAX];	/* rows of other symbols are skipped */
	size_t symbol_len;
	int market;
	double cs;		/* contract size */
	int64_t cs_mant;	/* exact contract size, cs_scale -1 if none */
	int cs_scale;
	int cs_one;		/* linear with contract size 1 */
};

/* A row handler's view of the run. */
struct ctx {
	struct liq_agg *agg;
	const struct mkt *mkt;
	int skip_bad;
	int64_t max_gap;	/* --max-gap, ms */
	int sym_plain;		/* mkt->symbol has no ',', '"', CR or LF */
	uint64_t fused;		/* rows the fused parsers took */
	uint64_t nbad;
	struct liq_error bad[LIQ_MAX_BAD_KEPT];
	uint64_t rows;
	int64_t last_pm;	/* the last price seen, parsed */
	int last_ps;
	double last_px;
	uint64_t reported;
	uint64_t repeats;	/* exact repeats dropped */
	const char *repeat_file;	/* the first file with one */
	const char *file;
	void (*progress)(void *arg, const char *file, uint64_t rows);
	void *progress_arg;
};

/*
 * rows.c: process rows of s while their time is <= limit.  Returns 1 when
 * paused (s->next_ts is the next row's time), 0 at the end of the file, or
 * a negative code.
 */
int liq__src_run(struct src *s, struct ctx *c, int64_t limit,
    struct liq_error *e);

#endif
