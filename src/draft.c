/* draft.c: the draft file of the note being typed, kept so that a crash loses nothing (no curses). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draft.h"
#include "i18n.h"
#include "util.h"
#include "wb.h"

#define DRAFT_MAGIC "ciipwb-draft 1\n"
#define DRAFT_MAX (64u << 20)   /* bytes read back at most */

/* "NAME-HASH-": the prefix of the drafts of WB_PATH (FNV-1a of the absolute path). */
static char *
draft_prefix(const char *wb_path)
{
	const char *base = strrchr(wb_path, '/') != NULL ? strrchr(wb_path, '/') + 1 : wb_path;
	unsigned long long h = 1469598103934665603ULL;

	for (const char *p = wb_path; *p != '\0'; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	return util_asprintf("%s-%016llx-", base, h);
}

static char *
draft_errf(const char *what, const char *file)
{
	char *e = util_asprintf(_("%s %s: %s; the text is still in the editor"), what, file,
	    strerror(errno));

	return e != NULL ? e : strdup(_("out of memory"));
}

char *
draft_path(const char *wb_path, char **err)
{
	char *dir = wb_draft_dir(err), *pre, *path = NULL;

	if (dir == NULL)
		return NULL;
	pre = draft_prefix(wb_path);
	if (pre != NULL)
		path = util_asprintf("%s/%s%ld.draft", dir, pre, (long)getpid());
	if (path == NULL)
		*err = strdup(_("out of memory"));
	free(pre);
	free(dir);
	return path;
}

static int
draft_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
draft_write(const char *file, const struct draft *d, char **err)
{
	char *tmp = util_asprintf("%s.tmp-XXXXXX", file), *head;
	size_t rlen = strlen(d->ref != NULL ? d->ref : "");
	int fd, r = -1;

	*err = NULL;
	head = util_asprintf(DRAFT_MAGIC "id %lld\ngroup %lld\nref %zu\ntext %zu\n\n",
	    (long long)d->id, (long long)d->group, rlen, d->len);
	if (tmp == NULL || head == NULL) {
		*err = strdup(_("out of memory"));
		goto out;
	}
	/* mkstemp makes it mode 0600; written whole, synced, then renamed over the last one. */
	if ((fd = mkstemp(tmp)) < 0) {
		*err = draft_errf(_("cannot keep a draft in"), file);
		goto out;
	}
	if (draft_write_all(fd, head, strlen(head)) != 0 ||
	    draft_write_all(fd, d->ref != NULL ? d->ref : "", rlen) != 0 ||
	    draft_write_all(fd, d->text != NULL ? d->text : "", d->len) != 0 || fsync(fd) != 0) {
		*err = draft_errf(_("cannot keep a draft in"), file);
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, file) != 0) {
		*err = draft_errf(_("cannot keep a draft in"), file);
		unlink(tmp);
		goto out;
	}
	r = 0;
out:
	free(tmp);
	free(head);
	return r;
}

void
draft_free(struct draft *d)
{
	free(d->ref);
	free(d->text);
	free(d->file);
	memset(d, 0, sizeof *d);
}

/* Read draft FILE into D. 0, or -1 when it is not a draft (or out of memory). */
static int
draft_read(const char *file, struct draft *d)
{
	FILE *fp = fopen(file, "rb");
	long long id, group;
	size_t rlen, tlen;
	int r = -1;

	memset(d, 0, sizeof *d);
	if (fp == NULL)
		return -1;
	/* (A blank in a scanf format skips any white space: the header's two line ends after
	 * "text N" are read one by one, the text may start with a blank.) */
	if (fscanf(fp, "ciipwb-draft 1 id %lld group %lld ref %zu text %zu", &id, &group,
	    &rlen, &tlen) == 4 && fgetc(fp) == '\n' && fgetc(fp) == '\n' && rlen < 4096 &&
	    tlen <= DRAFT_MAX) {
		d->ref = malloc(rlen + 1);
		d->text = malloc(tlen + 1);
		if (d->ref != NULL && d->text != NULL && fread(d->ref, 1, rlen, fp) == rlen &&
		    fread(d->text, 1, tlen, fp) == tlen && (d->file = strdup(file)) != NULL) {
			d->ref[rlen] = d->text[tlen] = '\0';
			d->id = id;
			d->group = group;
			d->len = tlen;
			r = 0;
		}
	}
	fclose(fp);
	if (r != 0)
		draft_free(d);
	return r;
}

/* 1 when process PID runs (or may: another user's), 0 when it does not. */
static int
draft_alive(long pid)
{
	return pid > 0 && (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

int
draft_find(const char *wb_path, struct draft *out, char **err)
{
	char *dir = wb_draft_dir(err), *pre;
	struct dirent *de;
	size_t plen;
	DIR *dp;
	int found = 0;

	memset(out, 0, sizeof *out);
	if (dir == NULL)
		return -1;
	if ((pre = draft_prefix(wb_path)) == NULL || (dp = opendir(dir)) == NULL) {
		*err = pre == NULL ? strdup(_("out of memory")) :
		    util_asprintf(_("cannot read the drafts in %s: %s"), dir, strerror(errno));
		free(pre);
		free(dir);
		return -1;
	}
	plen = strlen(pre);
	while (!found && (de = readdir(dp)) != NULL) {
		char *end, *file;
		long pid;

		if (strncmp(de->d_name, pre, plen) != 0)
			continue;
		pid = strtol(de->d_name + plen, &end, 10);
		if (end == de->d_name + plen || draft_alive(pid))
			continue;
		if ((file = util_asprintf("%s/%s", dir, de->d_name)) == NULL)
			break;
		if (strcmp(end, ".draft") == 0)
			found = draft_read(file, out) == 0;
		else if (strncmp(end, ".draft.tmp-", 11) == 0)
			unlink(file);   /* half written when its process died */
		free(file);
	}
	closedir(dp);
	free(pre);
	free(dir);
	return found;
}
