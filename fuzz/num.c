/*
 * fuzz/num.c - libFuzzer harness for the number and time parsers
 * (lib/num.c), differential against the C library:
 *   - liq_parse_double accepts exactly the plain decimals strtod reads
 *     whole with a finite result, and gives the same double bit for bit;
 *   - liq_parse_fixed, when it succeeds, is exact: mant / 10^scale read
 *     back through the same correctly rounded division equals the double;
 *   - liq_parse_int64 agrees with strtoll on plain integers;
 *   - liq_format_double reads back to the same double (also on the
 *     first 8 bytes as any double, infinities included), and
 *     liq_time_format and liq_duration_format take any 64-bit value;
 *   - liq_parse_time and liq_parse_duration do not crash, and a parsed
 *     time in years 0000..9999 formats and parses back to itself.
 */
#include "common.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

/* [+-] digits [. digits] [(e|E) [+-] digits], with at least one digit */
static int
plain_decimal(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
	if (d == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t k;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (k = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == k)
			return 0;
	}
	return i == n;
}

static int
plain_integer(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i == n)
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static void
check_double(const char *s, size_t n, const char *z)
{
	double mine = 0, ref;
	char *end;
	int rc = liq_parse_double(s, n, &mine);

	errno = 0;
	ref = strtod(z, &end);
	if (plain_decimal(s, n) && end == z + n && isfinite(ref)) {
		if (rc != 0 || memcmp(&mine, &ref, sizeof(ref)) != 0) {
			fprintf(stderr, "parse_double(\"%s\"): rc %d, %.17g, "
			    "strtod %.17g\n", z, rc, mine, ref);
			abort();
		}
	} else if (rc == 0) {
		fprintf(stderr, "parse_double accepted \"%s\" (%.17g)\n", z,
		    mine);
		abort();
	}
	if (rc == 0) {
		char buf[40];
		int k = liq_format_double(mine, buf);
		double back = strtod(buf, NULL);
		if (k <= 0 || k >= 32 || back != mine) {
			fprintf(stderr, "format_double(%.17g) = \"%s\"\n",
			    mine, buf);
			abort();
		}
	}
}

static void
check_fixed(const char *s, size_t n)
{
	int64_t mant;
	int scale;
	double d;

	if (liq_parse_fixed(s, n, &mant, &scale) != 0)
		return;
	if (scale < 0 || scale > 18 || liq_parse_double(s, n, &d) != 0) {
		fprintf(stderr, "parse_fixed: scale %d or not a double\n",
		    scale);
		abort();
	}
	if (mant > -(INT64_C(1) << 53) && mant < (INT64_C(1) << 53)) {
		double q = (double)mant;
		static const double p10[19] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
		    1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
		    1e16, 1e17, 1e18 };
		q /= p10[scale];
		if (q != d) {
			fprintf(stderr, "parse_fixed: %lld/10^%d = %.17g, "
			    "parse_double %.17g\n", (long long)mant, scale, q,
			    d);
			abort();
		}
	}
}

static void
check_int(const char *s, size_t n, const char *z)
{
	int64_t mine;
	int rc = liq_parse_int64(s, n, &mine);
	long long ref;
	char *end;

	errno = 0;
	ref = strtoll(z, &end, 10);
	if (plain_integer(s, n) && end == z + n && errno == 0) {
		if (rc != 0 || mine != ref)
			abort();
	} else if (rc == 0)
		abort();
}

static void
check_time(const char *s, size_t n)
{
	/* 0000-01-01 and 10000-01-01 in ms */
	static const int64_t lo = INT64_C(-62167219200000);
	static const int64_t hi = INT64_C(253402300800000);
	int64_t t, back;
	char buf[64];

	if (liq_parse_time(s, n, &t) == 0 && t >= lo && t < hi) {
		liq_time_format(t, buf, sizeof(buf));
		if (liq_parse_time(buf, strlen(buf), &back) != 0 ||
		    back != t) {
			fprintf(stderr, "time %lld -> \"%s\" -> %lld\n",
			    (long long)t, buf, (long long)back);
			abort();
		}
	}
	if (liq_parse_time(s, n, &t) == 0)
		liq_time_format(t, buf, sizeof(buf));
	if (liq_parse_duration(s, n, &t) == 0)
		liq_duration_format(t, buf, sizeof(buf));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *z;
	const char *s = (const char *)data;

	if (size > 4096)
		return 0;
	if (size >= 8) {
		/* the formatters on any 64-bit value: times, durations, doubles */
		int64_t t;
		double x, back;
		char buf[64];

		memcpy(&t, data, 8);
		memcpy(&x, data, 8);
		liq_time_format(t, buf, sizeof(buf));
		liq_duration_format(t, buf, sizeof(buf));
		if (liq_format_double(x, buf) >= 32)
			abort();
		back = strtod(buf, NULL);
		if (!isnan(x) && memcmp(&back, &x, 8) != 0 && !(x == 0 &&
		    back == 0)) {
			fprintf(stderr, "format_double(%a) = \"%s\"\n", x, buf);
			abort();
		}
	}
	/* an exact-size copy, so reading past n is caught */
	if ((z = malloc(size + 1)) == NULL)
		return 0;
	memcpy(z, data, size);
	z[size] = '\0';
	if (strlen(z) == size) {	/* strtod stops at a NUL */
		char *t = malloc(size ? size : 1);
		memcpy(t, data, size);
		check_double(t, size, z);
		check_fixed(t, size);
		check_int(t, size, z);
		check_time(t, size);
		free(t);
	} else {
		double d;
		int64_t m;
		int sc;
		(void)liq_parse_double(s, size, &d);
		(void)liq_parse_fixed(s, size, &m, &sc);
		(void)liq_parse_time(s, size, &m);
		(void)liq_parse_duration(s, size, &m);
	}
	free(z);
	return 0;
}
