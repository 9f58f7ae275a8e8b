/*
 * num.c - checked parsing and exact formatting of numbers, times and
 * durations.  Decimals are converted exactly (one correctly rounded IEEE
 * operation when the digits fit in 2^53 and the power of ten is at most
 * 10^22; strtod otherwise), so results equal strtod's and sums of
 * exchange quantities can be kept in exact integers.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "num_int.h"

const double liq__pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

const int64_t liq__pow10i[19] = {
	INT64_C(1), INT64_C(10), INT64_C(100), INT64_C(1000), INT64_C(10000),
	INT64_C(100000), INT64_C(1000000), INT64_C(10000000),
	INT64_C(100000000), INT64_C(1000000000), INT64_C(10000000000),
	INT64_C(100000000000), INT64_C(1000000000000),
	INT64_C(10000000000000), INT64_C(100000000000000),
	INT64_C(1000000000000000), INT64_C(10000000000000000),
	INT64_C(100000000000000000), INT64_C(1000000000000000000)
};

int
liq_parse_double(const char *s, size_t n, double *out)
{
	struct liq_num v;
	const char *end = s + n, *p;
	char buf[128];
	char *ep;
	double d;

	p = liq__scan_num(s, end, &v);
	if (p == NULL || p != end)
		return LIQ_EDATA;
	if (liq__num_fast(&v, out))
		return 0;
	{
		char *cp = n < sizeof(buf) ? buf : malloc(n + 1);
		int bad;

		if (cp == NULL)
			return LIQ_ENOMEM;
		memcpy(cp, s, n);
		cp[n] = '\0';
		errno = 0;
		d = strtod(cp, &ep);
		bad = ep != cp + n || !isfinite(d);
		if (cp != buf)
			free(cp);
		if (bad)
			return LIQ_EDATA;
	}
	if (errno == ERANGE && d != 0 && fabs(d) >= 1.0)
		return LIQ_EDATA;
	*out = d;
	return 0;
}

int
liq_parse_fixed(const char *s, size_t n, int64_t *mant, int *scale)
{
	struct liq_num v;
	const char *p = liq__scan_num(s, s + n, &v);

	if (p == NULL || p != s + n || !liq__num_fixed(&v, mant, scale))
		return LIQ_EDATA;
	return 0;
}

int
liq_parse_int64(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	uint64_t v = 0, lim;

	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == n)
		return LIQ_EDATA;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (d > 9 || v > (lim - d) / 10)
			return LIQ_EDATA;
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

/* H. Hinnant's days-from-civil, proleptic Gregorian. */
int64_t
liq_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
digits(const char *s, size_t n, size_t *i, int k, int *out)
{
	int v = 0, j;

	if (*i + (size_t)k > n)
		return -1;
	for (j = 0; j < k; j++) {
		unsigned c = (unsigned)(s[*i + (size_t)j] - '0');
		if (c > 9)
			return -1;
		v = v * 10 + (int)c;
	}
	*i += (size_t)k;
	*out = v;
	return 0;
}

static int
leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
liq_parse_time(const char *s, size_t n, int64_t *ms)
{
	static const int mdays[12] = {31,28,31,30,31,30,31,31,30,31,30,31};
	size_t i = 0;
	int y, mo, d, h = 0, mi = 0, sec = 0, frac_ms = 0;
	int64_t t;

	if (n == 0)
		return LIQ_EDATA;
	for (i = 0; i < n && (unsigned)(s[i] - '0') < 10; i++)
		;
	if (i == n)
		return liq_parse_int64(s, n, ms);
	i = 0;
	if (digits(s, n, &i, 4, &y) || i >= n || s[i++] != '-' ||
	    digits(s, n, &i, 2, &mo) || i >= n || s[i++] != '-' ||
	    digits(s, n, &i, 2, &d))
		return LIQ_EDATA;
	if (mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap(y)))
		return LIQ_EDATA;
	if (i < n && (s[i] == 'T' || s[i] == ' ')) {
		i++;
		if (digits(s, n, &i, 2, &h) || i >= n || s[i++] != ':' ||
		    digits(s, n, &i, 2, &mi))
			return LIQ_EDATA;
		if (i < n && s[i] == ':') {
			i++;
			if (digits(s, n, &i, 2, &sec))
				return LIQ_EDATA;
			if (i < n && (s[i] == '.' || s[i] == ',')) {
				int k = 0;
				i++;
				if (i >= n || (unsigned)(s[i] - '0') > 9)
					return LIQ_EDATA;
				for (; i < n && (unsigned)(s[i] - '0') < 10;
				    i++, k++)
					if (k < 3)
						frac_ms = frac_ms * 10 +
						    (s[i] - '0');
				for (; k < 3; k++)
					frac_ms *= 10;
			}
		}
		if (h > 23 || mi > 59 || sec > 59)
			return LIQ_EDATA;
	}
	t = ((liq_days_from_civil(y, (unsigned)mo, (unsigned)d) * 24 + h) *
	    60 + mi) * 60 + sec;
	t = t * 1000 + frac_ms;
	if (i < n && s[i] == 'Z')
		i++;
	else if (i < n && (s[i] == '+' || s[i] == '-')) {
		int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
		i++;
		if (digits(s, n, &i, 2, &oh))
			return LIQ_EDATA;
		if (i < n && s[i] == ':')
			i++;
		if (i < n && digits(s, n, &i, 2, &om))
			return LIQ_EDATA;
		if (oh > 23 || om > 59)
			return LIQ_EDATA;
		t -= sign * (int64_t)(oh * 60 + om) * 60000;
	}
	if (i != n)
		return LIQ_EDATA;
	*ms = t;
	return 0;
}

int
liq_parse_duration(const char *s, size_t n, int64_t *ms)
{
	static const struct { const char *u; int64_t ms; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "m", 60000 },
		{ "h", 3600000 }, { "d", 86400000 }, { "w", 604800000 },
		{ "y", INT64_C(31536000000) }
	};
	size_t i = 0, k;
	int64_t v;

	while (i < n && (unsigned)(s[i] - '0') < 10)
		i++;
	if (i == 0 || liq_parse_int64(s, i, &v))
		return LIQ_EDATA;
	if (i == n) {
		/* a bare number has no unit: only 0 means one thing */
		if (v != 0)
			return LIQ_EDATA;
		*ms = 0;
		return 0;
	}
	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		if (strlen(units[k].u) == n - i &&
		    memcmp(units[k].u, s + i, n - i) == 0) {
			if (v > INT64_MAX / units[k].ms)
				return LIQ_EDATA;
			*ms = v * units[k].ms;
			return 0;
		}
	return LIQ_EDATA;
}

char *
liq_time_format(int64_t ms, char *buf, size_t len)
{
	/* floor division without negating ms: any int64 is formatted */
	int64_t days = ms / 86400000 - (ms % 86400000 < 0);
	int64_t rem = ms % 86400000 + (ms % 86400000 < 0 ? 86400000 : 0), y;
	unsigned mo, d;

	civil_from_days(days, &y, &mo, &d);
	if (rem % 1000)
		snprintf(buf, len, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
		    (long long)y, mo, d, (int)(rem / 3600000),
		    (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
		    (int)(rem % 1000));
	else
		snprintf(buf, len, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
		    (long long)y, mo, d, (int)(rem / 3600000),
		    (int)(rem / 60000 % 60), (int)(rem / 1000 % 60));
	return buf;
}

char *
liq_duration_format(int64_t ms, char *buf, size_t len)
{
	static const struct { const char *u; int64_t ms; } units[] = {
		{ "w", 604800000 }, { "d", 86400000 }, { "h", 3600000 },
		{ "m", 60000 }, { "s", 1000 }
	};
	size_t k;

	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		if (ms != 0 && ms % units[k].ms == 0) {
			snprintf(buf, len, "%lld%s",
			    (long long)(ms / units[k].ms), units[k].u);
			return buf;
		}
	snprintf(buf, len, "%lldms", (long long)ms);
	return buf;
}

/*
 * The shortest %g rendering that reads back as x.  Round-tripping is
 * monotonic in the precision, so binary search over 1..17 digits (about
 * five snprintf/strtod pairs).
 */
int
liq_format_double(double x, char *buf)
{
	int lo = 1, hi = 17;

	if (isnan(x))
		return (int)(memcpy(buf, "NaN", 4), 3);
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		snprintf(buf, 32, "%.*g", mid, x);
		if (strtod(buf, NULL) == x)
			hi = mid;
		else
			lo = mid + 1;
	}
	/* plain notation for everyday magnitudes: 67330, 0.00008319 */
	if (x != 0 && fabs(x) >= 1e-6 && fabs(x) < 1e15) {
		char t[40], *e;
		int n, ex, dec;

		snprintf(t, sizeof(t), "%.*e", lo - 1, x);
		e = strchr(t, 'e');
		ex = e ? atoi(e + 1) : 0;
		dec = lo - 1 - ex;
		n = snprintf(buf, 32, "%.*f", dec > 0 ? dec : 0, x);
		if (n > 0 && n < 32 && strtod(buf, NULL) == x)
			return n;
	}
	return snprintf(buf, 32, "%.*g", lo, x);
}

/* ------------------------------------------------------------ CSV style */

void
liq_csv_style_init(struct liq_csv_style *s)
{
	s->time_ms = 0;
	s->exact = 0;
	s->na = "";
}

int
liq_csv_format_num(const struct liq_csv_style *s, int kind, double x,
    char *buf)
{
	int n;

	if (isnan(x)) {
		const char *na = s != NULL ? s->na : "NaN";

		n = (int)strlen(na);
		if (n > 47)
			n = 47;
		memcpy(buf, na, (size_t)n);
		buf[n] = '\0';
		return n;
	}
	if (s == NULL || s->exact || kind == LIQ_NUM_EXACT || isinf(x))
		return liq_format_double(x, buf);
	switch (kind) {
	case LIQ_NUM_USD:
		x = nearbyint(x);
		if (fabs(x) < 1e18) {
			/* whole: digits by hand, no printf (zone tables and
			 * grid exports write millions of them) */
			char t[24];
			uint64_t v = (uint64_t)fabs(x);
			int k = 0;

			do
				t[k++] = (char)('0' + v % 10);
			while ((v /= 10) != 0);
			n = 0;
			if (x < 0)
				buf[n++] = '-';
			while (k > 0)
				buf[n++] = t[--k];
			buf[n] = '\0';
			return n;
		}
		return snprintf(buf, 48, "%.0f", x);
	case LIQ_NUM_RATIO:
		n = snprintf(buf, 48, "%.6g", x);
		/* the plain form of what %.6g kept, when it is short */
		if (strchr(buf, 'e') != NULL && fabs(x) >= 1e-6 &&
		    fabs(x) < 1e15)
			return liq_format_double(strtod(buf, NULL), buf);
		return n;
	default:	/* LIQ_NUM_PRICE */
		n = liq_format_double(x, buf);
		if (n > 11) {
			char t[48];

			snprintf(t, sizeof(t), "%.10g", x);
			n = liq_format_double(strtod(t, NULL), buf);
		}
		return n;
	}
}

int
liq_csv_format_time(const struct liq_csv_style *s, int64_t ms, char *buf)
{
	if (s == NULL || s->time_ms)
		return snprintf(buf, 40, "%lld", (long long)ms);
	liq_time_format(ms, buf, 40);
	return (int)strlen(buf);
}
