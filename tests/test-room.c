/* test-room.c: the session log (start, end, time spent, edit, delete, undo), the follow
 * position (kept out of the history, read by a read-only follower) and the v1 -> v2 upgrade. */
#include "config.h"

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

#include "wb.h"
#include "wb_check.h"
#include "wb_follow.h"
#include "test-wb-util.h"

static char *dir, *path;
static struct wb *wb;

static int
setup(void **state)
{
	(void)state;
	return tu_wb_setup(&dir, &path, &wb, "room.ciipwb");
}

static int
teardown(void **state)
{
	(void)state;
	return tu_wb_teardown(&dir, &path, &wb);
}

static int
log_list_cb(const struct wb_log *l, void *arg)
{
	char *out = arg;
	char line[256];

	snprintf(line, sizeof line, "%s|%s|%s|%s|%lld|%d|%s;", l->heading, l->at, l->started,
	    l->ended, (long long)l->seconds, l->consensus, l->note);
	strcat(out, line);
	return 0;
}

static void
log_list(char *out)
{
	out[0] = '\0';
	assert_int_equal(wb_log_each(wb, log_list_cb, out), 0);
}

static void
log__keeps_start_end_and_time_spent(void **state)
{
	struct wb_log l = { .heading = "64/211#3", .consensus = 1, .note = "agreed",
	    .started = "2026-11-23T09:30:00Z", .ended = "2026-11-23T09:52:10Z",
	    .seconds = 1330 };
	struct wb_log got;
	char out[1024];
	int64_t id;

	(void)state;
	assert_int_equal(wb_log_add(wb, &l, &id), 0);
	assert_int_equal(wb_log_get(wb, id, &got), 0);
	assert_string_equal(got.heading, "64/211#3");
	assert_string_equal(got.started, "2026-11-23T09:30:00Z");
	assert_string_equal(got.ended, "2026-11-23T09:52:10Z");
	/* With no time of its own, an entry is listed when its discussion started. */
	assert_string_equal(got.at, "2026-11-23T09:30:00Z");
	assert_int_equal(got.seconds, 1330);
	assert_int_equal(got.consensus, 1);
	assert_string_equal(got.note, "agreed");
	wb_log_free(&got);
	assert_null(got.heading);

	/* Without a timer, start and end stay unknown and the entry is logged now. */
	l.started = l.ended = NULL;
	l.seconds = 0;
	l.heading = "64/211#1";
	assert_int_equal(wb_log_add(wb, &l, NULL), 0);
	log_list(out);
	assert_non_null(strstr(out, "64/211#3|2026-11-23T09:30:00Z|2026-11-23T09:30:00Z|"
	    "2026-11-23T09:52:10Z|1330|1|agreed;"));
	assert_non_null(strstr(out, "64/211#1|2026-"));
	assert_non_null(strstr(out, "Z|||0|1|agreed;"));
}

static void
log__refuses_bad_times_and_negative_time_spent(void **state)
{
	struct wb_log l = { .heading = "64/211#3", .started = "2026-11-23 09:30" };
	struct wb_counts c;

	(void)state;
	assert_int_equal(wb_log_add(wb, &l, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "2026-11-23T09:30:00Z"));
	assert_non_null(strstr(wb_errmsg(wb), path));
	l.started = "2026-11-23T09:30:00Z";
	l.ended = "2026-11-23T09:29:59Z";
	assert_int_equal(wb_log_add(wb, &l, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "before the start"));
	l.ended = "2026-11-23T25:00:00Z";
	assert_int_equal(wb_log_add(wb, &l, NULL), -1);
	l.ended = NULL;
	l.seconds = -5;
	assert_int_equal(wb_log_add(wb, &l, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "negative"));
	l.seconds = 0;
	l.heading = "";
	assert_int_equal(wb_log_add(wb, &l, NULL), -1);
	assert_int_equal(wb_counts(wb, &c), 0);
	assert_int_equal(c.log, 0);
	assert_int_equal(c.history, 0);
}

static void
log__edit_and_delete_are_undone_and_redone(void **state)
{
	struct wb_log l = { .heading = "64/211#2", .note = "first try",
	    .started = "2026-11-23T10:00:00Z", .ended = "2026-11-23T10:20:00Z", .seconds = 1200 };
	struct wb_log got;
	char *label = NULL, *before, *after;
	int64_t id, gid;

	(void)state;
	assert_int_equal(wb_group_add(wb, "Operators", &gid), 0);
	assert_int_equal(wb_log_add(wb, &l, &id), 0);
	before = tu_dump(path);
	l.id = id;
	l.group_id = gid;
	l.consensus = 1;
	l.note = "agreed after all";
	l.ended = "2026-11-23T10:25:00Z";
	l.seconds = 1500;
	assert_int_equal(wb_log_update(wb, &l), 0);
	assert_int_equal(wb_log_get(wb, id, &got), 0);
	assert_string_equal(got.note, "agreed after all");
	assert_string_equal(got.ended, "2026-11-23T10:25:00Z");
	assert_int_equal(got.seconds, 1500);
	assert_int_equal(got.group_id, gid);
	assert_int_equal(got.consensus, 1);
	wb_log_free(&got);
	after = tu_dump(path);

	/* Undo of the edit restores every field, the new ones included. */
	assert_int_equal(wb_undo(wb, &label), 0);
	assert_string_equal(label, "edit session log entry");
	free(label);
	{
		char *now = tu_dump(path), *h;

		/* The history table differs (undone flags): compare the session_log part. */
		h = strstr(now, "session_log:");
		assert_non_null(h);
		assert_memory_equal(h, strstr(before, "session_log:"),
		    (size_t)(strstr(h, "\n") - h));
		assert_int_equal(wb_log_get(wb, id, &got), 0);
		assert_string_equal(got.note, "first try");
		assert_int_equal(got.seconds, 1200);
		assert_string_equal(got.ended, "2026-11-23T10:20:00Z");
		assert_int_equal(got.group_id, 0);
		wb_log_free(&got);
		free(now);
	}
	assert_int_equal(wb_redo(wb, NULL), 0);
	assert_int_equal(wb_log_get(wb, id, &got), 0);
	assert_int_equal(got.seconds, 1500);
	wb_log_free(&got);

	assert_int_equal(wb_log_delete(wb, id), 0);
	assert_int_equal(wb_log_get(wb, id, &got), -1);
	assert_non_null(strstr(wb_errmsg(wb), "session log entry"));
	assert_int_equal(wb_log_delete(wb, id), -1);
	l.id = id;
	assert_int_equal(wb_log_update(wb, &l), -1);
	assert_int_equal(wb_undo(wb, &label), 0);
	assert_string_equal(label, "delete session log entry");
	free(label);
	assert_int_equal(wb_log_get(wb, id, &got), 0);
	assert_string_equal(got.note, "agreed after all");
	wb_log_free(&got);
	free(before);
	free(after);
}

static void
log__refused_on_a_read_only_workbook(void **state)
{
	struct wb *ro;
	struct wb_log l = { .heading = "64/211#2" };
	char *err = NULL;
	int64_t id;

	(void)state;
	assert_int_equal(wb_log_add(wb, &l, &id), 0);
	assert_int_equal(wb_open(path, WB_OPEN_READONLY, &ro, &err), 0);
	l.id = id;
	assert_int_equal(wb_log_update(ro, &l), -1);
	assert_non_null(strstr(wb_errmsg(ro), "read-only"));
	assert_int_equal(wb_log_delete(ro, id), -1);
	wb_close(ro);
}

static void
follow__round_trips_and_stays_out_of_the_history(void **state)
{
	struct wb_follow f = { .view = "presenter", .ref = "64/211:5",
	    .timer_heading = "64/211#2", .timer_length = 1200, .timer_spent = 30,
	    .timer_since = 1790000000 };
	struct wb_follow got;
	struct wb_counts c;

	(void)state;
	assert_int_equal(wb_follow_get(wb, &got), 0);
	assert_int_equal(got.pid, 0);
	assert_string_equal(got.ref, "");
	assert_int_equal(wb_follow_alive(&got), 0);
	wb_follow_free(&got);

	assert_int_equal(wb_follow_publish(wb, &f), 0);
	assert_int_equal(wb_follow_get(wb, &got), 0);
	assert_int_equal(got.pid, (int64_t)getpid());
	assert_int_equal(got.active, 1);
	assert_string_equal(got.view, "presenter");
	assert_string_equal(got.ref, "64/211:5");
	assert_string_equal(got.timer_heading, "64/211#2");
	assert_int_equal(got.timer_length, 1200);
	assert_int_equal(got.timer_spent, 30);
	assert_int_equal(got.timer_since, 1790000000);
	assert_int_equal(wb_follow_alive(&got), 1);
	wb_follow_free(&got);
	assert_null(got.ref);

	/* Not an edit: nothing to undo, no history row. */
	assert_int_equal(wb_can_undo(wb), 0);
	assert_int_equal(wb_counts(wb, &c), 0);
	assert_int_equal(c.history, 0);

	f.ref = "64/211:6";
	assert_int_equal(wb_follow_publish(wb, &f), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM follow"), 1);
	assert_int_equal(wb_follow_leave(wb), 0);
	assert_int_equal(wb_follow_get(wb, &got), 0);
	assert_int_equal(got.active, 0);
	assert_string_equal(got.ref, "64/211:6");
	assert_int_equal(wb_follow_alive(&got), 0);
	wb_follow_free(&got);
}

static void
follow__a_dead_leader_is_not_alive(void **state)
{
	struct wb_follow f = { .active = 1, .host = "", .pid = 0 };
	char host[256] = "";

	(void)state;
	gethostname(host, sizeof host - 1);
	f.host = host;
	/* A process id that cannot exist on Linux (above pid_max's ceiling). */
	f.pid = 4194305;
	assert_int_equal(wb_follow_alive(&f), 0);
	f.pid = (int64_t)getpid();
	assert_int_equal(wb_follow_alive(&f), 1);
	/* Another machine's leader: its word is taken. */
	f.host = "elsewhere.invalid";
	f.pid = 4194305;
	assert_int_equal(wb_follow_alive(&f), 1);
}

static void
follow__a_read_only_follower_sees_each_move_and_cannot_publish(void **state)
{
	struct wb *fol;
	struct wb_follow f = { .view = "browser", .ref = "58/199:1" }, got;
	struct wb_note n = { .ref = "58/199:1", .body = "said in the room" };
	char *err = NULL;
	int i;

	(void)state;
	assert_int_equal(wb_open(path, WB_OPEN_READONLY, &fol, &err), 0);
	assert_int_equal(wb_changed(fol), 0);
	for (i = 1; i <= 10; i++) {
		char ref[32];

		snprintf(ref, sizeof ref, "58/199:%d", i);
		f.ref = ref;
		assert_int_equal(wb_follow_publish(wb, &f), 0);
		assert_int_equal(wb_changed(fol), 1);
		assert_int_equal(wb_changed(fol), 0);
		assert_int_equal(wb_follow_get(fol, &got), 0);
		assert_string_equal(got.ref, ref);
		wb_follow_free(&got);
	}
	/* A note added by the leader is seen the same way. */
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_changed(fol), 1);
	assert_int_equal(wb_follow_publish(fol, &f), -1);
	assert_non_null(strstr(wb_errmsg(fol), "read-only"));
	assert_int_equal(wb_follow_leave(fol), 0);
	wb_close(fol);
}

static void
follow__publish_never_waits_for_a_busy_writer(void **state)
{
	struct wb_follow f = { .view = "browser", .ref = "58/199:2" }, got;
	sqlite3 *other;

	(void)state;
	assert_int_equal(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb_follow_publish(wb, &f), 1);
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(wb_follow_publish(wb, &f), 0);
	assert_int_equal(wb_follow_get(wb, &got), 0);
	assert_string_equal(got.ref, "58/199:2");
	wb_follow_free(&got);
}

static void
exec_ok(sqlite3 *db, const char *sql)
{
	char *e = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK)
		fail_msg("%s: %s", sql, e != NULL ? e : "?");
}

static void
migrate__a_v1_workbook_gains_the_room_columns_and_table(void **state)
{
	struct wb_check chk;
	struct wb_log got;
	sqlite3 *db;
	char *err = NULL, out[1024];
	int64_t id = 0;

	(void)state;
	/* Turn the new workbook back into schema v1, with one v1 session log entry. */
	wb_close(wb);
	wb = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	exec_ok(db, "DROP INDEX note_ref_order; DROP INDEX action_ref_due;"
	    " DROP INDEX stakeholder_name; ALTER TABLE note DROP COLUMN seq;"
	    " DROP INDEX history_session; DROP TABLE undo_session;"
	    " ALTER TABLE history DROP COLUMN session;"
	    " DROP TABLE follow;"
	    " ALTER TABLE session_log DROP COLUMN seconds;"
	    " ALTER TABLE session_log DROP COLUMN ended;"
	    " ALTER TABLE session_log DROP COLUMN started;"
	    " INSERT INTO session_log(id, heading, consensus, note, at, created, updated)"
	    " VALUES (42, '64/211#4', 1, 'from v1', '2025-11-20T14:00:00Z',"
	    " '2025-11-20T14:00:00Z', '2025-11-20T14:00:00Z');"
	    " DROP TABLE conflict; DROP TABLE merge_seen; DROP TABLE merge_log;"
	    " DROP TABLE baseline_item; DROP INDEX history_row; DROP INDEX action_ref_open;"
	    " PRAGMA user_version = 1;");
	sqlite3_close(db);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM pragma_table_info('session_log')"
	    " WHERE name = 'seconds'"), 0);

	if (wb_open(path, 0, &wb, &err) != 0)
		fail_msg("%s", err);
	assert_true(tu_int(path, "PRAGMA user_version") >= 2);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM pragma_table_info('session_log')"
	    " WHERE name IN ('started', 'ended', 'seconds')"), 3);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'follow'"),
	    1);
	id = 42;
	assert_int_equal(wb_log_get(wb, id, &got), 0);
	assert_string_equal(got.note, "from v1");
	assert_string_equal(got.started, "");
	assert_string_equal(got.ended, "");
	assert_int_equal(got.seconds, 0);
	wb_log_free(&got);
	log_list(out);
	assert_string_equal(out, "64/211#4|2025-11-20T14:00:00Z|||0|1|from v1;");
	/* The upgraded file has exactly the schema of a new one. */
	wb_close(wb);
	wb = NULL;
	if (wb_check(path, &chk, &err) != 0)
		fail_msg("%s", err);
	assert_true(chk.sound);
	wb_check_free(&chk);
	if (wb_open(path, 0, &wb, &err) != 0)
		fail_msg("%s", err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(log__keeps_start_end_and_time_spent),
		T(log__refuses_bad_times_and_negative_time_spent),
		T(log__edit_and_delete_are_undone_and_redone),
		T(log__refused_on_a_read_only_workbook),
		T(follow__round_trips_and_stays_out_of_the_history),
		T(follow__a_dead_leader_is_not_alive),
		T(follow__a_read_only_follower_sees_each_move_and_cannot_publish),
		T(follow__publish_never_waits_for_a_busy_writer),
		T(migrate__a_v1_workbook_gains_the_room_columns_and_table),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
