/* cmd_wb.c: STUB */
#include "config.h"
#include "cli.h"
int cmd_check(const struct cli *cli, const char *path) { (void)cli; (void)path; return 1; }
int cmd_demo(const struct cli *cli, const char *path) { (void)cli; (void)path; return 1; }
