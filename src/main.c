/* main.c: command-line parsing and dispatch to the subcommands and the TUI. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "framework.h"
#include "i18n.h"
#include "wb.h"

static void
usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s [OPTION]... [WORKBOOK]\n"
	    "       %s [OPTION]... list\n"
	    "       %s [OPTION]... show REF\n"
	    "       %s check WORKBOOK\n"
	    "       %s demo FILE\n"), PACKAGE, PACKAGE, PACKAGE, PACKAGE, PACKAGE);
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nA terminal workbook for national workshops on protecting critical information\n"
	    "infrastructures (UN General Assembly resolutions 58/199 and 64/211).\n\n"
	    "Without a command, opens WORKBOOK (or the default workbook) in the browser.\n\n"
	    "Commands:\n"
	    "  list                 print every heading and item with its reference\n"
	    "  show REF             print one item (REF like 58/199:3 or 64/211:5)\n"
	    "  check WORKBOOK       verify a workbook; exit 0 when sound\n"
	    "  demo FILE            write a fictional demo workbook to FILE\n\n"
	    "Options:\n"
	    "  -f, --framework FILE load an extra framework file (repeatable)\n"
	    "  -w, --width N        wrap printed text to N columns\n"
	    "      --script FILE    run the browser headless, reading keys from FILE\n"
	    "      --size COLSxROWS screen size for --script (default 80x24)\n"
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

/* Returns the option's argument: "--opt=ARG" or the next word. */
static const char *
opt_arg(int argc, char **argv, int *i, const char *name)
{
	const char *eq = strchr(argv[*i], '=');

	if (strncmp(argv[*i], "--", 2) == 0 && eq != NULL)
		return eq + 1;
	if (*i + 1 >= argc) {
		fprintf(stderr, _("%s: option '%s' needs an argument; see '%s --help'\n"),
		    PACKAGE, name, PACKAGE);
		return NULL;
	}
	return argv[++*i];
}

static int
is_opt(const char *arg, const char *shrt, const char *lng)
{
	size_t n = strlen(lng);

	if (shrt != NULL && strcmp(arg, shrt) == 0)
		return 1;
	return strncmp(arg, lng, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static int
run_tui(const struct cli *cli, const struct catalog *cat, const char *path)
{
	struct wb *wb = NULL;
	char *err = NULL;
	char *def = NULL;
	int rc;

	if (path == NULL) {
		def = wb_default_path(&err);
		if (def == NULL) {
			fprintf(stderr, "%s: %s\n", PACKAGE, err);
			free(err);
			return 1;
		}
		path = def;
	}
	if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0) {
		fprintf(stderr, "%s: %s\n", PACKAGE, err);
		free(err);
		free(def);
		return 1;
	}
	rc = ui_run(cli, cat, wb);
	wb_close(wb);
	free(def);
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli cli;
	const char **fwfiles;
	const char **words;
	struct catalog *cat = NULL;
	char *err = NULL;
	size_t nwords = 0;
	int i, rc, end_of_opts = 0;

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
		fprintf(stderr, _("%s: out of memory\n"), PACKAGE);
		return 1;
	}
	cli.frameworks = fwfiles;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (end_of_opts || a[0] != '-' || strcmp(a, "-") == 0) {
			words[nwords++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			end_of_opts = 1;
		} else if (is_opt(a, "-h", "--help")) {
			help();
			rc = 0;
			goto out;
		} else if (is_opt(a, "-V", "--version")) {
			printf("%s %s\n", PACKAGE, VERSION);
			rc = 0;
			goto out;
		} else if (is_opt(a, "-f", "--framework")) {
			if ((v = opt_arg(argc, argv, &i, "--framework")) == NULL)
				goto usage_error;
			fwfiles[cli.nframeworks++] = v;
		} else if (is_opt(a, "-w", "--width")) {
			if ((v = opt_arg(argc, argv, &i, "--width")) == NULL)
				goto usage_error;
			if (parse_int(v, 20, 1000, &cli.width) != 0) {
				fprintf(stderr, _("%s: --width '%s' is not a number from 20 to 1000\n"),
				    PACKAGE, v);
				goto usage_error;
			}
		} else if (is_opt(a, NULL, "--script")) {
			if ((cli.script = opt_arg(argc, argv, &i, "--script")) == NULL)
				goto usage_error;
		} else if (is_opt(a, NULL, "--size")) {
			if ((v = opt_arg(argc, argv, &i, "--size")) == NULL)
				goto usage_error;
			if (parse_size(v, &cli.cols, &cli.rows) != 0) {
				fprintf(stderr, _("%s: --size '%s' is not of the form COLSxROWS, e.g. 80x24\n"),
				    PACKAGE, v);
				goto usage_error;
			}
		} else {
			fprintf(stderr, _("%s: unknown option '%s'; see '%s --help'\n"),
			    PACKAGE, a, PACKAGE);
			goto usage_error;
		}
	}

	/* Commands that do not need the frameworks. */
	if (nwords >= 1 && strcmp(words[0], "check") == 0) {
		if (nwords != 2) {
			fprintf(stderr, _("%s: 'check' takes one WORKBOOK; see '%s --help'\n"),
			    PACKAGE, PACKAGE);
			goto usage_error;
		}
		rc = cmd_check(&cli, words[1]);
		goto out;
	}
	if (nwords >= 1 && strcmp(words[0], "demo") == 0) {
		if (nwords != 2) {
			fprintf(stderr, _("%s: 'demo' takes one FILE to write; see '%s --help'\n"),
			    PACKAGE, PACKAGE);
			goto usage_error;
		}
		rc = cmd_demo(&cli, words[1]);
		goto out;
	}

	if (catalog_load(&cat, fwfiles, cli.nframeworks, &err) != 0) {
		fprintf(stderr, "%s: %s\n", PACKAGE, err);
		free(err);
		rc = 1;
		goto out;
	}
	if (nwords >= 1 && strcmp(words[0], "list") == 0) {
		if (nwords != 1) {
			fprintf(stderr, _("%s: 'list' takes no arguments; see '%s --help'\n"),
			    PACKAGE, PACKAGE);
			goto usage_error;
		}
		rc = cmd_list(&cli, cat);
	} else if (nwords >= 1 && strcmp(words[0], "show") == 0) {
		if (nwords != 2) {
			fprintf(stderr, _("%s: 'show' takes one REF, e.g. '%s show 64/211:5'\n"),
			    PACKAGE, PACKAGE);
			goto usage_error;
		}
		rc = cmd_show(&cli, cat, words[1]);
	} else if (nwords <= 1) {
		rc = run_tui(&cli, cat, nwords == 1 ? words[0] : NULL);
	} else {
		fprintf(stderr, _("%s: too many arguments; see '%s --help'\n"), PACKAGE, PACKAGE);
		goto usage_error;
	}
	goto out;

usage_error:
	rc = 2;
out:
	catalog_free(cat);
	free(fwfiles);
	free(words);
	return rc;
}
