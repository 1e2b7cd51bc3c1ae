/* wb_edit.c: reading and editing workbook records (details, items, notes, evidence, stakeholders, actions, roles, relations, groups, session log). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"

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

/* Step a statement that returns no rows, finalize it; 0 or -1. */
static int
wb_done(struct wb *wb, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	return 0;
}

static const char *
wb_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

static const char *
wb_col_null(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
wb_col_time(char dst[WB_TIME_SIZE], sqlite3_stmt *st, int i)
{
	snprintf(dst, WB_TIME_SIZE, "%s", wb_col(st, i));
}

static void
wb_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s != NULL ? s : "", -1, SQLITE_STATIC);
}

static void
wb_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, id);
}

static void
wb_key(char buf[24], int64_t id)
{
	snprintf(buf, 24, "%lld", (long long)id);
}

/* Replace each borrowed string by a malloc'd copy (NULL stays NULL). */
static int
wb_dup_fields(struct wb *wb, const char **f[], size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (*f[i] == NULL)
			continue;
		if ((*f[i] = strdup(*f[i])) == NULL) {
			for (j = 0; j < i; j++) {
				free((void *)*f[j]);
				*f[j] = NULL;
			}
			return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot read the workbook"));
		}
	}
	return 0;
}

static void
wb_free_fields(const char **f[], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((void *)*f[i]);
		*f[i] = NULL;
	}
}

/* 1 if row id of tbl exists and is not deleted, 0 if not, -1 on error. */
static int
wb_live(struct wb *wb, const char *tbl, int64_t id)
{
	char sql[128];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?1 AND deleted = 0", tbl);
	if (wb_prep(wb, sql, &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		sqlite3_finalize(st);
		return 1;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return 0;
	}
	rc = sqlite3_extended_errcode(wb->db);
	sqlite3_finalize(st);
	return wb__sqlerr(wb, rc, _("cannot read the workbook"));
}

static int
wb_in(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (s != NULL && strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static int
wb_need_text(struct wb *wb, const char *s, const char *what, const char *msg)
{
	if (s == NULL || *s == '\0')
		return wb__err(wb, _("%s: %s: %s"), wb->path, what, msg);
	return 0;
}

/* Run a row-changing statement inside an edit, recording history for
 * tbl/id: snapshot before, run st, record. */
static int
wb_change(struct wb *wb, sqlite3_stmt *st, const char *label, const char *tbl,
    const char *key, const char *what)
{
	char *before = NULL;
	int r;

	if (wb__row_json(wb, tbl, key, &before) != 0) {
		sqlite3_finalize(st);
		return -1;
	}
	r = wb_done(wb, st, what);
	if (r == 0)
		r = wb__record(wb, label, tbl, key, before);
	free(before);
	return r;
}

/* Tombstone row id of tbl (must be live), with history. Inside an edit. */
static int
wb_tombstone(struct wb *wb, const char *tbl, int64_t id, const char *label,
    const char *what)
{
	char sql[128], key[24], now[WB_TIME_SIZE];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "UPDATE %s SET deleted = 1, updated = ?2"
	    " WHERE id = ?1 AND deleted = 0", tbl);
	if (wb_prep(wb, sql, &st) != 0)
		return -1;
	wb__now(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	wb_key(key, id);
	return wb_change(wb, st, label, tbl, key, what);
}

static int
wb_gone(struct wb *wb, const char *what, const char *thing)
{
	return wb__err(wb, _("%s: %s: there is no such %s (it may have been deleted,"
	    " perhaps in another window)"), wb->path, what, thing);
}

/* Edit wrapper for a plain soft delete. */
static int
wb_delete_row(struct wb *wb, const char *tbl, int64_t id, const char *label,
    const char *what, const char *thing)
{
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_live(wb, tbl, id);
	if (r == 0)
		r = wb_gone(wb, what, thing);
	else if (r == 1)
		r = wb_tombstone(wb, tbl, id, label, what);
	return wb__edit_end(wb, r, what);
}

/* Check that id (non-zero) is a live row of tbl; inside an edit. */
static int
wb_need_live(struct wb *wb, const char *tbl, int64_t id, const char *what,
    const char *thing)
{
	int r = wb_live(wb, tbl, id);

	if (r == 0)
		return wb_gone(wb, what, thing);
	return r < 0 ? -1 : 0;
}

/* ---- workbook details ---- */

int
wb_details_get(struct wb *wb, struct wb_details *out)
{
	sqlite3_stmt *st;
	const char **f[] = { &out->title, &out->country, &out->date_start,
	    &out->date_end, &out->venue, &out->facilitator };
	int rc;

	memset(out, 0, sizeof *out);
	if (wb_prep(wb, "SELECT title, country, date_start, date_end, venue,"
	    " facilitator, updated FROM workbook WHERE id = 1", &st) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? SQLITE_CORRUPT : sqlite3_extended_errcode(wb->db);
		sqlite3_finalize(st);
		return wb__sqlerr(wb, rc, _("cannot read the workbook details"));
	}
	out->title = wb_col(st, 0);
	out->country = wb_col(st, 1);
	out->date_start = wb_col(st, 2);
	out->date_end = wb_col(st, 3);
	out->venue = wb_col(st, 4);
	out->facilitator = wb_col(st, 5);
	wb_col_time(out->updated, st, 6);
	rc = wb_dup_fields(wb, f, sizeof f / sizeof f[0]);
	sqlite3_finalize(st);
	if (rc != 0)
		memset(out, 0, sizeof *out);
	return rc;
}

void
wb_details_free(struct wb_details *d)
{
	const char **f[] = { &d->title, &d->country, &d->date_start,
	    &d->date_end, &d->venue, &d->facilitator };

	wb_free_fields(f, sizeof f / sizeof f[0]);
}

int
wb_details_set(struct wb *wb, const struct wb_details *d)
{
	const char *what = _("cannot save the workbook details");
	char now[WB_TIME_SIZE];
	sqlite3_stmt *st;
	int r;

	if (d->date_start != NULL && *d->date_start != '\0' &&
	    !wb__valid_date(d->date_start))
		return wb__err(wb, _("%s: %s: the start date must look like"
		    " 2026-11-23"), wb->path, what);
	if (d->date_end != NULL && *d->date_end != '\0' &&
	    !wb__valid_date(d->date_end))
		return wb__err(wb, _("%s: %s: the end date must look like"
		    " 2026-11-23"), wb->path, what);
	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_prep(wb, "UPDATE workbook SET title = ?1, country = ?2,"
	    " date_start = ?3, date_end = ?4, venue = ?5, facilitator = ?6,"
	    " updated = ?7 WHERE id = 1", &st);
	if (r == 0) {
		wb__now(now);
		wb_bind_text(st, 1, d->title);
		wb_bind_text(st, 2, d->country);
		wb_bind_text(st, 3, d->date_start);
		wb_bind_text(st, 4, d->date_end);
		wb_bind_text(st, 5, d->venue);
		wb_bind_text(st, 6, d->facilitator);
		sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
		r = wb_change(wb, st, N_("edit workbook details"), "workbook", "1", what);
	}
	return wb__edit_end(wb, r, what);
}

/* ---- scale ---- */

int
wb_scale_each(struct wb *wb, int (*cb)(const struct wb_scale *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_scale s;
	int rc, r = 0;

	if (wb_prep(wb, "SELECT code, position, label, is_stage FROM scale"
	    " WHERE deleted = 0 ORDER BY position, code", &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s.code = wb_col(st, 0);
		s.position = sqlite3_column_int(st, 1);
		s.label = wb_col(st, 2);
		s.is_stage = sqlite3_column_int(st, 3);
		if ((r = cb(&s, arg)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db),
		    _("cannot read the rating scale"));
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

/* ---- items ---- */

static void
wb_item_row(sqlite3_stmt *st, struct wb_item *it)
{
	it->ref = wb_col(st, 0);
	it->current = wb_col_null(st, 1);
	it->target = wb_col_null(st, 2);
	it->needs_review = sqlite3_column_int(st, 3);
	it->consensus = sqlite3_column_int(st, 4);
	wb_col_time(it->updated, st, 5);
}

int
wb_item_get(struct wb *wb, const char *ref, struct wb_item *out)
{
	sqlite3_stmt *st;
	const char **f[] = { &out->ref, &out->current, &out->target };
	int rc;

	memset(out, 0, sizeof *out);
	if (ref == NULL)
		return wb__err(wb, _("%s: no item reference given"), wb->path);
	if (wb_prep(wb, "SELECT ref, current, target, needs_review, consensus,"
	    " updated FROM item WHERE ref = ?1", &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		wb_item_row(st, out);
	else if (rc == SQLITE_DONE)
		out->ref = ref;
	else {
		rc = sqlite3_extended_errcode(wb->db);
		sqlite3_finalize(st);
		return wb__sqlerr(wb, rc, _("cannot read the item"));
	}
	rc = wb_dup_fields(wb, f, sizeof f / sizeof f[0]);
	sqlite3_finalize(st);
	if (rc != 0)
		memset(out, 0, sizeof *out);
	return rc;
}

void
wb_item_free(struct wb_item *it)
{
	const char **f[] = { &it->ref, &it->current, &it->target };

	wb_free_fields(f, sizeof f / sizeof f[0]);
}

int
wb_item_set(struct wb *wb, const struct wb_item *it)
{
	const char *what = _("cannot save the rating");
	char now[WB_TIME_SIZE];
	sqlite3_stmt *st;
	int r;

	if (wb_need_text(wb, it->ref, what, _("no item reference given")) != 0)
		return -1;
	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = 0;
	if (it->current != NULL && (r = wb_scale_ok(wb, it->current)) == 0)
		r = wb__err(wb, _("%s: %s: \"%s\" is not a level of the rating scale"),
		    wb->path, what, it->current);
	if (r >= 0 && it->target != NULL && (r = wb_scale_ok(wb, it->target)) == 0)
		r = wb__err(wb, _("%s: %s: \"%s\" is not a level of the rating scale"),
		    wb->path, what, it->target);
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
		r = wb_change(wb, st, N_("rate item"), "item", it->ref, what);
	}
	return wb__edit_end(wb, r < 0 ? -1 : 0, what);
}

int
wb_items_each(struct wb *wb, int (*cb)(const struct wb_item *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_item it;
	int rc, r = 0;

	if (wb_prep(wb, "SELECT ref, current, target, needs_review, consensus,"
	    " updated FROM item ORDER BY ref", &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		wb_item_row(st, &it);
		if ((r = cb(&it, arg)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db),
		    _("cannot read the items"));
	sqlite3_finalize(st);
	return r;
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

/* The body of every wb_*_each(): rows become a borrowed record for cb. */
#define WB_EACH(wb, st, row, rec, cb, arg, what) do {			\
	int r_ = 0;							\
	while (wb_next((wb), (st), &r_, (what))) {			\
		row((st), &(rec));					\
		if ((r_ = (cb)(&(rec), (arg))) != 0)			\
			break;						\
	}								\
	sqlite3_finalize(st);						\
	return r_;							\
} while (0)

/* Fetch one live record by id with `row`, then copy its strings. */
static int
wb_get(struct wb *wb, const char *sql, int64_t id, void (*row)(sqlite3_stmt *, void *),
    void *rec, const char **f[], size_t nf, const char *what, const char *thing)
{
	sqlite3_stmt *st;
	int rc;

	if (wb_prep(wb, sql, &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		row(st, rec);
		rc = wb_dup_fields(wb, f, nf);
	} else if (rc == SQLITE_DONE)
		rc = wb_gone(wb, what, thing);
	else
		rc = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), what);
	sqlite3_finalize(st);
	return rc;
}

/* ---- notes ---- */

static void
wb_note_row(sqlite3_stmt *st, void *p)
{
	struct wb_note *n = p;

	n->id = sqlite3_column_int64(st, 0);
	n->ref = wb_col(st, 1);
	n->body = wb_col(st, 2);
	n->group_id = sqlite3_column_int64(st, 3);
	wb_col_time(n->created, st, 4);
	wb_col_time(n->updated, st, 5);
}

#define WB_NOTE_COLS "SELECT id, ref, body, group_id, created, updated FROM note"

static int
wb_note_check(struct wb *wb, const struct wb_note *n, const char *what)
{
	if (wb_need_text(wb, n->ref, what, _("no item reference given")) != 0 ||
	    wb_need_text(wb, n->body, what, _("the note is empty; type some text")) != 0)
		return -1;
	if (n->group_id != 0)
		return wb_need_live(wb, "breakout_group", n->group_id, what,
		    _("breakout group"));
	return 0;
}

int
wb_note_add(struct wb *wb, const struct wb_note *n, int64_t *id)
{
	const char *what = _("cannot add the note");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t nid = wb__random_id();
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_note_check(wb, n, what);
	if (r == 0)
		r = wb_prep(wb, "INSERT INTO note(id, ref, body, group_id, created,"
		    " updated, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?5, (SELECT"
		    " coalesce(max(seq), 0) + 1 FROM history))", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, nid);
		wb_bind_text(st, 2, n->ref);
		wb_bind_text(st, 3, n->body);
		wb_bind_id(st, 4, n->group_id);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		wb_key(key, nid);
		r = wb_change(wb, st, N_("add note"), "note", key, what);
	}
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb_note_update(struct wb *wb, const struct wb_note *n)
{
	const char *what = _("cannot save the note");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "note", n->id, what, _("note"));
	if (r == 0)
		r = wb_note_check(wb, n, what);
	if (r == 0)
		r = wb_prep(wb, "UPDATE note SET ref = ?2, body = ?3, group_id = ?4,"
		    " updated = ?5 WHERE id = ?1", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, n->id);
		wb_bind_text(st, 2, n->ref);
		wb_bind_text(st, 3, n->body);
		wb_bind_id(st, 4, n->group_id);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		wb_key(key, n->id);
		r = wb_change(wb, st, N_("edit note"), "note", key, what);
	}
	return wb__edit_end(wb, r, what);
}

int
wb_note_delete(struct wb *wb, int64_t id)
{
	return wb_delete_row(wb, "note", id, N_("delete note"),
	    _("cannot delete the note"), _("note"));
}

int
wb_note_get(struct wb *wb, int64_t id, struct wb_note *out)
{
	const char **f[] = { &out->ref, &out->body };

	memset(out, 0, sizeof *out);
	return wb_get(wb, WB_NOTE_COLS " WHERE id = ?1 AND deleted = 0", id,
	    wb_note_row, out, f, 2, _("cannot read the note"), _("note"));
}

void
wb_note_free(struct wb_note *n)
{
	const char **f[] = { &n->ref, &n->body };

	wb_free_fields(f, 2);
}

int
wb_notes_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_note *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_note n;

	if (wb_prep(wb, ref != NULL ?
	    WB_NOTE_COLS " WHERE deleted = 0 AND ref = ?1 ORDER BY created, seq, id" :
	    WB_NOTE_COLS " WHERE deleted = 0 ORDER BY ref, created, seq, id", &st) != 0)
		return -1;
	if (ref != NULL)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	WB_EACH(wb, st, wb_note_row, n, cb, arg, _("cannot read the notes"));
}

/* ---- evidence ---- */

static void
wb_evidence_row(sqlite3_stmt *st, void *p)
{
	struct wb_evidence *e = p;

	e->id = sqlite3_column_int64(st, 0);
	e->ref = wb_col(st, 1);
	e->name = wb_col(st, 2);
	e->location = wb_col(st, 3);
	wb_col_time(e->created, st, 4);
	wb_col_time(e->updated, st, 5);
}

#define WB_EVIDENCE_COLS "SELECT id, ref, name, location, created, updated FROM evidence"

static int
wb_evidence_check(struct wb *wb, const struct wb_evidence *e, const char *what)
{
	if (wb_need_text(wb, e->ref, what, _("no item reference given")) != 0 ||
	    wb_need_text(wb, e->name, what, _("the evidence has no name; name the"
	    " document or source")) != 0)
		return -1;
	return 0;
}

int
wb_evidence_add(struct wb *wb, const struct wb_evidence *e, int64_t *id)
{
	const char *what = _("cannot add the evidence");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t nid = wb__random_id();
	int r;

	if (wb_evidence_check(wb, e, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_prep(wb, "INSERT INTO evidence(id, ref, name, location, created,"
	    " updated) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, nid);
		wb_bind_text(st, 2, e->ref);
		wb_bind_text(st, 3, e->name);
		wb_bind_text(st, 4, e->location);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		wb_key(key, nid);
		r = wb_change(wb, st, N_("add evidence"), "evidence", key, what);
	}
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb_evidence_update(struct wb *wb, const struct wb_evidence *e)
{
	const char *what = _("cannot save the evidence");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int r;

	if (wb_evidence_check(wb, e, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "evidence", e->id, what, _("evidence"));
	if (r == 0)
		r = wb_prep(wb, "UPDATE evidence SET ref = ?2, name = ?3,"
		    " location = ?4, updated = ?5 WHERE id = ?1", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, e->id);
		wb_bind_text(st, 2, e->ref);
		wb_bind_text(st, 3, e->name);
		wb_bind_text(st, 4, e->location);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		wb_key(key, e->id);
		r = wb_change(wb, st, N_("edit evidence"), "evidence", key, what);
	}
	return wb__edit_end(wb, r, what);
}

int
wb_evidence_delete(struct wb *wb, int64_t id)
{
	return wb_delete_row(wb, "evidence", id, N_("delete evidence"),
	    _("cannot delete the evidence"), _("evidence"));
}

int
wb_evidence_get(struct wb *wb, int64_t id, struct wb_evidence *out)
{
	const char **f[] = { &out->ref, &out->name, &out->location };

	memset(out, 0, sizeof *out);
	return wb_get(wb, WB_EVIDENCE_COLS " WHERE id = ?1 AND deleted = 0", id,
	    wb_evidence_row, out, f, 3, _("cannot read the evidence"), _("evidence"));
}

void
wb_evidence_free(struct wb_evidence *e)
{
	const char **f[] = { &e->ref, &e->name, &e->location };

	wb_free_fields(f, 3);
}

int
wb_evidence_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_evidence *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_evidence e;

	if (wb_prep(wb, ref != NULL ?
	    WB_EVIDENCE_COLS " WHERE deleted = 0 AND ref = ?1 ORDER BY created, id" :
	    WB_EVIDENCE_COLS " WHERE deleted = 0 ORDER BY ref, created, id", &st) != 0)
		return -1;
	if (ref != NULL)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	WB_EACH(wb, st, wb_evidence_row, e, cb, arg, _("cannot read the evidence"));
}

/* ---- stakeholders ---- */

static const char *const wb_categories[] = { "national_government",
	"other_government", "non_governmental", "individual_citizens",
	"international_partner", NULL };
static const char *const wb_engagements[] = { "unaware", "resistant",
	"neutral", "supportive", "leading", NULL };

static void
wb_stakeholder_row(sqlite3_stmt *st, void *p)
{
	struct wb_stakeholder *s = p;

	s->id = sqlite3_column_int64(st, 0);
	s->name = wb_col(st, 1);
	s->category = wb_col(st, 2);
	s->contact = wb_col(st, 3);
	s->responsibilities = wb_col(st, 4);
	s->influence = sqlite3_column_int(st, 5);
	s->interest = sqlite3_column_int(st, 6);
	s->engagement = wb_col(st, 7);
	wb_col_time(s->created, st, 8);
	wb_col_time(s->updated, st, 9);
}

#define WB_STAKEHOLDER_COLS "SELECT id, name, category, contact, responsibilities," \
	" influence, interest, engagement, created, updated FROM stakeholder"

static int
wb_stakeholder_check(struct wb *wb, const struct wb_stakeholder *s, const char *what)
{
	if (wb_need_text(wb, s->name, what, _("the stakeholder has no name")) != 0)
		return -1;
	if (!wb_in(s->category, wb_categories))
		return wb__err(wb, _("%s: %s: the category must be one of"
		    " national_government, other_government, non_governmental,"
		    " individual_citizens, international_partner"), wb->path, what);
	if (s->engagement != NULL && !wb_in(s->engagement, wb_engagements))
		return wb__err(wb, _("%s: %s: the engagement must be one of unaware,"
		    " resistant, neutral, supportive, leading"), wb->path, what);
	if ((s->influence != 0 && (s->influence < 1 || s->influence > 5)) ||
	    (s->interest != 0 && (s->interest < 1 || s->interest > 5)))
		return wb__err(wb, _("%s: %s: influence and interest must be from 1"
		    " to 5"), wb->path, what);
	return 0;
}

static void
wb_stakeholder_bind(sqlite3_stmt *st, const struct wb_stakeholder *s)
{
	wb_bind_text(st, 2, s->name);
	wb_bind_text(st, 3, s->category);
	wb_bind_text(st, 4, s->contact);
	wb_bind_text(st, 5, s->responsibilities);
	sqlite3_bind_int(st, 6, s->influence != 0 ? s->influence : 3);
	sqlite3_bind_int(st, 7, s->interest != 0 ? s->interest : 3);
	sqlite3_bind_text(st, 8, s->engagement != NULL ? s->engagement : "neutral",
	    -1, SQLITE_STATIC);
}

int
wb_stakeholder_add(struct wb *wb, const struct wb_stakeholder *s, int64_t *id)
{
	const char *what = _("cannot add the stakeholder");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t nid = wb__random_id();
	int r;

	if (wb_stakeholder_check(wb, s, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_prep(wb, "INSERT INTO stakeholder(id, name, category, contact,"
	    " responsibilities, influence, interest, engagement, created, updated)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, nid);
		wb_stakeholder_bind(st, s);
		sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
		wb_key(key, nid);
		r = wb_change(wb, st, N_("add stakeholder"), "stakeholder", key, what);
	}
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb_stakeholder_update(struct wb *wb, const struct wb_stakeholder *s)
{
	const char *what = _("cannot save the stakeholder");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int r;

	if (wb_stakeholder_check(wb, s, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "stakeholder", s->id, what, _("stakeholder"));
	if (r == 0)
		r = wb_prep(wb, "UPDATE stakeholder SET name = ?2, category = ?3,"
		    " contact = ?4, responsibilities = ?5, influence = ?6,"
		    " interest = ?7, engagement = ?8, updated = ?9 WHERE id = ?1", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, s->id);
		wb_stakeholder_bind(st, s);
		sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
		wb_key(key, s->id);
		r = wb_change(wb, st, N_("edit stakeholder"), "stakeholder", key, what);
	}
	return wb__edit_end(wb, r, what);
}

/* Collect the live ids of a query with one bound id (small lists). */
static int
wb_ids(struct wb *wb, const char *sql, int64_t id, int64_t **out, size_t *n)
{
	sqlite3_stmt *st;
	int64_t *v = NULL, *nv;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (wb_prep(wb, sql, &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				free(v);
				sqlite3_finalize(st);
				return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot read the workbook"));
			}
			v = nv;
		}
		v[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(wb->db);
		free(v);
		sqlite3_finalize(st);
		*n = 0;
		return wb__sqlerr(wb, rc, _("cannot read the workbook"));
	}
	sqlite3_finalize(st);
	*out = v;
	return 0;
}

int
wb_stakeholder_delete(struct wb *wb, int64_t id)
{
	const char *what = _("cannot delete the stakeholder");
	const char *label = N_("delete stakeholder");
	int64_t *ids = NULL;
	size_t n = 0, i;
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "stakeholder", id, what, _("stakeholder"));
	if (r == 0)
		r = wb_ids(wb, "SELECT id FROM role WHERE stakeholder_id = ?1 AND"
		    " deleted = 0", id, &ids, &n);
	for (i = 0; r == 0 && i < n; i++)
		r = wb_tombstone(wb, "role", ids[i], label, what);
	free(ids);
	ids = NULL;
	if (r == 0)
		r = wb_ids(wb, "SELECT id FROM relation WHERE (from_id = ?1 OR"
		    " to_id = ?1) AND deleted = 0", id, &ids, &n);
	for (i = 0; r == 0 && i < n; i++)
		r = wb_tombstone(wb, "relation", ids[i], label, what);
	free(ids);
	if (r == 0)
		r = wb_tombstone(wb, "stakeholder", id, label, what);
	return wb__edit_end(wb, r, what);
}

int
wb_stakeholder_get(struct wb *wb, int64_t id, struct wb_stakeholder *out)
{
	const char **f[] = { &out->name, &out->category, &out->contact,
	    &out->responsibilities, &out->engagement };

	memset(out, 0, sizeof *out);
	return wb_get(wb, WB_STAKEHOLDER_COLS " WHERE id = ?1 AND deleted = 0", id,
	    wb_stakeholder_row, out, f, 5, _("cannot read the stakeholder"),
	    _("stakeholder"));
}

void
wb_stakeholder_free(struct wb_stakeholder *s)
{
	const char **f[] = { &s->name, &s->category, &s->contact,
	    &s->responsibilities, &s->engagement };

	wb_free_fields(f, 5);
}

int
wb_stakeholders_each(struct wb *wb,
    int (*cb)(const struct wb_stakeholder *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_stakeholder s;

	if (wb_prep(wb, WB_STAKEHOLDER_COLS " WHERE deleted = 0 ORDER BY name, id",
	    &st) != 0)
		return -1;
	WB_EACH(wb, st, wb_stakeholder_row, s, cb, arg, _("cannot read the stakeholders"));
}

/* ---- actions ---- */

static const char *const wb_priorities[] = { "high", "medium", "low", NULL };
static const char *const wb_statuses[] = { "open", "in_progress", "done",
	"dropped", NULL };

static void
wb_action_row(sqlite3_stmt *st, void *p)
{
	struct wb_action *a = p;

	a->id = sqlite3_column_int64(st, 0);
	a->ref = wb_col(st, 1);
	a->title = wb_col(st, 2);
	a->owner_id = sqlite3_column_int64(st, 3);
	a->due = wb_col(st, 4);
	a->priority = wb_col(st, 5);
	a->status = wb_col(st, 6);
	wb_col_time(a->created, st, 7);
	wb_col_time(a->updated, st, 8);
}

#define WB_ACTION_COLS "SELECT id, ref, title, owner_id, due, priority, status," \
	" created, updated FROM action"

static int
wb_action_check(struct wb *wb, const struct wb_action *a, const char *what)
{
	if (wb_need_text(wb, a->ref, what, _("no item reference given")) != 0 ||
	    wb_need_text(wb, a->title, what, _("the action has no title")) != 0)
		return -1;
	if (a->due != NULL && *a->due != '\0' && !wb__valid_date(a->due))
		return wb__err(wb, _("%s: %s: the due date must be a date like"
		    " 2027-03-31, or empty"), wb->path, what);
	if (a->priority != NULL && !wb_in(a->priority, wb_priorities))
		return wb__err(wb, _("%s: %s: the priority must be high, medium or"
		    " low"), wb->path, what);
	if (a->status != NULL && !wb_in(a->status, wb_statuses))
		return wb__err(wb, _("%s: %s: the status must be open, in_progress,"
		    " done or dropped"), wb->path, what);
	return 0;
}

static void
wb_action_bind(sqlite3_stmt *st, const struct wb_action *a)
{
	wb_bind_text(st, 2, a->ref);
	wb_bind_text(st, 3, a->title);
	wb_bind_id(st, 4, a->owner_id);
	if (a->due != NULL && *a->due != '\0')
		sqlite3_bind_text(st, 5, a->due, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, a->priority != NULL ? a->priority : "medium", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 7, a->status != NULL ? a->status : "open", -1,
	    SQLITE_STATIC);
}

int
wb_action_add(struct wb *wb, const struct wb_action *a, int64_t *id)
{
	const char *what = _("cannot add the action");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t nid = wb__random_id();
	int r;

	if (wb_action_check(wb, a, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = a->owner_id != 0 ? wb_need_live(wb, "stakeholder", a->owner_id, what,
	    _("stakeholder")) : 0;
	if (r == 0)
		r = wb_prep(wb, "INSERT INTO action(id, ref, title, owner_id, due,"
		    " priority, status, created, updated) VALUES (?1, ?2, ?3, ?4, ?5,"
		    " ?6, ?7, ?8, ?8)", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, nid);
		wb_action_bind(st, a);
		sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
		wb_key(key, nid);
		r = wb_change(wb, st, N_("add action"), "action", key, what);
	}
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb_action_update(struct wb *wb, const struct wb_action *a)
{
	const char *what = _("cannot save the action");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int r;

	if (wb_action_check(wb, a, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "action", a->id, what, _("action"));
	if (r == 0 && a->owner_id != 0)
		r = wb_need_live(wb, "stakeholder", a->owner_id, what, _("stakeholder"));
	if (r == 0)
		r = wb_prep(wb, "UPDATE action SET ref = ?2, title = ?3, owner_id = ?4,"
		    " due = ?5, priority = ?6, status = ?7, updated = ?8 WHERE id = ?1",
		    &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, a->id);
		wb_action_bind(st, a);
		sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
		wb_key(key, a->id);
		r = wb_change(wb, st, N_("edit action"), "action", key, what);
	}
	return wb__edit_end(wb, r, what);
}

int
wb_action_delete(struct wb *wb, int64_t id)
{
	return wb_delete_row(wb, "action", id, N_("delete action"),
	    _("cannot delete the action"), _("action"));
}

int
wb_action_get(struct wb *wb, int64_t id, struct wb_action *out)
{
	const char **f[] = { &out->ref, &out->title, &out->due, &out->priority,
	    &out->status };

	memset(out, 0, sizeof *out);
	return wb_get(wb, WB_ACTION_COLS " WHERE id = ?1 AND deleted = 0", id,
	    wb_action_row, out, f, 5, _("cannot read the action"), _("action"));
}

void
wb_action_free(struct wb_action *a)
{
	const char **f[] = { &a->ref, &a->title, &a->due, &a->priority, &a->status };

	wb_free_fields(f, 5);
}

int
wb_actions_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_action *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_action a;

	if (wb_prep(wb, ref != NULL ?
	    WB_ACTION_COLS " WHERE deleted = 0 AND ref = ?1"
	    " ORDER BY due IS NULL, due, created, id" :
	    WB_ACTION_COLS " WHERE deleted = 0 ORDER BY due IS NULL, due, created, id",
	    &st) != 0)
		return -1;
	if (ref != NULL)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	WB_EACH(wb, st, wb_action_row, a, cb, arg, _("cannot read the actions"));
}

/* ---- roles ---- */

static const char *const wb_role_names[] = { "responsible", "accountable",
	"consulted", "informed", NULL };

static void
wb_role_row(sqlite3_stmt *st, void *p)
{
	struct wb_role *r = p;

	r->id = sqlite3_column_int64(st, 0);
	r->stakeholder_id = sqlite3_column_int64(st, 1);
	r->ref = wb_col(st, 2);
	r->role = wb_col(st, 3);
	wb_col_time(r->created, st, 4);
	wb_col_time(r->updated, st, 5);
}

/* wb_role_set, or with REPLACE the lead's replacement: a current accountable
 * other than stakeholder_id becomes responsible in the same edit (one undo). */
static int
wb_role_put(struct wb *wb, int64_t stakeholder_id, const char *ref,
    const char *role, int replace, int64_t *id)
{
	const char *what = _("cannot set the role");
	const char *label = replace ? N_("replace lead") : N_("set role");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t rid = 0, lead = 0, leadrid = 0;
	char *old = NULL, *leadname = NULL;
	int r, rc;

	if (wb_need_text(wb, ref, what, _("no item reference given")) != 0)
		return -1;
	if (!wb_in(role, wb_role_names))
		return wb__err(wb, _("%s: %s: the role must be responsible,"
		    " accountable, consulted or informed"), wb->path, what);
	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "stakeholder", stakeholder_id, what, _("stakeholder"));
	/* The stakeholder's current role for ref, if any. */
	if (r == 0 && (r = wb_prep(wb, "SELECT id, role FROM role WHERE"
	    " stakeholder_id = ?1 AND ref = ?2 AND deleted = 0", &st)) == 0) {
		sqlite3_bind_int64(st, 1, stakeholder_id);
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			rid = sqlite3_column_int64(st, 0);
			old = strdup(wb_col(st, 1));
			if (old == NULL)
				rc = SQLITE_NOMEM;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), what);
		else if (rc == SQLITE_NOMEM)
			r = wb__sqlerr(wb, rc, what);
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
			lead = sqlite3_column_int64(st, 0);
			leadname = strdup(wb_col(st, 1));
			leadrid = sqlite3_column_int64(st, 2);
		} else if (rc != SQLITE_DONE)
			r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), what);
		sqlite3_finalize(st);
		if (r == 0 && lead != 0 && replace && (r = wb_prep(wb, "UPDATE role SET"
		    " role = 'responsible', updated = ?2 WHERE id = ?1", &st)) == 0) {
			/* The former lead stays involved, as responsible. */
			wb__now(now);
			sqlite3_bind_int64(st, 1, leadrid);
			sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
			wb_key(key, leadrid);
			r = wb_change(wb, st, label, "role", key, what);
		} else if (r == 0 && lead != 0)
			r = wb__err(wb, _("%s: %s: %s is already accountable for %s and"
			    " only one stakeholder can be; change that role first"),
			    wb->path, what, leadname != NULL ? leadname : "?", ref);
	}
	if (r == 0 && rid != 0 && strcmp(old, role) == 0) {
		/* Nothing to change. */
	} else if (r == 0 && rid != 0) {
		if ((r = wb_prep(wb, "UPDATE role SET role = ?2, updated = ?3 WHERE"
		    " id = ?1", &st)) == 0) {
			wb__now(now);
			sqlite3_bind_int64(st, 1, rid);
			sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
			wb_key(key, rid);
			r = wb_change(wb, st, label, "role", key, what);
		}
	} else if (r == 0) {
		rid = wb__random_id();
		if ((r = wb_prep(wb, "INSERT INTO role(id, stakeholder_id, ref, role,"
		    " created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", &st)) == 0) {
			wb__now(now);
			sqlite3_bind_int64(st, 1, rid);
			sqlite3_bind_int64(st, 2, stakeholder_id);
			sqlite3_bind_text(st, 3, ref, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
			wb_key(key, rid);
			r = wb_change(wb, st, label, "role", key, what);
		}
	}
	free(old);
	free(leadname);
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = rid;
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
	return wb_delete_row(wb, "role", id, N_("remove role"),
	    _("cannot remove the role"), _("role"));
}

int
wb_roles_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_role *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_role r;

#define WB_ROLE_SQL "SELECT r.id, r.stakeholder_id, r.ref, r.role, r.created," \
	" r.updated FROM role r JOIN stakeholder s ON s.id = r.stakeholder_id" \
	" WHERE r.deleted = 0 AND s.deleted = 0"
	if (wb_prep(wb, ref != NULL ?
	    WB_ROLE_SQL " AND r.ref = ?1 ORDER BY r.role = 'accountable' DESC,"
	    " r.role, s.name, r.id" :
	    WB_ROLE_SQL " ORDER BY r.ref, r.role = 'accountable' DESC, r.role,"
	    " s.name, r.id", &st) != 0)
		return -1;
#undef WB_ROLE_SQL
	if (ref != NULL)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	WB_EACH(wb, st, wb_role_row, r, cb, arg, _("cannot read the roles"));
}

/* ---- relations ---- */

static const char *const wb_kinds[] = { "depends_on", "coordinates_with",
	"reports_to", NULL };

static void
wb_relation_row(sqlite3_stmt *st, void *p)
{
	struct wb_relation *r = p;

	r->id = sqlite3_column_int64(st, 0);
	r->from_id = sqlite3_column_int64(st, 1);
	r->to_id = sqlite3_column_int64(st, 2);
	r->kind = wb_col(st, 3);
	wb_col_time(r->created, st, 4);
	wb_col_time(r->updated, st, 5);
}

int
wb_relation_add(struct wb *wb, int64_t from_id, int64_t to_id,
    const char *kind, int64_t *id)
{
	const char *what = _("cannot add the relation");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t nid = wb__random_id();
	int r;

	if (!wb_in(kind, wb_kinds))
		return wb__err(wb, _("%s: %s: the kind must be depends_on,"
		    " coordinates_with or reports_to"), wb->path, what);
	if (from_id == to_id)
		return wb__err(wb, _("%s: %s: a stakeholder cannot be related to"
		    " itself; choose two stakeholders"), wb->path, what);
	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "stakeholder", from_id, what, _("stakeholder"));
	if (r == 0)
		r = wb_need_live(wb, "stakeholder", to_id, what, _("stakeholder"));
	if (r == 0)
		r = wb_prep(wb, "INSERT INTO relation(id, from_id, to_id, kind,"
		    " created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, nid);
		sqlite3_bind_int64(st, 2, from_id);
		sqlite3_bind_int64(st, 3, to_id);
		sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		wb_key(key, nid);
		r = wb_change(wb, st, N_("add relation"), "relation", key, what);
	}
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb_relation_delete(struct wb *wb, int64_t id)
{
	return wb_delete_row(wb, "relation", id, N_("delete relation"),
	    _("cannot delete the relation"), _("relation"));
}

int
wb_relations_each(struct wb *wb, int64_t stakeholder_id,
    int (*cb)(const struct wb_relation *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_relation r;

	if (wb_prep(wb, "SELECT r.id, r.from_id, r.to_id, r.kind, r.created,"
	    " r.updated FROM relation r JOIN stakeholder a ON a.id = r.from_id"
	    " JOIN stakeholder b ON b.id = r.to_id WHERE r.deleted = 0 AND"
	    " a.deleted = 0 AND b.deleted = 0 AND (?1 = 0 OR r.from_id = ?1 OR"
	    " r.to_id = ?1) ORDER BY a.name, r.kind, b.name, r.id", &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, stakeholder_id);
	WB_EACH(wb, st, wb_relation_row, r, cb, arg, _("cannot read the relations"));
}

/* ---- breakout groups ---- */

static void
wb_group_row(sqlite3_stmt *st, void *p)
{
	struct wb_group *g = p;

	g->id = sqlite3_column_int64(st, 0);
	g->name = wb_col(st, 1);
	wb_col_time(g->created, st, 2);
	wb_col_time(g->updated, st, 3);
}

int
wb_group_add(struct wb *wb, const char *name, int64_t *id)
{
	const char *what = _("cannot add the breakout group");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t nid = wb__random_id();
	int r;

	if (wb_need_text(wb, name, what, _("the group has no name")) != 0 ||
	    wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_prep(wb, "INSERT INTO breakout_group(id, name, created, updated)"
	    " VALUES (?1, ?2, ?3, ?3)", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, nid);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		wb_key(key, nid);
		r = wb_change(wb, st, N_("add breakout group"), "breakout_group", key, what);
	}
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb_group_rename(struct wb *wb, int64_t id, const char *name)
{
	const char *what = _("cannot rename the breakout group");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int r;

	if (wb_need_text(wb, name, what, _("the group has no name")) != 0 ||
	    wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "breakout_group", id, what, _("breakout group"));
	if (r == 0)
		r = wb_prep(wb, "UPDATE breakout_group SET name = ?2, updated = ?3"
		    " WHERE id = ?1", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		wb_key(key, id);
		r = wb_change(wb, st, N_("rename breakout group"), "breakout_group",
		    key, what);
	}
	return wb__edit_end(wb, r, what);
}

/* Set workbook.current_group (0 = none) with history; inside an edit. */
static int
wb_set_current(struct wb *wb, int64_t id, const char *label, const char *what)
{
	char now[WB_TIME_SIZE];
	sqlite3_stmt *st;

	if (wb_prep(wb, "UPDATE workbook SET current_group = ?1, updated = ?2"
	    " WHERE id = 1", &st) != 0)
		return -1;
	wb__now(now);
	wb_bind_id(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	return wb_change(wb, st, label, "workbook", "1", what);
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
wb_group_set_current(struct wb *wb, int64_t id)
{
	const char *what = _("cannot choose the breakout group");
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = id != 0 ? wb_need_live(wb, "breakout_group", id, what,
	    _("breakout group")) : 0;
	if (r == 0)
		r = wb_set_current(wb, id, N_("choose breakout group"), what);
	return wb__edit_end(wb, r, what);
}

int
wb_group_delete(struct wb *wb, int64_t id)
{
	const char *what = _("cannot delete the breakout group");
	const char *label = N_("delete breakout group");
	int64_t cur = 0;
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "breakout_group", id, what, _("breakout group"));
	if (r == 0)
		r = wb_group_current(wb, &cur);
	if (r == 0 && cur == id)
		r = wb_set_current(wb, 0, label, what);
	if (r == 0)
		r = wb_tombstone(wb, "breakout_group", id, label, what);
	return wb__edit_end(wb, r, what);
}

int
wb_groups_each(struct wb *wb, int (*cb)(const struct wb_group *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_group g;

	if (wb_prep(wb, "SELECT id, name, created, updated FROM breakout_group"
	    " WHERE deleted = 0 ORDER BY name, id", &st) != 0)
		return -1;
	WB_EACH(wb, st, wb_group_row, g, cb, arg, _("cannot read the breakout groups"));
}

/* ---- session log ---- */

static void
wb_log_row(sqlite3_stmt *st, void *p)
{
	struct wb_log *l = p;

	l->id = sqlite3_column_int64(st, 0);
	l->group_id = sqlite3_column_int64(st, 1);
	l->heading = wb_col(st, 2);
	l->consensus = sqlite3_column_int(st, 3);
	l->note = wb_col(st, 4);
	l->at = wb_col(st, 5);
	l->started = wb_col(st, 6);
	l->ended = wb_col(st, 7);
	l->seconds = sqlite3_column_int64(st, 8);
	wb_col_time(l->created, st, 9);
	wb_col_time(l->updated, st, 10);
}

#define WB_LOG_COLS "SELECT id, group_id, heading, consensus, note, at, started, ended," \
	" seconds, created, updated FROM session_log"

/* 1 if s is "" or a time "YYYY-MM-DDTHH:MM:SSZ". */
static int
wb_log_time_ok(const char *s)
{
	unsigned h, m, sec;
	char date[11], z;

	if (s == NULL || *s == '\0')
		return 1;
	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!wb__valid_date(date) ||
	    sscanf(s + 11, "%2u:%2u:%2u%c", &h, &m, &sec, &z) != 4 || z != 'Z')
		return 0;
	return h < 24 && m < 60 && sec < 60;
}

static int
wb_log_check(struct wb *wb, const struct wb_log *l, const char *what)
{
	if (wb_need_text(wb, l->heading, what, _("no heading given")) != 0)
		return -1;
	if (!wb_log_time_ok(l->at) || !wb_log_time_ok(l->started) ||
	    !wb_log_time_ok(l->ended))
		return wb__err(wb, _("%s: %s: a time must look like 2026-11-23T09:30:00Z"),
		    wb->path, what);
	if (l->started != NULL && *l->started != '\0' && l->ended != NULL &&
	    *l->ended != '\0' && strcmp(l->ended, l->started) < 0)
		return wb__err(wb, _("%s: %s: the end time is before the start time"),
		    wb->path, what);
	if (l->seconds < 0)
		return wb__err(wb, _("%s: %s: the time spent cannot be negative"),
		    wb->path, what);
	if (l->group_id != 0)
		return wb_need_live(wb, "breakout_group", l->group_id, what,
		    _("breakout group"));
	return 0;
}

/* Bind ?2.. of an INSERT or UPDATE of session_log (?1 is the id). */
static void
wb_log_bind(sqlite3_stmt *st, const struct wb_log *l, const char *now)
{
	const char *at = l->at;

	if (at == NULL || *at == '\0')
		at = l->started != NULL && *l->started != '\0' ? l->started : now;
	wb_bind_id(st, 2, l->group_id);
	wb_bind_text(st, 3, l->heading);
	sqlite3_bind_int(st, 4, l->consensus != 0);
	wb_bind_text(st, 5, l->note);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_TRANSIENT);
	wb_bind_text(st, 7, l->started);
	wb_bind_text(st, 8, l->ended);
	sqlite3_bind_int64(st, 9, l->seconds);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_TRANSIENT);
}

int
wb_log_add(struct wb *wb, const struct wb_log *l, int64_t *id)
{
	const char *what = _("cannot add to the session log");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int64_t nid = wb__random_id();
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_log_check(wb, l, what);
	if (r == 0)
		r = wb_prep(wb, "INSERT INTO session_log(id, group_id, heading,"
		    " consensus, note, at, started, ended, seconds, created, updated)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, nid);
		wb_log_bind(st, l, now);
		wb_key(key, nid);
		r = wb_change(wb, st, N_("log session"), "session_log", key, what);
	}
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb_log_update(struct wb *wb, const struct wb_log *l)
{
	const char *what = _("cannot save the session log entry");
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb_need_live(wb, "session_log", l->id, what, _("session log entry"));
	if (r == 0)
		r = wb_log_check(wb, l, what);
	if (r == 0)
		r = wb_prep(wb, "UPDATE session_log SET group_id = ?2, heading = ?3,"
		    " consensus = ?4, note = ?5, at = ?6, started = ?7, ended = ?8,"
		    " seconds = ?9, updated = ?10 WHERE id = ?1", &st);
	if (r == 0) {
		wb__now(now);
		sqlite3_bind_int64(st, 1, l->id);
		wb_log_bind(st, l, now);
		wb_key(key, l->id);
		r = wb_change(wb, st, N_("edit session log entry"), "session_log", key,
		    what);
	}
	return wb__edit_end(wb, r, what);
}

int
wb_log_delete(struct wb *wb, int64_t id)
{
	return wb_delete_row(wb, "session_log", id, N_("delete session log entry"),
	    _("cannot delete the session log entry"), _("session log entry"));
}

int
wb_log_get(struct wb *wb, int64_t id, struct wb_log *out)
{
	const char **f[] = { &out->heading, &out->note, &out->at, &out->started,
	    &out->ended };

	memset(out, 0, sizeof *out);
	return wb_get(wb, WB_LOG_COLS " WHERE id = ?1 AND deleted = 0", id, wb_log_row,
	    out, f, sizeof f / sizeof f[0], _("cannot read the session log entry"),
	    _("session log entry"));
}

void
wb_log_free(struct wb_log *l)
{
	const char **f[] = { &l->heading, &l->note, &l->at, &l->started, &l->ended };

	wb_free_fields(f, sizeof f / sizeof f[0]);
}

int
wb_log_each(struct wb *wb, int (*cb)(const struct wb_log *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_log l;

	if (wb_prep(wb, WB_LOG_COLS " WHERE deleted = 0 ORDER BY at, created, id",
	    &st) != 0)
		return -1;
	WB_EACH(wb, st, wb_log_row, l, cb, arg, _("cannot read the session log"));
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
