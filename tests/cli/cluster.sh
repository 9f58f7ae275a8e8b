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

HDR=time,close,side,zone_rank,price_lo,price_hi,peak_price,notional_usd,share,distance_pct
WHDR=time,close,position,wall_rank,side,price_lo,price_hi,peak_price,notional_usd,share,distance_pct,score
MHDR=time,close,price,cum_long_usd,cum_short_usd
T0=1709510400000	# 2024-03-04T00:00Z
# a 1h column opened at T0 is the snapshot (the book at its end) at 01:00
S0=2024-03-04T01:00:00Z,125
S1=2024-03-04T02:00:00Z,125

# Every grid below has 32 bins of width 1 over [100, 132): bin i holds
# [100+i, 101+i), its centre is 100.5+i.  With close 125 a peak p is at
# 100*(p-125)/125 = 0.8*(p-125) percent, and a bin is 0.8% of price
# wide: without smoothing (--smooth 0) a cell x is a density of x/0.8 =
# 1.25x per 1% of price.  With the default 1% window (+-0.625 around a
# bin's centre) s[i] = x[i] + 0.125 (x[i-1] + x[i+1]).
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

# defaults: T = 0.05 * 200 = 10 per 1% for longs: s = 12.5 at bins 2
# and 7 (10 + 0.125*20), 48 at bin 15, 2 at bin 25 (not hot), 1.25 at
# bins 1 and 8.  Shorts T = 5: s29 = 0.125*70 = 8.75 makes the empty bin
# 29 part of the zone, s26 = 3.75 does not.
cat > "$T/want" <<EOF
$HDR
$S0,long,1,102,108,104.5,150,0.75,-16.4
$S0,long,2,115,116,115.5,48,0.24,-7.6
$S0,short,1,127,130,128.5,100,1,2.8
EOF
same "defaults: one wide and one narrow long zone, one short zone widened by the 1% window" "$T/want" $CL "$A"
golden zones.csv "golden: grid A zones" $CL "$A"
sed 's/,127,130,/,127,129,/' "$T/want" > "$T/want2"
same "--smooth 0: raw cells, the short zone is bins 27..28" "$T/want2" $CL --smooth 0 "$A"

# --min-share is a share of the side's total per 1% of price; on a grid
# whose close is 100 a bin is 1% wide, so bin 4's 50 of 80 is 0.625 per 1%
"$MKGRID" > "$T/q.grid" <<EOF
$AXES
col 100 100 100 100
cell 4 0 50
cell 5 0 30
EOF
Q=$T/q.grid
printf '%s\n%s\n' "$HDR" "2024-03-04T01:00:00Z,100,long,1,104,105,104.5,50,0.625,4.5" > "$T/want"
same "--min-share 0.625 --smooth 0: a bin equal to the threshold is hot" "$T/want" $CL --side long --smooth 0 --min-share 0.625 "$Q"
printf '%s\n%s\n' "$HDR" "$S0,,,,,,,," > "$T/want"
same "--min-share 0.32: T = 64 per 1% above every bin (62.5 at most): one row, time and close only" "$T/want" $CL -q --side long --smooth 0 --min-share 0.32 "$A"
fails 0 'no zones at 2024-03-04T01:00:00Z.*--quantile' "... and a note on stderr that suggests --quantile" $CL --side long --smooth 0 --min-share 0.32 "$A"
check "... -q silences the note" sh -c "$CL -q --smooth 0 --min-share 0.32 $A 2>&1 >/dev/null | wc -c | grep -qx 0"
printf '%s\n%s\n' "$HDR" "$S0,NA,NA,NA,NA,NA,NA,NA,NA" > "$T/want"
same "--na NA: the missing fields say NA" "$T/want" $CL -q --na NA --side long --smooth 0 --min-share 0.32 "$A"
printf '{"time":"2024-03-04T01:00:00Z","close":125,"side":null,"zone_rank":null,"price_lo":null,"price_hi":null,"peak_price":null,"notional_usd":null,"share":null,"distance_pct":null}\n' > "$T/want"
same "--json: missing fields are null" "$T/want" $CL -q --json --side long --smooth 0 --min-share 0.32 "$A"
printf '%s\n%s\n%s\n' "$HDR" "$S0,long,1,104,105,104.5,50,0.25,-16.4" \
	"$S0,long,2,115,116,115.5,48,0.24,-7.6" > "$T/want"
same "--min-usd 59 --smooth 0: bins 4 (62.5 per 1%) and 15 (60), not 5 (50)" "$T/want" $CL --side long --smooth 0 --min-usd 59 "$A"

# --quantile: the positive long bins sorted: 2 10 10 20 20 40 48 50 (m=8)
printf '%s\n%s\n%s\n' "$HDR" "$S0,long,1,104,106,104.5,90,0.45,-16.4" \
	"$S0,long,2,115,116,115.5,48,0.24,-7.6" > "$T/want"
same "--quantile 0.75: k=6, T=40: bins 4,5 and 15" "$T/want" $CL --side long --smooth 0 --quantile 0.75 "$A"
printf '%s\n%s\n%s\n' "$HDR" "$S0,long,1,103,107,104.5,130,0.65,-16.4" \
	"$S0,long,2,115,116,115.5,48,0.24,-7.6" > "$T/want"
same "--quantile 0.5: k=4, T=20: bins 3..6 and 15" "$T/want" $CL --side long --smooth 0 --quantile 0.5 "$A"
printf '%s\n%s\n' "$HDR" "$S0,long,1,104,105,104.5,50,0.25,-16.4" > "$T/want"
same "--quantile 1: only the largest bin" "$T/want" $CL --side long --smooth 0 --quantile 1 "$A"
printf '%s\n%s\n%s\n%s\n' "$HDR" "$S0,long,1,102,108,104.5,150,0.75,-16.4" \
	"$S0,long,2,115,116,115.5,48,0.24,-7.6" "$S0,long,3,125,126,125.5,2,0.01,0.4" > "$T/want"
same "--quantile 0: every non-empty bin" "$T/want" $CL --side long --smooth 0 --quantile 0 "$A"

# --top and --side
printf '%s\n%s\n%s\n' "$HDR" "$S0,long,1,102,108,104.5,150,0.75,-16.4" \
	"$S0,short,1,127,130,128.5,100,1,2.8" > "$T/want"
same "--top 1: the largest zone of each side" "$T/want" $CL --top 1 "$A"
printf '%s\n%s\n' "$HDR" "$S0,short,1,127,130,128.5,100,1,2.8" > "$T/want"
same "--side short: short zones only" "$T/want" $CL --side short "$A"
$CL --side long "$A" > "$T/l.csv"
check "--side long: the two long zones only" sh -c "[ \$(grep -c ',long,' $T/l.csv) = 2 ] && ! grep -q short $T/l.csv"

# --json: the same rows as JSON lines, times as ISO strings
cat > "$T/want" <<EOF
{"time":"2024-03-04T01:00:00Z","close":125,"side":"long","zone_rank":1,"price_lo":102,"price_hi":108,"peak_price":104.5,"notional_usd":150,"share":0.75,"distance_pct":-16.4}
{"time":"2024-03-04T01:00:00Z","close":125,"side":"long","zone_rank":2,"price_lo":115,"price_hi":116,"peak_price":115.5,"notional_usd":48,"share":0.24,"distance_pct":-7.6}
{"time":"2024-03-04T01:00:00Z","close":125,"side":"short","zone_rank":1,"price_lo":127,"price_hi":130,"peak_price":128.5,"notional_usd":100,"share":1,"distance_pct":2.8}
EOF
same "--json: one object per zone, no header" "$T/want" $CL --json "$A"
sed 's/"2024-03-04T01:00:00Z"/1709514000000/' "$T/want" > "$T/want2"
same "--json --time ms: times are numbers of milliseconds" "$T/want2" $CL --json --time ms "$A"

# stdin, '-', -o
same "standard input gives the same zones" "$T/want" sh -c "cat $A | $CL --json"
same "'-' is standard input" "$T/want" sh -c "$CL --json - < $A"
$CL --json -o "$T/o.jsonl" "$A"
check "-o FILE: written in place, no temporary left" sh -c \
	"cmp -s $T/want $T/o.jsonl && ! ls $T/o.jsonl.tmp* 2>/dev/null | grep -q ."

# ------------------------------------------------------------ CSV style
# by default notional is whole and shares have 6 significant digits;
# --exact writes what reads back (the float 20.4 and its share of 30.4)
"$MKGRID" > "$T/st.grid" <<EOF
$AXES
col 124 126 123 125
cell 4 0 20.4
cell 20 0 10
EOF
cat > "$T/want" <<EOF
$HDR
1709514000000,125,long,1,104,105,104.5,20,0.671053,-16.4
1709514000000,125,long,2,120,121,120.5,10,0.328947,-3.6
EOF
same "--time ms, default numbers: notional whole, shares to 6 digits" "$T/want" $CL --time ms --smooth 0 "$T/st.grid"
$CL --exact --smooth 0 "$T/st.grid" > "$T/ex.csv"
check "--exact: numbers that read back exactly (20.4 as a float, its share of 30.4)" awk -F, \
	'NR == 2 && $1 == "2024-03-04T01:00:00Z" && $8 == 20.399999618530273 && $9 == 20.399999618530273 / 30.399999618530273 { ok = 1 } END { exit !ok }' "$T/ex.csv"

# ------------------------------------------------------------ walls
# Within 10%: the short zone at +2.8% (score 100/2.8) above and the long
# one at -7.6% (48/7.6) below; the wide long zone at -16.4% is too far.
$CL --walls --exact "$A" > "$T/w.csv"
cat > "$T/want" <<EOF
$(echo $WHDR | cut -d, -f1-11)
$S0,above,1,short,127,130,128.5,100,1,2.8
$S0,below,1,long,115,116,115.5,48,0.24,-7.6
EOF
check "--walls: strongest zone above and below within 10%" sh -c \
	"cut -d, -f1-11 $T/w.csv | diff -u $T/want - && awk -F, 'NR==2 && \$12 == 100/2.8 {a=1} NR==3 && \$12 == 48/7.6 {b=1} END {exit !(a && b)}' $T/w.csv"
golden walls.csv "golden: grid A walls" $CL --walls "$A"
$CL --walls --exact --range 20 --top 2 "$A" > "$T/w.csv"
cat > "$T/want" <<EOF
$(echo $WHDR | cut -d, -f1-11)
$S0,above,1,short,127,130,128.5,100,1,2.8
$S0,below,1,long,102,108,104.5,150,0.75,-16.4
$S0,below,2,long,115,116,115.5,48,0.24,-7.6
EOF
check "--walls --range 20 --top 2: 150/16.4 outranks 48/7.6 below price" sh -c \
	"cut -d, -f1-11 $T/w.csv | diff -u $T/want - && awk -F, 'NR==3 && \$12 == 150/16.4 {a=1} NR==4 && \$12 == 48/7.6 {b=1} END {exit !(a && b)}' $T/w.csv"
printf '%s\n%s\n' "$WHDR" "$S0,above,1,short,127,130,128.5,100,1,2.8,35.7143" > "$T/want"
same "--walls --range 5: only the short zone at 2.8% (score to 6 digits)" "$T/want" $CL --walls --range 5 "$A"
$CL --walls --side long "$A" > "$T/w.csv"
check "--walls --side long: only the long wall below" sh -c \
	"[ \$(wc -l < $T/w.csv) = 2 ] && grep -q '^$S0,below,1,long,115,' $T/w.csv"
printf '%s\n%s\n' "$WHDR" "$S0,,,,,,,,,," > "$T/want"
same "--walls --range 1: no wall within 1%: one row, time and close only" "$T/want" $CL -q --walls --range 1 "$A"
# a peak within 0.1% of the close divides by 0.1: 40 / 0.1 = 400
"$MKGRID" > "$T/f.grid" <<EOF
$AXES
col 110 111 110 110.45
cell 10 0 40
EOF
check "wall score: a peak 0.045% from the close counts as 0.1% (40/0.1 = 400)" sh -c \
	"$CL --walls --smooth 0 $T/f.grid | awk -F, 'NR==2 && \$3==\"above\" && \$12==400 {ok=1} END {exit !ok}'"

# ------------------------------------------------------------ gaps
# Column 0 (--smooth 0 --min-usd 12: cells of 10 or more): hot bins 3,4
# | 5 (5, not hot) 6 (0) | 7,8 | 9,10,11 | 12: gaps of 2 bins (1.6% of
# price) and 3 bins (2.4%).  Noise 6 at bin 0 and 9 at bin 30 make the
# total 200.  Column 1: 50 at bins 3 and 5, one empty bin (0.8%) between.
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
G="--at 2024-03-04T01:00 --smooth 0 --min-usd 12"
cat > "$T/want" <<EOF
$HDR
$S0,long,1,107,109,108.5,70,0.35,-13.2
$S0,long,2,112,113,112.5,60,0.3,-10
$S0,long,3,103,105,104.5,50,0.25,-16.4
EOF
same "--gap 1: runs 1.6% and 2.4% apart stay three zones" "$T/want" $CL $G --gap 1 "$B"
cat > "$T/want" <<EOF
$HDR
$S0,long,1,103,109,108.5,125,0.625,-13.2
$S0,long,2,112,113,112.5,60,0.3,-10
EOF
same "--gap 2: a gap of 1.6% merges (the 5 inside counts), one of 2.4% does not" "$T/want" $CL $G --gap 2 "$B"
printf '%s\n%s\n' "$HDR" "$S0,long,1,103,113,112.5,185,0.925,-10" > "$T/want"
same "--gap 2.5: one zone over bins 3..12" "$T/want" $CL $G --gap 2.5 "$B"
printf '%s\n%s\n%s\n' "$HDR" "$S1,long,1,103,104,103.5,50,0.5,-17.2" "$S1,long,2,105,106,105.5,50,0.5,-15.6" > "$T/want"
same "--gap 0: one empty bin splits; equal notional ranks the lower price first" "$T/want" $CL --smooth 0 --gap 0 "$B"
same "the default gap (0.5%) does not span one empty bin of 0.8%" "$T/want" $CL --smooth 0 "$B"
printf '%s\n%s\n' "$HDR" "$S1,long,1,103,106,103.5,100,1,-17.2" > "$T/want"
same "--gap 1 spans it; equal peaks: the lower bin" "$T/want" $CL --smooth 0 --gap 1 "$B"
# the default 1% window: s2 = s6 = 0.125*50 = 6.25 and s4 = 12.5 reach T = 5
printf '%s\n%s\n' "$HDR" "$S1,long,1,102,107,103.5,100,1,-17.2" > "$T/want"
same "the default 1% window fills the empty bin (12.5 per 1%) and widens the zone: one zone" "$T/want" $CL "$B"

# ------------------------------------------------------------ smoothing
# 30 at bin 0, 15/90/30 at bins 9..11, 35 at bin 20 (total 200).
# --smooth 2.4 (3 bins of 0.8%: the window is bins i-1..i+1 exactly):
# s = their sum / 2.4, nothing outside the axis: s0 = s1 = 30/2.4 =
# 12.5, s8 = 6.25, s9 = 43.75, s10 = 56.25, s11 = 50, s12 = 12.5,
# s19 = s20 = s21 = 35/2.4 = 14.58.
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
$S0,long,1,109,112,110.5,135,0.675,-11.6
$S0,long,2,119,122,119.5,35,0.175,-4.4
EOF
same "--smooth 2.4 --min-usd 13: the window past the axis holds nothing (s0 = 12.5, not hot)" "$T/want" $CL --smooth 2.4 --min-usd 13 "$C"
cat > "$T/want" <<EOF
$HDR
$S0,long,1,109,113,110.5,135,0.675,-11.6
$S0,long,2,119,122,119.5,35,0.175,-4.4
$S0,long,3,100,102,100.5,30,0.15,-19.6
EOF
same "--smooth 2.4 --min-usd 12: zones widen to smoothed bins, notional stays raw" "$T/want" $CL --smooth 2.4 --min-usd 12 "$C"
printf '%s\n%s\n' "$HDR" "$S0,long,1,109,112,110.5,135,0.675,-11.6" > "$T/want"
same "--smooth 2.4 --min-usd 20: isolated cells fall below, the cluster stays" "$T/want" $CL --smooth 2.4 --min-usd 20 "$C"
cat > "$T/want" <<EOF
$HDR
$S0,long,1,110,112,110.5,120,0.6,-11.6
$S0,long,2,120,121,120.5,35,0.175,-3.6
$S0,long,3,100,101,100.5,30,0.15,-19.6
EOF
same "the same with --smooth 0 (cells of 16 or more): raw cells decide" "$T/want" $CL --smooth 0 --min-usd 20 "$C"

# a grid with one layer pair per venue: zones are found on the sums
"$MKGRID" > "$T/v.grid" <<EOF
$AXES
layers a.long,a.short,b.long,b.short
col 124 126 123 125
cell 4 0 10
cell 4 2 30
cell 28 3 5
EOF
printf '%s\n%s\n%s\n' "$HDR" "$S0,long,1,104,105,104.5,40,1,-16.4" "$S0,short,1,128,129,128.5,5,1,2.8" > "$T/want"
same "two venues: each side's layers are summed (10 + 30 at bin 4)" "$T/want" $CL --smooth 0 "$T/v.grid"
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
printf '%s\n%s\n' "$HDR" "2024-03-04T01:00:00Z,250,long,1,100,200,150,10,1,-40" > "$T/want"
same "log axis: the peak price is the arithmetic centre of its bin" "$T/want" $CL --quantile 0 "$T/log.grid"

# ------------------------------------------------------------ --at, --every
# Four 6-hour columns; column k holds 100 at bin 10+k; its snapshot is
# at its end, 06:00 ... 24:00.
{
	printf 'start 2024-03-04\nstep 6h\nprice 100 132\nbins 32\n'
	for k in 0 1 2 3; do printf 'col 124 126 123 125\ncell %d 0 100\n' $((10 + k)); done
} > "$T/e.spec"
"$MKGRID" < "$T/e.spec" > "$T/e.grid"
"$MKGRID" --pipe < "$T/e.spec" > "$T/ep.grid"
E=$T/e.grid
H6=21600000
row() {	# row K: the zone row of column K, at its snapshot (ms)
	k=$1
	d=$(awk "BEGIN { print 0.8 * ($k - 14.5) }")
	echo "$((T0 + (k + 1) * H6)),125,long,1,$((110 + k)),$((111 + k)),$((110 + k)).5,100,1,$d"
}
CE="$CL --time ms --smooth 0"
{ echo "$HDR"; row 3; } > "$T/want"
same "no --at: the last snapshot, stamped with the column's end" "$T/want" $CE "$E"
same "no --at on a pipe (no column count): the last snapshot" "$T/want" sh -c "cat $T/ep.grid | $CE"
same "--at 2024-03-05T00:00, the last snapshot itself" "$T/want" $CE --at 2024-03-05 "$E"
same "--at one step after the last snapshot: still it" "$T/want" $CE --at 2024-03-05T06:00 "$E"
{ echo "$HDR"; row 0; } > "$T/want"
same "--at 07:00: the book taken at 06:00, not the column open from 06:00 to 12:00" "$T/want" $CE --at 2024-03-04T07:00 "$E"
same "--at 06:00 exactly: the snapshot at 06:00" "$T/want" $CE --at 2024-03-04T06:00 "$E"
same "--at 11:59:59.999 (epoch ms): still the 06:00 snapshot" "$T/want" $CE --at $((T0 + 2 * H6 - 1)) "$E"
same "--at on a pipe: the latest snapshot at or before it" "$T/want" sh -c "cat $T/ep.grid | $CE --at 2024-03-04T11:00"
{ echo "$HDR"; row 1; } > "$T/want"
same "--at 12:00: the snapshot at 12:00" "$T/want" $CE --at 2024-03-04T12:00 "$E"
fails 1 'before the first snapshot (2024-03-04T06:00:00Z)' \
	"--at before the first snapshot: exit 1, the first snapshot named" $CL --at 2024-03-04T05:59:59.999Z "$E"
fails 1 'before the first snapshot (2024-03-04T06:00:00Z)' "... on a pipe too" \
	sh -c "cat $T/ep.grid | $CL --at 2024-03-04T00:00"
fails 1 'more than one step (6h) after the last snapshot (2024-03-05T00:00:00Z): the data are stale' \
	"--at more than a step after the last snapshot: exit 1, stale" $CL --at 2024-03-05T06:00:00.001Z "$E"
fails 1 'after the last snapshot (2024-03-05T00:00:00Z)' "... on a pipe too" \
	sh -c "cat $T/ep.grid | $CL --at 2025-01-01"
fails 1 'after the last snapshot' "... and -o leaves no file" $CL -o "$T/never.csv" --at 2025-01-01 "$E"
check "... (no file, no temporary)" sh -c "! ls $T/never.csv* 2>/dev/null | grep -q ."
{ echo "$HDR"; row 1; row 3; } > "$T/want"
same "--every 12h: the snapshots at 12:00 and 24:00" "$T/want" $CE --every 12h "$E"
{ echo "$HDR"; row 0; row 1; row 2; row 3; } > "$T/want"
same "--every 6h (the step): every snapshot" "$T/want" $CE --every 6h "$E"
{ echo "$HDR"; row 3; } > "$T/want"
same "--every 1d: the snapshot at midnight" "$T/want" $CE --every 1d "$E"
fails 2 "--every 1h: not a multiple of the grid's step (6h)" "--every finer than the step: exit 2, the step named" $CL --every 1h "$E"
fails 2 "--every 9h: not a multiple of the grid's step (6h)" "--every 9h, not a multiple of 6h: exit 2" $CL --every 9h "$E"
# data_to: the data end inside the last column, at 21:00: that is its snapshot
{ printf 'param data_to=2024-03-04T21:00:00Z\n'; cat "$T/e.spec"; } | "$MKGRID" > "$T/dt.grid"
{ echo "$HDR"; row 3; } | sed "s/^$((T0 + 4 * H6)),/$((T0 + 3 * H6 + 3 * 3600000)),/" > "$T/want"
same "data_to inside the last column: the last snapshot is at 21:00" "$T/want" $CE "$T/dt.grid"
same "--at 22:00: the 21:00 snapshot" "$T/want" $CE --at 2024-03-04T22:00 "$T/dt.grid"
{ echo "$HDR"; row 2; } > "$T/want"
same "--at 20:00: the 18:00 snapshot (never the book of 21:00)" "$T/want" $CE --at 2024-03-04T20:00 "$T/dt.grid"
fails 1 'after the last snapshot (2024-03-04T21:00:00Z)' "data_to: stale after 21:00 + 6h" $CL --at 2024-03-05T03:00:00.001Z "$T/dt.grid"
{ echo "$HDR"; row 1; } > "$T/want"
same "--every 12h: 21:00 is not a multiple, so only 12:00" "$T/want" $CE --every 12h "$T/dt.grid"

# --every with snapshots that have no zones: one row each, and a note
cat > "$T/want" <<EOF
$HDR
$S0,long,1,112,113,112.5,60,0.3,-10
$S1,,,,,,,,
EOF
same "--every 1h --min-usd 70: the snapshot without a zone has a row with time and close" "$T/want" $CL -q --every 1h --smooth 0 --min-usd 70 "$B"
fails 0 '^liq-cluster: 1 of 2 snapshots have no zones$' "... and a one-line note: 1 of 2 snapshots have no zones" $CL --every 1h --smooth 0 --min-usd 70 "$B"
check "... -q silences it" sh -c "$CL -q --every 1h --smooth 0 --min-usd 70 $B 2>&1 >/dev/null | wc -c | grep -qx 0"

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
	echo "$MHDR"
	i=0
	while [ $i -lt 32 ]; do
		if [ $i -le 2 ]; then cl=75; elif [ $i -le 7 ]; then cl=70
		elif [ $i -le 9 ]; then cl=60; elif [ $i -eq 10 ]; then cl=40; else cl=0; fi
		if [ $i -lt 10 ]; then cs=0; elif [ $i -eq 10 ]; then cs=1
		elif [ $i -le 13 ]; then cs=3; elif [ $i -le 30 ]; then cs=7; else cs=15; fi
		echo "2024-03-04T01:00:00Z,110.25,$((100 + i)).5,$cl,$cs"
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
check "--map --every: 12 snapshots x 64 bins" sh -c "[ \$(wc -l < $T/r.map) = $((12 * 64 + 1)) ]"
check "--map: cum_long never grows with price, cum_short never shrinks" awk -F, '
	NR > 1 { if ($1 == t && ($4 > pl || $5 < ps)) bad++; t = $1; pl = $4; ps = $5 }
	END { exit bad > 0 }' "$T/r.map"
check "--map: the ends hold the whole long (below the close) and short (above) sums" awk -F, '
	NR == FNR { L[$1] = $2; S[$1] = $3; next }
	FNR > 1 { if ($1 != t) { c++; t = $1; if ($4 != L[c]) bad++ } last[c] = $5 }
	END { for (i = 1; i <= c; i++) if (last[i] != S[i]) bad++; exit bad > 0 || c != 12 }' FS='[ ,]' "$T/r.sums" FS=, "$T/r.map"
golden random.csv "golden: random grid, --every 1h --smooth 3 --quantile 0.8 --top 3" \
	$CL --every 1h --smooth 3 --quantile 0.8 --top 3 "$R"
golden random-walls.jsonl "golden: random grid, walls as JSON lines" \
	$CL --walls --range 30 --top 2 --every 2h --json "$R"
$CL -q --every 1h --json "$R" > "$T/r.jsonl"
check "--json --every: every line is a JSON object with the CSV's keys, times ISO strings" python3 -c '
import json, sys
keys = sys.argv[2].split(",")
n = 0
for line in open(sys.argv[1]):
    o = json.loads(line); n += 1
    assert list(o) == keys, list(o)
    assert isinstance(o["time"], str) and o["time"].endswith("Z"), o
assert n > 12' "$T/r.jsonl" "$HDR"
check "zones: shares of a side sum to at most 1, price_lo <= peak < price_hi" sh -c "$CL --exact --every 1h --quantile 0 $R | awk -F, '
	NR > 1 { s[\$1 \$3] += \$9; if (!(\$5 <= \$7 && \$7 < \$6)) bad++ }
	END { for (k in s) if (s[k] > 1 + 1e-12) bad++; exit bad > 0 }'"

# a column without a close: distance unknown, no walls, no map
"$MKGRID" > "$T/n.grid" <<EOF
$AXES
col nan nan nan nan
cell 4 0 50
EOF
printf '{"time":"2024-03-04T01:00:00Z","close":null,"side":"long","zone_rank":1,"price_lo":104,"price_hi":105,"peak_price":104.5,"notional_usd":50,"share":1,"distance_pct":null}\n' > "$T/want"
same "no close price: close and distance_pct are null in JSON" "$T/want" $CL --json --smooth 0 "$T/n.grid"
check "no close price: empty in CSV; walls and map: one row of the time only" sh -c \
	"$CL --smooth 0 $T/n.grid | grep -q '^2024-03-04T01:00:00Z,,long,1,.*,\$' && $CL -q --walls $T/n.grid | tail -1 | grep -qx '2024-03-04T01:00:00Z,,,,,,,,,,,' && $CL -q --map $T/n.grid | tail -1 | grep -qx '2024-03-04T01:00:00Z,,,,'"

# ------------------------------------------------------------ headers
# no column named like a pandas DataFrame attribute (df.rank is a method,
# so df.rank would not be the column): checked against pandas itself
# when it is installed, else against the names that clash most
PY=
for p in python3 /usr/bin/python3; do
	if command -v "$p" > /dev/null 2>&1 && "$p" -c 'import pandas' 2>/dev/null; then PY=$p; break; fi
done
{ $CL $A; $CL --walls $A; $CL --map $A; } 2>/dev/null | grep '^time,' > "$T/headers"
check "headers: three, one per mode" sh -c "[ \$(wc -l < $T/headers) = 3 ]"
if [ -n "$PY" ]; then
	check "headers: no name is a pandas DataFrame attribute ($PY, pandas)" "$PY" -c '
import sys, pandas
attrs = set(dir(pandas.DataFrame))
assert "rank" in attrs and "size" in attrs
bad = [n for l in open(sys.argv[1]) for n in l.strip().split(",") if n in attrs]
assert not bad, bad' "$T/headers"
else
	check "headers: no name is a DataFrame attribute (a list: pandas not installed)" awk -F, '
	BEGIN { split("rank size shape index values count min max mean sum std var median mode abs all any first last pop round sort diff rename query where update columns dtypes empty axes ndim T eq ne lt gt le ge add sub mul div pow clip describe", a, " "); for (i in a) bad[a[i]] = 1 }
	{ for (i = 1; i <= NF; i++) if ($i in bad) { print $i; n++ } } END { exit n > 0 }' "$T/headers"
fi

# ------------------------------------------------------------ pipeline
if [ -x "$BIN/liq-estimate" ] && [ -x "$BIN/liq-ingest" ]; then
	if $BIN/liq-ingest -o "$T/s.bars" sample-data/BTCUSDT-aggTrades-*.zip sample-data/BTCUSDT-metrics-*.zip &&
	    $BIN/liq-estimate -o "$T/s.grid" "$T/s.bars" 2>"$T/est.err"; then
		$BIN/liq-estimate "$T/s.bars" 2>/dev/null | $CL --quantile 0.9 --every 1h > "$T/s.csv"
		check "sample-data pipeline: ingest | estimate | cluster --every 1h" sh -c \
			"[ \$(cut -d, -f1 $T/s.csv | sort -u | wc -l) -gt 24 ] && awk -F, 'NR > 1 && !(\$5 <= \$7 && \$7 < \$6 && \$8 > 0 && \$9 <= 1) {bad++} END {exit bad > 0}' $T/s.csv"
		check "sample-data pipeline: a file and the pipe give the same zones" sh -c \
			"$CL --quantile 0.9 --every 1h $T/s.grid | cmp -s - $T/s.csv"
		check "sample-data pipeline: walls are above (short side) or below price as they say" sh -c \
			"$CL --walls --every 1h --top 3 $T/s.grid | awk -F, 'NR > 1 && ((\$3 == \"above\") != (\$11 >= 0)) {bad++} END {exit bad > 0}'"
		$CL "$T/s.grid" > "$T/sd.csv" 2>"$T/sd.err"
		check "sample data, defaults: long zones below price and short zones above, no note" sh -c \
			"awk -F, 'NR > 1 { n[\$3]++; if ((\$3 == \"long\") != (\$10 < 0)) bad++ } END { exit !(n[\"long\"] >= 1 && n[\"short\"] >= 1 && !bad) }' $T/sd.csv && ! [ -s $T/sd.err ]"
		$CL -q --every 1h "$T/s.grid" > "$T/sh.csv"
		check "sample data, defaults, --every 1h: zones of both sides at every snapshot" awk -F, '
			NR > 1 { t[$1] = 1; s[$1, $3] = 1 } END { for (k in t) { m++; if (!((k, "long") in s) || !((k, "short") in s)) bad++ } exit bad > 0 || m != 48 }' "$T/sh.csv"
	else
		notok "sample-data pipeline: liq-ingest and liq-estimate run"
		sed 's/^/# /' "$T/est.err" | head -5
	fi
else
	echo "# $BIN/liq-estimate not built: pipeline test skipped"
fi

# ------------------------------------------------------------ real data
# The default zones do not depend on the number of bins: the hourly
# CoinGlass file's last 30 days made at 500, 1000 and 2000 bins over one
# price range, zones at every midnight.
CG=../shared/data/coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv
if [ -f "$CG" ] && [ -x "$BIN/liq-estimate" ] && [ -x "$BIN/liq-ingest" ]; then
	$BIN/liq-ingest -q --preset coinglass -o "$T/cg.bars" "$CG"
	for nb in 500 1000 2000; do
		$BIN/liq-estimate -q --lookback 30d --bins $nb --price-min 48000 --price-max 128000 -o "$T/cg$nb.grid" "$T/cg.bars"
		$CL --every 1d "$T/cg$nb.grid" > "$T/cg$nb.csv" 2>"$T/cg$nb.err"
	done
	check "real grid, defaults: zones on both sides at every daily snapshot, no note" sh -c "
		for nb in 500 1000 2000; do
			[ -s $T/cg\$nb.err ] && exit 1
			awk -F, 'NR > 1 { t[\$1] = 1; s[\$1, \$3] = 1 } END { for (k in t) { m++; if (!((k, \"long\") in s) || !((k, \"short\") in s)) bad++ } exit bad > 0 || m < 29 }' $T/cg\$nb.csv || exit 1
		done"
	check "real grid: zone counts per snapshot and side at 500, 1000, 2000 bins differ by at most 1, most are equal" awk -F, '
		FNR > 1 { n[$1 "," $3, FILENAME]++; k[$1 "," $3] = 1 }
		END {
			for (x in k) {
				a = n[x, ARGV[1]] + 0; b = n[x, ARGV[2]] + 0; c = n[x, ARGV[3]] + 0
				m++; if (a == b && b == c) same++
				if (a - b > 1 || b - a > 1 || b - c > 1 || c - b > 1 || a - c > 1 || c - a > 1) bad++
			}
			print m, "side-snapshots,", same, "equal,", bad + 0, "off by more than one"
			exit bad > 0 || same < 0.8 * m
		}' "$T/cg500.csv" "$T/cg1000.csv" "$T/cg2000.csv"
else
	echo "# $CG or the programs missing: real-data tests skipped"
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
fails 1 'grid format version 2.[0-9]* is newer than this program reads' "a grid from a newer major version" $CL "$T/v2.grid"
size=$(wc -c < "$A")
head -c 50 "$A" > "$T/cut1.grid"
fails 1 'truncated grid file (in the header)' "truncated in the header" $CL "$T/cut1.grid"
head -c $((size - 100)) "$A" > "$T/cut2.grid"
fails 1 'truncated grid file (no end marker)' "truncated in the column" $CL "$T/cut2.grid"
head -c $((size - 10)) "$A" > "$T/cut3.grid"
fails 1 'truncated grid file (in the end marker)' "truncated in the end marker" $CL "$T/cut3.grid"
fails 1 'truncated' "truncated, with --at the first snapshot (checked to the end)" $CL --at $((T0 + 3600000)) "$T/cut3.grid"
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
fails 2 'smooth: not a number from 0 to 100' "--smooth 101 (percent of price)" $CL --smooth 101 "$A"
fails 2 'smooth: not a number' "--smooth -1" $CL --smooth -1 "$A"
fails 2 'smooth: not a number' "--smooth abc" $CL --smooth abc "$A"
fails 2 'min-share: not a number from 0 to 1' "--min-share 1.5" $CL --min-share 1.5 "$A"
fails 2 'min-share: not a number' "--min-share -0.1" $CL --min-share -0.1 "$A"
fails 2 'min-share: not a number' "--min-share 0.02x (trailing garbage)" $CL --min-share 0.02x "$A"
fails 2 'min-usd: not a number' "--min-usd -1" $CL --min-usd -1 "$A"
fails 2 'min-usd: not a number' "--min-usd nan" $CL --min-usd nan "$A"
fails 2 'quantile: not a number from 0 to 1' "--quantile 2" $CL --quantile 2 "$A"
fails 2 'gap: not a number' "--gap -1" $CL --gap -1 "$A"
fails 2 'time: iso or ms' "--time unix" $CL --time unix "$A"
fails 2 'na: a missing value cannot hold a comma' "--na with a comma" $CL --na 'a,b' "$A"
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
	$CL --help | sed '/^$/,$d; s/^usage: //' | tr -s ' \t\n' '   ' | sed 's/ *$//' > "$T/u1"
	mandoc -Tascii man/liq-cluster.1 | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
		sed '1d;$d' | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//' > "$T/u2"
	check "man page SYNOPSIS matches the usage word for word" diff -u "$T/u1" "$T/u2"
	check "mandoc -Tlint: no warnings or errors" sh -c \
		"! mandoc -Tlint -Wwarning man/liq-cluster.1 2>&1 | grep ."
fi

echo "# cli-cluster: $n tests, $fail failed"
[ "$fail" -eq 0 ]
