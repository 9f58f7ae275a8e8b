#!/usr/bin/env python3
"""walkforward.py - the out-of-sample scores of liq-estimate's models on
the real CoinGlass bars (man/liq-estimate.1, "Accuracy"; man/liq-model.7,
ACCURACY), by the walk-forward protocol written there.

  python3 tests/tools/walkforward.py BINDIR HOURLY.csv HALFHOURLY.csv

HOURLY.csv and HALFHOURLY.csv are the CoinGlass exports of
../shared/data/coinglass/ (bars with realized liquidations; the 30m file
is later in time than the hourly one).  Each is ingested with
liq-ingest --preset coinglass.

Protocol.  The path model has one fitted parameter, --turnover k, chosen
from CANDIDATES; everything else is a stated mechanism, not fitted.  A
fold is a fit range and a later test range.  For a fold, each candidate
is run over the data from its start to the end of the test range (the
model is causal: a bar's prediction uses only bars up to it), the
candidate scoring best on the fit range (the mean over both sides of
rho - naive rho plus top-10 % share - naive share) is chosen, and the
test range is scored with it.  The shipped default (k = DEFAULT) and the
classic model are scored on the same test bars, beside the naive
baseline (long: (open - low) / open x OI, short: (high - open) / open x
OI) and the oracle (the realized amounts ranked by themselves: the
highest top-10 % share any ranking can reach).

Prints one line per fold and side: rho (Spearman) and the top-10 % share
(percent of the realized notional in the tenth of bars ranked highest)
for the chosen model, the default, naive and classic, the oracle share,
and the k chosen.  The output is what the man pages' table holds
(tests/cli/walkforward.sh compares them).  Standard library only.
"""
import csv
import datetime
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calibrate import spearman, top_share  # noqa: E402

CANDIDATES = (1, 2, 5, 10, 20)
DEFAULT = 5


def day_ms(s):
    d = datetime.datetime.fromisoformat(s + "T00:00+00:00")
    return int(d.timestamp() * 1000)


def vendor(path):
    """(time ms, real long, real short, naive long, naive short) per bar."""
    out = []
    for r in csv.DictReader(open(path)):
        o, h, lo = (float(r["price_open"]), float(r["price_high"]),
                    float(r["price_low"]))
        oi = float(r["oi_close"])
        out.append((int(r["timestamp"]), float(r["liquidation_long_usd"]),
                    float(r["liquidation_short_usd"]), (o - lo) / o * oi,
                    (h - o) / o * oi))
    return out


def iso(ms):
    t = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M")


class Runner:
    def __init__(self, bindir, tmp):
        self.bin, self.tmp, self.cache = bindir, tmp, {}

    def series(self, bars, args, to_ms):
        """{time ms: (pred long, pred short)} of a run ending at to_ms."""
        key = (bars, tuple(args), to_ms)
        if key not in self.cache:
            out = os.path.join(self.tmp, "s.csv")
            subprocess.run([os.path.join(self.bin, "liq-estimate"), "-q",
                            "--time", "ms", "-o", os.path.join(self.tmp,
                                                               "g.grid"),
                            "--series", out, "--to", iso(to_ms)] + args +
                           [bars], check=True)
            self.cache[key] = {
                int(r["time"]): (float(r["pred_long_usd"] or "nan"),
                                 float(r["pred_short_usd"] or "nan"))
                for r in csv.DictReader(open(out))}
        return self.cache[key]


def scores(rows, pred):
    """Per side (rho, top share) of pred over rows; pred None: naive."""
    res = []
    for sd in (0, 1):
        real = [r[1 + sd] for r in rows]
        if pred is None:
            p = [r[3 + sd] for r in rows]
        elif pred == "oracle":
            p = real
        else:
            p = [pred[r[0]][sd] for r in rows]
        res.append((spearman(p, real), top_share(p, real)))
    return res


def gain(m, n):
    return sum((m[s][0] - n[s][0]) + (m[s][1] - n[s][1]) for s in (0, 1)) / 2


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: walkforward.py BINDIR HOURLY.csv HALFHOURLY.csv")
    bindir, hcsv, mcsv = sys.argv[1:]
    tmp = tempfile.mkdtemp(prefix="liq-wf.")
    run = Runner(bindir, tmp)
    bars = {}
    for name, path in (("h", hcsv), ("m", mcsv)):
        bars[name] = os.path.join(tmp, name + ".bars")
        subprocess.run([os.path.join(bindir, "liq-ingest"), "-q", "--preset",
                        "coinglass", "-o", bars[name], path], check=True)
    vh, vm = vendor(hcsv), vendor(mcsv)
    n = len(vh)
    cut = vh[int(n * 0.6)][0]
    end_h = vh[-1][0] + 3600000
    end_m = vm[-1][0] + 1800000

    def span(v, a, b):
        return [r for r in v if a <= r[0] < b]

    # (name, fit bars file, fit rows, test bars file, test rows, test end)
    folds = [
        ("1h-60/40", "h", span(vh, 0, cut), "h", span(vh, cut, end_h),
         end_h),
        ("1h-Jan", "h", span(vh, 0, day_ms("2026-01-01")), "h",
         span(vh, day_ms("2026-01-01"), day_ms("2026-02-01")),
         day_ms("2026-02-01")),
        ("1h-Feb", "h", span(vh, 0, day_ms("2026-02-01")), "h",
         span(vh, day_ms("2026-02-01"), day_ms("2026-03-01")),
         day_ms("2026-03-01")),
        ("1h-Mar", "h", span(vh, 0, day_ms("2026-03-01")), "h",
         span(vh, day_ms("2026-03-01"), end_h), end_h),
        ("30m", "h", vh, "m", vm, end_m),
    ]
    print("fold      side bars  rho: model default naive classic"
          "   top10%: model default naive classic oracle  k")
    for name, fb, fit, tb, test, tend in folds:
        best, bk = None, None
        naive_fit = scores(fit, None)
        for k in CANDIDATES:
            p = run.series(bars[fb], ["--turnover", str(k)],
                           end_h if fb != tb else tend)
            g = gain(scores(fit, p), naive_fit)
            if best is None or g > best + 1e-12:
                best, bk = g, k
        sm = scores(test, run.series(bars[tb], ["--turnover", str(bk)],
                                     tend))
        sd_ = scores(test, run.series(bars[tb], ["--turnover",
                                                 str(DEFAULT)], tend))
        sn = scores(test, None)
        sc = scores(test, run.series(bars[tb], ["--model", "classic"],
                                     tend))
        so = scores(test, "oracle")
        for s, side in ((0, "long"), (1, "short")):
            print("%-9s %-5s %4d  %.3f %.3f %.3f %.3f   "
                  "%.1f %.1f %.1f %.1f %.1f  %d" % (
                      name, side, len(test), sm[s][0], sd_[s][0], sn[s][0],
                      sc[s][0], 100 * sm[s][1], 100 * sd_[s][1],
                      100 * sn[s][1], 100 * sc[s][1], 100 * so[s][1], bk))
    for f in os.listdir(tmp):
        os.remove(os.path.join(tmp, f))
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
