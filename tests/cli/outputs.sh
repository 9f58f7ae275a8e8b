#!/bin/sh
# outputs.sh - where the output files of a run go (cmd/outfile.c): -o
# through a symlink replaces the file it names (the link stays, the file
# is never rewritten in place); an output that is an input, two outputs
# that are one file, an empty name and a file with other hard links are
# refused before any work (exit 2); the mode of a file replaced is kept;
# a closed pipe and every catchable terminating signal leave no temporary
# file; a write error names the output that failed.
#   sh tests/cli/outputs.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
SD=sample-data
AGG=$SD/BTCUSDT-aggTrades-2024-03-04.zip
T=$(mktemp -d /tmp/liq-outputs.XXXXXX)
trap 'exec 9>&- 2>/dev/null; rm -rf "$T"' EXIT
. tests/cli/lib.sh
umask 022
ING=$BIN/liq-ingest
EST=$BIN/liq-estimate
ABIN=$(cd "$BIN" && pwd)

# same A B: files A and B hold the same bars or grid (the metadata, which
# has the command line, aside)
same() {
	"$BIN/liq-cat" --csv "$1" | grep -v '^#' > "$T/same.a" &&
	"$BIN/liq-cat" --csv "$2" | grep -v '^#' > "$T/same.b" &&
	cmp "$T/same.a" "$T/same.b"
}
# no temporary NAME.tmp* beside NAME
notmp() { [ -z "$(ls "$1".tmp* 2>/dev/null)" ]; }

"$ING" -o "$T/in.bars" "$AGG" "$SD/BTCUSDT-metrics-2024-03-04.zip" 2> /dev/null
"$EST" -o "$T/ref.grid" "$T/in.bars" 2> /dev/null
"$ING" -o "$T/day.bars" "$AGG" 2> /dev/null
size=$(wc -c < "$T/in.bars")
head -c $((size / 2)) "$T/in.bars" > "$T/cut.bars"

# ------------------------------------------- 1. -o through a symlink
mkdir "$T/grids"
echo old > "$T/grids/x.grid"
ln -s grids/x.grid "$T/latest.grid"
fails 1 'truncated' "-o through a symlink, a failed run: exit 1" \
	"$EST" -o "$T/latest.grid" "$T/cut.bars"
check "... the file the link names is left as it was" sh -c "[ \"\$(cat $T/grids/x.grid)\" = old ]"
check "... and no temporary beside it" notmp "$T/grids/x.grid"
# a run that fails in the middle of its input (a bad row at line 20001)
{ unzip -p "$AGG" | head -20000; echo "1,abc,1,1,1,1,1,true"; } > "$T/bad.csv"
echo old > "$T/grids/x.bars"
ln -s grids/x.bars "$T/latest.bars"
fails 1 'bad.csv:20001' "-o through a symlink, a run failing at row 20001: exit 1" \
	"$ING" --symbol BTCUSDT -o "$T/latest.bars" "$T/bad.csv"
check "... the file the link names is left as it was (not half-written)" sh -c "[ \"\$(cat $T/grids/x.bars)\" = old ]"
ln -s grids/none.bars "$T/dangling.bars"
fails 1 'bad.csv:20001' "-o through a dangling symlink, the same run: exit 1" \
	"$ING" --symbol BTCUSDT -o "$T/dangling.bars" "$T/bad.csv"
check "... no file made under the name the link names, no temporary" sh -c "[ -z \"\$(ls $T/grids | grep none)\" ]"
ino=$(stat -c %i "$T/grids/x.grid")
check "-o through a symlink: exit 0" "$EST" -o "$T/latest.grid" "$T/in.bars"
check "... the link is still a link to the same name" sh -c "[ -L $T/latest.grid ] && [ \"\$(readlink $T/latest.grid)\" = grids/x.grid ]"
check "... the file it names holds the grid" same "$T/grids/x.grid" "$T/ref.grid"
check "... replaced by a rename (a new inode), never rewritten in place, so two runs cannot interleave" \
	sh -c "[ \"\$(stat -c %i $T/grids/x.grid)\" != $ino ]"
ln -s grids/new.grid "$T/dangling.grid"
fails 1 'truncated' "-o through a dangling symlink, a failed run: exit 1" \
	"$EST" -o "$T/dangling.grid" "$T/cut.bars"
check "... no file made under the name the link names" sh -c "[ ! -e $T/grids/new.grid ] && [ -z \"\$(ls $T/grids | grep new)\" ]"
check "-o through a dangling symlink: exit 0" "$EST" -o "$T/dangling.grid" "$T/in.bars"
check "... the link stays" test -L "$T/dangling.grid"
check "... its file is the grid" same "$T/grids/new.grid" "$T/ref.grid"
ln -s "$T/latest.grid" "$T/chain.grid"
echo old > "$T/grids/x.grid"
check "-o through a chain of two links (absolute, relative)" sh -c "$EST -o $T/chain.grid $T/in.bars && [ -L $T/chain.grid ] && [ -L $T/latest.grid ]"
check "... the file at the end of the chain is the grid" same "$T/grids/x.grid" "$T/ref.grid"
# while a run is on, the file under the link keeps its old contents
echo old > "$T/grids/y.bars"
ln -s grids/y.bars "$T/y.bars"
rm -f "$T/fifo"; mkfifo "$T/fifo"
"$ING" --symbol BTCUSDT -o "$T/y.bars" "$T/fifo" 2> /dev/null &
pid=$!
exec 9> "$T/fifo"
unzip -p "$AGG" | head -3000 >&9
i=0
while notmp "$T/grids/y.bars" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
check "during a run through a symlink, the temporary is beside the file it names" sh -c "ls $T/grids/y.bars.tmp* >/dev/null 2>&1"
check "... and the file is not truncated while the run is on" sh -c "[ \"\$(cat $T/grids/y.bars)\" = old ]"
kill -TERM "$pid" 2> /dev/null
exec 9>&-
wait "$pid" 2> /dev/null
check "... killed: the file as it was, the link a link, no temporary" sh -c "[ \"\$(cat $T/grids/y.bars)\" = old ] && [ -L $T/y.bars ] && [ -z \"\$(ls $T/grids | grep tmp)\" ]"
# devices and pipes are still written in place
check "-o /dev/null: exit 0" "$EST" -o /dev/null "$T/in.bars"
"$EST" -o /dev/stdout "$T/in.bars" | cat > "$T/pipe.grid"
check "-o /dev/stdout on a pipe: the grid" same "$T/pipe.grid" "$T/ref.grid"
"$EST" -o /dev/stdout "$T/in.bars" > "$T/redir.grid"
check "-o /dev/stdout on a file: written in place into it" same "$T/redir.grid" "$T/ref.grid"

# ------------------------------------------- 2. an output that is an input
cp "$AGG" "$T/X.zip"
fails 2 'is the input' "liq-ingest -o X.zip X.zip: exit 2" "$ING" -o "$T/X.zip" "$T/X.zip"
check "... X.zip left as it was" cmp "$T/X.zip" "$AGG"
ln -s X.zip "$T/L.zip"
fails 2 'is the input' "liq-ingest -o LINK X.zip (the link names the input): exit 2" "$ING" -o "$T/L.zip" "$T/X.zip"
check "... X.zip left as it was" cmp "$T/X.zip" "$AGG"
fails 2 'is the input' "liq-ingest -o X.zip ./dir/../X.zip (another spelling): exit 2" \
	"$ING" -o "$T/X.zip" "$T/grids/../X.zip"
mkdir "$T/glob"
cp "$AGG" "$T/glob/BTCUSDT-aggTrades-2024-03-04.zip"
cp "$AGG" "$T/glob/-oBTCUSDT-aggTrades-2024-03-04.zip"
fails 2 'is the input' "a file named -oNAME.zip in a glob names an input as -o: exit 2" \
	sh -c "cd $T/glob && $ABIN/liq-ingest *.zip"
check "... the input left as it was" cmp "$T/glob/BTCUSDT-aggTrades-2024-03-04.zip" "$AGG"
check "... and with -- before the glob (as the man page says) it is an input" \
	sh -c "cd $T/glob && $ABIN/liq-ingest --symbol BTCUSDT -o ../glob.bars -- -oBTCUSDT-aggTrades-2024-03-04.zip"
check "... read as the day's trades" same "$T/glob.bars" "$T/day.bars"
cp "$T/in.bars" "$T/b.bars"
fails 2 'is the input' "liq-cat -o b.bars b.bars: exit 2" "$BIN/liq-cat" -o "$T/b.bars" "$T/b.bars"
fails 2 'is the input' "liq-cat -o b.bars < b.bars (standard input): exit 2" sh -c "$BIN/liq-cat -o $T/b.bars < $T/b.bars"
fails 2 'is the input' "liq-estimate -o b.bars b.bars: exit 2" "$EST" -o "$T/b.bars" "$T/b.bars"
fails 2 'is the input' "liq-estimate --series b.bars b.bars: exit 2" "$EST" --series "$T/b.bars" -o /dev/null "$T/b.bars"
check "... b.bars left as it was" cmp "$T/b.bars" "$T/in.bars"
cp "$T/ref.grid" "$T/g.grid"
fails 2 'is the input' "liq-cluster -o g.grid g.grid: exit 2" "$BIN/liq-cluster" -o "$T/g.grid" "$T/g.grid"
fails 2 'is the input' "liq-render-ppm -o g.grid g.grid: exit 2" "$BIN/liq-render-ppm" -o "$T/g.grid" "$T/g.grid"
check "... g.grid left as it was" cmp "$T/g.grid" "$T/ref.grid"

# ------------------------------------------- 3. two outputs that are one file
fails 2 'one file' "--series F -o F: exit 2" "$EST" --series "$T/F" -o "$T/F" "$T/in.bars"
check "... nothing made" sh -c "[ ! -e $T/F ] && [ -z \"\$(ls $T | grep '^F')\" ]"
fails 2 'one file' "--series F --ledger F: exit 2" "$EST" -o /dev/null --series "$T/F" --ledger "$T/F" "$T/in.bars"
fails 2 'one file' "--series F --ledger DIR/../F (a new file, two spellings): exit 2" \
	"$EST" -o /dev/null --series "$T/F" --ledger "$T/grids/../F" "$T/in.bars"
echo x > "$T/F"
ln -s F "$T/FL"
fails 2 'one file' "--series F --ledger LINK-TO-F: exit 2" "$EST" -o /dev/null --series "$T/F" --ledger "$T/FL" "$T/in.bars"
fails 2 'standard output' "-o - --series -: exit 2" "$EST" -o - --series - "$T/in.bars"
fails 2 'standard output' "--series - without -o (the grid on stdout too): exit 2" "$EST" --series - "$T/in.bars"
fails 2 'standard output' "--series - --ledger -: exit 2" "$EST" -o /dev/null --series - --ledger - "$T/in.bars"
"$EST" -o "$T/so.grid" --series - --ledger - "$T/in.bars" > /dev/null 2>&1
check "--series - --ledger -: no -o file and no temporary one left" sh -c "[ ! -e $T/so.grid ] && [ -z \"\$(ls $T | grep so.grid)\" ]"
check "a grid converted: --series - alone is the only stdout output (exit 0)" sh -c "$EST --series - $T/ref.grid | head -1 | grep -q '^time,open'"
check "... F left as it was" sh -c "[ \"\$(cat $T/F)\" = x ]"
check "--series /dev/null --ledger /dev/null (a device twice): exit 0" \
	"$EST" -o /dev/null --series /dev/null --ledger /dev/null "$T/in.bars"

# ------------------------------------------- 4. mode and hard links
cp "$T/ref.grid" "$T/ro.grid"; chmod 444 "$T/ro.grid"
check "-o onto a read-only file: exit 0" "$EST" -o "$T/ro.grid" "$T/in.bars"
check "... the new file keeps mode 444" sh -c "[ \"\$(stat -c %a $T/ro.grid)\" = 444 ]"
echo old > "$T/p.csv"; chmod 600 "$T/p.csv"
check "-o onto a file of mode 600: exit 0" "$EST" --csv -o "$T/p.csv" "$T/in.bars"
check "... the new file keeps mode 600 (not the umask's 644)" sh -c "[ \"\$(stat -c %a $T/p.csv)\" = 600 ] && [ \"\$(head -c 3 $T/p.csv)\" != old ]"
check "-o onto a new file: mode 666 less the umask (644)" sh -c "$EST -o $T/new.grid $T/in.bars && [ \"\$(stat -c %a $T/new.grid)\" = 644 ]"
echo old > "$T/h1.grid"; ln "$T/h1.grid" "$T/h2.grid"
fails 2 'other hard link.*would keep the old contents' "-o onto a file with another hard link: exit 2, why" \
	"$EST" -o "$T/h1.grid" "$T/in.bars"
check "... both names left as they were" sh -c "[ \"\$(cat $T/h1.grid)\" = old ] && [ \"\$(cat $T/h2.grid)\" = old ]"
fails 2 'other hard link' "... the same for --series" "$EST" -o /dev/null --series "$T/h2.grid" "$T/in.bars"
cp "$T/day.bars" "$T/ap.bars"; ln "$T/ap.bars" "$T/ap2.bars"
check "--append onto a file with another hard link (written at its end, not replaced): exit 0" \
	"$ING" --append -o "$T/ap.bars" "$SD/BTCUSDT-aggTrades-2024-03-05.zip"
check "... both names see the appended bars" sh -c "[ \$(wc -c < $T/ap2.bars) -gt \$(wc -c < $T/day.bars) ]"
fails 2 'is the input' "--append -o F F: exit 2" "$ING" --append -o "$T/ap.bars" "$T/ap.bars"

# ------------------------------------------- 5. pipes and signals
"$EST" -o "$T/y.grid" --series - "$T/in.bars" 2> "$T/pipe.err" | head -1 > /dev/null
check "--series - | head -1: no temporary -o file left" sh -c "[ -z \"\$(ls $T | grep 'y.grid.tmp')\" ]"
check "... no -o file made (the run ended early)" sh -c "[ ! -e $T/y.grid ]"
check "... quiet" sh -c "[ ! -s $T/pipe.err ]"
sh -c "trap '' PIPE; $EST -o $T/z.grid --series - $T/in.bars 2> $T/epipe.err; echo \$? > $T/epipe.rc" | head -1 > /dev/null
check "SIGPIPE ignored, --series - | head -1 (EPIPE): exit 1, quiet" sh -c "[ \"\$(cat $T/epipe.rc)\" = 1 ] && [ ! -s $T/epipe.err ]"
check "... no temporary -o file left, no -o file made" sh -c "[ -z \"\$(ls $T | grep 'z.grid')\" ]"

# sigrun SIG OUT: liq-ingest -o OUT reads a fifo kept open; the temporary
# must exist before the signal, the program die of it, nothing be left
sigrun() {
	sig=$1 out=$2
	rm -f "$T/fifo"; mkfifo "$T/fifo"
	"$ING" --symbol BTCUSDT -o "$out" "$T/fifo" 2> /dev/null &
	pid=$!
	exec 9> "$T/fifo"
	unzip -p "$AGG" | head -3000 >&9
	i=0
	while notmp "$out" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	notmp "$out"; had=$?
	kill -"$sig" "$pid" 2> /dev/null
	exec 9>&-
	wait "$pid" 2> /dev/null
	rc=$?
	[ "$had" -ne 0 ] && [ "$rc" -gt 128 ] && ! ls "$out"* > /dev/null 2>&1
}
for sig in PIPE XFSZ XCPU USR1 USR2 ALRM VTALRM PROF; do
	check "SIG$sig during -o FILE: killed by it, neither file nor temporary left" sigrun $sig "$T/sig$sig.bars"
done
# a signal ignored when the program starts (nohup) stays ignored
rm -f "$T/fifo"; mkfifo "$T/fifo"
sh -c "trap '' HUP; exec $ING --symbol BTCUSDT -o $T/nohup.bars $T/fifo" 2> /dev/null &
pid=$!
exec 9> "$T/fifo"
unzip -p "$AGG" | head -3000 >&9
i=0
while notmp "$T/nohup.bars" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -HUP "$pid" 2> /dev/null
sleep 0.2
exec 9>&-
wait "$pid" 2> /dev/null
rc=$?
check "SIGHUP ignored at start (nohup): the run goes on and ends with its file" sh -c "[ $rc -eq 0 ] && [ -s $T/nohup.bars ]"

# ------------------------------------------- empty names, write errors
fails 2 'empty file name' "-o '': exit 2 before any work" "$EST" -o '' "$T/in.bars"
fails 2 'empty file name' "--series '': exit 2" "$EST" -o /dev/null --series '' "$T/in.bars"
fails 2 'empty file name' "liq-ingest -o '': exit 2" "$ING" -o '' "$AGG"
fails 1 '/dev/full: write error (--series)' "--series /dev/full: the error names /dev/full" \
	"$EST" -o "$T/w.grid" --series /dev/full "$T/in.bars"
check "... not the -o file, which is not made" sh -c "! grep -q w.grid $T/fe && [ ! -e $T/w.grid ]"
fails 1 '/dev/full: write error (--ledger)' "--ledger /dev/full: the error names /dev/full" \
	"$EST" -o "$T/w.grid" --ledger /dev/full "$T/in.bars"
fails 1 '/dev/full: write error' "-o /dev/full: the error names /dev/full" \
	"$EST" -o /dev/full "$T/in.bars"

echo "# outputs: $n tests, $fail failed"
[ "$fail" -eq 0 ]
