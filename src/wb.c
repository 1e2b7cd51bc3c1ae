/* wb.c: opening, creating and migrating a workbook, plus the helpers the wb modules share. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "util.h"
#include "wb.h"
#include "wb_backup.h"
#include "wb_internal.h"

int wb__busy_timeout_ms = WB_BUSY_TIMEOUT_MS;

/* ---- small helpers ---- */

int
wb__err(struct wb *wb, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = util_vasprintf(fmt, ap);
	va_end(ap);
	free(wb->errmsg);
	/* It may quote the file's own text (SQLite's messages do): make it inert
	 * here too, whoever prints it. */
	wb->errmsg = s != NULL ? text_sanitize(s, strlen(s), 0) : NULL;
	free(s);
	return -1;
}

/* What the user can do about an SQLite result code. */
static const char *
wb_rc_advice(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return _("the disk is full; free some space and try again");
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("another program is writing to it; try again in a moment");
	case SQLITE_READONLY:
		return _("it cannot be written; check the file's permissions");
	case SQLITE_NOMEM:
		return _("out of memory; close other programs and try again");
	case SQLITE_IOERR:
		return _("a read or write failed; check the disk and try again");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return _("the file is damaged; run 'ciipwb check' on it and restore a backup");
	case SQLITE_CONSTRAINT:
		return _("the change breaks a rule of the workbook; check what you entered");
	case SQLITE_CANTOPEN:
		return _("it cannot be opened; check that the file and its directory exist");
	default:
		return _("try again; if it keeps failing, run 'ciipwb check' on it");
	}
}

int
wb__sqlerr(struct wb *wb, int rc, const char *what)
{
	const char *m = wb->db != NULL ? sqlite3_errmsg(wb->db) : sqlite3_errstr(rc);

	if (wb->db != NULL && sqlite3_extended_errcode(wb->db) != rc &&
	    (sqlite3_errcode(wb->db) & 0xff) != (rc & 0xff))
		m = sqlite3_errstr(rc);
	return wb__err(wb, _("%s: %s (%s); %s"), wb->path, what, m,
	    wb_rc_advice(rc));
}

int
wb__exec(struct wb *wb, const char *sql)
{
	int rc = sqlite3_exec(wb->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot update the workbook"));
	return 0;
}

int64_t
wb__random_id(void)
{
	uint64_t v = 0;

	while (v == 0) {
		sqlite3_randomness(sizeof v, &v);
		v &= UINT64_C(0x7fffffffffffffff);
	}
	return (int64_t)v;
}

void
wb__now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		strcpy(out, "1970-01-01T00:00:00Z");
}

int
wb__valid_date(const char *s)
{
	int y, m, d, i;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

const char *
wb_errmsg(const struct wb *wb)
{
	return wb != NULL && wb->errmsg != NULL ? wb->errmsg : "";
}

const char *
wb_path(const struct wb *wb)
{
	return wb->path;
}

int
wb_readonly(const struct wb *wb)
{
	return wb->readonly;
}

const char *
wb_notice(const struct wb *wb)
{
	return wb->notice;
}

/* One integer from a constant query; -1 with errmsg on failure. */
static int
wb_pragma_int(struct wb *wb, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(wb->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			*out = 0;
			rc = SQLITE_OK;
		}
		if (rc != SQLITE_OK)
			rc = sqlite3_reset(st) != SQLITE_OK ?
			    sqlite3_extended_errcode(wb->db) : rc;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		*out = 0;
		return -rc;
	}
	return 0;
}

int64_t
wb_data_version(struct wb *wb)
{
	int64_t v;

	if (wb_pragma_int(wb, "PRAGMA data_version", &v) != 0)
		return -1;
	return v;
}

int
wb_changed(struct wb *wb)
{
	int64_t v = wb_data_version(wb);

	if (v < 0 || v == wb->data_version)
		return 0;
	wb->data_version = v;
	return 1;
}

/* ---- schema ---- */

static const char wb_schema_v1[] =
	"CREATE TABLE workbook("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" title TEXT NOT NULL DEFAULT '',"
	" country TEXT NOT NULL DEFAULT '',"
	" date_start TEXT NOT NULL DEFAULT '',"
	" date_end TEXT NOT NULL DEFAULT '',"
	" venue TEXT NOT NULL DEFAULT '',"
	" facilitator TEXT NOT NULL DEFAULT '',"
	" current_group INTEGER REFERENCES breakout_group(id),"
	" updated TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE scale("
	" code TEXT PRIMARY KEY,"
	" position INTEGER NOT NULL,"
	" label TEXT NOT NULL,"
	" is_stage INTEGER NOT NULL CHECK (is_stage IN (0, 1)),"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE TABLE item("
	" ref TEXT PRIMARY KEY,"
	" current TEXT REFERENCES scale(code),"
	" target TEXT REFERENCES scale(code),"
	" needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),"
	" consensus INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1)),"
	" updated TEXT NOT NULL DEFAULT '');\n"
	"CREATE TABLE breakout_group("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE TABLE note("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" group_id INTEGER REFERENCES breakout_group(id),"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE INDEX note_ref ON note(ref);\n"
	"CREATE TABLE evidence("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" location TEXT NOT NULL DEFAULT '',"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE INDEX evidence_ref ON evidence(ref);\n"
	"CREATE TABLE stakeholder("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" category TEXT NOT NULL CHECK (category IN ('national_government',"
	"'other_government','non_governmental','individual_citizens',"
	"'international_partner')),"
	" contact TEXT NOT NULL DEFAULT '',"
	" responsibilities TEXT NOT NULL DEFAULT '',"
	" influence INTEGER NOT NULL DEFAULT 3 CHECK (influence BETWEEN 1 AND 5),"
	" interest INTEGER NOT NULL DEFAULT 3 CHECK (interest BETWEEN 1 AND 5),"
	" engagement TEXT NOT NULL DEFAULT 'neutral' CHECK (engagement IN"
	" ('unaware','resistant','neutral','supportive','leading')),"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE TABLE action("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" owner_id INTEGER REFERENCES stakeholder(id),"
	" due TEXT CHECK (due IS NULL OR due GLOB"
	" '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
	" priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN"
	" ('high','medium','low')),"
	" status TEXT NOT NULL DEFAULT 'open' CHECK (status IN"
	" ('open','in_progress','done','dropped')),"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE INDEX action_ref ON action(ref);\n"
	"CREATE INDEX action_owner ON action(owner_id);\n"
	"CREATE TABLE role("
	" id INTEGER PRIMARY KEY,"
	" stakeholder_id INTEGER NOT NULL REFERENCES stakeholder(id),"
	" ref TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN"
	" ('responsible','accountable','consulted','informed')),"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE UNIQUE INDEX role_one_accountable ON role(ref)"
	" WHERE role = 'accountable' AND deleted = 0;\n"
	"CREATE UNIQUE INDEX role_one_per_stakeholder ON role(stakeholder_id, ref)"
	" WHERE deleted = 0;\n"
	"CREATE INDEX role_ref ON role(ref);\n"
	"CREATE TABLE relation("
	" id INTEGER PRIMARY KEY,"
	" from_id INTEGER NOT NULL REFERENCES stakeholder(id),"
	" to_id INTEGER NOT NULL REFERENCES stakeholder(id),"
	" kind TEXT NOT NULL CHECK (kind IN"
	" ('depends_on','coordinates_with','reports_to')),"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE INDEX relation_from ON relation(from_id);\n"
	"CREATE INDEX relation_to ON relation(to_id);\n"
	"CREATE TABLE session_log("
	" id INTEGER PRIMARY KEY,"
	" group_id INTEGER REFERENCES breakout_group(id),"
	" heading TEXT NOT NULL,"
	" consensus INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1)),"
	" note TEXT NOT NULL DEFAULT '',"
	" at TEXT NOT NULL,"
	" created TEXT NOT NULL DEFAULT '',"
	" updated TEXT NOT NULL DEFAULT '',"
	" deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));\n"
	"CREATE TABLE history("
	" id INTEGER PRIMARY KEY,"
	" seq INTEGER NOT NULL UNIQUE,"
	" step INTEGER NOT NULL DEFAULT 0,"
	" at TEXT NOT NULL,"
	" label TEXT NOT NULL,"
	" tbl TEXT NOT NULL,"
	" row_key TEXT NOT NULL,"
	" before TEXT,"
	" after TEXT,"
	" undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1, 2)));\n"
	"CREATE INDEX history_step ON history(step);\n";

static const struct {
	const char *code;
	const char *label;
	int is_stage;
} wb_default_scale[] = {
	{ "not_assessed", N_("Not assessed"), 0 },
	{ "not_applicable", N_("Not applicable"), 0 },
	{ "start_up", N_("Start-up"), 1 },
	{ "formative", N_("Formative"), 1 },
	{ "established", N_("Established"), 1 },
	{ "strategic", N_("Strategic"), 1 },
	{ "dynamic", N_("Dynamic"), 1 },
};

/* v0 -> v1: the base tables, the scale, the workbook row, the search tables. */
static int
wb_migrate_v1(struct wb *wb)
{
	sqlite3_stmt *st = NULL;
	char now[WB_TIME_SIZE], *err = NULL;
	size_t i;
	int rc;

	rc = sqlite3_exec(wb->db, wb_schema_v1, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot create the workbook tables"));
	rc = sqlite3_prepare_v2(wb->db, "INSERT INTO scale(code, position, label,"
	    " is_stage) VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL);
	for (i = 0; rc == SQLITE_OK && i < sizeof wb_default_scale /
	    sizeof wb_default_scale[0]; i++) {
		sqlite3_bind_text(st, 1, wb_default_scale[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, (int)i);
		sqlite3_bind_text(st, 3, wb_default_scale[i].label, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, wb_default_scale[i].is_stage);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc == SQLITE_OK) {
		wb__now(now);
		rc = sqlite3_prepare_v2(wb->db, "INSERT INTO workbook(id, updated)"
		    " VALUES (1, ?1)", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			rc = rc == SQLITE_DONE ? SQLITE_OK :
			    sqlite3_extended_errcode(wb->db);
		}
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot create the workbook tables"));
	if (wb_search_install(wb->db, &err) != 0) {
		wb__err(wb, _("%s: cannot create the search index (%s); try again"),
		    wb->path, err != NULL ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

/* v1 -> v2 (running the room): the session log keeps when a heading's discussion started and
 * ended and the time spent on it; the follow table holds the position a leading instance
 * publishes for followers (one row, never in the history, never merged). */
static const char wb_schema_v2[] =
	"ALTER TABLE session_log ADD COLUMN started TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE session_log ADD COLUMN ended TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE session_log ADD COLUMN seconds INTEGER NOT NULL DEFAULT 0"
	" CHECK (seconds >= 0);\n"
	"CREATE TABLE follow("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" pid INTEGER NOT NULL DEFAULT 0,"
	" host TEXT NOT NULL DEFAULT '',"
	" active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),"
	" view TEXT NOT NULL DEFAULT '',"
	" ref TEXT NOT NULL DEFAULT '',"
	" timer_heading TEXT NOT NULL DEFAULT '',"
	" timer_length INTEGER NOT NULL DEFAULT 0,"
	" timer_spent INTEGER NOT NULL DEFAULT 0,"
	" timer_since INTEGER NOT NULL DEFAULT 0,"
	" updated TEXT NOT NULL DEFAULT '');\n";

/* A migration step that is one piece of SQL. */
static int
wb_migrate_sql(struct wb *wb, const char *sql)
{
	int rc = sqlite3_exec(wb->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot upgrade the workbook"));
	return 0;
}

static int
wb_migrate_v2(struct wb *wb)
{
	return wb_migrate_sql(wb, wb_schema_v2);
}

/* v2 -> v3 (the stakeholder map): the search index covers every field of a stakeholder,
 * its category and engagement too; only the search triggers and the index change. */
static int
wb_migrate_v3(struct wb *wb)
{
	char *err = NULL;

	if (wb_search_upgrade(wb->db, &err) != 0) {
		wb__err(wb, _("%s: cannot upgrade the search index (%s); try again"),
		    wb->path, err != NULL ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

/* v3 -> v4 (undo per instance): each history row belongs to the undo session of the instance
 * that made it; an instance undoes only its own edits. A session is free for the next instance
 * to take (its undo list survives quitting) once its instance closed it. The rows from before
 * (session 0) make a free session. */
static const char wb_schema_v4[] =
	"ALTER TABLE history ADD COLUMN session INTEGER NOT NULL DEFAULT 0;\n"
	"CREATE INDEX history_session ON history(session, undone, seq);\n"
	"CREATE TABLE undo_session("
	" id INTEGER PRIMARY KEY,"
	" closed TEXT);\n"
	"INSERT INTO undo_session(id, closed) VALUES (0, '');\n";

static int
wb_migrate_v4(struct wb *wb)
{
	return wb_migrate_sql(wb, wb_schema_v4);
}

/* v4 -> v5 (speed on a national programme's workbook): notes in the order they were made,
 * and indexes for the hot queries.
 * - note.seq: the history position of the edit that made the note, so that notes made in
 *   the same second keep their order (older notes have NULL: ordered by id as before);
 * - note_ref_order, action_ref_due, stakeholder_name: an item's notes and actions and the
 *   stakeholder register come out of an index in their order, without a sort. */
static const char wb_schema_v5[] =
	"ALTER TABLE note ADD COLUMN seq INTEGER;\n"
	"CREATE INDEX note_ref_order ON note(ref, created, seq, id) WHERE deleted = 0;\n"
	"CREATE INDEX action_ref_due ON action(ref, due IS NULL, due, created, id)"
	" WHERE deleted = 0;\n"
	"CREATE INDEX stakeholder_name ON stakeholder(name, id) WHERE deleted = 0;\n";

static int
wb_migrate_v5(struct wb *wb)
{
	return wb_migrate_sql(wb, wb_schema_v5);
}

/* v5 -> v6: merging workbooks (conflicts, the states seen from merged
 * sources, the merge log) and the baseline from an earlier workbook. */
static const char wb_schema_v6[] =
	"CREATE TABLE conflict("
	" id INTEGER PRIMARY KEY,"
	" tbl TEXT NOT NULL,"
	" row_key TEXT NOT NULL,"
	" ref TEXT NOT NULL DEFAULT '',"
	" field TEXT NOT NULL,"
	" kept TEXT,"
	" kept_source TEXT NOT NULL DEFAULT '',"
	" kept_at TEXT NOT NULL DEFAULT '',"
	" other TEXT,"
	" other_source TEXT NOT NULL DEFAULT '',"
	" other_at TEXT NOT NULL DEFAULT '',"
	" resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1, 2)),"
	" created TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX conflict_row ON conflict(tbl, row_key);\n"
	"CREATE TABLE merge_seen("
	" id INTEGER PRIMARY KEY,"
	" tbl TEXT NOT NULL,"
	" row_key TEXT NOT NULL,"
	" state TEXT NOT NULL,"
	" origin TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX merge_seen_row ON merge_seen(tbl, row_key);\n"
	"CREATE TABLE merge_log("
	" id INTEGER PRIMARY KEY,"
	" source TEXT NOT NULL,"
	" title TEXT NOT NULL DEFAULT '',"
	" at TEXT NOT NULL,"
	" added INTEGER NOT NULL DEFAULT 0,"
	" changed INTEGER NOT NULL DEFAULT 0,"
	" deleted INTEGER NOT NULL DEFAULT 0,"
	" conflicts INTEGER NOT NULL DEFAULT 0);\n"
	"CREATE TABLE baseline_item("
	" ref TEXT PRIMARY KEY,"
	" current TEXT,"
	" target TEXT,"
	" since TEXT NOT NULL DEFAULT '',"
	" source TEXT NOT NULL DEFAULT '');\n"
	"CREATE INDEX history_row ON history(tbl, row_key);\n";


static int
wb_migrate_v6(struct wb *wb)
{
	return wb_migrate_sql(wb, wb_schema_v6);
}

/* v6 -> v7: the navigation pane counts each item's open actions (open or in progress) on
 * every start; an index of them alone answers that from index entries, without reading
 * each action row for its status. */
static const char wb_schema_v7[] =
	"CREATE INDEX action_ref_open ON action(ref)"
	" WHERE deleted = 0 AND status IN ('open', 'in_progress');\n";

static int
wb_migrate_v7(struct wb *wb)
{
	return wb_migrate_sql(wb, wb_schema_v7);
}

/* A new step changes the expected schema compiled into the program: regenerate it with
 * `make tests/test-wb-schema && tests/test-wb-schema --print > src/wb_schema_list.h`
 * (tests/test-wb-schema fails until it is). */
static int (*const wb_migrations[WB_SCHEMA_VERSION])(struct wb *) = {
	wb_migrate_v1,
	wb_migrate_v2,
	wb_migrate_v3,
	wb_migrate_v4,
	wb_migrate_v5,
	wb_migrate_v6,
	wb_migrate_v7,
};

int wb__schema_target = WB_SCHEMA_VERSION;

/* Run each migration step from the file's user_version up, each in its own
 * transaction that re-reads user_version (another process may have done it). */
static int
wb_migrate_steps(struct wb *wb)
{
	int64_t v;
	char sql[64];
	int rc;

	for (;;) {
		rc = sqlite3_exec(wb->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return wb__sqlerr(wb, rc, _("cannot upgrade the workbook"));
		if ((rc = -wb_pragma_int(wb, "PRAGMA user_version", &v)) != 0) {
			wb__sqlerr(wb, rc, _("cannot upgrade the workbook"));
			goto fail;
		}
		if (v >= wb__schema_target || v >= WB_SCHEMA_VERSION)
			break;
		if (v < 0) {
			wb__err(wb, _("%s is damaged (its schema version is %lld);"
			    " restore it from a backup"), wb->path, (long long)v);
			goto fail;
		}
		if (wb_migrations[v](wb) != 0)
			goto fail;
		if (v == 0) {
			snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
			    WB_APPLICATION_ID);
			if (wb__exec(wb, sql) != 0)
				goto fail;
		}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", (int)v + 1);
		if (wb__exec(wb, sql) != 0)
			goto fail;
		rc = sqlite3_exec(wb->db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			wb__sqlerr(wb, rc, _("cannot upgrade the workbook"));
			goto fail;
		}
	}
	sqlite3_exec(wb->db, "COMMIT", NULL, NULL, NULL);
	return 0;
fail:
	if (!sqlite3_get_autocommit(wb->db))
		sqlite3_exec(wb->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Upgrade with the file's triggers off: none of them runs while the schema is
 * changed (the search index is rebuilt by the steps that need it). */
static int
wb_migrate(struct wb *wb)
{
	int r;

	sqlite3_db_config(wb->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	r = wb_migrate_steps(wb);
	sqlite3_db_config(wb->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
	return r;
}

/* ---- opening ---- */

/* 1 if WAL should not be used on the file system holding dir: network file
 * systems (no shared memory), removable-media file systems (FAT, exFAT),
 * FUSE mounts of unknown kind. */
static int
wb_fs_avoid_wal(const char *dir)
{
	struct statfs sf;

	if (statfs(dir, &sf) != 0)
		return 1;
	switch ((unsigned long)sf.f_type) {
	case 0x6969UL:       /* NFS */
	case 0x517BUL:       /* SMB */
	case 0xFF534D42UL:   /* CIFS */
	case 0xFE534D42UL:   /* SMB2 */
	case 0x4d44UL:       /* MSDOS / vfat */
	case 0x2011BAB0UL:   /* exFAT */
	case 0x5346544eUL:   /* NTFS (ntfs3 / ntfs-3g via fuse below) */
	case 0x65735546UL:   /* FUSE */
	case 0x01021997UL:   /* 9p */
	case 0x786f4256UL:   /* vboxsf */
	case 0x9660UL:       /* ISO 9660 */
	case 0x15013346UL:   /* UDF */
		return 1;
	default:
		return 0;
	}
}

/* Build the absolute path (realpath of the directory + basename). */
static int
wb_abs_path(const char *path, unsigned flags, char **abs, char **dirout,
    char **err)
{
	const char *slash, *base;
	char *dir, *real;

	*abs = *dirout = NULL;
	if (path == NULL || *path == '\0') {
		*err = strdup(_("no workbook file given; name a file such as workshop.ciipwb"));
		return -1;
	}
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		*err = util_asprintf(_("%s is a directory; name a workbook file inside it"), path);
		return -1;
	}
	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL) {
		*err = strdup(_("out of memory"));
		return -1;
	}
	real = realpath(dir, NULL);
	if (real == NULL) {
		if ((errno == ENOENT || errno == ENOTDIR) &&
		    (flags & WB_OPEN_CREATE))
			*err = util_asprintf(_("cannot create %s: directory %s does not"
			    " exist; create it or choose another path"), path, dir);
		else if (errno == ENOENT || errno == ENOTDIR)
			*err = util_asprintf(_("cannot open %s: directory %s does not"
			    " exist; check the path"), path, dir);
		else
			*err = util_asprintf(_("cannot open %s: directory %s: %s;"
			    " choose another path"), path, dir, strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	*abs = util_asprintf("%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
	*dirout = real;
	if (*abs == NULL) {
		free(real);
		*dirout = NULL;
		*err = strdup(_("out of memory"));
		return -1;
	}
	return 0;
}

void
wb__copy_remove(const char *copy, const char *dir)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; copy != NULL && i < sizeof ext / sizeof ext[0]; i++) {
		char *p = util_asprintf("%s%s", copy, ext[i]);

		if (p != NULL)
			unlink(p);
		free(p);
	}
	if (dir != NULL)
		rmdir(dir);
}

const char *
wb__tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && t[0] == '/' ? t : "/tmp";
}

static void
wb_free(struct wb *wb)
{
	if (wb == NULL)
		return;
	/* A backup under way is not finished: its temporary copy goes. */
	wb_backup_cancel(wb);
	wb__stmt_free(wb);
	if (wb->db != NULL)
		sqlite3_close_v2(wb->db);
	wb__copy_remove(wb->copy, wb->copydir);
	free(wb->copy);
	free(wb->copydir);
	free(wb->path);
	free(wb->errmsg);
	free(wb->notice);
	free(wb);
}

void
wb_close(struct wb *wb)
{
	if (wb != NULL)
		wb__undo_detach(wb);
	wb_free(wb);
}

/* Turn a failure on first reading the file into a one-line message. */
static char *
wb_open_errmsg(const char *abs, int rc, const char *detail)
{
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		return util_asprintf(_("%s is not a ciipwb workbook (not an SQLite"
		    " database); choose another file"), abs);
	case SQLITE_CORRUPT:
		return util_asprintf(_("%s is damaged (%s); restore it from a backup"),
		    abs, detail);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return util_asprintf(_("%s is locked by another program; close the"
		    " other ciipwb or try again later"), abs);
	case SQLITE_CANTOPEN:
		return util_asprintf(_("cannot open %s (%s); check that it exists and"
		    " that you may read it"), abs, detail);
	case SQLITE_NOMEM:
		return util_asprintf(_("cannot open %s: out of memory"), abs);
	default:
		return util_asprintf(_("cannot open %s (%s); check the file and the"
		    " disk"), abs, detail);
	}
}

/* ---- the expected schema ---- */

int
wb__schema_build(sqlite3 *db, int64_t version, char **err)
{
	struct wb ref;
	int64_t v;

	*err = NULL;
	memset(&ref, 0, sizeof ref);
	ref.db = db;
	ref.path = (char *)":memory:";
	for (v = 0; v < version && v < WB_SCHEMA_VERSION; v++)
		if (wb_migrations[v](&ref) != 0) {
			*err = ref.errmsg != NULL ? ref.errmsg : strdup(_("out of memory"));
			return -1;
		}
	return 0;
}

/* Check application_id, user_version and the schema; decides read-only.
 * Reads only: nothing is written here, so a refused file stays as it was. */
static int
wb_open_check(struct wb *wb, int created, int64_t *uv, int *rcout, char **err)
{
	int64_t appid, ntables;
	char *detail = NULL;
	int rc;

	*rcout = SQLITE_OK;
	wb->schema_exact = 0;
	if ((rc = -wb_pragma_int(wb, "PRAGMA application_id", &appid)) != 0 ||
	    (rc = -wb_pragma_int(wb, "PRAGMA user_version", uv)) != 0 ||
	    (rc = -wb_pragma_int(wb, "SELECT count(*) FROM sqlite_schema",
	    &ntables)) != 0) {
		*rcout = rc;
		*err = wb_open_errmsg(wb->path, rc, sqlite3_errmsg(wb->db));
		return -1;
	}
	if (appid == 0 && *uv == 0 && ntables == 0) {
		if (!created) {
			*err = util_asprintf(_("%s is an empty SQLite database, not a"
			    " ciipwb workbook; choose another file"), wb->path);
			return -1;
		}
		if (wb->readonly) {
			*err = util_asprintf(_("%s is empty and cannot be written;"
			    " choose another file"), wb->path);
			return -1;
		}
		return 0;
	}
	if (appid != WB_APPLICATION_ID) {
		*err = util_asprintf(_("%s is not a ciipwb workbook (another SQLite"
		    " database); choose another file"), wb->path);
		return -1;
	}
	if (*uv <= 0) {
		*err = util_asprintf(_("%s is damaged (its schema version is %lld);"
		    " restore it from a backup"), wb->path, (long long)*uv);
		return -1;
	}
	if (*uv > WB_SCHEMA_VERSION) {
		/* Its schema is not known here: read it, never write it. */
		if (!wb->readonly || wb->notice == NULL) {
			/* Notices are shown beside the file's name (title bar, message
			 * line): the cause first, short enough for 80 columns. */
			free(wb->notice);
			wb->notice = util_asprintf(_("written by a newer ciipwb (schema"
			    " %lld): upgrade ciipwb to edit it"), (long long)*uv);
		}
		wb->readonly = 1;
		return 0;
	}
	if (*uv < WB_SCHEMA_VERSION && wb->readonly && wb->copy == NULL) {
		/* Read through an upgraded private copy (wb_open_older): the file
		 * itself is never written when opened for reading. */
		wb->older = 1;
		return 0;
	}
	/* Our own triggers of an older version are made again by the upgrade,
	 * which runs with triggers off and is followed by an exact comparison. */
	rc = wb__schema_compare(wb->db, *uv, *uv < WB_SCHEMA_VERSION, &detail);
	if (rc < 0) {
		*rcout = sqlite3_extended_errcode(wb->db);
		*err = util_asprintf(_("%s is damaged (%s); restore it from a backup"),
		    wb->path, detail != NULL ? detail : "?");
		free(detail);
		return -1;
	}
	if (rc == 2) {
		*err = util_asprintf(_("%s has a foreign schema: %s; it was changed"
		    " outside ciipwb, so it is not opened; restore it from a backup"
		    " ('ciipwb check' lists the differences)"), wb->path, detail);
		free(detail);
		return -1;
	}
	if (rc == 1) {
		/* Extra triggers, views, indexes or tables: opened read-only,
		 * where none of them can run. */
		free(wb->notice);
		wb->notice = util_asprintf(_("foreign schema (%s): read-only so that it"
		    " cannot run; restore a backup or ask for a clean copy"), detail);
		wb->readonly = 1;
	}
	wb->schema_exact = rc == 0 && *uv == WB_SCHEMA_VERSION;
	free(detail);
	return 0;
}

/* 32-bit big-endian number in the file header. */
static uint32_t
wb_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Size of FILE-wal, 0 when there is none. */
static off_t
wb_wal_size(const char *path)
{
	struct stat sb;
	char *w = util_asprintf("%s-wal", path);
	off_t n = 0;

	if (w != NULL && stat(w, &sb) == 0)
		n = sb.st_size;
	free(w);
	return n;
}

/* 1 if PATH has neither a -journal nor a -wal beside it: reading it through a read-write
 * connection then writes nothing (SQLite rolls back a hot journal, and recovers a -wal, on
 * the first read). A -journal or -wal made after this call belongs to a live writer, which
 * holds its lock: SQLite leaves those alone. */
int
wb__no_journal(const char *path)
{
	static const char *const sfx[] = { "-journal", "-wal" };
	char buf[PATH_MAX + 16];
	struct stat sb;
	size_t i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		if ((size_t)snprintf(buf, sizeof buf, "%s%s", path, sfx[i]) >= sizeof buf ||
		    lstat(buf, &sb) == 0 || errno != ENOENT)
			return 0;
	}
	return 1;
}

/* The cheap checks of the 100-byte header, read through SQLite's own file
 * handle (a descriptor of our own would drop SQLite's locks when closed):
 * the magic string, the page size, and a file cut short. */
static int
wb_header_check(struct wb *wb, const struct stat *sb, char **err)
{
	unsigned char h[100];
	sqlite3_file *fp = NULL;
	uint32_t psize, pages;
	int rc;

	rc = sqlite3_file_control(wb->db, "main", SQLITE_FCNTL_FILE_POINTER, &fp);
	if (rc != SQLITE_OK || fp == NULL || fp->pMethods == NULL)
		return 0;    /* let SQLite's own reading decide */
	if (sb->st_size < (off_t)sizeof h ||
	    (rc = fp->pMethods->xRead(fp, h, (int)sizeof h, 0)) != SQLITE_OK ||
	    memcmp(h, "SQLite format 3", 16) != 0) {
		if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_IOERR)
			return 0;
		if (rc != SQLITE_OK) {
			*err = util_asprintf(_("cannot read %s (%s); check the file and"
			    " the disk"), wb->path, sqlite3_errstr(rc));
			return -1;
		}
		*err = util_asprintf(_("%s is not a ciipwb workbook (not an SQLite"
		    " database); choose another file"), wb->path);
		return -1;
	}
	psize = (uint32_t)h[16] << 8 | h[17];
	if (psize == 1)
		psize = 65536;
	if (psize < 512 || psize > 65536 || (psize & (psize - 1)) != 0) {
		*err = util_asprintf(_("%s is damaged (its header gives a page size of"
		    " %u); restore it from a backup"), wb->path, (unsigned)psize);
		return -1;
	}
	pages = wb_be32(h + 28);
	if (memcmp(h + 24, h + 92, 4) == 0 && pages > 0 &&
	    (uint64_t)sb->st_size < (uint64_t)pages * psize &&
	    wb_wal_size(wb->path) == 0) {
		*err = util_asprintf(_("%s is damaged (cut short: %lld of %llu bytes);"
		    " restore it from a backup"), wb->path, (long long)sb->st_size,
		    (unsigned long long)pages * psize);
		return -1;
	}
	return 0;
}

/* journal_mode and synchronous for a writable workbook. */
static void
wb_open_journal(struct wb *wb, const char *dir)
{
	sqlite3_stmt *st;
	const char *mode = wb_fs_avoid_wal(dir) ? "PRAGMA journal_mode=DELETE" :
	    "PRAGMA journal_mode=WAL";

	wb->wal = 0;
	if (sqlite3_prepare_v2(wb->db, mode, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		wb->wal = r != NULL && strcmp(r, "wal") == 0;
	}
	sqlite3_finalize(st);
	if (!wb->wal)
		sqlite3_exec(wb->db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_exec(wb->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
}

char *
wb__immutable_uri(const char *path)
{
	char *uri, *q;
	const char *p;

	/* file: + the path with %, ? and # escaped + ?immutable=1 */
	uri = malloc(strlen(path) * 3 + 32);
	if (uri == NULL)
		return NULL;
	q = uri + sprintf(uri, "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			q += sprintf(q, "%%%02X", (unsigned char)*p);
		else
			*q++ = *p;
	}
	strcpy(q, "?immutable=1");
	return uri;
}

/* The settings of every connection to a workbook; ro: never write, run none
 * of the file's triggers or views, never checkpoint. An SQLite result code. */
static int
wb_harden(sqlite3 *db, int ro)
{
	int rc;

	sqlite3_extended_result_codes(db, 1);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, !ro, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, !ro, NULL);
	/* A read-only connection never checkpoints: a stray -wal stays as it was. (RO 2 is
	 * a read-write handle used only to read, when no -wal was there: its close removes
	 * the -wal and -shm that reading made.) */
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, ro == 1, NULL);
	sqlite3_busy_timeout(db, wb__busy_timeout_ms);
	if ((rc = sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL,
	    NULL)) != SQLITE_OK ||
	    (rc = sqlite3_exec(db, "PRAGMA cell_size_check=ON", NULL, NULL,
	    NULL)) != SQLITE_OK)
		return rc;
	if (ro)
		sqlite3_exec(db, "PRAGMA query_only=ON", NULL, NULL, NULL);
	return SQLITE_OK;
}

/* Open the SQLite connection and configure it; an SQLite result code.
 * ro: 1 read-only; 2 read-only through a read-write handle (a file opened for reading
 * with no -wal or -journal beside it: SQLite's read-only handle would leave the -wal and
 * -shm it makes behind); immutable: read through a file: URI with immutable=1 (no locks,
 * no -wal, no -shm: for read-only media). */
static int
wb_connect_db(struct wb *wb, int ro, int immutable, sqlite3 **db)
{
	char *uri = NULL;
	int oflags, rc;

	/* NOMUTEX: a connection is only ever used by the thread that opened it (the backup's
	 * syncer thread only syncs a file; the check and the summary's notes read ahead open
	 * connections of their own), so each call need not lock it: a summary of the stress
	 * workbook made 1.3 million locks. */
	oflags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX |
	    (ro == 1 || immutable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	if (immutable) {
		if ((uri = wb__immutable_uri(wb->path)) == NULL)
			return SQLITE_NOMEM;
		oflags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri != NULL ? uri : wb->copy != NULL ? wb->copy : wb->path, db,
	    oflags, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		rc = wb_harden(*db, ro);
	return rc;
}

static int
wb_connect(struct wb *wb, int ro, int immutable)
{
	wb->immutable = immutable;
	return wb_connect_db(wb, ro, immutable, &wb->db);
}

int
wb__connect_reader(struct wb *wb, sqlite3 **db)
{
	int rc = wb_connect_db(wb, 1, wb->immutable, db);

	if (rc != SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
	}
	return rc;
}

/* An open error may quote the file's own text (SQLite's messages do): make it inert. */
static void
wb_clean_err(char **err)
{
	char *clean;

	if (*err == NULL) {
		*err = strdup(_("cannot open the workbook: out of memory"));
		return;
	}
	if ((clean = text_sanitize(*err, strlen(*err), 0)) != NULL) {
		free(*err);
		*err = clean;
	}
}

/* Close a connection without letting it checkpoint the -wal into the file. */
static void
wb_disconnect(struct wb *wb)
{
	if (wb->db == NULL)
		return;
	wb__stmt_free(wb);   /* kept statements belong to this connection */
	sqlite3_db_config(wb->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_close_v2(wb->db);
	wb->db = NULL;
}

int
wb__needs_immutable(int rc)
{
	return (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
	    rc == SQLITE_IOERR_SHMOPEN || rc == SQLITE_IOERR_SHMSIZE;
}

/* Why the workbook cannot be written, or 0: sets wb->readonly and wb->notice. */
static void
wb_open_mode(struct wb *wb, unsigned flags, const struct stat *sb,
    const char *dir, int created)
{
	struct statvfs svf;

	if (flags & WB_OPEN_READONLY)
		wb->readonly = 1;
	else if (statvfs(dir, &svf) == 0 && (svf.f_flag & ST_RDONLY)) {
		wb->readonly = 1;
		wb->notice = strdup(_("on read-only media: copy it to a writable disk to"
		    " edit it"));
	} else if (!created && (access(wb->path, W_OK) != 0 ||
	    (sb->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)) {
		/* Mode bits too: root may write a mode-400 file, but its owner
		 * made it read-only on purpose. */
		wb->readonly = 1;
		wb->notice = strdup(_("the file is read-only: make it writable (chmod"
		    " u+w) to edit it"));
	} else if (access(dir, W_OK | X_OK) != 0) {
		wb->readonly = 1;
		wb->notice = strdup(_("its directory is read-only: move it to a writable"
		    " one to edit it"));
	}
}

/* Copy the regular file FROM to a new file TO (mode 0600). 0, or -1 with errno. */
int
wb__copy_file(const char *from, const char *to)
{
	char buf[65536];
	struct stat sb;
	ssize_t n;
	int in, out, e;

	in = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -1;
	if (fstat(in, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		e = S_ISREG(sb.st_mode) ? errno : EINVAL;
		close(in);
		errno = e;
		return -1;
	}
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0) {
		e = errno;
		close(in);
		errno = e;
		return -1;
	}
	while ((n = read(in, buf, sizeof buf)) > 0) {
		char *p = buf;

		while (n > 0) {
			ssize_t w = write(out, p, (size_t)n);

			if (w < 0) {
				if (errno == EINTR)
					continue;
				goto fail;
			}
			p += w;
			n -= w;
		}
	}
	if (n < 0)
		goto fail;
	close(in);
	return close(out);
fail:
	e = errno;
	close(in);
	close(out);
	errno = e;
	return -1;
}

static int wb_open_at(const char *path, unsigned flags, int fresh, struct wb **out,
    char **err);

int
wb__rw_read(const char *path, char **err)
{
	sqlite3 *db = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, wb__busy_timeout_ms);
		rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			rc = sqlite3_extended_errcode(db);
	}
	if (rc != SQLITE_OK)
		*err = strdup(db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_close(db);
	return rc;
}

/*
 * An older workbook opened for reading (a summary of last year's workbook, a file on
 * read-only media): the file is never written then, so it is read through a private copy
 * (in TMPDIR, else /tmp; its -wal too) upgraded as the browser would upgrade the file.
 * The copy goes when the workbook is closed.
 */
static int
wb_open_older(struct wb *wb, char **err)
{
	const char *tmp = wb__tmpdir();
	char *wal = NULL, *wcopy = NULL, *cerr = NULL;
	struct wb *c = NULL;
	struct stat sb;
	int rc = -1;

	wb->copydir = util_asprintf("%s/ciipwb-older-XXXXXX", tmp);
	if (wb->copydir == NULL || mkdtemp(wb->copydir) == NULL) {
		*err = util_asprintf(_("%s was written by an older ciipwb: it is read through"
		    " an upgraded copy, and no directory can be made for it in %s (%s); set"
		    " TMPDIR to a writable directory"), wb->path, tmp, strerror(errno));
		free(wb->copydir);
		wb->copydir = NULL;
		return -1;
	}
	wb->copy = util_asprintf("%s/w.ciipwb", wb->copydir);
	wal = util_asprintf("%s-wal", wb->path);
	wcopy = util_asprintf("%s-wal", wb->copy != NULL ? wb->copy : "");
	if (wb->copy == NULL || wal == NULL || wcopy == NULL) {
		*err = strdup(_("out of memory"));
		goto out;
	}
	if (wb__copy_file(wb->path, wb->copy) != 0 || (lstat(wal, &sb) == 0 &&
	    S_ISREG(sb.st_mode) && wb__copy_file(wal, wcopy) != 0)) {
		*err = util_asprintf(_("%s was written by an older ciipwb: it is read through"
		    " an upgraded copy, which cannot be made in %s (%s); free some space or set"
		    " TMPDIR"), wb->path, tmp, strerror(errno));
		goto out;
	}
	if (wb_open_at(wb->copy, 0, 0, &c, &cerr) != 0) {
		*err = util_asprintf(_("%s was written by an older ciipwb and cannot be"
		    " upgraded to be read (%s); run 'ciipwb check' on it"), wb->path,
		    cerr != NULL ? cerr : "?");
		goto out;
	}
	wb_close(c);
	rc = 0;
out:
	free(wal);
	free(wcopy);
	free(cerr);
	return rc;
}

/* Size of PATH's -journal (0: none or empty). */
static off_t
wb_journal_size(const char *path)
{
	char buf[PATH_MAX + 16];
	struct stat sb;

	if ((size_t)snprintf(buf, sizeof buf, "%s-journal", path) >= sizeof buf ||
	    lstat(buf, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	return sb.st_size;
}

char *
wb__journal_errmsg(const char *path)
{
	return util_asprintf(_("%s holds a change left unfinished by a crash (in its"
	    " -journal): open it once with ciipwb on a writable disk to finish it, then"
	    " try again"), path);
}

/*
 * A writable file with a -journal beside it (a rollback-journal workbook, on a disk
 * where WAL is avoided, after a crash): SQLite rolls the journal back into the file on
 * the first read of a read-write connection, which would write into a file not yet
 * accepted. So the rollback is made on a private copy of the two first, and the copy
 * checked as any file is; only when it is accepted is the journal rolled back for real
 * (through a plain connection: the bytes are those just checked). A journal that a live
 * writer holds is not hot: SQLite leaves it alone, here as on the copy.
 */
static int
wb_open_journal_recover(struct wb *wb, char **err)
{
	char *tdir = NULL, *copy = NULL, *jfrom = NULL, *jcopy = NULL, *cerr = NULL;
	const char *tmp = wb__tmpdir();
	struct wb *c = NULL;
	int rc = -1;

	tdir = util_asprintf("%s/ciipwb-journal-XXXXXX", tmp);
	if (tdir == NULL || mkdtemp(tdir) == NULL) {
		*err = util_asprintf(_("cannot open %s: its -journal must be checked on a"
		    " private copy, and no directory can be made in %s (%s); set TMPDIR to a"
		    " writable directory"), wb->path, tmp, strerror(errno));
		free(tdir);
		return -1;
	}
	copy = util_asprintf("%s/w.ciipwb", tdir);
	jcopy = util_asprintf("%s/w.ciipwb-journal", tdir);
	jfrom = util_asprintf("%s-journal", wb->path);
	if (copy == NULL || jcopy == NULL || jfrom == NULL) {
		*err = strdup(_("out of memory"));
		goto out;
	}
	if (wb__copy_file(wb->path, copy) != 0 || (wb__copy_file(jfrom, jcopy) != 0 &&
	    errno != ENOENT)) {
		*err = util_asprintf(_("cannot open %s: its -journal must be checked on a"
		    " private copy, which cannot be made in %s (%s); free some space or set"
		    " TMPDIR"), wb->path, tmp, strerror(errno));
		goto out;
	}
	/* The copy is private: its journal is rolled back, then it is checked as any
	 * workbook is (and upgraded, when old: it is only a copy). */
	if (wb__rw_read(copy, &cerr) == 0 && unlink(jcopy) != 0 && errno != ENOENT)
		cerr = util_asprintf("%s: %s", jcopy, strerror(errno));
	/* (A journal SQLite left there was not hot: a live writer's, not yet begun.) */
	if (cerr != NULL || wb_open_at(copy, 0, 0, &c, &cerr) != 0) {
		*err = util_asprintf(_("%s holds a change left unfinished by a crash (in its"
		    " -journal), and finishing it does not give a sound workbook (%s); keep"
		    " both files and restore the workbook from a backup"), wb->path,
		    cerr != NULL ? cerr : "?");
		goto out;
	}
	wb_close(c);
	free(cerr);
	cerr = NULL;
	if ((rc = wb__rw_read(wb->path, &cerr)) != SQLITE_OK) {
		*err = wb_open_errmsg(wb->path, rc, cerr != NULL ? cerr : "?");
		rc = -1;
		goto out;
	}
	rc = 0;
out:
	wb__copy_remove(copy, tdir);
	free(tdir);
	free(copy);
	free(jcopy);
	free(jfrom);
	free(cerr);
	return rc;
}

/* Read-only media or directory: open the file as immutable, and say so when
 * its -wal holds changes that cannot be read that way. */
static int
wb_open_immutable(struct wb *wb, int *rc, char **err)
{
	wb_disconnect(wb);
	if ((*rc = wb_connect(wb, 1, 1)) != SQLITE_OK) {
		*err = wb_open_errmsg(wb->path, *rc, wb->db != NULL ?
		    sqlite3_errmsg(wb->db) : sqlite3_errstr(*rc));
		return -1;
	}
	if (wb_wal_size(wb->path) > 0) {
		char *n = strdup(_("changes in its -wal file cannot be read on read-only"
		    " media: copy both files to a writable disk to see them"));

		free(wb->notice);
		wb->notice = n;
	}
	return 0;
}

static int wb_create_new(const char *abs, const char *dir, char **err);

/* fresh: PATH is an empty file wb_create_new() just made, to become a workbook. */
static int
wb_open_at(const char *path, unsigned flags, int fresh, struct wb **out, char **err)
{
	struct wb *wb;
	char *abs = NULL, *dir = NULL, *serr = NULL;
	struct stat sb;
	int created = 0, direct, rwro, nojournal, rc;
	int64_t uv = 0;

	*out = NULL;
	*err = NULL;
	if (wb_abs_path(path, flags, &abs, &dir, err) != 0)
		return -1;
	wb = calloc(1, sizeof *wb);
	if (wb == NULL) {
		*err = strdup(_("out of memory"));
		goto fail;
	}
	wb->path = abs;
	abs = NULL;
	if (lstat(wb->path, &sb) != 0) {
		if (errno != ENOENT) {
			*err = util_asprintf(_("cannot open %s: %s"), wb->path,
			    strerror(errno));
			goto fail;
		}
		if (!(flags & WB_OPEN_CREATE) || (flags & WB_OPEN_READONLY)) {
			*err = util_asprintf(_("%s does not exist; check the name or"
			    " create a new workbook"), wb->path);
			goto fail;
		}
		/* Made whole under another name, then linked into place: a crash
		 * leaves either no workbook or a complete one. */
		if (wb_create_new(wb->path, dir, err) != 0)
			goto fail;
		if (lstat(wb->path, &sb) != 0) {
			*err = util_asprintf(_("cannot open %s: %s"), wb->path,
			    strerror(errno));
			goto fail;
		}
	}
	if (fresh && S_ISREG(sb.st_mode) && sb.st_size == 0) {
		created = 1;
	} else if (S_ISLNK(sb.st_mode)) {
		*err = util_asprintf(_("%s is a symbolic link; open the file it points"
		    " to instead"), wb->path);
		goto fail;
	} else if (S_ISDIR(sb.st_mode)) {
		*err = util_asprintf(_("%s is a directory; name a workbook file inside"
		    " it"), wb->path);
		goto fail;
	} else if (!S_ISREG(sb.st_mode)) {
		*err = util_asprintf(_("%s is not a regular file; choose a workbook"
		    " file"), wb->path);
		goto fail;
	} else if (sb.st_size == 0) {
		/* Never turn somebody's empty file into a workbook. */
		*err = util_asprintf(_("%s is an empty file, not a ciipwb workbook;"
		    " delete it to start a new workbook there, or choose another"
		    " name"), wb->path);
		goto fail;
	}
	/* Opened for reading a file that could be written, with no journal beside it: read
	 * through a read-write handle kept to reading (wb_connect, ro 2). */
	wb_open_mode(wb, flags & ~WB_OPEN_READONLY, &sb, dir, created);
	nojournal = wb__no_journal(wb->path);
	rwro = (flags & WB_OPEN_READONLY) && !wb->readonly && !created && nojournal;
	if (flags & WB_OPEN_READONLY) {
		wb->readonly = 1;
		free(wb->notice);
		wb->notice = NULL;
	}

	/* Nothing is written before the file is accepted: a file refused here, and its
	 * -wal, stay byte for byte as they were. A read-write connection writes nothing
	 * by itself; its first read does only to roll back a hot journal or to recover a
	 * -wal. So a writable file with neither beside it is read, checked and then used
	 * through one read-write connection (its schema is parsed once); any other file
	 * is checked through a read-only connection first. */
	if (!created && !wb->readonly && wb_journal_size(wb->path) > 0) {
		if (wb_open_journal_recover(wb, err) != 0)
			goto fail;
		nojournal = wb__no_journal(wb->path);   /* rolled back: gone, or a live writer's */
	}
	direct = !wb->readonly && nojournal;
again:
	if ((rc = wb_connect(wb, direct ? 0 : rwro ? 2 : 1, 0)) != SQLITE_OK) {
		*err = wb_open_errmsg(wb->path, rc, wb->db != NULL ?
		    sqlite3_errmsg(wb->db) : sqlite3_errstr(rc));
		goto fail;
	}
	if (!created && wb_header_check(wb, &sb, err) != 0) {
		if (wb->readonly && wb_journal_size(wb->path) > 0) {
			free(*err);
			*err = wb__journal_errmsg(wb->path);
		}
		goto fail;
	}
	if (wb_open_check(wb, created, &uv, &rc, err) != 0) {
		/* A hot journal that this open may not roll back: the file alone is
		 * half a change, never to be read as it is. */
		if (rc == SQLITE_READONLY_ROLLBACK) {
			free(*err);
			*err = wb__journal_errmsg(wb->path);
			goto fail;
		}
		/* A WAL workbook whose -shm cannot be made (read-only media or
		 * directory): read it as an immutable file instead. */
		if (!wb->readonly || !wb__needs_immutable(rc))
			goto fail;
		free(*err);
		*err = NULL;
		if (wb_open_immutable(wb, &rc, err) != 0 ||
		    wb_open_check(wb, created, &uv, &rc, err) != 0)
			goto fail;
	}
	if (wb->older) {
		wb->older = 0;
		wb_disconnect(wb);
		if (wb_open_older(wb, err) != 0)
			goto fail;
		if (lstat(wb->copy, &sb) != 0) {
			*err = util_asprintf(_("cannot open %s: %s"), wb->copy, strerror(errno));
			goto fail;
		}
		goto again;
	}
	if (direct && wb->readonly) {
		/* Accepted, but only for reading (foreign objects, a newer schema):
		 * read it the way every read-only file is read. */
		wb_disconnect(wb);
		direct = 0;
		goto again;
	}
	if (!wb->readonly && !direct) {
		/* Accepted and writable: reconnect read-write, check again (the
		 * file may have changed meanwhile), then journal mode and upgrade. */
		wb_disconnect(wb);
		if ((rc = wb_connect(wb, 0, 0)) != SQLITE_OK) {
			*err = wb_open_errmsg(wb->path, rc, wb->db != NULL ?
			    sqlite3_errmsg(wb->db) : sqlite3_errstr(rc));
			goto fail;
		}
		if (wb_open_check(wb, created, &uv, &rc, err) != 0)
			goto fail;
	}
	if (!wb->readonly) {
		wb_open_journal(wb, dir);
		if (uv < wb__schema_target && uv < WB_SCHEMA_VERSION && wb_migrate(wb) != 0) {
			*err = strdup(wb->errmsg);
			goto fail;
		}
		/* Upgraded: now its schema must be this version's, exactly. */
		if (uv >= 1 && uv < WB_SCHEMA_VERSION &&
		    wb_open_check(wb, created, &uv, &rc, err) != 0)
			goto fail;
		if (wb->readonly)
			sqlite3_exec(wb->db, "PRAGMA query_only=ON", NULL, NULL, NULL);
	}
	if (wb->schema_exact && !wb->readonly) {
		/* Every object is ours, its SQL's digest that of this version: the search
		 * triggers are the ones wb_search_connect() would find, word for word. */
		sqlite3_db_config(wb->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, (int *)NULL);
	} else if (wb_search_connect(wb->db, &serr) != 0) {
		*err = util_asprintf(_("%s: cannot prepare the search (%s); run"
		    " 'ciipwb check' on it"), wb->path, serr != NULL ? serr : "?");
		free(serr);
		goto fail;
	}
	wb_pragma_int(wb, "PRAGMA schema_version", &wb->schema_cookie);
	wb->data_version = wb_data_version(wb);
	free(dir);
	*out = wb;
	return 0;
fail:
	wb_clean_err(err);
	if (wb != NULL)
		wb_disconnect(wb);
	if (created && wb != NULL) {
		/* Never leave behind an empty file we made ourselves. */
		unlink(wb->path);
	}
	wb_free(wb);
	free(abs);
	free(dir);
	return -1;
}

int
wb__open_db(sqlite3 *db, const char *name, struct wb **out, char **err)
{
	struct wb *wb = calloc(1, sizeof *wb);
	struct stat sb;
	char *serr = NULL;
	int64_t uv = 0, size = 0;
	int rc;

	*out = NULL;
	*err = NULL;
	if (wb == NULL || (wb->path = strdup(name)) == NULL) {
		*err = strdup(_("out of memory"));
		if (wb != NULL)
			wb->db = NULL;
		wb_free(wb);
		sqlite3_close(db);
		return -1;
	}
	wb->db = db;
	wb->readonly = 1;
	memset(&sb, 0, sizeof sb);
	if (wb_pragma_int(wb, "PRAGMA page_count", &size) == 0) {
		int64_t psize = 0;

		wb_pragma_int(wb, "PRAGMA page_size", &psize);
		sb.st_size = (off_t)(size * psize);
	}
	if ((rc = wb_harden(db, 1)) != SQLITE_OK)
		*err = wb_open_errmsg(wb->path, rc, sqlite3_errmsg(db));
	else if (sb.st_size > 0 && wb_header_check(wb, &sb, err) != 0)
		;
	else if (wb_open_check(wb, 0, &uv, &rc, err) != 0)
		;
	else if (wb_search_connect(wb->db, &serr) != 0) {
		*err = util_asprintf(_("%s: cannot prepare the search (%s); run"
		    " 'ciipwb check' on it"), wb->path, serr != NULL ? serr : "?");
		free(serr);
	} else {
		*out = wb;
		return 0;
	}
	wb_clean_err(err);
	wb_free(wb);
	return -1;
}

int
wb_open(const char *path, unsigned flags, struct wb **out, char **err)
{
	int r = wb_open_at(path, flags, 0, out, err);

	/* A creation killed after its link left the temporary name too (hostile: stale files). */
	if (r == 0 && !(*out)->readonly)
		wb__creation_clean((*out)->path);
	return r;
}

/* Make a new workbook at ABS: built in a temporary file of mode 0600 beside it,
 * closed (checkpointed), synced, then linked to ABS, which must still not exist. */
static int
wb_create_new(const char *abs, const char *dir, char **err)
{
	const char *base = strrchr(abs, '/') != NULL ? strrchr(abs, '/') + 1 : abs;
	char *tmp = util_asprintf("%s%s.%s.new-XXXXXX", dir, strcmp(dir, "/") == 0 ? "" : "/",
	    base);
	struct wb *t = NULL;
	int fd, r = -1;

	if (tmp == NULL) {
		*err = strdup(_("out of memory"));
		return -1;
	}
	wb__creation_clean(abs);
	fd = mkstemp(tmp);
	if (fd < 0) {
		if (errno == EROFS || errno == EACCES || errno == EPERM)
			*err = util_asprintf(_("cannot create %s: directory %s is"
			    " read-only; choose another path"), abs, dir);
		else
			*err = util_asprintf(_("cannot create %s: %s; choose another"
			    " path"), abs, strerror(errno));
		free(tmp);
		return -1;
	}
	/* Held until the file is gone: a later start knows a live creation from a dead one
	 * (wb__creation_clean). Never closed while SQLite has the file: a flock is not one of
	 * SQLite's POSIX locks, and this descriptor outlives SQLite's. */
	(void)flock(fd, LOCK_EX | LOCK_NB);
	if (fchmod(fd, 0600) != 0) {
		*err = util_asprintf(_("cannot create %s: %s; choose another path"),
		    abs, strerror(errno));
		goto out;
	}
	if (wb_open_at(tmp, WB_OPEN_CREATE, 1, &t, err) != 0) {
		char *e = util_asprintf(_("cannot create %s: %s"), abs, *err);

		if (e != NULL) {
			free(*err);
			*err = e;
		}
		goto out;
	}
	wb_close(t);
	/* The file's own data is synced by SQLite; the name needs the directory. */
	if (link(tmp, abs) != 0) {
		*err = errno == EEXIST ? util_asprintf(_("cannot create %s: another"
		    " program made a file of that name meanwhile; open it, or choose"
		    " another name"), abs) : util_asprintf(_("cannot create %s: %s;"
		    " choose another path"), abs, strerror(errno));
		goto out;
	}
	r = 0;
out:
	unlink(tmp);
	close(fd);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(tmp);
	return r;
}

int
wb__schema_guard(struct wb *wb, const char *what)
{
	int64_t cookie, uv;
	char *detail = NULL;
	int rc;

	if ((rc = -wb_pragma_int(wb, "PRAGMA schema_version", &cookie)) != 0)
		return wb__sqlerr(wb, rc, what);
	if (cookie == wb->schema_cookie)
		return 0;
	if ((rc = -wb_pragma_int(wb, "PRAGMA user_version", &uv)) != 0)
		return wb__sqlerr(wb, rc, what);
	if (uv > WB_SCHEMA_VERSION) {
		free(wb->notice);
		wb->notice = util_asprintf(_("upgraded by a newer ciipwb (schema %lld)"
		    " while open: upgrade ciipwb to edit it"), (long long)uv);
	} else if (uv < 1 || (rc = wb__schema_compare(wb->db, uv, 0, &detail)) != 0) {
		free(wb->notice);
		wb->notice = util_asprintf(_("foreign schema (%s), made by another"
		    " program while open: read-only now; restore a backup or ask for a"
		    " clean copy"), detail != NULL ? detail : "?");
	} else {
		wb->schema_cookie = cookie;
		return 0;
	}
	free(detail);
	wb->readonly = 1;
	sqlite3_exec(wb->db, "PRAGMA query_only=ON", NULL, NULL, NULL);
	return wb__err(wb, _("%s: %s: nothing was saved: %s"), wb->path, what,
	    wb->notice != NULL ? wb->notice : "?");
}
