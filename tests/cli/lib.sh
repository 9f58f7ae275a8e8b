# lib.sh - helpers shared by the command-line test scripts (sourced).
# Needs T (a scratch directory).  Prints TAP-style lines and counts
# failures in $fail.
n=0
fail=0
cases=0		# commands run through fails, for scripts that report it
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESC CMD...: passes when CMD exits 0 (its output shown on failure)
check() {
	d=$1; shift
	if "$@" >"$T/out" 2>&1; then ok "$d"; else notok "$d"; sed 's/^/# /' "$T/out" | head -20; fi
}
# fails CODE PATTERN DESC CMD...: CMD must exit CODE, with PATTERN on stderr
fails() {
	code=$1 pat=$2 d=$3; shift 3
	cases=$((cases + 1))
	"$@" >"$T/fo" 2>"$T/fe"
	rc=$?
	if [ "$rc" -eq "$code" ] && grep -q -- "$pat" "$T/fe"; then
		ok "$d"
	else
		notok "$d"
		echo "# exit $rc (want $code); stderr:"; sed 's/^/#   /' "$T/fe" | head -5
		echo "# wanted pattern: $pat"
	fi
}
# ms_wrappers: in $T/ms, liq-ingest, liq-estimate and liq-cat of $BIN
# writing CSV the way these tests read it: epoch ms times, "NaN" for a
# missing value and exact numbers (--time ms --na NaN [--exact]).  The
# CSV defaults for people (ISO times, empty fields, rounded numbers) are
# tested in csv.sh.  Prints the directory.
ms_wrappers() {
	mkdir -p "$T/ms"
	for p in liq-ingest liq-estimate liq-cat; do
		x=" --exact"
		[ "$p" = liq-ingest ] && x=""
		printf '#!/bin/sh\nexec "%s/%s" --time ms --na NaN%s "$@"\n' \
		    "$(cd "$BIN" && pwd)" "$p" "$x" > "$T/ms/$p"
		chmod +x "$T/ms/$p"
	done
	echo "$T/ms"
}
