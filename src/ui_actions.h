/* ui_actions.h: the Actions view: every action of the workbook, filtered, sorted, overdue ones marked. */
#ifndef CIIPWB_UI_ACTIONS_H
#define CIIPWB_UI_ACTIONS_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "ui_view.h"

struct ui;
struct ui_actions;

/* The view (its keys are the KEYS_ACT_ACTIONS_* lines of the key table in keys.h). */
extern const struct ui_view_ops ui_actions_view;

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
/* Draw the whole view into W (any size; a header, filter line, column titles, the list). */
void ui_actions_draw(struct ui *ui, struct ui_actions *v, WINDOW *w);
/* The action id of the selected line, or 0. */
int64_t ui_actions_selected(const struct ui_actions *v);
/* Lines listed (after the filters). */
size_t ui_actions_count(const struct ui_actions *v);

/* Show REF with ui_show_item(): an item ref, or a heading ref such as "64/211#2" (its first
 * item). 0, or -1 after a ui_message when no loaded framework has it. */
int ui_actions_show_ref(struct ui *ui, const char *ref);

#endif
