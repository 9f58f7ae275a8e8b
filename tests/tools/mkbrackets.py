#!/usr/bin/env python3
"""mkbrackets.py - lib/brackets/binance-usdm.txt, the dated Binance
USD-M (and USDC-M) leverage-bracket tables that liq-estimate builds in,
from the snapshot CSV of Binance's /fapi/v1/leverageBracket answers.

  python3 tests/tools/mkbrackets.py CHANGES.csv > lib/brackets/binance-usdm.txt

CHANGES.csv has the columns commit, first_seen_in_commit_date, symbol
(ccxt ids: BTC/USDT:USDT, BTC/USDT:USDT-230331, 2022 rows BTC/USDT),
bracket, initialLeverage, notionalFloor, notionalCap, maintMarginRatio,
cum.  Symbols are written as Binance spells them (BTCUSDT,
BTCUSDT_230331); a version equal to the symbol's previous one is left
out; the BTCUSDT table of 2025-08-19 (built in before, from Binance's
"Leverage and Margin of USDS-M Futures" page) is appended.  The format is
in man/liq-model.7, MAINTENANCE BRACKETS.  Only run to regenerate the
file (tests/cli/brackets.sh checks that it matches); the build embeds the
text with mk/embed.sh and needs no python.  Standard library only.
"""
import csv
import sys

# BTCUSDT from 2025-08-19: (max leverage, floor, cap, mmr, cum)
BTC2025 = [
    (150, 0, 300e3, 0.004, 0), (100, 300e3, 800e3, 0.005, 300),
    (75, 800e3, 3e6, 0.0065, 1500), (50, 3e6, 12e6, 0.01, 12000),
    (25, 12e6, 70e6, 0.02, 132000), (20, 70e6, 100e6, 0.025, 482000),
    (10, 100e6, 230e6, 0.05, 2982000), (5, 230e6, 480e6, 0.10, 14482000),
    (4, 480e6, 600e6, 0.125, 26482000), (3, 600e6, 800e6, 0.15, 41482000),
    (2, 800e6, 1.2e9, 0.25, 121482000), (1, 1.2e9, 1.8e9, 0.50, 421482000),
]


def binance_symbol(ccxt):
    """BTC/USDT:USDT -> BTCUSDT, BTC/USDT:USDT-230331 -> BTCUSDT_230331,
    BTC/USDT -> BTCUSDT."""
    base, _, rest = ccxt.partition("/")
    quote, _, settle = rest.partition(":")
    _, _, expiry = settle.partition("-")
    return base + quote + ("_" + expiry if expiry else "")


def num(x):
    """A number as short as it reads back exactly: 50000 -> 5e4,
    0.0065 -> 0.0065, 1.997038E8 -> 199703800."""
    v = float(x)
    if v == int(v) and abs(v) < 1e19:
        s = str(int(v))
        z = len(s) - len(s.rstrip("0"))
        if z >= 3:
            return s[:len(s) - z] + "e" + str(z)
        return s
    return repr(v)


def line(sym, when, rows):
    """One version: SYMBOL FROM then per bracket LEV:CAP:MMR:CUM (the
    first floor is 0, each next floor the previous cap)."""
    return " ".join([sym, when] + ["%s:%s:%s:%s" % (num(r[0]), num(r[2]),
                     num(r[3]), num(r[4])) for r in rows])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mkbrackets.py CHANGES.csv")
    versions = {}           # (symbol, date) -> {ccxt id: [rows]}
    with open(sys.argv[1], newline="") as f:
        for r in csv.DictReader(f):
            when = r["first_seen_in_commit_date"]
            # "2023-03-13 06:06:16+00:00" -> "2023-03-13T06:06:16"
            when = when[:19].replace(" ", "T")
            key = (binance_symbol(r["symbol"]), when)
            row = (float(r["initialLeverage"]), float(r["notionalFloor"]),
                   float(r["notionalCap"]), float(r["maintMarginRatio"]),
                   float(r["cum"]), int(r["bracket"]))
            versions.setdefault(key, {}).setdefault(r["symbol"],
                                                    []).append(row)
    tables = {}
    for (sym, when), by_id in versions.items():
        # one exchange symbol seen under two ccxt ids on one date: the
        # newer spelling (with the settle currency) wins
        ccxt = max(by_id, key=lambda i: (":" in i, i))
        rows = sorted(by_id[ccxt], key=lambda r: r[5])
        rows = [r[:5] for r in rows]
        if rows[0][1] != 0 or any(rows[i][1] != rows[i - 1][2]
                                  for i in range(1, len(rows))):
            sys.exit("%s %s: brackets not contiguous from 0" % (sym, when))
        tables.setdefault(sym, []).append((when, rows))
    tables.setdefault("BTCUSDT", []).append(("2025-08-19T00:00:00",
                                             BTC2025))
    out = sys.stdout
    out.write("# Binance USD-M and USDC-M leverage brackets by symbol and "
              "date (man/liq-model.7,\n# MAINTENANCE BRACKETS).  Made by "
              "tests/tools/mkbrackets.py; do not edit.\n"
              "# SYMBOL FROM LEV:CAP:MMR:CUM ...\n")
    for sym in sorted(tables):
        prev = None
        for when, rows in sorted(tables[sym]):
            if rows != prev:
                out.write(line(sym, when, rows) + "\n")
            prev = rows


main()
