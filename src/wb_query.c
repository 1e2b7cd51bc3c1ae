/* wb_query.c: queries across the workbook for the views: actions filtered, sorted, with owner names. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"
#include "wb_query.h"

#define WB_QUERY_SELECT \
	"SELECT a.id, a.ref, a.title, a.owner_id, a.due, a.priority, a.status," \
	" a.created, a.updated, coalesce(s.name, '')" \
	" FROM action AS a LEFT JOIN stakeholder AS s" \
	" ON s.id = a.owner_id AND s.deleted = 0" \
	" WHERE a.deleted = 0" \
	" AND (?1 IS NULL OR a.status = ?1)" \
	" AND (?2 IS NULL OR a.owner_id = ?2)" \
	" AND (?3 IS NULL OR a.priority = ?3)" \
	" AND (?4 IS NULL OR substr(a.ref, 1, length(?4)) = ?4)" \
	" AND (?5 IS NULL OR (a.due IS NOT NULL AND a.due < ?5" \
	" AND a.status IN ('open', 'in_progress')))"

#define WB_QUERY_PRIO \
	" CASE a.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END"

static const char wb_query_by_due[] = WB_QUERY_SELECT
	" ORDER BY a.due IS NULL, a.due," WB_QUERY_PRIO ", a.created, a.id";
static const char wb_query_by_prio[] = WB_QUERY_SELECT
	" ORDER BY" WB_QUERY_PRIO ", a.due IS NULL, a.due, a.created, a.id";

static const char *
wb_query_col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

static void
wb_query_time(char dst[WB_TIME_SIZE], sqlite3_stmt *st, int i)
{
	const char *s = wb_query_col(st, i);
	size_t n = strlen(s);

	if (n >= WB_TIME_SIZE)
		n = WB_TIME_SIZE - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

int
wb_action_overdue(const char *due, const char *status, const char *today)
{
	if (due == NULL || *due == '\0' || today == NULL || *today == '\0')
		return 0;
	if (status != NULL && strcmp(status, "open") != 0 &&
	    strcmp(status, "in_progress") != 0)
		return 0;
	return strcmp(due, today) < 0;
}

static int
wb_query_in_refs(const char *ref, const struct wb_action_filter *f)
{
	size_t i;

	for (i = 0; i < f->nrefs; i++)
		if (f->refs[i] != NULL && strcmp(ref, f->refs[i]) == 0)
			return 1;
	return 0;
}

static void
wb_query_bind(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* After the loop over ST's rows: R (the callback's word), or -1 with the error when the
 * loop stopped on one (RC not SQLITE_DONE). ST is finalized. */
static int
wb_query_end(struct wb *wb, sqlite3_stmt *st, int rc, int r, const char *what)
{
	if (r == 0 && rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(wb->db);
		sqlite3_finalize(st);
		return wb__sqlerr(wb, rc, what);
	}
	sqlite3_finalize(st);
	return r;
}

int
wb_actions_query_rows(struct wb *wb, const struct wb_action_filter *f,
    enum wb_action_sort sort, int (*cb)(const struct wb_action_row *, void *), void *arg)
{
	static const struct wb_action_filter none;
	const char *what = _("cannot read the actions");
	struct wb_action_row row;
	sqlite3_stmt *st;
	int rc, r = 0;

	if (f == NULL)
		f = &none;
	if (f->overdue_only && (f->today == NULL || !wb__valid_date(f->today)))
		return wb__err(wb, _("%s: %s: overdue actions need today's date as"
		    " YYYY-MM-DD"), wb->path, what);
	rc = sqlite3_prepare_v2(wb->db, sort == WB_ACTION_SORT_PRIORITY ?
	    wb_query_by_prio : wb_query_by_due, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	wb_query_bind(st, 1, f->status);
	if (f->owner_id != 0)
		sqlite3_bind_int64(st, 2, f->owner_id);
	wb_query_bind(st, 3, f->priority);
	wb_query_bind(st, 4, f->ref_prefix);
	if (f->overdue_only)
		wb_query_bind(st, 5, f->today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.a.id = sqlite3_column_int64(st, 0);
		row.a.ref = wb_query_col(st, 1);
		if (f->nrefs > 0 && !wb_query_in_refs(row.a.ref, f))
			continue;
		row.a.title = wb_query_col(st, 2);
		row.a.owner_id = sqlite3_column_int64(st, 3);
		row.a.due = wb_query_col(st, 4);
		row.a.priority = wb_query_col(st, 5);
		row.a.status = wb_query_col(st, 6);
		wb_query_time(row.a.created, st, 7);
		wb_query_time(row.a.updated, st, 8);
		row.owner_name = wb_query_col(st, 9);
		row.overdue = wb_action_overdue(row.a.due, row.a.status, f->today);
		if ((r = cb(&row, arg)) != 0)
			break;
	}
	return wb_query_end(wb, st, rc, r, what);
}

struct wb_query_plain {
	int (*cb)(const struct wb_action *, void *);
	void *arg;
};

static int
wb_query_plain_cb(const struct wb_action_row *row, void *arg)
{
	struct wb_query_plain *p = arg;

	return p->cb(&row->a, p->arg);
}

int
wb_actions_query(struct wb *wb, const struct wb_action_filter *f,
    enum wb_action_sort sort, int (*cb)(const struct wb_action *, void *), void *arg)
{
	struct wb_query_plain p = { cb, arg };

	return wb_actions_query_rows(wb, f, sort, wb_query_plain_cb, &p);
}

/* One pass over each table: the items' state, one row per live note and per open action. */
static const char wb_query_glance[] =
	"SELECT ref, max(cur), max(tgt), max(nr), max(cons), sum(nn), sum(na) FROM ("
	" SELECT ref, current AS cur, target AS tgt, needs_review AS nr, consensus AS cons,"
	" 0 AS nn, 0 AS na FROM item"
	" UNION ALL SELECT ref, NULL, NULL, 0, 0, 1, 0 FROM note WHERE deleted = 0"
	" UNION ALL SELECT ref, NULL, NULL, 0, 0, 0, 1 FROM action WHERE deleted = 0"
	" AND status IN ('open', 'in_progress'))"
	" GROUP BY ref ORDER BY ref";

int
wb_item_glance_each(struct wb *wb, int (*cb)(const struct wb_item_glance *, void *), void *arg)
{
	const char *what = _("cannot read the items");
	struct wb_item_glance g;
	sqlite3_stmt *st;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, wb_query_glance, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	memset(&g, 0, sizeof g);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		g.item.ref = wb_query_col(st, 0);
		g.item.current = (const char *)sqlite3_column_text(st, 1);
		g.item.target = (const char *)sqlite3_column_text(st, 2);
		g.item.needs_review = sqlite3_column_int(st, 3) != 0;
		g.item.consensus = sqlite3_column_int(st, 4) != 0;
		g.notes = sqlite3_column_int64(st, 5);
		g.actions = sqlite3_column_int64(st, 6);
		if ((r = cb(&g, arg)) != 0)
			break;
	}
	return wb_query_end(wb, st, rc, r, what);
}
