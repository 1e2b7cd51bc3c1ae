/* ui_edit.c: the text editor widget (notes, titles, fields), driven one key at a time, and $EDITOR. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editbuf.h"
#include "i18n.h"
#include "keys.h"
#include "text.h"
#include "ui.h"
#include "ui_edit.h"

/* Most lines a long prompt (the editor's title) wraps onto. */
#define UI_EDIT_TITLE_LINES 3

/* Largest file read back from an external editor. */
#define UI_EDIT_MAX_FILE (UI_EDIT_MAX_TEXT + 1)

const struct keys_def ui_edit_keys[] = {
	{ KEYS_ACT_NONE, "edit-save", "C-d F10", N_("save"),
	    N_("Save the text (in a one-line field, Enter saves too)") },
	{ KEYS_ACT_NONE, "edit-cancel", "Esc C-g", N_("cancel"),
	    N_("Leave the editor without saving") },
	{ KEYS_ACT_NONE, "edit-newline", "Enter", NULL,
	    N_("Start a new line (in a one-line field: save)") },
	{ KEYS_ACT_NONE, "edit-external", "C-x", N_("$EDITOR"),
	    N_("Edit the text in $VISUAL or $EDITOR (default vi), then come back") },
	{ KEYS_ACT_NONE, "edit-left", "Left C-b", NULL,
	    N_("Move the cursor one character left") },
	{ KEYS_ACT_NONE, "edit-right", "Right C-f", NULL,
	    N_("Move the cursor one character right") },
	{ KEYS_ACT_NONE, "edit-up", "Up C-p", NULL,
	    N_("Move the cursor up one screen line, keeping its column") },
	{ KEYS_ACT_NONE, "edit-down", "Down C-n", NULL,
	    N_("Move the cursor down one screen line, keeping its column") },
	{ KEYS_ACT_NONE, "edit-page-up", "PgUp", NULL,
	    N_("Move the cursor up one page") },
	{ KEYS_ACT_NONE, "edit-page-down", "PgDn", NULL,
	    N_("Move the cursor down one page") },
	{ KEYS_ACT_NONE, "edit-word-left", "C-Left", NULL,
	    N_("Move to the start of the word (spaces and punctuation separate words)") },
	{ KEYS_ACT_NONE, "edit-word-right", "C-Right", NULL,
	    N_("Move to the start of the next word") },
	{ KEYS_ACT_NONE, "edit-home", "Home C-a", NULL,
	    N_("Move to the start of the line") },
	{ KEYS_ACT_NONE, "edit-end", "End C-e", NULL,
	    N_("Move to the end of the line") },
	{ KEYS_ACT_NONE, "edit-backspace", "Backspace", NULL,
	    N_("Delete the character before the cursor") },
	{ KEYS_ACT_NONE, "edit-delete", "Del", NULL,
	    N_("Delete the character under the cursor") },
	{ KEYS_ACT_NONE, "edit-kill-word", "C-w", NULL,
	    N_("Delete the word before the cursor") },
	{ KEYS_ACT_NONE, "edit-kill-line", "C-u", NULL,
	    N_("Delete from the start of the line to the cursor") },
	{ KEYS_ACT_NONE, "edit-kill-end", "C-k", NULL,
	    N_("Delete from the cursor to the end of the line (or join the next line)") },
};
const size_t ui_edit_nkeys = sizeof ui_edit_keys / sizeof ui_edit_keys[0];

int
ui_edit_open(struct ui_edit *e, const char *title, const char *initial, int multiline)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	e->cols = 40;
	e->rows = 1;
	e->title = text_sanitize(title != NULL ? title : "", title != NULL ? strlen(title) : 0, 0);
	if (editbuf_init(&e->eb, initial, multiline,
	    multiline ? UI_EDIT_MAX_TEXT : UI_EDIT_MAX_LINE) != 0 || e->title == NULL) {
		ui_edit_close(e);
		return -1;
	}
	e->open = 1;
	return 0;
}

void
ui_edit_close(struct ui_edit *e)
{
	editbuf_free(&e->eb);
	free(e->title);
	memset(e, 0, sizeof *e);
}

const char *
ui_edit_text(const struct ui_edit *e)
{
	return e->eb.s != NULL ? e->eb.s : "";
}

int
ui_edit_changed(const struct ui_edit *e)
{
	return e->eb.changed;
}

static void
ui_edit_note_insert(struct ui_edit *e, int r)
{
	if (r > 0)
		e->msg = N_("The text is as long as it can be; the rest was left out");
	else if (r < 0)
		e->msg = N_("Out of memory: the text was not inserted");
}

int
ui_edit_paste(struct ui_edit *e, const char *s, size_t n)
{
	int r = editbuf_insert(&e->eb, s, n);

	ui_edit_note_insert(e, r);
	return r;
}

int
ui_edit_replace(struct ui_edit *e, const char *text)
{
	struct editbuf nb;

	if (editbuf_init(&nb, text, e->multiline, e->eb.max) != 0) {
		editbuf_free(&nb);
		return -1;
	}
	nb.changed = 1;
	editbuf_free(&e->eb);
	e->eb = nb;
	e->top = 0;
	return 0;
}

/* Ctrl-Left and Ctrl-Right have no fixed curses code: ncurses names them kLFT5 and kRIT5
 * (Alt: kLFT3, kRIT3) when the terminal description has them. */
static int
ui_edit_word_dir(int key)
{
	const char *name;

	if (key == UI_EDIT_KEY_WORD_LEFT)
		return -1;
	if (key == UI_EDIT_KEY_WORD_RIGHT)
		return 1;
	if (!KEYS_IS_FN(key))
		return 0;
	name = keyname(key & ~KEYS_FN);
	if (name == NULL)
		return 0;
	if (strcmp(name, "kLFT5") == 0 || strcmp(name, "kLFT3") == 0)
		return -1;
	if (strcmp(name, "kRIT5") == 0 || strcmp(name, "kRIT3") == 0)
		return 1;
	return 0;
}

/* How long the rest of an escape sequence may take after its ESC, in milliseconds: a terminal
 * sends a sequence at once, a person types ESC and then a key much later. */
#define UI_EDIT_ESC_MS 25

/* The next key already on its way from the terminal, or -1. */
static int
ui_edit_next_key(void)
{
	wint_t wc;
	int r, delay = wgetdelay(stdscr);

	wtimeout(stdscr, UI_EDIT_ESC_MS);
	r = wget_wch(stdscr, &wc);
	wtimeout(stdscr, delay);
	if (r == ERR)
		return -1;
	return r == KEY_CODE_YES ? (int)(KEYS_FN | (int)wc) : (int)wc;
}

/* The key of CSI PARAMS FINAL (ESC [) or, with SS3, of ESC O FINAL; 0 for one to drop. */
static int
ui_edit_csi_key(const char *params, int final, int ss3)
{
	static const struct { const char *p; int key; } tilde[] = {
		{ "1", KEYS_FN | KEY_HOME }, { "7", KEYS_FN | KEY_HOME },
		{ "4", KEYS_FN | KEY_END }, { "8", KEYS_FN | KEY_END },
		{ "3", KEYS_FN | KEY_DC }, { "5", KEYS_FN | KEY_PPAGE },
		{ "6", KEYS_FN | KEY_NPAGE },
	};
	/* A modifier after the ';' (1;5D is Ctrl-Left): Alt (3) and Ctrl (5) move by word. */
	const char *semi = strchr(params, ';');
	int mod = semi != NULL ? atoi(semi + 1) : 1;

	if (final == '~' && !ss3) {
		size_t n = semi != NULL ? (size_t)(semi - params) : strlen(params);

		for (size_t i = 0; i < sizeof tilde / sizeof tilde[0]; i++)
			if (strlen(tilde[i].p) == n && strncmp(tilde[i].p, params, n) == 0)
				return tilde[i].key;
		return 0;
	}
	if (ss3 && params[0] != '\0')
		return 0;
	switch (final) {
	case 'H':
		return KEYS_FN | KEY_HOME;
	case 'F':
		return KEYS_FN | KEY_END;
	case 'A':
		return KEYS_FN | KEY_UP;
	case 'B':
		return KEYS_FN | KEY_DOWN;
	case 'C':
		return mod == 3 || mod == 5 ? UI_EDIT_KEY_WORD_RIGHT : KEYS_FN | KEY_RIGHT;
	case 'D':
		return mod == 3 || mod == 5 ? UI_EDIT_KEY_WORD_LEFT : KEYS_FN | KEY_LEFT;
	default:
		return 0;
	}
}

int
ui_edit_escape(int (*next)(void *), void *arg, int *follow)
{
	char params[16];
	size_t n = 0;
	int k = next(arg), ss3;

	*follow = -1;
	if (k < 0)
		return KEYS_ESC;        /* ESC alone */
	if (k != '[' && k != 'O') {
		/* ESC and a key typed soon after (Esc y in the discard question): the ESC stands
		 * alone, and the key comes next. */
		*follow = k;
		return KEYS_ESC;
	}
	ss3 = k == 'O';
	/* CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final 0x40-0x7E;
	 * SS3: one final byte. */
	for (;;) {
		k = next(arg);
		if (k < 0 || KEYS_IS_FN(k))
			return 0;       /* cut short: drop what came */
		if (k >= 0x40 && k <= 0x7E)
			break;
		if (ss3 || k < 0x20 || k > 0x3F)
			return 0;
		if (n + 1 < sizeof params)
			params[n++] = (char)k;
	}
	params[n] = '\0';
	return ui_edit_csi_key(params, k, ss3);
}

static int
ui_edit_curses_next(void *arg)
{
	(void)arg;
	return ui_edit_next_key();
}

int
ui_edit_read_escape(void)
{
	int follow, key = ui_edit_escape(ui_edit_curses_next, NULL, &follow);

	if (follow >= 0) {
		if (KEYS_IS_FN(follow))
			ungetch(follow & ~KEYS_FN);
		else
			unget_wch((wchar_t)follow);
	}
	return key;
}

static void
ui_edit_insert_cp(struct ui_edit *e, unsigned long cp)
{
	char buf[4];
	size_t n;

	if (cp < 0x80) {
		buf[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		buf[0] = (char)(0xF0 | (cp >> 18));
		buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	ui_edit_note_insert(e, editbuf_insert(&e->eb, buf, n));
}

enum ui_edit_result
ui_edit_key(struct ui_edit *e, int key)
{
	int dir;

	key = keys_normalize(key);
	e->msg = NULL;
	/* A sequence the terminal description lacks (ESC [ 1 ~ for Home under tmux or PuTTY)
	 * arrives as ESC and its bytes: read them now, so none is typed into the text. */
	if (key == KEYS_ESC && (key = ui_edit_read_escape()) == 0)
		return UI_EDIT_CONTINUE;
	if ((dir = ui_edit_word_dir(key)) != 0) {
		if (dir < 0)
			editbuf_word_left(&e->eb);
		else
			editbuf_word_right(&e->eb);
		return UI_EDIT_CONTINUE;
	}
	switch (key) {
	case KEYS_ESC:
	case KEYS_CTRL('g'):
		return UI_EDIT_CANCEL;
	case KEYS_CTRL('d'):
	case KEYS_FN | KEY_F(10):
		return UI_EDIT_SAVE;
	case KEYS_CTRL('x'):
		return UI_EDIT_EXTERNAL;
	case KEYS_ENTER:
		if (!e->multiline)
			return UI_EDIT_SAVE;
		ui_edit_note_insert(e, editbuf_insert(&e->eb, "\n", 1));
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_LEFT:
	case KEYS_CTRL('b'):
		editbuf_left(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_RIGHT:
	case KEYS_CTRL('f'):
		editbuf_right(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_UP:
	case KEYS_CTRL('p'):
		editbuf_up(&e->eb, e->cols);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_DOWN:
	case KEYS_CTRL('n'):
		editbuf_down(&e->eb, e->cols);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_PPAGE:
		editbuf_lines(&e->eb, e->cols, e->rows > 1 ? -(long)(e->rows - 1) : -1);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_NPAGE:
		editbuf_lines(&e->eb, e->cols, e->rows > 1 ? e->rows - 1 : 1);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_HOME:
	case KEYS_CTRL('a'):
		editbuf_home(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_END:
	case KEYS_CTRL('e'):
		editbuf_end(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_BACKSPACE:
		editbuf_backspace(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_FN | KEY_DC:
		editbuf_del(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_CTRL('w'):
		editbuf_kill_word(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_CTRL('u'):
		editbuf_kill_line(&e->eb);
		return UI_EDIT_CONTINUE;
	case KEYS_CTRL('k'):
		editbuf_kill_eol(&e->eb);
		return UI_EDIT_CONTINUE;
	default:
		break;
	}
	/* A character: not a function key, a control (C0, DEL, C1) or a surrogate. */
	if (!KEYS_IS_FN(key) && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0) &&
	    !(key >= 0xD800 && key <= 0xDFFF) && key <= 0x10FFFF)
		ui_edit_insert_cp(e, (unsigned long)key);
	return UI_EDIT_CONTINUE;
}

static void
ui_edit_fill(WINDOW *w, int cols)
{
	while (cols-- > 0)
		waddch(w, ' ');
}

static void
ui_edit_hint(struct ui_edit *e, WINDOW *w, int row, int cols, attr_t attr)
{
	/* The longest hint that fits: the saving and leaving keys come first in each. */
	static const char *const multi[] = {
		N_("C-d save  Esc cancel  C-x $EDITOR  Enter new line  C-w/C-u/C-k delete"),
		N_("C-d save  Esc cancel  C-x $EDITOR  Enter new line"),
		N_("C-d save  Esc cancel  C-x $EDITOR"),
		N_("C-d save  Esc cancel"),
	};
	static const char *const single[] = {
		N_("Enter save  Esc cancel  C-x $EDITOR  C-w/C-u/C-k delete"),
		N_("Enter save  Esc cancel  C-x $EDITOR"),
		N_("Enter save  Esc cancel"),
	};
	const char *const *v = e->multiline ? multi : single;
	size_t n = e->multiline ? sizeof multi / sizeof multi[0] : sizeof single / sizeof single[0];
	const char *s = _(v[n - 1]);
	char *clean;

	if (e->msg != NULL) {
		s = _(e->msg);
	} else {
		for (size_t i = 0; i < n; i++)
			if (text_width(_(v[i]), strlen(_(v[i]))) <= cols) {
				s = _(v[i]);
				break;
			}
	}
	/* Translations are text like any other: keep them safe and within the line. */
	clean = text_sanitize(s, strlen(s), 0);
	wmove(w, row, 0);
	wattrset(w, attr);
	if (clean != NULL) {
		ui_edit_fill(w, cols - ui_put(w, clean, strlen(clean), cols));
		free(clean);
	}
}

void
ui_edit_draw(struct ui_edit *e, WINDOW *w, attr_t normal, attr_t title)
{
	struct editbuf_layout l;
	struct text_line *tl = NULL;
	int rows, cols, trow = 0, tcols, trows, col, hint, head;
	size_t line, tn;

	getmaxyx(w, rows, cols);
	if (rows < 1 || cols < 1)
		return;
	werase(w);
	hint = rows >= 3;
	/* The title (a prompt) wraps onto up to UI_EDIT_TITLE_LINES lines, leaving the text at
	 * least one line (and the note's text a third of the window). */
	tn = text_wrap_first(e->title, strlen(e->title), cols > 10 ? cols - 10 : cols, cols, &tl);
	head = rows >= 2 ? (int)(tn > 0 ? tn : 1) : 0;
	if (head > UI_EDIT_TITLE_LINES)
		head = UI_EDIT_TITLE_LINES;
	while (head > 1 && rows - head - hint < (e->multiline ? rows / 3 + 1 : 1))
		head--;
	trows = rows - head - hint;
	tcols = cols > 1 ? cols - 1 : 1;   /* one spare column for the cursor after a full line */
	e->cols = tcols;
	e->rows = trows;
	if (editbuf_layout(&e->eb, tcols, &l) != 0) {
		wattrset(w, normal);
		mvwaddnstr(w, 0, 0, _("Out of memory"), cols);
		free(tl);
		return;
	}
	editbuf_layout_pos(&l, e->eb.cur, &line, &col);
	if (line < e->top)
		e->top = line;
	if (line >= e->top + (size_t)trows)
		e->top = line - (size_t)trows + 1;
	if (e->top + (size_t)trows > l.nlines)
		e->top = l.nlines > (size_t)trows ? l.nlines - (size_t)trows : 0;
	if (head) {
		char pos[64];
		int pw = 0, tw;

		wattrset(w, title);
		if (l.nlines > (size_t)trows) {
			snprintf(pos, sizeof pos, " %zu/%zu", line + 1, l.nlines);
			pw = (int)strlen(pos);
			if (pw >= cols)
				pw = 0;
		}
		for (int r = 0; r < head; r++) {
			const char *t = tl != NULL && (size_t)r < tn ? e->title + tl[r].off : "";
			size_t tlen = tl != NULL && (size_t)r < tn ? tl[r].len : 0;

			/* The last title line shown takes the rest, cut to fit. */
			if (r == head - 1 && tl != NULL && (size_t)r < tn)
				tlen = strlen(t);
			wmove(w, r, 0);
			tw = ui_put(w, t, tlen, r == 0 ? cols - pw : cols);
			ui_edit_fill(w, (r == 0 ? cols - pw : cols) - tw);
			if (r == 0 && pw > 0)
				waddstr(w, pos);
		}
		trow = head;
	}
	free(tl);
	wattrset(w, normal);
	for (int r = 0; r < trows; r++) {
		size_t i = e->top + (size_t)r;

		wmove(w, trow + r, 0);
		if (i < l.nlines) {
			int used = ui_put(w, l.text + l.lines[i].off, l.lines[i].len, tcols);

			ui_edit_fill(w, cols - used);
		} else {
			ui_edit_fill(w, cols);
		}
	}
	if (hint)
		ui_edit_hint(e, w, rows - 1, cols, normal);
	wattrset(w, normal);
	wmove(w, trow + (int)(line - e->top), col < cols ? col : cols - 1);
	editbuf_layout_free(&l);
}

/* --- the external editor ----------------------------------------------------------------- */

static int
ui_edit_write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read the file back; returns a malloc'd string with NUL bytes dropped, or NULL (errno). */
static char *
ui_edit_read_back(const char *path)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		close(fd);
		errno = EPERM;
		return NULL;
	}
	for (;;) {
		ssize_t r;

		if (len + 4096 + 1 > cap) {
			size_t nc = cap == 0 ? 8192 : cap * 2;
			char *nb;

			if (nc > UI_EDIT_MAX_FILE + 8192) {
				free(buf);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			nb = realloc(buf, nc);
			if (nb == NULL) {
				free(buf);
				close(fd);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap = nc;
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (buf == NULL && (buf = malloc(1)) == NULL)
		return NULL;
	buf[len] = '\0';
	/* A NUL would end the text early: drop it. */
	if (memchr(buf, '\0', len) != NULL) {
		size_t k = 0;

		for (size_t i = 0; i < len; i++)
			if (buf[i] != '\0')
				buf[k++] = buf[i];
		buf[k] = '\0';
	}
	return buf;
}

int
ui_edit_external(const char *initial, char **out, char **err)
{
	const char *editor = getenv("VISUAL"), *tmp = getenv("TMPDIR");
	char *path = NULL, *cmd = NULL, *text, *clean;
	struct sigaction ign, oint, oquit;
	int fd, status = 0, curses = stdscr != NULL, saved, added_nl;
	pid_t pid;
	size_t ilen = initial != NULL ? strlen(initial) : 0;

	*out = NULL;
	if (err != NULL)
		*err = NULL;
	if (editor == NULL || editor[0] == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || editor[0] == '\0')
		editor = "vi";
	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	if (asprintf(&path, "%s/ciipwb-note-XXXXXX.txt", tmp) < 0) {
		path = NULL;
		goto nomem;
	}
	fd = mkstemps(path, 4);
	if (fd < 0) {
		saved = errno;
		clean = text_sanitize(path, strlen(path), 0);
		if (err != NULL && asprintf(err, _("Cannot create a temporary file for the editor "
		    "(%s: %s); set TMPDIR to a writable directory. Your text is unchanged."),
		    clean != NULL ? clean : "", strerror(saved)) < 0)
			*err = NULL;
		free(clean);
		free(path);
		return -1;
	}
	(void)fchmod(fd, S_IRUSR | S_IWUSR);
	/* A text file ends with a newline: without one, a line the editor appends (echo >>,
	 * or an editor that keeps the file's last line unterminated) would join the last. */
	added_nl = ilen == 0 || initial[ilen - 1] != '\n';
	if (ui_edit_write_all(fd, initial != NULL ? initial : "", ilen) != 0 ||
	    (ilen > 0 && added_nl && ui_edit_write_all(fd, "\n", 1) != 0)) {
		saved = errno;
		close(fd);
		fd = -1;
	} else if (close(fd) != 0) {
		saved = errno;
		fd = -1;
	}
	if (fd < 0) {
		unlink(path);
		clean = text_sanitize(path, strlen(path), 0);
		if (err != NULL && asprintf(err, _("Cannot write the temporary file %s for the "
		    "editor: %s. Your text is unchanged."), clean != NULL ? clean : "",
		    strerror(saved)) < 0)
			*err = NULL;
		free(clean);
		free(path);
		return -1;
	}
	if (asprintf(&cmd, "%s \"$1\"", editor) < 0) {
		cmd = NULL;
		unlink(path);
		goto nomem;
	}

	if (curses) {
		def_prog_mode();
		endwin();
	}
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	saved = errno;
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				break;
			}
		}
	}
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	if (curses) {
		reset_prog_mode();
		refresh();
	}

	clean = text_sanitize(editor, strlen(editor), 0);
	if (pid < 0 || status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		int rc = 0;

		if (err != NULL) {
			if (pid < 0)
				rc = asprintf(err, _("Cannot start the editor '%s': %s. Your text is "
				    "unchanged."), clean != NULL ? clean : "", strerror(saved));
			else if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
				rc = asprintf(err, _("Cannot run the editor '%s'; set VISUAL or "
				    "EDITOR to your editor. Your text is unchanged."),
				    clean != NULL ? clean : "");
			else
				rc = asprintf(err, _("The editor '%s' failed (exit status %d); your "
				    "text is unchanged."), clean != NULL ? clean : "",
				    status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			if (rc < 0)
				*err = NULL;
		}
		unlink(path);
		free(clean);
		free(cmd);
		free(path);
		return -1;
	}
	text = ui_edit_read_back(path);
	saved = errno;
	unlink(path);
	if (text == NULL) {
		char *p = text_sanitize(path, strlen(path), 0);

		if (err != NULL && asprintf(err, _("Cannot read back the editor's file %s: %s. Your "
		    "text is unchanged."), p != NULL ? p : "", strerror(saved)) < 0)
			*err = NULL;
		free(p);
		free(clean);
		free(cmd);
		free(path);
		return -1;
	}
	{
		size_t n = strlen(text);

		/* Drop the final newline written above (or, for an empty text, the editor's)
		 * that the text did not have; every other line stays as the editor left it. */
		if (n > 0 && text[n - 1] == '\n' && added_nl)
			text[n - 1] = '\0';
	}
	*out = text;
	free(clean);
	free(cmd);
	free(path);
	return 0;
nomem:
	free(path);
	if (err != NULL)
		*err = strdup(_("Out of memory: the editor was not started. Your text is unchanged."));
	return -1;
}

int
ui_edit_run_external(struct ui_edit *e, char **err)
{
	char *out = NULL;

	if (ui_edit_external(ui_edit_text(e), &out, err) != 0)
		return -1;
	if (ui_edit_replace(e, out) < 0) {
		free(out);
		if (err != NULL)
			*err = strdup(_("Out of memory: the edited text could not be taken back; "
			    "your text is unchanged."));
		return -1;
	}
	free(out);
	return 0;
}
