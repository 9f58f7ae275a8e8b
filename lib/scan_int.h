/*
 * scan_int.h - word-at-a-time scanners for the fused row parsers of the
 * dialects (lib/dialect/): digits and decimals eight bytes at a time
 * (SWAR), the end of a line and its commas sixteen bytes at a time (SSE2;
 * eight without it).  They are inline (the hot ones always_inline), so
 * a fused parser keeps them in its loop.  They read whole words past
 * where they stop: the input buffers (lib/input.c) have 32 bytes of
 * slack after the last line.  Private to lib/.
 */
#ifndef LIQ_SCAN_INT_H
#define LIQ_SCAN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The first four bytes of s as a word, to compare with text. */
static inline __attribute__((always_inline)) uint32_t
word4(const char *s)
{
	uint32_t v;

	memcpy(&v, s, 4);
	return v;
}

/* A byte with its high bit set for each byte of v that is not a digit. */
static inline __attribute__((always_inline)) uint64_t
nondigits(uint64_t v)
{
	const uint64_t h = UINT64_C(0x8080808080808080);
	uint64_t v7 = v & ~h;

	return (v & h) | ((v7 + UINT64_C(0x4646464646464646)) & h) |
	    (~((v7 | h) - UINT64_C(0x3030303030303030)) & h);
}

/* The number of leading digits of v (0..8). */
static inline __attribute__((always_inline)) int
lead_count(uint64_t v)
{
	uint64_t m = nondigits(v);

	return m == 0 ? 8 : __builtin_ctzll(m) >> 3;
}

/*
 * The value of the first k (1..8) bytes of v, which are digits (SWAR:
 * the digits are moved to the end of the word behind '0's, then combined
 * two by two, then pairs of pairs, with two multiplications).
 */
static inline __attribute__((always_inline)) uint64_t
lead_digits(uint64_t v, int k)
{
	const uint64_t zeros = UINT64_C(0x3030303030303030);

	/* little-endian: byte 0 is the first (most significant) digit */
	if (k < 8)
		v = v << (8 * (8 - k)) | zeros >> (8 * k);
	v -= zeros;
	v = v * 10 + (v >> 8);
	return (((v & UINT64_C(0x000000FF000000FF)) *
	    (100 + (UINT64_C(1000000) << 32))) +
	    (((v >> 16) & UINT64_C(0x000000FF000000FF)) *
	    (1 + (UINT64_C(10000) << 32)))) >> 32;
}

/*
 * An unsigned integer of 1..18 digits; NULL when there is none or it is
 * longer (the general path then decides).  Finds the end eight bytes at
 * a time (the input buffers have slack past the last line); the last
 * eight digits are converted in one word, the others one by one (for
 * the short heads of ids and times that is faster than a second word).
 */
static inline __attribute__((always_inline)) const char *
scan_uint(const char *p, uint64_t *v)
{
	const char *q;
	uint64_t x = 0, w;
	int n;

	memcpy(&w, p, 8);
	if ((n = lead_count(w)) < 8)
		q = p + n;
	else {
		memcpy(&w, p + 8, 8);
		if ((n = lead_count(w)) < 8)
			q = p + 8 + n;
		else {	/* 16 or more: microsecond times */
			memcpy(&w, p + 16, 8);
			if ((n = lead_count(w)) > 2)
				return NULL;	/* over 18: general path */
			q = p + 16 + n;
		}
	}
	if (q == p)
		return NULL;
	if (q - p >= 8) {
		for (; p < q - 8; p++)
			x = x * 10 + (uint64_t)(*p - '0');
		memcpy(&w, q - 8, 8);
		*v = x * 100000000 + lead_digits(w, 8);
		return q;
	}
	for (; p < q; p++)
		x = x * 10 + (uint64_t)(*p - '0');
	*v = x;
	return q;
}

/*
 * A plain unsigned decimal "123.45" of at most 18 digits as m / 10^*scale;
 * NULL when it is anything else (the general path then decides).  (Digit
 * by digit: prices and sizes are short, and a word at a time was slower.)
 */
static inline __attribute__((always_inline)) const char *
scan_udec(const char *p, uint64_t *m, int *scale)
{
	const char *q = p, *dot;
	uint64_t x = 0;
	int nd;

	while ((unsigned)(*q - '0') < 10)
		x = x * 10 + (uint64_t)(*q++ - '0');
	nd = (int)(q - p);
	*scale = 0;
	if (*q == '.') {
		dot = ++q;
		while ((unsigned)(*q - '0') < 10)
			x = x * 10 + (uint64_t)(*q++ - '0');
		*scale = (int)(q - dot);
		nd += *scale;
	}
	if (nd == 0 || nd > 18 || *q == 'e' || *q == 'E')
		return NULL;
	*m = x;
	return q;
}

static inline const char *
scan_bool(const char *p, int *v)
{
	if ((p[0] == 't' || p[0] == 'T') && p[1] == 'r' && p[2] == 'u' &&
	    p[3] == 'e') {
		*v = 1;
		return p + 4;
	}
	if ((p[0] == 'f' || p[0] == 'F') && p[1] == 'a' && p[2] == 'l' &&
	    p[3] == 's' && p[4] == 'e') {
		*v = 0;
		return p + 5;
	}
	return NULL;
}

/*
 * Bytes of v that are zero get their high bit set (exact: no carries
 * between bytes).
 */
static inline __attribute__((always_inline)) uint64_t
zero_bytes(uint64_t v)
{
	const uint64_t lo7 = UINT64_C(0x7F7F7F7F7F7F7F7F);

	return ~(((v & lo7) + lo7) | v) & ~lo7;
}

/*
 * a[0..n) == b[0..n), inline, a word at a time; reads the whole words
 * that hold them (the row buffer has slack, the symbol is a 32-byte
 * array).
 */
static inline __attribute__((always_inline)) int
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	if (n == 0)
		return 1;
	/* the last 1..7 bytes: a word each, the bytes past n masked off */
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	return ((x ^ y) & ((UINT64_C(1) << (8 * n)) - 1)) == 0;
}

/*
 * How many bytes of m have their high bit set (m has no other bits):
 * one multiplication, where __builtin_popcountll is a library call on
 * x86-64 builds without -mpopcnt (it was 10 % of the Bybit parser).
 */
static inline __attribute__((always_inline)) int
high_bits(uint64_t m)
{
	return (int)(((m >> 7) * UINT64_C(0x0101010101010101)) >> 56);
}

#ifdef __SSE2__

/*
 * The end of the line at p (its '\n') and the commas before it, sixteen
 * bytes at a time (the input buffers have slack past the last line);
 * NULL if the rest has a '"' (a quoted field: the general path splits
 * it).
 */
static inline __attribute__((always_inline)) const char *
scan_rest(const char *p, int *commas)
{
	const __m128i nl = _mm_set1_epi8('\n'), cm = _mm_set1_epi8(',');
	const __m128i qu = _mm_set1_epi8('"');
	/* set bits in bytes 0..255, for counting the bits of a 16-bit mask */
	static const unsigned char bits8[256] = {
#define B2(n)	n, n + 1, n + 1, n + 2
#define B4(n)	B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n)	B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
		B6(0), B6(1), B6(1), B6(2)
#undef B2
#undef B4
#undef B6
	};
	int n = 0;

	for (;; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
		unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cm));
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, qu));

		if (m != 0) {
			unsigned before = (1u << __builtin_ctz(m)) - 1;

			if ((q & before) != 0)
				return NULL;
			c &= before;
			*commas = n + bits8[c & 255] + bits8[c >> 8];
			return p + __builtin_ctz(m);
		}
		if (q != 0)
			return NULL;
		n += bits8[c & 255] + bits8[c >> 8];
	}
}
#else
/*
 * The end of the line at p (its '\n') and the commas before it, eight
 * bytes at a time (the input buffers have slack past the last line);
 * NULL if the rest has a '"'.
 */
static inline __attribute__((always_inline)) const char *
scan_rest(const char *p, int *commas)
{
	const uint64_t nl = UINT64_C(0x0a0a0a0a0a0a0a0a);
	const uint64_t cm = UINT64_C(0x2c2c2c2c2c2c2c2c);
	const uint64_t qu = UINT64_C(0x2222222222222222);
	int n = 0;

	for (;; p += 8) {
		uint64_t v, m, c, q;

		memcpy(&v, p, 8);
		m = zero_bytes(v ^ nl);
		c = zero_bytes(v ^ cm);
		q = zero_bytes(v ^ qu);
		if (m != 0) {
			uint64_t before = (UINT64_C(1) <<
			    __builtin_ctzll(m)) - 1;	/* 8 * index + 7 */

			if ((q & before) != 0)
				return NULL;
			*commas = n + high_bits(c & before);
			return p + (__builtin_ctzll(m) >> 3);
		}
		if (q != 0)
			return NULL;
		n += high_bits(c);
	}
}
#endif

#endif
