/* summary_text.c: the summary as paged plain text for printers (80 columns, form feeds). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "summary_doc.h"
#include "summary_text.h"
#include "text.h"
#include "util.h"

/*
 * Two passes. The blocks are laid out as lines (never wider than the width) into a temporary
 * file, with two kinds of marker line: "\f" (start a new page) and "\vN" (start a new page
 * unless N more lines fit). The pager then counts the pages and copies the lines with the
 * running header and the "page N of M" footer. Only one line is ever held in memory.
 */

#define TX_PAGE_LETTER 66
#define TX_PAGE_A4 70
#define TX_OVERHEAD 4           /* header, rule, blank, footer */
#define TX_MAX_TAG 24           /* columns of a bullet's tag */
#define TX_STAGE_COLS 4         /* bar columns per maturity stage */
#define TX_BAR_ONE_LINE 72      /* from this width a heading's bar shares its line */
#define TX_BAR_FIXED 40         /* the columns of that line beside the title */

struct tx {
	struct summary *s;
	FILE *out;                  /* the laid-out lines */
	int width;
	int indent;                 /* of paragraphs: 0 in a part, 2 in an item */
	int fresh;                  /* nothing since the last title: no blank line needed */
	size_t ncols;
	int colw[64];
};

static void
tx_line(struct tx *t, const char *line)
{
	fputs(line, t->out);
	fputc('\n', t->out);
}

static void
tx_keep(struct tx *t, int lines)
{
	fprintf(t->out, "\v%d\n", lines);
}

static void
tx_blank(struct tx *t)
{
	if (!t->fresh)
		tx_line(t, "");
	t->fresh = 0;
}

static void
tx_spaces(FILE *fp, int n)
{
	static const char sp[] = "                                ";

	for (; n > (int)sizeof sp - 1; n -= (int)sizeof sp - 1)
		fwrite(sp, 1, sizeof sp - 1, fp);
	if (n > 0)
		fwrite(sp, 1, (size_t)n, fp);
}

/* TEXT (untrusted) word-wrapped: the first line after PREFIX (trusted, already laid out), the
 * others after INDENT spaces. */
static void
tx_wrap(struct tx *t, const char *prefix, int indent, const char *text)
{
	struct text_line *lines = NULL;
	char *clean = text_sanitize(text, strlen(text), TEXT_KEEP_NEWLINES);
	int pw = text_width(prefix, strlen(prefix));
	size_t n, i;

	if (clean == NULL)
		return;
	if (indent > t->width - 10)
		indent = t->width - 10 > 0 ? t->width - 10 : 0;
	n = text_wrap_first(clean, strlen(clean), t->width - pw, t->width - indent, &lines);
	for (i = 0; i < n && lines != NULL; i++) {
		if (i == 0)
			fputs(prefix, t->out);
		else
			tx_spaces(t->out, indent);
		fwrite(clean + lines[i].off, 1, lines[i].len, t->out);
		fputc('\n', t->out);
	}
	free(lines);
	free(clean);
}

/* One line of untrusted TEXT cut to the width after INDENT spaces. */
static void
tx_cut(struct tx *t, int indent, const char *text)
{
	char *clean = text_sanitize(text, strlen(text), 0);
	char *cut = clean != NULL ? text_ellipsize(clean, strlen(clean), t->width - indent) : NULL;

	if (cut != NULL) {
		tx_spaces(t->out, indent);
		tx_line(t, cut);
	}
	free(cut);
	free(clean);
}

static void
tx_rule(struct tx *t, const char *title, char c)
{
	char *clean = text_sanitize(title, strlen(title), 0);
	int w = clean != NULL ? text_width(clean, strlen(clean)) : 0;

	if (w > t->width)
		w = t->width;
	while (w-- > 0)
		fputc(c, t->out);
	fputc('\n', t->out);
	free(clean);
}

static void
tx_part(void *ctx, const char *anchor, const char *title)
{
	struct tx *t = ctx;

	(void)anchor;
	tx_line(t, "\f");
	tx_wrap(t, "", 0, title);
	tx_rule(t, title, '=');
	t->indent = 0;
	t->fresh = 0;
}

static void
tx_section(void *ctx, int level, const char *anchor, const char *title)
{
	struct tx *t = ctx;

	(void)anchor;
	tx_keep(t, level == 2 ? 8 : 5);
	t->fresh = 0;
	tx_blank(t);
	if (level == 2) {
		tx_wrap(t, "", 0, title);
		tx_rule(t, title, '-');
		t->indent = 0;
	} else {
		tx_wrap(t, "", 2, title);
		t->indent = 2;
	}
	t->fresh = 1;
}

static void
tx_para(void *ctx, const char *text)
{
	struct tx *t = ctx;
	char pre[16];

	tx_blank(t);
	snprintf(pre, sizeof pre, "%*s", t->indent, "");
	tx_wrap(t, pre, t->indent, text);
}

static void
tx_reminder(void *ctx, const char *text)
{
	struct tx *t = ctx;

	tx_cut(t, t->indent, text);
	t->fresh = 1;
}

static void
tx_field(void *ctx, const char *label, const char *value)
{
	struct tx *t = ctx;
	char *pre = util_asprintf("%*s%s: ", t->indent, "", label);

	if (pre != NULL)
		tx_wrap(t, pre, t->indent + 4, value);
	free(pre);
	t->fresh = 1;
}

static void
tx_label(void *ctx, const char *label)
{
	struct tx *t = ctx;
	char *l = util_asprintf("%s:", label);

	tx_keep(t, 2);
	tx_cut(t, t->indent, l != NULL ? l : label);
	free(l);
	t->fresh = 1;
}

static void
tx_bullet(void *ctx, const char *tag, const char *text)
{
	struct tx *t = ctx;
	char *ctag = NULL, *cut = NULL, *pre;

	if (tag != NULL) {
		ctag = text_sanitize(tag, strlen(tag), 0);
		cut = ctag != NULL ? text_ellipsize(ctag, strlen(ctag), TX_MAX_TAG) : NULL;
	}
	/* "%*s- [%s] " built by hand: one per note, a formatted print cost a tenth of the
	 * note's layout. */
	pre = malloc((size_t)t->indent + 6 + (cut != NULL ? strlen(cut) : 0));
	if (pre != NULL) {
		size_t o = (size_t)t->indent;

		memset(pre, ' ', o);
		pre[o++] = '-';
		pre[o++] = ' ';
		if (cut != NULL) {
			pre[o++] = '[';
			memcpy(pre + o, cut, strlen(cut));
			o += strlen(cut);
			pre[o++] = ']';
			pre[o++] = ' ';
		}
		pre[o] = '\0';
		tx_wrap(t, pre, t->indent + 2, text);
	}
	free(pre);
	free(cut);
	free(ctag);
	t->fresh = 1;
}

/* One table row: each cell wrapped in its column; the row kept on one page. */
static void
tx_row(void *ctx, const char *const *cells)
{
	struct tx *t = ctx;
	struct text_line *lines[64];
	char *clean[64];
	size_t n[64], c, i, height = 1;

	for (c = 0; c < t->ncols; c++) {
		clean[c] = text_sanitize(cells[c], strlen(cells[c]), 0);
		if (clean[c] != NULL && t->s->opts.executive) {
			/* The one-page executive summary: one line a row, cut to fit. */
			char *cut = text_ellipsize(clean[c], strlen(clean[c]), t->colw[c]);

			free(clean[c]);
			clean[c] = cut;
		}
		lines[c] = NULL;
		n[c] = clean[c] != NULL ? text_wrap(clean[c], strlen(clean[c]), t->colw[c],
		    &lines[c]) : 0;
		if (lines[c] == NULL)
			n[c] = 0;
		if (n[c] > height)
			height = n[c];
	}
	tx_keep(t, (int)height);
	for (i = 0; i < height; i++) {
		int col = t->indent;

		tx_spaces(t->out, t->indent);
		for (c = 0; c < t->ncols; c++) {
			int w = 0;

			if (i < n[c]) {
				fwrite(clean[c] + lines[c][i].off, 1, lines[c][i].len, t->out);
				w = lines[c][i].width;
			}
			col += w;
			if (c + 1 < t->ncols) {
				tx_spaces(t->out, t->colw[c] - w + 1);
				col += t->colw[c] - w + 1;
			}
		}
		fputc('\n', t->out);
	}
	for (c = 0; c < t->ncols; c++) {
		free(lines[c]);
		free(clean[c]);
	}
	t->fresh = 1;
}

static void
tx_table(void *ctx, size_t ncols, const char *const *head, const int *width)
{
	struct tx *t = ctx;
	int used = t->indent, rest = -1;
	size_t c;

	if (ncols > 64)
		ncols = 64;
	t->ncols = ncols;
	for (c = 0; c < ncols; c++) {
		t->colw[c] = width[c];
		if (width[c] == 0)
			rest = (int)c;
		else
			used += width[c];
		used += c + 1 < ncols;
	}
	if (rest >= 0)
		t->colw[rest] = t->width - used < 8 ? 8 : t->width - used;
	/* Too wide for the page (a narrow preview): share the width out evenly. */
	for (used = t->indent, c = 0; c < ncols; c++)
		used += t->colw[c] + (c + 1 < ncols);
	if (used > t->width)
		for (c = 0; c < ncols; c++) {
			t->colw[c] = (t->width - t->indent - (int)ncols + 1) / (int)ncols;
			if (t->colw[c] < 1)
				t->colw[c] = 1;
		}
	tx_keep(t, 4);
	tx_blank(t);
	tx_row(ctx, head);
	for (used = t->indent, c = 0; c < ncols; c++)
		used += t->colw[c] + (c + 1 < ncols);
	tx_spaces(t->out, t->indent);
	for (c = (size_t)t->indent; c < (size_t)used; c++)
		fputc('-', t->out);
	fputc('\n', t->out);
}

static void
tx_table_end(void *ctx)
{
	struct tx *t = ctx;

	t->ncols = 0;
	t->fresh = 0;
}

/* One bar of COLS columns: '#' up to the current mean, '=' up to the target, '.' beyond. */
static void
tx_bar(char *buf, int cols, double cur, double tgt)
{
	int c = (int)(cur * TX_STAGE_COLS + 0.5), g = (int)(tgt * TX_STAGE_COLS + 0.5), i;

	for (i = 0; i < cols; i++)
		buf[i] = i < c ? '#' : i < g ? '=' : '.';
	buf[cols] = '\0';
}

static void
tx_bars(void *ctx, const struct summary *s)
{
	struct tx *t = ctx;
	char bar[SUMMARY_NSTAGES * TX_STAGE_COLS + 1];
	size_t h;

	tx_blank(t);
	tx_wrap(t, "", 0, _("'#' mean current stage, '=' up to the mean target stage (4 columns "
	    "a stage, start-up 1 to dynamic 5), then items assessed / items."));
	for (h = 0; h < s->nbars; h++) {
		const struct summary_heading *hd = &s->bars[h];
		char ref[64], *l, *title, *clean, *cut;

		summary_doc_heading_ref(hd, ref, sizeof ref);
		tx_bar(bar, SUMMARY_NSTAGES * TX_STAGE_COLS, hd->cur_mean, hd->tgt_mean);
		if (t->width >= TX_BAR_ONE_LINE) {
			/* "REF TITLE.... [bar] 1.5>3.0 4/4" on one line. */
			int tw = t->width - TX_BAR_FIXED;

			l = util_asprintf("%s  %s", ref, hd->title);
			clean = l != NULL ? text_sanitize(l, strlen(l), 0) : NULL;
			cut = clean != NULL ? text_pad(clean, strlen(clean), tw) : NULL;
			title = util_asprintf("%s [%s] %.1f>%.1f %3zu/%zu", cut != NULL ? cut : "",
			    bar, hd->cur_mean, hd->tgt_mean, hd->assessed, hd->nitems);
			tx_cut(t, 0, title != NULL ? title : "");
			free(title);
			free(cut);
			free(clean);
			free(l);
			continue;
		}
		l = util_asprintf("%s  %s", ref, hd->title);
		tx_keep(t, 2);
		tx_cut(t, 0, l != NULL ? l : hd->title);
		free(l);
		l = util_asprintf(_("[%s] current %.1f, target %.1f; %zu of %zu assessed"), bar,
		    hd->cur_mean, hd->tgt_mean, hd->assessed, hd->nitems);
		tx_cut(t, 4, l != NULL ? l : "");
		free(l);
	}
	t->fresh = 0;
}

/* The register numbers of the stakeholders in one grid cell, space-separated (all of them). */
static char *
tx_cell(const struct summary *s, int influence, int interest)
{
	return summary_doc_grid_cell(s, influence, interest, (size_t)-1);
}

static void
tx_grid(void *ctx, const struct summary *s)
{
	struct tx *t = ctx;
	int cw = (t->width - 6 - 6) / 5, row, col, i;

	tx_blank(t);
	tx_wrap(t, "", 0, _("Influence (rows, 5 high) against interest (columns, 5 high); the "
	    "numbers are those of the register. Top right: manage closely; top left: keep "
	    "satisfied; bottom right: keep informed; bottom left: monitor."));
	if (cw < 4) {
		for (row = 5; row >= 1; row--)
			for (col = 1; col <= 5; col++) {
				char *c = tx_cell(s, row, col), *l;

				if (c == NULL)
					continue;
				l = util_asprintf(_("influence %d, interest %d: %s"), row, col, c);
				tx_wrap(t, "", 2, l != NULL ? l : "");
				free(l);
				free(c);
			}
		return;
	}
	tx_keep(t, 14);
	for (row = 5; row >= 0; row--) {
		struct text_line *lines[5];
		char *cells[5];
		size_t n[5], height = 1, k;

		fputs("      +", t->out);
		for (col = 0; col < 5; col++) {
			for (i = 0; i < cw; i++)
				fputc('-', t->out);
			fputc('+', t->out);
		}
		fputc('\n', t->out);
		if (row == 0)
			break;
		for (col = 0; col < 5; col++) {
			cells[col] = tx_cell(s, row, col + 1);
			lines[col] = NULL;
			n[col] = cells[col] != NULL ? text_wrap(cells[col], strlen(cells[col]),
			    cw - 2, &lines[col]) : 0;
			if (lines[col] == NULL)
				n[col] = 0;
			if (n[col] > height)
				height = n[col];
		}
		for (k = 0; k < height; k++) {
			if (k == 0)
				fprintf(t->out, "   %d  |", row);
			else
				fputs("      |", t->out);
			for (col = 0; col < 5; col++) {
				int w = 0;

				fputc(' ', t->out);
				if (k < n[col]) {
					fwrite(cells[col] + lines[col][k].off, 1, lines[col][k].len,
					    t->out);
					w = lines[col][k].width;
				}
				tx_spaces(t->out, cw - 1 - w);
				fputc('|', t->out);
			}
			fputc('\n', t->out);
		}
		for (col = 0; col < 5; col++) {
			free(lines[col]);
			free(cells[col]);
		}
	}
	fputs("      ", t->out);
	for (col = 1; col <= 5; col++) {
		fprintf(t->out, "%*d", cw / 2 + 1, col);
		tx_spaces(t->out, cw - cw / 2);
	}
	fputc('\n', t->out);
	t->fresh = 0;
}

/* ---- the pager ---- */

struct tx_pager {
	FILE *fp;                   /* NULL: only count */
	const char *header;         /* the running header, laid out */
	int width, cap, page, used, pages;
};

static void
tx_footer(struct tx_pager *p)
{
	char *f;
	int w;

	if (p->fp == NULL)
		return;
	while (p->used < p->cap) {
		fputc('\n', p->fp);
		p->used++;
	}
	if (p->pages == 0) {
		/* Not known yet (summary_text_step): a blank footer, the caller shows its own. */
		fputs("\n\n", p->fp);
		return;
	}
	f = util_asprintf(summary_tr(N_("page %d of %d")), p->page, p->pages);
	if (f == NULL)
		return;
	w = text_width(f, strlen(f));
	fputc('\n', p->fp);
	tx_spaces(p->fp, (p->width - w) / 2);
	fputs(f, p->fp);
	fputc('\n', p->fp);
	free(f);
}

static void
tx_newpage(struct tx_pager *p)
{
	if (p->page > 0)
		tx_footer(p);
	p->page++;
	p->used = 0;
	if (p->fp == NULL)
		return;
	if (p->page > 1)
		fputc('\f', p->fp);
	fputs(p->header, p->fp);
	fputc('\n', p->fp);
	tx_spaces(p->fp, 0);
	for (int i = 0; i < p->width; i++)
		fputc('-', p->fp);
	fputc('\n', p->fp);
}

/* One laid-out line (LEN bytes, no newline) into the pages. */
static void
tx_page_line(struct tx_pager *p, const char *line, size_t len)
{
	if (line[0] == '\f') {
		if (p->page == 0 || p->used > 0)
			tx_newpage(p);
		return;
	}
	if (line[0] == '\v') {
		int need = atoi(line + 1);

		if (p->page == 0 || (p->used > 0 && p->used + need > p->cap))
			tx_newpage(p);
		return;
	}
	if (p->page == 0 || p->used >= p->cap)
		tx_newpage(p);
	if (p->used == 0 && len == 0)
		return;         /* no blank line at the top of a page */
	if (p->fp != NULL) {
		fwrite(line, 1, len, p->fp);
		fputc('\n', p->fp);
	}
	p->used++;
}

/* The last page's footer (a page even when there was nothing). */
static void
tx_page_end(struct tx_pager *p)
{
	if (p->page == 0)
		tx_newpage(p);
	tx_footer(p);
}

/* One pass over the laid-out lines; returns the number of pages (0 on a read error). The
 * lines are read by blocks and split in place (no copy of each line). */
static int
tx_paginate(FILE *in, struct tx_pager *p)
{
	size_t cap = 1 << 16, have = 0, at, n;
	char *buf = malloc(cap), *nl;
	int eof = 0;

	if (buf == NULL)
		return 0;
	rewind(in);
	p->page = 0;
	p->used = 0;
	while (!eof || have > 0) {
		if (!eof) {
			n = fread(buf + have, 1, cap - have - 1, in);
			if (n == 0)
				eof = 1;
			have += n;
		}
		at = 0;
		while (at < have && (nl = memchr(buf + at, '\n', have - at)) != NULL) {
			*nl = '\0';     /* for atoi */
			tx_page_line(p, buf + at, (size_t)(nl - (buf + at)));
			at = (size_t)(nl - buf) + 1;
		}
		if (eof && at < have) {
			/* A last line without its newline. */
			buf[have] = '\0';
			tx_page_line(p, buf + at, have - at);
			at = have;
		}
		memmove(buf, buf + at, have - at);
		have -= at;
		if (have + 1 >= cap) {
			/* A line longer than the buffer. */
			char *nb = realloc(buf, cap * 2);

			if (nb == NULL) {
				free(buf);
				return 0;
			}
			buf = nb;
			cap *= 2;
		}
	}
	free(buf);
	if (ferror(in))
		return 0;
	tx_page_end(p);
	return p->page;
}

/* The running header: the title at the left, the edition or printed date at the right. */
static char *
tx_header(const struct summary *s, int width)
{
	const char *right = s->opts.anonymous ? _("anonymous edition") : s->printed_at;
	const char *title = summary_doc_title(s);
	char *clean = text_sanitize(title, strlen(title), 0), *cut, *out;
	int rw = text_width(right, strlen(right)), lw;

	if (clean == NULL)
		return NULL;
	if (rw + 2 >= width)
		right = "";
	rw = text_width(right, strlen(right));
	cut = text_ellipsize(clean, strlen(clean), width - rw - (rw > 0 ? 2 : 0));
	free(clean);
	if (cut == NULL)
		return NULL;
	lw = text_width(cut, strlen(cut));
	out = util_asprintf("%s%*s%s", cut, width - lw - rw, "", right);
	free(cut);
	return out;
}

/* The writer's state for S and its sink. */
static void
tx_init(struct tx *t, struct summary_sink *k, struct summary *s)
{
	static const struct summary_sink sink = {
		NULL, tx_part, tx_section, tx_para, tx_reminder, tx_field, tx_label, tx_bullet,
		tx_table, tx_row, tx_table_end, tx_bars, tx_grid,
	};

	memset(t, 0, sizeof *t);
	t->s = s;
	t->width = s->opts.width > 0 ? s->opts.width : 80;
	if (t->width < 20)
		t->width = 20;
	*k = sink;
	k->ctx = t;
}

static int
tx_page_lines(const struct summary *s)
{
	return (s->opts.paper_a4 ? TX_PAGE_A4 : TX_PAGE_LETTER) - TX_OVERHEAD;
}

int
summary_text_write(struct summary *s, FILE *fp)
{
	struct summary_sink k;
	struct tx t;
	struct tx_pager p;
	int rc;

	tx_init(&t, &k, s);
	if ((t.out = tmpfile()) == NULL)
		return -1;
	setvbuf(t.out, NULL, _IOFBF, 1 << 16);
	rc = summary_doc_walk(s, &k);
	if (rc == 0 && (fflush(t.out) != 0 || ferror(t.out)))
		rc = -1;
	if (rc == 0) {
		memset(&p, 0, sizeof p);
		p.width = t.width;
		p.cap = tx_page_lines(s);
		p.header = tx_header(s, t.width);
		if (p.header == NULL)
			rc = -1;
		else {
			p.pages = tx_paginate(t.out, &p);
			p.fp = fp;
			if (p.pages == 0 || tx_paginate(t.out, &p) == 0)
				rc = -1;
		}
		free((char *)p.header);
	}
	fclose(t.out);
	return rc;
}

/* ---- a piece at a time (summary_text.h) ---- */

struct summary_text {
	struct tx t;                /* t.out: the laid-out lines of one step, emptied after it */
	struct summary_sink k;
	struct tx_pager p;
	struct summary_doc_pos pos;
	char *line;                 /* getline's buffer */
	size_t cap;
	int done;
};

struct summary_text *
summary_text_begin(struct summary *s, FILE *out)
{
	struct summary_text *st = calloc(1, sizeof *st);

	if (st == NULL)
		return NULL;
	tx_init(&st->t, &st->k, s);
	st->p.width = st->t.width;
	st->p.cap = tx_page_lines(s);
	st->p.fp = out;
	if ((st->p.header = tx_header(s, st->t.width)) == NULL ||
	    (st->t.out = tmpfile()) == NULL) {
		summary_text_end(st);
		return NULL;
	}
	return st;
}

int
summary_text_step(struct summary_text *st)
{
	ssize_t len;
	int rc;

	if (st->done)
		return 0;
	/* The step's lines go to a temporary file (an item of 5,000 notes is megabytes), are
	 * paged, and the file is emptied for the next step. */
	rc = summary_doc_step(st->t.s, &st->k, &st->pos);
	if (fflush(st->t.out) != 0 || ferror(st->t.out) || fseek(st->t.out, 0, SEEK_SET) != 0 ||
	    fseek(st->p.fp, 0, SEEK_END) != 0)
		rc = -1;
	while (rc >= 0 && (len = getline(&st->line, &st->cap, st->t.out)) > 0) {
		if (st->line[len - 1] == '\n')
			st->line[--len] = '\0';
		tx_page_line(&st->p, st->line, (size_t)len);
	}
	if (rc >= 0 && (ferror(st->t.out) || fseek(st->t.out, 0, SEEK_SET) != 0 ||
	    ftruncate(fileno(st->t.out), 0) != 0))
		rc = -1;
	if (rc == 0) {
		tx_page_end(&st->p);
		st->done = 1;
	}
	if (fflush(st->p.fp) != 0 || ferror(st->p.fp))
		rc = -1;
	return rc;
}

int
summary_text_pages(const struct summary_text *st)
{
	return st->p.page;
}

void
summary_text_end(struct summary_text *st)
{
	if (st == NULL)
		return;
	if (st->t.out != NULL)
		fclose(st->t.out);
	free(st->line);
	free((char *)st->p.header);
	free(st);
}
