#!/bin/sh
# run.sh - every test: the C unit tests, then the command-line tests.
# Ends with one line "N passed, N failed"; exits 1 if anything failed.
#   sh tests/run.sh BINDIR BUILDDIR
BIN=${1:-bin}
BUILD=${2:-build}
log=$(mktemp /tmp/liq-tests.XXXXXX)
trap 'rm -f "$log"' EXIT
status=0
"$BUILD/unit-tests" > "$log.unit" 2>&1 || status=1
sh tests/cli.sh "$BIN" > "$log.cli" 2>&1 || status=1
cat "$log.unit" "$log.cli" | grep -v '^ok ' 
cat "$log.unit" "$log.cli" > "$log"
rm -f "$log.unit" "$log.cli"
pass=$(grep -c '^ok ' "$log")
failn=$(grep -c '^not ok ' "$log")
if [ "$status" -ne 0 ] && [ "$failn" -eq 0 ]; then
	failn=1	# a test program died without saying which check
	echo "not ok - a test program exited with an error"
fi
echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ]
