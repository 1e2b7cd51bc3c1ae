#!/bin/sh
# creation-kill.sh: kill -9 at moments spread over the creation of new workbooks; the next
# start of each leaves no .NAME.new-XXXXXX file behind and a sound workbook (TAP; issue 12).
: "${CIIPWB:=../src/ciipwb}"
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 (the client) is not installed"; exit 0; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
rounds=${CREATION_ROUNDS:-30}
echo "1..3"
i=1
while [ "$i" -le "$rounds" ]; do
	HOME=$tmp TERM=xterm "$CIIPWB" --script /dev/null "$tmp/w$i.ciipwb" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk "BEGIN { print $i * 0.003 }")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	i=$((i + 1))
done
left=$(find "$tmp" -maxdepth 1 -name '.w*.ciipwb.new-*' | wc -l)
echo "# $left temporary files left by $rounds creations killed at moments from 3 ms apart"
i=1
while [ "$i" -le "$rounds" ]; do
	HOME=$tmp TERM=xterm "$CIIPWB" --script /dev/null "$tmp/w$i.ciipwb" >/dev/null 2>&1
	i=$((i + 1))
done
after=$(find "$tmp" -maxdepth 1 -name '.w*.ciipwb.new-*' | wc -l)
if [ "$after" -eq 0 ]; then
	echo "ok 1 - the next start of each removed its stale temporary files ($left before)"
else
	echo "not ok 1 - $after temporary files are still there"
	find "$tmp" -maxdepth 1 -name '.w*.ciipwb.new-*' | sed 's/^/# /'
fi
bad=0
i=1
while [ "$i" -le "$rounds" ]; do
	[ "$(sqlite3 "$tmp/w$i.ciipwb" 'PRAGMA integrity_check' 2>&1)" = ok ] || bad=$((bad + 1))
	i=$((i + 1))
done
if [ "$bad" -eq 0 ]; then ok=ok; else ok="not ok"; fi
echo "$ok 2 - every workbook is sound ($bad not)"
# Each start opens the workbook it names: a complete one, never a half-made one.
n=$(sqlite3 "$tmp/w1.ciipwb" 'PRAGMA application_id')
if [ "$n" = 1128879938 ]; then
	echo "ok 3 - the workbook is a ciipwb workbook"
else
	echo "not ok 3 - the workbook's application id is '$n'"
fi
