#!/bin/sh
# tui-capture.sh: capture in the headless browser: ratings, notes and actions added, edited,
# undone and redone, checked on the screen and in the workbook; hostile text shown inert; a
# read-only workbook refuses edits (TAP).
: "${srcdir:=.}"
: "${CIIPWB:=../src/ciipwb}"

tmp=$(mktemp -d) || exit 1
trap '[ -n "$KEEP" ] || rm -rf "$tmp"' EXIT
wb="$tmp/w.ciipwb"
have_sqlite=0
command -v sqlite3 >/dev/null 2>&1 && have_sqlite=1

echo "1..40"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -f "$tmp/.err" ] && sed 's/^/# err: /' "$tmp/.err"
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
# run NAME: replays $tmp/NAME.script on the workbook at 100x30 (or at $SIZE), from the top
# (g: a reopened workbook starts where the last run left off; a FIFO script sends its own g).
run() {
	if [ -p "$tmp/$1.script" ]; then
		ln -sf "$tmp/$1.script" "$tmp/.run.script"
	else
		rm -f "$tmp/.run.script"
		{ echo "focus nav"; echo "key g"; cat "$tmp/$1.script"; } >"$tmp/.run.script" ||
		    return 1
	fi
	(cd "$tmp" && env -u LINES -u COLUMNS -u NO_COLOR HOME="$tmp" XDG_DATA_HOME="$tmp/data" \
	    TERM=xterm-256color CIIPWB_TODAY=2026-11-23 \
	    "$CIIPWB" --size "${SIZE:-100x30}" --script "$tmp/.run.script" "$wb") >"$tmp/.out" \
	    2>"$tmp/.err"
}
# has FILE TEXT: the saved screen FILE shows TEXT.
has() {
	grep -F -q -- "$2" "$tmp/$1"
}
sql() {
	sqlite3 "$wb" "$1"
}

# 1-4: ratings. Item 58/199:3 is the fourth row; stage 2 (Formative) and 3 (Established).
cat >"$tmp/rate.script" <<'S'
key j j j
key r
save-screen chooser
key j j j Enter
key t
key j j j j Enter
save-screen rated
key u
save-screen undone
key C-r
save-screen redone
S
run rate; rc=$?
ok $((rc != 0)) "the rating script runs"
has chooser "Current rating" && has chooser "Formative" && has chooser "Established"
ok $? "r opens a chooser of the workbook's scale"
has rated "Current: Formative" && has rated "Target: Established" && has rated "2→3"
ok $? "the ratings show in the text pane and as 2→3 in the navigation pane"
has undone "Undone: " && has undone "Target: Not assessed" && has redone "Redone: " &&
    has redone "Target: Established"
ok $? "u undoes the target rating and C-r redoes it, saying so"
if [ $have_sqlite -eq 1 ]; then
	[ "$(sql "SELECT current || '|' || target FROM item WHERE ref = '58/199:3'")" = \
	    "formative|established" ]
	ok $? "the workbook holds the ratings"
else
	skip "the workbook holds the ratings" "no sqlite3"
fi

# The rating chooser: box lines, stage numbers that pick, Not applicable kept consistent.
# Item 58/199:4 is the fifth row.
cat >"$tmp/stages.script" <<'S'
key j j j j
key r
save-screen st-chooser
key 3
save-screen st-current
key t
key n
save-screen st-target-na
key t
key 4
key r
key n
save-screen st-na
key t
key 5
save-screen st-na-target
key r
key 2
save-screen st-back
S
run stages; rc=$?
[ $rc -eq 0 ] && has st-chooser "┌─ Current rating ─" && has st-chooser "│> 0  Not assessed" &&
    has st-chooser "│  3  Established" && has st-chooser "└─" && ! has st-chooser "+--" &&
    has st-current "Current: Established" && has st-current "3 "
ok $? "the rating chooser shows stage numbers in a box-drawn frame; a number picks it"
has st-target-na "Not applicable is for the whole item" &&
    has st-target-na "Current: Established · Target: Not assessed" &&
    has st-na "Current: Not applicable · Target: Not applicable" &&
    has st-na "target too" &&
    has st-na-target "so no target stage" &&
    has st-na-target "Current: Not applicable · Target: Not applicable" &&
    has st-back "Current: Formative · Target: Not assessed" && has st-back "now unset"
ok $? "Not applicable is the whole item's: never beside a stage, and the reason is given"

# Undo says what and where, and goes there.
printf 'key j j j\nkey r\nkey 2\nkey j j\nsave-screen uw-away\nkey u\nsave-screen uw-undone\n' \
    >"$tmp/undowhere.script"
run undowhere; rc=$?
[ $rc -eq 0 ] && has uw-away "58/199:5" && has uw-undone "Undone: rate item on 58/199:3" &&
    has uw-undone "58/199:3  Interdependencies"
ok $? "undo names what and where, and the browser moves to it"

# At 80x24 prompts wrap and messages show whole: the due date, its error, the evidence.
cat >"$tmp/narrow.script" <<'S'
key j j j
key +
type Check the backup generators
key Enter Enter
save-screen n-due
type 2026-02-30
key Enter
save-screen n-bad-date
key Esc y
key v
type Generator test log
key Enter
save-screen n-where
key Esc y
S
SIZE=80x24 run narrow; rc=$?
[ $rc -eq 0 ] && has n-due "Due date (YYYY-MM-DD, today" && has n-due "empty for none)" &&
    has n-bad-date "'2026-02-30' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w or +1m" &&
    has n-where "Where it is kept" && has n-where "(may be empty)" && has n-where "Enter save  Esc cancel"
ok $? "at 80x24 the prompts wrap and the invalid-date error shows whole, cause first"

# 6-11: a note: add, edit, undo, redo, delete (asks), undo the delete.
cat >"$tmp/note.script" <<'S'
key j j j
key a
type Water pumps depend on the grid
key Enter
type second line
save-screen editing
key C-d
save-screen added
key Tab j j j j j j j j j j j j
key e
key End Space
type (checked)
key C-d
save-screen edited
key u
save-screen undone
key C-r
save-screen redone
key d
save-screen asking
key y
save-screen deleted
key u
save-screen restored
S
run note; rc=$?
ok $((rc != 0)) "the note script runs"
has editing "New note on 58/199:3" && has editing "Examine infrastructures and identify" &&
    has added "Saved" &&
    has added "Water pumps depend on the grid" && has added "second line"
ok $? "a note typed in the editor (the item text still shown above) is saved and shown"
grep -A1 -F "Water pumps depend on the grid" "$tmp/added" | tail -n 1 | grep -q "second line"
ok $? "a single newline in a note starts a new line, not a blank one"
has edited "second line (checked)" && has undone "Undone: " &&
    ! has undone "(checked)" && has redone "(checked)"
ok $? "an edited note is shown; u and C-r undo and redo the edit"
has asking "Delete this note? (y/n)" && has deleted "No notes yet" &&
    has restored "Water pumps depend on the grid"
ok $? "d asks before deleting a note; u brings it back"
if [ $have_sqlite -eq 1 ]; then
	body=$(sql "SELECT body FROM note WHERE ref = '58/199:3' AND deleted = 0")
	[ "$body" = "Water pumps depend on the grid
second line (checked)" ]
	ok $? "the workbook holds the note as typed"
	# The file keeps UTC; the screen shows local time (a POSIX TZ: no tzdata needed).
	created=$(sql "SELECT created FROM note WHERE ref = '58/199:3' AND deleted = 0")
	printf 'key j j j\nsave-screen tz\n' >"$tmp/tz.script"
	TZ=JST-9 run tz
	when=$(TZ=JST-9 date -d "$created" '+%Y-%m-%d %H:%M JST')
	case $created in *Z) ;; *) when=none ;; esac
	has tz "$when" && ! has tz " UTC"
	ok $? "note times show in local time ($when for $created)"
else
	skip "the workbook holds the note as typed" "no sqlite3"
	skip "note times show in local time" "no sqlite3"
fi
"$CIIPWB" check "$wb" >"$tmp/check.out" 2>&1
ok $? "the workbook checks sound after the edits"

# 12-15: an action: a wrong due date is asked again; a new stakeholder as owner.
cat >"$tmp/action.script" <<'S'
key j j j
key +
type Map the grid's dependencies
key Enter
key G Enter
type Energy regulator
key Enter
save-screen category
key j Enter
type 2026-02-30
key Enter
save-screen bad-date
key Backspace Backspace
type 28
key Enter
save-screen priority
key k Enter
key Enter
save-screen saved
key u
save-screen undone
key C-r
save-screen redone
S
run action; rc=$?
ok $((rc != 0)) "the action script runs"
has category "Category of the new stakeholder" && has bad-date "2026-02-30" &&
    has priority "Priority"
ok $? "an impossible due date is refused with the reason, then asked again"
has saved "Map the grid's dependencies" &&
    has saved "! due 2026-02-28, overdue" && has saved "Energy" && has saved "high" &&
    has undone "No actions yet" && has redone "Map the grid's dependencies"
ok $? "the action shows with its owner, priority and overdue mark; undo and redo work"
if [ $have_sqlite -eq 1 ]; then
	[ "$(sql "SELECT a.title || '|' || a.due || '|' || a.priority || '|' || a.status || '|' ||
	    s.name || '|' || s.category FROM action a JOIN stakeholder s ON s.id = a.owner_id
	    WHERE a.deleted = 0")" = \
	    "Map the grid's dependencies|2026-02-28|high|open|Energy regulator|other_government" ]
	ok $? "the workbook holds the action and its new owner"
else
	skip "the workbook holds the action and its new owner" "no sqlite3"
fi

# Actions view: the action is listed; d asks and deletes it there; u brings it back.
printf 'key A\nsave-screen view\nkey d\nsave-screen view-ask\nkey y\nsave-screen view-deleted\nkey u\nsave-screen view-undone\n' \
    >"$tmp/view.script"
run view; rc=$?
[ $rc -eq 0 ] && has view "Map the grid's dependencies" && has view "Actions: 1 of 1" &&
    has view-ask "Delete this action? (y/n)"
ok $? "A lists the action in the Actions view; d there asks first"
has view-deleted "Actions: 0 of 0" && has view-undone "Map the grid's dependencies" &&
    has view-undone "Undone: "
ok $? "the Actions view follows a delete and its undo"

# 16-18: a note holding terminal escapes shows inert.
if [ $have_sqlite -eq 1 ]; then
	esc=$(printf '\033')
	bel=$(printf '\007')
	sql "UPDATE note SET body = 'before ${esc}[2J${esc}]52;c;aGVsbG8=${bel} after' WHERE deleted = 0"
	printf 'key j j j\nsave-screen hostile\nsave-attrs hostile-attrs\n' >"$tmp/hostile.script"
	run hostile; rc=$?
	ok $((rc != 0)) "the browser opens a workbook with a hostile note"
	! grep -q "$esc" "$tmp/hostile" && ! grep -q "$bel" "$tmp/hostile"
	ok $? "no escape or bell character reaches the screen"
	has hostile "before [2J]52;c;aGVsbG8= after"
	ok $? "the text around the escapes is still shown"
else
	skip "the browser opens a workbook with a hostile note" "no sqlite3"
	skip "no escape or bell character reaches the screen" "no sqlite3"
	skip "the text around the escapes is still shown" "no sqlite3"
fi

# 19-20: another program changes the workbook while the browser runs: "poll" (what the
# browser does every second at a terminal) shows the change. The script comes through a FIFO so
# that the change happens between two of its lines.
if [ $have_sqlite -eq 1 ] && mkfifo "$tmp/poll.script" 2>/dev/null; then
	# Fork first, then open the FIFO read-write (never blocks): the browser must be the only
	# process that holds it besides this shell, or it would never see the end of the script.
	run poll &
	pid=$!
	exec 3<>"$tmp/poll.script"
	printf 'focus nav\nkey g j j j\nsave-screen p1\n' >&3
	i=0
	while [ ! -s "$tmp/p1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
	sql "UPDATE note SET body = 'changed by another program' WHERE deleted = 0"
	printf 'poll\nsave-screen p2\n' >&3
	exec 3>&-
	wait $pid
	rc=$?
	ok $((rc != 0)) "the browser runs while another program writes"
	! has p1 "changed by another program" && has p2 "changed by another program"
	ok $? "poll shows what another program changed"
else
	skip "the browser runs while another program writes" "no sqlite3 or mkfifo"
	skip "poll shows what another program changed" "no sqlite3 or mkfifo"
fi

# 21-22: a read-only workbook (written by a newer version) shows a banner and refuses edits.
if [ $have_sqlite -eq 1 ]; then
	version=$(sql "PRAGMA user_version")
	sql "PRAGMA user_version = 999"
	printf 'key j j j\nsave-screen ro\nkey a\nsave-screen ro-refused\nkey u\nsave-screen ro-undo\n' \
	    >"$tmp/ro.script"
	run ro; rc=$?
	[ $rc -eq 0 ] && has ro "READ-ONLY"
	ok $? "a read-only workbook opens with a READ-ONLY banner"
	has ro-refused "Read-only: written by a newer ciipwb" &&
	    ! has ro-refused "New note" && has ro-undo "Read-only: "
	ok $? "edits and undo are refused politely on a read-only workbook"
	printf 'key j j j\nkey a\nsave-screen ro80\n' >"$tmp/ro80.script"
	SIZE=80x24 run ro80
	has ro80 "READ-ONLY: written by a newer ciipwb" &&
	    has ro80 "Read-only: written by a newer ciipwb (schema 999): upgrade ciipwb to edit it"
	ok $? "at 80x24 the banner shows the cause and the refusal shows whole, cause first"
else
	skip "a read-only workbook opens with a READ-ONLY banner" "no sqlite3"
	skip "edits and undo are refused politely on a read-only workbook" "no sqlite3"
	skip "at 80x24 the banner shows the cause and the refusal shows whole, cause first" \
	    "no sqlite3"
fi

# 23-24: a write fails (another program holds the workbook locked): the editor stays open with
# the text and the reason; once the lock is gone, saving again works. The script comes through
# a FIFO so that the lock is taken while the browser runs.
if [ $have_sqlite -eq 1 ] && mkfifo "$tmp/lock.fifo" "$tmp/lockfail.script" 2>/dev/null; then
	sql "PRAGMA user_version = ${version:-1}" >/dev/null 2>&1
	# Both FIFOs opened read-write after the fork: opening never blocks, and a browser that
	# stopped early cannot hang the test.
	run lockfail &
	pid=$!
	exec 3<>"$tmp/lockfail.script"
	printf 'focus nav\nkey g j j j a\ntype kept through a failed write\nsave-screen opened\n' >&3
	waitfile() {
		i=0
		while [ ! -s "$tmp/$1" ] && [ $i -lt 200 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		sleep 0.2
	}
	waitfile opened
	exec 4<>"$tmp/lock.fifo"
	sqlite3 "$wb" <&4 >"$tmp/lock.out" 2>&1 &
	lockpid=$!
	echo "BEGIN EXCLUSIVE; SELECT 'locked';" >&4
	waitfile lock.out
	printf 'key C-d\nsave-screen fail\n' >&3
	waitfile fail
	echo "ROLLBACK;" >&4
	echo ".quit" >&4
	wait $lockpid
	exec 4>&-
	printf 'key C-d\nsave-screen retried\n' >&3
	exec 3>&-
	wait $pid
	has fail "New note on 58/199:3" && has fail "kept through a failed write" &&
	    has fail "locked" && ! has fail "Saved"
	ok $? "when a write fails the editor stays open with the text typed and the reason"
	has retried "Saved" && has retried "kept through a failed write" &&
	    [ "$(sql "SELECT count(*) FROM note WHERE body = 'kept through a failed write'")" = 1 ]
	ok $? "saving again once the workbook is free keeps the note"
else
	skip "when a write fails the editor stays open with the text typed and the reason" \
	    "no sqlite3 or mkfifo"
	skip "saving again once the workbook is free keeps the note" "no sqlite3 or mkfifo"
fi

# 27-28: the current breakout group, set once through "New group…", tags new notes.
cat >"$tmp/group.script" <<'S'
key j j
key b
save-screen groups
key j Enter
type Operators
key Enter
key a
type Note from the operators group
key C-d
save-screen grouped
S
run group; rc=$?
[ $rc -eq 0 ] && has groups "New group" && has grouped "· Operators" &&
    has grouped "Note from the operators group"
ok $? "b sets a new breakout group and the next note shows its tag"
if [ $have_sqlite -eq 1 ]; then
	[ "$(sql "SELECT g.name FROM note n JOIN breakout_group g ON g.id = n.group_id
	    WHERE n.body = 'Note from the operators group'")" = "Operators" ] &&
	    [ "$(sql "SELECT g.name FROM workbook w JOIN breakout_group g ON g.id = w.current_group")" = \
	    "Operators" ]
	ok $? "the workbook holds the group, the note's tag and the current group"
else
	skip "the workbook holds the group, the note's tag and the current group" "no sqlite3"
fi

# 35-36: an item with many notes shows them a page at a time: moving down loads the next
# pages in order up to the last note; a search hit on a note far down lands on it.
if [ $have_sqlite -eq 1 ]; then
	sql "INSERT INTO note(id, ref, body, created, updated) SELECT 900 + value,
	    '58/199:2', 'bulk note ' || value || CASE value WHEN 50 THEN ' zzuniq' ELSE '' END,
	    printf('2020-01-01T00:%02d:00Z', value), '' FROM generate_series(1, 60)" 2>"$tmp/.err" ||
	    sql "WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s
	    WHERE value < 60) INSERT INTO note(id, ref, body, created, updated) SELECT 900 + value,
	    '58/199:2', 'bulk note ' || value || CASE value WHEN 50 THEN ' zzuniq' ELSE '' END,
	    printf('2020-01-01T00:%02d:00Z', value), '' FROM s"
	cat >"$tmp/many.script" <<'S'
key j j Tab
key PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn
save-screen many-end
key g
type /zzuniq
key Enter Enter
save-screen many-hit
S
	run many; rc=$?
	[ $rc -eq 0 ] && has many-end "bulk note 60" && has many-end "Evidence" &&
	    ! has many-end "move down for more"
	ok $? "moving down an item with 60 notes loads them page by page to the last"
	[ $rc -eq 0 ] && has many-hit "bulk note 50 zzuniq"
	ok $? "a search hit on a note not loaded yet lands on it"
else
	skip "moving down an item with 60 notes loads them page by page to the last" "no sqlite3"
	skip "a search hit on a note not loaded yet lands on it" "no sqlite3"
fi

# The navigation pane at a glance: per item its notes, open actions, consensus and ratings;
# per heading and framework its progress. At 200x60 the titles get the room.
cat >"$tmp/glance.script" <<'S'
key j j j j j j j j
key r 2
key c
key a
type One note
key C-d
key +
type One action
key Enter Enter Enter Enter Enter
save-screen glance
S
SIZE=200x60 run glance; rc=$?
sep=$(sed -n 3p "$tmp/glance" | awk '{ print index($0, "│") }')
[ $rc -eq 0 ] && grep -q "^    8  Training and exercises  *1n 1a ✓ 2 │" "$tmp/glance" &&
    grep -q "^ ▾ 58/199  CIIP elements  *[0-9]*/11 │" "$tmp/glance" &&
    grep -q "^   ▾ Taking stock of cybersecurity needs and strategies  *0/4 │" "$tmp/glance"
ok $? "the navigation pane shows counts, consensus and ratings per item, progress per heading"
[ "$sep" -ge 95 ]
ok $? "at 200 columns the text pane keeps a readable measure (separator at $sep)"

# x marks the item's action done in one key, and again opens it.
cat >"$tmp/done.script" <<'S'
key j j j j j
key +
type Test the sirens
key Enter Enter Enter Enter Enter
save-screen d-open
key x
save-screen d-done
key x
save-screen d-again
S
run done; rc=$?
[ $rc -eq 0 ] && has d-open "no due date · medium · open" && has d-done "Done: Test the sirens" &&
    has d-done "no due date · medium · done" && has d-again "Open again: Test the sirens"
ok $? "x marks the item's only open action done in one key, and x opens it again"
