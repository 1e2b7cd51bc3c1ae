/* summary_md.c: the summary as Markdown (CommonMark with pipe tables), every workbook text escaped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "summary_doc.h"
#include "summary_relay.h"
#include "text.h"
#include "util.h"

#define MD_REMINDER_COLS 100    /* columns of the one-line annex reminder */
#define MD_STAGE_COLS 4

struct md {
	FILE *fp;
	int in_list;                /* the last block was a list entry */
	int started;                /* something was written */
	size_t ncols;
};

/* Write sanitised TEXT with every Markdown-active character escaped. MULTI: newlines become
 * hard line breaks (else spaces); INDENT: spaces after each such break (list continuation). */
static void
md_text(FILE *fp, const char *text, int multi, int indent)
{
	char *clean = text_sanitize(text, strlen(text), multi ? TEXT_KEEP_NEWLINES : 0);
	const char *p;
	int bol = 1, digits = 0;

	if (clean == NULL)
		return;
	for (p = clean; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\n') {
			fputs("\\\n", fp);
			for (int i = 0; i < indent; i++)
				fputc(' ', fp);
			bol = 1;
			digits = 0;
			continue;
		}
		if (bol && c == ' ')
			continue;       /* leading blanks would make a code block */
		if ((bol || digits) && c >= '0' && c <= '9') {
			fputc(c, fp);   /* digits opening a line: "1." would start a list */
			bol = 0;
			digits = 1;
			continue;
		}
		if (digits && (c == '.' || c == ')'))
			fputc('\\', fp);
		else if (bol && (c == '-' || c == '+' || c == '='))
			fputc('\\', fp);
		else if (strchr("\\`*_{}[]<>#|~&!\"", c) != NULL && c != '\0')
			fputc('\\', fp);
		fputc(c, fp);
		bol = 0;
		digits = 0;
	}
	free(clean);
}

/* Start a block: end a list before anything that is not a list entry. */
static void
md_block(struct md *m, int list)
{
	if (m->in_list && !list)
		fputc('\n', m->fp);
	m->in_list = list;
	m->started = 1;
}

static void
md_part(void *ctx, const char *anchor, const char *title)
{
	struct md *m = ctx;

	(void)anchor;
	md_block(m, 0);
	fputs("# ", m->fp);
	md_text(m->fp, title, 0, 0);
	fputs("\n\n", m->fp);
}

static void
md_section(void *ctx, int level, const char *anchor, const char *title)
{
	struct md *m = ctx;

	(void)anchor;
	md_block(m, 0);
	fputs(level == 2 ? "## " : "### ", m->fp);
	md_text(m->fp, title, 0, 0);
	fputs("\n\n", m->fp);
}

static void
md_para(void *ctx, const char *text)
{
	struct md *m = ctx;

	md_block(m, 0);
	md_text(m->fp, text, 1, 0);
	fputs("\n\n", m->fp);
}

static void
md_reminder(void *ctx, const char *text)
{
	struct md *m = ctx;
	char *clean = text_sanitize(text, strlen(text), 0);
	char *cut = clean != NULL ? text_ellipsize(clean, strlen(clean), MD_REMINDER_COLS) : NULL;

	md_block(m, 0);
	fputc('*', m->fp);
	md_text(m->fp, cut != NULL ? cut : "", 0, 0);
	fputs("*\n\n", m->fp);
	free(cut);
	free(clean);
}

static void
md_field(void *ctx, const char *label, const char *value)
{
	struct md *m = ctx;

	md_block(m, 0);
	fputs("**", m->fp);
	md_text(m->fp, label, 0, 0);
	fputs(":** ", m->fp);
	md_text(m->fp, value, 1, 0);
	fputs("\n\n", m->fp);
}

static void
md_label(void *ctx, const char *label)
{
	struct md *m = ctx;

	md_block(m, 0);
	fputs("**", m->fp);
	md_text(m->fp, label, 0, 0);
	fputs(":**\n\n", m->fp);
}

static void
md_bullet(void *ctx, const char *tag, const char *text)
{
	struct md *m = ctx;

	md_block(m, 1);
	fputs("- ", m->fp);
	if (tag != NULL) {
		fputs("**\\[", m->fp);
		md_text(m->fp, tag, 0, 0);
		fputs("\\]** ", m->fp);
	}
	md_text(m->fp, text, 1, 2);
	fputc('\n', m->fp);
}

static void
md_row(void *ctx, const char *const *cells)
{
	struct md *m = ctx;
	size_t c;

	fputc('|', m->fp);
	for (c = 0; c < m->ncols; c++) {
		fputc(' ', m->fp);
		md_text(m->fp, cells[c], 0, 0);
		fputs(" |", m->fp);
	}
	fputc('\n', m->fp);
}

static void
md_table(void *ctx, size_t ncols, const char *const *head, const int *width)
{
	struct md *m = ctx;
	size_t c;

	(void)width;
	md_block(m, 0);
	m->ncols = ncols;
	md_row(ctx, head);
	fputc('|', m->fp);
	for (c = 0; c < ncols; c++)
		fputs(" --- |", m->fp);
	fputc('\n', m->fp);
}

static void
md_table_end(void *ctx)
{
	struct md *m = ctx;

	fputc('\n', m->fp);
	m->ncols = 0;
}

static void
md_bars(void *ctx, const struct summary *s)
{
	struct md *m = ctx;
	size_t h;

	md_block(m, 0);
	fputs(_("One bar per heading: `#` the mean current stage, `=` up to the mean target "
	    "stage; four columns per stage, from start-up (1) to dynamic (5)."), m->fp);
	fputs("\n\n", m->fp);
	fprintf(m->fp, "| %s | %s | %s | %s | %s |\n| --- | --- | --- | ---: | ---: |\n",
	    _("Heading"), _("Assessed"), _("Picture"), _("Current"), _("Target"));
	for (h = 0; h < s->nbars; h++) {
		const struct summary_heading *hd = &s->bars[h];
		int c = (int)(hd->cur_mean * MD_STAGE_COLS + 0.5);
		int g = (int)(hd->tgt_mean * MD_STAGE_COLS + 0.5), i;
		char ref[64];

		summary_doc_heading_ref(hd, ref, sizeof ref);
		fputs("| ", m->fp);
		md_text(m->fp, ref, 0, 0);
		fputc(' ', m->fp);
		md_text(m->fp, hd->title, 0, 0);
		fprintf(m->fp, " | %zu/%zu | `", hd->assessed, hd->nitems);
		for (i = 0; i < SUMMARY_NSTAGES * MD_STAGE_COLS; i++)
			fputc(i < c ? '#' : i < g ? '=' : '.', m->fp);
		fprintf(m->fp, "` | %.1f | %.1f |\n", hd->cur_mean, hd->tgt_mean);
	}
	fputc('\n', m->fp);
}

static void
md_grid(void *ctx, const struct summary *s)
{
	struct md *m = ctx;
	int row, col;

	md_block(m, 0);
	fputs(_("Influence (rows, 5 high) against interest (columns, 5 high); the numbers are "
	    "those of the register. Top right: manage closely; top left: keep satisfied; bottom "
	    "right: keep informed; bottom left: monitor."), m->fp);
	fprintf(m->fp, "\n\n| %s | 1 | 2 | 3 | 4 | 5 |\n| --- | --- | --- | --- | --- | --- |\n",
	    _("Influence"));
	for (row = 5; row >= 1; row--) {
		fprintf(m->fp, "| **%d** |", row);
		for (col = 1; col <= 5; col++) {
			char *c = summary_doc_grid_cell(s, row, col, (size_t)-1);

			fprintf(m->fp, " %s |", c != NULL ? c : "");
			free(c);
		}
		fputc('\n', m->fp);
	}
	fputc('\n', m->fp);
}

int
summary_md_write(struct summary *s, FILE *fp)
{
	struct md m = { fp, 0, 0, 0 };
	struct summary_sink k = {
		&m, md_part, md_section, md_para, md_reminder, md_field, md_label, md_bullet,
		md_table, md_row, md_table_end, md_bars, md_grid,
	};
	int rc = summary_relay_walk(s, &k);

	md_block(&m, 0);
	return rc;
}
