/* ui_results.c: the search results view: hits in the annexes and in everything captured. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_browser.h"
#include "ui_stake.h"
#include "ui_results.h"
#include "ui_stake.h"
#include "wb.h"
#include "wb_search.h"

#define UI_RESULTS_MARKS 32    /* matches highlighted in one snippet at most */

static const char *const ui_results_kinds[] = { "annex", "note", "evidence", "action",
	"stakeholder", "log" };
static const char *const ui_results_kind_labels[] = { N_("annex"), N_("note"),
	N_("evidence"), N_("action"), N_("stakeholder"), N_("session log") };
#define UI_RESULTS_NKINDS 6

struct ui_results_hit {
	int kind;               /* index into ui_results_kinds, -1 unknown */
	int64_t id;
	char *ref;              /* raw ref for jumping, NULL for stakeholders */
	char *label;            /* sanitised: "64/211:5 Short title" */
	char *snippet;          /* sanitised, one line */
};

struct ui_results {
	struct ui_results_hit *hits;
	size_t n, sel, top;
	char *query;            /* sanitised */
	char *error;            /* sanitised */
	int more;               /* 1: the limit cut the list */
	int shown;              /* 1: the selected hit was shown (n goes on from it) */
};

struct ui_results *
ui_results_new(void)
{
	return calloc(1, sizeof(struct ui_results));
}

static void
ui_results_clear(struct ui_results *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->hits[i].ref);
		free(v->hits[i].label);
		free(v->hits[i].snippet);
	}
	free(v->hits);
	v->hits = NULL;
	v->n = v->sel = v->top = 0;
	v->more = v->shown = 0;
	free(v->query);
	free(v->error);
	v->query = v->error = NULL;
}

void
ui_results_free(struct ui_results *v)
{
	if (v == NULL)
		return;
	ui_results_clear(v);
	free(v);
}

struct ui_results_ctx {
	struct ui *ui;
	struct ui_results *v;
	int nomem;
	const char *pinned;     /* the item the query names, listed first, not again */
};

/* "REF Short title" for a hit (the short title when REF is an annex item). */
static char *
ui_results_label(const struct ui *ui, const char *ref)
{
	const struct fw_item *it;
	char *s = NULL, *out;

	if (ref == NULL)
		return strdup("");
	it = ui->cat != NULL ? catalog_find(ui->cat, ref) : NULL;
	if (it != NULL && it->short_title != NULL) {
		if (asprintf(&s, "%s %s", ref, it->short_title) < 0)
			return NULL;
	} else if ((s = strdup(ref)) == NULL) {
		return NULL;
	}
	out = ui_clean(s);
	free(s);
	return out;
}

static int
ui_results_cb(const struct wb_hit *h, void *arg)
{
	struct ui_results_ctx *c = arg;
	struct ui_results *v = c->v;
	struct ui_results_hit *hit;
	int k;

	if (c->pinned != NULL && v->n > 0 && h->kind != NULL && strcmp(h->kind, "annex") == 0 &&
	    h->ref != NULL && strcmp(h->ref, c->pinned) == 0)
		return 0;
	if (v->n == UI_RESULTS_LIMIT) {
		v->more = 1;
		return 1;
	}
	if (v->hits == NULL &&
	    (v->hits = calloc(UI_RESULTS_LIMIT, sizeof *v->hits)) == NULL)
		goto nomem;
	hit = &v->hits[v->n];
	hit->kind = -1;
	for (k = 0; k < UI_RESULTS_NKINDS; k++)
		if (h->kind != NULL && strcmp(h->kind, ui_results_kinds[k]) == 0)
			hit->kind = k;
	hit->id = h->id;
	if (h->ref != NULL && (hit->ref = strdup(h->ref)) == NULL)
		goto nomem;
	if (h->ref == NULL && hit->kind >= 0 &&
	    strcmp(ui_results_kinds[hit->kind], "stakeholder") == 0 && c->ui->wb != NULL) {
		/* A stakeholder is named by its name (a few per search: one look-up each). */
		struct wb_stakeholder sh;

		if (wb_stakeholder_get(c->ui->wb, h->id, &sh) == 0) {
			hit->label = ui_clean(sh.name);
			wb_stakeholder_free(&sh);
		} else {
			hit->label = strdup("");
		}
	} else {
		hit->label = ui_results_label(c->ui, h->ref);
	}
	if (hit->label == NULL ||
	    (hit->snippet = ui_clean(h->snippet)) == NULL) {
		free(hit->ref);
		free(hit->label);
		hit->ref = hit->label = NULL;
		goto nomem;
	}
	v->n++;
	return 0;
nomem:
	c->nomem = 1;
	return 1;
}

static void
ui_results_fail(struct ui *ui, struct ui_results *v, const char *msg)
{
	free(v->error);
	v->error = ui_clean(msg);
	ui_message(ui, "%s", v->error != NULL ? v->error : "");
}

int
ui_results_run(struct ui *ui, struct ui_results *v, const char *query)
{
	struct ui_results_ctx c = { ui, v, 0, NULL };
	const struct fw_item *it;
	int r;

	ui_results_clear(v);
	v->query = ui_clean(query);
	if (ui->wb == NULL) {
		ui_results_fail(ui, v, _("Searching notes, evidence and actions needs a"
		    " workbook: ciipwb --workbook FILE"));
		return -1;
	}
	/* A search for a reference finds that item first. */
	if ((it = ui_browser_ref_item(ui, query != NULL ? query : "")) != NULL) {
		struct wb_hit h = { "annex", 0, it->ref, it->text != NULL ? it->text : "", 0 };

		ui_results_cb(&h, &c);
		c.pinned = it->ref;
	}
	/* one more than the limit, to know whether there are more */
	r = wb_search(ui->wb, query != NULL ? query : "", UI_RESULTS_LIMIT + 1,
	    ui_results_cb, &c);
	if (c.nomem) {
		ui_results_fail(ui, v, _("Out of memory: close other programs and search"
		    " again."));
		return -1;
	}
	if (r < 0) {
		ui_results_fail(ui, v, wb_errmsg(ui->wb));
		return -1;
	}
	return (int)v->n;
}

size_t
ui_results_count(const struct ui_results *v)
{
	return v->n;
}

int
ui_results_selected(const struct ui_results *v, const char **kind, int64_t *id,
    const char **ref)
{
	const struct ui_results_hit *h;

	if (v->sel >= v->n)
		return -1;
	h = &v->hits[v->sel];
	if (kind != NULL)
		*kind = h->kind >= 0 ? ui_results_kinds[h->kind] : "";
	if (id != NULL)
		*id = h->id;
	if (ref != NULL)
		*ref = h->ref;
	return 0;
}

static void
ui_results_move(struct ui_results *v, long d)
{
	long s = (long)v->sel + d;

	if (v->n == 0)
		return;
	if (s < 0)
		s = 0;
	if (s >= (long)v->n)
		s = (long)v->n - 1;
	v->sel = (size_t)s;
}

/* The spans of SNIPPET (sanitised) that match a word of QUERY (sanitised), in order: up
 * to MAX (offset, length) pairs; returns their number. */
static size_t
ui_results_marks(const char *query, const char *snippet, size_t *off, size_t *len, size_t max)
{
	size_t n = 0;
	char word[UI_SEARCH_MAX + 1];

	for (const char *p = query; *p != '\0' && n < max;) {
		size_t k, at = 0, l;
		long o;

		p += strspn(p, " ");
		k = strcspn(p, " ");
		if (k == 0 || k >= sizeof word)
			break;
		memcpy(word, p, k);
		word[k] = '\0';
		p += k;
		while (n < max && (o = ui_search_find(snippet, at, word, &l)) >= 0) {
			size_t i = n;

			/* keep them sorted by offset */
			while (i > 0 && off[i - 1] > (size_t)o) {
				off[i] = off[i - 1];
				len[i] = len[i - 1];
				i--;
			}
			off[i] = (size_t)o;
			len[i] = l;
			n++;
			at = (size_t)o + l;
		}
	}
	return n;
}

/* Put the text cursor on the line of the text pane that shows the captured record (CKIND,
 * ID) and the focus there; 0, or -1 when the item shows no such line. */
static int
ui_results_reveal_record(struct ui *ui, int ckind, int64_t id)
{
	struct ui_text *t = &ui->text;
	size_t h = ui->w_text != NULL && getmaxy(ui->w_text) > 0 ? (size_t)getmaxy(ui->w_text) : 1;
	int filled = 0;

	ui_text_sync(ui);
	for (size_t i = 0; i < t->nlines; i++) {
		if (!filled && t->lines[i].ckind == UI_CAP_MORE) {
			/* The item's records come a page at a time: load them all, then look. */
			ui_capture_fill_all(ui);
			filled = 1;
			i = (size_t)-1;
			continue;
		}
		if (t->lines[i].ckind != ckind || t->lines[i].cid != id)
			continue;
		t->cur = i;
		/* a third of the pane above it, for the context */
		t->top = i > h / 3 ? i - h / 3 : 0;
		ui->focus = UI_PANE_TEXT;
		ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
		return 0;
	}
	return -1;
}

/* Show hit I where it is: a stakeholder in its own view, anything else in the browser (every view
 * above it closes), its item with the text cursor on the note, evidence or action found, or
 * on the first match in the annex text. */
static void
ui_results_show(struct ui *ui, struct ui_results *v, size_t i, int jump)
{
	const struct ui_results_hit *h;
	char *ref;

	if (i >= v->n)
		return;
	v->sel = i;
	v->shown = 1;
	h = &v->hits[i];
	if (h->kind >= 0 && strcmp(ui_results_kinds[h->kind], "stakeholder") == 0) {
		ui_stake_show(ui, h->id);
		ui_message(ui, _("Hit %zu of %zu for \"%s\"%s"), i + 1, v->n,
		    v->query != NULL ? v->query : "", _("; q goes back"));
		return;
	}
	if (h->ref == NULL) {
		ui_message(ui, "%s", _("This hit belongs to no item; it is in the list of results"
		    " only"));
		return;
	}
	if ((ref = strdup(h->ref)) == NULL) {
		ui->failed = ui->quit = 1;
		return;
	}
	ui_view_pop_to(ui, 1);
	if (jump)
		ui_browser_mark(ui);
	if (ui_actions_show_ref(ui, ref) == 0) {
		static const int ckinds[] = { 0, UI_CAP_NOTE, UI_CAP_EVIDENCE, UI_CAP_ACTION };
		const struct ui_nav_row *r = ui_nav_current(ui);
		const struct ui_match *m;

		if (h->kind > 0 && h->kind < (int)(sizeof ckinds / sizeof ckinds[0]))
			(void)ui_results_reveal_record(ui, ckinds[h->kind], h->id);
		else if (r != NULL && r->kind == UI_NAV_ITEM &&
		    ui_search_matches(ui, r->fw, r->item, &m) > 0)
			ui_text_reveal(ui, m->spart, m->off);
		ui_message(ui, _("Hit %zu of %zu for \"%s\"%s"), i + 1, v->n,
		    v->query != NULL ? v->query : "", jump ? _("; q goes back, n and N to the next"
		    " and previous hit") : "");
	}
	free(ref);
}

int
ui_results_step(struct ui *ui, int dir)
{
	struct ui_results *v = ui_view_state(ui, &ui_results_view);

	if (ui->wb == NULL || v == NULL || v->query == NULL)
		return -1;
	if (v->n == 0) {
		ui_message(ui, _("No hit for \"%s\""), v->query);
		return 0;
	}
	if (v->sel >= v->n)
		v->sel = 0;
	/* After the results were closed without showing one, n shows the selected hit. */
	if (dir > 0)
		ui_results_show(ui, v, v->shown ? (v->sel + 1) % v->n : v->sel, 0);
	else
		ui_results_show(ui, v, (v->sel + v->n - 1) % v->n, 0);
	return 0;
}

static int
ui_results_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_results *v = state;
	long page = ui->rows > 10 ? (ui->rows - 6) / 2 : 1;

	switch (a) {
	case KEYS_ACT_RESULTS_SHOW:
		ui_results_show(ui, v, v->sel, 1);
		break;
	case KEYS_ACT_UP:
		ui_results_move(v, -1);
		break;
	case KEYS_ACT_DOWN:
		ui_results_move(v, 1);
		break;
	case KEYS_ACT_PAGE_UP:
		ui_results_move(v, -page);
		break;
	case KEYS_ACT_PAGE_DOWN:
		ui_results_move(v, page);
		break;
	case KEYS_ACT_FIRST:
		v->sel = 0;
		break;
	case KEYS_ACT_LAST:
		v->sel = v->n > 0 ? v->n - 1 : 0;
		break;
	default:
		return UI_VIEW_PASS;
	}
	return UI_VIEW_HANDLED;
}

/* Draw S at row Y, padded to COLS columns, in ATTR. */
static void
ui_results_line(WINDOW *w, int y, int cols, attr_t attr, const char *s)
{
	char *p = text_pad(s, strlen(s), cols);

	wmove(w, y, 0);
	wattrset(w, attr);
	if (p != NULL)
		waddstr(w, p);
	else
		ui_blank(w, cols);
	free(p);
	wattrset(w, A_NORMAL);
}

/* The snippet of hit H on row Y, indented: the part around the first match, which starts a
 * third into the line, with every match of the query's words highlighted. */
static void
ui_results_snippet(struct ui *ui, const struct ui_results *v, const struct ui_results_hit *h,
    WINDOW *w, int y, int cols, int sel)
{
	size_t off[UI_RESULTS_MARKS], len[UI_RESULTS_MARKS], nm, from = 0, at, n;
	attr_t base = sel ? ui->style[UI_SELECTED] : ui->style[UI_NORMAL];
	const char *s = h->snippet, *ell = ui->utf8 ? "\xe2\x80\xa6" : "...";
	int width = cols - 4, x = 0, before;

	ui_results_line(w, y, cols, base, "");
	if (width <= 0)
		return;
	n = strlen(s);
	nm = ui_results_marks(v->query != NULL ? v->query : "", s, off, len, UI_RESULTS_MARKS);
	wmove(w, y, 4);
	wattrset(w, base);
	before = nm > 0 ? text_width(s, off[0]) : 0;
	if (before > width / 3) {
		/* Skip the start so that the first match begins a third into the line. */
		from = text_fit(s, off[0], before - width / 3 + text_width(ell, strlen(ell)),
		    NULL);
		while (from < off[0] && s[from] == ' ')
			from++;
		x += ui_put(w, ell, strlen(ell), width);
	}
	/* An ellipsis at the end when the rest does not fit. */
	if (text_width(s + from, n - from) > width - x)
		width -= text_width(ell, strlen(ell));
	for (at = from; at < n && x < width;) {
		size_t i, end = n;
		int mark = 0;

		for (i = 0; i < nm; i++) {
			if (off[i] + len[i] <= at)
				continue;
			if (off[i] <= at) {
				mark = 1;
				end = off[i] + len[i];
			} else if (off[i] < end && !mark) {
				end = off[i];
			}
			break;
		}
		{
			int used = 0;
			size_t fit = text_fit(s + at, end - at, width - x, &used);

			wattrset(w, mark ? ui->style[UI_MATCH] : base);
			if (fit > 0)
				waddnstr(w, s + at, (int)fit);
			x += used;
			at += fit;
			if (at < end)
				break;
		}
	}
	if (at < n) {
		wattrset(w, base);
		ui_put(w, ell, strlen(ell), cols - 4 - x);
	}
	wattrset(w, A_NORMAL);
}

void
ui_results_draw(struct ui *ui, struct ui_results *v, WINDOW *w)
{
	int rows, cols, y, per;
	char line[1024];
	size_t i, shown;

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	if (v->more)
		snprintf(line, sizeof line, _("Search \"%s\": the first %d hits (there are"
		    " more: add words to narrow it)"), v->query != NULL ? v->query : "",
		    UI_RESULTS_LIMIT);
	else
		snprintf(line, sizeof line, P_("Search \"%s\": %zu hit", "Search \"%s\": %zu hits",
		    v->n), v->query != NULL ? v->query : "", v->n);
	ui_results_line(w, 0, cols, ui->style[UI_HEADING], line);
	if (rows < 2)
		goto done;
	if (v->error != NULL || v->n == 0) {
		ui_results_line(w, 1, cols, ui->style[v->error != NULL ? UI_ALERT : UI_NORMAL],
		    v->error != NULL ? v->error : _("Nothing found: try fewer or shorter words."));
		goto done;
	}
	/* two lines per hit when there is room, else one */
	per = rows - 1 >= 4 ? 2 : 1;
	shown = (size_t)((rows - 1) / per);
	if (shown == 0)
		goto done;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + shown)
		v->top = v->sel - shown + 1;
	for (i = 0, y = 1; i < shown && v->top + i < v->n; i++, y += per) {
		const struct ui_results_hit *h = &v->hits[v->top + i];
		int sel = v->top + i == v->sel;
		const char *kind = h->kind >= 0 ? _(ui_results_kind_labels[h->kind]) : "?";

		snprintf(line, sizeof line, "%s%s%s", kind, h->label[0] != '\0' ?
		    ui_sep(ui) : "", h->label);
		ui_results_line(w, y, cols, sel ? ui->style[UI_SELECTED] :
		    ui->style[UI_HEADING], line);
		if (per == 2)
			ui_results_snippet(ui, v, h, w, y + 1, cols, sel);
	}
done:
	wnoutrefresh(w);
}

/* ---- the view ---- */

static int
ui_results_view_open(struct ui *ui, void **state)
{
	(void)ui;
	if (*state == NULL && (*state = ui_results_new()) == NULL)
		return -1;
	return 0;
}

static void
ui_results_view_free(void *state)
{
	ui_results_free(state);
}

static void
ui_results_view_draw(struct ui *ui, void *state)
{
	ui_results_draw(ui, state, ui->w_view);
}

static char *
ui_results_view_position(struct ui *ui, void *state)
{
	struct ui_results *v = state;
	char *s = NULL;

	(void)ui;
	if (v->n == 0)
		return NULL;
	if (asprintf(&s, _("hit %zu of %zu"), v->sel + 1, v->n) < 0)
		return NULL;
	return s;
}

const struct ui_view_ops ui_results_view = {
	.name = "results",
	.title = N_("Search"),
	.list = 1,
	.open = ui_results_view_open,
	.close = ui_view_nothing,
	.free = ui_results_view_free,
	.draw = ui_results_view_draw,
	.action = ui_results_action,
	.resize = ui_view_nothing,
	.position = ui_results_view_position,
	.reload = ui_view_nothing,   /* the hits stay as they were found */
};

void
ui_results_search(struct ui *ui, const char *query)
{
	struct ui_results *v;
	int was_open = 0, n;

	for (size_t d = 0; d < ui->depth; d++)
		was_open |= ui->stack[d] == &ui_results_view;
	if (ui_view_push(ui, &ui_results_view) != 0)
		return;
	v = ui_view_state(ui, &ui_results_view);
	/* Nothing found (or the search failed): the message line says so, and the view is not
	 * left open for it. */
	n = ui_results_run(ui, v, query);
	if (n == 0)
		ui_message(ui, _("Nothing found for \"%s\": try fewer or shorter words"),
		    v->query != NULL ? v->query : "");
	else if (n > 0)
		ui_message(ui, P_("%d hit for \"%s\": Enter shows it; then n and N go through the"
		    " hits", "%d hits for \"%s\": Enter shows one; then n and N go through them", n),
		    n, v->query != NULL ? v->query : "");
	if (n <= 0 && !was_open)
		ui_view_pop(ui);
}
