/* framework.h: annex frameworks (headings, items, sub-bullets, footnotes, cross-references) and their parser. */
#ifndef CIIPWB_FRAMEWORK_H
#define CIIPWB_FRAMEWORK_H

#include <stddef.h>

#define FW_NO_HEADING ((size_t)-1)

struct framework;

struct fw_footnote {
	char *mark;            /* as printed in the official text: "2" */
	char *text;            /* official text of the footnote */
};

struct fw_item {
	char *ref;             /* stable reference: "64/211:5" */
	char *number;          /* as printed: "5" */
	char *short_title;     /* navigation title (our own words, not official) */
	char *text;            /* official text; paragraphs separated by '\n' */
	char **bullets;        /* sub-bullets, official text */
	size_t nbullets;
	struct fw_footnote *footnotes;  /* footnotes attached to this item */
	size_t nfootnotes;
	size_t heading;        /* index into fw->headings, or FW_NO_HEADING */
	size_t index;          /* position in fw->items */
	const struct framework *fw;
};

struct fw_heading {
	char *title;           /* official heading text */
	size_t first_item;     /* index of its first item in fw->items */
	size_t nitems;
};

struct framework {
	char *id;              /* "64/211": the prefix of every ref */
	char *symbol;          /* document symbol: "A/RES/64/211" */
	char *title;           /* resolution title */
	char *annex_title;     /* annex heading, official text */
	char *short_title;     /* navigation title (our own words) */
	struct fw_footnote *footnotes;  /* footnotes on the annex title */
	size_t nfootnotes;
	struct fw_heading *headings;
	size_t nheadings;
	struct fw_item *items;
	size_t nitems;
};

struct fw_xref {
	char *a;               /* a ref, e.g. "58/199:3" */
	char *b;               /* a related ref, e.g. "64/211:5" */
};

/* All frameworks known to this run: the built-in annexes, then any loaded with --framework. */
struct catalog {
	struct framework **fws;
	size_t nfws;
	struct fw_xref *xrefs; /* suggested cross-references; each pair is shown from both sides */
	size_t nxrefs;
};

/* Parse one framework file. NAME is used in messages ("NAME:LINE: what is wrong").
 * Returns 0 and sets *out, or -1 and sets *err (malloc'd, caller frees). */
int fw_parse(const char *name, const char *buf, size_t len, struct framework **out, char **err);
void fw_free(struct framework *fw);

/* Built-in annexes plus extra framework files (paths). Returns 0, or -1 with *err set. */
int catalog_load(struct catalog **out, const char *const *extra, size_t nextra, char **err);
void catalog_free(struct catalog *cat);

/* Find an item by ref ("58/199:3"); NULL when unknown. */
const struct fw_item *catalog_find(const struct catalog *cat, const char *ref);
/* Refs related to REF by a suggested cross-reference, either direction, in catalogue order.
 * Fills up to MAX pointers into OUT (owned by the catalogue); returns the total count. */
size_t catalog_related(const struct catalog *cat, const char *ref, const char **out, size_t max);

#endif
