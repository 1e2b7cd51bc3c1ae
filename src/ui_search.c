/* ui_search.c: '/' search across the annex text, ignoring case and Latin accents; n and N. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "wb_search.h"

#define SEARCH_MAX_MATCHES 100000

const char *
ui_search_source(const struct fw_item *it, int spart, unsigned *flags)
{
	size_t p;

	*flags = 0;
	if (spart < 0)
		return NULL;
	p = (size_t)spart;
	if (p == 0)
		return it->short_title != NULL ? it->short_title : "";
	*flags = TEXT_KEEP_NEWLINES;
	if (p == 1)
		return it->text != NULL ? it->text : "";
	p -= 2;
	if (p < it->nbullets)
		return it->bullets[p];
	p -= it->nbullets;
	if (p < it->nfootnotes)
		return it->footnotes[p].text;
	return NULL;
}

/* Latin-1 Supplement and Latin Extended-A letters without their accents, lower case. */
static const char search_latin1[] =
    "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0\0aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y";

static const struct {
	unsigned short lo, hi;
	char base;
} search_exta[] = {
	{ 0x100, 0x105, 'a' }, { 0x106, 0x10d, 'c' }, { 0x10e, 0x111, 'd' }, { 0x112, 0x11b, 'e' },
	{ 0x11c, 0x123, 'g' }, { 0x124, 0x127, 'h' }, { 0x128, 0x131, 'i' }, { 0x134, 0x135, 'j' },
	{ 0x136, 0x138, 'k' }, { 0x139, 0x142, 'l' }, { 0x143, 0x14b, 'n' }, { 0x14c, 0x151, 'o' },
	{ 0x154, 0x159, 'r' }, { 0x15a, 0x161, 's' }, { 0x162, 0x167, 't' }, { 0x168, 0x173, 'u' },
	{ 0x174, 0x175, 'w' }, { 0x176, 0x178, 'y' }, { 0x179, 0x17e, 'z' }, { 0x17f, 0x17f, 's' },
};

/* One code point folded for comparison; 0 for a combining mark (ignored). */
static unsigned long
search_fold(unsigned long cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
	if (cp >= 0xc0 && cp <= 0xff && search_latin1[cp - 0xc0] != '\0')
		return (unsigned char)search_latin1[cp - 0xc0];
	for (size_t i = 0; i < sizeof search_exta / sizeof search_exta[0]; i++)
		if (cp >= search_exta[i].lo && cp <= search_exta[i].hi)
			return (unsigned char)search_exta[i].base;
	if ((cp >= 0x300 && cp <= 0x36f) || wcwidth((wchar_t)cp) == 0)
		return 0;
	return (unsigned long)towlower((wint_t)cp);
}

/* Decodes one character of valid (sanitised) UTF-8; returns its length. */
static size_t
search_decode(const char *s, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xe0 && u[1] != 0) {
		*cp = ((unsigned long)(u[0] & 0x1f) << 6) | (u[1] & 0x3f);
		return 2;
	}
	if (u[0] < 0xf0 && u[1] != 0 && u[2] != 0) {
		*cp = ((unsigned long)(u[0] & 0x0f) << 12) | ((unsigned long)(u[1] & 0x3f) << 6) |
		    (u[2] & 0x3f);
		return 3;
	}
	if (u[1] != 0 && u[2] != 0 && u[3] != 0) {
		*cp = ((unsigned long)(u[0] & 0x07) << 18) | ((unsigned long)(u[1] & 0x3f) << 12) |
		    ((unsigned long)(u[2] & 0x3f) << 6) | (u[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

/* The folded character at S (skipping ignored marks); returns the bytes consumed, 0 at the end. */
static size_t
search_next(const char *s, unsigned long *f)
{
	size_t n = 0;

	while (s[n] != '\0') {
		unsigned long cp;

		n += search_decode(s + n, &cp);
		if ((*f = search_fold(cp)) != 0)
			return n;
	}
	return 0;
}

long
ui_search_find(const char *hay, size_t from, const char *needle, size_t *len)
{
	size_t start = from, hlen = strlen(hay);
	unsigned long first = 0;
	int pre;

	if (needle[0] == '\0')
		return -1;
	/* The needle's first character, folded: an ASCII byte of the haystack that does not
	 * fold to it starts no match (most of them), and is passed over at once. */
	pre = search_next(needle, &first) != 0;
	while (start < hlen) {
		size_t h = start, nd = 0, hn, nn;
		unsigned long hf, nf;
		int ok = 1;
		unsigned char b = (unsigned char)hay[start];

		if (pre && b < 0x80 && (unsigned long)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != first) {
			start++;
			continue;
		}

		/* Do not start on an ignored mark. */
		{
			unsigned long cp;
			size_t k = search_decode(hay + start, &cp);

			if (search_fold(cp) == 0) {
				start += k;
				continue;
			}
		}
		while ((nn = search_next(needle + nd, &nf)) != 0) {
			if ((hn = search_next(hay + h, &hf)) == 0 || hf != nf) {
				ok = 0;
				break;
			}
			nd += nn;
			h += hn;
		}
		if (ok && h > start) {
			*len = h - start;
			return (long)start;
		}
		{
			unsigned long cp;

			start += search_decode(hay + start, &cp);
		}
	}
	return -1;
}

void
ui_search_free(struct ui_search *s)
{
	free(s->query);
	free(s->m);
	memset(s, 0, sizeof *s);
}

void
ui_search_open_goto(struct ui *ui, int key)
{
	ui_search_open(ui);
	ui->search.go = 1;
	ui_search_key(ui, key);
}

void
ui_search_open(struct ui *ui)
{
	ui->search.prompt = 1;
	ui->search.go = 0;
	ui->search.len = 0;
	ui->search.buf[0] = '\0';
	ui->msg[0] = '\0';
	ui_mark(ui, UI_DIRTY_MSG);
	/* The annex search's tables and index (about 2 ms), while the query is typed rather
	 * than after Enter; a failure here is met again, and reported, by the search. */
	if (ui->wb != NULL)
		(void)wb_search_prepare(ui->wb);
}

static int
search_add(struct ui_search *s, size_t f, size_t i, int spart, size_t off, size_t len)
{
	if (s->nm >= SEARCH_MAX_MATCHES)
		return 0;
	if (s->nm == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		struct ui_match *p = realloc(s->m, cap * sizeof *p);

		if (p == NULL)
			return -1;
		s->m = p;
		s->cap = cap;
	}
	s->m[s->nm].fw = f;
	s->m[s->nm].item = i;
	s->m[s->nm].spart = spart;
	s->m[s->nm].off = off;
	s->m[s->nm].len = len;
	s->nm++;
	return 0;
}

static int
search_collect(struct ui *ui)
{
	struct ui_search *s = &ui->search;

	s->nm = 0;
	for (size_t f = 0; f < ui->cat->nfws; f++) {
		const struct framework *fw = ui->cat->fws[f];

		for (size_t i = 0; i < fw->nitems; i++) {
			const char *src;
			unsigned flags;

			for (int p = 0; (src = ui_search_source(&fw->items[i], p, &flags)) != NULL; p++) {
				char *clean = text_sanitize(src, strlen(src), flags);
				size_t at = 0, len;
				long off;

				if (clean == NULL)
					return -1;
				while ((off = ui_search_find(clean, at, s->query, &len)) >= 0) {
					if (search_add(s, f, i, p, (size_t)off, len) != 0) {
						free(clean);
						return -1;
					}
					at = (size_t)off + len;
				}
				free(clean);
			}
		}
	}
	return 0;
}

/* Position of the selection for ordering: its framework and item (the first item of a
 * framework or heading row). */
static void
search_here(const struct ui *ui, size_t *f, size_t *i, int *on_item)
{
	const struct ui_nav_row *r = ui_nav_current(ui);

	*f = *i = 0;
	*on_item = 0;
	if (r == NULL)
		return;
	*f = r->fw;
	if (r->kind == UI_NAV_ITEM) {
		*i = r->item;
		*on_item = 1;
	} else if (r->kind == UI_NAV_HEADING) {
		*i = ui->cat->fws[r->fw]->headings[r->heading].first_item;
	}
}

static int
search_cmp(size_t f1, size_t i1, size_t f2, size_t i2)
{
	if (f1 != f2)
		return f1 < f2 ? -1 : 1;
	if (i1 != i2)
		return i1 < i2 ? -1 : 1;
	return 0;
}

static void
search_goto(struct ui *ui, size_t k, int wrapped)
{
	struct ui_search *s = &ui->search;
	const struct ui_match *m = &s->m[k];

	s->cur = k;
	s->active = 1;
	ui_nav_select_item(ui, m->fw, m->item);
	ui_text_invalidate(ui);
	ui_text_sync(ui);
	ui_text_reveal(ui, m->spart, m->off);
	if (wrapped)
		ui_message(ui, _("Match %zu of %zu for \"%s\" (search wrapped around)"), k + 1, s->nm,
		    s->query);
	else
		ui_message(ui, _("Match %zu of %zu for \"%s\""), k + 1, s->nm, s->query);
}

static void
search_run(struct ui *ui)
{
	struct ui_search *s = &ui->search;
	size_t f, i;
	int on_item;

	free(s->query);
	s->query = text_sanitize(s->buf, s->len, 0);
	s->active = 0;
	s->nm = 0;
	ui_text_invalidate(ui);
	if (s->query == NULL || search_collect(ui) != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	if (s->nm == 0) {
		ui_message(ui, _("No match for \"%s\""), s->query);
		return;
	}
	search_here(ui, &f, &i, &on_item);
	for (size_t k = 0; k < s->nm; k++) {
		if (search_cmp(s->m[k].fw, s->m[k].item, f, i) >= 0) {
			search_goto(ui, k, 0);
			return;
		}
	}
	search_goto(ui, 0, 1);
}

void
ui_search_highlight(struct ui *ui)
{
	struct ui_search *s = &ui->search;

	s->prompt = 0;
	ui_mark(ui, UI_DIRTY_MSG);
	free(s->query);
	s->query = text_sanitize(s->buf, s->len, 0);
	s->nm = s->cur = 0;
	ui_text_invalidate(ui);
	if (s->query == NULL || search_collect(ui) != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	s->active = s->nm > 0;
}

void
ui_search_key(struct ui *ui, int key)
{
	struct ui_search *s = &ui->search;

	ui_mark(ui, UI_DIRTY_MSG);
	if (key == KEYS_ENTER) {
		s->prompt = 0;
		if (s->len > 0)
			search_run(ui);
		return;
	}
	if (key == KEYS_ESC || key == KEYS_CTRL('g')) {
		s->prompt = 0;
		return;
	}
	if (key == KEYS_CTRL('u')) {
		s->len = 0;
		s->buf[0] = '\0';
		return;
	}
	if (key == KEYS_BACKSPACE) {
		if (s->len == 0) {
			s->prompt = 0;
			return;
		}
		/* Back over one UTF-8 character. */
		do
			s->len--;
		while (s->len > 0 && ((unsigned char)s->buf[s->len] & 0xc0) == 0x80);
		s->buf[s->len] = '\0';
		return;
	}
	if (KEYS_IS_FN(key) || key < ' ' || key == 0x7f || (key >= 0x80 && key < 0xa0))
		return;
	{
		char mb[MB_LEN_MAX];
		mbstate_t st;
		size_t n;

		memset(&st, 0, sizeof st);
		n = wcrtomb(mb, (wchar_t)key, &st);
		if (n == (size_t)-1 || s->len + n > UI_SEARCH_MAX)
			return;
		memcpy(s->buf + s->len, mb, n);
		s->len += n;
		s->buf[s->len] = '\0';
	}
}

void
ui_search_step(struct ui *ui, int dir)
{
	struct ui_search *s = &ui->search;
	const struct ui_nav_row *r = ui_nav_current(ui);
	size_t f, i;
	int on_item;

	if (s->query == NULL) {
		ui_message(ui, "%s", _("No search yet; press / to search"));
		return;
	}
	if (s->nm == 0) {
		ui_message(ui, _("No match for \"%s\""), s->query);
		return;
	}
	if (!s->active) {
		s->active = 1;
		ui_text_invalidate(ui);
	}
	search_here(ui, &f, &i, &on_item);
	if (r != NULL && on_item && search_cmp(s->m[s->cur].fw, s->m[s->cur].item, f, i) == 0) {
		/* Still on the current match's item: step through the matches. */
		if (dir > 0)
			search_goto(ui, (s->cur + 1) % s->nm, s->cur + 1 == s->nm);
		else
			search_goto(ui, s->cur == 0 ? s->nm - 1 : s->cur - 1, s->cur == 0);
		return;
	}
	/* Moved elsewhere: the next match after (or the previous before) the selection. */
	if (dir > 0) {
		for (size_t k = 0; k < s->nm; k++)
			if (search_cmp(s->m[k].fw, s->m[k].item, f, i) > 0 ||
			    (!on_item && search_cmp(s->m[k].fw, s->m[k].item, f, i) == 0)) {
				search_goto(ui, k, 0);
				return;
			}
		search_goto(ui, 0, 1);
	} else {
		for (size_t k = s->nm; k-- > 0;)
			if (search_cmp(s->m[k].fw, s->m[k].item, f, i) < 0) {
				search_goto(ui, k, 0);
				return;
			}
		search_goto(ui, s->nm - 1, 1);
	}
}

int
ui_search_clear(struct ui *ui)
{
	if (!ui->search.active)
		return 0;
	ui->search.active = 0;
	ui_text_invalidate(ui);
	ui_message(ui, "%s", _("Search highlight cleared; q again quits"));
	return 1;
}

size_t
ui_search_matches(const struct ui *ui, size_t fw, size_t item, const struct ui_match **first)
{
	const struct ui_search *s = &ui->search;
	size_t lo = 0, hi = s->nm, n = 0;

	*first = NULL;
	if (!s->active || s->nm == 0)
		return 0;
	/* The matches are in catalogue order: binary search for the first one of the item. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (search_cmp(s->m[mid].fw, s->m[mid].item, fw, item) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + n < s->nm && search_cmp(s->m[lo + n].fw, s->m[lo + n].item, fw, item) == 0)
		n++;
	if (n > 0)
		*first = &s->m[lo];
	return n;
}
