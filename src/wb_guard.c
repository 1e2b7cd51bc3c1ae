/* wb_guard.c: edits that must not overwrite another instance's change, and waiting for a lock. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "wb.h"
#include "wb_internal.h"

/* 1 if the strings differ (NULL counts as ""). */
static int
guard_differs(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") != 0;
}

/* After a guarded look inside the write transaction: STATE 0 (as seen: run UPDATE on REC),
 * 1 (changed since) or 2 (deleted since): then nothing is written and the message, the
 * file's path and CHANGED or DELETED, says so. Returns as wb_note_update_if. */
static int
guard_finish(struct wb *wb, int state, int (*update)(struct wb *, const void *),
    const void *rec, const char *changed, const char *deleted)
{
	if (state != 0) {
		wb_batch_end(wb, 0);
		wb__err(wb, "%s: %s", wb->path, state == 2 ? deleted : changed);
		return WB_CHANGED;
	}
	if (update(wb, rec) != 0) {
		char *e = strdup(wb_errmsg(wb));

		wb_batch_end(wb, 0);
		if (e != NULL) {
			wb__err(wb, "%s", e);
			free(e);
		}
		return -1;
	}
	return wb_batch_end(wb, 1);
}

static int
guard_note_update(struct wb *wb, const void *rec)
{
	return wb_note_update(wb, rec);
}

int
wb_note_update_if(struct wb *wb, const struct wb_note *seen, const struct wb_note *n)
{
	struct wb_note now;
	int state;

	if (wb_batch_begin(wb) != 0)
		return -1;
	/* Inside the write transaction: nobody can change it between the look and the write. */
	if (wb_note_get(wb, n->id, &now) != 0) {
		state = 2;
	} else {
		state = guard_differs(now.ref, seen->ref) || guard_differs(now.body, seen->body) ||
		    now.group_id != seen->group_id;
		wb_note_free(&now);
	}
	return guard_finish(wb, state, guard_note_update, n, _("cannot save the note: it was"
	    " changed since you opened it, perhaps in another window; your text is kept"),
	    _("cannot save the note: it was deleted since you opened it, perhaps in another"
	    " window; your text is kept"));
}

/* SQLite's busy handler: tell the caller at once, then every 50 ms, until the lock is
 * free or the caller gives up. */
static int
guard_busy(void *arg, int count)
{
	struct wb *wb = arg;
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	if (wb->busy_cb == NULL || !wb->busy_cb(wb->busy_arg, count))
		return 0;
	nanosleep(&ts, NULL);
	return 1;
}

void
wb_set_busy(struct wb *wb, int (*cb)(void *arg, int count), void *arg)
{
	wb->busy_cb = cb;
	wb->busy_arg = arg;
	if (cb != NULL)
		sqlite3_busy_handler(wb->db, guard_busy, wb);
	else
		sqlite3_busy_timeout(wb->db, wb__busy_timeout_ms);
}

/* The evidence and action editors' guards, as wb_note_update_if (issue 12, defect 5). */
static int
guard_evidence_update(struct wb *wb, const void *rec)
{
	return wb_evidence_update(wb, rec);
}

int
wb_evidence_update_if(struct wb *wb, const struct wb_evidence *seen,
    const struct wb_evidence *e)
{
	struct wb_evidence now;
	int state;

	if (wb_batch_begin(wb) != 0)
		return -1;
	if (wb_evidence_get(wb, e->id, &now) != 0) {
		state = 2;
	} else {
		state = guard_differs(now.ref, seen->ref) || guard_differs(now.name, seen->name) ||
		    guard_differs(now.location, seen->location);
		wb_evidence_free(&now);
	}
	return guard_finish(wb, state, guard_evidence_update, e, _("cannot save the evidence:"
	    " it was changed since you opened it, perhaps in another window; your text is kept"),
	    _("cannot save the evidence: it was deleted since you opened it, perhaps in another"
	    " window; your text is kept"));
}

static int
guard_action_update(struct wb *wb, const void *rec)
{
	return wb_action_update(wb, rec);
}

int
wb_action_update_if(struct wb *wb, const struct wb_action *seen, const struct wb_action *a)
{
	struct wb_action now;
	int state;

	if (wb_batch_begin(wb) != 0)
		return -1;
	if (wb_action_get(wb, a->id, &now) != 0) {
		state = 2;
	} else {
		state = guard_differs(now.ref, seen->ref) || guard_differs(now.title, seen->title) ||
		    now.owner_id != seen->owner_id || guard_differs(now.due, seen->due) ||
		    guard_differs(now.priority, seen->priority) ||
		    guard_differs(now.status, seen->status);
		wb_action_free(&now);
	}
	return guard_finish(wb, state, guard_action_update, a, _("cannot save the action: it"
	    " was changed since you opened it, perhaps in another window; your text is kept"),
	    _("cannot save the action: it was deleted since you opened it, perhaps in another"
	    " window; your text is kept"));
}
