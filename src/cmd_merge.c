/* cmd_merge.c: the subcommands merge, restore and diff, and `new --from`: workbooks from other laptops and other years. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "msg.h"
#include "settings.h"
#include "text.h"
#include "wb.h"
#include "wb_backup.h"
#include "wb_baseline.h"
#include "wb_diff.h"
#include "wb_merge.h"

/* One line of the report for one source. */
static void
cmd_merge_report_line(FILE *fp, const char *source, const struct wb_merge_report *r)
{
	msg_puts(fp, source);
	fprintf(fp, _(": %lld added, %lld changed, %lld deleted, %lld in conflict\n"),
	    (long long)r->added, (long long)r->changed, (long long)r->deleted,
	    (long long)r->conflicts);
}

int
cmd_merge(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	struct wb_source *srcs[WB_MERGE_MAX_SOURCES];
	struct wb_merge_report reps[WB_MERGE_MAX_SOURCES];
	const char *words[WB_MERGE_MAX_SOURCES + 1];
	struct wb *wb = NULL;
	char *err = NULL;
	int64_t open = 0;
	int i, n = 0, nsrc = 0, rc = 1, end = 0;

	(void)cli;
	(void)cat;
	for (i = 1; i < argc; i++) {
		if (!end && strcmp(argv[i], "--") == 0) {
			end = 1;
			continue;
		}
		if (!end && argv[i][0] == '-' && argv[i][1] != '\0') {
			msg_printf(stderr, _("%s: merge: unknown option '%s'; see '%s --help'\n"),
			    PACKAGE, argv[i], PACKAGE);
			return 2;
		}
		if (n == WB_MERGE_MAX_SOURCES + 1) {
			msg_printf(stderr, _("%s: merge: at most %d sources at once; merge the"
			    " rest in a second run\n"), PACKAGE, WB_MERGE_MAX_SOURCES);
			return 2;
		}
		words[n++] = argv[i];
	}
	if (n < 2) {
		msg_printf(stderr, _("%s: 'merge' takes a TARGET workbook and one or more"
		    " SOURCE workbooks; see '%s --help'\n"), PACKAGE, PACKAGE);
		return 2;
	}
	/* Check every source before the target is even opened: a refused source
	 * leaves the target as it was, byte for byte. */
	for (i = 1; i < n; i++) {
		if (wb_source_open(words[i], &srcs[nsrc], &err) != 0) {
			msg_error(err != NULL ? err : _("out of memory"));
			free(err);
			goto out;
		}
		nsrc++;
	}
	if (wb_open(words[0], 0, &wb, &err) != 0) {
		msg_error(err != NULL ? err : _("out of memory"));
		free(err);
		goto out;
	}
	/* A safety copy of the target as it was, before anything changes. */
	if (wb_backup_now(wb, (int)settings_int("backup_keep"), NULL) != 0) {
		msg_error(wb_errmsg(wb));
		goto out;
	}
	if (wb_merge(wb, srcs, (size_t)nsrc, reps) != 0) {
		msg_error(wb_errmsg(wb));
		goto out;
	}
	printf("%s", _("Merged into "));
	msg_puts(stdout, words[0]);
	printf(":\n");
	for (i = 0; i < nsrc; i++) {
		printf("  ");
		cmd_merge_report_line(stdout, words[i + 1], &reps[i]);
	}
	if (wb_conflicts_open(wb, &open) == 0 && open > 0) {
		printf(_("%lld conflicts to decide: both values are kept; see 'ciipwb"
		    " check' or the Conflicts view.\n"), (long long)open);
	}
	rc = 0;
out:
	wb_close(wb);
	for (i = 0; i < nsrc; i++)
		wb_source_free(srcs[i]);
	return rc;
}

/* One value of a conflict on its own line: the value, where and when it was written. */
static void
cmdmerge_side(const char *label, const char *value, const char *source, const char *at)
{
	printf("\n     %s ", label);
	msg_puts(stdout, value);
	printf(" (");
	msg_puts(stdout, source);
	printf(", ");
	msg_puts(stdout, at);
	printf(")");
}

/* Print one conflict as three lines. */
static int
cmdmerge_conflict(const struct wb_conflict *c, void *arg)
{
	int *n = arg;

	printf("  %d. ", ++*n);
	msg_puts(stdout, c->ref[0] != '\0' ? c->ref : c->tbl);
	printf(" %s ", c->tbl);
	if (c->field[0] != '\0')
		msg_puts(stdout, c->field);
	else
		printf("%s", _("(two rival roles)"));
	if (c->what[0] != '\0' && strcmp(c->tbl, "item") != 0) {
		char *w = text_sanitize(c->what, strlen(c->what), 0);
		char *e = w != NULL ? text_ellipsize(w, strlen(w), 40) : NULL;

		/* A few words of what the row is. */
		printf(" \"%s\"", e != NULL ? e : "?");
		free(e);
		free(w);
	}
	cmdmerge_side(_("kept: "), c->kept, c->kept_source, c->kept_at);
	cmdmerge_side(_("other:"), c->other, c->other_source, c->other_at);
	putchar('\n');
	return 0;
}

int
cmd_conflicts_print(const char *path)
{
	struct wb *wb = NULL;
	char *err = NULL;
	int64_t open = 0;
	int n = 0;

	if (wb_open(path, WB_OPEN_READONLY, &wb, &err) != 0) {
		free(err);
		return 0;   /* the check above already says what is wrong */
	}
	if (wb_conflicts_open(wb, &open) == 0) {
		if (open == 0)
			printf("%s\n", _("Conflicts from merges: none open."));
		else {
			printf(_("Conflicts from merges, to decide (%lld):\n"), (long long)open);
			wb_conflicts_each(wb, 1, cmdmerge_conflict, &n);
		}
	}
	wb_close(wb);
	return (int)open;
}

/* One line per backup: its name, time, size and what it holds. */
static int
cmdrestore_line(const struct wb_backup_info *b, void *arg)
{
	struct wb_counts k;
	struct wb *w = NULL;
	char *err = NULL;
	int *n = arg;

	++*n;
	printf("  ");
	msg_puts(stdout, b->name);
	printf("  %s  ", b->at);
	if (wb_open(b->path, WB_OPEN_READONLY, &w, &err) == 0 && wb_counts(w, &k) == 0)
		printf(_("%lld stakeholders, %lld notes, %lld actions, %lld rated items\n"),
		    (long long)k.stakeholders, (long long)k.notes, (long long)k.actions,
		    (long long)k.rated);
	else
		printf("%s\n", _("cannot be read"));
	free(err);
	wb_close(w);
	return 0;
}

int
cmd_restore(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	const char *words[2];
	struct wb *wb = NULL;
	char *err = NULL, *saved = NULL, *dir;
	int i, n = 0, count = 0, rc = 1;

	(void)cli;
	(void)cat;
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			msg_printf(stderr, _("%s: restore: unknown option '%s'; see '%s --help'\n"),
			    PACKAGE, argv[i], PACKAGE);
			return 2;
		}
		if (n == 2) {
			msg_printf(stderr, _("%s: 'restore' takes a WORKBOOK and at most one BACKUP;"
			    " see '%s --help'\n"), PACKAGE, PACKAGE);
			return 2;
		}
		words[n++] = argv[i];
	}
	if (n == 0) {
		msg_printf(stderr, _("%s: 'restore' takes a WORKBOOK and at most one BACKUP;"
		    " see '%s --help'\n"), PACKAGE, PACKAGE);
		return 2;
	}
	if (n == 1) {
		if ((dir = wb_backup_dir(words[0])) == NULL)
			return 1;
		printf("%s", _("Backups of "));
		msg_puts(stdout, words[0]);
		printf("%s", _(", newest first (in "));
		msg_puts(stdout, dir);
		printf("):\n");
		free(dir);
		if (wb_backups_each(words[0], cmdrestore_line, &count, &err) != 0) {
			msg_error(err != NULL ? err : _("out of memory"));
			free(err);
			return 1;
		}
		if (count == 0)
			printf("%s\n", _("  none yet: one is made when the workbook is opened"
			    " and every few minutes of editing."));
		return 0;
	}
	if (wb_open(words[0], 0, &wb, &err) != 0) {
		msg_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	if (wb_restore(wb, words[1], (int)settings_int("backup_keep"), &saved) != 0) {
		msg_error(wb_errmsg(wb));
		goto out;
	}
	printf("%s", _("Restored "));
	msg_puts(stdout, words[0]);
	printf("%s", _(" from "));
	msg_puts(stdout, words[1]);
	printf("%s", _("; what it held before is kept as the backup "));
	msg_puts(stdout, saved != NULL ? saved : "?");
	printf(".\n");
	rc = 0;
out:
	free(saved);
	wb_close(wb);
	return rc;
}

int
cmd_new_from(struct wb *wb, const char *from, unsigned flags)
{
	struct wb_baseline_report r;
	struct wb_source *src = NULL;
	char *err = NULL;

	if (wb_source_open(from, &src, &err) != 0) {
		msg_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	if (wb_baseline_import(wb, src, (flags & CMD_NEW_NOTES ? WB_BASELINE_NOTES : 0) |
	    (flags & CMD_NEW_ACTIONS ? WB_BASELINE_ACTIONS : 0), &r) != 0) {
		msg_error(wb_errmsg(wb));
		wb_source_free(src);
		return 1;
	}
	wb_source_free(src);
	printf("%s", _("Carried from "));
	msg_puts(stdout, from);
	printf(_(": %lld stakeholders, %lld roles, %lld relations; %lld ratings as the"
	    " baseline (since %s)"), (long long)r.stakeholders, (long long)r.roles,
	    (long long)r.relations, (long long)r.ratings, r.since[0] != '\0' ? r.since : "?");
	if (flags & CMD_NEW_NOTES)
		printf(_("; %lld notes, %lld evidence references"), (long long)r.notes,
		    (long long)r.evidence);
	if (flags & CMD_NEW_ACTIONS)
		printf(_("; %lld actions"), (long long)r.actions);
	printf(".\n");
	return 0;
}

/* S as a JSON string (quotes, backslashes and controls escaped). */
static void
cmddiff_json_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

struct cmddiff {
	int json;
	long n;
	const char *ref;          /* the item of the last line printed */
	int started;
};

/* One difference: JSON as one array element per line, or text grouped by item. */
static int
cmddiff_line(const struct wb_diff_change *c, void *arg)
{
	struct cmddiff *d = arg;

	if (d->json) {
		printf("%s\n    %s", d->n++ == 0 ? "" : ",", c->json);
		return 0;
	}
	d->n++;
	if (!d->started || strcmp(d->ref, c->ref) != 0) {
		free((void *)d->ref);
		d->ref = strdup(c->ref);
		if (d->ref == NULL)
			return -1;
		d->started = 1;
		if (c->ref[0] != '\0')
			msg_puts(stdout, c->ref);
		else
			printf("%s", _("Register and workshop details"));
		putchar('\n');
	}
	printf("  %s %s", c->kind, c->change);
	if (c->field[0] != '\0')
		printf(" %s", c->field);
	printf(": ");
	if (strcmp(c->change, "changed") == 0) {
		msg_printf(stdout, "\"%s\" -> \"%s\"", c->before, c->after);
	} else {
		msg_printf(stdout, "\"%s\"", strcmp(c->change, "added") == 0 ? c->after :
		    c->before);
	}
	putchar('\n');
	return 0;
}

int
cmd_diff(const struct cli *cli, const struct catalog *cat, int argc, char **argv)
{
	struct wb_source *a = NULL, *b = NULL;
	struct cmddiff d;
	const char *words[2], *fmt = "text";
	char *err = NULL;
	long n;
	int i, nw = 0, rc = 2;

	(void)cli;
	(void)cat;
	memset(&d, 0, sizeof d);
	for (i = 1; i < argc; i++) {
		if (cli_is_opt(argv[i], NULL, "--format")) {
			if ((fmt = cli_opt_arg(argc, argv, &i, "--format")) == NULL)
				return 2;
			if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0) {
				msg_printf(stderr, _("%s: diff: --format is text or json, not '%s'\n"),
				    PACKAGE, fmt);
				return 2;
			}
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			msg_printf(stderr, _("%s: diff: unknown option '%s'; see '%s --help'\n"),
			    PACKAGE, argv[i], PACKAGE);
			return 2;
		}
		if (nw == 2) {
			nw = 3;
			break;
		}
		words[nw++] = argv[i];
	}
	if (nw != 2) {
		msg_printf(stderr, _("%s: 'diff' compares two workbooks A and B; see '%s --help'\n"),
		    PACKAGE, PACKAGE);
		return 2;
	}
	/* Like diff(1): 0 the same, 1 different, 2 trouble. */
	if (wb_source_open(words[0], &a, &err) != 0 || wb_source_open(words[1], &b, &err) != 0) {
		msg_error(err != NULL ? err : _("out of memory"));
		free(err);
		goto out;
	}
	d.json = strcmp(fmt, "json") == 0;
	if (d.json) {
		printf("{\"a\": ");
		cmddiff_json_string(words[0]);
		printf(", \"b\": ");
		cmddiff_json_string(words[1]);
		printf(", \"changes\": [");
	}
	n = wb_diff(a, b, cmddiff_line, &d, &err);
	if (n < 0) {
		if (d.json)
			printf("]}\n");
		msg_error(err != NULL ? err : _("out of memory"));
		free(err);
		goto out;
	}
	if (d.json)
		printf("%s], \"equal\": %s}\n", n > 0 ? "\n  " : "", n == 0 ? "true" : "false");
	else if (n == 0)
		printf("%s\n", _("The two workbooks hold the same."));
	rc = n == 0 ? 0 : 1;
out:
	free((void *)d.ref);
	wb_source_free(a);
	wb_source_free(b);
	return rc;
}
