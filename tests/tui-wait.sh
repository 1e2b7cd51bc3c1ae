#!/bin/sh
# tui-wait.sh: in a real terminal (tmux), saving a note while another program holds the
# workbook's write lock says at once that it waits, Esc stops waiting with the text kept, and
# the save goes through once the lock is free (TAP).
sock="ciipwb-wait-$$"
. "${top_srcdir:-..}/tests/tmux-lib.sh"
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 (the client) is not installed"; exit 0; }

"$CIIPWB" demo "$tmp/w.ciipwb" >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
cat >"$tmp/run.sh" <<EOS
HOME='$tmp' XDG_DATA_HOME='$tmp/data' LC_ALL=C.UTF-8 TERM=xterm-256color '$CIIPWB' '$tmp/w.ciipwb'
echo "ciipwb exited with status \$?"
sleep 600
EOS
echo "1..5"
t new-session -d -x 110 -y 30 -s main "sh '$tmp/run.sh'" || { echo "Bail out! cannot start tmux"; exit 1; }
# Another program: the sqlite3 client holding the write lock.
t new-window -d -t main -n lock "sqlite3 '$tmp/w.ciipwb'"
if wait_for "framework 1 of 2"; then ok "the browser starts"; else nok "the browser starts"; fi

t send-keys -t main:lock 'BEGIN IMMEDIATE\;' Enter
# Go on only once the client holds the lock (a loaded machine may start it late): a probe
# that cannot take the lock without waiting says so.
i=0
while [ $i -lt 100 ] && sqlite3 "$tmp/w.ciipwb" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; do
	t send-keys -t main:lock 'BEGIN IMMEDIATE\;' Enter
	sleep 0.1
	i=$((i + 1))
done
t send-keys -t main:0 j j j a
wait_for "New note on" >/dev/null
t send-keys -t main:0 -l "typed while another program writes"
t send-keys -t main:0 C-d
if wait_for "Waiting for another program"; then
	ok "saving says at once that it waits for another program"
else
	nok "saving says at once that it waits for another program"
fi

t send-keys -t main:0 Escape
if wait_for "another program is writing" && grep -qF "typed while another program writes" "$tmp/screen"; then
	ok "Esc stops waiting: the message says why, the text is still there"
else
	nok "Esc stops waiting: the message says why, the text is still there"
fi

t send-keys -t main:lock 'COMMIT\;' Enter
sleep 0.5
t send-keys -t main:0 C-d
if wait_for "Saved"; then ok "once the lock is free the note is saved"; else nok "once the lock is free the note is saved"; fi
if [ "$(sqlite3 "$tmp/w.ciipwb" "SELECT count(*) FROM note WHERE body = 'typed while another program writes'")" = 1 ]; then
	ok "the workbook holds the note once"
else
	nok "the workbook holds the note once"
fi
