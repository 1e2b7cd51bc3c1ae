#!/bin/bash
# corpus.sh: a corpus of hostile and broken workbooks, made here, each opened (the browser,
# headless) and checked: no crash, no hang, a clear one-line message naming the file, the file
# and its -wal byte for byte as they were (TAP). CORPUS_MUTANTS sets the number of random
# bit-flipped copies (default 20; `make check-long` 300).
: "${CIIPWB:=../src/ciipwb}"
LC_ALL=C.UTF-8
export LC_ALL
mutants=${CORPUS_MUTANTS:-20}
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }

command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 (the client) is not installed"; exit 0; }
tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
c="$tmp/corpus"
mkdir -p "$c" "$tmp/home"
# The browser, headless: passes when the workbook opened read-only (its title bar says so).
echo "assert-screen-contains READ-ONLY" >"$tmp/ro.script"

"$CIIPWB" demo "$tmp/good.ciipwb" >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
size=$(stat -c %s "$tmp/good.ciipwb")

# Random bytes.
for len in 1 99 100 512 4096 65536; do head -c "$len" /dev/urandom >"$c/random-$len.ciipwb"; done
# An SQLite header and nothing else; a zeroed page; a header with a bad page size.
printf 'SQLite format 3\0' >"$c/header-only.ciipwb"
head -c 4096 /dev/zero >"$c/zeros.ciipwb"
{ printf 'SQLite format 3\0\x03\x00'; head -c 4078 /dev/zero; } >"$c/page-size-768.ciipwb"
# Truncations of a sound workbook.
for len in 16 100 1024 4096 8192 $((size / 2)) $((size - 1)); do
	head -c "$len" "$tmp/good.ciipwb" >"$c/truncated-$len.ciipwb"
done
# Wrong ids and versions.
wb() { cp "$tmp/good.ciipwb" "$c/$1.ciipwb"; sqlite3 "$c/$1.ciipwb" "$2" >/dev/null 2>&1; }
wb appid-other "PRAGMA application_id = 1234"
wb appid-zero "PRAGMA application_id = 0"
wb version-zero "PRAGMA user_version = 0"
wb version-minus-one "PRAGMA user_version = -1"
wb version-min "PRAGMA user_version = -2147483648"
wb version-max "PRAGMA user_version = 2147483647"
wb rollback-version-zero "PRAGMA journal_mode = DELETE; PRAGMA user_version = 0"
# Foreign objects, changed objects, schema text with escapes.
wb trigger "CREATE TRIGGER wipe AFTER INSERT ON note BEGIN DELETE FROM history; UPDATE item SET current = NULL; END"
wb trigger-raise "CREATE TRIGGER stop BEFORE INSERT ON note BEGIN SELECT RAISE(ABORT, 'no'); END"
wb view "CREATE VIEW v AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r"
wb index "CREATE UNIQUE INDEX one_note ON note(ref)" 
wb table "CREATE TABLE extra(x); INSERT INTO extra VALUES (zeroblob(100000))"
wb dropped-index "DROP INDEX note_ref"
wb dropped-table "DROP TABLE evidence"
wb added-column "ALTER TABLE note ADD COLUMN mood TEXT"
wb escape-view "CREATE VIEW \"$(printf '\033]0;PWNED\007\033[6n\302\233')\" AS SELECT 1"
wb escape-schema "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX note_ref ON $(printf '\033]0;PWNED\007') (x)' WHERE name = 'note_ref'"
wb escape-table "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET name = '$(printf '\033[2J')' WHERE name = 'note_ref'"
wb escape-rows "UPDATE workbook SET title = '$(printf '\033]0;PWNED\007')'; INSERT INTO note(id, ref, body) VALUES (77, '$(printf '\033[6n')', '$(printf '\302\233')')"
# Stray -wal files: a commit that was never checkpointed, one that makes the file foreign or
# refused, and garbage.
stray() {
	cp "$tmp/good.ciipwb" "$tmp/src.ciipwb"
	sqlite3 "$tmp/src.ciipwb" "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; $2" \
	    ".system cp $tmp/src.ciipwb $c/$1.ciipwb" ".system cp $tmp/src.ciipwb-wal $c/$1.ciipwb-wal" \
	    >/dev/null 2>&1
	rm -f "$tmp/src.ciipwb" "$tmp/src.ciipwb-wal" "$tmp/src.ciipwb-shm"
}
stray wal-note "INSERT INTO note(id, ref, body) VALUES (78, '64/211:1', 'in the wal')"
stray wal-trigger "CREATE TRIGGER t AFTER INSERT ON note BEGIN DELETE FROM history; END"
stray wal-version "PRAGMA user_version = -5"
stray wal-appid "PRAGMA application_id = 7"
cp "$tmp/good.ciipwb" "$c/wal-garbage.ciipwb"; head -c 70000 /dev/urandom >"$c/wal-garbage.ciipwb-wal"
cp "$tmp/good.ciipwb" "$c/shm-garbage.ciipwb"; head -c 32768 /dev/urandom >"$c/shm-garbage.ciipwb-shm"
# Not regular files, and names that are not what they seem.
ln -s "$tmp/good.ciipwb" "$c/symlink.ciipwb"
ln -s "$tmp/nowhere.ciipwb" "$c/dangling.ciipwb"
mkfifo "$c/fifo.ciipwb"
mkdir "$c/directory.ciipwb"
: >"$c/empty.ciipwb"
cp "$tmp/good.ciipwb" "$c/file:uri.ciipwb"
# Random bit flips in a sound workbook.
for i in $(seq "$mutants"); do
	cp "$tmp/good.ciipwb" "$c/mutant-$i.ciipwb"
	for k in 1 2 3 4; do
		off=$(( (RANDOM * 32768 + RANDOM) % size ))
		head -c 1 /dev/urandom | dd of="$c/mutant-$i.ciipwb" bs=1 seek="$off" conv=notrunc 2>/dev/null
	done
done

sum() { if [ -e "$1" ] && [ ! -d "$1" ] && [ ! -p "$1" ]; then md5sum <"$1" | cut -c1-32; else echo -; fi; }
same() {  # before after: equal, or the -wal was absent and is now empty
	[ "$1" = "$2" ] || { [ "$1" = - ] && [ "$2" = d41d8cd98f00b204e9800998ecf8427e ]; }
}
# A clear message: nothing on stderr, or one inert line that names the file.
clear_msg() {
	local err=$1 base=$2
	[ ! -s "$err" ] && return 0
	[ "$(wc -l <"$err")" -eq 1 ] || return 1
	grep -qF -- "$base" "$err" || return 1
	[ "$(LC_ALL=C tr -d '\n -~\200-\377' <"$err" | wc -c)" -eq 0 ] || return 1
	! LC_ALL=C grep -q -a -e $'\xc2[\x80-\x9f]' "$err"
}

total=0 refused=0 opened=0 opened_rw=0 checked_ok=0
for f in "$c"/*.ciipwb; do
	name=$(basename "$f")
	total=$((total + 1))
	before=$(sum "$f")
	wbefore=$(sum "$f-wal")
	bad=
	(cd "$tmp" && HOME="$tmp/home" XDG_DATA_HOME="$tmp/home" TERM=xterm-256color \
	    timeout 60 "$CIIPWB" --script "$tmp/ro.script" "$f") >"$tmp/out" 2>"$tmp/err"
	orc=$?
	rw=
	if [ $orc -eq 1 ] && grep -q "does not contain 'READ-ONLY'" "$tmp/err"; then
		# Opened for writing (a sound workbook, or damage the cheap checks cannot see):
		# the user's own, which the browser may write to.
		rw=1
		orc=0
		: >"$tmp/err"
	fi
	timeout 60 "$CIIPWB" check "$f" >"$tmp/cout" 2>"$tmp/cerr"
	crc=$?
	[ $orc -ge 124 ] && bad="$bad open: status $orc;"
	[ $crc -ge 124 ] && bad="$bad check: status $crc;"
	[ $orc -ne 0 ] && [ ! -s "$tmp/err" ] && bad="$bad open: no message;"
	[ $crc -ne 0 ] && [ ! -s "$tmp/cerr" ] && bad="$bad check: no message;"
	shown=${name%.ciipwb}
	clear_msg "$tmp/err" "$shown" || bad="$bad open: unclear message;"
	clear_msg "$tmp/cerr" "$shown" || bad="$bad check: unclear message;"
	if [ -z "$rw" ]; then
		same "$before" "$(sum "$f")" || bad="$bad the file changed;"
		same "$wbefore" "$(sum "$f-wal")" || bad="$bad its -wal changed;"
	fi
	if [ $orc -ne 0 ]; then refused=$((refused + 1))
	elif [ -n "$rw" ]; then opened_rw=$((opened_rw + 1))
	else opened=$((opened + 1)); fi
	[ $crc -eq 0 ] && checked_ok=$((checked_ok + 1))
	if [ -z "$bad" ]; then
		unchanged=", unchanged"
		[ -n "$rw" ] && unchanged=
		ok "$name: open status $orc${rw:+ (writable)}, check status $crc$unchanged"
	else
		nok "$name:$bad"
		sed 's/^/# open: /' "$tmp/err" | head -n 3
		sed 's/^/# check: /' "$tmp/cerr" | head -n 3
	fi
done
echo "1..$n"
echo "# corpus: $total hostile or broken files: $refused refused and $opened opened read-only, all unchanged; $opened_rw opened for writing (sound, or damage only check finds); $checked_ok passed check; $fails failures"
