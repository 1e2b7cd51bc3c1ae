/* wb_merge.c: merge checked copies of other workbooks into this one, field by field, recording conflicts. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "wb.h"
#include "wb_check.h"
#include "wb_internal.h"
#include "wb_merge.h"

struct wb_source {
	char *path;    /* as given */
	char *label;   /* its file name, recorded as the origin of its rows */
	char *title;
	char *dir;     /* private directory holding the copy */
	char *copy;    /* the checked private copy */
	dev_t dev;
	ino_t ino;
};

const char *
wb_source_path(const struct wb_source *src)
{
	return src->path;
}

const char *
wb_source_copy(const struct wb_source *src)
{
	return src->copy;
}

const char *
wb_source_title(const struct wb_source *src)
{
	return src->title != NULL ? src->title : "";
}

static const char *
merge_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

void
wb_source_free(struct wb_source *src)
{
	if (src == NULL)
		return;
	wb__copy_remove(src->copy, src->dir);
	free(src->path);
	free(src->label);
	free(src->title);
	free(src->dir);
	free(src->copy);
	free(src);
}

/* application_id and user_version of the private copy, read on a read-only
 * connection with the defences on. 0, or -1 with *err. */
static int
merge_peek(const struct wb_source *src, int64_t *appid, int64_t *uv, char **err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	*appid = *uv = 0;
	rc = sqlite3_open_v2(src->copy, &db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
		sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
		sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, (int *)NULL);
		rc = sqlite3_prepare_v2(db, "SELECT (SELECT application_id FROM"
		    " pragma_application_id), (SELECT user_version FROM"
		    " pragma_user_version)", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW) {
				*appid = sqlite3_column_int64(st, 0);
				*uv = sqlite3_column_int64(st, 1);
				rc = SQLITE_OK;
			} else
				rc = sqlite3_extended_errcode(db);
		}
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			*err = util_asprintf(_("%s is not a ciipwb workbook (not an SQLite"
			    " database); nothing was taken from it"), src->path);
		else
			*err = util_asprintf(_("%s cannot be read (%s); nothing was taken from it;"
			    " run 'ciipwb check' on it"), src->path,
			    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_close(db);
	return 0;
}

int
wb_source_open(const char *path, struct wb_source **out, char **err)
{
	const char *tmp = wb__tmpdir();
	struct wb_source *src;
	struct wb_check c;
	struct stat sb;
	struct wb *w = NULL;
	char *wal = NULL, *wcopy = NULL, *e = NULL;
	int64_t appid, uv;
	size_t i;

	*out = NULL;
	*err = NULL;
	if (lstat(path, &sb) != 0) {
		*err = util_asprintf(_("cannot read %s: %s; check the name"), path,
		    strerror(errno));
		return -1;
	}
	if (S_ISLNK(sb.st_mode)) {
		*err = util_asprintf(_("%s is a symbolic link; name the workbook it"
		    " points to"), path);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = util_asprintf(_("%s is not a regular file; name a workbook file"),
		    path);
		return -1;
	}
	if ((src = calloc(1, sizeof *src)) == NULL ||
	    (src->path = strdup(path)) == NULL ||
	    (src->label = strdup(merge_basename(path))) == NULL) {
		wb_source_free(src);
		*err = strdup(_("out of memory"));
		return -1;
	}
	src->dev = sb.st_dev;
	src->ino = sb.st_ino;
	src->dir = util_asprintf("%s/ciipwb-merge-XXXXXX", tmp);
	if (src->dir == NULL || mkdtemp(src->dir) == NULL) {
		*err = util_asprintf(_("cannot read %s: cannot make a private directory"
		    " in %s (%s); set TMPDIR to a writable directory"), path, tmp,
		    strerror(errno));
		free(src->dir);
		src->dir = NULL;
		goto fail;
	}
	src->copy = util_asprintf("%s/source.ciipwb", src->dir);
	if (src->copy == NULL) {
		*err = strdup(_("out of memory"));
		goto fail;
	}
	if (wb__copy_file(path, src->copy) != 0) {
		*err = util_asprintf(_("cannot read %s: cannot copy it (%s); check that"
		    " you may read it and that %s has space"), path, strerror(errno), tmp);
		goto fail;
	}
	for (i = 0; i < 2; i++) {
		/* Its -wal, or its -journal (rolled back on the copy: the file alone is
		 * half a change a crash left). */
		free(wal);
		free(wcopy);
		wal = util_asprintf("%s%s", path, i == 0 ? "-wal" : "-journal");
		wcopy = util_asprintf("%s%s", src->copy, i == 0 ? "-wal" : "-journal");
		if (wal == NULL || wcopy == NULL) {
			*err = strdup(_("out of memory"));
			goto fail;
		}
		if (lstat(wal, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    wb__copy_file(wal, wcopy) != 0) {
			*err = util_asprintf(_("cannot read %s: cannot copy %s (%s)"), path, wal,
			    strerror(errno));
			goto fail;
		}
	}
	if (lstat(wcopy, &sb) == 0 && wb__rw_read(src->copy, &e) != 0) {
		*err = util_asprintf(_("%s holds a change left unfinished by a crash, which"
		    " cannot be finished (%s); nothing was taken from it; run 'ciipwb check'"
		    " on it"), path, e != NULL ? e : "?");
		free(e);
		goto fail;
	}
	if (merge_peek(src, &appid, &uv, err) != 0)
		goto fail;
	if (appid != WB_APPLICATION_ID || uv < 1) {
		*err = util_asprintf(_("%s is not a ciipwb workbook; nothing was taken from it"),
		    path);
		goto fail;
	}
	if (uv > WB_SCHEMA_VERSION) {
		*err = util_asprintf(_("%s was written by a newer ciipwb (schema %lld;"
		    " this one knows %d); nothing was taken from it; upgrade ciipwb first"),
		    path, (long long)uv, WB_SCHEMA_VERSION);
		goto fail;
	}
	if (uv < WB_SCHEMA_VERSION) {
		/* Upgrade the private copy; the checks below then see our schema. */
		if (wb_open(src->copy, 0, &w, &e) != 0) {
			*err = util_asprintf(_("%s (schema %lld) cannot be upgraded to be"
			    " read; nothing was taken from it; run 'ciipwb check' on it"), path,
			    (long long)uv);
			free(e);
			goto fail;
		}
		wb_close(w);
	}
	if (wb_check(src->copy, &c, &e) != 0) {
		*err = util_asprintf(_("%s is not a readable ciipwb workbook; nothing"
		    " was taken from it; run 'ciipwb check' on it"), path);
		free(e);
		goto fail;
	}
	for (i = 0; i < WB_CHECK_COUNT && c.res[i].ok; i++)
		;
	if (i < WB_CHECK_COUNT) {
		*err = util_asprintf(_("%s is not sound (%s: %s); nothing was taken from it;"
		    " run 'ciipwb check' on it"), path, _(c.res[i].name),
		    c.res[i].detail != NULL ? c.res[i].detail : "?");
		wb_check_free(&c);
		goto fail;
	}
	src->title = c.title;
	c.title = NULL;
	wb_check_free(&c);
	free(wal);
	free(wcopy);
	*out = src;
	return 0;
fail:
	if (*err == NULL)
		*err = strdup(_("out of memory"));
	free(wal);
	free(wcopy);
	wb_source_free(src);
	return -1;
}

/* ---- the merge ---- */

/* Tables merged row by row, parents before children. */
static const char *const merge_tables[] = {
	"breakout_group", "stakeholder", "workbook", "item", "note", "evidence",
	"action", "role", "relation", "session_log",
};
#define MERGE_NTABLES (sizeof merge_tables / sizeof merge_tables[0])

#define MERGE_NSTMT 64

struct merge_ctx {
	struct wb *wb;
	const char *schema;        /* "m0".."m7": the attached source */
	const struct wb_source *src;
	const char *target_label;  /* the target's file name */
	struct wb_merge_report *rep;
	char now[WB_TIME_SIZE];
	struct {
		char *sql;
		sqlite3_stmt *st;
	} cache[MERGE_NSTMT];
};

/* A prepared statement for SQL (kept for the whole merge), reset and unbound. */
static sqlite3_stmt *
merge_stmt(struct merge_ctx *m, const char *sql)
{
	size_t i;
	int rc;

	for (i = 0; i < MERGE_NSTMT && m->cache[i].sql != NULL; i++)
		if (strcmp(m->cache[i].sql, sql) == 0) {
			sqlite3_reset(m->cache[i].st);
			sqlite3_clear_bindings(m->cache[i].st);
			return m->cache[i].st;
		}
	if (i == MERGE_NSTMT) {
		/* Full: start again (the statements are cheap to prepare). */
		for (i = 0; i < MERGE_NSTMT; i++) {
			sqlite3_finalize(m->cache[i].st);
			free(m->cache[i].sql);
			m->cache[i].st = NULL;
			m->cache[i].sql = NULL;
		}
		i = 0;
	}
	rc = sqlite3_prepare_v2(m->wb->db, sql, -1, &m->cache[i].st, NULL);
	if (rc != SQLITE_OK || (m->cache[i].sql = strdup(sql)) == NULL) {
		wb__sqlerr(m->wb, rc != SQLITE_OK ? rc : SQLITE_NOMEM,
		    _("cannot merge"));
		sqlite3_finalize(m->cache[i].st);
		m->cache[i].st = NULL;
		return NULL;
	}
	return m->cache[i].st;
}

static void
merge_cache_free(struct merge_ctx *m)
{
	size_t i;

	for (i = 0; i < MERGE_NSTMT; i++) {
		sqlite3_finalize(m->cache[i].st);
		free(m->cache[i].sql);
		m->cache[i].st = NULL;
		m->cache[i].sql = NULL;
	}
}

/* Step a statement that returns no row; 0 or -1 with errmsg. */
static int
merge_done(struct merge_ctx *m, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = sqlite3_extended_errcode(m->wb->db);
		sqlite3_reset(st);
		return wb__sqlerr(m->wb, rc, _("cannot merge"));
	}
	sqlite3_reset(st);
	return 0;
}

/* Run a statement that returns one text (or NULL) into *out (malloc'd). */
static int
merge_text(struct merge_ctx *m, sqlite3_stmt *st, char **out)
{
	int rc = sqlite3_step(st);

	*out = NULL;
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (s != NULL && (*out = strdup(s)) == NULL) {
			sqlite3_reset(st);
			return wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge"));
		}
		rc = SQLITE_DONE;
	}
	if (rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(m->wb->db);
		sqlite3_reset(st);
		return wb__sqlerr(m->wb, rc, _("cannot merge"));
	}
	sqlite3_reset(st);
	return 0;
}

/* FNV-1a over the texts, as a positive non-zero 63-bit key: the key of a
 * merge_seen or conflict row is a function of its content, so the same state
 * or conflict reached in any order is stored once. */
static int64_t
merge_hash(const char *const *parts, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)(parts[i] != NULL ?
		    parts[i] : "");

		for (; *p != '\0'; p++) {
			h ^= *p;
			h *= UINT64_C(1099511628211);
		}
		h ^= 0xff;   /* separator */
		h *= UINT64_C(1099511628211);
	}
	h &= UINT64_C(0x7fffffffffffffff);
	return h != 0 ? (int64_t)h : 1;
}

/* SQL function ciipwb_merge_hash(a, b, c) for merge_seen keys (this connection, direct use only). */
static void
merge_hash_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *parts[3];
	int i;

	for (i = 0; i < argc && i < 3; i++)
		parts[i] = (const char *)sqlite3_value_text(argv[i]);
	sqlite3_result_int64(cx, merge_hash(parts, (size_t)i));
}

/* 1 if SCHEMA (main or the source) has seen STATE of row KEY of TBL: in its
 * history or among the states of its earlier merges. */
static int
merge_seen(struct merge_ctx *m, const char *schema, const char *tbl,
    const char *key, const char *state, int *seen)
{
	char sql[512], *yes = NULL;
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT 'yes' WHERE EXISTS (SELECT 1 FROM"
	    " %s.history WHERE tbl = ?1 AND row_key = ?2 AND (before = ?3 OR"
	    " after = ?3)) OR EXISTS (SELECT 1 FROM %s.merge_seen WHERE tbl = ?1"
	    " AND row_key = ?2 AND state = ?3)", schema, schema);
	if ((st = merge_stmt(m, sql)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, state, -1, SQLITE_STATIC);
	if (merge_text(m, st, &yes) != 0)
		return -1;
	*seen = yes != NULL;
	free(yes);
	return 0;
}

/* The latest state of the row that both sides have seen (the base of a
 * three-way merge), or NULL when they share none. */
static int
merge_base(struct merge_ctx *m, const char *tbl, const char *key,
    const char *tj, const char *sj, char **base)
{
	char sql[1400];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT x FROM ("
	    "SELECT before AS x FROM main.history WHERE tbl = ?1 AND row_key = ?2"
	    " UNION SELECT after FROM main.history WHERE tbl = ?1 AND row_key = ?2"
	    " UNION SELECT state FROM main.merge_seen WHERE tbl = ?1 AND row_key = ?2"
	    " UNION SELECT ?3"
	    " INTERSECT SELECT * FROM ("
	    "SELECT before FROM %s.history WHERE tbl = ?1 AND row_key = ?2"
	    " UNION SELECT after FROM %s.history WHERE tbl = ?1 AND row_key = ?2"
	    " UNION SELECT state FROM %s.merge_seen WHERE tbl = ?1 AND row_key = ?2"
	    " UNION SELECT ?4)) WHERE x IS NOT NULL"
	    " ORDER BY json_extract(x, '$.updated') DESC, x DESC LIMIT 1",
	    m->schema, m->schema, m->schema);
	if ((st = merge_stmt(m, sql)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tj, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, sj, -1, SQLITE_STATIC);
	return merge_text(m, st, base);
}

/* Where STATE of the row came from: the origin recorded when it was merged
 * into SCHEMA, else DFLT. Returns a malloc'd string. */
static int
merge_origin(struct merge_ctx *m, const char *schema, const char *tbl,
    const char *key, const char *state, const char *dflt, char **out)
{
	char sql[256];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT origin FROM %s.merge_seen WHERE tbl = ?1"
	    " AND row_key = ?2 AND state = ?3 AND origin <> '' LIMIT 1", schema);
	if ((st = merge_stmt(m, sql)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, state, -1, SQLITE_STATIC);
	if (merge_text(m, st, out) != 0)
		return -1;
	if (*out == NULL && (*out = strdup(dflt)) == NULL)
		return wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge"));
	return 0;
}

/* Field COL of the snapshot JSON as an SQL value (a copy; NULL for SQL NULL
 * or a missing field). */
static int
merge_get(struct merge_ctx *m, const char *json, const char *col,
    sqlite3_value **out)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (json == NULL)
		return 0;
	if ((st = merge_stmt(m, "SELECT json_extract(?1, '$.' || ?2)")) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    (*out = sqlite3_value_dup(sqlite3_column_value(st, 0))) == NULL)
			rc = SQLITE_NOMEM;
		else
			rc = SQLITE_OK;
	} else
		rc = sqlite3_extended_errcode(m->wb->db);
	sqlite3_reset(st);
	if (rc != SQLITE_OK)
		return wb__sqlerr(m->wb, rc, _("cannot merge"));
	return 0;
}

/* *json with field COL set to V (NULL: SQL NULL); replaces *json. */
static int
merge_set(struct merge_ctx *m, char **json, const char *col, sqlite3_value *v)
{
	sqlite3_stmt *st;
	char *out;

	if ((st = merge_stmt(m, "SELECT json_set(?1, '$.' || ?2, ?3)")) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, *json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
	if (v != NULL)
		sqlite3_bind_value(st, 3, v);
	if (merge_text(m, st, &out) != 0)
		return -1;
	free(*json);
	*json = out;
	return 0;
}

/* The value as JSON text (for the conflict table); malloc'd. */
static int
merge_quote(struct merge_ctx *m, sqlite3_value *v, char **out)
{
	sqlite3_stmt *st;

	if ((st = merge_stmt(m, "SELECT json_quote(?1)")) == NULL)
		return -1;
	if (v != NULL)
		sqlite3_bind_value(st, 1, v);
	return merge_text(m, st, out);
}

/* 1 if the two values are the same (type and bytes). */
static int
merge_same(sqlite3_value *a, sqlite3_value *b)
{
	int n;

	if (a == NULL || b == NULL)
		return a == b;
	if (sqlite3_value_type(a) != sqlite3_value_type(b))
		return 0;
	switch (sqlite3_value_type(a)) {
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default:
		n = sqlite3_value_bytes(a);
		/* An empty value's blob may be NULL, which memcmp must not get. */
		return n == sqlite3_value_bytes(b) && (n == 0 ||
		    memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)n) == 0);
	}
}

/* 1 if a value carries nothing (NULL, "" or 0): with no shared base, the
 * other side's value then simply fills it. */
static int
merge_empty(sqlite3_value *v)
{
	if (v == NULL)
		return 1;
	if (sqlite3_value_type(v) == SQLITE_INTEGER)
		return sqlite3_value_int64(v) == 0;
	return sqlite3_value_type(v) == SQLITE_TEXT && sqlite3_value_bytes(v) == 0;
}

/* Order two values for a tie (same time): by type, then bytes. */
static int
merge_cmp(sqlite3_value *a, sqlite3_value *b)
{
	const unsigned char *x, *y;
	int na, nb, c;

	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	if (sqlite3_value_type(a) != sqlite3_value_type(b))
		return sqlite3_value_type(a) - sqlite3_value_type(b);
	x = sqlite3_value_text(a);
	y = sqlite3_value_text(b);
	na = sqlite3_value_bytes(a);
	nb = sqlite3_value_bytes(b);
	c = memcmp(x != NULL ? x : (const unsigned char *)"", y != NULL ? y :
	    (const unsigned char *)"", (size_t)(na < nb ? na : nb));
	return c != 0 ? c : na - nb;
}

static const char *
merge_vtext(sqlite3_value *v)
{
	const char *s = v != NULL ? (const char *)sqlite3_value_text(v) : NULL;

	return s != NULL ? s : "";
}

/* One side of a conflict: its value (JSON), where it came from, when. */
struct merge_side {
	char *value;
	char *source;
	const char *at;
};

/* Record a conflict on row KEY of TBL (the row is RESULT). */
static int
merge_conflict(struct merge_ctx *m, const char *tbl, const char *key,
    const char *result, const char *field, const struct merge_side *kept,
    const struct merge_side *other)
{
	const char *parts[5];
	sqlite3_value *ref = NULL;
	sqlite3_stmt *st;
	int64_t id;
	int r;

	/* The same conflict reached in any order gets the same key. */
	parts[0] = tbl;
	parts[1] = key;
	parts[2] = field;
	if (strcmp(kept->value, other->value) < 0) {
		parts[3] = kept->value;
		parts[4] = other->value;
	} else {
		parts[3] = other->value;
		parts[4] = kept->value;
	}
	id = merge_hash(parts, 5);
	if (strcmp(tbl, "item") == 0) {
		if (merge_get(m, result, "ref", &ref) != 0)
			return -1;
	} else if (merge_get(m, result, strcmp(tbl, "session_log") == 0 ?
	    "heading" : "ref", &ref) != 0)
		return -1;
	st = merge_stmt(m, "INSERT INTO main.conflict(id, tbl, row_key, ref, field,"
	    " kept, kept_source, kept_at, other, other_source, other_at, resolved,"
	    " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12)"
	    " ON CONFLICT(id) DO NOTHING");
	if (st == NULL) {
		sqlite3_value_free(ref);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, merge_vtext(ref), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, kept->value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, kept->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, kept->at != NULL ? kept->at : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, other->value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, other->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, other->at != NULL ? other->at : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, m->now, -1, SQLITE_STATIC);
	r = merge_done(m, st);
	sqlite3_value_free(ref);
	if (r == 0 && sqlite3_changes(m->wb->db) > 0)
		m->rep->conflicts++;
	return r;
}

/* The merge of one row that both sides changed since BASE (NULL: none shared). */
struct merge_row {
	const struct wb_table *t;
	const char *key;
	const char *tj, *sj, *base;
	char *tsrc, *ssrc;        /* origins of the two states */
	sqlite3_value *tupd, *supd;
};

static void
merge_row_free(struct merge_row *r)
{
	free(r->tsrc);
	free(r->ssrc);
	sqlite3_value_free(r->tupd);
	sqlite3_value_free(r->supd);
}

/* 1 if the side's state changed a field other than updated/deleted since the base. */
static int
merge_edited(struct merge_ctx *m, const struct merge_row *r, const char *side,
    int *edited)
{
	size_t i;

	*edited = 0;
	for (i = 1; i < WB_TABLE_MAXCOLS && r->t->cols[i] != NULL && !*edited; i++) {
		const char *c = r->t->cols[i];
		sqlite3_value *a, *b;

		if (strcmp(c, "updated") == 0 || strcmp(c, "deleted") == 0)
			continue;
		if (merge_get(m, side, c, &a) != 0)
			return -1;
		if (merge_get(m, r->base, c, &b) != 0) {
			sqlite3_value_free(a);
			return -1;
		}
		*edited = r->base != NULL ? !merge_same(a, b) : !merge_empty(a);
		sqlite3_value_free(a);
		sqlite3_value_free(b);
	}
	return 0;
}

/* 1 if the source side wins a tie-free choice: the later edit (updated), then
 * the larger value. */
static int
merge_source_wins(const struct merge_row *r, sqlite3_value *tv, sqlite3_value *sv)
{
	int c = merge_cmp(r->supd, r->tupd);

	return c != 0 ? c > 0 : merge_cmp(sv, tv) > 0;
}

/* Three-way merge of the two states into *out (malloc'd), recording conflicts. */
static int
merge_fields(struct merge_ctx *m, struct merge_row *r, char **out)
{
	struct merge_side kept, other;
	size_t i;
	int r0 = 0;

	if ((*out = strdup(r->tj)) == NULL)
		return wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge"));
	for (i = 1; i < WB_TABLE_MAXCOLS && r->t->cols[i] != NULL && r0 == 0; i++) {
		const char *c = r->t->cols[i];
		sqlite3_value *tv = NULL, *sv = NULL, *bv = NULL, *pick = NULL;
		int conflict = 0, swins;

		if (strcmp(c, "current_group") == 0)
			continue;   /* which group this laptop captures for: the target's */
		if (merge_get(m, r->tj, c, &tv) != 0 || merge_get(m, r->sj, c, &sv) != 0 ||
		    merge_get(m, r->base, c, &bv) != 0) {
			r0 = -1;
			goto next;
		}
		if (merge_same(tv, sv))
			goto next;
		if (strcmp(c, "updated") == 0) {
			pick = merge_cmp(sv, tv) > 0 ? sv : NULL;   /* the later */
		} else if (strcmp(c, "created") == 0) {
			pick = merge_empty(tv) || (!merge_empty(sv) &&
			    merge_cmp(sv, tv) < 0) ? sv : NULL;   /* the earlier */
		} else if (r->base != NULL ? merge_same(sv, bv) : merge_empty(sv)) {
			pick = NULL;   /* only the target changed it */
		} else if (r->base != NULL ? merge_same(tv, bv) : merge_empty(tv)) {
			pick = sv;     /* only the source changed it */
		} else {
			conflict = 1;
			swins = merge_source_wins(r, tv, sv);
			pick = swins ? sv : NULL;
			memset(&kept, 0, sizeof kept);
			memset(&other, 0, sizeof other);
			if (merge_quote(m, swins ? sv : tv, &kept.value) != 0 ||
			    merge_quote(m, swins ? tv : sv, &other.value) != 0) {
				free(kept.value);
				r0 = -1;
				goto next;
			}
			kept.source = swins ? r->ssrc : r->tsrc;
			kept.at = merge_vtext(swins ? r->supd : r->tupd);
			other.source = swins ? r->tsrc : r->ssrc;
			other.at = merge_vtext(swins ? r->tupd : r->supd);
		}
		if (pick != NULL && merge_set(m, out, c, pick) != 0)
			r0 = -1;
		if (conflict) {
			if (r0 == 0)
				r0 = merge_conflict(m, r->t->name, r->key, *out, c, &kept,
				    &other);
			free(kept.value);
			free(other.value);
		}
next:
		sqlite3_value_free(tv);
		sqlite3_value_free(sv);
		sqlite3_value_free(bv);
	}
	if (r0 == 0 && r->t->has_deleted) {
		/* A delete on one side, an edit on the other: keep the delete and
		 * list it, so the edit is not lost from sight. */
		sqlite3_value *td = NULL, *sd = NULL, *rd = NULL;
		int tedit = 0, sedit = 0;

		if (merge_get(m, r->tj, "deleted", &td) != 0 ||
		    merge_get(m, r->sj, "deleted", &sd) != 0 ||
		    merge_get(m, *out, "deleted", &rd) != 0)
			r0 = -1;
		else if (rd != NULL && sqlite3_value_int(rd) == 1 &&
		    (td == NULL || sqlite3_value_int(td) == 0 ||
		    sd == NULL || sqlite3_value_int(sd) == 0)) {
			int tdel = td != NULL && sqlite3_value_int(td) == 1;

			r0 = merge_edited(m, r, tdel ? r->sj : r->tj, tdel ? &sedit : &tedit);
			if (r0 == 0 && (sedit || tedit)) {
				kept.value = strdup("1");
				other.value = strdup("0");
				kept.source = tdel ? r->tsrc : r->ssrc;
				kept.at = merge_vtext(tdel ? r->tupd : r->supd);
				other.source = tdel ? r->ssrc : r->tsrc;
				other.at = merge_vtext(tdel ? r->supd : r->tupd);
				r0 = kept.value == NULL || other.value == NULL ?
				    wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge")) :
				    merge_conflict(m, r->t->name, r->key, *out, "deleted",
				    &kept, &other);
				free(kept.value);
				free(other.value);
			}
		}
		sqlite3_value_free(td);
		sqlite3_value_free(sd);
		sqlite3_value_free(rd);
	}
	if (r0 != 0) {
		free(*out);
		*out = NULL;
	}
	return r0;
}

/* Write STATE as row KEY of table t (the statement stays prepared). */
static int
merge_write(struct merge_ctx *m, const struct wb_table *t, const char *key,
    const char *state)
{
	char sql[WB_APPLY_SQL_SIZE + 16];
	sqlite3_stmt *st;

	wb__apply_sql(t, 0, sql, sizeof sql);
	if ((st = merge_stmt(m, sql)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	return merge_done(m, st);
}

/* Two live roles the workbook's rules forbid together (one accountable lead
 * per item, one role per stakeholder and item): the later stays live, the
 * other becomes a tombstone, and the pair is listed as a conflict. *state is
 * the role about to be written; it may come back as a tombstone. */
static int
merge_rivals(struct merge_ctx *m, const struct wb_table *t, const char *key,
    char **state, const char *ssrc)
{
	char sql[1200], expr[900];
	sqlite3_stmt *st;
	sqlite3_value *del = NULL, *upd = NULL;
	int rc, r = 0;

	if (merge_get(m, *state, "deleted", &del) != 0)
		return -1;
	if (del != NULL && sqlite3_value_int(del) != 0) {
		sqlite3_value_free(del);
		return 0;
	}
	sqlite3_value_free(del);
	if (merge_get(m, *state, "updated", &upd) != 0)
		return -1;
	wb__json_expr(t, "r", expr, sizeof expr);
	snprintf(sql, sizeof sql, "SELECT CAST(r.id AS TEXT), %s, r.updated FROM"
	    " main.role AS r WHERE r.deleted = 0 AND r.id <> CAST(?1 AS INTEGER) AND"
	    " r.ref = json_extract(?2, '$.ref') AND (r.stakeholder_id ="
	    " json_extract(?2, '$.stakeholder_id') OR (r.role = 'accountable' AND"
	    " json_extract(?2, '$.role') = 'accountable')) ORDER BY r.id", expr);
	/* Prepared apart from the cache: rows are written while it runs. */
	rc = sqlite3_prepare_v2(m->wb->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_value_free(upd);
		return wb__sqlerr(m->wb, rc, _("cannot merge"));
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, *state, -1, SQLITE_TRANSIENT);
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rkey = (const char *)sqlite3_column_text(st, 0);
		const char *rjson = (const char *)sqlite3_column_text(st, 1);
		const char *rupd = (const char *)sqlite3_column_text(st, 2);
		const char *upds = merge_vtext(upd);
		struct merge_side kept, other;
		char *loser = NULL, *rsrc = NULL;
		int c = strcmp(upds, rupd != NULL ? rupd : "");
		int wins = c != 0 ? c > 0 : strcmp(key, rkey != NULL ? rkey : "") > 0;

		if (rkey == NULL || rjson == NULL)
			continue;
		if ((loser = strdup(wins ? rjson : *state)) == NULL) {
			r = wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge"));
			break;
		}
		r = merge_origin(m, "main", "role", rkey, rjson, m->target_label, &rsrc);
		if (r == 0) {
			sqlite3_stmt *q = merge_stmt(m, "SELECT json_set(?1, '$.deleted', 1)");

			if (q == NULL)
				r = -1;
			else {
				char *live = loser;

				sqlite3_bind_text(q, 1, live, -1, SQLITE_STATIC);
				r = merge_text(m, q, &loser);
				free(live);
			}
		}
		if (r == 0 && wins)
			r = merge_write(m, t, rkey, loser);
		if (r == 0) {
			kept.value = util_asprintf("\"%s\"", wins ? key : rkey);
			other.value = util_asprintf("\"%s\"", wins ? rkey : key);
			kept.source = (char *)(wins ? ssrc : rsrc);
			other.source = (char *)(wins ? rsrc : ssrc);
			kept.at = wins ? upds : rupd;
			other.at = wins ? rupd : upds;
			r = kept.value == NULL || other.value == NULL ?
			    wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge")) :
			    merge_conflict(m, "role", wins ? key : rkey, wins ? *state :
			    rjson, "", &kept, &other);
			free(kept.value);
			free(other.value);
		}
		if (r == 0 && !wins) {
			free(*state);
			*state = loser;
			loser = NULL;
		}
		free(loser);
		free(rsrc);
		if (!wins)
			break;
	}
	if (r == 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = wb__sqlerr(m->wb, sqlite3_extended_errcode(m->wb->db), _("cannot merge"));
	sqlite3_finalize(st);
	sqlite3_value_free(upd);
	return r;
}

static int
merge_is_deleted(struct merge_ctx *m, const struct wb_table *t, const char *json,
    int *del)
{
	sqlite3_value *v = NULL;

	*del = 0;
	if (json == NULL || !t->has_deleted)
		return 0;
	if (merge_get(m, json, "deleted", &v) != 0)
		return -1;
	*del = v != NULL && sqlite3_value_int(v) != 0;
	sqlite3_value_free(v);
	return 0;
}

/* Merge one source row (state SJ) into the target's row (TJ, NULL if absent). */
static int
merge_one_row(struct merge_ctx *m, const struct wb_table *t, const char *key,
    const char *tj, const char *sj)
{
	struct merge_row r;
	char *result = NULL, *base = NULL;
	int seen, tdel, rdel, ret = -1;

	memset(&r, 0, sizeof r);
	if (merge_seen(m, "main", t->name, key, sj, &seen) != 0)
		return -1;
	if (seen)
		return 0;   /* the target had this state and moved on */
	if (merge_origin(m, m->schema, t->name, key, sj, m->src->label, &r.ssrc) != 0)
		return -1;
	if (tj == NULL) {
		result = strdup(sj);
	} else {
		if (merge_seen(m, m->schema, t->name, key, tj, &seen) != 0)
			goto out;
		if (seen) {
			result = strdup(sj);   /* the source is ahead */
		} else {
			if (merge_base(m, t->name, key, tj, sj, &base) != 0 ||
			    merge_origin(m, "main", t->name, key, tj, m->target_label,
			    &r.tsrc) != 0 ||
			    merge_get(m, tj, "updated", &r.tupd) != 0 ||
			    merge_get(m, sj, "updated", &r.supd) != 0)
				goto out;
			r.t = t;
			r.key = key;
			r.tj = tj;
			r.sj = sj;
			r.base = base;
			if (merge_fields(m, &r, &result) != 0)
				goto out;
		}
	}
	if (result == NULL) {
		wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge"));
		goto out;
	}
	if (strcmp(t->name, "workbook") == 0 && tj != NULL) {
		/* The group this laptop captures for stays the target's. */
		sqlite3_value *g = NULL;

		if (merge_get(m, tj, "current_group", &g) != 0 ||
		    merge_set(m, &result, "current_group", g) != 0) {
			sqlite3_value_free(g);
			goto out;
		}
		sqlite3_value_free(g);
	}
	if (strcmp(t->name, "role") == 0 &&
	    merge_rivals(m, t, key, &result, r.ssrc) != 0)
		goto out;
	if (tj != NULL && strcmp(result, tj) == 0) {
		ret = 0;
		goto out;
	}
	if (merge_write(m, t, key, result) != 0 ||
	    merge_is_deleted(m, t, tj, &tdel) != 0 ||
	    merge_is_deleted(m, t, result, &rdel) != 0)
		goto out;
	if (tj == NULL)
		m->rep->added += !rdel;
	else if (rdel && !tdel)
		m->rep->deleted++;
	else
		m->rep->changed++;
	ret = 0;
out:
	merge_row_free(&r);
	free(result);
	free(base);
	return ret;
}

/* Every row of table NAME in the source that differs from the target's. */
static int
merge_table(struct merge_ctx *m, const char *name)
{
	const struct wb_table *t = wb__table_find(name);
	char sql[3000], sexpr[900], texpr[900];
	sqlite3_stmt *st;
	int rc, r = 0;

	if (t == NULL)
		return wb__err(m->wb, "%s: unknown table %s", wb_path(m->wb), name);
	wb__json_expr(t, "s", sexpr, sizeof sexpr);
	wb__json_expr(t, "t", texpr, sizeof texpr);
	snprintf(sql, sizeof sql, "SELECT CAST(s.%s AS TEXT), %s AS sj, (SELECT %s"
	    " FROM main.%s AS t WHERE t.%s = s.%s) AS tj FROM %s.%s AS s"
	    " WHERE tj IS NOT sj ORDER BY s.%s", t->key, sexpr, texpr, t->name,
	    t->key, t->key, m->schema, t->name, t->key);
	rc = sqlite3_prepare_v2(m->wb->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(m->wb, rc, _("cannot merge"));
	while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *sj = (const char *)sqlite3_column_text(st, 1);
		const char *tj = (const char *)sqlite3_column_text(st, 2);
		char *k = key != NULL ? strdup(key) : NULL;
		char *s = sj != NULL ? strdup(sj) : NULL;
		char *tt = tj != NULL ? strdup(tj) : NULL;

		if (k == NULL || s == NULL || (tj != NULL && tt == NULL))
			r = wb__sqlerr(m->wb, SQLITE_NOMEM, _("cannot merge"));
		else
			r = merge_one_row(m, t, k, tt, s);
		free(k);
		free(s);
		free(tt);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(m->wb, sqlite3_extended_errcode(m->wb->db), _("cannot merge"));
	sqlite3_finalize(st);
	return r;
}

static int
merge_exec(struct merge_ctx *m, const char *sql)
{
	sqlite3_stmt *st = merge_stmt(m, sql);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, m->src->label, -1, SQLITE_STATIC);
	return merge_done(m, st);
}

/* The rest: scale codes, baseline, conflicts and merge log the target lacks,
 * and every state of every source row, so that the same states are not merged
 * again. ?1 is the source's label. */
static int
merge_rest(struct merge_ctx *m)
{
	const char *s = m->schema;
	char sql[2048], expr[900];
	size_t i;

#define MERGE_SQL(...) (snprintf(sql, sizeof sql, __VA_ARGS__), merge_exec(m, sql))
	if (MERGE_SQL("INSERT INTO main.scale SELECT * FROM %s.scale WHERE true"
	    " ON CONFLICT(code) DO NOTHING", s) != 0 ||
	    MERGE_SQL("INSERT INTO main.baseline_item SELECT * FROM %s.baseline_item"
	    " WHERE true ON CONFLICT(ref) DO NOTHING", s) != 0 ||
	    MERGE_SQL("INSERT INTO main.conflict SELECT * FROM %s.conflict WHERE true"
	    " ON CONFLICT(id) DO UPDATE SET resolved = excluded.resolved WHERE"
	    " conflict.resolved = 0", s) != 0 ||
	    MERGE_SQL("INSERT INTO main.merge_log SELECT * FROM %s.merge_log WHERE true"
	    " ON CONFLICT(id) DO NOTHING", s) != 0 ||
	    MERGE_SQL("INSERT INTO main.merge_seen SELECT * FROM %s.merge_seen WHERE"
	    " true ON CONFLICT(id) DO NOTHING", s) != 0 ||
	    MERGE_SQL("INSERT INTO main.merge_seen(id, tbl, row_key, state, origin)"
	    " SELECT ciipwb_merge_hash(tbl, row_key, x), tbl, row_key, x, ?1 FROM"
	    " (SELECT tbl, row_key, before AS x FROM %s.history UNION ALL"
	    " SELECT tbl, row_key, after FROM %s.history) WHERE x IS NOT NULL AND"
	    " tbl <> 'conflict' ON CONFLICT(id) DO NOTHING", s, s) != 0)
		return -1;
	for (i = 0; i < MERGE_NTABLES; i++) {
		const struct wb_table *t = wb__table_find(merge_tables[i]);

		wb__json_expr(t, "s", expr, sizeof expr);
		if (MERGE_SQL("INSERT INTO main.merge_seen(id, tbl, row_key, state,"
		    " origin) SELECT ciipwb_merge_hash('%s', CAST(s.%s AS TEXT), %s),"
		    " '%s', CAST(s.%s AS TEXT), %s, ?1 FROM %s.%s AS s WHERE true"
		    " ON CONFLICT(id) DO NOTHING", t->name, t->key, expr, t->name,
		    t->key, expr, s, t->name) != 0)
			return -1;
	}
#undef MERGE_SQL
	return 0;
}

static int
merge_log(struct merge_ctx *m)
{
	sqlite3_stmt *st = merge_stmt(m, "INSERT INTO main.merge_log(id, source,"
	    " title, at, added, changed, deleted, conflicts) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6, ?7, ?8)");

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, wb__random_id());
	sqlite3_bind_text(st, 2, m->src->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, wb_source_title(m->src), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, m->rep->added);
	sqlite3_bind_int64(st, 6, m->rep->changed);
	sqlite3_bind_int64(st, 7, m->rep->deleted);
	sqlite3_bind_int64(st, 8, m->rep->conflicts);
	return merge_done(m, st);
}

static void
merge_detach(struct wb *wb, size_t n)
{
	char sql[32];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(sql, sizeof sql, "DETACH m%zu", i);
		sqlite3_exec(wb->db, sql, NULL, NULL, NULL);
	}
}

int
wb_merge(struct wb *wb, struct wb_source *const *srcs, size_t n,
    struct wb_merge_report *reports)
{
	const char *what = _("cannot merge");
	struct merge_ctx m;
	struct stat sb;
	char schema[8], sql[32];
	size_t i, attached = 0;
	int rc, r = 0;

	memset(&m, 0, sizeof m);
	if (n > WB_MERGE_MAX_SOURCES)
		return wb__err(wb, _("%s: cannot merge more than %d workbooks at once;"
		    " merge the rest in a second run"), wb->path, WB_MERGE_MAX_SOURCES);
	if (wb->readonly)
		return wb__err(wb, _("%s: %s: the workbook is open read-only%s%s"),
		    wb->path, what, wb->notice != NULL ? "; " : "",
		    wb->notice != NULL ? wb->notice : "");
	for (i = 0; i < n; i++) {
		memset(&reports[i], 0, sizeof reports[i]);
		if (stat(wb->path, &sb) == 0 && sb.st_dev == srcs[i]->dev &&
		    sb.st_ino == srcs[i]->ino)
			return wb__err(wb, _("%s: cannot merge a workbook into itself;"
			    " name another source"), srcs[i]->path);
	}
	rc = sqlite3_create_function(wb->db, "ciipwb_merge_hash", 3, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, merge_hash_fn, NULL, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	for (i = 0; i < n && r == 0; i++) {
		sqlite3_stmt *st;

		snprintf(sql, sizeof sql, "ATTACH ?1 AS m%zu", i);
		rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, srcs[i]->copy, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_OK)
			r = wb__err(wb, _("%s: cannot read the checked copy of %s (%s); try"
			    " again"), wb->path, srcs[i]->path, sqlite3_errstr(rc));
		else
			attached++;
	}
	if (r == 0) {
		rc = sqlite3_exec(wb->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			r = wb__sqlerr(wb, rc, what);
	}
	if (r == 0)
		r = wb__exec(wb, "PRAGMA defer_foreign_keys = ON");
	m.wb = wb;
	m.target_label = merge_basename(wb->path);
	wb__now(m.now);
	for (i = 0; i < n && r == 0; i++) {
		size_t k;

		snprintf(schema, sizeof schema, "m%zu", i);
		m.schema = schema;
		m.src = srcs[i];
		m.rep = &reports[i];
		merge_cache_free(&m);   /* statements name the schema */
		for (k = 0; k < MERGE_NTABLES && r == 0; k++)
			r = merge_table(&m, merge_tables[k]);
		if (r == 0)
			r = merge_rest(&m);
		if (r == 0)
			r = merge_log(&m);
	}
	merge_cache_free(&m);
	if (r == 0) {
		rc = sqlite3_exec(wb->db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			r = wb__sqlerr(wb, rc, what);
	}
	if (r != 0 && !sqlite3_get_autocommit(wb->db))
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
	merge_detach(wb, attached);
	return r;
}

/* ---- conflicts ---- */

/* What a row is, in a few words, for the conflict list. */
#define MERGE_WHAT(c) \
	"coalesce(CASE " c ".tbl" \
	" WHEN 'note' THEN (SELECT body FROM note WHERE id = " c ".row_key)" \
	" WHEN 'evidence' THEN (SELECT name FROM evidence WHERE id = " c ".row_key)" \
	" WHEN 'action' THEN (SELECT title FROM action WHERE id = " c ".row_key)" \
	" WHEN 'stakeholder' THEN (SELECT name FROM stakeholder WHERE id = " c ".row_key)" \
	" WHEN 'breakout_group' THEN (SELECT name FROM breakout_group WHERE id = " c ".row_key)" \
	" WHEN 'session_log' THEN (SELECT note FROM session_log WHERE id = " c ".row_key)" \
	" WHEN 'workbook' THEN (SELECT title FROM workbook WHERE id = 1)" \
	" WHEN 'item' THEN " c ".row_key" \
	" WHEN 'relation' THEN (SELECT a.name || ' - ' || b.name FROM relation AS r" \
	" JOIN stakeholder AS a ON a.id = r.from_id JOIN stakeholder AS b ON" \
	" b.id = r.to_id WHERE r.id = " c ".row_key)" \
	" WHEN 'role' THEN (SELECT s.name FROM role AS r JOIN stakeholder AS s ON" \
	" s.id = r.stakeholder_id WHERE r.id = " c ".row_key) END, '')"
/* A value for display: for two rival roles, the role and who holds it. */
#define MERGE_VALUE(c, v) \
	"CASE WHEN " c ".field = '' AND " c ".tbl = 'role' THEN (SELECT s.name ||" \
	" ': ' || r.role FROM role AS r JOIN stakeholder AS s ON s.id =" \
	" r.stakeholder_id WHERE r.id = json_extract(" c "." v ", '$'))" \
	" ELSE json_extract(" c "." v ", '$') END"

int
wb_conflicts_each(struct wb *wb, int open_only,
    int (*cb)(const struct wb_conflict *, void *), void *arg)
{
	sqlite3_stmt *st;
	struct wb_conflict c;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, "SELECT c.id, c.tbl, c.row_key, c.ref,"
	    " c.field, " MERGE_WHAT("c") ", " MERGE_VALUE("c", "kept") ","
	    " c.kept_source, c.kept_at, " MERGE_VALUE("c", "other") ","
	    " c.other_source, c.other_at, c.resolved, c.created FROM conflict AS c"
	    " WHERE ?1 = 0 OR c.resolved = 0 ORDER BY c.created, c.ref, c.tbl,"
	    " c.row_key, c.field, c.id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot read the conflicts"));
	sqlite3_bind_int(st, 1, open_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
#define COL(i) (sqlite3_column_text(st, i) != NULL ? \
	(const char *)sqlite3_column_text(st, i) : "")
		memset(&c, 0, sizeof c);
		c.id = sqlite3_column_int64(st, 0);
		c.tbl = COL(1);
		c.row_key = COL(2);
		c.ref = COL(3);
		c.field = COL(4);
		c.what = COL(5);
		c.kept = COL(6);
		c.kept_source = COL(7);
		c.kept_at = COL(8);
		c.other = COL(9);
		c.other_source = COL(10);
		c.other_at = COL(11);
		c.resolved = sqlite3_column_int(st, 12);
		snprintf(c.created, sizeof c.created, "%s", COL(13));
#undef COL
		if ((r = cb(&c, arg)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db),
		    _("cannot read the conflicts"));
	sqlite3_finalize(st);
	return r;
}

int
wb_conflicts_open(struct wb *wb, int64_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*n = 0;
	rc = sqlite3_prepare_v2(wb->db, "SELECT count(*) FROM conflict WHERE"
	    " resolved = 0", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*n = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else
			rc = sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot read the conflicts"));
	return 0;
}

/* Within an edit: make row KEY of TBL hold STATE, with history. */
static int
merge_edit_row(struct wb *wb, const char *tbl, const char *key,
    const char *state, const char *label)
{
	const struct wb_table *t = wb__table_find(tbl);
	char *before = NULL;
	int r;

	if (t == NULL)
		return wb__err(wb, _("%s: the conflict names an unknown table %s; run"
		    " 'ciipwb check' on it"), wb->path, tbl);
	if (wb__row_json(wb, tbl, key, &before) != 0)
		return -1;
	if (before != NULL && strcmp(before, state) == 0) {
		free(before);
		return 0;
	}
	r = wb__apply(wb, t, key, state);
	if (r == 0)
		r = wb__record(wb, label, tbl, key, before);
	free(before);
	return r;
}

/* Within an edit: row KEY of TBL with FIELD set to the JSON value V (and
 * updated set to now), into *out. */
static int
merge_edited_row(struct wb *wb, const char *tbl, const char *key,
    const char *field, const char *v, char **out)
{
	sqlite3_stmt *st;
	char *cur = NULL, now[WB_TIME_SIZE];
	int rc;

	*out = NULL;
	if (wb__row_json(wb, tbl, key, &cur) != 0)
		return -1;
	if (cur == NULL)
		return wb__err(wb, _("%s: the row of this conflict is gone; it cannot"
		    " be decided"), wb->path);
	wb__now(now);
	rc = sqlite3_prepare_v2(wb->db, "SELECT json_set(?1, '$.' || ?2,"
	    " json_extract(?3, '$'), '$.updated', ?4)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, v, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL) {
			*out = strdup((const char *)sqlite3_column_text(st, 0));
			rc = *out != NULL ? SQLITE_OK : SQLITE_NOMEM;
		} else
			rc = sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	free(cur);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot decide the conflict"));
	return 0;
}

int
wb_conflict_resolve(struct wb *wb, int64_t id, int take_other)
{
	const char *what = _("cannot decide the conflict");
	const char *label = "decide a conflict";
	sqlite3_stmt *st = NULL;
	char *tbl = NULL, *key = NULL, *field = NULL, *kept = NULL, *other = NULL;
	char *state = NULL, *state2 = NULL, ckey[24];
	int rc, r;

	if (wb__edit_begin(wb, what) != 0)
		return -1;
	rc = sqlite3_prepare_v2(wb->db, "SELECT tbl, row_key, field, kept, other"
	    " FROM conflict WHERE id = ?1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
#define DUP(i) (sqlite3_column_text(st, i) != NULL ? \
	strdup((const char *)sqlite3_column_text(st, i)) : strdup(""))
			tbl = DUP(0);
			key = DUP(1);
			field = DUP(2);
			kept = DUP(3);
			other = DUP(4);
#undef DUP
			rc = tbl && key && field && kept && other ? SQLITE_OK : SQLITE_NOMEM;
		} else if (rc == SQLITE_DONE) {
			sqlite3_finalize(st);
			r = wb__err(wb, _("%s: %s: there is no such conflict (it may have been"
			    " decided in another window)"), wb->path, what);
			goto out;
		} else
			rc = sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		r = wb__sqlerr(wb, rc, what);
		goto out;
	}
	if (field[0] != '\0') {
		r = merge_edited_row(wb, tbl, key, field, take_other ? other : kept,
		    &state);
		if (r == 0)
			r = merge_edit_row(wb, tbl, key, state, label);
	} else {
		/* Two rival roles: the chosen one live, the other a tombstone
		 * (the tombstone first, for the unique indexes). */
		char *win = NULL, *lose = NULL;
		sqlite3_stmt *q;

		rc = sqlite3_prepare_v2(wb->db, "SELECT json_extract(?1, '$'),"
		    " json_extract(?2, '$')", -1, &q, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(q, 1, take_other ? other : kept, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, take_other ? kept : other, -1, SQLITE_STATIC);
			if (sqlite3_step(q) == SQLITE_ROW) {
				win = strdup(sqlite3_column_text(q, 0) != NULL ?
				    (const char *)sqlite3_column_text(q, 0) : "");
				lose = strdup(sqlite3_column_text(q, 1) != NULL ?
				    (const char *)sqlite3_column_text(q, 1) : "");
			}
		}
		sqlite3_finalize(q);
		r = win != NULL && lose != NULL ? 0 : wb__sqlerr(wb, SQLITE_NOMEM, what);
		if (r == 0)
			r = merge_edited_row(wb, tbl, lose, "deleted", "1", &state);
		if (r == 0)
			r = merge_edit_row(wb, tbl, lose, state, label);
		if (r == 0)
			r = merge_edited_row(wb, tbl, win, "deleted", "0", &state2);
		if (r == 0)
			r = merge_edit_row(wb, tbl, win, state2, label);
		free(win);
		free(lose);
	}
	if (r == 0) {
		char *before = NULL;

		snprintf(ckey, sizeof ckey, "%lld", (long long)id);
		r = wb__row_json(wb, "conflict", ckey, &before);
		if (r == 0) {
			rc = sqlite3_prepare_v2(wb->db, "UPDATE conflict SET resolved = ?2"
			    " WHERE id = ?1", -1, &st, NULL);
			if (rc == SQLITE_OK) {
				sqlite3_bind_int64(st, 1, id);
				sqlite3_bind_int(st, 2, take_other ? 2 : 1);
				rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK :
				    sqlite3_extended_errcode(wb->db);
			}
			sqlite3_finalize(st);
			r = rc == SQLITE_OK ? wb__record(wb, label, "conflict", ckey, before) :
			    wb__sqlerr(wb, rc, what);
		}
		free(before);
	}
out:
	free(tbl);
	free(key);
	free(field);
	free(kept);
	free(other);
	free(state);
	free(state2);
	return wb__edit_end(wb, r, what);
}

int
wb_merges_each(struct wb *wb, int (*cb)(const struct wb_merge_entry *, void *),
    void *arg)
{
	sqlite3_stmt *st;
	struct wb_merge_entry e;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(wb->db, "SELECT source, title, at, added, changed,"
	    " deleted, conflicts FROM merge_log ORDER BY at, id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot read the merge log"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.source = (const char *)sqlite3_column_text(st, 0);
		e.title = (const char *)sqlite3_column_text(st, 1);
		e.at = (const char *)sqlite3_column_text(st, 2);
		e.source = e.source != NULL ? e.source : "";
		e.title = e.title != NULL ? e.title : "";
		e.at = e.at != NULL ? e.at : "";
		e.r.added = sqlite3_column_int64(st, 3);
		e.r.changed = sqlite3_column_int64(st, 4);
		e.r.deleted = sqlite3_column_int64(st, 5);
		e.r.conflicts = sqlite3_column_int64(st, 6);
		if ((r = cb(&e, arg)) != 0)
			break;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = wb__sqlerr(wb, sqlite3_extended_errcode(wb->db),
		    _("cannot read the merge log"));
	sqlite3_finalize(st);
	return r;
}
