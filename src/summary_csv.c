/* summary_csv.c: the summary as one CSV file, a "table" column naming each row's kind (ciipwb(5)). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "map.h"
#include "map_out.h"
#include "summary_doc.h"
#include "text.h"
#include "wb_baseline.h"
#include "wb_merge.h"

/*
 * UTF-8 with a byte order mark (so spreadsheets do not guess another encoding), then
 * RFC 4180: CRLF line ends, every text cell quoted, '"' doubled. Cells are sanitised (valid
 * UTF-8, no control or bidi characters; newlines kept inside quotes) and a cell that a
 * spreadsheet would run as a formula (starting with = + - @, TAB or CR) is defused with a
 * leading apostrophe. Numbers are written bare.
 */

enum {
	C_TABLE, C_REF, C_KEY, C_NAME, C_CATEGORY, C_CURRENT, C_TARGET, C_GAP, C_NEEDS_REVIEW,
	C_CONSENSUS, C_LEAD, C_GROUP, C_OWNER, C_DUE, C_PRIORITY, C_STATUS, C_OVERDUE,
	C_INFLUENCE, C_INTEREST, C_ENGAGEMENT, C_CREATED, C_TEXT, C_DETAIL, C_STARTED, C_ENDED,
	C_SECONDS, C_SOURCE, C_NCOLS
};

static const char *const csv_head[C_NCOLS] = {
	"table", "ref", "key", "name", "category", "current", "target", "gap", "needs_review",
	"consensus", "lead", "group", "owner", "due", "priority", "status", "overdue",
	"influence", "interest", "engagement", "created", "text", "detail", "started", "ended",
	"seconds", "source",
};

struct csv_row {
	const char *cell[C_NCOLS];
	char num[C_NCOLS][24];      /* numeric cells, written bare */
	int isnum[C_NCOLS];
};

/* One text cell: sanitised, quoted, a formula defused (map_csv_field, shared with
 * `ciipwb map`). */
static void
csv_cell(FILE *fp, const char *s)
{
	char *q = map_csv_field(s);

	fputs(q != NULL ? q : "\"\"", fp);
	free(q);
}

static void
csv_row_init(struct csv_row *r, const char *table)
{
	memset(r, 0, sizeof *r);
	r->cell[C_TABLE] = table;
}

static void
csv_num(struct csv_row *r, int col, long long v)
{
	snprintf(r->num[col], sizeof r->num[col], "%lld", v);
	r->isnum[col] = 1;
}

static void
csv_real(struct csv_row *r, int col, double v)
{
	snprintf(r->num[col], sizeof r->num[col], "%.2f", v);
	r->isnum[col] = 1;
}

static void
csv_id(struct csv_row *r, int col, int64_t id)
{
	snprintf(r->num[col], sizeof r->num[col], "%lld", (long long)id);
	r->cell[col] = r->num[col];
}

static void
csv_put(FILE *fp, const struct csv_row *r)
{
	int c;

	for (c = 0; c < C_NCOLS; c++) {
		if (c > 0)
			fputc(',', fp);
		if (r->isnum[c])
			fputs(r->num[c], fp);
		else if (r->cell[c] != NULL)
			csv_cell(fp, r->cell[c]);
	}
	fputs("\r\n", fp);
}

static void
csv_meta(FILE *fp, const char *key, const char *value)
{
	struct csv_row r;

	csv_row_init(&r, "workbook");
	r.cell[C_KEY] = key;
	r.cell[C_TEXT] = value;
	csv_put(fp, &r);
}

struct csv_ctx {
	FILE *fp;
	const char *ref;
};

static int
csv_note_cb(const struct summary_note *n, void *arg)
{
	struct csv_ctx *c = arg;
	struct csv_row r;

	csv_row_init(&r, "note");
	r.cell[C_REF] = c->ref;
	csv_id(&r, C_KEY, n->id);
	r.cell[C_GROUP] = n->group;
	r.cell[C_CREATED] = n->created;
	r.cell[C_TEXT] = n->body;
	csv_put(c->fp, &r);
	return 0;
}

static int
csv_evidence_cb(const struct wb_evidence *e, void *arg)
{
	struct csv_ctx *c = arg;
	struct csv_row r;

	csv_row_init(&r, "evidence");
	r.cell[C_REF] = c->ref;
	csv_id(&r, C_KEY, e->id);
	r.cell[C_NAME] = e->name;
	r.cell[C_CREATED] = e->created;
	r.cell[C_TEXT] = e->location;
	csv_put(c->fp, &r);
	return 0;
}

struct csv_actions {
	FILE *fp;
	size_t n, limit;
};

static int
csv_action_cb(const struct summary_action *a, void *arg)
{
	struct csv_actions *c = arg;
	struct csv_row r;

	csv_row_init(&r, "action");
	r.cell[C_REF] = a->ref;
	csv_id(&r, C_KEY, a->id);
	r.cell[C_NAME] = a->title;
	r.cell[C_OWNER] = a->owner;
	r.cell[C_DUE] = a->due;
	r.cell[C_PRIORITY] = a->priority;
	r.cell[C_STATUS] = a->status;
	csv_num(&r, C_OVERDUE, a->overdue);
	csv_put(c->fp, &r);
	return ++c->n >= c->limit;
}

static void
csv_area(FILE *fp, const struct summary *s, const char *kind, const size_t *idx, size_t n)
{
	struct csv_row r;
	size_t i;

	for (i = 0; i < n; i++) {
		csv_row_init(&r, "area");
		r.cell[C_KEY] = kind;
		r.cell[C_REF] = s->items[idx[i]].fw->ref;
		r.cell[C_NAME] = s->items[idx[i]].fw->short_title;
		csv_num(&r, C_GAP, s->items[idx[i]].gap);
		csv_put(fp, &r);
	}
}

/* The item's baseline (last year's ratings, when the workbook was made from an earlier one). */
static int
csv_baseline(FILE *fp, struct summary *s, const char *ref)
{
	struct wb_baseline b;
	struct csv_row r;

	if (wb_baseline_get(s->wb, ref, &b) != 0)
		return -1;
	if (b.ref != NULL) {
		csv_row_init(&r, "baseline");
		r.cell[C_REF] = ref;
		r.cell[C_CURRENT] = b.current;
		r.cell[C_TARGET] = b.target;
		r.cell[C_DETAIL] = b.since;
		csv_put(fp, &r);
	}
	wb_baseline_free(&b);
	return 0;
}

/* An open merge conflict: a row for the value kept and one for the value set aside; in the
 * anonymous edition one row without values or sources (as in the JSON). */
struct csv_conflicts {
	FILE *fp;
	int anonymous;
};

static int
csv_conflict_cb(const struct wb_conflict *c, void *arg)
{
	const struct csv_conflicts *x = arg;
	int anonymous = x->anonymous, side;
	struct csv_row r;

	for (side = 0; side < (anonymous ? 1 : 2); side++) {
		csv_row_init(&r, "conflict");
		r.cell[C_REF] = c->ref;
		r.cell[C_NAME] = c->tbl;
		r.cell[C_KEY] = c->field;
		if (!anonymous) {
			r.cell[C_DETAIL] = c->what;
			r.cell[C_STATUS] = side == 0 ? "kept" : "set_aside";
			r.cell[C_TEXT] = side == 0 ? c->kept : c->other;
			r.cell[C_SOURCE] = side == 0 ? c->kept_source : c->other_source;
			r.cell[C_CREATED] = side == 0 ? c->kept_at : c->other_at;
		}
		csv_put(x->fp, &r);
	}
	return 0;
}

/* One item row, then its baseline, note and evidence rows. OUTSIDE: a ref no loaded
 * framework knows (detail says so). */
static int
csv_item(FILE *fp, struct summary *s, const struct summary_item *it, int outside)
{
	struct csv_ctx c = { fp, it->fw->ref };
	struct csv_row r;

	csv_row_init(&r, "item");
	r.cell[C_REF] = it->fw->ref;
	r.cell[C_NAME] = it->fw->short_title;
	r.cell[C_CURRENT] = it->current;
	r.cell[C_TARGET] = it->target;
	csv_num(&r, C_GAP, it->gap);
	csv_num(&r, C_NEEDS_REVIEW, it->needs_review);
	csv_num(&r, C_CONSENSUS, it->consensus);
	r.cell[C_LEAD] = it->lead;
	if (outside)
		r.cell[C_DETAIL] = "not_in_loaded_frameworks";
	csv_put(fp, &r);
	if (csv_baseline(fp, s, it->fw->ref) != 0 ||
	    summary_notes_each(s, it->fw->ref, csv_note_cb, &c) < 0 ||
	    summary_evidence_each(s, it->fw->ref, csv_evidence_cb, &c) < 0)
		return -1;
	return 0;
}

static int
csv_other_cb(const struct summary_item *it, void *arg)
{
	void **a = arg;

	return csv_item(a[0], a[1], it, 1);
}

static int
csv_items(FILE *fp, struct summary *s)
{
	void *arg[2] = { fp, s };
	size_t i;

	for (i = 0; i < s->nitems; i++)
		if (csv_item(fp, s, &s->items[i], 0) != 0)
			return -1;
	return summary_others_each(s, csv_other_cb, arg) < 0 ? -1 : 0;
}

static void
csv_stakeholders(FILE *fp, const struct summary *s)
{
	const struct map *m = s->map;
	struct csv_row r;
	size_t i, k;

	for (i = 0; i < m->nsh; i++) {
		const struct map_sh *p = &m->sh[i];

		csv_row_init(&r, "stakeholder");
		csv_num(&r, C_KEY, (long long)i + 1);
		r.cell[C_CATEGORY] = map_cat_code(p->cat);
		if (!s->opts.anonymous) {
			r.cell[C_NAME] = p->name;
			r.cell[C_TEXT] = p->contact;
			r.cell[C_DETAIL] = p->responsibilities;
		}
		csv_num(&r, C_INFLUENCE, p->influence);
		csv_num(&r, C_INTEREST, p->interest);
		r.cell[C_ENGAGEMENT] = map_eng_code(p->eng);
		csv_put(fp, &r);
		for (k = p->role0; k < p->role0 + p->nroles && k < m->nroles; k++) {
			csv_row_init(&r, "role");
			csv_num(&r, C_KEY, (long long)i + 1);
			r.cell[C_REF] = m->items[m->roles[k].item].ref;
			r.cell[C_NAME] = summary_sh_name(s, i);
			r.cell[C_CATEGORY] = map_cat_code(p->cat);
			r.cell[C_TEXT] = map_role_code(m->roles[k].role);
			csv_put(fp, &r);
		}
	}
	for (i = 0; i < m->nrels; i++) {
		csv_row_init(&r, "relation");
		r.cell[C_NAME] = summary_sh_name(s, m->rels[i].from);
		r.cell[C_TEXT] = map_kind_code(m->rels[i].kind);
		r.cell[C_DETAIL] = summary_sh_name(s, m->rels[i].to);
		csv_put(fp, &r);
	}
}

int
summary_csv_write(struct summary *s, FILE *fp)
{
	const struct wb_details *d = &s->details;
	struct csv_actions all = { fp, 0, (size_t)-1 };
	struct csv_conflicts conflicts;
	struct csv_row r;
	char ver[16];
	size_t i;
	int c;

	fputs("\xef\xbb\xbf", fp);   /* BOM: spreadsheets then read the file as UTF-8 */
	for (c = 0; c < C_NCOLS; c++)
		fprintf(fp, "%s%s", c > 0 ? "," : "", csv_head[c]);
	fputs("\r\n", fp);
	snprintf(ver, sizeof ver, "%d", SUMMARY_CSV_VERSION);
	csv_meta(fp, "format_version", ver);
	csv_meta(fp, "printed_at", s->printed_at);
	csv_meta(fp, "edition", s->opts.anonymous ? "anonymous" : s->opts.executive ?
	    "executive" : "full");
	csv_meta(fp, "title", d->title);
	csv_meta(fp, "country", d->country);
	csv_meta(fp, "date_start", d->date_start);
	csv_meta(fp, "date_end", d->date_end);
	csv_meta(fp, "venue", d->venue);
	if (!s->opts.anonymous)
		csv_meta(fp, "facilitator", d->facilitator);
	for (i = 0; i < s->nfws; i++)
		csv_meta(fp, "framework", s->fws[i]->symbol != NULL ? s->fws[i]->symbol :
		    s->fws[i]->id);
	for (i = 0; i < s->ngroups && !s->opts.anonymous; i++)
		csv_meta(fp, "group", s->groups[i]);
	for (i = 0; i < s->nheadings; i++) {
		const struct summary_heading *h = &s->headings[i];
		char ref[64];

		csv_row_init(&r, "heading");
		r.cell[C_REF] = summary_doc_heading_ref(h, ref, sizeof ref);
		r.cell[C_NAME] = h->title;
		csv_num(&r, C_KEY, (long long)h->assessed);
		csv_real(&r, C_CURRENT, h->cur_mean);
		csv_real(&r, C_TARGET, h->tgt_mean);
		csv_num(&r, C_DETAIL, (long long)h->nitems);
		csv_put(fp, &r);
	}
	if (s->opts.executive) {
		csv_area(fp, s, "largest_gap", s->gaps, s->ngaps < SUMMARY_NGAPS ? s->ngaps :
		    SUMMARY_NGAPS);
		struct csv_actions due = { fp, 0, SUMMARY_NDUE };

		return summary_actions_each(s, NULL, 1, csv_action_cb, &due) < 0 ? -1 : 0;
	}
	if (csv_items(fp, s) != 0)
		return -1;
	csv_area(fp, s, "not_assessed", s->not_assessed, s->nnot_assessed);
	csv_area(fp, s, "below_target", s->gaps, s->ngaps);
	csv_area(fp, s, "no_lead", s->no_lead, s->nno_lead);
	csv_area(fp, s, "no_action", s->no_action, s->nno_action);
	csv_area(fp, s, "needs_review", s->review, s->nreview);
	csv_stakeholders(fp, s);
	if (summary_actions_each(s, NULL, 0, csv_action_cb, &all) < 0)
		return -1;
	conflicts.fp = fp;
	conflicts.anonymous = s->opts.anonymous;
	if (wb_conflicts_each(s->wb, 1, csv_conflict_cb, &conflicts) < 0)
		return -1;
	for (i = 0; i < s->nlog; i++) {
		csv_row_init(&r, "log");
		r.cell[C_KEY] = s->log[i].at;
		r.cell[C_REF] = s->log[i].heading;
		r.cell[C_GROUP] = s->log[i].group;
		csv_num(&r, C_CONSENSUS, s->log[i].consensus);
		r.cell[C_TEXT] = s->log[i].note;
		r.cell[C_STARTED] = s->log[i].started;
		r.cell[C_ENDED] = s->log[i].ended;
		csv_num(&r, C_SECONDS, (long long)s->log[i].seconds);
		csv_put(fp, &r);
	}
	return 0;
}
