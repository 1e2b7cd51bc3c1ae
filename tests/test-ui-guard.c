/* test-ui-guard.c: another instance's edit meets the editor's save (keep mine, theirs or both); the message line (cmocka). */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>

#include "demo.h"
#include "draft.h"
#include "framework.h"
#include "msg.h"
#include "text.h"
#include "ui.h"
#include "ui_edit.h"
#include "wb.h"
#include "test-wb-util.h"

#define REF "58/199:1"

struct fx {
	char *dir, *path;
	struct wb *wb, *other;  /* this instance's workbook, another instance's */
	struct catalog *cat;
	FILE *out, *in;
	SCREEN *scr;
	struct ui ui;
	int64_t note;           /* the demo note on REF */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct demo_stats st;
	char *err = NULL;
	const char *names[] = { "xterm-256color", "vt100" };

	assert_non_null(f);
	setenv("CIIPWB_TODAY", DEMO_TODAY, 1);
	f->dir = tu_tmpdir();
	f->path = tu_path(f->dir, "guard.ciipwb");
	if (demo_write(f->path, &st, &err) != 0)
		fail_msg("demo_write: %s", err);
	if (wb_open(f->path, 0, &f->wb, &err) != 0 || wb_open(f->path, 0, &f->other, &err) != 0)
		fail_msg("wb_open: %s", err);
	if (catalog_load(&f->cat, NULL, 0, &err) != 0)
		fail_msg("catalog_load: %s", err);
	f->out = fopen("/dev/null", "w");
	f->in = fopen("/dev/null", "r");
	assert_non_null(f->out);
	assert_non_null(f->in);
	for (size_t i = 0; i < 2 && f->scr == NULL; i++)
		f->scr = newterm(names[i], f->out, f->in);
	assert_non_null(f->scr);
	resizeterm(24, 80);
	assert_int_equal(ui_init(&f->ui, f->cat, f->wb, 1), 0);
	f->note = tu_int(f->path, "SELECT id FROM note WHERE ref = '" REF "' AND deleted = 0");
	assert_true(f->note != 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	ui_fini(&f->ui);
	endwin();
	delscreen(f->scr);
	fclose(f->out);
	fclose(f->in);
	wb_close(f->other);
	wb_close(f->wb);
	catalog_free(f->cat);
	tu_rmrf(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void
keys(struct fx *f, const char *s)
{
	while (*s != '\0')
		ui_input(&f->ui, (unsigned char)*s++);
	ui_draw(&f->ui);
}

static void
key(struct fx *f, int k)
{
	ui_input(&f->ui, k);
	ui_draw(&f->ui);
}

/* Put the text cursor on the first record of KIND shown for REF and press e. */
static void
edit_record(struct fx *f, int kind)
{
	size_t i;

	ui_show_item(&f->ui, catalog_find(f->cat, REF));
	f->ui.focus = UI_PANE_TEXT;
	ui_text_sync(&f->ui);
	ui_capture_fill_all(&f->ui);    /* the records come a page at a time */
	for (i = 0; i < f->ui.text.nlines && f->ui.text.lines[i].ckind != kind; i++)
		;
	assert_true(i < f->ui.text.nlines);
	f->ui.text.cur = i;
	key(f, 'e');
	assert_true(ui_capture_busy(&f->ui));
}

/* The other instance saves BODY over the note. */
static void
other_saves(struct fx *f, const char *body)
{
	struct wb_note n;
	const char *was;

	assert_int_equal(wb_note_get(f->other, f->note, &n), 0);
	was = n.body;
	n.body = body;
	assert_int_equal(wb_note_update(f->other, &n), 0);
	n.body = was;
	wb_note_free(&n);
}

static long long
notes_with(struct fx *f, const char *body)
{
	char sql[256];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM note WHERE ref = '%s' AND deleted = 0"
	    " AND body = '%s'", REF, body);
	return tu_int(f->path, sql);
}

/* Edit the note, the other instance saves meanwhile, then C-d: the choice is offered. */
static void
edit_and_collide(struct fx *f)
{
	edit_record(f, UI_CAP_NOTE);
	assert_int_equal(ui_edit_replace(f->ui.cap.edit, "mine"), 0);
	other_saves(f, "theirs");
	key(f, KEYS_CTRL('d'));
	assert_non_null(strstr(f->ui.msg, "another window changed it"));
	assert_true(ui_capture_busy(&f->ui));
	assert_false(ui_capture_editing(&f->ui));
	assert_int_equal(notes_with(f, "theirs"), 1);
	assert_int_equal(notes_with(f, "mine"), 0);
}

static void
note_save__offers_the_choice_when_another_instance_saved_meanwhile(void **state)
{
	struct fx *f = *state;

	edit_and_collide(f);
	/* Esc: back in the editor with the text as typed; nothing written. */
	key(f, KEYS_ESC);
	assert_true(ui_capture_editing(&f->ui));
	assert_string_equal(ui_edit_text(f->ui.cap.edit), "mine");
	assert_int_equal(notes_with(f, "mine"), 0);
	/* Having seen theirs, saving again puts mine over it. */
	key(f, KEYS_CTRL('d'));
	assert_false(ui_capture_busy(&f->ui));
	assert_int_equal(notes_with(f, "mine"), 1);
	assert_int_equal(notes_with(f, "theirs"), 0);
}

static void
note_conflict__keep_both_is_one_undo_step(void **state)
{
	struct fx *f = *state;

	edit_and_collide(f);
	keys(f, "b");
	assert_false(ui_capture_busy(&f->ui));
	assert_non_null(strstr(f->ui.msg, "Kept both"));
	assert_int_equal(notes_with(f, "mine"), 1);
	assert_int_equal(notes_with(f, "theirs"), 1);
	keys(f, "u");
	assert_non_null(strstr(f->ui.msg, "Undone"));
	assert_int_equal(notes_with(f, "mine"), 0);
	assert_int_equal(notes_with(f, "theirs"), 1);
}

static void
note_conflict__keep_mine_replaces_theirs_and_undo_brings_it_back(void **state)
{
	struct fx *f = *state;

	edit_and_collide(f);
	keys(f, "m");
	assert_non_null(strstr(f->ui.msg, "Kept yours"));
	assert_int_equal(notes_with(f, "mine"), 1);
	assert_int_equal(notes_with(f, "theirs"), 0);
	keys(f, "u");
	assert_int_equal(notes_with(f, "mine"), 0);
	assert_int_equal(notes_with(f, "theirs"), 1);
}

static void
note_conflict__keep_theirs_writes_nothing(void **state)
{
	struct fx *f = *state;
	long long hist;

	edit_and_collide(f);
	hist = tu_int(f->path, "SELECT count(*) FROM history");
	keys(f, "t");
	assert_false(ui_capture_busy(&f->ui));
	assert_non_null(strstr(f->ui.msg, "Kept theirs"));
	assert_int_equal(notes_with(f, "theirs"), 1);
	assert_int_equal(notes_with(f, "mine"), 0);
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM history"), hist);
}

static void
note_conflict__deleted_meanwhile_keeps_mine_as_a_new_note(void **state)
{
	struct fx *f = *state;

	edit_record(f, UI_CAP_NOTE);
	assert_int_equal(ui_edit_replace(f->ui.cap.edit, "mine"), 0);
	assert_int_equal(wb_note_delete(f->other, f->note), 0);
	key(f, KEYS_CTRL('d'));
	assert_non_null(strstr(f->ui.msg, "another window deleted it"));
	keys(f, "m");
	assert_non_null(strstr(f->ui.msg, "saved as new"));
	assert_int_equal(notes_with(f, "mine"), 1);
}

static void
action_save__offers_the_choice_when_another_instance_saved_meanwhile(void **state)
{
	struct fx *f = *state;
	struct wb_action a;
	const char *was;
	int64_t id;

	edit_record(f, UI_CAP_ACTION);
	id = f->ui.cap.id;
	assert_int_equal(wb_action_get(f->other, id, &a), 0);
	was = a.title;
	a.title = "their title";
	assert_int_equal(wb_action_update(f->other, &a), 0);
	a.title = was;
	wb_action_free(&a);
	/* Title, owner, due date, priority, status: Enter keeps each. */
	assert_int_equal(ui_edit_replace(f->ui.cap.edit, "my title"), 0);
	for (int i = 0; i < 5; i++)
		key(f, '\n');
	assert_non_null(strstr(f->ui.msg, "another window changed it"));
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM action WHERE deleted = 0 AND"
	    " title = 'my title'"), 0);
	/* Esc: back to the last step of the form, nothing lost; Enter there saves over theirs,
	 * seen now. */
	key(f, KEYS_ESC);
	assert_true(ui_capture_busy(&f->ui));
	assert_non_null(strstr(f->ui.msg, "Back to your text"));
	key(f, '\n');
	assert_false(ui_capture_busy(&f->ui));
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM action WHERE deleted = 0 AND"
	    " title = 'my title'"), 1);
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM action WHERE deleted = 0 AND"
	    " title = 'their title'"), 0);
}

static void
evidence_update_if__refuses_a_change_made_since(void **state)
{
	struct fx *f = *state;
	struct wb_evidence e = { .ref = REF, .name = "Plan", .location = "shelf" }, seen, mine;
	struct wb_action a = { .ref = REF, .title = "Act" }, aseen, amine;
	const char *was;
	int64_t id, aid;

	assert_int_equal(wb_evidence_add(f->wb, &e, &id), 0);
	assert_int_equal(wb_evidence_get(f->wb, id, &seen), 0);
	mine = seen;
	mine.location = "drawer";
	e.id = id;
	e.location = "cupboard";
	assert_int_equal(wb_evidence_update(f->other, &e), 0);
	assert_int_equal(wb_evidence_update_if(f->wb, &seen, &mine), WB_CHANGED);
	assert_non_null(strstr(wb_errmsg(f->wb), "changed since you opened it"));
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM evidence WHERE location = 'drawer'"),
	    0);
	was = seen.location;
	seen.location = "cupboard";
	assert_int_equal(wb_evidence_update_if(f->wb, &seen, &mine), 0);
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM evidence WHERE location = 'drawer'"),
	    1);
	seen.location = was;
	wb_evidence_free(&seen);

	assert_int_equal(wb_action_add(f->wb, &a, &aid), 0);
	assert_int_equal(wb_action_get(f->wb, aid, &aseen), 0);
	amine = aseen;
	amine.status = "done";
	assert_int_equal(wb_action_delete(f->other, aid), 0);
	assert_int_equal(wb_action_update_if(f->wb, &aseen, &amine), WB_CHANGED);
	assert_non_null(strstr(wb_errmsg(f->wb), "deleted since"));
	wb_action_free(&aseen);
}

/* ---- The message line at 80 columns (issue 12, defect 7) ---- */

static void
msg_fit__puts_the_cause_first_and_shortens_the_path_in_the_middle(void **state)
{
	const char *m = "/home/facilitator/workshops/2026/nairobi/day-two/kenya-2026.ciipwb:"
	    " cannot save the note: the disk is full";
	int cut = 0;
	char *s;

	(void)state;
	s = msg_fit(m, 79, &cut);
	assert_non_null(s);
	assert_true(strncmp(s, "cannot save the note: the disk is full", 38) == 0);
	assert_non_null(strstr(s, "/home/\xe2\x80\xa6/"));
	assert_non_null(strstr(s, "kenya-2026.ciipwb)"));
	assert_true(text_width(s, strlen(s)) <= 79);
	assert_int_equal(cut, 1);
	free(s);
	/* Narrower: only the file's name is left of the path. */
	s = msg_fit(m, 60, &cut);
	assert_string_equal(s,
	    "cannot save the note: the disk is full (\xe2\x80\xa6/kenya-2026.ciipwb)");
	free(s);
	/* Narrower still: the end is cut, the cause stays. */
	s = msg_fit(m, 30, &cut);
	assert_true(strncmp(s, "cannot save the note", 20) == 0);
	assert_true(text_width(s, strlen(s)) <= 30);
	free(s);
	/* What fits is left whole (but its cause still comes first). */
	s = msg_fit("/tmp/w.ciipwb: nothing to undo", 79, &cut);
	assert_string_equal(s, "nothing to undo (/tmp/w.ciipwb)");
	assert_int_equal(cut, 0);
	free(s);
	s = msg_fit("Saved", 79, &cut);
	assert_string_equal(s, "Saved");
	free(s);
}

static void
msg_fit__leaves_no_escape_sequence(void **state)
{
	char *s = msg_fit("/tmp/\x1b]0;owned\a.ciipwb: cannot read \x1b[2J it", 79, NULL);

	(void)state;
	assert_non_null(s);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\a'));
	free(s);
}

static void
msg_log__keeps_the_last_messages_whole_newest_first(void **state)
{
	char big[700];

	(void)state;
	msg_log_clear();
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (int i = 0; i < MSG_LOG_MAX + 3; i++) {
		char m[32];

		snprintf(m, sizeof m, "message %d", i);
		msg_log_add(m);
	}
	msg_log_add(big);
	assert_int_equal(msg_log_count(), MSG_LOG_MAX);
	assert_string_equal(msg_log_get(0), big);
	assert_string_equal(msg_log_get(1), "message 12");
	assert_null(msg_log_get(MSG_LOG_MAX));
	msg_log_clear();
	assert_int_equal(msg_log_count(), 0);
}

/* ---- The draft of a note being typed (issue 12, defect 8) ---- */

/* FILE (a draft of this process) renamed as one of process PID. */
static char *
as_pid(const char *file, long pid)
{
	const char *dash = strrchr(file, '-');
	char *s = malloc(strlen(file) + 32);

	assert_non_null(dash);
	assert_non_null(s);
	sprintf(s, "%.*s-%ld.draft", (int)(dash - file), file, pid);
	return s;
}

static void
draft__is_private_and_found_only_once_its_process_is_gone(void **state)
{
	char *dir = tu_tmpdir(), *err = NULL, *file, *dead, *tmpf;
	struct draft d = { .ref = "64/211:5", .id = 42, .group = 7, .text = "line\n line two\n",
	    .len = 16 }, got;
	struct stat sb;

	(void)state;
	setenv("XDG_STATE_HOME", dir, 1);
	file = draft_path("/w/kenya.ciipwb", &err);
	assert_non_null(file);
	assert_int_equal(draft_write(file, &d, &err), 0);
	assert_int_equal(stat(file, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* Ours, and this process runs: not offered. */
	assert_int_equal(draft_find("/w/kenya.ciipwb", &got, &err), 0);
	/* Left by a process that no longer runs (pid 0x7ffffffe: none): offered, whole. */
	dead = as_pid(file, 2147483646L);
	assert_int_equal(rename(file, dead), 0);
	tmpf = malloc(strlen(dead) + 16);
	assert_non_null(tmpf);
	sprintf(tmpf, "%s.tmp-abcdef", dead);
	tu_write_file(tmpf, "half", 4);
	assert_int_equal(draft_find("/w/other.ciipwb", &got, &err), 0);
	assert_int_equal(draft_find("/w/kenya.ciipwb", &got, &err), 1);
	assert_string_equal(got.ref, "64/211:5");
	assert_int_equal(got.id, 42);
	assert_int_equal(got.group, 7);
	assert_int_equal(got.len, 16);
	assert_string_equal(got.text, "line\n line two\n");
	assert_string_equal(got.file, dead);
	draft_free(&got);
	/* Its half-written temporary file went. */
	assert_int_not_equal(stat(tmpf, &sb), 0);
	/* Not a draft: never offered. */
	tu_write_file(dead, "garbage", 7);
	assert_int_equal(draft_find("/w/kenya.ciipwb", &got, &err), 0);
	unsetenv("XDG_STATE_HOME");
	tu_rmrf(dir);
	free(dir);
	free(file);
	free(dead);
	free(tmpf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(msg_fit__puts_the_cause_first_and_shortens_the_path_in_the_middle),
		cmocka_unit_test(msg_fit__leaves_no_escape_sequence),
		cmocka_unit_test(msg_log__keeps_the_last_messages_whole_newest_first),
		cmocka_unit_test(draft__is_private_and_found_only_once_its_process_is_gone),
		cmocka_unit_test_setup_teardown(
		    note_save__offers_the_choice_when_another_instance_saved_meanwhile, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(note_conflict__keep_both_is_one_undo_step, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    note_conflict__keep_mine_replaces_theirs_and_undo_brings_it_back, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(note_conflict__keep_theirs_writes_nothing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    note_conflict__deleted_meanwhile_keeps_mine_as_a_new_note, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    action_save__offers_the_choice_when_another_instance_saved_meanwhile, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(evidence_update_if__refuses_a_change_made_since,
		    setup, teardown),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "test-ui-guard: the C.UTF-8 locale is needed\n");
		return 99;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
