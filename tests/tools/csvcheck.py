#!/usr/bin/env python3
"""csvcheck.py - what tests/cli/csv.sh asserts about liq's CSV forms, read
back as a user reads them: by pandas (read_csv with comment="#") and by
DuckDB (read_csv_auto, through tests/tools/duckcsv.js), against the
numbers of the binary files, which this script reads itself (liq-bars(5),
liq-grid(5)).  One check a call; exit 0 when it holds, else 1 with why.

  csvcheck.py pd-bars BARS CSV [ms]     pandas, bars CSV vs binary bars
  csvcheck.py pd-grid GRID CSV [exact]  pandas, grid export vs binary grid
  csvcheck.py pd-series GRID CSV        pandas, series vs the grid's
  csvcheck.py pd-ledger GRID CSV        pandas, ledger rows and times
  csvcheck.py pd-names CSV...           no column named like a pandas
                                        DataFrame attribute
  csvcheck.py duck-bars BARS JSON       DuckDB's reading (duckcsv.js output)
  csvcheck.py duck-grid GRID JSON
  csvcheck.py duck-series GRID JSON
"""
import json
import math
import struct
import sys

END = b"\x89LIQEND\n"
BARS_COLS = ["time", "open", "high", "low", "close", "buy_base", "sell_base",
             "buy_quote", "sell_quote", "trades", "oi_base", "oi_quote",
             "funding", "liq_long_quote", "liq_short_quote", "liq_long_count",
             "liq_short_count", "ls_ratio", "top_ls_ratio", "bar_flags"]
SERIES_COLS = ["time", "open", "high", "low", "close", "oi_usd",
               "pred_long_usd", "pred_short_usd", "real_long_usd",
               "real_short_usd", "funding"]
GRID_COLS = ["time", "price_lo", "price_hi", "long_usd", "short_usd"]
F_VOLUME, F_LIQ_COUNT = 1 << 2, 1 << 6   # LIQ_BAR_VOLUME, _LIQ_COUNT


def fail(msg):
    print(msg)
    sys.exit(1)


def read_bars(path):
    """Bars of a binary bars file: a dict of column lists, NaN for what
    the CSV leaves empty (trades and counts without their flag)."""
    d = open(path, "rb").read()
    hlen = struct.unpack_from("<I", d, 12)[0]
    cols = {c: [] for c in BARS_COLS}
    p = hlen
    while d[p:p + 8] != END:
        v = struct.unpack_from("<q8dQ5d2I2dI", d, p)
        flags = v[19]
        row = list(v)
        if not flags & F_VOLUME:
            row[9] = math.nan
        if not flags & F_LIQ_COUNT:
            row[15] = row[16] = math.nan
        for c, x in zip(BARS_COLS, row):
            cols[c].append(x)
        p += 148
    return cols


def read_grid(path):
    """Columns of a binary grid: (info, [(time, series, layers)])."""
    d = open(path, "rb").read()
    hlen, _, nbins, nlayers = struct.unpack_from("<4I", d, 12)
    nser = struct.unpack_from("<I", d, 72)[0]   # 9 before version 1.1
    start, step = struct.unpack_from("<2q", d, 32)
    pmin, pmax = struct.unpack_from("<2d", d, 56)
    info = dict(nbins=nbins, nlayers=nlayers, start=start, step=step,
                pmin=pmin, pmax=pmax)
    cols, p = [], hlen
    n = nlayers * nbins
    while d[p:p + 8] != END:
        t = struct.unpack_from("<q", d, p)[0]
        s = struct.unpack_from("<%dd" % nser, d, p + 8)[:10]
        s = s + (math.nan,) * (10 - len(s))
        cells = struct.unpack_from("<%df" % n, d, p + 8 + 8 * nser)
        layers = [cells[k * nbins:(k + 1) * nbins] for k in range(nlayers)]
        cols.append((t, s, layers))
        p += 8 + 8 * nser + 4 * n
    return info, cols


def nonzero_cells(cols):
    """(time, long, short) of every cell the CSV export has a row for."""
    out = []
    for t, _, layers in cols:
        for lo, sh in zip(layers[0], layers[1]):
            if lo != 0 or sh != 0:
                out.append((t, lo, sh))
    return out


def pandas():
    import pandas as pd
    return pd


def pd_read(path):
    pd = pandas()
    # round_trip: pandas' own fast parser may be an ulp off for 17 digits
    df = pd.read_csv(path, comment="#", float_precision="round_trip")
    bad = [c for c in df.columns if c in dir(pd.DataFrame)]
    if bad:
        fail("%s: columns named like DataFrame attributes: %s" % (path, bad))
    return df


def iso_ms(pd, col, path):
    """Epoch ms of an ISO time column, every value a UTC timestamp."""
    t = pd.to_datetime(col, utc=True, format="ISO8601") \
        if pd.__version__ >= "2" else pd.to_datetime(col, utc=True)
    if t.isna().any():
        fail("%s: times that do not parse" % path)
    return [int(x.value // 1000000) for x in t]


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def pd_bars(bars, csv, ms=None):
    pd = pandas()
    ref = read_bars(bars)
    df = pd_read(csv)
    if list(df.columns) != BARS_COLS:
        fail("columns %s" % list(df.columns))
    if len(df) != len(ref["time"]):
        fail("%d rows, the binary has %d bars" % (len(df), len(ref["time"])))
    if ms:
        if str(df.time.dtype) != "int64":
            fail("--time ms: time is %s, not int64" % df.time.dtype)
        times = list(df.time)
    else:
        times = iso_ms(pd, df.time, csv)
    if times != ref["time"]:
        fail("times differ from the binary's")
    for c in BARS_COLS[1:]:
        if df[c].dtype.kind not in "fiu":
            fail("%s: not numeric (%s)" % (c, df[c].dtype))
        got = [float(x) for x in df[c]]
        want = [float(x) for x in ref[c]]
        for i, (a, b) in enumerate(zip(got, want)):
            if not same(a, b):
                fail("%s row %d: %r, the binary's %r" % (c, i, a, b))
    print("%d bars, %d columns equal to the binary's; sum(buy_quote) %.2f"
          % (len(df), len(BARS_COLS), df.buy_quote.sum()))


def pd_grid(grid, csv, exact=None):
    pd = pandas()
    info, cols = read_grid(grid)
    ref = nonzero_cells(cols)
    df = pd_read(csv)
    if list(df.columns) != GRID_COLS:
        fail("columns %s" % list(df.columns))
    if len(df) != len(ref):
        fail("%d rows, the binary has %d non-zero cells" % (len(df), len(ref)))
    if iso_ms(pd, df.time, csv) != [r[0] for r in ref]:
        fail("row times differ from the binary's columns")
    if df.price_lo.min() < info["pmin"] or df.price_hi.max() > info["pmax"]:
        fail("edges outside the grid's price range")
    for c, k in (("long_usd", 1), ("short_usd", 2)):
        want = [r[k] for r in ref]
        if exact:
            import numpy as np
            if list(np.float32(df[c])) != want:
                fail("%s: not the binary's floats" % c)
        else:
            if not (df[c] % 1 == 0).all():
                fail("%s: not whole dollars" % c)
            if any(abs(a - b) > 0.5 for a, b in zip(df[c], want)):
                fail("%s: a cell more than $0.5 from the binary's" % c)
        s, w = float(df[c].sum()), math.fsum(want)
        if abs(s - w) > 0.5 * len(df):
            fail("sum(%s) %.1f, the binary's %.1f" % (c, s, w))
        print("sum(%s) %.0f, the binary's %.1f (%d rows)" % (c, s, w, len(df)))


def pd_series(grid, csv):
    pd = pandas()
    _, cols = read_grid(grid)
    df = pd_read(csv)
    if list(df.columns) != SERIES_COLS:
        fail("columns %s" % list(df.columns))
    if iso_ms(pd, df.time, csv) != [c[0] for c in cols]:
        fail("times differ from the grid's columns")
    for k, c in enumerate(SERIES_COLS[1:]):
        want = [col[1][k] for col in cols]
        for a, b in zip(df[c], want):
            if math.isnan(b) != math.isnan(a):
                fail("%s: missing where the grid has %r" % (c, b))
            tol = abs(b) * 1e-5 if c == "funding" else 0.5 if k >= 4 \
                else abs(b) * 1e-9
            if not math.isnan(b) and abs(a - b) > tol:
                fail("%s: %r, the grid's %r" % (c, a, b))
    print("%d columns; sum(pred_long_usd) %.0f; real_long_usd missing in %d"
          % (len(df), df.pred_long_usd.sum(), df.real_long_usd.isna().sum()))


def pd_ledger(grid, csv):
    pd = pandas()
    _, cols = read_grid(grid)
    df = pd_read(csv)
    if len(df) != 2 * len(cols) or set(df.side) != {"long", "short"}:
        fail("%d rows for %d columns" % (len(df), len(cols)))
    if iso_ms(pd, df.time, csv)[::2] != [c[0] for c in cols]:
        fail("times differ from the grid's columns")
    print("%d rows, times of the grid's columns" % len(df))


def pd_names(*paths):
    pd = pandas()
    attrs = set(dir(pd.DataFrame))
    bad = []
    for p in paths:
        with open(p) as f:
            line = f.readline()
        while line.startswith("#"):
            with open(p) as f:
                line = next(l for l in f if not l.startswith("#"))
        names = line.rstrip("\n").split(",")
        clash = [n for n in names if n in attrs]
        if clash:
            bad.append("%s: %s" % (p.rsplit("/", 1)[-1], ",".join(clash)))
        print("%s: %s" % (p.rsplit("/", 1)[-1], ",".join(names)))
    if bad:
        fail("named like DataFrame attributes: " + "; ".join(bad))


def duck(path):
    r = json.load(open(path))
    return r, {c["name"]: c["type"] for c in r["columns"]}


def duck_common(r, types, names, rows):
    if [c["name"] for c in r["columns"]] != names:
        fail("DuckDB found the columns %s (no header?)" %
             [c["name"] for c in r["columns"]])
    if not types["time"].startswith("TIMESTAMP"):
        fail("DuckDB reads time as %s, not a timestamp" % types["time"])
    if r["count"] != rows:
        fail("DuckDB reads %d rows, want %d" % (r["count"], rows))
    for c, v in r["sums"].items():
        if isinstance(v, str) and "nan" in v.lower():
            fail("DuckDB's sum(%s) is NaN" % c)


def duck_bars(bars, js):
    ref = read_bars(bars)
    r, types = duck(js)
    duck_common(r, types, BARS_COLS, len(ref["time"]))
    for c in ("buy_quote", "sell_base", "oi_quote", "trades",
              "liq_long_quote"):
        if all(math.isnan(x) for x in ref[c]):
            continue	# no values: DuckDB types the column VARCHAR
        want = math.fsum(x for x in ref[c] if not math.isnan(x))
        got = float(r["sums"][c])
        if abs(got - want) > 1e-9 * abs(want):
            fail("DuckDB's sum(%s) %r, the binary's %r" % (c, got, want))
    for c in BARS_COLS:
        want = sum(1 for x in ref[c] if not math.isnan(x))
        if r["nonnull"][c] != want:
            fail("DuckDB: %d values in %s, the binary has %d (missing "
                 "values must be NULL)" % (r["nonnull"][c], c, want))
    print("DuckDB: %d rows, time %s, sum(buy_quote) %s" %
          (r["count"], types["time"], r["sums"].get("buy_quote")))


def duck_grid(grid, js):
    _, cols = read_grid(grid)
    ref = nonzero_cells(cols)
    r, types = duck(js)
    duck_common(r, types, GRID_COLS, len(ref))
    for c, k in (("long_usd", 1), ("short_usd", 2)):
        want = math.fsum(x[k] for x in ref)
        got = float(r["sums"][c])
        if abs(got - want) > 0.5 * len(ref):
            fail("DuckDB's sum(%s) %r, the binary's %r" % (c, got, want))
    print("DuckDB: %d rows, time %s, sum(long_usd) %s" %
          (r["count"], types["time"], r["sums"]["long_usd"]))


def duck_series(grid, js):
    _, cols = read_grid(grid)
    r, types = duck(js)
    duck_common(r, types, SERIES_COLS, len(cols))
    want = math.fsum(c[1][5] for c in cols)
    if abs(float(r["sums"]["pred_long_usd"]) - want) > 0.5 * len(cols):
        fail("DuckDB's sum(pred_long_usd) %s, the grid's %r" %
             (r["sums"]["pred_long_usd"], want))
    want = sum(1 for c in cols if not math.isnan(c[1][7]))
    if r["nonnull"]["real_long_usd"] != want:
        fail("DuckDB: %d values of real_long_usd, the grid has %d (missing "
             "values must be NULL)" % (r["nonnull"]["real_long_usd"], want))
    print("DuckDB: %d rows, sum(pred_long_usd) %s, real_long_usd known in %d"
          % (r["count"], r["sums"]["pred_long_usd"], want))


CHECKS = {"pd-bars": pd_bars, "pd-grid": pd_grid, "pd-series": pd_series,
          "pd-ledger": pd_ledger, "pd-names": pd_names,
          "duck-bars": duck_bars, "duck-grid": duck_grid,
          "duck-series": duck_series}

if __name__ == "__main__":
    CHECKS[sys.argv[1]](*sys.argv[2:])
