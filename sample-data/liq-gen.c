/*
 * liq-gen -- seeded synthetic Binance USDⓈ-M futures data.
 *
 * Makes the files liq reads from data.binance.vision (daily aggTrades, 1m
 * klines and metrics zips, a monthly fundingRate zip) from a small market
 * model, so that sample-data/, the tests and the benchmarks need no
 * downloads.  The output is SYNTHETIC, not market data, and it is
 * deterministic: the same options give the same CSV bytes on any machine.
 * To that end the model uses its own PRNG (xoshiro256**), its own exp and
 * log built from + - * / (sqrt, floor, frexp and ldexp are exact in IEEE
 * arithmetic), no locale-dependent formatting, and prices and quantities
 * are integers (ticks of 0.1 USD, lots of 0.001 BTC) formatted by hand.
 * Determinism assumes IEEE doubles evaluated in double (FLT_EVAL_METHOD 0,
 * every 64-bit target) without contraction into fused multiply-adds.  The
 * zip and gzip containers are fixed too (no wall-clock times), but their
 * deflate streams are byte-identical only with the same zlib
 * implementation; compare the uncompressed members across zlib builds.
 *
 * The model: a latent price on a one-second grid with GARCH(1,1) volatility
 * clustering times a slow log-normal volatility regime, an intraday and
 * weekday activity pattern, weak mean reversion to the start price, and
 * scheduled moves (a 5-7 % crash near 14:00 UTC on the first day with a
 * partial recovery over hours, and one or two 1-2 % moves a day).
 * Trades per second are Poisson with an intensity that rises with
 * volatility, rescaled to exactly the requested number of rows a day; within
 * a second trades sample a Brownian bridge between the grid points, print
 * at the bid or ask, and lean to the side of the short-term return.  Open
 * interest drifts up towards a slowly rising target and is flushed by the
 * scheduled moves; funding follows the 8-hour return.
 */
#define _POSIX_C_SOURCE 200809L

#include <sys/stat.h>
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF		/* keep a*b+c two roundings, as gcc -std=c11 does */
#endif

#define DAY_S		86400
#define DAY_MS		86400000LL
#define MINUTES		1440
#define BUCKETS		288		/* 5-minute metrics rows a day */
#define MAX_DAYS	3660
#define SET_MAX_ROWS	20000000ULL	/* keeps every zip member below 4 GiB (no zip64) */
#define GZ_MAX_ROWS	200000000ULL
#define MAX_EVENTS	32
#define INBUF_CAP	(1u << 20)
#define OUTBUF_CAP	(1u << 18)

#define AGG_ID0		2181403958ULL	/* first ids: about where BTCUSDT was in March 2024 */
#define TRADE_ID0	4793817236ULL

/* Model constants; the per-second ones are for the one-second grid. */
#define SIGMA_BASE	7.0e-5		/* sd of a 1 s return: ~2.2 % a day at E[e^2v] 1.2 */
#define G_OMEGA		0.005		/* GARCH(1,1): h' = w + a*u^2 + b*h, E[h] = 1 */
#define G_ALPHA		0.05
#define G_BETA		0.945
#define V_PHI		0.99990741	/* slow vol regime, 3 h e-folding */
#define V_SD		0.00408		/* gives a stationary sd of 0.3 */
#define A_PHI		0.967		/* intensity noise, ~30 s memory */
#define A_SD		0.127		/* stationary sd 0.5 */
#define MOM_PHI		0.6		/* short-term return memory of the taker side */
#define KAPPA		4.0e-7		/* mean reversion to the start price: 20-day half-life */
#define LN2		0.69314718055994530942
#define LN2_HI		6.93147180369123816490e-01
#define LN2_LO		1.90821492927058770002e-10
#define SQRT1_2		0.70710678118654752440

static const char comment_fmt[] =
    "synthetic data made by liq-gen (seed %llu), not real market data";

/* ---- deterministic arithmetic ---------------------------------------- */

/* Natural log for finite x > 0, from frexp and the atanh series: only exact
 * IEEE operations, so every machine gets the same bits. */
static double
xlog(double x)
{
	int e;
	double m, s, s2, t;

	m = frexp(x, &e);
	if (m < SQRT1_2) {
		m *= 2;
		e--;
	}
	s = (m - 1) / (m + 1);
	s2 = s * s;
	t = s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 +
	    s2 * (1.0 / 11 + s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17))))))));
	return e * LN2_HI + (e * LN2_LO + (2 * s + 2 * s * t));
}

/* e^x by Cody-Waite reduction and a degree-13 Taylor polynomial. */
static double
xexp(double x)
{
	double k, r, p;

	if (x < -700)
		return 0;
	if (x > 700)
		x = 700;
	k = floor(x / LN2 + 0.5);
	r = (x - k * LN2_HI) - k * LN2_LO;
	p = 1.0 / 6227020800.0;
	p = p * r + 1.0 / 479001600.0;
	p = p * r + 1.0 / 39916800.0;
	p = p * r + 1.0 / 3628800.0;
	p = p * r + 1.0 / 362880.0;
	p = p * r + 1.0 / 40320.0;
	p = p * r + 1.0 / 5040.0;
	p = p * r + 1.0 / 720.0;
	p = p * r + 1.0 / 120.0;
	p = p * r + 1.0 / 24.0;
	p = p * r + 1.0 / 6.0;
	p = p * r + 0.5;
	p = p * r + 1.0;
	p = p * r + 1.0;
	return ldexp(p, (int)k);
}

static int64_t
round_i64(double x)
{
	return (int64_t)floor(x + 0.5);
}

static double
clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* ---- PRNG: xoshiro256** seeded by splitmix64 -------------------------- */

struct rng {
	uint64_t s[4];
	double	 spare;
	int	 has_spare;
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Independent streams per purpose, so that e.g. the metrics draws never
 * shift the trade stream and the price path does not depend on -n. */
static void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
	r->has_spare = 0;
	r->spare = 0;
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* uniform in [0, 1) */
static double
rng_unif(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1p-53;
}

/* uniform in (0, 1] */
static double
rng_unif_pos(struct rng *r)
{
	return (double)((rng_next(r) >> 11) + 1) * 0x1p-53;
}

/* integer in [0, n) by Lemire's multiply-shift (bias < 2^-32, fine here) */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* standard normal, Marsaglia's polar method */
static double
rng_normal(struct rng *r)
{
	double u, v, s, f;

	if (r->has_spare) {
		r->has_spare = 0;
		return r->spare;
	}
	do {
		u = 2 * rng_unif(r) - 1;
		v = 2 * rng_unif(r) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	f = sqrt(-2 * xlog(s) / s);
	r->spare = v * f;
	r->has_spare = 1;
	return u * f;
}

static uint32_t
rng_poisson(struct rng *r, double mu)
{
	double l, p, x;
	uint32_t k;

	if (mu <= 0)
		return 0;
	if (mu < 30) {			/* Knuth: multiply uniforms */
		l = xexp(-mu);
		p = 1;
		k = 0;
		do {
			k++;
			p *= rng_unif(r);
		} while (p > l);
		return k - 1;
	}
	x = floor(mu + sqrt(mu) * rng_normal(r) + 0.5);
	return x < 0 ? 0 : (uint32_t)x;
}

/* ---- calendar ---------------------------------------------------------- */

/* days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm, restricted to years >= 1970 here) */
static int64_t
days_from_civil(int y, int m, int d)
{
	int yoe, doy, doe, era;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, yy;
	int doe, yoe, doy, mp;

	z += 719468;
	era = z / 146097;
	doe = (int)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

static void
fmt_date(char buf[11], int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

/* the zip's DOS stamp: the next day at a fixed hour, as Binance's archive
 * files are written the morning after */
static void
dos_stamp(int64_t day, int hour, unsigned *dosdate, unsigned *dostime)
{
	int y, m, d;

	civil_from_days(day + 1, &y, &m, &d);
	*dosdate = (unsigned)(((y - 1980) << 9) | (m << 5) | d);
	*dostime = (unsigned)(hour << 11);
}

/* ---- number formatting (no printf in the hot loop) -------------------- */

static char *
put_u64(char *p, uint64_t v)
{
	char tmp[20];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* v in units of 10^-dec, printed with exactly dec decimals */
static char *
put_fixed(char *p, int64_t v, int dec)
{
	uint64_t u, pw = 1;
	int i;

	for (i = 0; i < dec; i++)
		pw *= 10;
	if (v < 0) {
		*p++ = '-';
		u = (uint64_t)0 - (uint64_t)v;
	} else
		u = (uint64_t)v;
	p = put_u64(p, u / pw);
	if (dec > 0) {
		u %= pw;
		*p++ = '.';
		for (i = dec - 1; i >= 0; i--) {
			p[i] = (char)('0' + u % 10);
			u /= 10;
		}
		p += dec;
	}
	return p;
}

static char *
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* ---- output: zip member or gzip file, temp name then rename ------------ */

static char *cleanup_tmp;		/* half-written file to remove at exit */

static void
cleanup(void)
{
	if (cleanup_tmp != NULL)
		(void)unlink(cleanup_tmp);
}

struct zout {
	FILE		*fp;
	char		*path, *tmp;
	char		 member[256];
	char		 comment[128];
	int		 gz;
	z_stream	 zs;
	gz_header	 gzh;
	uLong		 crc;
	uint64_t	 usize, csize;
	unsigned	 dosdate, dostime;
	unsigned char	*in;
	size_t		 inlen;
	unsigned char	*out;
};

static void
le16(unsigned char *b, unsigned v)
{
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
}

static void
le32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
}

static void
zwrite(struct zout *z, const void *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, z->fp) != n)
		err(1, "%s", z->path);
}

/* local file header; written with zero sizes first and patched at close */
static void
zip_local_header(struct zout *z)
{
	unsigned char h[30];
	size_t nl = strlen(z->member);

	le32(h, 0x04034b50);
	le16(h + 4, 20);		/* version needed: deflate */
	le16(h + 6, 0);			/* flags: none, sizes in this header */
	le16(h + 8, 8);			/* deflated */
	le16(h + 10, z->dostime);
	le16(h + 12, z->dosdate);
	le32(h + 14, (uint32_t)z->crc);
	le32(h + 18, (uint32_t)z->csize);
	le32(h + 22, (uint32_t)z->usize);
	le16(h + 26, (unsigned)nl);
	le16(h + 28, 0);
	zwrite(z, h, sizeof h);
	zwrite(z, z->member, nl);
}

static void
zout_open(struct zout *z, const char *path, const char *member, int gz,
    uint64_t seed, int64_t stamp_day, int stamp_hour)
{
	size_t n;
	int fd, zr;

	memset(z, 0, sizeof *z);
	z->gz = gz;
	n = strlen(path) + 32;
	if ((z->path = strdup(path)) == NULL || (z->tmp = malloc(n)) == NULL ||
	    (z->in = malloc(INBUF_CAP)) == NULL ||
	    (z->out = malloc(OUTBUF_CAP)) == NULL)
		err(1, NULL);
	snprintf(z->tmp, n, "%s.tmp%ld", path, (long)getpid());
	snprintf(z->comment, sizeof z->comment, comment_fmt,
	    (unsigned long long)seed);
	if (member != NULL)
		snprintf(z->member, sizeof z->member, "%s", member);
	if ((fd = open(z->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666)) == -1)
		err(1, "%s", z->path);
	cleanup_tmp = z->tmp;
	if ((z->fp = fdopen(fd, "wb")) == NULL)
		err(1, "%s", z->path);
	z->crc = crc32(0L, Z_NULL, 0);
	if (gz) {
		zr = deflateInit2(&z->zs, 6, Z_DEFLATED, 15 + 16, 8,
		    Z_DEFAULT_STRATEGY);
		if (zr == Z_OK) {
			z->gzh.text = 0;	/* DuckDB refuses FTEXT */
			z->gzh.time = 0;
			z->gzh.os = 3;	/* Unix, whatever zlib was built for */
			/* no header comment: some readers (DuckDB) reject FCOMMENT */
			zr = deflateSetHeader(&z->zs, &z->gzh);
		}
	} else {
		dos_stamp(stamp_day, stamp_hour, &z->dosdate, &z->dostime);
		zip_local_header(z);
		zr = deflateInit2(&z->zs, 6, Z_DEFLATED, -15, 8,
		    Z_DEFAULT_STRATEGY);
	}
	if (zr != Z_OK)
		errx(1, "%s: zlib initialisation failed (%d)", z->path, zr);
}

static void
zout_deflate(struct zout *z, int flush)
{
	int zr;
	size_t have;

	if (!z->gz)
		z->crc = crc32(z->crc, z->in, (uInt)z->inlen);
	z->usize += z->inlen;
	z->zs.next_in = z->in;
	z->zs.avail_in = (uInt)z->inlen;
	do {
		z->zs.next_out = z->out;
		z->zs.avail_out = OUTBUF_CAP;
		zr = deflate(&z->zs, flush);
		if (zr == Z_STREAM_ERROR)
			errx(1, "%s: deflate failed", z->path);
		have = OUTBUF_CAP - z->zs.avail_out;
		zwrite(z, z->out, have);
		z->csize += have;
	} while (z->zs.avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
	z->inlen = 0;
}

/* room for at least one line of any kind */
static char *
zout_line(struct zout *z)
{
	if (z->inlen + 512 > INBUF_CAP)
		zout_deflate(z, Z_NO_FLUSH);
	return (char *)z->in + z->inlen;
}

static void
zout_commit(struct zout *z, const char *end)
{
	z->inlen = (size_t)(end - (char *)z->in);
}

static void
zout_puts(struct zout *z, const char *s)
{
	char *p = zout_line(z);

	zout_commit(z, put_str(p, s));
}

/* Finish the stream, write the zip directory (or the gzip trailer, which
 * zlib does), patch the local header, and move the file into place. */
static void
zout_close(struct zout *z)
{
	unsigned char c[46], e[22];
	size_t nl = strlen(z->member), cl = strlen(z->comment);
	uint64_t cdoff;

	zout_deflate(z, Z_FINISH);
	deflateEnd(&z->zs);
	if (!z->gz) {
		if (z->usize > 0xFFFFFFFFu || z->csize > 0xFFFFFFFFu - 1024)
			errx(1, "%s: member too large for a zip without zip64",
			    z->path);
		cdoff = 30 + nl + z->csize;
		le32(c, 0x02014b50);
		le16(c + 4, 0x031e);	/* made by: Unix, zip 3.0 */
		le16(c + 6, 20);
		le16(c + 8, 0);
		le16(c + 10, 8);
		le16(c + 12, z->dostime);
		le16(c + 14, z->dosdate);
		le32(c + 16, (uint32_t)z->crc);
		le32(c + 20, (uint32_t)z->csize);
		le32(c + 24, (uint32_t)z->usize);
		le16(c + 28, (unsigned)nl);
		le16(c + 30, 0);	/* extra */
		le16(c + 32, 0);	/* file comment */
		le16(c + 34, 0);	/* disk */
		le16(c + 36, 1);	/* internal attributes: text */
		le32(c + 38, 0100644u << 16);
		le32(c + 42, 0);	/* local header offset */
		zwrite(z, c, sizeof c);
		zwrite(z, z->member, nl);
		le32(e, 0x06054b50);
		le16(e + 4, 0);
		le16(e + 6, 0);
		le16(e + 8, 1);
		le16(e + 10, 1);
		le32(e + 12, (uint32_t)(46 + nl));
		le32(e + 16, (uint32_t)cdoff);
		le16(e + 20, (unsigned)cl);
		zwrite(z, e, sizeof e);
		zwrite(z, z->comment, cl);
		if (fseek(z->fp, 0L, SEEK_SET) != 0)
			err(1, "%s", z->path);
		zip_local_header(z);
	}
	if (fflush(z->fp) != 0 || ferror(z->fp))
		err(1, "%s", z->path);
	if (fclose(z->fp) != 0)
		err(1, "%s", z->path);
	if (rename(z->tmp, z->path) != 0)
		err(1, "rename %s to %s", z->tmp, z->path);
	cleanup_tmp = NULL;
	free(z->tmp);
	free(z->path);
	free(z->in);
	free(z->out);
}

/* ---- the market model -------------------------------------------------- */

enum { EV_BUMP, EV_DECAY };

/*
 * A scheduled move: a drift of total log-return `ret` spread over `dur`
 * seconds with a smooth bump (16 x^2 (1-x)^2, x in 0..1) or a decaying
 * exponential (recoveries), plus boosts at the profile's peak to volatility,
 * trade intensity and taker-sell share, a share `flush` of open interest
 * closed over the move and a kick to the slow volatility regime.  A pinned
 * event also pulls the price back to its planned path (2 % of the gap a
 * second), so that the crash is as deep as planned whatever the noise.
 */
struct event {
	int64_t	t0, dur;	/* seconds since the first day's 00:00 UTC */
	int	shape, pin;
	double	ret, norm, tau;
	double	volk, intk, sellk, flush, vkick;
	double	lstart, done;	/* pinned: log price at t0, profile share so far */
};

struct kline {
	int64_t	 open, high, low, close;	/* ticks */
	int64_t	 vol, tbvol;			/* lots */
	int64_t	 qvol, tbq;			/* ticks x lots = 1e-4 USD */
	uint64_t count;				/* trades, not agg rows */
};

struct model {
	uint64_t seed;
	struct rng rp, rt, rm;	/* price path, trades, metrics */
	int64_t	 day0;		/* first day, days since 1970-01-01 */
	double	 anchor;	/* start price, USD */
	double	 lat;		/* latent price at the next grid second, USD */
	double	 h, v, a, mom;	/* GARCH variance, regime, intensity, momentum */
	struct event ev[MAX_EVENTS];
	int	 nev;
	int64_t	 crash_t0, crash_end;

	/* per-day arrays on the one-second grid */
	double	*lat_s;		/* DAY_S + 1 */
	double	*sig_s, *lam_s, *cum_s;
	float	*pbuy_s, *stress_s;
	uint32_t *cnt_s;
	double	 flush_b[BUCKETS];

	/* trades */
	uint64_t agg_id, trade_id;
	int64_t	 px;		/* last trade price, ticks of 0.1 */
	int64_t	 day_open_px;	/* last price before the current day */
	uint16_t *off;
	uint8_t	*osz;
	size_t	 scratch;

	/* daily statistics for the klines and metrics (set mode) */
	struct kline kl[MINUTES];
	int64_t	*lastpx_end;	/* last price at the end of each second */
	int64_t	 tb_buy[BUCKETS], tb_sell[BUCKETS];

	/* metrics and funding state */
	double	 oi, oi0;	/* open interest, BTC */
	double	 x_ctt, x_stt, x_cls;
	int64_t	 prev_buy, prev_sell;
	int64_t	 px16_prev;
	double	 fund_noise;
};

/* taker activity by UTC hour (centre of the hour), Asian night low, US
 * session high */
static const double act_hour[24] = {
	1.05, 0.95, 0.85, 0.75, 0.68, 0.65, 0.70, 0.80, 0.95, 1.00, 0.95, 0.92,
	0.98, 1.25, 1.50, 1.45, 1.30, 1.15, 1.05, 1.00, 0.98, 0.95, 0.92, 0.98,
};

static double
activity(int s)
{
	double x = s / 3600.0 - 0.5, f;
	int i;

	if (x < 0)
		x += 24;
	i = (int)floor(x);
	f = x - i;
	return act_hour[i % 24] * (1 - f) + act_hour[(i + 1) % 24] * f;
}

/* quieter weekends */
static double
weekday_factor(int64_t day)
{
	int wd = (int)((day + 4) % 7);	/* 0 = Sunday */

	return wd == 0 ? 0.70 : wd == 6 ? 0.62 : 1.0;
}

static double
ev_profile(const struct event *e, int64_t k)
{
	double x;

	if (e->shape == EV_DECAY)
		return xexp(-(double)k / e->tau);
	x = ((double)k + 0.5) / (double)e->dur;
	x = x * (1 - x);
	return 16 * x * x;
}

static void
ev_add(struct model *m, const struct event *e)
{
	double sum = 0;
	int64_t k;

	if (m->nev == MAX_EVENTS)
		return;
	m->ev[m->nev] = *e;
	for (k = 0; k < e->dur; k++)
		sum += ev_profile(e, k);
	m->ev[m->nev].norm = 1 / sum;
	m->nev++;
}

static void
model_init(struct model *m, uint64_t seed, int64_t day0)
{
	struct event e;
	double depth;

	memset(m, 0, sizeof *m);
	m->seed = seed;
	m->day0 = day0;
	rng_seed(&m->rp, seed, 1);
	rng_seed(&m->rt, seed, 2);
	rng_seed(&m->rm, seed, 3);
	m->anchor = 66600 + 800 * rng_unif(&m->rp);
	m->lat = m->anchor;
	m->h = 1;
	m->px = (int64_t)floor(m->lat * 10);
	m->agg_id = AGG_ID0;
	m->trade_id = TRADE_ID0;

	/* the crash: 13:55-14:08 UTC on the first day, 16-23 minutes long */
	memset(&e, 0, sizeof e);
	e.shape = EV_BUMP;
	e.pin = 1;
	e.t0 = 14 * 3600 - 300 + rng_below(&m->rp, 780);
	e.dur = 960 + rng_below(&m->rp, 421);
	depth = 0.054 + 0.010 * rng_unif(&m->rp);
	e.ret = xlog(1 - depth);
	e.volk = 1.5;
	e.intk = 3.0;
	e.sellk = 0.10;
	e.flush = 0.09 + 0.05 * rng_unif(&m->rp);
	e.vkick = 0.4;
	ev_add(m, &e);
	m->crash_t0 = e.t0;
	m->crash_end = e.t0 + e.dur;

	/* and 40-60 % of it back, decaying over 2-3.5 hours */
	memset(&e, 0, sizeof e);
	e.shape = EV_DECAY;
	e.t0 = m->crash_end;
	e.tau = 7200 + 5400 * rng_unif(&m->rp);
	e.dur = (int64_t)(5 * e.tau);
	e.ret = -(0.4 + 0.2 * rng_unif(&m->rp)) * xlog(1 - depth);
	ev_add(m, &e);

	m->oi0 = 95000 + 10000 * rng_unif(&m->rm);
	m->oi = m->oi0;
	m->prev_sell = 1000;
	m->prev_buy = 900 + rng_below(&m->rm, 200);
	m->fund_noise = 0;

	if ((m->lat_s = calloc(DAY_S + 1, sizeof *m->lat_s)) == NULL ||
	    (m->sig_s = calloc(DAY_S, sizeof *m->sig_s)) == NULL ||
	    (m->lam_s = calloc(DAY_S, sizeof *m->lam_s)) == NULL ||
	    (m->cum_s = calloc(DAY_S, sizeof *m->cum_s)) == NULL ||
	    (m->pbuy_s = calloc(DAY_S, sizeof *m->pbuy_s)) == NULL ||
	    (m->stress_s = calloc(DAY_S, sizeof *m->stress_s)) == NULL ||
	    (m->cnt_s = calloc(DAY_S, sizeof *m->cnt_s)) == NULL ||
	    (m->lastpx_end = calloc(DAY_S, sizeof *m->lastpx_end)) == NULL)
		err(1, NULL);
}

static void
model_free(struct model *m)
{
	free(m->lat_s);
	free(m->sig_s);
	free(m->lam_s);
	free(m->cum_s);
	free(m->pbuy_s);
	free(m->stress_s);
	free(m->cnt_s);
	free(m->lastpx_end);
	free(m->off);
	free(m->osz);
}

/* Drop finished events and schedule one or two 1-2 % moves, up or down,
 * for day d, away from the first day's crash. */
static void
day_events(struct model *m, int d)
{
	struct event e;
	int64_t tday = (int64_t)d * DAY_S, t;
	int i, j, n, keep = 0, down;
	double size;

	for (i = 0; i < m->nev; i++)
		if (m->ev[i].t0 + m->ev[i].dur > tday)
			m->ev[keep++] = m->ev[i];
	m->nev = keep;

	n = 1 + (int)rng_below(&m->rp, 2);
	for (i = 0; i < n; i++) {
		memset(&e, 0, sizeof e);
		e.shape = EV_BUMP;
		e.dur = 300 + rng_below(&m->rp, 1200);
		down = rng_unif(&m->rp) < 0.5;
		size = 0.010 + 0.010 * rng_unif(&m->rp);
		e.ret = xlog(down ? 1 - size : 1 + size);
		e.volk = 0.6;
		e.intk = 1.0;
		e.sellk = down ? 0.06 : -0.06;
		e.flush = 0.02 + 0.03 * rng_unif(&m->rp);
		e.vkick = 0.12;
		for (j = 0; j < 32; j++) {
			t = tday + 1800 + rng_below(&m->rp,
			    (uint32_t)(DAY_S - 3600 - e.dur));
			if (t + e.dur > m->crash_t0 - 3600 &&
			    t < m->crash_end + 3600)
				continue;
			e.t0 = t;
			ev_add(m, &e);
			break;
		}
	}
}

/*
 * Pass 1 for day d: the latent price on the one-second grid.  Per second,
 *   sigma = SIGMA_BASE sqrt(act) sqrt(h) e^v (1 + sum volk p),
 *   eps   = sigma z + sum ret w - KAPPA ln(lat/anchor),   lat' = lat (1 + eps),
 *   h'    = G_OMEGA + G_ALPHA h z^2 + G_BETA h            (GARCH(1,1), Bollerslev 1986),
 * with v and the intensity noise a AR(1), p an event's profile (peak 1)
 * and w = p / sum p (a pinned event adds 0.02 (planned - actual log price)
 * to eps).  Trade intensity is act sqrt(h) e^v (vol boosts)
 * (1 + sum intk p) e^a (0.75 + 0.3|z|); a taker buys with probability
 * 0.5 + 0.3 x / (1 + |x|) - sum sellk p, x the decaying sum of recent
 * standardised returns.  The draws come from the path stream only, so the
 * path does not depend on the number of rows.
 */
static void
pass1(struct model *m, int d)
{
	int64_t tday = (int64_t)d * DAY_S, t, k;
	double wdf = weekday_factor(m->day0 + d);
	double act, base, er, sig, drift, volm, intm, sellb, stress, p, w;
	double z, eps, u, x, pb, hold;
	struct event *e;
	int s, i;

	memset(m->flush_b, 0, sizeof m->flush_b);
	day_events(m, d);
	for (s = 0; s < DAY_S; s++) {
		t = tday + s;
		act = activity(s) * wdf;
		base = SIGMA_BASE * sqrt(act);
		er = xexp(m->v);
		drift = 0;
		volm = intm = 1;
		sellb = stress = 0;
		for (i = 0; i < m->nev; i++) {
			e = &m->ev[i];
			k = t - e->t0;
			if (k < 0 || k >= e->dur)
				continue;
			p = ev_profile(e, k);
			w = p * e->norm;
			drift += e->ret * w;
			if (e->pin) {
				if (k == 0) {
					e->lstart = xlog(m->lat);
					e->done = 0;
				}
				e->done += w;
				drift += 0.02 * (e->lstart + e->ret * e->done -
				    xlog(m->lat));
			}
			volm += e->volk * p;
			intm += e->intk * p;
			sellb += e->sellk * p;
			m->v += e->vkick * w;
			m->flush_b[s / 300] += e->flush * w;
			if (e->shape == EV_BUMP && p > stress)
				stress = p;
		}
		z = rng_normal(&m->rp);
		hold = m->h;
		sig = base * sqrt(hold) * er * volm;
		eps = sig * z + drift - KAPPA * xlog(m->lat / m->anchor);
		eps = clampd(eps, -0.03, 0.03);

		m->lat_s[s] = m->lat;
		m->sig_s[s] = sig;
		m->stress_s[s] = (float)stress;

		u = sqrt(hold) * z;
		m->h = clampd(G_OMEGA + G_ALPHA * u * u + G_BETA * hold, 0.05, 30);
		m->v = clampd(V_PHI * m->v + V_SD * rng_normal(&m->rp), -1.5, 1.5);
		m->a = A_PHI * m->a + A_SD * rng_normal(&m->rp);
		m->mom = MOM_PHI * m->mom + eps / (base * er);
		x = m->mom * 0.8 / sqrt(hold);
		pb = 0.5 + 0.3 * x / (1 + fabs(x)) - sellb;
		m->pbuy_s[s] = (float)clampd(pb, 0.03, 0.97);
		m->lam_s[s] = act * sqrt(hold) * er * volm * intm * xexp(m->a) *
		    (0.75 + 0.3 * fabs(z));
		m->lat *= 1 + eps;
	}
	m->lat_s[DAY_S] = m->lat;
}

static int
pick_second(struct model *m, double total)
{
	double u = rng_unif(&m->rt) * total;
	int lo = 0, hi = DAY_S - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (m->cum_s[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Rows per second: Poisson draws from the intensity, then single rows
 * added or removed at intensity-weighted seconds until exactly n. */
static void
make_counts(struct model *m, uint64_t n)
{
	double tot = 0;
	uint64_t got = 0;
	int s;

	for (s = 0; s < DAY_S; s++) {
		tot += m->lam_s[s];
		m->cum_s[s] = tot;
	}
	for (s = 0; s < DAY_S; s++) {
		m->cnt_s[s] = rng_poisson(&m->rt, (double)n * m->lam_s[s] / tot);
		got += m->cnt_s[s];
	}
	while (got < n) {
		m->cnt_s[pick_second(m, tot)]++;
		got++;
	}
	while (got > n) {
		s = pick_second(m, tot);
		if (m->cnt_s[s] > 0) {
			m->cnt_s[s]--;
			got--;
		}
	}
}

/* Quantity in lots of 0.001 BTC: log-normal body (median 0.008) and, one
 * time in 33, a Pareto tail from 0.5 BTC (alpha 1.15), capped at 50 BTC. */
static int64_t
draw_lots(struct rng *r, double mult)
{
	double q;
	int64_t lots;

	if (rng_unif(r) < 0.03)
		q = 500 * xexp(-xlog(rng_unif_pos(r)) / 1.15);
	else
		q = 8 * xexp(1.4 * rng_normal(r));
	lots = round_i64(q * mult);
	return lots < 1 ? 1 : lots > 50000 ? 50000 : lots;
}

/* trades behind one agg row: 1-5, mostly 1, more for big fills */
static int
draw_fills(struct rng *r, int64_t lots)
{
	uint32_t u = rng_below(r, 100);
	int k = u < 64 ? 1 : u < 81 ? 2 : u < 90 ? 3 : u < 96 ? 4 : 5;

	if (lots >= 1000)
		k = k + 2 > 5 ? 5 : k + 2;
	return k;
}

static void
sort_offsets(uint16_t *a, size_t n)
{
	uint32_t hist[1000];
	size_t i, j, o;
	uint16_t x;

	if (n <= 32) {
		for (i = 1; i < n; i++) {
			x = a[i];
			for (j = i; j > 0 && a[j - 1] > x; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
		return;
	}
	memset(hist, 0, sizeof hist);
	for (i = 0; i < n; i++)
		hist[a[i]]++;
	for (i = 0, o = 0; i < 1000; i++)
		for (j = 0; j < hist[i]; j++)
			a[o++] = (uint16_t)i;
}

/*
 * Pass 2 for day d: the agg rows, written to z as CSV.  Rows in a second are
 * grouped into taker orders (a few sweep 2-5 price levels at one ms); each
 * order samples the Brownian bridge between the grid prices at a uniform
 * ms, buys print at the ask (bid + 1 tick), sells at the bid.  With stats,
 * also fills the klines, taker volume per 5 minutes and last prices.
 * wide: 2-decimal prices (the benchmark layout), else 1 decimal.
 */
static void
pass2(struct model *m, int d, struct zout *z, int wide, int stats)
{
	int64_t day_ms = (m->day0 + d) * DAY_MS, ts, bid, px, lots, q;
	uint32_t n, rem, k, maxc = 0;
	double x, xend, sd2, psweep, mult;
	size_t o, i;
	int s, tp, t, rest, j, fills, buy;
	struct kline *kl;
	char *p;

	m->day_open_px = m->px;
	if (stats) {
		memset(m->kl, 0, sizeof m->kl);
		memset(m->tb_buy, 0, sizeof m->tb_buy);
		memset(m->tb_sell, 0, sizeof m->tb_sell);
	}
	for (s = 0; s < DAY_S; s++)
		if (m->cnt_s[s] > maxc)
			maxc = m->cnt_s[s];
	if (maxc > m->scratch) {
		free(m->off);
		free(m->osz);
		if ((m->off = malloc(maxc * sizeof *m->off)) == NULL ||
		    (m->osz = malloc(maxc)) == NULL)
			err(1, NULL);
		m->scratch = maxc;
	}

	for (s = 0; s < DAY_S; s++) {
		n = m->cnt_s[s];
		if (n == 0) {
			if (stats)
				m->lastpx_end[s] = m->px;
			continue;
		}
		psweep = 0.10 + 0.35 * m->stress_s[s];
		for (o = 0, rem = n; rem > 0; o++) {
			k = rng_unif(&m->rt) < psweep ? 2 + rng_below(&m->rt, 4) : 1;
			if (k > rem)
				k = rem;
			m->osz[o] = (uint8_t)k;
			rem -= k;
		}
		for (i = 0; i < o; i++)
			m->off[i] = (uint16_t)rng_below(&m->rt, 1000);
		sort_offsets(m->off, o);

		x = m->lat_s[s];
		xend = m->lat_s[s + 1];
		sd2 = x * m->sig_s[s];
		sd2 = sd2 * sd2 / 1000;		/* variance per ms, USD^2 */
		tp = 0;
		for (i = 0; i < o; i++) {
			t = m->off[i];
			if (t > tp) {
				rest = 1000 - tp;
				x += (xend - x) * (t - tp) / rest + sqrt(sd2 *
				    (t - tp) * (1000 - t) / rest) *
				    rng_normal(&m->rt);
				tp = t;
			}
			buy = rng_unif(&m->rt) < m->pbuy_s[s];
			mult = buy ? 1 : 1 + 1.5 * m->stress_s[s];
			bid = (int64_t)floor(x * 10);
			if (bid < 10)
				bid = 10;
			ts = day_ms + (int64_t)s * 1000 + t;
			for (j = 0; j < m->osz[i]; j++) {
				px = buy ? bid + 1 + j : bid - j;
				if (px < 1)
					px = 1;
				lots = draw_lots(&m->rt, mult);
				fills = draw_fills(&m->rt, lots);

				p = zout_line(z);
				p = put_u64(p, m->agg_id++);
				*p++ = ',';
				p = put_fixed(p, px, 1);
				if (wide)
					*p++ = '0';
				*p++ = ',';
				p = put_fixed(p, lots, 3);
				*p++ = ',';
				p = put_u64(p, m->trade_id);
				*p++ = ',';
				m->trade_id += (uint64_t)fills;
				p = put_u64(p, m->trade_id - 1);
				*p++ = ',';
				p = put_u64(p, (uint64_t)ts);
				p = put_str(p, buy ? ",false\n" : ",true\n");
				zout_commit(z, p);
				m->px = px;

				if (!stats)
					continue;
				kl = &m->kl[s / 60];
				q = px * lots;
				if (kl->count == 0)
					kl->open = kl->high = kl->low = px;
				if (px > kl->high)
					kl->high = px;
				if (px < kl->low)
					kl->low = px;
				kl->close = px;
				kl->vol += lots;
				kl->qvol += q;
				kl->count += (uint64_t)fills;
				if (buy) {
					kl->tbvol += lots;
					kl->tbq += q;
					m->tb_buy[s / 300] += lots;
				} else
					m->tb_sell[s / 300] += lots;
			}
		}
		if (stats)
			m->lastpx_end[s] = m->px;
	}
}

/* ---- the other Binance files ------------------------------------------- */

static int64_t
price_before(const struct model *m, int sec)
{
	return sec > 0 ? m->lastpx_end[sec - 1] : m->day_open_px;
}

static void
write_klines(struct model *m, int d, struct zout *z)
{
	int64_t day_ms = (m->day0 + d) * DAY_MS, open_ms, prev = m->day_open_px;
	struct kline *kl;
	char *p;
	int i;

	zout_puts(z, "open_time,open,high,low,close,volume,close_time,"
	    "quote_volume,count,taker_buy_volume,taker_buy_quote_volume,"
	    "ignore\n");
	for (i = 0; i < MINUTES; i++) {
		kl = &m->kl[i];
		if (kl->count == 0) {		/* no trades: flat at the last close */
			kl->open = kl->high = kl->low = kl->close = prev;
		}
		open_ms = day_ms + (int64_t)i * 60000;
		p = zout_line(z);
		p = put_u64(p, (uint64_t)open_ms);
		*p++ = ',';
		p = put_fixed(p, kl->open * 10, 2);
		*p++ = ',';
		p = put_fixed(p, kl->high * 10, 2);
		*p++ = ',';
		p = put_fixed(p, kl->low * 10, 2);
		*p++ = ',';
		p = put_fixed(p, kl->close * 10, 2);
		*p++ = ',';
		p = put_fixed(p, kl->vol, 3);
		*p++ = ',';
		p = put_u64(p, (uint64_t)(open_ms + 59999));
		*p++ = ',';
		p = put_fixed(p, kl->qvol * 10, 5);
		*p++ = ',';
		p = put_u64(p, kl->count);
		*p++ = ',';
		p = put_fixed(p, kl->tbvol, 3);
		*p++ = ',';
		p = put_fixed(p, kl->tbq * 10, 5);
		p = put_str(p, ",0\n");
		zout_commit(z, p);
		prev = kl->close;
	}
}

/*
 * 5-minute metrics.  Open interest follows
 *   ln OI' = ln OI + ln2/288 (ln T - ln OI) + 0.0012 z,   OI' *= 1 - flush,
 * T = OI0 (1 + 0.35 (1 - e^(-days/12))), so it builds up slowly and drops
 * where the scheduled moves close positions.  The long/short ratios are
 * log-AR(1) series that rise when price falls; the taker ratio is taker
 * buy / sell volume of the previous 5 minutes of the trades written, both
 * plus half the day's mean 5-minute volume: the sample has far fewer trades
 * than the market, and a few big fills would otherwise swing it to 10 or 0.1.
 */
static void
write_metrics(struct model *m, int d, const char *symbol, struct zout *z)
{
	int64_t oi_u, val, pxk, pprev = m->day_open_px, buy, sell, damp = 0;
	double ret, target, days;
	char date[11], *p;
	int k, sec, late, blank[BUCKETS], nb, i;

	fmt_date(date, m->day0 + d);
	for (k = 0; k < BUCKETS; k++)
		damp += m->tb_buy[k] + m->tb_sell[k];
	damp /= 2 * BUCKETS;
	memset(blank, 0, sizeof blank);
	nb = 2 + (int)rng_below(&m->rm, 3);
	for (i = 0; i < nb; i++)
		blank[rng_below(&m->rm, BUCKETS)] = 1;

	zout_puts(z, "create_time,symbol,sum_open_interest,"
	    "sum_open_interest_value,count_toptrader_long_short_ratio,"
	    "sum_toptrader_long_short_ratio,count_long_short_ratio,"
	    "sum_taker_long_short_vol_ratio\n");
	for (k = 0; k < BUCKETS; k++) {
		late = rng_below(&m->rm, 20) == 0;
		sec = k * 300 + late;
		pxk = price_before(m, k * 300);
		ret = (double)pxk / (double)pprev - 1;
		pprev = pxk;
		m->x_ctt = clampd(0.995 * m->x_ctt + 0.012 * rng_normal(&m->rm) -
		    2.5 * ret, -1, 1);
		m->x_stt = clampd(0.99 * m->x_stt + 0.006 * rng_normal(&m->rm) -
		    1.2 * ret, -1, 1);
		m->x_cls = clampd(0.997 * m->x_cls + 0.008 * rng_normal(&m->rm) -
		    3.0 * ret, -1, 1);
		buy = damp + (k > 0 ? m->tb_buy[k - 1] : m->prev_buy);
		sell = damp + (k > 0 ? m->tb_sell[k - 1] : m->prev_sell);

		oi_u = round_i64(m->oi * 1e4);		/* 1e-4 BTC */
		val = oi_u * price_before(m, sec);	/* 1e-5 USD */
		p = zout_line(z);
		p = put_str(p, date);
		*p++ = ' ';
		*p++ = (char)('0' + sec / 36000);
		*p++ = (char)('0' + sec / 3600 % 10);
		*p++ = ':';
		*p++ = (char)('0' + sec / 600 % 6);
		*p++ = (char)('0' + sec / 60 % 10);
		*p++ = ':';
		*p++ = (char)('0' + sec % 60 / 10);
		*p++ = (char)('0' + sec % 10);
		*p++ = ',';
		p = put_str(p, symbol);
		*p++ = ',';
		p = put_fixed(p, oi_u, 4);
		*p++ = ',';
		p = put_fixed(p, val, 5);
		p = put_str(p, "000,");
		if (!blank[k]) {
			p = put_fixed(p, round_i64(1.9 * xexp(m->x_ctt) * 1e8), 8);
			*p++ = ',';
			p = put_fixed(p, round_i64(1.3 * xexp(m->x_stt) * 1e6), 6);
			*p++ = ',';
			p = put_fixed(p, round_i64(2.0 * xexp(m->x_cls) * 1e8), 8);
			*p++ = ',';
			if (sell > 0)
				p = put_fixed(p, (buy * 1000000 + sell / 2) /
				    sell, 6);
		} else
			p = put_str(p, ",,,");
		*p++ = '\n';
		zout_commit(z, p);

		days = d + (k + 1) / (double)BUCKETS;
		target = m->oi0 * (1 + 0.35 * (1 - xexp(-days / 12)));
		m->oi *= xexp(LN2 / BUCKETS * xlog(target / m->oi) +
		    0.0012 * rng_normal(&m->rm));
		m->oi *= 1 - m->flush_b[k];
	}
	m->prev_buy = m->tb_buy[BUCKETS - 1];
	m->prev_sell = m->tb_sell[BUCKETS - 1];
}

/* Funding at 00:00, 08:00 and 16:00 UTC: 0.01 % plus 0.008 x the 8-hour
 * return plus AR(1) noise, clamped to +-0.3 %; a third of the rows are
 * stamped 1-9 ms late as in Binance's archive. */
static void
add_funding(struct model *m, int d, char **buf, size_t *len, size_t *cap)
{
	static const int secs[3] = { 0, 28800, 57600 };
	int64_t day_ms = (m->day0 + d) * DAY_MS, pt, p8, late;
	double rate;
	char *p;
	int i;

	for (i = 0; i < 3; i++) {
		pt = price_before(m, secs[i]);
		if (i == 0)
			p8 = d == 0 ? pt : m->px16_prev;
		else
			p8 = price_before(m, secs[i - 1]);
		m->fund_noise = 0.7 * m->fund_noise + 0.00003 *
		    rng_normal(&m->rm);
		rate = clampd(0.0001 + 0.008 * ((double)pt / (double)p8 - 1) +
		    m->fund_noise, -0.003, 0.003);
		late = rng_below(&m->rm, 3) == 0 ? 1 + rng_below(&m->rm, 9) : 0;
		if (*len + 64 > *cap) {
			*cap = *cap ? *cap * 2 : 4096;
			if ((*buf = realloc(*buf, *cap)) == NULL)
				err(1, NULL);
		}
		p = *buf + *len;
		p = put_u64(p, (uint64_t)(day_ms + secs[i] * 1000LL + late));
		p = put_str(p, ",8,");
		p = put_fixed(p, round_i64(rate * 1e8), 8);
		*p++ = '\n';
		*len = (size_t)(p - *buf);
	}
	m->px16_prev = price_before(m, 57600);
}

/* ---- driver ------------------------------------------------------------- */

static void
usage(FILE *fp, int status)
{
	fputs("usage: liq-gen [-s SEED] [-d DAYS] [-n ROWS_PER_DAY] [-S SYMBOL] "
	    "[-t YYYY-MM-DD] -o OUTDIR\n"
	    "       liq-gen [-s SEED] [-n ROWS] [-t YYYY-MM-DD] "
	    "--aggtrades-gz FILE\n", fp);
	exit(status);
}

static uint64_t
parse_num(const char *opt, const char *s, uint64_t lo, uint64_t hi)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		goto bad;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		goto bad;
	return v;
bad:
	warnx("%s: %s: not a whole number in %llu..%llu", opt, s,
	    (unsigned long long)lo, (unsigned long long)hi);
	usage(stderr, 2);
	return 0;
}

static int64_t
parse_date(const char *s)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, i, leap;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			goto bad;
	if (s[10] != '\0')
		goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
	mo = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap))
		goto bad;
	return days_from_civil(y, mo, d);
bad:
	warnx("-t: %s: not a date YYYY-MM-DD in 2000..2099", s);
	usage(stderr, 2);
	return 0;
}

static char *
path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p;

	if ((p = malloc(n)) == NULL)
		err(1, NULL);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* "X.zip" beside "X.csv", in dir */
static void
open_zip(struct zout *z, const char *dir, const char *stem, uint64_t seed,
    int64_t stamp_day, int stamp_hour)
{
	char name[256], member[256], *path;

	snprintf(name, sizeof name, "%s.zip", stem);
	snprintf(member, sizeof member, "%s.csv", stem);
	path = path_join(dir, name);
	zout_open(z, path, member, 0, seed, stamp_day, stamp_hour);
	free(path);
}

static void
run_set(uint64_t seed, int days, uint64_t rows, const char *symbol,
    int64_t day0, const char *outdir)
{
	struct model *m;
	struct zout z;
	struct stat st;
	char date[11], stem[128], *fund = NULL, *p;
	size_t flen = 0, fcap = 0, off, n;
	int d;

	if (mkdir(outdir, 0777) != 0 && errno != EEXIST)
		err(1, "%s", outdir);
	if (stat(outdir, &st) != 0)
		err(1, "%s", outdir);
	if (!S_ISDIR(st.st_mode))
		errx(1, "%s: not a directory", outdir);

	if ((m = malloc(sizeof *m)) == NULL)
		err(1, NULL);
	model_init(m, seed, day0);
	for (d = 0; d < days; d++) {
		fmt_date(date, day0 + d);
		pass1(m, d);
		make_counts(m, rows);

		snprintf(stem, sizeof stem, "%s-aggTrades-%s", symbol, date);
		open_zip(&z, outdir, stem, seed, day0 + d, 6);
		zout_puts(&z, "agg_trade_id,price,quantity,first_trade_id,"
		    "last_trade_id,transact_time,is_buyer_maker\n");
		pass2(m, d, &z, 0, 1);
		zout_close(&z);

		snprintf(stem, sizeof stem, "%s-1m-%s", symbol, date);
		open_zip(&z, outdir, stem, seed, day0 + d, 6);
		write_klines(m, d, &z);
		zout_close(&z);

		snprintf(stem, sizeof stem, "%s-metrics-%s", symbol, date);
		open_zip(&z, outdir, stem, seed, day0 + d, 6);
		write_metrics(m, d, symbol, &z);
		zout_close(&z);

		add_funding(m, d, &fund, &flen, &fcap);
	}
	fmt_date(date, day0);
	snprintf(stem, sizeof stem, "%s-fundingRate-%.7s", symbol, date);
	open_zip(&z, outdir, stem, seed, day0 + days - 1, 7);
	zout_puts(&z, "calc_time,funding_interval_hours,last_funding_rate\n");
	for (off = 0; off < flen; off += n) {
		n = flen - off < 256 ? flen - off : 256;
		p = zout_line(&z);
		memcpy(p, fund + off, n);
		zout_commit(&z, p + n);
	}
	zout_close(&z);
	free(fund);
	model_free(m);
	free(m);
}

static void
run_gz(uint64_t seed, uint64_t rows, int64_t day0, const char *file)
{
	struct model *m;
	struct zout z;

	if ((m = malloc(sizeof *m)) == NULL)
		err(1, NULL);
	model_init(m, seed, day0);
	pass1(m, 0);
	make_counts(m, rows);
	zout_open(&z, file, NULL, 1, seed, day0, 0);
	zout_puts(&z, "agg_trade_id,price,quantity,first_trade_id,"
	    "last_trade_id,transact_time,is_buyer_maker\n");
	pass2(m, 0, &z, 1, 0);
	zout_close(&z);
	model_free(m);
	free(m);
}

int
main(int argc, char *argv[])
{
	uint64_t seed = 1, rows = 0;
	int days = 2, i, have_d = 0, have_S = 0;
	const char *symbol = "BTCUSDT", *outdir = NULL, *gzfile = NULL, *a, *val;
	int64_t day0 = days_from_civil(2024, 3, 4);
	char c;
	size_t j;

	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strncmp(a, "--aggtrades-gz", 14) == 0 &&
		    (a[14] == '\0' || a[14] == '=')) {
			if (a[14] == '=')
				gzfile = a + 15;
			else if (i + 1 < argc)
				gzfile = argv[++i];
			else {
				warnx("option requires an argument -- aggtrades-gz");
				usage(stderr, 2);
			}
			if (*gzfile == '\0') {
				warnx("--aggtrades-gz: empty file name");
				usage(stderr, 2);
			}
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			usage(stdout, 0);
		if (a[0] != '-' || a[1] == '\0')
			break;
		c = a[1];
		if (strchr("sdnSto", c) == NULL) {
			warnx("unknown option -- %s", a + 1);
			usage(stderr, 2);
		}
		if (a[2] != '\0')
			val = a + 2;
		else if (i + 1 < argc)
			val = argv[++i];
		else {
			warnx("option requires an argument -- %c", c);
			usage(stderr, 2);
			return 2;
		}
		switch (c) {
		case 's':
			seed = parse_num("-s", val, 0, UINT64_MAX);
			break;
		case 'd':
			days = (int)parse_num("-d", val, 1, MAX_DAYS);
			have_d = 1;
			break;
		case 'n':
			rows = parse_num("-n", val, 1, GZ_MAX_ROWS);
			break;
		case 'S':
			for (j = 0; val[j] != '\0'; j++)
				if (!((val[j] >= 'A' && val[j] <= 'Z') ||
				    (val[j] >= '0' && val[j] <= '9') || val[j] == '_'))
					break;
			if (j == 0 || j > 32 || val[j] != '\0') {
				warnx("-S: %s: want 1-32 of A-Z 0-9 _", val);
				usage(stderr, 2);
			}
			symbol = val;
			have_S = 1;
			break;
		case 't':
			day0 = parse_date(val);
			break;
		case 'o':
			if (*val == '\0') {
				warnx("-o: empty directory name");
				usage(stderr, 2);
			}
			outdir = val;
			break;
		}
	}
	if (i < argc) {
		warnx("unexpected operand: %s", argv[i]);
		usage(stderr, 2);
	}
	if ((outdir == NULL) == (gzfile == NULL)) {
		warnx("need exactly one of -o OUTDIR and --aggtrades-gz FILE");
		usage(stderr, 2);
	}
	if (gzfile != NULL && (have_d || have_S)) {
		warnx("-d and -S are for -o only");
		usage(stderr, 2);
	}
	if (outdir != NULL && rows > SET_MAX_ROWS) {
		warnx("-n: %llu: at most %llu rows a day with -o",
		    (unsigned long long)rows, (unsigned long long)SET_MAX_ROWS);
		usage(stderr, 2);
	}
	if (day0 + days - 1 > days_from_civil(2099, 12, 31)) {
		warnx("-t/-d: the last day is after 2099-12-31");
		usage(stderr, 2);
	}
	if (atexit(cleanup) != 0)
		err(1, "atexit");

	if (gzfile != NULL)
		run_gz(seed, rows ? rows : 4000000, day0, gzfile);
	else
		run_set(seed, days, rows ? rows : 50000, symbol, day0, outdir);
	return 0;
}
