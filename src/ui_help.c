/* ui_help.c: the help screen, generated from the key table in keys.h so that it cannot drift. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "text.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_results.h"
#include "ui_edit.h"

#define HELP_KEYS_MAX 22        /* columns of the keys column at most */

void
ui_help_free(struct ui_help *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h->styles);
	memset(h, 0, sizeof *h);
}

static int
help_add(struct ui_help *h, const char *s, size_t len, int style)
{
	char **l = realloc(h->lines, (h->n + 1) * sizeof *l);
	int *st;
	char *copy;

	if (l == NULL)
		return -1;
	h->lines = l;
	if ((st = realloc(h->styles, (h->n + 1) * sizeof *st)) == NULL)
		return -1;
	h->styles = st;
	if ((copy = strndup(s, len)) == NULL)
		return -1;
	h->lines[h->n] = copy;
	h->styles[h->n] = style;
	h->n++;
	return 0;
}

/* Adds TEXT wrapped beside LEFT (padded to COL columns); continuation lines indented. */
static int
help_entry(struct ui_help *h, const char *left, int col, const char *text, int width)
{
	struct text_line *lines = NULL;
	char *clean = text_sanitize(text, strlen(text), 0), *line = NULL;
	int lw = text_width(left, strlen(left)), r = 0;
	size_t n;

	if (clean == NULL)
		return -1;
	if (lw >= col) {
		/* Keys too wide for the column: on their own line. */
		if (help_add(h, left, strlen(left), UI_NORMAL) != 0) {
			free(clean);
			return -1;
		}
		left = "";
		lw = 0;
	}
	n = text_wrap(clean, strlen(clean), width - col > 10 ? width - col : 10, &lines);
	if (lines == NULL)
		r = -1;
	for (size_t i = 0; i < n && r == 0; i++) {
		int k = asprintf(&line, "%s%*s%.*s", i == 0 ? left : "", i == 0 ? col - lw : col, "",
		    (int)lines[i].len, clean + lines[i].off);

		if (k < 0)
			r = -1;
		else
			r = help_add(h, line, (size_t)k, UI_NORMAL);
		free(line);
	}
	free(lines);
	free(clean);
	return r;
}

struct help_keys {
	char buf[96];
	size_t len;
};

static void
help_key_name(const char *name, size_t len, void *arg)
{
	struct help_keys *k = arg;

	if (k->len + len + 3 >= sizeof k->buf)
		return;
	if (k->len > 0) {
		memcpy(k->buf + k->len, ", ", 2);
		k->len += 2;
	}
	memcpy(k->buf + k->len, name, len);
	k->len += len;
	k->buf[k->len] = '\0';
}

/* A blank line, TITLE, and one entry per key of a view's or the editor's table. */
static int
help_table(struct ui_help *h, const char *title, const struct keys_def *keys, size_t n, int col,
    int width)
{
	if (n == 0)
		return 0;
	if (help_add(h, "", 0, UI_NORMAL) != 0 || help_add(h, title, strlen(title), UI_HEADING) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct help_keys k = { "", 0 };
		char left[sizeof k.buf + 2];

		keys_each_name(keys[i].keys, help_key_name, &k);
		snprintf(left, sizeof left, "  %s", k.buf);
		if (help_entry(h, left, col, _(keys[i].help), width) != 0)
			return -1;
	}
	return 0;
}

static int
help_build(struct ui *ui, int width)
{
	struct ui_help *h = &ui->help;
	int col = 0;
	static const struct {
		const char *keys, *text;
	} prompt[] = {
		{ "Enter", N_("search for what was typed") },
		{ "Esc, C-g", N_("cancel the search") },
		{ "Backspace", N_("delete the last character") },
		{ "C-u", N_("delete everything typed") },
	};
	static const struct {
		const char *keys, *text;
	} chooser[] = {
		{ "Up, Down, k, j", N_("move the selection") },
		{ "Enter", N_("choose the selected entry") },
		{ "1-5 0 n", N_("ratings: that stage, Not assessed, Not applicable") },
		{ "Esc, q, C-g", N_("cancel") },
	};

	ui_help_free(h);
	h->width = width;
	for (size_t i = 0; i < keys_ntable; i++) {
		struct help_keys k = { "", 0 };

		keys_each_name(keys_table[i].keys, help_key_name, &k);
		if ((int)k.len + 4 > col)
			col = (int)k.len + 4;
	}
	if (col > HELP_KEYS_MAX)
		col = HELP_KEYS_MAX;
#define HELP_TITLE(s) (help_add(h, (s), strlen(s), UI_HEADING) != 0)
#define HELP_BLANK() (help_add(h, "", 0, UI_NORMAL) != 0)
	if (HELP_TITLE(_("Keys")))
		return -1;
	for (size_t i = 0; i < keys_ntable; i++) {
		struct help_keys k = { "", 0 };

		keys_each_name(keys_table[i].keys, help_key_name, &k);
		{
			char left[sizeof k.buf + 2];

			snprintf(left, sizeof left, "  %s", k.buf);
			if (help_entry(h, left, col, _(keys_table[i].help), width) != 0)
				return -1;
		}
	}
	if (HELP_BLANK() || HELP_TITLE(_("In the search prompt")))
		return -1;
	for (size_t i = 0; i < sizeof prompt / sizeof prompt[0]; i++) {
		char left[32];

		snprintf(left, sizeof left, "  %s", prompt[i].keys);
		if (help_entry(h, left, col, _(prompt[i].text), width) != 0)
			return -1;
	}
	if (help_table(h, _("In the note editor and the one-line prompts"), ui_edit_keys, ui_edit_nkeys, col,
	    width) != 0 ||
	    HELP_BLANK() || HELP_TITLE(_("In a chooser (ratings, owner, group, ...)")))
		return -1;
	for (size_t i = 0; i < sizeof chooser / sizeof chooser[0]; i++) {
		char left[32];

		snprintf(left, sizeof left, "  %s", chooser[i].keys);
		if (help_entry(h, left, col, _(chooser[i].text), width) != 0)
			return -1;
	}
	if (help_table(h, _("In the Actions view"), ui_actions_keys, ui_actions_nkeys, col,
	    width) != 0 ||
	    help_table(h, _("In the search results"), ui_results_keys, ui_results_nkeys, col,
	    width) != 0)
		return -1;
	if (HELP_BLANK() || HELP_TITLE(_("Mouse")))
		return -1;
	if (help_entry(h, "", 2, _("A click selects a line in the navigation or the text pane "
	    "and moves the focus there."), width) != 0)
		return -1;
	if (HELP_BLANK() || help_entry(h, "", 2, _("The annex text is the official English text "
	    "of the resolutions; short titles and cross-references are suggestions of ours."),
	    width) != 0)
		return -1;
#undef HELP_TITLE
#undef HELP_BLANK
	return 0;
}

void
ui_help_open(struct ui *ui)
{
	ui->help_open = 1;
	ui->help.top = 0;
	ui->help.width = 0;
	ui_mark(ui, UI_DIRTY_HELP | UI_DIRTY_STATUS | UI_DIRTY_MSG);
}

void
ui_help_close(struct ui *ui)
{
	ui->help_open = 0;
	ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS | UI_DIRTY_MSG |
	    UI_DIRTY_LAYOUT);
}

static size_t
help_height(const struct ui *ui)
{
	return ui->w_help != NULL && getmaxy(ui->w_help) > 0 ? (size_t)getmaxy(ui->w_help) : 1;
}

static void
help_clamp(struct ui *ui)
{
	size_t h = help_height(ui);

	if (ui->help.top + h > ui->help.n)
		ui->help.top = ui->help.n > h ? ui->help.n - h : 0;
}

void
ui_help_draw(struct ui *ui)
{
	struct ui_help *h = &ui->help;
	WINDOW *w = ui->w_help;
	int rows = getmaxy(w), width = getmaxx(w);

	if (h->width != width - 2 && help_build(ui, width - 2) != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	help_clamp(ui);
	werase(w);
	for (int y = 0; y < rows && h->top + (size_t)y < h->n; y++) {
		const char *s = h->lines[h->top + (size_t)y];

		wattrset(w, ui->style[h->styles[h->top + (size_t)y]]);
		wmove(w, y, 1);
		ui_put(w, s, strlen(s), width - 2);
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

void
ui_help_action(struct ui *ui, enum keys_action a)
{
	struct ui_help *h = &ui->help;
	size_t page = help_height(ui) > 1 ? help_height(ui) - 1 : 1;

	switch (a) {
	case KEYS_ACT_QUIT:
	case KEYS_ACT_HELP:
		ui_help_close(ui);
		return;
	case KEYS_ACT_UP:
		if (h->top > 0)
			h->top--;
		break;
	case KEYS_ACT_DOWN:
		h->top++;
		break;
	case KEYS_ACT_PAGE_UP:
		h->top = h->top > page ? h->top - page : 0;
		break;
	case KEYS_ACT_PAGE_DOWN:
		h->top += page;
		break;
	case KEYS_ACT_FIRST:
		h->top = 0;
		break;
	case KEYS_ACT_LAST:
		h->top = h->n;
		break;
	default:
		ui_message(ui, "%s", _("Press q or ? to close the help"));
		return;
	}
	help_clamp(ui);
	ui_mark(ui, UI_DIRTY_HELP | UI_DIRTY_STATUS);
}
