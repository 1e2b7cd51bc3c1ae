/* cmd_room.c: `ciipwb new`: create a workbook with its workshop details set from the command line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "datespec.h"
#include "i18n.h"
#include "text.h"
#include "util.h"
#include "wb.h"

/* "ciipwb: MSG" on stderr, MSG sanitised (it quotes what was typed or a file name). */
static void
room_error(const char *msg)
{
	char *t = text_sanitize(msg, strlen(msg), 0);

	fprintf(stderr, "%s: %s\n", PACKAGE, t != NULL ? t : _("out of memory"));
	free(t);
}

/* A usage error about option NAME's VALUE: one line, exit status 2. */
static int
room_bad_date(const char *name, const char *value)
{
	char *m = util_asprintf(_("%s '%s' is not a date of the form YYYY-MM-DD, e.g. "
	    "2026-11-23; see '%s --help'"), name, value, PACKAGE);

	room_error(m != NULL ? m : _("out of memory"));
	free(m);
	return 2;
}

int
cmd_new(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	struct wb_details d;
	struct wb *wb = NULL;
	struct stat sb;
	const char *path = NULL, *from = NULL;
	char *err = NULL, *shown;
	int i, any = 0, end_of_opts = 0;
	unsigned from_flags = 0;

	(void)cli;
	(void)cat;
	memset(&d, 0, sizeof d);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], **dst = NULL, *v;

		if (!end_of_opts && strcmp(a, "--") == 0) {
			end_of_opts = 1;
			continue;
		}
		if (end_of_opts || a[0] != '-' || strcmp(a, "-") == 0) {
			if (path != NULL) {
				fprintf(stderr, _("%s: 'new' takes one NEW workbook file; see '%s "
				    "--help'\n"), PACKAGE, PACKAGE);
				return 2;
			}
			path = a;
			continue;
		}
		/* --from OLD, --with-notes, --with-actions: see cmd_new_from() (cmd_merge.c). */
		if (strcmp(a, "--with-notes") == 0 || strcmp(a, "--with-actions") == 0) {
			from_flags |= strcmp(a, "--with-notes") == 0 ? CMD_NEW_NOTES :
			    CMD_NEW_ACTIONS;
			continue;
		}
		if (cli_is_opt(a, NULL, "--from"))
			dst = &from;
		else if (cli_is_opt(a, NULL, "--title"))
			dst = &d.title;
		else if (cli_is_opt(a, NULL, "--country"))
			dst = &d.country;
		else if (cli_is_opt(a, NULL, "--venue"))
			dst = &d.venue;
		else if (cli_is_opt(a, NULL, "--facilitator"))
			dst = &d.facilitator;
		else if (cli_is_opt(a, NULL, "--start"))
			dst = &d.date_start;
		else if (cli_is_opt(a, NULL, "--end"))
			dst = &d.date_end;
		if (dst == NULL) {
			char *m = util_asprintf(_("'new' has no option '%s'; see '%s --help'"),
			    a, PACKAGE);

			room_error(m != NULL ? m : _("out of memory"));
			free(m);
			return 2;
		}
		if ((v = cli_opt_arg(argc, argv, &i, a)) == NULL)
			return 2;
		*dst = v;
		any |= dst != &from;
	}
	if (from_flags != 0 && from == NULL) {
		fprintf(stderr, _("%s: 'new': --with-notes and --with-actions go with --from OLD;"
		    " see '%s --help'\n"), PACKAGE, PACKAGE);
		return 2;
	}
	if (path == NULL) {
		fprintf(stderr, _("%s: 'new' needs the NEW workbook file to create, e.g. '%s new "
		    "--title \"National workshop\" kenya-2026.ciipwb'\n"), PACKAGE, PACKAGE);
		return 2;
	}
	if (d.date_start != NULL && *d.date_start != '\0' && !datespec_valid(d.date_start))
		return room_bad_date("--start", d.date_start);
	if (d.date_end != NULL && *d.date_end != '\0' && !datespec_valid(d.date_end))
		return room_bad_date("--end", d.date_end);
	if (d.date_start != NULL && d.date_end != NULL && *d.date_start != '\0' &&
	    *d.date_end != '\0' && strcmp(d.date_end, d.date_start) < 0) {
		fprintf(stderr, _("%s: --end %s is before --start %s; give the workshop's last day "
		    "as --end\n"), PACKAGE, d.date_end, d.date_start);
		return 2;
	}
	if (lstat(path, &sb) == 0) {
		if ((err = util_asprintf(_("%s already exists; choose a new file name (open an "
		    "existing workbook with '%s %s')"), path, PACKAGE, path)) != NULL)
			room_error(err);
		free(err);
		return 1;
	}
	if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0) {
		room_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	if ((any && wb_details_set(wb, &d) != 0 && (room_error(wb_errmsg(wb)), 1)) ||
	    (from != NULL && cmd_new_from(wb, from, from_flags) != 0)) {
		/* Never leave a half-made workbook behind. */
		if ((err = strdup(wb_path(wb))) != NULL) {
			wb_close(wb);
			unlink(err);
			free(err);
		} else {
			wb_close(wb);
		}
		return 1;
	}
	shown = text_sanitize(wb_path(wb), strlen(wb_path(wb)), 0);
	printf(_("Created %s\n"), shown != NULL ? shown : path);
	free(shown);
	wb_close(wb);
	return 0;
}
