/* summary_relay.h: a summary walk whose writer runs on a second thread. */
#ifndef CIIPWB_SUMMARY_RELAY_H
#define CIIPWB_SUMMARY_RELAY_H

#include "summary_doc.h"

/*
 * summary_doc_walk(S, K), with K's calls made on a second thread while this one reads the
 * workbook: each call is copied (its strings with it) into one of two blocks, and the other
 * thread makes the calls of a full block in the order they came, so K sees exactly the calls
 * of summary_doc_walk. K's bars and grid, which read S, and a call too large for a block are
 * made on this thread once the other has made every call before them. K's functions must be
 * safe to run beside the walk (they may not use what the walk changes); without a second
 * thread (it cannot be started) this is summary_doc_walk. Returns what summary_doc_walk does.
 */
int summary_relay_walk(struct summary *s, const struct summary_sink *k);

#endif
