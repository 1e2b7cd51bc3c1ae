/* msg.c: printing messages and text outside curses, always through the one sanitiser. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "text.h"
#include "util.h"

static void
msg_write(FILE *fp, const char *s, unsigned flags)
{
	char *t = s != NULL ? text_sanitize(s, strlen(s), flags) : NULL;

	/* Out of memory: print nothing of it rather than something raw. */
	fputs(t != NULL ? t : "?", fp);
	free(t);
}

void
msg_printf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = util_vasprintf(fmt, ap);
	va_end(ap);
	msg_write(fp, s, TEXT_KEEP_NEWLINES);
	free(s);
}

void
msg_error(const char *text)
{
	fprintf(stderr, "%s: ", PACKAGE);
	msg_write(stderr, text, 0);
	fputc('\n', stderr);
}

void
msg_puts(FILE *fp, const char *s)
{
	msg_write(fp, s, 0);
}

/* ---- The browser's last messages ---- */

static char *msg_log[MSG_LOG_MAX];      /* msg_log[0] the newest */
static size_t msg_nlog;

void
msg_log_add(const char *s)
{
	char *c;

	if (s == NULL || s[0] == '\0' || (msg_nlog > 0 && strcmp(msg_log[0], s) == 0))
		return;
	if ((c = strdup(s)) == NULL)
		return;
	if (msg_nlog == MSG_LOG_MAX)
		free(msg_log[--msg_nlog]);
	memmove(msg_log + 1, msg_log, msg_nlog * sizeof *msg_log);
	msg_log[0] = c;
	msg_nlog++;
}

size_t
msg_log_count(void)
{
	return msg_nlog;
}

const char *
msg_log_get(size_t i)
{
	return i < msg_nlog ? msg_log[i] : NULL;
}

void
msg_log_clear(void)
{
	while (msg_nlog > 0)
		free(msg_log[--msg_nlog]);
}

/* ---- Fitting a message to the message line ---- */

/* Length of the path that starts at S (a '/' at the start of a word), up to a blank, a
 * bracket, ';', ',' or a ':' that ends a clause. */
static size_t
msg_path_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0' && s[n] != ' ' && s[n] != ')' && s[n] != ';' && s[n] != ',' &&
	    !(s[n] == ':' && (s[n + 1] == ' ' || s[n + 1] == '\0')))
		n++;
	return n;
}

/* The longest path in S wider than its shortest form ("/…/NAME"): its offset and length;
 * 0 when none. */
static size_t
msg_longest_path(const char *s, size_t *off)
{
	size_t best = 0;

	for (size_t i = 0; s[i] != '\0'; i++) {
		size_t n;

		if (s[i] != '/' || (i > 0 && s[i - 1] != ' ' && s[i - 1] != '('))
			continue;
		n = msg_path_len(s + i);
		if (n > best && memchr(s + i + 1, '/', n - 1) != NULL) {
			best = n;
			*off = i;
		}
		i += n > 0 ? n - 1 : 0;
	}
	return best;
}

/* Shorten the path at S + OFF (LEN bytes) by EXCESS columns or more, in the middle, by whole
 * directories: its first directory, an ellipsis, as many of its last components as fit
 * ("/home/…/workshops/kenya.ciipwb"); at the least, the ellipsis and its last component.
 * Returns the new string (S freed), or S itself when it cannot get shorter; NULL out of
 * memory. */
static char *
msg_shorten(char *s, size_t off, size_t len, int excess, const char *more)
{
	const char *p = s + off, *end = p + len, *first = p + 1, *tail = NULL;
	int target = text_width(p, len) - excess, mw = text_width(more, strlen(more)), fw;
	char *t;

	while (first < end && *first != '/')
		first++;
	if (first < end)
		first++;        /* "/home/" */
	fw = text_width(p, (size_t)(first - p));
	/* The longest run of last components that fits after the first directory. */
	for (const char *q = first + 1; q < end; q++)
		if (q[-1] == '/' && q - 1 >= first && fw + mw + text_width(q - 1,
		    (size_t)(end - q + 1)) <= target) {
			tail = q - 1;
			break;
		}
	if (tail == NULL) {
		/* Only the last component: "…/NAME". */
		tail = end;
		while (tail > p && tail[-1] != '/')
			tail--;
		if (tail == p)
			return s;
		tail--;
		first = p;
	}
	if (text_width(p, (size_t)(first - p)) + mw + text_width(tail, (size_t)(end - tail)) >=
	    text_width(p, len))
		return s;
	t = util_asprintf("%.*s%s%s", (int)(first - s), s, more, tail);
	free(s);
	return t;
}

char *
msg_fit(const char *msg, int cols, int *cut)
{
	char *s = text_sanitize(msg != NULL ? msg : "", msg != NULL ? strlen(msg) : 0, 0), *more;
	const char *colon;
	size_t len, off = 0;

	if (cut != NULL)
		*cut = 0;
	if (s == NULL)
		return NULL;
	/* "/PATH: cause" -> "cause (/PATH)": the reason is what must show at 80 columns. */
	if (s[0] == '/' && (colon = strstr(s, ": ")) != NULL && colon[2] != '\0' &&
	    msg_path_len(s) == (size_t)(colon - s)) {
		char *t = util_asprintf(_("%s (%.*s)"), colon + 2, (int)(colon - s), s);

		free(s);
		if ((s = t) == NULL)
			return NULL;
	}
	if (cols < 1)
		cols = 1;
	/* The ellipsis of the terminal's charset; "..." rather than "~" (home) in a path. */
	if ((more = text_ellipsize("..", 2, 1)) == NULL || strcmp(more, "~") == 0) {
		free(more);
		if ((more = strdup("...")) == NULL) {
			free(s);
			return NULL;
		}
	}
	/* Shorten paths, the longest first, while the line is too wide. */
	while (text_width(s, strlen(s)) > cols && (len = msg_longest_path(s, &off)) > 0) {
		char *t = msg_shorten(s, off, len, text_width(s, strlen(s)) - cols, more);

		if (t == NULL) {
			free(more);
			return NULL;
		}
		if (t == s)
			break;
		s = t;
		if (cut != NULL)
			*cut = 1;
	}
	free(more);
	if (text_width(s, strlen(s)) > cols) {
		char *t = text_ellipsize(s, strlen(s), cols);

		free(s);
		s = t;
		if (cut != NULL)
			*cut = 1;
	}
	return s;
}
