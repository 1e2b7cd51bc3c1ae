#!/bin/sh
# baseline-cli.sh: `ciipwb new --from` last year's demo workbook and `ciipwb diff` (text, JSON, exit
# status like diff(1)) end to end (TAP).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# out: /' "$tmp/out"; sed 's/^/# err: /' "$tmp/err"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
oneline() { [ "$(wc -l <"$1")" -eq 1 ]; }
q() { sqlite3 "$@"; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..12"
old="$tmp/kenya-2026.ciipwb" new="$tmp/kenya-2027.ciipwb"
"$CIIPWB" demo "$old" >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }

"$CIIPWB" new --title "Kenya 2027" --from "$old" "$new" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "new --from exits 0 and says what it carried" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "ratings as the baseline (since 2026)" "$tmp/out"'
check "the stakeholders and roles are carried, notes and actions are not" \
    '[ "$(q "$new" "SELECT count(*) FROM stakeholder")" = "$(q "$old" "SELECT count(*) FROM stakeholder WHERE deleted = 0")" ] &&
     [ "$(q "$new" "SELECT count(*) FROM role")" = "$(q "$old" "SELECT count(*) FROM role WHERE deleted = 0")" ] &&
     [ "$(q "$new" "SELECT count(*) FROM note")" = 0 ] && [ "$(q "$new" "SELECT count(*) FROM action")" = 0 ]'
check "last year's ratings are the baseline; this year's start unrated" \
    '[ "$(q "$new" "SELECT current || \",\" || since FROM baseline_item WHERE ref = '"'"'64/211:1'"'"'")" = "formative,2026" ] &&
     [ "$(q "$new" "SELECT count(*) FROM item WHERE current IS NOT NULL")" = 0 ]'
check "the new workbook is sound" '"$CIIPWB" check "$new" >/dev/null 2>&1'

"$CIIPWB" new --from "$old" --with-notes --with-actions "$tmp/all.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--with-notes and --with-actions carry the notes and actions too" \
    '[ $rc -eq 0 ] && [ "$(q "$tmp/all.ciipwb" "SELECT count(*) FROM note")" = "$(q "$old" "SELECT count(*) FROM note WHERE deleted = 0")" ] &&
     [ "$(q "$tmp/all.ciipwb" "SELECT count(*) FROM action")" = "$(q "$old" "SELECT count(*) FROM action WHERE deleted = 0")" ]'

# The item pane shows the baseline against this year's rating (64/211:1 is 14 lines down).
printf 'key j j j j j j j j j j j j j j\nkey Tab\nassert-screen-contains Formative in 2026; not assessed yet\nkey r\nkey 3\nassert-screen-contains Formative → Established since 2026\n' >"$tmp/pane.script"
CIIPWB_CONFIG=/dev/null "$CIIPWB" --script "$tmp/pane.script" "$new" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "the item pane shows last year's rating, then the change once rated" \
    '[ $rc -eq 0 ] && [ "$(q "$new" "SELECT current FROM item WHERE ref = '"'"'64/211:1'"'"'")" = established ]'

printf 'not a workbook\n' >"$tmp/bad.ciipwb"
"$CIIPWB" new --from "$tmp/bad.ciipwb" "$tmp/x.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "new --from a file that is not a workbook exits 1, names it, leaves no new file" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "bad.ciipwb" "$tmp/err" && [ ! -e "$tmp/x.ciipwb" ]'

cp "$old" "$tmp/same.ciipwb"
"$CIIPWB" diff "$old" "$tmp/same.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "diff of a copy exits 0 and says they hold the same" '[ $rc -eq 0 ] && grep -q "the same" "$tmp/out"'

q "$tmp/same.ciipwb" "UPDATE item SET current = 'dynamic' WHERE ref = '64/211:2'"
"$CIIPWB" diff "$old" "$tmp/same.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "diff after a rating change exits 1 and shows it under its item" \
    '[ $rc -eq 1 ] && [ "$(sed -n 1p "$tmp/out")" = "64/211:2" ] && grep -q "rating changed current: \"start_up\" -> \"dynamic\"" "$tmp/out"'
"$CIIPWB" diff --format json "$old" "$tmp/same.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "diff --format json gives the change as a JSON object" \
    '[ $rc -eq 1 ] && grep -q "\"equal\": false" "$tmp/out" &&
     grep -q "{\"ref\":\"64/211:2\",\"kind\":\"rating\",\"change\":\"changed\",\"key\":\"64/211:2\",\"field\":\"current\",\"before\":\"start_up\",\"after\":\"dynamic\"}" "$tmp/out"'

"$CIIPWB" diff "$old" "$new" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "diff of last year against this year lists the ratings not yet given" \
    '[ $rc -eq 1 ] && grep -q "rating removed" "$tmp/out" && ! grep -q "stakeholder" "$tmp/out"'
"$CIIPWB" diff "$old" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "diff with one workbook is a usage error (2)" '[ $rc -eq 2 ] && oneline "$tmp/err"'
