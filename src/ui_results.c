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
#include "ui_results.h"
#include "ui_stake.h"
#include "wb.h"
#include "wb_search.h"

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
	v->more = 0;
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
	if ((hit->label = ui_results_label(c->ui, h->ref)) == NULL ||
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
	struct ui_results_ctx c = { ui, v, 0 };
	int r;

	ui_results_clear(v);
	v->query = ui_clean(query);
	if (ui->wb == NULL) {
		ui_results_fail(ui, v, _("Searching notes, evidence and actions needs a"
		    " workbook: ciipwb --workbook FILE"));
		return -1;
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

static int
ui_results_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_results *v = state;
	long page = ui->rows > 10 ? (ui->rows - 6) / 2 : 1;

	switch (a) {
	case KEYS_ACT_RESULTS_SHOW:
		if (v->sel >= v->n)
			break;
		if (v->hits[v->sel].ref == NULL) {
			/* A stakeholder belongs to no item: its own view. */
			ui_stake_show(ui, v->hits[v->sel].id);
			break;
		}
		{
			char *ref = strdup(v->hits[v->sel].ref);

			if (ref == NULL) {
				ui->failed = ui->quit = 1;
				break;
			}
			/* Shown in the browser: every view above it closes. */
			ui_view_pop_to(ui, 1);
			(void)ui_actions_show_ref(ui, ref);
			free(ref);
		}
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
		if (per == 2) {
			snprintf(line, sizeof line, "    %s", h->snippet);
			ui_results_line(w, y + 1, cols, sel ? ui->style[UI_SELECTED] :
			    ui->style[UI_NORMAL], line);
		}
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
	int was_open = 0, n;

	for (size_t d = 0; d < ui->depth; d++)
		was_open |= ui->stack[d] == &ui_results_view;
	if (ui_view_push(ui, &ui_results_view) != 0)
		return;
	/* Nothing found (or the search failed): the message line says so, and the view is not
	 * left open for it. */
	n = ui_results_run(ui, ui_view_state(ui, &ui_results_view), query);
	if (n == 0) {
		char *q = ui_clean(query);

		ui_message(ui, _("Nothing found for \"%s\": try fewer or shorter words"),
		    q != NULL ? q : "");
		free(q);
	}
	if (n <= 0 && !was_open)
		ui_view_pop(ui);
}
