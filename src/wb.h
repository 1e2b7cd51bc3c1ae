/* wb.h: the workbook, a durable, mergeable SQLite file (no curses, no printing). */
#ifndef CIIPWB_WB_H
#define CIIPWB_WB_H

#include <stdint.h>
#include <stddef.h>

/*
 * Conventions
 * - Every function returns 0 on success or -1 with a message in
 *   wb_errmsg(wb) (one line naming the file and what to do next).
 * - Every edit is one transaction with its own history entry, committed
 *   before the function returns 0. On -1 the workbook is as it was before
 *   and the caller's input is untouched (inputs are const, nothing is freed).
 * - Keys are random positive 63-bit integers; 0 means "none".
 * - Times are UTC "YYYY-MM-DDTHH:MM:SSZ"; dates are "YYYY-MM-DD" or "".
 * - Text is stored byte for byte (no UTF-8 validation); sanitise for display.
 * - Records filled by wb_*_get() own their strings: release them with the
 *   matching wb_*_free() (which frees the members, not the struct).
 *   Records passed to wb_*_each() callbacks are borrowed: valid only during
 *   the call. A callback returns 0 to go on; any other value stops the
 *   listing and becomes the return value of wb_*_each().
 * - Deleted rows (tombstones) never appear in listings or gets.
 */

struct wb;

#define WB_OPEN_CREATE   0x1   /* create the file (mode 0600) when it does not exist */
#define WB_OPEN_READONLY 0x2   /* never write */

#define WB_TIME_SIZE 21        /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

/* Open (or with WB_OPEN_CREATE create) a workbook. Returns 0, or -1 with *err set to one
 * malloc'd line naming the file and what to do next. A workbook that cannot be
 * written (read-only file or directory, newer schema) opens read-only: see wb_notice(). */
int wb_open(const char *path, unsigned flags, struct wb **out, char **err);
void wb_close(struct wb *wb);

/* The default workbook path, $XDG_DATA_HOME/ciipwb/workbook.ciipwb (or
 * ~/.local/share/ciipwb/...), its directory created mode 0700. NULL with *err on failure. */
char *wb_default_path(char **err);
/* The directory of the editor's drafts, $XDG_STATE_HOME/ciipwb/drafts (or
 * ~/.local/state/ciipwb/drafts), created mode 0700. NULL with *err on failure. */
char *wb_draft_dir(char **err);

const char *wb_errmsg(const struct wb *wb);  /* last error, "" if none */
const char *wb_path(const struct wb *wb);    /* absolute path of the file */
int wb_readonly(const struct wb *wb);        /* 1 if edits are refused */
const char *wb_notice(const struct wb *wb);  /* why it is read-only, or NULL */

/* PRAGMA data_version: changes when ANOTHER connection commits. */
int64_t wb_data_version(struct wb *wb);
/* 1 if another connection committed since the last call (or since open), else 0. */
int wb_changed(struct wb *wb);

/* --- Workbook details (one row) --- */
struct wb_details {
	const char *title, *country, *date_start, *date_end, *venue, *facilitator;
	char updated[WB_TIME_SIZE];
};
int wb_details_get(struct wb *wb, struct wb_details *out);
/* Sets all six texts (NULL = ""); dates must be YYYY-MM-DD or "". */
int wb_details_set(struct wb *wb, const struct wb_details *d);
void wb_details_free(struct wb_details *d);

/* --- Rating scale --- */
struct wb_scale {
	const char *code;   /* "not_assessed", "start_up", ... */
	int position;       /* display order */
	const char *label;  /* English label, translate with _() */
	int is_stage;       /* 1: a maturity stage; 0: not assessed / not applicable */
};
int wb_scale_each(struct wb *wb, int (*cb)(const struct wb_scale *, void *), void *arg);

/* --- Item state by REF (e.g. "64/211#3" or an annex item ref) --- */
struct wb_item {
	const char *ref;
	const char *current;   /* scale code or NULL (not rated) */
	const char *target;    /* scale code or NULL */
	int needs_review;      /* 0/1 */
	int consensus;         /* 0/1 */
	char updated[WB_TIME_SIZE]; /* "" if never set */
};
/* An item never set comes back with NULL codes, 0 flags and updated "". */
int wb_item_get(struct wb *wb, const char *ref, struct wb_item *out);
/* Set the whole state of it->ref; codes must be scale codes or NULL. */
int wb_item_set(struct wb *wb, const struct wb_item *it);
void wb_item_free(struct wb_item *it);
/* Items that have a state, ordered by ref. */
int wb_items_each(struct wb *wb, int (*cb)(const struct wb_item *, void *), void *arg);

/* --- Notes --- */
struct wb_note {
	int64_t id;
	const char *ref;
	const char *body;
	int64_t group_id;      /* breakout group, 0 = none */
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
/* add: n->id, created, updated are ignored; the new key goes to *id (may be NULL). */
int wb_note_add(struct wb *wb, const struct wb_note *n, int64_t *id);
/* update: changes ref, body and group_id of note n->id. */
int wb_note_update(struct wb *wb, const struct wb_note *n);
int wb_note_delete(struct wb *wb, int64_t id);
int wb_note_get(struct wb *wb, int64_t id, struct wb_note *out);
void wb_note_free(struct wb_note *n);
/* Notes of ref (NULL = all), oldest first. */
int wb_notes_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_note *, void *), void *arg);

/* Save note n only if it is still as the editor loaded it (SEEN: its ref, body and
 * group_id as read then). Returns 0, -1 on an error, or WB_CHANGED when another instance
 * changed or deleted it since: nothing is written and the message says so, so that the
 * caller can offer to keep its text, theirs, or both (wb_note_add). */
#define WB_CHANGED (-2)
int wb_note_update_if(struct wb *wb, const struct wb_note *seen, const struct wb_note *n);

/* --- Evidence (a document or link supporting a rating) --- */
struct wb_evidence {
	int64_t id;
	const char *ref;
	const char *name;
	const char *location;  /* path, URL or where it is kept; may be "" */
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
int wb_evidence_add(struct wb *wb, const struct wb_evidence *e, int64_t *id);
int wb_evidence_update(struct wb *wb, const struct wb_evidence *e);
int wb_evidence_delete(struct wb *wb, int64_t id);
int wb_evidence_get(struct wb *wb, int64_t id, struct wb_evidence *out);
void wb_evidence_free(struct wb_evidence *e);
int wb_evidence_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_evidence *, void *), void *arg);

/* --- Stakeholders --- */
struct wb_stakeholder {
	int64_t id;
	const char *name;
	const char *category;  /* national_government, other_government, non_governmental,
	                          individual_citizens, international_partner */
	const char *contact;   /* NULL = "" */
	const char *responsibilities; /* NULL = "" */
	int influence;         /* 1..5 (0 on add = 3) */
	int interest;          /* 1..5 (0 on add = 3) */
	const char *engagement; /* unaware, resistant, neutral, supportive, leading (NULL = neutral) */
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
int wb_stakeholder_add(struct wb *wb, const struct wb_stakeholder *s, int64_t *id);
int wb_stakeholder_update(struct wb *wb, const struct wb_stakeholder *s);
/* Also deletes the stakeholder's roles and relations (one undo step). */
int wb_stakeholder_delete(struct wb *wb, int64_t id);
int wb_stakeholder_get(struct wb *wb, int64_t id, struct wb_stakeholder *out);
void wb_stakeholder_free(struct wb_stakeholder *s);
/* Ordered by name. */
int wb_stakeholders_each(struct wb *wb,
    int (*cb)(const struct wb_stakeholder *, void *), void *arg);

/* --- Actions (the national action plan) --- */
struct wb_action {
	int64_t id;
	const char *ref;
	const char *title;
	int64_t owner_id;      /* stakeholder, 0 = none */
	const char *due;       /* YYYY-MM-DD or "" (NULL = "") */
	const char *priority;  /* high, medium, low (NULL = medium) */
	const char *status;    /* open, in_progress, done, dropped (NULL = open) */
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
int wb_action_add(struct wb *wb, const struct wb_action *a, int64_t *id);
int wb_action_update(struct wb *wb, const struct wb_action *a);
int wb_action_delete(struct wb *wb, int64_t id);
int wb_action_get(struct wb *wb, int64_t id, struct wb_action *out);
void wb_action_free(struct wb_action *a);
/* Actions of ref (NULL = all), by due date (none last), then creation. */
int wb_actions_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_action *, void *), void *arg);

/* As wb_note_update_if, for evidence (its ref, name and location as the editor read them)
 * and actions (every field): 0, -1, or WB_CHANGED with nothing written. */
int wb_evidence_update_if(struct wb *wb, const struct wb_evidence *seen,
    const struct wb_evidence *e);
int wb_action_update_if(struct wb *wb, const struct wb_action *seen, const struct wb_action *a);

/* --- Roles (RACI: who is responsible/accountable/consulted/informed for a ref) --- */
struct wb_role {
	int64_t id;
	int64_t stakeholder_id;
	const char *ref;
	const char *role;      /* responsible, accountable, consulted, informed */
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
/* Give stakeholder one role for ref (replacing its previous role there).
 * Only one stakeholder may be accountable for a ref: a second is refused
 * with a message naming the current one. *id gets the role's key. */
int wb_role_set(struct wb *wb, int64_t stakeholder_id, const char *ref,
    const char *role, int64_t *id);
/* Make stakeholder the accountable lead of ref; a current lead becomes
 * responsible in the same edit, so one undo restores it. */
int wb_role_lead_replace(struct wb *wb, int64_t stakeholder_id, const char *ref,
    int64_t *id);
int wb_role_delete(struct wb *wb, int64_t id);
/* Roles of ref (NULL = all) whose stakeholder exists. */
int wb_roles_each(struct wb *wb, const char *ref,
    int (*cb)(const struct wb_role *, void *), void *arg);

/* --- Relations between stakeholders --- */
struct wb_relation {
	int64_t id;
	int64_t from_id, to_id;
	const char *kind;      /* depends_on, coordinates_with, reports_to */
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
int wb_relation_add(struct wb *wb, int64_t from_id, int64_t to_id,
    const char *kind, int64_t *id);
int wb_relation_delete(struct wb *wb, int64_t id);
/* Relations touching stakeholder_id (0 = all) whose two ends exist. */
int wb_relations_each(struct wb *wb, int64_t stakeholder_id,
    int (*cb)(const struct wb_relation *, void *), void *arg);

/* --- Breakout groups --- */
struct wb_group {
	int64_t id;
	const char *name;
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
int wb_group_add(struct wb *wb, const char *name, int64_t *id);
int wb_group_rename(struct wb *wb, int64_t id, const char *name);
/* If it is the current group, the current group becomes none. */
int wb_group_delete(struct wb *wb, int64_t id);
int wb_groups_each(struct wb *wb, int (*cb)(const struct wb_group *, void *), void *arg);
/* The group this laptop captures for (0 = none). */
int wb_group_current(struct wb *wb, int64_t *id);
int wb_group_set_current(struct wb *wb, int64_t id);
/* The workbook's title and the current group's name (NULL when there is none), borrowed, to
 * CB, in one statement (the status line's names); CB is not called when the details row is
 * missing. 0, or -1 with wb_errmsg(wb). */
int wb_status_names(struct wb *wb, void (*cb)(const char *title, const char *group, void *),
    void *arg);

/* --- Session log (what was discussed when) --- */
struct wb_log {
	int64_t id;
	int64_t group_id;      /* 0 = none */
	const char *heading;   /* framework id + heading number, e.g. "64/211#2" */
	int consensus;         /* 0/1 */
	const char *note;      /* NULL = "" */
	const char *at;        /* when it was logged, the list's order; NULL or "" on
	                          add/update = started, or now when started is "" */
	const char *started;   /* when the discussion began (from the timer), "" = unknown */
	const char *ended;     /* when it ended, "" = unknown; never before started */
	int64_t seconds;       /* time spent on it in seconds (timer), 0 = unknown */
	char created[WB_TIME_SIZE];
	char updated[WB_TIME_SIZE];
};
int wb_log_add(struct wb *wb, const struct wb_log *l, int64_t *id);
/* Changes every field of entry l->id. */
int wb_log_update(struct wb *wb, const struct wb_log *l);
int wb_log_delete(struct wb *wb, int64_t id);
int wb_log_get(struct wb *wb, int64_t id, struct wb_log *out);
void wb_log_free(struct wb_log *l);
/* Oldest first (by at). */
int wb_log_each(struct wb *wb, int (*cb)(const struct wb_log *, void *), void *arg);

/* --- Counts (for `ciipwb check` and summaries); live rows only --- */
struct wb_counts {
	int64_t items, rated, targets, needs_review, consensus;
	int64_t notes, evidence, stakeholders, actions, roles, relations, groups, log;
	int64_t history, deleted;   /* history entries; tombstones in all tables */
};
int wb_counts(struct wb *wb, struct wb_counts *out);

/* --- Undo / redo (kept in the file: survives close and reopen) --- */
/* Undo the last edit (or redo the last undone one). *label (may be NULL)
 * gets a malloc'd English label such as "add note" (translate with _()).
 * -1 with a message when there is nothing to undo/redo. */
int wb_undo(struct wb *wb, char **label);
int wb_redo(struct wb *wb, char **label);
/* Undo (REDO 0) or redo (REDO 1) as above; *REF (may be NULL) also gets the malloc'd
 * reference of the item the edit touched, "" when none (the workshop details, a
 * stakeholder, even one deleted with its roles on items). An instance undoes only its own edits: those it made, or those of an
 * instance that closed the workbook before it opened it (its undo list); never the edits of
 * another instance that has the workbook open. */
int wb_undo_where(struct wb *wb, int redo, char **label, char **ref);
int wb_can_undo(struct wb *wb);   /* 1/0 */
int wb_can_redo(struct wb *wb);   /* 1/0 */

/* --- Bulk loading (imports, the benchmark's generator) --- */
/* Between wb_batch_begin() and wb_batch_end(), every edit is a savepoint inside one
 * transaction instead of a transaction of its own: each still checks its input, gets its
 * history rows and rolls back alone on error, but nothing is durable until
 * wb_batch_end(wb, 1) commits (0 rolls every edit of the batch back). */
int wb_batch_begin(struct wb *wb);
int wb_batch_end(struct wb *wb, int commit);

/* --- Waiting for another program's write lock --- */
/* While another program holds the lock, call cb(arg, count) at once (count 0) and then about
 * every 50 ms (count 1, 2, ...) until the lock is free; cb returns 0 to give up (the edit
 * then fails with a "another program is writing" message, nothing lost). cb NULL: wait up to
 * the busy timeout (5 s) silently, as after wb_open(). */
void wb_set_busy(struct wb *wb, int (*cb)(void *arg, int count), void *arg);

#endif
