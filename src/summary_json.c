/* summary_json.c: the workbook content and the computed summary as one JSON document (ciipwb(5)). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "map.h"
#include "summary_doc.h"
#include "text.h"
#include "wb_baseline.h"
#include "wb_merge.h"

/*
 * Strings are sanitised like every other output (valid UTF-8, no control or bidi characters
 * but newlines), then escaped: '"', '\\', controls as \uXXXX, and '<', '>', '&' as \u003c,
 * \u003e, \u0026 so the document stays inert even pasted into HTML. Keys (random 63-bit
 * integers) are strings: JSON numbers lose precision beyond 2^53.
 */

struct js {
	FILE *fp;
	int first;                  /* no member yet in the current object or array */
	int depth;
};

static void
js_str(FILE *fp, const char *s)
{
	char *clean = text_sanitize(s != NULL ? s : "", s != NULL ? strlen(s) : 0,
	    TEXT_KEEP_NEWLINES);
	const unsigned char *p;

	fputc('"', fp);
	for (p = (const unsigned char *)(clean != NULL ? clean : ""); *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
	free(clean);
}

static void
js_sep(struct js *j)
{
	if (!j->first)
		fputc(',', j->fp);
	fputc('\n', j->fp);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->fp);
	j->first = 0;
}

static void
js_key(struct js *j, const char *key)
{
	js_sep(j);
	if (key != NULL) {
		js_str(j->fp, key);
		fputs(": ", j->fp);
	}
}

static void
js_open(struct js *j, const char *key, char c)
{
	js_key(j, key);
	fputc(c, j->fp);
	j->first = 1;
	j->depth++;
}

static void
js_close(struct js *j, char c)
{
	j->depth--;
	if (!j->first) {
		fputc('\n', j->fp);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->fp);
	}
	fputc(c, j->fp);
	j->first = 0;
}

static void
js_s(struct js *j, const char *key, const char *v)
{
	js_key(j, key);
	if (v == NULL)
		fputs("null", j->fp);
	else
		js_str(j->fp, v);
}

static void
js_i(struct js *j, const char *key, long long v)
{
	js_key(j, key);
	fprintf(j->fp, "%lld", v);
}

static void
js_b(struct js *j, const char *key, int v)
{
	js_key(j, key);
	fputs(v ? "true" : "false", j->fp);
}

static void
js_f(struct js *j, const char *key, double v)
{
	js_key(j, key);
	fprintf(j->fp, "%.2f", v);
}

static void
js_id(struct js *j, const char *key, int64_t id)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%lld", (long long)id);
	js_s(j, key, buf);
}

static void
js_refs(struct js *j, const char *key, const struct summary *s, const size_t *idx, size_t n)
{
	size_t i;

	js_open(j, key, '[');
	for (i = 0; i < n; i++)
		js_s(j, NULL, s->items[idx[i]].fw->ref);
	js_close(j, ']');
}

static int
js_action_cb(const struct summary_action *a, void *arg)
{
	struct js *j = arg;

	js_open(j, NULL, '{');
	js_id(j, "id", a->id);
	js_s(j, "ref", a->ref);
	js_s(j, "title", a->title);
	js_s(j, "owner", *a->owner != '\0' ? a->owner : NULL);
	js_s(j, "due", *a->due != '\0' ? a->due : NULL);
	js_s(j, "priority", a->priority);
	js_s(j, "status", a->status);
	js_b(j, "overdue", a->overdue);
	js_close(j, '}');
	return 0;
}

/* Only the key, up to LIMIT of them. */
struct js_ids {
	struct js *j;
	size_t n, limit;
};

static int
js_action_id_cb(const struct summary_action *a, void *arg)
{
	struct js_ids *c = arg;

	js_id(c->j, NULL, a->id);
	return ++c->n >= c->limit;
}

static int
js_action_limit_cb(const struct summary_action *a, void *arg)
{
	struct js_ids *c = arg;

	js_action_cb(a, c->j);
	return ++c->n >= c->limit;
}

static int
js_note_cb(const struct summary_note *n, void *arg)
{
	struct js *j = arg;

	js_open(j, NULL, '{');
	js_id(j, "id", n->id);
	js_s(j, "group", n->group);
	js_s(j, "body", n->body);
	js_s(j, "created", n->created);
	js_s(j, "updated", n->updated);
	js_close(j, '}');
	return 0;
}

static int
js_evidence_cb(const struct wb_evidence *e, void *arg)
{
	struct js *j = arg;

	js_open(j, NULL, '{');
	js_id(j, "id", e->id);
	js_s(j, "name", e->name);
	js_s(j, "location", e->location);
	js_s(j, "created", e->created);
	js_close(j, '}');
	return 0;
}

static void
js_headings(struct js *j, const struct summary *s)
{
	size_t i, k;

	js_open(j, "headings", '[');
	for (i = 0; i < s->nheadings; i++) {
		const struct summary_heading *h = &s->headings[i];

		js_open(j, NULL, '{');
		js_s(j, "framework", h->fw->id);
		js_i(j, "number", h->number);
		js_s(j, "title", h->title);
		js_i(j, "items", (long long)h->nitems);
		js_i(j, "assessed", (long long)h->assessed);
		js_f(j, "current_mean", h->cur_mean);
		js_f(j, "target_mean", h->tgt_mean);
		js_open(j, "refs", '[');
		for (k = h->first; k < h->first + h->nitems && k < s->nitems; k++)
			js_s(j, NULL, s->items[k].fw->ref);
		js_close(j, ']');
		js_close(j, '}');
	}
	js_close(j, ']');
}

/* The item's baseline (last year's ratings), or null. */
static int
js_baseline(struct js *j, struct summary *s, const char *ref)
{
	struct wb_baseline b;

	if (wb_baseline_get(s->wb, ref, &b) != 0)
		return -1;
	if (b.ref == NULL) {
		js_s(j, "baseline", NULL);
	} else {
		js_open(j, "baseline", '{');
		js_s(j, "current", b.current);
		js_s(j, "target", b.target);
		js_s(j, "since", b.since);
		js_close(j, '}');
	}
	wb_baseline_free(&b);
	return 0;
}

static int
js_conflict_cb(const struct wb_conflict *c, void *arg)
{
	struct js *j = ((void **)arg)[0];
	const struct summary *s = ((void **)arg)[1];

	js_open(j, NULL, '{');
	js_s(j, "table", c->tbl);
	js_s(j, "ref", c->ref);
	js_s(j, "field", c->field);
	if (!s->opts.anonymous) {
		js_s(j, "what", c->what);
		js_s(j, "kept", c->kept);
		js_s(j, "kept_source", c->kept_source);
		js_s(j, "kept_at", c->kept_at);
		js_s(j, "other", c->other);
		js_s(j, "other_source", c->other_source);
		js_s(j, "other_at", c->other_at);
	}
	js_close(j, '}');
	return 0;
}

/* One item: its state, baseline, notes, evidence and action keys. */
static int
js_item(struct js *j, struct summary *s, const struct summary_item *it)
{
	struct js_ids ids = { j, 0, (size_t)-1 };

	js_open(j, NULL, '{');
	js_s(j, "ref", it->fw->ref);
	js_s(j, "short_title", it->fw->short_title);
	js_s(j, "current", it->current);
	js_s(j, "target", it->target);
	js_i(j, "gap", it->gap);
	js_b(j, "needs_review", it->needs_review);
	js_b(j, "consensus", it->consensus);
	js_s(j, "lead", it->lead);
	if (js_baseline(j, s, it->fw->ref) != 0)
		return -1;
	js_open(j, "notes", '[');
	if (summary_notes_each(s, it->fw->ref, js_note_cb, j) < 0)
		return -1;
	js_close(j, ']');
	js_open(j, "evidence", '[');
	if (summary_evidence_each(s, it->fw->ref, js_evidence_cb, j) < 0)
		return -1;
	js_close(j, ']');
	js_open(j, "actions", '[');
	if (summary_actions_each(s, it->fw->ref, 0, js_action_id_cb, &ids) < 0)
		return -1;
	js_close(j, ']');
	js_close(j, '}');
	return 0;
}

static int
js_other_cb(const struct summary_item *it, void *arg)
{
	void **a = arg;

	return js_item(a[0], a[1], it);
}

static int
js_items(struct js *j, struct summary *s)
{
	void *arg[2] = { j, s };
	size_t i;

	js_open(j, "items", '[');
	for (i = 0; i < s->nitems; i++)
		if (js_item(j, s, &s->items[i]) != 0)
			return -1;
	js_close(j, ']');
	/* Refs no loaded framework knows, in the same form (short_title ""). */
	js_open(j, "outside_frameworks", '[');
	if (summary_others_each(s, js_other_cb, arg) < 0)
		return -1;
	js_close(j, ']');
	return 0;
}

static void
js_stakeholders(struct js *j, const struct summary *s)
{
	const struct map *m = s->map;
	size_t i, r;

	js_open(j, "stakeholders", '[');
	for (i = 0; i < m->nsh; i++) {
		const struct map_sh *p = &m->sh[i];

		js_open(j, NULL, '{');
		js_i(j, "number", (long long)i + 1);
		if (!s->opts.anonymous) {
			js_id(j, "id", p->id);
			js_s(j, "name", p->name);
			js_s(j, "contact", p->contact);
			js_s(j, "responsibilities", p->responsibilities);
		}
		js_s(j, "category", map_cat_code(p->cat));
		js_i(j, "influence", p->influence);
		js_i(j, "interest", p->interest);
		js_s(j, "engagement", map_eng_code(p->eng));
		js_open(j, "roles", '[');
		for (r = p->role0; r < p->role0 + p->nroles && r < m->nroles; r++) {
			js_open(j, NULL, '{');
			js_s(j, "ref", m->items[m->roles[r].item].ref);
			js_s(j, "role", map_role_code(m->roles[r].role));
			js_close(j, '}');
		}
		js_close(j, ']');
		js_close(j, '}');
	}
	js_close(j, ']');
	js_open(j, "relations", '[');
	for (i = 0; i < m->nrels; i++) {
		js_open(j, NULL, '{');
		js_i(j, "from", (long long)m->rels[i].from + 1);
		js_s(j, "kind", map_kind_code(m->rels[i].kind));
		js_i(j, "to", (long long)m->rels[i].to + 1);
		js_close(j, '}');
	}
	js_close(j, ']');
}

int
summary_json_write(struct summary *s, FILE *fp)
{
	const struct wb_details *d = &s->details;
	struct js j = { fp, 1, 0 };
	struct js_ids ids = { &j, 0, SUMMARY_NDUE };
	size_t i;

	js_open(&j, NULL, '{');
	js_s(&j, "format", "ciipwb-summary");
	js_i(&j, "format_version", SUMMARY_JSON_VERSION);
	js_s(&j, "printed_at", s->printed_at);
	js_s(&j, "today", s->today);
	js_b(&j, "anonymous", s->opts.anonymous);
	js_b(&j, "executive", s->opts.executive);
	js_open(&j, "workbook", '{');
	js_s(&j, "title", d->title);
	js_s(&j, "country", d->country);
	js_s(&j, "date_start", d->date_start);
	js_s(&j, "date_end", d->date_end);
	js_s(&j, "venue", d->venue);
	js_s(&j, "facilitator", s->opts.anonymous ? NULL : d->facilitator);
	js_close(&j, '}');
	js_open(&j, "frameworks", '[');
	for (i = 0; i < s->nfws; i++) {
		js_open(&j, NULL, '{');
		js_s(&j, "id", s->fws[i]->id);
		js_s(&j, "symbol", s->fws[i]->symbol);
		js_s(&j, "annex_title", s->fws[i]->annex_title);
		js_close(&j, '}');
	}
	js_close(&j, ']');
	js_open(&j, "groups", '[');
	for (i = 0; i < s->ngroups && !s->opts.anonymous; i++)
		js_s(&j, NULL, s->groups[i]);
	js_close(&j, ']');
	js_open(&j, "counts", '{');
	js_i(&j, "items", (long long)s->nitems);
	js_i(&j, "assessed", (long long)(s->nitems - s->nnot_assessed));
	js_i(&j, "notes", s->counts.notes);
	js_i(&j, "evidence", s->counts.evidence);
	js_i(&j, "stakeholders", (long long)s->map->nsh);
	js_i(&j, "actions", (long long)s->nactions);
	js_i(&j, "open_actions", (long long)s->nplan);
	js_i(&j, "overdue_actions", (long long)s->noverdue);
	js_close(&j, '}');
	js_headings(&j, s);
	js_open(&j, "executive_summary", '{');
	js_refs(&j, "largest_gaps", s, s->gaps, s->ngaps < SUMMARY_NGAPS ? s->ngaps :
	    SUMMARY_NGAPS);
	js_open(&j, "due_soonest", '[');
	ids.n = 0;
	ids.limit = SUMMARY_NDUE;
	if (summary_actions_each(s, NULL, 1, js_action_id_cb, &ids) < 0)
		return -1;
	js_close(&j, ']');
	js_open(&j, "coverage", '{');
	js_i(&j, "stakeholders", (long long)s->map->nsh);
	js_i(&j, "categories", (long long)s->ncategories_present);
	js_i(&j, "with_roles", (long long)s->nengaged);
	js_i(&j, "items_with_lead", (long long)s->nled);
	js_i(&j, "items_considered", (long long)(s->nled + s->nno_lead));
	js_close(&j, '}');
	js_close(&j, '}');
	if (!s->opts.executive) {
		if (js_items(&j, s) != 0)
			return -1;
		js_open(&j, "areas_for_further_action", '{');
		js_refs(&j, "not_assessed", s, s->not_assessed, s->nnot_assessed);
		js_refs(&j, "below_target", s, s->gaps, s->ngaps);
		js_refs(&j, "no_lead", s, s->no_lead, s->nno_lead);
		js_refs(&j, "no_action", s, s->no_action, s->nno_action);
		js_refs(&j, "needs_review", s, s->review, s->nreview);
		js_close(&j, '}');
		js_stakeholders(&j, s);
		js_open(&j, "actions", '[');
		if (summary_actions_each(s, NULL, 0, js_action_cb, &j) < 0)
			return -1;
		js_close(&j, ']');
		js_open(&j, "action_plan", '[');
		ids.n = 0;
		ids.limit = (size_t)-1;
		if (summary_actions_each(s, NULL, 1, js_action_id_cb, &ids) < 0)
			return -1;
		js_close(&j, ']');
		{
			void *arg[2] = { &j, s };

			js_open(&j, "open_conflicts", '[');
			if (wb_conflicts_each(s->wb, 1, js_conflict_cb, arg) < 0)
				return -1;
			js_close(&j, ']');
		}
		js_open(&j, "session_log", '[');
		for (i = 0; i < s->nlog; i++) {
			js_open(&j, NULL, '{');
			js_s(&j, "at", s->log[i].at);
			js_s(&j, "group", s->log[i].group);
			js_s(&j, "heading", s->log[i].heading);
			js_b(&j, "consensus", s->log[i].consensus);
			js_s(&j, "note", s->log[i].note);
			js_s(&j, "started", *s->log[i].started != '\0' ? s->log[i].started : NULL);
			js_s(&j, "ended", *s->log[i].ended != '\0' ? s->log[i].ended : NULL);
			js_i(&j, "seconds", (long long)s->log[i].seconds);
			js_close(&j, '}');
		}
		js_close(&j, ']');
	} else {
		js_open(&j, "actions", '[');
		ids.n = 0;
		ids.limit = SUMMARY_NDUE;
		if (summary_actions_each(s, NULL, 1, js_action_limit_cb, &ids) < 0)
			return -1;
		js_close(&j, ']');
	}
	js_close(&j, '}');
	fputc('\n', fp);
	return 0;
}
