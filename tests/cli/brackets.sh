#!/bin/sh
# brackets.sh - the dated Binance USD-M bracket tables (lib/brackets/,
# man/liq-model.7 MAINTENANCE BRACKETS): the data file made again from
# the snapshot CSV in ../shared/data, each bar's symbol and date picking
# its table (liquidation prices computed by hand), the maximum leverage
# capping a tier, the grid's brackets= record, the warning for a symbol
# without a table, --brackets files with maximums, and the install.
#   sh tests/cli/brackets.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
SHARED=${LIQ_SHARED:-../shared/data}
T=$(mktemp -d /tmp/liq-br.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
PY=python3
[ -x /usr/bin/python3 ] && PY="/usr/bin/python3 -S"
EST="$BIN/liq-estimate --time ms --na NaN --exact"
DATA=lib/brackets/binance-usdm.txt
CSV=$SHARED/binance/brackets/binance_brackets_changes_2022-02_2024-10.csv

# the data file is what the generator makes from the snapshots
if [ -r "$CSV" ]; then
	$PY tests/tools/mkbrackets.py "$CSV" > "$T/usdm.txt"
	check "$DATA is tests/tools/mkbrackets.py of the shared CSV" diff -u "$DATA" "$T/usdm.txt"
else
	skip "$DATA is tests/tools/mkbrackets.py of the shared CSV" "no $CSV"
fi
check "$DATA: 447 symbols (640 ccxt ids), 1,395 versions, BTCUSDT's of 2025-08-19" awk '
	!/^#/ { s[$1] = 1; n++ } /^BTCUSDT 2025-08-19T00:00:00 150:3e5:0.004:0 / { b = 1 }
	END { k = 0; for (x in s) k++; exit !(k == 447 && n == 1395 && b) }' "$DATA"

# bars FILE SYMBOL DAY [MARKET]: two hourly bars at 2,000 from DAY, open
# interest 0 then 10 (20,000 USD opened on each side)
bars() {
	{
		printf '# venue=binance\n# symbol=%s\n# market=%s\n' "$2" "${4:-linear}"
		echo "time,open,high,low,close,oi_base,oi_quote,buy_quote,sell_quote,buy_base,sell_base,ls_ratio"
		t0=$($PY -c "import datetime as d; print(int(d.datetime.fromisoformat('$3T00:00:00+00:00').timestamp()) * 1000)")
		echo "$t0,2000,2000,2000,2000,0,0,NaN,NaN,NaN,NaN,NaN"
		echo "$((t0 + 3600000)),2000,2000,2000,2000,10,20000,NaN,NaN,NaN,NaN,NaN"
	} > "$1"
}
# lp DESC GRIDCSV LONG SHORT: the only cells hold 20,000 long in the 0.01
# bin holding LONG and 20,000 short in the one holding SHORT
lp() {
	if $PY - "$2" "$3" "$4" > "$T/lp" 2>&1 <<'EOF'
import sys
c = [l.split(",") for l in open(sys.argv[1]) if l[0].isdigit()]
c = [(float(r[1]), float(r[2]), float(r[3]), float(r[4])) for r in c if float(r[3]) or float(r[4])]
lo, sh = float(sys.argv[2]), float(sys.argv[3])
ok = len(c) == 2 and c[0][0] - 1e-9 <= lo < c[0][1] + 1e-9 and c[0][2] == 20000 \
    and c[1][0] - 1e-9 <= sh < c[1][1] + 1e-9 and c[1][3] == 20000
if not ok:
    print("cells", c)
sys.exit(0 if ok else 1)
EOF
	then ok "$1"; else notok "$1"; sed 's/^/# /' "$T/lp"; fi
}
R="--seed 0 --side even --tick 0.01 --price-min 1900 --price-max 2100 --position-usd 100000 --csv"

# ETHUSDT, a 100,000 position of Q = 50 ETH entered at E = 2,000, a 100x
# tier; Binance linear: long LP = (Q*E - W - c) / (Q*(1 - m)), short
# LP = (Q*E + W + c) / (Q*(1 + m)), W = Q*E/L, (m, c) of the bracket that
# holds the notional Q*LP.
# 2023-06-01: the table of 2023-03-13 (0-100k: 100x, 0.5%, 0;
# 100k-250k: 75x, 0.65%, 150).  100,000 is in the 100k-250k bracket, at
# most 75x: the 100x tier is placed as L = 75, W = 1,333.33.
#   long:  (100,000 - 1,333.33 - 0) / (50 * 0.995) = 1,983.2496
#          (Q*LP = 99,162: the first bracket, as assumed)
#   short: first bracket (100,000 + 1,333.33) / (50 * 1.005) = 2,016.58
#          is 100,829 >= 100k, so the second:
#          (100,000 + 1,333.33 + 150) / (50 * 1.0065) = 2,016.5590
bars "$T/e23.csv" ETHUSDT 2023-06-01
$EST $R --leverage 100:1 "$T/e23.csv" > "$T/e23.grid.csv" 2> "$T/e23.err"
lp "ETHUSDT 2023-06-01 (table of 2023-03-13, 100x moved to 75x): long 1,983.2496, short 2,016.5590" \
	"$T/e23.grid.csv" 1983.2496 2016.5590
check "... the grid records the table and the cap" grep -qx '# brackets=binance-usdm ETHUSDT 2023-03-13T06:06:16Z (max 75x)' "$T/e23.grid.csv"
check "... and no warning" test ! -s "$T/e23.err"
# the same tier as 75x gives the same prices: the move is to the maximum
$EST $R --leverage 75:1 "$T/e23.csv" > "$T/e23b.grid.csv"
lp "... the same as a 75x tier" "$T/e23b.grid.csv" 1983.2496 2016.5590
# 2024-06-01: the table of 2024-05-30 (0-50k: 125x, 0.4%, 0; 50k-600k:
# 100x, 0.5%, 50).  100,000 allows 100x: L = 100, W = 1,000.
#   long:  first bracket (100,000 - 1,000) / (50 * 0.996) = 1,987.95 is
#          99,397 >= 50k, so the second:
#          (100,000 - 1,000 - 50) / (50 * 0.995) = 1,988.9447
#   short: (100,000 + 1,000 + 50) / (50 * 1.005) = 2,010.9453
bars "$T/e24.csv" ETHUSDT 2024-06-01
$EST $R --leverage 100:1 "$T/e24.csv" > "$T/e24.grid.csv"
lp "ETHUSDT 2024-06-01 (table of 2024-05-30, 100x allowed): long 1,988.9447, short 2,010.9453" \
	"$T/e24.grid.csv" 1988.9447 2010.9453
check "... the grid records the 2024 table, no cap" grep -qx '# brackets=binance-usdm ETHUSDT 2024-05-30T03:02:44Z' "$T/e24.grid.csv"
# --brackets-date picks the version for every bar: the 2024 bars with
# the 2023 table give the 2023 prices
$EST $R --leverage 100:1 --brackets-date 2023-06-01 "$T/e24.csv" > "$T/e24d.grid.csv"
lp "--brackets-date 2023-06-01 on 2024 bars: the 2023 prices" "$T/e24d.grid.csv" 1983.2496 2016.5590
# the symbol is read in any case, and the quarterly contract has its own
bars "$T/q.csv" BTCUSDT_240329 2024-03-01
$EST $R --leverage 10:1 "$T/q.csv" > "$T/q.grid.csv" 2> "$T/q.err"
check "BTCUSDT_240329 has its own table, no warning" sh -c "grep -q '^# brackets=binance-usdm BTCUSDT_240329 ' '$T/q.grid.csv' && test ! -s '$T/q.err'"

# a table of the version in force over the bars: two days across the
# ETHUSDT change of 2023-08-01T05:09:44Z list both versions
bars "$T/span.csv" ETHUSDT 2023-08-01
t=$(tail -1 "$T/span.csv" | cut -d, -f1)
for h in 1 2 3 4 5 6; do
	echo "$((t + h * 3600000)),2000,2000,2000,2000,10,20000,NaN,NaN,NaN,NaN,NaN"
done >> "$T/span.csv"
$EST $R --leverage 10:1 "$T/span.csv" > "$T/span.grid.csv"
check "bars across a change: both versions in brackets=" grep -qx '# brackets=binance-usdm ETHUSDT 2023-03-13T06:06:16Z 2023-08-01T05:09:44Z' "$T/span.grid.csv"

# no table: a warning naming the table used and --brackets
bars "$T/foo.csv" FOOUSDT 2024-06-01
$EST $R --leverage 100:1 "$T/foo.csv" > "$T/foo.grid.csv" 2> "$T/foo.err"
check "a symbol without a table: a warning naming BTCUSDT's and --brackets" grep -q "warning: FOOUSDT: no Binance USD-M bracket table of its own: using BTCUSDT's (binance-usdm); give one with --brackets FILE" "$T/foo.err"
check "... and the grid says BTCUSDT's table" grep -qx '# brackets=binance-usdm BTCUSDT 2024-05-30T03:02:44Z' "$T/foo.grid.csv"
$EST -q $R --leverage 100:1 "$T/foo.csv" > /dev/null 2> "$T/fooq.err"
check "... -q silences it" test ! -s "$T/fooq.err"
# another venue's spelling of ETH takes ETHUSDT's, with the warning
sed 's/^# symbol=.*/# symbol=ETH-USDT-SWAP/; s/^# venue=.*/# venue=okx/' "$T/e24.csv" > "$T/okx.csv"
$EST $R --leverage 100:1 "$T/okx.csv" > "$T/okx.grid.csv" 2> "$T/okx.err"
lp "ETH-USDT-SWAP (okx, Binance's rule): ETHUSDT's table, the 2024 prices" "$T/okx.grid.csv" 1988.9447 2010.9453
check "... with the warning naming ETHUSDT's" grep -q "ETH-USDT-SWAP: no Binance USD-M bracket table of its own: using ETHUSDT's" "$T/okx.err"
# before the first version: the first, and a warning
bars "$T/old.csv" ETHUSDT 2021-06-01
$EST $R --leverage 10:1 "$T/old.csv" > /dev/null 2> "$T/old.err"
check "bars before the first version: a warning naming it" grep -q "ETHUSDT: bars from 2021-06-01T00:00:00Z are before its first bracket table (2022-02-06T04:36:28Z)" "$T/old.err"
# Bybit's rule keeps Bybit's table, no warning
sed 's/^# venue=.*/# venue=bybit/; s/^# symbol=.*/# symbol=FOOUSDT/' "$T/e24.csv" > "$T/bybit.csv"
$EST $R --leverage 100:1 "$T/bybit.csv" > "$T/bybit.grid.csv" 2> "$T/bybit.err"
check "Bybit bars: bybit-btcusdt, no warning" sh -c "grep -qx '# brackets=bybit-btcusdt' '$T/bybit.grid.csv' && test ! -s '$T/bybit.err'"

# --brackets FILE: four columns cap nothing, a fifth (max leverage) caps
# the tier.  One bracket 0.5%, 0, at most 20x: a 100x tier placed as 20x,
# long (100,000 - 5,000) / (50 * 0.995) = 1,909.5477, short
# (100,000 + 5,000) / (50 * 1.005) = 2,089.5522; without the fifth
# column 100x: (100,000 - 1,000) / 49.75 = 1,989.9497 and
# 101,000 / 50.25 = 2,009.9502
printf 'notional_floor,notional_cap,mmr,maintenance_amount,max_leverage\n0,1e9,0.005,0,20\n' > "$T/b5.csv"
printf '0,1e9,0.005,0\n' > "$T/b4.csv"
$EST $R --leverage 100:1 --brackets "$T/b5.csv" "$T/e24.csv" > "$T/b5.grid.csv"
lp "--brackets with max_leverage 20: the 100x tier placed as 20x" "$T/b5.grid.csv" 1909.5477 2089.5522
$EST $R --leverage 100:1 --brackets "$T/b4.csv" "$T/e24.csv" > "$T/b4.grid.csv"
lp "--brackets with four columns: no cap" "$T/b4.grid.csv" 1989.9497 2009.9502
printf '0,1e6,0.005,0,20\n1e6,1e9,0.01,5000\n' > "$T/bmix.csv"
fails 1 "bmix.csv:2: want 5 columns" "--brackets: a fifth column on some rows only is an error" \
	$EST $R --brackets "$T/bmix.csv" "$T/e24.csv"
printf '0,1e9,0.005,0,0.5\n' > "$T/blev.csv"
fails 1 'blev.csv:1: max_leverage: not a leverage >= 1: "0.5"' "--brackets: a max_leverage below 1 is an error" \
	$EST $R --brackets "$T/blev.csv" "$T/e24.csv"

# make install puts the data file beside the man pages; the programs
# need it not (the tables are built in: an installed program run from
# elsewhere finds ETHUSDT's)
if [ "$BIN" = bin ] && make --no-print-directory -s install DESTDIR="$T/inst" PREFIX=/usr > "$T/inst.log" 2>&1; then
	check "make install: share/liq/binance-usdm.txt" cmp "$DATA" "$T/inst/usr/share/liq/binance-usdm.txt"
	(cd / && "$T/inst/usr/bin/liq-estimate" --seed 0 --csv "$T/e24.csv") > "$T/inst.grid.csv" 2>&1
	check "... an installed liq-estimate run from / has ETHUSDT's table" grep -q '^# brackets=binance-usdm ETHUSDT 2024-05-30' "$T/inst.grid.csv"
	make --no-print-directory -s uninstall DESTDIR="$T/inst" PREFIX=/usr > /dev/null 2>&1
	check "make uninstall removes it" test ! -e "$T/inst/usr/share/liq/binance-usdm.txt"
else
	skip "make install: share/liq/binance-usdm.txt" "BIN is $BIN, or make install failed"
fi

echo "# brackets: $fail failed"
[ "$fail" -eq 0 ]
