#!/bin/sh
# map-cli.sh: `ciipwb map` in text, DOT (checked by Graphviz) and CSV (read back by Python's csv), with hostile names (TAP).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
oneline() { [ "$(wc -l <"$1")" -eq 1 ]; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..17"

"$CIIPWB" demo "$tmp/demo.ciipwb" >/dev/null 2>&1 || { echo "Bail out! cannot write the demo"; exit 1; }

"$CIIPWB" map "$tmp/demo.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "map prints the register, matrix, grid and coverage as text and exits 0" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "^Stakeholder register (17)" "$tmp/out" && grep -q "^Role matrix" "$tmp/out" && grep -q "manage closely" "$tmp/out" && grep -q "^Coverage per heading" "$tmp/out"'
check "the register counts each category in the annex's wording" \
    'grep -q "^  National Government ministries or agencies: 4$" "$tmp/out" && grep -q "^  Individual citizens: 2$" "$tmp/out" && grep -q "^  International partners: 4$" "$tmp/out"'
# Display columns of the widest line (wide CJK characters count 2).
widest() {
	python3 -c 'import sys, unicodedata as u
print(max(sum(2 if u.east_asian_width(c) in "WF" else 0 if u.combining(c) else 1
    for c in l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$1"
}
check "no text line is wider than 80 columns" '[ "$(widest "$tmp/out")" -le 80 ]'
check "the demo's gaps show: items without a lead and a stakeholder without a role" \
    'grep -q "No lead: 64/211:7" "$tmp/out" && grep -q "^\*Борис Волков" "$tmp/out"'

"$CIIPWB" --width 120 map "$tmp/demo.ciipwb" >"$tmp/wide" 2>&1
check "--width widens the text" '[ "$(widest "$tmp/wide")" -gt 80 ] && [ "$(widest "$tmp/wide")" -le 120 ]'

# A workbook whose names try to break every format.
cp "$tmp/demo.ciipwb" "$tmp/h.ciipwb"
sqlite3 "$tmp/h.ciipwb" "INSERT INTO stakeholder(id, name, category, contact, responsibilities)
  VALUES (11, 'Q\"uote \\back\\slash {brace} \\N \\G <b>x</b> &amp; ' || char(10) || 'second'
    || char(27) || '[31m line' || char(13) || char(8238) || 'rlo', 'national_government',
    '=cmd|'' /C calc''!A0', '+1' || char(9) || '-2'),
  (12, '}\"; digraph x {', 'other_government', '@SUM(A1)', '-3');
  INSERT INTO role(id, stakeholder_id, ref, role) VALUES (21, 11, '64/211:7', 'accountable'),
    (22, 12, 'X\"}/1:1', 'accountable');
  INSERT INTO relation(id, from_id, to_id, kind) VALUES (31, 11, 12, 'depends_on');" ||
    echo "Bail out! sqlite3 cannot write the hostile rows"

"$CIIPWB" map --format dot --output "$tmp/h.dot" "$tmp/h.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--format dot --output writes the file, mode 0600, nothing on stdout" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] && [ "$(stat -c %a "$tmp/h.dot")" = 600 ]'
check "the DOT holds no escape character, carriage return or bidi override" \
    '! LC_ALL=C grep -q "$(printf "\033")" "$tmp/h.dot" && ! LC_ALL=C grep -q "$(printf "\r")" "$tmp/h.dot" && ! grep -q "$(printf "\342\200\256")" "$tmp/h.dot"'
if command -v dot >/dev/null 2>&1; then
	dot -Tsvg "$tmp/h.dot" >"$tmp/h.svg" 2>"$tmp/dot.err"; rc=$?
	check "dot -Tsvg accepts it without a warning" '[ $rc -eq 0 ] && [ ! -s "$tmp/dot.err" ]'
	check "the graph shows the names as typed (quotes, backslashes, braces, entities)" \
	    'grep -qF "Q&quot;uote \\back\\slash {brace} \\N \\G &lt;b&gt;x&lt;/b&gt; &amp;amp;" "$tmp/h.svg" && grep -qF "}&quot;; digraph x {" "$tmp/h.svg"'
	check "one cluster per category present, relationships and leads as edges" \
	    '[ "$(grep -c "class=\"cluster\"" "$tmp/h.svg")" -eq 5 ] && grep -q "depends on" "$tmp/h.svg" && grep -q "leads" "$tmp/h.svg"'
else
	skip "dot -Tsvg: graphviz is not installed"
	skip "the graph shows the names as typed: graphviz is not installed"
	skip "one cluster per category: graphviz is not installed"
fi

"$CIIPWB" map --format=csv --output="$tmp/h.csv" "$tmp/h.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--format=csv --output=FILE writes the file, mode 0600" \
    '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(stat -c %a "$tmp/h.csv")" = 600 ]'
if command -v python3 >/dev/null 2>&1; then
	cat >"$tmp/read.py" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
head = rows[0]
assert head[:12] == ['id', 'name', 'category', 'category_label', 'contact',
    'responsibilities', 'influence', 'interest', 'engagement', 'quadrant', 'roles',
    'actions'], head
assert '64/211:18' in head and '58/199:1' in head and 'X"}/1:1' in head, head
assert all(len(r) == len(head) for r in rows), 'ragged rows'
assert len(rows) == 1 + 19, len(rows)
by = {r[0]: dict(zip(head, r)) for r in rows[1:]}
q = by['11']
assert q['name'].startswith('Q"uote \\back\\slash {brace}'), q['name']
assert '\n' in q['name'] and '\x1b' not in q['name'] and '\u202e' not in q['name']
assert q['contact'] == "'=cmd|' /C calc'!A0", q['contact']
assert q['responsibilities'] == "'+1 -2", q['responsibilities']
assert q['64/211:7'] == 'A' and q['category'] == 'national_government'
x = by['12']
assert x['contact'] == "'@SUM(A1)" and x['responsibilities'] == "'-3", x
assert x['X"}/1:1'] == 'A'
# No cell a spreadsheet would run.
for r in rows[1:]:
    for c in r[1:]:
        assert not c.lstrip(' ')[:1] in ('=', '+', '-', '@'), c
print('ok')
EOF
	check "Python's csv reads it back: one row each, formulas defused, names intact" \
	    '[ "$(python3 "$tmp/read.py" "$tmp/h.csv" 2>&1)" = ok ]'
else
	skip "Python's csv reads it back: python3 is not installed"
fi

"$CIIPWB" map "$tmp/h.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "the text of the hostile workbook carries no control character" \
    '[ $rc -eq 0 ] && ! LC_ALL=C grep -q "[[:cntrl:]]" "$tmp/out"'

"$CIIPWB" map --format svg "$tmp/demo.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an unknown format is a usage error (2) naming it" \
    '[ $rc -eq 2 ] && oneline "$tmp/err" && grep -q "svg" "$tmp/err"'
"$CIIPWB" map >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no workbook is a usage error (2)" '[ $rc -eq 2 ] && oneline "$tmp/err"'
"$CIIPWB" map "$tmp/missing.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a missing workbook exits 1 with one line naming it, creating nothing" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "missing.ciipwb" "$tmp/err" && [ ! -e "$tmp/missing.ciipwb" ]'
mkdir "$tmp/ro" && chmod 0500 "$tmp/ro"
"$CIIPWB" map --output "$tmp/ro/x.txt" "$tmp/demo.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ "$(id -u)" = 0 ]; then
	# root writes anywhere: an output that is a directory fails instead.
	"$CIIPWB" map --output "$tmp/ro" "$tmp/demo.ciipwb" >"$tmp/out" 2>"$tmp/err"; rc=$?
fi
check "an output that cannot be written exits 1 with one line naming it" \
    '[ $rc -eq 1 ] && oneline "$tmp/err" && grep -q "ro" "$tmp/err" && [ -z "$(ls "$tmp/ro" | grep -v "^x.txt$")" ]'
