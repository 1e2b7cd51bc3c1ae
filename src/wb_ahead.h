/* wb_ahead.h: the notes of items read ahead on a second thread (the summary's walk). */
#ifndef CIIPWB_WB_AHEAD_H
#define CIIPWB_WB_AHEAD_H

#include <stddef.h>

#include "wb.h"

/*
 * A reader that goes through the notes of many items in an order known beforehand (the
 * summary, item after item) has them read on a second thread while it lays out the ones
 * before: the same rows, in the same order, as wb_summary_notes_of gives item by item. The
 * second thread reads through a connection of its own, opened read-only as WB's was, in one
 * read transaction.
 */
struct wb_ahead;

/* Start reading the notes of REFS[0..N-1] (copied), in that order. NULL when this cannot be
 * done (out of memory, no thread, no second connection): then read item by item. */
struct wb_ahead *wb_ahead_start(struct wb *wb, const char *const *refs, size_t n);
/* wb_summary_notes_of(wb, REF, CB, ARG), from what was read ahead when REF is one of the refs
 * still to come (the notes of the refs skipped before it are dropped), else as it does. */
int wb_ahead_notes_of(struct wb_ahead *a, const char *ref,
    int (*cb)(const struct wb_note *, void *), void *arg);
/* Stop the second thread and free A (NULL is fine). */
void wb_ahead_end(struct wb_ahead *a);

#endif
