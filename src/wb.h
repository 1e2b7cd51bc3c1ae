/* wb.h: the workbook, a durable, mergeable SQLite file (no curses, no printing). */
#ifndef CIIPWB_WB_H
#define CIIPWB_WB_H

#include <stdint.h>
#include <stddef.h>

struct wb;

#define WB_OPEN_CREATE   0x1   /* create the file (mode 0600) when it does not exist */
#define WB_OPEN_READONLY 0x2   /* never write */

/* Open (or with WB_OPEN_CREATE create) a workbook. Returns 0, or -1 with *err set to one
 * malloc'd line naming the file and what to do next. */
int wb_open(const char *path, unsigned flags, struct wb **out, char **err);
void wb_close(struct wb *wb);

/* The default workbook path, $XDG_DATA_HOME/ciipwb/workbook.ciipwb (or
 * ~/.local/share/ciipwb/...), its directory created mode 0700. NULL with *err on failure. */
char *wb_default_path(char **err);

#endif
