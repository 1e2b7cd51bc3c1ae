/* ui_roles.c: the roles of an item (who leads it, does the work, is consulted, is informed): a view, the role questions, and the item pane's lines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "map.h"
#include "text.h"
#include "ui.h"
#include "ui_modal.h"
#include "ui_roles.h"
#include "ui_stake.h"
#include "util.h"
#include "wb.h"
#include "wb_query.h"

/* ---- giving a role ---- */

/* The role being given, across the questions (one at a time, like the modal). */
static struct {
	int64_t sh, lead;
	char *ref;
	int role;
} roles_pending;

/* The accountable stakeholder of REF other than EXCEPT. */
struct roles_lead {
	int64_t except, id;
};

static int
roles_lead_cb(const struct wb_role *r, void *arg)
{
	struct roles_lead *l = arg;

	if (strcmp(r->role, "accountable") != 0 || r->stakeholder_id == l->except)
		return 0;
	l->id = r->stakeholder_id;
	return 1;
}

static void
roles_replace_cb(struct ui *ui, void *arg, int yes)
{
	int rc;

	(void)arg;
	if (!yes) {
		ui_message(ui, "%s", _("The lead stays as it was"));
		return;
	}
	/* One edit: the old lead stays involved, as responsible, and the new one leads. */
	rc = wb_role_lead_replace(ui->wb, roles_pending.sh, roles_pending.ref, NULL);
	ui_stake_saved(ui, rc, _("The lead is replaced and saved (the former lead is now"
	    " responsible); u undoes it"));
}

void
ui_roles_set(struct ui *ui, int64_t sh, const char *ref, int role)
{
	struct roles_lead l = { sh, 0 };
	struct wb_stakeholder s;
	char *name = NULL, *q, *r;

	if (!ui_stake_can_edit(ui))
		return;
	if (role == MAP_ROLE_ACCOUNTABLE && wb_roles_each(ui->wb, ref, roles_lead_cb, &l) < 0) {
		ui_stake_saved(ui, -1, NULL);
		return;
	}
	if (l.id == 0) {
		ui_stake_saved(ui, wb_role_set(ui->wb, sh, ref, map_role_code(role), NULL),
		    _("Role saved; u undoes it"));
		return;
	}
	/* One lead per item: ask before replacing the one there is. */
	if (wb_stakeholder_get(ui->wb, l.id, &s) == 0) {
		name = ui_stake_short(s.name, 30);
		wb_stakeholder_free(&s);
	}
	free(roles_pending.ref);
	roles_pending.ref = strdup(ref);
	roles_pending.sh = sh;
	roles_pending.lead = l.id;
	roles_pending.role = role;
	r = ui_stake_short(ref, 12);
	q = util_asprintf(_("%s leads %s: replace that lead? (y/n)"),
	    name != NULL ? name : "?", r != NULL ? r : "");
	if (q != NULL && roles_pending.ref != NULL)
		ui_modal_ask(ui, q, roles_replace_cb, NULL);
	free(q);
	free(r);
	free(name);
}

struct roles_choice {
	int64_t sh;
	char *ref;
};

static struct roles_choice roles_choice;

static void
roles_role_cb(struct ui *ui, void *arg, size_t i)
{
	(void)arg;
	if (i == UI_MODAL_CANCEL || roles_choice.ref == NULL) {
		ui_message(ui, "%s", _("Cancelled"));
		return;
	}
	ui_roles_set(ui, roles_choice.sh, roles_choice.ref, (int)i);
}

void
ui_roles_choose(struct ui *ui, int64_t sh, const char *ref, int current)
{
	const char *labels[MAP_NROLES];
	char *lab[MAP_NROLES];
	int r;

	if (!ui_stake_can_edit(ui))
		return;
	free(roles_choice.ref);
	roles_choice.sh = sh;
	if ((roles_choice.ref = strdup(ref)) == NULL)
		return;
	for (r = 0; r < MAP_NROLES; r++) {
		lab[r] = util_asprintf("%c  %s", map_role_letter(r), _(map_role_label(r)));
		labels[r] = lab[r] != NULL ? lab[r] : "";
	}
	ui_modal_choose(ui, _("Role on the item"), labels, MAP_NROLES,
	    current >= 0 ? (size_t)current : MAP_ROLE_RESPONSIBLE, roles_role_cb, NULL);
	for (r = 0; r < MAP_NROLES; r++)
		free(lab[r]);
}

/* ---- the item pane's lines ---- */

static const char *const roles_pane_label[MAP_NROLES] = { N_("Lead (accountable)"),
	N_("Responsible"), N_("Consulted"), N_("Informed") };

struct roles_line {
	struct ui *ui;
	int n, rc;
	int lead;                   /* 1: an accountable stakeholder was listed */
	size_t from, count;         /* the roles wanted (COUNT 0: all from FROM) */
	int more;                   /* 1: roles are left after them */
};

/* One line per role, the stakeholder's name joined in the same statement. */
static int
roles_line_cb(const struct wb_role_row *row, void *arg)
{
	struct roles_line *l = arg;
	const struct wb_role *r = &row->r;
	int role = map_role_from_code(r->role);
	char *line;

	if (l->count > 0 && (size_t)l->n >= l->from + l->count) {
		l->more = 1;
		return 1;
	}
	if (strcmp(r->role, "accountable") == 0)
		l->lead = 1;
	if ((size_t)l->n < l->from) {
		l->n++;             /* on an earlier page */
		return 0;
	}
	line = util_asprintf("%s: %s", role >= 0 ? _(roles_pane_label[role]) : r->role,
	    row->stakeholder_name);
	if (line == NULL || ui_text_add(l->ui, 2, NULL, line, 0, UI_NORMAL, 0, 0) != 0) {
		free(line);
		l->rc = -1;
		return 1;
	}
	free(line);
	l->n++;
	return 0;
}

int
ui_roles_build(struct ui *ui, const char *ref, size_t from, size_t count, int *more)
{
	struct roles_line l = { ui, 0, 0, 0, from, count, 0 };
	char *s;
	int added;

	*more = 0;
	if (ui->wb == NULL)
		return 0;
	/* wb_roles_rows lists the accountable lead first. */
	if (wb_roles_rows(ui->wb, ref, roles_line_cb, &l) < 0) {
		char *e = ui_clean(wb_errmsg(ui->wb));
		int r = e != NULL ? ui_text_add(ui, 2, NULL, e, 0, UI_ALERT, 0, 0) : -1;

		free(e);
		return r;
	}
	if (l.rc != 0)
		return -1;
	added = (size_t)l.n > from ? l.n - (int)from : 0;
	*more = l.more;
	if (l.more || l.lead)
		return added;
	s = util_asprintf("%s", l.n == 0 ? _("No roles yet: no lead (w gives someone a role)") :
	    _("No lead yet (w gives someone a role)"));
	/* Roles but no lead stands out; nothing at all yet is just said. */
	if (s == NULL || ui_text_add(ui, 2, NULL, s, 0, l.n > 0 ? UI_ALERT : UI_NORMAL, 0, 0) != 0) {
		free(s);
		return -1;
	}
	free(s);
	return added;
}

/* ---- the view ---- */

struct ui_roles {
	char *ref;                  /* the item */
	char *title;                /* "64/211:5 Short title", sanitised */
	struct map *m;
	char *error;
	size_t item;                /* in m->items, or MAP_NONE */
	size_t *list, n, sel, top;  /* indexes into m->roles: lead first */
	int64_t keep;               /* stakeholder to select after a reload */
};

static const struct map_role *
roles_sel(const struct ui_roles *v)
{
	return v->m != NULL && v->sel < v->n ? &v->m->roles[v->list[v->sel]] : NULL;
}

static const struct map *roles_sort_map;

static int
roles_cmp(const void *a, const void *b)
{
	const struct map_role *x = &roles_sort_map->roles[*(const size_t *)a];
	const struct map_role *y = &roles_sort_map->roles[*(const size_t *)b];

	if (x->role != y->role)
		return x->role - y->role;
	return strcmp(roles_sort_map->sh[x->sh].key, roles_sort_map->sh[y->sh].key);
}

static void
roles_load(struct ui *ui, struct ui_roles *v)
{
	size_t i;

	ui_stake_load(ui, &v->m, &v->error);
	free(v->list);
	v->list = NULL;
	v->n = 0;
	v->item = MAP_NONE;
	if (v->m == NULL || v->ref == NULL)
		return;
	v->item = map_find_item(v->m, v->ref);
	if ((v->list = malloc((v->m->nroles + 1) * sizeof *v->list)) == NULL)
		return;
	for (i = 0; v->item != MAP_NONE && i < v->m->nroles; i++)
		if (v->m->roles[i].item == v->item)
			v->list[v->n++] = i;
	roles_sort_map = v->m;
	if (v->n > 1)
		qsort(v->list, v->n, sizeof *v->list, roles_cmp);
	v->sel = 0;
	for (i = 0; v->keep != 0 && i < v->n; i++)
		if (v->m->sh[v->m->roles[v->list[i]].sh].id == v->keep)
			v->sel = i;
}

/* Opened from the browser (w): the roles of its selected item. */
static int
roles_open(struct ui *ui, void **state)
{
	const struct ui_nav_row *r = ui_nav_current(ui);
	const struct fw_item *it = NULL;
	struct ui_roles *v = *state;
	char *t;

	if (v == NULL && (v = *state = calloc(1, sizeof *v)) == NULL)
		return -1;
	if (r != NULL && r->kind == UI_NAV_ITEM)
		it = &ui->cat->fws[r->fw]->items[r->item];
	free(v->ref);
	free(v->title);
	v->ref = v->title = NULL;
	if (it != NULL) {
		v->ref = strdup(it->ref);
		t = it->short_title != NULL ? util_asprintf("%s %s", it->ref, it->short_title) :
		    util_asprintf("%s", it->ref);
		v->title = ui_clean(t);
		free(t);
	}
	v->keep = 0;
	v->sel = v->top = 0;
	roles_load(ui, v);
	return 0;
}

static void
roles_free(void *state)
{
	struct ui_roles *v = state;

	if (v == NULL)
		return;
	free(v->ref);
	free(v->title);
	ui_stake_unload(&v->m, &v->error, NULL);
	free(v->list);
	free(v);
}

static void
roles_reload(struct ui *ui, void *state)
{
	struct ui_roles *v = state;
	const struct map_role *r = roles_sel(v);

	v->keep = r != NULL ? v->m->sh[r->sh].id : 0;
	roles_load(ui, v);
}

/* Adding: the stakeholder (from the register, or a new one), then the role. */
static int64_t *roles_pick_ids;
static size_t roles_npick;
static char *roles_add_ref;

static void
roles_new_done(struct ui *ui, void *arg, int64_t id)
{
	(void)arg;
	if (id != 0 && roles_add_ref != NULL)
		ui_roles_choose(ui, id, roles_add_ref, -1);
}

static void
roles_pick_cb(struct ui *ui, void *arg, size_t i)
{
	(void)arg;
	if (i == UI_MODAL_CANCEL || roles_add_ref == NULL) {
		ui_message(ui, "%s", _("Cancelled"));
		return;
	}
	if (i == 0) {
		ui_stake_form(ui, 0, NULL, roles_new_done, NULL);
		return;
	}
	if (i - 1 < roles_npick)
		ui_roles_choose(ui, roles_pick_ids[i - 1], roles_add_ref, -1);
}

static void
roles_add(struct ui *ui, struct ui_roles *v)
{
	const char **labels;
	size_t *order, n, i;

	if (!ui_stake_can_edit(ui) || v->m == NULL || v->ref == NULL)
		return;
	free(roles_add_ref);
	free(roles_pick_ids);
	roles_add_ref = strdup(v->ref);
	order = malloc((v->m->nsh + 1) * sizeof *order);
	labels = malloc((v->m->nsh + 1) * sizeof *labels);
	roles_pick_ids = malloc((v->m->nsh + 1) * sizeof *roles_pick_ids);
	if (roles_add_ref == NULL || order == NULL || labels == NULL || roles_pick_ids == NULL) {
		free(order);
		free(labels);
		ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
		return;
	}
	n = map_register(v->m, MAP_SORT_NAME, MAP_ALL, MAP_ALL, order);
	labels[0] = _("New stakeholder...");
	for (i = 0; i < n; i++) {
		labels[i + 1] = v->m->sh[order[i]].name;
		roles_pick_ids[i] = v->m->sh[order[i]].id;
	}
	roles_npick = n;
	ui_modal_choose(ui, _("Who? (a stakeholder of the register, or a new one)"), labels,
	    n + 1, n > 0 ? 1 : 0, roles_pick_cb, NULL);
	free(order);
	free(labels);
}

static int64_t roles_del_id;

static void
roles_remove_cb(struct ui *ui, void *arg, int yes)
{
	(void)arg;
	if (!yes) {
		ui_message(ui, "%s", _("Not removed"));
		return;
	}
	ui_stake_saved(ui, wb_role_delete(ui->wb, roles_del_id),
	    _("Role removed and saved; u undoes it"));
}

void
ui_roles_remove_ask(struct ui *ui, int64_t role_id)
{
	if (!ui_stake_can_edit(ui))
		return;
	roles_del_id = role_id;
	ui_modal_ask(ui, _("Remove this role? (y/n)"), roles_remove_cb, NULL);
}

static int
roles_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_roles *v = state;
	const struct map_role *r = roles_sel(v);

	switch (a) {
	case KEYS_ACT_ROLES_ADD:
		roles_add(ui, v);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_ROLES_CHANGE:
		if (r == NULL)
			ui_message(ui, "%s", _("No role is selected; a gives someone a role"));
		else
			ui_roles_choose(ui, v->m->sh[r->sh].id, v->ref, r->role);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_ROLES_REMOVE:
		if (r == NULL)
			ui_message(ui, "%s", _("No role is selected"));
		else
			ui_roles_remove_ask(ui, r->id);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_ROLES_OPEN:
		if (r != NULL)
			ui_stake_show(ui, v->m->sh[r->sh].id);
		return UI_VIEW_HANDLED;
	default:
		return ui_stake_list_key(a, &v->sel, v->n, ui->rows > 8 ? ui->rows - 6 : 1) ?
		    UI_VIEW_HANDLED : UI_VIEW_PASS;
	}
}

static void
roles_draw(struct ui *ui, void *state)
{
	struct ui_roles *v = state;
	WINDOW *w = ui->w_view;
	int rows, cols, y, list;
	char *line;

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	line = util_asprintf(_("Roles on %s"), v->title != NULL ? v->title : "");
	ui_stake_line(w, 0, cols, ui->style[UI_HEADING], line != NULL ? line : "");
	free(line);
	if (rows < 3)
		goto done;
	if (v->ref == NULL) {
		ui_stake_line(w, 1, cols, ui->style[UI_ALERT], _("Select an item in the browser"
		    " first (q goes back to it), then w"));
		goto done;
	}
	if (v->m == NULL) {
		ui_stake_line(w, 1, cols, ui->style[UI_ALERT], v->error != NULL ? v->error :
		    _("No workbook is open"));
		goto done;
	}
	if (v->item == MAP_NONE || v->m->items[v->item].lead == MAP_NONE)
		ui_stake_line(w, 1, cols, ui->style[UI_ALERT], _("! No lead: nobody is accountable"
		    " for this item yet (a, then accountable)"));
	else
		ui_stake_line(w, 1, cols, ui->style[UI_NORMAL], _("A accountable (the lead),"
		    " R responsible, C consulted, I informed"));
	list = rows - 3;
	if (v->n == 0) {
		ui_stake_line(w, 3, cols, ui->style[UI_NORMAL],
		    _("Nobody has a role on this item yet: a gives someone one."));
		goto done;
	}
	ui_stake_scroll(v->sel, &v->top, v->n, list);
	for (y = 0; y < list && v->top + (size_t)y < v->n; y++) {
		const struct map_role *r = &v->m->roles[v->list[v->top + (size_t)y]];
		const struct map_sh *s = &v->m->sh[r->sh];
		char *role = util_asprintf("%c %s", map_role_letter(r->role),
		    _(map_role_label(r->role)));
		int lw = cols > 60 ? 16 : 14;

		wmove(w, 3 + y, 0);
		wattrset(w, ui->style[v->top + (size_t)y == v->sel ? UI_SELECTED : UI_NORMAL]);
		ui_stake_cell(w, role != NULL ? role : "", lw, 1);
		ui_stake_cell(w, s->name, cols - lw - 1 - 20 > 10 ? cols - lw - 1 - 20 : 10, 1);
		ui_stake_cell(w, _(map_cat_short(s->cat)), cols - getcurx(w) > 0 ?
		    cols - getcurx(w) : 0, 0);
		wattrset(w, A_NORMAL);
		free(role);
	}
done:
	wnoutrefresh(w);
}

static char *
roles_position(struct ui *ui, void *state)
{
	struct ui_roles *v = state;

	(void)ui;
	if (v->n == 0)
		return NULL;
	return util_asprintf(_("role %zu of %zu"), v->sel + 1, v->n);
}

const struct ui_view_ops ui_roles_view = {
	.name = "roles",
	.title = N_("Roles"),
	.list = 1,
	.opener = KEYS_ACT_ROLES_VIEW,
	.needs_wb = 1,
	.open = roles_open,
	.close = ui_view_nothing,
	.free = roles_free,
	.draw = roles_draw,
	.action = roles_action,
	.resize = ui_view_nothing,
	.position = roles_position,
	.reload = roles_reload,
};
