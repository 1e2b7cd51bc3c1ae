/* cmd_summary.c: `ciipwb summary`, the stock-taking summary in text, Markdown, HTML, CSV or JSON. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "summary.h"
#include "text.h"
#include "util.h"
#include "wb.h"
#include "wb_check.h"

static void
cmdsum_error(const char *msg)
{
	char *t = text_sanitize(msg, strlen(msg), 0);

	fprintf(stderr, "%s: %s\n", PACKAGE, t != NULL ? t : msg);
	free(t);
}

/* A usage error: WHAT (translated, with "%s" for ARG), then where to look. */
static int
cmdsum_usage(const char *what, const char *arg)
{
	char *t = text_sanitize(arg, strlen(arg), 0), *p = strstr(what, "%s");

	fprintf(stderr, "%s: %.*s%s%s; see '%s --help'\n", PACKAGE, p != NULL ? (int)(p - what) :
	    (int)strlen(what), what, p != NULL ? (t != NULL ? t : "?") : "", p != NULL ? p + 2 : "",
	    PACKAGE);
	free(t);
	return 2;
}

/* --check: PRAGMA integrity_check and foreign_key_check of PATH (as 'ciipwb check' runs
 * them) before anything is written. 0 when both pass, else 1 with a message. */
static int
cmdsum_check(const char *path)
{
	static const enum wb_check_id need[] = { WB_CHECK_INTEGRITY, WB_CHECK_FOREIGN_KEYS };
	struct wb_check c;
	char *err = NULL, *m;
	size_t i;
	int rc = 0;

	if (wb_check(path, &c, &err) != 0) {
		cmdsum_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	for (i = 0; i < sizeof need / sizeof need[0] && rc == 0; i++) {
		const struct wb_check_result *r = &c.res[need[i]];

		if (r->ok)
			continue;
		m = util_asprintf(_("%s: %s failed (%s); nothing written: run '%s check %s' for "
		    "the details and restore a backup"), path, _(r->name),
		    r->detail != NULL ? r->detail : "", PACKAGE, path);
		cmdsum_error(m != NULL ? m : _("out of memory"));
		free(m);
		rc = 1;
	}
	wb_check_free(&c);
	return rc;
}

int
cmd_summary(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	struct summary_opts o;
	enum summary_format fmt = SUMMARY_TEXT;
	const char *output = NULL, *path = NULL, *v;
	struct summary *s = NULL;
	struct wb *wb = NULL;
	char *err = NULL;
	int i, rc = 0, end = 0, ascii = 0, check = 0;

	(void)cli;
	memset(&o, 0, sizeof o);
	o.paper_a4 = 1;
	o.width = 80;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (end || a[0] != '-' || strcmp(a, "-") == 0) {
			if (path != NULL)
				return cmdsum_usage(_("'summary' takes one WORKBOOK, not also "
				    "'%s'"), a);
			path = a;
		} else if (strcmp(a, "--") == 0) {
			end = 1;
		} else if (cli_is_opt(a, NULL, "--format")) {
			if ((v = cli_opt_arg(argc, argv, &i, "--format")) == NULL)
				return 2;
			if (summary_format_parse(v, &fmt) != 0)
				return cmdsum_usage(_("unknown --format '%s' (text, markdown, "
				    "html, csv or json)"), v);
		} else if (cli_is_opt(a, NULL, "--output")) {
			if ((output = cli_opt_arg(argc, argv, &i, "--output")) == NULL)
				return 2;
		} else if (cli_is_opt(a, NULL, "--paper")) {
			if ((v = cli_opt_arg(argc, argv, &i, "--paper")) == NULL)
				return 2;
			if (strcmp(v, "a4") == 0 || strcmp(v, "A4") == 0)
				o.paper_a4 = 1;
			else if (strcmp(v, "letter") == 0 || strcmp(v, "Letter") == 0)
				o.paper_a4 = 0;
			else
				return cmdsum_usage(_("unknown --paper '%s' (a4 or letter)"), v);
		} else if (strcmp(a, "--executive") == 0) {
			o.executive = 1;
		} else if (strcmp(a, "--anonymous") == 0) {
			o.anonymous = 1;
		} else if (strcmp(a, "--check") == 0) {
			check = 1;
		} else {
			return cmdsum_usage(_("unknown option '%s' for 'summary'"), a);
		}
	}
	if (path == NULL) {
		fprintf(stderr, _("%s: 'summary' needs a WORKBOOK, e.g. '%s summary "
		    "kenya-2026.ciipwb'; see '%s --help'\n"), PACKAGE, PACKAGE, PACKAGE);
		return 2;
	}
	o.now = summary_now();
	if (check && cmdsum_check(path) != 0)
		return 1;
	if (wb_open(path, WB_OPEN_READONLY, &wb, &err) != 0) {
		cmdsum_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	if (summary_build(wb, cat, &o, &s, &err) != 0) {
		cmdsum_error(err != NULL ? err : _("out of memory"));
		free(err);
		wb_close(wb);
		return 1;
	}
	if (output == NULL || strcmp(output, "-") == 0) {
		rc = summary_write_stdout(s, fmt, &ascii, &err);
		if (rc == 0 && ascii)
			cmdsum_error(_("the terminal's character set is not UTF-8: letters outside "
			    "ASCII are shown as '?'; write to a file (--output) or a pipe, or use a "
			    "UTF-8 locale, to keep them"));
	} else {
		rc = summary_write_file(s, fmt, output, &err);
	}
	if (rc != 0) {
		cmdsum_error(err != NULL ? err : _("cannot write the summary"));
		rc = 1;
	}
	free(err);
	summary_free(s);
	wb_close(wb);
	return rc;
}
