/* wb_path.c: the default workbook path, the drafts directory, stale files of a creation. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "wb.h"
#include "wb_internal.h"

/* A malloc'd message; never NULL, so the caller always has something to show. */
static char *
path_errf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = util_vasprintf(fmt, ap);
	va_end(ap);
	return s != NULL ? s : strdup("out of memory");
}

/* Create directory DIR and its missing parents (mode 0700). 0, or -1 with errno. */
static int
path_mkdirs(char *dir)
{
	struct stat sb;
	char *p;

	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			return -1;
		}
		return 0;
	}
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	if (stat(dir, &sb) != 0)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* $VAR/ciipwb (VAR an XDG base directory variable), else ~/FALLBACK/ciipwb, then SUB when
 * not NULL: created (mode 0700) and returned malloc'd, or NULL with *ERR. */
static char *
path_xdg_dir(const char *var, const char *fallback, const char *sub, char **err)
{
	const char *xdg = getenv(var);
	const char *home;
	char *dir = NULL;
	size_t n;

	*err = NULL;
	/* The XDG base directory spec: a relative value is invalid, ignore it. */
	if (xdg != NULL && xdg[0] == '/') {
		dir = util_asprintf("%s/ciipwb%s%s", xdg, sub != NULL ? "/" : "",
		    sub != NULL ? sub : "");
	} else {
		home = getenv("HOME");
		if (home == NULL || home[0] != '/') {
			struct passwd *pw = getpwuid(getuid());

			home = pw != NULL ? pw->pw_dir : NULL;
		}
		if (home == NULL || home[0] != '/') {
			*err = path_errf(_("cannot find the home directory; set %s or pass a "
			    "WORKBOOK path"), var);
			return NULL;
		}
		dir = util_asprintf("%s/%s/ciipwb%s%s", home, fallback, sub != NULL ? "/" : "",
		    sub != NULL ? sub : "");
	}
	if (dir == NULL) {
		*err = path_errf("%s", _("out of memory"));
		return NULL;
	}
	/* Tidy "//" and a trailing '/' of the variable. */
	for (n = 1; dir[n] != '\0';) {
		if (dir[n] == '/' && dir[n - 1] == '/')
			memmove(dir + n, dir + n + 1, strlen(dir + n));
		else
			n++;
	}
	if (path_mkdirs(dir) != 0) {
		*err = path_errf(_("cannot create directory %s: %s; set %s or pass a "
		    "WORKBOOK path"), dir, strerror(errno), var);
		free(dir);
		return NULL;
	}
	return dir;
}

char *
wb_default_path(char **err)
{
	char *dir = path_xdg_dir("XDG_DATA_HOME", ".local/share", NULL, err), *path;

	if (dir == NULL)
		return NULL;
	if ((path = util_asprintf("%s/workbook.ciipwb", dir)) == NULL)
		*err = path_errf("%s", _("out of memory"));
	free(dir);
	return path;
}

char *
wb_draft_dir(char **err)
{
	return path_xdg_dir("XDG_STATE_HOME", ".local/state", "drafts", err);
}

/* ---- Stale files of a creation that was killed (issue 12) ---- */

/* 1 if a creation holds FILE (wb_create_new() keeps a flock on its temporary file from
 * mkstemp to its removal), else 0. */
static int
path_in_use(const char *file)
{
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), r;

	if (fd < 0)
		return 1;
	r = flock(fd, LOCK_EX | LOCK_NB) != 0;
	close(fd);
	return r;
}

/* 1 if FILE is what wb_create_new() makes at some moment of it: empty, or a SQLite file
 * with our application_id, or none yet (0: killed before it was written). */
static int
path_is_ours(const char *file, off_t size)
{
	unsigned char h[72];
	uint32_t id;
	int fd, ok = 0;

	if (size == 0)
		return 1;
	if ((fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;
	if (read(fd, h, sizeof h) == (ssize_t)sizeof h &&
	    memcmp(h, "SQLite format 3", 16) == 0) {
		id = (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71];
		ok = id == (uint32_t)WB_APPLICATION_ID || id == 0;
	}
	close(fd);
	return ok;
}

/* NAME is ".BASE.new-XXXXXX" (mkstemp's six letters or digits), maybe followed by SQLite's
 * "-wal", "-shm" or "-journal": the length of the ".BASE.new-XXXXXX" part, else 0. */
static size_t
path_creation_name(const char *name, const char *base)
{
	size_t b = strlen(base), n;

	if (name[0] != '.' || strncmp(name + 1, base, b) != 0 || strncmp(name + 1 + b, ".new-", 5))
		return 0;
	n = 1 + b + 5;
	for (int i = 0; i < 6; i++, n++)
		if (!((name[n] >= 'a' && name[n] <= 'z') || (name[n] >= 'A' && name[n] <= 'Z') ||
		    (name[n] >= '0' && name[n] <= '9')))
			return 0;
	if (name[n] == '\0' || strcmp(name + n, "-wal") == 0 || strcmp(name + n, "-shm") == 0 ||
	    strcmp(name + n, "-journal") == 0)
		return n;
	return 0;
}

void
wb__creation_clean(const char *path)
{
	const char *slash = strrchr(path, '/'), *base;
	char *dir;
	DIR *dp;
	struct dirent *de;
	struct stat wb;
	int have_wb;

	if (slash == NULL)
		return;
	base = slash + 1;
	dir = slash == path ? strdup("/") : util_asprintf("%.*s", (int)(slash - path), path);
	if (dir == NULL || (dp = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	have_wb = lstat(path, &wb) == 0;
	while ((de = readdir(dp)) != NULL) {
		size_t n = path_creation_name(de->d_name, base);
		char *file, *main_file;
		struct stat sb, mb;
		int stale;

		if (n == 0 || (file = util_asprintf("%s/%s", dir, de->d_name)) == NULL)
			continue;
		main_file = util_asprintf("%s/%.*s", dir, (int)n, de->d_name);
		/* This user's regular file, and the temporary workbook it is (or belongs to):
		 * mode 0600 as mkstemp made it, empty or one of our workbooks, and no creation
		 * holds it. A SQLite file whose database is gone belongs to nobody. The workbook
		 * itself under its temporary name (killed between the link and the unlink) is
		 * never opened here: SQLite may have it open in this process. */
		stale = main_file != NULL && lstat(file, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == geteuid();
		if (stale && lstat(main_file, &mb) == 0) {
			if (have_wb && mb.st_dev == wb.st_dev && mb.st_ino == wb.st_ino)
				stale = strcmp(file, main_file) == 0;
			else
				stale = S_ISREG(mb.st_mode) && mb.st_uid == geteuid() &&
				    (mb.st_mode & 07777) == 0600 &&
				    path_is_ours(main_file, mb.st_size) && !path_in_use(main_file);
		}
		if (stale)
			unlink(file);
		free(main_file);
		free(file);
	}
	closedir(dp);
	free(dir);
}
