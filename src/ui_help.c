/* ui_help.c: the help view, generated from the key table in keys.h so that it cannot drift. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "text.h"
#include "ui.h"
#include "ui_edit.h"
#include "ui_help.h"

#define HELP_KEYS_MAX 22        /* columns of the keys column at most */

struct ui_help {
	char **lines;
	int *styles;
	size_t n, top;
	int width;                      /* the width it was built for */
	const struct ui_view_ops *from; /* the view it was opened from: its keys come first */
};

static void
help_clear(struct ui_help *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h->styles);
	h->lines = NULL;
	h->styles = NULL;
	h->n = 0;
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
	const struct keys_def *def;     /* with VIEW: only the keys that reach it there */
	const struct ui_view_ops *view;
};

static void
help_key_name(const char *name, size_t len, void *arg)
{
	struct help_keys *k = arg;

	if (k->len + len + 3 >= sizeof k->buf)
		return;
	if (k->view != NULL) {
		char one[32];
		int key;

		if (len >= sizeof one)
			return;
		memcpy(one, name, len);
		one[len] = '\0';
		if (keys_parse(one, &key) != 0 ||
		    keys_lookup(k->view->name, k->view->list, key) != k->def->action)
			return;
	}
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
		struct help_keys k = { "", 0, NULL, NULL };
		char left[sizeof k.buf + 2];

		keys_each_name(keys[i].keys, help_key_name, &k);
		snprintf(left, sizeof left, "  %s", k.buf);
		if (help_entry(h, left, col, _(keys[i].help), width) != 0)
			return -1;
	}
	return 0;
}

/* A blank line and TITLE (unless NULL), then the bindings of the key table that apply to VIEW
 * at LEVEL (see keys_applies), each with the keys that reach it in VIEW. Nothing when there
 * are none. */
static int
help_bindings(struct ui_help *h, const char *title, const struct ui_view_ops *view, int level,
    int col, int width)
{
	int titled = 0;

	for (size_t i = 0; i < keys_ntable; i++) {
		struct help_keys k = { "", 0, &keys_table[i], view };
		char left[sizeof k.buf + 2];

		if (!keys_applies(i, view->name, view->list, level))
			continue;
		keys_each_name(keys_table[i].keys, help_key_name, &k);
		if (k.len == 0)
			continue;
		if (!titled && title != NULL && (help_add(h, "", 0, UI_NORMAL) != 0 ||
		    help_add(h, title, strlen(title), UI_HEADING) != 0))
			return -1;
		titled = 1;
		snprintf(left, sizeof left, "  %s", k.buf);
		if (help_entry(h, left, col, _(keys_table[i].help), width) != 0)
			return -1;
	}
	return 0;
}

static int
help_build(struct ui_help *h, int width)
{
	const struct ui_view_ops *from = h->from;
	char *title = NULL;
	int col = 0, r;
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

	help_clear(h);
	h->width = width;
	for (size_t i = 0; i < keys_ntable; i++) {
		struct help_keys k = { "", 0, NULL, NULL };

		keys_each_name(keys_table[i].keys, help_key_name, &k);
		if ((int)k.len + 4 > col)
			col = (int)k.len + 4;
	}
	if (col > HELP_KEYS_MAX)
		col = HELP_KEYS_MAX;
#define HELP_TITLE(s) (help_add(h, (s), strlen(s), UI_HEADING) != 0)
#define HELP_BLANK() (help_add(h, "", 0, UI_NORMAL) != 0)
	/* The keys of the view the help was opened from, then those of every view, then the
	 * other views' own keys. */
	if (asprintf(&title, _("Keys in the %s view"), _(from->title)) < 0)
		return -1;
	r = HELP_TITLE(title) || help_bindings(h, NULL, from, 0, col, width) != 0 ||
	    help_bindings(h, _("In every list view"), from, 1, col, width) != 0 ||
	    help_bindings(h, _("In every view"), from, 2, col, width) != 0;
	free(title);
	if (r)
		return -1;
	for (size_t v = 0; v < ui_nviews; v++) {
		const struct ui_view_ops *o = ui_views[v];

		if (o == from || o == &ui_help_view)
			continue;
		if (asprintf(&title, _("In the %s view"), _(o->title)) < 0)
			return -1;
		r = help_bindings(h, title, o, 0, col, width);
		free(title);
		if (r != 0)
			return -1;
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

static int
help_open(struct ui *ui, void **state)
{
	struct ui_help *h = *state;

	if (h == NULL && (h = *state = calloc(1, sizeof *h)) == NULL)
		return -1;
	h->from = ui_view_top(ui);
	h->top = 0;
	h->width = 0;
	return 0;
}

static void
help_close(struct ui *ui, void *state)
{
	(void)ui;
	help_clear(state);
	((struct ui_help *)state)->width = 0;
}

static void
help_free(void *state)
{
	if (state != NULL)
		help_clear(state);
	free(state);
}

static size_t
help_height(const struct ui *ui)
{
	return ui->w_view != NULL && getmaxy(ui->w_view) > 0 ? (size_t)getmaxy(ui->w_view) : 1;
}

static void
help_clamp(struct ui *ui, struct ui_help *h)
{
	size_t rows = help_height(ui);

	if (h->top + rows > h->n)
		h->top = h->n > rows ? h->n - rows : 0;
}

static void
help_draw(struct ui *ui, void *state)
{
	struct ui_help *h = state;
	WINDOW *w = ui->w_view;
	int rows = getmaxy(w), width = getmaxx(w);

	if (h->width != width - 2 && help_build(h, width - 2) != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	help_clamp(ui, h);
	for (int y = 0; y < rows && h->top + (size_t)y < h->n; y++) {
		const char *s = h->lines[h->top + (size_t)y];

		wattrset(w, ui->style[h->styles[h->top + (size_t)y]]);
		wmove(w, y, 1);
		ui_put(w, s, strlen(s), width - 2);
	}
	wattrset(w, A_NORMAL);
}

static int
help_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_help *h = state;

	if (a == KEYS_ACT_HELP) {
		/* ? again closes it. */
		ui_view_pop(ui);
		return UI_VIEW_HANDLED;
	}
	return ui_view_scroll(ui, &h->top, h->n, a);
}

static void
help_resize(struct ui *ui, void *state)
{
	(void)ui;
	((struct ui_help *)state)->width = 0;
}

static char *
help_position(struct ui *ui, void *state)
{
	struct ui_help *h = state;
	size_t last = h->top + help_height(ui);
	char *s = NULL;

	if (last > h->n)
		last = h->n;
	if (asprintf(&s, _("lines %zu-%zu of %zu"), h->n > 0 ? h->top + 1 : 0, last, h->n) < 0)
		return NULL;
	return s;
}

const struct ui_view_ops ui_help_view = {
	.name = "help",
	.opener = KEYS_ACT_HELP,
	.title = N_("Help"),
	.list = 0,
	.open = help_open,
	.close = help_close,
	.free = help_free,
	.draw = help_draw,
	.action = help_action,
	.resize = help_resize,
	.position = help_position,
	.reload = ui_view_nothing,
};
