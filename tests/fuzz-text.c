/* fuzz-text.c: libFuzzer target for the sanitiser, widths, fitting and wrapping of text.c. */
/*
 * Not built by default: run tests/fuzz.sh. By hand, from a configured build directory:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I$(top_srcdir)/src -I. \
 *       $(top_srcdir)/tests/fuzz-text.c $(top_srcdir)/src/text.c -o fuzz-text
 *   mkdir -p corpus && ./fuzz-text -max_total_time=60 -max_len=4096 corpus
 *
 * The first two input bytes choose the flags and the wrap widths; the rest is the text. Any crash,
 * sanitizer report or abort() below is a bug: sanitised output must be valid UTF-8 without
 * ESC, C0 (but '\n' when kept), DEL, C1, bidi controls or BOM, and must be stable under a
 * second sanitising; wrapped lines must be in order, never wider than the line (except a single
 * character wider than it), and only spaces and newlines may fall between them.
 */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fuzz_forbidden(unsigned long cp, unsigned flags)
{
	if (cp == '\n')
		return !(flags & TEXT_KEEP_NEWLINES);
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
	    cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xFEFF;
}

static void
fuzz_check_safe(const char *s, size_t len, unsigned flags)
{
	size_t i = 0, n;

	while (i < len) {
		unsigned long cp = text_decode(s + i, len - i, &n);

		/* A U+FFFD that was not written as EF BF BD means an invalid byte got through. */
		if (cp == 0xFFFD && (n != 3 || memcmp(s + i, "\xEF\xBF\xBD", 3) != 0))
			abort();
		if (fuzz_forbidden(cp, flags))
			abort();
		i += n;
	}
}

static int
fuzz_space(const char *s, size_t len, size_t i, size_t *n)
{
	if (s[i] == ' ' || s[i] == '\n') {
		*n = 1;
		return 1;
	}
	if (len - i >= 3 && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {
		*n = 3;
		return 1;
	}
	return 0;
}

static void
fuzz_check_wrap(const char *s, size_t len, int first, int cols)
{
	struct text_line *lines;
	size_t n, k, pos = 0, sp = 0;
	int eff, used;

	n = first == cols ? text_wrap(s, len, cols, &lines) :
	    text_wrap_first(s, len, first, cols, &lines);
	if (n == 0)
		abort();
	for (k = 0; k < n; k++) {
		eff = k == 0 ? first : cols;
		if (eff < 1)
			eff = 1;
		if (lines[k].off < pos || lines[k].off + lines[k].len > len)
			abort();
		while (pos < lines[k].off) {
			if (!fuzz_space(s, len, pos, &sp))
				abort();
			pos += sp;
		}
		if (pos != lines[k].off)
			abort();
		if (lines[k].width != text_width(s + lines[k].off, lines[k].len))
			abort();
		if (lines[k].width > eff) {
			/* Only one visible character, wider than the whole line. */
			text_fit(s + lines[k].off, lines[k].len, lines[k].width - 1, &used);
			if (used != 0)
				abort();
		}
		pos = lines[k].off + lines[k].len;
	}
	while (pos < len) {
		if (!fuzz_space(s, len, pos, &sp))
			abort();
		pos += sp;
	}
	free(lines);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	unsigned flags;
	int cols, first, used;
	const char *s;
	char *o, *again, *e;
	size_t len, olen, fit;

	if (!ready) {
		if (setlocale(LC_ALL, "C.UTF-8") == NULL)
			abort();
		ready = 1;
	}
	if (size < 2)
		return 0;
	flags = data[0] & 1 ? TEXT_KEEP_NEWLINES : 0;
	cols = (int)(data[0] >> 1) - 4;
	first = data[1] & 0x80 ? cols : (int)data[1] - 4;
	s = (const char *)data + 2;
	len = size - 2;

	if ((o = text_sanitize(s, len, flags)) == NULL)
		abort();
	olen = strlen(o);
	fuzz_check_safe(o, olen, flags);
	if ((again = text_sanitize(o, olen, flags)) == NULL || strcmp(again, o) != 0)
		abort();
	free(again);

	fuzz_check_wrap(o, olen, first, cols);
	fuzz_check_wrap(s, len, first, cols);	/* raw bytes: no crash, same invariants */

	fit = text_fit(o, olen, cols, &used);
	if (fit > olen || used > (cols < 0 ? 0 : cols) || used != text_width(o, fit))
		abort();
	fit = text_fit_tail(o, olen, cols, &used);
	if (fit > olen || used > (cols < 0 ? 0 : cols) || used != text_width(o + fit, olen - fit))
		abort();
	if ((e = text_pad(o, olen, cols)) == NULL)
		abort();
	if (text_width(e, strlen(e)) != (cols < 1 ? 0 : cols))
		abort();
	free(e);
	if ((e = text_ellipsize(o, olen, cols)) == NULL)
		abort();
	if (text_width(e, strlen(e)) > (cols < 1 ? 0 : cols))
		abort();
	free(e);
	free(o);
	return 0;
}
