#!/bin/sh
# cli-fast.sh - the fused row parsers (aggTrades and Bybit rows in their
# published column order) against the general path: the same seeded rows,
# written once in the published order and once with the columns shuffled
# (which the fused parsers do not take), must give identical bars, and
# liq-ingest -v must show that the fused parser took most rows of the
# first and none of the second.  The rows are chosen to reach every
# branch of the word-at-a-time scanners: integers of 1 to 18 digits,
# millisecond and microsecond times, decimals with 0 to 9 places,
# timestamps with 1 to 9 fraction digits, symbols of 6 to 31 letters
# (word multiples among them), both booleans in both cases, optional
# trailing columns, quoted fields, CRLF line ends, no final newline.
#   sh tests/cli/ingest-fast.sh BINDIR
set -u
BIN=${1:-bin}
ING=$BIN/liq-ingest
T=$(mktemp -d /tmp/liq-fast.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
MS=$(ms_wrappers)	# CSV as these tests read it (lib.sh)
ING=$MS/liq-ingest
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

"$PY" -S - "$T" <<'EOF'
import os, random, sys
T = sys.argv[1]
rnd = random.Random(7)
DAY = 1709510400000                     # 2024-03-04 00:00 UTC

def digits(lo, hi):
    n = rnd.randint(lo, hi)
    return str(rnd.randint(10 ** (n - 1) if n > 1 else 0, 10 ** n - 1))

def dec(ilo, ihi, flo, fhi):
    i = digits(ilo, ihi)
    f = rnd.randint(flo, fhi)
    s = i + ("." + "".join(rnd.choice("0123456789") for _ in range(f))
             if f or rnd.random() < 0.1 else "")
    return s if float(s) > 0 else "1" + s

def write(path, head, rows, order, crlf, last_nl=True):
    nl = "\r\n" if crlf else "\n"
    with open(path, "w", newline="") as f:
        if head is not None:
            f.write(",".join(head[k] for k in order) + nl)
        for i, r in enumerate(rows):
            f.write(",".join(r[k] for k in order) +
                    (nl if last_nl or i < len(rows) - 1 else ""))

# aggTrades: id, price, quantity, first, last, time, maker[, best]; a9
# is spot since 2025: microsecond times
for name, ncol, crlf in (("a7", 7, False), ("a8", 8, True), ("a9", 8, False)):
    rows, t, first = [], DAY, 1
    for i in range(6000):
        t += rnd.choice((0, 0, 1, 7, 93, 1500, 30000))
        k = rnd.choice((0, 0, 0, 1, 5))
        n = digits(1, 18) if rnd.random() < 0.3 else str(first)
        price = dec(1, 9, 0, 9) if rnd.random() < 0.3 else dec(5, 5, 1, 2)
        qty = dec(1, 3, 0, 9)
        r = [n, price, qty, str(first), str(first + k),
             str(t * 1000 + rnd.randint(0, 999)) if name == "a9" else str(t),
             rnd.choice(("true", "false", "True", "False"))]
        if ncol == 8:
            r.append(rnd.choice(("true", "True")))
        rows.append(r)
        first += k + 1
    head = ["agg_trade_id", "price", "quantity", "first_trade_id",
            "last_trade_id", "transact_time", "is_buyer_maker",
            "is_best_match"][:ncol]
    d = os.path.join(T, name)
    os.makedirs(os.path.join(d, "fast"))
    os.makedirs(os.path.join(d, "slow"))
    f = "BTCUSDT-aggTrades-2024-03-04.csv"
    # a8 has the header Binance writes since 2022, in its column order
    write(os.path.join(d, "fast", f), head if name == "a8" else None, rows,
          range(ncol), crlf)
    order = list(range(ncol))
    order[1], order[2] = order[2], order[1]     # quantity before price
    write(os.path.join(d, "slow", f), head, rows, order, crlf)

# Bybit: timestamp, symbol, side, size, price, then columns only counted
for name, sym, rpi, crlf in (("b1", "BTCUSDT", False, False),
                              ("b2", "1000PEPEUSDT", True, True),
                              ("b3", "BTCUSD", False, False),
                              ("b4", "ETHPERP", True, False),
                              ("b5", "ABCDEFGH", False, False),
                              ("b6", "ABCDEFGHIJKLMNOP", True, False),
                              ("b7", "ABCDEFGHIJKLMNOPQRSTUVWX", False, True),
                              ("b8", "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234", True,
                               False)):
    rows, t = [], DAY
    for i in range(6000):
        t += rnd.choice((0, 0, 1, 7, 93, 1500, 30000))
        frac = str(t % 1000).zfill(3)
        nd = rnd.randint(1, 9)
        frac = (frac + "".join(rnd.choice("0123456789")
                               for _ in range(6)))[:nd]
        ts = "%d.%s" % (t // 1000, frac)
        r = [ts, sym, rnd.choice(("Buy", "Sell")), dec(1, 4, 0, 8),
             dec(1, 8, 0, 6) if rnd.random() < 0.3 else dec(4, 5, 1, 2),
             rnd.choice(("ZeroPlusTick", "MinusTick", "PlusTick")),
             rnd.choice(("%08x-%04x-%04x-%04x-%012x" % tuple(
                 rnd.getrandbits(b) for b in (32, 16, 16, 16, 48)),
                 digits(1, 12), "", '"q,%d"' % i)),
             dec(1, 12, 0, 2), dec(1, 3, 0, 8), dec(1, 12, 0, 8)]
        if rpi:
            r.append(rnd.choice(("true", "false", "")))
        rows.append(r)
    head = ["timestamp", "symbol", "side", "size", "price", "tickDirection",
            "trdMatchID", "grossValue", "homeNotional", "foreignNotional",
            "RPI"][:len(rows[0])]
    d = os.path.join(T, name)
    os.makedirs(os.path.join(d, "fast"))
    os.makedirs(os.path.join(d, "slow"))
    f = sym + "2024-03-04.csv"
    order = list(range(len(head)))
    write(os.path.join(d, "fast", f), head, rows, order, crlf, name != "b2")
    order[0], order[1] = order[1], order[0]     # symbol before timestamp
    write(os.path.join(d, "slow", f), head, rows, order, crlf, name != "b2")
EOF

# compare CASE FILE DESC [OPTIONS]: the bars of fast/FILE and slow/FILE
compare() {
	c=$1 f=$2 d=$3; shift 3
	if ! "$ING" -v --csv "$@" "$T/$c/fast/$f" > "$T/$c/fast.csv" 2> "$T/$c/fast.err"; then
		notok "$d"; sed 's/^/# fast: /' "$T/$c/fast.err" | head -3; return
	fi
	if ! "$ING" -v --csv "$@" "$T/$c/slow/$f" > "$T/$c/slow.csv" 2> "$T/$c/slow.err"; then
		notok "$d"; sed 's/^/# general: /' "$T/$c/slow.err" | head -3; return
	fi
	# "N rows (M by the fused row parser)": most of one, none of the other
	fused=$(sed -n 's/.* \([0-9]*\) rows (\([0-9]*\) by the fused.*/\2 \1/p' "$T/$c/fast.err")
	slow=$(sed -n 's/.* rows (\([0-9]*\) by the fused.*/\1/p' "$T/$c/slow.err")
	set -- $fused
	if [ $# -ne 2 ] || [ $(($1 * 2)) -lt "$2" ] || [ "$slow" != 0 ]; then
		notok "$d (fused rows: '$fused' of the fused layout, '$slow' of the shuffled)"
		return
	fi
	grep -v '^#' "$T/$c/fast.csv" > "$T/$c/fast.rows"
	grep -v '^#' "$T/$c/slow.csv" > "$T/$c/slow.rows"
	bars=$(($(wc -l < "$T/$c/fast.rows") - 1))
	if [ "$bars" -lt 100 ]; then
		notok "$d (only $bars bars)"
	elif cmp -s "$T/$c/fast.rows" "$T/$c/slow.rows"; then
		ok "$d ($bars bars)"
	else
		notok "$d"
		diff "$T/$c/fast.rows" "$T/$c/slow.rows" | head -6 | sed 's/^/# /'
	fi
}

F=BTCUSDT-aggTrades-2024-03-04.csv
compare a7 $F "aggTrades, 7 columns, no header: fused parser = general path"
compare a8 $F "aggTrades, 8 columns with a header, CRLF: fused parser = general path"
compare a7 $F "... and with --interval 1s" --interval 1s
compare a9 $F "aggTrades, spot since 2025 (microsecond times): fused parser = general path"
compare b1 BTCUSDT2024-03-04.csv "Bybit BTCUSDT (7-letter symbol): fused parser = general path"
compare b2 1000PEPEUSDT2024-03-04.csv "Bybit 1000PEPEUSDT (12 letters), RPI column, CRLF: fused = general"
compare b3 BTCUSD2024-03-04.csv "Bybit BTCUSD inverse (6 letters): fused parser = general path"
compare b4 ETHPERP2024-03-04.csv "Bybit ETHPERP, RPI column: fused parser = general path" --market linear
for c in b5 b6 b7 b8; do
	f=$(ls "$T/$c/fast")
	sym=${f%2024-03-04.csv}
	compare $c "$f" "Bybit, a ${#sym}-letter symbol: fused parser = general path" --market linear
done

# a row the fused parser must hand over, and the general path reject
printf 'timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional\n1709510400.5,BTCUSDT,Buy,1,100,PlusTick,x,0,1,0\n1709510401.5,BTCUSDT,Buy,1,100,PlusTick,x,0,1,0,7\n' > "$T/BTCUSDT2024-03-07.csv"
fails 1 'BTCUSDT2024-03-07.csv:3: 11 columns where the header has 10' "Bybit row with a column too many (comma count of the fused parser)" "$ING" --csv "$T/BTCUSDT2024-03-07.csv"
# rows with a column too many, the commas at every offset of the 16-byte
# scan, must all be bad; rows of BTCUSDTX and BTCUSDC (the last letter
# differs) are another market's and skipped
H=timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional
{
	echo "$H"
	echo "1709510400.5,BTCUSDT,Buy,1,100,PlusTick,x,0,1,0"
	for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do
		printf '1709510401.5,BTCUSDT,Buy,1,100,%s,x,0,1,0,7\n' "$(printf "%${k}s" | tr ' ' x)"
	done
	echo "1709510402.5,BTCUSDTX,Buy,1,100,PlusTick,x,0,1,0"
	echo "1709510403.5,BTCUSDC,Buy,1,100,PlusTick,x,0,1,0"
} > "$T/BTCUSDT2024-03-08.csv"
"$ING" --skip-bad --csv "$T/BTCUSDT2024-03-08.csv" > "$T/sym.csv" 2> "$T/sym.err"
check "Bybit: 17 rows with a column too many are all bad (the fused parser counts every comma)" \
	grep -q 'skipped 17 bad rows' "$T/sym.err"
check "Bybit: rows of BTCUSDTX and BTCUSDC in a BTCUSDT file are skipped, not taken (1 trade)" \
	sh -c "awk -F, '/^1709510400000,/{print \$10}' $T/sym.csv | grep -qx 1"

# a quoted field in the columns the fused parser only counts: it hands the
# row over, and the general path counts the quoted comma as text
printf '%s\n%s\n%s\n' "$H" '1709510400.5,BTCUSDT,Buy,1,100,PlusTick,x,0,1,0' \
	'1709510401.5,BTCUSDT,Buy,7,100,PlusTick,"a,b",0,1' > "$T/BTCUSDT2024-03-09.csv"
fails 1 'BTCUSDT2024-03-09.csv:3: 9 columns where the header has 10' "Bybit: a quoted comma is not a column (the fused parser defers)" "$ING" --csv "$T/BTCUSDT2024-03-09.csv"
# a market symbol with a comma in it (a quoted first row): the fused
# parser must not match it across a field boundary
printf '%s\n%s\n%s\n' "$H" '1709510400.5,"BTC,USDT",Buy,1,100,PlusTick,x,0,1,0' \
	'1709510401.5,BTC,USDT,Buy,7,100,PlusTick,x,0,1,0' > "$T/X2024-03-04.csv"
fails 1 'X2024-03-04.csv:3: 11 columns where the header has 10' "Bybit: a symbol with a comma is never matched across columns" "$ING" --csv --market linear "$T/X2024-03-04.csv"

echo "# cli-fast: $n tests, $fail failed"
[ "$fail" -eq 0 ]
