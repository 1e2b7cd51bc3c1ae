# tmux-lib.sh: sourced by the tmux tests: a private tmux server, TAP helpers, screen capture.
# The sourcing script sets sock (the server's socket name) first; this sets tmp, t, ok, nok,
# capture and wait_for, and skips the whole test when tmux is not installed.
: "${CIIPWB:=../src/ciipwb}"
tmux=${TMUX_BIN:-}
[ -n "$tmux" ] || tmux=$(command -v tmux 2>/dev/null)
if [ -z "$tmux" ] || [ ! -x "$tmux" ]; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

tmp=$(mktemp -d) || exit 1
t() { "$tmux" -L "$sock" -f /dev/null "$@"; }
trap 't kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
unset TMUX

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	sed 's/^/# | /' "$tmp/screen"
}
# Kill the server and wait until it is gone, so that a new one can take the same socket
# (a new-session racing the old server's exit fails with "server exited unexpectedly").
stop_server() {
	t kill-server >/dev/null 2>&1
	i=0
	while t has-session >/dev/null 2>&1 && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
}
capture() { t capture-pane -p -t main >"$tmp/screen" 2>/dev/null; }
# Wait (up to about 10 s) until the screen shows TEXT; a slow machine only waits longer.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		capture
		grep -qF -- "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
