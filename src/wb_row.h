/* wb_row.h: the table-driven row layer under the record functions of wb.h (storage only). */
#ifndef CIIPWB_WB_ROW_H
#define CIIPWB_WB_ROW_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

struct wb;

/*
 * Each table the wb_* record functions edit is described once (struct wb_rowdef): its
 * columns, where each lives in the record struct of wb.h, how it is bound and read, and the
 * rules a value must meet. One get, add, update and delete serve every table, with their
 * statements prepared once on the connection (wb__stmt) and the undo history written the
 * same way for all. Every column listed here is history-tracked: the table's entry in
 * wb__tables (the JSON snapshots of undo and merge) names it too.
 */

/* What a column holds: how it is bound, read back and checked. */
enum wb_col_type {
	WB_COL_TEXT,   /* const char *: text as typed (untrusted: sanitise where shown); NULL = "" */
	WB_COL_CODE,   /* const char *: one of codes[]; NULL = dflt (no dflt: refused) */
	WB_COL_DATE,   /* const char *: "YYYY-MM-DD" or "" (NULL = "") */
	WB_COL_TIME,   /* const char *: "YYYY-MM-DDTHH:MM:SSZ" or "" (NULL = "") */
	WB_COL_INT,    /* int: 0 stored as idflt when idflt != 0; else min..max when min < max */
	WB_COL_BOOL,   /* int, stored as 0 or 1 */
	WB_COL_INT64,  /* int64_t, never below min */
	WB_COL_KEY,    /* int64_t: key of a live row of table parent; 0 = none (NULL) */
	WB_COL_SEQ     /* no member: on insert, the history position of the edit (note.seq) */
};

#define WB_COL_NEED 0x1  /* text: refused when empty; key: refused when 0 */
#define WB_COL_NULL 0x2  /* text: "" is stored as NULL (and read back as "") */
#define WB_COL_NOW  0x4  /* time: "" is stored as column alt's value, or the time of the edit */

/* A member the record has not. */
#define WB_ROW_NONE ((size_t)-1)

struct wb_rowdef;

struct wb_col {
	const char *name;          /* SQL column */
	enum wb_col_type type;
	size_t off;                /* offsetof the member in the record (WB_ROW_NONE: none) */
	unsigned flags;            /* WB_COL_* */
	const char *msg;           /* why a value is refused (marked for translation) */
	const char *const *codes;  /* code: the values allowed, NULL-terminated */
	const char *dflt;          /* code: stored for NULL */
	int idflt, min, max;       /* int: see WB_COL_INT; int64: min */
	const struct wb_rowdef *parent; /* key: the table the key points into */
	int alt;                   /* time with WB_COL_NOW: index of the column standing in */
};

struct wb_rowdef {
	const char *table;         /* SQL table, also its name in history */
	/* The texts below are marked for translation and translated where they are used. */
	const char *thing;         /* "note": "there is no such note"; NULL: the one row, id 1 */
	int tomb;                  /* 1: soft deletes (deleted = 1) and a created column */
	const char *what_add, *what_save, *what_delete, *what_read; /* "cannot add the note" */
	const char *label_add, *label_edit, *label_delete; /* history labels (stored in English) */
	const struct wb_col *cols; /* the columns between the key and created/updated */
	size_t ncols;
	size_t size;               /* sizeof the record */
	size_t id_off, created_off, updated_off; /* members (WB_ROW_NONE: none) */
	/* The rules no single column states (NULL: none); 0 or -1 with errmsg. Reads nothing. */
	int (*check)(struct wb *wb, const void *rec, const char *what);
	/* Inside the edit deleting live row id, before its tombstone: what goes with it (the
	 * rows that point to it), recorded under label (NULL: nothing). 0 or -1 with errmsg. */
	int (*on_delete)(struct wb *wb, int64_t id, const char *label, const char *what);
	int slot;                  /* its place in the statement cache, 0..WB_ROW_MAXDEFS-1 */
};

/* The tables (wb_edit.c). */
extern const struct wb_rowdef wb__row_details, wb__row_note, wb__row_evidence,
    wb__row_stakeholder, wb__row_action, wb__row_role, wb__row_relation, wb__row_group,
    wb__row_log;
extern const struct wb_rowdef *const wb__rowdefs[];
extern const size_t wb__nrowdefs;

/* Fetch live row id into rec (memset first), its strings malloc'd: free with wb__row_free.
 * A missing row: "there is no such THING" (the one-row table: damaged). 0 or -1. */
int wb__row_get(struct wb *wb, const struct wb_rowdef *d, int64_t id, void *rec);
void wb__row_free(const struct wb_rowdef *d, void *rec);
/* Listings: "SELECT <the columns of d, alias r> FROM table AS r TAIL" (constant text, the
 * same for a table each time it is called with or each time without ref: the statement is
 * kept prepared), with ref bound to ?1 when not NULL; wb__row_read fills a borrowed record
 * from a row of it; wb__row_list_end gives the statement back. 0 or -1 with errmsg. */
int wb__row_list(struct wb *wb, const struct wb_rowdef *d, const char *tail, const char *ref,
    sqlite3_stmt **st);
void wb__row_list_end(struct wb *wb, const struct wb_rowdef *d, sqlite3_stmt *st);
void wb__row_read(const struct wb_rowdef *d, sqlite3_stmt *st, void *rec);

/* Whole edits (one transaction, one undo step each). add: rec's key, created and updated
 * are ignored; the new key goes to *id (may be NULL). update: every column of row rec's key.
 * delete: a tombstone. 0 or -1 with errmsg; the workbook is as before on -1. */
int wb__row_add(struct wb *wb, const struct wb_rowdef *d, const void *rec, int64_t *id);
int wb__row_update(struct wb *wb, const struct wb_rowdef *d, const void *rec);
int wb__row_delete(struct wb *wb, const struct wb_rowdef *d, int64_t id);

/* Parts of an edit, for the record functions that change several rows in one. */
/* The rules that need no reading (the columns' and d->check); 0 or -1 with errmsg. */
int wb__row_valid(struct wb *wb, const struct wb_rowdef *d, const void *rec, const char *what);
/* Inside an edit: refuse a key column pointing to no live row ("there is no such..."). */
int wb__row_parents(struct wb *wb, const struct wb_rowdef *d, const void *rec,
    const char *what);
/* 1 if row id of d exists and is live, 0 if not, -1 on an error. */
int wb__row_live(struct wb *wb, const struct wb_rowdef *d, int64_t id);
/* 0 if row id of d is live; else -1 with "there is no such THING". */
int wb__row_need_live(struct wb *wb, const struct wb_rowdef *d, int64_t id, const char *what);
/* Inside an edit, with history: insert rec as row id; write every column of rec to its row;
 * make live row id a tombstone. 0 or -1. */
int wb__row_insert(struct wb *wb, const struct wb_rowdef *d, const void *rec, int64_t id,
    const char *label, const char *what);
int wb__row_write(struct wb *wb, const struct wb_rowdef *d, const void *rec,
    const char *label, const char *what);
int wb__row_tombstone(struct wb *wb, const struct wb_rowdef *d, int64_t id,
    const char *label, const char *what);
/* Inside an edit, with history: run st (a cached statement changing row key of table tbl,
 * bound), reset it. 0 or -1. */
int wb__row_change(struct wb *wb, sqlite3_stmt *st, const char *label, const char *tbl,
    const char *key, const char *what);
/* "%s: WHAT: there is no such THING (it may have been deleted...)"; -1. */
int wb__row_gone(struct wb *wb, const char *what, const char *thing);

#endif
