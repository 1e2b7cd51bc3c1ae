/* test-keys.c: the key table: no key bound twice in one view, every view named exists, every
 * action named and explained, every key in the man page's KEYS section, key names that parse. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "ui_edit.h"
#include "ui_view.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

struct collect {
	int keys[256];
	const char *names[256];
	size_t lens[256];
	enum keys_action acts[256];
	size_t idx[256];            /* the binding's index in keys_table */
	size_t n;
	enum keys_action act;
	size_t i;
	int bad;
};

static void
collect_name(const char *name, size_t len, void *arg)
{
	struct collect *c = arg;
	char buf[64];
	int k;

	assert_true(len < sizeof buf);
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (keys_parse(buf, &k) != 0) {
		fprintf(stderr, "# key name '%s' does not parse\n", buf);
		c->bad++;
		return;
	}
	assert_true(c->n < 256);
	c->keys[c->n] = k;
	c->names[c->n] = name;
	c->lens[c->n] = len;
	c->acts[c->n] = c->act;
	c->idx[c->n] = c->i;
	c->n++;
}

static void
collect_all(struct collect *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < keys_ntable; i++) {
		c->act = keys_table[i].action;
		c->i = i;
		keys_each_name(keys_table[i].keys, collect_name, c);
	}
}

static void
keys__every_default_key_name_parses(void **state)
{
	struct collect c;

	(void)state;
	collect_all(&c);
	assert_int_equal(c.bad, 0);
	assert_true(c.n >= keys_ntable);
}

/* 1 if bindings I and J can apply to one view at the same level of keys_lookup. */
static int
same_scope(size_t i, size_t j)
{
	const char *a = keys_views[i], *b = keys_views[j];

	if (strcmp(a, KEYS_GLOBAL) == 0 || strcmp(a, KEYS_LIST) == 0 ||
	    strcmp(b, KEYS_GLOBAL) == 0 || strcmp(b, KEYS_LIST) == 0)
		return strcmp(a, b) == 0;
	for (size_t v = 0; v < ui_nviews; v++)
		if (keys_views_has(a, ui_views[v]->name) && keys_views_has(b, ui_views[v]->name))
			return 1;
	return 0;
}

static void
keys__no_key_is_bound_twice_in_one_view(void **state)
{
	struct collect c;

	(void)state;
	collect_all(&c);
	for (size_t i = 0; i < c.n; i++)
		for (size_t j = i + 1; j < c.n; j++)
			if (c.keys[i] == c.keys[j] && same_scope(c.idx[i], c.idx[j])) {
				fprintf(stderr, "# '%.*s' and '%.*s' are the same key in one view\n",
				    (int)c.lens[i], c.names[i], (int)c.lens[j], c.names[j]);
				fail();
			}
}

static void
views_name_cb(const char *name, size_t len, void *arg)
{
	int *missing = arg;
	char buf[64];

	assert_true(len < sizeof buf);
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (ui_view_find(buf) == NULL) {
		fprintf(stderr, "# the key table names a view '%s' that is not in ui_views[]\n",
		    buf);
		(*missing)++;
	}
}

static void
keys__every_binding_names_views_that_exist(void **state)
{
	int missing = 0;

	(void)state;
	for (size_t i = 0; i < keys_ntable; i++) {
		assert_non_null(keys_views[i]);
		assert_true(keys_views[i][0] != '\0');
		if (strcmp(keys_views[i], KEYS_GLOBAL) == 0 || strcmp(keys_views[i], KEYS_LIST) == 0)
			continue;
		keys_each_name(keys_views[i], views_name_cb, &missing);
	}
	assert_int_equal(missing, 0);
}

/* The global keys reach their action from every view; q quits the browser and closes every
 * other view; where a view has its own meaning for a key, its binding wins there only. */
static void
keys__global_keys_work_in_every_view(void **state)
{
	(void)state;
	for (size_t v = 0; v < ui_nviews; v++) {
		const struct ui_view_ops *o = ui_views[v];

		assert_int_equal(keys_lookup(o->name, o->list, '/'), KEYS_ACT_SEARCH);
		assert_int_equal(keys_lookup(o->name, o->list, '?'), KEYS_ACT_HELP);
		assert_int_equal(keys_lookup(o->name, o->list, 'A'), KEYS_ACT_ACTIONS_VIEW);
		assert_int_equal(keys_lookup(o->name, o->list, 'u'), KEYS_ACT_UNDO);
		assert_int_equal(keys_lookup(o->name, o->list, KEYS_CTRL('r')), KEYS_ACT_REDO);
		assert_int_equal(keys_lookup(o->name, o->list, KEYS_CTRL('l')), KEYS_ACT_REDRAW);
		assert_int_equal(keys_lookup(o->name, o->list, KEYS_ESC), KEYS_ACT_CLOSE);
		assert_int_equal(keys_lookup(o->name, o->list, 'q'),
		    v == 0 ? KEYS_ACT_QUIT : KEYS_ACT_CLOSE);
	}
	assert_int_equal(keys_lookup("actions", 1, 'c'), KEYS_ACT_ACTIONS_CLEAR);
	assert_int_equal(keys_lookup("browser", 0, 'c'), KEYS_ACT_CONSENSUS);
	assert_int_equal(keys_lookup("results", 1, 'c'), KEYS_ACT_NONE);
	assert_int_equal(keys_lookup("actions", 1, KEYS_ENTER), KEYS_ACT_ACTIONS_SHOW);
	assert_int_equal(keys_lookup("results", 1, KEYS_ENTER), KEYS_ACT_RESULTS_SHOW);
}

static void
keys__every_action_has_a_name_keys_and_help(void **state)
{
	(void)state;
	assert_int_equal(keys_ntable, KEYS_NACTIONS - 1);
	for (size_t i = 0; i < keys_ntable; i++) {
		const struct keys_def *d = &keys_table[i];

		assert_int_equal(d->action, (int)i + 1);
		assert_ptr_equal(keys_def(d->action), d);
		assert_non_null(d->name);
		assert_true(strlen(d->name) > 0);
		assert_non_null(d->keys);
		assert_true(strlen(d->keys) > 0);
		assert_non_null(d->help);
		assert_true(strlen(d->help) > 10);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(d->name, keys_table[j].name);
	}
}

/* Every key of every binding reaches its action in at least one view of the table. */
static void
keys__lookup_finds_the_action_of_every_default_key(void **state)
{
	struct collect c;

	(void)state;
	collect_all(&c);
	for (size_t i = 0; i < c.n; i++) {
		int found = 0;

		for (size_t v = 0; v < ui_nviews; v++)
			found |= keys_lookup(ui_views[v]->name, ui_views[v]->list, c.keys[i]) ==
			    c.acts[i];
		if (!found)
			fprintf(stderr, "# '%.*s' of %s reaches it in no view\n", (int)c.lens[i],
			    c.names[i], keys_table[c.idx[i]].name);
		assert_true(found);
	}
}

/* A view's bindings, all at once, are what keys_lookup gives key by key: every key of the
 * table in every view (and in a list view that is not one), each key once. */
static void
keys__bindings_of_a_view_are_what_lookup_gives(void **state)
{
	struct collect c;
	struct keys_binding b[512];

	(void)state;
	collect_all(&c);
	for (size_t v = 0; v <= ui_nviews; v++) {
		const char *name = v < ui_nviews ? ui_views[v]->name : "nowhere";
		int list = v < ui_nviews ? ui_views[v]->list : 1;
		size_t n = keys_bindings(name, list, b, sizeof b / sizeof b[0]);

		for (size_t j = 0; j < n; j++) {
			assert_int_equal(keys_lookup(name, list, b[j].key), b[j].action);
			for (size_t k = j + 1; k < n; k++)
				assert_int_not_equal(b[j].key, b[k].key);
		}
		for (size_t i = 0; i < c.n; i++) {
			enum keys_action want = keys_lookup(name, list, c.keys[i]), got = KEYS_ACT_NONE;

			for (size_t j = 0; j < n; j++)
				if (b[j].key == keys_normalize(c.keys[i]))
					got = b[j].action;
			assert_int_equal(got, want);
		}
	}
}

static void
keys__lookup_maps_return_and_key_enter_to_enter(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup("browser", 0, '\r'), KEYS_ACT_ENTER);
	assert_int_equal(keys_lookup("browser", 0, '\n'), KEYS_ACT_ENTER);
	assert_int_equal(keys_lookup("browser", 0, KEYS_FN | KEY_ENTER), KEYS_ACT_ENTER);
	assert_int_equal(keys_lookup("browser", 0, 'j'), KEYS_ACT_DOWN);
	assert_int_equal(keys_lookup("browser", 0, KEYS_FN | KEY_NPAGE), KEYS_ACT_PAGE_DOWN);
	assert_int_equal(keys_lookup("browser", 0, KEYS_CTRL('f')), KEYS_ACT_PAGE_DOWN);
	assert_int_equal(keys_lookup("browser", 0, KEYS_FN | KEY_BTAB), KEYS_ACT_PREV_PANE);
	assert_int_equal(keys_lookup("browser", 0, '%'), KEYS_ACT_NONE);
	/* A function key is not the character with the same number. */
	assert_int_equal(keys_lookup("browser", 0, KEY_DOWN), KEYS_ACT_NONE);
}

static void
keys__parse_knows_control_keys_and_rejects_unknown_names(void **state)
{
	int k = 0;

	(void)state;
	assert_int_equal(keys_parse("C-r", &k), 0);
	assert_int_equal(k, 18);
	assert_int_equal(keys_parse("F10", &k), 0);
	assert_int_equal(k, KEYS_FN | KEY_F(10));
	assert_int_equal(keys_parse("\xc3\xa9", &k), 0);     /* é */
	assert_int_equal(k, 0xe9);
	assert_int_equal(keys_parse("Bogus", &k), -1);
	assert_int_equal(keys_parse("", &k), -1);
	assert_int_equal(keys_parse("C-", &k), -1);
	assert_int_equal(keys_parse("F13", &k), -1);
	assert_int_equal(keys_parse("\x01", &k), -1);
}

/* The KEYS section of ciipwb(1), from ".Sh KEYS" to the next ".Sh". */
static char *
man_keys_section(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096], *buf = NULL, *line = NULL;
	size_t cap = 0, len = 0;
	int in = 0;
	FILE *fp, *mem;

	snprintf(path, sizeof path, "%s/man/ciipwb.1", top != NULL && *top ? top : TOP_SRCDIR);
	fp = fopen(path, "r");
	if (fp == NULL)
		fprintf(stderr, "# cannot open %s\n", path);
	assert_non_null(fp);
	mem = open_memstream(&buf, &len);
	assert_non_null(mem);
	while (getline(&line, &cap, fp) >= 0) {
		if (strncmp(line, ".Sh ", 4) == 0)
			in = strcmp(line, ".Sh KEYS\n") == 0;
		else if (in) {
			/* Drop the zero-width escape "\&" that mdoc needs before "?". */
			for (char *p = line; (p = strstr(p, "\\&")) != NULL;)
				memmove(p, p + 2, strlen(p + 2) + 1);
			fputs(line, mem);
		}
	}
	free(line);
	fclose(fp);
	fclose(mem);
	return buf;
}

/* NAME as a word of TEXT: between blanks, commas or the line's ends. */
static int
has_word(const char *text, const char *name, size_t len)
{
	for (const char *p = text; *p != '\0'; p++) {
		if (strncmp(p, name, len) != 0)
			continue;
		if ((p == text || strchr(" \t\n,", p[-1]) != NULL) &&
		    (p[len] == '\0' || strchr(" \t\n,", p[len]) != NULL))
			return 1;
	}
	return 0;
}

static void
keys__every_key_is_in_the_man_page(void **state)
{
	char *keys = man_keys_section();
	struct collect c;
	int missing = 0;

	(void)state;
	assert_true(strlen(keys) > 100);
	collect_all(&c);
	for (size_t i = 0; i < c.n; i++) {
		if (!has_word(keys, c.names[i], c.lens[i])) {
			fprintf(stderr, "# key '%.*s' is not in the KEYS section of man/ciipwb.1\n",
			    (int)c.lens[i], c.names[i]);
			missing++;
		}
	}
	free(keys);
	assert_int_equal(missing, 0);
}

struct man_check {
	const char *keys;
	int missing;
};

static void
man_check_name(const char *name, size_t len, void *arg)
{
	struct man_check *m = arg;

	if (!has_word(m->keys, name, len)) {
		fprintf(stderr, "# key '%.*s' is not in the KEYS section of man/ciipwb.1\n",
		    (int)len, name);
		m->missing++;
	}
}

/* Every key of TABLE named in the man page, each entry explained, no key twice. */
static void
check_table(const struct keys_def *table, size_t n)
{
	struct man_check m = { NULL, 0 };
	char *keys = man_keys_section();

	m.keys = keys;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(table[i].name);
		assert_non_null(table[i].keys);
		assert_non_null(table[i].help);
		assert_true(strlen(table[i].help) > 10);
		keys_each_name(table[i].keys, man_check_name, &m);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(table[i].name, table[j].name);
	}
	free(keys);
	assert_int_equal(m.missing, 0);
}

/* The subsection of the KEYS section titled TITLE (".Ss TITLE" to the next ".Ss"/".Sh"), or
 * NULL when there is none. */
static char *
man_subsection(const char *title)
{
	char *keys = man_keys_section(), *start, *end, *out;
	char head[128];

	snprintf(head, sizeof head, ".Ss %s\n", title);
	if ((start = strstr(keys, head)) == NULL) {
		free(keys);
		return NULL;
	}
	start += strlen(head);
	end = strstr(start, ".Ss ");
	out = strndup(start, end != NULL ? (size_t)(end - start) : strlen(start));
	free(keys);
	return out;
}

/* The keys of the Actions view and of the search results are listed in their own
 * subsections of ciipwb(1), as the help lists them under their view. */
static void
keys__every_key_of_a_view_is_in_its_man_subsection(void **state)
{
	static const struct {
		const char *view, *section;
	} subs[] = { { "actions", "Actions view" }, { "results", "Search results" } };

	(void)state;
	for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++) {
		struct man_check m = { NULL, 0 };
		char *sec = man_subsection(subs[k].section);
		size_t n = 0;

		if (sec == NULL)
			fprintf(stderr, "# no subsection '%s' in man/ciipwb.1\n", subs[k].section);
		assert_non_null(sec);
		m.keys = sec;
		for (size_t i = 0; i < keys_ntable; i++) {
			if (!keys_views_has(keys_views[i], subs[k].view))
				continue;
			keys_each_name(keys_table[i].keys, man_check_name, &m);
			n++;
		}
		free(sec);
		assert_true(n > 0);
		assert_int_equal(m.missing, 0);
	}
}

static void
keys__every_editor_key_is_in_the_man_page(void **state)
{
	(void)state;
	check_table(ui_edit_keys, ui_edit_nkeys);
}

static void
keys__capture_keys_reach_their_actions(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup("browser", 0, 'r'), KEYS_ACT_RATE_CURRENT);
	assert_int_equal(keys_lookup("browser", 0, 't'), KEYS_ACT_RATE_TARGET);
	assert_int_equal(keys_lookup("browser", 0, 'a'), KEYS_ACT_ADD_NOTE);
	assert_int_equal(keys_lookup("browser", 0, 'u'), KEYS_ACT_UNDO);
	assert_int_equal(keys_lookup("browser", 0, KEYS_CTRL('r')), KEYS_ACT_REDO);
	assert_int_equal(keys_lookup("browser", 0, KEYS_FN | KEY_DC), KEYS_ACT_DELETE);
	assert_int_equal(keys_lookup("browser", 0, 'A'), KEYS_ACT_ACTIONS_VIEW);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys__every_default_key_name_parses),
		cmocka_unit_test(keys__no_key_is_bound_twice_in_one_view),
		cmocka_unit_test(keys__every_binding_names_views_that_exist),
		cmocka_unit_test(keys__global_keys_work_in_every_view),
		cmocka_unit_test(keys__every_action_has_a_name_keys_and_help),
		cmocka_unit_test(keys__lookup_finds_the_action_of_every_default_key),
		cmocka_unit_test(keys__bindings_of_a_view_are_what_lookup_gives),
		cmocka_unit_test(keys__lookup_maps_return_and_key_enter_to_enter),
		cmocka_unit_test(keys__parse_knows_control_keys_and_rejects_unknown_names),
		cmocka_unit_test(keys__every_key_is_in_the_man_page),
		cmocka_unit_test(keys__every_editor_key_is_in_the_man_page),
		cmocka_unit_test(keys__every_key_of_a_view_is_in_its_man_subsection),
		cmocka_unit_test(keys__capture_keys_reach_their_actions),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
