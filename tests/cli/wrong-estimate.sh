#!/bin/sh
# wrong-estimate.sh - liq-estimate on inputs it must refuse or read with
# care (cases from an adversarial review): a file renamed over an input
# between the passes, inputs of different assets, bars with fields out of
# their range (liq-bars(5), RANGES), a --tick wider than the prices, an
# empty window, a grid too large to write.
#   sh tests/cli/wrong-estimate.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
EST=$BIN/liq-estimate
ING=$BIN/liq-ingest
CAT=$BIN/liq-cat
S=sample-data
T=$(mktemp -d /tmp/liq-west.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh

$ING -q -o "$T/a.bars" $S/BTCUSDT-1m-2024-03-04.zip $S/BTCUSDT-metrics-2024-03-04.zip
$ING -q -o "$T/b.bars" $S/BTCUSDT-1m-2024-03-05.zip $S/BTCUSDT-metrics-2024-03-05.zip
$CAT -o "$T/a.csv" "$T/a.bars"

# 6. a file renamed over the input between the scan and the run (what a
# concurrent liq-ingest -o does): the grid is the first file's
cp "$T/a.bars" "$T/x.bars"
$EST -q -o "$T/x.grid" "$T/x.bars" && mv "$T/x.grid" "$T/a.grid"
LIQ_TEST_AFTER_SCAN="mv '$T/b.bars' '$T/x.bars' && touch '$T/moved'" \
    $EST -q -o "$T/x.grid" "$T/x.bars" 2>"$T/err"
if [ -e "$T/moved" ] && cmp -s "$T/a.grid" "$T/x.grid"; then
	ok "6. a file renamed over the input between the passes: the grid is the file first opened"
else
	notok "6. a file renamed over the input between the passes: the grid is the file first opened"
	[ -e "$T/moved" ] || echo "# the hook LIQ_TEST_AFTER_SCAN did not run"
	sed 's/^/# /' "$T/err" | head -5
fi
$ING -q -o "$T/b.bars" $S/BTCUSDT-1m-2024-03-05.zip $S/BTCUSDT-metrics-2024-03-05.zip

echo "# wrong-estimate: $n tests, $fail failed"
[ "$fail" -eq 0 ]
