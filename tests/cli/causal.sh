#!/bin/sh
# causal.sh - no output depends on data after its time (liq-estimate(1),
# "Causality"): a grid cut at T (a run whose data ends at T) is the long
# grid's columns up to T, bit for bit, and every snapshot liq-cluster
# prints from the long grid (--at, --every, zones, walls, map) is what it
# prints from the cut grid.  Also: lookback views are warm in their first
# column.  On the real hourly file and on the sample data.
#   sh tests/cli/causal.sh BINDIR
BIN=${1:-bin}
T=$(mktemp -d /tmp/liq-causal.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
SHARED=${LIQ_SHARED:-../shared/data}
EST=$BIN/liq-estimate
CL=$BIN/liq-cluster
GP=${LIQ_BUILD:-build}/gridprefix
PY=python3
[ -x "$GP" ] || { echo "not ok - $GP is missing (make check builds it)"; exit 1; }

# cut GRIDOPTS BARS NAME TIMES...: for each T, the long grid against the
# run cut at T, and liq-cluster's snapshots from both
cut() {
	opts=$1 bars=$2 name=$3
	shift 3
	$EST -q $opts -o "$T/long.grid" "$bars"
	$CL -q --every 1h "$T/long.grid" > "$T/every.csv"
	$CL -q --walls --every 1h "$T/long.grid" > "$T/everyw.csv"
	for t in "$@"; do
		$EST -q $opts --to "$t" -o "$T/cut.grid" "$bars"
		check "$name: the grid cut at $t is the long grid up to $t" \
			"$GP" "$T/long.grid" "$T/cut.grid"
		for m in "" --walls "--map --range 3"; do
			$CL -q $m --at "$t" "$T/long.grid" > "$T/a.csv"
			$CL -q $m "$T/cut.grid" > "$T/b.csv"
			check "$name: liq-cluster ${m:-(zones)} --at $t on the long grid = on the cut grid" \
				sh -c "[ -s '$T/a.csv' ] && [ \$(wc -l < '$T/a.csv') -gt 1 ] && cmp -s '$T/a.csv' '$T/b.csv'"
		done
		# the snapshot at t in --every 1h: the cut's rows
		iso=$($PY -c 'import sys, datetime as d
s = sys.argv[1]
t = d.datetime.fromisoformat(s if "T" in s else s + "T00:00").replace(tzinfo=d.timezone.utc)
print(t.strftime("%Y-%m-%dT%H:%M:%SZ"))' "$t")
		check "$name: --every 1h rows at $iso = the cut grid's rows" sh -c "
			grep '^$iso,' '$T/every.csv' > '$T/e1' && [ -s '$T/e1' ] &&
			$CL -q '$T/cut.grid' | sed 1d | cmp -s - '$T/e1' &&
			grep '^$iso,' '$T/everyw.csv' > '$T/e2' &&
			$CL -q --walls '$T/cut.grid' | sed 1d | cmp -s - '$T/e2'"
	done
}

CG=$SHARED/coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv
if [ -f "$CG" ]; then
	$BIN/liq-ingest -q --preset coinglass -o "$T/h.bars" "$CG"
	cut "" "$T/h.bars" "hourly file" 2025-12-06 2025-12-20T13:00 \
		2026-01-20 2026-02-01T05:00 2026-02-06 2026-02-28T23:00 \
		2026-03-15 2026-03-31T12:00
	cut "--from 2026-01-01 --close oldest --half-life 3d --entry vwap --log" \
		"$T/h.bars" "hourly file, other model options" 2026-01-10 2026-02-05T07:00

	# --to inside a bar: that bar is not known at --to, so the cut run is
	# the long grid's snapshot before it
	$EST -q --from 2026-01-01 -o "$T/l2.grid" "$T/h.bars"
	for t in 2026-02-10T13:30 2026-03-01T00:59; do
		$EST -q --from 2026-01-01 --to $t -o "$T/c2.grid" "$T/h.bars"
		for m in "" --walls; do
			check "hourly file: --to $t inside a bar: liq-cluster ${m:-(zones)} = --at $t on the long grid" \
				sh -c "$CL -q $m '$T/c2.grid' > '$T/a2' && $CL -q $m --at $t '$T/l2.grid' > '$T/b2' && cmp -s '$T/a2' '$T/b2'"
		done
	done

	# lookback views: the first column holds the book built before it
	for lb in 12h 24h 7d 30d; do
		$EST -q --lookback $lb -o "$T/v.grid" "$T/h.bars"
		$EST -q --lookback $lb --warmup 0 --seed 0 --turnover 0 -o "$T/cold.grid" "$T/h.bars"
		check "--lookback $lb: the first column is warm (a cold start without turnover has it empty)" \
			$PY - "$BIN" "$T/v.grid" "$T/cold.grid" <<'PYEOF'
import subprocess, sys
def first(path):
    out = subprocess.run([sys.argv[1] + "/liq-cat", "--csv", "--time", "ms", path],
        capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [l.split(",") for l in out if not l.startswith("#")][1:]
    t0 = min(int(r[0]) for r in rows)
    return t0, sum(float(r[3]) + float(r[4]) for r in rows if int(r[0]) == t0)
(tw, w), (tc, c) = first(sys.argv[2]), first(sys.argv[3])
sys.exit(0 if w > 1e9 and tc > tw else 1)
PYEOF
	done
else
	skip "causality on the real hourly file" "no $CG"
fi

SD=sample-data
$BIN/liq-ingest -q -o "$T/s.bars" $SD/BTCUSDT-aggTrades-2024-03-04.zip \
	$SD/BTCUSDT-aggTrades-2024-03-05.zip $SD/BTCUSDT-metrics-2024-03-04.zip \
	$SD/BTCUSDT-metrics-2024-03-05.zip
cut "" "$T/s.bars" "sample data" 2024-03-04T06:00 2024-03-04T14:00 \
	2024-03-05 2024-03-05T19:00
cut "--step 5m --bins 700 --margin bybit" "$T/s.bars" "sample data, 5m, 700 bins" \
	2024-03-04T15:00

echo "# causal: $n tests, $fail failed"
[ "$fail" -eq 0 ]
