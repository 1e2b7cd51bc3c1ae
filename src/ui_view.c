/* ui_view.c: the view table, the stack of open views, and the actions that work in every view. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "ui_room.h"
#include "ui_status.h"
#include "ui_view.h"

/*
 * The views: a new view is one line here (see ui_view.h). The browser comes first. X(NAME)
 * declares ui_NAME_view (defined in the view's own file) and lists it in ui_views[].
 */
#define UI_VIEW_LIST(X) \
	X(browser) \
	X(help) \
	X(actions) \
	X(results) \
	X(present) \
	X(sessionlog) \
	X(details) \
	X(summary) \
	X(stake) \
	X(stake_detail) \
	X(roles) \
	X(matrix) \
	X(grid) \
	X(coverage) \
	X(conflicts) \
	X(messages)

#define UI_VIEW_DECLARE(n) extern const struct ui_view_ops ui_##n##_view;
#define UI_VIEW_ENTRY(n) &ui_##n##_view,
UI_VIEW_LIST(UI_VIEW_DECLARE)
const struct ui_view_ops *const ui_views[] = { UI_VIEW_LIST(UI_VIEW_ENTRY) };
#undef UI_VIEW_DECLARE
#undef UI_VIEW_ENTRY
const size_t ui_nviews = sizeof ui_views / sizeof ui_views[0];

const struct ui_view_ops *
ui_view_opened_by(enum keys_action a)
{
	for (size_t i = 0; a != KEYS_ACT_NONE && i < ui_nviews; i++)
		if (ui_views[i]->opener == a)
			return ui_views[i];
	return NULL;
}

const struct ui_view_ops *
ui_view_find(const char *name)
{
	for (size_t i = 0; i < ui_nviews; i++)
		if (strcmp(ui_views[i]->name, name) == 0)
			return ui_views[i];
	return NULL;
}

static size_t
view_index(const struct ui_view_ops *view)
{
	for (size_t i = 0; i < ui_nviews; i++)
		if (ui_views[i] == view)
			return i;
	return 0;
}

const struct ui_view_ops *
ui_view_top(const struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : ui_views[0];
}

const struct ui_view_ops *
ui_view_below(const struct ui *ui)
{
	return ui->depth > 1 ? ui->stack[ui->depth - 2] : NULL;
}

void *
ui_view_state(const struct ui *ui, const struct ui_view_ops *view)
{
	return ui->vstate != NULL ? ui->vstate[view_index(view)] : NULL;
}

/* Everything is drawn again: another view is on top. */
static void
view_changed(struct ui *ui)
{
	ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
}

int
ui_view_push(struct ui *ui, const struct ui_view_ops *view)
{
	size_t i = view_index(view);

	for (size_t d = 0; d < ui->depth; d++) {
		if (ui->stack[d] == view) {
			ui_view_pop_to(ui, d + 1);
			return 0;
		}
	}
	if (ui->depth == UI_VIEW_MAX) {
		ui_message(ui, "%s", _("Too many views are open: press q to close some"));
		return -1;
	}
	if (ui->depth >= 1)
		ui_view_window(ui);
	if (view->open(ui, &ui->vstate[i]) != 0 || ui->vstate[i] == NULL) {
		ui->failed = ui->quit = 1;
		return -1;
	}
	ui->stack[ui->depth++] = view;
	view_changed(ui);
	return 0;
}

int
ui_view_pop(struct ui *ui)
{
	const struct ui_view_ops *top;

	if (ui->depth <= 1)
		return -1;
	top = ui->stack[--ui->depth];
	top->close(ui, ui->vstate[view_index(top)]);
	view_changed(ui);
	return 0;
}

void
ui_view_pop_to(struct ui *ui, size_t depth)
{
	if (depth < 1)
		depth = 1;
	while (ui->depth > depth && ui_view_pop(ui) == 0)
		;
}

enum keys_action
ui_view_lookup(const struct ui *ui, int key)
{
	const struct ui_view_ops *top = ui_view_top(ui);

	return keys_lookup(top->name, top->list, key);
}

void
ui_view_reload_all(struct ui *ui)
{
	for (size_t d = 0; d < ui->depth; d++)
		ui->stack[d]->reload(ui, ui->vstate[view_index(ui->stack[d])]);
	ui_status_refresh(ui);
	ui_mark(ui, UI_DIRTY_VIEW | UI_DIRTY_STATUS);
}

void
ui_view_resize_all(struct ui *ui)
{
	for (size_t d = 0; d < ui->depth; d++)
		ui->stack[d]->resize(ui, ui->vstate[view_index(ui->stack[d])]);
}

void
ui_view_free_all(struct ui *ui)
{
	if (ui->vstate == NULL)
		return;
	for (size_t i = 0; i < ui_nviews; i++)
		ui_views[i]->free(ui->vstate[i]);
	free(ui->vstate);
	ui->vstate = NULL;
	ui->depth = 0;
}

int
ui_view_scroll(const struct ui *ui, size_t *top, size_t n, enum keys_action a)
{
	size_t rows = ui->w_view != NULL && getmaxy(ui->w_view) > 0 ?
	    (size_t)getmaxy(ui->w_view) : 1;
	size_t page = rows > 1 ? rows - 1 : 1, t = *top;

	switch (a) {
	case KEYS_ACT_UP:
		t = t > 0 ? t - 1 : 0;
		break;
	case KEYS_ACT_DOWN:
		t++;
		break;
	case KEYS_ACT_PAGE_UP:
		t = t > page ? t - page : 0;
		break;
	case KEYS_ACT_PAGE_DOWN:
		t += page;
		break;
	case KEYS_ACT_FIRST:
		t = 0;
		break;
	case KEYS_ACT_LAST:
		t = n;
		break;
	default:
		return UI_VIEW_PASS;
	}
	*top = t + rows > n ? (n > rows ? n - rows : 0) : t;
	return UI_VIEW_HANDLED;
}

void
ui_view_nothing(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
}

/* The actions every view has, unless the view took the key itself. */
static void
view_global(struct ui *ui, enum keys_action a)
{
	const struct ui_view_ops *view;

	switch (a) {
	case KEYS_ACT_CLOSE:
	case KEYS_ACT_QUIT:
		if (ui_view_pop(ui) != 0)
			ui->quit = a == KEYS_ACT_QUIT;
		break;
	case KEYS_ACT_SEARCH:
		ui_search_open(ui);
		break;
	case KEYS_ACT_UNDO:
	case KEYS_ACT_REDO:
		ui_capture_action(ui, a);
		break;
	case KEYS_ACT_REDRAW:
		clearok(curscr, TRUE);
		ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
		break;
	case KEYS_ACT_NONE:
		ui_message(ui, "%s", ui->depth > 1 ?
		    _("That key does nothing in this view; q closes it, ? lists the keys") :
		    _("That key does nothing here; press ? for the list of keys"));
		break;
	default:
		if ((view = ui_view_opened_by(a)) != NULL) {
			if (view->needs_wb && ui->wb == NULL)
				ui_message(ui, "%s", _("No workbook is open"));
			else
				ui_view_push(ui, view);
			break;
		}
		/* The room's keys: presenter, time-box, session log, workshop details. */
		if (ui_room_action(ui, a))
			break;
		/* A key of another view: bound here to nothing. */
		ui_message(ui, "%s", _("That key does nothing in this view; ? lists the keys"));
		break;
	}
}

void
ui_view_action(struct ui *ui, enum keys_action a)
{
	const struct ui_view_ops *top = ui_view_top(ui);

	if (a != KEYS_ACT_NONE &&
	    top->action(ui, ui->vstate[view_index(top)], a) == UI_VIEW_HANDLED) {
		ui_mark(ui, UI_DIRTY_VIEW | UI_DIRTY_STATUS);
		return;
	}
	view_global(ui, a);
}
