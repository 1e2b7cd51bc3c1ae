/* ui_browser.c: the browser view (navigation and text panes), the bottom of the view stack. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_browser.h"
#include "ui_results.h"
#include "util.h"
#include "ui_status.h"

/* A position: the selected row (by what it shows), the pane, the text cursor and scroll. */
struct browser_pos {
	enum ui_nav_kind kind;
	size_t fw, heading, item;
	size_t nav_top;
	enum ui_pane focus;
	size_t text_cur, text_top;
};

/* The panes themselves live in the ui (ui->nav, ui->text); the browser keeps its history. */
struct browser {
	struct browser_pos hist[UI_BROWSER_HISTORY];
	size_t n;
};

static int
browser_open(struct ui *ui, void **state)
{
	(void)ui;
	if (*state == NULL && (*state = calloc(1, sizeof(struct browser))) == NULL)
		return -1;
	return 0;
}

void
ui_browser_mark(struct ui *ui)
{
	struct browser *b = ui_view_state(ui, &ui_browser_view);
	const struct ui_nav_row *r = ui_nav_current(ui);
	struct browser_pos *p;

	if (b == NULL || r == NULL)
		return;
	if (b->n == UI_BROWSER_HISTORY) {
		memmove(b->hist, b->hist + 1, (UI_BROWSER_HISTORY - 1) * sizeof *b->hist);
		b->n--;
	}
	p = &b->hist[b->n++];
	p->kind = r->kind;
	p->fw = r->fw;
	p->heading = r->heading;
	p->item = r->item;
	p->nav_top = ui->nav.top;
	p->focus = ui->focus;
	p->text_cur = ui->text.cur;
	p->text_top = ui->text.top;
}

size_t
ui_browser_depth(const struct ui *ui)
{
	const struct browser *b = ui_view_state(ui, &ui_browser_view);

	return b != NULL ? b->n : 0;
}

const struct fw_item *
ui_browser_ref_item(const struct ui *ui, const char *text)
{
	char ref[64];
	size_t n;

	text += strspn(text, " ");
	n = strcspn(text, " ");
	if (n == 0 || n >= sizeof ref || text[n + strspn(text + n, " ")] != '\0')
		return NULL;
	memcpy(ref, text, n);
	ref[n] = '\0';
	return ui->cat != NULL ? catalog_find(ui->cat, ref) : NULL;
}

void
ui_browser_goto(struct ui *ui, const char *text)
{
	const struct ui_nav_row *r = ui_nav_current(ui);
	struct browser *b = ui_view_state(ui, &ui_browser_view);
	char *ref, *clean;
	size_t at;

	text += strspn(text, " ");
	if (*text == '\0')
		return;
	/* ":10" or "10": an item of the framework of the selection */
	if (r != NULL && (text[0] == ':' || strchr(text, ':') == NULL) && strchr(text, '#') == NULL)
		ref = util_asprintf("%s%s%s", ui->cat->fws[r->fw]->id, text[0] == ':' ? "" : ":",
		    text);
	else
		ref = strdup(text);
	if (ref == NULL) {
		ui->failed = ui->quit = 1;
		return;
	}
	ref[strcspn(ref, " ")] = '\0';
	at = b != NULL ? b->n : 0;
	ui_browser_mark(ui);
	if (ui_actions_show_ref(ui, ref) != 0) {
		/* Not there (the message says so): nothing to come back to. */
		if (b != NULL && b->n > at)
			b->n = at;
	} else if ((clean = ui_clean(ref)) != NULL) {
		ui_message(ui, _("Showing %s; q or Backspace goes back"), clean);
		free(clean);
	}
	free(ref);
}

/* Go back to the last position remembered; 0, or -1 when there is none. */
static int
browser_back(struct ui *ui, struct browser *b)
{
	const struct browser_pos *p;
	struct ui_nav *nav = &ui->nav;
	struct ui_text *t = &ui->text;
	size_t h = ui->w_nav != NULL && getmaxy(ui->w_nav) > 0 ? (size_t)getmaxy(ui->w_nav) : 1;
	size_t r;

	if (b->n == 0)
		return -1;
	p = &b->hist[--b->n];
	if (p->kind == UI_NAV_ITEM)
		ui_nav_select_item(ui, p->fw, p->item);
	for (r = 0; r < nav->nrows; r++) {
		const struct ui_nav_row *row = &nav->rows[r];

		if (row->kind == p->kind && row->fw == p->fw && (p->kind == UI_NAV_FW ||
		    row->heading == p->heading) && (p->kind != UI_NAV_ITEM || row->item == p->item))
			break;
	}
	if (r < nav->nrows) {
		/* The row and the scroll as they were (the rows may have moved since). */
		nav->sel = r;
		nav->top = p->nav_top <= r && r < p->nav_top + h ? p->nav_top :
		    r >= h ? r - h + 1 : 0;
	}
	ui->focus = p->focus;
	ui_text_sync(ui);
	/* The item's sections come a page at a time: load them down to where the text was. */
	ui_capture_fill(ui, 0, p->text_top + (ui->w_text != NULL && getmaxy(ui->w_text) > 0 ?
	    (size_t)getmaxy(ui->w_text) : 1));
	if (t->nlines > 0) {
		t->cur = p->text_cur < t->nlines ? p->text_cur : t->nlines - 1;
		t->top = p->text_top <= t->cur ? p->text_top : t->cur;
	}
	ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
	return 0;
}

static void
browser_free(void *state)
{
	free(state);
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
	struct browser *b = state;

	switch (a) {
	case KEYS_ACT_QUIT:
		/* q goes back to where the last jump came from; at the first position it clears
		 * the search highlight, then quits (ui_view.c). */
		if (browser_back(ui, b) == 0)
			return UI_VIEW_HANDLED;
		return ui_search_clear(ui) ? UI_VIEW_HANDLED : UI_VIEW_PASS;
	case KEYS_ACT_CLOSE:
		/* Esc: the search highlight goes; it never quits. */
		if (!ui_search_clear(ui))
			ui_message(ui, "%s", _("This is the browser: q quits"));
		break;
	case KEYS_ACT_GOTO:
		/* The key typed is the reference's first character. */
		ui_search_open_goto(ui, ui->key);
		break;
	case KEYS_ACT_BACK:
		if (browser_back(ui, b) != 0)
			ui_message(ui, "%s", _("Nothing to go back to: this is where you started"));
		break;
	case KEYS_ACT_SEARCH_NEXT:
	case KEYS_ACT_SEARCH_PREV:
		/* Through the search results' hits with a workbook, else the annex matches. */
		if (ui_results_step(ui, a == KEYS_ACT_SEARCH_NEXT ? 1 : -1) != 0)
			ui_search_step(ui, a == KEYS_ACT_SEARCH_NEXT ? 1 : -1);
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
	case KEYS_ACT_ACTION_DONE:
	case KEYS_ACT_GROUP:
		ui_capture_action(ui, a);
		break;
	case KEYS_ACT_ENTER:
		if (ui->focus == UI_PANE_TEXT && ui->text.cur < ui->text.nlines &&
		    ui->text.lines[ui->text.cur].link != NULL) {
			/* Following a cross-reference: q comes back. */
			char *ref = ui_clean(ui->text.lines[ui->text.cur].link->ref);

			ui_browser_mark(ui);
			ui_text_action(ui, a);
			if (ref != NULL)
				ui_message(ui, _("Showing %s; q or Backspace goes back"), ref);
			free(ref);
			break;
		}
		/* FALLTHROUGH */
	case KEYS_ACT_UP:
	case KEYS_ACT_DOWN:
	case KEYS_ACT_PAGE_UP:
	case KEYS_ACT_PAGE_DOWN:
	case KEYS_ACT_FIRST:
	case KEYS_ACT_LAST:
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
