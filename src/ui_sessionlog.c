/* ui_sessionlog.c: the Session log view: what was discussed when, edited and deleted in place. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "timebox.h"
#include "ui.h"
#include "ui_room.h"
#include "ui_sessionlog.h"
#include "util.h"
#include "wb.h"

struct slog_row {
	int64_t id;
	char *heading;          /* key: "64/211#2" */
	char *when;             /* "2026-11-23 09:30" */
	char *group;            /* its name, "" for none */
	int64_t seconds;
	int consensus;
	char *note;
};

struct slog {
	struct slog_row *rows;
	size_t n, cap, sel, top;
	int rows_shown;
};

struct slog_load {
	struct ui *ui;
	struct slog *s;
	struct ui_room_groups groups;
};

static void
slog_clear(struct slog *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].heading);
		free(s->rows[i].when);
		free(s->rows[i].group);
		free(s->rows[i].note);
	}
	s->n = 0;
}

static int
slog_row_cb(const struct wb_log *e, void *arg)
{
	struct slog_load *l = arg;
	struct slog *s = l->s;
	struct slog_row *r;
	const char *t = e->started[0] != '\0' ? e->started : e->at;

	if (s->n == s->cap) {
		size_t cap = s->cap != 0 ? s->cap * 2 : 32;
		struct slog_row *n = realloc(s->rows, cap * sizeof *n);

		if (n == NULL)
			return -1;
		s->rows = n;
		s->cap = cap;
	}
	r = &s->rows[s->n];
	memset(r, 0, sizeof *r);
	r->id = e->id;
	r->seconds = e->seconds;
	r->consensus = e->consensus;
	r->heading = strdup(e->heading);
	r->when = strlen(t) >= 16 ? util_asprintf("%.10s %.5s", t, t + 11) : strdup(t);
	r->group = strdup(ui_room_group_name(&l->groups, e->group_id));
	r->note = ui_clean(e->note);
	s->n++;
	if (r->heading == NULL || r->when == NULL || r->group == NULL || r->note == NULL)
		return -1;
	return 0;
}

/* Read the log again, keeping the selection on the same entry when it is still there. */
static int
slog_load(struct ui *ui, struct slog *s)
{
	struct slog_load l = { ui, s, { NULL, NULL, 0 } };
	int64_t keep = s->n > 0 && s->sel < s->n ? s->rows[s->sel].id : 0;
	int rc = 0;

	slog_clear(s);
	if (ui->wb == NULL)
		return 0;
	if (ui_room_groups_load(ui, &l.groups) != 0)
		rc = -1;
	else if (wb_log_each(ui->wb, slog_row_cb, &l) != 0) {
		ui_room_error(ui);
		rc = -1;
	}
	ui_room_groups_free(&l.groups);
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].id == keep)
			s->sel = i;
	if (s->sel >= s->n)
		s->sel = s->n > 0 ? s->n - 1 : 0;
	return rc;
}

static int
slog_open(struct ui *ui, void **state)
{
	if (*state == NULL && (*state = calloc(1, sizeof(struct slog))) == NULL)
		return -1;
	(void)slog_load(ui, *state);
	return 0;
}

static void
slog_free(void *state)
{
	struct slog *s = state;

	if (s == NULL)
		return;
	slog_clear(s);
	free(s->rows);
	free(s);
}

/* One cell: S cut or padded to COLS columns, then two blanks. */
static void
slog_cell(WINDOW *w, const char *s, int cols)
{
	char *c = text_pad(s, strlen(s), cols);

	if (c != NULL)
		waddstr(w, c);
	free(c);
	waddstr(w, "  ");
}

static void
slog_draw(struct ui *ui, void *state)
{
	struct slog *s = state;
	WINDOW *w = ui->w_view;
	int h = getmaxy(w), wd = getmaxx(w), rows = h - 2, hw, notew;
	char buf[24];

	werase(w);
	/* started 16, heading, group 10, spent 6, consensus 6, note: the heading and the note
	 * share what is left, the heading a little more */
	hw = (wd - 16 - 10 - 6 - 6 - 10) * 11 / 20;
	if (hw < 8)
		hw = 8;
	notew = wd - 16 - hw - 10 - 6 - 6 - 10;
	wattrset(w, ui->style[UI_HEADING]);
	wmove(w, 0, 0);
	slog_cell(w, _("Started"), 16);
	slog_cell(w, _("Heading"), hw);
	slog_cell(w, _("Group"), 10);
	slog_cell(w, _("Spent"), 6);
	slog_cell(w, _("Agreed"), 6);
	if (notew > 0)
		slog_cell(w, _("Note"), notew);
	wattrset(w, A_NORMAL);
	if (s->n == 0) {
		wmove(w, 2, 0);
		ui_put(w, _("Nothing logged yet: D records an entry for the current heading."),
		    strlen(_("Nothing logged yet: D records an entry for the current heading.")), wd);
	}
	if (rows < 1)
		rows = 1;
	s->rows_shown = rows;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)rows)
		s->top = s->sel - (size_t)rows + 1;
	for (int y = 0; y < rows && s->top + (size_t)y < s->n; y++) {
		const struct slog_row *r = &s->rows[s->top + (size_t)y];
		char *name = ui_room_heading_short(ui, r->heading);

		wattrset(w, s->top + (size_t)y == s->sel ? ui->style[UI_SELECTED] : A_NORMAL);
		wmove(w, 1 + y, 0);
		ui_blank(w, wd);
		wmove(w, 1 + y, 0);
		slog_cell(w, r->when, 16);
		slog_cell(w, name != NULL ? name : r->heading, hw);
		slog_cell(w, r->group, 10);
		slog_cell(w, r->seconds > 0 ? timebox_format(r->seconds, buf, sizeof buf) : "", 6);
		slog_cell(w, r->consensus ? _("yes") : _("no"), 6);
		if (notew > 0)
			slog_cell(w, r->note, notew);
		free(name);
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* Change entry ID with EDIT applied to it (the note, or the consensus flag toggled). */
static int
slog_change(struct ui *ui, int64_t id, const char *note, int toggle)
{
	struct wb_log l;
	int rc;

	if (wb_log_get(ui->wb, id, &l) != 0) {
		ui_room_error(ui);
		return 0;
	}
	if (note != NULL) {
		free((void *)l.note);
		if ((l.note = strdup(note)) == NULL) {
			wb_log_free(&l);
			ui->failed = ui->quit = 1;
			return 0;
		}
	}
	if (toggle)
		l.consensus = !l.consensus;
	rc = wb_log_update(ui->wb, &l);
	wb_log_free(&l);
	if (rc != 0) {
		ui_room_error(ui);
		return 1;
	}
	ui_message(ui, "%s", _("Saved; u undoes"));
	ui_view_reload_all(ui);
	return 0;
}

static int
slog_note_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	(void)field;
	(void)pick;
	return slog_change(ui, id, text, 0);
}

static int
slog_delete_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	(void)field;
	(void)text;
	if (pick != 0)
		return 0;
	if (wb_log_delete(ui->wb, id) != 0)
		ui_room_error(ui);
	else
		ui_message(ui, "%s", _("Entry deleted; u undoes"));
	ui_view_reload_all(ui);
	return 0;
}

static int
slog_action(struct ui *ui, void *state, enum keys_action a)
{
	struct slog *s = state;
	const struct slog_row *r = s->n > 0 ? &s->rows[s->sel] : NULL;
	size_t page = s->rows_shown > 1 ? (size_t)s->rows_shown - 1 : 1;

	switch (a) {
	case KEYS_ACT_UP:
		if (s->sel > 0)
			s->sel--;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DOWN:
		if (s->sel + 1 < s->n)
			s->sel++;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_UP:
		s->sel = s->sel > page ? s->sel - page : 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_DOWN:
		s->sel = s->sel + page < s->n ? s->sel + page : s->n > 0 ? s->n - 1 : 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_FIRST:
		s->sel = 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_LAST:
		s->sel = s->n > 0 ? s->n - 1 : 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_LOG_EDIT:
	case KEYS_ACT_LOG_CONSENSUS:
	case KEYS_ACT_LOG_DELETE:
		break;
	default:
		return UI_VIEW_PASS;
	}
	if (r == NULL) {
		ui_message(ui, "%s", _("The session log is empty"));
		return UI_VIEW_HANDLED;
	}
	if (ui_room_following(ui) || wb_readonly(ui->wb)) {
		ui_message(ui, "%s", _("The workbook is read-only here: the log cannot be changed"));
		return UI_VIEW_HANDLED;
	}
	if (a == KEYS_ACT_LOG_CONSENSUS) {
		(void)slog_change(ui, r->id, NULL, 1);
	} else if (a == KEYS_ACT_LOG_EDIT) {
		struct wb_log l;

		if (wb_log_get(ui->wb, r->id, &l) != 0) {
			ui_room_error(ui);
			return UI_VIEW_HANDLED;
		}
		ui_room_ask_text(ui, _("The entry's note"), l.note, r->id, 0, slog_note_done);
		wb_log_free(&l);
	} else {
		static const char *const labels[] = { N_("Delete the entry"), N_("Keep it") };
		const char *tl[2] = { _(labels[0]), _(labels[1]) };

		ui_room_ask_choice(ui, _("Delete this session log entry?"), tl, 2, 1, r->id, 0,
		    slog_delete_done);
	}
	return UI_VIEW_HANDLED;
}

static void
slog_nothing(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
}

static char *
slog_position(struct ui *ui, void *state)
{
	struct slog *s = state;

	(void)ui;
	return util_asprintf(_("entry %zu of %zu"), s->n > 0 ? s->sel + 1 : 0, s->n);
}

static void
slog_reload(struct ui *ui, void *state)
{
	if (state != NULL)
		(void)slog_load(ui, state);
}

const struct ui_view_ops ui_sessionlog_view = {
	.name = "sessionlog",
	.opener = KEYS_ACT_SESSION_LOG,
	.needs_wb = 1,
	.title = N_("Session log"),
	.list = 1,
	.open = slog_open,
	.close = slog_nothing,
	.free = slog_free,
	.draw = slog_draw,
	.action = slog_action,
	.resize = slog_nothing,
	.position = slog_position,
	.reload = slog_reload,
};
