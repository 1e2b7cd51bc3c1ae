/* ui_choose.h: a small chooser popup (a list of labels), driven one key at a time. */
#ifndef CIIPWB_UI_CHOOSE_H
#define CIIPWB_UI_CHOOSE_H

#include <curses.h>
#include <stddef.h>

struct ui_choose {
	int open;
	char *title;            /* sanitised */
	char **labels;          /* sanitised */
	int *keys;              /* per entry, the character that picks it, or 0 */
	int haskeys;            /* some entry has a key: draw the key column */
	size_t n, cap, sel, top;
};

enum ui_choose_result { UI_CHOOSE_CONTINUE, UI_CHOOSE_PICK, UI_CHOOSE_CANCEL };

/* Start a list titled TITLE (untrusted text is sanitised). Returns 0, or -1 out of memory. */
int ui_choose_open(struct ui_choose *c, const char *title);
/* Add a label (sanitised, one line). Returns 0 or -1. */
int ui_choose_add(struct ui_choose *c, const char *label);
/* Add a label with KEY, a character that picks it at once (shown before the label; 0 for
 * none; not one of the chooser's own keys). Returns 0 or -1. */
int ui_choose_add_key(struct ui_choose *c, const char *label, int key);
/* Put the selection on entry I (clamped). */
void ui_choose_select(struct ui_choose *c, size_t i);
/* Up/Down/k/j, PgUp/PgDn, Home/End, Enter (pick: the entry is c->sel), an entry's key (pick
 * it), Esc/q/C-g (cancel). */
enum ui_choose_result ui_choose_key(struct ui_choose *c, int key);
/* Draws a framed list centred in W: box-drawing lines when UTF8, else + - |. */
void ui_choose_draw(struct ui_choose *c, WINDOW *w, attr_t normal, attr_t sel, attr_t title,
    int utf8);
void ui_choose_close(struct ui_choose *c);

#endif
