#!/bin/sh
# man.sh - the manual pages: every man/*.[157] page lints clean (mandoc
# -T lint at warning level, else groff's warnings, else skipped); no file of
# lib/, cmd/, man/ or README.md points at ../shared or EXCHANGES.md (the
# project's own reference is liq-model(7)); the pages that should name
# liq-model(7) in SEE ALSO do; and every command in the EXAMPLES of
# man/liq-model.7 exits 0, run in a scratch directory beside sample-data/.
#   sh tests/cli/man.sh BINDIR   (from the repository top)
# Prints "ok N - ..." / "not ok N - ..." lines.
set -u
BIN=${1:-bin}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
TOP=$(pwd)
T=$(mktemp -d /tmp/liq-man.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh	# ok, notok, check, skip; counts in $n and $fail

# --- lint
if command -v mandoc >/dev/null 2>&1; then
	for p in man/*.[157]; do
		# STYLE messages (such as pages not installed) are below -W warning
		check "mandoc -T lint: $p" mandoc -T lint -W warning "$p"
	done
elif command -v groff >/dev/null 2>&1; then
	for p in man/*.[157]; do
		# -Wbreak: a literal line too long to break is layout, not markup
		groff -mandoc -Tutf8 -ww -Wbreak -z "$p" >"$T/lint" 2>&1
		if [ -s "$T/lint" ]; then
			notok "groff -ww: $p"
			sed 's/^/# /' "$T/lint" | head -20
		else
			ok "groff -ww: $p"
		fi
	done
else
	skip "lint man pages" "neither mandoc nor groff installed"
fi

# --- no run-time or citation dependency on ../shared
if grep -rIn -e 'EXCHANGES\.md' -e '\.\./shared' lib cmd man README.md \
    >"$T/refs" 2>/dev/null; then
	notok "lib/, cmd/, man/, README.md do not cite ../shared or EXCHANGES.md"
	sed 's/^/# /' "$T/refs" | head -20
else
	ok "lib/, cmd/, man/, README.md do not cite ../shared or EXCHANGES.md"
fi
for p in man/liq.7 man/liq-estimate.1; do
	# the SEE ALSO section, up to the next .Sh
	if awk '/^\.Sh /{ in_sa = ($0 == ".Sh SEE ALSO") } in_sa' "$p" |
	    grep -q '^\.Xr liq-model 7'; then
		ok "$p: SEE ALSO names liq-model(7)"
	else
		notok "$p: SEE ALSO names liq-model(7)"
	fi
done

# --- the EXAMPLES of a page, one command per "$ " line (with its
# \e continuations), mdoc escapes undone; lines of output are skipped
examples() {	# examples PAGE: run every EXAMPLES command of PAGE
pg=$1 name=$(basename "$1")
rm -rf "$T/ex" && mkdir "$T/ex"
awk -v dir="$T/ex" '
function esc(s) {
	gsub(/\\&/, "", s); gsub(/\\-/, "-", s)
	gsub(/\\\(aq/, "\047", s); gsub(/\\\(dq/, "\"", s)
	gsub(/\\e/, "\\", s)
	return s
}
/^\.Sh / { ex = ($0 == ".Sh EXAMPLES"); lit = 0; next }
!ex { next }
/^\.Bd -literal/ { lit = 1; cont = 0; next }
/^\.Ed/ { lit = 0; cont = 0; next }
!lit { next }
{
	line = $0
	if (cont) {
		print esc(line) > f
	} else if (line ~ /^\$ /) {
		f = sprintf("%s/ex%02d.sh", dir, ++k)
		print esc(substr(line, 3)) > f
	} else
		next
	cont = line ~ /\\e$/
	if (!cont)
		close(f)
}
END { print k + 0 > (dir "/count") }
' "$pg"
k=$(cat "$T/ex/count")
if [ "$k" -ge 5 ]; then
	ok "$name: $k EXAMPLES commands found"
else
	notok "$name: $k EXAMPLES commands found (want at least 5)"
fi
mkdir "$T/ex/run"
ln -s "$TOP/sample-data" "$T/ex/run/sample-data"
i=1
while [ "$i" -le "$k" ]; do
	f=$T/ex/$(printf 'ex%02d.sh' "$i")
	# (no backslashes in the name: echo in lib.sh would read them)
	d=$(tr '\n\\' '  ' <"$f" | sed 's/  */ /g' | cut -c1-60)
	check "$name EXAMPLES: $d" \
	    sh -c 'cd "$1/run" && PATH=$2:$PATH sh "$3"' sh "$T/ex" "$BIN" "$f"
	i=$((i + 1))
done
}
# the pages whose examples all run on sample-data/ as written
for pg in man/liq-model.7 man/liq-cat.1; do
	examples "$pg"
done

echo "# man: $n tests, $fail failed"
[ "$fail" -eq 0 ]
