#!/bin/sh
# fuzz.sh: build the libFuzzer targets (tests/fuzz-*.c) with clang and run each for a while.
# Usage: tests/fuzz.sh [SECONDS]   (from a configured build directory, as `make fuzz` runs it
# after `./configure --enable-fuzzing`; default 60 s a target). Seed corpora: the built-in and
# test framework files, demo and hostile workbooks, a few dates. Findings are left in
# ./fuzz-out/; the last line of each target's run is printed, then a summary line.
set -u
secs=${1:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
cc=${FUZZ_CC:-clang}
ciipwb=${CIIPWB:-src/ciipwb}
[ -f config.h ] || { echo "fuzz.sh: run it in a configured build directory (config.h not found)" >&2; exit 1; }
command -v "$cc" >/dev/null || { echo "fuzz.sh: clang is not installed (apt-get install clang)" >&2; exit 1; }
[ -f src/builtin-data.c ] || { echo "fuzz.sh: src/builtin-data.c is missing; run make first" >&2; exit 1; }
mkdir -p fuzz-out
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$src/src -I. -Isrc"
sqlite_libs=${SQLITE3_LIBS:--lsqlite3}
wb_srcs=$(ls "$src"/src/wb*.c)
set -e
"$cc" $flags "$src/tests/fuzz-text.c" "$src/src/text.c" -o fuzz-out/fuzz-text
"$cc" $flags "$src/tests/fuzz-framework.c" "$src/src/framework.c" "$src/src/text.c" \
    src/builtin-data.c -o fuzz-out/fuzz-framework
"$cc" $flags "$src/tests/fuzz-date.c" "$src/src/datespec.c" "$src/src/text.c" "$src/src/util.c" \
    -o fuzz-out/fuzz-date
# shellcheck disable=SC2086 # lists of words
"$cc" $flags -pthread "$src/tests/fuzz-open.c" $wb_srcs "$src/src/bpipe.c" "$src/src/text.c" \
    "$src/src/util.c" $sqlite_libs -o fuzz-out/fuzz-open
set +e

# Seeds.
for t in text framework date open; do mkdir -p "fuzz-out/corpus-$t"; done
cp "$src"/data/*.txt "$src"/tests/annex/*.txt fuzz-out/corpus-framework/ 2>/dev/null
cp "$src"/data/*.txt "$src"/tests/annex/*.txt fuzz-out/corpus-text/ 2>/dev/null
i=0
for d in "" 2024-02-29 today tomorrow TODAY +0d +9999d +1m +12w " +3W " 2023-13-01 1999-02-29 +1x; do
	i=$((i + 1))
	printf '\001%s' "$d" >"fuzz-out/corpus-date/seed-$i"
done
if [ -x "$ciipwb" ] && command -v sqlite3 >/dev/null; then
	# Workbooks in the rollback journal mode (an in-memory database cannot read WAL).
	s=fuzz-out/corpus-open
	rm -f "$s"/*.tmp*
	"$ciipwb" demo "$s/demo.tmp" >/dev/null 2>&1 &&
	    sqlite3 "$s/demo.tmp" "PRAGMA journal_mode = DELETE" >/dev/null && mv "$s/demo.tmp" "$s/demo"
	"$ciipwb" --script /dev/null "$s/new.tmp" >/dev/null 2>&1 &&
	    sqlite3 "$s/new.tmp" "PRAGMA journal_mode = DELETE" >/dev/null && mv "$s/new.tmp" "$s/new"
	if [ -f "$s/demo" ]; then
		cp "$s/demo" "$s/trigger.tmp" && sqlite3 "$s/trigger.tmp" "CREATE TRIGGER t AFTER INSERT ON note BEGIN DELETE FROM history; END" && mv "$s/trigger.tmp" "$s/trigger"
		cp "$s/demo" "$s/view.tmp" && sqlite3 "$s/view.tmp" "CREATE VIEW \"$(printf '\033]0;x\007')\" AS SELECT 1" && mv "$s/view.tmp" "$s/view"
		cp "$s/demo" "$s/version.tmp" && sqlite3 "$s/version.tmp" "PRAGMA user_version = -1" && mv "$s/version.tmp" "$s/version"
	fi
	rm -f "$s"/*.tmp*
fi

# One target: its findings and log in fuzz-out/, its result line in fuzz-out/result-T.
fuzz_one() {
	t=$1
	case $t in
	open) max=1048576 ;;
	*) max=65536 ;;
	esac
	if (cd fuzz-out && "./fuzz-$t" -max_total_time="$secs" -max_len="$max" -timeout=20 \
	    -rss_limit_mb=2048 "corpus-$t" >"fuzz-$t.log" 2>&1); then
		runs=$(grep -o 'Done [0-9]* runs' "fuzz-out/fuzz-$t.log" | tail -n 1)
		cov=$(grep -o 'cov: [0-9]*' "fuzz-out/fuzz-$t.log" | tail -n 1)
		echo "ok fuzz-$t: ${runs:-?} in $secs s, $cov edges, no crash" >"fuzz-out/result-$t"
	else
		echo "not ok fuzz-$t: a crash; see fuzz-out/fuzz-$t.log and fuzz-out/crash-*" \
		    >"fuzz-out/result-$t"
	fi
}

# FUZZ_JOBS targets at a time (default 2: each target is one process).
jobs=${FUZZ_JOBS:-2}
rm -f fuzz-out/result-*
n=0
for t in text framework date open; do
	echo "fuzz.sh: fuzz-$t for $secs s"
	fuzz_one "$t" &
	n=$((n + 1))
	[ $((n % jobs)) -eq 0 ] && wait
done
wait
failed=0
for t in text framework date open; do
	if [ -f "fuzz-out/result-$t" ]; then
		cat "fuzz-out/result-$t"
	else
		echo "not ok fuzz-$t: no result (the run did not finish)"
	fi
	if ! grep -q '^ok ' "fuzz-out/result-$t" 2>/dev/null; then
		failed=$((failed + 1))
		tail -n 40 "fuzz-out/fuzz-$t.log" 2>/dev/null
	fi
done
echo "fuzz.sh: 4 targets, $failed failed"
[ "$failed" -eq 0 ]
