/*
 * num_int.h - the decimal scanner shared by the public parsers (num.c) and
 * the dump readers' fast paths.  Private to lib/.
 */
#ifndef LIQ_NUM_INT_H
#define LIQ_NUM_INT_H

#include <stddef.h>
#include <stdint.h>

/* a / b rounded toward minus infinity (b != 0), the one floor division
 * of the library: bars, columns and time ticks before 1970 too. */
static inline int64_t
liq__floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* a - b * floor(a / b): in [0, b) for b > 0. */
static inline int64_t
liq__floormod(int64_t a, int64_t b)
{
	return a - b * liq__floordiv(a, b);
}

/*
 * A scanned decimal: value = (neg ? -1 : 1) * m * 10^e10.  exact is 1 when
 * every significant digit is in m (at most 19 of them) and the exponent
 * text was short; frac is the number of fraction digits, expo whether an
 * exponent was given.
 */
struct liq_num {
	uint64_t m;
	int e10;
	int frac;
	int neg;
	int exact;
	int expo;
};

extern const double liq__pow10[23];
extern const int64_t liq__pow10i[19];

/*
 * Scan a decimal at p (not past end).  Returns the first byte after it,
 * or NULL when there is no digit where one is needed.  Stops at the first
 * byte that cannot continue the number; the caller checks the delimiter.
 */
static inline __attribute__((always_inline)) const char *
liq__scan_num(const char *p, const char *end, struct liq_num *v)
{
	uint64_t m = 0;
	int nd = 0, e10 = 0, frac = 0, any = 0, exact = 1;

	v->neg = 0;
	v->expo = 0;
	if (p < end && (*p == '-' || *p == '+')) {
		v->neg = *p == '-';
		p++;
	}
	for (; p < end && (unsigned)(*p - '0') < 10; p++) {
		any = 1;
		if (nd < 19) {
			m = m * 10 + (uint64_t)(*p - '0');
			nd += m != 0;
		} else {
			exact = 0;
			e10++;
		}
	}
	if (p < end && *p == '.') {
		p++;
		for (; p < end && (unsigned)(*p - '0') < 10; p++) {
			any = 1;
			if (nd < 19) {
				m = m * 10 + (uint64_t)(*p - '0');
				nd += m != 0;
				e10--;
				frac++;
			} else if (*p != '0')
				exact = 0;
		}
	}
	if (!any)
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, ev = 0, ed = 0;

		p++;
		if (p < end && (*p == '-' || *p == '+')) {
			eneg = *p == '-';
			p++;
		}
		for (; p < end && (unsigned)(*p - '0') < 10; p++, ed++)
			if (ev < 100000)
				ev = ev * 10 + (*p - '0');
		if (ed == 0)
			return NULL;
		if (ev >= 100000)
			exact = 0;
		e10 += eneg ? -ev : ev;
		v->expo = 1;
	}
	v->m = m;
	v->e10 = e10;
	v->frac = frac;
	v->exact = exact;
	return p;
}

/*
 * The double of a scanned number when it can be computed exactly with one
 * correctly rounded IEEE operation; returns 0 when the slow path is needed.
 */
static inline __attribute__((always_inline)) int
liq__num_fast(const struct liq_num *v, double *out)
{
	double d;

	if (!v->exact || v->m > (UINT64_C(1) << 53))
		return 0;
	if (v->m == 0)
		d = 0.0;
	else if (v->e10 >= 0 && v->e10 <= 22)
		d = (double)v->m * liq__pow10[v->e10];
	else if (v->e10 < 0 && v->e10 >= -22)
		d = (double)v->m / liq__pow10[-v->e10];
	else
		return 0;
	*out = v->neg ? -d : d;
	return 1;
}

/*
 * The scanned number as mant / 10^scale with 0 <= scale <= 18 exactly, or
 * 0 when it does not fit.
 */
static inline int
liq__num_fixed(const struct liq_num *v, int64_t *mant, int *scale)
{
	uint64_t m = v->m;
	int e = v->e10;

	if (!v->exact || m > (uint64_t)INT64_MAX)
		return 0;
	while (e > 0) {
		if (m > (uint64_t)INT64_MAX / 10)
			return 0;
		m *= 10;
		e--;
	}
	if (e < -18)
		return 0;
	*mant = v->neg ? -(int64_t)m : (int64_t)m;
	*scale = -e;
	return 1;
}

#endif
