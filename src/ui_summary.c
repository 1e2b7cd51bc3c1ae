/* ui_summary.c: the Summary view: the printed text summary previewed page by page, print and export keys. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings.h"
#include "summary.h"
#include "summary_print.h"
#include "summary_text.h"
#include "text.h"
#include "ui.h"
#include "ui_status.h"
#include "ui_summary.h"
#include "ui_view.h"
#include "util.h"

/*
 * The preview is the text summary itself, laid out at the terminal's width: what `ciipwb
 * summary` prints and what the print key sends (which is 80 columns wide). It is written to a
 * private temporary file; only the offsets of its pages and the one or two pages on screen
 * are held in memory, so a workbook of any size previews in little memory. Every page has
 * exactly as many lines as the paper gives (70 on A4, 66 on Letter).
 *
 * The first page shows at once: opening the view reads only what the cover needs
 * (summary_build_begin) and lays out the cover; the rest of the summary is computed and laid
 * out a piece at a time (summary_build_finish, then summary_text_step: a part, or one item
 * with its notes) in the browser's idle time (ui_idle_set), a piece between two keys. So
 * every key works meanwhile: the movement keys move within what is laid out, G goes to its
 * end and follows it as it grows, q leaves and drops the rest, a resize or an edit starts
 * again. Until the last piece, the page count reads "page 1 of 3..." (pages so far). The
 * footer lines of the laid-out pages are blank (their count is not known then): the view
 * draws them. Print and export make their own complete summary, 80 columns wide, whatever
 * the preview has laid out.
 *
 * Why slices and not a thread: the summary reads the workbook through the UI's own
 * connection and kept statements, and the text writers share state (the catalogue, the
 * wrapper) that nothing else makes thread-safe; a piece is a few milliseconds to a few tens
 * (the stakeholder map, the largest, about a sixth of the whole), and cancelling is dropping
 * the state between two pieces.
 */

#define SUM_PAGE_A4 70
#define SUM_PAGE_LETTER 66
#define SUM_MIN_WIDTH 20

struct sum_page {
	long page;                  /* which page is cached here, -1 none */
	size_t nlines;              /* lines of it read (fewer while it is being laid out) */
	char **lines;               /* its lines (plen) */
};

/* Where the layout is. */
enum sum_stage {
	SUM_NONE,                   /* nothing laid out (or it failed: the message said why) */
	SUM_COVER,                  /* next: the cover, from the summary begun */
	SUM_FINISH,                 /* next: the rest of the summary (summary_build_finish) */
	SUM_LAYOUT,                 /* next: one more piece of the text */
	SUM_DONE                    /* laid out to the end: npages is the count */
};

struct ui_summary {
	struct summary *s;          /* the summary of the preview (its width) */
	struct summary_text *text;  /* its layout while under way */
	enum sum_stage stage;
	FILE *fp;                   /* the laid-out pages */
	long *pages;                /* offset of each page in FP */
	size_t npages, cap;         /* pages begun in FP */
	size_t nlines;              /* lines in FP */
	long scanned;               /* bytes of FP looked at for pages and lines */
	size_t plen, top;
	size_t goal;                /* the page to show once laid out (a resize), SIZE_MAX none */
	int follow;                 /* G during the layout: keep its end in view */
	int width;                  /* the width it was laid out for, 0: lay out again */
	int stale;                  /* the workbook changed: build again when shown */
	int anonymous, executive;
	struct sum_page cache[2];
};

static int sum_idle(struct ui *ui, void *arg);

static void
sum_cache_clear(struct ui_summary *st, long from)
{
	for (int c = 0; c < 2; c++) {
		if (st->cache[c].page < from)
			continue;
		if (st->cache[c].lines != NULL)
			for (size_t i = 0; i < st->plen; i++)
				free(st->cache[c].lines[i]);
		free(st->cache[c].lines);
		st->cache[c].lines = NULL;
		st->cache[c].page = -1;
		st->cache[c].nlines = 0;
	}
}

/* Drop the layout (and the summary): nothing is shown until it is laid out again. */
static void
sum_clear(struct ui *ui, struct ui_summary *st)
{
	if (ui != NULL)
		ui_idle_drop(ui, st);
	sum_cache_clear(st, -1);
	summary_text_end(st->text);
	st->text = NULL;
	if (st->fp != NULL)
		fclose(st->fp);
	st->fp = NULL;
	free(st->pages);
	st->pages = NULL;
	st->npages = st->cap = st->nlines = 0;
	st->scanned = 0;
	summary_free(st->s);
	st->s = NULL;
	st->stage = SUM_NONE;
	st->width = 0;
}

static int
sum_paper_a4(void)
{
	const char *p = settings_str("summary_paper");

	return p == NULL || strcmp(p, "letter") != 0;
}

/* The summary's options: the edition shown, WIDTH columns. */
static void
sum_opts(const struct ui_summary *st, int width, struct summary_opts *o)
{
	memset(o, 0, sizeof *o);
	o->anonymous = st->anonymous;
	o->executive = st->executive;
	o->paper_a4 = sum_paper_a4();
	o->width = width < SUM_MIN_WIDTH ? SUM_MIN_WIDTH : width;
	o->now = summary_now();
}

/* The layout failed: say MSG (malloc'd; NULL: out of memory), show nothing. */
static void
sum_fail(struct ui *ui, struct ui_summary *st, char *msg)
{
	int width = st->width;

	ui_message(ui, "%s", msg != NULL ? msg : _("out of memory"));
	free(msg);
	sum_clear(ui, st);
	/* Said once: an edit, a resize or opening the view again tries again. */
	st->width = width;
	st->stale = 0;
}

/* "Cannot make the summary: ERR" (ERR malloc'd, NULL: out of memory). */
static char *
sum_cannot(char *err)
{
	char *m = util_asprintf(_("Cannot make the summary: %s"), err != NULL ? err :
	    _("out of memory"));

	free(err);
	return m;
}

static char *
sum_no_tmp(void)
{
	return util_asprintf("%s", _("Cannot lay out the summary: the temporary directory is "
	    "full or not writable; free some space and open it again"));
}

/* Start laying the summary out for WIDTH columns: what the cover needs is read now, the rest
 * is left to sum_step. Returns 0, or -1 with a message shown. */
static int
sum_start(struct ui *ui, struct ui_summary *st, int width)
{
	struct summary_opts o;
	char *err = NULL;

	sum_clear(ui, st);
	st->stale = 0;
	st->width = width;
	sum_opts(st, width, &o);
	if (summary_build_begin(ui->wb, ui->cat, &o, &st->s, &err) != 0) {
		sum_fail(ui, st, sum_cannot(err));
		return -1;
	}
	st->plen = o.paper_a4 ? SUM_PAGE_A4 : SUM_PAGE_LETTER;
	if ((st->fp = tmpfile()) == NULL || (st->text = summary_text_begin(st->s, st->fp)) ==
	    NULL) {
		sum_fail(ui, st, sum_no_tmp());
		return -1;
	}
	st->stage = o.executive ? SUM_FINISH : SUM_COVER;
	ui_idle_set(ui, sum_idle, st);
	return 0;
}

/* A page begins at OFF in FP. */
static int
sum_add_page(struct ui_summary *st, long off)
{
	if (st->npages == st->cap) {
		size_t c = st->cap > 0 ? st->cap * 2 : 64;
		long *p = realloc(st->pages, c * sizeof *p);

		if (p == NULL)
			return -1;
		st->pages = p;
		st->cap = c;
	}
	st->pages[st->npages++] = off;
	return 0;
}

/* Index what the last piece added to FP: where each page begins (at the start, and after
 * each form feed) and how many lines there are. */
static int
sum_scan(struct ui_summary *st)
{
	char buf[8192];
	size_t n;

	if (fseek(st->fp, st->scanned, SEEK_SET) != 0)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, st->fp)) > 0) {
		if (st->npages == 0 && sum_add_page(st, 0) != 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				st->nlines++;
			else if (buf[i] == '\f' && sum_add_page(st, st->scanned + (long)i + 1) != 0)
				return -1;
		}
		st->scanned += (long)n;
	}
	return ferror(st->fp) ? -1 : 0;
}

/* Keep TOP where the reader asked to be: the end (G), or the page before a resize. */
static void
sum_place(struct ui *ui, struct ui_summary *st)
{
	size_t rows = ui->w_view != NULL ? (size_t)getmaxy(ui->w_view) : 1;

	if (st->follow) {
		st->top = st->nlines > rows ? st->nlines - rows : 0;
	} else if (st->goal != SIZE_MAX && (st->nlines >= st->goal * st->plen + rows ||
	    st->stage == SUM_DONE)) {
		st->top = st->goal * st->plen;      /* the draw keeps it in range */
		st->goal = SIZE_MAX;
	}
	if (st->stage == SUM_DONE)
		st->follow = 0;
}

/* One piece of the layout. 1 while more is left, 0 when done, -1 when it failed (said). */
static int
sum_step(struct ui *ui, struct ui_summary *st)
{
	char *err = NULL;
	long last = st->npages > 0 ? (long)st->npages - 1 : 0;
	int rc = 1;

	switch (st->stage) {
	case SUM_COVER:
		if (summary_text_step(st->text) < 0)
			rc = -1;
		st->stage = SUM_FINISH;
		break;
	case SUM_FINISH:
		if (summary_build_finish(st->s, &err) != 0) {
			sum_fail(ui, st, sum_cannot(err));
			return -1;
		}
		st->stage = SUM_LAYOUT;
		break;
	case SUM_LAYOUT:
		if ((rc = summary_text_step(st->text)) == 0) {
			st->stage = SUM_DONE;
			summary_text_end(st->text);
			st->text = NULL;
		}
		break;
	default:
		return 0;
	}
	if (rc < 0 || sum_scan(st) != 0) {
		const char *m = rc < 0 ? wb_errmsg(ui->wb) : NULL;

		sum_fail(ui, st, m != NULL && *m != '\0' ? sum_cannot(util_asprintf("%s", m)) :
		    sum_no_tmp());
		return -1;
	}
	/* The page that was being laid out has more lines now. */
	sum_cache_clear(st, last);
	sum_place(ui, st);
	return st->stage != SUM_DONE;
}

/* The idle hook: a piece, and the screen again when the view shows it. */
static int
sum_idle(struct ui *ui, void *arg)
{
	struct ui_summary *st = arg;
	int rc = sum_step(ui, st);

	if (ui_view_top(ui) == &ui_summary_view)
		ui_mark(ui, UI_DIRTY_VIEW | UI_DIRTY_STATUS);
	return rc > 0;
}

/* Line I of the laid-out text (without its newline; "" past what is laid out). */
static const char *
sum_line(struct ui_summary *st, size_t i)
{
	size_t page = i / st->plen, k, want;
	struct sum_page *c = &st->cache[page % 2];
	char *line = NULL;
	size_t cap = 0;

	if (page >= st->npages || st->fp == NULL || i >= st->nlines)
		return "";
	want = st->nlines - page * st->plen < st->plen ? st->nlines - page * st->plen : st->plen;
	if (c->page != (long)page || c->nlines < want) {
		if (c->lines == NULL && (c->lines = calloc(st->plen, sizeof *c->lines)) == NULL)
			return "";
		for (k = 0; k < st->plen; k++) {
			free(c->lines[k]);
			c->lines[k] = NULL;
		}
		c->page = (long)page;
		c->nlines = 0;
		if (fseek(st->fp, st->pages[page], SEEK_SET) != 0)
			return "";
		for (k = 0; k < want; k++) {
			ssize_t n = getline(&line, &cap, st->fp);

			if (n <= 0)
				break;
			if (line[n - 1] == '\n')
				line[--n] = '\0';
			/* The form feed that ends the page before is not shown. */
			c->lines[k] = strdup(line[0] == '\f' ? line + 1 : line);
		}
		c->nlines = k;
		free(line);
	}
	k = i % st->plen;
	return k < c->nlines && c->lines[k] != NULL ? c->lines[k] : "";
}

/* "page N of M", or "page N of M..." while more pages may come (malloc'd). The footer of the
 * printed page says the same ("page %d of %d" is its text in summary_text.c). */
static char *
sum_count(const struct ui *ui, const struct ui_summary *st, size_t page)
{
	char *s = NULL;

	if (st->stage == SUM_DONE) {
		if (asprintf(&s, _("page %d of %d"), (int)page + 1, (int)st->npages) < 0)
			return NULL;
	} else if (asprintf(&s, _("page %d of %d%s"), (int)page + 1, (int)st->npages,
	    ui->utf8 ? "\xe2\x80\xa6" : "...") < 0)
		return NULL;
	return s;
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
	st->goal = SIZE_MAX;
	st->follow = 0;
	if (ui->wb == NULL)
		ui_message(ui, "%s", _("No workbook is open: the summary needs one"));
	return 0;
}

static void
sum_close(struct ui *ui, void *state)
{
	/* Leaving drops the layout, done or not. */
	sum_clear(ui, state);
}

static void
sum_free(void *state)
{
	if (state != NULL)
		sum_clear(NULL, state);
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
	if (st->width != width || st->stale) {
		if (sum_start(ui, st, width) != 0)
			goto out;
		/* The first piece now: the cover (with the executive edition alone, the whole
		 * summary is needed for its one page). */
		while (st->nlines == 0 && sum_step(ui, st) > 0)
			;
		sum_place(ui, st);
	}
	if (st->stage == SUM_NONE)
		goto out;
	n = st->nlines;
	if (st->top + (size_t)rows > n)
		st->top = n > (size_t)rows ? n - (size_t)rows : 0;
	for (int y = 0; y < rows && st->top + (size_t)y < n; y++) {
		size_t i = st->top + (size_t)y;
		const char *s = sum_line(st, i);
		char *foot = NULL;
		int head = i % st->plen < 2, last = i % st->plen == st->plen - 1;

		/* The running header and the page footer stand out from the text; the footer
		 * is the view's: the laid-out page leaves it blank. */
		if (last && (foot = sum_count(ui, st, i / st->plen)) != NULL)
			s = foot;
		wattrset(w, ui->style[head || last ? UI_BAR : UI_NORMAL]);
		wmove(w, y, 0);
		ui_blank(w, width);
		if (foot != NULL) {
			int fw = text_width(foot, strlen(foot));

			wmove(w, y, fw < width ? (width - fw) / 2 : 0);
		} else {
			wmove(w, y, 0);
		}
		ui_put(w, s, strlen(s), width);
		free(foot);
	}
out:
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* The summary as it is printed: complete, 80 columns wide, whatever the preview shows or
 * has laid out so far. It takes a second or two on a large workbook (100,000 notes): BUSY
 * is on the message line meanwhile. */
static struct summary *
sum_printed(struct ui *ui, struct ui_summary *st, const char *busy)
{
	struct summary_opts o;
	struct summary *p = NULL;
	char *err = NULL;

	if (ui->wb == NULL) {
		ui_message(ui, "%s", _("No workbook is open: the summary needs one"));
		return NULL;
	}
	if (!ui->script) {
		ui_message(ui, "%s", busy);
		ui_status_draw_msg(ui);
		wnoutrefresh(ui->w_msg);
		doupdate();
	}
	sum_opts(st, 80, &o);
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
	struct summary *p = sum_printed(ui, st, _("Printing the summary..."));
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
	struct summary *p = sum_printed(ui, st, _("Writing the summary..."));
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

/* The other edition: laid out again from its first page. */
static void
sum_edition(struct ui_summary *st)
{
	st->stale = 1;
	st->top = 0;
	st->goal = SIZE_MAX;
	st->follow = 0;
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
		st->follow = 0;
		st->goal = SIZE_MAX;
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
		sum_edition(st);
		ui_message(ui, "%s", st->anonymous ? _("Anonymous edition: no names, contacts or "
		    "groups (printing and exports too)") : _("Full edition"));
		return UI_VIEW_HANDLED;
	case KEYS_ACT_SUMMARY_EXECUTIVE:
		st->executive = !st->executive;
		sum_edition(st);
		ui_message(ui, "%s", st->executive ? _("The executive summary alone (printing and "
		    "exports too)") : _("The whole summary"));
		return UI_VIEW_HANDLED;
	default:
		if (ui_view_scroll(ui, &st->top, st->nlines, a) != UI_VIEW_HANDLED)
			return UI_VIEW_PASS;
		st->goal = SIZE_MAX;
		/* G while laying out: its end, and on with it as it grows. */
		st->follow = a == KEYS_ACT_LAST && st->stage != SUM_DONE;
		return UI_VIEW_HANDLED;
	}
}

/* Lay out again when shown (a resize, an edit): back on the page shown once it is laid out
 * again, or on at the end after G. What was laid out goes now, done or not. */
static void
sum_again(struct ui *ui, struct ui_summary *st)
{
	if (st->plen > 0 && st->goal == SIZE_MAX && !st->follow && st->stage != SUM_NONE)
		st->goal = st->top / st->plen;
	sum_clear(ui, st);
	st->stale = 1;
}

static void
sum_resize(struct ui *ui, void *state)
{
	sum_again(ui, state);
}

static void
sum_reload(struct ui *ui, void *state)
{
	sum_again(ui, state);
}

static char *
sum_position(struct ui *ui, void *state)
{
	struct ui_summary *st = state;
	char *s = NULL, *count;

	if (st->plen == 0 || st->npages == 0)
		return NULL;
	if ((count = sum_count(ui, st, st->top / st->plen)) == NULL)
		return NULL;
	if (asprintf(&s, "%s%s%s%s%s", count, st->anonymous ? ui_sep(ui) : "",
	    st->anonymous ? _("anonymous") : "", st->executive ? ui_sep(ui) : "",
	    st->executive ? _("executive") : "") < 0)
		s = NULL;
	free(count);
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
