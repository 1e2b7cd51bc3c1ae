/* ui_search.h: '/' search over the annex text, n/N, and the matches to highlight. */
#ifndef CIIPWB_UI_SEARCH_H
#define CIIPWB_UI_SEARCH_H

#include <stddef.h>

struct ui;
struct fw_item;

#define UI_SEARCH_MAX 200       /* bytes in a query */

struct ui_match {
	size_t fw, item;        /* catalogue and item indexes */
	int spart;              /* search part */
	size_t off, len;        /* bytes in the sanitised part */
};

struct ui_search {
	int prompt;             /* the prompt is open */
	int go;                 /* it is the "go to a reference" prompt, not a search */
	char buf[UI_SEARCH_MAX + 8];
	size_t len;
	char *query;            /* the last search, sanitised */
	struct ui_match *m;
	size_t nm, cap, cur;
	int active;             /* highlight the matches */
};

/* The searchable parts of an item, numbered from 0: short title, text, each bullet, each
 * footnote. Returns the untrusted source text of part SPART and in *FLAGS the text_sanitize
 * flags to clean it with, or NULL past the last part. */
const char *ui_search_source(const struct fw_item *it, int spart, unsigned *flags);

void ui_search_free(struct ui_search *s);
void ui_search_open(struct ui *ui);
/* Open the prompt for a reference to go to (see ui_browser_goto), with KEY typed first (a
 * digit or ':'). */
void ui_search_open_goto(struct ui *ui, int key);
/* A key while the prompt is open. */
void ui_search_key(struct ui *ui, int key);
/* Enter with a workbook: close the prompt and highlight the matches of what was typed in
 * the annex text, without moving (the search results list the hits; n and N step through
 * them, see ui_results_step). */
void ui_search_highlight(struct ui *ui);
/* n (DIR 1) and N (DIR -1) without a workbook: through the matches in the annex text. */
void ui_search_step(struct ui *ui, int dir);
/* Stop highlighting; returns 1 if there was a highlight. */
int ui_search_clear(struct ui *ui);
/* The matches in one item (contiguous); returns their count and sets *FIRST. */
size_t ui_search_matches(const struct ui *ui, size_t fw, size_t item, const struct ui_match **first);
/* Case- and accent-insensitive search of NEEDLE in HAY (both sanitised UTF-8): returns the
 * byte offset of the first match at or after FROM and its byte length in *LEN, or -1. */
long ui_search_find(const char *hay, size_t from, const char *needle, size_t *len);

#endif
