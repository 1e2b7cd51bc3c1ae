/* summary.c: computes the stock-taking summary from a workbook through the storage API. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datespec.h"
#include "framework.h"
#include "i18n.h"
#include "map.h"
#include "outfile.h"
#include "summary.h"
#include "wb_ahead.h"
#include "summary_doc.h"
#include "util.h"
#include "wb_query.h"

/* CODE's label from a table of code/label pairs; CODE itself when unknown. */
static const char *
summary_lookup(const char *const (*tab)[2], size_t n, const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < n; i++)
		if (strcmp(code, tab[i][0]) == 0)
			return tab[i][1];
	return code;
}

static const char *const summary_priorities[][2] = {
	{ "high", N_("high") }, { "medium", N_("medium") }, { "low", N_("low") },
};
static const char *const summary_statuses[][2] = {
	{ "open", N_("open") }, { "in_progress", N_("in progress") }, { "done", N_("done") },
	{ "dropped", N_("dropped") },
};

const char *
summary_priority_label(const char *code)
{
	return summary_lookup(summary_priorities, 3, code);
}

const char *
summary_status_label(const char *code)
{
	return summary_lookup(summary_statuses, 4, code);
}

const char *
summary_scale_label(const struct summary *s, const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < s->nscale; i++)
		if (strcmp(code, s->scale[i].code) == 0)
			return s->scale[i].label;
	return code;
}

time_t
summary_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e != NULL && *e != '\0') {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0 && v < 253402300800LL)
			return (time_t)v;
	}
	return time(NULL);
}

int
summary_format_parse(const char *name, enum summary_format *out)
{
	static const struct { const char *name; enum summary_format f; } tab[] = {
		{ "text", SUMMARY_TEXT }, { "txt", SUMMARY_TEXT }, { "markdown", SUMMARY_MARKDOWN },
		{ "md", SUMMARY_MARKDOWN }, { "html", SUMMARY_HTML }, { "csv", SUMMARY_CSV },
		{ "json", SUMMARY_JSON },
	};
	size_t i;

	for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strcmp(name, tab[i].name) == 0) {
			*out = tab[i].f;
			return 0;
		}
	return -1;
}

const char *
summary_format_ext(enum summary_format f)
{
	static const char *const ext[] = { "txt", "md", "html", "csv", "json" };

	return ext[f];
}

/* ---- building ---- */

struct summary_ref {
	const char *ref;
	size_t item;
};

struct summary_build {
	struct summary *s;
	struct summary_ref *refs;   /* items by ref, for lookups (kept as s->refidx) */
	size_t nrefs;
	int failed;                 /* out of memory in a callback */
};

static char *
summary_dup(const char *s)
{
	return strdup(s != NULL ? s : "");
}

static int
summary_ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct summary_ref *)a)->ref, ((const struct summary_ref *)b)->ref);
}

static long
summary_ref_find(const struct summary_ref *refs, size_t n, const char *ref)
{
	struct summary_ref key = { ref, 0 }, *r;

	if (ref == NULL || n == 0)
		return -1;
	r = bsearch(&key, refs, n, sizeof *refs, summary_ref_cmp);
	return r != NULL ? (long)r->item : -1;
}

static long
summary_item_find(const struct summary_build *b, const char *ref)
{
	return summary_ref_find(b->refs, b->nrefs, ref);
}

const char *
summary_sh_name(const struct summary *s, size_t sh)
{
	if (sh >= s->map->nsh)
		return "";
	if (s->opts.anonymous)
		return summary_tr(map_cat_label(s->map->sh[sh].cat));
	return s->map->sh[sh].name;
}

static int
summary_scale_cb(const struct wb_scale *sc, void *arg)
{
	struct summary *s = arg;
	struct wb_scale *n = realloc(s->scale, (s->nscale + 1) * sizeof *n);

	if (n == NULL)
		return -1;
	s->scale = n;
	n[s->nscale] = *sc;
	n[s->nscale].code = strdup(sc->code);
	n[s->nscale].label = strdup(sc->label);
	s->nscale++;
	if (n[s->nscale - 1].code == NULL || n[s->nscale - 1].label == NULL)
		return -1;
	return 0;
}

/* 1..5 for a maturity stage (in scale order), 0 otherwise. */
static int
summary_stage(const struct summary *s, const char *code)
{
	size_t i;
	int n = 0;

	if (code == NULL)
		return 0;
	for (i = 0; i < s->nscale; i++) {
		if (s->scale[i].is_stage)
			n++;
		if (strcmp(s->scale[i].code, code) == 0)
			return s->scale[i].is_stage ? n : 0;
	}
	return 0;
}

/* The stages, gap and assessed marks of IT from its current and target codes. */
static void
summary_item_rate(const struct summary *s, struct summary_item *it)
{
	it->cur_stage = summary_stage(s, it->current);
	it->tgt_stage = summary_stage(s, it->target);
	it->not_applicable = it->current != NULL && it->cur_stage == 0 &&
	    strcmp(it->current, "not_assessed") != 0;
	it->assessed = it->cur_stage > 0 || it->not_applicable;
	if (it->cur_stage > 0 && it->tgt_stage > 0)
		it->gap = it->tgt_stage - it->cur_stage;
}

/* Listing callbacks that stop at the first row (to ask "is there any?"). */
static int
summary_stop_note(const struct wb_note *r, void *arg)
{
	(void)r;
	(void)arg;
	return 1;
}

static int
summary_stop_evidence(const struct wb_evidence *r, void *arg)
{
	(void)r;
	(void)arg;
	return 1;
}

static int
summary_stop_action(const struct wb_action *r, void *arg)
{
	(void)r;
	(void)arg;
	return 1;
}

static int
summary_stop_role(const struct wb_role *r, void *arg)
{
	(void)r;
	(void)arg;
	return 1;
}

static int
summary_count_evidence_cb(const struct wb_evidence *e, void *arg)
{
	(void)e;
	++*(size_t *)arg;
	return 0;
}

/* 1 if the workbook holds anything for ref (state, note, evidence, action, role). */
static int
summary_item_used(struct wb *wb, const char *ref)
{
	struct wb_item it;
	int used;

	if (wb_item_get(wb, ref, &it) != 0)
		return -1;
	used = it.current != NULL || it.target != NULL || it.needs_review || it.consensus;
	wb_item_free(&it);
	if (used)
		return 1;
	/* Notes last: listing them sorts all of the item's notes. */
	if (wb_roles_each(wb, ref, summary_stop_role, NULL) == 1 ||
	    wb_evidence_each(wb, ref, summary_stop_evidence, NULL) == 1 ||
	    wb_actions_each(wb, ref, summary_stop_action, NULL) == 1 ||
	    wb_notes_each(wb, ref, summary_stop_note, NULL) == 1)
		return 1;
	return 0;
}

static int
summary_add_heading(struct summary *s, const struct framework *fw, const char *title, int number,
    size_t first, size_t n)
{
	struct summary_heading *h = realloc(s->headings, (s->nheadings + 1) * sizeof *h);

	if (h == NULL)
		return -1;
	s->headings = h;
	h += s->nheadings++;
	memset(h, 0, sizeof *h);
	h->fw = fw;
	h->title = title;
	h->number = number;
	h->first = first;
	h->nitems = n;
	return 0;
}

/* The items assessed and the mean stages of H's items. */
static void
summary_heading_rate(const struct summary *s, struct summary_heading *h)
{
	size_t j, ncur = 0, ntgt = 0;
	double cur = 0, tgt = 0;

	for (j = h->first; j < h->first + h->nitems && j < s->nitems; j++) {
		const struct summary_item *it = &s->items[j];

		h->assessed += (size_t)it->assessed;
		if (it->cur_stage > 0) {
			cur += it->cur_stage;
			ncur++;
		}
		if (it->tgt_stage > 0) {
			tgt += it->tgt_stage;
			ntgt++;
		}
	}
	h->rated = ncur;
	h->cur_mean = ncur > 0 ? cur / (double)ncur : 0;
	h->tgt_mean = ntgt > 0 ? tgt / (double)ntgt : 0;
}

/* The included frameworks (those the workbook holds anything for; all when none), their
 * headings and items with their ratings and evidence counts. */
static int
summary_items(struct summary_build *b)
{
	struct summary *s = b->s;
	const struct catalog *cat = s->cat;
	size_t f, i, total = 0, k = 0;
	int *used = calloc(cat->nfws + 1, sizeof *used), any = 0;

	if (used == NULL)
		return -1;
	for (f = 0; f < cat->nfws; f++) {
		for (i = 0; i < cat->fws[f]->nitems && !used[f]; i++) {
			int u = summary_item_used(s->wb, cat->fws[f]->items[i].ref);

			if (u < 0) {
				free(used);
				return -1;
			}
			used[f] = u;
		}
		any |= used[f];
	}
	s->fws = calloc(cat->nfws + 1, sizeof *s->fws);
	if (s->fws == NULL) {
		free(used);
		return -1;
	}
	for (f = 0; f < cat->nfws; f++)
		if (used[f] || !any) {
			s->fws[s->nfws++] = cat->fws[f];
			total += cat->fws[f]->nitems;
		}
	free(used);
	s->items = calloc(total + 1, sizeof *s->items);
	b->refs = calloc(total + 1, sizeof *b->refs);
	if (s->items == NULL || b->refs == NULL)
		return -1;
	for (f = 0; f < s->nfws; f++) {
		const struct framework *fw = s->fws[f];
		size_t base = k;

		if (fw->nheadings == 0) {
			if (summary_add_heading(s, fw, fw->annex_title, 1, base, fw->nitems) != 0)
				return -1;
		}
		for (i = 0; i < fw->nheadings; i++)
			if (summary_add_heading(s, fw, fw->headings[i].title, (int)i + 1,
			    base + fw->headings[i].first_item, fw->headings[i].nitems) != 0)
				return -1;
		for (i = 0; i < fw->nitems; i++, k++) {
			struct summary_item *it = &s->items[k];
			struct wb_item st;

			it->fw = &fw->items[i];
			if (wb_item_get(s->wb, it->fw->ref, &st) != 0)
				return -1;
			it->current = st.current != NULL ? strdup(st.current) : NULL;
			it->target = st.target != NULL ? strdup(st.target) : NULL;
			it->needs_review = st.needs_review;
			it->consensus = st.consensus;
			wb_item_free(&st);
			if ((st.current != NULL && it->current == NULL) ||
			    (st.target != NULL && it->target == NULL))
				return -1;
			summary_item_rate(s, it);
			if (wb_evidence_each(s->wb, it->fw->ref, summary_count_evidence_cb,
			    &it->nevidence) < 0)
				return -1;
			b->refs[k].ref = it->fw->ref;
			b->refs[k].item = k;
		}
	}
	s->nitems = k;
	b->nrefs = k;
	qsort(b->refs, b->nrefs, sizeof *b->refs, summary_ref_cmp);
	for (i = 0; i < s->nheadings; i++)
		summary_heading_rate(s, &s->headings[i]);
	return 0;
}

/* The bars at a glance: a bar per heading, or per framework on a one-page executive summary
 * with too many headings. */
static int
summary_bars(struct summary *s)
{
	size_t f, k = 0;

	s->bars = s->headings;
	s->nbars = s->nheadings;
	if (!s->opts.executive || s->nheadings <= SUMMARY_EXEC_BARS)
		return 0;
	if ((s->fwbars = calloc(s->nfws + 1, sizeof *s->fwbars)) == NULL)
		return -1;
	for (f = 0; f < s->nfws; f++) {
		const struct framework *fw = s->fws[f];

		if (f < SUMMARY_EXEC_BARS) {
			struct summary_heading *h = &s->fwbars[f];

			h->fw = fw;
			h->title = fw->short_title != NULL ? fw->short_title : fw->annex_title;
			h->first = k;
			h->nitems = fw->nitems;
			summary_heading_rate(s, h);
		}
		k += fw->nitems;
	}
	s->bars = s->fwbars;
	s->nbars = s->nfws < SUMMARY_EXEC_BARS ? s->nfws : SUMMARY_EXEC_BARS;
	s->nbars_more = s->nfws - s->nbars;
	return 0;
}

static int
summary_group_cb(const struct wb_group *g, void *arg)
{
	struct summary *s = arg;
	char **n = realloc(s->groups, (s->ngroups + 1) * sizeof *n);
	int64_t *ids;

	if (n == NULL)
		return -1;
	s->groups = n;
	ids = realloc(s->group_ids, (s->ngroups + 1) * sizeof *ids);
	if (ids == NULL)
		return -1;
	s->group_ids = ids;
	if ((n[s->ngroups] = strdup(g->name)) == NULL)
		return -1;
	ids[s->ngroups++] = g->id;
	return 0;
}

static const char *
summary_group_name(const struct summary *s, int64_t id)
{
	size_t i;

	if (s->opts.anonymous || id == 0)
		return NULL;
	for (i = 0; i < s->ngroups; i++)
		if (s->group_ids[i] == id)
			return s->groups[i];
	return NULL;
}

/* The stakeholder side from the map model: leads, coverage, the role matrix's columns. */
static int
summary_stakeholders(struct summary_build *b, char **err)
{
	struct summary *s = b->s;
	const struct map *m;
	size_t i, h;

	if (map_load(s->wb, s->cat, &s->map, err) != 0)
		return -1;
	m = s->map;
	for (i = 0; i < s->nitems; i++) {
		size_t it = map_find_item(m, s->items[i].fw->ref);

		if (it != MAP_NONE && m->items[it].lead != MAP_NONE)
			s->items[i].lead = summary_sh_name(s, m->items[it].lead);
	}
	for (i = 0; i < MAP_NCATS; i++)
		s->ncategories_present += m->count[i] > 0;
	for (i = 0; i < m->nsh; i++)
		s->nengaged += m->sh[i].nroles > 0;
	s->mcols = calloc(m->nheadings + 1, sizeof *s->mcols);
	if (s->mcols == NULL)
		return -1;
	for (h = 0; h < m->nheadings; h++)
		for (i = 0; i < m->nsh; i++)
			if (map_heading_cell(m, i, h) >= 0) {
				s->mcols[s->nmcols++] = h;
				break;
			}
	return 0;
}

/* Count the actions per item (they are listed, streamed, when written). */
static int
summary_action_count_cb(const char *ref, int64_t all, int64_t open, int64_t overdue, void *arg)
{
	struct summary_build *b = arg;
	struct summary *s = b->s;
	long it = summary_item_find(b, ref);

	s->nactions += (size_t)all;
	s->nplan += (size_t)open;
	s->noverdue += (size_t)overdue;
	if (it >= 0) {
		s->items[it].nactions = (size_t)all;
		s->items[it].nopen = (size_t)open;
	}
	return 0;
}

static int
summary_log_cb(const struct wb_log *l, void *arg)
{
	struct summary *s = arg;
	struct summary_log *n = realloc(s->log, (s->nlog + 1) * sizeof *n);

	if (n == NULL)
		return -1;
	s->log = n;
	n += s->nlog++;
	n->at = summary_dup(l->at);
	n->heading = summary_dup(l->heading);
	n->note = summary_dup(l->note);
	n->started = summary_dup(l->started);
	n->ended = summary_dup(l->ended);
	n->seconds = l->seconds;
	n->group = summary_group_name(s, l->group_id);
	n->consensus = l->consensus;
	return n->at == NULL || n->heading == NULL || n->note == NULL || n->started == NULL ||
	    n->ended == NULL ? -1 : 0;
}

static int
summary_gap_cmp_ctx(const struct summary *s, size_t a, size_t b)
{
	int ga = s->items[a].gap, gb = s->items[b].gap;

	if (ga != gb)
		return gb - ga;
	return a < b ? -1 : a > b;
}

/* Insertion sort of the gap list (items number in the tens or hundreds). */
static void
summary_sort_gaps(struct summary *s)
{
	size_t i, j;

	for (i = 1; i < s->ngaps; i++) {
		size_t v = s->gaps[i];

		for (j = i; j > 0 && summary_gap_cmp_ctx(s, s->gaps[j - 1], v) > 0; j--)
			s->gaps[j] = s->gaps[j - 1];
		s->gaps[j] = v;
	}
}

static int
summary_areas(struct summary *s)
{
	size_t i, n = s->nitems + 1;

	s->gaps = calloc(n, sizeof *s->gaps);
	s->not_assessed = calloc(n, sizeof *s->not_assessed);
	s->no_lead = calloc(n, sizeof *s->no_lead);
	s->no_action = calloc(n, sizeof *s->no_action);
	s->review = calloc(n, sizeof *s->review);
	if (s->gaps == NULL || s->not_assessed == NULL || s->no_lead == NULL ||
	    s->no_action == NULL || s->review == NULL)
		return -1;
	for (i = 0; i < s->nitems; i++) {
		const struct summary_item *it = &s->items[i];

		if (it->not_applicable)
			continue;
		if (!it->assessed)
			s->not_assessed[s->nnot_assessed++] = i;
		if (it->gap > 0)
			s->gaps[s->ngaps++] = i;
		if (it->lead == NULL)
			s->no_lead[s->nno_lead++] = i;
		else
			s->nled++;
		if (it->nactions == 0)
			s->no_action[s->nno_action++] = i;
		if (it->needs_review)
			s->review[s->nreview++] = i;
	}
	summary_sort_gaps(s);
	return 0;
}

static int
summary_other_count_cb(const char *ref, void *arg)
{
	struct summary_build *b = arg;

	b->s->nother += summary_item_find(b, ref) < 0;
	return 0;
}

/* *err for a failed read of S's workbook, unless a callee said more. */
static void
summary_build_err(struct summary *s, char **err)
{
	const char *m = wb_errmsg(s->wb);

	if (*err == NULL)
		*err = m != NULL && *m != '\0' ? util_asprintf("%s", m) :
		    util_asprintf(_("%s: cannot read the workbook (out of memory?); close "
		    "other programs and try again"), wb_path(s->wb));
}

int
summary_build_begin(struct wb *wb, const struct catalog *cat, const struct summary_opts *o,
    struct summary **out, char **err)
{
	struct summary_build b;
	struct summary *s = calloc(1, sizeof *s);
	struct tm tm;

	*out = NULL;
	*err = NULL;
	if (s == NULL) {
		*err = util_asprintf(_("%s: out of memory; close other programs and try again"),
		    wb_path(wb));
		return -1;
	}
	memset(&b, 0, sizeof b);
	b.s = s;
	s->wb = wb;
	s->cat = cat;
	s->opts = *o;
	if (s->opts.width <= 0)
		s->opts.width = 80;
	if (gmtime_r(&s->opts.now, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	strftime(s->printed_at, sizeof s->printed_at, "%Y-%m-%d %H:%M UTC", &tm);
	strftime(s->today, sizeof s->today, "%Y-%m-%d", &tm);
	if (getenv("CIIPWB_TODAY") != NULL)
		datespec_today(s->today);       /* the date tests and the views use */
	if (wb_details_get(wb, &s->details) != 0 ||
	    wb_scale_each(wb, summary_scale_cb, s) != 0 || summary_items(&b) != 0 || summary_bars(s) != 0 ||
	    wb_groups_each(wb, summary_group_cb, s) != 0) {
		summary_build_err(s, err);
		free(b.refs);
		summary_free(s);
		return -1;
	}
	s->refidx = b.refs;
	s->nrefidx = b.nrefs;
	s->partial = 1;
	*out = s;
	return 0;
}

int
summary_build_finish(struct summary *s, char **err)
{
	struct summary_build b;
	struct wb *wb = s->wb;

	*err = NULL;
	memset(&b, 0, sizeof b);
	b.s = s;
	b.refs = s->refidx;
	b.nrefs = s->nrefidx;
	if (wb_live_counts(wb, &s->counts.notes, &s->counts.evidence) != 0 ||
	    summary_stakeholders(&b, err) != 0 ||
	    wb_action_counts_each(wb, s->today, summary_action_count_cb, &b) != 0 ||
	    wb_log_each(wb, summary_log_cb, s) != 0 || summary_areas(s) != 0 ||
	    wb_refs_each(wb, summary_other_count_cb, &b) != 0) {
		summary_build_err(s, err);
		return -1;
	}
	s->partial = 0;
	return 0;
}

int
summary_build(struct wb *wb, const struct catalog *cat, const struct summary_opts *o,
    struct summary **out, char **err)
{
	if (summary_build_begin(wb, cat, o, out, err) != 0)
		return -1;
	if (summary_build_finish(*out, err) != 0) {
		summary_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void
summary_free(struct summary *s)
{
	size_t i;

	if (s == NULL)
		return;
	summary_ahead_end(s);
	wb_details_free(&s->details);
	free(s->fws);
	free(s->headings);
	free(s->fwbars);
	for (i = 0; i < s->nitems; i++) {
		free(s->items[i].current);
		free(s->items[i].target);
	}
	free(s->items);
	for (i = 0; i < s->ngroups; i++)
		free(s->groups[i]);
	free(s->groups);
	free(s->group_ids);
	map_free(s->map);
	free(s->mcols);
	free(s->gaps);
	free(s->not_assessed);
	free(s->no_lead);
	free(s->no_action);
	free(s->review);
	for (i = 0; i < s->nscale; i++) {
		free((char *)s->scale[i].code);
		free((char *)s->scale[i].label);
	}
	free(s->scale);
	for (i = 0; i < s->nlog; i++) {
		free(s->log[i].at);
		free(s->log[i].heading);
		free(s->log[i].note);
		free(s->log[i].started);
		free(s->log[i].ended);
	}
	free(s->log);
	free(s->refidx);
	free(s);
}

/* ---- refs outside the included frameworks ---- */

struct summary_other_ctx {
	struct summary *s;
	int (*cb)(const struct summary_item *, void *);
	void *arg;
};

static int
summary_other_cb(const char *ref, void *arg)
{
	struct summary_other_ctx *c = arg;
	struct summary *s = c->s;
	struct fw_item f;
	struct summary_item it;
	struct wb_item st;
	size_t m;
	int r;

	if (summary_ref_find(s->refidx, s->nrefidx, ref) >= 0)
		return 0;
	memset(&f, 0, sizeof f);
	f.ref = (char *)ref;
	f.number = f.short_title = f.text = (char *)"";
	f.heading = FW_NO_HEADING;
	memset(&it, 0, sizeof it);
	it.fw = &f;
	if (wb_item_get(s->wb, ref, &st) != 0)
		return -1;
	it.current = (char *)st.current;
	it.target = (char *)st.target;
	it.needs_review = st.needs_review;
	it.consensus = st.consensus;
	summary_item_rate(s, &it);
	m = map_find_item(s->map, ref);
	if (m != MAP_NONE && s->map->items[m].lead != MAP_NONE)
		it.lead = summary_sh_name(s, s->map->items[m].lead);
	r = c->cb(&it, c->arg);
	wb_item_free(&st);
	return r;
}

int
summary_others_each(struct summary *s, int (*cb)(const struct summary_item *, void *),
    void *arg)
{
	struct summary_other_ctx c = { s, cb, arg };

	if (s->nother == 0)
		return 0;
	return wb_refs_each(s->wb, summary_other_cb, &c);
}

/* ---- streaming notes and evidence ---- */

struct summary_note_ctx {
	struct summary *s;
	int (*cb)(const struct summary_note *, void *);
	void *arg;
};

static int
summary_note_cb(const struct wb_note *n, void *arg)
{
	struct summary_note_ctx *c = arg;
	struct summary_note sn;

	sn.id = n->id;
	sn.body = n->body;
	sn.group = summary_group_name(c->s, n->group_id);
	sn.created = n->created;
	sn.updated = n->updated;
	return c->cb(&sn, c->arg);
}

int
summary_notes_each(struct summary *s, const char *ref,
    int (*cb)(const struct summary_note *, void *), void *arg)
{
	struct summary_note_ctx c = { s, cb, arg };

	if (s->ahead != NULL)
		return wb_ahead_notes_of(s->ahead, ref, summary_note_cb, &c);
	return wb_summary_notes_of(s->wb, ref, summary_note_cb, &c);
}

void
summary_ahead_begin(struct summary *s)
{
	const char **refs;
	size_t i;

	if (s->ahead != NULL || s->opts.executive || s->nitems == 0 ||
	    (refs = calloc(s->nitems, sizeof *refs)) == NULL)
		return;
	for (i = 0; i < s->nitems; i++)
		refs[i] = s->items[i].fw->ref;
	s->ahead = wb_ahead_start(s->wb, refs, s->nitems);
	free(refs);
}

void
summary_ahead_end(struct summary *s)
{
	wb_ahead_end(s->ahead);
	s->ahead = NULL;
}

struct summary_action_ctx {
	struct summary *s;
	int open;
	int (*cb)(const struct summary_action *, void *);
	void *arg;
};

static int
summary_action_row_cb(const struct wb_action_row *r, void *arg)
{
	struct summary_action_ctx *c = arg;
	struct summary_action a;

	a.id = r->a.id;
	a.ref = r->a.ref;
	a.title = r->a.title;
	a.due = r->a.due != NULL ? r->a.due : "";
	a.priority = r->a.priority != NULL ? r->a.priority : "medium";
	a.status = r->a.status != NULL ? r->a.status : "open";
	a.owner = summary_sh_name(c->s, map_find_id(c->s->map, r->a.owner_id));
	a.overdue = r->overdue;
	a.open = strcmp(a.status, "open") == 0 || strcmp(a.status, "in_progress") == 0;
	if (c->open && !a.open)
		return 0;
	return c->cb(&a, c->arg);
}

int
summary_actions_each(struct summary *s, const char *ref, int open,
    int (*cb)(const struct summary_action *, void *), void *arg)
{
	struct summary_action_ctx c = { s, open, cb, arg };
	struct wb_action_filter f;

	/* One item's actions: a seek on the ref's index (a filter on the whole listing would
	 * read every action once per item), without the owners' join. */
	if (ref != NULL)
		return wb_summary_actions_of(s->wb, ref, s->today, summary_action_row_cb, &c);
	/* The open ones: filtered before the sort, not after it. */
	if (open)
		return wb_actions_open_by_due(s->wb, s->today, 0, summary_action_row_cb, &c);
	memset(&f, 0, sizeof f);
	f.today = s->today;
	return wb_actions_query_rows(s->wb, &f, WB_ACTION_SORT_DUE, summary_action_row_cb, &c);
}

int
summary_actions_soonest(struct summary *s, size_t n,
    int (*cb)(const struct summary_action *, void *), void *arg)
{
	struct summary_action_ctx c = { s, 1, cb, arg };

	/* A sort of the first N only, where the plan sorts them all. */
	return wb_actions_open_by_due(s->wb, s->today, n, summary_action_row_cb, &c);
}

int
summary_evidence_each(struct summary *s, const char *ref,
    int (*cb)(const struct wb_evidence *, void *), void *arg)
{
	return wb_evidence_each(s->wb, ref, cb, arg);
}

/* ---- writing ---- */

int
summary_write(struct summary *s, enum summary_format format, FILE *fp, char **err)
{
	int rc;

	*err = NULL;
	summary_tr_reset();
	switch (format) {
	case SUMMARY_TEXT:
		rc = summary_text_write(s, fp);
		break;
	case SUMMARY_MARKDOWN:
		rc = summary_md_write(s, fp);
		break;
	case SUMMARY_HTML:
		rc = summary_html_write(s, fp);
		break;
	case SUMMARY_CSV:
		rc = summary_csv_write(s, fp);
		break;
	default:
		rc = summary_json_write(s, fp);
		break;
	}
	if (fflush(fp) != 0 || ferror(fp))
		rc = -1;
	if (rc != 0) {
		const char *m = wb_errmsg(s->wb);

		*err = m != NULL && *m != '\0' ? util_asprintf("%s", m) :
		    util_asprintf(_("cannot write the summary: %s"), strerror(errno != 0 ? errno :
		    EIO));
	}
	return rc;
}

struct summary_fill {
	struct summary *s;
	enum summary_format format;
	char *err;
};

static int
summary_fill(FILE *fp, void *arg)
{
	struct summary_fill *f = arg;

	return summary_write(f->s, f->format, fp, &f->err);
}

int
summary_write_stdout(struct summary *s, enum summary_format format, int *ascii, char **err)
{
	struct summary_fill f = { s, format, NULL };

	*err = NULL;
	if (outfile_stdout(summary_fill, &f, ascii) != 0) {
		*err = f.err != NULL ? f.err : util_asprintf(_("cannot write the summary: %s"),
		    strerror(errno != 0 ? errno : EIO));
		return -1;
	}
	free(f.err);
	return 0;
}

int
summary_write_file(struct summary *s, enum summary_format format, const char *path, char **err)
{
	struct summary_fill f = { s, format, NULL };

	*err = NULL;
	if (outfile_write(path, summary_fill, &f, err) != 0) {
		/* A workbook read error says more than the file's. */
		if (f.err != NULL && *wb_errmsg(s->wb) != '\0') {
			free(*err);
			*err = f.err;
		} else {
			free(f.err);
		}
		return -1;
	}
	free(f.err);
	return 0;
}
