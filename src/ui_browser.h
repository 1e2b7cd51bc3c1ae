/* ui_browser.h: the browser view (navigation and text panes), the bottom of the view stack. */
#ifndef CIIPWB_UI_BROWSER_H
#define CIIPWB_UI_BROWSER_H

#include "ui_view.h"

extern const struct ui_view_ops ui_browser_view;

#define UI_BROWSER_HISTORY 100  /* positions remembered at most (the oldest go first) */

/* Remember where the browser is (selection, pane, text cursor and scroll) before a jump:
 * following a cross-reference, showing a search hit or an action's item, going to a typed
 * reference. q and Backspace in the browser come back to it. */
void ui_browser_mark(struct ui *ui);
/* Go to the reference TEXT typed by the user: an item ("64/211:10"), a heading ("64/211#2"),
 * or ":10" (or "10") for item 10 of the framework of the selection. Remembered as a jump; a
 * message says what is wrong when there is no such item. */
void ui_browser_goto(struct ui *ui, const char *text);
/* The item a search for TEXT means when TEXT is a reference ("64/211:10"), else NULL. */
const struct fw_item *ui_browser_ref_item(const struct ui *ui, const char *text);
/* Positions remembered. */
size_t ui_browser_depth(const struct ui *ui);

#endif
