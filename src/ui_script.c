/* ui_script.c: the headless browser for tests: a virtual screen, keys and commands from a file. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cli.h"
#include "i18n.h"
#include "keys.h"
#include "text.h"
#include "ui.h"
#include "ui_room.h"
#include "ui_script.h"

#define SCRIPT_MAX_SIZE 1000    /* columns or rows of the virtual screen */

struct script {
	const char *path;
	unsigned line;
	struct ui *ui;
};

static int script_fail(const struct script *sc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "FILE:LINE: what" on stderr; returns 1 (the exit status). */
static int
script_fail(const struct script *sc, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL, *clean;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	clean = n < 0 ? NULL : text_sanitize(msg, (size_t)n, 0);
	{
		char *path = ui_clean(sc->path);

		fprintf(stderr, "%s: %s:%u: %s\n", PACKAGE, path != NULL ? path : "", sc->line,
		    clean != NULL ? clean : "");
		free(path);
	}
	free(msg);
	free(clean);
	return 1;
}

/* One row of the virtual screen as UTF-8, trailing blanks removed (malloc'd). With ATTRS, one
 * letter per cell instead: the colour pair's digit, else R (reverse), B (bold), U (underline). */
static char *
script_row(int y, int cols, int attrs)
{
	char *out = malloc((size_t)cols * MB_LEN_MAX + 1);
	size_t o = 0, keep = 0;
	mbstate_t st;

	if (out == NULL)
		return NULL;
	memset(&st, 0, sizeof st);
	for (int x = 0; x < cols; x++) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t a;
		short pair;

		if (mvwin_wch(curscr, y, x, &cc) == ERR || getcchar(&cc, wch, &a, &pair, NULL) == ERR)
			break;
		if (attrs) {
			char c = ' ';

			if (pair > 0 && pair < 10)
				c = (char)('0' + pair);
			else if (a & A_REVERSE)
				c = 'R';
			else if (a & A_BOLD)
				c = 'B';
			else if (a & A_UNDERLINE)
				c = 'U';
			out[o++] = c;
			if (c != ' ')
				keep = o;
			continue;
		}
		if (wch[0] == L'\0')
			continue;
		for (int i = 0; wch[i] != L'\0' && i < CCHARW_MAX; i++) {
			size_t n = wcrtomb(out + o, wch[i], &st);

			if (n == (size_t)-1) {
				out[o] = '?';
				n = 1;
				memset(&st, 0, sizeof st);
			}
			o += n;
		}
		/* The second column of a wide character reads back as the same character. */
		if (wcwidth(wch[0]) == 2)
			x++;
		if (!(wch[0] == L' ' && wch[1] == L'\0'))
			keep = o;
	}
	out[keep] = '\0';
	return out;
}

static int
script_save(struct script *sc, const char *file, int attrs)
{
	FILE *fp = fopen(file, "w");

	if (fp == NULL)
		return script_fail(sc, _("cannot write '%s': %s"), file, strerror(errno));
	for (int y = 0; y < LINES; y++) {
		char *row = script_row(y, COLS, attrs);

		if (row == NULL) {
			fclose(fp);
			return script_fail(sc, "%s", _("out of memory"));
		}
		fprintf(fp, "%s\n", row);
		free(row);
	}
	if (fclose(fp) != 0)
		return script_fail(sc, _("cannot write '%s': %s"), file, strerror(errno));
	return 0;
}

static int
script_contains(const char *text)
{
	for (int y = 0; y < LINES; y++) {
		char *row = script_row(y, COLS, 0);
		int found = row != NULL && strstr(row, text) != NULL;

		free(row);
		if (found)
			return 1;
	}
	return 0;
}

static int
script_size(const char *s, int *cols, int *rows)
{
	char *end;
	long c, r;

	errno = 0;
	c = strtol(s, &end, 10);
	if (end == s || *end != 'x' || c < 1 || c > SCRIPT_MAX_SIZE)
		return -1;
	s = end + 1;
	r = strtol(s, &end, 10);
	if (end == s || *end != '\0' || r < 1 || r > SCRIPT_MAX_SIZE || errno != 0)
		return -1;
	*cols = (int)c;
	*rows = (int)r;
	return 0;
}

/* A key, then a drawing pass: exactly what the interactive loop does. */
static void
script_key(struct script *sc, int key)
{
	ui_input(sc->ui, key);
	ui_draw(sc->ui);
}

static int
script_command(struct script *sc, char *cmd, char *arg)
{
	if (strcmp(cmd, "key") == 0) {
		char *save = NULL, *name;

		if (*arg == '\0')
			return script_fail(sc, "%s", _("'key' needs a key name, e.g. 'key j' or 'key Enter'"));
		for (name = strtok_r(arg, " \t", &save); name != NULL && !sc->ui->quit;
		    name = strtok_r(NULL, " \t", &save)) {
			int key;

			if (keys_parse(name, &key) != 0)
				return script_fail(sc, _("unknown key '%s'"), name);
			script_key(sc, key);
		}
	} else if (strcmp(cmd, "type") == 0) {
		mbstate_t st;
		size_t len = strlen(arg);

		memset(&st, 0, sizeof st);
		while (len > 0 && !sc->ui->quit) {
			wchar_t wc;
			size_t n = mbrtowc(&wc, arg, len, &st);

			if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
				return script_fail(sc, "%s", _("'type' text is not valid in this locale"));
			script_key(sc, (int)wc);
			arg += n;
			len -= n;
		}
	} else if (strcmp(cmd, "resize") == 0) {
		int cols, rows;

		if (script_size(arg, &cols, &rows) != 0)
			return script_fail(sc, _("'resize' needs COLSxROWS, e.g. 'resize 120x40', not '%s'"),
			    arg);
		resizeterm(rows, cols);
		script_key(sc, KEYS_FN | KEY_RESIZE);
	} else if (strcmp(cmd, "click") == 0) {
		MEVENT ev;
		int x, y;
		char c;

		if (sscanf(arg, "%d %d %c", &x, &y, &c) != 2 || x < 0 || y < 0)
			return script_fail(sc, "%s", _("'click' needs a column and a row, e.g. 'click 3 5'"));
		memset(&ev, 0, sizeof ev);
		ev.x = x;
		ev.y = y;
		ev.bstate = BUTTON1_CLICKED;
		if (ungetmouse(&ev) != OK)
			return script_fail(sc, "%s", _("this terminal type has no mouse"));
		script_key(sc, KEYS_FN | KEY_MOUSE);
	} else if (strcmp(cmd, "save-screen") == 0 || strcmp(cmd, "save-attrs") == 0) {
		if (*arg == '\0')
			return script_fail(sc, _("'%s' needs a file name"), cmd);
		return script_save(sc, arg, cmd[5] == 'a');
	} else if (strcmp(cmd, "poll") == 0) {
		/* What the interactive loop does every second: reload if another instance wrote. */
		ui_room_poll(sc->ui, ui_capture_poll(sc->ui));
		ui_draw(sc->ui);
	} else if (strcmp(cmd, "idle") == 0) {
		/* What the interactive loop does while no key comes: a view's idle work and the
		 * due backup, in their slices, to the end or N slices. */
		char *end;
		long n = *arg != '\0' ? strtol(arg, &end, 10) : -1;

		if (*arg != '\0' && (*end != '\0' || n < 1 || n > 100000))
			return script_fail(sc, _("'idle' takes a number of slices from 1 to 100000, "
			    "or nothing for all, not '%s'"), arg);
		while (ui_idle_slice(sc->ui) && --n != 0)
			;
		ui_draw(sc->ui);
	} else if (strcmp(cmd, "wait") == 0) {
		/* Time passes on the time-box's clock (scripts have their own), then a poll. */
		char *end;
		long s = strtol(arg, &end, 10);

		if (end == arg || *end != '\0' || s < 1 || s > 86400)
			return script_fail(sc, _("'wait' needs a number of seconds from 1 to 86400, "
			    "not '%s'"), arg);
		ui_room_wait(sc->ui, s);
		ui_room_poll(sc->ui, ui_capture_poll(sc->ui));
		ui_draw(sc->ui);
	} else if (strcmp(cmd, "focus") == 0) {
		/* Put the browser's focus in a pane, whatever the reopened workbook restored. */
		if (strcmp(arg, "nav") == 0)
			sc->ui->focus = UI_PANE_NAV;
		else if (strcmp(arg, "text") == 0)
			sc->ui->focus = UI_PANE_TEXT;
		else
			return script_fail(sc, _("'focus' takes nav or text, not '%s'"), arg);
		ui_mark(sc->ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
		ui_draw(sc->ui);
	} else if (strcmp(cmd, "push") == 0) {
		/* Open a view by its name, as its key would (for views not yet bound to a key). */
		const struct ui_view_ops *v = ui_view_find(arg);

		if (v == NULL)
			return script_fail(sc, _("no view is named '%s'"), arg);
		ui_view_push(sc->ui, v);
		ui_draw(sc->ui);
	} else if (strcmp(cmd, "assert-view") == 0) {
		/* The stack from the bottom: "browser actions results". */
		char path[512];
		size_t o = 0;

		path[0] = '\0';
		for (size_t d = 0; d < sc->ui->depth; d++) {
			int n = snprintf(path + o, sizeof path - o, "%s%s", d > 0 ? " " : "",
			    sc->ui->stack[d]->name);

			if (n < 0 || (size_t)n >= sizeof path - o)
				break;
			o += (size_t)n;
		}
		if (strcmp(path, arg) != 0)
			return script_fail(sc, _("the views open are '%s', not '%s'"), path, arg);
	} else if (strcmp(cmd, "assert-message") == 0) {
		/* The message line: "Saved" only once the edit was committed. */
		if (strstr(sc->ui->msg, arg) == NULL)
			return script_fail(sc, _("the message line says '%s', not '%s'"), sc->ui->msg,
			    arg);
	} else if (strcmp(cmd, "report") == 0) {
		/* A line on standard output at once, for a harness that kills the browser:
		 * everything reported happened before. */
		if (printf("%s\n", arg) < 0 || fflush(stdout) != 0)
			return script_fail(sc, _("cannot write to standard output: %s"),
			    strerror(errno));
	} else if (strcmp(cmd, "assert-screen-contains") == 0) {
		if (!script_contains(arg))
			return script_fail(sc, _("the screen does not contain '%s'"), arg);
	} else {
		return script_fail(sc, _("unknown command '%s'; see SCRIPTED MODE in ciipwb(1)"), cmd);
	}
	return 0;
}

static int
script_run(struct script *sc, FILE *fp)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while (rc == 0 && !sc->ui->quit && (n = getline(&buf, &cap, fp)) >= 0) {
		char *p = buf, *cmd, *arg;

		sc->line++;
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		p += strspn(p, " \t");
		if (*p == '\0' || *p == '#')
			continue;
		cmd = p;
		p += strcspn(p, " \t");
		if (*p != '\0')
			*p++ = '\0';
		arg = p + strspn(p, " \t");
		rc = script_command(sc, cmd, arg);
	}
	if (rc == 0 && ferror(fp))
		rc = script_fail(sc, _("cannot read the script: %s"), strerror(errno));
	free(buf);
	return rc;
}

/* A terminal description that exists: $TERM, else xterm-256color, else vt100. */
static SCREEN *
script_newterm(FILE *out, FILE *in)
{
	const char *names[] = { getenv("TERM"), "xterm-256color", "vt100" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		SCREEN *scr;

		if (names[i] == NULL || names[i][0] == '\0' || strcmp(names[i], "dumb") == 0)
			continue;
		if ((scr = newterm(names[i], out, in)) != NULL)
			return scr;
	}
	return NULL;
}

int
ui_script_main(const struct cli *cli, const struct catalog *cat, struct wb *wb)
{
	struct script sc = { cli->script, 0, NULL };
	struct ui ui;
	FILE *fp, *out, *in;
	SCREEN *scr;
	int rc;

	if ((fp = fopen(cli->script, "r")) == NULL) {
		char *path = ui_clean(cli->script);

		fprintf(stderr, _("%s: cannot read the script '%s': %s\n"), PACKAGE,
		    path != NULL ? path : "", strerror(errno));
		free(path);
		return 1;
	}
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL || (scr = script_newterm(out, in)) == NULL) {
		fprintf(stderr, _("%s: cannot set up a virtual terminal (no terminfo for "
		    "xterm-256color or vt100?)\n"), PACKAGE);
		if (out != NULL)
			fclose(out);
		if (in != NULL)
			fclose(in);
		fclose(fp);
		return 1;
	}
	resizeterm(cli->rows, cli->cols);
	sc.ui = &ui;
	if (ui_init(&ui, cat, wb, 1) != 0 || ui_room_start(&ui, cli->follow, cli->present) != 0) {
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE);
		rc = 1;
	} else {
		ui_draw(&ui);
		rc = script_run(&sc, fp);
		if (rc == 0 && ui.failed) {
			fprintf(stderr, _("%s: out of memory\n"), PACKAGE);
			rc = 1;
		}
	}
	ui_room_free(&ui);
	ui_fini(&ui);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	fclose(fp);
	return rc;
}
