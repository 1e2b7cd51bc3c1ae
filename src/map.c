/* map.c: the stakeholder map model: register, role matrix, power/interest grid, coverage, the duplicate-name rule. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framework.h"
#include "i18n.h"
#include "map.h"
#include "text.h"
#include "util.h"
#include "wb.h"
#include "wb_query.h"

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/* ---- codes and labels ---- */

static const char *const map_cat_codes[MAP_NCATS] = { "national_government",
	"other_government", "non_governmental", "individual_citizens",
	"international_partner" };
/* The wording of 64/211 question 5 (its four bullets), then our own for the fifth. */
static const char *const map_cat_labels[MAP_NCATS] = {
	N_("National Government ministries or agencies"),
	N_("Other government (local and regional) participants"),
	N_("Non-governmental actors, including industry, civil society and academia"),
	N_("Individual citizens"),
	N_("International partners"),
};
static const char *const map_cat_shorts[MAP_NCATS] = { N_("National government"),
	N_("Other government"), N_("Non-governmental"), N_("Citizens"), N_("International") };
static const char *const map_cat_abbrs[MAP_NCATS] = { N_("Nat."), N_("Loc."), N_("NGO"),
	N_("Cit."), N_("Intl") };
static const char *const map_eng_codes[MAP_NENGS] = { "unaware", "resistant", "neutral",
	"supportive", "leading" };
static const char *const map_eng_labels[MAP_NENGS] = { N_("unaware"), N_("resistant"),
	N_("neutral"), N_("supportive"), N_("leading") };
static const char *const map_role_codes[MAP_NROLES] = { "accountable", "responsible",
	"consulted", "informed" };
static const char *const map_role_labels[MAP_NROLES] = { N_("accountable"),
	N_("responsible"), N_("consulted"), N_("informed") };
static const char *const map_kind_codes[MAP_NKINDS] = { "depends_on", "coordinates_with",
	"reports_to" };
static const char *const map_kind_labels[MAP_NKINDS] = { N_("depends on"),
	N_("coordinates with"), N_("reports to") };
static const char *const map_quad_labels[MAP_NQUADS] = { N_("manage closely"),
	N_("keep satisfied"), N_("keep informed"), N_("monitor") };
static const char *const map_sort_labels[MAP_NSORTS] = { N_("name"), N_("category"),
	N_("influence"), N_("interest"), N_("engagement") };

static const char *
map_pick(const char *const *v, int n, int i)
{
	return i >= 0 && i < n ? v[i] : "";
}

static int
map_index(const char *const *v, int n, const char *code)
{
	int i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(v[i], code) == 0)
			return i;
	return -1;
}

const char *map_cat_code(int c) { return map_pick(map_cat_codes, MAP_NCATS, c); }
const char *map_cat_label(int c) { return map_pick(map_cat_labels, MAP_NCATS, c); }
const char *map_cat_short(int c) { return map_pick(map_cat_shorts, MAP_NCATS, c); }
const char *map_cat_abbr(int c) { return map_pick(map_cat_abbrs, MAP_NCATS, c); }
int map_cat_from_code(const char *s) { return map_index(map_cat_codes, MAP_NCATS, s); }
const char *map_eng_code(int e) { return map_pick(map_eng_codes, MAP_NENGS, e); }
const char *map_eng_label(int e) { return map_pick(map_eng_labels, MAP_NENGS, e); }
int map_eng_from_code(const char *s) { return map_index(map_eng_codes, MAP_NENGS, s); }
const char *map_role_code(int r) { return map_pick(map_role_codes, MAP_NROLES, r); }
const char *map_role_label(int r) { return map_pick(map_role_labels, MAP_NROLES, r); }
int map_role_from_code(const char *s) { return map_index(map_role_codes, MAP_NROLES, s); }
const char *map_kind_code(int k) { return map_pick(map_kind_codes, MAP_NKINDS, k); }
const char *map_kind_label(int k) { return map_pick(map_kind_labels, MAP_NKINDS, k); }
int map_kind_from_code(const char *s) { return map_index(map_kind_codes, MAP_NKINDS, s); }
const char *map_quad_label(int q) { return map_pick(map_quad_labels, MAP_NQUADS, q); }
const char *map_sort_label(int s) { return map_pick(map_sort_labels, MAP_NSORTS, s); }

char
map_role_letter(int role)
{
	return role >= 0 && role < MAP_NROLES ? "ARCI"[role] : ' ';
}

static int
map_clamp(int v)
{
	return v < 1 ? 1 : v > MAP_SCALE ? MAP_SCALE : v;
}

int
map_quadrant(int influence, int interest)
{
	int power = map_clamp(influence) >= MAP_HIGH, keen = map_clamp(interest) >= MAP_HIGH;

	if (power)
		return keen ? MAP_QUAD_MANAGE : MAP_QUAD_SATISFY;
	return keen ? MAP_QUAD_INFORM : MAP_QUAD_MONITOR;
}

/* ---- the duplicate-name rule ---- */

/* Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F without their
 * accents, lower case; '*' marks the two-letter ones (handled below), '\0' none. */
static const char map_latin1[] =
	"aaaaaa*ceeeeiiii" "dnooooo\0ouuuuy**" "aaaaaa*ceeeeiiii" "dnooooo\0ouuuuy*y";
static const char map_latin_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**"
	"rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
_Static_assert(sizeof map_latin1 == 0x40 + 1, "one letter for each of U+00C0..U+00FF");
_Static_assert(sizeof map_latin_a == 0x80 + 1, "one letter for each of U+0100..U+017F");

/* Fold one code point: writes up to 2 ASCII letters (returns how many), or returns 0 and
 * leaves *CP folded (another script's lower case) when it stays a single code point. */
static size_t
map_fold_cp(unsigned long *cp, char out[2])
{
	unsigned long c = *cp;
	char l = 0;

	if (c < 0x80) {
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		return 1;
	}
	if (c >= 0xC0 && c <= 0xFF)
		l = map_latin1[c - 0xC0];
	else if (c >= 0x100 && c <= 0x17F)
		l = map_latin_a[c - 0x100];
	if (l == '*') {
		/* Æ æ -> ae, Þ þ -> th, ß -> ss, Ĳ ĳ -> ij, Œ œ -> oe */
		const char *two = c == 0xC6 || c == 0xE6 ? "ae" : c == 0xDE || c == 0xFE ? "th" :
		    c == 0xDF ? "ss" : c == 0x132 || c == 0x133 ? "ij" : "oe";

		memcpy(out, two, 2);
		return 2;
	}
	if (l != 0) {
		out[0] = l;
		return 1;
	}
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)      /* Greek capitals */
		c += 0x20;
	else if (c >= 0x410 && c <= 0x42F)               /* Cyrillic capitals */
		c += 0x20;
	else if (c >= 0x400 && c <= 0x40F)
		c += 0x50;
	if (c == 0x451)                                  /* ё is е */
		c = 0x435;
	*cp = c;
	return 0;
}

static int
map_is_space(unsigned long c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x3000 ||
	    c == 0x2028 || c == 0x2029 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F;
}

/* Combining marks (what a decomposed accent is made of) and zero-width joiners. */
static int
map_is_mark(unsigned long c)
{
	return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	    (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	    (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0x200B && c <= 0x200D) || c == 0xFEFF;
}

char *
map_name_key(const char *name)
{
	size_t len = name != NULL ? strlen(name) : 0, i = 0, n, o = 0;
	char *out = malloc(len + 2), two[2];
	int space = 0;

	/* Folding never makes a character longer (two ASCII letters replace a two-byte one). */
	if (out == NULL)
		return NULL;
	while (i < len) {
		unsigned long cp, orig;
		size_t k;

		if ((unsigned char)name[i] < 0x80) {
			/* ASCII, most names: as below, without decoding. */
			unsigned char c = (unsigned char)name[i++];

			if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
				space = o > 0;
				continue;
			}
			if (space)
				out[o++] = ' ';
			space = 0;
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		cp = text_decode(name + i, len - i, &n);
		i += n;
		if (map_is_space(cp)) {
			space = o > 0;
			continue;
		}
		if (map_is_mark(cp))
			continue;
		if (space)
			out[o++] = ' ';
		space = 0;
		orig = cp;
		if ((k = map_fold_cp(&cp, two)) > 0) {
			memcpy(out + o, two, k);
			o += k;
		} else if (cp != orig) {
			/* Greek and Cyrillic lower case: two bytes, as their capitals. */
			out[o++] = (char)(0xC0 | (cp >> 6));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			memcpy(out + o, name + i - n, n);
			o += n;
		}
	}
	out[o] = '\0';
	return out;
}

int
map_same_name(const char *a, const char *b)
{
	char *ka = map_name_key(a), *kb = map_name_key(b);
	int same = ka != NULL && kb != NULL && strcmp(ka, kb) == 0;

	free(ka);
	free(kb);
	return same;
}

struct map_taken {
	const char *key;
	int64_t except, id;
	char *name;
	int oom;
};

static int
map_taken_cb(const struct wb_stakeholder *s, void *arg)
{
	struct map_taken *t = arg;
	char *k;

	if (s->id == t->except)
		return 0;
	if ((k = map_name_key(s->name)) == NULL) {
		t->oom = 1;
		return 1;
	}
	if (strcmp(k, t->key) == 0) {
		t->id = s->id;
		t->name = strdup(s->name);
		t->oom = t->name == NULL;
	}
	free(k);
	return t->id != 0 || t->oom;
}

int
map_name_taken(struct wb *wb, const char *name, int64_t except, int64_t *id,
    char **found, char **err)
{
	struct map_taken t = { 0 };
	char *key = map_name_key(name);
	int r;

	*err = NULL;
	if (key == NULL) {
		*err = util_asprintf("%s", _("out of memory; close other programs and try again"));
		return -1;
	}
	t.key = key;
	t.except = except;
	r = wb_stakeholders_each(wb, map_taken_cb, &t);
	free(key);
	if (r < 0 || t.oom) {
		free(t.name);
		*err = util_asprintf("%s", t.oom ?
		    _("out of memory; close other programs and try again") : wb_errmsg(wb));
		return -1;
	}
	if (t.id == 0)
		return 0;
	if (id != NULL)
		*id = t.id;
	if (found != NULL)
		*found = t.name;
	else
		free(t.name);
	return 1;
}

/* ---- loading ---- */

/* Growth of an array of N elements of SIZE to hold one more; 0 or -1. */
static int
map_grow(void **v, size_t n, size_t *cap, size_t size)
{
	void *p;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	if ((p = realloc(*v, c * size)) == NULL)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

struct map_loader {
	struct map *m;
	const struct catalog *cat;
	size_t *ref_order;     /* item indexes sorted by ref */
	size_t capsh, caproles, caprels;
	struct { int64_t sh; const char *ref; char *own; int role; int64_t id; } *raw;
	size_t nraw, capraw;
	int oom;
};

static char *
map_strdup(struct map_loader *l, const char *s)
{
	char *d = strdup(s != NULL ? s : "");

	if (d == NULL)
		l->oom = 1;
	return d;
}

/* Forget the stakeholders loaded so far (to load them again). */
static void
map_sh_clear(struct map *m)
{
	size_t i;

	for (i = 0; i < m->nsh; i++) {
		free(m->sh[i].name);
		free(m->sh[i].contact);
		free(m->sh[i].responsibilities);
		free(m->sh[i].key);
	}
	m->nsh = 0;
	memset(m->count, 0, sizeof m->count);
}

static int
map_sh_cb(const struct wb_stakeholder *s, void *arg)
{
	struct map_loader *l = arg;
	struct map *m = l->m;
	struct map_sh *h;

	if (map_grow((void **)&m->sh, m->nsh, &l->capsh, sizeof *m->sh) != 0) {
		l->oom = 1;
		return 1;
	}
	h = &m->sh[m->nsh++];
	memset(h, 0, sizeof *h);
	h->id = s->id;
	h->name = map_strdup(l, s->name);
	h->contact = map_strdup(l, s->contact);
	h->responsibilities = map_strdup(l, s->responsibilities);
	h->key = map_name_key(s->name);
	if (h->key == NULL)
		l->oom = 1;
	h->cat = map_cat_from_code(s->category);
	if (h->cat < 0)
		h->cat = MAP_CAT_NATIONAL;
	h->eng = map_eng_from_code(s->engagement);
	if (h->eng < 0)
		h->eng = MAP_ENG_NEUTRAL;
	h->influence = map_clamp(s->influence);
	h->interest = map_clamp(s->interest);
	m->count[h->cat]++;
	return l->oom;
}

static const struct map *map_sort_ctx;

/* Stakeholders in wb_stakeholders_each's order: by name (BINARY, as SQLite compares text),
 * then id. */
static int
map_cmp_sh_name(const void *a, const void *b)
{
	const struct map_sh *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
map_cmp_id(const void *a, const void *b)
{
	int64_t x = map_sort_ctx->sh[*(const size_t *)a].id;
	int64_t y = map_sort_ctx->sh[*(const size_t *)b].id;

	return x < y ? -1 : x > y;
}

size_t
map_find_id(const struct map *m, int64_t id)
{
	size_t lo = 0, hi = m->nsh;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = m->sh[m->by_id[mid]].id;

		if (v == id)
			return m->by_id[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return MAP_NONE;
}

static int
map_cmp_ref(const void *a, const void *b)
{
	return strcmp(map_sort_ctx->items[*(const size_t *)a].ref,
	    map_sort_ctx->items[*(const size_t *)b].ref);
}

/* Binary search of REF among the first N items (sorted through ORDER). */
static size_t
map_lookup_ref(const struct map *m, const size_t *order, size_t n, const char *ref)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->items[order[mid]].ref, ref);

		if (c == 0)
			return order[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return MAP_NONE;
}

/* The catalogue's items and headings. */
static int
map_add_catalog(struct map_loader *l)
{
	const struct catalog *cat = l->cat;
	struct map *m = l->m;
	size_t f, i, n = 0, nh = 0;

	for (f = 0; f < cat->nfws; f++) {
		n += cat->fws[f]->nitems;
		nh += cat->fws[f]->nheadings + 1;
	}
	/* Room for one more heading: the refs no framework knows. */
	m->items = calloc(n + 1, sizeof *m->items);
	m->headings = calloc(nh + 1, sizeof *m->headings);
	if (m->items == NULL || m->headings == NULL)
		return -1;
	for (f = 0; f < cat->nfws; f++) {
		const struct framework *fw = cat->fws[f];

		for (i = 0; i < fw->nitems; i++) {
			const struct fw_item *it = &fw->items[i];
			struct map_item *mi = &m->items[m->nitems];
			struct map_heading *h = m->nheadings > 0 ?
			    &m->headings[m->nheadings - 1] : NULL;

			if (h == NULL || i == 0 || it->heading != fw->items[i - 1].heading) {
				h = &m->headings[m->nheadings++];
				if (it->heading == FW_NO_HEADING) {
					h->ref = util_asprintf("%s", fw->id);
					h->title = fw->short_title != NULL ? fw->short_title : "";
				} else {
					h->ref = util_asprintf("%s#%zu", fw->id, it->heading + 1);
					h->title = fw->headings[it->heading].title;
				}
				if (h->ref == NULL)
					return -1;
				h->fw = fw->id;
				h->first = m->nitems;
			}
			mi->ref = it->ref;
			mi->title = it->short_title != NULL ? it->short_title : "";
			mi->heading = m->nheadings - 1;
			mi->lead = MAP_NONE;
			h->n++;
			m->nitems++;
		}
	}
	return 0;
}

static int
map_role_cb(const struct wb_role *r, void *arg)
{
	struct map_loader *l = arg;

	/* A role of a deleted stakeholder (wb_roles_unsorted lists it): not the map's. */
	if (map_find_id(l->m, r->stakeholder_id) == MAP_NONE)
		return 0;
	if (map_grow((void **)&l->raw, l->nraw, &l->capraw, sizeof *l->raw) != 0) {
		l->oom = 1;
		return 1;
	}
	l->raw[l->nraw].sh = r->stakeholder_id;
	l->raw[l->nraw].id = r->id;
	l->raw[l->nraw].role = map_role_from_code(r->role);
	l->raw[l->nraw].own = map_strdup(l, r->ref);
	l->raw[l->nraw].ref = l->raw[l->nraw].own;
	l->nraw++;
	return l->oom;
}

static int
map_cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
map_cmp_role(const void *a, const void *b)
{
	const struct map_role *x = a, *y = b;

	if (x->sh != y->sh)
		return x->sh < y->sh ? -1 : 1;
	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	return x->role - y->role;
}

/* The item of a role's ref: exact, else as the catalogue reads it, else MAP_NONE. */
static size_t
map_item_of(struct map_loader *l, size_t ncat, const char *ref)
{
	const struct fw_item *it;
	size_t i = map_lookup_ref(l->m, l->ref_order, ncat, ref);

	if (i != MAP_NONE || (it = catalog_find(l->cat, ref)) == NULL)
		return i;
	return map_lookup_ref(l->m, l->ref_order, ncat, it->ref);
}

static int
map_add_roles(struct map_loader *l)
{
	struct map *m = l->m;
	size_t ncat = m->nitems, i, j, nx = 0;
	struct map_item *grown;
	char **extra = NULL;

	/* Refs no framework knows become items of one last heading, by ref. */
	for (i = 0; i < l->nraw; i++)
		if (map_item_of(l, ncat, l->raw[i].ref) == MAP_NONE)
			nx++;
	if (nx > 0) {
		if ((extra = calloc(nx, sizeof *extra)) == NULL)
			return -1;
		for (i = 0, nx = 0; i < l->nraw; i++)
			if (map_item_of(l, ncat, l->raw[i].ref) == MAP_NONE)
				extra[nx++] = l->raw[i].own;
		if (nx > 1)
			qsort(extra, nx, sizeof *extra, map_cmp_strp);
		for (i = j = 0; i < nx; i++)
			if (j == 0 || strcmp(extra[j - 1], extra[i]) != 0)
				extra[j++] = extra[i];
		nx = j;
		if ((grown = realloc(m->items, (ncat + nx) * sizeof *m->items)) == NULL) {
			free(extra);
			return -1;
		}
		m->items = grown;
		m->headings[m->nheadings].ref = util_asprintf("%s", "");
		m->headings[m->nheadings].title = "";
		m->headings[m->nheadings].fw = "";
		m->headings[m->nheadings].first = ncat;
		m->headings[m->nheadings].n = nx;
		if (m->headings[m->nheadings].ref == NULL) {
			free(extra);
			return -1;
		}
		for (i = 0; i < nx; i++) {
			struct map_item *mi = &m->items[ncat + i];

			memset(mi, 0, sizeof *mi);
			mi->ref = extra[i];
			mi->title = "";
			mi->heading = m->nheadings;
			mi->lead = MAP_NONE;
			/* The map keeps this ref: the raw role no longer owns it. */
			for (j = 0; j < l->nraw; j++)
				if (l->raw[j].own == extra[i])
					l->raw[j].own = NULL;
		}
		m->nheadings++;
		m->nitems += nx;
		m->extra = extra;
		m->nextra = nx;
	}
	m->roles = calloc(l->nraw + 1, sizeof *m->roles);
	if (m->roles == NULL)
		return -1;
	for (i = 0; i < l->nraw; i++) {
		size_t sh = map_find_id(m, l->raw[i].sh), it;

		if (sh == MAP_NONE || l->raw[i].role < 0)
			continue;
		it = map_item_of(l, ncat, l->raw[i].ref);
		for (j = 0; it == MAP_NONE && j < nx; j++)
			if (strcmp(extra[j], l->raw[i].ref) == 0)
				it = ncat + j;
		if (it == MAP_NONE)
			continue;
		m->roles[m->nroles].id = l->raw[i].id;
		m->roles[m->nroles].sh = sh;
		m->roles[m->nroles].item = it;
		m->roles[m->nroles].role = l->raw[i].role;
		m->nroles++;
	}
	if (m->nroles > 1)
		qsort(m->roles, m->nroles, sizeof *m->roles, map_cmp_role);
	for (i = 0; i < m->nroles; i++) {
		struct map_role *r = &m->roles[i];
		struct map_sh *s = &m->sh[r->sh];

		if (s->nroles == 0)
			s->role0 = i;
		s->nroles++;
		m->items[r->item].nroles++;
		if (r->role == MAP_ROLE_ACCOUNTABLE) {
			s->nleads++;
			m->items[r->item].lead = r->sh;
		}
	}
	return 0;
}

/* Relations in wb_relations_each's order: by the names of the one and the other, the kind's
 * code, then the id (BINARY, as SQLite compares text). */
static int
map_cmp_rel(const void *a, const void *b)
{
	const struct map_rel *x = a, *y = b;
	const struct map_sh *sh = map_sort_ctx->sh;
	int c;

	if ((c = strcmp(sh[x->from].name, sh[y->from].name)) != 0 ||
	    (c = strcmp(map_kind_code(x->kind), map_kind_code(y->kind))) != 0 ||
	    (c = strcmp(sh[x->to].name, sh[y->to].name)) != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
map_rel_cb(const struct wb_relation *r, void *arg)
{
	struct map_loader *l = arg;
	struct map *m = l->m;
	size_t from = map_find_id(m, r->from_id), to = map_find_id(m, r->to_id);
	int kind = map_kind_from_code(r->kind);

	if (from == MAP_NONE || to == MAP_NONE || kind < 0)
		return 0;
	if (map_grow((void **)&m->rels, m->nrels, &l->caprels, sizeof *m->rels) != 0) {
		l->oom = 1;
		return 1;
	}
	m->rels[m->nrels].id = r->id;
	m->rels[m->nrels].from = from;
	m->rels[m->nrels].to = to;
	m->rels[m->nrels].kind = kind;
	m->nrels++;
	return 0;
}

static int
map_action_cb(int64_t owner_id, int64_t n, void *arg)
{
	struct map_loader *l = arg;
	size_t sh = owner_id != 0 ? map_find_id(l->m, owner_id) : MAP_NONE;

	if (sh != MAP_NONE)
		l->m->sh[sh].nactions += (size_t)n;
	return 0;
}

int
map_load(struct wb *wb, const struct catalog *cat, struct map **out, char **err)
{
	struct map_loader l;
	struct map *m;
	size_t i;
	int r = 0, names_text;

	*out = NULL;
	*err = NULL;
	memset(&l, 0, sizeof l);
	if ((m = calloc(1, sizeof *m)) == NULL)
		goto oom;
	l.m = m;
	l.cat = cat;
	if (map_add_catalog(&l) != 0)
		goto oom;
	if ((l.ref_order = calloc(m->nitems + 1, sizeof *l.ref_order)) == NULL)
		goto oom;
	for (i = 0; i < m->nitems; i++)
		l.ref_order[i] = i;
	map_sort_ctx = m;
	qsort(l.ref_order, m->nitems, sizeof *l.ref_order, map_cmp_ref);

	r = wb_stakeholders_unsorted(wb, map_sh_cb, &l, &names_text);
	if (r == 0 && !l.oom && names_text) {
		if (m->nsh > 1)         /* (none: no array, and qsort wants one) */
			qsort(m->sh, m->nsh, sizeof *m->sh, map_cmp_sh_name);
	} else if (r == 0 && !l.oom) {
		/* A name stored as something else: SQLite orders them. */
		map_sh_clear(m);
		r = wb_stakeholders_each(wb, map_sh_cb, &l);
	}
	if (r == 0 && !l.oom) {
		if ((m->by_id = calloc(m->nsh + 1, sizeof *m->by_id)) == NULL)
			goto oom;
		for (i = 0; i < m->nsh; i++)
			m->by_id[i] = i;
		map_sort_ctx = m;
		qsort(m->by_id, m->nsh, sizeof *m->by_id, map_cmp_id);
		r = wb_roles_unsorted(wb, map_role_cb, &l);
	}
	if (r == 0 && !l.oom && map_add_roles(&l) != 0)
		goto oom;
	if (r == 0 && !l.oom)
		r = wb_relations_unsorted(wb, map_rel_cb, &l);
	if (r == 0 && !l.oom) {
		map_sort_ctx = m;
		if (m->nrels > 1)
			qsort(m->rels, m->nrels, sizeof *m->rels, map_cmp_rel);
	}
	if (r == 0 && !l.oom)
		r = wb_action_owner_counts(wb, map_action_cb, &l);
	if (l.oom)
		goto oom;
	if (r != 0) {
		*err = util_asprintf("%s", wb_errmsg(wb));
		goto fail;
	}
	goto done;
oom:
	*err = util_asprintf(_("%s: cannot read the stakeholder map: out of memory; close other"
	    " programs and try again"), wb_path(wb));
fail:
	map_free(m);
	m = NULL;
	r = -1;
done:
	for (i = 0; i < l.nraw; i++)
		free(l.raw[i].own);
	free(l.raw);
	free(l.ref_order);
	*out = m;
	return r == 0 ? 0 : -1;
}

void
map_free(struct map *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nsh; i++) {
		free(m->sh[i].name);
		free(m->sh[i].contact);
		free(m->sh[i].responsibilities);
		free(m->sh[i].key);
	}
	for (i = 0; i < m->nheadings; i++)
		free(m->headings[i].ref);
	for (i = 0; i < m->nextra; i++)
		free(m->extra[i]);
	free(m->extra);
	free(m->sh);
	free(m->items);
	free(m->headings);
	free(m->roles);
	free(m->rels);
	free(m->by_id);
	free(m);
}

size_t
map_find_item(const struct map *m, const char *ref)
{
	size_t i;

	for (i = 0; ref != NULL && i < m->nitems; i++)
		if (strcmp(m->items[i].ref, ref) == 0)
			return i;
	return MAP_NONE;
}

/* ---- register ---- */

struct map_sortrec {
	const struct map_sh *s;
	size_t idx;
	int v;
};

static int
map_cmp_rec(const void *a, const void *b)
{
	const struct map_sortrec *x = a, *y = b;
	int c;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	if ((c = strcmp(x->s->key != NULL ? x->s->key : "", y->s->key != NULL ? y->s->key : "")) != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

size_t
map_register(const struct map *m, int sort, unsigned cats, unsigned engs, size_t *out)
{
	struct map_sortrec *v = malloc((m->nsh + 1) * sizeof *v);
	size_t i, n = 0;

	for (i = 0; i < m->nsh; i++) {
		const struct map_sh *s = &m->sh[i];

		if (!(cats & (1u << s->cat)) || !(engs & (1u << s->eng)))
			continue;
		if (v == NULL) {   /* out of memory: unsorted, still complete */
			out[n++] = i;
			continue;
		}
		v[n].s = s;
		v[n].idx = i;
		v[n].v = sort == MAP_SORT_CATEGORY ? s->cat : sort == MAP_SORT_INFLUENCE ?
		    -s->influence : sort == MAP_SORT_INTEREST ? -s->interest :
		    sort == MAP_SORT_ENGAGEMENT ? -s->eng : 0;
		n++;
	}
	if (v == NULL)
		return n;
	qsort(v, n, sizeof *v, map_cmp_rec);
	for (i = 0; i < n; i++)
		out[i] = v[i].idx;
	free(v);
	return n;
}

/* ---- matrix ---- */

/* First role of SH at an item >= IT (index into m->roles), or the end of its roles. */
static size_t
map_role_from(const struct map *m, size_t sh, size_t it)
{
	size_t lo = m->sh[sh].role0, hi = lo + m->sh[sh].nroles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->roles[mid].item < it)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
map_cell(const struct map *m, size_t sh, size_t it)
{
	size_t k;

	if (sh >= m->nsh || it >= m->nitems)
		return -1;
	k = map_role_from(m, sh, it);
	if (k < m->sh[sh].role0 + m->sh[sh].nroles && m->roles[k].item == it)
		return m->roles[k].role;
	return -1;
}

int
map_heading_cell(const struct map *m, size_t sh, size_t h)
{
	const struct map_heading *hd;
	size_t k, end;
	int best = -1;

	if (sh >= m->nsh || h >= m->nheadings)
		return -1;
	hd = &m->headings[h];
	end = m->sh[sh].role0 + m->sh[sh].nroles;
	for (k = map_role_from(m, sh, hd->first); k < end &&
	    m->roles[k].item < hd->first + hd->n; k++)
		if (best < 0 || m->roles[k].role < best)
			best = m->roles[k].role;
	return best;
}

size_t
map_heading_gaps(const struct map *m, size_t h)
{
	size_t i, n = 0;

	if (h >= m->nheadings)
		return 0;
	for (i = 0; i < m->headings[h].n; i++)
		if (m->items[m->headings[h].first + i].lead == MAP_NONE)
			n++;
	return n;
}

/* ---- grid ---- */

size_t
map_grid_cell(const struct map *m, int influence, int interest, size_t *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < m->nsh; i++) {
		if (m->sh[i].influence != influence || m->sh[i].interest != interest)
			continue;
		if (out != NULL && n < max)
			out[n] = i;
		n++;
	}
	return n;
}

void
map_quadrant_counts(const struct map *m, size_t out[MAP_NQUADS])
{
	size_t i;

	memset(out, 0, MAP_NQUADS * sizeof *out);
	for (i = 0; i < m->nsh; i++)
		out[map_quadrant(m->sh[i].influence, m->sh[i].interest)]++;
}

/* ---- coverage ---- */

void
map_coverage(const struct map *m, size_t h, struct map_coverage *out)
{
	const struct map_heading *hd;
	size_t i;
	int c;

	memset(out, 0, sizeof *out);
	if (h >= m->nheadings)
		return;
	hd = &m->headings[h];
	out->nitems = hd->n;
	out->nled = hd->n - map_heading_gaps(m, h);
	for (i = 0; i < m->nsh; i++)
		if (map_heading_cell(m, i, h) >= 0)
			out->involved[m->sh[i].cat]++;
	for (c = 0; c < MAP_NCATS; c++)
		if (out->involved[c] == 0)
			out->absent |= 1u << c;
}

/* ---- relationships ---- */

size_t
map_relations_of(const struct map *m, size_t sh, size_t *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < m->nrels; i++) {
		if (m->rels[i].from != sh && m->rels[i].to != sh)
			continue;
		if (out != NULL && n < max)
			out[n] = i;
		n++;
	}
	return n;
}
