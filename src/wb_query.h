/* wb_query.h: queries across the workbook for the views (actions filtered and sorted); no curses. */
#ifndef CIIPWB_WB_QUERY_H
#define CIIPWB_WB_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "wb.h"

/* Which actions to list. Every field left 0/NULL means "any"; the set ones combine (AND). */
struct wb_action_filter {
	const char *status;          /* open, in_progress, done, dropped; NULL = any */
	int64_t owner_id;            /* stakeholder key; 0 = any */
	const char *priority;        /* high, medium, low; NULL = any */
	const char *ref_prefix;      /* e.g. "64/211:" (one framework); NULL = any */
	const char *const *refs;     /* restrict to these refs (a heading's items), */
	size_t nrefs;                /*   nrefs 0 = any */
	int overdue_only;            /* 1: only overdue actions (needs today) */
	const char *today;           /* "YYYY-MM-DD": what counts as overdue; may be NULL */
};

enum wb_action_sort {
	WB_ACTION_SORT_DUE,          /* by due date (undated last), then priority, creation */
	WB_ACTION_SORT_PRIORITY      /* high, medium, low, then by due date as above */
};

/* One listed action with its owner's name. Borrowed: valid only during the callback. */
struct wb_action_row {
	struct wb_action a;
	const char *owner_name;      /* "" when there is no owner or it was deleted */
	int overdue;                 /* 1: due before filter->today and open or in progress */
};

/* 1 if an action with this due date and status is overdue on TODAY (all "YYYY-MM-DD";
 * undated, done and dropped actions are never overdue; NULL TODAY gives 0). */
int wb_action_overdue(const char *due, const char *status, const char *today);

/* List the live actions matching F (NULL = all) in order SORT. CB returns 0 to go on;
 * anything else stops the listing and becomes the return value. Returns 0, or -1 with
 * wb_errmsg(wb) (also when overdue_only is set without a valid today). */
int wb_actions_query(struct wb *wb, const struct wb_action_filter *f,
    enum wb_action_sort sort, int (*cb)(const struct wb_action *, void *), void *arg);
/* The same, with the owner's name and the overdue flag. */
int wb_actions_query_rows(struct wb *wb, const struct wb_action_filter *f,
    enum wb_action_sort sort, int (*cb)(const struct wb_action_row *, void *), void *arg);

/* One action as the Actions view lists it. Borrowed: valid only during the callback; the
 * lengths are of the strings, in bytes. */
struct wb_action_line {
	int64_t id;
	const char *ref, *title, *owner_name;   /* owner_name "" as in wb_action_row */
	size_t ref_len, title_len, owner_len;
	const char *due, *priority, *status;    /* as in struct wb_action ("" for no due) */
	int overdue;                 /* as in wb_action_row */
};
/* The same listing as wb_actions_query_rows, with only the columns the Actions view shows. */
int wb_actions_lines(struct wb *wb, const struct wb_action_filter *f, enum wb_action_sort sort,
    int (*cb)(const struct wb_action_line *, void *), void *arg);

/* Every live stakeholder, in no set order, for the stakeholder map (which sorts them itself);
 * created and updated are "". *NAMES_TEXT is 0 when a name is not stored as text (then
 * SQLite's order of names is not strcmp's). CB as in wb_actions_query. */
int wb_stakeholders_unsorted(struct wb *wb, int (*cb)(const struct wb_stakeholder *, void *),
    void *arg, int *names_text);
/* Every live role and relation, in no set order, for the stakeholder map: the same rows as
 * wb_roles_each (REF NULL) and wb_relations_each (0) but for those of deleted stakeholders,
 * which the caller leaves out; created and updated are "". CB as in wb_actions_query. */
int wb_roles_unsorted(struct wb *wb, int (*cb)(const struct wb_role *, void *), void *arg);
int wb_relations_unsorted(struct wb *wb, int (*cb)(const struct wb_relation *, void *),
    void *arg);

/* How many live actions each owner has: CB(owner_id, count, ARG) once per owner with any,
 * in no set order; a non-zero return stops. 0, or -1 with wb_errmsg(wb). */
int wb_action_owner_counts(struct wb *wb, int (*cb)(int64_t owner_id, int64_t n, void *),
    void *arg);

/* The live actions still open or in progress, ordered as WB_ACTION_SORT_DUE, at most LIMIT
 * of them (0 = all), for the summary: owner_name is always "" (the summary names owners
 * itself), created and updated "" (it does not show them). CB as in wb_actions_query. */
int wb_actions_open_by_due(struct wb *wb, const char *today, size_t limit,
    int (*cb)(const struct wb_action_row *, void *), void *arg);
/* The live actions of REF in wb_actions_page's order, for the summary: owner_name is always
 * "" (no join), created and updated "". CB as in wb_actions_query. */
int wb_summary_actions_of(struct wb *wb, const char *ref, const char *today,
    int (*cb)(const struct wb_action_row *, void *), void *arg);
/* The live notes of REF as wb_notes_each lists them, for the summary (fewer columns read:
 * body, group_id, created, updated; the ref is REF). CB as in wb_actions_query. */
int wb_summary_notes_of(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_note *, void *), void *arg);

/* An item at a glance (the navigation pane): its state and what was captured on it.
 * Borrowed: valid only during the callback. */
struct wb_item_glance {
	struct wb_item item;         /* ref, current, target, flags; updated is "" */
	int64_t notes;               /* live notes, counted up to WB_GLANCE_MAX */
	int64_t actions;             /* live actions still open or in progress, the same */
};
/* The counts of a glance stop there (the pane shows "99n" for more): each item costs at
 * most that many index entries, not all its notes, so that opening stays quick. */
#define WB_GLANCE_MAX 100

/* Every item that has a state, a live note or an open action, ordered by ref, in one
 * statement. CB returns 0 to go on; anything else stops and becomes the return value.
 * Returns 0, or -1 with wb_errmsg(wb). */
int wb_item_glance_each(struct wb *wb, int (*cb)(const struct wb_item_glance *, void *),
    void *arg);
/* The glance of item REF alone, as wb_item_glance_each gives it (CB not called when that
 * would leave it out): after an edit of one item. Returns 0, or -1 with wb_errmsg(wb). */
int wb_item_glance_of(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_item_glance *, void *), void *arg);

/* The live stakeholders that own at least one live action, by name: CB gets each one's key
 * and name (borrowed). CB as in wb_actions_query. */
int wb_action_owners_each(struct wb *wb, int (*cb)(int64_t id, const char *name, void *),
    void *arg);

/* One role with its stakeholder's name. Borrowed: valid only during the callback. */
struct wb_role_row {
	struct wb_role r;
	const char *stakeholder_name;
};

/* The roles of REF as wb_roles_each lists them (the accountable lead first), with the
 * stakeholders' names, in one statement kept prepared. CB as in wb_actions_query. */
int wb_roles_rows(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_role_row *, void *), void *arg);

/* One note with its breakout group's name. Borrowed: valid only during the callback. */
struct wb_note_row {
	struct wb_note n;
	const char *group_name;      /* "" when there is no group or it was deleted */
};

/* A page of the live notes of REF, in their order (as wb_notes_each): up to LIMIT notes
 * after the note AFTER (0: from the first), with their groups' names, in one statement kept
 * prepared. AFTER may have been deleted since. CB as in wb_actions_query. */
int wb_notes_page(struct wb *wb, const char *ref, int64_t after, size_t limit,
    int (*cb)(const struct wb_note_row *, void *), void *arg);
/* A page of the live actions of REF in the order of wb_actions_each, with owner names and
 * the overdue flag on TODAY (may be NULL). */
int wb_actions_page(struct wb *wb, const char *ref, int64_t after, size_t limit,
    const char *today, int (*cb)(const struct wb_action_row *, void *), void *arg);

/* Every ref the workbook holds anything for (a rating or mark, a live note, evidence, action
 * or role), by ref, whether or not a loaded framework knows it. CB (REF borrowed) as in
 * wb_actions_query. A few index seeks per ref: cheap on any workbook. */
int wb_refs_each(struct wb *wb, int (*cb)(const char *ref, void *), void *arg);

/* The live notes and evidence references, counted without reading the tables' tombstones or
 * the history (cheaper than wb_counts). 0, or -1 with wb_errmsg(wb). */
int wb_live_counts(struct wb *wb, int64_t *notes, int64_t *evidence);

/* Per ref, by ref: its live actions, of them open or in progress, of them overdue on TODAY
 * (as wb_action_overdue; none when TODAY is NULL). CB as in wb_actions_query. */
int wb_action_counts_each(struct wb *wb, const char *today,
    int (*cb)(const char *ref, int64_t all, int64_t open, int64_t overdue, void *), void *arg);

#endif
