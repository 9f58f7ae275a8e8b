#!/bin/sh
# cat.sh - liq-cat: --info on every kind of file (bars, grid, their CSV
# forms, exchange dumps, containers, corrupt files), conversions that
# round-trip byte for byte, liq-estimate's convert mode as its alias, and
# every documented error.
#   sh tests/cli/cat.sh BINDIR      (from the top of the repository)
set -u
BIN=${1:-bin}
CAT=$BIN/liq-cat
SD=sample-data
SHARED=${LIQ_SHARED:-../shared/data}
T=$(mktemp -d /tmp/liq-cli-cat.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
MS=$(ms_wrappers)	# CSV as these tests read it (lib.sh)
CAT=$MS/liq-cat

$BIN/liq-ingest -o "$T/s.bars" $SD/BTCUSDT-aggTrades-2024-03-04.zip \
	$SD/BTCUSDT-metrics-2024-03-04.zip
$MS/liq-ingest --csv -o "$T/ing.csv" $SD/BTCUSDT-aggTrades-2024-03-04.zip \
	$SD/BTCUSDT-metrics-2024-03-04.zip
$MS/liq-estimate --step 1h --bins 200 -o "$T/s.grid" "$T/s.bars"

# ------------------------------------------------------------ --info
$CAT --info "$T/s.bars" > "$T/i.txt"
check "--info bars: type, version, market, interval" \
	grep -qx 'type=liq-bars' "$T/i.txt"
check "--info bars: the counted bars and span (one day of 1m bars)" \
	sh -c "grep -qx 'bars=1441' $T/i.txt && grep -qx 'last=2024-03-04T23:59:00Z' $T/i.txt && grep -qx 'interval=1m' $T/i.txt && grep -qx 'version=1.0' $T/i.txt"
check "--info bars: the command that made it" \
	grep -q '^command=.*liq-ingest -o' "$T/i.txt"
gzip -c "$T/s.bars" > "$T/s.bars.gz"
$CAT --info < "$T/s.bars.gz" > "$T/i2.txt"
check "--info on a gzip'd bars file on stdin: container gzip, same bars" \
	sh -c "grep -qx 'container=gzip' $T/i2.txt && grep -qx 'bars=1441' $T/i2.txt && grep -qx 'file=(stdin)' $T/i2.txt"
$CAT --info "$T/s.grid" > "$T/g.txt"
check "--info grid: columns, bins, step, end, model parameters" \
	sh -c "grep -qx 'type=liq-grid' $T/g.txt && grep -qx 'columns=24' $T/g.txt && grep -qx 'bins=200' $T/g.txt && grep -qx 'step=1h' $T/g.txt && grep -qx 'end=2024-03-05T00:00:00Z' $T/g.txt && grep -qx 'close=proportional' $T/g.txt"
$CAT --info $SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-fundingRate-2024-03.zip > "$T/d.txt"
check "--info dumps: dialect, venue, symbol, container of each file" \
	sh -c "grep -qx 'dialect=aggTrades' $T/d.txt && grep -qx 'dialect=fundingRate' $T/d.txt && grep -qx 'container=zip' $T/d.txt && grep -qx 'venue=binance' $T/d.txt"
check "--info of two files: a blank line between them" \
	sh -c "[ \$(grep -c '^file=' $T/d.txt) -eq 2 ] && grep -qx '' $T/d.txt"
$CAT --info "$T/ing.csv" > "$T/c.txt"
check "--info bars CSV: type liq-bars CSV, 1441 bars" \
	sh -c "grep -qx 'type=liq-bars CSV' $T/c.txt && grep -qx 'bars=1441' $T/c.txt"
if [ -d "$SHARED/binance" ]; then
	$CAT --info "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip" > "$T/cm.txt"
	check "--info real COIN-M dump: inverse market" \
		grep -qx 'market=inverse' "$T/cm.txt"
	$CAT --info "$SHARED/bybit/bybit_liquidations_BTCUSDT_2024-02-12_2024-06-02.csv" > "$T/u.txt"
	check "--info on a CSV liq-ingest cannot read: type other, and why (exit 0)" \
		sh -c "grep -qx 'type=other' $T/u.txt && grep -q '^dialect=unknown (liq-ingest: .*unknown header' $T/u.txt"
else
	skip "--info real files" "no $SHARED"
	skip "--info real files" "no $SHARED"
fi
head -c 3000 "$T/s.bars" > "$T/cut.bars"
fails 1 "truncated bars file" "--info of a truncated bars file: exit 1, the reason" \
	$CAT --info "$T/cut.bars"
$CAT --info "$T/cut.bars" "$T/s.grid" > "$T/cut.txt" 2> /dev/null
check "--info goes on past a bad file: error= line, the next file described" \
	sh -c "grep -q '^error=.*truncated' $T/cut.txt && grep -qx 'type=liq-grid' $T/cut.txt"
fails 1 "nonexistent" "--info of a missing file: exit 1" $CAT --info /nonexistent
printf '' > "$T/empty"
$CAT --info "$T/empty" > "$T/e.txt"
check "--info of an empty file: type empty" grep -qx 'type=empty' "$T/e.txt"

# ------------------------------------------------------------ conversions
$CAT --csv "$T/s.bars" > "$T/b.csv"
check "--csv bars: identical to liq-ingest --csv of the same dumps (but the command line)" \
	sh -c "grep -v '^# command=' $T/b.csv > $T/b1; grep -v '^# command=' $T/ing.csv > $T/b2; cmp $T/b1 $T/b2"
$CAT -o "$T/back.bars" "$T/b.csv"
check "bars -> CSV -> binary: byte-identical to the original" cmp "$T/s.bars" "$T/back.bars"
$CAT --csv < "$T/s.bars.gz" > "$T/b3.csv"
check "--csv of gzip'd bars on stdin" cmp "$T/b.csv" "$T/b3.csv"
$CAT --csv "$T/s.grid" > "$T/g1.csv"
$MS/liq-estimate --csv "$T/s.grid" > "$T/g2.csv"
check "--csv grid: the same bytes as liq-estimate's convert mode (its alias)" cmp "$T/g1.csv" "$T/g2.csv"
$CAT --series "$T/s.grid" > "$T/s1.csv"
$MS/liq-estimate --series "$T/s2.csv" "$T/s.grid"
check "--series grid: the same bytes as liq-estimate --series FILE GRID" cmp "$T/s1.csv" "$T/s2.csv"
check "--series: a header and one row per column (24)" \
	sh -c "[ \$(wc -l < $T/s1.csv) -eq 25 ] && head -1 $T/s1.csv | grep -q '^time,open,high,low,close,oi_usd'"
$CAT -o "$T/copy.grid" "$T/s.grid"
check "grid -> grid: byte-identical copy (CRC and end marker checked)" cmp "$T/s.grid" "$T/copy.grid"

# ------------------------------------------------------------ joins
# two days ingested apart and together: joined, they are the same bars
$MS/liq-ingest -o "$T/d4.bars" $SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-metrics-2024-03-04.zip
$MS/liq-ingest -o "$T/d5.bars" $SD/BTCUSDT-aggTrades-2024-03-05.zip $SD/BTCUSDT-metrics-2024-03-05.zip
$MS/liq-ingest --csv -o "$T/d4.csv" $SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-metrics-2024-03-04.zip
$MS/liq-ingest --csv -o "$T/d5.csv" $SD/BTCUSDT-aggTrades-2024-03-05.zip $SD/BTCUSDT-metrics-2024-03-05.zip
$MS/liq-ingest -o "$T/both.bars" $SD/BTCUSDT-aggTrades-2024-03-0[45].zip $SD/BTCUSDT-metrics-2024-03-0[45].zip
data() { $CAT --csv "$1" | grep -v '^# command=\|^# sources='; }
data "$T/both.bars" > "$T/both.data"
$CAT -o "$T/m45.bars" "$T/d5.bars" "$T/d4.bars"
data "$T/m45.bars" > "$T/m45.data"
check "daily files merged (given out of order) = one ingest of both days" \
	cmp "$T/both.data" "$T/m45.data"
cat "$T/d4.bars" "$T/d5.bars" > "$T/cat.bars"
data "$T/cat.bars" > "$T/cat.data"
check "cat of daily files (two members) = one ingest of both days" \
	cmp "$T/both.data" "$T/cat.data"
gzip -c "$T/d4.bars" > "$T/d4.gz"; gzip -c "$T/d5.bars" > "$T/d5.gz"
cat "$T/d4.gz" "$T/d5.gz" | gzip -dc | $CAT --csv | grep -v '^# command=\|^# sources=' > "$T/z.data"
check "zcat of gzip'd daily files = one ingest of both days" cmp "$T/both.data" "$T/z.data"
cat "$T/d4.gz" "$T/d5.gz" | $CAT --csv | grep -v '^# command=\|^# sources=' > "$T/z2.data"
check "gzip members read straight = one ingest of both days" cmp "$T/both.data" "$T/z2.data"
cat "$T/d4.csv" "$T/d5.csv" | $CAT --csv | grep -v '^# command=\|^# sources=' > "$T/c.data"
check "cat of daily bars CSVs (a second '# liq-bars' starts a member) = both days" \
	cmp "$T/both.data" "$T/c.data"
$CAT -o "$T/mix.bars" "$T/d5.csv" "$T/d4.gz"
data "$T/mix.bars" > "$T/mix.data"
check "a CSV and a gzip'd binary merged = both days" cmp "$T/both.data" "$T/mix.data"
$CAT --info "$T/cat.bars" > "$T/ci.txt"
check "--info of a cat stream: 2 members, 1 leading bar merged, no holes" \
	sh -c "grep -qx 'members=2' $T/ci.txt && grep -qx 'joined_merged=1' $T/ci.txt && grep -qx 'holes=0' $T/ci.txt && grep -qx 'bars=2881' $T/ci.txt"
$CAT -o "$T/dup.bars" "$T/d4.bars" "$T/d5.bars" "$T/d4.bars" "$T/cat.bars"
check "the same days given twice are taken once" \
	sh -c "$CAT --csv $T/dup.bars | grep -v '^# command=\|^# sources=' | cmp - $T/both.data"
cat "$T/d4.bars" "$T/d4.bars" > "$T/twice.bars"
data "$T/d4.bars" > "$T/d4.data"
data "$T/twice.bars" > "$T/twice.data"
check "a stream of one day twice: the day once" cmp "$T/d4.data" "$T/twice.data"
# a re-download that differs in one bar
awk -F, -v OFS=, '$1 == 1709596740000 { $5 = $5 + 1 } { print }' "$T/d4.csv" > "$T/d4x.csv"
fails 1 "differs from.*d4.bars.*close.*--prefer" "two files that differ in a bar: an error naming both, the field and --prefer" \
	$CAT -o "$T/x.bars" "$T/d4.bars" "$T/d4x.csv"
check "a failed merge leaves no output" sh -c "! ls $T/x.bars* 2>/dev/null | grep -q ."
$CAT --prefer last --csv "$T/d4.bars" "$T/d4x.csv" | grep '^1709596740000,' > "$T/pl"
$CAT --prefer first --csv "$T/d4.bars" "$T/d4x.csv" | grep '^1709596740000,' > "$T/pf"
grep '^1709596740000,' "$T/d4x.csv" > "$T/px"
grep '^1709596740000,' "$T/d4.csv" > "$T/p0"
check "--prefer last takes the later file's bar, --prefer first the earlier's" \
	sh -c "cmp $T/pl $T/px && cmp $T/pf $T/p0"
cat "$T/d4.csv" "$T/d4x.csv" > "$T/dx.csv"
fails 1 "member 2 differs at 2024-03-04T23:59:00Z.*close" "a stream whose members differ: an error naming the member, time and field" \
	$CAT --csv "$T/dx.csv"
# holes between files
$MS/liq-ingest -o "$T/h1.bars" --to 2024-03-04T12:00 $SD/BTCUSDT-aggTrades-2024-03-04.zip
$MS/liq-ingest -o "$T/h2.bars" --from 2024-03-04T18:00 $SD/BTCUSDT-aggTrades-2024-03-04.zip
fails 0 "1 hole between files (the first from 2024-03-04T12:00:00Z, the longest 6h from 2024-03-04T12:00:00Z): filled with 360 flat gap bars" \
	"a hole between files: reported on stderr (count, first, longest)" $CAT -o "$T/h.bars" "$T/h2.bars" "$T/h1.bars"
$CAT --csv "$T/h.bars" | grep -v '^#' | awk -F, 'NR > 1 && $1 >= 1709553600000 && $1 < 1709575200000' > "$T/hole"
check "the hole is 360 flat bars at the last close, flagged as gaps" \
	sh -c "[ \$(wc -l < $T/hole) -eq 360 ] && [ \$(cut -d, -f20 $T/hole | sort -u) = 3 ] && [ \$(cut -d, -f2-5 $T/hole | tr , '\n' | sort -u | wc -l) -eq 1 ]"
$CAT --csv "$T/h2.bars" | awk -F, -v OFS=, '/^[0-9]/ { $1 = sprintf("%.0f", $1 + 40 * 86400000) } { print }' > "$T/far.csv"
fails 1 "between files, longer than 31 days" "a hole of more than 31 days between files: an error, not millions of bars" \
	$CAT -o "$T/far.bars" "$T/h1.bars" "$T/far.csv"
$CAT --csv "$T/h1.bars" > "$T/h1.csv"
cat "$T/h1.csv" "$T/far.csv" > "$T/farm.csv"
fails 1 "more than 31 days after the bar before it" "a member more than 31 days after the one before: an error" \
	$CAT --csv "$T/farm.csv"
$MS/liq-ingest -o "$T/k.bars" --interval 5m $SD/BTCUSDT-aggTrades-2024-03-04.zip
fails 1 "another market" "files of another interval: an error" $CAT -o "$T/y.bars" "$T/d4.bars" "$T/k.bars"
cat "$T/d4.bars" "$T/k.bars" > "$T/dk.bars"
fails 1 "member 2 is another market" "a stream with a member of another interval: an error" \
	$CAT --csv "$T/dk.bars"
fails 2 "only bars files are merged" "a grid among files to merge: usage error" \
	$CAT -o "$T/y.bars" "$T/d4.bars" "$T/s.grid"
fails 2 "prefer" "--prefer with a bad value: usage error" $CAT --prefer middle "$T/d4.bars"

# ------------------------------------------------------------ errors
fails 2 "one of" "--csv with --info: usage error" $CAT --csv --info "$T/s.bars"
fails 2 "for grids" "--series of a bars file: usage error" $CAT --series "$T/s.bars"
fails 2 "usage" "unknown option: exit 2" $CAT --frobnicate
fails 1 "not a liq bars or grid file" "a dump to convert: exit 1, points at --info and liq-ingest" \
	$CAT --csv $SD/BTCUSDT-metrics-2024-03-04.zip
fails 1 "CSV form cannot be read back" "a grid CSV to convert: exit 1" $CAT "$T/g1.csv"
fails 1 "empty input" "empty input: exit 1" $CAT --csv "$T/empty"
$CAT -o "$T/out.bars" "$T/cut.bars" 2> /dev/null
check "a failed conversion leaves no output file" sh -c "! ls $T/out.bars* 2>/dev/null | grep -q ."
python3 -S -c '
import os, pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.run(sys.argv[1:], stdout=s, stderr=subprocess.PIPE)
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode)' $CAT "$T/s.bars" 2> "$T/tty.err"
rc=$?
check "binary output to a terminal is refused (exit 2, says use -o)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'refusing to write binary output to a terminal' $T/tty.err"
check "--version names the program" sh -c "$CAT --version | grep -q '^liq-cat '"
check "-h prints the usage, exit 0" sh -c "$CAT -h | grep -q '^usage: liq-cat'"
echo "# cli-cat: $n tests, $fail failed"
[ "$fail" -eq 0 ]
