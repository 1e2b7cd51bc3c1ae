/* wb_search.c: full-text search over the workbook (FTS5 word and trigram indexes) and the annexes. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "framework.h"
#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"
#include "wb_search.h"
#include "util.h"

/* A source table: its rows of kind KIND are indexed with the text TEXT and the ref REF
 * (SQL expressions over the row alias '@'); an update of COLS re-indexes the row. */
struct search_src {
	const char *kind;
	const char *table;
	const char *ref;
	const char *text;
	const char *cols;
};

static const struct search_src search_srcs[] = {
	{ "note", "note", "@.ref", "coalesce(@.body, '')", "id, ref, body, deleted" },
	{ "evidence", "evidence", "@.ref",
	    "coalesce(@.name, '') || ' ' || coalesce(@.location, '')",
	    "id, ref, name, location, deleted" },
	{ "action", "action", "@.ref", "coalesce(@.title, '')", "id, ref, title, deleted" },
	/* Every field of a stakeholder: its category as the annex words it (English; the
	 * code for an unknown one) and its engagement too. */
	{ "stakeholder", "stakeholder", "NULL",
	    "coalesce(@.name, '') || ' ' || coalesce(@.contact, '') || ' ' || "
	    "coalesce(@.responsibilities, '') || ' ' || CASE @.category "
	    "WHEN 'national_government' THEN 'National Government ministries or agencies' "
	    "WHEN 'other_government' THEN 'Other government (local and regional) participants' "
	    "WHEN 'non_governmental' THEN 'Non-governmental actors, including industry, civil "
	    "society and academia' WHEN 'individual_citizens' THEN 'Individual citizens' "
	    "WHEN 'international_partner' THEN 'International partners' "
	    "ELSE coalesce(@.category, '') END || ' ' || coalesce(@.engagement, '')",
	    "id, name, category, contact, responsibilities, engagement, deleted" },
	{ "log", "session_log", "@.heading", "coalesce(@.note, '')",
	    "id, heading, note, deleted" },
};
#define SEARCH_NSRCS (sizeof search_srcs / sizeof search_srcs[0])

/* Arabic marks removed from indexed text and queries: fathatan .. wavy hamza below,
 * superscript alef, tatweel. */
static int
search_is_mark(unsigned cp)
{
	return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640;
}

/* A growing string; on allocation failure it stays in error and the result is NULL. */
struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
};

static void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

static void
sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	char *tmp = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&tmp, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	sbuf_add(b, tmp, (size_t)n);
	free(tmp);
}

/* Append EXPR with '@' replaced by ALIAS. */
static void
sbuf_expr(struct sbuf *b, const char *expr, const char *alias)
{
	for (; *expr != '\0'; expr++) {
		if (*expr == '@')
			sbuf_puts(b, alias);
		else
			sbuf_add(b, expr, 1);
	}
}

/* Append the indexed text of SRC over row ALIAS: its text with the Arabic marks removed. */
static void
sbuf_text(struct sbuf *b, const struct search_src *src, const char *alias)
{
	unsigned cp;

	for (cp = 0x0640; cp <= 0x0670; cp++)
		if (search_is_mark(cp))
			sbuf_puts(b, "replace(");
	sbuf_expr(b, src->text, alias);
	for (cp = 0x0640; cp <= 0x0670; cp++)
		if (search_is_mark(cp))
			sbuf_printf(b, ", char(%u), '')", cp);
}

/* The same, cheaper to compute: the text as it is when it holds no byte 0xD9, the first
 * byte of every mark in UTF-8 (a byte search, ten times faster than a GLOB for the marks,
 * instead of a replace() pass per mark). */
static void
sbuf_text_fast(struct sbuf *b, const struct search_src *src, const char *alias)
{
	sbuf_puts(b, "CASE WHEN instr(CAST((");
	sbuf_expr(b, src->text, alias);
	sbuf_puts(b, ") AS BLOB), x'D9') > 0 THEN ");
	sbuf_text(b, src, alias);
	sbuf_puts(b, " ELSE (");
	sbuf_expr(b, src->text, alias);
	sbuf_puts(b, ") END");
}

static char *
sbuf_done(struct sbuf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	return b->s;
}

static char *
search_strdup(const char *s)
{
	return strdup(s != NULL ? s : "");
}

/* --- Schema --- */

/* The columns and tokenizers of the two indexes. */
#define SEARCH_WORD_ARGS "body, tokenize = 'unicode61 remove_diacritics 2'"
#define SEARCH_TRI_ARGS "body, tokenize = 'trigram'"

static const char search_tables_sql[] =
    "CREATE TABLE search_doc(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
    "src INTEGER NOT NULL, ref TEXT, UNIQUE (kind, src));\n"
    "CREATE VIRTUAL TABLE search_word USING fts5(" SEARCH_WORD_ARGS ");\n"
    "CREATE VIRTUAL TABLE search_tri USING fts5(" SEARCH_TRI_ARGS ");\n";

/* Statements removing row ROW (old or new) of SRC from the index. */
static void
search_unindex_sql(struct sbuf *b, const struct search_src *src, const char *row)
{
	sbuf_printf(b, " DELETE FROM search_word WHERE rowid = (SELECT id FROM search_doc "
	    "WHERE kind = '%s' AND src = %s.id);", src->kind, row);
	sbuf_printf(b, " DELETE FROM search_tri WHERE rowid = (SELECT id FROM search_doc "
	    "WHERE kind = '%s' AND src = %s.id);", src->kind, row);
	sbuf_printf(b, " DELETE FROM search_doc WHERE kind = '%s' AND src = %s.id;",
	    src->kind, row);
}

/* Statements adding row new of SRC to the index when it is live. */
static void
search_index_sql(struct sbuf *b, const struct search_src *src)
{
	sbuf_printf(b, " INSERT INTO search_doc(kind, src, ref) SELECT '%s', new.id, ",
	    src->kind);
	sbuf_expr(b, src->ref, "new");
	sbuf_puts(b, " WHERE coalesce(new.deleted, 0) = 0;");
	sbuf_puts(b, " INSERT INTO search_word(rowid, body) SELECT id, ");
	sbuf_text(b, src, "new");
	sbuf_printf(b, " FROM search_doc WHERE kind = '%s' AND src = new.id;", src->kind);
	sbuf_printf(b, " INSERT INTO search_tri(rowid, body) SELECT rowid, body FROM search_word "
	    "WHERE rowid = (SELECT id FROM search_doc WHERE kind = '%s' AND src = new.id);",
	    src->kind);
}

/* The name of trigger number I (0..3*SEARCH_NSRCS-1). */
static void
search_trigger_name(size_t i, char *name, size_t namesz)
{
	static const char *const what[] = { "insert", "update", "delete" };

	snprintf(name, namesz, "search_%s_%s", search_srcs[i / 3].table, what[i % 3]);
}

/* The CREATE TRIGGER statement number I (0..3*SEARCH_NSRCS-1) and its name. */
static char *
search_trigger_sql(size_t i, char *name, size_t namesz)
{
	const struct search_src *src = &search_srcs[i / 3];
	struct sbuf b = { 0 };
	int op = (int)(i % 3);

	search_trigger_name(i, name, namesz);
	sbuf_printf(&b, "CREATE TRIGGER %s AFTER ", name);
	if (op == 0) {
		sbuf_printf(&b, "INSERT ON %s BEGIN", src->table);
		search_unindex_sql(&b, src, "new");
		search_index_sql(&b, src);
	} else if (op == 1) {
		sbuf_printf(&b, "UPDATE OF %s ON %s BEGIN", src->cols, src->table);
		search_unindex_sql(&b, src, "old");
		search_index_sql(&b, src);
	} else {
		sbuf_printf(&b, "DELETE ON %s BEGIN", src->table);
		search_unindex_sql(&b, src, "old");
	}
	sbuf_puts(&b, " END");
	return sbuf_done(&b);
}
#define SEARCH_NTRIGGERS (3 * SEARCH_NSRCS)

static int
search_exec(sqlite3 *db, const char *sql, const char *what, char **err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		*err = util_asprintf(_("%s: %s"), what, msg != NULL ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
wb_search_schema_trusted(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int ok = 1, rc;

	if (sqlite3_prepare_v2(db, "SELECT name, sql FROM main.sqlite_schema "
	    "WHERE type IN ('trigger', 'view')", -1, &st, NULL) != SQLITE_OK)
		return 0;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *sql = (const char *)sqlite3_column_text(st, 1);
		char want[64];
		size_t i;
		int found = 0;

		/* Only the trigger of that name is built and compared (opening does this). */
		for (i = 0; i < SEARCH_NTRIGGERS && !found; i++) {
			char *mine;

			search_trigger_name(i, want, sizeof want);
			if (name == NULL || strcmp(name, want) != 0)
				continue;
			if ((mine = search_trigger_sql(i, want, sizeof want)) == NULL) {
				ok = 0;
				break;
			}
			found = 1;
			ok = sql != NULL && strcmp(sql, mine) == 0;
			free(mine);
		}
		if (!found)
			ok = 0;
	}
	if (ok && rc != SQLITE_DONE)
		ok = 0;
	sqlite3_finalize(st);
	return ok;
}

/* Turn trusted_schema on when the schema holds only our triggers (they write to FTS5
 * tables, which SQLite 3.40 does not let untrusted schema code touch). */
static void
search_trust(sqlite3 *db)
{
	int on = wb_search_schema_trusted(db);

	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, on, (int *)NULL);
}

int
wb_search_install(sqlite3 *db, char **err)
{
	size_t i;

	if (search_exec(db, search_tables_sql, _("cannot create the search index"), err) != 0)
		return -1;
	for (i = 0; i < SEARCH_NTRIGGERS; i++) {
		char name[64];
		char *sql = search_trigger_sql(i, name, sizeof name);
		int rc;

		if (sql == NULL) {
			*err = search_strdup(_("out of memory"));
			return -1;
		}
		rc = search_exec(db, sql, _("cannot create the search index"), err);
		free(sql);
		if (rc != 0)
			return -1;
	}
	if (wb_search_rebuild_db(db, err) != 0)
		return -1;
	search_trust(db);
	return 0;
}

int
wb_search_upgrade(sqlite3 *db, char **err)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < SEARCH_NTRIGGERS && rc == 0; i++) {
		char name[64], *drop;
		char *sql = search_trigger_sql(i, name, sizeof name);

		if (sql == NULL || (drop = util_asprintf("DROP TRIGGER IF EXISTS %s", name)) == NULL) {
			free(sql);
			*err = search_strdup(_("out of memory"));
			return -1;
		}
		rc = search_exec(db, drop, _("cannot upgrade the search index"), err);
		if (rc == 0)
			rc = search_exec(db, sql, _("cannot upgrade the search index"), err);
		free(drop);
		free(sql);
	}
	if (rc == 0)
		rc = wb_search_rebuild_db(db, err);
	if (rc == 0)
		search_trust(db);
	return rc;
}

/* The TEMP tables must be writable on a read-only workbook too, where the core sets
 * PRAGMA query_only (which also covers TEMP): lift it around statements that only
 * touch temp.*. Returns the previous setting. */
static int
search_query_only(sqlite3 *db, int on)
{
	sqlite3_stmt *st = NULL;
	int was = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA query_only", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		was = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (was != on)
		sqlite3_exec(db, on ? "PRAGMA query_only=ON" : "PRAGMA query_only=OFF",
		    NULL, NULL, NULL);
	return was;
}

int
wb_search_connect(sqlite3 *db, char **err)
{
	(void)err;
	search_trust(db);
	return 0;
}

int
wb_search_rebuild_db(sqlite3 *db, char **err)
{
	struct sbuf b = { 0 };
	size_t i;
	char *sql;
	int rc;

	sbuf_puts(&b, "DELETE FROM search_word; DELETE FROM search_tri; DELETE FROM search_doc;");
	for (i = 0; i < SEARCH_NSRCS; i++) {
		const struct search_src *src = &search_srcs[i];

		sbuf_printf(&b, " INSERT INTO search_doc(kind, src, ref) SELECT '%s', t.id, ",
		    src->kind);
		sbuf_expr(&b, src->ref, "t");
		sbuf_printf(&b, " FROM %s AS t WHERE coalesce(t.deleted, 0) = 0;", src->table);
		sbuf_puts(&b, " INSERT INTO search_word(rowid, body) SELECT d.id, ");
		sbuf_text(&b, src, "t");
		sbuf_printf(&b, " FROM search_doc AS d JOIN %s AS t ON t.id = d.src "
		    "WHERE d.kind = '%s';", src->table, src->kind);
	}
	sbuf_puts(&b, " INSERT INTO search_tri(rowid, body) SELECT rowid, body FROM search_word;");
	if ((sql = sbuf_done(&b)) == NULL) {
		*err = search_strdup(_("out of memory"));
		return -1;
	}
	rc = search_exec(db, sql, _("cannot rebuild the search index"), err);
	free(sql);
	return rc;
}

int
wb_search_rebuild(struct wb *wb)
{
	char *err = NULL;

	if (wb->readonly)
		return wb__err(wb, _("%s is read-only: cannot rebuild its search index"), wb->path);
	if (wb__exec(wb, "BEGIN IMMEDIATE") != 0)
		return -1;
	if (wb_search_rebuild_db(wb->db, &err) != 0) {
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
		wb__err(wb, _("%s: %s; try again, or run 'ciipwb check' on it"), wb->path,
		    err != NULL ? err : _("out of memory"));
		free(err);
		return -1;
	}
	if (wb__exec(wb, "COMMIT") != 0) {
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* --- Verification (for ciipwb check) --- */

/* The first row of SQL, its first N integers into V; 0, or -1 with *DETAIL. */
static int
search_ints(sqlite3 *db, const char *sql, int64_t *v, int n, char **detail)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) == SQLITE_OK) {
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (int i = 0; i < n; i++)
				v[i] = sqlite3_column_int64(st, i);
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK)
		*detail = util_asprintf("%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

static int
search_count(sqlite3 *db, const char *sql, int64_t *n, char **detail)
{
	return search_ints(db, sql, n, 1, detail);
}

int
wb_search_verify_rows(sqlite3 *db, char **detail)
{
	size_t i;
	int64_t n;

	*detail = NULL;
	if (search_count(db, "SELECT count(*) FROM main.sqlite_schema WHERE name IN "
	    "('search_doc', 'search_word', 'search_tri')", &n, detail) != 0)
		return -1;
	if (n != 3) {
		*detail = search_strdup(_("the search tables are missing"));
		return 1;
	}
	for (i = 0; i < SEARCH_NTRIGGERS; i++) {
		char name[64], q[160];
		char *sql = search_trigger_sql(i, name, sizeof name);

		free(sql);
		snprintf(q, sizeof q, "SELECT count(*) FROM main.sqlite_schema "
		    "WHERE type = 'trigger' AND name = '%s'", name);
		if (search_count(db, q, &n, detail) != 0)
			return -1;
		if (n != 1) {
			*detail = util_asprintf(_("trigger %s is missing"), name);
			return 1;
		}
	}
	for (i = 0; i < SEARCH_NSRCS; i++) {
		const struct search_src *src = &search_srcs[i];
		struct sbuf b = { 0 };
		int64_t v[3];
		char *sql;
		int rc;

		/* The live rows (L), the index entries of this kind (N) and those that match a
		 * live row in every way (G): each row has at most one entry and each entry one
		 * row, so L - G live rows are not indexed or indexed with other text, and N - G
		 * entries belong to rows deleted or gone. The entries are read in their own order
		 * (CROSS JOIN keeps the order written), so that the two content tables are read
		 * front to back and only the rows are looked up at random (their ids are random).
		 * The nested replace() calls leave little room in the parser's stack: they stand
		 * at the top of the WHERE clause. The indexes' text is read from their content
		 * tables (what their body column returns, without a virtual table lookup per
		 * row). */
		sbuf_printf(&b, "SELECT (SELECT count(*) FROM %s WHERE coalesce(deleted, 0) = 0), "
		    "(SELECT count(*) FROM search_doc WHERE kind = '%s'), count(*) "
		    "FROM search_doc AS d CROSS JOIN search_word_content AS w CROSS JOIN "
		    "search_tri_content AS r CROSS JOIN %s AS t WHERE +d.kind = '%s' AND "
		    "w.id = d.id AND r.id = d.id AND t.id = d.src AND coalesce(t.deleted, 0) = 0 AND "
		    "r.c0 IS w.c0 AND d.ref IS ", src->table, src->kind, src->table, src->kind);
		sbuf_expr(&b, src->ref, "t");
		sbuf_puts(&b, " AND w.c0 IS ");
		sbuf_text_fast(&b, src, "t");
		if ((sql = sbuf_done(&b)) == NULL) {
			*detail = search_strdup(_("out of memory"));
			return -1;
		}
		rc = search_ints(db, sql, v, 3, detail);
		free(sql);
		if (rc != 0)
			return -1;
		n = v[0] > v[2] ? v[0] - v[2] : v[1] - v[2];
		if (n != 0) {
			*detail = util_asprintf(_("%lld %s rows are missing from the search index or "
			    "out of date"), (long long)n, src->table);
			return 1;
		}
	}
	if (search_count(db, "SELECT (SELECT count(*) FROM search_word_content WHERE id NOT IN "
	    "(SELECT id FROM search_doc)) + (SELECT count(*) FROM search_tri_content WHERE id NOT "
	    "IN (SELECT id FROM search_doc)) + (SELECT count(*) FROM search_doc WHERE kind NOT IN "
	    "('note', 'evidence', 'action', 'stakeholder', 'log'))", &n, detail) != 0)
		return -1;
	if (n != 0) {
		*detail = util_asprintf(_("%lld search index entries belong to no row"), (long long)n);
		return 1;
	}
	return 0;
}

/* Copy the shadow tables of index NAME (an FTS5 table declared with ARGS) into a new
 * TEMP FTS5 table, check_fts, of DB. Reads only main. An SQLite result code. */
static int
search_copy_index(sqlite3 *db, const char *name, const char *args)
{
	static const char *const shadow[] = { "data", "idx", "content", "docsize", "config" };
	struct sbuf b = { 0 };
	char *sql;
	int rc, defensive = 0;

	sbuf_printf(&b, "DROP TABLE IF EXISTS temp.check_fts; "
	    "CREATE VIRTUAL TABLE temp.check_fts USING fts5(%s); "
	    "DELETE FROM temp.check_fts_data; DELETE FROM temp.check_fts_config;", args);
	for (size_t i = 0; i < sizeof shadow / sizeof shadow[0]; i++)
		sbuf_printf(&b, " INSERT INTO temp.check_fts_%s SELECT * FROM main.%s_%s;",
		    shadow[i], name, shadow[i]);
	if ((sql = sbuf_done(&b)) == NULL)
		return SQLITE_NOMEM;
	/* Defensive mode keeps ordinary SQL from writing shadow tables: lift it for these
	 * statements of ours, which write only the TEMP copy. */
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 0, (int *)NULL);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, defensive, (int *)NULL);
	free(sql);
	return rc;
}

int
wb_search_verify_index(sqlite3 *db, int which, int copy, char **detail)
{
	const char *name = which != 0 ? "search_tri" : "search_word";
	const char *target = copy ? "temp.check_fts" : name;
	char *msg = NULL, *sql;
	int rc = SQLITE_OK;

	*detail = NULL;
	if (copy)
		rc = search_copy_index(db, name, which != 0 ? SEARCH_TRI_ARGS : SEARCH_WORD_ARGS);
	if (rc == SQLITE_OK) {
		if ((sql = util_asprintf("INSERT INTO %s(%s) VALUES('integrity-check')", target,
		    copy ? "check_fts" : name)) == NULL)
			rc = SQLITE_NOMEM;
		else
			rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
		free(sql);
	}
	if (copy)
		sqlite3_exec(db, "DROP TABLE IF EXISTS temp.check_fts", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	*detail = util_asprintf(_("%s: %s"), name, msg != NULL ? msg : rc == SQLITE_NOMEM ?
	    _("out of memory") : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return (rc & 0xff) == SQLITE_CORRUPT ? 1 : -1;
}

int
wb_search_verify(sqlite3 *db, char **detail)
{
	int rc = wb_search_verify_rows(db, detail);

	if (rc == 0 && (rc = wb_search_verify_index(db, 0, 0, detail)) == 0)
		rc = wb_search_verify_index(db, 1, 0, detail);
	return rc;
}

/* --- Annex text (TEMP tables of this connection) --- */

/* Copy of S without the Arabic marks (NULL when out of memory). */
static char *
search_strip(const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *out = malloc(n + 1);

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c == 0xD9) && i + 1 < n) {
			unsigned cp = 0x0640 + ((unsigned char)s[i + 1] & 0x3F);

			if (((unsigned char)s[i + 1] & 0xC0) == 0x80 && search_is_mark(cp)) {
				i++;
				continue;
			}
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

static int search_index_catalog(struct wb *wb, const struct catalog *cat);

/* Make the connection's two TEMP tables of the annex text, if not made yet: at the first
 * search or annex text added (a session that never searches never pays for them). */
static int
search_annex_tables(struct wb *wb)
{
	char *err = NULL;
	int qo, rc;

	if (wb->annex_tables)
		return 0;
	qo = search_query_only(wb->db, 0);
	rc = search_exec(wb->db,
	    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_annex_word USING fts5(ref UNINDEXED, "
	    "body, tokenize = 'unicode61 remove_diacritics 2');"
	    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_annex_tri USING fts5(ref UNINDEXED, "
	    "body, tokenize = 'trigram');",
	    _("cannot prepare the annex search (is SQLite built with FTS5?)"), &err);
	search_query_only(wb->db, qo);
	if (rc != 0) {
		wb__err(wb, "%s: %s", wb->path, err != NULL ? err : _("out of memory"));
		free(err);
		return -1;
	}
	wb->annex_tables = 1;
	return 0;
}

/* Make the annex tables and index the catalogue given to wb_search_add_catalog(), if not
 * done yet. */
static int
search_flush_annex(struct wb *wb)
{
	const struct catalog *cat = wb->annex_pending;

	if (search_annex_tables(wb) != 0)
		return -1;
	wb->annex_pending = NULL;
	return cat != NULL ? search_index_catalog(wb, cat) : 0;
}

/* The two statements that index one annex item: its words, then its trigrams (same rowid). */
static int
search_annex_prepare(struct wb *wb, sqlite3_stmt *st[2])
{
	static const char *const sql[] = {
		"INSERT INTO temp.search_annex_word(ref, body) VALUES (?1, ?2)",
		"INSERT INTO temp.search_annex_tri(rowid, ref, body) VALUES (?3, ?1, ?2)",
	};
	int rc = SQLITE_OK;

	st[0] = st[1] = NULL;
	for (size_t i = 0; i < 2 && rc == SQLITE_OK; i++)
		rc = sqlite3_prepare_v2(wb->db, sql[i], -1, &st[i], NULL);
	return rc;
}

/* Index one annex item with the statements of search_annex_prepare; an SQLite code. */
static int
search_annex_insert(struct wb *wb, sqlite3_stmt *st[2], const char *ref, const char *text)
{
	char *body = search_strip(text != NULL ? text : "");
	int rc = SQLITE_OK;

	if (body == NULL)
		return SQLITE_NOMEM;
	for (size_t i = 0; i < 2 && rc == SQLITE_OK; i++) {
		sqlite3_reset(st[i]);
		sqlite3_bind_text(st[i], 1, ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(st[i], 2, body, -1, SQLITE_STATIC);
		if (i == 1)
			sqlite3_bind_int64(st[i], 3, sqlite3_last_insert_rowid(wb->db));
		rc = sqlite3_step(st[i]);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_reset(st[0]);
	sqlite3_reset(st[1]);
	free(body);
	return rc;
}

int
wb_search_add_annex(struct wb *wb, const char *ref, const char *text)
{
	sqlite3_stmt *st[2];
	int rc, qo;

	if (search_flush_annex(wb) != 0)
		return -1;
	qo = search_query_only(wb->db, 0);
	if ((rc = search_annex_prepare(wb, st)) == SQLITE_OK)
		rc = search_annex_insert(wb, st, ref, text);
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	search_query_only(wb->db, qo);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot index the annex text for search"));
	return 0;
}

int
wb_search_clear_annex(struct wb *wb)
{
	char *err = NULL;
	int qo, rc;

	wb->annex_pending = NULL;
	if (!wb->annex_tables)
		return 0;     /* nothing indexed yet */
	qo = search_query_only(wb->db, 0);
	rc = search_exec(wb->db, "DELETE FROM temp.search_annex_word; "
	    "DELETE FROM temp.search_annex_tri;", _("cannot clear the annex search"), &err);
	search_query_only(wb->db, qo);
	if (rc != 0) {
		wb__err(wb, "%s", err != NULL ? err : _("out of memory"));
		free(err);
		return -1;
	}
	return 0;
}

int
wb_search_prepare(struct wb *wb)
{
	return search_flush_annex(wb);
}

int
wb_search_add_catalog(struct wb *wb, const struct catalog *cat)
{
	if (wb->annex_pending != NULL && search_flush_annex(wb) != 0)
		return -1;
	wb->annex_pending = cat;
	return 0;
}

static int
search_index_catalog(struct wb *wb, const struct catalog *cat)
{
	sqlite3_stmt *st[2] = { NULL, NULL };
	size_t f, i, j;
	int rc, qo = search_query_only(wb->db, 0);

	/* One transaction (on the TEMP tables only) and the statements prepared once. */
	rc = sqlite3_exec(wb->db, "SAVEPOINT search_annex", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = search_annex_prepare(wb, st);
	for (f = 0; rc == SQLITE_OK && f < cat->nfws; f++) {
		const struct framework *fw = cat->fws[f];

		for (i = 0; rc == SQLITE_OK && i < fw->nitems; i++) {
			const struct fw_item *it = &fw->items[i];
			struct sbuf b = { 0 };
			char *text;

			if (it->short_title != NULL) {
				sbuf_puts(&b, it->short_title);
				sbuf_puts(&b, "\n");
			}
			if (it->text != NULL)
				sbuf_puts(&b, it->text);
			for (j = 0; j < it->nbullets; j++) {
				sbuf_puts(&b, "\n");
				sbuf_puts(&b, it->bullets[j]);
			}
			for (j = 0; j < it->nfootnotes; j++) {
				sbuf_puts(&b, "\n");
				sbuf_puts(&b, it->footnotes[j].text);
			}
			if ((text = sbuf_done(&b)) == NULL)
				rc = SQLITE_NOMEM;
			else
				rc = search_annex_insert(wb, st, it->ref, text);
			free(text);
		}
	}
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(wb->db, "RELEASE search_annex", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_exec(wb->db, "ROLLBACK TO search_annex; RELEASE search_annex", NULL, NULL,
		    NULL);
		search_query_only(wb->db, qo);
		return wb__sqlerr(wb, rc, _("cannot index the annex text for search"));
	}
	search_query_only(wb->db, qo);
	return 0;
}

/* --- Queries --- */

/* Decode one UTF-8 character at S (at most N bytes); returns its length (1 for a bad byte). */
static size_t
search_utf8(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, k;
	unsigned c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (k = 1; k < len; k++) {
		if ((u[k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[k] & 0x3F);
	}
	*cp = c;
	return len;
}

static int
search_is_space(unsigned cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 ||
	    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* Scripts written without spaces between words, or whose words the word index splits
 * badly: a short query in them needs a scan. */
static int
search_is_unspaced(unsigned cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) ||     /* Hebrew, Arabic, Syriac, Thaana... */
	    (cp >= 0x0E00 && cp <= 0x0EFF) ||        /* Thai, Lao */
	    (cp >= 0x1000 && cp <= 0x109F) ||        /* Myanmar */
	    (cp >= 0x1100 && cp <= 0x11FF) ||        /* Hangul Jamo */
	    (cp >= 0x1780 && cp <= 0x17FF) ||        /* Khmer */
	    (cp >= 0x2E80 && cp <= 0xA4CF) ||        /* CJK, kana, Yi */
	    (cp >= 0xAC00 && cp <= 0xD7AF) ||        /* Hangul */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||        /* CJK compatibility */
	    (cp >= 0xFB1D && cp <= 0xFDFF) ||        /* Hebrew, Arabic presentation forms */
	    (cp >= 0xFE70 && cp <= 0xFEFE) ||
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||        /* full width forms */
	    (cp >= 0x20000 && cp <= 0x3FFFF);        /* CJK extensions */
}

/* Characters the word tokenizer keeps (roughly: anything but ASCII punctuation and the
 * common punctuation blocks). A term without any matches nothing, so it is dropped. */
static int
search_is_wordchar(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF0F) || cp == 0xFFFD)
		return 0;
	return 1;
}

struct search_term {
	const char *s;         /* into the stripped query */
	size_t len;            /* bytes */
	size_t chars;          /* characters */
	int unspaced;          /* has a character of search_is_unspaced() */
	int word;              /* has a character of search_is_wordchar() */
};

/* Split Q into terms (at most WB_SEARCH_MAX_TERMS); returns their number or -1 if too many. */
static int
search_terms(const char *q, struct search_term *t)
{
	size_t n = strlen(q), i = 0;
	int nt = 0;

	while (i < n) {
		unsigned cp;
		size_t k = search_utf8(q + i, n - i, &cp);

		if (search_is_space(cp)) {
			i += k;
			continue;
		}
		if (nt == WB_SEARCH_MAX_TERMS)
			return -1;
		t[nt].s = q + i;
		t[nt].chars = 0;
		t[nt].unspaced = 0;
		t[nt].word = 0;
		while (i < n) {
			k = search_utf8(q + i, n - i, &cp);
			if (search_is_space(cp))
				break;
			t[nt].chars++;
			t[nt].unspaced |= search_is_unspaced(cp);
			t[nt].word |= search_is_wordchar(cp);
			i += k;
		}
		t[nt].len = (size_t)(q + i - t[nt].s);
		nt++;
	}
	return nt;
}

/* Append term T as an FTS5 string: "..." with '"' doubled. */
static void
search_quote(struct sbuf *b, const struct search_term *t)
{
	size_t i;

	sbuf_puts(b, "\"");
	for (i = 0; i < t->len; i++) {
		if (t->s[i] == '"')
			sbuf_puts(b, "\"\"");
		else
			sbuf_add(b, t->s + i, 1);
	}
	sbuf_puts(b, "\"");
}

struct search_run {
	struct wb *wb;
	int (*cb)(const struct wb_hit *, void *);
	void *arg;
};

/* A snippet of TEXT around the first place where term FIRST stands (ASCII letters in any
 * case; the start of TEXT when it is not found): about 60 bytes before, 90 after, never
 * cutting a UTF-8 sequence, with an ellipsis where cut. Malloc'd; NULL when out of memory. */
static char *
search_cut(const char *text, const struct search_term *first)
{
	size_t n = strlen(text), at = 0, from, to, i;
	struct sbuf b = { 0 };

	for (i = 0; i + first->len <= n; i++)
		if (strncasecmp(text + i, first->s, first->len) == 0) {
			at = i;
			break;
		}
	from = at > 60 ? at - 60 : 0;
	to = at + first->len + 90 < n ? at + first->len + 90 : n;
	while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
		from--;
	while (to < n && ((unsigned char)text[to] & 0xC0) == 0x80)
		to++;
	if (from > 0)
		sbuf_puts(&b, "\xe2\x80\xa6");
	sbuf_add(&b, text + from, to - from);
	if (to < n)
		sbuf_puts(&b, "\xe2\x80\xa6");
	return sbuf_done(&b);
}

/* Run a prepared query whose rows are (kind, id, ref, snippet, rank); *STOP gets the
 * callback's non-zero value. */
static int
search_rows(struct search_run *r, sqlite3_stmt *st, const struct search_term *first, int *stop)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct wb_hit h;
		const char *snip = (const char *)sqlite3_column_text(st, 3);
		char *own = NULL;
		int v;

		h.kind = (const char *)sqlite3_column_text(st, 0);
		h.id = sqlite3_column_int64(st, 1);
		h.ref = (const char *)sqlite3_column_text(st, 2);
		h.rank = sqlite3_column_double(st, 4);
		if (first != NULL && snip != NULL) {
			/* A scan: cut a snippet around the first term ourselves. */
			if ((own = search_cut(snip, first)) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			snip = own;
		}
		h.snippet = snip != NULL ? snip : "";
		v = r->cb(&h, r->arg);
		free(own);
		if (v != 0) {
			*stop = v;
			return SQLITE_DONE;
		}
	}
	return rc;
}

/* Cut before decorating: the ranked rows first, without snippets and without the join to
 * search_doc, cut to the limit; then the kind, key, ref and snippet of the rows kept, one
 * pass per index. A row is (src, rid, rank): SRC is the index (0 annex words, 1 workbook
 * words, 2 annex trigrams, 3 workbook trigrams), RID its rowid there. */
static const char search_rank_word_sql[] =
	"SELECT 1 AS src, rowid AS rid, bm25(search_word) AS r FROM search_word "
	"WHERE search_word MATCH ?1 "
	"UNION ALL SELECT 0, rowid, bm25(search_annex_word) FROM temp.search_annex_word "
	"WHERE search_annex_word MATCH ?1 ORDER BY r, src, rid LIMIT ?20";
/* Substring hits that are not word hits (?3 and ?4: the word hits' rowids as JSON). */
static const char search_rank_tri_sql[] =
	"SELECT 3 AS src, rowid AS rid, bm25(search_tri) AS r FROM search_tri "
	"WHERE search_tri MATCH ?2 AND +rowid NOT IN (SELECT value FROM json_each(?3)) "
	"UNION ALL SELECT 2, rowid, bm25(search_annex_tri) FROM temp.search_annex_tri "
	"WHERE search_annex_tri MATCH ?2 AND +rowid NOT IN (SELECT value FROM json_each(?4)) "
	"ORDER BY r, src, rid LIMIT ?20";
/* The rows of one index whose rowids are in the JSON array ?2, with their snippets. Word
 * indexes: FTS5's snippet(), for which the MATCH runs again (the unary + keeps FTS5 from
 * seeking each rowid, which costs more than one pass). Trigram indexes: the text, looked up
 * by rowid, and search_cut() around the first term: a substring hit holds that term as it
 * is, and running the MATCH again over every hit (34,000 for 'frastru' on the stress
 * workbook) cost more than the ranking. */
static const char *const search_hit_sql[4] = {
	"SELECT rowid, 'annex', 0, ref, snippet(search_annex_word, 1, '', '', '\xe2\x80\xa6', 24) "
	"FROM temp.search_annex_word WHERE search_annex_word MATCH ?1 AND +rowid IN "
	"(SELECT value FROM json_each(?2))",
	"SELECT d.id, d.kind, d.src, d.ref, snippet(search_word, 0, '', '', '\xe2\x80\xa6', 24) "
	"FROM search_word JOIN search_doc AS d ON d.id = search_word.rowid "
	"WHERE search_word MATCH ?1 AND +search_word.rowid IN (SELECT value FROM json_each(?2))",
	"SELECT rowid, 'annex', 0, ref, body FROM temp.search_annex_tri "
	"WHERE rowid IN (SELECT value FROM json_each(?2))",
	"SELECT d.id, d.kind, d.src, d.ref, t.body FROM search_tri AS t "
	"JOIN search_doc AS d ON d.id = t.rowid WHERE t.rowid IN (SELECT value FROM json_each(?2))",
};

struct search_key {
	int src;
	sqlite3_int64 rid;
	double rank;
	int found;             /* 1 once the hit query filled what follows */
	char *kind, *ref, *snippet;
	int64_t id;
};

struct search_keys {
	struct search_key *k;
	size_t n, cap;
};

static void
search_keys_free(struct search_keys *ks)
{
	for (size_t i = 0; i < ks->n; i++) {
		free(ks->k[i].kind);
		free(ks->k[i].ref);
		free(ks->k[i].snippet);
	}
	free(ks->k);
}

/* Append the rows of the ranked query ST to KS; an SQLite result code (SQLITE_DONE). */
static int
search_rank(sqlite3_stmt *st, struct search_keys *ks)
{
	struct search_key *nk;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ks->n == ks->cap) {
			ks->cap = ks->cap ? ks->cap * 2 : 64;
			if ((nk = realloc(ks->k, ks->cap * sizeof *nk)) == NULL)
				return SQLITE_NOMEM;
			ks->k = nk;
		}
		nk = &ks->k[ks->n++];
		memset(nk, 0, sizeof *nk);
		nk->src = sqlite3_column_int(st, 0) & 3;
		nk->rid = sqlite3_column_int64(st, 1);
		nk->rank = sqlite3_column_double(st, 2);
	}
	return rc;
}

/* The rowids of KS from index SRC as a JSON array (malloc'd; NULL when out of memory). */
static char *
search_rids(const struct search_keys *ks, int src)
{
	struct sbuf b = { 0 };

	sbuf_puts(&b, "[");
	for (size_t i = 0, m = 0; i < ks->n; i++)
		if (ks->k[i].src == src)
			sbuf_printf(&b, m++ ? ",%lld" : "%lld", (long long)ks->k[i].rid);
	sbuf_puts(&b, "]");
	return sbuf_done(&b);
}

static char *
search_col_dup(sqlite3_stmt *st, int i, int *oom)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*oom = 1;
	return d;
}

/* Fill kind, id, ref and snippet of the keys of index SRC (FTS query Q; for a trigram
 * index, the snippet is cut around term FIRST). */
static int
search_fill(sqlite3 *db, struct search_keys *ks, int src, const char *q,
    const struct search_term *first)
{
	sqlite3_stmt *st = NULL;
	char *rids = search_rids(ks, src);
	int rc, oom = 0;

	if (rids == NULL)
		return SQLITE_NOMEM;
	if ((rc = sqlite3_prepare_v2(db, search_hit_sql[src], -1, &st, NULL)) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, rids, -1, SQLITE_STATIC);
		while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			sqlite3_int64 rid = sqlite3_column_int64(st, 0);

			for (size_t i = 0; i < ks->n; i++) {
				struct search_key *k = &ks->k[i];

				if (k->src != src || k->rid != rid || k->found)
					continue;
				k->found = 1;
				k->kind = search_col_dup(st, 1, &oom);
				k->id = sqlite3_column_int64(st, 2);
				k->ref = search_col_dup(st, 3, &oom);
				if (src < 2)
					k->snippet = search_col_dup(st, 4, &oom);
				else if (sqlite3_column_text(st, 4) != NULL &&
				    (k->snippet = search_cut((const char *)sqlite3_column_text(st, 4),
				    first)) == NULL)
					oom = 1;
				break;
			}
		}
	}
	sqlite3_finalize(st);
	free(rids);
	return oom ? SQLITE_NOMEM : rc;
}

/* The order of the hits: word hits before substring hits, then by rank, then by kind and
 * key (rows of equal rank keep one order, whichever index they come from). */
static int
search_key_cmp(const void *pa, const void *pb)
{
	const struct search_key *a = pa, *b = pb;
	int c;

	if ((a->src >= 2) != (b->src >= 2))
		return a->src >= 2 ? 1 : -1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((c = strcmp(a->kind != NULL ? a->kind : "", b->kind != NULL ? b->kind : "")) != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The word search (and, while the limit is not reached, the substring search) for the
 * FTS5 queries WORD and TRI (NULL: words only; FIRST its first term); CB gets the hits in
 * order. */
static int
search_ranked(struct search_run *r, const char *word, const char *tri,
    const struct search_term *first, sqlite3_int64 limit, int *stop)
{
	struct search_keys ks = { NULL, 0, 0 };
	sqlite3_stmt *st = NULL;
	char *ex[2] = { NULL, NULL };
	int rc, src;

	rc = sqlite3_prepare_v2(r->wb->db, search_rank_word_sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, word, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 20, limit);
		rc = search_rank(st, &ks);
	}
	sqlite3_finalize(st);
	st = NULL;
	/* Fewer word hits than the limit: all of them are known, and substring hits that are
	 * not among them come after them. */
	if (rc == SQLITE_DONE && tri != NULL && (limit < 0 || (sqlite3_int64)ks.n < limit)) {
		if ((ex[0] = search_rids(&ks, 1)) == NULL || (ex[1] = search_rids(&ks, 0)) == NULL)
			rc = SQLITE_NOMEM;
		else if ((rc = sqlite3_prepare_v2(r->wb->db, search_rank_tri_sql, -1, &st,
		    NULL)) == SQLITE_OK) {
			sqlite3_bind_text(st, 2, tri, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, ex[0], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, ex[1], -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 20, limit < 0 ? -1 : limit - (sqlite3_int64)ks.n);
			rc = search_rank(st, &ks);
		}
		sqlite3_finalize(st);
	}
	for (src = 0; src < 4 && rc == SQLITE_DONE; src++) {
		size_t i;

		for (i = 0; i < ks.n && ks.k[i].src != src; i++)
			;
		if (i < ks.n)
			rc = search_fill(r->wb->db, &ks, src, src >= 2 ? tri : word, first);
	}
	if (rc == SQLITE_DONE && ks.n > 1)
		qsort(ks.k, ks.n, sizeof *ks.k, search_key_cmp);
	for (size_t i = 0; i < ks.n && rc == SQLITE_DONE; i++) {
		struct search_key *k = &ks.k[i];
		struct wb_hit h;
		int v;

		if (!k->found)
			continue;     /* an index entry without its document */
		h.kind = k->kind;
		h.id = k->id;
		h.ref = k->ref;
		h.snippet = k->snippet != NULL ? k->snippet : "";
		h.rank = k->rank;
		if ((v = r->cb(&h, r->arg)) != 0) {
			*stop = v;
			break;
		}
	}
	free(ex[0]);
	free(ex[1]);
	search_keys_free(&ks);
	return rc;
}

int
wb_search(struct wb *wb, const char *query, size_t limit,
    int (*cb)(const struct wb_hit *, void *), void *arg)
{
	struct search_term t[WB_SEARCH_MAX_TERMS];
	struct search_run run = { wb, cb, arg };
	struct sbuf sql = { 0 }, word = { 0 }, tri = { 0 };
	sqlite3_stmt *st = NULL;
	char *q, *s;
	int nt, i, first = -1, last = -1, scan = 0, use_tri = 1, stop = 0, rc;

	if (query == NULL)
		return 0;
	if (strlen(query) > WB_SEARCH_MAX_QUERY)
		return wb__err(wb, _("the search text is too long (more than %d bytes); "
		    "search for fewer words"), WB_SEARCH_MAX_QUERY);
	if (search_flush_annex(wb) != 0)
		return -1;
	if ((q = search_strip(query)) == NULL)
		return wb__err(wb, "%s", _("out of memory"));
	if ((nt = search_terms(q, t)) < 0) {
		free(q);
		return wb__err(wb, _("too many words to search for (more than %d); "
		    "search for fewer words"), WB_SEARCH_MAX_TERMS);
	}
	for (i = 0; i < nt; i++) {
		if (t[i].chars < 3 && t[i].unspaced)
			scan = 1;
		if (t[i].chars < 3)
			use_tri = 0;
		if (t[i].word && first < 0)
			first = i;
		if (t[i].word)
			last = i;
	}

	if (scan) {
		/* Short Chinese/Arabic/...: look for every term in the stored text. */
		sbuf_puts(&sql, "SELECT kind, id, ref, body, 0.0 FROM (SELECT 'annex' AS kind, "
		    "0 AS id, ref, body, 0 AS pass, rowid AS o FROM temp.search_annex_word "
		    "UNION ALL SELECT d.kind, d.src, d.ref, w.body, 1, d.id FROM search_word AS w "
		    "JOIN search_doc AS d ON d.id = w.rowid) WHERE 1");
		for (i = 0; i < nt; i++)
			sbuf_printf(&sql, " AND instr(lower(body), lower(?%d)) > 0", i + 1);
		sbuf_puts(&sql, " ORDER BY pass, o LIMIT ?20");
	} else {
		if (last < 0)
			goto done;     /* nothing searchable: no hits */
		for (i = 0; i < nt; i++) {
			if (!t[i].word)
				continue;
			if (word.len > 0)
				sbuf_puts(&word, " AND ");
			search_quote(&word, &t[i]);
			if (i == last)
				sbuf_puts(&word, " *");
			if (tri.len > 0)
				sbuf_puts(&tri, " AND ");
			search_quote(&tri, &t[i]);
		}
		if (word.oom || tri.oom) {
			rc = SQLITE_NOMEM;
			goto fail;
		}
		rc = search_ranked(&run, word.s, use_tri ? tri.s : NULL, &t[first],
		    limit > 0 && limit < INT64_MAX ? (sqlite3_int64)limit : -1, &stop);
		if (rc != SQLITE_DONE)
			goto fail;
		goto done;
	}
	if ((s = sbuf_done(&sql)) == NULL) {
		sql.s = NULL;
		rc = SQLITE_NOMEM;
		goto fail;
	}
	sql.s = s;
	if ((rc = sqlite3_prepare_v2(wb->db, sql.s, -1, &st, NULL)) != SQLITE_OK)
		goto fail;
	for (i = 0; i < nt; i++)
		sqlite3_bind_text(st, i + 1, t[i].s, (int)t[i].len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 20, limit > 0 && limit < INT64_MAX ? (sqlite3_int64)limit : -1);
	rc = search_rows(&run, st, &t[0], &stop);
	if (rc != SQLITE_DONE)
		goto fail;
done:
	sqlite3_finalize(st);
	free(sql.s);
	free(word.s);
	free(tri.s);
	free(q);
	return stop;
fail:
	sqlite3_finalize(st);
	free(sql.s);
	free(word.s);
	free(tri.s);
	free(q);
	return wb__sqlerr(wb, rc, _("cannot search the workbook"));
}
