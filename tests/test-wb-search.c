/* test-wb-search.c: full-text search over the workbook and the annexes (cmocka). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_search.h"
#include "test-wb-util.h"

struct fx {
	char dir[64];
	char path[128];
	struct wb *wb;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *err = NULL;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/test-wb-search-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/w.ciipwb", f->dir);
	if (wb_open(f->path, WB_OPEN_CREATE, &f->wb, &err) != 0)
		fail_msg("wb_open: %s", err);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	wb_close(f->wb);
	tu_rmrf(f->dir);
	assert_int_equal(access(f->dir, F_OK), -1);
	free(f);
	return 0;
}

/* The hits of one search, kept as "kind:ref:snippet" lines. */
struct hits {
	int n;
	int64_t ids[64];
	char kinds[64][16];
	char refs[64][32];
	char snippets[64][256];
	int stop_after;
};

static int
collect(const struct wb_hit *h, void *arg)
{
	struct hits *hs = arg;

	if (hs->n < 64) {
		hs->ids[hs->n] = h->id;
		snprintf(hs->kinds[hs->n], sizeof hs->kinds[0], "%s", h->kind);
		snprintf(hs->refs[hs->n], sizeof hs->refs[0], "%s", h->ref ? h->ref : "");
		snprintf(hs->snippets[hs->n], sizeof hs->snippets[0], "%s", h->snippet);
	}
	hs->n++;
	if (hs->stop_after > 0 && hs->n >= hs->stop_after)
		return 42;
	return 0;
}

static struct hits *
search(struct wb *wb, const char *q)
{
	static struct hits hs;

	memset(&hs, 0, sizeof hs);
	if (wb_search(wb, q, 0, collect, &hs) != 0)
		fail_msg("wb_search(%s): %s", q, wb_errmsg(wb));
	return &hs;
}

/* 1 if the search for Q finds the row ID. */
static int
finds(struct wb *wb, const char *q, int64_t id)
{
	struct hits *hs = search(wb, q);
	int i;

	for (i = 0; i < hs->n && i < 64; i++)
		if (hs->ids[i] == id)
			return 1;
	return 0;
}

static int64_t
note(struct wb *wb, const char *ref, const char *body)
{
	struct wb_note n = { 0 };
	int64_t id = 0;

	n.ref = ref;
	n.body = body;
	if (wb_note_add(wb, &n, &id) != 0)
		fail_msg("wb_note_add: %s", wb_errmsg(wb));
	return id;
}

static void
search__folds_latin_accents(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:8", "Résilience des réseaux électriques");

	assert_true(finds(f->wb, "resilience", id));
	assert_true(finds(f->wb, "RESEAUX", id));
	assert_true(finds(f->wb, "électriques", id));
	assert_false(finds(f->wb, "resistance", id));
}

static void
search__folds_case(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:10", "The national CERT coordinates incidents");

	assert_true(finds(f->wb, "cert", id));
	assert_true(finds(f->wb, "NATIONAL Cert", id));
}

static void
search__finds_cyrillic_words_and_prefixes(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:13", "Защита критической информационной инфраструктуры");

	assert_true(finds(f->wb, "защита", id));
	assert_true(finds(f->wb, "ЗАЩИТА", id));
	assert_true(finds(f->wb, "инфрастр", id));   /* the last word is a prefix */
	assert_false(finds(f->wb, "закон", id));
}

static void
search__finds_chinese_substrings(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:5", "国家基础设施保护计划");

	assert_true(finds(f->wb, "基础设施", id));   /* inside a run: trigram */
	assert_true(finds(f->wb, "设施保护", id));
	assert_true(finds(f->wb, "设施", id));       /* two characters: scan */
	assert_true(finds(f->wb, "计", id));         /* one character: scan */
	assert_false(finds(f->wb, "银行", id));
}

/* A substring hit (trigram index) shows the text around the match, cut with ellipses, in
 * the workbook and in the annexes alike. */
static void
search__substring_hit_snippet_shows_the_match(void **state)
{
	struct fx *f = *state;
	static const char pad[] = "words before the match that make the text longer than any "
	    "snippet, and then some more words to be sure of it ";
	char body[512];
	struct hits *hs;
	int64_t id;

	snprintf(body, sizeof body, "%sthe Critical INFRASTRUCTURE protection plan %s", pad,
	    pad);
	id = note(f->wb, "64/211:5", body);
	assert_int_equal(wb_search_add_annex(f->wb, "58/199:2", body), 0);
	hs = search(f->wb, "frastru");
	assert_int_equal(hs->n, 2);
	for (int i = 0; i < 2; i++) {
		assert_non_null(strstr(hs->snippets[i], "INFRASTRUCTURE protection"));
		assert_memory_equal(hs->snippets[i], "\xe2\x80\xa6", 3);
		assert_non_null(strstr(hs->snippets[i] + strlen(hs->snippets[i]) - 3,
		    "\xe2\x80\xa6"));
		assert_true(strlen(hs->snippets[i]) < strlen(body));
	}
	assert_true(hs->ids[0] == id || hs->ids[1] == id);
}

static void
search__two_character_query_scan_gives_kind_ref_and_snippet(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:5", "国家基础设施保护计划");
	struct hits *hs = search(f->wb, "设施");

	assert_int_equal(hs->n, 1);
	assert_int_equal(hs->ids[0], id);
	assert_string_equal(hs->kinds[0], "note");
	assert_string_equal(hs->refs[0], "64/211:5");
	assert_non_null(strstr(hs->snippets[0], "设施"));
}

static void
search__finds_arabic_with_or_without_vowel_marks(void **state)
{
	struct fx *f = *state;
	/* With marks (harakat) and a tatweel; and plain. */
	int64_t marked = note(f->wb, "64/211:11", "يَجِبُ تَحْدِيثُ خُطَّةِ الاسْتِجَابَةِ");
	int64_t plain = note(f->wb, "64/211:12", "البنية التحتية الحيوية");
	int64_t tatweel = note(f->wb, "64/211:12", "الحـــماية");

	assert_true(finds(f->wb, "تحديث", marked));
	assert_true(finds(f->wb, "خطة", marked));
	assert_true(finds(f->wb, "البِنْيَة", plain));
	assert_true(finds(f->wb, "التحتية", plain));
	assert_true(finds(f->wb, "الحماية", tatweel));
	assert_true(finds(f->wb, "حتي", plain));       /* substring */
	assert_false(finds(f->wb, "تحديث", plain));
}

static void
search__forgets_deleted_rows(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:1", "temporary zebra remark");

	assert_true(finds(f->wb, "zebra", id));
	assert_int_equal(wb_note_delete(f->wb, id), 0);
	assert_int_equal(search(f->wb, "zebra")->n, 0);
	assert_int_equal(search(f->wb, "ebr")->n, 0);
}

static void
search__reindexes_updated_rows(void **state)
{
	struct fx *f = *state;
	struct wb_note n = { 0 };
	int64_t id = note(f->wb, "64/211:1", "first giraffe");

	n.id = id;
	n.ref = "64/211:2";
	n.body = "second elephant";
	assert_int_equal(wb_note_update(f->wb, &n), 0);
	assert_int_equal(search(f->wb, "giraffe")->n, 0);
	assert_true(finds(f->wb, "elephant", id));
	assert_string_equal(search(f->wb, "elephant")->refs[0], "64/211:2");
}

static void
search__follows_undo_and_redo(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:1", "undoable walrus");

	assert_true(finds(f->wb, "walrus", id));
	assert_int_equal(wb_undo(f->wb, NULL), 0);
	assert_int_equal(search(f->wb, "walrus")->n, 0);
	assert_int_equal(wb_redo(f->wb, NULL), 0);
	assert_true(finds(f->wb, "walrus", id));
}

static void
search__treats_query_syntax_as_plain_text(void **state)
{
	static const char *const qs[] = {
		"\"", "NEAR(", "*", "OR", "'); DROP TABLE note; --", "a\"b", "foo AND", "^x",
		"-", ":", "body:x", "(", ")", "NOT", "\"\"\"", "x*y", "+", "{body}", "\\",
	};
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:1", "Meet NEAR the river OR the port, \"quoted\"");
	size_t i;

	for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		struct hits hs = { 0 };

		if (wb_search(f->wb, qs[i], 10, collect, &hs) != 0)
			fail_msg("query [%s]: %s", qs[i], wb_errmsg(f->wb));
	}
	/* Operators are words like any other. */
	assert_true(finds(f->wb, "NEAR(", id));
	assert_true(finds(f->wb, "river OR", id));
	assert_true(finds(f->wb, "\"quoted\"", id));
	assert_false(finds(f->wb, "river NOT", id));
	/* The table is still there. */
	assert_true(finds(f->wb, "port", id));
}

static void
search__finds_annex_text(void **state)
{
	struct fx *f = *state;
	struct hits *hs;

	assert_int_equal(wb_search_add_annex(f->wb, "64/211:5", "Identify the key stakeholders "
	    "with a role in cybersecurity"), 0);
	hs = search(f->wb, "stakeholder");
	assert_int_equal(hs->n, 1);
	assert_string_equal(hs->kinds[0], "annex");
	assert_string_equal(hs->refs[0], "64/211:5");
	assert_int_equal(hs->ids[0], 0);
	assert_int_equal(search(f->wb, "ybersec")->n, 1);   /* substring */
	assert_int_equal(wb_search_clear_annex(f->wb), 0);
	assert_int_equal(search(f->wb, "stakeholder")->n, 0);
}

static void
search__indexes_every_kind_of_text(void **state)
{
	struct fx *f = *state;
	struct wb_evidence e = { 0 };
	struct wb_stakeholder s = { 0 };
	struct wb_action a = { 0 };
	struct wb_log l = { 0 };
	int64_t eid, sid, aid, lid;

	e.ref = "64/211:4";
	e.name = "Strategy draft";
	e.location = "https://example.org/pelican.pdf";
	assert_int_equal(wb_evidence_add(f->wb, &e, &eid), 0);
	s.name = "Ministry of Quokkas";
	s.category = "national_government";
	s.contact = "heron@example.org";
	s.responsibilities = "flamingo oversight";
	assert_int_equal(wb_stakeholder_add(f->wb, &s, &sid), 0);
	a.ref = "64/211:4";
	a.title = "Budget for the platypus programme";
	a.owner_id = sid;
	assert_int_equal(wb_action_add(f->wb, &a, &aid), 0);
	l.heading = "64/211#2";
	l.note = "no consensus on the narwhal question";
	assert_int_equal(wb_log_add(f->wb, &l, &lid), 0);

	assert_true(finds(f->wb, "pelican", eid));
	assert_string_equal(search(f->wb, "pelican")->kinds[0], "evidence");
	assert_true(finds(f->wb, "quokkas", sid));
	assert_true(finds(f->wb, "heron", sid));
	assert_true(finds(f->wb, "flamingo", sid));
	assert_string_equal(search(f->wb, "flamingo")->kinds[0], "stakeholder");
	assert_string_equal(search(f->wb, "flamingo")->refs[0], "");
	assert_true(finds(f->wb, "platypus", aid));
	assert_string_equal(search(f->wb, "platypus")->kinds[0], "action");
	assert_true(finds(f->wb, "narwhal", lid));
	assert_string_equal(search(f->wb, "narwhal")->kinds[0], "log");
	assert_string_equal(search(f->wb, "narwhal")->refs[0], "64/211#2");
	/* Deleting the stakeholder removes it from the results. */
	assert_int_equal(wb_stakeholder_delete(f->wb, sid), 0);
	assert_int_equal(search(f->wb, "flamingo")->n, 0);
}

static void
search__ands_the_words_and_respects_the_limit(void **state)
{
	struct fx *f = *state;
	struct hits hs = { 0 };
	int i;

	for (i = 0; i < 5; i++)
		note(f->wb, "64/211:1", "alpha beta");
	note(f->wb, "64/211:1", "alpha gamma");
	assert_int_equal(search(f->wb, "alpha")->n, 6);
	assert_int_equal(search(f->wb, "alpha beta")->n, 5);
	assert_int_equal(search(f->wb, "alpha gam")->n, 1);
	assert_int_equal(search(f->wb, "   ")->n, 0);
	assert_int_equal(wb_search(f->wb, "alpha", 3, collect, &hs), 0);
	assert_int_equal(hs.n, 3);
	memset(&hs, 0, sizeof hs);
	hs.stop_after = 2;
	assert_int_equal(wb_search(f->wb, "alpha", 0, collect, &hs), 42);
	assert_int_equal(hs.n, 2);
}

static void
search__rejects_overlong_queries(void **state)
{
	struct fx *f = *state;
	char q[WB_SEARCH_MAX_QUERY + 10];
	struct hits hs = { 0 };

	memset(q, 'a', sizeof q - 1);
	q[sizeof q - 1] = '\0';
	assert_int_equal(wb_search(f->wb, q, 0, collect, &hs), -1);
	assert_non_null(strstr(wb_errmsg(f->wb), "too long"));
	assert_int_equal(wb_search(f->wb, "a b c d e f g h i j k l m n o p q r", 0, collect,
	    &hs), -1);
}

static void
search__rebuild_keeps_results(void **state)
{
	struct fx *f = *state;
	int64_t id = note(f->wb, "64/211:1", "rebuilt octopus");

	assert_int_equal(wb_search_rebuild(f->wb), 0);
	assert_true(finds(f->wb, "octopus", id));
	assert_true(finds(f->wb, "topu", id));
}

static void
search__index_is_written_by_other_sqlite_tools(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;

	/* Another program writes with plain SQL (the sqlite3 shell trusts the schema). */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO note(id, ref, body) VALUES "
	    "(77, '64/211:3', 'external mongoose')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_true(finds(f->wb, "mongoose", 77));
}

static void
search__works_on_a_readonly_workbook(void **state)
{
	struct fx *f = *state;
	struct wb *ro = NULL;
	char *err = NULL;
	struct hits hs = { 0 };
	int64_t id = note(f->wb, "64/211:1", "read-only kestrel");

	if (wb_open(f->path, WB_OPEN_READONLY, &ro, &err) != 0)
		fail_msg("wb_open: %s", err);
	assert_int_equal(wb_search_add_annex(ro, "58/199:1", "emergency warning networks"), 0);
	assert_int_equal(wb_search(ro, "kestrel", 0, collect, &hs), 0);
	assert_int_equal(hs.n, 1);
	assert_int_equal(hs.ids[0], id);
	assert_true(finds(ro, "warning", 0));
	assert_int_equal(wb_search_rebuild(ro), -1);
	wb_close(ro);
}

static void
search__schema_with_a_foreign_trigger_is_not_trusted(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	assert_int_equal(wb_search_schema_trusted(db), 1);
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER evil AFTER INSERT ON note BEGIN "
	    "DELETE FROM stakeholder; END", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb_search_schema_trusted(db), 0);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER evil; DROP TRIGGER search_note_insert; "
	    "CREATE TRIGGER search_note_insert AFTER INSERT ON note BEGIN DELETE FROM "
	    "stakeholder; END", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb_search_schema_trusted(db), 0);
	sqlite3_close(db);
}

static void
search__verify_finds_an_index_out_of_step(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	char *detail = NULL;

	note(f->wb, "64/211:1", "verified ibex");
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	assert_int_equal(wb_search_verify(db, &detail), 0);
	assert_null(detail);
	assert_int_equal(sqlite3_exec(db, "UPDATE search_word SET body = 'other' ", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(wb_search_verify(db, &detail), 1);
	assert_non_null(detail);
	assert_non_null(strstr(detail, "note"));
	free(detail);
	sqlite3_close(db);
}

static void
search__verify_checks_arabic_text_without_its_marks(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	char *detail = NULL;

	/* One note with vowel marks and tatweel, one without: both indexed as they should be. */
	note(f->wb, "64/211:1", "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x8e\xd9\x85\xd9\x92\xd9\x86"
	    " \xd8\xaa\xd9\x85\xd9\x80\xd9\x80\xd8\xb1\xd9\x8a\xd9\x86");
	note(f->wb, "64/211:1", "plain words");
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 2000);
	assert_int_equal(wb_search_verify(db, &detail), 0);
	assert_null(detail);
	/* The marks kept in the index (a consistent FTS index, but of the unstripped text): out
	 * of step with what the triggers write. */
	assert_int_equal(sqlite3_exec(db, "CREATE TEMP TABLE k AS SELECT d.id AS id, n.body AS"
	    " body FROM note AS n JOIN search_doc AS d ON d.kind = 'note' AND d.src = n.id WHERE"
	    " n.body LIKE '%' || char(0x64E) || '%';"
	    " DELETE FROM search_word WHERE rowid = (SELECT id FROM k);"
	    " DELETE FROM search_tri WHERE rowid = (SELECT id FROM k);"
	    " INSERT INTO search_word(rowid, body) SELECT id, body FROM k;"
	    " INSERT INTO search_tri(rowid, body) SELECT id, body FROM k;",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb_search_verify(db, &detail), 1);
	assert_non_null(detail);
	assert_non_null(strstr(detail, "note"));
	free(detail);
	sqlite3_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(search__folds_latin_accents, setup, teardown),
		cmocka_unit_test_setup_teardown(search__folds_case, setup, teardown),
		cmocka_unit_test_setup_teardown(search__finds_cyrillic_words_and_prefixes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(search__finds_chinese_substrings, setup, teardown),
		cmocka_unit_test_setup_teardown(search__substring_hit_snippet_shows_the_match, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    search__two_character_query_scan_gives_kind_ref_and_snippet, setup, teardown),
		cmocka_unit_test_setup_teardown(search__finds_arabic_with_or_without_vowel_marks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(search__forgets_deleted_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(search__reindexes_updated_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(search__follows_undo_and_redo, setup, teardown),
		cmocka_unit_test_setup_teardown(search__treats_query_syntax_as_plain_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(search__finds_annex_text, setup, teardown),
		cmocka_unit_test_setup_teardown(search__indexes_every_kind_of_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(search__ands_the_words_and_respects_the_limit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(search__rejects_overlong_queries, setup, teardown),
		cmocka_unit_test_setup_teardown(search__rebuild_keeps_results, setup, teardown),
		cmocka_unit_test_setup_teardown(search__index_is_written_by_other_sqlite_tools,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(search__works_on_a_readonly_workbook, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(search__schema_with_a_foreign_trigger_is_not_trusted,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(search__verify_finds_an_index_out_of_step, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(search__verify_checks_arabic_text_without_its_marks,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
