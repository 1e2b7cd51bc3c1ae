/* test-demo.c: the fictional demo workbook written by `ciipwb demo` (cmocka). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "demo.h"
#include "wb.h"
#include "wb_check.h"
#include "wb_search.h"
#include "test-wb-util.h"

struct fx {
	char dir[64];
	char path[128];
	struct demo_stats st;
	struct wb *wb;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *err = NULL;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/test-demo-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/demo.ciipwb", f->dir);
	if (demo_write(f->path, &f->st, &err) != 0)
		fail_msg("demo_write: %s", err);
	if (wb_open(f->path, WB_OPEN_READONLY, &f->wb, &err) != 0)
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

static void
demo__writes_a_workbook_that_check_passes(void **state)
{
	struct fx *f = *state;
	struct wb_check c;
	char *err = NULL;
	size_t i;

	assert_int_equal(wb_check(f->path, &c, &err), 0);
	for (i = 0; i < WB_CHECK_COUNT; i++)
		if (!c.res[i].ok)
			fail_msg("%s: %s", c.res[i].name, c.res[i].detail);
	assert_true(c.sound);
	wb_check_free(&c);
}

static void
demo__counts_match_what_it_promises(void **state)
{
	struct fx *f = *state;
	struct wb_counts n;

	assert_int_equal(wb_counts(f->wb, &n), 0);
	assert_int_equal(n.stakeholders, f->st.stakeholders);
	assert_int_equal(n.notes, f->st.notes);
	assert_int_equal(n.evidence, f->st.evidence);
	assert_int_equal(n.actions, f->st.actions);
	assert_int_equal(n.roles, f->st.roles);
	assert_int_equal(n.relations, f->st.relations);
	assert_int_equal(n.groups, f->st.groups);
	assert_int_equal(n.log, f->st.log);
	assert_int_equal(n.deleted, 0);
	assert_true(f->st.stakeholders >= 12);
	assert_true(f->st.actions >= 10);
	assert_int_equal(f->st.groups, 5);
	assert_true(f->st.overdue >= 2);
	assert_true(n.rated >= 12);
	assert_true(n.needs_review >= 1);
	assert_true(n.consensus >= 1);
}

static int
each_stakeholder(const struct wb_stakeholder *s, void *arg)
{
	static const char *const cats[] = { "national_government", "other_government",
	    "non_governmental", "individual_citizens", "international_partner" };
	unsigned *seen = arg;
	size_t i;

	for (i = 0; i < 5; i++)
		if (strcmp(s->category, cats[i]) == 0)
			*seen |= 1u << i;
	if (s->contact[0] != '\0')
		*seen |= 1u << 8;
	return 0;
}

static void
demo__has_stakeholders_in_every_category(void **state)
{
	struct fx *f = *state;
	unsigned seen = 0;

	assert_int_equal(wb_stakeholders_each(f->wb, each_stakeholder, &seen), 0);
	assert_int_equal(seen, 0x11f);
}

static int
each_relation(const struct wb_relation *r, void *arg)
{
	unsigned *seen = arg;

	if (strcmp(r->kind, "depends_on") == 0)
		*seen |= 1;
	else if (strcmp(r->kind, "coordinates_with") == 0)
		*seen |= 2;
	else if (strcmp(r->kind, "reports_to") == 0)
		*seen |= 4;
	return 0;
}

struct roles {
	unsigned frameworks;
	char accountable[64][16];
	int naccountable;
	int duplicate;
};

static int
each_role(const struct wb_role *r, void *arg)
{
	struct roles *rs = arg;
	int i;

	if (strncmp(r->ref, "64/211:", 7) == 0)
		rs->frameworks |= 1;
	if (strncmp(r->ref, "58/199:", 7) == 0)
		rs->frameworks |= 2;
	if (strcmp(r->role, "accountable") != 0)
		return 0;
	for (i = 0; i < rs->naccountable; i++)
		if (strcmp(rs->accountable[i], r->ref) == 0)
			rs->duplicate = 1;
	if (rs->naccountable < 64)
		snprintf(rs->accountable[rs->naccountable++], 16, "%s", r->ref);
	return 0;
}

static void
demo__has_relations_of_every_kind_and_one_accountable_per_item(void **state)
{
	struct fx *f = *state;
	struct roles rs;
	unsigned kinds = 0;

	assert_int_equal(wb_relations_each(f->wb, 0, each_relation, &kinds), 0);
	assert_int_equal(kinds, 7);
	memset(&rs, 0, sizeof rs);
	assert_int_equal(wb_roles_each(f->wb, NULL, each_role, &rs), 0);
	assert_int_equal(rs.frameworks, 3);
	assert_true(rs.naccountable >= 5);
	assert_false(rs.duplicate);
}

static int
count_hit(const struct wb_hit *h, void *arg)
{
	(void)h;
	++*(int *)arg;
	return 0;
}

static int
hits(struct wb *wb, const char *q)
{
	int n = 0;

	if (wb_search(wb, q, 0, count_hit, &n) != 0)
		fail_msg("search %s: %s", q, wb_errmsg(wb));
	return n;
}

static void
demo__holds_text_in_several_scripts(void **state)
{
	struct fx *f = *state;

	assert_true(hits(f->wb, "resilience") >= 1);          /* French, accents folded */
	assert_true(hits(f->wb, "telecomunicaciones") >= 1);  /* Spanish */
	assert_true(hits(f->wb, "инфраструктуры") >= 1);      /* Russian */
	assert_true(hits(f->wb, "设施") >= 1);                /* Chinese */
	assert_true(hits(f->wb, "الاستجابة") >= 1);           /* Arabic, marks stripped */
	assert_true(hits(f->wb, "البنية") >= 1);              /* Arabic, plain */
}

static void
demo__is_marked_fictional(void **state)
{
	struct fx *f = *state;
	struct wb_details d;

	assert_int_equal(wb_details_get(f->wb, &d), 0);
	assert_non_null(strstr(d.title, "DEMO"));
	assert_non_null(strstr(d.title, "fictional"));
	assert_non_null(strstr(d.country, "Veloria"));
	assert_string_equal(d.date_start, "2026-03-10");
	assert_true(d.venue[0] != '\0' && d.facilitator[0] != '\0');
	wb_details_free(&d);
}

static void
demo__refuses_to_overwrite_a_file(void **state)
{
	struct fx *f = *state;
	char p[160], buf[64];
	char *err = NULL;
	FILE *fp;

	snprintf(p, sizeof p, "%s/precious.txt", f->dir);
	fp = fopen(p, "w");
	fputs("keep me\n", fp);
	fclose(fp);
	assert_int_equal(demo_write(p, NULL, &err), -1);
	assert_non_null(strstr(err, p));
	assert_non_null(strstr(err, "exists"));
	free(err);
	fp = fopen(p, "r");
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "keep me\n");
	/* Nor an existing workbook. */
	assert_int_equal(demo_write(f->path, NULL, &err), -1);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(demo__writes_a_workbook_that_check_passes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(demo__counts_match_what_it_promises, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(demo__has_stakeholders_in_every_category, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    demo__has_relations_of_every_kind_and_one_accountable_per_item, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(demo__holds_text_in_several_scripts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(demo__is_marked_fictional, setup, teardown),
		cmocka_unit_test_setup_teardown(demo__refuses_to_overwrite_a_file, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
