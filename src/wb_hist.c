/* wb_hist.c: edit transactions, the history table, and undo/redo replayed from it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"

const struct wb_table wb__tables[] = {
	{ "workbook", "id", 0, { "id", "title", "country", "date_start",
	    "date_end", "venue", "facilitator", "current_group", "updated" } },
	{ "item", "ref", 0, { "ref", "current", "target", "needs_review",
	    "consensus", "updated" } },
	{ "breakout_group", "id", 1, { "id", "name", "created", "updated",
	    "deleted" } },
	{ "note", "id", 1, { "id", "ref", "body", "group_id", "created",
	    "updated", "deleted", "seq" } },
	{ "evidence", "id", 1, { "id", "ref", "name", "location", "created",
	    "updated", "deleted" } },
	{ "stakeholder", "id", 1, { "id", "name", "category", "contact",
	    "responsibilities", "influence", "interest", "engagement",
	    "created", "updated", "deleted" } },
	{ "action", "id", 1, { "id", "ref", "title", "owner_id", "due",
	    "priority", "status", "created", "updated", "deleted" } },
	{ "role", "id", 1, { "id", "stakeholder_id", "ref", "role", "created",
	    "updated", "deleted" } },
	{ "relation", "id", 1, { "id", "from_id", "to_id", "kind", "created",
	    "updated", "deleted" } },
	{ "session_log", "id", 1, { "id", "group_id", "heading", "consensus",
	    "note", "at", "started", "ended", "seconds", "created", "updated",
	    "deleted" } },
	{ "conflict", "id", 0, { "id", "tbl", "row_key", "ref", "field", "kept",
	    "kept_source", "kept_at", "other", "other_source", "other_at",
	    "resolved", "created" } },
};
const size_t wb__ntables = sizeof wb__tables / sizeof wb__tables[0];
_Static_assert(sizeof wb__tables / sizeof wb__tables[0] <= WB_STMT_MAXTABLES,
    "room in the statement cache for every table's snapshot");

const struct wb_table *
wb__table_find(const char *name)
{
	size_t i;

	for (i = 0; i < wb__ntables; i++)
		if (strcmp(wb__tables[i].name, name) == 0)
			return &wb__tables[i];
	return NULL;
}

/* Append to buf (size n); the SQL here is built from the constant names above. */
static void
wb_cat(char *buf, size_t n, const char *a, const char *b, const char *c)
{
	size_t l = strlen(buf);

	snprintf(buf + l, n - l, "%s%s%s", a, b != NULL ? b : "", c != NULL ? c : "");
}

static int
wb_step_err(struct wb *wb, int rc)
{
	return wb__sqlerr(wb, rc, _("cannot update the workbook"));
}

void
wb__json_expr(const struct wb_table *t, const char *alias, char *sql, size_t n)
{
	size_t i;

	sql[0] = '\0';
	wb_cat(sql, n, "json_object(", NULL, NULL);
	for (i = 0; i < WB_TABLE_MAXCOLS && t->cols[i] != NULL; i++) {
		wb_cat(sql, n, i ? ", '" : "'", t->cols[i], "', ");
		if (alias != NULL)
			wb_cat(sql, n, alias, ".", NULL);
		wb_cat(sql, n, t->cols[i], NULL, NULL);
	}
	wb_cat(sql, n, ")", NULL, NULL);
}

int
wb__row_json(struct wb *wb, const char *tbl, const char *key, char **json)
{
	const struct wb_table *t = wb__table_find(tbl);
	char sql[1024] = "";
	sqlite3_stmt *st;
	int rc, id;

	*json = NULL;
	if (t == NULL)
		return wb__err(wb, "%s: unknown table %s", wb->path, tbl);
	/* Kept prepared: every edit takes two snapshots. */
	id = WB_STMT_ROW_JSON_ + (int)(t - wb__tables);
	if (wb->stmts[id] == NULL) {
		wb_cat(sql, sizeof sql, "SELECT ", NULL, NULL);
		wb__json_expr(t, NULL, sql + strlen(sql), sizeof sql - strlen(sql));
		wb_cat(sql, sizeof sql, " FROM ", t->name, " WHERE ");
		wb_cat(sql, sizeof sql, t->key, " = ?1", NULL);
	}
	if (wb__stmt(wb, (enum wb_stmt_id)id, sql, &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *j = (const char *)sqlite3_column_text(st, 0);

		if (j == NULL || (*json = strdup(j)) == NULL) {
			wb__stmt_done(st);
			return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot update the workbook"));
		}
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(wb->db);
		wb__stmt_done(st);
		free(*json);
		*json = NULL;
		return wb_step_err(wb, rc);
	}
	wb__stmt_done(st);
	return 0;
}

void
wb__apply_sql(const struct wb_table *t, int absent, char *sql, size_t n)
{
	size_t i;

	sql[0] = '\0';
	if (absent) {
		if (t->has_deleted)
			wb_cat(sql, n, "UPDATE ", t->name, " SET deleted = 1 WHERE ");
		else
			wb_cat(sql, n, "DELETE FROM ", t->name, " WHERE ");
		wb_cat(sql, n, t->key, " = ?1", NULL);
		return;
	}
	wb_cat(sql, n, "INSERT INTO ", t->name, "(");
	for (i = 0; i < WB_TABLE_MAXCOLS && t->cols[i] != NULL; i++)
		wb_cat(sql, n, i ? ", " : "", t->cols[i], NULL);
	wb_cat(sql, n, ") SELECT ", NULL, NULL);
	for (i = 0; i < WB_TABLE_MAXCOLS && t->cols[i] != NULL; i++)
		wb_cat(sql, n, i ? ", json_extract(?2, '$." :
		    "json_extract(?2, '$.", t->cols[i], "')");
	wb_cat(sql, n, " WHERE true ON CONFLICT(", t->key, ") DO UPDATE SET ");
	for (i = 0; i < WB_TABLE_MAXCOLS && t->cols[i] != NULL; i++) {
		wb_cat(sql, n, i ? ", " : "", t->cols[i], " = excluded.");
		wb_cat(sql, n, t->cols[i], NULL, NULL);
	}
}

int
wb__apply(struct wb *wb, const struct wb_table *t, const char *key, const char *json)
{
	char sql[WB_APPLY_SQL_SIZE];
	sqlite3_stmt *st;
	int rc;

	wb__apply_sql(t, json == NULL, sql, sizeof sql);
	rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb_step_err(wb, rc);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (json != NULL)
		sqlite3_bind_text(st, 2, json, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(wb->db);
		sqlite3_finalize(st);
		return wb_step_err(wb, rc);
	}
	sqlite3_finalize(st);
	return 0;
}

/* One integer from SQL, with the undo session ID bound to ?1 if it uses it. */
static int
wb_int_query_id(struct wb *wb, const char *sql, int64_t id, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb_step_err(wb, rc);
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(wb->db);
		sqlite3_finalize(st);
		return wb_step_err(wb, rc);
	}
	sqlite3_finalize(st);
	return 0;
}

static int
wb_int_query(struct wb *wb, const char *sql, int64_t *out)
{
	return wb_int_query_id(wb, sql, wb->session, out);
}

/* Run SQL that takes this instance's undo session as ?1; 0 or -1. */
static int
wb_session_exec(struct wb *wb, const char *sql)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, wb->session);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : wb_step_err(wb, rc);
}

/* The undo session a closed instance left, most recent first; -1 when none is free. */
static int64_t
wb_undo_free_session(struct wb *wb)
{
	int64_t id = -1;

	if (wb_int_query_id(wb, "SELECT coalesce((SELECT id FROM undo_session WHERE closed IS"
	    " NOT NULL ORDER BY closed DESC, id LIMIT 1), -1)", 0, &id) != 0)
		return -1;
	return id;
}

/* Inside the first write transaction: take the free session (its undo list), or start a new
 * one. The claim is made lazily, so that merely opening a workbook writes nothing another
 * instance would notice. */
static int
wb_undo_claim(struct wb *wb)
{
	int64_t id = wb_undo_free_session(wb);

	wb->session = id >= 0 ? id : wb__random_id();
	if (wb_session_exec(wb, "INSERT INTO undo_session(id, closed) VALUES (?1, NULL)"
	    " ON CONFLICT(id) DO UPDATE SET closed = NULL") != 0)
		return -1;
	wb->session_claimed = 1;
	return 0;
}

void
wb__undo_detach(struct wb *wb)
{
	sqlite3_stmt *st;
	char now[WB_TIME_SIZE];

	if (wb->db == NULL || wb->readonly || !wb->session_claimed || wb->in_edit || wb->batch)
		return;
	wb__now(now);
	if (sqlite3_prepare_v2(wb->db, "UPDATE undo_session SET closed = ?2 WHERE id = ?1",
	    -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, wb->session);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		(void)sqlite3_step(st);
	}
	sqlite3_finalize(st);
}

int
wb__edit_begin(struct wb *wb, const char *what)
{
	int rc;

	if (wb->readonly)
		return wb__err(wb, _("%s: %s: the workbook is open read-only%s%s"),
		    wb->path, what, wb->notice != NULL ? "; " : "",
		    wb->notice != NULL ? wb->notice : "");
	if (wb->batch == 2)
		return wb__err(wb, _("%s: %s: the batch of records was rolled back; load them"
		    " again"), wb->path, what);
	rc = sqlite3_exec(wb->db, wb->batch ? "SAVEPOINT wb_edit" : "BEGIN IMMEDIATE", NULL,
	    NULL, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	if (wb__schema_guard(wb, what) != 0 ||
	    (!wb->session_claimed && wb_undo_claim(wb) != 0)) {
		sqlite3_exec(wb->db, wb->batch ? "ROLLBACK TO wb_edit; RELEASE wb_edit" :
		    "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	wb->in_edit = 1;
	wb->step = 0;
	return 0;
}

int
wb__edit_end(struct wb *wb, int rc, const char *what)
{
	int src;

	wb->in_edit = 0;
	if (wb->batch) {
		/* Inside a batch: keep the edit, or undo it alone. */
		if (rc == 0 && (src = sqlite3_exec(wb->db, "RELEASE wb_edit", NULL, NULL,
		    NULL)) == SQLITE_OK)
			return 0;
		if (rc == 0)
			wb__sqlerr(wb, src, what);
		sqlite3_exec(wb->db, "ROLLBACK TO wb_edit", NULL, NULL, NULL);
		sqlite3_exec(wb->db, "RELEASE wb_edit", NULL, NULL, NULL);
		wb->redo_gone = 0;
		if (sqlite3_get_autocommit(wb->db))
			wb->batch = 2;   /* SQLite rolled the whole batch back (disk full...) */
		return -1;
	}
	if (rc == 0) {
		src = sqlite3_exec(wb->db, "COMMIT", NULL, NULL, NULL);
		if (src == SQLITE_OK) {
			/* Our own commit does not change data_version; keep it. */
			return 0;
		}
		wb__sqlerr(wb, src, what);
	}
	if (!sqlite3_get_autocommit(wb->db))
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* One integer from a statement of the history kept prepared, with the undo session bound
 * to ?1 if it takes it; 0 or -1. */
static int
wb_hist_int(struct wb *wb, enum wb_stmt_id id, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if (wb__stmt(wb, id, sql, &st) != 0)
		return -1;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, wb->session);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		rc = sqlite3_extended_errcode(wb->db);
	wb__stmt_done(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : wb_step_err(wb, rc);
}

int
wb__record(struct wb *wb, const char *label, const char *tbl, const char *key,
    const char *before)
{
	sqlite3_stmt *st;
	char *after = NULL, now[WB_TIME_SIZE];
	int64_t seq;
	int rc;

	if (wb->step == 0) {
		/* First change of this edit: a new edit discards the redo stack (in a batch,
		 * once: nobody else can undo while the batch holds the write lock). */
		if (!wb->redo_gone && wb_hist_int(wb, WB_STMT_HIST_REDO_GONE, "UPDATE history"
		    " SET undone = 2 WHERE undone = 1 AND session = ?1", &seq) != 0)
			return -1;
		wb->redo_gone = wb->batch;
		if (wb_hist_int(wb, WB_STMT_HIST_STEP, "SELECT coalesce(max(step), 0) + 1 FROM"
		    " history", &wb->step) != 0)
			return -1;
	}
	if (wb_hist_int(wb, WB_STMT_HIST_SEQ, "SELECT coalesce(max(seq), 0) + 1 FROM history",
	    &seq) != 0 || wb__row_json(wb, tbl, key, &after) != 0)
		return -1;
	wb__now(now);
	if (wb__stmt(wb, WB_STMT_HIST_ADD, "INSERT INTO history(id, seq, step, at, label, tbl,"
	    " row_key, before, after, session) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	    &st) != 0) {
		free(after);
		return -1;
	}
	sqlite3_bind_int64(st, 1, wb__random_id());
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_int64(st, 3, wb->step);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, label, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, key, -1, SQLITE_STATIC);
	if (before != NULL)
		sqlite3_bind_text(st, 8, before, -1, SQLITE_STATIC);
	if (after != NULL)
		sqlite3_bind_text(st, 9, after, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 10, wb->session);
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	wb__stmt_done(st);
	free(after);
	if (rc != SQLITE_OK)
		return wb_step_err(wb, rc);
	return 0;
}

/* This instance's undo session, or the one it would take at its first edit. */
static int64_t
wb_undo_session(struct wb *wb)
{
	return wb->session_claimed ? wb->session : wb_undo_free_session(wb);
}

int
wb_can_undo(struct wb *wb)
{
	int64_t n;

	if (wb->readonly || wb_int_query_id(wb, "SELECT EXISTS (SELECT 1 FROM history"
	    " WHERE session = ?1 AND undone = 0)", wb_undo_session(wb), &n) != 0)
		return 0;
	return n != 0;
}

int
wb_can_redo(struct wb *wb)
{
	int64_t n;

	if (wb->readonly || wb_int_query_id(wb, "SELECT EXISTS (SELECT 1 FROM history"
	    " WHERE session = ?1 AND undone = 1)", wb_undo_session(wb), &n) != 0)
		return 0;
	return n != 0;
}

/* 1 if the current row equals the snapshot (NULL: absent or tombstone). */
static int
wb_row_matches(struct wb *wb, const struct wb_table *t, const char *key,
    const char *want, int *match)
{
	char *cur;
	int64_t del = 0;

	if (wb__row_json(wb, t->name, key, &cur) != 0)
		return -1;
	if (want != NULL && cur != NULL && strcmp(cur, want) != 0) {
		/* A snapshot taken before an upgrade lacks the columns added since: compare
		 * the columns it has. */
		sqlite3_stmt *st;

		*match = 0;
		if (sqlite3_prepare_v2(wb->db, "SELECT NOT EXISTS (SELECT 1 FROM json_each(?1)"
		    " AS w WHERE json_extract(?2, '$.' || w.key) IS NOT w.value)", -1, &st,
		    NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, want, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, cur, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				*match = sqlite3_column_int(st, 0);
		}
		sqlite3_finalize(st);
	} else if (want != NULL)
		*match = cur != NULL;
	else if (cur == NULL)
		*match = 1;
	else {
		*match = 0;
		if (t->has_deleted) {
			sqlite3_stmt *st;

			if (sqlite3_prepare_v2(wb->db, "SELECT json_extract(?1,"
			    " '$.deleted')", -1, &st, NULL) == SQLITE_OK) {
				sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
				if (sqlite3_step(st) == SQLITE_ROW)
					del = sqlite3_column_int64(st, 0);
			}
			sqlite3_finalize(st);
			*match = del == 1;
		}
	}
	free(cur);
	return 0;
}

/* The item reference of a row snapshot: the key of an item row, else its "ref" column (a
 * note's, an action's...), else "" (the workshop details, a stakeholder). NULL: no memory. */
static char *
wb_row_ref(struct wb *wb, const struct wb_table *t, const char *key, const char *json)
{
	sqlite3_stmt *st;
	char *ref = NULL;

	if (strcmp(t->name, "item") == 0)
		return strdup(key);
	if (json != NULL && sqlite3_prepare_v2(wb->db, "SELECT json_extract(?1, '$.ref')", -1,
	    &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT)
			ref = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		if (ref != NULL)
			return ref;
	}
	return strdup("");
}

/* Undo (redo = 0) or redo (redo = 1) one step. */
static int
wb_replay(struct wb *wb, int redo, char **label, char **where)
{
	const char *what = redo ? _("cannot redo") : _("cannot undo");
	sqlite3_stmt *st = NULL;
	int64_t step;
	char *lab = NULL, *ref = NULL;
	int rc, r = 0, stale = 0, noitem = 0;

	if (label != NULL)
		*label = NULL;
	if (where != NULL)
		*where = NULL;
	if (wb__edit_begin(wb, what) != 0)
		return -1;
	wb->in_edit = 0;
	wb->redo_gone = 0;
	/* Only this instance's own edits (its undo session). */
	if (wb_int_query(wb, redo ?
	    "SELECT coalesce((SELECT step FROM history WHERE session = ?1 AND undone = 1"
	    " ORDER BY seq ASC LIMIT 1), 0)" :
	    "SELECT coalesce((SELECT step FROM history WHERE session = ?1 AND undone = 0"
	    " ORDER BY seq DESC LIMIT 1), 0)", &step) != 0) {
		r = -1;
		goto out;
	}
	if (step == 0) {
		r = wb__err(wb, redo ? _("%s: nothing to redo") :
		    _("%s: nothing to undo"), wb->path);
		goto out;
	}
	/* Pass 1 checks that nobody changed the rows since; pass 2 applies. */
	for (int pass = 0; pass < 2 && r == 0 && !stale; pass++) {
		rc = sqlite3_prepare_v2(wb->db, redo ?
		    "SELECT tbl, row_key, before, after, label FROM history"
		    " WHERE step = ?1 AND undone = 1 ORDER BY seq ASC" :
		    "SELECT tbl, row_key, after, before, label FROM history"
		    " WHERE step = ?1 AND undone = 0 ORDER BY seq DESC", -1, &st, NULL);
		if (rc != SQLITE_OK) {
			r = wb_step_err(wb, rc);
			break;
		}
		sqlite3_bind_int64(st, 1, step);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const struct wb_table *t =
			    wb__table_find((const char *)sqlite3_column_text(st, 0));
			const char *key = (const char *)sqlite3_column_text(st, 1);
			const char *now = (const char *)sqlite3_column_text(st, 2);
			const char *then = (const char *)sqlite3_column_text(st, 3);
			int match = 0;

			if (t == NULL || key == NULL) {
				r = wb__err(wb, _("%s: %s: the history is damaged;"
				    " run 'ciipwb check' on it"), wb->path, what);
				break;
			}
			if (lab == NULL) {
				const char *l = (const char *)sqlite3_column_text(st, 4);

				lab = strdup(l != NULL ? l : "");
			}
			if (!noitem) {
				/* A row of no item (a stakeholder deleted with its roles...):
				 * the step is not an item's, whatever its other rows. */
				char *rr = wb_row_ref(wb, t, key, then != NULL ? then : now);

				if (rr != NULL && rr[0] == '\0') {
					noitem = 1;
					free(ref);
					ref = rr;
				} else if (ref == NULL)
					ref = rr;
				else
					free(rr);
			}
			if (pass == 0) {
				if (wb_row_matches(wb, t, key, now, &match) != 0) {
					r = -1;
					break;
				}
				if (!match) {
					stale = 1;
					break;
				}
			} else if (wb__apply(wb, t, key, then) != 0) {
				r = -1;
				break;
			}
		}
		if (r == 0 && !stale && rc != SQLITE_DONE)
			r = wb_step_err(wb, sqlite3_extended_errcode(wb->db));
		sqlite3_finalize(st);
		st = NULL;
	}
	if (r == 0) {
		rc = sqlite3_prepare_v2(wb->db, stale ?
		    "UPDATE history SET undone = 2 WHERE step = ?1" : redo ?
		    "UPDATE history SET undone = 0 WHERE step = ?1 AND undone = 1" :
		    "UPDATE history SET undone = 1 WHERE step = ?1 AND undone = 0",
		    -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, step);
			rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK :
			    sqlite3_extended_errcode(wb->db);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_OK)
			r = wb_step_err(wb, rc);
	}
out:
	r = wb__edit_end(wb, r, what);
	if (r == 0 && stale) {
		wb__err(wb, _("%s: %s \"%s\": it was changed since, perhaps in another"
		    " window; it was taken off the undo list"), wb->path, what,
		    lab != NULL ? lab : "");
		r = -1;
	}
	if (r == 0 && label != NULL)
		*label = lab;
	else
		free(lab);
	if (r == 0 && where != NULL)
		*where = ref;
	else
		free(ref);
	return r;
}

int
wb_undo(struct wb *wb, char **label)
{
	return wb_replay(wb, 0, label, NULL);
}

int
wb_redo(struct wb *wb, char **label)
{
	return wb_replay(wb, 1, label, NULL);
}

int
wb_undo_where(struct wb *wb, int redo, char **label, char **ref)
{
	return wb_replay(wb, redo, label, ref);
}

int
wb_batch_begin(struct wb *wb)
{
	const char *what = _("cannot start loading records");

	if (wb->readonly)
		return wb__err(wb, _("%s: %s: the workbook is open read-only%s%s"),
		    wb->path, what, wb->notice != NULL ? "; " : "",
		    wb->notice != NULL ? wb->notice : "");
	if (wb->batch || !sqlite3_get_autocommit(wb->db))
		return wb__err(wb, _("%s: %s: a batch is already open"), wb->path, what);
	if (wb__exec(wb, "BEGIN IMMEDIATE") != 0)
		return -1;
	wb->batch = 1;
	wb->redo_gone = 0;
	return 0;
}

int
wb_batch_end(struct wb *wb, int commit)
{
	int rc = SQLITE_OK;

	if (!wb->batch)
		return wb__err(wb, _("%s: no batch of records is open"), wb->path);
	if (wb->batch == 2) {
		wb->batch = 0;
		return wb__err(wb, _("%s: the batch of records was rolled back; load them"
		    " again"), wb->path);
	}
	wb->batch = 0;
	wb->redo_gone = 0;
	if (commit && (rc = sqlite3_exec(wb->db, "COMMIT", NULL, NULL, NULL)) == SQLITE_OK)
		return 0;
	if (!sqlite3_get_autocommit(wb->db))
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
	if (commit)
		return wb__sqlerr(wb, rc, _("cannot save the loaded records"));
	return 0;
}
