/* text.c: strict UTF-8 decoding, sanitising for terminals, display width and word wrapping. */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

#define TEXT_REPLACEMENT 0xFFFDUL

/* The per-character helpers of the hot loops: -Os would call them (a tenth of the summary's
 * instructions went into the calls). */
#define TEXT_HOT static inline __attribute__((always_inline))

unsigned long
text_decode(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;

	*n = 1;
	if (len == 0)
		return TEXT_REPLACEMENT;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xC2)			/* continuation byte, or overlong C0/C1 lead */
		return TEXT_REPLACEMENT;
	if (u[0] < 0xE0) {
		need = 1;
		cp = u[0] & 0x1F;
	} else if (u[0] < 0xF0) {
		need = 2;
		cp = u[0] & 0x0F;
		if (u[0] == 0xE0)
			lo = 0xA0;		/* overlong */
		else if (u[0] == 0xED)
			hi = 0x9F;		/* surrogates */
	} else if (u[0] < 0xF5) {
		need = 3;
		cp = u[0] & 0x07;
		if (u[0] == 0xF0)
			lo = 0x90;		/* overlong */
		else if (u[0] == 0xF4)
			hi = 0x8F;		/* above U+10FFFF */
	} else
		return TEXT_REPLACEMENT;
	if (len <= need)
		return TEXT_REPLACEMENT;	/* truncated */
	for (i = 1; i <= need; i++) {
		if (u[i] < lo || u[i] > hi)
			return TEXT_REPLACEMENT;
		lo = 0x80;
		hi = 0xBF;
		cp = (cp << 6) | (u[i] & 0x3F);
	}
	*n = need + 1;
	return cp;
}

int
text_cp_width(unsigned long cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;               /* printable ASCII: no need to ask the locale */
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/*
 * wcwidth() remembered: the text of a summary asks it for every character outside ASCII, twice
 * (sanitiser and wrapper). The answers for code points below TEXT_WMEMO are kept by blocks of
 * 256, each filled on its first use, and forgotten when the LC_CTYPE locale's name changes
 * (text_wsync, called on entry to the functions that measure whole strings). Two threads may
 * measure at once (text_ready): a block's flag is set after its answers (release, acquire),
 * and two fills of one block write the same answers.
 */
#define TEXT_WMEMO 0x30000UL
#define TEXT_WBLOCK 256
static signed char text_wmemo[TEXT_WMEMO];
static unsigned char text_wfilled[TEXT_WMEMO / TEXT_WBLOCK];
static char text_wlocale[64];

static void
text_wsync(void)
{
	const char *l = setlocale(LC_CTYPE, NULL);

	if (l == NULL)
		l = "";
	if (strncmp(l, text_wlocale, sizeof text_wlocale) == 0 && strlen(l) < sizeof text_wlocale)
		return;
	memset(text_wfilled, 0, sizeof text_wfilled);
	/* A name too long to keep: the memo is refilled on every call. */
	snprintf(text_wlocale, sizeof text_wlocale, "%s", l);
}

void
text_ready(void)
{
	text_wsync();
}

/* Fill the memo's block of CP and return wcwidth(CP). */
static int
text_wcw_fill(unsigned long cp)
{
	size_t b = cp / TEXT_WBLOCK, k;

	if (cp >= TEXT_WMEMO)
		return wcwidth((wchar_t)cp);
	for (k = 0; k < TEXT_WBLOCK; k++)
		__atomic_store_n(&text_wmemo[b * TEXT_WBLOCK + k],
		    (signed char)wcwidth((wchar_t)(b * TEXT_WBLOCK + k)), __ATOMIC_RELAXED);
	__atomic_store_n(&text_wfilled[b], 1, __ATOMIC_RELEASE);
	return __atomic_load_n(&text_wmemo[cp], __ATOMIC_RELAXED);
}

/* wcwidth(CP) through the memo (text_wsync first). */
TEXT_HOT int
text_wcw(unsigned long cp)
{
	if (cp < TEXT_WMEMO && __atomic_load_n(&text_wfilled[cp / TEXT_WBLOCK], __ATOMIC_ACQUIRE))
		return __atomic_load_n(&text_wmemo[cp], __ATOMIC_RELAXED);
	return text_wcw_fill(cp);
}

/* text_cp_width through the memo. */
TEXT_HOT int
text_cpw(unsigned long cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x7F)
		return 1;
	w = text_wcw(cp);
	return w < 0 ? 1 : w;
}

/* Valid two- and three-byte UTF-8 at U[I] (LEN > I): its code point and *N its bytes; 0 when it
 * is neither (then the strict decoder decides). */
TEXT_HOT unsigned long
text_dec23(const unsigned char *u, size_t len, size_t i, size_t *n)
{
	unsigned char c = u[i], lo = 0x80, hi = 0xBF;

	if (c >= 0xC2 && c < 0xE0) {
		if (i + 1 >= len || (u[i + 1] & 0xC0) != 0x80)
			return 0;
		*n = 2;
		return ((unsigned long)(c & 0x1F) << 6) | (u[i + 1] & 0x3F);
	}
	if (c < 0xE0 || c >= 0xF0 || i + 2 >= len)
		return 0;
	if (c == 0xE0)
		lo = 0xA0;		/* overlong */
	else if (c == 0xED)
		hi = 0x9F;		/* surrogates */
	if (u[i + 1] < lo || u[i + 1] > hi || (u[i + 2] & 0xC0) != 0x80)
		return 0;
	*n = 3;
	return ((unsigned long)(c & 0x0F) << 12) | ((unsigned long)(u[i + 1] & 0x3F) << 6) |
	    (u[i + 2] & 0x3F);
}

/* text_decode of S (LEN > 0), the valid characters of one to three bytes without the call
 * (the others through it). */
TEXT_HOT unsigned long
text_dec(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;

	if (u[0] < 0x80) {
		*n = 1;
		return u[0];
	}
	if ((cp = text_dec23(u, len, 0, n)) != 0)
		return cp;
	return text_decode(s, len, n);
}

/* A printable ASCII byte (U+0020..U+007E). */
#define TEXT_PRINT(c) ((unsigned char)(c) >= 0x20 && (unsigned char)(c) < 0x7F)

/* Characters dropped by the sanitiser whatever wcwidth() says. */
static int
text_is_banned(unsigned long cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) ||	/* bidi embeddings and overrides */
	    (cp >= 0x2066 && cp <= 0x2069) ||	/* bidi isolates */
	    (cp >= 0x206A && cp <= 0x206F) ||	/* deprecated format characters */
	    cp == 0xFEFF ||			/* BOM, zero width no-break space */
	    (cp >= 0xFFF9 && cp <= 0xFFFB);	/* interlinear annotation */
}

static size_t
text_encode(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * The end of the run at S[I] that text_sanitize keeps as it is: printable ASCII, and valid
 * two- and three-byte characters that are neither controls, nor dropped, nor a line break,
 * with their combining marks while *HAVE_BASE and *MARKS allow them (both updated). Mixed
 * text (a Cyrillic or Arabic word between ASCII spaces) goes through here without the
 * per-character decisions below it.
 */
TEXT_HOT size_t
text_sanitize_run(const char *s, size_t len, size_t i, int *have_base, int *marks)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;
	size_t n;
	int w;

	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7F) {
			*have_base = 1;
			*marks = 0;
			i++;
			continue;
		}
		if ((cp = text_dec23(u, len, i, &n)) < 0xA0 || cp == 0x061C ||
		    (cp >= 0x2000 && cp <= 0x206F) || cp >= 0xFEFF)
			break;          /* C1, bidi and other format controls, U+2028/9, BOM... */
		if ((w = text_wcw(cp)) < 0)
			break;
		if (w == 0) {
			if (!*have_base || *marks >= TEXT_MAX_MARKS)
				break;
			++*marks;
		} else {
			*have_base = 1;
			*marks = 0;
		}
		i += n;
	}
	return i;
}

char *
text_sanitize(const char *s, size_t len, unsigned flags)
{
	char *out;
	size_t cap, o = 0, i = 0, n, j;
	unsigned long cp;
	int w, have_base = 0, marks = 0;

	if (s == NULL)
		len = 0;
	/* Valid input never grows; each invalid byte grows to 3 bytes. */
	if (len > (SIZE_MAX - 16) / 3)
		return NULL;
	cap = len + 16;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	text_wsync();
	while (i < len) {
		/* A run of printable ASCII, the common case, copied as it is (found eight bytes
		 * at a time: none below 0x20, none above 0x7E). */
		for (j = i; j + 8 <= len; j += 8) {
			uint64_t x;

			memcpy(&x, s + j, 8);
			if ((((x - 0x2020202020202020ULL) & ~x) |
			    ((x + 0x0101010101010101ULL) | x)) & 0x8080808080808080ULL)
				break;
		}
		while (j < len && TEXT_PRINT(s[j]))
			j++;
		if (j > i) {
			n = j - i;
			if (o + n + 8 > cap) {
				/* Only after invalid bytes (which grow): room for the rest. */
				size_t ncap = o + (len - i) * 3 + 16;
				char *p;

				if ((p = realloc(out, ncap)) == NULL) {
					free(out);
					return NULL;
				}
				out = p;
				cap = ncap;
			}
			memcpy(out + o, s + i, n);
			o += n;
			i = j;
			have_base = 1;
			marks = 0;
			continue;
		}
		/* (A run never grows: room for all of the rest is room for it.) */
		if (o + (len - i) + 8 <= cap &&
		    (j = text_sanitize_run(s, len, i, &have_base, &marks)) > i) {
			memcpy(out + o, s + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (o + 8 > cap) {
			size_t ncap = cap * 2;
			char *p;

			if (ncap < cap || (p = realloc(out, ncap)) == NULL) {
				free(out);
				return NULL;
			}
			out = p;
			cap = ncap;
		}
		cp = text_dec(s + i, len - i, &n);
		i += n;
		if (cp == '\t') {
			cp = ' ';
		} else if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
			if (flags & TEXT_KEEP_NEWLINES) {
				out[o++] = '\n';
				have_base = 0;
				marks = 0;
				continue;
			}
			cp = ' ';
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || text_is_banned(cp))
			continue;
		if (cp == TEXT_REPLACEMENT || cp < 0x7F)
			w = 1;			/* ASCII, or shown even where the locale does not know it */
		else if ((w = text_wcw(cp)) < 0)
			continue;
		if (w == 0) {
			if (!have_base || marks >= TEXT_MAX_MARKS)
				continue;
			marks++;
		} else {
			have_base = 1;
			marks = 0;
		}
		if (n > 1 && cp >= 0x80) {
			/* Decoded strictly: its bytes are its encoding. */
			for (j = i - n; j < i; j++)
				out[o++] = s[j];
		} else
			o += text_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

/* The character after a cluster, decoded and measured while looking for marks: the next
 * cluster of the same string starts with it (AT its offset; SIZE_MAX when none). */
struct text_ahead {
	size_t at, n;
	unsigned long cp;
	int width;
};

/* One character at S[I] with the zero-width characters that follow it (but not '\n'); returns
 * its length in bytes, *WIDTH its columns, *BASE its first code point. AHEAD (or NULL) carries
 * the character after it to the next call on the same string. */
TEXT_HOT size_t
text_cluster_ahead(const char *s, size_t len, size_t i, int *width, unsigned long *base,
    struct text_ahead *ahead)
{
	size_t start = i, n;
	unsigned long cp;
	int w;
	unsigned char c = (unsigned char)s[i], next = i + 1 < len ? (unsigned char)s[i + 1] : ' ';

	if (c >= 0x20 && c < 0x7F && ((next >= 0x20 && next < 0x7F) || next == '\n')) {
		/* Printable ASCII followed by printable ASCII or '\n': a cluster of one. */
		*base = c;
		*width = 1;
		return 1;
	}
	if (ahead != NULL && ahead->at == i) {
		*base = ahead->cp;
		*width = ahead->width;
		n = ahead->n;
	} else {
		*base = text_dec(s + i, len - i, &n);
		*width = text_cpw(*base);
	}
	i += n;
	if (*base == '\n')
		return n;
	/* Followed by the end, printable ASCII or '\n' (the common case after a letter outside
	 * ASCII): no mark follows, and no need to decode it nor ask its width. */
	if (i >= len || ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) || s[i] == '\n')
		return n;
	while (i < len) {
		cp = text_dec(s + i, len - i, &n);
		if (cp == '\n' || (w = text_cpw(cp)) != 0) {
			if (ahead != NULL) {
				ahead->at = i;
				ahead->n = n;
				ahead->cp = cp;
				ahead->width = cp == '\n' ? 0 : w;
			}
			break;
		}
		i += n;
	}
	return i - start;
}

static size_t
text_cluster(const char *s, size_t len, size_t i, int *width, unsigned long *base)
{
	return text_cluster_ahead(s, len, i, width, base, NULL);
}

int
text_width(const char *s, size_t len)
{
	size_t i = 0, n;
	int w = 0, cw;

	text_wsync();
	while (i < len) {
		if (TEXT_PRINT(s[i]) && w < INT_MAX) {
			w++;
			i++;
			continue;
		}
		cw = text_cpw(text_dec(s + i, len - i, &n));
		if (cw > INT_MAX - w)
			return INT_MAX;
		w += cw;
		i += n;
	}
	return w;
}

size_t
text_fit(const char *s, size_t len, int cols, int *used)
{
	size_t i = 0, n;
	int w = 0, cw;
	unsigned long base;

	if (cols < 0)
		cols = 0;
	text_wsync();
	while (i < len) {
		n = text_cluster(s, len, i, &cw, &base);
		if (cw > cols - w)
			break;
		w += cw;
		i += n;
	}
	if (used != NULL)
		*used = w;
	return i;
}

size_t
text_fit_tail(const char *s, size_t len, int cols, int *used)
{
	size_t i = 0, n;
	int w = text_width(s, len), cw;
	unsigned long base;

	if (cols < 0)
		cols = 0;
	while (w > cols && i < len) {
		n = text_cluster(s, len, i, &cw, &base);
		w -= cw;
		i += n;
	}
	if (used != NULL)
		*used = w;
	return i;
}

/* Line-breaking rules for Chinese and Japanese (kinsoku shori, JIS X 4051; UAX #14 classes CL,
 * CP, EX, IS, NS): characters no line may start with (closing brackets and quotes, the
 * ideographic comma and full stop, small kana, the prolonged sound mark...)... */
static const unsigned short text_no_start_cp[] = {
	0x2019, 0x201D, 0x2025, 0x2026, 0x3001, 0x3002, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F,
	0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301C, 0x301E, 0x301F, 0x303B, 0x3041, 0x3043,
	0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x309D,
	0x309E, 0x30A0, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7,
	0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0xFE50, 0xFE51, 0xFE52, 0xFE54,
	0xFE55, 0xFE56, 0xFE57, 0xFE5A, 0xFE5C, 0xFE5E, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A,
	0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64,
};
/* ...and characters no line may end with (opening brackets and quotes). */
static const unsigned short text_no_end_cp[] = {
	0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A,
	0x301D, 0xFE59, 0xFE5B, 0xFE5D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62,
};

static int
text_cp_cmp(const void *a, const void *b)
{
	return (int)*(const unsigned short *)a - (int)*(const unsigned short *)b;
}

static int
text_in(const unsigned short *set, size_t n, unsigned long cp)
{
	unsigned short k = (unsigned short)cp;

	/* Both sets lie in U+2018..U+2026, U+3001..U+30FE and U+FE50..U+FF64: most characters
	 * (ideographs, letters) are outside without a search. */
	if (cp < 0x2018 || (cp > 0x2026 && cp < 0x3001) || (cp > 0x30FE && cp < 0xFE50) ||
	    cp > 0xFF64)
		return 0;
	return bsearch(&k, set, n, sizeof *set, text_cp_cmp) != NULL;
}

int
text_no_line_start(unsigned long cp)
{
	return text_in(text_no_start_cp, sizeof text_no_start_cp / sizeof text_no_start_cp[0], cp);
}

int
text_no_line_end(unsigned long cp)
{
	return text_in(text_no_end_cp, sizeof text_no_end_cp / sizeof text_no_end_cp[0], cp);
}

struct text_wrapper {
	struct text_line *v;
	size_t n, cap;
	int failed;
};

static void
text_emit(struct text_wrapper *tw, size_t off, size_t len, int width)
{
	if (tw->failed)
		return;
	if (tw->n == tw->cap) {
		size_t ncap = tw->cap ? tw->cap * 2 : 16;
		struct text_line *p;

		if (ncap > SIZE_MAX / sizeof(*p) ||
		    (p = realloc(tw->v, ncap * sizeof(*p))) == NULL) {
			tw->failed = 1;
			return;
		}
		tw->v = p;
		tw->cap = ncap;
	}
	tw->v[tw->n].off = off;
	tw->v[tw->n].len = len;
	tw->v[tw->n].width = width;
	tw->n++;
}

/* What text_word found: the clusters of one column from the start to END, WIDTH of them, the
 * last starting at LAST with BASE. */
struct text_word {
	size_t end, width, last;
	unsigned long base;
};

/*
 * The longest run of S from I of at most ROOM clusters of one column each (printable ASCII
 * but the space, valid two- and three-byte characters of one column, each with the combining
 * marks after it) that text_cluster_ahead would measure the same way. It ends at the end, at
 * a space or a newline, at the ROOM limit, before a wide character, or one cluster before
 * anything else (a control, an invalid byte, a four-byte character: the cluster before it
 * may go on with it). Returns 0 when the run is empty.
 */
TEXT_HOT int
text_word(const char *s, size_t len, size_t i, size_t room, struct text_word *wd)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i, k, n, ww = 0, last = SIZE_MAX, plast = SIZE_MAX, stop;
	unsigned long cp, lb = 0, plb = 0;
	int bad = 0, w;

	for (;;) {
		/* Printable ASCII but the space, as far as the room allows. */
		stop = room - ww < len - j ? j + (room - ww) : len;
		for (k = j; k < stop && (unsigned char)(u[k] - 0x21) < 0x5E; k++)
			;
		if (k > j) {
			plast = k - j >= 2 ? k - 2 : last;
			plb = k - j >= 2 ? u[k - 2] : lb;
			last = k - 1;
			lb = u[k - 1];
			ww += k - j;
			j = k;
		}
		/* Characters outside ASCII. */
		while (j < len && u[j] >= 0x80) {
			if ((cp = text_dec23(u, len, j, &n)) < 0xA0) {
				bad = 1;        /* invalid, four bytes, C1 */
				goto out;
			}
			if ((w = text_cpw(cp)) >= 2)
				goto out;       /* the cluster before it is complete */
			if (w == 0) {
				if (last == SIZE_MAX) {
					bad = 1;
					goto out;
				}
				j += n;         /* a mark of the cluster before */
				continue;
			}
			if (ww == room)
				goto out;
			plast = last;
			plb = lb;
			last = j;
			lb = cp;
			ww++;
			j += n;
		}
		if (j >= len || u[j] == ' ' || u[j] == '\n')
			break;
		if (u[j] < 0x21 || u[j] == 0x7F) {
			bad = 1;                /* a control: the cluster before may go on */
			break;
		}
		if (ww == room)
			break;
	}
out:
	if (bad && last != SIZE_MAX) {
		j = last;
		ww--;
		last = plast;
		lb = plb;
	}
	if (ww == 0)
		return 0;
	wd->end = j;
	wd->width = ww;
	wd->last = last;
	wd->base = lb;
	return 1;
}

/* A space at S[I] followed by a character that starts a word and is no mark. */
TEXT_HOT int
text_lone_space(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;
	size_t n;

	if (i + 1 >= len || u[i] != ' ')
		return 0;
	if (u[i + 1] > 0x20 && u[i + 1] < 0x7F)
		return 1;
	return u[i + 1] >= 0xC2 && (cp = text_dec23(u, len, i + 1, &n)) >= 0xA0 &&
	    text_cpw(cp) == 1;
}

/*
 * Greedy wrapping in one pass. The current line starts at START and is WIDTH columns wide so
 * far, trailing spaces included; its content without trailing spaces ends at CEND (CW
 * columns). The latest break opportunity ends the line at BEND (BW columns) and starts the
 * next one at BNEXT, where the current line is BNW columns wide. LIM is the current line's
 * limit: FIRST for the first line, COLS after it.
 */
size_t
text_wrap_first(const char *s, size_t len, int first, int cols, struct text_line **lines)
{
	struct text_wrapper tw = { NULL, 0, 0, 0 };
	struct text_ahead ahead = { SIZE_MAX, 0, 0, 0 };
	size_t i = 0, n, start = 0, cend = 0, bend = 0, bnext = 0, pstart = 0;
	int width = 0, cw = 0, bw = 0, bnw = 0, w, lim, pwb = 0;
	int has_brk = 0, skip = 0, prev_wide = 0, rescan, prev = 0;
	unsigned long base, pbase = 0;

	*lines = NULL;
	if (s == NULL)
		len = 0;
	if (cols < 1)
		cols = 1;
	lim = first < 1 ? 1 : first;
	text_wsync();
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (((c > 0x20 && c < 0x7F) || c >= 0xC2) && lim - width > 0) {
			/* A word of narrow characters (printable ASCII, valid two- and three-byte
			 * characters of one column, with their combining marks): as much of it as
			 * fits goes onto the line at once, as the loop below would put it there a
			 * cluster at a time. */
			struct text_word wd;
			int took = 0;

			while (text_word(s, len, i, (size_t)(lim - width), &wd)) {
				took = 1;
				skip = 0;
				width += (int)wd.width;
				cend = wd.end;
				cw = width;
				prev_wide = 0;
				prev = 1;
				pstart = wd.last;
				pwb = width - 1;
				pbase = wd.base;
				i = wd.end;
				/* A space after it that fits, and is a cluster of one (no mark follows
				 * it), then the next word: the space branch below, inline. */
				if (lim - width < 1 || !text_lone_space(s, len, i))
					break;
				bend = cend;
				bw = cw;
				width++;
				bnext = ++i;
				bnw = width;
				has_brk = 1;
				prev_wide = prev = 0;
				if (lim - width < 1)
					break;
			}
			if (took)
				continue;
		}
		if (c >= 0xE1 && c < 0xF0 && lim - width >= 2) {
			/* A run of wide characters with no marks after them (Chinese, Japanese),
			 * each as the loop below lays it out when it fits: a break opportunity
			 * before it after another wide one, unless a closing mark follows or an
			 * opening one precedes. */
			const unsigned char *u = (const unsigned char *)s;
			size_t j = i, k;
			unsigned long cp, nx;
			int took = 0;

			while (lim - width >= 2 && (cp = text_dec23(u, len, j, &k)) >= 0xA0 &&
			    k == 3 && cp != 0x3000 && text_cpw(cp) == 2) {
				if (j + 3 < len && (u[j + 3] < 0x80 ? !TEXT_PRINT(u[j + 3]) &&
				    u[j + 3] != '\n' : (nx = text_dec23(u, len, j + 3, &k)) < 0xA0 ||
				    text_cpw(nx) == 0))
					break;  /* a mark or a control may follow: the loop */
				if (prev_wide && !text_no_line_start(cp) && !text_no_line_end(pbase)) {
					bend = bnext = j;
					bw = bnw = width;
					has_brk = 1;
				}
				skip = 0;
				width += 2;
				cend = j + 3;
				cw = width;
				prev_wide = prev = 1;
				pstart = j;
				pwb = width - 2;
				pbase = cp;
				j += 3;
				took = 1;
			}
			if (took) {
				i = j;
				continue;
			}
		}
		if (TEXT_PRINT(c) && (i + 1 >= len || TEXT_PRINT(s[i + 1]) || s[i + 1] == '\n')) {
			n = 1;          /* text_cluster_ahead's first case, without the call */
			w = 1;
			base = c;
		} else
			n = text_cluster_ahead(s, len, i, &w, &base, &ahead);
		rescan = 0;
		if (base == '\n') {
			/* After a soft break and nothing but spaces, the line is already out. */
			if (!skip)
				text_emit(&tw, start, cend - start, cw);
			start = cend = i + n;
			width = cw = 0;
			has_brk = skip = prev_wide = prev = 0;
			lim = cols;
		} else if ((base == ' ' && n == 1) || (base == 0x3000 && n == 3)) {
			prev_wide = prev = 0;
			if (skip) {
				start = cend = i + n;
			} else if (w > lim - width) {
				/* The space does not fit: break here and drop it. */
				text_emit(&tw, start, cend - start, cw);
				start = cend = i + n;
				width = cw = 0;
				has_brk = 0;
				skip = 1;
				lim = cols;
			} else {
				bend = cend;
				bw = cw;
				width += w;
				bnext = i + n;
				bnw = width;
				/* Indentation alone is no place to break. */
				has_brk = cend > start;
			}
		} else {
			skip = 0;
			if (prev_wide && w >= 2 && !text_no_line_start(base) &&
			    !text_no_line_end(pbase)) {
				/* Between two wide characters (not before a closing mark nor after
				 * an opening one). */
				bend = bnext = i;
				bw = bnw = width;
				has_brk = 1;
			}
			for (;;) {
				if (w <= lim - width || width == 0) {
					/* Fits, or is alone on its line and wider than it. */
					width += w;
					cend = i + n;
					cw = width;
					break;
				}
				if (has_brk) {
					text_emit(&tw, start, bend - start, bw);
					start = bnext;
					has_brk = 0;
					if (lim != cols) {
						/* The limit changes after the first line: lay the
						 * carried-over part out again (happens once). */
						lim = cols;
						rescan = 1;
						break;
					}
					width -= bnw;
					if (cend <= start) {
						cend = start;
						cw = 0;
					} else
						cw -= bnw;
				} else if (prev && pstart > start && cend == i &&
				    (text_no_line_start(base) || text_no_line_end(pbase))) {
					/* No break is allowed here: the character before comes
					 * along, so no line starts with a closing mark. */
					text_emit(&tw, start, pstart - start, pwb);
					start = pstart;
					width = cw = width - pwb;
					lim = cols;
					prev = 0;
				} else {
					/* Hard break inside a word. */
					text_emit(&tw, start, cend - start, cw);
					start = cend = i;
					width = cw = 0;
					lim = cols;
				}
			}
			prev_wide = w >= 2;
			prev = 1;
			pstart = i;
			pwb = width - w;
			pbase = base;
		}
		if (rescan) {
			i = cend = start;
			width = cw = 0;
			prev_wide = prev = 0;
			continue;
		}
		i += n;
	}
	if (!(skip && tw.n > 0 && start == len))
		text_emit(&tw, start, cend - start, cw);
	if (tw.failed) {
		free(tw.v);
		return 0;
	}
	*lines = tw.v;
	return tw.n;
}

size_t
text_wrap(const char *s, size_t len, int cols, struct text_line **lines)
{
	return text_wrap_first(s, len, cols, cols, lines);
}

/* The ellipsis that ends cut text: "\u2026", or "~" where the terminal is not UTF-8. */
static const char *text_more = "\xE2\x80\xA6";

void
text_set_ascii(int ascii)
{
	text_more = ascii ? "~" : "\xE2\x80\xA6";
}

char *
text_ellipsize(const char *s, size_t len, int cols)
{
	size_t n;
	char *out;

	if (cols < 1 || len == 0)
		return strdup("");
	n = text_fit(s, len, cols, NULL);
	if (n < len)
		n = text_fit(s, len, cols - 1, NULL);
	if ((out = malloc(n + 4)) == NULL)
		return NULL;
	memcpy(out, s, n);
	if (n < len)
		memcpy(out + n, text_more, strlen(text_more)), n += strlen(text_more);
	out[n] = '\0';
	return out;
}

char *
text_pad(const char *s, size_t len, int cols)
{
	size_t n;
	int used;
	char *out;

	if (cols < 1)
		return strdup("");
	if (len == 0)
		s = "";
	n = text_fit(s, len, cols, &used);
	if (n < len)
		n = text_fit(s, len, cols - 1, &used);
	if ((out = malloc(n + 3 + (size_t)cols + 1)) == NULL)
		return NULL;
	memcpy(out, s, n);
	if (n < len) {
		memcpy(out + n, text_more, strlen(text_more));
		n += strlen(text_more);
		used++;
	}
	while (used < cols) {
		out[n++] = ' ';
		used++;
	}
	out[n] = '\0';
	return out;
}
