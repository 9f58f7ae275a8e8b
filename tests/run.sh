#!/bin/sh
# run.sh - every test: the C unit tests (tests/unit/*.c, built into
# BUILDDIR as t-NAME), then the command-line tests (tests/cli/*.sh).
# Ends with one line "N passed, N failed"; exits 1 if anything failed.
#   sh tests/run.sh BINDIR BUILDDIR
BIN=${1:-bin}
BUILD=${2:-build}
log=$(mktemp /tmp/liq-tests.XXXXXX)
trap 'rm -f "$log" "$log.one"' EXIT
status=0
for t in tests/unit/*.c tests/cli/*.sh; do
	case $t in
	*/lib.sh) continue ;;
	*.c)	u=${t#tests/unit/}; "$BUILD/t-${u%.c}" > "$log.one" 2>&1 ;;
	*.sh)	LIQ_BUILD=$BUILD sh "$t" "$BIN" > "$log.one" 2>&1 ;;
	esac
	rc=$?
	grep -v '^ok ' "$log.one"
	cat "$log.one" >> "$log"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$log.one"; then
		# a test program died without saying which check
		echo "not ok - $t exited with status $rc"
		echo "not ok - $t exited with status $rc" >> "$log"
	fi
	[ "$rc" -eq 0 ] || status=1
done
pass=$(grep -c '^ok ' "$log")
failn=$(grep -c '^not ok ' "$log")
echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ] && [ "$status" -eq 0 ]
