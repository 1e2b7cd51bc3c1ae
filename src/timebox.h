/* timebox.h: per-heading time-box timers (set length, start, pause, reset) on an injectable clock. */
#ifndef CIIPWB_TIMEBOX_H
#define CIIPWB_TIMEBOX_H

#include <stddef.h>
#include <stdint.h>

/*
 * One timer per heading, named by the heading's key ("64/211#2"); a timer springs into being,
 * stopped and with the default length, the first time a heading is named. At most one runs:
 * starting one pauses the one that ran. Time is whole seconds of a clock that the caller may
 * replace (tests use a fake one and never sleep); the default clock is time(2), so that
 * followers on the same machine can work out the time left from what the leader publishes.
 * No curses, no SQL.
 */

/* Seconds since the Unix epoch (any origin works, as long as it never goes back). */
typedef int64_t (*timebox_clock)(void *arg);

struct timebox_timer {
	char *heading;
	int64_t length;         /* seconds */
	int64_t spent;          /* seconds run before `since` */
	int64_t since;          /* clock time it last started; 0 while stopped */
	int64_t first;          /* clock time it first started since a reset; 0 = never */
	int64_t last;           /* clock time it last stopped; 0 = never */
	int expired_told;       /* timebox_poll() already reported its running out */
};

struct timebox {
	timebox_clock clock;
	void *clock_arg;
	int64_t default_length;
	struct timebox_timer *t;
	size_t n, cap;
};

/* DEFAULT_LENGTH in seconds (at least 1); CLOCK NULL means time(2). */
void timebox_init(struct timebox *tb, int64_t default_length, timebox_clock clock,
    void *clock_arg);
void timebox_free(struct timebox *tb);
int64_t timebox_now(const struct timebox *tb);

/* Change a heading's length (seconds, 1 or more; it keeps running if it ran). 0, or -1 when
 * LENGTH is out of range or memory runs out. */
int timebox_set_length(struct timebox *tb, const char *heading, int64_t length);
/* Start (or resume) a heading's timer, pausing any other. 0, or -1 out of memory. */
int timebox_start(struct timebox *tb, const char *heading);
/* Pause a heading's timer (nothing if it does not run). */
void timebox_pause(struct timebox *tb, const char *heading);
/* Back to its full length, stopped, never started (the length stays). */
void timebox_reset(struct timebox *tb, const char *heading);

/* What a heading's timer says now; a heading never named reads as a fresh timer. */
int64_t timebox_length(const struct timebox *tb, const char *heading);
int64_t timebox_spent(const struct timebox *tb, const char *heading);
/* Length minus time spent: negative once it has run out. */
int64_t timebox_left(const struct timebox *tb, const char *heading);
int timebox_running(const struct timebox *tb, const char *heading);
/* When it first started since the last reset, and when it last stopped (now while it runs);
 * 0 when it never ran. */
int64_t timebox_started(const struct timebox *tb, const char *heading);
int64_t timebox_ended(const struct timebox *tb, const char *heading);
/* The heading whose timer runs, or NULL. */
const char *timebox_active(const struct timebox *tb);

/* Once per run-out: 1 when the running timer has reached zero since the last call (for the
 * bell), else 0. A reset or a longer length arms it again. */
int timebox_poll(struct timebox *tb);

/* The time left from a published state (length, spent, since) at clock time NOW. */
int64_t timebox_left_at(int64_t length, int64_t spent, int64_t since, int64_t now);

/* "12:05", "1:02:03", and "-0:42" once it has run out; into BUF (at least 24 bytes). */
char *timebox_format(int64_t seconds, char *buf, size_t size);

#endif
