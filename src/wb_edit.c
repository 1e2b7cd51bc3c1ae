/* wb_edit.c: reading and editing workbook records (details, items, notes, evidence, stakeholders, actions, roles, relations, groups, session log). */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"
#include "wb_row.h"

/* ---- helpers ---- */

static int
wb_prep(struct wb *wb, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(wb->db, sql, -1, st, NULL);

	if (rc != SQLITE_OK) {
		*st = NULL;
		return wb__sqlerr(wb, rc, _("cannot read the workbook"));
	}
	return 0;
}

static const char *
wb_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

/* Step a listing: 1 while there is a row; at the end 0 (with *r set to -1
 * and errmsg if the listing failed). */
static int
wb_next(struct wb *wb, sqlite3_stmt *st, int *r, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		*r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), what);
	return 0;
}

/* The body of every wb_*_each(): rows of d's listing (TAIL, ref bound to ?1 unless NULL)
 * become a borrowed record for cb. WHAT (a gettext call) is looked up once, not per row. */
#define WB_EACH(wb, d, tail, ref, rec, cb, arg, what) do {		\
	sqlite3_stmt *st_;						\
	const char *what_;						\
	int r_ = 0;							\
	if (wb__row_list((wb), (d), (tail), (ref), &st_) != 0)		\
		return -1;						\
	what_ = (what);							\
	while (wb_next((wb), st_, &r_, what_)) {			\
		wb__row_read((d), st_, &(rec));				\
		if ((r_ = (cb)(&(rec), (arg))) != 0)			\
			break;						\
	}								\
	wb__row_list_end((wb), (d), st_);				\
	return r_;							\
} while (0)

/* Tombstone the live rows of d that SQL (id bound to ?1) lists; inside an edit. */
static int
wb_tombstone_all(struct wb *wb, const struct wb_rowdef *d, const char *sql, int64_t id,
    const char *label, const char *what)
{
	sqlite3_stmt *st;
	int64_t *v = NULL, *nv;
	size_t n = 0, cap = 0, i;
	int r = 0;

	if (wb_prep(wb, sql, &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	/* Collected first: the tombstones change the rows the statement reads. */
	while (r == 0 && wb_next(wb, st, &r, what)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL) {
				r = wb__sqlerr(wb, SQLITE_NOMEM, what);
				break;
			}
			v = nv;
		}
		v[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (i = 0; r == 0 && i < n; i++)
		r = wb__row_tombstone(wb, d, v[i], label, what);
	free(v);
	return r;
}

static int wb_set_current(struct wb *wb, int64_t id, const char *label, const char *what);

/* A stakeholder goes with its roles and relations (one undo step). */
static int
wb_stakeholder_gone(struct wb *wb, int64_t id, const char *label, const char *what)
{
	if (wb_tombstone_all(wb, &wb__row_role, "SELECT id FROM role WHERE stakeholder_id = ?1"
	    " AND deleted = 0", id, label, what) != 0)
		return -1;
	return wb_tombstone_all(wb, &wb__row_relation, "SELECT id FROM relation WHERE"
	    " (from_id = ?1 OR to_id = ?1) AND deleted = 0", id, label, what);
}

/* The current group, deleted, becomes none. */
static int
wb_group_gone(struct wb *wb, int64_t id, const char *label, const char *what)
{
	int64_t cur = 0;

	if (wb_group_current(wb, &cur) != 0)
		return -1;
	return cur == id ? wb_set_current(wb, 0, label, what) : 0;
}

/* ---- the tables: what each column holds and the rules it keeps ---- */

#define COL(rec, member, t) .name = #member, .type = (t), .off = offsetof(struct rec, member)
#define NEED(m) .flags = WB_COL_NEED, .msg = (m)
#define ROWS(rec, c) .cols = (c), .ncols = sizeof (c) / sizeof (c)[0], .size = sizeof (struct rec)
#define TIMES(rec) .id_off = offsetof(struct rec, id), \
	.created_off = offsetof(struct rec, created), .updated_off = offsetof(struct rec, updated)

static const char *const wb_categories[] = { "national_government",
	"other_government", "non_governmental", "individual_citizens",
	"international_partner", NULL };
static const char *const wb_engagements[] = { "unaware", "resistant",
	"neutral", "supportive", "leading", NULL };
static const char *const wb_priorities[] = { "high", "medium", "low", NULL };
static const char *const wb_statuses[] = { "open", "in_progress", "done",
	"dropped", NULL };
static const char *const wb_role_names[] = { "responsible", "accountable",
	"consulted", "informed", NULL };
static const char *const wb_kinds[] = { "depends_on", "coordinates_with",
	"reports_to", NULL };

static const char wb_no_ref[] = N_("no item reference given");

static const struct wb_col wb_details_cols[] = {
	{ COL(wb_details, title, WB_COL_TEXT) },
	{ COL(wb_details, country, WB_COL_TEXT) },
	{ COL(wb_details, date_start, WB_COL_DATE),
	    .msg = N_("the start date must look like 2026-11-23") },
	{ COL(wb_details, date_end, WB_COL_DATE),
	    .msg = N_("the end date must look like 2026-11-23") },
	{ COL(wb_details, venue, WB_COL_TEXT) },
	{ COL(wb_details, facilitator, WB_COL_TEXT) },
};
const struct wb_rowdef wb__row_details = {
	.table = "workbook", .what_save = N_("cannot save the workbook details"),
	.what_read = N_("cannot read the workbook details"),
	.label_edit = N_("edit workbook details"), ROWS(wb_details, wb_details_cols),
	.id_off = WB_ROW_NONE, .created_off = WB_ROW_NONE,
	.updated_off = offsetof(struct wb_details, updated), .slot = 0,
};

static const struct wb_col wb_group_cols[] = {
	{ COL(wb_group, name, WB_COL_TEXT), NEED(N_("the group has no name")) },
};
const struct wb_rowdef wb__row_group = {
	.table = "breakout_group", .thing = N_("breakout group"), .tomb = 1,
	.what_add = N_("cannot add the breakout group"),
	.what_save = N_("cannot rename the breakout group"),
	.what_delete = N_("cannot delete the breakout group"),
	.what_read = N_("cannot read the breakout group"),
	.label_add = N_("add breakout group"), .label_edit = N_("rename breakout group"),
	.label_delete = N_("delete breakout group"),
	ROWS(wb_group, wb_group_cols), TIMES(wb_group), .on_delete = wb_group_gone, .slot = 1,
};

static const struct wb_col wb_note_cols[] = {
	{ COL(wb_note, ref, WB_COL_TEXT), NEED(wb_no_ref) },
	{ COL(wb_note, body, WB_COL_TEXT), NEED(N_("the note is empty; type some text")) },
	{ COL(wb_note, group_id, WB_COL_KEY), .parent = &wb__row_group },
	/* Notes made in the same second keep the order they were made in. */
	{ .name = "seq", .type = WB_COL_SEQ, .off = WB_ROW_NONE },
};
const struct wb_rowdef wb__row_note = {
	.table = "note", .thing = N_("note"), .tomb = 1,
	.what_add = N_("cannot add the note"), .what_save = N_("cannot save the note"),
	.what_delete = N_("cannot delete the note"), .what_read = N_("cannot read the note"),
	.label_add = N_("add note"), .label_edit = N_("edit note"),
	.label_delete = N_("delete note"), ROWS(wb_note, wb_note_cols), TIMES(wb_note),
	.slot = 2,
};

static const struct wb_col wb_evidence_cols[] = {
	{ COL(wb_evidence, ref, WB_COL_TEXT), NEED(wb_no_ref) },
	{ COL(wb_evidence, name, WB_COL_TEXT),
	    NEED(N_("the evidence has no name; name the document or source")) },
	{ COL(wb_evidence, location, WB_COL_TEXT) },
};
const struct wb_rowdef wb__row_evidence = {
	.table = "evidence", .thing = N_("evidence"), .tomb = 1,
	.what_add = N_("cannot add the evidence"), .what_save = N_("cannot save the evidence"),
	.what_delete = N_("cannot delete the evidence"),
	.what_read = N_("cannot read the evidence"),
	.label_add = N_("add evidence"), .label_edit = N_("edit evidence"),
	.label_delete = N_("delete evidence"), ROWS(wb_evidence, wb_evidence_cols),
	TIMES(wb_evidence), .slot = 3,
};

#define WB_SCORE(col) { COL(wb_stakeholder, col, WB_COL_INT), .idflt = 3, .min = 1, \
	.max = 5, .msg = N_("influence and interest must be from 1 to 5") }
static const struct wb_col wb_stakeholder_cols[] = {
	{ COL(wb_stakeholder, name, WB_COL_TEXT), NEED(N_("the stakeholder has no name")) },
	{ COL(wb_stakeholder, category, WB_COL_CODE), .codes = wb_categories,
	    .msg = N_("the category must be one of national_government, other_government,"
	    " non_governmental, individual_citizens, international_partner") },
	{ COL(wb_stakeholder, contact, WB_COL_TEXT) },
	{ COL(wb_stakeholder, responsibilities, WB_COL_TEXT) },
	WB_SCORE(influence),
	WB_SCORE(interest),
	{ COL(wb_stakeholder, engagement, WB_COL_CODE), .codes = wb_engagements,
	    .dflt = "neutral", .msg = N_("the engagement must be one of unaware, resistant,"
	    " neutral, supportive, leading") },
};
const struct wb_rowdef wb__row_stakeholder = {
	.table = "stakeholder", .thing = N_("stakeholder"), .tomb = 1,
	.what_add = N_("cannot add the stakeholder"),
	.what_save = N_("cannot save the stakeholder"),
	.what_delete = N_("cannot delete the stakeholder"),
	.what_read = N_("cannot read the stakeholder"),
	.label_add = N_("add stakeholder"), .label_edit = N_("edit stakeholder"),
	.label_delete = N_("delete stakeholder"), ROWS(wb_stakeholder, wb_stakeholder_cols),
	TIMES(wb_stakeholder), .on_delete = wb_stakeholder_gone, .slot = 4,
};

static const struct wb_col wb_action_cols[] = {
	{ COL(wb_action, ref, WB_COL_TEXT), NEED(wb_no_ref) },
	{ COL(wb_action, title, WB_COL_TEXT), NEED(N_("the action has no title")) },
	{ COL(wb_action, owner_id, WB_COL_KEY), .parent = &wb__row_stakeholder },
	{ COL(wb_action, due, WB_COL_DATE), .flags = WB_COL_NULL,
	    .msg = N_("the due date must be a date like 2027-03-31, or empty") },
	{ COL(wb_action, priority, WB_COL_CODE), .codes = wb_priorities,
	    .dflt = "medium", .msg = N_("the priority must be high, medium or low") },
	{ COL(wb_action, status, WB_COL_CODE), .codes = wb_statuses, .dflt = "open",
	    .msg = N_("the status must be open, in_progress, done or dropped") },
};
const struct wb_rowdef wb__row_action = {
	.table = "action", .thing = N_("action"), .tomb = 1,
	.what_add = N_("cannot add the action"), .what_save = N_("cannot save the action"),
	.what_delete = N_("cannot delete the action"), .what_read = N_("cannot read the action"),
	.label_add = N_("add action"), .label_edit = N_("edit action"),
	.label_delete = N_("delete action"), ROWS(wb_action, wb_action_cols),
	TIMES(wb_action), .slot = 5,
};

static const struct wb_col wb_role_cols[] = {
	{ COL(wb_role, stakeholder_id, WB_COL_KEY), .flags = WB_COL_NEED,
	    .parent = &wb__row_stakeholder },
	{ COL(wb_role, ref, WB_COL_TEXT), NEED(wb_no_ref) },
	{ COL(wb_role, role, WB_COL_CODE), .codes = wb_role_names,
	    .msg = N_("the role must be responsible, accountable, consulted or informed") },
};
const struct wb_rowdef wb__row_role = {
	.table = "role", .thing = N_("role"), .tomb = 1,
	.what_add = N_("cannot set the role"), .what_save = N_("cannot set the role"),
	.what_delete = N_("cannot remove the role"), .what_read = N_("cannot read the role"),
	.label_add = N_("set role"), .label_edit = N_("set role"),
	.label_delete = N_("remove role"), ROWS(wb_role, wb_role_cols), TIMES(wb_role),
	.slot = 6,
};

static int
wb_relation_check(struct wb *wb, const void *rec, const char *what)
{
	const struct wb_relation *r = rec;

	if (r->from_id == r->to_id)
		return wb__err(wb, _("%s: %s: a stakeholder cannot be related to itself;"
		    " choose two stakeholders"), wb->path, what);
	return 0;
}

static const struct wb_col wb_relation_cols[] = {
	{ COL(wb_relation, from_id, WB_COL_KEY), .flags = WB_COL_NEED,
	    .parent = &wb__row_stakeholder },
	{ COL(wb_relation, to_id, WB_COL_KEY), .flags = WB_COL_NEED,
	    .parent = &wb__row_stakeholder },
	{ COL(wb_relation, kind, WB_COL_CODE), .codes = wb_kinds,
	    .msg = N_("the kind must be depends_on, coordinates_with or reports_to") },
};
const struct wb_rowdef wb__row_relation = {
	.table = "relation", .thing = N_("relation"), .tomb = 1,
	.what_add = N_("cannot add the relation"), .what_save = N_("cannot save the relation"),
	.what_delete = N_("cannot delete the relation"),
	.what_read = N_("cannot read the relation"),
	.label_add = N_("add relation"), .label_edit = N_("edit relation"),
	.label_delete = N_("delete relation"), ROWS(wb_relation, wb_relation_cols),
	TIMES(wb_relation), .check = wb_relation_check, .slot = 7,
};

static int
wb_log_check(struct wb *wb, const void *rec, const char *what)
{
	const struct wb_log *l = rec;

	if (l->started != NULL && *l->started != '\0' && l->ended != NULL &&
	    *l->ended != '\0' && strcmp(l->ended, l->started) < 0)
		return wb__err(wb, _("%s: %s: the end time is before the start time"),
		    wb->path, what);
	return 0;
}

static const char wb_log_time[] = N_("a time must look like 2026-11-23T09:30:00Z");
static const struct wb_col wb_log_cols[] = {
	{ COL(wb_log, group_id, WB_COL_KEY), .parent = &wb__row_group },
	{ COL(wb_log, heading, WB_COL_TEXT), NEED(N_("no heading given")) },
	{ COL(wb_log, consensus, WB_COL_BOOL) },
	{ COL(wb_log, note, WB_COL_TEXT) },
	/* Logged when it started, or else at the edit. */
	{ COL(wb_log, at, WB_COL_TIME), .flags = WB_COL_NOW, .alt = 5, .msg = wb_log_time },
	{ COL(wb_log, started, WB_COL_TIME), .msg = wb_log_time },
	{ COL(wb_log, ended, WB_COL_TIME), .msg = wb_log_time },
	{ COL(wb_log, seconds, WB_COL_INT64),
	    .msg = N_("the time spent cannot be negative") },
};
const struct wb_rowdef wb__row_log = {
	.table = "session_log", .thing = N_("session log entry"), .tomb = 1,
	.what_add = N_("cannot add to the session log"),
	.what_save = N_("cannot save the session log entry"),
	.what_delete = N_("cannot delete the session log entry"),
	.what_read = N_("cannot read the session log entry"),
	.label_add = N_("log session"), .label_edit = N_("edit session log entry"),
	.label_delete = N_("delete session log entry"), ROWS(wb_log, wb_log_cols),
	TIMES(wb_log), .check = wb_log_check, .slot = 8,
};

const struct wb_rowdef *const wb__rowdefs[] = {
	&wb__row_details, &wb__row_group, &wb__row_note, &wb__row_evidence,
	&wb__row_stakeholder, &wb__row_action, &wb__row_role, &wb__row_relation,
	&wb__row_log,
};
const size_t wb__nrowdefs = sizeof wb__rowdefs / sizeof wb__rowdefs[0];
_Static_assert(sizeof wb__rowdefs / sizeof wb__rowdefs[0] <= WB_ROW_MAXDEFS,
    "room in the statement cache for every table");

/* ---- workbook details ---- */

int
wb_details_get(struct wb *wb, struct wb_details *out)
{
	return wb__row_get(wb, &wb__row_details, 1, out);
}

void
wb_details_free(struct wb_details *d)
{
	wb__row_free(&wb__row_details, d);
}

int
wb_details_set(struct wb *wb, const struct wb_details *d)
{
	return wb__row_update(wb, &wb__row_details, d);
}

/* ---- scale ---- */

int
wb_scale_each(struct wb *wb, int (*cb)(const struct wb_scale *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_scale s;
	int r = 0;

	if (wb_prep(wb, "SELECT code, position, label, is_stage FROM scale"
	    " WHERE deleted = 0 ORDER BY position, code", &st) != 0)
		return -1;
	while (wb_next(wb, st, &r, _("cannot read the rating scale"))) {
		s.code = wb_col(st, 0);
		s.position = sqlite3_column_int(st, 1);
		s.label = wb_col(st, 2);
		s.is_stage = sqlite3_column_int(st, 3);
		if ((r = cb(&s, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	return r;
}

/* 1 if code is a live scale code. */
static int
wb_scale_ok(struct wb *wb, const char *code)
{
	sqlite3_stmt *st;
	int rc;

	if (wb_prep(wb, "SELECT 1 FROM scale WHERE code = ?1 AND deleted = 0", &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return wb__sqlerr(wb, sqlite3_extended_errcode(wb->db),
	    _("cannot read the rating scale"));
}

/* ---- items (keyed by their reference; a row appears at the first rating) ---- */

#define WB_ITEM_COLS "SELECT ref, current, target, needs_review, consensus, updated FROM item"

static void
wb_item_row(sqlite3_stmt *st, struct wb_item *it)
{
	it->ref = wb_col(st, 0);
	it->current = (const char *)sqlite3_column_text(st, 1);
	it->target = (const char *)sqlite3_column_text(st, 2);
	it->needs_review = sqlite3_column_int(st, 3);
	it->consensus = sqlite3_column_int(st, 4);
	snprintf(it->updated, sizeof it->updated, "%s", wb_col(st, 5));
}

int
wb_item_get(struct wb *wb, const char *ref, struct wb_item *out)
{
	const char **f[] = { &out->ref, &out->current, &out->target };
	sqlite3_stmt *st;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	if (ref == NULL)
		return wb__err(wb, _("%s: no item reference given"), wb->path);
	/* Kept prepared: the browser reads it at every item. */
	if (wb__stmt(wb, WB_STMT_ITEM_GET, WB_ITEM_COLS " WHERE ref = ?1", &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		wb_item_row(st, out);
	else if (rc == SQLITE_DONE)
		out->ref = ref;
	else {
		rc = sqlite3_extended_errcode(wb->db);
		wb__stmt_done(st);
		return wb__sqlerr(wb, rc, _("cannot read the item"));
	}
	rc = 0;
	for (i = 0; i < 3; i++)
		if (*f[i] != NULL && (*f[i] = strdup(*f[i])) == NULL)
			rc = -1;
	wb__stmt_done(st);
	if (rc != 0) {
		wb_item_free(out);
		return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot read the workbook"));
	}
	return 0;
}

void
wb_item_free(struct wb_item *it)
{
	free((void *)it->ref);
	free((void *)it->current);
	free((void *)it->target);
	it->ref = it->current = it->target = NULL;
}

int
wb_item_set(struct wb *wb, const struct wb_item *it)
{
	const char *what = _("cannot save the rating");
	const char *codes[] = { it->current, it->target };
	char now[WB_TIME_SIZE];
	sqlite3_stmt *st;
	size_t i;
	int r = 0;

	if (it->ref == NULL || *it->ref == '\0')
		return wb__err(wb, _("%s: %s: %s"), wb->path, what, _(wb_no_ref));
	if (wb__edit_begin(wb, what) != 0)
		return -1;
	for (i = 0; i < 2 && r >= 0; i++)
		if (codes[i] != NULL && (r = wb_scale_ok(wb, codes[i])) == 0)
			r = wb__err(wb, _("%s: %s: \"%s\" is not a level of the rating scale"),
			    wb->path, what, codes[i]);
	if (r >= 0)
		r = wb_prep(wb, "INSERT INTO item(ref, current, target, needs_review,"
		    " consensus, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		    " ON CONFLICT(ref) DO UPDATE SET current = excluded.current,"
		    " target = excluded.target, needs_review = excluded.needs_review,"
		    " consensus = excluded.consensus, updated = excluded.updated", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_text(st, 1, it->ref, -1, SQLITE_STATIC);
		if (it->current != NULL)
			sqlite3_bind_text(st, 2, it->current, -1, SQLITE_STATIC);
		if (it->target != NULL)
			sqlite3_bind_text(st, 3, it->target, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, it->needs_review != 0);
		sqlite3_bind_int(st, 5, it->consensus != 0);
		sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
		/* Not kept prepared: wb__row_change resets it, then it is finalized here. */
		r = wb__row_change(wb, st, N_("rate item"), "item", it->ref, what);
		sqlite3_finalize(st);
	}
	return wb__edit_end(wb, r < 0 ? -1 : 0, what);
}

int
wb_items_each(struct wb *wb, int (*cb)(const struct wb_item *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_item it;
	int r = 0;

	if (wb_prep(wb, WB_ITEM_COLS " ORDER BY ref", &st) != 0)
		return -1;
	while (wb_next(wb, st, &r, _("cannot read the items"))) {
		wb_item_row(st, &it);
		if ((r = cb(&it, arg)) != 0)
			break;
	}
	sqlite3_finalize(st);
	return r;
}

/* ---- notes ---- */

int
wb_note_add(struct wb *wb, const struct wb_note *n, int64_t *id)
{
	return wb__row_add(wb, &wb__row_note, n, id);
}

int
wb_note_update(struct wb *wb, const struct wb_note *n)
{
	return wb__row_update(wb, &wb__row_note, n);
}

int
wb_note_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_note, id);
}

int
wb_note_get(struct wb *wb, int64_t id, struct wb_note *out)
{
	return wb__row_get(wb, &wb__row_note, id, out);
}

void
wb_note_free(struct wb_note *n)
{
	wb__row_free(&wb__row_note, n);
}

int
wb_notes_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_note *, void *), void *arg)
{
	struct wb_note n;

	WB_EACH(wb, &wb__row_note, ref != NULL ?
	    "WHERE r.deleted = 0 AND r.ref = ?1 ORDER BY r.created, r.seq, r.id" :
	    "WHERE r.deleted = 0 ORDER BY r.ref, r.created, r.seq, r.id", ref, n, cb, arg,
	    _("cannot read the notes"));
}

/* ---- evidence ---- */

int
wb_evidence_add(struct wb *wb, const struct wb_evidence *e, int64_t *id)
{
	return wb__row_add(wb, &wb__row_evidence, e, id);
}

int
wb_evidence_update(struct wb *wb, const struct wb_evidence *e)
{
	return wb__row_update(wb, &wb__row_evidence, e);
}

int
wb_evidence_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_evidence, id);
}

int
wb_evidence_get(struct wb *wb, int64_t id, struct wb_evidence *out)
{
	return wb__row_get(wb, &wb__row_evidence, id, out);
}

void
wb_evidence_free(struct wb_evidence *e)
{
	wb__row_free(&wb__row_evidence, e);
}

int
wb_evidence_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_evidence *, void *), void *arg)
{
	struct wb_evidence e;

	WB_EACH(wb, &wb__row_evidence, ref != NULL ?
	    "WHERE r.deleted = 0 AND r.ref = ?1 ORDER BY r.created, r.id" :
	    "WHERE r.deleted = 0 ORDER BY r.ref, r.created, r.id", ref, e, cb, arg,
	    _("cannot read the evidence"));
}

/* ---- stakeholders ---- */

int
wb_stakeholder_add(struct wb *wb, const struct wb_stakeholder *s, int64_t *id)
{
	return wb__row_add(wb, &wb__row_stakeholder, s, id);
}

int
wb_stakeholder_update(struct wb *wb, const struct wb_stakeholder *s)
{
	return wb__row_update(wb, &wb__row_stakeholder, s);
}

int
wb_stakeholder_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_stakeholder, id);
}

int
wb_stakeholder_get(struct wb *wb, int64_t id, struct wb_stakeholder *out)
{
	return wb__row_get(wb, &wb__row_stakeholder, id, out);
}

void
wb_stakeholder_free(struct wb_stakeholder *s)
{
	wb__row_free(&wb__row_stakeholder, s);
}

int
wb_stakeholders_each(struct wb *wb,
    int (*cb)(const struct wb_stakeholder *, void *), void *arg)
{
	struct wb_stakeholder s;

	WB_EACH(wb, &wb__row_stakeholder, "WHERE r.deleted = 0 ORDER BY r.name, r.id", NULL,
	    s, cb, arg, _("cannot read the stakeholders"));
}

/* ---- actions ---- */

int
wb_action_add(struct wb *wb, const struct wb_action *a, int64_t *id)
{
	return wb__row_add(wb, &wb__row_action, a, id);
}

int
wb_action_update(struct wb *wb, const struct wb_action *a)
{
	return wb__row_update(wb, &wb__row_action, a);
}

int
wb_action_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_action, id);
}

int
wb_action_get(struct wb *wb, int64_t id, struct wb_action *out)
{
	return wb__row_get(wb, &wb__row_action, id, out);
}

void
wb_action_free(struct wb_action *a)
{
	wb__row_free(&wb__row_action, a);
}

int
wb_actions_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_action *, void *), void *arg)
{
	struct wb_action a;

	WB_EACH(wb, &wb__row_action, ref != NULL ?
	    "WHERE r.deleted = 0 AND r.ref = ?1 ORDER BY r.due IS NULL, r.due, r.created, r.id" :
	    "WHERE r.deleted = 0 ORDER BY r.due IS NULL, r.due, r.created, r.id", ref, a, cb,
	    arg, _("cannot read the actions"));
}

/* ---- roles ---- */

/* wb_role_set, or with REPLACE the lead's replacement: a current accountable
 * other than stakeholder_id becomes responsible in the same edit (one undo). */
static int
wb_role_put(struct wb *wb, int64_t stakeholder_id, const char *ref,
    const char *role, int replace, int64_t *id)
{
	const struct wb_rowdef *d = &wb__row_role;
	const char *what = _(d->what_add);
	const char *label = replace ? N_("replace lead") : N_("set role");
	struct wb_role want = { .stakeholder_id = stakeholder_id, .ref = ref, .role = role };
	struct wb_role lead = { .ref = ref, .role = "responsible" };
	sqlite3_stmt *st;
	char *old = NULL, *leadname = NULL;
	int r, rc;

	if (wb__row_valid(wb, d, &want, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb__row_parents(wb, d, &want, what);
	/* The stakeholder's current role for ref, if any. */
	if (r == 0 && (r = wb_prep(wb, "SELECT id, role FROM role WHERE"
	    " stakeholder_id = ?1 AND ref = ?2 AND deleted = 0", &st)) == 0) {
		sqlite3_bind_int64(st, 1, stakeholder_id);
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			want.id = sqlite3_column_int64(st, 0);
			if ((old = strdup(wb_col(st, 1))) == NULL)
				r = wb__sqlerr(wb, SQLITE_NOMEM, what);
		} else if (rc != SQLITE_DONE)
			r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), what);
		sqlite3_finalize(st);
	}
	/* One accountable per ref. */
	if (r == 0 && strcmp(role, "accountable") == 0 &&
	    (r = wb_prep(wb, "SELECT r.stakeholder_id, s.name, r.id FROM role r JOIN"
	    " stakeholder s ON s.id = r.stakeholder_id WHERE r.ref = ?1 AND"
	    " r.role = 'accountable' AND r.deleted = 0 AND r.stakeholder_id <> ?2",
	    &st)) == 0) {
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, stakeholder_id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			lead.stakeholder_id = sqlite3_column_int64(st, 0);
			leadname = strdup(wb_col(st, 1));
			lead.id = sqlite3_column_int64(st, 2);
		} else if (rc != SQLITE_DONE)
			r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), what);
		sqlite3_finalize(st);
		if (r == 0 && lead.id != 0 && replace)
			/* The former lead stays involved, as responsible. */
			r = wb__row_write(wb, d, &lead, label, what);
		else if (r == 0 && lead.id != 0)
			r = wb__err(wb, _("%s: %s: %s is already accountable for %s and"
			    " only one stakeholder can be; change that role first"),
			    wb->path, what, leadname != NULL ? leadname : "?", ref);
	}
	if (r == 0 && want.id != 0 && strcmp(old, role) == 0) {
		/* Nothing to change. */
	} else if (r == 0 && want.id != 0) {
		r = wb__row_write(wb, d, &want, label, what);
	} else if (r == 0) {
		want.id = wb__random_id();
		r = wb__row_insert(wb, d, &want, want.id, label, what);
	}
	free(old);
	free(leadname);
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = want.id;
	return r;
}

int
wb_role_set(struct wb *wb, int64_t stakeholder_id, const char *ref,
    const char *role, int64_t *id)
{
	return wb_role_put(wb, stakeholder_id, ref, role, 0, id);
}

int
wb_role_lead_replace(struct wb *wb, int64_t stakeholder_id, const char *ref, int64_t *id)
{
	return wb_role_put(wb, stakeholder_id, ref, "accountable", 1, id);
}

int
wb_role_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_role, id);
}

int
wb_roles_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_role *, void *), void *arg)
{
	struct wb_role r;

#define WB_ROLE_SQL "JOIN stakeholder s ON s.id = r.stakeholder_id" \
	" WHERE r.deleted = 0 AND s.deleted = 0"
	WB_EACH(wb, &wb__row_role, ref != NULL ?
	    WB_ROLE_SQL " AND r.ref = ?1 ORDER BY r.role = 'accountable' DESC,"
	    " r.role, s.name, r.id" :
	    WB_ROLE_SQL " ORDER BY r.ref, r.role = 'accountable' DESC, r.role,"
	    " s.name, r.id", ref, r, cb, arg, _("cannot read the roles"));
#undef WB_ROLE_SQL
}

/* ---- relations ---- */

int
wb_relation_add(struct wb *wb, int64_t from_id, int64_t to_id,
    const char *kind, int64_t *id)
{
	struct wb_relation r = { .from_id = from_id, .to_id = to_id, .kind = kind };

	return wb__row_add(wb, &wb__row_relation, &r, id);
}

int
wb_relation_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_relation, id);
}

int
wb_relations_each(struct wb *wb, int64_t stakeholder_id,
    int (*cb)(const struct wb_relation *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_relation r;
	int r0 = 0;

	if (wb__row_list(wb, &wb__row_relation, "JOIN stakeholder a ON a.id = r.from_id"
	    " JOIN stakeholder b ON b.id = r.to_id WHERE r.deleted = 0 AND"
	    " a.deleted = 0 AND b.deleted = 0 AND (?1 = 0 OR r.from_id = ?1 OR"
	    " r.to_id = ?1) ORDER BY a.name, r.kind, b.name, r.id", NULL, &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, stakeholder_id);
	while (wb_next(wb, st, &r0, _("cannot read the relations"))) {
		wb__row_read(&wb__row_relation, st, &r);
		if ((r0 = cb(&r, arg)) != 0)
			break;
	}
	wb__row_list_end(wb, &wb__row_relation, st);
	return r0;
}

/* ---- breakout groups ---- */

int
wb_group_add(struct wb *wb, const char *name, int64_t *id)
{
	struct wb_group g = { .name = name };

	return wb__row_add(wb, &wb__row_group, &g, id);
}

int
wb_group_rename(struct wb *wb, int64_t id, const char *name)
{
	struct wb_group g = { .id = id, .name = name };

	return wb__row_update(wb, &wb__row_group, &g);
}

/* Set workbook.current_group (0 = none) with history; inside an edit. */
static int
wb_set_current(struct wb *wb, int64_t id, const char *label, const char *what)
{
	char now[WB_TIME_SIZE];
	sqlite3_stmt *st;
	int r;

	if (wb_prep(wb, "UPDATE workbook SET current_group = ?1, updated = ?2"
	    " WHERE id = 1", &st) != 0)
		return -1;
	wb__now(now);
	if (id != 0)
		sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	r = wb__row_change(wb, st, label, "workbook", "1", what);
	sqlite3_finalize(st);
	return r;
}

int
wb_group_current(struct wb *wb, int64_t *id)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (wb_prep(wb, "SELECT w.current_group FROM workbook w JOIN breakout_group"
	    " g ON g.id = w.current_group WHERE w.id = 1 AND g.deleted = 0", &st) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(wb->db);
		sqlite3_finalize(st);
		return wb__sqlerr(wb, rc, _("cannot read the workbook"));
	}
	sqlite3_finalize(st);
	return 0;
}

int
wb_status_names(struct wb *wb, void (*cb)(const char *title, const char *group, void *),
    void *arg)
{
	sqlite3_stmt *st;
	int r = 0;

	if (wb_prep(wb, "SELECT w.title, g.name FROM workbook AS w LEFT JOIN breakout_group"
	    " AS g ON g.id = w.current_group AND g.deleted = 0 WHERE w.id = 1", &st) != 0)
		return -1;
	if (wb_next(wb, st, &r, _("cannot read the workbook details")))
		cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), arg);
	sqlite3_finalize(st);
	return r;
}

int
wb_group_set_current(struct wb *wb, int64_t id)
{
	const char *what = _("cannot choose the breakout group");
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = id != 0 ? wb__row_need_live(wb, &wb__row_group, id, what) : 0;
	if (r == 0)
		r = wb_set_current(wb, id, N_("choose breakout group"), what);
	return wb__edit_end(wb, r, what);
}

int
wb_group_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_group, id);
}

int
wb_groups_each(struct wb *wb, int (*cb)(const struct wb_group *, void *), void *arg)
{
	struct wb_group g;

	WB_EACH(wb, &wb__row_group, "WHERE r.deleted = 0 ORDER BY r.name, r.id", NULL, g, cb,
	    arg, _("cannot read the breakout groups"));
}

/* ---- session log ---- */

int
wb_log_add(struct wb *wb, const struct wb_log *l, int64_t *id)
{
	return wb__row_add(wb, &wb__row_log, l, id);
}

int
wb_log_update(struct wb *wb, const struct wb_log *l)
{
	return wb__row_update(wb, &wb__row_log, l);
}

int
wb_log_delete(struct wb *wb, int64_t id)
{
	return wb__row_delete(wb, &wb__row_log, id);
}

int
wb_log_get(struct wb *wb, int64_t id, struct wb_log *out)
{
	return wb__row_get(wb, &wb__row_log, id, out);
}

void
wb_log_free(struct wb_log *l)
{
	wb__row_free(&wb__row_log, l);
}

int
wb_log_each(struct wb *wb, int (*cb)(const struct wb_log *, void *), void *arg)
{
	struct wb_log l;

	WB_EACH(wb, &wb__row_log, "WHERE r.deleted = 0 ORDER BY r.at, r.created, r.id", NULL,
	    l, cb, arg, _("cannot read the session log"));
}

/* ---- counts ---- */

int
wb_counts(struct wb *wb, struct wb_counts *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (wb_prep(wb, "SELECT"
	    " (SELECT count(*) FROM item),"
	    " (SELECT count(*) FROM item WHERE current IS NOT NULL),"
	    " (SELECT count(*) FROM item WHERE target IS NOT NULL),"
	    " (SELECT count(*) FROM item WHERE needs_review = 1),"
	    " (SELECT count(*) FROM item WHERE consensus = 1),"
	    " (SELECT count(*) FROM note WHERE deleted = 0),"
	    " (SELECT count(*) FROM evidence WHERE deleted = 0),"
	    " (SELECT count(*) FROM stakeholder WHERE deleted = 0),"
	    " (SELECT count(*) FROM action WHERE deleted = 0),"
	    " (SELECT count(*) FROM role WHERE deleted = 0),"
	    " (SELECT count(*) FROM relation WHERE deleted = 0),"
	    " (SELECT count(*) FROM breakout_group WHERE deleted = 0),"
	    " (SELECT count(*) FROM session_log WHERE deleted = 0),"
	    " (SELECT count(*) FROM history),"
	    " (SELECT (SELECT count(*) FROM note WHERE deleted = 1)"
	    " + (SELECT count(*) FROM evidence WHERE deleted = 1)"
	    " + (SELECT count(*) FROM stakeholder WHERE deleted = 1)"
	    " + (SELECT count(*) FROM action WHERE deleted = 1)"
	    " + (SELECT count(*) FROM role WHERE deleted = 1)"
	    " + (SELECT count(*) FROM relation WHERE deleted = 1)"
	    " + (SELECT count(*) FROM breakout_group WHERE deleted = 1)"
	    " + (SELECT count(*) FROM session_log WHERE deleted = 1))", &st) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = sqlite3_extended_errcode(wb->db);
		sqlite3_finalize(st);
		return wb__sqlerr(wb, rc, _("cannot count the records"));
	}
	out->items = sqlite3_column_int64(st, 0);
	out->rated = sqlite3_column_int64(st, 1);
	out->targets = sqlite3_column_int64(st, 2);
	out->needs_review = sqlite3_column_int64(st, 3);
	out->consensus = sqlite3_column_int64(st, 4);
	out->notes = sqlite3_column_int64(st, 5);
	out->evidence = sqlite3_column_int64(st, 6);
	out->stakeholders = sqlite3_column_int64(st, 7);
	out->actions = sqlite3_column_int64(st, 8);
	out->roles = sqlite3_column_int64(st, 9);
	out->relations = sqlite3_column_int64(st, 10);
	out->groups = sqlite3_column_int64(st, 11);
	out->log = sqlite3_column_int64(st, 12);
	out->history = sqlite3_column_int64(st, 13);
	out->deleted = sqlite3_column_int64(st, 14);
	sqlite3_finalize(st);
	return 0;
}
