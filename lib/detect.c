/*
 * detect.c - the one place that knows the magic of every liq file: what
 * a stream holds, told from its first bytes after the container (gzip,
 * zip) is undone.  The bars and grid readers and every program ask here
 * instead of comparing magics themselves.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "liq.h"

const char *const liq_file_magic_bars = "\x89LIQBAR\n";
const char *const liq_file_magic_grid = "\x89LIQGRD\n";
const char *const liq_file_magic_end = "\x89LIQEND\n";

static int
starts(const char *p, size_t n, const char *s)
{
	size_t l = strlen(s);

	return n >= l && memcmp(p, s, l) == 0;
}

/* The CSV forms: the "# liq-bars " line first (the older layout), or
 * second after a header line that starts "time," (the header first, so
 * that CSV readers such as DuckDB's find it). */
static int
csv_kind(const char *p, size_t n)
{
	const char *nl;

	if (starts(p, n, "time,") && (nl = memchr(p, '\n', n)) != NULL) {
		n -= (size_t)(nl + 1 - p);
		p = nl + 1;
	}
	if (starts(p, n, "# liq-bars "))
		return LIQ_FILE_BARS_CSV;
	if (starts(p, n, "# liq-grid "))
		return LIQ_FILE_GRID_CSV;
	return LIQ_FILE_OTHER;
}

int
liq_file_detect_bytes(const void *head, size_t n)
{
	const char *p = head;
	int kind;

	if (n == 0)
		return LIQ_FILE_EMPTY;
	if (starts(p, n, liq_file_magic_bars))
		return LIQ_FILE_BARS;
	if (starts(p, n, liq_file_magic_grid))
		return LIQ_FILE_GRID;
	if ((kind = csv_kind(p, n)) != LIQ_FILE_OTHER)
		return kind;
	if ((unsigned char)p[0] == 0x89 && starts(p, n, "\x89LIQ"))
		return LIQ_FILE_LIQ_OTHER;
	return LIQ_FILE_OTHER;
}

const char *
liq_file_type_name(int type)
{
	switch (type) {
	case LIQ_FILE_EMPTY:
		return "empty";
	case LIQ_FILE_BARS:
		return "liq-bars";
	case LIQ_FILE_BARS_CSV:
		return "liq-bars CSV";
	case LIQ_FILE_GRID:
		return "liq-grid";
	case LIQ_FILE_GRID_CSV:
		return "liq-grid CSV";
	case LIQ_FILE_LIQ_OTHER:
		return "liq file of an unknown kind";
	default:
		return "other";
	}
}

int
liq_file_detect(const char *path, int *type, int *container,
    struct liq_error *e)
{
	struct liq_input *in;
	const char *p;
	size_t n;
	struct stat st;
	int rc;

	/* a pipe read here could not be read again by the caller */
	if (path == NULL || strcmp(path, "-") == 0)
		return liq_error_set(e, LIQ_EARG, "(stdin)", 0, NULL, NULL, 0,
		    "standard input cannot be looked at and then read");
	if (stat(path, &st) != 0)
		return liq_error_set(e, LIQ_EIO, path, 0, NULL, NULL, 0, "%s",
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return liq_error_set(e, LIQ_EARG, path, 0, NULL, NULL, 0,
		    "not a regular file (a pipe cannot be looked at and then "
		    "read)");
	if ((rc = liq_input_open(&in, path, e)) != 0)
		return rc;
	if ((rc = liq_input_peek(in, &p, &n, e)) == 0) {
		*type = liq_file_detect_bytes(p, n);
		if (container != NULL)
			*container = liq_input_container(in);
	}
	liq_input_close(in);
	return rc;
}
