#!/bin/sh
# cli-workbook.sh: the workbook argument: a mistyped command is a usage error with a suggestion,
# never a new workbook; a new workbook is announced with where it was made (TAP).
: "${CIIPWB:=../src/ciipwb}"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/# err: /' "$tmp/err"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cwd" || exit 1
# run ARGS...: ciipwb in an empty directory with a private home.
run() {
	(cd "$tmp/cwd" && env HOME="$tmp" XDG_DATA_HOME="$tmp/data" TERM=xterm-256color \
	    "$CIIPWB" "$@") >"$tmp/out" 2>"$tmp/err"
}
echo "1..6"

run lsit; rc=$?
check "a mistyped command is a usage error that suggests the command" \
    '[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "did you mean .list." "$tmp/err" && [ -z "$(ls "$tmp/cwd")" ]'

run shwo 64/211:5; rc=$?
check "a mistyped command with arguments suggests too" \
    '[ $rc -eq 2 ] && grep -q "did you mean .show." "$tmp/err" && [ -z "$(ls "$tmp/cwd")" ]'

run frobnicate; rc=$?
check "a bare word far from every command says how to name a new workbook" \
    '[ $rc -eq 2 ] && grep -q "frobnicate.ciipwb" "$tmp/err" && ! grep -q "did you mean" "$tmp/err" && [ -z "$(ls "$tmp/cwd")" ]'

run --script /dev/null new.ciipwb; rc=$?
check "a new workbook is created and the message says where" \
    '[ $rc -eq 0 ] && [ -f "$tmp/cwd/new.ciipwb" ] && grep -q "created the new workbook $tmp/cwd/new.ciipwb" "$tmp/err"'

run --script /dev/null new.ciipwb; rc=$?
check "opening it again says nothing about creating it" \
    '[ $rc -eq 0 ] && ! grep -q "created" "$tmp/err"'

run --script /dev/null ./plain && mv "$tmp/cwd/plain" "$tmp/cwd/list2" && run --script /dev/null list2; rc=$?
check "a path makes a workbook of any name, and an existing file opens by its bare name" \
    '[ $rc -eq 0 ] && ! grep -q "created" "$tmp/err"'
