/* ui_results.h: the search results view: hits in the annexes and in everything captured. */
#ifndef CIIPWB_UI_RESULTS_H
#define CIIPWB_UI_RESULTS_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "ui_view.h"

struct ui;
struct ui_results;

/* Hits kept for one search. */
#define UI_RESULTS_LIMIT 200

/* NULL only when out of memory. */
struct ui_results *ui_results_new(void);
void ui_results_free(struct ui_results *v);
/* Search ui->wb (its annex index must be filled: wb_search_add_catalog) for QUERY, keeping
 * up to UI_RESULTS_LIMIT hits, best first; the selection goes to the first. Returns the
 * number of hits, or -1 (no workbook, or the search failed: the message is in the view and
 * in ui_message). */
int ui_results_run(struct ui *ui, struct ui_results *v, const char *query);
/* n (DIR 1) and N (DIR -1) in the browser after a search with a workbook: show the next or
 * previous hit of the results, in their order (the results view's selection follows).
 * Returns 0, or -1 when there are no results to step through (no workbook, no search). */
int ui_results_step(struct ui *ui, int dir);
/* Search for QUERY and show the hits in the results view, pushed on top (when nothing is
 * found, only a message: no view is left open for it). */
void ui_results_search(struct ui *ui, const char *query);
/* Draw the view into W: a header (query, count), then two lines per hit: kind, ref and
 * short title; the snippet. */
void ui_results_draw(struct ui *ui, struct ui_results *v, WINDOW *w);
/* The selected hit: 0 and its kind ("annex", "note", ...), row key (0 for annex) and ref
 * (NULL for stakeholders); -1 when there is none. Borrowed pointers, valid until the next
 * run or free. */
int ui_results_selected(const struct ui_results *v, const char **kind, int64_t *id,
    const char **ref);
size_t ui_results_count(const struct ui_results *v);

/* The view: Enter shows the selected hit in the browser (every view above it closes). */
extern const struct ui_view_ops ui_results_view;

#endif
