#!/bin/sh
# archive.sh - the archive workflows: a cron job's daily files, a
# re-download, a hole between exports, a pipe of a year of bars, a fan-out
# with GNU parallel.  Daily files, in any order and any form (binary, CSV,
# gzip, cat streams, liq-cat merges, liq-ingest --append), must give the
# grid one run over all the days gives, byte for byte but the recorded
# command line; memory must not grow with the input.
#   LIQ_BUILD=build sh tests/cli/archive.sh BINDIR    (from the repository top)
set -u
BIN=${1:-bin}
B=${LIQ_BUILD:-build}
T=$(mktemp -d /tmp/liq-cli-archive.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
ING=$BIN/liq-ingest
EST=$BIN/liq-estimate
CAT=$BIN/liq-cat
MS=$(ms_wrappers)	# CSV as these tests read it (lib.sh)
ING=$MS/liq-ingest EST=$MS/liq-estimate CAT=$MS/liq-cat

# four generated days (seeded), as a cron job downloads them
D=$T/dumps
"$BIN/liq-gen" -s 9 -d 4 -n 1500 -t 2024-05-01 -o "$D" > /dev/null	# sparse: minutes without a trade at midnight
FUND=$D/BTCUSDT-fundingRate-2024-05.zip
days="01 02 03 04"
for d in $days; do
	$ING -q -o "$T/d$d.bars" "$D/BTCUSDT-aggTrades-2024-05-$d.zip" \
		"$D/BTCUSDT-metrics-2024-05-$d.zip" "$FUND"
	$ING -q --csv -o "$T/d$d.csv" "$D/BTCUSDT-aggTrades-2024-05-$d.zip" \
		"$D/BTCUSDT-metrics-2024-05-$d.zip" "$FUND"
	gzip -c "$T/d$d.bars" > "$T/d$d.bars.gz"
done
$ING -q -o "$T/all.bars" "$D"/BTCUSDT-aggTrades-2024-05-0[1-4].zip \
	"$D"/BTCUSDT-metrics-2024-05-0[1-4].zip "$FUND"
grid() { $CAT --csv "$1" | grep -v '^# command='; }	# the grid but its command
$EST -o "$T/all.grid" "$T/all.bars"
grid "$T/all.grid" > "$T/all.g"
# same DESC CMD...: CMD makes $T/x.grid, equal to the one-run grid
same() {
	d=$1; shift
	rm -f "$T/x.grid"
	if "$@" > "$T/same.out" 2>&1 && grid "$T/x.grid" > "$T/x.g" 2>> "$T/same.out" &&
	    cmp -s "$T/all.g" "$T/x.g"; then
		ok "$d"
	else
		notok "$d"; sed 's/^/# /' "$T/same.out" | head -5
		diff "$T/all.g" "$T/x.g" 2>/dev/null | head -4 | sed 's/^/# /'
	fi
}

same "4 daily files = one run over the 4 days (the same grid)" \
	$EST -o "$T/x.grid" "$T/d01.bars" "$T/d02.bars" "$T/d03.bars" "$T/d04.bars"
same "daily files in shuffled order = one run" \
	$EST -o "$T/x.grid" "$T/d03.bars" "$T/d01.bars" "$T/d04.bars" "$T/d02.bars"
same "daily CSV files = one run" \
	$EST -o "$T/x.grid" "$T"/d0*.csv
same "a mix of binary, CSV and gzip'd daily files = one run" \
	$EST -o "$T/x.grid" "$T/d04.csv" "$T/d01.bars.gz" "$T/d03.bars" "$T/d02.csv"
same "cat of the daily files on a pipe = one run" \
	sh -c "cat $T/d0*.bars | $EST -o $T/x.grid"
same "cat of gzip'd daily files (gzip members) on a pipe = one run" \
	sh -c "cat $T/d0*.bars.gz | $EST -o $T/x.grid"
same "zcat of gzip'd daily files = one run" \
	sh -c "zcat $T/d0*.bars.gz | $EST -o $T/x.grid"
same "cat of the daily CSV files = one run" \
	sh -c "cat $T/d0*.csv | $EST -o $T/x.grid"
same "the daily files as a path to a pipe (<(cat ...) style fifo) = one run" \
	sh -c "mkfifo $T/fifo && { cat $T/d0*.bars > $T/fifo & } && $EST -o $T/x.grid $T/fifo; rc=\$?; rm -f $T/fifo; exit \$rc"
$CAT -o "$T/month.bars" "$T"/d0*.bars
same "liq-cat -o month.bars daily/*.bars, then estimated = one run" \
	$EST -o "$T/x.grid" "$T/month.bars"
rm -f "$T/app.bars"
for d in $days; do
	$ING -q --append -o "$T/app.bars" "$D/BTCUSDT-aggTrades-2024-05-$d.zip" \
		"$D/BTCUSDT-metrics-2024-05-$d.zip" "$FUND"
done
same "liq-ingest --append day by day = one run" $EST -o "$T/x.grid" "$T/app.bars"
check "--append: the file holds 4 members" \
	sh -c "$CAT --info $T/app.bars | grep -qx members=4"
same "a daily file given twice, and the whole run beside them: taken once" \
	$EST -o "$T/x.grid" "$T/d02.bars" "$T/all.bars" "$T"/d0*.bars
$EST -o "$T/nl.grid" "$T/d01.bars" "$T/d02.bars"
$EST -o "$T/x.grid" "$T/d01.bars" "$T/d02.bars" "$T/d01.bars" "$T/d02.bars"
check "several files of one market: the grid's open interest is one market's, not summed" \
	sh -c "$CAT --series $T/nl.grid | tail -1 | cut -d, -f6 > $T/oi1; $CAT --series $T/x.grid | tail -1 | cut -d, -f6 | cmp - $T/oi1"

# review cases: an empty file among others, a pipe that is not the first
# operand, a stream with a hole filled by another file
$CAT --csv "$T/d01.bars" | grep '^#' | grep -v '^# end' > "$T/e.csv"
grep -v '^#' "$T/d01.csv" | head -1 >> "$T/e.csv" 2>/dev/null || true
$CAT --csv "$T/d01.bars" | grep -v '^[0-9]' | grep -v '^# end' > "$T/e.csv"
echo '# end bars=0' >> "$T/e.csv"
$CAT -o "$T/empty.bars" "$T/e.csv"
same "an empty bars file among the daily files changes nothing" \
	$EST -o "$T/x.grid" "$T/d02.bars" "$T/empty.bars" "$T/d01.bars" "$T/d03.bars" "$T/d04.bars"
same "standard input as the earliest file but not the first operand" \
	sh -c "$EST -o $T/x.grid $T/d02.bars - $T/d03.bars $T/d04.bars < $T/d01.bars"
same "a stream with a hole, and the file that fills it" \
	sh -c "cat $T/d01.bars $T/d03.bars $T/d04.bars | $EST -o $T/x.grid - $T/d02.bars"

# a re-download that differs
awk -F, -v OFS=, '!/^#/ && $1 == 1714608000000 { $3 = $3 * 1.01 } { print }' "$T/d02.csv" > "$T/d02x.csv"
fails 1 "d02x.csv: the bar at 2024-05-02T00:00:00Z differs from .*d02.bars's (high): give --prefer" \
	"files that differ in a bar: an error naming both, the time and the field" \
	$EST -o "$T/y.grid" "$T/d01.bars" "$T/d02.bars" "$T/d02x.csv"
check "... and no grid is left behind" sh -c "! ls $T/y.grid* 2>/dev/null | grep -q ."
check "--prefer first: the earlier file's bar, the one-run grid" \
	sh -c "$EST --prefer first -o $T/x.grid $T/d01.bars $T/d02.bars $T/d03.bars $T/d04.bars $T/d02x.csv && $CAT --csv $T/x.grid | grep -v '^# command=' | cmp - $T/all.g"
check "--prefer last: the later file's bar, another grid" \
	sh -c "$EST --prefer last -o $T/x.grid $T/d01.bars $T/d02.bars $T/d03.bars $T/d04.bars $T/d02x.csv && ! $CAT --csv $T/x.grid | grep -v '^# command=' | cmp -s - $T/all.g"
fails 2 "--prefer: first or last" "--prefer with a bad value: usage error" $EST --prefer both "$T/d01.bars"

# a hole between exports
fails 0 "1 hole between files (the first from 2024-05-03T00:00:00Z, the longest 1439m from 2024-05-03T00:00:00Z): filled with 1439 flat gap bars" \
	"a day missing: the hole reported on stderr (count, first, longest)" \
	$EST -o "$T/h.grid" "$T/d01.bars" "$T/d02.bars" "$T/d04.bars"
$EST --series "$T/h.csv" -o /dev/null "$T/d01.bars" "$T/d02.bars" "$T/d04.bars" 2> /dev/null
check "the hole's columns are flat at the last close" \
	sh -c "awk -F, '\$1 >= 1714694400000 && \$1 < 1714780740000 { print \$2, \$3, \$4, \$5 }' $T/h.csv | tr ' ' '\n' | sort -u | wc -l | grep -qx 1"
check "no hole, no message" sh -c "$EST -o /dev/null $T/d01.bars $T/d02.bars 2>&1 | grep -c hole | grep -qx 0"

# spans come from prices
$ING -q -o "$T/one.bars" "$D/BTCUSDT-aggTrades-2024-05-02.zip" "$FUND"
check "one day of trades + the monthly funding file: that day's bars only" \
	sh -c "$CAT --info $T/one.bars | grep -qx 'last=2024-05-02T23:59:00Z' && [ \$($CAT --info $T/one.bars | sed -n 's/^bars=//p') -le 1441 ]"
fails 1 "no input with prices (trades, klines or vendor bars)" \
	"funding and metrics alone: an error that says why" \
	$ING -o "$T/z.bars" "$FUND" "$D/BTCUSDT-metrics-2024-05-02.zip"
check "... and no file left" sh -c "! ls $T/z.bars* 2>/dev/null | grep -q ."

# --append refusals leave the file as it was
cp "$T/d01.bars" "$T/ap.bars"
fails 1 "would go back in time: the file ends with the bar of 2024-05-01T23:59:00Z, the new bars start at 2024-05-01T00:0" \
	"--append of a day already in the file: refused, going back in time" \
	$ING --append -o "$T/ap.bars" "$D/BTCUSDT-aggTrades-2024-05-01.zip"
check "... the file unchanged" cmp "$T/d01.bars" "$T/ap.bars"
fails 1 "the file holds binance BTCUSDT linear 1m bars (contract size 1), the new ones are binance BTCUSDT linear 5m bars (contract size 1)" \
	"--append of another interval: refused" \
	$ING --append --interval 5m -o "$T/ap.bars" "$D/BTCUSDT-aggTrades-2024-05-02.zip"
check "... the file unchanged" cmp "$T/d01.bars" "$T/ap.bars"
fails 1 "needs an uncompressed binary bars file" "--append to a CSV: refused" \
	$ING --append -o "$T/d01.csv" "$D/BTCUSDT-aggTrades-2024-05-02.zip"
fails 2 "--append needs -o FILE" "--append to stdout: usage error" \
	$ING --append --csv "$D/BTCUSDT-aggTrades-2024-05-02.zip"
$BIN/liq-ingest -q -o "$T/eth.bars" --symbol ETHUSDT "$D/BTCUSDT-aggTrades-2024-05-01.zip" 2>/dev/null ||
	$CAT --csv "$T/d01.bars" | sed 's/^# symbol=BTCUSDT/# symbol=ETHUSDT/' | $CAT -o "$T/eth.bars"
fails 1 "another market" "a stream with a member of another symbol: an error" \
	sh -c "cat $T/d01.bars $T/eth.bars | $EST -o /dev/null"

# a run killed while it appended leaves a member cut short: the next
# --append cuts it off (saying so) and goes on
rm -f "$T/k.bars"
$ING -q --append -o "$T/k.bars" "$D/BTCUSDT-aggTrades-2024-05-01.zip" "$D/BTCUSDT-metrics-2024-05-01.zip"
s1=$(wc -c < "$T/k.bars")
$ING -q --append -o "$T/k.bars" "$D/BTCUSDT-aggTrades-2024-05-02.zip" "$D/BTCUSDT-metrics-2024-05-02.zip"
s2=$(wc -c < "$T/k.bars")
head -c $((s1 + (s2 - s1) / 2)) "$T/k.bars" > "$T/kc.bars"
fails 0 "its last member was cut short (truncated bars file (no end marker)): cutting the file back to its $s1 bytes of whole members" \
	"--append after a killed append: the cut member is cut off, with a warning" \
	$ING -q --append -o "$T/kc.bars" "$D/BTCUSDT-aggTrades-2024-05-02.zip" "$D/BTCUSDT-metrics-2024-05-02.zip"
check "... and the file then holds the same bars as a clean history" \
	sh -c "$CAT --csv $T/kc.bars | grep -v '^# command=' > $T/kc.csv; $CAT --csv $T/k.bars | grep -v '^# command=' | cmp - $T/kc.csv"

# memory: flat from a pipe whatever the length (1x, 4x, 16x)
if [ -x "$B/rss" ] && [ -x "$B/mkbars" ]; then
	for k in 1 4 16; do
		"$B/mkbars" $((30000 * k)) "$T/m$k.bars"
		"$B/rss" sh -c "cat $T/m$k.bars | $EST --step 1h -o /dev/null" > "$T/rss$k"
		"$B/rss" -o "$T/m$k.grid" $EST --step 1h -o - "$T/m$k.bars" > /dev/null
		"$B/rss" sh -c "cat $T/m$k.grid | $BIN/liq-cluster --every 1h > /dev/null" > "$T/cl$k"
		"$B/rss" sh -c "cat $T/m$k.grid | $BIN/liq-render-ppm > /dev/null" > "$T/rd$k"
	done
	flat() {	# flat NAME DESC: peak RSS at 16x within 15% of 1x
		r1=$(cut -d' ' -f2 "$T/${1}1") r16=$(cut -d' ' -f2 "$T/${1}16")
		r4=$(cut -d' ' -f2 "$T/${1}4")
		if [ $((r16 * 100)) -le $((r1 * 115)) ]; then
			ok "$2: peak RSS ${r1} / ${r4} / ${r16} KiB at 1x / 4x / 16x"
		else
			notok "$2: peak RSS ${r1} / ${r4} / ${r16} KiB at 1x / 4x / 16x (want 16x within 15% of 1x)"
		fi
	}
	flat rss "liq-estimate of bars from a pipe"
	flat cl "liq-cluster --every 1h of a grid from a pipe"
	flat rd "liq-render-ppm of a grid from a pipe"
else
	skip "memory flat from a pipe" "no $B/rss or $B/mkbars (make check builds them)"
fi
check "no temporary file is left in TMPDIR by a piped estimate" \
	sh -c "mkdir $T/tmp && cat $T/d01.bars | TMPDIR=$T/tmp $EST -o /dev/null && [ -z \"\$(ls -A $T/tmp)\" ]"

# fan-out with GNU parallel: the split must not change the result
if command -v parallel > /dev/null 2>&1; then
	mkdir -p "$T/par"
	parallel -j 2 --link "$ING" -q -o "$T/par/{1/.}.bars" {1} {2} "$FUND" \
		::: "$D"/BTCUSDT-aggTrades-2024-05-0[1-4].zip \
		::: "$D"/BTCUSDT-metrics-2024-05-0[1-4].zip 2> "$T/par.err"
	check "parallel -j 2: one bars file per day" \
		sh -c "[ \$(ls $T/par/*.bars | wc -l) -eq 4 ]"
	same "parallel -j 2 per day, then one estimate = the serial one-file run" \
		$EST -o "$T/x.grid" "$T"/par/*.bars
	mkdir -p "$T/par2"
	abs=$(cd "$BIN" && pwd)
	( cd "$T/par2" && parallel -j 2 --sshlogin : --link --transferfile {1} \
		--transferfile {2} --return {1/.}.bars --cleanup \
		"$abs/liq-ingest" -q -o {1/.}.bars {1} {2} "$FUND" \
		::: "$D"/BTCUSDT-aggTrades-2024-05-0[1-4].zip \
		::: "$D"/BTCUSDT-metrics-2024-05-0[1-4].zip ) 2> "$T/par2.err"
	same "the multi-host recipe (--sshlogin :, --transferfile, --return, --cleanup) = one run" \
		$EST -o "$T/x.grid" "$T"/par2/*.bars
else
	skip "fan-out with GNU parallel" "parallel is not installed (apt-get install parallel)"
	skip "fan-out with GNU parallel" "parallel is not installed"
	skip "fan-out with GNU parallel" "parallel is not installed"
fi
echo "# archive: $n tests, $fail failed"
[ "$fail" -eq 0 ]
