/* ui.c: the browser: curses set-up, layout, resize, key dispatch and the main loop. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "framework.h"
#include "i18n.h"
#include "msg.h"
#include "text.h"
#include "ui.h"
#include "ui_browser.h"
#include "ui_modal.h"
#include "ui_results.h"
#include "ui_room.h"
#include "ui_script.h"
#include "ui_status.h"
#include "ui_wait.h"
#include "util.h"
#include "wb.h"
#include "wb_backup.h"
#include "wb_search.h"
#include <time.h>

#define UI_NAV_MIN 24           /* columns of the navigation pane */
#define UI_NAV_MAX 40

enum {
	UI_PAIR_SELECTED = 1,
	UI_PAIR_SELECTED_IDLE,
	UI_PAIR_HEADING,
	UI_PAIR_BAR,
	UI_PAIR_MATCH,
	UI_PAIR_LINK,
	UI_PAIR_ALERT
};

char *
ui_clean(const char *s)
{
	if (s == NULL)
		s = "";
	return text_sanitize(s, strlen(s), 0);
}

int
ui_put(WINDOW *w, const char *s, size_t len, int cols)
{
	int used = 0;
	size_t n;

	if (cols <= 0 || len == 0)
		return 0;
	n = text_fit(s, len, cols, &used);
	if (n > 0)
		waddnstr(w, s, (int)n);
	return used;
}

void
ui_blank(WINDOW *w, int cols)
{
	while (cols-- > 0)
		waddch(w, ' ');
}

const char *
ui_sep(const struct ui *ui)
{
	return ui->utf8 ? " \xc2\xb7 " : " - ";
}

void
ui_mark(struct ui *ui, unsigned dirty)
{
	ui->dirty |= dirty;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	char *whole;

	va_start(ap, fmt);
	whole = util_vasprintf(fmt, ap);
	va_end(ap);
	/* Kept whole for E (the Messages view); the line shows what fits. */
	msg_log_add(whole);
	snprintf(ui->msg, sizeof ui->msg, "%s", whole != NULL ? whole : _("out of memory"));
	free(whole);
	ui_mark(ui, UI_DIRTY_MSG);
}

size_t
ui_fw_index(const struct ui *ui, const struct framework *fw)
{
	for (size_t f = 0; f < ui->cat->nfws; f++)
		if (ui->cat->fws[f] == fw)
			return f;
	return 0;
}

void
ui_show_item(struct ui *ui, const struct fw_item *it)
{
	if (it == NULL || it->fw == NULL)
		return;
	ui_nav_select_item(ui, ui_fw_index(ui, it->fw), it->index);
	ui_text_sync(ui);
}

static void
ui_styles(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");

	ui->color = has_colors() && (nc == NULL || nc[0] == '\0') && start_color() == OK &&
	    COLORS >= 8 && COLOR_PAIRS > UI_PAIR_ALERT;
	if (ui->color) {
		short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;

		init_pair(UI_PAIR_SELECTED, COLOR_WHITE, COLOR_BLUE);
		init_pair(UI_PAIR_SELECTED_IDLE, COLOR_BLACK, COLOR_WHITE);
		init_pair(UI_PAIR_HEADING, COLOR_CYAN, bg);
		init_pair(UI_PAIR_BAR, COLOR_BLACK, COLOR_CYAN);
		init_pair(UI_PAIR_MATCH, COLOR_BLACK, COLOR_YELLOW);
		init_pair(UI_PAIR_LINK, COLOR_GREEN, bg);
		init_pair(UI_PAIR_ALERT, COLOR_RED, bg);
		ui->style[UI_NORMAL] = A_NORMAL;
		ui->style[UI_SELECTED] = COLOR_PAIR(UI_PAIR_SELECTED) | A_BOLD;
		ui->style[UI_SELECTED_IDLE] = COLOR_PAIR(UI_PAIR_SELECTED_IDLE);
		ui->style[UI_HEADING] = COLOR_PAIR(UI_PAIR_HEADING) | A_BOLD;
		ui->style[UI_BAR] = COLOR_PAIR(UI_PAIR_BAR);
		ui->style[UI_MATCH] = COLOR_PAIR(UI_PAIR_MATCH);
		ui->style[UI_LINK] = COLOR_PAIR(UI_PAIR_LINK) | A_UNDERLINE;
		ui->style[UI_ALERT] = COLOR_PAIR(UI_PAIR_ALERT) | A_BOLD;
	} else {
		/* Monochrome or NO_COLOR: still usable with plain attributes. */
		ui->style[UI_NORMAL] = A_NORMAL;
		ui->style[UI_SELECTED] = A_REVERSE;
		ui->style[UI_SELECTED_IDLE] = A_UNDERLINE;
		ui->style[UI_HEADING] = A_BOLD;
		ui->style[UI_BAR] = A_REVERSE;
		ui->style[UI_MATCH] = A_BOLD | A_UNDERLINE;
		ui->style[UI_LINK] = A_UNDERLINE;
		ui->style[UI_ALERT] = A_BOLD;
	}
}

static void
ui_delwins(struct ui *ui)
{
	WINDOW **ws[] = { &ui->w_title, &ui->w_nav, &ui->w_sep, &ui->w_text, &ui->w_view,
	    &ui->w_status, &ui->w_msg, &ui->w_small };

	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
		if (*ws[i] != NULL)
			delwin(*ws[i]);
		*ws[i] = NULL;
	}
}

/* Make the windows for the current screen size. */
static void
ui_layout(struct ui *ui)
{
	int h, nw;

	ui_delwins(ui);
	ui->rows = LINES;
	ui->cols = COLS;
	ui->too_small = ui->cols < UI_MIN_COLS || ui->rows < UI_MIN_ROWS;
	ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
	ui_text_invalidate(ui);
	ui_view_resize_all(ui);
	if (ui->too_small) {
		ui->w_small = newwin(ui->rows, ui->cols, 0, 0);
		if (ui->w_small == NULL)
			ui->failed = ui->quit = 1;
		return;
	}
	h = ui->rows - 3;
	nw = ui->cols * 3 / 8;
	nw = nw < UI_NAV_MIN ? UI_NAV_MIN : nw > UI_NAV_MAX ? UI_NAV_MAX : nw;
	/* Past a readable measure the text pane grows no more: the titles get the room. */
	if (ui->cols - 1 - UI_TEXT_PANE_MAX > nw)
		nw = ui->cols - 1 - UI_TEXT_PANE_MAX;
	ui->w_title = newwin(1, ui->cols, 0, 0);
	ui->w_nav = newwin(h, nw, 1, 0);
	ui->w_sep = newwin(h, 1, 1, nw);
	ui->w_text = newwin(h, ui->cols - nw - 1, 1, nw + 1);
	ui->w_status = newwin(1, ui->cols, ui->rows - 2, 0);
	ui->w_msg = newwin(1, ui->cols, ui->rows - 1, 0);
	if (ui->w_title == NULL || ui->w_nav == NULL || ui->w_sep == NULL || ui->w_text == NULL ||
	    ui->w_status == NULL || ui->w_msg == NULL)
		ui->failed = ui->quit = 1;
	else if (ui->depth > 1)
		ui_view_window(ui);
}

void
ui_view_window(struct ui *ui)
{
	if (ui->w_view != NULL || ui->too_small || ui->w_title == NULL)
		return;
	if ((ui->w_view = newwin(ui->rows - 3, ui->cols, 1, 0)) == NULL)
		ui->failed = ui->quit = 1;
}

static void
ui_draw_small(struct ui *ui)
{
	struct text_line *lines = NULL;
	char *msg = NULL;
	size_t n;
	int y;

	werase(ui->w_small);
	if (asprintf(&msg, _("Terminal too small: need at least %dx%d"), UI_MIN_COLS,
	    UI_MIN_ROWS) < 0) {
		msg = NULL;
		goto out;
	}
	n = text_wrap(msg, strlen(msg), ui->cols, &lines);
	y = (ui->rows - (int)n) / 2;
	for (size_t i = 0; i < n; i++, y++) {
		if (y < 0 || y >= ui->rows)
			continue;
		wmove(ui->w_small, y, (ui->cols - lines[i].width) / 2 < 0 ? 0 :
		    (ui->cols - lines[i].width) / 2);
		ui_put(ui->w_small, msg + lines[i].off, lines[i].len, ui->cols);
	}
out:
	free(lines);
	free(msg);
	wnoutrefresh(ui->w_small);
}

void
ui_draw(struct ui *ui)
{
	if (ui->failed)
		return;
	if (ui->dirty & UI_DIRTY_LAYOUT) {
		ui->dirty |= UI_DIRTY_ALL;
		/* stdscr is never drawn on but is what we read keys from: keep it refreshed so that
		 * wget_wch has nothing to repaint over the panes. */
		werase(stdscr);
		wnoutrefresh(stdscr);
	}
	if (ui->too_small) {
		ui_draw_small(ui);
	} else {
		const struct ui_view_ops *top = ui_view_top(ui);
		int browsing = ui->depth <= 1;

		if (browsing && ui_capture_busy(ui))
			ui->dirty |= UI_DIRTY_TEXT;
		if (ui->dirty & UI_DIRTY_TITLE)
			ui_status_draw_title(ui);
		if (ui->dirty & (UI_DIRTY_VIEW | UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_LAYOUT)) {
			if (!browsing)
				werase(ui->w_view);
			top->draw(ui, ui_view_state(ui, top));
			if (!browsing)
				wnoutrefresh(ui->w_view);
		}
		if (ui->dirty & UI_DIRTY_STATUS)
			ui_status_draw(ui);
		/* Last, so that the cursor rests in the search prompt. */
		if (ui->dirty & UI_DIRTY_MSG)
			ui_status_draw_msg(ui);
		/* The chooser or editor over the text pane, last: the cursor rests in the editor. */
		if (browsing && ui_capture_busy(ui))
			ui_capture_draw(ui);
		if (ui_modal_busy(ui))
			ui_modal_draw(ui);
		if (!ui->script)
			curs_set(ui->search.prompt || ui_capture_editing(ui) ||
			    ui_modal_cursor(ui) ? 1 : 0);
		/* The room's prompt over everything; the leader publishes where it is. */
		ui_room_draw(ui);
	}
	doupdate();
	ui->dirty = 0;
}

static void
ui_mouse(struct ui *ui)
{
	MEVENT ev;
	int y, x;

	/* Only the browser's panes take clicks. */
	if (getmouse(&ev) != OK || ui->too_small || ui->depth > 1 || ui->search.prompt ||
	    ui_capture_busy(ui) || ui_modal_busy(ui))
		return;
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (wenclose(ui->w_nav, ev.y, ev.x)) {
		getbegyx(ui->w_nav, y, x);
		(void)x;
		if (ui->focus != UI_PANE_NAV)
			ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT);
		ui->focus = UI_PANE_NAV;
		ui_nav_click(ui, ev.y - y);
	} else if (wenclose(ui->w_text, ev.y, ev.x)) {
		getbegyx(ui->w_text, y, x);
		(void)x;
		if (ui->focus != UI_PANE_TEXT)
			ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT);
		ui->focus = UI_PANE_TEXT;
		ui_text_click(ui, ev.y - y);
	}
}

/* A key in the search prompt. Without a workbook, Enter goes to the first match in the annex
 * text (n/N go through the matches). With one, it highlights the matches in the annex text
 * and lists every hit, in the annexes and the captured text, in the search results pushed on
 * top of the view the search started from (n/N then go through those hits). */
static void
ui_input_search(struct ui *ui, int key)
{
	char q[sizeof ui->search.buf];

	if (ui->search.go && key == KEYS_ENTER) {
		memcpy(q, ui->search.buf, ui->search.len);
		q[ui->search.len] = '\0';
		ui->search.prompt = ui->search.go = 0;
		ui_mark(ui, UI_DIRTY_MSG);
		ui_browser_goto(ui, q);
		return;
	}
	if (key != KEYS_ENTER || ui->search.len == 0 || ui->wb == NULL || ui->search.go) {
		ui_search_key(ui, key);
		return;
	}
	memcpy(q, ui->search.buf, ui->search.len);
	q[ui->search.len] = '\0';
	ui_search_highlight(ui);
	ui_results_search(ui, q);
}

void
ui_input(struct ui *ui, int key)
{
	key = keys_normalize(key);
	if (key == (KEYS_FN | KEY_RESIZE)) {
		ui_layout(ui);
		return;
	}
	if (key == (KEYS_FN | KEY_MOUSE)) {
		ui_mouse(ui);
		return;
	}
	if (ui->too_small) {
		/* Nothing to see: the browser's quit key still quits, from any view. */
		if (keys_lookup(ui_browser_view.name, 0, key) == KEYS_ACT_QUIT)
			ui->quit = 1;
		return;
	}
	if (ui->search.prompt) {
		ui_input_search(ui, key);
		return;
	}
	if (ui_capture_busy(ui)) {
		/* A chooser, an editor or a yes/no question: every key is theirs, raw. */
		ui_capture_key(ui, key);
		if (!ui_capture_busy(ui))
			ui_capture_return(ui);
		return;
	}
	if (ui_modal_busy(ui)) {
		ui_modal_key(ui, key);
		return;
	}
	if (ui_room_busy(ui)) {
		ui_room_key(ui, key);
		return;
	}
	if (ui->msg[0] != '\0') {
		ui->msg[0] = '\0';
		ui_mark(ui, UI_DIRTY_MSG);
	}
	ui->key = key;
	ui_view_action(ui, ui_view_lookup(ui, key));
}

int
ui_init(struct ui *ui, const struct catalog *cat, struct wb *wb, int script)
{
	const char *cs = nl_langinfo(CODESET);

	memset(ui, 0, sizeof *ui);
	ui->cat = cat;
	ui->wb = wb;
	ui->script = script;
	ui->utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	text_set_ascii(!ui->utf8);
	if (wb != NULL && wb_path(wb) != NULL) {
		const char *p = wb_path(wb), *slash = strrchr(p, '/');

		if ((ui->wb_name = ui_clean(slash != NULL ? slash + 1 : p)) == NULL)
			return -1;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	if (!script)
		curs_set(0);
	ui_styles(ui);
	if (ui_nav_init(ui) != 0)
		return -1;
	if ((ui->vstate = calloc(ui_nviews, sizeof *ui->vstate)) == NULL ||
	    ui_view_push(ui, ui_views[0]) != 0)
		return -1;
	ui_layout(ui);
	if (wb != NULL) {
		/* Search covers the annex text too; without it, only what was captured. */
		if (wb_search_add_catalog(wb, cat) != 0) {
			char *e = ui_clean(wb_errmsg(wb));

			ui_message(ui, "%s", e != NULL ? e : "");
			free(e);
		}
		ui_status_refresh(ui);
		if (ui_capture_init(ui) != 0) {
			char *e = ui_clean(wb_errmsg(wb));

			ui_message(ui, "%s", e != NULL ? e : "");
			free(e);
		}
		ui_wait_install(ui);
	}
	return ui->failed ? -1 : 0;
}

void
ui_fini(struct ui *ui)
{
	ui_delwins(ui);
	ui_nav_free(&ui->nav);
	ui_text_free(&ui->text);
	ui_search_free(&ui->search);
	ui_view_free_all(ui);
	ui_modal_free(ui);
	ui_capture_free(ui);
	msg_log_clear();
	free(ui->wb_name);
	free(ui->wb_title);
	free(ui->wb_group);
	ui->wb_name = ui->wb_title = ui->wb_group = NULL;
}

static double
ui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
ui_backup_slice(struct ui *ui)
{
	int r = ui->wb != NULL ? wb_backup_step(ui->wb, UI_BACKUP_SLICE_MS) : 0;

	if (r < 0) {
		char *e = ui_clean(wb_errmsg(ui->wb));

		ui_message(ui, "%s", e != NULL ? e : "");
		free(e);
	}
	return r > 0;
}

void
ui_idle_set(struct ui *ui, int (*fn)(struct ui *ui, void *arg), void *arg)
{
	ui->idle = fn;
	ui->idle_arg = fn != NULL ? arg : NULL;
}

void
ui_idle_drop(struct ui *ui, void *arg)
{
	if (ui->idle != NULL && ui->idle_arg == arg)
		ui_idle_set(ui, NULL, NULL);
}

int
ui_idle_slice(struct ui *ui)
{
	int more = 0;

	if (ui->idle != NULL) {
		void *arg = ui->idle_arg;
		int (*fn)(struct ui *, void *) = ui->idle;

		if (fn(ui, arg) > 0)
			more = 1;
		else if (ui->idle == fn && ui->idle_arg == arg)
			ui_idle_set(ui, NULL, NULL);
	}
	/* Also while a copy syncs (not "pending" then): the step waits for it and names it. */
	more |= ui_backup_slice(ui);
	return more;
}

/* The interactive loop: read a key (waiting at most a second, then look whether another
 * instance changed the workbook), dispatch it, draw. */
static void
ui_loop(struct ui *ui)
{
	int errors = 0;

	while (!ui->quit) {
		wint_t wc;
		int r, idle;
		double t0;

		ui_draw(ui);
		/* A due backup, and a view's idle work (ui_idle_set), are done in slices while
		 * no key waits; a follower polls more often than once a second. */
		idle = ui->idle != NULL || (ui->wb != NULL && wb_backup_pending(ui->wb));
		wtimeout(stdscr, idle ? 0 : ui_room_poll_ms(ui));
		t0 = ui_now();
		errno = 0;
		/* Keys typed while a save waited for another program's lock come first. */
		if ((r = ui_wait_take(&wc)) == ERR)
			r = wget_wch(stdscr, &wc);
		if (r == ERR && idle) {
			ui_idle_slice(ui);
			continue;
		}
		if (r == ERR) {
			/* A timeout: poll the workbook. EINTR from a signal is harmless; a closed
			 * terminal gives endless errors that come back at once. */
			if (errno != EINTR && ui_now() - t0 < ui_room_poll_ms(ui) / 2000.0) {
				if (++errors > 100)
					break;
			} else {
				errors = 0;
			}
			/* Reloads every view when the workbook changed; follows the leader. */
			ui_room_poll(ui, ui_capture_poll(ui));
			continue;
		}
		errors = 0;
		ui_input(ui, r == KEY_CODE_YES ? (int)(KEYS_FN | (int)wc) : (int)wc);
	}
}

int
ui_run(const struct cli *cli, const struct catalog *cat, struct wb *wb)
{
	struct ui ui;
	SCREEN *scr;
	int rc = 0;

	if (cli->script != NULL)
		return ui_script_main(cli, cat, wb);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("%s: the browser needs a terminal; use '%s list' or '%s show REF' "
		    "to print the annexes\n"), PACKAGE, PACKAGE, PACKAGE);
		return 1;
	}
	scr = newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		const char *term = getenv("TERM");
		char *t = ui_clean(term != NULL ? term : "");

		fprintf(stderr, _("%s: cannot use the terminal type '%s'; set TERM to your "
		    "terminal, for example TERM=xterm\n"), PACKAGE, t != NULL ? t : "");
		free(t);
		return 1;
	}
	if (ui_init(&ui, cat, wb, 0) == 0 && ui_room_start(&ui, cli->follow, cli->present) == 0)
		ui_loop(&ui);
	else
		ui.failed = 1;
	if (ui.failed)
		rc = 1;
	ui_room_free(&ui);
	ui_fini(&ui);
	endwin();
	delscreen(scr);
	if (rc != 0)
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE);
	return rc;
}
