#!/bin/sh
# embed.sh NAME FILE > OUT.c - the lines of a text data file as a C array
# of strings NAME, NULL terminated, comment (#) and empty lines left out,
# so that the library carries the data and a program needs no data path.
# Used by the Makefile for lib/brackets/binance-usdm.txt
# (lib/brackets_int.h); plain sh and awk, nothing else at build time.
set -e
[ $# -eq 2 ] || { echo "usage: embed.sh NAME FILE" >&2; exit 2; }
awk -v name="$1" -v file="$2" '
BEGIN {
	print "/* Made by mk/embed.sh from " file "; do not edit. */"
	print "#include <stddef.h>"
	print "#include \"brackets_int.h\""
	print ""
	print "const char *const " name "[] = {"
}
/^#/ || /^[ \t]*$/ { next }
{
	gsub(/\\/, "\\\\")
	gsub(/"/, "\\\"")
	print "\t\"" $0 "\","
}
END {
	print "\tNULL"
	print "};"
}' "$2"
