#!/usr/bin/env python3
"""calibrate.py - how well liq-estimate's predicted liquidations track the
realized ones, against the obvious baseline (the bar's price excursion
times open interest).

  python3 tests/tools/calibrate.py VENDOR.csv SERIES.csv [--skip N] [--min-rho X] [--beat-top]

VENDOR.csv is a CoinGlass-style export with price_open, price_high,
price_low, oi_close and liquidation_long_usd / liquidation_short_usd per
bar; SERIES.csv is liq-estimate --series over the same bars.  Prints, per
side, Spearman's rho of predicted vs realized and of the baseline vs
realized, and the share of realized notional in the top 10% of bars as
ranked by each.  --skip N leaves out the first N bars (the model starts
with an empty book: positions are counted from the window's start).  With
--min-rho, exits 1 when a model rho is below it; with --beat-top, when
the model's top-10% share is not above the baseline's.
Standard library only.
"""
import csv
import datetime
import sys



def ms(t):
    """A series time: epoch ms, or ISO 8601 UTC ("2026-05-21T10:00:00Z")."""
    if t.isdigit():
        return int(t)
    d = datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
    return int(d.timestamp() * 1000)


def num(x):
    """A series number; an empty field is missing."""
    return float(x) if x not in ("", "NaN") else float("nan")

def ranks(x):
    """Average ranks (ties share their mean rank), 1-based."""
    order = sorted(range(len(x)), key=lambda i: x[i])
    r = [0.0] * len(x)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    return cov / (va * vb) ** 0.5 if va > 0 and vb > 0 else float("nan")


def top_share(score, real, frac=0.10):
    """Share of the realized total in the top frac of bars by score."""
    k = max(1, int(round(len(score) * frac)))
    top = sorted(range(len(score)), key=lambda i: -score[i])[:k]
    tot = sum(real)
    return sum(real[i] for i in top) / tot if tot > 0 else float("nan")


def main():
    args = sys.argv[1:]
    min_rho = None
    skip = 0
    beat_top = "--beat-top" in args
    if beat_top:
        args.remove("--beat-top")
    if "--skip" in args:
        i = args.index("--skip")
        skip = int(args[i + 1])
        del args[i:i + 2]
    if "--min-rho" in args:
        i = args.index("--min-rho")
        min_rho = float(args[i + 1])
        del args[i:i + 2]
    vendor = list(csv.DictReader(open(args[0])))
    series = {ms(r["time"]): r for r in csv.DictReader(open(args[1]))}
    rows = []
    for v in vendor:
        t = int(v["timestamp"])
        if t not in series:
            continue
        s = series[t]
        o, h, l = float(v["price_open"]), float(v["price_high"]), float(v["price_low"])
        oi = float(v["oi_close"])
        rows.append({
            "real_long": float(v["liquidation_long_usd"]),
            "real_short": float(v["liquidation_short_usd"]),
            "base_long": (o - l) / o * oi,
            "base_short": (h - o) / o * oi,
            "pred_long": num(s["pred_long_usd"]),
            "pred_short": num(s["pred_short_usd"]),
        })
    rows = rows[skip:]
    if len(rows) < 10:
        sys.exit("calibrate.py: fewer than 10 bars in common")
    bad = 0
    print("bars %d" % len(rows))
    for side in ("long", "short"):
        real = [r["real_" + side] for r in rows]
        pred = [r["pred_" + side] for r in rows]
        base = [r["base_" + side] for r in rows]
        rm, rbase = spearman(pred, real), spearman(base, real)
        print("%-5s rho model %.3f baseline %.3f   top10%% share model %.3f "
              "baseline %.3f" % (side, rm, rbase, top_share(pred, real),
                                 top_share(base, real)))
        if min_rho is not None and not rm >= min_rho:
            bad = 1
        if beat_top and not top_share(pred, real) > top_share(base, real):
            bad = 1
    sys.exit(bad)


if __name__ == "__main__":
    main()
