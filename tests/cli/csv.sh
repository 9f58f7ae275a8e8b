#!/bin/sh
# csv.sh - the CSV forms liq writes for people and tools: bars (liq-ingest
# --csv, liq-cat --csv), the grid export, the series and the ledger, read
# back by pandas (read_csv, comment="#") and by DuckDB (read_csv_auto,
# npm @duckdb/node-api) with the numbers a user expects: the header found,
# times parsed as UTC timestamps, no "NaN" text (missing values are empty:
# NULL in DuckDB, NaN in pandas), sums equal to the binary files' (read by
# tests/tools/csvcheck.py itself), no column named like a pandas DataFrame
# attribute; --time ms, --na and --exact; bars CSV in the new layout and
# the old one read back by the liq programs into the same grid and bars.
# Outside CI a missing pandas or DuckDB is a SKIP; with CI=true, a failure.
#   sh tests/cli/csv.sh BINDIR      (from the top of the repository)
set -u
BIN=${1:-bin}
B=${LIQ_BUILD:-build}
SD=sample-data
SHARED=${LIQ_SHARED:-../shared/data}
T=$(mktemp -d /tmp/liq-csv.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
ING=$BIN/liq-ingest EST=$BIN/liq-estimate CAT=$BIN/liq-cat
CHK=tests/tools/csvcheck.py

# a tool that is missing: SKIP, or in CI (CI=true) a failure
missing() {
	if [ "${CI:-}" = true ]; then
		notok "$1 (CI=true: $2)"
	else
		skip "$1" "$2"
	fi
}
# grid CSV without its command= line, exact: what two grids are compared by
gridtext() { $CAT --csv --exact "$1" | grep -v '^# command='; }

$ING -q -o "$T/s.bars" $SD/BTCUSDT-aggTrades-2024-03-0[45].zip \
	$SD/BTCUSDT-metrics-2024-03-0[45].zip $SD/BTCUSDT-fundingRate-2024-03.zip
$CAT --csv -o "$T/s.csv" "$T/s.bars"
$CAT --csv --time ms -o "$T/s-ms.csv" "$T/s.bars"
$EST -q --step 1h --bins 200 --series "$T/s.series" --ledger "$T/s.ledger" \
	-o "$T/s.grid" "$T/s.bars"
$CAT --csv -o "$T/g.csv" "$T/s.grid"
$CAT --csv --exact -o "$T/gx.csv" "$T/s.grid"
real=""
if [ -f "$SHARED/coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv" ]; then
	# real hourly bars with 5 missing hours (gap bars) and liquidations
	$ING -q --preset coinglass -o "$T/cg.bars" \
	    "$SHARED/coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv"
	$ING -q --preset coinglass --csv -o "$T/cg.csv" \
	    "$SHARED/coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv"
	$EST -q --step 1d --series "$T/cg.series" -o "$T/cg.grid" "$T/cg.bars"
	$CAT --csv -o "$T/cgg.csv" "$T/cg.grid"
	real=1
fi

# ------------------------------------------------------------ the text itself
check "bars CSV: the header line first, then '# liq-bars', a bar_flags column" \
	sh -c "head -1 $T/s.csv | grep -q '^time,open,.*,bar_flags\$' && sed -n 2p $T/s.csv | grep -q '^# liq-bars 1\\.'"
check "bars CSV: ISO 8601 UTC times with Z by default" \
	sh -c "grep -q '^2024-03-04T00:00:00Z,67177.7,' $T/s.csv && ! grep -v '^#' $T/s.csv | sed 1d | grep -Evq '^20[0-9-]{8}T[0-9:]{8}Z,'"
check "--time ms: epoch milliseconds" \
	sh -c "grep -q '^1709510400000,67177.7,' $T/s-ms.csv"
check "grid CSV: the header line first, then '# liq-grid', '# end' last" \
	sh -c "head -1 $T/g.csv | grep -qx 'time,price_lo,price_hi,long_usd,short_usd' && sed -n 2p $T/g.csv | grep -q '^# liq-grid 1\\.' && tail -1 $T/g.csv | grep -q '^# end columns=48'"
check "grid CSV: cells in whole dollars, edges as prices (no 17-digit numbers)" \
	sh -c "! grep -v '^#' $T/g.csv | sed 1d | grep -q '\\.' && ! grep -v '^#' $T/g.csv | grep -Eq '[0-9]{13,}' "
check "grid CSV --exact: cells that read back to the float (fractions kept)" \
	sh -c "grep -v '^#' $T/gx.csv | sed 1d | cut -d, -f4 | grep -q '\\.'"
for f in s.csv g.csv s.series s.ledger; do
	check "$f: no NaN text (missing values are empty)" sh -c "! grep -q NaN $T/$f"
done
check "series: unknown realized liquidations are empty fields" \
	sh -c "sed -n 2p $T/s.series | grep -q ',,[^,]*\$'"
$CAT --csv --na NA -o "$T/s-na.csv" "$T/s.bars"
check "--na NA: the text in place of a missing value, named by '# na=NA'" \
	sh -c "grep -qx '# na=NA' $T/s-na.csv && grep -v '^#' $T/s-na.csv | sed -n 2p | grep -q ',NA,'"
fails 2 "missing value" "--na with a comma: usage error" $CAT --csv --na 'a,b' "$T/s.bars"
fails 2 "iso or ms" "--time with another word: usage error" $EST --time unix --csv "$T/s.grid"
fails 2 "iso or ms" "liq-ingest --time with another word: usage error" $ING --time s --csv $SD/BTCUSDT-aggTrades-2024-03-04.zip

# ------------------------------------------------------------ read back by liq
$EST -q --step 1h --bins 200 -o "$T/from-csv.grid" "$T/s.csv"
gridtext "$T/s.grid" > "$T/a.txt"
gridtext "$T/from-csv.grid" > "$T/b.txt"
check "bars CSV (header first, ISO, empty missing) -> liq-estimate: the binary bars' grid" \
	cmp "$T/a.txt" "$T/b.txt"
$CAT -o "$T/back.bars" "$T/s.csv"
check "bars CSV -> liq-cat: the binary bars, byte for byte" cmp "$T/s.bars" "$T/back.bars"
$CAT -o "$T/back-na.bars" "$T/s-na.csv"
check "bars CSV with --na NA -> liq-cat: the same bars" cmp "$T/s.bars" "$T/back-na.bars"
# the old layout: metadata before the header, epoch ms, NaN, "flags"
$CAT --csv --time ms --na NaN "$T/s.bars" | awk 'NR == 1 { sub(/bar_flags$/, "flags"); h = $0; next }
	!done && /^#/ { print; next } !done { print h; done = 1 } { print }' > "$T/old.csv"
check "old layout made for the test: '# liq-bars' first, NaN, flags" \
	sh -c "head -1 $T/old.csv | grep -q '^# liq-bars' && grep -q NaN $T/old.csv && grep -q ',flags\$' $T/old.csv"
$EST -q --step 1h --bins 200 -o "$T/from-old.grid" "$T/old.csv"
gridtext "$T/from-old.grid" > "$T/c.txt"
check "old-layout bars CSV (metadata first, ms, NaN, flags) -> liq-estimate: the same grid" \
	cmp "$T/a.txt" "$T/c.txt"
# members: two days one after another, in the new layout, and old + new
$ING -q -o "$T/d4.bars" $SD/BTCUSDT-aggTrades-2024-03-04.zip
$ING -q -o "$T/d5.bars" $SD/BTCUSDT-aggTrades-2024-03-05.zip
$CAT --csv -o "$T/d4.csv" "$T/d4.bars"
$CAT --csv -o "$T/d5.csv" "$T/d5.bars"
cat "$T/d4.bars" "$T/d5.bars" | $CAT -o "$T/m-bin.bars"
cat "$T/d4.csv" "$T/d5.csv" | $CAT -o "$T/m-csv.bars"
check "two bars CSVs (header first) one after another: the bars of the two binaries" \
	cmp "$T/m-bin.bars" "$T/m-csv.bars"
$CAT --csv --time ms --na NaN "$T/d4.bars" | awk 'NR == 1 { h = $0; next }
	!done && /^#/ { print; next } !done { print h; done = 1 } { print }' > "$T/d4-old.csv"
cat "$T/d4-old.csv" "$T/d5.csv" | $CAT -o "$T/m-mix.bars"
check "an old-layout member then a new-layout one: the same bars" \
	cmp "$T/m-bin.bars" "$T/m-mix.bars"
{ cat "$T/d4.csv"; head -1 "$T/d5.csv"; } > "$T/cut.csv"
fails 1 "truncated bars file" "a second member cut after its header line: truncated" \
	$CAT -o "$T/x.bars" "$T/cut.csv"

# ------------------------------------------------------------ pandas
PY=""
for p in ${PYTHON:-python3} /usr/bin/python3; do
	if "$p" -c "import pandas" 2>/dev/null; then PY=$p; break; fi
done
if [ -n "$PY" ]; then
	check "pandas: bars CSV = the binary bars (times, every column, NaN where missing)" \
		$PY $CHK pd-bars "$T/s.bars" "$T/s.csv"
	check "pandas: bars CSV --time ms: int64 times, the same bars" \
		$PY $CHK pd-bars "$T/s.bars" "$T/s-ms.csv" ms
	check "pandas: grid CSV: a row per non-zero cell, cells within \$0.5, sums of the binary's" \
		$PY $CHK pd-grid "$T/s.grid" "$T/g.csv"
	check "pandas: grid CSV --exact: the binary's float cells exactly" \
		$PY $CHK pd-grid "$T/s.grid" "$T/gx.csv" exact
	check "pandas: series = the grid's (prices to 10 digits, USD whole, NaN where unknown)" \
		$PY $CHK pd-series "$T/s.grid" "$T/s.series"
	check "pandas: ledger: two sides a column, ISO times" \
		$PY $CHK pd-ledger "$T/s.grid" "$T/s.ledger"
	if [ -n "$real" ]; then
		check "pandas, real coinglass 1h bars (gaps, liquidations): = the binary" \
			$PY $CHK pd-bars "$T/cg.bars" "$T/cg.csv"
		check "pandas, real: daily grid export sums = the binary's" \
			$PY $CHK pd-grid "$T/cg.grid" "$T/cgg.csv"
		check "pandas, real: series with realized liquidations" \
			$PY $CHK pd-series "$T/cg.grid" "$T/cg.series"
	else
		skip "pandas on real files" "no $SHARED"
	fi
	# every header liq writes; liq-cluster's are checked, its clashes named
	printf 'layers binance.long,binance.short,bybit.long,bybit.short\ncol 150 160 140 155\ncell 3 0 1000\ncell 3 2 500\n' |
		$B/mkgrid --csv > "$T/venues.csv"
	$CAT --info --csv "$T/s.bars" > /dev/null 2>&1	# (--info is key=value)
	check "pandas: no column of bars, grid (and by venue), series, ledger named like a DataFrame attribute" \
		$PY $CHK pd-names "$T/s.csv" "$T/g.csv" "$T/venues.csv" "$T/s.series" "$T/s.ledger"
	if [ -x "$BIN/liq-cluster" ]; then
		$BIN/liq-cluster -o "$T/cl-zones.csv" "$T/s.grid" 2>/dev/null
		$BIN/liq-cluster --walls -o "$T/cl-walls.csv" "$T/s.grid" 2>/dev/null
		$BIN/liq-cluster --map -o "$T/cl-map.csv" "$T/s.grid" 2>/dev/null
		if $PY $CHK pd-names "$T"/cl-*.csv > "$T/cl.out" 2>&1; then
			ok "pandas: liq-cluster's columns are not DataFrame attributes"
		else
			# liq-cluster's columns are its engineer's to rename
			skip "pandas: liq-cluster's columns" "$(tail -1 "$T/cl.out")"
		fi
	fi
else
	missing "pandas reads liq's CSV" "no python3 with pandas (apt-get install python3-pandas)"
fi

# ------------------------------------------------------------ DuckDB
ND=$B/bench/node		# shared with make bench (and the asan build's run)
[ -d "$ND/node_modules/@duckdb/node-api" ] ||
    [ ! -d build/bench/node/node_modules/@duckdb/node-api ] || ND=build/bench/node
if [ ! -d "$ND/node_modules/@duckdb/node-api" ] && command -v npm >/dev/null 2>&1 &&
    command -v node >/dev/null 2>&1; then
	mkdir -p "$ND"
	npm install --no-audit --no-fund --prefix "$ND" @duckdb/node-api \
	    > "$T/npm.log" 2>&1 || sed 's/^/# npm: /' "$T/npm.log" | tail -5
fi
if [ -z "$PY" ]; then
	PY=python3	# csvcheck.py's DuckDB checks need no pandas
fi
if [ -d "$ND/node_modules/@duckdb/node-api" ] && command -v node >/dev/null 2>&1; then
	duck() { NODE_PATH=$ND/node_modules node tests/tools/duckcsv.js "$1" > "$1.json"; }
	duck "$T/s.csv"; duck "$T/g.csv"; duck "$T/s.series"; duck "$T/s.ledger"
	check "DuckDB read_csv_auto: bars CSV header found, times TIMESTAMP, sums = the binary's, missing = NULL" \
		$PY $CHK duck-bars "$T/s.bars" "$T/s.csv.json"
	check "DuckDB read_csv_auto: grid CSV rows and sums = the binary's" \
		$PY $CHK duck-grid "$T/s.grid" "$T/g.csv.json"
	check "DuckDB read_csv_auto: series sums, unknown realized liquidations NULL" \
		$PY $CHK duck-series "$T/s.grid" "$T/s.series.json"
	check "DuckDB read_csv_auto: ledger header and 96 rows" \
		sh -c "grep -q '\"name\":\"open_usd\",\"type\":\"BIGINT\"' $T/s.ledger.json && grep -q '\"count\":96' $T/s.ledger.json"
	# "NaN" text is what made DuckDB's sum() NaN: the check catches it
	$CAT --csv --na NaN -o "$T/nan.csv" "$T/s.bars"
	duck "$T/nan.csv"
	check "DuckDB: a bars CSV with --na NaN is caught (the check can fail)" \
		sh -c "! $PY $CHK duck-bars $T/s.bars $T/nan.csv.json"
	if [ -n "$real" ]; then
		duck "$T/cg.csv"; duck "$T/cgg.csv"
		check "DuckDB, real coinglass 1h bars: sums = the binary's, gaps NULL" \
			$PY $CHK duck-bars "$T/cg.bars" "$T/cg.csv.json"
		check "DuckDB, real: daily grid export" \
			$PY $CHK duck-grid "$T/cg.grid" "$T/cgg.csv.json"
	else
		skip "DuckDB on real files" "no $SHARED"
	fi
else
	missing "DuckDB reads liq's CSV" "no node with @duckdb/node-api (apt-get install nodejs npm)"
fi

echo "# csv: $n tests, $fail failed"
[ "$fail" -eq 0 ]
