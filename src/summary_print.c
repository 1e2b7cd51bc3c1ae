/* summary_print.c: runs the print command on the text summary, or writes it beside the workbook. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "settings.h"
#include "outfile.h"
#include "summary_print.h"
#include "text.h"
#include "util.h"

#define SP_MAX_REPLY 200        /* columns of the command's reply shown in a message */

const char *
summary_print_command(void)
{
	const char *e = getenv("CIIPWB_PRINT"), *c = settings_str("print_command");

	if (e != NULL && *e != '\0')
		return e;
	return c != NULL && *c != '\0' ? c : "lp";
}

char *
summary_export_path(const struct summary *s, enum summary_format format)
{
	const char *path = wb_path(s->wb), *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	size_t stem = strlen(base), dir = (size_t)(base - path);

	if (stem > 7 && strcmp(base + stem - 7, ".ciipwb") == 0)
		stem -= 7;
	return util_asprintf("%.*s%.*s-summary.%s", (int)dir, path, (int)stem, base,
	    summary_format_ext(format));
}

int
summary_export(struct summary *s, enum summary_format format, char **path, char **err)
{
	*path = summary_export_path(s, format);
	*err = NULL;
	if (*path == NULL) {
		*err = util_asprintf("%s", _("out of memory"));
		return -1;
	}
	if (summary_write_file(s, format, *path, err) != 0) {
		free(*path);
		*path = NULL;
		return -1;
	}
	return 0;
}

/* The first line of what the command said, sanitised and cut (malloc'd; "" when nothing). */
static char *
sp_reply(FILE *fp)
{
	char buf[1024];
	size_t n;
	char *nl, *clean, *cut;

	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	clean = text_sanitize(buf, strlen(buf), 0);
	cut = clean != NULL ? text_ellipsize(clean, strlen(clean), SP_MAX_REPLY) : NULL;
	free(clean);
	return cut != NULL ? cut : strdup("");
}

/* Run "/bin/sh -c CMD" with IN as its standard input and OUT as its standard output and error.
 * Returns its exit status, 127 when it cannot be started. */
static int
sp_run(const char *cmd, int in, int out)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 127;
	if (pid == 0) {
		/* The child touches nothing of the parent's (no SQLite, no curses): it only execs. */
		signal(SIGPIPE, SIG_DFL);
		if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
		    dup2(out, STDERR_FILENO) < 0)
			_exit(127);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int
summary_print(struct summary *s, const char *cmd, char **msg)
{
	FILE *text = tmpfile(), *out = tmpfile();
	char *reply = NULL, *err = NULL, *where = NULL, *why = NULL, *saved;
	int rc = 127, wrote;

	*msg = NULL;
	/* The printer gets the workbook's UTF-8 whatever the locale. */
	(void)outfile_utf8_begin(&saved);
	wrote = text != NULL && out != NULL && summary_text_write(s, text) == 0;
	outfile_utf8_end(saved);
	if (wrote && fflush(text) == 0 && !ferror(text)) {
		rewind(text);
		rc = sp_run(cmd, fileno(text), fileno(out));
		reply = sp_reply(out);
	}
	if (text != NULL)
		fclose(text);
	if (out != NULL)
		fclose(out);
	if (rc == 0) {
		const char *id = reply != NULL ? strstr(reply, "request id is ") : NULL;

		if (id != NULL) {
			const char *q = id + strlen("request id is "), *end = strchr(q, ' ');
			size_t len = end != NULL ? (size_t)(end - q) : strlen(q);
			const char *dash = q + len;

			while (dash > q && dash[-1] != '-')
				dash--;
			*msg = util_asprintf(_("Sent to print queue %.*s (request %.*s)."),
			    (int)(dash > q ? dash - q - 1 : (long)len), q, (int)len, q);
		} else {
			*msg = util_asprintf(_("Sent to the print command: %s"),
			    reply != NULL && *reply != '\0' ? reply : cmd);
		}
		free(reply);
		return *msg != NULL ? 0 : -1;
	}
	why = rc == 127 ? util_asprintf(_("cannot run '%s'"), cmd) :
	    util_asprintf(_("'%s' failed: %s"), cmd, reply != NULL && *reply != '\0' ? reply :
	    _("no message"));
	free(reply);
	if (summary_export(s, SUMMARY_TEXT, &where, &err) != 0) {
		*msg = util_asprintf(_("Not printed (%s), and %s"), why != NULL ? why : "",
		    err != NULL ? err : "");
		free(err);
		free(why);
		return -1;
	}
	*msg = util_asprintf(_("Not printed; wrote %s (%s)"), where, why != NULL ? why : "");
	free(why);
	free(where);
	return 1;
}
