/* text.h: UTF-8 sanitising, display width and word wrapping; no curses, no I/O. */
#ifndef CIIPWB_TEXT_H
#define CIIPWB_TEXT_H

#include <stddef.h>

/* text_sanitize flags */
#define TEXT_KEEP_NEWLINES 0x1  /* keep '\n' (multi-line text); otherwise it becomes a space */

/* Make untrusted UTF-8 safe for a terminal, a printer or a log: invalid bytes become U+FFFD;
 * C0 (but '\n' with TEXT_KEEP_NEWLINES; TAB becomes a space), DEL, C1, bidi controls and
 * overrides, BOM and characters with wcwidth() < 0 are dropped; combining marks are capped per
 * character. Returns a malloc'd NUL-terminated string (NULL only when out of memory). */
char *text_sanitize(const char *s, size_t len, unsigned flags);

/* Display columns of sanitised UTF-8 text (wide characters count 2, combining marks 0). */
int text_width(const char *s, size_t len);

/* Bytes of the longest prefix of S that fits in COLS columns, never splitting a character or
 * separating a character from its combining marks. *USED (if not NULL) gets its width. */
size_t text_fit(const char *s, size_t len, int cols, int *used);

struct text_line {
	size_t off;            /* byte offset into the wrapped text */
	size_t len;            /* bytes, without the trailing space or newline */
	int width;             /* display columns */
};

/* Word-wrap sanitised UTF-8 text to COLS columns: breaks at spaces, hard-breaks words longer
 * than a line (and may break between wide CJK characters), honours '\n'. Returns the number of
 * lines and sets *LINES to a malloc'd array (caller frees); empty text gives one empty line. */
size_t text_wrap(const char *s, size_t len, int cols, struct text_line **lines);

#endif
