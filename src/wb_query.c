/* wb_query.c: queries across the workbook for the views: actions filtered, sorted, with owner names. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"
#include "wb_query.h"

/* The filters of struct wb_action_filter but refs: ?1 status, ?2 owner, ?3 priority, ?4 ref
 * prefix, ?5 today (overdue only); NULL = any. */
#define WB_QUERY_FILTERS \
	" AND (?1 IS NULL OR a.status = ?1)" \
	" AND (?2 IS NULL OR a.owner_id = ?2)" \
	" AND (?3 IS NULL OR a.priority = ?3)" \
	" AND (?4 IS NULL OR substr(a.ref, 1, length(?4)) = ?4)" \
	" AND (?5 IS NULL OR (a.due IS NOT NULL AND a.due < ?5" \
	" AND a.status IN ('open', 'in_progress')))"
#define WB_QUERY_FROM \
	" FROM action AS a LEFT JOIN stakeholder AS s" \
	" ON s.id = a.owner_id AND s.deleted = 0" \
	" WHERE a.deleted = 0"
#define WB_QUERY_SELECT \
	"SELECT a.id, a.ref, a.title, a.owner_id, a.due, a.priority, a.status," \
	" a.created, a.updated, coalesce(s.name, '')" WB_QUERY_FROM WB_QUERY_FILTERS

#define WB_QUERY_PRIO \
	" CASE a.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END"

#define WB_QUERY_BY_DUE " ORDER BY a.due IS NULL, a.due," WB_QUERY_PRIO ", a.created, a.id"
#define WB_QUERY_BY_PRIO " ORDER BY" WB_QUERY_PRIO ", a.due IS NULL, a.due, a.created, a.id"

static const char wb_query_by_due[] = WB_QUERY_SELECT WB_QUERY_BY_DUE;
static const char wb_query_by_prio[] = WB_QUERY_SELECT WB_QUERY_BY_PRIO;

/* The Actions view's list: only the columns it shows, and with no filter set no filter
 * clauses to evaluate on every action. */
#define WB_QUERY_LINES \
	"SELECT a.id, a.ref, a.title, a.due, a.priority, a.status, coalesce(s.name, '')" \
	WB_QUERY_FROM

static const char *const wb_query_lines_by_due[2] = { WB_QUERY_LINES WB_QUERY_BY_DUE,
	WB_QUERY_LINES WB_QUERY_FILTERS WB_QUERY_BY_DUE };
static const char *const wb_query_lines_by_prio[2] = { WB_QUERY_LINES WB_QUERY_BY_PRIO,
	WB_QUERY_LINES WB_QUERY_FILTERS WB_QUERY_BY_PRIO };

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

/* The columns id, ref, title, owner_id, due, priority, status of ST into ROW (borrowed from
 * ST), overdue on TODAY. */
static void
wb_query_summary_row(sqlite3_stmt *st, struct wb_action_row *row, const char *today)
{
	row->a.id = sqlite3_column_int64(st, 0);
	row->a.ref = wb_query_col(st, 1);
	row->a.title = wb_query_col(st, 2);
	row->a.owner_id = sqlite3_column_int64(st, 3);
	row->a.due = wb_query_col(st, 4);
	row->a.priority = wb_query_col(st, 5);
	row->a.status = wb_query_col(st, 6);
	row->overdue = wb_action_overdue(row->a.due, row->a.status, today);
}

/* The columns id, ref, title, owner_id, due, priority, status, created, updated, owner's
 * name of ST into ROW (borrowed from ST), overdue on TODAY. */
static void
wb_query_action_row(sqlite3_stmt *st, struct wb_action_row *row, const char *today)
{
	wb_query_summary_row(st, row, today);
	wb_query_time(row->a.created, st, 7);
	wb_query_time(row->a.updated, st, 8);
	row->owner_name = wb_query_col(st, 9);
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

/* Prepare SQL[filtered] for the listing of F (NULL = all) with its filters bound (SQL[0] has
 * no filter clauses: for F without status, owner, priority, prefix nor overdue); *F set to
 * the filter used. 0, or -1 with the error. */
static int
wb_query_actions_prepare(struct wb *wb, const struct wb_action_filter **f,
    const char *const sql[2], sqlite3_stmt **st)
{
	static const struct wb_action_filter none;
	const struct wb_action_filter *g = *f != NULL ? *f : &none;
	const char *what = _("cannot read the actions");
	int rc, filtered = g->status != NULL || g->owner_id != 0 || g->priority != NULL ||
	    g->ref_prefix != NULL || g->overdue_only;

	*f = g;
	if (g->overdue_only && (g->today == NULL || !wb__valid_date(g->today)))
		return wb__err(wb, _("%s: %s: overdue actions need today's date as"
		    " YYYY-MM-DD"), wb->path, what);
	rc = sqlite3_prepare_v2(wb->db, sql[filtered], -1, st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	if (filtered) {
		wb_query_bind(*st, 1, g->status);
		if (g->owner_id != 0)
			sqlite3_bind_int64(*st, 2, g->owner_id);
		wb_query_bind(*st, 3, g->priority);
		wb_query_bind(*st, 4, g->ref_prefix);
		if (g->overdue_only)
			wb_query_bind(*st, 5, g->today);
	}
	return 0;
}

int
wb_actions_query_rows(struct wb *wb, const struct wb_action_filter *f,
    enum wb_action_sort sort, int (*cb)(const struct wb_action_row *, void *), void *arg)
{
	const char *sql = sort == WB_ACTION_SORT_PRIORITY ? wb_query_by_prio : wb_query_by_due;
	const char *const both[2] = { sql, sql };
	struct wb_action_row row;
	sqlite3_stmt *st;
	int rc, r = 0;

	if (wb_query_actions_prepare(wb, &f, both, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (f->nrefs > 0 && !wb_query_in_refs(wb_query_col(st, 1), f))
			continue;
		wb_query_action_row(st, &row, f->today);
		if ((r = cb(&row, arg)) != 0)
			break;
	}
	return wb_query_end(wb, st, rc, r, _("cannot read the actions"));
}

int
wb_actions_lines(struct wb *wb, const struct wb_action_filter *f, enum wb_action_sort sort,
    int (*cb)(const struct wb_action_line *, void *), void *arg)
{
	struct wb_action_line l;
	sqlite3_stmt *st;
	int rc, r = 0;

	if (wb_query_actions_prepare(wb, &f, sort == WB_ACTION_SORT_PRIORITY ?
	    wb_query_lines_by_prio : wb_query_lines_by_due, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		l.ref = wb_query_col(st, 1);
		if (f->nrefs > 0 && !wb_query_in_refs(l.ref, f))
			continue;
		l.id = sqlite3_column_int64(st, 0);
		l.ref_len = strlen(l.ref);
		l.title = wb_query_col(st, 2);
		l.title_len = strlen(l.title);
		l.due = wb_query_col(st, 3);
		l.priority = wb_query_col(st, 4);
		l.status = wb_query_col(st, 5);
		l.owner_name = wb_query_col(st, 6);
		l.owner_len = strlen(l.owner_name);
		l.overdue = wb_action_overdue(l.due, l.status, f->today);
		if ((r = cb(&l, arg)) != 0)
			break;
	}
	return wb_query_end(wb, st, rc, r, _("cannot read the actions"));
}

/* The summary's open actions (open or in progress) by due date, as wb_query_by_due orders
 * them: filtered in SQL and without the owners' join (the summary names owners from its
 * stakeholder map), so that the sorter holds only the open ones; ?1 the limit, -1 none.
 * NOT INDEXED: the table read in its order, not a random seek per action down action_ref_due
 * (whose order the sorter discards anyway): half the CPU on the stress workbook.
 * The sorter holds the keys and the id alone, and each row is then read by its id: with the
 * titles in it, the stress workbook's 12,000 open actions outgrew the sorter's memory (the
 * cache size, 2 MB) and spilled to a temporary file (4 MB written and read back). The FROM
 * subquery, having a LIMIT, keeps its ORDER BY and runs as a co-routine that CROSS JOIN keeps
 * as the outer loop, so the rows come in its order (EXPLAIN QUERY PLAN: CO-ROUTINE o, SCAN o,
 * SEARCH a USING INTEGER PRIMARY KEY). */
static const char wb_query_open_by_due[] =
	"SELECT a.id, a.ref, a.title, a.owner_id, a.due, a.priority, a.status"
	" FROM (SELECT a.id FROM action AS a NOT INDEXED"
	" WHERE a.deleted = 0 AND a.status IN ('open', 'in_progress')"
	" ORDER BY a.due IS NULL, a.due," WB_QUERY_PRIO ", a.created, a.id LIMIT ?1) AS o"
	" CROSS JOIN action AS a ON a.id = o.id";

/* The summary's action listings: SQL's rows (borrowed) to CB, with REF bound to ?2 when not
 * NULL and ?1 the limit (0 = all). SQL reads the columns id, ref, title, owner_id, due,
 * priority, status, what the summary shows: created and updated are left "" (each a column
 * read and a copy per action). */
static int
wb_query_summary_rows(struct wb *wb, const char *sql, const char *ref, size_t limit,
    const char *today, int (*cb)(const struct wb_action_row *, void *), void *arg)
{
	const char *what = _("cannot read the actions");
	struct wb_action_row row;
	sqlite3_stmt *st;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	sqlite3_bind_int64(st, 1, limit > 0 && limit < INT64_MAX ? (sqlite3_int64)limit : -1);
	if (ref != NULL)
		sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
	row.a.created[0] = row.a.updated[0] = '\0';
	row.owner_name = "";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		wb_query_summary_row(st, &row, today);
		if ((r = cb(&row, arg)) != 0)
			break;
	}
	return wb_query_end(wb, st, rc, r, what);
}

/*
 * The whole plan sorted here, when the keys allow it: SQLite sorts a FROM subquery that has
 * a LIMIT by inserting each row into a b-tree (5,000 instructions a row), and the rows of
 * the plan are then read by id anyway. The keys of the open actions (id, due, priority,
 * created: 72 bytes each, 860 KB for the stress workbook's 12,000) are read in the table's
 * order, sorted with wb_query_key_cmp (what the ORDER BY compares: BINARY text, due IS NULL
 * first, the priority's rank) and each row is then read by its id, all in one read
 * transaction. A key that is not text where text is expected, or too long for its field, or
 * more than WB_QUERY_KEYS_MAX open actions, and the SQL above does it (a workbook from
 * elsewhere may hold anything); it also gives the first few (a small LIMIT).
 */
#define WB_QUERY_KEYS_MAX 65536

struct wb_query_key {
	int64_t id;
	char due[16];               /* "" when NULL */
	char created[40];
	unsigned char nodue;        /* due IS NULL */
	unsigned char prio;         /* WB_QUERY_PRIO */
};

static int
wb_query_key_cmp(const void *pa, const void *pb)
{
	const struct wb_query_key *a = pa, *b = pb;
	int c;

	if (a->nodue != b->nodue)
		return a->nodue < b->nodue ? -1 : 1;
	if ((c = strcmp(a->due, b->due)) != 0)
		return c;
	if (a->prio != b->prio)
		return a->prio < b->prio ? -1 : 1;
	if ((c = strcmp(a->created, b->created)) != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* 1 if column I of ST (not read yet) is the status "open" or "in_progress", as SQL's
 * status IN ('open', 'in_progress') says (which, in a result column rather than a WHERE,
 * costs as much as reading the rest of the row). */
static int
wb_query_open(sqlite3_stmt *st, int i)
{
	const char *s;

	/* The type first: reading the text converts the value. */
	if (sqlite3_column_type(st, i) != SQLITE_TEXT ||
	    (s = (const char *)sqlite3_column_text(st, i)) == NULL)
		return 0;
	return strcmp(s, "open") == 0 || strcmp(s, "in_progress") == 0;
}

/* Text column I of ST into DST (CAP bytes with its NUL): 0, or -1 when it is not text, holds
 * a NUL byte or does not fit. */
static int
wb_query_key_text(char *dst, size_t cap, sqlite3_stmt *st, int i)
{
	const unsigned char *t;
	size_t n;

	/* The type first: reading the text converts the value. */
	if (sqlite3_column_type(st, i) != SQLITE_TEXT ||
	    (t = sqlite3_column_text(st, i)) == NULL ||
	    (n = (size_t)sqlite3_column_bytes(st, i)) >= cap || strlen((const char *)t) != n)
		return -1;
	memcpy(dst, t, n + 1);
	return 0;
}

/* The open actions' keys, sorted, into *OUT (*N of them). 0; 1 when the keys do not allow the
 * sort here (use the SQL); -1 with the error. */
static int
wb_query_open_keys(struct wb *wb, struct wb_query_key **out, size_t *n)
{
	const char *what = _("cannot read the actions");
	struct wb_query_key *v = NULL, *k;
	size_t cap = 0;
	sqlite3_stmt *st;
	int rc, r = 0;

	*out = NULL;
	*n = 0;
	rc = sqlite3_prepare_v2(wb->db, "SELECT id, due, priority, created FROM action NOT INDEXED"
	    " WHERE deleted = 0 AND status IN ('open', 'in_progress')", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p;

		if (*n == cap) {
			struct wb_query_key *nv;

			cap = cap > 0 ? cap * 2 : 1024;
			if (cap > WB_QUERY_KEYS_MAX || (nv = realloc(v, cap * sizeof *v)) == NULL) {
				r = 1;
				break;
			}
			v = nv;
		}
		k = &v[*n];
		k->id = sqlite3_column_int64(st, 0);
		k->nodue = sqlite3_column_type(st, 1) == SQLITE_NULL;
		k->due[0] = '\0';
		if ((!k->nodue && wb_query_key_text(k->due, sizeof k->due, st, 1) != 0) ||
		    wb_query_key_text(k->created, sizeof k->created, st, 3) != 0) {
			r = 1;
			break;
		}
		p = sqlite3_column_type(st, 2) == SQLITE_TEXT ?
		    (const char *)sqlite3_column_text(st, 2) : NULL;
		k->prio = p != NULL && strcmp(p, "high") == 0 ? 0 :
		    p != NULL && strcmp(p, "medium") == 0 ? 1 : 2;
		++*n;
	}
	if ((r = wb_query_end(wb, st, r != 0 ? SQLITE_DONE : rc, r, what)) != 0) {
		free(v);
		*n = 0;
		return r;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, wb_query_key_cmp);
	*out = v;
	return 0;
}

/* The end of a read transaction begun with BEGIN (TXN 0: none was): committed, or rolled back
 * should the commit fail, so that the connection is never left inside it. */
static void
wb_query_read_end(struct wb *wb, int txn)
{
	if (txn && sqlite3_exec(wb->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
}

int
wb_actions_open_by_due(struct wb *wb, const char *today, size_t limit,
    int (*cb)(const struct wb_action_row *, void *), void *arg)
{
	const char *what = _("cannot read the actions");
	struct wb_query_key *keys = NULL;
	struct wb_action_row row;
	sqlite3_stmt *st;
	size_t n, i, got = 0;
	int rc, r, txn;

	/* A few, for the executive page: SQL keeps the first LIMIT in a small b-tree. */
	if (limit > 0 && limit < 64)
		return wb_query_summary_rows(wb, wb_query_open_by_due, NULL, limit, today, cb, arg);
	/* The keys and the rows from one snapshot, and the read transaction begun once, not
	 * once per row. */
	txn = sqlite3_get_autocommit(wb->db) &&
	    sqlite3_exec(wb->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	if ((r = wb_query_open_keys(wb, &keys, &n)) > 0)
		r = wb_query_summary_rows(wb, wb_query_open_by_due, NULL, limit, today, cb, arg);
	if (r != 0)
		goto done;
	/* Each row by its id, still live and open (it may have changed since its key was
	 * read, when there was no snapshot: then it is left out, as a listing started a
	 * moment later would). */
	rc = sqlite3_prepare_v2(wb->db, "SELECT id, ref, title, owner_id, due, priority, status"
	    " FROM action WHERE id = ?1 AND deleted = 0 AND status IN ('open', 'in_progress')",
	    -1, &st, NULL);
	if (rc != SQLITE_OK) {
		r = wb__sqlerr(wb, rc, what);
		goto done;
	}
	row.a.created[0] = row.a.updated[0] = '\0';
	row.owner_name = "";
	rc = SQLITE_DONE;
	for (i = 0; i < n && (limit == 0 || got < limit) && r == 0; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, keys[i].id);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE)
			continue;
		if (rc != SQLITE_ROW)
			break;
		rc = SQLITE_DONE;
		wb_query_summary_row(st, &row, today);
		got++;
		r = cb(&row, arg);
	}
	r = wb_query_end(wb, st, rc, r, what);
done:
	free(keys);
	wb_query_read_end(wb, txn);
	return r;
}

/* The summary's actions of one item, in the item pane's order (wb_actions_page) but without
 * the owners' join: a seek per action into the stakeholder table that the summary, naming
 * owners from its stakeholder map, never read. */
static const char wb_query_summary_actions[] =
	"SELECT a.id, a.ref, a.title, a.owner_id, a.due, a.priority, a.status"
	" FROM action AS a WHERE a.ref = ?2 AND a.deleted = 0"
	" ORDER BY a.due IS NULL, a.due, a.created, a.id LIMIT ?1";

int
wb_summary_actions_of(struct wb *wb, const char *ref, const char *today,
    int (*cb)(const struct wb_action_row *, void *), void *arg)
{
	return wb_query_summary_rows(wb, wb_query_summary_actions, ref != NULL ? ref : "", 0,
	    today, cb, arg);
}

/* The summary's notes of one item, as wb_notes_each lists them, reading only the columns the
 * summary shows (wb_notes_each's generic row reader cost as much as the step itself). */
const char wb__summary_notes_sql[] = "SELECT id, body, group_id, created, updated"
    " FROM note WHERE deleted = 0 AND ref = ?1 ORDER BY created, seq, id";

int
wb_summary_notes_of(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_note *, void *), void *arg)
{
	const char *what = _("cannot read the notes");
	struct wb_note n;
	sqlite3_stmt *st;
	int rc, r = 0;

	/* The ref is REF (not read again from each row). */
	rc = sqlite3_prepare_v2(wb->db, wb__summary_notes_sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	n.ref = ref != NULL ? ref : "";
	sqlite3_bind_text(st, 1, n.ref, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n.id = sqlite3_column_int64(st, 0);
		n.body = wb_query_col(st, 1);
		n.group_id = sqlite3_column_int64(st, 2);
		wb_query_time(n.created, st, 3);
		wb_query_time(n.updated, st, 4);
		if ((r = cb(&n, arg)) != 0)
			break;
	}
	return wb_query_end(wb, st, rc, r, what);
}

/* The map's stakeholders (map_load): the live rows in the table's order, rather than down
 * the name index with a seek per stakeholder; the map sorts them by name itself. */
int
wb_stakeholders_unsorted(struct wb *wb, int (*cb)(const struct wb_stakeholder *, void *),
    void *arg, int *names_text)
{
	const char *what = _("cannot read the stakeholders");
	struct wb_stakeholder h;
	sqlite3_stmt *st;
	int rc, x = 0;

	*names_text = 1;
	rc = sqlite3_prepare_v2(wb->db, "SELECT id, name, category, contact, responsibilities,"
	    " influence, interest, engagement FROM stakeholder WHERE deleted = 0", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	h.created[0] = h.updated[0] = '\0';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* The type first: reading the text converts the value. */
		*names_text &= sqlite3_column_type(st, 1) == SQLITE_TEXT;
		h.id = sqlite3_column_int64(st, 0);
		h.name = wb_query_col(st, 1);
		h.category = wb_query_col(st, 2);
		h.contact = wb_query_col(st, 3);
		h.responsibilities = wb_query_col(st, 4);
		h.influence = sqlite3_column_int(st, 5);
		h.interest = sqlite3_column_int(st, 6);
		h.engagement = wb_query_col(st, 7);
		if ((x = cb(&h, arg)) != 0)
			break;
	}
	return wb_query_end(wb, st, rc, x, what);
}

/* The map's roles and relations (map_load): every live row in the table's order, without
 * the stakeholders' joins and the sorts of wb_roles_each and wb_relations_each, which cost
 * the stress workbook's map 10,000 instructions a row: the map keeps the rows of the live
 * stakeholders it holds and sorts what it keeps itself. */
struct wb_query_unsorted {
	int (*role_cb)(const struct wb_role *, void *);
	int (*rel_cb)(const struct wb_relation *, void *);
	void *arg;
};

/* The rows of SQL (id, an id, another id or text, text) to the callback of U. */
static int
wb_query_unsorted_rows(struct wb *wb, const char *sql, const char *what,
    const struct wb_query_unsorted *u)
{
	struct wb_role ro;
	struct wb_relation re;
	sqlite3_stmt *st;
	int rc, x = 0;

	rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	ro.created[0] = ro.updated[0] = re.created[0] = re.updated[0] = '\0';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (u->role_cb != NULL) {
			ro.id = sqlite3_column_int64(st, 0);
			ro.stakeholder_id = sqlite3_column_int64(st, 1);
			ro.ref = wb_query_col(st, 2);
			ro.role = wb_query_col(st, 3);
			x = u->role_cb(&ro, u->arg);
		} else {
			re.id = sqlite3_column_int64(st, 0);
			re.from_id = sqlite3_column_int64(st, 1);
			re.to_id = sqlite3_column_int64(st, 2);
			re.kind = wb_query_col(st, 3);
			x = u->rel_cb(&re, u->arg);
		}
		if (x != 0)
			break;
	}
	return wb_query_end(wb, st, rc, x, what);
}

int
wb_roles_unsorted(struct wb *wb, int (*cb)(const struct wb_role *, void *), void *arg)
{
	const struct wb_query_unsorted u = { cb, NULL, arg };

	return wb_query_unsorted_rows(wb, "SELECT id, stakeholder_id, ref, role FROM role"
	    " WHERE deleted = 0", _("cannot read the roles"), &u);
}

int
wb_relations_unsorted(struct wb *wb, int (*cb)(const struct wb_relation *, void *), void *arg)
{
	const struct wb_query_unsorted u = { NULL, cb, arg };

	return wb_query_unsorted_rows(wb, "SELECT id, from_id, to_id, kind FROM relation"
	    " WHERE deleted = 0", _("cannot read the relations"), &u);
}

#define WB_QUERY_OWNERS_MAX 262144

static int
wb_query_id_cmp(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

int
wb_action_owner_counts(struct wb *wb, int (*cb)(int64_t owner_id, int64_t n, void *), void *arg)
{
	const char *what = _("cannot read the actions");
	int64_t *v = NULL, *nv;
	size_t n = 0, cap = 0, i, j;
	sqlite3_stmt *st;
	int rc, r = 0, sql = 0;

	/* The table in its order (9 ms on the stress workbook's 20,000 actions) rather than
	 * down action_owner with a seek per action for its deleted flag (23 ms); the owners
	 * sorted and counted here, not by SQLite's GROUP BY (half the instructions), unless
	 * there are more than WB_QUERY_OWNERS_MAX (2 MB of ids). */
	rc = sqlite3_prepare_v2(wb->db, "SELECT owner_id FROM action NOT INDEXED"
	    " WHERE deleted = 0 AND owner_id IS NOT NULL", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap > 0 ? cap * 2 : 1024;
			if (cap > WB_QUERY_OWNERS_MAX || (nv = realloc(v, cap * sizeof *v)) == NULL) {
				sql = 1;
				break;
			}
			v = nv;
		}
		v[n++] = sqlite3_column_int64(st, 0);
	}
	if (sql) {
		sqlite3_finalize(st);
		rc = sqlite3_prepare_v2(wb->db, "SELECT owner_id, count(*) FROM action NOT INDEXED"
		    " WHERE deleted = 0 AND owner_id IS NOT NULL GROUP BY owner_id", -1, &st,
		    NULL);
		if (rc != SQLITE_OK) {
			free(v);
			return wb__sqlerr(wb, rc, what);
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if ((r = cb(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			    arg)) != 0)
				break;
	} else if (rc == SQLITE_DONE) {
		if (n > 1)
			qsort(v, n, sizeof *v, wb_query_id_cmp);
		for (i = 0; i < n && r == 0; i = j) {
			for (j = i + 1; j < n && v[j] == v[i]; j++)
				;
			r = cb(v[i], (int64_t)(j - i), arg);
		}
	}
	free(v);
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

/* A count of live rows of TBL (and COND) for the ref REF, stopping at WB_GLANCE_MAX. */
#define WB_GLANCE_COUNT(tbl, cond, ref) \
	" (SELECT count(*) FROM (SELECT 1 FROM " tbl " WHERE ref = " ref " AND deleted = 0" \
	cond " LIMIT " WB_GLANCE_MAX_S "))"
#define WB_GLANCE_MAX_S "100"
#define WB_GLANCE_OPEN " AND status IN ('open', 'in_progress')"
_Static_assert(WB_GLANCE_MAX == 100, "WB_GLANCE_MAX_S is WB_GLANCE_MAX");

/* The glance of one ref, ?1. */
static const char wb_query_glance_of[] =
	"SELECT refs.ref, i.current, i.target, coalesce(i.needs_review, 0),"
	" coalesce(i.consensus, 0)," WB_GLANCE_COUNT("note", "", "refs.ref") " AS nn,"
	WB_GLANCE_COUNT("action", WB_GLANCE_OPEN, "refs.ref") " AS na"
	" FROM (SELECT ?1 AS ref) AS refs LEFT JOIN item AS i ON i.ref = refs.ref"
	" WHERE i.ref IS NOT NULL OR nn > 0 OR na > 0";

/* The glances of SQL (REF bound to ?1 when not NULL). */
static int
wb_query_glances(struct wb *wb, const char *sql, const char *ref,
    int (*cb)(const struct wb_item_glance *, void *), void *arg)
{
	const char *what = _("cannot read the items");
	struct wb_item_glance g;
	sqlite3_stmt *st;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	if (ref != NULL)
		sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
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

/*
 * Every glance: three ordered lists merged by ref, the items (with their state), the refs
 * with a live note and those with an open action, the last two walked down their indexes
 * (a loose index scan: one seek per ref, not one step per note). A ref's count is read only
 * when the ref is in that list (else it is 0). Small statements, each prepared when first
 * needed: one statement with recursive CTEs cost more to prepare than an empty workbook's
 * whole first screen spends in its other queries.
 */
struct wb_glance_list {
	const char *sql_first, *sql_next, *sql_count;   /* ?1 the previous ref / the ref */
	sqlite3_stmt *first, *next, *count;
	char *ref;                  /* the current ref (NULL at the end) */
	size_t len;
};

#define WB_GLANCE_REFS(tbl, cond) \
	"SELECT min(ref) FROM " tbl " WHERE deleted = 0" cond, \
	"SELECT min(ref) FROM " tbl " WHERE deleted = 0" cond " AND ref > ?1", \
	"SELECT" WB_GLANCE_COUNT(tbl, cond, "?1")

/* Prepare *ST from SQL once, else reset it; 0 or an SQLite code. */
static int
wb_glance_stmt(struct wb *wb, sqlite3_stmt **st, const char *sql)
{
	if (*st != NULL)
		return sqlite3_reset(*st);
	return sqlite3_prepare_v2(wb->db, sql, -1, st, NULL);
}

/* L's next ref (its first when it has none yet and START is set); 0 or an SQLite code. */
static int
wb_glance_advance(struct wb *wb, struct wb_glance_list *l, int start)
{
	sqlite3_stmt *st;
	const unsigned char *s;
	char *ref = NULL;
	size_t len = 0;
	int rc;

	if ((rc = start ? wb_glance_stmt(wb, &l->first, l->sql_first) :
	    wb_glance_stmt(wb, &l->next, l->sql_next)) != SQLITE_OK)
		return rc;
	st = start ? l->first : l->next;
	if (!start)
		sqlite3_bind_text(st, 1, l->ref, (int)l->len, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
	if ((s = sqlite3_column_text(st, 0)) != NULL) {
		len = (size_t)sqlite3_column_bytes(st, 0);
		if ((ref = malloc(len + 1)) == NULL)
			return SQLITE_NOMEM;
		memcpy(ref, s, len + 1);
	}
	sqlite3_reset(st);
	free(l->ref);
	l->ref = ref;
	l->len = len;
	return SQLITE_OK;
}

/* The count of L's current ref into *N; 0 or an SQLite code. */
static int
wb_glance_count(struct wb *wb, struct wb_glance_list *l, int64_t *n)
{
	int rc;

	if ((rc = wb_glance_stmt(wb, &l->count, l->sql_count)) != SQLITE_OK)
		return rc;
	sqlite3_bind_text(l->count, 1, l->ref, (int)l->len, SQLITE_STATIC);
	if ((rc = sqlite3_step(l->count)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
	*n = sqlite3_column_int64(l->count, 0);
	return sqlite3_reset(l->count);
}

/* A's order against B's, as SQLite's BINARY collation; a NULL A (the end) after all. */
static int
wb_glance_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c;

	if (a == NULL || b == NULL)
		return a == NULL ? (b == NULL ? 0 : 1) : -1;
	c = memcmp(a, b, an < bn ? an : bn);
	return c != 0 ? c : an < bn ? -1 : an > bn;
}

int
wb_item_glance_each(struct wb *wb, int (*cb)(const struct wb_item_glance *, void *), void *arg)
{
	struct wb_glance_list l[2] = {
		{ WB_GLANCE_REFS("note", ""), NULL, NULL, NULL, NULL, 0 },
		{ WB_GLANCE_REFS("action", WB_GLANCE_OPEN), NULL, NULL, NULL, NULL, 0 },
	};
	struct wb_item_glance g;
	sqlite3_stmt *items = NULL;
	const char *iref = NULL;
	size_t ilen = 0;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, "SELECT ref, current, target, coalesce(needs_review, 0),"
	    " coalesce(consensus, 0) FROM item ORDER BY ref", -1, &items, NULL);
	for (int k = 0; k < 2 && rc == SQLITE_OK; k++)
		rc = wb_glance_advance(wb, &l[k], 1);
	while (rc == SQLITE_OK && r == 0) {
		const char *ref;
		size_t len;
		int in[2];

		if (iref == NULL && items != NULL) {
			if ((rc = sqlite3_step(items)) == SQLITE_ROW) {
				iref = wb_query_col(items, 0);
				ilen = (size_t)sqlite3_column_bytes(items, 0);
				rc = SQLITE_OK;
			} else if (rc == SQLITE_DONE) {
				sqlite3_finalize(items);
				items = NULL;
				rc = SQLITE_OK;
			} else {
				break;
			}
		}
		/* the smallest ref of the three lists */
		ref = iref;
		len = ilen;
		for (int k = 0; k < 2; k++)
			if (wb_glance_cmp(l[k].ref, l[k].len, ref, len) < 0) {
				ref = l[k].ref;
				len = l[k].len;
			}
		if (ref == NULL)
			break;
		memset(&g, 0, sizeof g);
		g.item.ref = ref;
		if (iref != NULL && wb_glance_cmp(iref, ilen, ref, len) == 0) {
			g.item.current = (const char *)sqlite3_column_text(items, 1);
			g.item.target = (const char *)sqlite3_column_text(items, 2);
			g.item.needs_review = sqlite3_column_int(items, 3) != 0;
			g.item.consensus = sqlite3_column_int(items, 4) != 0;
		}
		for (int k = 0; k < 2; k++)
			if ((in[k] = wb_glance_cmp(l[k].ref, l[k].len, ref, len) == 0) &&
			    (rc = wb_glance_count(wb, &l[k], k == 0 ? &g.notes : &g.actions)) !=
			    SQLITE_OK)
				break;
		if (rc != SQLITE_OK || (r = cb(&g, arg)) != 0)
			break;
		if (iref != NULL && wb_glance_cmp(iref, ilen, ref, len) == 0)
			iref = NULL;
		for (int k = 0; k < 2 && rc == SQLITE_OK; k++)
			if (in[k])
				rc = wb_glance_advance(wb, &l[k], 0);
	}
	if (r == 0 && rc != SQLITE_OK)
		r = wb__sqlerr(wb, rc == SQLITE_CORRUPT ? rc : sqlite3_extended_errcode(wb->db),
		    _("cannot read the items"));
	sqlite3_finalize(items);
	for (int k = 0; k < 2; k++) {
		sqlite3_finalize(l[k].first);
		sqlite3_finalize(l[k].next);
		sqlite3_finalize(l[k].count);
		free(l[k].ref);
	}
	return r;
}

int
wb_item_glance_of(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_item_glance *, void *), void *arg)
{
	return wb_query_glances(wb, wb_query_glance_of, ref != NULL ? ref : "", cb, arg);
}

/* ---- Pages of an item's notes and actions (the browser's item pane) ---- */

int
wb__stmt(struct wb *wb, enum wb_stmt_id id, const char *sql, sqlite3_stmt **st)
{
	int rc;

	_Static_assert(WB_STMT_COUNT_ <= sizeof wb->stmts / sizeof wb->stmts[0],
	    "room for every kept statement");
	if (wb->stmts[id] != NULL) {
		sqlite3_reset(wb->stmts[id]);
		sqlite3_clear_bindings(wb->stmts[id]);
		*st = wb->stmts[id];
		return 0;
	}
	rc = sqlite3_prepare_v3(wb->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &wb->stmts[id], NULL);
	if (rc != SQLITE_OK) {
		wb->stmts[id] = NULL;
		*st = NULL;
		return wb__sqlerr(wb, rc, _("cannot read the workbook"));
	}
	*st = wb->stmts[id];
	return 0;
}

void
wb__stmt_done(sqlite3_stmt *st)
{
	if (st != NULL)
		sqlite3_reset(st);
}

void
wb__stmt_free(struct wb *wb)
{
	for (size_t i = 0; i < sizeof wb->stmts / sizeof wb->stmts[0]; i++) {
		sqlite3_finalize(wb->stmts[i]);
		wb->stmts[i] = NULL;
	}
}

#define WB_NOTES_PAGE_SELECT \
	"SELECT n.id, n.ref, n.body, n.group_id, n.created, n.updated, coalesce(g.name, '')" \
	" FROM note AS n LEFT JOIN breakout_group AS g ON g.id = n.group_id AND g.deleted = 0" \
	" WHERE n.ref = ?1 AND n.deleted = 0"
#define WB_NOTES_PAGE_ORDER " ORDER BY n.created, n.seq, n.id LIMIT ?3"

/* Notes after note ?2 in the order (created, seq, id), where a NULL seq (a note from before
 * schema v5) comes first; the range on created lets the index seek. */
static const char wb_notes_page_after[] = WB_NOTES_PAGE_SELECT
	" AND n.created >= (SELECT created FROM note WHERE id = ?2)"
	" AND (n.created > (SELECT created FROM note WHERE id = ?2)"
	" OR (SELECT seq IS NULL FROM note WHERE id = ?2) AND (n.seq IS NOT NULL OR n.id >"
	" ?2) OR n.seq > (SELECT seq FROM note WHERE id = ?2) OR n.seq = (SELECT seq FROM note"
	" WHERE id = ?2) AND n.id > ?2)" WB_NOTES_PAGE_ORDER;

/* The kept statement of a page: FIRST (SQL_FIRST) from the start, else AFTER (SQL_AFTER)
 * after record AFTER; ?1 the ref, ?2 the record, ?3 the limit. 0 or -1. */
static int
wb_query_page(struct wb *wb, enum wb_stmt_id first, const char *sql_first,
    enum wb_stmt_id next, const char *sql_next, const char *ref, int64_t after, size_t limit,
    sqlite3_stmt **st)
{
	if (after != 0 ? wb__stmt(wb, next, sql_next, st) : wb__stmt(wb, first, sql_first, st))
		return -1;
	sqlite3_bind_text(*st, 1, ref != NULL ? ref : "", -1, SQLITE_STATIC);
	if (after != 0)
		sqlite3_bind_int64(*st, 2, after);
	sqlite3_bind_int64(*st, 3, limit > 0 && limit < INT64_MAX ? (sqlite3_int64)limit : -1);
	return 0;
}

/* The end of a page's loop: its error, if the listing failed; the statement given back. */
static int
wb_query_page_end(struct wb *wb, sqlite3_stmt *st, int rc, int r, const char *what)
{
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), what);
	wb__stmt_done(st);
	return r;
}

int
wb_notes_page(struct wb *wb, const char *ref, int64_t after, size_t limit,
    int (*cb)(const struct wb_note_row *, void *), void *arg)
{
	struct wb_note_row row;
	sqlite3_stmt *st;
	int rc, r = 0;

	if (wb_query_page(wb, WB_STMT_NOTES_PAGE, WB_NOTES_PAGE_SELECT WB_NOTES_PAGE_ORDER,
	    WB_STMT_NOTES_PAGE_AFTER, wb_notes_page_after, ref, after, limit, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.n.id = sqlite3_column_int64(st, 0);
		row.n.ref = wb_query_col(st, 1);
		row.n.body = wb_query_col(st, 2);
		row.n.group_id = sqlite3_column_int64(st, 3);
		wb_query_time(row.n.created, st, 4);
		wb_query_time(row.n.updated, st, 5);
		row.group_name = wb_query_col(st, 6);
		if ((r = cb(&row, arg)) != 0)
			break;
	}
	return wb_query_page_end(wb, st, rc, r, _("cannot read the notes"));
}

#define WB_ACTIONS_PAGE_SELECT \
	"SELECT a.id, a.ref, a.title, a.owner_id, a.due, a.priority, a.status," \
	" a.created, a.updated, coalesce(s.name, '')" \
	" FROM action AS a LEFT JOIN stakeholder AS s ON s.id = a.owner_id AND s.deleted = 0" \
	" WHERE a.ref = ?1 AND a.deleted = 0"
#define WB_ACTIONS_PAGE_ORDER " ORDER BY a.due IS NULL, a.due, a.created, a.id LIMIT ?3"

/* Actions after action ?2 in that order (an undated one sorts as due '' after the dated). */
static const char wb_actions_page_after[] = WB_ACTIONS_PAGE_SELECT
	" AND (a.due IS NULL, ifnull(a.due, ''), a.created, a.id) > (SELECT due IS NULL,"
	" ifnull(due, ''), created, id FROM action WHERE id = ?2)" WB_ACTIONS_PAGE_ORDER;

int
wb_actions_page(struct wb *wb, const char *ref, int64_t after, size_t limit,
    const char *today, int (*cb)(const struct wb_action_row *, void *), void *arg)
{
	struct wb_action_row row;
	sqlite3_stmt *st;
	int rc, r = 0;

	if (wb_query_page(wb, WB_STMT_ACTIONS_PAGE, WB_ACTIONS_PAGE_SELECT WB_ACTIONS_PAGE_ORDER,
	    WB_STMT_ACTIONS_PAGE_AFTER, wb_actions_page_after, ref, after, limit, &st) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		wb_query_action_row(st, &row, today);
		if ((r = cb(&row, arg)) != 0)
			break;
	}
	return wb_query_page_end(wb, st, rc, r, _("cannot read the actions"));
}

int
wb_action_owners_each(struct wb *wb, int (*cb)(int64_t id, const char *name, void *),
    void *arg)
{
	sqlite3_stmt *st;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, "SELECT s.id, s.name FROM stakeholder AS s"
	    " WHERE s.deleted = 0 AND EXISTS (SELECT 1 FROM action AS a WHERE a.owner_id = s.id"
	    " AND a.deleted = 0) ORDER BY s.name, s.id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot read the stakeholders"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((r = cb(sqlite3_column_int64(st, 0), wb_query_col(st, 1), arg)) != 0)
			break;
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db), _("cannot read the stakeholders"));
	sqlite3_finalize(st);
	return r;
}

int
wb_roles_rows(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_role_row *, void *), void *arg)
{
	struct wb_role_row row;
	sqlite3_stmt *st;
	int rc, r = 0;

	if (wb__stmt(wb, WB_STMT_ROLES_ROWS, "SELECT r.id, r.stakeholder_id, r.ref, r.role,"
	    " r.created, r.updated, s.name FROM role AS r JOIN stakeholder AS s"
	    " ON s.id = r.stakeholder_id WHERE r.deleted = 0 AND s.deleted = 0 AND r.ref = ?1"
	    " ORDER BY r.role = 'accountable' DESC, r.role, s.name, r.id", &st) != 0)
		return -1;
	sqlite3_bind_text(st, 1, ref != NULL ? ref : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.r.id = sqlite3_column_int64(st, 0);
		row.r.stakeholder_id = sqlite3_column_int64(st, 1);
		row.r.ref = wb_query_col(st, 2);
		row.r.role = wb_query_col(st, 3);
		wb_query_time(row.r.created, st, 4);
		wb_query_time(row.r.updated, st, 5);
		row.stakeholder_name = wb_query_col(st, 6);
		if ((r = cb(&row, arg)) != 0)
			break;
	}
	return wb_query_page_end(wb, st, rc, r, _("cannot read the roles"));
}

/* The smallest live ref of table T after the previous one, walked down its ref index (a
 * loose index scan: one seek per distinct ref, not one step per row). */
#define WB_REFS_OF(t, a) \
	a "(ref) AS (SELECT (SELECT min(ref) FROM " t " WHERE deleted = 0) UNION ALL" \
	" SELECT (SELECT min(ref) FROM " t " WHERE deleted = 0 AND ref > " a ".ref) FROM " a \
	" WHERE " a ".ref IS NOT NULL)"

static const char wb_query_refs[] = "WITH RECURSIVE " WB_REFS_OF("note", "n") ", "
	WB_REFS_OF("action", "a") ", " WB_REFS_OF("evidence", "e") ", " WB_REFS_OF("role", "r")
	" SELECT ref FROM n WHERE ref IS NOT NULL UNION SELECT ref FROM a WHERE ref IS NOT NULL"
	" UNION SELECT ref FROM e WHERE ref IS NOT NULL UNION SELECT ref FROM r"
	" WHERE ref IS NOT NULL UNION SELECT ref FROM item WHERE current IS NOT NULL"
	" OR target IS NOT NULL OR needs_review <> 0 OR consensus <> 0 ORDER BY ref";

int
wb_refs_each(struct wb *wb, int (*cb)(const char *ref, void *), void *arg)
{
	sqlite3_stmt *st;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, wb_query_refs, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot read the items"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((r = cb(wb_query_col(st, 0), arg)) != 0)
			break;
	return wb_query_end(wb, st, rc, r, _("cannot read the items"));
}

int
wb_live_counts(struct wb *wb, int64_t *notes, int64_t *evidence)
{
	sqlite3_stmt *st;
	int rc;

	/* count(*) of the live notes walks the partial index note_ref_order, not the table. */
	rc = sqlite3_prepare_v2(wb->db, "SELECT (SELECT count(*) FROM note WHERE deleted = 0),"
	    " (SELECT count(*) FROM evidence WHERE deleted = 0)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot count the records"));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*notes = sqlite3_column_int64(st, 0);
		*evidence = sqlite3_column_int64(st, 1);
	}
	return wb_query_end(wb, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, 0,
	    _("cannot count the records"));
}

/* The counts of one ref (wb_action_counts_each). */
struct wb_query_count {
	char *ref;
	int64_t all, open, overdue;
};

#define WB_QUERY_REFS_MAX 256

/* The counts of REF in V (*N of them, sorted by ref), added when new. NULL when out of room
 * (more than WB_QUERY_REFS_MAX refs) or memory. */
static struct wb_query_count *
wb_query_count_of(struct wb_query_count *v, size_t *n, const char *ref)
{
	size_t lo = 0, hi = *n, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(ref, v[mid].ref)) == 0)
			return &v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (*n == WB_QUERY_REFS_MAX)
		return NULL;
	memmove(v + lo + 1, v + lo, (*n - lo) * sizeof *v);
	memset(&v[lo], 0, sizeof v[lo]);
	if ((v[lo].ref = strdup(ref)) == NULL) {
		memmove(v + lo, v + lo + 1, (*n - lo) * sizeof *v);
		return NULL;
	}
	++*n;
	return &v[lo];
}

int
wb_action_counts_each(struct wb *wb, const char *today,
    int (*cb)(const char *ref, int64_t all, int64_t open, int64_t overdue, void *), void *arg)
{
	const char *what = _("cannot read the actions");
	struct wb_query_count *v, *k = NULL;
	sqlite3_stmt *st;
	size_t n = 0, i;
	int rc, r = 0, sql = 0;

	/* The table in its order, counted here by ref (a workbook has refs by the dozen): the
	 * index action_ref_due would need a random seek per action for its status, and
	 * SQLite's GROUP BY sorted every action by ref first (three times the instructions).
	 * A ref that is not text, or more than WB_QUERY_REFS_MAX of them, and GROUP BY does
	 * it after all. */
	if ((v = calloc(WB_QUERY_REFS_MAX, sizeof *v)) == NULL)
		return wb__sqlerr(wb, SQLITE_NOMEM, what);
	/* Status and due compared here too (as the SQL below compares them: a due date not
	 * stored as text, and the SQL does it). */
	rc = sqlite3_prepare_v2(wb->db, "SELECT ref, status, due FROM action NOT INDEXED"
	    " WHERE deleted = 0", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		free(v);
		return wb__sqlerr(wb, rc, what);
	}
	if (today != NULL && *today == '\0')
		today = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* The types first: reading the text converts the value. */
		int text = sqlite3_column_type(st, 0) == SQLITE_TEXT, open = wb_query_open(st, 1);
		int dtype = sqlite3_column_type(st, 2);
		const char *ref = (const char *)sqlite3_column_text(st, 0), *due;

		if (!text || ref == NULL || strlen(ref) != (size_t)sqlite3_column_bytes(st, 0) ||
		    (dtype != SQLITE_TEXT && dtype != SQLITE_NULL) ||
		    ((k == NULL || strcmp(ref, k->ref) != 0) &&
		    (k = wb_query_count_of(v, &n, ref)) == NULL)) {
			sql = 1;
			break;
		}
		due = dtype == SQLITE_TEXT ? (const char *)sqlite3_column_text(st, 2) : NULL;
		if (due != NULL && strlen(due) != (size_t)sqlite3_column_bytes(st, 2)) {
			sql = 1;
			break;
		}
		k->all++;
		k->open += open;
		k->overdue += open && due != NULL && *due != '\0' && today != NULL &&
		    strcmp(due, today) < 0;
	}
	if (sql) {
		sqlite3_finalize(st);
		rc = sqlite3_prepare_v2(wb->db, "SELECT ref, count(*),"
		    " sum(status IN ('open', 'in_progress')),"
		    " sum(status IN ('open', 'in_progress') AND due IS NOT NULL AND due <> ''"
		    " AND ?1 IS NOT NULL AND due < ?1)"
		    " FROM action NOT INDEXED WHERE deleted = 0 GROUP BY ref ORDER BY ref", -1, &st,
		    NULL);
		if (rc != SQLITE_OK) {
			r = wb__sqlerr(wb, rc, what);
			goto done;
		}
		wb_query_bind(st, 1, today != NULL && *today != '\0' ? today : NULL);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if ((r = cb(wb_query_col(st, 0), sqlite3_column_int64(st, 1),
			    sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), arg)) != 0)
				break;
	} else if (rc == SQLITE_DONE) {
		for (i = 0; i < n && r == 0; i++)
			r = cb(v[i].ref, v[i].all, v[i].open, v[i].overdue, arg);
	}
	r = wb_query_end(wb, st, rc, r, what);
done:
	for (i = 0; i < n; i++)
		free(v[i].ref);
	free(v);
	return r;
}
