/* ui_summary.c: the Summary view: the printed text summary previewed page by page, print and export keys. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings.h"
#include "summary.h"
#include "summary_print.h"
#include "ui.h"
#include "ui_status.h"
#include "ui_summary.h"
#include "ui_view.h"

/*
 * The preview is the text summary itself, laid out at the terminal's width: what `ciipwb
 * summary` prints and what the print key sends (which is 80 columns wide). It is written to a
 * private temporary file; only the offsets of its pages and the one or two pages on screen
 * are held in memory, so a workbook of any size previews in little memory. Every page has
 * exactly as many lines as the paper gives (70 on A4, 66 on Letter).
 */

#define SUM_PAGE_A4 70
#define SUM_PAGE_LETTER 66
#define SUM_MIN_WIDTH 20

struct sum_page {
	long page;                  /* which page is cached here, -1 none */
	char **lines;               /* its lines (plen) */
};

struct ui_summary {
	struct summary *s;          /* the computed summary, for print and export */
	FILE *fp;                   /* the laid-out text */
	long *pages;                /* offset of each page in FP */
	size_t npages, plen, top;
	int width;                  /* the width it was laid out for, 0: lay out again */
	int stale;                  /* the workbook changed: build again when shown */
	int anonymous, executive;
	struct sum_page cache[2];
};

static void
sum_cache_clear(struct ui_summary *st)
{
	for (int c = 0; c < 2; c++) {
		if (st->cache[c].lines != NULL)
			for (size_t i = 0; i < st->plen; i++)
				free(st->cache[c].lines[i]);
		free(st->cache[c].lines);
		st->cache[c].lines = NULL;
		st->cache[c].page = -1;
	}
}

static void
sum_clear(struct ui_summary *st)
{
	sum_cache_clear(st);
	if (st->fp != NULL)
		fclose(st->fp);
	st->fp = NULL;
	free(st->pages);
	st->pages = NULL;
	st->npages = 0;
	summary_free(st->s);
	st->s = NULL;
	st->width = 0;
}

static int
sum_paper_a4(void)
{
	const char *p = settings_str("summary_paper");

	return p == NULL || strcmp(p, "letter") != 0;
}

/* Compute the summary again (for WIDTH columns). Returns 0, or -1 with a message shown. */
static int
sum_build(struct ui *ui, struct ui_summary *st, int width)
{
	struct summary_opts o;
	char *err = NULL;

	summary_free(st->s);
	st->s = NULL;
	memset(&o, 0, sizeof o);
	o.anonymous = st->anonymous;
	o.executive = st->executive;
	o.paper_a4 = sum_paper_a4();
	o.width = width < SUM_MIN_WIDTH ? SUM_MIN_WIDTH : width;
	o.now = summary_now();
	if (summary_build(ui->wb, ui->cat, &o, &st->s, &err) != 0) {
		ui_message(ui, _("Cannot make the summary: %s"), err != NULL ? err :
		    _("out of memory"));
		free(err);
		return -1;
	}
	st->stale = 0;
	return 0;
}

/* Lay the text summary out for WIDTH columns into a temporary file and index its pages. */
static int
sum_layout(struct ui *ui, struct ui_summary *st, int width)
{
	long off = 0;
	int c;

	sum_cache_clear(st);
	if (st->fp != NULL)
		fclose(st->fp);
	free(st->pages);
	st->pages = NULL;
	st->npages = 0;
	st->width = 0;
	if ((st->s == NULL || st->stale || st->s->opts.width != width) &&
	    sum_build(ui, st, width) != 0)
		return -1;
	st->plen = st->s->opts.paper_a4 ? SUM_PAGE_A4 : SUM_PAGE_LETTER;
	if ((st->fp = tmpfile()) == NULL || summary_text_write(st->s, st->fp) != 0 ||
	    fflush(st->fp) != 0) {
		ui_message(ui, "%s", _("Cannot lay out the summary: the temporary directory is "
		    "full or not writable; free some space and open it again"));
		return -1;
	}
	rewind(st->fp);
	/* A page starts at the beginning and after each form feed. */
	if ((st->pages = malloc(sizeof *st->pages)) == NULL)
		return -1;
	st->pages[st->npages++] = 0;
	while ((c = getc(st->fp)) != EOF) {
		off++;
		if (c == '\f') {
			long *p = realloc(st->pages, (st->npages + 1) * sizeof *p);

			if (p == NULL)
				return -1;
			st->pages = p;
			st->pages[st->npages++] = off;
		}
	}
	st->width = width;
	return 0;
}

/* Line I of the laid-out text (without its newline; "" past the end). */
static const char *
sum_line(struct ui_summary *st, size_t i)
{
	size_t page = i / st->plen, k;
	struct sum_page *c = &st->cache[page % 2];
	char *line = NULL;
	size_t cap = 0;

	if (page >= st->npages || st->fp == NULL)
		return "";
	if (c->page != (long)page) {
		if (c->lines == NULL && (c->lines = calloc(st->plen, sizeof *c->lines)) == NULL)
			return "";
		for (k = 0; k < st->plen; k++) {
			free(c->lines[k]);
			c->lines[k] = NULL;
		}
		c->page = (long)page;
		if (fseek(st->fp, st->pages[page], SEEK_SET) != 0)
			return "";
		for (k = 0; k < st->plen; k++) {
			ssize_t n = getline(&line, &cap, st->fp);

			if (n <= 0)
				break;
			if (line[n - 1] == '\n')
				line[--n] = '\0';
			/* The form feed that ends the page before is not shown. */
			c->lines[k] = strdup(line[0] == '\f' ? line + 1 : line);
		}
		free(line);
	}
	k = i % st->plen;
	return c->lines[k] != NULL ? c->lines[k] : "";
}

/* sum_layout, said on the message line first: on a large workbook (100,000 notes) it takes
 * a second or two, which would otherwise look like a frozen screen. */
static int
sum_relayout(struct ui *ui, struct ui_summary *st, int width)
{
	const char *busy = _("Laying out the summary...");
	int rc;

	if (!ui->script) {
		ui_message(ui, "%s", busy);
		ui_status_draw_msg(ui);
		wnoutrefresh(ui->w_msg);
		doupdate();
	}
	rc = sum_layout(ui, st, width);
	if (!ui->script && strcmp(ui->msg, busy) == 0) {
		ui->msg[0] = '\0';
		ui_mark(ui, UI_DIRTY_MSG);
	}
	return rc;
}

static int
sum_open(struct ui *ui, void **state)
{
	struct ui_summary *st = *state;

	if (st == NULL) {
		if ((st = *state = calloc(1, sizeof *st)) == NULL)
			return -1;
		st->cache[0].page = st->cache[1].page = -1;
	}
	st->stale = 1;
	st->width = 0;
	st->top = 0;
	if (ui->wb == NULL)
		ui_message(ui, "%s", _("No workbook is open: the summary needs one"));
	return 0;
}

static void
sum_close(struct ui *ui, void *state)
{
	(void)ui;
	sum_clear(state);
}

static void
sum_free(void *state)
{
	if (state != NULL)
		sum_clear(state);
	free(state);
}

static void
sum_draw(struct ui *ui, void *state)
{
	struct ui_summary *st = state;
	WINDOW *w = ui->w_view;
	int rows = getmaxy(w), width = getmaxx(w);
	size_t n;

	werase(w);
	if (ui->wb == NULL)
		goto out;
	if ((st->width != width || st->stale) && sum_relayout(ui, st, width) != 0)
		goto out;
	n = st->npages * st->plen;
	if (st->top + (size_t)rows > n)
		st->top = n > (size_t)rows ? n - (size_t)rows : 0;
	for (int y = 0; y < rows && st->top + (size_t)y < n; y++) {
		size_t i = st->top + (size_t)y;
		const char *s = sum_line(st, i);

		/* The running header and the page footer stand out from the text. */
		wattrset(w, ui->style[i % st->plen < 2 || i % st->plen == st->plen - 1 ?
		    UI_BAR : UI_NORMAL]);
		wmove(w, y, 0);
		ui_blank(w, width);
		wmove(w, y, 0);
		ui_put(w, s, strlen(s), width);
	}
out:
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* Make sure the summary reflects the workbook (before printing or exporting). */
static int
sum_fresh(struct ui *ui, struct ui_summary *st)
{
	if (ui->wb == NULL) {
		ui_message(ui, "%s", _("No workbook is open: the summary needs one"));
		return -1;
	}
	if (st->s == NULL || st->stale)
		return sum_build(ui, st, st->width > 0 ? st->width : ui->cols);
	return 0;
}

/* The summary as it is printed: 80 columns whatever the terminal's width. */
static struct summary *
sum_printed(struct ui *ui, struct ui_summary *st)
{
	struct summary_opts o;
	struct summary *p = NULL;
	char *err = NULL;

	if (sum_fresh(ui, st) != 0)
		return NULL;
	o = st->s->opts;
	o.width = 80;
	if (summary_build(ui->wb, ui->cat, &o, &p, &err) != 0) {
		ui_message(ui, _("Cannot make the summary: %s"), err != NULL ? err :
		    _("out of memory"));
		free(err);
		return NULL;
	}
	return p;
}

static void
sum_print(struct ui *ui, struct ui_summary *st)
{
	struct summary *p = sum_printed(ui, st);
	char *msg = NULL;

	if (p == NULL)
		return;
	summary_print(p, summary_print_command(), &msg);
	ui_message(ui, "%s", msg != NULL ? msg : _("out of memory"));
	free(msg);
	summary_free(p);
}

static void
sum_export(struct ui *ui, struct ui_summary *st, enum summary_format f)
{
	struct summary *p = sum_printed(ui, st);
	char *path = NULL, *err = NULL;

	if (p == NULL)
		return;
	if (summary_export(p, f, &path, &err) == 0)
		ui_message(ui, _("Wrote %s"), path);
	else
		ui_message(ui, _("Cannot export the summary: %s"), err != NULL ? err :
		    _("out of memory"));
	free(path);
	free(err);
	summary_free(p);
}

static int
sum_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_summary *st = state;
	size_t page;

	switch (a) {
	case KEYS_ACT_SUMMARY_NEXT_PAGE:
	case KEYS_ACT_SUMMARY_PREV_PAGE:
		if (st->plen == 0)
			return UI_VIEW_HANDLED;
		page = st->top / st->plen;
		if (a == KEYS_ACT_SUMMARY_PREV_PAGE)
			page = st->top % st->plen != 0 ? page : page > 0 ? page - 1 : 0;
		else if (page + 1 < st->npages)
			page++;
		st->top = page * st->plen;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_PRINT:
		sum_print(ui, st);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_TEXT:
		sum_export(ui, st, SUMMARY_TEXT);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_MARKDOWN:
		sum_export(ui, st, SUMMARY_MARKDOWN);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_HTML:
		sum_export(ui, st, SUMMARY_HTML);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_CSV:
		sum_export(ui, st, SUMMARY_CSV);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_JSON:
		sum_export(ui, st, SUMMARY_JSON);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_ANONYMOUS:
		st->anonymous = !st->anonymous;
		st->stale = 1;
		st->top = 0;
		ui_message(ui, "%s", st->anonymous ? _("Anonymous edition: no names, contacts or "
		    "groups (printing and exports too)") : _("Full edition"));
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_EXECUTIVE:
		st->executive = !st->executive;
		st->stale = 1;
		st->top = 0;
		ui_message(ui, "%s", st->executive ? _("The executive summary alone (printing and "
		    "exports too)") : _("The whole summary"));
		return UI_VIEW_HANDLED;
	default:
		return ui_view_scroll(ui, &st->top, st->npages * st->plen, a);
	}
}

static void
sum_resize(struct ui *ui, void *state)
{
	(void)ui;
	((struct ui_summary *)state)->width = 0;
}

static void
sum_reload(struct ui *ui, void *state)
{
	(void)ui;
	((struct ui_summary *)state)->stale = 1;
}

static char *
sum_position(struct ui *ui, void *state)
{
	struct ui_summary *st = state;
	char *s = NULL;

	if (st->plen == 0 || st->npages == 0)
		return NULL;
	if (asprintf(&s, _("page %zu of %zu%s%s%s%s"), st->top / st->plen + 1, st->npages,
	    st->anonymous ? ui_sep(ui) : "", st->anonymous ? _("anonymous") : "",
	    st->executive ? ui_sep(ui) : "", st->executive ? _("executive") : "") < 0)
		return NULL;
	return s;
}

const struct ui_view_ops ui_summary_view = {
	.name = "summary",
	.opener = KEYS_ACT_SUMMARY_VIEW,
	.title = N_("Summary"),
	.list = 0,
	.open = sum_open,
	.close = sum_close,
	.free = sum_free,
	.draw = sum_draw,
	.action = sum_action,
	.resize = sum_resize,
	.position = sum_position,
	.reload = sum_reload,
};
