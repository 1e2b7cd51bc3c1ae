/* editbuf.c: the text being typed in an editor: UTF-8 bytes, a cursor, motions and edits; no curses. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "editbuf.h"
#include "text.h"

#define EDITBUF_CONT(b) (((unsigned char)(b) & 0xC0) == 0x80)

static int
editbuf_reserve(struct editbuf *eb, size_t need)
{
	size_t cap;
	char *s;

	if (need < eb->cap)
		return 0;
	if (need >= SIZE_MAX / 2)
		return -1;
	cap = eb->cap < 64 ? 64 : eb->cap;
	while (cap <= need)
		cap *= 2;
	s = realloc(eb->s, cap);
	if (s == NULL)
		return -1;
	eb->s = s;
	eb->cap = cap;
	return 0;
}

static unsigned long
editbuf_cp(const struct editbuf *eb, size_t off, size_t *n)
{
	return text_decode(eb->s + off, eb->len - off, n);
}

/* A zero-width character that attaches to the one before it (combining marks, joiners). */
static int
editbuf_is_mark(unsigned long cp)
{
	return cp >= 0x300 && cp != 0x2028 && cp != 0x2029 && cp != 0xFFFD &&
	    text_cp_width(cp) == 0;
}

/* Start of the character (or invalid byte) that ends at OFF > 0, decoding as text_decode does. */
static size_t
editbuf_prev_char(const struct editbuf *eb, size_t off)
{
	size_t q = off - 1, n;

	while (q > 0 && off - q < 4 && EDITBUF_CONT(eb->s[q]))
		q--;
	if (!EDITBUF_CONT(eb->s[q])) {
		(void)editbuf_cp(eb, q, &n);
		if (q + n == off)
			return q;
	}
	return off - 1;
}

size_t
editbuf_next(const struct editbuf *eb, size_t off)
{
	size_t n;
	unsigned long cp;

	if (off >= eb->len)
		return eb->len;
	cp = editbuf_cp(eb, off, &n);
	off += n;
	if (cp == '\n')
		return off;
	while (off < eb->len) {
		cp = editbuf_cp(eb, off, &n);
		if (!editbuf_is_mark(cp))
			break;
		off += n;
	}
	return off;
}

size_t
editbuf_prev(const struct editbuf *eb, size_t off)
{
	size_t p, q, n;
	unsigned long cp;

	if (off == 0)
		return 0;
	if (off > eb->len)
		return eb->len;
	p = editbuf_prev_char(eb, off);
	cp = editbuf_cp(eb, p, &n);
	while (editbuf_is_mark(cp) && p > 0) {
		q = editbuf_prev_char(eb, p);
		cp = editbuf_cp(eb, q, &n);
		if (cp == '\n')
			break;
		p = q;
	}
	return p;
}

/* A boundary before OFF that no edit at OFF can move: at least 4 bytes back (the longest
 * UTF-8 sequence), so the character there decodes as before. */
static size_t
editbuf_sync(const struct editbuf *eb, size_t off)
{
	size_t p = off;

	while (p > 0 && off - p < 4)
		p = editbuf_prev(eb, p);
	return p;
}

/* Put the cursor on the first cluster boundary at or after TARGET, walking from SYNC. */
static void
editbuf_settle(struct editbuf *eb, size_t sync, size_t target)
{
	size_t p = sync;

	while (p < target)
		p = editbuf_next(eb, p);
	eb->cur = p;
}

int
editbuf_init(struct editbuf *eb, const char *text, int multiline, size_t max)
{
	memset(eb, 0, sizeof *eb);
	eb->multiline = multiline;
	eb->goal = -1;
	if (editbuf_reserve(eb, 0) != 0)
		return -1;
	eb->s[0] = '\0';
	/* The text given is kept whole, even past MAX: nothing already written is ever cut. */
	if (text != NULL && editbuf_insert(eb, text, strlen(text)) < 0) {
		eb->len = 0;
		eb->s[0] = '\0';
		return -1;
	}
	eb->max = max;
	eb->changed = 0;
	return 0;
}

void
editbuf_free(struct editbuf *eb)
{
	free(eb->s);
	memset(eb, 0, sizeof *eb);
}

int
editbuf_insert(struct editbuf *eb, const char *utf8, size_t n)
{
	size_t c0 = eb->cur, sync, m = 0, tail, avail;
	char *gap;
	int cut = 0;

	eb->goal = -1;
	if (n == 0)
		return 0;
	if (eb->len > SIZE_MAX - n - 1 || editbuf_reserve(eb, eb->len + n) != 0)
		return -1;
	sync = editbuf_sync(eb, c0);
	tail = eb->len - c0;
	gap = eb->s + c0;
	memmove(gap + n, gap, tail + 1);
	for (size_t i = 0; i < n; i++) {
		char c = utf8[i];

		if (c == '\r') {
			if (i + 1 < n && utf8[i + 1] == '\n')
				continue;
			c = '\n';
		}
		if (c == '\n' && !eb->multiline)
			c = ' ';
		gap[m++] = c;
	}
	avail = eb->max == 0 ? m : eb->max > eb->len ? eb->max - eb->len : 0;
	if (m > avail) {
		size_t k = 0, d;

		/* Keep whole characters only. */
		while (k < avail) {
			(void)text_decode(gap + k, m - k, &d);
			if (k + d > avail)
				break;
			k += d;
		}
		m = k;
		cut = 1;
	}
	memmove(gap + m, gap + n, tail + 1);
	eb->len += m;
	if (m > 0)
		eb->changed = 1;
	editbuf_settle(eb, sync, c0 + m);
	return cut;
}

/* Remove bytes [A, B) and leave the cursor at A (or just after, if A is no longer a boundary). */
static void
editbuf_remove(struct editbuf *eb, size_t a, size_t b)
{
	size_t sync;

	eb->goal = -1;
	if (b > eb->len)
		b = eb->len;
	if (a >= b) {
		eb->cur = a < eb->len ? a : eb->len;
		return;
	}
	sync = editbuf_sync(eb, a);
	memmove(eb->s + a, eb->s + b, eb->len - b + 1);
	eb->len -= b - a;
	eb->changed = 1;
	editbuf_settle(eb, sync, a);
}

void
editbuf_left(struct editbuf *eb)
{
	eb->goal = -1;
	eb->cur = editbuf_prev(eb, eb->cur);
}

void
editbuf_right(struct editbuf *eb)
{
	eb->goal = -1;
	eb->cur = editbuf_next(eb, eb->cur);
}

/* Spaces and punctuation separate words; the cluster's first character decides. */
static int
editbuf_is_sep(const struct editbuf *eb, size_t off)
{
	size_t n;
	unsigned long cp = editbuf_cp(eb, off, &n);

	if (cp == '\n' || cp == 0x3000 || cp < 0x20 || cp == 0x7f)
		return 1;
	if (cp > 0x10FFFF || cp > (unsigned long)WINT_MAX)
		return 0;
	return iswspace((wint_t)cp) || iswpunct((wint_t)cp);
}

static size_t
editbuf_word_left_of(const struct editbuf *eb, size_t p)
{
	size_t q;

	while (p > 0 && editbuf_is_sep(eb, (q = editbuf_prev(eb, p))))
		p = q;
	while (p > 0 && !editbuf_is_sep(eb, (q = editbuf_prev(eb, p))))
		p = q;
	return p;
}

void
editbuf_word_left(struct editbuf *eb)
{
	eb->goal = -1;
	eb->cur = editbuf_word_left_of(eb, eb->cur);
}

void
editbuf_word_right(struct editbuf *eb)
{
	size_t p = eb->cur;

	eb->goal = -1;
	while (p < eb->len && !editbuf_is_sep(eb, p))
		p = editbuf_next(eb, p);
	while (p < eb->len && editbuf_is_sep(eb, p))
		p = editbuf_next(eb, p);
	eb->cur = p;
}

static size_t
editbuf_line_start(const struct editbuf *eb, size_t p)
{
	while (p > 0 && eb->s[p - 1] != '\n')
		p--;
	return p;
}

static size_t
editbuf_line_end(const struct editbuf *eb, size_t p)
{
	const char *nl = memchr(eb->s + p, '\n', eb->len - p);

	return nl != NULL ? (size_t)(nl - eb->s) : eb->len;
}

void
editbuf_home(struct editbuf *eb)
{
	eb->goal = -1;
	eb->cur = editbuf_line_start(eb, eb->cur);
}

void
editbuf_end(struct editbuf *eb)
{
	eb->goal = -1;
	eb->cur = editbuf_line_end(eb, eb->cur);
}

void
editbuf_top(struct editbuf *eb)
{
	eb->goal = -1;
	eb->cur = 0;
}

void
editbuf_bottom(struct editbuf *eb)
{
	eb->goal = -1;
	eb->cur = eb->len;
}

void
editbuf_backspace(struct editbuf *eb)
{
	editbuf_remove(eb, editbuf_prev(eb, eb->cur), eb->cur);
}

void
editbuf_del(struct editbuf *eb)
{
	editbuf_remove(eb, eb->cur, editbuf_next(eb, eb->cur));
}

void
editbuf_kill_word(struct editbuf *eb)
{
	editbuf_remove(eb, editbuf_word_left_of(eb, eb->cur), eb->cur);
}

void
editbuf_kill_line(struct editbuf *eb)
{
	editbuf_remove(eb, editbuf_line_start(eb, eb->cur), eb->cur);
}

void
editbuf_kill_eol(struct editbuf *eb)
{
	size_t e = editbuf_line_end(eb, eb->cur);

	if (e == eb->cur && e < eb->len)
		e++;
	editbuf_remove(eb, eb->cur, e);
}

/* --- layout ------------------------------------------------------------------------------ */

static int
editbuf_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap < 16 ? 16 : *cap;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			return -1;
		c *= 2;
	}
	q = realloc(*p, c * size);
	if (q == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

void
editbuf_layout_free(struct editbuf_layout *l)
{
	free(l->text);
	free(l->lines);
	free(l->raw);
	free(l->disp);
	memset(l, 0, sizeof *l);
}

int
editbuf_layout(const struct editbuf *eb, int cols, struct editbuf_layout *l)
{
	size_t tcap = 0, rcap = 0, dcap = 0, p = 0;
	unsigned flags = eb->multiline ? TEXT_KEEP_NEWLINES : 0;

	memset(l, 0, sizeof *l);
	l->cols = cols < 1 ? 1 : cols;
	for (;;) {
		size_t q, k;

		if (editbuf_grow((void **)&l->raw, &rcap, l->n + 1, sizeof *l->raw) != 0 ||
		    editbuf_grow((void **)&l->disp, &dcap, l->n + 1, sizeof *l->disp) != 0)
			goto fail;
		l->raw[l->n] = p;
		l->disp[l->n] = l->len;
		if (p >= eb->len)
			break;
		l->n++;
		q = editbuf_next(eb, p);
		k = q - p;
		if (k == 1 && ((eb->s[p] >= 0x20 && eb->s[p] < 0x7f) || eb->s[p] == '\n')) {
			/* Printable ASCII and line breaks: what text_sanitize would give. */
			if (editbuf_grow((void **)&l->text, &tcap, l->len + 2, 1) != 0)
				goto fail;
			l->text[l->len++] = eb->s[p] == '\n' && !eb->multiline ? ' ' : eb->s[p];
		} else {
			char *piece = text_sanitize(eb->s + p, k, flags);
			size_t pn;

			if (piece == NULL)
				goto fail;
			pn = strlen(piece);
			if (editbuf_grow((void **)&l->text, &tcap, l->len + pn + 1, 1) != 0) {
				free(piece);
				goto fail;
			}
			memcpy(l->text + l->len, piece, pn);
			l->len += pn;
			free(piece);
		}
		p = q;
	}
	if (editbuf_grow((void **)&l->text, &tcap, l->len + 1, 1) != 0)
		goto fail;
	l->text[l->len] = '\0';
	l->nlines = text_wrap(l->text, l->len, l->cols, &l->lines);
	if (l->nlines == 0)
		goto fail;
	return 0;
fail:
	editbuf_layout_free(l);
	return -1;
}

/* The last cluster whose raw start is <= OFF. */
static size_t
editbuf_layout_cluster(const struct editbuf_layout *l, size_t off)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;

		if (l->raw[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

void
editbuf_layout_pos(const struct editbuf_layout *l, size_t off, size_t *line, int *col)
{
	size_t d = l->disp[editbuf_layout_cluster(l, off)];
	size_t lo = 0, hi = l->nlines - 1, end;
	const struct text_line *ln;
	int c;

	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;

		if (l->lines[mid].off <= d)
			lo = mid;
		else
			hi = mid - 1;
	}
	ln = &l->lines[lo];
	end = ln->off + ln->len;
	if (d < ln->off)
		d = ln->off;
	c = text_width(l->text + ln->off, (d < end ? d : end) - ln->off);
	if (d > end)
		c += text_width(l->text + end, d - end);  /* on the spaces dropped at a soft break */
	*line = lo;
	*col = c > l->cols ? l->cols : c;
}

size_t
editbuf_layout_offset(const struct editbuf_layout *l, size_t line, int col)
{
	const struct text_line *ln;
	size_t lo = 0, hi = l->n, end;
	int w = 0;

	if (line >= l->nlines)
		line = l->nlines - 1;
	ln = &l->lines[line];
	end = ln->off + ln->len;
	/* The first cluster whose display starts at or after the line's start. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->disp[mid] < ln->off)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < l->n && l->disp[lo] < end) {
		int cw = text_width(l->text + l->disp[lo], l->disp[lo + 1] - l->disp[lo]);

		if (w + cw > col)
			break;
		w += cw;
		lo++;
	}
	return l->raw[lo];
}

void
editbuf_lines(struct editbuf *eb, int cols, long delta)
{
	struct editbuf_layout l;
	size_t line;
	int col, goal = eb->goal;

	if (delta == 0 || editbuf_layout(eb, cols, &l) != 0)
		return;
	editbuf_layout_pos(&l, eb->cur, &line, &col);
	if (goal < 0)
		goal = col;
	if (delta < 0 && line < (unsigned long)-delta)
		eb->cur = line == 0 ? 0 : editbuf_layout_offset(&l, 0, goal);
	else if (delta > 0 && line + (unsigned long)delta >= l.nlines)
		eb->cur = line + 1 >= l.nlines ? eb->len : editbuf_layout_offset(&l, l.nlines - 1, goal);
	else
		eb->cur = editbuf_layout_offset(&l, delta < 0 ? line - (unsigned long)-delta :
		    line + (unsigned long)delta, goal);
	eb->goal = goal;
	editbuf_layout_free(&l);
}

void
editbuf_up(struct editbuf *eb, int cols)
{
	editbuf_lines(eb, cols, -1);
}

void
editbuf_down(struct editbuf *eb, int cols)
{
	editbuf_lines(eb, cols, 1);
}
