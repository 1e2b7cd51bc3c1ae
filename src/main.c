/* main.c: command-line parsing and dispatch to the subcommands and the TUI. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "cli.h"
#include "framework.h"
#include "i18n.h"
#include "msg.h"
#include "text.h"
#include "settings.h"
#include "wb.h"
#include "wb_backup.h"

static void
usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s [OPTION]... [WORKBOOK]\n"
	    "       %s [OPTION]... list\n"
	    "       %s [OPTION]... show REF\n"
	    "       %s check WORKBOOK\n"
	    "       %s demo FILE\n"
	    "       %s new [--title T] [--country C] [--venue V] [--facilitator F]\n"
	    "              [--start YYYY-MM-DD] [--end YYYY-MM-DD]\n"
	    "              [--from OLD [--with-notes] [--with-actions]] NEW\n"), PACKAGE, PACKAGE,
	    PACKAGE, PACKAGE, PACKAGE, PACKAGE);
	fprintf(fp, _("       %s map [--format dot|csv|text] [--output FILE] WORKBOOK\n"),
	    PACKAGE);
	fprintf(fp, _("       %s summary [--format text|markdown|html|csv|json] [--output FILE]\n"
	    "              [--executive] [--anonymous] [--paper a4|letter] [--check] WORKBOOK\n"),
	    PACKAGE);
	fprintf(fp, _("       %s merge TARGET SOURCE...\n"
	    "       %s restore WORKBOOK [BACKUP]\n"
	    "       %s diff [--format text|json] A B\n"), PACKAGE, PACKAGE, PACKAGE);
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nA terminal workbook for national workshops on protecting critical information\n"
	    "infrastructures (UN General Assembly resolutions 58/199 and 64/211).\n\n"
	    "Without a command, opens WORKBOOK (or the default workbook) in the browser;\n"
	    "WORKBOOK is an existing file, a path with '/', or a name ending in .ciipwb,\n"
	    ".db, .sqlite or .sqlite3 (created when missing, saying where).\n\n"
	    "Commands:\n"
	    "  list                 print every heading and item with its reference\n"
	    "  show REF             print one item (REF like 58/199:3 or 64/211:5)\n"
	    "  check WORKBOOK       verify a workbook; exit 0 when sound\n"
	    "  demo FILE            write a fictional demo workbook to FILE\n"
	    "  map WORKBOOK         print the stakeholder map: --format text (the default),\n"
	    "                       dot (Graphviz) or csv; --output FILE writes a file\n"
	    "  new [OPTION]... NEW  create the workbook NEW with its workshop details:\n"
	    "                       --title, --country (or organisation), --venue,\n"
	    "                       --facilitator, --start and --end (YYYY-MM-DD);\n"
	    "                       --from OLD carries last year's stakeholders, roles\n"
	    "                       and ratings (as the baseline), --with-notes and\n"
	    "                       --with-actions its notes and actions too\n"
	    "  summary WORKBOOK     print the stock-taking summary: --format text (the\n"
	    "                       default, 80 columns, paged), markdown, html, csv or\n"
	    "                       json; --executive the one-page summary alone;\n"
	    "                       --anonymous without names, contacts or groups;\n"
	    "                       --paper a4 or letter; --output FILE writes a file;\n"
	    "                       --check verifies the workbook first\n"
	    "  merge TARGET SOURCE... merge breakout workbooks into TARGET (all or nothing);\n"
	    "                       conflicting edits are kept and listed by 'check'\n"
	    "  restore WORKBOOK [BACKUP]\n"
	    "                       list the automatic backups of WORKBOOK, or restore\n"
	    "                       one (the current content is backed up first)\n"
	    "  diff A B             what changed from workbook A to B, per item and in the\n"
	    "                       register; --format json; exit 0 same, 1 different\n\n"
	    "Options:\n"
	    "  -f, --framework FILE load an extra framework file (repeatable)\n"
	    "  -w, --width N        wrap printed text to N columns\n"
	    "      --script FILE    run the browser headless, reading keys from FILE\n"
	    "      --size COLSxROWS screen size for --script (default 80x24)\n"
	    "      --present        start in the presenter view (for a projector)\n"
	    "      --follow         show what the ciipwb running on WORKBOOK shows; never write\n"
	    "  -h, --help           show this help and exit\n"
	    "  -V, --version        show the version and exit\n\n"
	    "See ciipwb(1) for the keys and ciipwb(5) for the file formats.\n"), stdout);
}

static int
parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int
parse_size(const char *s, int *cols, int *rows)
{
	char buf[32];
	char *x;

	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	x = strchr(buf, 'x');
	if (x == NULL)
		return -1;
	*x = '\0';
	if (parse_int(buf, 1, 1000, cols) != 0 || parse_int(x + 1, 1, 1000, rows) != 0)
		return -1;
	return 0;
}

/* --follow on a workbook that does not exist yet: say so and wait for the leader to make it
 * (Ctrl-C stops). 0 once it exists. */
static int
main_wait_for(const char *path)
{
	struct timespec ts = { 0, 250 * 1000 * 1000 };
	struct stat sb;

	if (lstat(path, &sb) == 0)
		return 0;
	msg_printf(stderr, _("%s: following %s: it does not exist yet; waiting for the leader to "
	    "create it (start '%s %s' in another terminal; Ctrl-C stops)\n"), PACKAGE, path,
	    PACKAGE, path);
	while (lstat(path, &sb) != 0)
		nanosleep(&ts, NULL);
	/* Give the leader a moment to finish making it. */
	ts.tv_nsec = 500 * 1000 * 1000;
	nanosleep(&ts, NULL);
	return 0;
}

static int
run_tui(const struct cli *cli, const struct catalog *cat, const char *path)
{
	struct wb *wb = NULL;
	char *err = NULL;
	char *def = NULL;
	struct stat st;
	int rc, existed;

	if (path == NULL) {
		def = wb_default_path(&err);
		if (def == NULL) {
			msg_error(err);
			free(err);
			return 1;
		}
		path = def;
	}
	existed = lstat(path, &st) == 0;
	/* A follower never writes: it opens the workbook read-only, once the leader made it. */
	if (cli->follow && cli->script == NULL && main_wait_for(path) != 0) {
		free(def);
		return 1;
	}
	if (wb_open(path, cli->follow ? WB_OPEN_READONLY : WB_OPEN_CREATE, &wb, &err) != 0) {
		msg_error(err);
		free(err);
		free(def);
		return 1;
	}
	if (!existed && !cli->follow) {
		/* Say where: it stays on the terminal after the browser closes. */
		msg_printf(stderr, _("%s: created the new workbook %s\n"), PACKAGE, wb_path(wb));
	}
	/* Rolling backups: this reads the backup directory only; the browser takes a due
	 * one while it waits for keys, after its first screen. */
	if (wb_backup_auto(wb, (int)settings_int("backup_interval_minutes"),
	    (int)settings_int("backup_keep")) != 0)
		fprintf(stderr, _("%s: warning: %s\n"), PACKAGE, wb_errmsg(wb));
	rc = ui_run(cli, cat, wb);
	wb_close(wb);
	free(def);
	return rc;
}

/* The commands that take a fixed number of words. */
static int
main_list(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	if (argc != 1) {
		msg_printf(stderr, _("%s: 'list' takes no arguments; see '%s --help'\n"),
		    PACKAGE, PACKAGE);
		return 2;
	}
	return cmd_list(cli, cat);
}

static int
main_show(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	if (argc != 2) {
		msg_printf(stderr, _("%s: 'show' takes one REF, e.g. '%s show 64/211:5'\n"),
		    PACKAGE, PACKAGE);
		return 2;
	}
	return cmd_show(cli, cat, argv[1]);
}

static int
main_check(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	(void)cat;
	if (argc != 2) {
		msg_printf(stderr, _("%s: 'check' takes one WORKBOOK; see '%s --help'\n"),
		    PACKAGE, PACKAGE);
		return 2;
	}
	return cmd_check(cli, argv[1]);
}

static int
main_demo(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	(void)cat;
	if (argc != 2) {
		msg_printf(stderr, _("%s: 'demo' takes one FILE to write; see '%s --help'\n"),
		    PACKAGE, PACKAGE);
		return 2;
	}
	return cmd_demo(cli, argv[1]);
}

/* The subcommands: a new one is its function and one line here (and its lines in help(),
 * ciipwb(1) and the README). */
static const struct main_cmd {
	const char *name;
	cli_cmd_fn *fn;
} main_cmds[] = {
	{ "list", main_list },
	{ "show", main_show },
	{ "check", main_check },
	{ "demo", main_demo },
	{ "map", cmd_map },
	{ "new", cmd_new },
	{ "summary", cmd_summary },
	{ "merge", cmd_merge },
	{ "restore", cmd_restore },
	{ "diff", cmd_diff },
};

static const struct main_cmd *
main_find_cmd(const char *word)
{
	for (size_t i = 0; i < sizeof main_cmds / sizeof main_cmds[0]; i++)
		if (strcmp(main_cmds[i].name, word) == 0)
			return &main_cmds[i];
	return NULL;
}

/* Edit distance between A and B (insertions, deletions, substitutions, transpositions), for
 * "did you mean"; words longer than 31 bytes count as far from every command. */
static size_t
main_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[32][32];

	if (la >= 32 || lb >= 32)
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* 1 when WORD names a workbook: an existing file, a path (with '/'), or a name that ends
 * like one. A bare word such as "lsit" is not: it is a mistyped command more likely than a
 * new workbook's name. */
static int
main_is_workbook(const char *word)
{
	static const char *const ext[] = { ".ciipwb", ".db", ".sqlite", ".sqlite3" };
	struct stat st;
	size_t n = strlen(word);

	if (lstat(word, &st) == 0 || strchr(word, '/') != NULL)
		return 1;
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		size_t e = strlen(ext[i]);

		if (n > e && strcmp(word + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* The usage error for a WORD that is neither a command nor a workbook. */
static void
main_not_a_command(const char *word)
{
	const char *best = NULL;
	size_t bd = SIZE_MAX;
	char *w = text_sanitize(word, strlen(word), 0);

	for (size_t i = 0; i < sizeof main_cmds / sizeof main_cmds[0]; i++) {
		size_t d = main_distance(word, main_cmds[i].name);

		if (d < bd) {
			bd = d;
			best = main_cmds[i].name;
		}
	}
	if (best != NULL && bd <= 2 && bd < strlen(best))
		fprintf(stderr, _("%s: '%s' is not a command; did you mean '%s'? (to create a "
		    "workbook, name it %s.ciipwb or ./%s; see '%s --help')\n"), PACKAGE,
		    w != NULL ? w : "", best, w != NULL ? w : "", w != NULL ? w : "", PACKAGE);
	else
		fprintf(stderr, _("%s: '%s' is neither a command nor an existing workbook; to "
		    "create a workbook, name it %s.ciipwb or ./%s (see '%s --help')\n"), PACKAGE,
		    w != NULL ? w : "", w != NULL ? w : "", w != NULL ? w : "", PACKAGE);
	free(w);
}

/* A global option at ARGV[*I]: 1 taken (its argument too), 0 not a global option, -1 a usage
 * error (already reported), 3 --help or --version done (exit 0). */
static int
main_global_opt(struct cli *cli, const char **fwfiles, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;

	if (cli_is_opt(a, "-h", "--help")) {
		help();
		return 3;
	}
	if (cli_is_opt(a, "-V", "--version")) {
		printf("%s %s\n", PACKAGE, VERSION);
		return 3;
	}
	if (cli_is_opt(a, NULL, "--present") && strchr(a, '=') == NULL) {
		cli->present = 1;
		return 1;
	}
	if (cli_is_opt(a, NULL, "--follow") && strchr(a, '=') == NULL) {
		cli->follow = 1;
		return 1;
	}
	if (cli_is_opt(a, "-f", "--framework")) {
		if ((v = cli_opt_arg(argc, argv, i, "--framework")) == NULL)
			return -1;
		fwfiles[cli->nframeworks++] = v;
		return 1;
	}
	if (cli_is_opt(a, "-w", "--width")) {
		if ((v = cli_opt_arg(argc, argv, i, "--width")) == NULL)
			return -1;
		if (parse_int(v, 20, 1000, &cli->width) != 0) {
			msg_printf(stderr, _("%s: --width '%s' is not a number from 20 to 1000\n"),
			    PACKAGE, v);
			return -1;
		}
		return 1;
	}
	if (cli_is_opt(a, NULL, "--script")) {
		if ((cli->script = cli_opt_arg(argc, argv, i, "--script")) == NULL)
			return -1;
		return 1;
	}
	if (cli_is_opt(a, NULL, "--size")) {
		if ((v = cli_opt_arg(argc, argv, i, "--size")) == NULL)
			return -1;
		if (parse_size(v, &cli->cols, &cli->rows) != 0) {
			msg_printf(stderr, _("%s: --size '%s' is not of the form COLSxROWS, e.g. 80x24\n"),
			    PACKAGE, v);
			return -1;
		}
		return 1;
	}
	return 0;
}

static void
main_settings(void)
{
	char *warn = NULL;

	settings_load(NULL, &warn);
	if (warn != NULL) {
		msg_printf(stderr, "%s", warn);
		free(warn);
	}
}

int
main(int argc, char **argv)
{
	struct cli cli;
	const char **fwfiles;
	char **words;
	const struct main_cmd *cmd = NULL;
	struct catalog *cat = NULL;
	char *err = NULL;
	int nwords = 0;
	int i, rc, end_of_opts = 0;

	/* No memory statistics: nothing reads them, and they cost a mutex and a count on
	 * every one of SQLite's allocations (a quarter of the instructions of parsing a schema
	 * go to allocating). Before SQLite initialises, or it is refused. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	memset(&cli, 0, sizeof cli);
	cli.cols = 80;
	cli.rows = 24;
	fwfiles = calloc((size_t)argc + 1, sizeof *fwfiles);
	words = calloc((size_t)argc + 1, sizeof *words);
	if (fwfiles == NULL || words == NULL) {
		msg_printf(stderr, _("%s: out of memory\n"), PACKAGE);
		free(fwfiles);
		free(words);
		return 1;
	}
	cli.frameworks = fwfiles;

	/*
	 * Global options may stand anywhere before "--". The first word names a subcommand, or
	 * is the workbook. After a subcommand's name, every word and every option that is not
	 * global goes to the subcommand, in order ("--" and what follows too).
	 */
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int g;

		if (end_of_opts || a[0] != '-' || strcmp(a, "-") == 0) {
			if (nwords == 0 && !end_of_opts)
				cmd = main_find_cmd(a);
			words[nwords++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			end_of_opts = 1;
			if (cmd != NULL)
				words[nwords++] = argv[i];
			continue;
		}
		g = main_global_opt(&cli, fwfiles, argc, argv, &i);
		if (g == 3) {
			rc = 0;
			goto out;
		}
		if (g < 0)
			goto usage_error;
		if (g == 1)
			continue;
		if (cmd != NULL) {
			words[nwords++] = argv[i];
			continue;
		}
		msg_printf(stderr, _("%s: unknown option '%s'; see '%s --help'\n"), PACKAGE, a, PACKAGE);
		goto usage_error;
	}

	main_settings();
	if (catalog_load(&cat, fwfiles, cli.nframeworks, &err) != 0) {
		msg_error(err);
		free(err);
		rc = 1;
		goto out;
	}
	if (cmd != NULL) {
		rc = cmd->fn(&cli, cat, nwords, words);
	} else if (nwords >= 1 && !end_of_opts && !main_is_workbook(words[0])) {
		main_not_a_command(words[0]);
		goto usage_error;
	} else if (nwords <= 1) {
		rc = run_tui(&cli, cat, nwords == 1 ? words[0] : NULL);
	} else {
		msg_printf(stderr, _("%s: too many arguments; see '%s --help'\n"), PACKAGE, PACKAGE);
		goto usage_error;
	}
	goto out;

usage_error:
	rc = 2;
out:
	catalog_free(cat);
	settings_free();
	free(fwfiles);
	free(words);
	return rc;
}
