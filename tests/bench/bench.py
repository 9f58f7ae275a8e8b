#!/usr/bin/env python3
"""bench.py - make bench: liq-ingest against decompression and other tools.

Generates (seeded, cached in BUILD/bench) a realistic 4M-row Binance
aggTrades day as .csv.gz and one 4x longer, then measures in this run:
decompression alone (igzip -dc, gzip -dc), liq-ingest to 1m bars with the
default (ISA-L) and the zlib inflate, peak RSS on both files, and, when
available, DuckDB (npm @duckdb/node-api) and pandas doing the same
aggregation.  Their bar values are checked against liq-ingest's: prices,
counts and exact-decimal volume sums must be identical doubles.  Then a
year of bars into a grid (bench_grid), and 30 days of Binance dumps into
bars and a 30-day grid, in one run and one run a day (bench_month: made
anew and removed at the end; BENCH_MONTH_ROWS aggTrades rows a day,
2,000,000 by default, as a real BTCUSDT day has 1-4 M).  Prints ratios
against the baselines measured in the same run (machines are noisy;
absolute times drift).  bench_grid_csv: the CSV export of a half-year
hourly grid against writing the same grid in binary.  bench_score:
liq-score on a year grid with liquidations against liq-cluster --walls
on it.  BENCH_ONLY=grid-csv (or score)
runs that one alone.  Each timing is the median of BENCH_REPEAT (default
5) runs, interleaved with the runs of the other commands.

  python3 tests/bench/bench.py BIN BUILD
"""
import glob
import os
import shutil
import statistics
import struct
import subprocess
import sys
import zipfile

BIN, BUILD = sys.argv[1], sys.argv[2]
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
DIR = os.path.join(BUILD, "bench")
os.makedirs(DIR, exist_ok=True)
DAY = os.path.join(DIR, "BTCUSDT-aggTrades-2024-03-04.csv.gz")
LONG = os.path.join(DIR, "BTCUSDT-aggTrades-2024-03-04-x4.csv.gz")
ING = os.path.join(BIN, "liq-ingest")


def gen(path, rows):
    if not os.path.exists(path):
        print("generating %s (%d rows, seeded)..." % (path, rows), flush=True)
        subprocess.check_call([os.path.join(BIN, "liq-gen"), "-s", "1", "-n",
                               str(rows), "--aggtrades-gz", path])


RSS = os.path.join(BUILD, "rss")


def run(cmd, env=None, out="/dev/null"):
    """Wall seconds and peak RSS (KiB) of one run of cmd (via BUILD/rss,
    a small parent, so the peak is the command's own)."""
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([RSS, "-o", out] + cmd, env=e, capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit("bench: %s failed: %s" % (" ".join(cmd), r.stderr))
    wall, rss = r.stdout.split()
    return float(wall), int(rss)


def median(cmd, env=None, n=REPEAT):
    runs = [run(cmd, env) for _ in range(n)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)



def bars_csv(path):
    rows = {}
    with open(path) as f:
        cols = None
        for line in f:
            if line.startswith("#"):
                continue
            v = line.rstrip("\n").split(",")
            if cols is None:
                cols = v
                continue
            d = dict(zip(cols, v))
            if int(d["trades"]) == 0:
                continue
            rows[int(d["time"])] = tuple(float(d[c]) for c in (
                "open", "high", "low", "close", "buy_base", "sell_base",
                "buy_quote", "sell_quote")) + (int(d["trades"]),)
    return rows


def compare(name, ours, theirs):
    bad = 0
    for t, v in ours.items():
        if theirs.get(t) != v:
            bad += 1
            if bad <= 3:
                print("  %s differs at %d: ours %r theirs %r" %
                      (name, t, v, theirs.get(t)))
    bad += len(set(theirs) - set(ours))
    print("  %s bar values vs liq-ingest: %s (%d bars)" %
          (name, "identical" if bad == 0 else "%d DIFFER" % bad, len(ours)))
    return bad == 0


PANDAS = r'''
import sys, time
from decimal import Decimal
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["t"] = df.transact_time // 60000 * 60000
# exact decimals: prices have 2 decimals, quantities 3 (the file's ticks)
df["p"] = (df.price * 100).round().astype("int64")
df["q"] = (df.quantity * 1000).round().astype("int64")
df["pq"] = df.p * df.q
sell = df.is_buyer_maker
df["bq"] = df.q.where(~sell, 0)
df["sq"] = df.q.where(sell, 0)
df["bpq"] = df.pq.where(~sell, 0)
df["spq"] = df.pq.where(sell, 0)
df["n"] = df.last_trade_id - df.first_trade_id + 1
g = df.groupby("t").agg(open=("price", "first"), high=("price", "max"),
    low=("price", "min"), close=("price", "last"), bq=("bq", "sum"),
    sq=("sq", "sum"), bpq=("bpq", "sum"), spq=("spq", "sum"), n=("n", "sum"))
with open(sys.argv[2], "w") as f:
    f.write("time,open,high,low,close,buy_base,sell_base,buy_quote,sell_quote,trades\n")
    for t, r in g.iterrows():
        f.write("%d,%r,%r,%r,%r,%r,%r,%r,%r,%d\n" % (t, r.open, r.high, r.low,
            r.close, float(Decimal(int(r.bq)) / 1000), float(Decimal(int(r.sq)) / 1000),
            float(Decimal(int(r.bpq)) / 100000), float(Decimal(int(r.spq)) / 100000), r.n))
'''

DUCK = r'''
const { DuckDBInstance } = require('@duckdb/node-api');
const fs = require('fs');
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.runAndReadAll(`
    SELECT transact_time // 60000 * 60000 AS t,
      arg_min(price, agg_trade_id)::VARCHAR, max(price)::VARCHAR,
      min(price)::VARCHAR, arg_max(price, agg_trade_id)::VARCHAR,
      coalesce(sum(quantity) FILTER (NOT is_buyer_maker), 0)::VARCHAR,
      coalesce(sum(quantity) FILTER (is_buyer_maker), 0)::VARCHAR,
      coalesce(sum(price * quantity) FILTER (NOT is_buyer_maker), 0)::VARCHAR,
      coalesce(sum(price * quantity) FILTER (is_buyer_maker), 0)::VARCHAR,
      sum(last_trade_id - first_trade_id + 1)::VARCHAR
    FROM read_csv('${process.argv[2]}', header = true, columns = {
      'agg_trade_id': 'BIGINT', 'price': 'DECIMAL(18,2)',
      'quantity': 'DECIMAL(18,3)', 'first_trade_id': 'BIGINT',
      'last_trade_id': 'BIGINT', 'transact_time': 'BIGINT',
      'is_buyer_maker': 'BOOLEAN'})
    GROUP BY 1 ORDER BY 1`);
  const lines = ['time,open,high,low,close,buy_base,sell_base,buy_quote,sell_quote,trades'];
  for (const row of r.getRows()) lines.push(row.join(','));
  fs.writeFileSync(process.argv[3], lines.join('\n') + '\n');
})();
'''


def duckdb_dir():
    d = os.path.join(DIR, "node")
    mod = os.path.join(d, "node_modules", "@duckdb", "node-api")
    if os.path.isdir(mod):
        return d
    if shutil.which("npm") is None or shutil.which("node") is None:
        return None
    os.makedirs(d, exist_ok=True)
    print("installing @duckdb/node-api with npm into %s..." % d, flush=True)
    r = subprocess.run(["npm", "install", "--no-audit", "--no-fund",
                        "--prefix", d, "@duckdb/node-api"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=600)
    return d if r.returncode == 0 and os.path.isdir(mod) else None


def main():
    if os.environ.get("BENCH_ONLY") in ("grid-csv", "score"):
        ok = (bench_grid_csv if os.environ["BENCH_ONLY"] == "grid-csv"
              else bench_score)(None)
        print("\nbench: %s" % ("all targets met" if ok else
                               "SOME TARGETS MISSED"))
        return
    gen(DAY, 4000000)
    gen(LONG, 16000000)
    size = os.path.getsize(DAY)
    print("input: %s (%.1f MB gzip)" % (DAY, size / 1e6))
    ing = [ING, "--symbol", "BTCUSDT", DAY]
    cmds = {"gzip": (["gzip", "-dc", DAY], None),
            "ingest": (ing, None),
            "ingest_zlib": (ing, {"LIQ_INFLATE": "zlib"})}
    if shutil.which("igzip"):
        cmds["igzip"] = (["igzip", "-dc", DAY], None)
    # interleaved, so a baseline and its rival see the same machine
    runs = {k: [] for k in cmds}
    for _ in range(REPEAT):
        for k, (cmd, env) in cmds.items():
            runs[k].append(run(cmd, env))
    res = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v))
           for k, v in runs.items()}
    long_rss = run([ING, "--symbol", "BTCUSDT", LONG])[1]
    ours_csv = os.path.join(DIR, "ours.csv")
    run([ING, "--symbol", "BTCUSDT", "--csv", "--time", "ms", "--na", "NaN", DAY], out=ours_csv)
    ours = bars_csv(ours_csv)

    print("\n%-34s %9s %10s" % ("", "seconds", "peak RSS"))
    for k, label in (("igzip", "igzip -dc (ISA-L inflate limit)"),
                     ("gzip", "gzip -dc"),
                     ("ingest", "liq-ingest -> 1m bars"),
                     ("ingest_zlib", "liq-ingest, LIQ_INFLATE=zlib")):
        if k in res:
            print("%-34s %9.3f %8.1f MiB" % (label, res[k][0],
                                             res[k][1] / 1024))
    print("%-34s %9s %8.1f MiB" % ("liq-ingest on a 4x longer file", "",
                                   long_rss / 1024))
    ok = True

    def target(label, ratio, limit, le=True):
        nonlocal ok
        met = ratio <= limit if le else ratio >= limit
        ok = ok and met
        print("  %-46s %6.2f  (target %s %.2f) %s" % (
            label, ratio, "<=" if le else ">=", limit,
            "ok" if met else "MISSED"))
        return met

    print("\nratios (same run):")
    if "igzip" in res:
        target("liq-ingest / igzip -dc", res["ingest"][0] /
               res["igzip"][0], 1.15)
    target("liq-ingest (zlib) / gzip -dc", res["ingest_zlib"][0] /
           res["gzip"][0], 0.6)
    target("peak RSS, MiB", res["ingest"][1] / 1024, 16)
    target("peak RSS 4x longer / 4M rows", long_rss / res["ingest"][1], 1.1)

    d = duckdb_dir()
    if d is not None:
        js = os.path.join(DIR, "duck.js")
        with open(js, "w") as f:
            f.write(DUCK)
        out = os.path.join(DIR, "duck.csv")
        env = {"NODE_PATH": os.path.join(os.path.abspath(d), "node_modules")}
        t = median(["node", js, os.path.abspath(DAY), out], env, n=3)[0]
        print("\nDuckDB (node-api): %.3f s" % t)
        target("DuckDB / liq-ingest", t / res["ingest"][0], 6, le=False)
        ok = compare("DuckDB", ours, bars_csv_plain(out)) and ok
    else:
        print("\nDuckDB: not available (npm @duckdb/node-api), skipped")
    pyx = None
    for cand in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(cand) and subprocess.run(
                [cand, "-c", "import pandas"], capture_output=True
                ).returncode == 0:
            pyx = cand
            break
    if pyx is not None:
        py = os.path.join(DIR, "pandas_bars.py")
        with open(py, "w") as f:
            f.write(PANDAS)
        out = os.path.join(DIR, "pandas.csv")
        t = run([pyx, py, DAY, out], out=os.path.join(DIR, "pandas.log"))[0]
        print("\npandas (%s): %.3f s" % (pyx, t))
        target("pandas / liq-ingest", t / res["ingest"][0], 15, le=False)
        ok = compare("pandas", ours, bars_csv_plain(out)) and ok
    else:
        print("\npandas: not installed (python3-pandas), skipped")
    # the same day in Bybit's layout (made from the aggTrades day)
    bybit = os.path.join(DIR, "BTCUSDT2024-03-04.csv.gz")
    if not os.path.exists(bybit):
        print("\nwriting the day in Bybit's layout...", flush=True)
        awk = ('NR==1{print "timestamp,symbol,side,size,price,tickDirection,'
               'trdMatchID,grossValue,homeNotional,foreignNotional"; next} '
               '{printf "%d.%03d,BTCUSDT,%s,%s,%s,ZeroPlusTick,%s,0,%s,0\\n", '
               'int($6/1000), $6%1000, ($7=="true")?"Sell":"Buy", $3, $2, '
               '$1, $3}')
        subprocess.check_call("gzip -dc %s | awk -F, '%s' | gzip -6 > %s.tmp"
                              " && mv %s.tmp %s" % (DAY, awk, bybit, bybit,
                                                    bybit), shell=True)
    bruns = {"igzip": [], "ingest": [], "gzip": [], "zlib": []}
    for _ in range(REPEAT):
        if shutil.which("igzip"):
            bruns["igzip"].append(run(["igzip", "-dc", bybit]))
        bruns["ingest"].append(run([ING, bybit]))
        bruns["gzip"].append(run(["gzip", "-dc", bybit]))
        bruns["zlib"].append(run([ING, bybit], {"LIQ_INFLATE": "zlib"}))
    bt = {k: statistics.median(r[0] for r in v) for k, v in bruns.items()
          if v}
    print("\nBybit layout, same day: liq-ingest %.3f s%s; zlib: liq-ingest "
          "%.3f s, gzip -dc %.3f s; peak RSS %.1f MiB" % (
              bt["ingest"], (", igzip -dc %.3f s" % bt["igzip"])
              if "igzip" in bt else "", bt["zlib"], bt["gzip"],
              max(r[1] for r in bruns["ingest"]) / 1024))
    if "igzip" in bt:
        target("Bybit: liq-ingest / igzip -dc", bt["ingest"] / bt["igzip"],
               1.15)
    target("Bybit: liq-ingest (zlib) / gzip -dc", bt["zlib"] / bt["gzip"],
           0.6)
    target("Bybit: peak RSS, MiB", max(r[1] for r in bruns["ingest"]) /
           1024, 16)
    by_csv = os.path.join(DIR, "bybit.csv")
    run([ING, "--csv", "--time", "ms", "--na", "NaN", bybit], out=by_csv)
    by = {t: v[:8] for t, v in bars_csv(by_csv).items()}
    ok = compare("Bybit-layout", {t: v[:8] for t, v in ours.items()},
                 by) and ok
    ok = bench_grid(target, res["gzip"][0]) and ok
    ok = bench_grid_csv(target) and ok
    ok = bench_score(target) and ok
    ok = bench_month() and ok
    print("\nbench: %s" % ("all targets met" if ok else "SOME TARGETS MISSED"))


def bench_grid(target, gzip_s):
    """liq-estimate on a year of 1m bars (525,600, synthetic, seeded) into
    8,760 hourly columns x 2,000 bins; then liq-cluster at every column and
    liq-render-ppm at 1920x1080 on that grid.  Ratios against the gzip -dc
    time of the ingest benchmark measured in this run."""
    year = os.path.join(DIR, "year-1m.bars")
    grid = os.path.join(DIR, "year-1h.grid")
    if not os.path.exists(year):
        print("\ngenerating %s (525,600 one-minute bars, seeded)..." % year,
              flush=True)
        subprocess.check_call([os.path.join(BUILD, "mkbars"), "525600",
                               year])
    est = [os.path.join(BIN, "liq-estimate"), "--step", "1h", "--bins",
           "2000", year]
    run(est[:1] + ["-o", grid] + est[1:])
    cmds = {"gzip": ["gzip", "-dc", DAY], "estimate": est}
    cl = os.path.join(BIN, "liq-cluster")
    if os.path.exists(cl):
        cmds["cluster"] = [cl, "--every", "1h", grid]
    rp = os.path.join(BIN, "liq-render-ppm")
    if os.path.exists(rp):
        cmds["render"] = [rp, "-W", "1920", "-H", "1080", grid]
    runs = {k: [] for k in cmds}
    for _ in range(REPEAT):
        for k, cmd in cmds.items():
            runs[k].append(run(cmd))
    res = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v))
           for k, v in runs.items()}
    print("\n%-44s %9s %10s" % ("year of 1m bars -> 8,760 x 2,000 grid",
                                 "seconds", "peak RSS"))
    for k, label in (("gzip", "gzip -dc (ingest benchmark file)"),
                     ("estimate", "liq-estimate"),
                     ("cluster", "liq-cluster --every 1h (8,760 snapshots)"),
                     ("render", "liq-render-ppm 1920x1080")):
        if k in res:
            print("%-44s %9.3f %8.1f MiB" % (label, res[k][0],
                                             res[k][1] / 1024))
    ok = True
    print("\nratios (same run):")
    for k, label, lim in (("estimate", "liq-estimate / gzip -dc", 1.0),
                          ("cluster", "liq-cluster / gzip -dc", 0.5),
                          ("render", "liq-render-ppm / gzip -dc", 0.5)):
        if k in res:
            ok = target(label, res[k][0] / gzip_s, lim) and ok
    ok = target("liq-estimate peak RSS, MiB", res["estimate"][1] / 1024,
                64) and ok
    return ok


def bench_grid_csv(target):
    """The grid's CSV export (liq-cat --csv, the default style: ISO
    times, whole-dollar cells) against writing the same grid in binary
    (liq-cat -o), both to files, on half a year of synthetic one-minute
    bars (262,080, seeded) estimated into 4,368 hourly columns x 1,000
    bins.  Target: the export within 10x the binary write."""
    half = os.path.join(DIR, "half-1m.bars")
    grid = os.path.join(DIR, "half-1h.grid")
    if not os.path.exists(half):
        print("\ngenerating %s (262,080 one-minute bars, seeded)..." % half,
              flush=True)
        subprocess.check_call([os.path.join(BUILD, "mkbars"), "262080",
                               half])
    if not os.path.exists(grid):
        subprocess.check_call([os.path.join(BIN, "liq-estimate"), "-q",
                               "--step", "1h", "--bins", "1000", "-o", grid,
                               half])
    cat = os.path.join(BIN, "liq-cat")
    cmds = {"binary": [cat, "-o", os.path.join(DIR, "half-copy.grid"), grid],
            "csv": [cat, "--csv", "-o", os.path.join(DIR, "half.csv"), grid]}
    runs = {k: [] for k in cmds}
    for _ in range(REPEAT):
        for k, cmd in cmds.items():
            runs[k].append(run(cmd))
    res = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
    size = os.path.getsize(os.path.join(DIR, "half.csv"))
    print("\n%-44s %9s" % ("half-year grid, 4,368 x 1,000", "seconds"))
    print("%-44s %9.3f" % ("liq-cat (binary write, %.1f MB)" %
                           (os.path.getsize(grid) / 1e6), res["binary"]))
    print("%-44s %9.3f" % ("liq-cat --csv (%.1f MB)" % (size / 1e6),
                           res["csv"]))
    for k in cmds:
        os.remove(cmds[k][-2])
    ratio = res["csv"] / res["binary"]
    if target is None:
        met = ratio <= 10
        print("  %-46s %6.2f  (target <= 10.00) %s" % (
            "grid CSV export / binary write", ratio, "ok" if met else
            "MISSED"))
        return met
    print("\nratios (same run):")
    return target("grid CSV export / binary write", ratio, 10)


def bench_score(target):
    """liq-score on a year of hourly columns at 2,000 bins (8,760 columns
    of synthetic one-minute bars with realized liquidations, mkbars
    --liq, seeded), 1000 bootstrap resamples, against liq-cluster --walls
    --every 1h on the same grid (the walls liq-score also finds).  Target:
    within 3x."""
    bars = os.path.join(DIR, "year-1m-liq.bars")
    grid = os.path.join(DIR, "year-1h-liq.grid")
    if not os.path.exists(bars):
        print("\ngenerating %s (525,600 one-minute bars with liquidations, "
              "seeded)..." % bars, flush=True)
        subprocess.check_call([os.path.join(BUILD, "mkbars"), "525600",
                               bars, "--liq"])
    if not os.path.exists(grid):
        subprocess.check_call([os.path.join(BIN, "liq-estimate"), "-q",
                               "--step", "1h", "--bins", "2000", "-o", grid,
                               bars])
    cmds = {"cluster": [os.path.join(BIN, "liq-cluster"), "-q", "--walls",
                        "--every", "1h", grid],
            "score": [os.path.join(BIN, "liq-score"), "-q", grid]}
    runs = {k: [] for k in cmds}
    for _ in range(REPEAT):
        for k, cmd in cmds.items():
            runs[k].append(run(cmd))
    res = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v))
           for k, v in runs.items()}
    print("\n%-44s %9s %10s" % ("year grid with liquidations, 8,760 x 2,000",
                                 "seconds", "peak RSS"))
    for k, label in (("cluster", "liq-cluster --walls --every 1h"),
                     ("score", "liq-score (1000 resamples)")):
        print("%-44s %9.3f %8.1f MiB" % (label, res[k][0], res[k][1] / 1024))
    ratio = res["score"][0] / res["cluster"][0]
    if target is None:
        met = ratio <= 3
        print("  %-46s %6.2f  (target <= 3.00) %s" % (
            "liq-score / liq-cluster --walls", ratio, "ok" if met else
            "MISSED"))
        return met
    print("\nratios (same run):")
    return target("liq-score / liq-cluster --walls", ratio, 3)


MONTH_DAYS = 30
MONTH_ROWS = int(os.environ.get("BENCH_MONTH_ROWS", "2000000"))


def zip_to_gz(zpath, gzpath):
    """Write the one member of zpath as a gzip file holding the same deflate
    stream (not compressed again), so igzip/gzip -dc inflate exactly the
    bytes that liq-ingest inflates from the zip."""
    with zipfile.ZipFile(zpath) as z:
        (info,) = z.infolist()
    if info.compress_type != zipfile.ZIP_DEFLATED:
        sys.exit("bench: %s: member is not deflated" % zpath)
    with open(zpath, "rb") as f, open(gzpath + ".tmp", "wb") as g:
        f.seek(info.header_offset)
        h = f.read(30)
        if h[:4] != b"PK\x03\x04":
            sys.exit("bench: %s: no local header" % zpath)
        name_len, extra_len = struct.unpack("<HH", h[26:30])
        f.seek(info.header_offset + 30 + name_len + extra_len)
        g.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
        left = info.compress_size
        while left > 0:
            b = f.read(min(left, 1 << 20))
            if not b:
                sys.exit("bench: %s: truncated" % zpath)
            g.write(b)
            left -= len(b)
        g.write(struct.pack("<II", info.CRC, info.file_size & 0xffffffff))
    os.rename(gzpath + ".tmp", gzpath)
    return info.file_size


def grid_lines(p):
    """The lines of a liq-cat --csv process but its command= line (what
    grep -v '^# command=' keeps)."""
    for line in p.stdout:
        if not line.startswith(b"# command="):
            yield line


def same_grids(cat, a, b):
    """Line number and both lines of the first difference of grids a and b
    as CSV (command= left out), or None when they are identical.  Both
    liq-cat runs must succeed and print data rows."""
    pa, pb = (subprocess.Popen([cat, "--csv", g], stdout=subprocess.PIPE)
              for g in (a, b))
    la, lb = grid_lines(pa), grid_lines(pb)
    n, diff = 0, None
    while diff is None:
        x, y = next(la, b""), next(lb, b"")
        if not x and not y:
            break
        n += 1
        if x != y:
            diff = (n, x, y)
    for p in (pa, pb):
        if diff is not None:
            p.kill()
        if p.wait() != 0 and diff is None:
            sys.exit("bench: liq-cat --csv %s failed" % p.args[-1])
    if diff is None and n < 2:
        sys.exit("bench: %s: no data rows" % a)
    return diff


def bench_month():
    """30 days of Binance USD-M BTCUSDT dumps (liq-gen, seeded: aggTrades
    and metrics zips a day, the month's fundingRate) into 1m bars: (a) one
    liq-ingest of all the files, (b) one liq-ingest a day, two at a time
    under GNU parallel; ratios to igzip -dc (gzip -dc without it) of the
    same deflate streams.  Then the 30-day grid from the daily files must be
    the grid of the one run, and liq-estimate's peak RSS on the daily files
    piped in one stream within 10 % of its peak on the one file.  The
    files are made anew and removed at the end (about 28 MB a day per
    million rows, twice over, and two grids)."""
    top = os.path.join(DIR, "month")
    need = MONTH_DAYS * MONTH_ROWS / 1e6 * 30e6 + 1.5e9
    shutil.rmtree(top, ignore_errors=True)
    os.makedirs(top)
    free = shutil.disk_usage(top).free
    print("\n30 days of Binance BTCUSDT: %s aggTrades rows a day, %s in all"
          "%s" % ("{:,}".format(MONTH_ROWS),
                  "{:,}".format(MONTH_ROWS * MONTH_DAYS),
                  "" if MONTH_ROWS >= 1000000 else
                  " (SCALED DOWN: a real day is 1-4 M rows)"))
    if free < need:
        print("  skipped: %.1f GB free under %s, about %.1f GB needed" % (
            free / 1e9, top, need / 1e9))
        shutil.rmtree(top, ignore_errors=True)
        return True
    try:
        return month_run(top)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def month_run(top):
    dumps = os.path.join(top, "dumps")
    daily = os.path.join(top, "daily")
    gz = os.path.join(top, "gz")
    for d in (dumps, daily, gz):
        os.makedirs(d)
    print("generating %d days with liq-gen (seed 5) in %s..." % (
        MONTH_DAYS, dumps), flush=True)
    subprocess.check_call([os.path.join(BIN, "liq-gen"), "-s", "5", "-d",
                           str(MONTH_DAYS), "-n", str(MONTH_ROWS), "-t",
                           "2024-04-01", "-o", dumps])
    agg = sorted(glob.glob(os.path.join(dumps, "BTCUSDT-aggTrades-*.zip")))
    met = sorted(glob.glob(os.path.join(dumps, "BTCUSDT-metrics-*.zip")))
    (fund,) = glob.glob(os.path.join(dumps, "BTCUSDT-fundingRate-*.zip"))
    # each day's aggTrades with the same day's metrics, by date
    day = {}
    for f in agg + met:
        day.setdefault(os.path.basename(f)[-14:-4], []).append(f)
    if len(day) != MONTH_DAYS or any(len(v) != 2 for v in day.values()):
        sys.exit("bench: liq-gen did not make an aggTrades and a metrics "
                 "zip for each of %d days" % MONTH_DAYS)
    args = os.path.join(top, "days.tsv")
    with open(args, "w") as f:
        for d in sorted(day):
            a, m = day[d]
            f.write("%s\t%s\t%s\n" % (a, m, fund))
    csv_bytes = 0
    gzs = []
    for f in agg + met:
        g = os.path.join(gz, os.path.basename(f)[:-4] + ".csv.gz")
        csv_bytes += zip_to_gz(f, g)
        gzs.append(g)
    zip_bytes = sum(os.path.getsize(f) for f in agg + met)
    print("input: %d aggTrades + %d metrics zips (%.0f MB, %.0f MB of CSV)"
          " + %s" % (len(agg), len(met), zip_bytes / 1e6, csv_bytes / 1e6,
                     os.path.basename(fund)))

    one = os.path.join(top, "one.bars")
    est = os.path.join(BIN, "liq-estimate")
    unz = "igzip" if shutil.which("igzip") else "gzip"
    cmds = {"unz": [unz, "-dc"] + gzs,
            "one": [ING, "-q", "-o", one] + agg + met + [fund]}
    par = shutil.which("parallel")
    if par:
        cmds["par"] = [par, "--will-cite", "-q", "-j", "2", "--colsep", "\t",
                       "--halt", "now,fail=1", "-a", args, ING, "-q",
                       "-o", os.path.join(daily, "{1/.}.bars"),
                       "{1}", "{2}", "{3}"]
    runs = {k: [] for k in cmds}
    for _ in range(REPEAT):
        for k, cmd in cmds.items():
            runs[k].append(run(cmd))
    res = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v))
           for k, v in runs.items()}
    if not par:
        print("GNU parallel: not installed (apt-get install parallel), (b) "
              "skipped; the daily files are made one by one, untimed")
        for d in sorted(day):
            a, m = day[d]
            run([ING, "-q", "-o", os.path.join(
                daily, os.path.basename(a)[:-4] + ".bars"), a, m, fund])
    dbars = sorted(glob.glob(os.path.join(daily, "*.bars")))
    if len(dbars) != MONTH_DAYS:
        sys.exit("bench: %d daily bars files, not %d" % (len(dbars),
                                                         MONTH_DAYS))
    g_one = os.path.join(top, "one.grid")
    g_day = os.path.join(top, "g.grid")
    t_gone = run([est, "-q", "-o", g_one, one])
    t_gday = run([est, "-q", "-o", g_day] + dbars)
    pipe = ["sh", "-c", 'cat "$@" | exec "$0" -q -o /dev/null', est] + dbars
    mem = {"file": [], "pipe": []}
    for _ in range(3):
        mem["file"].append(run([est, "-q", "-o", "/dev/null", one]))
        mem["pipe"].append(run(pipe))
    mres = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v))
            for k, v in mem.items()}

    print("\n%-50s %9s %10s" % ("30 days -> 1m bars -> 30-day grid",
                                "seconds", "peak RSS"))
    rows = [("unz", "%s -dc of the zips' deflate streams" % unz),
            ("one", "(a) liq-ingest, all 30 days in one run"),
            ("par", "(b) parallel -j 2 liq-ingest, one run a day")]
    for k, label in rows:
        if k in res:
            print("%-50s %9.3f %8.1f MiB" % (label, res[k][0],
                                             res[k][1] / 1024))
    print("%-50s %9.3f %8.1f MiB" % ("liq-estimate one.bars (one run)",
                                     t_gone[0], t_gone[1] / 1024))
    print("%-50s %9.3f %8.1f MiB" % ("liq-estimate daily/*.bars (one run)",
                                     t_gday[0], t_gday[1] / 1024))
    print("%-50s %9.3f %8.1f MiB" % ("liq-estimate -o /dev/null one.bars",
                                     mres["file"][0], mres["file"][1] /
                                     1024))
    print("%-50s %9.3f %8.1f MiB" % ("cat daily/*.bars | liq-estimate",
                                     mres["pipe"][0], mres["pipe"][1] /
                                     1024))
    info = dict(l.split("=", 1) for l in subprocess.check_output(
        [os.path.join(BIN, "liq-cat"), "--info", g_one],
        text=True).splitlines() if "=" in l)
    print("grid: %s columns of %s x %s bins from %s, %.0f MB" % (
        "{:,}".format(int(info["columns"])), info["step"], info["bins"],
        info["start"], os.path.getsize(g_one) / 1e6))
    print("\nratios (same run):")
    print("  %-46s %6.2f" % ("(a) liq-ingest one run / %s -dc" % unz,
                             res["one"][0] / res["unz"][0]))
    if "par" in res:
        print("  %-46s %6.2f" % ("(b) parallel -j 2, a day a run / %s -dc"
                                 % unz, res["par"][0] / res["unz"][0]))
        print("  %-46s %6.2f" % ("(b) / (a)", res["par"][0] /
                                 res["one"][0]))
    ok = True
    diff = same_grids(os.path.join(BIN, "liq-cat"), g_day, g_one)
    print("  %-46s %6s  %s" % ("grid of daily files == grid of one run", "",
                               "PASS" if diff is None else "FAIL"))
    if diff is not None:
        ok = False
        print("    first difference, CSV line %d:\n      daily: %s\n"
              "      one:   %s" % (diff[0], diff[1].decode().rstrip(),
                                   diff[2].decode().rstrip()))
    r = mres["pipe"][1] / mres["file"][1]
    met_rss = r <= 1.10
    ok = ok and met_rss
    print("  %-46s %6.2f  (target <= 1.10) %s" % (
        "peak RSS cat daily/*.bars | est / one.bars", r,
        "PASS" if met_rss else "FAIL"))
    return ok


def bars_csv_plain(path):
    rows = {}
    with open(path) as f:
        next(f)
        for line in f:
            v = line.rstrip("\n").split(",")
            rows[int(v[0])] = tuple(float(x) for x in v[1:9]) + (int(v[9]),)
    return rows


main()
