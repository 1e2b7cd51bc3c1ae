/* test-wb-query.c: the actions query behind the Actions view: filters, sorts, overdue, owners (cmocka). */
#include "config.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "demo.h"
#include "wb.h"
#include "wb_query.h"
#include "test-wb-util.h"

struct fx {
	char dir[64];
	char path[128];
	struct wb *wb;
	int64_t alpha, beta, gone;
};

static int64_t
fx_owner(struct fx *f, const char *name)
{
	struct wb_stakeholder s = { 0 };
	int64_t id = 0;

	s.name = name;
	s.category = "national_government";
	if (wb_stakeholder_add(f->wb, &s, &id) != 0)
		fail_msg("wb_stakeholder_add: %s", wb_errmsg(f->wb));
	return id;
}

static int64_t
fx_action(struct fx *f, const char *title, const char *ref, int64_t owner, const char *due,
    const char *prio, const char *status)
{
	struct wb_action a = { 0 };
	int64_t id = 0;

	a.title = title;
	a.ref = ref;
	a.owner_id = owner;
	a.due = due;
	a.priority = prio;
	a.status = status;
	if (wb_action_add(f->wb, &a, &id) != 0)
		fail_msg("wb_action_add: %s", wb_errmsg(f->wb));
	return id;
}

/* Due order: x1 x4 x5 x10 x7 x2 x8 x3; x6 is deleted, x8's owner too. */
static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *err = NULL;
	int64_t x6;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/test-wb-query-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/q.ciipwb", f->dir);
	if (wb_open(f->path, WB_OPEN_CREATE, &f->wb, &err) != 0)
		fail_msg("wb_open: %s", err);
	f->alpha = fx_owner(f, "Alpha Agency");
	f->beta = fx_owner(f, "Beta Ministry");
	f->gone = fx_owner(f, "Gone Council");
	fx_action(f, "x1", "64/211:1", f->alpha, "2026-01-10", "high", "open");
	fx_action(f, "x2", "64/211:2", f->beta, "2026-05-01", "low", "open");
	fx_action(f, "x3", "64/211:2", f->alpha, "", "medium", "in_progress");
	fx_action(f, "x4", "58/199:3", 0, "2026-02-01", "medium", "done");
	fx_action(f, "x5", "58/199:1", f->beta, "2026-02-15", "high", "in_progress");
	x6 = fx_action(f, "x6", "64/211:3", f->alpha, "2026-04-01", "low", "open");
	fx_action(f, "x7", "64/211:10", f->beta, "2026-04-01", "medium", "open");
	fx_action(f, "x8", "64/211:4", f->gone, "2026-06-01", "low", "dropped");
	fx_action(f, "x10", "58/199:2", f->alpha, "2026-04-01", "high", "open");
	if (wb_action_delete(f->wb, x6) != 0 || wb_stakeholder_delete(f->wb, f->gone) != 0)
		fail_msg("delete: %s", wb_errmsg(f->wb));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	wb_close(f->wb);
	tu_rmrf(f->dir);
	assert_int_equal(access(f->dir, F_OK), -1);
	free(f);
	return 0;
}

/* Titles of the listed actions, comma-separated. */
struct list {
	char s[512];
};

static int
list_cb(const struct wb_action *a, void *arg)
{
	struct list *l = arg;

	if (l->s[0] != '\0')
		strcat(l->s, ",");
	strcat(l->s, a->title);
	return 0;
}

static const char *
query(struct fx *f, const struct wb_action_filter *flt, enum wb_action_sort sort,
    struct list *l)
{
	l->s[0] = '\0';
	if (wb_actions_query(f->wb, flt, sort, list_cb, l) != 0)
		fail_msg("wb_actions_query: %s", wb_errmsg(f->wb));
	return l->s;
}

static void
query__lists_live_actions_by_due_date_undated_last(void **state)
{
	struct list l;

	assert_string_equal(query(*state, NULL, WB_ACTION_SORT_DUE, &l),
	    "x1,x4,x5,x10,x7,x2,x8,x3");
}

static void
query__sorts_by_priority_then_due_date(void **state)
{
	struct list l;

	assert_string_equal(query(*state, NULL, WB_ACTION_SORT_PRIORITY, &l),
	    "x1,x5,x10,x4,x7,x3,x2,x8");
}

static void
query__filters_by_status(void **state)
{
	struct wb_action_filter flt = { .status = "open" };
	struct list l;

	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x1,x10,x7,x2");
	flt.status = "in_progress";
	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x5,x3");
}

static void
query__filters_by_owner(void **state)
{
	struct fx *f = *state;
	struct wb_action_filter flt = { .owner_id = f->alpha };
	struct list l;

	assert_string_equal(query(f, &flt, WB_ACTION_SORT_DUE, &l), "x1,x10,x3");
}

static void
query__filters_by_priority(void **state)
{
	struct wb_action_filter flt = { .priority = "low" };
	struct list l;

	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x2,x8");
}

static void
query__filters_by_ref_prefix(void **state)
{
	struct wb_action_filter flt = { .ref_prefix = "58/199:" };
	struct list l;

	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x4,x5,x10");
}

static void
query__filters_by_a_list_of_refs(void **state)
{
	static const char *const refs[] = { "64/211:2", "64/211:4", "64/211:1" };
	struct wb_action_filter flt = { .refs = refs, .nrefs = 2 };
	struct list l;

	/* 64/211:10 shares a prefix with 64/211:1 but is not in the list */
	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x2,x8,x3");
	flt.nrefs = 3;
	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x1,x2,x8,x3");
}

static void
query__overdue_means_open_or_in_progress_and_due_before_today(void **state)
{
	struct wb_action_filter flt = { .overdue_only = 1, .today = "2026-03-01" };
	struct list l;

	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x1,x5");
	flt.today = "2026-04-02";
	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x1,x5,x10,x7");
	flt.today = "2026-04-01";   /* due today is not overdue */
	assert_string_equal(query(*state, &flt, WB_ACTION_SORT_DUE, &l), "x1,x5");
}

static void
query__combines_filters(void **state)
{
	struct fx *f = *state;
	struct wb_action_filter flt = { .owner_id = f->beta, .status = "open",
	    .priority = "low" };
	struct list l;

	assert_string_equal(query(f, &flt, WB_ACTION_SORT_DUE, &l), "x2");
	memset(&flt, 0, sizeof flt);
	flt.owner_id = f->alpha;
	flt.ref_prefix = "64/211:";
	assert_string_equal(query(f, &flt, WB_ACTION_SORT_PRIORITY, &l), "x1,x3");
	flt.overdue_only = 1;
	flt.today = "2026-03-01";
	assert_string_equal(query(f, &flt, WB_ACTION_SORT_PRIORITY, &l), "x1");
	flt.status = "done";
	assert_string_equal(query(f, &flt, WB_ACTION_SORT_PRIORITY, &l), "");
}

static void
query__refuses_overdue_without_a_valid_today(void **state)
{
	struct fx *f = *state;
	struct wb_action_filter flt = { .overdue_only = 1 };
	struct list l = { "" };

	assert_int_equal(wb_actions_query(f->wb, &flt, WB_ACTION_SORT_DUE, list_cb, &l), -1);
	assert_non_null(strstr(wb_errmsg(f->wb), "YYYY-MM-DD"));
	flt.today = "2026-13-40";
	assert_int_equal(wb_actions_query(f->wb, &flt, WB_ACTION_SORT_DUE, list_cb, &l), -1);
	assert_string_equal(l.s, "");
}

struct rows {
	char s[1024];
};

static int
rows_cb(const struct wb_action_row *r, void *arg)
{
	struct rows *o = arg;
	size_t n = strlen(o->s);

	snprintf(o->s + n, sizeof o->s - n, "%s%s=%s%s", n > 0 ? "," : "", r->a.title,
	    r->owner_name, r->overdue ? "!" : "");
	return 0;
}

static void
query_rows__give_owner_names_and_mark_overdue(void **state)
{
	struct fx *f = *state;
	struct wb_action_filter flt = { .today = "2026-03-01" };
	struct rows o = { "" };

	assert_int_equal(wb_actions_query_rows(f->wb, &flt, WB_ACTION_SORT_DUE, rows_cb, &o), 0);
	assert_string_equal(o.s, "x1=Alpha Agency!,x4=,x5=Beta Ministry!,x10=Alpha Agency,"
	    "x7=Beta Ministry,x2=Beta Ministry,x8=,x3=Alpha Agency");
}

static void
query_rows__without_today_marks_nothing_overdue(void **state)
{
	struct rows o = { "" };

	assert_int_equal(wb_actions_query_rows(((struct fx *)*state)->wb, NULL,
	    WB_ACTION_SORT_DUE, rows_cb, &o), 0);
	assert_null(strchr(o.s, '!'));
}

static int
rows_full_cb(const struct wb_action_row *r, void *arg)
{
	struct rows *o = arg;
	size_t n = strlen(o->s);

	snprintf(o->s + n, sizeof o->s - n, "%s%" PRId64 " %s/%zu %s/%zu %s/%zu %s %s %s%s",
	    n > 0 ? "," : "", r->a.id, r->a.ref, strlen(r->a.ref), r->a.title,
	    strlen(r->a.title), r->owner_name, strlen(r->owner_name), r->a.due, r->a.priority,
	    r->a.status, r->overdue ? "!" : "");
	return 0;
}

static int
lines_cb(const struct wb_action_line *l, void *arg)
{
	struct rows *o = arg;
	size_t n = strlen(o->s);

	snprintf(o->s + n, sizeof o->s - n, "%s%" PRId64 " %s/%zu %s/%zu %s/%zu %s %s %s%s",
	    n > 0 ? "," : "", l->id, l->ref, l->ref_len, l->title, l->title_len, l->owner_name,
	    l->owner_len, l->due, l->priority, l->status, l->overdue ? "!" : "");
	return 0;
}

/* The Actions view's listing is wb_actions_query_rows's, column for column, with every
 * filter and both sorts. */
static void
lines__list_as_query_rows_with_each_filter(void **state)
{
	struct fx *f = *state;
	static const char *const heading[] = { "64/211:2", "58/199:1" };
	struct wb_action_filter flt[] = {
		{ .today = "2026-03-01" }, { .status = "open" }, { .owner_id = f->alpha },
		{ .priority = "high", .today = "2026-03-01" }, { .ref_prefix = "64/211:" },
		{ .refs = heading, .nrefs = 2 }, { .overdue_only = 1, .today = "2026-04-15" },
		{ .status = "open", .ref_prefix = "64/211:", .today = "2026-05-01" },
	};
	struct rows a, b;

	for (size_t i = 0; i < sizeof flt / sizeof flt[0]; i++)
		for (int sort = 0; sort < 2; sort++) {
			a.s[0] = b.s[0] = '\0';
			assert_int_equal(wb_actions_query_rows(f->wb, &flt[i],
			    (enum wb_action_sort)sort, rows_full_cb, &a), 0);
			assert_int_equal(wb_actions_lines(f->wb, &flt[i],
			    (enum wb_action_sort)sort, lines_cb, &b), 0);
			assert_true(a.s[0] != '\0');
			assert_string_equal(a.s, b.s);
		}
	a.s[0] = b.s[0] = '\0';
	assert_int_equal(wb_actions_query_rows(f->wb, NULL, WB_ACTION_SORT_DUE, rows_full_cb,
	    &a), 0);
	assert_int_equal(wb_actions_lines(f->wb, NULL, WB_ACTION_SORT_DUE, lines_cb, &b), 0);
	assert_string_equal(a.s, b.s);
	flt[0].overdue_only = 1;
	flt[0].today = "soon";
	assert_int_equal(wb_actions_lines(f->wb, &flt[0], WB_ACTION_SORT_DUE, lines_cb, &b), -1);
}

static int
stop_cb(const struct wb_action *a, void *arg)
{
	(*(int *)arg)++;
	return strcmp(a->title, "x5") == 0 ? 7 : 0;
}

static void
query__stops_when_the_callback_says_so(void **state)
{
	struct fx *f = *state;
	int n = 0;

	assert_int_equal(wb_actions_query(f->wb, NULL, WB_ACTION_SORT_DUE, stop_cb, &n), 7);
	assert_int_equal(n, 3);
}

static void
overdue__ignores_undated_done_and_dropped(void **state)
{
	(void)state;
	assert_true(wb_action_overdue("2026-01-01", "open", "2026-01-02"));
	assert_true(wb_action_overdue("2026-01-01", "in_progress", "2026-01-02"));
	assert_false(wb_action_overdue("2026-01-01", "done", "2026-01-02"));
	assert_false(wb_action_overdue("2026-01-01", "dropped", "2026-01-02"));
	assert_false(wb_action_overdue("", "open", "2026-01-02"));
	assert_false(wb_action_overdue("2026-01-02", "open", "2026-01-02"));
	assert_false(wb_action_overdue("2026-01-01", "open", NULL));
}

static int
count_cb(const struct wb_action *a, void *arg)
{
	(void)a;
	(*(size_t *)arg)++;
	return 0;
}

static void
query__finds_the_demo_workbooks_overdue_actions(void **state)
{
	struct fx *f = *state;
	struct wb_action_filter flt = { .overdue_only = 1, .today = DEMO_TODAY };
	struct demo_stats st;
	char path[160], *err = NULL;
	struct wb *wb;
	size_t n = 0, all = 0;

	snprintf(path, sizeof path, "%s/demo.ciipwb", f->dir);
	if (demo_write(path, &st, &err) != 0)
		fail_msg("demo_write: %s", err);
	if (wb_open(path, WB_OPEN_READONLY, &wb, &err) != 0)
		fail_msg("wb_open: %s", err);
	assert_int_equal(wb_actions_query(wb, &flt, WB_ACTION_SORT_PRIORITY, count_cb, &n), 0);
	assert_int_equal(wb_actions_query(wb, NULL, WB_ACTION_SORT_DUE, count_cb, &all), 0);
	wb_close(wb);
	assert_true(st.overdue > 0);
	assert_int_equal(n, st.overdue);
	assert_int_equal(all, st.actions);
}

static int
glance_cb(const struct wb_item_glance *g, void *arg)
{
	struct list *l = arg;
	char buf[128];

	snprintf(buf, sizeof buf, "%s%s=%s/%s/%d%d/%lldn/%llda", l->s[0] != '\0' ? "," : "",
	    g->item.ref, g->item.current != NULL ? g->item.current : "-",
	    g->item.target != NULL ? g->item.target : "-", g->item.needs_review,
	    g->item.consensus, (long long)g->notes, (long long)g->actions);
	strcat(l->s, buf);
	return 0;
}

/* The navigation pane's counts: one statement for every item; open actions and live notes. */
static void
glance__gives_state_notes_and_open_actions_per_item_in_ref_order(void **state)
{
	struct fx *f = *state;
	struct wb_item it = { .ref = "64/211:2", .current = "formative", .consensus = 1 };
	struct wb_note n = { .ref = "64/211:2", .body = "one" };
	int64_t gone = 0;
	struct list l = { "" };

	assert_int_equal(wb_item_set(f->wb, &it), 0);
	assert_int_equal(wb_note_add(f->wb, &n, NULL), 0);
	assert_int_equal(wb_note_add(f->wb, &n, NULL), 0);
	n.ref = "58/199:9";
	assert_int_equal(wb_note_add(f->wb, &n, &gone), 0);
	assert_int_equal(wb_note_delete(f->wb, gone), 0);
	assert_int_equal(wb_item_glance_each(f->wb, glance_cb, &l), 0);
	/* 58/199:3 and 64/211:4 have only a done and a dropped action: nothing to show. */
	assert_string_equal(l.s, "58/199:1=-/-/00/0n/1a,58/199:2=-/-/00/0n/1a,"
	    "64/211:1=-/-/00/0n/1a,64/211:10=-/-/00/0n/1a,64/211:2=formative/-/01/2n/2a");
	/* One item's glance alone (after an edit of it) is the same; an item with nothing has
	 * none, as in the whole list. */
	l.s[0] = '\0';
	assert_int_equal(wb_item_glance_of(f->wb, "64/211:2", glance_cb, &l), 0);
	assert_string_equal(l.s, "64/211:2=formative/-/01/2n/2a");
	l.s[0] = '\0';
	assert_int_equal(wb_item_glance_of(f->wb, "58/199:1", glance_cb, &l), 0);
	assert_string_equal(l.s, "58/199:1=-/-/00/0n/1a");
	l.s[0] = '\0';
	assert_int_equal(wb_item_glance_of(f->wb, "58/199:9", glance_cb, &l), 0);
	assert_int_equal(wb_item_glance_of(f->wb, "64/211:4", glance_cb, &l), 0);
	assert_string_equal(l.s, "");
}

static int
glance_stop_cb(const struct wb_item_glance *g, void *arg)
{
	glance_cb(g, arg);
	return strcmp(g->item.ref, "58/199:2") == 0 ? 5 : 0;
}

/* The items, the refs with notes and those with open actions, merged in ref order: an item
 * with a state but nothing else is listed, a ref in two lists once; the callback stops it. */
static void
glance__merges_the_three_lists_once_per_ref_and_stops_when_told(void **state)
{
	struct fx *f = *state;
	struct wb_item it = { .ref = "58/199:10", .target = "formative", .needs_review = 1 };
	struct wb_note n = { .ref = "58/199:1", .body = "one" };
	struct list l = { "" };

	assert_int_equal(wb_item_set(f->wb, &it), 0);
	it.ref = "64/211:9";
	it.target = NULL;
	assert_int_equal(wb_item_set(f->wb, &it), 0);
	assert_int_equal(wb_note_add(f->wb, &n, NULL), 0);
	n.ref = "58/199:0";
	assert_int_equal(wb_note_add(f->wb, &n, NULL), 0);
	assert_int_equal(wb_item_glance_each(f->wb, glance_cb, &l), 0);
	assert_string_equal(l.s, "58/199:0=-/-/00/1n/0a,58/199:1=-/-/00/1n/1a,"
	    "58/199:10=-/formative/10/0n/0a,58/199:2=-/-/00/0n/1a,64/211:1=-/-/00/0n/1a,"
	    "64/211:10=-/-/00/0n/1a,64/211:2=-/-/00/0n/2a,64/211:9=-/-/10/0n/0a");
	l.s[0] = '\0';
	assert_int_equal(wb_item_glance_each(f->wb, glance_stop_cb, &l), 5);
	assert_string_equal(l.s, "58/199:0=-/-/00/1n/0a,58/199:1=-/-/00/1n/1a,"
	    "58/199:10=-/formative/10/0n/0a,58/199:2=-/-/00/0n/1a");
}

/* ---- pages of an item's notes and actions ---- */

struct page {
	char s[1024];
	int64_t last;
	int n;
};

static int
page_note_cb(const struct wb_note_row *r, void *arg)
{
	struct page *p = arg;

	if (p->s[0] != '\0')
		strcat(p->s, ",");
	strcat(p->s, r->n.body);
	if (r->group_name[0] != '\0') {
		strcat(p->s, "@");
		strcat(p->s, r->group_name);
	}
	p->last = r->n.id;
	p->n++;
	return 0;
}

/* Every note of REF, pages of SIZE through the keyset query, as one list. */
static const char *
notes_paged(struct fx *f, const char *ref, size_t size, struct page *all)
{
	struct page p;

	memset(all, 0, sizeof *all);
	do {
		memset(&p, 0, sizeof p);
		if (wb_notes_page(f->wb, ref, all->last, size, page_note_cb, &p) != 0)
			fail_msg("wb_notes_page: %s", wb_errmsg(f->wb));
		if (p.n > 0) {
			if (all->s[0] != '\0')
				strcat(all->s, ",");
			strcat(all->s, p.s);
			all->last = p.last;
		}
		assert_true(p.n <= (int)size);
	} while (p.n == (int)size);
	return all->s;
}

static void
notes_page__walks_every_note_in_order_with_group_names(void **state)
{
	struct fx *f = *state;
	struct wb_note n = { .ref = "64/211:5" };
	struct page all;
	sqlite3 *db;
	char body[8];
	int64_t g = 0, gone = 0, id = 0;

	assert_int_equal(wb_group_add(f->wb, "Group A", &g), 0);
	assert_int_equal(wb_group_add(f->wb, "Gone", &gone), 0);
	/* Notes from before schema v5 (no seq), in one second, and two in the next. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO note(id, ref, body, created, updated)"
	    " VALUES (30, '64/211:5', 'o3', '2020-01-01T00:00:00Z', ''),"
	    " (10, '64/211:5', 'o1', '2020-01-01T00:00:00Z', ''),"
	    " (20, '64/211:5', 'o2', '2020-01-01T00:00:00Z', ''),"
	    " (40, '64/211:5', 'o4', '2020-01-01T00:00:01Z', ''),"
	    " (5, '64/211:5', 'o5', '2020-01-01T00:00:01Z', '')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	for (int i = 0; i < 7; i++) {
		snprintf(body, sizeof body, "n%d", i);
		n.body = body;
		n.group_id = i == 1 ? g : i == 2 ? gone : 0;
		assert_int_equal(wb_note_add(f->wb, &n, i == 3 ? &id : NULL), 0);
	}
	assert_int_equal(wb_group_delete(f->wb, gone), 0);
	assert_int_equal(wb_note_delete(f->wb, id), 0);
	n.ref = "64/211:6";
	n.body = "elsewhere";
	assert_int_equal(wb_note_add(f->wb, &n, NULL), 0);
	/* Any page size gives the same list: old notes by (created, id), then the new ones in
	 * the order made; deleted notes left out, the deleted group's name too. */
	for (size_t size = 1; size <= 12; size++)
		assert_string_equal(notes_paged(f, "64/211:5", size, &all),
		    "o1,o2,o3,o5,o4,n0,n1@Group A,n2,n4,n5,n6");
	/* A page may start after a note deleted since. */
	{
		struct page p;

		memset(&p, 0, sizeof p);
		assert_int_equal(wb_notes_page(f->wb, "64/211:5", id, 2, page_note_cb, &p), 0);
		assert_string_equal(p.s, "n4,n5");
	}
}

/* Titles in P->s; "title@owner!" (owner if any, ! if overdue) of each in OWNERS. */
static char owners[512];

static int
page_action_cb(const struct wb_action_row *r, void *arg)
{
	struct page *p = arg;

	if (p->s[0] != '\0')
		strcat(p->s, ",");
	strcat(p->s, r->a.title);
	strcat(owners, " ");
	strcat(owners, r->a.title);
	if (r->owner_name[0] != '\0') {
		strcat(owners, "@");
		strcat(owners, r->owner_name);
	}
	if (r->overdue)
		strcat(owners, "!");
	p->last = r->a.id;
	p->n++;
	return 0;
}

static void
actions_page__walks_an_items_actions_as_wb_actions_each(void **state)
{
	struct fx *f = *state;
	struct list each;
	struct page all, p;

	fx_action(f, "y1", "64/211:9", f->alpha, "", "low", "open");
	fx_action(f, "y2", "64/211:9", f->beta, "2026-03-01", "high", "open");
	fx_action(f, "y3", "64/211:9", 0, "", "medium", "done");
	fx_action(f, "y4", "64/211:9", f->alpha, "2026-01-01", "low", "done");
	fx_action(f, "y5", "64/211:9", f->beta, "2026-03-01", "low", "in_progress");
	each.s[0] = '\0';
	assert_int_equal(wb_actions_each(f->wb, "64/211:9", list_cb, &each), 0);
	for (size_t size = 1; size <= 6; size++) {
		memset(&all, 0, sizeof all);
		owners[0] = '\0';
		do {
			memset(&p, 0, sizeof p);
			assert_int_equal(wb_actions_page(f->wb, "64/211:9", all.last, size,
			    "2026-02-01", page_action_cb, &p), 0);
			if (p.n > 0) {
				if (all.s[0] != '\0')
					strcat(all.s, ",");
				strcat(all.s, p.s);
				all.last = p.last;
			}
		} while (p.n == (int)size);
		/* The order of wb_actions_each, whatever the page size (ties by random key). */
		assert_string_equal(all.s, each.s);
		assert_non_null(strstr(owners, " y4@Alpha Agency "));
		assert_non_null(strstr(owners, " y2@Beta Ministry "));
		assert_non_null(strstr(owners, " y1@Alpha Agency"));
		assert_null(strstr(owners, " y3@"));
		assert_null(strstr(owners, "!"));   /* y4 is due before today, but done */
	}
	assert_int_equal(strncmp(each.s, "y4,", 3), 0);   /* dated first, y2 and y5 tie */
}

static int
owners_cb(int64_t id, const char *name, void *arg)
{
	struct list *l = arg;

	(void)id;
	if (l->s[0] != '\0')
		strcat(l->s, ",");
	strcat(l->s, name);
	return 0;
}

static void
owners__are_the_live_stakeholders_with_live_actions_by_name(void **state)
{
	struct fx *f = *state;
	struct list l = { "" };
	int64_t idle = fx_owner(f, "Aardvark Idle Office");
	int64_t only_deleted = fx_owner(f, "Zeta Deleted Actions");

	(void)idle;
	assert_int_equal(wb_action_delete(f->wb, fx_action(f, "z1", "64/211:1", only_deleted,
	    "", "low", "open")), 0);
	assert_int_equal(wb_action_owners_each(f->wb, owners_cb, &l), 0);
	/* Gone Council was deleted; the idle office owns nothing; Zeta's action is deleted. */
	assert_string_equal(l.s, "Alpha Agency,Beta Ministry");
}

static int
roles_cb(const struct wb_role_row *r, void *arg)
{
	struct list *l = arg;

	if (l->s[0] != '\0')
		strcat(l->s, ",");
	strcat(l->s, r->r.role);
	strcat(l->s, "@");
	strcat(l->s, r->stakeholder_name);
	return 0;
}

static void
roles_rows__list_the_lead_first_with_names(void **state)
{
	struct fx *f = *state;
	struct list l = { "" };
	int64_t c = fx_owner(f, "Charlie Council");

	assert_int_equal(wb_role_set(f->wb, f->alpha, "64/211:5", "informed", NULL), 0);
	assert_int_equal(wb_role_set(f->wb, c, "64/211:5", "accountable", NULL), 0);
	assert_int_equal(wb_role_set(f->wb, f->beta, "64/211:5", "consulted", NULL), 0);
	assert_int_equal(wb_role_set(f->wb, f->beta, "64/211:6", "responsible", NULL), 0);
	assert_int_equal(wb_roles_rows(f->wb, "64/211:5", roles_cb, &l), 0);
	assert_string_equal(l.s, "accountable@Charlie Council,consulted@Beta Ministry,"
	    "informed@Alpha Agency");
}

/* The summary's action plan: the open and in-progress actions in the Actions view's due order
 * (sorted in C from their keys), the same when a key sends it back to the SQL sort, and cut
 * at the limit. */
static int
open_row_cb(const struct wb_action_row *r, void *arg)
{
	struct list *l = arg;

	if (strcmp(r->a.status, "open") != 0 && strcmp(r->a.status, "in_progress") != 0)
		return 0;
	if (l->s[0] != '\0')
		strcat(l->s, ",");
	strcat(l->s, r->a.title);
	return 0;
}

static const char *
open_by_due(struct fx *f, size_t limit, struct list *l)
{
	l->s[0] = '\0';
	if (wb_actions_open_by_due(f->wb, "2026-03-01", limit, open_row_cb, l) != 0)
		fail_msg("wb_actions_open_by_due: %s", wb_errmsg(f->wb));
	return l->s;
}

static void
open_by_due__lists_the_open_actions_as_the_actions_view_sorts_them(void **state)
{
	struct fx *f = *state;
	struct list want, got;

	fx_action(f, "x11", "64/211:5", 0, "2026-04-01", "medium", "open");
	fx_action(f, "x12", "64/211:5", 0, "", "low", "open");
	/* x7 and x11: the same due date and priority, told apart by their creation time. */
	tu_exec(f->path, "UPDATE action SET created = '2026-01-01T00:00:01Z' WHERE title = 'x7';"
	    " UPDATE action SET created = '2026-01-01T00:00:02Z' WHERE title = 'x11'");
	want.s[0] = '\0';
	if (wb_actions_query_rows(f->wb, NULL, WB_ACTION_SORT_DUE, open_row_cb, &want) != 0)
		fail_msg("wb_actions_query_rows: %s", wb_errmsg(f->wb));
	assert_string_equal(want.s, "x1,x5,x10,x7,x11,x2,x3,x12");
	assert_string_equal(open_by_due(f, 0, &got), want.s);
	assert_string_equal(open_by_due(f, 3, &got), "x1,x5,x10");
	/* A creation time too long for the sort's key: the SQL sorts, in the same order. */
	tu_exec(f->path, "UPDATE action SET created = created || '-and-a-very-long-tail-of-text"
	    "-beyond-forty-bytes' WHERE title = 'x11'");
	assert_string_equal(open_by_due(f, 0, &got), want.s);
	assert_string_equal(open_by_due(f, 2, &got), "x1,x5");
	/* x7 created later than x11: after it, in both. */
	tu_exec(f->path, "UPDATE action SET created = '9999' WHERE title = 'x7'");
	assert_string_equal(open_by_due(f, 0, &got), "x1,x5,x10,x11,x7,x2,x3,x12");
	tu_exec(f->path, "UPDATE action SET created = '2026-01-01T00:00:02Z' WHERE title = 'x11'");
	assert_string_equal(open_by_due(f, 0, &got), "x1,x5,x10,x11,x7,x2,x3,x12");
}

/* The summary's counts per ref and per owner, counted in C: what SQL's GROUP BY gives, also
 * when a ref that is not text sends the count back to it. */
struct counts {
	char s[1024];
};

static int
ref_count_cb(const char *ref, int64_t all, int64_t open, int64_t overdue, void *arg)
{
	struct counts *c = arg;
	size_t n = strlen(c->s);

	snprintf(c->s + n, sizeof c->s - n, "%s|%" PRId64 "|%" PRId64 "|%" PRId64 "|\n", ref, all,
	    open, overdue);
	return 0;
}

static int
owner_count_cb(int64_t owner, int64_t n, void *arg)
{
	struct counts *c = arg;
	size_t len = strlen(c->s);

	snprintf(c->s + len, sizeof c->s - len, "%" PRId64 "|%" PRId64 "|\n", owner, n);
	return 0;
}

static void
counts__per_ref_and_per_owner_are_what_group_by_gives(void **state)
{
	struct fx *f = *state;
	static const char by_ref[] = "SELECT ref, count(*), sum(status IN ('open', 'in_progress')),"
	    " sum(status IN ('open', 'in_progress') AND due IS NOT NULL AND due <> ''"
	    " AND due < '2026-03-01') FROM action WHERE deleted = 0 GROUP BY ref ORDER BY ref";
	static const char by_owner[] = "SELECT owner_id, count(*) FROM action WHERE deleted = 0"
	    " AND owner_id IS NOT NULL GROUP BY owner_id ORDER BY owner_id";
	struct counts c;
	char *want;
	int round;

	fx_action(f, "x11", "64/211:1", f->beta, "2026-01-02", "low", "open");
	for (round = 0; round < 2; round++) {
		memset(&c, 0, sizeof c);
		assert_int_equal(wb_action_counts_each(f->wb, "2026-03-01", ref_count_cb, &c), 0);
		want = tu_rows(f->path, by_ref);
		assert_string_equal(c.s, want);
		free(want);
		memset(&c, 0, sizeof c);
		assert_int_equal(wb_action_owner_counts(f->wb, owner_count_cb, &c), 0);
		want = tu_rows(f->path, by_owner);
		assert_string_equal(c.s, want);
		free(want);
		/* A ref stored as a blob: GROUP BY counts it on its own. */
		tu_exec(f->path, "INSERT INTO action(ref, title, status, priority) VALUES"
		    " (x'36342f3231313a31', 'blob', 'open', 'low')");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(query__lists_live_actions_by_due_date_undated_last),
		T(query__sorts_by_priority_then_due_date),
		T(query__filters_by_status),
		T(query__filters_by_owner),
		T(query__filters_by_priority),
		T(query__filters_by_ref_prefix),
		T(query__filters_by_a_list_of_refs),
		T(query__overdue_means_open_or_in_progress_and_due_before_today),
		T(query__combines_filters),
		T(query__refuses_overdue_without_a_valid_today),
		T(query_rows__give_owner_names_and_mark_overdue),
		T(query_rows__without_today_marks_nothing_overdue),
		T(lines__list_as_query_rows_with_each_filter),
		T(query__stops_when_the_callback_says_so),
		T(query__finds_the_demo_workbooks_overdue_actions),
		T(notes_page__walks_every_note_in_order_with_group_names),
		T(owners__are_the_live_stakeholders_with_live_actions_by_name),
		T(roles_rows__list_the_lead_first_with_names),
		T(actions_page__walks_an_items_actions_as_wb_actions_each),
		T(open_by_due__lists_the_open_actions_as_the_actions_view_sorts_them),
		T(counts__per_ref_and_per_owner_are_what_group_by_gives),
		cmocka_unit_test(overdue__ignores_undated_done_and_dropped),
		T(glance__gives_state_notes_and_open_actions_per_item_in_ref_order),
		T(glance__merges_the_three_lists_once_per_ref_and_stops_when_told),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
