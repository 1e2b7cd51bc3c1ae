/* wb_follow.h: the position a leading instance publishes for followers (no history, no merge). */
#ifndef CIIPWB_WB_FOLLOW_H
#define CIIPWB_WB_FOLLOW_H

#include <stdint.h>

#include "wb.h"

/*
 * One row in the workbook's follow table. A leader (any instance with a writable workbook)
 * writes it when its selection or its timer changes; a follower opens the workbook read-only,
 * polls wb_changed() and reads the row again when it reports a change. The row is never in the
 * history (undo does not touch it) and merge leaves it out.
 */
struct wb_follow {
	int64_t pid;              /* the leader's process id; 0: no leader ever published */
	const char *host;         /* the leader's host name */
	int active;               /* 1 while the leader runs; 0 once it has quit */
	const char *view;         /* "browser", "presenter" or "notes" */
	const char *ref;          /* the selected item ("64/211:5") or heading ("64/211#2") */
	const char *timer_heading; /* heading of the timer shown, "" = none */
	int64_t timer_length;     /* its length in seconds */
	int64_t timer_spent;      /* seconds run before timer_since */
	int64_t timer_since;      /* Unix time the timer last started; 0 = paused */
	char updated[WB_TIME_SIZE];
};

/* Publish F (pid, host, active and updated are filled in here: this process, active). Never
 * waits for another writer: returns 1 when the workbook is busy (publish again later), 0 when
 * written, -1 with wb_errmsg() (read-only workbook, or a write error). */
int wb_follow_publish(struct wb *wb, const struct wb_follow *f);
/* 1 when publishing is cheap enough for every move (WAL: no sync per position); 0 when each
 * write syncs a rollback journal (removable media): publish at most once a second then. */
int wb_follow_cheap(const struct wb *wb);
/* Mark this process's position as left (active = 0), when it is the last publisher. 0 or -1. */
int wb_follow_leave(struct wb *wb);
/* Read the row; an empty row (pid 0, strings "") when nothing was published. Strings are
 * malloc'd: release them with wb_follow_free(). 0 or -1. */
int wb_follow_get(struct wb *wb, struct wb_follow *out);
void wb_follow_free(struct wb_follow *f);
/* 1 if the publisher of F is still running: active, and (on this host) its process exists. */
int wb_follow_alive(const struct wb_follow *f);

#endif
