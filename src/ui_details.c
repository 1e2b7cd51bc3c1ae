/* ui_details.c: the Workshop details form and the breakout groups (add, rename, retire). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_details.h"
#include "ui_room.h"
#include "util.h"
#include "wb.h"

#define DET_NFIELDS 6

static const char *const det_labels[DET_NFIELDS] = {
	N_("Title"), N_("Country or organisation"), N_("Start date (YYYY-MM-DD)"),
	N_("End date (YYYY-MM-DD)"), N_("Venue"), N_("Facilitator"),
};

struct det_group {
	int64_t id;
	char *name;             /* sanitised */
	char *raw;              /* as stored, for the editor */
};

struct det {
	char *value[DET_NFIELDS];       /* sanitised, for display */
	struct det_group *groups;
	size_t ngroups, capgroups;
	int64_t current;        /* the current group */
	size_t sel, top;        /* rows: the fields, then one per group */
	int rows_shown;
};

/* The field of struct wb_details for row I. */
static const char **
det_field(struct wb_details *d, size_t i)
{
	const char **f[DET_NFIELDS] = { &d->title, &d->country, &d->date_start, &d->date_end,
	    &d->venue, &d->facilitator };

	return f[i];
}

static void
det_clear(struct det *s)
{
	for (size_t i = 0; i < DET_NFIELDS; i++) {
		free(s->value[i]);
		s->value[i] = NULL;
	}
	for (size_t i = 0; i < s->ngroups; i++) {
		free(s->groups[i].name);
		free(s->groups[i].raw);
	}
	s->ngroups = 0;
}

static int
det_group_cb(const struct wb_group *g, void *arg)
{
	struct det *s = arg;
	struct det_group *n;

	if (s->ngroups == s->capgroups) {
		size_t cap = s->capgroups != 0 ? s->capgroups * 2 : 8;

		if ((n = realloc(s->groups, cap * sizeof *n)) == NULL)
			return -1;
		s->groups = n;
		s->capgroups = cap;
	}
	n = &s->groups[s->ngroups];
	n->id = g->id;
	n->name = ui_clean(g->name);
	n->raw = strdup(g->name);
	s->ngroups++;
	return n->name == NULL || n->raw == NULL ? -1 : 0;
}

static void
det_load(struct ui *ui, struct det *s)
{
	struct wb_details d;

	det_clear(s);
	if (ui->wb == NULL)
		return;
	if (wb_details_get(ui->wb, &d) == 0) {
		for (size_t i = 0; i < DET_NFIELDS; i++)
			s->value[i] = ui_clean(*det_field(&d, i));
		wb_details_free(&d);
	} else {
		ui_room_error(ui);
	}
	if (wb_groups_each(ui->wb, det_group_cb, s) != 0 ||
	    wb_group_current(ui->wb, &s->current) != 0)
		ui_room_error(ui);
	if (s->sel >= DET_NFIELDS + s->ngroups)
		s->sel = DET_NFIELDS + s->ngroups - 1;
}

static int
det_open(struct ui *ui, void **state)
{
	if (*state == NULL && (*state = calloc(1, sizeof(struct det))) == NULL)
		return -1;
	det_load(ui, *state);
	return 0;
}

static void
det_free(void *state)
{
	struct det *s = state;

	if (s == NULL)
		return;
	det_clear(s);
	free(s->groups);
	free(s);
}

static void
det_draw(struct ui *ui, void *state)
{
	struct det *s = state;
	WINDOW *w = ui->w_view;
	int h = getmaxy(w), wd = getmaxx(w), lw = 0, y = 0, rows;
	size_t n = DET_NFIELDS + s->ngroups;

	werase(w);
	for (size_t i = 0; i < DET_NFIELDS; i++) {
		int l = text_width(_(det_labels[i]), strlen(_(det_labels[i])));

		if (l > lw)
			lw = l;
	}
	lw += 2;
	wattrset(w, ui->style[UI_HEADING]);
	wmove(w, y++, 1);
	ui_put(w, _("Workshop details"), strlen(_("Workshop details")), wd - 2);
	wattrset(w, A_NORMAL);
	/* The fields, then a heading line, then the groups: the selection may scroll them. */
	rows = h - 4;
	if (rows < 1)
		rows = 1;
	s->rows_shown = rows;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)rows)
		s->top = s->sel - (size_t)rows + 1;
	for (size_t i = s->top; i < n && y < h - 1; i++) {
		const char *label, *value;
		char *tag = NULL;
		int x;

		if (i == DET_NFIELDS) {
			y++;
			wattrset(w, ui->style[UI_HEADING]);
			wmove(w, y++, 1);
			ui_put(w, _("Breakout groups"), strlen(_("Breakout groups")), wd - 2);
			wattrset(w, A_NORMAL);
			if (y >= h - 1)
				break;
		}
		if (i < DET_NFIELDS) {
			label = _(det_labels[i]);
			value = s->value[i] != NULL ? s->value[i] : "";
		} else {
			const struct det_group *g = &s->groups[i - DET_NFIELDS];

			label = "";
			value = g->name;
			if (g->id == s->current)
				tag = util_asprintf("%s%s", ui_sep(ui), _("current"));
		}
		wattrset(w, i == s->sel ? ui->style[UI_SELECTED] : A_NORMAL);
		wmove(w, y, 1);
		ui_blank(w, wd - 2);
		wmove(w, y, 1);
		x = 1 + ui_put(w, label, strlen(label), lw);
		wmove(w, y, i < DET_NFIELDS ? 1 + lw : 3);
		x = (i < DET_NFIELDS ? 1 + lw : 3) + ui_put(w, value, strlen(value),
		    wd - (i < DET_NFIELDS ? 1 + lw : 3) - 1);
		if (tag != NULL)
			ui_put(w, tag, strlen(tag), wd - x - 1);
		free(tag);
		y++;
	}
	if (s->ngroups == 0 && y < h - 1) {
		if (s->top + (size_t)rows > DET_NFIELDS) {
			y++;
			wattrset(w, ui->style[UI_HEADING]);
			wmove(w, y++, 1);
			ui_put(w, _("Breakout groups"), strlen(_("Breakout groups")), wd - 2);
		}
		wattrset(w, A_NORMAL);
		if (y < h - 1) {
			wmove(w, y, 3);
			ui_put(w, _("None yet: a adds one"), strlen(_("None yet: a adds one")), wd - 4);
		}
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

static int
det_field_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	struct wb_details d;
	const char **f;
	char *copy;
	int rc;

	(void)id;
	(void)pick;
	if (wb_details_get(ui->wb, &d) != 0) {
		ui_room_error(ui);
		return 1;
	}
	f = det_field(&d, (size_t)field);
	if ((copy = strdup(text)) == NULL) {
		wb_details_free(&d);
		ui->failed = ui->quit = 1;
		return 0;
	}
	free((void *)*f);
	*f = copy;
	rc = wb_details_set(ui->wb, &d);
	wb_details_free(&d);
	if (rc != 0) {
		ui_room_error(ui);
		return 1;
	}
	ui_message(ui, "%s", _("Saved; u undoes"));
	/* Reloads the title bar's workshop title too. */
	ui_view_reload_all(ui);
	return 0;
}

static int
det_group_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	int rc;

	(void)pick;
	if (field == 1)
		rc = wb_group_add(ui->wb, text, NULL);
	else
		rc = wb_group_rename(ui->wb, id, text);
	if (rc != 0) {
		ui_room_error(ui);
		return 1;
	}
	ui_message(ui, "%s", field == 1 ? _("Group added; u undoes") : _("Group renamed; u undoes"));
	ui_view_reload_all(ui);
	return 0;
}

static int
det_retire_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	(void)field;
	(void)text;
	if (pick != 0)
		return 0;
	if (wb_group_delete(ui->wb, id) != 0)
		ui_room_error(ui);
	else
		ui_message(ui, "%s", _("Group retired: its notes keep their tag; u undoes"));
	ui_view_reload_all(ui);
	return 0;
}

static int
det_action(struct ui *ui, void *state, enum keys_action a)
{
	struct det *s = state;
	size_t n = DET_NFIELDS + s->ngroups;
	const struct det_group *g = s->sel >= DET_NFIELDS ? &s->groups[s->sel - DET_NFIELDS] :
	    NULL;

	switch (a) {
	case KEYS_ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DOWN:
		if (s->sel + 1 < n)
			s->sel++;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_FIRST:
		s->sel = 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_LAST:
		s->sel = n - 1;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DETAILS_EDIT:
	case KEYS_ACT_DETAILS_ADD_GROUP:
	case KEYS_ACT_DETAILS_RETIRE:
		break;
	default:
		return UI_VIEW_PASS;
	}
	if (ui_room_following(ui) || wb_readonly(ui->wb)) {
		ui_message(ui, "%s", _("The workbook is read-only here: nothing can be changed"));
		return UI_VIEW_HANDLED;
	}
	if (a == KEYS_ACT_DETAILS_ADD_GROUP) {
		ui_room_ask_text(ui, _("Name of the new breakout group"), "", 0, 1, det_group_done);
	} else if (a == KEYS_ACT_DETAILS_RETIRE) {
		static const char *const labels[] = { N_("Retire the group"), N_("Keep it") };
		const char *tl[2] = { _(labels[0]), _(labels[1]) };

		if (g == NULL)
			ui_message(ui, "%s", _("d retires the breakout group under the cursor"));
		else
			ui_room_ask_choice(ui, _("Retire this breakout group? Its notes keep it."),
			    tl, 2, 1, g->id, 0, det_retire_done);
	} else if (g != NULL) {
		ui_room_ask_text(ui, _("New name of the breakout group"), g->raw, g->id, 2,
		    det_group_done);
	} else {
		struct wb_details d;

		if (wb_details_get(ui->wb, &d) != 0) {
			ui_room_error(ui);
			return UI_VIEW_HANDLED;
		}
		ui_room_ask_text(ui, _(det_labels[s->sel]), *det_field(&d, s->sel), 0,
		    (int)s->sel, det_field_done);
		wb_details_free(&d);
	}
	return UI_VIEW_HANDLED;
}

static void
det_nothing(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
}

static char *
det_position(struct ui *ui, void *state)
{
	struct det *s = state;

	(void)ui;
	return util_asprintf(P_("%zu breakout group", "%zu breakout groups", s->ngroups),
	    s->ngroups);
}

static void
det_reload(struct ui *ui, void *state)
{
	if (state != NULL)
		det_load(ui, state);
}

const struct ui_view_ops ui_details_view = {
	.name = "details",
	.opener = KEYS_ACT_DETAILS,
	.needs_wb = 1,
	.title = N_("Workshop details"),
	.list = 1,
	.open = det_open,
	.close = det_nothing,
	.free = det_free,
	.draw = det_draw,
	.action = det_action,
	.resize = det_nothing,
	.position = det_position,
	.reload = det_reload,
};
