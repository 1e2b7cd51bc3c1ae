/* ui_coverage.c: the coverage view: per heading, items with a lead, stakeholders of each category involved, the gaps. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "text.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_stake.h"
#include "util.h"

#define COV_NUM 5               /* columns of a count */
#define COV_LED 7               /* columns of "12/18" */

struct ui_coverage {
	struct map *m;
	char *error;
	size_t sel, top;
};

static int
cov_open(struct ui *ui, void **state)
{
	struct ui_coverage *v = *state;

	if (v == NULL && (v = *state = calloc(1, sizeof *v)) == NULL)
		return -1;
	ui_stake_load(ui, &v->m, &v->error);
	return 0;
}

static void
cov_free(void *state)
{
	struct ui_coverage *v = state;

	if (v == NULL)
		return;
	ui_stake_unload(&v->m, &v->error, NULL);
	free(v);
}

static void
cov_reload(struct ui *ui, void *state)
{
	struct ui_coverage *v = state;

	ui_stake_load(ui, &v->m, &v->error);
	if (v->m != NULL && v->sel >= v->m->nheadings)
		v->sel = v->m->nheadings > 0 ? v->m->nheadings - 1 : 0;
}

static int
cov_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_coverage *v = state;
	size_t n = v->m != NULL ? v->m->nheadings : 0, i;

	switch (a) {
	case KEYS_ACT_COVERAGE_SHOW:
		if (v->sel < n) {
			const struct map_heading *h = &v->m->headings[v->sel];
			size_t it = h->first;
			char *ref;

			for (i = h->first; i < h->first + h->n; i++)
				if (v->m->items[i].lead == MAP_NONE) {
					it = i;
					break;
				}
			if (h->n == 0 || (ref = strdup(v->m->items[it].ref)) == NULL)
				return UI_VIEW_HANDLED;
			ui_view_pop_to(ui, 1);
			(void)ui_actions_show_ref(ui, ref);
			free(ref);
		}
		return UI_VIEW_HANDLED;
	default:
		return ui_stake_list_key(a, &v->sel, n, ui->rows > 16 ? ui->rows - 12 : 1) ?
		    UI_VIEW_HANDLED : UI_VIEW_PASS;
	}
}

/* TEXT wrapped from row *Y on, at most to row LAST (excluded), indented 2. */
static void
cov_wrap(WINDOW *w, int *y, int last, int cols, attr_t attr, const char *text)
{
	char *t = ui_clean(text);
	struct text_line *ln = NULL;
	size_t n, i;

	if (t == NULL)
		return;
	n = text_wrap(t, strlen(t), cols - 2, &ln);
	for (i = 0; i < n && *y < last; i++, (*y)++) {
		wmove(w, *y, 2);
		wattrset(w, attr);
		ui_put(w, t + ln[i].off, ln[i].len, cols - 2);
		wattrset(w, A_NORMAL);
	}
	free(ln);
	free(t);
}

static void
cov_draw(struct ui *ui, void *state)
{
	struct ui_coverage *v = state;
	WINDOW *w = ui->w_view;
	const char *sep = ui_sep(ui);
	int rows, cols, y, list, tw, c, gapsrows;
	size_t h, led = 0, items = 0;
	char *line, num[48];

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	if (v->m == NULL) {
		ui_stake_line(w, 0, cols, ui->style[v->error != NULL ? UI_ALERT : UI_HEADING],
		    v->error != NULL ? v->error : _("Coverage: no workbook is open"));
		goto done;
	}
	for (h = 0; h < v->m->nheadings; h++) {
		struct map_coverage cov;

		map_coverage(v->m, h, &cov);
		led += cov.nled;
		items += cov.nitems;
	}
	line = util_asprintf(_("Coverage: %zu of %zu items have a lead%s%zu headings"), led,
	    items, sep, v->m->nheadings);
	ui_stake_line(w, 0, cols, ui->style[UI_HEADING], line != NULL ? line : "");
	free(line);
	line = util_asprintf(_("! a gap; involved: %s %s, %s %s, %s %s, %s %s, %s %s"),
	    _(map_cat_abbr(0)), _(map_cat_short(0)), _(map_cat_abbr(1)), _(map_cat_short(1)),
	    _(map_cat_abbr(2)), _(map_cat_short(2)), _(map_cat_abbr(3)), _(map_cat_short(3)),
	    _(map_cat_abbr(4)), _(map_cat_short(4)));
	if (rows > 1)
		ui_stake_line(w, 1, cols, ui->style[UI_NORMAL], line != NULL ? line : "");
	free(line);
	if (rows < 6)
		goto done;
	tw = cols - COV_LED - MAP_NCATS * COV_NUM - 1;
	if (tw < 10)
		tw = 10;
	wmove(w, 2, 0);
	wattrset(w, ui->style[UI_BAR]);
	ui_stake_cell(w, _("Heading"), tw, 1);
	ui_stake_cell(w, _("Led"), COV_LED, 0);
	for (c = 0; c < MAP_NCATS; c++)
		ui_stake_cell(w, _(map_cat_abbr(c)), COV_NUM, 0);
	ui_blank(w, cols - getcurx(w));
	wattrset(w, A_NORMAL);
	/* The list, and below it the selected heading's gaps. */
	gapsrows = rows >= 20 ? 6 : 3;
	list = rows - 3 - gapsrows;
	if (list < 1)
		list = 1;
	ui_stake_scroll(v->sel, &v->top, v->m->nheadings, list);
	for (y = 0; y < list && v->top + (size_t)y < v->m->nheadings; y++) {
		const struct map_heading *hd = &v->m->headings[v->top + (size_t)y];
		struct map_coverage cov;
		int sel = v->top + (size_t)y == v->sel;
		char *title;

		map_coverage(v->m, v->top + (size_t)y, &cov);
		title = *hd->ref != '\0' ? util_asprintf("%s %s", hd->ref, hd->title) :
		    util_asprintf("%s", _("Items of no loaded framework"));
		wmove(w, 3 + y, 0);
		wattrset(w, ui->style[sel ? UI_SELECTED : UI_NORMAL]);
		ui_stake_cell(w, title != NULL ? title : "", tw, 1);
		free(title);
		snprintf(num, sizeof num, "%s%zu/%zu", cov.nled < cov.nitems ? "!" : " ", cov.nled,
		    cov.nitems);
		if (!sel)
			wattrset(w, ui->style[cov.nled < cov.nitems ? UI_ALERT : UI_NORMAL]);
		ui_stake_cell(w, num, COV_LED, 0);
		for (c = 0; c < MAP_NCATS; c++) {
			if (cov.involved[c] == 0)
				snprintf(num, sizeof num, "%4s", "!");
			else
				snprintf(num, sizeof num, "%4zu", cov.involved[c]);
			if (!sel)
				wattrset(w, ui->style[cov.involved[c] == 0 ? UI_ALERT : UI_NORMAL]);
			ui_stake_cell(w, num, COV_NUM, 0);
		}
		if (sel)
			ui_blank(w, cols - getcurx(w) > 0 ? cols - getcurx(w) : 0);
		wattrset(w, A_NORMAL);
	}
	y = 3 + list;
	if (v->sel < v->m->nheadings && y < rows) {
		const struct map_heading *hd = &v->m->headings[v->sel];
		struct map_coverage cov;
		char *nolead = NULL, *absent = NULL;
		size_t i, len = 0;

		map_coverage(v->m, v->sel, &cov);
		for (i = hd->first; i < hd->first + hd->n; i++) {
			char *p;

			if (v->m->items[i].lead != MAP_NONE)
				continue;
			p = util_asprintf("%s%s%s", nolead != NULL ? nolead : "", len ? ", " : "",
			    v->m->items[i].ref);
			free(nolead);
			nolead = p;
			len++;
		}
		for (c = 0, len = 0; c < MAP_NCATS; c++) {
			char *p;

			if (!(cov.absent & (1u << c)))
				continue;
			p = util_asprintf("%s%s%s", absent != NULL ? absent : "", len ? "; " : "",
			    _(map_cat_label(c)));
			free(absent);
			absent = p;
			len++;
		}
		line = util_asprintf(_("No lead: %s"), nolead != NULL ? nolead :
		    _("none, every item has one"));
		cov_wrap(w, &y, rows, cols, ui->style[nolead != NULL ? UI_ALERT : UI_NORMAL],
		    line != NULL ? line : "");
		free(line);
		line = util_asprintf(_("Absent: %s"), absent != NULL ? absent :
		    _("none, every category is involved"));
		cov_wrap(w, &y, rows, cols, ui->style[absent != NULL ? UI_ALERT : UI_NORMAL],
		    line != NULL ? line : "");
		free(line);
		free(nolead);
		free(absent);
	}
done:
	wnoutrefresh(w);
}

static char *
cov_position(struct ui *ui, void *state)
{
	struct ui_coverage *v = state;

	(void)ui;
	if (v->m == NULL || v->m->nheadings == 0)
		return NULL;
	return util_asprintf(_("heading %zu of %zu"), v->sel + 1, v->m->nheadings);
}

const struct ui_view_ops ui_coverage_view = {
	.name = "coverage",
	.title = N_("Coverage"),
	.list = 1,
	.opener = KEYS_ACT_COVERAGE_VIEW,
	.needs_wb = 1,
	.open = cov_open,
	.close = ui_view_nothing,
	.free = cov_free,
	.draw = cov_draw,
	.action = cov_action,
	.resize = ui_view_nothing,
	.position = cov_position,
	.reload = cov_reload,
};
