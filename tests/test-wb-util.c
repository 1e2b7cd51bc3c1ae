/* test-wb-util.c: helpers shared by the workbook tests (temporary dirs, raw dumps, integrity). */
#include "config.h"

#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>

#include "wb.h"
#include "test-wb-util.h"

char *
tu_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *p;

	if (asprintf(&p, "%s/ciipwb-test-XXXXXX", t != NULL && *t ? t : "/tmp") < 0)
		abort();
	if (mkdtemp(p) == NULL)
		abort();
	return p;
}

static int
tu_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	chmod(path, 0700);
	remove(path);
	return 0;
}

void
tu_rmrf(const char *dir)
{
	chmod(dir, 0700);
	nftw(dir, tu_rm, 16, FTW_DEPTH | FTW_PHYS);
}

char *
tu_path(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		abort();
	return p;
}

void
tu_write_file(const char *path, const void *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(buf, 1, len, fp) != len || fclose(fp) != 0)
		abort();
}

char *
tu_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, fp) != (size_t)n)
		abort();
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

void
tu_copy_file(const char *from, const char *to)
{
	size_t len;
	char *buf = tu_read_file(from, &len);

	if (buf == NULL) {
		fprintf(stderr, "cannot read %s to copy it\n", from);
		abort();
	}
	tu_write_file(to, buf, len);
	chmod(to, 0600);
	free(buf);
}

struct tu_buf {
	char *s;
	size_t len, cap;
};

static void
tu_add(struct tu_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (b->s == NULL)
			abort();
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static sqlite3 *
tu_open(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		abort();
	return db;
}

char *
tu_dump(const char *path)
{
	sqlite3 *db = tu_open(path);
	sqlite3_stmt *tl, *st;
	struct tu_buf b = { NULL, 0, 0 };
	char *sql;
	int i;

	tu_add(&b, "", 0);
	/* The workbook's own tables (schema v1), not the search index, whose
	 * internal layout may differ for the same content. */
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type ="
	    " 'table' AND name IN ('workbook', 'scale', 'item', 'breakout_group',"
	    " 'note', 'evidence', 'stakeholder', 'action', 'role', 'relation',"
	    " 'session_log', 'history') ORDER BY name", -1, &tl, NULL))
		abort();
	while (sqlite3_step(tl) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tl, 0);

		tu_add(&b, t, strlen(t));
		tu_add(&b, ":\n", 2);
		if (asprintf(&sql, "SELECT * FROM \"%s\" ORDER BY 1", t) < 0)
			abort();
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
			/* virtual tables of a module we cannot read: skip */
			free(sql);
			continue;
		}
		free(sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (i = 0; i < sqlite3_column_count(st); i++) {
				const unsigned char *v = sqlite3_column_blob(st, i);
				int n = sqlite3_column_bytes(st, i), k;
				char hex[3];

				tu_add(&b, sqlite3_column_type(st, i) == SQLITE_NULL ?
				    "N" : "V", 1);
				for (k = 0; k < n; k++) {
					snprintf(hex, sizeof hex, "%02x", v[k]);
					tu_add(&b, hex, 2);
				}
				tu_add(&b, " ", 1);
			}
			tu_add(&b, "\n", 1);
		}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tl);
	sqlite3_close(db);
	return b.s;
}

char *
tu_integrity(const char *path)
{
	sqlite3 *db = tu_open(path);
	sqlite3_stmt *st;
	char *r = NULL;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return strdup(sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		r = strdup((const char *)sqlite3_column_text(st, 0));
	else
		r = strdup(sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (r != NULL && strcmp(r, "ok") == 0 &&
	    sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			free(r);
			r = strdup("foreign key violation");
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return r;
}

long long
tu_int(const char *path, const char *sql)
{
	sqlite3 *db = tu_open(path);
	sqlite3_stmt *st;
	long long v = -999;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

void
tu_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "tu_exec %s: %s: %s\n", path, sql, msg != NULL ? msg :
		    sqlite3_errmsg(db));
		abort();
	}
	sqlite3_close(db);
}

char *
tu_rows(const char *path, const char *sql)
{
	sqlite3 *db = tu_open(path);
	sqlite3_stmt *st;
	struct tu_buf b = { NULL, 0, 0 };
	int c;

	tu_add(&b, "", 0);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (c = 0; c < sqlite3_column_count(st); c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);

			if (v == NULL)
				v = "<null>";
			tu_add(&b, v, strlen(v));
			tu_add(&b, "|", 1);
		}
		tu_add(&b, "\n", 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return b.s;
}

int
tu_wb_setup(char **dir, char **path, struct wb **wb, const char *name)
{
	char *err = NULL;

	*dir = tu_tmpdir();
	*path = tu_path(*dir, name);
	if (wb_open(*path, WB_OPEN_CREATE, wb, &err) != 0) {
		fprintf(stderr, "cannot create the test workbook %s: %s\n", *path,
		    err ? err : "?");
		free(err);
		*wb = NULL;
		return -1;
	}
	return 0;
}

int
tu_wb_teardown(char **dir, char **path, struct wb **wb)
{
	wb_close(*wb);
	*wb = NULL;
	if (*dir)
		tu_rmrf(*dir);
	free(*dir);
	free(*path);
	*dir = NULL;
	*path = NULL;
	return 0;
}

/* P (and its -journal) as a crash leaves them: SRC (user_version UV) in the middle of a
 * transaction too big for the cache, the file half written and the journal synced. */
void
tu_make_hot(const char *src, int uv, const char *p)
{
	char *sj = NULL, *j = NULL, *sql = NULL, *buf;
	sqlite3 *db;
	size_t n;

	if (asprintf(&sj, "%s-journal", src) < 0 || asprintf(&j, "%s-journal", p) < 0 ||
	    asprintf(&sql, "PRAGMA journal_mode = DELETE; PRAGMA user_version = %d", uv) < 0)
		abort();
	tu_exec(src, sql);
	if (sqlite3_open(src, &db) != SQLITE_OK || sqlite3_exec(db, "PRAGMA cache_size = 2; BEGIN;"
	    " UPDATE note SET body = 'half-written ' || body;"
	    " INSERT INTO breakout_group(name) SELECT printf('%.*c', 3000, 'g') || i"
	    " FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c"
	    " WHERE i < 200) SELECT i FROM c); PRAGMA user_version = 6", NULL, NULL, NULL) !=
	    SQLITE_OK)
		abort();
	buf = tu_read_file(src, &n);
	tu_write_file(p, buf, n);
	free(buf);
	/* The journal is synced and the file half written, as a crash leaves them. */
	if ((buf = tu_read_file(sj, &n)) == NULL || n == 0)
		abort();
	tu_write_file(j, buf, n);
	free(buf);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db);
	free(sql);
	free(sj);
	free(j);
}
