/* test-wb-undo.c: the history table and undo/redo, including across close and reopen. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_internal.h"
#include "test-wb-util.h"

static char *dir, *path;
static struct wb *wb;

static int
setup(void **state)
{
	(void)state;
	return tu_wb_setup(&dir, &path, &wb, "undo.ciipwb");
}

static int
teardown(void **state)
{
	(void)state;
	return tu_wb_teardown(&dir, &path, &wb);
}

static void
reopen(void)
{
	char *err = NULL;

	wb_close(wb);
	if (wb_open(path, 0, &wb, &err) != 0)
		fail_msg("%s", err);
}

/* Open the workbook again when the test closed it. */
static void
reopen_fresh(void)
{
	char *err = NULL;

	if (wb_open(path, 0, &wb, &err) != 0)
		fail_msg("%s", err);
}

static void
undo_expect(const char *label)
{
	char *l = NULL;

	assert_int_equal(wb_undo(wb, &l), 0);
	assert_string_equal(l, label);
	free(l);
}

static void
redo_expect(const char *label)
{
	char *l = NULL;

	assert_int_equal(wb_redo(wb, &l), 0);
	assert_string_equal(l, label);
	free(l);
}

static char *
note_body(int64_t id)
{
	struct wb_note n;
	char *s;

	if (wb_note_get(wb, id, &n) != 0)
		return NULL;
	s = strdup(n.body);
	wb_note_free(&n);
	return s;
}

static void
undo__nothing_to_undo_on_a_new_workbook(void **state)
{
	char *l = (char *)"x";

	(void)state;
	assert_int_equal(wb_can_undo(wb), 0);
	assert_int_equal(wb_can_redo(wb), 0);
	assert_int_equal(wb_undo(wb, &l), -1);
	assert_null(l);
	assert_non_null(strstr(wb_errmsg(wb), "nothing to undo"));
	assert_int_equal(wb_redo(wb, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "nothing to redo"));
}

static void
undo__add_update_delete_of_a_note_and_redo_them(void **state)
{
	struct wb_note n = { .ref = "64/211#1", .body = "v1" };
	int64_t id;
	char *b, *start;

	(void)state;
	start = tu_dump(path);
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	n.id = id;
	n.body = "v2";
	assert_int_equal(wb_note_update(wb, &n), 0);
	assert_int_equal(wb_note_delete(wb, id), 0);
	assert_null(note_body(id));

	undo_expect("delete note");
	b = note_body(id);
	assert_string_equal(b, "v2");
	free(b);
	undo_expect("edit note");
	b = note_body(id);
	assert_string_equal(b, "v1");
	free(b);
	undo_expect("add note");
	assert_null(note_body(id));
	assert_int_equal(wb_can_undo(wb), 0);
	assert_int_equal(wb_can_redo(wb), 1);

	redo_expect("add note");
	b = note_body(id);
	assert_string_equal(b, "v1");
	free(b);
	redo_expect("edit note");
	redo_expect("delete note");
	assert_null(note_body(id));
	assert_int_equal(wb_can_redo(wb), 0);
	free(start);
}

static void
undo__and_redo_survive_close_and_reopen(void **state)
{
	struct wb_item it = { .ref = "58/199#4", .current = "start_up" };
	struct wb_item got;

	(void)state;
	assert_int_equal(wb_item_set(wb, &it), 0);
	it.current = "strategic";
	assert_int_equal(wb_item_set(wb, &it), 0);
	reopen();
	assert_int_equal(wb_can_undo(wb), 1);
	undo_expect("rate item");
	reopen();
	assert_int_equal(wb_item_get(wb, "58/199#4", &got), 0);
	assert_string_equal(got.current, "start_up");
	wb_item_free(&got);
	assert_int_equal(wb_can_redo(wb), 1);
	redo_expect("rate item");
	reopen();
	assert_int_equal(wb_item_get(wb, "58/199#4", &got), 0);
	assert_string_equal(got.current, "strategic");
	wb_item_free(&got);
	/* Undo both: the item row disappears as it never existed. */
	undo_expect("rate item");
	undo_expect("rate item");
	assert_int_equal(tu_int(path, "SELECT count(*) FROM item"), 0);
}

static void
undo__a_new_edit_discards_the_redo_stack(void **state)
{
	struct wb_note n = { .ref = "r", .body = "one" };

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	undo_expect("add note");
	assert_int_equal(wb_can_redo(wb), 1);
	n.body = "two";
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_can_redo(wb), 0);
	assert_int_equal(wb_redo(wb, NULL), -1);
	/* the discarded entry stays in the history, marked dead */
	assert_int_equal(tu_int(path, "SELECT count(*) FROM history WHERE undone = 2"), 1);
}

static void
undo__everything_returns_to_the_start(void **state)
{
	struct wb_details d = { .title = "T", .country = "C" };
	struct wb_stakeholder s = { .name = "S", .category = "non_governmental" };
	struct wb_action a = { .ref = "r", .title = "do it" };
	struct wb_evidence e = { .ref = "r", .name = "doc" };
	struct wb_log l = { .heading = "64/211#1" };
	int64_t sid, sid2, gid;
	char *start, *end, *full, *again;

	(void)state;
	start = tu_dump(path);
	assert_int_equal(wb_details_set(wb, &d), 0);
	assert_int_equal(wb_stakeholder_add(wb, &s, &sid), 0);
	s.name = "S2";
	assert_int_equal(wb_stakeholder_add(wb, &s, &sid2), 0);
	a.owner_id = sid;
	assert_int_equal(wb_action_add(wb, &a, NULL), 0);
	assert_int_equal(wb_evidence_add(wb, &e, NULL), 0);
	assert_int_equal(wb_role_set(wb, sid, "r", "accountable", NULL), 0);
	assert_int_equal(wb_role_set(wb, sid2, "r", "informed", NULL), 0);
	assert_int_equal(wb_relation_add(wb, sid, sid2, "coordinates_with", NULL), 0);
	assert_int_equal(wb_group_add(wb, "G", &gid), 0);
	assert_int_equal(wb_group_set_current(wb, gid), 0);
	l.group_id = gid;
	assert_int_equal(wb_log_add(wb, &l, NULL), 0);
	assert_int_equal(wb_group_delete(wb, gid), 0);
	assert_int_equal(wb_stakeholder_delete(wb, sid), 0);
	full = tu_dump(path);
	while (wb_can_undo(wb))
		assert_int_equal(wb_undo(wb, NULL), 0);
	end = tu_dump(path);
	/* Rows come back as tombstones, so compare the live state. */
	assert_int_equal(tu_int(path, "SELECT count(*) FROM stakeholder WHERE deleted = 0"), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM action WHERE deleted = 0"), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM role WHERE deleted = 0"), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM relation WHERE deleted = 0"), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM session_log WHERE deleted = 0"), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM workbook WHERE title = ''"
	    " AND current_group IS NULL"), 1);
	while (wb_can_redo(wb))
		assert_int_equal(wb_redo(wb, NULL), 0);
	again = tu_dump(path);
	/* Redoing everything gives exactly the state before the undos
	 * (history flags aside, which are equal again too). */
	assert_string_equal(full, again);
	{
		char *ok = tu_integrity(path);

		assert_string_equal(ok, "ok");
		free(ok);
	}
	free(start);
	free(end);
	free(full);
	free(again);
}

static void
undo__of_a_stakeholder_delete_restores_its_roles_and_relations(void **state)
{
	struct wb_stakeholder s = { .name = "A", .category = "national_government" };
	int64_t a, b;
	struct wb_counts c;
	char *l, *ref;

	(void)state;
	assert_int_equal(wb_stakeholder_add(wb, &s, &a), 0);
	s.name = "B";
	assert_int_equal(wb_stakeholder_add(wb, &s, &b), 0);
	assert_int_equal(wb_role_set(wb, a, "x", "accountable", NULL), 0);
	assert_int_equal(wb_relation_add(wb, a, b, "reports_to", NULL), 0);
	assert_int_equal(wb_stakeholder_delete(wb, a), 0);
	assert_int_equal(wb_counts(wb, &c), 0);
	assert_int_equal(c.roles, 0);
	assert_int_equal(c.relations, 0);
	/* b may be accountable now that a is gone... */
	assert_int_equal(wb_role_set(wb, b, "x", "accountable", NULL), 0);
	undo_expect("set role");
	/* ...one undo brings a back with its role and relation; it names no item (the role's is
	 * not what was deleted), nor does its redo. */
	assert_int_equal(wb_undo_where(wb, 0, &l, &ref), 0);
	assert_string_equal(l, "delete stakeholder");
	assert_string_equal(ref, "");
	free(l);
	free(ref);
	assert_int_equal(wb_undo_where(wb, 1, &l, &ref), 0);
	assert_string_equal(ref, "");
	free(l);
	free(ref);
	undo_expect("delete stakeholder");
	assert_int_equal(wb_counts(wb, &c), 0);
	assert_int_equal(c.stakeholders, 2);
	assert_int_equal(c.roles, 1);
	assert_int_equal(c.relations, 1);
}

static int
undo_lead_cb(const struct wb_role *r, void *arg)
{
	int64_t *lead = arg;

	if (strcmp(r->role, "accountable") == 0)
		lead[0] = r->stakeholder_id;
	else if (strcmp(r->role, "responsible") == 0)
		lead[1] = r->stakeholder_id;
	return 0;
}

/* The accountable lead of REF; *resp (if not NULL) the responsible one. */
static int64_t
undo_lead(const char *ref, int64_t *resp)
{
	int64_t lead[2] = { 0, 0 };

	assert_int_equal(wb_roles_each(wb, ref, undo_lead_cb, lead), 0);
	if (resp != NULL)
		*resp = lead[1];
	return lead[0];
}

static void
undo__of_a_lead_replacement_is_one_step(void **state)
{
	struct wb_stakeholder s = { .name = "A", .category = "national_government" };
	int64_t a, b, r;
	char *l, *ref;

	(void)state;
	assert_int_equal(wb_stakeholder_add(wb, &s, &a), 0);
	s.name = "B";
	assert_int_equal(wb_stakeholder_add(wb, &s, &b), 0);
	assert_int_equal(wb_role_set(wb, a, "x", "accountable", NULL), 0);
	assert_int_equal(wb_role_set(wb, b, "x", "informed", NULL), 0);
	assert_int_equal(wb_role_lead_replace(wb, b, "x", NULL), 0);
	/* a stays involved, as responsible. */
	assert_true(undo_lead("x", &r) == b);
	assert_true(r == a);
	/* One undo brings a back as the lead (on the item), one redo replaces it again. */
	assert_int_equal(wb_undo_where(wb, 0, &l, &ref), 0);
	assert_string_equal(l, "replace lead");
	assert_string_equal(ref, "x");
	free(l);
	free(ref);
	assert_true(undo_lead("x", &r) == a);
	assert_true(r == 0);
	undo_expect("set role");
	redo_expect("set role");
	redo_expect("replace lead");
	assert_true(undo_lead("x", NULL) == b);
	/* With no lead to replace it simply sets the lead. */
	assert_int_equal(wb_role_lead_replace(wb, a, "y", NULL), 0);
	assert_true(undo_lead("y", NULL) == a);
}

static void
undo__refuses_a_row_changed_since_and_drops_it(void **state)
{
	struct wb_note n = { .ref = "r", .body = "mine" };
	sqlite3 *raw;
	char *b;
	int64_t id;

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	n.id = id;
	n.body = "mine, edited";
	assert_int_equal(wb_note_update(wb, &n), 0);
	/* Another program changes the same note behind our back, without
	 * going through the history (as a merge or the sqlite3 tool might). */
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "UPDATE note SET body = 'theirs'", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(wb_undo(wb, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "changed since"));
	b = note_body(id);
	assert_string_equal(b, "theirs");
	free(b);
	/* That step is off the list; the add before it is stale too. */
	assert_int_equal(wb_undo(wb, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "add note"));
	assert_int_equal(wb_can_undo(wb), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM history WHERE undone = 2"), 2);
	b = note_body(id);
	assert_string_equal(b, "theirs");
	free(b);
}

static struct wb *
open_other(void)
{
	struct wb *o = NULL;
	char *err = NULL;

	if (wb_open(path, 0, &o, &err) != 0)
		fail_msg("%s", err);
	return o;
}

/* Two instances on one file: each undoes its own edits, never the other's. */
static void
undo__belongs_to_the_instance_that_made_the_edit(void **state)
{
	struct wb *b = open_other();
	struct wb_note na = { .ref = "64/211#5", .body = "from a" };
	struct wb_note nb = { .ref = "64/211#6", .body = "from b" };
	char *l = NULL, *ref = NULL;

	(void)state;
	assert_int_equal(wb_note_add(wb, &na, NULL), 0);
	assert_int_equal(wb_note_add(b, &nb, NULL), 0);
	assert_int_equal(wb_undo_where(wb, 0, &l, &ref), 0);
	assert_string_equal(l, "add note");
	assert_string_equal(ref, "64/211#5");
	free(l);
	free(ref);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE deleted = 0"), 1);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE body = 'from b'"
	    " AND deleted = 0"), 1);
	/* a has nothing more to undo: b's note is b's. */
	assert_int_equal(wb_can_undo(wb), 0);
	assert_int_equal(wb_undo(wb, NULL), -1);
	assert_int_equal(wb_can_redo(wb), 1);
	/* b's new edit leaves a's redo alone. */
	assert_int_equal(wb_note_add(b, &nb, NULL), 0);
	assert_int_equal(wb_can_redo(wb), 1);
	assert_int_equal(wb_undo_where(b, 0, &l, &ref), 0);
	assert_string_equal(ref, "64/211#6");
	free(l);
	free(ref);
	redo_expect("add note");
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE body = 'from a'"
	    " AND deleted = 0"), 1);
	wb_close(b);
}

/* Closing hands the undo list on: the next instance to open takes it, a live one's stays. */
static void
undo__list_passes_to_the_next_instance_once_closed(void **state)
{
	struct wb_item it = { .ref = "64/211#5", .current = "formative" };
	struct wb *b = open_other(), *c;
	char *l = NULL, *ref = NULL;

	(void)state;
	assert_int_equal(wb_item_set(wb, &it), 0);
	assert_int_equal(wb_note_add(b, &(struct wb_note){ .ref = "x", .body = "b" }, NULL), 0);
	wb_close(wb);
	wb = NULL;
	c = open_other();
	/* c takes the list wb left, not b's (b is still open). */
	assert_int_equal(wb_undo_where(c, 0, &l, &ref), 0);
	assert_string_equal(l, "rate item");
	assert_string_equal(ref, "64/211#5");
	free(l);
	free(ref);
	assert_int_equal(wb_can_undo(c), 0);
	assert_int_equal(wb_can_undo(b), 1);
	wb_close(c);
	wb_close(b);
	reopen_fresh();
}

/* A v3 workbook's history (from before undo sessions) is the first instance's to undo. */
static void
undo__of_a_v3_workbook_works_after_the_upgrade(void **state)
{
	sqlite3 *db;

	(void)state;
	assert_int_equal(wb_note_add(wb, &(struct wb_note){ .ref = "r", .body = "old" }, NULL), 0);
	wb_close(wb);
	wb = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP INDEX history_session; DROP TABLE undo_session;"
	    " ALTER TABLE history DROP COLUMN session;"
	    " DROP INDEX note_ref_order; DROP INDEX action_ref_due;"
	    " DROP INDEX stakeholder_name; ALTER TABLE note DROP COLUMN seq;"
	    " UPDATE history SET after = json_remove(after, '$.seq');"
	    " DROP TABLE conflict; DROP TABLE merge_seen; DROP TABLE merge_log;"
	    " DROP TABLE baseline_item; DROP INDEX history_row; DROP INDEX action_ref_open;"
	    " PRAGMA user_version = 3;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	reopen_fresh();
	assert_int_equal(tu_int(path, "PRAGMA user_version"), WB_SCHEMA_VERSION);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM history WHERE session = 0"), 1);
	undo_expect("add note");
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE deleted = 0"), 0);
}

static void
batch__keeps_each_edit_with_its_history_until_it_commits(void **state)
{
	struct wb_note n = { .ref = "r", .body = "one" };
	struct wb_note bad = { .ref = "r", .body = "" };
	int64_t id;

	(void)state;
	assert_int_equal(wb_batch_begin(wb), 0);
	assert_int_equal(wb_batch_begin(wb), -1);   /* one batch at a time */
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	n.body = "two";
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	/* A refused edit rolls back alone; the batch goes on. */
	assert_int_equal(wb_note_add(wb, &bad, NULL), -1);
	assert_int_equal(wb_note_delete(wb, id), 0);
	/* Nothing is visible to another connection before the commit. */
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note"), 0);
	assert_int_equal(wb_batch_end(wb, 1), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE deleted = 0"), 1);
	assert_int_equal(tu_int(path, "SELECT count(DISTINCT step) FROM history"), 3);
	/* Each edit of the batch undoes on its own. */
	undo_expect("delete note");
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE deleted = 0"), 2);
	assert_int_equal(wb_batch_end(wb, 1), -1);  /* no batch open */
}

static void
batch__rolled_back_leaves_nothing(void **state)
{
	struct wb_note n = { .ref = "r", .body = "gone" };

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_undo(wb, NULL), 0);
	assert_int_equal(wb_batch_begin(wb), 0);
	/* The first edit of the batch discards the redo stack, inside the batch. */
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_batch_end(wb, 0), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE deleted = 0"), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM history"), 1);
	assert_int_equal(wb_can_redo(wb), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(undo__nothing_to_undo_on_a_new_workbook),
		T(undo__add_update_delete_of_a_note_and_redo_them),
		T(undo__and_redo_survive_close_and_reopen),
		T(undo__a_new_edit_discards_the_redo_stack),
		T(undo__everything_returns_to_the_start),
		T(undo__of_a_stakeholder_delete_restores_its_roles_and_relations),
	T(undo__of_a_lead_replacement_is_one_step),
		T(undo__refuses_a_row_changed_since_and_drops_it),
		T(undo__belongs_to_the_instance_that_made_the_edit),
		T(undo__list_passes_to_the_next_instance_once_closed),
		T(undo__of_a_v3_workbook_works_after_the_upgrade),
		T(batch__keeps_each_edit_with_its_history_until_it_commits),
		T(batch__rolled_back_leaves_nothing),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
