/* wb_diff.h: what changed between two workbooks, per item and in the register (no curses, no printing). */
#ifndef CIIPWB_WB_DIFF_H
#define CIIPWB_WB_DIFF_H

struct wb_source;

/* One difference from A to B. Borrowed: valid only during the callback. */
struct wb_diff_change {
	const char *ref;       /* the item ("64/211:5"), or "" for the register and details */
	const char *kind;      /* "details", "rating", "note", "evidence", "action", "role",
	                          "stakeholder", "relation" */
	const char *change;    /* "added", "removed" or "changed" */
	const char *key;       /* the row's key */
	const char *field;     /* for "changed": the column; else "" */
	const char *before;    /* A's value (changed) or the row in a few words (removed); "" */
	const char *after;     /* B's value (changed) or the row in a few words (added); "" */
	const char *json;      /* the whole change as one JSON object */
};

/* Compare the live content of the checked workbooks A and B (deleted rows, times,
 * history and merge bookkeeping do not count): call CB for each difference, by
 * item (the register and the details last). Returns the number of differences
 * (0: equal), or -1 with *err (malloc'd). CB returns 0 to go on. */
long wb_diff(const struct wb_source *a, const struct wb_source *b,
    int (*cb)(const struct wb_diff_change *, void *), void *arg, char **err);

#endif
