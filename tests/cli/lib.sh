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
