/* summary_text.c: the summary as paged plain text for printers (80 columns, form feeds). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "summary_doc.h"
#include "summary_relay.h"
#include "summary_text.h"
#include "text.h"
#include "util.h"

/*
 * The blocks are laid out a line at a time (never wider than the width) and each line goes
 * straight to the pager, with two kinds of break: tx_page_break (start a new page) and
 * tx_page_keep (start a new page unless N more lines fit). The pager adds the running header
 * and pads each page to the paper's length. The page count of the footers ("page N of M") is
 * known only at the end: the pages go to a temporary file, with the byte offset of each
 * footer kept, and are then copied to the output once, with their footers put in. Only one
 * line and two blocks of 64 KB are ever held in memory.
 */

#define TX_PAGE_LETTER 66
#define TX_PAGE_A4 70
#define TX_OVERHEAD 4           /* header, rule, blank, footer */
#define TX_MAX_TAG 24           /* columns of a bullet's tag */
#define TX_STAGE_COLS 4         /* bar columns per maturity stage */
#define TX_BAR_ONE_LINE 72      /* from this width a heading's bar shares its line */
#define TX_BAR_FIXED 40         /* the columns of that line beside the title */
#define TX_BLOCK (1 << 16)      /* the temporary file's writes and reads */
#define TX_TAGS 8               /* bullet tags kept as shown */
/* TX_COPY: the bytes of a line are copied with memmove, not memcpy: at -Os GCC makes a memcpy
 * of unknown length a "rep movsb", slow to start for copies of a few dozen bytes (and counted
 * a byte at a time by callgrind), where memmove stays a call to the C library's vector copy. */

/* Bytes on their way to a file descriptor (the temporary file), a block at a time. */
struct tx_out {
	char *buf;
	size_t len;
	int fd;
	off_t at;                   /* bytes written to fd before buf */
	int err;
	FILE *fp;                   /* not NULL: to it, not to fd */
};

/* The pager: the laid-out lines into pages. */
struct tx_pager {
	struct tx_out o;
	const char *header;         /* the running header, laid out */
	int width, cap, page, used;
	int defer;                  /* 1: footers put in at the end (their offsets in feet) */
	off_t *feet;
	size_t nfeet, capfeet;
};

struct tx {
	struct summary *s;
	struct tx_pager p;
	FILE *tmp;                  /* the pages before their footers */
	char *ln;                   /* the line being laid out (lnlen bytes, no newline) */
	size_t lnlen, lncap;
	int err;                    /* out of memory */
	struct tx_tag {
		char *in, *out;     /* a bullet's tag as given and as shown */
		int w;              /* out's columns */
	} tags[TX_TAGS];            /* the latest ones */
	size_t tagnext;             /* the next one to replace (modulo TX_TAGS) */
	int width;
	int indent;                 /* of paragraphs: 0 in a part, 2 in an item */
	int fresh;                  /* nothing since the last title: no blank line needed */
	size_t ncols;
	int colw[64];
};

static void
tx_out_flush(struct tx_out *o)
{
	size_t done = 0;

	if (o->fp != NULL && o->len > 0 && fwrite(o->buf, 1, o->len, o->fp) != o->len)
		o->err = 1;
	while (o->fp == NULL && done < o->len && !o->err) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			o->err = 1;
		else
			done += (size_t)n;
	}
	o->at += (off_t)o->len;
	o->len = 0;
}

static void
tx_out_put(struct tx_out *o, const char *s, size_t n)
{
	while (n > 0) {
		size_t k = TX_BLOCK - o->len < n ? TX_BLOCK - o->len : n;

		memmove(o->buf + o->len, s, k);        /* (TX_COPY) */
		o->len += k;
		s += k;
		n -= k;
		if (o->len == TX_BLOCK)
			tx_out_flush(o);
	}
}

static void
tx_out_fill(struct tx_out *o, int c, int n)
{
	while (n > 0) {
		size_t k = TX_BLOCK - o->len < (size_t)n ? TX_BLOCK - o->len : (size_t)n;

		memset(o->buf + o->len, c, k);
		o->len += k;
		n -= (int)k;
		if (o->len == TX_BLOCK)
			tx_out_flush(o);
	}
}

static void
tx_out_putc(struct tx_out *o, int c)
{
	o->buf[o->len++] = (char)c;
	if (o->len == TX_BLOCK)
		tx_out_flush(o);
}

/* "page N of M" centred (the footer line and the blank line above it) into O. */
static void
tx_footer_text(struct tx_out *o, int width, int page, int pages)
{
	char *f = util_asprintf(summary_tr(N_("page %d of %d")), page, pages);

	if (f == NULL)
		return;
	tx_out_putc(o, '\n');
	tx_out_fill(o, ' ', (width - text_width(f, strlen(f))) / 2);
	tx_out_put(o, f, strlen(f));
	tx_out_putc(o, '\n');
	free(f);
}

static void
tx_footer(struct tx_pager *p)
{
	tx_out_fill(&p->o, '\n', p->cap - p->used);
	p->used = p->cap;
	if (p->defer) {
		/* The number of pages is not known yet: the footer goes in here at the end. */
		if (p->nfeet == p->capfeet) {
			size_t cap = p->capfeet > 0 ? p->capfeet * 2 : 256;
			off_t *n = realloc(p->feet, cap * sizeof *n);

			if (n == NULL) {
				p->o.err = 1;
				return;
			}
			p->feet = n;
			p->capfeet = cap;
		}
		p->feet[p->nfeet++] = p->o.at + (off_t)p->o.len;
		return;
	}
	/* A preview (summary_text_step): a blank footer, the caller shows its own. */
	tx_out_put(&p->o, "\n\n", 2);
}

static void
tx_newpage(struct tx_pager *p)
{
	if (p->page > 0)
		tx_footer(p);
	p->page++;
	p->used = 0;
	if (p->page > 1)
		tx_out_putc(&p->o, '\f');
	tx_out_put(&p->o, p->header, strlen(p->header));
	tx_out_putc(&p->o, '\n');
	tx_out_fill(&p->o, '-', p->width);
	tx_out_putc(&p->o, '\n');
}

/* Start a new page (unless the current one is still empty). */
static void
tx_page_break(struct tx_pager *p)
{
	if (p->page == 0 || p->used > 0)
		tx_newpage(p);
}

/* Start a new page unless NEED more lines fit on this one. */
static void
tx_page_keep(struct tx_pager *p, int need)
{
	if (p->page == 0 || (p->used > 0 && p->used + need > p->cap))
		tx_newpage(p);
}

/* One laid-out line (LEN bytes, no newline) into the pages. */
static void
tx_page_line(struct tx_pager *p, const char *line, size_t len)
{
	if (p->page == 0 || p->used >= p->cap)
		tx_newpage(p);
	if (p->used == 0 && len == 0)
		return;         /* no blank line at the top of a page */
	tx_out_put(&p->o, line, len);
	tx_out_putc(&p->o, '\n');
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

/* ---- the line being laid out ---- */

/* Room for N more bytes in the line, when it has less (tx_room). */
static int
tx_grow(struct tx *t, size_t n)
{
	size_t cap = t->lncap > 0 ? t->lncap : 256;
	char *b;

	while (cap < t->lnlen + n)
		cap *= 2;
	if ((b = realloc(t->ln, cap)) == NULL) {
		t->err = 1;
		return 0;
	}
	t->ln = b;
	t->lncap = cap;
	return 1;
}

/* Room for N more bytes in the line: the test in place, a call only to grow it. */
#define tx_room(t, n) ((t)->lnlen + (n) <= (t)->lncap || tx_grow((t), (n)))

static void
tx_add(struct tx *t, const char *s, size_t n)
{
	if (n > 0 && tx_room(t, n)) {
		memmove(t->ln + t->lnlen, s, n);       /* (TX_COPY) */
		t->lnlen += n;
	}
}

static void
tx_adds(struct tx *t, const char *s)
{
	tx_add(t, s, strlen(s));
}

/* N bytes C (none when N < 1). */
static void
tx_fill(struct tx *t, int c, int n)
{
	if (n > 0 && tx_room(t, (size_t)n)) {
		memset(t->ln + t->lnlen, c, (size_t)n);
		t->lnlen += (size_t)n;
	}
}

/* The line is complete: to the pager. */
static void
tx_eol(struct tx *t)
{
	tx_page_line(&t->p, t->ln != NULL ? t->ln : "", t->lnlen);
	t->lnlen = 0;
}

static void
tx_line(struct tx *t, const char *line)
{
	tx_adds(t, line);
	tx_eol(t);
}

static void
tx_keep(struct tx *t, int lines)
{
	tx_page_keep(&t->p, lines);
}

static void
tx_blank(struct tx *t)
{
	if (!t->fresh)
		tx_eol(t);
	t->fresh = 0;
}

/* TEXT (untrusted) word-wrapped: the first line after the prefix already in the line (trusted,
 * laid out, PW columns), the others after INDENT spaces. */
static void
tx_wrap_after(struct tx *t, int pw, int indent, const char *text)
{
	struct text_line *lines = NULL;
	size_t len = strlen(text), n, i;
	char *clean = text_sanitize(text, len, TEXT_KEEP_NEWLINES);

	if (clean == NULL) {
		t->lnlen = 0;
		return;
	}
	if (indent > t->width - 10)
		indent = t->width - 10 > 0 ? t->width - 10 : 0;
	n = text_wrap_first(clean, strlen(clean), t->width - pw, t->width - indent, &lines);
	if (lines == NULL)
		t->lnlen = 0;
	for (i = 0; i < n && lines != NULL; i++) {
		if (i > 0)
			tx_fill(t, ' ', indent);
		tx_add(t, clean + lines[i].off, lines[i].len);
		tx_eol(t);
	}
	free(lines);
	free(clean);
}

/* TEXT (untrusted) word-wrapped: the first line after PREFIX (trusted, already laid out), the
 * others after INDENT spaces. */
static void
tx_wrap(struct tx *t, const char *prefix, int indent, const char *text)
{
	tx_adds(t, prefix);
	tx_wrap_after(t, text_width(prefix, strlen(prefix)), indent, text);
}

/* One line of untrusted TEXT cut to the width after INDENT spaces. */
static void
tx_cut(struct tx *t, int indent, const char *text)
{
	char *clean = text_sanitize(text, strlen(text), 0);
	char *cut = clean != NULL ? text_ellipsize(clean, strlen(clean), t->width - indent) : NULL;

	if (cut != NULL) {
		tx_fill(t, ' ', indent);
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
	tx_fill(t, c, w);
	tx_eol(t);
	free(clean);
}

static void
tx_part(void *ctx, const char *anchor, const char *title)
{
	struct tx *t = ctx;

	(void)anchor;
	tx_page_break(&t->p);
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

	tx_blank(t);
	tx_fill(t, ' ', t->indent);
	tx_wrap_after(t, t->indent, t->indent, text);
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

	tx_fill(t, ' ', t->indent);     /* "%*s%s: " */
	tx_adds(t, label);
	tx_add(t, ": ", 2);
	tx_wrap_after(t, text_width(t->ln, t->lnlen), t->indent + 4, value);
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

/* A bullet's TAG sanitised and cut to TX_MAX_TAG columns (*W of them), kept for the bullets
 * after it: the notes carry the names of a few breakout groups. NULL when out of memory. */
static const char *
tx_tag(struct tx *t, const char *tag, int *w)
{
	struct tx_tag *k;
	char *clean;
	size_t i;

	for (i = 0; i < TX_TAGS; i++)
		if (t->tags[i].in != NULL && strcmp(t->tags[i].in, tag) == 0) {
			*w = t->tags[i].w;
			return t->tags[i].out;
		}
	k = &t->tags[t->tagnext++ % TX_TAGS];
	free(k->in);
	free(k->out);
	k->out = NULL;
	if ((k->in = strdup(tag)) == NULL)
		return NULL;
	if ((clean = text_sanitize(tag, strlen(tag), 0)) != NULL)
		k->out = text_ellipsize(clean, strlen(clean), TX_MAX_TAG);
	free(clean);
	if (k->out == NULL) {
		free(k->in);
		k->in = NULL;
		return NULL;
	}
	*w = k->w = text_width(k->out, strlen(k->out));
	return k->out;
}

static void
tx_bullet(void *ctx, const char *tag, const char *text)
{
	struct tx *t = ctx;
	int tw = 0;
	const char *cut = tag != NULL ? tx_tag(t, tag, &tw) : NULL;

	/* "%*s- [%s] " built by hand: one per note, a formatted print cost a tenth of the
	 * note's layout. */
	tx_fill(t, ' ', t->indent);
	tx_add(t, "- ", 2);
	if (cut != NULL) {
		tx_add(t, "[", 1);
		tx_adds(t, cut);
		tx_add(t, "] ", 2);
	}
	/* The prefix's width: a sanitised tag starts with a character of its own (a mark
	 * without one is dropped), so the widths add up. */
	tx_wrap_after(t, t->indent + 2 + (cut != NULL ? tw + 3 : 0), t->indent + 2, text);
	t->fresh = 1;
}

/* The bytes of CELL when it is printable ASCII without a leading, trailing or double space and
 * fits in COLS columns: then text_sanitize leaves it as it is and text_wrap (or text_ellipsize)
 * makes it one line of itself. -1 otherwise. */
static long
tx_plain(const char *cell, int cols)
{
	long i;

	for (i = 0; cell[i] != '\0'; i++) {
		unsigned char c = (unsigned char)cell[i];

		if (i >= cols || c < 0x20 || c > 0x7E ||
		    (c == ' ' && (i == 0 || cell[i + 1] == '\0' || cell[i + 1] == ' ')))
			return -1;
	}
	return i;
}

/* One table row: each cell wrapped in its column; the row kept on one page. */
static void
tx_row(void *ctx, const char *const *cells)
{
	struct tx *t = ctx;
	struct text_line *lines[64], one[64];
	char *clean[64];
	size_t n[64], c, i, height = 1;

	for (c = 0; c < t->ncols; c++) {
		long plain = tx_plain(cells[c], t->colw[c]);

		if (plain >= 0) {
			/* The dates, statuses and references of the action plan: as they are. */
			one[c].off = 0;
			one[c].len = (size_t)plain;
			one[c].width = (int)plain;
			lines[c] = &one[c];
			clean[c] = NULL;
			n[c] = 1;
			continue;
		}
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

		tx_fill(t, ' ', t->indent);
		for (c = 0; c < t->ncols; c++) {
			int w = 0;

			if (i < n[c]) {
				tx_add(t, (clean[c] != NULL ? clean[c] : cells[c]) + lines[c][i].off,
				    lines[c][i].len);
				w = lines[c][i].width;
			}
			col += w;
			if (c + 1 < t->ncols) {
				tx_fill(t, ' ', t->colw[c] - w + 1);
				col += t->colw[c] - w + 1;
			}
		}
		tx_eol(t);
	}
	for (c = 0; c < t->ncols; c++) {
		if (lines[c] != &one[c])
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
	tx_fill(t, ' ', t->indent);
	tx_fill(t, '-', used - t->indent);
	tx_eol(t);
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
	int cw = (t->width - 6 - 6) / 5, row, col;

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

		tx_adds(t, "      +");
		for (col = 0; col < 5; col++) {
			tx_fill(t, '-', cw);
			tx_add(t, "+", 1);
		}
		tx_eol(t);
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
			if (k == 0) {
				char lab[24];

				snprintf(lab, sizeof lab, "   %d  |", row);
				tx_adds(t, lab);
			} else {
				tx_adds(t, "      |");
			}
			for (col = 0; col < 5; col++) {
				int w = 0;

				tx_add(t, " ", 1);
				if (k < n[col]) {
					tx_add(t, cells[col] + lines[col][k].off, lines[col][k].len);
					w = lines[col][k].width;
				}
				tx_fill(t, ' ', cw - 1 - w);
				tx_add(t, "|", 1);
			}
			tx_eol(t);
		}
		for (col = 0; col < 5; col++) {
			free(lines[col]);
			free(cells[col]);
		}
	}
	tx_adds(t, "      ");
	for (col = 1; col <= 5; col++) {
		char num = (char)('0' + col);

		tx_fill(t, ' ', cw / 2);        /* "%*d" of cw / 2 + 1 columns */
		tx_add(t, &num, 1);
		tx_fill(t, ' ', cw - cw / 2);
	}
	tx_eol(t);
	t->fresh = 0;
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
	t->p.width = t->width;
	t->p.cap = (s->opts.paper_a4 ? TX_PAGE_A4 : TX_PAGE_LETTER) - TX_OVERHEAD;
	t->p.o.fd = -1;
	*k = sink;
	k->ctx = t;
}

/* The running header, the pager's block and its temporary file. 0, or -1. */
static int
tx_open(struct tx *t)
{
	if ((t->p.header = tx_header(t->s, t->width)) == NULL ||
	    (t->p.o.buf = malloc(TX_BLOCK)) == NULL || (t->tmp = tmpfile()) == NULL)
		return -1;
	t->p.o.fd = fileno(t->tmp);
	return 0;
}

static void
tx_close(struct tx *t)
{
	if (t->tmp != NULL)
		fclose(t->tmp);
	free((char *)t->p.header);
	free(t->p.o.buf);
	free(t->p.feet);
	free(t->ln);
	for (size_t i = 0; i < TX_TAGS; i++) {
		free(t->tags[i].in);
		free(t->tags[i].out);
	}
}

/* The temporary file's pages to FP, each deferred footer put in at its offset. Then the file
 * is emptied for what comes next. 0, or -1. */
static int
tx_copy(struct tx *t, FILE *fp)
{
	struct tx_pager *p = &t->p;
	struct tx_out o = { NULL, 0, -1, 0, 0, NULL };
	char *in;
	off_t pos = 0;
	size_t f = 0;
	int rc = 0;

	tx_out_flush(&p->o);
	if (t->err || p->o.err)
		return -1;
	if ((in = malloc(TX_BLOCK)) == NULL || (o.buf = malloc(TX_BLOCK)) == NULL ||
	    lseek(p->o.fd, 0, SEEK_SET) != 0)
		rc = -1;
	o.fp = fp;
	while (rc == 0) {
		ssize_t n = read(p->o.fd, in, TX_BLOCK);
		size_t at = 0;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -1;
			break;
		}
		for (; f < p->nfeet && p->feet[f] <= pos + n; f++) {
			size_t k = (size_t)(p->feet[f] - pos);

			tx_out_put(&o, in + at, k - at);
			at = k;
			tx_footer_text(&o, p->width, (int)f + 1, p->page);
		}
		tx_out_put(&o, in + at, (size_t)n - at);
		pos += n;
		if (n == 0)
			break;
	}
	if (o.buf != NULL)
		tx_out_flush(&o);
	if (o.err || lseek(p->o.fd, 0, SEEK_SET) != 0 || ftruncate(p->o.fd, 0) != 0)
		rc = -1;
	p->o.at = 0;
	p->nfeet = 0;
	free(o.buf);
	free(in);
	return rc;
}

int
summary_text_write(struct summary *s, FILE *fp)
{
	struct summary_sink k;
	struct tx t;
	int rc = -1;

	tx_init(&t, &k, s);
	t.p.defer = 1;
	if (tx_open(&t) == 0 && (rc = summary_relay_walk(s, &k)) == 0) {
		tx_page_end(&t.p);
		rc = tx_copy(&t, fp);
	}
	tx_close(&t);
	return rc;
}

/* ---- a piece at a time (summary_text.h) ---- */

struct summary_text {
	struct tx t;                /* its temporary file: the pages of one step, emptied after */
	struct summary_sink k;
	struct summary_doc_pos pos;
	FILE *out;
	int done;
};

struct summary_text *
summary_text_begin(struct summary *s, FILE *out)
{
	struct summary_text *st = calloc(1, sizeof *st);

	if (st == NULL)
		return NULL;
	tx_init(&st->t, &st->k, s);
	st->out = out;
	if (tx_open(&st->t) != 0) {
		summary_text_end(st);
		return NULL;
	}
	return st;
}

int
summary_text_step(struct summary_text *st)
{
	int rc;

	if (st->done)
		return 0;
	/* The step's pages go to the temporary file (an item of 5,000 notes is megabytes), and
	 * are copied to OUT when the step is complete. */
	rc = summary_doc_step(st->t.s, &st->k, &st->pos);
	if (rc == 0) {
		tx_page_end(&st->t.p);
		st->done = 1;
	}
	if (rc >= 0 && (fseek(st->out, 0, SEEK_END) != 0 || tx_copy(&st->t, st->out) != 0))
		rc = -1;
	if (fflush(st->out) != 0 || ferror(st->out))
		rc = -1;
	return rc;
}

int
summary_text_pages(const struct summary_text *st)
{
	return st->t.p.page;
}

void
summary_text_end(struct summary_text *st)
{
	if (st == NULL)
		return;
	tx_close(&st->t);
	free(st);
}
