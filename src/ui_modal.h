/* ui_modal.h: a question, a chooser or a text field over any view, taking every key until answered; forms are chains of them. */
#ifndef CIIPWB_UI_MODAL_H
#define CIIPWB_UI_MODAL_H

#include <stddef.h>

struct ui;

/*
 * One modal at a time, over the view on top (over the text pane in the browser). While one
 * is open, ui_input gives it every key, raw, and ui_draw draws it last. When it is answered
 * it closes first, then calls its callback, which may open the next one: a form is a chain
 * of callbacks, each opening the next field.
 *   ask     a yes/no question on the message line: y (or Y) is yes, any other key no.
 *   choose  a framed list: Enter picks, Esc or q cancels (I is MODAL_CANCEL).
 *   edit    the editor widget of the notes (ui_edit), one line or several: Enter (C-d for
 *           several lines) saves; Esc cancels (TEXT NULL), asking first when text was typed.
 * Strings are copied (untrusted ones are sanitised when drawn).
 */
#define UI_MODAL_CANCEL ((size_t)-1)

typedef void ui_modal_yes_fn(struct ui *ui, void *arg, int yes);
typedef void ui_modal_pick_fn(struct ui *ui, void *arg, size_t i);
typedef void ui_modal_text_fn(struct ui *ui, void *arg, const char *text);

/* Each returns 0, or -1 when out of memory (after a message; nothing is open then). */
int ui_modal_ask(struct ui *ui, const char *question, ui_modal_yes_fn *fn, void *arg);
int ui_modal_choose(struct ui *ui, const char *title, const char *const *labels, size_t n,
    size_t sel, ui_modal_pick_fn *fn, void *arg);
int ui_modal_edit(struct ui *ui, const char *title, const char *initial, int multiline,
    ui_modal_text_fn *fn, void *arg);

/* For ui.c: 1 while a modal is open; one key; draw it; 1 when the cursor should show (an
 * editor); free everything at exit. */
int ui_modal_busy(const struct ui *ui);
void ui_modal_key(struct ui *ui, int key);
void ui_modal_draw(struct ui *ui);
int ui_modal_cursor(const struct ui *ui);
void ui_modal_free(struct ui *ui);

#endif
