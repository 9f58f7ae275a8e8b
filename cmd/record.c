/*
 * record.c - records of named fields written as CSV rows under a header
 * line of the names, or as JSON objects one a line, so that a program
 * says what a record holds once and both forms agree.  The names are
 * given in order when the writer is set up; each rec_* call writes the
 * next field.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

void
rec_init(struct rec *r, FILE *f, int json, const char *const *names,
    const struct liq_csv_style *style)
{
	r->f = f;
	r->json = json;
	r->names = names;
	r->style = style;
	r->i = 0;
}

void
rec_header(struct rec *r)
{
	if (r->json)
		return;
	for (int i = 0; r->names[i] != NULL; i++) {
		if (i > 0)
			fputc(',', r->f);
		fputs(r->names[i], r->f);
	}
	fputc('\n', r->f);
}

/* Start the next field: the separator, and in JSON the key. */
static void
field(struct rec *r)
{
	assert(r->names[r->i] != NULL);	/* no more fields than names */
	if (r->json) {
		fputs(r->i == 0 ? "{\"" : ",\"", r->f);
		fputs(r->names[r->i], r->f);
		fputs("\":", r->f);
	} else if (r->i > 0)
		fputc(',', r->f);
	r->i++;
}

void
rec_int(struct rec *r, int64_t v)
{
	field(r);
	fprintf(r->f, "%lld", (long long)v);
}

void
rec_time(struct rec *r, int64_t ms)
{
	char b[48];

	field(r);
	liq_csv_format_time(r->style, ms, b);
	if (r->json && (r->style == NULL || !r->style->time_ms))
		fprintf(r->f, "\"%s\"", b);
	else
		fputs(b, r->f);
}

/* A number of a kind (LIQ_NUM_*); NaN is null in JSON. */
static void
num(struct rec *r, int kind, double x)
{
	char b[48];

	field(r);
	if (r->json && !isfinite(x))
		fputs("null", r->f);
	else {
		liq_csv_format_num(r->style, kind, x, b);
		fputs(b, r->f);
	}
}

void
rec_usd(struct rec *r, double x)
{
	num(r, LIQ_NUM_USD, x);
}

void
rec_price(struct rec *r, double x)
{
	num(r, LIQ_NUM_PRICE, x);
}

void
rec_ratio(struct rec *r, double x)
{
	num(r, LIQ_NUM_RATIO, x);
}

void
rec_na(struct rec *r)
{
	num(r, LIQ_NUM_EXACT, NAN);
}

void
rec_numtext(struct rec *r, const char *s)
{
	field(r);
	fputs(s, r->f);
}

/* A string: JSON escapes quotes, backslashes and control characters;
 * CSV quotes a value with a comma, a quote or a line break (RFC 4180). */
void
rec_str(struct rec *r, const char *s)
{
	field(r);
	if (r->json) {
		fputc('"', r->f);
		for (const unsigned char *p = (const unsigned char *)s; *p;
		    p++) {
			if (*p == '"' || *p == '\\')
				fprintf(r->f, "\\%c", *p);
			else if (*p < 0x20)
				fprintf(r->f, "\\u%04x", *p);
			else
				fputc(*p, r->f);
		}
		fputc('"', r->f);
	} else if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', r->f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', r->f);
			fputc(*s, r->f);
		}
		fputc('"', r->f);
	} else
		fputs(s, r->f);
}

void
rec_end(struct rec *r)
{
	fputs(!r->json ? "\n" : r->i > 0 ? "}\n" : "{}\n", r->f);
	r->i = 0;
}
