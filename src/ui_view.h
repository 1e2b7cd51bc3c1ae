/* ui_view.h: the browser's views: a table of callbacks and the stack of open views. */
#ifndef CIIPWB_UI_VIEW_H
#define CIIPWB_UI_VIEW_H

#include "keys.h"

struct ui;

/*
 * A view is one screen of the browser: the browser itself (navigation and text panes, always
 * at the bottom of the stack), the help, the Actions view, the search results, ... The screen
 * shows the view on top of the stack; opening a view pushes it, q or Esc pops it and the view
 * below comes back exactly where it was (its state is kept while ciipwb runs, so a view that
 * is opened again also finds its filters). q in the browser quits.
 *
 * HOW TO ADD A VIEW (say "stakeholders"):
 *  1. A new file src/ui_stakeholders.c (and .h if others call it; add both to your src/NAME.am
 *     and po/POTFILES.in) with its state and
 *         const struct ui_view_ops ui_stakeholders_view = {
 *             .name = "stakeholders", .title = N_("Stakeholders"), .list = 1,
 *             .opener = KEYS_ACT_STAKEHOLDERS, .needs_wb = 1,
 *             .open = ..., .close = ..., .free = ..., .draw = ..., .action = ...,
 *             .resize = ..., .position = ..., .reload = ...,
 *         };
 *     Every callback is required (tests/test-ui-views.c checks it); close, resize or reload
 *     with nothing to do is ui_view_nothing.
 *  2. One line in the view list, UI_VIEW_LIST in src/ui_view.c: X(stakeholders). That line
 *     declares ui_stakeholders_view and puts it in the table: no #include, no other line.
 *  3. Its keys in the key table (src/keys.h, KEYS_ACTIONS): lines at the end with VIEWS
 *     "stakeholders" (or KEYS_LIST for a key of every list view), and, when a key opens it
 *     from anywhere, one line with VIEWS KEYS_GLOBAL whose action is the view's .opener:
 *     the global handling pushes the view that names the action (set .needs_wb = 1 when it
 *     shows the workbook). A view opened from another view is pushed by that view's action
 *     callback with ui_view_push(ui, &ui_stakeholders_view). Every key goes in the KEYS
 *     section of man/ciipwb.1 too (tests/test-keys.c checks it); the ? help lists them.
 *  4. A script in tests/screens/ (see tests/tui-screens.sh): open it with its key (or
 *     "push stakeholders"), save-screen, move, q, "assert-view browser".
 *
 * The callbacks (STATE is what open made; never NULL after a successful open):
 *  open     push: make *STATE ready (NULL the first time: allocate it), load what it shows,
 *           keep what should survive a close (filters). 0, or -1 when out of memory.
 *  close    pop: the view is no longer shown; its state stays for the next open.
 *  free     at exit: free STATE (may be NULL if never opened).
 *  draw     draw the view into ui->w_view (the whole body between the title bar and the
 *           status line; the browser draws its panes), then wnoutrefresh it. Called when the
 *           view is on top and ui->dirty has UI_DIRTY_VIEW (or a browser pane, or LAYOUT).
 *  action   one action (keys_lookup was done once, at the entry, for this view). Return
 *           UI_VIEW_HANDLED (ui.c redraws the view and the status line), or UI_VIEW_PASS to
 *           let the global handling have it (search, help, undo, q/Esc closes, ...). A view
 *           that shows something in the browser calls ui_view_pop_to(ui, 0) and then
 *           ui_show_item (or ui_show_ref).
 *  resize   the windows were made again (any size, also too small): forget what depends on
 *           the width. Called for every view in the stack.
 *  position the left of the status line ("Help · lines 1-20 of 95"): malloc'd, or NULL.
 *  reload   the workbook changed (an edit, undo, or another instance): load again, keeping
 *           the selection. Called for every view in the stack.
 * The view's title (translated with _()) names it in the title bar's path ("Actions ›
 * Search") and the status line; its name is its id in the key table and in scripts.
 */
struct ui_view_ops {
	const char *name;       /* lower case, no blanks: "actions" */
	const char *title;      /* N_("Actions") */
	int list;               /* 1: a list view (KEYS_LIST bindings apply) */
	enum keys_action opener; /* the global action that opens it from any view, or
	                            KEYS_ACT_NONE (opened by another view's own key) */
	int needs_wb;           /* 1: it shows the workbook; the opener says so without one */
	int (*open)(struct ui *ui, void **state);
	void (*close)(struct ui *ui, void *state);
	void (*free)(void *state);
	void (*draw)(struct ui *ui, void *state);
	int (*action)(struct ui *ui, void *state, enum keys_action a);
	void (*resize)(struct ui *ui, void *state);
	char *(*position)(struct ui *ui, void *state);
	void (*reload)(struct ui *ui, void *state);
};

/* What the action callback returns. */
#define UI_VIEW_HANDLED 1       /* the view took it: redraw the view and the status line */
#define UI_VIEW_PASS    2       /* not the view's: the global handling may take it */

#define UI_VIEW_MAX 16          /* views in the stack at most */

/* The opening action's view, or NULL. */
const struct ui_view_ops *ui_view_opened_by(enum keys_action a);
/* The view table; the first is the browser, always at the bottom of the stack. */
extern const struct ui_view_ops *const ui_views[];
extern const size_t ui_nviews;

/* The view named NAME, or NULL. */
const struct ui_view_ops *ui_view_find(const char *name);
/* Open VIEW on top of the stack. When it is already in the stack, pop back to it instead.
 * Returns 0, or -1 (out of memory: the browser leaves with status 1; stack too deep: a
 * message). */
int ui_view_push(struct ui *ui, const struct ui_view_ops *view);
/* Close the top view (never the browser). Returns 0, or -1 at the bottom. */
int ui_view_pop(struct ui *ui);
/* Pop until DEPTH views are left (at least 1: the browser). */
void ui_view_pop_to(struct ui *ui, size_t depth);
/* The view on top, its state; the view below the top (NULL at the bottom). */
const struct ui_view_ops *ui_view_top(const struct ui *ui);
void *ui_view_state(const struct ui *ui, const struct ui_view_ops *view);
const struct ui_view_ops *ui_view_below(const struct ui *ui);
/* The action for KEY in the top view (keys_lookup with the view's name and kind). */
enum keys_action ui_view_lookup(const struct ui *ui, int key);
/* One action in the top view, then the global handling if the view passes it. */
void ui_view_action(struct ui *ui, enum keys_action a);
/* Every view in the stack: the workbook changed; the windows were remade. */
void ui_view_reload_all(struct ui *ui);
void ui_view_resize_all(struct ui *ui);
/* Free every view's state (at exit). */
void ui_view_free_all(struct ui *ui);
/* For a view that scrolls text in ui->w_view: move *TOP (first line shown of N) by the
 * movement action A (Up/Down a line, PgUp/PgDn a page, g/G the ends), kept in range.
 * Returns UI_VIEW_HANDLED, or UI_VIEW_PASS when A is not a movement. */
int ui_view_scroll(const struct ui *ui, size_t *top, size_t n, enum keys_action a);
/* A close, resize or reload callback for a view that has nothing to do then. */
void ui_view_nothing(struct ui *ui, void *state);

#endif
