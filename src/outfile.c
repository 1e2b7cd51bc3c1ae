/* outfile.c: write an output file atomically (temporary file, fsync, rename), mode 0600, or to stdout; in UTF-8 whatever the locale. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "outfile.h"
#include "text.h"
#include "util.h"

static int
outfile_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int
outfile_utf8_begin(char **saved)
{
	static const char *const names[] = {
		"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8", "en_GB.UTF-8", "UTF-8",
	};
	const char *cur;
	size_t i;

	*saved = NULL;
	if (outfile_is_utf8())
		return 1;
	if ((cur = setlocale(LC_CTYPE, NULL)) == NULL || (*saved = strdup(cur)) == NULL)
		return 0;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_CTYPE, names[i]) != NULL && outfile_is_utf8())
			return 0;
	/* No UTF-8 locale on this system: characters outside ASCII are left out. */
	setlocale(LC_CTYPE, *saved);
	return 0;
}

void
outfile_utf8_end(char *saved)
{
	if (saved != NULL)
		setlocale(LC_CTYPE, saved);
	free(saved);
}

/* Copy the UTF-8 text of IN to OUT with every character outside ASCII as one '?' per column
 * (a combining mark: nothing); ASCII, line ends and form feeds as they are. A line at a time
 * (no UTF-8 sequence spans a newline). */
static int
outfile_copy_ascii(FILE *in, FILE *out)
{
	char *line = NULL;
	size_t cap = 0, i, used;
	ssize_t len;
	int w;

	while ((len = getline(&line, &cap, in)) > 0)
		for (i = 0; i < (size_t)len; i += used) {
			used = 1;
			if ((unsigned char)line[i] < 0x80)
				putc(line[i], out);
			else
				for (w = text_cp_width(text_decode(line + i, (size_t)len - i, &used));
				    w > 0; w--)
					putc('?', out);
		}
	free(line);
	return ferror(in) || ferror(out) ? -1 : 0;
}

int
outfile_stdout(int (*fill)(FILE *fp, void *arg), void *arg, int *ascii)
{
	char *saved;
	int utf8 = outfile_utf8_begin(&saved), rc;
	FILE *tmp;

	*ascii = 0;
	if (utf8 || !isatty(STDOUT_FILENO)) {
		rc = fill(stdout, arg);
		outfile_utf8_end(saved);
		return rc;
	}
	/* A terminal whose character set is not UTF-8 would show the bytes of UTF-8 as other
	 * characters, and a terminal that takes 8-bit controls could read some of them as
	 * C1 controls: it gets ASCII. */
	*ascii = 1;
	if ((tmp = tmpfile()) == NULL) {
		outfile_utf8_end(saved);
		return -1;
	}
	rc = fill(tmp, arg);
	if (rc == 0 && (fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0 ||
	    outfile_copy_ascii(tmp, stdout) != 0))
		rc = -1;
	fclose(tmp);
	outfile_utf8_end(saved);
	return rc;
}

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
	char *saved;
	int fd = -1, dfd, e, rc;

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
	/* Files keep the workbook's UTF-8 whatever the locale. */
	(void)outfile_utf8_begin(&saved);
	rc = fill(fp, arg);
	outfile_utf8_end(saved);
	if (rc != 0 || fflush(fp) != 0 || ferror(fp)) {
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
