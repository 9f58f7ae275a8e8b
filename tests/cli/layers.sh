#!/bin/sh
# layers.sh - liq-estimate --by-leverage: one layer pair per leverage
# tier (and per venue with --by-venue), named "25x.long" or
# "binance.25x.long"; the layers summed in their order in float32 are the
# plain grid's cells bit for bit, and each layer sits at its tier's
# liquidation distance from the price.
#   sh tests/cli/layers.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
EST=$BIN/liq-estimate
ING=$BIN/liq-ingest
CAT=$BIN/liq-cat
S=sample-data
T=$(mktemp -d /tmp/liq-layers.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh

$ING -q -o "$T/a.bars" $S/BTCUSDT-aggTrades-2024-03-04.zip $S/BTCUSDT-metrics-2024-03-04.zip
$ING -q --venue bybit -o "$T/b.bars" $S/BTCUSDT-aggTrades-2024-03-04.zip $S/BTCUSDT-metrics-2024-03-04.zip
O="--step 1h --bins 400"
$EST -q $O -o "$T/plain.grid" "$T/a.bars"
$EST -q $O --by-leverage -o "$T/lev.grid" "$T/a.bars"
$EST -q $O --by-venue -o "$T/ven.grid" "$T/a.bars" "$T/b.bars"
$EST -q $O --by-venue --by-leverage -o "$T/vl.grid" "$T/a.bars" "$T/b.bars"
$EST -q $O -o "$T/two.grid" "$T/a.bars" "$T/b.bars"
for g in plain lev ven vl two; do
	$CAT --csv --exact --time ms -o "$T/$g.csv" "$T/$g.grid"
done

check "--by-leverage: layers 5x..125x (the default mix), a long and a short each, in the mix's order" \
    grep -qx '# layers=5x.long,5x.short,10x.long,10x.short,25x.long,25x.short,50x.long,50x.short,100x.long,100x.short,125x.long,125x.short' "$T/lev.csv"
check "--by-venue --by-leverage: venue.tier names, venue-major" \
    grep -q '^# layers=binance.5x.long,binance.5x.short,binance.10x.long,.*,binance.125x.short,bybit.5x.long,bybit.5x.short,.*bybit.125x.short$' "$T/vl.csv"

check "grid CSV of --by-venue --by-leverage: a layer column holding the pair's name (bybit.125x)" \
    sh -c "head -1 '$T/vl.csv' | grep -qx 'time,layer,price_lo,price_hi,long_usd,short_usd' && grep -q '^[0-9]*,bybit.125x,' '$T/vl.csv' && grep -q '^[0-9]*,binance.5x,' '$T/vl.csv'"

# sumcheck LAYERED PLAIN: the layered grid's cells summed over layers in
# file order, in float32 (each addition rounded), equal the plain grid's
# cells exactly, and no cell is in one and not the other (with "venue":
# per venue, the layers named VENUE.* against the layer VENUE)
sumcheck() {
	python3 - "$1" "$2" "${3:-}" <<'EOF'
import csv, struct, sys
byvenue = sys.argv[3] == 'venue'
def f32(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]
def load(p, layered):
    rows = [r for r in csv.reader(open(p)) if r and not r[0].startswith('#')]
    h = rows[0]
    ti, lo = h.index('time'), h.index('price_lo')
    vi = h.index('layer') if 'layer' in h else None
    L, S = h.index('long_usd'), h.index('short_usd')
    out = {}
    for r in rows[1:]:
        k = (r[ti], r[lo], r[vi].split('.')[0] if byvenue else '')
        a = out.setdefault(k, [0.0, 0.0])
        a[0] = f32(a[0] + f32(float(r[L])))
        a[1] = f32(a[1] + f32(float(r[S])))
    return out
lay, pl = load(sys.argv[1], 1), load(sys.argv[2], 0)
bad = [k for k in set(lay) | set(pl) if lay.get(k, [0, 0]) != pl.get(k, [0, 0])]
nz = sum(1 for v in pl.values() if v != [0.0, 0.0])
print("cells %d, layered %d, differing %d" % (len(pl), len(lay), len(bad)))
for k in sorted(bad)[:5]:
    print(k, lay.get(k), pl.get(k))
sys.exit(1 if bad or nz < 1000 else 0)
EOF
}
check "--by-leverage: the tiers summed in float32 are the plain grid, bit for bit" \
    sumcheck "$T/lev.csv" "$T/plain.csv"
check "--by-venue --by-leverage: venues x tiers summed are the summed grid, bit for bit" \
    sumcheck "$T/vl.csv" "$T/two.csv"
check "--by-venue --by-leverage: each venue's tiers summed are its --by-venue layer, bit for bit" \
    sumcheck "$T/vl.csv" "$T/ven.csv" venue

# each layer is where its tier's positions would be liquidated: at the
# first snapshot the notional-weighted mean price of the long layers
# rises with leverage and of the short layers falls, 5x near 1 -+ 1/5 of
# the close (entries over +-10 % by --seed, maintenance margin aside) and
# 100x within 5 % of it
$EST -q $O --by-leverage --series "$T/s.csv" -o /dev/null "$T/a.bars"
check "layer means: longs rise and shorts fall with leverage; 5x ~0.8 / ~1.2 x close, 100x and 125x within 5 %" \
    python3 - "$T/lev.csv" "$T/s.csv" <<'EOF'
import csv, sys
rows = [r for r in csv.reader(open(sys.argv[1])) if r and not r[0].startswith('#')]
h = rows[0]
t0 = rows[1][0]
close = float(list(csv.DictReader(open(sys.argv[2])))[0]['close'])
m = {}
for r in rows[1:]:
    if r[0] != t0:
        continue
    mid = (float(r[h.index('price_lo')]) + float(r[h.index('price_hi')])) / 2
    a = m.setdefault(r[h.index('layer')], [0.0, 0.0, 0.0, 0.0])
    L, S = float(r[h.index('long_usd')]), float(r[h.index('short_usd')])
    a[0] += L * mid; a[1] += L; a[2] += S * mid; a[3] += S
tiers = ['5x', '10x', '25x', '50x', '100x', '125x']
lm = [m[t][0] / m[t][1] / close for t in tiers]
sm = [m[t][2] / m[t][3] / close for t in tiers]
print('long means / close', ['%.3f' % x for x in lm])
print('short means / close', ['%.3f' % x for x in sm])
# 5x to 100x strictly in order; 125x is within 0.2 % of 100x (the seed's
# spread of entries is wider than their distance)
ok = (all(a < b for a, b in zip(lm[:5], lm[1:5])) and all(a > b for a, b in zip(sm[:5], sm[1:5]))
      and 0.75 < lm[0] < 0.85 and 1.15 < sm[0] < 1.25
      and min(lm[-2:]) > 0.95 and max(sm[-2:]) < 1.05)
sys.exit(0 if ok else 1)
EOF

# the option's limits: 32 layer pairs at most
$ING -q --venue bitmex --market linear --contract-size 1 -o "$T/c.bars" $S/BTCUSDT-aggTrades-2024-03-04.zip $S/BTCUSDT-metrics-2024-03-04.zip
fails 2 "33 layer pairs (3 venues x 11 tiers), at most 32" "--by-leverage with 11 tiers x 3 venues: refused, naming the limit" \
    $EST -q $O --by-venue --by-leverage \
    --leverage 2:1,3:1,5:1,10:1,15:1,20:1,25:1,50:1,75:1,100:1,125:1 -o "$T/x.grid" "$T/a.bars" "$T/b.bars" "$T/c.bars"
check "16 tiers x 2 venues (32 pairs): a grid" $EST -q $O --by-venue --by-leverage \
    --leverage 2:1,3:1,4:1,5:1,6:1,8:1,10:1,12:1,15:1,20:1,25:1,30:1,40:1,50:1,75:1,100:1 -o "$T/x.grid" "$T/a.bars" "$T/b.bars"

echo "# layers: $n tests, $fail failed"
[ "$fail" -eq 0 ]
