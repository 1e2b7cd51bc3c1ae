/* ui_actions.h: the Actions view: every action of the workbook, filtered, sorted, overdue ones marked. */
#ifndef CIIPWB_UI_ACTIONS_H
#define CIIPWB_UI_ACTIONS_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"

struct ui;
struct ui_actions;

/* What ui_actions_key and ui_results_key return. */
#define UI_VIEW_CLOSED  0       /* the view closed itself (q, Esc, or Enter showed an item) */
#define UI_VIEW_HANDLED 1       /* the key was the view's: stay open, redraw it */
#define UI_VIEW_PASS    2       /* not a key of the view: the caller may handle it (?, C-l, u) */

/* NULL only when out of memory. Filters and sort survive closing and opening again. */
struct ui_actions *ui_actions_new(void);
void ui_actions_free(struct ui_actions *v);
/* (Re)load the actions from ui->wb (NULL: the view says no workbook is open) and the
 * stakeholders and headings to filter by; the selection goes to the first line. Errors are
 * shown in the view and with ui_message. Today is datespec_today() (CIIPWB_TODAY in tests). */
void ui_actions_open(struct ui *ui, struct ui_actions *v);
/* Load again keeping the filters and the selected action (after an edit, undo, or a change
 * by another instance: call when wb_changed() says so). */
void ui_actions_reload(struct ui *ui, struct ui_actions *v);
/* One key (a keys.h code). Movement uses the global keys (Up/Down/k/j, PgUp/PgDn, g/G,
 * Home/End); the view's own keys are in ui_actions_keys. Enter calls ui_show_item() for the
 * selected action's item and returns UI_VIEW_CLOSED. */
int ui_actions_key(struct ui *ui, struct ui_actions *v, int key);
/* Draw the whole view into W (any size; a header, filter line, column titles, the list). */
void ui_actions_draw(struct ui *ui, struct ui_actions *v, WINDOW *w);
/* The action id of the selected line, or 0 (for edit/delete keys wired by the caller). */
int64_t ui_actions_selected(const struct ui_actions *v);
/* Lines listed (after the filters). */
size_t ui_actions_count(const struct ui_actions *v);

/* Show REF with ui_show_item(): an item ref, or a heading ref such as "64/211#2" (its first
 * item). 0, or -1 after a ui_message when no loaded framework has it. */
int ui_actions_show_ref(struct ui *ui, const char *ref);

/* The view's keys, for the help screen and the man page (action KEYS_ACT_NONE for the ones
 * that exist only here). */
extern const struct keys_def ui_actions_keys[];
extern const size_t ui_actions_nkeys;

#endif
