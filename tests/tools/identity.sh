#!/bin/sh
# identity.sh - run every command of tests/golden/identity.cmds and print
# "NAME SHA256-OF-STDOUT SHA256-OF-STDERR EXIT" per line, the form of
# tests/golden/identity.sha256.  Commands run in a scratch directory with
# the programs on PATH and S, D linked to the sample and shared data, so
# the command lines recorded in the outputs are the same on every machine.
#   sh tests/tools/identity.sh BINDIR [SHARED]     (from the repository top)
set -u
BIN=$(cd "$1" && pwd)
D=$(cd "${2:-../shared/data}" && pwd)
CMDS=$(pwd)/tests/golden/identity.cmds
S=$(pwd)/sample-data
T=$(mktemp -d /tmp/liq-identity.XXXXXX)
trap 'rm -rf "$T"' EXIT
ln -s "$S" "$T/S"
ln -s "$D" "$T/D"
PATH=$BIN:$PATH
export PATH
tab=$(printf '\t')
cd "$T" || exit 1
grep -v '^#' "$CMDS" | while IFS="$tab" read -r name cmd; do
	[ -n "$name" ] || continue
	T=. S=S D=D sh -c "$cmd" > "$name" 2> "$name.err" < /dev/null
	rc=$?
	echo "$name $(sha256sum < "$name" | cut -c1-64)" \
	    "$(sha256sum < "$name.err" | cut -c1-64) $rc"
done
