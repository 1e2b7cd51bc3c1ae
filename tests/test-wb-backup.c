/* test-wb-backup.c: rolling backups (made, private, consistent, rotated, due) and restoring one (cmocka). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_backup.h"
#include "wb_internal.h"
#include "test-wb-util.h"

struct fx {
	char *dir, *path, *bdir;
	struct wb *wb;
};

static int64_t
note(struct wb *wb, const char *body)
{
	struct wb_note n = { 0 };
	int64_t id;

	n.ref = "64/211:1";
	n.body = body;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	return id;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *err = NULL;

	f->dir = tu_tmpdir();
	f->path = tu_path(f->dir, "w.ciipwb");
	f->bdir = tu_path(f->dir, "w.ciipwb.backups");
	if (wb_open(f->path, WB_OPEN_CREATE, &f->wb, &err) != 0)
		fail_msg("%s", err);
	note(f->wb, "first");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	wb_close(f->wb);
	tu_rmrf(f->dir);
	free(f->dir);
	free(f->path);
	free(f->bdir);
	free(f);
	return 0;
}

struct seen {
	int n;
	char names[16][64];
	char paths[16][256];
};

static int
collect(const struct wb_backup_info *b, void *arg)
{
	struct seen *s = arg;

	if (s->n < 16) {
		snprintf(s->names[s->n], sizeof s->names[0], "%s", b->name);
		snprintf(s->paths[s->n], sizeof s->paths[0], "%s", b->path);
		assert_true(b->bytes > 0);
		assert_int_equal(strlen(b->at), 20);
	}
	s->n++;
	return 0;
}

static struct seen
list(struct fx *f)
{
	struct seen s;
	char *err = NULL;

	memset(&s, 0, sizeof s);
	assert_int_equal(wb_backups_each(f->path, collect, &s, &err), 0);
	return s;
}

/* The notes of a file, as one text. */
static char *
notes(const char *path)
{
	return tu_rows(path, "SELECT body, deleted FROM note ORDER BY id");
}

static void
backup_now__makes_a_private_consistent_copy(void **state)
{
	struct fx *f = *state;
	struct stat sb;
	char *name = NULL, *a, *b, *ok;

	assert_int_equal(wb_backup_now(f->wb, 5, &name), 0);
	assert_non_null(name);
	assert_int_equal(stat(f->bdir, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(name, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	ok = tu_integrity(name);
	assert_string_equal(ok, "ok");
	free(ok);
	a = notes(f->path);
	b = notes(name);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* No temporary file is left behind. */
	assert_int_equal(list(f).n, 1);
	free(name);
}

static void
backups__rotate_keeping_the_newest(void **state)
{
	struct fx *f = *state;
	char *names[5];
	struct seen s;
	int i;

	for (i = 0; i < 5; i++) {
		char body[16];

		snprintf(body, sizeof body, "n%d", i);
		note(f->wb, body);
		assert_int_equal(wb_backup_now(f->wb, 3, &names[i]), 0);
	}
	s = list(f);
	assert_int_equal(s.n, 3);
	/* The three newest, newest first, holding 6, 5 and 4 notes. */
	for (i = 0; i < 3; i++) {
		assert_string_equal(s.paths[i], names[4 - i]);
		assert_int_equal(tu_int(s.paths[i], "SELECT count(*) FROM note"), 6 - i);
	}
	assert_int_equal(access(names[0], F_OK), -1);
	assert_int_equal(access(names[1], F_OK), -1);
	for (i = 0; i < 5; i++)
		free(names[i]);
}

/* Take the due backup to its end in the smallest slices (one sqlite3_backup_step each);
 * how many it took. */
static int
slices(struct fx *f)
{
	int n = 0, r;

	while ((r = wb_backup_step(f->wb, 0)) == 1)
		n++;
	assert_int_equal(r, 0);
	return n;
}

/* The names in the backup directory, whatever they are ("" when empty). */
static char *
entries(struct fx *f)
{
	char *cmd = NULL, *out;
	FILE *p;
	size_t n;

	assert_true(asprintf(&cmd, "ls -A '%s' 2>/dev/null", f->bdir) > 0);
	assert_non_null(p = popen(cmd, "r"));
	out = calloc(1, 4096);
	n = fread(out, 1, 4095, p);
	out[n] = '\0';
	pclose(p);
	free(cmd);
	return out;
}

/* Notes enough for a copy of many slices (about 2 MB). */
static void
bulk(struct fx *f)
{
	tu_exec(f->path, "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c"
	    " WHERE i < 3000) INSERT INTO note(ref, body) SELECT '64/211:2',"
	    " printf('bulk %d %.500c', i, 'x') FROM c");
}

static void
backup_auto__due_on_open_and_after_editing_taken_in_slices(void **state)
{
	struct fx *f = *state;

	/* Opening reads the backup directory only: the backup is due, not taken. */
	assert_int_equal(wb_backup_auto(f->wb, 10, 4), 0);
	assert_int_equal(list(f).n, 0);
	assert_int_equal(wb_backup_pending(f->wb), 1);
	slices(f);
	assert_int_equal(list(f).n, 1);
	assert_int_equal(wb_backup_pending(f->wb), 0);
	/* Opened again within the interval: nothing due. */
	assert_int_equal(wb_backup_auto(f->wb, 10, 4), 0);
	assert_int_equal(wb_backup_pending(f->wb), 0);
	/* Edits within the interval: nothing due either; the edit itself never copies. */
	note(f->wb, "soon after");
	assert_int_equal(wb_backup_pending(f->wb), 0);
	assert_int_equal(wb_backup_step(f->wb, 0), 0);
	assert_int_equal(list(f).n, 1);
	/* Once the interval has passed, an edit makes one due, and the save does not take
	 * it: the slices do. */
	f->wb->backup_last -= 11 * 60;
	note(f->wb, "later");
	assert_int_equal(list(f).n, 1);
	assert_int_equal(wb_backup_pending(f->wb), 1);
	slices(f);
	assert_int_equal(list(f).n, 2);
	assert_int_equal(tu_int(list(f).paths[0], "SELECT count(*) FROM note WHERE body ="
	    " 'later'"), 1);
	/* Turned off: never. */
	assert_int_equal(wb_backup_auto(f->wb, 0, 4), 0);
	f->wb->backup_last -= 100 * 60;
	note(f->wb, "off");
	assert_int_equal(wb_backup_pending(f->wb), 0);
	assert_int_equal(wb_backup_step(f->wb, 0), 0);
	assert_int_equal(list(f).n, 2);
}

static void
backup_step__slices_make_a_whole_sound_private_copy(void **state)
{
	struct fx *f = *state;
	unsigned char h[20];
	struct stat sb;
	char *a, *b, *ok, *ls, *want;
	FILE *fp;
	int n = 0, r;

	bulk(f);
	assert_int_equal(wb_backup_auto(f->wb, 10, 4), 0);
	/* An edit made between two slices is in the copy too. */
	while ((r = wb_backup_step(f->wb, 0)) == 1)
		if (++n == 3)
			note(f->wb, "between slices");
	assert_int_equal(r, 0);
	assert_true(n > 10);
	assert_int_equal(list(f).n, 1);
	assert_int_equal(stat(list(f).paths[0], &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	ok = tu_integrity(list(f).paths[0]);
	assert_string_equal(ok, "ok");
	a = notes(f->path);
	b = notes(list(f).paths[0]);
	assert_string_equal(a, b);
	assert_non_null(strstr(b, "between slices"));
	/* A rollback-journal file, as a VACUUM INTO copy is: opening it makes no -wal. */
	assert_non_null(fp = fopen(list(f).paths[0], "rb"));
	assert_int_equal(fread(h, 1, sizeof h, fp), sizeof h);
	fclose(fp);
	assert_int_equal(h[18], 1);
	assert_int_equal(h[19], 1);
	/* Nothing but the backup in the directory: no temporary file left. */
	ls = entries(f);
	assert_true(asprintf(&want, "%s\n", list(f).names[0]) > 0);
	assert_string_equal(ls, want);
	free(want);
	free(ls);
	free(ok);
	free(a);
	free(b);
}

static void
backup_step__cut_short_by_closing_leaves_no_file(void **state)
{
	struct fx *f = *state;
	char *ls, *stale;
	pid_t pid;

	bulk(f);
	/* A copy left by a killed process (its pid no longer runs) is swept away. */
	assert_int_equal(mkdir(f->bdir, 0700), 0);
	if ((pid = fork()) == 0)
		_exit(0);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	assert_true(asprintf(&stale, "%s/.incomplete-%ld.ciipwb", f->bdir, (long)pid) > 0);
	tu_write_file(stale, "x", 1);
	assert_int_equal(wb_backup_auto(f->wb, 10, 4), 0);
	assert_int_equal(wb_backup_step(f->wb, 0), 1);
	assert_int_equal(wb_backup_step(f->wb, 0), 1);
	/* Under way: only its temporary file, which no listing counts. */
	ls = entries(f);
	assert_non_null(strstr(ls, ".incomplete-"));
	assert_null(strstr(ls, stale + strlen(f->bdir) + 1));
	assert_int_equal(list(f).n, 0);
	free(ls);
	/* Quitting before it is whole leaves nothing of it. */
	wb_close(f->wb);
	f->wb = NULL;
	ls = entries(f);
	assert_string_equal(ls, "");
	free(ls);
	free(stale);
}

static void
restore__brings_back_the_backup_and_keeps_the_current_one(void **state)
{
	struct fx *f = *state;
	char *name = NULL, *saved = NULL, *then, *now, *after, *kept;

	assert_int_equal(wb_backup_now(f->wb, 5, &name), 0);
	then = notes(f->path);
	note(f->wb, "after the backup");
	assert_int_equal(wb_note_delete(f->wb, note(f->wb, "gone")), 0);
	now = notes(f->path);
	assert_string_not_equal(then, now);

	assert_int_equal(wb_restore(f->wb, strrchr(name, '/') + 1, 5, &saved), 0);
	after = notes(f->path);
	assert_string_equal(after, then);
	assert_non_null(saved);
	kept = notes(saved);
	assert_string_equal(kept, now);
	/* The workbook still works: edits and reads. */
	note(f->wb, "after the restore");
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM note WHERE body = 'after the"
	    " restore'"), 1);
	free(name);
	free(saved);
	free(then);
	free(now);
	free(after);
	free(kept);
}

static void
restore__refuses_a_damaged_backup_and_changes_nothing(void **state)
{
	struct fx *f = *state;
	char *bad = tu_path(f->dir, "bad.ciipwb"), *before, *after;

	tu_write_file(bad, "not a workbook at all\n", 22);
	before = notes(f->path);
	assert_int_equal(wb_restore(f->wb, bad, 5, NULL), -1);
	assert_non_null(strstr(wb_errmsg(f->wb), "bad.ciipwb"));
	assert_int_equal(wb_restore(f->wb, "2000-01-01T00-00-00Z.ciipwb", 5, NULL), -1);
	after = notes(f->path);
	assert_string_equal(before, after);
	/* Nothing was backed up for a restore that did not happen. */
	assert_int_equal(list(f).n, 0);
	free(before);
	free(after);
	free(bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(backup_now__makes_a_private_consistent_copy,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(backups__rotate_keeping_the_newest, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    backup_auto__due_on_open_and_after_editing_taken_in_slices, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    backup_step__slices_make_a_whole_sound_private_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    backup_step__cut_short_by_closing_leaves_no_file, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    restore__brings_back_the_backup_and_keeps_the_current_one, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    restore__refuses_a_damaged_backup_and_changes_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
