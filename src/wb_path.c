/* wb_path.c: the default workbook path, the drafts directory, stale files of a creation. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "wb.h"

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
