/* test-ui-edit.c: the editor widget driven key by key over a curses screen on /dev/null, and $EDITOR. */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ui_choose.h"
#include "ui_edit.h"

#define ZHONG "\xe4\xb8\xad"
#define WEN "\xe6\x96\x87"

static SCREEN *scr;
static FILE *fout, *fin;
static char tmpdir[] = "/tmp/test-ui-edit-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	setenv("TERM", "xterm", 1);
	fout = fopen("/dev/null", "w");
	fin = fopen("/dev/null", "r");
	if (fout == NULL || fin == NULL || mkdtemp(tmpdir) == NULL)
		return -1;
	scr = newterm(NULL, fout, fin);
	if (scr == NULL)
		return -1;
	keypad(stdscr, TRUE);
	setenv("TMPDIR", tmpdir, 1);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	endwin();
	delscreen(scr);
	fclose(fout);
	fclose(fin);
	rmdir(tmpdir);
	return 0;
}

static void
open_edit(struct ui_edit *e, const char *text, int multiline)
{
	assert_int_equal(ui_edit_open(e, "Note on 64/211:5", text, multiline), 0);
}

static void
type(struct ui_edit *e, const char *s)
{
	while (*s != '\0')
		assert_int_equal(ui_edit_key(e, (unsigned char)*s++), UI_EDIT_CONTINUE);
}

/* Row Y of W as text (multibyte), trailing blanks removed. */
static void
row(WINDOW *w, int y, char *buf, int n)
{
	int len;

	assert_true(mvwinnstr(w, y, 0, buf, n - 1) != ERR);
	len = (int)strlen(buf);
	while (len > 0 && buf[len - 1] == ' ')
		buf[--len] = '\0';
}

static int
dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n == 0;
}

static void
ui_edit_key__inserts_lines_and_saves_on_ctrl_d_or_f10_in_a_note(void **state)
{
	struct ui_edit e;

	(void)state;
	open_edit(&e, NULL, 1);
	type(&e, "ab");
	assert_int_equal(ui_edit_key(&e, '\r'), UI_EDIT_CONTINUE);
	assert_int_equal(ui_edit_key(&e, 0x4E2D), UI_EDIT_CONTINUE);
	assert_string_equal(ui_edit_text(&e), "ab\n" ZHONG);
	assert_true(ui_edit_changed(&e));
	assert_int_equal(ui_edit_key(&e, KEYS_CTRL('d')), UI_EDIT_SAVE);
	assert_int_equal(ui_edit_key(&e, KEYS_FN | KEY_F(10)), UI_EDIT_SAVE);
	assert_int_equal(ui_edit_key(&e, KEYS_ESC), UI_EDIT_CANCEL);
	assert_int_equal(ui_edit_key(&e, KEYS_CTRL('x')), UI_EDIT_EXTERNAL);
	ui_edit_close(&e);
}

static void
ui_edit_key__saves_on_enter_in_a_one_line_field(void **state)
{
	struct ui_edit e;

	(void)state;
	open_edit(&e, "Patch the SCADA gateway", 0);
	assert_false(ui_edit_changed(&e));
	assert_int_equal(ui_edit_key(&e, KEYS_FN | KEY_ENTER), UI_EDIT_SAVE);
	assert_int_equal(ui_edit_key(&e, KEYS_CTRL('g')), UI_EDIT_CANCEL);
	assert_string_equal(ui_edit_text(&e), "Patch the SCADA gateway");
	ui_edit_close(&e);
}

static void
ui_edit_key__edits_with_the_readline_keys(void **state)
{
	struct ui_edit e;

	(void)state;
	open_edit(&e, "first line\nsecond, third", 1);
	ui_edit_key(&e, KEYS_CTRL('w'));
	assert_string_equal(ui_edit_text(&e), "first line\nsecond, ");
	ui_edit_key(&e, KEYS_FN | KEY_BACKSPACE);
	ui_edit_key(&e, KEYS_CTRL('h'));
	assert_string_equal(ui_edit_text(&e), "first line\nsecond");
	ui_edit_key(&e, KEYS_CTRL('u'));
	assert_string_equal(ui_edit_text(&e), "first line\n");
	ui_edit_key(&e, KEYS_FN | KEY_UP);
	ui_edit_key(&e, KEYS_FN | KEY_HOME);
	ui_edit_key(&e, KEYS_FN | KEY_DC);
	assert_string_equal(ui_edit_text(&e), "irst line\n");
	ui_edit_key(&e, KEYS_CTRL('e'));
	ui_edit_key(&e, KEYS_CTRL('k'));
	assert_string_equal(ui_edit_text(&e), "irst line");
	ui_edit_key(&e, KEYS_CTRL('a'));
	ui_edit_key(&e, KEYS_CTRL('k'));
	assert_string_equal(ui_edit_text(&e), "");
	ui_edit_close(&e);
}

static void
ui_edit_key__ignores_controls_and_unbound_function_keys(void **state)
{
	struct ui_edit e;

	(void)state;
	open_edit(&e, "x", 1);
	ui_edit_key(&e, KEYS_CTRL('t'));
	ui_edit_key(&e, 0x85);
	ui_edit_key(&e, 0x7f00 | 0);
	ui_edit_key(&e, 0xD800);
	ui_edit_key(&e, KEYS_FN | KEY_F(5));
	ui_edit_key(&e, KEYS_FN | KEY_RESIZE);
	ui_edit_key(&e, '\t');
	assert_string_equal(ui_edit_text(&e), "x\xe7\xbc\x80");
	ui_edit_close(&e);
}

/* Keys after an ESC, from a string (a -1 at its end: nothing more came in time). */
static int
next_of(void *arg)
{
	const char **p = arg;

	if (**p == '\0')
		return -1;
	return (unsigned char)*(*p)++;
}

static int
decode(const char *rest, int *follow)
{
	return ui_edit_escape(next_of, &rest, follow);
}

static void
ui_edit_escape__maps_home_and_end_variants_and_drops_the_rest(void **state)
{
	static const char *const home[] = { "[1~", "[7~", "[H", "OH", "[1;5H" };
	static const char *const end[] = { "[4~", "[8~", "[F", "OF" };
	static const char *const dropped[] = { "[200~", "[2~", "[99;3x", "[15;2~", "[", "[1",
	    "OZ", "O1", "[?25h" };
	int follow;

	(void)state;
	for (size_t i = 0; i < sizeof home / sizeof home[0]; i++)
		assert_int_equal(decode(home[i], &follow), KEYS_FN | KEY_HOME);
	for (size_t i = 0; i < sizeof end / sizeof end[0]; i++)
		assert_int_equal(decode(end[i], &follow), KEYS_FN | KEY_END);
	assert_int_equal(decode("[3~", &follow), KEYS_FN | KEY_DC);
	assert_int_equal(decode("[1;5D", &follow), UI_EDIT_KEY_WORD_LEFT);
	assert_int_equal(decode("[1;3C", &follow), UI_EDIT_KEY_WORD_RIGHT);
	assert_int_equal(decode("OA", &follow), KEYS_FN | KEY_UP);
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		assert_int_equal(decode(dropped[i], &follow), 0);
	/* ESC alone, and ESC with a key typed after it: that key is the caller's. */
	assert_int_equal(decode("", &follow), KEYS_ESC);
	assert_int_equal(follow, -1);
	assert_int_equal(decode("y", &follow), KEYS_ESC);
	assert_int_equal(follow, 'y');
}

/* The bytes of S come next on the curses input (unget pushes onto a stack: last first). */
static void
pending(const char *s)
{
	for (size_t i = strlen(s); i > 0; i--)
		assert_int_not_equal(unget_wch((wchar_t)(unsigned char)s[i - 1]), ERR);
}

static void
ui_edit_key__takes_home_and_end_sequences_and_never_types_one(void **state)
{
	struct ui_edit e;

	(void)state;
	open_edit(&e, "bc", 1);
	pending("[1~");
	assert_int_equal(ui_edit_key(&e, KEYS_ESC), UI_EDIT_CONTINUE);
	type(&e, "a");
	pending("[4~");
	assert_int_equal(ui_edit_key(&e, KEYS_ESC), UI_EDIT_CONTINUE);
	type(&e, "d");
	pending("[7~");
	assert_int_equal(ui_edit_key(&e, KEYS_ESC), UI_EDIT_CONTINUE);
	type(&e, ">");
	pending("[200~");
	assert_int_equal(ui_edit_key(&e, KEYS_ESC), UI_EDIT_CONTINUE);
	pending("[9;9Q");
	assert_int_equal(ui_edit_key(&e, KEYS_ESC), UI_EDIT_CONTINUE);
	assert_string_equal(ui_edit_text(&e), ">abcd");
	/* ESC alone still leaves the editor. */
	assert_int_equal(ui_edit_key(&e, KEYS_ESC), UI_EDIT_CANCEL);
	ui_edit_close(&e);
}

static void
ui_edit_key__moves_by_word_on_ctrl_left_and_ctrl_right(void **state)
{
	struct ui_edit e;
	int cleft = key_defined("\033[1;5D"), cright = key_defined("\033[1;5C");

	(void)state;
	assert_true(cleft > 0);
	assert_true(cright > 0);
	open_edit(&e, "alpha, beta", 0);
	ui_edit_key(&e, KEYS_FN | cleft);
	assert_int_equal(e.eb.cur, 7);
	ui_edit_key(&e, KEYS_FN | cleft);
	assert_int_equal(e.eb.cur, 0);
	ui_edit_key(&e, KEYS_FN | cright);
	assert_int_equal(e.eb.cur, 7);
	ui_edit_close(&e);
}

static void
ui_edit_draw__shows_title_text_and_key_hint(void **state)
{
	struct ui_edit e;
	WINDOW *w = newwin(5, 40, 0, 0);
	char buf[256];

	(void)state;
	assert_non_null(w);
	open_edit(&e, "hello", 1);
	ui_edit_draw(&e, w, A_NORMAL, A_REVERSE);
	assert_int_equal(getcury(w), 1);
	assert_int_equal(getcurx(w), 5);
	row(w, 0, buf, sizeof buf);
	assert_string_equal(buf, "Note on 64/211:5");
	row(w, 1, buf, sizeof buf);
	assert_string_equal(buf, "hello");
	row(w, 4, buf, sizeof buf);
	assert_non_null(strstr(buf, "C-d save"));
	assert_non_null(strstr(buf, "Esc cancel"));
	assert_true((mvwinch(w, 0, 0) & A_REVERSE) != 0);
	ui_edit_close(&e);
	open_edit(&e, "", 0);
	ui_edit_draw(&e, w, A_NORMAL, A_REVERSE);
	row(w, 4, buf, sizeof buf);
	assert_non_null(strstr(buf, "Enter save"));
	ui_edit_close(&e);
	delwin(w);
}

/* The chooser reads Home and End sent as ESC sequences the same way, and only a lone ESC
 * (or one with a key typed soon after) cancels it. */
static void
ui_choose_key__takes_home_and_end_sequences_and_cancels_on_esc_alone(void **state)
{
	struct ui_choose c = { 0 };
	int k;

	(void)state;
	assert_int_equal(ui_choose_open(&c, "Rating"), 0);
	assert_int_equal(ui_choose_add(&c, "one"), 0);
	assert_int_equal(ui_choose_add(&c, "two"), 0);
	assert_int_equal(ui_choose_add(&c, "three"), 0);
	ui_choose_select(&c, 1);
	pending("[4~");
	assert_int_equal(ui_choose_key(&c, KEYS_ESC), UI_CHOOSE_CONTINUE);
	assert_int_equal(c.sel, 2);
	pending("[1~");
	assert_int_equal(ui_choose_key(&c, KEYS_ESC), UI_CHOOSE_CONTINUE);
	assert_int_equal(c.sel, 0);
	pending("OF");
	assert_int_equal(ui_choose_key(&c, KEYS_ESC), UI_CHOOSE_CONTINUE);
	assert_int_equal(c.sel, 2);
	/* An unknown sequence is dropped whole, never read as keys (no "j" moves). */
	pending("[9;9j");
	assert_int_equal(ui_choose_key(&c, KEYS_ESC), UI_CHOOSE_CONTINUE);
	assert_int_equal(c.sel, 2);
	/* ESC with a key right after it: cancelled, and the key is left for the caller. */
	pending("y");
	assert_int_equal(ui_choose_key(&c, KEYS_ESC), UI_CHOOSE_CANCEL);
	assert_int_equal(get_wch((wint_t *)&k), OK);
	assert_int_equal(k, 'y');
	/* ESC alone cancels. */
	assert_int_equal(ui_choose_key(&c, KEYS_ESC), UI_CHOOSE_CANCEL);
	ui_choose_close(&c);
}

static void
ui_edit_draw__shows_escape_sequences_inert_but_keeps_them_in_the_text(void **state)
{
	static const char evil[] = "a\x1b[2J\x1b]0;pwned\x07z";
	struct ui_edit e;
	WINDOW *w = newwin(4, 40, 0, 0);
	char buf[256];

	(void)state;
	open_edit(&e, evil, 1);
	ui_edit_draw(&e, w, A_NORMAL, A_NORMAL);
	row(w, 1, buf, sizeof buf);
	assert_string_equal(buf, "a[2J]0;pwnedz");
	assert_string_equal(ui_edit_text(&e), evil);
	ui_edit_close(&e);
	delwin(w);
}

static void
ui_edit_draw__wraps_wide_characters_by_display_width(void **state)
{
	struct ui_edit e;
	WINDOW *w = newwin(5, 9, 0, 0);
	char buf[256];

	(void)state;
	open_edit(&e, ZHONG WEN ZHONG WEN ZHONG WEN, 0);
	ui_edit_draw(&e, w, A_NORMAL, A_NORMAL);
	assert_int_equal(getcury(w), 3);
	assert_int_equal(getcurx(w), 4);
	/* The title wraps onto two lines in 9 columns; the text follows it. */
	row(w, 0, buf, sizeof buf);
	assert_string_equal(buf, "Note on");
	row(w, 1, buf, sizeof buf);
	assert_string_equal(buf, "64/211:5");
	row(w, 2, buf, sizeof buf);
	assert_string_equal(buf, ZHONG WEN ZHONG WEN);
	row(w, 3, buf, sizeof buf);
	assert_string_equal(buf, ZHONG WEN);
	/* Up keeps the column over the wrapped line, at the width last drawn. */
	ui_edit_key(&e, KEYS_FN | KEY_UP);
	assert_int_equal(e.eb.cur, 6);
	ui_edit_close(&e);
	delwin(w);
}

static void
ui_edit_draw__scrolls_to_keep_the_cursor_visible(void **state)
{
	struct ui_edit e;
	WINDOW *w = newwin(5, 30, 0, 0);
	char text[400] = "", buf[256];

	(void)state;
	for (int i = 1; i <= 20; i++) {
		snprintf(buf, sizeof buf, "line %d%s", i, i < 20 ? "\n" : "");
		strcat(text, buf);
	}
	open_edit(&e, text, 1);
	ui_edit_draw(&e, w, A_NORMAL, A_NORMAL);
	assert_int_equal(getcury(w), 3);
	row(w, 3, buf, sizeof buf);
	assert_string_equal(buf, "line 20");
	row(w, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "20/20"));
	for (int i = 0; i < 19; i++) {
		ui_edit_key(&e, KEYS_FN | KEY_UP);
		ui_edit_draw(&e, w, A_NORMAL, A_NORMAL);
	}
	assert_int_equal(getcury(w), 1);
	row(w, 1, buf, sizeof buf);
	assert_string_equal(buf, "line 1");
	ui_edit_key(&e, KEYS_FN | KEY_NPAGE);
	ui_edit_draw(&e, w, A_NORMAL, A_NORMAL);
	row(w, getcury(w), buf, sizeof buf);
	assert_string_equal(buf, "line 3");
	ui_edit_close(&e);
	delwin(w);
}

static void
ui_edit_paste__takes_a_megabyte_and_draws_its_end(void **state)
{
	size_t n = 1u << 20;
	char *big = malloc(n);
	struct ui_edit e;
	WINDOW *w = newwin(6, 50, 0, 0);
	char buf[256];

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
	big[n - 1] = 'Z';
	open_edit(&e, NULL, 1);
	assert_int_equal(ui_edit_paste(&e, big, n), 0);
	assert_int_equal(strlen(ui_edit_text(&e)), n);
	ui_edit_draw(&e, w, A_NORMAL, A_NORMAL);
	assert_int_equal(getcury(w), 4);
	row(w, 4, buf, sizeof buf);
	assert_int_equal(buf[strlen(buf) - 1], 'Z');
	ui_edit_close(&e);
	free(big);
	delwin(w);
}

static void
ui_edit_external__reads_back_what_the_editor_wrote(void **state)
{
	char *out = NULL, *err = NULL;

	(void)state;
	setenv("VISUAL", "sed -i s/draft/final/", 1);
	assert_int_equal(ui_edit_external("the draft text", &out, &err), 0);
	assert_null(err);
	assert_string_equal(out, "the final text");
	free(out);
	assert_true(dir_is_empty(tmpdir));
	unsetenv("VISUAL");
}

static void
ui_edit_external__drops_the_newline_the_editor_added(void **state)
{
	char *out = NULL, *err = NULL;

	(void)state;
	setenv("VISUAL", "", 1);
	setenv("EDITOR", "sh -c 'printf \"%s\\n\" \"typed $(cat \"$1\")\" > \"$1\"' sh", 1);
	assert_int_equal(ui_edit_external("\xd9\x85\xd8\xb1 ok", &out, &err), 0);
	assert_string_equal(out, "typed \xd9\x85\xd8\xb1 ok");
	free(out);
	assert_int_equal(ui_edit_external("two\n", &out, &err), 0);
	assert_string_equal(out, "typed two\n");
	free(out);
	unsetenv("EDITOR");
	unsetenv("VISUAL");
}

/* The file ends with a newline, so a line the editor appends starts a line of its own. */
static void
ui_edit_external__keeps_an_appended_line_on_its_own_line(void **state)
{
	char *out = NULL, *err = NULL;

	(void)state;
	setenv("VISUAL", "sh -c 'echo \"Line appended\" >> \"$1\"' sh", 1);
	assert_int_equal(ui_edit_external("the ministry.", &out, &err), 0);
	assert_string_equal(out, "the ministry.\nLine appended");
	free(out);
	assert_int_equal(ui_edit_external("", &out, &err), 0);
	assert_string_equal(out, "Line appended");
	free(out);
	/* An editor that leaves the last line unterminated: the text is as it left it. */
	setenv("VISUAL", "sh -c 'printf \"one\\ntwo\" > \"$1\"' sh", 1);
	assert_int_equal(ui_edit_external("x", &out, &err), 0);
	assert_string_equal(out, "one\ntwo");
	free(out);
	assert_true(dir_is_empty(tmpdir));
	unsetenv("VISUAL");
}

static void
ui_edit_external__uses_a_private_file(void **state)
{
	char *out = NULL, *err = NULL, mode[64], cmd[300];
	FILE *fp;

	(void)state;
	snprintf(mode, sizeof mode, "%s/../test-ui-edit-mode-%ld", tmpdir, (long)getpid());
	snprintf(cmd, sizeof cmd, "sh -c 'stat -c %%a \"$1\" > \"$0\"' %s", mode);
	setenv("VISUAL", cmd, 1);
	assert_int_equal(ui_edit_external("secret", &out, &err), 0);
	assert_string_equal(out, "secret");
	free(out);
	fp = fopen(mode, "r");
	assert_non_null(fp);
	assert_non_null(fgets(cmd, sizeof cmd, fp));
	fclose(fp);
	unlink(mode);
	assert_string_equal(cmd, "600\n");
	assert_true(dir_is_empty(tmpdir));
	unsetenv("VISUAL");
}

static void
ui_edit_external__fails_with_a_message_when_the_editor_fails(void **state)
{
	char *out = (char *)"x", *err = NULL;

	(void)state;
	setenv("VISUAL", "false", 1);
	assert_int_equal(ui_edit_external("keep me", &out, &err), -1);
	assert_null(out);
	assert_non_null(err);
	assert_non_null(strstr(err, "'false'"));
	assert_non_null(strstr(err, "unchanged"));
	free(err);
	setenv("VISUAL", "/nonexistent/editor", 1);
	assert_int_equal(ui_edit_external("keep me", &out, &err), -1);
	assert_non_null(strstr(err, "VISUAL or EDITOR"));
	free(err);
	assert_true(dir_is_empty(tmpdir));
	unsetenv("VISUAL");
}

static void
ui_edit_run_external__replaces_the_text_only_on_success(void **state)
{
	struct ui_edit e;
	char *err = NULL;

	(void)state;
	open_edit(&e, "note", 1);
	setenv("VISUAL", "false", 1);
	assert_int_equal(ui_edit_run_external(&e, &err), -1);
	free(err);
	assert_string_equal(ui_edit_text(&e), "note");
	assert_false(ui_edit_changed(&e));
	setenv("VISUAL", "sed -i s/note/new\\ note/", 1);
	assert_int_equal(ui_edit_run_external(&e, &err), 0);
	assert_string_equal(ui_edit_text(&e), "new note");
	assert_true(ui_edit_changed(&e));
	unsetenv("VISUAL");
	ui_edit_close(&e);
}

static void
ui_edit_keys__names_every_key_with_help(void **state)
{
	(void)state;
	assert_true(ui_edit_nkeys >= 15);
	for (size_t i = 0; i < ui_edit_nkeys; i++) {
		assert_non_null(ui_edit_keys[i].name);
		assert_non_null(ui_edit_keys[i].keys);
		assert_non_null(ui_edit_keys[i].help);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(ui_edit_keys[i].name, ui_edit_keys[j].name);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ui_edit_key__inserts_lines_and_saves_on_ctrl_d_or_f10_in_a_note),
		cmocka_unit_test(ui_edit_key__saves_on_enter_in_a_one_line_field),
		cmocka_unit_test(ui_edit_key__edits_with_the_readline_keys),
		cmocka_unit_test(ui_edit_key__ignores_controls_and_unbound_function_keys),
		cmocka_unit_test(ui_edit_escape__maps_home_and_end_variants_and_drops_the_rest),
		cmocka_unit_test(ui_choose_key__takes_home_and_end_sequences_and_cancels_on_esc_alone),
		cmocka_unit_test(ui_edit_key__takes_home_and_end_sequences_and_never_types_one),
		cmocka_unit_test(ui_edit_key__moves_by_word_on_ctrl_left_and_ctrl_right),
		cmocka_unit_test(ui_edit_draw__shows_title_text_and_key_hint),
		cmocka_unit_test(ui_edit_draw__shows_escape_sequences_inert_but_keeps_them_in_the_text),
		cmocka_unit_test(ui_edit_draw__wraps_wide_characters_by_display_width),
		cmocka_unit_test(ui_edit_draw__scrolls_to_keep_the_cursor_visible),
		cmocka_unit_test(ui_edit_paste__takes_a_megabyte_and_draws_its_end),
		cmocka_unit_test(ui_edit_external__reads_back_what_the_editor_wrote),
		cmocka_unit_test(ui_edit_external__drops_the_newline_the_editor_added),
		cmocka_unit_test(ui_edit_external__keeps_an_appended_line_on_its_own_line),
		cmocka_unit_test(ui_edit_external__uses_a_private_file),
		cmocka_unit_test(ui_edit_external__fails_with_a_message_when_the_editor_fails),
		cmocka_unit_test(ui_edit_run_external__replaces_the_text_only_on_success),
		cmocka_unit_test(ui_edit_keys__names_every_key_with_help),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, setup, teardown);
}
