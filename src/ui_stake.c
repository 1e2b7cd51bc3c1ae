/* ui_stake.c: the stakeholder register view, the stakeholder form, and what the stakeholder-map views share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "map_out.h"
#include "text.h"
#include "ui.h"
#include "ui_modal.h"
#include "ui_stake.h"
#include "util.h"
#include "wb.h"

/* ---- shared by the map's views ---- */

void
ui_stake_cell(WINDOW *w, const char *s, int cols, int sep)
{
	char *t, *p;

	if (cols > 0) {
		t = ui_clean(s);
		p = t != NULL ? text_pad(t, strlen(t), cols) : NULL;
		if (p != NULL)
			waddstr(w, p);
		else
			ui_blank(w, cols);
		free(p);
		free(t);
	}
	ui_blank(w, sep);
}

char *
ui_stake_short(const char *name, int cols)
{
	char *t = ui_clean(name), *s;

	if (t == NULL)
		return NULL;
	s = text_ellipsize(t, strlen(t), cols);
	free(t);
	return s;
}

void
ui_stake_line(WINDOW *w, int y, int cols, attr_t attr, const char *s)
{
	wmove(w, y, 0);
	wattrset(w, attr);
	ui_stake_cell(w, s, cols, 0);
	wattrset(w, A_NORMAL);
}

void
ui_stake_move(size_t *sel, size_t n, long d)
{
	long s = (long)*sel + d;

	if (n == 0) {
		*sel = 0;
		return;
	}
	*sel = s < 0 ? 0 : s >= (long)n ? n - 1 : (size_t)s;
}

int
ui_stake_list_key(enum keys_action a, size_t *sel, size_t n, long page)
{
	switch (a) {
	case KEYS_ACT_UP:
		ui_stake_move(sel, n, -1);
		return 1;
	case KEYS_ACT_DOWN:
		ui_stake_move(sel, n, 1);
		return 1;
	case KEYS_ACT_PAGE_UP:
		ui_stake_move(sel, n, -page);
		return 1;
	case KEYS_ACT_PAGE_DOWN:
		ui_stake_move(sel, n, page);
		return 1;
	case KEYS_ACT_FIRST:
		*sel = 0;
		return 1;
	case KEYS_ACT_LAST:
		ui_stake_move(sel, n, (long)n);
		return 1;
	default:
		return 0;
	}
}

void
ui_stake_scroll(size_t sel, size_t *top, size_t n, int rows)
{
	if (rows <= 0)
		return;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + (size_t)rows)
		*top = sel - (size_t)rows + 1;
	if (*top + (size_t)rows > n)
		*top = n > (size_t)rows ? n - (size_t)rows : 0;
}

void
ui_stake_load(struct ui *ui, struct map **m, char **err)
{
	char *e = NULL;

	ui_stake_unload(m, err, NULL);
	if (ui->wb == NULL)
		return;
	if (map_load(ui->wb, ui->cat, m, &e) != 0) {
		*err = ui_clean(e != NULL ? e : _("out of memory"));
		ui_message(ui, "%s", *err != NULL ? *err : "");
	}
	free(e);
}

void
ui_stake_unload(struct map **m, char **err, size_t **order)
{
	map_free(*m);
	*m = NULL;
	free(*err);
	*err = NULL;
	if (order != NULL) {
		free(*order);
		*order = NULL;
	}
}

size_t
ui_stake_list(const struct map *m, int sort, unsigned cats, unsigned engs, size_t **order)
{
	free(*order);
	*order = NULL;
	if (m == NULL || (*order = malloc((m->nsh + 1) * sizeof **order)) == NULL)
		return 0;
	return map_register(m, sort, cats, engs, *order);
}

int
ui_stake_can_edit(struct ui *ui)
{
	if (ui->wb == NULL) {
		ui_message(ui, "%s", _("No workbook is open: start ciipwb with a workbook file"));
		return 0;
	}
	if (wb_readonly(ui->wb)) {
		char *n = ui_clean(wb_notice(ui->wb));

		ui_message(ui, _("The workbook is read-only: %s"), n != NULL ? n : "");
		free(n);
		return 0;
	}
	return 1;
}

int
ui_stake_saved(struct ui *ui, int rc, const char *msg)
{
	if (rc == 0) {
		ui_text_invalidate(ui);
		ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT);
		ui_view_reload_all(ui);
		ui_message(ui, "%s", msg != NULL ? msg : _("Saved"));
	} else {
		char *e = ui_clean(wb_errmsg(ui->wb));

		ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
		free(e);
	}
	return rc;
}

/* ---- the stakeholder form ---- */

struct stake_form {
	int64_t id;                 /* 0: a new stakeholder */
	char *name, *contact, *resp;
	int cat, eng, influence, interest;
	ui_stake_done_fn *done;
	void *arg;
};

static struct stake_form *stake_form_cur;   /* one form at a time (the modal is one) */

static void stake_form_name(struct ui *ui, struct stake_form *f);

static void
stake_form_end(struct ui *ui, struct stake_form *f, int64_t id)
{
	ui_stake_done_fn *done = f->done;
	void *arg = f->arg;

	free(f->name);
	free(f->contact);
	free(f->resp);
	free(f);
	stake_form_cur = NULL;
	if (done != NULL)
		done(ui, arg, id);
}

static void
stake_form_cancel(struct ui *ui, struct stake_form *f)
{
	ui_message(ui, "%s", _("Cancelled"));
	stake_form_end(ui, f, 0);
}

static int
stake_set(char **field, const char *v)
{
	char *d = strdup(v != NULL ? v : "");

	if (d == NULL)
		return -1;
	free(*field);
	*field = d;
	return 0;
}

static void
stake_form_save(struct ui *ui, struct stake_form *f)
{
	struct wb_stakeholder s;
	int64_t id = f->id;
	int rc;

	memset(&s, 0, sizeof s);
	s.id = f->id;
	s.name = f->name;
	s.category = map_cat_code(f->cat);
	s.contact = f->contact;
	s.responsibilities = f->resp;
	s.influence = f->influence;
	s.interest = f->interest;
	s.engagement = map_eng_code(f->eng);
	rc = f->id != 0 ? wb_stakeholder_update(ui->wb, &s) : wb_stakeholder_add(ui->wb, &s, &id);
	if (ui_stake_saved(ui, rc, f->id != 0 ? _("Stakeholder saved") :
	    _("Stakeholder added and saved; u undoes it")) != 0) {
		/* Nothing typed is lost: the form again, from the name (the error stays). */
		char msg[sizeof ui->msg];

		memcpy(msg, ui->msg, sizeof msg);
		stake_form_name(ui, f);
		memcpy(ui->msg, msg, sizeof msg);
		return;
	}
	stake_form_end(ui, f, id);
}

static void
stake_form_eng_cb(struct ui *ui, void *arg, size_t i)
{
	struct stake_form *f = arg;

	if (i == UI_MODAL_CANCEL) {
		stake_form_cancel(ui, f);
		return;
	}
	f->eng = (int)i;
	stake_form_save(ui, f);
}

static void
stake_form_eng(struct ui *ui, struct stake_form *f)
{
	const char *labels[MAP_NENGS];
	int e;

	for (e = 0; e < MAP_NENGS; e++)
		labels[e] = _(map_eng_label(e));
	if (ui_modal_choose(ui, _("Engagement"), labels, MAP_NENGS, (size_t)f->eng,
	    stake_form_eng_cb, f) != 0)
		stake_form_end(ui, f, 0);
}

static const char *const stake_levels[MAP_SCALE] = { N_("1 (very low)"), N_("2 (low)"),
	N_("3 (medium)"), N_("4 (high)"), N_("5 (very high)") };

static void
stake_form_interest_cb(struct ui *ui, void *arg, size_t i)
{
	struct stake_form *f = arg;

	if (i == UI_MODAL_CANCEL) {
		stake_form_cancel(ui, f);
		return;
	}
	f->interest = (int)i + 1;
	stake_form_eng(ui, f);
}

static void
stake_form_influence_cb(struct ui *ui, void *arg, size_t i)
{
	struct stake_form *f = arg;
	const char *labels[MAP_SCALE];
	int k;

	if (i == UI_MODAL_CANCEL) {
		stake_form_cancel(ui, f);
		return;
	}
	f->influence = (int)i + 1;
	for (k = 0; k < MAP_SCALE; k++)
		labels[k] = _(stake_levels[k]);
	if (ui_modal_choose(ui, _("Interest in the subject (1 to 5)"), labels, MAP_SCALE,
	    (size_t)(f->interest - 1), stake_form_interest_cb, f) != 0)
		stake_form_end(ui, f, 0);
}

static void
stake_form_resp_cb(struct ui *ui, void *arg, const char *text)
{
	struct stake_form *f = arg;
	const char *labels[MAP_SCALE];
	int k;

	if (text == NULL) {
		stake_form_cancel(ui, f);
		return;
	}
	if (stake_set(&f->resp, text) != 0) {
		ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
		stake_form_end(ui, f, 0);
		return;
	}
	for (k = 0; k < MAP_SCALE; k++)
		labels[k] = _(stake_levels[k]);
	if (ui_modal_choose(ui, _("Influence (power) over the subject (1 to 5)"), labels,
	    MAP_SCALE, (size_t)(f->influence - 1), stake_form_influence_cb, f) != 0)
		stake_form_end(ui, f, 0);
}

static void
stake_form_contact_cb(struct ui *ui, void *arg, const char *text)
{
	struct stake_form *f = arg;

	if (text == NULL) {
		stake_form_cancel(ui, f);
		return;
	}
	if (stake_set(&f->contact, text) != 0 ||
	    ui_modal_edit(ui, _("Responsibilities"), f->resp, 1,
	    stake_form_resp_cb, f) != 0)
		stake_form_end(ui, f, 0);
}

static void
stake_form_cat_cb(struct ui *ui, void *arg, size_t i)
{
	struct stake_form *f = arg;

	if (i == UI_MODAL_CANCEL) {
		stake_form_cancel(ui, f);
		return;
	}
	f->cat = (int)i;
	if (ui_modal_edit(ui, _("Point of contact (name, e-mail, telephone)"), f->contact, 0,
	    stake_form_contact_cb, f) != 0)
		stake_form_end(ui, f, 0);
}

static void
stake_form_cat(struct ui *ui, struct stake_form *f)
{
	const char *labels[MAP_NCATS];
	int c;

	for (c = 0; c < MAP_NCATS; c++)
		labels[c] = _(map_cat_label(c));
	if (ui_modal_choose(ui, _("Category"), labels, MAP_NCATS, (size_t)f->cat,
	    stake_form_cat_cb, f) != 0)
		stake_form_end(ui, f, 0);
}

static void
stake_form_dup_cb(struct ui *ui, void *arg, int yes)
{
	struct stake_form *f = arg;

	if (yes)
		stake_form_cat(ui, f);
	else
		stake_form_name(ui, f);
}

/* The duplicate-name question about NAME, for a renamed (SAME) or a new stakeholder. */
static char *
stake_dup_question(int same, const char *name)
{
	return same ?
	    util_asprintf(_("\"%s\" is in the register already: the same name? (y/n)"), name) :
	    util_asprintf(_("\"%s\" is in the register already: add a second? (y/n)"), name);
}

static void
stake_form_name_cb(struct ui *ui, void *arg, const char *text)
{
	struct stake_form *f = arg;
	char *found = NULL, *err = NULL, *q = NULL, *b = NULL;
	int64_t other = 0;
	int r;

	if (text == NULL) {
		stake_form_cancel(ui, f);
		return;
	}
	if (stake_set(&f->name, text) != 0) {
		stake_form_end(ui, f, 0);
		return;
	}
	if (f->name[strspn(f->name, " \t\n")] == '\0') {
		stake_form_name(ui, f);
		ui_message(ui, "%s", _("A stakeholder needs a name: type one, or Esc to cancel"));
		return;
	}
	/* The duplicate-name rule: the same name, case and accents aside, asks first. */
	r = map_name_taken(ui->wb, f->name, f->id, &other, &found, &err);
	if (r < 0) {
		char *e = ui_clean(err);

		stake_form_name(ui, f);
		ui_message(ui, "%s", e != NULL ? e : "");
		free(e);
		free(err);
		return;
	}
	if (r == 1) {
		/* One line of the message line: the name in the register, cut so that the
		 * question and its (y/n) fit the terminal's width. */
		char *q0 = stake_dup_question(f->id != 0, "");
		int room = COLS - 1 - (q0 != NULL ? text_width(q0, strlen(q0)) : 0);

		free(q0);
		b = ui_stake_short(found, room < 8 ? 8 : room > 30 ? 30 : room);
		q = stake_dup_question(f->id != 0, b != NULL ? b : "");
		free(b);
		free(found);
		if (q == NULL || ui_modal_ask(ui, q, stake_form_dup_cb, f) != 0)
			stake_form_end(ui, f, 0);
		free(q);
		return;
	}
	stake_form_cat(ui, f);
}

static void
stake_form_name(struct ui *ui, struct stake_form *f)
{
	if (ui_modal_edit(ui, f->id != 0 ? _("Name of the stakeholder") :
	    _("Name of the new stakeholder"), f->name, 0, stake_form_name_cb, f) != 0)
		stake_form_end(ui, f, 0);
}

void
ui_stake_form(struct ui *ui, int64_t id, const char *name, ui_stake_done_fn *done, void *arg)
{
	struct stake_form *f;
	struct wb_stakeholder s;

	if (!ui_stake_can_edit(ui) || stake_form_cur != NULL)
		return;
	if ((f = calloc(1, sizeof *f)) == NULL) {
		ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
		return;
	}
	f->id = id;
	f->done = done;
	f->arg = arg;
	f->cat = MAP_CAT_NATIONAL;
	f->eng = MAP_ENG_NEUTRAL;
	f->influence = f->interest = 3;
	if (id != 0) {
		if (wb_stakeholder_get(ui->wb, id, &s) != 0) {
			ui_stake_saved(ui, -1, NULL);
			free(f);
			return;
		}
		f->cat = map_cat_from_code(s.category) >= 0 ? map_cat_from_code(s.category) : 0;
		f->eng = map_eng_from_code(s.engagement) >= 0 ? map_eng_from_code(s.engagement) :
		    MAP_ENG_NEUTRAL;
		f->influence = s.influence >= 1 && s.influence <= 5 ? s.influence : 3;
		f->interest = s.interest >= 1 && s.interest <= 5 ? s.interest : 3;
		if (stake_set(&f->name, s.name) != 0 || stake_set(&f->contact, s.contact) != 0 ||
		    stake_set(&f->resp, s.responsibilities) != 0) {
			wb_stakeholder_free(&s);
			stake_form_end(ui, f, 0);
			return;
		}
		wb_stakeholder_free(&s);
	} else if (stake_set(&f->name, name) != 0) {
		stake_form_end(ui, f, 0);
		return;
	}
	stake_form_cur = f;
	stake_form_name(ui, f);
}

/* ---- the register ---- */

struct ui_stake {
	struct map *m;
	char *error;
	size_t *order, n, sel, top;
	int sort;
	int cat;                    /* filter: -1 any, else the category */
	int eng;                    /* filter: -1 any, else the engagement */
	int64_t keep;               /* stakeholder to select after a reload */
};

static void
stake_filter(struct ui_stake *v)
{
	unsigned cats = v->cat < 0 ? MAP_ALL : 1u << v->cat;
	unsigned engs = v->eng < 0 ? MAP_ALL : 1u << v->eng;
	size_t i;

	v->n = ui_stake_list(v->m, v->sort, cats, engs, &v->order);
	v->sel = 0;
	for (i = 0; v->keep != 0 && i < v->n; i++)
		if (v->m->sh[v->order[i]].id == v->keep)
			v->sel = i;
}

static int64_t
stake_selected(const struct ui_stake *v)
{
	return v->m != NULL && v->sel < v->n ? v->m->sh[v->order[v->sel]].id : 0;
}

static void
stake_load(struct ui *ui, struct ui_stake *v)
{
	ui_stake_load(ui, &v->m, &v->error);
	stake_filter(v);
}

static int
stake_open(struct ui *ui, void **state)
{
	struct ui_stake *v = *state;

	if (v == NULL) {
		if ((v = calloc(1, sizeof *v)) == NULL)
			return -1;
		v->cat = v->eng = -1;
		*state = v;
	}
	v->keep = 0;
	stake_load(ui, v);
	v->top = 0;
	return 0;
}

static void
stake_free(void *state)
{
	struct ui_stake *v = state;

	if (v == NULL)
		return;
	ui_stake_unload(&v->m, &v->error, &v->order);
	free(v);
}

static void
stake_reload(struct ui *ui, void *state)
{
	struct ui_stake *v = state;

	v->keep = stake_selected(v);
	stake_load(ui, v);
}

static void
stake_added(struct ui *ui, void *arg, int64_t id)
{
	struct ui_stake *v = arg;

	(void)ui;
	if (id != 0 && v->m != NULL) {
		v->keep = id;
		stake_filter(v);
	}
}

static void
stake_delete_cb(struct ui *ui, void *arg, int yes)
{
	int64_t *id = arg;

	if (!yes) {
		ui_message(ui, "%s", _("Not deleted"));
		return;
	}
	ui_stake_saved(ui, wb_stakeholder_delete(ui->wb, *id),
	    _("Deleted and saved; u undoes it (its roles and relationships too)"));
}

void
ui_stake_delete_ask(struct ui *ui, const struct map *m, size_t i)
{
	static int64_t del_id;
	const struct map_sh *s = &m->sh[i];
	size_t nrel = map_relations_of(m, i, NULL, 0);
	char *name = ui_stake_short(s->name, 20), *q;

	if (!ui_stake_can_edit(ui)) {
		free(name);
		return;
	}
	del_id = s->id;
	if (s->nroles == 0 && s->nactions == 0 && nrel == 0)
		q = util_asprintf(_("Delete \"%s\"? (y/n)"), name != NULL ? name : "");
	else
		q = util_asprintf(_("Delete \"%s\": %zu roles, %zu relationships, owns %zu"
		    " actions (y/n)"), name != NULL ? name : "", s->nroles, nrel, s->nactions);
	free(name);
	if (q != NULL)
		ui_modal_ask(ui, q, stake_delete_cb, &del_id);
	free(q);
}

static int
stake_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_stake *v = state;
	int page = ui->rows > 10 ? ui->rows - 8 : 1;

	switch (a) {
	case KEYS_ACT_STAKE_OPEN:
		if (stake_selected(v) != 0)
			ui_stake_show(ui, stake_selected(v));
		return UI_VIEW_HANDLED;
	case KEYS_ACT_STAKE_ADD:
		ui_stake_form(ui, 0, NULL, stake_added, v);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_STAKE_EDIT:
		if (stake_selected(v) == 0)
			ui_message(ui, "%s", _("No stakeholder is selected; a adds one"));
		else
			ui_stake_form(ui, stake_selected(v), NULL, NULL, NULL);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_STAKE_DELETE:
		if (stake_selected(v) == 0)
			ui_message(ui, "%s", _("No stakeholder is selected"));
		else
			ui_stake_delete_ask(ui, v->m, v->order[v->sel]);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_STAKE_SORT:
		v->sort = (v->sort + 1) % MAP_NSORTS;
		break;
	case KEYS_ACT_STAKE_CATEGORY:
		v->cat = v->cat + 1 >= MAP_NCATS ? -1 : v->cat + 1;
		break;
	case KEYS_ACT_STAKE_ENGAGEMENT:
		v->eng = v->eng + 1 >= MAP_NENGS ? -1 : v->eng + 1;
		break;
	case KEYS_ACT_STAKE_CLEAR:
		v->cat = v->eng = -1;
		break;
	default:
		return ui_stake_list_key(a, &v->sel, v->n, page) ? UI_VIEW_HANDLED : UI_VIEW_PASS;
	}
	/* The sort or a filter changed: keep the selected stakeholder. */
	v->keep = stake_selected(v);
	stake_filter(v);
	return UI_VIEW_HANDLED;
}

/* "National government 4 · Other government 2 · ..." with the labels LABEL gives. */
static char *
stake_counts(const struct map *m, const char *sep, const char *(*label)(int))
{
	char *s = NULL, *p;
	int c;

	for (c = 0; c < MAP_NCATS; c++) {
		p = util_asprintf("%s%s%s %zu", s != NULL ? s : "", c > 0 ? sep : "", _(label(c)),
		    m->count[c]);
		free(s);
		if ((s = p) == NULL)
			return NULL;
	}
	return s;
}

static void
stake_draw(struct ui *ui, void *state)
{
	struct ui_stake *v = state;
	WINDOW *w = ui->w_view;
	const char *sep = ui_sep(ui);
	int rows, cols, wd[MAP_NCOLS], c, y, list;
	char *line = NULL, num[16];

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	if (v->m == NULL) {
		ui_stake_line(w, 0, cols, ui->style[v->error != NULL ? UI_ALERT : UI_HEADING],
		    v->error != NULL ? v->error : _("Stakeholders: no workbook is open"));
		wnoutrefresh(w);
		return;
	}
	line = util_asprintf(_("Stakeholders: %zu of %zu%ssorted by %s"), v->n, v->m->nsh, sep,
	    _(map_sort_label(v->sort)));
	ui_stake_line(w, 0, cols, ui->style[UI_HEADING], line != NULL ? line : "");
	free(line);
	/* The counts per category, in the annex's groups (abbreviated when narrow). */
	if (rows > 1) {
		line = stake_counts(v->m, sep, map_cat_short);
		if (line != NULL && text_width(line, strlen(line)) > cols) {
			free(line);
			line = stake_counts(v->m, sep, map_cat_abbr);
		}
		ui_stake_line(w, 1, cols, ui->style[UI_NORMAL], line != NULL ? line : "");
		free(line);
	}
	if (rows > 2) {
		if (v->cat < 0 && v->eng < 0)
			line = util_asprintf("%s", _("Filters: none (f category, F engagement, s sort;"
			    " / searches every field)"));
		else
			line = util_asprintf(_("Filters: category %s%sengagement %s (x clears)"),
			    v->cat >= 0 ? _(map_cat_short(v->cat)) : _("any"), sep,
			    v->eng >= 0 ? _(map_eng_label(v->eng)) : _("any"));
		ui_stake_line(w, 2, cols, ui->style[UI_NORMAL], line != NULL ? line : "");
		free(line);
	}
	if (rows < 5)
		goto done;
	map_register_widths(cols, wd);
	wmove(w, 3, 0);
	wattrset(w, ui->style[UI_BAR]);
	for (c = 0; c < MAP_NCOLS; c++)
		ui_stake_cell(w, _(map_register_header(c)), wd[c], c + 1 < MAP_NCOLS ? 1 : 0);
	ui_blank(w, cols - getcurx(w));
	wattrset(w, A_NORMAL);
	list = rows - 4;
	if (v->n == 0) {
		ui_stake_line(w, 4, cols, ui->style[UI_NORMAL], v->m->nsh == 0 ?
		    _("No stakeholders yet: a adds one.") :
		    _("No stakeholder matches the filters; x clears them."));
		goto done;
	}
	ui_stake_scroll(v->sel, &v->top, v->n, list);
	for (y = 0; y < list && v->top + (size_t)y < v->n; y++) {
		const struct map_sh *s = &v->m->sh[v->order[v->top + (size_t)y]];
		int sel = v->top + (size_t)y == v->sel;

		wmove(w, 4 + y, 0);
		wattrset(w, ui->style[sel ? UI_SELECTED : UI_NORMAL]);
		ui_stake_cell(w, s->name, wd[MAP_COL_NAME], 1);
		ui_stake_cell(w, _(map_cat_short(s->cat)), wd[MAP_COL_CAT], 1);
		ui_stake_cell(w, s->contact, wd[MAP_COL_CONTACT], 1);
		ui_stake_cell(w, s->responsibilities, wd[MAP_COL_RESP], 1);
		snprintf(num, sizeof num, "%3d", s->influence);
		ui_stake_cell(w, num, wd[MAP_COL_INF], 1);
		snprintf(num, sizeof num, "%3d", s->interest);
		ui_stake_cell(w, num, wd[MAP_COL_INT], 1);
		ui_stake_cell(w, _(map_eng_label(s->eng)), wd[MAP_COL_ENG], 0);
		if (sel)
			ui_blank(w, cols - getcurx(w));
		wattrset(w, A_NORMAL);
	}
done:
	wnoutrefresh(w);
}

static char *
stake_position(struct ui *ui, void *state)
{
	struct ui_stake *v = state;

	(void)ui;
	if (v->n == 0)
		return NULL;
	return util_asprintf(_("stakeholder %zu of %zu"), v->sel + 1, v->n);
}

const struct ui_view_ops ui_stake_view = {
	.name = "stakeholders",
	.title = N_("Stakeholders"),
	.list = 1,
	.opener = KEYS_ACT_STAKE_VIEW,
	.needs_wb = 1,
	.open = stake_open,
	.close = ui_view_nothing,
	.free = stake_free,
	.draw = stake_draw,
	.action = stake_action,
	.resize = ui_view_nothing,
	.position = stake_position,
	.reload = stake_reload,
};
