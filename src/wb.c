/* wb.c: STUB */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "wb.h"
int wb_open(const char *path, unsigned flags, struct wb **out, char **err) { (void)path; (void)flags; *out = NULL; *err = strdup("stub"); return -1; }
void wb_close(struct wb *wb) { (void)wb; }
char *wb_default_path(char **err) { *err = strdup("stub"); return NULL; }
