/* faultvfs.h: an SQLite VFS shim for tests that makes writes, syncs and truncates fail on demand. */
#ifndef CIIPWB_FAULTVFS_H
#define CIIPWB_FAULTVFS_H

/* Register "faultvfs" around the current default VFS and make it the
 * default. Idempotent; 0 or an SQLite error code. */
int faultvfs_register(void);
/* Make the wrapped VFS the default again. */
void faultvfs_unregister(void);

/* Let n more xWrite/xSync/xTruncate calls succeed, then fail every later
 * one with rc (e.g. SQLITE_FULL, SQLITE_IOERR_WRITE, SQLITE_READONLY) until
 * faultvfs_disarm(). n = 0 fails the very next call. */
void faultvfs_fail_after(int n, int rc);
void faultvfs_disarm(void);
/* 1 if a fault has been injected since the last faultvfs_fail_after(). */
int faultvfs_fired(void);

#endif
