#!/bin/sh
# seeds.sh - seed corpora for the fuzz harnesses (fuzz/*.c), made from
# sample-data/, the real files in ../shared/data/ (read in place, never
# copied into the repository) and small fixtures written here.
#   sh fuzz/seeds.sh OUTDIR BINDIR BUILDDIR
# Writes OUTDIR/{input,num,ingest,bars,grid,estimate,zones,render,events}/.  Seeds are kept small (the
# heads of files): the fuzzer mutates small inputs much faster.
set -eu
OUT=$1
BIN=$2
BUILD=$3
SHARED=${LIQ_SHARED:-../shared/data}
SD=sample-data
T=$(mktemp -d /tmp/liq-seeds.XXXXXX)
trap 'rm -rf "$T"' EXIT
for h in input num ingest bars grid estimate zones render events; do
	rm -rf "${OUT:?}/$h"
	mkdir -p "$OUT/$h"
done

# seed NAME SELECTOR-BYTE < data: one ingest or input seed, the selector
# (decimal) first
seed() {
	{ printf "\\$(printf '%03o' "$2")"; cat; } > "$1"
}
# zipit MEMBER [stored] < data: a one-member zip on stdout
zipit() {
	python3 -c 'import sys,zipfile,io
b=io.BytesIO()
m=zipfile.ZIP_STORED if len(sys.argv)>2 else zipfile.ZIP_DEFLATED
with zipfile.ZipFile(b,"w",m) as z: z.writestr(sys.argv[1], sys.stdin.buffer.read())
sys.stdout.buffer.write(b.getvalue())' "$@"
}
# streamzip MEMBER < data: a zip with a data descriptor (sizes after the
# data, as zip(1) writes on a pipe)
streamzip() {
	python3 -c 'import sys,zipfile,io
class W(io.RawIOBase):
    def __init__(s): s.b=bytearray()
    def writable(s): return True
    def write(s,x): s.b+=x; return len(x)
w=W()
with zipfile.ZipFile(w,"w",zipfile.ZIP_DEFLATED) as z:
    with z.open(sys.argv[1],"w") as f: f.write(sys.stdin.buffer.read())
sys.stdout.buffer.write(bytes(w.b))' "$1"
}

# ---------------------------------------------------------- text heads
unzip -p $SD/BTCUSDT-aggTrades-2024-03-04.zip | head -40 > "$T/agg"
unzip -p $SD/BTCUSDT-1m-2024-03-04.zip | head -12 > "$T/kl"
unzip -p $SD/BTCUSDT-metrics-2024-03-04.zip | head -12 > "$T/met"
unzip -p $SD/BTCUSDT-fundingRate-2024-03.zip | head -8 > "$T/fund"
sed -n '2,30p' "$T/agg" > "$T/agg-nohdr"
printf '1,67000.1,0.5,33500.05,1709510400000,true\r\n2,67000.3,0.25,16750.075,1709510401000,false\r\n' > "$T/trades"
cat > "$T/liqsnap" <<'X'
time,symbol,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity
1709510400100,BTCUSDT,SELL,LIMIT,IOC,0.5,67000,67010.5,FILLED,0.5,0.5
1709510430000,BTCUSDT,BUY,LIMIT,IOC,2,67100,67120,FILLED,2,2
X
cat > "$T/bybit" <<'X'
timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional
1709510400.1,BTCUSDT,Buy,0.5,67000.5,PlusTick,a1,3.350025e+12,0.5,33500.25
1709510401.000,BTCUSDT,Sell,0.25,67001,MinusTick,a2,1.675025e+12,0.25,16750.25
1709510461.000,BTCUSDT,Buy,1,67010,ZeroPlusTick,a3,6.701e+12,1,67010
X
cat > "$T/bitmex" <<'X'
timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional
2024-03-04D00:00:01.123456789,XBTUSD,Buy,2000,40000,PlusTick,c1,5000000,0.05,2000
2024-03-04D00:00:02.000000000,ETHUSD,Sell,10,3000,MinusTick,c2,3000000,0.3,30
2024-03-04D00:00:30.500000000,XBTUSD,Sell,400,40000.5,MinusTick,c3,999987,0.00999987500156248,400
X
cat > "$T/okx" <<'X'
instrument_name,trade_id,side,price,size,created_time
BTC-USDT-SWAP,1,buy,60000,5,1709510400000
BTC-USDT-SWAP,2,sell,60010.5,2,1709510400500
X
cat > "$T/tardis" <<'X'
exchange,symbol,timestamp,local_timestamp,id,side,price,amount
binance-futures,BTCUSDT,1709510400500000,1709510400600000,t1,buy,67000.5,0.01
binance-futures,BTCUSDT,1709510461000000,1709510461100000,t2,sell,67001,0.5
X
cat > "$T/ticker" <<'X'
exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price
bitmex,XBTUSD,1583020800500000,1583020800600000,1583049600000000,0.0001,0.0002,1000000000,8531.5,8530,8531
bitmex,XBTUSD,1583020830000000,1583020830100000,,,,1000500000,,,
X
cat > "$T/tliq" <<'X'
exchange,symbol,timestamp,local_timestamp,id,side,price,amount
bitmex,XBTUSD,1583020801000000,1583020801100000,x1,sell,8500,1000
bitmex,XBTUSD,1583020802000000,1583020802100000,x2,buy,8600,300
X
cat > "$T/mine" <<'X'
ts,o,h,l,c,vol,buy,oi,vq,bq
2024-03-04T00:00:00Z,100,110,90,105,10,4,5000,1000,400
2024-03-04T00:05:00Z,105,106,100,101,8,2,5100,800,200
X
if [ -d "$SHARED/coinglass" ]; then
	head -6 "$SHARED/coinglass/coinglass_BTC_liq_oi_30m_2026-05-21_05-30.csv" > "$T/cg"
else
	printf 'timestamp,price_open,price_high,price_low,price_close,oi_close,funding_close,liquidation_long_usd,liquidation_short_usd\n1779357600000,77633.03,77678.01,77190.09,77383.3,7805300840,0.005762,553140.25,10549.65\n' > "$T/cg"
fi
if [ -f "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip" ]; then
	unzip -p "$SHARED/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip" | head -30 > "$T/cm"
	unzip -p "$SHARED/binance/spot-BTCUSDT-1h-2026-05-08.zip" | head -6 > "$T/spot"
	head -12 "$SHARED/binance/BTCUSDT-1m-2023-04-15.csv" > "$T/kl2"
	unzip -p "$SHARED/binance/BTCUSDT-fundingRate-2026-04.zip" | head -8 > "$T/fund2"
	head -11 "$SHARED/tardis/bitmex_trades_XBTUSD.csv" > "$T/tardis2"
else
	cp "$T/agg" "$T/cm"; cp "$T/kl" "$T/spot"; cp "$T/kl" "$T/kl2"
	cp "$T/fund" "$T/fund2"; cp "$T/tliq" "$T/tardis2"
fi

# ---------------------------------------------------------- ingest
# selector: the name index of fuzz/ingest.c (0..15) plus option bits
i=0
for f in agg trades kl met fund liqsnap bybit bitmex okx tardis ticker tliq cg mine cm spot; do
	seed "$OUT/ingest/$f" $i < "$T/$f"
	seed "$OUT/ingest/$f-skip" $((i + 16)) < "$T/$f"
	i=$((i + 1))
done
seed "$OUT/ingest/agg-nohdr" 0 < "$T/agg-nohdr"
seed "$OUT/ingest/agg-5m-csv" $((32 + 128)) < "$T/agg"
seed "$OUT/ingest/agg-reorder" 64 < "$T/agg"
seed "$OUT/ingest/kl2" 2 < "$T/kl2"
seed "$OUT/ingest/fund2" 4 < "$T/fund2"
seed "$OUT/ingest/tardis2" 9 < "$T/tardis2"
zipit BTCUSDT-aggTrades-2024-03-04.csv < "$T/agg" | seed "$OUT/ingest/agg-zip" 0
gzip -c < "$T/bybit" | seed "$OUT/ingest/bybit-gz" 6
zipit x.csv < "$T/okx" | seed "$OUT/ingest/okx-zip" 8

# ---------------------------------------------------------- input
# selector bits: 1 zlib, 2 raw reads, 4 peek first, 8..64 read size,
# 128 through a pipe on stdin
for sel in 0 1 2 3 5 6 26 128 129 130 135; do
	gzip -c < "$T/agg" | seed "$OUT/input/gz-$sel" $sel
	zipit a.csv < "$T/kl" | seed "$OUT/input/zip-$sel" $sel
done
{ gzip -c < "$T/met"; gzip -c < "$T/fund"; } | seed "$OUT/input/gz-members" 0
{ gzip -c < "$T/fund"; printf '\0\0\0\0'; } | seed "$OUT/input/gz-padding" 1
gzip -c --name < "$T/agg" > "$T/named.gz"
python3 -c 'import gzip,sys
sys.stdout.buffer.write(gzip.compress(open(sys.argv[1],"rb").read(),mtime=0))' "$T/kl" | seed "$OUT/input/gz-py" 0
# FEXTRA, FNAME, FCOMMENT, FHCRC in one header
python3 -c 'import zlib,struct,sys
d=open(sys.argv[1],"rb").read()
c=zlib.compressobj(6,zlib.DEFLATED,-15); body=c.compress(d)+c.flush()
h=bytes([0x1f,0x8b,8,0x1e,0,0,0,0,0,3])+struct.pack("<H",4)+b"ab\x01\x00"+b"name\x00"+b"comment\x00"
h+=struct.pack("<H",zlib.crc32(h)&0xffff)
sys.stdout.buffer.write(h+body+struct.pack("<II",zlib.crc32(d),len(d)))' "$T/fund" | seed "$OUT/input/gz-flags" 0
zipit a.csv stored < "$T/met" | seed "$OUT/input/zip-stored" 0
streamzip a.csv < "$T/agg" | seed "$OUT/input/zip-desc" 0
streamzip a.csv < "$T/agg" | seed "$OUT/input/zip-desc-zlib" 1
streamzip a.csv < "$T/agg" | seed "$OUT/input/zip-desc-pipe" 128
# zip64 local header (sizes in the extra field)
python3 -c 'import zlib,struct,sys
d=open(sys.argv[1],"rb").read()
c=zlib.compressobj(6,zlib.DEFLATED,-15); body=c.compress(d)+c.flush()
ex=struct.pack("<HHQQ",1,16,len(d),len(body))
h=b"PK\3\4"+struct.pack("<HHHHHIIIHH",45,0,8,0,0,zlib.crc32(d),0xffffffff,0xffffffff,5,len(ex))+b"a.csv"+ex
sys.stdout.buffer.write(h+body+b"PK\5\6"+bytes(18))' "$T/kl" | seed "$OUT/input/zip64" 0
cp "$T/agg" "$OUT/input/plain-raw"; seed "$OUT/input/plain" 0 < "$T/agg"
printf 'PK\5\6' | seed "$OUT/input/empty-zip" 0
printf 'BZh91AY' | seed "$OUT/input/bz2" 0
head -c 300 $SD/BTCUSDT-metrics-2024-03-04.zip | seed "$OUT/input/zip-cut" 0

# ---------------------------------------------------------- num
n=0
for v in 0 -0 1 67000.1 0.00008319 1e22 1e23 9007199254740993 \
    123456789012345678901234567890 0.1e-5 1.7976931348623157e308 1e309 \
    4.9e-324 2.4703282292062327e-324 1e-400 .5 5. +12 -3.25E+2 \
    2024-03-04 2024-03-04T12:00 '2024-03-01 12:00:00.250Z' \
    2024-03-01T12:00:00+05:30 2024-02-29T23:59:59.999-01:00 \
    1709510400000 500ms 1s 5m 1h 1d 1w 2y 9223372036854775807 \
    -9223372036854775808 9223372036854775808 00000000000000000000001 \
    0.000000000000000000000000000001 1e-18 123456789.123456789 nan inf \
    0x1p3 ' 1' 1e 1e+ 1.2.3; do
	printf '%s' "$v" > "$OUT/num/n$n"
	n=$((n + 1))
done

# ---------------------------------------------------------- bars
"$BIN/liq-ingest" -q --from 2024-03-04T00:00 --to 2024-03-04T00:10 \
	-o "$T/b.bars" $SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-metrics-2024-03-04.zip
"$BIN/liq-ingest" -q --csv --from 2024-03-04T00:00 --to 2024-03-04T00:10 \
	-o "$T/b.csv" $SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-metrics-2024-03-04.zip
"$BIN/liq-ingest" -q --from 2024-03-04T00:00 --to 2024-03-04T00:02 \
	$SD/BTCUSDT-aggTrades-2024-03-04.zip > "$T/pipe.bars"
cp "$T/b.bars" "$T/b.csv" "$T/pipe.bars" "$OUT/bars/"
gzip -c "$T/b.bars" > "$OUT/bars/b.bars.gz"
zipit b.csv < "$T/b.csv" > "$OUT/bars/b.csv.zip"
grep -v '^# interval' "$T/b.csv" | grep -v '^# liq-bars' | grep -v '^# end' > "$OUT/bars/foreign.csv"
printf 'time,open,high,low,close\n2024-03-04T00:00:00Z,1,2,0.5,1.5\n2024-03-04T00:01:00Z,1.5,2,1,1\n' > "$OUT/bars/min.csv"
# streams of several members: in order with a hole, overlapping, in CSV
"$BIN/liq-ingest" -q --from 2024-03-04T00:20 --to 2024-03-04T00:25 \
	-o "$T/b2.bars" $SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-metrics-2024-03-04.zip
"$BIN/liq-ingest" -q --csv --from 2024-03-04T00:20 --to 2024-03-04T00:25 \
	-o "$T/b2.csv" $SD/BTCUSDT-aggTrades-2024-03-04.zip $SD/BTCUSDT-metrics-2024-03-04.zip
cat "$T/b.bars" "$T/b2.bars" > "$OUT/bars/members.bars"
cat "$T/b.bars" "$T/b.bars" > "$OUT/bars/overlap.bars"
cat "$T/b.csv" "$T/b2.csv" > "$OUT/bars/members.csv"

# ---------------------------------------------------------- grid
if [ -x "$BUILD/mkgrid" ]; then
	cat > "$T/g1" <<'X'
venue binance
symbol BTCUSDT
start 2024-03-04
step 1h
price 60000 70000
bins 8
layers long,short
param model=test
col 65000 65500 64800 65200 1e9 1000 2000 0 NaN
cell 3 0 12.5
cell 5 1 7
col 65200 65300 65000 65100 1.1e9 0 0 500 600
fill 0 1.5
X
	"$BUILD/mkgrid" < "$T/g1" > "$OUT/grid/g1.grid"
	"$BUILD/mkgrid" --pipe < "$T/g1" > "$OUT/grid/g1-pipe.grid"
	{ sed 's/^bins 8/bins 5/; s/^layers .*/layers binance-long,binance-short,bybit-long,bybit-short/' "$T/g1" | grep -v '^cell'; echo 'cell 1 3 9'; echo log; } > "$T/g2"
	"$BUILD/mkgrid" < "$T/g2" > "$OUT/grid/g2.grid" 2>/dev/null || true
	gzip -c "$OUT/grid/g1.grid" > "$OUT/grid/g1.grid.gz"
fi
# ---------------------------------------------------------- estimate
# 8 option bytes (see fuzz/estimate.c) before a bars file: the sample
# bars, and coinglass bars made by liq-ingest when ../shared/data is there
# opts NAME B0 ... B7 < data
opts() {
	o=$1; shift
	{ for b in "$@"; do printf "\\$(printf '%03o' "$b")"; done; cat; } > "$o"
}
E=$OUT/estimate
opts "$E/b-default" 12 0 200 0 0 40 0 0 < "$T/b.bars"
opts "$E/b-csv-log" 64 5 100 0 0 63 1 2 < "$T/b.csv"
opts "$E/b-tick" 17 22 0 0 131 20 6 0 < "$T/b.bars"
opts "$E/b-venue-proxy" 128 98 184 11 0 192 8 1 < "$T/b.bars"
opts "$E/members-twice" 33 141 50 0 0 10 16 1 < "$OUT/bars/members.bars"
opts "$E/min" 2 3 3 0 0 2 32 0 < "$OUT/bars/min.csv"
opts "$E/foreign" 0 0 20 0 0 8 0 0 < "$OUT/bars/foreign.csv"
# byte 7: bit 2 the classic model, bits 3-4 turnover, bit 5 by leverage
opts "$E/b-classic" 12 0 200 0 0 40 0 4 < "$T/b.bars"
opts "$E/b-bylev" 12 0 100 0 0 20 0 32 < "$T/b.bars"
opts "$E/b-bylev-mix-turn" 140 4 60 0 0 20 0 $((16 + 32)) < "$T/b.bars"
opts "$E/b-classic-bylev" 12 20 60 0 0 20 0 $((4 + 24 + 32 + 2)) < "$T/b.csv"
if [ -d "$SHARED/coinglass" ]; then
	for f in coinglass_BTC_liq_oi_30m_2026-05-21_05-30.csv \
	    coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv; do
		[ -f "$SHARED/coinglass/$f" ] || continue
		head -40 "$SHARED/coinglass/$f" > "$T/$f"
		"$BIN/liq-ingest" -q --preset coinglass -o "$T/cg.bars" "$T/$f" &&
			opts "$E/cg-${f#coinglass_BTC_liq_oi_}" 5 1 44 1 0 30 2 0 < "$T/cg.bars"
		[ -f "$T/cg.bars" ] &&
			opts "$E/cg-bylev-${f#coinglass_BTC_liq_oi_}" 5 1 44 1 0 30 2 40 < "$T/cg.bars"
		"$BIN/liq-ingest" -q --csv --preset coinglass -o "$T/cg.csv" "$T/$f" &&
			opts "$E/cg-csv-${f#coinglass_BTC_liq_oi_}" 86 26 0 1 132 50 0 2 < "$T/cg.csv"
	done
fi

# ---------------------------------------------------------- zones, render
# 4 option bytes (fuzz/zones.c, fuzz/render.c) before a grid: the small
# fixtures above and grids liq-estimate makes from the sample bars
if [ -x "$BIN/liq-estimate" ]; then
	"$BIN/liq-estimate" -q --bins 60 -o "$T/e1.grid" "$T/b.bars" 2>/dev/null || true
	"$BIN/liq-estimate" -q --bins 40 --log -o "$T/e2.grid" "$T/b.bars" "$T/b2.bars" 2>/dev/null || true
fi
for g in "$OUT"/grid/*.grid "$OUT"/grid/*.gz "$T"/e1.grid "$T"/e2.grid; do
	[ -s "$g" ] || continue
	n=$(basename "$g")
	opts "$OUT/zones/$n" 0 8 8 20 < "$g"
	opts "$OUT/zones/$n-q" 6 0 3 255 < "$g"
	opts "$OUT/zones/$n-usd" 1 129 0 4 < "$g"
	opts "$OUT/render/$n" 20 12 1 7 < "$g"
	opts "$OUT/render/$n-full" 60 30 6 30 < "$g"
	opts "$OUT/render/$n-title" 0 0 9 201 < "$g"
	# cut short: a failed read after some columns, drawn all the same
	sz=$(wc -c < "$g")
	head -c $((sz - 9)) "$g" | opts "$OUT/render/$n-cut" 12 12 4 13
done

# ---------------------------------------------------------- events
# 2 option bytes (fuzz/events.c) before an events file: byte 0 the file
# name (low 3 bits) and the spec (bits 3-5; 7: the spec is the text up to
# the first newline), byte 1 the lift's options
V=$OUT/events
EV=tests/events
opts "$V/bybit" 0 0 < $EV/bybit_liquidations_BTCUSDT.csv
opts "$V/bybit-spec" 16 21 < $EV/bybit_liquidations_BTCUSDT.csv
opts "$V/tardis-gz" 1 0 < $EV/binance-futures_liquidations_2024-03-01_BTCUSDT.csv.gz
opts "$V/tardis-spec" 25 38 < $EV/binance-futures_liquidations_2024-03-01_BTCUSDT.csv.gz
opts "$V/tardis-trades" 5 0 < $EV/binance-futures_liquidations_2024-03-01_BTCUSDT.csv.gz
opts "$V/snap-zip" 2 0 < $EV/BTCUSDT-liquidationSnapshot-2024-03-01.zip
opts "$V/snap-zip-spec" 34 200 < $EV/BTCUSDT-liquidationSnapshot-2024-03-01.zip
opts "$V/coinm" 3 0 < $EV/BTCUSD_PERP-liquidationSnapshot-2024-03-01.csv
opts "$V/coinm-eth" 134 16 < $EV/BTCUSD_PERP-liquidationSnapshot-2024-03-01.csv
opts "$V/fo-jsonl" 4 0 < $EV/forceorder.jsonl
opts "$V/fo-jsonl-spec" 44 48 < $EV/forceorder.jsonl
opts "$V/fo-csv" 4 64 < $EV/forceorder.csv
opts "$V/mine" 55 0 < $EV/mine.csv
{ printf 'time=when,side=dir,price=px,qty=size_usd,notional=size_usd,long=L,short=S,price-kind=bankruptcy\n'; cat $EV/mine.csv; } |
	opts "$V/mine-inline" 127 5
for f in "$SHARED"/bybit/*.csv; do
	[ -f "$f" ] || continue
	head -40 "$f" | opts "$V/shared-$(basename "$f" .csv)" 0 0
	head -40 "$f" | opts "$V/shared-$(basename "$f" .csv)-1h" 208 6
done

find "$OUT" -type f -size 0 -delete
for h in input num ingest bars grid estimate zones render events; do
	echo "seeds: $h $(ls "$OUT/$h" | wc -l) files"
done
