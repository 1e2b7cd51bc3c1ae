/* test-map.c: the stakeholder map model (matrix, grid, coverage, register, duplicate names) and its escaping. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glob.h>
#include <sys/stat.h>
#include <sqlite3.h>

#include "demo.h"
#include "framework.h"
#include "map.h"
#include "map_out.h"
#include "outfile.h"
#include "wb_search.h"
#include "wb.h"
#include "wb_internal.h"
#include "test-wb-util.h"

static char *dir, *path;
static struct wb *wb;
static struct catalog *cat;

static int
setup(void **state)
{
	char *err = NULL;

	(void)state;
	if (tu_wb_setup(&dir, &path, &wb, "map.ciipwb") != 0)
		return -1;
	if (catalog_load(&cat, NULL, 0, &err) != 0)
		fail_msg("%s", err);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	cat = NULL;
	return tu_wb_teardown(&dir, &path, &wb);
}

static int64_t
add(const char *name, const char *category, int influence, int interest,
    const char *engagement)
{
	struct wb_stakeholder s = { 0 };
	int64_t id = 0;

	s.name = name;
	s.category = category;
	s.influence = influence;
	s.interest = interest;
	s.engagement = engagement;
	if (wb_stakeholder_add(wb, &s, &id) != 0)
		fail_msg("%s", wb_errmsg(wb));
	return id;
}

static void
role(int64_t sh, const char *ref, const char *r)
{
	if (wb_role_set(wb, sh, ref, r, NULL) != 0)
		fail_msg("%s", wb_errmsg(wb));
}

static struct map *
load(void)
{
	struct map *m = NULL;
	char *err = NULL;

	if (map_load(wb, cat, &m, &err) != 0)
		fail_msg("%s", err);
	return m;
}

static size_t
sh_named(const struct map *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nsh; i++)
		if (strcmp(m->sh[i].name, name) == 0)
			return i;
	fail_msg("no stakeholder %s in the map", name);
	return MAP_NONE;
}

static size_t
heading_ref(const struct map *m, const char *ref)
{
	size_t h;

	for (h = 0; h < m->nheadings; h++)
		if (strcmp(m->headings[h].ref, ref) == 0)
			return h;
	fail_msg("no heading %s in the map", ref);
	return MAP_NONE;
}

/* ---- the duplicate-name rule ---- */

static void
name_key__folds__case_accents_and_spaces(void **state)
{
	(void)state;
	assert_true(map_same_name("Ministère", "ministere"));
	assert_true(map_same_name("MINISTÈRE DE L'INTÉRIEUR", "ministere de l'interieur"));
	assert_true(map_same_name("  Ministry   of\tJustice ", "ministry of justice"));
	/* A decomposed accent (e + U+0300) is the same as the composed one. */
	assert_true(map_same_name("Ministe\xcc\x80re", "Ministère"));
	assert_true(map_same_name("Straße", "STRASSE"));
	assert_true(map_same_name("Œuvre Française", "oeuvre francaise"));
	assert_true(map_same_name("Łódź Čačak", "lodz cacak"));
	assert_true(map_same_name("БАНК РОССИИ", "банк россии"));
	assert_true(map_same_name("ΕΘΝΙΚΗ", "εθνικη"));
	assert_true(map_same_name("亚太网络安全合作中心", "亚太网络安全合作中心"));
}

static void
name_key__keeps__different_names_apart(void **state)
{
	char *k;

	(void)state;
	assert_false(map_same_name("Ministry A", "Ministry B"));
	assert_false(map_same_name("Ministère", "Ministères"));
	assert_false(map_same_name("亚太网络", "亚太网络安全"));
	assert_false(map_same_name("Ministry of Justice", "MinistryofJustice"));
	k = map_name_key("  Ministère  de  l'Intérieur ");
	assert_string_equal(k, "ministere de l'interieur");
	free(k);
}

static void
name_taken__finds__the_same_name_in_the_workbook(void **state)
{
	int64_t id, other, found_id = 0;
	char *found = NULL, *err = NULL;

	(void)state;
	id = add("Ministère de l'Intérieur", "national_government", 0, 0, NULL);
	other = add("Port Lenna City", "other_government", 0, 0, NULL);
	assert_int_equal(map_name_taken(wb, "MINISTERE DE L'INTERIEUR", 0, &found_id, &found,
	    &err), 1);
	assert_true(found_id == id);
	assert_string_equal(found, "Ministère de l'Intérieur");
	free(found);
	/* Renaming a stakeholder to its own name is not a duplicate. */
	assert_int_equal(map_name_taken(wb, "ministère de l'intérieur", id, &found_id, NULL,
	    &err), 0);
	/* Renaming another to it is. */
	assert_int_equal(map_name_taken(wb, "ministère de l'intérieur", other, &found_id, NULL,
	    &err), 1);
	assert_int_equal(map_name_taken(wb, "Ministère de la Justice", 0, &found_id, NULL,
	    &err), 0);
	/* A deleted stakeholder does not count. */
	assert_int_equal(wb_stakeholder_delete(wb, id), 0);
	assert_int_equal(map_name_taken(wb, "Ministere de l'Interieur", 0, &found_id, NULL,
	    &err), 0);
}

/* ---- matrix ---- */

static void
matrix__shows__roles_leads_and_gaps(void **state)
{
	struct map *m;
	int64_t a, b, c;
	size_t ia, ib, ic, q5, q6, q7, e3, h2, h3;

	(void)state;
	a = add("Agency", "national_government", 5, 5, "leading");
	b = add("Bank", "non_governmental", 3, 4, "neutral");
	c = add("Citizens' panel", "individual_citizens", 1, 2, "unaware");
	role(a, "64/211:5", "accountable");
	role(b, "64/211:5", "responsible");
	role(b, "64/211:6", "consulted");
	role(a, "64/211:7", "informed");
	role(a, "58/199:3", "responsible");
	(void)c;
	m = load();
	ia = sh_named(m, "Agency");
	ib = sh_named(m, "Bank");
	ic = sh_named(m, "Citizens' panel");
	q5 = map_find_item(m, "64/211:5");
	q6 = map_find_item(m, "64/211:6");
	q7 = map_find_item(m, "64/211:7");
	e3 = map_find_item(m, "58/199:3");
	assert_true(q5 != MAP_NONE && q6 != MAP_NONE && e3 != MAP_NONE);
	/* 11 elements of 58/199 and 18 questions of 64/211. */
	assert_int_equal(m->nitems, 29);
	assert_int_equal(map_cell(m, ia, q5), MAP_ROLE_ACCOUNTABLE);
	assert_int_equal(map_cell(m, ib, q5), MAP_ROLE_RESPONSIBLE);
	assert_int_equal(map_cell(m, ib, q6), MAP_ROLE_CONSULTED);
	assert_int_equal(map_cell(m, ia, q7), MAP_ROLE_INFORMED);
	assert_int_equal(map_cell(m, ia, e3), MAP_ROLE_RESPONSIBLE);
	assert_int_equal(map_cell(m, ia, q6), -1);
	assert_int_equal(map_cell(m, ic, q5), -1);
	assert_int_equal(map_role_letter(map_cell(m, ia, q5)), 'A');
	assert_int_equal(map_role_letter(map_cell(m, ib, q6)), 'C');
	/* Leads, and who has no role at all. */
	assert_true(m->items[q5].lead == ia);
	assert_true(m->items[q6].lead == MAP_NONE);
	assert_true(m->items[e3].lead == MAP_NONE);
	assert_int_equal(m->items[q5].nroles, 2);
	assert_int_equal(m->sh[ia].nroles, 3);
	assert_int_equal(m->sh[ia].nleads, 1);
	assert_int_equal(m->sh[ib].nroles, 2);
	assert_int_equal(m->sh[ic].nroles, 0);
	/* By heading: the strongest role under it. */
	h2 = heading_ref(m, "64/211#2");
	h3 = heading_ref(m, "64/211#3");
	assert_string_equal(m->headings[h2].title, "Stakeholder roles and responsibilities");
	assert_int_equal(m->headings[h2].n, 1);
	assert_int_equal(m->headings[h3].n, 2);
	assert_int_equal(map_heading_cell(m, ia, h2), MAP_ROLE_ACCOUNTABLE);
	assert_int_equal(map_heading_cell(m, ib, h2), MAP_ROLE_RESPONSIBLE);
	assert_int_equal(map_heading_cell(m, ib, h3), MAP_ROLE_CONSULTED);
	assert_int_equal(map_heading_cell(m, ia, h3), MAP_ROLE_INFORMED);
	assert_int_equal(map_heading_cell(m, ic, h3), -1);
	assert_int_equal(map_heading_gaps(m, h2), 0);
	assert_int_equal(map_heading_gaps(m, h3), 2);
	/* 58/199 has no headings: one column for the whole annex. */
	assert_int_equal(m->headings[m->items[e3].heading].n, 11);
	assert_string_equal(m->headings[m->items[e3].heading].ref, "58/199");
	map_free(m);
}

static void
matrix__keeps__roles_on_refs_no_framework_knows(void **state)
{
	struct map *m;
	int64_t a;
	size_t it;

	(void)state;
	a = add("Agency", "national_government", 0, 0, NULL);
	role(a, "NAT/1:2", "accountable");
	role(a, "64/211:1", "consulted");
	m = load();
	assert_int_equal(m->nitems, 30);
	it = map_find_item(m, "NAT/1:2");
	assert_int_equal(it, 29);
	assert_int_equal(map_cell(m, 0, it), MAP_ROLE_ACCOUNTABLE);
	assert_string_equal(m->headings[m->items[it].heading].ref, "");
	assert_int_equal(map_cell(m, 0, map_find_item(m, "64/211:1")), MAP_ROLE_CONSULTED);
	map_free(m);
}

static void
matrix__forgets__a_deleted_stakeholder_and_undo_brings_it_back(void **state)
{
	struct map *m;
	int64_t a, b;

	(void)state;
	a = add("Agency", "national_government", 0, 0, NULL);
	b = add("Bank", "non_governmental", 0, 0, NULL);
	role(a, "64/211:5", "accountable");
	assert_int_equal(wb_relation_add(wb, b, a, "depends_on", NULL), 0);
	assert_int_equal(wb_stakeholder_delete(wb, a), 0);
	m = load();
	assert_int_equal(m->nsh, 1);
	assert_int_equal(m->nroles, 0);
	assert_int_equal(m->nrels, 0);
	assert_true(m->items[map_find_item(m, "64/211:5")].lead == MAP_NONE);
	map_free(m);
	assert_int_equal(wb_undo(wb, NULL), 0);
	m = load();
	assert_int_equal(m->nsh, 2);
	assert_true(m->items[map_find_item(m, "64/211:5")].lead == sh_named(m, "Agency"));
	assert_int_equal(m->nrels, 1);
	map_free(m);
}

/* ---- grid ---- */

static void
quadrant__splits__at_four(void **state)
{
	(void)state;
	assert_int_equal(map_quadrant(4, 4), MAP_QUAD_MANAGE);
	assert_int_equal(map_quadrant(5, 5), MAP_QUAD_MANAGE);
	assert_int_equal(map_quadrant(5, 1), MAP_QUAD_SATISFY);
	assert_int_equal(map_quadrant(4, 3), MAP_QUAD_SATISFY);
	assert_int_equal(map_quadrant(3, 5), MAP_QUAD_INFORM);
	assert_int_equal(map_quadrant(1, 4), MAP_QUAD_INFORM);
	assert_int_equal(map_quadrant(3, 3), MAP_QUAD_MONITOR);
	assert_int_equal(map_quadrant(1, 1), MAP_QUAD_MONITOR);
	/* Out of range is clamped. */
	assert_int_equal(map_quadrant(9, 0), MAP_QUAD_SATISFY);
	assert_string_equal(map_quad_label(MAP_QUAD_MANAGE), "manage closely");
	assert_string_equal(map_quad_label(MAP_QUAD_MONITOR), "monitor");
}

static void
grid__places__stakeholders_by_influence_and_interest(void **state)
{
	struct map *m;
	size_t cell[4], q[MAP_NQUADS], n;

	(void)state;
	add("Agency", "national_government", 5, 5, NULL);
	add("Ministry", "national_government", 5, 5, NULL);
	add("Operator", "non_governmental", 5, 2, NULL);
	add("University", "non_governmental", 2, 5, NULL);
	add("Panel", "individual_citizens", 0, 0, NULL);   /* defaults: 3, 3 */
	m = load();
	n = map_grid_cell(m, 5, 5, cell, 4);
	assert_int_equal(n, 2);
	assert_string_equal(m->sh[cell[0]].name, "Agency");
	assert_string_equal(m->sh[cell[1]].name, "Ministry");
	/* Counting without a list. */
	assert_int_equal(map_grid_cell(m, 5, 5, NULL, 0), 2);
	assert_int_equal(map_grid_cell(m, 5, 2, cell, 4), 1);
	assert_string_equal(m->sh[cell[0]].name, "Operator");
	assert_int_equal(map_grid_cell(m, 3, 3, cell, 4), 1);
	assert_string_equal(m->sh[cell[0]].name, "Panel");
	assert_int_equal(map_grid_cell(m, 1, 1, cell, 4), 0);
	map_quadrant_counts(m, q);
	assert_int_equal(q[MAP_QUAD_MANAGE], 2);
	assert_int_equal(q[MAP_QUAD_SATISFY], 1);
	assert_int_equal(q[MAP_QUAD_INFORM], 1);
	assert_int_equal(q[MAP_QUAD_MONITOR], 1);
	map_free(m);
}

/* ---- coverage ---- */

static void
coverage__counts__leads_categories_and_gaps(void **state)
{
	struct map *m;
	struct map_coverage cov;
	int64_t a, b, b2, x;
	size_t h1;

	(void)state;
	a = add("Agency", "national_government", 0, 0, NULL);
	b = add("Bank", "non_governmental", 0, 0, NULL);
	b2 = add("Operator", "non_governmental", 0, 0, NULL);
	x = add("Forum", "international_partner", 0, 0, NULL);
	role(a, "64/211:1", "accountable");
	role(b, "64/211:1", "consulted");
	role(b, "64/211:2", "consulted");
	role(b2, "64/211:3", "informed");
	role(x, "64/211:12", "accountable");
	m = load();
	h1 = heading_ref(m, "64/211#1");
	map_coverage(m, h1, &cov);
	assert_int_equal(cov.nitems, 4);
	assert_int_equal(cov.nled, 1);
	assert_int_equal(cov.involved[MAP_CAT_NATIONAL], 1);
	assert_int_equal(cov.involved[MAP_CAT_NONGOV], 2);   /* the bank counts once */
	assert_int_equal(cov.involved[MAP_CAT_OTHER_GOV], 0);
	assert_int_equal(cov.involved[MAP_CAT_INTL], 0);
	assert_int_equal(cov.absent, (1u << MAP_CAT_OTHER_GOV) | (1u << MAP_CAT_CITIZENS) |
	    (1u << MAP_CAT_INTL));
	map_coverage(m, heading_ref(m, "64/211#5"), &cov);
	assert_int_equal(cov.nitems, 3);
	assert_int_equal(cov.nled, 1);
	assert_int_equal(cov.involved[MAP_CAT_INTL], 1);
	assert_int_equal(cov.absent, (1u << MAP_CAT_NATIONAL) | (1u << MAP_CAT_OTHER_GOV) |
	    (1u << MAP_CAT_NONGOV) | (1u << MAP_CAT_CITIZENS));
	/* A heading nobody touches: nothing led, every category absent. */
	map_coverage(m, heading_ref(m, "64/211#6"), &cov);
	assert_int_equal(cov.nled, 0);
	assert_int_equal(cov.absent, (1u << MAP_NCATS) - 1);
	map_free(m);
}

/* ---- register ---- */

static void
register__sorts_and_filters(void **state)
{
	struct map *m;
	size_t out[8], n;

	(void)state;
	add("Fiber Co", "non_governmental", 2, 5, "supportive");
	add("émile's lab", "non_governmental", 4, 1, "leading");
	add("Defence", "national_government", 5, 2, "resistant");
	add("Aqua", "other_government", 1, 3, "unaware");
	m = load();
	assert_int_equal(m->count[MAP_CAT_NONGOV], 2);
	assert_int_equal(m->count[MAP_CAT_NATIONAL], 1);
	assert_int_equal(m->count[MAP_CAT_CITIZENS], 0);
	/* By name, accents folded: é sorts with e. */
	n = map_register(m, MAP_SORT_NAME, MAP_ALL, MAP_ALL, out);
	assert_int_equal(n, 4);
	assert_string_equal(m->sh[out[0]].name, "Aqua");
	assert_string_equal(m->sh[out[1]].name, "Defence");
	assert_string_equal(m->sh[out[2]].name, "émile's lab");
	assert_string_equal(m->sh[out[3]].name, "Fiber Co");
	n = map_register(m, MAP_SORT_CATEGORY, MAP_ALL, MAP_ALL, out);
	assert_string_equal(m->sh[out[0]].name, "Defence");
	assert_string_equal(m->sh[out[1]].name, "Aqua");
	assert_string_equal(m->sh[out[2]].name, "émile's lab");
	n = map_register(m, MAP_SORT_INFLUENCE, MAP_ALL, MAP_ALL, out);
	assert_string_equal(m->sh[out[0]].name, "Defence");
	assert_string_equal(m->sh[out[3]].name, "Aqua");
	n = map_register(m, MAP_SORT_INTEREST, MAP_ALL, MAP_ALL, out);
	assert_string_equal(m->sh[out[0]].name, "Fiber Co");
	n = map_register(m, MAP_SORT_ENGAGEMENT, MAP_ALL, MAP_ALL, out);
	assert_string_equal(m->sh[out[0]].name, "émile's lab");
	assert_string_equal(m->sh[out[3]].name, "Aqua");
	/* Filters. */
	n = map_register(m, MAP_SORT_NAME, 1u << MAP_CAT_NONGOV, MAP_ALL, out);
	assert_int_equal(n, 2);
	assert_string_equal(m->sh[out[0]].name, "émile's lab");
	n = map_register(m, MAP_SORT_NAME, MAP_ALL,
	    (1u << MAP_ENG_RESISTANT) | (1u << MAP_ENG_UNAWARE), out);
	assert_int_equal(n, 2);
	assert_string_equal(m->sh[out[0]].name, "Aqua");
	assert_string_equal(m->sh[out[1]].name, "Defence");
	n = map_register(m, MAP_SORT_NAME, 1u << MAP_CAT_INTL, MAP_ALL, out);
	assert_int_equal(n, 0);
	map_free(m);
}

static void
relations__of_a_stakeholder__both_ends(void **state)
{
	struct map *m;
	int64_t a, b, c;
	size_t out[4], n, ia;

	(void)state;
	a = add("Agency", "national_government", 0, 0, NULL);
	b = add("Bank", "non_governmental", 0, 0, NULL);
	c = add("Cabinet", "national_government", 0, 0, NULL);
	assert_int_equal(wb_relation_add(wb, a, c, "reports_to", NULL), 0);
	assert_int_equal(wb_relation_add(wb, b, a, "depends_on", NULL), 0);
	assert_int_equal(wb_relation_add(wb, b, c, "coordinates_with", NULL), 0);
	assert_int_equal(wb_action_add(wb, &(struct wb_action){ .ref = "64/211:1",
	    .title = "Do it", .owner_id = a }, NULL), 0);
	m = load();
	ia = sh_named(m, "Agency");
	n = map_relations_of(m, ia, out, 4);
	assert_int_equal(n, 2);
	assert_int_equal(m->sh[ia].nactions, 1);
	assert_int_equal(m->sh[sh_named(m, "Bank")].nactions, 0);
	assert_int_equal(map_relations_of(m, sh_named(m, "Cabinet"), NULL, 0), 2);
	assert_true(m->rels[out[0]].kind == MAP_KIND_REPORTS ||
	    m->rels[out[1]].kind == MAP_KIND_REPORTS);
	map_free(m);
}

/* The map reads the roles and relations unsorted and sorts them itself: the same relations,
 * in wb_relations_each's order (two stakeholders of one name among them), and the same roles
 * as wb_roles_each, without those of a deleted stakeholder. */
struct ids {
	int64_t v[16];
	size_t n;
};

static int
rel_id_cb(const struct wb_relation *r, void *arg)
{
	struct ids *x = arg;

	x->v[x->n++] = r->id;
	return 0;
}

static int
role_count_cb(const struct wb_role *r, void *arg)
{
	(void)r;
	++*(size_t *)arg;
	return 0;
}

static void
relations__and_roles__as_the_sorted_listings_give_them(void **state)
{
	struct map *m;
	struct ids want = { { 0 }, 0 };
	int64_t a, b, c, d, gone;
	size_t i, nroles = 0;

	(void)state;
	a = add("Agency", "national_government", 0, 0, NULL);
	b = add("Bank", "non_governmental", 0, 0, NULL);
	c = add("Agency", "other_government", 0, 0, NULL);
	d = add("Cabinet", "national_government", 0, 0, NULL);
	gone = add("Gone", "national_government", 0, 0, NULL);
	assert_int_equal(wb_relation_add(wb, c, b, "depends_on", NULL), 0);
	assert_int_equal(wb_relation_add(wb, a, d, "reports_to", NULL), 0);
	assert_int_equal(wb_relation_add(wb, a, b, "coordinates_with", NULL), 0);
	assert_int_equal(wb_relation_add(wb, d, a, "depends_on", NULL), 0);
	assert_int_equal(wb_relation_add(wb, b, c, "depends_on", NULL), 0);
	assert_int_equal(wb_relation_add(wb, b, a, "depends_on", NULL), 0);
	assert_int_equal(wb_relation_add(wb, gone, a, "depends_on", NULL), 0);
	assert_int_equal(wb_relation_add(wb, c, gone, "reports_to", NULL), 0);
	role(a, "64/211:5", "accountable");
	role(b, "64/211:5", "consulted");
	role(gone, "64/211:6", "accountable");
	role(gone, "local:9", "informed");
	assert_int_equal(wb_stakeholder_delete(wb, gone), 0);
	assert_int_equal(wb_relations_each(wb, 0, rel_id_cb, &want), 0);
	assert_int_equal(wb_roles_each(wb, NULL, role_count_cb, &nroles), 0);
	m = load();
	assert_int_equal(m->nrels, want.n);
	assert_int_equal(want.n, 6);
	for (i = 0; i < want.n; i++)
		assert_true(m->rels[i].id == want.v[i]);
	assert_int_equal(m->nroles, nroles);
	assert_int_equal(m->nroles, 2);
	/* No item for the ref only the deleted stakeholder had a role on. */
	assert_true(map_find_item(m, "local:9") == MAP_NONE);
	assert_true(m->items[map_find_item(m, "64/211:6")].lead == MAP_NONE);
	map_free(m);
}

/* The map reads the stakeholders unsorted and sorts them by name itself: wb_stakeholders_each's
 * order, two of one name by id; a name stored as a blob and SQLite orders them. */
static int
sh_id_cb(const struct wb_stakeholder *h, void *arg)
{
	struct ids *x = arg;

	x->v[x->n++] = h->id;
	return 0;
}

static void
register__is_in_the_order_of_the_sorted_listing(void **state)
{
	struct map *m;
	struct ids want;
	size_t i;
	int round;

	(void)state;
	add("Zeta", "national_government", 0, 0, NULL);
	add("agency", "national_government", 0, 0, NULL);
	add("Agency", "other_government", 0, 0, NULL);
	add("Agency", "national_government", 0, 0, NULL);
	add("\xc3\x89tat", "national_government", 0, 0, NULL);
	add("Bank", "non_governmental", 0, 0, NULL);
	assert_int_equal(wb_stakeholder_delete(wb, add("Gone", "national_government", 0, 0,
	    NULL)), 0);
	for (round = 0; round < 2; round++) {
		memset(&want, 0, sizeof want);
		assert_int_equal(wb_stakeholders_each(wb, sh_id_cb, &want), 0);
		m = load();
		assert_int_equal(m->nsh, want.n);
		assert_int_equal(m->nsh, round == 0 ? 6 : 7);
		for (i = 0; i < want.n; i++)
			assert_true(m->sh[i].id == want.v[i]);
		map_free(m);
		/* A name stored as a blob: after every text in SQLite's order. */
		tu_exec(path, "INSERT INTO stakeholder(name, category) VALUES (x'3432', "
		    "'national_government')");
	}
}

static void
labels__use__the_annex_wording(void **state)
{
	(void)state;
	assert_string_equal(map_cat_label(MAP_CAT_NATIONAL),
	    "National Government ministries or agencies");
	assert_string_equal(map_cat_label(MAP_CAT_OTHER_GOV),
	    "Other government (local and regional) participants");
	assert_string_equal(map_cat_label(MAP_CAT_NONGOV),
	    "Non-governmental actors, including industry, civil society and academia");
	assert_string_equal(map_cat_label(MAP_CAT_CITIZENS), "Individual citizens");
	assert_int_equal(map_cat_from_code("international_partner"), MAP_CAT_INTL);
	assert_int_equal(map_cat_from_code("nobody"), -1);
	assert_int_equal(map_role_from_code("informed"), MAP_ROLE_INFORMED);
	assert_int_equal(map_kind_from_code("reports_to"), MAP_KIND_REPORTS);
	assert_string_equal(map_kind_label(MAP_KIND_DEPENDS), "depends on");
}

/* ---- search ---- */

static int
count_stakeholder_hits(const struct wb_hit *h, void *arg)
{
	if (strcmp(h->kind, "stakeholder") == 0)
		++*(int *)arg;
	return 0;
}

static int
stakeholder_hits(const char *q)
{
	int n = 0;

	if (wb_search(wb, q, 0, count_stakeholder_hits, &n) != 0)
		fail_msg("search %s: %s", q, wb_errmsg(wb));
	return n;
}

static void
search__finds_stakeholders_by_every_field(void **state)
{
	struct wb_stakeholder s = { 0 };
	int64_t id;

	(void)state;
	s.name = "Ministère de l'Intérieur";
	s.category = "national_government";
	s.contact = "Hélène Dubois, helene@interieur.example";
	s.responsibilities = "Police cybercrime unit";
	s.engagement = "resistant";
	assert_int_equal(wb_stakeholder_add(wb, &s, &id), 0);
	add("Panel", "individual_citizens", 0, 0, "supportive");
	assert_int_equal(stakeholder_hits("ministere"), 1);
	assert_int_equal(stakeholder_hits("helene"), 1);
	assert_int_equal(stakeholder_hits("cybercrime"), 1);
	assert_int_equal(stakeholder_hits("ministries agencies"), 1);
	assert_int_equal(stakeholder_hits("resistant"), 1);
	assert_int_equal(stakeholder_hits("individual citizens"), 1);
	assert_int_equal(stakeholder_hits("supportive"), 1);
	/* A change of category or engagement alone is indexed. */
	s.id = id;
	s.category = "international_partner";
	s.engagement = "leading";
	assert_int_equal(wb_stakeholder_update(wb, &s), 0);
	assert_int_equal(stakeholder_hits("ministries"), 0);
	assert_int_equal(stakeholder_hits("international partners"), 1);
	assert_int_equal(stakeholder_hits("leading"), 1);
	assert_int_equal(stakeholder_hits("resistant"), 0);
}

static void
search__of_a_version_2_workbook_is_upgraded_on_open(void **state)
{
	sqlite3 *db;
	char *err = NULL;

	(void)state;
	add("Ministry of Digital Affairs", "national_government", 0, 0, "supportive");
	wb_close(wb);
	wb = NULL;
	/* Back to version 2: the stakeholder triggers of then, the index without the category. */
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER search_stakeholder_update;"
	    " CREATE TRIGGER search_stakeholder_update AFTER UPDATE OF id, name, contact,"
	    " responsibilities, deleted ON stakeholder BEGIN SELECT 1; END;"
	    " UPDATE search_word SET body = 'Ministry of Digital Affairs';"
	    " UPDATE search_tri SET body = 'Ministry of Digital Affairs';"
	    " DROP INDEX history_session; DROP TABLE undo_session;"
	    " ALTER TABLE history DROP COLUMN session;"
	    " DROP INDEX note_ref_order; DROP INDEX action_ref_due;"
	    " DROP INDEX stakeholder_name; ALTER TABLE note DROP COLUMN seq;"
	    " DROP TABLE conflict; DROP TABLE merge_seen; DROP TABLE merge_log;"
	    " DROP TABLE baseline_item; DROP INDEX history_row; DROP INDEX action_ref_open;"
	    " PRAGMA user_version = 2;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	if (wb_open(path, 0, &wb, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(tu_int(path, "PRAGMA user_version"), WB_SCHEMA_VERSION);
	assert_int_equal(stakeholder_hits("supportive"), 1);
	assert_int_equal(stakeholder_hits("ministries agencies"), 1);
	/* The triggers are ours again: trusted, and an edit is indexed. */
	assert_int_equal(wb_stakeholder_add(wb, &(struct wb_stakeholder){ .name = "Forum",
	    .category = "international_partner" }, NULL), 0);
	assert_int_equal(stakeholder_hits("international"), 1);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE"
	    "'%SELECT 1; END'"), 0);
}

/* ---- the demo workbook ---- */

static void
demo__leads_most_items_with_a_few_gaps(void **state)
{
	char *demo = tu_path(dir, "demo.ciipwb"), *err = NULL;
	struct wb *dwb = NULL;
	struct map *m = NULL;
	size_t i, led = 0, idle = 0, h, covered = 0;

	(void)state;
	assert_int_equal(demo_write(demo, NULL, &err), 0);
	assert_int_equal(wb_open(demo, 0, &dwb, &err), 0);
	assert_int_equal(map_load(dwb, cat, &m, &err), 0);
	for (i = 0; i < m->nitems; i++)
		led += m->items[i].lead != MAP_NONE;
	for (i = 0; i < m->nsh; i++)
		idle += m->sh[i].nroles == 0;
	/* Most of the 29 items have a lead, not all: the matrix and coverage have gaps. */
	assert_true(led >= 20 && led < m->nitems);
	assert_int_equal(idle, 1);
	assert_true(m->nrels >= 10);
	for (h = 0; h < m->nheadings; h++) {
		struct map_coverage cov;

		map_coverage(m, h, &cov);
		covered += cov.nled > 0;
	}
	/* ... yet every heading has at least one lead. */
	assert_int_equal(covered, m->nheadings);
	map_free(m);
	wb_close(dwb);
	free(demo);
}

/* ---- escaping ---- */

static void
dot_quote__escapes__quotes_backslashes_newlines_and_controls(void **state)
{
	char *q;

	(void)state;
	q = map_dot_quote("a \"b\" \\N {c}\nd & e\x1b[31m");
	assert_string_equal(q, "\"a \\\"b\\\" \\\\N {c}\\nd &amp; e[31m\"");
	free(q);
	q = map_dot_quote("ends in \\");
	assert_string_equal(q, "\"ends in \\\\\"");
	free(q);
}

static void
csv_field__quotes_and_defuses_formulas(void **state)
{
	char *q;

	(void)state;
	q = map_csv_field("=HYPERLINK(\"x\")");
	assert_string_equal(q, "\"'=HYPERLINK(\"\"x\"\")\"");
	free(q);
	q = map_csv_field("  +1");
	assert_string_equal(q, "\"'  +1\"");
	free(q);
	q = map_csv_field("-2");
	assert_string_equal(q, "\"'-2\"");
	free(q);
	q = map_csv_field("@SUM");
	assert_string_equal(q, "\"'@SUM\"");
	free(q);
	q = map_csv_field("plain, text\nline 2");
	assert_string_equal(q, "\"plain, text\r\nline 2\"");
	free(q);
	q = map_csv_field("a\x1b]0;x\x07z");
	assert_string_equal(q, "\"a]0;xz\"");
	free(q);
}

/* ---- atomic output files ---- */

static int
fill_hello(FILE *fp, void *arg)
{
	return fputs(arg, fp) < 0 ? -1 : 0;
}

static int
fill_fail(FILE *fp, void *arg)
{
	(void)arg;
	fputs("partial", fp);
	return -1;
}

static void
outfile__replaces_atomically_with_mode_0600(void **state)
{
	char *out = tu_path(dir, "out.txt"), *pat = tu_path(dir, "out.txt.tmp-*");
	char *err = NULL, *got;
	struct stat sb;
	glob_t g;
	size_t len;

	(void)state;
	tu_write_file(out, "old", 3);
	assert_int_equal(chmod(out, 0644), 0);
	assert_int_equal(outfile_write(out, fill_hello, "new text\n", &err), 0);
	got = tu_read_file(out, &len);
	assert_string_equal(got, "new text\n");
	free(got);
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	/* A failed writer leaves the old file and no temporary file. */
	assert_int_equal(outfile_write(out, fill_fail, NULL, &err), -1);
	assert_non_null(strstr(err, out));
	free(err);
	got = tu_read_file(out, &len);
	assert_string_equal(got, "new text\n");
	free(got);
	assert_int_equal(glob(pat, 0, NULL, &g), GLOB_NOMATCH);
	/* A directory is refused, not replaced. */
	assert_int_equal(outfile_write(dir, fill_hello, "x", &err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	free(pat);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(name_key__folds__case_accents_and_spaces),
		cmocka_unit_test(name_key__keeps__different_names_apart),
		cmocka_unit_test_setup_teardown(name_taken__finds__the_same_name_in_the_workbook,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(matrix__shows__roles_leads_and_gaps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(matrix__keeps__roles_on_refs_no_framework_knows,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    matrix__forgets__a_deleted_stakeholder_and_undo_brings_it_back, setup, teardown),
		cmocka_unit_test(quadrant__splits__at_four),
		cmocka_unit_test_setup_teardown(grid__places__stakeholders_by_influence_and_interest,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(coverage__counts__leads_categories_and_gaps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(register__sorts_and_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(register__is_in_the_order_of_the_sorted_listing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(relations__and_roles__as_the_sorted_listings_give_them,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(relations__of_a_stakeholder__both_ends, setup,
		    teardown),
		cmocka_unit_test(labels__use__the_annex_wording),
		cmocka_unit_test_setup_teardown(search__finds_stakeholders_by_every_field, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(search__of_a_version_2_workbook_is_upgraded_on_open,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(demo__leads_most_items_with_a_few_gaps, setup,
		    teardown),
		cmocka_unit_test(dot_quote__escapes__quotes_backslashes_newlines_and_controls),
		cmocka_unit_test(csv_field__quotes_and_defuses_formulas),
		cmocka_unit_test_setup_teardown(outfile__replaces_atomically_with_mode_0600, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
