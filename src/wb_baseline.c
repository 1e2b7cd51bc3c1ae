/* wb_baseline.c: start a workbook from last year's: carry stakeholders, roles and ratings (as a read-only baseline). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"
#include "wb.h"
#include "wb_baseline.h"
#include "wb_internal.h"
#include "wb_merge.h"

/* Copy the live rows of table NAME from "old" that WHERE (an SQL condition on
 * o, constant text) admits, column by column; SET replaces columns by
 * constant expressions ("group_id" -> NULL...). Adds the count to *n. */
static int
base_copy(struct wb *wb, const char *name, const char *where, const char *const *set,
    int64_t *n)
{
	const struct wb_table *t = wb__table_find(name);
	char sql[2048], cols[700] = "", vals[900] = "";
	size_t i, k;
	int rc;

	for (i = 0; i < WB_TABLE_MAXCOLS && t->cols[i] != NULL; i++) {
		const char *v = NULL;

		for (k = 0; set != NULL && set[k] != NULL; k += 2)
			if (strcmp(set[k], t->cols[i]) == 0)
				v = set[k + 1];
		snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s",
		    i ? ", " : "", t->cols[i]);
		snprintf(vals + strlen(vals), sizeof vals - strlen(vals), "%s%s%s",
		    i ? ", " : "", v != NULL ? "" : "o.", v != NULL ? v : t->cols[i]);
	}
	snprintf(sql, sizeof sql, "INSERT INTO main.%s(%s) SELECT %s FROM old.%s AS o"
	    " WHERE o.deleted = 0 AND (%s)", name, cols, vals, name, where);
	rc = sqlite3_exec(wb->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot carry the earlier workbook"));
	*n += sqlite3_changes(wb->db);
	return 0;
}

int
wb_baseline_import(struct wb *wb, const struct wb_source *old, unsigned flags,
    struct wb_baseline_report *rep)
{
	static const char *const no_group[] = { "group_id", "NULL", "seq", "NULL", NULL };
	static const char *const owner[] = { "owner_id", "(SELECT s.id FROM"
	    " main.stakeholder AS s WHERE s.id = o.owner_id)", NULL };
	const char *what = _("cannot carry the earlier workbook");
	const char *label = strrchr(wb_source_path(old), '/');
	sqlite3_stmt *st = NULL;
	int rc, r = -1;

	memset(rep, 0, sizeof *rep);
	label = label != NULL ? label + 1 : wb_source_path(old);
	if (wb->readonly)
		return wb__err(wb, _("%s: %s: the workbook is open read-only"), wb->path, what);
	rc = sqlite3_prepare_v2(wb->db, "ATTACH ?1 AS old", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, wb_source_copy(old), -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	rc = sqlite3_exec(wb->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		wb__sqlerr(wb, rc, what);
		goto detach;
	}
	/* The year of the earlier workshop: its first day, else its last change. */
	rc = sqlite3_prepare_v2(wb->db, "SELECT coalesce(nullif(substr(date_start, 1, 4), ''),"
	    " nullif(substr(updated, 1, 4), ''), '') FROM old.workbook WHERE id = 1", -1, &st,
	    NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(rep->since, sizeof rep->since, "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	st = NULL;
	if (base_copy(wb, "stakeholder", "1", NULL, &rep->stakeholders) != 0 ||
	    base_copy(wb, "role", "o.stakeholder_id IN (SELECT id FROM main.stakeholder)",
	    NULL, &rep->roles) != 0 ||
	    base_copy(wb, "relation", "o.from_id IN (SELECT id FROM main.stakeholder) AND"
	    " o.to_id IN (SELECT id FROM main.stakeholder)", NULL, &rep->relations) != 0)
		goto fail;
	if ((flags & WB_BASELINE_NOTES) &&
	    (base_copy(wb, "note", "1", no_group, &rep->notes) != 0 ||
	    base_copy(wb, "evidence", "1", NULL, &rep->evidence) != 0))
		goto fail;
	if ((flags & WB_BASELINE_ACTIONS) &&
	    base_copy(wb, "action", "1", owner, &rep->actions) != 0)
		goto fail;
	rc = sqlite3_prepare_v2(wb->db, "INSERT INTO main.baseline_item(ref, current, target,"
	    " since, source) SELECT ref, current, target, ?1, ?2 FROM old.item WHERE"
	    " (current IS NOT NULL OR target IS NOT NULL) AND (current IS NULL OR current IN"
	    " (SELECT code FROM main.scale)) AND (target IS NULL OR target IN (SELECT code"
	    " FROM main.scale)) ON CONFLICT(ref) DO NOTHING", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, rep->since, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, label, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
		rep->ratings = sqlite3_changes(wb->db);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		wb__sqlerr(wb, rc, what);
		goto fail;
	}
	rc = sqlite3_exec(wb->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		wb__sqlerr(wb, rc, what);
		goto fail;
	}
	r = 0;
	goto detach;
fail:
	if (!sqlite3_get_autocommit(wb->db))
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
	memset(rep, 0, sizeof *rep);
detach:
	sqlite3_exec(wb->db, "DETACH old", NULL, NULL, NULL);
	return r;
}

static char *
base_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? strdup(s) : NULL;
}

int
wb_baseline_get(struct wb *wb, const char *ref, struct wb_baseline *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	rc = sqlite3_prepare_v2(wb->db, "SELECT ref, current, target, since, source FROM"
	    " baseline_item WHERE ref = ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot read the baseline"));
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->ref = base_dup(st, 0);
		out->current = base_dup(st, 1);
		out->target = base_dup(st, 2);
		out->since = base_dup(st, 3);
		out->source = base_dup(st, 4);
		rc = out->ref != NULL && out->since != NULL && out->source != NULL ?
		    SQLITE_DONE : SQLITE_NOMEM;
		if (rc != SQLITE_DONE)
			wb_baseline_free(out);
	} else if (rc != SQLITE_DONE)
		rc = sqlite3_extended_errcode(wb->db);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return wb__sqlerr(wb, rc, _("cannot read the baseline"));
	return 0;
}

void
wb_baseline_free(struct wb_baseline *b)
{
	free(b->ref);
	free(b->current);
	free(b->target);
	free(b->since);
	free(b->source);
	memset(b, 0, sizeof *b);
}

int
wb_baselines_each(struct wb *wb, int (*cb)(const struct wb_baseline *, void *), void *arg)
{
	struct wb_baseline b;
	sqlite3_stmt *st;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, "SELECT ref, current, target, since, source FROM"
	    " baseline_item ORDER BY ref", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot read the baseline"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		b.ref = (char *)sqlite3_column_text(st, 0);
		b.current = (char *)sqlite3_column_text(st, 1);
		b.target = (char *)sqlite3_column_text(st, 2);
		b.since = (char *)sqlite3_column_text(st, 3);
		b.source = (char *)sqlite3_column_text(st, 4);
		if ((r = cb(&b, arg)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), _("cannot read the baseline"));
	sqlite3_finalize(st);
	return r;
}

char *
wb_baseline_describe(const char *was, const char *now, const char *since, const char *arrow)
{
	if (now == NULL)
		return util_asprintf(_("%s in %s; not assessed yet"), was, since);
	if (strcmp(was, now) == 0)
		return util_asprintf(_("%s, unchanged since %s"), was, since);
	return util_asprintf(_("%s %s %s since %s"), was, arrow, now, since);
}
