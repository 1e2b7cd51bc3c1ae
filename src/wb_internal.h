/* wb_internal.h: what the workbook modules (src/wb*.c) share; not for the UI or commands. */
#ifndef CIIPWB_WB_INTERNAL_H
#define CIIPWB_WB_INTERNAL_H

#include <stdint.h>
#include <sqlite3.h>

#include "wb.h"

struct catalog;

/* PRAGMA application_id of a workbook: the bytes "CIWB" (0x43495742). */
#define WB_APPLICATION_ID 0x43495742
/* PRAGMA user_version this build writes; migrations run 0 -> 1 -> ... up to it. */
#define WB_SCHEMA_VERSION 7
/* wb_open() migrates up to this version (WB_SCHEMA_VERSION; tests set it lower
 * to make a workbook of an older version). */
extern int wb__schema_target;
/* Milliseconds to wait for another connection's write lock. */
#define WB_BUSY_TIMEOUT_MS 5000
/* The busy timeout wb_open() sets (tests shorten it). */
extern int wb__busy_timeout_ms;

/* The statements kept prepared on the connection: the browser's (run on every key), the
 * history's, and those of the row layer (wb_row.c), whose ids are computed. */
#define WB_STMT_MAXTABLES 16   /* room for wb__tables (the JSON snapshot of a row) */
#define WB_ROW_NOPS 7          /* the row layer's statements per table */
#define WB_ROW_MAXDEFS 12      /* room for the row layer's tables */
enum wb_stmt_id {
	WB_STMT_NOTES_PAGE,
	WB_STMT_NOTES_PAGE_AFTER,
	WB_STMT_ACTIONS_PAGE,
	WB_STMT_ACTIONS_PAGE_AFTER,
	WB_STMT_ROLES_ROWS,
	WB_STMT_HIST_REDO_GONE,
	WB_STMT_HIST_STEP,
	WB_STMT_HIST_SEQ,
	WB_STMT_HIST_ADD,
	WB_STMT_ITEM_GET,
	WB_STMT_ROW_JSON_,     /* + the table's place in wb__tables */
	WB_STMT_ROW_ = WB_STMT_ROW_JSON_ + WB_STMT_MAXTABLES, /* + slot * WB_ROW_NOPS + op */
	WB_STMT_COUNT_ = WB_STMT_ROW_ + WB_ROW_MAXDEFS * WB_ROW_NOPS
};

struct wb {
	sqlite3 *db;
	char *path;         /* absolute path of the file */
	char *copy;         /* an older file opened for reading: its upgraded private copy,
	                     * which the connection reads (in copydir), or NULL */
	char *copydir;
	int older;          /* wb_open_check: an older file, opened for reading */
	int readonly;       /* 1: every edit is refused */
	int immutable;      /* 1: read through an immutable=1 URI (read-only media) */
	char *errmsg;       /* last error (malloc'd), names the file and what to do */
	char *notice;       /* why the workbook was opened read-only, or NULL */
	int64_t data_version; /* PRAGMA data_version last seen by wb_changed() */
	int wal;            /* 1: journal_mode=WAL is in effect */
	int in_edit;        /* 1: inside wb__edit_begin() ... wb__edit_end() */
	int64_t step;       /* history.step of the edit in progress */
	int64_t schema_cookie; /* PRAGMA schema_version when the schema was last checked */
	int schema_exact;   /* 1: the last check found exactly this version's schema */
	int (*busy_cb)(void *, int); /* wb_set_busy(): told while waiting for a lock */
	void *busy_arg;
	int batch;          /* 1: inside wb_batch_begin() ... wb_batch_end() */
	int redo_gone;      /* 1: in this batch, the redo stack is known to be empty */
	int64_t session;    /* the undo session this instance records into and undoes */
	int session_claimed; /* 1: session is taken (at the first edit, in its transaction) */
	sqlite3_stmt *stmts[WB_STMT_COUNT_]; /* statements kept prepared (wb__stmt) */
	const struct catalog *annex_pending; /* to index for search at the first search */
	int annex_tables;   /* 1: the TEMP tables of the annex search are made */
	int backup_minutes; /* rolling backups (wb_backup_auto): interval, 0 = off */
	int backup_keep;    /* how many to keep */
	int64_t backup_last; /* time of the newest backup (seconds since the epoch) */
	struct wb_backup_job *backup_job; /* the backup being taken in slices, or NULL */
};

/* Statement ID of the connection: prepared from SQL (constant text) on first use, then
 * reset and unbound for each use. Give it back with wb__stmt_done() when finished (it stays
 * prepared); wb_close() finalizes them. 0, or -1 with errmsg. */
int wb__stmt(struct wb *wb, enum wb_stmt_id id, const char *sql, sqlite3_stmt **st);
void wb__stmt_done(sqlite3_stmt *st);
void wb__stmt_free(struct wb *wb);

/* The expected schema, compiled in (src/wb_schema.c, rows in src/wb_schema_list.h): every
 * object (type, name, tbl_name of sqlite_schema) of schema versions from..to, with the
 * digest of its SQL (wb__schema_digest, SipHash-2-4; 0: no SQL). Sorted by type, then name, as SQLite's
 * BINARY collation sorts; at most one row per object and version. tests/test-wb-schema proves
 * it equal to what the migrations make; it is frozen there, so that a change to an old
 * migration fails that test. The SQL itself is the migrations' (wb__schema_build). */
struct wb_schema_obj {
	const char *type, *name, *tbl_name;
	uint64_t digest;
	int from, to;
};
extern const struct wb_schema_obj *const wb__schema_list;
extern const size_t wb__schema_nlist;
extern const int wb__schema_list_version; /* the version the list was made for */
uint64_t wb__schema_digest(const void *sql, size_t n);
/* SipHash-2-4 of n bytes under KEY (the reference's 64-bit output). */
uint64_t wb__siphash(const unsigned char key[16], const void *data, size_t n);
/* Run the migrations 0 -> VERSION on db (a new, empty database), as a new workbook gets
 * them (for the tests that prove the list above). 0, or -1 with *err malloc'd. */
int wb__schema_build(sqlite3 *db, int64_t version, char **err);
/* How an object of a file differs from the expected schema. */
enum { WB_SCHEMA_FOREIGN, WB_SCHEMA_MISSING, WB_SCHEMA_CHANGED };
/* Compare the schema of db ("main") with the expected one of `version`, calling cb for each
 * difference in order: how (WB_SCHEMA_*), the object's type and name (sanitised), and the
 * expected object (NULL for a foreign one). loose: a trigger of ours may differ in its SQL.
 * cb returns 0 to go on. 0, or -1 with *err (malloc'd) when the schema cannot be read. */
int wb__schema_diff(sqlite3 *db, int64_t version, int loose,
    int (*cb)(void *arg, int how, const char *type, const char *name,
    const struct wb_schema_obj *want), void *arg, char **err);
/* For a table of db that differs from WANT: 1 with *col (malloc'd, sanitised) a column that
 * WANT lacks, 2 a column db lacks, or 0 when the columns are the same or cannot be read
 * (WANT's columns are read from a scratch database the migrations make). */
int wb__schema_column_diff(sqlite3 *db, const char *name, const struct wb_schema_obj *want,
    char **col);
/* Compare the schema of db ("main") with the one a workbook of schema version
 * `version` (1..WB_SCHEMA_VERSION) has: 0 the same; 1 only foreign objects
 * (triggers, views, indexes or tables ciipwb did not make); 2 a missing or
 * changed object; -1 it cannot be read. loose: a trigger of ours may differ
 * in its SQL (an older version's, made again by the upgrade). *detail (malloc'd, sanitised, may be
 * NULL) names the first difference or the error. Reads only; no SQL of the file runs. */
int wb__schema_compare(sqlite3 *db, int64_t version, int loose, char **detail);
/* Inside an edit's transaction: 0 if the schema is still the one checked on
 * open; otherwise compare it again and, when another program made it foreign
 * (or upgraded it), make the workbook read-only and return -1 with a message
 * saying so ("what" says what failed). */
int wb__schema_guard(struct wb *wb, const char *what);
/* 1 if the result code of a first read of a read-only connection means the
 * -wal/-shm cannot be made or used here (read-only media or directory): read
 * the file through wb__immutable_uri() instead. */
int wb__needs_immutable(int rc);
/* "file:PATH?immutable=1" with PATH escaped, malloc'd (NULL: out of memory);
 * open it with SQLITE_OPEN_URI | SQLITE_OPEN_READONLY. */
char *wb__immutable_uri(const char *path);

/* The message for a file whose -journal holds a change a crash left unfinished, when
 * this open cannot finish it (reading only, or read-only media). */
char *wb__journal_errmsg(const char *path);

/* Open PATH through a plain read-write connection, read its schema and close: SQLite then
 * rolls a hot -journal back into it, and removes the -wal and -shm that reading made when
 * no other connection has the file open. Only for a private copy, a file whose rolled-back
 * copy was accepted, or one just checked. SQLITE_OK, or an SQLite (extended) result code
 * with *err. */
int wb__rw_read(const char *path, char **err);

/* Remove the private copy COPY (and the files SQLite keeps beside it: -wal, -shm, -journal)
 * and its directory DIR; either may be NULL. */
void wb__copy_remove(const char *copy, const char *dir);
/* Where private copies go: $TMPDIR when it is an absolute path, else /tmp. */
const char *wb__tmpdir(void);
/* 1 if PATH has neither a -journal nor a -wal beside it (an error looking counts as one). */
int wb__no_journal(const char *path);

/* Copy the regular file FROM to a new file TO (mode 0600). 0, or -1 with errno. */
int wb__copy_file(const char *from, const char *to);
/* The checks of wb_open() on a connection the caller made (e.g. a file's bytes
 * given to sqlite3_deserialize, for the fuzzer): 0 with a read-only workbook
 * that owns DB, or -1 with *err (DB is closed). NAME stands for the path. */
int wb__open_db(sqlite3 *db, const char *name, struct wb **out, char **err);

/* Implemented by the search module (src/wb_search.c). install runs inside the
 * v0 -> v1 migration transaction, after the base tables exist; connect runs
 * right after every open. 0 or -1 with *err malloc'd. */
int wb_search_install(sqlite3 *db, char **err);
int wb_search_connect(sqlite3 *db, char **err);
/* Make every search trigger the one this build writes (drop and create again) and rebuild
 * the index: a migration step that changes what is indexed calls it. 0 or -1 with *err. */
int wb_search_upgrade(sqlite3 *db, char **err);

/* Set wb->errmsg from a printf format (translated by the caller); returns -1. */
int wb__err(struct wb *wb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set wb->errmsg to a message built from the SQLite error of wb->db (rc is
 * the failing result code) plus what to do next; `what` says what failed,
 * e.g. "cannot add the note". Returns -1. */
int wb__sqlerr(struct wb *wb, int rc, const char *what);
/* A second connection that reads what WB's does, read-only (wb_ahead's thread); an SQLite
 * result code, *DB NULL unless SQLITE_OK. */
int wb__connect_reader(struct wb *wb, sqlite3 **db);
/* The summary's notes of one item (?1 the ref): wb_summary_notes_of, wb_ahead. */
extern const char wb__summary_notes_sql[];
/* Run SQL without parameters (constant text only); 0 or -1 with errmsg. */
int wb__exec(struct wb *wb, const char *sql);
/* A random positive non-zero 63-bit key (sqlite3_randomness). */
int64_t wb__random_id(void);
/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into out (21 bytes). */
void wb__now(char out[21]);
/* 1 if s is a valid YYYY-MM-DD calendar date. */
int wb__valid_date(const char *s);

/* One edit = one transaction with its history rows:
 *   if (wb__edit_begin(wb, what) < 0) return -1;
 *   ... wb__record(wb, label, "note", id, NULL-or-before-json) ... change ... 
 *   return wb__edit_end(wb, rc, what);
 * edit_begin refuses read-only workbooks, starts BEGIN IMMEDIATE and
 * discards the redo stack; edit_end commits when rc == 0 (else rolls back)
 * and returns 0 or -1. `what` is used in error messages ("cannot add the note"). */
int wb__edit_begin(struct wb *wb, const char *what);
int wb__edit_end(struct wb *wb, int rc, const char *what);
/* Snapshot one row (by key) of a table as a JSON object (malloc'd) or NULL
 * if absent; 0 or -1. */
int wb__row_json(struct wb *wb, const char *tbl, const char *key, char **json);
/* Append a history row for table tbl, row key (text form of the primary
 * key), with `before` (JSON or NULL) and the row's current state as `after`.
 * Call after the change. 0 or -1. */
int wb__record(struct wb *wb, const char *label, const char *tbl,
    const char *key, const char *before);

/* Give this instance's undo session back on close, for the next instance to take with its
 * first edit (wb_hist.c). */
void wb__undo_detach(struct wb *wb);
/* Pages copied by one sqlite3_backup_step() of a rolling backup (wb_backup_step): 64 KB of
 * 4 KB pages, a fraction of a millisecond from the page cache. */
#define WB_BACKUP_STEP_PAGES 16

/* Every table an edit (or a merge) may change: its key column and all its
 * columns, in the order the JSON snapshots list them. */
#define WB_TABLE_MAXCOLS 13
struct wb_table {
	const char *name;
	const char *key;
	int has_deleted;
	const char *const cols[WB_TABLE_MAXCOLS];
};
extern const struct wb_table wb__tables[];
extern const size_t wb__ntables;
/* The table called name, or NULL. */
const struct wb_table *wb__table_find(const char *name);
/* Make the row of t with the given key equal to the snapshot json (NULL: the
 * row is absent, which for tables with tombstones means deleted = 1). 0 or -1. */
int wb__apply(struct wb *wb, const struct wb_table *t, const char *key,
    const char *json);
/* The SQL wb__apply() runs (?1 the key, ?2 the JSON snapshot), for a caller
 * that keeps the statement prepared; absent: the tombstone/delete form. */
#define WB_APPLY_SQL_SIZE 2048
/* "json_object('col', ALIAS.col, ...)" for the row snapshots of t (alias may be NULL). */
void wb__json_expr(const struct wb_table *t, const char *alias, char *sql, size_t n);
void wb__apply_sql(const struct wb_table *t, int absent, char *sql, size_t n);

/* Remove what a creation of workbook PATH (absolute) killed before it finished left beside
 * it, ".NAME.new-XXXXXX" and its SQLite files, when they are provably this program's (this
 * user's, mode 0600, a workbook or empty) and stale (no creation holds its flock); called
 * before creating PATH and after opening it for writing (src/wb_path.c). */
void wb__creation_clean(const char *path);

#endif
