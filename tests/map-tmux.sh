#!/bin/sh
# map-tmux.sh: in a real terminal (tmux), add a stakeholder, make it the lead of an item, undo
# both, redo both, and find each state on the screen and in the workbook (TAP).
sock="ciipwb-map-$$"
. "${top_srcdir:-..}/tests/tmux-lib.sh"

cat >"$tmp/run.sh" <<EOS
HOME='$tmp' XDG_DATA_HOME='$tmp/data' LC_ALL=C.UTF-8 TERM=xterm-256color '$CIIPWB' '$tmp/w.ciipwb'
echo "ciipwb exited with status \$?"
sleep 600
EOS
# Rows of the workbook's tables (live ones), read beside the running browser.
count() { sqlite3 "$tmp/w.ciipwb" "SELECT count(*) FROM $1 WHERE deleted = 0" 2>/dev/null; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

name='Wizara ya Habari na Mawasiliano'
echo "1..9"
if ! t new-session -d -x 80 -y 24 -s main "sh '$tmp/run.sh'"; then
	echo "Bail out! cannot start tmux"
	exit 1
fi
check "the browser starts on a new workbook" 'wait_for "framework 1 of 2"'

# The register, a new stakeholder through the form: name, category, contact,
# responsibilities (C-d saves the several lines), influence, interest, engagement.
t send-keys -t main K a
wait_for "Name of the new stakeholder" >/dev/null
t send-keys -t main -l "$name"
t send-keys -t main Enter
wait_for "Category" >/dev/null
t send-keys -t main Enter
wait_for "Point of contact" >/dev/null
t send-keys -t main -l "Permanent Secretary, ps@ict.example"
t send-keys -t main Enter
wait_for "Responsibilities" >/dev/null
t send-keys -t main -l "ICT policy"
t send-keys -t main C-d
wait_for "Influence" >/dev/null
t send-keys -t main j j Enter
wait_for "Interest" >/dev/null
t send-keys -t main j Enter
wait_for "Engagement" >/dev/null
t send-keys -t main Enter
check "the form adds the stakeholder and says it is saved" \
    'wait_for "Stakeholder added and saved" && grep -qF "Wizara ya Habari" "$tmp/screen" && [ "$(count stakeholder)" = 1 ]'

# Back in the browser, on 58/199:3: its roles, the new stakeholder as the lead.
t send-keys -t main q j j j w
wait_for "Roles on 58/199:3" >/dev/null
t send-keys -t main a
wait_for "New stakeholder..." >/dev/null
t send-keys -t main Enter
wait_for "Role on the item" >/dev/null
t send-keys -t main k Enter
check "the roles view shows it as the accountable lead" \
    'wait_for "Role saved" && grep -qF "A accountable" "$tmp/screen" && grep -qF "$name" "$tmp/screen"'
check "the workbook holds one accountable role" \
    '[ "$(sqlite3 "$tmp/w.ciipwb" "SELECT count(*) FROM role WHERE deleted = 0 AND role = '"'accountable'"' AND ref = '"'58/199:3'"'")" = 1 ]'

t send-keys -t main u
check "u undoes the role: nobody leads the item" \
    'wait_for "Undone: set role" && grep -qF "No lead" "$tmp/screen" && [ "$(count role)" = 0 ]'
t send-keys -t main u
check "u again undoes the stakeholder" \
    'wait_for "Undone: add stakeholder" && [ "$(count stakeholder)" = 0 ]'
t send-keys -t main C-r
check "C-r redoes the stakeholder" \
    'wait_for "Redone: add stakeholder" && [ "$(count stakeholder)" = 1 ]'
t send-keys -t main C-r
check "C-r again redoes the role: the lead is back on the screen" \
    'wait_for "Redone: set role" && grep -qF "A accountable" "$tmp/screen" && [ "$(count role)" = 1 ]'

t send-keys -t main q q
check "q, q: back to the browser, then quit with status 0" \
    'wait_for "ciipwb exited with status 0"'
