/* wb_row.c: one get, add, update and delete for every table, driven by its description. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"
#include "wb_row.h"

/* The statements each table keeps prepared. */
enum wb_row_op { WB_ROW_GET, WB_ROW_INSERT, WB_ROW_UPDATE, WB_ROW_TOMB, WB_ROW_LIVE,
	WB_ROW_LIST_ALL, WB_ROW_LIST_REF };
_Static_assert(WB_ROW_LIST_REF < WB_ROW_NOPS, "room for every statement of a table");

#define WB_ROW_SQL_SIZE 1024

/* ---- members of a record ---- */

static const char **
wb_row_str(const struct wb_col *c, const void *rec)
{
	return (const char **)(void *)((char *)(uintptr_t)rec + c->off);
}

static int64_t
wb_row_i64(size_t off, const void *rec)
{
	int64_t v;

	memcpy(&v, (const char *)rec + off, sizeof v);
	return v;
}

static int
wb_row_int(const struct wb_col *c, const void *rec)
{
	int v;

	memcpy(&v, (const char *)rec + c->off, sizeof v);
	return v;
}

static int
wb_row_is_str(const struct wb_col *c)
{
	return c->type <= WB_COL_TIME && c->off != WB_ROW_NONE;
}

static const char *
wb_row_text(const struct wb_col *c, const void *rec)
{
	return c->off == WB_ROW_NONE ? NULL : *wb_row_str(c, rec);
}

/* ---- SQL from the description (constant names only, never a value) ---- */

/* Append the strings (up to a NULL) to sql, and ?N when n > 0. */
static void
wb_row_cat(char *sql, int n, const char *a, const char *b, const char *c)
{
	size_t l = strlen(sql);

	snprintf(sql + l, WB_ROW_SQL_SIZE - l, "%s%s%s", a, b != NULL ? b : "",
	    c != NULL ? c : "");
	if (n > 0) {
		l = strlen(sql);
		snprintf(sql + l, WB_ROW_SQL_SIZE - l, "?%d", n);
	}
}

/* "SELECT r.id, r.COL..., r.created, r.updated FROM TABLE AS r" */
static void
wb_row_select(const struct wb_rowdef *d, char *sql)
{
	size_t i;

	snprintf(sql, WB_ROW_SQL_SIZE, "SELECT r.id");
	for (i = 0; i < d->ncols; i++)
		if (d->cols[i].type != WB_COL_SEQ)
			wb_row_cat(sql, 0, ", r.", d->cols[i].name, NULL);
	wb_row_cat(sql, 0, d->tomb ? ", r.created" : "", ", r.updated FROM ", d->table);
	wb_row_cat(sql, 0, " AS r", NULL, NULL);
}

static void
wb_row_sql(const struct wb_rowdef *d, enum wb_row_op op, char *sql)
{
	size_t i;
	int n = (int)d->ncols + 2;   /* ?N: the time of the edit */

	sql[0] = '\0';
	switch (op) {
	case WB_ROW_GET:
		wb_row_select(d, sql);
		wb_row_cat(sql, 0, " WHERE r.id = ?1", d->tomb ? " AND r.deleted = 0" : "",
		    NULL);
		break;
	case WB_ROW_INSERT:
		wb_row_cat(sql, 0, "INSERT INTO ", d->table, "(id");
		for (i = 0; i < d->ncols; i++)
			wb_row_cat(sql, 0, ", ", d->cols[i].name, NULL);
		wb_row_cat(sql, 0, d->tomb ? ", created" : "", ", updated) VALUES (?1", NULL);
		for (i = 0; i < d->ncols; i++)
			if (d->cols[i].type == WB_COL_SEQ)
				wb_row_cat(sql, 0, ", (SELECT coalesce(max(seq), 0) + 1 FROM"
				    " history)", NULL, NULL);
			else
				wb_row_cat(sql, (int)i + 2, ", ", NULL, NULL);
		if (d->tomb)
			wb_row_cat(sql, n, ", ", NULL, NULL);
		wb_row_cat(sql, n, ", ", NULL, NULL);
		wb_row_cat(sql, 0, ")", NULL, NULL);
		break;
	case WB_ROW_UPDATE:
		wb_row_cat(sql, 0, "UPDATE ", d->table, " SET ");
		for (i = 0; i < d->ncols; i++) {
			if (d->cols[i].type == WB_COL_SEQ)
				continue;
			wb_row_cat(sql, (int)i + 2, d->cols[i].name, " = ", NULL);
			wb_row_cat(sql, 0, ", ", NULL, NULL);
		}
		wb_row_cat(sql, n, "updated = ", NULL, NULL);
		wb_row_cat(sql, 0, " WHERE id = ?1", NULL, NULL);
		break;
	case WB_ROW_TOMB:
		wb_row_cat(sql, 0, "UPDATE ", d->table, " SET deleted = 1, updated = ?2"
		    " WHERE id = ?1 AND deleted = 0");
		break;
	case WB_ROW_LIVE:
		wb_row_cat(sql, 0, "SELECT 1 FROM ", d->table, " WHERE id = ?1 AND deleted = 0");
		break;
	case WB_ROW_LIST_ALL:
	case WB_ROW_LIST_REF:
		break;   /* the caller's tail: wb__row_list */
	}
}

/* The id in the connection's statement cache of statement OP of table d. */
static int
wb_row_id(const struct wb_rowdef *d, enum wb_row_op op)
{
	return WB_STMT_ROW_ + d->slot * WB_ROW_NOPS + (int)op;
}

/* The statement OP of table d, kept prepared on the connection (reset, unbound). */
static int
wb_row_stmt(struct wb *wb, const struct wb_rowdef *d, enum wb_row_op op, sqlite3_stmt **st)
{
	int id = wb_row_id(d, op);
	char sql[WB_ROW_SQL_SIZE] = "";

	if (wb->stmts[id] == NULL)
		wb_row_sql(d, op, sql);
	return wb__stmt(wb, (enum wb_stmt_id)id, sql, st);
}

/* ---- reading ---- */

static const char *
wb_row_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

static void
wb_row_time(size_t off, sqlite3_stmt *st, int i, void *rec)
{
	if (off != WB_ROW_NONE)
		snprintf((char *)rec + off, WB_TIME_SIZE, "%s", wb_row_col(st, i));
}

void
wb__row_read(const struct wb_rowdef *d, sqlite3_stmt *st, void *rec)
{
	size_t i;
	int k = 1;
	int64_t v64;
	int v;

	if (d->id_off != WB_ROW_NONE) {
		v64 = sqlite3_column_int64(st, 0);
		memcpy((char *)rec + d->id_off, &v64, sizeof v64);
	}
	for (i = 0; i < d->ncols; i++) {
		const struct wb_col *c = &d->cols[i];

		if (c->type == WB_COL_SEQ)
			continue;
		if (c->off == WB_ROW_NONE) {
			k++;
			continue;
		}
		switch (c->type) {
		case WB_COL_INT:
		case WB_COL_BOOL:
			v = sqlite3_column_int(st, k);
			memcpy((char *)rec + c->off, &v, sizeof v);
			break;
		case WB_COL_INT64:
		case WB_COL_KEY:
			v64 = sqlite3_column_int64(st, k);
			memcpy((char *)rec + c->off, &v64, sizeof v64);
			break;
		default:
			*wb_row_str(c, rec) = wb_row_col(st, k);
			break;
		}
		k++;
	}
	if (d->tomb)
		wb_row_time(d->created_off, st, k++, rec);
	wb_row_time(d->updated_off, st, k, rec);
}

void
wb__row_free(const struct wb_rowdef *d, void *rec)
{
	size_t i;

	for (i = 0; i < d->ncols; i++)
		if (wb_row_is_str(&d->cols[i])) {
			free((void *)*wb_row_str(&d->cols[i], rec));
			*wb_row_str(&d->cols[i], rec) = NULL;
		}
}

/* Replace the borrowed strings of rec by malloc'd copies; 0 or -1 (rec's strings NULL). */
static int
wb_row_own(struct wb *wb, const struct wb_rowdef *d, void *rec)
{
	size_t i, j;

	for (i = 0; i < d->ncols; i++) {
		const char **s = wb_row_str(&d->cols[i], rec);

		if (!wb_row_is_str(&d->cols[i]) || *s == NULL)
			continue;
		if ((*s = strdup(*s)) == NULL) {
			for (j = 0; j < d->ncols; j++)
				if (wb_row_is_str(&d->cols[j])) {
					if (j < i)
						free((void *)*wb_row_str(&d->cols[j], rec));
					*wb_row_str(&d->cols[j], rec) = NULL;
				}
			return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot read the workbook"));
		}
	}
	return 0;
}

int
wb__row_gone(struct wb *wb, const char *what, const char *thing)
{
	return wb__err(wb, _("%s: %s: there is no such %s (it may have been deleted,"
	    " perhaps in another window)"), wb->path, what, thing);
}

int
wb__row_get(struct wb *wb, const struct wb_rowdef *d, int64_t id, void *rec)
{
	const char *what = _(d->what_read);
	sqlite3_stmt *st;
	int rc;

	memset(rec, 0, d->size);
	if (wb_row_stmt(wb, d, WB_ROW_GET, &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		wb__row_read(d, st, rec);
		rc = wb_row_own(wb, d, rec);
	} else if (rc == SQLITE_DONE && d->thing != NULL)
		rc = wb__row_gone(wb, what, _(d->thing));
	else
		rc = wb__sqlerr(wb, rc == SQLITE_DONE ? SQLITE_CORRUPT :
		    sqlite3_extended_errcode(wb->db), what);
	wb__stmt_done(st);
	return rc;
}

int
wb__row_list(struct wb *wb, const struct wb_rowdef *d, const char *tail, const char *ref,
    sqlite3_stmt **st)
{
	int id = wb_row_id(d, ref != NULL ? WB_ROW_LIST_REF : WB_ROW_LIST_ALL);
	char sql[WB_ROW_SQL_SIZE];
	int rc;

	/* The kept statement, unless a listing of it is under way (a callback listing again). */
	if (wb->stmts[id] != NULL && !sqlite3_stmt_busy(wb->stmts[id]))
		rc = wb__stmt(wb, (enum wb_stmt_id)id, NULL, st);
	else {
		wb_row_select(d, sql);
		wb_row_cat(sql, 0, " ", tail, NULL);
		if (wb->stmts[id] == NULL)
			rc = wb__stmt(wb, (enum wb_stmt_id)id, sql, st);
		else if ((rc = sqlite3_prepare_v2(wb->db, sql, -1, st, NULL)) != SQLITE_OK) {
			*st = NULL;
			rc = wb__sqlerr(wb, rc, _("cannot read the workbook"));
		}
	}
	if (rc == 0 && ref != NULL)
		sqlite3_bind_text(*st, 1, ref, -1, SQLITE_STATIC);
	return rc;
}

void
wb__row_list_end(struct wb *wb, const struct wb_rowdef *d, sqlite3_stmt *st)
{
	if (st == wb->stmts[wb_row_id(d, WB_ROW_LIST_ALL)] ||
	    st == wb->stmts[wb_row_id(d, WB_ROW_LIST_REF)])
		wb__stmt_done(st);
	else
		sqlite3_finalize(st);
}

int
wb__row_live(struct wb *wb, const struct wb_rowdef *d, int64_t id)
{
	sqlite3_stmt *st;
	int rc;

	if (wb_row_stmt(wb, d, WB_ROW_LIVE, &st) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		rc = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db),
		    _("cannot read the workbook"));
	else
		rc = rc == SQLITE_ROW;
	wb__stmt_done(st);
	return rc;
}

int
wb__row_need_live(struct wb *wb, const struct wb_rowdef *d, int64_t id, const char *what)
{
	int r = wb__row_live(wb, d, id);

	if (r == 0)
		return wb__row_gone(wb, what, _(d->thing));
	return r < 0 ? -1 : 0;
}

/* ---- checking ---- */

static int
wb_row_in(const char *s, const char *const *list)
{
	for (; s != NULL && *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* 1 if s is "" or a time "YYYY-MM-DDTHH:MM:SSZ". */
static int
wb_row_time_ok(const char *s)
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

/* 1 if column c of rec is acceptable (parents aside). */
static int
wb_row_col_ok(const struct wb_col *c, const void *rec)
{
	const char *s = wb_row_is_str(c) ? wb_row_text(c, rec) : NULL;
	int v;

	switch (c->type) {
	case WB_COL_TEXT:
		return !(c->flags & WB_COL_NEED) || (s != NULL && *s != '\0');
	case WB_COL_CODE:
		return s != NULL ? wb_row_in(s, c->codes) : c->dflt != NULL;
	case WB_COL_DATE:
		return s == NULL || *s == '\0' || wb__valid_date(s);
	case WB_COL_TIME:
		return wb_row_time_ok(s);
	case WB_COL_INT:
		v = wb_row_int(c, rec);
		return c->min >= c->max || (v == 0 && c->idflt != 0) ||
		    (v >= c->min && v <= c->max);
	case WB_COL_INT64:
		return wb_row_i64(c->off, rec) >= c->min;
	default:
		return 1;
	}
}

int
wb__row_valid(struct wb *wb, const struct wb_rowdef *d, const void *rec, const char *what)
{
	size_t i;

	for (i = 0; i < d->ncols; i++)
		if (d->cols[i].off != WB_ROW_NONE && !wb_row_col_ok(&d->cols[i], rec))
			return wb__err(wb, _("%s: %s: %s"), wb->path, what, _(d->cols[i].msg));
	return d->check != NULL ? d->check(wb, rec, what) : 0;
}

int
wb__row_parents(struct wb *wb, const struct wb_rowdef *d, const void *rec, const char *what)
{
	size_t i;

	for (i = 0; i < d->ncols; i++) {
		const struct wb_col *c = &d->cols[i];
		int64_t key;

		if (c->type != WB_COL_KEY)
			continue;
		key = wb_row_i64(c->off, rec);
		if ((key != 0 || (c->flags & WB_COL_NEED)) &&
		    wb__row_need_live(wb, c->parent, key, what) != 0)
			return -1;
	}
	return 0;
}

/* ---- writing ---- */

static void
wb_row_key(char buf[24], int64_t id)
{
	snprintf(buf, 24, "%lld", (long long)id);
}

/* Bind ?2.. of an insert or update of d from rec, and ?N the time of the edit. The texts
 * are not copied: they must outlive the step (wb_row_run's frame). */
static void
wb_row_bind(const struct wb_rowdef *d, sqlite3_stmt *st, const void *rec, const char *now)
{
	size_t i;

	for (i = 0; i < d->ncols; i++) {
		const struct wb_col *c = &d->cols[i];
		int p = (int)i + 2, v;
		const char *s;
		int64_t k;

		switch (c->type) {
		case WB_COL_SEQ:
			break;
		case WB_COL_INT:
			v = wb_row_int(c, rec);
			sqlite3_bind_int(st, p, v == 0 && c->idflt != 0 ? c->idflt : v);
			break;
		case WB_COL_BOOL:
			sqlite3_bind_int(st, p, wb_row_int(c, rec) != 0);
			break;
		case WB_COL_INT64:
			sqlite3_bind_int64(st, p, wb_row_i64(c->off, rec));
			break;
		case WB_COL_KEY:
			if ((k = wb_row_i64(c->off, rec)) != 0)
				sqlite3_bind_int64(st, p, k);
			else
				sqlite3_bind_null(st, p);
			break;
		default:
			s = wb_row_text(c, rec);
			if (c->type == WB_COL_CODE && s == NULL)
				s = c->dflt;
			if ((c->flags & WB_COL_NOW) && (s == NULL || *s == '\0')) {
				s = wb_row_text(&d->cols[c->alt], rec);
				if (s == NULL || *s == '\0')
					s = now;
			}
			if ((c->flags & WB_COL_NULL) && (s == NULL || *s == '\0'))
				sqlite3_bind_null(st, p);
			else
				sqlite3_bind_text(st, p, s != NULL ? s : "", -1, SQLITE_STATIC);
			break;
		}
	}
	sqlite3_bind_text(st, (int)d->ncols + 2, now, -1, SQLITE_STATIC);
}

int
wb__row_change(struct wb *wb, sqlite3_stmt *st, const char *label, const char *tbl,
    const char *key, const char *what)
{
	char *before = NULL;
	int r, rc;

	if (wb__row_json(wb, tbl, key, &before) != 0) {
		wb__stmt_done(st);
		return -1;
	}
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	wb__stmt_done(st);
	r = rc != SQLITE_OK ? wb__sqlerr(wb, rc, what) : wb__record(wb, label, tbl, key, before);
	free(before);
	return r;
}

/* Run statement OP of d on row id (rec's columns bound, or none for a tombstone), with
 * history; inside an edit. */
static int
wb_row_run(struct wb *wb, const struct wb_rowdef *d, enum wb_row_op op, const void *rec,
    int64_t id, const char *label, const char *what)
{
	char now[WB_TIME_SIZE], key[24];
	sqlite3_stmt *st;

	if (wb_row_stmt(wb, d, op, &st) != 0)
		return -1;
	wb__now(now);
	sqlite3_bind_int64(st, 1, id);
	if (rec != NULL)
		wb_row_bind(d, st, rec, now);
	else
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	wb_row_key(key, id);
	return wb__row_change(wb, st, label, d->table, key, what);
}

int
wb__row_insert(struct wb *wb, const struct wb_rowdef *d, const void *rec, int64_t id,
    const char *label, const char *what)
{
	return wb_row_run(wb, d, WB_ROW_INSERT, rec, id, label, what);
}

int
wb__row_write(struct wb *wb, const struct wb_rowdef *d, const void *rec, const char *label,
    const char *what)
{
	return wb_row_run(wb, d, WB_ROW_UPDATE, rec,
	    d->id_off != WB_ROW_NONE ? wb_row_i64(d->id_off, rec) : 1, label, what);
}

int
wb__row_tombstone(struct wb *wb, const struct wb_rowdef *d, int64_t id, const char *label,
    const char *what)
{
	return wb_row_run(wb, d, WB_ROW_TOMB, NULL, id, label, what);
}

int
wb__row_add(struct wb *wb, const struct wb_rowdef *d, const void *rec, int64_t *id)
{
	const char *what = _(d->what_add);
	int64_t nid = wb__random_id();
	int r;

	if (wb__row_valid(wb, d, rec, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb__row_parents(wb, d, rec, what);
	if (r == 0)
		r = wb__row_insert(wb, d, rec, nid, d->label_add, what);
	r = wb__edit_end(wb, r, what);
	if (r == 0 && id != NULL)
		*id = nid;
	return r;
}

int
wb__row_update(struct wb *wb, const struct wb_rowdef *d, const void *rec)
{
	const char *what = _(d->what_save);
	int r = 0;

	if (wb__row_valid(wb, d, rec, what) != 0 || wb__edit_begin(wb, what) != 0)
		return -1;
	if (d->tomb)
		r = wb__row_need_live(wb, d, wb_row_i64(d->id_off, rec), what);
	if (r == 0)
		r = wb__row_parents(wb, d, rec, what);
	if (r == 0)
		r = wb__row_write(wb, d, rec, d->label_edit, what);
	return wb__edit_end(wb, r, what);
}

int
wb__row_delete(struct wb *wb, const struct wb_rowdef *d, int64_t id)
{
	const char *what = _(d->what_delete);
	int r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	r = wb__row_need_live(wb, d, id, what);
	if (r == 0 && d->on_delete != NULL)
		r = d->on_delete(wb, id, d->label_delete, what);
	if (r == 0)
		r = wb__row_tombstone(wb, d, id, d->label_delete, what);
	return wb__edit_end(wb, r, what);
}
