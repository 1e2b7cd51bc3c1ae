/* test-wb-open.c: opening, creating and refusing workbooks (wb_open and friends). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_check.h"
#include "wb_internal.h"
#include "test-wb-util.h"

static char *dir;

static int
setup(void **state)
{
	(void)state;
	dir = tu_tmpdir();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tu_rmrf(dir);
	free(dir);
	dir = NULL;
	return 0;
}

static struct wb *
open_ok(const char *path, unsigned flags)
{
	struct wb *wb = NULL;
	char *err = NULL;

	if (wb_open(path, flags, &wb, &err) != 0)
		fail_msg("wb_open %s: %s", path, err);
	assert_null(err);
	return wb;
}

static char *
open_err(const char *path, unsigned flags)
{
	struct wb *wb = (struct wb *)1;
	char *err = NULL;

	assert_int_equal(wb_open(path, flags, &wb, &err), -1);
	assert_null(wb);
	assert_non_null(err);
	assert_null(strchr(err, '\n'));
	return err;
}

static void
open__creates__workbook_mode_0600_with_id_version_scale_and_row(void **state)
{
	char *p = tu_path(dir, "new.ciipwb");
	struct wb *wb;
	struct stat sb;
	mode_t old = umask(0);

	(void)state;
	wb = open_ok(p, WB_OPEN_CREATE);
	umask(old);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_string_equal(wb_path(wb), p);
	assert_int_equal(wb_readonly(wb), 0);
	assert_null(wb_notice(wb));
	assert_string_equal(wb_errmsg(wb), "");
	wb_close(wb);
	assert_int_equal(tu_int(p, "PRAGMA application_id"), WB_APPLICATION_ID);
	assert_int_equal(tu_int(p, "PRAGMA user_version"), WB_SCHEMA_VERSION);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM scale"), 7);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM scale WHERE is_stage = 1"), 5);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM workbook WHERE id = 1"), 1);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM history"), 0);
	free(p);
}

static void
open__uses__wal_and_full_sync_and_foreign_keys(void **state)
{
	char *p = tu_path(dir, "wal.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);

	(void)state;
	assert_int_equal(wb->wal, 1);
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(wb->db, "PRAGMA journal_mode", -1,
		    &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
		sqlite3_finalize(st);
		assert_int_equal(sqlite3_prepare_v2(wb->db, "PRAGMA synchronous", -1,
		    &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 2);
		sqlite3_finalize(st);
		assert_int_equal(sqlite3_prepare_v2(wb->db, "PRAGMA foreign_keys", -1,
		    &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 1);
		sqlite3_finalize(st);
	}
	/* DEFENSIVE: writing the schema table directly is refused. */
	assert_int_not_equal(sqlite3_exec(wb->db, "PRAGMA writable_schema=ON;"
	    " UPDATE sqlite_schema SET sql = '' WHERE name = 'note'", NULL, NULL,
	    NULL), SQLITE_OK);
	wb_close(wb);
	free(p);
}

static void
open__reopens__existing_workbook_unchanged(void **state)
{
	char *p = tu_path(dir, "re.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	char *before, *after;

	(void)state;
	wb_close(wb);
	before = tu_dump(p);
	wb = open_ok(p, 0);
	wb_close(wb);
	wb = open_ok(p, WB_OPEN_CREATE);  /* CREATE on an existing workbook just opens it */
	wb_close(wb);
	after = tu_dump(p);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(p);
}

static void
open__makes__relative_path_absolute(void **state)
{
	char cwd[4096];
	struct wb *wb;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	wb = open_ok("file:rel.ciipwb", WB_OPEN_CREATE);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(wb_path(wb)[0], '/');
	assert_non_null(strstr(wb_path(wb), "/file:rel.ciipwb"));
	wb_close(wb);
	{
		char *p = tu_path(dir, "file:rel.ciipwb");

		assert_int_equal(access(p, F_OK), 0);
		free(p);
	}
}

static void
open__refuses__missing_directory(void **state)
{
	char *p = tu_path(dir, "nosuch/x.ciipwb");
	char *err = open_err(p, WB_OPEN_CREATE);

	(void)state;
	assert_non_null(strstr(err, "cannot create"));
	assert_non_null(strstr(err, "does not exist"));
	assert_non_null(strstr(err, "x.ciipwb"));
	free(err);
	free(p);
}

static void
open__refuses__missing_file_without_create(void **state)
{
	char *p = tu_path(dir, "absent.ciipwb");
	char *err = open_err(p, 0);

	(void)state;
	assert_non_null(strstr(err, "does not exist"));
	assert_int_equal(access(p, F_OK), -1);
	free(err);
	free(p);
}

static void
open__refuses__text_file_and_leaves_it_unchanged(void **state)
{
	char *p = tu_path(dir, "notes.txt");
	const char text[] = "These are my notes, not a workbook.\nSecond line.\n";
	char *err, *back;
	size_t n;

	(void)state;
	tu_write_file(p, text, sizeof text - 1);
	err = open_err(p, WB_OPEN_CREATE);
	assert_non_null(strstr(err, "not a ciipwb workbook"));
	back = tu_read_file(p, &n);
	assert_int_equal(n, sizeof text - 1);
	assert_memory_equal(back, text, n);
	free(back);
	free(err);
	free(p);
}

static void
open__refuses__other_sqlite_database_and_leaves_it_unchanged(void **state)
{
	char *p = tu_path(dir, "other.db");
	sqlite3 *db;
	char *err, *before, *after;
	size_t n1, n2;

	(void)state;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (42);",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	before = tu_read_file(p, &n1);
	err = open_err(p, WB_OPEN_CREATE);
	assert_non_null(strstr(err, "not a ciipwb workbook"));
	after = tu_read_file(p, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
	free(err);
	/* Another application's id is refused too. */
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 1234", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	err = open_err(p, 0);
	assert_non_null(strstr(err, "not a ciipwb workbook"));
	free(err);
	free(p);
}

static void
open__refuses__empty_file_without_create(void **state)
{
	char *p = tu_path(dir, "empty.ciipwb");
	char *err;
	size_t n;

	(void)state;
	tu_write_file(p, "", 0);
	err = open_err(p, 0);
	assert_non_null(strstr(err, "empty"));
	free(tu_read_file(p, &n));
	assert_int_equal(n, 0);
	free(err);
	free(p);
}

static void
open__refuses__garbage_after_a_valid_header(void **state)
{
	char *p = tu_path(dir, "garbage.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	char *buf, *err, *after;
	size_t n, n2, i;

	(void)state;
	assert_int_equal(wb_group_add(wb, "Group A", NULL), 0);
	wb_close(wb);
	buf = tu_read_file(p, &n);
	assert_true(n >= 4096 * 3);
	/* Keep page 1 (header and schema), scribble over the rest. */
	for (i = 4096; i < n; i++)
		buf[i] = (char)(i * 7 + 13);
	tu_write_file(p, buf, n);
	err = open_err(p, 0);
	assert_non_null(strstr(err, "damaged"));
	after = tu_read_file(p, &n2);
	assert_int_equal(n, n2);
	assert_memory_equal(buf, after, n);
	free(after);
	free(buf);
	free(err);
	free(p);
}

static void
open__refuses__garbage_header(void **state)
{
	char *p = tu_path(dir, "header.ciipwb");
	char buf[8192];
	char *err;
	size_t i;

	(void)state;
	memcpy(buf, "SQLite format 3", 16);
	for (i = 16; i < sizeof buf; i++)
		buf[i] = (char)(i * 31);
	tu_write_file(p, buf, sizeof buf);
	err = open_err(p, 0);
	assert_true(strstr(err, "damaged") != NULL ||
	    strstr(err, "not a ciipwb workbook") != NULL);
	free(err);
	free(p);
}

static void
open__refuses__truncated_workbook(void **state)
{
	char *p = tu_path(dir, "trunc.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	struct wb_note n = { .ref = "64/211#1", .body = "a note" };
	char *err;
	size_t len;
	int i;

	(void)state;
	for (i = 0; i < 50; i++)
		assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	wb_close(wb);
	free(tu_read_file(p, &len));
	assert_true(len > 3 * 4096);
	assert_int_equal(truncate(p, (off_t)(len / 2)), 0);
	err = open_err(p, 0);
	assert_non_null(strstr(err, "damaged"));
	free(tu_read_file(p, &len));
	free(err);
	free(p);
}

static void
open__newer_schema__opens_read_only_with_notice(void **state)
{
	char *p = tu_path(dir, "newer.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	struct wb_note n = { .ref = "64/211#1", .body = "x" };
	sqlite3 *db;
	char *before, *after;

	(void)state;
	wb_close(wb);
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	before = tu_dump(p);
	wb = open_ok(p, 0);
	assert_int_equal(wb_readonly(wb), 1);
	assert_non_null(wb_notice(wb));
	assert_non_null(strstr(wb_notice(wb), "newer ciipwb (schema 99)"));
	assert_non_null(strstr(wb_notice(wb), "upgrade ciipwb to edit it"));
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "read-only"));
	assert_int_equal(wb_can_undo(wb), 0);
	wb_close(wb);
	after = tu_dump(p);
	assert_string_equal(before, after);
	assert_int_equal(tu_int(p, "PRAGMA user_version"), 99);
	free(before);
	free(after);
	free(p);
}

/* 1 if P with SUFFIX exists. */
static int
side_exists(const char *p, const char *suffix)
{
	char *q = NULL;
	struct stat sb;
	int r;

	assert_true(asprintf(&q, "%s%s", p, suffix) > 0);
	r = lstat(q, &sb) == 0;
	free(q);
	return r;
}

static void
open__read_only_flag__refuses_edits_and_changes_nothing(void **state)
{
	char *p = tu_path(dir, "ro.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	struct wb_details d = { .title = "t" };
	char *before, *after;
	struct wb_details got;

	(void)state;
	assert_int_equal(wb_group_add(wb, "A", NULL), 0);
	wb_close(wb);
	/* Reading leaves nothing beside the file: no -wal, no -shm (a summary of a workbook
	 * on a USB stick). */
	assert_false(side_exists(p, "-wal"));
	wb = open_ok(p, WB_OPEN_READONLY);
	assert_int_equal(wb_details_get(wb, &got), 0);
	wb_details_free(&got);
	wb_close(wb);
	assert_false(side_exists(p, "-wal"));
	assert_false(side_exists(p, "-shm"));
	before = tu_dump(p);
	wb = open_ok(p, WB_OPEN_READONLY);
	assert_int_equal(wb_readonly(wb), 1);
	assert_int_equal(wb_details_set(wb, &d), -1);
	assert_non_null(strstr(wb_errmsg(wb), "read-only"));
	assert_non_null(strstr(wb_errmsg(wb), "ro.ciipwb"));
	assert_int_equal(wb_undo(wb, NULL), -1);
	assert_int_equal(wb_details_get(wb, &got), 0);  /* reading works */
	assert_string_equal(got.title, "");
	wb_details_free(&got);
	wb_close(wb);
	after = tu_dump(p);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(p);
}

/* Permission bits do not stop root, so when the tests run as root (as in
 * CI) these checks run in a child that has dropped to uid/gid 65534; they
 * return 0 or the line of the first failed check. */
#define CHECK(c) do { if (!(c)) return __LINE__; } while (0)

static int
check_read_only_file(void)
{
	char *p = tu_path(dir, "rofile.ciipwb"), *err = NULL;
	struct wb *w = NULL;

	CHECK(wb_open(p, WB_OPEN_CREATE, &w, &err) == 0);
	wb_close(w);
	CHECK(chmod(p, 0400) == 0);
	CHECK(wb_open(p, 0, &w, &err) == 0);
	CHECK(wb_readonly(w) == 1);
	CHECK(wb_notice(w) != NULL && strstr(wb_notice(w), "read-only") != NULL);
	CHECK(wb_group_add(w, "A", NULL) == -1);
	CHECK(strstr(wb_errmsg(w), "read-only") != NULL);
	wb_close(w);
	free(p);
	return 0;
}

static int
check_read_only_directory(void)
{
	char *sub = tu_path(dir, "rodir"), *p = tu_path(sub, "w.ciipwb");
	char *q = tu_path(sub, "new.ciipwb"), *err = NULL, *before, *after;
	struct wb_counts c;
	struct wb *w = NULL;

	CHECK(mkdir(sub, 0700) == 0);
	CHECK(wb_open(p, WB_OPEN_CREATE, &w, &err) == 0);
	CHECK(wb_group_add(w, "A", NULL) == 0);
	wb_close(w);
	before = tu_dump(p);
	CHECK(chmod(sub, 0500) == 0);
	/* a WAL workbook without its -shm, in a directory we cannot write */
	CHECK(wb_open(p, 0, &w, &err) == 0);
	CHECK(wb_readonly(w) == 1);
	CHECK(wb_notice(w) != NULL && strstr(wb_notice(w), "read-only") != NULL);
	CHECK(wb_counts(w, &c) == 0 && c.groups == 1);
	CHECK(wb_group_add(w, "B", NULL) == -1);
	wb_close(w);
	after = tu_dump(p);
	CHECK(strcmp(before, after) == 0);
	CHECK(wb_open(q, WB_OPEN_CREATE, &w, &err) == -1);
	CHECK(strstr(err, "read-only") != NULL);
	CHECK(access(q, F_OK) == -1);
	chmod(sub, 0700);
	free(err);
	free(before);
	free(after);
	free(q);
	free(p);
	free(sub);
	return 0;
}

static int
unprivileged(int (*check)(void))
{
	pid_t pid;
	int status;

	if (geteuid() != 0)
		return check();
	if (chown(dir, 65534, 65534) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
		    setuid(65534) != 0)
			_exit(254);
		status = check();
		if (status != 0)
			fprintf(stderr, "unprivileged check failed at line %d\n", status);
		_exit(status != 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void
open__read_only_file__opens_read_only_with_notice(void **state)
{
	(void)state;
	assert_int_equal(unprivileged(check_read_only_file), 0);
}

static void
open__read_only_directory__opens_read_only_and_refuses_create(void **state)
{
	(void)state;
	assert_int_equal(unprivileged(check_read_only_directory), 0);
}

static void
open__refuses__symlink_and_directory(void **state)
{
	char *p = tu_path(dir, "real.ciipwb");
	char *l = tu_path(dir, "link.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	char *err;

	(void)state;
	wb_close(wb);
	assert_int_equal(symlink(p, l), 0);
	err = open_err(l, 0);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	err = open_err(dir, 0);
	assert_non_null(strstr(err, "directory"));
	free(err);
	free(l);
	free(p);
}

static void
open__reports__lock_held_beyond_timeout(void **state)
{
	char *p = tu_path(dir, "held.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	sqlite3 *db;
	char *err;
	int saved = wb__busy_timeout_ms;

	(void)state;
	wb_close(wb);
	/* A workbook in the rollback journal mode, held under an exclusive lock
	 * by another program: opening it has to wait, then gives up. */
	tu_exec(p, "PRAGMA journal_mode = DELETE");
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE; CREATE TABLE t(x);", NULL,
	    NULL, NULL), SQLITE_OK);
	wb__busy_timeout_ms = 50;
	err = open_err(p, WB_OPEN_CREATE);
	wb__busy_timeout_ms = saved;
	assert_non_null(strstr(err, "locked by another program"));
	free(err);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	free(p);
}

static void
open__refuses__empty_path(void **state)
{
	char *err = open_err("", WB_OPEN_CREATE);

	(void)state;
	free(err);
}

/* ---- hostile and broken files (issue 12) ---- */

struct bytes {
	char *buf;
	size_t len;
	int exists;
};

static void
bytes_take(struct bytes *b, const char *path)
{
	b->buf = tu_read_file(path, &b->len);
	b->exists = b->buf != NULL;
}

static void
bytes_same(struct bytes *b, const char *path)
{
	size_t n = 0;
	char *now = tu_read_file(path, &n);

	if (!b->exists) {
		/* SQLite may make an empty -wal beside a WAL file it reads. */
		assert_true(now == NULL || n == 0);
	} else {
		assert_non_null(now);
		assert_int_equal(n, b->len);
		assert_memory_equal(now, b->buf, n);
	}
	free(now);
	free(b->buf);
	b->buf = NULL;
}

/* A workbook with one note, closed. */
static char *
make_wb(const char *name)
{
	char *p = tu_path(dir, name);
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	struct wb_note n = { .ref = "64/211#1", .body = "the facilitator's note" };

	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	wb_close(wb);
	return p;
}

static void
open__foreign_trigger__opens_read_only_and_the_trigger_never_runs(void **state)
{
	char *p = make_wb("trigger.ciipwb"), *w = tu_path(dir, "trigger.ciipwb-wal");
	struct wb_note n = { .ref = "64/211#2", .body = "typed" };
	struct bytes b, bw;
	struct wb *wb;

	(void)state;
	tu_exec(p, "CREATE TRIGGER wipe AFTER INSERT ON note BEGIN"
	    " UPDATE item SET current = NULL; DELETE FROM history; END");
	bytes_take(&b, p);
	bytes_take(&bw, w);
	wb = open_ok(p, 0);
	assert_int_equal(wb_readonly(wb), 1);
	assert_non_null(wb_notice(wb));
	assert_non_null(strstr(wb_notice(wb), "foreign schema"));
	assert_non_null(strstr(wb_notice(wb), "trigger \"wipe\""));
	assert_non_null(strstr(wb_notice(wb), "read-only"));
	assert_non_null(strstr(wb_notice(wb), "clean copy"));
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "foreign schema"));
	wb_close(wb);
	bytes_same(&b, p);
	bytes_same(&bw, w);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM history"), 1);
	free(w);
	free(p);
}

static void
open__foreign_view_index_and_table__open_read_only(void **state)
{
	static const char *const sql[] = {
		"CREATE VIEW v AS SELECT * FROM note",
		"CREATE INDEX extra ON note(body)",
		"CREATE TABLE extra(x)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		char name[32];
		char *p;
		struct wb *wb;

		snprintf(name, sizeof name, "extra%zu.ciipwb", i);
		p = make_wb(name);
		tu_exec(p, sql[i]);
		wb = open_ok(p, 0);
		assert_int_equal(wb_readonly(wb), 1);
		assert_non_null(strstr(wb_notice(wb), "foreign schema"));
		wb_close(wb);
		free(p);
	}
}

static void
open__changed_or_missing_schema_object__is_refused_untouched(void **state)
{
	static const char *const sql[] = {
		"DROP INDEX note_ref",
		"DROP TABLE evidence",
		"DROP TRIGGER IF EXISTS search_note_ai; DROP TRIGGER IF EXISTS"
		" search_note_insert; ALTER TABLE note ADD COLUMN x",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		char name[32];
		char *p, *err;
		struct bytes b;

		snprintf(name, sizeof name, "changed%zu.ciipwb", i);
		p = make_wb(name);
		tu_exec(p, sql[i]);
		bytes_take(&b, p);
		err = open_err(p, 0);
		assert_non_null(strstr(err, "foreign schema"));
		assert_non_null(strstr(err, name));
		bytes_same(&b, p);
		free(err);
		free(p);
	}
}

static void
edit__trigger_added_by_another_program__says_the_schema_is_foreign(void **state)
{
	char *p = make_wb("late.ciipwb");
	struct wb_note n = { .ref = "64/211#2", .body = "typed after the trigger" };
	struct wb *wb = open_ok(p, 0);

	(void)state;
	tu_exec(p, "CREATE TRIGGER late AFTER INSERT ON note BEGIN"
	    " DELETE FROM history; END");
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "foreign schema"));
	assert_non_null(strstr(wb_errmsg(wb), "trigger \"late\""));
	assert_null(strstr(wb_errmsg(wb), "cannot read"));
	assert_ptr_equal(n.body, n.body);
	assert_string_equal(n.body, "typed after the trigger");
	assert_int_equal(wb_readonly(wb), 1);
	wb_close(wb);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM history"), 1);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM note"), 1);
	free(p);
}

static void
open__schema_names_with_escapes__give_an_inert_message(void **state)
{
	char *p = make_wb("esc.ciipwb");
	struct wb *wb;
	const char *s;

	(void)state;
	tu_exec(p, "CREATE VIEW \"\x1b]0;pwned\x07\x1b[2J\xc2\x9b" "31m\" AS SELECT 1");
	wb = open_ok(p, 0);
	assert_non_null(wb_notice(wb));
	for (s = wb_notice(wb); *s != '\0'; s++) {
		assert_true((unsigned char)*s >= 0x20 && *s != 0x7f);
		assert_false((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9f);
	}
	assert_non_null(strstr(wb_notice(wb), "]0;pwned"));
	wb_close(wb);
	free(p);
}

static void
open__version_zero_or_negative__is_refused_byte_for_byte(void **state)
{
	static const char *const sql[] = {
		"PRAGMA user_version = 0", "PRAGMA user_version = -1",
		"PRAGMA user_version = -2147483648",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		char name[32];
		char *p, *err;
		struct bytes b;

		snprintf(name, sizeof name, "v%zu.ciipwb", i);
		p = make_wb(name);
		/* In the rollback journal mode, where switching to WAL would
		 * rewrite the header. */
		tu_exec(p, "PRAGMA journal_mode = DELETE");
		tu_exec(p, sql[i]);
		bytes_take(&b, p);
		err = open_err(p, WB_OPEN_CREATE);
		assert_non_null(strstr(err, "damaged"));
		assert_non_null(strstr(err, "schema version"));
		bytes_same(&b, p);
		free(err);
		free(p);
	}
}

/* Opening P fails with a message holding WHAT; P and SIDE (its non-empty -wal or -journal)
 * stay byte for byte as they were. */
static void
refused_untouched(const char *p, const char *side, const char *what)
{
	struct bytes b, bs;
	char *err;

	bytes_take(&b, p);
	bytes_take(&bs, side);
	assert_true(bs.len > 0);
	err = open_err(p, 0);
	if (strstr(err, what) == NULL)
		fail_msg("%s", err);
	bytes_same(&b, p);
	bytes_same(&bs, side);
	free(err);
}

/* Copy src and src-wal (kept with an uncheckpointed commit that runs `sql`)
 * to dst and dst-wal. */
static void
make_stray_wal(const char *src, const char *dst, const char *sql)
{
	sqlite3 *db;
	char *w = NULL, *dw = NULL, *buf;
	size_t n;

	assert_int_equal(sqlite3_open(src, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
	    " PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_true(asprintf(&w, "%s-wal", src) > 0 && asprintf(&dw, "%s-wal", dst) > 0);
	buf = tu_read_file(src, &n);
	tu_write_file(dst, buf, n);
	free(buf);
	buf = tu_read_file(w, &n);
	assert_true(n > 0);
	tu_write_file(dw, buf, n);
	free(buf);
	sqlite3_close(db);
	free(w);
	free(dw);
}

static void
open__stray_wal_of_a_refused_file__is_left_byte_for_byte(void **state)
{
	char *src = make_wb("src.ciipwb"), *p = tu_path(dir, "stray.ciipwb");
	char *w = tu_path(dir, "stray.ciipwb-wal");
	struct bytes b, bw;

	(void)state;
	make_stray_wal(src, p, "PRAGMA user_version = -7");
	refused_untouched(p, w, "schema version is -7");
	/* The same with a foreign trigger in the -wal, and then check. */
	free(p);
	free(w);
	free(src);
	src = make_wb("src2.ciipwb");
	p = tu_path(dir, "stray2.ciipwb");
	w = tu_path(dir, "stray2.ciipwb-wal");
	make_stray_wal(src, p, "CREATE TRIGGER t AFTER INSERT ON note BEGIN"
	    " DELETE FROM history; END");
	bytes_take(&b, p);
	bytes_take(&bw, w);
	{
		struct wb *wb = open_ok(p, 0);

		assert_int_equal(wb_readonly(wb), 1);
		assert_non_null(strstr(wb_notice(wb), "trigger \"t\""));
		wb_close(wb);
	}
	bytes_same(&b, p);
	bytes_same(&bw, w);
	free(w);
	free(p);
	free(src);
}

/* A refused file with a hot journal beside it: a read-write connection would roll the
 * journal back into the file on its first read, so nothing of the two may change. */
static void
open__hot_journal_of_a_refused_file__is_left_byte_for_byte(void **state)
{
	char *src = make_wb("hot-src.ciipwb"), *p = tu_path(dir, "hot.ciipwb");
	char *j = tu_path(dir, "hot.ciipwb-journal");

	(void)state;
	tu_make_hot(src, -3, p);
	refused_untouched(p, j, "hot.ciipwb");
	free(j);
	free(p);
	free(src);
}

/* A sound workbook that a crash left in the middle of a change, in rollback-journal mode
 * (the mode of disks where WAL is avoided): opened for writing, the change is rolled
 * back and the workbook opens; read only, it is refused with what to do, never read
 * half changed; and either way nothing is lost of what was committed. */
static void
open__hot_journal_of_a_sound_file__is_rolled_back_when_writable(void **state)
{
	char *src = make_wb("hot2-src.ciipwb"), *p = tu_path(dir, "hot2.ciipwb");
	char *j = tu_path(dir, "hot2.ciipwb-journal"), *err;
	struct bytes b, bj;
	struct wb *wb;
	struct stat sb;

	(void)state;
	tu_make_hot(src, WB_SCHEMA_VERSION, p);
	bytes_take(&b, p);
	bytes_take(&bj, j);
	err = open_err(p, WB_OPEN_READONLY);
	assert_non_null(strstr(err, "left unfinished by a crash"));
	assert_non_null(strstr(err, "hot2.ciipwb"));
	free(err);
	bytes_same(&b, p);
	bytes_same(&bj, j);
	wb = open_ok(p, 0);
	wb_close(wb);
	assert_int_equal(lstat(j, &sb) == 0 && sb.st_size > 0, 0);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM breakout_group"), 0);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM note WHERE body ="
	    " 'the facilitator''s note'"), 1);
	err = tu_integrity(p);
	assert_string_equal(err, "ok");
	free(err);
	free(j);
	free(p);
	free(src);
}

static void
open__existing_empty_file__is_refused_even_with_create(void **state)
{
	char *p = tu_path(dir, "empty2.ciipwb"), *err;
	size_t n;

	(void)state;
	tu_write_file(p, "", 0);
	err = open_err(p, WB_OPEN_CREATE);
	assert_non_null(strstr(err, "empty file"));
	assert_non_null(strstr(err, "delete it"));
	free(tu_read_file(p, &n));
	assert_int_equal(n, 0);
	free(err);
	/* An SQLite database with no tables at all is not turned into one either. */
	tu_exec(p, "PRAGMA page_size = 4096; VACUUM");
	free(tu_read_file(p, &n));
	assert_true(n > 0);
	err = open_err(p, WB_OPEN_CREATE);
	assert_non_null(strstr(err, "not a ciipwb workbook"));
	free(err);
	free(p);
}

static void
open__mode_400_file__opens_read_only_even_for_root(void **state)
{
	char *p = make_wb("m400.ciipwb");
	struct wb *wb;
	struct bytes b;

	(void)state;
	assert_int_equal(chmod(p, 0400), 0);
	bytes_take(&b, p);
	wb = open_ok(p, 0);
	assert_int_equal(wb_readonly(wb), 1);
	assert_non_null(strstr(wb_notice(wb), "chmod u+w"));
	wb_close(wb);
	bytes_same(&b, p);
	free(p);
}

static void
open__truncated_file__is_refused_by_the_header_check(void **state)
{
	char *p = make_wb("cut.ciipwb"), *err;
	size_t len;

	(void)state;
	free(tu_read_file(p, &len));
	assert_int_equal(truncate(p, (off_t)(len - 4096)), 0);
	err = open_err(p, 0);
	assert_non_null(strstr(err, "cut short"));
	free(err);
	free(p);
}

static int
check_wal_without_shm_in_read_only_directory(void)
{
	char *sub = tu_path(dir, "rowal"), *src = tu_path(dir, "rowal-src.ciipwb");
	char *p = tu_path(sub, "w.ciipwb"), *w = tu_path(sub, "w.ciipwb-wal"), *err = NULL;
	struct wb *wb = NULL;
	struct wb_counts c;
	size_t n1, n2;
	char *b1, *b2;

	CHECK(mkdir(sub, 0700) == 0);
	CHECK(wb_open(src, WB_OPEN_CREATE, &wb, &err) == 0);
	wb_close(wb);
	make_stray_wal(src, p, "INSERT INTO breakout_group(id, name) VALUES (7, 'G')");
	b1 = tu_read_file(w, &n1);
	CHECK(chmod(sub, 0500) == 0);
	CHECK(wb_open(p, 0, &wb, &err) == 0);
	CHECK(wb_readonly(wb) == 1);
	CHECK(wb_notice(wb) != NULL && strstr(wb_notice(wb), "-wal") != NULL);
	CHECK(wb_counts(wb, &c) == 0);
	wb_close(wb);
	b2 = tu_read_file(w, &n2);
	CHECK(b2 != NULL && n1 == n2 && memcmp(b1, b2, n1) == 0);
	chmod(sub, 0700);
	free(b1);
	free(b2);
	free(w);
	free(p);
	free(src);
	free(sub);
	return 0;
}

static void
open__wal_without_shm_in_read_only_directory__opens_read_only(void **state)
{
	(void)state;
	assert_int_equal(unprivileged(check_wal_without_shm_in_read_only_directory), 0);
}

/* A bind mount of the test directory remounted read-only, in a private mount
 * namespace; skipped (not passed) where the test may not mount. */
static void
open__on_a_read_only_mount__opens_read_only_and_changes_nothing(void **state)
{
	char *p = make_wb("mount.ciipwb"), *w = tu_path(dir, "mount.ciipwb-wal");
	pid_t pid;
	int status, fd[2];
	char why = 0;

	(void)state;
	/* Leave a -wal with a commit, and no -shm. */
	{
		char *src = p;

		p = tu_path(dir, "mounted.ciipwb");
		free(w);
		w = tu_path(dir, "mounted.ciipwb-wal");
		make_stray_wal(src, p, "INSERT INTO breakout_group(id, name) VALUES (7, 'G')");
		free(src);
	}
	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct wb *wb = NULL;
		struct wb_counts c;
		char *err = NULL;

		close(fd[0]);
		/* "none" where the kernel ignores source and type: valgrind rejects NULL there. */
		if (unshare(CLONE_NEWNS) != 0 ||
		    mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
		    mount(dir, dir, "none", MS_BIND, NULL) != 0 ||
		    mount("none", dir, "none", MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0) {
			(void)!write(fd[1], "s", 1);
			_exit(0);
		}
		if (wb_open(p, 0, &wb, &err) != 0) {
			fprintf(stderr, "read-only mount: %s\n", err);
			_exit(1);
		}
		if (!wb_readonly(wb) || wb_notice(wb) == NULL ||
		    strstr(wb_notice(wb), "-wal") == NULL || wb_counts(wb, &c) != 0)
			_exit(2);
		wb_close(wb);
		{
			struct wb_check ck;

			/* ciipwb check reads it there too */
			if (wb_check(p, &ck, &err) != 0) {
				fprintf(stderr, "read-only mount: check: %s\n", err);
				_exit(3);
			}
			wb_check_free(&ck);
		}
		/* The child's copies: valgrind counts them lost at _exit otherwise. */
		free(w);
		free(p);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], &why, 1) != 1)
		why = 0;
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	free(w);
	free(p);
	if (why == 's')
		skip();
}

static void
check__on_a_symlink__names_the_file_it_points_to(void **state)
{
	char *p = make_wb("target.ciipwb"), *l = tu_path(dir, "link.ciipwb");
	char *err = NULL;
	struct wb_check c;

	(void)state;
	assert_int_equal(symlink(p, l), 0);
	assert_int_equal(wb_check(l, &c, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "symbolic link"));
	assert_non_null(strstr(err, "target.ciipwb"));
	free(err);
	free(l);
	free(p);
}

static int
check_check_in_read_only_directory(void)
{
	char *sub = tu_path(dir, "rocheck"), *src = tu_path(dir, "rocheck-src.ciipwb");
	char *p = tu_path(sub, "w.ciipwb"), *err = NULL;
	struct wb *wb = NULL;
	struct wb_check c;

	CHECK(mkdir(sub, 0700) == 0);
	CHECK(wb_open(src, WB_OPEN_CREATE, &wb, &err) == 0);
	wb_close(wb);
	make_stray_wal(src, p, "INSERT INTO breakout_group(id, name) VALUES (7, 'G')");
	CHECK(chmod(sub, 0500) == 0);
	CHECK(wb_check(p, &c, &err) == 0);
	wb_check_free(&c);
	chmod(sub, 0700);
	free(p);
	free(src);
	free(sub);
	return 0;
}

static void
check__in_a_read_only_directory__reads_the_file(void **state)
{
	(void)state;
	assert_int_equal(unprivileged(check_check_in_read_only_directory), 0);
}

static void
open__upgrades__a_v4_workbook_with_note_order_and_indexes(void **state)
{
	char *p = tu_path(dir, "v4.ciipwb");
	struct wb *wb = open_ok(p, WB_OPEN_CREATE);
	sqlite3 *db;

	(void)state;
	wb_close(wb);
	/* Back to what a version 4 program wrote, with one note of its own. */
	assert_int_equal(sqlite3_open_v2(p, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP INDEX note_ref_order;"
	    " DROP INDEX action_ref_due; DROP INDEX stakeholder_name;"
	    " ALTER TABLE note DROP COLUMN seq;"
	    " INSERT INTO note(id, ref, body, created, updated) VALUES (7, '64/211:5', 'old',"
	    " '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
	    " DROP TABLE conflict; DROP TABLE merge_seen; DROP TABLE merge_log;"
	    " DROP TABLE baseline_item; DROP INDEX history_row; DROP INDEX action_ref_open;"
	    " PRAGMA user_version = 4;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	wb = open_ok(p, 0);
	wb_close(wb);
	assert_int_equal(tu_int(p, "PRAGMA user_version"), WB_SCHEMA_VERSION);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND"
	    " name IN ('note_ref_order', 'action_ref_due', 'stakeholder_name')"), 3);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM note WHERE id = 7 AND seq IS NULL"), 1);
	free(p);
}

/* Version 7 adds the index of each item's open actions, which answers the navigation pane's
 * count of them without reading the action rows. */
static void
open__upgrades__a_v6_workbook_with_the_open_actions_index(void **state)
{
	char *p = tu_path(dir, "v6.ciipwb"), *plan;
	struct wb *wb;

	(void)state;
	wb__schema_target = 6;
	wb = open_ok(p, WB_OPEN_CREATE);
	wb__schema_target = WB_SCHEMA_VERSION;
	wb_close(wb);
	assert_int_equal(tu_int(p, "PRAGMA user_version"), 6);
	assert_int_equal(tu_int(p, "SELECT count(*) FROM sqlite_schema WHERE"
	    " name = 'action_ref_open'"), 0);
	wb = open_ok(p, 0);
	assert_int_equal(wb_readonly(wb), 0);
	wb_close(wb);
	assert_int_equal(tu_int(p, "PRAGMA user_version"), 7);
	plan = tu_rows(p, "EXPLAIN QUERY PLAN SELECT count(*) FROM (SELECT 1 FROM action"
	    " WHERE ref = '64/211:5' AND deleted = 0 AND status IN ('open', 'in_progress')"
	    " LIMIT 100)");
	if (strstr(plan, "USING INDEX action_ref_open") == NULL)
		fail_msg("the count of open actions does not use the index: %s", plan);
	free(plan);
	free(p);
}

/* An older workbook opened for reading only (a summary of last year's file, a file on
 * read-only media): it is read through an upgraded private copy, never written, and the
 * copy goes when it is closed. */
static void
open__older_workbook_read_only__is_read_through_an_upgraded_copy(void **state)
{
	char *p = tu_path(dir, "v6ro.ciipwb"), *tmp = tu_path(dir, "tmp"), *err = NULL;
	const char *saved = getenv("TMPDIR");
	char *old = saved != NULL ? strdup(saved) : NULL;
	struct wb_note n = { .ref = "64/211#1", .body = "last year's note" };
	struct wb_counts c;
	struct bytes b;
	struct wb *wb;

	(void)state;
	wb__schema_target = 6;
	wb = open_ok(p, WB_OPEN_CREATE);
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	wb__schema_target = WB_SCHEMA_VERSION;
	wb_close(wb);
	assert_int_equal(tu_int(p, "PRAGMA user_version"), 6);
	assert_int_equal(mkdir(tmp, 0700), 0);
	setenv("TMPDIR", tmp, 1);
	bytes_take(&b, p);
	if (wb_open(p, WB_OPEN_READONLY, &wb, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(wb_readonly(wb), 1);
	assert_int_equal(wb_counts(wb, &c), 0);
	assert_int_equal(c.notes, 1);
	assert_string_equal(wb_path(wb), p);
	assert_int_equal(rmdir(tmp), -1);       /* the copy is there while it is open */
	wb_close(wb);
	assert_int_equal(rmdir(tmp), 0);        /* and gone after */
	bytes_same(&b, p);
	assert_int_equal(tu_int(p, "PRAGMA user_version"), 6);
	if (old != NULL)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
	free(tmp);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(open__creates__workbook_mode_0600_with_id_version_scale_and_row),
		T(open__uses__wal_and_full_sync_and_foreign_keys),
		T(open__reopens__existing_workbook_unchanged),
		T(open__upgrades__a_v4_workbook_with_note_order_and_indexes),
		T(open__upgrades__a_v6_workbook_with_the_open_actions_index),
		T(open__older_workbook_read_only__is_read_through_an_upgraded_copy),
		T(open__makes__relative_path_absolute),
		T(open__refuses__missing_directory),
		T(open__refuses__missing_file_without_create),
		T(open__refuses__text_file_and_leaves_it_unchanged),
		T(open__refuses__other_sqlite_database_and_leaves_it_unchanged),
		T(open__refuses__empty_file_without_create),
		T(open__refuses__garbage_after_a_valid_header),
		T(open__refuses__garbage_header),
		T(open__refuses__truncated_workbook),
		T(open__newer_schema__opens_read_only_with_notice),
		T(open__read_only_flag__refuses_edits_and_changes_nothing),
		T(open__read_only_file__opens_read_only_with_notice),
		T(open__read_only_directory__opens_read_only_and_refuses_create),
		T(open__refuses__symlink_and_directory),
		T(open__reports__lock_held_beyond_timeout),
		T(open__refuses__empty_path),
		T(open__foreign_trigger__opens_read_only_and_the_trigger_never_runs),
		T(open__foreign_view_index_and_table__open_read_only),
		T(open__changed_or_missing_schema_object__is_refused_untouched),
		T(edit__trigger_added_by_another_program__says_the_schema_is_foreign),
		T(open__schema_names_with_escapes__give_an_inert_message),
		T(open__version_zero_or_negative__is_refused_byte_for_byte),
		T(open__stray_wal_of_a_refused_file__is_left_byte_for_byte),
		T(open__hot_journal_of_a_refused_file__is_left_byte_for_byte),
		T(open__hot_journal_of_a_sound_file__is_rolled_back_when_writable),
		T(open__existing_empty_file__is_refused_even_with_create),
		T(open__mode_400_file__opens_read_only_even_for_root),
		T(open__truncated_file__is_refused_by_the_header_check),
		T(open__wal_without_shm_in_read_only_directory__opens_read_only),
		T(open__on_a_read_only_mount__opens_read_only_and_changes_nothing),
		T(check__on_a_symlink__names_the_file_it_points_to),
		T(check__in_a_read_only_directory__reads_the_file),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
