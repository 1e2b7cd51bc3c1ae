/* ui_grid.c: the power/interest grid view: the four quadrants drawn with lines, every stakeholder placed by influence and interest. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "ui.h"
#include "ui_stake.h"
#include "util.h"

struct ui_grid {
	struct map *m;
	char *error;
	int inf, in;                /* the selected cell: influence (row), interest (column) */
	size_t sub;                 /* the selected stakeholder in that cell */
	size_t *cell;               /* the cell's stakeholders */
	size_t ncell;
};

static void
grid_fill(struct ui_grid *v)
{
	free(v->cell);
	v->cell = NULL;
	v->ncell = 0;
	if (v->m == NULL)
		return;
	v->ncell = map_grid_cell(v->m, v->inf, v->in, NULL, 0);
	if (v->ncell > 0 && (v->cell = malloc(v->ncell * sizeof *v->cell)) == NULL)
		v->ncell = 0;
	else if (v->ncell > 0)
		map_grid_cell(v->m, v->inf, v->in, v->cell, v->ncell);
	if (v->sub >= v->ncell)
		v->sub = 0;
}

static void
grid_load(struct ui *ui, struct ui_grid *v)
{
	ui_stake_load(ui, &v->m, &v->error);
	grid_fill(v);
}

static int
grid_open(struct ui *ui, void **state)
{
	struct ui_grid *v = *state;

	if (v == NULL) {
		if ((v = *state = calloc(1, sizeof *v)) == NULL)
			return -1;
		v->inf = v->in = MAP_SCALE;
	}
	grid_load(ui, v);
	return 0;
}

static void
grid_free(void *state)
{
	struct ui_grid *v = state;

	if (v == NULL)
		return;
	ui_stake_unload(&v->m, &v->error, NULL);
	free(v->cell);
	free(v);
}

static void
grid_reload(struct ui *ui, void *state)
{
	grid_load(ui, state);
}

static int
grid_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_grid *v = state;

	switch (a) {
	case KEYS_ACT_UP:
		v->inf = v->inf < MAP_SCALE ? v->inf + 1 : MAP_SCALE;
		break;
	case KEYS_ACT_DOWN:
		v->inf = v->inf > 1 ? v->inf - 1 : 1;
		break;
	case KEYS_ACT_MATRIX_LEFT:
		v->in = v->in > 1 ? v->in - 1 : 1;
		break;
	case KEYS_ACT_MATRIX_RIGHT:
		v->in = v->in < MAP_SCALE ? v->in + 1 : MAP_SCALE;
		break;
	case KEYS_ACT_GRID_NEXT:
		v->sub = v->ncell > 0 ? (v->sub + 1) % v->ncell : 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_MATRIX_OPEN:
		if (v->sub < v->ncell)
			ui_stake_show(ui, v->m->sh[v->cell[v->sub]].id);
		else
			ui_message(ui, "%s", _("Nobody is in this cell"));
		return UI_VIEW_HANDLED;
	default:
		return UI_VIEW_PASS;
	}
	v->sub = 0;
	grid_fill(v);
	return UI_VIEW_HANDLED;
}

/* Line-drawing pieces, or ASCII where the terminal's charset lacks them. */
struct grid_glyphs {
	const char *h, *v, *tl, *tm, *tr, *ml, *mm, *mr, *bl, *bm, *br;
};

static const struct grid_glyphs grid_utf8 = { "\xe2\x94\x80", "\xe2\x94\x82",
	"\xe2\x94\x8c", "\xe2\x94\xac", "\xe2\x94\x90", "\xe2\x94\x9c", "\xe2\x94\xbc",
	"\xe2\x94\xa4", "\xe2\x94\x94", "\xe2\x94\xb4", "\xe2\x94\x98" };
static const struct grid_glyphs grid_ascii = { "-", "|", "+", "+", "+", "+", "+", "+", "+",
	"+", "+" };

/* A border line at row Y: L, then 3 cells of H, M, 2 cells of H, R. */
static void
grid_rule(WINDOW *w, int y, int x0, int cw, const struct grid_glyphs *g, const char *l,
    const char *m, const char *r)
{
	int i;

	wmove(w, y, x0);
	waddstr(w, l);
	for (i = 0; i < cw * MAP_SCALE; i++) {
		waddstr(w, g->h);
		if (i + 1 == cw * (MAP_HIGH - 1))
			waddstr(w, m);
	}
	waddstr(w, r);
}

/* The quadrant names with their counts, between the borders at row Y. */
static void
grid_labels(struct ui *ui, WINDOW *w, int y, int x0, int cw, const struct grid_glyphs *g,
    int top, const size_t *counts)
{
	int q;

	wmove(w, y, x0);
	waddstr(w, g->v);
	for (q = 0; q < 2; q++) {
		int quad = top ? (q ? MAP_QUAD_MANAGE : MAP_QUAD_SATISFY) :
		    (q ? MAP_QUAD_INFORM : MAP_QUAD_MONITOR);
		char *s = util_asprintf(" %s (%zu)", _(map_quad_label(quad)), counts[quad]);

		wattrset(w, ui->style[UI_HEADING]);
		ui_stake_cell(w, s != NULL ? s : "", cw * (q ? MAP_SCALE - MAP_HIGH + 1 :
		    MAP_HIGH - 1), 0);
		wattrset(w, A_NORMAL);
		waddstr(w, g->v);
		free(s);
	}
}

static void
grid_draw(struct ui *ui, void *state)
{
	struct ui_grid *v = state;
	WINDOW *w = ui->w_view;
	const struct grid_glyphs *g = ui->utf8 ? &grid_utf8 : &grid_ascii;
	const char *sep = ui_sep(ui);
	size_t counts[MAP_NQUADS], list[4];
	int rows, cols, cw, ch, x0 = 4, y, inf, in, k, below;
	char *line;

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	if (v->m == NULL) {
		ui_stake_line(w, 0, cols, ui->style[v->error != NULL ? UI_ALERT : UI_HEADING],
		    v->error != NULL ? v->error : _("Power/interest grid: no workbook is open"));
		goto done;
	}
	map_quadrant_counts(v->m, counts);
	line = util_asprintf(_("Power/interest grid: %zu stakeholders%sinfluence up (5 at the"
	    " top), interest across (5 at the right)"), v->m->nsh, sep);
	ui_stake_line(w, 0, cols, ui->style[UI_HEADING], line != NULL ? line : "");
	free(line);
	/* Cell size: as tall as the screen allows (1 to 3 lines), as wide as it is. */
	cw = (cols - x0 - 3) / MAP_SCALE;
	if (cw < 4)
		cw = 4;
	ch = (rows - 1 - 7 - 4) / MAP_SCALE;
	ch = ch < 1 ? 1 : ch > 3 ? 3 : ch;
	y = 1;
	for (inf = MAP_SCALE; inf >= 1; inf--) {
		if (inf == MAP_SCALE || inf == MAP_HIGH - 1) {
			grid_rule(w, y++, x0, cw, g, inf == MAP_SCALE ? g->tl : g->ml,
			    inf == MAP_SCALE ? g->tm : g->mm, inf == MAP_SCALE ? g->tr : g->mr);
			grid_labels(ui, w, y++, x0, cw, g, inf == MAP_SCALE, counts);
		}
		for (k = 0; k < ch; k++, y++) {
			if (y >= rows)
				goto done;
			wmove(w, y, 0);
			if (k == 0)
				wprintw(w, "  %d ", inf);
			wmove(w, y, x0);
			waddstr(w, g->v);
			for (in = 1; in <= MAP_SCALE; in++) {
				size_t n = map_grid_cell(v->m, inf, in, list, 4);
				const char *text = "";
				char *tmp = NULL;
				int sel = inf == v->inf && in == v->in;

				/* A cell several share: their count first; what does not fit,
				 * counted on its last line. */
				if (k == 0 && n == 1)
					text = v->m->sh[list[0]].name;
				else if (k == 0 && n > 1)
					text = tmp = util_asprintf("[%zu] %s", n, v->m->sh[list[0]].name);
				else if ((size_t)k < n && k + 1 == ch && n > (size_t)k + 1)
					text = tmp = util_asprintf(_("+%zu more"), n - (size_t)k);
				else if ((size_t)k < n)
					text = v->m->sh[list[k]].name;
				wattrset(w, ui->style[sel ? UI_SELECTED : UI_NORMAL]);
				ui_stake_cell(w, "", 1, 0);
				ui_stake_cell(w, text, cw - 1, 0);
				wattrset(w, A_NORMAL);
				free(tmp);
				if (in == MAP_HIGH - 1 || in == MAP_SCALE)
					waddstr(w, g->v);
			}
		}
	}
	if (y < rows)
		grid_rule(w, y++, x0, cw, g, g->bl, g->bm, g->br);
	if (y < rows) {
		wmove(w, y, 0);
		waddstr(w, "    ");
		for (in = 1; in <= MAP_SCALE; in++) {
			char num[8];

			snprintf(num, sizeof num, " %d", in);
			ui_stake_cell(w, num, cw, in == MAP_HIGH - 1 ? 1 : 0);
		}
		y++;
	}
	/* The selected cell's stakeholders; Tab picks one, Enter opens it. */
	below = rows - y;
	if (below > 0) {
		line = util_asprintf(_("Influence %d, interest %d (%s): %zu%s"), v->inf, v->in,
		    _(map_quad_label(map_quadrant(v->inf, v->in))), v->ncell,
		    v->ncell > 1 ? _(" (Tab: the next one; Enter opens it)") :
		    v->ncell == 1 ? _(" (Enter opens it)") : "");
		ui_stake_line(w, y++, cols, ui->style[UI_HEADING], line != NULL ? line : "");
		free(line);
		below--;
	}
	if (below > 0 && v->ncell > 0) {
		size_t top = 0;

		ui_stake_scroll(v->sub, &top, v->ncell, below);
		for (k = 0; k < below && top + (size_t)k < v->ncell; k++) {
			wmove(w, y + k, 0);
			wattrset(w, ui->style[top + (size_t)k == v->sub ? UI_SELECTED : UI_NORMAL]);
			ui_stake_cell(w, top + (size_t)k == v->sub ? ">" : " ", 1, 1);
			ui_stake_cell(w, v->m->sh[v->cell[top + (size_t)k]].name, cols - 2, 0);
			wattrset(w, A_NORMAL);
		}
	}
done:
	wnoutrefresh(w);
}

static char *
grid_position(struct ui *ui, void *state)
{
	struct ui_grid *v = state;

	(void)ui;
	return util_asprintf(_("influence %d, interest %d"), v->inf, v->in);
}

const struct ui_view_ops ui_grid_view = {
	.name = "grid",
	.title = N_("Power/interest grid"),
	.list = 0,
	.opener = KEYS_ACT_GRID_VIEW,
	.needs_wb = 1,
	.open = grid_open,
	.close = ui_view_nothing,
	.free = grid_free,
	.draw = grid_draw,
	.action = grid_action,
	.resize = ui_view_nothing,
	.position = grid_position,
	.reload = grid_reload,
};
