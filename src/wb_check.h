/* wb_check.h: verify a workbook file without changing it (for `ciipwb check`). */
#ifndef CIIPWB_WB_CHECK_H
#define CIIPWB_WB_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* The checks, in the order they are reported. */
enum wb_check_id {
	WB_CHECK_INTEGRITY,    /* PRAGMA integrity_check */
	WB_CHECK_FOREIGN_KEYS, /* PRAGMA foreign_key_check */
	WB_CHECK_VERSION,      /* user_version is the one this build writes */
	WB_CHECK_SCHEMA,       /* tables, columns, indexes and triggers are ours */
	WB_CHECK_SEARCH,       /* the search index matches the text (FTS5 integrity-check) */
	WB_CHECK_COUNT
};

struct wb_check_result {
	const char *name;      /* English label marked with N_(): translate with _() */
	int ok;                /* 1 ok, 0 failed */
	char *detail;          /* malloc'd, one line (unsanitised workbook text possible); NULL when ok */
};

/* Rows of one table: live ones and tombstones (deleted = 1). */
struct wb_check_count {
	const char *name;      /* English label marked with N_() */
	const char *table;     /* SQL table name */
	int64_t live, deleted; /* -1 when the table cannot be read */
};

#define WB_CHECK_NCOUNTS 10

struct wb_check {
	char *path;            /* as given */
	int64_t version;       /* PRAGMA user_version of the file */
	int64_t supported;     /* the schema version this build writes */
	char *title;           /* workbook title (unsanitised), "" if none */
	struct wb_check_result res[WB_CHECK_COUNT];
	struct wb_check_count counts[WB_CHECK_NCOUNTS];
	int sound;             /* 1: every check passed */
	int search_copied;     /* 1: the search indexes were checked on private copies (the
	                        * file could not be write-locked: read-only, or another
	                        * writer); 0: in place, though the word index may be checked
	                        * on a copy by the thread free first */
};

/* Check the workbook at PATH: the file (and its -wal) is never written. (The search index
 * check takes the write lock of a writable file for a moment, and rolls back.)
 * Returns 0 with *OUT filled (look at out->sound), or -1 with *err (one malloc'd line
 * naming the file) when PATH is missing, not an SQLite database or not a workbook. */
int wb_check(const char *path, struct wb_check *out, char **err);
void wb_check_free(struct wb_check *c);

#endif
