#!/bin/sh
# prog.sh - what every program does the same way through the shared
# program code (cmd/prog.c, cmd/outfile.c): --version prints the
# Makefile's version, a failed run leaves no file under the -o name (and
# an old file there untouched), a signal removes the temporary output,
# and liq-estimate -q silences its warning but never an error.
#   sh tests/cli/prog.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
S=sample-data
T=$(mktemp -d /tmp/liq-prog.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh

# no file NAME nor a temporary NAME.tmp* left in $T
nofile() {
	[ ! -e "$1" ] && [ -z "$(ls "$1".tmp* 2>/dev/null)" ]
}

VERSION=$(sed -n 's/^VERSION *= *//p' Makefile)
if [ -n "$VERSION" ]; then ok "the Makefile has a VERSION ($VERSION)"; else notok "no VERSION in the Makefile"; fi
for p in liq-ingest liq-estimate liq-cluster liq-render-ppm; do
	"$BIN/$p" --version > "$T/v" 2> "$T/ve"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/ve" ] && [ "$(wc -l < "$T/v")" -eq 1 ] &&
	    grep -Eq "^$p $VERSION( \(.*\))?\$" "$T/v"; then
		ok "$p --version prints \"$p $VERSION\""
	else
		notok "$p --version (exit $rc): $(cat "$T/v" "$T/ve")"
	fi
done
check "liq-ingest --version names its inflate backends" \
	sh -c "$BIN/liq-ingest --version | grep -q '^liq-ingest $VERSION (inflate: .*)\$'"

# inputs: one day of trades with open interest, one of klines without
ING=$BIN/liq-ingest
EST=$BIN/liq-estimate
$ING -q -o "$T/s.bars" $S/BTCUSDT-aggTrades-2024-03-04.zip $S/BTCUSDT-metrics-2024-03-04.zip &&
    $ING -q -o "$T/kl.bars" $S/BTCUSDT-1m-2024-03-04.zip &&
    $EST -o "$T/s.grid" "$T/s.bars" || { notok "making the inputs"; exit 1; }

# -q: the --oi-proxy warning, and only warnings
$EST --oi-proxy 0.1 -o /dev/null --series "$T/w.series" "$T/kl.bars" 2> "$T/w.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^liq-estimate: warning: 1 input without open interest' "$T/w.err"; then
	ok "liq-estimate --oi-proxy warns on stderr, exit 0"
else
	notok "liq-estimate --oi-proxy: exit $rc, stderr: $(cat "$T/w.err")"
fi
for q in -q --quiet; do
	$EST $q --oi-proxy 0.1 -o /dev/null --series "$T/q.series" "$T/kl.bars" 2> "$T/q.err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/q.err" ]; then
		ok "liq-estimate $q --oi-proxy: no warning, exit 0"
	else
		notok "liq-estimate $q --oi-proxy: exit $rc, stderr: $(cat "$T/q.err")"
	fi
	check "liq-estimate $q: the same series as without" cmp "$T/w.series" "$T/q.series"
done
fails 1 'no open interest in the bars' "-q does not silence an error (exit 1)" \
	$EST -q -o /dev/null "$T/kl.bars"
fails 2 'bins: not a whole number' "-q does not silence a usage error (exit 2)" \
	$EST -q --bins 0 "$T/s.bars"

# a failed run leaves no file under the -o name, and an old one untouched
unzip -p $S/BTCUSDT-aggTrades-2024-03-04.zip | head -20000 > "$T/bad.csv"
echo '2181423957,abc,0.012,4793851536,4793851536,1709547717853,false' >> "$T/bad.csv"
fails 1 'bad.csv:20001: price: not a number' "liq-ingest: a bad row late in the input: exit 1" \
	$ING --symbol BTCUSDT -o "$T/o.bars" "$T/bad.csv"
check "liq-ingest: ... and no output file" nofile "$T/o.bars"
echo keep > "$T/old.bars"
fails 1 'price: not a number' "liq-ingest: a failed run over an old file" \
	$ING --symbol BTCUSDT -o "$T/old.bars" "$T/bad.csv"
check "liq-ingest: ... leaves the old file as it was" sh -c "[ \"\$(cat '$T/old.bars')\" = keep ]"
check "liq-ingest: ... and no temporary file" sh -c "[ -z \"\$(ls '$T'/old.bars.tmp* 2>/dev/null)\" ]"

fails 1 'write error' "liq-estimate: --series to a full device: exit 1" \
	$EST -o "$T/o.grid" --series /dev/full "$T/s.bars"
check "liq-estimate: ... and no grid file" nofile "$T/o.grid"
fails 1 'write error' "liq-estimate: --ledger to a full device: exit 1" \
	$EST -o "$T/o2.grid" --series "$T/o2.series" --ledger /dev/full "$T/s.bars"
check "liq-estimate: ... and neither the grid nor the series" \
	sh -c "! [ -e '$T/o2.grid' ] && ! [ -e '$T/o2.series' ] && [ -z \"\$(ls '$T'/o2.* 2>/dev/null)\" ]"

size=$(wc -c < "$T/s.grid")
head -c $((size / 2)) "$T/s.grid" > "$T/cut.grid"
fails 1 'truncated grid file' "liq-cluster --every: a grid cut in half: exit 1" \
	$BIN/liq-cluster --every 1h -o "$T/o.csv" "$T/cut.grid"
check "liq-cluster: ... and no output file" nofile "$T/o.csv"
fails 1 'truncated grid file' "liq-render-ppm: a grid cut in half: exit 1" \
	$BIN/liq-render-ppm -o "$T/o.ppm" "$T/cut.grid"
check "liq-render-ppm: ... and no output file" nofile "$T/o.ppm"

# a signal removes the temporary output: liq-cluster reads a grid from a
# fifo that stops in the middle, is killed once its output exists
mkfifo "$T/fifo"
( head -c $((size / 2)) "$T/s.grid"; exec sleep 30 ) > "$T/fifo" &
feeder=$!
$BIN/liq-cluster --every 1h -o "$T/sig.csv" "$T/fifo" 2> /dev/null &
pid=$!
i=0
while [ -z "$(ls "$T"/sig.csv.tmp* 2>/dev/null)" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ -n "$(ls "$T"/sig.csv.tmp* 2>/dev/null)" ]; then
	kill -TERM $pid
	{ wait $pid; } 2> /dev/null
	rc=$?
	if [ "$rc" -gt 128 ] && nofile "$T/sig.csv"; then
		ok "liq-cluster killed by SIGTERM: the temporary output removed"
	else
		notok "liq-cluster killed by SIGTERM: exit $rc, left: $(ls "$T" | grep sig)"
	fi
else
	notok "liq-cluster -o: no temporary output while reading"
	kill $pid 2> /dev/null
fi
{ kill $feeder; wait $feeder; } 2> /dev/null

echo "# cli-prog: $n tests, $fail failed"
[ "$fail" -eq 0 ]
