#!/bin/sh
# tui-screens.sh: replay the browser scripts in tests/screens/ headless and compare every saved
# screen with its expected file (TAP, one case per screen).
#
# Each NAME.script runs at 80x24 and 120x40 (or at the sizes of a "# sizes: ..." line), with
# TERM=xterm-256color and the variables of an optional "# env: VAR=VALUE ..." line, on the
# default workbook, fresh for each script and size (so that no script starts where another
# left off), or on a fresh demo workbook with a "# workbook: demo" line, with
# the options of an optional "# args: ..." line (@srcdir@ stands for the source tree). Its
# "save-screen FILE" and "save-attrs FILE" commands are compared with
# tests/screens/NAME-COLSxROWS-FILE.expected.
# UPDATE_SCREENS=1 rewrites the expected files from what the browser draws now: review the
# diff by eye before committing it.
: "${srcdir:=.}"
: "${CIIPWB:=../src/ciipwb}"
dir=$(cd "$srcdir/tests/screens" && pwd) || exit 1

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data" || exit 1

sizes_of() {
	s=$(sed -n 's/^# sizes: *//p' "$1" | head -n 1)
	echo "${s:-80x24 120x40}"
}
saves_of() {
	sed -n -e 's/^[[:space:]]*save-screen[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' \
	    -e 's/^[[:space:]]*save-attrs[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' "$1"
}

# The plan: every saved screen at every size.
total=0
for script in "$dir"/*.script; do
	[ -f "$script" ] || continue
	nsaves=$(saves_of "$script" | wc -l)
	for size in $(sizes_of "$script"); do
		total=$((total + nsaves))
	done
done
if [ "$total" -eq 0 ]; then
	echo "1..0 # SKIP no scripts in $dir"
	exit 0
fi
echo "1..$((total + 3))"

n=0
for script in "$dir"/*.script; do
	[ -f "$script" ] || continue
	name=$(basename "$script" .script)
	extra=$(sed -n 's/^# env: *//p' "$script" | head -n 1)
	# "# args: ..." adds options to the command line; @srcdir@ is the source tree.
	args=$(sed -n 's/^# args: *//p' "$script" | head -n 1 | sed "s|@srcdir@|$srcdir|g")
	for size in $(sizes_of "$script"); do
		run="$tmp/run-$name-$size"
		mkdir -p "$run" || exit 1
		set --
		if grep -q '^# workbook: demo' "$script"; then
			"$CIIPWB" demo "$run/demo.ciipwb" >/dev/null 2>"$run/.err" || exit 1
			set -- "$run/demo.ciipwb"
		fi
		# shellcheck disable=SC2086 # $extra and $args are lists of words
		(cd "$run" && env -u LINES -u COLUMNS -u NO_COLOR HOME="$tmp" \
		    XDG_DATA_HOME="$run/data" TERM=xterm-256color $extra \
		    "$CIIPWB" $args --size "$size" --script "$script" "$@") \
		    >"$run/.out" 2>"$run/.err"
		rc=$?
		for save in $(saves_of "$script"); do
			n=$((n + 1))
			what="$name at $size: $save"
			expected="$dir/$name-$size-$save.expected"
			if [ "$rc" -ne 0 ]; then
				echo "not ok $n - $what (the script failed with status $rc)"
				sed 's/^/# /' "$run/.err"
				continue
			fi
			if [ ! -f "$run/$save" ]; then
				echo "not ok $n - $what (not saved)"
				continue
			fi
			if [ -n "$UPDATE_SCREENS" ]; then
				cp "$run/$save" "$expected" &&
				    echo "ok $n - $what # updated $expected: review it" ||
				    echo "not ok $n - $what (cannot write $expected)"
				continue
			fi
			if [ ! -f "$expected" ]; then
				echo "not ok $n - $what (no $expected; make it with UPDATE_SCREENS=1)"
				sed 's/^/# | /' "$run/$save"
			elif cmp -s "$expected" "$run/$save"; then
				echo "ok $n - $what"
			else
				echo "not ok $n - $what differs from $(basename "$expected")"
				diff -u "$expected" "$run/$save" | sed 's/^/# /'
			fi
		done
	done
done

# Script errors: status 1 and one line naming the script and its line.
run_bad() {
	(cd "$tmp" && env HOME="$tmp" XDG_DATA_HOME="$tmp/data" TERM=xterm-256color \
	    "$CIIPWB" --script "$1") >"$tmp/bad.out" 2>"$tmp/bad.err"
}
printf 'key j\n# a comment\nfrobnicate now\n' >"$tmp/bad.script"
run_bad "$tmp/bad.script"; rc=$?
n=$((n + 1))
if [ $rc -eq 1 ] && grep -q "bad.script:3: .*frobnicate" "$tmp/bad.err"; then
	echo "ok $n - an unknown script command fails with status 1 naming its line"
else
	echo "not ok $n - an unknown script command fails with status 1 naming its line (rc $rc)"
	sed 's/^/# /' "$tmp/bad.err"
fi
printf 'assert-screen-contains question 5 of 18\n' >"$tmp/assert.script"
run_bad "$tmp/assert.script"; rc=$?
n=$((n + 1))
if [ $rc -eq 1 ] && grep -q "assert.script:1: .*question 5 of 18" "$tmp/bad.err"; then
	echo "ok $n - assert-screen-contains fails when the screen does not show the text"
else
	echo "not ok $n - assert-screen-contains fails when the screen does not show the text (rc $rc)"
	sed 's/^/# /' "$tmp/bad.err"
fi
run_bad "$tmp/no-such.script"; rc=$?
n=$((n + 1))
if [ $rc -eq 1 ] && grep -q "no-such.script" "$tmp/bad.err" && [ ! -s "$tmp/bad.out" ]; then
	echo "ok $n - a missing script is an error naming it"
else
	echo "not ok $n - a missing script is an error naming it (rc $rc)"
	sed 's/^/# /' "$tmp/bad.err"
fi
