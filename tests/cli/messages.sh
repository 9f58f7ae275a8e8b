#!/bin/sh
# cli-messages.sh - messages that once named the wrong cause: each case
# is a real file (sample-data/, ../shared/data) bent the one way that
# misled, and the test holds the exit status and the words of the real
# cause (file, line or byte, field, the option that allows it).
#   sh tests/cli/messages.sh BINDIR       (run from the top of the repository)
# Prints "ok N - ..." / "not ok N - ..." lines; exits 1 if any failed.
set -u
BIN=${1:-bin}
SD=sample-data
SHARED=${LIQ_SHARED:-../shared/data}
T=$(mktemp -d /tmp/liq-msg.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh	# ok, notok, skip, check, fails (counts $cases)
ING=$BIN/liq-ingest
EST=$BIN/liq-estimate
CAT=$BIN/liq-cat
PPM=$BIN/liq-render-ppm
AGG=$SD/BTCUSDT-aggTrades-2024-03-04.zip

# flip FILE OFFSET: xor the byte at OFFSET with 1, in place
flip() {
	b=$(od -An -tu1 -j"$2" -N1 "$1" | tr -d ' ')
	printf "\\$(printf %03o $((b ^ 1)))" |
	    dd of="$1" bs=1 seek="$2" conv=notrunc 2> /dev/null
}

# 1. a plot within 16384 a side but over the pixel cap says the cap
$ING -q -o "$T/a.bars" "$AGG" $SD/BTCUSDT-metrics-2024-03-04.zip \
    $SD/BTCUSDT-fundingRate-2024-03.zip &&
    $EST -q -o "$T/a.grid" "$T/a.bars" ||
    notok "fixture: a grid from sample-data"
fails 2 'plot too large: 16384 x 16384 is 268435456 pixels, over the cap of 134217728 pixels in all' \
    "16384 x 16384: the total-pixel cap, not a per-side range" \
    $PPM -W 16384 -H 16384 -o "$T/big.ppm" "$T/a.grid"
check "... and no output file left" test ! -e "$T/big.ppm"
fails 2 'not a size from 4 to 16384 pixels' "16385 a side: still the per-side range" \
    $PPM -W 16385 -H 100 -o "$T/big.ppm" "$T/a.grid"

# 2. a bars CSV (no interval line) whose first two rows share a time
$CAT --csv --time ms "$T/a.bars" | grep -v '^# interval=' > "$T/ok.csv"
awk -F, 'BEGIN { OFS = "," } /^[0-9]/ { k++; if (k == 1) t = $1; if (k == 2) $1 = t } { print }' \
    "$T/ok.csv" > "$T/same.csv"
check "fixture: the CSV without its interval line reads" $CAT --csv -o /dev/null "$T/ok.csv"
fails 1 'same.csv:[0-9][0-9]*: time: bar at .* shares its time with the previous bar' \
    "two rows sharing a time: says so (file, line), not 'fewer than two rows'" \
    $CAT --csv -o /dev/null "$T/same.csv"
fails 1 'same.csv:[0-9][0-9]*: time: .*shares its time' "... the same from liq-estimate" \
    $EST -o /dev/null "$T/same.csv"

# 3. a time in milliseconds with a fraction
unzip -p "$AGG" | head -4 > "$T/agg.csv"
sed '3s/^\(\([^,]*,\)\{5\}\)\([0-9]*\)/\1\3.5/' "$T/agg.csv" > "$T/frac.csv"
fails 1 'frac.csv:3: transact_time: not an integer (milliseconds): "1709510403655.5"' \
    "1709510403655.5: not an integer (milliseconds), not out of range" \
    $ING --symbol BTCUSDT -o /dev/null --csv "$T/frac.csv"

# 4. a zip whose deflate data is corrupt but decodes: the data, not a row
for off in 3000 20000 400000; do
	cp "$AGG" "$T/c$off.zip"
	flip "$T/c$off.zip" $off
	fails 1 "c$off.zip: .*corrupt" \
	    "a byte flipped at $off of a zip: the compressed data is corrupt" \
	    $ING -o "$T/c.bars" "$T/c$off.zip"
	if grep -q 'columns where\|not a time\|not a number\|out of range\|reorder' "$T/fe"; then
		notok "... not blamed on a CSV field ($off)"
	else
		ok "... not blamed on a CSV field ($off)"
	fi
done
check "... and no output file left" test ! -e "$T/c.bars"

# 5. inputs of two symbols: "give one symbol per run", with the option
if [ -f "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip" ]; then
	fails 2 'inputs are for different \(symbols\|markets\): .*give one \(symbol\|market\) per run, or pick one with --\(symbol\|market\)' \
	    "two symbols: one symbol per run (grammar), names the option" \
	    $ING -o /dev/null "$AGG" "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip"
	! grep -q 'symbols per run\|markets per run' "$T/fe" &&
	    ok "... not 'one symbols per run'" || notok "... not 'one symbols per run'"
else
	skip "two symbols: one symbol per run" "no $SHARED"
	skip "... not 'one symbols per run'" "no $SHARED"
fi

# 6. a zip or gzip cut short whose names do not tell the symbol
unzip -p "$AGG" > "$T/trades.csv"
gzip -c "$T/trades.csv" > "$T/whole.gz"
head -c 300000 "$T/whole.gz" > "$T/trades.gz"
fails 1 'trades.gz: truncated gzip data (file ends at byte 300000)' \
    "a cut gzip without a Binance name: the truncation, not the symbol" \
    $ING -o /dev/null "$T/trades.gz"
fails 2 'cannot tell the symbol' "... a whole one still asks for --symbol" \
    $ING -o /dev/null "$T/whole.gz"
if python3 -c 'import zipfile, sys
z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
z.write(sys.argv[2], "trades.csv")' "$T/whole.zip" "$T/trades.csv" 2> /dev/null; then
	head -c 400000 "$T/whole.zip" > "$T/trades.zip"
	fails 1 'trades.zip: truncated zip data (file ends at byte 400000)' \
	    "a cut zip without a Binance name: the truncation, not the symbol" \
	    $ING -o /dev/null "$T/trades.zip"
	if grep -q 'cannot tell the symbol' "$T/fe"; then
		notok "... not 'cannot tell the symbol'"
	else
		ok "... not 'cannot tell the symbol'"
	fi
else
	skip "a cut zip without a Binance name" "no python3 to make the zip"
	skip "... not 'cannot tell the symbol'" "no python3"
fi

# 7. COIN-M bars without open interest: the inverse market's field
if [ -f "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip" ]; then
	$ING -q -o "$T/cm.bars" "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip"
	fails 1 'cm.bars: oi_quote: no open interest in the bars (oi_quote, in USD, for an inverse market' \
	    "COIN-M without open interest: names oi_quote (USD), not oi_base" \
	    $EST -o /dev/null "$T/cm.bars"
else
	skip "COIN-M without open interest: names oi_quote" "no $SHARED"
fi
fails 1 'k.bars: oi_base: no open interest in the bars (oi_base, in base currency' \
    "USD-M without open interest: names oi_base" \
    sh -c "$ING -q -o '$T/k.bars' $SD/BTCUSDT-1m-2024-03-04.zip && $EST -o /dev/null '$T/k.bars'"

# 8. inputs far apart: stop before making every bar of the gap
if [ -f "$SHARED/binance/BTCUSDT-1m-2023-04-15.csv" ]; then
	fails 2 'BTCUSDT-aggTrades-2024-03-04.zip: it starts 323.0 days after the prices of .*BTCUSDT-1m-2023-04-15.csv end .*raise --max-gap (now 31d)' \
	    "two files 323 days apart: names both, the gap and --max-gap" \
	    $ING -o "$T/gap.bars" "$AGG" "$SHARED/binance/BTCUSDT-1m-2023-04-15.csv"
	check "... and no output file left" test ! -e "$T/gap.bars"
	check "... --max-gap 400d allows it" \
	    $ING --max-gap 400d -o "$T/gap.bars" "$AGG" "$SHARED/binance/BTCUSDT-1m-2023-04-15.csv"
else
	skip "two files 323 days apart" "no $SHARED"
fi
check "files a day apart still run" $ING -q -o /dev/null "$AGG" $SD/BTCUSDT-aggTrades-2024-03-05.zip

echo "# cli-messages: $n tests, $fail failed"
[ "$fail" -eq 0 ]
