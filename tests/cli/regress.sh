#!/bin/sh
# cli-regress.sh - every input a fuzzer once crashed on (tests/regress/NAME/,
# NAME a harness in fuzz/) replayed through that harness
# (BUILD/replay-NAME, see tests/tools/replay.c) and through the programs that
# read such input (liq-ingest; liq-estimate for bars; liq-cluster and
# liq-render-ppm for grids, the option bytes of the estimate, zones and
# render harnesses left off, when they are built): each must end with exit
# 0, 1 or 2, never a signal, a hang or a sanitizer report.
#   LIQ_BUILD=build sh tests/cli/regress.sh BINDIR
# Prints "ok N - ..." / "not ok N - ..." lines; exits 1 if any failed.
set -u
BIN=${1:-bin}
BUILD=${LIQ_BUILD:-build}
ING=$BIN/liq-ingest
T=$(mktemp -d /tmp/liq-regress.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh	# ok, notok

# The file names fuzz/ingest.c gives its input, by the first byte's low 4
# bits, and the options that go with them (keep in step with the harness).
ingest_name() {
	case $1 in
	0) echo "BTCUSDT-aggTrades-2024-03-04.csv" ;;
	1) echo "BTCUSDT-trades-2024-03-04.csv" ;;
	2) echo "BTCUSDT-1m-2024-03-04.csv" ;;
	3) echo "BTCUSDT-metrics-2024-03-04.csv" ;;
	4) echo "BTCUSDT-fundingRate-2024-03.csv" ;;
	5) echo "BTCUSDT-liquidationSnapshot-2024-03-04.csv" ;;
	6) echo "BTCUSDT2024-03-04.csv" ;;
	7) echo "20240304.csv --symbol XBTUSD" ;;
	8) echo "BTC-USDT-SWAP-trades-2024-03-04.csv" ;;
	9) echo "binance-futures_trades_2024-03-04_BTCUSDT.csv" ;;
	10) echo "bitmex_derivative_ticker_2020-03-01_XBTUSD.csv" ;;
	11) echo "bitmex_liquidations_2020-03-01_XBTUSD.csv" ;;
	12) echo "coinglass_BTC_liq_oi_30m_2026-05-21_05-30.csv --preset coinglass" ;;
	13) echo "mine.csv --symbol XYZ --map time=ts,open=o,high=h,low=l,close=c,volume_base=vol,buy_base=buy,oi_base=oi,volume_quote=vq,buy_quote=bq" ;;
	14) echo "BTCUSD_PERP-aggTrades-2024-03-04.csv" ;;
	15) echo "spot-BTCUSDT-1h-2024-03-04.csv" ;;
	esac
}

# no_crash DESC CMD...: exit status 0, 1 or 2 within 20 s (a hang is a
# failure: exit 124 from timeout) and no sanitizer report
TO=
command -v timeout > /dev/null 2>&1 && TO="timeout 20"
no_crash() {
	d=$1; shift
	$TO "$@" > /dev/null 2> "$T/err"
	rc=$?
	if [ "$rc" -le 2 ] && ! grep -q 'Sanitizer\|runtime error' "$T/err"; then
		ok "$d"
	else
		notok "$d (exit $rc)"
		sed 's/^/# /' "$T/err" | head -10
	fi
}

total=0
for dir in tests/regress/*/; do
	[ -d "$dir" ] || continue
	h=$(basename "$dir")
	for f in "$dir"*; do
		[ -f "$f" ] || continue
		total=$((total + 1))
		name=$(basename "$f")
		if [ ! -x "$BUILD/replay-$h" ]; then
			notok "$h/$name: no $BUILD/replay-$h (make check builds it)"
			continue
		fi
		no_crash "$h/$name through the $h harness" "$BUILD/replay-$h" "$f"
		sel=$(od -An -tu1 -N1 "$f" | tr -d ' ')
		case $h in
		input)
			tail -c +2 "$f" > "$T/in"
			no_crash "$h/$name through liq-ingest" "$ING" --symbol BTCUSDT --csv "$T/in"
			;;
		ingest)
			set -- $(ingest_name $((sel % 16)))
			mkdir -p "$T/d"
			tail -c +2 "$f" > "$T/d/$1"
			p="$T/d/$1"; shift
			[ $((sel & 16)) -ne 0 ] && set -- "$@" --skip-bad
			[ $((sel & 32)) -ne 0 ] && set -- "$@" --interval 5m
			[ $((sel & 64)) -ne 0 ] && set -- "$@" --reorder 1s
			no_crash "$h/$name through liq-ingest" "$ING" "$@" --csv "$p"
			rm -rf "$T/d"
			;;
		bars)	# the programs that read bars, when built
			[ -x "$BIN/liq-estimate" ] &&
				no_crash "$h/$name through liq-estimate" "$BIN/liq-estimate" --csv "$f"
			;;
		estimate)	# 8 option bytes, then a bars file
			tail -c +9 "$f" > "$T/in"
			[ -x "$BIN/liq-estimate" ] &&
				no_crash "$h/$name through liq-estimate" "$BIN/liq-estimate" -q --csv "$T/in"
			;;
		zones|render)	# 4 option bytes, then a grid
			tail -c +5 "$f" > "$T/in.grid"
			[ -x "$BIN/liq-cluster" ] &&
				no_crash "$h/$name through liq-cluster" "$BIN/liq-cluster" "$T/in.grid"
			[ -x "$BIN/liq-render-ppm" ] &&
				no_crash "$h/$name through liq-render-ppm" sh -c "$BIN/liq-render-ppm $T/in.grid > /dev/null"
			;;
		grid)	# and those that read grids
			[ -x "$BIN/liq-cluster" ] &&
				no_crash "$h/$name through liq-cluster" "$BIN/liq-cluster" "$f"
			[ -x "$BIN/liq-render-ppm" ] &&
				no_crash "$h/$name through liq-render-ppm" sh -c "$BIN/liq-render-ppm $f > /dev/null"
			;;
		esac
	done
done
[ "$total" -eq 0 ] && echo "ok $((n + 1)) - no regression inputs yet # SKIP"
echo "# cli-regress: $n tests over $total inputs, $fail failed"
[ "$fail" -eq 0 ]
