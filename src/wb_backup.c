/* wb_backup.c: rolling safety copies of a workbook (VACUUM INTO, fsync, rename) and restoring one. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "wb.h"
#include "wb_backup.h"
#include "wb_check.h"
#include "wb_internal.h"

#define BACKUP_SUFFIX ".ciipwb"
/* "2026-11-23T10-15-00Z" plus an optional "-N" when two fall in one second. */
#define BACKUP_STAMP_LEN 20

char *
wb_backup_dir(const char *path)
{
	return util_asprintf("%s.backups", path);
}

static void
backup_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Make DIR (mode 0700) if it is missing; refuse anything but a directory. */
static int
backup_mkdir(struct wb *wb, const char *dir)
{
	struct stat sb;

	if (mkdir(dir, 0700) == 0) {
		char *parent = strdup(dir), *slash;

		if (parent != NULL && (slash = strrchr(parent, '/')) != NULL) {
			*slash = '\0';
			backup_fsync_dir(*parent != '\0' ? parent : "/");
		}
		free(parent);
		return 0;
	}
	if (errno != EEXIST)
		return wb__err(wb, _("%s: cannot make the backup directory %s (%s);"
		    " check the permissions of its directory"), wb->path, dir,
		    strerror(errno));
	if (lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return wb__err(wb, _("%s: %s is not a directory; move it away so"
		    " that backups can be kept there"), wb->path, dir);
	if ((sb.st_mode & 077) != 0)
		(void)chmod(dir, 0700);
	return 0;
}

/* 1 if NAME looks like one of our backups ("YYYY-MM-DDTHH-MM-SSZ[-N].ciipwb"),
 * with its time as "YYYY-MM-DDTHH:MM:SSZ" in AT. */
static int
backup_parse(const char *name, char at[WB_TIME_SIZE])
{
	static const char shape[] = "dddd-dd-ddTdd-dd-ddZ";
	size_t n = strlen(name), i, sl = strlen(BACKUP_SUFFIX);

	if (n < BACKUP_STAMP_LEN + sl || strcmp(name + n - sl, BACKUP_SUFFIX) != 0)
		return 0;
	for (i = 0; i < BACKUP_STAMP_LEN; i++)
		if (shape[i] == 'd' ? (name[i] < '0' || name[i] > '9') : name[i] != shape[i])
			return 0;
	for (i = BACKUP_STAMP_LEN; i < n - sl; i++)
		if (!(name[i] == '-' || (name[i] >= '0' && name[i] <= '9')))
			return 0;
	memcpy(at, name, BACKUP_STAMP_LEN);
	at[13] = ':';
	at[16] = ':';
	at[BACKUP_STAMP_LEN] = '\0';
	return 1;
}

struct backup_list {
	char **names;
	size_t n, cap;
};

static void
backup_list_free(struct backup_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	memset(l, 0, sizeof *l);
}

/* The number after the time ("...Z-3.ciipwb" is 3; none is 0). */
static long
backup_seq(const char *name)
{
	return name[BACKUP_STAMP_LEN] == '-' ? strtol(name + BACKUP_STAMP_LEN + 1, NULL, 10) : 0;
}

static int
backup_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = strncmp(x, y, BACKUP_STAMP_LEN);
	long sx, sy;

	/* Newest first: by time, then by the number of the same second. */
	if (c != 0)
		return -c;
	sx = backup_seq(x);
	sy = backup_seq(y);
	return sx < sy ? 1 : sx > sy ? -1 : 0;
}

/* Our backups in DIR, newest first. 0 (a missing directory is no backups) or -1 with errno. */
static int
backup_list(const char *dir, struct backup_list *l)
{
	struct dirent *de;
	char at[WB_TIME_SIZE];
	DIR *d;

	memset(l, 0, sizeof *l);
	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d)) != NULL) {
		if (!backup_parse(de->d_name, at))
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap != 0 ? l->cap * 2 : 16;
			char **p = realloc(l->names, cap * sizeof *p);

			if (p == NULL)
				goto nomem;
			l->names = p;
			l->cap = cap;
		}
		if ((l->names[l->n] = strdup(de->d_name)) == NULL)
			goto nomem;
		l->n++;
	}
	closedir(d);
	if (l->n > 1)
		qsort(l->names, l->n, sizeof *l->names, backup_cmp);
	return 0;
nomem:
	closedir(d);
	backup_list_free(l);
	errno = ENOMEM;
	return -1;
}

/* Seconds since the epoch of a backup time "YYYY-MM-DDTHH:MM:SSZ". */
static int64_t
backup_epoch(const char *at)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

/* Remove all but the newest KEEP backups in DIR. */
static void
backup_rotate(const char *dir, int keep)
{
	struct backup_list l;
	size_t i;

	if (backup_list(dir, &l) != 0)
		return;
	for (i = keep > 0 ? (size_t)keep : 1; i < l.n; i++) {
		char *p = util_asprintf("%s/%s", dir, l.names[i]);

		if (p != NULL)
			unlink(p);
		free(p);
	}
	backup_list_free(&l);
}

/* A backup being taken in slices (wb_backup_step): the copy goes into TMP through DST (bk
 * set while copying), then a thread of its own syncs it (syncing), so that no slice waits
 * for the disk, then it is named. */
struct wb_backup_job {
	sqlite3 *dst;
	sqlite3_backup *bk;
	char *dir, *tmp;
	int fd;             /* on tmp, for the header and the sync */
	time_t started;
	int syncing;        /* 1: the thread runs (or ran, not yet joined) */
	pthread_t syncer;
	int synced;         /* set by the thread when done (atomic) */
	int sync_errno;     /* 0, or fsync's errno */
	time_t retry;       /* another program held the lock: not before then */
};

/* 1 while the copy is being synced by its thread. */
static int
backup_syncing(const struct wb_backup_job *j)
{
	return j->bk == NULL && j->syncing && !__atomic_load_n(&j->synced, __ATOMIC_ACQUIRE);
}

/* The backup directory (made if missing) and a new, empty temporary file in it of mode 0600,
 * ".incomplete-PID.ciipwb", that no listing counts as a backup. 0, or -1 with errmsg. */
static int
backup_tmp(struct wb *wb, char **dir, char **tmp)
{
	int fd;

	*tmp = NULL;
	if ((*dir = wb_backup_dir(wb->path)) == NULL)
		return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot make a backup"));
	if (backup_mkdir(wb, *dir) != 0)
		return -1;
	if ((*tmp = util_asprintf("%s/.incomplete-%ld" BACKUP_SUFFIX, *dir,
	    (long)getpid())) == NULL)
		return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot make a backup"));
	unlink(*tmp);
	fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		wb__err(wb, _("%s: cannot make a backup in %s (%s); check the disk"),
		    wb->path, *dir, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	close(fd);
	return 0;
}

/* The copy in TMP is complete: sync it, give it its name (by the time NOW), sync the
 * directory, drop all but the newest KEEP. *name (may be NULL) gets the path. 0 or -1. */
static int
backup_install(struct wb *wb, const char *dir, const char *tmp, time_t now, int keep,
    char **name)
{
	char stamp[WB_TIME_SIZE], *final = NULL;
	struct backup_list l;
	struct tm tm;
	long seq;
	int fd;

	fd = open(tmp, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		wb__err(wb, _("%s: cannot make a backup in %s (%s); check the disk"),
		    wb->path, dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	if (gmtime_r(&now, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H-%M-%SZ", &tm);
	/* A second backup in the same second gets the next number, so that the
	 * names keep sorting by age even after older ones were rotated away. */
	seq = -1;
	if (backup_list(dir, &l) == 0) {
		size_t k;

		for (k = 0; k < l.n; k++)
			if (strncmp(l.names[k], stamp, BACKUP_STAMP_LEN) == 0 &&
			    backup_seq(l.names[k]) > seq)
				seq = backup_seq(l.names[k]);
		backup_list_free(&l);
	}
	final = seq < 0 ? util_asprintf("%s/%s" BACKUP_SUFFIX, dir, stamp) :
	    util_asprintf("%s/%s-%ld" BACKUP_SUFFIX, dir, stamp, seq + 1);
	if (final == NULL || rename(tmp, final) != 0) {
		wb__err(wb, _("%s: cannot make a backup in %s (%s); check the disk"),
		    wb->path, dir, final == NULL ? strerror(ENOMEM) : strerror(errno));
		free(final);
		return -1;
	}
	backup_fsync_dir(dir);
	backup_rotate(dir, keep);
	wb->backup_last = (int64_t)now;
	if (name != NULL)
		*name = final;
	else
		free(final);
	return 0;
}

int
wb_backup_now(struct wb *wb, int keep, char **name)
{
	char *dir = NULL, *tmp = NULL;
	sqlite3_stmt *st = NULL;
	time_t now = time(NULL);
	int rc, r = -1;

	if (name != NULL)
		*name = NULL;
	/* This one is whole at once: a backup under way is no longer needed. */
	wb_backup_cancel(wb);
	/* VACUUM INTO wants an empty file: made here, mode 0600. */
	if (backup_tmp(wb, &dir, &tmp) != 0)
		goto out;
	rc = sqlite3_prepare_v2(wb->db, "VACUUM INTO ?1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		wb__sqlerr(wb, rc, _("cannot make a backup"));
		goto out;
	}
	/* VACUUM INTO does not sync: backup_install syncs the file, then names it. */
	r = backup_install(wb, dir, tmp, now, keep, name);
out:
	if (r != 0 && tmp != NULL)
		unlink(tmp);
	free(dir);
	free(tmp);
	return r;
}

/* 1 if neither the workbook nor its -wal was written after time T (so the
 * newest backup, taken at T, still holds what it holds). */
static int
backup_unchanged_since(const char *path, int64_t t)
{
	struct stat sb;
	char *wal;
	int same;

	if (t == 0 || stat(path, &sb) != 0 || (int64_t)sb.st_mtime >= t)
		return 0;
	if ((wal = util_asprintf("%s-wal", path)) == NULL)
		return 0;
	/* Opening makes an empty -wal: only one with frames counts. */
	same = stat(wal, &sb) != 0 || sb.st_size == 0 || (int64_t)sb.st_mtime < t;
	free(wal);
	return same;
}

int
wb_backup_auto(struct wb *wb, int minutes, int keep)
{
	struct backup_list l;
	char *dir, at[WB_TIME_SIZE];
	int64_t newest = 0;

	wb->backup_minutes = minutes > 0 && !wb->readonly ? minutes : 0;
	wb->backup_keep = keep > 0 ? keep : 1;
	if (wb->backup_minutes == 0)
		return 0;
	if ((dir = wb_backup_dir(wb->path)) == NULL)
		return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot make a backup"));
	if (backup_list(dir, &l) == 0 && l.n > 0 && backup_parse(l.names[0], at))
		newest = backup_epoch(at);
	backup_list_free(&l);
	free(dir);
	wb->backup_last = newest;
	return 0;
}

int
wb_backup_pending(struct wb *wb)
{
	if (wb->backup_job != NULL)
		return !backup_syncing(wb->backup_job) && time(NULL) >= wb->backup_job->retry;
	if (wb->backup_minutes <= 0 || wb->readonly ||
	    (int64_t)time(NULL) - wb->backup_last < (int64_t)wb->backup_minutes * 60)
		return 0;
	return !backup_unchanged_since(wb->path, wb->backup_last);
}

/* Copies left by a process that was killed while it took a backup ("incomplete-PID"). */
static void
backup_sweep(const char *dir)
{
	static const char pre[] = ".incomplete-";
	struct dirent *de;
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char *end, *p;
		long pid;

		if (strncmp(de->d_name, pre, sizeof pre - 1) != 0)
			continue;
		pid = strtol(de->d_name + sizeof pre - 1, &end, 10);
		if (pid <= 0 || strcmp(end, BACKUP_SUFFIX) != 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		if ((p = util_asprintf("%s/%s", dir, de->d_name)) != NULL)
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* Start the due backup: an empty temporary copy, and SQLite's backup from the workbook into
 * it. 0, or -1 with errmsg. */
static int
backup_start(struct wb *wb)
{
	struct wb_backup_job *j = calloc(1, sizeof *j);
	int rc;

	if (j == NULL)
		return wb__sqlerr(wb, SQLITE_NOMEM, _("cannot make a backup"));
	j->fd = -1;
	j->started = time(NULL);
	if (backup_tmp(wb, &j->dir, &j->tmp) != 0) {
		free(j->dir);
		free(j);
		return -1;
	}
	wb->backup_job = j;
	backup_sweep(j->dir);
	j->fd = open(j->tmp, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	/* Written without a journal and without syncing: nobody reads the file before it is
	 * whole and synced by backup_install. */
	rc = sqlite3_open_v2(j->tmp, &j->dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
	    SQLITE_OPEN_EXRESCODE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(j->dst, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF",
		    NULL, NULL, NULL);
	if (rc == SQLITE_OK && (j->bk = sqlite3_backup_init(j->dst, "main", wb->db,
	    "main")) == NULL)
		rc = sqlite3_extended_errcode(j->dst);
	if (rc != SQLITE_OK) {
		wb__err(wb, _("%s: cannot make a backup in %s (%s); check the disk"), wb->path,
		    j->dir, j->dst != NULL ? sqlite3_errmsg(j->dst) : sqlite3_errstr(rc));
		wb_backup_cancel(wb);
		return -1;
	}
	return 0;
}

static void *
backup_syncer(void *arg)
{
	struct wb_backup_job *j = arg;

	j->sync_errno = fsync(j->fd) == 0 ? 0 : errno;
	__atomic_store_n(&j->synced, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* The copy is whole: close it, mark it as a rollback-journal file (the backup API copies
 * the workbook's WAL marks in bytes 18 and 19 of the header; 1 means no -wal, as a VACUUM
 * INTO copy has), then start its sync. 0 or -1 with errmsg. */
static int
backup_copied(struct wb *wb)
{
	struct wb_backup_job *j = wb->backup_job;
	static const unsigned char legacy[2] = { 1, 1 };
	int rc;

	rc = sqlite3_backup_finish(j->bk);
	j->bk = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_close(j->dst);
	j->dst = rc == SQLITE_OK ? NULL : j->dst;
	if (rc != SQLITE_OK)
		return wb__err(wb, _("%s: cannot make a backup in %s (%s); check the disk"),
		    wb->path, j->dir, sqlite3_errstr(rc));
	if (j->fd < 0 || pwrite(j->fd, legacy, sizeof legacy, 18) != (ssize_t)sizeof legacy)
		return wb__err(wb, _("%s: cannot make a backup in %s (%s); check the disk"),
		    wb->path, j->dir, strerror(j->fd < 0 ? EBADF : errno));
	/* Syncing hundreds of megabytes can take seconds on a busy disk: not in a slice. */
	if ((rc = pthread_create(&j->syncer, NULL, backup_syncer, j)) != 0)
		j->sync_errno = fsync(j->fd) == 0 ? 0 : errno, j->synced = 1;
	else
		j->syncing = 1;
	return 0;
}

/* The sync is over: name the copy (backup_install). 0 or -1 with errmsg. */
static int
backup_synced(struct wb *wb)
{
	struct wb_backup_job *j = wb->backup_job;
	int r;

	if (j->syncing) {
		pthread_join(j->syncer, NULL);
		j->syncing = 0;
	}
	if (j->sync_errno != 0)
		return wb__err(wb, _("%s: cannot make a backup in %s (%s); check the disk"),
		    wb->path, j->dir, strerror(j->sync_errno));
	r = backup_install(wb, j->dir, j->tmp, j->started, wb->backup_keep, NULL);
	if (r == 0) {
		free(j->tmp);
		j->tmp = NULL;   /* it has its name now: nothing to remove */
	}
	return r;
}

int
wb_backup_step(struct wb *wb, int ms)
{
	struct wb_backup_job *j;
	struct timespec t0, t;
	int rc, r;

	if (wb->backup_job == NULL) {
		if (!wb_backup_pending(wb))
			return 0;
		if (backup_start(wb) != 0)
			goto failed;
	}
	j = wb->backup_job;
	if (j->bk == NULL) {
		/* Copied: wait for the sync a little (ms), or name the copy once synced. */
		if (backup_syncing(j)) {
			if (ms > 0)
				nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
			return 1;
		}
		r = backup_synced(wb);
		wb_backup_cancel(wb);
		if (r == 0)
			return 0;
		goto failed;
	}
	/* Never inside a transaction of ours: the copy reads the workbook between edits. */
	if (!sqlite3_get_autocommit(wb->db))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* A slice never waits for a lock (nor runs the browser's waiting message, which drops
	 * the keys typed meanwhile): busy, it stops and the next slice tries again. */
	sqlite3_busy_timeout(wb->db, 0);
	do {
		rc = sqlite3_backup_step(j->bk, WB_BACKUP_STEP_PAGES);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (rc == SQLITE_OK && (t.tv_sec - t0.tv_sec) * 1000 +
	    (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
	wb_set_busy(wb, wb->busy_cb, wb->busy_arg);  /* the waiting set up before, if any */
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		/* Another program holds it: go on a second later (no spinning meanwhile). */
		j->retry = time(NULL) + 1;
		return 1;
	}
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		wb__sqlerr(wb, rc, _("cannot make a backup"));
		goto failed;
	}
	if (rc == SQLITE_OK || backup_copied(wb) == 0)
		return 1;
failed:
	/* The workbook is fine; try again after the next interval rather than at once. */
	wb_backup_cancel(wb);
	wb->backup_last = (int64_t)time(NULL);
	return -1;
}

void
wb_backup_cancel(struct wb *wb)
{
	struct wb_backup_job *j = wb->backup_job;

	if (j == NULL)
		return;
	if (j->syncing)
		pthread_join(j->syncer, NULL);   /* its sync is short of the end: let it end */
	if (j->bk != NULL)
		sqlite3_backup_finish(j->bk);
	if (j->dst != NULL)
		sqlite3_close(j->dst);
	if (j->fd >= 0)
		close(j->fd);
	if (j->tmp != NULL)
		unlink(j->tmp);
	free(j->tmp);
	free(j->dir);
	free(j);
	wb->backup_job = NULL;
}

int
wb_backups_each(const char *path, int (*cb)(const struct wb_backup_info *, void *),
    void *arg, char **err)
{
	struct backup_list l;
	struct wb_backup_info b;
	char *dir = wb_backup_dir(path);
	size_t i;
	int r = 0;

	*err = NULL;
	if (dir == NULL || backup_list(dir, &l) != 0) {
		*err = util_asprintf(_("cannot read the backups of %s in %s (%s)"), path,
		    dir != NULL ? dir : "?", strerror(errno));
		free(dir);
		return -1;
	}
	for (i = 0; i < l.n && r == 0; i++) {
		struct stat sb;
		char *p = util_asprintf("%s/%s", dir, l.names[i]);

		if (p == NULL)
			continue;
		memset(&b, 0, sizeof b);
		b.path = p;
		b.name = l.names[i];
		backup_parse(l.names[i], b.at);
		b.bytes = lstat(p, &sb) == 0 ? (int64_t)sb.st_size : -1;
		r = cb(&b, arg);
		free(p);
	}
	backup_list_free(&l);
	free(dir);
	return r;
}

int
wb_restore(struct wb *wb, const char *backup, int keep, char **saved)
{
	const char *what = _("cannot restore the backup");
	struct wb_check c;
	sqlite3 *src = NULL;
	sqlite3_backup *bk;
	char *file = NULL, *dir = NULL, *e = NULL;
	size_t i;
	int rc, r = -1;

	if (saved != NULL)
		*saved = NULL;
	if (wb->readonly)
		return wb__err(wb, _("%s: %s: the workbook is open read-only%s%s"),
		    wb->path, what, wb->notice != NULL ? "; " : "",
		    wb->notice != NULL ? wb->notice : "");
	/* A bare name is one of the workbook's own backups. */
	if (strchr(backup, '/') == NULL) {
		if ((dir = wb_backup_dir(wb->path)) != NULL)
			file = util_asprintf("%s/%s", dir, backup);
	} else
		file = strdup(backup);
	if (file == NULL) {
		wb__sqlerr(wb, SQLITE_NOMEM, what);
		goto out;
	}
	if (wb_check(file, &c, &e) != 0) {
		wb__err(wb, _("%s: %s %s: %s; list the backups with 'ciipwb restore %s'"),
		    wb->path, what, backup, e != NULL ? e : "?", wb->path);
		free(e);
		goto out;
	}
	for (i = 0; i < WB_CHECK_COUNT && (c.res[i].ok || i == WB_CHECK_VERSION); i++)
		;
	if (i < WB_CHECK_COUNT || c.version > WB_SCHEMA_VERSION || c.version < 1) {
		wb__err(wb, _("%s: %s %s: it is not sound (%s); choose another backup"),
		    wb->path, what, backup, i < WB_CHECK_COUNT ? _(c.res[i].name) :
		    _(c.res[WB_CHECK_VERSION].name));
		wb_check_free(&c);
		goto out;
	}
	wb_check_free(&c);
	/* Keep what is there now before it is replaced. */
	if (wb_backup_now(wb, keep + 1, saved) != 0)
		goto out;
	rc = sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW |
	    SQLITE_OPEN_EXRESCODE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_db_config(src, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
		if ((bk = sqlite3_backup_init(wb->db, "main", src, "main")) == NULL)
			rc = sqlite3_extended_errcode(wb->db);
		else {
			rc = sqlite3_backup_step(bk, -1);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
			if (sqlite3_backup_finish(bk) != SQLITE_OK && rc == SQLITE_OK)
				rc = sqlite3_extended_errcode(wb->db);
		}
	}
	sqlite3_close(src);
	if (rc != SQLITE_OK) {
		wb__sqlerr(wb, rc, what);
		goto out;
	}
	r = 0;
out:
	free(file);
	free(dir);
	return r;
}
