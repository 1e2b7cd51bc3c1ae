/* test-wb-baseline.c: a new workbook from last year's (baseline) and comparing two workbooks (cmocka). */
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

#include "demo.h"
#include "wb.h"
#include "wb_baseline.h"
#include "wb_diff.h"
#include "wb_merge.h"
#include "test-wb-util.h"

struct fx {
	char *dir, *old, *new;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct demo_stats ds;
	char *err = NULL;

	f->dir = tu_tmpdir();
	f->old = tu_path(f->dir, "kenya-2026.ciipwb");
	f->new = tu_path(f->dir, "kenya-2027.ciipwb");
	if (demo_write(f->old, &ds, &err) != 0)
		fail_msg("%s", err);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rmrf(f->dir);
	free(f->dir);
	free(f->old);
	free(f->new);
	free(f);
	return 0;
}

static struct wb *
open_wb(const char *path)
{
	struct wb *wb = NULL;
	char *err = NULL;

	if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0)
		fail_msg("%s", err);
	return wb;
}

static void
start_from(struct fx *f, unsigned flags, struct wb_baseline_report *r)
{
	struct wb_source *src = NULL;
	struct wb *wb = open_wb(f->new);
	char *err = NULL;

	if (wb_source_open(f->old, &src, &err) != 0)
		fail_msg("%s", err);
	if (wb_baseline_import(wb, src, flags, r) != 0)
		fail_msg("%s", wb_errmsg(wb));
	wb_source_free(src);
	wb_close(wb);
}

static void
new_from_old__carries_stakeholders_roles_and_ratings_as_baseline(void **state)
{
	struct fx *f = *state;
	struct wb_baseline_report r;
	struct wb_baseline b;
	struct wb_item it;
	struct wb *wb;
	char *ok;

	start_from(f, 0, &r);
	assert_int_equal(r.stakeholders, tu_int(f->old, "SELECT count(*) FROM stakeholder"
	    " WHERE deleted = 0"));
	assert_int_equal(r.roles, tu_int(f->old, "SELECT count(*) FROM role WHERE deleted = 0"));
	assert_true(r.stakeholders > 0 && r.roles > 0 && r.ratings > 0);
	assert_int_equal(r.ratings, tu_int(f->old, "SELECT count(*) FROM item WHERE current IS"
	    " NOT NULL OR target IS NOT NULL"));
	assert_string_equal(r.since, "2026");
	/* The register and roles, the same rows; no notes or actions without asking. */
	assert_int_equal(tu_int(f->new, "SELECT count(*) FROM stakeholder WHERE deleted = 0"),
	    r.stakeholders);
	assert_int_equal(tu_int(f->new, "SELECT count(*) FROM note"), 0);
	assert_int_equal(tu_int(f->new, "SELECT count(*) FROM action"), 0);
	/* Ratings start afresh; last year's are the baseline. */
	assert_int_equal(tu_int(f->new, "SELECT count(*) FROM item WHERE current IS NOT NULL"), 0);
	wb = open_wb(f->new);
	assert_int_equal(wb_item_get(wb, "64/211:1", &it), 0);
	assert_null(it.current);
	wb_item_free(&it);
	assert_int_equal(wb_baseline_get(wb, "64/211:1", &b), 0);
	assert_non_null(b.ref);
	assert_string_equal(b.current, "formative");
	assert_string_equal(b.since, "2026");
	assert_string_equal(b.source, "kenya-2026.ciipwb");
	wb_baseline_free(&b);
	assert_int_equal(wb_baseline_get(wb, "58/199:2", &b), 0);
	assert_null(b.ref);
	wb_close(wb);
	ok = tu_integrity(f->new);
	assert_string_equal(ok, "ok");
	free(ok);
}

static void
new_from_old__with_notes_and_actions_carries_them_too(void **state)
{
	struct fx *f = *state;
	struct wb_baseline_report r;

	start_from(f, WB_BASELINE_NOTES | WB_BASELINE_ACTIONS, &r);
	assert_true(r.notes > 0 && r.actions > 0 && r.evidence > 0);
	assert_int_equal(tu_int(f->new, "SELECT count(*) FROM note WHERE deleted = 0"),
	    tu_int(f->old, "SELECT count(*) FROM note WHERE deleted = 0"));
	assert_int_equal(tu_int(f->new, "SELECT count(*) FROM action WHERE deleted = 0"),
	    tu_int(f->old, "SELECT count(*) FROM action WHERE deleted = 0"));
	/* Breakout groups stay with last year's workshop. */
	assert_int_equal(tu_int(f->new, "SELECT count(*) FROM note WHERE group_id IS NOT NULL"), 0);
}

static void
describe__says_the_change_since_the_baseline(void **state)
{
	char *s;

	(void)state;
	s = wb_baseline_describe("Formative", "Established", "2026", "->");
	assert_string_equal(s, "Formative -> Established since 2026");
	free(s);
	s = wb_baseline_describe("Formative", "Formative", "2026", "->");
	assert_string_equal(s, "Formative, unchanged since 2026");
	free(s);
	s = wb_baseline_describe("Formative", NULL, "2026", "->");
	assert_string_equal(s, "Formative in 2026; not assessed yet");
	free(s);
}

struct seen {
	long n;
	char lines[64][160];
};

static int
collect(const struct wb_diff_change *c, void *arg)
{
	struct seen *s = arg;

	if (s->n < 64)
		snprintf(s->lines[s->n], sizeof s->lines[0], "%s|%s|%s|%s|%s|%s", c->ref,
		    c->kind, c->change, c->field, c->before, c->after);
	s->n++;
	return 0;
}

static long
diff_files(const char *a, const char *b, struct seen *s)
{
	struct wb_source *sa = NULL, *sb = NULL;
	char *err = NULL;
	long n;

	memset(s, 0, sizeof *s);
	if (wb_source_open(a, &sa, &err) != 0 || wb_source_open(b, &sb, &err) != 0)
		fail_msg("%s", err);
	n = wb_diff(sa, sb, collect, s, &err);
	if (n < 0)
		fail_msg("%s", err);
	wb_source_free(sa);
	wb_source_free(sb);
	return n;
}

static int
has(const struct seen *s, const char *line)
{
	long i;

	for (i = 0; i < s->n && i < 64; i++)
		if (strcmp(s->lines[i], line) == 0)
			return 1;
	return 0;
}

static void
diff__of_a_copy_is_empty_and_lists_each_change(void **state)
{
	struct fx *f = *state;
	char *copy = tu_path(f->dir, "copy.ciipwb"), *name, line[200];
	struct seen s;
	struct wb *wb;
	struct wb_item it = { 0 };
	struct wb_note n = { 0 };
	struct wb_stakeholder sh;
	int64_t id, gone;
	size_t len;
	char *buf = tu_read_file(f->old, &len);

	tu_write_file(copy, buf, len);
	free(buf);
	assert_int_equal(diff_files(f->old, copy, &s), 0);

	wb = open_wb(copy);
	assert_int_equal(wb_item_get(wb, "64/211:2", &it), 0);
	assert_string_equal(it.current, "start_up");
	wb_item_free(&it);
	memset(&it, 0, sizeof it);
	it.ref = "64/211:2";
	it.current = "dynamic";
	assert_int_equal(wb_item_set(wb, &it), 0);
	n.ref = "64/211:2";
	n.body = "a new note";
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	gone = tu_int(f->old, "SELECT min(id) FROM stakeholder WHERE deleted = 0");
	assert_int_equal(wb_stakeholder_get(wb, gone, &sh), 0);
	name = strdup(sh.name);
	wb_stakeholder_free(&sh);
	assert_int_equal(wb_stakeholder_delete(wb, gone), 0);
	wb_close(wb);

	assert_true(diff_files(f->old, copy, &s) >= 3);
	assert_true(has(&s, "64/211:2|rating|changed|current|start_up|dynamic"));
	assert_true(has(&s, "64/211:2|note|added|||a new note"));
	snprintf(line, sizeof line, "|stakeholder|removed||%s|", name);
	assert_true(has(&s, line));
	/* Differences come by item, the register and details last. */
	assert_true(s.n <= 64);
	assert_int_equal(s.lines[s.n - 1][0], '|');
	assert_int_not_equal(s.lines[0][0], '|');
	free(name);
	free(copy);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    new_from_old__carries_stakeholders_roles_and_ratings_as_baseline, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    new_from_old__with_notes_and_actions_carries_them_too, setup, teardown),
		cmocka_unit_test(describe__says_the_change_since_the_baseline),
		cmocka_unit_test_setup_teardown(diff__of_a_copy_is_empty_and_lists_each_change,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
