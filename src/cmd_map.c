/* cmd_map.c: `ciipwb map [--format dot|csv|text] [--output FILE] WORKBOOK`, the stakeholder map on the command line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "map.h"
#include "map_out.h"
#include "outfile.h"
#include "text.h"
#include "wb.h"

enum { CMAP_TEXT, CMAP_DOT, CMAP_CSV };

struct cmap_job {
	const struct map *m;
	int format, width;
	const char *title;
};

static int
cmap_fill(FILE *fp, void *arg)
{
	const struct cmap_job *j = arg;

	switch (j->format) {
	case CMAP_DOT:
		return map_write_dot(fp, j->m, j->title);
	case CMAP_CSV:
		return map_write_csv(fp, j->m);
	default:
		return map_write_text(fp, j->m, j->width);
	}
}

/* One error line on stderr, sanitised (it may quote a file name or workbook text). */
static void
cmap_error(const char *msg)
{
	char *t = text_sanitize(msg, strlen(msg), 0);

	fprintf(stderr, "%s: %s\n", PACKAGE, t != NULL ? t : msg);
	free(t);
}

int
cmd_map(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	const char *path = NULL, *output = NULL, *v;
	struct cmap_job job = { 0 };
	struct wb_details d;
	struct map *m = NULL;
	struct wb *wb = NULL;
	char *err = NULL;
	int i, rc, have_title;

	job.format = CMAP_TEXT;
	job.width = cli->width > 0 ? cli->width : 80;
	for (i = 1; i < argc; i++) {
		if (cli_is_opt(argv[i], NULL, "--format")) {
			if ((v = cli_opt_arg(argc, argv, &i, "--format")) == NULL)
				return 2;
			if (strcmp(v, "text") == 0) {
				job.format = CMAP_TEXT;
			} else if (strcmp(v, "dot") == 0) {
				job.format = CMAP_DOT;
			} else if (strcmp(v, "csv") == 0) {
				job.format = CMAP_CSV;
			} else {
				fprintf(stderr, _("%s: map: unknown format '%s': use dot, csv or text;"
				    " see '%s --help'\n"), PACKAGE, v, PACKAGE);
				return 2;
			}
		} else if (cli_is_opt(argv[i], NULL, "--output")) {
			if ((output = cli_opt_arg(argc, argv, &i, "--output")) == NULL)
				return 2;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, _("%s: map: unknown option '%s'; see '%s --help'\n"),
			    PACKAGE, argv[i], PACKAGE);
			return 2;
		} else if (path == NULL) {
			path = argv[i];
		} else {
			fprintf(stderr, _("%s: map takes one WORKBOOK; see '%s --help'\n"),
			    PACKAGE, PACKAGE);
			return 2;
		}
	}
	if (path == NULL) {
		fprintf(stderr, _("%s: map needs a WORKBOOK, e.g. '%s map --format dot"
		    " kenya-2026.ciipwb'; see '%s --help'\n"), PACKAGE, PACKAGE, PACKAGE);
		return 2;
	}
	if (wb_open(path, WB_OPEN_READONLY, &wb, &err) != 0) {
		cmap_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	if (map_load(wb, cat, &m, &err) != 0) {
		cmap_error(err != NULL ? err : _("out of memory"));
		free(err);
		wb_close(wb);
		return 1;
	}
	have_title = wb_details_get(wb, &d) == 0;
	job.m = m;
	job.title = have_title ? d.title : NULL;
	if (output != NULL) {
		rc = outfile_write(output, cmap_fill, &job, &err) == 0 ? 0 : 1;
		if (rc != 0)
			cmap_error(err != NULL ? err : _("out of memory"));
		free(err);
	} else {
		int ascii;

		rc = outfile_stdout(cmap_fill, &job, &ascii) == 0 && fflush(stdout) == 0 ? 0 : 1;
		if (rc != 0)
			cmap_error(_("cannot write the map to the standard output; check where it"
			    " goes (a full disk, a closed pipe)"));
		else if (ascii)
			cmap_error(_("the terminal's character set is not UTF-8: letters outside "
			    "ASCII are shown as '?'; write to a file (--output) or a pipe, or use a "
			    "UTF-8 locale, to keep them"));
	}
	if (have_title)
		wb_details_free(&d);
	map_free(m);
	wb_close(wb);
	return rc;
}
