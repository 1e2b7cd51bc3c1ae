/* wb_merge.h: merging breakout workbooks into one, and the conflicts a merge leaves to decide (no curses, no printing). */
#ifndef CIIPWB_WB_MERGE_H
#define CIIPWB_WB_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "wb.h"

/*
 * How a merge works (ciipwb(5), MERGING, says the same for users):
 * - A source is hostile until checked: wb_source_open() copies it (and its -wal)
 *   into a private directory, refuses it unless it is a ciipwb workbook of this or
 *   an older schema version that passes integrity, foreign-key, schema and
 *   search-index checks (an older one is upgraded on the private copy first), and
 *   only then is the copy read, by our own SELECTs.
 * - Rows carry random 63-bit keys, so rows made on different laptops never
 *   collide. A row the target lacks is added (tombstones too, so a delete
 *   travels); a row both have is merged field by field against the latest state
 *   both have seen (from their history and earlier merges): a field changed on
 *   one side only takes that change; a field changed differently on both sides is
 *   a conflict: the row keeps the value of the later edit, and both values, with
 *   their sources and times, go to the conflict table. A delete on one side and an
 *   edit on the other keeps the delete and records a conflict on "deleted". Two
 *   live roles that the workbook's rules forbid together (two accountable leads,
 *   two roles of one stakeholder for one item) keep the later one live and record
 *   a conflict between the two rows.
 * - Every state of every source row is remembered (merge_seen), so merging the
 *   same source again changes nothing, and the outcome does not depend on the
 *   order in which sources are merged.
 * - wb_merge() is one transaction: all sources or nothing.
 */

struct wb_source;

/* Copy and check the workbook at PATH for merging. 0, or -1 with *err (one
 * malloc'd line naming PATH and the problem). */
int wb_source_open(const char *path, struct wb_source **out, char **err);
/* Removes the private copy. */
void wb_source_free(struct wb_source *src);
const char *wb_source_path(const struct wb_source *src);   /* as given */
const char *wb_source_title(const struct wb_source *src);  /* its title (unsanitised) */
/* The checked private copy (to ATTACH; never the file given). */
const char *wb_source_copy(const struct wb_source *src);

#define WB_MERGE_MAX_SOURCES 8

/* What one source brought (rows of every table; a tombstone of a row the
 * target never had counts as nothing). */
struct wb_merge_report {
	int64_t added, changed, deleted, conflicts;
};

/* Merge N sources (at most WB_MERGE_MAX_SOURCES) into WB in one transaction;
 * reports[i] gets what source i brought. 0, or -1 with wb_errmsg(wb) and the
 * workbook unchanged. Records each source in the merge log. */
int wb_merge(struct wb *wb, struct wb_source *const *srcs, size_t n,
    struct wb_merge_report *reports);

/* --- Conflicts --- */
struct wb_conflict {
	int64_t id;
	const char *tbl;        /* table of the row: "note", "item", "role", ... */
	const char *row_key;    /* its key */
	const char *ref;        /* the item or heading it belongs to, or "" */
	const char *field;      /* the column; "" for two rival rows (roles) */
	const char *what;       /* what the row is: a note's text, a name, ... ("" if gone) */
	const char *kept;       /* the value the row keeps (for rival rows: that row) */
	const char *kept_source, *kept_at;
	const char *other;      /* the value set aside */
	const char *other_source, *other_at;
	int resolved;           /* 0 open, 1 kept value chosen, 2 other value chosen */
	char created[WB_TIME_SIZE];
};
/* Conflicts (open ones only if open_only), oldest first. Strings are borrowed
 * (workbook text: sanitise for display); NULL values read as "". */
int wb_conflicts_each(struct wb *wb, int open_only,
    int (*cb)(const struct wb_conflict *, void *), void *arg);
/* Number of open conflicts into *n. */
int wb_conflicts_open(struct wb *wb, int64_t *n);
/* Decide conflict id: take_other 0 keeps the kept value, 1 takes the other.
 * One edit (undoable) that sets the row and marks the conflict resolved. */
int wb_conflict_resolve(struct wb *wb, int64_t id, int take_other);

/* --- The merge log --- */
struct wb_merge_entry {
	const char *source;     /* the path given when it was merged */
	const char *title;      /* the source's title */
	const char *at;         /* when */
	struct wb_merge_report r;
};
/* Oldest first. */
int wb_merges_each(struct wb *wb,
    int (*cb)(const struct wb_merge_entry *, void *), void *arg);

#endif
