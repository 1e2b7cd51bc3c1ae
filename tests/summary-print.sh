#!/bin/sh
# summary-print.sh: a real print queue. The test starts its own CUPS daemon (private config,
# spool and socket in a temporary directory) with a cups-pdf printer, sends `ciipwb summary | lp`
# to it, and checks the PDF that comes out: A4 and Letter sheets, one per summary page, none
# blank (TAP).
# Needs root (the cups-pdf backend is root's only), cups and printer-driver-cups-pdf; skipped
# without them, except where CIIPWB_REQUIRE_ALL is set (the CI): there that is a failure.
# cups-pdf writes into the printing user's ~/PDF (its configuration is system-wide): the test
# names its jobs uniquely and removes exactly the files it made.
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
planned=12
echo "1..$planned"

cupsd=$(command -v cupsd || echo /usr/sbin/cupsd)
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
if [ "$(id -u)" != 0 ] || [ ! -x "$cupsd" ] || [ ! -x /usr/lib/cups/backend/cups-pdf ] ||
    [ ! -f "$ppd" ] || ! command -v lp >/dev/null || ! command -v pdfinfo >/dev/null ||
    ! command -v pdftoppm >/dev/null || ! command -v python3 >/dev/null; then
	i=0
	while [ $i -lt $planned ]; do
		if [ -n "${CIIPWB_REQUIRE_ALL:-}" ]; then
			nok "root, cups, printer-driver-cups-pdf, poppler-utils and python3 are here"
		else
			n=$((n + 1))
			echo "ok $n # SKIP needs root, cups, printer-driver-cups-pdf and poppler-utils"
		fi
		i=$((i + 1))
	done
	exit 0
fi

tmp=$(mktemp -d) || exit 1
chmod 755 "$tmp"
pid=
out=$(getent passwd "$(id -un)" | cut -d: -f6)/PDF
# Job titles start with this run's own tag; "-" ends it, so that run 2001 never takes 20012's.
tag=ciipwb-test-$$-$(date +%s)
made_out=
[ -d "$out" ] || made_out=1
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -f "$out/$tag-"*
	[ -n "$made_out" ] && rmdir "$out" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
SOURCE_DATE_EPOCH=1773248400
export SOURCE_DATE_EPOCH

mkdir -p "$tmp/spool" "$tmp/cache" "$tmp/state" "$tmp/tmp"
chmod 1777 "$tmp/tmp"
cat >"$tmp/cupsd.conf" <<EOF
Listen $tmp/cups.sock
LogLevel warn
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
cat >"$tmp/cups-files.conf" <<EOF
ServerRoot $tmp
RequestRoot $tmp/spool
CacheDir $tmp/cache
StateDir $tmp/state
TempDir $tmp/tmp
ErrorLog $tmp/error_log
AccessLog $tmp/access_log
PageLog $tmp/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
FileDevice No
Sandboxing Relaxed
EOF
"$cupsd" -f -c "$tmp/cupsd.conf" -s "$tmp/cups-files.conf" >"$tmp/cupsd.out" 2>&1 &
pid=$!
CUPS_SERVER=$tmp/cups.sock
export CUPS_SERVER
i=0
while [ ! -S "$tmp/cups.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
# 7 lines and 11 characters an inch: the 70-line A4 and 66-line Letter pages of 80 columns
# fit inside the printable area (ciipwb(1), PRINTING).
lpadmin -p ciipwbpdf -E -v cups-pdf:/ -P "$ppd" -o lpi-default=7 -o cpi-default=11 \
    >"$tmp/lpadmin" 2>&1 && lpadmin -d ciipwbpdf >>"$tmp/lpadmin" 2>&1
check "a private CUPS daemon runs with a cups-pdf queue" '[ $? -eq 0 ] && kill -0 $pid'

"$CIIPWB" demo "$tmp/demo.ciipwb" >/dev/null 2>&1

# wait_pdf NAME: the PDF cups-pdf made for the job titled NAME (waits up to two minutes).
wait_pdf() {
	i=0
	while [ $i -lt 1200 ]; do
		f=$(ls "$out/$1"_*.pdf 2>/dev/null | head -n 1)
		# Done: the queue is empty, and the file is whole (it stopped growing and reads).
		if [ -n "$f" ] && ! lpstat -o 2>/dev/null | grep -q .; then
			size=$(wc -c <"$f")
			sleep 0.3
			if [ "$(wc -c <"$f")" = "$size" ] && pdfinfo "$f" >/dev/null 2>&1; then
				echo "$f"
				return 0
			fi
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# inked PDF: every page has ink on it (rendered in grey; more than a header's worth).
inked() {
	pdftoppm -r 20 -gray "$1" "$tmp/page" 2>/dev/null &&
	    python3 - "$tmp"/page*.pgm <<'EOF'
import sys
for name in sys.argv[1:]:
    data = open(name, "rb").read()
    # P5 header: magic, width, height, maxval, then the pixels.
    parts = data.split(maxsplit=4)
    pixels = parts[4]
    dark = sum(1 for b in pixels if b < 160)
    assert dark > 200, (name, dark)
EOF
	rm -f "$tmp"/page*.pgm
}

for paper in a4 letter; do
	"$CIIPWB" summary --paper $paper "$tmp/demo.ciipwb" >"$tmp/summary-$paper.txt"
	pages=$(($(tr -cd '\f' <"$tmp/summary-$paper.txt" | wc -c) + 1))
	media=$paper
	[ $paper = a4 ] && media=A4
	"$CIIPWB" summary --paper $paper "$tmp/demo.ciipwb" |
	    lp -t "$tag-$paper" -o media=$media >"$tmp/lp.out" 2>&1
	check "ciipwb summary --paper $paper | lp: the queue takes the job" \
	    '[ $? -eq 0 ] && grep -q "request id is ciipwbpdf-" "$tmp/lp.out"'
	pdf=$(wait_pdf "$tag-$paper")
	check "$paper: cups-pdf writes a PDF with one sheet per summary page ($pages)" \
	    '[ -n "$pdf" ] && [ "$(pdfinfo "$pdf" | sed -n "s/^Pages: *//p")" = "$pages" ]'
	if [ $paper = a4 ]; then size='595 x 842'; else size='612 x 792'; fi
	check "$paper: the sheets are $paper" \
	    '[ -n "$pdf" ] && pdfinfo "$pdf" | grep -q "Page size: *$size"'
	check "$paper: no blank sheet" '[ -n "$pdf" ] && inked "$pdf"'
done

# The print key of the Summary view, through the print_command setting (its default with a
# job title, so that this run finds its own PDF among those of other runs): the message line
# names the queue, and the PDF holds the summary's pages.
printf 'key Y\nkey p\nsave-screen printed\n' >"$tmp/print.script"
printf 'print_command = lp -t %s-app -o lpi=7 -o cpi=11\n' "$tag" >"$tmp/settings"
(cd "$tmp" && env -u CIIPWB_PRINT HOME="$tmp" CIIPWB_CONFIG="$tmp/settings" \
    TERM=xterm-256color "$CIIPWB" --size 100x30 --script "$tmp/print.script" "$tmp/demo.ciipwb" \
    >"$tmp/app.out" 2>&1)
check "the print key: the message line names the queue that took the job" \
    '[ $? -eq 0 ] && grep -q "Sent to print queue ciipwbpdf (request ciipwbpdf-[0-9]*)" "$tmp/printed"'
pdf=$(wait_pdf "$tag-app")
if [ -z "$pdf" ]; then
	# Say why in the log: the jobs, the daemon's errors, what cups-pdf wrote.
	{ lpstat -W all -o; tail -n 20 "$tmp/error_log"; ls "$out"; } 2>&1 | sed 's/^/# /'
fi
pages=$(($(tr -cd '\f' <"$tmp/summary-a4.txt" | wc -c) + 1))
check "the print key: cups-pdf writes one A4 sheet per page of the summary ($pages)" \
    '[ -n "$pdf" ] && [ "$(pdfinfo "$pdf" | sed -n "s/^Pages: *//p")" = "$pages" ] && pdfinfo "$pdf" | grep -q "Page size: *595 x 842"'
check "the print key: no blank sheet" '[ -n "$pdf" ] && inked "$pdf"'
