/* test-wb-schema.c: the expected schema compiled into ciipwb is what the migrations make, for every version. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "wb_internal.h"
#include "wb_search.h"

#define REGENERATE "regenerate it: make tests/test-wb-schema && tests/test-wb-schema --print" \
	" > src/wb_schema_list.h, then read the diff"

/* One object of sqlite_schema at one version. */
struct obj {
	char *type, *name, *tbl_name, *sql;
	int from, to;
};

/* A new in-memory database migrated to VERSION. */
static sqlite3 *
built(int version)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    wb__schema_build(db, version, &err) != 0) {
		fprintf(stderr, "cannot run the migrations to version %d: %s\n", version,
		    err != NULL ? err : sqlite3_errmsg(db));
		exit(1);
	}
	return db;
}

static char *
col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? strdup(s) : NULL;
}

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Every object of every version, an object that is the same in consecutive versions once. */
static struct obj *
collect(size_t *n)
{
	struct obj *o = NULL;
	size_t k;
	int v;

	*n = 0;
	for (v = 1; v <= WB_SCHEMA_VERSION; v++) {
		sqlite3 *db = built(v);
		sqlite3_stmt *st;

		if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
		    " ORDER BY type, name", -1, &st, NULL) != SQLITE_OK)
			exit(1);
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct obj x = { col(st, 0), col(st, 1), col(st, 2), col(st, 3), v, v };

			for (k = 0; k < *n; k++)
				if (o[k].to == v - 1 && same(o[k].type, x.type) &&
				    same(o[k].name, x.name) && same(o[k].tbl_name, x.tbl_name) &&
				    same(o[k].sql, x.sql))
					break;
			if (k < *n) {
				o[k].to = v;
				free(x.type), free(x.name), free(x.tbl_name), free(x.sql);
				continue;
			}
			if ((o = realloc(o, (*n + 1) * sizeof *o)) == NULL)
				exit(1);
			o[(*n)++] = x;
		}
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	return o;
}

static int
obj_cmp(const void *pa, const void *pb)
{
	const struct obj *a = pa, *b = pb;
	int c = strcmp(a->type, b->type);

	if (c == 0)
		c = strcmp(a->name, b->name);
	return c != 0 ? c : a->from - b->from;
}

/* The text of src/wb_schema_list.h. */
static void
print_list(void)
{
	size_t n, k;
	struct obj *o = collect(&n);

	qsort(o, n, sizeof *o, obj_cmp);
	printf("/* wb_schema_list.h: the schema objects of every workbook version, made by the"
	    " migrations. */\n"
	    "/* Generated: tests/test-wb-schema --print > src/wb_schema_list.h (never edit by"
	    " hand). */\n"
	    "#define WB_SCHEMA_LIST_VERSION %d\n"
	    "static const struct wb_schema_obj wb__schema_objs[] = {\n", WB_SCHEMA_VERSION);
	for (k = 0; k < n; k++) {
		printf("\t{ \"%s\", \"%s\", \"%s\", UINT64_C(0x%016llx),\n\t    ", o[k].type,
		    o[k].name, o[k].tbl_name, (unsigned long long)wb__schema_digest(o[k].sql,
		    o[k].sql != NULL ? strlen(o[k].sql) : 0));
		printf("%d, %d },\n", o[k].from, o[k].to);
		free(o[k].type), free(o[k].name), free(o[k].tbl_name), free(o[k].sql);
	}
	printf("};\n");
	free(o);
}

/* For every version: the file the migrations make compares equal to the compiled-in list
 * (names, tables and digests of every object's SQL), which is frozen here: a change to an
 * old migration makes another schema, and fails this. */
static void
schema__compiled_in_list__is_what_the_migrations_make(void **state)
{
	int v, fails = 0;

	(void)state;
	if (wb__schema_list_version != WB_SCHEMA_VERSION) {
		fprintf(stderr, "src/wb_schema_list.h is for schema version %d, ciipwb writes %d: "
		    REGENERATE "\n", wb__schema_list_version, WB_SCHEMA_VERSION);
		fails++;
	}
	for (v = 1; v <= WB_SCHEMA_VERSION; v++) {
		sqlite3 *db = built(v);
		char *detail = NULL;
		int r = wb__schema_compare(db, v, 0, &detail);

		if (r != 0) {
			fprintf(stderr, "version %d: the migrations make a schema that differs from"
			    " src/wb_schema_list.h (%s): " REGENERATE "\n", v,
			    detail != NULL ? detail : "?");
			fails++;
		}
		free(detail);
		sqlite3_close(db);
	}
	assert_int_equal(fails, 0);
}

/* The comparison sees every kind of difference against the list: an object more, one less,
 * one changed, and a table's column. */
static void
schema__compare__finds_foreign_missing_and_changed_objects(void **state)
{
	sqlite3 *db;
	char *detail = NULL, *col = NULL;
	size_t i;

	(void)state;
	db = built(WB_SCHEMA_VERSION);
	assert_int_equal(sqlite3_exec(db, "CREATE VIEW zz AS SELECT 1", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(wb__schema_compare(db, WB_SCHEMA_VERSION, 0, &detail), 1);
	assert_non_null(strstr(detail, "view \"zz\""));
	free(detail);
	assert_int_equal(sqlite3_exec(db, "DROP INDEX note_ref", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb__schema_compare(db, WB_SCHEMA_VERSION, 0, &detail), 2);
	assert_non_null(strstr(detail, "no index \"note_ref\""));
	assert_non_null(strstr(detail, "1 more differences"));
	free(detail);
	sqlite3_close(db);

	db = built(WB_SCHEMA_VERSION);
	assert_int_equal(sqlite3_exec(db, "ALTER TABLE merge_log ADD COLUMN extra TEXT", NULL,
	    NULL, NULL), SQLITE_OK);
	assert_int_equal(wb__schema_compare(db, WB_SCHEMA_VERSION, 0, &detail), 2);
	assert_non_null(strstr(detail, "table \"merge_log\" is defined differently"));
	free(detail);
	for (i = 0; i < wb__schema_nlist; i++)
		if (strcmp(wb__schema_list[i].name, "merge_log") == 0 &&
		    wb__schema_list[i].to == WB_SCHEMA_VERSION)
			break;
	assert_true(i < wb__schema_nlist);
	assert_int_equal(wb__schema_column_diff(db, "merge_log", &wb__schema_list[i], &col), 1);
	assert_string_equal(col, "extra");
	free(col);
	sqlite3_close(db);

	/* One object twice in place of a missing one is still a missing object. */
	db = built(WB_SCHEMA_VERSION);
	assert_int_equal(sqlite3_exec(db, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET"
	    " name = 'action_ref', tbl_name = 'action', sql = (SELECT sql FROM sqlite_schema"
	    " WHERE name = 'action_ref') WHERE name = 'note_ref'; PRAGMA writable_schema = OFF",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(wb__schema_compare(db, WB_SCHEMA_VERSION, 0, &detail), 2);
	assert_non_null(strstr(detail, "no index \"note_ref\""));
	free(detail);
	sqlite3_close(db);

	/* An older version is compared with its own list, not this version's. */
	db = built(1);
	assert_int_equal(wb__schema_compare(db, 1, 0, &detail), 0);
	assert_null(detail);
	assert_int_equal(wb__schema_compare(db, WB_SCHEMA_VERSION, 0, &detail), 2);
	free(detail);
	sqlite3_close(db);
}

/* The digest is SipHash-2-4 (the reference's test vectors), and the schema the migrations make
 * is one the search trusts: opening turns trusted_schema on for a file whose objects all have
 * the digests of the list. */
static void
schema__digest_is_siphash_and_the_list_is_trusted(void **state)
{
	unsigned char key[16], msg[15];
	sqlite3 *db;
	int i;

	(void)state;
	for (i = 0; i < 16; i++)
		key[i] = (unsigned char)i;
	for (i = 0; i < 15; i++)
		msg[i] = (unsigned char)i;
	assert_true(wb__siphash(key, msg, 0) == UINT64_C(0x726fdb47dd0e0e31));
	assert_true(wb__siphash(key, msg, 1) == UINT64_C(0x74f839c593dc67fd));
	assert_true(wb__siphash(key, msg, 8) == UINT64_C(0x93f5f5799a932462));
	assert_true(wb__siphash(key, msg, 15) == UINT64_C(0xa129ca6149be45e5));
	db = built(WB_SCHEMA_VERSION);
	assert_int_equal(wb_search_schema_trusted(db), 1);
	sqlite3_close(db);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schema__compiled_in_list__is_what_the_migrations_make),
		cmocka_unit_test(schema__compare__finds_foreign_missing_and_changed_objects),
		cmocka_unit_test(schema__digest_is_siphash_and_the_list_is_trusted),
	};

	if (argc == 2 && strcmp(argv[1], "--print") == 0) {
		print_list();
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
