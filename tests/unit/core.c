/*
 * unit.c - unit tests of libliq against what liq.h promises: the number,
 * time and duration parsers (differential against strtod and by hand), the
 * shortest double formatter, the input containers (plain, gzip, zip, built
 * here with zlib) on both inflate backends, and the bars format, binary and
 * CSV, including truncation and corruption.
 *
 * Prints one TAP line per check ("ok N - ..." or "not ok N - ..." followed
 * by a "# " detail line) and exits 1 if any check failed.  UNIT_QUICK=1
 * shrinks the random and bulk cases (for valgrind); UNIT_KEEP=1 keeps the
 * temporary files.  Real exchange files under ../shared/data are used when
 * present and skipped otherwise.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "liq.h"

#define DATA_DIR "../shared/data"

static int ntest, nfail, quick;

/* ------------------------------------------------------------ reporting */

static int
vcheck(int cond, const char *fmt, va_list ap)
{
	ntest++;
	printf("%s %d - ", cond ? "ok" : "not ok", ntest);
	vprintf(fmt, ap);
	putchar('\n');
	if (!cond)
		nfail++;
	return cond;
}

static int
check(int cond, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vcheck(cond, fmt, ap);
	va_end(ap);
	return r;
}

/* The "# " line after a failed check. */
static void
detail(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int
check_i64(int64_t got, int64_t want, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vcheck(got == want, fmt, ap);
	va_end(ap);
	if (!r)
		detail("got %lld, expected %lld", (long long)got,
		    (long long)want);
	return r;
}

static int
check_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vcheck(strcmp(got, want) == 0, fmt, ap);
	va_end(ap);
	if (!r)
		detail("got \"%s\", expected \"%s\"", got, want);
	return r;
}

/*
 * rc must be want (a LIQ_E* code) and, when needle is not NULL, e->msg
 * must contain it (case-insensitive on ASCII).
 */
static int
has_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i, k;

	for (i = 0; hay[i] != '\0'; i++) {
		for (k = 0; k < n; k++) {
			int a = (unsigned char)hay[i + k], b = (unsigned char)needle[k];
			if (a >= 'A' && a <= 'Z')
				a += 32;
			if (b >= 'A' && b <= 'Z')
				b += 32;
			if (a != b)
				break;
		}
		if (k == n)
			return 1;
	}
	return n == 0;
}

static int
check_err(int rc, int want, const struct liq_error *e, const char *needle,
    const char *fmt, ...)
{
	va_list ap;
	int cond = rc == want, r;

	if (cond && want < 0)
		cond = e->code == want && (needle == NULL ||
		    has_ci(e->msg, needle));
	va_start(ap, fmt);
	r = vcheck(cond, fmt, ap);
	va_end(ap);
	if (!r)
		detail("got rc %d (e.code %d, msg \"%s\"), expected rc %d%s%s%s",
		    rc, e->code, e->msg, want, needle ? " with \"" : "",
		    needle ? needle : "", needle ? "\" in the message" : "");
	return r;
}

/* ------------------------------------------------------------- helpers */

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		printf("# out of memory\n");
		exit(1);
	}
	return p;
}

static uint64_t rng = 0x243f6a8885a308d3ULL;

/* splitmix64: deterministic, seeded per section */
static uint64_t
rnd(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rnd_below(uint64_t n)
{
	return rnd() % n;
}

struct buf {
	unsigned char *p;
	size_t n, cap;
};

static void
buf_reserve(struct buf *b, size_t more)
{
	if (b->n + more > b->cap) {
		size_t ncap = b->cap ? b->cap : 4096;
		unsigned char *np;

		while (ncap < b->n + more)
			ncap *= 2;
		if ((np = realloc(b->p, ncap)) == NULL) {
			printf("# out of memory\n");
			exit(1);
		}
		b->p = np;
		b->cap = ncap;
	}
}

static void
buf_add(struct buf *b, const void *d, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_u16(struct buf *b, unsigned v)
{
	unsigned char c[2] = { (unsigned char)v, (unsigned char)(v >> 8) };

	buf_add(b, c, 2);
}

static void
buf_u32(struct buf *b, uint32_t v)
{
	unsigned char c[4];

	for (int i = 0; i < 4; i++)
		c[i] = (unsigned char)(v >> (8 * i));
	buf_add(b, c, 4);
}

static void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

static int
buf_eq(const struct buf *a, const unsigned char *p, size_t n)
{
	return a->n == n && (n == 0 || memcmp(a->p, p, n) == 0);
}

/* The first offset where a and b[0..n) differ (for details). */
static size_t
first_diff(const struct buf *a, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < a->n && i < n; i++)
		if (a->p[i] != p[i])
			break;
	return i;
}

/* -------------------------------------------------------- temp files */

#define MAX_TMP 256
static char *tmp_paths[MAX_TMP];
static int ntmp;

static void
tmp_cleanup(void)
{
	const char *keep = getenv("UNIT_KEEP");

	for (int i = 0; i < ntmp; i++) {
		if (keep != NULL && *keep != '\0' && strcmp(keep, "0") != 0)
			printf("# kept %s\n", tmp_paths[i]);
		else
			unlink(tmp_paths[i]);
		free(tmp_paths[i]);
	}
	ntmp = 0;
}

/* A new empty file under /tmp; its name lives until the end. */
static const char *
tmp_new(void)
{
	char *path = xmalloc(64);
	int fd;

	snprintf(path, 64, "/tmp/liq-unit-XXXXXX");
	if ((fd = mkstemp(path)) < 0 || ntmp == MAX_TMP) {
		printf("# mkstemp: %s\n", strerror(errno));
		exit(1);
	}
	close(fd);
	tmp_paths[ntmp++] = path;
	return path;
}

/* Remove one temporary file now (path is freed: do not use it after). */
static void
tmp_forget(const char *path)
{
	for (int i = 0; i < ntmp; i++)
		if (tmp_paths[i] == path) {
			unlink(tmp_paths[i]);
			free(tmp_paths[i]);
			tmp_paths[i] = tmp_paths[--ntmp];
			return;
		}
}

static void
write_file(const char *path, const void *d, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || (n > 0 && fwrite(d, 1, n, f) != n) ||
	    fclose(f) != 0) {
		printf("# cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static const char *
tmp_file(const void *d, size_t n)
{
	const char *path = tmp_new();

	write_file(path, d, n);
	return path;
}

static int
read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t k;

	b->n = 0;
	if (f == NULL)
		return -1;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, k);
	fclose(f);
	return 0;
}

/* -------------------------------------------------- zlib: gzip and zip */

/* Deflate src into out (appended); wbits 31 gzip, -15 raw. */
static void
zdeflate(struct buf *out, const unsigned char *src, size_t n, int wbits)
{
	z_stream z;
	size_t bound;
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		printf("# deflateInit2 failed\n");
		exit(1);
	}
	bound = deflateBound(&z, (uLong)n) + 64;
	buf_reserve(out, bound);
	z.next_in = (Bytef *)(uintptr_t)src;
	z.avail_in = (uInt)n;
	z.next_out = out->p + out->n;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	if (rc != Z_STREAM_END) {
		printf("# deflate failed: %d\n", rc);
		exit(1);
	}
	out->n += bound - z.avail_out;
	deflateEnd(&z);
}

struct zmember {
	const char *name;
	const unsigned char *data;
	size_t n;
	int method;	/* 8 deflate; anything else: the bytes are stored */
	int flag3;	/* sizes and CRC in a data descriptor after the data */
};

/* A whole zip archive: local headers and data, central directory, end. */
static void
zip_build(struct buf *z, const struct zmember *m, int nm)
{
	uint32_t off[4], crc[4], csize[4];
	struct buf c = { 0 };
	size_t cd_off, cd_len;
	int i;

	for (i = 0; i < nm; i++) {
		unsigned nlen = (unsigned)strlen(m[i].name);

		c.n = 0;
		if (m[i].method == 8)
			zdeflate(&c, m[i].data, m[i].n, -15);
		else
			buf_add(&c, m[i].data, m[i].n);
		off[i] = (uint32_t)z->n;
		crc[i] = (uint32_t)crc32(crc32(0L, Z_NULL, 0), m[i].data,
		    (uInt)m[i].n);
		csize[i] = (uint32_t)c.n;
		buf_str(z, "PK\3\4");
		buf_u16(z, 20);
		buf_u16(z, m[i].flag3 ? 8 : 0);
		buf_u16(z, (unsigned)m[i].method);
		buf_u16(z, 0);			/* time */
		buf_u16(z, 0x21);		/* date 1980-01-01 */
		buf_u32(z, m[i].flag3 ? 0 : crc[i]);
		buf_u32(z, m[i].flag3 ? 0 : csize[i]);
		buf_u32(z, m[i].flag3 ? 0 : (uint32_t)m[i].n);
		buf_u16(z, nlen);
		buf_u16(z, 0);
		buf_add(z, m[i].name, nlen);
		buf_add(z, c.p, c.n);
		if (m[i].flag3) {
			buf_str(z, "PK\7\10");
			buf_u32(z, crc[i]);
			buf_u32(z, csize[i]);
			buf_u32(z, (uint32_t)m[i].n);
		}
	}
	cd_off = z->n;
	for (i = 0; i < nm; i++) {
		unsigned nlen = (unsigned)strlen(m[i].name);

		buf_str(z, "PK\1\2");
		buf_u16(z, 20);
		buf_u16(z, 20);
		buf_u16(z, m[i].flag3 ? 8 : 0);
		buf_u16(z, (unsigned)m[i].method);
		buf_u16(z, 0);
		buf_u16(z, 0x21);
		buf_u32(z, crc[i]);
		buf_u32(z, csize[i]);
		buf_u32(z, (uint32_t)m[i].n);
		buf_u16(z, nlen);
		buf_u16(z, 0);	/* extra */
		buf_u16(z, 0);	/* comment */
		buf_u16(z, 0);	/* disk */
		buf_u16(z, 0);	/* internal attributes */
		buf_u32(z, 0);	/* external attributes */
		buf_u32(z, off[i]);
		buf_add(z, m[i].name, nlen);
	}
	cd_len = z->n - cd_off;
	buf_str(z, "PK\5\6");
	buf_u16(z, 0);
	buf_u16(z, 0);
	buf_u16(z, (unsigned)nm);
	buf_u16(z, (unsigned)nm);
	buf_u32(z, (uint32_t)cd_len);
	buf_u32(z, (uint32_t)cd_off);
	buf_u16(z, 0);
	buf_free(&c);
}

/* ------------------------------------------------ 1. liq_parse_double */

static int
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* Compare liq_parse_double with strtod on s; 1 when equal. */
static int
parse_matches(const char *s, double *got, double *want, int *rc)
{
	*want = strtod(s, NULL);
	*got = -12345.0;
	*rc = liq_parse_double(s, strlen(s), got);
	return *rc == 0 && same_bits(*got, *want);
}

/* A random decimal, with a fraction, an exponent and a sign as asked. */
static void
rand_decimal(char *s, int frac, int expo, int sign)
{
	int k = 0, nd, i;

	if (sign && rnd_below(2))
		s[k++] = rnd_below(3) ? '-' : '+';
	nd = 1 + (int)rnd_below(20);
	for (i = 0; i < nd; i++)
		s[k++] = (char)('0' + rnd_below(10));
	if (frac) {
		s[k++] = '.';
		nd = 1 + (int)rnd_below(20);
		for (i = 0; i < nd; i++)
			s[k++] = (char)('0' + rnd_below(10));
	}
	if (expo) {
		int ev = (int)rnd_below(61) - 30;
		s[k++] = rnd_below(4) ? 'e' : 'E';
		if (ev < 0)
			s[k++] = '-';
		else if (rnd_below(3) == 0)
			s[k++] = '+';
		k += sprintf(s + k, "%d", ev < 0 ? -ev : ev);
	}
	s[k] = '\0';
}

static void
test_parse_double(void)
{
	static const char *const edge[] = {
		"0", "-0", "0.1", "0.3", "1e22", "1e23", "9007199254740992",
		"9007199254740993", "123456789012345678901234",
		"0.000000000000000000000000001", "1.7976931348623157e308",
		"2.2250738585072014e-308", "4.9e-324", "79972.8",
		"0.00003449", "-0.00000461", "6338566057.9136",
		"-46536.91899999997", "1E5", "1e-5", "+3.5"
	};
	static const char *const bad[] = {
		"", "-", "+", ".", "1.2.3", "abc", "1e", "1e+", "nan", "NaN",
		"inf", "-inf", " 1", "1 ", "0x10", "1e400", "1,5", "--1"
	};
	static const struct { const char *name; int frac, expo, sign; } cls[] = {
		{ "integers", 0, 0, 0 },
		{ "with a fraction", 1, 0, 0 },
		{ "with an exponent", 0, 1, 1 },
		{ "with fraction, exponent and sign", 1, 1, 1 },
		{ "mixed forms", -1, -1, -1 }
	};
	int total = quick ? 5000 : 200000, nper;
	size_t i;

	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
		double got, want;
		int rc;

		if (!check(parse_matches(edge[i], &got, &want, &rc),
		    "parse_double(\"%s\") is bit-identical to strtod",
		    edge[i]))
			detail("rc %d, got %.17g, expected %.17g", rc, got,
			    want);
	}

	rng = 1;
	nper = total / (int)(sizeof(cls) / sizeof(cls[0]));
	for (i = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		char s[96], first[96] = "";
		double got, want, fgot = 0, fwant = 0;
		int k, bad_n = 0, rc, frc = 0;

		for (k = 0; k < nper; k++) {
			rand_decimal(s,
			    cls[i].frac < 0 ? (int)rnd_below(2) : cls[i].frac,
			    cls[i].expo < 0 ? (int)rnd_below(2) : cls[i].expo,
			    cls[i].sign < 0 ? (int)rnd_below(2) : cls[i].sign);
			if (!parse_matches(s, &got, &want, &rc) &&
			    bad_n++ == 0) {
				snprintf(first, sizeof(first), "%s", s);
				fgot = got;
				fwant = want;
				frc = rc;
			}
		}
		if (!check(bad_n == 0, "parse_double equals strtod on %d random "
		    "decimals: %s", nper, cls[i].name))
			detail("%d differ; first \"%s\": rc %d, got %.17g, "
			    "expected %.17g", bad_n, first, frc, fgot, fwant);
	}

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		double got = 42;
		int rc = liq_parse_double(bad[i], strlen(bad[i]), &got);

		if (!check(rc == LIQ_EDATA, "parse_double rejects \"%s\"",
		    bad[i]))
			detail("got rc %d value %.17g, expected LIQ_EDATA", rc,
			    got);
	}
	{
		/* long but valid: 1 followed by 149 zeros */
		char big[160];
		double got = 0, want;
		int rc;

		memset(big, '0', 150);
		big[0] = '1';
		big[150] = '\0';
		want = strtod(big, NULL);
		rc = liq_parse_double(big, 150, &got);
		if (!check(rc == 0 && same_bits(got, want),
		    "parse_double of a 150-digit integer equals strtod (1e149)"))
			detail("rc %d, got %.17g, expected %.17g", rc, got, want);
	}
	{
		/* n, not the NUL, bounds the text */
		double got = 0;
		int rc = liq_parse_double("12.5xyz", 4, &got);
		if (!check(rc == 0 && got == 12.5,
		    "parse_double reads only n bytes (\"12.5\" of \"12.5xyz\")"))
			detail("rc %d got %.17g", rc, got);
	}
}

/* ------------------------------------------------- 2. liq_parse_fixed */

static void
test_parse_fixed(void)
{
	static const struct { const char *s; int64_t mant; int scale; } ok[] = {
		{ "0.015", 15, 3 },
		{ "79972.8", 799728, 1 },
		{ "542.0", 5420, 1 },
		{ "1e3", 1000, 0 },
		{ "-2.50", -250, 2 },
		{ "0", 0, 0 },
		{ "0.000000000000000001", 1, 18 },
		{ "922337203685477580.7", INT64_MAX, 1 },
	};
	static const char *const bad[] = {
		"1234567890123456789012345", "1e-30", "", "1.5x", "abc",
		"9223372036854775808", "0.0000000000000000001"
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t mant = -777;
		int scale = -1;
		int rc = liq_parse_fixed(ok[i].s, strlen(ok[i].s), &mant,
		    &scale);

		if (!check(rc == 0 && mant == ok[i].mant &&
		    scale == ok[i].scale, "parse_fixed(\"%s\") = %lld / 10^%d",
		    ok[i].s, (long long)ok[i].mant, ok[i].scale))
			detail("got rc %d mant %lld scale %d", rc,
			    (long long)mant, scale);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t mant = 0;
		int scale = 0;
		int rc = liq_parse_fixed(bad[i], strlen(bad[i]), &mant,
		    &scale);

		if (!check(rc == LIQ_EDATA, "parse_fixed rejects \"%s\"",
		    bad[i]))
			detail("got rc %d mant %lld scale %d", rc,
			    (long long)mant, scale);
	}
}

/* ------------------------------------------------- 3. liq_parse_int64 */

static void
test_parse_int64(void)
{
	static const struct { const char *s; int64_t v; } ok[] = {
		{ "9223372036854775807", INT64_MAX },
		{ "-9223372036854775808", INT64_MIN },
		{ "0", 0 },
		{ "+42", 42 },
		{ "-1", -1 },
		{ "000123", 123 },
	};
	static const char *const bad[] = {
		"9223372036854775808", "-9223372036854775809",
		"99999999999999999999", "12a", "", "-", "1.0", " 1", "1e3"
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t v = 0;
		int rc = liq_parse_int64(ok[i].s, strlen(ok[i].s), &v);

		if (!check(rc == 0 && v == ok[i].v, "parse_int64(\"%s\")",
		    ok[i].s))
			detail("got rc %d value %lld, expected %lld", rc,
			    (long long)v, (long long)ok[i].v);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t v = 0;
		int rc = liq_parse_int64(bad[i], strlen(bad[i]), &v);

		if (!check(rc == LIQ_EDATA, "parse_int64 rejects \"%s\"",
		    bad[i]))
			detail("got rc %d value %lld", rc, (long long)v);
	}
}

/* -------------------------------------------------- 4. liq_parse_time */

static void
test_parse_time(void)
{
	static const struct { const char *s; int64_t ms; } ok[] = {
		{ "2024-03-01", INT64_C(1709251200000) },
		{ "2024-03-01T12:00", INT64_C(1709294400000) },
		{ "2024-03-01 12:00:00", INT64_C(1709294400000) },
		{ "2024-03-01T12:00:00.250Z", INT64_C(1709294400250) },
		{ "2024-03-01 12:00:00.250Z", INT64_C(1709294400250) },
		{ "2024-03-01T12:00:00+02:00", INT64_C(1709287200000) },
		{ "2024-03-01T12:00:00-01:30", INT64_C(1709299800000) },
		{ "2024-03-01T12:00:00+00:00", INT64_C(1709294400000) },
		{ "2024-02-29", INT64_C(1709164800000) },
		{ "2000-02-29", INT64_C(951782400000) },
		{ "1970-01-01T00:00:00Z", 0 },
		{ "1709251200000", INT64_C(1709251200000) },
		{ "2024-12-31T23:59:59.999Z", INT64_C(1735689599999) },
	};
	static const char *const bad[] = {
		"2023-02-29", "2024-13-01", "2024-03-01T24:00", "2024-03-01X",
		"", "2024-04-31", "2024-00-10", "2024-03-01T12:60",
		"2024-03-01T12:00:60", "1900-02-29", "2024-3-1",
		"2024-03-01T12", "2024-03-01T12:00:00.Z", "17092512000a0"
	};
	int nrt = quick ? 2000 : 100000, bad_n, k;
	int64_t lo = INT64_C(1230768000000);	/* 2009-01-01 */
	int64_t hi = INT64_C(4102444800000);	/* 2100-01-01 */
	size_t i;
	char first[160] = "", tb[64];

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t ms = -1;
		int rc = liq_parse_time(ok[i].s, strlen(ok[i].s), &ms);

		if (!check(rc == 0 && ms == ok[i].ms, "parse_time(\"%s\") = %lld",
		    ok[i].s, (long long)ok[i].ms))
			detail("got rc %d ms %lld", rc, (long long)ms);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t ms = -1;
		int rc = liq_parse_time(bad[i], strlen(bad[i]), &ms);

		if (!check(rc == LIQ_EDATA, "parse_time rejects \"%s\"", bad[i]))
			detail("got rc %d ms %lld", rc, (long long)ms);
	}

	check_str(liq_time_format(INT64_C(1709294400000), tb, sizeof(tb)),
	    "2024-03-01T12:00:00Z", "time_format of a whole second");
	check_str(liq_time_format(INT64_C(1709294400250), tb, sizeof(tb)),
	    "2024-03-01T12:00:00.250Z", "time_format adds .250");
	check_str(liq_time_format(INT64_C(951782400000), tb, sizeof(tb)),
	    "2000-02-29T00:00:00Z", "time_format of a leap day");

	rng = 4;
	bad_n = 0;
	for (k = 0; k < nrt; k++) {
		int64_t ms = lo + (int64_t)rnd_below((uint64_t)(hi - lo)), back = -1;
		int rc;

		if (k % 3 == 0)
			ms -= ms % 1000;	/* the whole-second form too */
		liq_time_format(ms, tb, sizeof(tb));
		rc = liq_parse_time(tb, strlen(tb), &back);
		if ((rc != 0 || back != ms) && bad_n++ == 0)
			snprintf(first, sizeof(first), "%lld -> %s -> %lld",
			    (long long)ms, tb, (long long)back);
	}
	if (!check(bad_n == 0, "time_format then parse_time gives the same ms "
	    "(%d random times 2009-2099)", nrt))
		detail("%d differ, first %s", bad_n, first);

	check_i64(liq_days_from_civil(1970, 1, 1), 0,
	    "days_from_civil(1970,1,1) == 0");
	check_i64(liq_days_from_civil(2000, 3, 1), 11017,
	    "days_from_civil(2000,3,1) == 11017");
	check_i64(liq_days_from_civil(1969, 12, 31), -1,
	    "days_from_civil(1969,12,31) == -1");
}

/* --------------------------------------------- 5. durations */

static void
test_duration(void)
{
	static const struct { const char *s; int64_t ms; } ok[] = {
		{ "1s", 1000 }, { "5m", 300000 }, { "1h", 3600000 },
		{ "1d", 86400000 }, { "1w", 604800000 }, { "500ms", 500 },
		{ "1y", INT64_C(365) * 86400000 }, { "0", 0 },
		{ "90s", 90000 },
	};
	static const char *const bad[] = {
		"", "m", "5x", "-1m", "1 m", "1M", "5mm", "1.5h", "250", "7",
		"99999999999999999w"
	};
	static const struct { int64_t ms; const char *s; } fmt[] = {
		{ 60000, "1m" }, { 90000, "90s" }, { 86400000, "1d" },
		{ 1000, "1s" }, { 3600000, "1h" }, { 604800000, "1w" },
		{ 1500, "1500ms" }, { 300000, "5m" },
	};
	size_t i;
	char b[64];

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t ms = -1;
		int rc = liq_parse_duration(ok[i].s, strlen(ok[i].s), &ms);

		if (!check(rc == 0 && ms == ok[i].ms,
		    "parse_duration(\"%s\") = %lld", ok[i].s,
		    (long long)ok[i].ms))
			detail("got rc %d ms %lld", rc, (long long)ms);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t ms = -1;
		int rc = liq_parse_duration(bad[i], strlen(bad[i]), &ms);

		if (!check(rc == LIQ_EDATA, "parse_duration rejects \"%s\"",
		    bad[i]))
			detail("got rc %d ms %lld", rc, (long long)ms);
	}
	for (i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++)
		check_str(liq_duration_format(fmt[i].ms, b, sizeof(b)), fmt[i].s,
		    "duration_format(%lld)", (long long)fmt[i].ms);
	/* what is formatted parses back */
	for (i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
		int64_t ms = -1;
		int rc;

		liq_duration_format(fmt[i].ms, b, sizeof(b));
		rc = liq_parse_duration(b, strlen(b), &ms);
		if (!check(rc == 0 && ms == fmt[i].ms,
		    "parse_duration(duration_format(%lld)) round trip",
		    (long long)fmt[i].ms))
			detail("\"%s\" -> rc %d ms %lld", b, rc, (long long)ms);
	}
}

/* ------------------------------------------------ 6. liq_format_double */

/* Significant digits of a %g-style number (no leading/trailing zeros). */
static int
sig_digits(const char *s)
{
	int first = -1, last = -1, k = 0;

	for (; *s && *s != 'e' && *s != 'E'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (*s != '0') {
			if (first < 0)
				first = k;
			last = k;
		}
		k++;
	}
	return first < 0 ? 1 : last - first + 1;
}

/* The fewest significant digits that read back to x. */
static int
shortest_digits(double x)
{
	char b[64];

	for (int p = 1; p <= 17; p++) {
		snprintf(b, sizeof(b), "%.*e", p - 1, x);
		if (same_bits(strtod(b, NULL), x))
			return p;
	}
	return 17;
}

static double
rand_finite_double(void)
{
	for (;;) {
		uint64_t u = rnd();
		double d;

		memcpy(&d, &u, 8);
		if (isfinite(d))
			return d;
	}
}

static double
rand_subnormal(void)
{
	uint64_t u = rnd() & ((UINT64_C(1) << 52) - 1);
	double d;

	if (u == 0)
		u = 1;
	u |= rnd() & (UINT64_C(1) << 63);
	memcpy(&d, &u, 8);
	return d;
}

/* A decimal-looking double: up to 12 digits over 10^0..10^10. */
static double
rand_price(void)
{
	double m = (double)(1 + rnd_below(UINT64_C(999999999999)));

	return m / pow(10, (double)rnd_below(11));
}

static void
test_format_double(void)
{
	static const struct { const char *name; int kind; } cls[] = {
		{ "random bit patterns (subnormal to huge)", 0 },
		{ "decimal-looking prices", 1 },
		{ "subnormals", 2 },
		{ "huge magnitudes (>1e300)", 3 },
	};
	int nper = (quick ? 2000 : 100000) / 4;
	char b[64];
	int n;
	size_t c;

	rng = 6;
	for (c = 0; c < sizeof(cls) / sizeof(cls[0]); c++) {
		int bad_rt = 0, bad_len = 0, k;
		double fx = 0;
		char fb[64] = "";

		for (k = 0; k < nper; k++) {
			double x;

			switch (cls[c].kind) {
			case 0:
				x = rand_finite_double();
				break;
			case 1:
				x = rand_price();
				if (rnd_below(4) == 0)
					x = -x;
				break;
			case 2:
				x = rand_subnormal();
				break;
			default:
				x = DBL_MAX * (0.01 + 0.99 * (double)rnd_below(
				    1000000) / 1e6);
				if (rnd_below(2))
					x = -x;
				break;
			}
			memset(b, 'Z', sizeof(b));
			n = liq_format_double(x, b);
			if (n <= 0 || n >= 32 || b[n] != '\0' ||
			    strlen(b) != (size_t)n)
				bad_len++;
			else if (!same_bits(strtod(b, NULL), x) &&
			    bad_rt++ == 0) {
				fx = x;
				snprintf(fb, sizeof(fb), "%s", b);
			}
		}
		if (!check(bad_rt == 0 && bad_len == 0, "format_double reads "
		    "back bit-identical: %d %s", nper, cls[c].name))
			detail("%d do not round-trip (first %.17g printed as "
			    "\"%s\"), %d bad lengths", bad_rt, fx, fb, bad_len);
	}
	{
		static const double sp[] = { 0.0, -0.0, DBL_MAX, -DBL_MAX,
		    DBL_MIN, 5e-324, -5e-324, 1e23, 9007199254740993.0 };
		int bad_n = 0;
		for (c = 0; c < sizeof(sp) / sizeof(sp[0]); c++) {
			liq_format_double(sp[c], b);
			if (!same_bits(strtod(b, NULL), sp[c]) && bad_n++ == 0)
				detail("%.17g printed as \"%s\"", sp[c], b);
		}
		check(bad_n == 0, "format_double round-trips 0, -0, "
		    "+-DBL_MAX, DBL_MIN, +-5e-324, 1e23");
	}

	/* "shortest form": as few significant digits as any round trip */
	for (c = 0; c < 3; c++) {
		static const char *const what[] = { "decimal-looking prices",
		    "random normal doubles", "random subnormals" };
		int bad_n = 0, k;
		double fx = 0;
		char fb[64] = "";

		for (k = 0; k < nper; k++) {
			double x = c == 0 ? rand_price() : c == 1 ?
			    rand_finite_double() : rand_subnormal();

			if (c == 1 && fabs(x) < DBL_MIN)
				continue;	/* subnormals: below */
			liq_format_double(x, b);
			if (sig_digits(b) != shortest_digits(x) &&
			    bad_n++ == 0) {
				fx = x;
				snprintf(fb, sizeof(fb), "%s", b);
			}
		}
		if (!check(bad_n == 0, "format_double is shortest on %d %s", nper,
		    what[c]))
			detail("%d not shortest; first %.17g printed as \"%s\" "
			    "(%d digits, %d suffice)", bad_n, fx, fb,
			    sig_digits(fb), shortest_digits(fx));
	}
	/* where the rounding interval is lopsided: powers of two +-2 ulp */
	{
		int bad_n = 0, tot = 0;
		double fx = 0;
		char fb[64] = "";

		for (int ex = -1074; ex <= 1023; ex++)
			for (int d = -2; d <= 2; d++) {
				double x = ldexp(1, ex);

				for (int k = 0; k < abs(d); k++)
					x = nextafter(x, d < 0 ? 0 : INFINITY);
				liq_format_double(x, b);
				tot++;
				if ((!same_bits(strtod(b, NULL), x) ||
				    sig_digits(b) != shortest_digits(x)) &&
				    bad_n++ == 0) {
					fx = x;
					snprintf(fb, sizeof(fb), "%s", b);
				}
			}
		if (!check(bad_n == 0, "format_double is shortest and exact at "
		    "every power of two +-2 ulp (%d values)", tot))
			detail("%d wrong; first %.17g printed as \"%s\" (%d "
			    "digits suffice)", bad_n, fx, fb, shortest_digits(fx));
	}
	liq_format_double(5e-324, b);
	check_str(b, "5e-324", "format_double(5e-324) is the shortest form");

	n = liq_format_double(NAN, b);
	if (!check(n == 3 && strcmp(b, "NaN") == 0, "format_double(NaN) = \"NaN\""))
		detail("got \"%s\" length %d", b, n);
	n = liq_format_double(0.1, b);
	if (!check(n == 3 && strcmp(b, "0.1") == 0, "format_double(0.1) = \"0.1\""))
		detail("got \"%s\" length %d", b, n);
	n = liq_format_double(2549037.2502, b);
	if (!check(n == 12 && strcmp(b, "2549037.2502") == 0,
	    "format_double(2549037.2502) = \"2549037.2502\""))
		detail("got \"%s\" length %d", b, n);
	(void)liq_format_double(79972.8, b);
	check_str(b, "79972.8", "format_double(79972.8)");
	n = liq_format_double(-0.00000461, b);
	if (!check(same_bits(strtod(b, NULL), -0.00000461) &&
	    sig_digits(b) == 3, "format_double(-0.00000461) is 3 digits"))
		detail("got \"%s\"", b);
}

/* ------------------------------------------------------ 7. containers */

struct rd {
	int rc;
	int container;
	char backend[16];
	int blocks_ok;		/* every block n >= 1 and ends in '\n' */
	size_t nblocks;
	struct liq_error e;
};

/* All of path through liq_input_lines, appended to out. */
static void
read_lines(const char *path, struct buf *out, struct rd *r)
{
	struct liq_input *in;
	const char *p;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->container = -1;
	r->blocks_ok = 1;
	liq_error_clear(&r->e);
	out->n = 0;
	if ((r->rc = liq_input_open(&in, path, &r->e)) != 0)
		return;
	for (;;) {
		int rc = liq_input_lines(in, &p, &n, &r->e);
		if (rc <= 0) {
			r->rc = rc;
			break;
		}
		if (rc != 1 || n == 0 || p[n - 1] != '\n')
			r->blocks_ok = 0;
		if (n > 0)
			buf_add(out, p, n);
		r->nblocks++;
	}
	r->container = liq_input_container(in);
	snprintf(r->backend, sizeof(r->backend), "%s", liq_input_backend(in));
	liq_input_close(in);
}

/* All of path through liq_input_read in random-sized pieces. */
static void
read_raw(const char *path, struct buf *out, struct rd *r)
{
	struct liq_input *in;
	static unsigned char piece[300000];

	memset(r, 0, sizeof(*r));
	r->container = -1;
	r->blocks_ok = 1;
	liq_error_clear(&r->e);
	out->n = 0;
	if ((r->rc = liq_input_open(&in, path, &r->e)) != 0)
		return;
	for (;;) {
		size_t want = rnd_below(4) == 0 ? 1 + rnd_below(16) :
		    1 + rnd_below(sizeof(piece));
		long got = liq_input_read(in, piece, want, &r->e);

		if (got < 0) {
			r->rc = (int)got;
			break;
		}
		if (got == 0)
			break;
		if ((size_t)got > want)
			r->blocks_ok = 0;
		buf_add(out, piece, (size_t)got);
	}
	r->container = liq_input_container(in);
	snprintf(r->backend, sizeof(r->backend), "%s", liq_input_backend(in));
	liq_input_close(in);
}

/* The test text: numbered lines of varying length, some CRLF, no final LF. */
static void
make_text(struct buf *t, int nlines)
{
	char line[160];

	rng = 7;
	for (int i = 1; i <= nlines; i++) {
		int k = snprintf(line, sizeof(line), "%d,%llu,", i,
		    (unsigned long long)rnd_below(1000000000));
		int fill = (int)rnd_below(i % 1000 == 0 ? 120 : 40);

		for (int j = 0; j < fill; j++)
			line[k++] = (char)('a' + (i + j) % 26);
		if (i % 7 == 0)
			line[k++] = '\r';
		if (i < nlines)
			line[k++] = '\n';
		buf_add(t, line, (size_t)k);
	}
}

static const char *const cont_name[] = { "plain", "gzip", "zip" };

static void
set_backend(int zlib)
{
	if (zlib)
		setenv("LIQ_INFLATE", "zlib", 1);
	else
		unsetenv("LIQ_INFLATE");
}

/* Read path (lines, then raw) and check it against text. */
static void
check_container(const char *label, const char *path, int cont,
    const struct buf *text, const struct buf *text_nl, const char *bk_label,
    const char *want_backend, struct buf *got)
{
	struct rd r;

	read_lines(path, got, &r);
	if (!check(r.rc == 0 && buf_eq(got, text_nl->p, text_nl->n),
	    "%s (%s): liq_input_lines reproduces the text plus the final "
	    "newline", label, bk_label))
		detail("rc %d (%s), got %zu bytes in %zu blocks, expected %zu, "
		    "first difference at byte %zu", r.rc, r.e.msg, got->n,
		    r.nblocks, text_nl->n, first_diff(got, text_nl->p,
		    text_nl->n));
	if (!check(r.blocks_ok && r.nblocks > 0,
	    "%s (%s): every block is non-empty and ends with a newline",
	    label, bk_label))
		detail("%zu blocks", r.nblocks);
	if (!check(r.container == cont, "%s (%s): container is %s", label,
	    bk_label, cont_name[cont]))
		detail("got %d, expected %d", r.container, cont);
	check_str(r.backend, cont == LIQ_CONT_PLAIN ? "none" : want_backend,
	    "%s (%s): liq_input_backend", label, bk_label);
	read_raw(path, got, &r);
	if (!check(r.rc == 0 && r.blocks_ok && buf_eq(got, text->p, text->n),
	    "%s (%s): liq_input_read in random pieces gives the exact bytes",
	    label, bk_label))
		detail("rc %d (%s), got %zu bytes, expected %zu, first "
		    "difference at byte %zu", r.rc, r.e.msg, got->n, text->n,
		    first_diff(got, text->p, text->n));
}

/* Read path to the end and expect error code want with needle. */
static void
check_lines_fail(const char *path, int want, const char *needle,
    const char *fmt, ...)
{
	struct buf got = { 0 };
	struct rd r;
	char desc[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(desc, sizeof(desc), fmt, ap);
	va_end(ap);
	read_lines(path, &got, &r);
	tmp_forget(path);
	check_err(r.rc, want, &r.e, needle, "%s", desc);
	buf_free(&got);
}

static void
test_containers(void)
{
	struct buf text = { 0 }, text_nl = { 0 }, got = { 0 };
	struct buf gz = { 0 }, gz2 = { 0 }, zd = { 0 }, zs = { 0 },
	    z3 = { 0 }, tmp = { 0 };
	int nlines = quick ? 40000 : 300000;
	const char *backends = liq_inflate_backends();
	int have_isal = strstr(backends, "isa-l") != NULL;
	const char *p_plain, *p_gz, *p_gz2, *p_zd, *p_zs, *p_z3;
	char be_default[16] = "", be_zlib[16] = "";
	size_t cut;
	int zlib;

	check(strstr(backends, "zlib") != NULL,
	    "liq_inflate_backends lists zlib (\"%s\")", backends);

	make_text(&text, nlines);
	buf_add(&text_nl, text.p, text.n);
	buf_add(&text_nl, "\n", 1);

	p_plain = tmp_file(text.p, text.n);
	zdeflate(&gz, text.p, text.n, 31);
	p_gz = tmp_file(gz.p, gz.n);
	/* two members, split inside a line */
	cut = text.n / 3 + 5;
	zdeflate(&gz2, text.p, cut, 31);
	zdeflate(&gz2, text.p + cut, text.n - cut, 31);
	p_gz2 = tmp_file(gz2.p, gz2.n);
	{
		struct zmember m = { "lines.csv", text.p, text.n, 8, 0 };
		zip_build(&zd, &m, 1);
		m.method = 0;
		zip_build(&zs, &m, 1);
		m.method = 8;
		m.flag3 = 1;
		zip_build(&z3, &m, 1);
	}
	p_zd = tmp_file(zd.p, zd.n);
	p_zs = tmp_file(zs.p, zs.n);
	p_z3 = tmp_file(z3.p, z3.n);

	for (zlib = 0; zlib <= 1; zlib++) {
		const char *bl = zlib ? "LIQ_INFLATE=zlib" : "default backend";
		const char *want = zlib || !have_isal ? "zlib" : "isa-l";
		struct rd r;

		set_backend(zlib);
		rng = 100 + (uint64_t)zlib;
		check_container("plain file", p_plain, LIQ_CONT_PLAIN, &text,
		    &text_nl, bl, want, &got);
		check_container("gzip", p_gz, LIQ_CONT_GZIP, &text, &text_nl,
		    bl, want, &got);
		check_container("two-member gzip", p_gz2, LIQ_CONT_GZIP, &text,
		    &text_nl, bl, want, &got);
		check_container("zip, deflated member", p_zd, LIQ_CONT_ZIP,
		    &text, &text_nl, bl, want, &got);
		check_container("zip, stored member", p_zs, LIQ_CONT_ZIP,
		    &text, &text_nl, bl, want, &got);
		check_container("zip with data descriptor (flag bit 3)", p_z3,
		    LIQ_CONT_ZIP, &text, &text_nl, bl, want, &got);
		read_lines(p_gz, &got, &r);
		snprintf(zlib ? be_zlib : be_default, 16, "%s", r.backend);

		/* truncated gzip: header, deflate data, trailer */
		{
			static const struct { const char *where; long at; } cuts[] = {
				{ "in the header", 5 },
				{ "just after the header", 12 },
				{ "mid-stream", -1 },
				{ "at the start of the trailer", -8 },
				{ "in the trailer", -3 },
				{ "one byte short", -2 },
			};
			for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]);
			    i++) {
				size_t at = cuts[i].at > 0 ? (size_t)cuts[i].at :
				    cuts[i].at == -1 ? gz.n / 2 :
				    gz.n - (size_t)(-cuts[i].at);
				if (cuts[i].at == -2)
					at = gz.n - 1;
				check_lines_fail(tmp_file(gz.p, at),
				    LIQ_ECONTAINER, "truncated",
				    "gzip cut %s (byte %zu of %zu) is a truncated "
				    "container (%s)", cuts[i].where, at, gz.n, bl);
			}
			check_lines_fail(tmp_file(gz2.p, gz2.n - 4),
			    LIQ_ECONTAINER, "truncated", "two-member gzip cut in "
			    "the second trailer (%s)", bl);
			check_lines_fail(tmp_file(zd.p, zd.n / 2),
			    LIQ_ECONTAINER, "truncated", "zip cut mid-member "
			    "(%s)", bl);
			check_lines_fail(tmp_file(zs.p, zs.n / 2),
			    LIQ_ECONTAINER, "truncated", "stored zip cut "
			    "mid-member (%s)", bl);
		}
		/* CRC and length trailer corruption */
		tmp.n = 0;
		buf_add(&tmp, gz.p, gz.n);
		tmp.p[gz.n - 8] ^= 0x40;
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER, "CRC",
		    "gzip with a flipped CRC trailer byte (%s)", bl);
		tmp.p[gz.n - 8] ^= 0x40;
		tmp.p[gz.n - 3] ^= 0x01;
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER,
		    "length", "gzip with a wrong length trailer (%s)", bl);
		tmp.n = 0;
		buf_add(&tmp, zd.p, zd.n);
		tmp.p[14] ^= 0x02;	/* CRC in the local header */
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER, "CRC",
		    "zip with a wrong CRC in the local header (%s)", bl);
		tmp.n = 0;
		buf_add(&tmp, z3.p, z3.n);
		/* the descriptor's CRC: 16 bytes before the central dir */
		{
			size_t cd = z3.n - 22 - (46 + strlen("lines.csv"));
			tmp.p[cd - 12] ^= 0x10;
		}
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER, "CRC",
		    "zip with a wrong CRC in the data descriptor (%s)", bl);
		/* corrupt deflate data */
		tmp.n = 0;
		buf_add(&tmp, gz.p, gz.n);
		memset(tmp.p + gz.n / 3, 0xff, 64);
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER, NULL,
		    "gzip with 64 bytes of 0xff in the deflate data (%s)", bl);

		/* what may follow the gzip data */
		tmp.n = 0;
		buf_add(&tmp, gz.p, gz.n);
		buf_str(&tmp, "garbage\n");
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER,
		    "garbage", "garbage after the gzip data (%s)", bl);
		tmp.n = 0;
		buf_add(&tmp, gz.p, gz.n);
		buf_reserve(&tmp, 300000);
		memset(tmp.p + tmp.n, 0, 300000);
		tmp.n += 300000;
		read_lines(tmp_file(tmp.p, tmp.n), &got, &r);
		if (!check(r.rc == 0 && buf_eq(&got, text_nl.p, text_nl.n),
		    "300000 zero bytes after the gzip data are accepted (%s)",
		    bl))
			detail("rc %d (%s), %zu bytes", r.rc, r.e.msg, got.n);
		tmp.n = gz.n + 1;	/* a single zero byte */
		read_lines(tmp_file(tmp.p, tmp.n), &got, &r);
		if (!check(r.rc == 0 && buf_eq(&got, text_nl.p, text_nl.n),
		    "one zero byte after the gzip data is accepted (%s)", bl))
			detail("rc %d (%s), %zu bytes", r.rc, r.e.msg, got.n);
		tmp.n = gz.n + 1000;
		buf_str(&tmp, "x");
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER,
		    "garbage", "zero bytes then garbage after the gzip data "
		    "(%s)", bl);
	}
	unsetenv("LIQ_INFLATE");
	if (have_isal) {
		if (!check(strcmp(be_default, be_zlib) != 0 &&
		    strcmp(be_default, "isa-l") == 0 &&
		    strcmp(be_zlib, "zlib") == 0,
		    "LIQ_INFLATE=zlib switches the backend from isa-l to zlib"))
			detail("default \"%s\", with LIQ_INFLATE=zlib \"%s\"",
			    be_default, be_zlib);
	} else
		printf("# skip: ISA-L not compiled in, one backend only\n");

	/* container errors named in liq.h */
	{
		static const unsigned char small[] = "a,b\n1,2\n";
		struct zmember two[2] = {
			{ "a.csv", small, sizeof(small) - 1, 0, 0 },
			{ "b.csv", small, sizeof(small) - 1, 0, 0 },
		};
		struct zmember m12 = { "a.csv", small, sizeof(small) - 1, 12, 0 };
		struct liq_input *in;
		struct liq_error e;
		int rc;

		tmp.n = 0;
		zip_build(&tmp, two, 2);
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER,
		    "more than one member", "zip with two members");
		tmp.n = 0;
		zip_build(&tmp, &m12, 1);
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER,
		    "not supported", "zip member with method 12 (bzip2)");
		check_lines_fail(tmp_file("BZh91AY&SY\x01\x02garbage", 18),
		    LIQ_ECONTAINER, "bzip2", "a bzip2 file");
		check_lines_fail(tmp_file("\xfd" "7zXZ\0\0\4", 8),
		    LIQ_ECONTAINER, "xz", "an xz file");
		check_lines_fail(tmp_file("\x28\xb5\x2f\xfd\0\0\0\0", 8),
		    LIQ_ECONTAINER, "zstd", "a zstd file");
		tmp.n = 0;
		zip_build(&tmp, two, 0);	/* only the end record */
		check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_ECONTAINER,
		    "no member", "an empty zip archive");

		liq_error_clear(&e);
		rc = liq_input_open(&in, "/nonexistent/liq-unit/none.csv", &e);
		if (!check(rc == LIQ_EIO && e.code == LIQ_EIO &&
		    e.sys_errno == ENOENT,
		    "a nonexistent path is LIQ_EIO with errno ENOENT"))
			detail("rc %d code %d errno %d (%s)", rc, e.code,
			    e.sys_errno, e.msg);
		liq_input_close(NULL);

		/* a second read after a failed first one must not hang */
		{
			const char *bz = tmp_file("BZh91AY&SY", 10);
			pid_t pid;
			int st = 0;

			fflush(stdout);
			if ((pid = fork()) == 0) {
				char b[16];
				long r1, r2;

				alarm(3);
				if (liq_input_open(&in, bz, &e) != 0)
					_exit(3);
				r1 = liq_input_read(in, b, sizeof(b), &e);
				r2 = liq_input_read(in, b, sizeof(b), &e);
				liq_input_close(in);
				_exit(r1 == LIQ_ECONTAINER && r2 < 0 ? 0 : 4);
			}
			if (pid > 0)
				waitpid(pid, &st, 0);
			if (!check(pid > 0 && WIFEXITED(st) &&
			    WEXITSTATUS(st) == 0, "liq_input_read called again "
			    "after a failed first read returns an error"))
				detail("%s", pid < 0 ? "fork failed" :
				    WIFSIGNALED(st) ? (WTERMSIG(st) == SIGALRM ?
				    "hung (killed by alarm after 3 s)" :
				    "child killed by a signal") :
				    "wrong return codes");
		}
	}

	/* small plain cases */
	{
		struct rd r;

		read_lines(tmp_file("", 0), &got, &r);
		if (!check(r.rc == 0 && got.n == 0 && r.nblocks == 0 &&
		    r.container == LIQ_CONT_PLAIN,
		    "an empty file gives no block and ends cleanly"))
			detail("rc %d, %zu bytes in %zu blocks", r.rc, got.n,
			    r.nblocks);
		read_lines(tmp_file("abc", 3), &got, &r);
		if (!check(r.rc == 0 && buf_eq(&got, (const unsigned char *)
		    "abc\n", 4), "\"abc\" without newline reads as \"abc\\n\""))
			detail("rc %d, %zu bytes", r.rc, got.n);
		tmp.n = 0;
		zdeflate(&tmp, (const unsigned char *)"", 0, 31);
		read_lines(tmp_file(tmp.p, tmp.n), &got, &r);
		if (!check(r.rc == 0 && got.n == 0 &&
		    r.container == LIQ_CONT_GZIP,
		    "a gzip of nothing reads as empty"))
			detail("rc %d (%s), %zu bytes", r.rc, r.e.msg, got.n);
	}

	/* lines over 128 KiB (the documented limit) */
	{
		static const struct { const char *where; size_t before, len; } ll[] = {
			{ "1 MiB line after 100 KiB of short lines", 100000,
			    1 << 20 },
			{ "140 KiB line at the start", 0, 140 * 1024 },
			{ "200 KiB line after 100 KiB of short lines", 100000,
			    200 * 1024 },
			{ "150 KiB line after 600 KiB of short lines", 600000,
			    150 * 1024 },
		};
		for (size_t i = 0; i < sizeof(ll) / sizeof(ll[0]); i++) {
			tmp.n = 0;
			while (tmp.n < ll[i].before)
				buf_str(&tmp, "1,2,3,4,5\n");
			buf_reserve(&tmp, ll[i].len);
			memset(tmp.p + tmp.n, 'x', ll[i].len);
			tmp.n += ll[i].len;
			buf_str(&tmp, "\n1,2,3\n");
			check_lines_fail(tmp_file(tmp.p, tmp.n), LIQ_EDATA,
			    "longer than", "plain: %s is LIQ_EDATA",
			    ll[i].where);
			if (i == 0) {
				struct buf g = { 0 };
				zdeflate(&g, tmp.p, tmp.n, 31);
				check_lines_fail(tmp_file(g.p, g.n), LIQ_EDATA,
				    "longer than", "gzip: %s is LIQ_EDATA",
				    ll[i].where);
				buf_free(&g);
			}
		}
	}

	/*
	 * The 128 KiB limit must not depend on where the line falls in the
	 * library's buffers: a line a little under it is read at any offset,
	 * one a little over it is refused at any offset.
	 */
	{
		size_t offs[40];
		int noff = 0, len_i;
		static const size_t fixed[] = { 0, 1, 9, 5000, 16383, 16384,
		    16385, 30000, 65535, 65536, 65537, 81919, 81920, 81921,
		    100000, 131072, 147456, 200000, 524288, 589824 };

		for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
			offs[noff++] = fixed[i];
		rng = 11;
		while (noff < (quick ? 24 : 40))
			offs[noff++] = (size_t)rnd_below(700000);
		for (len_i = 0; len_i < 2; len_i++) {
			size_t len = len_i == 0 ? 131072 - 100 : 131072 + 100;
			int bad_n = 0, first_rc = 0, prefix_bad = 0;
			size_t first_off = 0;

			for (int k = 0; k < noff; k++) {
				size_t off = offs[k];
				struct rd r;
				const char *path;

				tmp.n = 0;
				if (off > 0 && off < 10) {
					buf_reserve(&tmp, off);
					memset(tmp.p, 'p', off - 1);
					tmp.p[off - 1] = '\n';
					tmp.n = off;
				} else if (off >= 10) {
					for (size_t j = 0; j + 1 < off / 10; j++)
						buf_str(&tmp, "1,2,3,4,5\n");
					buf_reserve(&tmp, 10 + off % 10);
					memset(tmp.p + tmp.n, 'q', 9 + off % 10);
					tmp.n += 9 + off % 10;
					tmp.p[tmp.n++] = '\n';
				}
				if (tmp.n != off)
					prefix_bad++;	/* a bug in this test */
				buf_reserve(&tmp, len);
				memset(tmp.p + tmp.n, 'x', len);
				tmp.n += len;
				buf_str(&tmp, "\n1,2,3\n");
				path = tmp_file(tmp.p, tmp.n);
				read_lines(path, &got, &r);
				tmp_forget(path);
				if ((len_i == 0 ? !(r.rc == 0 &&
				    buf_eq(&got, tmp.p, tmp.n)) :
				    r.rc != LIQ_EDATA) && bad_n++ == 0) {
					first_off = off;
					first_rc = r.rc;
				}
			}
			if (!check(bad_n == 0 && prefix_bad == 0,
			    "a line of %zu bytes is %s at all of %d offsets",
			    len, len_i == 0 ? "read whole" : "LIQ_EDATA", noff))
				detail("%d offsets wrong, first at byte %zu: rc "
				    "%d%s", bad_n, first_off, first_rc,
				    prefix_bad ? " (test prefix wrong)" : "");
		}
	}

	buf_free(&text);
	buf_free(&text_nl);
	buf_free(&got);
	buf_free(&gz);
	buf_free(&gz2);
	buf_free(&zd);
	buf_free(&zs);
	buf_free(&z3);
	buf_free(&tmp);
}

/* liq_input_peek: the head of the input without consuming it. */
static void
test_peek(void)
{
	struct buf text = { 0 }, z = { 0 }, got = { 0 };
	const char *paths[3];
	static const char *const names[3] = { "plain", "gzip", "zip" };
	struct liq_input *in;
	struct liq_error e;
	int i;

	for (i = 0; i < 5000; i++) {
		char line[64];
		int k = snprintf(line, sizeof(line), "%d,peek line %d\n", i,
		    i * 7);
		buf_add(&text, line, (size_t)k);
	}
	paths[0] = tmp_file(text.p, text.n);
	zdeflate(&z, text.p, text.n, 31);
	paths[1] = tmp_file(z.p, z.n);
	z.n = 0;
	{
		struct zmember m = { "peek.csv", text.p, text.n, 8, 0 };
		zip_build(&z, &m, 1);
	}
	paths[2] = tmp_file(z.p, z.n);

	for (i = 0; i < 3; i++) {
		const char *p1 = NULL, *p2 = NULL, *lp;
		size_t n1 = 0, n2 = 0, ln;
		int rc1, rc2, rc;

		liq_error_clear(&e);
		if (liq_input_open(&in, paths[i], &e) != 0) {
			check(0, "peek (%s): open", names[i]);
			detail("%s", e.msg);
			continue;
		}
		rc1 = liq_input_peek(in, &p1, &n1, &e);
		rc2 = liq_input_peek(in, &p2, &n2, &e);
		if (!check(rc1 == 0 && n1 >= 16384 && n1 <= text.n &&
		    memcmp(p1, text.p, n1) == 0,
		    "peek (%s): at least 16 KiB of the decompressed head",
		    names[i]))
			detail("rc %d (%s), n %zu", rc1, e.msg, n1);
		if (!check(rc2 == 0 && n2 == n1 && (n1 == 0 ||
		    memcmp(p2, text.p, n2) == 0),
		    "peek (%s): a second peek shows the same bytes", names[i]))
			detail("rc %d, n %zu then %zu", rc2, n1, n2);
		check_i64(liq_input_container(in), i,
		    "peek (%s): the container is known after a peek", names[i]);
		got.n = 0;
		while ((rc = liq_input_lines(in, &lp, &ln, &e)) == 1)
			buf_add(&got, lp, ln);
		if (!check(rc == 0 && buf_eq(&got, text.p, text.n),
		    "peek (%s): liq_input_lines after it still gives everything",
		    names[i]))
			detail("rc %d (%s), %zu bytes of %zu, first difference "
			    "at %zu", rc, e.msg, got.n, text.n,
			    first_diff(&got, text.p, text.n));
		rc = liq_input_peek(in, &p1, &n1, &e);
		check_err(rc, LIQ_EARG, &e, NULL,
		    "peek (%s) after reading: LIQ_EARG", names[i]);
		liq_input_close(in);
	}

	/* then raw reads */
	if (liq_input_open(&in, paths[1], &e) == 0) {
		static unsigned char piece[7000];
		const char *p;
		size_t n;
		long r;

		liq_input_peek(in, &p, &n, &e);
		got.n = 0;
		while ((r = liq_input_read(in, piece, sizeof(piece), &e)) > 0)
			buf_add(&got, piece, (size_t)r);
		if (!check(r == 0 && buf_eq(&got, text.p, text.n),
		    "peek (gzip) then liq_input_read gives every byte"))
			detail("rc %ld, %zu bytes of %zu", r, got.n, text.n);
		liq_input_close(in);
	}
	/* empty input */
	if (liq_input_open(&in, tmp_file("", 0), &e) == 0) {
		const char *p = NULL, *lp;
		size_t n = 99, ln;
		int rc = liq_input_peek(in, &p, &n, &e);
		int rc2 = liq_input_lines(in, &lp, &ln, &e);

		if (!check(rc == 0 && n == 0 && rc2 == 0,
		    "peek of an empty file: n 0, then the end"))
			detail("peek rc %d n %zu, lines rc %d", rc, n, rc2);
		liq_input_close(in);
	}
	/* a bad container: the error comes from the peek */
	if (liq_input_open(&in, tmp_file("BZh91AY&SY", 10), &e) == 0) {
		const char *p;
		size_t n;
		int rc = liq_input_peek(in, &p, &n, &e);

		check_err(rc, LIQ_ECONTAINER, &e, "bzip2",
		    "peek of a bzip2 file: LIQ_ECONTAINER");
		liq_input_close(in);
	}
	buf_free(&text);
	buf_free(&z);
	buf_free(&got);
}

/* Real exchange files, when present. */
static void
test_real_files(void)
{
	static const char zpath[] =
	    DATA_DIR "/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip";
	static const char cpath[] = DATA_DIR "/binance/BTCUSDT-1m-2023-04-15.csv";
	struct buf got = { 0 };
	struct rd r;
	int zlib;

	if (access(zpath, R_OK) != 0) {
		printf("# skip: %s not present\n", zpath);
	} else
		for (zlib = 0; zlib <= 1; zlib++) {
			size_t lines = 0, i;
			uint32_t crc;

			set_backend(zlib);
			read_lines(zpath, &got, &r);
			for (i = 0; i < got.n; i++)
				lines += got.p[i] == '\n';
			crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), got.p,
			    (uInt)got.n);
			/* size and CRC-32 from the archive's own directory */
			if (!check(r.rc == 0 && r.container == LIQ_CONT_ZIP &&
			    got.n == 6727512 && crc == 0x9623d6f2 &&
			    lines == 105281, "real Binance aggTrades zip reads "
			    "whole (%s): 6727512 bytes, CRC 9623d6f2, 105281 "
			    "lines", zlib ? "zlib" : "default backend"))
				detail("rc %d (%s), %zu bytes, crc %08x, %zu "
				    "lines", r.rc, r.e.msg, got.n, crc, lines);
		}
	unsetenv("LIQ_INFLATE");
	if (access(cpath, R_OK) != 0) {
		printf("# skip: %s not present\n", cpath);
	} else {
		struct buf raw = { 0 };
		read_file(cpath, &raw);
		read_lines(cpath, &got, &r);
		if (!check(r.rc == 0 && r.container == LIQ_CONT_PLAIN &&
		    raw.n == 162020 && buf_eq(&got, raw.p, raw.n),
		    "real Binance klines CSV reads byte for byte"))
			detail("rc %d (%s), %zu bytes of %zu", r.rc, r.e.msg,
			    got.n, raw.n);
		buf_free(&raw);
	}
	buf_free(&got);
}

/* ---------------------------------------------------------- 8. bars */

/* A field in its range (liq_bar_check): NaN, zero, any bit pattern
 * below max, or a decimal-looking amount. */
static double
rand_field_below(double max)
{
	switch (rnd_below(8)) {
	case 0:
		return NAN;
	case 1:
		return 0.0;
	case 2:
		return fmod(fabs(rand_finite_double()), max);
	default:
		return fmod(rand_price(), max);
	}
}

static double
rand_field(void)
{
	return rand_field_below(1e15);
}

/* A decimal-looking price from 1e-8 to 1e9 (liq_bar_check). */
static double
rand_bar_price(void)
{
	double m = (double)(1 + rnd_below(UINT64_C(999999999)));

	return m / pow(10, (double)rnd_below(9));
}

static void
make_bars(struct liq_bar *b, int n)
{
	int64_t t = INT64_C(1709251200000);

	rng = 8;
	for (int i = 0; i < n; i++) {
		struct liq_bar *x = &b[i];
		uint32_t fl = (uint32_t)rnd_below(256);

		memset(x, 0, sizeof(*x));
		t += 60000 * (int64_t)(rnd_below(5) == 0 ? 1 + rnd_below(30) : 1);
		x->time_ms = t;
		x->flags = fl;
		if (fl & LIQ_BAR_PRICE) {
			x->open = rand_bar_price();
			x->high = x->open * 1.01;
			x->low = x->open * 0.99;
			if (x->high > 1e9)
				x->open = x->high = 1e9;
			if (x->low < 1e-8)
				x->low = 1e-8;
			/* a close inside the bar's range (liq_bar_check) */
			x->close = x->low + (x->high - x->low) *
			    (double)rnd_below(1001) / 1000;
		} else
			x->open = x->high = x->low = x->close = NAN;
		x->buy_base = rand_field();
		x->sell_base = rand_field();
		x->buy_quote = rand_field();
		x->sell_quote = rand_field();
		x->trades = fl & LIQ_BAR_VOLUME ?
		    rnd_below(UINT64_C(1000000000000)) : 0;
		x->oi_base = rand_field();
		x->oi_quote = rand_field();
		x->funding = rnd_below(2) ? -rand_bar_price() / 1e9 : NAN;
		x->liq_long_quote = rand_field();
		x->liq_short_quote = rand_field();
		if (fl & LIQ_BAR_LIQ_COUNT) {
			x->liq_long_count = (uint32_t)rnd();
			x->liq_short_count = (uint32_t)rnd_below(100);
		}
		x->ls_ratio = rand_field_below(1e6);
		x->top_ls_ratio = rand_field_below(1e6);
	}
	/* special values */
	b[1].funding = -0.0;
	b[2].oi_base = 5e-324;
	b[3].buy_quote = nextafter(1e15, 0);	/* the largest in range */
	b[4].sell_quote = 5e-324;
	b[5].ls_ratio = 0.1;
	b[6].flags = 0;
	b[7].flags = 0xffffffffu;
}

/* The name of the first field that differs, or NULL (csv: what CSV keeps). */
static const char *
bar_diff(const struct liq_bar *a, const struct liq_bar *w, int csv)
{
#define SAME(f) (isnan(a->f) ? isnan(w->f) : same_bits(a->f, w->f))
#define D(f) if (!SAME(f)) return #f
	uint64_t trades = w->trades;
	uint32_t llc = w->liq_long_count, lsc = w->liq_short_count;

	if (csv) {
		if (!(w->flags & LIQ_BAR_VOLUME))
			trades = 0;
		if (!(w->flags & LIQ_BAR_LIQ_COUNT))
			llc = lsc = 0;
	}
	if (a->time_ms != w->time_ms)
		return "time_ms";
	D(open);
	D(high);
	D(low);
	D(close);
	D(buy_base);
	D(sell_base);
	D(buy_quote);
	D(sell_quote);
	if (a->trades != trades)
		return "trades";
	D(oi_base);
	D(oi_quote);
	D(funding);
	D(liq_long_quote);
	D(liq_short_quote);
	if (a->liq_long_count != llc)
		return "liq_long_count";
	if (a->liq_short_count != lsc)
		return "liq_short_count";
	D(ls_ratio);
	D(top_ls_ratio);
	if (a->flags != w->flags)
		return "flags";
	return NULL;
#undef D
#undef SAME
}

static void
make_info(struct liq_bars_info *info)
{
	memset(info, 0, sizeof(*info));
	snprintf(info->venue, sizeof(info->venue), "binance");
	snprintf(info->symbol, sizeof(info->symbol), "BTCUSD_PERP");
	info->market = LIQ_MARKET_INVERSE;
	info->contract_size = 100;
	info->interval_ms = 60000;
	info->first_ms = info->last_ms = INT64_MIN;
	snprintf(info->command, sizeof(info->command),
	    "liq-ingest -o x.bars\nBTCUSD_PERP-aggTrades.zip");
	snprintf(info->sources, sizeof(info->sources), "unit test");
}

/* Write bars to path (binary or CSV); 0 or the first failing code. */
static int
write_bars(const char *path, const struct liq_bars_info *info,
    const struct liq_bar *b, int n, int csv, struct liq_error *e)
{
	struct liq_bars_writer *w;
	struct liq_csv_style st;
	FILE *f = fopen(path, "wb");
	int rc = 0, i;

	if (f == NULL)
		return LIQ_EIO;
	liq_csv_style_init(&st);
	if ((rc = liq_bars_writer_open(&w, f, info, csv ? &st : NULL,
	    e)) != 0) {
		fclose(f);
		return rc;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = liq_bars_write(w, &b[i], e);
	if (rc == 0)
		rc = liq_bars_writer_close(w, e);
	liq_bars_writer_free(w);
	if (fclose(f) != 0 && rc == 0)
		rc = LIQ_EIO;
	return rc;
}

struct bread {
	int open_rc;
	int rc;			/* last liq_bars_read result */
	int n;			/* bars returned with 1 */
	int ndiff;
	int first_diff;		/* index of the first differing bar */
	const char *field;	/* and its field */
	struct liq_bars_info info0;	/* after open */
	struct liq_bars_info info1;	/* at the end */
	struct liq_error e;
};

/* Read all of path, comparing with want[0..nwant) when want != NULL. */
static void
read_bars(const char *path, const struct liq_bar *want, int nwant, int csv,
    struct bread *r)
{
	struct liq_bars_reader *rd;
	struct liq_bar b;

	memset(r, 0, sizeof(*r));
	r->first_diff = -1;
	liq_error_clear(&r->e);
	if ((r->open_rc = liq_bars_reader_open(&rd, path, &r->e)) != 0) {
		r->rc = r->open_rc;
		return;
	}
	r->info0 = *liq_bars_reader_info(rd);
	for (;;) {
		memset(&b, 0xa5, sizeof(b));
		r->rc = liq_bars_read(rd, &b, &r->e);
		if (r->rc != 1)
			break;
		if (want != NULL) {
			const char *f = r->n < nwant ? bar_diff(&b, &want[r->n],
			    csv) : "extra bar";
			if (f != NULL && r->ndiff++ == 0) {
				r->first_diff = r->n;
				r->field = f;
			}
		}
		r->n++;
		if (r->n > nwant + 1000000)
			break;
	}
	r->info1 = *liq_bars_reader_info(rd);
	liq_bars_reader_close(rd);
}

static uint32_t
get32le(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
check_info(const char *label, const struct liq_bars_info *got,
    const struct liq_bars_info *want)
{
	check_str(got->venue, want->venue, "%s: venue", label);
	check_str(got->symbol, want->symbol, "%s: symbol", label);
	check_i64(got->market, want->market, "%s: market", label);
	if (!check(got->contract_size == want->contract_size,
	    "%s: contract_size", label))
		detail("got %.17g, expected %.17g", got->contract_size,
		    want->contract_size);
	check_i64(got->interval_ms, want->interval_ms, "%s: interval_ms",
	    label);
}

static void
check_bars_read(const char *label, const struct bread *r, int n)
{
	if (!check(r->open_rc == 0 && r->rc == 0 && r->n == n &&
	    r->ndiff == 0, "%s: all %d bars read back equal, clean end", label,
	    n))
		detail("open rc %d, last rc %d (%s), %d bars, %d differ (first "
		    "bar %d field %s)", r->open_rc, r->rc, r->e.msg, r->n,
		    r->ndiff, r->first_diff, r->field ? r->field : "-");
}

static void
test_bars(void)
{
	enum { N = 500 };
	static struct liq_bar bars[N];
	struct liq_bars_info info;
	struct liq_error e;
	struct bread r;
	struct buf file = { 0 }, tmp = { 0 };
	const char *p_bin, *p_csv;
	int rc;
	uint32_t hlen;
	size_t total;

	make_bars(bars, N);
	make_info(&info);

	/* binary on a regular file */
	p_bin = tmp_new();
	liq_error_clear(&e);
	rc = write_bars(p_bin, &info, bars, N, 0, &e);
	if (!check(rc == 0, "bars: wrote %d binary bars", N))
		detail("rc %d (%s)", rc, e.msg);
	read_bars(p_bin, bars, N, 0, &r);
	check_info("binary bars", &r.info0, &info);
	check_i64(r.info0.first_ms, bars[0].time_ms,
	    "binary bars: first_ms patched into the header");
	check_i64(r.info0.last_ms, bars[N - 1].time_ms,
	    "binary bars: last_ms patched into the header");
	check_i64((int64_t)r.info0.nbars, N,
	    "binary bars: nbars patched into the header");
	check_str(r.info0.command,
	    "liq-ingest -o x.bars BTCUSD_PERP-aggTrades.zip",
	    "binary bars: command kept (newline made a space)");
	check_str(r.info0.sources, "unit test", "binary bars: sources kept");
	check_bars_read("binary bars", &r, N);
	check_i64((int64_t)r.info1.nbars, N, "binary bars: nbars at the end");

	/* CSV */
	p_csv = tmp_new();
	rc = write_bars(p_csv, &info, bars, N, 1, &e);
	if (!check(rc == 0, "bars: wrote %d CSV bars", N))
		detail("rc %d (%s)", rc, e.msg);
	read_bars(p_csv, bars, N, 1, &r);
	check_info("CSV bars", &r.info0, &info);
	check_i64(r.info0.first_ms, INT64_MIN,
	    "CSV bars: first_ms is INT64_MIN before the end");
	check_str(r.info0.command,
	    "liq-ingest -o x.bars BTCUSD_PERP-aggTrades.zip",
	    "CSV bars: command kept");
	check_bars_read("CSV bars", &r, N);
	if (!check(r.info1.first_ms == bars[0].time_ms &&
	    r.info1.last_ms == bars[N - 1].time_ms && r.info1.nbars == N,
	    "CSV bars: first_ms, last_ms, nbars known at the end"))
		detail("got %lld %lld %llu", (long long)r.info1.first_ms,
		    (long long)r.info1.last_ms,
		    (unsigned long long)r.info1.nbars);

	/* a CSV bars file cut short, or with a wrong end line */
	{
		struct buf c = { 0 };
		size_t endl, cuts[8];
		int nc = 0;
		char *end_line;

		read_file(p_csv, &c);
		buf_add(&c, "", 1);	/* NUL for strstr; not written */
		end_line = strstr((char *)c.p, "# end bars=");
		endl = end_line ? (size_t)(end_line - (char *)c.p) : c.n - 1;
		cuts[nc++] = 40;			/* in the comments */
		cuts[nc++] = (c.n - 1) / 2;		/* mid-file */
		cuts[nc++] = endl;			/* after the last row */
		cuts[nc++] = endl - 7;			/* inside the last row */
		cuts[nc++] = endl + 4;			/* "# en" */
		cuts[nc++] = endl + 11;			/* "# end bars=" */
		cuts[nc++] = endl + 13;			/* "# end bars=50" */
		for (int i = 0; i < nc; i++) {
			const char *cp = tmp_file(c.p, cuts[i]);

			read_bars(cp, NULL, 0, 1, &r);
			tmp_forget(cp);
			if (!check(r.rc < 0, "CSV bars cut at byte %zu of %zu: an "
			    "error, not a clean end", cuts[i], c.n - 1))
				detail("open rc %d, last rc %d, %d bars",
				    r.open_rc, r.rc, r.n);
		}
		/* only the final newline missing: still whole */
		read_bars(tmp_file(c.p, c.n - 2), bars, N, 1, &r);
		check_bars_read("CSV bars without the final newline", &r, N);
		/* the end line says another count */
		c.n = endl;
		buf_str(&c, "# end bars=499\n");
		read_bars(tmp_file(c.p, c.n), bars, N, 1, &r);
		check_err(r.rc, LIQ_EFORMAT, &r.e, NULL,
		    "CSV bars whose end line says 499 of 500: LIQ_EFORMAT");
		/* a row after the end line */
		c.n = endl;
		buf_str(&c, "# end bars=500\n");
		buf_str(&c, "1809251200000,1,1,1,1,NaN,NaN,NaN,NaN,NaN,NaN,NaN,"
		    "NaN,NaN,NaN,NaN,NaN,NaN,NaN,1\n");
		read_bars(tmp_file(c.p, c.n), bars, N, 1, &r);
		check_err(r.rc, LIQ_EFORMAT, &r.e, NULL,
		    "CSV bars with a row after the end line: LIQ_EFORMAT");
		buf_free(&c);
	}

	/* compressed copies read through liq_input */
	read_file(p_bin, &file);
	tmp.n = 0;
	zdeflate(&tmp, file.p, file.n, 31);
	read_bars(tmp_file(tmp.p, tmp.n), bars, N, 0, &r);
	check_info("gzip binary bars", &r.info0, &info);
	check_i64((int64_t)r.info0.nbars, N, "gzip binary bars: nbars");
	check_bars_read("gzip binary bars", &r, N);
	{
		struct buf c = { 0 }, z = { 0 };
		read_file(p_csv, &c);
		struct zmember m = { "bars.csv", c.p, c.n, 8, 0 };
		zip_build(&z, &m, 1);
		read_bars(tmp_file(z.p, z.n), bars, N, 1, &r);
		check_bars_read("zipped CSV bars", &r, N);
		buf_free(&c);
		buf_free(&z);
	}

	/* a pipe: the header cannot be patched */
	{
		const char *p_pipe = tmp_new();
		char cmd[128];
		struct liq_bars_writer *w;
		FILE *f;
		int i, prc;

		snprintf(cmd, sizeof(cmd), "cat > '%s'", p_pipe);
		f = popen(cmd, "w");
		rc = f ? liq_bars_writer_open(&w, f, &info, 0, &e) : LIQ_EIO;
		for (i = 0; i < N && rc == 0; i++)
			rc = liq_bars_write(w, &bars[i], &e);
		if (f && rc == 0)
			rc = liq_bars_writer_close(w, &e);
		if (f) {
			liq_bars_writer_free(w);
			prc = pclose(f);
			if (rc == 0 && prc != 0)
				rc = LIQ_EIO;
		}
		if (!check(rc == 0, "bars: wrote %d binary bars to a pipe", N))
			detail("rc %d (%s)", rc, e.msg);
		read_bars(p_pipe, bars, N, 0, &r);
		if (!check(r.info0.first_ms == INT64_MIN &&
		    r.info0.last_ms == INT64_MIN && r.info0.nbars == 0,
		    "bars from a pipe: span unknown after open"))
			detail("got %lld %lld %llu", (long long)r.info0.first_ms,
			    (long long)r.info0.last_ms,
			    (unsigned long long)r.info0.nbars);
		check_bars_read("bars from a pipe", &r, N);
		if (!check(r.info1.first_ms == bars[0].time_ms &&
		    r.info1.last_ms == bars[N - 1].time_ms &&
		    r.info1.nbars == N,
		    "bars from a pipe: span known at the end"))
			detail("got %lld %lld %llu", (long long)r.info1.first_ms,
			    (long long)r.info1.last_ms,
			    (unsigned long long)r.info1.nbars);
	}

	/* truncation anywhere is an error, never a clean end */
	hlen = get32le(file.p + 12);
	total = file.n;
	if (!check(total == hlen + (size_t)N * 148 + 24,
	    "binary bars: file is header + %d records of 148 + 24-byte end "
	    "marker", N))
		detail("size %zu, header %u", total, hlen);
	{
		size_t cuts[] = { 0, 4, 8, 20, 40, 55, 56, hlen - 1, hlen,
		    hlen + 1, hlen + 148 * 3 + 70, hlen + 148 * (N / 2),
		    hlen + 148 * N, hlen + 148 * N + 4, hlen + 148 * N + 8,
		    hlen + 148 * N + 12, total - 1 };
		for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
			size_t at = cuts[i];
			int whole = at > hlen ? (int)((at - hlen) / 148) : 0;

			if (whole > N)
				whole = N;
			const char *cut_path = tmp_file(file.p, at);

			read_bars(cut_path, bars, N, 0, &r);
			tmp_forget(cut_path);
			if (!check(r.rc < 0 && r.n <= whole && r.ndiff == 0,
			    "binary bars cut at byte %zu of %zu: an error, no "
			    "bar past the cut", at, total))
				detail("last rc %d (%s), %d bars (at most %d)",
				    r.rc, r.e.msg, r.n, whole);
		}
	}
	/* a flipped byte in a record */
	tmp.n = 0;
	buf_add(&tmp, file.p, file.n);
	tmp.p[hlen + 148 * 10 + 9] ^= 0x01;	/* bar 10, open */
	read_bars(tmp_file(tmp.p, tmp.n), NULL, N, 0, &r);
	check_err(r.rc, LIQ_EFORMAT, &r.e, "CRC",
	    "binary bars with one flipped byte in a record: CRC mismatch");
	/* a flipped byte in the metadata */
	tmp.p[hlen + 148 * 10 + 9] ^= 0x01;
	tmp.p[56 + 1] ^= 0x01;	/* "venue" -> "vwnue": unknown key */
	read_bars(tmp_file(tmp.p, tmp.n), NULL, N, 0, &r);
	check_err(r.rc, LIQ_EFORMAT, &r.e, "CRC",
	    "binary bars with one flipped byte in the metadata: CRC mismatch");
	tmp.p[56 + 1] ^= 0x01;
	/* newer major version */
	tmp.p[8] = 2;
	read_bars(tmp_file(tmp.p, tmp.n), NULL, N, 0, &r);
	check_err(r.open_rc, LIQ_EVERSION, &r.e, NULL,
	    "binary bars with major version 2: LIQ_EVERSION");
	tmp.p[8] = 1;
	/* data after the end marker */
	buf_str(&tmp, "x");
	read_bars(tmp_file(tmp.p, tmp.n), NULL, N, 0, &r);
	/* (the reader holds the last bar back until it knows what follows) */
	if (!check(r.rc < 0 && r.n == N - 1,
	    "binary bars with a byte after the end marker: an error"))
		detail("rc %d (%s), %d bars", r.rc, r.e.msg, r.n);
	/* huge metadata length: refused before allocating */
	tmp.n = file.n;
	tmp.p[20] = 0xff;
	tmp.p[21] = 0xff;
	tmp.p[22] = 0xff;
	tmp.p[23] = 0x7f;
	read_bars(tmp_file(tmp.p, tmp.n), NULL, N, 0, &r);
	check_err(r.rc, LIQ_EFORMAT, &r.e, NULL,
	    "binary bars with a 2 GiB metadata length: LIQ_EFORMAT");
	/* random bytes */
	rng = 9;
	for (int k = 0; k < 3; k++) {
		tmp.n = 0;
		buf_reserve(&tmp, 4096);
		for (int i = 0; i < 4096; i++)
			tmp.p[i] = (unsigned char)rnd();
		tmp.n = 4096;
		read_bars(tmp_file(tmp.p, tmp.n), NULL, N, 0, &r);
		check_err(r.rc, LIQ_EFORMAT, &r.e, NULL,
		    "4096 random bytes (%d) are LIQ_EFORMAT", k + 1);
	}

	/* bars out of order */
	{
		struct liq_bars_writer *w;
		FILE *f = fopen(tmp_new(), "wb");
		struct liq_bar b = bars[0];
		int r1, r2, r3, r4;

		liq_bars_writer_open(&w, f, &info, 0, &e);
		r1 = liq_bars_write(w, &b, &e);
		r2 = liq_bars_write(w, &b, &e);		/* same time */
		b.time_ms -= 60000;
		r3 = liq_bars_write(w, &b, &e);		/* earlier */
		b.time_ms += 120000;
		r4 = liq_bars_write(w, &b, &e);
		liq_bars_writer_close(w, &e);
		liq_bars_writer_free(w);
		fclose(f);
		if (!check(r1 == 0 && r2 < 0 && r3 < 0 && r4 == 0,
		    "liq_bars_write refuses a bar at the same or an earlier time"))
			detail("rc %d %d %d %d", r1, r2, r3, r4);
		liq_bars_writer_free(NULL);
		liq_bars_reader_close(NULL);
	}
	buf_free(&file);
	buf_free(&tmp);
}

/* ------------------------------------------------- 9. hand-written CSV */

static void
test_hand_csv(void)
{
	static const char good[] =
	    "time,open,high,low,close,oi_quote\n"
	    "1709251200000,100.5,101,99.5,100,1500000\n"
	    "1709251260000,100,100.5,99,99.5,\r\n"
	    "1709251320000,99.5,99.5,99.5,99.5,1500100.25\n"
	    "1709251380000,99.5,99.75,99.25,99.75,NaN";
	static const char iso[] =
	    "time,open,high,low,close\n"
	    "2024-03-01T00:00:00Z,1,1,1,1\n"
	    "2024-03-01T00:05:00Z,2,2,2,2\n"
	    "2024-03-01T00:10:00Z,3,3,3,3\n";
	struct bread r;
	struct liq_bars_reader *rd;
	struct liq_bar b[4];
	struct liq_error e;
	int rc, n = 0;

	liq_error_clear(&e);
	rc = liq_bars_reader_open(&rd, tmp_file(good, strlen(good)), &e);
	if (!check(rc == 0, "hand CSV bars: opens"))
		detail("rc %d (%s)", rc, e.msg);
	if (rc == 0) {
		const struct liq_bars_info *info = liq_bars_reader_info(rd);

		check_i64(info->interval_ms, 60000,
		    "hand CSV bars: interval learned from the rows");
		check_i64(info->market, LIQ_MARKET_LINEAR,
		    "hand CSV bars: market defaults to linear");
		while (n < 4 && (rc = liq_bars_read(rd, &b[n], &e)) == 1)
			n++;
		if (n == 4) {
			struct liq_bar extra;
			rc = liq_bars_read(rd, &extra, &e);
		}
		if (!check(n == 4 && rc == 0, "hand CSV bars: 4 rows, clean end"))
			detail("%d rows, rc %d (%s)", n, rc, e.msg);
		if (n == 4) {
			if (!check(b[0].time_ms == INT64_C(1709251200000) &&
			    b[0].open == 100.5 && b[0].high == 101 &&
			    b[0].low == 99.5 && b[0].close == 100 &&
			    b[0].oi_quote == 1500000 &&
			    b[2].oi_quote == 1500100.25,
			    "hand CSV bars: values"))
				detail("bar 0: %lld %g %g %g %g oi %g",
				    (long long)b[0].time_ms, b[0].open,
				    b[0].high, b[0].low, b[0].close,
				    b[0].oi_quote);
			check_i64(b[0].flags, LIQ_BAR_PRICE | LIQ_BAR_OI,
			    "hand CSV bars: flags PRICE|OI with oi_quote");
			check_i64(b[1].flags, LIQ_BAR_PRICE,
			    "hand CSV bars: flags PRICE when oi_quote is empty");
			check_i64(b[3].flags, LIQ_BAR_PRICE,
			    "hand CSV bars: flags PRICE when oi_quote is NaN");
			if (!check(isnan(b[0].buy_base) && isnan(b[0].oi_base) &&
			    isnan(b[0].funding) && isnan(b[0].ls_ratio) &&
			    isnan(b[0].liq_long_quote) && isnan(b[1].oi_quote) &&
			    b[0].trades == 0 && b[0].liq_long_count == 0,
			    "hand CSV bars: missing columns are NaN (counts 0)"))
				detail("buy_base %g oi_base %g funding %g "
				    "trades %llu", b[0].buy_base, b[0].oi_base,
				    b[0].funding,
				    (unsigned long long)b[0].trades);
			if (!check(info->first_ms == INT64_C(1709251200000) &&
			    info->last_ms == INT64_C(1709251380000) &&
			    info->nbars == 4,
			    "hand CSV bars: span known at the end"))
				detail("got %lld %lld %llu",
				    (long long)info->first_ms,
				    (long long)info->last_ms,
				    (unsigned long long)info->nbars);
		}
		liq_bars_reader_close(rd);
	}

	read_bars(tmp_file(iso, strlen(iso)), NULL, 0, 1, &r);
	if (!check(r.open_rc == 0 && r.rc == 0 && r.n == 3 &&
	    r.info0.interval_ms == 300000,
	    "hand CSV bars with ISO times: 3 rows, interval 5m"))
		detail("open %d rc %d (%s) n %d interval %lld", r.open_rc, r.rc,
		    r.e.msg, r.n, (long long)r.info0.interval_ms);

	{
		static const char noclose[] =
		    "time,open,high,low,oi_quote\n"
		    "1709251200000,1,1,1,5\n"
		    "1709251260000,1,1,1,5\n";
		read_bars(tmp_file(noclose, strlen(noclose)), NULL, 0, 1, &r);
		check_err(r.open_rc, LIQ_EFORMAT, &r.e, NULL,
		    "hand CSV without a close column: LIQ_EFORMAT");
		check_str(r.e.field, "close",
		    "hand CSV without close: the error names the column");
	}
	{
		static const char one[] =
		    "time,open,high,low,close\n1709251200000,1,1,1,1\n";
		read_bars(tmp_file(one, strlen(one)), NULL, 0, 1, &r);
		check_err(r.open_rc, LIQ_EFORMAT, &r.e, "interval",
		    "hand CSV with one row and no interval: LIQ_EFORMAT");
	}
	{
		static const char order[] =
		    "time,open,high,low,close\n"
		    "1709251200000,1,1,1,1\n"
		    "1709251260000,1,1,1,1\n"
		    "1709251260000,1,1,1,1\n";
		read_bars(tmp_file(order, strlen(order)), NULL, 0, 1, &r);
		if (!check(r.open_rc == 0 && r.rc < 0 && r.n == 1,
		    "hand CSV with a repeated time: an error after 1 bar "
		    "(the second is held back)"))
			detail("open %d rc %d (%s) n %d", r.open_rc, r.rc,
			    r.e.msg, r.n);
	}
	{
		static const char neg[] =
		    "time,open,high,low,close\n"
		    "1709251200000,1,1,1,1\n"
		    "1709251260000,1,1,-1,1\n";
		read_bars(tmp_file(neg, strlen(neg)), NULL, 0, 1, &r);
		check_err(r.rc, LIQ_EDATA, &r.e, "positive",
		    "hand CSV with a negative low: LIQ_EDATA");
	}
	{
		static const char v2[] =
		    "# liq-bars 2.0\n# interval=1m\n"
		    "time,open,high,low,close\n1709251200000,1,1,1,1\n";
		read_bars(tmp_file(v2, strlen(v2)), NULL, 0, 1, &r);
		check_err(r.open_rc, LIQ_EVERSION, &r.e, NULL,
		    "CSV bars \"# liq-bars 2.0\": LIQ_EVERSION");
	}
	{
		static const char noend[] =
		    "# liq-bars 1.0\n# interval=1m\n"
		    "time,open,high,low,close\n1709251200000,1,1,1,1\n";
		read_bars(tmp_file(noend, strlen(noend)), NULL, 0, 1, &r);
		if (!check(r.open_rc == 0 && r.rc < 0 && r.n == 0,
		    "CSV bars of ours without \"# end\": truncated"))
			detail("open %d rc %d (%s) n %d", r.open_rc, r.rc,
			    r.e.msg, r.n);
	}
}

int
main(void)
{
	const char *q = getenv("UNIT_QUICK");

	setvbuf(stdout, NULL, _IOLBF, 0);
	quick = q != NULL && *q != '\0' && strcmp(q, "0") != 0;
	atexit(tmp_cleanup);

	test_parse_double();
	test_parse_fixed();
	test_parse_int64();
	test_parse_time();
	test_duration();
	test_format_double();
	test_containers();
	tmp_cleanup();
	test_peek();
	tmp_cleanup();
	test_real_files();
	test_bars();
	tmp_cleanup();
	test_hand_csv();
	tmp_cleanup();
	return nfail > 0;
}
