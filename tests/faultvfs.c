/* faultvfs.c: an SQLite VFS shim for tests that makes writes, syncs and truncates fail on demand. */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "faultvfs.h"

struct fv_file {
	sqlite3_file base;
	sqlite3_file *real;     /* the wrapped VFS's file, allocated right after */
};

static sqlite3_vfs fv_vfs;
static sqlite3_vfs *fv_real;
static int fv_armed, fv_left, fv_rc, fv_fired;

static int
fv_fault(void)
{
	if (!fv_armed)
		return SQLITE_OK;
	if (fv_left > 0) {
		fv_left--;
		return SQLITE_OK;
	}
	fv_fired = 1;
	return fv_rc;
}

#define REAL(f) (((struct fv_file *)(f))->real)

static int
fv_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int
fv_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int
fv_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	int rc = fv_fault();

	return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int
fv_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	int rc = fv_fault();

	return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int
fv_sync(sqlite3_file *f, int flags)
{
	int rc = fv_fault();

	return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int
fv_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int
fv_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int
fv_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int
fv_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int
fv_fcntl(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int
fv_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
fv_devchar(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int
fv_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, pp);
}

static int
fv_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void
fv_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
fv_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int
fv_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	/* No memory-mapped reads: keep every access going through xRead. */
	(void)f; (void)off; (void)n;
	*pp = NULL;
	return SQLITE_OK;
}

static int
fv_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f; (void)off; (void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods fv_methods = {
	3, fv_close, fv_read, fv_write, fv_truncate, fv_sync, fv_size, fv_lock,
	fv_unlock, fv_check_lock, fv_fcntl, fv_sector, fv_devchar, fv_shm_map,
	fv_shm_lock, fv_shm_barrier, fv_shm_unmap, fv_fetch, fv_unfetch,
};

static int
fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct fv_file *p = (struct fv_file *)f;
	int rc;

	(void)vfs;
	p->real = (sqlite3_file *)(p + 1);
	rc = fv_real->xOpen(fv_real, name, p->real, flags, out);
	p->base.pMethods = p->real->pMethods != NULL ? &fv_methods : NULL;
	return rc;
}

static int
fv_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return fv_real->xDelete(fv_real, name, sync);
}

static int
fv_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return fv_real->xAccess(fv_real, name, flags, out);
}

static int
fv_fullpath(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return fv_real->xFullPathname(fv_real, name, n, out);
}

static int
fv_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return fv_real->xRandomness(fv_real, n, out);
}

static int
fv_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return fv_real->xSleep(fv_real, us);
}

static int
fv_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return fv_real->xCurrentTime(fv_real, out);
}

static int
fv_lasterr(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return fv_real->xGetLastError(fv_real, n, out);
}

static int
fv_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return fv_real->xCurrentTimeInt64(fv_real, out);
}

int
faultvfs_register(void)
{
	if (fv_real == NULL) {
		fv_real = sqlite3_vfs_find(NULL);
		if (fv_real == NULL)
			return SQLITE_ERROR;
		memset(&fv_vfs, 0, sizeof fv_vfs);
		fv_vfs.iVersion = 2;
		fv_vfs.szOsFile = (int)sizeof(struct fv_file) + fv_real->szOsFile;
		fv_vfs.mxPathname = fv_real->mxPathname;
		fv_vfs.zName = "faultvfs";
		fv_vfs.xOpen = fv_open;
		fv_vfs.xDelete = fv_delete;
		fv_vfs.xAccess = fv_access;
		fv_vfs.xFullPathname = fv_fullpath;
		fv_vfs.xRandomness = fv_random;
		fv_vfs.xSleep = fv_sleep;
		fv_vfs.xCurrentTime = fv_time;
		fv_vfs.xGetLastError = fv_lasterr;
		fv_vfs.xCurrentTimeInt64 = fv_time64;
	}
	return sqlite3_vfs_register(&fv_vfs, 1);
}

void
faultvfs_unregister(void)
{
	if (fv_real != NULL) {
		sqlite3_vfs_unregister(&fv_vfs);
		sqlite3_vfs_register(fv_real, 1);
	}
}

void
faultvfs_fail_after(int n, int rc)
{
	fv_armed = 1;
	fv_left = n;
	fv_rc = rc;
	fv_fired = 0;
}

void
faultvfs_disarm(void)
{
	fv_armed = 0;
}

int
faultvfs_fired(void)
{
	return fv_fired;
}
