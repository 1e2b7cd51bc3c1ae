#!/bin/sh
# tui-draft.sh: a note being typed survives kill -9: its draft file is restored into the
# editor on the next start of the workbook; a draft whose item is gone is kept as a note
# (TAP; issue 12, defect 8).
sock="ciipwb-draft-$$"
. "${top_srcdir:-..}/tests/tmux-lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 (the client) is not installed"; exit 0; }

CIIPWB_TODAY=2026-03-11 "$CIIPWB" demo "$tmp/w.ciipwb" >/dev/null 2>&1 ||
	{ echo "Bail out! demo failed"; exit 1; }
drafts="$tmp/state/ciipwb/drafts"
cat >"$tmp/run.sh" <<EOS
HOME='$tmp' XDG_DATA_HOME='$tmp/data' XDG_STATE_HOME='$tmp/state' LC_ALL=C.UTF-8 TERM=xterm-256color '$CIIPWB' '$tmp/w.ciipwb'
echo "ciipwb exited with status \$?"
sleep 600
EOS
notes() {
	sqlite3 "$tmp/w.ciipwb" "SELECT count(*) FROM note WHERE deleted = 0 AND body = '$1'"
}
# Wait (up to about 10 s) until a draft file holds TEXT (kept on idle, after typing).
wait_draft() {
	i=0
	while [ $i -lt 100 ]; do
		cat "$drafts"/*.draft 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# kill -9 the ciipwb this test started in the pane, then start it again there.
crash_and_restart() {
	pid=$(pgrep -P "$(t display -p -t main '#{pane_pid}')" | head -n 1)
	[ -n "$pid" ] && kill -9 "$pid"
	wait_for "ciipwb exited with status 137" >/dev/null
	t respawn-pane -k -t main "sh '$tmp/run.sh'"
}
echo "1..7"
t new-session -d -x 80 -y 24 -s main "sh '$tmp/run.sh'" || { echo "Bail out! cannot start tmux"; exit 1; }
wait_for "framework 1 of 2" >/dev/null
t send-keys -t main j a
wait_for "New note on 58/199:1" >/dev/null
t send-keys -t main -l "typed just before the crash"
if wait_draft "typed just before the crash"; then ok "a draft file is kept while typing"; else nok "a draft file is kept while typing"; fi
if [ "$(stat -c %a "$drafts"/*.draft)" = 600 ]; then ok "the draft is mode 0600"; else nok "the draft is mode 0600"; fi

crash_and_restart
if wait_for "Unsaved note on 58/199:1" && grep -qF "Restore it into the editor" "$tmp/screen"; then
	ok "after kill -9 the next start offers the draft"
else
	nok "after kill -9 the next start offers the draft"
fi
t send-keys -t main r
if wait_for "Draft restored" && grep -qF "typed just before the crash" "$tmp/screen" &&
    grep -qF "New note on 58/199:1" "$tmp/screen"; then
	ok "r restores the text into the editor of the same item"
else
	nok "r restores the text into the editor of the same item"
fi
t send-keys -t main C-d
if wait_for "Saved" && [ "$(notes 'typed just before the crash')" = 1 ] &&
    ! ls "$drafts"/*.draft >/dev/null 2>&1; then
	ok "saved once, and the draft is gone"
else
	nok "saved once, and the draft is gone"
fi

# A draft of an item that no frameworks has (a framework file removed since): kept as a note.
t send-keys -t main a
wait_for "New note on 58/199:1" >/dev/null
t send-keys -t main -l "orphan"
wait_draft "orphan"
crash_and_restart
wait_for "Unsaved note on" >/dev/null
f=$(ls "$drafts"/*.draft)
printf 'ciipwb-draft 1\nid 0\ngroup 0\nref 9\ntext 6\n\n64/211:99orphan' >"$f"
crash_and_restart
wait_for "Unsaved note on 64/211:99" >/dev/null
t send-keys -t main r
if wait_for "in no framework loaded" &&
    [ "$(sqlite3 "$tmp/w.ciipwb" "SELECT count(*) FROM note WHERE deleted = 0 AND ref = '64/211:99' AND body = 'orphan'")" = 1 ]; then
	ok "a draft whose item is gone is kept as a note"
else
	nok "a draft whose item is gone is kept as a note"
fi
t send-keys -t main a
wait_for "New note on" >/dev/null
t send-keys -t main -l "dropped"
t send-keys -t main Escape
wait_for "Discard the text" >/dev/null
t send-keys -t main y
if wait_for "Discarded" && ! ls "$drafts"/*.draft >/dev/null 2>&1; then
	ok "a cancelled note leaves no draft"
else
	nok "a cancelled note leaves no draft"
fi
