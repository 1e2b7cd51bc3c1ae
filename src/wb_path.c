/* wb_path.c: the default workbook path under $XDG_DATA_HOME (or ~/.local/share). */
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

char *
wb_default_path(char **err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home;
	char *dir = NULL, *path = NULL;
	size_t n;

	*err = NULL;
	/* The XDG base directory spec: a relative XDG_DATA_HOME is invalid, ignore it. */
	if (xdg != NULL && xdg[0] == '/') {
		if (asprintf(&dir, "%s/ciipwb", xdg) < 0)
			dir = NULL;
	} else {
		home = getenv("HOME");
		if (home == NULL || home[0] != '/') {
			struct passwd *pw = getpwuid(getuid());

			home = pw != NULL ? pw->pw_dir : NULL;
		}
		if (home == NULL || home[0] != '/') {
			*err = path_errf("%s", _("cannot find the home directory for the default "
			    "workbook; set XDG_DATA_HOME or pass a WORKBOOK path"));
			return NULL;
		}
		if (asprintf(&dir, "%s/.local/share/ciipwb", home) < 0)
			dir = NULL;
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
		*err = path_errf(_("cannot create directory %s: %s; set XDG_DATA_HOME or pass a "
		    "WORKBOOK path"), dir, strerror(errno));
		free(dir);
		return NULL;
	}
	if (asprintf(&path, "%s/workbook.ciipwb", dir) < 0) {
		*err = path_errf("%s", _("out of memory"));
		path = NULL;
	}
	free(dir);
	return path;
}
