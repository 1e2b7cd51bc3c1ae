#!/bin/sh
# man-lint.sh: both man pages are clean under mandoc -Tlint (TAP).
echo "1..2"
n=0
for page in ciipwb.1 ciipwb.5; do
	n=$((n + 1))
	if ! command -v mandoc >/dev/null 2>&1; then
		echo "ok $n - man/$page lints clean # SKIP mandoc not installed"
		continue
	fi
	out=$(mandoc -Tlint -W warning "$top_srcdir/man/$page" 2>&1)
	if [ -z "$out" ]; then
		echo "ok $n - man/$page lints clean"
	else
		echo "not ok $n - man/$page lints clean"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
done
