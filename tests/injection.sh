#!/bin/bash
# injection.sh: terminal-injection payloads (ESC/CSI/OSC/DCS, C1, bidi overrides, BOM, 10,000
# combining marks, invalid UTF-8, NUL) through every output path; the raw bytes each path
# writes must hold no live control sequence (TAP).
: "${CIIPWB:=../src/ciipwb}"
: "${srcdir:=.}"
LC_ALL=C.UTF-8
export LC_ALL
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }

tmp=$(mktemp -d) || exit 1
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

# inert FILE [curses|paged]: 0 when FILE holds no live control sequence. Plain output: no C0
# byte but LF, no DEL, no C1 (raw or UTF-8), no bidi control, no BOM, valid UTF-8. Paged
# output (the text summary) may also start a line with form feeds, its page breaks. Curses
# output may hold the terminal's own CSI sequences, but none of the payloads'.
inert() {
	if [ "${2:-}" = paged ]; then
		# A form feed anywhere but at the start of a line is not a page break.
		LC_ALL=C grep -q -a -P '[^\x0c]\x0c' "$1" && return 1
		LC_ALL=C tr -d '\f' <"$1" >"$1.noff"
		inert "$1.noff"
		return
	elif [ -n "${2:-}" ]; then
		# The payloads' own sequences: OSC, DCS, APC, PM, SOS, and the CSI reports below.
		if LC_ALL=C grep -q -a -e $'\e]' -e $'\eP' -e $'\e_' -e $'\e^' -e $'\eX' \
		    -e $'\e\\[6n' -e $'\e\\[21t' -e $'\e\\[5n' "$1"; then
			return 1
		fi
	else
		# The only C0 byte allowed is LF.
		if [ "$(LC_ALL=C tr -d '\n -~\200-\377' <"$1" | wc -c)" -ne 0 ] ||
		    LC_ALL=C grep -q -a $'\x7f' "$1"; then
			return 1
		fi
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || return 1
	fi
	# C1 as UTF-8 (U+0080-U+009F), bidi controls (U+061C, U+200E-F, U+202A-E, U+2066-9),
	# the BOM.
	if LC_ALL=C grep -q -a -e $'\xc2[\x80-\x9f]' -e $'\xd8\x9c' -e $'\xe2\x80[\x8e\x8f\xaa-\xae]' \
	    -e $'\xe2\x81[\xa6-\xa9]' -e $'\xef\xbb\xbf' "$1"; then
		return 1
	fi
	return 0
}

# The payloads, one per line of $tmp/payloads.hex (hex, so that NUL survives the shell).
p() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; echo; }
{
	p $'esc \e]0;PWNED-TITLE\a osc'
	p $'csi \e[6n \e[21t \e[5n \e[2J\e[31mred report'
	p $'dcs \eP1$r\e\\ apc \e_x\e\\ pm \e^x\e\\'
	p $'c1 \xc2\x9b6n \xc2\x9d0;X\xc2\x9c raw \x9b6n \x9d0;X\x07'
	p $'bidi \xe2\x80\xaeevil\xe2\x80\xac \xe2\x81\xa6x\xe2\x81\xa9 \xe2\x80\x8f \xd8\x9c'
	p $'\xef\xbb\xbfbom first and \xef\xbb\xbf inside'
	p $'invalid \xff\xfe \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82'
	p $'cr lf\r\nnew line \b\b\b backspace \x7f del \t tab \f form feed \v vt'
	printf '6e756c00206279746500' ; echo    # "nul", NUL, " byte"
	{ printf '61'; printf 'cc81%.0s' $(seq 10000); echo; }     # a + 10,000 combining marks
} >"$tmp/payloads.hex"
npay=$(wc -l <"$tmp/payloads.hex")

command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 (the client) is not installed"; exit 0; }

# A workbook holding every payload in every text column a view or a report shows.
"$CIIPWB" demo "$tmp/w.ciipwb" >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
{
	echo "BEGIN;"
	i=0
	while read -r hex; do
		i=$((i + 1))
		t="CAST(X'$hex' AS TEXT)"
		[ $i -eq 1 ] && echo "UPDATE workbook SET title = $t, venue = $t, country = $t, facilitator = $t;"
		echo "INSERT INTO note(id, ref, body) VALUES ($((9000 + i)), '64/211:1', $t);"
		echo "INSERT INTO note(id, ref, body) VALUES ($((9100 + i)), $t, $t);"
		echo "INSERT INTO evidence(id, ref, name, location) VALUES ($((9000 + i)), '64/211:1', $t, $t);"
		echo "INSERT INTO stakeholder(id, name, category, contact, responsibilities) VALUES ($((9000 + i)), $t, 'non_governmental', $t, $t);"
		echo "INSERT INTO action(id, ref, title) VALUES ($((9000 + i)), '64/211:1', $t);"
		echo "INSERT INTO breakout_group(id, name) VALUES ($((9000 + i)), $t);"
		echo "INSERT INTO session_log(id, heading, note, at) VALUES ($((9000 + i)), '64/211#1', $t, '2026-11-23T09:00:00Z');"
		echo "INSERT INTO conflict(id, tbl, row_key, ref, field, kept, kept_source, other, other_source) VALUES ($((9000 + i)), 'note', '$((9000 + i))', '64/211:1', 'body', json_quote($t), $t, json_quote($t), $t);"
		echo "INSERT INTO merge_log(id, source, title, at) VALUES ($((9000 + i)), $t, $t, '2026-11-23T09:00:00Z');"
	done <"$tmp/payloads.hex"
	echo "COMMIT;"
} >"$tmp/fill.sql"
sqlite3 "$tmp/w.ciipwb" <"$tmp/fill.sql" >/dev/null 2>&1 ||
    { echo "Bail out! cannot fill the workbook"; exit 1; }

# A framework file with a payload in every field.
fw() {
	local hex=$1
	local t
	t=$(printf '%s' "$hex" | sed 's/../\\x&/g')
	printf "framework XX-INJ\nsymbol    $t\nannex     $t\nfootnote  * $t\nheading   $t\nitem 1\nshort     $t\ntext      $t\nbullet    $t\n"
}

run() {  # run NAME [curses|paged] -- command...: output in $tmp/NAME.out / .err
	local name=$1 curses=
	shift
	case $1 in curses|paged) curses=$1; shift ;; esac
	[ "$1" = -- ] && shift
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
	if inert "$tmp/$name.out" $curses && inert "$tmp/$name.err"; then
		ok "$name: stdout and stderr hold no live control sequence"
	else
		nok "$name: stdout and stderr hold no live control sequence"
		LC_ALL=C od -c "$tmp/$name.out" "$tmp/$name.err" | grep -m 5 -E '033|302 23|342 200 2' | sed 's/^/# /'
	fi
}

cases=0
plan() { cases=$((cases + $1)); }

# stdout: check's report (title, details); stderr: check's problems.
plan 1; run check-report -- "$CIIPWB" check "$tmp/w.ciipwb"

# stderr: a file name, a framework file name, an option and a REF with payloads.
esc=$'\e]0;PWNED\a\e[6n\xc2\x9b6n\xe2\x80\xae'
plan 1; run open-missing -- "$CIIPWB" --script /dev/null "$tmp/$esc.ciipwb"
plan 1; run check-missing -- "$CIIPWB" check "$tmp/$esc.ciipwb"
plan 1; run framework-missing -- "$CIIPWB" -f "$tmp/$esc.txt" list
plan 1; run unknown-option -- "$CIIPWB" "--$esc"
plan 1; run show-unknown-ref -- "$CIIPWB" show "$esc"
plan 1; run width-bad -- "$CIIPWB" --width "$esc" list

# A framework file with each payload, listed and shown (stdout), and a broken one (stderr).
i=0
while read -r hex; do
	i=$((i + 1))
	fw "$hex" >"$tmp/fw$i.txt"
done <"$tmp/payloads.hex"
plan 1; run list-framework -- "$CIIPWB" $(for j in $(seq "$npay"); do echo "-f $tmp/fw$j.txt"; done | head -n 1) list
for j in $(seq "$npay"); do
	"$CIIPWB" -f "$tmp/fw$j.txt" list >>"$tmp/lists.out" 2>>"$tmp/lists.err"
	"$CIIPWB" -f "$tmp/fw$j.txt" show XX-INJ:1 >>"$tmp/shows.out" 2>>"$tmp/shows.err"
	{ printf 'framework XX-BAD\nitem 1\nbullet '; printf '%s' "$(sed -n "${j}p" "$tmp/payloads.hex")" | sed 's/../\\x&/g' | xargs -0 printf; printf '\nnonsense %s\n' x; } >"$tmp/bad$j.txt" 2>/dev/null
	"$CIIPWB" -f "$tmp/bad$j.txt" list >>"$tmp/bads.out" 2>>"$tmp/bads.err"
done
plan 3
for k in lists shows bads; do
	if inert "$tmp/$k.out" && inert "$tmp/$k.err"; then ok "$k of framework files with payloads: inert"
	else nok "$k of framework files with payloads: inert"; fi
done

# Refusals that quote the file: a schema whose SQL holds a payload (SQLite's own message
# quotes it), and a foreign view named by a payload (the notice names it).
cp "$tmp/w.ciipwb" "$tmp/malformed.ciipwb"
sqlite3 "$tmp/malformed.ciipwb" "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = CAST(X'$(p $'CREATE INDEX note_ref ON \e]0;PWNED\a\xc2\x9b6n(x)')' AS TEXT) WHERE name = 'note_ref';" >/dev/null 2>&1
plan 2
run malformed-open -- "$CIIPWB" --script /dev/null "$tmp/malformed.ciipwb"
run malformed-check -- "$CIIPWB" check "$tmp/malformed.ciipwb"
cp "$tmp/w.ciipwb" "$tmp/view.ciipwb"
sqlite3 "$tmp/view.ciipwb" "CREATE VIEW \"$(printf '\e]0;PWNED\a\xc2\x9b6n')\" AS SELECT 1; DROP INDEX note_ref;" >/dev/null 2>&1
plan 2
run foreign-open -- "$CIIPWB" --script /dev/null "$tmp/view.ciipwb"
run foreign-check -- "$CIIPWB" check "$tmp/view.ciipwb"

# stdout: the summary and the map as text, the difference from another workbook; stderr:
# merge, summary and map refusing a hostile path.
plan 1; run summary-text paged -- "$CIIPWB" summary --format text "$tmp/w.ciipwb"
plan 1; run summary-executive -- "$CIIPWB" summary --executive "$tmp/w.ciipwb"
plan 1; run map-text -- "$CIIPWB" map --format text "$tmp/w.ciipwb"
"$CIIPWB" demo "$tmp/other.ciipwb" >/dev/null 2>&1
plan 1; run diff-text -- "$CIIPWB" diff "$tmp/other.ciipwb" "$tmp/w.ciipwb"
plan 1; run merge-missing -- "$CIIPWB" merge "$tmp/other.ciipwb" "$tmp/gone-$esc.ciipwb"
plan 1; run merge-hostile -- "$CIIPWB" merge "$tmp/other.ciipwb" "$tmp/view.ciipwb"
plan 1; run summary-output -- "$CIIPWB" summary --output "$tmp/no/$esc.txt" "$tmp/w.ciipwb"
plan 1; run map-missing -- "$CIIPWB" map "$tmp/gone-$esc.ciipwb"

# The browser in a real terminal (a pty): the raw bytes of every view.
if command -v python3 >/dev/null && command -v infocmp >/dev/null; then
	cp "$tmp/w.ciipwb" "$tmp/tty.ciipwb"
	mkdir "$tmp/tty"
	python3 "$srcdir/tests/injection-tty.py" "$CIIPWB" "$tmp/tty.ciipwb" "$tmp/tty" >"$tmp/tty.out" 2>&1
	while read -r line; do
		plan 1
		case $line in
		"ok "*) ok "real terminal: ${line#ok }" ;;
		*) nok "real terminal: ${line#not ok }" ;;
		esac
	done <"$tmp/tty.out"
	[ -s "$tmp/tty.out" ] || { plan 1; nok "real terminal: injection-tty.py printed nothing"; }
else
	plan 1
	n=$((n + 1))
	echo "ok $n # SKIP real terminal: python3 or infocmp is not installed"
fi

# The browser, headless: every view over the hostile workbook, screens saved as text.
if [ -f "$srcdir/tests/injection.script" ]; then
	plan 1
	(cd "$tmp" && TERM=xterm-256color HOME="$tmp" XDG_DATA_HOME="$tmp" \
	    "$CIIPWB" --size 100x30 --script "$srcdir/tests/injection.script" "$tmp/w.ciipwb") \
	    >"$tmp/tui.out" 2>"$tmp/tui.err"
	cat "$tmp"/screen-* >"$tmp/screens.out" 2>/dev/null
	if grep -q "hits" "$tmp/screens.out" && inert "$tmp/screens.out" && inert "$tmp/tui.err"; then
		ok "the browser's screens (script mode) hold no live control sequence"
	else
		nok "the browser's screens (script mode) hold no live control sequence"
		tail -n 5 "$tmp/tui.err" | sed 's/^/# /'
	fi
fi

echo "1..$cases"
echo "# injection: $npay payloads through $cases output paths, $fails with a live control sequence"
