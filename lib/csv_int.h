/*
 * csv_int.h - splitting one CSV line into fields.  Private to lib/.
 */
#ifndef LIQ_CSV_INT_H
#define LIQ_CSV_INT_H

#include <stddef.h>

#define LIQ_MAXF 64

struct liq_fields {
	int n;
	const char *p[LIQ_MAXF];
	size_t len[LIQ_MAXF];
	char *buf;		/* unquoted copies (libcsv path) */
	size_t cap, used;
};

/*
 * Split line[0..n) (no newline; a trailing '\r' is dropped) at commas.
 * Lines with a double quote go through libcsv.  Returns the number of
 * fields, or -1 (more than LIQ_MAXF fields, a broken quote, no memory).
 */
int liq__split(struct liq_fields *f, const char *line, size_t n);
void liq__fields_free(struct liq_fields *f);

/* Field i equals the NUL-terminated s (case-sensitive). */
int liq__field_is(const struct liq_fields *f, int i, const char *s);

#endif
