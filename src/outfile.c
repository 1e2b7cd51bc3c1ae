/* outfile.c: write an output file atomically (temporary file, fsync, rename), mode 0600. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "outfile.h"
#include "util.h"

/* The directory of PATH ("." when it has none), malloc'd. */
static char *
outfile_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int
outfile_fail(char **err, const char *path, const char *what, int e)
{
	const char *hint = e == ENOSPC || e == EDQUOT ? _("free some space and try again") :
	    e == EACCES || e == EPERM || e == EROFS ?
	    _("choose a directory you can write to") : _("check the path and try again");

	*err = util_asprintf(_("%s: %s: %s; %s"), path, what, strerror(e), hint);
	return -1;
}

int
outfile_write(const char *path, int (*fill)(FILE *fp, void *arg), void *arg, char **err)
{
	struct stat sb;
	char *dir = NULL, *tmp = NULL;
	FILE *fp = NULL;
	int fd = -1, dfd, e;

	*err = NULL;
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		*err = util_asprintf(_("%s: not a regular file (a link, a directory or a device);"
		    " give the name of a file to write"), path);
		return -1;
	}
	if ((dir = outfile_dir(path)) == NULL ||
	    (tmp = util_asprintf("%s.tmp-XXXXXX", path)) == NULL) {
		free(dir);
		return outfile_fail(err, path, _("cannot write the file"), ENOMEM);
	}
	/* mkstemp creates the file with mode 0600. */
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		free(dir);
		free(tmp);
		return outfile_fail(err, path, _("cannot create the file"), e);
	}
	if (fchmod(fd, 0600) != 0 || (fp = fdopen(fd, "w")) == NULL)
		goto fail;
	fd = -1;
	errno = 0;
	if (fill(fp, arg) != 0 || fflush(fp) != 0 || ferror(fp)) {
		if (errno == 0)
			errno = EIO;
		goto fail;
	}
	if (fsync(fileno(fp)) != 0)
		goto fail;
	if (fclose(fp) != 0) {
		fp = NULL;
		goto fail;
	}
	fp = NULL;
	if (rename(tmp, path) != 0)
		goto fail;
	/* Make the rename itself durable. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(tmp);
	return 0;
fail:
	e = errno != 0 ? errno : EIO;
	if (fp != NULL)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(dir);
	free(tmp);
	return outfile_fail(err, path, _("cannot write the file"), e);
}
