/* test-wb-check.c: `ciipwb check` (wb_check) and the default workbook path (cmocka). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_check.h"
#include "test-wb-util.h"

struct fx {
	char dir[64];
	char path[128];
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct wb *wb = NULL;
	struct wb_note n = { 0 };
	char *err = NULL;
	int64_t id;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/test-wb-check-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/w.ciipwb", f->dir);
	if (wb_open(f->path, WB_OPEN_CREATE, &wb, &err) != 0)
		fail_msg("wb_open: %s", err);
	n.ref = "64/211:1";
	n.body = "kept";
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	n.body = "deleted";
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	assert_int_equal(wb_note_delete(wb, id), 0);
	wb_close(wb);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rmrf(f->dir);
	assert_int_equal(access(f->dir, F_OK), -1);
	free(f);
	return 0;
}

static const struct wb_check_count *
count_of(const struct wb_check *c, const char *table)
{
	size_t i;

	for (i = 0; i < WB_CHECK_NCOUNTS; i++)
		if (strcmp(c->counts[i].table, table) == 0)
			return &c->counts[i];
	fail_msg("no count for %s", table);
	return NULL;
}

static void
check__passes_a_sound_workbook_and_counts_tombstones(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	char *err = NULL;
	size_t i;

	assert_int_equal(wb_check(f->path, &c, &err), 0);
	for (i = 0; i < WB_CHECK_COUNT; i++)
		if (!c.res[i].ok)
			fail_msg("%s: %s", c.res[i].name, c.res[i].detail);
	assert_true(c.sound);
	assert_int_equal(c.version, c.supported);
	assert_int_equal(count_of(&c, "note")->live, 1);
	assert_int_equal(count_of(&c, "note")->deleted, 1);
	assert_int_equal(count_of(&c, "stakeholder")->live, 0);
	assert_true(count_of(&c, "history")->live >= 3);
	wb_check_free(&c);
}

static void
check__never_changes_the_file(void **state)
{
	struct fx *f = *state;
	struct stat a, b;
	struct wb_check c;
	char *err = NULL, *before, *after;
	FILE *fp;
	long n;

	assert_int_equal(stat(f->path, &a), 0);
	fp = fopen(f->path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	before = malloc((size_t)n);
	assert_int_equal(fread(before, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	sleep(1);   /* so that a write would show in the mtime even at 1 s resolution */

	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_true(c.sound);
	wb_check_free(&c);

	assert_int_equal(stat(f->path, &b), 0);
	assert_int_equal(a.st_size, b.st_size);
	assert_int_equal(a.st_mtim.tv_sec, b.st_mtim.tv_sec);
	assert_int_equal(a.st_mtim.tv_nsec, b.st_mtim.tv_nsec);
	fp = fopen(f->path, "rb");
	after = malloc((size_t)n);
	assert_int_equal(fread(after, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	assert_memory_equal(before, after, (size_t)n);
	/* Nor leaves anything beside it (an empty -wal and -shm on a USB stick). */
	for (int i = 0; i < 2; i++) {
		char *side = NULL;

		assert_true(asprintf(&side, "%s%s", f->path, i ? "-shm" : "-wal") > 0);
		if (stat(side, &b) == 0)
			fail_msg("%s was left behind", side);
		free(side);
	}
	free(before);
	free(after);
}

static void
check__refuses_missing_text_and_foreign_files(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	char *err = NULL, p[160];
	FILE *fp;

	snprintf(p, sizeof p, "%s/missing.ciipwb", f->dir);
	assert_int_equal(wb_check(p, &c, &err), -1);
	assert_non_null(strstr(err, p));
	assert_null(strchr(err, '\n'));
	free(err);

	snprintf(p, sizeof p, "%s/text.txt", f->dir);
	fp = fopen(p, "w");
	fputs("this is not a workbook, just some text that is long enough\n", fp);
	fclose(fp);
	assert_int_equal(wb_check(p, &c, &err), -1);
	assert_non_null(strstr(err, p));
	assert_non_null(strstr(err, "not a ciipwb workbook"));
	free(err);

	snprintf(p, sizeof p, "%s/other.db", f->dir);
	tu_exec(p, "CREATE TABLE t(x)");
	assert_int_equal(wb_check(p, &c, &err), -1);
	assert_non_null(strstr(err, "application_id"));
	free(err);
}

static void
check__reports_unexpected_columns_and_tables(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	char *err = NULL;

	tu_exec(f->path, "ALTER TABLE note ADD COLUMN mood TEXT");
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_false(c.sound);
	assert_false(c.res[WB_CHECK_SCHEMA].ok);
	assert_non_null(strstr(c.res[WB_CHECK_SCHEMA].detail, "mood"));
	assert_true(c.res[WB_CHECK_INTEGRITY].ok);
	wb_check_free(&c);

	tu_exec(f->path, "ALTER TABLE note DROP COLUMN mood; CREATE TABLE extra(x)");
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_false(c.sound);
	assert_non_null(strstr(c.res[WB_CHECK_SCHEMA].detail, "unexpected table extra"));
	wb_check_free(&c);
}

static void
check__reports_a_newer_schema_version(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	char *err = NULL;

	tu_exec(f->path, "PRAGMA user_version = 99");
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_false(c.sound);
	assert_int_equal(c.version, 99);
	assert_false(c.res[WB_CHECK_VERSION].ok);
	assert_non_null(strstr(c.res[WB_CHECK_VERSION].detail, "newer"));
	wb_check_free(&c);
}

static void
check__reports_broken_references(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	char *err = NULL;

	tu_exec(f->path, "PRAGMA foreign_keys = OFF; INSERT INTO note(id, ref, body, group_id) "
	    "VALUES (5, '64/211:2', 'orphan', 12345)");
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_false(c.sound);
	assert_false(c.res[WB_CHECK_FOREIGN_KEYS].ok);
	assert_non_null(strstr(c.res[WB_CHECK_FOREIGN_KEYS].detail, "note"));
	assert_true(c.res[WB_CHECK_SEARCH].ok);    /* the trigger indexed it */
	wb_check_free(&c);
}

static void
check__reports_a_search_index_out_of_step(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	char *err = NULL;

	tu_exec(f->path, "DELETE FROM search_doc");
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_false(c.sound);
	assert_false(c.res[WB_CHECK_SEARCH].ok);
	assert_true(c.res[WB_CHECK_INTEGRITY].ok);
	assert_true(c.res[WB_CHECK_SCHEMA].ok);
	wb_check_free(&c);

	tu_exec(f->path, "DELETE FROM search_word_data WHERE id > 10");
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_false(c.res[WB_CHECK_SEARCH].ok);
	wb_check_free(&c);
}

/* SQL run with the file's triggers off: the rows change and the search index does not. */
static void
exec_without_triggers(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* The index against the rows, case by case: each index stays consistent with itself (its
 * own FTS5 check passes), only the comparison with the rows finds the problem. */
static void
check__compares_the_index_with_the_rows(void **state)
{
	static const struct {
		const char *sql;
		int triggers;      /* 0: run with the file's triggers off */
	} cases[] = {
		/* a live note with no index entry at all */
		{ "DELETE FROM search_word WHERE rowid IN (SELECT id FROM search_doc WHERE "
		    "kind = 'note'); DELETE FROM search_tri WHERE rowid IN (SELECT id FROM "
		    "search_doc WHERE kind = 'note'); DELETE FROM search_doc WHERE kind = 'note'", 1 },
		/* a note deleted, its entry left */
		{ "UPDATE note SET deleted = 1 WHERE body = 'kept'", 0 },
		/* a note's text changed, its entry left */
		{ "UPDATE note SET body = 'changed' WHERE body = 'kept'", 0 },
		/* a note moved to another item, its entry left */
		{ "UPDATE note SET ref = '64/211:9' WHERE body = 'kept'", 0 },
		/* the trigram index's text differs from the word index's */
		{ "UPDATE search_tri SET body = 'other'", 1 },
	};
	struct fx *f = *state;
	char *copy = tu_path(f->dir, "sound.ciipwb");

	tu_copy_file(f->path, copy);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wb_check c;
		char *err = NULL;

		tu_copy_file(copy, f->path);
		if (cases[i].triggers)
			tu_exec(f->path, cases[i].sql);
		else
			exec_without_triggers(f->path, cases[i].sql);
		assert_int_equal(wb_check(f->path, &c, &err), 0);
		if (c.res[WB_CHECK_SEARCH].ok)
			fail_msg("not found: %s", cases[i].sql);
		assert_non_null(strstr(c.res[WB_CHECK_SEARCH].detail, "note"));
		assert_true(c.res[WB_CHECK_INTEGRITY].ok);
		wb_check_free(&c);
	}
	free(copy);
}

/* A file and its -wal, byte for byte, while another instance has the workbook open with
 * edits not yet checkpointed: the in-place check of the search index writes nothing. */
static void
check__leaves_the_file_and_its_wal_as_they_were(void **state)
{
	struct fx *f = *state;
	struct wb *wb = NULL;
	struct wb_note n = { 0 };
	struct wb_check c;
	char *err = NULL, *wal = tu_path(f->dir, "w.ciipwb-wal");
	char *db0, *wal0, *db1, *wal1;
	size_t ndb0, nwal0, ndb1, nwal1;
	int64_t id;

	if (wb_open(f->path, 0, &wb, &err) != 0)
		fail_msg("wb_open: %s", err);
	n.ref = "64/211:3";
	n.body = "written after the last checkpoint";
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	db0 = tu_read_file(f->path, &ndb0);
	wal0 = tu_read_file(wal, &nwal0);
	assert_true(nwal0 > 0);

	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_true(c.sound);
	assert_false(c.search_copied);
	wb_check_free(&c);

	db1 = tu_read_file(f->path, &ndb1);
	wal1 = tu_read_file(wal, &nwal1);
	assert_int_equal(ndb0, ndb1);
	assert_memory_equal(db0, db1, ndb0);
	assert_int_equal(nwal0, nwal1);
	assert_memory_equal(wal0, wal1, nwal0);
	wb_close(wb);
	free(db0);
	free(db1);
	free(wal0);
	free(wal1);
	free(wal);
}

/* Damage one index's own tables with SQL: check finds it, names the index, and the file
 * itself stays sound. */
static void
damaged_index_is_found(struct fx *f, const char *sql, const char *index)
{
	struct wb_check c;
	char *err = NULL;

	tu_exec(f->path, sql);
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_false(c.sound);
	assert_false(c.search_copied);
	assert_false(c.res[WB_CHECK_SEARCH].ok);
	assert_non_null(strstr(c.res[WB_CHECK_SEARCH].detail, index));
	assert_true(c.res[WB_CHECK_INTEGRITY].ok);
	wb_check_free(&c);
}

/* The word index (checked in place, or on a copy of its tables by the calling thread
 * when that one is free first). */
static void
check__finds_a_damaged_word_index(void **state)
{
	damaged_index_is_found(*state, "DELETE FROM search_word_data WHERE id > 10",
	    "search_word");
}

/* The trigram index, checked in place. */
static void
check__finds_a_damaged_trigram_index_in_place(void **state)
{
	damaged_index_is_found(*state, "DELETE FROM search_tri_data WHERE id > 10",
	    "search_tri");
}

/* Damage an index with SQL, then check while OTHER holds the write lock: the copy of
 * the index's tables finds it, and names the index. */
static void
copy_finds_damage(struct fx *f, sqlite3 *other, const char *sql, const char *index)
{
	struct wb_check c;
	char *err = NULL;

	tu_exec(f->path, sql);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_true(c.search_copied);
	assert_false(c.sound);
	assert_false(c.res[WB_CHECK_SEARCH].ok);
	assert_non_null(strstr(c.res[WB_CHECK_SEARCH].detail, index));
	wb_check_free(&c);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	tu_exec(f->path, "INSERT INTO search_word(search_word) VALUES('rebuild'); "
	    "INSERT INTO search_tri(search_tri) VALUES('rebuild')");
}

/* Another writer holds the write lock: both indexes are checked on copies of their
 * tables instead, which find damage as well, and pass a sound index. */
static void
check__checks_a_copy_of_the_index_while_another_writer_holds_the_lock(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	sqlite3 *other;
	char *err = NULL;

	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb_check(f->path, &c, &err), 0);
	assert_true(c.search_copied);
	if (!c.sound)
		fail_msg("%s", c.res[WB_CHECK_SEARCH].detail);
	wb_check_free(&c);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);

	/* Each index damaged in turn: the copies find it. */
	copy_finds_damage(f, other, "DELETE FROM search_tri_data WHERE id > 10", "search_tri");
	copy_finds_damage(f, other, "DELETE FROM search_word_data WHERE id > 10",
	    "search_word");
	sqlite3_close(other);
}

/* --- wb_default_path --- */

static void
default_path__uses_absolute_xdg_data_home(void **state)
{
	struct fx *f = *state;
	char xdg[160], want[200];
	char *p, *err = NULL;
	struct stat sb;

	snprintf(xdg, sizeof xdg, "%s/data/deeper", f->dir);
	setenv("XDG_DATA_HOME", xdg, 1);
	p = wb_default_path(&err);
	assert_non_null(p);
	snprintf(want, sizeof want, "%s/ciipwb/workbook.ciipwb", xdg);
	assert_string_equal(p, want);
	snprintf(want, sizeof want, "%s/ciipwb", xdg);
	assert_int_equal(stat(want, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(p);
	unsetenv("XDG_DATA_HOME");
}

static void
default_path__ignores_relative_xdg_data_home(void **state)
{
	struct fx *f = *state;
	char want[200];
	char *p, *err = NULL;
	char *old = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	setenv("XDG_DATA_HOME", "relative/dir", 1);
	setenv("HOME", f->dir, 1);
	p = wb_default_path(&err);
	assert_non_null(p);
	snprintf(want, sizeof want, "%s/.local/share/ciipwb/workbook.ciipwb", f->dir);
	assert_string_equal(p, want);
	free(p);
	unsetenv("XDG_DATA_HOME");
	if (old != NULL)
		setenv("HOME", old, 1);
	free(old);
}

static void
default_path__explains_a_directory_it_cannot_create(void **state)
{
	struct fx *f = *state;
	char file[160], xdg[200];
	char *p, *err = NULL;
	FILE *fp;

	snprintf(file, sizeof file, "%s/plainfile", f->dir);
	fp = fopen(file, "w");
	fclose(fp);
	snprintf(xdg, sizeof xdg, "%s/sub", file);
	setenv("XDG_DATA_HOME", xdg, 1);
	p = wb_default_path(&err);
	assert_null(p);
	assert_non_null(err);
	assert_non_null(strstr(err, "cannot create directory"));
	assert_non_null(strstr(err, xdg));
	assert_non_null(strstr(err, "XDG_DATA_HOME"));
	free(err);
	unsetenv("XDG_DATA_HOME");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(check__passes_a_sound_workbook_and_counts_tombstones,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(check__never_changes_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(check__refuses_missing_text_and_foreign_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check__reports_unexpected_columns_and_tables, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check__reports_a_newer_schema_version, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check__reports_broken_references, setup, teardown),
		cmocka_unit_test_setup_teardown(check__reports_a_search_index_out_of_step, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check__compares_the_index_with_the_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(check__leaves_the_file_and_its_wal_as_they_were,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(check__finds_a_damaged_word_index, setup, teardown),
		cmocka_unit_test_setup_teardown(check__finds_a_damaged_trigram_index_in_place, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    check__checks_a_copy_of_the_index_while_another_writer_holds_the_lock, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(default_path__uses_absolute_xdg_data_home, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(default_path__ignores_relative_xdg_data_home, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(default_path__explains_a_directory_it_cannot_create,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
