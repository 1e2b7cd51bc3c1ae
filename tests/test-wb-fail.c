/* test-wb-fail.c: failures (disk full, I/O errors, read-only, busy) leave the workbook as it was; two connections share it. */
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
#include "faultvfs.h"
#include "test-wb-util.h"

static char *dir, *path;
static struct wb *wb;

static struct wb *
open_wb(void)
{
	struct wb *w = NULL;
	char *err = NULL;

	if (wb_open(path, WB_OPEN_CREATE, &w, &err) != 0)
		fail_msg("%s", err);
	return w;
}

static int
setup(void **state)
{
	struct wb_note n = { .ref = "64/211#1", .body = "already there" };
	struct wb_stakeholder s = { .name = "CERT", .category = "national_government" };

	(void)state;
	assert_int_equal(faultvfs_register(), SQLITE_OK);
	dir = tu_tmpdir();
	path = tu_path(dir, "fail.ciipwb");
	wb = open_wb();
	/* some content, so that failures have something to damage */
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_stakeholder_add(wb, &s, NULL), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	faultvfs_disarm();
	wb_close(wb);
	wb = NULL;
	tu_rmrf(dir);
	free(dir);
	free(path);
	faultvfs_unregister();
	return 0;
}

static void
assert_sound_and_equal(const char *before)
{
	char *ok = tu_integrity(path), *now = tu_dump(path);

	assert_string_equal(ok, "ok");
	assert_string_equal(now, before);
	free(ok);
	free(now);
}

/* Fail the n-th write/sync/truncate for n = 0, 1, 2... until the edit gets
 * through; after every failure the file must be sound and unchanged. */
static void
fault_loop(int rc, const char *expect, int (*edit)(void))
{
	char *before = tu_dump(path);
	int n, r = -1, failures = 0;

	for (n = 0; n < 200; n++) {
		faultvfs_fail_after(n, rc);
		r = edit();
		faultvfs_disarm();
		if (r == 0)
			break;
		failures++;
		assert_true(faultvfs_fired());
		assert_non_null(strstr(wb_errmsg(wb), expect));
		assert_non_null(strstr(wb_errmsg(wb), "fail.ciipwb"));
		assert_sound_and_equal(before);
	}
	assert_int_equal(r, 0);
	assert_true(failures > 0);
	free(before);
	/* After close and reopen (WAL recovery) nothing half-done shows up. */
	before = tu_dump(path);
	wb_close(wb);
	wb = open_wb();
	assert_sound_and_equal(before);
	free(before);
}

static const char saved_body[] = "typed during the session";

static int
edit_add_note(void)
{
	struct wb_note n = { .ref = "64/211#2", .body = saved_body };
	int r = wb_note_add(wb, &n, NULL);

	/* the caller's text is untouched whatever happened */
	assert_ptr_equal(n.body, saved_body);
	assert_string_equal(n.body, "typed during the session");
	return r;
}

static int
edit_undo(void)
{
	return wb_undo(wb, NULL);
}

static void
disk_full__during_add_note__rolls_back_and_keeps_the_file(void **state)
{
	(void)state;
	fault_loop(SQLITE_FULL, "disk is full", edit_add_note);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE ref = '64/211#2'"), 1);
}

static void
io_error__during_add_note__rolls_back_and_keeps_the_file(void **state)
{
	(void)state;
	fault_loop(SQLITE_IOERR_WRITE, "failed", edit_add_note);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE ref = '64/211#2'"), 1);
}

static void
disk_full__during_undo__rolls_back_and_keeps_the_file(void **state)
{
	(void)state;
	fault_loop(SQLITE_FULL, "disk is full", edit_undo);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM stakeholder WHERE deleted = 0"), 0);
	assert_int_equal(wb_can_redo(wb), 1);
}

static void
read_only_storage__refuses_the_edit_and_keeps_the_file(void **state)
{
	char *before = tu_dump(path);

	(void)state;
	faultvfs_fail_after(0, SQLITE_READONLY);
	assert_int_equal(edit_add_note(), -1);
	faultvfs_disarm();
	assert_non_null(strstr(wb_errmsg(wb), "cannot be written"));
	assert_sound_and_equal(before);
	free(before);
}

static void
max_page_count__gives_disk_full_and_the_retry_succeeds(void **state)
{
	size_t len = 1024 * 1024;
	char *big = malloc(len + 1), *before;
	struct wb_note n = { .ref = "64/211#3" };
	int64_t pages = 0;
	sqlite3_stmt *st;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', len);
	big[len] = '\0';
	n.body = big;
	assert_int_equal(sqlite3_prepare_v2(wb->db, "PRAGMA page_count", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	pages = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	{
		char sql[64];

		snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld",
		    (long long)pages + 2);
		assert_int_equal(sqlite3_exec(wb->db, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	before = tu_dump(path);
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "disk is full"));
	assert_ptr_equal(n.body, big);
	assert_int_equal(strlen(n.body), len);
	assert_sound_and_equal(before);
	assert_int_equal(sqlite3_exec(wb->db, "PRAGMA max_page_count = 1073741823",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(tu_int(path, "SELECT length(body) FROM note WHERE ref = '64/211#3'"),
	    (long long)len);
	free(before);
	free(big);
}

static void
busy__beyond_the_timeout_fails_cleanly_then_succeeds(void **state)
{
	sqlite3 *other;
	char *before;
	int saved = wb__busy_timeout_ms;

	(void)state;
	wb_close(wb);
	wb__busy_timeout_ms = 50;
	wb = open_wb();
	wb__busy_timeout_ms = saved;
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	before = tu_dump(path);
	assert_int_equal(edit_add_note(), -1);
	assert_non_null(strstr(wb_errmsg(wb), "another program is writing"));
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_sound_and_equal(before);
	assert_int_equal(edit_add_note(), 0);
	free(before);
}

static int
count_note(const struct wb_note *n, void *arg)
{
	(void)n;
	++*(int *)arg;
	return 0;
}

static int
notes(struct wb *w)
{
	int n = 0;

	assert_int_equal(wb_notes_each(w, NULL, count_note, &n), 0);
	return n;
}

static void
two_connections__write_in_turn_and_notice_each_other(void **state)
{
	struct wb *b = open_wb();
	struct wb_note n = { .ref = "64/211#5", .body = "from a" };
	int i;

	(void)state;
	assert_int_equal(wb_changed(wb), 0);
	assert_int_equal(wb_changed(b), 0);
	assert_int_equal(notes(b), 1);
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_changed(wb), 0);   /* our own commit is not news */
	assert_int_equal(wb_changed(b), 1);
	assert_int_equal(wb_changed(b), 0);
	assert_int_equal(notes(b), 2);
	n.body = "from b";
	assert_int_equal(wb_note_add(b, &n, NULL), 0);
	assert_int_equal(wb_changed(wb), 1);
	assert_int_equal(notes(wb), 3);
	/* interleaved, including edits of the same row */
	for (i = 0; i < 50; i++) {
		struct wb_item it = { .ref = "64/211#5", .current = i % 2 ? "formative" :
		    "start_up" };

		assert_int_equal(wb_note_add(i % 2 ? wb : b, &n, NULL), 0);
		assert_int_equal(wb_item_set(i % 2 ? b : wb, &it), 0);
	}
	assert_int_equal(notes(wb), 53);
	assert_int_equal(notes(b), 53);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM history"), 2 + 2 + 100);
	wb_close(b);
	{
		char *ok = tu_integrity(path);

		assert_string_equal(ok, "ok");
		free(ok);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(disk_full__during_add_note__rolls_back_and_keeps_the_file),
		T(io_error__during_add_note__rolls_back_and_keeps_the_file),
		T(disk_full__during_undo__rolls_back_and_keeps_the_file),
		T(read_only_storage__refuses_the_edit_and_keeps_the_file),
		T(max_page_count__gives_disk_full_and_the_retry_succeeds),
		T(busy__beyond_the_timeout_fails_cleanly_then_succeeds),
		T(two_connections__write_in_turn_and_notice_each_other),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
