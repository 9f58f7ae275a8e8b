#!/bin/sh
# deps.sh - what liq needs to build and test.
#   sh mk/deps.sh config           print the make variables for build/config.mk
#   sh mk/deps.sh need [check]     exit 1, naming the apt-get command to run,
#                                  when something is missing ("check" also
#                                  wants the test tools)
#   sh mk/deps.sh install [check]  the same, but as root with apt-get
#                                  install what is missing first
# Only "make demo", "make check" (the README's two commands) and .ci/run
# install; every other target only checks.
set -u
CC=${CC:-cc}
mode=${1:-config}
want=${2:-build}
missing=""
optional=""

have_header() {	# have_header HEADER LIB
	printf '#include <%s>\nint main(void){return 0;}\n' "$1" |
	    $CC -x c - $2 -o /dev/null >/dev/null 2>&1
}

if [ "$mode" = config ]; then
	if have_header isa-l/igzip_lib.h -lisal; then
		echo "HAVE_ISAL = 1"
	else
		echo "HAVE_ISAL ="
	fi
	exit 0
fi

have_header csv.h -lcsv || missing="$missing libcsv-dev"
have_header zlib.h -lz || missing="$missing zlib1g-dev"
have_header isa-l/igzip_lib.h -lisal || optional="libisal-dev"
if [ "$want" = check ] || [ "$want" = demo ]; then
	command -v python3 >/dev/null 2>&1 || missing="$missing python3"
	command -v unzip >/dev/null 2>&1 || missing="$missing unzip"
	command -v gzip >/dev/null 2>&1 || missing="$missing gzip"
fi
if [ "$want" = check ]; then
	# tests/cli/csv.sh reads liq's CSV with pandas and DuckDB (npm
	# @duckdb/node-api): skipped without them, a failure in CI
	{ python3 -c "import pandas" || /usr/bin/python3 -c "import pandas"; } \
	    >/dev/null 2>&1 || optional="$optional python3-pandas"
	command -v node >/dev/null 2>&1 || optional="$optional nodejs"
	command -v npm >/dev/null 2>&1 || optional="$optional npm"
fi
[ -n "$missing" ] || [ -n "$optional" ] || exit 0
if [ "$mode" = install ] && [ "$(id -u)" = 0 ] &&
    command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing $optional" >&2
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get install -y --no-install-recommends $missing $optional ||
	  { apt-get update && apt-get install -y --no-install-recommends \
	    $missing $optional; }; } >&2 ||
	  { [ -z "$missing" ] || { echo "deps: apt-get failed" >&2; exit 1; }; }
	exit 0
fi
if [ -n "$missing" ]; then
	echo "liq needs:$missing" >&2
	echo "run: sudo apt-get install$missing (or, as root, make check)" >&2
	exit 1
fi
if [ "$mode" = install ]; then
	case $optional in *libisal-dev*)
		echo "deps: building without ISA-L (zlib inflate);" \
		    "for faster inflate: sudo apt-get install libisal-dev" >&2 ;;
	esac
	case $optional in *pandas*|*node*|*npm*)
		echo "deps: the CSV tests with pandas and DuckDB are skipped;" \
		    "to run them: sudo apt-get install python3-pandas nodejs npm" >&2 ;;
	esac
fi
exit 0
