#!/bin/sh
# cli-estimate.sh - command-line tests of liq-estimate: the analytic cases
# of the model (each checked exactly on the CSV output), conservation and
# reproducibility on real files, goldens, and every documented error.
#   sh tests/cli/estimate.sh BINDIR     (from the top of the repository)
# UPDATE_GOLDEN=1 rewrites the golden files on purpose.
set -u
BIN=${1:-bin}
EST=$BIN/liq-estimate
ING=$BIN/liq-ingest
SHARED=${LIQ_SHARED:-../shared/data}
T=$(mktemp -d /tmp/liq-est.XXXXXX)
# the test tools make check builds (small bars and grids)
for tool in mkbars mkgrid; do
	[ -x "${LIQ_BUILD:-build}/$tool" ] || { echo "not ok - ${LIQ_BUILD:-build}/$tool is missing (make check builds it)"; exit 1; }
done
# the system python (a pyenv shim costs a second a call); stdlib only
PY=python3
[ -x /usr/bin/python3 ] && PY="/usr/bin/python3 -S"
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
MS=$(ms_wrappers)	# CSV as these tests read it (lib.sh)
ING=$MS/liq-ingest EST=$MS/liq-estimate

# bars FILE VENUE MARKET < rows "hour open high low close oi [buy_q sell_q]"
# writes a foreign bars CSV with hourly bars from 2024-03-04T00:00Z.
cat > "$T/bars.py" <<'EOF'
import sys
out, venue, market = sys.argv[1:4]
t0 = 1709510400000
with open(out, "w") as f:
    f.write(f"# venue={venue}\n# symbol=BTCUSDT\n# market={market}\n")
    f.write("time,open,high,low,close,oi_base,oi_quote,buy_quote,sell_quote,buy_base,sell_base,ls_ratio\n")
    for line in sys.stdin:
        v = line.split()
        if not v:
            continue
        h, o, hi, lo, c, oi = v[:6]
        bq, sq = (v[6], v[7]) if len(v) > 7 else ("NaN", "NaN")
        bb = str(float(bq) / float(c)) if bq != "NaN" else "NaN"
        sb = str(float(sq) / float(c)) if sq != "NaN" else "NaN"
        r = v[8] if len(v) > 8 else "NaN"
        oiq = str(float(oi) * float(c)) if oi != "NaN" else "NaN"
        f.write(f"{t0 + int(h) * 3600000},{o},{hi},{lo},{c},{oi},{oiq},{bq},{sq},{bb},{sb},{r}\n")
EOF
bars() { $PY "$T/bars.py" "$@"; }

# cells CSV COLUMN: the non-zero cells of one column (by index) as
# "price_lo price_hi long short" lines
cells() {
	$PY - "$1" "$2" <<'EOF'
import sys
rows = [l.rstrip("\n").split(",") for l in open(sys.argv[1]) if not l.startswith("#")]
head, rows = rows[0], rows[1:]
times = sorted({int(r[0]) for r in rows})
t0 = 1709510400000 + int(sys.argv[2]) * 3600000
for r in rows:
    if int(r[0]) == t0:
        print(*r[1:])
EOF
}

# cellcheck DESC CSV COLUMN PYEXPR: PYEXPR over c = [(lo, hi, long, short)]
cellcheck() {
	d=$1 f=$2 col=$3 expr=$4
	cells "$f" "$col" > "$T/cells"
	if $PY -c '
import sys, math
c = [tuple(map(float, l.split())) for l in open(sys.argv[1])]
ok = eval(sys.argv[2])
if not ok:
    print("# cells:", c[:12]); sys.exit(1)' "$T/cells" "$expr" > "$T/cc" 2>&1; then
		ok "$d"
	else
		notok "$d"; sed 's/^/# /' "$T/cc" | head -8
	fi
}

# seriescheck DESC SERIES PYEXPR: PYEXPR over s = list of dicts
seriescheck() {
	d=$1 f=$2 expr=$3
	if $PY -c '
import sys, csv, math
s = [{k: float(v) for k, v in r.items()} for r in csv.DictReader(open(sys.argv[1]))]
ok = eval(sys.argv[2])
if not ok:
    print("# series:", s[:4]); sys.exit(1)' "$f" "$expr" > "$T/sc" 2>&1; then
		ok "$d"
	else
		notok "$d"; sed 's/^/# /' "$T/sc" | head -8
	fi
}

# The analytic cases below are of the classic model (--model classic:
# touch, then open at the bar's range), whose numbers they were worked
# out for; the path model's own cases follow them.
R="--tick 10 --price-min 40000 --price-max 60000"
# E = 50,000; dOI = +10 BTC at hour 1 -> 500,000 per side with --side even
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110\n2 50000 50000 50000 50000 110\n' |
	bars "$T/one.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side even $R --csv -o "$T/one.grid.csv" "$T/one.csv"
LONG=$($PY -c 'print(50000*0.9/0.996)')
SHORT=$($PY -c 'print(50000*1.1/1.004)')
cellcheck "one 10x tier: long dOI*E in the bin of E*0.9/0.996, short in the bin of E*1.1/1.004" \
	"$T/one.grid.csv" 1 "len(c) == 2 and c[0][0] <= $LONG < c[0][1] and c[0][2] == 500000 and c[0][3] == 0 and c[1][0] <= $SHORT < c[1][1] and c[1][3] == 500000 and c[1][2] == 0"
cellcheck "no level before the open interest rises" "$T/one.grid.csv" 0 "len(c) == 0"
cellcheck "levels stay while price does not reach them" "$T/one.grid.csv" 2 "len(c) == 2"

# touch: hour 2 trades down to 45,000, below the long level (45,180.7)
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110\n2 50000 50000 45000 50000 110\n3 50000 50000 50000 50000 110\n' |
	bars "$T/touch.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side even $R --csv --series "$T/touch.s" "$T/touch.csv" > "$T/touch.grid.csv"
cellcheck "a low through the long level erases it" "$T/touch.grid.csv" 2 "len(c) == 1 and c[0][3] == 500000"
cellcheck "the erased level does not come back" "$T/touch.grid.csv" 3 "len(c) == 1 and c[0][3] == 500000"
seriescheck "the column's predicted long liquidations equal the level's notional" "$T/touch.s" \
	"s[2]['pred_long_usd'] == 500000 and s[2]['pred_short_usd'] == 0 and sum(r['pred_long_usd'] for r in s) == 500000"

# the low inside the level's bin: only the crossed part goes
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110\n2 50000 50000 45185 50000 110\n' |
	bars "$T/part.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side even $R --csv "$T/part.csv" > "$T/part.grid.csv"
cellcheck "a low inside a bin erases the part above it (bin [45180,45190), low 45185: half)" \
	"$T/part.grid.csv" 2 "abs(c[0][2] - 250000) < 0.02"
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110\n2 50000 50000 45185 50000 110\n3 50000 50000 45185 50000 110\n4 50000 50000 45182.5 50000 110\n' |
	bars "$T/part2.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side even $R -o /dev/null --series "$T/part2.s" "$T/part2.csv"
seriescheck "the same low again erases nothing more; a lower one half of what is left below the first" "$T/part2.s" \
	"abs(s[2]['pred_long_usd'] - 250000) < 0.01 and s[3]['pred_long_usd'] == 0 and abs(s[4]['pred_long_usd'] - 125000) < 0.01"

# proportional close: OI 110 -> 55 halves every level
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110\n2 50000 50000 50000 50000 55\n' |
	bars "$T/half.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side even $R --csv --ledger "$T/half.l" "$T/half.csv" > "$T/half.grid.csv"
cellcheck "dOI halving the open interest halves every level (proportional)" \
	"$T/half.grid.csv" 2 "len(c) == 2 and c[0][2] == 250000 and c[1][3] == 250000"
check "the ledger counts the closed half" \
	grep -q '^1709517600000,long,250000,500000,0,250000,0$' "$T/half.l"
$EST --model classic --seed 0 --leverage 10:1 --side even $R --csv --close none "$T/half.csv" > "$T/none.grid.csv"
cellcheck "--close none keeps the levels" "$T/none.grid.csv" 2 "c[0][2] == 500000"

# half-life: one hour later a level holds half
$EST --model classic --seed 0 --leverage 10:1 --side even $R --half-life 1h --csv "$T/one.csv" > "$T/hl.grid.csv"
cellcheck "after one half-life a level holds half its notional" "$T/hl.grid.csv" 2 \
	"len(c) == 2 and abs(c[0][2] - 250000) < 0.02 and abs(c[1][3] - 250000) < 0.02"
$EST --model classic --seed 0 --leverage 10:0.5,20:0.5 --half-life 10:1h,20:2h --side even $R --csv "$T/one.csv" > "$T/hl2.grid.csv"
cellcheck "per-leverage half-lives (10x 1h, 20x 2h)" "$T/hl2.grid.csv" 2 \
	"len(c) == 4 and abs(c[0][2] - 250000/2) < 0.02 and abs(c[1][2] - 250000/2**0.5) < 0.02"

# oldest: +10 BTC at 50,000, then +10 at 52,000 (nothing touched), then
# OI 120 -> 60: half of each side's 1,020,000 goes, the oldest first: the
# first lot (500,000) whole and 10,000 of the second
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110\n2 52000 52000 52000 52000 120\n3 52000 52000 52000 52000 60\n' |
	bars "$T/old.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side even $R --close oldest --csv -o "$T/old.grid.csv" "$T/old.csv"
cellcheck "--close oldest removes the oldest positions first" "$T/old.grid.csv" 3 \
	"len(c) == 2 and c[0][0] <= 52000*0.9/0.996 < c[0][1] and abs(c[0][2] - 510000) < 0.1 and c[1][0] <= 52000*1.1/1.004 < c[1][1] and abs(c[1][3] - 510000) < 0.1"
$EST --model classic --seed 0 --leverage 10:1 --side even $R --csv "$T/old.csv" > "$T/prop.grid.csv"
cellcheck "... where proportional halves all four levels" "$T/prop.grid.csv" 3 \
	"sorted(x[2] + x[3] for x in c) == [250000, 250000, 260000, 260000]"

# Bybit rule: 1 BTC at 20,000, 50x, MMR 0.5% -> long liquidation 19,700
printf '0 20000 20000 20000 20000 0\n1 20000 20000 20000 20000 1\n' | bars "$T/bybit.csv" bybit linear
$EST --model classic --seed 0 --leverage 50:1 --side even --tick 1 --price-min 19000 --price-max 21000 --position-usd 20000 --csv "$T/bybit.csv" > "$T/bybit.grid.csv"
cellcheck "Bybit bars: long at 19,700 (1 BTC at 20,000, 50x, MMR 0.5%)" "$T/bybit.grid.csv" 1 \
	"c[0][0] <= 19700 + 1e-6 and 19700 - 1e-6 < c[0][1] and c[0][2] == 20000"
check "Bybit bars get the bybit margin rule" grep -q '^# margin=bybit:bybit' "$T/bybit.grid.csv"

# a large typical position: the second Binance bracket (0.5%, 300) of the
# 2025 table; the 2024 bars themselves get BTCUSDT's table of 2024-02-03
# (50k-500k: 0.5%, 50; Q*LP = 452,211 is in it)
$EST --model classic --seed 0 --leverage 10:1 --side even --tick 0.01 --price-min 45000 --price-max 46000 --position-usd 500000 --brackets-date 2025-09-01 --csv "$T/one.csv" > "$T/big.grid.csv"
BIG=$($PY -c 'print((500000 - 50000 - 300) / (10 * 0.995))')
cellcheck "--position-usd 500000 --brackets-date 2025-09-01: the second bracket (0.5%, 300)" "$T/big.grid.csv" 1 \
	"len(c) == 1 and c[0][0] - 1e-6 <= $BIG < c[0][1] + 1e-6"
$EST --model classic --seed 0 --leverage 10:1 --side even --tick 0.01 --price-min 45000 --price-max 46000 --position-usd 500000 --csv "$T/one.csv" > "$T/big21.grid.csv"
BIG=$($PY -c 'print((500000 - 50000 - 50) / (10 * 0.995))')
cellcheck "2024 bars: BTCUSDT's table of 2024-02-03, second bracket for 500k (0.5%, 50)" "$T/big21.grid.csv" 1 \
	"len(c) == 1 and c[0][0] - 1e-6 <= $BIG < c[0][1] + 1e-6"

# inverse: a COIN-M market, dOI in USD
printf '0 50000 50000 50000 50000 10\n1 50000 50000 50000 50000 20\n' | bars "$T/inv.csv" binance inverse
$EST --model classic --seed 0 --leverage 10:1 --side even --tick 1 --price-min 40000 --price-max 60000 --position-usd 1000 --csv "$T/inv.csv" > "$T/inv.grid.csv"
cellcheck "COIN-M: long at (Q*m + Q)/(W + Q/E) = 45,636.36, short at 55,333.33, notional the dOI in USD" \
	"$T/inv.grid.csv" 1 "len(c) == 2 and c[0][0] <= 1004/0.022 < c[0][1] and c[1][0] <= 996/0.018 < c[1][1] and abs(c[0][2] - 10*50000) < 1e-6 and abs(c[1][3] - 10*50000) < 1e-6"

# entry spread: evenly over [low, high] -> evenly over [LP(low), LP(high)]
printf '0 50000 50000 50000 50000 100\n1 50000 51000 49000 50000 110\n' | bars "$T/spread.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side even --margin simple --entry spread --tick 100 --price-min 40000 --price-max 60000 --csv "$T/spread.csv" > "$T/spread.grid.csv"
cellcheck "--entry spread: longs evenly over 44,100..45,900 (18 bins of 27,777.78)" "$T/spread.grid.csv" 1 \
	"len([x for x in c if x[2] > 0]) == 18 and all(abs(x[2] - 500000/18) < 0.01 for x in c if x[2] > 0) and min(x[0] for x in c if x[2] > 0) == 44100"
$EST --model classic --seed 0 --leverage 10:1 --side even --margin simple --entry close --tick 100 --price-min 40000 --price-max 60000 --csv "$T/spread.csv" > "$T/close.grid.csv"
cellcheck "--entry close: E = close" "$T/close.grid.csv" 1 "c[0][0] == 45000 and c[1][0] == 55000"

# side split by taker volume: buys 3, sells 1 -> long share 0.75
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110 300000 100000\n' | bars "$T/taker.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 $R --csv "$T/taker.csv" > "$T/taker.grid.csv"
cellcheck "--side taker: 2*dOI split 0.75/0.25 by taker buys" "$T/taker.grid.csv" 1 \
	"c[0][2] == 750000 and c[1][3] == 250000"
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110 400000 0\n' | bars "$T/taker9.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 $R --csv "$T/taker9.csv" > "$T/taker9.grid.csv"
cellcheck "--side taker: the share is clamped to 0.9" "$T/taker9.grid.csv" 1 \
	"c[0][2] == 900000 and c[1][3] == 100000"
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 110 NaN NaN 3\n' | bars "$T/ratio.csv" binance linear
$EST --model classic --seed 0 --leverage 10:1 --side ratio $R --csv "$T/ratio.csv" > "$T/ratio.grid.csv"
cellcheck "--side ratio: long/short ratio 3 -> long share 0.75" "$T/ratio.grid.csv" 1 \
	"c[0][2] == 750000 and c[1][3] == 250000"

# no open interest
printf '0 50000 50000 50000 50000 NaN 100000 100000\n1 50000 50000 50000 50000 NaN 100000 100000\n' | bars "$T/nooi.csv" binance linear
fails 1 "no open interest.*--oi-proxy" "bars without open interest: an error naming --oi-proxy" \
	$EST --model classic --seed 0 "$T/nooi.csv" -o "$T/nooi.grid"
check "... and no output file" test ! -e "$T/nooi.grid"
fails 0 "warning.*--oi-proxy" "--oi-proxy: a warning, and a grid" \
	$EST --model classic --seed 0 --oi-proxy 0.5 --leverage 10:1 --side even $R --csv -o "$T/proxy.grid.csv" "$T/nooi.csv"
cellcheck "--oi-proxy 0.5: dOI = half the bar's volume (4 BTC -> 2 BTC, 100,000 per side)" \
	"$T/proxy.grid.csv" 0 "c[0][2] == 100000 and c[1][3] == 100000"

# by venue: two venues, one layer pair each; their sum is the plain grid
$EST --model classic --seed 0 --leverage 10:1 --side even $R --csv "$T/one.csv" "$T/bybit.csv" > "$T/two.grid.csv" 2>&1
$EST --model classic --seed 0 --leverage 10:1 --side even $R --by-venue --csv "$T/one.csv" "$T/bybit.csv" > "$T/twov.grid.csv"
check "--by-venue: a layer pair per venue" grep -q '^# layers=binance.long,binance.short,bybit.long,bybit.short$' "$T/twov.grid.csv"
check "--by-venue: layer column" grep -q '^time,layer,price_lo' "$T/twov.grid.csv"
check "two venues: venue binance+bybit" grep -q '^# venue=binance+bybit$' "$T/two.grid.csv"
check "--by-venue layers sum to the summed grid" $PY -c '
import sys, collections
def load(p, v):
    d = collections.Counter()
    for l in open(p):
        if l.startswith("#") or l.startswith("time"): continue
        r = l.strip().split(",")
        if v: r = r[:1] + r[2:]
        d[(r[0], r[1], "L")] += float(r[3]); d[(r[0], r[1], "S")] += float(r[4])
    return d
a, b = load(sys.argv[1], 0), load(sys.argv[2], 1)
sys.exit(0 if a == b and len(a) > 0 else 1)' "$T/two.grid.csv" "$T/twov.grid.csv"

# the seed: 100 BTC open at the first bar (E = 50,000), 10x simple: the
# 5,000,000 per side entered within +-10% of the close, densest at it;
# long levels at 0.9 x [45,000, 55,000], all below the first bar, kept;
# short levels at 1.1 x [45,000, 55,000]: those at or below 50,000 were
# reached by the first bar and are dropped (closed, not predicted)
printf '0 50000 50000 50000 50000 100\n1 50000 50000 50000 50000 100\n' |
	bars "$T/seed.csv" binance linear
$EST --model classic --seed 10 --leverage 10:1 --side even --margin simple $R --csv \
	--ledger "$T/seed.l" --series "$T/seed.s" -o "$T/seed.grid.csv" "$T/seed.csv"
cellcheck "--seed 10: the open interest at the start, 100 x 50,000 long, within 0.9 x (1 -+ 10%) of the close" \
	"$T/seed.grid.csv" 0 "abs(sum(x[2] for x in c) - 5e6) < 1 and min(x[0] for x in c if x[2]) >= 40500 - 10 and max(x[1] for x in c if x[2]) <= 49500 + 10"
cellcheck "--seed: densest at the close's level (45,000), thinning out both ways" \
	"$T/seed.grid.csv" 0 "44430 <= max(c, key=lambda x: x[2])[0] <= 45570 and [x for x in c if x[0] == 42000][0][2] < [x for x in c if x[0] == 44000][0][2] < [x for x in c if x[0] == 44900][0][2]"
cellcheck "--seed: no short level the first bar reached (all above 50,000)" \
	"$T/seed.grid.csv" 0 "min(x[0] for x in c if x[3]) >= 50000 and 0 < sum(x[3] for x in c) < 5e6"
seriescheck "--seed: the levels dropped at the start are not predicted liquidations" \
	"$T/seed.s" "s[0]['pred_long_usd'] == 0 and s[0]['pred_short_usd'] == 0"
check "--seed: the dropped shorts are closed in the ledger (opened = open + closed)" $PY -c '
import csv, sys
r = [x for x in csv.DictReader(open(sys.argv[1])) if x["side"] == "short"][0]
o, op, cl, tu = (float(r[k]) for k in ("open_usd", "opened_usd", "closed_usd", "touched_usd"))
sys.exit(0 if abs(op - 5e6) < 1 and 0 < cl < 1e5 and tu == 0 and abs(op - o - cl) < 1e-6 * op else 1)' "$T/seed.l"
$EST --model classic --seed 0 --leverage 10:1 --side even --margin simple $R --csv \
	-o "$T/seed0.grid.csv" "$T/seed.csv"
check "--seed 0: nothing placed before the open interest rises" \
	sh -c "! grep -v '^#' '$T/seed0.grid.csv' | sed 1d | grep -q ."
# the path model (the default): hour 1 opens dOI = 10 BTC and closes at
# its open, so its path is open 50,000, low 45,000, high 50,000, close
# 50,000: two legs of 5,000 each, 5 BTC entered on each, N = 5 x 47,500 =
# 237,500 per side per leg, spread over [45,000, 50,000]; 10x simple:
# short levels 1.1 x that = [49,500, 55,000].  Leg 1's shorts and leg 2's
# are placed before leg 2 reaches 50,000, which takes 500 / 5,500 of
# each: 2 x 237,500 x 500 / 5,500 = 43,181.8 predicted shorts in hour 1
# (the classic model opens after the touch: 0).  Longs (0.9 x entry, at
# most 45,000) are not reached.  Turnover k = 1 adds tau = 1 x 5,000 /
# 50,000 = 0.1 of OI 110 = 11 BTC to the 10 (the book it closes 0.1 of
# is empty): 21 / 10 x 43,181.8 = 90,681.8.
printf '0 50000 50000 50000 50000 100\n1 50000 50000 45000 50000 110\n2 50000 50000 50000 50000 110\n' |
	bars "$T/path.csv" binance linear
P="--seed 0 --leverage 10:1 --side even --margin simple --tick 100 --price-min 40000 --price-max 60000"
$EST $P --turnover 0 -o /dev/null --series "$T/path.s" "$T/path.csv"
seriescheck "path model: shorts entered on the way down and up are liquidated at the bar's high (2 x 237,500 x 500/5,500)" \
	"$T/path.s" "abs(s[1]['pred_short_usd'] - 2 * 237500 * 500 / 5500) < 0.01 and s[1]['pred_long_usd'] == 0 and s[0]['pred_short_usd'] == 0"
$EST $P --turnover 0 --model classic -o /dev/null --series "$T/pathc.s" "$T/path.csv"
seriescheck "classic model, same bars: the bar's entries come after its touch (nothing predicted)" \
	"$T/pathc.s" "s[1]['pred_short_usd'] == 0 and s[1]['pred_long_usd'] == 0"
$EST $P --turnover 1 -o /dev/null --series "$T/patht.s" --ledger "$T/patht.l" "$T/path.csv"
seriescheck "path model, --turnover 1: tau = 0.1 of OI 110 = 11 BTC more entered (21/10 x 43,181.8)" \
	"$T/patht.s" "abs(s[1]['pred_short_usd'] - 2.1 * 2 * 237500 * 500 / 5500) < 0.01"
check "path model, --turnover 1: the ledger opened 2 x 21 x 47,500 and conserves" $PY -c '
import csv, sys
r = [x for x in csv.DictReader(open(sys.argv[1])) if x["side"] == "short"]
a = r[1]
o, op, cl, tu = (float(a[k]) for k in ("open_usd", "opened_usd", "closed_usd", "touched_usd"))
sys.exit(0 if abs(op - 21 * 47500) < 1e-6 and abs(op - o - cl - tu) < 1e-6 * op else print(a) or 1)' "$T/patht.l"
# a bar closing below its open goes open, high, low, close: 50,000 ->
# 55,000 -> 49,000 (= close), legs of 5,000 and 6,000; 10 BTC entered
# 5/11 on leg 1 (N = 10 x 5/11 x 52,500 per side) and 6/11 on leg 2 (N =
# 10 x 6/11 x 52,000); the low takes the long levels at or above 49,000:
# 500 of leg 1's 0.9 x [50,000, 55,000] and 500 of leg 2's 0.9 x
# [49,000, 55,000]; no short level (1.1 x entry) is at or below 55,000
printf '0 50000 50000 50000 50000 100\n1 50000 55000 49000 49000 110\n' |
	bars "$T/pathd.csv" binance linear
$EST $P --turnover 0 -o /dev/null --series "$T/pathd.s" "$T/pathd.csv"
seriescheck "path model, a falling bar: high first, then the low takes the longs entered on both legs (500/4,500 and 500/5,400 of them)" \
	"$T/pathd.s" "abs(s[1]['pred_long_usd'] - (10 * 5 / 11 * 52500 * 500 / 4500 + 10 * 6 / 11 * 52000 * 500 / 5400)) < 0.01 and s[1]['pred_short_usd'] == 0"
check "--model classic with no --leverage: the classic mix (5 tiers), turnover 0, in the params" sh -c "
	$EST --model classic --csv '$T/path.csv' | grep -q '^# leverage=5:0.1,10:0.2,25:0.3,50:0.25,100:0.15\$' &&
	$EST --model classic --csv '$T/path.csv' | grep -q '^# turnover=0\$' &&
	$EST --csv '$T/path.csv' | grep -q '^# model_name=path\$'"
check "--half-life 125:1h: the path model's mix has a 125x tier" sh -c "$EST --half-life 125:1h --csv '$T/path.csv' | grep -q '^# half_life=.*,125:1h\$'"
fails 2 "not in the --leverage mix" "--half-life 125:1h --model classic: the classic mix has none (whatever the order)" $EST --half-life 125:1h --model classic -o /dev/null "$T/path.csv"
fails 2 "unknown value" "bad --model: exit 2" $EST --model neural "$T/path.csv"
fails 2 "turnover" "--turnover -1: exit 2" $EST --turnover -1 "$T/path.csv"
fails 2 "seed" "--seed 60 is a usage error" $EST --seed 60 "$T/seed.csv"
fails 2 '"2026" as epoch milliseconds is in 1970: give an ISO 8601 time' \
	"--from 2026 (a year, not 2026 ms): a usage error" $EST --from 2026 "$T/seed.csv"
fails 2 '"1767225600" as epoch milliseconds is in 1970' \
	"--to 1767225600 (epoch seconds): a usage error" $EST --to 1767225600 "$T/seed.csv"
fails 2 'half-life.*a duration with a unit' "--half-life 7 (no unit)" $EST --half-life 7 "$T/seed.csv"
fails 2 'half-life.*100:18h' "--half-life 100:7 (no unit)" $EST --half-life 100:7 "$T/seed.csv"

# the axis: from the first price, +-50%, not from later prices
printf '0 50000 50000 50000 50000 100\n1 50000 50000 49000 49000 110\n2 49000 60000 49000 60000 120\n' |
	bars "$T/ax.csv" binance linear
$EST -q -o "$T/ax.grid" "$T/ax.csv"
$EST -q --to 1709514000000 -o "$T/ax1.grid" "$T/ax.csv"
check "the default axis is P0 x (1 -+ 0.5) in round bins: 25,000 to 75,000 by 25" \
	sh -c "$BIN/liq-cat --info '$T/ax.grid' | grep -qx 'price_min=25000' &&
	$BIN/liq-cat --info '$T/ax.grid' | grep -qx 'price_max=75000' &&
	$BIN/liq-cat --info '$T/ax.grid' | grep -qx 'axis_p0=50000'"
check "a run cut before the price rise has the same axis" \
	sh -c "$BIN/liq-cat --info '$T/ax1.grid' | grep -qx 'price_max=75000'"
printf '0 50000 50000 50000 50000 100\n1 50000 50000 20000 20000 110\n' |
	bars "$T/crash.csv" binance linear
fails 0 "price left the grid's axis \[25000, 75000) at 1970-01-01T01:00:00Z\|price left the grid's axis \[25000, 75000) at 2024-03-04T01:00:00Z" \
	"price past the automatic axis: a warning, exit 0" $EST -o /dev/null "$T/crash.csv"
check "... not with -q, nor with an axis given" sh -c "
	$EST -q -o /dev/null '$T/crash.csv' 2>'$T/q.err' && ! test -s '$T/q.err' &&
	$EST --price-min 10000 --price-max 60000 -o /dev/null '$T/crash.csv' 2>'$T/q.err' && ! test -s '$T/q.err'"

# the default step, rounded up to a step traders read
if [ -x "${LIQ_BUILD:-build}/mkbars" ]; then
	for nb in 2880:1m 10080:5m 43200:15m; do
		"${LIQ_BUILD:-build}/mkbars" "${nb%:*}" "$T/mk.bars" >/dev/null
		$EST -q -o "$T/mk.grid" "$T/mk.bars"
		check "${nb%:*} one-minute bars: ${nb#*:} columns" \
			sh -c "$BIN/liq-cat --info '$T/mk.grid' | grep -qx 'step=${nb#*:}'"
	done
fi

# ------------------------------------------------------------ real data
SD=sample-data
$ING -q -o "$T/s.bars" $SD/BTCUSDT-aggTrades-*.zip $SD/BTCUSDT-metrics-*.zip $SD/BTCUSDT-fundingRate-*.zip
$ING -q --csv -o "$T/sbars.csv" $SD/BTCUSDT-aggTrades-*.zip $SD/BTCUSDT-metrics-*.zip $SD/BTCUSDT-fundingRate-*.zip
$EST -o "$T/s1.grid" --series "$T/s1.series" --ledger "$T/s1.ledger" --half-life 6h "$T/s.bars"
mv "$T/s1.grid" "$T/s2.grid"; mv "$T/s1.series" "$T/s2.series"
$EST -o "$T/s1.grid" --series "$T/s1.series" --ledger "$T/s1.ledger" --half-life 6h "$T/s.bars"
check "sample data: the grid is byte-identical across two runs" cmp "$T/s1.grid" "$T/s2.grid"
check "sample data: so are the series" cmp "$T/s1.series" "$T/s2.series"
LEDGER_OK='
import sys, csv
n = 0
for r in csv.DictReader(open(sys.argv[1])):
    a = float(r["open_usd"]) + float(r["touched_usd"]) + float(r["closed_usd"]) + float(r["decayed_usd"])
    b = float(r["opened_usd"])
    if abs(a - b) > 1e-9 * max(b, 1): print("#", r); sys.exit(1)
    n += 1
sys.exit(0 if n > 10 else 1)'
check "sample data: open + touched + closed + decayed = opened, every column" \
	$PY -c "$LEDGER_OK" "$T/s1.ledger"
# --close oldest drops lots that price wiped when its queue fills: exact,
# so the grid is the same as without (the sample data fills the queue
# and compacts it many times: 1,024 lots first, doubled when needed)
LIQ_LOTS_NO_COMPACT=1 $EST --close oldest --half-life 6h -o "$T/old1.grid" --ledger "$T/old1.ledger" "$T/s.bars"
mv "$T/old1.grid" "$T/old2.grid"
$EST --close oldest --half-life 6h -o "$T/old1.grid" --ledger "$T/old1.ledger" "$T/s.bars"
check "sample data, --close oldest: compacting the lot queue changes nothing (grid byte-identical)" \
	cmp "$T/old1.grid" "$T/old2.grid"
check "sample data, --close oldest: open + touched + closed + decayed = opened, every column" \
	$PY -c "$LEDGER_OK" "$T/old1.ledger"
check "sample data: the grid's cells add up to the open notional (last column)" $PY -c '
import sys, struct
# binary grid: 80-byte header, metadata, columns of 8 + 8 x nser bytes + cells
f = open(sys.argv[1], "rb").read()
hlen, mlen, nb, nl = struct.unpack_from("<IIII", f, 12)
ncols = struct.unpack_from("<Q", f, 48)[0]
head = 8 + 8 * struct.unpack_from("<I", f, 72)[0]
col = head + 4 * nl * nb
last = hlen + (ncols - 1) * col
cells = struct.unpack_from("<%df" % (nl * nb), f, last + head)
led = [l.split(",") for l in open(sys.argv[2])][-2:]
want = float(led[0][2]) + float(led[1][2])
got = sum(cells)
sys.exit(0 if abs(got - want) <= 1e-4 * want else print(got, want) or 1)' "$T/s1.grid" "$T/s1.ledger"
$EST --csv "$T/s1.grid" > "$T/conv.csv"
$EST --csv --half-life 6h "$T/s.bars" > "$T/direct.csv"
grep -v '^# command=' "$T/direct.csv" > "$T/direct.csv.nc"
grep -v '^# command=' "$T/conv.csv" > "$T/conv.csv.nc"
check "a grid converts to the same CSV as a direct run" cmp "$T/conv.csv.nc" "$T/direct.csv.nc"
$EST --series "$T/conv.series" "$T/s1.grid"
check "--series from an existing grid equals the run's series" cmp "$T/conv.series" "$T/s1.series"
$EST --lookback 1d --series "$T/lb.series" -o /dev/null "$T/s.bars"
check "--lookback 1d: the last 1,440 one-minute columns" $PY -c '
import sys
l = open(sys.argv[1]).read().split("\n")[1:-1]
sys.exit(0 if len(l) == 1440 and l[-1].startswith("1709683140000,") else print(len(l), l[-1][:20]) or 1)' "$T/lb.series"
$EST --model classic --lookback 12h --warmup 12h --step 1h --series "$T/wu.series" -o /dev/null "$T/s.bars"
$EST --model classic --lookback 12h --step 1h --series "$T/nwu.series" -o /dev/null "$T/s.bars"
check "--warmup: same columns, more open interest counted" $PY -c '
import sys, csv
a = list(csv.DictReader(open(sys.argv[1]))); b = list(csv.DictReader(open(sys.argv[2])))
sys.exit(0 if len(a) == len(b) == 12 and a[0]["time"] == b[0]["time"] and sum(float(r["pred_long_usd"]) + float(r["pred_short_usd"]) for r in a) > sum(float(r["pred_long_usd"]) + float(r["pred_short_usd"]) for r in b) else 1)' "$T/wu.series" "$T/nwu.series"

# goldens: hourly series and a coarse grid of the sample data, in the
# default CSV layout (ISO times, empty missing values) with exact numbers
$BIN/liq-estimate --exact --step 1h --series "$T/golden-series.csv" -o /dev/null "$T/s.bars"
$BIN/liq-estimate --exact --step 6h --bins 40 --csv "$T/s.bars" | grep -v '^# command=' > "$T/golden-grid.csv"
for g in series grid; do
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$T/golden-$g.csv" tests/golden/estimate-sample-$g.csv
	fi
	if diff -u tests/golden/estimate-sample-$g.csv "$T/golden-$g.csv" > "$T/d" 2>&1; then
		ok "golden: sample data $g"
	else
		notok "golden: sample data $g"; head -20 "$T/d" | sed 's/^/# /'
	fi
done

if [ -d "$SHARED/coinglass" ]; then
	CG=$SHARED/coinglass/coinglass_BTC_regime_binance_5m_14d.csv
	$ING -q --preset coinglass -o "$T/cg.bars" "$CG"
	HL=100:18h,50:36h,25:72h,10:120h,5:168h
	$EST -o "$T/cg1.grid" --series "$T/cg1.s" --ledger "$T/cg.l" --half-life $HL "$T/cg.bars"
	mv "$T/cg1.grid" "$T/cg2.grid"
	$EST -o "$T/cg1.grid" --series "$T/cg1.s" --ledger "$T/cg.l" --half-life $HL "$T/cg.bars"
	check "coinglass 5m 14d (real): byte-identical across two runs" cmp "$T/cg1.grid" "$T/cg2.grid"
	check "coinglass 5m 14d (real): conservation every column, with decay" \
		$PY -c "$LEDGER_OK" "$T/cg.l"
	check "coinglass 5m 14d (real): known-zero realized liquidations are 0, not NaN" $PY -c '
import sys, csv
s = list(csv.DictReader(open(sys.argv[1])))
sys.exit(0 if all(r["real_long_usd"] == "0" for r in s) and sum(float(r["pred_long_usd"]) for r in s) > 0 else 1)' "$T/cg1.s"
	CL=$SHARED/coinglass/coinglass_BTC_liq_oi_30m_2026-05-21_05-30.csv
	$ING -q --preset coinglass -o "$T/cl.bars" "$CL"
	$EST -o /dev/null --series "$T/cl.s" "$T/cl.bars"
	check "calibration (real, 30m liq+OI): rho >= 0.5 and more realized notional in the model's top 10% of bars than in the baseline's" \
		$PY tests/tools/calibrate.py --min-rho 0.5 --beat-top "$CL" "$T/cl.s"
	check "coinglass liq+OI 30m (real): the series carries every realized liquidation" $PY -c '
import sys, csv
a = list(csv.DictReader(open(sys.argv[1]))); b = list(csv.DictReader(open(sys.argv[2])))
ra = sum(float(r["liquidation_long_usd"]) for r in a); rb = sum(float(r["real_long_usd"]) for r in b)
sa = sum(float(r["liquidation_short_usd"]) for r in a); sb = sum(float(r["real_short_usd"]) for r in b)
sys.exit(0 if abs(ra - rb) < 1e-6 * ra and abs(sa - sb) < 1e-6 * sa and len(b) == len(a) else print(ra, rb, sa, sb, len(a), len(b)) or 1)' "$CL" "$T/cl.s"
	$ING -q -o "$T/cm.bars" "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip"
	fails 1 "no open interest" "COIN-M trades only (real): asks for open interest" $EST -o /dev/null "$T/cm.bars"
	fails 0 "warning" "COIN-M trades only (real) with --oi-proxy: runs" $EST --oi-proxy 0.1 -o "$T/cm.grid" "$T/cm.bars"
	check "COIN-M grid records the inverse market" sh -c "$EST --csv '$T/cm.grid' | grep -q '^# inputs=binance/BTCUSD_PERP/inverse'"
fi

# ------------------------------------------------------------ errors
fails 1 "empty input" "no operand and empty stdin: exit 1" sh -c "$EST --csv < /dev/null"
fails 2 "usage" "unknown option: usage, exit 2" $EST --frobnicate "$T/one.csv"
cat "$T/s.bars" | $EST --csv --half-life 6h | grep -v '^# command=' > "$T/stdin.csv"
check "bars on stdin (no operand) give the same grid as the file" cmp "$T/stdin.csv" "$T/direct.csv.nc"
$EST --to 2024-03-04T00:30 --step 1h --series "$T/to.series" -o /dev/null "$T/s.bars"
check "--to inside a column: bars from --to on are not simulated (close at 00:29)" $PY -c '
import sys, csv
s = list(csv.DictReader(open(sys.argv[1])))
b = [l.split(",") for l in open(sys.argv[2]) if l[0].isdigit()]
want = [r for r in b if int(r[0]) == 1709512200000 - 60000][0][4]
sys.exit(0 if len(s) == 1 and s[0]["close"] == want else print(s, want) or 1)' "$T/to.series" "$T/sbars.csv"
fails 2 "leverage" "bad --leverage: exit 2" $EST --leverage 10:x "$T/one.csv"
fails 2 "leverage" "--leverage below 1x: exit 2" $EST --leverage 0.5:1 "$T/one.csv"
fails 2 "unknown value" "bad --side: exit 2" $EST --side up "$T/one.csv"
fails 2 "unknown value" "bad --close: exit 2" $EST --close all "$T/one.csv"
fails 2 "not in the --leverage mix" "--half-life for a missing leverage: exit 2" $EST --half-life 7:1h "$T/one.csv"
fails 2 "duration" "bad --lookback: exit 2" $EST --lookback forever "$T/one.csv"
for o in --lookback --warmup --step; do
	fails 2 'a duration needs a unit: "7" (7d for days' \
	    "$o 7 (no unit) is a usage error, not 7 ms" $EST $o 7 "$T/one.csv"
done
fails 2 "not both" "--bins with --tick: exit 2" $EST --bins 10 --tick 5 "$T/one.csv"
fails 2 "not a multiple" "--step not a multiple of the bar interval: exit 2" $EST --step 90m -o /dev/null "$T/one.csv"
fails 2 "holds no bars" "--from after the data: exit 2" $EST --from 2025-01-01 -o /dev/null "$T/one.csv"
fails 2 "above --price-min" "--price-max below --price-min: exit 2" $EST --price-min 5 --price-max 4 "$T/one.csv"
fails 2 "cannot go with --log" "--tick with --log: exit 2" $EST --tick 5 --log "$T/one.csv"
fails 2 "not both" "--lookback with --from: exit 2" $EST --lookback 1d --from 2024-03-04 "$T/one.csv"
fails 2 "after --from" "--to not after --from: exit 2" $EST --from 2024-03-05 --to 2024-03-04 "$T/one.csv"
fails 2 "whole number" "--bins 1.5: exit 2" $EST --bins 1.5 "$T/one.csv"
fails 2 "standard input given twice" "stdin given twice: exit 2" sh -c "$EST -o /dev/null - - < '$T/one.csv'"
fails 1 "No such file" "missing input: exit 1" $EST -o /dev/null "$T/nope.bars"
head -c 3000 "$T/s.bars" > "$T/trunc.bars"
fails 1 "truncated" "truncated bars file: exit 1" $EST -o "$T/trunc.grid" "$T/trunc.bars"
check "... and no output file" test ! -e "$T/trunc.grid"
printf 'hello\nworld\n' > "$T/text.txt"
fails 1 "trunc.txt\|text.txt" "a text file that is not bars: exit 1, names the file" $EST -o /dev/null "$T/text.txt"
printf '0 50000 50000 50000 50000 100\n' | bars "$T/spot.csv" binance spot
fails 1 "spot" "spot bars: exit 1" $EST -o /dev/null "$T/spot.csv"
fails 2 "give --csv or --series" "a grid without --csv/--series: exit 2" $EST "$T/s1.grid"
fails 1 "write error" "output to a full disk: exit 1" sh -c "$EST '$T/one.csv' > /dev/full"
fails 1 "write error" "-o /dev/full: exit 1" $EST -o /dev/full "$T/one.csv"
printf '0,100000,0.01\n' > "$T/br.csv"
fails 1 "br.csv:1" "a bad --brackets file: exit 1 with file and line" $EST --brackets "$T/br.csv" -o /dev/null "$T/one.csv"
printf '0,1000000,0.1,0\n' > "$T/br.csv"
$EST --seed 0 --brackets "$T/br.csv" --leverage 5:1 --side even --margin simple --tick 10 --price-min 30000 --price-max 70000 --csv "$T/one.csv" > "$T/brs.csv"
$EST --seed 0 --brackets "$T/br.csv" --leverage 5:1 --side even --tick 10 --price-min 30000 --price-max 70000 --csv "$T/one.csv" > "$T/brb.csv"
cellcheck "--brackets FILE: mmr 10% moves a 5x long to E*0.8/0.9" "$T/brb.csv" 1 \
	"c[0][0] <= 50000*0.8/0.9 < c[0][1]"

# found in review: more venues than layers, a huge --step, a header span
# that disagrees with the bars, long names
i=1
vs=""
while [ "$i" -le 33 ]; do
	sed "s/^# venue=binance/# venue=venue$i/" "$T/one.csv" > "$T/v$i.csv"
	vs="$vs $T/v$i.csv"
	i=$((i + 1))
done
fails 2 "33 layer pairs (33 venues x 1 tier), at most 32" "--by-venue with 33 venues: refused, exit 2" $EST --by-venue -o /dev/null $vs
check "33 venues summed on one layer pair: runs" $EST -o "$T/v33.grid" $vs
check "... and lists them in the venue (no overflow)" sh -c "$EST --csv '$T/v33.grid' | grep -q '^# venue=venue1+venue2+.*venue33$'"
fails 2 "step" "--step above 366d: exit 2" $EST --step 9223372036854000000 -o /dev/null "$T/one.csv"
if [ -x "${LIQ_BUILD:-build}/mkbars" ]; then
	"${LIQ_BUILD:-build}/mkbars" 10 "$T/span.bars"
	$PY -c '
import sys, struct
d = bytearray(open(sys.argv[1], "rb").read())
struct.pack_into("<q", d, 40, struct.unpack_from("<q", d, 40)[0] - 300000)
open(sys.argv[2], "wb").write(d)
d = bytearray(open(sys.argv[1], "rb").read())
struct.pack_into("<q", d, 40, 2**63 - 1)
open(sys.argv[3], "wb").write(d)' "$T/span.bars" "$T/span1.bars" "$T/span2.bars"
	$EST --csv "$T/span.bars" | grep -v '^# command=' > "$T/span0.csv"
	$EST --csv "$T/span1.bars" | grep -v '^# command=' > "$T/span1.csv"
	check "a bars header whose span ends early: planned again from the bars, not a silently short grid" \
		cmp "$T/span0.csv" "$T/span1.csv"
	fails 1 "span" "a bars header whose span ends at the end of time: refused" $EST -o /dev/null "$T/span2.bars"
fi

# truncated at every byte: a small binary bars file, then a small grid
B=${LIQ_BUILD:-build}
if [ -x "$B/mkbars" ] && [ -x "$B/mkgrid" ]; then
	# every byte of the fixed header, the records and the end marker;
	# every 9th inside the metadata text (all read by one call)
	cuts() {
		$PY -c '
import sys, struct
d = open(sys.argv[1], "rb").read()
hlen = struct.unpack_from("<I", d, 12)[0]
fixed = int(sys.argv[2])
print(" ".join(str(i) for i in range(len(d)) if i <= fixed or i >= hlen - 1 or i % 9 == 0))' "$@"
	}
	"$B/mkbars" 2 "$T/small.bars"
	size=$(wc -c < "$T/small.bars")
	bad=0
	for i in $(cuts "$T/small.bars" 56); do
		head -c "$i" "$T/small.bars" > "$T/cut.bars"
		$EST -o "$T/cut.grid" "$T/cut.bars" 2> "$T/cut.err"
		rc=$?
		if [ "$rc" -ne 1 ] || [ -e "$T/cut.grid" ] || ! [ -s "$T/cut.err" ]; then
			bad=$((bad + 1)); echo "# cut at $i: exit $rc"
		fi
	done
	[ "$bad" -eq 0 ] && ok "bars ($size bytes) cut at every byte outside the metadata text: exit 1, a message, no output file" ||
		notok "bars cut at each of $size bytes ($bad bad)"
	printf 'bins 3\ncol 150 160 140 155 1e6 0 0 NaN NaN\ncell 1 0 5\ncol 155 170 150 160\n' | "$B/mkgrid" > "$T/small.grid"
	size=$(wc -c < "$T/small.grid")
	bad=0
	for i in $(cuts "$T/small.grid" 80); do
		head -c "$i" "$T/small.grid" > "$T/cut.grid.in"
		$EST --csv -o "$T/cut.csv" "$T/cut.grid.in" 2> "$T/cut.err"
		rc=$?
		if [ "$rc" -eq 0 ] || [ "$rc" -gt 2 ] || [ -e "$T/cut.csv" ] || ! [ -s "$T/cut.err" ]; then
			bad=$((bad + 1)); echo "# grid cut at $i: exit $rc"
		fi
	done
	[ "$bad" -eq 0 ] && ok "grid ($size bytes) cut at every byte outside the metadata text: an error, no output file" ||
		notok "grid cut at each of $size bytes ($bad bad)"
	# a corrupt CRC, a newer major version, absurd sizes
	$PY -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[-30] ^= 1; open(sys.argv[2], "wb").write(d)
d = bytearray(open(sys.argv[1], "rb").read()); d[8] = 2; open(sys.argv[3], "wb").write(d)
d = bytearray(open(sys.argv[1], "rb").read()); d[20:24] = (0xffffffff).to_bytes(4, "little"); open(sys.argv[4], "wb").write(d)
' "$T/small.grid" "$T/crc.grid" "$T/v2.grid" "$T/huge.grid"
	fails 1 "CRC-32" "a grid with a flipped byte: CRC-32 mismatch" $EST --csv -o /dev/null "$T/crc.grid"
	fails 1 "newer" "a grid of major version 2: refused" $EST --csv -o /dev/null "$T/v2.grid"
	fails 1 "sizes out of range" "a grid claiming 4 billion bins: refused before allocating" $EST --csv -o /dev/null "$T/huge.grid"
	$PY -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[8] = 2; open(sys.argv[2], "wb").write(d)' "$T/small.bars" "$T/v2.bars"
	fails 1 "newer" "bars of major version 2: refused" $EST -o /dev/null "$T/v2.bars"
fi

echo "# estimate: $n tests, $fail failed"
[ "$fail" -eq 0 ]
