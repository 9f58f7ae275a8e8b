/*
 * liq-render-ppm - a grid of estimated liquidation notional (liq-grid(5))
 * drawn as a heatmap: a binary PPM with the price, axes and a colour bar.
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "prog.h"

static const char usage_text[] =
    "usage: liq-render-ppm [-o file] [-W width] [-H height] "
    "[--colormap name]\n"
    "                      [--scale scale] [--max top] [--candles] "
    "[--profile]\n"
    "                      [--view data|full] [--price-min n] "
    "[--price-max n]\n"
    "                      [--no-axes] [--no-price] [--title text] "
    "[grid]\n";

static uint32_t
side_arg(const char *opt, const char *s)
{
	int64_t v;

	if (liq_parse_int64(s, strlen(s), &v) != 0 || v < 4 || v > 16384)
		errx(2, "%s: not a size from 4 to 16384 pixels: \"%s\"", opt, s);
	return (uint32_t)v;
}

/* --max: auto, pNN (a percentile) or an amount with an optional K/M/B. */
static void
max_arg(struct liq_raster_options *o, const char *s)
{
	size_t n = strlen(s);
	double mult = 1, v;

	if (strcmp(s, "auto") == 0) {
		o->max_value = 0;
		o->max_pct = 99.5;
		return;
	}
	if (s[0] == 'p') {
		if (liq_parse_double(s + 1, n - 1, &v) != 0 || !(v > 0) ||
		    v > 100)
			errx(2, "--max: not a percentile p0.1 to p100: \"%s\"",
			    s);
		o->max_value = 0;
		o->max_pct = v;
		return;
	}
	if (n > 1 && strchr("kKmMbB", s[n - 1]) != NULL) {
		mult = strchr("kK", s[n - 1]) ? 1e3 : strchr("mM", s[n - 1]) ?
		    1e6 : 1e9;
		n--;
	}
	if (liq_parse_double(s, n, &v) != 0 || !(v > 0) || !(v * mult < 1e300))
		errx(2, "--max: auto, pNN or a positive amount such as 250000 "
		    "or 5M: \"%s\"", s);
	o->max_value = v * mult;
}

/* Parse the options into o; returns the grid's name ("-": stdin).
 * Exits 2 on a usage error. */
static const char *
options(int argc, char **argv, struct liq_raster_options *o, const char **out)
{
	enum {
		O_CMAP = 256, O_SCALE, O_MAX, O_CANDLES, O_PROFILE, O_NOAXES,
		O_NOPRICE, O_TITLE, O_VIEW, O_PMIN, O_PMAX, O_VERSION
	};
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "width", required_argument, NULL, 'W' },
		{ "height", required_argument, NULL, 'H' },
		{ "colormap", required_argument, NULL, O_CMAP },
		{ "scale", required_argument, NULL, O_SCALE },
		{ "max", required_argument, NULL, O_MAX },
		{ "candles", no_argument, NULL, O_CANDLES },
		{ "profile", no_argument, NULL, O_PROFILE },
		{ "no-axes", no_argument, NULL, O_NOAXES },
		{ "no-price", no_argument, NULL, O_NOPRICE },
		{ "title", required_argument, NULL, O_TITLE },
		{ "view", required_argument, NULL, O_VIEW },
		{ "price-min", required_argument, NULL, O_PMIN },
		{ "price-max", required_argument, NULL, O_PMAX },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, O_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const views[] = { "data", "full", NULL };
	int ch;

	while ((ch = getopt_long(argc, argv, "hH:o:W:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			*out = optarg;
			break;
		case 'W':
			o->width = side_arg("-W", optarg);
			break;
		case 'H':
			o->height = side_arg("-H", optarg);
			break;
		case O_CMAP:
			if ((o->cmap = liq_raster_cmap_parse(optarg)) < 0)
				errx(2, "--colormap: viridis, inferno, "
				    "longshort or gray: \"%s\"", optarg);
			break;
		case O_SCALE:
			if ((o->scale = liq_raster_scale_parse(optarg)) < 0)
				errx(2, "--scale: linear, sqrt or log: \"%s\"",
				    optarg);
			break;
		case O_MAX:
			max_arg(o, optarg);
			break;
		case O_CANDLES:
			o->candles = 1;
			break;
		case O_PROFILE:
			o->profile = 1;
			break;
		case O_NOAXES:
			o->axes = 0;
			break;
		case O_NOPRICE:
			o->price = 0;
			break;
		case O_TITLE:
			o->title = optarg;
			break;
		case O_VIEW:
			o->view = word_arg("--view", optarg, views);
			break;
		case O_PMIN:
			o->view_lo = num_arg("--price-min", optarg, 1e-12, 1e15);
			break;
		case O_PMAX:
			o->view_hi = num_arg("--price-max", optarg, 1e-12, 1e15);
			break;
		case O_VERSION:
			prog_version(NULL);
		case 'h':
			prog_help(usage_text, help_render_ppm);
		default:
			prog_usage(stderr, usage_text);
		}
	}
	if (argc - optind > 1)
		errx(2, "give one grid file (or none for stdin)");
	if (o->view_hi <= o->view_lo)
		errx(2, "--price-max must be above --price-min");
	return argc - optind == 1 ? argv[optind] : "-";
}

int
main(int argc, char **argv)
{
	struct liq_raster_options o;
	struct liq_grid_reader *r = NULL;
	struct liq_raster_heatmap *hm = NULL;
	struct liq_raster_image *im = NULL;
	struct liq_grid_column *c;
	struct liq_error e;
	const char *out = NULL, *path;
	int rc;
	FILE *f;

	prog_init("liq-render-ppm");
	liq_raster_options_init(&o);
	liq_error_clear(&e);
	path = options(argc, argv, &o, &out);
	out_check((struct out_name[]){ { "-o", out, 0 } }, 1,
	    (const char *const []){ path }, 1);

	if (liq_grid_reader_open(&r, path, &e) != 0 ||
	    liq_raster_heatmap_new(&hm, liq_grid_reader_info(r), &o, &e) != 0)
		prog_fail(&e, NULL);
	f = out_open(out, 0);
	while ((rc = liq_grid_read(r, &c, &e)) == 1)
		if ((rc = liq_raster_heatmap_add(hm, c, &e)) != 0)
			break;
	if (rc == 0)
		rc = liq_raster_heatmap_render(hm, &im, &e);
	if (rc == 0)
		rc = liq_raster_write_ppm(im, f, &e);
	if (rc != 0)
		prog_fail(&e, out);
	out_close(f, out);
	liq_raster_image_free(im);
	liq_raster_heatmap_free(hm);
	liq_grid_reader_close(r);
	return 0;
}
