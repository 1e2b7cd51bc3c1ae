/* msg.h: printing messages and text outside curses, always through the one sanitiser. */
#ifndef CIIPWB_MSG_H
#define CIIPWB_MSG_H

#include <stddef.h>
#include <stdio.h>

/* printf to FP with the whole result made inert by text_sanitize (newlines kept):
 * for every message that may quote a file, a path or a command-line word. */
void msg_printf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "ciipwb: TEXT\n" on stderr, TEXT sanitised (one line). */
void msg_error(const char *text);
/* S sanitised (one line) to FP, without a newline. */
void msg_puts(FILE *fp, const char *s);

/* The messages the browser showed, kept whole for the key that shows them (ui_messages.c):
 * add one (a copy), count them, get one (0 the newest) or NULL. At most MSG_LOG_MAX are kept. */
#define MSG_LOG_MAX 10
void msg_log_add(const char *s);
size_t msg_log_count(void);
const char *msg_log_get(size_t i);
void msg_log_clear(void);

/* MSG fitted to a line of COLS columns: sanitised on one line, the cause first (a leading
 * "/PATH: " goes to the end, in brackets), then paths shortened in the middle with an
 * ellipsis until it fits, and only then cut at the end. *CUT (may be NULL) is set to 1 when
 * anything was left out, else 0. Malloc'd; NULL only when out of memory. */
char *msg_fit(const char *msg, int cols, int *cut);

#endif
