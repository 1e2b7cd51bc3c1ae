/* framework.c: STUB, to be replaced */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "framework.h"
int catalog_load(struct catalog **out, const char *const *extra, size_t nextra, char **err)
{ (void)extra; (void)nextra; *out = calloc(1, sizeof **out); (void)err; return 0; }
void catalog_free(struct catalog *cat) { free(cat); }
