/* ui_stake_detail.c: one stakeholder: its details, every item it has a role on, every action it owns, its relationships; each editable. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "text.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_modal.h"
#include "ui_roles.h"
#include "ui_stake.h"
#include "util.h"
#include "wb.h"
#include "wb_query.h"

enum det_kind { DET_SECTION, DET_SELF, DET_ROLE, DET_ACTION, DET_REL, DET_EMPTY };

struct det_line {
	enum det_kind kind;
	size_t idx;                 /* role or relationship: index in the map */
	int64_t id;                 /* action key */
	char *text;                 /* sanitised, one line */
	char *ref;                  /* an action's item */
};

struct ui_detail {
	int64_t id;                 /* the stakeholder shown */
	struct map *m;
	char *error;
	size_t sh;                  /* its index in m, MAP_NONE when gone */
	struct det_line *lines;
	size_t n, cap, sel, top;
};

static void
det_clear(struct ui_detail *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->lines[i].text);
		free(v->lines[i].ref);
	}
	v->n = 0;
}

static int
det_add(struct ui_detail *v, enum det_kind kind, size_t idx, int64_t id, const char *text,
    const char *ref)
{
	struct det_line *l;

	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 32;

		if ((l = realloc(v->lines, cap * sizeof *l)) == NULL)
			return -1;
		v->lines = l;
		v->cap = cap;
	}
	l = &v->lines[v->n];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->idx = idx;
	l->id = id;
	l->text = ui_clean(text);
	l->ref = ref != NULL ? strdup(ref) : NULL;
	if (l->text == NULL || (ref != NULL && l->ref == NULL)) {
		free(l->text);
		free(l->ref);
		return -1;
	}
	v->n++;
	return 0;
}

/* A line built from a format (translated), then added. */
static int
det_addf(struct ui_detail *v, enum det_kind kind, size_t idx, int64_t id, const char *ref,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int
det_addf(struct ui_detail *v, enum det_kind kind, size_t idx, int64_t id, const char *ref,
    const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	s = util_vasprintf(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	r = det_add(v, kind, idx, id, s, ref);
	free(s);
	return r;
}

static const char *const det_status[] = { "open", "in_progress", "done", "dropped" };
static const char *const det_status_label[] = { N_("open"), N_("in progress"), N_("done"),
	N_("dropped") };

static int
det_action_cb(const struct wb_action *a, void *arg)
{
	struct ui_detail *v = arg;
	const char *st = a->status;

	for (size_t i = 0; i < 4; i++)
		if (strcmp(a->status, det_status[i]) == 0)
			st = _(det_status_label[i]);
	return det_addf(v, DET_ACTION, 0, a->id, a->ref, "%s  %-10s %s  (%s)",
	    *a->due != '\0' ? a->due : "----------", st, a->title, a->ref) != 0;
}

static void
det_build(struct ui *ui, struct ui_detail *v)
{
	const struct map *m = v->m;
	const struct map_sh *s;
	struct wb_action_filter f;
	size_t i, nrel, *rels = NULL;
	int r = 0;

	det_clear(v);
	v->sh = m != NULL ? map_find_id(m, v->id) : MAP_NONE;
	if (v->sh == MAP_NONE)
		return;
	s = &m->sh[v->sh];
	r |= det_add(v, DET_SELF, 0, 0, _("The stakeholder's details: e edits them, d deletes"
	    " the stakeholder"), NULL);
	r |= det_addf(v, DET_SECTION, 0, 0, NULL, _("Roles (%zu): Enter goes to the item, e"
	    " changes the role, d removes it"), s->nroles);
	for (i = s->role0; i < s->role0 + s->nroles; i++) {
		const struct map_item *it = &m->items[m->roles[i].item];

		r |= det_addf(v, DET_ROLE, i, 0, NULL, "%c %-12s %s %s",
		    map_role_letter(m->roles[i].role), _(map_role_label(m->roles[i].role)),
		    it->ref, it->title);
	}
	if (s->nroles == 0)
		r |= det_add(v, DET_EMPTY, 0, 0, _("No roles yet (w on an item in the browser"
		    " gives one)"), NULL);
	r |= det_addf(v, DET_SECTION, 0, 0, NULL, _("Actions it owns (%zu): Enter goes to the"
	    " item, e edits, d deletes"), s->nactions);
	memset(&f, 0, sizeof f);
	f.owner_id = v->id;
	if (wb_actions_query(ui->wb, &f, WB_ACTION_SORT_DUE, det_action_cb, v) != 0)
		r = -1;
	if (s->nactions == 0)
		r |= det_add(v, DET_EMPTY, 0, 0, _("No actions"), NULL);
	nrel = map_relations_of(m, v->sh, NULL, 0);
	r |= det_addf(v, DET_SECTION, 0, 0, NULL, _("Relationships (%zu): a adds one, Enter opens"
	    " the other stakeholder, e changes the kind, d removes it"), nrel);
	if (nrel > 0 && (rels = malloc(nrel * sizeof *rels)) != NULL) {
		map_relations_of(m, v->sh, rels, nrel);
		for (i = 0; i < nrel; i++) {
			const struct map_rel *e = &m->rels[rels[i]];

			if (e->from == v->sh)
				r |= det_addf(v, DET_REL, rels[i], 0, NULL, "-> %s %s",
				    _(map_kind_label(e->kind)), m->sh[e->to].name);
			else
				r |= det_addf(v, DET_REL, rels[i], 0, NULL, _("<- %s %s this one"),
				    m->sh[e->from].name, _(map_kind_label(e->kind)));
		}
	}
	free(rels);
	if (nrel == 0)
		r |= det_add(v, DET_EMPTY, 0, 0, _("No relationships"), NULL);
	if (r != 0)
		ui_message(ui, "%s", _("Out of memory: close other programs and open the"
		    " stakeholder again"));
}

static int
det_selectable(const struct det_line *l)
{
	return l->kind != DET_SECTION && l->kind != DET_EMPTY;
}

static void
det_load(struct ui *ui, struct ui_detail *v)
{
	size_t keep = v->sel;

	ui_stake_load(ui, &v->m, &v->error);
	det_build(ui, v);
	v->sel = keep < v->n ? keep : 0;
	while (v->sel > 0 && v->sel < v->n && !det_selectable(&v->lines[v->sel]))
		v->sel--;
}

void
ui_stake_show(struct ui *ui, int64_t id)
{
	struct ui_detail *v;

	if (ui_view_push(ui, &ui_stake_detail_view) != 0 ||
	    (v = ui_view_state(ui, &ui_stake_detail_view)) == NULL)
		return;
	v->id = id;
	v->sel = v->top = 0;
	det_load(ui, v);
}

static int
det_open(struct ui *ui, void **state)
{
	(void)ui;
	if (*state == NULL && (*state = calloc(1, sizeof(struct ui_detail))) == NULL)
		return -1;
	return 0;
}

static void
det_free(void *state)
{
	struct ui_detail *v = state;

	if (v == NULL)
		return;
	det_clear(v);
	free(v->lines);
	ui_stake_unload(&v->m, &v->error, NULL);
	free(v);
}

static void
det_reload(struct ui *ui, void *state)
{
	det_load(ui, state);
}

static void
det_move(struct ui_detail *v, long d)
{
	size_t s = v->sel;
	long step = d < 0 ? -1 : 1, left = d < 0 ? -d : d;

	while (left > 0) {
		size_t t = s;

		/* the next selectable line in that direction */
		do {
			if ((step < 0 && t == 0) || (step > 0 && t + 1 >= v->n))
				goto done;
			t = (size_t)((long)t + step);
		} while (!det_selectable(&v->lines[t]));
		s = t;
		left--;
	}
done:
	v->sel = s;
}

/* Relationships: the kind, then the other stakeholder. */
static struct {
	int64_t from, old;
	int kind;
	int64_t *ids;
	size_t n;
} det_rel;

static void
det_rel_other_cb(struct ui *ui, void *arg, size_t i)
{
	int rc = 0;

	(void)arg;
	if (i == UI_MODAL_CANCEL || i >= det_rel.n) {
		ui_message(ui, "%s", _("Cancelled"));
		return;
	}
	rc = wb_relation_add(ui->wb, det_rel.from, det_rel.ids[i], map_kind_code(det_rel.kind),
	    NULL);
	ui_stake_saved(ui, rc, _("Relationship added and saved; u undoes it"));
}

static void
det_rel_kind_cb(struct ui *ui, void *arg, size_t i)
{
	struct ui_detail *v = arg;
	const char **labels;
	size_t *order, n, k, j = 0;

	if (i == UI_MODAL_CANCEL || v->m == NULL || v->sh == MAP_NONE) {
		ui_message(ui, "%s", _("Cancelled"));
		return;
	}
	det_rel.kind = (int)i;
	if (det_rel.old != 0) {
		/* A new kind: the relationship is made again with it. */
		int rc = wb_relation_delete(ui->wb, det_rel.old);
		const struct map_rel *e = NULL;

		for (k = 0; k < v->m->nrels; k++)
			if (v->m->rels[k].id == det_rel.old)
				e = &v->m->rels[k];
		if (rc == 0 && e != NULL)
			rc = wb_relation_add(ui->wb, v->m->sh[e->from].id, v->m->sh[e->to].id,
			    map_kind_code(det_rel.kind), NULL);
		ui_stake_saved(ui, rc, _("Relationship changed and saved; u twice undoes it"));
		return;
	}
	free(det_rel.ids);
	order = malloc((v->m->nsh + 1) * sizeof *order);
	labels = malloc((v->m->nsh + 1) * sizeof *labels);
	det_rel.ids = malloc((v->m->nsh + 1) * sizeof *det_rel.ids);
	if (order == NULL || labels == NULL || det_rel.ids == NULL) {
		free(order);
		free(labels);
		ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
		return;
	}
	n = map_register(v->m, MAP_SORT_NAME, MAP_ALL, MAP_ALL, order);
	for (k = 0; k < n; k++) {
		if (order[k] == v->sh)
			continue;
		labels[j] = v->m->sh[order[k]].name;
		det_rel.ids[j++] = v->m->sh[order[k]].id;
	}
	det_rel.n = j;
	if (j == 0)
		ui_message(ui, "%s", _("There is no other stakeholder yet: add one in the register"
		    " (K, then a)"));
	else
		ui_modal_choose(ui, _("With whom?"), labels, j, 0, det_rel_other_cb, v);
	free(order);
	free(labels);
}

static void
det_rel_start(struct ui *ui, struct ui_detail *v, int64_t old, int kind)
{
	const char *labels[MAP_NKINDS];
	int k;

	if (!ui_stake_can_edit(ui) || v->sh == MAP_NONE)
		return;
	det_rel.from = v->id;
	det_rel.old = old;
	for (k = 0; k < MAP_NKINDS; k++)
		labels[k] = _(map_kind_label(k));
	ui_modal_choose(ui, old != 0 ? _("Kind of relationship") :
	    _("This stakeholder... (then choose the other)"), labels, MAP_NKINDS,
	    kind >= 0 ? (size_t)kind : 0, det_rel_kind_cb, v);
}

static int64_t det_del_rel;

static void
det_rel_del_cb(struct ui *ui, void *arg, int yes)
{
	(void)arg;
	if (!yes) {
		ui_message(ui, "%s", _("Not removed"));
		return;
	}
	ui_stake_saved(ui, wb_relation_delete(ui->wb, det_del_rel),
	    _("Relationship removed and saved; u undoes it"));
}

static int
det_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_detail *v = state;
	const struct det_line *l = v->sel < v->n ? &v->lines[v->sel] : NULL;
	int page = ui->rows > 12 ? ui->rows - 10 : 1;

	if (l != NULL && !det_selectable(l))
		l = NULL;
	switch (a) {
	case KEYS_ACT_DETAIL_OPEN:
		if (l == NULL)
			return UI_VIEW_HANDLED;
		if (l->kind == DET_ROLE || l->kind == DET_ACTION) {
			char *ref = strdup(l->kind == DET_ROLE ?
			    v->m->items[v->m->roles[l->idx].item].ref : l->ref);

			if (ref != NULL) {
				ui_view_pop_to(ui, 1);
				(void)ui_actions_show_ref(ui, ref);
				free(ref);
			}
		} else if (l->kind == DET_REL) {
			const struct map_rel *e = &v->m->rels[l->idx];
			int64_t other = v->m->sh[e->from == v->sh ? e->to : e->from].id;

			v->id = other;
			v->sel = v->top = 0;
			det_load(ui, v);
		} else if (l->kind == DET_SELF) {
			ui_stake_form(ui, v->id, NULL, NULL, NULL);
		}
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DETAIL_EDIT:
		if (l == NULL || l->kind == DET_SELF) {
			if (v->sh != MAP_NONE)
				ui_stake_form(ui, v->id, NULL, NULL, NULL);
		} else if (l->kind == DET_ROLE) {
			ui_roles_choose(ui, v->id, v->m->items[v->m->roles[l->idx].item].ref,
			    v->m->roles[l->idx].role);
		} else if (l->kind == DET_ACTION) {
			/* The editor opens over the action's item, in the browser. */
			ui_view_pop_to(ui, 1);
			ui_capture_action_record(ui, l->id, 0);
		} else if (l->kind == DET_REL) {
			det_rel_start(ui, v, v->m->rels[l->idx].id, v->m->rels[l->idx].kind);
		}
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DETAIL_RELATE:
		det_rel_start(ui, v, 0, -1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DETAIL_DELETE:
		if (l == NULL)
			return UI_VIEW_HANDLED;
		if (l->kind == DET_SELF) {
			ui_stake_delete_ask(ui, v->m, v->sh);
		} else if (l->kind == DET_ROLE) {
			ui_roles_remove_ask(ui, v->m->roles[l->idx].id);
		} else if (l->kind == DET_ACTION) {
			ui_capture_action_record(ui, l->id, 1);
		} else if (l->kind == DET_REL && ui_stake_can_edit(ui)) {
			det_del_rel = v->m->rels[l->idx].id;
			ui_modal_ask(ui, _("Remove this relationship? (y/n)"), det_rel_del_cb, NULL);
		}
		return UI_VIEW_HANDLED;
	case KEYS_ACT_UP:
		det_move(v, -1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DOWN:
		det_move(v, 1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_UP:
		det_move(v, -page);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_DOWN:
		det_move(v, page);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_FIRST:
		det_move(v, -(long)v->n);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_LAST:
		det_move(v, (long)v->n);
		return UI_VIEW_HANDLED;
	default:
		return UI_VIEW_PASS;
	}
}

static void
det_draw(struct ui *ui, void *state)
{
	struct ui_detail *v = state;
	WINDOW *w = ui->w_view;
	const char *sep = ui_sep(ui);
	const struct map_sh *s;
	int rows, cols, y, list, head = 4;
	char *line;

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	if (v->m == NULL || v->sh == MAP_NONE) {
		ui_stake_line(w, 0, cols, ui->style[UI_ALERT], v->error != NULL ? v->error :
		    _("This stakeholder is no longer in the register (deleted? u undoes that)"));
		wnoutrefresh(w);
		return;
	}
	s = &v->m->sh[v->sh];
	ui_stake_line(w, 0, cols, ui->style[UI_HEADING], s->name);
	line = util_asprintf(_("influence %d, interest %d (%s)%s%s%s%s"), s->influence,
	    s->interest, _(map_quad_label(map_quadrant(s->influence, s->interest))), sep,
	    _(map_eng_label(s->eng)), sep, _(map_cat_label(s->cat)));
	if (rows > 1)
		ui_stake_line(w, 1, cols, ui->style[UI_NORMAL], line != NULL ? line : "");
	free(line);
	line = util_asprintf(_("Contact: %s"), s->contact);
	if (rows > 2)
		ui_stake_line(w, 2, cols, ui->style[UI_NORMAL], line != NULL ? line : "");
	free(line);
	line = util_asprintf(_("Responsibilities: %s"), s->responsibilities);
	if (rows > 3)
		ui_stake_line(w, 3, cols, ui->style[UI_NORMAL], line != NULL ? line : "");
	free(line);
	list = rows - head;
	if (list <= 0)
		goto done;
	ui_stake_scroll(v->sel, &v->top, v->n, list);
	/* Keep a section title above the first line shown when there is room. */
	for (y = 0; y < list && v->top + (size_t)y < v->n; y++) {
		const struct det_line *l = &v->lines[v->top + (size_t)y];
		attr_t at = ui->style[l->kind == DET_SECTION ? UI_HEADING : UI_NORMAL];

		if (v->top + (size_t)y == v->sel && det_selectable(l))
			at = ui->style[UI_SELECTED];
		wmove(w, head + y, 0);
		wattrset(w, at);
		ui_blank(w, l->kind == DET_SECTION ? 0 : 2);
		ui_stake_cell(w, l->text, cols - (l->kind == DET_SECTION ? 0 : 2), 0);
		wattrset(w, A_NORMAL);
	}
done:
	wnoutrefresh(w);
}

static char *
det_position(struct ui *ui, void *state)
{
	struct ui_detail *v = state;

	(void)ui;
	if (v->m == NULL || v->sh == MAP_NONE)
		return NULL;
	return util_asprintf(_("%zu roles, %zu actions"), v->m->sh[v->sh].nroles,
	    v->m->sh[v->sh].nactions);
}

const struct ui_view_ops ui_stake_detail_view = {
	.name = "stakeholder",
	.title = N_("Stakeholder"),
	.list = 1,
	.opener = KEYS_ACT_NONE,
	.needs_wb = 1,
	.open = det_open,
	.close = ui_view_nothing,
	.free = det_free,
	.draw = det_draw,
	.action = det_action,
	.resize = ui_view_nothing,
	.position = det_position,
	.reload = det_reload,
};
