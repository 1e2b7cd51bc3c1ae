/* test-wb-merge.c: merging workbooks: orders, re-merge, independent files, hostile sources, conflicts, kills (cmocka). */
#include "config.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_internal.h"
#include "wb_merge.h"
#include "test-wb-util.h"

/* ---- helpers ---- */

static struct wb *
open_wb(const char *path)
{
	struct wb *wb = NULL;
	char *err = NULL;

	if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0)
		fail_msg("wb_open %s: %s", path, err);
	return wb;
}

/* The content of the workbook: every row of the tables people edit, in key
 * order, and the conflicts as (table, row, field, kept, other); not the
 * history, the merge log or what was seen, which record how it got there. */
static char *
content(const char *path, int with_conflicts)
{
	static const char *const sql[] = {
		"SELECT 'workbook', title, country, venue, updated FROM workbook",
		"SELECT 'item', * FROM item ORDER BY ref",
		"SELECT 'group', * FROM breakout_group ORDER BY id",
		"SELECT 'note', * FROM note ORDER BY id",
		"SELECT 'evidence', * FROM evidence ORDER BY id",
		"SELECT 'stakeholder', * FROM stakeholder ORDER BY id",
		"SELECT 'action', * FROM action ORDER BY id",
		"SELECT 'role', * FROM role ORDER BY id",
		"SELECT 'relation', * FROM relation ORDER BY id",
		"SELECT 'log', * FROM session_log ORDER BY id",
		"SELECT 'scale', * FROM scale ORDER BY code",
		"SELECT 'conflict', tbl, row_key, ref, field, kept, kept_source,"
		" other, other_source, resolved FROM conflict ORDER BY tbl, row_key, field",
	};
	char *out = strdup(""), *t, *rows;
	size_t i;

	for (i = 0; i < sizeof sql / sizeof sql[0] - (with_conflicts ? 0 : 1); i++) {
		rows = tu_rows(path, sql[i]);
		if (asprintf(&t, "%s%s", out, rows) < 0)
			abort();
		free(out);
		free(rows);
		out = t;
	}
	return out;
}

/* Merge already checked sources into TARGET. */
static int
merge_opened(const char *target, struct wb_source *const *srcs, size_t n,
    struct wb_merge_report *reps)
{
	struct wb *wb = open_wb(target);
	int r = wb_merge(wb, srcs, n, reps);

	if (r != 0)
		print_message("# wb_merge: %s\n", wb_errmsg(wb));
	wb_close(wb);
	return r;
}

static void
open_sources(const char *const *sources, size_t n, struct wb_source **srcs)
{
	char *err = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (wb_source_open(sources[i], &srcs[i], &err) != 0)
			fail_msg("wb_source_open %s: %s", sources[i], err);
}

static int
merge_files(const char *target, const char *const *sources, size_t n,
    struct wb_merge_report *reps)
{
	struct wb_source *srcs[WB_MERGE_MAX_SOURCES];
	size_t i;
	int r;

	open_sources(sources, n, srcs);
	r = merge_opened(target, srcs, n, reps);
	for (i = 0; i < n; i++)
		wb_source_free(srcs[i]);
	return r;
}

static int64_t
add_note(struct wb *wb, const char *ref, const char *body)
{
	struct wb_note n = { 0 };
	int64_t id;

	n.ref = ref;
	n.body = body;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	return id;
}

static void
set_note(struct wb *wb, int64_t id, const char *body)
{
	struct wb_note n;

	assert_int_equal(wb_note_get(wb, id, &n), 0);
	free((void *)n.body);
	n.body = strdup(body);
	assert_int_equal(wb_note_update(wb, &n), 0);
	wb_note_free(&n);
}

static int64_t
add_stakeholder(struct wb *wb, const char *name)
{
	struct wb_stakeholder s = { 0 };
	int64_t id;

	s.name = name;
	s.category = "national_government";
	assert_int_equal(wb_stakeholder_add(wb, &s, &id), 0);
	return id;
}

static void
set_rating(struct wb *wb, const char *ref, const char *current)
{
	struct wb_item it = { 0 };

	it.ref = ref;
	it.current = current;
	assert_int_equal(wb_item_set(wb, &it), 0);
}

static int
count_cb(const struct wb_conflict *c, void *arg)
{
	(void)c;
	++*(int *)arg;
	return 0;
}

static int
count_conflicts(const char *path, int open_only)
{
	struct wb *wb = open_wb(path);
	int n = 0;

	assert_int_equal(wb_conflicts_each(wb, open_only, count_cb, &n), 0);
	wb_close(wb);
	return n;
}

static long long
note_count(const char *path, const char *body)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM note WHERE body = ?1"
	    " AND deleted = 0", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, body, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* ---- the breakout fixture: a base and three copies ---- */

struct fx {
	char *dir;
	char *base, *copy[3];
	int64_t shared[3];     /* notes each copy edits on its own */
	int64_t doomed[3];     /* notes each copy deletes */
	int64_t c1, s1;        /* the note and stakeholder two copies both edit */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	static const char *const names[3] = { "a.ciipwb", "b.ciipwb", "c.ciipwb" };
	struct wb *wb;
	char buf[64];
	int i;

	f->dir = tu_tmpdir();
	f->base = tu_path(f->dir, "base.ciipwb");
	wb = open_wb(f->base);
	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof buf, "shared %d", i);
		f->shared[i] = add_note(wb, "64/211:1", buf);
		snprintf(buf, sizeof buf, "doomed %d", i);
		f->doomed[i] = add_note(wb, "64/211:2", buf);
	}
	f->c1 = add_note(wb, "64/211:3", "contested");
	f->s1 = add_stakeholder(wb, "Ministry of ICT");
	set_rating(wb, "64/211:5", "formative");
	wb_close(wb);

	for (i = 0; i < 3; i++) {
		struct wb_stakeholder s;

		f->copy[i] = tu_path(f->dir, names[i]);
		tu_copy_file(f->base, f->copy[i]);
		wb = open_wb(f->copy[i]);
		/* inserts */
		snprintf(buf, sizeof buf, "new note from group %d", i);
		add_note(wb, "64/211:4", buf);
		snprintf(buf, sizeof buf, "Agency %d", i);
		add_stakeholder(wb, buf);
		/* edits and deletes of its own */
		snprintf(buf, sizeof buf, "shared %d, edited by its group", i);
		set_note(wb, f->shared[i], buf);
		assert_int_equal(wb_note_delete(wb, f->doomed[i]), 0);
		/* one same-field conflict with the next copy */
		switch (i) {
		case 0:   /* a and b: the contested note */
			set_note(wb, f->c1, "contested: a says yes");
			break;
		case 1:   /* b: the note (with a) and the contact (with c) */
			set_note(wb, f->c1, "contested: b says no");
			assert_int_equal(wb_stakeholder_get(wb, f->s1, &s), 0);
			free((void *)s.contact);
			s.contact = strdup("b@example.org");
			assert_int_equal(wb_stakeholder_update(wb, &s), 0);
			wb_stakeholder_free(&s);
			break;
		default:  /* c: the contact (with b) and the rating (with a, below) */
			assert_int_equal(wb_stakeholder_get(wb, f->s1, &s), 0);
			free((void *)s.contact);
			s.contact = strdup("c@example.org");
			assert_int_equal(wb_stakeholder_update(wb, &s), 0);
			wb_stakeholder_free(&s);
			set_rating(wb, "64/211:5", "strategic");
			break;
		}
		if (i == 0)
			set_rating(wb, "64/211:5", "established");
		wb_close(wb);
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	int i;

	tu_rmrf(f->dir);
	free(f->dir);
	free(f->base);
	for (i = 0; i < 3; i++)
		free(f->copy[i]);
	free(f);
	return 0;
}

/* A fresh target: a copy of the base. */
static char *
new_target(struct fx *f, const char *name)
{
	char *t = tu_path(f->dir, name);

	tu_copy_file(f->base, t);
	return t;
}

/* A source that a crash left in the middle of a change (rollback-journal mode, on a disk
 * where WAL is avoided): what is merged is the source as it was before the change, never
 * the half-written file; the source and its journal are not touched. */
static void
merge__source_with_a_hot_journal__gives_its_last_committed_state(void **state)
{
	struct fx *f = *state;
	struct wb_merge_report rep[1];
	char *hot = tu_path(f->dir, "hot.ciipwb"), *j = tu_path(f->dir, "hot.ciipwb-journal");
	char *t = new_target(f, "t-hot.ciipwb"), *ok, *before, *jbefore, *after;
	const char *src[1];
	size_t n, jn, an;

	tu_make_hot(f->copy[0], WB_SCHEMA_VERSION, hot);
	before = tu_read_file(hot, &n);
	jbefore = tu_read_file(j, &jn);
	src[0] = hot;
	assert_int_equal(merge_files(t, src, 1, rep), 0);
	assert_int_equal(note_count(t, "new note from group 0"), 1);
	assert_int_equal(tu_int(t, "SELECT count(*) FROM breakout_group WHERE name LIKE 'ggg%'"),
	    0);
	assert_int_equal(tu_int(t, "SELECT count(*) FROM note WHERE body LIKE 'half-written%'"),
	    0);
	ok = tu_integrity(t);
	assert_string_equal(ok, "ok");
	after = tu_read_file(hot, &an);
	assert_true(an == n && memcmp(after, before, n) == 0);
	free(after);
	after = tu_read_file(j, &an);
	assert_true(an == jn && memcmp(after, jbefore, jn) == 0);
	free(after);
	free(ok);
	free(before);
	free(jbefore);
	free(t);
	free(j);
	free(hot);
}

static void
merge_all_orders__give_the_same_content_and_three_conflicts(void **state)
{
	static const int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	struct fx *f = *state;
	struct wb_merge_report rep[3];
	struct wb_source *srcs[3];
	char *first = NULL, name[32];
	int o, i;

	/* Each copy is checked once; the checked copies serve all six orders. */
	open_sources((const char *const *)f->copy, 3, srcs);
	for (o = 0; o < 6; o++) {
		char *t, *c, *ok;

		snprintf(name, sizeof name, "order%d.ciipwb", o);
		t = new_target(f, name);
		/* One source per merge, so the order matters if anything does. */
		for (i = 0; i < 3; i++)
			assert_int_equal(merge_opened(t, &srcs[orders[o][i]], 1, rep), 0);
		ok = tu_integrity(t);
		assert_string_equal(ok, "ok");
		free(ok);
		c = content(t, 1);
		if (first == NULL)
			first = c;
		else {
			assert_string_equal(c, first);
			free(c);
		}
		/* Nothing lost: each group's new note, edit and delete are there. */
		for (i = 0; i < 3; i++) {
			char buf[64];

			snprintf(buf, sizeof buf, "new note from group %d", i);
			assert_int_equal(note_count(t, buf), 1);
			snprintf(buf, sizeof buf, "shared %d, edited by its group", i);
			assert_int_equal(note_count(t, buf), 1);
			snprintf(buf, sizeof buf, "doomed %d", i);
			assert_int_equal(note_count(t, buf), 0);
		}
		/* The contested note, the contact and the rating: one conflict each. */
		assert_int_equal(count_conflicts(t, 1), 3);
		assert_int_equal(tu_int(t, "SELECT count(*) FROM conflict WHERE tbl = 'note'"
		    " AND field = 'body' AND kept LIKE '\"contested: %' AND other LIKE"
		    " '\"contested: %'"), 1);
		assert_int_equal(tu_int(t, "SELECT count(*) FROM conflict WHERE tbl ="
		    " 'stakeholder' AND field = 'contact'"), 1);
		assert_int_equal(tu_int(t, "SELECT count(*) FROM conflict WHERE tbl = 'item'"
		    " AND field = 'current' AND ref = '64/211:5'"), 1);
		/* Each value names the copy it came from. */
		assert_int_equal(tu_int(t, "SELECT count(*) FROM conflict WHERE tbl = 'note'"
		    " AND kept_source IN ('a.ciipwb', 'b.ciipwb') AND other_source IN"
		    " ('a.ciipwb', 'b.ciipwb') AND kept_source <> other_source"), 1);
		assert_int_equal(tu_int(t, "SELECT count(*) FROM merge_log"), 3);
		free(t);
	}
	for (i = 0; i < 3; i++)
		wb_source_free(srcs[i]);
	free(first);
}

static void
merge_of_three_at_once__equals_one_at_a_time(void **state)
{
	struct fx *f = *state;
	struct wb_merge_report rep[3];
	const char *srcs[3] = { f->copy[2], f->copy[0], f->copy[1] };
	const char *one;
	char *t1 = new_target(f, "once.ciipwb"), *t2 = new_target(f, "each.ciipwb");
	char *c1, *c2;
	int i;

	assert_int_equal(merge_files(t1, srcs, 3, rep), 0);
	assert_int_equal(rep[0].added + rep[1].added + rep[2].added, 6);
	for (i = 0; i < 3; i++) {
		one = f->copy[i];
		assert_int_equal(merge_files(t2, &one, 1, rep), 0);
	}
	c1 = content(t1, 1);
	c2 = content(t2, 1);
	assert_string_equal(c1, c2);
	free(c1);
	free(c2);
	free(t1);
	free(t2);
}

static void
merge_again__changes_nothing(void **state)
{
	struct fx *f = *state;
	struct wb_merge_report rep[3];
	const char *srcs[3] = { f->copy[0], f->copy[1], f->copy[2] };
	char *t = new_target(f, "again.ciipwb"), *before, *after;
	int i;

	assert_int_equal(merge_files(t, srcs, 3, rep), 0);
	assert_true(rep[0].added > 0 && rep[0].changed > 0 && rep[0].deleted == 1);
	before = content(t, 1);
	for (i = 0; i < 3; i++) {
		assert_int_equal(merge_files(t, &srcs[i], 1, rep), 0);
		assert_int_equal(rep[0].added, 0);
		assert_int_equal(rep[0].changed, 0);
		assert_int_equal(rep[0].deleted, 0);
		assert_int_equal(rep[0].conflicts, 0);
	}
	after = content(t, 1);
	assert_string_equal(before, after);
	/* The base itself is behind the target: nothing either. */
	assert_int_equal(merge_files(t, (const char *const *)&f->base, 1, rep), 0);
	assert_int_equal(rep[0].added + rep[0].changed + rep[0].deleted + rep[0].conflicts, 0);
	free(after);
	after = content(t, 1);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(t);
}

static void
merge_into_a_source__takes_the_others_and_merging_back_is_clean(void **state)
{
	struct fx *f = *state;
	struct wb_merge_report rep[2];
	const char *b = f->copy[1];
	char *t = new_target(f, "target.ciipwb"), *a = tu_path(f->dir, "a2.ciipwb");
	char *c1, *c2;

	/* Group a merges group b into its own copy; the facilitator then merges
	 * both: the same as merging a and b. */
	tu_copy_file(f->copy[0], a);
	assert_int_equal(merge_files(a, &b, 1, rep), 0);
	assert_int_equal(rep[0].conflicts, 1);
	{
		const char *srcs[2] = { a, f->copy[1] };

		assert_int_equal(merge_files(t, srcs, 2, rep), 0);
		assert_int_equal(rep[1].added + rep[1].changed + rep[1].conflicts, 0);
	}
	c1 = content(t, 1);
	c2 = content(a, 1);
	assert_string_equal(c1, c2);
	free(c1);
	free(c2);
	free(a);
	free(t);
}

static void
delete_on_one_side_and_edit_on_the_other__is_listed(void **state)
{
	struct fx *f = *state;
	struct wb_merge_report rep[1];
	char *t = new_target(f, "del.ciipwb"), *x = tu_path(f->dir, "x.ciipwb");
	const char *src = x;
	struct wb *wb;

	tu_copy_file(f->base, x);
	wb = open_wb(x);
	set_note(wb, f->doomed[0], "doomed 0, but worth keeping");
	wb_close(wb);
	wb = open_wb(t);
	assert_int_equal(wb_note_delete(wb, f->doomed[0]), 0);
	wb_close(wb);
	assert_int_equal(merge_files(t, &src, 1, rep), 0);
	assert_int_equal(rep[0].conflicts, 1);
	assert_int_equal(tu_int(t, "SELECT count(*) FROM conflict WHERE tbl = 'note' AND"
	    " field = 'deleted' AND kept = '1' AND other = '0' AND resolved = 0"), 1);
	/* The edit is in the row, kept under the tombstone. */
	assert_int_equal(tu_int(t, "SELECT count(*) FROM note WHERE deleted = 1 AND body ="
	    " 'doomed 0, but worth keeping'"), 1);
	free(t);
	free(x);
}

/* Resolving a conflict is an edit: it can be undone and redone. */
static void
resolve__takes_the_other_value_and_undoes(void **state)
{
	struct fx *f = *state;
	struct wb_merge_report rep[2];
	const char *srcs[2] = { f->copy[0], f->copy[1] };
	char *t = new_target(f, "resolve.ciipwb"), *kept = NULL, *other = NULL;
	struct wb *wb;
	struct wb_note n;
	int64_t id, open;

	assert_int_equal(merge_files(t, srcs, 2, rep), 0);
	id = tu_int(t, "SELECT id FROM conflict WHERE tbl = 'note'");
	wb = open_wb(t);
	assert_int_equal(wb_conflicts_open(wb, &open), 0);
	assert_int_equal(open, 1);
	{
		sqlite3 *db;
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_open_v2(t, &db, SQLITE_OPEN_READONLY, NULL), 0);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_extract(kept, '$'),"
		    " json_extract(other, '$') FROM conflict WHERE id = ?1", -1, &st, NULL), 0);
		sqlite3_bind_int64(st, 1, id);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		kept = strdup((const char *)sqlite3_column_text(st, 0));
		other = strdup((const char *)sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	assert_int_equal(wb_note_get(wb, f->c1, &n), 0);
	assert_string_equal(n.body, kept);
	wb_note_free(&n);

	assert_int_equal(wb_conflict_resolve(wb, id, 1), 0);
	assert_int_equal(wb_note_get(wb, f->c1, &n), 0);
	assert_string_equal(n.body, other);
	wb_note_free(&n);
	assert_int_equal(wb_conflicts_open(wb, &open), 0);
	assert_int_equal(open, 0);

	assert_int_equal(wb_undo(wb, NULL), 0);
	assert_int_equal(wb_note_get(wb, f->c1, &n), 0);
	assert_string_equal(n.body, kept);
	wb_note_free(&n);
	assert_int_equal(wb_conflicts_open(wb, &open), 0);
	assert_int_equal(open, 1);

	assert_int_equal(wb_redo(wb, NULL), 0);
	assert_int_equal(wb_note_get(wb, f->c1, &n), 0);
	assert_string_equal(n.body, other);
	wb_note_free(&n);
	wb_close(wb);
	free(kept);
	free(other);
	free(t);
}

/* Two groups name different accountable leads for one item: one stays, both are listed. */
static void
rival_accountable_roles__keep_one_live_and_list_both(void **state)
{
	struct fx *f = *state;
	struct wb_merge_report rep[2];
	char *x = tu_path(f->dir, "rx.ciipwb"), *y = tu_path(f->dir, "ry.ciipwb");
	char *t1 = new_target(f, "r1.ciipwb"), *t2 = new_target(f, "r2.ciipwb");
	const char *xy[2] = { x, y }, *yx[2] = { y, x };
	struct wb *wb;
	int64_t other, id;
	char *c1, *c2;

	wb = open_wb(f->base);
	other = add_stakeholder(wb, "Regulator");
	wb_close(wb);
	tu_copy_file(f->base, x);
	tu_copy_file(f->base, y);
	wb = open_wb(x);
	assert_int_equal(wb_role_set(wb, f->s1, "64/211:7", "accountable", &id), 0);
	wb_close(wb);
	wb = open_wb(y);
	assert_int_equal(wb_role_set(wb, other, "64/211:7", "accountable", &id), 0);
	wb_close(wb);
	tu_copy_file(f->base, t1);
	tu_copy_file(f->base, t2);
	assert_int_equal(merge_files(t1, xy, 2, rep), 0);
	assert_int_equal(merge_files(t2, yx, 2, rep), 0);
	assert_int_equal(tu_int(t1, "SELECT count(*) FROM role WHERE ref = '64/211:7' AND"
	    " role = 'accountable' AND deleted = 0"), 1);
	assert_int_equal(tu_int(t1, "SELECT count(*) FROM role WHERE ref = '64/211:7'"), 2);
	assert_int_equal(tu_int(t1, "SELECT count(*) FROM conflict WHERE tbl = 'role' AND"
	    " field = ''"), 1);
	c1 = content(t1, 1);
	c2 = content(t2, 1);
	assert_string_equal(c1, c2);
	free(c1);
	free(c2);
	/* Choosing the other lead swaps them. */
	id = tu_int(t1, "SELECT id FROM conflict WHERE tbl = 'role'");
	other = tu_int(t1, "SELECT id FROM role WHERE ref = '64/211:7' AND deleted = 1");
	wb = open_wb(t1);
	assert_int_equal(wb_conflict_resolve(wb, id, 1), 0);
	wb_close(wb);
	assert_int_equal(tu_int(t1, "SELECT id FROM role WHERE ref = '64/211:7' AND"
	    " deleted = 0"), other);
	free(x);
	free(y);
	free(t1);
	free(t2);
}

/* ---- independent workbooks ---- */

static void
independent_workbooks__merge_with_nothing_lost(void **state)
{
	char *dir = tu_tmpdir(), *p = tu_path(dir, "p.ciipwb"), *q = tu_path(dir, "q.ciipwb");
	struct wb_merge_report rep[1];
	const char *src = q;
	struct wb *wb;
	int i;

	(void)state;
	wb = open_wb(p);
	for (i = 0; i < 20; i++)
		add_note(wb, "64/211:1", "from p");
	add_stakeholder(wb, "Ministry of ICT");
	set_rating(wb, "64/211:2", "formative");
	wb_close(wb);
	wb = open_wb(q);
	for (i = 0; i < 30; i++)
		add_note(wb, "64/211:1", "from q");
	add_stakeholder(wb, "CERT");
	set_rating(wb, "64/211:2", "dynamic");
	set_rating(wb, "64/211:3", "start_up");
	wb_close(wb);
	assert_int_equal(merge_files(p, &src, 1, rep), 0);
	assert_int_equal(note_count(p, "from p"), 20);
	assert_int_equal(note_count(p, "from q"), 30);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM stakeholder"), 2);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM item WHERE ref = '64/211:3' AND"
	    " current = 'start_up'"), 1);
	/* Both rated 64/211:2 without a common past: a conflict, both values kept. */
	assert_int_equal(tu_int(p, "SELECT count(*) FROM conflict WHERE ref = '64/211:2'"
	    " AND field = 'current'"), 1);
	assert_int_equal(rep[0].added, 32);
	assert_int_equal(rep[0].conflicts, 1);
	tu_rmrf(dir);
	free(dir);
	free(p);
	free(q);
}

/* ---- hostile sources ---- */

static void
expect_refused(const char *target, const char *src, const char *what)
{
	struct wb_source *s = NULL;
	char *err = NULL, *before, *after;
	size_t n1, n2;

	before = tu_read_file(target, &n1);
	if (wb_source_open(src, &s, &err) == 0)
		fail_msg("%s was accepted", what);
	assert_null(s);
	assert_non_null(err);
	if (strstr(err, src) == NULL)
		fail_msg("%s: the message does not name the file: %s", what, err);
	if (strchr(err, '\n') != NULL)
		fail_msg("%s: the message is not one line: %s", what, err);
	free(err);
	after = tu_read_file(target, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
}

static void
hostile_sources__are_refused(void **state)
{
	struct fx *f = *state;
	char *t = new_target(f, "hostile.ciipwb"), *h = tu_path(f->dir, "h.ciipwb");
	char *buf;
	size_t len;

	/* Corrupt: a page in the middle overwritten. */
	tu_copy_file(f->copy[0], h);
	buf = tu_read_file(h, &len);
	assert_true(len > 4 * 4096);
	memset(buf + 2 * 4096, 0x5a, 4096);
	tu_write_file(h, buf, len);
	free(buf);
	expect_refused(t, h, "a corrupt file");
	unlink(h);
	/* Truncated. */
	buf = tu_read_file(f->copy[0], &len);
	tu_write_file(h, buf, len / 2);
	free(buf);
	expect_refused(t, h, "a truncated file");
	unlink(h);
	/* Not a database at all. */
	tu_write_file(h, "hello\n", 6);
	expect_refused(t, h, "a text file");
	unlink(h);
	/* Newer version. */
	tu_copy_file(f->copy[0], h);
	tu_exec(h, "PRAGMA user_version = 99");
	expect_refused(t, h, "a newer version");
	unlink(h);
	/* Another SQLite database. */
	tu_exec(h, "CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT)");
	expect_refused(t, h, "another database");
	unlink(h);
	/* An extra trigger. */
	tu_copy_file(f->copy[0], h);
	tu_exec(h, "CREATE TRIGGER evil AFTER INSERT ON note BEGIN"
	    " DELETE FROM stakeholder; END");
	expect_refused(t, h, "an extra trigger");
	unlink(h);
	/* A view in place of a table. */
	tu_copy_file(f->copy[0], h);
	tu_exec(h, "DROP TABLE evidence; CREATE VIEW evidence AS SELECT id, ref, body AS"
	    " name, '' AS location, created, updated, deleted FROM note");
	expect_refused(t, h, "a view in place of a table");
	unlink(h);
	/* A symbolic link. */
	assert_int_equal(symlink(f->copy[0], h), 0);
	expect_refused(t, h, "a symbolic link");
	unlink(h);
	/* The target itself. */
	{
		struct wb_merge_report rep[1];
		const char *src = t;

		assert_int_not_equal(merge_files(t, &src, 1, rep), 0);
	}
	free(t);
	free(h);
}

/* A source of an older schema is upgraded on the private copy only. */
static void
older_source__is_merged_and_left_as_it_was(void **state)
{
	struct fx *f = *state;
	char *old = tu_path(f->dir, "old.ciipwb"), *t = new_target(f, "fromold.ciipwb");
	char *before, *after;
	struct wb_merge_report rep[1];
	const char *src = old;
	struct wb *wb;
	size_t n1, n2;

	/* The version before the merge tables. */
	wb__schema_target = WB_SCHEMA_VERSION - 1;
	wb = open_wb(old);
	wb__schema_target = WB_SCHEMA_VERSION;
	add_note(wb, "64/211:9", "written by an older ciipwb");
	wb_close(wb);
	assert_int_equal(tu_int(old, "PRAGMA user_version"), WB_SCHEMA_VERSION - 1);
	before = tu_read_file(old, &n1);
	assert_int_equal(merge_files(t, &src, 1, rep), 0);
	assert_int_equal(rep[0].added, 1);
	assert_int_equal(note_count(t, "written by an older ciipwb"), 1);
	after = tu_read_file(old, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	assert_int_equal(tu_int(old, "PRAGMA user_version"), WB_SCHEMA_VERSION - 1);
	/* Opening it upgrades it to this version, with the merge tables. */
	wb = open_wb(old);
	wb_close(wb);
	assert_int_equal(tu_int(old, "PRAGMA user_version"), WB_SCHEMA_VERSION);
	assert_int_equal(tu_int(old, "SELECT count(*) FROM sqlite_schema WHERE name IN"
	    " ('conflict', 'merge_seen', 'merge_log', 'baseline_item')"), 4);
	free(before);
	free(after);
	free(old);
	free(t);
}

/* ---- kill -9 in the middle ---- */

static void
merge_killed_at_random_points__leaves_before_or_after(void **state)
{
	struct fx *f = *state;
	char *big = tu_path(f->dir, "big.ciipwb"), *t = tu_path(f->dir, "kill.ciipwb");
	char *ref = new_target(f, "killref.ciipwb"), *before, *after;
	struct wb_merge_report rep[1];
	const char *src = big;
	struct wb_source *checked;
	int i, seen_before = 0, seen_after = 0;
	long span;

	tu_copy_file(f->copy[0], big);
	tu_exec(big, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
	    " WHERE x < 1000) INSERT INTO note(id, ref, body, created, updated)"
	    " SELECT 1 + (random() & 4611686018427387903), '64/211:6', 'bulk ' || x,"
	    " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM c");
	before = content(ref, 1);
	open_sources(&src, 1, &checked);
	assert_int_equal(merge_opened(ref, &checked, 1, rep), 0);
	after = content(ref, 1);
	/* Kill points spread over the time a whole merge takes (measured here,
	 * never asserted): from before the copy to after the commit. */
	{
		struct timespec a, b;

		unlink(t);
		tu_copy_file(f->base, t);
		clock_gettime(CLOCK_MONOTONIC, &a);
		assert_int_equal(merge_opened(t, &checked, 1, rep), 0);
		clock_gettime(CLOCK_MONOTONIC, &b);
		span = (b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000;
	}
	srand((unsigned)getpid());
	for (i = 0; i < 8; i++) {
		pid_t pid;
		int status;
		char *c, *ok;

		unlink(t);
		tu_copy_file(f->base, t);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct wb_merge_report r[1];

			int code;

			/* The parent owns the checked copy: the child never frees it;
			 * the rest it frees, for valgrind's sake, when it gets that far. */
			code = merge_opened(t, &checked, 1, r) == 0 ? 0 : 1;
			free(t);
			free(big);
			free(ref);
			free(before);
			free(after);
			_exit(code);
		}
		usleep((useconds_t)(rand() % (span + span / 4 + 1)));
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		ok = tu_integrity(t);
		assert_string_equal(ok, "ok");
		free(ok);
		c = content(t, 1);
		if (strcmp(c, before) == 0)
			seen_before++;
		else if (strcmp(c, after) == 0)
			seen_after++;
		else
			fail_msg("kill %d left a half-merged workbook", i);
		free(c);
	}
	print_message("# killed merges: %d left as before, %d fully merged\n", seen_before,
	    seen_after);
	wb_source_free(checked);
	free(before);
	free(after);
	free(big);
	free(t);
	free(ref);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    merge_all_orders__give_the_same_content_and_three_conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    merge_of_three_at_once__equals_one_at_a_time, setup, teardown),
		cmocka_unit_test_setup_teardown(merge_again__changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    merge__source_with_a_hot_journal__gives_its_last_committed_state, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    merge_into_a_source__takes_the_others_and_merging_back_is_clean, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    delete_on_one_side_and_edit_on_the_other__is_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(resolve__takes_the_other_value_and_undoes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    rival_accountable_roles__keep_one_live_and_list_both, setup, teardown),
		cmocka_unit_test(independent_workbooks__merge_with_nothing_lost),
		cmocka_unit_test_setup_teardown(hostile_sources__are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(older_source__is_merged_and_left_as_it_was, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    merge_killed_at_random_points__leaves_before_or_after, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
