#!/bin/sh
# annex-show.sh: 'ciipwb list' and 'ciipwb show' print the official annex text word for word (TAP).
# The expected text is extracted independently from copies of the resolutions in tests/annex/.
LC_ALL=C.UTF-8; export LC_ALL
: "${top_srcdir:=${srcdir:-.}}"
dir="$top_srcdir/tests/annex"
bin="${CIIPWB:?set CIIPWB to the ciipwb binary}"
tmp="${TMPDIR:-/tmp}/annex-show.$$"
mkdir "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
	d=$1; shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}
# Whitespace-normalised text of a file, on one line.
norm() { tr '\t\n' '  ' < "$1" | tr -s ' ' | sed 's/^ //; s/ $//'; }

# Independent extraction: "REF<TAB>KIND<TAB>TEXT" for each item, bullet, heading, footnote, title.
awk -F '\t' '
	FNR == 1 { fw = FILENAME ~ /58-199/ ? "58/199" : "64/211"; annex = 0; done = 0; item = "" }
	/^\[DU1\]/ && annex { done = 1 }
	done { next }
	{ sub(/[ \r]+$/, "") }
	fw == "58/199" && /^\t\tAnnex$/ { annex = 1; getline; sub(/^\t+/, ""); sub(/[ \r]+$/, "");
		print fw "\ttitle\t" $0; next }
	fw == "64/211" && /^\tAnnex$/ { annex = 1; getline t1; getline t2; sub(/^\t+/, "", t1);
		sub(/ +$/, "", t1); sub(/2$/, "", t2); print fw "\ttitle\t" t1 " " t2; next }
	!annex || $0 == "" { next }
	/^\t?[0-9]+\.\t/ { sub(/^\t/, ""); num = $1; sub(/\.$/, "", num); item = fw ":" num;
		print item "\ttext\t" $2; next }
	/^\xe2\x80\xa2\t/ { print item "\tbullet\t" $2; next }
	fw == "64/211" && /^2 / { sub(/^2 /, ""); print fw "\tfootnote\t" $0; next }
	/^[0-9]+ / { next }
	{ sub(/^\t/, ""); print fw "\theading\t" $0 }
' "$dir/A-RES-58-199.txt" "$dir/A-RES-64-211.txt" > "$tmp/expected"

refs=$(awk -F '\t' '$2 == "text" { print $1 }' "$tmp/expected")
nrefs=$(echo "$refs" | wc -l)
nhead=$(awk -F '\t' '$2 == "heading"' "$tmp/expected" | wc -l)
nbull=$(awk -F '\t' '$2 == "bullet"' "$tmp/expected" | wc -l)

echo "1..$((29 + 29 + 12))"

# The extraction itself: 29 items, 7 headings, 4 bullets (else every check below means little).
if [ "$nrefs" -eq 29 ] && [ "$nhead" -eq 7 ] && [ "$nbull" -eq 4 ]; then
	ok "the reference texts hold 29 items, 7 headings and 4 bullets"
else
	notok "the reference texts hold 29 items, 7 headings and 4 bullets" \
	    "found $nrefs items, $nhead headings, $nbull bullets"
fi
footnote=$(awk -F '\t' '$2 == "footnote" { print $3 }' "$tmp/expected")

# 29 items: the official text, every bullet (with a bullet marker) and, for 64/211, the footnote
# to the annex title, word for word.
for ref in $refs; do
	"$bin" show "$ref" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	got=$(norm "$tmp/out")
	missing=""
	while IFS='	' read -r r kind text; do
		[ "$r" = "$ref" ] || continue
		case $kind in
		text) want=$text ;;
		bullet) want="• $text" ;;
		*) continue ;;
		esac
		case $got in
		*"$want"*) ;;
		*) missing="$missing [$kind: $want]" ;;
		esac
	done < "$tmp/expected"
	case $ref in
	64/211:*) case $got in *"$footnote"*) ;; *) missing="$missing [footnote 2]" ;; esac ;;
	esac
	case $got in
	"$ref "*) ;;
	*) missing="$missing [header starting with $ref]" ;;
	esac
	if [ $rc -eq 0 ] && [ -z "$missing" ] && [ ! -s "$tmp/err" ]; then
		ok "show $ref prints the official text word for word"
	else
		notok "show $ref prints the official text word for word" "exit $rc" "missing:$missing" \
		    "stderr: $(cat "$tmp/err")"
	fi
done

# --width 40: no line wider than 40 columns, for every item (the text is ASCII but for "•").
for ref in $refs; do
	"$bin" --width 40 show "$ref" > "$tmp/out" 2>&1
	wide=$(sed 's/•/*/g' "$tmp/out" | awk 'length($0) > 40')
	if [ -z "$wide" ] && [ -s "$tmp/out" ]; then
		ok "show --width 40 $ref fits in 40 columns"
	else
		notok "show --width 40 $ref fits in 40 columns" "$wide"
	fi
done

# list: every item with its ref, every heading, both annex titles.
"$bin" list > "$tmp/list" 2> "$tmp/err"
rc=$?
missing=""
for ref in $refs; do
	grep -q "^ *$ref  *[A-Z]" "$tmp/list" || missing="$missing $ref"
done
check "list prints all 29 refs, each with a short title" test $rc -eq 0 -a -z "$missing" -a ! -s "$tmp/err"
[ -z "$missing" ] || echo "# missing:$missing"
got=$(norm "$tmp/list")
missing=""
while IFS='	' read -r r kind text; do
	case $kind in heading|title) case $got in *"$text"*) ;; *) missing="$missing [$text]" ;; esac ;; esac
done < "$tmp/expected"
check "list prints the 7 headings and both annex titles" test -z "$missing"
[ -z "$missing" ] || echo "# missing:$missing"
check "list indents 64/211 questions under their heading" \
    grep -q '^    64/211:5   Key stakeholders$' "$tmp/list"
check "list prints the 58/199 elements without a heading" \
    grep -q '^  58/199:1   Emergency warning networks$' "$tmp/list"
"$bin" --width 40 list > "$tmp/out" 2>&1
check "list --width 40 fits in 40 columns" test -z "$(awk 'length($0) > 40' "$tmp/out")"

# An unknown ref: exit 1, nothing on stdout, one line on stderr naming the valid refs.
"$bin" show 64/211:19 > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
    grep -q "no item '64/211:19'.*58/199:1 to 58/199:11 and 64/211:1 to 64/211:18" "$tmp/err"; then
	ok "show 64/211:19 fails with one line naming the valid references"
else
	notok "show 64/211:19 fails with one line naming the valid references" "exit $rc" \
	    "stderr: $(cat "$tmp/err")"
fi

# Refs are read leniently: case, blanks, the document symbol.
"$bin" show ' a/res/64/211 : 5 ' > "$tmp/out" 2>&1
check "show accepts ' a/res/64/211 : 5 ' for 64/211:5" grep -q '^64/211:5  ' "$tmp/out"

# Related items, from both sides.
"$bin" show 64/211:15 > "$tmp/out" 2>&1
check "show 64/211:15 lists 58/199:9 as related" \
    grep -q '^Related: 58/199:9 Laws and trained personnel$' "$tmp/out"

# A national checklist with --framework.
"$bin" --framework "$dir/national.txt" list > "$tmp/out" 2> "$tmp/err"
rc=$?
check "--framework adds a national checklist to list" \
    test $rc -eq 0 -a ! -s "$tmp/err" -a -n "$(grep '^    KE-2026:1  Lead agency$' "$tmp/out")"
"$bin" --framework "$dir/national.txt" show ke-2026:1 > "$tmp/out" 2> "$tmp/err"
rc=$?
got=$(norm "$tmp/out")
case $got in
"KE-2026:1 KE/CIIP/2026 Governance: Lead agency Which agency leads the protection of critical\
 information infrastructures, and under which law? • Name its point of contact; • Name its\
 deputy. Footnotes: a Answer for the civilian agencies only. Related: 58/199:1 Emergency\
 warning networks, 64/211:10 Incident coordinator")
	ok "show prints a national item with its bullets, footnote and related refs" ;;
*)
	notok "show prints a national item with its bullets, footnote and related refs" "exit $rc" \
	    "got: $got" ;;
esac
"$bin" -f "$dir/bad-national.txt" list > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
    grep -q "^ciipwb: $dir/bad-national.txt:4: 'bullet' outside an item" "$tmp/err"; then
	ok "a malformed --framework file fails with FILE:LINE: on stderr"
else
	notok "a malformed --framework file fails with FILE:LINE: on stderr" "exit $rc" \
	    "stderr: $(cat "$tmp/err")"
fi
