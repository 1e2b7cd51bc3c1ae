/* ui_text.h: the text pane, the selected item's official text, footnotes and cross-references. */
#ifndef CIIPWB_UI_TEXT_H
#define CIIPWB_UI_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"

struct ui;
struct fw_item;

struct ui_tpart {
	char *s;                /* sanitised text */
	int spart;              /* search part (see ui_search_source), or -1 */
};

struct ui_tline {
	int indent;             /* columns before the prefix */
	int prefix;             /* part drawn before the text ("• "), or -1 */
	int part;               /* part holding the text, or -1 for a blank line */
	size_t off, len;        /* the line's bytes in that part */
	int style;              /* enum ui_style */
	const struct fw_item *link;     /* a cross-reference: Enter goes there */
	int ckind;              /* enum ui_cap_kind: a captured record shown here, or 0 */
	int64_t cid;            /* its key */
};

struct ui_text {
	struct ui_tpart *parts;
	size_t nparts, capparts;
	struct ui_tline *lines;
	size_t nlines, caplines;
	size_t top, cur;        /* first line shown; the text cursor */
	int built;              /* what is built: */
	int kind;
	size_t fw, heading, item;
	int width;
};

void ui_text_free(struct ui_text *t);
/* Rebuild the lines if the selection or the pane's width changed. */
void ui_text_sync(struct ui *ui);
/* Forget the lines (after a resize or a new search). */
void ui_text_invalidate(struct ui *ui);
void ui_text_draw(struct ui *ui);
void ui_text_action(struct ui *ui, enum keys_action a);
void ui_text_click(struct ui *ui, int y);
/* The widest the text runs (a readable measure): on a wider screen the text pane stays
 * UI_TEXT_PANE_MAX columns and the navigation pane gets the rest. */
#define UI_TEXT_MEASURE 100
#define UI_TEXT_PANE_MAX (UI_TEXT_MEASURE + 2)

/* ui_text_add flag: the text's own lines (a note as typed): '\n' starts a new line and only an
 * empty line shows as a blank one. Without it, as in the official text, every '\n' starts a
 * paragraph after a blank line. Implies TEXT_KEEP_NEWLINES. */
#define UI_TEXT_LINES 0x100

/* Add SRC (untrusted, sanitised with FLAGS) word-wrapped after PREFIX, tagged with a captured
 * record (CKIND, CID) or 0: for the workbook section built by ui_capture. Returns 0 or -1. */
int ui_text_add(struct ui *ui, int indent, const char *prefix, const char *src, unsigned flags,
    int style, int ckind, int64_t cid);
/* Add a blank line (unless the last one is blank). */
int ui_text_add_blank(struct ui *ui);
/* Move the lines from FROM to the end (just added) to line AT, in place of the line there
 * (a "more" line being replaced by a page of records): the cursor and the first line shown
 * stay on what they showed. Returns by how many lines the lines after AT moved. */
long ui_text_splice(struct ui *ui, size_t at, size_t from);
/* The captured record under the text cursor: its kind (0 if none) and *ID. */
int ui_text_record(const struct ui *ui, int64_t *id);
/* Put the cursor on the line showing byte OFF of search part SPART and scroll to it. */
void ui_text_reveal(struct ui *ui, int spart, size_t off);

#endif
