/* test-text.c: unit and property tests for the UTF-8 sanitiser, widths and word wrapping. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

/* --- helpers ----------------------------------------------------------------------------- */

static char *
san(const char *s, size_t len, unsigned flags)
{
	char *out = text_sanitize(s, len, flags);

	assert_non_null(out);
	return out;
}

#define SAN_EQ(in, flags, expect) do {					\
	char *o_ = san((in), sizeof(in) - 1, (flags));			\
	assert_string_equal(o_, (expect));				\
	free(o_);							\
} while (0)

/*
 * Independent strict UTF-8 check (the well-formed byte sequences of Unicode table 3-7):
 * returns the number of code points, or -1 if S is not well-formed. Each code point is
 * passed to CHECK, which returns 0 to reject it.
 */
static long
utf8_scan(const unsigned char *s, size_t len, int (*check)(unsigned long))
{
	size_t i = 0;
	long count = 0;

	while (i < len) {
		unsigned char b = s[i];
		unsigned long cp;
		size_t n, k;
		unsigned char lo = 0x80, hi = 0xBF;

		if (b <= 0x7F) {
			n = 1;
			cp = b;
		} else if (b >= 0xC2 && b <= 0xDF) {
			n = 2;
			cp = b & 0x1F;
		} else if (b >= 0xE0 && b <= 0xEF) {
			n = 3;
			cp = b & 0x0F;
			if (b == 0xE0)
				lo = 0xA0;
			if (b == 0xED)
				hi = 0x9F;
		} else if (b >= 0xF0 && b <= 0xF4) {
			n = 4;
			cp = b & 0x07;
			if (b == 0xF0)
				lo = 0x90;
			if (b == 0xF4)
				hi = 0x8F;
		} else
			return -1;
		if (i + n > len)
			return -1;
		for (k = 1; k < n; k++) {
			if (s[i + k] < lo || s[i + k] > hi)
				return -1;
			lo = 0x80;
			hi = 0xBF;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (check != NULL && !check(cp))
			return -1;
		i += n;
		count++;
	}
	return count;
}

static int
forbidden(unsigned long cp, int keep_newlines)
{
	if (cp == '\n')
		return !keep_newlines;
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
	    cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029;
}

static int
allowed_one_line(unsigned long cp)
{
	return !forbidden(cp, 0);
}

static int
allowed_multi_line(unsigned long cp)
{
	return !forbidden(cp, 1);
}

static void
assert_safe(const char *out, unsigned flags)
{
	size_t len = strlen(out);

	assert_true(utf8_scan((const unsigned char *)out, len,
	    (flags & TEXT_KEEP_NEWLINES) ? allowed_multi_line : allowed_one_line) >= 0);
	assert_null(memchr(out, 0x1B, len));
}

/* Wrap S and return its lines joined by '|' (a malloc'd string), checking each line's width. */
static char *
wrap_join(const char *s, int cols)
{
	struct text_line *lines;
	size_t n, i, len = strlen(s), cap = 2 * len + 64, o = 0;
	char *out = malloc(cap);

	assert_non_null(out);
	n = text_wrap(s, len, cols, &lines);
	assert_true(n >= 1);
	assert_non_null(lines);
	for (i = 0; i < n; i++) {
		assert_true(lines[i].off + lines[i].len <= len);
		assert_int_equal(lines[i].width, text_width(s + lines[i].off, lines[i].len));
		if (i > 0)
			out[o++] = '|';
		assert_true(o + lines[i].len + 2 < cap);
		memcpy(out + o, s + lines[i].off, lines[i].len);
		o += lines[i].len;
	}
	out[o] = '\0';
	free(lines);
	return out;
}

#define WRAP_EQ(in, cols, expect) do {					\
	char *w_ = wrap_join((in), (cols));				\
	assert_string_equal(w_, (expect));				\
	free(w_);							\
} while (0)

/* --- decoding and sanitising ------------------------------------------------------------- */

static void
decode__accepts__boundary_code_points(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		unsigned long cp;
	} cases[] = {
		{ "\x7F", 1, 0x7F }, { "\xC2\x80", 2, 0x80 }, { "\xDF\xBF", 2, 0x7FF },
		{ "\xE0\xA0\x80", 3, 0x800 }, { "\xED\x9F\xBF", 3, 0xD7FF },
		{ "\xEE\x80\x80", 3, 0xE000 }, { "\xEF\xBF\xBF", 3, 0xFFFF },
		{ "\xF0\x90\x80\x80", 4, 0x10000 }, { "\xF4\x8F\xBF\xBF", 4, 0x10FFFF },
	};
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(text_decode(cases[i].s, strlen(cases[i].s), &n), cases[i].cp);
		assert_int_equal(n, cases[i].n);
	}
}

static void
decode__rejects__malformed_sequences_one_byte_at_a_time(void **state)
{
	static const char *bad[] = {
		"\x80", "\xBF", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF",
		"\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF",
		"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFE", "\xFF", "\xE2\x82", "\xF0\x9F\x98",
		"\xE2\x41\x41",
	};
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(text_decode(bad[i], strlen(bad[i]), &n), 0xFFFD);
		assert_int_equal(n, 1);
	}
}

static void
sanitize__drops__escape_sequences(void **state)
{
	(void)state;
	SAN_EQ("a\x1b[2Jb\x1b[31mred\x1b[0m", 0, "a[2Jb[31mred[0m");
	SAN_EQ("\x1b" "c\x1b(0x", 0, "c(0x");
}

static void
sanitize__drops__osc52_sequences(void **state)
{
	char *o;
	static const char osc[] = "x\x1b]52;c;ZWNobyBwd25lZA==\x07y\x1b]52;c;QQ==\x1b\\z";

	(void)state;
	o = san(osc, sizeof(osc) - 1, TEXT_KEEP_NEWLINES);
	assert_null(strchr(o, 0x1B));
	assert_null(strchr(o, 0x07));
	assert_string_equal(o, "x]52;c;ZWNobyBwd25lZA==y]52;c;QQ==\\z");
	free(o);
}

static void
sanitize__drops__c1_controls_in_utf8_form(void **state)
{
	(void)state;
	/* CSI, NEL, OSC, ST, APC as two-byte UTF-8. */
	SAN_EQ("a\xC2\x9B" "2Jb\xC2\x85" "c\xC2\x9D" "52\xC2\x9C" "d\xC2\x9F" "e\xC2\x80\xC2\xA0",
	    TEXT_KEEP_NEWLINES, "a2Jbc52de\xC2\xA0");
}

static void
sanitize__replaces__raw_c1_bytes(void **state)
{
	(void)state;
	/* A lone 0x9B is not UTF-8: it becomes U+FFFD and can no longer act as CSI. */
	SAN_EQ("a\x9B" "2J", 0, "a\xEF\xBF\xBD" "2J");
}

static void
sanitize__drops__bidi_controls(void **state)
{
	(void)state;
	SAN_EQ("a\xE2\x80\x8E" "b\xE2\x80\x8F" "c\xE2\x80\xAA" "d\xE2\x80\xAB" "e\xE2\x80\xAC"
	    "f\xE2\x80\xAD" "g\xE2\x80\xAE" "h\xE2\x81\xA6" "i\xE2\x81\xA7" "j\xE2\x81\xA8"
	    "k\xE2\x81\xA9" "l\xD8\x9C" "m", 0, "abcdefghijklm");
	/* The "Trojan Source" pattern: RLO inside a comment-like string. */
	SAN_EQ("/* \xE2\x80\xAE } \xE2\x81\xA6 if (admin) \xE2\x81\xA9 \xE2\x81\xA6 */", 0,
	    "/*  }  if (admin)   */");
}

static void
sanitize__drops__byte_order_mark(void **state)
{
	(void)state;
	SAN_EQ("\xEF\xBB\xBFtitle\xEF\xBB\xBF", 0, "title");
}

static void
sanitize__replaces__invalid_bytes(void **state)
{
	(void)state;
	SAN_EQ("a\xFF" "b", 0, "a\xEF\xBF\xBD" "b");
	SAN_EQ("\x80\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD");
	/* Truncated sequences: each byte is replaced, the next character survives. */
	SAN_EQ("\xE2\x82" "A", 0, "\xEF\xBF\xBD\xEF\xBF\xBD" "A");
	SAN_EQ("end\xF0\x9F\x98", 0, "end\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void
sanitize__rejects__overlong_encodings(void **state)
{
	(void)state;
	/* "C0 AF" is an overlong '/': it must not come out as a slash. */
	SAN_EQ("\xC0\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD");
	SAN_EQ("\xE0\x80\xAF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	SAN_EQ("\xC1\x9B", 0, "\xEF\xBF\xBD\xEF\xBF\xBD");	/* overlong ESC-ish */
	SAN_EQ("\xF0\x80\x80\xAF", 0,
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void
sanitize__rejects__surrogates(void **state)
{
	(void)state;
	SAN_EQ("\xED\xA0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	SAN_EQ("\xED\xBF\xBF" "x", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "x");
}

static void
sanitize__rejects__code_points_above_10ffff(void **state)
{
	(void)state;
	SAN_EQ("\xF4\x90\x80\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	SAN_EQ("\xF7\xBF\xBF\xBF", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void
sanitize__keeps__valid_text(void **state)
{
	static const char s[] = "Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 "
	    "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xEF\xBF\xBD ~";

	(void)state;
	SAN_EQ(s, 0, s);
}

static void
sanitize__turns__newline_into_space_without_flag(void **state)
{
	(void)state;
	SAN_EQ("one\ntwo\r\nthree\n", 0, "one two three ");
}

static void
sanitize__keeps__newline_with_flag(void **state)
{
	(void)state;
	SAN_EQ("one\ntwo\r\nthree\rfour\n", TEXT_KEEP_NEWLINES, "one\ntwo\nthreefour\n");
	SAN_EQ("a\xE2\x80\xA8" "b", TEXT_KEEP_NEWLINES, "a\nb");
	SAN_EQ("a\xE2\x80\xA9" "b", 0, "a b");
}

static void
sanitize__turns__tab_into_one_space(void **state)
{
	(void)state;
	SAN_EQ("a\tb\t\tc", 0, "a b  c");
}

static void
sanitize__drops__other_c0_controls_and_del(void **state)
{
	static const char s[] = "a\x00" "b\x07" "c\x08" "d\x0B\x0C\x0E\x1A\x1F" "e\x7F" "f";

	(void)state;
	SAN_EQ(s, TEXT_KEEP_NEWLINES, "abcdef");
}

static void
sanitize__caps__combining_marks_at_four(void **state)
{
	(void)state;
	/* e + 7 combining acutes keeps 4 of them; the next base starts a new count. */
	SAN_EQ("e\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81"
	    "a\xCC\x88\xCC\x88\xCC\x88\xCC\x88\xCC\x88", 0,
	    "e\xCC\x81\xCC\x81\xCC\x81\xCC\x81" "a\xCC\x88\xCC\x88\xCC\x88\xCC\x88");
	/* A short sequence is untouched (Arabic letter with shadda and fatha). */
	SAN_EQ("\xD8\xA8\xD9\x91\xD9\x8E", 0, "\xD8\xA8\xD9\x91\xD9\x8E");
}

static void
sanitize__drops__combining_mark_without_base(void **state)
{
	(void)state;
	SAN_EQ("\xCC\x81\xCC\x81x", 0, "x");
	SAN_EQ("a\n\xCC\x81" "b", TEXT_KEEP_NEWLINES, "a\nb");
	/* Without the flag the newline is a space, which is a base. */
	SAN_EQ("a\n\xCC\x81" "b", 0, "a \xCC\x81" "b");
}

static void
sanitize__checks__every_character_of_text_outside_ascii(void **state)
{
	(void)state;
	/* Cyrillic, Arabic and Latin words between spaces are copied a run at a time: what
	 * the run meets is still dropped or replaced as anywhere else. */
	SAN_EQ("\xD0\xBF\xD1\x80\xC2\x85\xD0\xB8 \xC3\xA9", 0, "\xD0\xBF\xD1\x80\xD0\xB8 \xC3\xA9");
	SAN_EQ("\xD8\xA8\xD8\x9C\xD8\xA7", 0, "\xD8\xA8\xD8\xA7");
	SAN_EQ("\xD0\xB8\xE2\x80\xAE\xD0\xB8", 0, "\xD0\xB8\xD0\xB8");
	SAN_EQ("\xD0\xB8\xFF\xD0\xB8", 0, "\xD0\xB8\xEF\xBF\xBD\xD0\xB8");
	SAN_EQ("\xD0\xB8\xED\xA0\x80", 0, "\xD0\xB8\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	SAN_EQ("\xD0\xB8\xE0\x80\x80", 0, "\xD0\xB8\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	SAN_EQ("\xD0\xB8\xE2\x80\xA8\xD0\xB8", TEXT_KEEP_NEWLINES, "\xD0\xB8\n\xD0\xB8");
	/* Marks after a letter outside ASCII: four kept; none after a newline. */
	SAN_EQ("\xD0\xB8\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xD0\xB8", 0,
	    "\xD0\xB8\xCC\x81\xCC\x81\xCC\x81\xCC\x81\xD0\xB8");
	SAN_EQ("\xD0\xB8\n\xCC\x81\xD0\xB8", TEXT_KEEP_NEWLINES, "\xD0\xB8\n\xD0\xB8");
}

static void
sanitize__accepts__empty_and_null_input(void **state)
{
	char *o;

	(void)state;
	o = san(NULL, 0, 0);
	assert_string_equal(o, "");
	free(o);
	o = san("", 0, TEXT_KEEP_NEWLINES);
	assert_string_equal(o, "");
	free(o);
}

static void
sanitize__never_outputs__escape_from_any_single_or_double_byte(void **state)
{
	unsigned a, b;
	char in[2];

	(void)state;
	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			char *o;

			in[0] = (char)a;
			in[1] = (char)b;
			o = san(in, 2, 0);
			assert_safe(o, 0);
			free(o);
			o = san(in, 2, TEXT_KEEP_NEWLINES);
			assert_safe(o, TEXT_KEEP_NEWLINES);
			free(o);
		}
	}
}

/* --- widths and fitting ------------------------------------------------------------------ */

static void
width__counts__cjk_as_two_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9), 6);
	assert_int_equal(text_width("a\xE3\x80\x80" "b", 5), 4);	/* ideographic space */
	assert_int_equal(text_width("\xF0\x9F\x98\x80", 4), 2);	/* emoji */
}

static void
width__counts__combining_marks_as_zero(void **state)
{
	(void)state;
	assert_int_equal(text_width("e\xCC\x81\xCC\x81", 5), 1);
	assert_int_equal(text_width("\xD8\xA8\xD9\x91\xD9\x8E", 6), 1);
}

static void
width__counts__ascii_and_replacement_as_one(void **state)
{
	(void)state;
	assert_int_equal(text_width("hello", 5), 5);
	assert_int_equal(text_width("\xEF\xBF\xBD", 3), 1);
	assert_int_equal(text_width("", 0), 0);
}

static void
width__counts__unknown_characters_as_one_and_controls_as_zero(void **state)
{
	(void)state;
	/* Unsanitised text: an unassigned code point (U+0378) may still take a cell. */
	assert_int_equal(text_width("\xCD\xB8", 2), 1);
	assert_int_equal(text_width("a\x1b\n\xC2\x9B", 5), 1);
}

static void
fit__stops_before__wide_char_that_does_not_fit(void **state)
{
	int used = -1;

	(void)state;
	/* "a日本" in 2 columns: only "a" (the wide char would need columns 2-3). */
	assert_int_equal(text_fit("a\xE6\x97\xA5\xE6\x9C\xAC", 7, 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a\xE6\x97\xA5\xE6\x9C\xAC", 7, 3, &used), 4);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit("\xE6\x97\xA5", 3, 1, &used), 0);
	assert_int_equal(used, 0);
}

static void
fit__keeps__combining_marks_with_their_base(void **state)
{
	int used = -1;

	(void)state;
	/* "ée" with a combining acute: one column takes the e and its mark. */
	assert_int_equal(text_fit("e\xCC\x81" "x", 4, 1, &used), 3);
	assert_int_equal(used, 1);
	/* Marks after the last character that fits still come along. */
	assert_int_equal(text_fit("ab\xCC\x81\xCC\x88", 6, 2, &used), 6);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("e\xCC\x81", 3, 0, &used), 0);
}

static void
fit__never_splits__utf8_sequences(void **state)
{
	static const char s[] = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
	int cols, used;

	(void)state;
	for (cols = 0; cols <= 6; cols++) {
		size_t n = text_fit(s, sizeof(s) - 1, cols, &used);

		assert_true(n == 0 || n == 2 || n == 5 || n == 9 || n == 10);
		assert_true(used <= cols);
		assert_int_equal(used, text_width(s, n));
	}
	assert_int_equal(text_fit(s, sizeof(s) - 1, 100, NULL), sizeof(s) - 1);
	assert_int_equal(text_fit(s, sizeof(s) - 1, -5, NULL), 0);
}

static void
fit_tail__keeps__the_end_without_splitting_characters(void **state)
{
	/* "ab日本e" + combining acute: 7 columns. */
	static const char s[] = "ab\xE6\x97\xA5\xE6\x9C\xAC" "e\xCC\x81";
	int used = -1;

	(void)state;
	assert_int_equal(text_fit_tail(s, sizeof(s) - 1, 7, &used), 0);
	assert_int_equal(used, 7);
	assert_int_equal(text_fit_tail(s, sizeof(s) - 1, 5, &used), 2);
	assert_int_equal(used, 5);
	/* 4 columns: 日 would leave 5, so only 本 and e with its mark remain. */
	assert_int_equal(text_fit_tail(s, sizeof(s) - 1, 4, &used), 5);
	assert_int_equal(used, 3);
	assert_int_equal(text_fit_tail(s, sizeof(s) - 1, 1, &used), 8);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit_tail(s, sizeof(s) - 1, 0, &used), sizeof(s) - 1);
	assert_int_equal(used, 0);
}

static void
ellipsize__shortens__only_text_that_is_too_wide(void **state)
{
	char *o;

	(void)state;
	o = text_ellipsize("hello world", 11, 11);
	assert_string_equal(o, "hello world");
	free(o);
	o = text_ellipsize("hello world", 11, 6);
	assert_string_equal(o, "hello\xE2\x80\xA6");
	free(o);
	/* 3 columns: one wide char, the ellipsis, and not half of the second wide char. */
	o = text_ellipsize("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9, 4);
	assert_string_equal(o, "\xE6\x97\xA5\xE2\x80\xA6");
	free(o);
	o = text_ellipsize("abc", 3, 0);
	assert_string_equal(o, "");
	free(o);
}

static void
pad__fills__exactly_the_columns(void **state)
{
	char *o;

	(void)state;
	o = text_pad("ab", 2, 5);
	assert_string_equal(o, "ab   ");
	free(o);
	o = text_pad("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9, 4);
	assert_string_equal(o, "\xE6\x97\xA5\xE2\x80\xA6 ");
	assert_int_equal(text_width(o, strlen(o)), 4);
	free(o);
	o = text_pad(NULL, 0, 3);
	assert_string_equal(o, "   ");
	free(o);
	o = text_pad("abcdef", 6, 1);
	assert_string_equal(o, "\xE2\x80\xA6");
	free(o);
}

static void
ellipsize__ends_with_a_one_column_ascii_mark_where_the_terminal_is_not_utf8(void **state)
{
	char *o;

	(void)state;
	text_set_ascii(1);
	o = text_ellipsize("hello world", 11, 6);
	assert_string_equal(o, "hello~");
	free(o);
	o = text_pad("abcdef", 6, 4);
	assert_string_equal(o, "abc~");
	free(o);
	o = text_pad("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 9, 4);
	assert_string_equal(o, "\xE6\x97\xA5~ ");
	assert_int_equal(text_width(o, strlen(o)), 4);
	free(o);
	text_set_ascii(0);
	o = text_ellipsize("hello world", 11, 6);
	assert_string_equal(o, "hello\xE2\x80\xA6");
	free(o);
}

/* --- wrapping ---------------------------------------------------------------------------- */

static void
wrap__breaks__plain_words_at_spaces(void **state)
{
	(void)state;
	WRAP_EQ("the quick brown fox jumps over the lazy dog", 10,
	    "the quick|brown fox|jumps over|the lazy|dog");
	WRAP_EQ("fits on one line", 80, "fits on one line");
	WRAP_EQ("exactly ten", 11, "exactly ten");
}

static void
wrap__hard_breaks__words_longer_than_the_line(void **state)
{
	(void)state;
	WRAP_EQ("supercalifragilistic is long", 8, "supercal|ifragili|stic is|long");
	WRAP_EQ("ab cdefghijkl", 4, "ab|cdef|ghij|kl");
}

static void
wrap__breaks__cjk_runs_between_wide_characters(void **state)
{
	(void)state;
	/* 日本語のテキストです in 7 columns: three wide chars (6 columns) a line. */
	WRAP_EQ("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD"
	    "\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xA7\xE3\x81\x99", 7,
	    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E|\xE3\x81\xAE\xE3\x83\x86\xE3\x82\xAD|"
	    "\xE3\x82\xB9\xE3\x83\x88\xE3\x81\xA7|\xE3\x81\x99");
	/* A Latin word followed by CJK: the CJK run breaks, the word does not move. */
	WRAP_EQ("ab\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5,
	    "ab\xE6\x97\xA5|\xE6\x9C\xAC\xE8\xAA\x9E");
	/* 日本語abc in 7 columns: "語abc" has no break inside, so the run breaks before 語. */
	WRAP_EQ("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E" "abc", 7,
	    "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E" "abc");
}

#define NI "\xE6\x97\xA5"     /* 日 */
#define BEN "\xE6\x9C\xAC"    /* 本 */
#define YU "\xE8\xAA\x9E"     /* 語 */
#define MARU "\xE3\x80\x82"   /* 。 */
#define TEN "\xE3\x80\x81"    /* 、 */
#define OPEN "\xE3\x80\x8C"   /* 「 */
#define CLOSE "\xE3\x80\x8D"  /* 」 */

static void
wrap__never_starts_a_line__with_closing_punctuation(void **state)
{
	(void)state;
	/* 日本語。 in 6 columns: 。 does not fit; 語 goes with it to the next line. */
	WRAP_EQ(NI BEN YU MARU, 6, NI BEN "|" YU MARU);
	WRAP_EQ(NI BEN YU TEN NI BEN YU CLOSE MARU, 6, NI BEN "|" YU TEN NI "|" BEN "|" YU CLOSE MARU);
	/* No break before it at all (a Latin word): the last letter comes along. */
	WRAP_EQ("abcd" MARU, 4, "abc|d" MARU);
	/* Opening brackets stay with what follows. */
	WRAP_EQ(NI BEN OPEN YU CLOSE, 6, NI BEN "|" OPEN YU CLOSE);
	/* Where it fits, nothing changes. */
	WRAP_EQ(NI BEN YU MARU, 8, NI BEN YU MARU);
	assert_true(text_no_line_start(0x3002));
	assert_true(text_no_line_start(0xFF0C));
	assert_false(text_no_line_start(0x65E5));
	assert_true(text_no_line_end(0x300C));
	assert_false(text_no_line_end(0x3002));
}

static void
wrap__breaks__at_ideographic_space(void **state)
{
	(void)state;
	WRAP_EQ("ab\xE3\x80\x80" "cd", 3, "ab|cd");
	WRAP_EQ("ab\xE3\x80\x80" "cd", 6, "ab\xE3\x80\x80" "cd");
}

static void
wrap__wraps__mixed_arabic_and_latin(void **state)
{
	(void)state;
	/* مرحبا بالعالم hello world: Arabic stays in logical order, one column per letter. */
	WRAP_EQ("\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
	    "\xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85 hello world", 12,
	    "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7|"
	    "\xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85|hello world");
	WRAP_EQ("abc \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 de", 9,
	    "abc \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7|de");
	/* Vowel marks take no column and stay with their letter. */
	WRAP_EQ("\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E x", 2,
	    "\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E|x");
}

static void
wrap__honours__explicit_newlines(void **state)
{
	(void)state;
	WRAP_EQ("a\n\nb", 5, "a||b");
	/* A trailing newline gives a final empty line. */
	WRAP_EQ("a\nb\n", 5, "a|b|");
	/* Indentation after a newline is kept; trailing spaces are not part of a line. */
	WRAP_EQ("x  \n  y", 5, "x|  y");
}

static void
wrap__skips__leading_spaces_of_continuation_lines(void **state)
{
	(void)state;
	WRAP_EQ("aaa    bbb", 3, "aaa|bbb");
	WRAP_EQ("aaaa   bbb", 3, "aaa|a|bbb");
	/* Indentation at the start is kept and is no break point of its own. */
	WRAP_EQ("   leading", 6, "   lea|ding");
	/* Trailing spaces that overflow do not add an empty line. */
	WRAP_EQ("abc   ", 3, "abc");
	/* Nor do spaces that overflow just before a newline. */
	WRAP_EQ("abc \ndef", 3, "abc|def");
	WRAP_EQ("abc   \n\ndef", 3, "abc||def");
	WRAP_EQ("abc  \n", 3, "abc|");
}

static void
wrap__width_one__makes_progress(void **state)
{
	struct text_line *lines;
	size_t n;

	(void)state;
	WRAP_EQ("ab c", 1, "a|b|c");
	/* A wide character wider than the line gets a line of its own. */
	n = text_wrap("\xE6\x97\xA5\xE6\x9C\xAC" "a", 7, 1, &lines);
	assert_int_equal(n, 3);
	assert_int_equal(lines[0].len, 3);
	assert_int_equal(lines[0].width, 2);
	assert_int_equal(lines[1].off, 3);
	assert_int_equal(lines[2].width, 1);
	free(lines);
	WRAP_EQ("ab", 0, "a|b");
	WRAP_EQ("ab", -7, "a|b");
}

static void
wrap__returns__one_empty_line_for_empty_text(void **state)
{
	struct text_line *lines = NULL;

	(void)state;
	assert_int_equal(text_wrap("", 0, 10, &lines), 1);
	assert_non_null(lines);
	assert_int_equal(lines[0].len, 0);
	assert_int_equal(lines[0].width, 0);
	free(lines);
	WRAP_EQ("   ", 2, "");
}

static void
wrap__keeps__combining_marks_with_their_base(void **state)
{
	(void)state;
	WRAP_EQ("e\xCC\x81\xCC\x81" "e\xCC\x81" "e", 2, "e\xCC\x81\xCC\x81" "e\xCC\x81|e");
}

static void
wrap__measures__words_outside_ascii_a_cluster_at_a_time(void **state)
{
	(void)state;
	/* привет мир */
	WRAP_EQ("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80", 6,
	    "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82|\xD0\xBC\xD0\xB8\xD1\x80");
	WRAP_EQ("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80", 10,
	    "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80");
	/* A hard break keeps each letter's marks with it (Cyrillic, then Arabic with fatha). */
	WRAP_EQ("\xD0\xB1\xCC\x81\xD0\xB1\xCC\x81\xD0\xB1", 2,
	    "\xD0\xB1\xCC\x81\xD0\xB1\xCC\x81|\xD0\xB1");
	WRAP_EQ("\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E \xD8\xA8", 2,
	    "\xD8\xA8\xD9\x8E\xD8\xA8\xD9\x8E|\xD8\xA8");
	/* ASCII and Cyrillic in one word longer than the line. */
	WRAP_EQ("abc\xD0\xB4\xD0\xB5\xD0\xB6", 4, "abc\xD0\xB4|\xD0\xB5\xD0\xB6");
	/* A word running into wide characters: no break before the first of them. */
	WRAP_EQ("\xD0\xB0\xD0\xB1\xE6\x97\xA5\xE6\x9C\xAC", 3,
	    "\xD0\xB0\xD0\xB1|\xE6\x97\xA5|\xE6\x9C\xAC");
	WRAP_EQ("\xD0\xB0\xD0\xB1\xE6\x97\xA5\xE6\x9C\xAC", 4,
	    "\xD0\xB0\xD0\xB1\xE6\x97\xA5|\xE6\x9C\xAC");
	/* A run of wide characters: a mark after one stays with it (日本́語 in 4 columns). */
	WRAP_EQ("\xE6\x97\xA5\xE6\x9C\xAC\xCC\x81\xE8\xAA\x9E", 4,
	    "\xE6\x97\xA5\xE6\x9C\xAC\xCC\x81|\xE8\xAA\x9E");
}

static void
wrap_first__uses__its_own_width_for_the_first_line(void **state)
{
	struct text_line *lines;
	size_t n;

	(void)state;
	n = text_wrap_first("aaa bbbbbb cc", 13, 3, 10, &lines);
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].len, 3);
	assert_int_equal(lines[1].off, 4);
	assert_int_equal(lines[1].len, 9);
	assert_int_equal(lines[1].width, 9);
	free(lines);
	/* The word carried over from a wider first line is laid out again for the narrower. */
	n = text_wrap_first("a bcdefgh", 9, 6, 3, &lines);
	assert_int_equal(n, 4);
	assert_int_equal(lines[0].len, 1);
	assert_int_equal(lines[1].off, 2);
	assert_int_equal(lines[1].len, 3);
	assert_int_equal(lines[2].off, 5);
	assert_int_equal(lines[3].off, 8);
	assert_int_equal(lines[3].len, 1);
	free(lines);
	/* "a", then "b" and after the newline the other width applies. */
	n = text_wrap_first("ab\ncd ef", 8, 1, 5, &lines);
	assert_int_equal(n, 3);
	assert_int_equal(lines[1].len, 1);
	assert_int_equal(lines[2].off, 3);
	assert_int_equal(lines[2].len, 5);
	free(lines);
}

/* --- properties -------------------------------------------------------------------------- */

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint32_t
rng(void)
{
	/* xorshift64*: fixed seed, same sequence on every run. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

/* Random input mixing raw bytes with characters the sanitiser and wrapper care about. */
static size_t
random_input(char *buf, size_t max)
{
	static const char *pieces[] = {
		"a", "b", "word", " ", " ", " ", "  ", "\n", "\r\n", "\t", "\x1b", "\x1b[2J",
		"\x07", "\x7F", "\xC2\x9B", "\xC2\x85", "\xE2\x80\xAE", "\xE2\x81\xA6",
		"\xD8\x9C", "\xEF\xBB\xBF", "\xCC\x81", "\xD9\x8E", "\xE6\x97\xA5",
		"\xE3\x80\x80", "\xF0\x9F\x98\x80", "\xD9\x85\xD8\xB1", "\xC3\xA9",
		"\xE2\x80\xA8", "\xEF\xBF\xBD", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
		"\xE2\x82", "\xF0\x9F", "\x80", "\xFF", "\xEF\xBF\xBE", "\xE2\x80\x8B",
	};
	size_t len = 0, want = rng() % max;

	while (len < want) {
		if (rng() % 4 == 0) {
			buf[len++] = (char)(rng() & 0xFF);
		} else {
			const char *p = pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
			size_t n = strlen(p);

			if (len + n > max)
				break;
			memcpy(buf + len, p, n);
			len += n;
		}
	}
	return len;
}

static int
is_space_at(const char *s, size_t len, size_t i, size_t *n)
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

/* Every byte not in a line is a space, U+3000 or '\n'; lines are in order and well-formed. */
static void
check_wrap(const char *s, size_t len, int first, int cols, int valid)
{
	struct text_line *lines;
	size_t n, k, pos = 0, sp = 0;

	n = text_wrap_first(s, len, first, cols, &lines);
	assert_true(n >= 1);
	for (k = 0; k < n; k++) {
		const struct text_line *l = &lines[k];
		int used, eff = k == 0 ? first : cols;

		if (eff < 1)
			eff = 1;

		assert_true(l->off >= pos);
		while (pos < l->off) {
			assert_true(is_space_at(s, len, pos, &sp));
			pos += sp;
		}
		assert_int_equal(pos, l->off);
		assert_true(l->off + l->len <= len);
		if (valid)
			assert_true(utf8_scan((const unsigned char *)s + l->off, l->len,
			    NULL) >= 0);
		assert_int_equal(l->width, text_width(s + l->off, l->len));
		if (l->width > eff) {
			/* Only a single character (with its marks) may be wider than the line:
			 * nothing visible fits in fewer columns than the line has. */
			assert_true(l->width == 2 && eff == 1);
			text_fit(s + l->off, l->len, l->width - 1, &used);
			assert_int_equal(used, 0);
		}
		if (l->len > 0)
			assert_true(s[l->off + l->len - 1] != ' ');
		pos = l->off + l->len;
	}
	while (pos < len) {
		assert_true(is_space_at(s, len, pos, &sp));
		pos += sp;
	}
	free(lines);
}

static void
property__sanitized_text_is_safe_and_wraps_without_loss(void **state)
{
	char buf[512];
	int iter;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		size_t len = random_input(buf, sizeof(buf));
		unsigned flags = (iter & 1) ? TEXT_KEEP_NEWLINES : 0;
		char *o = san(buf, len, flags), *again;
		int cols = (int)(rng() % 24) - 1, first = (iter & 2) ? cols : (int)(rng() % 24) - 1;

		assert_safe(o, flags);
		/* Sanitising is idempotent. */
		again = san(o, strlen(o), flags);
		assert_string_equal(again, o);
		free(again);
		check_wrap(o, strlen(o), first, cols, 1);
		free(o);
		/* Unsanitised bytes must not crash or break the invariants of the layout. */
		check_wrap(buf, len, first, cols, 0);
	}
}

static void
property__large_input_is_handled_in_one_pass(void **state)
{
	size_t len = 5u << 20, i, n, k, cjk_lines;
	char *big = malloc(len), *o;
	struct text_line *lines;

	(void)state;
	assert_non_null(big);
	/* One long run of wide characters, a space, then one long run of invalid bytes. */
	for (i = 0; i + 3 <= len / 2; i += 3)
		memcpy(big + i, "\xE6\x97\xA5", 3);
	big[i] = ' ';
	memset(big + i + 1, 0xFF, len - i - 1);
	o = san(big, len, 0);
	assert_int_equal(strlen(o), i + 1 + 3 * (len - i - 1));
	n = text_wrap(o, strlen(o), 80, &lines);
	/* Each run fills whole lines (breaks between wide chars, hard breaks in the word). */
	cjk_lines = (i / 3 * 2 + 79) / 80;
	assert_int_equal(n, cjk_lines + (len - i - 1 + 79) / 80);
	for (k = 0; k + 1 < n; k++) {
		if (k + 1 == cjk_lines)
			assert_int_equal(lines[k].width, (int)((i / 3 * 2) % 80));
		else
			assert_int_equal(lines[k].width, 80);
	}
	free(lines);
	free(o);
	/* A run of combining marks after one base: one cluster, capped by the sanitiser. */
	big[0] = 'e';
	for (i = 1; i + 2 <= len; i += 2)
		memcpy(big + i, "\xCC\x81", 2);
	o = san(big, i, 0);
	assert_int_equal(strlen(o), 1 + 2 * TEXT_MAX_MARKS);
	free(o);
	n = text_wrap(big, i, 10, &lines);
	assert_int_equal(n, 1);
	free(lines);
	free(big);
}

/* The widths follow the locale when it changes (the summary switches LC_CTYPE to UTF-8 while
 * it writes): nothing measured under one locale is reused under another. */
static void
width__follows__a_change_of_locale(void **state)
{
	const char *wide = "\xE6\x97\xA5" "a";   /* U+65E5 (2 columns) and 'a' */
	char *o;

	(void)state;
	assert_int_equal(text_width(wide, strlen(wide)), 3);
	assert_non_null(setlocale(LC_CTYPE, "C"));
	/* In "C", wcwidth() knows no character outside ASCII: 1 column, dropped by the
	 * sanitiser. */
	assert_int_equal(text_width(wide, strlen(wide)), 2);
	o = san(wide, strlen(wide), 0);
	assert_string_equal(o, "a");
	free(o);
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(text_width(wide, strlen(wide)), 3);
	o = san(wide, strlen(wide), 0);
	assert_string_equal(o, wide);
	free(o);
	WRAP_EQ("\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5", 4, "\xE6\x97\xA5\xE6\x97\xA5|\xE6\x97\xA5");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode__accepts__boundary_code_points),
		cmocka_unit_test(decode__rejects__malformed_sequences_one_byte_at_a_time),
		cmocka_unit_test(sanitize__drops__escape_sequences),
		cmocka_unit_test(sanitize__drops__osc52_sequences),
		cmocka_unit_test(sanitize__drops__c1_controls_in_utf8_form),
		cmocka_unit_test(sanitize__replaces__raw_c1_bytes),
		cmocka_unit_test(sanitize__drops__bidi_controls),
		cmocka_unit_test(sanitize__drops__byte_order_mark),
		cmocka_unit_test(sanitize__replaces__invalid_bytes),
		cmocka_unit_test(sanitize__rejects__overlong_encodings),
		cmocka_unit_test(sanitize__rejects__surrogates),
		cmocka_unit_test(sanitize__rejects__code_points_above_10ffff),
		cmocka_unit_test(sanitize__keeps__valid_text),
		cmocka_unit_test(sanitize__turns__newline_into_space_without_flag),
		cmocka_unit_test(sanitize__keeps__newline_with_flag),
		cmocka_unit_test(sanitize__turns__tab_into_one_space),
		cmocka_unit_test(sanitize__drops__other_c0_controls_and_del),
		cmocka_unit_test(sanitize__caps__combining_marks_at_four),
		cmocka_unit_test(sanitize__drops__combining_mark_without_base),
		cmocka_unit_test(sanitize__checks__every_character_of_text_outside_ascii),
		cmocka_unit_test(sanitize__accepts__empty_and_null_input),
		cmocka_unit_test(sanitize__never_outputs__escape_from_any_single_or_double_byte),
		cmocka_unit_test(width__counts__cjk_as_two_columns),
		cmocka_unit_test(width__counts__combining_marks_as_zero),
		cmocka_unit_test(width__counts__ascii_and_replacement_as_one),
		cmocka_unit_test(width__counts__unknown_characters_as_one_and_controls_as_zero),
		cmocka_unit_test(fit__stops_before__wide_char_that_does_not_fit),
		cmocka_unit_test(fit__keeps__combining_marks_with_their_base),
		cmocka_unit_test(fit__never_splits__utf8_sequences),
		cmocka_unit_test(fit_tail__keeps__the_end_without_splitting_characters),
		cmocka_unit_test(ellipsize__shortens__only_text_that_is_too_wide),
		cmocka_unit_test(pad__fills__exactly_the_columns),
		cmocka_unit_test(ellipsize__ends_with_a_one_column_ascii_mark_where_the_terminal_is_not_utf8),
		cmocka_unit_test(wrap__breaks__plain_words_at_spaces),
		cmocka_unit_test(wrap__hard_breaks__words_longer_than_the_line),
		cmocka_unit_test(wrap__breaks__cjk_runs_between_wide_characters),
		cmocka_unit_test(wrap__never_starts_a_line__with_closing_punctuation),
		cmocka_unit_test(wrap__breaks__at_ideographic_space),
		cmocka_unit_test(wrap__wraps__mixed_arabic_and_latin),
		cmocka_unit_test(wrap__honours__explicit_newlines),
		cmocka_unit_test(wrap__skips__leading_spaces_of_continuation_lines),
		cmocka_unit_test(wrap__width_one__makes_progress),
		cmocka_unit_test(wrap__returns__one_empty_line_for_empty_text),
		cmocka_unit_test(wrap__keeps__combining_marks_with_their_base),
		cmocka_unit_test(wrap__measures__words_outside_ascii_a_cluster_at_a_time),
		cmocka_unit_test(wrap_first__uses__its_own_width_for_the_first_line),
		cmocka_unit_test(property__sanitized_text_is_safe_and_wraps_without_loss),
		cmocka_unit_test(property__large_input_is_handled_in_one_pass),
		cmocka_unit_test(width__follows__a_change_of_locale),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "test-text: the C.UTF-8 locale is needed\n");
		return 99;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
