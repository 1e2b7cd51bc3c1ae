/* wb_schema.c: the schema each workbook version must have, compiled in, and the comparison with a file's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"
#include "wb_internal.h"

/* The rows of wb__schema_objs[]: made by the migrations, listed by
 * `tests/test-wb-schema --print` (tests/test-wb-schema proves they agree). */
#include "wb_schema_list.h"

const struct wb_schema_obj *const wb__schema_list = wb__schema_objs;
const size_t wb__schema_nlist = sizeof wb__schema_objs / sizeof wb__schema_objs[0];
const int wb__schema_list_version = WB_SCHEMA_LIST_VERSION;

/* Every schema object but SQLite's statistics tables, in one stable order. */
static const char wb_schema_list_sql[] =
	"SELECT type, name, tbl_name, sql FROM main.sqlite_schema"
	" WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' ORDER BY type, name";

/* SipHash-2-4 under a fixed key: a digest a file's SQL cannot be made to match without
 * being ours (about 2^64 tries for one SQL text; FNV-1a, which this replaced, can be matched
 * by construction), and as fast. Opening trusts a file whose objects all match. */
#define WB_ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define WB_SIPROUND do { \
	v0 += v1; v1 = WB_ROTL(v1, 13); v1 ^= v0; v0 = WB_ROTL(v0, 32); \
	v2 += v3; v3 = WB_ROTL(v3, 16); v3 ^= v2; \
	v0 += v3; v3 = WB_ROTL(v3, 21); v3 ^= v0; \
	v2 += v1; v1 = WB_ROTL(v1, 17); v1 ^= v2; v2 = WB_ROTL(v2, 32); \
} while (0)

static uint64_t
wb_le64(const unsigned char *p)
{
	uint64_t v = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(&v, p, sizeof v);
#else
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
#endif
	return v;
}

uint64_t
wb__siphash(const unsigned char key[16], const void *data, size_t n)
{
	const unsigned char *p = data, *end = p + (n - n % 8);
	uint64_t k0 = wb_le64(key), k1 = wb_le64(key + 8), m;
	uint64_t v0 = UINT64_C(0x736f6d6570736575) ^ k0, v1 = UINT64_C(0x646f72616e646f6d) ^ k1;
	uint64_t v2 = UINT64_C(0x6c7967656e657261) ^ k0, v3 = UINT64_C(0x7465646279746573) ^ k1;
	uint64_t b = (uint64_t)n << 56;

	for (; p != end; p += 8) {
		m = wb_le64(p);
		v3 ^= m;
		WB_SIPROUND;
		WB_SIPROUND;
		v0 ^= m;
	}
	for (size_t i = 0; i < n % 8; i++)
		b |= (uint64_t)p[i] << (8 * i);
	v3 ^= b;
	WB_SIPROUND;
	WB_SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	WB_SIPROUND;
	WB_SIPROUND;
	WB_SIPROUND;
	WB_SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t
wb__schema_digest(const void *sql, size_t n)
{
	static const unsigned char key[16] = "ciipwb schema 7";   /* 15 bytes and a NUL */
	uint64_t h;

	if (sql == NULL)
		return 0;
	h = wb__siphash(key, sql, n);
	return h != 0 ? h : 1;
}

/* The next object of VERSION in the list from *I on, or NULL. */
static const struct wb_schema_obj *
wb_schema_next(int64_t version, size_t *i)
{
	for (; *i < wb__schema_nlist; (*i)++)
		if (wb__schema_list[*i].from <= version && version <= wb__schema_list[*i].to)
			return &wb__schema_list[(*i)++];
	return NULL;
}

/* memcmp order of column COL of st and the string s, as SQLite's BINARY collation sorts. */
static int
wb_col_cmp(sqlite3_stmt *st, int col, const char *s)
{
	const void *p = sqlite3_column_blob(st, col);
	size_t na = (size_t)sqlite3_column_bytes(st, col), nb = strlen(s);
	int c = memcmp(p != NULL ? p : "", s, na < nb ? na : nb);

	return c != 0 ? c : (na > nb) - (na < nb);
}

/* Sanitised copy of text of length n (the file's own text: never live on a terminal). */
static char *
wb_schema_clean(const char *s, size_t n)
{
	return text_sanitize(s != NULL ? s : "", s != NULL ? n : 0, 0);
}

int
wb__schema_diff(sqlite3 *db, int64_t version, int loose,
    int (*cb)(void *arg, int how, const char *type, const char *name,
    const struct wb_schema_obj *want), void *arg, char **err)
{
	const struct wb_schema_obj *o;
	sqlite3_stmt *a = NULL;
	size_t i = 0;
	int rc, ra;

	*err = NULL;
	if (version < 1 || version > WB_SCHEMA_VERSION) {
		*err = util_asprintf(_("no schema is known for version %lld"), (long long)version);
		return -1;
	}
	rc = sqlite3_prepare_v2(db, wb_schema_list_sql, -1, &a, NULL);
	if (rc != SQLITE_OK) {
		*err = wb_schema_clean(sqlite3_errmsg(db), strlen(sqlite3_errmsg(db)));
		return -1;
	}
	ra = sqlite3_step(a);
	o = wb_schema_next(version, &i);
	while (ra == SQLITE_ROW || o != NULL) {
		const char *type = NULL, *name = NULL;
		char *ct = NULL, *cn = NULL;
		int c, how = -1;

		if (ra != SQLITE_ROW)
			c = 1;
		else if (o == NULL)
			c = -1;
		else if ((c = wb_col_cmp(a, 0, o->type)) == 0)
			c = wb_col_cmp(a, 1, o->name);
		if (c < 0)
			how = WB_SCHEMA_FOREIGN;
		else if (c > 0)
			how = WB_SCHEMA_MISSING;
		else if (wb_col_cmp(a, 2, o->tbl_name) != 0 ||
		    (wb__schema_digest(sqlite3_column_blob(a, 3), (size_t)sqlite3_column_bytes(a, 3)) !=
		    o->digest && !(loose && strcmp(o->type, "trigger") == 0)))
			how = WB_SCHEMA_CHANGED;
		if (how == WB_SCHEMA_MISSING) {
			type = o->type;
			name = o->name;
		} else if (how >= 0) {
			type = ct = wb_schema_clean((const char *)sqlite3_column_text(a, 0),
			    (size_t)sqlite3_column_bytes(a, 0));
			name = cn = wb_schema_clean((const char *)sqlite3_column_text(a, 1),
			    (size_t)sqlite3_column_bytes(a, 1));
		}
		rc = how < 0 || (type != NULL && name != NULL) ? 0 : -1;
		if (rc == 0 && how >= 0)
			rc = cb(arg, how, type, name, how == WB_SCHEMA_FOREIGN ? NULL : o);
		free(ct);
		free(cn);
		if (rc != 0) {
			sqlite3_finalize(a);
			if (*err == NULL)
				*err = strdup(_("out of memory"));
			return -1;
		}
		if (c <= 0)
			ra = sqlite3_step(a);
		if (c >= 0)
			o = wb_schema_next(version, &i);
	}
	if (ra != SQLITE_DONE) {
		*err = wb_schema_clean(sqlite3_errmsg(db), strlen(sqlite3_errmsg(db)));
		sqlite3_finalize(a);
		return -1;
	}
	sqlite3_finalize(a);
	return 0;
}

/* A text of the file (p, n bytes) against s, in memcmp order (SQLite's BINARY collation). */
struct wb_schema_text {
	const char *p;
	size_t n;
};

static int
wb_text_cmp(const struct wb_schema_text *a, const char *s)
{
	size_t nb = strlen(s);
	int c = memcmp(a->p, s, a->n < nb ? a->n : nb);

	return c != 0 ? c : (a->n > nb) - (a->n < nb);
}

static struct wb_schema_text
wb_col_text(sqlite3_stmt *st, int col)
{
	struct wb_schema_text t;

	t.p = (const char *)sqlite3_column_blob(st, col);
	t.n = (size_t)sqlite3_column_bytes(st, col);
	if (t.p == NULL)
		t.p = "";
	return t;
}

/* Where TYPE and NAME come in the list compared with entry K. */
static int
wb_schema_at(const struct wb_schema_text *type, const struct wb_schema_text *name, size_t k)
{
	int c = wb_text_cmp(type, wb__schema_list[k].type);

	return c != 0 ? c : wb_text_cmp(name, wb__schema_list[k].name);
}

/* The entry of VERSION in the list with TYPE and NAME, or -1: a binary search, then the
 * neighbours of the same name for the version. */
static long
wb_schema_find(const struct wb_schema_text *type, const struct wb_schema_text *name,
    int64_t version)
{
	size_t lo = 0, hi = wb__schema_nlist, k;
	int c = 1;

	while (lo < hi) {
		k = lo + (hi - lo) / 2;
		if ((c = wb_schema_at(type, name, k)) == 0) {
			lo = k;
			break;
		}
		if (c < 0)
			hi = k;
		else
			lo = k + 1;
	}
	if (c != 0)
		return -1;
	while (lo > 0 && wb_schema_at(type, name, lo - 1) == 0)
		lo--;
	for (k = lo; k < wb__schema_nlist && wb_schema_at(type, name, k) == 0; k++)
		if (wb__schema_list[k].from <= version && version <= wb__schema_list[k].to)
			return (long)k;
	return -1;
}

#define WB_SCHEMA_MAXLIST 256

/* 1 if the schema of db is exactly VERSION's (loose: a trigger of ours may differ in its
 * SQL), else 0 (also when it cannot be read): one pass over sqlite_schema in the order it is
 * stored, each object looked up in the list, without the sort that wb__schema_diff() needs
 * to report the differences in order. Opening a sound workbook takes only this pass. */
static int
wb_schema_same(sqlite3 *db, int64_t version, int loose)
{
	unsigned char seen[WB_SCHEMA_MAXLIST];
	sqlite3_stmt *st = NULL;
	size_t want = 0, got = 0, i;
	int ok = 1, rc = SQLITE_DONE;

	if (wb__schema_nlist > WB_SCHEMA_MAXLIST || sqlite3_prepare_v2(db, "SELECT type, name,"
	    " tbl_name, sql FROM main.sqlite_schema", -1, &st, NULL) != SQLITE_OK)
		return 0;
	memset(seen, 0, sizeof seen);
	for (i = 0; i < wb__schema_nlist; i++)
		if (wb__schema_list[i].from <= version && version <= wb__schema_list[i].to)
			want++;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct wb_schema_text type = wb_col_text(st, 0), name = wb_col_text(st, 1);
		struct wb_schema_text tbl = wb_col_text(st, 2);
		const struct wb_schema_obj *o;
		long k;

		if (name.n >= 11 && sqlite3_strnicmp(name.p, "sqlite_stat", 11) == 0)
			continue;    /* SQLite's statistics tables, as in wb_schema_list_sql */
		if ((k = wb_schema_find(&type, &name, version)) < 0 || seen[k]) {
			ok = 0;
			break;
		}
		o = &wb__schema_list[k];
		seen[k] = 1;
		got++;
		if (wb_text_cmp(&tbl, o->tbl_name) != 0 ||
		    (wb__schema_digest(sqlite3_column_blob(st, 3),
		    (size_t)sqlite3_column_bytes(st, 3)) != o->digest &&
		    !(loose && strcmp(o->type, "trigger") == 0)))
			ok = 0;
	}
	if (ok && rc != SQLITE_DONE)
		ok = 0;
	sqlite3_finalize(st);
	return ok && got == want;
}

/* What wb__schema_compare() gathers: the worst kind seen, its first description, how many. */
struct wb_schema_cmp {
	int res, n;
	char *first;
};

static int
wb_schema_cmp_cb(void *arg, int how, const char *type, const char *name,
    const struct wb_schema_obj *want)
{
	struct wb_schema_cmp *s = arg;
	int kind = how == WB_SCHEMA_FOREIGN ? 1 : 2;
	char *cut, *w, *what;

	(void)want;
	s->n++;
	/* A missing or changed object outranks a foreign one. */
	if (kind <= s->res)
		return 0;
	cut = text_ellipsize(name, strlen(name), 40);
	w = util_asprintf("%s \"%s\"", type, cut != NULL ? cut : "?");
	free(cut);
	if (w == NULL)
		return -1;
	if (how == WB_SCHEMA_FOREIGN)
		what = util_asprintf(_("a %s that ciipwb did not make"), w);
	else if (how == WB_SCHEMA_MISSING)
		what = util_asprintf(_("no %s"), w);
	else
		what = util_asprintf(_("%s is defined differently"), w);
	free(w);
	if (what == NULL)
		return -1;
	free(s->first);
	s->first = what;
	s->res = kind;
	return 0;
}

int
wb__schema_compare(sqlite3 *db, int64_t version, int loose, char **detail)
{
	struct wb_schema_cmp s = { 0, 0, NULL };
	char *err = NULL;

	*detail = NULL;
	if (version >= 1 && version <= WB_SCHEMA_VERSION && wb_schema_same(db, version, loose))
		return 0;
	if (wb__schema_diff(db, version, loose, wb_schema_cmp_cb, &s, &err) != 0) {
		free(s.first);
		*detail = err;
		return -1;
	}
	if (s.n > 1 && s.first != NULL) {
		*detail = util_asprintf(_("%s, and %d more differences"), s.first, s.n - 1);
		free(s.first);
	} else
		*detail = s.first;
	return s.res;
}

/* The column names of table NAME of schema DBNAME on db, malloc'd, NUL-separated, doubly
 * NUL-terminated; NULL on error. */
static char *
wb_schema_columns(sqlite3 *db, const char *dbname, const char *name)
{
	sqlite3_stmt *st = NULL;
	char *s = calloc(1, 2), *t;
	size_t n = 0;

	if (s == NULL || sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1, ?2)",
	    -1, &st, NULL) != SQLITE_OK) {
		free(s);
		return NULL;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dbname, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		size_t k = c != NULL ? strlen(c) : 0;

		if ((t = realloc(s, n + k + 2)) == NULL) {
			free(s);
			s = NULL;
			break;
		}
		s = t;
		memcpy(s + n, c != NULL ? c : "", k + 1);
		n += k + 1;
		s[n] = '\0';
	}
	sqlite3_finalize(st);
	return s;
}

/* 1 if NAME is one of the NUL-separated list. */
static int
wb_schema_has(const char *list, const char *name)
{
	for (; *list != '\0'; list += strlen(list) + 1)
		if (strcmp(list, name) == 0)
			return 1;
	return 0;
}

int
wb__schema_column_diff(sqlite3 *db, const char *name, const struct wb_schema_obj *want,
    char **col)
{
	sqlite3 *ref = NULL;
	char *mine = NULL, *theirs = NULL, *err = NULL;
	const char *p;
	int r = 0;

	*col = NULL;
	if (want == NULL || strcmp(want->type, "table") != 0)
		return 0;
	/* The expected table, in a scratch database the migrations make, to read its columns. */
	if (sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK || wb__schema_build(ref, want->from, &err) != 0 ||
	    (mine = wb_schema_columns(db, "main", name)) == NULL ||
	    (theirs = wb_schema_columns(ref, "main", want->name)) == NULL)
		goto out;
	for (p = mine; r == 0 && *p != '\0'; p += strlen(p) + 1)
		if (!wb_schema_has(theirs, p) && (*col = wb_schema_clean(p, strlen(p))) != NULL)
			r = 1;
	for (p = theirs; r == 0 && *p != '\0'; p += strlen(p) + 1)
		if (!wb_schema_has(mine, p) && (*col = wb_schema_clean(p, strlen(p))) != NULL)
			r = 2;
out:
	free(err);
	free(mine);
	free(theirs);
	sqlite3_close(ref);
	return r;
}
