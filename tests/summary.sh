#!/bin/sh
# summary.sh: `ciipwb summary` on the demo (golden files for every format), CSV and JSON parsed back
# by Python, the anonymous edition, files written privately and atomically, errors (TAP).
# UPDATE_GOLDEN=1 rewrites the golden files in tests/summary/ (read the diff before committing).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
oneline() { [ "$(wc -l <"$1")" -eq 1 ]; }

golden=$srcdir/tests/summary
hostile=${CIIPWB%/src/ciipwb}/tests/summary-hostile
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..38"

# 2026-03-11 17:00 UTC, the demo's second day.
SOURCE_DATE_EPOCH=1773248400
export SOURCE_DATE_EPOCH

"$CIIPWB" demo "$tmp/demo.ciipwb" >/dev/null 2>&1 &&
    sqlite3 "$tmp/demo.ciipwb" <"$golden/normalise.sql"
check "the demo workbook is made and normalised" '[ $? -eq 0 ]'

run() { # NAME ARGS...: the summary with ARGS into $tmp/NAME, compared with the golden file
	name=$1
	shift
	"$CIIPWB" summary "$@" "$tmp/demo.ciipwb" >"$tmp/$name" 2>"$tmp/$name.err"
	rc=$?
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$tmp/$name" "$golden/$name"
	fi
	check "summary $* exits 0 and matches $name" \
	    '[ $rc -eq 0 ] && [ ! -s "$tmp/$name.err" ] && cmp -s "$tmp/$name" "$golden/$name"'
}
run demo.txt
run demo-letter.txt --paper letter
run demo.md --format markdown
run demo.html --format html
run demo.csv --format csv
run demo.json --format json
run demo-anonymous.txt --anonymous
run demo-executive.txt --executive --paper letter
run demo-anonymous.json --format json --anonymous

"$CIIPWB" summary "$tmp/demo.ciipwb" >"$tmp/again" 2>/dev/null
check "the same workbook gives the same bytes" 'cmp -s "$tmp/again" "$tmp/demo.txt"'

# Pages: form feeds between them, 70 lines on A4, 66 on Letter, the footer on the last line.
pages() { # FILE LINES
	python3 - "$1" "$2" <<'EOF'
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
pages = text.split("\f")
for i, p in enumerate(pages):
    lines = p.split("\n")
    if lines[-1] == "":
        lines.pop()
    assert len(lines) == int(sys.argv[2]), (i, len(lines))
    assert lines[-1].strip() == "page %d of %d" % (i + 1, len(pages)), lines[-1]
    for l in lines:
        w = sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
                else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in l)
        assert w <= 80, (i, l)
EOF
}
check "A4 text: 70-line pages separated by form feeds, page N of M at the foot" \
    'pages "$tmp/demo.txt" 70'
check "Letter text: 66-line pages" 'pages "$tmp/demo-letter.txt" 66'
check "the executive summary is one page" 'pages "$tmp/demo-executive.txt" 66 && ! grep -q "$(printf "\f")" "$tmp/demo-executive.txt"'

python3 - "$tmp/demo.csv" >"$tmp/csv.out" 2>&1 <<'EOF'
import csv, sys, collections
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
kinds = collections.Counter(r["table"] for r in rows)
assert kinds["item"] == 29 and kinds["note"] == 22 and kinds["evidence"] == 8, kinds
assert kinds["action"] == 13 and kinds["stakeholder"] == 17 and kinds["log"] == 7, kinds
assert all(len(r) == 27 and None not in r for r in rows)
meta = {r["key"]: r["text"] for r in rows if r["table"] == "workbook"}
assert meta["format_version"] == "2" and meta["printed_at"] == "2026-03-11 17:00 UTC", meta
EOF
check "CSV: Python's csv module reads every table back" '[ $? -eq 0 ]'

python3 - "$tmp/demo.json" >"$tmp/json.out" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["format"] == "ciipwb-summary" and d["format_version"] == 1
assert len(d["items"]) == 29 and sum(len(i["notes"]) for i in d["items"]) == 22
assert len(d["actions"]) == 13 and len(d["stakeholders"]) == 17 and len(d["session_log"]) == 7
assert d["executive_summary"]["largest_gaps"][0] == "58/199:3"
assert d["areas_for_further_action"]["needs_review"]
EOF
check "JSON: Python's json module reads the whole content back" '[ $? -eq 0 ]'

for f in text markdown html csv json; do
	"$CIIPWB" summary --anonymous --format $f "$tmp/demo.ciipwb" >"$tmp/anon.$f" 2>/dev/null
done
check "anonymous edition: no stakeholder name, contact, facilitator or group in any format" \
    '! grep -l -e "Veloria National Cybersecurity" -e "ilse.marten" -e "Okonjo" -e "Academia" -e "Lennatel Tele" "$tmp"/anon.* >/dev/null'
check "anonymous edition: organisations by category" \
    'grep -q "National Government ministries or agencies" "$tmp/anon.text"'

# Files: private, atomic, never half-written.
"$CIIPWB" summary --format html --output "$tmp/out.html" "$tmp/demo.ciipwb" 2>"$tmp/err"
check "--output writes the file mode 0600 and nothing to stdout" \
    '[ $? -eq 0 ] && [ "$(stat -c %a "$tmp/out.html")" = 600 ] && cmp -s "$tmp/out.html" "$tmp/demo.html"'
echo old >"$tmp/keep.txt"
chmod 644 "$tmp/keep.txt"
"$CIIPWB" summary --output "$tmp/keep.txt" "$tmp/demo.ciipwb" 2>/dev/null
check "an existing --output is replaced by the complete new file, mode 0600" \
    'cmp -s "$tmp/keep.txt" "$tmp/demo.txt" && [ "$(stat -c %a "$tmp/keep.txt")" = 600 ]'
echo old >"$tmp/keep.txt"
"$CIIPWB" summary --output "$tmp/keep.txt" "$tmp/nothere.ciipwb" 2>"$tmp/err"
check "a missing workbook: exit 1, one line naming it, the old --output untouched" \
    '[ $? -eq 1 ] && oneline "$tmp/err" && grep -q nothere.ciipwb "$tmp/err" && [ "$(cat "$tmp/keep.txt")" = old ]'
"$CIIPWB" summary --output "$tmp/no/dir/s.txt" "$tmp/demo.ciipwb" 2>"$tmp/err"
check "an --output in a missing directory: exit 1, one line naming it" \
    '[ $? -eq 1 ] && oneline "$tmp/err" && grep -q "no/dir/s.txt" "$tmp/err" && [ ! -e "$tmp/no" ]'
"$CIIPWB" summary --format pdf "$tmp/demo.ciipwb" 2>"$tmp/err"
check "an unknown --format is a usage error (2) naming it" \
    '[ $? -eq 2 ] && oneline "$tmp/err" && grep -q pdf "$tmp/err"'
"$CIIPWB" summary 2>"$tmp/err"
check "no WORKBOOK is a usage error (2)" '[ $? -eq 2 ] && oneline "$tmp/err"'

# Hostile text: every format parses and stays inert.
"$hostile" "$tmp/h.ciipwb"
for f in text markdown html csv json; do
	"$CIIPWB" summary --format $f "$tmp/h.ciipwb" >"$tmp/out-h.$f" 2>/dev/null
done
python3 - "$tmp/out-h.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
for r in rows[1:]:
    assert len(r) == 27
    for c in r:
        assert not c[:1] in ("=", "+", "-", "@", "\t", "\r"), c[:40]
assert any(c.startswith("'=HYPERLINK") for r in rows for c in r)
EOF
check "hostile CSV: parsed back, no cell a spreadsheet would run as a formula" '[ $? -eq 0 ]'
python3 - "$tmp/out-h.json" <<'EOF'
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read()
d = json.loads(raw)
assert "<" not in raw and "\x1b" not in raw and "\u202e" not in raw
assert any("<script>" in n["body"] for i in d["items"] for n in i["notes"])
assert any(len(n["body"]) == 10000 for i in d["items"] for n in i["notes"])
EOF
check "hostile JSON: parsed back, the text kept, nothing raw that a browser would run" '[ $? -eq 0 ]'
check "hostile text: no escape sequence or bidi override in any format" \
    '! grep -l -e "$(printf "\033")" -e "$(printf "\342\200\256")" "$tmp"/out-h.* >/dev/null'
check "hostile HTML: no tag from the workbook" \
    '! grep -q -e "<script" -e "<img" -e "<b>bold" "$tmp/out-h.html"'

# A workbook made from last year's: each item says what changed since.
"$CIIPWB" new --from "$tmp/demo.ciipwb" "$tmp/next.ciipwb" >/dev/null 2>&1
"$CIIPWB" summary "$tmp/next.ciipwb" >"$tmp/next.txt" 2>/dev/null
check "a baseline: the item says what it was last year" \
    'grep -q "Since last time: Established in 2026; not assessed yet" "$tmp/next.txt"'
"$CIIPWB" summary --format json "$tmp/next.ciipwb" >"$tmp/next.json" 2>/dev/null
python3 - "$tmp/next.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
b = [i for i in d["items"] if i["ref"] == "64/211:5"][0]["baseline"]
assert b == {"current": "established", "target": "strategic", "since": "2026"}, b
EOF
check "a baseline: in the JSON too" '[ $? -eq 0 ]'
"$CIIPWB" summary --format csv "$tmp/next.ciipwb" >"$tmp/next.csv" 2>/dev/null
python3 - "$tmp/next.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
b = [r for r in rows if r["table"] == "baseline" and r["ref"] == "64/211:5"]
assert len(b) == 1 and (b[0]["current"], b[0]["target"], b[0]["detail"]) == \
    ("established", "strategic", "2026"), b
i = [n for n, r in enumerate(rows) if r["table"] == "item" and r["ref"] == "64/211:5"][0]
assert rows[i + 1] == b[0], "the baseline row follows its item"
EOF
check "a baseline: in the CSV, after its item" '[ $? -eq 0 ]'

# Two breakout groups changed the same note: the open conflict is in the CSV and the JSON.
cp "$tmp/demo.ciipwb" "$tmp/g1.ciipwb" && cp "$tmp/demo.ciipwb" "$tmp/g2.ciipwb"
sqlite3 "$tmp/g1.ciipwb" "UPDATE note SET body = 'Group one: =1+1', updated = '2026-03-11T10:00:00Z' WHERE id = (SELECT min(id) FROM note)"
sqlite3 "$tmp/g2.ciipwb" "UPDATE note SET body = 'Group two says otherwise', updated = '2026-03-11T10:05:00Z' WHERE id = (SELECT min(id) FROM note)"
cp "$tmp/demo.ciipwb" "$tmp/m.ciipwb"
"$CIIPWB" merge "$tmp/m.ciipwb" "$tmp/g1.ciipwb" "$tmp/g2.ciipwb" >/dev/null 2>&1
for a in "" --anonymous; do
	"$CIIPWB" summary --format csv $a "$tmp/m.ciipwb" >"$tmp/m$a.csv" 2>/dev/null
	"$CIIPWB" summary --format json $a "$tmp/m.ciipwb" >"$tmp/m$a.json" 2>/dev/null
done
python3 - "$tmp/m.csv" "$tmp/m.json" "$tmp/m--anonymous.csv" "$tmp/m--anonymous.json" <<'EOF'
import csv, json, sys
def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.DictReader(f) if r["table"] == "conflict"]
c = rows(sys.argv[1])
n = len(c) // 2
assert n > 0 and [r["status"] for r in c] == ["kept", "set_aside"] * n, c
assert {"Group two says otherwise", "Group one: =1+1"} <= {r["text"] for r in c}, c
assert {"g1.ciipwb", "g2.ciipwb"} <= {r["source"] for r in c}, c
assert all(r["name"] == "note" and r["key"] == "body" and r["ref"] for r in c), c
j = json.load(open(sys.argv[2], encoding="utf-8"))["open_conflicts"]
assert len(j) == n and j[0]["table"] == "note" and j[0]["ref"] == c[0]["ref"], j
assert [x["kept"] for x in j] == [r["text"] for r in c if r["status"] == "kept"], j
a = rows(sys.argv[3])
assert len(a) == n and not any(r["text"] or r["source"] for r in a) and a[0]["ref"], a
aj = json.load(open(sys.argv[4], encoding="utf-8"))["open_conflicts"]
assert len(aj) == n and "kept" not in aj[0], aj
EOF
check "merge conflicts: in the CSV (kept and set-aside rows) and the JSON; anonymous without values" '[ $? -eq 0 ]'

# A note and a rating on an item of a framework this run did not load: shown, not dropped.
cp "$tmp/demo.ciipwb" "$tmp/o.ciipwb"
sqlite3 "$tmp/o.ciipwb" "INSERT INTO note(id, ref, body, created, updated) VALUES (77, 'NAT:3', 'Backups of the registry tested', '2026-03-11T09:00:00Z', '2026-03-11T09:00:00Z'); INSERT INTO item(ref, current, target) VALUES ('NAT:3', 'formative', 'strategic')"
for f in text markdown html csv json; do
	"$CIIPWB" summary --format $f "$tmp/o.ciipwb" >"$tmp/o.$f" 2>/dev/null
done
check "a ref outside the loaded frameworks: its part, rating and note in text, Markdown, HTML" \
    'grep -q "^References outside the loaded frameworks" "$tmp/o.text" &&
    grep -q "^NAT:3  (not in the loaded frameworks)" "$tmp/o.text" &&
    grep -q "Rating: current Formative, target Strategic" "$tmp/o.text" &&
    grep -q "Backups of the registry tested" "$tmp/o.text" &&
    grep -q "Backups of the registry tested" "$tmp/o.markdown" &&
    grep -q "Backups of the registry tested" "$tmp/o.html"'
python3 - "$tmp/o.csv" "$tmp/o.json" <<'EOF'
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
i = [r for r in rows if r["ref"] == "NAT:3" and r["table"] == "item"]
assert len(i) == 1 and i[0]["detail"] == "not_in_loaded_frameworks" and i[0]["current"] == "formative", i
assert [r["text"] for r in rows if r["ref"] == "NAT:3" and r["table"] == "note"] == ["Backups of the registry tested"]
d = json.load(open(sys.argv[2], encoding="utf-8"))
o = d["outside_frameworks"]
assert [x["ref"] for x in o] == ["NAT:3"] and o[0]["notes"][0]["body"] == "Backups of the registry tested", o
assert all(x["ref"] != "NAT:3" for x in d["items"])
EOF
check "a ref outside the loaded frameworks: in the CSV and the JSON" '[ $? -eq 0 ]'

# LC_ALL=C: files and pipes keep the workbook's UTF-8 (summary and map); a terminal gets ASCII.
LC_ALL=C "$CIIPWB" summary "$tmp/demo.ciipwb" >"$tmp/c.txt" 2>"$tmp/c.err"
LC_ALL=C "$CIIPWB" summary --format csv --output "$tmp/c.csv" "$tmp/demo.ciipwb" 2>>"$tmp/c.err"
LC_ALL=C "$CIIPWB" map "$tmp/demo.ciipwb" >"$tmp/c.map" 2>>"$tmp/c.err"
check "LC_ALL=C: summary and map to a pipe or a file keep every letter, same bytes as in UTF-8" \
    'cmp -s "$tmp/c.txt" "$tmp/demo.txt" && grep -q "Banque Vélorienne" "$tmp/c.map" &&
    grep -q "Banque Vélorienne" "$tmp/c.csv" && [ ! -s "$tmp/c.err" ]'
if command -v script >/dev/null; then
	LC_ALL=C script -qec "'$CIIPWB' summary '$tmp/demo.ciipwb'" /dev/null >"$tmp/c.tty" 2>&1
	check "LC_ALL=C on a terminal: ASCII, '?' for other letters, a note saying how to keep them" \
	    '! LC_ALL=C grep -q "$(printf "[\200-\377]")" "$tmp/c.tty" &&
	    grep -q "Banque V?lorienne" "$tmp/c.tty" && grep -q "is not UTF-8" "$tmp/c.tty"'
else
	nok "LC_ALL=C on a terminal: script(1) (bsdutils) is needed"
fi

# --executive in text: one page whatever the workbook holds (hostile text; 48 headings).
"$hostile" "$tmp/hx.ciipwb"
cp "$tmp/demo.ciipwb" "$tmp/many.ciipwb"
sqlite3 "$tmp/many.ciipwb" "INSERT INTO item(ref, current, target) VALUES ('NAT:3', 'formative', 'strategic'), ('NAT:7', 'start_up', 'dynamic')"
: >"$tmp/ex.why"
for w in hx many; do
	for p in a4:70 letter:66; do
		"$CIIPWB" -f "$golden/nat-40.txt" summary --executive --paper ${p%%:*} "$tmp/$w.ciipwb" \
		    >"$tmp/ex-$w.txt" 2>>"$tmp/ex.why"
		{ pages "$tmp/ex-$w.txt" ${p#*:} && ! grep -q "$(printf "\f")" "$tmp/ex-$w.txt" &&
		    grep -q "^Coverage" "$tmp/ex-$w.txt"; } >>"$tmp/ex.why" 2>&1 ||
		    echo "$w ${p%%:*}: not one page" >>"$tmp/ex.why"
	done
done
grep -q "^One bar per framework: the 48 headings" "$tmp/ex-many.txt" || echo "many: no bar per framework" >>"$tmp/ex.why"
check "--executive text: one page at A4 and Letter for hostile text and 48 headings" \
    '[ ! -s "$tmp/ex.why" ] || { sed "s/^/# /" "$tmp/ex.why"; false; }'

# --check: a workbook that fails foreign_key_check gives no summary, with a line saying why.
cp "$tmp/demo.ciipwb" "$tmp/fk.ciipwb"
sqlite3 "$tmp/fk.ciipwb" "INSERT INTO note(id, ref, body, group_id, created, updated) VALUES (88, '64/211:1', 'orphan', 999999, '2026-03-11T09:00:00Z', '2026-03-11T09:00:00Z')"
"$CIIPWB" summary --check --output "$tmp/fk.txt" "$tmp/fk.ciipwb" >"$tmp/fk.out" 2>"$tmp/fk.err"
rc=$?
"$CIIPWB" summary --check "$tmp/demo.ciipwb" >"$tmp/ok.txt" 2>"$tmp/ok.err"
rc2=$?
check "--check: a failing workbook exits 1 naming it and the check, writes nothing; a sound one prints" \
    '[ $rc -eq 1 ] && [ ! -e "$tmp/fk.txt" ] && [ ! -s "$tmp/fk.out" ] && oneline "$tmp/fk.err" &&
    grep -q "fk.ciipwb: .*failed.*check" "$tmp/fk.err" && [ $rc2 -eq 0 ] && cmp -s "$tmp/ok.txt" "$tmp/demo.txt"'
