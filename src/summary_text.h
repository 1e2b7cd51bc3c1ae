/* summary_text.h: the paged text summary laid out a piece at a time (the Summary view). */
#ifndef CIIPWB_SUMMARY_TEXT_H
#define CIIPWB_SUMMARY_TEXT_H

#include <stdio.h>

#include "summary.h"

/*
 * What summary_text_write writes, in pieces (summary_doc_step: a part, or one item), so that
 * a preview shows its first page while the rest is laid out. The pages go to OUT as they
 * fill, each after a form feed but the first, every one exactly as long as the paper; but
 * their footer line is blank, since the number of pages is known only at the end: the caller
 * shows "page N of M" itself. OUT is only appended to (each step seeks to its end first and
 * flushes it at the end), so the caller may read it between steps.
 */
struct summary_text;

/* Start laying out S (built at least by summary_build_begin: the first step lays out the
 * cover, the others need summary_build_finish). NULL when out of memory. */
struct summary_text *summary_text_begin(struct summary *s, FILE *out);
/* Lay out one more piece. 1 while more is left, 0 once the last page is ended, -1 on a write
 * error or when the workbook cannot be read (wb_errmsg). */
int summary_text_step(struct summary_text *t);
/* The pages started in OUT so far (all of them once summary_text_step returned 0). */
int summary_text_pages(const struct summary_text *t);
void summary_text_end(struct summary_text *t);

#endif
