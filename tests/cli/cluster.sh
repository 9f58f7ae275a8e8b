#!/bin/sh
# cli-cluster.sh - command-line tests of liq-cluster: synthetic grids
# (written by $LIQ_BUILD/mkgrid from a text description) whose zones,
# walls and maps are worked out by hand below, golden outputs, the
# sample-data pipeline when liq-estimate is built, and every documented
# error.
#   LIQ_BUILD=build sh tests/cli/cluster.sh BINDIR   (from the top of the tree)
# Prints "ok N - ..." / "not ok N - ..." lines; exits 1 if any failed.
# UPDATE_GOLDEN=1 rewrites the golden files tests/golden/cluster-* on
# purpose.
set -u
BIN=${1:-bin}
CL=$BIN/liq-cluster
MKGRID=${LIQ_BUILD:-build}/mkgrid
T=$(mktemp -d /tmp/liq-cluster.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh	# ok, notok, check, fails; counts in $n and $fail
# same DESC EXPECTED-FILE CMD...: CMD exits 0 and prints exactly EXPECTED
same() {
	d=$1 want=$2; shift 2
	if "$@" >"$T/got" 2>"$T/err" && diff -u "$want" "$T/got" >"$T/diff"; then
		ok "$d"
	else
		notok "$d"; sed 's/^/# /' "$T/diff" "$T/err" | head -20
	fi
}
# golden NAME DESC CMD...: CMD's output against tests/golden/cluster-NAME
golden() {
	g=tests/golden/cluster-$1 d=$2; shift 2
	"$@" >"$T/golden" 2>"$T/err"
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p tests/golden && cp "$T/golden" "$g"
		echo "# golden $g rewritten"
	fi
	if diff -u "$g" "$T/golden" >"$T/diff" 2>&1; then ok "$d (diff -u $g)"; else
		notok "$d (diff -u $g)"; sed 's/^/# /' "$T/diff" "$T/err" | head -20; fi
}
if [ ! -x "$CL" ] || [ ! -x "$MKGRID" ]; then
	notok "$CL and $MKGRID are built"
	exit 1
fi

HDR=time,side,rank,price_lo,price_hi,peak_price,notional_usd,share,distance_pct
WHDR=time,position,rank,side,price_lo,price_hi,peak_price,notional_usd,share,distance_pct,score
T0=1709510400000	# 2024-03-04T00:00Z

# Every grid below has 32 bins of width 1 over [100, 132): bin i holds
# [100+i, 101+i), its centre is 100.5+i.  With close 125 a peak p is at
# 100*(p-125)/125 = 0.8*(p-125) percent.
AXES='start 2024-03-04
step 1h
price 100 132
bins 32'

# ------------------------------------------------------------ grid A
# Longs: a wide zone over bins 2..7 (150), a narrow one at bin 15 (48)
# and 2 at bin 25; long total 200.  Shorts: 30 and 70 at bins 27, 28.
"$MKGRID" > "$T/a.grid" <<EOF
$AXES
col 124 126 123 125
cell 2 0 10
cell 3 0 20
cell 4 0 50
cell 5 0 40
cell 6 0 20
cell 7 0 10
cell 15 0 48
cell 25 0 2
cell 27 1 30
cell 28 1 70
EOF
A=$T/a.grid

# default --min-share 0.02: T = 4 for longs (bin 25's 2 is below), 2 for
# shorts.  Wide zone: 102..108, peak bin 4 (50) at 104.5, -16.4%.
cat > "$T/want" <<EOF
$HDR
$T0,long,1,102,108,104.5,150,0.75,-16.4
$T0,long,2,115,116,115.5,48,0.24,-7.6
$T0,short,1,127,129,128.5,100,1,2.8
EOF
same "one wide and one narrow long zone, one short zone (default threshold)" "$T/want" $CL "$A"
golden zones.csv "golden: grid A zones" $CL "$A"

# --min-share 0.25: T = 50, only bin 4 (equal to T counts)
printf '%s\n%s\n' "$HDR" "$T0,long,1,104,105,104.5,50,0.25,-16.4" > "$T/want"
same "--min-share 0.25: a bin equal to the threshold is hot" "$T/want" $CL --side long --min-share 0.25 "$A"
printf '%s\n' "$HDR" > "$T/want"
same "--min-share 0.3: T = 60 above every bin, no zone, header only" "$T/want" $CL --side long --min-share 0.3 "$A"
printf '%s\n%s\n%s\n' "$HDR" "$T0,long,1,104,105,104.5,50,0.25,-16.4" \
	"$T0,long,2,115,116,115.5,48,0.24,-7.6" > "$T/want"
same "--min-usd 48: bins 4 (50) and 15 (48)" "$T/want" $CL --side long --min-usd 48 "$A"

# --quantile: the positive long bins sorted: 2 10 10 20 20 40 48 50 (m=8)
printf '%s\n%s\n%s\n' "$HDR" "$T0,long,1,104,106,104.5,90,0.45,-16.4" \
	"$T0,long,2,115,116,115.5,48,0.24,-7.6" > "$T/want"
same "--quantile 0.75: k=6, T=40: bins 4,5 and 15" "$T/want" $CL --side long --quantile 0.75 "$A"
printf '%s\n%s\n%s\n' "$HDR" "$T0,long,1,103,107,104.5,130,0.65,-16.4" \
	"$T0,long,2,115,116,115.5,48,0.24,-7.6" > "$T/want"
same "--quantile 0.5: k=4, T=20: bins 3..6 and 15" "$T/want" $CL --side long --quantile 0.5 "$A"
printf '%s\n%s\n' "$HDR" "$T0,long,1,104,105,104.5,50,0.25,-16.4" > "$T/want"
same "--quantile 1: only the largest bin" "$T/want" $CL --side long --quantile 1 "$A"
printf '%s\n%s\n%s\n%s\n' "$HDR" "$T0,long,1,102,108,104.5,150,0.75,-16.4" \
	"$T0,long,2,115,116,115.5,48,0.24,-7.6" "$T0,long,3,125,126,125.5,2,0.01,0.4" > "$T/want"
same "--quantile 0: every non-empty bin" "$T/want" $CL --side long --quantile 0 "$A"

# --top and --side
printf '%s\n%s\n%s\n' "$HDR" "$T0,long,1,102,108,104.5,150,0.75,-16.4" \
	"$T0,short,1,127,129,128.5,100,1,2.8" > "$T/want"
same "--top 1: the largest zone of each side" "$T/want" $CL --top 1 "$A"
printf '%s\n%s\n' "$HDR" "$T0,short,1,127,129,128.5,100,1,2.8" > "$T/want"
same "--side short: short zones only" "$T/want" $CL --side short "$A"
$CL --side long "$A" > "$T/l.csv"
check "--side long: the two long zones only" sh -c "[ \$(grep -c ',long,' $T/l.csv) = 2 ] && ! grep -q short $T/l.csv"

# --json: the same rows as JSON lines, every line parses
cat > "$T/want" <<EOF
{"time":$T0,"side":"long","rank":1,"price_lo":102,"price_hi":108,"peak_price":104.5,"notional_usd":150,"share":0.75,"distance_pct":-16.4}
{"time":$T0,"side":"long","rank":2,"price_lo":115,"price_hi":116,"peak_price":115.5,"notional_usd":48,"share":0.24,"distance_pct":-7.6}
{"time":$T0,"side":"short","rank":1,"price_lo":127,"price_hi":129,"peak_price":128.5,"notional_usd":100,"share":1,"distance_pct":2.8}
EOF
same "--json: one object per zone, no header" "$T/want" $CL --json "$A"

# stdin, '-', -o
same "standard input gives the same zones" "$T/want" sh -c "cat $A | $CL --json"
same "'-' is standard input" "$T/want" sh -c "$CL --json - < $A"
$CL --json -o "$T/o.jsonl" "$A"
check "-o FILE: written in place, no temporary left" sh -c \
	"cmp -s $T/want $T/o.jsonl && ! ls $T/o.jsonl.tmp* 2>/dev/null | grep -q ."

# ------------------------------------------------------------ walls
# Within 10%: the short zone at +2.8% (score 100/2.8) above and the long
# one at -7.6% (48/7.6) below; the wide long zone at -16.4% is too far.
$CL --walls "$A" > "$T/w.csv"
cat > "$T/want" <<EOF
$(echo $WHDR | cut -d, -f1-10)
$T0,above,1,short,127,129,128.5,100,1,2.8
$T0,below,1,long,115,116,115.5,48,0.24,-7.6
EOF
check "--walls: strongest zone above and below within 10%" sh -c \
	"cut -d, -f1-10 $T/w.csv | diff -u $T/want - && awk -F, 'NR==2 && \$11 == 100/2.8 {a=1} NR==3 && \$11 == 48/7.6 {b=1} END {exit !(a && b)}' $T/w.csv"
golden walls.csv "golden: grid A walls" $CL --walls "$A"
$CL --walls --range 20 --top 2 "$A" > "$T/w.csv"
cat > "$T/want" <<EOF
$(echo $WHDR | cut -d, -f1-10)
$T0,above,1,short,127,129,128.5,100,1,2.8
$T0,below,1,long,102,108,104.5,150,0.75,-16.4
$T0,below,2,long,115,116,115.5,48,0.24,-7.6
EOF
check "--walls --range 20 --top 2: 150/16.4 outranks 48/7.6 below price" sh -c \
	"cut -d, -f1-10 $T/w.csv | diff -u $T/want - && awk -F, 'NR==3 && \$11 == 150/16.4 {a=1} NR==4 && \$11 == 48/7.6 {b=1} END {exit !(a && b)}' $T/w.csv"
printf '%s\n%s\n' "$WHDR" "$T0,above,1,short,127,129,128.5,100,1,2.8,35.714285714285715" > "$T/want"
same "--walls --range 5: only the short zone at 2.8%" "$T/want" $CL --walls --range 5 "$A"
$CL --walls --side long "$A" > "$T/w.csv"
check "--walls --side long: only the long wall below" sh -c \
	"[ \$(wc -l < $T/w.csv) = 2 ] && grep -q '^$T0,below,1,long,115,' $T/w.csv"
# a peak within 0.1% of the close divides by 0.1: 40 / 0.1 = 400
"$MKGRID" > "$T/f.grid" <<EOF
$AXES
col 110 111 110 110.45
cell 10 0 40
EOF
check "wall score: a peak 0.045% from the close counts as 0.1% (40/0.1 = 400)" sh -c \
	"$CL --walls $T/f.grid | awk -F, 'NR==2 && \$2==\"above\" && \$11==400 {ok=1} END {exit !ok}'"

# ------------------------------------------------------------ gaps
# Column 0 (--min-usd 10): hot bins 3,4 | 5 (5, not hot) 6 (0) | 7,8 |
# 9,10,11 | 12.  Noise 6 at bin 0 and 9 at bin 30 make the total 200.
# Column 1: 50 at bins 3 and 5, one empty bin between.
"$MKGRID" > "$T/b.grid" <<EOF
$AXES
col 124 126 123 125
cell 0 0 6
cell 3 0 20
cell 4 0 30
cell 5 0 5
cell 7 0 30
cell 8 0 40
cell 12 0 60
cell 30 0 9
col 124 126 123 125
cell 3 0 50
cell 5 0 50
EOF
B=$T/b.grid
cat > "$T/want" <<EOF
$HDR
$T0,long,1,107,109,108.5,70,0.35,-13.2
$T0,long,2,112,113,112.5,60,0.3,-10
$T0,long,3,103,105,104.5,50,0.25,-16.4
EOF
same "--gap 1: runs 2 and 3 bins apart stay three zones" "$T/want" $CL --at $T0 --min-usd 10 --gap 1 "$B"
cat > "$T/want" <<EOF
$HDR
$T0,long,1,103,109,108.5,125,0.625,-13.2
$T0,long,2,112,113,112.5,60,0.3,-10
EOF
same "--gap 2: a gap of 2 merges (the 5 inside counts), one of 3 does not" "$T/want" $CL --at $T0 --min-usd 10 --gap 2 "$B"
printf '%s\n%s\n' "$HDR" "$T0,long,1,103,113,112.5,185,0.925,-10" > "$T/want"
same "--gap 3: one zone over bins 3..12" "$T/want" $CL --at $T0 --min-usd 10 --gap 3 "$B"
T1=$((T0 + 3600000))
printf '%s\n%s\n%s\n' "$HDR" "$T1,long,1,103,104,103.5,50,0.5,-17.2" "$T1,long,2,105,106,105.5,50,0.5,-15.6" > "$T/want"
same "--gap 0: one empty bin splits; equal notional ranks the lower price first" "$T/want" $CL --gap 0 "$B"
printf '%s\n%s\n' "$HDR" "$T1,long,1,103,106,103.5,100,1,-17.2" > "$T/want"
same "default --gap 1 merges across one empty bin; equal peaks: the lower bin" "$T/want" $CL "$B"

# ------------------------------------------------------------ smoothing
# 30 at bin 0, 15/90/30 at bins 9..11, 35 at bin 20 (total 200).
# --smooth 3: s0 = 30/2 = 15 (window cut at the edge), s1 = 10, s8 = 5,
# s9 = 35, s10 = 45, s11 = 40, s12 = 10, s19 = s20 = s21 = 35/3.
"$MKGRID" > "$T/c.grid" <<EOF
$AXES
col 124 126 123 125
cell 0 0 30
cell 9 0 15
cell 10 0 90
cell 11 0 30
cell 20 0 35
EOF
C=$T/c.grid
cat > "$T/want" <<EOF
$HDR
$T0,long,1,109,112,110.5,135,0.675,-11.6
$T0,long,2,100,101,100.5,30,0.15,-19.6
EOF
same "--smooth 3 --min-usd 12: the edge window is cut, not padded (s0 = 15)" "$T/want" $CL --smooth 3 --min-usd 12 "$C"
cat > "$T/want" <<EOF
$HDR
$T0,long,1,109,113,110.5,135,0.675,-11.6
$T0,long,2,119,122,119.5,35,0.175,-4.4
$T0,long,3,100,102,100.5,30,0.15,-19.6
EOF
same "--smooth 3 --min-usd 8: zones widen to smoothed bins, notional stays raw" "$T/want" $CL --smooth 3 --min-usd 8 "$C"
printf '%s\n%s\n' "$HDR" "$T0,long,1,109,112,110.5,135,0.675,-11.6" > "$T/want"
same "--smooth 3 --min-usd 20: isolated cells fall below, the cluster stays" "$T/want" $CL --smooth 3 --min-usd 20 "$C"
cat > "$T/want" <<EOF
$HDR
$T0,long,1,110,112,110.5,120,0.6,-11.6
$T0,long,2,120,121,120.5,35,0.175,-3.6
$T0,long,3,100,101,100.5,30,0.15,-19.6
EOF
same "the same without --smooth: raw cells decide" "$T/want" $CL --min-usd 20 "$C"

# a grid with one layer pair per venue: zones are found on the sums
"$MKGRID" > "$T/v.grid" <<EOF
$AXES
layers a.long,a.short,b.long,b.short
col 124 126 123 125
cell 4 0 10
cell 4 2 30
cell 28 3 5
EOF
printf '%s\n%s\n%s\n' "$HDR" "$T0,long,1,104,105,104.5,40,1,-16.4" "$T0,short,1,128,129,128.5,5,1,2.8" > "$T/want"
same "two venues: each side's layers are summed (10 + 30 at bin 4)" "$T/want" $CL "$T/v.grid"
# log axis over [100, 400) in 2 bins: edges 100, 200, 400; the peak is
# the mean of the edges, 150, and 100*(150-250)/250 = -40
"$MKGRID" > "$T/log.grid" <<EOF
start 2024-03-04
step 1h
price 100 400
bins 2
log
col 250 250 250 250
cell 0 0 10
EOF
printf '%s\n%s\n' "$HDR" "$T0,long,1,100,200,150,10,1,-40" > "$T/want"
same "log axis: the peak price is the arithmetic centre of its bin" "$T/want" $CL "$T/log.grid"

# ------------------------------------------------------------ --at, --every
# Four 6-hour columns; column k holds 100 at bin 10+k.
{
	printf 'start 2024-03-04\nstep 6h\nprice 100 132\nbins 32\n'
	for k in 0 1 2 3; do printf 'col 124 126 123 125\ncell %d 0 100\n' $((10 + k)); done
} > "$T/e.spec"
"$MKGRID" < "$T/e.spec" > "$T/e.grid"
"$MKGRID" --pipe < "$T/e.spec" > "$T/ep.grid"
E=$T/e.grid
H6=21600000
row() {	# row K: the zone row of column K
	k=$1
	d=$(awk "BEGIN { print 0.8 * ($k - 14.5) }")
	echo "$((T0 + k * H6)),long,1,$((110 + k)),$((111 + k)),$((110 + k)).5,100,1,$d"
}
{ echo "$HDR"; row 3; } > "$T/want"
same "no --at: the last column" "$T/want" $CL "$E"
same "no --at on a pipe (no column count): the last column" "$T/want" sh -c "cat $T/ep.grid | $CL"
{ echo "$HDR"; row 1; } > "$T/want"
same "--at 07:00 is the column opened at 06:00" "$T/want" $CL --at 2024-03-04T07:00 "$E"
same "--at 06:00 exactly is that column too" "$T/want" $CL --at 2024-03-04T06:00 "$E"
same "--at as epoch ms" "$T/want" $CL --at $((T0 + H6 + 1)) "$E"
{ echo "$HDR"; row 0; } > "$T/want"
same "--at 05:59:59.999 is the first column" "$T/want" $CL --at 2024-03-04T05:59:59.999Z "$E"
{ echo "$HDR"; row 0; row 2; } > "$T/want"
same "--every 12h: the columns at 00:00 and 12:00" "$T/want" $CL --every 12h "$E"
{ echo "$HDR"; row 0; row 1; row 2; row 3; } > "$T/want"
same "--every 6h (the step): every column" "$T/want" $CL --every 6h "$E"
same "--every 1h (finer than the step): every column once" "$T/want" $CL --every 1h "$E"
# multiples of 9h since the epoch: 03:00, 12:00, 21:00 (then 06:00 next day)
{ echo "$HDR"; row 0; row 2; row 3; } > "$T/want"
same "--every 9h: columns holding 03:00, 12:00 and 21:00" "$T/want" $CL --every 9h "$E"
{ echo "$HDR"; row 0; } > "$T/want"
same "--every 1d: the column holding midnight" "$T/want" $CL --every 1d "$E"
fails 1 'outside the grid.s span (2024-03-04T00:00:00Z to 2024-03-05T00:00:00Z)' \
	"--at at the end of the span: exit 1, the span named" $CL --at 2024-03-05 "$E"
fails 1 'outside the grid.s span' "--at before the span: exit 1" $CL --at 2024-03-03T23:59 "$E"
fails 1 'outside the grid.s span' "--at outside the span of a piped grid: exit 1 at the end" \
	sh -c "cat $T/ep.grid | $CL --at 2025-01-01"
fails 1 'outside the grid.s span' "... and -o leaves no file" $CL -o "$T/never.csv" --at 2025-01-01 "$E"
check "... (no file, no temporary)" sh -c "! ls $T/never.csv* 2>/dev/null | grep -q ."

# ------------------------------------------------------------ --map
# close 110.25 is in bin 10.  Longs 5, 10, 20, 40 at bins 2, 7, 9, 10 and
# 99 at bin 12 (above the close: not counted); shorts 77 at bin 3 (below:
# not counted), 1, 2, 4, 8 at bins 10, 11, 14, 31.
"$MKGRID" > "$T/m.grid" <<EOF
$AXES
col 110 111 110 110.25
cell 2 0 5
cell 7 0 10
cell 9 0 20
cell 10 0 40
cell 12 0 99
cell 3 1 77
cell 10 1 1
cell 11 1 2
cell 14 1 4
cell 31 1 8
EOF
{
	echo time,price,cum_long_usd,cum_short_usd
	i=0
	while [ $i -lt 32 ]; do
		if [ $i -le 2 ]; then cl=75; elif [ $i -le 7 ]; then cl=70
		elif [ $i -le 9 ]; then cl=60; elif [ $i -eq 10 ]; then cl=40; else cl=0; fi
		if [ $i -lt 10 ]; then cs=0; elif [ $i -eq 10 ]; then cs=1
		elif [ $i -le 13 ]; then cs=3; elif [ $i -le 30 ]; then cs=7; else cs=15; fi
		echo "$T0,$((100 + i)).5,$cl,$cs"
		i=$((i + 1))
	done
} > "$T/want"
same "--map: cumulative longs from the close down, shorts from the close up" "$T/want" $CL --map "$T/m.grid"
golden map.csv "golden: map" $CL --map "$T/m.grid"
sed -n '1p;10,13p' "$T/want" > "$T/want2"
same "--map --range 2: bins whose centre is within 2% of 110.25 (108.5..111.5)" "$T/want2" $CL --map --range 2 "$T/m.grid"

# a random grid (Park-Miller, so the same on every awk): 12 columns of 64
# bins over [100, 164), whole-number cells, the close anywhere inside
awk 'BEGIN {
	x = 12345
	print "start 2024-03-04\nstep 1h\nprice 100 164\nbins 64"
	for (c = 0; c < 12; c++) {
		x = (x * 16807) % 2147483647; cl = 100.25 + x % 6350 / 100
		printf "col %s %s %s %s\n", cl, cl, cl, cl
		for (b = 0; b < 64; b++) for (l = 0; l < 2; l++) {
			x = (x * 16807) % 2147483647
			if (x % 3 == 0) continue
			x = (x * 16807) % 2147483647
			printf "cell %d %d %d\n", b, l, x % 1000
		}
	}
}' > "$T/r.spec"
"$MKGRID" < "$T/r.spec" > "$T/r.grid"
R=$T/r.grid
# independent sums from the spec: per column, longs in bins <= k and
# shorts in bins >= k, k = int(close - 100)
awk '$1 == "col" { c++; k[c] = int($5 - 100) }
	$1 == "cell" { if ($3 == 0 && $2 <= k[c]) L[c] += $4; if ($3 == 1 && $2 >= k[c]) S[c] += $4 }
	END { for (i = 1; i <= c; i++) print i, L[i] + 0, S[i] + 0 }' "$T/r.spec" > "$T/r.sums"
$CL --map --every 1h "$R" > "$T/r.map"
check "--map --every: 12 columns x 64 bins" sh -c "[ \$(wc -l < $T/r.map) = $((12 * 64 + 1)) ]"
check "--map: cum_long never grows with price, cum_short never shrinks" awk -F, '
	NR > 1 { if ($1 == t && ($3 > pl || $4 < ps)) bad++; t = $1; pl = $3; ps = $4 }
	END { exit bad > 0 }' "$T/r.map"
check "--map: the ends hold the whole long (below the close) and short (above) sums" awk -F, '
	NR == FNR { L[$1] = $2; S[$1] = $3; next }
	FNR > 1 { if ($1 != t) { c++; t = $1; if ($3 != L[c]) bad++ } last[c] = $4 }
	END { for (i = 1; i <= c; i++) if (last[i] != S[i]) bad++; exit bad > 0 || c != 12 }' FS='[ ,]' "$T/r.sums" FS=, "$T/r.map"
golden random.csv "golden: random grid, --every 1h --smooth 3 --quantile 0.8 --top 3" \
	$CL --every 1h --smooth 3 --quantile 0.8 --top 3 "$R"
golden random-walls.jsonl "golden: random grid, walls as JSON lines" \
	$CL --walls --range 30 --top 2 --every 2h --json "$R"
$CL --every 1h --json "$R" > "$T/r.jsonl"
check "--json --every: every line is a JSON object with the CSV's keys" python3 -c '
import json, sys
keys = sys.argv[2].split(",")
n = 0
for line in open(sys.argv[1]):
    o = json.loads(line); n += 1
    assert list(o) == keys, list(o)
assert n > 12' "$T/r.jsonl" "$HDR"
check "zones: shares of a side sum to at most 1, price_lo <= peak < price_hi" sh -c "$CL --every 1h --quantile 0 $R | awk -F, '
	NR > 1 { s[\$1 \$2] += \$8; if (!(\$4 <= \$6 && \$6 < \$5)) bad++ }
	END { for (k in s) if (s[k] > 1 + 1e-12) bad++; exit bad > 0 }'"

# a column without a close: distance unknown, no walls, no map
"$MKGRID" > "$T/n.grid" <<EOF
$AXES
col nan nan nan nan
cell 4 0 50
EOF
printf '{"time":%s,"side":"long","rank":1,"price_lo":104,"price_hi":105,"peak_price":104.5,"notional_usd":50,"share":1,"distance_pct":null}\n' $T0 > "$T/want"
same "no close price: distance_pct is null in JSON" "$T/want" $CL --json "$T/n.grid"
check "no close price: NaN in CSV, no walls, no map rows" sh -c \
	"$CL $T/n.grid | grep -q ',NaN\$' && [ \$($CL --walls $T/n.grid | wc -l) = 1 ] && [ \$($CL --map $T/n.grid | wc -l) = 1 ]"

# ------------------------------------------------------------ pipeline
if [ -x "$BIN/liq-estimate" ] && [ -x "$BIN/liq-ingest" ]; then
	if $BIN/liq-ingest -o "$T/s.bars" sample-data/BTCUSDT-aggTrades-*.zip sample-data/BTCUSDT-metrics-*.zip &&
	    $BIN/liq-estimate -o "$T/s.grid" "$T/s.bars" 2>"$T/est.err"; then
		$BIN/liq-estimate "$T/s.bars" 2>/dev/null | $CL --quantile 0.9 --every 1h > "$T/s.csv"
		check "sample-data pipeline: ingest | estimate | cluster --every 1h" sh -c \
			"[ \$(cut -d, -f1 $T/s.csv | sort -u | wc -l) -gt 24 ] && awk -F, 'NR > 1 && !(\$4 <= \$6 && \$6 < \$5 && \$7 > 0 && \$8 <= 1) {bad++} END {exit bad > 0}' $T/s.csv"
		check "sample-data pipeline: a file and the pipe give the same zones" sh -c \
			"$CL --quantile 0.9 --every 1h $T/s.grid | cmp -s - $T/s.csv"
		check "sample-data pipeline: walls are above (short side) or below price as they say" sh -c \
			"$CL --walls --every 1h --top 3 $T/s.grid | awk -F, 'NR > 1 && ((\$2 == \"above\") != (\$10 >= 0)) {bad++} END {exit bad > 0}'"
	else
		notok "sample-data pipeline: liq-ingest and liq-estimate run"
		sed 's/^/# /' "$T/est.err" | head -5
	fi
else
	echo "# $BIN/liq-estimate not built: pipeline test skipped"
fi

# ------------------------------------------------------------ bad input
printf 'time,price\n1,2\n' > "$T/text.csv"
fails 1 'text.csv: not a grid file (bad magic)' "a text file is not a grid" $CL "$T/text.csv"
: > "$T/empty"
fails 1 'empty input' "empty input" $CL "$T/empty"
fails 1 'nope.grid' "missing file" $CL "$T/nope.grid"
if [ -x "$BIN/liq-ingest" ]; then
	$BIN/liq-ingest -o "$T/x.bars" sample-data/BTCUSDT-aggTrades-2024-03-04.zip
	fails 1 'a bars file: run liq-estimate on it first' "a bars file is not a grid" $CL "$T/x.bars"
fi
"$MKGRID" --csv < "$T/e.spec" > "$T/e.csv"
fails 1 'CSV form cannot be read back' "a grid in CSV form" $CL "$T/e.csv"
cp "$A" "$T/v2.grid"
printf '\002' | dd of="$T/v2.grid" bs=1 seek=8 conv=notrunc 2>/dev/null
fails 1 'grid format version 2.0 is newer than this program reads' "a grid from a newer major version" $CL "$T/v2.grid"
size=$(wc -c < "$A")
head -c 50 "$A" > "$T/cut1.grid"
fails 1 'truncated grid file (in the header)' "truncated in the header" $CL "$T/cut1.grid"
head -c $((size - 100)) "$A" > "$T/cut2.grid"
fails 1 'truncated grid file (no end marker)' "truncated in the column" $CL "$T/cut2.grid"
head -c $((size - 10)) "$A" > "$T/cut3.grid"
fails 1 'truncated grid file (in the end marker)' "truncated in the end marker" $CL "$T/cut3.grid"
fails 1 'truncated' "truncated, with --at on the first column (checked to the end)" $CL --at $T0 "$T/cut3.grid"
head -c $((size - 10)) "$A" | gzip -c > "$T/cut4.grid.gz"
fails 1 'truncated grid file' "truncated inside gzip on a pipe" sh -c "cat $T/cut4.grid.gz | $CL"
# cut in the magic, through the fixed header and metadata, in the column
# and in the end marker (each run costs a process, so not at every byte):
# exit 1 with a message naming the file, never a crash or a zone
check "grid cut at 60+ places from byte 0 to its end: exit 1 with a message, no zone" python3 -c '
import subprocess, sys
cl, grid, cut = sys.argv[1:4]
data = open(grid, "rb").read()
bad = 0
n = len(data)
cuts = sorted(set(list(range(12)) + list(range(12, 88, 4)) +
    list(range(88, n - 24, 23)) + list(range(n - 24, n, 3))))
assert len(cuts) >= 60, len(cuts)
for i in cuts:
    open(cut, "wb").write(data[:i])
    p = subprocess.run([cl, cut], capture_output=True)
    if p.returncode != 1 or b"liq-cluster: " + cut.encode() + b": " not in p.stderr \
            or p.stdout.count(b"\n") > 1:
        bad += 1
        print("cut at", i, "exit", p.returncode, p.stderr[:200])
sys.exit(bad > 0)' "$CL" "$A" "$T/cut.grid"
# flip the low byte of the float in bin 4 of the long layer (50 ->
# 50.000004): still a valid cell, so only the CRC-32 can tell
mlen=$(od -An -tu4 -j16 -N4 "$A" | tr -d ' ')
off=$((80 + mlen + 80 + 4 * 4))
cp "$A" "$T/crc.grid"
printf '\001' | dd of="$T/crc.grid" bs=1 seek=$off conv=notrunc 2>/dev/null
check "... the flipped byte is the cell (the grid differs at one byte)" sh -c "[ \$(cmp -l $A $T/crc.grid | wc -l) = 1 ]"
fails 1 'corrupt grid file (CRC-32 mismatch)' "corrupted cell: CRC-32 mismatch, exit 1" $CL "$T/crc.grid"
fails 1 'CRC-32 mismatch' "... and -o leaves no file" $CL -o "$T/crc.csv" "$T/crc.grid"
check "... (no file, no temporary)" sh -c "! ls $T/crc.csv* 2>/dev/null | grep -q ."
cp "$A" "$T/neg.grid"
printf '\000\000\200\277' | dd of="$T/neg.grid" bs=1 seek=$off conv=notrunc 2>/dev/null
fails 1 'a cell is negative, infinite or NaN' "a negative cell (-1.0): exit 1" $CL "$T/neg.grid"

# output errors
fails 1 'stdout: write error' "output to a full device (> /dev/full): exit 1" sh -c "$CL $A > /dev/full"
fails 1 'write error' "--every --map to a full device stops with exit 1" sh -c "$CL --map --every 1h $R > /dev/full"

# usage errors exit 2
fails 2 'smooth: the window must be an odd number' "--smooth 2 (even)" $CL --smooth 2 "$A"
fails 2 'smooth: not a whole number' "--smooth 0" $CL --smooth 0 "$A"
fails 2 'smooth: not a whole number' "--smooth abc" $CL --smooth abc "$A"
fails 2 'min-share: not a number from 0 to 1' "--min-share 1.5" $CL --min-share 1.5 "$A"
fails 2 'min-share: not a number' "--min-share -0.1" $CL --min-share -0.1 "$A"
fails 2 'min-share: not a number' "--min-share 0.02x (trailing garbage)" $CL --min-share 0.02x "$A"
fails 2 'min-usd: not a number' "--min-usd -1" $CL --min-usd -1 "$A"
fails 2 'min-usd: not a number' "--min-usd nan" $CL --min-usd nan "$A"
fails 2 'quantile: not a number from 0 to 1' "--quantile 2" $CL --quantile 2 "$A"
fails 2 'gap: not a whole number' "--gap -1" $CL --gap -1 "$A"
fails 2 'top: not a whole number' "--top 1.5" $CL --top 1.5 "$A"
fails 2 'range: not a number' "--range 0" $CL --walls --range 0 "$A"
fails 2 'every: not a duration' "--every 0" $CL --every 0 "$A"
fails 2 'a duration needs a unit: "60"' "--every 60 (no unit)" $CL --every 60 "$A"
fails 2 'every: not a duration' "--every 5x" $CL --every 5x "$A"
fails 2 'at: not a time' "--at 2024-13-01" $CL --at 2024-13-01 "$A"
fails 2 'side: long, short or both' "--side up" $CL --side up "$A"
fails 2 'give one of --min-share, --min-usd and --quantile' "two thresholds" $CL --min-usd 5 --quantile 0.5 "$A"
fails 2 'give one of --at and --every' "--at with --every" $CL --at $T0 --every 1h "$A"
fails 2 'give one of --walls and --map' "--walls with --map" $CL --walls --map "$A"
fails 2 'top does not apply to --map' "--top with --map" $CL --map --top 3 "$A"
fails 2 'range applies to --walls and --map' "--range on zones" $CL --range 5 "$A"
fails 2 'give one grid' "two grids" $CL "$A" "$A"
fails 2 'usage' "unknown option" $CL --bogus "$A"
check "--help prints the usage and exits 0" sh -c "$CL --help | grep -q '^usage: liq-cluster'"

# the man page's SYNOPSIS is the usage, word for word
if command -v mandoc > /dev/null 2>&1; then
	$CL --help | sed 's/^usage: //' | tr -s ' \t\n' '   ' | sed 's/ *$//' > "$T/u1"
	mandoc -Tascii man/liq-cluster.1 | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
		sed '1d;$d' | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//' > "$T/u2"
	check "man page SYNOPSIS matches the usage word for word" diff -u "$T/u1" "$T/u2"
	check "mandoc -Tlint: no warnings or errors" sh -c \
		"! mandoc -Tlint -Wwarning man/liq-cluster.1 2>&1 | grep ."
fi

echo "# cli-cluster: $n tests, $fail failed"
[ "$fail" -eq 0 ]
