#!/bin/sh
# backup-cli.sh: rolling backups while the browser waits for keys and before a merge, `ciipwb restore` to list
# and restore them, modes, rotation by the settings file (TAP).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# out: /' "$tmp/out"; sed 's/^/# err: /' "$tmp/err"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
oneline() { [ "$(wc -l <"$1")" -eq 1 ]; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..10"
CIIPWB_CONFIG="$tmp/config"; export CIIPWB_CONFIG
printf 'backup_keep = 2\nbackup_interval_minutes = 10\n' >"$CIIPWB_CONFIG"
w="$tmp/w.ciipwb" b="$tmp/w.ciipwb.backups"
count() { find "$b" -name '*.ciipwb' | wc -l; }

"$CIIPWB" demo "$w" >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
# The first screen alone takes no backup; the browser takes it while waiting for keys.
echo "# the first screen only" >"$tmp/keys"
"$CIIPWB" --script "$tmp/keys" "$w" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "the first screen does not wait for the backup that is due" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(count)" = 0 ]'
echo "idle" >"$tmp/keys"
"$CIIPWB" --script "$tmp/keys" "$w" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "waiting for keys, the browser makes a backup beside it, folder 0700, file 0600" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(count)" = 1 ] && [ "$(stat -c %a "$b")" = 700 ] &&
     [ "$(stat -c %a "$b"/*.ciipwb)" = 600 ]'
"$CIIPWB" --script "$tmp/keys" "$w" >"$tmp/out" 2>"$tmp/err"
check "opening it again within the interval makes none" '[ "$(count)" = 1 ]'

"$CIIPWB" restore "$w" >"$tmp/out" 2>"$tmp/err"; rc=$?
first=$(ls "$b")
check "restore WORKBOOK lists the backup with its time and counts" \
    '[ $rc -eq 0 ] && grep -q "$first" "$tmp/out" && grep -Eq "[0-9]+ stakeholders, [0-9]+ notes, [0-9]+ actions" "$tmp/out"'

notes=$(sqlite3 "$w" "SELECT count(*) FROM note WHERE deleted = 0")
sqlite3 "$w" "UPDATE note SET deleted = 1"
"$CIIPWB" restore "$w" "$first" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "restore WORKBOOK BACKUP brings the notes back" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(sqlite3 "$w" "SELECT count(*) FROM note WHERE deleted = 0")" = "$notes" ]'
check "the content before the restore was kept as a backup first" \
    '[ "$(count)" = 2 ] && kept=$(sed -n "s/.*kept as the backup \(.*\)\.$/\1/p" "$tmp/out") &&
     [ -f "$kept" ] && [ "$(sqlite3 "$kept" "SELECT count(*) FROM note WHERE deleted = 0")" = 0 ]'
check "the restored workbook is sound" '"$CIIPWB" check "$w" >/dev/null 2>&1'

cp "$w" "$tmp/src.ciipwb"
"$CIIPWB" merge "$w" "$tmp/src.ciipwb" >/dev/null 2>&1
"$CIIPWB" merge "$w" "$tmp/src.ciipwb" >/dev/null 2>&1
check "a merge backs up its target first, and only the newest backup_keep are kept" \
    '[ "$(count)" = 2 ] && [ ! -e "$b/$first" ]'

sum=$(cksum <"$w")
"$CIIPWB" restore "$w" 1999-01-01T00-00-00Z.ciipwb >"$tmp/out" 2>"$tmp/err"; rc=$?
check "restoring a backup that does not exist exits 1 with one line, the workbook untouched" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "1999-01-01" "$tmp/err" && [ "$(cksum <"$w")" = "$sum" ]'
"$CIIPWB" restore >"$tmp/out" 2>"$tmp/err"; rc=$?
check "restore without a workbook is a usage error" '[ $rc -eq 2 ] && oneline "$tmp/err"'
