#!/bin/sh
# memcheck.sh - the demo pipeline under valgrind: no invalid access, no
# uninitialised value used, no leak, in every program (each run also
# checks that the program itself succeeded).  Programs not built yet are
# skipped.  The input threads (lib/input.c) are part of every run.
#   sh tests/tools/memcheck.sh BINDIR "valgrind --error-exitcode=1 ..."
# (make memcheck passes both.)  Prints TAP lines and "N passed, N failed".
set -u
BIN=${1:-bin}
VG=${2:-valgrind -q --error-exitcode=1 --leak-check=full}
SD=sample-data
T=$(mktemp -d /tmp/liq-memcheck.XXXXXX)
trap 'rm -rf "$T"' EXIT
n=0 fail=0 pass=0

# vg WANT DESC CMD...: CMD under valgrind exits WANT with no valgrind report
vg() {
	want=$1 d=$2; shift 2
	n=$((n + 1))
	$VG "$@" > "$T/out" 2> "$T/vg"
	rc=$?
	if [ "$rc" -eq "$want" ] && ! grep -q '^==[0-9]*==' "$T/vg"; then
		pass=$((pass + 1)); echo "ok $n - $d"
	else
		fail=$((fail + 1)); echo "not ok $n - $d (exit $rc, want $want)"
		sed 's/^/# /' "$T/vg" | head -40
	fi
}
# prog NAME: the program is built
prog() { [ -x "$BIN/$1" ]; }
skip() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1 # SKIP $2"; }

DEMO_IN="$SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-aggTrades-2024-03-05.zip $SD/BTCUSDT-metrics-2024-03-04.zip $SD/BTCUSDT-metrics-2024-03-05.zip $SD/BTCUSDT-fundingRate-2024-03.zip"
ING=$BIN/liq-ingest
vg 0 "liq-ingest: the demo set to a bars file" $ING -o "$T/all.bars" $DEMO_IN
vg 0 "liq-ingest: the demo set with zlib inflate, CSV" env LIQ_INFLATE=zlib $ING --csv -o "$T/all.csv" $DEMO_IN
unzip -p "$SD/BTCUSDT-1m-2024-03-04.zip" > "$T/kl.csv"
vg 0 "liq-ingest: klines on stdin (the pipe reader)" sh -c "exec $VG $ING --symbol BTCUSDT --csv < $T/kl.csv"
head -c 30000 "$SD/BTCUSDT-aggTrades-2024-03-04.zip" > "$T/BTCUSDT-aggTrades-2024-03-04.zip"
vg 1 "liq-ingest: a truncated zip (error path, threads stopped)" $ING -o "$T/cut.bars" "$T/BTCUSDT-aggTrades-2024-03-04.zip"
vg 1 "liq-ingest: a failure in the second file (first one closed)" $ING -o "$T/x.bars" "$SD/BTCUSDT-aggTrades-2024-03-05.zip" "$T/BTCUSDT-aggTrades-2024-03-04.zip"
# killed by SIGPIPE: what is in use then is not a leak, but nothing may
# have been read or written out of bounds before
n=$((n + 1))
$VG $ING --csv "$SD/BTCUSDT-aggTrades-2024-03-04.zip" 2> "$T/vg" | head -c 1000 > /dev/null
if ! grep -q 'Invalid\|uninitialised\|Mismatched' "$T/vg"; then
	pass=$((pass + 1)); echo "ok $n - liq-ingest: | head -c 1000 closes the pipe early: no invalid access"
else
	fail=$((fail + 1)); echo "not ok $n - liq-ingest: | head -c 1000: no invalid access"
	sed 's/^/# /' "$T/vg" | head -40
fi

# the programs after liq-ingest, each on the previous one's output, when
# built and when the same command works without valgrind
later() {	# later NAME DESC ARGS...
	p=$1 d=$2; shift 2
	if ! prog "$p"; then
		skip "$p: $d" "not built"
	elif ! "$BIN/$p" "$@" > /dev/null 2>&1; then
		skip "$p: $d" "$BIN/$p $* fails without valgrind too"
	else
		vg 0 "$p: $d" "$BIN/$p" "$@"
	fi
}
$ING -q -o "$T/d1.bars" "$SD/BTCUSDT-aggTrades-2024-03-04.zip" "$SD/BTCUSDT-metrics-2024-03-04.zip" 2>/dev/null
later liq-estimate "a day of bars to a grid" -o "$T/g.grid" "$T/d1.bars"
$ING -q -o "$T/d2.bars" "$SD/BTCUSDT-aggTrades-2024-03-05.zip" "$SD/BTCUSDT-metrics-2024-03-05.zip" 2>/dev/null
later liq-estimate "two daily files joined into one market" -o "$T/j.grid" "$T/d2.bars" "$T/d1.bars"
cat "$T/d1.bars" "$T/d2.bars" > "$T/cat.bars"
vg 0 "liq-estimate: a cat stream on stdin (spooled)" sh -c "exec $VG $BIN/liq-estimate -o $T/p.grid < $T/cat.bars"
later liq-cat "--info of bars, a stream of two members and a grid" --info "$T/d1.bars" "$T/cat.bars" "$T/g.grid"
later liq-cat "two daily files merged into one" -o "$T/m.bars" "$T/d2.bars" "$T/d1.bars"
later liq-cat "a grid to CSV" --csv -o "$T/g.csv" "$T/g.grid"
if [ -s "$T/g.grid" ]; then
	later liq-cluster "zones of the grid" -o "$T/z.csv" "$T/g.grid"
	later liq-render-ppm "the grid as a picture" -o "$T/g.ppm" "$T/g.grid"
else
	skip "liq-cluster, liq-render-ppm" "no grid from liq-estimate"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
