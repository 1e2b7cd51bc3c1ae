/* cmd_wb.c: the workbook subcommands `ciipwb check WORKBOOK` and `ciipwb demo FILE`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo.h"
#include "i18n.h"
#include "msg.h"
#include "text.h"
#include "wb_check.h"

/* One line "  LABEL ....... VALUE" with LABEL padded to COLS display columns. */
static void
cmdwb_label(const char *label, int cols)
{
	int w = text_width(label, strlen(label));

	printf("  %s", label);
	for (; w < cols; w++)
		putchar(' ');
}

int
cmd_check(const struct cli *cli, const char *path)
{
	struct wb_check c;
	char *err = NULL;
	size_t i;
	int cols = 0, rc;

	(void)cli;
	if (wb_check(path, &c, &err) != 0) {
		msg_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	printf("%s", _("Workbook: "));
	msg_puts(stdout, c.path);
	printf("\n%s", _("Title: "));
	msg_puts(stdout, c.title);
	printf("\n");
	printf(_("Schema version: %lld (this ciipwb writes %lld)\n"), (long long)c.version,
	    (long long)c.supported);
	printf("%s\n", _("Checks:"));
	for (i = 0; i < WB_CHECK_COUNT; i++) {
		const char *status = c.res[i].ok ? _("ok") : _("FAILED");
		int w = text_width(status, strlen(status));

		if (w > cols)
			cols = w;
	}
	for (i = 0; i < WB_CHECK_COUNT; i++) {
		cmdwb_label(c.res[i].ok ? _("ok") : _("FAILED"), cols + 2);
		printf("%s", _(c.res[i].name));
		if (c.res[i].detail != NULL) {
			printf(": ");
			msg_puts(stdout, c.res[i].detail);
		}
		putchar('\n');
	}
	printf("%s\n", _("Contents (live rows, and deleted ones kept as tombstones):"));
	cols = 0;
	for (i = 0; i < WB_CHECK_NCOUNTS; i++) {
		const char *l = _(c.counts[i].name);
		int w = text_width(l, strlen(l));

		if (w > cols)
			cols = w;
	}
	for (i = 0; i < WB_CHECK_NCOUNTS; i++) {
		const struct wb_check_count *k = &c.counts[i];

		cmdwb_label(_(k->name), cols + 2);
		if (k->live < 0) {
			printf("%s\n", _("cannot be read"));
			continue;
		}
		printf("%6lld", (long long)k->live);
		if (k->deleted > 0)
			printf(_("  (%lld deleted)"), (long long)k->deleted);
		putchar('\n');
	}
	if (c.sound)
		cmd_conflicts_print(path);
	if (c.sound) {
		printf("%s\n", _("Result: the workbook is sound."));
	} else {
		printf("%s\n", _("Result: the workbook has problems (see FAILED above)."));
		fprintf(stderr, "%s: ", PACKAGE);
		msg_puts(stderr, path);
		fprintf(stderr, "%s\n", _(": the workbook has problems; see the report; keep a "
		    "copy before you edit it"));
	}
	rc = c.sound ? 0 : 1;
	wb_check_free(&c);
	return rc;
}

int
cmd_demo(const struct cli *cli, const char *path)
{
	struct demo_stats st;
	char *err = NULL;

	(void)cli;
	if (demo_write(path, &st, &err) != 0) {
		msg_error(err != NULL ? err : _("out of memory"));
		free(err);
		return 1;
	}
	printf("%s", _("Wrote a fictional demo workbook to "));
	msg_puts(stdout, path);
	printf(_(": %zu stakeholders, %zu notes, %zu evidence references, %zu actions.\n"),
	    st.stakeholders, st.notes, st.evidence, st.actions);
	return 0;
}
