/* ui_edit.h: the text editor widget (notes, titles, fields), driven one key at a time, and $EDITOR. */
#ifndef CIIPWB_UI_EDIT_H
#define CIIPWB_UI_EDIT_H

#include <curses.h>
#include <stddef.h>

#include "editbuf.h"
#include "keys.h"

#define UI_EDIT_MAX_TEXT (8u << 20)     /* bytes in a multi-line text */
#define UI_EDIT_MAX_LINE 4096u          /* bytes in a single-line field */

struct ui_edit {
	struct editbuf eb;      /* the raw text as typed */
	char *title;            /* sanitised, one line */
	int multiline;
	int open;
	size_t top;             /* first display line shown */
	int cols;               /* text columns at the last draw (for Up/Down before any draw: 40) */
	int rows;               /* text rows at the last draw (for PgUp/PgDn) */
	const char *msg;        /* a note for the hint line (untranslated, from N_()), or NULL */
};

enum ui_edit_result {
	UI_EDIT_CONTINUE,       /* the key was used (or ignored): keep editing */
	UI_EDIT_SAVE,           /* save ui_edit_text() */
	UI_EDIT_CANCEL,         /* leave without saving */
	UI_EDIT_EXTERNAL        /* the caller should run ui_edit_run_external() */
};

/* Open an editor on a copy of INITIAL (NULL = empty), the cursor at its end. TITLE is untrusted
 * (sanitised here). Returns 0, or -1 when out of memory (E then needs only ui_edit_close). */
int ui_edit_open(struct ui_edit *e, const char *title, const char *initial, int multiline);

/* One key (see keys.h; normalised here). Never draws; on ESC it reads the rest of an escape
 * sequence the terminal sent (ui_edit_read_escape), waiting a few milliseconds at most. */
enum ui_edit_result ui_edit_key(struct ui_edit *e, int key);

/* Insert a paste (raw bytes: line breaks become spaces in a single-line field). Returns as
 * editbuf_insert. */
int ui_edit_paste(struct ui_edit *e, const char *s, size_t n);

/*
 * Draw into W (the caller's window, erased here): a title line in TITLE, the text wrapped by
 * display width in NORMAL (sanitised with text_sanitize, TEXT_KEEP_NEWLINES when multi-line),
 * scrolled so the cursor shows, and a one-line hint of the keys at the bottom. With fewer than
 * 3 rows the hint goes, then the title. Leaves W's cursor on the text cursor: refresh W last
 * (wnoutrefresh) with curs_set(1) for the terminal cursor to show there.
 */
void ui_edit_draw(struct ui_edit *e, WINDOW *w, attr_t normal, attr_t title);

/* The raw text as typed (valid until the next key). */
const char *ui_edit_text(const struct ui_edit *e);
/* Replace the whole text (e.g. with what an external editor gave back), kept whole even past
 * the maximum; cursor at the end. Returns 0, or -1 when out of memory (text unchanged). */
int ui_edit_replace(struct ui_edit *e, const char *text);
/* 1 if the text was changed since ui_edit_open. */
int ui_edit_changed(const struct ui_edit *e);
void ui_edit_close(struct ui_edit *e);

/* Ctrl-Left and Ctrl-Right decoded from an escape sequence. */
#define UI_EDIT_KEY_WORD_LEFT (KEYS_FN | (KEY_MAX + 1))
#define UI_EDIT_KEY_WORD_RIGHT (KEYS_FN | (KEY_MAX + 2))

/*
 * After an ESC: decode the rest of an escape sequence, its keys read with NEXT (which returns
 * a key as in keys.h, or -1 when none follows in time). Home is ESC [ 1 ~, ESC [ 7 ~, ESC [ H
 * or ESC O H; End is ESC [ 4 ~, ESC [ 8 ~, ESC [ F or ESC O F; also Del, PgUp, PgDn, the
 * arrows and Ctrl or Alt with Left and Right. Returns that key; 0 for any other sequence (to
 * be dropped, never typed); KEYS_ESC when the ESC stands alone, with *FOLLOW the key read
 * after it that starts no sequence (it belongs to the caller), else -1.
 */
int ui_edit_escape(int (*next)(void *arg), void *arg, int *follow);
/* ui_edit_escape reading from the curses input (stdscr), for the editor and the chooser; a
 * key that followed a lone ESC is pushed back onto the input, to come next. */
int ui_edit_read_escape(void);

/* The editor's keys, for the help screen and the man page (action is KEYS_ACT_NONE). */
extern const struct keys_def ui_edit_keys[];
extern const size_t ui_edit_nkeys;

/*
 * Edit INITIAL in $VISUAL, else $EDITOR, else vi, run by /bin/sh with the file name as its
 * last argument, on a private temporary file (mode 0600 in $TMPDIR or /tmp, removed after).
 * When curses is running, the terminal is handed over with def_prog_mode()/endwin() and taken
 * back with reset_prog_mode()/refresh(). Returns 0 and sets *OUT to the malloc'd text read
 * back (one trailing newline the editor added is dropped), or -1 with *OUT NULL and *ERR a
 * malloc'd message (the editor failed or was not found, the file could not be written or read):
 * the caller keeps its text.
 */
int ui_edit_external(const char *initial, char **out, char **err);

/* ui_edit_external on E's text; on success the text is replaced. Returns 0 or -1 with *ERR. */
int ui_edit_run_external(struct ui_edit *e, char **err);

#endif
