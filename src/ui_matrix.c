/* ui_matrix.c: the role matrix view: stakeholders by items (or headings), A R C I, frozen headers, gaps marked. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_stake.h"
#include "util.h"

#define MX_ITEM 3               /* columns of one cell, one item a column */
#define MX_HEADING 7            /* one heading a column (wide enough for "58/199") */
#define MX_HEAD 5               /* rows above the first stakeholder */

struct ui_matrix {
	struct map *m;
	char *error;
	size_t *order, n;           /* rows: stakeholders by name */
	int headings;               /* 1: one column per heading */
	size_t row, top, col, left;
	int64_t keep;
};

static size_t
mx_ncols(const struct ui_matrix *v)
{
	return v->m == NULL ? 0 : v->headings ? v->m->nheadings : v->m->nitems;
}

static void
mx_load(struct ui *ui, struct ui_matrix *v)
{
	size_t i;

	ui_stake_load(ui, &v->m, &v->error);
	v->n = ui_stake_list(v->m, MAP_SORT_NAME, MAP_ALL, MAP_ALL, &v->order);
	for (i = 0; v->keep != 0 && i < v->n; i++)
		if (v->m->sh[v->order[i]].id == v->keep)
			v->row = i;
	if (v->row >= v->n)
		v->row = v->n > 0 ? v->n - 1 : 0;
	if (v->col >= mx_ncols(v))
		v->col = mx_ncols(v) > 0 ? mx_ncols(v) - 1 : 0;
}

static int
mx_open(struct ui *ui, void **state)
{
	struct ui_matrix *v = *state;

	if (v == NULL && (v = *state = calloc(1, sizeof *v)) == NULL)
		return -1;
	v->keep = 0;
	mx_load(ui, v);
	return 0;
}

static void
mx_free(void *state)
{
	struct ui_matrix *v = state;

	if (v == NULL)
		return;
	ui_stake_unload(&v->m, &v->error, &v->order);
	free(v);
}

static int64_t
mx_selected(const struct ui_matrix *v)
{
	return v->m != NULL && v->row < v->n ? v->m->sh[v->order[v->row]].id : 0;
}

static void
mx_reload(struct ui *ui, void *state)
{
	struct ui_matrix *v = state;

	v->keep = mx_selected(v);
	mx_load(ui, v);
}

/* The role in row R, column C, or -1. */
static int
mx_cell(const struct ui_matrix *v, size_t r, size_t c)
{
	return v->headings ? map_heading_cell(v->m, v->order[r], c) :
	    map_cell(v->m, v->order[r], c);
}

/* 1 if column C lacks a lead (an item without one, or a heading with such items). */
static int
mx_gap(const struct ui_matrix *v, size_t c)
{
	return v->headings ? map_heading_gaps(v->m, c) > 0 : v->m->items[c].lead == MAP_NONE;
}

static int
mx_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_matrix *v = state;
	int page = ui->rows > 12 ? ui->rows - 10 : 1;
	size_t nc = mx_ncols(v);

	switch (a) {
	case KEYS_ACT_MATRIX_LEFT:
		ui_stake_move(&v->col, nc, -1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_MATRIX_RIGHT:
		ui_stake_move(&v->col, nc, 1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_MATRIX_HEADINGS:
		/* Stay on the same place: an item's heading, or a heading's first item. */
		if (v->m != NULL && nc > 0)
			v->col = v->headings ? v->m->headings[v->col].first :
			    v->m->items[v->col].heading;
		v->headings = !v->headings;
		v->left = 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_MATRIX_OPEN:
		if (mx_selected(v) != 0)
			ui_stake_show(ui, mx_selected(v));
		return UI_VIEW_HANDLED;
	case KEYS_ACT_MATRIX_ITEM:
		if (v->m != NULL && v->col < nc) {
			char *ref = strdup(v->headings ? v->m->items[v->m->headings[v->col].first].ref :
			    v->m->items[v->col].ref);

			if (ref != NULL) {
				ui_view_pop_to(ui, 1);
				(void)ui_actions_show_ref(ui, ref);
				free(ref);
			}
		}
		return UI_VIEW_HANDLED;
	default:
		return ui_stake_list_key(a, &v->row, v->n, page) ? UI_VIEW_HANDLED : UI_VIEW_PASS;
	}
}

/* The group of column C: its heading (items) or its framework (headings). */
static const char *
mx_group_of(const struct ui_matrix *v, size_t c)
{
	return v->headings ? v->m->headings[c].fw : v->m->headings[v->m->items[c].heading].ref;
}

/* The label of column C on the heading row when a group starts there (or at FIRST, the
 * first column shown), else NULL: the heading's "#N" (with its framework's id where the
 * framework starts), the framework's id in the heading columns. */
static const char *
mx_group(const struct ui_matrix *v, size_t c, size_t first, char *buf, size_t size)
{
	const char *g = mx_group_of(v, c), *hash;

	if (c != first && strcmp(g, mx_group_of(v, c - 1)) == 0)
		return NULL;
	if (*g == '\0')
		return _("other");
	if (v->headings || (hash = strchr(g, '#')) == NULL)
		return g;
	if (c == first || strcmp(v->m->headings[v->m->items[c - 1].heading].fw,
	    v->m->headings[v->m->items[c].heading].fw) != 0)
		return g;
	snprintf(buf, size, "%s", hash);
	return buf;
}

/* The column's own label: an item's number, a heading's "#N" (a framework without
 * headings: its id). */
static const char *
mx_label(const struct ui_matrix *v, size_t c)
{
	const char *ref, *p;

	if (v->headings) {
		ref = v->m->headings[c].ref;
		p = strchr(ref, '#');
		return p != NULL ? p : *ref != '\0' ? ref : _("other");
	}
	ref = v->m->items[c].ref;
	p = strrchr(ref, ':');
	return p != NULL ? p + 1 : ref;
}

static void
mx_draw(struct ui *ui, void *state)
{
	struct ui_matrix *v = state;
	WINDOW *w = ui->w_view;
	const char *sep = ui_sep(ui);
	int rows, cols, nw, vc, list, y, x, cw = v->headings ? MX_HEADING : MX_ITEM;
	size_t nc, c, gaps = 0, idle = 0, i;
	char *line, gbuf[32];

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	if (v->m == NULL) {
		ui_stake_line(w, 0, cols, ui->style[v->error != NULL ? UI_ALERT : UI_HEADING],
		    v->error != NULL ? v->error : _("Role matrix: no workbook is open"));
		goto done;
	}
	nc = mx_ncols(v);
	for (c = 0; c < nc; c++)
		gaps += mx_gap(v, c);
	for (i = 0; i < v->m->nsh; i++)
		idle += v->m->sh[i].nroles == 0;
	line = v->headings ?
	    util_asprintf(_("Role matrix: %zu stakeholders by %zu headings%s%zu with gaps%s%zu"
	    " with no role"), v->n, nc, sep, gaps, sep, idle) :
	    util_asprintf(_("Role matrix: %zu stakeholders by %zu items%s%zu with no lead%s%zu"
	    " with no role"), v->n, nc, sep, gaps, sep, idle);
	ui_stake_line(w, 0, cols, ui->style[UI_HEADING], line != NULL ? line : "");
	free(line);
	if (rows > 1)
		ui_stake_line(w, 1, cols, ui->style[UI_NORMAL], _("A lead, R responsible, C consulted,"
		    " I informed; ! no lead, * no role; H headings, o item"));
	if (rows <= MX_HEAD + 1)
		goto done;
	if (v->n == 0 || nc == 0) {
		ui_stake_line(w, MX_HEAD, cols, ui->style[UI_NORMAL],
		    _("No stakeholders yet: K opens the register, a adds one."));
		goto done;
	}
	/* The frozen column of names, then as many cells as fit. */
	nw = cols >= 120 ? 32 : cols >= 100 ? 26 : 20;
	vc = (cols - nw - 1) / cw;
	if (vc < 1)
		vc = 1;
	list = rows - MX_HEAD - 1;
	if (list < 1)
		list = 1;
	ui_stake_scroll(v->row, &v->top, v->n, list);
	ui_stake_scroll(v->col, &v->left, nc, vc);
	for (x = 0; x < vc && v->left + (size_t)x < nc; x++) {
		const char *g;
		int gap;

		c = v->left + (size_t)x;
		gap = mx_gap(v, c);
		/* The heading row: a group's label over its columns, cut to fit them. */
		if ((g = mx_group(v, c, v->left, gbuf, sizeof gbuf)) != NULL) {
			int span = 1;

			while (x + span < vc && c + (size_t)span < nc &&
			    strcmp(mx_group_of(v, c + (size_t)span), mx_group_of(v, c)) == 0)
				span++;
			wmove(w, 2, nw + 1 + x * cw);
			wattrset(w, ui->style[UI_HEADING]);
			ui_stake_cell(w, g, span * cw - 1, 0);
			wattrset(w, A_NORMAL);
		}
		wmove(w, 3, nw + 1 + x * cw);
		wattrset(w, ui->style[c == v->col ? UI_SELECTED : gap ? UI_ALERT : UI_BAR]);
		ui_stake_cell(w, mx_label(v, c), cw - 1, 0);
		wattrset(w, A_NORMAL);
		/* The monochrome marker of a gap. */
		wmove(w, 4, nw + 1 + x * cw);
		wattrset(w, ui->style[gap ? UI_ALERT : UI_NORMAL]);
		ui_stake_cell(w, gap ? "!" : "", cw - 1, 0);
		wattrset(w, A_NORMAL);
	}
	for (y = 0; y < list && v->top + (size_t)y < v->n; y++) {
		size_t r = v->top + (size_t)y;
		const struct map_sh *s = &v->m->sh[v->order[r]];
		char mark[2] = { s->nroles == 0 ? '*' : ' ', 0 };

		wmove(w, MX_HEAD + y, 0);
		wattrset(w, ui->style[r == v->row ? UI_SELECTED_IDLE : s->nroles == 0 ? UI_ALERT :
		    UI_NORMAL]);
		ui_stake_cell(w, mark, 1, 0);
		ui_stake_cell(w, s->name, nw - 1, 1);
		wattrset(w, A_NORMAL);
		for (x = 0; x < vc && v->left + (size_t)x < nc; x++) {
			int role;
			char cell[2] = { '.', 0 };

			c = v->left + (size_t)x;
			role = mx_cell(v, r, c);
			if (role >= 0)
				cell[0] = map_role_letter(role);
			wmove(w, MX_HEAD + y, nw + 1 + x * cw);
			wattrset(w, ui->style[r == v->row && c == v->col ? UI_SELECTED :
			    role == MAP_ROLE_ACCOUNTABLE ? UI_HEADING : UI_NORMAL]);
			ui_stake_cell(w, cell, 1, 0);
			wattrset(w, A_NORMAL);
		}
	}
	/* The selected cell in words. */
	if (v->row < v->n && v->col < nc) {
		const struct map_sh *s = &v->m->sh[v->order[v->row]];
		int role = mx_cell(v, v->row, v->col);
		const char *what = role >= 0 ? _(map_role_label(role)) : _("no role");

		if (v->headings)
			line = util_asprintf("%s%s%s %s: %s", s->name, sep, v->m->headings[v->col].ref,
			    v->m->headings[v->col].title, what);
		else
			line = util_asprintf("%s%s%s %s: %s%s", s->name, sep, v->m->items[v->col].ref,
			    v->m->items[v->col].title, what, v->m->items[v->col].lead == MAP_NONE ?
			    _(" (this item has no lead)") : "");
		ui_stake_line(w, rows - 1, cols, ui->style[UI_NORMAL], line != NULL ? line : "");
		free(line);
	}
done:
	wnoutrefresh(w);
}

static char *
mx_position(struct ui *ui, void *state)
{
	struct ui_matrix *v = state;

	(void)ui;
	if (v->n == 0)
		return NULL;
	return util_asprintf(_("row %zu of %zu, column %zu of %zu"), v->row + 1, v->n,
	    v->col + 1, mx_ncols(v));
}

const struct ui_view_ops ui_matrix_view = {
	.name = "matrix",
	.title = N_("Role matrix"),
	.list = 0,
	.opener = KEYS_ACT_MATRIX_VIEW,
	.needs_wb = 1,
	.open = mx_open,
	.close = ui_view_nothing,
	.free = mx_free,
	.draw = mx_draw,
	.action = mx_action,
	.resize = ui_view_nothing,
	.position = mx_position,
	.reload = mx_reload,
};
