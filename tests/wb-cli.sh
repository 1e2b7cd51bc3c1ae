#!/bin/sh
# wb-cli.sh: `ciipwb demo` and `ciipwb check` from the command line: reports, exit status, errors (TAP).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
oneline() { [ "$(wc -l <"$1")" -eq 1 ]; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..12"

"$CIIPWB" demo "$tmp/demo.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "demo writes a workbook and exits 0" \
    '[ $rc -eq 0 ] && [ -f "$tmp/demo.ciipwb" ] && [ ! -s "$tmp/err" ] && grep -q "stakeholders" "$tmp/out"'
check "the new workbook is readable by its owner only (0600)" \
    '[ "$(stat -c %a "$tmp/demo.ciipwb")" = 600 ]'

"$CIIPWB" check "$tmp/demo.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "check of the demo exits 0 with nothing on stderr" '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]'
check "the report names the file, the title and the schema version" \
    'grep -q "demo.ciipwb" "$tmp/out" && grep -q "DEMO — fictional data" "$tmp/out" && grep -q "^Schema version: 7" "$tmp/out"'
check "every check is ok and the result says sound" \
    '! grep -q FAILED "$tmp/out" && [ "$(grep -c "^  ok " "$tmp/out")" -eq 5 ] && grep -q "sound" "$tmp/out"'
check "the report counts stakeholders, notes and actions" \
    'grep -Eq "^  stakeholders +1[0-9]$" "$tmp/out" && grep -Eq "^  notes +[0-9]+$" "$tmp/out" && grep -Eq "^  actions +1[0-9]$" "$tmp/out"'

cp "$tmp/demo.ciipwb" "$tmp/copy" && sum=$(cksum <"$tmp/demo.ciipwb")
"$CIIPWB" demo "$tmp/demo.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "demo onto an existing file exits 1, one line naming it, file untouched" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "demo.ciipwb" "$tmp/err" && [ "$(cksum <"$tmp/demo.ciipwb")" = "$sum" ]'

printf 'hello\nthis is a text file, not a workbook\n' >"$tmp/notes.txt"
"$CIIPWB" check "$tmp/notes.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "check of a text file exits 1 with one line naming it" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "notes.txt" "$tmp/err"'

"$CIIPWB" check "$tmp/missing.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "check of a missing file exits 1 with one line naming it" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "missing.ciipwb" "$tmp/err"'

# Corrupt the copy: overwrite the SQLite header.
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' | dd of="$tmp/copy" conv=notrunc 2>/dev/null
"$CIIPWB" check "$tmp/copy" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "check of a corrupt file exits 1 with one line naming it" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "copy" "$tmp/err"'

# Corrupt pages inside an otherwise valid file: the report says FAILED.
cp "$tmp/demo.ciipwb" "$tmp/inner" && size=$(stat -c %s "$tmp/inner")
dd if=/dev/zero of="$tmp/inner" bs=4096 seek=3 count=4 conv=notrunc 2>/dev/null
"$CIIPWB" check "$tmp/inner" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "check of a damaged workbook exits 1 and names the file on stderr" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "inner" "$tmp/err"'

before=$(stat -c '%s %Y' "$tmp/demo.ciipwb"); sum=$(cksum <"$tmp/demo.ciipwb")
sleep 1
"$CIIPWB" check "$tmp/demo.ciipwb" >/dev/null 2>&1
check "check leaves the file's bytes and mtime as they were" \
    '[ "$(stat -c "%s %Y" "$tmp/demo.ciipwb")" = "$before" ] && [ "$(cksum <"$tmp/demo.ciipwb")" = "$sum" ]'
