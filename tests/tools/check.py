#!/usr/bin/env python3
"""check.py - independent recomputation of bars from raw exchange files.

Used by tests/cli/ingest.sh: each subcommand reads a raw file (zip or CSV) the
slow, obvious way with Python's csv/zipfile/decimal modules, reads the bars
CSV that liq-ingest wrote, and compares.  Prints one line per mismatch and
exits 1 if there is any.  Nothing here shares code with the C library.

  check.py aggtrades RAW BARS [--contract-size N] [--interval MS]
  check.py klines RAW BARS [--inverse --contract-size N]
  check.py funding RAW BARS
  check.py metrics RAW BARS
  check.py vendor RAW BARS          (coinglass preset)
  check.py same BARS_A BARS_B [--cols c1,c2]   bars with equal values
  check.py shuffle IN OUT SEED BLOCK   shuffle CSV rows within blocks
"""
import csv
import io
import math
import random
import sys
import zipfile
from decimal import Decimal

errors = []


def err(msg):
    errors.append(msg)
    if len(errors) <= 20:
        print("mismatch: " + msg)


def raw_rows(path):
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            name = z.namelist()[0]
            text = z.read(name).decode()
    else:
        with open(path) as f:
            text = f.read()
    rows = list(csv.reader(io.StringIO(text)))
    header = None
    if rows and not rows[0][0].replace(".", "").isdigit() and \
            not rows[0][0][:4].isdigit():
        header = rows[0]
        rows = rows[1:]
    return header, [r for r in rows if r]


def read_bars(path):
    meta, rows, cols = {}, [], None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# ") and "=" in line:
                k, v = line[2:].split("=", 1)
                meta[k] = v
                continue
            if line.startswith("#"):
                continue
            if cols is None:
                cols = line.split(",")
                continue
            rows.append(dict(zip(cols, line.split(","))))
    return meta, rows


def num(s):
    return float("nan") if s == "NaN" else float(s)


def close(a, b, rel=1e-9):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)


def to_ms(t):
    t = int(t)
    if t >= 10**17:
        return t // 10**6
    if t >= 10**14:
        return t // 1000
    return t


def by_time(bars):
    return {int(b["time"]): b for b in bars}


def cmp_field(b, name, want, exact=True, rel=1e-9):
    got = num(b[name])
    if exact and not (got == want or (math.isnan(got) and
                                        math.isnan(want))):
        err("%s %s: got %r want %r" % (b["time"], name, got, want))
    elif not exact and not close(got, want, rel):
        err("%s %s: got %r want %r" % (b["time"], name, got, want))


def aggtrades(args):
    raw, barsf = args[0], args[1]
    cs = None
    iv = 60000
    if "--contract-size" in args:
        cs = Decimal(args[args.index("--contract-size") + 1])
    if "--interval" in args:
        iv = int(args[args.index("--interval") + 1])
    header, rows = raw_rows(raw)
    exp = {}
    for r in rows:
        t = to_ms(r[5])
        k = t // iv * iv
        px = Decimal(r[1])
        q = Decimal(r[2])
        sell = r[6].lower() == "true"
        ntr = int(r[4]) - int(r[3]) + 1
        if cs is None:
            base, quote = q, q * px
        else:
            quote = q * cs
            base = None
        e = exp.setdefault(k, {"o": px, "h": px, "l": px, "c": px,
                               "bb": Decimal(0), "sb": Decimal(0),
                               "bq": Decimal(0), "sq": Decimal(0),
                               "fb": [0.0, 0.0], "n": 0})
        e["h"] = max(e["h"], px)
        e["l"] = min(e["l"], px)
        e["c"] = px
        e["n"] += ntr
        side = "s" if sell else "b"
        e[side + "q"] += quote
        if base is not None:
            e[side + "b"] += base
        else:
            e["fb"][1 if sell else 0] += float(quote) / float(px)
    meta, bars = read_bars(barsf)
    bt = by_time(bars)
    nrows_trades = sum(e["n"] for e in exp.values())
    got_trades = sum(int(b["trades"]) for b in bars)
    if nrows_trades != got_trades:
        err("trade count: got %d want %d" % (got_trades, nrows_trades))
    first, last = min(exp), max(exp)
    if int(bars[0]["time"]) != first or int(bars[-1]["time"]) != last:
        err("span: got %s..%s want %d..%d" % (bars[0]["time"],
                                              bars[-1]["time"], first, last))
    if len(bars) != (last - first) // iv + 1:
        err("bar count %d, want %d" % (len(bars), (last - first) // iv + 1))
    for k, e in exp.items():
        b = bt.get(k)
        if b is None:
            err("no bar at %d" % k)
            continue
        for f, key in (("open", "o"), ("high", "h"), ("low", "l"),
                       ("close", "c")):
            cmp_field(b, f, float(e[key]))
        cmp_field(b, "buy_quote", float(e["bq"]))
        cmp_field(b, "sell_quote", float(e["sq"]))
        if cs is None:
            cmp_field(b, "buy_base", float(e["bb"]))
            cmp_field(b, "sell_base", float(e["sb"]))
        else:
            cmp_field(b, "buy_base", e["fb"][0], exact=False)
            cmp_field(b, "sell_base", e["fb"][1], exact=False)
        if int(b["trades"]) != e["n"]:
            err("%d trades: got %s want %d" % (k, b["trades"], e["n"]))
    # gap bars carry the previous close
    prev = None
    for b in bars:
        if int(b["time"]) not in exp:
            if int(b["trades"]) != 0 or num(b["open"]) != prev or \
                    not int(b.get("bar_flags", b.get("flags"))) & 2:
                err("gap bar %s wrong" % b["time"])
        prev = num(b["close"])
    print("aggtrades: %d rows, %d bars, %d trades checked" %
          (len(rows), len(bars), nrows_trades))


def klines(args):
    raw, barsf = args[0], args[1]
    inverse = "--inverse" in args
    cs = Decimal(args[args.index("--contract-size") + 1]) \
        if "--contract-size" in args else Decimal(1)
    header, rows = raw_rows(raw)
    meta, bars = read_bars(barsf)
    bt = by_time(bars)
    if len(bars) != len(rows):
        err("bars %d, rows %d" % (len(bars), len(rows)))
    for r in rows:
        t = to_ms(r[0])
        b = bt.get(t)
        if b is None:
            err("no bar at %d" % t)
            continue
        for i, f in ((1, "open"), (2, "high"), (3, "low"), (4, "close")):
            cmp_field(b, f, float(Decimal(r[i])))
        v, qv, tb, tbq = (Decimal(x) for x in (r[5], r[7], r[9], r[10]))
        if inverse:
            cmp_field(b, "buy_quote", float(tb * cs))
            cmp_field(b, "sell_quote", float((v - tb) * cs))
            cmp_field(b, "buy_base", float(tbq))
            cmp_field(b, "sell_base", float(qv - tbq))
        else:
            cmp_field(b, "buy_base", float(tb))
            cmp_field(b, "sell_base", float(v - tb))
            cmp_field(b, "buy_quote", float(tbq))
            cmp_field(b, "sell_quote", float(qv - tbq))
        if int(b["trades"]) != int(r[8]):
            err("%d count: got %s want %s" % (t, b["trades"], r[8]))
    print("klines: %d rows checked" % len(rows))


def funding(args):
    header, rows = raw_rows(args[0])
    meta, bars = read_bars(args[1])
    bt = by_time(bars)
    iv = 60000
    for r in rows:
        t = int(r[0])
        k = (t - 1) // iv * iv
        b = bt.get(k)
        if b is None:
            err("no bar ending at %d" % t)
            continue
        cmp_field(b, "funding", float(Decimal(r[2])))
    print("funding: %d rows checked" % len(rows))


def metrics(args):
    import datetime
    header, rows = raw_rows(args[0])
    meta, bars = read_bars(args[1])
    bt = by_time(bars)
    n = 0
    for r in rows:
        d = datetime.datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=datetime.timezone.utc)
        t = int(d.timestamp()) * 1000
        t = (t + 30000) // 60000 * 60000
        b = bt.get(t - 60000)
        if b is None:
            continue
        if r[2] != "":
            cmp_field(b, "oi_base", float(Decimal(r[2])))
            cmp_field(b, "oi_quote", float(Decimal(r[3])))
        if r[6] != "":
            cmp_field(b, "ls_ratio", float(Decimal(r[6])))
        n += 1
    if n < len(rows) * 0.9:
        err("only %d of %d metrics rows had a bar" % (n, len(rows)))
    print("metrics: %d rows checked" % n)


def vendor(args):
    header, rows = raw_rows(args[0])
    meta, bars = read_bars(args[1])
    bt = by_time(bars)
    col = {name: i for i, name in enumerate(header)}
    if len(bars) < len(rows):
        err("bars %d < rows %d" % (len(bars), len(rows)))
    # the funding unit (man/liq-ingest.1, Vendor bars): percent when more
    # than half of the rates other than 0 are 0.002 or more in size
    rates = [abs(float(r[col["funding_close"]])) for r in rows
             if r[col["funding_close"]] not in ("", "0")]
    rates = [x for x in rates if x != 0]
    div = 100 if 2 * sum(x >= 0.002 for x in rates) > len(rates) else 1
    for r in rows:
        t = int(r[col["timestamp"]])
        b = bt.get(t)
        if b is None:
            err("no bar at %d" % t)
            continue
        for f, c in (("open", "price_open"), ("high", "price_high"),
                     ("low", "price_low"), ("close", "price_close"),
                     ("oi_quote", "oi_close"), ("funding", "funding_close"),
                     ("liq_long_quote", "liquidation_long_usd"),
                     ("liq_short_quote", "liquidation_short_usd")):
            if f == "funding" and div != 1 and r[col[c]] != "":
                cmp_field(b, f, float(r[col[c]]) / div, exact=False,
                          rel=1e-15)
            else:
                cmp_field(b, f, float(r[col[c]]))
        cmp_field(b, "oi_base", float(r[col["oi_close"]]) /
                  float(r[col["price_close"]]), exact=False, rel=1e-12)
    print("vendor: %d rows checked" % len(rows))


def same(args):
    cols = None
    if "--cols" in args:
        cols = args[args.index("--cols") + 1].split(",")
    _, a = read_bars(args[0])
    _, b = read_bars(args[1])
    if len(a) != len(b):
        err("%d bars vs %d" % (len(a), len(b)))
    for x, y in zip(a, b):
        for c in cols or x.keys():
            if x[c] != y[c]:
                err("%s %s: %s vs %s" % (x["time"], c, x[c], y[c]))
    print("same: %d bars compared" % len(a))


def shuffle(args):
    src, dst, seed, block = args[0], args[1], int(args[2]), int(args[3])
    header, rows = raw_rows(src)
    rnd = random.Random(seed)
    out = []
    for i in range(0, len(rows), block):
        chunk = rows[i:i + block]
        rnd.shuffle(chunk)
        out.extend(chunk)
    with open(dst, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if header:
            w.writerow(header)
        w.writerows(out)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"aggtrades": aggtrades, "klines": klines, "funding": funding,
     "metrics": metrics, "vendor": vendor, "same": same,
     "shuffle": shuffle}[cmd](args)
    if errors:
        print("%d mismatches" % len(errors))
        sys.exit(1)


main()
