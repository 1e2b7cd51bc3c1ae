/* test-wb-edit.c: reading and editing every kind of workbook record through the wb_ API. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wb.h"
#include "wb_internal.h"
#include "wb_merge.h"
#include "wb_row.h"
#include "test-wb-util.h"

static char *dir, *path;
static struct wb *wb;

static int
setup(void **state)
{
	(void)state;
	return tu_wb_setup(&dir, &path, &wb, "edit.ciipwb");
}

static int
teardown(void **state)
{
	(void)state;
	return tu_wb_teardown(&dir, &path, &wb);
}

static void
reopen(void)
{
	char *err = NULL;

	wb_close(wb);
	if (wb_open(path, 0, &wb, &err) != 0)
		fail_msg("%s", err);
}

#define COUNTER(type) static int \
count_##type(const struct type *r, void *arg) \
{ \
	(void)r; \
	++*(int *)arg; \
	return 0; \
}
COUNTER(wb_item)
COUNTER(wb_note)
COUNTER(wb_evidence)
COUNTER(wb_stakeholder)
COUNTER(wb_action)
COUNTER(wb_role)
COUNTER(wb_relation)
COUNTER(wb_group)

/* How many records a listing hands to its callback. */
#define COUNT(fn, type, ...) ({ int n_ = 0; \
	assert_int_equal(fn(__VA_ARGS__, count_##type, &n_), 0); n_; })

static void
details__round_trip_and_validate_dates(void **state)
{
	struct wb_details d = { .title = "National workshop", .country = "Ruritania",
	    .date_start = "2026-11-23", .date_end = "2026-11-25",
	    .venue = "Strelsau", .facilitator = "R. Rassendyll" };
	struct wb_details got, bad = d;

	(void)state;
	assert_int_equal(wb_details_set(wb, &d), 0);
	reopen();
	assert_int_equal(wb_details_get(wb, &got), 0);
	assert_string_equal(got.title, "National workshop");
	assert_string_equal(got.country, "Ruritania");
	assert_string_equal(got.date_start, "2026-11-23");
	assert_string_equal(got.date_end, "2026-11-25");
	assert_string_equal(got.venue, "Strelsau");
	assert_string_equal(got.facilitator, "R. Rassendyll");
	assert_int_equal(strlen(got.updated), 20);
	wb_details_free(&got);
	bad.date_end = "2026-02-30";
	assert_int_equal(wb_details_set(wb, &bad), -1);
	assert_non_null(strstr(wb_errmsg(wb), "end date"));
	assert_non_null(strstr(wb_errmsg(wb), "edit.ciipwb"));
	bad.date_end = "25/11/2026";
	assert_int_equal(wb_details_set(wb, &bad), -1);
	assert_int_equal(wb_details_get(wb, &got), 0);
	assert_string_equal(got.date_end, "2026-11-25");
	wb_details_free(&got);
}

struct scale_seen {
	char codes[8][20];
	int n;
};

static int
scale_cb(const struct wb_scale *s, void *arg)
{
	struct scale_seen *ss = arg;

	snprintf(ss->codes[ss->n++], 20, "%s", s->code);
	return ss->n == 8;
}

static void
scale__lists__seven_levels_in_order(void **state)
{
	struct scale_seen ss = { .n = 0 };

	(void)state;
	assert_int_equal(wb_scale_each(wb, scale_cb, &ss), 0);
	assert_int_equal(ss.n, 7);
	assert_string_equal(ss.codes[0], "not_assessed");
	assert_string_equal(ss.codes[1], "not_applicable");
	assert_string_equal(ss.codes[2], "start_up");
	assert_string_equal(ss.codes[6], "dynamic");
}

static void
item__state_round_trips_and_rejects_unknown_level(void **state)
{
	struct wb_item it = { .ref = "64/211#3", .current = "formative",
	    .target = "established", .needs_review = 1, .consensus = 0 };
	struct wb_item got;

	(void)state;
	assert_int_equal(wb_item_get(wb, "64/211#3", &got), 0);
	assert_string_equal(got.ref, "64/211#3");
	assert_null(got.current);
	assert_null(got.target);
	assert_string_equal(got.updated, "");
	wb_item_free(&got);
	assert_int_equal(wb_item_set(wb, &it), 0);
	it.consensus = 1;
	it.needs_review = 0;
	assert_int_equal(wb_item_set(wb, &it), 0);
	reopen();
	assert_int_equal(wb_item_get(wb, "64/211#3", &got), 0);
	assert_string_equal(got.current, "formative");
	assert_string_equal(got.target, "established");
	assert_int_equal(got.needs_review, 0);
	assert_int_equal(got.consensus, 1);
	wb_item_free(&got);
	it.current = "superb";
	assert_int_equal(wb_item_set(wb, &it), -1);
	assert_non_null(strstr(wb_errmsg(wb), "superb"));
	assert_int_equal(COUNT(wb_items_each, wb_item, wb), 1);
	it.ref = "";
	it.current = NULL;
	assert_int_equal(wb_item_set(wb, &it), -1);
}

static void
note__add_get_update_delete_and_list_by_ref(void **state)
{
	struct wb_note n = { .ref = "58/199#1", .body = "First note" };
	struct wb_note got;
	int64_t id1 = 0, id2 = 0, id3 = 0, g = 0;

	(void)state;
	assert_int_equal(wb_group_add(wb, "Group A", &g), 0);
	assert_int_equal(wb_note_add(wb, &n, &id1), 0);
	n.body = "Second note";
	n.group_id = g;
	assert_int_equal(wb_note_add(wb, &n, &id2), 0);
	n.ref = "58/199#2";
	assert_int_equal(wb_note_add(wb, &n, &id3), 0);
	assert_true(id1 > 0 && id2 > 0 && id3 > 0);
	assert_int_equal(COUNT(wb_notes_each, wb_note, wb, "58/199#1"), 2);
	assert_int_equal(COUNT(wb_notes_each, wb_note, wb, "58/199#2"), 1);
	assert_int_equal(COUNT(wb_notes_each, wb_note, wb, NULL), 3);
	assert_int_equal(wb_note_get(wb, id2, &got), 0);
	assert_int_equal(got.id, id2);
	assert_string_equal(got.ref, "58/199#1");
	assert_string_equal(got.body, "Second note");
	assert_int_equal(got.group_id, g);
	assert_int_equal(strlen(got.created), 20);
	wb_note_free(&got);
	n.id = id2;
	n.body = "Second note, edited";
	n.group_id = 0;
	assert_int_equal(wb_note_update(wb, &n), 0);
	assert_int_equal(wb_note_get(wb, id2, &got), 0);
	assert_string_equal(got.body, "Second note, edited");
	assert_string_equal(got.ref, "58/199#2");
	assert_int_equal(got.group_id, 0);
	wb_note_free(&got);
	assert_int_equal(wb_note_delete(wb, id1), 0);
	assert_int_equal(COUNT(wb_notes_each, wb_note, wb, "58/199#1"), 0);
	assert_int_equal(wb_note_get(wb, id1, &got), -1);
	assert_non_null(strstr(wb_errmsg(wb), "no such note"));
	assert_int_equal(wb_note_delete(wb, id1), -1);
	n.id = id1;
	assert_int_equal(wb_note_update(wb, &n), -1);
	/* the tombstone is still in the file */
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE deleted = 1"), 1);
}

static void
note__rejects__empty_body_missing_ref_and_unknown_group(void **state)
{
	struct wb_note n = { .ref = "58/199#1", .body = "" };

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "empty"));
	n.body = "x";
	n.ref = NULL;
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	n.ref = "58/199#1";
	n.group_id = 12345;
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "breakout group"));
	assert_int_equal(COUNT(wb_notes_each, wb_note, wb, NULL), 0);
	assert_int_equal(wb_can_undo(wb), 0);
}

static int
stop_cb(const struct wb_note *n, void *arg)
{
	(void)n;
	++*(int *)arg;
	return 7;
}

static void
each__stops_when_callback_returns_nonzero(void **state)
{
	struct wb_note n = { .ref = "r", .body = "b" };
	int calls = 0;

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_notes_each(wb, NULL, stop_cb, &calls), 7);
	assert_int_equal(calls, 1);
}

static void
text__that_looks_like_sql_is_stored_as_text(void **state)
{
	const char *evil = "'); DROP TABLE note; --";
	struct wb_note n = { .ref = evil, .body = evil };
	struct wb_note got;
	int64_t id;

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	reopen();
	assert_int_equal(wb_note_get(wb, id, &got), 0);
	assert_string_equal(got.body, evil);
	assert_string_equal(got.ref, evil);
	wb_note_free(&got);
	assert_int_equal(COUNT(wb_notes_each, wb_note, wb, evil), 1);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note"), 1);
}

static void
text__invalid_utf8_and_controls_are_returned_byte_exact(void **state)
{
	const char raw[] = "bad \xff\xfe \xc3\x28 \xe2\x82 esc\x1b[31m bidi\xe2\x80\xae end";
	struct wb_note n = { .ref = "64/211#1", .body = raw };
	struct wb_evidence e = { .ref = "64/211#1", .name = raw, .location = raw };
	struct wb_note got;
	struct wb_evidence eg;
	int64_t id, eid;

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	assert_int_equal(wb_evidence_add(wb, &e, &eid), 0);
	reopen();
	assert_int_equal(wb_note_get(wb, id, &got), 0);
	assert_int_equal(strlen(got.body), sizeof raw - 1);
	assert_memory_equal(got.body, raw, sizeof raw - 1);
	wb_note_free(&got);
	assert_int_equal(wb_evidence_get(wb, eid, &eg), 0);
	assert_memory_equal(eg.name, raw, sizeof raw);
	assert_memory_equal(eg.location, raw, sizeof raw);
	wb_evidence_free(&eg);
}

static void
note__of_five_megabytes_round_trips(void **state)
{
	size_t len = 5u * 1024 * 1024, i;
	char *big = malloc(len + 1);
	struct wb_note n = { .ref = "64/211#9" };
	struct wb_note got;
	int64_t id;

	(void)state;
	assert_non_null(big);
	for (i = 0; i < len; i++)
		big[i] = (char)('a' + i % 26);
	big[len] = '\0';
	n.body = big;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	reopen();
	assert_int_equal(wb_note_get(wb, id, &got), 0);
	assert_int_equal(strlen(got.body), len);
	assert_memory_equal(got.body, big, len);
	wb_note_free(&got);
	free(big);
}

static void
ids__are_positive_and_distinct(void **state)
{
	struct wb_note n = { .ref = "r", .body = "b" };
	int64_t ids[200];
	int i, j;

	(void)state;
	for (i = 0; i < 200; i++) {
		assert_int_equal(wb_note_add(wb, &n, &ids[i]), 0);
		assert_true(ids[i] > 0);
		for (j = 0; j < i; j++)
			assert_true(ids[i] != ids[j]);
	}
	assert_int_equal(tu_int(path, "SELECT count(DISTINCT id) FROM note"), 200);
	assert_int_equal(tu_int(path, "SELECT count(DISTINCT id) FROM history"), 200);
}

static void
evidence__add_update_delete_get_each(void **state)
{
	struct wb_evidence e = { .ref = "64/211#4", .name = "Cyber strategy 2025",
	    .location = "https://example.org/strategy.pdf" };
	struct wb_evidence got;
	int64_t id;

	(void)state;
	assert_int_equal(wb_evidence_add(wb, &e, &id), 0);
	e.id = id;
	e.location = NULL;
	assert_int_equal(wb_evidence_update(wb, &e), 0);
	assert_int_equal(wb_evidence_get(wb, id, &got), 0);
	assert_string_equal(got.name, "Cyber strategy 2025");
	assert_string_equal(got.location, "");
	wb_evidence_free(&got);
	assert_int_equal(COUNT(wb_evidence_each, wb_evidence, wb, "64/211#4"), 1);
	assert_int_equal(COUNT(wb_evidence_each, wb_evidence, wb, "other"), 0);
	e.name = "";
	assert_int_equal(wb_evidence_update(wb, &e), -1);
	assert_int_equal(wb_evidence_delete(wb, id), 0);
	assert_int_equal(COUNT(wb_evidence_each, wb_evidence, wb, NULL), 0);
	assert_int_equal(wb_evidence_get(wb, id, &got), -1);
}

static void
stakeholder__add_update_delete_get_each_and_validate(void **state)
{
	struct wb_stakeholder s = { .name = "Ministry of ICT",
	    .category = "national_government" };
	struct wb_stakeholder got;
	int64_t id, id2;

	(void)state;
	assert_int_equal(wb_stakeholder_add(wb, &s, &id), 0);
	assert_int_equal(wb_stakeholder_get(wb, id, &got), 0);
	assert_string_equal(got.name, "Ministry of ICT");
	assert_int_equal(got.influence, 3);
	assert_int_equal(got.interest, 3);
	assert_string_equal(got.engagement, "neutral");
	assert_string_equal(got.contact, "");
	wb_stakeholder_free(&got);
	s.id = id;
	s.influence = 5;
	s.interest = 1;
	s.engagement = "leading";
	s.contact = "minister@example.org";
	s.responsibilities = "national strategy";
	assert_int_equal(wb_stakeholder_update(wb, &s), 0);
	assert_int_equal(wb_stakeholder_get(wb, id, &got), 0);
	assert_int_equal(got.influence, 5);
	assert_int_equal(got.interest, 1);
	assert_string_equal(got.engagement, "leading");
	assert_string_equal(got.responsibilities, "national strategy");
	wb_stakeholder_free(&got);
	s.category = "aliens";
	assert_int_equal(wb_stakeholder_add(wb, &s, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "category"));
	s.category = "non_governmental";
	s.influence = 6;
	assert_int_equal(wb_stakeholder_add(wb, &s, NULL), -1);
	s.influence = 2;
	s.engagement = "bored";
	assert_int_equal(wb_stakeholder_add(wb, &s, NULL), -1);
	s.engagement = NULL;
	s.name = "CERT";
	assert_int_equal(wb_stakeholder_add(wb, &s, &id2), 0);
	assert_int_equal(COUNT(wb_stakeholders_each, wb_stakeholder, wb), 2);
	assert_int_equal(wb_stakeholder_delete(wb, id2), 0);
	assert_int_equal(COUNT(wb_stakeholders_each, wb_stakeholder, wb), 1);
	assert_int_equal(wb_stakeholder_get(wb, id2, &got), -1);
}

static void
action__add_update_delete_get_each_and_validate(void **state)
{
	struct wb_stakeholder s = { .name = "CERT", .category = "national_government" };
	struct wb_action a = { .ref = "64/211#7", .title = "Draft the incident plan" };
	struct wb_action got;
	int64_t sid, id, id2;

	(void)state;
	assert_int_equal(wb_stakeholder_add(wb, &s, &sid), 0);
	assert_int_equal(wb_action_add(wb, &a, &id), 0);
	assert_int_equal(wb_action_get(wb, id, &got), 0);
	assert_int_equal(got.owner_id, 0);
	assert_string_equal(got.due, "");
	assert_string_equal(got.priority, "medium");
	assert_string_equal(got.status, "open");
	wb_action_free(&got);
	a.id = id;
	a.owner_id = sid;
	a.due = "2027-03-31";
	a.priority = "high";
	a.status = "in_progress";
	assert_int_equal(wb_action_update(wb, &a), 0);
	assert_int_equal(wb_action_get(wb, id, &got), 0);
	assert_int_equal(got.owner_id, sid);
	assert_string_equal(got.due, "2027-03-31");
	assert_string_equal(got.priority, "high");
	assert_string_equal(got.status, "in_progress");
	wb_action_free(&got);
	a.due = "2027-13-01";
	assert_int_equal(wb_action_update(wb, &a), -1);
	assert_non_null(strstr(wb_errmsg(wb), "due date"));
	a.due = "";
	a.priority = "urgent";
	assert_int_equal(wb_action_add(wb, &a, NULL), -1);
	a.priority = NULL;
	a.status = "finished";
	assert_int_equal(wb_action_add(wb, &a, NULL), -1);
	a.status = NULL;
	a.owner_id = 999;
	assert_int_equal(wb_action_add(wb, &a, NULL), -1);
	assert_non_null(strstr(wb_errmsg(wb), "stakeholder"));
	a.owner_id = 0;
	a.ref = "64/211#8";
	assert_int_equal(wb_action_add(wb, &a, &id2), 0);
	assert_int_equal(COUNT(wb_actions_each, wb_action, wb, NULL), 2);
	assert_int_equal(COUNT(wb_actions_each, wb_action, wb, "64/211#8"), 1);
	assert_int_equal(wb_action_delete(wb, id2), 0);
	assert_int_equal(COUNT(wb_actions_each, wb_action, wb, NULL), 1);
}

static void
role__one_accountable_per_ref_naming_the_lead(void **state)
{
	struct wb_stakeholder s = { .name = "Ministry of ICT",
	    .category = "national_government" };
	int64_t a, b, r1, r2, r3;

	(void)state;
	assert_int_equal(wb_stakeholder_add(wb, &s, &a), 0);
	s.name = "National CERT";
	assert_int_equal(wb_stakeholder_add(wb, &s, &b), 0);
	assert_int_equal(wb_role_set(wb, a, "64/211#2", "accountable", &r1), 0);
	assert_int_equal(wb_role_set(wb, b, "64/211#2", "accountable", &r2), -1);
	assert_non_null(strstr(wb_errmsg(wb), "Ministry of ICT"));
	assert_non_null(strstr(wb_errmsg(wb), "accountable"));
	assert_int_equal(wb_role_set(wb, b, "64/211#2", "responsible", &r2), 0);
	assert_int_equal(COUNT(wb_roles_each, wb_role, wb, "64/211#2"), 2);
	/* Changing a's role replaces it (same row), so b may now lead. */
	assert_int_equal(wb_role_set(wb, a, "64/211#2", "consulted", &r3), 0);
	assert_int_equal(r3, r1);
	assert_int_equal(wb_role_set(wb, b, "64/211#2", "accountable", &r3), 0);
	assert_int_equal(r3, r2);
	assert_int_equal(COUNT(wb_roles_each, wb_role, wb, "64/211#2"), 2);
	assert_int_equal(COUNT(wb_roles_each, wb_role, wb, NULL), 2);
	assert_int_equal(wb_role_set(wb, a, "64/211#2", "boss", NULL), -1);
	assert_int_equal(wb_role_set(wb, 4242, "64/211#2", "informed", NULL), -1);
	assert_int_equal(wb_role_delete(wb, r2), 0);
	assert_int_equal(COUNT(wb_roles_each, wb_role, wb, "64/211#2"), 1);
	assert_int_equal(wb_role_set(wb, a, "64/211#2", "accountable", NULL), 0);
}

static void
relation__add_delete_each_and_hidden_with_deleted_stakeholder(void **state)
{
	struct wb_stakeholder s = { .name = "A", .category = "national_government" };
	int64_t a, b, c, r1, r2;

	(void)state;
	assert_int_equal(wb_stakeholder_add(wb, &s, &a), 0);
	s.name = "B";
	assert_int_equal(wb_stakeholder_add(wb, &s, &b), 0);
	s.name = "C";
	assert_int_equal(wb_stakeholder_add(wb, &s, &c), 0);
	assert_int_equal(wb_relation_add(wb, a, b, "reports_to", &r1), 0);
	assert_int_equal(wb_relation_add(wb, b, c, "depends_on", &r2), 0);
	assert_int_equal(wb_relation_add(wb, a, a, "depends_on", NULL), -1);
	assert_int_equal(wb_relation_add(wb, a, b, "loves", NULL), -1);
	assert_int_equal(COUNT(wb_relations_each, wb_relation, wb, 0), 2);
	assert_int_equal(COUNT(wb_relations_each, wb_relation, wb, a), 1);
	assert_int_equal(COUNT(wb_relations_each, wb_relation, wb, b), 2);
	assert_int_equal(wb_relation_delete(wb, r1), 0);
	assert_int_equal(COUNT(wb_relations_each, wb_relation, wb, 0), 1);
	assert_int_equal(wb_stakeholder_delete(wb, c), 0);
	assert_int_equal(COUNT(wb_relations_each, wb_relation, wb, 0), 0);
	assert_int_equal(tu_int(path, "SELECT count(*) FROM relation WHERE deleted = 1"), 2);
}

static void
group__add_rename_delete_each_and_current(void **state)
{
	int64_t g1, g2, cur;
	struct wb_counts c;

	(void)state;
	assert_int_equal(wb_group_add(wb, "Group A", &g1), 0);
	assert_int_equal(wb_group_add(wb, "Group B", &g2), 0);
	assert_int_equal(wb_group_rename(wb, g1, "Group Alpha"), 0);
	assert_int_equal(wb_group_rename(wb, g1, ""), -1);
	assert_int_equal(COUNT(wb_groups_each, wb_group, wb), 2);
	assert_int_equal(wb_group_current(wb, &cur), 0);
	assert_int_equal(cur, 0);
	assert_int_equal(wb_group_set_current(wb, g1), 0);
	reopen();
	assert_int_equal(wb_group_current(wb, &cur), 0);
	assert_int_equal(cur, g1);
	assert_int_equal(wb_group_set_current(wb, 777), -1);
	assert_int_equal(wb_group_delete(wb, g1), 0);
	assert_int_equal(wb_group_current(wb, &cur), 0);
	assert_int_equal(cur, 0);
	assert_int_equal(COUNT(wb_groups_each, wb_group, wb), 1);
	assert_int_equal(wb_counts(wb, &c), 0);
	assert_int_equal(c.groups, 1);
	assert_int_equal(wb_group_set_current(wb, 0), 0);
}

static void
names_cb(const char *title, const char *group, void *arg)
{
	snprintf(arg, 128, "%s|%s", title != NULL ? title : "(null)",
	    group != NULL ? group : "(null)");
}

/* The status line's names: the title, and the current group while it is live. */
static void
group__status_names_are_the_title_and_the_live_current_group(void **state)
{
	struct wb_details d = { .title = "Stock-taking" };
	char got[128] = "";
	int64_t g;

	(void)state;
	assert_int_equal(wb_details_set(wb, &d), 0);
	assert_int_equal(wb_group_add(wb, "Group A", &g), 0);
	assert_int_equal(wb_status_names(wb, names_cb, got), 0);
	assert_string_equal(got, "Stock-taking|(null)");
	assert_int_equal(wb_group_set_current(wb, g), 0);
	assert_int_equal(wb_status_names(wb, names_cb, got), 0);
	assert_string_equal(got, "Stock-taking|Group A");
	assert_int_equal(wb_group_delete(wb, g), 0);
	assert_int_equal(wb_status_names(wb, names_cb, got), 0);
	assert_string_equal(got, "Stock-taking|(null)");
}

static int
log_cb(const struct wb_log *l, void *arg)
{
	char *out = arg;

	strcat(out, l->heading);
	strcat(out, l->consensus ? "+" : "-");
	strcat(out, ";");
	return 0;
}

static void
log__add_and_each_in_time_order(void **state)
{
	struct wb_log l = { .heading = "64/211#2", .consensus = 1,
	    .at = "2026-11-23T11:00:00Z", .note = "agreed" };
	char out[200] = "";
	int64_t id;

	(void)state;
	assert_int_equal(wb_log_add(wb, &l, &id), 0);
	l.heading = "64/211#1";
	l.consensus = 0;
	l.at = "2026-11-23T10:00:00Z";
	assert_int_equal(wb_log_add(wb, &l, NULL), 0);
	l.heading = "";
	assert_int_equal(wb_log_add(wb, &l, NULL), -1);
	l.heading = "x";
	l.group_id = 55;
	assert_int_equal(wb_log_add(wb, &l, NULL), -1);
	assert_int_equal(wb_log_each(wb, log_cb, out), 0);
	assert_string_equal(out, "64/211#1-;64/211#2+;");
}

static void
counts__count_live_rows_only(void **state)
{
	struct wb_note n = { .ref = "a", .body = "b" };
	struct wb_item it = { .ref = "a", .current = "start_up" };
	struct wb_counts c;
	int64_t id;

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	assert_int_equal(wb_note_delete(wb, id), 0);
	assert_int_equal(wb_item_set(wb, &it), 0);
	assert_int_equal(wb_counts(wb, &c), 0);
	assert_int_equal(c.notes, 1);
	assert_int_equal(c.deleted, 1);
	assert_int_equal(c.items, 1);
	assert_int_equal(c.rated, 1);
	assert_int_equal(c.targets, 0);
	assert_int_equal(c.history, 4);
}

static void
input__is_left_untouched_on_failure(void **state)
{
	char body[] = "keep me";
	struct wb_note n = { .ref = "r", .body = body, .group_id = 99 };

	(void)state;
	assert_int_equal(wb_note_add(wb, &n, NULL), -1);
	assert_string_equal(n.body, "keep me");
	assert_ptr_equal(n.body, body);
	assert_int_equal(n.group_id, 99);
}

struct order {
	int64_t ids[64];
	int n;
};

static int
order_cb(const struct wb_note *n, void *arg)
{
	struct order *o = arg;

	if (o->n < 64)
		o->ids[o->n++] = n->id;
	return 0;
}

static void
notes__made_in_the_same_second_are_listed_in_the_order_made(void **state)
{
	struct wb_note n = { .ref = "64/211:5" };
	struct order o = { { 0 }, 0 };
	int64_t made[40];
	char body[16];
	int i;

	(void)state;
	/* Forty notes in a second or two: their random keys say nothing of the order. */
	for (i = 0; i < 40; i++) {
		snprintf(body, sizeof body, "note %d", i);
		n.body = body;
		assert_int_equal(wb_note_add(wb, &n, &made[i]), 0);
	}
	assert_int_equal(wb_notes_each(wb, "64/211:5", order_cb, &o), 0);
	assert_int_equal(o.n, 40);
	for (i = 0; i < 40; i++)
		assert_true(o.ids[i] == made[i]);
	/* Undo of the last add and redo bring it back in its place. */
	assert_int_equal(wb_undo(wb, NULL), 0);
	assert_int_equal(wb_redo(wb, NULL), 0);
	o.n = 0;
	assert_int_equal(wb_notes_each(wb, NULL, order_cb, &o), 0);
	assert_true(o.ids[39] == made[39]);
}

static void
notes__merged_from_another_workbook_keep_the_order_they_were_made_in(void **state)
{
	struct wb_note n = { .ref = "64/211:5" };
	struct order o = { { 0 }, 0 };
	struct wb_merge_report rep;
	struct wb_source *src = NULL;
	struct wb *b = NULL;
	char *bpath = tu_path(dir, "breakout.ciipwb"), *err = NULL;
	int64_t made[40];
	char body[16];
	int i, j;

	(void)state;
	/* Another laptop's workbook: forty notes in a second or two, with random keys. */
	if (wb_open(bpath, WB_OPEN_CREATE, &b, &err) != 0)
		fail_msg("%s", err);
	for (i = 0; i < 40; i++) {
		snprintf(body, sizeof body, "theirs %d", i);
		n.body = body;
		assert_int_equal(wb_note_add(b, &n, &made[i]), 0);
	}
	wb_close(b);
	n.body = "ours";
	assert_int_equal(wb_note_add(wb, &n, NULL), 0);
	if (wb_source_open(bpath, &src, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(wb_merge(wb, &src, 1, &rep), 0);
	wb_source_free(src);
	/* Every note has its place in the sequence, and theirs keep their order here. */
	assert_int_equal(tu_int(path, "SELECT count(*) FROM note WHERE seq IS NULL"), 0);
	assert_int_equal(wb_notes_each(wb, "64/211:5", order_cb, &o), 0);
	assert_int_equal(o.n, 41);
	/* Ours may come before, between or after theirs (another laptop's clock), but theirs
	 * come in the order they were made. */
	for (i = 0, j = 0; i < o.n; i++)
		if (j < 40 && o.ids[i] == made[j])
			j++;
	assert_int_equal(j, 40);
	free(bpath);
}

/* ---- the row layer: every table through the same get, add, update and delete ---- */

/* Any record of wb.h. */
union rec {
	struct wb_details details;
	struct wb_group group;
	struct wb_note note;
	struct wb_evidence evidence;
	struct wb_stakeholder stakeholder;
	struct wb_action action;
	struct wb_role role;
	struct wb_relation relation;
	struct wb_log log;
};

/* A valid record of table d, every member set (no default needed), pointing to live rows
 * of the tables it refers to. */
static void
rec_fill(const struct wb_rowdef *d, union rec *u)
{
	static int64_t group, s1, s2;
	struct wb_stakeholder s = { .name = "Ministry", .category = "national_government" };

	memset(u, 0, sizeof *u);
	if (group == 0 || wb__row_live(wb, &wb__row_group, group) != 1) {
		assert_int_equal(wb_group_add(wb, "Group A", &group), 0);
		assert_int_equal(wb_stakeholder_add(wb, &s, &s1), 0);
		s.name = "Agency";
		assert_int_equal(wb_stakeholder_add(wb, &s, &s2), 0);
	}
	if (d == &wb__row_details)
		u->details = (struct wb_details){ .title = "Review", .country = "Ruritania",
		    .date_start = "2026-11-23", .date_end = "2026-11-25", .venue = "Hall",
		    .facilitator = "Facilitator" };
	else if (d == &wb__row_group)
		u->group = (struct wb_group){ .name = "Group B" };
	else if (d == &wb__row_note)
		u->note = (struct wb_note){ .ref = "64/211:5", .body = "Body\nline two",
		    .group_id = group };
	else if (d == &wb__row_evidence)
		u->evidence = (struct wb_evidence){ .ref = "64/211:5", .name = "Policy",
		    .location = "https://example.org/p.pdf" };
	else if (d == &wb__row_stakeholder)
		u->stakeholder = (struct wb_stakeholder){ .name = "Regulator",
		    .category = "other_government", .contact = "a@example.org",
		    .responsibilities = "Licensing", .influence = 5, .interest = 2,
		    .engagement = "supportive" };
	else if (d == &wb__row_action)
		u->action = (struct wb_action){ .ref = "64/211:5", .title = "Draft a policy",
		    .owner_id = s1, .due = "2027-03-31", .priority = "high",
		    .status = "in_progress" };
	else if (d == &wb__row_role)
		u->role = (struct wb_role){ .stakeholder_id = s1, .ref = "64/211:5",
		    .role = "consulted" };
	else if (d == &wb__row_relation)
		u->relation = (struct wb_relation){ .from_id = s1, .to_id = s2,
		    .kind = "reports_to" };
	else if (d == &wb__row_log)
		u->log = (struct wb_log){ .group_id = group, .heading = "64/211#2",
		    .consensus = 1, .note = "Agreed", .at = "2026-11-23T09:30:00Z",
		    .started = "2026-11-23T09:30:00Z", .ended = "2026-11-23T10:00:00Z",
		    .seconds = 1800 };
	else
		fail_msg("no record for table %s", d->table);
}

/* Member of column c of a record as text, for comparing. */
static void
rec_col(const struct wb_col *c, const union rec *u, char *buf, size_t n)
{
	const char *p = (const char *)u + c->off;
	const char *s;
	int64_t v64;
	int v;

	switch (c->type) {
	case WB_COL_INT:
	case WB_COL_BOOL:
		memcpy(&v, p, sizeof v);
		snprintf(buf, n, "%d", v);
		break;
	case WB_COL_INT64:
	case WB_COL_KEY:
		memcpy(&v64, p, sizeof v64);
		snprintf(buf, n, "%lld", (long long)v64);
		break;
	default:
		memcpy(&s, p, sizeof s);
		snprintf(buf, n, "%s", s != NULL ? s : "<null>");
		break;
	}
}

static int64_t
rec_id(const struct wb_rowdef *d, const union rec *u)
{
	int64_t id = 1;

	if (d->id_off != WB_ROW_NONE)
		memcpy(&id, (const char *)u + d->id_off, sizeof id);
	return id;
}

/* Every column of want equals got's. */
static void
rec_same(const struct wb_rowdef *d, const union rec *want, const union rec *got)
{
	char a[256], b[256];
	size_t i;

	for (i = 0; i < d->ncols; i++) {
		if (d->cols[i].off == WB_ROW_NONE)
			continue;
		rec_col(&d->cols[i], want, a, sizeof a);
		rec_col(&d->cols[i], got, b, sizeof b);
		if (strcmp(a, b) != 0)
			fail_msg("%s.%s: wrote \"%s\", read \"%s\"", d->table, d->cols[i].name, a, b);
	}
}

static void
row__every_table_round_trips_through_the_generic_get(void **state)
{
	union rec in, out;
	int64_t id;
	size_t i;

	(void)state;
	for (i = 0; i < wb__nrowdefs; i++) {
		const struct wb_rowdef *d = wb__rowdefs[i];

		rec_fill(d, &in);
		if (d->thing == NULL)
			assert_int_equal(wb__row_update(wb, d, &in), 0);
		else
			assert_int_equal(wb__row_add(wb, d, &in, &id), 0);
		if (d->thing != NULL)
			memcpy((char *)&in + d->id_off, &id, sizeof id);
		assert_int_equal(wb__row_get(wb, d, rec_id(d, &in), &out), 0);
		rec_same(d, &in, &out);
		assert_int_equal(rec_id(d, &out), rec_id(d, &in));
		assert_int_equal(strlen((const char *)&out + d->updated_off), 20);
		if (d->created_off != WB_ROW_NONE)
			assert_int_equal(strlen((const char *)&out + d->created_off), 20);
		wb__row_free(d, &out);
		if (d->thing == NULL)
			continue;
		/* Updated through the generic update, deleted through the generic delete. */
		assert_int_equal(wb__row_update(wb, d, &in), 0);
		assert_int_equal(wb__row_delete(wb, d, id), 0);
		assert_int_equal(wb__row_get(wb, d, id, &out), -1);
		assert_non_null(strstr(wb_errmsg(wb), "there is no such"));
		assert_int_equal(wb__row_delete(wb, d, id), -1);
		/* Undo brings the row back as it was. */
		assert_int_equal(wb_undo(wb, NULL), 0);
		assert_int_equal(wb__row_get(wb, d, id, &out), 0);
		rec_same(d, &in, &out);
		wb__row_free(d, &out);
	}
}

static void
row__a_required_text_left_empty_is_refused_with_its_reason(void **state)
{
	union rec in;
	char *before, *after;
	size_t i, j;
	int tried = 0;

	(void)state;
	for (i = 0; i < wb__nrowdefs; i++) {
		const struct wb_rowdef *d = wb__rowdefs[i];

		for (j = 0; j < d->ncols; j++) {
			const struct wb_col *c = &d->cols[j];
			const char *empty = "";

			if (c->type != WB_COL_TEXT || !(c->flags & WB_COL_NEED))
				continue;
			rec_fill(d, &in);
			before = tu_dump(path);
			memcpy((char *)&in + c->off, &empty, sizeof empty);
			assert_int_equal(wb__row_add(wb, d, &in, NULL), -1);
			assert_non_null(strstr(wb_errmsg(wb), c->msg));
			assert_non_null(strstr(wb_errmsg(wb), path));
			after = tu_dump(path);
			assert_string_equal(before, after);
			free(before);
			free(after);
			tried++;
		}
	}
	assert_int_equal(tried, 10);
}

static void
row__every_column_is_in_the_history_snapshot(void **state)
{
	size_t i, j, k;

	(void)state;
	for (i = 0; i < wb__nrowdefs; i++) {
		const struct wb_rowdef *d = wb__rowdefs[i];
		const struct wb_table *t = wb__table_find(d->table);
		const char *extra[] = { "id", d->tomb ? "created" : "id", "updated" };

		assert_non_null(t);
		assert_int_equal(t->has_deleted, d->tomb);
		assert_true(d->slot >= 0 && d->slot < WB_ROW_MAXDEFS);
		for (j = 0; j < d->ncols + 3; j++) {
			const char *name = j < d->ncols ? d->cols[j].name : extra[j - d->ncols];

			for (k = 0; k < WB_TABLE_MAXCOLS && t->cols[k] != NULL; k++)
				if (strcmp(t->cols[k], name) == 0)
					break;
			if (k == WB_TABLE_MAXCOLS || t->cols[k] == NULL)
				fail_msg("%s.%s is not in the history snapshot", d->table, name);
		}
		for (j = 0; j < i; j++)
			assert_int_not_equal(wb__rowdefs[j]->slot, d->slot);
	}
}

/* The statements open on the connection, but those SQLite's search index (FTS5) keeps. */
static int
stmt_count(void)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	while ((st = sqlite3_next_stmt(wb->db, st)) != NULL)
		if (strstr(sqlite3_sql(st), "'main'.") == NULL &&
		    strstr(sqlite3_sql(st), "'temp'.") == NULL)
			n++;
	return n;
}

/* Add, update, get and delete a note: every statement of a table's edits and reads. */
static int64_t
note_cycle(void)
{
	struct wb_note n = { .ref = "64/211:5", .body = "first" }, got;
	int64_t id;

	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	n.id = id;
	n.body = "second";
	assert_int_equal(wb_note_update(wb, &n), 0);
	assert_int_equal(wb_note_get(wb, id, &got), 0);
	assert_string_equal(got.body, "second");
	wb_note_free(&got);
	assert_int_equal(wb_note_delete(wb, id), 0);
	return id;
}

static void
row__statements_are_prepared_once_and_reused(void **state)
{
	struct wb_note got;
	int64_t id;
	int before, i;

	(void)state;
	note_cycle();
	before = stmt_count();
	assert_true(before > 0);
	for (i = 0; i < 20; i++) {
		id = note_cycle();
		/* None of them is left running (that would hold a read snapshot). */
		for (sqlite3_stmt *st = sqlite3_next_stmt(wb->db, NULL); st != NULL;
		    st = sqlite3_next_stmt(wb->db, st))
			assert_int_equal(sqlite3_stmt_busy(st), 0);
	}
	assert_int_equal(stmt_count(), before);
	/* A reopened workbook prepares them again. */
	reopen();
	assert_int_equal(stmt_count(), 0);
	assert_int_equal(wb_note_get(wb, id, &got), -1);
	assert_int_equal(stmt_count(), 1);
}

struct nested {
	int outer, inner;
};

static int
nested_inner_cb(const struct wb_stakeholder *s, void *arg)
{
	(void)s;
	((struct nested *)arg)->inner++;
	return 0;
}

static int
nested_outer_cb(const struct wb_stakeholder *s, void *arg)
{
	struct nested *n = arg;

	(void)s;
	n->outer++;
	/* The same listing again, while the first is under way. */
	return wb_stakeholders_each(wb, nested_inner_cb, n);
}

static void
row__a_listing_may_list_again_from_its_callback(void **state)
{
	struct wb_stakeholder s = { .category = "non_governmental" };
	struct nested n = { 0, 0 };
	char name[16];
	int i, before;

	(void)state;
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "S%d", i);
		s.name = name;
		assert_int_equal(wb_stakeholder_add(wb, &s, NULL), 0);
	}
	assert_int_equal(wb_stakeholders_each(wb, nested_outer_cb, &n), 0);
	before = stmt_count();
	assert_int_equal(n.outer, 3);
	assert_int_equal(n.inner, 9);
	n.outer = n.inner = 0;
	assert_int_equal(wb_stakeholders_each(wb, nested_outer_cb, &n), 0);
	assert_int_equal(n.inner, 9);
	/* The nested one was prepared apart and finalized; the kept one is at rest. */
	assert_int_equal(stmt_count(), before);
	for (sqlite3_stmt *st = sqlite3_next_stmt(wb->db, NULL); st != NULL;
	    st = sqlite3_next_stmt(wb->db, st))
		assert_int_equal(sqlite3_stmt_busy(st), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(details__round_trip_and_validate_dates),
		T(scale__lists__seven_levels_in_order),
		T(item__state_round_trips_and_rejects_unknown_level),
		T(note__add_get_update_delete_and_list_by_ref),
		T(note__rejects__empty_body_missing_ref_and_unknown_group),
		T(notes__made_in_the_same_second_are_listed_in_the_order_made),
		T(notes__merged_from_another_workbook_keep_the_order_they_were_made_in),
		T(row__every_table_round_trips_through_the_generic_get),
		T(row__a_required_text_left_empty_is_refused_with_its_reason),
		T(row__every_column_is_in_the_history_snapshot),
		T(row__statements_are_prepared_once_and_reused),
		T(row__a_listing_may_list_again_from_its_callback),
		T(each__stops_when_callback_returns_nonzero),
		T(text__that_looks_like_sql_is_stored_as_text),
		T(text__invalid_utf8_and_controls_are_returned_byte_exact),
		T(note__of_five_megabytes_round_trips),
		T(ids__are_positive_and_distinct),
		T(evidence__add_update_delete_get_each),
		T(stakeholder__add_update_delete_get_each_and_validate),
		T(action__add_update_delete_get_each_and_validate),
		T(role__one_accountable_per_ref_naming_the_lead),
		T(relation__add_delete_each_and_hidden_with_deleted_stakeholder),
		T(group__add_rename_delete_each_and_current),
		T(group__status_names_are_the_title_and_the_live_current_group),
		T(log__add_and_each_in_time_order),
		T(counts__count_live_rows_only),
		T(input__is_left_untouched_on_failure),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
