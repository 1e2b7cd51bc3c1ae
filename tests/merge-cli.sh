#!/bin/sh
# merge-cli.sh: `ciipwb merge` end to end: three laptops' copies merged at lunch, the report,
# the conflict listed by `check`, re-merge, and hostile sources refused with the target untouched (TAP).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# out: /' "$tmp/out"; sed 's/^/# err: /' "$tmp/err"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
oneline() { [ "$(wc -l <"$1")" -eq 1 ]; }
q() { sqlite3 "$@"; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..17"

# The facilitator's workbook, copied to three laptops before the day.
"$CIIPWB" demo "$tmp/kenya.ciipwb" >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
for g in 1 2 3; do mkdir "$tmp/laptop$g" && cp "$tmp/kenya.ciipwb" "$tmp/laptop$g/group$g.ciipwb"; done
note=$(q "$tmp/kenya.ciipwb" "SELECT id FROM note WHERE deleted = 0 ORDER BY id LIMIT 1")
gone=$(q "$tmp/kenya.ciipwb" "SELECT id FROM note WHERE deleted = 0 ORDER BY id LIMIT 1 OFFSET 1")

# A morning of capture on each laptop (written with the sqlite3 shell, as any tool may).
for g in 1 2 3; do
	q "$tmp/laptop$g/group$g.ciipwb" "INSERT INTO note(id, ref, body, created, updated)
	    VALUES (abs(random() % 1000000000000) + $g, '64/211:4', 'group $g says: exercise yearly',
	    '2026-11-23T10:0$g:00Z', '2026-11-23T10:0$g:00Z')"
done
q "$tmp/laptop1/group1.ciipwb" "UPDATE note SET body = 'group 1 wording', updated = '2026-11-23T11:00:00Z' WHERE id = $note"
q "$tmp/laptop2/group2.ciipwb" "UPDATE note SET body = 'group 2 wording', updated = '2026-11-23T11:05:00Z' WHERE id = $note"
q "$tmp/laptop3/group3.ciipwb" "UPDATE note SET deleted = 1, updated = '2026-11-23T11:10:00Z' WHERE id = $gone"

"$CIIPWB" merge "$tmp/kenya.ciipwb" "$tmp/laptop1/group1.ciipwb" "$tmp/laptop2/group2.ciipwb" \
    "$tmp/laptop3/group3.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "merge of three laptops exits 0 with nothing on stderr" '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]'
check "the report has one line per source with what it brought" \
    'grep -q "group1.ciipwb: 1 added, 1 changed, 0 deleted, 0 in conflict" "$tmp/out" &&
     grep -q "group2.ciipwb: 1 added, 1 changed, 0 deleted, 1 in conflict" "$tmp/out" &&
     grep -q "group3.ciipwb: 1 added, 0 changed, 1 deleted, 0 in conflict" "$tmp/out"'
check "the report says how many conflicts are left to decide" 'grep -q "^1 conflicts to decide" "$tmp/out"'
check "every group's note is in the merged workbook" \
    '[ "$(q "$tmp/kenya.ciipwb" "SELECT count(*) FROM note WHERE body LIKE '"'"'group _ says:%'"'"' AND deleted = 0")" = 3 ]'
check "the later wording is kept and the delete travelled" \
    '[ "$(q "$tmp/kenya.ciipwb" "SELECT body FROM note WHERE id = $note")" = "group 2 wording" ] &&
     [ "$(q "$tmp/kenya.ciipwb" "SELECT deleted FROM note WHERE id = $gone")" = 1 ]'
check "the workbook records which sources were merged and when" \
    '[ "$(q "$tmp/kenya.ciipwb" "SELECT count(*) FROM merge_log WHERE source LIKE '"'"'%group_.ciipwb'"'"' AND at LIKE '"'"'20%Z'"'"'")" = 3 ]'

"$CIIPWB" check "$tmp/kenya.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "check of the merged workbook is sound and lists the conflict with both values and sources" \
    '[ $rc -eq 0 ] && grep -q "to decide (1)" "$tmp/out" && grep -q "kept:  group 2 wording (group2.ciipwb, 2026-11-23T11:05:00Z)" "$tmp/out" &&
     grep -q "other: group 1 wording (group1.ciipwb, 2026-11-23T11:00:00Z)" "$tmp/out"'

sum=$(q "$tmp/kenya.ciipwb" "SELECT group_concat(id || body || deleted || updated) FROM (SELECT * FROM note ORDER BY id)")
"$CIIPWB" merge "$tmp/kenya.ciipwb" "$tmp/laptop2/group2.ciipwb" "$tmp/laptop1/group1.ciipwb" \
    >"$tmp/out" 2>"$tmp/err"; rc=$?
check "merging the same sources again changes nothing" \
    '[ $rc -eq 0 ] && [ "$(grep -c ": 0 added, 0 changed, 0 deleted, 0 in conflict" "$tmp/out")" = 2 ] &&
     [ "$(q "$tmp/kenya.ciipwb" "SELECT group_concat(id || body || deleted || updated) FROM (SELECT * FROM note ORDER BY id)")" = "$sum" ]'

# Hostile sources: each refused with one line naming it, the target byte for byte as it was.
refused() { # $1 = what, $2 = file
	before=$(cksum <"$tmp/kenya.ciipwb") bad=$(basename "$2")
	"$CIIPWB" merge "$tmp/kenya.ciipwb" "$tmp/laptop1/group1.ciipwb" "$2" >"$tmp/out" 2>"$tmp/err"; rc=$?
	check "$1 is refused, named, and the target is unchanged" \
	    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "$bad" "$tmp/err" &&
	     [ ! -s "$tmp/out" ] && [ "$(cksum <"$tmp/kenya.ciipwb")" = "$before" ] && [ ! -e "$tmp/kenya.ciipwb-wal" ]'
}
printf 'not a workbook\n' >"$tmp/text.ciipwb"
refused "a text file" "$tmp/text.ciipwb"
head -c 20000 "$tmp/laptop1/group1.ciipwb" >"$tmp/truncated.ciipwb"
refused "a truncated workbook" "$tmp/truncated.ciipwb"
cp "$tmp/laptop1/group1.ciipwb" "$tmp/corrupt.ciipwb"
dd if=/dev/urandom of="$tmp/corrupt.ciipwb" bs=4096 seek=2 count=3 conv=notrunc 2>/dev/null
refused "a corrupt workbook" "$tmp/corrupt.ciipwb"
cp "$tmp/laptop1/group1.ciipwb" "$tmp/newer.ciipwb" && q "$tmp/newer.ciipwb" "PRAGMA user_version = 42"
refused "a workbook from a newer ciipwb" "$tmp/newer.ciipwb"
cp "$tmp/laptop1/group1.ciipwb" "$tmp/trigger.ciipwb"
q "$tmp/trigger.ciipwb" "CREATE TRIGGER t AFTER UPDATE ON note BEGIN DELETE FROM stakeholder; END"
refused "a workbook with an extra trigger" "$tmp/trigger.ciipwb"
cp "$tmp/laptop1/group1.ciipwb" "$tmp/view.ciipwb"
q "$tmp/view.ciipwb" "DROP TABLE action; CREATE VIEW action AS SELECT * FROM note"
refused "a workbook with a view in place of a table" "$tmp/view.ciipwb"

# In the browser: the Conflicts view lists the conflict with both values and their sources;
# 2 takes the other value, u undoes it, 2 again; m merges a fourth laptop's workbook.
export TERM=xterm-256color CIIPWB_CONFIG="$tmp/no-settings"
cat >"$tmp/decide.script" <<'END'
key X
assert-view browser conflicts
assert-screen-contains 1 kept:  group 2 wording
assert-screen-contains from group1.ciipwb, 2026-11-23T11:00:00Z
key 2
assert-screen-contains Decided: the other value
key u
assert-screen-contains 1 to decide, 0 decided
key 2
END
"$CIIPWB" --script "$tmp/decide.script" "$tmp/kenya.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "the Conflicts view decides the conflict (undoably) and the row takes the value chosen" \
    '[ $rc -eq 0 ] && [ "$(q "$tmp/kenya.ciipwb" "SELECT body FROM note WHERE id = $note")" = "group 1 wording" ] &&
     [ "$(q "$tmp/kenya.ciipwb" "SELECT resolved FROM conflict")" = 2 ]'
mkdir "$tmp/laptop4" && cp "$tmp/laptop1/group1.ciipwb" "$tmp/laptop4/group4.ciipwb"
q "$tmp/laptop4/group4.ciipwb" "INSERT INTO note(id, ref, body, created, updated) VALUES (4444, '64/211:4',
    'group 4 came late', '2026-11-23T12:00:00Z', '2026-11-23T12:00:00Z')"
printf 'key X\nkey m\ntype %s\nkey Enter\nassert-screen-contains group4.ciipwb: 1 added, 0 changed, 0 deleted, 0 in conflict\n' \
    "$tmp/laptop4/group4.ciipwb" >"$tmp/merge.script"
"$CIIPWB" --script "$tmp/merge.script" "$tmp/kenya.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "m in the Conflicts view merges a workbook and shows the report" \
    '[ $rc -eq 0 ] && [ "$(q "$tmp/kenya.ciipwb" "SELECT count(*) FROM note WHERE id = 4444 AND deleted = 0")" = 1 ]'

"$CIIPWB" merge "$tmp/kenya.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "merge without a source is a usage error" '[ $rc -eq 2 ] && oneline "$tmp/err" && grep -q -- "--help" "$tmp/err"'
