/* wb_check.c: verify a workbook file without changing it (for `ciipwb check`). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "i18n.h"
#include "wb.h"
#include "wb_check.h"
#include "wb_internal.h"
#include "wb_search.h"
#include "util.h"

/* How long the in-place search check waits for another instance's write to end before it
 * checks a copy instead. */
#define CHECK_LOCK_WAIT_MS 500

static const char *const check_names[WB_CHECK_COUNT] = {
	N_("SQLite integrity check"),
	N_("foreign keys"),
	N_("schema version"),
	N_("tables, columns, indexes and triggers"),
	N_("search index"),
};

static const struct {
	const char *name, *table;
} check_tables[WB_CHECK_NCOUNTS] = {
	{ N_("stakeholders"), "stakeholder" },
	{ N_("notes"), "note" },
	{ N_("evidence"), "evidence" },
	{ N_("actions"), "action" },
	{ N_("roles"), "role" },
	{ N_("relations"), "relation" },
	{ N_("breakout groups"), "breakout_group" },
	{ N_("session log entries"), "session_log" },
	{ N_("rated items"), "item" },
	{ N_("history entries"), "history" },
};

/* The settings of every connection check makes to a file it does not trust. */
static void
check_harden(sqlite3 *db)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	sqlite3_busy_timeout(db, WB_BUSY_TIMEOUT_MS);
}

/* One integer from SQL; 0, or -1 with the SQLite result code in *RC. */
static int
check_int(sqlite3 *db, const char *sql, int64_t *v, int *rc)
{
	sqlite3_stmt *st = NULL;

	*rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(st);
		if (*rc == SQLITE_ROW) {
			*v = sqlite3_column_int64(st, 0);
			*rc = SQLITE_OK;
		} else if (*rc == SQLITE_DONE) {
			*v = 0;
			*rc = SQLITE_OK;
		} else {
			*rc = sqlite3_extended_errcode(db);
		}
	}
	sqlite3_finalize(st);
	return *rc == SQLITE_OK ? 0 : -1;
}

static void
check_fail(struct wb_check *c, enum wb_check_id id, char *detail)
{
	c->res[id].ok = 0;
	free(c->res[id].detail);
	c->res[id].detail = detail != NULL ? detail : strdup(_("out of memory"));
}

static void
check_integrity(struct wb_check *c, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	char *detail = NULL;
	int rc, n = 0;

	rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check(5)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *s = (const char *)sqlite3_column_text(st, 0);

			if (s != NULL && strcmp(s, "ok") == 0)
				continue;
			if (n++ == 0)
				detail = util_asprintf("%s", s != NULL ? s : "?");
		}
	}
	if (rc != SQLITE_DONE)
		check_fail(c, WB_CHECK_INTEGRITY, util_asprintf("%s", sqlite3_errmsg(db)));
	else if (n > 0)
		check_fail(c, WB_CHECK_INTEGRITY, util_asprintf(_("%d problems, the first: %s"), n,
		    detail != NULL ? detail : "?"));
	free(detail);
	sqlite3_finalize(st);
}

static void
check_foreign_keys(struct wb_check *c, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	char *detail = NULL;
	int rc, n = 0;

	rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			const char *p = (const char *)sqlite3_column_text(st, 2);

			if (n++ == 0)
				detail = util_asprintf(_("row %lld of table %s refers to a missing "
				    "row of %s"), (long long)sqlite3_column_int64(st, 1),
				    t != NULL ? t : "?", p != NULL ? p : "?");
		}
	}
	if (rc != SQLITE_DONE)
		check_fail(c, WB_CHECK_FOREIGN_KEYS, util_asprintf("%s", sqlite3_errmsg(db)));
	else if (n > 0)
		check_fail(c, WB_CHECK_FOREIGN_KEYS, util_asprintf(_("%d broken references, the "
		    "first: %s"), n, detail != NULL ? detail : "?"));
	free(detail);
	sqlite3_finalize(st);
}

/* What check_schema() gathers: how many differences, the first one described. */
struct check_schema_acc {
	sqlite3 *db;
	int n;
	char *first;
};

static int
check_schema_cb(void *arg, int how, const char *type, const char *name,
    const struct wb_schema_obj *want)
{
	struct check_schema_acc *s = arg;
	char *d, *col = NULL;
	int r;

	if (s->n++ > 0)
		return 0;
	if (how == WB_SCHEMA_FOREIGN)
		d = util_asprintf(_("unexpected %s %s"), type, name);
	else if (how == WB_SCHEMA_MISSING)
		d = util_asprintf(_("missing %s %s"), type, name);
	else if ((r = wb__schema_column_diff(s->db, name, want, &col)) != 0)
		/* Name the columns that differ, if any. */
		d = util_asprintf(r == 1 ? _("table %s has an unexpected column %s") :
		    _("table %s lacks column %s"), name, col);
	else if (strcmp(type, "table") == 0)
		d = util_asprintf(_("table %s is defined differently"), name);
	else
		d = util_asprintf(_("%s %s is defined differently"), type, name);
	free(col);
	s->first = d;
	return 0;
}

/* Compare the schema of the file with the one this version of ciipwb makes (the list
 * compiled in, as opening does), object by object and, for tables that differ, by column. */
static void
check_schema(struct wb_check *c, sqlite3 *db)
{
	struct check_schema_acc s = { db, 0, NULL };
	char *err = NULL;

	if (wb__schema_diff(db, c->version, 0, check_schema_cb, &s, &err) != 0)
		check_fail(c, WB_CHECK_SCHEMA, err != NULL ? err : util_asprintf("%s",
		    sqlite3_errmsg(db)));
	else if (s.n == 1)
		check_fail(c, WB_CHECK_SCHEMA, s.first), s.first = NULL;
	else if (s.n > 1)
		check_fail(c, WB_CHECK_SCHEMA, util_asprintf(_("%d differences, the first: %s"),
		    s.n, s.first != NULL ? s.first : "?"));
	free(s.first);
}

/* A read-only connection that runs nothing the file brings (no triggers, no
 * views, untrusted schema) and never checkpoints; immutable for read-only media. */
static int
check_open(const char *abs, int immutable, sqlite3 **db)
{
	char *uri = immutable ? wb__immutable_uri(abs) : NULL;
	int rc;

	if (immutable && uri == NULL)
		return SQLITE_NOMEM;
	rc = sqlite3_open_v2(uri != NULL ? uri : abs, db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE | (uri != NULL ? SQLITE_OPEN_URI : 0),
	    NULL);
	free(uri);
	if (rc == SQLITE_OK)
		check_harden(*db);
	return rc;
}

/* The search indexes' own checks, FTS5 'integrity-check', run on a thread of their own
 * with a connection of its own, while the calling thread runs the others (integrity_check,
 * the index against the rows): on two cores the check takes about as long as the longer
 * of the two halves instead of the sum of all. The thread checks the trigram index (the
 * longest of all the checks) first; the word index is checked by whichever thread is free
 * first: in place by this one, or on a TEMP copy of its tables by the calling thread,
 * whose connection only reads while this one holds the write lock. */
struct check_fts {
	const char *abs;       /* the file, absolute */
	int immutable;         /* the file is read through immutable=1 (read-only media) */
	pthread_mutex_t lock;  /* guards word_taken */
	int word_taken;        /* 1: a thread has taken the word index's check */
	int bad[2];            /* of the word [0] and trigram [1] indexes: 0 sound, 1 corrupt,
	                        * -1 could not be checked */
	char *detail[2];       /* malloc'd, when bad */
	int copied;            /* 1: the file could not be write-locked: the indexes were
	                        * checked on TEMP copies of their tables */
};

/* 1 if the caller is the first to ask for the word index's check (and must run it). */
static int
check_take_word(struct check_fts *j)
{
	int first;

	pthread_mutex_lock(&j->lock);
	first = !j->word_taken;
	j->word_taken = 1;
	pthread_mutex_unlock(&j->lock);
	return first;
}

/* The trigram index's FTS5 check on DB (COPY as for wb_search_verify_index), then the word
 * index's unless the calling thread has taken it. */
static void
check_fts_both(struct check_fts *j, sqlite3 *db, int copy)
{
	j->bad[1] = wb_search_verify_index(db, 1, copy, &j->detail[1]);
	if (check_take_word(j))
		j->bad[0] = wb_search_verify_index(db, 0, copy, &j->detail[0]);
}

/* In place, on a writable file: SQLite 3.40 runs the check only in a write transaction,
 * which takes the write lock (another instance's save waits meanwhile, as it would for
 * another edit), writes nothing and is rolled back; closing never checkpoints, so the
 * file and its -wal keep every byte. 0 done, -1 when the file cannot be write-locked here
 * (read-only file or media, or another writer holds the lock). */
static int
check_fts_inplace(struct check_fts *j)
{
	sqlite3 *db = NULL;
	int rc;

	if (j->immutable)
		return -1;
	rc = sqlite3_open_v2(j->abs, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
	    SQLITE_OPEN_EXRESCODE, NULL);
	if (rc == SQLITE_OK && sqlite3_db_readonly(db, "main") == 0) {
		check_harden(db);
		/* Another instance writing: check a copy rather than keep it waiting. */
		sqlite3_busy_timeout(db, CHECK_LOCK_WAIT_MS);
		rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	} else if (rc == SQLITE_OK) {
		rc = SQLITE_READONLY;
	}
	if (rc == SQLITE_OK) {
		check_fts_both(j, db, 0);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static void *
check_fts_main(void *arg)
{
	struct check_fts *j = arg;
	sqlite3 *db = NULL;
	int rc;

	if (check_fts_inplace(j) == 0)
		return NULL;
	/* A read-only file: copy each index's own tables (not the whole file). */
	j->copied = 1;
	if ((rc = check_open(j->abs, j->immutable, &db)) == SQLITE_OK) {
		check_fts_both(j, db, 1);
	} else {
		j->bad[1] = -1;
		j->detail[1] = util_asprintf("%s", db != NULL ? sqlite3_errmsg(db) :
		    sqlite3_errstr(rc));
	}
	sqlite3_close(db);
	return NULL;
}

/* The search check's result: the first problem of the index against the rows (BAD,
 * DETAIL), of the word index, of the trigram index (J). */
static void
check_search(struct wb_check *c, int bad, char *detail, struct check_fts *j)
{
	for (int i = 0; i < 2 && bad == 0; i++) {
		free(detail);
		bad = j->bad[i];
		detail = j->detail[i];
		j->detail[i] = NULL;
	}
	if (bad != 0)
		check_fail(c, WB_CHECK_SEARCH, detail != NULL ? util_asprintf(_("%s; the search "
		    "index must be rebuilt (the workbook's own data is not affected)"), detail) : NULL);
	free(detail);
	c->search_copied = j->copied;
}

static void
check_counts(struct wb_check *c, sqlite3 *db)
{
	size_t i;

	for (i = 0; i < WB_CHECK_NCOUNTS; i++) {
		struct wb_check_count *k = &c->counts[i];
		char sql[160];
		int rc;

		k->name = check_tables[i].name;
		k->table = check_tables[i].table;
		k->live = k->deleted = -1;
		if (strcmp(k->table, "item") == 0) {
			check_int(db, "SELECT count(*) FROM item WHERE current IS NOT NULL OR "
			    "target IS NOT NULL", &k->live, &rc);
			k->deleted = 0;
			continue;
		}
		if (strcmp(k->table, "history") == 0) {
			check_int(db, "SELECT count(*) FROM history", &k->live, &rc);
			k->deleted = 0;
			continue;
		}
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE deleted = 0", k->table);
		if (check_int(db, sql, &k->live, &rc) != 0)
			continue;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE deleted <> 0", k->table);
		check_int(db, sql, &k->deleted, &rc);
	}
}

static void
check_title(struct wb_check *c, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT title FROM workbook WHERE id = 1", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		c->title = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (c->title == NULL)
		c->title = strdup("");
}

int
wb_check(const char *path, struct wb_check *c, char **err)
{
	struct stat sb;
	sqlite3 *db = NULL;
	char *abs = NULL, *rows_detail = NULL, cwd[PATH_MAX];
	int64_t appid = 0;
	struct check_fts fts = { .lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t fts_thread;
	size_t i;
	int rc, rows_bad, threaded, side;

	memset(c, 0, sizeof *c);
	*err = NULL;
	if (lstat(path, &sb) != 0) {
		*err = util_asprintf(_("cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(sb.st_mode)) {
		char *to = realpath(path, NULL);

		*err = to != NULL ? util_asprintf(_("%s is a symbolic link to %s; check that file"
		    " instead"), path, to) : util_asprintf(_("%s is a symbolic link to a file that"
		    " does not exist (%s); check the file it should point to"), path,
		    strerror(errno));
		free(to);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = util_asprintf(_("%s is not a regular file; give a workbook file"), path);
		return -1;
	}
	/* An absolute name: SQLite would take "file:..." for a URI. */
	if (path[0] == '/')
		abs = strdup(path);
	else if (getcwd(cwd, sizeof cwd) != NULL && asprintf(&abs, "%s/%s", cwd, path) < 0)
		abs = NULL;
	if (abs == NULL) {
		*err = util_asprintf(_("cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	/* Nothing beside the file: what reading makes there goes again at the end. */
	side = !wb__no_journal(abs);
	rc = check_open(abs, 0, &db);
	if (rc == SQLITE_OK)
		check_int(db, "PRAGMA application_id", &appid, &rc);
	if (rc == SQLITE_READONLY_ROLLBACK) {
		/* Half a change and its journal: never checked as the file alone. */
		sqlite3_close(db);
		*err = wb__journal_errmsg(abs);
		free(abs);
		return -1;
	}
	if (rc != SQLITE_OK && wb__needs_immutable(rc)) {
		/* Read-only media or directory, where the -shm cannot be made. */
		sqlite3_close(db);
		db = NULL;
		rc = check_open(abs, 1, &db);
		if (rc == SQLITE_OK)
			check_int(db, "PRAGMA application_id", &appid, &rc);
		fts.immutable = 1;
	}
	if (rc != SQLITE_OK) {
		free(abs);
		if ((rc & 0xff) == SQLITE_NOTADB)
			*err = util_asprintf(_("%s is not a ciipwb workbook (not an SQLite "
			    "database)"), path);
		else
			*err = util_asprintf(_("cannot open %s: %s"), path, db != NULL ?
			    sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	if (appid != WB_APPLICATION_ID) {
		*err = util_asprintf(_("%s is not a ciipwb workbook (its application_id is %lld, "
		    "not %lld)"), path, (long long)appid, (long long)WB_APPLICATION_ID);
		free(abs);
		sqlite3_close(db);
		return -1;
	}
	if ((c->path = strdup(path)) == NULL) {
		*err = strdup(_("out of memory"));
		free(abs);
		sqlite3_close(db);
		return -1;
	}
	/* The indexes' FTS5 checks on a thread of its own (pthreads is part of the C
	 * library); where no thread can be started (or SQLite is built without thread
	 * support), here, after the others. */
	fts.abs = abs;
	threaded = sqlite3_threadsafe() != 0 &&
	    pthread_create(&fts_thread, NULL, check_fts_main, &fts) == 0;
	for (i = 0; i < WB_CHECK_COUNT; i++) {
		c->res[i].name = check_names[i];
		c->res[i].ok = 1;
	}
	c->supported = WB_SCHEMA_VERSION;
	check_int(db, "PRAGMA user_version", &c->version, &rc);
	check_integrity(c, db);
	check_foreign_keys(c, db);
	if (c->version > WB_SCHEMA_VERSION)
		check_fail(c, WB_CHECK_VERSION, util_asprintf(_("version %lld is newer than this "
		    "ciipwb supports (%d): update ciipwb to check it"), (long long)c->version,
		    WB_SCHEMA_VERSION));
	else if (c->version < WB_SCHEMA_VERSION)
		check_fail(c, WB_CHECK_VERSION, util_asprintf(_("version %lld is older than %d: "
		    "open it with ciipwb once to upgrade it"), (long long)c->version,
		    WB_SCHEMA_VERSION));
	if (c->version == WB_SCHEMA_VERSION)
		check_schema(c, db);
	else
		check_fail(c, WB_CHECK_SCHEMA, util_asprintf("%s", _("not compared: the schema "
		    "version differs")));
	/* The index against the rows (the other thread checks each index against itself). */
	rows_bad = wb_search_verify_rows(db, &rows_detail);
	check_counts(c, db);
	check_title(c, db);
	if (!threaded)
		check_fts_main(&fts);
	/* The word index, if the other thread has not taken it yet: on a TEMP copy of its
	 * tables (the other thread may hold the write lock). */
	if (check_take_word(&fts))
		fts.bad[0] = wb_search_verify_index(db, 0, 1, &fts.detail[0]);
	if (threaded)
		pthread_join(fts_thread, NULL);
	check_search(c, rows_bad, rows_detail, &fts);
	free(fts.detail[0]);
	free(fts.detail[1]);
	sqlite3_close(db);
	if (!side && !fts.immutable) {
		/* The empty -wal and -shm that the read-only connections made (SQLite's own
		 * close removes them, and only when nothing else has the file open). */
		char *e = NULL;

		(void)wb__rw_read(abs, &e);
		free(e);
	}
	free(abs);
	c->sound = 1;
	for (i = 0; i < WB_CHECK_COUNT; i++)
		if (!c->res[i].ok)
			c->sound = 0;
	return 0;
}

void
wb_check_free(struct wb_check *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < WB_CHECK_COUNT; i++)
		free(c->res[i].detail);
	free(c->path);
	free(c->title);
	memset(c, 0, sizeof *c);
}
