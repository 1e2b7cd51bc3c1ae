/* ui.h: the browser's shared state, layout, styles and drawing helpers (UI modules only). */
#ifndef CIIPWB_UI_H
#define CIIPWB_UI_H

#include <curses.h>
#include <stddef.h>

#include "keys.h"
#include "ui_capture.h"
#include "ui_nav.h"
#include "ui_search.h"
#include "ui_text.h"
#include "ui_view.h"

struct catalog;
struct framework;
struct fw_item;
struct wb;
struct ui_room;
struct ui_modal;

#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16

enum ui_pane { UI_PANE_NAV, UI_PANE_TEXT, UI_NPANES };

/* What needs drawing on the next pass. */
#define UI_DIRTY_TITLE  0x01u
#define UI_DIRTY_NAV    0x02u
#define UI_DIRTY_TEXT   0x04u
#define UI_DIRTY_STATUS 0x08u
#define UI_DIRTY_MSG    0x10u
#define UI_DIRTY_VIEW   0x20u       /* the view on top (the browser: see its panes' flags) */
#define UI_DIRTY_LAYOUT 0x40u       /* windows were recreated: repaint from scratch */
#define UI_DIRTY_ALL    0x7fu

/* Styles: colour pairs when colour is on, plain attributes otherwise. */
enum ui_style {
	UI_NORMAL,
	UI_SELECTED,            /* selection in the focused pane */
	UI_SELECTED_IDLE,       /* selection in the other pane */
	UI_HEADING,             /* headings, titles */
	UI_BAR,                 /* title and status bars */
	UI_MATCH,               /* search matches */
	UI_LINK,                /* cross-references */
	UI_ALERT,               /* overdue actions, the read-only banner */
	UI_NSTYLES
};

struct ui {
	const struct catalog *cat;
	struct wb *wb;          /* the workbook (may be NULL: browsing only) */
	char *wb_name;          /* workbook file name shown in the title, or NULL */
	char *wb_title;         /* the workshop's title (sanitised), or NULL */
	char *wb_group;         /* the current breakout group's name (sanitised), or NULL */
	int script;             /* headless scripted mode */
	int rows, cols;
	int too_small;
	int quit;
	int failed;             /* out of memory or no windows: leave with status 1 */
	int utf8;               /* the locale's charset is UTF-8 */
	int color;
	attr_t style[UI_NSTYLES];
	/* w_view is the whole body between the title bar and the status line, for every view
	 * but the browser, which has w_nav, w_sep and w_text there. */
	WINDOW *w_title, *w_nav, *w_sep, *w_text, *w_view, *w_status, *w_msg, *w_small;
	unsigned dirty;
	int key;                /* the key being handled: for an action that starts a text field
	                           with it (a digit starts the "go to" prompt) */
	enum ui_pane focus;
	char msg[512];
	struct ui_nav nav;
	struct ui_text text;
	struct ui_search search;
	struct ui_capture cap;
	/* The views shown, the browser at the bottom (see ui_view.h), and each view's state,
	 * kept from its first open to the end (indexed like ui_views[]). */
	const struct ui_view_ops *stack[UI_VIEW_MAX];
	size_t depth;
	void **vstate;
	struct ui_room *room;    /* running the room: timer, follow mode (ui_room.h) */
	/* A question, chooser or text field of a view, taking every key (see ui_modal.h). */
	struct ui_modal *modal;
	/* Work a view does in slices while no key waits (ui_idle_set). */
	int (*idle)(struct ui *ui, void *arg);
	void *idle_arg;
};

/* Set up curses state, colours, the tree and the windows for the current screen (SCREEN
 * already made by newterm). Returns 0, or -1 (out of memory). */
int ui_init(struct ui *ui, const struct catalog *cat, struct wb *wb, int script);
void ui_fini(struct ui *ui);

/* One key (a wget_wch code, see keys.h) from the terminal or a script: the only entry point.
 * The key is decoded here once: a text field (search prompt, editor, chooser) gets it raw,
 * else it is looked up in the key table for the view on top (ui_view_action). */
void ui_input(struct ui *ui, int key);
/* Draw what is dirty: wnoutrefresh per window, one doupdate(). */
void ui_draw(struct ui *ui);
/* Make ui->w_view, the window of the views over the browser, if it is not made yet: when a
 * view first opens over the browser (the browser's screens do without it). */
void ui_view_window(struct ui *ui);

void ui_mark(struct ui *ui, unsigned dirty);
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* While no key waits: one slice (about UI_BACKUP_SLICE_MS) of the due rolling backup, a
 * failure said on the message line. 1 while there is more to do, else 0. */
#define UI_BACKUP_SLICE_MS 4
int ui_backup_slice(struct ui *ui);
/* Work to do in slices while no key waits (one at a time: the Summary view's layout): FN does
 * one slice, a few milliseconds to a few tens, and returns 1 while more is left, 0 when done
 * (then it is dropped). FN NULL, or another ui_idle_set, drops the one set before;
 * ui_idle_drop(ui, ARG) only when ARG set it. */
void ui_idle_set(struct ui *ui, int (*fn)(struct ui *ui, void *arg), void *arg);
void ui_idle_drop(struct ui *ui, void *arg);
/* One slice of the idle work set, then one of the due rolling backup. 1 while more is left. */
int ui_idle_slice(struct ui *ui);

/* Show an item: select it in the navigation pane (opening its framework and heading). */
void ui_show_item(struct ui *ui, const struct fw_item *it);
/* Index of a framework in the catalogue. */
size_t ui_fw_index(const struct ui *ui, const struct framework *fw);

/* Draw sanitised UTF-8 at the window's cursor, cut to COLS columns without splitting a
 * character; returns the columns drawn. */
int ui_put(WINDOW *w, const char *s, size_t len, int cols);
/* Fill COLS columns with blanks at the cursor. */
void ui_blank(WINDOW *w, int cols);
/* " · " (or " - " where the charset cannot show it). */
const char *ui_sep(const struct ui *ui);
/* A malloc'd sanitised one-line copy of untrusted S (NULL is ""); NULL only out of memory. */
char *ui_clean(const char *s);

#endif
