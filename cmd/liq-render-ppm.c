/*
 * liq-render-ppm - a grid of estimated liquidation notional (liq-grid(5))
 * drawn as a heatmap with the price, axes, a colour bar and panels, or
 * as the liquidation map of one snapshot: a PPM or a PNG.  The runs are
 * in cmd/render.c.
 */
#define _GNU_SOURCE
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "render.h"

static const char usage_text[] =
    "usage: liq-render-ppm [-o file] [-W width] [-H height] [--png] "
    "[--colormap name]\n"
    "                      [--scale scale] [--max top] [--floor min] "
    "[--candles]\n"
    "                      [--profile] [--panel list] [--map] [--at time]\n"
    "                      [--layer name] [--view data|full] "
    "[--price-min n]\n"
    "                      [--price-max n] [--no-axes] [--no-price] "
    "[--title text]\n"
    "                      [grid]\n";

/* Does path end in ".png" (any case)? */
static int
png_name(const char *path)
{
	size_t n = path != NULL ? strlen(path) : 0;

	return n > 4 && strcasecmp(path + n - 4, ".png") == 0;
}

/* Parse the options into a; returns the grid's name ("-": stdin).
 * Exits 2 on a usage error. */
static const char *
options(int argc, char **argv, struct render_args *a)
{
	enum {
		O_CMAP = 256, O_SCALE, O_MAX, O_CANDLES, O_PROFILE, O_NOAXES,
		O_NOPRICE, O_TITLE, O_VIEW, O_PMIN, O_PMAX, O_VERSION, O_PNG,
		O_FLOOR, O_MAP, O_AT, O_LAYER, O_PANEL
	};
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "width", required_argument, NULL, 'W' },
		{ "height", required_argument, NULL, 'H' },
		{ "png", no_argument, NULL, O_PNG },
		{ "colormap", required_argument, NULL, O_CMAP },
		{ "scale", required_argument, NULL, O_SCALE },
		{ "max", required_argument, NULL, O_MAX },
		{ "floor", required_argument, NULL, O_FLOOR },
		{ "candles", no_argument, NULL, O_CANDLES },
		{ "profile", no_argument, NULL, O_PROFILE },
		{ "panel", required_argument, NULL, O_PANEL },
		{ "map", no_argument, NULL, O_MAP },
		{ "at", required_argument, NULL, O_AT },
		{ "layer", required_argument, NULL, O_LAYER },
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
	struct liq_raster_options *o = &a->o;
	int ch;

	while ((ch = getopt_long(argc, argv, "hH:o:W:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			a->out = optarg;
			break;
		case 'W':
			o->width = render_side_arg("-W", optarg);
			break;
		case 'H':
			o->height = render_side_arg("-H", optarg);
			break;
		case O_PNG:
			a->png = 1;
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
			render_level_arg("--max", optarg, &o->max_value,
			    &o->max_pct);
			break;
		case O_FLOOR:
			render_level_arg("--floor", optarg, &o->floor_value,
			    &o->floor_pct);
			break;
		case O_CANDLES:
			o->candles = 1;
			break;
		case O_PROFILE:
			o->profile = 1;
			break;
		case O_PANEL:
			render_panel_arg(o, optarg);
			break;
		case O_MAP:
			a->map = 1;
			break;
		case O_AT:
			a->at_arg = optarg;
			a->at_ms = time_arg("--at", optarg);
			break;
		case O_LAYER:
			a->layer = optarg;
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
	if (a->at_arg != NULL && !a->map)
		errx(2, "--at: only with --map (the heatmap draws every "
		    "column)");
	if (a->map && (o->npanels > 0 || o->candles || o->profile))
		errx(2, "--map: not with --panel, --candles or --profile");
	if (png_name(a->out))
		a->png = 1;
	return argc - optind == 1 ? argv[optind] : "-";
}

int
main(int argc, char **argv)
{
	struct render_args a;
	const char *path;

	prog_init("liq-render-ppm");
	memset(&a, 0, sizeof(a));
	liq_raster_options_init(&a.o);
	path = options(argc, argv, &a);
	out_check((struct out_name[]){ { "-o", a.out, 0 } }, 1,
	    (const char *const []){ path }, 1);
	render_run(&a, path);
	return 0;
}
