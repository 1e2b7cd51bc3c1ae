/* summary_doc.c: walks the summary's parts in order and hands each block to a writer's sink. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "map.h"
#include "summary_doc.h"
#include "text.h"
#include "util.h"
#include "wb_baseline.h"
#include "wb_merge.h"

/* gettext() remembered by msgid address for the strings written once per note, action or
 * stakeholder: a call costs thousands of instructions and the stress workbook's summary made
 * two hundred thousand of them. Forgotten by summary_tr_reset (each write and each step of
 * a walk starts with it: the locale stays as it is during one). */
#define SUMMARY_TR_MAX 64
static struct {
	const char *id, *tr;
} summary_tr_memo[SUMMARY_TR_MAX];
static size_t summary_tr_n;

void
summary_tr_reset(void)
{
	summary_tr_n = 0;
}

const char *
summary_tr(const char *msgid)
{
	const char *tr;
	size_t i;

	for (i = 0; i < summary_tr_n; i++)
		if (summary_tr_memo[i].id == msgid)
			return summary_tr_memo[i].tr;
	tr = _(msgid);
	if (summary_tr_n < SUMMARY_TR_MAX) {
		summary_tr_memo[summary_tr_n].id = msgid;
		summary_tr_memo[summary_tr_n++].tr = tr;
	}
	return tr;
}

const char *
summary_doc_heading_ref(const struct summary_heading *h, char *buf, size_t len)
{
	if (h->fw->nheadings == 0 || h->number == 0)
		snprintf(buf, len, "%s", h->fw->id);
	else
		snprintf(buf, len, "%s #%d", h->fw->id, h->number);
	return buf;
}

const char *
summary_doc_edition(const struct summary *s)
{
	if (!s->opts.anonymous)
		return "";
	return _("Anonymous edition: names, contacts and group tags are left out; "
	    "organisations appear by category only.");
}

const char *
summary_doc_title(const struct summary *s)
{
	const char *t = s->details.title;

	return t != NULL && *t != '\0' ? t : _("CIIP stock-taking summary");
}

/* V in decimal at OUT (no NUL); returns its length. */
static size_t
doc_number(char *out, size_t v)
{
	char buf[24];
	size_t n = 0, i;

	do
		buf[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (i = 0; i < n; i++)
		out[i] = buf[n - 1 - i];
	return n;
}

char *
summary_doc_grid_cell(const struct summary *s, int influence, int interest, size_t max)
{
	size_t n = map_grid_cell(s->map, influence, interest, NULL, 0), i, o = 0, *idx;
	char *out;

	if (n == 0 || max == 0 || (idx = calloc(n, sizeof *idx)) == NULL)
		return NULL;
	map_grid_cell(s->map, influence, interest, idx, n);
	/* Each number and its space in at most 21 bytes, then " +N" and the NUL: one string
	 * written in place (a cell of the stress workbook holds 400 numbers). */
	if ((out = malloc((n < max ? n : max) * 21 + 24)) != NULL) {
		for (i = 0; i < n && i < max; i++) {
			if (i > 0)
				out[o++] = ' ';
			o += doc_number(out + o, idx[i] + 1);
		}
		if (n > max) {
			memcpy(out + o, " +", 2);
			o += 2 + doc_number(out + o + 2, n - max);
		}
		out[o] = '\0';
	}
	free(idx);
	return out;
}

/* "REF  short title" of item I. */
static char *
doc_item_label(const struct summary *s, size_t i)
{
	const struct fw_item *f = s->items[i].fw;

	return util_asprintf("%s  %s", f->ref, f->short_title != NULL ? f->short_title : "");
}

/* The columns of one entry on the executive page: one line of text after a bullet. */
static int
doc_short_cols(const struct summary *s)
{
	return s->opts.width - 4 < 20 ? 20 : s->opts.width - 4;
}

/* TEXT cut to COLS columns (malloc'd; NULL when out of memory), so that the executive summary
 * stays on one page whatever the workbook holds. */
static char *
doc_short(const char *text, int cols)
{
	char *clean = text_sanitize(text, strlen(text), 0);
	char *cut = clean != NULL ? text_ellipsize(clean, strlen(clean), cols) : NULL;

	free(clean);
	return cut;
}

/* One line of an item below its target (malloc'd; NULL when out of memory): its label, its
 * ratings and the gap. COLS > 0 (the executive page): when the line is wider, the item's
 * title is cut, never the ratings or the gap. */
static char *
doc_gap_fmt(const struct summary *s, size_t i, const char *label)
{
	const struct summary_item *it = &s->items[i];

	return util_asprintf(P_("%s: %s, target %s (%d stage)", "%s: %s, target %s (%d stages)",
	    it->gap), label, _(summary_scale_label(s, it->current)),
	    _(summary_scale_label(s, it->target)), it->gap);
}

static char *
doc_gap_line(const struct summary *s, size_t i, int cols)
{
	char *l = doc_item_label(s, i), *g, *cut;
	int over, keep;

	if (l == NULL)
		return NULL;
	g = doc_gap_fmt(s, i, l);
	if (g != NULL && cols > 0 && (over = text_width(g, strlen(g)) - cols) > 0) {
		/* The reference and a few columns of the title stay; else the line is cut. */
		keep = text_width(l, strlen(l)) - over;
		if (keep >= text_width(s->items[i].fw->ref, strlen(s->items[i].fw->ref)) + 6 &&
		    (cut = text_ellipsize(l, strlen(l), keep)) != NULL) {
			free(g);
			g = doc_gap_fmt(s, i, cut);
			free(cut);
		}
		if (g != NULL) {
			cut = doc_short(g, cols);
			free(g);
			g = cut;
		}
	}
	free(l);
	return g;
}

static void
doc_field(const struct summary_sink *k, const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		k->field(k->ctx, label, value);
}

static void
doc_cover(struct summary *s, const struct summary_sink *k)
{
	const struct wb_details *d = &s->details;
	char *dates = NULL, *fws = NULL, *groups = NULL;
	size_t i;

	k->part(k->ctx, "cover", _("Stock-taking summary"));
	k->section(k->ctx, 2, "title", summary_doc_title(s));
	if (s->opts.anonymous)
		k->para(k->ctx, summary_doc_edition(s));
	doc_field(k, _("Country or organisation"), d->country);
	if (*d->date_start != '\0' && *d->date_end != '\0' && strcmp(d->date_start,
	    d->date_end) != 0)
		dates = util_asprintf(_("%s to %s"), d->date_start, d->date_end);
	else
		dates = util_asprintf("%s", *d->date_start != '\0' ? d->date_start : d->date_end);
	doc_field(k, _("Dates"), dates);
	doc_field(k, _("Venue"), d->venue);
	if (!s->opts.anonymous)
		doc_field(k, _("Facilitator"), d->facilitator);
	doc_field(k, _("Printed"), s->printed_at);
	for (i = 0; i < s->nfws; i++) {
		const struct framework *fw = s->fws[i];
		char *n = util_asprintf("%s%s%s (%s)", fws != NULL ? fws : "",
		    fws != NULL ? "; " : "", fw->symbol != NULL ? fw->symbol : fw->id,
		    fw->short_title != NULL ? fw->short_title : fw->annex_title);

		free(fws);
		fws = n;
	}
	doc_field(k, s->nfws == 1 ? _("Framework") : _("Frameworks"), fws);
	if (!s->opts.anonymous) {
		for (i = 0; i < s->ngroups; i++) {
			char *n = util_asprintf("%s%s%s", groups != NULL ? groups : "",
			    groups != NULL ? ", " : "", s->groups[i]);

			free(groups);
			groups = n;
		}
		doc_field(k, _("Breakout groups"), groups);
	}
	free(dates);
	free(fws);
	free(groups);
}

/* One row of an action table; SHORT > 0: its title cut to SHORT columns (the executive
 * page). */
static void
doc_action_row(const struct summary_sink *k, const struct summary_action *a, int shrt)
{
	char *title = util_asprintf("%s%s%s", a->title, *a->owner != '\0' ? " \xe2\x80\x94 " : "",
	    a->owner);
	const char *cells[5];

	if (shrt > 0 && title != NULL) {
		char *t = doc_short(title, shrt);

		free(title);
		title = t;
	}
	cells[0] = *a->due != '\0' ? a->due : summary_tr(N_("no date"));
	cells[1] = a->overdue ? summary_tr(N_("OVERDUE")) :
	    summary_tr(summary_status_label(a->status));
	cells[2] = summary_tr(summary_priority_label(a->priority));
	cells[3] = a->ref;
	cells[4] = title != NULL ? title : a->title;
	k->row(k->ctx, cells);
	free(title);
}

struct doc_rows {
	const struct summary_sink *k;
	size_t n, max;               /* rows written; at most MAX */
	int shrt;                    /* > 0: titles cut to so many columns */
};

static int
doc_action_cb(const struct summary_action *a, void *arg)
{
	struct doc_rows *r = arg;

	doc_action_row(r->k, a, r->shrt);
	return ++r->n >= r->max;
}

static void
doc_action_table(const struct summary_sink *k)
{
	static const int w[5] = { 10, 11, 8, 9, 0 };
	const char *head[5];

	head[0] = _("Due");
	head[1] = _("Status");
	head[2] = _("Priority");
	head[3] = _("Ref");
	head[4] = _("Action \xe2\x80\x94 owner");
	k->table(k->ctx, 5, head, w);
}

static int
doc_executive(struct summary *s, const struct summary_sink *k)
{
	const struct wb_counts *c = &s->counts;
	char *line, *t;
	size_t i;

	k->part(k->ctx, "executive", _("Executive summary"));
	if (s->opts.executive) {
		const struct wb_details *d = &s->details;

		line = util_asprintf(_("%s. %s%s%s%s%sPrinted %s."), summary_doc_title(s),
		    d->country, *d->country != '\0' ? ", " : "", d->date_start,
		    strcmp(d->date_end, d->date_start) != 0 && *d->date_end != '\0' ? "/" : "",
		    strcmp(d->date_end, d->date_start) != 0 ? d->date_end : "", s->printed_at);
		t = line != NULL ? doc_short(line, doc_short_cols(s)) : NULL;
		k->reminder(k->ctx, t != NULL ? t : "");
		free(line);
		free(t);
		if (s->opts.anonymous)
			k->para(k->ctx, summary_doc_edition(s));
	}
	k->section(k->ctx, 2, "glance", _("Ratings at a glance"));
	k->bars(k->ctx, s);
	if (s->bars != s->headings) {
		line = util_asprintf(P_("One bar per framework: the %zu headings do not fit on one "
		    "page (the full summary has a bar per heading); %zu more framework is in the "
		    "full summary.", "One bar per framework: the %zu headings do not fit on one "
		    "page (the full summary has a bar per heading); %zu more frameworks are in the "
		    "full summary.", s->nbars_more), s->nheadings, s->nbars_more);
		if (s->nbars_more == 0) {
			free(line);
			line = util_asprintf(_("One bar per framework: the %zu headings do not fit "
			    "on one page (the full summary has a bar per heading)."), s->nheadings);
		}
		k->para(k->ctx, line != NULL ? line : "");
		free(line);
	}
	k->section(k->ctx, 2, "gaps", _("The largest gaps"));
	if (s->ngaps == 0)
		k->para(k->ctx, _("No item is rated below its target."));
	for (i = 0; i < s->ngaps && i < SUMMARY_NGAPS; i++) {
		char *g = doc_gap_line(s, s->gaps[i], doc_short_cols(s));

		k->bullet(k->ctx, NULL, g != NULL ? g : "");
		free(g);
	}
	k->section(k->ctx, 2, "due", _("Open actions due soonest"));
	if (s->nplan == 0)
		k->para(k->ctx, _("No open actions."));
	else {
		struct doc_rows r = { k, 0, SUMMARY_NDUE, doc_short_cols(s) };

		doc_action_table(k);
		if (summary_actions_soonest(s, SUMMARY_NDUE, doc_action_cb, &r) < 0)
			return -1;
		k->table_end(k->ctx);
	}
	k->section(k->ctx, 2, "coverage", _("Coverage"));
	line = util_asprintf(_("%zu in %zu of 5 categories; %zu hold a role; %zu of %zu applicable "
	    "items have an accountable lead."), s->map->nsh, s->ncategories_present,
	    s->nengaged, s->nled, s->nled + s->nno_lead);
	k->field(k->ctx, _("Stakeholders"), line != NULL ? line : "");
	free(line);
	line = util_asprintf(_("%lld notes, %lld evidence references, %zu actions (%zu open, %zu "
	    "overdue), %zu of %zu items assessed."), (long long)c->notes, (long long)c->evidence,
	    s->nactions, s->nplan, s->noverdue, s->nitems - s->nnot_assessed, s->nitems);
	k->field(k->ctx, _("Captured"), line != NULL ? line : "");
	free(line);
	return 0;
}

struct doc_note_ctx {
	const struct summary_sink *k;
	int any;
};

static int
doc_note_cb(const struct summary_note *n, void *arg)
{
	struct doc_note_ctx *c = arg;

	if (!c->any)
		c->k->label(c->k->ctx, _("Notes"));
	c->any = 1;
	c->k->bullet(c->k->ctx, n->group, n->body);
	return 0;
}

static int
doc_evidence_cb(const struct wb_evidence *e, void *arg)
{
	struct doc_note_ctx *c = arg;
	char *t;

	if (!c->any)
		c->k->label(c->k->ctx, _("Evidence"));
	c->any = 1;
	t = *e->location != '\0' ? util_asprintf("%s (%s)", e->name, e->location) : NULL;
	c->k->bullet(c->k->ctx, NULL, t != NULL ? t : e->name);
	free(t);
	return 0;
}

/* The first paragraph of TEXT (an annex text) as a one-line reminder. */
static void
doc_reminder(const struct summary_sink *k, const char *text)
{
	const char *nl = strchr(text, '\n');
	char *t = nl != NULL ? util_asprintf("%.*s", (int)(nl - text), text) : NULL;

	k->reminder(k->ctx, t != NULL ? t : text);
	free(t);
}

/* What changed since last year's workbook (the baseline), when the workbook has one. */
static int
doc_baseline(struct summary *s, const struct summary_sink *k, const struct summary_item *it)
{
	struct wb_baseline b;
	char *d;

	if (wb_baseline_get(s->wb, it->fw->ref, &b) != 0)
		return -1;
	if (b.ref != NULL) {
		d = wb_baseline_describe(b.current != NULL ? _(summary_scale_label(s, b.current)) :
		    _("not assessed"), it->current != NULL ? _(summary_scale_label(s, it->current)) :
		    NULL, b.since != NULL ? b.since : "", "\xe2\x86\x92");
		doc_field(k, _("Since last time"), d);
		free(d);
	}
	wb_baseline_free(&b);
	return 0;
}

static int
doc_item_action_cb(const struct summary_action *a, void *arg)
{
	struct doc_note_ctx *c = arg;
	const struct summary_sink *k = c->k;
	const char *owner = *a->owner != '\0' ? a->owner : summary_tr(N_("none"));
	const char *prio = summary_tr(summary_priority_label(a->priority));
	const char *status = summary_tr(summary_status_label(a->status));
	char *t = *a->due != '\0' ?
	    util_asprintf(summary_tr(N_("%s (owner: %s; due %s; %s priority; %s)")), a->title,
		owner, a->due, prio, status) :
	    util_asprintf(summary_tr(N_("%s (owner: %s; no due date; %s priority; %s)")),
		a->title, owner, prio, status);

	if (!c->any)
		k->label(k->ctx, _("Actions"));
	c->any = 1;
	k->bullet(k->ctx, a->overdue ? summary_tr(N_("overdue")) : NULL, t != NULL ? t : a->title);
	free(t);
	return 0;
}

/* One item: its heading LABEL (a reminder of its annex text when it has one), rating, marks,
 * lead, notes, evidence and actions. */
static int
doc_item_show(struct summary *s, const struct summary_sink *k, const struct summary_item *it,
    const char *label)
{
	struct doc_note_ctx c;
	char *rating, *marks;

	k->section(k->ctx, 3, it->fw->ref, label != NULL ? label : it->fw->ref);
	if (it->fw->text != NULL && *it->fw->text != '\0')
		doc_reminder(k, it->fw->text);
	rating = util_asprintf(_("current %s, target %s"),
	    it->current != NULL ? _(summary_scale_label(s, it->current)) : _("not assessed"),
	    it->target != NULL ? _(summary_scale_label(s, it->target)) : _("none"));
	k->field(k->ctx, _("Rating"), rating != NULL ? rating : "");
	free(rating);
	if (doc_baseline(s, k, it) != 0)
		return -1;
	marks = util_asprintf("%s%s%s", it->needs_review ? _("needs review") : "",
	    it->needs_review && it->consensus ? ", " : "", it->consensus ? _("consensus") : "");
	doc_field(k, _("Marks"), marks);
	free(marks);
	doc_field(k, _("Accountable lead"), it->lead);
	c.k = k;
	c.any = 0;
	if (summary_notes_each(s, it->fw->ref, doc_note_cb, &c) < 0)
		return -1;
	c.any = 0;
	if (summary_evidence_each(s, it->fw->ref, doc_evidence_cb, &c) < 0)
		return -1;
	c.any = 0;
	return summary_actions_each(s, it->fw->ref, 0, doc_item_action_cb, &c) < 0 ? -1 : 0;
}

static int
doc_item(struct summary *s, const struct summary_sink *k, size_t i)
{
	char *label = doc_item_label(s, i);
	int rc = doc_item_show(s, k, &s->items[i], label);

	free(label);
	return rc;
}

static int
doc_other_cb(const struct summary_item *it, void *arg)
{
	void **a = arg;
	char *label = util_asprintf(_("%s  (not in the loaded frameworks)"), it->fw->ref);
	int rc = doc_item_show(a[0], a[1], it, label);

	free(label);
	return rc;
}

/* What the workbook holds on refs no loaded framework knows: shown, not dropped. */
static int
doc_others(struct summary *s, const struct summary_sink *k)
{
	void *arg[2] = { s, (void *)k };
	char *t;

	if (s->nother == 0)
		return 0;
	k->part(k->ctx, "outside", _("References outside the loaded frameworks"));
	t = util_asprintf(P_("The workbook holds ratings, notes, evidence, actions or roles on "
	    "%zu reference that no framework of this run knows (a framework loaded with -f "
	    "elsewhere, say). It is listed here as recorded; load that framework with -f to "
	    "place it under its headings.", "The workbook holds ratings, notes, evidence, "
	    "actions or roles on %zu references that no framework of this run knows (a framework "
	    "loaded with -f elsewhere, say). They are listed here as recorded; load that "
	    "framework with -f to place them under its headings.", s->nother), s->nother);
	k->para(k->ctx, t != NULL ? t : "");
	free(t);
	return summary_others_each(s, doc_other_cb, arg) < 0 ? -1 : 0;
}

/* One list of the areas for further action. */
static void
doc_area(const struct summary *s, const struct summary_sink *k, const char *anchor,
    const char *title, const char *none, const size_t *idx, size_t n, int gaps)
{
	size_t i;

	k->section(k->ctx, 2, anchor, title);
	if (n == 0)
		k->para(k->ctx, none);
	for (i = 0; i < n; i++) {
		char *l = gaps ? doc_gap_line(s, idx[i], 0) : doc_item_label(s, idx[i]);

		k->bullet(k->ctx, NULL, l != NULL ? l : "");
		free(l);
	}
}

static void
doc_areas(struct summary *s, const struct summary_sink *k)
{
	k->part(k->ctx, "areas", _("Areas for further action"));
	doc_area(s, k, "not-assessed", _("Items not assessed"), _("Every item is assessed."),
	    s->not_assessed, s->nnot_assessed, 0);
	doc_area(s, k, "below-target", _("Items below target, largest gap first"),
	    _("No item is rated below its target."), s->gaps, s->ngaps, 1);
	doc_area(s, k, "no-lead", _("Items with no accountable lead"),
	    _("Every item has an accountable lead."), s->no_lead, s->nno_lead, 0);
	doc_area(s, k, "no-action", _("Items with no action"), _("Every item has an action."),
	    s->no_action, s->nno_action, 0);
	doc_area(s, k, "review", _("Items still marked needs-review"),
	    _("No item is marked needs-review."), s->review, s->nreview, 0);
}

static void
doc_stakeholders(struct summary *s, const struct summary_sink *k)
{
	const struct map *m = s->map;
	size_t c, i, j, nc = s->nmcols;
	const char **cells;
	int *w;

	k->part(k->ctx, "stakeholders", _("Stakeholder map"));
	k->section(k->ctx, 2, "register", _("Register by category"));
	if (m->nsh == 0)
		k->para(k->ctx, _("No stakeholders registered."));
	for (c = 0; c < MAP_NCATS; c++) {
		if (m->count[c] == 0)
			continue;
		k->label(k->ctx, _(map_cat_label((int)c)));
		for (i = 0; i < m->nsh; i++) {
			const struct map_sh *p = &m->sh[i];
			char num[24], *t;

			if (p->cat != (int)c)
				continue;
			snprintf(num, sizeof num, "%zu", i + 1);
			if (s->opts.anonymous)
				t = util_asprintf(summary_tr(N_("influence %d, interest %d, %s")),
				    p->influence, p->interest, summary_tr(map_eng_label(p->eng)));
			else
				t = util_asprintf(summary_tr(N_("%s \xe2\x80\x94 influence %d, "
				    "interest %d, %s%s%s%s%s")), p->name, p->influence, p->interest,
				    summary_tr(map_eng_label(p->eng)),
				    *p->contact != '\0' ? summary_tr(N_("; contact: ")) : "",
				    p->contact, *p->responsibilities != '\0' ?
				    summary_tr(N_("; role: ")) : "", p->responsibilities);
			k->bullet(k->ctx, num, t != NULL ? t : "");
			free(t);
		}
	}
	k->section(k->ctx, 2, "matrix", _("Role matrix"));
	cells = calloc(nc + 1, sizeof *cells);
	w = calloc(nc + 1, sizeof *w);
	if (s->nengaged == 0 || nc == 0 || cells == NULL || w == NULL) {
		k->para(k->ctx, _("No roles recorded."));
	} else {
		char (*lab)[24] = calloc(nc + 1, sizeof *lab);
		char (*let)[2] = calloc(nc + 1, sizeof *let);

		for (j = 0; j < nc && lab != NULL && let != NULL; j++) {
			snprintf(lab[j], sizeof lab[j], "%zu", j + 1);
			cells[j + 1] = lab[j];
			w[j + 1] = 3;
		}
		cells[0] = _("Stakeholder");
		if (lab != NULL && let != NULL) {
			k->table(k->ctx, nc + 1, cells, w);
			for (i = 0; i < m->nsh; i++) {
				char *name;

				if (m->sh[i].nroles == 0)
					continue;
				name = util_asprintf("%zu. %s", i + 1, summary_sh_name(s, i));
				cells[0] = name != NULL ? name : "";
				for (j = 0; j < nc; j++) {
					int r = map_heading_cell(m, i, s->mcols[j]);

					let[j][0] = r >= 0 ? map_role_letter(r) : '.';
					let[j][1] = '\0';
					cells[j + 1] = let[j];
				}
				k->row(k->ctx, cells);
				free(name);
			}
			k->table_end(k->ctx);
		}
		free(lab);
		free(let);
		k->para(k->ctx, _("Each cell is the strongest role on the heading's items: A "
		    "accountable (the lead), R responsible, C consulted, I informed. Columns:"));
		for (j = 0; j < nc; j++) {
			const struct map_heading *h = &m->headings[s->mcols[j]];
			char num[24], *t;

			snprintf(num, sizeof num, "%zu", j + 1);
			t = util_asprintf("%s %s", h->ref, h->title);
			k->bullet(k->ctx, num, t != NULL ? t : "");
			free(t);
		}
	}
	free(cells);
	free(w);
	k->section(k->ctx, 2, "grid", _("Power/interest grid"));
	if (m->nsh == 0)
		k->para(k->ctx, _("No stakeholders registered."));
	else
		k->grid(k->ctx, s);
	if (m->nrels > 0) {
		k->section(k->ctx, 2, "relations", _("Relations between stakeholders"));
		for (i = 0; i < m->nrels; i++) {
			const struct map_rel *r = &m->rels[i];
			char *t = util_asprintf("%s %s %s", summary_sh_name(s, r->from),
			    _(map_kind_label(r->kind)), summary_sh_name(s, r->to));

			k->bullet(k->ctx, NULL, t != NULL ? t : "");
			free(t);
		}
	}
}

static int
doc_plan(struct summary *s, const struct summary_sink *k)
{
	struct doc_rows r = { k, 0, (size_t)-1, 0 };

	k->part(k->ctx, "plan", _("Action plan"));
	if (s->nplan == 0) {
		k->para(k->ctx, _("No open actions."));
		return 0;
	}
	doc_action_table(k);
	if (summary_actions_each(s, NULL, 1, doc_action_cb, &r) < 0)
		return -1;
	k->table_end(k->ctx);
	return 0;
}

static int
doc_conflict_cb(const struct wb_conflict *c, void *arg)
{
	const struct summary_sink *k = ((void **)arg)[0];
	const struct summary *s = ((void **)arg)[1];
	char *t;

	if (s->opts.anonymous)
		t = util_asprintf(_("%s %s: two values, one kept"), c->tbl, c->field);
	else
		t = util_asprintf(_("%s %s%s%s: kept \xe2\x80\x9c%s\xe2\x80\x9d (%s, %s); set aside "
		    "\xe2\x80\x9c%s\xe2\x80\x9d (%s, %s)"), c->tbl, c->field,
		    *c->what != '\0' ? " of " : "", c->what, c->kept, c->kept_source, c->kept_at,
		    c->other, c->other_source, c->other_at);
	k->bullet(k->ctx, *c->ref != '\0' ? c->ref : NULL, t != NULL ? t : "");
	free(t);
	return 0;
}

/* The conflicts merges left open (none: no part). */
static int
doc_conflicts(struct summary *s, const struct summary_sink *k)
{
	void *arg[2] = { (void *)k, s };
	int64_t n = 0;
	char *t;

	if (wb_conflicts_open(s->wb, &n) != 0)
		return -1;
	if (n == 0)
		return 0;
	k->part(k->ctx, "conflicts", _("Open merge conflicts"));
	t = util_asprintf(_("%lld edits from the breakout groups' workbooks disagree and are still "
	    "to be decided (the app's Conflicts view): the workbook keeps the later value until "
	    "then."), (long long)n);
	k->para(k->ctx, t != NULL ? t : "");
	free(t);
	return wb_conflicts_each(s->wb, 1, doc_conflict_cb, arg) < 0 ? -1 : 0;
}

/* "64/211#2" as "64/211 #2 Title", when the heading is one of the summary's. */
static char *
doc_log_heading(const struct summary *s, const char *code)
{
	size_t i;

	for (i = 0; i < s->nheadings; i++) {
		char buf[64];

		snprintf(buf, sizeof buf, "%s#%d", s->headings[i].fw->id, s->headings[i].number);
		if (strcmp(buf, code) == 0)
			return util_asprintf("%s #%d %s", s->headings[i].fw->id,
			    s->headings[i].number, s->headings[i].title);
	}
	return util_asprintf("%s", code);
}

static void
doc_log(struct summary *s, const struct summary_sink *k)
{
	size_t i;

	if (s->nlog == 0)
		return;
	k->part(k->ctx, "log", _("Session log"));
	for (i = 0; i < s->nlog; i++) {
		const struct summary_log *l = &s->log[i];
		char *h = doc_log_heading(s, l->heading), *spent = NULL, *t, *tag;

		if (l->seconds > 0 && *l->started != '\0' && *l->ended != '\0')
			spent = util_asprintf(_("; %lld min, %.5s to %.5s"),
			    (long long)(l->seconds + 59) / 60, l->started + 11, l->ended + 11);
		else if (l->seconds > 0)
			spent = util_asprintf(_("; %lld min"), (long long)(l->seconds + 59) / 60);
		t = util_asprintf("%s%s%s%s%s%s%s", l->group != NULL ? l->group : "",
		    l->group != NULL ? ": " : "", h != NULL ? h : l->heading,
		    l->consensus ? _(" \xe2\x80\x94 consensus") : _(" \xe2\x80\x94 no consensus"),
		    spent != NULL ? spent : "", *l->note != '\0' ? ". " : "", l->note);
		tag = util_asprintf("%.10s %.5s", l->at, strlen(l->at) >= 16 ? l->at + 11 : "");
		k->bullet(k->ctx, tag, t != NULL ? t : "");
		free(spent);
		free(h);
		free(t);
		free(tag);
	}
}

static void
doc_appendix(struct summary *s, const struct summary_sink *k)
{
	size_t f, h, i, j;

	k->part(k->ctx, "appendix", _("Appendix: the annex texts as adopted"));
	for (f = 0; f < s->nfws; f++) {
		const struct framework *fw = s->fws[f];
		char *t = util_asprintf("%s \xe2\x80\x94 %s", fw->symbol != NULL ? fw->symbol :
		    fw->id, fw->annex_title);
		char *a = util_asprintf("annex-%s", fw->id);

		k->section(k->ctx, 2, a != NULL ? a : "annex", t != NULL ? t : fw->annex_title);
		free(t);
		free(a);
		if (fw->title != NULL)
			k->para(k->ctx, fw->title);
		if (fw->adopted != NULL)
			doc_field(k, _("Adopted"), fw->adopted);
		for (j = 0; j < fw->nfootnotes; j++)
			k->bullet(k->ctx, fw->footnotes[j].mark, fw->footnotes[j].text);
		h = FW_NO_HEADING;
		for (i = 0; i < fw->nitems; i++) {
			const struct fw_item *it = &fw->items[i];
			char *l;

			if (it->heading != h && it->heading != FW_NO_HEADING)
				k->label(k->ctx, fw->headings[it->heading].title);
			h = it->heading;
			l = util_asprintf("%s. %s", it->number, it->text);
			k->para(k->ctx, l != NULL ? l : it->text);
			free(l);
			for (j = 0; j < it->nbullets; j++)
				k->bullet(k->ctx, NULL, it->bullets[j]);
			for (j = 0; j < it->nfootnotes; j++)
				k->bullet(k->ctx, it->footnotes[j].mark, it->footnotes[j].text);
		}
	}
}

/* The parts in their order; the items part goes an item at a time. */
enum { DOC_COVER, DOC_EXECUTIVE, DOC_ITEMS, DOC_OTHERS, DOC_AREAS, DOC_STAKEHOLDERS, DOC_PLAN,
	DOC_CONFLICTS, DOC_LOG, DOC_APPENDIX, DOC_DONE };

/* One step of the items part: a heading's section when at its start, then one of its items. */
static int
doc_items_step(struct summary *s, const struct summary_sink *k, struct summary_doc_pos *p)
{
	const struct summary_heading *hd;

	if (p->h == 0 && p->i == 0)
		k->part(k->ctx, "items", _("Ratings, notes and actions by heading"));
	if (p->h >= s->nheadings)
		return 0;
	hd = &s->headings[p->h];
	if (p->i == 0) {
		char ref[64], *t, *anchor;

		summary_doc_heading_ref(hd, ref, sizeof ref);
		t = util_asprintf("%s  %s", ref, hd->title);
		anchor = util_asprintf("h-%s-%d", hd->fw->id, hd->number);
		k->section(k->ctx, 2, anchor != NULL ? anchor : "h", t != NULL ? t : hd->title);
		free(t);
		free(anchor);
	}
	if (p->i < hd->nitems && hd->first + p->i < s->nitems &&
	    doc_item(s, k, hd->first + p->i) != 0)
		return -1;
	if (++p->i >= hd->nitems) {
		p->h++;
		p->i = 0;
	}
	return p->h < s->nheadings;
}

int
summary_doc_step(struct summary *s, const struct summary_sink *k, struct summary_doc_pos *p)
{
	int rc = 0;

	summary_tr_reset();     /* the locale may have changed between two steps */
	switch (p->part) {
	case DOC_COVER:
		if (!s->opts.executive)
			doc_cover(s, k);
		break;
	case DOC_EXECUTIVE:
		if (doc_executive(s, k) != 0)
			return -1;
		if (s->opts.executive)
			p->part = DOC_DONE - 1;
		break;
	case DOC_ITEMS:
		if ((rc = doc_items_step(s, k, p)) < 0)
			return -1;
		break;
	case DOC_OTHERS:
		rc = doc_others(s, k);
		break;
	case DOC_AREAS:
		doc_areas(s, k);
		break;
	case DOC_STAKEHOLDERS:
		doc_stakeholders(s, k);
		break;
	case DOC_PLAN:
		rc = doc_plan(s, k);
		break;
	case DOC_CONFLICTS:
		rc = doc_conflicts(s, k);
		break;
	case DOC_LOG:
		doc_log(s, k);
		break;
	case DOC_APPENDIX:
		doc_appendix(s, k);
		break;
	default:
		return 0;
	}
	if (rc < 0)
		return -1;
	if (rc == 0)
		p->part++;
	return p->part < DOC_DONE;
}

int
summary_doc_walk(struct summary *s, const struct summary_sink *k)
{
	struct summary_doc_pos p;
	int rc;

	memset(&p, 0, sizeof p);
	while ((rc = summary_doc_step(s, k, &p)) > 0)
		;
	return rc;
}
