/* test-ui-views.c: the view table and stack, the Actions view and the search results, drawn on a virtual screen and read back (cmocka). */
#include "config.h"

#include <locale.h>
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
#include "text.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_browser.h"
#include "ui_search.h"
#include "ui_stake.h"
#include "ui_summary.h"
#include "summary.h"
#include "ui_help.h"
#include "ui_results.h"
#include "ui_view.h"
#include "wb.h"
#include "wb_query.h"
#include "test-wb-util.h"

struct fx {
	char dir[64];
	char path[128];
	struct demo_stats st;
	struct wb *wb;
	struct catalog *cat;
	FILE *out, *in;
	SCREEN *scr;
	struct ui ui;
	int ui_ok;
	WINDOW *w;
	struct ui_actions *av;
	struct ui_results *rv;
};

static SCREEN *
fx_newterm(FILE *out, FILE *in)
{
	const char *names[] = { "xterm-256color", "vt100" };
	size_t i;
	SCREEN *scr;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((scr = newterm(names[i], out, in)) != NULL)
			return scr;
	return NULL;
}

/* A demo workbook, the built-in catalogue and a COLSxROWS screen; the view window is the
 * screen without its first and last line (as between the title and status bars). */
static void
fx_start(struct fx *f, int cols, int rows)
{
	char *err = NULL;

	strcpy(f->dir, "/tmp/test-ui-views-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/demo.ciipwb", f->dir);
	if (demo_write(f->path, &f->st, &err) != 0)
		fail_msg("demo_write: %s", err);
	if (wb_open(f->path, 0, &f->wb, &err) != 0)
		fail_msg("wb_open: %s", err);
	if (catalog_load(&f->cat, NULL, 0, &err) != 0)
		fail_msg("catalog_load: %s", err);
	f->out = fopen("/dev/null", "w");
	f->in = fopen("/dev/null", "r");
	assert_non_null(f->out);
	assert_non_null(f->in);
	if ((f->scr = fx_newterm(f->out, f->in)) == NULL)
		fail_msg("no terminfo for xterm-256color or vt100");
	resizeterm(rows, cols);
	assert_int_equal(ui_init(&f->ui, f->cat, f->wb, 1), 0);
	f->ui_ok = 1;
	assert_non_null(f->w = newwin(rows - 2, cols, 1, 0));
	assert_non_null(f->rv = ui_results_new());
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	setenv("CIIPWB_TODAY", DEMO_TODAY, 1);
	unsetenv("NO_COLOR");
	fx_start(f, 80, 24);
	*state = f;
	return 0;
}

static int
setup_mono(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	setenv("CIIPWB_TODAY", DEMO_TODAY, 1);
	setenv("NO_COLOR", "1", 1);
	fx_start(f, 80, 24);
	unsetenv("NO_COLOR");
	*state = f;
	return 0;
}

static int
setup_wide(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	setenv("CIIPWB_TODAY", DEMO_TODAY, 1);
	fx_start(f, 160, 50);
	*state = f;
	return 0;
}

static int
setup_narrow(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	setenv("CIIPWB_TODAY", DEMO_TODAY, 1);
	fx_start(f, 60, 16);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	ui_results_free(f->rv);
	if (f->w != NULL)
		delwin(f->w);
	if (f->ui_ok)
		ui_fini(&f->ui);
	if (f->scr != NULL) {
		endwin();
		delscreen(f->scr);
	}
	if (f->out != NULL)
		fclose(f->out);
	if (f->in != NULL)
		fclose(f->in);
	wb_close(f->wb);
	catalog_free(f->cat);
	tu_rmrf(f->dir);
	assert_int_equal(access(f->dir, F_OK), -1);
	free(f);
	return 0;
}

/* Line Y of the view window, trailing blanks removed. */
static const char *
fx_line(struct fx *f, int y)
{
	static char buf[1024];
	int n;

	buf[0] = '\0';
	if ((n = mvwinnstr(f->w, y, 0, buf, (int)sizeof buf - 1)) < 0)
		return "";
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

/* Window W as text, trailing blanks removed, one '\n' after each line. */
static const char *
fx_screen_of(WINDOW *w)
{
	static char all[16384];
	char buf[1024];
	int y, n, rows = getmaxy(w);

	all[0] = '\0';
	for (y = 0; y < rows; y++) {
		if ((n = mvwinnstr(w, y, 0, buf, (int)sizeof buf - 1)) < 0)
			n = 0;
		buf[n] = '\0';
		while (n > 0 && buf[n - 1] == ' ')
			buf[--n] = '\0';
		strncat(all, buf, sizeof all - strlen(all) - 2);
		strcat(all, "\n");
	}
	return all;
}

/* The whole window as text, one '\n' after each line. */
static const char *
fx_screen(struct fx *f)
{
	static char all[16384];
	int y, rows = getmaxy(f->w);

	all[0] = '\0';
	for (y = 0; y < rows; y++) {
		strncat(all, fx_line(f, y), sizeof all - strlen(all) - 2);
		strcat(all, "\n");
	}
	return all;
}

/* Open the Actions view on the browser's stack (as A does) and draw it into the window. */
static void
fx_actions(struct fx *f)
{
	assert_int_equal(ui_view_push(&f->ui, &ui_actions_view), 0);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_actions_view);
	f->av = ui_view_state(&f->ui, &ui_actions_view);
	assert_non_null(f->av);
	ui_actions_draw(&f->ui, f->av, f->w);
}

/* A key through the browser's one entry point, then the Actions view drawn again. */
static void
fx_key(struct fx *f, int key)
{
	ui_input(&f->ui, key);
	ui_actions_draw(&f->ui, f->av, f->w);
}

/* A key given to the search results F->RV (not on the stack) as the view's action. */
static int
fx_rkey(struct fx *f, int key)
{
	return ui_results_view.action(&f->ui, f->rv, keys_lookup(ui_results_view.name,
	    ui_results_view.list, key));
}

/* Lines of the list (from line 3) that start with the overdue marker. */
static size_t
fx_marked(struct fx *f)
{
	int y, rows = getmaxy(f->w);
	size_t n = 0;

	for (y = 3; y < rows; y++)
		n += fx_line(f, y)[0] == '!';
	return n;
}

static void
actions_view__lists_every_action_and_marks_the_overdue_ones(void **state)
{
	struct fx *f = *state;
	char want[64];

	fx_actions(f);
	snprintf(want, sizeof want, "Actions: %zu of %zu", f->st.actions, f->st.actions);
	assert_non_null(strstr(fx_line(f, 0), want));
	snprintf(want, sizeof want, "%zu overdue", f->st.overdue);
	assert_non_null(strstr(fx_line(f, 0), want));
	assert_non_null(strstr(fx_line(f, 1), "Filters: none"));
	assert_non_null(strstr(fx_line(f, 2), "Due"));
	assert_non_null(strstr(fx_line(f, 2), "Owner"));
	assert_int_equal(ui_actions_count(f->av), f->st.actions);
	/* demo actions fit on 21 lines: all listed, the overdue ones marked */
	assert_true(f->st.actions <= 19);
	assert_int_equal(fx_marked(f), f->st.overdue);
	/* by due date: the earliest first, the undated last */
	assert_non_null(strstr(fx_line(f, 3), "2025-06-30"));
	assert_non_null(strstr(fx_line(f, 3 + (int)f->st.actions - 1), " - "));
}

static void
actions_view__shows_owner_names_and_cuts_long_titles_with_an_ellipsis(void **state)
{
	struct fx *f = *state;
	const char *s;

	fx_actions(f);
	s = fx_screen(f);
	assert_non_null(strstr(s, "Ministry of"));
	assert_non_null(strstr(s, "\xe2\x80\xa6"));
	assert_null(strstr(s, "Sign the operators-agency information-sharing agreement"));
}

static size_t
fx_count_cb_n;

static int
fx_count_cb(const struct wb_action *a, void *arg)
{
	(void)a;
	(void)arg;
	fx_count_cb_n++;
	return 0;
}

static size_t
fx_count(struct fx *f, const struct wb_action_filter *flt)
{
	fx_count_cb_n = 0;
	assert_int_equal(wb_actions_query(f->wb, flt, WB_ACTION_SORT_DUE, fx_count_cb, NULL), 0);
	return fx_count_cb_n;
}

static void
actions_view__filters_by_status_and_priority_and_clears(void **state)
{
	struct fx *f = *state;
	struct wb_action_filter flt = { .status = "open" };

	fx_actions(f);
	fx_key(f, 's');
	assert_non_null(strstr(fx_line(f, 1), "status open"));
	assert_int_equal(ui_actions_count(f->av), fx_count(f, &flt));
	fx_key(f, 'p');
	flt.priority = "high";
	assert_non_null(strstr(fx_line(f, 1), "priority high"));
	assert_int_equal(ui_actions_count(f->av), fx_count(f, &flt));
	assert_true(ui_actions_count(f->av) < f->st.actions);
	fx_key(f, 'c');
	assert_non_null(strstr(fx_line(f, 1), "Filters: none"));
	assert_int_equal(ui_actions_count(f->av), f->st.actions);
}

static void
actions_view__filters_by_owner_and_overdue(void **state)
{
	struct fx *f = *state;
	struct wb_action_filter flt = { .overdue_only = 1, .today = DEMO_TODAY };
	size_t n;
	int i;

	fx_actions(f);
	fx_key(f, '!');
	assert_non_null(strstr(fx_line(f, 1), "overdue only"));
	assert_int_equal(ui_actions_count(f->av), fx_count(f, &flt));
	assert_int_equal(fx_marked(f), f->st.overdue);
	fx_key(f, '!');
	/* cycling the owners comes back to "any"; each owner lists a subset */
	fx_key(f, 'o');
	assert_non_null(strstr(fx_line(f, 1), "owner "));
	assert_null(strstr(fx_line(f, 1), "owner any"));
	assert_true(ui_actions_count(f->av) < f->st.actions);
	for (i = 0, n = 0; i < 100 && strstr(fx_line(f, 1), "Filters: none") == NULL; i++) {
		/* only stakeholders that own actions are offered */
		assert_true(ui_actions_count(f->av) > 0);
		n += ui_actions_count(f->av);
		fx_key(f, 'o');
	}
	assert_true(i < 100);
	/* every action has one owner in the demo, so the owners' lists add up */
	assert_int_equal(n, f->st.actions);
	fx_key(f, 'O');
	assert_null(strstr(fx_line(f, 1), "owner any"));
}

static void
actions_view__filters_by_framework_and_heading(void **state)
{
	struct fx *f = *state;
	const struct framework *fw0 = f->cat->fws[0];
	struct wb_action_filter flt = { .ref_prefix = "64/211:" };
	char want[64];

	fx_actions(f);
	fx_key(f, 'H');             /* the first framework, then its headings if any */
	snprintf(want, sizeof want, "(%s)", fw0->id);
	assert_non_null(strstr(fx_line(f, 1), want));
	assert_non_null(strstr(fx_line(f, 1), "heading "));
	fx_key(f, 'H');
	/* a heading by its name, not its internal id */
	if (fw0->nheadings > 0)
		snprintf(want, sizeof want, "heading %.12s", fw0->headings[0].title);
	else
		snprintf(want, sizeof want, "(%s)", f->cat->fws[1]->id);
	assert_non_null(strstr(fx_line(f, 1), want));
	assert_null(strstr(fx_line(f, 1), "#1"));
	fx_key(f, 'c');
	while (strstr(fx_line(f, 1), "(64/211)") == NULL) {
		fx_key(f, 'H');
		assert_true(strstr(fx_line(f, 1), "Filters: none") == NULL);
	}
	assert_int_equal(ui_actions_count(f->av), fx_count(f, &flt));
	assert_true(ui_actions_count(f->av) < f->st.actions);
	fx_key(f, 'H');
	snprintf(want, sizeof want, "heading %.12s", catalog_find(f->cat, "64/211:1")->fw->
	    headings[0].title);
	assert_non_null(strstr(fx_line(f, 1), want));
	assert_true(ui_actions_count(f->av) < fx_count(f, &flt));
}

/* x marks the selected action done, x again opens it; u undoes. */
static void
actions_view__x_marks_the_selected_action_done_in_one_key(void **state)
{
	struct fx *f = *state;
	struct wb_action a;
	int64_t id;

	fx_actions(f);
	fx_key(f, 'j');
	fx_key(f, 'j');             /* an open action (the demo's third by due date) */
	id = ui_actions_selected(f->av);
	assert_int_equal(wb_action_get(f->wb, id, &a), 0);
	assert_string_not_equal(a.status, "done");
	wb_action_free(&a);
	fx_key(f, 'x');
	assert_int_equal(wb_action_get(f->wb, id, &a), 0);
	assert_string_equal(a.status, "done");
	wb_action_free(&a);
	assert_non_null(strstr(f->ui.msg, "Done: "));
	/* the list shows it, the selection stayed */
	assert_int_equal(ui_actions_selected(f->av), id);
	assert_non_null(strstr(fx_line(f, 3 + 2), "done"));
	fx_key(f, 'u');
	assert_int_equal(wb_action_get(f->wb, id, &a), 0);
	assert_string_not_equal(a.status, "done");
	wb_action_free(&a);
}

/* d in the Actions view asks, y deletes; the list loads again; u brings it back. */
static void
actions_view__d_deletes_the_selected_action_after_a_yes(void **state)
{
	struct fx *f = *state;
	size_t n;
	int64_t id;

	fx_actions(f);
	n = ui_actions_count(f->av);
	id = ui_actions_selected(f->av);
	fx_key(f, 'd');
	assert_non_null(strstr(f->ui.msg, "Delete this action?"));
	assert_ptr_equal(ui_view_top(&f->ui), &ui_actions_view);
	fx_key(f, 'y');
	assert_int_equal(ui_actions_count(f->av), n - 1);
	assert_true(ui_actions_selected(f->av) != id);
	fx_key(f, 'u');
	assert_int_equal(ui_actions_count(f->av), n);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_actions_view);
}

/* With a filter that leaves nothing, the column titles stay where they were. */
static void
actions_view__columns_do_not_move_when_nothing_matches(void **state)
{
	struct fx *f = *state;
	char before[256];

	fx_actions(f);
	snprintf(before, sizeof before, "%s", fx_line(f, 2));
	fx_key(f, 's');
	fx_key(f, 's');
	fx_key(f, 's');             /* done */
	fx_key(f, '!');             /* and overdue: none */
	assert_int_equal(ui_actions_count(f->av), 0);
	assert_string_equal(fx_line(f, 2), before);
}

/* On a wide screen, titles and owners are shown whole. */
static void
actions_view__uses_the_width_of_a_wide_screen(void **state)
{
	struct fx *f = *state;
	const char *s;

	fx_actions(f);
	s = fx_screen(f);
	assert_non_null(strstr(s, "Sign the operators-agency information-sharing agreement"));
	assert_non_null(strstr(s, "Ministry of Digital Affairs"));
}

static void
actions_view__sorts_by_priority(void **state)
{
	struct fx *f = *state;

	fx_actions(f);
	assert_non_null(strstr(fx_line(f, 0), "sorted by due date"));
	fx_key(f, 'S');
	assert_non_null(strstr(fx_line(f, 0), "sorted by priority"));
	assert_non_null(strstr(fx_line(f, 3), "high"));
	assert_non_null(strstr(fx_line(f, 3 + (int)f->st.actions - 1), "low"));
}

static void
actions_view__enter_shows_the_item_and_closes(void **state)
{
	struct fx *f = *state;
	const struct ui_nav_row *row;
	const struct fw_item *it;

	fx_actions(f);
	fx_key(f, 'S');             /* high, earliest first: 64/211:11, then 64/211:4 */
	fx_key(f, 'g');             /* the selection stayed on its action: back to the top */
	assert_non_null(strstr(fx_line(f, 3), "64/211:11"));
	assert_non_null(strstr(fx_line(f, 4), "64/211:4"));
	fx_key(f, KEYS_FN | KEY_DOWN);
	fx_key(f, 'j');
	fx_key(f, 'k');
	ui_input(&f->ui, KEYS_ENTER);
	/* the item is shown in the browser: the view closed */
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	row = ui_nav_current(&f->ui);
	assert_non_null(row);
	assert_int_equal(row->kind, UI_NAV_ITEM);
	it = &f->cat->fws[row->fw]->items[row->item];
	assert_string_equal(it->ref, "64/211:4");
}

static void
actions_view__passes_global_keys_and_closes_on_q_and_esc(void **state)
{
	struct fx *f = *state;

	fx_actions(f);
	ui_input(&f->ui, '?');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_help_view);
	ui_input(&f->ui, 'q');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_actions_view);
	ui_input(&f->ui, 'q');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	assert_int_equal(f->ui.quit, 0);
	fx_actions(f);
	ui_input(&f->ui, KEYS_ESC);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	/* Esc never quits; q in the browser does */
	ui_input(&f->ui, KEYS_ESC);
	assert_int_equal(f->ui.quit, 0);
	ui_input(&f->ui, 'q');
	assert_int_equal(f->ui.quit, 1);
}

static void
actions_view__draws_workbook_text_inert(void **state)
{
	struct fx *f = *state;
	struct wb_action a = { 0 };
	const char *s;

	a.ref = "64/211:1";
	a.title = "Evil\x1b[2J\x1b]0;pwned\x07 title";
	a.due = "2020-01-01";
	assert_int_equal(wb_action_add(f->wb, &a, NULL), 0);
	fx_actions(f);
	s = fx_screen(f);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\x07'));
	assert_non_null(strstr(s, "Evil[2J]0;pwned"));
	assert_non_null(strstr(s, "2020-01-01"));
}

static void
actions_view__fits_wide_characters_by_display_width(void **state)
{
	struct fx *f = *state;
	struct wb_action a = { 0 };
	const char *line;
	int y, rows = getmaxy(f->w), found = 0;

	a.ref = "64/211:1";
	a.title = "\xe4\xb8\xad\xe6\x96\x87\xe6\xa0\x87\xe9\xa2\x98 "
	    "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9 "
	    "e\xcc\x81t\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87\xe6\xa0\x87\xe9\xa2\x98"
	    "\xe4\xb8\xad\xe6\x96\x87\xe6\xa0\x87\xe9\xa2\x98\xe4\xb8\xad\xe6\x96\x87";
	a.due = "2001-01-01";
	assert_int_equal(wb_action_add(f->wb, &a, NULL), 0);
	fx_actions(f);
	for (y = 3; y < rows; y++) {
		line = fx_line(f, y);
		if (strstr(line, "2001-01-01") == NULL)
			continue;
		found = 1;
		/* the title starts in the Title column and the line ends in an ellipsis */
		assert_non_null(strstr(line, "64/211:1  \xe4\xb8\xad\xe6\x96\x87"));
		assert_true(text_width(line, strlen(line)) <= 80);
		assert_true(text_width(line, strlen(line)) >= 78);
		assert_non_null(strstr(line, "\xe2\x80\xa6"));
	}
	assert_true(found);
}

static void
actions_view__reload_keeps_filters_and_sees_changes(void **state)
{
	struct fx *f = *state;
	struct wb_action a = { 0 };
	size_t n;

	fx_actions(f);
	fx_key(f, 'p');             /* high */
	n = ui_actions_count(f->av);
	a.ref = "64/211:7";
	a.title = "Brand new high action";
	a.priority = "high";
	assert_int_equal(wb_action_add(f->wb, &a, NULL), 0);
	ui_actions_reload(&f->ui, f->av);
	ui_actions_draw(&f->ui, f->av, f->w);
	assert_int_equal(ui_actions_count(f->av), n + 1);
	assert_non_null(strstr(fx_line(f, 1), "priority high"));
	assert_non_null(strstr(fx_screen(f), "Brand new high"));
}

static void
actions_view__marks_overdue_without_colour(void **state)
{
	struct fx *f = *state;
	int y, rows = getmaxy(f->w), seen = 0;

	assert_int_equal(f->ui.color, 0);
	fx_actions(f);
	fx_key(f, 'S');
	for (y = 4; y < rows; y++) {       /* line 3 is selected */
		chtype c = mvwinch(f->w, y, 4);

		if (fx_line(f, y)[0] != '!')
			continue;
		seen++;
		assert_true((c & A_BOLD) != 0);
	}
	assert_true(seen > 0);
}

static void
actions_view__fits_a_narrow_screen(void **state)
{
	struct fx *f = *state;

	fx_actions(f);
	assert_non_null(strstr(fx_line(f, 0), "Actions:"));
	/* 60 columns: no room for the owner column; the list scrolls */
	assert_null(strstr(fx_line(f, 2), "Owner"));
	assert_non_null(strstr(fx_line(f, 2), "Title"));
	fx_key(f, 'G');
	assert_non_null(strstr(fx_line(f, getmaxy(f->w) - 1), "Notify owners"));
}

static void
actions_view__says_when_no_workbook_is_open(void **state)
{
	struct fx *f = *state;
	struct wb *wb = f->ui.wb;

	f->ui.wb = NULL;
	fx_actions(f);
	f->ui.wb = wb;
	assert_non_null(strstr(fx_line(f, 0), "no workbook"));
	assert_int_equal(ui_actions_count(f->av), 0);
}

static void
show_ref__shows_a_headings_first_item_and_refuses_unknown_refs(void **state)
{
	struct fx *f = *state;
	const struct framework *fw = NULL;
	const struct ui_nav_row *row;
	char ref[64];
	size_t i;

	for (i = 0; i < f->cat->nfws && fw == NULL; i++)
		if (f->cat->fws[i]->nheadings >= 2 && f->cat->fws[i]->headings[1].nitems > 0)
			fw = f->cat->fws[i];
	assert_non_null(fw);
	snprintf(ref, sizeof ref, "%s#2", fw->id);
	assert_int_equal(ui_actions_show_ref(&f->ui, ref), 0);
	row = ui_nav_current(&f->ui);
	assert_int_equal(row->kind, UI_NAV_ITEM);
	assert_ptr_equal(f->cat->fws[row->fw], fw);
	assert_int_equal(row->item, fw->headings[1].first_item);
	snprintf(ref, sizeof ref, "%s#%zu", fw->id, fw->nheadings + 1);
	assert_int_equal(ui_actions_show_ref(&f->ui, ref), -1);
	assert_non_null(strstr(f->ui.msg, "is not an item"));
	assert_int_equal(ui_actions_show_ref(&f->ui, "99/999:1"), -1);
	assert_ptr_equal(ui_nav_current(&f->ui), row);
}

static void
results__finds_captured_text_and_annex_text(void **state)
{
	struct fx *f = *state;
	const char *kind, *ref;
	int64_t id;
	int i, n, annex = 0, action = 0;

	n = ui_results_run(&f->ui, f->rv, "exercise");
	assert_true(n > 1);
	for (i = 0; i < n; i++) {
		assert_int_equal(ui_results_selected(f->rv, &kind, &id, &ref), 0);
		if (strcmp(kind, "annex") == 0 && strcmp(ref, "58/199:8") == 0)
			annex++;
		if (strcmp(kind, "action") == 0 && id != 0 && strcmp(ref, "58/199:8") == 0)
			action++;
		fx_rkey(f, KEYS_FN | KEY_DOWN);
	}
	assert_int_equal(annex, 1);
	assert_int_equal(action, 1);
	fx_rkey(f, 'g');
	ui_results_draw(&f->ui, f->rv, f->w);
	assert_non_null(strstr(fx_line(f, 0), "Search \"exercise\""));
	assert_non_null(strstr(fx_screen(f), "annex"));
	assert_non_null(strstr(fx_screen(f), "Run the June tabletop exercise"));
}

static void
results__show_short_titles_of_annex_items(void **state)
{
	struct fx *f = *state;
	const struct fw_item *it = catalog_find(f->cat, "64/211:11");
	const char *kind;
	int64_t id;
	const char *ref;
	char want[256];
	int i, n;

	assert_non_null(it);
	n = ui_results_run(&f->ui, f->rv, "escalation");
	for (i = 0; i < n; i++) {
		assert_int_equal(ui_results_selected(f->rv, &kind, &id, &ref), 0);
		if (ref != NULL && strcmp(ref, "64/211:11") == 0)
			break;
		fx_rkey(f, 'j');
	}
	assert_true(i < n);
	ui_results_draw(&f->ui, f->rv, f->w);
	snprintf(want, sizeof want, "64/211:11 %.20s", it->short_title);
	assert_non_null(strstr(fx_screen(f), want));
	assert_int_equal(fx_rkey(f, KEYS_ENTER), UI_VIEW_HANDLED);
	assert_string_equal(f->cat->fws[ui_nav_current(&f->ui)->fw]->items[
	    ui_nav_current(&f->ui)->item].ref, "64/211:11");
}

static void
results__stop_at_the_limit(void **state)
{
	struct fx *f = *state;
	struct wb_note note = { 0 };
	char body[64];
	int i, n, y;

	note.ref = "64/211:6";
	for (i = 0; i < UI_RESULTS_LIMIT + 5; i++) {
		snprintf(body, sizeof body, "Limitword number %d", i);
		note.body = body;
		assert_int_equal(wb_note_add(f->wb, &note, NULL), 0);
	}
	n = ui_results_run(&f->ui, f->rv, "limitword");
	assert_int_equal(n, UI_RESULTS_LIMIT);
	assert_int_equal(ui_results_count(f->rv), UI_RESULTS_LIMIT);
	ui_results_draw(&f->ui, f->rv, f->w);
	assert_non_null(strstr(fx_line(f, 0), "the first 200 hits"));
	assert_int_equal(fx_rkey(f, 'G'), UI_VIEW_HANDLED);
	ui_results_draw(&f->ui, f->rv, f->w);
	/* two lines per hit under the header: the last hit is last, selected */
	y = 1 + 2 * ((getmaxy(f->w) - 1) / 2 - 1);
	assert_non_null(strstr(fx_line(f, y), "note"));
	assert_non_null(strstr(fx_line(f, y + 1), "Limitword number"));
	/* "    Limitword number 204": the match highlighted, the rest selected */
	assert_true((mvwinch(f->w, y + 1, 6) & A_ATTRIBUTES) ==
	    (f->ui.style[UI_MATCH] & A_ATTRIBUTES));
	assert_true((mvwinch(f->w, y + 1, 16) & A_ATTRIBUTES) ==
	    (f->ui.style[UI_SELECTED] & A_ATTRIBUTES));
	assert_true((mvwinch(f->w, y - 1, 6) & A_ATTRIBUTES) !=
	    (f->ui.style[UI_SELECTED] & A_ATTRIBUTES));
}

static void
results__say_when_nothing_is_found(void **state)
{
	struct fx *f = *state;

	assert_int_equal(ui_results_run(&f->ui, f->rv, "zzqxjv"), 0);
	ui_results_draw(&f->ui, f->rv, f->w);
	assert_non_null(strstr(fx_line(f, 0), "0 hits"));
	assert_non_null(strstr(fx_line(f, 1), "Nothing found"));
	assert_int_equal(fx_rkey(f, KEYS_ENTER), UI_VIEW_HANDLED);
	/* q is not the view's: the global handling closes it */
	assert_int_equal(fx_rkey(f, 'q'), UI_VIEW_PASS);
}

static void
results__draw_captured_text_inert(void **state)
{
	struct fx *f = *state;
	struct wb_note n = { 0 };
	const char *s;

	n.ref = "64/211:2";
	n.body = "Quokkaword \x1b[2J\x1b]52;c;ZXZpbA==\x07 end";
	assert_int_equal(wb_note_add(f->wb, &n, NULL), 0);
	assert_int_equal(ui_results_run(&f->ui, f->rv, "quokkaword"), 1);
	ui_results_draw(&f->ui, f->rv, f->w);
	s = fx_screen(f);
	assert_null(strchr(s, '\x1b'));
	assert_null(strchr(s, '\x07'));
	assert_non_null(strstr(s, "note"));
	assert_non_null(strstr(s, "Quokkaword [2J]52;c;"));
}

/* ---- the view table and the stack ---- */

static void
views__every_view_in_the_table_has_every_callback(void **state)
{
	(void)state;
	assert_true(ui_nviews >= 4);
	assert_ptr_equal(ui_views[0], &ui_browser_view);
	for (size_t i = 0; i < ui_nviews; i++) {
		const struct ui_view_ops *v = ui_views[i];

		assert_non_null(v);
		assert_non_null(v->name);
		assert_true(v->name[0] != '\0');
		assert_null(strpbrk(v->name, " \t"));
		assert_non_null(v->title);
		assert_true(v->title[0] != '\0');
		assert_non_null(v->open);
		assert_non_null(v->close);
		assert_non_null(v->free);
		assert_non_null(v->draw);
		assert_non_null(v->action);
		assert_non_null(v->resize);
		assert_non_null(v->position);
		assert_non_null(v->reload);
		assert_ptr_equal(ui_view_find(v->name), v);
		for (size_t j = 0; j < i; j++) {
			assert_string_not_equal(v->name, ui_views[j]->name);
			/* One view per opening key. */
			if (v->opener != KEYS_ACT_NONE)
				assert_int_not_equal(v->opener, ui_views[j]->opener);
		}
		if (v->opener != KEYS_ACT_NONE) {
			const struct keys_def *d = keys_def(v->opener);

			/* The opener is a key of every view, and opens this one. */
			assert_non_null(d);
			assert_ptr_equal(ui_view_opened_by(v->opener), v);
		}
	}
	assert_null(ui_view_find("no-such-view"));
	assert_null(ui_view_opened_by(KEYS_ACT_NONE));
	assert_ptr_equal(ui_view_opened_by(KEYS_ACT_HELP), &ui_help_view);
	assert_ptr_equal(ui_view_opened_by(KEYS_ACT_ACTIONS_VIEW), &ui_actions_view);
}

static void
views__the_browser_is_at_the_bottom_and_cannot_be_popped(void **state)
{
	struct fx *f = *state;

	assert_int_equal(f->ui.depth, 1);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	assert_null(ui_view_below(&f->ui));
	assert_int_equal(ui_view_pop(&f->ui), -1);
	assert_int_equal(f->ui.depth, 1);
	assert_int_equal(f->ui.quit, 0);
}

/* browser -> actions -> search results -> back: each view comes back where it was. */
static void
views__pop_comes_back_exactly_where_the_view_below_was(void **state)
{
	struct fx *f = *state;
	int64_t sel;

	fx_actions(f);
	fx_key(f, 'p');             /* a filter */
	fx_key(f, 'j');
	sel = ui_actions_selected(f->av);
	assert_true(sel != 0);
	ui_results_search(&f->ui, "exercise");
	assert_int_equal(f->ui.depth, 3);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_results_view);
	assert_ptr_equal(ui_view_below(&f->ui), &ui_actions_view);
	ui_input(&f->ui, 'j');
	ui_input(&f->ui, '?');
	assert_int_equal(f->ui.depth, 4);
	ui_input(&f->ui, 'q');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_results_view);
	ui_input(&f->ui, 'q');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_actions_view);
	ui_actions_draw(&f->ui, f->av, f->w);
	assert_int_equal(ui_actions_selected(f->av), sel);
	assert_non_null(strstr(fx_line(f, 1), "priority high"));
	/* A again from above pops back to it rather than opening it twice */
	ui_input(&f->ui, '?');
	ui_input(&f->ui, 'A');
	assert_int_equal(f->ui.depth, 2);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_actions_view);
}

static void
views__a_search_from_a_view_pushes_the_results_and_enter_goes_to_the_browser(void **state)
{
	struct fx *f = *state;
	const char *q = "escalation";

	fx_actions(f);
	ui_input(&f->ui, '/');
	assert_true(f->ui.search.prompt);
	for (const char *p = q; *p != '\0'; p++)
		ui_input(&f->ui, *p);
	ui_input(&f->ui, KEYS_ENTER);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_results_view);
	assert_int_equal(f->ui.depth, 3);
	ui_input(&f->ui, KEYS_ENTER);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	assert_int_equal(f->ui.depth, 1);
}

static void
views__nothing_found_leaves_no_results_view_open(void **state)
{
	struct fx *f = *state;

	ui_results_search(&f->ui, "zzqxjv");
	assert_int_equal(f->ui.depth, 1);
	assert_non_null(strstr(f->ui.msg, "Nothing found for \"zzqxjv\""));
}

/* ---- search hits: one order, one count; where Enter lands; going back ---- */

/* The index of the first hit of kind KIND in the results (the selection moves there). */
static size_t
fx_find_hit(struct fx *f, struct ui_results *v, const char *kind)
{
	const char *k, *ref;
	int64_t id;
	size_t i, n = ui_results_count(v);

	ui_results_view.action(&f->ui, v, KEYS_ACT_FIRST);
	for (i = 0; i < n; i++) {
		assert_int_equal(ui_results_selected(v, &k, &id, &ref), 0);
		if (strcmp(k, kind) == 0)
			return i;
		ui_results_view.action(&f->ui, v, KEYS_ACT_DOWN);
	}
	fail_msg("no %s hit", kind);
	return 0;
}

static void
results__enter_on_a_note_hit_puts_the_text_cursor_on_that_note(void **state)
{
	struct fx *f = *state;
	struct ui_results *v;
	const char *k, *ref;
	int64_t id, at = 0;

	ui_results_search(&f->ui, "exercise");
	v = ui_view_state(&f->ui, &ui_results_view);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_results_view);
	fx_find_hit(f, v, "note");
	assert_int_equal(ui_results_selected(v, &k, &id, &ref), 0);
	ui_input(&f->ui, KEYS_ENTER);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	assert_int_equal(f->ui.focus, UI_PANE_TEXT);
	assert_int_equal(ui_text_record(&f->ui, &at), UI_CAP_NOTE);
	assert_true(at == id);
	assert_non_null(strstr(f->ui.msg, "Hit "));
}

static void
results__n_and_N_go_through_the_hits_in_the_order_and_count_of_the_list(void **state)
{
	struct fx *f = *state;
	struct ui_results *v;
	char want[64];
	size_t n;

	ui_results_search(&f->ui, "exercise");
	v = ui_view_state(&f->ui, &ui_results_view);
	n = ui_results_count(v);
	assert_true(n > 3);
	snprintf(want, sizeof want, "%zu hits for \"exercise\"", n);
	assert_non_null(strstr(f->ui.msg, want));
	ui_input(&f->ui, 'q');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	/* n after closing the list shows its selected (first) hit, then the next ones */
	ui_input(&f->ui, 'n');
	snprintf(want, sizeof want, "Hit 1 of %zu for \"exercise\"", n);
	assert_non_null(strstr(f->ui.msg, want));
	ui_input(&f->ui, 'n');
	ui_input(&f->ui, 'n');
	snprintf(want, sizeof want, "Hit 3 of %zu", n);
	assert_non_null(strstr(f->ui.msg, want));
	ui_input(&f->ui, 'N');
	snprintf(want, sizeof want, "Hit 2 of %zu", n);
	assert_non_null(strstr(f->ui.msg, want));
	/* the list's selection followed */
	{
		char *pos = ui_results_view.position(&f->ui, v);

		snprintf(want, sizeof want, "hit 2 of %zu", n);
		assert_non_null(pos);
		assert_string_equal(pos, want);
		free(pos);
	}
	/* N before the first wraps to the last (a stakeholder: its card opens) */
	ui_input(&f->ui, 'N');
	ui_input(&f->ui, 'N');
	snprintf(want, sizeof want, "Hit %zu of %zu", n, n);
	assert_non_null(strstr(f->ui.msg, want));
	assert_ptr_equal(ui_view_top(&f->ui), &ui_stake_detail_view);
}

static void
results__a_stakeholder_hit_opens_its_view(void **state)
{
	struct fx *f = *state;
	struct ui_results *v;
	const char *s;

	ui_results_search(&f->ui, "Lenna");
	v = ui_view_state(&f->ui, &ui_results_view);
	fx_find_hit(f, v, "stakeholder");
	ui_input(&f->ui, KEYS_ENTER);
	assert_ptr_equal(ui_view_top(&f->ui), &ui_stake_detail_view);
	ui_stake_detail_view.draw(&f->ui, ui_view_state(&f->ui, &ui_stake_detail_view));
	/* read the stakeholder view back from its window */
	f->w = (delwin(f->w), f->ui.w_view);
	s = fx_screen(f);
	f->w = NULL;
	assert_non_null(strstr(s, "Lenna"));
	assert_non_null(strstr(s, "influence"));
	assert_non_null(strstr(s, "Roles"));
	assert_non_null(strstr(s, "Actions it owns"));
	ui_input(&f->ui, 'q');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_results_view);
}

static void
results__the_excerpt_shows_the_match_even_far_into_the_text(void **state)
{
	struct fx *f = *state;
	struct wb_note note = { 0 };
	char body[600];

	memset(body, 0, sizeof body);
	for (int i = 0; i < 50; i++)
		strcat(body, "padding ");
	strcat(body, "the zebraword is here, and more text after it to fill the line");
	note.ref = "64/211:6";
	note.body = body;
	assert_int_equal(wb_note_add(f->wb, &note, NULL), 0);
	assert_int_equal(ui_results_run(&f->ui, f->rv, "zebraword"), 1);
	ui_results_draw(&f->ui, f->rv, f->w);
	assert_non_null(strstr(fx_line(f, 2), "zebraword"));
	assert_true(text_width(fx_line(f, 2), strlen(fx_line(f, 2))) <= 80);
	/* the word is highlighted, the rest of the selected line is not */
	{
		const char *line = fx_line(f, 2);
		int x = text_width(line, (size_t)(strstr(line, "zebraword") - line));

		assert_true((mvwinch(f->w, 2, x + 1) & A_ATTRIBUTES) ==
		    (f->ui.style[UI_MATCH] & A_ATTRIBUTES));
		assert_true((mvwinch(f->w, 2, x - 3) & A_ATTRIBUTES) ==
		    (f->ui.style[UI_SELECTED] & A_ATTRIBUTES));
	}
}

static void
browser__q_goes_back_to_where_a_jump_came_from_then_quits(void **state)
{
	struct fx *f = *state;
	const struct ui_nav_row *r;
	size_t sel = f->ui.nav.sel;

	assert_int_equal(ui_browser_depth(&f->ui), 0);
	ui_results_search(&f->ui, "escalation");
	ui_input(&f->ui, KEYS_ENTER);
	assert_int_equal(ui_browser_depth(&f->ui), 1);
	assert_true(f->ui.nav.sel != sel);
	ui_input(&f->ui, 'A');
	ui_input(&f->ui, KEYS_ENTER);       /* an action's item: another jump */
	assert_int_equal(ui_browser_depth(&f->ui), 2);
	ui_input(&f->ui, KEYS_BACKSPACE);
	assert_int_equal(ui_browser_depth(&f->ui), 1);
	ui_input(&f->ui, 'q');
	assert_int_equal(ui_browser_depth(&f->ui), 0);
	assert_int_equal(f->ui.nav.sel, sel);
	r = ui_nav_current(&f->ui);
	assert_int_equal(r->kind, UI_NAV_FW);
	assert_int_equal(f->ui.quit, 0);
	ui_input(&f->ui, KEYS_BACKSPACE);
	assert_non_null(strstr(f->ui.msg, "Nothing to go back to"));
	ui_input(&f->ui, 'q');          /* the search highlight first */
	ui_input(&f->ui, 'q');
	assert_int_equal(f->ui.quit, 1);
}

/* ---- going to a typed reference; the title bar ---- */

static void
fx_type(struct fx *f, const char *s)
{
	for (; *s != '\0'; s++)
		ui_input(&f->ui, (unsigned char)*s);
}

static const char *
fx_item_ref(struct fx *f)
{
	const struct ui_nav_row *r = ui_nav_current(&f->ui);

	assert_non_null(r);
	assert_int_equal(r->kind, UI_NAV_ITEM);
	return f->cat->fws[r->fw]->items[r->item].ref;
}

static void
browser__a_typed_reference_goes_there_and_q_comes_back(void **state)
{
	struct fx *f = *state;

	fx_type(f, "64/211:10");
	assert_true(f->ui.search.prompt);
	assert_true(f->ui.search.go);
	ui_input(&f->ui, KEYS_ENTER);
	assert_false(f->ui.search.prompt);
	assert_string_equal(fx_item_ref(f), "64/211:10");
	assert_int_equal(ui_browser_depth(&f->ui), 1);
	/* ":4" and "7": items of the framework of the selection */
	fx_type(f, ":4");
	ui_input(&f->ui, KEYS_ENTER);
	assert_string_equal(fx_item_ref(f), "64/211:4");
	fx_type(f, "7");
	ui_input(&f->ui, KEYS_ENTER);
	assert_string_equal(fx_item_ref(f), "64/211:7");
	assert_int_equal(ui_browser_depth(&f->ui), 3);
	/* a reference that does not exist: a message, no move, nothing to come back to */
	fx_type(f, "99/999:1");
	ui_input(&f->ui, KEYS_ENTER);
	assert_non_null(strstr(f->ui.msg, "is not an item"));
	assert_string_equal(fx_item_ref(f), "64/211:7");
	assert_int_equal(ui_browser_depth(&f->ui), 3);
	ui_input(&f->ui, 'q');
	assert_string_equal(fx_item_ref(f), "64/211:4");
	/* Esc cancels the prompt */
	fx_type(f, "5");
	ui_input(&f->ui, KEYS_ESC);
	assert_false(f->ui.search.prompt);
	assert_string_equal(fx_item_ref(f), "64/211:4");
}

static void
results__a_search_for_a_reference_lists_that_item_first(void **state)
{
	struct fx *f = *state;
	const char *kind, *ref;
	int64_t id;
	int n;

	n = ui_results_run(&f->ui, f->rv, "58/199:3");
	assert_true(n >= 1);
	assert_int_equal(ui_results_selected(f->rv, &kind, &id, &ref), 0);
	assert_string_equal(kind, "annex");
	assert_string_equal(ref, "58/199:3");
	/* listed once */
	for (int i = 1; i < n; i++) {
		fx_rkey(f, 'j');
		assert_int_equal(ui_results_selected(f->rv, &kind, &id, &ref), 0);
		assert_false(strcmp(kind, "annex") == 0 && strcmp(ref, "58/199:3") == 0);
	}
}

static void
title__shows_the_workshop_title_the_group_and_the_views_path(void **state)
{
	struct fx *f = *state;
	struct wb_details d;
	char buf[256];
	int64_t gid;
	int n;

	assert_int_equal(wb_details_get(f->wb, &d), 0);
	assert_non_null(f->ui.wb_title);
	assert_string_equal(f->ui.wb_title, d.title);
	wb_details_free(&d);
	assert_int_equal(wb_group_add(f->wb, "Table Kestrel", &gid), 0);
	assert_int_equal(wb_group_set_current(f->wb, gid), 0);
	ui_view_reload_all(&f->ui);
	assert_non_null(f->ui.wb_group);
	assert_string_equal(f->ui.wb_group, "Table Kestrel");
	ui_input(&f->ui, 'A');
	ui_results_search(&f->ui, "exercise");
	ui_draw(&f->ui);
	n = mvwinnstr(f->ui.w_title, 0, 0, buf, (int)sizeof buf - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "Veloria"));
	assert_non_null(strstr(buf, "group Table Kestrel"));
	assert_non_null(strstr(buf, "Actions"));
	assert_non_null(strstr(buf, "Search"));
}

/* The Summary view shows its first page at once and leaves the rest to the idle time: the
 * page count says so; an export meanwhile writes the whole summary; q drops the rest; the
 * idle slices lay it out to the end and the count is then the real one. */
static void
summary_view__first_page_at_once_the_rest_in_idle_time(void **state)
{
	struct fx *f = *state;
	const struct ui_view_ops *v = &ui_summary_view;
	struct summary_opts o;
	struct summary *s = NULL;
	char *pos, *txt, *want = NULL, *err = NULL, *path, count[32];
	size_t len, n = 0, i, pages = 1;
	FILE *fp;

	setenv("SOURCE_DATE_EPOCH", "1773248400", 1);
	assert_int_equal(ui_view_push(&f->ui, v), 0);
	ui_draw(&f->ui);
	assert_non_null(f->ui.idle);
	pos = v->position(&f->ui, ui_view_state(&f->ui, v));
	assert_non_null(pos);
	assert_non_null(strstr(pos, "page 1 of 1"));
	assert_string_not_equal(pos, "page 1 of 1");
	free(pos);
	/* An export now writes the whole summary, as `ciipwb summary` prints it. */
	ui_input(&f->ui, 't');
	assert_non_null(f->ui.idle);
	path = tu_path(f->dir, "demo-summary.txt");
	txt = tu_read_file(path, &len);
	memset(&o, 0, sizeof o);
	o.paper_a4 = 1;
	o.width = 80;
	o.now = summary_now();
	assert_int_equal(summary_build(f->wb, f->cat, &o, &s, &err), 0);
	assert_non_null(fp = open_memstream(&want, &n));
	assert_int_equal(summary_write(s, SUMMARY_TEXT, fp, &err), 0);
	fclose(fp);
	assert_int_equal(len, n);
	assert_memory_equal(txt, want, n);
	for (i = 0; i < n; i++)
		pages += want[i] == '\f';
	/* q leaves at once and drops the rest. */
	ui_input(&f->ui, 'q');
	assert_ptr_equal(ui_view_top(&f->ui), &ui_browser_view);
	assert_null(f->ui.idle);
	/* Again, and the idle time to the end: the count is known. */
	assert_int_equal(ui_view_push(&f->ui, v), 0);
	ui_draw(&f->ui);
	while (ui_idle_slice(&f->ui))
		;
	assert_null(f->ui.idle);
	pos = v->position(&f->ui, ui_view_state(&f->ui, v));
	snprintf(count, sizeof count, "page 1 of %zu", pages);
	assert_string_equal(pos, count);
	free(pos);
	summary_free(s);
	free(want);
	free(txt);
	free(path);
	unsetenv("SOURCE_DATE_EPOCH");
}

/* An edit while the Summary view lays out drops what it laid out (the workbook as it was)
 * and the view lays it out again, with the edit, when drawn. */
static void
summary_view__an_edit_during_the_layout_lays_it_out_again(void **state)
{
	struct fx *f = *state;
	const struct ui_view_ops *v = &ui_summary_view;
	struct wb_details d;
	const char *title;

	assert_int_equal(ui_view_push(&f->ui, v), 0);
	ui_draw(&f->ui);
	assert_non_null(f->ui.idle);
	assert_null(strstr(fx_screen_of(f->ui.w_view), "Renamed workshop"));
	assert_int_equal(wb_details_get(f->wb, &d), 0);
	title = d.title;
	d.title = "Renamed workshop";
	assert_int_equal(wb_details_set(f->wb, &d), 0);
	d.title = title;
	wb_details_free(&d);
	ui_view_reload_all(&f->ui);
	assert_null(f->ui.idle);
	ui_draw(&f->ui);
	assert_non_null(f->ui.idle);
	assert_non_null(strstr(fx_screen_of(f->ui.w_view), "Renamed workshop"));
	while (ui_idle_slice(&f->ui))
		;
	assert_null(f->ui.idle);
}

/* ---- finding a word in text: case and accents folded ---- */

static void
search_find__folds_case_and_accents_wherever_the_match_starts(void **state)
{
	size_t len = 0;

	(void)state;
	assert_int_equal(ui_search_find("The QUOKKA and the quokka", 0, "quokka", &len), 4);
	assert_int_equal(len, 6);
	assert_int_equal(ui_search_find("The QUOKKA and the quokka", 5, "Quokka", &len), 19);
	/* "Qu\u00e9bec": the match ends after the two bytes of the e with an acute. */
	assert_int_equal(ui_search_find("Ville de Qu\xC3\xA9" "bec", 0, "quebec", &len), 9);
	assert_int_equal(len, 7);
	/* A needle that starts outside ASCII finds a haystack letter inside it, and back. */
	assert_int_equal(ui_search_find("L'ETE", 0, "\xC3\xA9t\xC3\xA9", &len), 2);
	assert_int_equal(len, 3);
	assert_int_equal(ui_search_find("l'\xC3\x89T\xC3\x89", 0, "ete", &len), 2);
	assert_int_equal(len, 5);
	/* A combining mark in the haystack is passed over. */
	assert_int_equal(ui_search_find("cafe\xCC\x81 noir", 0, "cafe noir", &len), 0);
	assert_int_equal(len, 11);
	assert_int_equal(ui_search_find("nothing here", 0, "quokka", &len), -1);
	assert_int_equal(ui_search_find("quokk", 0, "quokka", &len), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		cmocka_unit_test(search_find__folds_case_and_accents_wherever_the_match_starts),
		T(actions_view__lists_every_action_and_marks_the_overdue_ones),
		T(actions_view__shows_owner_names_and_cuts_long_titles_with_an_ellipsis),
		T(actions_view__filters_by_status_and_priority_and_clears),
		T(actions_view__filters_by_owner_and_overdue),
		T(actions_view__filters_by_framework_and_heading),
		T(actions_view__sorts_by_priority),
		T(actions_view__x_marks_the_selected_action_done_in_one_key),
		T(actions_view__columns_do_not_move_when_nothing_matches),
		T(actions_view__d_deletes_the_selected_action_after_a_yes),
		cmocka_unit_test_setup_teardown(actions_view__uses_the_width_of_a_wide_screen,
		    setup_wide, teardown),
		T(actions_view__enter_shows_the_item_and_closes),
		T(actions_view__passes_global_keys_and_closes_on_q_and_esc),
		T(actions_view__draws_workbook_text_inert),
		T(actions_view__fits_wide_characters_by_display_width),
		T(actions_view__reload_keeps_filters_and_sees_changes),
		cmocka_unit_test_setup_teardown(actions_view__marks_overdue_without_colour,
		    setup_mono, teardown),
		cmocka_unit_test_setup_teardown(actions_view__fits_a_narrow_screen,
		    setup_narrow, teardown),
		T(actions_view__says_when_no_workbook_is_open),
		T(show_ref__shows_a_headings_first_item_and_refuses_unknown_refs),
		T(results__finds_captured_text_and_annex_text),
		T(results__show_short_titles_of_annex_items),
		T(results__stop_at_the_limit),
		T(results__say_when_nothing_is_found),
		T(results__draw_captured_text_inert),
		cmocka_unit_test(views__every_view_in_the_table_has_every_callback),
		T(views__the_browser_is_at_the_bottom_and_cannot_be_popped),
		T(views__pop_comes_back_exactly_where_the_view_below_was),
		T(views__a_search_from_a_view_pushes_the_results_and_enter_goes_to_the_browser),
		T(views__nothing_found_leaves_no_results_view_open),
		T(results__enter_on_a_note_hit_puts_the_text_cursor_on_that_note),
		T(results__n_and_N_go_through_the_hits_in_the_order_and_count_of_the_list),
		T(results__a_stakeholder_hit_opens_its_view),
		T(results__the_excerpt_shows_the_match_even_far_into_the_text),
		T(browser__q_goes_back_to_where_a_jump_came_from_then_quits),
		T(browser__a_typed_reference_goes_there_and_q_comes_back),
		T(results__a_search_for_a_reference_lists_that_item_first),
		T(title__shows_the_workshop_title_the_group_and_the_views_path),
		T(summary_view__first_page_at_once_the_rest_in_idle_time),
		T(summary_view__an_edit_during_the_layout_lays_it_out_again),
#undef T
	};

	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
