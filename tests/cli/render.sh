#!/bin/sh
# cli-render.sh - command-line tests of liq-render-ppm: synthetic grids
# (made by $LIQ_BUILD/mkgrid) whose pixels are known, read back from the
# PPM with python3: hot cells, colormap ends, price line, candles, absolute
# scale, resampling, axes and labels, profile panel, golden checksums, and
# every documented error.
#   LIQ_BUILD=build sh tests/cli/render.sh BINDIR   (from the repository top)
# Prints "ok N - ..." / "not ok N - ..." lines.  UPDATE_GOLDEN=1 rewrites
# tests/golden/render-sha256.txt on purpose.
set -u
BIN=${1:-bin}
R=$BIN/liq-render-ppm
MK=${LIQ_BUILD:-build}/mkgrid
T=$(mktemp -d /tmp/liq-render.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh	# ok, notok, check, fails; counts in $n and $fail

# the interpreter itself, not a version-manager shim that costs a second
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)  # run with -S: stdlib only
[ -x "$PY" ] || PY=python3
if [ ! -x "$MK" ] || [ ! -x "$R" ]; then
	echo "not ok 1 - $MK or $R missing (make all $MK)"
	exit 1
fi

# px.py FILE EXPR [SHOW]: EXPR (Python) over the image must be true (SHOW
# is printed when not).  Names: W, H, px(x, y) -> (r, g, b), rgb(0xRRGGBB),
# plot = (x, y, w, h) from the header comment, count(x0, y0, x1, y1, pred)
# pixels in the box with pred((r, g, b)), rows(y0, y1[, OTHER]) the bytes of
# those rows (of another image), BG the background.  The header is checked
# on every load.
cat > "$T/px.py" <<'EOF'
import sys
def load(path):
    b = open(path, "rb").read()
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
    assert toks[0] == b"P6", "not P6: %r" % toks[0]
    w, h, maxv = int(toks[1]), int(toks[2]), int(toks[3])
    assert maxv == 255, "maxval %d" % maxv
    assert len(b) - i == w * h * 3, "%d bytes of pixels for %dx%d" % (len(b) - i, w, h)
    return w, h, b[i:], plot
W, H, data, plot = load(sys.argv[1])
def px(x, y):
    k = (y * W + x) * 3
    return tuple(data[k:k + 3])
def rgb(c):
    return ((c >> 16) & 255, (c >> 8) & 255, c & 255)
def count(x0, y0, x1, y1, pred):
    x0, x1 = max(x0, 0), min(x1, W)
    n = 0
    for y in range(max(y0, 0), min(y1, H)):
        r = data[(y * W + x0) * 3:(y * W + x1) * 3]
        n += sum(1 for c in zip(r[0::3], r[1::3], r[2::3]) if pred(c))
    return n
def rows(y0, y1, path=None):
    w, h, d, p = load(path) if path else (W, H, data, plot)
    return d[y0 * w * 3:y1 * w * 3]
BG = rgb(0x101014)
if not eval(sys.argv[2]):
    print("false:", sys.argv[2])
    if len(sys.argv) > 3:
        print("  ", sys.argv[3], "=", eval(sys.argv[3]))
    sys.exit(1)
EOF
px() { "$PY" -S "$T/px.py" "$@"; }

# ------------------------------------------------------------ grids
# hot: 4 columns x 10 bins over 100..200, one long cell of 1000 in column 1,
# bin 3; at -W 400 -H 200 a column is 100 pixels wide, a bin 20 high.
# Colours are densities, notional per 0.1% of price: a cell times
# 0.001 x centre / width, so the cell of 1000 at 130..140 is 13.5.
cat > "$T/hot.spec" <<'EOF'
start 2024-03-04
step 1h
price 100 200
bins 10
col 150 152 148 150
col 150 160 145 155
cell 3 0 1000
col 155 158 150 157
col 157 170 155 165
EOF
# price: the same closes, a long cell at bin 3 and a short one at bin 7 in
# the last column (for the profile).
sed -e '/^cell/d' "$T/hot.spec" > "$T/price.spec"
printf 'cell 3 0 400\ncell 7 1 200\n' >> "$T/price.spec"
"$MK" < "$T/hot.spec" > "$T/hot.grid"
"$MK" < "$T/price.spec" > "$T/price.grid"
"$MK" --pipe < "$T/hot.spec" > "$T/hotpipe.grid"

BARE="--no-axes --no-price -W 400 -H 200"
# the hot cell covers x 100..199 and rows 60..79 from the bottom: y 120..139
for cm in viridis:0xfde725:0x440154 inferno:0xfcffa4:0x000004 \
    gray:0xffffff:0x000000 longshort:0xffa08c:0x000000; do
	name=${cm%%:*}; rest=${cm#*:}; top=${rest%%:*}; bot=${rest#*:}
	$R $BARE --colormap "$name" -o "$T/hot-$name.ppm" "$T/hot.grid"
	check "$name: one hot cell is the top colour $top on exactly its 100x20 pixels" \
		px "$T/hot-$name.ppm" "W == 400 and H == 200 and px(150, 130) == rgb($top) and px(100, 120) == rgb($top) and px(199, 139) == rgb($top) and count(0, 0, W, H, lambda c: c == rgb($top)) == 2000" \
		"(px(150, 130), count(0, 0, W, H, lambda c: c == rgb($top)))"
	check "$name: the background is the bottom colour $bot" \
		px "$T/hot-$name.ppm" "count(0, 0, W, H, lambda c: c == rgb($bot)) == 400 * 200 - 2000" \
		"(px(0, 0), px(99, 130), px(200, 130))"
done
check "PPM header: P6, the plot's size, maxval 255, no trailing bytes" \
	px "$T/hot-viridis.ppm" "W == 400 and H == 200 and plot == (0, 0, 400, 200)"

# colormaps interpolate in CIELAB: gray at half the top is L* = 50, sRGB 119
$R $BARE --colormap gray --scale linear --max 27 -o "$T/half-gray.ppm" "$T/hot.grid"
check "gray, linear, --max 27: a cell of 1000 at 130..140 (13.5 per 0.1%) is (119,119,119), L* 50" \
	px "$T/half-gray.ppm" "px(150, 130) == (119, 119, 119)" "px(150, 130)"
$R $BARE --scale linear --max 27 -o "$T/half-vir.ppm" "$T/hot.grid"
check "viridis at t = 0.5 is its middle control point #21918c" \
	px "$T/half-vir.ppm" "px(150, 130) == rgb(0x21918c)" "px(150, 130)"
$R $BARE --scale sqrt --max 54 --colormap gray -o "$T/sqrt.ppm" "$T/hot.grid"
$R $BARE --scale log --max 54 --colormap gray -o "$T/log.ppm" "$T/hot.grid"
check "scales at a quarter of the top: linear < sqrt (half) < log" sh -c \
	"$R $BARE --scale linear --max 54 --colormap gray -o $T/lin.ppm $T/hot.grid &&
	$PY -S $T/px.py $T/lin.ppm 'px(150,130)[0] < 119' &&
	$PY -S $T/px.py $T/sqrt.ppm 'px(150,130) == (119,119,119)' &&
	$PY -S $T/px.py $T/log.ppm 'px(150,130)[0] > 119'"

# the price line: closes 150, 155, 157, 165 at y = 199 - floor((p-100)*2)
$R --no-axes -W 400 -H 200 -o "$T/line.ppm" "$T/price.grid"
check "price line through the known closes (150 155 157 165 at y 99 89 85 69)" \
	px "$T/line.ppm" "all(px(x, y) == rgb(0xffffff) for x, y in ((50, 99), (10, 99), (150, 89), (250, 85), (350, 69), (399, 69)))" \
	"[px(x, y) for x, y in ((50, 99), (150, 89), (250, 85), (350, 69))]"
check "... and nowhere else in those columns" \
	px "$T/line.ppm" "count(50, 0, 51, H, lambda c: c == rgb(0xffffff)) == 1 and count(250, 0, 251, H, lambda c: c == rgb(0xffffff)) == 1"
printf 'start 2024-03-04\nstep 1h\nprice 100 400\nbins 10\nlog\ncol 200 200 200 200\n' | "$MK" > "$T/log.grid"
$R --no-axes -W 100 -H 200 -o "$T/logline.ppm" "$T/log.grid"
check "log bins: 200 on a 100..400 axis is the middle row (y 99)" \
	px "$T/logline.ppm" "px(50, 99) == rgb(0xffffff) and count(50, 0, 51, H, lambda c: c == rgb(0xffffff)) == 1"
$R --no-axes --candles -W 400 -H 200 -o "$T/candles.ppm" "$T/price.grid"
check "--candles: an up candle 150->155 in column 1, body y 89..99, wick to 160/145" \
	px "$T/candles.ppm" "px(149, 94) == rgb(0x26a69a) and px(149, 79) == rgb(0x26a69a) and px(149, 109) == rgb(0x26a69a) and px(125, 94) == rgb(0x26a69a) and px(105, 94) != rgb(0x26a69a)" \
	"(px(149, 94), px(149, 79), px(125, 94), px(105, 94))"
check "--candles replaces the close line" \
	px "$T/candles.ppm" "count(0, 0, W, H, lambda c: c == rgb(0xffffff)) == 0"

# --max: the same density, the same colour, whatever else is in the grid
printf 'price 100 200\nbins 10\ncol 150 150 150 150\ncell 2 0 1000\ncell 5 0 5000\n' | "$MK" > "$T/m1.grid"
printf 'price 100 200\nbins 10\ncol 150 150 150 150\ncell 2 0 1000\ncell 5 1 50000\n' | "$MK" > "$T/m2.grid"
for g in m1 m2; do
	$R --no-axes --no-price -W 40 -H 100 --max 10000 -o "$T/$g-abs.ppm" "$T/$g.grid"
	$R --no-axes --no-price -W 40 -H 100 -o "$T/$g-auto.ppm" "$T/$g.grid"
done
c1=$("$PY" -S "$T/px.py" "$T/m1-abs.ppm" 'print(px(20, 75)) or 1')
c2=$("$PY" -S "$T/px.py" "$T/m2-abs.ppm" 'print(px(20, 75)) or 1')
check "--max 10000: 1000 is the same colour in two grids ($c1)" [ "$c1" = "$c2" ]
a1=$("$PY" -S "$T/px.py" "$T/m1-auto.ppm" 'print(px(20, 75)) or 1')
a2=$("$PY" -S "$T/px.py" "$T/m2-auto.ppm" 'print(px(20, 75)) or 1')
check "--max auto: the same 1000 differs ($a1 vs $a2)" [ "$a1" != "$a2" ]
$R --no-axes --no-price -W 40 -H 100 --max 10K -o "$T/m1-k.ppm" "$T/m1.grid"
check "--max 10K is --max 10000" cmp "$T/m1-abs.ppm" "$T/m1-k.ppm"
$R --no-axes --no-price -W 40 -H 100 --max p100 -o "$T/m1-p.ppm" "$T/m1.grid"
check "--max p100: the largest cell (5000) is the top colour, 1000 is not" \
	px "$T/m1-p.ppm" "px(20, 45) == rgb(0xfde725) and px(20, 75) != rgb(0xfde725)"

# --max is a density, notional per 0.1% of price, so it compares whatever
# the bins: 1000 in 130..140 (10 bins) and 500 in each of 130..135 and
# 135..140 (20 bins) are one row of 13.5 per 0.1% at -H 10 (per bin they
# would be 1000 and 500)
printf 'price 100 200\nbins 10\ncol 150 150 150 150\ncell 3 0 1000\n' | "$MK" > "$T/w10.grid"
printf 'price 100 200\nbins 20\ncol 150 150 150 150\ncell 6 0 500\ncell 7 0 500\n' | "$MK" > "$T/w20.grid"
for g in w10 w20; do
	$R $BARE --colormap gray --scale linear --max 27 -W 10 -H 10 -o "$T/$g.ppm" "$T/$g.grid"
done
check "--max 27: 1000 in a 10 USD bin and 500 + 500 in two 5 USD bins are the same grey, L* 50" \
	sh -c "$PY -S $T/px.py $T/w10.ppm 'px(5, 6) == (119, 119, 119)' &&
	$PY -S $T/px.py $T/w20.ppm 'px(5, 6) == (119, 119, 119)'"
# the same with the estimator: sample days at --bins 500 and 1000 over the
# same prices, one pixel row for 2 or 4 bins: the same grey nearly
# everywhere (per bin, the 1000-bin image would be half as bright)
if [ -x "$BIN/liq-ingest" ] && [ -x "$BIN/liq-estimate" ] &&
    [ -f sample-data/BTCUSDT-1m-2024-03-05.zip ]; then
	"$BIN/liq-ingest" -q -o "$T/s.bars" sample-data/BTCUSDT-1m-2024-03-04.zip \
		sample-data/BTCUSDT-1m-2024-03-05.zip
	for b in 500 1000; do
		for k in lin log; do
			lg=; [ $k = log ] && lg=--log
			"$BIN/liq-estimate" -q --oi-proxy 0.1 $lg --bins $b \
				--price-min 55000 --price-max 80000 -o "$T/e$k$b.grid" "$T/s.bars" 2>/dev/null
			$R $BARE --view full --colormap gray --scale linear --max 800K -W 400 -H 250 \
				-o "$T/e$k$b.ppm" "$T/e$k$b.grid"
		done
	done
	for k in lin log; do
		check "estimator, $k bins: --bins 500 and --bins 1000 under --max 800K differ by over 2 grey levels on < 2% of the lit pixels" \
			px "$T/e${k}500.ppm" "sum(1 for a, b in zip(rows(0, H), rows(0, H, '$T/e${k}1000.ppm')) if abs(a - b) > 2) < 0.02 * 3 * count(0, 0, W, H, lambda c: c[0] > 0)" \
			"(sum(1 for a, b in zip(rows(0, H), rows(0, H, '$T/e${k}1000.ppm')) if abs(a - b) > 2) / 3, count(0, 0, W, H, lambda c: c[0] > 0))"
	done
fi

# resampling
"$PY" -S -c '
print("price 100 300\nbins 200\nstep 1m")
for j in range(400):
    print("col 200 200 200 200")
    if j == 123: print("cell 77 0 5000")' > "$T/down.spec"
"$MK" < "$T/down.spec" > "$T/down.grid"
"$MK" --pipe < "$T/down.spec" > "$T/downpipe.grid"
$R $BARE -W 100 -H 50 -o "$T/down.ppm" "$T/down.grid"
check "400x200 cells to 100x50 pixels: the one hot cell stays, at (30, 30), top colour" \
	px "$T/down.ppm" "px(30, 30) == rgb(0xfde725) and count(0, 0, W, H, lambda c: c != rgb(0x440154)) == 1"
$R $BARE -W 100 -H 50 -o "$T/downpipe.ppm" "$T/downpipe.grid"
check "... the same from a grid without a column count (columns buffered in pairs)" \
	cmp "$T/down.ppm" "$T/downpipe.ppm"
# the hot cell at 177..178 is 5000 x 0.1775 = 887.5 per 0.1%, a sixteenth
# of it 55.46875; a cell of 4437.5 at 120..130 (x 0.0125) has that density
$R $BARE -W 100 -H 50 --scale linear --max 500 -o "$T/downabs.ppm" "$T/down.grid"
printf 'price 100 200\nbins 10\ncol 150 150 150 150\ncell 2 0 4437.5\n' | "$MK" > "$T/avg.grid"
$R $BARE -W 40 -H 100 --scale linear --max 500 -o "$T/avg.ppm" "$T/avg.grid"
a=$("$PY" -S "$T/px.py" "$T/avg.ppm" 'print(px(20, 75)) or 1')
b=$("$PY" -S "$T/px.py" "$T/downabs.ppm" 'print(px(30, 30)) or 1')
check "... and it is the area average: a hot cell over 4x4 cells shows as a cell of a sixteenth its density ($a)" [ "$a" = "$b" ]
$R $BARE -W 400 -H 200 -o "$T/hotpipe.ppm" "$T/hotpipe.grid"
check "grid without a column count (a pipe) renders the same bytes" cmp "$T/hot-viridis.ppm" "$T/hotpipe.ppm"
cat "$T/hot.grid" | $R $BARE > "$T/stdin.ppm"
check "stdin gives the same bytes as the file" cmp "$T/hot-viridis.ppm" "$T/stdin.ppm"

# an empty grid renders dark: no division by zero
printf 'price 100 200\nbins 10\ncol 150 150 150 150\ncol 150 150 150 150\n' | "$MK" > "$T/zero.grid"
check "all-zero cells: exit 0" $R -W 200 -H 100 -o "$T/zero.ppm" "$T/zero.grid"
check "all-zero cells: the plot is the bottom colour (and the price line)" \
	px "$T/zero.ppm" "count(plot[0], plot[1], plot[0] + plot[2], plot[1] + plot[3], lambda c: c not in (rgb(0x440154), rgb(0xffffff))) == 0"

# axes, labels, title, colour bar
$R -W 400 -H 200 -o "$T/axes.ppm" "$T/price.grid"
check "axes: the plot sits inside a larger image, as the header comment says" \
	px "$T/axes.ppm" "plot[2:] == (400, 200) and W > 450 and H > 230 and px(plot[0] + 350, plot[1] + 130) == rgb(0xfde725)"
check "price labels: text right of the plot" \
	px "$T/axes.ppm" "count(plot[0] + 402, plot[1], plot[0] + 460, plot[1] + 200, lambda c: c == rgb(0xd2d2d7)) > 50"
check "time labels: text below the plot" \
	px "$T/axes.ppm" "count(plot[0], plot[1] + 202, plot[0] + 400, H, lambda c: c == rgb(0xd2d2d7)) > 50"
check "title: text above the plot" \
	px "$T/axes.ppm" "count(0, 0, W, plot[1] - 2, lambda c: c == rgb(0xd2d2d7)) > 50"
check "colour bar: the colormap from top to bottom, right of the labels" \
	px "$T/axes.ppm" "any(px(x, plot[1]) == rgb(0xfde725) for x in range(plot[0] + 402, W)) and any(px(x, plot[1] + 199) == rgb(0x440154) for x in range(plot[0] + 402, W))"
check "last price marked on the axis (a box in the line colour at y of 165)" \
	px "$T/axes.ppm" "count(plot[0] + 401, plot[1] + 65, W, plot[1] + 74, lambda c: c == rgb(0xffffff)) > 30"
$R -W 400 -H 200 --title 'My title' -o "$T/title.ppm" "$T/price.grid"
check "--title changes the title band only" \
	px "$T/title.ppm" "rows(0, plot[1] - 12) != rows(0, plot[1] - 12, '$T/axes.ppm') and rows(plot[1] - 12, H) == rows(plot[1] - 12, H, '$T/axes.ppm')"
check "default title is the venue, symbol and window" sh -c \
	"$R -W 400 -H 200 --title 'test TESTUSDT  2024-03-04 00:00 to 2024-03-04 04:00 UTC  1h columns' $T/price.grid | cmp - $T/axes.ppm"
# the data's span from the grid's params data_from and data_to, when both
# are there and make sense; else the columns' span
for v in "span|param data_from=2024-03-04T00:30:00Z|param data_to=2024-03-04T03:10:00Z" \
    "from|param data_from=2024-03-04T00:30:00Z|#" \
    "bad|param data_from=2024-03-04T00:30:00Z|param data_to=soon" \
    "back|param data_from=2024-03-04T03:10:00Z|param data_to=2024-03-04T00:30:00Z"; do
	name=${v%%|*}; rest=${v#*|}
	{ echo "${rest%%|*}"; echo "${rest#*|}"; cat "$T/price.spec"; } | "$MK" > "$T/p-$name.grid"
	$R -W 400 -H 200 -o "$T/p-$name.ppm" "$T/p-$name.grid"
done
check "data_from, data_to in the params: the title's window is the data's span" sh -c \
	"$R -W 400 -H 200 --title 'test TESTUSDT  2024-03-04 00:30 to 2024-03-04 03:10 UTC  1h columns' $T/p-span.grid | cmp - $T/p-span.ppm"
check "... only data_from, data_to not a time, or data_to before data_from: the columns' span" \
	sh -c "cmp $T/p-from.ppm $T/axes.ppm && cmp $T/p-bad.ppm $T/axes.ppm && cmp $T/p-back.ppm $T/axes.ppm"
check "... and the data's span differs from the columns' one in the title only" \
	px "$T/p-span.ppm" "rows(0, plot[1] - 12) != rows(0, plot[1] - 12, '$T/axes.ppm') and rows(plot[1] - 12, H) == rows(plot[1] - 12, H, '$T/axes.ppm')"

# profile panel
$R --no-axes --profile -W 400 -H 200 -o "$T/prof.ppm" "$T/price.grid"
check "--profile: a panel right of the plot, longs red at bin 3, shorts green at bin 7" \
	px "$T/prof.ppm" "W == 484 and px(405, 130) == rgb(0xdc3c3c) and px(405, 50) == rgb(0x3cbe64) and px(405, 100) == rgb(0x1c1c22)" \
	"(W, px(405, 130), px(405, 50), px(405, 100))"
# per 0.1%: the long 400 at 130..140 is 5.4, the short 200 at 170..180 is 3.5
check "--profile: bars by density, the long one 80 pixels, the short one 80 x 3.5 / 5.4" \
	px "$T/prof.ppm" "count(404, 130, W, 131, lambda c: c == rgb(0xdc3c3c)) == 80 and count(404, 50, W, 51, lambda c: c == rgb(0x3cbe64)) == 52" \
	"(count(404, 130, W, 131, lambda c: c == rgb(0xdc3c3c)), count(404, 50, W, 51, lambda c: c == rgb(0x3cbe64)))"
$R --profile -W 400 -H 200 -o "$T/profaxes.ppm" "$T/price.grid"
check "--profile with axes: wider than without, panel present" \
	px "$T/profaxes.ppm" "W > 560 and count(plot[0] + 400, plot[1], W, plot[1] + 200, lambda c: c == rgb(0xdc3c3c)) > 40"

# determinism and goldens: a small grid per colormap, and the options
$R -W 400 -H 200 -o "$T/again.ppm" "$T/price.grid"
check "deterministic: the same grid and options give the same bytes" cmp "$T/axes.ppm" "$T/again.ppm"
G=tests/golden/render-sha256.txt
: > "$T/sums"
for v in "viridis:--colormap viridis" "inferno:--colormap inferno" \
    "longshort:--colormap longshort" "gray:--colormap gray" \
    "candles-profile:--candles --profile" "log-p99:--scale log --max p99" \
    "linear-abs:--scale linear --max 8" "bare:--no-axes"; do
	$R -W 240 -H 120 ${v#*:} "$T/price.grid" > "$T/g.ppm"
	echo "${v%%:*} $(sha256sum < "$T/g.ppm" | cut -d' ' -f1)" >> "$T/sums"
done
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
	mkdir -p tests/golden && cp "$T/sums" "$G"
	echo "# golden $G rewritten"
fi
check "golden: sha256 of 8 small renders unchanged (diff -u $G)" diff -u "$G" "$T/sums"

# a year of hourly columns at 2,000 bins (140 MB) renders, downscaled to
# 1920x1080 (its speed is measured by make bench, not here)
"$PY" -S -c '
print("start 2024-01-01\nstep 1h\nprice 20000 80000\nbins 2000")
for j in range(8760):
    print("col 40000 40100 39900 %d\nfill 0 %d\nfill 1 7\ncell %d 0 1e6" % (40000 + j % 500, j % 50 + 1, j % 2000))' |
	"$MK" > "$T/big.grid"
check "8760x2000 grid (140 MB) to a 1920x1080 plot: a picture with that plot" sh -c \
    "$R -W 1920 -H 1080 -o '$T/big.ppm' '$T/big.grid' && head -c 300 '$T/big.ppm' | grep -a -q '^# plot [0-9]* [0-9]* 1920 1080$'"
rm -f "$T/big.grid"

# ------------------------------------------------------ errors
printf 'time,open\n1,2\n' > "$T/text.csv"
fails 1 'text.csv: not a grid file' "not a grid: exit 1, named" $R -o "$T/x.ppm" "$T/text.csv"
: > "$T/empty"
fails 1 'empty input' "empty input" $R -o "$T/x.ppm" "$T/empty"
size=$(wc -c < "$T/hot.grid")
head -c $((size - 30)) "$T/hot.grid" > "$T/trunc.grid"
fails 1 'trunc.grid: truncated grid file' "truncated grid (no end marker)" $R -o "$T/x.ppm" "$T/trunc.grid"
head -c 50 "$T/hot.grid" > "$T/trunch.grid"
fails 1 'truncated grid file (in the header)' "truncated grid (in the header)" $R -o "$T/x.ppm" "$T/trunch.grid"
cat "$T/hot.grid" | head -c $((size - 30)) | $R -o "$T/x.ppm" 2> "$T/fe"
check "truncated grid on a pipe: exit 1" grep -q 'truncated grid file' "$T/fe"
"$PY" -S -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[8]=2; open(sys.argv[2],"wb").write(b)' "$T/hot.grid" "$T/v2.grid"
fails 1 'version 2.[0-9]* is newer than this program reads' "a grid of a newer major version (byte 8 = 2)" $R -o "$T/x.ppm" "$T/v2.grid"
"$PY" -S -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[-6]^=0x55; open(sys.argv[2],"wb").write(b)' "$T/hot.grid" "$T/crc.grid"
fails 1 'CRC-32 mismatch' "bad CRC-32" $R -o "$T/x.ppm" "$T/crc.grid"
"$PY" -S -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); m=int.from_bytes(b[16:20],"little"); b[80+m+8+8*3]^=0x10; open(sys.argv[2],"wb").write(b)' "$T/hot.grid" "$T/crc2.grid"
fails 1 'CRC-32 mismatch' "a changed close price fails the CRC-32" $R -o "$T/x.ppm" "$T/crc2.grid"
"$PY" -S -c '
import sys, zlib, struct
b = bytearray(open(sys.argv[1], "rb").read())
m = int.from_bytes(b[16:20], "little")
h = b[:80 + m]
h[48:56] = b"\xff" * 8
open(sys.argv[2], "wb").write(bytes(h) + b"\x89LIQEND\n" + struct.pack("<QII", 0, zlib.crc32(bytes(h)), 0))' "$T/hot.grid" "$T/nocols.grid"
fails 1 'no columns' "a grid with no columns: nothing to draw" $R -o "$T/x.ppm" "$T/nocols.grid"
"$MK" --csv < "$T/hot.spec" > "$T/csv.grid"
fails 1 'a grid in CSV form cannot be read back' "a grid in CSV form" $R -o "$T/x.ppm" "$T/csv.grid"
if [ -x "$BIN/liq-ingest" ] && [ -f sample-data/BTCUSDT-1m-2024-03-04.zip ]; then
	"$BIN/liq-ingest" -o "$T/k.bars" sample-data/BTCUSDT-1m-2024-03-04.zip
	fails 1 'not a grid file (a bars file' "a bars file: says to run liq-estimate" $R -o "$T/x.ppm" "$T/k.bars"
fi
patch() {	# patch IN OUT OFFSET HEXBYTES: overwrite bytes (negative: from the end)
	"$PY" -S -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); o=int(sys.argv[3]); v=bytes.fromhex(sys.argv[4]); o=o if o>=0 else len(b)+o; b[o:o+len(v)]=v; open(sys.argv[2],"wb").write(b)' "$@"
}
patch "$T/hot.grid" "$T/bins0.grid" 20 00000000
fails 1 'corrupt grid header (sizes out of range)' "header with 0 bins" $R -o "$T/x.ppm" "$T/bins0.grid"
patch "$T/hot.grid" "$T/ncols.grid" 48 0500000000000000
fails 1 'column count differs' "header announcing 5 columns of 4" $R -o "$T/x.ppm" "$T/ncols.grid"
m=$("$PY" -S -c 'import sys; print(int.from_bytes(open(sys.argv[1],"rb").read()[16:20],"little"))' "$T/hot.grid")
patch "$T/hot.grid" "$T/nan.grid" $((80 + m + 80 + 4 * 2)) 0000c07f
fails 1 'a cell is negative, infinite or NaN' "a NaN cell" $R -o "$T/x.ppm" "$T/nan.grid"
fails 1 'nonexistent.grid: No such file' "missing file" $R -o "$T/x.ppm" "$T/nonexistent.grid"
check "failed runs with -o leave no output and no temporary" sh -c "! ls $T/x.ppm* 2>/dev/null | grep -q ."

fails 2 '-W: not a size' "-W 0" $R -W 0 "$T/hot.grid"
fails 2 '-W: not a size' "-W abc" $R -W abc "$T/hot.grid"
fails 2 '-H: not a size' "-H 99999" $R -H 99999 "$T/hot.grid"
fails 2 '-H: not a size' "-H 10x" $R -H 10x "$T/hot.grid"
fails 2 '--colormap: viridis, inferno' "unknown colormap" $R --colormap jet "$T/hot.grid"
fails 2 '--scale: linear, sqrt or log' "unknown scale" $R --scale cubic "$T/hot.grid"
fails 2 '--max: auto, pNN or a positive amount' "--max -5" $R --max -5 "$T/hot.grid"
fails 2 '--max: auto, pNN or a positive amount' "--max 0" $R --max 0 "$T/hot.grid"
fails 2 '--max: auto, pNN or a positive amount' "--max 5X" $R --max 5X "$T/hot.grid"
fails 2 '--max: not a percentile' "--max p0" $R --max p0 "$T/hot.grid"
fails 2 '--max: not a percentile' "--max p101" $R --max p101 "$T/hot.grid"
fails 2 'usage' "unknown option" $R --bogus "$T/hot.grid"
fails 2 'give one grid' "two grids" $R "$T/hot.grid" "$T/hot.grid"
"$PY" -S -c '
import os, pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.run(sys.argv[1:], stdout=s, stderr=subprocess.PIPE)
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode)' $R "$T/hot.grid" 2> "$T/tty.err"
rc=$?
check "binary output to a terminal is refused (exit 2, says use -o)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'refusing to write binary output to a terminal' $T/tty.err"
fails 1 'stdout: write error: No space left on device' "output to a full device (/dev/full)" \
	sh -c "$R $T/hot.grid > /dev/full"
$R -o "$T/ok.ppm" "$T/hot.grid"
check "-o on success: file in place, no temporary left" sh -c "[ -s $T/ok.ppm ] && ! ls $T/ok.ppm.tmp* 2>/dev/null | grep -q ."

# the view: the prices drawn (data: the window's low..high widened, full:
# the whole axis; --price-min/--price-max by hand)
if [ -f "$T/s.bars" ]; then
	"$BIN/liq-estimate" -q --oi-proxy 0.1 -o "$T/v.grid" "$T/s.bars"
	info=$("$BIN/liq-cat" --info "$T/v.grid")
	pmin=$(echo "$info" | sed -n 's/^price_min=//p')
	pmax=$(echo "$info" | sed -n 's/^price_max=//p')
	view=$("$PY" -c '
import sys
L, U = float(sys.argv[1]), float(sys.argv[2])
m = min(max((U - L) / ((U + L) / 2), 0.03), 0.2)
print(repr(L * (1 - m)), repr(U * (1 + m)))' 	    "$(echo "$info" | sed -n 's/^price_low=//p')" 	    "$(echo "$info" | sed -n 's/^price_high=//p')")
	$R -W 400 -H 300 -o "$T/vd.ppm" "$T/v.grid"
	$R -W 400 -H 300 --price-min ${view% *} --price-max ${view#* } -o "$T/vd2.ppm" "$T/v.grid"
	$R -W 400 -H 300 --view full -o "$T/vf.ppm" "$T/v.grid"
	$R -W 400 -H 300 --price-min "$pmin" --price-max "$pmax" -o "$T/vf2.ppm" "$T/v.grid"
	check "--view data (default): low..high of the window widened by its range (3% to 20%)" \
		cmp -s "$T/vd.ppm" "$T/vd2.ppm"
	check "--view full: the grid's whole axis, not the default" sh -c \
		"cmp -s '$T/vf.ppm' '$T/vf2.ppm' && ! cmp -s '$T/vf.ppm' '$T/vd.ppm'"
fi
$R $BARE -o "$T/nv1.ppm" "$T/hot.grid"
$R $BARE --view full -o "$T/nv2.ppm" "$T/hot.grid"
check "a grid without price_low/price_high params is drawn whole" cmp -s "$T/nv1.ppm" "$T/nv2.ppm"
if [ -f "$T/v.grid" ]; then
	$R -W 400 -H 300 --price-min "${view#* }" -o "$T/vp1.ppm" "$T/v.grid"
	$R -W 400 -H 300 --price-min "${view#* }" --price-max "$pmax" -o "$T/vp2.ppm" "$T/v.grid"
	check "--price-min above the data's view: up to the axis's top, not one bin" \
		cmp -s "$T/vp1.ppm" "$T/vp2.ppm"
fi
fails 2 '--price-max must be above --price-min' "--price-max below --price-min" \
	$R --price-min 70000 --price-max 60000 "$T/hot.grid"
fails 2 '--view: unknown value' "--view wide" $R --view wide "$T/hot.grid"

check "--help prints the usage on stdout and exits 0" sh -c "$R --help | grep -q '^usage: liq-render-ppm'"
check "--version prints the program and version" sh -c "$R --version | grep -q '^liq-render-ppm [0-9]'"
fails 2 'usage: liq-render-ppm' "an unknown option: the usage, exit 2" $R --no-such-option

echo "# cli-render: $n tests, $fail failed"
[ "$fail" -eq 0 ]
