/* outfile.h: write an output file atomically (temporary file, fsync, rename), mode 0600; no curses. */
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

#endif
