/*
 * axis.c - what goes along an axis: round price ticks (1, 2 or 5 x 10^k),
 * round UTC time ticks (minutes up to months, on calendar boundaries),
 * time labels, and amounts in three significant digits with a K, M, B or
 * T suffix for the colour bar.  Numbers in, numbers and strings out:
 * nothing here draws.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "liq.h"
#include "num_int.h"
#include "raster_int.h"

int
liq_raster_ticks(double lo, double hi, int target, double *t, int max,
    double *step)
{
	double raw, mag, s;
	double k0, k1;
	int n = 0;

	*step = 0;
	if (!(hi > lo) || !isfinite(lo) || !isfinite(hi) || max <= 0)
		return 0;
	if (target < 1)
		target = 1;
	raw = (hi - lo) / target;
	mag = pow(10, floor(log10(raw)));
	s = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag :
	    raw <= 5 * mag ? 5 * mag : 10 * mag;
	k0 = ceil(lo / s - 1e-9);
	k1 = floor(hi / s + 1e-9);
	for (double k = k0; k <= k1 && n < max; k++)
		t[n++] = k * s;
	*step = s;
	return n;
}

#define MIN_MS	INT64_C(60000)
#define HOUR_MS	INT64_C(3600000)
#define DAY_MS	INT64_C(86400000)


int
liq_raster_time_ticks(int64_t lo_ms, int64_t hi_ms, int target, int64_t *t,
    int max, int64_t *step_ms)
{
	static const int64_t steps[] = { MIN_MS, 2 * MIN_MS, 5 * MIN_MS,
		10 * MIN_MS, 15 * MIN_MS, 30 * MIN_MS, HOUR_MS, 2 * HOUR_MS,
		3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 2 * DAY_MS,
		7 * DAY_MS, 14 * DAY_MS };
	static const int months[] = { 1, 2, 3, 6, 12 };
	int64_t span;
	int n = 0;
	size_t i;

	*step_ms = 0;
	if (hi_ms < lo_ms || max <= 0)
		return 0;
	/* times near either end of int64_t (a caller's own grid) must not
	 * overflow: the span saturates, ticks stop before the next passes
	 * INT64_MAX */
	if (__builtin_sub_overflow(hi_ms, lo_ms, &span))
		span = INT64_MAX;
	if (target < 1)
		target = 1;
	for (i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		int64_t s = steps[i], k;

		if (span / s > target)
			continue;
		k = lo_ms / s * s;	/* toward 0: no overflow */
		if (k < lo_ms && __builtin_add_overflow(k, s, &k))
			return 0;
		while (k <= hi_ms && n < max) {
			t[n++] = k;
			if (__builtin_add_overflow(k, s, &k))
				break;
		}
		*step_ms = s;
		return n;
	}
	for (i = 0; i < sizeof(months) / sizeof(*months); i++) {
		int m = months[i];
		time_t sec = (time_t)liq__floordiv(lo_ms, 1000);
		struct tm tm;
		int64_t mi;

		if (i + 1 < sizeof(months) / sizeof(*months) &&
		    span / (m * 30 * DAY_MS) > target)
			continue;
		if (gmtime_r(&sec, &tm) == NULL)
			return 0;
		mi = (int64_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
		mi = liq__floordiv(mi + m - 1, m) * m;
		for (; n < max; mi += m) {
			int64_t ms;

			if (__builtin_mul_overflow(liq_days_from_civil(
			    liq__floordiv(mi, 12), (unsigned)(mi -
			    liq__floordiv(mi, 12) * 12) + 1, 1), DAY_MS, &ms))
				break;
			if (ms < lo_ms)
				continue;
			if (ms > hi_ms)
				break;
			t[n++] = ms;
		}
		*step_ms = m * 30 * DAY_MS;
		break;
	}
	return n;
}

char *
liq_raster_format_si(double v, char *buf, size_t len)
{
	static const char *const suf[] = { "", "K", "M", "B", "T" };
	int u = 0;

	if (!isfinite(v)) {
		snprintf(buf, len, "%s", "?");
		return buf;
	}
	if (fabs(v) < 1e-9)
		v = 0;		/* never "-0" or "-1e-17" on a label */
	while (fabs(v) >= 999.5 && u < 4) {
		v /= 1000;
		u++;
	}
	if (fabs(v) >= 999.5)
		snprintf(buf, len, "%.0f%s", v, suf[u]);
	else
		snprintf(buf, len, "%.3g%s", v, suf[u]);
	return buf;
}

void
liq__raster_time_format(int64_t ms, const char *fmt, char *buf, size_t len)
{
	time_t sec = (time_t)liq__floordiv(ms, 1000);
	struct tm tm;

	if (gmtime_r(&sec, &tm) == NULL || strftime(buf, len, fmt, &tm) == 0)
		snprintf(buf, len, "?");
}
