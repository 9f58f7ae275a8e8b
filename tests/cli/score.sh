#!/bin/sh
# score.sh - command-line tests of liq-score: hand-made grids (written by
# $LIQ_BUILD/mkgrid) whose scores are worked out by hand below, the real
# CoinGlass hourly file against tests/tools/calibrate.py, CSV and JSON
# read back by python3, several grids as one series, the options, and
# every documented error.
#   LIQ_BUILD=build sh tests/cli/score.sh BINDIR   (from the top of the tree)
set -u
BIN=${1:-bin}
SC=$BIN/liq-score
MKGRID=${LIQ_BUILD:-build}/mkgrid
SHARED=${LIQ_SHARED:-../shared/data}
T=$(mktemp -d /tmp/liq-score.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
if [ ! -x "$SC" ] || [ ! -x "$MKGRID" ]; then
	notok "$SC and $MKGRID are built"
	exit 1
fi

# want CSV WHERE...: each WHERE is "period,test,side,score,field=value"
# (side may be empty); the field of that record must be value to 1e-6
# ("nan": missing).  The CSV is liq-score --csv --exact output.
want() {
	f=$1; shift
	python3 - "$f" "$@" <<'PYEOF'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = 0
for w in sys.argv[2:]:
    key, v = w.rsplit("=", 1)
    per, test, side, score, field = key.split(",")
    got = [r for r in rows if r["period"] == per and r["test"] == test
           and r["side"] == side and r["score"] == score]
    if len(got) != 1:
        print("%s: %d records" % (key, len(got))); bad = 1; continue
    g = got[0][field]
    if v == "nan":
        ok = g == ""
    else:
        ok = g != "" and abs(float(g) - float(v)) <= 1e-6
    if not ok:
        print("%s: got %r, want %s" % (key, g, v)); bad = 1
sys.exit(bad)
PYEOF
}

# Ten hourly bars of one day, open 100, open interest 1000, so the naive
# long is (100 - low) x 10 and the naive short (high - 100) x 10.
#  long: pred 1..10, real 2 1 4 3 6 5 8 7 10 9 (neighbours swapped): the
#   rank differences are all +-1, sum d^2 = 10, rho = 1 - 6 x 10 /
#   (10 x 99) = 0.939394; lows 90..99 make the naive 100, 90, .., 10, the
#   ranks reversed: rho = -0.939394.  Pearson of log1p: 0.905707 and
#   -0.818258.  Top bars: k = round(10 x 0.05) = 0 -> 1, round(1) = 1,
#   round(2) = 2; the model's top bar has real 9, its top two 9 + 10, of
#   55: 9/55 = 0.163636 and 19/55 = 0.345455; the naive's top bar (bar 1)
#   real 2, top two 2 + 1: 0.036364, 0.054545.  Totals: 55/55 = 1 and
#   550/55 = 10.
#  short: pred = real = 5 1 1 1 1 1 1 1 1 1 (ties: average ranks, rho 1,
#   Pearson 1); high 101 everywhere: the naive is constant, 10 in every
#   bar, so it has no correlation (missing), its top bars are the first
#   by time: 5/14 = 0.357143, (5 + 1)/14 = 0.428571; its total 100/14 =
#   7.142857.
# Then a bar without realized liquidations (unknown) and one without open
# interest (incomplete).
cat > "$T/bars.spec" <<'EOF'
start 2026-01-05
step 1h
col 100 101 90 100 1000 1 5 2 5
col 100 101 91 100 1000 2 1 1 1
col 100 101 92 100 1000 3 1 4 1
col 100 101 93 100 1000 4 1 3 1
col 100 101 94 100 1000 5 1 6 1
col 100 101 95 100 1000 6 1 5 1
col 100 101 96 100 1000 7 1 8 1
col 100 101 97 100 1000 8 1 7 1
col 100 101 98 100 1000 9 1 10 1
col 100 101 99 100 1000 10 1 9 1
col 100 101 99 100 1000 10 1
col 100 101 99 100 nan 10 1 9 1
EOF
"$MKGRID" < "$T/bars.spec" > "$T/bars.grid"
"$SC" -q --csv --exact "$T/bars.grid" > "$T/bars.csv"
check "hand-made bars: counts (10 scored, 1 unknown, 1 incomplete, 1 day)" \
	want "$T/bars.csv" all,bars,,bars,n=10 all,bars,,unknown,n=1 \
	all,bars,,incomplete,n=1 all,bars,,days,n=1
check "hand-made bars: long rho 0.939394 (model), -0.939394 (naive)" \
	want "$T/bars.csv" all,bars,long,rho,model=0.93939394 \
	all,bars,long,rho,naive=-0.93939394 all,bars,long,rho,diff=1.87878788
check "hand-made bars: long Pearson of log1p" \
	want "$T/bars.csv" all,bars,long,pearson_log1p,model=0.9057073 \
	all,bars,long,pearson_log1p,naive=-0.8182579
check "hand-made bars: long top 5/10/20 % shares" \
	want "$T/bars.csv" all,bars,long,top5,model=0.1636364 \
	all,bars,long,top10,model=0.1636364 all,bars,long,top20,model=0.3454545 \
	all,bars,long,top5,naive=0.0363636 all,bars,long,top10,naive=0.0363636 \
	all,bars,long,top20,naive=0.0545455
check "hand-made bars: ratio of totals 1 and 10" \
	want "$T/bars.csv" all,bars,long,ratio,model=1 all,bars,long,ratio,naive=10
check "hand-made bars: short, tied values: rho 1; a constant naive has none" \
	want "$T/bars.csv" all,bars,short,rho,model=1 all,bars,short,pearson_log1p,model=1 \
	all,bars,short,rho,naive=nan all,bars,short,rho,diff=nan \
	all,bars,short,top10,naive=0.3571429 all,bars,short,top20,naive=0.4285714 \
	all,bars,short,ratio,naive=7.1428571
check "one day: every resample is the data, the interval is the point" \
	want "$T/bars.csv" all,bars,long,rho,model_lo=0.93939394 \
	all,bars,long,rho,model_hi=0.93939394 all,bars,long,top20,naive_hi=0.0545455
check "the month row of one month is the whole span's" \
	want "$T/bars.csv" month,bars,long,rho,model=0.93939394 month,bars,,bars,n=10
"$SC" -q --csv --exact --resamples 0 "$T/bars.grid" > "$T/b0.csv"
check "--resamples 0: no intervals" \
	want "$T/b0.csv" all,bars,long,rho,model=0.93939394 all,bars,long,rho,model_lo=nan

# Walls: ten bins of 10 over 100..200; a cell is a zone, its peak the
# bin's centre.  s1 (close 150): longs 100 at 135 (-10 %), shorts 300 at
# 175 (+16.667 %): scores 100/10 = 10 and 300/16.667 = 18, p = 18/28 =
# 0.642857, the distance baseline 10/26.667 = 0.375; the next bar's high
# 176 reaches 175 first (y = 1).  s3 (close 160): longs 200 at 135
# (-15.625 %), shorts 100 at 185 (+15.625 %): p = 1/3, baseline 1/2; the
# next low 134 reaches 135 (y = 0).  Log loss: map (-ln(0.642857) -
# ln(2/3))/2 = 0.423649, baseline (-ln(0.375) + ln 2)/2 = 0.836988;
# Brier: map ((1 - 0.642857)^2 + 1/9)/2 = 0.119331, baseline (0.625^2 +
# 0.25)/2 = 0.320313.  s5: both reached in one bar; s7: neither within
# 2h (the bar after would); s11: the data end first; the other seven
# snapshots have no walls.
cat > "$T/walls.spec" <<'EOF'
start 2026-01-05
step 1h
col 150 151 149 150 1000 0 0 1 1
cell 3 0 100
cell 7 1 300
col 150 176 149 160 1000 0 0 1 1
col 160 161 159 160 1000 0 0 1 1
cell 3 0 200
cell 8 1 100
col 160 161 134 140 1000 0 0 1 1
col 150 151 149 150 1000 0 0 1 1
cell 3 0 100
cell 7 1 100
col 150 176 134 150 1000 0 0 1 1
col 150 151 149 150 1000 0 0 1 1
cell 3 0 100
cell 7 1 100
col 150 151 149 150 1000 0 0 1 1
col 150 151 149 150 1000 0 0 1 1
col 150 176 149 150 1000 0 0 1 1
col 150 151 149 150 1000 0 0 1 1
cell 3 0 100
cell 7 1 100
col 150 151 149 150 1000 0 0 1 1
EOF
"$MKGRID" < "$T/walls.spec" > "$T/walls.grid"
"$SC" -q --csv --exact --range 30 --horizon 2h "$T/walls.grid" > "$T/walls.csv"
check "hand-made walls: 12 snapshots, 2 scored, 1 up first, each exclusion counted" \
	want "$T/walls.csv" all,walls,,snapshots,n=12 all,walls,,scored,n=2 \
	all,walls,,up_first,n=1 all,walls,,no_wall,n=7 all,walls,,both,n=1 \
	all,walls,,untouched,n=1 all,walls,,past_end,n=1
check "hand-made walls: log loss 0.423649 (map), 0.836988 (distance)" \
	want "$T/walls.csv" all,walls,,logloss,model=0.4236489 \
	all,walls,,logloss,naive=0.8369882 all,walls,,logloss,diff=-0.4133393
check "hand-made walls: Brier 0.119331 (map), 0.320313 (distance)" \
	want "$T/walls.csv" all,walls,,brier,model=0.1193311 all,walls,,brier,naive=0.3203125
"$SC" -q --csv --exact --range 30 --horizon 3h "$T/walls.grid" > "$T/w3.csv"
check "--horizon 3h: s7 is reached by the bar 3h on (up), s11 still past the end" \
	want "$T/w3.csv" all,walls,,scored,n=3 all,walls,,untouched,n=0 \
	all,walls,,up_first,n=2 all,walls,,past_end,n=1
"$SC" -q --csv --exact --horizon 2h "$T/walls.grid" > "$T/w10.csv"
check "--range 10 (the default): the walls 15.6 % and 16.7 % away are left out" \
	want "$T/w10.csv" all,walls,,scored,n=0 all,walls,,no_wall,n=12 \
	all,walls,,logloss,model=nan
"$SC" -q --csv --exact --range 30 --horizon 2h --walls-every 2h "$T/walls.grid" > "$T/we.csv"
check "--walls-every 2h: the snapshots at even hours only (02:00, ...: no walls)" \
	want "$T/we.csv" all,walls,,snapshots,n=6 all,walls,,scored,n=0 \
	all,walls,,no_wall,n=6
fails 0 "no wall snapshot could be scored" "a report with no wall scored says so" \
	"$SC" --horizon 2h "$T/walls.grid"

# Forecasts are clamped to [0.01, 0.99]: shorts 1e6 at 175 against longs
# 1 at 135 give p = 0.99999 -> 0.99; reached up: log loss -ln 0.99.
cat > "$T/clamp.spec" <<'EOF'
start 2026-01-05
step 1h
col 150 151 149 150 1000 0 0 1 1
cell 3 0 1
cell 7 1 1000000
col 150 176 149 160 1000 0 0 1 1
EOF
"$MKGRID" < "$T/clamp.spec" > "$T/clamp.grid"
"$SC" -q --csv --exact --range 30 "$T/clamp.grid" > "$T/clamp.csv"
check "forecasts clamped to 0.99: log loss -ln(0.99), Brier 0.0001" \
	want "$T/clamp.csv" all,walls,,logloss,model=0.01005034 \
	all,walls,,brier,model=0.0001

# Several grids are one series: the bars grid cut in two (by time) gives
# the same scores, in either order on the command line.
sed -n '1,7p' "$T/bars.spec" > "$T/b1.spec"
{ echo "start 2026-01-05T05:00"; echo "step 1h"; sed -n '8,$p' "$T/bars.spec"; } > "$T/b2.spec"
"$MKGRID" < "$T/b1.spec" > "$T/b1.grid"
"$MKGRID" < "$T/b2.spec" > "$T/b2.grid"
"$SC" -q --csv --exact "$T/b2.grid" "$T/b1.grid" > "$T/two.csv"
check "two grids, given in reverse order, score as the one grid" cmp "$T/bars.csv" "$T/two.csv"
fails 1 "also in" "overlapping grids are an error naming both" \
	"$SC" "$T/bars.grid" "$T/b1.grid"
fails 1 "bars.grid: a column at 2026-01-05T00:00:00Z is also in .*b1.grid" \
	"the error names both grids and the time" \
	"$SC" "$T/b1.grid" "$T/bars.grid"

# --from/--to take columns by their open time
"$SC" -q --csv --exact --from 2026-01-05T01:00 --to 2026-01-05T10:00 "$T/bars.grid" > "$T/ft.csv"
check "--from 01:00 --to 10:00: bars 2..10 (9)" want "$T/ft.csv" all,bars,,bars,n=9 \
	all,bars,,unknown,n=0
# --every: windows from the first column
"$SC" -q --csv --exact --every 5h "$T/bars.grid" > "$T/ev.csv"
check "--every 5h: windows of 5, 5 and 2 columns" python3 - "$T/ev.csv" <<'PYEOF'
import csv, sys
r = [x for x in csv.DictReader(open(sys.argv[1])) if x["period"] == "window"
     and x["score"] in ("bars", "unknown", "incomplete")]
got = [(x["from"], x["score"], x["n"]) for x in r]
want = [("2026-01-05T00:00:00Z", "bars", "5"), ("2026-01-05T00:00:00Z", "unknown", "0"),
        ("2026-01-05T00:00:00Z", "incomplete", "0"),
        ("2026-01-05T05:00:00Z", "bars", "5"), ("2026-01-05T05:00:00Z", "unknown", "0"),
        ("2026-01-05T05:00:00Z", "incomplete", "0"),
        ("2026-01-05T10:00:00Z", "bars", "0"), ("2026-01-05T10:00:00Z", "unknown", "1"),
        ("2026-01-05T10:00:00Z", "incomplete", "1")]
sys.exit(0 if got == want else print(got) or 1)
PYEOF

# JSON lines hold the same records as CSV; times in ms with --time ms
"$SC" -q --json --exact "$T/bars.grid" > "$T/bars.jsonl"
check "--json: one object a line, the same records and values as --csv" \
	python3 - "$T/bars.csv" "$T/bars.jsonl" <<'PYEOF'
import csv, json, sys
c = list(csv.DictReader(open(sys.argv[1])))
j = [json.loads(l) for l in open(sys.argv[2])]
assert len(c) == len(j) > 30, (len(c), len(j))
for a, b in zip(c, j):
    assert list(a) == list(b), (list(a), list(b))
    for k in a:
        if a[k] == "":
            assert b[k] is None, (k, a, b)
        elif isinstance(b[k], str):
            assert a[k] == b[k], (k, a[k], b[k])
        else:
            assert float(a[k]) == float(b[k]), (k, a[k], b[k])
PYEOF
"$SC" -q --csv --time ms "$T/bars.grid" | sed -n 2p > "$T/ms"
check "--time ms: epoch milliseconds" grep -q '^all,1767571200000,1767614400000,bars,' "$T/ms"
"$SC" -q --csv --na NA "$T/bars.grid" > "$T/na.csv"
check "--na NA: missing values" grep -q '^all,.*,bars,NA,bars,10,NA,NA,' "$T/na.csv"
"$SC" "$T/bars.grid" > "$T/table" 2>"$T/err"
check "the table: a header and a row per score" sh -c "grep -q '^  long   rho  *0.939 \[0.939, 0.939\]  *-0.939' '$T/table' &&
	grep -q 'walls: 12 snapshots, 0 scored' '$T/table'"
"$SC" -q "$T/bars.grid" > "$T/t1"
"$SC" -q "$T/bars.grid" > "$T/t2"
check "the same input gives the same bytes" cmp "$T/t1" "$T/t2"
"$SC" -q -o "$T/out.csv" --csv "$T/bars.grid"
check "-o file" sh -c "head -1 '$T/out.csv' | grep -q '^period,from,to,test,side,score,n,model,'"
"$SC" -q --csv - < "$T/bars.grid" > "$T/stdin.csv"
check "a grid on standard input (-)" sh -c "grep -q ',long,rho,10,0.939394' '$T/stdin.csv'"

# --events: the lift (lib/events_lift.c, liq-events(5)) of each grid's
# map.  A flat map (every bin 1 in the column before the bar) ranks no
# bin above another: every X gets X % of the notional, a lift of 1.
EVL=${LIQ_BUILD:-build}/events-lift
EMAP=time=time,side=side,price=price,qty=qty,long=L,short=S
cat > "$T/flat.spec" <<'EOF'
start 2026-01-05
step 1h
col 150 151 149 150 1000 0 0 1 1
fill 0 1
fill 1 1
col 150 155 125 150 1000 0 0 1 1
EOF
"$MKGRID" < "$T/flat.spec" > "$T/flat.grid"
printf 'time,side,price,qty\n2026-01-05T01:10:00Z,L,135,1\n2026-01-05T01:20:00Z,L,145,1\n2026-01-05T01:30:00Z,S,152,2\n2026-01-05T03:00:00Z,S,152,2\n' > "$T/ev.csv"
"$SC" -q --csv --exact --events "$T/ev.csv" --map "$EMAP" "$T/flat.grid" > "$T/flat.csv"
check "--events on a flat map: a lift of 1 at every X, each side; the counts" \
	want "$T/flat.csv" all,lift,long,lift5,model=1 all,lift,long,lift50,model=1 \
	all,lift,short,lift10,model=1 all,lift,either,lift20,model=1 \
	all,lift,long,events,n=2 all,lift,short,events,n=1 all,lift,either,events,n=3 \
	all,lift,short,outside_time,n=1 all,lift,long,outside_range,n=0 \
	all,lift,,days,n=1 all,lift,,bars,n=1
# a map with its longs in one bin and its shorts in another: the same
# numbers as the library's own test driver
cat > "$T/lift.spec" <<'EOF'
start 2026-01-05
step 1h
col 150 151 149 150 1000 0 0 1 1
cell 3 0 100
cell 6 1 100
col 150 155 125 150 1000 0 0 1 1
EOF
"$MKGRID" < "$T/lift.spec" > "$T/lift.grid"
# sameaslib GRID EVENTS CSV [SPEC]: every lift (map and naive map) of the
# liq-score CSV equals events-lift's, to 4 decimals
sameaslib() {
	"$EVL" lift "$1" "$2" ${4:+"$4"} > "$T/evl.txt" &&
	python3 - "$T/evl.txt" "$3" <<'PYEOF'
import csv, sys
lib = {}
for l in open(sys.argv[1]):
    w = l.split()
    if len(w) > 9 and w[2] == "share":
        lib[(w[0], "lift" + w[1])] = (float(w[5]), float(w[13]))
rows = [r for r in csv.DictReader(open(sys.argv[2]))
        if r["period"] == "all" and r["test"] == "lift" and r["score"].startswith("lift")]
assert len(rows) == len(lib) == 12, (len(rows), len(lib))
bad = 0
for r in rows:
    m, nv = lib[(r["side"], r["score"])]
    if abs(float(r["model"]) - m) > 1e-4 or abs(float(r["naive"]) - nv) > 1e-4:
        print(r["side"], r["score"], r["model"], r["naive"], m, nv); bad = 1
sys.exit(bad)
PYEOF
}
if [ -x "$EVL" ]; then
	"$SC" -q --csv --exact --events "$T/ev.csv" --map "$EMAP" "$T/lift.grid" > "$T/lift.csv"
	check "--events: the lifts of a hand-made map are the library's (events-lift)" \
		sameaslib "$T/lift.grid" "$T/ev.csv" "$T/lift.csv" "$EMAP"
else
	skip "--events against events-lift" "no $EVL"
fi
"$MKGRID" > "$T/noreal2.grid" <<'EOF'
start 2026-01-05
col 150 151 149 150 1000 0 0
fill 0 1
col 150 155 125 150 1000 0 0
EOF
check "--events: a grid without realized liquidations is scored by its lift alone" \
	sh -c "'$SC' -q --csv --events '$T/ev.csv' --map '$EMAP' '$T/noreal2.grid' | grep -q ',lift,long,lift50,2,'"
fails 2 "map applies to --events" "--map without --events" "$SC" --map "$EMAP" "$T/bars.grid"
fails 1 "nosuch.csv" "a missing events file" "$SC" --events "$T/nosuch.csv" "$T/bars.grid"
printf 'time,side,price,qty\n2026-01-05T01:10:00Z,L,abc,1\n' > "$T/badev.csv"
fails 1 "badev.csv:2: price" "a bad events row: file, line, field" \
	"$SC" --events "$T/badev.csv" --map "$EMAP" "$T/bars.grid"

# the real hourly CoinGlass file: the same figures as calibrate.py
CG=$SHARED/coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv
if [ -f "$CG" ] && [ -x "$BIN/liq-ingest" ] && [ -x "$BIN/liq-estimate" ]; then
	$BIN/liq-ingest -q --preset coinglass -o "$T/h.bars" "$CG"
	$BIN/liq-estimate -q --series "$T/h.series" -o "$T/h.grid" "$T/h.bars"
	python3 tests/tools/calibrate.py "$CG" "$T/h.series" > "$T/cal.txt"
	"$SC" -q --csv --exact --resamples 200 "$T/h.grid" > "$T/h.csv"
	check "hourly file: rho and top-10 % shares equal calibrate.py's to 3 decimals" \
		python3 - "$T/cal.txt" "$T/h.csv" <<'PYEOF'
import csv, sys
cal = {}
for l in open(sys.argv[1]):
    w = l.split()
    if w[0] in ("long", "short"):
        cal[w[0]] = dict(rho=(float(w[3]), float(w[5])), top10=(float(w[9]), float(w[11])))
    elif w[0] == "bars":
        nb = int(w[1])
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r["period"] == "all"]
bad = 0
for r in rows:
    if r["score"] == "bars" and int(r["n"]) != nb:
        print("bars", r["n"], nb); bad = 1
    if r["test"] == "bars" and r["side"] in cal and r["score"] in ("rho", "top10"):
        want = cal[r["side"]][r["score"]]
        got = (round(float(r["model"]), 3), round(float(r["naive"]), 3))
        if got != want:
            print(r["side"], r["score"], got, want); bad = 1
        if not float(r["model_lo"]) <= float(r["model"]) <= float(r["model_hi"]):
            print("interval", r); bad = 1
sys.exit(bad)
PYEOF
	check "hourly file: rho and top-10 % within the intervals liq-score.1 states for them" \
		python3 - man/liq-score.1 "$T/h.csv" <<'PYEOF'
import csv, re, sys
text = open(sys.argv[1]).read()
para = text[text.index("On that hourly file"):text.index("On the 30-minute export")]
want = re.findall(r"\.Cm (rho|top10)\n([0-9.]+) \[([0-9.]+), ([0-9.]+)\] / ([0-9.]+)", para)
sides = ["long", "long", "short", "short"]
rows = {(r["side"], r["score"]): r for r in csv.DictReader(open(sys.argv[2]))
        if r["period"] == "all" and r["test"] == "bars"}
bad = len(want) != 4
for side, (score, fig, lo, hi, naive) in zip(sides, want):
    r = rows[(side, score)]
    m = float(r["model"])
    if not float(lo) <= m <= float(hi) or abs(float(r["naive"]) - float(naive)) > 0.0005:
        print(side, score, "run", m, r["naive"], "page", fig, lo, hi, naive); bad = 1
sys.exit(bad)
PYEOF
	check "hourly file: the months (2025-12 .. 2026-03) each scored" sh -c \
		"[ \$(grep -c '^month,.*,bars,,bars,' '$T/h.csv') -eq 4 ]"
	# daily grids (each a run with --from/--to) score as the long grid's
	# window: every column is what a run ending there writes
	for d in 5 6 7; do
		$BIN/liq-estimate -q --from 2026-01-0$d --to 2026-01-0$((d + 1)) \
		    -o "$T/day-$d.grid" "$T/h.bars"
	done
	"$SC" -q --csv --exact "$T/day-7.grid" "$T/day-5.grid" "$T/day-6.grid" > "$T/days.csv"
	"$SC" -q --csv --exact --from 2026-01-05 --to 2026-01-08 "$T/h.grid" > "$T/win.csv"
	check "hourly file: three daily grids score as the window of the long grid" \
		cmp "$T/days.csv" "$T/win.csv"
	# the EXAMPLES of the man page, as written, beside the vendor file
	mkdir "$T/ex"
	ln -s "$(cd "$(dirname "$CG")" && pwd)/$(basename "$CG")" "$T/ex/"
	BYF=$SHARED/bybit/bybit_liquidations_BTCUSDT_2024-02-12_2024-06-02.csv
	ln -s "$(cd "$(dirname "$BYF")" && pwd)/$(basename "$BYF")" "$T/ex/"
	sed '1s/^open_time/ts/' "$SHARED/binance/spot-BTCUSDT-1h-2024.csv" > "$T/ex/klines.csv"
	awk '/^\.Sh /{ ex = ($0 == ".Sh EXAMPLES"); next }
	    ex && /^\.Bd -literal/ { lit = 1; next } /^\.Ed/ { lit = 0; next }
	    ex && lit { gsub(/\\e$/, "\\"); print }' man/liq-score.1 |
	    sed 's/^\$ //' > "$T/ex/run.sh"
	BINABS=$(cd "$BIN" && pwd)
	check "liq-score.1 EXAMPLES run as written ($(grep -c 'liq-' "$T/ex/run.sh") lines)" \
		sh -c "cd '$T/ex' && PATH='$BINABS':\$PATH sh -e run.sh > out 2>&1 && [ -s score.csv ] && grep -q 'either lift10' out"
else
	skip "the real hourly file against calibrate.py" "no $CG or no liq-ingest"
fi

# the real Bybit events (Feb-Jun 2024) on a map of Binance spot klines
BY=$SHARED/bybit/bybit_liquidations_BTCUSDT_2024-02-12_2024-06-02.csv
KL=$SHARED/binance/spot-BTCUSDT-1h-2024.csv
KMAP=time=ts,open=open,high=high,low=low,close=close,volume_base=volume,buy_base=taker_buy_base,volume_quote=quote_asset_volume,buy_quote=taker_buy_quote,trades=number_of_trades
if [ -f "$BY" ] && [ -f "$KL" ] && [ -x "$EVL" ] && [ -x "$BIN/liq-ingest" ]; then
	sed '1s/^open_time/ts/' "$KL" | $BIN/liq-ingest -q --symbol BTCUSDT \
	    --market linear --venue binance --map $KMAP -o "$T/k.bars" -
	$BIN/liq-estimate -q --oi-proxy 0.1 --from 2024-02-12 --to 2024-06-03 \
	    -o "$T/k.grid" "$T/k.bars"
	"$SC" -q --csv --exact --resamples 100 --events "$BY" "$T/k.grid" > "$T/k.csv"
	check "Bybit events, Feb-Jun 2024: the lifts are the library's (events-lift)" \
		sameaslib "$T/k.grid" "$BY" "$T/k.csv"
	check "Bybit events: 30,630 events, each counted once; 5 months" \
		python3 - "$T/k.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
r = [x for x in rows if x["period"] == "all" and x["test"] == "lift"]
n = sum(int(x["n"]) for x in r if x["side"] in ("long", "short") and x["score"] in
        ("events", "outside_range", "no_snapshot", "outside_time"))
months = [x for x in rows if x["period"] == "month" and x["test"] == "lift"
          and x["score"] == "lift10" and x["side"] == "either"]
sys.exit(0 if n == 30630 and len(months) == 5 else print(n, len(months)) or 1)
PYEOF
else
	skip "the lift on the real Bybit events" "no $BY, $KL or $EVL"
fi

# errors
"$MKGRID" > "$T/noreal.grid" <<'EOF'
col 150 151 149 150 1000 0 0
col 150 151 149 150 1000 0 0
EOF
fails 1 "noreal.grid: no realized liquidations in the grid" \
	"a grid without realized liquidations: an error naming the file" "$SC" "$T/noreal.grid"
fails 1 "no columns in the window" "a window without columns" \
	"$SC" --from 2030-01-01 "$T/bars.grid"
fails 2 "horizon" "--horizon 0" "$SC" --horizon 0 "$T/bars.grid"
fails 2 "horizon" "--horizon 7 (no unit)" "$SC" --horizon 7 "$T/bars.grid"
fails 2 "horizon" "--horizon abc" "$SC" --horizon abc "$T/bars.grid"
fails 2 "every" "--every 10s (under a minute)" "$SC" --every 10s "$T/bars.grid"
fails 2 "walls-every.*multiple" "--walls-every 90m on a 1h grid" \
	"$SC" --walls-every 90m "$T/bars.grid"
fails 2 "range" "--range 0" "$SC" --range 0 "$T/bars.grid"
fails 2 "resamples" "--resamples -1" "$SC" --resamples -1 "$T/bars.grid"
fails 2 "seed" "--seed x" "$SC" --seed x "$T/bars.grid"
fails 2 "from" "--from after --to" "$SC" --from 2026-02-01 --to 2026-01-01 "$T/bars.grid"
fails 2 "give one of --csv and --json" "--csv with --json" "$SC" --csv --json "$T/bars.grid"
fails 2 "apply to --csv and --json" "--exact without --csv" "$SC" --exact "$T/bars.grid"
fails 2 "give one or more grids" "no grid" "$SC"
fails 2 "only once" "standard input twice" "$SC" - -
fails 1 "nosuch.grid" "a missing grid" "$SC" "$T/nosuch.grid"
printf 'not a grid\n' > "$T/text"
fails 1 "text" "a file that is not a grid" "$SC" "$T/text"
fails 2 "" "an output that is the input" "$SC" -o "$T/bars.grid" "$T/bars.grid"
"$MKGRID" < "$T/bars.spec" > "$T/again.grid"
check "... and the input is left as it was" cmp "$T/bars.grid" "$T/again.grid"

echo "# score: $n tests, $fail failed"
[ "$fail" -eq 0 ]
