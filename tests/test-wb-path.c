/* test-wb-path.c: what a creation killed before it finished leaves behind is cleaned by the next one (cmocka). */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "wb.h"
#include "test-wb-util.h"

static int
exists(const char *dir, const char *name)
{
	char *p = tu_path(dir, name);
	struct stat sb;
	int r = lstat(p, &sb) == 0;

	free(p);
	return r;
}

/* NAME in DIR with CONTENT (LEN bytes) and MODE. */
static void
put(const char *dir, const char *name, const void *content, size_t len, mode_t mode)
{
	char *p = tu_path(dir, name);

	tu_write_file(p, content, len);
	assert_int_equal(chmod(p, mode), 0);
	free(p);
}

static void
create__removes_the_stale_temporary_files_of_a_killed_creation_and_nothing_else(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "kenya.ciipwb"), *model = tu_path(dir, "m"),
	    *err = NULL, *locked;
	char *wb_bytes;
	size_t len;
	struct wb *wb;
	int fd;

	(void)state;
	/* What a creation killed midway leaves: its temporary workbook (one of ours: made here
	 * as a model), its -wal, an empty one killed right after mkstemp, and a lone -shm. */
	assert_int_equal(wb_open(model, WB_OPEN_CREATE, &wb, &err), 0);
	wb_close(wb);
	wb_bytes = tu_read_file(model, &len);
	put(dir, ".kenya.ciipwb.new-Ab12Cd", wb_bytes, len, 0600);
	put(dir, ".kenya.ciipwb.new-Ab12Cd-wal", "wal", 3, 0600);
	put(dir, ".kenya.ciipwb.new-Ef34Gh", "", 0, 0600);
	put(dir, ".kenya.ciipwb.new-Zz00Zz-shm", "shm", 3, 0600);
	/* Killed before it had written its application id. */
	memset(wb_bytes + 68, 0, 4);
	put(dir, ".kenya.ciipwb.new-Mi00Dd", wb_bytes, len, 0600);
	put(dir, ".kenya.ciipwb.new-Mi00Dd-journal", "journal", 7, 0600);
	/* Not provably ours, or not stale: kept. Another program's file of that name, one
	 * readable by others, another workbook's, and one a live creation holds. */
	put(dir, ".kenya.ciipwb.new-Xy56Zw", "notes of mine", 13, 0600);
	put(dir, ".kenya.ciipwb.new-Rd78Pq", wb_bytes, len, 0644);
	put(dir, ".other.ciipwb.new-Ab12Cd", wb_bytes, len, 0600);
	put(dir, ".kenya.ciipwb.new-Lk90Lk", "", 0, 0600);
	locked = tu_path(dir, ".kenya.ciipwb.new-Lk90Lk");
	fd = open(locked, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);

	assert_int_equal(wb_open(path, WB_OPEN_CREATE, &wb, &err), 0);
	wb_close(wb);
	assert_false(exists(dir, ".kenya.ciipwb.new-Ab12Cd"));
	assert_false(exists(dir, ".kenya.ciipwb.new-Ab12Cd-wal"));
	assert_false(exists(dir, ".kenya.ciipwb.new-Ef34Gh"));
	assert_false(exists(dir, ".kenya.ciipwb.new-Zz00Zz-shm"));
	assert_false(exists(dir, ".kenya.ciipwb.new-Mi00Dd"));
	assert_false(exists(dir, ".kenya.ciipwb.new-Mi00Dd-journal"));
	assert_true(exists(dir, ".kenya.ciipwb.new-Xy56Zw"));
	assert_true(exists(dir, ".kenya.ciipwb.new-Rd78Pq"));
	assert_true(exists(dir, ".other.ciipwb.new-Ab12Cd"));
	assert_true(exists(dir, ".kenya.ciipwb.new-Lk90Lk"));
	/* And the new workbook leaves none of its own. */
	assert_true(exists(dir, "kenya.ciipwb"));
	close(fd);
	tu_rmrf(dir);
	free(dir);
	free(path);
	free(model);
	free(locked);
	free(wb_bytes);
}

static void
open__removes_the_temporary_name_a_creation_killed_after_its_link_left(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "kenya.ciipwb"), *err = NULL;
	char *tmpname = tu_path(dir, ".kenya.ciipwb.new-Ln12Kd"), *ok;
	struct wb *wb;
	struct wb_note n = { .ref = "64/211:1", .body = "kept" };

	(void)state;
	assert_int_equal(wb_open(path, WB_OPEN_CREATE, &wb, &err), 0);
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	wb_close(wb);
	/* The workbook under both names, as between link() and unlink(). */
	assert_int_equal(link(path, tmpname), 0);
	assert_int_equal(wb_open(path, 0, &wb, &err), 0);
	assert_false(exists(dir, ".kenya.ciipwb.new-Ln12Kd"));
	/* The open connection still works (its locks were not dropped) and the note is there. */
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	wb_close(wb);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE body = 'kept'"), 2);
	ok = tu_integrity(path);
	assert_string_equal(ok, "ok");
	free(ok);
	tu_rmrf(dir);
	free(dir);
	free(path);
	free(tmpname);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open__removes_the_temporary_name_a_creation_killed_after_its_link_left),
		cmocka_unit_test(
		    create__removes_the_stale_temporary_files_of_a_killed_creation_and_nothing_else),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
