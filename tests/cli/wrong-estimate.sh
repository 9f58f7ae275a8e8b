#!/bin/sh
# wrong-estimate.sh - liq-estimate on inputs it must refuse or read with
# care (cases from an adversarial review): a file renamed over an input
# between the passes, inputs of different assets, bars with fields out of
# their range (liq-bars(5), "Ranges"), a --tick wider than the prices, an
# empty window, a grid too large to write.
#   sh tests/cli/wrong-estimate.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
EST=$BIN/liq-estimate
ING=$BIN/liq-ingest
CAT=$BIN/liq-cat
S=sample-data
T=$(mktemp -d /tmp/liq-west.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh

$ING -q -o "$T/a.bars" $S/BTCUSDT-1m-2024-03-04.zip $S/BTCUSDT-metrics-2024-03-04.zip
$ING -q -o "$T/b.bars" $S/BTCUSDT-1m-2024-03-05.zip $S/BTCUSDT-metrics-2024-03-05.zip
$CAT --csv --exact --time ms --na NaN -o "$T/a.csv" "$T/a.bars"
$CAT --csv --exact --time ms --na NaN -o "$T/b.csv" "$T/b.bars"

# 6. a file renamed over the input between the scan and the run (what a
# concurrent liq-ingest -o does): the grid is the first file's
cp "$T/a.bars" "$T/x.bars"
$EST -q -o "$T/x.grid" "$T/x.bars" && mv "$T/x.grid" "$T/a.grid"
LIQ_TEST_AFTER_SCAN="mv '$T/b.bars' '$T/x.bars' && touch '$T/moved'" \
    $EST -q -o "$T/x.grid" "$T/x.bars" 2>"$T/err"
if [ -e "$T/moved" ] && cmp -s "$T/a.grid" "$T/x.grid"; then
	ok "6. a file renamed over the input between the passes: the grid is the file first opened"
else
	notok "6. a file renamed over the input between the passes: the grid is the file first opened"
	[ -e "$T/moved" ] || echo "# the hook LIQ_TEST_AFTER_SCAN did not run"
	sed 's/^/# /' "$T/err" | head -5
fi
# and 30 files under a limit of 20 open files: past half of it the
# files are read again by name, and the grid is the same
mkdir "$T/many"
awk -v d="$T/many" 'NR <= 12 { h = h $0 "\n"; next } /^# end/ { next }
{ r[n++] = $0 }
END { for (k = 0; k < 30; k++) { f = sprintf("%s/s%02d.csv", d, k); printf "%s", h > f
	c = 0; for (i = k * 48; i < (k + 1) * 48 && i < n; i++) { print r[i] > f; c++ }
	printf "# end bars=%d\n", c > f; close(f) } }' "$T/a.csv"
$EST -q -o "$T/m.grid" "$T"/many/*.csv && mv "$T/m.grid" "$T/m1.grid"
check "6. 30 files with at most 20 open: a grid, the same" \
    sh -c 'ulimit -n 20 && "$1" -q -o "$2/m.grid" "$2"/many/*.csv && cmp "$2/m.grid" "$2/m1.grid"' \
    sh "$EST" "$T"
# ... and one of those read again by name replaced after the scan: an
# error naming it, not a grid of neither version
head -20 "$T/many/s29.csv" > "$T/s29short.csv"; echo "# end bars=8" >> "$T/s29short.csv"
sh -c 'ulimit -n 20 && LIQ_TEST_AFTER_SCAN="cp $2/s29short.csv $2/many/t.tmp && mv $2/many/t.tmp $2/many/s29.csv" "$1" -q -o "$2/m2.grid" "$2"/many/s*.csv' sh "$EST" "$T" 2> "$T/err"
rc=$?
if [ "$rc" = 1 ] && grep -q "s29.csv: the file changed after it was scanned" "$T/err" && [ ! -e "$T/m2.grid" ]; then
	ok "6. a file read again by name replaced after the scan: exit 1 naming it, no grid"
else
	notok "6. a file read again by name replaced after the scan: exit 1 naming it, no grid"
	echo "# exit $rc"; sed 's/^/# /' "$T/err" | head -3
fi
$ING -q -o "$T/b.bars" $S/BTCUSDT-1m-2024-03-05.zip $S/BTCUSDT-metrics-2024-03-05.zip

# 9. inputs of different assets share no price axis; one asset under
# several venues' names does
sed 's/^# symbol=BTCUSDT$/# symbol=ETHUSDT/' "$T/b.csv" > "$T/eth.csv"
fails 1 "eth.csv: symbol: ETHUSDT (ETH), but .*a.bars is BTCUSDT (BTC)" \
    "9. BTCUSDT and ETHUSDT: refused, naming both files and symbols" \
    $EST -q -o "$T/o.grid" "$T/a.bars" "$T/eth.csv"
for sym in BTCUSD_PERP XBTUSD BTC-USDT-SWAP; do
	sed "s/^# symbol=BTCUSDT\$/# symbol=$sym/" "$T/b.csv" > "$T/$sym.csv"
	check "9. BTCUSDT and $sym: one asset, accepted" \
	    $EST -q -o "$T/o.grid" "$T/a.bars" "$T/$sym.csv"
done

# 12, 13. every field in its range (liq-bars(5), "Ranges"), in CSV and
# binary bars alike: the message names the file, the line (CSV) or the
# bar (binary) and the field.  bad COLUMN VALUE: the 100th bar of a.csv
# with COLUMN set to VALUE as bad.csv (line 112), and the same byte patch
# of a.bars as bad.bars (bar 100; read before the CRC-32 is checked)
off() {
	case $1 in
	open) echo 8 ;; high) echo 16 ;; low) echo 24 ;; close) echo 32 ;;
	buy_base) echo 40 ;; sell_base) echo 48 ;; buy_quote) echo 56 ;;
	sell_quote) echo 64 ;; trades) echo 72 ;; oi_base) echo 80 ;;
	oi_quote) echo 88 ;; funding) echo 96 ;; liq_long_quote) echo 104 ;;
	esac
}
bad() {
	awk -F, -v OFS=, -v col="$1" -v val="$2" '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; print; next }
	/^#/ { print; next }
	{ if (++k == 100) $c = val; print }' "$T/a.csv" > "$T/bad.csv"
	python3 -S - "$T/a.bars" "$T/bad.bars" "$(off "$1")" "$2" "$1" <<'PYEOF'
import struct, sys
src, dst, off, val, col = sys.argv[1:6]
d = bytearray(open(src, "rb").read())
start = len(d) - 24 - 1441 * 148
v = struct.pack("<Q", int(val)) if col == "trades" else struct.pack("<d", float(val))
p = start + 99 * 148 + int(off)
d[p:p + 8] = v
open(dst, "wb").write(d)
PYEOF
}
for c in "oi_base -5" "oi_base 1e300" "oi_quote -1" "open 1e-320" \
    "low 1e-9" "high 2e9" "buy_base 1e308" "sell_quote 1e15" \
    "trades 5000000000000" "funding 3" "liq_long_quote -2"; do
	set -- $c
	bad "$1" "$2"
	fails 1 "bad.csv:112: $1: out of range" \
	    "12/13. CSV bars with $1 $2: refused, naming file, line and field" \
	    $EST -q -o "$T/o.grid" "$T/bad.csv"
	fails 1 "bad.bars:100: $1: out of range" \
	    "12/13. binary bars with $1 $2: refused, naming file, bar and field" \
	    $EST -q -o "$T/o.grid" "$T/bad.bars"
done
bad trades 9223372036854775807	# a last_trade_id of 2^63-1
fails 1 "bad.bars:100: trades: out of range" \
    "13. binary bars with 2^63-1 trades in a bar: refused" \
    $EST -q -o "$T/o.grid" "$T/bad.bars"
sed 's/^# contract_size=1$/# contract_size=1e308/' "$T/a.csv" > "$T/cs.csv"
fails 1 "cs.csv.*contract_size" "13. contract size 1e308: refused" \
    $EST -q -o "$T/o.grid" "$T/cs.csv"

# 14. a --tick wider than the axis's lowest price: the grid would start
# above the prices (every cell 0)
fails 2 "tick 100000 is wider than the axis's lowest price" \
    "14. --tick 100000 on prices near 67000: refused, saying why" \
    $EST -q -o "$T/o.grid" --tick 100000 "$T/a.bars"
check "14. --tick 10 on the same bars: a grid" \
    $EST -q -o "$T/o.grid" --tick 10 "$T/a.bars"

# 18. an empty --from/--to window: the message gives the data's span
fails 2 "holds no bars (data from 2024-03-03T23:59:00Z to 2024-03-05T00:00:00Z)" \
    "18. --from after the data: the message names the data's span" \
    $EST -q -o "$T/o.grid" --from 2025-01-01 "$T/a.bars"
fails 2 "holds no bars (data from 2024-03-03T23:59:00Z to 2024-03-05T00:00:00Z)" \
    "18. --to before the data: the message names the data's span" \
    $EST -q -o "$T/o.grid" --to 2024-01-01 "$T/a.bars"

# 17. a grid of 23 GB (two days of 1m bars, --bins 1000000) is refused
# before anything is written (onto /dev/full: a program that would write
# it fails at once, with another message); --max-output allows a size
fails 2 "the grid would be 23 GB (2880 columns x 2 layers x 1000000 bins x 4 bytes), more than 4 GB: use fewer --bins or a larger --step" \
    "17. --bins 1000000 on two days: refused before writing" \
    $EST -q -o /dev/full --bins 1000000 "$T/a.bars" "$T/b.bars"
fails 2 "more than 0.1 GB" "17. --max-output 1e8: a grid of 0.23 GB refused" \
    $EST -q -o "$T/o.grid" --bins 10000 --max-output 1e8 "$T/a.bars" "$T/b.bars"
check "17. --max-output 3e8 allows it" \
    $EST -q -o /dev/null --bins 10000 --max-output 3e8 "$T/a.bars" "$T/b.bars"

# a bars CSV whose "#" lines were dropped (a pandas round trip): read
# with the defaults, and a warning says which; with them, no warning
grep -v '^#' "$T/a.csv" > "$T/nometa.csv"
$EST -o "$T/nm.grid" "$T/nometa.csv" 2>"$T/err"
check "a bars CSV without metadata: a warning naming the defaults taken" \
    grep -q "nometa.csv: a bars CSV without all of its metadata, read as market=linear, contract_size=1, no venue, no symbol" "$T/err"
grep -v '^# market=' "$T/a.csv" > "$T/nomarket.csv"
$EST -o "$T/nm.grid" "$T/nomarket.csv" 2>"$T/err"
check "a bars CSV without '# market=': the warning names only the market" \
    sh -c "grep -q 'read as market=linear:' '$T/err'"
grep -v '^# contract_size=' "$T/a.csv" > "$T/nocs.csv"
$EST -o "$T/nm.grid" "$T/nocs.csv" 2>"$T/err"
check "a linear bars CSV without '# contract_size=': 1, no warning" test ! -s "$T/err"
sed 's/^# market=linear/# market=inverse/' "$T/nocs.csv" > "$T/inv.csv"
$EST -o "$T/nm.grid" "$T/inv.csv" 2>"$T/err"
check "an inverse bars CSV without '# contract_size=': the warning names it" \
    sh -c "grep -q 'read as contract_size=1:' '$T/err'"
$EST -o "$T/nm.grid" "$T/a.csv" 2>"$T/err"
check "a bars CSV with its metadata: no warning" test ! -s "$T/err"
$EST -q -o "$T/nm.grid" "$T/nometa.csv" 2>"$T/err"
check "-q: no warning" test ! -s "$T/err"

# 11 and 12 in the bars CSV reader too: a column twice is an error, and
# a bar whose high and low do not hold its open and close is out of range
awk -F, -v OFS=, 'NR == 1 { print $0 ",close"; next } /^#/ { print; next } { print $0 "," $5 }' "$T/a.csv" > "$T/dup.csv"
fails 1 "dup.csv:1: close: this column is in the header twice" \
    "11. a bars CSV with close twice: an error naming it" $EST -q -o "$T/x.grid" "$T/dup.csv"
awk -F, -v OFS=, '!/^#/ && NR > 1 && $2 != "NaN" && !done { $5 = 1; done = 1 } { print }' "$T/a.csv" > "$T/lowclose.csv"
fails 1 "lowclose.csv:[0-9]*: high: out of range (a high and low that hold the open and close)" \
    "12. a bar closing below its low: out of range, at its line" $EST -q -o "$T/x.grid" "$T/lowclose.csv"

echo "# wrong-estimate: $n tests, $fail failed"
[ "$fail" -eq 0 ]
