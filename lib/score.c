/*
 * score.c - liq-score's numbers: a grid's predicted liquidations against
 * the realized ones, per bar, and its walls as magnets, with bootstrap
 * intervals by blocks of days (the definitions: liq_score.h and
 * man/liq-score.1).  Columns are kept as a few doubles each (the cells
 * only while the column's walls are found), so memory is O(columns);
 * every score of a resample is one or two passes over orders sorted once
 * per period, with the resample given as a weight per bar (how many times
 * its day was drawn), so a bootstrap costs O(resamples x bars).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"
#include "score_int.h"

#define DAY_MS INT64_C(86400000)

const char *const liq_score_bar_names[] = { "rho", "pearson_log1p", "top5",
    "top10", "top20", "ratio", NULL };
const char *const liq_score_wall_names[] = { "logloss", "brier", NULL };
const char *const liq_score_period_names[] = { "all", "month", "window",
    NULL };

static const double top_frac[3] = { 0.05, 0.10, 0.20 };

struct col {
	int64_t t, step;
	double o, h, l, c, oi, pred[2], real[2];
	int grid;
};

/* The two walls of one snapshot, and then its outcome. */
struct snap {
	int64_t t, s;		/* column open, snapshot time */
	double up, dn;		/* peak prices */
	double sup, sdn;	/* scores */
	double dup, ddn;	/* distances, percent */
	int have;		/* both walls found */
	int status;		/* S_* */
	double pm, pb;		/* forecasts: the map's, the baseline's */
	int y;
};
enum { S_OK, S_NOWALL, S_UNTOUCHED, S_BOTH, S_PAST };

/* A scored bar. */
struct bar {
	int64_t t;
	double x[2][2];		/* [side][0 model, 1 naive] */
	double real[2];
};

struct liq_score {
	struct liq_score_options o;
	struct liq_zones *z;
	int64_t step;
	int grid, grid_known;
	char **names;
	struct col *col;
	size_t ncol, capcol;
	struct snap *snap;
	size_t nsnap, capsnap;
	struct liq_score_period *per;
	size_t nper;
	struct score_lift *lift;	/* NULL: no events */
};

/* A value and its index: the sort key of an order. */
struct key {
	double v;
	uint32_t i;
};

static int
nomem(struct liq_error *e)
{
	return liq_error_set(e, LIQ_ENOMEM, NULL, 0, NULL, NULL, 0,
	    "out of memory");
}

static int
grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *q;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 1024;
	if ((q = realloc(*p, c * size)) == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

void
liq_score_options_init(struct liq_score_options *o)
{
	memset(o, 0, sizeof(*o));
	o->from_ms = INT64_MIN;
	o->to_ms = INT64_MAX;
	o->horizon_ms = LIQ_SCORE_DEFAULT_HORIZON_MS;
	o->range_pct = LIQ_SCORE_DEFAULT_RANGE_PCT;
	o->resamples = LIQ_SCORE_DEFAULT_RESAMPLES;
	o->seed = LIQ_SCORE_DEFAULT_SEED;
	liq_zones_options_init(&o->zones);
}

int
liq_score_new(struct liq_score **sp, const struct liq_score_options *o,
    struct liq_error *e)
{
	struct liq_score *s;

	*sp = NULL;
	if (o->horizon_ms <= 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "horizon", NULL, 0,
		    "must be positive");
	if (o->every_ms < 0 || o->walls_every_ms < 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "every", NULL, 0,
		    "must not be negative");
	if (o->resamples < 0 || o->resamples > 1000000)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "resamples", NULL,
		    0, "must be 0 to 1000000");
	if (!(o->range_pct > 0))
		return liq_error_set(e, LIQ_EARG, NULL, 0, "range", NULL, 0,
		    "must be positive");
	if (o->from_ms >= o->to_ms)
		return liq_error_set(e, LIQ_EARG, NULL, 0, "to", NULL, 0,
		    "the window is empty");
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return nomem(e);
	s->o = *o;
	s->grid = -1;
	*sp = s;
	return 0;
}

void
liq_score_free(struct liq_score *s)
{
	if (s == NULL)
		return;
	liq_zones_free(s->z);
	for (int i = 0; i <= s->grid; i++)
		free(s->names[i]);
	free(s->names);
	free(s->col);
	free(s->snap);
	free(s->per);
	score_lift_free(s->lift);
	free(s);
}

int
liq_score_events(struct liq_score *s, const struct liq_events *ev,
    const struct liq_lift_options *o, struct liq_error *e)
{
	if (s->grid >= 0 || s->lift != NULL)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "events after a grid, or twice");
	return score_lift_new(&s->lift, ev, o, e);
}

const struct liq_lift_result *
liq_score_lift_totals(const struct liq_score *s)
{
	return s->lift != NULL ? score_lift_totals(s->lift) : NULL;
}

int
liq_score_grid(struct liq_score *s, const struct liq_grid_info *g,
    const char *name, struct liq_error *e)
{
	char **p;
	int rc;

	if (g->step_ms <= 0)
		return liq_error_set(e, LIQ_EDATA, name, 0, "step", NULL, 0,
		    "the grid's step is not positive");
	if (s->o.walls_every_ms != 0 && s->o.walls_every_ms % g->step_ms != 0)
		return liq_error_set(e, LIQ_EARG, name, 0, "walls-every", NULL,
		    0, "not a multiple of the grid's step");
	liq_zones_free(s->z);
	s->z = NULL;
	if ((rc = liq_zones_new(&s->z, g, &s->o.zones, e)) != 0)
		return rc;
	if ((p = realloc(s->names, sizeof(*p) * (size_t)(s->grid + 2))) ==
	    NULL)
		return nomem(e);
	s->names = p;
	if ((p[s->grid + 1] = strdup(name != NULL ? name : "(grid)")) == NULL)
		return nomem(e);
	s->grid++;
	s->grid_known = 0;
	s->step = g->step_ms;
	if (s->lift != NULL && (rc = score_lift_grid(s->lift, g, e)) != 0)
		return rc;
	return 0;
}

/* The rank-1 walls above and below c's close, into sn. */
static int
walls(struct liq_score *s, const struct liq_grid_column *c, struct snap *sn,
    struct liq_error *e)
{
	const struct liq_wall *w;
	int n, rc, up = 0, dn = 0;

	if ((rc = liq_zones_find(s->z, LIQ_ZONES_LONG, c->long_usd, c->close,
	    e)) < 0 || (rc = liq_zones_find(s->z, LIQ_ZONES_SHORT, c->short_usd,
	    c->close, e)) < 0)
		return rc;
	if ((n = liq_zones_walls(s->z, 3, s->o.range_pct, &w, e)) < 0)
		return n;
	for (int i = 0; i < n; i++) {
		double d = fabs(w[i].zone->distance_pct);

		if (d < LIQ_ZONES_MIN_DISTANCE_PCT)
			d = LIQ_ZONES_MIN_DISTANCE_PCT;
		if (w[i].rank != 1)
			continue;
		if (w[i].above) {
			sn->up = w[i].zone->peak_price;
			sn->sup = w[i].score;
			sn->dup = d;
			up = 1;
		} else {
			sn->dn = w[i].zone->peak_price;
			sn->sdn = w[i].score;
			sn->ddn = d;
			dn = 1;
		}
	}
	sn->have = up && dn;
	return 0;
}

int
liq_score_column(struct liq_score *s, const struct liq_grid_column *c,
    struct liq_error *e)
{
	struct col *k;
	int64_t snap_ms;
	int rc;

	if (s->grid < 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "a column before its grid");
	int in = c->time_ms >= s->o.from_ms && c->time_ms < s->o.to_ms;

	if (isfinite(c->real_long) && isfinite(c->real_short))
		s->grid_known = 1;
	if (s->lift != NULL && (rc = score_lift_column(s->lift, c, in, e)) !=
	    0)
		return rc;
	if (!in)
		return 0;
	if (grow((void **)&s->col, &s->capcol, s->ncol, sizeof(*s->col)) != 0)
		return nomem(e);
	k = &s->col[s->ncol++];
	k->t = c->time_ms;
	k->step = s->step;
	k->o = c->open;
	k->h = c->high;
	k->l = c->low;
	k->c = c->close;
	k->oi = c->oi_quote;
	k->pred[0] = c->pred_long;
	k->pred[1] = c->pred_short;
	k->real[0] = c->real_long;
	k->real[1] = c->real_short;
	k->grid = s->grid;
	snap_ms = c->time_ms + s->step;
	if (s->o.walls_every_ms == 0 || snap_ms % s->o.walls_every_ms == 0) {
		struct snap *sn;

		if (grow((void **)&s->snap, &s->capsnap, s->nsnap,
		    sizeof(*s->snap)) != 0)
			return nomem(e);
		sn = &s->snap[s->nsnap++];
		memset(sn, 0, sizeof(*sn));
		sn->t = c->time_ms;
		sn->s = snap_ms;
		if (c->close > 0 && (rc = walls(s, c, sn, e)) != 0)
			return rc;
	}
	return 0;
}

int
liq_score_grid_end(struct liq_score *s, struct liq_error *e)
{
	if (s->grid < 0)
		return liq_error_set(e, LIQ_EARG, NULL, 0, NULL, NULL, 0,
		    "no grid");
	if (!s->grid_known && s->lift == NULL)
		return liq_error_set(e, LIQ_EDATA, s->names[s->grid], 0, NULL,
		    NULL, 0, "no realized liquidations in the grid (its bars "
		    "had none: make it from bars with liquidation fields)");
	if (s->lift != NULL)
		return score_lift_grid_end(s->lift, e);
	return 0;
}

/* ------------------------------------------------------------ helpers */

static int
by_time(const void *a, const void *b)
{
	const struct col *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->grid > y->grid) - (x->grid < y->grid);
}

static int
snap_by_time(const void *a, const void *b)
{
	const struct snap *x = a, *y = b;

	return (x->t > y->t) - (x->t < y->t);
}

/* Largest value first, then the earlier index. */
static int
by_value_desc(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

uint64_t
score_splitmix64(uint64_t *st)
{
	uint64_t z = (*st += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Year and month of the day d since 1970-01-01 (H. Hinnant's civil
 * calendar algorithm, proleptic Gregorian). */
static void
civil(int64_t d, int64_t *y, unsigned *m)
{
	int64_t z = d + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

/* The start of the month holding t, and of the next. */
static void
month_of(int64_t t, int64_t *from, int64_t *to)
{
	int64_t y;
	unsigned m;

	civil(floor_div(t, DAY_MS), &y, &m);
	*from = liq_days_from_civil(y, m, 1) * DAY_MS;
	*to = liq_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1,
	    1) * DAY_MS;
}

/* ------------------------------------------------------- the statistics */

/* Per day and side: sums of x (model, naive, real), of log1p(x), of
 * their squares, and of log1p(model or naive) times log1p(real). */
enum { D_X = 0, D_L = 3, D_LL = 6, D_LR = 9, D_N = 11 };
/* Per day: sums of the snapshots' log losses and Brier scores, the
 * map's and the baseline's. */
enum { W_LL = 0, W_BR = 2, W_N = 4 };

/*
 * Work space for the scores of one period: n bars (or snapshots), their
 * days, the weights of a resample, and per side and variable (model,
 * naive, real) the values, their log1p, the order (largest first, then
 * the earlier) and where each run of equal values starts in it, all as
 * plain arrays so that a resample's passes run over memory in order.
 */
struct work {
	size_t n;
	uint32_t *day;		/* day index of each item */
	size_t ndays;
	uint32_t *cnt;		/* draws of each day */
	double *x[2][3];	/* [side][model, naive, real] */
	double *lx[2][3];	/* log1p of x */
	uint32_t *ord[2][3];
	uint32_t *dord[2][3];	/* the day of ord[k] */
	uint32_t *run[2][3];	/* length of the run of equal values at k */
	double *rank;		/* scratch: realized ranks by item */
	uint32_t *dn;		/* bars of each day */
	double *dsum[2][D_N];	/* [side][D_*][day]: the day's sums */
	double *wsum[W_N];	/* [W_*][day] */
	const struct snap **snap;
};

/*
 * The runs of equal values of the weighted sample along ord (largest
 * first), each with twice its average rank, R = 2 before + w + 1, before
 * the weight ranked above the run and w the run's (ranks counted from
 * the top and doubled: neither changes a correlation).  rank_store
 * stores each item's R in r, rank_cross returns sum w R rb[i]; both put
 * sum w R^2 in *saa.  run[k] is the length of the run that starts at
 * position k; dord[k] the day of ord[k], so a weight is cnt[dord[k]],
 * read in order from a small array.
 */
static void
rank_store(const struct work *wk, const uint32_t *ord, const uint32_t *dord,
    const uint32_t *run, double *r, double *saa)
{
	const uint32_t *cnt = wk->cnt;
	size_t n = wk->n, i = 0, j, len;
	uint64_t before = 0, sw;
	double aa = 0, rk;

	for (; i < n; i += len) {
		len = run[i];
		for (sw = 0, j = i; j < i + len; j++)
			sw += cnt[dord[j]];
		rk = (double)(2 * before + sw + 1);
		aa += (double)sw * rk * rk;
		for (j = i; j < i + len; j++)
			r[ord[j]] = rk;
		before += sw;
	}
	*saa = aa;
}

static double
rank_cross(const struct work *wk, const uint32_t *ord, const uint32_t *dord,
    const uint32_t *run, const double *rb, double *saa)
{
	const uint32_t *cnt = wk->cnt;
	size_t n = wk->n, i = 0, j, len;
	uint64_t before = 0, sw;
	double aa = 0, ab = 0, rk, x;

	for (; i < n; i += len) {
		len = run[i];
		if (len == 1) {
			sw = cnt[dord[i]];
			rk = (double)(2 * before + sw + 1);
			aa += (double)sw * rk * rk;
			ab += (double)sw * rk * rb[ord[i]];
			before += sw;
			continue;
		}
		for (sw = 0, x = 0, j = i; j < i + len; j++) {
			sw += cnt[dord[j]];
			x += cnt[dord[j]] * rb[ord[j]];
		}
		rk = (double)(2 * before + sw + 1);
		aa += (double)sw * rk * rk;
		ab += rk * x;
		before += sw;
	}
	*saa = aa;
	return ab;
}

/* The correlation from weighted sums (NaN without variance). */
static double
corr(double sw, double sa, double sb, double saa, double sbb, double sab)
{
	double va, vb;

	if (!(sw > 0))
		return NAN;
	va = saa - sa * sa / sw;
	vb = sbb - sb * sb / sw;
	/* a constant leaves only rounding error: no variance */
	if (!(va > 1e-12 * saa) || !(vb > 1e-12 * sbb))
		return NAN;
	return (sab - sa * sb / sw) / sqrt(va * vb);
}

/* The shares of the realized total in the top bars by variable var:
 * out[f] for top_frac[f]. */
static void
top_shares(const struct work *wk, int side, int var, double sw, double sr,
    double *out)
{
	const uint32_t *ord = wk->ord[side][var], *dord = wk->dord[side][var];
	const double *real = wk->x[side][2];
	double k[3], taken = 0, got = 0;
	int f = 0;

	for (int i = 0; i < 3; i++) {
		k[i] = nearbyint(sw * top_frac[i]);
		if (k[i] < 1)
			k[i] = 1;
		out[i] = NAN;
	}
	for (size_t i = 0; i < wk->n && f < 3; i++) {
		double t = wk->cnt[dord[i]], r = real[ord[i]];

		while (f < 3 && taken + t >= k[f]) {
			out[f] = sr > 0 ? (got + (k[f] - taken) * r) / sr :
			    NAN;
			f++;
		}
		taken += t;
		got += t * r;
	}
}

/*
 * Every bar score of the current weights: v[side][k][model, naive].
 * Sums over bars are sums over days of the day's sums times its draws
 * (D_*); the rank sums need the bars: sum w R = W (W + 1) for the
 * doubled average ranks, the rest from rank_store and rank_cross.
 */
static void
all_bar_scores(struct work *wk, double v[2][LIQ_SCORE_NBAR][2])
{
	double sw = 0, d[2][D_N], rsa, rsaa[3], rsab[2];

	memset(d, 0, sizeof(d));
	for (size_t k = 0; k < wk->ndays; k++) {
		double c = wk->cnt[k];

		if (c == 0)
			continue;
		sw += c * wk->dn[k];
		for (int sd = 0; sd < 2; sd++)
			for (int q = 0; q < D_N; q++)
				d[sd][q] += c * wk->dsum[sd][q][k];
	}
	rsa = sw * (sw + 1);
	for (int sd = 0; sd < 2; sd++) {
		const double *dd = d[sd];
		double top[3];

		rank_store(wk, wk->ord[sd][2], wk->dord[sd][2],
		    wk->run[sd][2], wk->rank, &rsaa[2]);
		for (int var = 0; var < 2; var++) {
			rsab[var] = rank_cross(wk, wk->ord[sd][var],
			    wk->dord[sd][var], wk->run[sd][var], wk->rank,
			    &rsaa[var]);
			v[sd][LIQ_SCORE_RHO][var] = corr(sw, rsa, rsa,
			    rsaa[var], rsaa[2], rsab[var]);
			v[sd][LIQ_SCORE_PEARSON][var] = corr(sw,
			    dd[D_L + var], dd[D_L + 2], dd[D_LL + var],
			    dd[D_LL + 2], dd[D_LR + var]);
			top_shares(wk, sd, var, sw, dd[D_X + 2], top);
			for (int f = 0; f < 3; f++)
				v[sd][LIQ_SCORE_TOP5 + f][var] = top[f];
			v[sd][LIQ_SCORE_RATIO][var] = dd[D_X + 2] > 0 ?
			    dd[D_X + var] / dd[D_X + 2] : NAN;
		}
	}
}

static double
clamp_p(double p)
{
	return p < LIQ_SCORE_P_MIN ? LIQ_SCORE_P_MIN :
	    p > LIQ_SCORE_P_MAX ? LIQ_SCORE_P_MAX : p;
}

/* The wall scores of the current weights: v[k][model, naive], from the
 * days' sums of each snapshot's losses (W_*). */
static void
all_wall_scores(struct work *wk, double v[LIQ_SCORE_NWALL][2])
{
	double sw = 0, t[W_N] = { 0, 0, 0, 0 };

	for (size_t d = 0; d < wk->ndays; d++) {
		double c = wk->cnt[d];

		sw += c * wk->dn[d];
		for (int q = 0; q < W_N; q++)
			t[q] += c * wk->wsum[q][d];
	}
	for (int m = 0; m < 2; m++) {
		v[LIQ_SCORE_LOGLOSS][m] = sw > 0 ? t[W_LL + m] / sw : NAN;
		v[LIQ_SCORE_BRIER][m] = sw > 0 ? t[W_BR + m] / sw : NAN;
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The 90 % interval of the m values v[0..m) (finite ones only). */
static void
interval(double *v, size_t m, double *lo, double *hi)
{
	size_t k = 0;

	for (size_t i = 0; i < m; i++)
		if (isfinite(v[i]))
			v[k++] = v[i];
	*lo = *hi = NAN;
	if (k == 0)
		return;
	qsort(v, k, sizeof(*v), cmp_double);
	*lo = v[(size_t)ceil(0.05 * (double)k) - 1];
	*hi = v[(size_t)ceil(0.95 * (double)k) - 1];
}

int
score_bootstrap(size_t ndays, uint32_t *cnt, int nstat, score_fn fn,
    void *ctx, struct liq_score_stat *st, int resamples, uint64_t seed)
{
	double point[2 * SCORE_MAX_STAT], cur[2 * SCORE_MAX_STAT];
	double *vals = NULL, *col = NULL;
	uint64_t rng = seed;

	for (size_t d = 0; d < ndays; d++)
		cnt[d] = 1;
	fn(ctx, point);
	for (int k = 0; k < nstat; k++) {
		st[k].model = point[2 * k];
		st[k].naive = point[2 * k + 1];
		st[k].diff = st[k].model - st[k].naive;
		st[k].model_lo = st[k].model_hi = NAN;
		st[k].naive_lo = st[k].naive_hi = NAN;
		st[k].diff_lo = st[k].diff_hi = NAN;
	}
	if (resamples == 0 || ndays == 0)
		return 0;
	if ((vals = malloc(sizeof(double) * 2 * (size_t)nstat *
	    (size_t)resamples)) == NULL ||
	    (col = malloc(sizeof(double) * (size_t)resamples)) == NULL) {
		free(vals);
		return -1;
	}
	for (int r = 0; r < resamples; r++) {
		memset(cnt, 0, sizeof(*cnt) * ndays);
		for (size_t d = 0; d < ndays; d++)
			cnt[score_splitmix64(&rng) % ndays]++;
		fn(ctx, cur);
		memcpy(vals + (size_t)r * 2 * (size_t)nstat, cur,
		    sizeof(double) * 2 * (size_t)nstat);
	}
	for (int k = 0; k < nstat; k++) {
		for (int m = 0; m < 3; m++) {
			double lo, hi;

			for (int r = 0; r < resamples; r++) {
				const double *v = vals + (size_t)r * 2 *
				    (size_t)nstat + 2 * k;

				col[r] = m == 2 ? v[0] - v[1] : v[m];
			}
			interval(col, (size_t)resamples, &lo, &hi);
			if (m == 0) {
				st[k].model_lo = lo;
				st[k].model_hi = hi;
			} else if (m == 1) {
				st[k].naive_lo = lo;
				st[k].naive_hi = hi;
			} else {
				st[k].diff_lo = lo;
				st[k].diff_hi = hi;
			}
		}
	}
	free(vals);
	free(col);
	return 0;
}

static void
bar_fn(void *ctx, double *out)
{
	all_bar_scores(ctx, (double (*)[LIQ_SCORE_NBAR][2])out);
}

static void
wall_fn(void *ctx, double *out)
{
	all_wall_scores(ctx, (double (*)[2])out);
}

/* The day of each item (times t[0..n), in time order) as indexes from
 * 0; returns the count of days. */
static size_t
days(uint32_t *day, const int64_t *t, size_t n)
{
	size_t nd = 0;
	int64_t prev = 0;

	for (size_t i = 0; i < n; i++) {
		int64_t d = floor_div(t[i], DAY_MS);

		if (i == 0 || d != prev)
			nd++;
		prev = d;
		day[i] = (uint32_t)(nd - 1);
	}
	return nd;
}

/* ------------------------------------------------------------- finish */

/* Resolve the outcome of every snapshot from the columns after it. */
static void
resolve(struct liq_score *s)
{
	const struct col *c = s->col;
	size_t nc = s->ncol, j = 0;
	int64_t end = nc ? c[nc - 1].t + c[nc - 1].step : 0;

	for (size_t i = 0; i < s->nsnap; i++) {
		struct snap *sn = &s->snap[i];
		int64_t lim = sn->s + s->o.horizon_ms;

		if (!sn->have) {
			sn->status = S_NOWALL;
			continue;
		}
		while (j < nc && c[j].t < sn->s)
			j++;
		sn->status = end < lim ? S_PAST : S_UNTOUCHED;
		for (size_t k = j; k < nc && c[k].t < lim; k++) {
			int up = c[k].h >= sn->up, dn = c[k].l <= sn->dn;

			if (up && dn) {
				sn->status = S_BOTH;
				break;
			}
			if (up || dn) {
				sn->status = S_OK;
				sn->y = up;
				break;
			}
		}
		sn->pm = clamp_p(sn->sup / (sn->sup + sn->sdn));
		sn->pb = clamp_p(sn->ddn / (sn->dup + sn->ddn));
	}
}

/* 1 when column k is scored, into b; else the reason (2 unknown, 3
 * incomplete). */
static int
make_bar(const struct col *k, struct bar *b)
{
	if (!isfinite(k->real[0]) || !isfinite(k->real[1]))
		return 2;
	if (!isfinite(k->pred[0]) || !isfinite(k->pred[1]) || !(k->o > 0) ||
	    !isfinite(k->h) || !isfinite(k->l) || !isfinite(k->oi))
		return 3;
	b->t = k->t;
	for (int sd = 0; sd < 2; sd++) {
		b->x[sd][0] = k->pred[sd];
		b->real[sd] = k->real[sd];
	}
	b->x[0][1] = (k->o - k->l) / k->o * k->oi;
	b->x[1][1] = (k->h - k->o) / k->o * k->oi;
	return 1;
}

void
score_stat_nan(struct liq_score_stat *st)
{
	st->model = st->naive = st->diff = NAN;
	st->model_lo = st->model_hi = st->naive_lo = st->naive_hi = NAN;
	st->diff_lo = st->diff_hi = NAN;
}

/* Everything of one period: columns [c0, c1) of s->col. */
static int
period(struct liq_score *s, struct liq_score_period *p, size_t c0, size_t c1,
    struct bar *bars, const struct snap **snaps, struct key *keys)
{
	struct work wk;
	size_t nb = 0, ns = 0, n = c1 - c0, i, j;
	uint64_t seed = s->o.seed ^ (uint64_t)p->from_ms;
	int64_t *tm = NULL;
	int rc = -1;

	memset(&wk, 0, sizeof(wk));
	for (i = c0; i < c1; i++) {
		int r = make_bar(&s->col[i], &bars[nb]);

		if (r == 1)
			nb++;
		else if (r == 2)
			p->unknown++;
		else
			p->incomplete++;
	}
	for (i = 0; i < s->nsnap; i++) {
		const struct snap *sn = &s->snap[i];

		if (sn->t < s->col[c0].t || sn->t > s->col[c1 - 1].t)
			continue;
		p->snapshots++;
		switch (sn->status) {
		case S_OK:
			snaps[ns++] = sn;
			p->up_first += (uint64_t)sn->y;
			break;
		case S_NOWALL:
			p->no_wall++;
			break;
		case S_UNTOUCHED:
			p->untouched++;
			break;
		case S_BOTH:
			p->both++;
			break;
		default:
			p->past_end++;
		}
	}
	p->bars = nb;
	p->walls = ns;
	n = nb > ns ? nb : ns;
	if (n == 0)
		n = 1;
	if ((wk.day = malloc(sizeof(uint32_t) * n)) == NULL ||
	    (tm = malloc(sizeof(int64_t) * n)) == NULL ||
	    (wk.cnt = malloc(sizeof(uint32_t) * n)) == NULL)
		goto out;
	if ((wk.rank = malloc(sizeof(double) * n)) == NULL ||

	    (wk.dn = calloc(n, sizeof(uint32_t))) == NULL)
		goto out;
	for (int sd = 0; sd < 2; sd++)
		for (int q = 0; q < D_N; q++)
			if ((wk.dsum[sd][q] = calloc(n, sizeof(double))) == NULL)
				goto out;
	for (int q = 0; q < W_N; q++)
		if ((wk.wsum[q] = calloc(n, sizeof(double))) == NULL)
			goto out;
	for (int sd = 0; sd < 2; sd++)
		for (int v = 0; v < 3; v++) {
			double *x, *lx;

			if ((x = wk.x[sd][v] = malloc(sizeof(double) * n)) ==
			    NULL || (lx = wk.lx[sd][v] = malloc(sizeof(double) *
			    n)) == NULL || (wk.ord[sd][v] = malloc(
			    sizeof(uint32_t) * n)) == NULL ||
			    (wk.run[sd][v] = malloc(sizeof(uint32_t) * n)) ==
			    NULL ||
			    (wk.dord[sd][v] = malloc(sizeof(uint32_t) * n)) ==
			    NULL)
				goto out;
			for (i = 0; i < nb; i++) {
				x[i] = v == 2 ? bars[i].real[sd] :
				    bars[i].x[sd][v];
				lx[i] = log1p(x[i]);
				keys[i].v = x[i];
				keys[i].i = (uint32_t)i;
			}
			qsort(keys, nb, sizeof(*keys), by_value_desc);
			for (i = 0; i < nb; i = j) {
				for (j = i + 1; j < nb && keys[j].v == keys[i].v;
				    j++)
					wk.run[sd][v][j] = 0;
				wk.run[sd][v][i] = (uint32_t)(j - i);
			}
			for (i = 0; i < nb; i++)
				wk.ord[sd][v][i] = keys[i].i;
		}
	wk.n = nb;
	for (i = 0; i < nb; i++)
		tm[i] = bars[i].t;
	wk.ndays = days(wk.day, tm, nb);
	for (int sd = 0; sd < 2; sd++)
		for (int v = 0; v < 3; v++)
			for (i = 0; i < nb; i++)
				wk.dord[sd][v][i] = wk.day[wk.ord[sd][v][i]];
	for (i = 0; i < nb; i++) {
		uint32_t k = wk.day[i];

		wk.dn[k]++;
		for (int sd = 0; sd < 2; sd++) {
			double lr = wk.lx[sd][2][i];

			for (int v = 0; v < 3; v++) {
				double l = wk.lx[sd][v][i];

				wk.dsum[sd][D_X + v][k] += wk.x[sd][v][i];
				wk.dsum[sd][D_L + v][k] += l;
				wk.dsum[sd][D_LL + v][k] += l * l;
				if (v < 2)
					wk.dsum[sd][D_LR + v][k] += l * lr;
			}
		}
	}
	p->days = wk.ndays;
	if (nb > 0 && score_bootstrap(wk.ndays, wk.cnt, 2 * LIQ_SCORE_NBAR,
	    bar_fn, &wk, &p->bar[0][0], s->o.resamples, seed) != 0)
		goto out;
	for (i = 0; i < ns; i++)
		tm[i] = snaps[i]->t;
	wk.ndays = days(wk.day, tm, ns);
	memset(wk.dn, 0, sizeof(*wk.dn) * n);
	for (i = 0; i < ns; i++) {
		const struct snap *sn = snaps[i];
		double pr[2] = { sn->pm, sn->pb };
		uint32_t k = wk.day[i];

		wk.dn[k]++;
		for (int m = 0; m < 2; m++) {
			wk.wsum[W_LL + m][k] -= sn->y ? log(pr[m]) :
			    log(1 - pr[m]);
			wk.wsum[W_BR + m][k] += (pr[m] - sn->y) *
			    (pr[m] - sn->y);
		}
	}
	wk.snap = snaps;
	wk.n = ns;
	if (ns > 0 && score_bootstrap(wk.ndays, wk.cnt, LIQ_SCORE_NWALL,
	    wall_fn, &wk, p->wall, s->o.resamples, seed ^ UINT64_C(0x5eed))
	    != 0)
		goto out;
	if (nb == 0)
		for (int sd = 0; sd < 2; sd++)
			for (int k = 0; k < LIQ_SCORE_NBAR; k++)
				score_stat_nan(&p->bar[sd][k]);
	if (ns == 0)
		for (int k = 0; k < LIQ_SCORE_NWALL; k++)
			score_stat_nan(&p->wall[k]);
	rc = 0;
out:
	free(tm);
	free(wk.day);
	free(wk.cnt);
	free(wk.rank);
	free(wk.dn);
	for (int sd = 0; sd < 2; sd++)
		for (int q = 0; q < D_N; q++)
			free(wk.dsum[sd][q]);
	for (int q = 0; q < W_N; q++)
		free(wk.wsum[q]);
	for (int sd = 0; sd < 2; sd++)
		for (int v = 0; v < 3; v++) {
			free(wk.x[sd][v]);
			free(wk.lx[sd][v]);
			free(wk.ord[sd][v]);
			free(wk.dord[sd][v]);
			free(wk.run[sd][v]);
		}
	return rc;
}

/* Periods [i0, i1) of s over the column ranges rg, with scratch of
 * their own: a job for a thread (the span on one, the months and
 * windows on another, about the same work; each period's numbers depend
 * on it alone, so the result is the same however they run). */
struct job {
	struct liq_score *s;
	const size_t (*rg)[2];
	size_t i0, i1;
	int rc;
};

static void *
run_job(void *arg)
{
	struct job *jb = arg;
	struct liq_score *s = jb->s;
	size_t nc = s->ncol;
	struct bar *bars = malloc(sizeof(*bars) * nc);
	struct key *keys = malloc(sizeof(*keys) * nc);
	const struct snap **snaps = malloc(sizeof(*snaps) * (s->nsnap + 1));

	jb->rc = bars == NULL || keys == NULL || snaps == NULL ? -1 : 0;
	for (size_t i = jb->i0; i < jb->i1 && jb->rc == 0; i++)
		jb->rc = period(s, &s->per[i], jb->rg[i][0], jb->rg[i][1], bars,
		    snaps, keys);
	free(bars);
	free(keys);
	free(snaps);
	return NULL;
}

/* Append a period of kind over columns [c0, c1). */
static struct liq_score_period *
add_period(struct liq_score *s, size_t *cap, int kind, int64_t from,
    int64_t to)
{
	struct liq_score_period *p;

	if (grow((void **)&s->per, cap, s->nper, sizeof(*s->per)) != 0)
		return NULL;
	p = &s->per[s->nper++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->from_ms = from;
	p->to_ms = to;
	return p;
}

int
liq_score_finish(struct liq_score *s, struct liq_error *e)
{
	size_t cap = 0, nc = s->ncol, i, j, known = 0;
	int64_t start;
	size_t (*rg)[2] = NULL;
	int rc = 0;

	if (nc == 0)
		return liq_error_set(e, LIQ_EDATA, NULL, 0, NULL, NULL, 0,
		    "no columns in the window");
	qsort(s->col, nc, sizeof(*s->col), by_time);
	for (i = 1; i < nc; i++)
		if (s->col[i].t == s->col[i - 1].t) {
			char t[40];

			liq_time_format(s->col[i].t, t, sizeof(t));
			return liq_error_set(e, LIQ_EDATA,
			    s->names[s->col[i].grid], 0, NULL, NULL, 0,
			    "a column at %s is also in %s: give grids that do "
			    "not overlap", t, s->names[s->col[i - 1].grid]);
		}
	for (i = 0; i < nc; i++)
		known += isfinite(s->col[i].real[0]) &&
		    isfinite(s->col[i].real[1]);
	if (known == 0 && s->lift == NULL)
		return liq_error_set(e, LIQ_EDATA, s->names[0], 0, NULL, NULL,
		    0, "no column in the window has realized liquidations");
	qsort(s->snap, s->nsnap, sizeof(*s->snap), snap_by_time);
	resolve(s);
	if ((rg = malloc(sizeof(*rg) * (2 * nc + 1))) == NULL)
		goto nomem;
	/* the whole span, the months, the windows */
	if (add_period(s, &cap, LIQ_PERIOD_ALL, s->col[0].t,
	    s->col[nc - 1].t + s->col[nc - 1].step) == NULL)
		goto nomem;
	rg[0][0] = 0;
	rg[0][1] = nc;
	for (i = 0; i < nc; i = j) {
		int64_t from, to;

		month_of(s->col[i].t, &from, &to);
		for (j = i; j < nc && s->col[j].t < to; j++)
			;
		if (add_period(s, &cap, LIQ_PERIOD_MONTH, from, to) == NULL)
			goto nomem;
		rg[s->nper - 1][0] = i;
		rg[s->nper - 1][1] = j;
	}
	start = s->o.from_ms != INT64_MIN ? s->o.from_ms : s->col[0].t;
	for (i = 0; s->o.every_ms > 0 && i < nc; i = j) {
		int64_t k = floor_div(s->col[i].t - start, s->o.every_ms);
		int64_t from = start + k * s->o.every_ms;

		for (j = i; j < nc && s->col[j].t < from + s->o.every_ms; j++)
			;
		if (add_period(s, &cap, LIQ_PERIOD_WINDOW, from,
		    from + s->o.every_ms) == NULL)
			goto nomem;
		rg[s->nper - 1][0] = i;
		rg[s->nper - 1][1] = j;
	}
	if (s->lift != NULL && (rc = score_lift_finish(s->lift, e)) != 0)
		goto out;
	{
		struct job a = { s, (const size_t (*)[2])rg, 0, 1, 0 };
		struct job b = { s, (const size_t (*)[2])rg, 1, s->nper, 0 };
		pthread_t th;
		int threaded = s->nper > 1 && s->ncol > 1000 &&
		    pthread_create(&th, NULL, run_job, &a) == 0;

		if (!threaded)
			run_job(&a);
		run_job(&b);
		if (threaded)
			pthread_join(th, NULL);
		if (a.rc != 0 || b.rc != 0)
			goto nomem;
	}
	for (i = 0; i < s->nper; i++) {
		struct liq_score_period *p = &s->per[i];

		if (s->lift != NULL && (p->kind != LIQ_PERIOD_WINDOW ||
		    s->o.every_ms % DAY_MS == 0) && score_lift_period(s->lift,
		    p, s->o.resamples, s->o.seed ^ (uint64_t)p->from_ms ^
		    UINT64_C(0x11f7)) != 0)
			goto nomem;
	}
	if (s->per[0].bars == 0 && s->lift == NULL)
		rc = liq_error_set(e, LIQ_EDATA, s->names[0], 0, NULL, NULL,
		    0, "no column in the window has both realized "
		    "liquidations and what the scores need (prediction, "
		    "prices, open interest)");
	goto out;
nomem:
	rc = nomem(e);
out:
	free(rg);
	return rc;
}

const struct liq_score_period *
liq_score_periods(const struct liq_score *s, size_t *n)
{
	*n = s->nper;
	return s->per;
}
