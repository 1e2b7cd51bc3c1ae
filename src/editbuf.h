/* editbuf.h: the text being typed in an editor: UTF-8 bytes, a cursor, motions and edits; no curses. */
#ifndef CIIPWB_EDITBUF_H
#define CIIPWB_EDITBUF_H

#include <stddef.h>

#include "text.h"

/*
 * The raw bytes as typed (invalid UTF-8 included: display sanitises), always NUL-terminated.
 * The cursor is a byte offset that always sits on a character boundary, and never between a
 * character and its combining marks (a "cluster": one character, or an invalid byte, followed
 * by the zero-width characters that attach to it; a line break never takes marks).
 */
struct editbuf {
	char *s;
	size_t len, cap;
	size_t cur;             /* byte offset of the cursor */
	int multiline;          /* 0: newlines typed or pasted become spaces */
	size_t max;             /* most bytes the text may hold; 0 = no limit */
	int goal;               /* display column kept by up/down; -1 = none */
	int changed;            /* set by every edit that changed the text */
};

/* Start with a copy of TEXT (NULL = empty), the cursor at its end. TEXT is kept whole even when
 * longer than MAX (then nothing more can be inserted). Returns 0, or -1 when out of memory (EB is then empty and usable
 * by editbuf_free). */
int editbuf_init(struct editbuf *eb, const char *text, int multiline, size_t max);
void editbuf_free(struct editbuf *eb);

/* Insert N bytes at the cursor (a key or a paste) and move the cursor after them. CR LF and CR
 * become LF; in a single-line buffer every line break becomes a space. Invalid bytes are kept.
 * Linear in N plus the text after the cursor. Returns 0; 1 when MAX left part of it out (cut
 * at a character boundary); -1 when out of memory (nothing inserted). */
int editbuf_insert(struct editbuf *eb, const char *utf8, size_t n);

/* Motions by cluster, by word (spaces and punctuation separate words), and to the start or
 * end of the current line (the text between line breaks). */
void editbuf_left(struct editbuf *eb);
void editbuf_right(struct editbuf *eb);
void editbuf_word_left(struct editbuf *eb);
void editbuf_word_right(struct editbuf *eb);
void editbuf_home(struct editbuf *eb);
void editbuf_end(struct editbuf *eb);
void editbuf_top(struct editbuf *eb);     /* start of the text */
void editbuf_bottom(struct editbuf *eb);  /* end of the text */

/* Edits: the cluster before / after the cursor; the word before the cursor (C-w); from the
 * start of the line to the cursor (C-u); from the cursor to the end of the line, or the line
 * break when already there (C-k). */
void editbuf_backspace(struct editbuf *eb);
void editbuf_del(struct editbuf *eb);
void editbuf_kill_word(struct editbuf *eb);
void editbuf_kill_line(struct editbuf *eb);
void editbuf_kill_eol(struct editbuf *eb);

/* Up and down by one display line of the text wrapped to COLS columns, keeping the display
 * column (kept across successive up/down moves even over shorter lines). Up on the first line
 * goes to the start of the text, down on the last to its end. Linear in the text length. */
void editbuf_up(struct editbuf *eb, int cols);
void editbuf_down(struct editbuf *eb, int cols);
/* DELTA display lines down (up when negative), as many up/down moves in one pass (PgUp,
 * PgDn); past the first or last line it stops on that line, at the kept column, or goes to the
 * start or end of the text when already there. */
void editbuf_lines(struct editbuf *eb, int cols, long delta);

/* Byte offsets of the cluster boundaries around OFF (OFF itself being one). */
size_t editbuf_next(const struct editbuf *eb, size_t off);
size_t editbuf_prev(const struct editbuf *eb, size_t off);

/*
 * The display of the text: sanitised cluster by cluster with text_sanitize (TEXT_KEEP_NEWLINES
 * in a multi-line buffer) and wrapped by text_wrap to COLS columns, with the map between the
 * raw bytes and the display. Cluster I starts at raw[I] in the buffer and disp[I] in TEXT;
 * raw[N] and disp[N] are the two lengths.
 */
struct editbuf_layout {
	char *text;             /* sanitised, safe for a terminal */
	size_t len;
	struct text_line *lines;
	size_t nlines;          /* >= 1 */
	size_t *raw, *disp;
	size_t n;
	int cols;
};

/* Build the layout. Returns 0, or -1 when out of memory (L then needs no freeing). Linear. */
int editbuf_layout(const struct editbuf *eb, int cols, struct editbuf_layout *l);
void editbuf_layout_free(struct editbuf_layout *l);
/* The display line and column of the raw offset OFF (a cluster boundary). The column may be
 * COLS when the cursor follows a full line. */
void editbuf_layout_pos(const struct editbuf_layout *l, size_t off, size_t *line, int *col);
/* The raw offset of the cluster boundary on display line LINE nearest to column COL without
 * passing it (the end of the line when it is shorter). */
size_t editbuf_layout_offset(const struct editbuf_layout *l, size_t line, int col);

#endif
