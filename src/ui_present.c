/* ui_present.c: the presenter view, the selected item alone laid out for a projector. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_present.h"
#include "ui_room.h"
#include "util.h"
#include "wb.h"

#define PRESENT_MAX_COLS 70     /* columns of text at most: wider screens get wider margins */

struct present_line {
	int indent;             /* columns before the text */
	int style;              /* enum ui_style */
	char *s;                /* one line of sanitised text */
};

struct present {
	int notes;              /* show the item's notes instead of its text */
	size_t top;             /* first line shown */
	struct present_line *lines;
	size_t n, cap;
	char *built;            /* what the lines show: "ref|notes|width", NULL = build again */
	char *footer;
	int area;               /* lines shown at the last draw */
};

static struct present *
present_state(const struct ui *ui)
{
	return ui_view_state(ui, &ui_present_view);
}

static void
present_clear(struct present *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->lines[i].s);
	p->n = 0;
	free(p->built);
	free(p->footer);
	p->built = p->footer = NULL;
}

/* Add one line (LEN bytes of S, already sanitised). 0 or -1. */
static int
present_add(struct present *p, int indent, int style, const char *s, size_t len)
{
	if (p->n == p->cap) {
		size_t cap = p->cap != 0 ? p->cap * 2 : 64;
		struct present_line *n = realloc(p->lines, cap * sizeof *n);

		if (n == NULL)
			return -1;
		p->lines = n;
		p->cap = cap;
	}
	if ((p->lines[p->n].s = strndup(s, len)) == NULL)
		return -1;
	p->lines[p->n].indent = indent;
	p->lines[p->n].style = style;
	p->n++;
	return 0;
}

static int
present_blank(struct present *p)
{
	if (p->n == 0 || p->lines[p->n - 1].s[0] == '\0')
		return 0;
	return present_add(p, 0, UI_NORMAL, "", 0);
}

/* Untrusted or official SRC wrapped to COLS after PREFIX (its width is the hanging indent),
 * INDENT columns in. Paragraphs ('\n') are kept. 0 or -1. */
static int
present_wrap(struct present *p, int indent, const char *prefix, const char *src, int cols,
    int style, unsigned flags)
{
	char *pre = ui_clean(prefix != NULL ? prefix : ""), *s = NULL;
	struct text_line *tl = NULL;
	int pw, rc = -1;
	size_t n;

	if (pre == NULL || (s = text_sanitize(src != NULL ? src : "", src != NULL ?
	    strlen(src) : 0, flags)) == NULL)
		goto out;
	pw = text_width(pre, strlen(pre));
	if (cols - pw < 10)
		pw = 0;
	/* The prefix sits on the first line; the others hang under the text. */
	n = text_wrap(s, strlen(s), cols - pw, &tl);
	if (n == 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 && pw > 0) {
			char *first = util_asprintf("%s%.*s", pre, (int)tl[0].len, s + tl[0].off);

			if (first == NULL || present_add(p, indent, style, first, strlen(first)) != 0) {
				free(first);
				goto out;
			}
			free(first);
		} else if (present_add(p, indent + pw, style, s + tl[i].off, tl[i].len) != 0) {
			goto out;
		}
	}
	rc = 0;
out:
	free(tl);
	free(pre);
	free(s);
	return rc;
}

/* The item on show: the selected one, or the first of the selected heading; NULL on a
 * framework's row (its title page). */
static const struct fw_item *
present_item(const struct ui *ui, const struct framework **fwp)
{
	const struct ui_nav_row *row = ui_nav_current(ui);
	const struct framework *fw;

	*fwp = NULL;
	if (row == NULL)
		return NULL;
	fw = *fwp = ui->cat->fws[row->fw];
	if (row->kind == UI_NAV_ITEM)
		return &fw->items[row->item];
	if (row->kind == UI_NAV_HEADING && fw->headings[row->heading].nitems > 0)
		return &fw->items[fw->headings[row->heading].first_item];
	return NULL;
}

static const char *
present_scale_label(const struct ui *ui, const char *code)
{
	for (size_t i = 0; code != NULL && i < ui->cap.nscale; i++)
		if (strcmp(ui->cap.scale[i].code, code) == 0)
			return _(ui->cap.scale[i].label);
	return _("Not assessed");
}

static int
present_count_note(const struct wb_note *n, void *arg)
{
	(void)n;
	++*(size_t *)arg;
	return 0;
}

static int
present_count_action(const struct wb_action *a, void *arg)
{
	(void)a;
	++*(size_t *)arg;
	return 0;
}

/* "Current: Formative · Target: Established · 3 notes · 1 action". */
static char *
present_footer(struct ui *ui, const struct fw_item *it, const struct framework *fw)
{
	const char *sep = ui_sep(ui);
	struct wb_item st;
	size_t notes = 0, actions = 0;
	char *s;

	if (it == NULL && fw->nheadings == 0)
		return util_asprintf(P_("%s%s%zu item", "%s%s%zu items", fw->nitems), fw->symbol,
		    sep, fw->nitems);
	if (it == NULL)
		return util_asprintf(_("%s%s%zu items under %zu headings"), fw->symbol, sep,
		    fw->nitems, fw->nheadings);
	if (ui->wb == NULL)
		return util_asprintf("%s", it->ref);
	if (wb_item_get(ui->wb, it->ref, &st) != 0)
		return NULL;
	(void)wb_notes_each(ui->wb, it->ref, present_count_note, &notes);
	(void)wb_actions_each(ui->wb, it->ref, present_count_action, &actions);
	{
		char *cn = util_asprintf(P_("%zu note", "%zu notes", notes), notes);
		char *ca = util_asprintf(P_("%zu action", "%zu actions", actions), actions);

		s = cn == NULL || ca == NULL ? NULL : util_asprintf(_("Current: %s%sTarget: %s%s%s%s%s"),
		    present_scale_label(ui, st.current), sep, present_scale_label(ui, st.target),
		    sep, cn, sep, ca);
		free(cn);
		free(ca);
	}
	wb_item_free(&st);
	return s;
}

/* Footnotes under a short rule, each after its mark as printed. 0 or -1. */
static int
present_footnotes(struct present *p, const struct fw_footnote *fn, size_t n, int cols)
{
	for (size_t i = 0; i < n; i++) {
		char *mark;

		if (i == 0 && (present_blank(p) != 0 ||
		    present_add(p, 0, UI_NORMAL, "----------", 10) != 0))
			return -1;
		mark = util_asprintf("%s ", fn[i].mark);
		if (mark == NULL || present_wrap(p, 0, mark, fn[i].text, cols, UI_NORMAL, 0) != 0) {
			free(mark);
			return -1;
		}
		free(mark);
	}
	return 0;
}

/* The framework's title page: its symbol, annex title and footnotes. */
static int
present_build_title(struct present *p, const struct framework *fw, int cols)
{
	if (present_wrap(p, 0, NULL, fw->symbol, cols, UI_HEADING, 0) != 0 ||
	    present_blank(p) != 0 ||
	    present_wrap(p, 0, NULL, fw->annex_title, cols, UI_HEADING, 0) != 0)
		return -1;
	if (fw->title != NULL && (present_blank(p) != 0 ||
	    present_wrap(p, 0, NULL, fw->title, cols, UI_NORMAL, 0) != 0))
		return -1;
	return present_footnotes(p, fw->footnotes, fw->nfootnotes, cols);
}

static int
present_build_item(struct ui *ui, struct present *p, const struct fw_item *it, int cols)
{
	const struct framework *fw = it->fw;
	char *pos = ui_room_position(it), *num = NULL, *head;
	const char *htitle = it->heading != FW_NO_HEADING ? fw->headings[it->heading].title :
	    fw->annex_title;
	int rc = -1;

	(void)ui;
	if (pos == NULL)
		return -1;
	head = util_asprintf("%s%s%s", fw->symbol, ui_sep(ui), htitle);
	if (head == NULL || present_wrap(p, 0, NULL, pos, cols, UI_HEADING, 0) != 0 ||
	    present_wrap(p, 0, NULL, head, cols, UI_HEADING, 0) != 0 || present_blank(p) != 0)
		goto out;
	if ((num = util_asprintf("%s. ", it->number)) == NULL)
		goto out;
	/* Paragraphs of the official text: the number before the first. */
	for (const char *s = it->text, *nl; s != NULL && *s != '\0'; s = nl != NULL ? nl + 1 : NULL) {
		char *para;

		nl = strchr(s, '\n');
		para = strndup(s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		if (para == NULL || present_wrap(p, 0, s == it->text ? num : NULL, para, cols,
		    UI_NORMAL, 0) != 0 || (nl != NULL && present_blank(p) != 0)) {
			free(para);
			goto out;
		}
		free(para);
	}
	if (it->nbullets > 0 && present_blank(p) != 0)
		goto out;
	for (size_t i = 0; i < it->nbullets; i++)
		if (present_wrap(p, 2, ui->utf8 ? "\xe2\x80\xa2 " : "- ", it->bullets[i], cols - 2,
		    UI_NORMAL, 0) != 0)
			goto out;
	rc = present_footnotes(p, it->footnotes, it->nfootnotes, cols);
out:
	free(pos);
	free(head);
	free(num);
	return rc;
}

struct present_notes {
	struct ui *ui;
	struct present *p;
	int cols, rc;
	size_t n;
	struct ui_room_groups groups;   /* to tag each note with its group */
};

/* Each note as the room said it, after its group's name when it has one. */
static int
present_note_cb(const struct wb_note *n, void *arg)
{
	struct present_notes *pn = arg;
	const char *group = ui_room_group_name(&pn->groups, n->group_id);

	if (present_blank(pn->p) != 0 || (group[0] != '\0' &&
	    present_wrap(pn->p, 0, NULL, group, pn->cols, UI_LINK, 0) != 0) ||
	    present_wrap(pn->p, 0, NULL, n->body, pn->cols, UI_NORMAL, TEXT_KEEP_NEWLINES) != 0) {
		pn->rc = -1;
		return 1;
	}
	pn->n++;
	return 0;
}

static int
present_build_notes(struct ui *ui, struct present *p, const struct fw_item *it, int cols)
{
	struct present_notes pn = { ui, p, cols, 0, 0, { NULL, NULL, 0 } };
	char *pos = ui_room_position(it), *title;
	int rc = 0;

	if (pos == NULL)
		return -1;
	title = util_asprintf(_("Notes on %s"), pos);
	free(pos);
	if (title == NULL || present_wrap(p, 0, NULL, title, cols, UI_HEADING, 0) != 0 ||
	    present_wrap(p, 0, NULL, it->short_title, cols, UI_HEADING, 0) != 0) {
		free(title);
		return -1;
	}
	free(title);
	if (ui->wb != NULL && (ui_room_groups_load(ui, &pn.groups) != 0 ||
	    wb_notes_each(ui->wb, it->ref, present_note_cb, &pn) < 0))
		ui_room_error(ui);
	if (pn.rc != 0)
		rc = -1;
	else if (pn.n == 0 && (present_blank(p) != 0 ||
	    present_wrap(p, 0, NULL, _("No notes on this item yet."), cols, UI_NORMAL, 0) != 0))
		rc = -1;
	ui_room_groups_free(&pn.groups);
	return rc;
}

/* Build the lines for COLS columns when what is shown changed. */
static int
present_build(struct ui *ui, struct present *p, int cols)
{
	const struct framework *fw;
	const struct fw_item *it = present_item(ui, &fw);
	char *key;
	int rc;

	if (fw == NULL)
		return 0;
	key = util_asprintf("%s|%d|%d", it != NULL ? it->ref : fw->id, p->notes, cols);
	if (key == NULL)
		return -1;
	if (p->built != NULL && strcmp(p->built, key) == 0) {
		free(key);
		return 0;
	}
	if (p->built == NULL || strncmp(p->built, key, strcspn(key, "|") + 2) != 0)
		p->top = 0;
	present_clear(p);
	p->built = key;
	if (it == NULL)
		rc = present_build_title(p, fw, cols);
	else if (p->notes)
		rc = present_build_notes(ui, p, it, cols);
	else
		rc = present_build_item(ui, p, it, cols);
	if (rc == 0 && (p->footer = present_footer(ui, it, fw)) == NULL)
		rc = -1;
	return rc;
}

/* ---- the view ---- */

static int
present_open(struct ui *ui, void **state)
{
	const struct ui_nav_row *row = ui_nav_current(ui);

	if (*state == NULL && (*state = calloc(1, sizeof(struct present))) == NULL)
		return -1;
	/* On a heading: its first item. */
	if (row != NULL && row->kind == UI_NAV_HEADING) {
		const struct framework *fw = ui->cat->fws[row->fw];

		if (fw->headings[row->heading].nitems > 0)
			ui_show_item(ui, &fw->items[fw->headings[row->heading].first_item]);
	}
	free(((struct present *)*state)->built);
	((struct present *)*state)->built = NULL;
	return 0;
}

static void
present_close(struct ui *ui, void *state)
{
	struct present *p = state;

	(void)ui;
	p->notes = 0;
}

static void
present_free(void *state)
{
	struct present *p = state;

	if (p == NULL)
		return;
	present_clear(p);
	free(p->lines);
	free(p);
}

static void
present_draw(struct ui *ui, void *state)
{
	struct present *p = state;
	WINDOW *w = ui->w_view;
	int h = getmaxy(w), wd = getmaxx(w), cols, lm, tp, area, fr;

	werase(w);
	cols = wd - 4 < PRESENT_MAX_COLS ? wd - 4 : PRESENT_MAX_COLS;
	if (cols < 20)
		cols = wd;
	lm = (wd - cols) / 2;
	if (present_build(ui, p, cols) != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	fr = h >= 8 ? 2 : 0;
	tp = h >= 40 ? h / 8 : h >= 16 ? 1 : 0;
	area = h - tp - fr;
	if (area < 1)
		area = 1;
	p->area = area;
	if (p->n <= (size_t)area)
		p->top = 0;
	else if (p->top > p->n - (size_t)area)
		p->top = p->n - (size_t)area;
	for (int y = 0; y < area && p->top + (size_t)y < p->n; y++) {
		const struct present_line *l = &p->lines[p->top + (size_t)y];

		wattrset(w, ui->style[l->style]);
		wmove(w, tp + y, lm + l->indent);
		ui_put(w, l->s, strlen(l->s), cols - l->indent);
	}
	wattrset(w, A_NORMAL);
	if (fr > 0) {
		int more_up = p->top > 0, more_down = p->top + (size_t)area < p->n;

		wmove(w, h - 2, lm);
		for (int x = 0; x < cols; x++)
			waddstr(w, ui->utf8 ? "\xe2\x94\x80" : "-");
		if (more_up || more_down) {
			const char *m = more_up && more_down ? _(" more above and below (j/k) ") :
			    more_up ? _(" more above (k) ") : _(" more below (j) ");
			int mw = text_width(m, strlen(m));

			wattrset(w, ui->style[UI_ALERT]);
			wmove(w, h - 2, lm + cols - mw > lm ? lm + cols - mw : lm);
			ui_put(w, m, strlen(m), cols);
			wattrset(w, A_NORMAL);
		}
		if (p->footer != NULL) {
			char *f = ui_clean(p->footer);

			wattrset(w, ui->style[UI_HEADING]);
			wmove(w, h - 1, lm);
			if (f != NULL)
				ui_put(w, f, strlen(f), cols);
			free(f);
			wattrset(w, A_NORMAL);
		}
	}
	wnoutrefresh(w);
}

/* Step to item I of the framework on show (clamped); -1 is its title page. */
static void
present_goto(struct ui *ui, const struct framework *fw, long i)
{
	if (fw->nitems == 0 || i < 0) {
		ui_room_select_row(ui, ui_fw_index(ui, fw), FW_NO_HEADING);
		return;
	}
	if ((size_t)i >= fw->nitems)
		i = (long)fw->nitems - 1;
	ui_show_item(ui, &fw->items[i]);
}

static int
present_action(struct ui *ui, void *state, enum keys_action a)
{
	struct present *p = state;
	const struct framework *fw;
	const struct fw_item *it = present_item(ui, &fw);
	long cur = it != NULL ? (long)it->index : -1;

	if (fw == NULL)
		return UI_VIEW_PASS;
	switch (a) {
	case KEYS_ACT_PRESENT_NEXT:
		/* After an annex's last item comes the next annex's title page. */
		if (cur + 1 < (long)fw->nitems)
			present_goto(ui, fw, cur + 1);
		else if (ui_fw_index(ui, fw) + 1 < ui->cat->nfws)
			present_goto(ui, ui->cat->fws[ui_fw_index(ui, fw) + 1], -1);
		else
			ui_message(ui, "%s", _("This is the last item; q goes back to the browser"));
		break;
	case KEYS_ACT_PRESENT_PREV:
		if (cur >= 0) {
			present_goto(ui, fw, cur - 1);
		} else if (ui_fw_index(ui, fw) > 0) {
			const struct framework *prev = ui->cat->fws[ui_fw_index(ui, fw) - 1];

			present_goto(ui, prev, (long)prev->nitems - 1);
		} else {
			ui_message(ui, "%s", _("This is the first page"));
		}
		break;
	case KEYS_ACT_PRESENT_FIRST:
		present_goto(ui, fw, 0);
		break;
	case KEYS_ACT_PRESENT_LAST:
		present_goto(ui, fw, (long)fw->nitems - 1);
		break;
	case KEYS_ACT_PRESENT_NOTES:
		p->notes = !p->notes;
		p->top = 0;
		break;
	case KEYS_ACT_UP:
		if (p->top > 0)
			p->top--;
		break;
	case KEYS_ACT_DOWN:
		if (p->top + (size_t)p->area < p->n)
			p->top++;
		break;
	default:
		return UI_VIEW_PASS;
	}
	ui_mark(ui, UI_DIRTY_VIEW | UI_DIRTY_STATUS);
	return UI_VIEW_HANDLED;
}

static void
present_resize(struct ui *ui, void *state)
{
	struct present *p = state;

	(void)ui;
	if (p == NULL)
		return;
	free(p->built);
	p->built = NULL;
}

static char *
present_position(struct ui *ui, void *state)
{
	struct present *p = state;
	const struct framework *fw;
	const struct fw_item *it = present_item(ui, &fw);
	char *pos, *s;

	if (fw == NULL)
		return NULL;
	if (it == NULL)
		return ui_clean(fw->symbol);
	if ((pos = ui_room_position(it)) == NULL)
		return NULL;
	s = p->notes ? util_asprintf("%s%s%s%s%s", it->ref, ui_sep(ui), pos, ui_sep(ui),
	    _("notes")) : util_asprintf("%s%s%s", it->ref, ui_sep(ui), pos);
	free(pos);
	return s;
}

static void
present_reload(struct ui *ui, void *state)
{
	present_resize(ui, state);
}

const struct ui_view_ops ui_present_view = {
	.name = "presenter",
	.opener = KEYS_ACT_PRESENT,
	.title = N_("Presenter"),
	.list = 0,
	.open = present_open,
	.close = present_close,
	.free = present_free,
	.draw = present_draw,
	.action = present_action,
	.resize = present_resize,
	.position = present_position,
	.reload = present_reload,
};

int
ui_present_showing_notes(const struct ui *ui)
{
	const struct present *p = present_state(ui);

	return p != NULL && p->notes;
}

void
ui_present_show_notes(struct ui *ui, int on)
{
	struct present *p = present_state(ui);

	if (p != NULL && p->notes != (on != 0)) {
		p->notes = on != 0;
		p->top = 0;
		ui_mark(ui, UI_DIRTY_VIEW | UI_DIRTY_STATUS);
	}
}
