#!/bin/sh
# fuzz.sh: build the libFuzzer targets (tests/fuzz-*.c) with clang and run each for a while.
# Usage: tests/fuzz.sh [SECONDS]   (from a configured build directory; default 60 s a target)
# Seeds come from data/ and tests/annex/; findings are left in ./fuzz-out/.
set -eu
secs=${1:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
[ -f config.h ] || { echo "fuzz.sh: run it in a configured build directory (config.h not found)" >&2; exit 1; }
command -v clang >/dev/null || { echo "fuzz.sh: clang is not installed (apt-get install clang)" >&2; exit 1; }
mkdir -p fuzz-out
flags="-g -O1 -fsanitize=fuzzer,address,undefined -I$src/src -I."
clang $flags "$src/tests/fuzz-text.c" "$src/src/text.c" -o fuzz-out/fuzz-text
# The framework parser needs text.c and the built-in data for catalog functions it links.
clang $flags "$src/tests/fuzz-framework.c" "$src/src/framework.c" "$src/src/text.c" \
    src/builtin-data.c -o fuzz-out/fuzz-framework
for t in text framework; do
	mkdir -p "fuzz-out/corpus-$t"
	cp "$src"/data/*.txt "$src"/tests/annex/*.txt "fuzz-out/corpus-$t/" 2>/dev/null || true
	echo "fuzz.sh: fuzz-$t for $secs s"
	(cd fuzz-out && "./fuzz-$t" -max_total_time="$secs" -max_len=65536 "corpus-$t" >"fuzz-$t.log" 2>&1) ||
	    { tail -n 40 "fuzz-out/fuzz-$t.log"; exit 1; }
	tail -n 1 "fuzz-out/fuzz-$t.log"
done
