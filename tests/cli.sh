#!/bin/sh
# cli.sh: the command line: --help, --version, usage errors and their exit status (TAP).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..13"

"$CIIPWB" --help >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--help exits 0 and lists the commands" \
    '[ $rc -eq 0 ] && grep -q "show REF" "$tmp/out" && grep -q "check WORKBOOK" "$tmp/out" && [ ! -s "$tmp/err" ]'

"$CIIPWB" --version >"$tmp/out" 2>&1; rc=$?
check "--version prints the name and version" '[ $rc -eq 0 ] && grep -Eq "^ciipwb [0-9]+\.[0-9]+" "$tmp/out"'

"$CIIPWB" --bogus >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an unknown option is a usage error (exit 2), one line on stderr naming it" \
    '[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q -- "--bogus" "$tmp/err" && [ ! -s "$tmp/out" ]'

"$CIIPWB" show >"$tmp/out" 2>"$tmp/err"; rc=$?
check "show without REF is a usage error" '[ $rc -eq 2 ] && grep -q "show" "$tmp/err"'

"$CIIPWB" list extra >"$tmp/out" 2>"$tmp/err"; rc=$?
check "list with an argument is a usage error" '[ $rc -eq 2 ]'

"$CIIPWB" --width 5 list >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--width out of range is a usage error naming the value" '[ $rc -eq 2 ] && grep -q "5" "$tmp/err"'

"$CIIPWB" --width >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--width without a value is a usage error" '[ $rc -eq 2 ] && grep -q -- "--width" "$tmp/err"'

"$CIIPWB" --size 80by24 --script /dev/null >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--size of the wrong form is a usage error" '[ $rc -eq 2 ] && grep -q "COLSxROWS" "$tmp/err"'

"$CIIPWB" check >"$tmp/out" 2>"$tmp/err"; rc=$?
check "check without WORKBOOK is a usage error" '[ $rc -eq 2 ]'

"$CIIPWB" list --bogus >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a subcommand gets the options that are not global: list --bogus is a usage error" \
    '[ $rc -eq 2 ] && grep -q "list" "$tmp/err" && [ ! -s "$tmp/out" ]'

"$CIIPWB" show 64/211:5 --width 40 >"$tmp/out" 2>"$tmp/err"; rc=$?
"$CIIPWB" --width 40 show 64/211:5 >"$tmp/before" 2>&1
"$CIIPWB" show 64/211:5 >"$tmp/wide" 2>&1
check "global options also stand after the subcommand" \
    '[ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/before" && ! cmp -s "$tmp/out" "$tmp/wide"'

printf 'colour = blue\ntimebox_minutes = 9999\n' >"$tmp/config"
CIIPWB_CONFIG="$tmp/config" "$CIIPWB" list >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a bad settings file warns with file and line and never stops the program" \
    '[ $rc -eq 0 ] && [ -s "$tmp/out" ] && grep -q "config:1: unknown setting .colour." "$tmp/err" && grep -q "config:2: .timebox_minutes. must be" "$tmp/err"'

printf 'timebox_minutes = 5\033]0;pwned\007\n' >"$tmp/config"
CIIPWB_CONFIG="$tmp/config" "$CIIPWB" list >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a settings warning reaches the terminal with no escape sequence" \
    '[ $rc -eq 0 ] && grep -q "timebox_minutes" "$tmp/err" && ! grep -q "$(printf "\033")" "$tmp/err"'
