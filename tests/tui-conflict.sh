#!/bin/sh
# tui-conflict.sh: two real instances (tmux) edit the same note; the second save does not
# overwrite the first silently: it shows what the other saved and offers keep mine, keep
# theirs or keep both; Esc goes back to the text (TAP; issue 12, defect 5).
sock="ciipwb-conflict-$$"
. "${top_srcdir:-..}/tests/tmux-lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 (the client) is not installed"; exit 0; }

CIIPWB_TODAY=2026-03-11 "$CIIPWB" demo "$tmp/w.ciipwb" >/dev/null 2>&1 ||
	{ echo "Bail out! demo failed"; exit 1; }
cat >"$tmp/run.sh" <<EOS
HOME='$tmp' XDG_DATA_HOME='$tmp/data' LC_ALL=C.UTF-8 TERM=xterm-256color '$CIIPWB' '$tmp/w.ciipwb'
echo "ciipwb exited with status \$?"
sleep 600
EOS
count() {
	sqlite3 "$tmp/w.ciipwb" "SELECT count(*) FROM note WHERE deleted = 0 AND body LIKE '%$1%'"
}
# wait_in WINDOW TEXT: wait_for in that window (capture reads the session's current one).
wait_in() {
	t select-window -t "$1"
	wait_for "$2"
}
echo "1..6"
t new-session -d -x 80 -y 24 -s main "sh '$tmp/run.sh'" || { echo "Bail out! cannot start tmux"; exit 1; }
t new-window -d -t main -n other "sh '$tmp/run.sh'"
# Both open the note of 58/199:1 (the text cursor on it from the end of the text pane).
for w in main:0 main:other; do
	wait_in "$w" "framework 1 of 2" >/dev/null
	t send-keys -t "$w" j Tab G k k k k k k k k k k k k k k k e
done
if wait_in main:other "Edit note on 58/199:1" && wait_in main:0 "Edit note on 58/199:1"; then
	ok "both instances edit the note"
else
	nok "both instances edit the note"
fi
t send-keys -t main:other -l " (their words)"
t send-keys -t main:other C-d
i=0
while [ "$(count 'their words')" != 1 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(count 'their words')" = 1 ]; then ok "the other instance saves first"; else nok "the other instance saves first"; fi

t send-keys -t main:0 -l " (my words)"
t send-keys -t main:0 C-d
if wait_in main:0 "another window changed it" && grep -qF "(their words)" "$tmp/screen" &&
    grep -qF "Keep both" "$tmp/screen" && [ "$(count 'my words')" = 0 ]; then
	ok "saving second shows what the other saved and offers the choice; nothing written"
else
	nok "saving second shows what the other saved and offers the choice; nothing written"
fi
t send-keys -t main:0 Escape
if wait_in main:0 "Back to your text" && grep -qF "(my words)" "$tmp/screen"; then
	ok "Esc goes back to the editor with the text typed"
else
	nok "Esc goes back to the editor with the text typed"
fi
# Theirs changes again meanwhile: the next save asks again; b keeps both.
t send-keys -t main:other e
wait_in main:other "Edit note on 58/199:1" >/dev/null
t send-keys -t main:other -l " again"
t send-keys -t main:other C-d
i=0
while [ "$(count 'their words) again')" != 1 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
t send-keys -t main:0 C-d
wait_in main:0 "another window changed it" >/dev/null
t send-keys -t main:0 b
if wait_in main:0 "Kept both" && [ "$(count 'my words')" = 1 ] && [ "$(count 'their words) again')" = 1 ]; then
	ok "b keeps both: two notes, and the message says so"
else
	nok "b keeps both: two notes, and the message says so"
fi
t send-keys -t main:0 u
if wait_in main:0 "Undone" && [ "$(count 'my words')" = 0 ] && [ "$(count 'their words) again')" = 1 ]; then
	ok "one u undoes the choice"
else
	nok "one u undoes the choice"
fi
