#!/usr/bin/env python3
"""bench.py - make bench: liq-ingest against decompression and other tools.

Generates (seeded, cached in BUILD/bench) a realistic 4M-row Binance
aggTrades day as .csv.gz and one 4x longer, then measures in this run:
decompression alone (igzip -dc, gzip -dc), liq-ingest to 1m bars with the
default (ISA-L) and the zlib inflate, peak RSS on both files, and, when
available, DuckDB (npm @duckdb/node-api) and pandas doing the same
aggregation.  Their bar values are checked against liq-ingest's: prices,
counts and exact-decimal volume sums must be identical doubles.  Prints
ratios against the baselines measured in the same run (machines are noisy;
absolute times drift).  Each timing is the median of BENCH_REPEAT (default 5) runs,
interleaved with the runs of the other commands.

  python3 tests/bench/bench.py BIN BUILD
"""
import os
import shutil
import statistics
import subprocess
import sys

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
    run([ING, "--symbol", "BTCUSDT", "--csv", DAY], out=ours_csv)
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
    run([ING, "--csv", bybit], out=by_csv)
    by = {t: v[:8] for t, v in bars_csv(by_csv).items()}
    ok = compare("Bybit-layout", {t: v[:8] for t, v in ours.items()},
                 by) and ok
    ok = bench_grid(target, res["gzip"][0]) and ok
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


def bars_csv_plain(path):
    rows = {}
    with open(path) as f:
        next(f)
        for line in f:
            v = line.rstrip("\n").split(",")
            rows[int(v[0])] = tuple(float(x) for x in v[1:9]) + (int(v[9]),)
    return rows


main()
