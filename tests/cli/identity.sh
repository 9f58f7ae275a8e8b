#!/bin/sh
# identity.sh - every output of every program (stdout, stderr and exit
# status of the commands in tests/golden/identity.cmds, over the sample
# data and the real files in ../shared/data/) is byte-identical to the
# pinned checksums in tests/golden/identity.sha256.  A refactoring must
# not change one byte; a change on purpose regenerates them with
# UPDATE_GOLDEN=1 and says why in its commit.
#   sh tests/cli/identity.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
SHARED=${LIQ_SHARED:-../shared/data}
T=$(mktemp -d /tmp/liq-cli-identity.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
G=tests/golden/identity.sha256
if [ ! -d "$SHARED/binance" ]; then
	skip "outputs byte-identical to $G" "no $SHARED"
	exit 0
fi
sh tests/tools/identity.sh "$BIN" "$SHARED" > "$T/sums"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
	cp "$T/sums" "$G"
	echo "# golden $G rewritten"
fi
while read -r name out errs rc; do
	line=$(grep "^$name " "$T/sums")
	if [ "$line" = "$name $out $errs $rc" ]; then
		ok "identical: $name"
	else
		notok "identical: $name (want $out $errs $rc, got ${line#$name })"
	fi
done < "$G"
echo "# cli-identity: $n tests, $fail failed"
[ "$fail" -eq 0 ]
