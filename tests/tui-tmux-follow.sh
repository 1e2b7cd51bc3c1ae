#!/bin/sh
# tui-tmux-follow.sh: two ciipwb in a real terminal (tmux): a follower started before its leader
# waits and says so, then follows the leader through ten moves (browser and presenter) and an
# added note, as does a second follower; says when the leader has quit, and never writes to
# the workbook (TAP).
# How long each move took to show is printed as a diagnostic, not asserted (speed is measured
# by bench/, not tests); the follower polls four times a second.
sock="ciipwb-follow-$$"
. "${top_srcdir:-..}/tests/tmux-lib.sh"
wb="$tmp/w.ciipwb"

# run NAME ARGS: a ciipwb in tmux session NAME at 80x24; its pid goes to $tmp/NAME.pid.
run() {
	name=$1
	shift
	cat >"$tmp/$name.sh" <<EOS
echo \$\$ >'$tmp/$name.pid'
HOME='$tmp' XDG_DATA_HOME='$tmp/data' XDG_CONFIG_HOME='$tmp/config' LC_ALL=C.UTF-8 \
    TERM=xterm-256color exec '$CIIPWB' $* '$wb'
EOS
	cat >"$tmp/$name-outer.sh" <<EOS
sh '$tmp/$name.sh'
echo "ciipwb exited with status \$?"
sleep 600
EOS
	t new-session -d -x 80 -y 24 -s "$name" "sh '$tmp/$name-outer.sh'"
}
grab() { t capture-pane -p -t "$1" >"$tmp/screen" 2>/dev/null; }
# wait_in SESSION TEXT: until the session's screen shows TEXT (about 10 s at most).
wait_in() {
	i=0
	while [ $i -lt 100 ]; do
		grab "$1"
		grep -qF -- "$2" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# The leader's position on its status line (line 23), e.g. "58/199 · element 3 of 11".
position() {
	grab main
	sed -n 23p "$tmp/screen" | sed 's/^ //; s/   .*//'
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
sums() { cksum "$wb" 2>/dev/null; stat -c '%Y %s' "$wb" 2>/dev/null; }

echo "1..11"

run fol --follow
if wait_in fol "does not exist yet"; then
	ok "a follower started before its leader waits and says so"
else
	nok "a follower started before its leader waits and says so"
fi

run main
if wait_in main "framework 1 of 2" && wait_in fol "FOLLOWING"; then
	ok "once the leader runs, the follower shows FOLLOWING in its title bar"
else
	nok "once the leader runs, the follower shows FOLLOWING in its title bar"
fi

# A second follower, started after the leader.
run fol2 --follow

# The follower's descriptor on the workbook file is read-only (Linux /proc).
fpid=$(cat "$tmp/fol.pid" 2>/dev/null)
if [ -n "$fpid" ] && [ -d "/proc/$fpid/fd" ]; then
	ro=no
	for fd in /proc/"$fpid"/fd/*; do
		[ "$(readlink "$fd")" = "$wb" ] || continue
		flags=$(sed -n 's/^flags:[[:space:]]*//p' "/proc/$fpid/fdinfo/${fd##*/}")
		if [ $((0$flags & 3)) -eq 0 ]; then ro=yes; else ro=no; break; fi
	done
	if [ "$ro" = yes ]; then
		ok "the follower holds the workbook open read-only"
	else
		nok "the follower holds the workbook open read-only"
	fi
else
	ok "the follower holds the workbook open read-only # SKIP no /proc"
fi

# Ten moves: down the elements, into the presenter and through it, back to the browser.
moves="j j j P Space Space BSpace q j j"
good=0
m=0
for key in $moves; do
	m=$((m + 1))
	before=$(position)
	t send-keys -t main "$key"
	i=0
	while [ "$(position)" = "$before" ] && [ $i -lt 50 ]; do
		sleep 0.02
		i=$((i + 1))
	done
	want=$(position)
	t0=$(now)
	if wait_in fol "$want"; then
		good=$((good + 1))
		echo "# move $m ($key): the follower showed \"$want\" after $(since "$t0") s"
	else
		echo "# move $m ($key): the follower never showed \"$want\""
	fi
done
if [ $good -eq 10 ]; then
	ok "the follower follows the leader through ten moves, browser and presenter"
else
	nok "the follower follows the leader through ten moves, browser and presenter ($good of 10)"
fi

if wait_in fol2 "$want" && grep -qF "FOLLOWING" "$tmp/screen"; then
	ok "a second follower shows the same"
else
	nok "a second follower shows the same"
fi

t send-keys -t main T
if wait_in main "left" && wait_in fol " left"; then
	ok "the follower shows the time left on the leader's time-box"
else
	nok "the follower shows the time left on the leader's time-box"
fi

t send-keys -t main a
wait_in main "New note" >/dev/null
t send-keys -t main -l "Said in the room, seen on the projector"
t send-keys -t main C-d
t0=$(now)
if wait_in main "Saved" && wait_in fol "Said in the room, seen on the projector"; then
	echo "# the note showed on the follower after $(since "$t0") s"
	ok "a note the leader adds shows on the follower"
else
	nok "a note the leader adds shows on the follower"
fi

t send-keys -t main P
wait_in fol "Presenter" >/dev/null
t send-keys -t main q q
if wait_in main "ciipwb exited with status 0" && wait_in fol "the leader has quit" &&
    grep -qF "element 6 of 11" "$tmp/screen"; then
	ok "when the leader quits, the follower stays on its last item and says it has quit"
else
	nok "when the leader quits, the follower stays on its last item and says it has quit"
fi

t send-keys -t fol2 q
# From here only the follower runs: the file must not change while it polls, moves and quits.
before=$(sums)
sleep 1
t send-keys -t fol j j k
sleep 1
t send-keys -t fol q q
if wait_in fol "ciipwb exited with status 0"; then
	ok "the follower quits with status 0"
else
	nok "the follower quits with status 0"
fi
after=$(sums)
if [ -n "$before" ] && [ "$before" = "$after" ]; then
	ok "the follower leaves the workbook byte for byte as it was (and its mtime)"
else
	echo "# before: $before"
	echo "# after:  $after"
	nok "the follower leaves the workbook byte for byte as it was (and its mtime)"
fi
if "$CIIPWB" check "$wb" >/dev/null 2>&1; then
	ok "the workbook is sound after leader and follower"
else
	nok "the workbook is sound after leader and follower"
fi
