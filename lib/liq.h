/*
 * liq.h - the liq library: exchange dumps in, time bars out.
 *
 * This header is the manual of libliq.a.  Every function returns 0 (or a
 * documented non-negative value) on success and a negative LIQ_E* code on
 * failure; on failure the struct liq_error the caller passed in says what
 * went wrong and where (file, line, field, offending text).  The library
 * never prints and never exits.  Handles come in _open/_close or _new/_free
 * pairs; every _close and _free accepts NULL.
 *
 * Units: times are milliseconds since the Unix epoch, UTC.  Prices are in
 * the quote currency (USDT for BTCUSDT, USD for BTCUSD_PERP).  "base" is
 * the coin (BTC), "quote" is the quote currency.
 */
#ifndef LIQ_H
#define LIQ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---------------------------------------------------------------- errors */

enum {
	LIQ_OK = 0,
	LIQ_ENOMEM = -1,	/* out of memory */
	LIQ_EIO = -2,		/* read or write failed (errno kept) */
	LIQ_ECONTAINER = -3,	/* corrupt or truncated gzip/zip, bad magic */
	LIQ_EDATA = -4,		/* a row or field is bad */
	LIQ_EARG = -5,		/* a bad argument from the caller */
	LIQ_EVERSION = -6,	/* a file from a newer major version */
	LIQ_EFORMAT = -7,	/* not the expected file format */
	LIQ_EORDER = -8		/* timestamps out of order beyond the window */
};

/*
 * Where and why a call failed.  line is 1-based (0: not about a line),
 * field is the column name ("" if none), text the offending text (cut to
 * fit).  sys_errno is errno for LIQ_EIO, else 0.
 */
struct liq_error {
	int code;
	int sys_errno;
	int64_t line;
	char file[512];
	char field[48];
	char text[96];
	char msg[256];
};

/* Clear e (code LIQ_OK, empty strings). */
void liq_error_clear(struct liq_error *e);

/*
 * Record an error in e (which may be NULL) and return code.  file, field and
 * text may be NULL; text is copied up to textlen bytes (SIZE_MAX: to NUL).
 */
int liq_error_set(struct liq_error *e, int code, const char *file,
    int64_t line, const char *field, const char *text, size_t textlen,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/*
 * Format e as "file:line: field: msg: \"text\"" (parts left out when
 * empty) into buf.  Returns buf.
 */
char *liq_error_format(const struct liq_error *e, char *buf, size_t len);

/* ------------------------------------------------------ numbers and time */

/*
 * Parse the decimal number in s[0..n) into *out.  Accepts an optional sign,
 * digits with an optional fraction and an optional exponent; rejects empty
 * text, spaces, trailing garbage, NaN, infinities, hex and overflow.  The
 * result is correctly rounded (equal to strtod's): exact integer arithmetic
 * when the digits fit in 2^53 and the power of ten is at most 22, strtod on
 * a copy otherwise.  Returns 0 or LIQ_EDATA.
 */
int liq_parse_double(const char *s, size_t n, double *out);

/*
 * Parse a decimal into an exact scaled integer: value = *mant / 10^*scale,
 * 0 <= *scale <= 18, |*mant| < 2^63.  Returns 0, or LIQ_EDATA when the text
 * is not a plain decimal (exponents are accepted when the result fits) or
 * does not fit.  Used for exact volume sums.
 */
int liq_parse_fixed(const char *s, size_t n, int64_t *mant, int *scale);

/* Parse a signed decimal integer (no fraction) with range check. */
int liq_parse_int64(const char *s, size_t n, int64_t *out);

/*
 * Parse a time: epoch milliseconds (digits only) or ISO 8601 UTC:
 * "2024-03-01", "2024-03-01T12:00", "2024-03-01 12:00:00.250Z",
 * "2024-03-01T12:00:00+00:00" (offsets are applied).  Returns 0 or
 * LIQ_EDATA.
 */
int liq_parse_time(const char *s, size_t n, int64_t *ms);

/*
 * Parse a duration "500ms", "1s", "5m", "1h", "1d", "1w", "1y" (365
 * days).  A number needs its unit: "7" could be 7 ms or 7 days, so a
 * bare number other than "0" is refused.  Returns 0 or LIQ_EDATA.
 */
int liq_parse_duration(const char *s, size_t n, int64_t *ms);

/* Days since 1970-01-01 for a proleptic Gregorian date (no range check). */
int64_t liq_days_from_civil(int64_t y, unsigned m, unsigned d);

/* Format ms as "2024-03-01T12:00:00Z" (".250" added when not whole). */
char *liq_time_format(int64_t ms, char *buf, size_t len);

/* Format a duration in ms in the shortest unit that is exact ("1m"). */
char *liq_duration_format(int64_t ms, char *buf, size_t len);

/*
 * Format x in the shortest form that reads back to the same double
 * ("NaN" for NaN).  Returns the length written (buf holds at least 32).
 */
int liq_format_double(double x, char *buf);

/*
 * How a CSV form for people writes times, numbers and missing values
 * (liq-cluster's records, a grid's CSV export, series and ledger; bars
 * CSV takes its times and missing values, never its number sizes).  The default
 * (liq_csv_style_init): ISO 8601 UTC times with Z, missing values as
 * empty fields, and numbers sized for reading: LIQ_NUM_USD whole,
 * LIQ_NUM_PRICE in the shortest form that reads back but at most 10
 * significant digits, LIQ_NUM_RATIO to 6 significant digits.  exact
 * writes every number in the shortest form that reads back to the same
 * double (liq_format_double), time_ms epoch milliseconds.
 */
struct liq_csv_style {
	int time_ms;		/* 1: epoch ms; 0: "2024-03-04T14:00:00Z" */
	int exact;		/* 1: numbers that read back exactly */
	const char *na;		/* a missing (NaN) value; "" by default */
};

enum { LIQ_NUM_EXACT, LIQ_NUM_USD, LIQ_NUM_PRICE, LIQ_NUM_RATIO };

void liq_csv_style_init(struct liq_csv_style *s);

/* Format a number of kind LIQ_NUM_* by s (NULL: exact, NaN as "NaN");
 * buf holds at least 48 bytes.  Returns the length. */
int liq_csv_format_num(const struct liq_csv_style *s, int kind, double x,
    char *buf);

/* Format a time by s (NULL: epoch ms); buf holds at least 40 bytes. */
int liq_csv_format_time(const struct liq_csv_style *s, int64_t ms,
    char *buf);

/* ------------------------------------------------------------ containers */

/*
 * An input stream: a file or stdin, plain, gzip (multi-member) or a zip
 * archive with exactly one member, told apart by magic bytes.  Inflate runs
 * on a second thread (zlib, or ISA-L when built with it), so reading and
 * parsing overlap (a thread that waits for the other polls for up to
 * 50 us, then naps, then sleeps until signalled).  Memory: about 1.7 MiB
 * per open input.
 */
struct liq_input;

enum { LIQ_CONT_PLAIN, LIQ_CONT_GZIP, LIQ_CONT_ZIP };

/*
 * Open path ("-" or NULL: stdin).  Nothing is read until the first
 * liq_input_lines or liq_input_read.  The inflate backend is ISA-L when
 * compiled in, unless the environment variable LIQ_INFLATE is "zlib".
 */
int liq_input_open(struct liq_input **in, const char *path,
    struct liq_error *e);
void liq_input_close(struct liq_input *in);

/* The name used in messages: the path, or "(stdin)". */
const char *liq_input_name(const struct liq_input *in);

/* The name of a zip archive's member as its local header gives it, or
 * the name a gzip file had when compressed (its first member's FNAME)
 * ("" : none, or not read yet): valid once the first block is read. */
const char *liq_input_member(const struct liq_input *in);

/* 1 if the input is a regular file (it can be opened again and read from
 * its start), 0 for stdin, a pipe, a device or a socket. */
int liq_input_regular(const struct liq_input *in);

/* LIQ_CONT_*, valid after the first read. */
int liq_input_container(const struct liq_input *in);

/* Name of the inflate backend in use: "zlib", "isa-l" or "none". */
const char *liq_input_backend(const struct liq_input *in);

/* The inflate backends compiled in, e.g. "isa-l zlib". */
const char *liq_inflate_backends(void);

/*
 * Next block of whole lines: *p points at n >= 1 bytes that end in '\n'
 * (a missing final newline is supplied).  The block stays valid until the
 * next call.  Returns 1 with a block, 0 at the end, or a negative code
 * (corrupt or truncated container, a line over 128 KiB, read error).
 */
int liq_input_lines(struct liq_input *in, const char **p, size_t *n,
    struct liq_error *e);

/*
 * Read the rest of the input and throw it away, to tell whether a bad row
 * was really damage to the container: returns 0 when the rest reads whole
 * (CRCs and lengths match; the row was bad as written), or the negative
 * code of the damage (LIQ_ECONTAINER: corrupt or truncated) with e set.
 * No liq_input_lines afterwards.  Costs the time to read the rest.
 */
int liq_input_drain(struct liq_input *in, struct liq_error *e);

/*
 * Look at the first bytes of the input without consuming them (at least
 * 16 KiB unless the input is shorter; *n may be 0 for empty input).  Only
 * before the first liq_input_lines or liq_input_read.
 */
int liq_input_peek(struct liq_input *in, const char **p, size_t *n,
    struct liq_error *e);

/*
 * Read up to n raw bytes into buf.  Returns the count (0 at the end) or a
 * negative code.  Do not mix with liq_input_lines on one handle.
 */
long liq_input_read(struct liq_input *in, void *buf, size_t n,
    struct liq_error *e);

/* ------------------------------------------------------------ file types */

/*
 * What a stream holds (lib/detect.c is the one place that knows every
 * liq magic).  The binary formats start with the 8 bytes below; their
 * CSV forms with "# liq-bars " and "# liq-grid ", or (as written now)
 * with a header line and such a line second.
 */
enum {
	LIQ_FILE_EMPTY,		/* no bytes at all */
	LIQ_FILE_OTHER,		/* not a liq file (an exchange dump?) */
	LIQ_FILE_BARS,		/* binary bars (man/liq-bars.5) */
	LIQ_FILE_BARS_CSV,	/* bars, CSV form */
	LIQ_FILE_GRID,		/* binary grid (man/liq-grid.5) */
	LIQ_FILE_GRID_CSV,	/* grid, CSV form */
	LIQ_FILE_LIQ_OTHER	/* a liq magic this version does not know */
};
extern const char *const liq_file_magic_bars;	/* "\x89LIQBAR\n" */
extern const char *const liq_file_magic_grid;	/* "\x89LIQGRD\n" */
extern const char *const liq_file_magic_end;	/* "\x89LIQEND\n" */

/* The LIQ_FILE_* of a stream's first n bytes (after decompression). */
int liq_file_detect_bytes(const void *head, size_t n);

/* A short name of a LIQ_FILE_* ("liq-bars", "liq-grid CSV", ...). */
const char *liq_file_type_name(int type);

/*
 * Open the regular file path, peek at its first bytes and close it:
 * *type is a LIQ_FILE_*, *container (may be NULL) a LIQ_CONT_*.  Returns
 * 0 or a negative code (LIQ_EARG for "-", a pipe or a device, which could
 * not be read again afterwards).
 */
int liq_file_detect(const char *path, int *type, int *container,
    struct liq_error *e);

/* ------------------------------------------------------------------ bars */

enum { LIQ_MARKET_LINEAR, LIQ_MARKET_INVERSE, LIQ_MARKET_SPOT };

/* What a bar knows (struct liq_bar.flags). Unknown values are NaN. */
enum {
	LIQ_BAR_PRICE = 1 << 0,		/* open..close known */
	LIQ_BAR_GAP = 1 << 1,		/* no trades: prices carry the last close */
	LIQ_BAR_VOLUME = 1 << 2,	/* buy/sell volumes and trades known */
	LIQ_BAR_OI = 1 << 3,		/* oi_base, oi_quote known */
	LIQ_BAR_FUNDING = 1 << 4,	/* funding known */
	LIQ_BAR_LIQ = 1 << 5,		/* liq_*_quote known */
	LIQ_BAR_LIQ_COUNT = 1 << 6,	/* liq_*_count known */
	LIQ_BAR_RATIO = 1 << 7		/* ls_ratio / top_ls_ratio known */
};

/*
 * One bar: [time_ms, time_ms + interval).  Volumes are taker volumes;
 * *_quote values are notional in the quote currency.  oi_* is open interest
 * at the bar's close, funding the last funding rate settled at or before
 * the bar's close, ls_ratio the long/short account ratio and top_ls_ratio
 * the top traders' position ratio at the close.
 */
struct liq_bar {
	int64_t time_ms;
	double open, high, low, close;
	double buy_base, sell_base, buy_quote, sell_quote;
	uint64_t trades;
	double oi_base, oi_quote;
	double funding;
	double liq_long_quote, liq_short_quote;
	uint32_t liq_long_count, liq_short_count;
	double ls_ratio, top_ls_ratio;
	uint32_t flags;
};

#define LIQ_SYMBOL_MAX 32

/*
 * What a bars file is about.  contract_size: quote units per contract for
 * inverse markets (100 for BTCUSD_PERP), base units per contract for
 * linear ones (1 for Binance USDⓈ-M).  first_ms/last_ms/nbars describe the
 * bars actually in the file (INT64_MIN / 0 when not yet known).  command is
 * the command line that made the file (may be NULL when writing).
 */
struct liq_bars_info {
	char venue[LIQ_SYMBOL_MAX];
	char symbol[LIQ_SYMBOL_MAX];
	int market;
	double contract_size;
	int64_t interval_ms;
	int64_t first_ms, last_ms;
	uint64_t nbars;
	char command[1024];
	char sources[1024];	/* what the bars were built from */
	char assumed[96];	/* a CSV's metadata the reader did not find and
				   took a default for ("market=linear,
				   contract_size=1, no venue, no symbol"),
				   or "" */
};

const char *liq_market_name(int market);	/* "linear", ... */
int liq_market_parse(const char *s, int *market);

/* Bars file format version written by this library. */
#define LIQ_BARS_MAJOR 1
#define LIQ_BARS_MINOR 0

/*
 * A bars writer on an open stream (the caller owns f).  Binary when csv
 * is NULL; else the CSV form (man/liq-bars.5): the header line, then
 * "# liq-bars" and "# key=value" lines, the rows and "# end bars=N".
 * Times and missing values follow csv (ISO or ms, csv->na; a missing
 * value other than "" is named by a "# na=" line so the reader knows it),
 * numbers are always exact (liq_format_double) whatever csv->exact says,
 * since bars CSV is read back by the liq programs.
 * Bars must come in strictly increasing time; liq_bars_writer_close writes
 * the end marker and, when f is a regular file, patches the span in the
 * header.  It does not close f; the caller must still fflush/fclose it and
 * check for errors.
 */
struct liq_bars_writer;
int liq_bars_writer_open(struct liq_bars_writer **w, FILE *f,
    const struct liq_bars_info *info, const struct liq_csv_style *csv,
    struct liq_error *e);
int liq_bars_write(struct liq_bars_writer *w, const struct liq_bar *b,
    struct liq_error *e);
int liq_bars_writer_close(struct liq_bars_writer *w, struct liq_error *e);
void liq_bars_writer_free(struct liq_bars_writer *w);

/*
 * A bars reader: binary or CSV form (told apart by the magic), plain or
 * compressed, "-" for stdin.  The CSV form may have its header line
 * first (as written now) or after the "# " metadata lines (as written
 * before, and by hand); times are epoch ms or ISO 8601; a missing value
 * is an empty field, "NaN" or the "# na=" text; the flags column is
 * "bar_flags" or the older "flags".  liq_bars_reader_info is valid after open;
 * its span fields are from the header (binary written to a file) or
 * INT64_MIN until the end is reached.  liq_bars_read returns 1 with a bar,
 * 0 at a clean end (end marker and CRC checked), or a negative code.
 */
/*
 * The first field of b out of its plausible range (man/liq-bars.5,
 * "Ranges"), or NULL when every field is in range or NaN; *bad gets its
 * value and *range what it should be ("a price from 1e-8 to 1e9"), either
 * may be NULL.  The bars reader applies it to every bar it reads, binary
 * or CSV; a writer of bars should apply it before writing.
 */
const char *liq_bar_check(const struct liq_bar *b, double *bad,
    const char **range);

struct liq_bars_reader;
int liq_bars_reader_open(struct liq_bars_reader **r, const char *path,
    struct liq_error *e);
/* The same on an input already open (and perhaps peeked at, not read):
 * the reader owns in from then on, and closes it even when this fails. */
int liq_bars_reader_open_input(struct liq_bars_reader **r,
    struct liq_input *in, struct liq_error *e);
const struct liq_bars_info *liq_bars_reader_info(
    const struct liq_bars_reader *r);
int liq_bars_read(struct liq_bars_reader *r, struct liq_bar *b,
    struct liq_error *e);
void liq_bars_reader_close(struct liq_bars_reader *r);

/*
 * Members.  A stream may hold several bars files of one market one after
 * another (`cat a.bars b.bars`, or in CSV a second "# liq-bars" line),
 * each with its own end marker and CRC, checked.  The reader returns them
 * as one time-ordered stream: where a member starts at or before the end
 * of the one before it, its bars are joined to those already read by
 * liq_bars_join (at most the last 4096 bars are kept for that); where it
 * starts later than one interval after, the hole is counted in the seams
 * (a hole of more than 31 days is an error); liq_bars_merge fills holes.
 * A member of another venue, symbol, market, contract size or interval
 * is an error.  The reader holds one bar back until it knows the next
 * member does not start with a bar of the same time.  Span fields of
 * liq_bars_reader_info are the first member's until the end is read.
 */
enum { LIQ_PREFER_NONE, LIQ_PREFER_FIRST, LIQ_PREFER_LAST };
enum {
	LIQ_JOIN_EQUAL,		/* the same bar twice: taken once */
	LIQ_JOIN_MERGED,	/* an unpriced bar merged into a priced one */
	LIQ_JOIN_FIRST,		/* they differ: the first taken (prefer) */
	LIQ_JOIN_LAST,		/* they differ: the last taken (prefer) */
	LIQ_JOIN_DIFFER		/* they differ: an error for the caller */
};

/*
 * Join two bars of the same time, first from the earlier file or member,
 * last from the later one, into *out.  Equal bars (every field bit for
 * bit) are one.  A bar without prices (LIQ_BAR_PRICE unset) carries only
 * samples: open interest, funding and ratios taken at the moment the
 * other file's trades start belong to the bar that closes then, so a file
 * begins with such a bar; it is merged into the priced bar of the other
 * (as the later one its samples replace the other's carried values; as
 * the earlier one it only fills what the other lacks).  Two priced bars
 * that differ are LIQ_JOIN_DIFFER, with the first differing field's name
 * in why, unless prefer (LIQ_PREFER_*) says which to take.  Returns a
 * LIQ_JOIN_*.
 */
int liq_bars_join(const struct liq_bar *first, const struct liq_bar *last,
    int prefer, struct liq_bar *out, char *why, size_t whylen);

/* What joining members or files did, for a report on stderr. */
struct liq_bars_seams {
	uint64_t members;	/* members (reader) or inputs (merge) */
	uint64_t equal;		/* bars read twice and taken once */
	uint64_t merged;	/* unpriced bars merged into priced ones */
	uint64_t preferred;	/* differing bars settled by prefer */
	uint64_t gaps;		/* holes longer than one interval */
	uint64_t gap_bars;	/* the flat bars that fill them */
	int64_t first_gap_ms;	/* where the first hole starts */
	int64_t longest_gap_ms;	/* the longest hole, and where it starts */
	int64_t longest_gap_at_ms;
};

/* Which bar to take when members differ (LIQ_PREFER_*; default none:
 * an error).  LIQ_PREFER_LAST cannot replace a bar already returned. */
void liq_bars_reader_prefer(struct liq_bars_reader *r, int prefer);
void liq_bars_reader_seams(const struct liq_bars_reader *r,
    struct liq_bars_seams *s);

/*
 * Bars files of one market (venue, symbol, market, contract size and
 * interval alike, else LIQ_EDATA) as one time-ordered stream, whatever
 * their order on the command line: bars of the same time in several
 * files are joined by liq_bars_join (prefer counts "first" and "last" in
 * the order of paths), holes between files longer than one interval are
 * filled with flat gap bars and counted in the seams.  Files are sorted
 * by their first bar (read at open) and opened again when the stream
 * reaches them, so memory holds the files that overlap the current time.
 * At most one path may be "-".  liq_bars_merge_info is the earliest
 * file's, its span fields those of the bars returned so far.
 */
struct liq_bars_merge;
int liq_bars_merge_open(struct liq_bars_merge **m, const char *const *paths,
    int n, int prefer, struct liq_error *e);
/* The names messages give the files (by their index in paths; NULL:
 * the path), e.g. "-" for a copy of standard input. */
void liq_bars_merge_names(struct liq_bars_merge *m, const char *const *names);

/* The same for one stream already open (and perhaps peeked at): the
 * merge owns in from then on, and closes it even when this fails. */
int liq_bars_merge_open_input(struct liq_bars_merge **m, struct liq_input *in,
    int prefer, struct liq_error *e);
const struct liq_bars_info *liq_bars_merge_info(const struct liq_bars_merge *m);
int liq_bars_merge_read(struct liq_bars_merge *m, struct liq_bar *b,
    struct liq_error *e);
void liq_bars_merge_seams(const struct liq_bars_merge *m,
    struct liq_bars_seams *s);
void liq_bars_merge_close(struct liq_bars_merge *m);

/* ------------------------------------------------------------------ grid */

/*
 * A grid (man/liq-grid.5): time columns x price bins of estimated
 * liquidation notional in the quote currency, float32, in layers that come
 * in long/short pairs (one pair, or one per venue with --by-venue).  Each
 * column also carries the OHLC of its bars, the open interest at its end
 * and the predicted and realized liquidations inside it.  A column's time
 * is its open time; its cells are the snapshot at time_ms + step_ms.
 */
#define LIQ_GRID_MAJOR 1
#define LIQ_GRID_MINOR 1		/* 1: funding in the column record */
#define LIQ_GRID_MAX_LAYERS 64		/* 32 pairs: venues x tiers */
#define LIQ_GRID_MAX_BINS 1000000
#define LIQ_GRID_NSERIES 10		/* doubles per column after time
					   (9 before version 1.1) */

struct liq_grid_info {
	char venue[544];	/* "binance", or "binance+bybit" */
	char symbol[LIQ_SYMBOL_MAX];
	int64_t start_ms;	/* open time of the first column */
	int64_t step_ms;	/* column width */
	uint64_t ncols;		/* 0: not known in advance (reader: until the end) */
	uint32_t nbins;
	uint32_t nlayers;	/* even: layer 2k is long, 2k+1 short */
	int log_bins;		/* bins equal in log(price) instead of price */
	double price_min, price_max;	/* quote currency, the outer edges */
	char layers[1280];	/* layer names, comma separated ("long,short") */
	char command[1024];	/* the command line that made the grid */
	char params[4096];	/* model parameters: "key=value\n" lines */
};

/*
 * One column.  layer[0..nlayers) point at nbins floats each; long_usd and
 * short_usd at the sums over the long and the short layers (reader: equal
 * to layer[0]/layer[1] for a two-layer grid).  Unknown realized
 * liquidations are NaN.
 */
struct liq_grid_column {
	int64_t time_ms;
	double open, high, low, close;
	double oi_quote;		/* open interest at the column's end */
	double pred_long, pred_short;	/* estimated liquidations inside it */
	double real_long, real_short;	/* realized ones (NaN: unknown) */
	double funding;		/* the last funding rate known at its end, as
				   the bars give it (NaN: unknown, and in
				   grids before version 1.1) */
	float *layer[LIQ_GRID_MAX_LAYERS];
	float *long_usd, *short_usd;
};

/* Lower edge of bin i (i == nbins: the upper edge of the last bin). */
double liq_grid_edge(const struct liq_grid_info *g, uint32_t i);

/*
 * The bin that holds price: [edge(i), edge(i+1)).  Returns -1 below
 * price_min and nbins at or above price_max (and for NaN: -1).
 */
long liq_grid_bin(const struct liq_grid_info *g, double price);

/*
 * A grid writer on an open stream (the caller owns f).  Binary when csv is
 * NULL, else the long CSV form in that style: one row per non-zero cell
 * (zero in both layers: no row), the header line first, then "# liq-grid"
 * and the "# key=value" metadata, the rows, and "# end columns=N".  Cells
 * are LIQ_NUM_USD (exact: the shortest form that reads back to the
 * float), bin edges LIQ_NUM_PRICE, times by the style.  Columns must follow
 * each other at step_ms from start_ms.  When info->ncols is not 0, exactly
 * that many columns must be written.  Close writes the end marker; the
 * caller still flushes and checks f.
 */
struct liq_grid_writer;
int liq_grid_writer_open(struct liq_grid_writer **w, FILE *f,
    const struct liq_grid_info *info, const struct liq_csv_style *csv,
    struct liq_error *e);
int liq_grid_write(struct liq_grid_writer *w, const struct liq_grid_column *c,
    struct liq_error *e);
int liq_grid_writer_close(struct liq_grid_writer *w, struct liq_error *e);
void liq_grid_writer_free(struct liq_grid_writer *w);

/*
 * A grid reader (binary form only; plain or compressed; "-" is stdin).
 * Header sizes are checked before anything is allocated.  liq_grid_read
 * returns 1 with the next column (its arrays owned by the reader, valid
 * until the next call), 0 at a clean end (end marker, count and CRC-32
 * checked), or a negative code.  Memory: one column.
 */
struct liq_grid_reader;
int liq_grid_reader_open(struct liq_grid_reader **r, const char *path,
    struct liq_error *e);
/* The same on an input already open (and perhaps peeked at, not read);
 * the reader owns in from then on, and closes it even when this fails. */
int liq_grid_reader_open_input(struct liq_grid_reader **r,
    struct liq_input *in, struct liq_error *e);
const struct liq_grid_info *liq_grid_reader_info(
    const struct liq_grid_reader *r);
int liq_grid_read(struct liq_grid_reader *r, struct liq_grid_column **c,
    struct liq_error *e);
void liq_grid_reader_close(struct liq_grid_reader *r);

/*
 * Value of key in the "key=value\n" lines of params (as in
 * liq_grid_info.params) copied into buf; NULL when absent.
 */
const char *liq_grid_param(const struct liq_grid_info *g, const char *key,
    char *buf, size_t len);

/*
 * Layer pairs by name (layers.c).  Pair k is layers 2k (long) and
 * 2k + 1 (short); its name is the long layer's name without ".long"
 * ("binance" of "binance.long", "binance.25x" of "binance.25x.long"),
 * and the grid's venue for a layer named plain "long".
 *
 * liq_grid_layer_name copies pair k's name into buf (len bytes) and
 * returns buf, or NULL when k is not a pair of g.
 *
 * liq_grid_layer_match sets *mask to the pairs name picks: bit k for
 * each pair whose name is name, or has name as one of its
 * dot-separated parts (a venue, or a tier such as 25x).  Returns the
 * count of pairs picked, or LIQ_EARG (e says "unknown layer "NAME": the
 * grid's layers are A, B, ...") when none.
 *
 * liq_grid_layer_sum writes the sums over the pairs in mask (0: all) of
 * column c's long layers into long_usd and of its short layers into
 * short_usd, nbins floats each, added in layer order (the reader's
 * order, so all pairs give its long_usd and short_usd bytes).
 */
char *liq_grid_layer_name(const struct liq_grid_info *g, uint32_t k,
    char *buf, size_t len);
int liq_grid_layer_match(const struct liq_grid_info *g, const char *name,
    uint32_t *mask, struct liq_error *e);
void liq_grid_layer_sum(const struct liq_grid_column *c, uint32_t nlayers,
    uint32_t nbins, uint32_t mask, float *long_usd, float *short_usd);

/*
 * The per-column series as CSV: liq_grid_series_header writes
 * "time,open,high,low,close,oi_usd,pred_long_usd,pred_short_usd,
 * real_long_usd,real_short_usd,funding", liq_grid_series_row one row in
 * style s (NULL: exact, epoch ms, "NaN"): prices LIQ_NUM_PRICE, funding
 * LIQ_NUM_RATIO, the rest LIQ_NUM_USD, unknown values the missing value.  Return 0
 * or LIQ_EIO.
 */
int liq_grid_series_header(FILE *f);
int liq_grid_series_row(FILE *f, const struct liq_grid_column *c,
    const struct liq_csv_style *s);

/* ------------------------------------------------------- margin rules */

/*
 * Maintenance-margin brackets: bracket i covers position notional (quote
 * currency) in [floor[i], cap[i]) with maintenance margin rate mmr[i] and
 * maintenance amount maint[i] (quote currency).
 */
#define LIQ_MAX_BRACKETS 32
struct liq_brackets {
	int n;
	double floor[LIQ_MAX_BRACKETS], cap[LIQ_MAX_BRACKETS];
	double mmr[LIQ_MAX_BRACKETS], maint[LIQ_MAX_BRACKETS];
	double max_lev[LIQ_MAX_BRACKETS];	/* Binance's maximum leverage
				   of the bracket; 0: none known */
	char name[128];
};

/*
 * A built-in table: "binance-btcusdt-2025" (rules of 2025-08-19),
 * "binance-btcusdt-2021" (the older table), "bybit-btcusdt" (0.5% base
 * tier).  Returns 0 or LIQ_EARG.
 */
int liq_brackets_builtin(const char *name, struct liq_brackets *b);

/* Name of the built-in Binance table in force at ms. */
const char *liq_brackets_for_date(int64_t ms);

/*
 * Load a table from a CSV file: notional_floor,notional_cap,mmr,
 * maintenance_amount[,max_leverage] (header row optional), brackets
 * contiguous and increasing, the fifth column on every row or none.
 * Returns 0, or LIQ_EDATA/LIQ_EIO with the line in e.
 */
int liq_brackets_load(const char *path, struct liq_brackets *b,
    struct liq_error *e);

/*
 * Binance's USD-M (and USDC-M) bracket tables of one symbol over time,
 * built in (lib/brackets/binance-usdm.txt: every version seen from
 * 2022-02 to 2024-10, and BTCUSDT's of 2025-08-19; man/liq-model.7,
 * MAINTENANCE BRACKETS).  liq_brackets_dated_open finds the versions of
 * symbol (Binance's spelling, any case: ETHUSDT, BTCUSDT_240329); a
 * symbol without a table of its own, or an inverse market, gets those of
 * the Binance USD-M symbol of its asset (ETH-USDT-SWAP: ETHUSDT), else
 * BTCUSDT's, and a note.  Returns 0, LIQ_ENOMEM or LIQ_EDATA (a bad
 * built-in line).  liq_brackets_dated_at: the version in force at ms,
 * the one with the latest date at or before ms (before the first: the
 * first).  liq_brackets_dated_describe writes what the span [from_ms,
 * to_ms] uses, "binance-usdm ETHUSDT 2023-03-13T06:06:16Z ...", each
 * version followed by " (max 75x)" when a tier of top_lev is above its
 * maximum for position_quote, and sets the note: NULL, or a warning for
 * the user (no table of its own; bars before the first version).
 * liq_brackets_dated_close accepts NULL.
 */
struct liq_brackets_dated;
int liq_brackets_dated_open(struct liq_brackets_dated **dp,
    const char *symbol, int market, struct liq_error *e);
const struct liq_brackets *liq_brackets_dated_at(
    const struct liq_brackets_dated *d, int64_t ms);
void liq_brackets_dated_describe(struct liq_brackets_dated *d,
    int64_t from_ms, int64_t to_ms, double position_quote, double top_lev,
    char *buf, size_t cap);
const char *liq_brackets_dated_note(const struct liq_brackets_dated *d);
void liq_brackets_dated_close(struct liq_brackets_dated *d);

/*
 * The leverage a tier of leverage lev gets for a position of notional
 * position_quote under b: lev, or the maximum leverage of the bracket
 * holding position_quote when that is lower (the tier is moved to the
 * maximum; man/liq-model.7, "Maximum leverage").  b NULL or without
 * maximums (max_lev 0): lev.
 */
double liq_brackets_leverage(const struct liq_brackets *b, double lev,
    double position_quote);

enum { LIQ_MARGIN_BINANCE, LIQ_MARGIN_BYBIT, LIQ_MARGIN_SIMPLE };

/* The margin rule (LIQ_MARGIN_*) of a venue's liquidation engine, as the
 * venue's dialect says ("bybit": LIQ_MARGIN_BYBIT; Binance's otherwise). */
int liq_venue_margin_rule(const char *venue);

/*
 * Liquidation price (quote currency) of one isolated position: side +1
 * long, -1 short; entry price, leverage, position notional in the quote
 * currency (USD for inverse contracts); brackets b (unused by SIMPLE).
 * Binance: the bracket of the notional at the liquidation price (linear)
 * or of the USD size (inverse); Bybit: the bracket at entry.  May return
 * 0 or INFINITY for a position that cannot be liquidated (1x inverse).
 */
double liq_liquidation_price(int rule, int market, int side, double entry,
    double lev, double position_quote, const struct liq_brackets *b);

/* ------------------------------------------------------------ estimator */

enum { LIQ_SIDE_TAKER, LIQ_SIDE_RATIO, LIQ_SIDE_EVEN };
enum { LIQ_ENTRY_TYPICAL, LIQ_ENTRY_VWAP, LIQ_ENTRY_CLOSE, LIQ_ENTRY_SPREAD };
enum { LIQ_CLOSE_PROPORTIONAL, LIQ_CLOSE_OLDEST, LIQ_CLOSE_NONE };
enum { LIQ_MODEL_PATH, LIQ_MODEL_CLASSIC };	/* liq_model_names */
#define LIQ_MAX_TIERS 16

/*
 * The names of the rules as options and grid metadata spell them, indexed
 * by LIQ_SIDE_*, LIQ_ENTRY_*, LIQ_CLOSE_* and LIQ_MARGIN_*, NULL
 * terminated.  liq_rule_parse returns the index of s in names, or -1.
 */
extern const char *const liq_side_rule_names[];
extern const char *const liq_entry_rule_names[];
extern const char *const liq_close_rule_names[];
extern const char *const liq_model_names[];
extern const char *const liq_margin_rule_names[];
int liq_rule_parse(const char *const *names, const char *s);

/* Options of an estimate (liq_estimate_options_init sets the defaults). */
struct liq_estimate_options {
	int model;		/* LIQ_MODEL_* (path) */
	int side_rule;		/* LIQ_SIDE_* (taker) */
	int entry_rule;		/* LIQ_ENTRY_* (spread) */
	int close_rule;		/* LIQ_CLOSE_* (proportional) */
	int margin;		/* LIQ_MARGIN_*, -1: by the bars' venue */
	int ntiers;		/* 0: the model's mix (preset) */
	double leverage[LIQ_MAX_TIERS], weight[LIQ_MAX_TIERS];
	int64_t half_life_ms[LIQ_MAX_TIERS];	/* 0: no decay */
	const char *brackets_path;	/* NULL: built-in */
	int64_t brackets_date;	/* INT64_MIN: the bar's own date */
	double position_usd;	/* typical position, picks the bracket */
	int64_t from_ms, to_ms;	/* INT64_MIN/INT64_MAX: the data's span */
	int64_t lookback_ms;	/* 0: none */
	int64_t warmup_ms;	/* the model starts this long before the
				   window; -1 (default): at the data's start */
	double turnover;	/* share of OI closed and reopened per bar,
				   per unit of (high - low) / close; NaN: the
				   model's (path 5, classic 0) */
	double seed_pct;	/* the open interest held at the model's start
				   is placed with entries over +-seed_pct % of
				   its price (5); 0: not placed */
	int64_t step_ms;	/* 0: bar interval, at most max_cols columns,
				   rounded up to 1m, 5m, 15m, 30m, 1h, 4h, 1d */
	int max_cols;		/* 4000 */
	uint32_t nbins;		/* 2000 */
	double price_min, price_max;	/* NaN: the first price P0 of the
				   window, P0 x (1 -+ LIQ_AXIS_SPAN) */
	double tick;		/* > 0: bin width, overrides nbins */
	double max_bytes;	/* bytes of grid data at most (4e9); 0: any */
	int log_bins;
	double oi_proxy;	/* NaN: none */
	int by_venue;
	int by_leverage;	/* a layer pair per tier (and venue) */
	int prefer;		/* LIQ_PREFER_* where files of one market
				   differ (none: an error) */
	const char *command;
};
void liq_estimate_options_init(struct liq_estimate_options *o);

/* Fill in what o leaves to its model (man/liq-estimate.1, "Models"): the
 * leverage mix when ntiers is 0, the turnover when NaN.  Idempotent;
 * liq_estimate_open and liq_estimate_parse_half_life call it too, so set
 * o->model before a half-life. */
void liq_estimate_options_preset(struct liq_estimate_options *o);

/* The automatic price axis: P0 x (1 - span) to P0 x (1 + span), P0 the
 * first price of the window, fixed before the first column so that no
 * column depends on later data (man/liq-estimate.1, "Columns and bins"). */
#define LIQ_AXIS_SPAN 0.5

/* Options that cannot go together (--tick with log bins, a lookback with
 * a start, an empty --from/--to window or price range): 0, or LIQ_EARG
 * with the reason.  liq_estimate_open checks too. */
int liq_estimate_options_check(const struct liq_estimate_options *o,
    struct liq_error *e);

/*
 * Parse "5:0.10,10:0.20,..." (leverage:weight, weights normalised) or
 * "18h" / "100:18h,50:36h" (half-lives, one for all or per leverage) into
 * o.  Return 0 or LIQ_EARG with a message in e.
 */
int liq_estimate_parse_leverage(struct liq_estimate_options *o,
    const char *s, struct liq_error *e);
int liq_estimate_parse_half_life(struct liq_estimate_options *o,
    const char *s, struct liq_error *e);

/* What happened to one side's positions so far (quote notional). */
struct liq_estimate_ledger {
	double open;		/* held now (inside and outside the grid) */
	double opened;		/* ever added */
	double touched;		/* erased by price (predicted liquidations) */
	double closed;		/* removed by falling open interest */
	double decayed;		/* removed by the half-life */
};

/*
 * An estimate over the bars files paths[0..n) ("-": stdin, at most once;
 * inputs without a known span are read into memory).  Open reads every
 * input once to learn the window, the price range and the grid axes;
 * liq_estimate_grid_info is then final.  Run replays the bars in time
 * order (all inputs merged) and calls emit once per grid column, in
 * order, with arrays valid during the call.  Returns 0 or a negative code.
 */
struct liq_estimate;
int liq_estimate_open(struct liq_estimate **est, const char *const *paths,
    int n, const struct liq_estimate_options *o, struct liq_error *e);
const struct liq_grid_info *liq_estimate_grid_info(
    const struct liq_estimate *est);
typedef int (*liq_column_fn)(void *ctx, const struct liq_grid_column *c,
    struct liq_error *e);
int liq_estimate_run(struct liq_estimate *est, liq_column_fn emit,
    void *ctx, struct liq_error *e);

/* How the files of each market were joined in the last run, summed. */
void liq_estimate_seams(const struct liq_estimate *est,
    struct liq_bars_seams *s);

/* After a run: the open time of the first bar of the window whose price
 * went past the grid's axis (low below price_min or high at or above
 * price_max), or INT64_MIN when none did. */
int64_t liq_estimate_left_axis(const struct liq_estimate *est);

/* Inputs that had no open interest and used the oi_proxy (a count). */
int liq_estimate_proxied(const struct liq_estimate *est);

/*
 * The bracket note of input i (liq_brackets_dated_describe): "" when it
 * has none, NULL past the last input.
 */
const char *liq_estimate_brackets_note(const struct liq_estimate *est,
    int i);

/* The first input read as a bars CSV without some of its metadata: what
 * was taken by default (liq_bars_info.assumed) with *path its file; NULL
 * when every input said what it is. */
const char *liq_estimate_assumed(const struct liq_estimate *est,
    const char **path);

/* The ledger of side (+1 long, -1 short) summed over inputs, now. */
void liq_estimate_ledger(const struct liq_estimate *est, int side,
    struct liq_estimate_ledger *l);
void liq_estimate_close(struct liq_estimate *est);

/* -------------------------------------------------------------- ingest */

/* Kinds of input an ingest understands. */
enum {
	LIQ_KIND_UNKNOWN,
	LIQ_KIND_AGGTRADES,
	LIQ_KIND_TRADES,
	LIQ_KIND_KLINES,
	LIQ_KIND_METRICS,
	LIQ_KIND_FUNDING,
	LIQ_KIND_LIQSNAP,
	LIQ_KIND_VENDOR,
	LIQ_KIND_BYBIT,		/* Bybit trading dump */
	LIQ_KIND_BITMEX,	/* BitMEX daily trade dump (all symbols) */
	LIQ_KIND_OKX,		/* OKX trade file */
	LIQ_KIND_TARDIS_TRADES,	/* Tardis.dev normalized trades */
	LIQ_KIND_TARDIS_TICKER,	/* Tardis.dev derivative_ticker */
	LIQ_KIND_TARDIS_LIQ,	/* Tardis.dev liquidations */
	LIQ_KIND_MAX = LIQ_KIND_TARDIS_LIQ
};
const char *liq_kind_name(int kind);

/* Options of an ingest run (liq_ingest_options_init sets the defaults). */
struct liq_ingest_options {
	int64_t interval_ms;	/* 0: 1m, or the bar files' own interval */
	int64_t from_ms;	/* INT64_MIN: open */
	int64_t to_ms;		/* INT64_MAX: open (exclusive) */
	int64_t reorder_ms;	/* reorder window, default 1h */
	int64_t max_gap_ms;	/* a row later than this after the latest
				   earlier row of its file is bad (default
				   31 days) */
	int64_t oi_max_age_ms;	/* forward-fill limit for OI, default 15m */
	int64_t funding_max_age_ms; /* default 24h */
	char symbol[LIQ_SYMBOL_MAX];	/* "" : from the file names */
	char venue[LIQ_SYMBOL_MAX];	/* "" : from the files */
	char vendor_venue[LIQ_SYMBOL_MAX]; /* venue of vendor CSVs */
	int market;		/* -1: from the file names */
	double contract_size;	/* 0: from the market rules */
	const char *map;	/* vendor column map "time=ts,open=o,..." */
	int funding_unit;	/* LIQ_FUNDING_* of vendor funding (auto) */
	int skip_bad;		/* count bad rows instead of failing */
	const char *command;	/* recorded in the output header */
	/* called about every million rows (may be NULL) */
	void (*progress)(void *arg, const char *file, uint64_t rows);
	void *progress_arg;
};
void liq_ingest_options_init(struct liq_ingest_options *o);

/* The unit of a vendor file's funding column (--funding-unit): told from
 * the file's rates, a fraction (0.0001 = 0.01%), or percent (0.01). */
enum { LIQ_FUNDING_AUTO, LIQ_FUNDING_FRACTION, LIQ_FUNDING_PERCENT };


/* The column map of the --preset NAME ("coinglass"), or NULL. */
const char *liq_ingest_preset(const char *name);

/*
 * One ingest run over paths[0..npaths) (NULL or "-" is stdin, at most
 * once), writing bars through emit.  Files of any supported kind, in any
 * order; rows are merged by time.  liq_ingest_open reads the head of each
 * file to learn its kind, market and first time, and fills the bars info;
 * liq_ingest_run streams everything.
 */
struct liq_ingest;
int liq_ingest_open(struct liq_ingest **g, const char *const *paths,
    int npaths, const struct liq_ingest_options *o, struct liq_error *e);
const struct liq_bars_info *liq_ingest_info(const struct liq_ingest *g);
typedef int (*liq_bar_fn)(void *ctx, const struct liq_bar *b,
    struct liq_error *e);
int liq_ingest_run(struct liq_ingest *g, liq_bar_fn emit, void *ctx,
    struct liq_error *e);

/* Rows read so far, and how many of them the fused row parsers took (the
 * rest went through the general path). */
uint64_t liq_ingest_rows(const struct liq_ingest *g);
uint64_t liq_ingest_fused_rows(const struct liq_ingest *g);

/*
 * Exact repeats dropped (aggTrades rows whose agg_trade_id and values were
 * already read: a resumed download, an overlapping cat), and the first
 * file that had one (NULL: none).
 */
uint64_t liq_ingest_repeats(const struct liq_ingest *g, const char **file);

/*
 * With skip_bad: how many rows were skipped, and the first few of them
 * (i < min(count, LIQ_MAX_BAD_KEPT)).
 */
#define LIQ_MAX_BAD_KEPT 5
uint64_t liq_ingest_bad_count(const struct liq_ingest *g);

/* The note of input i (a vendor file whose funding unit could not be
 * told): "" when it has none, NULL past the last input. */
const char *liq_ingest_note(const struct liq_ingest *g, int i);
const struct liq_error *liq_ingest_bad(const struct liq_ingest *g, int i);

/* The detected kind (LIQ_KIND_*) of file i, in the order given. */
int liq_ingest_file_kind(const struct liq_ingest *g, int i);
void liq_ingest_close(struct liq_ingest *g);

/* The zone finder (liq-cluster), the raster (liq-render-ppm) and the
 * scores (liq-score). */
#include "liq_zones.h"
#include "liq_raster.h"
#include "liq_score.h"

#endif /* LIQ_H */
