#!/bin/sh
# help.sh - what -h and --help print (cmd/prog.c prog_help, the tables of
# cmd/help.c): for every program the synopsis first, the same the usage
# error prints (alone, on stderr, exit 2), then one line per option of
# the program's getopt table, each long option on exactly one line, with
# its short form when it has one and its default in parentheses (not
# --help and --version, which are actions); no line wider than 80
# columns.  The options are read from the source's struct option table,
# so an option added without help fails here.
#   sh tests/cli/help.sh BINDIR     (from the top of the repository)
set -u
BIN=${1:-bin}
T=$(mktemp -d /tmp/liq-help.XXXXXX)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh

for c in cmd/liq-*.c; do
	p=$(basename "$c" .c)
	"$BIN/$p" --help > "$T/h" 2> "$T/he"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/he" ] && head -1 "$T/h" | grep -q "^usage: $p "; then
		ok "$p --help: exit 0, on stdout, the usage first"
	else
		notok "$p --help: exit $rc, stderr: $(head -3 "$T/he")"
		continue
	fi
	"$BIN/$p" -h > "$T/h1" 2>&1
	check "$p -h prints the same as --help" cmp "$T/h" "$T/h1"

	# the synopsis: up to the first blank line; a usage error prints it
	# alone (after getopt's complaint), exit 2
	sed '/^$/,$d' "$T/h" > "$T/syn"
	sed '1,/^$/d' "$T/h" > "$T/opts"
	"$BIN/$p" --no-such-option > "$T/uo" 2> "$T/ue"
	rc=$?
	sed -n '/^usage: /,$p' "$T/ue" > "$T/ue2"
	if [ "$rc" -eq 2 ] && [ ! -s "$T/uo" ] && cmp -s "$T/syn" "$T/ue2"; then
		ok "$p: a usage error prints only the synopsis --help starts with, exit 2"
	else
		notok "$p: a usage error: exit $rc"
		diff -u "$T/syn" "$T/ue2" | sed 's/^/# /' | head -20
	fi

	# the long options of the getopt table, with the short letter if any
	sed -n 's/^[[:space:]]*{ "\([a-z0-9-]*\)", [a-z_]*_argument, NULL, \([^ ]*\) },.*/\1 \2/p' \
	    "$c" > "$T/longs"
	if [ "$(wc -l < "$T/longs")" -ge 5 ] && grep -q '^help ' "$T/longs"; then
		ok "$p: the options read from $c ($(wc -l < "$T/longs"))"
	else
		notok "$p: no getopt table read from $c"
	fi
	bad=""
	while read -r name val; do
		lines=$(grep -E -c -- "^  (-[A-Za-z], )?--$name( |\$)" "$T/opts")
		line=$(grep -E -- "^  (-[A-Za-z], )?--$name( |\$)" "$T/opts" | head -1)
		case $val in
		\'?\') short=$(echo "$val" | tr -d "'")
			case $line in "  -$short, --$name"*) ;;
			*) bad="$bad --$name: not as -$short, --$name;" ;; esac ;;
		esac
		if [ "$lines" -ne 1 ]; then
			bad="$bad --$name: on $lines lines;"
		elif [ "$name" != help ] && [ "$name" != version ] &&
		    ! echo "$line" | grep -q ' ([^()]*)$'; then
			bad="$bad --$name: no (default);"
		fi
	done < "$T/longs"
	if [ -z "$bad" ]; then
		ok "$p --help: each option of the getopt table once, with its default"
	else
		notok "$p --help:$bad"
	fi
	# and nothing else: every line names an option of the table
	sed -n 's/^  \(-[A-Za-z], \)\{0,1\}--\([a-z0-9-]*\).*/\2/p' "$T/opts" | sort > "$T/named"
	cut -d' ' -f1 "$T/longs" | sort > "$T/want"
	if [ "$(wc -l < "$T/opts")" -eq "$(wc -l < "$T/named")" ] &&
	    cmp -s "$T/named" "$T/want"; then
		ok "$p --help: no line but the options of the getopt table"
	else
		notok "$p --help: lines that are not an option of the table"
		diff -u "$T/want" "$T/named" | sed 's/^/# /' | head -10
	fi
	if awk 'length($0) > 80 { print; bad = 1 } END { exit bad }' "$T/h" > "$T/wide"; then
		ok "$p --help: no line wider than 80 columns"
	else
		notok "$p --help: lines wider than 80 columns"
		sed 's/^/# /' "$T/wide"
	fi
	fails 1 'stdout' "$p --help to a full device: exit 1" \
		sh -c "'$BIN/$p' --help > /dev/full"
done

echo "# cli-help: $n tests, $fail failed"
[ "$fail" -eq 0 ]
