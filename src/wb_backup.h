/* wb_backup.h: rolling safety copies of a workbook in NAME.backups/, and restoring one (no curses, no printing). */
#ifndef CIIPWB_WB_BACKUP_H
#define CIIPWB_WB_BACKUP_H

#include <stdint.h>

#include "wb.h"

/*
 * A backup is a consistent snapshot of the workbook (VACUUM INTO, which reads one
 * transaction's view, -wal included), written to a new file of mode 0600, fsynced,
 * renamed into place and its directory fsynced: a backup file is either whole or
 * absent. They live in the directory PATH.backups (mode 0700) beside the workbook,
 * named by their UTC time ("2026-11-23T10-15-00Z.ciipwb"), the newest KEEP kept.
 */

/* The backup directory of the workbook at PATH (malloc'd; NULL when out of memory). */
char *wb_backup_dir(const char *path);

/* Take a backup now and drop all but the newest KEEP (>= 1). *name (may be NULL)
 * gets the new file's path (malloc'd). 0, or -1 with wb_errmsg(wb). */
int wb_backup_now(struct wb *wb, int keep, char **name);

/* Rolling backups while the workbook is open (the browser): one is due when the newest
 * backup is older than MINUTES (or there is none) and the workbook or its -wal was written
 * since. MINUTES 0 turns them off. This reads the backup directory only: the backup itself
 * is taken later, in slices, by wb_backup_step(). 0, or -1 with wb_errmsg(wb). */
int wb_backup_auto(struct wb *wb, int minutes, int keep);

/* 1 if a rolling backup is due or under way. Cheap: a clock comparison, and two stat()
 * calls once the interval has passed. */
int wb_backup_pending(struct wb *wb);

/* Take the due rolling backup a slice at a time, while nothing else waits (between keys):
 * each call copies pages (sqlite3_backup_step, WB_BACKUP_STEP_PAGES at a time, at least
 * once) for about MS milliseconds. The copy grows in a temporary file of mode 0600 in the
 * backup directory and gets its name only when whole and synced; an edit made through this
 * workbook meanwhile goes into it, one made by another program starts it again. Returns 1
 * when there is more to do, 0 when it is done or none is due, -1 when it failed, with
 * wb_errmsg(wb) (the workbook is fine; the next try is after another interval). */
int wb_backup_step(struct wb *wb, int ms);

/* Give up the backup under way, if any, removing its temporary copy: a backup is whole or
 * absent. wb_close() does it. */
void wb_backup_cancel(struct wb *wb);

/* One backup, for listing. Borrowed: valid only during the callback. */
struct wb_backup_info {
	const char *path;          /* the file */
	const char *name;          /* its name in the directory */
	char at[WB_TIME_SIZE];     /* when it was taken (UTC) */
	int64_t bytes;
};
/* The backups of the workbook at PATH, newest first. 0 (also when there are
 * none), or -1 with *err (malloc'd, naming the directory). */
int wb_backups_each(const char *path, int (*cb)(const struct wb_backup_info *, void *),
    void *arg, char **err);

/* Make the workbook's content that of the backup file BACKUP (a path, or a name
 * in the backup directory), after checking it and after taking a backup of the
 * current content (its path in *saved, malloc'd, may be NULL). Other programs
 * with the workbook open see the change as another commit. 0, or -1 with
 * wb_errmsg(wb) and the workbook unchanged. */
int wb_restore(struct wb *wb, const char *backup, int keep, char **saved);

#endif
