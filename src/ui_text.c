/* ui_text.c: the text pane: official text word-wrapped by display width, bullets, footnotes, links. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"

#define TEXT_MARGIN 1           /* blank columns left and right of the text */

static void
ui_text_clear(struct ui_text *t)
{
	for (size_t i = 0; i < t->nparts; i++)
		free(t->parts[i].s);
	t->nparts = 0;
	t->nlines = 0;
}

void
ui_text_free(struct ui_text *t)
{
	ui_text_clear(t);
	free(t->parts);
	free(t->lines);
	memset(t, 0, sizeof *t);
}

void
ui_text_invalidate(struct ui *ui)
{
	ui->text.built = 0;
	ui_mark(ui, UI_DIRTY_TEXT);
}

/* Adds a sanitised copy of SRC as a part; returns its index or -1. */
static int
ui_text_part(struct ui_text *t, const char *src, unsigned flags, int spart)
{
	char *s;

	if (t->nparts == t->capparts) {
		size_t cap = t->capparts ? t->capparts * 2 : 16;
		struct ui_tpart *p = realloc(t->parts, cap * sizeof *p);

		if (p == NULL)
			return -1;
		t->parts = p;
		t->capparts = cap;
	}
	if ((s = text_sanitize(src != NULL ? src : "", src != NULL ? strlen(src) : 0, flags)) == NULL)
		return -1;
	t->parts[t->nparts].s = s;
	t->parts[t->nparts].spart = spart;
	return (int)t->nparts++;
}

static int
ui_text_line(struct ui_text *t, int indent, int prefix, int part, size_t off, size_t len, int style,
    const struct fw_item *link)
{
	struct ui_tline *l;

	if (t->nlines == t->caplines) {
		size_t cap = t->caplines ? t->caplines * 2 : 64;
		struct ui_tline *p = realloc(t->lines, cap * sizeof *p);

		if (p == NULL)
			return -1;
		t->lines = p;
		t->caplines = cap;
	}
	l = &t->lines[t->nlines++];
	l->indent = indent;
	l->prefix = prefix;
	l->part = part;
	l->off = off;
	l->len = len;
	l->style = style;
	l->link = link;
	l->ckind = 0;
	l->cid = 0;
	return 0;
}

static int
ui_text_blank(struct ui_text *t)
{
	if (t->nlines == 0 || t->lines[t->nlines - 1].part < 0)
		return 0;
	return ui_text_line(t, 0, -1, -1, 0, 0, UI_NORMAL, NULL);
}

/*
 * Adds SRC word-wrapped to the pane: the first line after PREFIX (trusted or not, sanitised
 * too), the others indented under the text. A new paragraph ('\n' in SRC, kept with
 * TEXT_KEEP_NEWLINES) starts after a blank line.
 */
static int
ui_text_block(struct ui_text *t, int indent, const char *prefix, const char *src, unsigned flags,
    int spart, int style, const struct fw_item *link)
{
	struct text_line *lines = NULL;
	int pp = -1, part, pw = 0, cols;
	size_t n;
	const char *s;

	if (prefix != NULL) {
		if ((pp = ui_text_part(t, prefix, 0, -1)) < 0)
			return -1;
		pw = text_width(t->parts[pp].s, strlen(t->parts[pp].s));
	}
	if (flags & UI_TEXT_LINES)
		flags |= TEXT_KEEP_NEWLINES;
	if ((part = ui_text_part(t, src, flags & ~(unsigned)UI_TEXT_LINES, spart)) < 0)
		return -1;
	s = t->parts[part].s;
	cols = t->width - indent - pw;
	if (cols < 8)
		cols = 8;
	n = text_wrap(s, strlen(s), cols, &lines);
	if (lines == NULL)
		return -1;
	/* The text's own lines: drop the empty line after a final '\n'. */
	if ((flags & UI_TEXT_LINES) && n > 1 && lines[n - 1].len == 0)
		n--;
	for (size_t i = 0; i < n; i++) {
		int r;

		if (!(flags & UI_TEXT_LINES)) {
			if (i > 0 && lines[i].off > 0 && s[lines[i].off - 1] == '\n' &&
			    lines[i].len > 0 && ui_text_blank(t) != 0) {
				free(lines);
				return -1;
			}
			if (lines[i].len == 0 && i > 0)
				continue;       /* the empty line of "\n\n": already a blank */
		}
		r = ui_text_line(t, i == 0 ? indent : indent + pw, i == 0 ? pp : -1, part,
		    lines[i].off, lines[i].len, style, link);
		if (r != 0) {
			free(lines);
			return -1;
		}
	}
	free(lines);
	return 0;
}

/* Adds a link line "REF  SHORT TITLE" for an item. */
static int
ui_text_link(struct ui_text *t, int indent, const struct fw_item *it)
{
	char *ref;
	int r;

	if (asprintf(&ref, "%s  ", it->ref) < 0)
		return -1;
	r = ui_text_block(t, indent, ref, it->short_title, 0, -1, UI_LINK, it);
	free(ref);
	return r;
}

static const char *
ui_text_bullet(const struct ui *ui)
{
	return ui->utf8 ? "\xe2\x80\xa2 " : "- ";
}

static int
ui_text_footnotes(struct ui_text *t, const struct fw_footnote *fns, size_t n, int spart)
{
	for (size_t i = 0; i < n; i++) {
		char *mark;
		int r;

		if (asprintf(&mark, "%s  ", fns[i].mark) < 0)
			return -1;
		r = ui_text_block(t, 2, mark, fns[i].text, TEXT_KEEP_NEWLINES, spart < 0 ? -1 :
		    spart + (int)i, UI_NORMAL, NULL);
		free(mark);
		if (r != 0)
			return -1;
	}
	return 0;
}

static int
ui_text_build_item(struct ui *ui, const struct fw_item *it)
{
	struct ui_text *t = &ui->text;
	const struct framework *fw = it->fw;
	const char **rel = NULL;
	size_t nrel;
	char *ctx;
	int r, spart = 2;

	/* "REF  SHORT TITLE" (our words), then the context: symbol and heading. */
	if (asprintf(&ctx, "%s  ", it->ref) < 0)
		return -1;
	r = ui_text_block(t, 0, ctx, it->short_title, 0, 0, UI_HEADING, NULL);
	free(ctx);
	if (r != 0)
		return -1;
	if (it->heading != FW_NO_HEADING && it->heading < fw->nheadings)
		r = asprintf(&ctx, "%s%s%s", fw->symbol, ui_sep(ui), fw->headings[it->heading].title);
	else
		r = asprintf(&ctx, "%s", fw->symbol);
	if (r < 0)
		return -1;
	r = ui_text_block(t, 0, NULL, ctx, 0, -1, UI_NORMAL, NULL);
	free(ctx);
	if (r != 0 || ui_text_blank(t) != 0)
		return -1;
	if (ui_text_block(t, 0, NULL, it->text, TEXT_KEEP_NEWLINES, 1, UI_NORMAL, NULL) != 0)
		return -1;
	for (size_t b = 0; b < it->nbullets; b++, spart++)
		if (ui_text_block(t, 2, ui_text_bullet(ui), it->bullets[b], TEXT_KEEP_NEWLINES, spart,
		    UI_NORMAL, NULL) != 0)
			return -1;
	/* What the room said about it: ratings, notes, evidence, actions. */
	if (ui_text_blank(t) != 0 || ui_capture_build(ui, it) != 0)
		return -1;
	if (it->nfootnotes > 0) {
		if (ui_text_blank(t) != 0 ||
		    ui_text_block(t, 0, NULL, _("Footnotes"), 0, -1, UI_HEADING, NULL) != 0 ||
		    ui_text_footnotes(t, it->footnotes, it->nfootnotes, spart) != 0)
			return -1;
	}
	nrel = catalog_related(ui->cat, it->ref, NULL, 0);
	if (nrel > 0) {
		if ((rel = calloc(nrel, sizeof *rel)) == NULL)
			return -1;
		nrel = catalog_related(ui->cat, it->ref, rel, nrel);
		if (ui_text_blank(t) != 0 ||
		    ui_text_block(t, 0, NULL, _("Related (suggested cross-references)"), 0, -1,
		    UI_HEADING, NULL) != 0) {
			free(rel);
			return -1;
		}
		for (size_t i = 0; i < nrel; i++) {
			const struct fw_item *o = catalog_find(ui->cat, rel[i]);

			if (o != NULL && ui_text_link(t, 2, o) != 0) {
				free(rel);
				return -1;
			}
		}
		free(rel);
	}
	return 0;
}

static int
ui_text_build_heading(struct ui *ui, const struct framework *fw, size_t h)
{
	struct ui_text *t = &ui->text;
	const struct fw_heading *hd = &fw->headings[h];
	char *ctx;
	int r;

	if (asprintf(&ctx, "%s%s%s", fw->symbol, ui_sep(ui),
	    fw->short_title != NULL ? fw->short_title : "") < 0)
		return -1;
	r = ui_text_block(t, 0, NULL, ctx, 0, -1, UI_NORMAL, NULL);
	free(ctx);
	if (r != 0 || ui_text_block(t, 0, NULL, hd->title, 0, -1, UI_HEADING, NULL) != 0 ||
	    ui_text_blank(t) != 0)
		return -1;
	for (size_t i = hd->first_item; i < hd->first_item + hd->nitems && i < fw->nitems; i++)
		if (ui_text_link(t, 2, &fw->items[i]) != 0)
			return -1;
	return 0;
}

static int
ui_text_build_fw(struct ui *ui, const struct framework *fw)
{
	struct ui_text *t = &ui->text;
	char *s;
	int r;

	if (fw->adopted != NULL)
		r = asprintf(&s, _("%s, adopted %s"), fw->symbol, fw->adopted);
	else
		r = asprintf(&s, "%s", fw->symbol);
	if (r < 0)
		return -1;
	r = ui_text_block(t, 0, NULL, s, 0, -1, UI_HEADING, NULL);
	free(s);
	if (r != 0 || ui_text_block(t, 0, NULL, fw->title, 0, -1, UI_NORMAL, NULL) != 0 ||
	    ui_text_blank(t) != 0)
		return -1;
	if (ui_text_block(t, 0, NULL, _("Annex"), 0, -1, UI_HEADING, NULL) != 0 ||
	    ui_text_block(t, 0, NULL, fw->annex_title, 0, -1, UI_NORMAL, NULL) != 0)
		return -1;
	if (fw->nfootnotes > 0 &&
	    (ui_text_blank(t) != 0 ||
	    ui_text_block(t, 0, NULL, _("Footnotes"), 0, -1, UI_HEADING, NULL) != 0 ||
	    ui_text_footnotes(t, fw->footnotes, fw->nfootnotes, -1) != 0))
		return -1;
	if (ui_text_blank(t) != 0)
		return -1;
	if (fw->nheadings > 0)
		r = asprintf(&s, P_("%zu item under %zu headings", "%zu items under %zu headings",
		    fw->nitems), fw->nitems, fw->nheadings);
	else
		r = asprintf(&s, P_("%zu item", "%zu items", fw->nitems), fw->nitems);
	if (r < 0)
		return -1;
	r = ui_text_block(t, 0, NULL, s, 0, -1, UI_NORMAL, NULL);
	free(s);
	return r;
}

int
ui_text_add(struct ui *ui, int indent, const char *prefix, const char *src, unsigned flags,
    int style, int ckind, int64_t cid)
{
	struct ui_text *t = &ui->text;
	size_t first = t->nlines;

	if (ui_text_block(t, indent, prefix, src, flags, -1, style, NULL) != 0)
		return -1;
	for (size_t i = first; i < t->nlines; i++) {
		t->lines[i].ckind = ckind;
		t->lines[i].cid = cid;
	}
	return 0;
}

int
ui_text_add_blank(struct ui *ui)
{
	return ui_text_blank(&ui->text);
}

long
ui_text_splice(struct ui *ui, size_t at, size_t from)
{
	struct ui_text *t = &ui->text;
	size_t k = t->nlines - from, rest;
	struct ui_tline *tmp;
	long delta;

	if (at >= from || from > t->nlines)
		return 0;
	if (k > 0 && (tmp = malloc(k * sizeof *tmp)) == NULL) {
		/* Leave the page at the end: out of order, but nothing is lost. */
		return 0;
	}
	rest = from - at - 1;       /* the lines after AT, up to the page */
	if (k > 0) {
		memcpy(tmp, t->lines + from, k * sizeof *tmp);
		memmove(t->lines + at + k, t->lines + at + 1, rest * sizeof *tmp);
		memcpy(t->lines + at, tmp, k * sizeof *tmp);
		free(tmp);
	} else {
		memmove(t->lines + at, t->lines + at + 1, rest * sizeof *t->lines);
	}
	t->nlines = from - 1 + k;
	delta = (long)k - 1;
	if (t->cur > at)
		t->cur = (size_t)((long)t->cur + delta);
	if (t->top > at)
		t->top = (size_t)((long)t->top + delta);
	return delta;
}

int
ui_text_record(const struct ui *ui, int64_t *id)
{
	const struct ui_text *t = &ui->text;

	if (t->cur >= t->nlines || t->lines[t->cur].ckind == 0)
		return 0;
	*id = t->lines[t->cur].cid;
	return t->lines[t->cur].ckind;
}

static void
ui_text_scroll(struct ui *ui)
{
	struct ui_text *t = &ui->text;
	size_t h = ui->w_text != NULL && getmaxy(ui->w_text) > 0 ? (size_t)getmaxy(ui->w_text) : 1;

	if (t->cur >= t->nlines)
		t->cur = t->nlines > 0 ? t->nlines - 1 : 0;
	if (t->top + h > t->nlines)
		t->top = t->nlines > h ? t->nlines - h : 0;
	if (t->cur < t->top)
		t->top = t->cur;
	if (t->cur >= t->top + h)
		t->top = t->cur - h + 1;
}

void
ui_text_sync(struct ui *ui)
{
	struct ui_text *t = &ui->text;
	const struct ui_nav_row *r = ui_nav_current(ui);
	int width, rc = 0, same;

	if (ui->w_text == NULL)
		return;
	width = getmaxx(ui->w_text) - 2 * TEXT_MARGIN;
	if (width > UI_TEXT_MEASURE)
		width = UI_TEXT_MEASURE;
	if (r == NULL) {
		if (t->built)
			return;
		ui_text_clear(t);
		t->built = 1;
		return;
	}
	same = t->kind == (int)r->kind && t->fw == r->fw && t->heading == r->heading &&
	    t->item == r->item;
	if (t->built && same && t->width == width)
		return;
	if (!same)
		t->top = t->cur = 0;
	ui_text_clear(t);
	t->built = 1;
	t->kind = (int)r->kind;
	t->fw = r->fw;
	t->heading = r->heading;
	t->item = r->item;
	t->width = width;
	switch (r->kind) {
	case UI_NAV_FW:
		rc = ui_text_build_fw(ui, ui->cat->fws[r->fw]);
		break;
	case UI_NAV_HEADING:
		rc = ui_text_build_heading(ui, ui->cat->fws[r->fw], r->heading);
		break;
	case UI_NAV_ITEM:
		rc = ui_text_build_item(ui, &ui->cat->fws[r->fw]->items[r->item]);
		break;
	}
	if (rc != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	ui_text_scroll(ui);
	ui_mark(ui, UI_DIRTY_TEXT);
}

/* Draws LEN bytes of part P from OFF at the cursor, the search matches highlighted. */
static int
ui_text_draw_span(struct ui *ui, WINDOW *w, const struct ui_tline *l, int style, int cols)
{
	const struct ui_tpart *p = &ui->text.parts[l->part];
	const struct ui_match *m = NULL;
	size_t nm = 0, at = l->off, end = l->off + l->len;
	int used = 0;

	if (p->spart >= 0 && ui->text.kind == UI_NAV_ITEM)
		nm = ui_search_matches(ui, ui->text.fw, ui->text.item, &m);
	for (size_t i = 0; i < nm && at < end; i++) {
		size_t ms, me;

		if (m[i].spart != p->spart)
			continue;
		ms = m[i].off;
		me = m[i].off + m[i].len;
		if (me <= at || ms >= end)
			continue;
		if (ms < at)
			ms = at;
		if (me > end)
			me = end;
		wattrset(w, ui->style[style]);
		used += ui_put(w, p->s + at, ms - at, cols - used);
		wattrset(w, ui->style[UI_MATCH]);
		used += ui_put(w, p->s + ms, me - ms, cols - used);
		at = me;
	}
	wattrset(w, ui->style[style]);
	used += ui_put(w, p->s + at, end - at, cols - used);
	return used;
}

void
ui_text_draw(struct ui *ui)
{
	struct ui_text *t = &ui->text;
	WINDOW *w = ui->w_text;
	int h = getmaxy(w), width = getmaxx(w);

	ui_text_scroll(ui);
	/* The item's notes and actions come a page at a time: load what comes into view. */
	if (ui_capture_fill(ui, t->top, (size_t)h))
		ui_text_scroll(ui);
	werase(w);
	for (int y = 0; y < h && t->top + (size_t)y < t->nlines; y++) {
		size_t i = t->top + (size_t)y;
		const struct ui_tline *l = &t->lines[i];
		int cursor = ui->focus == UI_PANE_TEXT && i == t->cur;
		int style = cursor ? UI_SELECTED : l->style;
		int x = TEXT_MARGIN + l->indent;

		wmove(w, y, 0);
		wattrset(w, ui->style[cursor ? UI_SELECTED : UI_NORMAL]);
		ui_blank(w, x);
		if (l->prefix >= 0) {
			const char *ps = t->parts[l->prefix].s;

			wattrset(w, ui->style[style]);
			x += ui_put(w, ps, strlen(ps), width - x);
		}
		if (l->part >= 0)
			x += ui_text_draw_span(ui, w, l, style, width - x);
		wattrset(w, ui->style[cursor ? UI_SELECTED : UI_NORMAL]);
		if (cursor)
			ui_blank(w, width - x);
		wattrset(w, A_NORMAL);
	}
	wnoutrefresh(w);
}

static void
ui_text_move(struct ui *ui, size_t cur)
{
	struct ui_text *t = &ui->text;

	if (t->nlines == 0)
		return;
	if (cur >= t->nlines)
		cur = t->nlines - 1;
	t->cur = cur;
	ui_text_scroll(ui);
	ui_mark(ui, UI_DIRTY_TEXT | UI_DIRTY_STATUS);
}

void
ui_text_action(struct ui *ui, enum keys_action a)
{
	struct ui_text *t = &ui->text;
	size_t h = ui->w_text != NULL && getmaxy(ui->w_text) > 1 ? (size_t)getmaxy(ui->w_text) - 1 : 1;

	ui_text_sync(ui);
	switch (a) {
	case KEYS_ACT_UP:
		if (t->cur > 0)
			ui_text_move(ui, t->cur - 1);
		break;
	case KEYS_ACT_DOWN:
		ui_text_move(ui, t->cur + 1);
		break;
	case KEYS_ACT_PAGE_UP:
		t->top = t->top > h ? t->top - h : 0;
		ui_text_move(ui, t->cur > h ? t->cur - h : 0);
		break;
	case KEYS_ACT_PAGE_DOWN:
		t->top += h;
		ui_text_move(ui, t->cur + h);
		break;
	case KEYS_ACT_FIRST:
		ui_text_move(ui, 0);
		break;
	case KEYS_ACT_LAST:
		/* The end of the item: its notes and actions all loaded first. */
		ui_capture_fill_all(ui);
		ui_text_move(ui, t->nlines > 0 ? t->nlines - 1 : 0);
		break;
	case KEYS_ACT_ENTER:
		if (t->cur < t->nlines && t->lines[t->cur].link != NULL) {
			const struct fw_item *it = t->lines[t->cur].link;
			char *ref = ui_clean(it->ref);

			ui_show_item(ui, it);
			if (ref != NULL)
				ui_message(ui, _("Showing %s; Tab goes back to the navigation pane"), ref);
			free(ref);
		} else {
			/* Not on a cross-reference: go to the next one. */
			for (size_t i = t->cur + 1; i < t->nlines; i++) {
				if (t->lines[i].link != NULL) {
					ui_text_move(ui, i);
					return;
				}
			}
			for (size_t i = 0; i < t->cur; i++) {
				if (t->lines[i].link != NULL) {
					ui_text_move(ui, i);
					return;
				}
			}
			ui_message(ui, "%s", _("No cross-reference to follow here"));
		}
		break;
	case KEYS_ACT_COLLAPSE:
		ui->focus = UI_PANE_NAV;
		ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
		break;
	default:
		break;
	}
}

void
ui_text_click(struct ui *ui, int y)
{
	ui_text_sync(ui);
	if (y >= 0 && ui->text.top + (size_t)y < ui->text.nlines)
		ui_text_move(ui, ui->text.top + (size_t)y);
}

void
ui_text_reveal(struct ui *ui, int spart, size_t off)
{
	struct ui_text *t = &ui->text;

	ui_text_sync(ui);
	for (size_t i = 0; i < t->nlines; i++) {
		const struct ui_tline *l = &t->lines[i];

		if (l->part < 0 || t->parts[l->part].spart != spart)
			continue;
		if (off >= l->off && (off < l->off + l->len || i + 1 == t->nlines ||
		    t->lines[i + 1].part != l->part)) {
			ui_text_move(ui, i);
			return;
		}
	}
}
