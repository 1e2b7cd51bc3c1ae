#!/bin/sh
# summary-browser.sh: a real browser prints the HTML summary to PDF at A4 and Letter (headless
# Chromium); pdfinfo/pdftotext check the paper, every part and reference, no blank page, and no
# word past the right margin, for the demo and for the hostile workbook (TAP).
# Needs chromium and poppler-utils; skipped without them, except where CIIPWB_REQUIRE_ALL is set
# (the CI sets it: there a missing browser is a failure, not a skip).
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

echo "1..16"
browser=$(command -v chromium || command -v chromium-browser)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null ||
    ! command -v python3 >/dev/null; then
	i=0
	while [ $i -lt 16 ]; do
		if [ -n "${CIIPWB_REQUIRE_ALL:-}" ]; then
			nok "chromium, poppler-utils and python3 are installed"
		else
			n=$((n + 1))
			echo "ok $n # SKIP chromium, poppler-utils or python3 not installed"
		fi
		i=$((i + 1))
	done
	exit 0
fi

hostile=${CIIPWB%/src/ciipwb}/tests/summary-hostile
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp
export HOME
SOURCE_DATE_EPOCH=1773248400
export SOURCE_DATE_EPOCH

"$CIIPWB" demo "$tmp/demo.ciipwb" >/dev/null 2>&1
"$hostile" "$tmp/hostile.ciipwb"
# A framework of 40 headings with long titles, two of its items rated: 48 headings in all.
nat=$srcdir/tests/summary/nat-40.txt
cp "$tmp/demo.ciipwb" "$tmp/many.ciipwb"
sqlite3 "$tmp/many.ciipwb" "INSERT INTO item(ref, current, target) VALUES ('NAT:3', 'formative', 'strategic'), ('NAT:7', 'start_up', 'dynamic')"

# print HTML PDF: headless Chromium, no network, a private profile.
print() {
	timeout 300 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --disable-dev-shm-usage --user-data-dir="$tmp/profile" --no-pdf-header-footer \
	    --print-to-pdf="$2" "file://$1" >"$tmp/chromium.log" 2>&1 && [ -s "$2" ]
}

# verify PDF PAPER WANT...: the paper size, each WANT string in the text, no blank page, and
# every word inside the page's right margin.
verify() {
	pdf=$1
	paper=$2
	shift 2
	pdftotext -layout "$pdf" "$tmp/all.txt" && pdftotext -bbox "$pdf" "$tmp/bbox.html" &&
	    pdfinfo "$pdf" >"$tmp/info" || return 1
	python3 - "$tmp/info" "$tmp/all.txt" "$tmp/bbox.html" "$paper" "$@" <<'EOF'
import re, sys
info, text, bbox, paper = sys.argv[1:5]
wants = sys.argv[5:]
info = open(info).read()
m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
w, h = float(m.group(1)), float(m.group(2))
size = {"a4": (595.3, 841.9), "letter": (612, 792)}[paper]
assert abs(w - size[0]) < 2 and abs(h - size[1]) < 2, ("paper", w, h)
text = open(text, encoding="utf-8").read()
squeezed = re.sub(r"\s+", " ", text)
for want in wants:
    assert want in squeezed, ("missing", want)
pages = text.split("\f")
if pages[-1].strip() == "":
    pages.pop()
assert len(pages) == int(re.search(r"Pages:\s+(\d+)", info).group(1))
for i, p in enumerate(pages):
    # The running header and the page number are on every sheet: more than that is needed.
    body = [l for l in p.split("\n") if l.strip() and not re.match(r"\s*page \d+ of \d+\s*$", l)]
    assert len(body) > 1, ("blank page", i + 1)
html = open(bbox, encoding="utf-8").read()
for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
    pw = float(page.group(1))
    for word in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', page.group(3)):
        assert float(word.group(2)) <= pw - 20, ("past the right margin", word.group(0))
        assert float(word.group(1)) >= 20, ("past the left margin", word.group(0))
EOF
}

refs=$(i=1; while [ $i -le 11 ]; do printf '58/199:%s ' $i; i=$((i + 1)); done;
    i=1; while [ $i -le 18 ]; do printf '64/211:%s ' $i; i=$((i + 1)); done)
parts="Stock-taking summary|Executive summary|Ratings at a glance|Ratings, notes and actions by heading|Areas for further action|Stakeholder map|Role matrix|Power/interest grid|Action plan|Session log|Appendix: the annex texts as adopted"

for paper in a4 letter; do
	"$CIIPWB" summary --format html --paper $paper --output "$tmp/demo-$paper.html" \
	    "$tmp/demo.ciipwb" 2>/dev/null
	print "$tmp/demo-$paper.html" "$tmp/demo-$paper.pdf"
	check "Chromium prints the demo summary to PDF on $paper" '[ $? -eq 0 ]'
	old=$IFS
	IFS='|'
	# shellcheck disable=SC2086
	set -- $parts
	IFS=$old
	# shellcheck disable=SC2086
	verify "$tmp/demo-$paper.pdf" $paper "$@" $refs 2>"$tmp/why"
	check "$paper: the paper size, every part and reference, no blank page, nothing past the margin" \
	    '[ $? -eq 0 ] || { sed "s/^/# /" "$tmp/why"; false; }'
	check "$paper: the header and 'page N of M' on the sheets" \
	    'grep -q "page 1 of" "$tmp/all.txt" && [ "$(grep -c "Veloria CIIP stock-taking workshop" "$tmp/all.txt")" -gt 3 ]'

	"$CIIPWB" summary --format html --paper $paper --output "$tmp/hostile-$paper.html" \
	    "$tmp/hostile.ciipwb" 2>/dev/null
	print "$tmp/hostile-$paper.html" "$tmp/hostile-$paper.pdf"
	check "Chromium prints the hostile summary to PDF on $paper" '[ $? -eq 0 ]'
	verify "$tmp/hostile-$paper.pdf" $paper "Executive summary" "Appendix: the annex texts" \
	    "64/211:1 " "64/211:18" "<script>alert" "=HYPERLINK" 2>"$tmp/why"
	check "$paper: hostile text printed as text, every word inside the page, no blank page" \
	    '[ $? -eq 0 ] || { sed "s/^/# /" "$tmp/why"; false; }'
	pdftotext "$tmp/hostile-$paper.pdf" "$tmp/plain.txt"
	python3 - "$tmp/plain.txt" "$tmp/hostile-$paper.html" >"$tmp/why" 2>&1 <<'EOF'
import re, sys
# Every occurrence of the 10,000-character word is printed whole: none is cut at the margin
# (a piece shorter than 5 letters at either end of an occurrence is not counted).
text = open(sys.argv[1], encoding="utf-8").read()
html = open(sys.argv[2], encoding="utf-8").read()
word = "".join(chr(97 + i % 26) for i in range(10000))
count = html.count(word)
want = count * 10000
cyc = "abcdefghijklmnopqrstuvwxyz" * 2
got = sum(len(r) for r in re.findall(r"[a-z]{5,}", text)
          if all(r[i:i + 26] in cyc for i in range(0, len(r), 20)))
assert want > 0 and want - 8 * count <= got <= want, (want, got)
EOF
	check "$paper: the 10,000-character word printed whole every time (nothing cut at the margin)" \
	    '[ $? -eq 0 ] || { sed "s/^/# /" "$tmp/why"; false; }'
	check "$paper: nothing from the workbook ran (the page is not hidden or restyled)" \
	    'grep -q "Ratings at a glance" "$tmp/all.txt" && [ "$(pdfinfo "$tmp/hostile-$paper.pdf" | sed -n "s/^Pages: *//p")" -gt 3 ]'

	# --executive: one sheet, whatever the workbook holds.
	: >"$tmp/why"
	for w in demo hostile many; do
		"$CIIPWB" -f "$nat" summary --executive --format html --paper $paper \
		    --output "$tmp/ex-$w-$paper.html" "$tmp/$w.ciipwb" 2>>"$tmp/why" &&
		    print "$tmp/ex-$w-$paper.html" "$tmp/ex-$w-$paper.pdf" &&
		    verify "$tmp/ex-$w-$paper.pdf" $paper "Executive summary" "Ratings at a glance" \
		    "The largest gaps" "Open actions due soonest" "Coverage" 2>>"$tmp/why" &&
		    pdfinfo "$tmp/ex-$w-$paper.pdf" | grep -q "^Pages: *1$" || echo "$w: not one page" >>"$tmp/why"
	done
	check "$paper: --executive prints on one page (the demo, the hostile workbook, 48 headings)" \
	    '[ ! -s "$tmp/why" ] || { sed "s/^/# /" "$tmp/why"; false; }'
done
