/* test-wb-fail.c: failures (disk full, I/O errors, read-only, busy) leave the workbook as it was; two connections share it. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_internal.h"
#include "wb_merge.h"
#include "util.h"
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

static long sw_failed;   /* edits failed by an injected fault, for the figures */

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
	sw_failed += failures;
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

/* ---- every kind of edit, failing at every write, sync or truncate in turn ---- */

static int64_t sw_note, sw_sh, sw_sh2, sw_group, sw_action;

static int sw_note_update(void)
{
	struct wb_note n = { .id = sw_note, .ref = "64/211:3", .body = saved_body };

	return wb_note_update(wb, &n);
}
static int sw_note_delete(void) { return wb_note_delete(wb, sw_note); }
static int sw_evidence_add(void)
{
	struct wb_evidence e = { .ref = "64/211:1", .name = "Act", .location = saved_body };

	return wb_evidence_add(wb, &e, NULL);
}
static int sw_stakeholder_add(void)
{
	struct wb_stakeholder st = { .name = saved_body, .category = "non_governmental" };

	return wb_stakeholder_add(wb, &st, NULL);
}
static int sw_stakeholder_update(void)
{
	struct wb_stakeholder st = { .id = sw_sh2, .name = saved_body,
	    .category = "international_partner", .influence = 5, .interest = 1 };

	return wb_stakeholder_update(wb, &st);
}
static int sw_stakeholder_delete(void) { return wb_stakeholder_delete(wb, sw_sh2); }
static int sw_action_add(void)
{
	struct wb_action a = { .ref = "64/211:4", .title = saved_body, .due = "2027-01-31" };

	return wb_action_add(wb, &a, NULL);
}
static int sw_action_update(void)
{
	struct wb_action a = { .id = sw_action, .ref = "64/211:4", .title = saved_body,
	    .status = "done" };

	return wb_action_update(wb, &a);
}
static int sw_role_set(void) { return wb_role_set(wb, sw_sh, "64/211:5", "accountable", NULL); }
static int sw_relation_add(void)
{
	return wb_relation_add(wb, sw_sh, sw_sh2, "reports_to", NULL);
}
static int sw_group_add(void) { return wb_group_add(wb, saved_body, NULL); }
static int sw_group_rename(void) { return wb_group_rename(wb, sw_group, saved_body); }
static int sw_group_current(void) { return wb_group_set_current(wb, sw_group); }
static int sw_group_delete(void) { return wb_group_delete(wb, sw_group); }
static int sw_item_set(void)
{
	struct wb_item it = { .ref = "64/211:6", .current = "formative", .target = "strategic",
	    .needs_review = 1 };

	return wb_item_set(wb, &it);
}
static int sw_details_set(void)
{
	struct wb_details d = { .title = saved_body, .country = "KE", .date_start = "2027-03-01" };

	return wb_details_set(wb, &d);
}
static int sw_log_add(void)
{
	struct wb_log l = { .heading = "64/211#2", .note = saved_body, .consensus = 1 };

	return wb_log_add(wb, &l, NULL);
}
static int sw_redo(void) { return wb_redo(wb, NULL); }

static const struct {
	const char *name;
	int (*edit)(void);
} sw_edits[] = {
	{ "add note", edit_add_note }, { "edit note", sw_note_update },
	{ "delete note", sw_note_delete }, { "add evidence", sw_evidence_add },
	{ "add stakeholder", sw_stakeholder_add }, { "edit stakeholder", sw_stakeholder_update },
	{ "add action", sw_action_add }, { "edit action", sw_action_update },
	{ "set role", sw_role_set }, { "add relation", sw_relation_add },
	{ "delete stakeholder", sw_stakeholder_delete }, { "add group", sw_group_add },
	{ "rename group", sw_group_rename }, { "set current group", sw_group_current },
	{ "delete group", sw_group_delete }, { "rate item", sw_item_set },
	{ "set details", sw_details_set }, { "add log entry", sw_log_add },
	{ "undo", edit_undo }, { "redo", sw_redo },
};

static void
sweep(int rc, const char *expect)
{
	struct wb_stakeholder st = { .name = "Regulator", .category = "national_government" };
	struct wb_action a = { .ref = "64/211:4", .title = "Draft the law" };
	struct wb_note n = { .ref = "64/211:2", .body = "to be edited" };
	size_t i;

	assert_int_equal(wb_note_add(wb, &n, &sw_note), 0);
	assert_int_equal(wb_stakeholder_add(wb, &st, &sw_sh2), 0);
	assert_int_equal(wb_group_add(wb, "Group B", &sw_group), 0);
	assert_int_equal(wb_action_add(wb, &a, &sw_action), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM stakeholder"), 2);
	sw_sh = tu_int(path, "SELECT id FROM stakeholder WHERE name = 'CERT'");
	for (i = 0; i < sizeof sw_edits / sizeof sw_edits[0]; i++) {
		print_message("# %s: failing at every write, sync or truncate in turn\n",
		    sw_edits[i].name);
		fault_loop(rc, expect, sw_edits[i].edit);
	}
}

static void
disk_full__swept_over_every_kind_of_edit(void **state)
{
	(void)state;
	sweep(SQLITE_FULL, "disk is full");
}

static void
io_error__swept_over_every_kind_of_edit(void **state)
{
	(void)state;
	sweep(SQLITE_IOERR_WRITE, "failed");
}

/* ---- merge, failing at every write, sync or truncate in turn ---- */

static long mg_failed, mg_points;

static int
merge_state_row(void *arg, int n, char **v, char **names)
{
	char **out = arg, *t;

	(void)names;
	for (int i = 0; i < n; i++) {
		t = util_asprintf("%s%s|", *out, v[i] != NULL ? v[i] : "<null>");
		if (t == NULL)
			return 1;
		free(*out);
		*out = t;
	}
	t = util_asprintf("%s\n", *out);
	free(*out);
	*out = t;
	return t == NULL;
}

/* What a merge changes, without the times it was done at: the rows people edit, the
 * conflicts, what was seen of the source, how many merges the log holds, how long the
 * history is; and whether the file is sound. One read-only connection (this runs at every
 * point of the sweep, also under valgrind). */
static char *
merge_state(const char *file)
{
	static const char *const sql[] = {
		"PRAGMA integrity_check", "PRAGMA foreign_key_check",
		"SELECT (SELECT count(*) FROM merge_seen), (SELECT count(*) FROM merge_log),"
		" (SELECT count(*) FROM history)",
		"SELECT * FROM item ORDER BY 1", "SELECT * FROM breakout_group ORDER BY 1",
		"SELECT * FROM note ORDER BY 1", "SELECT * FROM evidence ORDER BY 1",
		"SELECT * FROM stakeholder ORDER BY 1", "SELECT * FROM action ORDER BY 1",
		"SELECT * FROM role ORDER BY 1",
		"SELECT tbl, row_key, field, kept, other, resolved FROM conflict ORDER BY 1, 2, 3",
	};
	char *out = strdup("");
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (sqlite3_exec(db, sql[i], merge_state_row, &out, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql[i], sqlite3_errmsg(db));
	sqlite3_close(db);
	assert_non_null(out);
	return out;
}

/* The target: the fixture's workbook with an edit of its own; the source: a copy with
 * notes, a stakeholder, an action and a rating added, one note edited, one deleted, and
 * the rating the target also set (a conflict). */
static struct wb_source *
merge_fixture(char **target)
{
	char *src = tu_path(dir, "breakout.ciipwb"), *err = NULL, *buf, text[64];
	struct wb_stakeholder st = { .name = "Group B's agency", .category = "non_governmental" };
	struct wb_action a = { .ref = "64/211:4", .title = "Group B's action" };
	struct wb_item it = { .ref = "64/211:6", .current = "formative" };
	struct wb_note n = { .ref = "64/211:2", .body = "before the breakout" };
	struct wb_source *s = NULL;
	int64_t edited, doomed;
	struct wb *b;
	size_t len;

	assert_int_equal(wb_note_add(wb, &n, &edited), 0);
	assert_int_equal(wb_note_add(wb, &n, &doomed), 0);
	wb_close(wb);
	buf = tu_read_file(path, &len);
	tu_write_file(src, buf, len);
	free(buf);
	wb = open_wb();
	it.current = "strategic";
	assert_int_equal(wb_item_set(wb, &it), 0);
	assert_int_equal(wb_open(src, 0, &b, &err), 0);
	for (int i = 0; i < 20; i++) {
		snprintf(text, sizeof text, "group B's note %d", i);
		n.ref = i % 2 ? "64/211:3" : "64/211:5";
		n.body = text;
		assert_int_equal(wb_note_add(b, &n, NULL), 0);
	}
	n.id = edited;
	n.body = "edited in group B";
	assert_int_equal(wb_note_update(b, &n), 0);
	assert_int_equal(wb_note_delete(b, doomed), 0);
	assert_int_equal(wb_stakeholder_add(b, &st, NULL), 0);
	assert_int_equal(wb_action_add(b, &a, NULL), 0);
	it.current = "established";
	assert_int_equal(wb_item_set(b, &it), 0);
	wb_close(b);
	if (wb_source_open(src, &s, &err) != 0)
		fail_msg("wb_source_open: %s", err);
	*target = src;
	return s;
}

/* MERGE_STRIDE: fail at every k-th write, sync or truncate. By default every eighth, to
 * keep the run under valgrind (CI) short; `make check-long` sets 1: every one. */
static int
merge_stride(void)
{
	const char *e = getenv("MERGE_STRIDE");
	int k = e != NULL ? atoi(e) : 8;

	return k < 1 ? 1 : k;
}

static void
merge_sweep(int rc, const char *expect)
{
	struct wb_merge_report rep[1];
	char *srcpath, *before, *after, *ref = tu_path(dir, "reference.ciipwb"), *buf, *now;
	struct wb_source *s = merge_fixture(&srcpath);
	int stride = merge_stride(), n, r = -1;
	struct wb *w;
	size_t len;

	/* The whole merge once, on a copy: what "fully merged" looks like. */
	wb_close(wb);
	buf = tu_read_file(path, &len);
	tu_write_file(ref, buf, len);
	free(buf);
	wb = open_wb();
	assert_int_equal(wb_open(ref, 0, &w, &buf), 0);
	assert_int_equal(wb_merge(w, &s, 1, rep), 0);
	wb_close(w);
	assert_true(rep[0].added >= 22 && rep[0].conflicts == 1);
	after = merge_state(ref);
	before = merge_state(path);
	assert_string_not_equal(before, after);
	assert_true(strncmp(before, "ok|\n", 4) == 0 && strncmp(after, "ok|\n", 4) == 0);
	for (n = 0; n < 100000; n += stride) {
		faultvfs_fail_after(n, rc);
		r = wb_merge(wb, &s, 1, rep);
		faultvfs_disarm();
		mg_points++;
		if (r == 0)
			break;
		mg_failed++;
		assert_true(faultvfs_fired());
		if (strstr(wb_errmsg(wb), expect) == NULL || strstr(wb_errmsg(wb), "fail.ciipwb") ==
		    NULL)
			fail_msg("merge failing after %d operations: unclear message: %s", n,
			    wb_errmsg(wb));
		/* Unchanged, and sound: the state holds integrity_check's "ok". */
		now = merge_state(path);
		if (strcmp(now, before) != 0)
			fail_msg("merge failing after %d operations changed the workbook, or left it"
			    " unsound", n);
		free(now);
	}
	assert_int_equal(r, 0);
	print_message("# merge, failing at every %d%s write, sync or truncate: %d failed"
	    " attempts, then it got through (failing at operation %d)\n", stride,
	    stride == 1 ? "st" : stride == 2 ? "nd" : stride == 3 ? "rd" : "th",
	    (n + stride - 1) / stride, n);
	/* Fully merged, and still so after close and reopen (WAL recovery). */
	now = merge_state(path);
	assert_string_equal(now, after);
	free(now);
	wb_close(wb);
	wb = open_wb();
	now = merge_state(path);
	assert_string_equal(now, after);
	free(now);
	wb_source_free(s);
	free(before);
	free(after);
	free(srcpath);
	free(ref);
}

static void
disk_full__swept_over_merge(void **state)
{
	(void)state;
	merge_sweep(SQLITE_FULL, "disk is full");
}

static void
io_error__swept_over_merge(void **state)
{
	(void)state;
	merge_sweep(SQLITE_IOERR_WRITE, "failed");
}

/* A real disk-full: the file size limit (RLIMIT_FSIZE) in a child that adds large notes
 * until a write is refused; every note it reported saved must be there, the file sound. */
static void
disk_full__file_size_limit__keeps_every_saved_note(void **state)
{
	int fd[2], status;
	pid_t pid;
	int64_t id;
	long saved = 0;

	(void)state;
	wb_close(wb);
	wb = NULL;
	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static char big[64 * 1024];
		struct wb_note n = { .ref = "64/211:9", .body = big };
		struct rlimit rl;
		struct stat sb;
		struct wb *w = NULL;
		char *err = NULL;
		int k;

		close(fd[0]);
		faultvfs_unregister();
		memset(big, 'n', sizeof big - 1);
		if (stat(path, &sb) != 0 || wb_open(path, 0, &w, &err) != 0)
			_exit(2);
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = (rlim_t)sb.st_size + 1024 * 1024;
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(3);
		for (k = 0; k < 1000; k++) {
			if (wb_note_add(w, &n, &id) != 0)
				break;
			if (write(fd[1], &id, sizeof id) != (ssize_t)sizeof id)
				_exit(4);
		}
		/* The refusal says what happened and where; the text is untouched. */
		if (k == 1000 || n.body != big || strlen(n.body) != sizeof big - 1 ||
		    strstr(wb_errmsg(w), "fail.ciipwb") == NULL ||
		    (strstr(wb_errmsg(w), "disk is full") == NULL &&
		    strstr(wb_errmsg(w), "failed") == NULL))
			_exit(5);
		wb_close(w);
		_exit(0);
	}
	close(fd[1]);
	{
		sqlite3 *db;
		char *ok;

		assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		while (read(fd[0], &id, sizeof id) == (ssize_t)sizeof id) {
			sqlite3_stmt *st;

			saved++;
			assert_int_equal(sqlite3_prepare_v2(db, "SELECT length(body) FROM note"
			    " WHERE id = ?1", -1, &st, NULL), SQLITE_OK);
			sqlite3_bind_int64(st, 1, id);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_int_equal(sqlite3_column_int(st, 0), 64 * 1024 - 1);
			sqlite3_finalize(st);
		}
		sqlite3_close(db);
		close(fd[0]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
		assert_true(saved > 0);
		ok = tu_integrity(path);
		assert_string_equal(ok, "ok");
		free(ok);
	}
	wb = open_wb();
	assert_int_equal(edit_add_note(), 0);
	print_message("# disk full (RLIMIT_FSIZE): %ld large notes saved before the refusal,"
	    " all present, the file sound\n", saved);
}

/* ---- two instances editing the same note; waiting for a lock (issue 12, 5 and 6) ---- */

static void
lost_update__the_second_save_is_refused_as_changed_since(void **state)
{
	struct wb *b = open_wb();
	struct wb_note n = { .ref = "64/211:7", .body = "first words" }, seen_a, seen_b;
	struct wb_note mine, theirs;
	int64_t id;

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	/* Both editors open the note. */
	assert_int_equal(wb_note_get(wb, id, &seen_a), 0);
	assert_int_equal(wb_note_get(b, id, &seen_b), 0);
	theirs = seen_a;
	theirs.body = "instance A's words";
	assert_int_equal(wb_note_update_if(wb, &seen_a, &theirs), 0);
	mine = seen_b;
	mine.body = "instance B's words";
	assert_int_equal(wb_note_update_if(b, &seen_b, &mine), WB_CHANGED);
	assert_non_null(strstr(wb_errmsg(b), "changed since you opened it"));
	assert_non_null(strstr(wb_errmsg(b), "fail.ciipwb"));
	assert_string_equal(mine.body, "instance B's words");
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE body = 'instance A''s words'"),
	    1);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE body LIKE '%B''s%'"), 0);
	/* Keep both: B's text as a note of its own. */
	assert_int_equal(wb_note_add(b, &mine, NULL), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE ref = '64/211:7'"), 2);
	/* Deleted meanwhile: also refused, with its own reason. */
	assert_int_equal(wb_note_delete(wb, id), 0);
	assert_int_equal(wb_note_update_if(b, &theirs, &mine), WB_CHANGED);
	assert_non_null(strstr(wb_errmsg(b), "deleted since"));
	wb_note_free(&seen_a);
	wb_note_free(&seen_b);
	wb_close(b);
}

struct waits {
	int calls, first, give_up_after;
	sqlite3 *holder;    /* commit it on the second call, when set */
};

static int
wait_cb(void *arg, int count)
{
	struct waits *w = arg;

	if (w->calls++ == 0)
		w->first = count;
	if (w->holder != NULL && w->calls == 2) {
		sqlite3_exec(w->holder, "COMMIT", NULL, NULL, NULL);
		return 1;
	}
	return w->calls <= w->give_up_after;
}

static void
busy__the_caller_is_told_at_once_and_may_give_up_or_wait(void **state)
{
	struct waits w = { 0, -1, 3, NULL };
	sqlite3 *other;
	char *before;

	(void)state;
	wb_set_busy(wb, wait_cb, &w);
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	before = tu_dump(path);
	/* Given up (Esc) after 4 calls: refused, nothing lost. */
	assert_int_equal(edit_add_note(), -1);
	assert_int_equal(w.first, 0);
	assert_int_equal(w.calls, 4);
	assert_non_null(strstr(wb_errmsg(wb), "another program is writing"));
	/* Waiting on: the lock is freed on the second call and the edit goes through. */
	memset(&w, 0, sizeof w);
	w.first = -1;
	w.give_up_after = 1000;
	w.holder = other;
	assert_int_equal(edit_add_note(), 0);
	assert_int_equal(w.first, 0);
	assert_int_equal(w.calls, 2);
	sqlite3_close(other);
	wb_set_busy(wb, NULL, NULL);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE ref = '64/211#2'"), 1);
	free(before);
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
		T(disk_full__swept_over_every_kind_of_edit),
		T(io_error__swept_over_every_kind_of_edit),
		T(disk_full__swept_over_merge),
		T(io_error__swept_over_merge),
		T(disk_full__file_size_limit__keeps_every_saved_note),
		T(lost_update__the_second_save_is_refused_as_changed_since),
		T(busy__the_caller_is_told_at_once_and_may_give_up_or_wait),
#undef T
	};

	{
		int r = cmocka_run_group_tests(tests, NULL, NULL);

		if (r != 0)
			return r;   /* the figures below hold only when every test passed */

		printf("# fault injection: %zu kinds of edit, disk full and I/O error at every"
		    " write, sync and truncate in turn: %ld failed edits, each rolled back whole"
		    " with its message, then committed\n", sizeof sw_edits / sizeof sw_edits[0],
		    sw_failed);
		printf("# fault injection: merge, disk full and I/O error at %ld points: %ld"
		    " failed merges, each left the workbook unchanged with its message, then"
		    " merged in full\n", mg_points, mg_failed);
		return r;
	}
}
