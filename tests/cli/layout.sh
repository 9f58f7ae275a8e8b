#!/bin/sh
# layout.sh - the tree keeps the shape the README's "Layout" promises:
# every header compiles on its own, lib/ never prints or exits, every
# program in cmd/ is under 300 lines and has a man page with EXIT STATUS
# and EXAMPLES, every binary format a section-5 page, and one place
# (lib/detect.c) knows the liq magics.
#   sh tests/cli/layout.sh BINDIR       (from the top of the repository)
set -u
BIN=${1:-bin}
T=$(mktemp -d /tmp/liq-cli-layout.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
CC=${CC:-cc}

for h in lib/*.h lib/*/*.h cmd/*.h; do
	[ -f "$h" ] || continue
	check "$h compiles on its own" $CC -std=c11 -fsyntax-only -Wall \
		-Werror -Ilib -Icmd -x c "$h"
done
# the library reports, the programs print
if grep -n -E '\b(printf|puts|perror|exit|abort|warnx?|errx?)\(|\bstd(err|out)\b' \
    lib/*.c lib/*/*.c | grep -v -E '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)' > "$T/prints"; then
	notok "lib/ never prints or exits"; sed 's/^/# /' "$T/prints" | head
else
	ok "lib/ never prints or exits"
fi
for c in cmd/*.c; do
	l=$(wc -l < "$c")
	if [ "$l" -lt 300 ]; then ok "$c: $l lines (< 300)"; else notok "$c: $l lines (< 300)"; fi
done
for c in cmd/liq-*.c; do
	p=$(basename "$c" .c)
	m=man/$p.1
	check "$p has $m with EXIT STATUS and EXAMPLES" \
		sh -c "grep -q '^\.Sh EXIT STATUS' $m && grep -q '^\.Sh EXAMPLES' $m"
	"$BIN/$p" --help > "$T/usage" 2>&1
	check "$p --help: exit 0 and a usage line naming it" \
		grep -q "^usage: $p" "$T/usage"
done
for f in bars grid; do
	check "the $f format has man/liq-$f.5" test -f man/liq-$f.5
done
if grep -n 'LIQBAR\|LIQGRD\|LIQEND' lib/*.c lib/*/*.c cmd/*.c | grep -v '^lib/detect.c:' > "$T/magic"; then
	notok "only lib/detect.c knows the liq magics"; sed 's/^/# /' "$T/magic"
else
	ok "only lib/detect.c knows the liq magics"
fi
echo "# layout: $n tests, $fail failed"
[ "$fail" -eq 0 ]
