/* map.h: the stakeholder map as a model (register, role matrix, power/interest grid, coverage); no curses, no printing. */
#ifndef CIIPWB_MAP_H
#define CIIPWB_MAP_H

#include <stddef.h>
#include <stdint.h>

struct wb;
struct catalog;

/*
 * One model for every picture of the stakeholder map: the TUI views (register, detail,
 * matrix, grid, coverage), `ciipwb map` (DOT, CSV, text) and the stock-taking summary all
 * read a struct map, so they cannot disagree.
 *
 * Use:
 *   struct map *m;
 *   if (map_load(wb, cat, &m) != 0) ... wb_errmsg(wb) ...
 *   ... read m->sh[], m->items[], m->headings[], m->rels[]; call the functions below ...
 *   map_free(m);
 * A map is a snapshot: load it again after an edit (it is cheap: one query per table).
 *
 * Indexes, not keys: stakeholders, items and headings are referred to by their index in
 * m->sh, m->items and m->headings; MAP_NONE means "none". Text is as stored (untrusted):
 * sanitise before showing it (text_sanitize), escape it for a file (map_out.h).
 */

#define MAP_NONE ((size_t)-1)

/* Categories: the four groups of 64/211 question 5, then international partners. */
enum map_cat {
	MAP_CAT_NATIONAL,      /* national_government */
	MAP_CAT_OTHER_GOV,     /* other_government */
	MAP_CAT_NONGOV,        /* non_governmental */
	MAP_CAT_CITIZENS,      /* individual_citizens */
	MAP_CAT_INTL,          /* international_partner */
	MAP_NCATS
};

/* Engagement, from least to most engaged. */
enum map_eng {
	MAP_ENG_UNAWARE, MAP_ENG_RESISTANT, MAP_ENG_NEUTRAL, MAP_ENG_SUPPORTIVE, MAP_ENG_LEADING,
	MAP_NENGS
};

/* RACI roles, in the order they are shown. */
enum map_raci {
	MAP_ROLE_ACCOUNTABLE, MAP_ROLE_RESPONSIBLE, MAP_ROLE_CONSULTED, MAP_ROLE_INFORMED,
	MAP_NROLES
};

/* Relationships between stakeholders. */
enum map_kind { MAP_KIND_DEPENDS, MAP_KIND_COORDINATES, MAP_KIND_REPORTS, MAP_NKINDS };

/* Power/interest quadrants. */
enum map_quad {
	MAP_QUAD_MANAGE,       /* high influence, high interest: manage closely */
	MAP_QUAD_SATISFY,      /* high influence, low interest: keep satisfied */
	MAP_QUAD_INFORM,       /* low influence, high interest: keep informed */
	MAP_QUAD_MONITOR,      /* low influence, low interest: monitor */
	MAP_NQUADS
};

/* Influence and interest run from 1 to 5; MAP_HIGH and above count as high (3, the
 * default of a new stakeholder, counts as low). */
#define MAP_SCALE 5
#define MAP_HIGH 4

/* Codes as stored in the workbook ("national_government", "leading", "accountable",
 * "depends_on"), and labels (English, wrapped in N_(): translate them with _()).
 * map_cat_label is the annex's own wording of 64/211 question 5 ("National Government
 * ministries or agencies", ...); map_cat_short a short form for narrow columns and
 * map_cat_abbr one of four letters at most, for a column title. Out of
 * range gives "". The *_from_code functions return the enum value or -1. */
const char *map_cat_code(int cat);
const char *map_cat_label(int cat);
const char *map_cat_short(int cat);
const char *map_cat_abbr(int cat);       /* "Nat.", "Loc.", "NGO", "Cit.", "Intl" */
int map_cat_from_code(const char *code);
const char *map_eng_code(int eng);
const char *map_eng_label(int eng);
int map_eng_from_code(const char *code);
const char *map_role_code(int role);
const char *map_role_label(int role);
char map_role_letter(int role);          /* 'A', 'R', 'C', 'I'; ' ' out of range */
int map_role_from_code(const char *code);
const char *map_kind_code(int kind);
const char *map_kind_label(int kind);    /* "depends on", "coordinates with", "reports to" */
int map_kind_from_code(const char *code);
const char *map_quad_label(int quad);    /* "manage closely", "keep satisfied", ... */

/* The quadrant of an influence and an interest (1..5; other values are clamped). */
int map_quadrant(int influence, int interest);

struct map_sh {
	int64_t id;
	char *name, *contact, *responsibilities;
	int cat;               /* enum map_cat */
	int eng;               /* enum map_eng */
	int influence, interest;   /* 1..5 */
	size_t role0, nroles;  /* its roles: m->roles[role0 .. role0 + nroles), by item */
	size_t nleads;         /* items it is accountable for */
	size_t nactions;       /* live actions it owns */
	char *key;             /* map_name_key(name): what sorting by name compares */
};

struct map_item {
	const char *ref;       /* "64/211:5" (owned by the catalogue or by the map) */
	const char *title;     /* short title, "" for a ref the catalogue does not know */
	size_t heading;        /* index into m->headings */
	size_t lead;           /* stakeholder accountable for it, or MAP_NONE */
	size_t nroles;         /* roles on it */
};

struct map_heading {
	char *ref;             /* "64/211#2"; a framework without headings: its id, "58/199";
	                          refs no loaded framework knows: "" */
	const char *title;     /* official heading text, the framework's short title, or "" */
	const char *fw;        /* framework id ("64/211"), "" for unknown refs */
	size_t first, n;       /* its items: m->items[first .. first + n) */
};

struct map_role {
	int64_t id;
	size_t sh, item;       /* indexes */
	int role;              /* enum map_raci */
};

struct map_rel {
	int64_t id;
	size_t from, to;       /* indexes */
	int kind;              /* enum map_kind */
};

struct map {
	struct map_sh *sh;     /* every live stakeholder, by name (as wb_stakeholders_each) */
	size_t nsh;
	struct map_item *items;    /* every item of the catalogue in order, then refs with a
	                              role that no loaded framework knows (by ref) */
	size_t nitems;
	struct map_heading *headings;
	size_t nheadings;
	struct map_role *roles;    /* every live role, by stakeholder then item */
	size_t nroles;
	struct map_rel *rels;      /* every live relationship, as wb_relations_each */
	size_t nrels;
	size_t count[MAP_NCATS];   /* stakeholders per category */
	size_t *by_id;             /* internal: indexes of m->sh by id */
	char **extra;              /* internal: refs the map owns */
	size_t nextra;
};

/* Read the whole map of WB; CAT gives the items and headings (it must outlive the map).
 * Returns 0, or -1 with *err (malloc'd, one line naming the workbook and what to do). */
int map_load(struct wb *wb, const struct catalog *cat, struct map **out, char **err);
void map_free(struct map *m);

/* Index of the stakeholder with key ID, or MAP_NONE. */
size_t map_find_id(const struct map *m, int64_t id);
/* Index of the item REF (exactly as stored), or MAP_NONE. */
size_t map_find_item(const struct map *m, const char *ref);

/* ---- Register: sorted and filtered lists of stakeholders ---- */

enum map_sort {
	MAP_SORT_NAME,         /* name (case and accents folded), A first */
	MAP_SORT_CATEGORY,     /* category in the order of enum map_cat, then name */
	MAP_SORT_INFLUENCE,    /* highest first, then name */
	MAP_SORT_INTEREST,     /* highest first, then name */
	MAP_SORT_ENGAGEMENT,   /* most engaged (leading) first, then name */
	MAP_NSORTS
};
const char *map_sort_label(int sort);    /* "name", "category", ... (N_()) */

/* Filters: a bit mask of categories (1u << MAP_CAT_...) and of engagements
 * (1u << MAP_ENG_...); MAP_ALL keeps every one. */
#define MAP_ALL 0xffu
/* Fill OUT (room for m->nsh) with the indexes of the stakeholders kept by the filters, in
 * the order SORT. Returns how many. */
size_t map_register(const struct map *m, int sort, unsigned cats, unsigned engs, size_t *out);

/* ---- Role matrix: stakeholders x items (or x headings) ---- */

/* The role of stakeholder SH on item IT, or -1. */
int map_cell(const struct map *m, size_t sh, size_t it);
/* Its strongest role (accountable > responsible > consulted > informed) over the items of
 * heading H, or -1. */
int map_heading_cell(const struct map *m, size_t sh, size_t h);
/* Items of heading H with no accountable lead. */
size_t map_heading_gaps(const struct map *m, size_t h);

/* ---- Power/interest grid ---- */

/* Stakeholders placed in the cell (influence, interest), each 1..5, in the order of m->sh:
 * fills OUT (may be NULL) with up to MAX indexes, returns how many there are. */
size_t map_grid_cell(const struct map *m, int influence, int interest, size_t *out, size_t max);
/* How many stakeholders are in each quadrant. */
void map_quadrant_counts(const struct map *m, size_t out[MAP_NQUADS]);

/* ---- Coverage per heading ---- */

struct map_coverage {
	size_t nitems;             /* items under the heading */
	size_t nled;               /* of them, items with an accountable lead */
	size_t involved[MAP_NCATS];/* stakeholders of each category with a role on one of them */
	unsigned absent;           /* categories with nobody involved: bits 1u << MAP_CAT_... */
};
void map_coverage(const struct map *m, size_t h, struct map_coverage *out);

/* ---- Stakeholders in detail ---- */

/* Actions SH owns, roles it holds: see m->sh[sh].nactions and m->roles[role0..]. Its
 * relationships: fills OUT (may be NULL) with up to MAX indexes into m->rels of the ones
 * that start or end at SH; returns how many there are. */
size_t map_relations_of(const struct map *m, size_t sh, size_t *out, size_t max);

/* ---- The duplicate-name rule ---- */

/* The key names are compared by: case folded (Latin, Greek, Cyrillic), Latin accents and
 * combining marks removed, white space trimmed and runs of it made one space, so that
 * "Ministère  de l'Intérieur" and "ministere de l'interieur" have the same key.
 * Returns a malloc'd string (NULL only when out of memory). */
char *map_name_key(const char *name);
/* 1 if the two names have the same key, else 0. */
int map_same_name(const char *a, const char *b);
/* Look in the workbook for a live stakeholder other than EXCEPT (0 = none) whose name has
 * the same key as NAME. Returns 1 and sets *id (and *found, malloc'd, if FOUND is not NULL)
 * when there is one, 0 when not, -1 with *err (malloc'd) on error. */
int map_name_taken(struct wb *wb, const char *name, int64_t except, int64_t *id,
    char **found, char **err);

#endif
