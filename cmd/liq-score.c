/*
 * liq-score - how good a grid's liquidation map is, measured against the
 * liquidations that really happened: per bar, the model's predictions
 * against the realized ones and against the naive baseline (excursion
 * times open interest), and the walls above and below price as magnets,
 * with bootstrap intervals by days, for the whole span, each month and
 * each --every window.  The scores are lib/score.c's (lib/liq_score.h,
 * man/liq-score.1); this file reads the grids and writes the report
 * (cmd/scorerec.c).
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"
#include "liq_events.h"

static const char usage_text[] =
    "usage: liq-score [-q] [--csv | --json] [-o file] [--from time] "
    "[--to time]\n"
    "                 [--every dur] [--walls-every dur] [--horizon dur]\n"
    "                 [--range pct] [--resamples n] [--seed n]\n"
    "                 [--events file [--map spec]]\n"
    "                 [--time iso | ms] [--na text] [--exact] grid ...\n";

struct run {
	const char *out;
	const char *events, *map;	/* --events, --map */
	int format, quiet;
	struct liq_csv_style style;
	struct liq_score_options so;
};

/* Parse the options into r; exits 2 on a usage error.  Returns optind. */
static int
options(int argc, char **argv, struct run *r)
{
	enum {
		O_CSV = 256, O_JSON, O_FROM, O_TO, O_EVERY, O_WEVERY,
		O_HORIZON, O_RANGE, O_RESAMPLES, O_SEED, O_TIME, O_NA,
		O_EXACT, O_EVENTS, O_MAP, O_VERSION
	};
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, O_CSV },
		{ "json", no_argument, NULL, O_JSON },
		{ "output", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, O_FROM },
		{ "to", required_argument, NULL, O_TO },
		{ "every", required_argument, NULL, O_EVERY },
		{ "walls-every", required_argument, NULL, O_WEVERY },
		{ "horizon", required_argument, NULL, O_HORIZON },
		{ "range", required_argument, NULL, O_RANGE },
		{ "resamples", required_argument, NULL, O_RESAMPLES },
		{ "seed", required_argument, NULL, O_SEED },
		{ "time", required_argument, NULL, O_TIME },
		{ "na", required_argument, NULL, O_NA },
		{ "exact", no_argument, NULL, O_EXACT },
		{ "events", required_argument, NULL, O_EVENTS },
		{ "map", required_argument, NULL, O_MAP },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct liq_score_options *o = &r->so;
	int ch;

	liq_csv_style_init(&r->style);
	liq_score_options_init(o);
	while ((ch = getopt_long(argc, argv, "hqo:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			r->quiet = 1;
			break;
		case O_CSV:
		case O_JSON:
			ch = ch == O_CSV ? SCOREREC_CSV : SCOREREC_JSON;
			if (r->format != SCOREREC_TABLE && r->format != ch)
				errx(2, "give one of --csv and --json");
			r->format = ch;
			break;
		case 'o':
			r->out = optarg;
			break;
		case O_FROM:
			o->from_ms = time_arg("--from", optarg);
			break;
		case O_TO:
			o->to_ms = time_arg("--to", optarg);
			break;
		case O_EVERY:
			o->every_ms = duration_arg("--every", optarg, 60000,
			    100 * 366 * DAY_MS);
			break;
		case O_WEVERY:
			o->walls_every_ms = duration_arg("--walls-every", optarg,
			    1, 100 * 366 * DAY_MS);
			break;
		case O_HORIZON:
			o->horizon_ms = duration_arg("--horizon", optarg, 1,
			    366 * DAY_MS);
			break;
		case O_RANGE:
			o->range_pct = num_arg("--range", optarg, 1e-9, 1e6);
			break;
		case O_RESAMPLES:
			o->resamples = (int)int_arg("--resamples", optarg, 0,
			    100000);
			break;
		case O_SEED:
			o->seed = (uint64_t)int_arg("--seed", optarg, 0,
			    INT64_MAX);
			break;
		case O_TIME:
			csv_style_arg(&r->style, "--time", optarg);
			break;
		case O_NA:
			csv_style_arg(&r->style, "--na", optarg);
			break;
		case O_EXACT:
			csv_style_arg(&r->style, "--exact", NULL);
			break;
		case O_EVENTS:
			r->events = optarg;
			break;
		case O_MAP:
			r->map = optarg;
			break;
		case O_VERSION:
			prog_version(NULL);
		case 'h':
			prog_help(usage_text, help_score);
		default:
			prog_usage(stderr, usage_text);
		}
	}
	if (optind == argc)
		errx(2, "give one or more grids (\"-\" for standard input)");
	from_to_check(o->from_ms, o->to_ms);
	if (r->map != NULL && r->events == NULL)
		errx(2, "--map applies to --events");
	if (r->format == SCOREREC_TABLE &&
	    (r->style.time_ms || r->style.exact || r->style.na[0] != '\0'))
		errx(2, "--time, --na and --exact apply to --csv and --json");
	return optind;
}

/* Feed the grid at path to s; exits on failure. */
static void
score_grid(struct liq_score *s, const char *path)
{
	struct liq_grid_reader *rd;
	struct liq_grid_column *c;
	struct liq_error e;
	const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
	int rc;

	if (liq_grid_reader_open(&rd, path, &e) != 0)
		prog_fail(&e, NULL);
	if (liq_score_grid(s, liq_grid_reader_info(rd), name, &e) != 0)
		prog_fail(&e, NULL);
	while ((rc = liq_grid_read(rd, &c, &e)) == 1)
		if (liq_score_column(s, c, &e) != 0)
			prog_fail(&e, NULL);
	if (rc < 0 || liq_score_grid_end(s, &e) != 0)
		prog_fail(&e, NULL);
	liq_grid_reader_close(rd);
}

/* Say on stderr (unless -q) what the report could not score. */
static void
notes(const struct run *r, const struct liq_score *s)
{
	size_t np;
	const struct liq_score_period *p = liq_score_periods(s, &np);

	if (r->quiet)
		return;
	if (p->bars == 0)
		warnx("no bar could be scored: the grids have no realized "
		    "liquidations (the lift of --events needs none)");
	if (p->walls == 0)
		warnx("no wall snapshot could be scored (%llu snapshots: "
		    "%llu without a wall on each side within --range, %llu "
		    "untouched within --horizon, %llu both in one bar, %llu "
		    "too near the end); try a wider --range or a longer "
		    "--horizon", (unsigned long long)p->snapshots,
		    (unsigned long long)p->no_wall,
		    (unsigned long long)p->untouched,
		    (unsigned long long)p->both,
		    (unsigned long long)p->past_end);
}

int
main(int argc, char **argv)
{
	struct liq_score *s;
	struct liq_events *ev = NULL;
	struct liq_error e;
	struct run r;
	int first, nstdin = 0;
	FILE *f;

	prog_init("liq-score");
	memset(&r, 0, sizeof(r));
	first = options(argc, argv, &r);
	for (int i = first; i < argc; i++)
		nstdin += strcmp(argv[i], "-") == 0;
	nstdin += r.events != NULL && strcmp(r.events, "-") == 0;
	if (nstdin > 1)
		errx(2, "standard input (\"-\") can be read only once");
	out_check((struct out_name[]){ { "-o", r.out, 0 } }, 1,
	    (const char *const *)argv + first, argc - first);
	if (r.events != NULL)
		out_check((struct out_name[]){ { "-o", r.out, 0 } }, 1,
		    (const char *const []){ r.events }, 1);
	if (liq_score_new(&s, &r.so, &e) != 0)
		prog_fail(&e, NULL);
	if (r.events != NULL && (liq_events_read(r.events, r.map, &ev, &e) !=
	    0 || liq_score_events(s, ev, NULL, &e) != 0))
		prog_fail(&e, NULL);
	for (int i = first; i < argc; i++)
		score_grid(s, argv[i]);
	if (liq_score_finish(s, &e) != 0)
		prog_fail(&e, NULL);
	f = out_open(r.out, 1);
	scorerec_write(f, r.format, &r.style, s, r.so.resamples);
	out_close(f, r.out);
	notes(&r, s);
	liq_score_free(s);
	liq_events_free(ev);
	return 0;
}
