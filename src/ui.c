/* ui.c: STUB */
#include "config.h"
#include "cli.h"
int ui_run(const struct cli *cli, const struct catalog *cat, struct wb *wb) { (void)cli; (void)cat; (void)wb; return 1; }
