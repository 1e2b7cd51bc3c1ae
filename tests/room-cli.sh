#!/bin/sh
# room-cli.sh: `ciipwb new` sets the workshop details from the command line; bad input is refused
# with one line and no file left behind (TAP).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# err: /' "$tmp/err"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
oneline() { [ "$(wc -l <"$1")" -eq 1 ]; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..9"

"$CIIPWB" new --title "National CIIP workshop" --country Kenya --venue "Nairobi, room 4" \
    --facilitator "A. Facilitator" --start 2026-11-23 --end=2026-11-25 "$tmp/k.ciipwb" \
    >"$tmp/out" 2>"$tmp/err"; rc=$?
check "new creates the workbook, says where, exits 0" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "k.ciipwb" "$tmp/out" && [ -f "$tmp/k.ciipwb" ]'
check "the new workbook is readable by its owner only and sound" \
    '[ "$(stat -c %a "$tmp/k.ciipwb")" = 600 ] && "$CIIPWB" check "$tmp/k.ciipwb" >/dev/null'
check "every detail is stored as given" \
    '[ "$(sqlite3 "$tmp/k.ciipwb" "SELECT title || \"|\" || country || \"|\" || venue || \"|\" || facilitator || \"|\" || date_start || \"|\" || date_end FROM workbook")" = "National CIIP workshop|Kenya|Nairobi, room 4|A. Facilitator|2026-11-23|2026-11-25" ]'

sum=$(cksum <"$tmp/k.ciipwb")
"$CIIPWB" new --title Other "$tmp/k.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "new onto an existing file exits 1, one line naming it, file untouched" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "k.ciipwb" "$tmp/err" && [ "$(cksum <"$tmp/k.ciipwb")" = "$sum" ]'

"$CIIPWB" new --start 2026-02-30 "$tmp/x.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an impossible date is a usage error naming the option and the value" \
    '[ $rc -eq 2 ] && oneline "$tmp/err" && grep -q -- "--start .2026-02-30." "$tmp/err" && [ ! -e "$tmp/x.ciipwb" ]'

"$CIIPWB" new --start 2026-11-25 --end 2026-11-23 "$tmp/x.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an end before the start is a usage error" \
    '[ $rc -eq 2 ] && oneline "$tmp/err" && grep -q -- "--end" "$tmp/err" && [ ! -e "$tmp/x.ciipwb" ]'

"$CIIPWB" new --colour red "$tmp/x.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an unknown option is a usage error naming it" \
    '[ $rc -eq 2 ] && oneline "$tmp/err" && grep -q -- "--colour" "$tmp/err" && [ ! -e "$tmp/x.ciipwb" ]'

"$CIIPWB" new >"$tmp/out" 2>"$tmp/err"; rc=$?
check "new without a file is a usage error" '[ $rc -eq 2 ] && oneline "$tmp/err"'

"$CIIPWB" new --title "$(printf 'Evil\033]0;pwned\007')" "$tmp/e.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a title with escape sequences is stored as typed, nothing printed raw" \
    '[ $rc -eq 0 ] && ! grep -q "$(printf "\033")" "$tmp/out" && [ "$(sqlite3 "$tmp/e.ciipwb" "SELECT hex(title) FROM workbook")" = "4576696C1B5D303B70776E656407" ]'
