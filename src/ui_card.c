/* ui_card.c: the stakeholder card view: one stakeholder's details, roles and actions. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datespec.h"
#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_card.h"
#include "util.h"
#include "wb.h"
#include "wb_query.h"

struct card_line {
	char *s;                /* sanitised, one screen line */
	int style;              /* enum ui_style */
};

struct card {
	int64_t id;             /* the stakeholder shown */
	struct card_line *lines;
	size_t n, top;
	int width;              /* the width the lines were made for (0: make them again) */
	int oom;
};

static const char *const card_cat_codes[] = { "national_government", "other_government",
	"non_governmental", "individual_citizens", "international_partner" };
static const char *const card_cat_labels[] = { N_("National government"),
	N_("Other government"), N_("Non-governmental"), N_("Individual citizens"),
	N_("International partner") };

static void
card_clear(struct card *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->lines[i].s);
	free(c->lines);
	c->lines = NULL;
	c->n = 0;
}

/* Add untrusted TEXT wrapped to the width, after INDENT blanks; "" adds a blank line. */
static void
card_add(struct card *c, int indent, const char *text, int style)
{
	struct text_line *wl = NULL;
	char *clean = ui_clean(text);
	size_t nw;

	if (clean == NULL) {
		c->oom = 1;
		return;
	}
	nw = clean[0] == '\0' ? 0 : text_wrap(clean, strlen(clean), c->width - indent > 10 ?
	    c->width - indent : 10, &wl);
	if (nw == 0) {
		/* a blank line */
		struct card_line *l = realloc(c->lines, (c->n + 1) * sizeof *l);

		if (l == NULL || (l[c->n].s = strdup("")) == NULL) {
			if (l != NULL)
				c->lines = l;
			c->oom = 1;
		} else {
			c->lines = l;
			l[c->n++].style = style;
		}
	}
	for (size_t i = 0; i < nw && !c->oom; i++) {
		struct card_line *l = realloc(c->lines, (c->n + 1) * sizeof *l);

		if (l == NULL) {
			c->oom = 1;
			break;
		}
		c->lines = l;
		if (asprintf(&l[c->n].s, "%*s%.*s", indent, "", (int)wl[i].len,
		    clean + wl[i].off) < 0) {
			c->oom = 1;
			break;
		}
		l[c->n++].style = style;
	}
	free(wl);
	free(clean);
}

struct card_ctx {
	struct ui *ui;
	struct card *c;
	size_t n;
};

static int
card_role_cb(const struct wb_role *r, void *arg)
{
	struct card_ctx *x = arg;
	const struct fw_item *it;
	char *s;

	if (r->stakeholder_id != x->c->id)
		return 0;
	it = catalog_find(x->ui->cat, r->ref);
	s = util_asprintf("%s %s %s", r->role, r->ref, it != NULL && it->short_title != NULL ?
	    it->short_title : "");
	if (s == NULL)
		return 1;
	card_add(x->c, 2, s, UI_NORMAL);
	free(s);
	x->n++;
	return x->c->oom;
}

static int
card_action_cb(const struct wb_action_row *r, void *arg)
{
	struct card_ctx *x = arg;
	char *s = util_asprintf("%s %s %s %s", r->a.due[0] != '\0' ? r->a.due : "-",
	    r->a.status, r->a.ref != NULL ? r->a.ref : "", r->a.title != NULL ? r->a.title : "");

	if (s == NULL)
		return 1;
	card_add(x->c, 2, s, r->overdue ? UI_ALERT : UI_NORMAL);
	free(s);
	x->n++;
	return x->c->oom;
}

/* Make the lines of the card for WIDTH columns. */
static void
card_build(struct ui *ui, struct card *c, int width)
{
	struct wb_stakeholder sh;
	struct wb_action_filter f;
	struct card_ctx x = { ui, c, 0 };
	char today[11], *s;
	const char *cat = NULL;

	card_clear(c);
	c->width = width;
	c->oom = 0;
	if (ui->wb == NULL || wb_stakeholder_get(ui->wb, c->id, &sh) != 0) {
		card_add(c, 0, ui->wb != NULL ? wb_errmsg(ui->wb) :
		    _("No workbook is open"), UI_ALERT);
		return;
	}
	for (size_t i = 0; i < sizeof card_cat_codes / sizeof card_cat_codes[0]; i++)
		if (sh.category != NULL && strcmp(sh.category, card_cat_codes[i]) == 0)
			cat = _(card_cat_labels[i]);
	card_add(c, 0, sh.name, UI_HEADING);
	s = util_asprintf(_("%s · influence %d of 5 · interest %d of 5 · engagement: %s"),
	    cat != NULL ? cat : sh.category != NULL ? sh.category : "", sh.influence,
	    sh.interest, sh.engagement != NULL ? sh.engagement : "");
	card_add(c, 0, s != NULL ? s : "", UI_NORMAL);
	free(s);
	if (sh.contact != NULL && sh.contact[0] != '\0') {
		card_add(c, 0, "", UI_NORMAL);
		card_add(c, 0, _("Contact"), UI_HEADING);
		card_add(c, 2, sh.contact, UI_NORMAL);
	}
	if (sh.responsibilities != NULL && sh.responsibilities[0] != '\0') {
		card_add(c, 0, "", UI_NORMAL);
		card_add(c, 0, _("Responsibilities"), UI_HEADING);
		card_add(c, 2, sh.responsibilities, UI_NORMAL);
	}
	wb_stakeholder_free(&sh);
	card_add(c, 0, "", UI_NORMAL);
	card_add(c, 0, _("Roles"), UI_HEADING);
	if (wb_roles_each(ui->wb, NULL, card_role_cb, &x) < 0)
		card_add(c, 2, wb_errmsg(ui->wb), UI_ALERT);
	else if (x.n == 0)
		card_add(c, 2, _("none"), UI_NORMAL);
	card_add(c, 0, "", UI_NORMAL);
	card_add(c, 0, _("Actions owned"), UI_HEADING);
	memset(&f, 0, sizeof f);
	datespec_today(today);
	f.owner_id = c->id;
	f.today = today;
	x.n = 0;
	if (wb_actions_query_rows(ui->wb, &f, WB_ACTION_SORT_DUE, card_action_cb, &x) < 0)
		card_add(c, 2, wb_errmsg(ui->wb), UI_ALERT);
	else if (x.n == 0)
		card_add(c, 2, _("none"), UI_NORMAL);
}

static int
card_open(struct ui *ui, void **state)
{
	struct card *c = *state;

	(void)ui;
	if (c == NULL && (c = *state = calloc(1, sizeof *c)) == NULL)
		return -1;
	c->top = 0;
	c->width = 0;
	return 0;
}

static void
card_free(void *state)
{
	if (state != NULL)
		card_clear(state);
	free(state);
}

static void
card_draw(struct ui *ui, void *state)
{
	struct card *c = state;
	WINDOW *w = ui->w_view;
	int rows = getmaxy(w), width = getmaxx(w) - 2;

	if (c->width != width) {
		card_build(ui, c, width);
		if (c->oom) {
			ui->failed = ui->quit = 1;
			return;
		}
	}
	if (c->top + (size_t)rows > c->n)
		c->top = c->n > (size_t)rows ? c->n - (size_t)rows : 0;
	for (int y = 0; y < rows && c->top + (size_t)y < c->n; y++) {
		const struct card_line *l = &c->lines[c->top + (size_t)y];

		wattrset(w, ui->style[l->style]);
		wmove(w, y, 1);
		ui_put(w, l->s, strlen(l->s), width);
	}
	wattrset(w, A_NORMAL);
}

static int
card_action(struct ui *ui, void *state, enum keys_action a)
{
	struct card *c = state;

	return ui_view_scroll(ui, &c->top, c->n, a);
}

static void
card_forget(struct ui *ui, void *state)
{
	(void)ui;
	((struct card *)state)->width = 0;
}

static char *
card_position(struct ui *ui, void *state)
{
	struct card *c = state;
	size_t rows = ui->w_view != NULL ? (size_t)getmaxy(ui->w_view) : 0;

	if (c->n <= rows)
		return NULL;
	return util_asprintf(_("lines %zu-%zu of %zu"), c->top + 1,
	    c->top + rows < c->n ? c->top + rows : c->n, c->n);
}

const struct ui_view_ops ui_card_view = {
	.name = "stakeholder",
	.title = N_("Stakeholder"),
	.list = 0,
	.open = card_open,
	.close = ui_view_nothing,
	.free = card_free,
	.draw = card_draw,
	.action = card_action,
	.resize = card_forget,
	.position = card_position,
	.reload = card_forget,
};

void
ui_card_show(struct ui *ui, int64_t id)
{
	struct card *c;

	if (ui_view_push(ui, &ui_card_view) != 0)
		return;
	if ((c = ui_view_state(ui, &ui_card_view)) != NULL) {
		c->id = id;
		c->top = 0;
		c->width = 0;
	}
}
