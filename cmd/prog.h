/*
 * prog.h - the code the liq programs share (build/libprog.a, from the .c
 * files of cmd/ that are not a program), and the one header a program
 * includes (liq.h comes with it).  Unlike lib/, this code prints and
 * exits: it reports with err(3) and ends the program with the exit status
 * of every man page, 0 success, 1 data or I/O error, 2 usage error.
 *
 *   prog.c     the program's name, -h and --version, a library error
 *              reported and mapped to the exit status
 *   help.c     what --help says of each option
 *   outfile.c  output files: stdout, or -o FILE under a temporary name
 *   outcheck.c where an output path goes; a run's outputs checked
 *   args.c     option values: numbers, times, durations, words
 *   record.c   records of named fields as CSV rows or JSON lines
 *   ledger.c   liq-estimate --ledger records
 *   pick.c     the columns of a grid to take: --at, --every or the last
 *   zonerec.c  zone, wall and map records of grid columns
 *   gridconv.c a grid converted to its CSV form or its series
 *   scorerec.c liq-score's report: records or a table
 */
#ifndef LIQ_PROG_H
#define LIQ_PROG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "liq.h"

#if defined(__GNUC__)
#define PROG_NORETURN __attribute__((noreturn))
#else
#define PROG_NORETURN
/* ------------------------------------------------------------ scorerec.c */

/* liq-score's report of s (liq_score_finish done) on f: a table, CSV
 * rows or JSON lines (numbers and times by style). */
enum { SCOREREC_TABLE, SCOREREC_CSV, SCOREREC_JSON };
void scorerec_write(FILE *f, int format, const struct liq_csv_style *style,
    const struct liq_score *s, int resamples);

#endif

#define DAY_MS INT64_C(86400000)

/* ---------------------------------------------------------------- prog.c */

/* Set the name --version prints (call first in main); until then it is
 * the name err(3) uses. */
void prog_init(const char *name);
const char *prog_name(void);

/* -h and a bad option: the usage text on stdout (exit 0) or on stderr
 * (exit 2). */
void prog_usage(FILE *f, const char *text) PROG_NORETURN;

/* An option as --help describes it: "-o, --output file", what it does,
 * and its default as the code sets it ("off" for a flag; NULL for an
 * action such as --version, which has none). */
struct prog_opt_help {
	const char *opt;
	const char *what;
	const char *dflt;
};

/*
 * -h, --help: the usage text, a blank line, then one line per option of
 * table (ended by a NULL opt): "  OPT  WHAT (DEFAULT)", WHAT in column
 * 23 when OPT is short enough.  On stdout; exit 0, or 1 when stdout
 * cannot be written.
 */
void prog_help(const char *usage, const struct prog_opt_help *table)
    PROG_NORETURN;

/* The tables of the programs (cmd/help.c). */
extern const struct prog_opt_help help_ingest[], help_estimate[],
    help_cluster[], help_render_ppm[], help_cat[], help_score[];

/* --version: "NAME VERSION" or "NAME VERSION (detail)", then exit 0. */
void prog_version(const char *detail) PROG_NORETURN;

/* The exit status for a library error: 2 for a usage error (LIQ_EARG),
 * 1 for bad data or an I/O error (every other code). */
/* Say on stderr that holes between files of one market were filled
 * (count, the first, the longest); nothing when there were none. */
/* liq-estimate's warnings on stderr (unless quiet): inputs whose open
 * interest came from volume (--oi-proxy), and price that left the
 * automatic price axis during the run. */
void prog_proxy_warning(const struct liq_estimate *est,
    const struct liq_estimate_options *o, int quiet);
void prog_axis_warning(const struct liq_estimate *est,
    const struct liq_estimate_options *o, int quiet);
void prog_seams(const struct liq_bars_seams *sm);

int prog_status(const struct liq_error *e);

/*
 * Report e and exit with prog_status(e), every temporary output removed
 * first.  An I/O error without a file is a failed write to the output:
 * it is reported as "out: message" (out NULL: "stdout"), with errno's
 * text when the library kept it.
 */
void prog_fail(const struct liq_error *e, const char *out) PROG_NORETURN;

/* ------------------------------------------------------------- outfile.c */

/*
 * Open an output: path NULL or "-" is stdout (binary output to a terminal
 * is refused, exit 2, unless text).  A character device, fifo or socket
 * (/dev/null, /dev/stdout on a pipe) is written in place; anything else
 * is written to a temporary name beside the file path names (symlinks
 * followed, so a link stays a link) that out_close renames into place,
 * keeping the mode of the file it replaces.  The temporary is removed on
 * out_abort and on every catchable signal that ends the program (SIGHUP,
 * SIGINT, SIGTERM, SIGPIPE, SIGXFSZ, SIGXCPU, SIGUSR1, SIGUSR2, SIGALRM,
 * SIGVTALRM, SIGPROF; one ignored at start stays ignored), which then
 * ends it.  Up to four outputs may be open at once.  Exits 2 for an empty
 * name or a file with other hard links, 1 on any other failure.
 */
FILE *out_open(const char *path, int text);

/* An output of a run: its option ("-o", "--series") and path (NULL: not
 * given; "-": stdout); append: written at its end (out_append), not
 * replaced, so other hard links do not matter. */
struct out_name {
	const char *opt;
	const char *path;
	int append;
};

/*
 * Check the outputs of a run against each other and the inputs ins
 * ("-": standard input) before any work, and exit 2 with why for: an
 * empty name, two outputs that are one file (any spelling or link), an
 * output that is one of the inputs (same device and inode), and a file
 * with other hard links.  Devices and fifos are not checked.
 */
void out_check(const struct out_name *outs, int nouts,
    const char *const *ins, int nins);

/* The most outputs of a run, and the longest path of one. */
#define OUT_MAX 4
#define OUT_PATH 4096

/*
 * Where the output path goes (cmd/outcheck.c): OUT_INPLACE for a
 * character device, a fifo or a socket (and a link into /proc or
 * /dev/fd, a descriptor of the program), else OUT_FILE with dest (of
 * OUT_PATH bytes) the file to replace or create, symlinks followed (a
 * dangling one too) and its directory made absolute, and *st that file
 * (st_nlink 0: it does not exist yet).  Exits 1 when the links cannot be
 * followed or the directory does not exist.
 */
enum { OUT_INPLACE, OUT_FILE };
int out_target(const char *path, char *dest, struct stat *st);

/* Exit 2 when st, the file at path, has other hard links: replacing it
 * would leave them the old contents. */
void out_nlink(const char *path, const struct stat *st);

/* The name an output was opened under, "stdout" for stdout. */
const char *out_name(const FILE *f);

/* A write error on an output named name (errno se): every output
 * removed, then exit 1, quietly for EPIPE (the reader is gone), else
 * with "name: write error: ...". */
void out_fail(const char *name, int se) PROG_NORETURN;

/* Flush f; out_fail on an error. */
void out_flush(FILE *f);

/* --append (cmd/append.c): the binary bars file path must hold bars of
 * want's market and interval (exit 1 with why otherwise); returns the
 * time of its last bar (INT64_MIN: none). */
int64_t append_check(const char *path, const struct liq_bars_info *want);

/* Open the regular file path to append to: a failure or a signal cuts
 * it back to the size it had.  Exits 1 on failure. */
FILE *out_append(const char *path);

/* Flush, check, close and rename into place; exits 1 on a write error
 * (after removing every temporary output; quietly for EPIPE).  stdout is
 * flushed and checked, not closed. */
void out_close(FILE *f, const char *path);

/* Close f and remove its temporary file (call on every failure path). */
void out_abort(FILE *f);

/* out_abort every output still open (a failure after several opens). */
void out_abort_all(void);
void out_stdout_once(void);	/* exit 2 when stdout is taken already */

/* ---------------------------------------------------------------- args.c */

/*
 * Option values.  Each checks s (the option's argument, opt its name for
 * the message) in full and exits 2 with the option and the text when it is
 * not a value of the range; a value returned is always in range.
 */
int64_t int_arg(const char *opt, const char *s, int64_t min, int64_t max);
double num_arg(const char *opt, const char *s, double min, double max);

/* A time: ISO 8601 UTC or epoch milliseconds. */
int64_t time_arg(const char *opt, const char *s);

/* A duration ("500ms" ... "1y") of min_ms to max_ms. */
int64_t duration_arg(const char *opt, const char *s, int64_t min_ms,
    int64_t max_ms);

/* --from and --to (INT64_MIN, INT64_MAX: not given): --to must be after
 * --from. */
void from_to_check(int64_t from_ms, int64_t to_ms);

/* The index of s in words (a NULL-terminated list such as
 * liq_side_rule_names). */
/* --prefer first|last: LIQ_PREFER_FIRST or _LAST (exit 2 otherwise). */
int prefer_arg(const char *opt, const char *s);

int word_arg(const char *opt, const char *s, const char *const *words);

/* The index of s in words, a NULL-terminated list; anything else exits 2
 * with the list: "--side: long, short or both: "x"". */
int choice_arg(const char *opt, const char *s, const char *const *words);

/*
 * The CSV style options --time iso|ms, --na TEXT and --exact (opt the
 * option's name with its dashes): s set from arg.  --na takes any text
 * without a comma, quote or line break, "" included; anything else exits 2.
 */
void csv_style_arg(struct liq_csv_style *s, const char *opt, const char *arg);

/* Exit 2 when s (what: its name) has a control character: liq-ingest's
 * texts reach a bars header, one metadata line each. */
void no_ctl(const char *what, const char *s);

/* Copy s, not empty and shorter than n bytes, into dst. */
void copy_arg(char *dst, size_t n, const char *opt, const char *s);

/* The command line as one string (words with a space or quote quoted),
 * for an output's metadata: every liq file says what made it. */
void command_line(char *buf, size_t n, int argc, char **argv);

/* -------------------------------------------------------------- record.c */

/*
 * A record writer: records of the named fields, in their order, written
 * as CSV rows (a header line of the names first) or as JSON objects one a
 * line.  Each rec_* call writes the next field of the record (no more
 * fields than names), rec_end ends it.  Numbers and times are written by
 * the style (struct liq_csv_style; NULL: exact numbers, epoch ms, NaN as
 * "NaN"): rec_usd, rec_price and rec_ratio by their kind; NaN and
 * rec_na are the style's missing value in CSV and null in JSON.
 * A time is a JSON string in ISO form, a number in ms.  The
 * names are plain identifiers (never escaped); string values are quoted
 * as CSV or JSON needs.  Write errors are left on the stream (ferror)
 * for the caller's out_close.
 */
struct rec {
	FILE *f;
	int json;
	const char *const *names;	/* the fields, NULL-terminated */
	const struct liq_csv_style *style;	/* NULL: exact, ms */
	int i;				/* fields written of this record */
};

void rec_init(struct rec *r, FILE *f, int json, const char *const *names,
    const struct liq_csv_style *style);
void rec_header(struct rec *r);		/* CSV: the names; JSON: nothing */
void rec_int(struct rec *r, int64_t v);
void rec_time(struct rec *r, int64_t ms);
void rec_usd(struct rec *r, double x);
void rec_price(struct rec *r, double x);
void rec_ratio(struct rec *r, double x);
void rec_na(struct rec *r);			/* a missing value */
void rec_numtext(struct rec *r, const char *s);	/* a formatted number */
void rec_str(struct rec *r, const char *s);
void rec_end(struct rec *r);			/* end of the record */

/* -------------------------------------------------------------- ledger.c */

/* liq-estimate --ledger: the header on f, then after each column one
 * record per side (nothing when r->f is NULL), times and notional in
 * style s (whole dollars unless s->exact). */
void ledger_start(struct rec *r, FILE *f, const struct liq_csv_style *s);
int ledger_row(struct rec *r, const struct liq_estimate *est,
    const struct liq_grid_column *c, struct liq_error *e);

/* ---------------------------------------------------------------- pick.c */

/*
 * The snapshots of a grid to take.  A column's snapshot time is the end
 * of its span, or the grid's data_to (the end of the data) when that
 * falls inside it.  Set at_arg/at_ms (--at: the latest snapshot at or
 * before it) or every_arg/every_ms (--every: each snapshot whose time is
 * a multiple of it), or neither for the last snapshot; then pick_start
 * once the grid is open, pick_column for each column read, pick_last
 * after the last one, and pick_end.  name is the grid's name for the
 * messages.
 */
struct pick {
	const char *at_arg;		/* --at as given; NULL: none */
	int64_t at_ms;
	const char *every_arg;		/* --every as given */
	int64_t every_ms;		/* --every; 0: none */
	/* private */
	const struct liq_grid_info *g;
	const char *name;
	int64_t data_to_ms;		/* INT64_MAX: not in the grid */
	struct liq_grid_column last;	/* no layers, only the sums */
	int64_t last_ms;		/* its snapshot time */
	int64_t first_ms, final_ms;	/* the first and last snapshot read */
	float *cells;
	uint64_t ncols;
	int kept;
};

/* Exits 2 when --every is not a multiple of the grid's step, 1 when
 * --at is outside the snapshots a grid announces (before the first, more
 * than a step after the last) or data_to is not a time. */
void pick_start(struct pick *p, const struct liq_grid_info *g,
    const char *name);

/* The snapshot time of column c. */
int64_t pick_time(const struct pick *p, const struct liq_grid_column *c);

/* 1 when c is to be taken now (--every); else 0, and without --every c
 * is kept when it is the latest snapshot so far at or before --at. */
int pick_column(struct pick *p, const struct liq_grid_column *c);

/* After the last column: the column kept (NULL with --every) and in
 * *snap_ms its snapshot time.  Exits 1 (outputs removed) when the grid
 * had no columns or --at is outside its snapshots. */
const struct liq_grid_column *pick_last(const struct pick *p,
    int64_t *snap_ms);

/* Frees what pick_start took. */
void pick_end(struct pick *p);

/* ------------------------------------------------------------- zonerec.c */

/*
 * Zone records of grid snapshots (liq-cluster(1)): set mode, sides, top,
 * range_pct and style, then zonerec_new once the grid is open,
 * zonerec_start with the output (the CSV header), zonerec_write per
 * snapshot and zonerec_free.  Every record starts with the snapshot time
 * and the close; a snapshot with nothing to write writes one record of
 * those two, the other fields missing.
 */
enum { ZONEREC_ZONES, ZONEREC_WALLS, ZONEREC_MAP };

struct zonerec {
	int mode;		/* ZONEREC_ZONES, _WALLS or _MAP */
	unsigned sides;		/* 1 << LIQ_ZONES_LONG | 1 << LIQ_ZONES_SHORT */
	long top;		/* per side or direction (walls); 0: all */
	double range_pct;	/* walls and map; map: 0 is every bin */
	const struct liq_csv_style *style;
	uint64_t nsnap, nempty;	/* snapshots written, those with no rows */
	struct rec rec;
	/* private */
	struct liq_zones *z;
	const struct liq_grid_info *g;
	double *cum_long, *cum_short;	/* the map */
	char (*price)[48];	/* formatted edges 0..nbins, then centres */
};

/* Returns 0 or liq_zones_new's error (in e); exits 1 out of memory. */
int zonerec_new(struct zonerec *zr, const struct liq_grid_info *g,
    const struct liq_zones_options *zo, struct liq_error *e);
void zonerec_start(struct zonerec *zr, FILE *f, int json);

/* The records of column c as the snapshot at snap_ms.  Returns 0 or a
 * negative LIQ_E* code (in e); write errors are left on the stream. */
int zonerec_write(struct zonerec *zr, const struct liq_grid_column *c,
    int64_t snap_ms, struct liq_error *e);
void zonerec_free(struct zonerec *zr);

/* ------------------------------------------------------------ gridconv.c */

/* Open the --series output (out_open) and write its header. */
FILE *series_open(const char *path);

/* A series row of c to f (NULL: none) in style s; 0 or LIQ_EIO "write
 * error (--series)" in e. */
int series_row(FILE *f, const struct liq_grid_column *c,
    const struct liq_csv_style *s, struct liq_error *e);

/* Is path a grid file (by its magic)?  NULL and "-" (stdin, which cannot
 * be read twice) are not. */
int gridconv_is_grid(const char *path);

/*
 * Convert the grid at path: --csv writes its CSV form to out (NULL:
 * stdout), --series its series to the file series.  At least one must be
 * asked for (exit 2 otherwise).  Exits 1 on any error, no output left.
 */
void gridconv_run(const char *path, const char *out, int csv,
    const char *series, const struct liq_csv_style *style);

/*
 * liq-cat --info for one file (cmd/fileinfo.c): key=value lines on f,
 * "error=..." (and a message on stderr) when the file is bad.  Returns
 * 0, or 1 for a bad file.
 */
int fileinfo(FILE *f, const char *path);

/* ------------------------------------------------------------ scorerec.c */

/* liq-score's report of s (liq_score_finish done) on f: a table, CSV
 * rows or JSON lines (numbers and times by style). */
enum { SCOREREC_TABLE, SCOREREC_CSV, SCOREREC_JSON };
void scorerec_write(FILE *f, int format, const struct liq_csv_style *style,
    const struct liq_score *s, int resamples);

#endif
