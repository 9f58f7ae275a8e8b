#!/bin/sh
# render-map.sh - command-line tests of what liq-render-ppm draws besides
# the plain heatmap: PNG (decoded back with Python's zlib and compared
# with the PPM pixel for pixel), --floor, --layer, the liquidation map
# (--map, --at) and the panels (--panel), on grids made by
# $LIQ_BUILD/mkgrid whose pixels are computed by hand.
#   LIQ_BUILD=build sh tests/cli/render-map.sh BINDIR   (from the top)
set -u
BIN=${1:-bin}
R=$BIN/liq-render-ppm
MK=${LIQ_BUILD:-build}/mkgrid
T=$(mktemp -d /tmp/liq-render-map.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh

PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -x "$PY" ] || PY=python3
if [ ! -x "$MK" ] || [ ! -x "$R" ]; then
	echo "not ok 1 - $MK or $R missing (make all $MK)"
	exit 1
fi

# img.py FILE EXPR [SHOW]: EXPR over the image (PPM or PNG, told by its
# signature) must be true.  Names as in render.sh: W, H, px(x, y),
# rgb(0xRRGGBB), plot, count(x0, y0, x1, y1, pred), col(x) the pixels
# of column x top down, and png (the chunks, for a PNG).  A PNG is read
# with zlib only: every chunk's CRC-32 checked, IDAT inflated and each
# row unfiltered by its filter type (all five of the standard).
cat > "$T/img.py" <<'EOF'
import struct, sys, zlib
def ppm(b):
    toks, i, plot = [], 0, None
    while len(toks) < 4:
        while b[i:i + 1].isspace():
            i += 1
        if b[i:i + 1] == b"#":
            j = b.index(b"\n", i)
            c = b[i + 1:j].split()
            if c[:1] == [b"plot"]:
                plot = tuple(int(v) for v in c[1:5])
            i = j
            continue
        j = i
        while not b[j:j + 1].isspace():
            j += 1
        toks.append(b[i:j])
        i = j
    i += 1
    assert toks[0] == b"P6" and toks[3] == b"255"
    w, h = int(toks[1]), int(toks[2])
    assert len(b) - i == w * h * 3
    return w, h, b[i:], plot, None
def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c
def png(b):
    assert b[:8] == b"\x89PNG\r\n\x1a\n", "PNG signature"
    i, chunks, idat = 8, [], b""
    while i < len(b):
        n, = struct.unpack(">I", b[i:i + 4])
        t, d = b[i + 4:i + 8], b[i + 8:i + 8 + n]
        crc, = struct.unpack(">I", b[i + 8 + n:i + 12 + n])
        assert zlib.crc32(t + d) == crc, "CRC-32 of %r" % t
        chunks.append((t, d))
        if t == b"IDAT":
            idat += d
        i += 12 + n
    assert i == len(b) and chunks[0][0] == b"IHDR" and chunks[-1] == (b"IEND", b"")
    w, h, depth, ctype, comp, filt, inter = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, ctype, comp, filt, inter) == (8, 2, 0, 0, 0), "8-bit RGB"
    raw, st, out, prev = zlib.decompress(idat), w * 3, bytearray(), bytearray(w * 3)
    assert len(raw) == h * (st + 1)
    for y in range(h):
        f, r = raw[y * (st + 1)], bytearray(raw[y * (st + 1) + 1:(y + 1) * (st + 1)])
        for k in range(st if f else 0):	# type 0 (None): as is
            a = r[k - 3] if k >= 3 else 0
            c = prev[k - 3] if k >= 3 else 0
            r[k] = (r[k] + (0, a, prev[k], (a + prev[k]) // 2, paeth(a, prev[k], c))[f]) & 255
        out += r
        prev = r
    plot = None
    for t, d in chunks:
        if t == b"tEXt" and d.startswith(b"plot\0"):
            plot = tuple(int(v) for v in d[5:].split())
    return w, h, bytes(out), plot, chunks
def load(path):
    b = open(path, "rb").read()
    return png(b) if b[:1] == b"\x89" else ppm(b)
W, H, data, plot, chunks = load(sys.argv[1])
def px(x, y):
    k = (y * W + x) * 3
    return tuple(data[k:k + 3])
def rgb(c):
    return ((c >> 16) & 255, (c >> 8) & 255, c & 255)
def count(x0, y0, x1, y1, pred):
    return sum(1 for y in range(max(y0, 0), min(y1, H)) for x in range(max(x0, 0), min(x1, W)) if pred(px(x, y)))
def col(x):
    return [px(x, y) for y in range(H)]
def same(path):
    w, h, d, p, c = load(path)
    return (w, h, d, p) == (W, H, data, plot)
if not eval(sys.argv[2]):
    print("false:", sys.argv[2])
    if len(sys.argv) > 3:
        print("  ", sys.argv[3], "=", eval(sys.argv[3]))
    sys.exit(1)
EOF
img() { "$PY" -S "$T/img.py" "$@"; }

# ------------------------------------------------------------------ PNG
cat > "$T/hot.spec" <<'EOF'
start 2024-03-04
step 1h
price 100 200
bins 10
col 150 152 148 150
col 150 160 145 155
cell 3 0 1000
col 155 158 150 157
cell 7 1 300
col 157 170 155 165
EOF
"$MK" < "$T/hot.spec" > "$T/hot.grid"
for v in "axes:" "bare:--no-axes" "longshort:--colormap longshort --profile --candles"; do
	name=${v%%:*}; o=${v#*:}
	$R -W 400 -H 200 $o -o "$T/$name.ppm" "$T/hot.grid"
	$R -W 400 -H 200 $o --png -o "$T/$name-png" "$T/hot.grid"
	check "--png ($name): decoded by zlib (CRCs, inflate, unfilter), the PPM's pixels and plot exactly" \
		img "$T/$name-png" "same('$T/$name.ppm') and chunks is not None"
done
check "--png: the PPM's plot area in a tEXt chunk \"plot\"" \
	img "$T/axes-png" "plot is not None and plot[2:] == (400, 200) and same('$T/axes.ppm')"
check "--png without axes: no plot chunk needed, 400x200" img "$T/bare-png" "(W, H) == (400, 200)"
$R -W 400 -H 200 -o "$T/byname.png" "$T/hot.grid"
$R -W 400 -H 200 -o "$T/BYNAME.PNG" "$T/hot.grid"
check "-o NAME.png writes PNG (the same bytes as --png), in any case" sh -c \
	"cmp '$T/byname.png' '$T/axes-png' && cmp '$T/BYNAME.PNG' '$T/axes-png'"
$R -W 400 -H 200 "$T/hot.grid" > "$T/stdout.img"
check "stdout without --png is PPM (P6)" sh -c "head -c 2 '$T/stdout.img' | grep -q P6 && cmp '$T/stdout.img' '$T/axes.ppm'"
$R -W 400 -H 200 --png "$T/hot.grid" > "$T/stdout.png"
check "--png on stdout: the same PNG" cmp "$T/stdout.png" "$T/axes-png"
$R -W 400 -H 200 --png -o "$T/again.png" "$T/hot.grid"
check "PNG deterministic: the same bytes on a second run" cmp "$T/again.png" "$T/axes-png"
fails 1 'stdout: write error' "PNG to a full device (/dev/full): exit 1" \
	sh -c "$R --png $T/hot.grid > /dev/full"
if [ -x "$BIN/liq-ingest" ] && [ -f sample-data/BTCUSDT-aggTrades-2024-03-04.zip ]; then
	"$BIN/liq-ingest" -o "$T/s.bars" sample-data/BTCUSDT-aggTrades-*.zip \
	    sample-data/BTCUSDT-metrics-*.zip sample-data/BTCUSDT-fundingRate-*.zip
	"$BIN/liq-estimate" -q -o "$T/s.grid" "$T/s.bars"
	$R --profile -o "$T/s.ppm" "$T/s.grid"
	$R --profile -o "$T/s.png" "$T/s.grid"
	a=$(wc -c < "$T/s.ppm"); b=$(wc -c < "$T/s.png")
	check "the sample heatmap as PNG ($b bytes) is the PPM ($a bytes) pixel for pixel" \
		img "$T/s.png" "same('$T/s.ppm')"
	check "... and under a tenth of its size" [ $((b * 10)) -lt "$a" ]
fi

# ---------------------------------------------------------------- floor
# one column of 10 bins over 100..200 at -W 40 -H 100: a bin is 10 rows.
# Densities (a cell x 0.001 x centre / 10): 750 at bin 3 (130..140) is
# 10.125, 640 at bin 5 (150..160) is 9.92, 900 at bin 8 (180..190) 16.65.
printf 'price 100 200\nbins 10\ncol 150 150 150 150\ncell 3 0 750\ncell 5 0 640\ncell 8 1 900\n' |
	"$MK" > "$T/floor.grid"
FL="--no-axes --no-price -W 40 -H 100 --colormap gray --scale linear --max 20"
$R $FL -o "$T/f0.ppm" "$T/floor.grid"
$R $FL --floor 10 -o "$T/f10.ppm" "$T/floor.grid"
check "without --floor the cells of 10.125 and 9.92 per 0.1% both show" \
	img "$T/f0.ppm" "px(20, 65) != (0, 0, 0) and px(20, 45) != (0, 0, 0)"
check "--floor 10: the cell just above (10.125) is drawn as before, the one just below (9.92) as background" \
	img "$T/f10.ppm" "px(20, 65) == tuple(open('$T/f0.ppm','rb').read()[-(40 * 100 * 3) + (65 * 40 + 20) * 3:][:3]) and px(20, 45) == (0, 0, 0) and count(0, 40, 40, 50, lambda c: c != (0, 0, 0)) == 0" \
	"(px(20, 65), px(20, 45))"
$R $FL --floor 0.01K -o "$T/fk.ppm" "$T/floor.grid"
check "--floor 0.01K is --floor 10 (the suffixes of --max)" cmp "$T/fk.ppm" "$T/f10.ppm"
$R $FL --floor 10.125 -o "$T/feq.ppm" "$T/floor.grid"
check "--floor equal to a cell's density keeps it" img "$T/feq.ppm" "px(20, 65) != (0, 0, 0) and px(20, 45) == (0, 0, 0)"
# p50 of the non-zero pixels: 3 cells of 400 pixels each, nearest rank
# 600 of 1200 is the middle one, 10.125: 9.92 goes, 10.125 and 16.65 stay
$R $FL --floor p50 -o "$T/fp.ppm" "$T/floor.grid"
check "--floor p50: the median of the non-zero pixels is the floor (10.125 here)" cmp "$T/fp.ppm" "$T/feq.ppm"
$R $FL --floor p100 -o "$T/fp100.ppm" "$T/floor.grid"
check "--floor p100: only the densest cell (16.65 at bin 8) is left" \
	img "$T/fp100.ppm" "px(20, 15) != (0, 0, 0) and count(0, 0, 40, 100, lambda c: c != (0, 0, 0)) == 400"
$R --no-axes --no-price -W 40 -H 100 --colormap longshort --floor 10 -o "$T/fls.ppm" "$T/floor.grid"
check "--floor with longshort: the cell under it is the bottom colour (black)" \
	img "$T/fls.ppm" "px(20, 45) == (0, 0, 0) and px(20, 65) != (0, 0, 0)"
fails 2 '--floor: pNN or a positive amount' "--floor 0" $R --floor 0 "$T/floor.grid"
fails 2 '--floor: pNN or a positive amount' "--floor -1" $R --floor -1 "$T/floor.grid"
fails 2 '--floor: pNN or a positive amount' "--floor auto (no auto floor)" $R --floor auto "$T/floor.grid"
fails 2 '--floor: not a percentile' "--floor p0" $R --floor p0 "$T/floor.grid"

# ------------------------------------------------------------------ map
# two layer pairs a, b; one column closing at 155 (bin 5).  Longs: a 600
# and b 400 at bin 3, a 500 at bin 1; shorts: b 800 at bin 7.
# At -W 400 -H 200 a bin is 40 pixels, each its own bar (39 wide, a gap).
cat > "$T/map.spec" <<'EOF'
start 2024-03-04
step 1h
price 100 200
bins 10
layers a.long,a.short,b.long,b.short
col 150 160 140 155
cell 3 0 600
cell 3 2 400
cell 1 0 500
cell 7 3 800
EOF
"$MK" < "$T/map.spec" > "$T/map.grid"
MB="--map --no-axes -W 400 -H 200"
$R $MB -o "$T/map.ppm" "$T/map.grid"
A=0x5b8ff9; B=0xf6bd16; CL=0xef5350; CS=0x26a69a
check "map: the plot alone, 400x200" img "$T/map.ppm" "(W, H) == (400, 200)"
# bars up to the tallest (1000 at bin 3): a 600 is the bottom 120 rows
# (y 80..199), b 400 the 80 above (y 0..79); 500 at bin 1 is 100 rows
check "map bars: the hot level (bin 3) stacked a under b, a's 120 rows in a's colour, b's 80 in b's" \
	img "$T/map.ppm" "col(140)[30:] and all(c == rgb($A) for c in col(140)[80:200]) and all(c == rgb($B) for c in col(140)[0:66]) and px(120, 199) == rgb($A) and px(158, 0) == rgb($B) and px(159, 150) != rgb($A)" \
	"(col(140)[78:82], px(159, 150))"
check "map bars: 500 at bin 1 is half the height (y 100..199), x 40..78; b's shorts 800 at bin 7 are 160 rows (y 40..199)" \
	img "$T/map.ppm" "px(60, 99) != rgb($A) and all(c == rgb($A) for c in col(60)[100:]) and px(39, 150) != rgb($A) and px(78, 150) == rgb($A) and px(300, 39) != rgb($B) and all(c == rgb($B) for c in col(300)[40:93] + col(300)[94:])" \
	"(px(60, 99), px(300, 39), px(300, 40))"
# cumulative longs: 1500 over bins 0-1, 1000 over 2-3, 0 from bin 4; top
# 1500 at y 0; 1000 at y 199 - round(199 x 2/3) = 66.  Shorts: 800 from
# bin 7 on at y 199 - round(199 x 800/1500) = 93, 0 below bin 7 (y 199)
check "map curves: cumulative longs at y 0 (bins 0-1) and y 66 (bins 2-3), in red" \
	img "$T/map.ppm" "px(20, 0) == rgb($CL) and px(100, 66) == rgb($CL) and px(140, 66) == rgb($CL) and px(180, 199) == rgb($CL) and [c == rgb($CL) for c in col(100)].count(True) == 1" \
	"(px(20, 0), px(100, 66), col(100).index(rgb($CL)) if rgb($CL) in col(100) else None)"
check "map curves: cumulative shorts right of the close, 0 up to bin 6, 800 at y 93 over the bar at bin 7, in green" \
	img "$T/map.ppm" "px(240, 199) == rgb($CS) and px(300, 93) == rgb($CS) and px(399, 93) == rgb($CS) and [c == rgb($CS) for c in col(340)].count(True) == 1" \
	"(px(300, 93), px(399, 93))"
check "map: the close 155 is a white line at x 220, top to bottom" \
	img "$T/map.ppm" "all(c == (255, 255, 255) for c in col(220)) and count(0, 0, W, H, lambda c: c == (255, 255, 255)) == 200"
$R $MB --no-price -o "$T/mapnp.ppm" "$T/map.grid"
check "map --no-price: no line" img "$T/mapnp.ppm" "count(0, 0, W, H, lambda c: c == (255, 255, 255)) == 0"
# --layer a: a's bars only (600 at bin 3 now the top), curves of a alone:
# longs 1100 then 600 (y 199 - round(199 x 600/1100) = 90), no shorts
$R $MB --layer a -o "$T/mapa.ppm" "$T/map.grid"
check "map --layer a: a's bars only, bin 3 full height, no b colour" \
	img "$T/mapa.ppm" "all(c == rgb($A) for c in col(140)[:90] + col(140)[91:]) and count(0, 0, W, H, lambda c: c == rgb($B)) == 0 and px(100, 90) == rgb($CL)" \
	"(px(140, 0), px(100, 90))"
$R --map -W 400 -H 200 -o "$T/mapaxes.ppm" "$T/map.grid"
check "map with axes: the plot inside a larger image, labels below, left and right, a legend above" \
	img "$T/mapaxes.ppm" "plot[2:] == (400, 200) and W > 450 and H > 240 and count(plot[0], plot[1] + 202, plot[0] + 400, H, lambda c: c == rgb(0xd2d2d7)) > 50 and count(0, plot[1], plot[0] - 2, plot[1] + 200, lambda c: c == rgb(0xd2d2d7)) > 30 and count(plot[0] + 402, plot[1], W, plot[1] + 200, lambda c: c == rgb(0xd2d2d7)) > 30 and count(0, 0, W, plot[1] - 2, lambda c: c == rgb($A)) > 20 and count(0, 0, W, plot[1] - 2, lambda c: c == rgb($B)) > 20"
check "map with axes: the same bars in the plot" \
	img "$T/mapaxes.ppm" "px(plot[0] + 140, plot[1] + 150) == rgb($A) and px(plot[0] + 140, plot[1] + 40) == rgb($B)"
$R --map -W 400 -H 200 --png -o "$T/mapaxes.png" "$T/map.grid"
check "map as PNG: the PPM's pixels" img "$T/mapaxes.png" "same('$T/mapaxes.ppm')"
# --at: the latest snapshot at or before the time (liq-cluster's rule)
cat > "$T/at.spec" <<'EOF'
start 2024-03-04
step 1h
price 100 200
bins 10
col 150 150 150 120
cell 1 0 100
col 150 150 150 150
cell 2 0 100
col 150 150 150 180
cell 8 1 100
EOF
"$MK" < "$T/at.spec" > "$T/at.grid"
$R $MB --at 2024-03-04T02:30 -o "$T/at1.ppm" "$T/at.grid"
$R $MB --at 2024-03-04T02:00 -o "$T/at2.ppm" "$T/at.grid"
$R $MB -o "$T/atlast.ppm" "$T/at.grid"
$R $MB --at 2024-03-04T03:00 -o "$T/at3.ppm" "$T/at.grid"
check "--at 02:30: the snapshot of 02:00 (column 1, close 150: the line at x 200, a bar at bin 2)" \
	img "$T/at1.ppm" "same('$T/at2.ppm') and all(c == (255, 255, 255) for c in col(200)) and px(100, 100) == rgb($A) and px(60, 100) != rgb($A)"
check "--at 03:00 is the last snapshot, the default (close 180 at x 320)" \
	img "$T/at3.ppm" "same('$T/atlast.ppm') and all(c == (255, 255, 255) for c in col(320)) and not same('$T/at1.ppm')"
fails 1 'before the first snapshot' "--at before the first snapshot: exit 1" \
	$R $MB --at 2024-03-04T00:30 -o "$T/x.ppm" "$T/at.grid"
fails 1 'the data are stale' "--at more than a step after the last snapshot: exit 1" \
	$R $MB --at 2024-03-05 -o "$T/x.ppm" "$T/at.grid"
check "failed --map runs leave no output" sh -c "! ls $T/x.ppm* 2>/dev/null | grep -q ."
fails 2 '--at: only with --map' "--at without --map" $R --at 2024-03-04T02:00 "$T/at.grid"
fails 2 '--map: not with --panel' "--map with --profile" $R --map --profile "$T/at.grid"
printf 'price 100 200\nbins 10\ncol 150 150 150 nan\ncell 1 0 100\n' | "$MK" > "$T/nan.grid"
fails 1 'no close price' "--map of a snapshot without a close: exit 1" $R --map -o "$T/x.ppm" "$T/nan.grid"

# ---------------------------------------------------------------- layers
# pairs named venue.tier: --layer takes a whole name or one part of it
cat > "$T/tier.spec" <<'EOF'
venue binance+bybit
price 100 200
bins 10
layers binance.25x.long,binance.25x.short,binance.100x.long,binance.100x.short,bybit.25x.long,bybit.25x.short
col 150 150 150 150
cell 2 0 100
cell 6 3 200
cell 4 4 400
EOF
"$MK" < "$T/tier.spec" > "$T/tier.grid"
for v in "binance:cell 2 0 100|cell 6 1 200" "25x:cell 2 0 100|cell 4 0 400" \
    "binance.25x:cell 2 0 100|#" "100x:cell 6 1 200|#" "bybit:cell 4 0 400|#"; do
	name=${v%%:*}; rest=${v#*:}
	{ printf 'venue binance+bybit\nprice 100 200\nbins 10\ncol 150 150 150 150\n'
	  echo "${rest%%|*}"; echo "${rest#*|}"; } | "$MK" > "$T/want-$name.grid"
	$R --no-axes -W 40 -H 100 --scale linear --max 20 --layer "$name" -o "$T/l-$name.ppm" "$T/tier.grid"
	$R --no-axes -W 40 -H 100 --scale linear --max 20 -o "$T/w-$name.ppm" "$T/want-$name.grid"
	check "heatmap --layer $name: the sum of the layers it names (the picture of a grid of those cells alone)" \
		cmp "$T/l-$name.ppm" "$T/w-$name.ppm"
done
$R --no-axes -W 40 -H 100 -o "$T/lall.ppm" "$T/tier.grid"
check "no --layer: all the layers summed (not one of them)" sh -c \
	"! cmp -s '$T/lall.ppm' '$T/l-binance.ppm' && ! cmp -s '$T/lall.ppm' '$T/l-bybit.ppm'"
fails 2 'unknown layer "okx": the grid.s layers are binance.25x, binance.100x, bybit.25x' \
	"--layer okx: exit 2, the grid's layers listed" $R --layer okx -o "$T/x.ppm" "$T/tier.grid"
fails 2 'unknown layer "5x"' "--layer 5x: a part must match whole (not 25x)" $R --layer 5x -o "$T/x.ppm" "$T/tier.grid"
fails 2 'unknown layer "binance.long"' "--layer binance.long: pairs, not sides" $R --layer binance.long -o "$T/x.ppm" "$T/tier.grid"
$R --no-axes -W 40 -H 100 --layer test -o "$T/lt.ppm" "$T/hot.grid"
$R --no-axes -W 40 -H 100 -o "$T/lt0.ppm" "$T/hot.grid"
check "a plain long,short grid: its one pair is named by the venue (--layer test)" cmp "$T/lt.ppm" "$T/lt0.ppm"
$R --map --no-axes -W 400 -H 200 --layer 25x -o "$T/ml.ppm" "$T/tier.grid"
check "map --layer 25x: binance.25x and bybit.25x stacked in their own colours (pairs 0 and 2)" \
	img "$T/ml.ppm" "px(100, 150) == rgb($A) and px(180, 150) == rgb(0x5ad8a6) and count(0, 0, W, H, lambda c: c == rgb($B)) == 0"

# ---------------------------------------------------------------- panels
# 4 hourly columns at -W 400: 100 pixels each.  Without axes each panel
# is 40 rows (a fifth of -H 200, at least 40), 4 rows apart, from y 204.
# OI 1000 2000 3000 2000: the axis 1000 .. 3000 + 2000/4 (room for the
# title), y = top + 39 - round((v - 1000) / 2500 x 39).  Funding 0.01%
# -0.02% 0.02% -0.01%: an axis of -0.02 .. 0.02, 0 at row 19.  Realized
# (long/short) 100/0, 0/300, unknown, 50/50: an axis of -300 .. 300.
cat > "$T/pan.spec" <<'EOF'
start 2024-03-04
step 1h
price 100 200
bins 10
col 150 152 148 150 1000 0 0 100 0 0.0001
cell 3 0 1000
col 150 160 145 155 2000 0 0 0 300 -0.0002
col 155 158 150 157 3000 0 0 nan nan 0.0002
col 157 170 155 165 2000 0 0 50 50 -0.0001
EOF
"$MK" < "$T/pan.spec" > "$T/pan.grid"
$R --no-axes -W 400 -H 200 --panel oi,funding,liq -o "$T/pan.ppm" "$T/pan.grid"
$R --no-axes -W 400 -H 200 -o "$T/nopan.ppm" "$T/pan.grid"
OI=0x4fb4ff; UP=0x26a69a; DN=0xef5350
check "--panel oi,funding,liq: three panels of 40 rows under the plot, which is unchanged" \
	img "$T/pan.ppm" "(W, H) == (400, 200 + 3 * 44) and open('$T/nopan.ppm', 'rb').read()[-400 * 200 * 3:] == data[:400 * 200 * 3]"
check "OI panel: the line through the known pixels (y 243, 227, 212, 227 at x 50, 150, 250, 350)" \
	img "$T/pan.ppm" "all(px(x, y) == rgb($OI) for x, y in ((50, 243), (150, 227), (250, 212), (350, 227), (0, 243), (399, 227))) and [c == rgb($OI) for c in col(50)].count(True) == 1 and [c == rgb($OI) for c in col(250)].count(True) == 1" \
	"[col(x).index(rgb($OI)) if rgb($OI) in col(x) else None for x in (50, 150, 250, 350)]"
check "funding panel: positive rates green up from row 267, negative red down (0.01% y 258..266, -0.02% y 268..287)" \
	img "$T/pan.ppm" "all(px(50, y) == rgb($UP) for y in range(258, 267)) and px(50, 257) != rgb($UP) and all(px(150, y) == rgb($DN) for y in range(268, 288)) and px(150, 288) != rgb($DN) and all(px(250, y) == rgb($UP) for y in range(248, 267)) and all(px(350, y) == rgb($DN) for y in range(268, 278)) and px(350, 278) != rgb($DN) and px(50, 280) != rgb($DN)" \
	"([px(50, y) for y in (257, 258, 266, 267)], [px(150, y) for y in (267, 268, 287, 288)])"
check "funding panel: the zero line at row 267, no green below it, no red above it" \
	img "$T/pan.ppm" "px(10, 267) == rgb(0x787882) and count(0, 268, W, 288, lambda c: c == rgb($UP)) == 0 and count(0, 248, W, 267, lambda c: c == rgb($DN)) == 0"
check "liq panel: shorts green up (300: y 292..310), longs red down (100: y 312..318), the unknown column empty" \
	img "$T/pan.ppm" "all(px(150, y) == rgb($UP) for y in range(292, 311)) and all(px(50, y) == rgb($DN) for y in range(312, 319)) and px(50, 319) != rgb($DN) and count(200, 292, 300, 332, lambda c: c in (rgb($UP), rgb($DN))) == 0 and px(350, 308) == rgb($UP) and px(350, 307) != rgb($UP) and px(350, 315) == rgb($DN) and px(350, 316) != rgb($DN)" \
	"([px(350, y) for y in (307, 308, 315, 316)])"
$R --no-axes -W 400 -H 200 --panel liq,oi -o "$T/pan2.ppm" "$T/pan.grid"
check "--panel liq,oi: the panels in the order given (liq first at y 204)" \
	img "$T/pan2.ppm" "H == 200 + 2 * 44 and px(150, 204) == rgb($UP) and px(50, 287) == rgb($OI)"
"$MK" --pipe < "$T/pan.spec" > "$T/panpipe.grid"
$R --no-axes -W 400 -H 200 --panel oi,funding,liq -o "$T/panpipe.ppm" "$T/panpipe.grid"
check "panels of a grid without a column count: the same bytes" cmp "$T/pan.ppm" "$T/panpipe.ppm"
$R -W 400 -H 200 --panel oi,funding,liq -o "$T/panaxes.ppm" "$T/pan.grid"
check "panels with axes: each with value labels right of it and a title" \
	img "$T/panaxes.ppm" "all(count(plot[0] + 402, y, W, y + 40, lambda c: c == rgb(0xd2d2d7)) > 20 and count(plot[0], y, plot[0] + 200, y + 12, lambda c: c == rgb(0xd2d2d7)) > 20 for y in (plot[1] + 206, plot[1] + 252, plot[1] + 298))"
sed -e 's/ 0 0 100 0 0.0001/ 0 0 nan nan nan/' -e 's/ 0 0 0 300 -0.0002/ 0 0 nan nan nan/' \
    -e 's/ 0 0 50 50 -0.0001/ 0 0 nan nan nan/' -e 's/ 0 0 nan nan 0.0002/ 0 0 nan nan nan/' "$T/pan.spec" |
	"$MK" > "$T/nodata.grid"
$R --no-axes -W 400 -H 200 --panel funding,liq -o "$T/nodata.ppm" "$T/nodata.grid"
check "no funding, no realized data: the panels say so (text, no bars)" \
	img "$T/nodata.ppm" "count(0, 204, W, H, lambda c: c in (rgb($UP), rgb($DN))) == 0 and count(0, 204, W, 244, lambda c: c == rgb(0x787882)) > 30 and count(0, 248, W, 288, lambda c: c == rgb(0x787882)) > 30"
fails 2 '--panel: a list of oi, funding and liq' "--panel volume" $R --panel oi,volume "$T/pan.grid"
fails 2 '--panel: oi given twice' "--panel oi,oi" $R --panel oi,oi "$T/pan.grid"
fails 2 '--panel: a list of oi, funding and liq' "--panel ''" $R --panel '' "$T/pan.grid"

# --------------------------------------------- funding in the grid (1.1)
# an old grid (version 1.0: 9 values per column, no funding) still reads:
# the same picture but a funding panel without data, and an empty
# funding field in the series
"$PY" -S -c '
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
hlen, mlen, nb, nl = struct.unpack_from("<4I", d, 12)
assert d[10] == 1 and struct.unpack_from("<I", d, 72)[0] == 10
h = bytearray(d[:hlen]); h[10] = 0; struct.pack_into("<I", h, 72, 9)
out, p, rec, n = bytes(h), hlen, 88 + 4 * nl * nb, 0
while d[p:p + 8] != b"\x89LIQEND\n":
    out += d[p:p + 80] + d[p + 88:p + rec]; p += rec; n += 1
open(sys.argv[2], "wb").write(out + b"\x89LIQEND\n" + struct.pack("<QII", n, zlib.crc32(out), 0))' \
	"$T/pan.grid" "$T/old.grid"
$R --no-axes -W 400 -H 200 --panel oi,liq -o "$T/old.ppm" "$T/old.grid"
$R --no-axes -W 400 -H 200 --panel oi,liq -o "$T/new.ppm" "$T/pan.grid"
check "a version 1.0 grid (no funding) reads: OI and realized panels as from the 1.1 grid" cmp "$T/old.ppm" "$T/new.ppm"
$R --no-axes -W 400 -H 200 --panel funding -o "$T/oldf.ppm" "$T/old.grid"
check "... and its funding panel says no funding data" \
	img "$T/oldf.ppm" "count(0, 204, W, H, lambda c: c in (rgb($UP), rgb($DN))) == 0 and count(0, 204, W, H, lambda c: c == rgb(0x787882)) > 30"
if [ -x "$BIN/liq-estimate" ]; then
	"$BIN/liq-estimate" --series "$T/old.series" "$T/old.grid"
	"$BIN/liq-estimate" --series "$T/new.series" "$T/pan.grid"
	check "series of the 1.0 grid: funding the last field, empty; of the 1.1 grid, the rates" sh -c \
		"head -1 '$T/old.series' | grep -q ',real_short_usd,funding\$' && sed -n 2p '$T/old.series' | grep -q ',\$' && sed -n 2p '$T/new.series' | grep -q ',0.0001\$' && sed -n 3p '$T/new.series' | grep -q ',-0.0002\$'"
fi
if [ -f "$T/s.bars" ]; then
	"$BIN/liq-estimate" -q --step 1h --series "$T/s.series" -o "$T/s1h.grid" "$T/s.bars"
	"$BIN/liq-cat" --csv --time ms --na NaN -o "$T/s.bars.csv" "$T/s.bars"
	check "liq-estimate: each column's funding is its last bar's (the sample days, hourly)" "$PY" -S -c '
import csv, sys
bars = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith("#"))]
last = {}
for r in bars:
    last[int(r["time"]) // 3600000] = r["funding"]
rows = list(csv.DictReader(open(sys.argv[2])))
assert rows and all(r["funding"] != "" for r in rows), "funding missing"
import datetime
bad = [r["time"] for r in rows if abs(float(r["funding"]) - float(last[int(datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp()) // 3600])) > 1e-9]
sys.exit(1 if bad else 0) if not bad else print("differ at", bad[:3]) or sys.exit(1)' "$T/s.bars.csv" "$T/s.series"
	$R --panel oi,funding -o "$T/sp.png" "$T/s1h.grid"
	check "the sample heatmap with OI and funding panels renders (PNG)" img "$T/sp.png" "W > 1600 and H > 900 + 2 * 180 and count(0, plot[1] + 900, W, H, lambda c: c == rgb($UP)) > 1000"
fi

echo "# cli-render-map: $n tests, $fail failed"
[ "$fail" -eq 0 ]
