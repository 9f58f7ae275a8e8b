/*
 * dialect.c - telling what an exchange dump is: the file name parsed by
 * every dialect's name parser, the head sniffed (header or not, which
 * dialect, its columns, time unit and first time) by asking each dialect
 * of the table (lib/dialect/registry.c) in turn.  Also what the table
 * answers by kind or venue: kind names and the venue's margin rule.
 * The one place that knows every dialect; it names none of them.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "dialect_int.h"
#include "rows_int.h"

/* ------------------------------------------------------------- table */

static const struct liq_dialect *
dialect_of_kind(int kind)
{
	int i;

	for (i = 0; liq__dialects[i] != NULL; i++)
		if (i + 1 == kind)
			return liq__dialects[i];
	return NULL;
}

static int
dialect_kind(const struct liq_dialect *d)
{
	int i;

	for (i = 0; liq__dialects[i] != NULL; i++)
		if (liq__dialects[i] == d)
			return i + 1;
	return LIQ_KIND_UNKNOWN;
}

const struct liq_dialect *
liq__dialect_of_venue(const char *venue)
{
	int i;

	for (i = 0; liq__dialects[i] != NULL; i++)
		if (liq__dialects[i]->venue != NULL &&
		    strcmp(liq__dialects[i]->venue, venue) == 0)
			return liq__dialects[i];
	return liq__dialects[0];
}

const char *
liq_kind_name(int kind)
{
	const struct liq_dialect *d = dialect_of_kind(kind);

	return d != NULL ? d->name : "unknown";
}

/* The margin rule is the dialect's: Binance's for a venue none names. */
int
liq_venue_margin_rule(const char *venue)
{
	return liq__dialect_of_venue(venue)->margin;
}

/* -------------------------------------------------------- file names */

const struct liq_dialect *
liq__parse_name(struct src *s)
{
	const char *slash = strrchr(s->path, '/');
	const struct liq_dialect *named = NULL, *d;
	char base[256];
	size_t len;
	int i, j;

	s->market_hint = -1;
	s->name_from = s->name_to = INT64_MIN;
	snprintf(base, sizeof(base), "%s", slash ? slash + 1 : s->path);
	for (;;) {
		len = strlen(base);
		if (len > 4 && (strcmp(base + len - 4, ".zip") == 0 ||
		    strcmp(base + len - 4, ".csv") == 0))
			base[len - 4] = '\0';
		else if (len > 3 && strcmp(base + len - 3, ".gz") == 0)
			base[len - 3] = '\0';
		else
			break;
	}
	for (i = 0; liq__dialects[i] != NULL; i++) {
		if (liq__dialects[i]->name_parse == NULL)
			continue;
		/* a venue's kinds share one parser: call it once */
		for (j = 0; j < i && liq__dialects[j]->name_parse !=
		    liq__dialects[i]->name_parse; j++)
			;
		if (j < i)
			continue;
		d = liq__dialects[i]->name_parse(s, base);
		if (named == NULL)
			named = d;
	}
	return named;
}

/*
 * A zip archive's member name is the archive's own name for its data
 * (Binance's BTCUSD_PERP-aggTrades-2026-05-08.zip holds
 * BTCUSD_PERP-aggTrades-2026-05-08.csv), and so is the name a gzip file
 * records of the file it was made from: parsed like the file name.  When the file name gives no kind, the member's hints are taken;
 * when both give one and they differ in kind, symbol or date (a COIN-M
 * dump renamed to a USD-M name would be read as linear, each 100-USD
 * contract as one coin), the file is not what its name says: an error
 * naming both.
 */
int
liq__member_name(struct src *s, const struct liq_dialect **named,
    const char *member, struct liq_error *e)
{
	const struct liq_dialect *md;
	struct src *t;
	const char *slash = strrchr(member, '/');
	int rc = 0;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return liq_error_set(e, LIQ_ENOMEM, s->path, 0, NULL, NULL, 0,
		    "out of memory");
	snprintf(t->path, sizeof(t->path), "%s", slash ? slash + 1 : member);
	if ((md = liq__parse_name(t)) == NULL)
		;	/* a member name that says nothing ("data.csv") */
	else if (*named == NULL) {
		*named = md;
		if (s->symbol[0] == '\0')
			snprintf(s->symbol, sizeof(s->symbol), "%s", t->symbol);
		if (s->market_hint < 0)
			s->market_hint = t->market_hint;
		if (s->name_from == INT64_MIN) {
			s->name_from = t->name_from;
			s->name_to = t->name_to;
		}
	} else if (md != *named || strcmp(t->symbol, s->symbol) != 0 ||
	    t->name_from != s->name_from || t->name_to != s->name_to)
		rc = liq_error_set(e, LIQ_EFORMAT, s->path, 0, NULL, NULL, 0,
		    "the file name says %s %s but %s %s (%s %s): a renamed "
		    "file? (name it as its data)", s->symbol, (*named)->name,
		    liq_input_container(s->in) == LIQ_CONT_GZIP ?
		    "it was compressed from" : "the zip holds", member,
		    t->symbol, md->name);
	free(t);
	return rc;
}

/* ----------------------------------------------------------- columns */

void
liq__set_names(struct src *s, const struct liq_colspec *sp)
{
	int i;

	for (i = 0; i < NFIELD; i++) {
		s->col[i] = -1;
		s->colname[i] = NULL;
	}
	for (i = 0; sp[i].name != NULL; i++)
		s->colname[sp[i].field] = sp[i].name;
}

int
liq__map_columns(struct src *s, const struct liq_colspec *sp,
    const char *line, size_t len, struct liq_error *e)
{
	const struct liq_fields *h = &s->f;
	int i, j, k = 0;

	liq__set_names(s, sp);
	if (!s->has_header) {
		for (i = 0; sp[i].name != NULL && k < h->n; i++)
			s->col[sp[i].field] = k++;
		return 0;
	}
	for (i = 0; sp[i].name != NULL; i++)
		for (j = 0; j < h->n; j++)
			if (liq__field_is(h, j, sp[i].name))
				s->col[sp[i].field] = j;
	for (i = 0; sp[i].name != NULL; i++)
		if (sp[i].required && s->col[sp[i].field] < 0)
			return liq_error_set(e, LIQ_EFORMAT, s->path, 1,
			    sp[i].name, line, len, "%s header lacks this "
			    "column", s->d->name);
	return 0;
}

/* ---------------------------------------------------------- sniffing */

static int
looks_numeric(const char *p, size_t n)
{
	double d;

	return liq_parse_double(p, n, &d) == 0;
}

int
liq__looks_time_text(const char *p, size_t n)
{
	int64_t t;

	return n >= 10 && p[4] == '-' && liq_parse_time(p, n, &t) == 0;
}

int
liq__looks_bool(const char *p, size_t n)
{
	return (n == 4 && strncasecmp(p, "true", 4) == 0) ||
	    (n == 5 && strncasecmp(p, "false", 5) == 0);
}

/*
 * The dialect of header h: the first column that is a dialect's marker
 * decides; else the first dialect whose header test takes it; else,
 * with a --map, the mapped one (vendor bars).  NULL: none.
 */
static const struct liq_dialect *
header_dialect(const struct liq_fields *h, const char *map)
{
	const struct liq_dialect *d;
	int i, j, k;

	for (j = 0; j < h->n; j++)
		for (i = 0; (d = liq__dialects[i]) != NULL; i++)
			for (k = 0; d->markers != NULL && d->markers[k] != NULL;
			    k++)
				if (liq__field_is(h, j, d->markers[k]))
					return d;
	for (i = 0; (d = liq__dialects[i]) != NULL; i++)
		if (d->header != NULL && d->header(h))
			return d;
	for (i = 0; map != NULL && (d = liq__dialects[i]) != NULL; i++)
		if (d->flags & LIQ_DIALECT_MAPPED)
			return d;
	return NULL;
}

/* The dialect of a header-less first row, or NULL. */
static const struct liq_dialect *
shape_dialect(const struct liq_fields *f)
{
	const struct liq_dialect *d;
	int i;

	for (i = 0; (d = liq__dialects[i]) != NULL; i++)
		if (d->shape != NULL && d->shape(f))
			return d;
	return NULL;
}

static void
sniff_unit(struct src *s, int64_t raw)
{
	if (raw >= INT64_C(100000000000000000))
		s->tdiv = 1000000;		/* ns */
	else if (raw >= INT64_C(100000000000000))
		s->tdiv = 1000;			/* µs */
	else if (raw >= INT64_C(100000000000))
		s->tdiv = 1;			/* ms */
	else
		s->tdiv = -1000;		/* s */
}

static void
set_dialect(struct src *s, const struct liq_dialect *d)
{
	s->d = d;
	s->kind = dialect_kind(d);
	s->provides = d->provides;
}

/*
 * The first data row, after the file's first line l[0..n): time unit, a
 * dialect that claims the file, first time, venue and symbol.  Returns 0
 * with s->first_ts INT64_MIN when there is none.
 */
static int
first_row(struct src *s, const char *l, size_t n, struct liq_error *e)
{
	const struct liq_dialect *d;
	size_t sl;
	int64_t raw;
	int rc, i, c;

	s->first_ts = INT64_MIN;
	if (s->has_header && (rc = liq__src_line(s, &l, &n, e)) <= 0)
		return rc;
	while (n == 0)
		if ((rc = liq__src_line(s, &l, &n, e)) <= 0)
			return rc;
	if (liq__split(&s->f, l, n) < 0 || s->f.n != s->ncols)
		return liq_error_set(e, LIQ_EDATA, s->path, s->line, NULL, l, n,
		    "%d columns where the %s has %d", s->f.n < 0 ? 0 : s->f.n,
		    s->has_header ? "header" : "first row", s->ncols);
	c = s->col[F_TIME];
	if (liq_parse_int64(s->f.p[c], s->f.len[c], &raw) == 0)
		sniff_unit(s, raw);
	else
		s->tdiv = 1;
	for (i = 0; (d = liq__dialects[i]) != NULL; i++)
		if (d != s->d && d->claim != NULL && d->claim(s)) {
			set_dialect(s, d);
			break;
		}
	if ((rc = liq__get_time(s, F_TIME, &s->first_ts, e)) != 0)
		return rc;
	if (s->d->venue != NULL)
		snprintf(s->venue, sizeof(s->venue), "%s", s->d->venue);
	c = s->col[F_SYMBOL];
	if (s->d->all_symbols == NULL && liq__has(s, F_SYMBOL) &&
	    (sl = s->f.len[c]) > 0 && sl < LIQ_SYMBOL_MAX &&
	    s->symbol[0] == '\0') {
		memcpy(s->symbol, s->f.p[c], sl);
		s->symbol[sl] = '\0';
	}
	return 0;
}

/*
 * A header that names a column twice: which of the two a reader takes is
 * a guess (the last, silently, before), so it is an error that names it.
 * Empty names (trailing commas) are left alone.
 */
static int
header_twice(struct src *s, const char *l, size_t n, struct liq_error *e)
{
	const struct liq_fields *h = &s->f;
	char name[64];
	int i, j;

	for (i = 0; i < h->n; i++)
		for (j = i + 1; j < h->n && h->len[i] > 0; j++)
			if (h->len[i] == h->len[j] && memcmp(h->p[i], h->p[j],
			    h->len[i]) == 0) {
				snprintf(name, sizeof(name), "%.*s",
				    (int)h->len[i], h->p[i]);
				return liq_error_set(e, LIQ_EFORMAT, s->path, 1,
				    name, l, n, "the header has this column "
				    "twice (columns %d and %d): which one is "
				    "meant?", i + 1, j + 1);
			}
	return 0;
}

int
liq__sniff(struct src *s, const char *map, struct liq_error *e)
{
	const struct liq_dialect *d;
	const char *l;
	size_t n;
	int rc;

	if ((rc = liq__src_line(s, &l, &n, e)) < 0)
		return rc;
	if (rc == 0 || (s->blen == 1 && n == 0))
		return liq_error_set(e, LIQ_EFORMAT, s->path, 0, NULL, NULL, 0,
		    "empty input");
	if (n >= 3 && memcmp(l, "\xef\xbb\xbf", 3) == 0) {
		l += 3;		/* a UTF-8 byte-order mark (spreadsheets) */
		n -= 3;
	}
	if (memchr(s->blk, '\0', s->blen) != NULL)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL, NULL, 0,
		    "not a CSV file (binary data)");
	if (liq__split(&s->f, l, n) < 0)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL, l, n,
		    "not a CSV file (bad quoting or over %d columns)",
		    LIQ_MAXF);
	s->ncols = s->f.n;
	s->has_header = !looks_numeric(s->f.p[0], s->f.len[0]) &&
	    !liq__looks_time_text(s->f.p[0], s->f.len[0]);
	if (s->has_header && (rc = header_twice(s, l, n, e)) != 0)
		return rc;
	if (!s->has_header) {
		if ((d = shape_dialect(&s->f)) == NULL)
			return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL,
			    l, n, "no header and %d columns: not a Binance "
			    "dump this program knows", s->f.n);
	} else if ((d = header_dialect(&s->f, map)) == NULL)
		return liq_error_set(e, LIQ_EFORMAT, s->path, 1, NULL, l, n,
		    "unknown header (for vendor bar CSVs, give --map or "
		    "--preset)");
	set_dialect(s, d);
	rc = d->columns != NULL ? d->columns(s, l, n, map, e) :
	    liq__map_columns(s, d->cols, l, n, e);
	if (rc != 0 || (rc = first_row(s, l, n, e)) != 0)
		return rc;
	if (s->d->head != NULL && (rc = s->d->head(s, e)) != 0)
		return rc;
	s->fast = s->d->fused != NULL && (s->d->fused_ok == NULL ||
	    s->d->fused_ok(s));
	return 0;
}
