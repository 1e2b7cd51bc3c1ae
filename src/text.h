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

/* Details of text_sanitize: S may be NULL when LEN is 0; a NUL byte is a C0 control (dropped).
 * CR is dropped (so CR LF becomes one '\n'), TAB becomes one space, U+2028 and U+2029 count
 * as '\n'. Also dropped: U+206A-U+206F and U+FFF9-U+FFFB. A zero-width character (wcwidth()
 * == 0, e.g. a combining mark) keeps at most TEXT_MAX_MARKS per base character; one with no
 * base (at the start of the text or of a line) is dropped. The output is valid UTF-8 with no
 * ESC, no C0 byte but '\n', no DEL and no C1 code point. Linear in LEN; needs a UTF-8
 * LC_CTYPE for wcwidth() (in the "C" locale every non-ASCII character is dropped). */
#define TEXT_MAX_MARKS 4

/* Settle what the functions below remember of the LC_CTYPE locale (character widths). They
 * may then run on two threads at once, as long as the locale does not change; call it before
 * starting the second. */
void text_ready(void);

/* Display columns of sanitised UTF-8 text (wide characters count 2, combining marks 0).
 * Controls, '\n' included, count 0; an invalid byte counts 1 (as its U+FFFD). */
int text_width(const char *s, size_t len);

/* Bytes of the longest prefix of S that fits in COLS columns, never splitting a character or
 * separating a character from its combining marks. *USED (if not NULL) gets its width. */
size_t text_fit(const char *s, size_t len, int cols, int *used);
/* (text_fit does not stop at '\n': give it one line, e.g. text sanitised without
 * TEXT_KEEP_NEWLINES, or a line from text_wrap. COLS < 0 counts as 0.) */

/* Byte offset where the longest suffix of S that fits in COLS columns starts, on the same
 * character boundaries as text_fit; *USED (if not NULL) gets its width. For showing the end
 * of a line being typed. */
size_t text_fit_tail(const char *s, size_t len, int cols, int *used);

struct text_line {
	size_t off;            /* byte offset into the wrapped text */
	size_t len;            /* bytes, without the trailing space or newline */
	int width;             /* display columns */
};

/* Word-wrap sanitised UTF-8 text to COLS columns: breaks at spaces, hard-breaks words longer
 * than a line (and may break between wide CJK characters), honours '\n'. Returns the number of
 * lines and sets *LINES to a malloc'd array (caller frees); empty text gives one empty line. */
size_t text_wrap(const char *s, size_t len, int cols, struct text_line **lines);

/* Details of text_wrap: COLS < 1 counts as 1. Lines never exceed COLS columns, with one
 * exception: a single character wider than the whole line (a wide character when COLS is 1)
 * gets a line of its own. Spaces are U+0020 and U+3000; the spaces at a soft break are
 * dropped, as are the leading spaces of the line after it (indentation after '\n' is kept).
 * Text ending in '\n' ends with an empty line. Returns 0 with *LINES NULL only when out of
 * memory. Linear in LEN. */

/* text_wrap keeps the line-breaking rules of Chinese and Japanese: it never breaks between
 * two wide characters before one of text_no_line_start (。、，」） small kana...) nor after
 * one of text_no_line_end (「（...); where a line would start with a closing mark, the
 * character before it moves to that line too. */
int text_no_line_start(unsigned long cp);
int text_no_line_end(unsigned long cp);

/* Like text_wrap, but the first line is FIRST columns wide (< 1 counts as 1) and the others
 * COLS: for text that follows a label or bullet on its first line only. Offsets are into S. */
size_t text_wrap_first(const char *s, size_t len, int first, int cols,
    struct text_line **lines);

/* Decode one character of UTF-8 at S (LEN > 0) strictly: overlongs, surrogates, code points
 * above U+10FFFF and truncated sequences give U+FFFD and *N = 1 (one replacement per invalid
 * byte). *N gets the bytes used (1..4). Does not depend on the locale. */
unsigned long text_decode(const char *s, size_t len, size_t *n);

/* Columns of one code point as text_width counts it: controls 0, wcwidth() otherwise, 1 where
 * wcwidth() does not know the character. */
int text_cp_width(unsigned long cp);

/* One line of sanitised text cut to COLS columns: if it is wider, as much as fits in COLS - 1
 * columns followed by an ellipsis "\u2026" (1 column). Returns a malloc'd string (NULL only
 * when out of memory); COLS < 1 gives "". */
char *text_ellipsize(const char *s, size_t len, int cols);

/* ASCII (non-zero) where the terminal's character set is not UTF-8 (the browser decides, from
 * nl_langinfo(CODESET)): text_ellipsize and text_pad then end cut text with "~" (1 column). */
void text_set_ascii(int ascii);

/* Like text_ellipsize, then padded with spaces to exactly COLS columns (for table cells and
 * status lines; a wide character that would end past COLS is left out). COLS < 1 gives "". */
char *text_pad(const char *s, size_t len, int cols);

#endif
