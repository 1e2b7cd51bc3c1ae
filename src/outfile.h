/* outfile.h: write an output file atomically (temporary file, fsync, rename), mode 0600, or to stdout; in UTF-8 whatever the locale; no curses. */
#ifndef CIIPWB_OUTFILE_H
#define CIIPWB_OUTFILE_H

#include <stdio.h>

/* Write PATH through FILL, which writes everything to FP and returns 0 (or -1 with errno
 * set). The text goes to a new temporary file beside PATH (mode 0600), is flushed to disk,
 * then renamed over PATH, so PATH is either its old self or the whole new file, never a
 * part. Returns 0, or -1 with *err (malloc'd, one line naming PATH and what to do next);
 * on failure no temporary file is left behind and PATH is untouched. A PATH that is a
 * symbolic link or not a regular file is refused. */
int outfile_write(const char *path, int (*fill)(FILE *fp, void *arg), void *arg, char **err);
/* (FILL runs with a UTF-8 LC_CTYPE, as in outfile_utf8_begin.) */

/* Write to stdout through FILL (with a UTF-8 LC_CTYPE). A pipe, a file or a UTF-8 terminal
 * gets the UTF-8 as it is; a terminal whose locale is not UTF-8 gets ASCII, each other
 * character as '?' per column, and *ASCII is set to 1 (tell the user). 0, or -1 (errno). */
int outfile_stdout(int (*fill)(FILE *fp, void *arg), void *arg, int *ascii);

/* Outside UTF-8 locales (LC_ALL=C, say) wcwidth() knows no character outside ASCII and the
 * sanitiser would drop them all ("Vlorienne" for "Vélorienne"). Before laying out text for a
 * file, a pipe or a printer, this switches LC_CTYPE to a UTF-8 locale (C.UTF-8, else
 * en_US.UTF-8...) when the current one is not UTF-8. Returns 1 if it already was (nothing
 * changed); *SAVED gets what to give outfile_utf8_end, which puts the locale back. */
int outfile_utf8_begin(char **saved);
void outfile_utf8_end(char *saved);

#endif
