#!/bin/sh
# walkforward.sh - the out-of-sample table of man/liq-estimate.1
# (ACCURACY) is what tests/tools/walkforward.py measures now, line for
# line, on the real CoinGlass files; and on every fold and side the
# default model beats the naive baseline by 0.05 in Spearman rho and has
# a larger top-10 % share.
#   sh tests/cli/walkforward.sh BINDIR
BIN=${1:-bin}
T=$(mktemp -d /tmp/liq-wf.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
SHARED=${LIQ_SHARED:-../shared/data}
H=$SHARED/coinglass/coinglass_BTC_liq_oi_1h_2025-12-04_2026-03-31.csv
M=$SHARED/coinglass/coinglass_BTC_liq_oi_30m_2026-05-21_05-30.csv
if [ -f "$H" ] && [ -f "$M" ]; then
	python3 tests/tools/walkforward.py "$BIN" "$H" "$M" > "$T/now.txt" 2> "$T/err"
	check "walkforward.py runs on the real files" sh -c "[ -s '$T/now.txt' ] && ! [ -s '$T/err' ] || { cat '$T/err'; exit 1; }"
	# the table in the man page, between its two marker comments
	sed -n '/^\.\\" walkforward table$/,/^\.\\" end of walkforward table$/p' \
		man/liq-estimate.1 | sed '1,2d;$d' | sed '$d' > "$T/man.txt"
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		echo "# UPDATE_GOLDEN=1: paste this table into man/liq-estimate.1:"
		sed 's/^/# /' "$T/now.txt"
	fi
	check "man/liq-estimate.1's walk-forward table = walkforward.py's output" \
		diff -u "$T/man.txt" "$T/now.txt"
	check "every fold and side: the default's rho >= naive + 0.05, its top-10 % share above naive's" \
		python3 - "$T/now.txt" <<'EOF'
import sys
rows = [l.split() for l in open(sys.argv[1])][1:]
bad = []
for r in rows:
    # fold side bars, rho: model default naive classic, top-10 %: the
    # same four, oracle, k
    rho_def, rho_naive = float(r[4]), float(r[5])
    top_def, top_naive = float(r[8]), float(r[9])
    if not (rho_def >= rho_naive + 0.05 and top_def > top_naive):
        bad.append(" ".join(r))
print("\n".join(bad))
sys.exit(1 if bad or len(rows) != 10 else 0)
EOF
else
	skip "the walk-forward table" "no $H or $M"
fi
echo "# walkforward: $n tests, $fail failed"
[ "$fail" -eq 0 ]
