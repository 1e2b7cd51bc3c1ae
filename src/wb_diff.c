/* wb_diff.c: compare two checked workbooks row by row and field by field, per item and in the register. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "i18n.h"
#include "util.h"
#include "wb_diff.h"
#include "wb_merge.h"

/* What is compared: per table, its key, the item it belongs to, a few words
 * saying what a row is ("@" stands for the schema, "a" or "b"; the row is x), and the
 * columns whose changes count. */
static const struct diff_table {
	const char *kind, *table, *key, *ref, *what, *live;
	const char *const fields[8];
} diff_tables[] = {
	{ "details", "workbook", "id", "''", "x.title", "1",
	    { "title", "country", "date_start", "date_end", "venue", "facilitator" } },
	{ "rating", "item", "ref", "x.ref", "'current ' || coalesce(x.current, '-') ||"
	    " ', target ' || coalesce(x.target, '-')", "1",
	    { "current", "target", "needs_review", "consensus" } },
	{ "note", "note", "id", "x.ref", "x.body", "x.deleted = 0",
	    { "ref", "body" } },
	{ "evidence", "evidence", "id", "x.ref", "x.name", "x.deleted = 0",
	    { "ref", "name", "location" } },
	{ "action", "action", "id", "x.ref", "x.title", "x.deleted = 0",
	    { "ref", "title", "owner_id", "due", "priority", "status" } },
	{ "role", "role", "id", "x.ref", "(SELECT s.name FROM @.stakeholder AS s WHERE"
	    " s.id = x.stakeholder_id) || ': ' || x.role", "x.deleted = 0",
	    { "ref", "stakeholder_id", "role" } },
	{ "stakeholder", "stakeholder", "id", "''", "x.name", "x.deleted = 0",
	    { "name", "category", "contact", "responsibilities", "influence", "interest",
	    "engagement" } },
	{ "relation", "relation", "id", "''", "(SELECT s.name FROM @.stakeholder AS s WHERE"
	    " s.id = x.from_id) || ' ' || x.kind || ' ' || (SELECT s.name FROM"
	    " @.stakeholder AS s WHERE s.id = x.to_id)", "x.deleted = 0",
	    { "from_id", "to_id", "kind" } },
};

static int
diff_exec(sqlite3 *db, const char *sql, char **err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		*err = util_asprintf(_("cannot compare the workbooks: %s"), sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* The live rows of one side: key, ref, what, and the fields as one JSON array. */
static void
diff_side(const struct diff_table *t, const char *schema, char *out, size_t n)
{
	char what[600] = "", fields[400] = "";
	const char *p;
	size_t i;

	for (p = t->what, i = 0; *p != '\0' && i + 2 < sizeof what; p++) {
		if (*p == '@')
			i += (size_t)snprintf(what + i, sizeof what - i, "%s", schema);
		else
			what[i++] = *p;
		what[i] = '\0';
	}
	for (i = 0; i < 8 && t->fields[i] != NULL; i++)
		snprintf(fields + strlen(fields), sizeof fields - strlen(fields), "%sx.%s",
		    i ? ", " : "", t->fields[i]);
	snprintf(out, n, "SELECT CAST(x.%s AS TEXT) AS k, %s AS ref, %s AS what,"
	    " json_array(%s) AS f FROM %s.%s AS x WHERE %s", t->key, t->ref, what, fields,
	    schema, t->table, t->live);
}

/* Fill temp.diff with the differences of one table. */
static int
diff_table(sqlite3 *db, const struct diff_table *t, int ord, char **err)
{
	char a[1400], b[1400], sql[4000];
	size_t i;

	diff_side(t, "a", a, sizeof a);
	diff_side(t, "b", b, sizeof b);
	/* Rows on one side only. */
	snprintf(sql, sizeof sql, "INSERT INTO temp.diff SELECT coalesce(a.ref, b.ref), %d,"
	    " '%s', CASE WHEN a.k IS NULL THEN 'added' ELSE 'removed' END, coalesce(a.k, b.k),"
	    " '', coalesce(a.what, ''), coalesce(b.what, '') FROM (%s) AS a FULL JOIN (%s) AS b"
	    " ON a.k = b.k WHERE a.k IS NULL OR b.k IS NULL", ord, t->kind, a, b);
	if (diff_exec(db, sql, err) != 0)
		return -1;
	/* Fields that differ. */
	for (i = 0; i < 8 && t->fields[i] != NULL; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO temp.diff SELECT b.ref, %d, '%s', 'changed',"
		    " a.k, '%s', coalesce(json_extract(a.f, '$[%zu]'), ''),"
		    " coalesce(json_extract(b.f, '$[%zu]'), '') FROM (%s) AS a JOIN (%s) AS b"
		    " ON a.k = b.k WHERE json_extract(a.f, '$[%zu]') IS NOT"
		    " json_extract(b.f, '$[%zu]')", ord, t->kind, t->fields[i], i, i, a, b, i, i);
		if (diff_exec(db, sql, err) != 0)
			return -1;
	}
	return 0;
}

static int
diff_attach(sqlite3 *db, const struct wb_source *s, const char *as, char **err)
{
	sqlite3_stmt *st;
	char sql[32];
	int rc;

	snprintf(sql, sizeof sql, "ATTACH ?1 AS %s", as);
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, wb_source_copy(s), -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*err = util_asprintf(_("cannot read the checked copy of %s: %s"),
		    wb_source_path(s), sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

long
wb_diff(const struct wb_source *a, const struct wb_source *b,
    int (*cb)(const struct wb_diff_change *, void *), void *arg, char **err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t i;
	long n = 0;
	int rc;

	*err = NULL;
	rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		*err = strdup(_("cannot compare the workbooks: out of memory"));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	if (diff_attach(db, a, "a", err) != 0 || diff_attach(db, b, "b", err) != 0 ||
	    diff_exec(db, "CREATE TEMP TABLE diff(ref TEXT, ord INTEGER, kind TEXT, change"
	    " TEXT, key TEXT, field TEXT, before TEXT, after TEXT)", err) != 0)
		goto fail;
	for (i = 0; i < sizeof diff_tables / sizeof diff_tables[0]; i++)
		if (diff_table(db, &diff_tables[i], (int)i, err) != 0)
			goto fail;
	rc = sqlite3_prepare_v2(db, "SELECT ref, kind, change, key, field, before, after,"
	    " json_object('ref', ref, 'kind', kind, 'change', change, 'key', key, 'field', field,"
	    " 'before', before, 'after', after) FROM temp.diff ORDER BY ref = '', ref, ord,"
	    " change, key, field", -1, &st, NULL);
	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		struct wb_diff_change c;

#define COL(i) (sqlite3_column_text(st, i) != NULL ? \
	(const char *)sqlite3_column_text(st, i) : "")
		c.ref = COL(0);
		c.kind = COL(1);
		c.change = COL(2);
		c.key = COL(3);
		c.field = COL(4);
		c.before = COL(5);
		c.after = COL(6);
		c.json = COL(7);
#undef COL
		n++;
		if (cb != NULL && cb(&c, arg) != 0)
			break;
	}
	if (rc != SQLITE_OK) {
		*err = util_asprintf(_("cannot compare the workbooks: %s"), sqlite3_errmsg(db));
		goto fail;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
fail:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return -1;
}
