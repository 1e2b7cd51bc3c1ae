/* cli.h: the command-line options shared by the subcommands, and their entry points. */
#ifndef CIIPWB_CLI_H
#define CIIPWB_CLI_H

#include <stddef.h>

struct catalog;
struct wb;

struct cli {
	const char *const *frameworks;  /* --framework FILE, in order */
	size_t nframeworks;
	int width;                      /* --width N, or 0: the terminal's width (80 when not a tty) */
	const char *script;             /* --script FILE: headless scripted TUI */
	int cols, rows;                 /* --size COLSxROWS for the headless TUI (default 80x24) */
};

/* Subcommands: each returns the process exit status (0 ok, 1 user error, 2 usage error). */
int cmd_list(const struct cli *cli, const struct catalog *cat);
int cmd_show(const struct cli *cli, const struct catalog *cat, const char *ref);
int cmd_check(const struct cli *cli, const char *path);
int cmd_demo(const struct cli *cli, const char *path);

/* The TUI. WB may be NULL (browse only). Returns the exit status. */
int ui_run(const struct cli *cli, const struct catalog *cat, struct wb *wb);

#endif
