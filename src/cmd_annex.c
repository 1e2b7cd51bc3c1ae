/* cmd_annex.c: STUB */
#include "config.h"
#include "cli.h"
int cmd_list(const struct cli *cli, const struct catalog *cat) { (void)cli; (void)cat; return 1; }
int cmd_show(const struct cli *cli, const struct catalog *cat, const char *ref) { (void)cli; (void)cat; (void)ref; return 1; }
