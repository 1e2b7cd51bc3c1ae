/* test-framework.c: unit tests of the framework parser, the built-in annexes and the catalogue. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "framework.h"

/* ---- helpers ---- */

static struct framework *
parse_ok(const char *src)
{
	struct framework *fw = NULL;
	char *err = NULL;
	int rc = fw_parse("t.txt", src, strlen(src), &fw, &err);

	if (rc != 0)
		fail_msg("unexpected error: %s", err != NULL ? err : "(none)");
	assert_null(err);
	assert_non_null(fw);
	return fw;
}

/* Parses SRC (LEN bytes) and checks that it fails with a message starting with PREFIX and
 * containing WORDS. */
static void
parse_fails_n(const char *src, size_t len, const char *prefix, const char *words)
{
	struct framework *fw = (struct framework *)1;
	char *err = NULL;
	int rc = fw_parse("t.txt", src, len, &fw, &err);

	assert_int_equal(rc, -1);
	assert_null(fw);
	assert_non_null(err);
	if (strncmp(err, prefix, strlen(prefix)) != 0 || strstr(err, words) == NULL)
		fail_msg("message '%s' lacks '%s' ... '%s'", err, prefix, words);
	free(err);
}

static void
parse_fails(const char *src, const char *prefix, const char *words)
{
	parse_fails_n(src, strlen(src), prefix, words);
}

#define HEAD "framework KE\nannex National checklist\n"

static char *
write_temp(const char *content)
{
	char *path = strdup("/tmp/ciipwb-test-fw-XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}

static const char good[] =
    "# a comment\n"
    "framework KE-2026\n"
    "symbol    KE/CIIP/1\n"
    "adopted   2026-03-01\n"
    "title     National checklist for protecting\n"
    "          critical information infrastructures\n"
    "annex     Checklist\n"
    "short     Kenya checklist\n"
    "footnote  * Drafted by the national team.\n"
    "\n"
    "item 0\n"
    "text      Before any heading.\n"
    "\n"
    "heading   Governance\n"
    "item 1\n"
    "short     Lead agency\n"
    "text      Name the lead agency\n"
    "# a comment inside a continuation\n"
    "   and its mandate.\n"
    "text      Second paragraph.\n"
    "bullet    First\n"
    "\tbullet;\n"
    "bullet    Second bullet.\n"
    "footnote  a The footnote\n"
    "          text.\n"
    "related   64/211:10, 58/199:1\n"
    "heading   Operations\n"
    "item 2.1\n"
    "text      A much longer item text that has no short title of its own at all.\n";

/* ---- the parser: good input ---- */

static void
parse__reads__every_field(void **state)
{
	struct framework *fw = parse_ok(good);
	const struct fw_item *it;

	(void)state;
	assert_string_equal(fw->id, "KE-2026");
	assert_string_equal(fw->symbol, "KE/CIIP/1");
	assert_string_equal(fw->adopted, "2026-03-01");
	assert_string_equal(fw->title,
	    "National checklist for protecting critical information infrastructures");
	assert_string_equal(fw->annex_title, "Checklist");
	assert_string_equal(fw->short_title, "Kenya checklist");
	assert_string_equal(fw->source, "t.txt");
	assert_int_equal(fw->id_line, 2);
	assert_int_equal(fw->nfootnotes, 1);
	assert_string_equal(fw->footnotes[0].mark, "*");
	assert_string_equal(fw->footnotes[0].text, "Drafted by the national team.");
	assert_int_equal(fw->nheadings, 2);
	assert_string_equal(fw->headings[0].title, "Governance");
	assert_int_equal(fw->headings[0].first_item, 1);
	assert_int_equal(fw->headings[0].nitems, 1);
	assert_int_equal(fw->headings[1].first_item, 2);
	assert_int_equal(fw->nitems, 3);

	it = &fw->items[0];
	assert_int_equal(it->heading, FW_NO_HEADING);
	assert_string_equal(it->ref, "KE-2026:0");

	it = &fw->items[1];
	assert_string_equal(it->ref, "KE-2026:1");
	assert_string_equal(it->number, "1");
	assert_string_equal(it->short_title, "Lead agency");
	assert_string_equal(it->text, "Name the lead agency and its mandate.\nSecond paragraph.");
	assert_int_equal(it->nbullets, 2);
	assert_string_equal(it->bullets[0], "First bullet;");
	assert_string_equal(it->bullets[1], "Second bullet.");
	assert_int_equal(it->nfootnotes, 1);
	assert_string_equal(it->footnotes[0].mark, "a");
	assert_string_equal(it->footnotes[0].text, "The footnote text.");
	assert_int_equal(it->heading, 0);
	assert_int_equal(it->index, 1);
	assert_ptr_equal(it->fw, fw);

	assert_int_equal(fw->nxrefs, 2);
	assert_string_equal(fw->xrefs[0].a, "KE-2026:1");
	assert_string_equal(fw->xrefs[0].b, "64/211:10");
	assert_string_equal(fw->xrefs[1].b, "58/199:1");
	assert_int_equal(fw->xrefs[1].line, 26);

	it = &fw->items[2];
	assert_string_equal(it->ref, "KE-2026:2.1");
	assert_int_equal(it->heading, 1);
	/* No 'short': the start of the text, cut at a word, with an ellipsis. */
	assert_string_equal(it->short_title, "A much longer item text that has no\xe2\x80\xa6");
	fw_free(fw);
}

static void
parse__defaults__symbol_title_and_short_title_to_id_and_annex(void **state)
{
	struct framework *fw = parse_ok(HEAD "item 1\ntext Do it.\n");

	(void)state;
	assert_string_equal(fw->symbol, "KE");
	assert_string_equal(fw->title, "National checklist");
	assert_string_equal(fw->short_title, "National checklist");
	assert_null(fw->adopted);
	assert_int_equal(fw->nheadings, 0);
	assert_string_equal(fw->items[0].short_title, "Do it.");
	fw_free(fw);
}

static void
parse__accepts__crlf_line_endings_and_a_byte_order_mark(void **state)
{
	struct framework *fw = parse_ok("\xef\xbb\xbf" "framework KE\r\nannex A\r\nitem 1\r\n"
	    "text Caf\xc3\xa9\r\n  au lait\r\n");

	(void)state;
	assert_string_equal(fw->id, "KE");
	assert_string_equal(fw->items[0].text, "Caf\xc3\xa9 au lait");
	fw_free(fw);
}

static void
parse__accepts__a_last_line_without_newline(void **state)
{
	struct framework *fw = parse_ok(HEAD "item 1\ntext Last");

	(void)state;
	assert_string_equal(fw->items[0].text, "Last");
	fw_free(fw);
}

/* ---- the parser: malformed input ---- */

static void
parse__rejects__unknown_directive(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext x\nitme 2\n", "t.txt:5:", "unknown directive 'itme'");
}

static void
parse__rejects__item_without_number(void **state)
{
	(void)state;
	parse_fails(HEAD "item\ntext x\n", "t.txt:3:", "needs a number");
}

static void
parse__rejects__item_number_with_text(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1 Do this\ntext x\n", "t.txt:3:", "item number '1 Do this'");
}

static void
parse__rejects__duplicate_item_number(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1a\ntext x\nitem 1A\ntext y\n", "t.txt:5:",
	    "already defined on line 3");
}

static void
parse__rejects__text_before_any_item(void **state)
{
	(void)state;
	parse_fails(HEAD "text x\n", "t.txt:3:", "'text' outside an item");
}

static void
parse__rejects__text_after_a_heading_before_its_item(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext x\nheading H\ntext y\n", "t.txt:6:", "outside an item");
}

static void
parse__rejects__bullet_before_any_item(void **state)
{
	(void)state;
	parse_fails(HEAD "bullet x\n", "t.txt:3:", "'bullet' outside an item");
}

static void
parse__rejects__related_before_any_item(void **state)
{
	(void)state;
	parse_fails(HEAD "related 64/211:1\n", "t.txt:3:", "'related' outside an item");
}

static void
parse__rejects__directive_before_framework_id(void **state)
{
	(void)state;
	parse_fails("# c\nannex A\nframework KE\n", "t.txt:2:", "before 'framework'");
}

static void
parse__rejects__file_without_framework_id(void **state)
{
	(void)state;
	parse_fails("# only a comment\n\n", "t.txt:", "no 'framework ID' line");
	parse_fails("", "t.txt:", "no 'framework ID' line");
}

static void
parse__rejects__bad_framework_id(void **state)
{
	(void)state;
	parse_fails("framework 64:211\n", "t.txt:1:", "framework id '64:211'");
	parse_fails("framework a b\n", "t.txt:1:", "framework id 'a b'");
}

static void
parse__rejects__second_framework_line(void **state)
{
	(void)state;
	parse_fails(HEAD "framework X\n", "t.txt:3:", "first on line 1");
}

static void
parse__rejects__missing_annex_title(void **state)
{
	(void)state;
	parse_fails("framework KE\nitem 1\ntext x\n", "t.txt:1:", "no 'annex' line");
}

static void
parse__rejects__framework_without_items(void **state)
{
	(void)state;
	parse_fails(HEAD, "t.txt:", "no items");
}

static void
parse__rejects__item_without_text(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\nshort S\nitem 2\ntext x\n", "t.txt:3:", "item 1 has no text");
	parse_fails(HEAD "item 1\n", "t.txt:3:", "item 1 has no text");
}

static void
parse__rejects__heading_without_items(void **state)
{
	(void)state;
	parse_fails(HEAD "heading A\nheading B\nitem 1\ntext x\n", "t.txt:3:", "heading has no items");
	parse_fails(HEAD "item 1\ntext x\nheading Z\n", "t.txt:5:", "heading has no items");
}

static void
parse__rejects__indented_line_after_a_blank_line(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext x\n\n   more\n", "t.txt:6:", "continues nothing");
	parse_fails("  framework KE\n", "t.txt:1:", "continues nothing");
}

static void
parse__rejects__header_directive_after_an_item(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext x\ntitle T\n", "t.txt:5:", "belongs in the header");
}

static void
parse__rejects__header_directive_given_twice(void **state)
{
	(void)state;
	parse_fails(HEAD "annex B\n", "t.txt:3:", "'annex' given twice");
	parse_fails(HEAD "item 1\nshort a\nshort b\ntext x\n", "t.txt:5:", "'short' given twice");
}

static void
parse__rejects__empty_directive(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext\n", "t.txt:4:", "'text' needs a value");
}

static void
parse__rejects__bad_adoption_date(void **state)
{
	(void)state;
	parse_fails("framework KE\nadopted 21 December 2009\n", "t.txt:2:", "YYYY-MM-DD");
	parse_fails("framework KE\nadopted 2009-13-01\n", "t.txt:2:", "YYYY-MM-DD");
}

static void
parse__rejects__text_after_bullets(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext x\nbullet b\ntext y\n", "t.txt:6:", "after a bullet");
}

static void
parse__rejects__footnote_without_text_or_repeated(void **state)
{
	(void)state;
	parse_fails(HEAD "footnote 2\n", "t.txt:3:", "needs a mark and a text");
	parse_fails(HEAD "footnote 2 a\nfootnote 2 b\n", "t.txt:4:", "footnote '2' given twice");
	parse_fails(HEAD "item 1\ntext x\nheading H\nfootnote 3 x\n", "t.txt:6:", "after a heading");
}

static void
parse__rejects__overlong_short_title(void **state)
{
	char src[512];

	(void)state;
	snprintf(src, sizeof src, HEAD "item 1\nshort %0100d\ntext x\n", 0);
	parse_fails(src, "t.txt:4:", "longer than 80 bytes");
}

static void
parse__rejects__malformed_related_reference(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext x\nrelated 64/211\n", "t.txt:5:", "'64/211' is not a reference");
	parse_fails(HEAD "item 1\ntext x\nrelated 64/211:9-3\n", "t.txt:5:", "bad range");
}

static void
parse__rejects__overlong_line(void **state)
{
	size_t n = strlen(HEAD) + 5 + 5000;
	char *src = malloc(n + 2);

	(void)state;
	assert_non_null(src);
	strcpy(src, HEAD "text ");
	memset(src + strlen(src), 'x', 5000);
	src[n] = '\n';
	src[n + 1] = '\0';
	parse_fails(src, "t.txt:3:", "longer than 4096 bytes");
	free(src);
}

static void
parse__rejects__absurdly_long_directive(void **state)
{
	size_t cont = 80, lines = 1000, n = strlen(HEAD) + 20 + lines * (cont + 1);
	char *src = malloc(n + 1), *p;

	(void)state;
	assert_non_null(src);
	p = src + sprintf(src, HEAD "item 1\ntext x\n");
	for (size_t i = 0; i < lines; i++) {
		memset(p, 'y', cont);
		p[0] = ' ';
		p[cont] = '\n';
		p += cont + 1;
	}
	*p = '\0';
	parse_fails(src, "t.txt:4:", "longer than 65536 bytes");
	free(src);
}

static void
parse__rejects__oversized_file(void **state)
{
	size_t n = FW_MAX_FILE + 1;
	char *src = malloc(n);

	(void)state;
	assert_non_null(src);
	memset(src, '#', n);
	parse_fails_n(src, n, "t.txt:", "larger than");
	free(src);
}

static void
parse__rejects__invalid_utf8(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext caf\xe9\n", "t.txt:4:", "invalid UTF-8");
	parse_fails(HEAD "item 1\ntext \xc0\xaf\n", "t.txt:4:", "invalid UTF-8");       /* overlong */
	parse_fails(HEAD "item 1\ntext \xed\xa0\x80\n", "t.txt:4:", "invalid UTF-8");   /* surrogate */
	parse_fails(HEAD "item 1\ntext \xf4\x90\x80\x80\n", "t.txt:4:", "invalid UTF-8");
	parse_fails(HEAD "item 1\ntext \xe2\x80\n", "t.txt:4:", "invalid UTF-8");      /* cut short */
}

static void
parse__rejects__nul_byte(void **state)
{
	static const char src[] = HEAD "item 1\ntext a\0b\n";

	(void)state;
	parse_fails_n(src, sizeof src - 1, "t.txt:4:", "NUL byte");
}

static void
parse__rejects__control_characters(void **state)
{
	(void)state;
	parse_fails(HEAD "item 1\ntext \x1b[31mred\n", "t.txt:4:", "U+001B");
	parse_fails(HEAD "item 1\ntext \xc2\x9b" "31m\n", "t.txt:4:", "U+009B");
	parse_fails(HEAD "item 1\ntext a\rb\n", "t.txt:4:", "U+000D");
}

/* A cheap deterministic fuzz: mutations of the built-in data never crash the parser (run it
 * under the sanitizers), and each result is either a framework or a "name:" message. */
static void
parse__survives__mutated_built_in_data(void **state)
{
	uint32_t seed = 12345;

	(void)state;
	for (size_t round = 0; round < 3000; round++) {
		const struct fw_builtin *b = &fw_builtins[round % fw_nbuiltins];
		char *buf = malloc(b->len + 1);
		size_t len = b->len;
		struct framework *fw = NULL;
		char *err = NULL;
		int rc;

		assert_non_null(buf);
		memcpy(buf, b->data, b->len);
		for (int m = 0; m < 1 + (int)(round % 5); m++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % (len + 1);

			seed = seed * 1103515245u + 12345u;
			switch ((seed >> 16) % 4) {
			case 0:
				if (at < len)
					buf[at] = (char)(seed >> 24);
				break;
			case 1:
				len = at;       /* truncate */
				break;
			case 2:
				if (at < len)
					buf[at] = "\n \t#:-"[(seed >> 24) % 6];
				break;
			default:
				if (at < len)
					memmove(buf + at, buf + at + 1, len - at - 1), len--;
				break;
			}
		}
		if (strcmp(b->name + strlen(b->name) - 8, "xref.txt") == 0) {
			struct fw_xref *xs = NULL;
			size_t nx = 0;

			rc = fw_xref_parse(b->name, buf, len, &xs, &nx, &err);
			for (size_t i = 0; i < nx; i++) {
				free(xs[i].a);
				free(xs[i].b);
			}
			free(xs);
		} else {
			rc = fw_parse(b->name, buf, len, &fw, &err);
			assert_true(rc == 0 ? fw != NULL && err == NULL : fw == NULL);
			fw_free(fw);
		}
		if (rc != 0) {
			assert_non_null(err);
			assert_memory_equal(err, b->name, strlen(b->name));
		}
		free(err);
		free(buf);
	}
}

/* ---- the cross-reference file parser ---- */

static void
xref__reads__pairs_and_ranges(void **state)
{
	static const char src[] = "# c\n58/199:9  64/211:13-15, 64/211:2  # why\n\n";
	struct fw_xref *xs = NULL;
	size_t nx = 0;
	char *err = NULL;

	(void)state;
	assert_int_equal(fw_xref_parse("x.txt", src, strlen(src), &xs, &nx, &err), 0);
	assert_int_equal(nx, 4);
	assert_string_equal(xs[0].a, "58/199:9");
	assert_string_equal(xs[0].b, "64/211:13");
	assert_string_equal(xs[2].b, "64/211:15");
	assert_string_equal(xs[3].b, "64/211:2");
	assert_int_equal(xs[3].line, 2);
	assert_string_equal(xs[3].source, "x.txt");
	for (size_t i = 0; i < nx; i++) {
		free(xs[i].a);
		free(xs[i].b);
	}
	free(xs);
}

static void
xref_fails(const char *src, const char *prefix, const char *words)
{
	struct fw_xref *xs = NULL;
	size_t nx = 0;
	char *err = NULL;

	assert_int_equal(fw_xref_parse("x.txt", src, strlen(src), &xs, &nx, &err), -1);
	assert_int_equal(nx, 0);
	assert_non_null(err);
	if (strncmp(err, prefix, strlen(prefix)) != 0 || strstr(err, words) == NULL)
		fail_msg("message '%s' lacks '%s' ... '%s'", err, prefix, words);
	free(err);
	free(xs);
}

static void
xref__rejects__malformed_lines(void **state)
{
	(void)state;
	xref_fails("58/199:1 64/211:2\n58/199:2\n", "x.txt:2:", "has no related references");
	xref_fails("58/199:1-3 64/211:2\n", "x.txt:1:", "not a range");
	xref_fails("58/199:1 64/211\n", "x.txt:1:", "not a reference");
	xref_fails("58/199:1 64/211:5-5\n", "x.txt:1:", "bad range");
	xref_fails("58/199:1 64/211:1-99999\n", "x.txt:1:", "bad range");
	xref_fails("58/199:1 64/211:\xff\n", "x.txt:1:", "invalid UTF-8");
}

/* ---- the built-in catalogue ---- */

static int
cat_setup(void **state)
{
	struct catalog *cat = NULL;
	char *err = NULL;

	if (catalog_load(&cat, NULL, 0, &err) != 0) {
		fprintf(stderr, "catalog_load: %s\n", err);
		free(err);
		return -1;
	}
	*state = cat;
	return 0;
}

static int
cat_teardown(void **state)
{
	catalog_free(*state);
	return 0;
}

static void
builtin__has__both_annexes_with_their_items(void **state)
{
	const struct catalog *cat = *state;
	const struct framework *a, *b;

	assert_int_equal(cat->nfws, 2);
	a = cat->fws[0];
	b = cat->fws[1];
	assert_string_equal(a->id, "58/199");
	assert_string_equal(a->symbol, "A/RES/58/199");
	assert_string_equal(a->adopted, "2003-12-23");
	assert_string_equal(a->title, "Creation of a global culture of cybersecurity and the "
	    "protection of critical information infrastructures");
	assert_string_equal(a->annex_title,
	    "Elements for protecting critical information infrastructures");
	assert_int_equal(a->nitems, 11);
	assert_int_equal(a->nheadings, 0);
	assert_int_equal(a->nfootnotes, 0);
	assert_string_equal(a->items[0].text,
	    "Have emergency warning networks regarding cyber-vulnerabilities, threats and incidents.");
	assert_string_equal(a->items[0].short_title, "Emergency warning networks");

	assert_string_equal(b->id, "64/211");
	assert_string_equal(b->symbol, "A/RES/64/211");
	assert_string_equal(b->adopted, "2009-12-21");
	assert_string_equal(b->annex_title, "Voluntary self-assessment tool for national efforts "
	    "to protect critical information infrastructures");
	assert_int_equal(b->nitems, 18);
	for (size_t i = 0; i < b->nitems; i++) {
		char num[24];

		snprintf(num, sizeof num, "%zu", i + 1);
		assert_string_equal(b->items[i].number, num);
		assert_true(strlen(b->items[i].short_title) > 0);
		assert_true(strlen(b->items[i].short_title) <= 40);
	}
}

static void
builtin__groups__64_211_under_seven_headings(void **state)
{
	const struct catalog *cat = *state;
	const struct framework *b = cat->fws[1];
	static const size_t counts[] = { 4, 1, 2, 2, 3, 5, 1 };
	size_t first = 0;

	assert_int_equal(b->nheadings, 7);
	assert_string_equal(b->headings[0].title, "Taking stock of cybersecurity needs and strategies");
	assert_string_equal(b->headings[6].title, "Developing a global culture of cybersecurity");
	for (size_t h = 0; h < 7; h++) {
		assert_int_equal(b->headings[h].nitems, counts[h]);
		assert_int_equal(b->headings[h].first_item, first);
		for (size_t i = first; i < first + counts[h]; i++)
			assert_int_equal(b->items[i].heading, h);
		first += counts[h];
	}
}

static void
builtin__question_5__has_four_bullets(void **state)
{
	const struct fw_item *q5 = catalog_find(*state, "64/211:5");

	assert_non_null(q5);
	assert_int_equal(q5->nbullets, 4);
	assert_string_equal(q5->bullets[0], "National Government ministries or agencies, noting "
	    "primary points of contact and responsibilities of each;");
	assert_string_equal(q5->bullets[1], "Other government (local and regional) participants;");
	for (size_t i = 0; i < 18; i++)
		if (i != 4)
			assert_int_equal(((const struct catalog *)*state)->fws[1]->items[i].nbullets, 0);
}

static void
builtin__annex_title_of_64_211__has_footnote_2(void **state)
{
	const struct framework *b = ((const struct catalog *)*state)->fws[1];

	assert_int_equal(b->nfootnotes, 1);
	assert_string_equal(b->footnotes[0].mark, "2");
	assert_string_equal(b->footnotes[0].text, "This is a voluntary tool that may be used by "
	    "Member States, in part or in its entirety, if and when they deem appropriate, in order "
	    "to assist in their efforts to protect their critical information infrastructures and "
	    "strengthen their cybersecurity.");
}

static void
builtin__xrefs__resolve_and_cover_every_element(void **state)
{
	const struct catalog *cat = *state;
	const struct framework *a = cat->fws[0];

	assert_true(cat->nxrefs > 11);
	for (size_t x = 0; x < cat->nxrefs; x++) {
		const struct fw_item *ia = catalog_find(cat, cat->xrefs[x].a);
		const struct fw_item *ib = catalog_find(cat, cat->xrefs[x].b);

		if (ia == NULL || ib == NULL)
			fail_msg("%s:%u: unknown ref in %s -> %s", cat->xrefs[x].source,
			    cat->xrefs[x].line, cat->xrefs[x].a, cat->xrefs[x].b);
		assert_string_equal(cat->xrefs[x].source, "data/xref.txt");
		assert_ptr_not_equal(ia->fw, ib->fw);
	}
	for (size_t i = 0; i < a->nitems; i++) {
		const char *rel[32];
		size_t n = catalog_related(cat, a->items[i].ref, rel, 32);

		if (n == 0)
			fail_msg("%s has no related 64/211 question", a->items[i].ref);
		for (size_t k = 0; k < n; k++)
			assert_memory_equal(rel[k], "64/211:", 7);
	}
}

/* ---- the catalogue: lookups ---- */

static void
find__accepts__refs_case_and_blanks_and_symbols(void **state)
{
	const struct catalog *cat = *state;
	const struct fw_item *it;

	it = catalog_find(cat, "58/199:3");
	assert_non_null(it);
	assert_string_equal(it->ref, "58/199:3");
	assert_string_equal(it->short_title, "Interdependencies");
	assert_ptr_equal(catalog_find(cat, " 64/211 : 5 "), catalog_find(cat, "64/211:5"));
	assert_ptr_equal(catalog_find(cat, "a/res/64/211:5"), catalog_find(cat, "64/211:5"));
	assert_non_null(catalog_find(cat, "64/211:18"));
	assert_ptr_equal(catalog_framework(cat, "A/RES/58/199"), cat->fws[0]);
	assert_ptr_equal(catalog_framework(cat, " 64/211 "), cat->fws[1]);
	assert_null(catalog_framework(cat, "64/212"));
}

static void
find__returns_null__for_unknown_refs(void **state)
{
	const struct catalog *cat = *state;

	assert_null(catalog_find(cat, "64/211:19"));
	assert_null(catalog_find(cat, "58/199:0"));
	assert_null(catalog_find(cat, "64/211"));
	assert_null(catalog_find(cat, "99/999:1"));
	assert_null(catalog_find(cat, ""));
	assert_null(catalog_find(cat, ":"));
	assert_null(catalog_find(cat, "64/211:"));
	assert_null(catalog_find(cat, ":5"));
	assert_null(catalog_find(cat, NULL));
}

static void
related__lists__58_199_element_1_and_its_questions_both_ways(void **state)
{
	const struct catalog *cat = *state;
	const char *rel[8];
	size_t n;

	n = catalog_related(cat, "58/199:1", rel, 8);
	assert_int_equal(n, 3);
	assert_string_equal(rel[0], "64/211:10");
	assert_string_equal(rel[1], "64/211:11");
	assert_string_equal(rel[2], "64/211:12");

	n = catalog_related(cat, "64/211:10", rel, 8);
	assert_true(n >= 1);
	assert_string_equal(rel[0], "58/199:1");

	n = catalog_related(cat, "64/211:15", rel, 8);
	assert_int_equal(n, 1);
	assert_string_equal(rel[0], "58/199:9");
}

static void
related__counts_all__but_fills_at_most_max(void **state)
{
	const struct catalog *cat = *state;
	const char *rel[2] = { NULL, NULL };
	size_t n = catalog_related(cat, "58/199:9", rel, 1);

	assert_int_equal(n, 5);
	assert_string_equal(rel[0], "64/211:13");
	assert_null(rel[1]);
	assert_int_equal(catalog_related(cat, "64/211:99", rel, 2), 0);
}

/* ---- the catalogue: extra framework files ---- */

static const char national[] =
    "framework KE\n"
    "annex Kenya national CIIP checklist\n"
    "item 1\n"
    "short Lead agency\n"
    "text Is there a lead agency?\n"
    "related 64/211:10 58/199:1 64/211:10\n";

static void
load__adds__an_extra_framework_with_related_refs_both_ways(void **state)
{
	char *path = write_temp(national);
	const char *files[1] = { path };
	struct catalog *cat = NULL;
	char *err = NULL;
	const char *rel[8];
	size_t n;

	(void)state;
	assert_int_equal(catalog_load(&cat, files, 1, &err), 0);
	assert_null(err);
	assert_int_equal(cat->nfws, 3);
	assert_string_equal(cat->fws[2]->source, path);
	assert_non_null(catalog_find(cat, "ke:1"));
	n = catalog_related(cat, "KE:1", rel, 8);
	assert_int_equal(n, 2);
	assert_string_equal(rel[0], "58/199:1");
	assert_string_equal(rel[1], "64/211:10");
	n = catalog_related(cat, "64/211:10", rel, 8);
	assert_string_equal(rel[n - 1], "KE:1");
	catalog_free(cat);
	unlink(path);
	free(path);
}

static void
load_fails(const char *content, const char *words, int with_line)
{
	char *path = write_temp(content);
	const char *files[1] = { path };
	struct catalog *cat = (struct catalog *)1;
	char *err = NULL;
	char prefix[64];

	assert_int_equal(catalog_load(&cat, files, 1, &err), -1);
	assert_null(cat);
	assert_non_null(err);
	snprintf(prefix, sizeof prefix, "%s:%s", path, with_line ? "" : " ");
	if (strncmp(err, prefix, strlen(prefix)) != 0 || strstr(err, words) == NULL)
		fail_msg("message '%s' lacks '%s' ... '%s'", err, prefix, words);
	free(err);
	unlink(path);
	free(path);
}

static void
load__rejects__duplicate_framework_id(void **state)
{
	(void)state;
	load_fails("framework 64/211\nannex A\nitem 1\ntext x\n", "already defined by data/64-211.txt", 1);
	load_fails("framework X\nsymbol a/res/58/199\nannex A\nitem 1\ntext x\n", "already defined", 1);
}

static void
load__rejects__related_ref_to_unknown_item(void **state)
{
	(void)state;
	load_fails("framework KE\nannex A\nitem 1\ntext x\n\nrelated 64/211:19\n",
	    "no item '64/211:19'", 1);
	load_fails("framework KE\nannex A\nitem 1\ntext x\nrelated KE:1\n", "refers to itself", 1);
}

static void
load__reports__unreadable_file(void **state)
{
	const char *files[1] = { "/nonexistent/ciipwb/national.txt" };
	struct catalog *cat = NULL;
	char *err = NULL;

	(void)state;
	assert_int_equal(catalog_load(&cat, files, 1, &err), -1);
	assert_string_equal(err, "/nonexistent/ciipwb/national.txt: cannot read: "
	    "No such file or directory");
	free(err);
	files[0] = "/tmp";
	assert_int_equal(catalog_load(&cat, files, 1, &err), -1);
	assert_non_null(strstr(err, "/tmp: cannot read: "));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse__reads__every_field),
		cmocka_unit_test(parse__defaults__symbol_title_and_short_title_to_id_and_annex),
		cmocka_unit_test(parse__accepts__crlf_line_endings_and_a_byte_order_mark),
		cmocka_unit_test(parse__accepts__a_last_line_without_newline),
		cmocka_unit_test(parse__rejects__unknown_directive),
		cmocka_unit_test(parse__rejects__item_without_number),
		cmocka_unit_test(parse__rejects__item_number_with_text),
		cmocka_unit_test(parse__rejects__duplicate_item_number),
		cmocka_unit_test(parse__rejects__text_before_any_item),
		cmocka_unit_test(parse__rejects__text_after_a_heading_before_its_item),
		cmocka_unit_test(parse__rejects__bullet_before_any_item),
		cmocka_unit_test(parse__rejects__related_before_any_item),
		cmocka_unit_test(parse__rejects__directive_before_framework_id),
		cmocka_unit_test(parse__rejects__file_without_framework_id),
		cmocka_unit_test(parse__rejects__bad_framework_id),
		cmocka_unit_test(parse__rejects__second_framework_line),
		cmocka_unit_test(parse__rejects__missing_annex_title),
		cmocka_unit_test(parse__rejects__framework_without_items),
		cmocka_unit_test(parse__rejects__item_without_text),
		cmocka_unit_test(parse__rejects__heading_without_items),
		cmocka_unit_test(parse__rejects__indented_line_after_a_blank_line),
		cmocka_unit_test(parse__rejects__header_directive_after_an_item),
		cmocka_unit_test(parse__rejects__header_directive_given_twice),
		cmocka_unit_test(parse__rejects__empty_directive),
		cmocka_unit_test(parse__rejects__bad_adoption_date),
		cmocka_unit_test(parse__rejects__text_after_bullets),
		cmocka_unit_test(parse__rejects__footnote_without_text_or_repeated),
		cmocka_unit_test(parse__rejects__overlong_short_title),
		cmocka_unit_test(parse__rejects__malformed_related_reference),
		cmocka_unit_test(parse__rejects__overlong_line),
		cmocka_unit_test(parse__rejects__absurdly_long_directive),
		cmocka_unit_test(parse__rejects__oversized_file),
		cmocka_unit_test(parse__rejects__invalid_utf8),
		cmocka_unit_test(parse__rejects__nul_byte),
		cmocka_unit_test(parse__rejects__control_characters),
		cmocka_unit_test(parse__survives__mutated_built_in_data),
		cmocka_unit_test(xref__reads__pairs_and_ranges),
		cmocka_unit_test(xref__rejects__malformed_lines),
		cmocka_unit_test(load__adds__an_extra_framework_with_related_refs_both_ways),
		cmocka_unit_test(load__rejects__duplicate_framework_id),
		cmocka_unit_test(load__rejects__related_ref_to_unknown_item),
		cmocka_unit_test(load__reports__unreadable_file),
		cmocka_unit_test_setup_teardown(builtin__has__both_annexes_with_their_items,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(builtin__groups__64_211_under_seven_headings,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(builtin__question_5__has_four_bullets,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(builtin__annex_title_of_64_211__has_footnote_2,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(builtin__xrefs__resolve_and_cover_every_element,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(find__accepts__refs_case_and_blanks_and_symbols,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(find__returns_null__for_unknown_refs,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(related__lists__58_199_element_1_and_its_questions_both_ways,
		    cat_setup, cat_teardown),
		cmocka_unit_test_setup_teardown(related__counts_all__but_fills_at_most_max,
		    cat_setup, cat_teardown),
	};

	return cmocka_run_group_tests_name("framework", tests, NULL, NULL) != 0;
}
