/* ui_nav.c: the navigation pane: frameworks, headings and items as a tree that opens and closes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"

static const char *
nav_glyph(const struct ui *ui, int closed)
{
	if (ui->utf8)
		return closed ? "\xe2\x96\xb8" : "\xe2\x96\xbe";   /* ▸ ▾ */
	return closed ? "+" : "-";
}

static int
nav_closed(const struct ui_nav *nav, const struct ui_nav_row *r)
{
	if (r->kind == UI_NAV_FW)
		return nav->fw_closed[r->fw];
	if (r->kind == UI_NAV_HEADING)
		return nav->hd_closed[r->fw][r->heading];
	return 0;
}

/* The row's label: "▾ 64/211  Self-assessment tool", "▾ Legal frameworks", " 5  Key stakeholders". */
static char *
nav_label(const struct ui *ui, const struct ui_nav_row *r)
{
	const struct framework *fw = ui->cat->fws[r->fw];
	char *raw = NULL, *clean;
	int n = -1;

	switch (r->kind) {
	case UI_NAV_FW:
		n = asprintf(&raw, "%s %s  %s", nav_glyph(ui, nav_closed(&ui->nav, r)), fw->id,
		    fw->short_title != NULL ? fw->short_title : "");
		break;
	case UI_NAV_HEADING:
		n = asprintf(&raw, "%s %s", nav_glyph(ui, nav_closed(&ui->nav, r)),
		    fw->headings[r->heading].title);
		break;
	case UI_NAV_ITEM: {
		const struct fw_item *it = &fw->items[r->item];
		int w = text_width(it->number, strlen(it->number));

		n = asprintf(&raw, "%*s%s  %s", w < 2 ? 2 - w : 0, "", it->number,
		    it->short_title != NULL ? it->short_title : "");
		break;
	}
	}
	if (n < 0)
		return NULL;
	clean = text_sanitize(raw, (size_t)n, 0);
	free(raw);
	return clean;
}

static int
nav_push(struct ui *ui, enum ui_nav_kind kind, int depth, size_t f, size_t h, size_t i)
{
	struct ui_nav_row *r = &ui->nav.rows[ui->nav.nrows];

	r->kind = kind;
	r->depth = depth;
	r->fw = f;
	r->heading = h;
	r->item = i;
	if ((r->label = nav_label(ui, r)) == NULL)
		return -1;
	ui->nav.nrows++;
	return 0;
}

static void
nav_scroll(struct ui *ui)
{
	struct ui_nav *nav = &ui->nav;
	size_t h = ui->w_nav != NULL ? (size_t)getmaxy(ui->w_nav) : 1;

	if (h == 0)
		h = 1;
	if (nav->sel >= nav->nrows)
		nav->sel = nav->nrows > 0 ? nav->nrows - 1 : 0;
	if (nav->top + h > nav->nrows)
		nav->top = nav->nrows > h ? nav->nrows - h : 0;
	if (nav->sel < nav->top)
		nav->top = nav->sel;
	if (nav->sel >= nav->top + h)
		nav->top = nav->sel - h + 1;
}

/* Rebuild the visible rows, keeping the selection on the same row or on its parent. */
static int
nav_rebuild(struct ui *ui)
{
	struct ui_nav *nav = &ui->nav;
	struct ui_nav_row old = { UI_NAV_FW, 0, 0, FW_NO_HEADING, 0, NULL };
	int had = nav->nrows > 0;

	if (had)
		old = nav->rows[nav->sel];
	for (size_t r = 0; r < nav->nrows; r++)
		free(nav->rows[r].label);
	nav->nrows = 0;
	for (size_t f = 0; f < ui->cat->nfws; f++) {
		const struct framework *fw = ui->cat->fws[f];
		size_t pos = 0;

		if (nav_push(ui, UI_NAV_FW, 0, f, FW_NO_HEADING, 0) != 0)
			return -1;
		if (nav->fw_closed[f])
			continue;
		for (size_t h = 0; h < fw->nheadings; h++) {
			const struct fw_heading *hd = &fw->headings[h];
			size_t end = hd->first_item + hd->nitems;

			for (; pos < hd->first_item && pos < fw->nitems; pos++)
				if (fw->items[pos].heading == FW_NO_HEADING &&
				    nav_push(ui, UI_NAV_ITEM, 1, f, FW_NO_HEADING, pos) != 0)
					return -1;
			if (nav_push(ui, UI_NAV_HEADING, 1, f, h, 0) != 0)
				return -1;
			if (end > fw->nitems)
				end = fw->nitems;
			for (size_t i = hd->first_item; i < end && !nav->hd_closed[f][h]; i++)
				if (nav_push(ui, UI_NAV_ITEM, 2, f, h, i) != 0)
					return -1;
			if (end > pos)
				pos = end;
		}
		for (; pos < fw->nitems; pos++)
			if (fw->items[pos].heading == FW_NO_HEADING &&
			    nav_push(ui, UI_NAV_ITEM, 1, f, FW_NO_HEADING, pos) != 0)
				return -1;
	}
	nav->sel = 0;
	if (had) {
		size_t parent = 0;

		for (size_t r = 0; r < nav->nrows; r++) {
			const struct ui_nav_row *n = &nav->rows[r];

			if (n->fw != old.fw)
				continue;
			if (n->kind == old.kind && n->heading == old.heading &&
			    (n->kind != UI_NAV_ITEM || n->item == old.item)) {
				parent = r;
				break;
			}
			if (n->kind == UI_NAV_FW ||
			    (n->kind == UI_NAV_HEADING && n->heading == old.heading))
				parent = r;
		}
		nav->sel = parent;
	}
	nav_scroll(ui);
	ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
	return 0;
}

int
ui_nav_init(struct ui *ui)
{
	struct ui_nav *nav = &ui->nav;
	size_t max = 0;

	memset(nav, 0, sizeof *nav);
	for (size_t f = 0; f < ui->cat->nfws; f++)
		max += 1 + ui->cat->fws[f]->nheadings + ui->cat->fws[f]->nitems;
	nav->rows = calloc(max + 1, sizeof *nav->rows);
	nav->fw_closed = calloc(ui->cat->nfws + 1, 1);
	nav->hd_closed = calloc(ui->cat->nfws + 1, sizeof *nav->hd_closed);
	if (nav->rows == NULL || nav->fw_closed == NULL || nav->hd_closed == NULL)
		return -1;
	for (size_t f = 0; f < ui->cat->nfws; f++)
		if ((nav->hd_closed[f] = calloc(ui->cat->fws[f]->nheadings + 1, 1)) == NULL)
			return -1;
	return nav_rebuild(ui);
}

void
ui_nav_free(struct ui_nav *nav)
{
	for (size_t r = 0; r < nav->nrows; r++)
		free(nav->rows[r].label);
	free(nav->rows);
	if (nav->hd_closed != NULL)
		for (size_t f = 0; nav->hd_closed[f] != NULL; f++)   /* NULL-terminated */
			free(nav->hd_closed[f]);
	free(nav->hd_closed);
	free(nav->fw_closed);
	memset(nav, 0, sizeof *nav);
}

const struct ui_nav_row *
ui_nav_current(const struct ui *ui)
{
	if (ui->nav.nrows == 0)
		return NULL;
	return &ui->nav.rows[ui->nav.sel];
}

/* Draws LABEL in COLS columns, ending in an ellipsis when it is cut. */
static int
nav_put(const struct ui *ui, WINDOW *w, const char *label, int cols)
{
	const char *dots = ui->utf8 ? "\xe2\x80\xa6" : "~";
	size_t len = strlen(label), n, m = 0;
	int used, more = 0;

	if (cols <= 0)
		return 0;
	/* What fits before an ellipsis, then whether the rest fits in its place: each
	 * character measured once. */
	n = text_fit(label, len, cols - 1, &used);
	if (n < len)
		m = text_fit(label + n, len - n, cols - used, &more);
	if (n + m == len) {
		if (len > 0)
			waddnstr(w, label, (int)len);
		return used + more;
	}
	if (n > 0)
		waddnstr(w, label, (int)n);
	return used + ui_put(w, dots, strlen(dots), 1);
}

void
ui_nav_draw(struct ui *ui)
{
	struct ui_nav *nav = &ui->nav;
	WINDOW *w = ui->w_nav;
	int h = getmaxy(w), width = getmaxx(w);

	nav_scroll(ui);
	werase(w);
	if (nav->nrows == 0) {
		wmove(w, 0, 1);
		ui_put(w, _("No frameworks loaded"), strlen(_("No frameworks loaded")), width - 1);
	}
	for (int y = 0; y < h && nav->top + (size_t)y < nav->nrows; y++) {
		size_t r = nav->top + (size_t)y;
		const struct ui_nav_row *row = &nav->rows[r];
		int style = UI_NORMAL, x;

		if (r == nav->sel)
			style = ui->focus == UI_PANE_NAV ? UI_SELECTED : UI_SELECTED_IDLE;
		else if (row->kind != UI_NAV_ITEM)
			style = UI_HEADING;
		wattrset(w, ui->style[style]);
		wmove(w, y, 0);
		x = 1 + 2 * row->depth;
		ui_blank(w, x);
		if (row->kind == UI_NAV_ITEM && ui->wb != NULL) {
			/* The item's ratings at the right: "2→4", "·" when not assessed. */
			const char *mk = ui_capture_mark(ui,
			    ui->cat->fws[row->fw]->items[row->item].ref);
			int mw = text_width(mk, strlen(mk));

			x += nav_put(ui, w, row->label, width - x - 2 - mw);
			ui_blank(w, width - 1 - mw - x);
			x = width - 1 - mw;
			x += ui_put(w, mk, strlen(mk), mw);
		} else if (ui->wb != NULL) {
			/* A heading's or framework's progress at the right: assessed / total. */
			char pr[32];
			size_t done, total;
			int pw;

			ui_capture_progress(ui, row->fw, row->kind == UI_NAV_HEADING ? row->heading :
			    FW_NO_HEADING, &done, &total);
			snprintf(pr, sizeof pr, "%zu/%zu", done, total);
			pw = (int)strlen(pr);
			x += nav_put(ui, w, row->label, width - x - 2 - pw);
			ui_blank(w, width - 1 - pw - x);
			x = width - 1 - pw;
			x += ui_put(w, pr, strlen(pr), pw);
		} else {
			x += nav_put(ui, w, row->label, width - x - 1);
		}
		if (r == nav->sel)
			ui_blank(w, width - x);
		wattrset(w, A_NORMAL);
	}
	wnoutrefresh(w);
}

static void
nav_select(struct ui *ui, size_t sel)
{
	struct ui_nav *nav = &ui->nav;

	if (nav->nrows == 0)
		return;
	if (sel >= nav->nrows)
		sel = nav->nrows - 1;
	if (sel != nav->sel)
		ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
	nav->sel = sel;
	nav_scroll(ui);
}

static void
nav_toggle(struct ui *ui, const struct ui_nav_row *r, int closed)
{
	if (r->kind == UI_NAV_FW)
		ui->nav.fw_closed[r->fw] = (unsigned char)closed;
	else if (r->kind == UI_NAV_HEADING)
		ui->nav.hd_closed[r->fw][r->heading] = (unsigned char)closed;
	if (nav_rebuild(ui) != 0)
		ui->failed = ui->quit = 1;
}

/* The row of R's parent: its heading, else its framework. */
static size_t
nav_parent(const struct ui *ui, size_t r)
{
	const struct ui_nav_row *row = &ui->nav.rows[r];

	while (r > 0) {
		const struct ui_nav_row *p = &ui->nav.rows[--r];

		if (p->depth < row->depth)
			return r;
	}
	return 0;
}

void
ui_nav_action(struct ui *ui, enum keys_action a)
{
	struct ui_nav *nav = &ui->nav;
	const struct ui_nav_row *r = ui_nav_current(ui);
	size_t page = ui->w_nav != NULL && getmaxy(ui->w_nav) > 1 ? (size_t)getmaxy(ui->w_nav) - 1 : 1;

	if (r == NULL)
		return;
	switch (a) {
	case KEYS_ACT_UP:
		if (nav->sel > 0)
			nav_select(ui, nav->sel - 1);
		break;
	case KEYS_ACT_DOWN:
		nav_select(ui, nav->sel + 1);
		break;
	case KEYS_ACT_PAGE_UP:
		nav_select(ui, nav->sel > page ? nav->sel - page : 0);
		break;
	case KEYS_ACT_PAGE_DOWN:
		nav_select(ui, nav->sel + page);
		break;
	case KEYS_ACT_FIRST:
		nav_select(ui, 0);
		break;
	case KEYS_ACT_LAST:
		nav_select(ui, nav->nrows - 1);
		break;
	case KEYS_ACT_ENTER:
		if (r->kind == UI_NAV_ITEM) {
			ui->focus = UI_PANE_TEXT;
			ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
		} else {
			nav_toggle(ui, r, !nav_closed(nav, r));
		}
		break;
	case KEYS_ACT_COLLAPSE:
		if (r->kind != UI_NAV_ITEM && !nav_closed(nav, r))
			nav_toggle(ui, r, 1);
		else
			nav_select(ui, nav_parent(ui, nav->sel));
		break;
	case KEYS_ACT_EXPAND:
		if (r->kind != UI_NAV_ITEM && nav_closed(nav, r)) {
			nav_toggle(ui, r, 0);
		} else if (r->kind == UI_NAV_ITEM) {
			ui->focus = UI_PANE_TEXT;
			ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
		} else {
			nav_select(ui, nav->sel + 1);
		}
		break;
	default:
		break;
	}
}

void
ui_nav_click(struct ui *ui, int y)
{
	if (y >= 0 && ui->nav.top + (size_t)y < ui->nav.nrows)
		nav_select(ui, ui->nav.top + (size_t)y);
}

void
ui_nav_select_item(struct ui *ui, size_t f, size_t item)
{
	struct ui_nav *nav = &ui->nav;
	const struct framework *fw;

	if (f >= ui->cat->nfws || item >= ui->cat->fws[f]->nitems)
		return;
	fw = ui->cat->fws[f];
	nav->fw_closed[f] = 0;
	if (fw->items[item].heading != FW_NO_HEADING && fw->items[item].heading < fw->nheadings)
		nav->hd_closed[f][fw->items[item].heading] = 0;
	if (nav_rebuild(ui) != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	for (size_t r = 0; r < nav->nrows; r++) {
		if (nav->rows[r].kind == UI_NAV_ITEM && nav->rows[r].fw == f &&
		    nav->rows[r].item == item) {
			nav_select(ui, r);
			break;
		}
	}
	ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
}
