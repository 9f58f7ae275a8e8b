#!/bin/sh
# wrong-ingest.sh - inputs that are not what they say, from an adversarial
# review of liq-ingest: a COIN-M dump under a USD-M name, metrics and
# liquidations of another symbol, repeated aggTrades and klines rows, a header with a
# column twice, control characters in texts that reach the bars header,
# and zip archives concatenated.  Each case was read wrong (or silently)
# before; each must now be refused or handled, with a message that says
# where.
#   sh tests/cli/wrong-ingest.sh BINDIR       (from the top of the repository)
set -u
BIN=${1:-bin}
ING=$BIN/liq-ingest
SD=sample-data
REAL=../shared/data
T=$(mktemp -d /tmp/liq-wrong.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
AGG=$SD/BTCUSDT-aggTrades-2024-03-04.zip
MET=$SD/BTCUSDT-metrics-2024-03-04.zip
PY=$(command -v python3)

# repack MEMBER-of-ZIP OUT NEWMEMBER: ZIP's one member under another name
repack() {
	"$PY" - "$1" "$2" "$3" <<'PYEOF'
import sys, zipfile
src, out, name = sys.argv[1:4]
with zipfile.ZipFile(src) as z:
    data = z.read(z.namelist()[0])
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(name, data)
PYEOF
}

# 7. a COIN-M dump under a USD-M name
CM=$REAL/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip
if [ -f "$CM" ] && [ -n "$PY" ]; then
	mkdir -p "$T/um"
	cp "$CM" "$T/um/BTCUSDT-aggTrades-2026-05-08.zip"
	fails 1 "BTCUSDT-aggTrades-2026-05-08.zip.*BTCUSD_PERP-aggTrades-2026-05-08.csv" \
	    "7: COIN-M member under a USD-M zip name: an error naming both" \
	    "$ING" -q --csv -o "$T/cm.csv" "$T/um/BTCUSDT-aggTrades-2026-05-08.zip"
	repack "$CM" "$T/plain.zip" BTCUSD_PERP-aggTrades-2026-05-08.csv
	if "$ING" -q --csv -o "$T/cm.csv" --symbol BTCUSDT "$T/plain.zip" 2>"$T/err" &&
	    grep -q '^# market=inverse' "$T/cm.csv"; then
		ok "7: --symbol renames, the member's market stands: inverse"
	else
		notok "7: --symbol renames, the member's market stands: inverse"
		sed 's/^/# /' "$T/err" | head -3
	fi
	mv "$T/plain.zip" "$T/BTCUSDT-aggTrades-2026-05-08.zip"
	fails 1 "says BTCUSDT.*BTCUSD_PERP-aggTrades" \
	    "7: repacked under BTCUSDT-aggTrades-...zip: refused" \
	    "$ING" -q --csv -o "$T/cm.csv" "$T/BTCUSDT-aggTrades-2026-05-08.zip"
	# a zip with no name to go by takes the member's: inverse
	repack "$CM" "$T/data.zip" BTCUSD_PERP-aggTrades-2026-05-08.csv
	if "$ING" -q --csv -o "$T/cm.csv" "$T/data.zip" 2>"$T/err" &&
	    grep -q '^# market=inverse' "$T/cm.csv"; then
		ok "7: an unnamed zip takes the member's name: inverse"
	else
		notok "7: an unnamed zip takes the member's name: inverse"
		sed 's/^/# /' "$T/err" | head -3
	fi
	# gzip keeps the name of the file it compressed (FNAME): the same
	# check; gzip -n keeps none, and the file's own name stands
	mkdir -p "$T/gz"
	unzip -q -o "$CM" -d "$T/gz"
	gzip -c "$T/gz/BTCUSD_PERP-aggTrades-2026-05-08.csv" > "$T/gz/x.gz"
	mv "$T/gz/x.gz" "$T/gz/BTCUSDT-aggTrades-2026-05-08.csv.gz"
	fails 1 "says BTCUSDT aggTrades but it was compressed from BTCUSD_PERP-aggTrades-2026-05-08.csv" \
	    "7: COIN-M csv gzipped, renamed to USD-M: refused, naming both" \
	    "$ING" -q --csv -o "$T/cm.csv" "$T/gz/BTCUSDT-aggTrades-2026-05-08.csv.gz"
	(cd "$T/gz" && gzip -c BTCUSD_PERP-aggTrades-2026-05-08.csv > d.gz)
	if "$ING" -q --csv -o "$T/cm.csv" "$T/gz/d.gz" 2>"$T/err" &&
	    grep -q '^# market=inverse' "$T/cm.csv"; then
		ok "7: an unnamed .gz takes the name gzip recorded: inverse"
	else
		notok "7: an unnamed .gz takes the name gzip recorded: inverse"
		sed 's/^/# /' "$T/err" | head -3
	fi
else
	skip "7: COIN-M under a USD-M name" "no $CM or python3"
fi
# the archive's own names (member = zip name) still read
check "7: sample zips whose member matches still read" \
    "$ING" -q --csv -o "$T/ok.csv" "$AGG" "$MET"

# 8. metrics and liquidationSnapshot rows of another symbol
unzip -p "$MET" > "$T/m.csv"
sed 's/,BTCUSDT,/,ETHUSDT,/' "$T/m.csv" > "$T/BTCUSDT-metrics-2024-03-04.csv"
fails 1 "BTCUSDT-metrics-2024-03-04.csv:2: symbol" \
    "8: metrics rows of ETHUSDT in a BTCUSDT file: an error at line 2" \
    "$ING" -q --csv -o "$T/x.csv" "$AGG" "$T/BTCUSDT-metrics-2024-03-04.csv"
sed 's/,BTCUSDT,/,ETHUSDT,/' "$T/m.csv" > "$T/metrics.csv"
fails 1 "metrics.csv:2: symbol.*ETHUSDT" \
    "8: --symbol BTCUSDT and a metrics file of only ETHUSDT rows: an error" \
    "$ING" -q --csv --symbol BTCUSDT -o "$T/x.csv" "$AGG" "$T/metrics.csv"
awk 'NR == 50 { sub(/,BTCUSDT,/, ",ETHUSDT,") } { print }' "$T/m.csv" \
    > "$T/BTCUSDT-metrics-2024-03-04.csv"
fails 1 "BTCUSDT-metrics-2024-03-04.csv:50: symbol" \
    "8: one ETHUSDT row in the middle: an error at its line" \
    "$ING" -q --csv -o "$T/x.csv" "$AGG" "$T/BTCUSDT-metrics-2024-03-04.csv"
{
	echo "symbol,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity,time"
	echo "ETHUSDT,SELL,LIMIT,IOC,1.5,3000.0,3001.0,FILLED,1.5,1.5,1709510460000"
} > "$T/BTCUSDT-liquidationSnapshot-2024-03-04.csv"
fails 1 "BTCUSDT-liquidationSnapshot-2024-03-04.csv:2: symbol" \
    "8: liquidationSnapshot rows of ETHUSDT in a BTCUSDT file: an error" \
    "$ING" -q --csv -o "$T/x.csv" "$AGG" "$T/BTCUSDT-liquidationSnapshot-2024-03-04.csv"

# 10. repeated aggTrades rows
unzip -p "$AGG" > "$T/a.csv"
"$ING" -q --csv --symbol BTCUSDT -o "$T/once.csv" "$T/a.csv" 2>/dev/null
head -1 "$T/a.csv" > "$T/rep.csv"
sed -n '2,1001p' "$T/a.csv" >> "$T/rep.csv"
sed -n '502,$p' "$T/a.csv" >> "$T/rep.csv"	# a resumed download
"$ING" -q --csv --symbol BTCUSDT -o "$T/rep.out" "$T/rep.csv" 2>"$T/err"
grep -v '^# command' "$T/once.csv" > "$T/once.g"
grep -v '^# command' "$T/rep.out" > "$T/rep.g" 2>/dev/null
if cmp -s "$T/once.g" "$T/rep.g" && grep -q "500 repeated" "$T/err"; then
	ok "10: 500 repeated rows (resumed download): dropped, counted on stderr"
else
	notok "10: 500 repeated rows (resumed download): dropped, counted on stderr"
	sed 's/^/# /' "$T/err" | head -3
fi
awk -F, -v OFS=, '{ print } NR == 1001 { $3 = "9.999"; print }' "$T/a.csv" > "$T/conf.csv"
line=1002
fails 1 "conf.csv:$line: agg_trade_id" \
    "10: a repeated id with other content: an error at its line" \
    "$ING" -q --csv --symbol BTCUSDT -o "$T/x.csv" "$T/conf.csv"

# 10. repeated klines rows: the same row dropped, another row for one
# open time an error
KL=$SD/BTCUSDT-1m-2024-03-04.zip
mkdir -p "$T/kl"
unzip -p "$KL" > "$T/kl.csv"
"$ING" -q --csv -o "$T/kl.once" "$KL" 2>/dev/null
(head -101 "$T/kl.csv"; sed -n '95,$p' "$T/kl.csv") > "$T/kl/BTCUSDT-1m-2024-03-04.csv"
"$ING" -q --csv -o "$T/kl.rep" "$T/kl/BTCUSDT-1m-2024-03-04.csv" 2>"$T/err"
grep -v '^# command' "$T/kl.once" > "$T/once.g"
grep -v '^# command' "$T/kl.rep" > "$T/rep.g" 2>/dev/null
if cmp -s "$T/once.g" "$T/rep.g" && grep -q "dropped 7 repeated rows" "$T/err"; then
	ok "10: 7 repeated klines rows (overlapping cat): dropped, counted on stderr"
else
	notok "10: 7 repeated klines rows (overlapping cat): dropped, counted on stderr"
	sed 's/^/# /' "$T/err" | head -3
fi
(head -101 "$T/kl.csv"; sed -n '95p' "$T/kl.csv" | sed 's/,0$/,1/'; sed -n '102,$p' "$T/kl.csv") > "$T/kl/BTCUSDT-1m-2024-03-04.csv"
fails 1 "BTCUSDT-1m-2024-03-04.csv:102: open_time: a kline with this open time was read before with other values" \
    "10: a kline time read again with other values: an error at its line" \
    "$ING" -q --csv -o "$T/x.csv" "$T/kl/BTCUSDT-1m-2024-03-04.csv"

# 13. --contract-size outside 1e-8 .. 1e9 (liq-bars(5)'s range)
fails 2 "contract-size: not a number from 1e-8 to 1e9" "13: --contract-size 1e-12: usage error" \
    "$ING" -q -o "$T/x.bars" --contract-size 1e-12 "$AGG"
fails 2 "contract-size: not a number from 1e-8 to 1e9" "13: --contract-size 1e308: usage error" \
    "$ING" -q -o "$T/x.bars" --contract-size 1e308 "$AGG"
# 18. a --from/--to window outside the data says so
fails 1 "no row with prices inside --from/--to: the window is outside the data" \
    "18: a window after the data: exit 1, the window named as the cause" \
    "$ING" -q -o "$T/x.bars" --from 2025-01-01 "$AGG"
check "18: ... and no output file" test ! -e "$T/x.bars"

# 11. a header with a column twice
unzip -p "$AGG" | sed '1s/^agg_trade_id,price,/agg_trade_id,price,price,/; 2,$s/^\([0-9]*\),\([^,]*\),/\1,\2,1.0,/' \
    > "$T/dup.csv"
fails 1 "dup.csv:1: price:.*twice" "11: a header with price twice: an error naming it" \
    "$ING" -q --csv --symbol BTCUSDT -o "$T/x.csv" "$T/dup.csv"

# 15. control characters in texts that reach the header
nl='
'
fails 2 "venue" "15: --venue with a newline: usage error" \
    "$ING" -q --csv -o "$T/x.csv" --venue "binance${nl}symbol=ETHUSDT" "$AGG"
fails 2 "symbol" "15: --symbol with a newline: usage error" \
    "$ING" -q --csv -o "$T/x.csv" --symbol "BTCUSDT${nl}x=1" "$AGG"
fails 2 "symbol" "15: --symbol with a tab: usage error" \
    "$ING" -q --csv -o "$T/x.csv" --symbol "$(printf 'BTC\tUSDT')" "$AGG"
printf 'create_time,symbol,sum_open_interest,sum_open_interest_value\n2024-03-04 00:00:00,"BTC\001USDT",1,1\n' > "$T/ctl.csv"
fails 1 "ctl.csv: symbol: a control character" \
    "15: a symbol with a control character from a file's rows: refused" \
    "$ING" -q --csv -o "$T/x.csv" "$T/ctl.csv"

# 16. zip archives concatenated
cat "$AGG" "$SD/BTCUSDT-aggTrades-2024-03-05.zip" > "$T/BTCUSDT-aggTrades-2024-03-04.zip"
fails 1 "BTCUSDT-aggTrades-2024-03-04.zip: .*after" "16: cat a.zip b.zip: an error" \
    "$ING" -q --csv -o "$T/x.csv" "$T/BTCUSDT-aggTrades-2024-03-04.zip"
cat "$MET" "$SD/BTCUSDT-metrics-2024-03-05.zip" > "$T/BTCUSDT-metrics-2024-03-04.zip"
fails 1 "BTCUSDT-metrics-2024-03-04.zip: .*after" "16: cat of two small zips: an error" \
    "$ING" -q --csv -o "$T/x.csv" "$AGG" "$T/BTCUSDT-metrics-2024-03-04.zip"
{ cat "$MET"; printf 'junk'; } > "$T/BTCUSDT-metrics-2024-03-04.zip"
fails 1 "BTCUSDT-metrics-2024-03-04.zip: " "16: bytes after the end record: an error" \
    "$ING" -q --csv -o "$T/x.csv" "$AGG" "$T/BTCUSDT-metrics-2024-03-04.zip"

# 13: liq-ingest never writes a bar that every reader refuses
printf 'time,open,high,low,close,volume\n1709510400000,1e-20,1e-20,1e-20,1e-20,1\n1709510460000,1e-20,1e-20,1e-20,1e-20,1\n' > "$T/tiny.csv"
fails 1 "out of range (a price from 1e-8 to 1e9)" "13: a price of 1e-20 is not written as a bar" \
    "$ING" --symbol BTCUSDT --map time=time,open=open,high=high,low=low,close=close,volume_base=volume -o "$T/tiny.bars" "$T/tiny.csv"

echo "# wrong-ingest: $n tests, $fail failed"
[ "$fail" -eq 0 ]
