/* msg.h: printing messages and text outside curses, always through the one sanitiser. */
#ifndef CIIPWB_MSG_H
#define CIIPWB_MSG_H

#include <stdio.h>

/* printf to FP with the whole result made inert by text_sanitize (newlines kept):
 * for every message that may quote a file, a path or a command-line word. */
void msg_printf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "ciipwb: TEXT\n" on stderr, TEXT sanitised (one line). */
void msg_error(const char *text);
/* S sanitised (one line) to FP, without a newline. */
void msg_puts(FILE *fp, const char *s);

#endif
