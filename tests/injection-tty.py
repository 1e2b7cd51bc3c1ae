#!/usr/bin/env python3
# injection-tty.py: the browser in a real pseudo-terminal over a workbook full of payloads;
# every byte it writes must be text or a sequence the terminal description produces.
"""Usage: injection-tty.py CIIPWB WORKBOOK OUTDIR

Runs the browser (TERM=xterm-256color, 100x30) in a pty once per group of views (all at
once, each on its own copy of WORKBOOK), presses the keys that open them, and keeps every
byte the program wrote (OUTDIR/tty-N.raw).
The bytes are read as a terminal reads them: each escape sequence, control string and
control character must be one that a string capability of the terminal description
produces (not the queries u6-u9, RV, XR, nor those that take text, %s); the text between
must be valid UTF-8 without C1 controls, bidi controls or a BOM. Prints one line per run:
"ok NAME" or "not ok NAME: why".
"""
import concurrent.futures
import curses
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time

TERM = "xterm-256color"
COLS, ROWS = 100, 30

# Each run: a name, a word its view shows, and the keys pressed in turn.
ESC = "\x1b"
ENTER = "\r"
TAB = "\t"
DOWN = ESC + "[B"
PGDN = ESC + "[6~"
RUNS = [
    ("browser item pane", "Workbook", ["64/211:1", ENTER, TAB] + [DOWN] * 6 + [PGDN] * 2),
    ("reference with a payload", "Workbook", ["64/211:1", ENTER, ":", ENTER]),
    ("actions view", "Actions", ["A"] + [DOWN] * 6 + [ENTER]),
    ("search results", "Search", ["/", "e", ENTER] + [DOWN] * 6 + [ENTER, "n", "n"]),
    ("stakeholder register and detail", "Stakeholders",
     ["K"] + [DOWN] * 6 + [ENTER, PGDN, ESC, "M", ESC, "I", ESC]),
    ("presenter", "Presenter", ["64/211:1", ENTER, "P", " ", " ", " ", " "]),
    ("summary preview", "Summary", ["Y", ENTER, PGDN, PGDN, PGDN, PGDN]),
    ("conflicts", "Conflicts", ["X", DOWN, DOWN, ENTER]),
    ("session log and workshop details", "Session log",
     ["J", DOWN, ESC, "W", DOWN, DOWN, ESC, ESC]),
    ("roles and coverage", "Coverage", ["64/211:1", ENTER, "w", DOWN, ESC, "C", DOWN, ESC]),
]


def cap_regex(raw):
    """A regex (bytes) for every string a parameterized capability can produce."""
    raw = re.sub(rb"\$<[0-9.*/]*>", b"", raw)      # padding is no bytes
    out = [[b""]]      # a stack: the alternatives of each open %? ... %;, last is current
    i = 0
    while i < len(raw):
        c = raw[i:i + 1]
        if c != b"%":
            out[-1][-1] += re.escape(c)
            i += 1
            continue
        m = re.match(rb"%(?:(%)|([:+# -]?\d*(?:\.\d+)?[doxXs])|(c)|(\?)|(t)|(e)|(;)|"
                     rb"(p\d|[Pg][a-zA-Z]|'.'|\{\d+\}|[-+*/mAO&|^=<>!~il]))", raw[i:])
        if m is None:
            raise ValueError("cannot read %r" % raw)
        i += len(m.group(0))
        if m.group(1):
            out[-1][-1] += b"%"
        elif m.group(2):
            out[-1][-1] += rb"[0-9A-Fa-f-]*" if m.group(2)[-1:] != b"s" else rb".*?"
        elif m.group(3):
            out[-1][-1] += rb"[\x00-\xff]"
        elif m.group(4):
            out.append([b""])
        elif m.group(5):
            out[-1][-1] = b""     # what came since %? or %e was the condition
        elif m.group(6):
            out[-1].append(b"")
        elif m.group(7):
            alts = out.pop()
            out[-1][-1] += b"(?:" + b"|".join(alts) + b"|)"
    return out[0][0]


def allowed_sequences():
    curses.setupterm(TERM, sys.stdout.fileno() if sys.stdout.isatty() else os.open(
        os.devnull, os.O_WRONLY))
    names = []
    desc = subprocess.run(["infocmp", "-1", "-x", TERM], capture_output=True, text=True,
                          check=True).stdout
    for line in desc.splitlines():
        m = re.match(r"\s+([A-Za-z0-9]+)=", line)
        if m:
            names.append(m.group(1))
    pats = []
    for name in names:
        if name in ("u6", "u7", "u8", "u9", "RV", "XR") or name.startswith("k"):
            continue      # queries the terminal answers, and what keys send
        raw = curses.tigetstr(name)
        if not raw or b"%s" in raw or re.search(rb"%[:+# -]?\d*s", raw):
            continue      # absent, or carries text
        pats.append(cap_regex(raw))
    # Longest alternatives first, so that a whole capability wins over its prefix.
    pats.sort(key=len, reverse=True)
    return re.compile(b"|".join(b"(?:" + p + b")" for p in pats), re.S)


# One control sequence, control string or control character, as a terminal reads it.
CONTROL = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"          # CSI
    rb"|\x1b[\]PX^_][\x00-\xff]*?(?:\x07|\x1b\\)"           # OSC, DCS, SOS, PM, APC
    rb"|\x1b[\]PX^_]"                                      # ... never ended
    rb"|\x1b[\x20-\x2f]*[\x30-\x7e]"                        # other escapes
    rb"|\x1b"
    rb"|[\x00-\x1a\x1c-\x1f\x7f]", re.S)
FORBIDDEN_TEXT = re.compile("[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def check(data, allowed):
    """None, or what is wrong with the bytes (the first problem, with its place)."""
    pos = 0
    while True:
        m = CONTROL.search(data, pos)
        text = data[pos:m.start() if m else len(data)]
        try:
            t = text.decode("utf-8")
        except UnicodeDecodeError as e:
            return "invalid UTF-8 at byte %d: %r" % (pos + e.start,
                                                     text[e.start:e.start + 8])
        bad = FORBIDDEN_TEXT.search(t)
        if bad:
            return "U+%04X (a C1, bidi control or BOM) in the text %r" % (
                ord(bad.group(0)), t[max(0, bad.start() - 20):bad.start() + 5])
        if m is None:
            return None
        a = allowed.match(data, m.start())
        if a is None or a.end() < m.end():
            return "a live sequence the terminal description does not produce at byte" \
                " %d: %r (after %r)" % (m.start(), data[m.start():m.end() + 10],
                                        data[max(0, m.start() - 30):m.start()])
        pos = a.end()


def settle(fd, buf, quiet=0.1, limit=10.0, first=False):
    """Read until the program has written nothing for QUIET seconds (at most LIMIT); with
    FIRST, wait for its first output before that (it is still starting)."""
    end = time.monotonic() + limit
    start = len(buf)
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            if first and len(buf) == start:
                continue
            return True
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        buf.extend(chunk)
    return True


def run(prog, workbook, home, keys):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": TERM, "LC_ALL": "C.UTF-8", "HOME": home,
                           "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home,
                           "XDG_STATE_HOME": home,
                           "COLUMNS": str(COLS), "LINES": str(ROWS)})
        os.environ.pop("CIIPWB_CONFIG", None)
        os.execv(prog, [prog, workbook])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    buf = bytearray()
    alive = settle(fd, buf, first=True)
    for k in keys:
        if not alive:
            break
        os.write(fd, k.encode())
        alive = settle(fd, buf)
    # On a loaded machine the program may still be catching up with the keys.
    if alive:
        alive = settle(fd, buf, 1.0)
    # Leave every view, then the browser (q also walks back the jumps).
    for _ in range(4):
        if not alive:
            break
        os.write(fd, ESC.encode())
        alive = settle(fd, buf, 0.1)
        os.write(fd, b"q")
        alive = settle(fd, buf, 0.1)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    settle(fd, buf, 0.2, 2)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return bytes(buf), status


def main():
    prog, workbook, outdir = sys.argv[1:4]
    allowed = allowed_sequences()
    # The checker itself: the payloads, written raw, must be caught.
    for probe in (b"\x1b]0;PWNED\x07", b"\x1b[6n", b"\xc2\x9b6n", b"\xe2\x80\xaeevil",
                  b"\x1bP1$r\x1b\\", b"nul\x00byte", b"\xff"):
        if check(b"\x1b[H" + probe, allowed) is None:
            print("not ok the checker: it lets %r through" % probe)
    # The runs at once (most of their time is waiting for the screen to settle), each on
    # its own copy of the workbook and in its own home.
    def one(i):
        home = os.path.join(outdir, "run-%d" % i)
        os.mkdir(home)
        wb = os.path.join(home, "w.ciipwb")
        shutil.copyfile(workbook, wb)
        return run(prog, wb, home, RUNS[i][2])

    with concurrent.futures.ThreadPoolExecutor(len(RUNS)) as pool:
        results = list(pool.map(one, range(len(RUNS))))
    for i, ((name, marker, _), (data, status)) in enumerate(zip(RUNS, results)):
        with open(os.path.join(outdir, "tty-%d.raw" % i), "wb") as f:
            f.write(data)
        why = check(data, allowed)
        if why is None and marker.encode() not in data:
            why = "the view never showed '%s' (%d bytes, status %d)" % (marker, len(data),
                                                                      status)
        if why is None:
            print("ok %s (%d bytes)" % (name, len(data)))
        else:
            print("not ok %s: %s" % (name, why))
    return 0


if __name__ == "__main__":
    sys.exit(main())
