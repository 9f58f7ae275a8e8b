/*
 * csv.c - one CSV line into fields.  Unquoted lines (every exchange dump)
 * are split in place at commas; a line with a double quote is handed to
 * libcsv, which copes with quoting, and its fields are copied out.
 */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_int.h"

struct cb {
	struct liq_fields *f;
	int err;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct cb *c = data;
	struct liq_fields *f = c->f;

	if (f->n >= LIQ_MAXF) {
		c->err = 1;
		return;
	}
	if (f->used + len + 1 > f->cap) {
		size_t ncap = (f->used + len + 1) * 2;
		char *nb = realloc(f->buf, ncap);
		if (nb == NULL) {
			c->err = 1;
			return;
		}
		f->buf = nb;
		f->cap = ncap;
	}
	/* store offsets now, pointers later: buf may move */
	memcpy(f->buf + f->used, s, len);
	f->buf[f->used + len] = '\0';
	f->p[f->n] = (const char *)(uintptr_t)f->used;
	f->len[f->n] = len;
	f->used += len + 1;
	f->n++;
}

static int
split_quoted(struct liq_fields *f, const char *line, size_t n)
{
	struct csv_parser cp;
	struct cb c = { f, 0 };
	int i;

	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return -1;
	f->used = 0;
	f->n = 0;
	if (csv_parse(&cp, line, n, on_field, NULL, &c) != n ||
	    csv_fini(&cp, on_field, NULL, &c) != 0)
		c.err = 1;
	csv_free(&cp);
	if (c.err)
		return -1;
	for (i = 0; i < f->n; i++)
		f->p[i] = f->buf + (uintptr_t)f->p[i];
	return f->n;
}

int
liq__split(struct liq_fields *f, const char *line, size_t n)
{
	const char *p = line, *end, *c;

	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (memchr(line, '"', n) != NULL)
		return split_quoted(f, line, n);
	end = line + n;
	f->n = 0;
	for (;;) {
		c = memchr(p, ',', (size_t)(end - p));
		if (f->n >= LIQ_MAXF)
			return -1;
		f->p[f->n] = p;
		f->len[f->n] = (size_t)((c ? c : end) - p);
		f->n++;
		if (c == NULL)
			break;
		p = c + 1;
	}
	return f->n;
}

void
liq__fields_free(struct liq_fields *f)
{
	free(f->buf);
	f->buf = NULL;
	f->cap = f->used = 0;
}

int
liq__field_is(const struct liq_fields *f, int i, const char *s)
{
	size_t k = strlen(s);

	return i < f->n && f->len[i] == k && memcmp(f->p[i], s, k) == 0;
}
