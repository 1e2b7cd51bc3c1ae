/* framework.c: the framework and cross-reference file parsers, and the catalogue of annexes. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "framework.h"
#include "i18n.h"
#include "text.h"

#define FW_NONE SIZE_MAX
#define FW_MAX_ID 32            /* bytes in a framework id or document symbol */
#define FW_MAX_NUMBER 16        /* bytes in an item number */
#define FW_MAX_MARK 8           /* bytes in a footnote mark */
#define FW_MAX_SHORT 80         /* bytes in a short title */
#define FW_MAX_RANGE 1000       /* items in one range "64/211:13-17" */
#define FW_MAX_XREFS 100000     /* pairs in one cross-reference file */

/* ---- messages ---- */

/* Sets *err to a malloc'd, sanitised message (file text may appear in it). */
static void fw_errf(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fw_errf(char **err, const char *fmt, ...)
{
	va_list ap;
	char *raw = NULL;
	int n;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	n = vasprintf(&raw, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*err = NULL;
		return;
	}
	*err = text_sanitize(raw, (size_t)n, 0);
	free(raw);
}

static char *
fw_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Grows *ARR (of *CAP elements of SIZE bytes) to hold at least N + 1 elements. */
static int
fw_grow(void *arr, size_t *cap, size_t n, size_t size)
{
	void **p = arr;
	size_t ncap;
	void *q;

	if (n < *cap)
		return 0;
	ncap = *cap < 8 ? 8 : *cap * 2;
	if (ncap > SIZE_MAX / size)
		return -1;
	q = realloc(*p, ncap * size);
	if (q == NULL)
		return -1;
	*p = q;
	*cap = ncap;
	return 0;
}

static int
fw_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ---- lines: size limits, UTF-8 and control characters ---- */

struct fw_lines {
	const char *name;
	const char *buf;
	size_t len, pos;
	unsigned lineno;
	char **err;
};

/* Checks one line; returns 0, or -1 with the error set. */
static int
fw_line_check(struct fw_lines *ln, const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], cp, need, min;

		if (c == 0) {
			fw_errf(ln->err, _("%s:%u: NUL byte; a framework file is UTF-8 text, not binary data"),
			    ln->name, ln->lineno);
			return -1;
		}
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				fw_errf(ln->err, _("%s:%u: control character U+%04X; remove it"),
				    ln->name, ln->lineno, c);
				return -1;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			cp = c & 0x1f; need = 1; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			cp = c & 0x0f; need = 2; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			cp = c & 0x07; need = 3; min = 0x10000;
		} else {
			goto bad;
		}
		if (n - i <= need)
			goto bad;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		if (cp >= 0x80 && cp <= 0x9f) {
			fw_errf(ln->err, _("%s:%u: control character U+%04X; remove it"),
			    ln->name, ln->lineno, cp);
			return -1;
		}
		i += need + 1;
	}
	return 0;
bad:
	fw_errf(ln->err, _("%s:%u: invalid UTF-8; save the file as UTF-8 text"),
	    ln->name, ln->lineno);
	return -1;
}

/* Next physical line, without its line ending (LF or CR LF). Returns 1 with *S and *N set, 0 at
 * the end, -1 on error. */
static int
fw_next_line(struct fw_lines *ln, const char **s, size_t *n)
{
	const char *start, *nl;
	size_t rest, len;

	if (ln->pos >= ln->len)
		return 0;
	if (ln->pos == 0 && ln->len >= 3 && memcmp(ln->buf, "\xef\xbb\xbf", 3) == 0)
		ln->pos = 3;    /* a byte order mark, as some editors write */
	start = ln->buf + ln->pos;
	rest = ln->len - ln->pos;
	ln->lineno++;
	nl = memchr(start, '\n', rest);
	len = nl != NULL ? (size_t)(nl - start) : rest;
	ln->pos += nl != NULL ? len + 1 : len;
	if (len > 0 && start[len - 1] == '\r')
		len--;
	if (len > FW_MAX_LINE) {
		fw_errf(ln->err, _("%s:%u: line longer than %d bytes; split it into continuation lines"),
		    ln->name, ln->lineno, FW_MAX_LINE);
		return -1;
	}
	if (fw_line_check(ln, (const unsigned char *)start, len) != 0)
		return -1;
	*s = start;
	*n = len;
	return 1;
}

/* ---- tokens: ids, numbers, references ---- */

static int
fw_id_ok(const char *s, size_t n)
{
	if (n == 0 || n > FW_MAX_ID)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '/' || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int
fw_number_ok(const char *s, size_t n)
{
	if (n == 0 || n > FW_MAX_NUMBER)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_'))
			return 0;
	}
	return 1;
}

/* Parses a decimal number of at most 6 digits; -1 when S is not one. */
static long
fw_decimal(const char *s, size_t n)
{
	long v = 0;

	if (n == 0 || n > 6)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
fw_xref_push(struct fw_xref **xs, size_t *nx, size_t *cap, const char *a, const char *b,
    size_t blen, const char *source, unsigned line)
{
	struct fw_xref *x;

	if (fw_grow(xs, cap, *nx, sizeof **xs) != 0)
		return -1;
	x = &(*xs)[*nx];
	x->a = strdup(a);
	x->b = fw_strndup(b, blen);
	x->source = source;
	x->line = line;
	if (x->a == NULL || x->b == NULL) {
		free(x->a);
		free(x->b);
		return -1;
	}
	(*nx)++;
	return 0;
}

/* Adds the pairs (A, each ref of TOK): TOK is "ID:NUMBER" or "ID:LO-HI". Returns 0, or -1 with
 * the error set. */
static int
fw_xref_token(struct fw_lines *ln, unsigned line, const char *a, const char *tok, size_t n,
    struct fw_xref **xs, size_t *nx, size_t *cap, size_t max)
{
	const char *colon = memchr(tok, ':', n), *num, *dash;
	size_t idlen, numlen;
	long lo, hi;
	char buf[FW_MAX_ID + 1 + 8];

	if (colon == NULL)
		goto bad;
	idlen = (size_t)(colon - tok);
	num = colon + 1;
	numlen = n - idlen - 1;
	if (!fw_id_ok(tok, idlen))
		goto bad;
	dash = memchr(num, '-', numlen);
	if (dash == NULL) {
		if (!fw_number_ok(num, numlen))
			goto bad;
		lo = hi = -1;
	} else {
		lo = fw_decimal(num, (size_t)(dash - num));
		hi = fw_decimal(dash + 1, numlen - (size_t)(dash - num) - 1);
		if (lo < 0 || hi < 0 || hi <= lo || hi - lo >= FW_MAX_RANGE) {
			fw_errf(ln->err, _("%s:%u: bad range '%.*s'; write it like 64/211:13-17"),
			    ln->name, line, (int)n, tok);
			return -1;
		}
	}
	if (lo < 0) {
		if (*nx >= max)
			goto toomany;
		if (fw_xref_push(xs, nx, cap, a, tok, n, ln->name, line) != 0)
			goto nomem;
		return 0;
	}
	for (long v = lo; v <= hi; v++) {
		int m = snprintf(buf, sizeof buf, "%.*s:%ld", (int)idlen, tok, v);

		if (*nx >= max)
			goto toomany;
		if (fw_xref_push(xs, nx, cap, a, buf, (size_t)m, ln->name, line) != 0)
			goto nomem;
	}
	return 0;
bad:
	fw_errf(ln->err, _("%s:%u: '%.*s' is not a reference; write it like 64/211:5"),
	    ln->name, line, (int)(n > 64 ? 64 : n), tok);
	return -1;
toomany:
	fw_errf(ln->err, _("%s:%u: too many cross-references (more than %zu); split the file"),
	    ln->name, line, max);
	return -1;
nomem:
	fw_errf(ln->err, _("%s: out of memory"), ln->name);
	return -1;
}

/* ---- the framework parser ---- */

enum fw_kw {
	KW_FRAMEWORK, KW_SYMBOL, KW_ADOPTED, KW_TITLE, KW_ANNEX, KW_SHORT, KW_FOOTNOTE,
	KW_HEADING, KW_ITEM, KW_TEXT, KW_BULLET, KW_RELATED, KW_COUNT
};

static const char *const fw_keywords[KW_COUNT] = {
	"framework", "symbol", "adopted", "title", "annex", "short", "footnote",
	"heading", "item", "text", "bullet", "related"
};

struct fw_parser {
	struct fw_lines ln;
	struct framework *fw;
	size_t cap_items, cap_headings, cap_xrefs, cap_lines;
	unsigned *item_lines;   /* line of each item's 'item' directive */
	size_t cur;             /* the item being filled, or FW_NONE */
	int pending;            /* a directive is being collected */
	enum fw_kw kw;
	unsigned kw_line;
	char *val;
	size_t vlen, vcap;
};

static int
fw_nomem(struct fw_parser *p)
{
	fw_errf(p->ln.err, _("%s: out of memory"), p->ln.name);
	return -1;
}

/* Appends S (N bytes, trimmed) to the pending value, separated by one space. */
static int
fw_val_append(struct fw_parser *p, const char *s, size_t n)
{
	size_t need;

	while (n > 0 && fw_is_blank(*s)) {
		s++;
		n--;
	}
	while (n > 0 && fw_is_blank(s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	need = p->vlen + (p->vlen > 0) + n + 1;
	if (need > FW_MAX_VALUE) {
		fw_errf(p->ln.err, _("%s:%u: '%s' is longer than %d bytes; is a directive missing?"),
		    p->ln.name, p->kw_line, fw_keywords[p->kw], FW_MAX_VALUE);
		return -1;
	}
	if (need > p->vcap) {
		size_t ncap = need < 256 ? 256 : need * 2;
		char *q = realloc(p->val, ncap);

		if (q == NULL)
			return fw_nomem(p);
		p->val = q;
		p->vcap = ncap;
	}
	if (p->vlen > 0)
		p->val[p->vlen++] = ' ';
	memcpy(p->val + p->vlen, s, n);
	p->vlen += n;
	p->val[p->vlen] = '\0';
	return 0;
}

/* Reports "NAME:LINE: ..." for the pending directive; FMT takes the name, line and WHAT. */
#define fw_perr(p, fmt, what) \
	(fw_errf((p)->ln.err, (fmt), (p)->ln.name, (p)->kw_line, (what)), -1)

/* Sets *DST to a copy of the pending value, once. */
static int
fw_set_once(struct fw_parser *p, char **dst)
{
	if (*dst != NULL)
		return fw_perr(p, _("%s:%u: '%s' given twice; keep one"), fw_keywords[p->kw]);
	if ((*dst = strdup(p->val)) == NULL)
		return fw_nomem(p);
	return 0;
}

/* Checks the item being filled when it ends: it needs text; the short title defaults to the
 * start of the text. */
static int
fw_item_end(struct fw_parser *p)
{
	struct fw_item *it;
	size_t n, cut;

	if (p->cur == FW_NONE)
		return 0;
	it = &p->fw->items[p->cur];
	p->cur = FW_NONE;
	if (it->text == NULL) {
		fw_errf(p->ln.err, _("%s:%u: item %s has no text; add a 'text' line after it"),
		    p->ln.name, p->item_lines[it->index], it->number);
		return -1;
	}
	if (it->short_title != NULL)
		return 0;
	n = strcspn(it->text, "\n");
	if (n <= 40) {
		it->short_title = fw_strndup(it->text, n);
	} else {
		cut = 40;
		while (cut > 0 && it->text[cut] != ' ')
			cut--;
		if (cut < 10) {
			cut = 40;
			while (cut > 0 && ((unsigned char)it->text[cut] & 0xc0) == 0x80)
				cut--;
		}
		if ((it->short_title = malloc(cut + 4)) != NULL) {
			memcpy(it->short_title, it->text, cut);
			memcpy(it->short_title + cut, "\xe2\x80\xa6", 4);    /* "…" */
		}
	}
	return it->short_title == NULL ? fw_nomem(p) : 0;
}

static int
fw_heading_end(struct fw_parser *p)
{
	struct framework *fw = p->fw;

	if (fw->nheadings > 0 && fw->headings[fw->nheadings - 1].nitems == 0) {
		fw_errf(p->ln.err, _("%s:%u: heading has no items; add an 'item' after it or remove it"),
		    p->ln.name, (unsigned)fw->headings[fw->nheadings - 1].first_item);
		return -1;
	}
	return 0;
}

static int
fw_footnote_add(struct fw_parser *p, struct fw_footnote **fns, size_t *nfns)
{
	size_t marklen = strcspn(p->val, " \t");
	const char *text = p->val + marklen;
	struct fw_footnote *q;

	while (fw_is_blank(*text))
		text++;
	if (*text == '\0')
		return fw_perr(p, _("%s:%u: '%s' needs a mark and a text, e.g. 'footnote 2 This is ...'"),
		    "footnote");
	if (marklen > FW_MAX_MARK)
		return fw_perr(p, _("%s:%u: footnote mark longer than 8 bytes; the mark goes first, "
		    "e.g. '%s 2 This is ...'"), "footnote");
	for (size_t i = 0; i < *nfns; i++)
		if (strlen((*fns)[i].mark) == marklen && memcmp((*fns)[i].mark, p->val, marklen) == 0)
			return fw_perr(p, _("%s:%u: footnote '%s' given twice here; marks must differ"),
			    (*fns)[i].mark);
	if (*nfns >= FW_MAX_PARTS)
		return fw_perr(p, _("%s:%u: too many %ss; at most 1000 per item"), "footnote");
	q = realloc(*fns, (*nfns + 1) * sizeof *q);
	if (q == NULL)
		return fw_nomem(p);
	*fns = q;
	q[*nfns].mark = fw_strndup(p->val, marklen);
	q[*nfns].text = strdup(text);
	if (q[*nfns].mark == NULL || q[*nfns].text == NULL) {
		free(q[*nfns].mark);
		free(q[*nfns].text);
		return fw_nomem(p);
	}
	(*nfns)++;
	return 0;
}

static int
fw_item_add(struct fw_parser *p)
{
	struct framework *fw = p->fw;
	struct fw_item *it;
	size_t n = strlen(p->val);

	if (fw_item_end(p) != 0)
		return -1;
	if (n == 0)
		return fw_perr(p, _("%s:%u: '%s' needs a number, e.g. 'item 5'"), "item");
	if (!fw_number_ok(p->val, n))
		return fw_perr(p, _("%s:%u: item number '%s' may hold only letters, digits and '.', "
		    "at most 16 (one word, e.g. 'item 5' or 'item 2.1'); put its text on a 'text' line"),
		    p->val);
	for (size_t i = 0; i < fw->nitems; i++)
		if (strcasecmp(fw->items[i].number, p->val) == 0) {
			fw_errf(p->ln.err, _("%s:%u: item %s is already defined on line %u; "
			    "number each item once"), p->ln.name, p->kw_line, p->val, p->item_lines[i]);
			return -1;
		}
	if (fw->nitems >= FW_MAX_ITEMS)
		return fw_perr(p, _("%s:%u: too many %ss; at most 10000"), "item");
	if (fw_grow(&fw->items, &p->cap_items, fw->nitems, sizeof *fw->items) != 0 ||
	    fw_grow(&p->item_lines, &p->cap_lines, fw->nitems, sizeof *p->item_lines) != 0)
		return fw_nomem(p);
	it = &fw->items[fw->nitems];
	memset(it, 0, sizeof *it);
	it->index = fw->nitems;
	it->heading = fw->nheadings > 0 ? fw->nheadings - 1 : FW_NO_HEADING;
	it->fw = fw;
	p->item_lines[fw->nitems] = p->kw_line;
	fw->nitems++;           /* counted now so that fw_free frees it */
	it->number = strdup(p->val);
	if (it->number == NULL || asprintf(&it->ref, "%s:%s", fw->id, p->val) < 0) {
		it->ref = NULL;
		return fw_nomem(p);
	}
	if (it->heading != FW_NO_HEADING)
		fw->headings[it->heading].nitems++;
	p->cur = it->index;
	return 0;
}

static int
fw_heading_add(struct fw_parser *p)
{
	struct framework *fw = p->fw;
	struct fw_heading *h;

	if (fw_item_end(p) != 0 || fw_heading_end(p) != 0)
		return -1;
	if (fw->nheadings >= FW_MAX_ITEMS)
		return fw_perr(p, _("%s:%u: too many %ss; at most 10000"), "heading");
	if (fw_grow(&fw->headings, &p->cap_headings, fw->nheadings, sizeof *fw->headings) != 0)
		return fw_nomem(p);
	h = &fw->headings[fw->nheadings];
	/* first_item holds the heading's line until its first item arrives (for messages). */
	h->first_item = p->kw_line;
	h->nitems = 0;
	if ((h->title = strdup(p->val)) == NULL)
		return fw_nomem(p);
	fw->nheadings++;
	return 0;
}

static int
fw_related_add(struct fw_parser *p, struct fw_item *it)
{
	const char *s = p->val;

	while (*s != '\0') {
		size_t n;

		s += strspn(s, " \t,");
		n = strcspn(s, " \t,");
		if (n == 0)
			break;
		if (fw_xref_token(&p->ln, p->kw_line, it->ref, s, n, &p->fw->xrefs, &p->fw->nxrefs,
		    &p->cap_xrefs, FW_MAX_ITEMS) != 0)
			return -1;
		s += n;
	}
	return 0;
}

/* Applies the pending directive. */
static int
fw_directive(struct fw_parser *p)
{
	struct framework *fw = p->fw;
	struct fw_item *it = p->cur != FW_NONE ? &fw->items[p->cur] : NULL;
	const char *kw = fw_keywords[p->kw];

	p->pending = 0;
	if (p->val == NULL || p->vlen == 0) {
		if (p->kw == KW_ITEM)
			return fw_perr(p, _("%s:%u: '%s' needs a number, e.g. 'item 5'"), kw);
		return fw_perr(p, _("%s:%u: '%s' needs a value after it"), kw);
	}
	if (p->kw == KW_FRAMEWORK) {
		if (fw->id != NULL) {
			fw_errf(p->ln.err, _("%s:%u: 'framework' given twice (first on line %u); "
			    "put each framework in its own file"), p->ln.name, p->kw_line, fw->id_line);
			return -1;
		}
		if (!fw_id_ok(p->val, p->vlen))
			return fw_perr(p, _("%s:%u: framework id '%s' may hold only letters, digits and "
			    "'/', '.', '_', '-', at most 32, e.g. 'framework 64/211'"), p->val);
		fw->id_line = p->kw_line;
		return fw_set_once(p, &fw->id);
	}
	if (fw->id == NULL)
		return fw_perr(p, _("%s:%u: '%s' before 'framework'; begin the file with "
		    "'framework ID', e.g. 'framework 64/211'"), kw);
	switch (p->kw) {
	case KW_SYMBOL:
	case KW_ADOPTED:
	case KW_TITLE:
	case KW_ANNEX:
		if (fw->nitems > 0 || fw->nheadings > 0)
			return fw_perr(p, _("%s:%u: '%s' belongs in the header; move it before the "
			    "first heading or item"), kw);
		if (p->kw == KW_SYMBOL) {
			if (!fw_id_ok(p->val, p->vlen))
				return fw_perr(p, _("%s:%u: symbol '%s' may hold only letters, digits and "
				    "'/', '.', '_', '-', at most 32, e.g. 'symbol A/RES/64/211'"), p->val);
			return fw_set_once(p, &fw->symbol);
		}
		if (p->kw == KW_ADOPTED) {
			if (p->vlen != 10 || fw_decimal(p->val, 4) < 0 || p->val[4] != '-' ||
			    fw_decimal(p->val + 5, 2) < 1 || fw_decimal(p->val + 5, 2) > 12 ||
			    p->val[7] != '-' || fw_decimal(p->val + 8, 2) < 1 ||
			    fw_decimal(p->val + 8, 2) > 31)
				return fw_perr(p, _("%s:%u: date '%s' is not of the form YYYY-MM-DD, "
				    "e.g. 'adopted 2009-12-21'"), p->val);
			return fw_set_once(p, &fw->adopted);
		}
		return fw_set_once(p, p->kw == KW_TITLE ? &fw->title : &fw->annex_title);
	case KW_SHORT:
		if (p->vlen > FW_MAX_SHORT)
			return fw_perr(p, _("%s:%u: short title longer than 80 bytes; it is for "
			    "navigation, a few words ('%s')"), kw);
		if (it != NULL)
			return fw_set_once(p, &it->short_title);
		if (fw->nheadings > 0)
			return fw_perr(p, _("%s:%u: '%s' after a heading; headings have no short "
			    "title: put it after an 'item' line"), kw);
		return fw_set_once(p, &fw->short_title);
	case KW_FOOTNOTE:
		if (it != NULL)
			return fw_footnote_add(p, &it->footnotes, &it->nfootnotes);
		if (fw->nheadings > 0 || fw->nitems > 0)
			return fw_perr(p, _("%s:%u: '%s' after a heading; put it after the item it "
			    "belongs to, or in the header for the annex title"), kw);
		return fw_footnote_add(p, &fw->footnotes, &fw->nfootnotes);
	case KW_HEADING:
		return fw_heading_add(p);
	case KW_ITEM:
		return fw_item_add(p);
	case KW_TEXT:
	case KW_BULLET:
	case KW_RELATED:
		if (it == NULL)
			return fw_perr(p, _("%s:%u: '%s' outside an item; put an 'item NUMBER' line "
			    "before it"), kw);
		if (p->kw == KW_RELATED)
			return fw_related_add(p, it);
		if (p->kw == KW_TEXT) {
			char *q;
			size_t old;

			if (it->nbullets > 0)
				return fw_perr(p, _("%s:%u: '%s' after a bullet; put all of an item's "
				    "text before its bullets"), kw);
			if (it->text == NULL)
				return fw_set_once(p, &it->text);
			old = strlen(it->text);
			if (old + p->vlen + 2 > FW_MAX_VALUE)
				return fw_perr(p, _("%s:%u: item text longer than 65536 bytes ('%s')"), kw);
			if ((q = realloc(it->text, old + p->vlen + 2)) == NULL)
				return fw_nomem(p);
			q[old] = '\n';  /* a second 'text' starts a new paragraph */
			memcpy(q + old + 1, p->val, p->vlen + 1);
			it->text = q;
			return 0;
		} else {
			char **q;

			if (it->nbullets >= FW_MAX_PARTS)
				return fw_perr(p, _("%s:%u: too many %ss; at most 1000 per item"), kw);
			if ((q = realloc(it->bullets, (it->nbullets + 1) * sizeof *q)) == NULL)
				return fw_nomem(p);
			it->bullets = q;
			if ((q[it->nbullets] = strdup(p->val)) == NULL)
				return fw_nomem(p);
			it->nbullets++;
			return 0;
		}
	default:
		return fw_nomem(p);
	}
}

/* Checks the whole framework at the end of the file and fills in the defaults. */
static int
fw_finish(struct fw_parser *p)
{
	struct framework *fw = p->fw;
	size_t start = 0;

	if (fw_item_end(p) != 0 || fw_heading_end(p) != 0)
		return -1;
	if (fw->id == NULL) {
		fw_errf(p->ln.err, _("%s: no 'framework ID' line; begin the file with one, "
		    "e.g. 'framework 64/211'"), p->ln.name);
		return -1;
	}
	if (fw->annex_title == NULL) {
		fw_errf(p->ln.err, _("%s:%u: no 'annex' line; give the framework's title after "
		    "'framework', e.g. 'annex Elements for protecting ...'"), p->ln.name, fw->id_line);
		return -1;
	}
	if (fw->nitems == 0) {
		fw_errf(p->ln.err, _("%s: no items; add at least one 'item NUMBER' with a 'text' line"),
		    p->ln.name);
		return -1;
	}
	if ((fw->symbol == NULL && (fw->symbol = strdup(fw->id)) == NULL) ||
	    (fw->title == NULL && (fw->title = strdup(fw->annex_title)) == NULL) ||
	    (fw->short_title == NULL && (fw->short_title = strdup(fw->annex_title)) == NULL))
		return fw_nomem(p);
	for (size_t h = 0; h < fw->nheadings; h++) {
		while (fw->items[start].heading != h)
			start++;
		fw->headings[h].first_item = start;
	}
	for (size_t i = 0; i < fw->nitems; i++)
		fw->items[i].fw = fw;   /* the items array has moved while growing */
	for (size_t x = 0; x < fw->nxrefs; x++)
		fw->xrefs[x].source = fw->source;       /* outlives the name given to fw_parse */
	return 0;
}

int
fw_parse(const char *name, const char *buf, size_t len, struct framework **out, char **err)
{
	struct fw_parser p;
	const char *s;
	size_t n;
	int r, rc = -1;

	*out = NULL;
	if (err != NULL)
		*err = NULL;
	memset(&p, 0, sizeof p);
	p.ln.name = name;
	p.ln.buf = buf;
	p.ln.len = len;
	p.ln.err = err;
	p.cur = FW_NONE;
	if (len > FW_MAX_FILE) {
		fw_errf(err, _("%s: larger than %d bytes; is it a framework file?"), name, FW_MAX_FILE);
		return -1;
	}
	if ((p.fw = calloc(1, sizeof *p.fw)) == NULL || (p.fw->source = strdup(name)) == NULL) {
		fw_errf(err, _("%s: out of memory"), name);
		goto out;
	}
	while ((r = fw_next_line(&p.ln, &s, &n)) > 0) {
		size_t k, i;

		if (n > 0 && s[0] == '#')
			continue;       /* a comment */
		for (i = 0; i < n && fw_is_blank(s[i]); i++)
			;
		if (i == n) {           /* a blank line ends a directive */
			if (p.pending && fw_directive(&p) != 0)
				goto out;
			continue;
		}
		if (i > 0) {            /* a continuation line */
			if (!p.pending) {
				fw_errf(err, _("%s:%u: indented line continues nothing; remove the "
				    "indentation, or the blank line above it"), name, p.ln.lineno);
				goto out;
			}
			if (fw_val_append(&p, s, n) != 0)
				goto out;
			continue;
		}
		if (p.pending && fw_directive(&p) != 0)
			goto out;
		for (k = 0; k < n && !fw_is_blank(s[k]); k++)
			;
		for (p.kw = 0; p.kw < KW_COUNT; p.kw++)
			if (strlen(fw_keywords[p.kw]) == k && memcmp(fw_keywords[p.kw], s, k) == 0)
				break;
		if (p.kw == KW_COUNT) {
			fw_errf(err, _("%s:%u: unknown directive '%.*s'; use framework, symbol, adopted, "
			    "title, annex, short, footnote, heading, item, text, bullet or related "
			    "(indent continuation lines)"), name, p.ln.lineno, (int)(k > 40 ? 40 : k), s);
			goto out;
		}
		p.pending = 1;
		p.kw_line = p.ln.lineno;
		p.vlen = 0;
		if (p.val != NULL)
			p.val[0] = '\0';
		if (fw_val_append(&p, s + k, n - k) != 0)
			goto out;
	}
	if (r < 0)
		goto out;
	if (p.pending && fw_directive(&p) != 0)
		goto out;
	if (fw_finish(&p) != 0)
		goto out;
	*out = p.fw;
	p.fw = NULL;
	rc = 0;
out:
	fw_free(p.fw);
	free(p.item_lines);
	free(p.val);
	return rc;
}

static void
fw_footnotes_free(struct fw_footnote *fns, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(fns[i].mark);
		free(fns[i].text);
	}
	free(fns);
}

static void
fw_xrefs_free(struct fw_xref *xs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(xs[i].a);
		free(xs[i].b);
	}
	free(xs);
}

void
fw_free(struct framework *fw)
{
	if (fw == NULL)
		return;
	for (size_t i = 0; i < fw->nitems; i++) {
		struct fw_item *it = &fw->items[i];

		free(it->ref);
		free(it->number);
		free(it->short_title);
		free(it->text);
		for (size_t b = 0; b < it->nbullets; b++)
			free(it->bullets[b]);
		free(it->bullets);
		fw_footnotes_free(it->footnotes, it->nfootnotes);
	}
	free(fw->items);
	for (size_t h = 0; h < fw->nheadings; h++)
		free(fw->headings[h].title);
	free(fw->headings);
	fw_footnotes_free(fw->footnotes, fw->nfootnotes);
	fw_xrefs_free(fw->xrefs, fw->nxrefs);
	free(fw->id);
	free(fw->symbol);
	free(fw->title);
	free(fw->annex_title);
	free(fw->short_title);
	free(fw->adopted);
	free(fw->source);
	free(fw);
}

/* ---- the cross-reference file parser ---- */

int
fw_xref_parse(const char *name, const char *buf, size_t len, struct fw_xref **xrefs,
    size_t *nxrefs, char **err)
{
	struct fw_lines ln;
	size_t n0 = *nxrefs, cap = *nxrefs, n;
	const char *s;
	char first[FW_MAX_ID + FW_MAX_NUMBER + 2];
	int r;

	if (err != NULL)
		*err = NULL;
	memset(&ln, 0, sizeof ln);
	ln.name = name;
	ln.buf = buf;
	ln.len = len;
	ln.err = err;
	if (len > FW_MAX_FILE) {
		fw_errf(err, _("%s: larger than %d bytes; is it a cross-reference file?"), name,
		    FW_MAX_FILE);
		return -1;
	}
	while ((r = fw_next_line(&ln, &s, &n)) > 0) {
		size_t i = 0, k, before;
		const char *colon;
		struct fw_xref *one = NULL;
		size_t none = 0, cone = 0;

		while (i < n && fw_is_blank(s[i]))
			i++;
		if (i == n || s[i] == '#')
			continue;
		k = i;
		while (k < n && !fw_is_blank(s[k]) && s[k] != ',')
			k++;
		/* The first ref: checked like the others, but must be a single item. */
		colon = memchr(s + i, ':', k - i);
		if (colon != NULL && memchr(colon, '-', (size_t)(s + k - colon)) != NULL) {
			fw_errf(err, _("%s:%u: a line starts with one reference, not a range"),
			    name, ln.lineno);
			goto fail;
		}
		if (fw_xref_token(&ln, ln.lineno, "", s + i, k - i, &one, &none, &cone, 1) != 0) {
			fw_xrefs_free(one, none);
			goto fail;
		}
		/* fw_xref_token checked its length: it fits */
		snprintf(first, sizeof first, "%s", one[0].b);
		fw_xrefs_free(one, none);
		before = *nxrefs;
		for (i = k; i < n;) {
			while (i < n && (fw_is_blank(s[i]) || s[i] == ','))
				i++;
			if (i == n || s[i] == '#')
				break;
			k = i;
			while (k < n && !fw_is_blank(s[k]) && s[k] != ',')
				k++;
			if (fw_xref_token(&ln, ln.lineno, first, s + i, k - i, xrefs, nxrefs, &cap,
			    FW_MAX_XREFS) != 0)
				goto fail;
			i = k;
		}
		if (*nxrefs == before) {
			fw_errf(err, _("%s:%u: '%s' has no related references; list them after it "
			    "on the same line"), name, ln.lineno, first);
			goto fail;
		}
	}
	if (r == 0)
		return 0;
fail:
	for (size_t i = n0; i < *nxrefs; i++) {
		free((*xrefs)[i].a);
		free((*xrefs)[i].b);
	}
	*nxrefs = n0;
	return -1;
}

/* ---- the catalogue ---- */

static int
fw_ref_split(const char *ref, const char **id, size_t *idlen, const char **num, size_t *numlen)
{
	const char *colon = strrchr(ref, ':'), *e;

	if (colon == NULL)
		return -1;
	while (fw_is_blank(*ref))
		ref++;
	for (e = colon; e > ref && fw_is_blank(e[-1]); e--)
		;
	*id = ref;
	*idlen = (size_t)(e - ref);
	ref = colon + 1;
	while (fw_is_blank(*ref))
		ref++;
	for (e = ref + strlen(ref); e > ref && (fw_is_blank(e[-1]) || e[-1] == '\n'); e--)
		;
	*num = ref;
	*numlen = (size_t)(e - ref);
	return *idlen > 0 && *numlen > 0 ? 0 : -1;
}

static int
fw_same(const char *a, const char *b, size_t blen)
{
	return a != NULL && strlen(a) == blen && strncasecmp(a, b, blen) == 0;
}

static const struct framework *
catalog_framework_n(const struct catalog *cat, const char *id, size_t n)
{
	if (cat == NULL)
		return NULL;
	for (size_t f = 0; f < cat->nfws; f++)
		if (fw_same(cat->fws[f]->id, id, n) || fw_same(cat->fws[f]->symbol, id, n))
			return cat->fws[f];
	return NULL;
}

const struct framework *
catalog_framework(const struct catalog *cat, const char *id)
{
	const char *e;

	if (id == NULL)
		return NULL;
	while (fw_is_blank(*id))
		id++;
	for (e = id + strlen(id); e > id && fw_is_blank(e[-1]); e--)
		;
	return catalog_framework_n(cat, id, (size_t)(e - id));
}

const struct fw_item *
catalog_find(const struct catalog *cat, const char *ref)
{
	const struct framework *fw;
	const char *id, *num;
	size_t idlen, numlen;

	if (ref == NULL || fw_ref_split(ref, &id, &idlen, &num, &numlen) != 0)
		return NULL;
	if ((fw = catalog_framework_n(cat, id, idlen)) == NULL)
		return NULL;
	for (size_t i = 0; i < fw->nitems; i++)
		if (fw_same(fw->items[i].number, num, numlen))
			return &fw->items[i];
	return NULL;
}

struct fw_pos {
	size_t f, i;
	const char *ref;
};

static int
fw_pos_cmp(const void *a, const void *b)
{
	const struct fw_pos *x = a, *y = b;

	if (x->f != y->f)
		return x->f < y->f ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static size_t
catalog_fw_index(const struct catalog *cat, const struct framework *fw)
{
	for (size_t f = 0; f < cat->nfws; f++)
		if (cat->fws[f] == fw)
			return f;
	return cat->nfws;
}

size_t
catalog_related(const struct catalog *cat, const char *ref, const char **out, size_t max)
{
	const struct fw_item *it = catalog_find(cat, ref);
	struct fw_pos *pos;
	size_t n = 0, uniq = 0;

	if (it == NULL || cat->nxrefs == 0)
		return 0;
	if ((pos = calloc(cat->nxrefs, sizeof *pos)) == NULL)
		return 0;
	for (size_t x = 0; x < cat->nxrefs; x++) {
		const char *other;
		const struct fw_item *o;

		if (strcmp(cat->xrefs[x].a, it->ref) == 0)
			other = cat->xrefs[x].b;
		else if (strcmp(cat->xrefs[x].b, it->ref) == 0)
			other = cat->xrefs[x].a;
		else
			continue;
		if ((o = catalog_find(cat, other)) == NULL || o == it)
			continue;
		pos[n].f = catalog_fw_index(cat, o->fw);
		pos[n].i = o->index;
		pos[n].ref = o->ref;
		n++;
	}
	if (n > 0)
		qsort(pos, n, sizeof *pos, fw_pos_cmp);
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && fw_pos_cmp(&pos[k], &pos[k - 1]) == 0)
			continue;
		if (uniq < max && out != NULL)
			out[uniq] = pos[k].ref;
		uniq++;
	}
	free(pos);
	return uniq;
}

void
catalog_free(struct catalog *cat)
{
	if (cat == NULL)
		return;
	for (size_t f = 0; f < cat->nfws; f++)
		fw_free(cat->fws[f]);
	free(cat->fws);
	fw_xrefs_free(cat->xrefs, cat->nxrefs);
	free(cat);
}

/* Reads a whole file (at most FW_MAX_FILE bytes) into a malloc'd buffer. */
static int
catalog_read(const char *path, char **buf, size_t *len, char **err)
{
	FILE *fp = fopen(path, "rb");
	char *b = NULL, *q;
	size_t n = 0, cap = 0, got;

	if (fp == NULL) {
		fw_errf(err, _("%s: cannot read: %s"), path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (n == cap) {
			if (cap > FW_MAX_FILE) {
				fw_errf(err, _("%s: larger than %d bytes; is it a framework file?"), path,
				    FW_MAX_FILE);
				goto fail;
			}
			cap = cap == 0 ? 16384 : cap * 2;
			if ((q = realloc(b, cap + 1)) == NULL) {
				fw_errf(err, _("%s: out of memory"), path);
				goto fail;
			}
			b = q;
		}
		got = fread(b + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		fw_errf(err, _("%s: cannot read: %s"), path, strerror(errno));
		goto fail;
	}
	fclose(fp);
	if (n > FW_MAX_FILE) {
		fw_errf(err, _("%s: larger than %d bytes; is it a framework file?"), path, FW_MAX_FILE);
		free(b);
		return -1;
	}
	*buf = b;
	*len = n;
	return 0;
fail:
	fclose(fp);
	free(b);
	return -1;
}

static int
catalog_add(struct catalog *cat, struct framework *fw, size_t *cap, char **err)
{
	for (size_t f = 0; f < cat->nfws; f++) {
		const struct framework *o = cat->fws[f];

		if (strcasecmp(o->id, fw->id) == 0 || strcasecmp(o->symbol, fw->symbol) == 0 ||
		    strcasecmp(o->symbol, fw->id) == 0 || strcasecmp(o->id, fw->symbol) == 0) {
			fw_errf(err, _("%s:%u: framework '%s' is already defined by %s; give this one "
			    "another id and symbol"), fw->source, fw->id_line, fw->id, o->source);
			fw_free(fw);
			return -1;
		}
	}
	if (fw_grow(&cat->fws, cap, cat->nfws, sizeof *cat->fws) != 0) {
		fw_errf(err, _("%s: out of memory"), fw->source);
		fw_free(fw);
		return -1;
	}
	cat->fws[cat->nfws++] = fw;
	return 0;
}

/* Checks that every cross-reference names an existing item and stores the canonical refs. */
static int
catalog_check_xrefs(struct catalog *cat, char **err)
{
	for (size_t x = 0; x < cat->nxrefs; x++) {
		struct fw_xref *xr = &cat->xrefs[x];
		char **side[2] = { &xr->a, &xr->b };

		for (int k = 0; k < 2; k++) {
			const struct fw_item *it = catalog_find(cat, *side[k]);
			char *c;

			if (it == NULL) {
				fw_errf(err, _("%s:%u: no item '%s' to refer to; see 'ciipwb list' for "
				    "the valid references"), xr->source, xr->line, *side[k]);
				return -1;
			}
			if (strcmp(it->ref, *side[k]) == 0)
				continue;
			if ((c = strdup(it->ref)) == NULL) {
				fw_errf(err, _("%s: out of memory"), xr->source);
				return -1;
			}
			free(*side[k]);
			*side[k] = c;
		}
		if (strcmp(xr->a, xr->b) == 0) {
			fw_errf(err, _("%s:%u: '%s' refers to itself; remove it"), xr->source, xr->line,
			    xr->a);
			return -1;
		}
	}
	return 0;
}

int
catalog_load(struct catalog **out, const char *const *extra, size_t nextra, char **err)
{
	struct catalog *cat;
	size_t cap = 0;

	*out = NULL;
	if (err != NULL)
		*err = NULL;
	if ((cat = calloc(1, sizeof *cat)) == NULL) {
		fw_errf(err, _("out of memory"));
		return -1;
	}
	for (size_t b = 0; b < fw_nbuiltins; b++) {
		const struct fw_builtin *bi = &fw_builtins[b];
		size_t nl = strlen(bi->name);
		struct framework *fw;

		if (nl >= 8 && strcmp(bi->name + nl - 8, "xref.txt") == 0) {
			if (fw_xref_parse(bi->name, bi->data, bi->len, &cat->xrefs, &cat->nxrefs,
			    err) != 0)
				goto fail;
			continue;
		}
		if (fw_parse(bi->name, bi->data, bi->len, &fw, err) != 0 ||
		    catalog_add(cat, fw, &cap, err) != 0)
			goto fail;
	}
	for (size_t e = 0; e < nextra; e++) {
		struct framework *fw;
		char *buf;
		size_t len;
		int r;

		if (catalog_read(extra[e], &buf, &len, err) != 0)
			goto fail;
		r = fw_parse(extra[e], buf, len, &fw, err);
		free(buf);
		if (r != 0 || catalog_add(cat, fw, &cap, err) != 0)
			goto fail;
	}
	/* Each framework's 'related' lines join the catalogue's list. */
	for (size_t f = 0; f < cat->nfws; f++) {
		struct framework *fw = cat->fws[f];

		if (fw->nxrefs == 0)
			continue;
		if (cat->nxrefs > SIZE_MAX / sizeof *cat->xrefs - fw->nxrefs) {
			fw_errf(err, _("%s: out of memory"), fw->source);
			goto fail;
		}
		struct fw_xref *q = realloc(cat->xrefs, (cat->nxrefs + fw->nxrefs) * sizeof *q);
		if (q == NULL) {
			fw_errf(err, _("%s: out of memory"), fw->source);
			goto fail;
		}
		cat->xrefs = q;
		memcpy(q + cat->nxrefs, fw->xrefs, fw->nxrefs * sizeof *q);
		cat->nxrefs += fw->nxrefs;
		free(fw->xrefs);
		fw->xrefs = NULL;
		fw->nxrefs = 0;
	}
	if (catalog_check_xrefs(cat, err) != 0)
		goto fail;
	*out = cat;
	return 0;
fail:
	catalog_free(cat);
	return -1;
}
