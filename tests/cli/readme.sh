#!/bin/sh
# readme.sh - every shell example of README.md runs as written and exits 0.
# The examples are the indented (4-space) code lines, the lines of ```sh
# fences and the "$ " lines of ```console fences, of every section but the
# file tree of "Layout": one command per line with its "\" continuations.  Comment lines, usage synopses
# ("[options]", "FILE...") and lines that do not start with a command
# (output, a tree) are not run; a crontab line runs its command (after
# "cd DIR &&").  "make" lines are not run here: make check is what runs
# this test, and CI runs make demo.
#
# Each README section runs in its own scratch directory, its commands in
# order, so a command may use what an earlier one made.  A directory
# holds sample-data/ and the fixtures below under the names the README
# uses, and every file the sections before it made (btc.bars, btc.grid,
# bybit.bars, ...), as a reader going down the page has them.
# The programs come from BINDIR on PATH.  Skipped with a message: commands
# naming a file of ../shared/data when it is missing, python3 with pandas
# when pandas is not installed, pnmtopng when netpbm is not.
#   sh tests/cli/readme.sh BINDIR        (from the top of the repository)
# Prints "ok N - ..." / "not ok N - ..." lines.
set -u
BIN=${1:-bin}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TOP=$(pwd)
SHARED=${LIQ_SHARED:-../shared/data}
case $SHARED in /*) ;; *) SHARED=$TOP/$SHARED ;; esac
T=$(mktemp -d /tmp/liq-readme.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh	# ok, notok, check, skip; counts in $n and $fail
PATH=$BIN:$PATH
export PATH
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SD=$TOP/sample-data
F=$T/fix		# the fixtures every section directory links to
mkdir "$F" "$T/gen" "$T/carry" "$T/run"
cksum "$SD"/* > "$T/sd.before"

# ------------------------------------------------------------ fixtures
# Binance files as the README names them: the sample days (the globs
# BTCUSDT-*-2024-03-*.zip of the examples match them), and sample-data/.
ln -s "$SD" "$F/sample-data"
for f in "$SD"/*.zip; do
	ln -s "$f" "$F/${f##*/}"
done
# Real files of ../shared/data, under the names the README uses.
shared_files='binance/BTCUSD_PERP-aggTrades-2026-05-08.zip
coinglass/coinglass_BTC_liq_oi_30m_2026-05-21_05-30.csv
coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv'
have_shared=0
if [ -d "$SHARED" ]; then
	have_shared=1
	for p in $shared_files; do
		if [ -f "$SHARED/$p" ]; then
			ln -s "$SHARED/$p" "$F/${p##*/}"
		else
			notok "fixture: $SHARED/$p exists"
		fi
	done
else
	echo "# $SHARED not found: the examples naming its files are skipped"
fi

# Other venues' dumps, written in each venue's published layout (the
# layouts tests/cli/ingest.sh checks by hand) from seeded Binance-layout
# trades: the sample day 2024-03-04 for Bybit and BitMEX (so that
# bybit.bars and binance.bars are the same market on the same day), and
# days made by liq-gen for the dates in the OKX and Tardis file names.
# Also made from the sample trades: Binance liquidationSnapshot days (one
# SELL or BUY order per taker trade of 3 BTC or more), which sample-data
# does not have.
liq-gen -s 2 -d 1 -n 10000 -t 2025-01-20 -o "$T/gen" >/dev/null &&
liq-gen -s 3 -d 1 -n 10000 -t 2020-03-01 -o "$T/gen" >/dev/null ||
	notok "fixture: liq-gen writes the OKX and Tardis days"
"$PY" -S - "$F" "$SD" "$T/gen" <<'EOF' || notok "fixture: venue dumps written"
import gzip, io, random, sys, zipfile
out, sd, gen = sys.argv[1:4]
rnd = random.Random(11)

def agg(path):
    """The rows of a Binance aggTrades zip: (ms, price, qty, taker_buy)."""
    with zipfile.ZipFile(path) as z:
        text = z.read(z.namelist()[0]).decode()
    rows = []
    for line in text.splitlines()[1:]:
        f = line.split(",")
        rows.append((int(f[5]), f[1], f[2], f[6] == "false"))
    return rows

def uuid():
    return "%08x-%04x-%04x-%04x-%012x" % tuple(
        rnd.getrandbits(b) for b in (32, 16, 16, 16, 48))

class Ticks:
    """BitMEX and Bybit tickDirection: the move from the last trade."""
    def __init__(self):
        self.last, self.up = None, True
    def __call__(self, price):
        if self.last is not None and price != self.last:
            self.up = price > self.last
            d = "PlusTick" if self.up else "MinusTick"
        else:
            d = "ZeroPlusTick" if self.up else "ZeroMinusTick"
        self.last = price
        return d

def gz(name, lines):
    with open(out + "/" + name, "wb") as f, \
         gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as g:
        g.write(("\n".join(lines) + "\n").encode())

def zipped(name, lines):
    member = name[:-4] + ".csv"
    with zipfile.ZipFile(out + "/" + name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo(member, (2024, 1, 1, 0, 0, 0)),
                   "\n".join(lines) + "\n", zipfile.ZIP_DEFLATED)

def hms(ms, day0):
    s = (ms - day0) // 1000
    return "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)

day = agg(sd + "/BTCUSDT-aggTrades-2024-03-04.zip")
DAY0 = 1709510400000

# Bybit linear (public.bybit.com/trading/BTCUSDT/): size in BTC
lines = ["timestamp,symbol,side,size,price,tickDirection,trdMatchID,"
         "grossValue,homeNotional,foreignNotional"]
tick = Ticks()
for ms, price, qty, buy in day:
    p, q = float(price), float(qty)
    lines.append("%d.%03d,BTCUSDT,%s,%s,%s,%s,%s,%.10g,%s,%.10g" % (
        ms // 1000, ms % 1000, "Buy" if buy else "Sell", qty, price,
        tick(p), uuid(), p * q * 1e8, qty, p * q))
gz("BTCUSDT2024-03-04.csv.gz", lines)

# Tardis.dev derivative_ticker of Bybit BTCUSDT for that day: open
# interest (BTC) and funding at each metrics row of the sample day
with zipfile.ZipFile(sd + "/BTCUSDT-metrics-2024-03-04.zip") as z:
    rows = [l.split(",") for l in
            z.read(z.namelist()[0]).decode().splitlines()[1:]]
lines = ["exchange,symbol,timestamp,local_timestamp,funding_timestamp,"
         "funding_rate,predicted_funding_rate,open_interest,last_price,"
         "index_price,mark_price"]
for m in rows:
    h, mi, s = (int(x) for x in m[0].split(" ")[1].split(":"))
    ms = DAY0 + ((h * 60 + mi) * 60 + s) * 1000
    last = float(m[3]) / float(m[2])
    lines.append("bybit,BTCUSDT,%d,%d,%d,0.0001,0.0001,%s,%.1f,%.1f,%.1f" % (
        ms * 1000, ms * 1000 + 120000, (ms // 28800000 + 1) * 28800000000,
        m[2], last, last - 2.5, last - 1.0))
gz("bybit_derivative_ticker_2024-03-04_BTCUSDT.csv.gz", lines)

# BitMEX (public.bitmex.com/data/trade/): every symbol in one file, XBTUSD
# in USD contracts; an ETHUSD trade after every seventh
lines = ["timestamp,symbol,side,size,price,tickDirection,trdMatchID,"
         "grossValue,homeNotional,foreignNotional"]
tick = Ticks()
for i, (ms, price, qty, buy) in enumerate(day):
    p = float(price)
    usd = max(1, round(p * float(qty)))
    t = "2024-03-04D%s.%03d%06d" % (hms(ms, DAY0), ms % 1000,
                                     rnd.randint(0, 999999))
    side = "Buy" if buy else "Sell"
    lines.append("%s,XBTUSD,%s,%d,%s,%s,%s,%d,%.12g,%d" % (
        t, side, usd, price, tick(p), uuid(), round(usd / p * 1e8),
        usd / p, usd))
    if i % 7 == 6:
        n = rnd.randint(1, 50)
        lines.append("%s,ETHUSD,%s,%d,3412.5,ZeroPlusTick,%s,%d,%.8g,%.8g" % (
            t, side, n, uuid(), n * 341250, n * 3412.5e-6 / 0.055,
            n * 3412.5e-6 / 0.055 * 3412.5))
gz("20240304.csv.gz", lines)

# OKX (static.okx.com trade history): contracts of 0.01 BTC
lines = ["instrument_name,trade_id,side,price,size,created_time"]
for i, (ms, price, qty, buy) in enumerate(
        agg(gen + "/BTCUSDT-aggTrades-2025-01-20.zip")):
    lines.append("BTC-USDT-SWAP,%d,%s,%s,%.10g,%d" % (
        500000000 + i, "buy" if buy else "sell", price,
        round(float(qty) * 100, 6), ms))
zipped("BTC-USDT-SWAP-trades-2025-01-20.zip", lines)

# Tardis.dev normalized CSVs of BitMEX XBTUSD: trades in USD contracts,
# and a derivative ticker row (open interest in USD, funding) at each
# metrics row of the liq-gen day
DAY0 = 1583020800000
lines = ["exchange,symbol,timestamp,local_timestamp,id,side,price,amount"]
for ms, price, qty, buy in agg(gen + "/BTCUSDT-aggTrades-2020-03-01.zip"):
    us = ms * 1000 + rnd.randint(0, 999)
    lines.append("bitmex,XBTUSD,%d,%d,%s,%s,%s,%d" % (
        us, us + rnd.randint(20000, 400000), uuid(),
        "buy" if buy else "sell", price,
        max(1, round(float(price) * float(qty)))))
gz("bitmex_trades_2020-03-01_XBTUSD.csv.gz", lines)
with zipfile.ZipFile(gen + "/BTCUSDT-fundingRate-2020-03.zip") as z:
    funding = [l.split(",") for l in
               z.read(z.namelist()[0]).decode().splitlines()[1:]]
with zipfile.ZipFile(gen + "/BTCUSDT-metrics-2020-03-01.zip") as z:
    metrics = [l.split(",") for l in
               z.read(z.namelist()[0]).decode().splitlines()[1:]]
lines = ["exchange,symbol,timestamp,local_timestamp,funding_timestamp,"
         "funding_rate,predicted_funding_rate,open_interest,last_price,"
         "index_price,mark_price"]
for m in metrics:
    h, mi, s = (int(x) for x in m[0].split(" ")[1].split(":"))
    ms = DAY0 + ((h * 60 + mi) * 60 + s) * 1000
    nxt = (ms // 28800000 + 1) * 28800000
    rate = [f[2] for f in funding if int(f[0]) // 1000 * 1000 <= nxt]
    last = float(m[3]) / float(m[2])
    lines.append("bitmex,XBTUSD,%d,%d,%d,%s,%s,%d,%.1f,%.2f,%.2f" % (
        ms * 1000, ms * 1000 + 150000, nxt * 1000, rate[-1] if rate else "",
        rate[-1] if rate else "", round(float(m[3])), last, last - 3.5,
        last - 1.25))
gz("bitmex_derivative_ticker_2020-03-01_XBTUSD.csv.gz", lines)

# Binance liquidationSnapshot days: a taker sell of 3 BTC or more as a
# long liquidated (SELL), a taker buy as a short liquidated (BUY)
for d in ("04", "05"):
    lines = ["time,symbol,side,order_type,time_in_force,original_quantity,"
             "price,average_price,order_status,last_fill_quantity,"
             "accumulated_fill_quantity"]
    for ms, price, qty, buy in agg(sd + "/BTCUSDT-aggTrades-2024-03-%s.zip" % d):
        if float(qty) >= 3:
            p = float(price)
            lines.append("%d,BTCUSDT,%s,LIMIT,IOC,%s,%.1f,%s,FILLED,%s,%s" % (
                ms, "BUY" if buy else "SELL", qty,
                p * (1.005 if buy else 0.995), price, qty, qty))
    zipped("BTCUSDT-liquidationSnapshot-2024-03-%s.zip" % d, lines)
EOF
# Files the README's examples use but no earlier README command makes,
# made here from the sample days by the same programs:
#   binance.bars  one sample day (2024-03-04, aggTrades + metrics), the
#                 Binance side of the Binance + Bybit example
#   klines.bars   the sample 1m klines alone: bars without open interest
#   day1.bars, day2.bars   each sample day (aggTrades + metrics) alone
#   day.grid      the estimate of day2.bars
#   mine.csv      "your own bar CSV": 5-minute bars of 2024-03-04 under the
#                 column names of the --map example (ts, o, h, l, c, oi_usd)
fx() {	# fx DESC CMD...: a fixture step, run in the fixture directory
	d=$1; shift
	if ! (cd "$F" && "$@") >"$T/fx.out" 2>&1; then
		notok "fixture: $d"
		sed 's/^/# /' "$T/fx.out" | head -10
	fi
}
A1=BTCUSDT-aggTrades-2024-03-04.zip M1=BTCUSDT-metrics-2024-03-04.zip
A2=BTCUSDT-aggTrades-2024-03-05.zip M2=BTCUSDT-metrics-2024-03-05.zip
fx binance.bars liq-ingest -q -o binance.bars "$A1" "$M1"
fx klines.bars liq-ingest -q -o klines.bars BTCUSDT-1m-2024-03-04.zip BTCUSDT-1m-2024-03-05.zip
fx day1.bars liq-ingest -q -o day1.bars "$A1" "$M1"
fx day2.bars liq-ingest -q -o day2.bars "$A2" "$M2"
fx day.grid liq-estimate -q -o day.grid day2.bars
mine() {	# time, OHLC and open interest in USD of 5-minute bars, renamed
	liq-ingest -q --csv --interval 5m -o mine.bars.csv "$A1" "$M1" &&
	awk -F, '/^#/ || $2 == "" || $2 == "NaN" { next }
	    $1 == "time" { print "ts,o,h,l,c,oi_usd"; next }
	    { print $1 "," $2 "," $3 "," $4 "," $5 "," $12 }' mine.bars.csv > mine.csv &&
	rm mine.bars.csv
}
fx mine.csv mine

# ------------------------------------------------------------ examples
# One file per command, and an index: number, section number, section.
mkdir "$T/ex"
awk -v dir="$T/ex" '
function emit() {
	f = sprintf("%s/%03d.sh", dir, ++k)
	printf "%s\n", cmd > f
	close(f)
	printf "%03d\t%d\t%s\n", k, nsec, sec > (dir "/index")
}
function take(line) {	# a code line: a command, its continuation, or not
	if (cont) {
		cmd = cmd "\n" line
	} else if (line ~ /^[^ \t#]/) {
		cmd = line
	} else
		return
	cont = line ~ /\\$/
	if (!cont)
		emit()
}
BEGIN { sec = "top of the page"; nsec = 0; blank = 1 }
/^```/ {	# fence: 1 commands, 2 commands after "$ ", 3 not shell
	if (fence) { fence = 0; cont = 0 }
	else if ($0 ~ /^```(sh|shell|bash)?[ \t]*$/) fence = 1
	else fence = ($0 ~ /^```console[ \t]*$/) ? 2 : 3
	blank = 0; next
}
fence == 2 && !cont { if (sub(/^\$ /, "")) take($0); next }
fence == 1 || fence == 2 { take($0); next }
fence { next }
/^## / { sec = substr($0, 4); nsec++; cont = 0; code = 0; blank = 1; next }
/^[ \t]*$/ { blank = 1; next }
/^    / && (code || blank || cont) {
	code = 1; blank = 0
	# the file tree of Layout is not commands
	if (sec != "Layout")
		take(substr($0, 5))
	next
}
{ code = 0; cont = 0; blank = 0 }
END { print k + 0 > (dir "/count") }
' README.md
k=$(cat "$T/ex/count")
if [ "$k" -ge 30 ]; then
	ok "README.md: $k command lines found in its code blocks"
else
	notok "README.md: $k command lines found in its code blocks (want at least 30)"
fi

# A command of the README is run as a reader runs it: with its standard
# output on a terminal (through script(1), when it can make one), so that
# binary output a program refuses to write to a terminal fails here too;
# and by bash with pipefail when there is a bash, so that "liq-ingest ...
# | head" fails when liq-ingest does: 141 (a stage ended by SIGPIPE
# because head stopped reading) is success then.
if command -v bash >/dev/null 2>&1; then
	RUNSH="bash -o pipefail"
else
	RUNSH=sh
fi
tty=0
if script -qec 'test -t 1' /dev/null </dev/null >/dev/null 2>&1; then
	tty=1
else
	echo "# script(1) cannot make a terminal: examples run with output to a file"
fi
run() {	# run DIR FILE: the command in FILE, in DIR
	if [ "$tty" = 1 ]; then
		script -qec "cd '$1' && $RUNSH '$2'" /dev/null </dev/null
	else
		(cd "$1" && $RUNSH "$2") </dev/null
	fi
	rc=$?
	[ "$rc" -eq 0 ] || { [ "$rc" -eq 141 ] && [ "$RUNSH" != sh ]; }
}
pandas=0
python3 -c 'import pandas' >/dev/null 2>&1 && pandas=1

runs=0 skips=0 notrun=0 cur=-1 dir=
section_end() {	# keep what the section made for the sections after it
	[ -n "$dir" ] || return 0
	for f in "$dir"/* "$dir"/.[!.]*; do
		[ -f "$f" ] && [ ! -L "$f" ] && mv -f "$f" "$T/carry/"
	done
	return 0
}
while IFS='	' read -r i s sec; do
	if [ "$s" != "$cur" ]; then
		section_end
		cur=$s dir=$T/run/$s
		mkdir "$dir"
		for f in "$F"/* "$T/carry"/*; do
			[ -e "$f" ] || [ -L "$f" ] || continue
			rm -f "$dir/${f##*/}"
			ln -s "$f" "$dir/${f##*/}"
		done
	fi
	f=$T/ex/$i.sh
	# a crontab line: run its command, not the schedule or the cd
	if grep -Eq '^([0-9*/,-]+[ \t]+){5}' "$f"; then
		sed -E '1s/^([0-9*/,-]+[ \t]+){5}//; 1s/^cd [^ ;&|]+ *&& *//' "$f" > "$f.cron"
		mv "$f.cron" "$f"
		kind="$sec (crontab line, its command)"
	else
		kind=$sec
	fi
	# (no backslashes in the name: echo in lib.sh would read them; and no
	# trailing comments, which TAP would take for a directive)
	d=$(sed 's/[[:space:]][[:space:]]*#\([[:space:]].*\)*$//' "$f" | tr -d '\\' |
	    tr '\n\t' '  ' | sed 's/  */ /g; s/ *$//' | cut -c1-72)
	first=$(sed -n '1s/^\([A-Za-z_][A-Za-z0-9_]*=[^ ]* \)*\([^ ]*\).*/\2/p' "$f")
	if grep -Eq '\[--?[a-z]|\[options\]|\[[A-Z]+(\.\.\.)?\]|[A-Z]\.\.\.' "$f"; then
		echo "# not run, a usage synopsis ($kind): $d"
		notrun=$((notrun + 1))
		continue
	fi
	case $first in
	liq-*|cd|for|while|if|case|'{'|'('|export|set) ;;
	make)
		skip "$kind: $d" "make targets are not run here (make check runs this test; CI runs make demo)"
		skips=$((skips + 1)); continue ;;
	*)
		if ! (cd "$dir" && command -v "$first") >/dev/null 2>&1; then
			echo "# not run, not a command ($kind): $d"
			notrun=$((notrun + 1))
			continue
		fi ;;
	esac
	why=
	if [ "$have_shared" = 0 ]; then
		for p in $shared_files; do
			grep -q "${p##*/}" "$f" && why="needs $SHARED/$p"
		done
	fi
	if grep -q 'import pandas' "$f" && [ "$pandas" = 0 ]; then
		why="pandas is not installed"
	fi
	if grep -q 'pnmtopng' "$f" && ! command -v pnmtopng >/dev/null 2>&1; then
		why="netpbm (pnmtopng) is not installed"
	fi
	if [ -n "$why" ]; then
		skip "$kind: $d" "$why"
		skips=$((skips + 1))
		continue
	fi
	check "$kind: $d" run "$dir" "$f"
	runs=$((runs + 1))
done < "$T/ex/index"
section_end
cksum "$SD"/* > "$T/sd.after"
check "the examples leave sample-data/ as it was" cmp "$T/sd.before" "$T/sd.after"

echo "# readme: $runs commands run, $skips skipped, $notrun lines not commands"
echo "# readme: $n tests, $fail failed"
[ "$fail" -eq 0 ]
