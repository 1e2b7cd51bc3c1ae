/* test-ui-guard.c: another instance's edit meets the editor's save: keep mine, theirs or both (cmocka). */
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
#include <curses.h>

#include "demo.h"
#include "framework.h"
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

	assert_int_equal(wb_note_get(f->other, f->note, &n), 0);
	n.body = body;
	assert_int_equal(wb_note_update(f->other, &n), 0);
	n.body = NULL;
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
	int64_t id;

	edit_record(f, UI_CAP_ACTION);
	id = f->ui.cap.id;
	assert_int_equal(wb_action_get(f->other, id, &a), 0);
	a.title = "their title";
	assert_int_equal(wb_action_update(f->other, &a), 0);
	a.title = NULL;
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
	seen.location = "cupboard";
	assert_int_equal(wb_evidence_update_if(f->wb, &seen, &mine), 0);
	assert_int_equal(tu_int(f->path, "SELECT count(*) FROM evidence WHERE location = 'drawer'"),
	    1);
	seen.location = NULL;
	wb_evidence_free(&seen);

	assert_int_equal(wb_action_add(f->wb, &a, &aid), 0);
	assert_int_equal(wb_action_get(f->wb, aid, &aseen), 0);
	amine = aseen;
	amine.status = "done";
	assert_int_equal(wb_action_delete(f->other, aid), 0);
	assert_int_equal(wb_action_update_if(f->wb, &aseen, &amine), WB_CHANGED);
	assert_non_null(strstr(wb_errmsg(f->wb), "deleted since"));
	amine.status = NULL;
	wb_action_free(&aseen);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
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

	return cmocka_run_group_tests(tests, NULL, NULL);
}
