#!/bin/sh
# cli-bad.sh - bad input for liq-ingest: every way a download, a disk or a
# user can go wrong ends in exit 1 (2 for usage), a message naming the
# file, no crash, no hang and no half-written output.  Complements the
# error tests in cli.sh (which it does not repeat): inputs cut at every
# byte, CRCs, absurd container headers, bad values in each dialect,
# disorder, empty and unreadable inputs, full disks, broken pipes and
# signals.
#   sh tests/cli/bad.sh BINDIR       (run from the top of the repository)
# Prints "ok N - ..." / "not ok N - ..." lines; exits 1 if any failed.
set -u
BIN=${1:-bin}
ING=$BIN/liq-ingest
SD=sample-data
T=$(mktemp -d /tmp/liq-bad.XXXXXX)
trap 'exec 9>&- 2>/dev/null; rm -rf "$T"' EXIT
. tests/cli/lib.sh	# ok, notok, skip, check, fails (counts $cases)
MS=$(ms_wrappers)	# CSV as these tests read it (lib.sh)
ING=$MS/liq-ingest
# cut_each DIR EXT STEP DESC [INFLATE]: the input cut to 0, STEP, 2*STEP,
# ... bytes short of whole (DIR/K, made by fixtures below), each read with
# -o: exit 1, a message, no output file
cut_each() {
	dir=$1 ext=$2 step=$3 d=$4 inflate=${5:-}
	size=$(cat "$dir/size")
	k=0 bad=0
	while [ "$k" -lt "$size" ]; do
		ln -sf "$dir/$k" "$T/cut.$ext"
		LIQ_INFLATE=$inflate "$ING" --symbol BTCUSDT -o "$T/cut.bars" \
			"$T/cut.$ext" > /dev/null 2> "$T/cut.err"
		rc=$?
		cases=$((cases + 1))
		left=no
		for x in "$T"/cut.bars*; do [ -e "$x" ] && left=yes; done
		if [ "$rc" -ne 1 ] || [ ! -s "$T/cut.err" ] || [ $left = yes ]; then
			[ "$bad" -lt 3 ] && echo "# cut at $k of $size bytes: exit $rc: $(head -1 "$T/cut.err")"
			bad=$((bad + 1))
			rm -f "$T"/cut.bars*
		fi
		k=$((k + step))
	done
	if [ "$bad" -eq 0 ]; then ok "$d"; else notok "$d ($bad cuts wrong)"; fi
}

AGG=$SD/BTCUSDT-aggTrades-2024-03-04.zip
H='agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker'
unzip -p "$AGG" | head -3 > "$T/small.csv"

# Every binary fixture in one python3 run (its start-up is the slow part):
# a small gzip and zip and their cuts, corrupted CRCs and sizes, absurd
# headers.  A name says what is wrong with it.
python3 - "$T" <<'PY'
import gzip, io, os, struct, sys, zipfile, zlib
T = sys.argv[1]
d = open(T + "/small.csv", "rb").read()
def put(name, b):
    open(os.path.join(T, name), "wb").write(b)
def flip(b, i):
    b = bytearray(b); b[i] ^= 0x55; return bytes(b)
def deflate(x):
    c = zlib.compressobj(6, zlib.DEFLATED, -15); return c.compress(x) + c.flush()
def zipbytes(x, method=zipfile.ZIP_DEFLATED, stream=False):
    class W(io.RawIOBase):
        def __init__(s): s.b = bytearray()
        def writable(s): return True
        def write(s, y): s.b += y; return len(y)
    w = W() if stream else io.BytesIO()
    with zipfile.ZipFile(w, "w", method) as z:
        if stream:
            with z.open("a.csv", "w") as f: f.write(x)
        else:
            z.writestr("a.csv", x)
    return bytes(w.b) if stream else w.getvalue()
def local(method, flags, crc, csize, usize, name=b"a.csv", extra=b"", nlen=None):
    return b"PK\3\4" + struct.pack("<HHHHHIIIHH", 20, flags, method, 0, 0, crc,
        csize, usize, len(name) if nlen is None else nlen, len(extra)) + name + extra
gz = gzip.compress(d, mtime=0)
zp = zipbytes(d)
put("small.csv.gz", gz)
put("small.zip", zp)
for name, b in (("cut-gz", gz), ("cut-zip", zp)):
    os.mkdir(os.path.join(T, name))
    put(name + "/size", b"%d" % len(b))
    for k in range(len(b)):
        put("%s/%d" % (name, k), b[:k])
put("crc.zip", flip(zp, 14))                 # local header CRC-32
put("len.zip", flip(zp, 22))                 # local header size
put("data.zip", flip(zp, 30 + 5 + len(deflate(d)) // 2))
st = zipbytes(d, zipfile.ZIP_STORED)
put("stored-bad.zip", flip(st, 30 + 5 + 40))
sz = zipbytes(d, stream=True)
put("desc.zip", sz)
put("desc-bad.zip", flip(sz, sz.index(b"PK\7\10") + 4))
put("isize.csv.gz", flip(gz, len(gz) - 1))
put("junk.csv.gz", gz + b"junk")
# absurd sizes
ex = struct.pack("<HHQQ", 1, 16, 1 << 62, 1 << 62)
put("z64.zip", local(8, 0, zlib.crc32(d), 0xffffffff, 0xffffffff, extra=ex) +
    deflate(d) + b"PK\5\6" + bytes(18))
put("big.zip", local(0, 0, zlib.crc32(d), 0xfffffff0, 0xfffffff0) + d)
put("name.zip", local(8, 0, 0, 10, 10, name=b"abc", nlen=65535))
put("extra.zip", local(8, 0, 0, 10, 10, extra=struct.pack("<HH", 0x5455, 60000) + bytes(8)) + bytes(100))
put("comment.zip", zp[:-2] + b"\xff\xff")
put("fextra.gz", bytes([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 3, 0xff, 0xff]) + b"x" * 100)
put("method.gz", bytes([0x1f, 0x8b, 9, 0, 0, 0, 0, 0, 0, 3]) + b"x" * 10)
put("bzip.zip", local(12, 0, 0, 10, 10) + b"x" * 10)
put("enc.zip", local(8, 1, 0, 10, 10) + b"x" * 10)
put("empty.zip", zipbytes(b""))
put("empty.csv.gz", gzip.compress(b"", mtime=0))
put("longline.csv", b"1," * 70000 + b"\n")
put("wide.csv", ",".join("c%d" % i for i in range(70)).encode() + b"\n")
PY

# ------------------------------------------- cut at every byte
"$ING" --csv "$T/small.csv.gz" --symbol BTCUSDT > /dev/null 2>&1 &&
	"$ING" --csv "$T/small.zip" --symbol BTCUSDT > /dev/null 2>&1
check "the small gzip and zip inputs are valid when whole" [ $? -eq 0 ]
cut_each "$T/cut-gz" csv.gz 1 "gzip cut at every byte ($(cat "$T/cut-gz/size") cuts): exit 1, a message, no output file"
cut_each "$T/cut-gz" csv.gz 5 "the same with zlib inflate (every 5th byte)" zlib
cut_each "$T/cut-zip" zip 1 "zip cut at every byte ($(cat "$T/cut-zip/size") cuts, central directory included): exit 1, a message, no output file"
cut_each "$T/cut-zip" zip 5 "the same with zlib inflate (every 5th byte)" zlib
# the same on a pipe: the end of the data is only seen as EOF
size=$(cat "$T/cut-zip/size") k=0 bad=0
while [ "$k" -lt "$size" ]; do
	"$ING" --symbol BTCUSDT --csv < "$T/cut-zip/$k" > /dev/null 2> "$T/cut.err"
	rc=$?
	cases=$((cases + 1))
	{ [ "$rc" -eq 1 ] && [ -s "$T/cut.err" ]; } || bad=$((bad + 1))
	k=$((k + 7))
done
check "zip cut at every 7th byte, on stdin: exit 1 and a message" [ "$bad" -eq 0 ]

# truncated bars: liq-ingest does not read bars files; a bars reader that
# does (liq-estimate) gets the same treatment when it is built
"$ING" -q --from 2024-03-04T00:00 --to 2024-03-04T00:20 -o "$T/b.bars" "$AGG" "$SD/BTCUSDT-metrics-2024-03-04.zip"
if [ -x "$BIN/liq-estimate" ] && "$BIN/liq-estimate" -o "$T/g.grid" "$T/b.bars" > /dev/null 2>&1; then
	size=$(wc -c < "$T/b.bars") k=0 bad=0
	while [ "$k" -lt "$size" ]; do
		head -c "$k" "$T/b.bars" > "$T/cut-bars"
		"$BIN/liq-estimate" -o "$T/cut.grid" "$T/cut-bars" > /dev/null 2> "$T/cut.err"
		rc=$?
		cases=$((cases + 1))
		left=no
		for x in "$T"/cut.grid*; do [ -e "$x" ] && left=yes; done
		if [ "$rc" -ne 1 ] || [ ! -s "$T/cut.err" ] || [ $left = yes ]; then
			bad=$((bad + 1)); rm -f "$T"/cut.grid*
		fi
		k=$((k + 37))
	done
	check "bars file cut at every 37th byte, read by liq-estimate: exit 1, a message, no output" [ "$bad" -eq 0 ]
else
	skip "bars file cut at every 37th byte, read by a bars reader" "no liq-estimate that reads a whole bars file yet"
fi
fails 1 'not a CSV file (binary data)' "a bars file given to liq-ingest is refused, not parsed" \
	"$ING" --symbol BTCUSDT --csv "$T/b.bars"

# ------------------------------------------- CRCs and corrupt data
fails 1 'crc.zip: zip CRC-32 mismatch' "zip CRC-32 in the local header corrupted" "$ING" --symbol BTCUSDT --csv "$T/crc.zip"
fails 1 'crc.zip: zip CRC-32 mismatch' "... also with zlib inflate" env LIQ_INFLATE=zlib "$ING" --symbol BTCUSDT --csv "$T/crc.zip"
fails 1 'zip CRC-32 mismatch' "stored zip member with a changed byte: CRC mismatch" "$ING" --symbol BTCUSDT --csv "$T/stored-bad.zip"
fails 1 'zip length mismatch' "zip uncompressed size corrupted" "$ING" --symbol BTCUSDT --csv "$T/len.zip"
fails 1 'data.zip: ' "zip deflate data corrupted: an error naming the file" "$ING" --symbol BTCUSDT --csv "$T/data.zip"
check "a streamed zip (data descriptor) is read" sh -c "$ING --symbol BTCUSDT --csv $T/desc.zip > /dev/null"
fails 1 'zip CRC-32 mismatch' "CRC-32 in the data descriptor corrupted" "$ING" --symbol BTCUSDT --csv "$T/desc-bad.zip"
fails 1 'gzip length mismatch' "gzip ISIZE corrupted" "$ING" --symbol BTCUSDT --csv "$T/isize.csv.gz"
fails 1 'gzip length mismatch' "... also with zlib inflate" env LIQ_INFLATE=zlib "$ING" --symbol BTCUSDT --csv "$T/isize.csv.gz"
fails 1 'garbage after the end of the gzip data' "garbage after a gzip member" "$ING" --symbol BTCUSDT --csv "$T/junk.csv.gz"

# ------------------------------------------- absurd container headers
fails 1 'z64.zip: zip length mismatch' "zip64 header claiming 2^62 bytes: refused, nothing allocated" "$ING" --symbol BTCUSDT --csv "$T/z64.zip"
fails 1 'big.zip: truncated zip data' "stored zip member claiming 4 GiB: truncated, not allocated" "$ING" --symbol BTCUSDT --csv "$T/big.zip"
fails 1 'name.zip: truncated zip header' "zip name length 65535 past the end of the file" "$ING" --symbol BTCUSDT --csv "$T/name.zip"
fails 1 'extra.zip: bad zip extra field' "zip extra field with an inner size of 60000" "$ING" --symbol BTCUSDT --csv "$T/extra.zip"
fails 1 'comment.zip: truncated zip (no end of central directory' "zip end record promising a 65535-byte comment" "$ING" --symbol BTCUSDT --csv "$T/comment.zip"
fails 1 'fextra.gz: truncated gzip header' "gzip FEXTRA of 65535 bytes past the end" "$ING" --symbol BTCUSDT --csv "$T/fextra.gz"
fails 1 'not deflate-compressed' "gzip with an unknown compression method" "$ING" --symbol BTCUSDT --csv "$T/method.gz"
fails 1 'zip compression method 12 is not supported' "zip member compressed with bzip2" "$ING" --symbol BTCUSDT --csv "$T/bzip.zip"
fails 1 'zip member is encrypted' "encrypted zip member" "$ING" --symbol BTCUSDT --csv "$T/enc.zip"
fails 1 'longline.csv: a line is longer than 128 KiB' "a line of 140 KB" "$ING" --symbol BTCUSDT --csv "$T/longline.csv"
fails 1 'wide.csv:1: not a CSV file (bad quoting or over 64 columns)' "a header of 70 columns" "$ING" --symbol BTCUSDT --csv "$T/wide.csv"
printf '%s\n"1,67000,0.5,1,1,1709510400000,true\n' "$H" > "$T/quote.csv"
fails 1 'quote.csv' "an unterminated quote" "$ING" --symbol BTCUSDT --csv "$T/quote.csv"


# ------------------------------------------- wrong column counts, each dialect
KH='open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore'
printf '%s\n1709510400000,67000,67100,66900,67050,10,1709510459999,670000,50,6,402000,0\n1709510460000,67000,67100,66900,67050,10,1709510519999,670000,50,6,402000\n' "$KH" > "$T/BTCUSDT-1m-2024-03-04.csv"
fails 1 'BTCUSDT-1m-2024-03-04.csv:3: 11 columns where the header has 12' "klines row with a column missing" "$ING" --csv "$T/BTCUSDT-1m-2024-03-04.csv"
MH='create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,sum_taker_long_short_vol_ratio'
printf '%s\n2024-03-04 00:05:00,BTCUSDT,80000,5.3e9,1.5,1.6,1.7,0.9\n2024-03-04 00:10:00,BTCUSDT,80000,5.3e9,1.5,1.6,1.7,0.9,7\n' "$MH" > "$T/BTCUSDT-metrics-2024-03-04.csv"
fails 1 'BTCUSDT-metrics-2024-03-04.csv:3: 9 columns where the header has 8' "metrics row with a column too many" "$ING" --csv "$T/BTCUSDT-metrics-2024-03-04.csv"
OH='instrument_name,trade_id,side,price,size,created_time'
printf '%s\nBTC-USDT-SWAP,1,buy,60000,5,1709510400000\nBTC-USDT-SWAP,2,sell,60010.5,1709510400500\n' "$OH" > "$T/BTC-USDT-SWAP-trades-2024-03-04.csv"
fails 1 'BTC-USDT-SWAP-trades-2024-03-04.csv:3: 5 columns where the header has 6' "OKX row with a column missing" "$ING" --csv "$T/BTC-USDT-SWAP-trades-2024-03-04.csv"
TH='exchange,symbol,timestamp,local_timestamp,id,side,price,amount'
printf '%s\nbitmex,XBTUSD,1583020801000000,1583020801100000,x1,sell,8500,1000\nbitmex,XBTUSD,1583020802000000,1583020802100000,x2,buy,8600,300,9\n' "$TH" > "$T/bitmex_trades_2020-03-01_XBTUSD.csv"
fails 1 'bitmex_trades_2020-03-01_XBTUSD.csv:3: 9 columns where the header has 8' "Tardis row with a column too many" "$ING" --csv "$T/bitmex_trades_2020-03-01_XBTUSD.csv"
printf '1,67000.1,0.5,10,10,1709510400000,true\n2,67000.1,0.5,11,11,1709510400001\n' > "$T/BTCUSDT-aggTrades-2024-03-05.csv"
fails 1 'BTCUSDT-aggTrades-2024-03-05.csv:2: 6 columns where the first row has 7' "headerless aggTrades (fast path) row with a column missing" "$ING" --csv "$T/BTCUSDT-aggTrades-2024-03-05.csv"

# ------------------------------------------- NaN, infinities, negatives
badrow() {	# badrow FILE HEADER GOODROW BADROW
	printf '%s\n%s\n%s\n' "$2" "$3" "$4" > "$T/$1"
}
AG='1,67000.1,0.5,10,10,1709510400000,true'
badrow inf.csv "$H" "$AG" '2,inf,0.5,11,11,1709510400001,true'
fails 1 'inf.csv:3: price: NaN or infinity' "price inf" "$ING" --symbol X --csv "$T/inf.csv"
badrow ovf.csv "$H" "$AG" '2,1e999,0.5,11,11,1709510400001,true'
fails 1 'ovf.csv:3: price: not a number: "1e999"' "price 1e999 (overflows a double)" "$ING" --symbol X --csv "$T/ovf.csv"
badrow qnan.csv "$H" "$AG" '2,67000,NaN,11,11,1709510400001,true'
fails 1 'qnan.csv:3: quantity: NaN or infinity' "quantity NaN" "$ING" --symbol X --csv "$T/qnan.csv"
badrow qinf.csv "$H" "$AG" '2,67000,-Infinity,11,11,1709510400001,true'
fails 1 'qinf.csv:3: quantity' "quantity -Infinity" "$ING" --symbol X --csv "$T/qinf.csv"
badrow hex.csv "$H" "$AG" '2,0x10,0.5,11,11,1709510400001,true'
fails 1 'hex.csv:3: price: not a number: "0x10"' "price in hex" "$ING" --symbol X --csv "$T/hex.csv"
badrow sp.csv "$H" "$AG" '2, 67000,0.5,11,11,1709510400001,true'
fails 1 'sp.csv:3: price: not a number' "price with a leading space" "$ING" --symbol X --csv "$T/sp.csv"
badrow tneg.csv "$H" "$AG" '2,67000,0.5,11,11,-1709510400001,true'
fails 1 'tneg.csv:3: transact_time' "negative time" "$ING" --symbol X --csv "$T/tneg.csv"
badrow secs.csv "$H" '1,67000.1,0.5,10,10,1709510400,true' '2,67000.1,0.5,11,11,9223372036854775,true'
fails 1 'secs.csv:3: transact_time: time out of range' "a time in seconds that overflows in ms" "$ING" --symbol X --csv "$T/secs.csv"
badrow knan.csv "$KH" '1709510400000,67000,67100,66900,67050,10,1709510459999,670000,50,6,402000,0' '1709510460000,67000,67100,66900,nan,10,1709510519999,670000,50,6,402000,0'
fails 1 'knan.csv:3: close' "klines close NaN" "$ING" --symbol BTCUSDT --csv "$T/knan.csv"
badrow kneg.csv "$KH" '1709510400000,67000,67100,66900,67050,10,1709510459999,670000,50,6,402000,0' '1709510460000,67000,67100,66900,67050,-10,1709510519999,670000,50,6,402000,0'
fails 1 'kneg.csv:3: volume' "klines negative volume" "$ING" --symbol BTCUSDT --csv "$T/kneg.csv"
BH='timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional'
badrow BTCUSDT2024-03-04.csv "$BH" '1709510400.1,BTCUSDT,Buy,0.5,67000.5,PlusTick,a1,1,0.5,33500.25' '1709510401.1,BTCUSDT,Sell,-0.5,67000.5,PlusTick,a2,1,0.5,33500.25'
fails 1 'BTCUSDT2024-03-04.csv:3: size' "Bybit negative size" "$ING" --csv "$T/BTCUSDT2024-03-04.csv"
badrow BTCUSDT2024-03-05.csv "$BH" '1709510400.1,BTCUSDT,Buy,0.5,67000.5,PlusTick,a1,1,0.5,33500.25' '1709510401.1,BTCUSDT,Sell,0.5,inf,PlusTick,a2,1,0.5,33500.25'
fails 1 'BTCUSDT2024-03-05.csv:3: price' "Bybit price inf" "$ING" --csv "$T/BTCUSDT2024-03-05.csv"
badrow BTC-USDT-SWAP-trades-2024-03-05.csv "$OH" 'BTC-USDT-SWAP,1,buy,60000,5,1709510400000' 'BTC-USDT-SWAP,2,sell,NaN,2,1709510400500'
fails 1 'BTC-USDT-SWAP-trades-2024-03-05.csv:3: price' "OKX price NaN" "$ING" --csv "$T/BTC-USDT-SWAP-trades-2024-03-05.csv"
badrow bitmex_liquidations_2020-03-01_XBTUSD.csv "$TH" 'bitmex,XBTUSD,1583020801000000,1583020801100000,x1,sell,8500,1000' 'bitmex,XBTUSD,1583020802000000,1583020802100000,x2,buy,8600,-300'
fails 1 'bitmex_liquidations_2020-03-01_XBTUSD.csv:3: amount' "Tardis liquidation with a negative amount" "$ING" --csv "$T/bitmex_liquidations_2020-03-01_XBTUSD.csv"
badrow BTCUSDT-metrics-2024-03-05.csv "$MH" '2024-03-04 00:05:00,BTCUSDT,80000,5.3e9,1.5,1.6,1.7,0.9' '2024-03-04 00:10:00,BTCUSDT,-80000,5.3e9,1.5,1.6,1.7,0.9'
fails 1 'BTCUSDT-metrics-2024-03-05.csv:3: sum_open_interest' "metrics negative open interest" "$ING" --csv "$T/BTCUSDT-metrics-2024-03-05.csv"

# ------------------------------------------- time going backwards
printf '%s\n' "$BH" > "$T/BTCUSDT2024-03-06.csv"
printf '1709514000.5,BTCUSDT,Buy,0.5,67000.5,PlusTick,a1,1,0.5,33500.25\n1709506799.5,BTCUSDT,Buy,0.5,67000.5,PlusTick,a2,1,0.5,33500.25\n' >> "$T/BTCUSDT2024-03-06.csv"
fails 1 'BTCUSDT2024-03-06.csv:3: timestamp: .*reorder window' "Bybit row 2h back (beyond the window)" "$ING" --csv "$T/BTCUSDT2024-03-06.csv"
printf '%s\n%s\n%s\n' "$KH" '1709514000000,67000,67100,66900,67050,10,1709514059999,670000,50,6,402000,0' \
	'1709506740000,67000,67100,66900,67050,10,1709506799999,670000,50,6,402000,0' > "$T/kback.csv"
fails 1 'kback.csv:3: open_time: .*reorder window' "klines row 121 minutes back" "$ING" --symbol BTCUSDT --csv "$T/kback.csv"
printf '%s\n%s\n%s\n' "$H" '1,67000.1,0.5,10,10,1709510405000,true' '2,67000.1,0.5,11,11,1709509800000,true' > "$T/r1s.csv"
fails 1 'r1s.csv:3: transact_time: .*reorder window' "--reorder 1m: a row 10 minutes back (the ring holds 8 bars)" "$ING" --reorder 1m --symbol X --csv "$T/r1s.csv"
check "... and --reorder 15m takes it" sh -c "$ING --reorder 15m --symbol X --csv $T/r1s.csv > /dev/null"
mkdir -p "$T/far"
printf '%s\n%s\n%s\n' "$H" '1,67000.1,0.5,10,10,1709510400000,true' '2,67000.1,0.5,11,11,4000000000000,true' > "$T/far/BTCUSDT-aggTrades-2024-03-04.csv"
fails 1 'BTCUSDT-aggTrades-2024-03-04.csv:3: transact_time: row at 2096-10-02T07:06:40Z is outside the day the file name gives' \
	"a row in 2096 in the file of 2024-03-04: refused, not 72 years of empty bars" "$ING" -o "$T/far.bars" "$T/far/BTCUSDT-aggTrades-2024-03-04.csv"
check "... and nothing left under the -o name" sh -c "! ls $T/far.bars* 2>/dev/null | grep -q ."
# the same in files whose names give no date: --max-gap (default 31d)
printf '%s\n%s\n' '1,67000.1,0.5,10,10,1709510400000,true' '2,67000.1,0.5,11,11,3980000000000,true' > "$T/undated.csv"
fails 1 'undated.csv:2: transact_time: row at 2096-02-13T19:33:20Z is 26278.8 days after the latest row before it (2024-03-04T00:00:00Z): a bad time? (raise --max-gap, now 31d' \
	"undated aggTrades (fused parser): a row 72 years on is refused, not 38 million empty bars" "$ING" --symbol X -o "$T/und.bars" "$T/undated.csv"
check "... and nothing left under the -o name" sh -c "! ls $T/und.bars* 2>/dev/null | grep -q ."
"$ING" --skip-bad --symbol X --csv "$T/undated.csv" > "$T/und.csv" 2> "$T/und.err"
check "... --skip-bad skips it: one bar, one bad row reported" sh -c \
	"[ \$(grep -c '^17' $T/und.csv) -eq 1 ] && grep -q 'skipped 1 bad row' $T/und.err"
printf '%s\n%s\n%s\n' "$BH" '1709510400.5,BTCUSDT,Buy,0.5,67000.5,PlusTick,a1,1,0.5,33500.25' '3980000000.5,BTCUSDT,Buy,0.5,67000.5,PlusTick,a2,1,0.5,33500.25' > "$T/bybit-undated.csv"
fails 1 'bybit-undated.csv:3: timestamp: row at 2096-02-13T19:33:20.500Z is 26278.8 days after' \
	"undated Bybit rows (fused parser): the same" "$ING" --symbol BTCUSDT --csv "$T/bybit-undated.csv"
printf '%s\n%s\n%s\n' "$KH" '1709510400000,67000,67100,66900,67050,10,1709510459999,670000,50,6,402000,0' \
	'1709683200000,67000,67100,66900,67050,10,1709683259999,670000,50,6,402000,0' > "$T/kgap.csv"
fails 1 'kgap.csv:3: open_time: row at 2024-03-06T00:00:00Z is 2.0 days after the latest row before it (2024-03-04T00:00:00Z): a bad time? (raise --max-gap, now 1d' \
	"--max-gap 1d: klines (general path) two days apart are refused" "$ING" --max-gap 1d --symbol BTCUSDT --csv "$T/kgap.csv"
check "... and the default (31d) takes them, the gap filled with empty bars" sh -c \
	"[ \$($ING --symbol BTCUSDT --csv $T/kgap.csv | grep -c '^17') -eq 2881 ]"
fails 2 'max-gap' "--max-gap 0 is a usage error" "$ING" --max-gap 0 --symbol BTCUSDT --csv "$T/kgap.csv"

# ------------------------------------------- empty input, in every container

fails 1 'empty.csv.gz: empty input' "an empty gzip member" "$ING" --symbol X --csv "$T/empty.csv.gz"

fails 1 'empty.zip: empty input' "a zip with an empty member" "$ING" --symbol X --csv "$T/empty.zip"
printf 'PK\005\006\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000' > "$T/nomember.zip"
fails 1 'zip archive has no member' "a zip with no member" "$ING" --symbol X --csv "$T/nomember.zip"
fails 1 '(stdin): empty input' "empty stdin" sh -c ": | $ING --symbol X --csv"
# a head that needs more than the first block to sniff (20,000 blank
# lines): a regular file is opened again, stdin and a pipe cannot be
{ echo "$H"; yes '' | head -20000; echo '1,67000.1,0.5,10,10,1709510400000,true'; } > "$T/blank.csv"
check "a file whose head spans blocks: sniffed, then read again (one bar)" sh -c \
	"[ \$($ING --symbol X --csv $T/blank.csv | grep -c '^17') -eq 1 ]"
fails 1 '(stdin): the head of stdin is too long to sniff' "... the same on stdin: refused, not read with its head lost" \
	sh -c "cat $T/blank.csv | $ING --symbol X --csv"
rm -f "$T/fifo"; mkfifo "$T/fifo"
fails 1 'fifo: the head of this input is too long to sniff (a pipe cannot be read twice)' \
	"... and through a fifo given by path" sh -c "cat $T/blank.csv > $T/fifo & $ING --symbol X --csv $T/fifo; rc=\$?; wait; exit \$rc"
printf '%s\n' "$H" > "$T/hdr.csv"
fails 1 'hdr.csv: no data rows' "a header and no rows" "$ING" --symbol X --csv "$T/hdr.csv"
printf '%s\n\n\n' "$H" > "$T/hdrblank.csv"
fails 1 'hdrblank.csv: no data rows' "a header and blank lines" "$ING" --symbol X --csv "$T/hdrblank.csv"

# ------------------------------------------- unreadable inputs
cp "$T/small.csv" "$T/noperm.csv"
chmod 000 "$T/noperm.csv"
if [ "$(id -u)" = 0 ]; then
	skip "unreadable file (mode 000)" "running as root"
else
	fails 1 'noperm.csv: Permission denied' "unreadable file (mode 000)" "$ING" --symbol X --csv "$T/noperm.csv"
fi
chmod 644 "$T/noperm.csv"
fails 1 "$T: read error: Is a directory" "a directory as input" "$ING" --symbol X --csv "$T"
fails 1 'No such file' "a missing file among good ones: no output file" "$ING" -o "$T/m.bars" "$AGG" "$T/nope.zip"
check "... and nothing under the -o name" sh -c "! ls $T/m.bars* 2>/dev/null | grep -q ."

# ------------------------------------------- full disk, broken pipe
fails 1 'stdout: write error' "binary output to /dev/full: exit 1, a clear message" \
	sh -c "$ING $AGG > /dev/full"
fails 1 'stdout: write error' "output to /dev/full from a gzip input" \
	sh -c "$ING --symbol BTCUSDT --csv $T/small.csv.gz > /dev/full"
for mode in "" "--csv"; do
	cases=$((cases + 1))
	"$ING" $mode "$AGG" "$SD"/BTCUSDT-aggTrades-2024-03-05.zip 2> "$T/pipe.err" | head -c 100 > /dev/null
	check "SIGPIPE with ${mode:-binary} output of two days | head -c 100: quiet" [ ! -s "$T/pipe.err" ]
done
cases=$((cases + 1))
unzip -p "$AGG" | "$ING" --symbol BTCUSDT --csv - 2> "$T/pipe.err" | head -c 100 > /dev/null
check "SIGPIPE while reading stdin: quiet" [ ! -s "$T/pipe.err" ]

# ------------------------------------------- signals during -o FILE
# sigrun SIG OUT [OPTS]: liq-ingest -o OUT reads a fifo that is kept open;
# the temporary must exist before the signal and nothing may be left after
sigrun() {
	sig=$1 out=$2; shift 2
	rm -f "$T/fifo"; mkfifo "$T/fifo"
	"$ING" --symbol BTCUSDT "$@" -o "$out" "$T/fifo" 2> /dev/null &
	pid=$!
	exec 9> "$T/fifo"
	unzip -p "$AGG" | head -3000 >&9
	i=0
	while ! ls "$out".tmp* > /dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	ls "$out".tmp* > /dev/null 2>&1; had=$?
	kill -"$sig" "$pid" 2>/dev/null
	exec 9>&-
	wait "$pid" 2>/dev/null
	rc=$?
	cases=$((cases + 1))
	[ "$had" -eq 0 ] && [ "$rc" -gt 128 ] && ! ls "$out"* > /dev/null 2>&1
}
check "SIGTERM during -o FILE: killed by the signal, neither file nor temporary left" sigrun TERM "$T/term.bars"
check "SIGHUP during -o FILE: the same" sigrun HUP "$T/hup.bars"
check "SIGINT during --csv -o FILE: the same" sigrun INT "$T/int.csv" --csv

echo "# cli-bad: $n tests over $cases inputs, $fail failed"
[ "$fail" -eq 0 ]
