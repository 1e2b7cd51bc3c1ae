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

int
wb_note_update_if(struct wb *wb, const struct wb_note *seen, const struct wb_note *n)
{
	struct wb_note now;
	int r;

	if (wb_batch_begin(wb) != 0)
		return -1;
	/* Inside the write transaction: nobody can change it between the look and the write. */
	r = wb_note_get(wb, n->id, &now);
	if (r != 0 || guard_differs(now.ref, seen->ref) || guard_differs(now.body, seen->body) ||
	    now.group_id != seen->group_id) {
		int gone = r != 0;

		if (r == 0)
			wb_note_free(&now);
		wb_batch_end(wb, 0);
		wb__err(wb, gone ? _("%s: cannot save the note: it was deleted since you opened"
		    " it, perhaps in another window; your text is kept") : _("%s: cannot save"
		    " the note: it was changed since you opened it, perhaps in another window;"
		    " your text is kept"), wb->path);
		return WB_CHANGED;
	}
	wb_note_free(&now);
	if (wb_note_update(wb, n) != 0) {
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
