/* msg.c: printing messages and text outside curses, always through the one sanitiser. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
