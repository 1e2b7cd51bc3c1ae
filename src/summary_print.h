/* summary_print.h: print the text summary through the print command, or export it beside the workbook (no curses). */
#ifndef CIIPWB_SUMMARY_PRINT_H
#define CIIPWB_SUMMARY_PRINT_H

#include "summary.h"

/* The print command: $CIIPWB_PRINT, else the print_command setting (by default CUPS lp at 7
 * lines and 11 characters an inch, so that a 70- or 66-line page fills one sheet). */
const char *summary_print_command(void);

/* Send the text summary to the shell command CMD on its standard input (its output is
 * captured, never shown on the terminal). Returns 0 with *MSG saying which queue took it
 * ("request id is QUEUE-7" from lp names the queue); or, when the command cannot run or
 * fails, writes the text summary beside the workbook and returns 1 with *MSG saying why and
 * where the file is; -1 with *MSG when even that fails. *MSG is malloc'd and translated. */
int summary_print(struct summary *s, const char *cmd, char **msg);

/* The file beside the workbook for FORMAT: "DIR/NAME-summary.EXT", where NAME is the workbook's
 * file name without ".ciipwb". Malloc'd; NULL when out of memory. */
char *summary_export_path(const struct summary *s, enum summary_format format);

/* Write FORMAT to summary_export_path (atomically, mode 0600). 0 with *PATH set (malloc'd),
 * or -1 with *ERR. */
int summary_export(struct summary *s, enum summary_format format, char **path, char **err);

#endif
