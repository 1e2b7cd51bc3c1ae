/* ui_status.c: the title bar, the status line (position and key hints) and the message line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "keys.h"
#include "msg.h"
#include "text.h"
#include "ui.h"
#include "ui_room.h"
#include "ui_status.h"
#include "util.h"
#include "wb.h"

#define STATUS_MAX_HINTS 16

static void
status_names_cb(const char *title, const char *group, void *arg)
{
	struct ui *ui = arg;

	if (title != NULL && title[0] != '\0')
		ui->wb_title = ui_clean(title);
	if (group != NULL)
		ui->wb_group = ui_clean(group);
}

void
ui_status_refresh(struct ui *ui)
{
	free(ui->wb_title);
	free(ui->wb_group);
	ui->wb_title = ui->wb_group = NULL;
	ui_mark(ui, UI_DIRTY_TITLE);
	if (ui->wb != NULL)
		(void)wb_status_names(ui->wb, status_names_cb, ui);
}

/* Draws S in at most COLS columns, cut with an ellipsis; returns the columns drawn. */
static int
status_fit(WINDOW *w, const char *s, int cols)
{
	char *e;
	int used;

	if (cols <= 0)
		return 0;
	if (text_width(s, strlen(s)) <= cols)
		return ui_put(w, s, strlen(s), cols);
	if ((e = text_ellipsize(s, strlen(s), cols)) == NULL)
		return ui_put(w, s, strlen(s), cols);
	used = ui_put(w, e, strlen(e), cols);
	free(e);
	return used;
}

void
ui_status_draw_title(struct ui *ui)
{
	WINDOW *w = ui->w_title;
	const char *sep = ui_sep(ui), *arrow = ui->utf8 ? " \xe2\x80\xba " : " > ";
	const char *name = ui->wb_title != NULL ? ui->wb_title : ui->wb_name;
	int width = getmaxx(w), x = 1, seplen = text_width(sep, strlen(sep));
	int need_group = 0, need_path = 0, need_room = 0;
	char *group = NULL;
	/* FOLLOWING in a follower (ui_room.c): it never gives way. */
	char *room = ui_room_following(ui) ? ui_room_title(ui) : NULL;

	werase(w);
	wattrset(w, ui->style[UI_BAR]);
	wmove(w, 0, 0);
	ui_blank(w, width);
	wmove(w, 0, 1);
	x += ui_put(w, PACKAGE, strlen(PACKAGE), width - x);
	/* The workshop's title (else the file's name), the breakout group this laptop captures
	 * for, and the path of the views above the browser ("Actions › Search"): the title gives
	 * way to the other two. */
	if (ui->wb_group != NULL && (group = util_asprintf(_("group %s"), ui->wb_group)) != NULL)
		need_group = seplen + text_width(group, strlen(group));
	for (size_t d = 1; d < ui->depth; d++) {
		const char *t = _(ui->stack[d]->title);

		need_path += (d > 1 ? text_width(arrow, strlen(arrow)) : seplen) +
		    text_width(t, strlen(t));
	}
	if (room != NULL && room[0] != '\0')
		need_room = seplen + text_width(room, strlen(room));
	if (name != NULL) {
		int left = width - x - 1 - need_group - need_path - need_room - seplen;

		x += ui_put(w, sep, strlen(sep), width - x);
		x += status_fit(w, name, left < 10 ? 10 : left);
	}
	if (group != NULL) {
		x += ui_put(w, sep, strlen(sep), width - x - 1);
		x += ui_put(w, group, strlen(group), width - x - 1);
		free(group);
	}
	for (size_t d = 1; d < ui->depth; d++) {
		const char *t = _(ui->stack[d]->title);

		x += ui_put(w, d > 1 ? arrow : sep, strlen(d > 1 ? arrow : sep), width - x - 1);
		x += ui_put(w, t, strlen(t), width - x - 1);
	}
	if (room != NULL && room[0] != '\0') {
		wattron(w, A_BOLD);
		x += ui_put(w, sep, strlen(sep), width - x - 1);
		x += ui_put(w, room, strlen(room), width - x - 1);
		wattrset(w, ui->style[UI_BAR]);
	}
	free(room);
	if (ui->wb != NULL && wb_readonly(ui->wb) && !ui_room_following(ui)) {
		/* A banner nobody can miss, in words (it works without colour). */
		const char *why = wb_notice(ui->wb);
		char *s = NULL, *clean;

		if (asprintf(&s, _("  READ-ONLY: %s"), why != NULL ? why :
		    _("edits are refused")) >= 0) {
			clean = ui_clean(s);
			if (clean != NULL) {
				wattron(w, A_BOLD);
				ui_put(w, clean, strlen(clean), width - x - 1);
			}
			free(clean);
			free(s);
		}
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* "question 5 of 18": the word for an item depends on the framework. */
static char *
status_item(const struct framework *fw, size_t pos, size_t n)
{
	char *s = NULL;
	int r;

	if (strcmp(fw->id, "64/211") == 0)
		r = asprintf(&s, _("question %zu of %zu"), pos, n);
	else if (strcmp(fw->id, "58/199") == 0)
		r = asprintf(&s, _("element %zu of %zu"), pos, n);
	else
		r = asprintf(&s, _("item %zu of %zu"), pos, n);
	return r < 0 ? NULL : s;
}

char *
ui_status_position(const struct ui *ui)
{
	const struct ui_nav_row *r = ui_nav_current(ui);
	const struct framework *fw;
	const char *sep = ui_sep(ui);
	char *a = NULL, *b = NULL, *out = NULL, *clean;
	int n = -1;

	if (r == NULL)
		return strdup("");
	fw = ui->cat->fws[r->fw];
	switch (r->kind) {
	case UI_NAV_FW:
		if (asprintf(&a, _("framework %zu of %zu"), r->fw + 1, ui->cat->nfws) < 0)
			a = NULL;
		break;
	case UI_NAV_HEADING:
		if (asprintf(&a, _("heading %zu of %zu"), r->heading + 1, fw->nheadings) < 0)
			a = NULL;
		break;
	case UI_NAV_ITEM:
		if (r->heading != FW_NO_HEADING &&
		    asprintf(&a, _("heading %zu of %zu"), r->heading + 1, fw->nheadings) < 0)
			return NULL;
		b = status_item(fw, r->item + 1, fw->nitems);
		if (b == NULL) {
			free(a);
			return NULL;
		}
		break;
	}
	if (a == NULL && b == NULL)
		return NULL;
	if (a != NULL && b != NULL)
		n = asprintf(&out, "%s%s%s%s%s", fw->id, sep, a, sep, b);
	else
		n = asprintf(&out, "%s%s%s", fw->id, sep, a != NULL ? a : b);
	free(a);
	free(b);
	if (n < 0)
		return NULL;
	clean = ui_clean(out);
	free(out);
	return clean;
}

/* The bindings whose hints a view shows ("Tab pane  ? help  q quit"), by their first key: the
 * key table is fixed, so they are found once per view, not on every draw. */
struct status_hintset {
	const struct ui_view_ops *view;
	size_t n;
	size_t bind[STATUS_MAX_HINTS];  /* in keys_table */
	char first[STATUS_MAX_HINTS][32]; /* the first key's name */
};

#define STATUS_MAX_VIEWS 32

static const struct status_hintset *
status_hintset(const struct ui_view_ops *top)
{
	static struct status_hintset sets[STATUS_MAX_VIEWS];
	static size_t nsets;
	struct status_hintset *hs;
	struct keys_binding b[512];
	size_t nb;

	for (size_t i = 0; i < nsets; i++)
		if (sets[i].view == top)
			return &sets[i];
	/* More views than the cache holds (never, today): the last entry is reused. */
	hs = &sets[nsets < STATUS_MAX_VIEWS ? nsets++ : STATUS_MAX_VIEWS - 1];
	hs->view = top;
	hs->n = 0;
	nb = keys_bindings(top->name, top->list, b, sizeof b / sizeof b[0]);
	/* The hints of the bindings that reach their action in this view, by their first key. */
	for (size_t i = 0; i < keys_ntable && hs->n < STATUS_MAX_HINTS; i++) {
		const char *k = keys_table[i].keys;
		size_t kl = strcspn(k, " "), j;
		int key;

		if (keys_table[i].hint == NULL || kl >= sizeof hs->first[0])
			continue;
		memcpy(hs->first[hs->n], k, kl);
		hs->first[hs->n][kl] = '\0';
		if (keys_parse(hs->first[hs->n], &key) != 0)
			continue;
		key = keys_normalize(key);
		for (j = 0; j < nb && b[j].key != key; j++)
			;
		if (j == nb || b[j].action != keys_table[i].action)
			continue;
		hs->bind[hs->n++] = i;
	}
	return hs;
}

/* Draws the hints "Tab pane  ? help  q quit" right-aligned in COLS columns, dropping the
 * first ones when they do not fit. */
static void
status_hints(struct ui *ui, WINDOW *w, int right, int cols)
{
	const struct status_hintset *hs = status_hintset(ui_view_top(ui));
	char *hints[STATUS_MAX_HINTS];
	int widths[STATUS_MAX_HINTS], total = 0;
	size_t n = 0, skip = 0;

	for (size_t i = 0; i < hs->n; i++) {
		if (asprintf(&hints[n], "%s %s", hs->first[i], _(keys_table[hs->bind[i]].hint)) < 0)
			break;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		widths[i] = text_width(hints[i], strlen(hints[i]));
		total += widths[i] + (i > 0 ? 2 : 0);
	}
	while (skip < n && total > cols) {
		total -= widths[skip] + (skip + 1 < n ? 2 : 0);
		skip++;
	}
	if (skip < n) {
		wmove(w, 0, right - total);
		for (size_t i = skip; i < n; i++) {
			if (i > skip)
				waddstr(w, "  ");
			ui_put(w, hints[i], strlen(hints[i]), widths[i]);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(hints[i]);
}

void
ui_status_draw(struct ui *ui)
{
	WINDOW *w = ui->w_status;
	int width = getmaxx(w), used = 0;
	char *pos = NULL;

	werase(w);
	wattrset(w, ui->style[UI_BAR]);
	wmove(w, 0, 0);
	ui_blank(w, width);
	{
		/* The view's name (but the browser's, at the bottom), then its position. */
		const struct ui_view_ops *top = ui_view_top(ui);
		char *p = top->position(ui, ui_view_state(ui, top));

		if (ui->depth <= 1) {
			pos = p;
		} else {
			if (asprintf(&pos, "%s%s%s", _(top->title), p != NULL ? ui_sep(ui) : "",
			    p != NULL ? p : "") < 0)
				pos = NULL;
			free(p);
		}
	}
	if (pos != NULL) {
		wmove(w, 0, 1);
		used = 1 + ui_put(w, pos, strlen(pos), width - 2);
		free(pos);
	}
	{
		/* The current heading's time-box (ui_room.c), in the alert style once it ran out. */
		int alert = 0;
		char *t = ui_room_timer(ui, &alert);

		if (t != NULL && t[0] != '\0' && width - used > 12) {
			const char *sep = ui_sep(ui);

			used += ui_put(w, sep, strlen(sep), width - used - 1);
			if (alert)
				wattrset(w, ui->style[UI_ALERT] | A_REVERSE);
			used += ui_put(w, t, strlen(t), width - used - 1);
			wattrset(w, ui->style[UI_BAR]);
		}
		free(t);
	}
	status_hints(ui, w, width - 1, width - used - 3);
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

void
ui_status_draw_msg(struct ui *ui)
{
	WINDOW *w = ui->w_msg;
	int width = getmaxx(w);

	werase(w);
	wmove(w, 0, 0);
	if (ui->search.prompt) {
		/* What was typed (or pasted) is sanitised like everything else. */
		char *clean = text_sanitize(ui->search.buf, ui->search.len, 0);
		const char *s = clean != NULL ? clean : "";
		size_t len = strlen(s);
		int sw = text_width(s, len);
		const char *lead = ui->search.go ? _("Go to: ") : "/";
		int lw = ui_put(w, lead, strlen(lead), width - 2);

		/* Show the end of a query longer than the line. */
		if (sw > width - 1 - lw) {
			size_t skip = text_fit_tail(s, len, width - 1 - lw, NULL);

			s += skip;
			len -= skip;
		}
		ui_put(w, s, len, width - 1 - lw);
		free(clean);
	} else {
		/* The cause first, a long path shortened in the middle: E shows it whole. */
		char *fit = msg_fit(ui->msg, width - 1, NULL);

		ui_put(w, fit != NULL ? fit : ui->msg, strlen(fit != NULL ? fit : ui->msg), width - 1);
		free(fit);
	}
	wnoutrefresh(w);
}
