/* ui_conflicts.c: the Conflicts view: what merges left to decide, deciding it (undoable), and merging a workbook in. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings.h"
#include "text.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_room.h"
#include "util.h"
#include "wb.h"
#include "wb_backup.h"
#include "wb_merge.h"

struct conf_row {
	int64_t id;
	char *ref, *what, *field;          /* sanitised */
	char *kept, *kept_source, *kept_at;
	char *other, *other_source, *other_at;
	int resolved;
};

struct conf {
	struct conf_row *rows;
	size_t n, cap, sel, top;
	int rows_shown;
	char *report;                      /* the last merge's report, sanitised, or NULL */
};

static void
conf_row_free(struct conf_row *r)
{
	free(r->ref);
	free(r->what);
	free(r->field);
	free(r->kept);
	free(r->kept_source);
	free(r->kept_at);
	free(r->other);
	free(r->other_source);
	free(r->other_at);
}

static void
conf_clear(struct conf *c)
{
	for (size_t i = 0; i < c->n; i++)
		conf_row_free(&c->rows[i]);
	c->n = 0;
}

static int
conf_row_cb(const struct wb_conflict *k, void *arg)
{
	struct conf *c = arg;
	struct conf_row *r;

	if (c->n == c->cap) {
		size_t cap = c->cap != 0 ? c->cap * 2 : 16;
		struct conf_row *n = realloc(c->rows, cap * sizeof *n);

		if (n == NULL)
			return -1;
		c->rows = n;
		c->cap = cap;
	}
	r = &c->rows[c->n++];
	memset(r, 0, sizeof *r);
	r->id = k->id;
	r->resolved = k->resolved;
	r->ref = ui_clean(k->ref[0] != '\0' ? k->ref : _("register"));
	r->what = ui_clean(k->what);
	r->field = k->field[0] != '\0' ? util_asprintf("%s %s", k->tbl, k->field) :
	    util_asprintf(_("%s: two rival roles"), k->tbl);
	r->kept = ui_clean(k->kept);
	r->kept_source = ui_clean(k->kept_source);
	r->kept_at = ui_clean(k->kept_at);
	r->other = ui_clean(k->other);
	r->other_source = ui_clean(k->other_source);
	r->other_at = ui_clean(k->other_at);
	if (r->ref == NULL || r->what == NULL || r->field == NULL || r->kept == NULL ||
	    r->kept_source == NULL || r->kept_at == NULL || r->other == NULL ||
	    r->other_source == NULL || r->other_at == NULL)
		return -1;
	return 0;
}

/* Read the conflicts again (open ones first, then decided), keeping the selection. */
static int
conf_load(struct ui *ui, struct conf *c)
{
	int64_t keep = c->n > 0 && c->sel < c->n ? c->rows[c->sel].id : 0;

	conf_clear(c);
	if (ui->wb == NULL)
		return 0;
	if (wb_conflicts_each(ui->wb, 0, conf_row_cb, c) != 0) {
		ui_room_error(ui);
		return -1;
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].id == keep)
			c->sel = i;
	if (c->sel >= c->n)
		c->sel = c->n > 0 ? c->n - 1 : 0;
	return 0;
}

static int
conf_open(struct ui *ui, void **state)
{
	if (*state == NULL && (*state = calloc(1, sizeof(struct conf))) == NULL)
		return -1;
	(void)conf_load(ui, *state);
	return 0;
}

static void
conf_free(void *state)
{
	struct conf *c = state;

	if (c == NULL)
		return;
	conf_clear(c);
	free(c->rows);
	free(c->report);
	free(c);
}

/* One line at row Y: LABEL then TEXT, cut to the width. */
static void
conf_line(WINDOW *w, int y, const char *text, int wd)
{
	wmove(w, y, 0);
	ui_blank(w, wd);
	wmove(w, y, 0);
	ui_put(w, text, strlen(text), wd);
}

static void
conf_draw(struct ui *ui, void *state)
{
	struct conf *c = state;
	WINDOW *w = ui->w_view;
	int h = getmaxy(w), wd = getmaxx(w), detail = 6, head, rows, y;
	size_t open = 0;
	char *s;

	werase(w);
	for (size_t i = 0; i < c->n; i++)
		open += c->rows[i].resolved == 0;
	head = c->report != NULL ? 2 : 1;
	wattrset(w, ui->style[UI_HEADING]);
	s = util_asprintf(_("%zu to decide, %zu decided: 1 keeps the value the row holds, 2 takes"
	    " the other, m merges a workbook in"), open, c->n - open);
	if (s != NULL)
		conf_line(w, 0, s, wd);
	free(s);
	wattrset(w, A_NORMAL);
	if (c->report != NULL)
		conf_line(w, 1, c->report, wd);
	if (h < head + detail + 2)
		detail = 0;
	rows = h - head - detail;
	if (rows < 1)
		rows = 1;
	c->rows_shown = rows;
	if (c->n == 0) {
		conf_line(w, head + 1, _("No conflicts: every merge so far fitted together."), wd);
		wnoutrefresh(w);
		return;
	}
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + (size_t)rows)
		c->top = c->sel - (size_t)rows + 1;
	for (y = 0; y < rows && c->top + (size_t)y < c->n; y++) {
		const struct conf_row *r = &c->rows[c->top + (size_t)y];

		s = util_asprintf("%s %-10s %-22s %s", r->resolved == 0 ? "!" :
		    r->resolved == 1 ? "1" : "2", r->ref, r->field, r->what);
		wattrset(w, c->top + (size_t)y == c->sel ? ui->style[UI_SELECTED] : A_NORMAL);
		if (s != NULL)
			conf_line(w, head + y, s, wd);
		free(s);
	}
	wattrset(w, A_NORMAL);
	if (detail > 0) {
		const struct conf_row *r = &c->rows[c->sel];

		y = h - detail;
		wattrset(w, ui->style[UI_HEADING]);
		s = util_asprintf("%s  %s%s", r->ref, r->field, r->resolved == 0 ? "" :
		    r->resolved == 1 ? _(" (decided: kept)") : _(" (decided: the other)"));
		if (s != NULL)
			conf_line(w, y, s, wd);
		free(s);
		wattrset(w, A_NORMAL);
		conf_line(w, y + 1, r->what, wd);
		s = util_asprintf(_("1 kept:  %s"), r->kept);
		if (s != NULL)
			conf_line(w, y + 2, s, wd);
		free(s);
		s = util_asprintf(_("         from %s, %s"), r->kept_source, r->kept_at);
		if (s != NULL)
			conf_line(w, y + 3, s, wd);
		free(s);
		s = util_asprintf(_("2 other: %s"), r->other);
		if (s != NULL)
			conf_line(w, y + 4, s, wd);
		free(s);
		s = util_asprintf(_("         from %s, %s"), r->other_source, r->other_at);
		if (s != NULL)
			conf_line(w, y + 5, s, wd);
		free(s);
	}
	wnoutrefresh(w);
}

/* The prompt's answer: merge the workbook TEXT names into this one. */
static int
conf_merge_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	struct wb_merge_report rep;
	struct wb_source *src = NULL;
	struct conf *c = ui_view_state(ui, ui_view_find("conflicts"));
	char *err = NULL, *msg;
	const char *base;

	(void)id;
	(void)field;
	(void)pick;
	if (text == NULL || *text == '\0')
		return 0;
	if (wb_source_open(text, &src, &err) != 0) {
		char *e = ui_clean(err != NULL ? err : _("out of memory"));

		ui_message(ui, "%s", e != NULL ? e : "?");
		free(e);
		free(err);
		return 1;   /* keep the prompt open with what was typed */
	}
	/* A safety copy of the workbook as it was, then one transaction. */
	if (wb_backup_now(ui->wb, (int)settings_int("backup_keep"), NULL) != 0 ||
	    wb_merge(ui->wb, &src, 1, &rep) != 0) {
		ui_room_error(ui);
		wb_source_free(src);
		return 1;
	}
	base = strrchr(wb_source_path(src), '/');
	msg = util_asprintf(_("%s: %lld added, %lld changed, %lld deleted, %lld in conflict"),
	    base != NULL ? base + 1 : wb_source_path(src), (long long)rep.added, (long long)rep.changed,
	    (long long)rep.deleted, (long long)rep.conflicts);
	wb_source_free(src);
	if (c != NULL) {
		free(c->report);
		c->report = msg != NULL ? ui_clean(msg) : NULL;
	}
	ui_message(ui, "%s", _("Merged; the report is at the top of the Conflicts view"));
	free(msg);
	ui_view_reload_all(ui);
	return 0;
}

static int
conf_action(struct ui *ui, void *state, enum keys_action a)
{
	struct conf *c = state;
	const struct conf_row *r = c->n > 0 ? &c->rows[c->sel] : NULL;
	size_t page = c->rows_shown > 1 ? (size_t)c->rows_shown - 1 : 1;

	switch (a) {
	case KEYS_ACT_UP:
		if (c->sel > 0)
			c->sel--;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DOWN:
		if (c->sel + 1 < c->n)
			c->sel++;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_UP:
		c->sel = c->sel > page ? c->sel - page : 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_DOWN:
		c->sel = c->sel + page < c->n ? c->sel + page : c->n > 0 ? c->n - 1 : 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_FIRST:
		c->sel = 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_LAST:
		c->sel = c->n > 0 ? c->n - 1 : 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_CONFLICT_MERGE:
		if (wb_readonly(ui->wb) || ui_room_following(ui)) {
			ui_message(ui, "%s", _("The workbook is read-only here: nothing can be"
			    " merged into it"));
			return UI_VIEW_HANDLED;
		}
		ui_room_ask_text(ui, _("Merge the workbook (file name)"), "", 0, 0,
		    conf_merge_done);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_CONFLICT_SHOW:
		if (r != NULL && strchr(r->ref, ':') != NULL) {
			char *ref = strdup(r->ref);

			ui_view_pop_to(ui, 0);
			if (ref != NULL)
				(void)ui_actions_show_ref(ui, ref);
			free(ref);
		} else
			ui_message(ui, "%s", _("This conflict is in the register, not on an item"));
		return UI_VIEW_HANDLED;
	case KEYS_ACT_CONFLICT_KEEP:
	case KEYS_ACT_CONFLICT_OTHER:
		if (r == NULL) {
			ui_message(ui, "%s", _("There is no conflict to decide"));
			return UI_VIEW_HANDLED;
		}
		if (wb_conflict_resolve(ui->wb, r->id, a == KEYS_ACT_CONFLICT_OTHER) != 0) {
			ui_room_error(ui);
			return UI_VIEW_HANDLED;
		}
		ui_message(ui, "%s", a == KEYS_ACT_CONFLICT_OTHER ?
		    _("Decided: the other value; u undoes") :
		    _("Decided: the value kept; u undoes"));
		ui_view_reload_all(ui);
		return UI_VIEW_HANDLED;
	default:
		return UI_VIEW_PASS;
	}
}

static char *
conf_position(struct ui *ui, void *state)
{
	struct conf *c = state;

	(void)ui;
	return util_asprintf(_("conflict %zu of %zu"), c->n > 0 ? c->sel + 1 : 0, c->n);
}

static void
conf_reload(struct ui *ui, void *state)
{
	if (state != NULL)
		(void)conf_load(ui, state);
}

const struct ui_view_ops ui_conflicts_view = {
	.name = "conflicts",
	.title = N_("Conflicts"),
	.list = 1,
	.opener = KEYS_ACT_CONFLICTS_VIEW,
	.needs_wb = 1,
	.open = conf_open,
	.close = ui_view_nothing,
	.free = conf_free,
	.draw = conf_draw,
	.action = conf_action,
	.resize = ui_view_nothing,
	.position = conf_position,
	.reload = conf_reload,
};
