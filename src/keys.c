/* keys.c: the browser's key table, key names and the key-to-action lookup. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "keys.h"

const struct keys_def keys_table[] = {
#define KEYS_X_DEF(id, name, views, keys, hint, help) { KEYS_ACT_##id, name, keys, hint, help },
	KEYS_ACTIONS(KEYS_X_DEF)
#undef KEYS_X_DEF
};
const size_t keys_ntable = sizeof keys_table / sizeof keys_table[0];
#define KEYS_MAX_TABLE 256      /* keys_bindings's room for the table's levels */
_Static_assert(sizeof keys_table / sizeof keys_table[0] <= KEYS_MAX_TABLE,
    "keys_bindings has a level for every binding");
const char *const keys_views[] = {
#define KEYS_X_VIEWS(id, name, views, keys, hint, help) views,
	KEYS_ACTIONS(KEYS_X_VIEWS)
#undef KEYS_X_VIEWS
};

static const struct {
	const char *name;
	int key;
} keys_named[] = {
	{ "Up", KEYS_FN | KEY_UP },
	{ "Down", KEYS_FN | KEY_DOWN },
	{ "Left", KEYS_FN | KEY_LEFT },
	{ "Right", KEYS_FN | KEY_RIGHT },
	{ "PgUp", KEYS_FN | KEY_PPAGE },
	{ "PgDn", KEYS_FN | KEY_NPAGE },
	{ "Home", KEYS_FN | KEY_HOME },
	{ "End", KEYS_FN | KEY_END },
	{ "S-Tab", KEYS_FN | KEY_BTAB },
	{ "Del", KEYS_FN | KEY_DC },
	{ "Tab", '\t' },
	{ "Enter", KEYS_ENTER },
	{ "Space", ' ' },
	{ "Esc", KEYS_ESC },
	{ "Backspace", KEYS_BACKSPACE },
};

int
keys_parse(const char *name, int *key)
{
	size_t len = strlen(name);
	mbstate_t st;
	wchar_t wc;
	size_t n;

	if (len == 1 && name[0] > ' ' && name[0] < 0x7f) {
		/* A printable ASCII character is its own key (no named key is one byte long). */
		*key = name[0];
		return 0;
	}
	for (size_t i = 0; i < sizeof keys_named / sizeof keys_named[0]; i++) {
		if (strcmp(name, keys_named[i].name) == 0) {
			*key = keys_named[i].key;
			return 0;
		}
	}
	if (len == 3 && name[0] == 'C' && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= '@' && name[2] <= '_'))) {
		*key = KEYS_CTRL(name[2]);
		return 0;
	}
	if ((len == 2 || len == 3) && name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int f = name[1] - '0';

		if (len == 3) {
			if (name[1] != '1' || name[2] < '0' || name[2] > '2')
				return -1;
			f = 10 + name[2] - '0';
		}
		*key = KEYS_FN | KEY_F(f);
		return 0;
	}
	/* A single printable character. */
	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, name, len, &st);
	if (len == 0 || n != len || wc <= ' ' || wc == 0x7f || (wc >= 0x80 && wc < 0xa0))
		return -1;
	*key = (int)wc;
	return 0;
}

int
keys_normalize(int key)
{
	if (key == '\r' || key == (KEYS_FN | KEY_ENTER))
		return KEYS_ENTER;
	if (key == KEYS_CTRL('h') || key == (KEYS_FN | KEY_BACKSPACE))
		return KEYS_BACKSPACE;
	return key;
}

/* The normalised key of the name NAME (LEN bytes, not NUL-terminated) into *KEY: 0, or -1
 * when it names none. */
static int
keys_name_key(const char *name, size_t len, int *key)
{
	char buf[32];

	if (len >= sizeof buf)
		return -1;
	if (len == 1 && name[0] > ' ' && name[0] < 0x7f) {
		*key = name[0];         /* as keys_parse, without the copy */
		return 0;
	}
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (keys_parse(buf, key) != 0)
		return -1;
	*key = keys_normalize(*key);
	return 0;
}

struct keys_match {
	int key;
	int found;
};

static void
keys_match_name(const char *name, size_t len, void *arg)
{
	struct keys_match *m = arg;
	int k;

	if (!m->found && keys_name_key(name, len, &k) == 0 && k == m->key)
		m->found = 1;
}

int
keys_find(const struct keys_def *table, size_t n, int key)
{
	key = keys_normalize(key);
	for (size_t i = 0; i < n; i++) {
		struct keys_match m = { key, 0 };

		keys_each_name(table[i].keys, keys_match_name, &m);
		if (m.found)
			return (int)i;
	}
	return -1;
}

int
keys_views_has(const char *views, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = views; *p != '\0';) {
		size_t k;

		p += strspn(p, " ");
		k = strcspn(p, " ");
		if (k == n && strncmp(p, name, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

int
keys_applies(size_t i, const char *view, int list, int level)
{
	if (i >= keys_ntable)
		return 0;
	switch (level) {
	case 0:
		return keys_views_has(keys_views[i], view);
	case 1:
		return list && strcmp(keys_views[i], KEYS_LIST) == 0;
	default:
		return strcmp(keys_views[i], KEYS_GLOBAL) == 0;
	}
}

enum keys_action
keys_lookup(const char *view, int list, int key)
{
	key = keys_normalize(key);
	for (int level = 0; level < 3; level++)
		for (size_t i = 0; i < keys_ntable; i++)
			if (keys_applies(i, view, list, level) &&
			    keys_find(&keys_table[i], 1, key) == 0)
				return keys_table[i].action;
	return KEYS_ACT_NONE;
}

struct keys_collect {
	struct keys_binding *out;
	size_t n, max;
	enum keys_action action;
};

static void
keys_collect_name(const char *name, size_t len, void *arg)
{
	struct keys_collect *c = arg;
	int k;

	if (keys_name_key(name, len, &k) != 0)
		return;
	for (size_t j = 0; j < c->n; j++)
		if (c->out[j].key == k)
			return;         /* bound at a stronger level, or earlier in the table */
	if (c->n < c->max) {
		c->out[c->n].key = k;
		c->out[c->n++].action = c->action;
	}
}

size_t
keys_bindings(const char *view, int list, struct keys_binding *out, size_t max)
{
	struct keys_collect c = { out, 0, max, KEYS_ACT_NONE };
	signed char level[KEYS_MAX_TABLE];

	/* keys_lookup's order: by level, then by the table's order; the first binding of a
	 * key wins. Each binding's level in VIEW (-1: none) found once. */
	for (size_t i = 0; i < keys_ntable; i++)
		level[i] = (signed char)(keys_applies(i, view, list, 0) ? 0 :
		    keys_applies(i, view, list, 1) ? 1 : keys_applies(i, view, list, 2) ? 2 : -1);
	for (int l = 0; l < 3; l++)
		for (size_t i = 0; i < keys_ntable; i++)
			if (level[i] == l) {
				c.action = keys_table[i].action;
				keys_each_name(keys_table[i].keys, keys_collect_name, &c);
			}
	return c.n;
}

const struct keys_def *
keys_def(enum keys_action action)
{
	if (action <= KEYS_ACT_NONE || action >= KEYS_NACTIONS)
		return NULL;
	return &keys_table[action - 1];
}

void
keys_each_name(const char *keys, void (*cb)(const char *name, size_t len, void *arg), void *arg)
{
	const char *p = keys;

	while (*p != '\0') {
		size_t n;

		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n > 0)
			cb(p, n, arg);
		p += n;
	}
}
