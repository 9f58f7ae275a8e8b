#!/bin/sh
# deps.sh - find (and, as root, install) what liq needs to build and test,
# then print the make variables for build/config.mk.
#   sh mk/deps.sh [check]     "check" also wants python3 for the tests
# Exits 1 with the exact command to run when something is missing and we
# are not root.
set -u
CC=${CC:-cc}
want=${1:-build}
missing=""

have_header() {	# have_header HEADER LIB
	printf '#include <%s>\nint main(void){return 0;}\n' "$1" |
	    $CC -x c - $2 -o /dev/null >/dev/null 2>&1
}

have_header csv.h -lcsv || missing="$missing libcsv-dev"
have_header zlib.h -lz || missing="$missing zlib1g-dev"
have_header isa-l/igzip_lib.h -lisal || optional="libisal-dev"
if [ "$want" = check ]; then
	command -v python3 >/dev/null 2>&1 || missing="$missing python3"
	command -v unzip >/dev/null 2>&1 || missing="$missing unzip"
	command -v gzip >/dev/null 2>&1 || missing="$missing gzip"
fi
if [ -n "$missing" ] || [ -n "${optional:-}" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "deps: installing$missing ${optional:-}" >&2
		export DEBIAN_FRONTEND=noninteractive
		{ apt-get install -y --no-install-recommends $missing ${optional:-} ||
		  { apt-get update && apt-get install -y --no-install-recommends \
		    $missing ${optional:-}; }; } >&2 ||
		  { [ -z "$missing" ] || { echo "deps: apt-get failed" >&2; exit 1; }; }
	elif [ -n "$missing" ]; then
		echo "liq needs:$missing" >&2
		echo "run: sudo apt-get install$missing" >&2
		exit 1
	else
		echo "deps: building without ISA-L (zlib inflate);" \
		    "for faster inflate: sudo apt-get install libisal-dev" >&2
	fi
fi
if have_header isa-l/igzip_lib.h -lisal; then
	echo "HAVE_ISAL = 1"
else
	echo "HAVE_ISAL ="
fi
