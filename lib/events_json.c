/*
 * events_json.c - Binance forceOrder records as JSON lines: one message
 * of the <symbol>@forceOrder (or !forceOrder@arr) stream per line, as a
 * recorder writes them, bare ({"e":"forceOrder","E":...,"o":{...}}) or
 * in the combined-stream wrapper ({"stream":...,"data":{...}}).  The
 * order object "o" has s (symbol), S (side: SELL = a long liquidated),
 * q (quantity), p (price), ap (average price), z (filled quantity) and
 * T (trade time, ms).  A small scanner of one object's members, enough
 * for these flat messages (strings without escapes, numbers, nested
 * objects and arrays skipped).
 */
#include <math.h>
#include <string.h>

#include "events_int.h"

static const char *
skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Past the string at p ('"'), or NULL when it does not end. */
static const char *
skip_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

/* Past the value at p, or NULL when it is malformed. */
static const char *
skip_value(const char *p, const char *end)
{
	int depth = 0;

	if (p >= end)
		return NULL;
	if (*p == '"')
		return skip_string(p, end);
	if (*p != '{' && *p != '[') {
		while (p < end && *p != ',' && *p != '}' && *p != ']' &&
		    *p != ' ' && *p != '\t')
			p++;
		return p;
	}
	while (p < end) {
		if (*p == '"') {
			if ((p = skip_string(p, end)) == NULL)
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']') {
			if (--depth == 0)
				return p + 1;
		}
		p++;
	}
	return NULL;
}

/*
 * The member key of the object at p ('{'): its value in *v, *vl (a
 * string without its quotes).  Returns 1 found, 0 absent, -1 malformed.
 */
static int
member(const char *p, const char *end, const char *key, const char **v,
    size_t *vl)
{
	size_t kl = strlen(key);

	if (p >= end || *p != '{')
		return -1;
	p = skip_ws(p + 1, end);
	if (p < end && *p == '}')
		return 0;
	while (p < end) {
		const char *k = p, *ke, *vs, *ve;

		if (*p != '"' || (ke = skip_string(p, end)) == NULL)
			return -1;
		p = skip_ws(ke, end);
		if (p >= end || *p != ':')
			return -1;
		vs = skip_ws(p + 1, end);
		if ((ve = skip_value(vs, end)) == NULL || ve == vs)
			return -1;
		if ((size_t)(ke - k) == kl + 2 && memcmp(k + 1, key, kl) == 0) {
			if (*vs == '"') {
				*v = vs + 1;
				*vl = (size_t)(ve - vs - 2);
			} else {
				*v = vs;
				*vl = (size_t)(ve - vs);
			}
			return 1;
		}
		p = skip_ws(ve, end);
		if (p < end && *p == '}')
			return 0;
		if (p >= end || *p != ',')
			return -1;
		p = skip_ws(p + 1, end);
	}
	return -1;
}

/* A member that must be there; its value must not need unescaping. */
static int
need(struct ev_reader *r, const char *o, const char *end, const char *key,
    int c, const char **v, size_t *vl, struct liq_error *e)
{
	int rc = member(o, end, key, v, vl);

	r->cname[c] = key;
	if (rc < 0)
		return liq__ev_err(r, e, -1, o, (size_t)(end - o),
		    "not a JSON object");
	if (rc == 0)
		return liq__ev_err(r, e, c, NULL, 0, "missing");
	if (memchr(*v, '\\', *vl) != NULL)
		return liq__ev_err(r, e, c, *v, *vl, "escaped text");
	return 0;
}

int
liq__ev_json_row(struct ev_reader *r, const char *l, size_t n,
    struct liq_error *e)
{
	const char *end = l + n, *o = l, *v, *sv, *pv, *qv;
	size_t vl, sl, pl, ql;
	int64_t t;
	int side, rc;
	double px, qty;

	while (end > l && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	/* the combined stream's wrapper, then the order object */
	if ((rc = member(o, end, "data", &v, &vl)) == 1 && *v == '{')
		o = v, end = v + vl;
	if (rc >= 0 && (rc = member(o, end, "o", &v, &vl)) == 1 &&
	    *v == '{')
		o = v, end = v + vl;
	else if (rc == 1)
		return liq__ev_err(r, e, -1, l, n, "\"o\" is not an object");
	if (rc < 0)
		return liq__ev_err(r, e, -1, l, n, "not a JSON object");
	if ((rc = need(r, o, end, "T", C_TIME, &v, &vl, e)) ||
	    (rc = liq__ev_time(r, C_TIME, v, vl, &t, e)) ||
	    (rc = need(r, o, end, "S", C_SIDE, &sv, &sl, e)) ||
	    (rc = liq__ev_side(r, C_SIDE, sv, sl, &side, e)))
		return rc;
	if (member(o, end, "s", &v, &vl) == 1) {
		r->cname[C_SYMBOL] = "s";
		if ((rc = liq__ev_symbol(r, C_SYMBOL, v, vl, e)) != 0)
			return rc;
	}
	/* the average fill price and filled quantity when it filled */
	if (member(o, end, "ap", &pv, &pl) != 1 ||
	    liq_parse_double(pv, pl, &px) != 0 || !(px > 0)) {
		if ((rc = need(r, o, end, "p", C_PRICE, &pv, &pl, e)) != 0)
			return rc;
	} else
		r->cname[C_PRICE] = "ap";
	if ((rc = liq__ev_pos(r, C_PRICE, pv, pl, LIQ_EV_PRICE_MIN,
	    LIQ_EV_PRICE_MAX, &px, e)) != 0)
		return rc;
	if (member(o, end, "z", &qv, &ql) != 1 ||
	    liq_parse_double(qv, ql, &qty) != 0 || !(qty > 0)) {
		if ((rc = need(r, o, end, "q", C_QTY, &qv, &ql, e)) != 0)
			return rc;
	} else
		r->cname[C_QTY] = "z";
	if ((rc = liq__ev_pos(r, C_QTY, qv, ql, 0, LIQ_EV_QTY_MAX, &qty,
	    e)) != 0)
		return rc;
	return liq__ev_add(r, t, side, px, qty, NAN, e);
}
