#!/bin/sh
# tui-tmux.sh: the browser in a real terminal, a detached tmux session: keys, the screen it
# shows, a resize, and q to quit (TAP).
sock="ciipwb-test-$$"
. "${top_srcdir:-..}/tests/tmux-lib.sh"

echo "1..5"
cat >"$tmp/run.sh" <<EOF
HOME='$tmp' XDG_DATA_HOME='$tmp/data' LC_ALL=C.UTF-8 '$CIIPWB'
echo "ciipwb exited with status \$?"
sleep 600
EOF
if ! t new-session -d -x 100 -y 30 -s main "sh '$tmp/run.sh'"; then
	echo "Bail out! cannot start tmux"
	exit 1
fi

if wait_for "framework 1 of 2"; then
	ok "the browser starts in tmux on the first framework"
else
	nok "the browser starts in tmux on the first framework"
fi

i=0
while [ $i -lt 19 ]; do
	t send-keys -t main j
	i=$((i + 1))
done
if wait_for "question 5 of 18"; then
	ok "j moves down to 64/211 question 5"
else
	nok "j moves down to 64/211 question 5"
fi

if grep -qF "National Government ministries" "$tmp/screen" &&
    grep -qF "Other government (local and regional)" "$tmp/screen" &&
    grep -qF "Non-governmental actors" "$tmp/screen" &&
    grep -qF "Individual citizens" "$tmp/screen"; then
	ok "question 5 shows its four stakeholder groups"
else
	nok "question 5 shows its four stakeholder groups"
fi

# At 130 columns the text pane is wider: its first line of text holds more words.
t resize-window -t main -x 130 -y 40
if wait_for "Determine key stakeholders with a role in cybersecurity and critical information" &&
    grep -qF "4  Information-sharing partnersh" "$tmp/screen"; then
	ok "a resize to 130x40 reflows the panes at once"
else
	nok "a resize to 130x40 reflows the panes at once"
fi

t send-keys -t main q
if wait_for "ciipwb exited with status 0"; then
	ok "q quits with status 0"
else
	nok "q quits with status 0"
fi
