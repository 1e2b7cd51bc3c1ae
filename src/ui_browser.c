/* ui_browser.c: the browser view (navigation and text panes), the bottom of the view stack. */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "ui_browser.h"
#include "ui_status.h"

/* The browser's state is the ui itself (ui->nav, ui->text): nothing to allocate. */
static int
browser_open(struct ui *ui, void **state)
{
	*state = ui;
	return 0;
}

static void
browser_free(void *state)
{
	(void)state;
}

static void
browser_draw_sep(struct ui *ui)
{
	int h = getmaxy(ui->w_sep);

	werase(ui->w_sep);
	for (int y = 0; y < h; y++)
		mvwaddstr(ui->w_sep, y, 0, ui->utf8 ? "\xe2\x94\x82" : "|");
	wnoutrefresh(ui->w_sep);
}

static void
browser_draw(struct ui *ui, void *state)
{
	(void)state;
	/* Each pane when it changed (UI_DIRTY_VIEW alone redraws neither). */
	ui_text_sync(ui);
	if (ui->dirty & UI_DIRTY_NAV)
		ui_nav_draw(ui);
	if (ui->dirty & UI_DIRTY_LAYOUT)
		browser_draw_sep(ui);
	if (ui->dirty & UI_DIRTY_TEXT)
		ui_text_draw(ui);
}

static int
browser_action(struct ui *ui, void *state, enum keys_action a)
{
	(void)state;
	switch (a) {
	case KEYS_ACT_QUIT:
	case KEYS_ACT_CLOSE:
		/* q first clears the search highlight; then it quits (ui_view.c). */
		return ui_search_clear(ui) ? UI_VIEW_HANDLED : UI_VIEW_PASS;
	case KEYS_ACT_SEARCH_NEXT:
		ui_search_step(ui, 1);
		break;
	case KEYS_ACT_SEARCH_PREV:
		ui_search_step(ui, -1);
		break;
	case KEYS_ACT_NEXT_PANE:
	case KEYS_ACT_PREV_PANE:
		ui->focus = ui->focus == UI_PANE_NAV ? UI_PANE_TEXT : UI_PANE_NAV;
		ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT);
		break;
	case KEYS_ACT_RATE_CURRENT:
	case KEYS_ACT_RATE_TARGET:
	case KEYS_ACT_NEEDS_REVIEW:
	case KEYS_ACT_CONSENSUS:
	case KEYS_ACT_ADD_NOTE:
	case KEYS_ACT_ADD_EVIDENCE:
	case KEYS_ACT_ADD_ACTION:
	case KEYS_ACT_EDIT:
	case KEYS_ACT_DELETE:
	case KEYS_ACT_GROUP:
		ui_capture_action(ui, a);
		break;
	case KEYS_ACT_UP:
	case KEYS_ACT_DOWN:
	case KEYS_ACT_PAGE_UP:
	case KEYS_ACT_PAGE_DOWN:
	case KEYS_ACT_FIRST:
	case KEYS_ACT_LAST:
	case KEYS_ACT_ENTER:
	case KEYS_ACT_COLLAPSE:
	case KEYS_ACT_EXPAND:
		if (ui->focus == UI_PANE_NAV)
			ui_nav_action(ui, a);
		else
			ui_text_action(ui, a);
		break;
	default:
		return UI_VIEW_PASS;
	}
	/* The panes mark what they changed. */
	return UI_VIEW_HANDLED;
}

static void
browser_resize(struct ui *ui, void *state)
{
	(void)state;
	ui_text_invalidate(ui);
}

static char *
browser_position(struct ui *ui, void *state)
{
	(void)state;
	return ui_status_position(ui);
}

static void
browser_reload(struct ui *ui, void *state)
{
	(void)state;
	ui_text_invalidate(ui);
	ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT);
}

const struct ui_view_ops ui_browser_view = {
	.name = "browser",
	.title = N_("Browser"),
	.list = 0,
	.open = browser_open,
	.close = ui_view_nothing,
	.free = browser_free,
	.draw = browser_draw,
	.action = browser_action,
	.resize = browser_resize,
	.position = browser_position,
	.reload = browser_reload,
};
