#!/bin/sh
# bench.sh - make bench: see tests/bench/bench.py.
exec python3 tests/bench/bench.py "${1:-bin}" "${2:-build}"
