/* test-editbuf.c: unit tests for the editor's text buffer: clusters, motions, edits, layout. */
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

#include "editbuf.h"

#define ACUTE "\xcc\x81"        /* U+0301 COMBINING ACUTE ACCENT */
#define ZHONG "\xe4\xb8\xad"    /* U+4E2D, 2 columns */
#define WEN "\xe6\x96\x87"      /* U+6587, 2 columns */

static void
init(struct editbuf *eb, const char *text, int multiline)
{
	assert_int_equal(editbuf_init(eb, text, multiline, 0), 0);
}

static void
text_is(const struct editbuf *eb, const char *want)
{
	assert_int_equal(eb->len, strlen(want));
	assert_memory_equal(eb->s, want, eb->len);
	assert_int_equal(eb->s[eb->len], '\0');
}

static void
editbuf_init__starts__with_the_cursor_at_the_end_and_unchanged(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "abc", 1);
	text_is(&eb, "abc");
	assert_int_equal(eb.cur, 3);
	assert_int_equal(eb.changed, 0);
	editbuf_free(&eb);
}

static void
editbuf__leaves__an_empty_buffer_empty_under_every_key(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, NULL, 1);
	editbuf_left(&eb);
	editbuf_right(&eb);
	editbuf_word_left(&eb);
	editbuf_word_right(&eb);
	editbuf_home(&eb);
	editbuf_end(&eb);
	editbuf_up(&eb, 10);
	editbuf_down(&eb, 10);
	editbuf_backspace(&eb);
	editbuf_del(&eb);
	editbuf_kill_word(&eb);
	editbuf_kill_line(&eb);
	editbuf_kill_eol(&eb);
	text_is(&eb, "");
	assert_int_equal(eb.cur, 0);
	assert_int_equal(eb.changed, 0);
	editbuf_free(&eb);
}

static void
editbuf__stays__in_bounds_with_the_cursor_at_either_end(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "ab", 0);
	editbuf_right(&eb);
	assert_int_equal(eb.cur, 2);
	editbuf_del(&eb);
	text_is(&eb, "ab");
	editbuf_top(&eb);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 0);
	editbuf_backspace(&eb);
	text_is(&eb, "ab");
	editbuf_del(&eb);
	text_is(&eb, "b");
	assert_int_equal(eb.cur, 0);
	assert_int_equal(eb.changed, 1);
	editbuf_free(&eb);
}

static void
editbuf_insert__puts__text_at_the_cursor(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "ad", 0);
	editbuf_left(&eb);
	assert_int_equal(editbuf_insert(&eb, "bc", 2), 0);
	text_is(&eb, "abcd");
	assert_int_equal(eb.cur, 3);
	editbuf_free(&eb);
}

static void
editbuf_backspace__removes__whole_wide_character(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "a" ZHONG WEN, 0);
	editbuf_backspace(&eb);
	text_is(&eb, "a" ZHONG);
	assert_int_equal(eb.cur, 4);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 1);
	editbuf_del(&eb);
	text_is(&eb, "a");
	editbuf_free(&eb);
}

static void
editbuf__never__separates_a_combining_mark_from_its_base(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "ce" ACUTE "s", 0);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 4);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 1);
	editbuf_right(&eb);
	assert_int_equal(eb.cur, 4);
	editbuf_backspace(&eb);
	text_is(&eb, "cs");
	assert_int_equal(eb.cur, 1);
	editbuf_free(&eb);
}

static void
editbuf_backspace__removes__a_base_with_all_its_marks(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "xa" ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE, 0);
	editbuf_backspace(&eb);
	text_is(&eb, "x");
	editbuf_free(&eb);
}

static void
editbuf_insert__keeps__the_cursor_after_a_mark_it_joins(void **state)
{
	struct editbuf eb;

	(void)state;
	/* A mark at the start has no base; typing a letter before it gives it one. */
	init(&eb, ACUTE "x", 1);
	editbuf_top(&eb);
	assert_int_equal(editbuf_insert(&eb, "e", 1), 0);
	text_is(&eb, "e" ACUTE "x");
	assert_int_equal(eb.cur, 3);
	/* Typing a mark after a letter attaches it: the cursor follows it. */
	editbuf_insert(&eb, ACUTE, 2);
	assert_int_equal(eb.cur, 5);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 0);
	editbuf_free(&eb);
}

static void
editbuf__keeps__a_mark_after_a_line_break_apart_from_the_break(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "a\n" ACUTE, 1);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 2);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 1);
	/* Deleting the break joins the mark to the "a": the cursor lands after both. */
	editbuf_del(&eb);
	text_is(&eb, "a" ACUTE);
	assert_int_equal(eb.cur, 3);
	editbuf_free(&eb);
}

static void
editbuf__steps__over_invalid_bytes_one_at_a_time(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "a\xff\xe4\xb8" "b", 0);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 4);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 3);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 2);
	editbuf_backspace(&eb);
	text_is(&eb, "a\xe4\xb8" "b");
	assert_int_equal(eb.cur, 1);
	editbuf_free(&eb);
}

static void
editbuf_insert__completes__a_truncated_sequence_without_splitting_it(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "\xe4\xb8", 0);
	assert_int_equal(editbuf_insert(&eb, "\xad", 1), 0);
	text_is(&eb, ZHONG);
	editbuf_left(&eb);
	assert_int_equal(eb.cur, 0);
	editbuf_free(&eb);
}

static void
editbuf_backspace__lands__after_a_sequence_its_deletion_joined(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "\xe4x\xb8\xad", 0);
	eb.cur = 2;
	editbuf_backspace(&eb);
	text_is(&eb, ZHONG);
	assert_int_equal(eb.cur, 3);
	editbuf_free(&eb);
}

static void
editbuf_word_right__treats__punctuation_and_spaces_as_separators(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "hello, world.foo  bar", 0);
	editbuf_top(&eb);
	editbuf_word_right(&eb);
	assert_int_equal(eb.cur, 7);
	editbuf_word_right(&eb);
	assert_int_equal(eb.cur, 13);
	editbuf_word_right(&eb);
	assert_int_equal(eb.cur, 18);
	editbuf_word_right(&eb);
	assert_int_equal(eb.cur, 21);
	editbuf_word_left(&eb);
	assert_int_equal(eb.cur, 18);
	editbuf_word_left(&eb);
	assert_int_equal(eb.cur, 13);
	editbuf_word_left(&eb);
	assert_int_equal(eb.cur, 7);
	editbuf_word_left(&eb);
	assert_int_equal(eb.cur, 0);
	editbuf_free(&eb);
}

static void
editbuf_word_right__moves__over_arabic_words(void **state)
{
	/* "مرحبا بالعالم" (hello world): each letter is two bytes. */
	static const char ar[] = "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 "
	    "\xd8\xa8\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85";
	struct editbuf eb;

	(void)state;
	init(&eb, ar, 0);
	editbuf_top(&eb);
	editbuf_word_right(&eb);
	assert_int_equal(eb.cur, 11);
	editbuf_end(&eb);
	editbuf_kill_word(&eb);
	assert_int_equal(eb.len, 11);
	assert_memory_equal(eb.s, ar, 11);
	editbuf_backspace(&eb);
	editbuf_backspace(&eb);
	assert_int_equal(eb.len, 8);
	editbuf_free(&eb);
}

static void
editbuf_kill_word__removes__the_word_before_the_cursor_only(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "foo bar-baz", 0);
	editbuf_kill_word(&eb);
	text_is(&eb, "foo bar-");
	editbuf_kill_word(&eb);
	text_is(&eb, "foo ");
	editbuf_kill_word(&eb);
	text_is(&eb, "");
	editbuf_free(&eb);
}

static void
editbuf_kill_line__removes__from_the_line_start_to_the_cursor(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "one\ntwo three\nfour", 1);
	eb.cur = 8;             /* after "two " */
	editbuf_kill_line(&eb);
	text_is(&eb, "one\nthree\nfour");
	assert_int_equal(eb.cur, 4);
	editbuf_kill_line(&eb);
	text_is(&eb, "one\nthree\nfour");
	editbuf_kill_eol(&eb);
	text_is(&eb, "one\n\nfour");
	editbuf_kill_eol(&eb);
	text_is(&eb, "one\nfour");
	editbuf_free(&eb);
}

static void
editbuf_home_and_end__stop__at_the_line_breaks(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "ab\ncde\nf", 1);
	eb.cur = 4;
	editbuf_home(&eb);
	assert_int_equal(eb.cur, 3);
	editbuf_end(&eb);
	assert_int_equal(eb.cur, 6);
	editbuf_end(&eb);
	assert_int_equal(eb.cur, 6);
	editbuf_bottom(&eb);
	assert_int_equal(eb.cur, 8);
	editbuf_free(&eb);
}

static void
editbuf_insert__turns__line_breaks_into_spaces_in_a_single_line_buffer(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, NULL, 0);
	editbuf_insert(&eb, "a\r\nb\nc\rd", 8);
	text_is(&eb, "a b c d");
	editbuf_free(&eb);
	init(&eb, NULL, 1);
	editbuf_insert(&eb, "a\r\nb\nc\rd", 8);
	text_is(&eb, "a\nb\nc\nd");
	editbuf_free(&eb);
}

static void
editbuf_insert__cuts__at_a_character_boundary_when_full(void **state)
{
	struct editbuf eb;

	(void)state;
	assert_int_equal(editbuf_init(&eb, "ab", 0, 7), 0);
	assert_int_equal(editbuf_insert(&eb, ZHONG WEN, 6), 1);
	text_is(&eb, "ab" ZHONG);
	assert_int_equal(eb.cur, 5);
	assert_int_equal(editbuf_insert(&eb, "xyz", 3), 1);
	text_is(&eb, "ab" ZHONG "xy");
	editbuf_free(&eb);
}

static void
editbuf_init__keeps__a_text_longer_than_the_maximum_whole(void **state)
{
	struct editbuf eb;

	(void)state;
	assert_int_equal(editbuf_init(&eb, "abcdef", 0, 4), 0);
	text_is(&eb, "abcdef");
	assert_int_equal(editbuf_insert(&eb, "g", 1), 1);
	text_is(&eb, "abcdef");
	editbuf_backspace(&eb);
	text_is(&eb, "abcde");
	editbuf_free(&eb);
}

static void
editbuf_lines__moves__a_page_and_stops_at_the_first_and_last_lines(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "l0xx\nl1\nl2xx\nl3xx\nl4xx", 1);
	eb.cur = 3;             /* line 0, column 3 */
	editbuf_lines(&eb, 20, 3);
	assert_int_equal(eb.cur, 16);   /* line 3, column 3 */
	editbuf_lines(&eb, 20, 3);
	assert_int_equal(eb.cur, 21);   /* line 4 (the last), column 3 */
	editbuf_lines(&eb, 20, 3);
	assert_int_equal(eb.cur, eb.len);
	editbuf_lines(&eb, 20, -2);
	assert_int_equal(eb.cur, 11);   /* line 2, still column 3 */
	editbuf_lines(&eb, 20, -9);
	assert_int_equal(eb.cur, 3);
	editbuf_lines(&eb, 20, -9);
	assert_int_equal(eb.cur, 0);
	editbuf_free(&eb);
}

static void
editbuf_insert__takes__a_megabyte_paste_in_one_piece(void **state)
{
	const char unit[] = "Incident r\xc3\xa9ponse " ZHONG WEN " \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\n";
	size_t ulen = sizeof unit - 1, n = (1u << 20) / ulen + 1, total = n * ulen;
	char *big = malloc(total);
	struct editbuf eb;
	size_t line;
	int col;
	struct editbuf_layout l;

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		memcpy(big + i * ulen, unit, ulen);
	init(&eb, "[]", 1);
	editbuf_left(&eb);
	assert_int_equal(editbuf_insert(&eb, big, total), 0);
	assert_int_equal(eb.len, total + 2);
	assert_int_equal(eb.cur, total + 1);
	assert_memory_equal(eb.s + 1, big, total);
	assert_int_equal(eb.s[total + 1], ']');
	/* Up from column 1 of the last line ("]") keeps working on the whole text. */
	editbuf_right(&eb);
	editbuf_up(&eb, 80);
	assert_int_equal(eb.cur, total + 2 - ulen);
	assert_int_equal(editbuf_layout(&eb, 80, &l), 0);
	assert_int_equal(l.nlines, n + 1);
	editbuf_layout_pos(&l, eb.cur, &line, &col);
	assert_int_equal(line, n - 1);
	assert_int_equal(col, 1);
	editbuf_layout_free(&l);
	editbuf_free(&eb);
	free(big);
}

static void
editbuf_up_and_down__keep__the_display_column_over_short_lines(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "abcdef\nxy\nabcdefgh", 1);
	eb.cur = 5;             /* column 5 of line 1 */
	editbuf_down(&eb, 20);
	assert_int_equal(eb.cur, 9);    /* end of "xy" */
	editbuf_down(&eb, 20);
	assert_int_equal(eb.cur, 15);   /* column 5 again */
	editbuf_up(&eb, 20);
	editbuf_up(&eb, 20);
	assert_int_equal(eb.cur, 5);
	editbuf_up(&eb, 20);
	assert_int_equal(eb.cur, 0);
	editbuf_down(&eb, 20);
	editbuf_down(&eb, 20);
	editbuf_down(&eb, 20);
	assert_int_equal(eb.cur, eb.len);
	editbuf_free(&eb);
}

static void
editbuf_up_and_down__move__by_wrapped_line_of_wide_characters(void **state)
{
	struct editbuf eb;

	(void)state;
	/* Six wide characters in 8 columns: two lines, "中文中文" and "中文". */
	init(&eb, ZHONG WEN ZHONG WEN ZHONG WEN, 0);
	eb.cur = 15;            /* after the first character of line 2: column 2 */
	editbuf_up(&eb, 8);
	assert_int_equal(eb.cur, 3);
	editbuf_right(&eb);     /* column 4 */
	editbuf_down(&eb, 8);
	assert_int_equal(eb.cur, 18);
	editbuf_free(&eb);
	/* Column 3 falls inside a wide character: the cursor stops before it. */
	init(&eb, "abcdef\n" ZHONG WEN "ab", 1);
	eb.cur = 3;
	editbuf_down(&eb, 20);
	assert_int_equal(eb.cur, 10);
	editbuf_free(&eb);
}

static void
editbuf_up__counts__a_base_and_its_marks_as_one_column(void **state)
{
	struct editbuf eb;

	(void)state;
	init(&eb, "e" ACUTE "e" ACUTE "e" ACUTE "\nabc", 1);
	editbuf_bottom(&eb);    /* column 3 */
	editbuf_up(&eb, 20);
	assert_int_equal(eb.cur, 9);
	editbuf_left(&eb);
	editbuf_down(&eb, 20);  /* from column 2 */
	assert_int_equal(eb.cur, 12);
	editbuf_free(&eb);
}

static void
editbuf_layout__shows__control_sequences_inert(void **state)
{
	struct editbuf eb;
	struct editbuf_layout l;
	size_t line;
	int col;

	(void)state;
	init(&eb, "a\x1b[2J\x1b]0;x\x07" "b\xff", 1);
	assert_int_equal(editbuf_layout(&eb, 40, &l), 0);
	assert_null(memchr(l.text, 0x1b, l.len));
	assert_null(memchr(l.text, 0x07, l.len));
	assert_non_null(strstr(l.text, "\xef\xbf\xbd"));
	editbuf_layout_pos(&l, eb.len, &line, &col);
	assert_int_equal(line, 0);
	assert_int_equal(col, (int)strlen("a[2J]0;xb") + 1);
	editbuf_layout_free(&l);
	editbuf_free(&eb);
}

static void
editbuf_layout_pos__places__the_cursor_after_a_soft_break(void **state)
{
	struct editbuf eb;
	struct editbuf_layout l;
	size_t line;
	int col;

	(void)state;
	init(&eb, "aaaa bbbb", 0);
	assert_int_equal(editbuf_layout(&eb, 6, &l), 0);
	assert_int_equal(l.nlines, 2);
	editbuf_layout_pos(&l, 5, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 0);
	editbuf_layout_pos(&l, 4, &line, &col);
	assert_int_equal(line, 0);
	assert_int_equal(col, 4);
	assert_int_equal(editbuf_layout_offset(&l, 1, 2), 7);
	assert_int_equal(editbuf_layout_offset(&l, 0, 99), 4);
	editbuf_layout_free(&l);
	editbuf_free(&eb);
}

/* Every boundary found walking forward is found walking back, and the cursor is one. */
static void
check_boundaries(const struct editbuf *eb)
{
	size_t p = 0, prev = 0;
	int cur_seen = eb->cur == 0;

	assert_true(eb->len < eb->cap);
	assert_int_equal(eb->s[eb->len], '\0');
	while (p < eb->len) {
		size_t q = editbuf_next(eb, p);

		assert_true(q > p);
		assert_int_equal(editbuf_prev(eb, q), p);
		prev = p;
		p = q;
		if (p == eb->cur)
			cur_seen = 1;
	}
	(void)prev;
	assert_true(cur_seen);
}

static void
editbuf__keeps__the_cursor_on_a_boundary_through_random_edits(void **state)
{
	static const char *const pieces[] = { "a", " ", ",", "\n", ACUTE, ZHONG, "\xe4", "\xb8",
	    "\xad", "\xff", "\xd9\x85", "\r", "\xf0\x9f", "\x98\x80", "\x1b[2J" };
	unsigned long seed = 12345;
	struct editbuf eb;

	(void)state;
	init(&eb, NULL, 1);
	for (int i = 0; i < 3000; i++) {
		unsigned r;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		r = (unsigned)(seed >> 33);
		switch (r % 16) {
		case 0: editbuf_left(&eb); break;
		case 1: editbuf_right(&eb); break;
		case 2: editbuf_word_left(&eb); break;
		case 3: editbuf_word_right(&eb); break;
		case 4: editbuf_backspace(&eb); break;
		case 5: editbuf_del(&eb); break;
		case 6: if (r % 7 == 0) editbuf_kill_word(&eb); break;
		case 7: editbuf_up(&eb, 1 + (int)(r >> 8) % 9); break;
		case 8: editbuf_down(&eb, 1 + (int)(r >> 8) % 9); break;
		case 9: editbuf_home(&eb); break;
		case 10: editbuf_end(&eb); break;
		case 11: if (r % 5 == 0) editbuf_kill_eol(&eb); break;
		default: {
			const char *pc = pieces[(r >> 8) % (sizeof pieces / sizeof pieces[0])];

			assert_int_equal(editbuf_insert(&eb, pc, strlen(pc)), 0);
			break;
		}
		}
		check_boundaries(&eb);
		if (i % 100 == 0) {
			struct editbuf_layout l;
			size_t line;
			int col;

			assert_int_equal(editbuf_layout(&eb, 7, &l), 0);
			for (size_t k = 0; k < l.len; k++)
				assert_true((unsigned char)l.text[k] >= 0x20 || l.text[k] == '\n');
			editbuf_layout_pos(&l, eb.cur, &line, &col);
			assert_true(line < l.nlines);
			assert_true(col <= 7);
			editbuf_layout_free(&l);
		}
	}
	editbuf_free(&eb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(editbuf_init__starts__with_the_cursor_at_the_end_and_unchanged),
		cmocka_unit_test(editbuf__leaves__an_empty_buffer_empty_under_every_key),
		cmocka_unit_test(editbuf__stays__in_bounds_with_the_cursor_at_either_end),
		cmocka_unit_test(editbuf_insert__puts__text_at_the_cursor),
		cmocka_unit_test(editbuf_backspace__removes__whole_wide_character),
		cmocka_unit_test(editbuf__never__separates_a_combining_mark_from_its_base),
		cmocka_unit_test(editbuf_backspace__removes__a_base_with_all_its_marks),
		cmocka_unit_test(editbuf_insert__keeps__the_cursor_after_a_mark_it_joins),
		cmocka_unit_test(editbuf__keeps__a_mark_after_a_line_break_apart_from_the_break),
		cmocka_unit_test(editbuf__steps__over_invalid_bytes_one_at_a_time),
		cmocka_unit_test(editbuf_insert__completes__a_truncated_sequence_without_splitting_it),
		cmocka_unit_test(editbuf_backspace__lands__after_a_sequence_its_deletion_joined),
		cmocka_unit_test(editbuf_word_right__treats__punctuation_and_spaces_as_separators),
		cmocka_unit_test(editbuf_word_right__moves__over_arabic_words),
		cmocka_unit_test(editbuf_kill_word__removes__the_word_before_the_cursor_only),
		cmocka_unit_test(editbuf_kill_line__removes__from_the_line_start_to_the_cursor),
		cmocka_unit_test(editbuf_home_and_end__stop__at_the_line_breaks),
		cmocka_unit_test(editbuf_insert__turns__line_breaks_into_spaces_in_a_single_line_buffer),
		cmocka_unit_test(editbuf_insert__cuts__at_a_character_boundary_when_full),
		cmocka_unit_test(editbuf_init__keeps__a_text_longer_than_the_maximum_whole),
		cmocka_unit_test(editbuf_lines__moves__a_page_and_stops_at_the_first_and_last_lines),
		cmocka_unit_test(editbuf_insert__takes__a_megabyte_paste_in_one_piece),
		cmocka_unit_test(editbuf_up_and_down__keep__the_display_column_over_short_lines),
		cmocka_unit_test(editbuf_up_and_down__move__by_wrapped_line_of_wide_characters),
		cmocka_unit_test(editbuf_up__counts__a_base_and_its_marks_as_one_column),
		cmocka_unit_test(editbuf_layout__shows__control_sequences_inert),
		cmocka_unit_test(editbuf_layout_pos__places__the_cursor_after_a_soft_break),
		cmocka_unit_test(editbuf__keeps__the_cursor_on_a_boundary_through_random_edits),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
