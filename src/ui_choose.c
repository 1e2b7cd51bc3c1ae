/* ui_choose.c: a small chooser popup (a list of labels), driven one key at a time. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "ui.h"
#include "ui_choose.h"
#include "ui_edit.h"

void
ui_choose_close(struct ui_choose *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->labels[i]);
	free(c->labels);
	free(c->keys);
	free(c->title);
	memset(c, 0, sizeof *c);
}

int
ui_choose_open(struct ui_choose *c, const char *title)
{
	ui_choose_close(c);
	if ((c->title = ui_clean(title)) == NULL)
		return -1;
	c->open = 1;
	return 0;
}

int
ui_choose_add_key(struct ui_choose *c, const char *label, int key)
{
	char *s;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		char **l = realloc(c->labels, cap * sizeof *l);
		int *k;

		if (l == NULL)
			return -1;
		c->labels = l;
		if ((k = realloc(c->keys, cap * sizeof *k)) == NULL)
			return -1;
		c->keys = k;
		c->cap = cap;
	}
	if ((s = ui_clean(label)) == NULL)
		return -1;
	c->keys[c->n] = key;
	c->labels[c->n++] = s;
	if (key != 0)
		c->haskeys = 1;
	return 0;
}

int
ui_choose_add(struct ui_choose *c, const char *label)
{
	return ui_choose_add_key(c, label, 0);
}

void
ui_choose_select(struct ui_choose *c, size_t i)
{
	c->sel = c->n == 0 ? 0 : i >= c->n ? c->n - 1 : i;
}

enum ui_choose_result
ui_choose_key(struct ui_choose *c, int key)
{
	key = keys_normalize(key);
	/* Home as ESC [ 1 ~ where the terminal description lacks it: never a cancel. */
	if (key == KEYS_ESC && (key = ui_edit_read_escape()) == 0)
		return UI_CHOOSE_CONTINUE;
	switch (key) {
	case KEYS_FN | KEY_UP:
	case 'k':
		if (c->sel > 0)
			c->sel--;
		break;
	case KEYS_FN | KEY_DOWN:
	case 'j':
		if (c->sel + 1 < c->n)
			c->sel++;
		break;
	case KEYS_FN | KEY_PPAGE:
		c->sel = c->sel > 5 ? c->sel - 5 : 0;
		break;
	case KEYS_FN | KEY_NPAGE:
		ui_choose_select(c, c->sel + 5);
		break;
	case KEYS_FN | KEY_HOME:
	case 'g':
		c->sel = 0;
		break;
	case KEYS_FN | KEY_END:
	case 'G':
		ui_choose_select(c, c->n);
		break;
	case KEYS_ENTER:
		return c->n > 0 ? UI_CHOOSE_PICK : UI_CHOOSE_CANCEL;
	case KEYS_ESC:
	case 'q':
	case KEYS_CTRL('g'):
	case KEYS_CTRL('c'):
		return UI_CHOOSE_CANCEL;
	default:
		for (size_t i = 0; !KEYS_IS_FN(key) && i < c->n; i++)
			if (c->keys[i] != 0 && c->keys[i] == key) {
				c->sel = i;
				return UI_CHOOSE_PICK;
			}
		break;
	}
	return UI_CHOOSE_CONTINUE;
}

void
ui_choose_draw(struct ui_choose *c, WINDOW *w, attr_t normal, attr_t sel, attr_t title, int utf8)
{
	/* The same line set as the rest of the screen (ui.c's pane separator). */
	const char *hl = utf8 ? "\xe2\x94\x80" : "-", *vl = utf8 ? "\xe2\x94\x82" : "|";
	const char *tl = utf8 ? "\xe2\x94\x8c" : "+", *tr = utf8 ? "\xe2\x94\x90" : "+";
	const char *bl = utf8 ? "\xe2\x94\x94" : "+", *br = utf8 ? "\xe2\x94\x98" : "+";
	int wh = getmaxy(w), ww = getmaxx(w), bw, bh, x0, y0, rows, kw = c->haskeys ? 3 : 0;

	bw = text_width(c->title, strlen(c->title)) + 6;
	for (size_t i = 0; i < c->n; i++) {
		int lw = text_width(c->labels[i], strlen(c->labels[i])) + 6 + kw;

		if (lw > bw)
			bw = lw;
	}
	if (bw > ww)
		bw = ww;
	bh = (int)c->n + 2;
	if (bh > wh)
		bh = wh;
	rows = bh - 2 < 1 ? 1 : bh - 2;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + (size_t)rows)
		c->top = c->sel - (size_t)rows + 1;
	x0 = (ww - bw) / 2;
	y0 = (wh - bh) / 3 < 0 ? 0 : (wh - bh) / 3;
	wattrset(w, normal);
	for (int y = 0; y < bh; y++) {
		wmove(w, y0 + y, x0);
		ui_blank(w, bw);
	}
	for (int x = 0; x < bw; x++) {
		mvwaddstr(w, y0, x0 + x, x == 0 ? tl : x == bw - 1 ? tr : hl);
		mvwaddstr(w, y0 + bh - 1, x0 + x, x == 0 ? bl : x == bw - 1 ? br : hl);
	}
	for (int y = 1; y < bh - 1; y++) {
		mvwaddstr(w, y0 + y, x0, vl);
		mvwaddstr(w, y0 + y, x0 + bw - 1, vl);
	}
	wattrset(w, title);
	wmove(w, y0, x0 + 2);
	if (bw >= 6) {
		/* " Title " set into the top line. */
		waddch(w, ' ');
		ui_put(w, c->title, strlen(c->title), bw - 6);
		waddch(w, ' ');
	}
	for (int y = 0; y < rows && c->top + (size_t)y < c->n; y++) {
		size_t i = c->top + (size_t)y;
		int used = 0;

		wattrset(w, i == c->sel ? sel : normal);
		wmove(w, y0 + 1 + y, x0 + 1);
		waddstr(w, i == c->sel ? "> " : "  ");
		if (kw > 0 && bw - 4 >= kw) {
			char k[8];
			int key = c->keys[i];

			/* The keys are the caller's ASCII characters. */
			snprintf(k, sizeof k, "%c  ", key > 0x20 && key < 0x7f ? key : ' ');
			waddstr(w, k);
			used = kw;
		}
		ui_blank(w, bw - 2 - 2 - used -
		    ui_put(w, c->labels[i], strlen(c->labels[i]), bw - 4 - used));
	}
	wattrset(w, A_NORMAL);
}
