/*
 * help.c - what --help prints after the synopsis: one line per option of
 * each program, what it does and its default, as the code sets it (the
 * programs' own option code, liq_ingest_options_init,
 * liq_estimate_options_init, liq_zones_options_init,
 * liq_raster_options_init, liq_csv_style_init) and the man page says.
 * Kept here, not in the programs, so that each stays a short driver;
 * tests/cli/help.sh checks that every option of a program's getopt table
 * has its line, once.  The lines are printed by prog_help (cmd/prog.c).
 */
#include "prog.h"

/* The same in every program that writes CSV. */
#define HELP_TIME \
	{ "--time iso|ms", "CSV times: ISO 8601 UTC or epoch ms", "iso" }
#define HELP_NA { "--na text", "CSV text of a missing value", "empty" }
#define HELP_EXACT \
	{ "--exact", "CSV numbers that read back exactly", "off" }
#define HELP_OUT(what) { "-o, --output file", what, "stdout" }
#define HELP_END \
	{ "-h, --help", "print this help and exit", NULL }, \
	{ "--version", "print the version and exit", NULL }, \
	{ NULL, NULL, NULL }

const struct prog_opt_help help_ingest[] = {
	HELP_OUT("write the bars to file"),
	{ "-q, --quiet", "no progress line on standard error", "off" },
	{ "-v, --verbose", "counts of rows and bars at the end", "off" },
	{ "--csv", "write the CSV form, not binary bars", "off" },
	HELP_TIME,
	HELP_NA,
	{ "--interval dur", "bar interval",
	    "1m; klines or vendor bars alone: theirs" },
	{ "--from time", "only bars opening at or after time", "none" },
	{ "--to time", "only bars opening before time", "none" },
	{ "--symbol sym", "the symbol", "from the file names or contents" },
	{ "--market market", "linear, inverse or spot",
	    "from the file names or contents" },
	{ "--venue name", "the venue written to the bars", "from the files" },
	{ "--contract-size n", "contract size",
	    "1; inverse: 100 for BTCUSD*, else 10" },
	{ "--map map", "column map of a vendor bars CSV", "none" },
	{ "--preset name", "a built-in map: coinglass", "none" },
	{ "--funding-unit unit", "vendor funding: fraction or percent",
	    "from its rates" },
	{ "--reorder dur", "window for rows out of time order", "1h" },
	{ "--max-gap dur", "longest step forward in time in a file", "31d" },
	{ "--oi-max-age dur", "carry open interest and ratios forward",
	    "15m" },
	{ "--skip-bad", "skip bad rows, report the first five", "off" },
	{ "--append", "add the bars to the end of the -o file", "off" },
	HELP_END
};

const struct prog_opt_help help_estimate[] = {
	HELP_OUT("write the grid to file"),
	{ "-q, --quiet", "no warnings on standard error", "off" },
	{ "--csv", "write the CSV form of the grid", "off" },
	{ "--series file", "also write the per-column series", "none" },
	{ "--ledger file", "also write each side's ledger", "none" },
	HELP_TIME,
	HELP_NA,
	HELP_EXACT,
	{ "--model path|classic", "the model and its defaults", "path" },
	{ "--turnover k", "OI reopened per bar: k x range / close",
	    "path 5, classic 0" },
	{ "--side taker|ratio|even", "long/short split of new positions",
	    "taker" },
	{ "--entry typical|vwap|close|spread", "entry price of new positions",
	    "spread" },
	{ "--leverage mix", "tiers leverage:weight,...",
	    "by --model, 5x to 125x" },
	{ "--margin binance|bybit|simple", "liquidation rule",
	    "each input's venue's" },
	{ "--brackets file", "bracket table (CSV) for every input",
	    "built-in" },
	{ "--brackets-date time", "built-in table in force at time",
	    "each bar's date" },
	{ "--position-usd n", "position size that picks the bracket",
	    "10000" },
	{ "--close proportional|oldest|none", "what falling OI closes",
	    "proportional" },
	{ "--half-life spec", "decay: duration or leverage:duration,...",
	    "no decay" },
	{ "--from time", "start of the window (bar open time)",
	    "the data's start" },
	{ "--to time", "end of the window, exclusive", "the data's end" },
	{ "--lookback dur", "window: the last dur of the data", "none" },
	{ "--warmup dur", "start the model dur before the window",
	    "the data's start" },
	{ "--seed pct", "opening OI placed within +-pct% of the first close",
	    "10" },
	{ "--step dur", "column width",
	    "bar interval, coarser past 4000 columns" },
	{ "--bins n", "price bins on the axis", "2000" },
	{ "--tick n", "linear bins n quote units wide", "none" },
	{ "--log", "bins equal in log(price)", "off" },
	{ "--price-min n", "bottom of the price axis",
	    "0.5 x first open, rounded" },
	{ "--price-max n", "top of the price axis",
	    "1.5 x first open, rounded" },
	{ "--oi-proxy fraction", "share of volume taken as new OI", "none" },
	{ "--by-venue", "one pair of layers per venue", "off" },
	{ "--by-leverage", "one pair of layers per leverage tier", "off" },
	{ "--max-output n", "bytes of grid data at most (0: any)", "4e9" },
	{ "--prefer first|last", "take this file's bar when bars clash",
	    "none: an error" },
	HELP_END
};

const struct prog_opt_help help_cluster[] = {
	HELP_OUT("write the records to file"),
	{ "-q, --quiet", "no notes on standard error", "off" },
	{ "--json", "JSON lines instead of CSV", "off" },
	{ "--at time", "the latest snapshot at or before time", "the last" },
	{ "--every dur", "each snapshot at a multiple of dur", "none" },
	{ "--side long|short|both", "the sides whose zones are found",
	    "both" },
	{ "--smooth pct", "density window, percent of price", "1" },
	{ "--min-share f", "hot: share of the side's total per 1%", "0.05" },
	{ "--min-usd usd", "hot: notional per 1% of price", "none" },
	{ "--quantile q", "hot: quantile of the side's densities", "none" },
	{ "--gap pct", "join hot bins up to pct% of price apart", "0.5" },
	{ "--top n", "zones per side, walls per direction",
	    "all; walls: 1" },
	{ "--walls", "write walls instead of zones", "off" },
	{ "--map", "write the liquidation map instead of zones", "off" },
	{ "--range pct", "walls, map: within pct% of the close",
	    "walls: 10; map: all" },
	{ "--layer name", "only the layer pairs name picks", "all, summed" },
	HELP_TIME,
	HELP_NA,
	HELP_EXACT,
	HELP_END
};

const struct prog_opt_help help_render_ppm[] = {
	HELP_OUT("write the image to file"),
	{ "-W, --width px", "plot width, 4 to 16384 pixels", "1600" },
	{ "-H, --height px", "plot height, 4 to 16384 pixels", "900" },
	{ "--png", "write PNG, not PPM", "off; on for -o *.png" },
	{ "--colormap name", "viridis, inferno, longshort or gray",
	    "viridis" },
	{ "--scale scale", "linear, sqrt or log", "sqrt" },
	{ "--max top", "top of the colours: auto, pNN or an amount",
	    "auto: p99.5" },
	{ "--floor min", "lower densities drawn as 0: pNN or an amount",
	    "none" },
	{ "--candles", "candles instead of the close line", "off" },
	{ "--profile", "a panel of the last column's densities", "off" },
	{ "--panel list", "panels under the heatmap: oi,funding,liq",
	    "none" },
	{ "--map", "the liquidation map of one snapshot", "off" },
	{ "--at time", "map: the latest snapshot at or before time",
	    "the last" },
	{ "--layer name", "draw this layer (venue, tier or both)",
	    "all summed" },
	{ "--view data|full", "prices drawn: the data's or the whole axis",
	    "data" },
	{ "--price-min n", "lowest price drawn", "by --view" },
	{ "--price-max n", "highest price drawn", "by --view" },
	{ "--no-axes", "the bare plot: no title, axes or labels", "off" },
	{ "--no-price", "no price line, candles or last price", "off" },
	{ "--title text", "the title", "venue, symbol, window, step" },
	HELP_END
};

const struct prog_opt_help help_cat[] = {
	{ "--csv", "write the CSV form", "off" },
	{ "--series", "write a grid's per-column series", "off" },
	{ "--info", "describe each file in key=value lines", "off" },
	{ "--prefer first|last", "take this file's bar when bars clash",
	    "none: an error" },
	HELP_OUT("write to file"),
	HELP_TIME,
	HELP_NA,
	HELP_EXACT,
	HELP_END
};

const struct prog_opt_help help_score[] = {
	HELP_OUT("write the report to file"),
	{ "-q, --quiet", "no notes on standard error", "off" },
	{ "--csv", "CSV records instead of the table", "off" },
	{ "--json", "JSON lines instead of the table", "off" },
	{ "--from time", "only columns opening at or after time", "none" },
	{ "--to time", "only columns opening before time", "none" },
	{ "--every dur", "also score each window of dur", "none" },
	{ "--walls-every dur", "wall snapshots at multiples of dur",
	    "every column" },
	{ "--horizon dur", "walls: how long a wall may take to be reached",
	    "24h" },
	{ "--range pct", "walls within pct% of the close", "10" },
	{ "--resamples n", "bootstrap resamples (0: no intervals)", "1000" },
	{ "--seed n", "seed of the bootstrap", "20260101" },
	{ "--events file", "also score the lift of these liquidations",
	    "none" },
	{ "--map spec", "the events' format or column map",
	    "from the header" },
	HELP_TIME,
	HELP_NA,
	HELP_EXACT,
	HELP_END
};
