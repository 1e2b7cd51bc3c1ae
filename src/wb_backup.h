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

/* Rolling backups while the workbook is open: one now if the newest backup is
 * older than MINUTES (or there is none), then one after any edit committed
 * MINUTES or more after the last. MINUTES 0 turns them off. The check on open
 * reads the backup directory only (no snapshot unless one is due). 0, or -1 with
 * wb_errmsg(wb) when the backup due now failed (the workbook is fine). */
int wb_backup_auto(struct wb *wb, int minutes, int keep);

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
