/* wb_follow.c: the follow position, a one-row table a leader writes and followers poll. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "wb.h"
#include "wb_follow.h"
#include "wb_internal.h"

#define WB_FOLLOW_HOST_MAX 256

static void
wb_follow_host(char buf[WB_FOLLOW_HOST_MAX])
{
	if (gethostname(buf, WB_FOLLOW_HOST_MAX) != 0)
		buf[0] = '\0';
	buf[WB_FOLLOW_HOST_MAX - 1] = '\0';
}

static void
wb_follow_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s != NULL ? s : "", -1, SQLITE_TRANSIENT);
}

int
wb_follow_publish(struct wb *wb, const struct wb_follow *f)
{
	const char *what = _("cannot publish the position for followers");
	char host[WB_FOLLOW_HOST_MAX], now[WB_TIME_SIZE];
	sqlite3_stmt *st = NULL;
	int rc;

	if (wb->readonly)
		return wb__err(wb, _("%s: %s: the workbook is open read-only"), wb->path, what);
	rc = sqlite3_prepare_v2(wb->db, "INSERT OR REPLACE INTO follow(id, pid, host, active,"
	    " view, ref, timer_heading, timer_length, timer_spent, timer_since, updated)"
	    " VALUES (1, ?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	wb_follow_host(host);
	wb__now(now);
	sqlite3_bind_int64(st, 1, (int64_t)getpid());
	wb_follow_bind_text(st, 2, host);
	wb_follow_bind_text(st, 3, f->view);
	wb_follow_bind_text(st, 4, f->ref);
	wb_follow_bind_text(st, 5, f->timer_heading);
	sqlite3_bind_int64(st, 6, f->timer_length);
	sqlite3_bind_int64(st, 7, f->timer_spent);
	sqlite3_bind_int64(st, 8, f->timer_since);
	wb_follow_bind_text(st, 9, now);
	/* Moving the selection must stay instant: never wait for another writer, and in WAL
	 * mode do not sync the log for a position (the next real edit syncs it). */
	sqlite3_busy_timeout(wb->db, 0);
	if (wb->wal)
		sqlite3_exec(wb->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	sqlite3_finalize(st);
	if (wb->wal)
		sqlite3_exec(wb->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
	wb_set_busy(wb, wb->busy_cb, wb->busy_arg);  /* the waiting set up before, if any */
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return 1;
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	return 0;
}

int
wb_follow_cheap(const struct wb *wb)
{
	return wb->wal;
}

int
wb_follow_leave(struct wb *wb)
{
	char host[WB_FOLLOW_HOST_MAX], now[WB_TIME_SIZE];
	sqlite3_stmt *st = NULL;
	int rc;

	if (wb->readonly)
		return 0;
	rc = sqlite3_prepare_v2(wb->db, "UPDATE follow SET active = 0, updated = ?3"
	    " WHERE id = 1 AND pid = ?1 AND host = ?2", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		wb_follow_host(host);
		wb__now(now);
		sqlite3_bind_int64(st, 1, (int64_t)getpid());
		wb_follow_bind_text(st, 2, host);
		wb_follow_bind_text(st, 3, now);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, _("cannot tell followers that this leader has quit"));
	return 0;
}

/* Copy column COL of the row (st NULL: ""); 0, or -1 out of memory. */
static int
wb_follow_dup(const char **dst, sqlite3_stmt *st, int col)
{
	const char *s = st != NULL ? (const char *)sqlite3_column_text(st, col) : NULL;

	*dst = strdup(s != NULL ? s : "");
	return *dst != NULL ? 0 : -1;
}

int
wb_follow_get(struct wb *wb, struct wb_follow *out)
{
	const char *what = _("cannot read the leader's position");
	sqlite3_stmt *st = NULL;
	int rc, bad = 0;

	memset(out, 0, sizeof *out);
	rc = sqlite3_prepare_v2(wb->db, "SELECT pid, host, active, view, ref, timer_heading,"
	    " timer_length, timer_spent, timer_since, updated FROM follow WHERE id = 1", -1,
	    &st, NULL);
	if (rc != SQLITE_OK)
		return wb__sqlerr(wb, rc, what);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 9);

		out->pid = sqlite3_column_int64(st, 0);
		out->active = sqlite3_column_int(st, 2) != 0;
		out->timer_length = sqlite3_column_int64(st, 6);
		out->timer_spent = sqlite3_column_int64(st, 7);
		out->timer_since = sqlite3_column_int64(st, 8);
		bad = wb_follow_dup(&out->host, st, 1) | wb_follow_dup(&out->view, st, 3) |
		    wb_follow_dup(&out->ref, st, 4) | wb_follow_dup(&out->timer_heading, st, 5);
		snprintf(out->updated, sizeof out->updated, "%s", u != NULL ? u : "");
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		bad = wb_follow_dup(&out->host, NULL, 0) | wb_follow_dup(&out->view, NULL, 0) |
		    wb_follow_dup(&out->ref, NULL, 0) | wb_follow_dup(&out->timer_heading, NULL, 0);
		rc = SQLITE_OK;
	} else {
		rc = sqlite3_extended_errcode(wb->db);
	}
	sqlite3_finalize(st);
	if (bad) {
		wb_follow_free(out);
		return wb__sqlerr(wb, SQLITE_NOMEM, what);
	}
	if (rc != SQLITE_OK) {
		wb_follow_free(out);
		return wb__sqlerr(wb, rc, what);
	}
	return 0;
}

void
wb_follow_free(struct wb_follow *f)
{
	free((void *)f->host);
	free((void *)f->view);
	free((void *)f->ref);
	free((void *)f->timer_heading);
	f->host = f->view = f->ref = f->timer_heading = NULL;
}

int
wb_follow_alive(const struct wb_follow *f)
{
	char host[WB_FOLLOW_HOST_MAX];

	if (f->pid <= 0 || !f->active)
		return 0;
	wb_follow_host(host);
	if (f->host == NULL || strcmp(f->host, host) != 0)
		return 1;       /* another machine: trust its word */
	return kill((pid_t)f->pid, 0) == 0 || errno == EPERM;
}
