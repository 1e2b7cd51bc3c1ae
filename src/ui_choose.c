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
ui_choose_add(struct ui_choose *c, const char *label)
{
	char *s;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		char **l = realloc(c->labels, cap * sizeof *l);

		if (l == NULL)
			return -1;
		c->labels = l;
		c->cap = cap;
	}
	if ((s = ui_clean(label)) == NULL)
		return -1;
	c->labels[c->n++] = s;
	return 0;
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
		break;
	}
	return UI_CHOOSE_CONTINUE;
}

void
ui_choose_draw(struct ui_choose *c, WINDOW *w, attr_t normal, attr_t sel, attr_t title, int utf8)
{
	int wh = getmaxy(w), ww = getmaxx(w), bw, bh, x0, y0, rows;

	(void)utf8;
	bw = text_width(c->title, strlen(c->title)) + 4;
	for (size_t i = 0; i < c->n; i++) {
		int lw = text_width(c->labels[i], strlen(c->labels[i])) + 6;

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
	/* A plain ASCII frame: readable in every charset. */
	for (int x = 0; x < bw; x++) {
		mvwaddch(w, y0, x0 + x, x == 0 || x == bw - 1 ? '+' : '-');
		mvwaddch(w, y0 + bh - 1, x0 + x, x == 0 || x == bw - 1 ? '+' : '-');
	}
	for (int y = 1; y < bh - 1; y++) {
		mvwaddch(w, y0 + y, x0, '|');
		mvwaddch(w, y0 + y, x0 + bw - 1, '|');
	}
	wattrset(w, title);
	wmove(w, y0, x0 + 2);
	ui_put(w, c->title, strlen(c->title), bw - 4);
	for (int y = 0; y < rows && c->top + (size_t)y < c->n; y++) {
		size_t i = c->top + (size_t)y;

		wattrset(w, i == c->sel ? sel : normal);
		wmove(w, y0 + 1 + y, x0 + 1);
		waddstr(w, i == c->sel ? "> " : "  ");
		ui_blank(w, bw - 2 - 2 - ui_put(w, c->labels[i], strlen(c->labels[i]), bw - 4));
	}
	wattrset(w, A_NORMAL);
}
