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
	int present;                    /* --present: the browser starts in the presenter view */
	int follow;                     /* --follow: show what another instance shows, read-only */
};

/*
 * A subcommand listed in main.c's table. ARGV[0] is its name, then its own words and
 * options in order, unparsed ("--" and what follows included); the global options
 * (--framework, --width, --script, --size) are already in CLI. CAT is the loaded catalogue,
 * never NULL. Returns the exit status: 0 ok, 1 a user error, 2 a usage error (after one
 * stderr line that says what is wrong and points to '--help'). Subcommands take long
 * options only: -f and -w are global.
 */
typedef int cli_cmd_fn(const struct cli *cli, const struct catalog *cat, int argc, char **argv);

/* 1 if ARG is the option SHRT (may be NULL) or LNG, alone or as "LNG=VALUE". */
int cli_is_opt(const char *arg, const char *shrt, const char *lng);
/* The argument of the option at ARGV[*I]: "--opt=ARG", or the next word (*I moves past it).
 * NULL after a usage message on stderr naming NAME when there is none. */
const char *cli_opt_arg(int argc, char **argv, int *i, const char *name);

/* Subcommands: each returns the process exit status (0 ok, 1 user error, 2 usage error). */
int cmd_list(const struct cli *cli, const struct catalog *cat);
int cmd_show(const struct cli *cli, const struct catalog *cat, const char *ref);
int cmd_check(const struct cli *cli, const char *path);
int cmd_demo(const struct cli *cli, const char *path);
/* `ciipwb map [--format dot|csv|text] [--output FILE] WORKBOOK` (src/cmd_map.c). */
cli_cmd_fn cmd_map;
/* `new [--title T] ... NEW` (cmd_room.c): create a workbook with its workshop details. */
cli_cmd_fn cmd_new;

/* `summary [--format F] [--output FILE] [--executive] [--anonymous] [--paper P] WORKBOOK`
 * (cmd_summary.c): the stock-taking summary. */
cli_cmd_fn cmd_summary;
/* `merge TARGET SOURCE...` (cmd_merge.c): merge breakout workbooks into TARGET. */
cli_cmd_fn cmd_merge;
/* `restore WORKBOOK [BACKUP]` (cmd_merge.c): list the backups, or restore one. */
cli_cmd_fn cmd_restore;
/* `diff [--format text|json] A B` (cmd_merge.c): what changed; exit 0 same, 1 differ. */
cli_cmd_fn cmd_diff;
/* For `new --from OLD [--with-notes] [--with-actions]` (cmd_merge.c): carry OLD's
 * stakeholders, roles and ratings (as the baseline) into the new WB, and say what;
 * 0, or 1 after a message on stderr. */
#define CMD_NEW_NOTES   0x1
#define CMD_NEW_ACTIONS 0x2
int cmd_new_from(struct wb *wb, const char *from, unsigned flags);
/* Print the open conflicts of the workbook at PATH (for `check`); returns how many. */
int cmd_conflicts_print(const char *path);

/* The TUI. WB may be NULL (browse only). Returns the exit status. */
int ui_run(const struct cli *cli, const struct catalog *cat, struct wb *wb);

#endif
