#!/bin/sh
# tui-room.sh: the time-box keys and the session-log key in the headless browser, checked on
# the screen and in the workbook: D after T logs the heading with the timer's start, end and
# time spent; L sets a length, R resets; a follower (--follow) refuses them (TAP).
: "${srcdir:=.}"
: "${CIIPWB:=../src/ciipwb}"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
wb="$tmp/w.ciipwb"
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 is not installed"
	exit 0
fi
echo "1..8"
n=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/# err: /' "$tmp/.err"
	fi
}
# run NAME [OPTION]: replays $tmp/NAME.script on the workbook at 100x30, from the top (g: a
# reopened workbook starts where the last run left off; a follower starts at the leader's).
run() {
	name=$1
	shift
	case " $* " in
	*" --follow "*) cp "$tmp/$name.script" "$tmp/.run.script" ;;
	*) { echo "key g"; cat "$tmp/$name.script"; } >"$tmp/.run.script" ;;
	esac
	(cd "$tmp" && env -u LINES -u COLUMNS HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" \
	    TERM=xterm-256color TZ=UTC "$CIIPWB" "$@" --size 100x30 --script "$tmp/.run.script" \
	    "$wb") >"$tmp/.out" 2>"$tmp/.err"
}
has() { grep -F -q -- "$2" "$tmp/$1"; }
sql() { sqlite3 "$wb" "$1"; }

"$CIIPWB" new --title "Room test" "$wb" >/dev/null 2>"$tmp/.err"

# Heading 2 of 64/211 (row 18): set its length, start its timer, log it.
cat >"$tmp/log.script" <<'S'
key j j j j j j j j j j j j j j j j j j
key L C-u
type 25
key Enter
save-screen length
key T
save-screen started
key D
save-screen ask
key Down Enter
type Roles still open
key Enter
save-screen logged
key R
save-screen reset
S
run log; rc=$?
[ $rc -eq 0 ] && has length "Time-box set to 25 minutes" && has length "Time-box 25:00"
ok $? "L sets the current heading's time-box, shown in the status line"
has started "Time-box running" && has started " left" && has ask "Session log: 64/211, heading 2"
ok $? "T starts it (the status line counts down) and D asks about consensus for the heading"
has logged "Logged: no consensus" && has reset "Time-box reset to 25:00"
ok $? "the entry is logged and R resets the timer"
row=$(sql "SELECT heading, consensus, note, started <> '', ended <> '', ended >= started,
    seconds >= 0, at = started FROM session_log")
[ "$row" = "64/211#2|0|Roles still open|1|1|1|1|1" ]
ok $? "the entry holds the heading, consensus, note, and the timer's start and end ($row)"
[ "$(sql "SELECT count(*) FROM history WHERE label = 'log session'")" = 1 ]
ok $? "logging is an undoable edit"

# Without a timer: no start, no end, no time spent.
cat >"$tmp/plain.script" <<'S'
key j j j j j j j j j j j j j j j j j j j j j j j
key D Enter Enter
S
run plain
[ "$(sql "SELECT heading || '|' || started || '|' || ended || '|' || seconds FROM session_log WHERE note = ''")" = "64/211#4|||0" ]
ok $? "a heading logged without its timer has no start, end or time spent"

# A follower refuses the timer and the log, and never writes.
sum=$(cksum <"$wb")
printf 'key T\nsave-screen t\nkey D\nsave-screen d\n' >"$tmp/fol.script"
run fol --follow
has t "follows another one" && has d "follows another one" && [ "$(cksum <"$wb")" = "$sum" ]
ok $? "a follower refuses T and D and leaves the workbook as it was"

# A leader that shows its first screen and quits at once writes nothing, its position not
# either (it is published when the browser is idle, or with the first move).
sum=$(cksum <"$wb")
echo "# the first screen only" >"$tmp/quit.script"
(cd "$tmp" && env -u LINES -u COLUMNS HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" \
    TERM=xterm-256color TZ=UTC "$CIIPWB" --size 100x30 --script "$tmp/quit.script" "$wb") \
    >"$tmp/.out" 2>"$tmp/.err"
[ "$(cksum <"$wb")" = "$sum" ] && [ ! -s "$tmp/.err" ]
ok $? "a leader that quits at its first screen leaves the workbook as it was"
