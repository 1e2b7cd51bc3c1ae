/* timebox.c: per-heading time-box timers on an injectable clock (no curses, no SQL). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timebox.h"

static int64_t
timebox_system_clock(void *arg)
{
	(void)arg;
	return (int64_t)time(NULL);
}

void
timebox_init(struct timebox *tb, int64_t default_length, timebox_clock clock, void *clock_arg)
{
	memset(tb, 0, sizeof *tb);
	tb->clock = clock != NULL ? clock : timebox_system_clock;
	tb->clock_arg = clock_arg;
	tb->default_length = default_length > 0 ? default_length : 1;
}

void
timebox_free(struct timebox *tb)
{
	for (size_t i = 0; i < tb->n; i++)
		free(tb->t[i].heading);
	free(tb->t);
	tb->t = NULL;
	tb->n = tb->cap = 0;
}

int64_t
timebox_now(const struct timebox *tb)
{
	return tb->clock(tb->clock_arg);
}

static struct timebox_timer *
timebox_find(const struct timebox *tb, const char *heading)
{
	if (heading == NULL)
		return NULL;
	for (size_t i = 0; i < tb->n; i++)
		if (strcmp(tb->t[i].heading, heading) == 0)
			return &tb->t[i];
	return NULL;
}

/* The heading's timer, made when missing; NULL out of memory. */
static struct timebox_timer *
timebox_get(struct timebox *tb, const char *heading)
{
	struct timebox_timer *t = timebox_find(tb, heading);

	if (t != NULL || heading == NULL)
		return t;
	if (tb->n == tb->cap) {
		size_t cap = tb->cap != 0 ? tb->cap * 2 : 8;
		struct timebox_timer *nt = realloc(tb->t, cap * sizeof *nt);

		if (nt == NULL)
			return NULL;
		tb->t = nt;
		tb->cap = cap;
	}
	t = &tb->t[tb->n];
	memset(t, 0, sizeof *t);
	if ((t->heading = strdup(heading)) == NULL)
		return NULL;
	t->length = tb->default_length;
	tb->n++;
	return t;
}

static int64_t
timebox_spent_now(const struct timebox_timer *t, int64_t now)
{
	return t->spent + (t->since != 0 && now > t->since ? now - t->since : 0);
}

int
timebox_set_length(struct timebox *tb, const char *heading, int64_t length)
{
	struct timebox_timer *t;

	if (length < 1 || length > INT64_C(100) * 3600)
		return -1;
	if ((t = timebox_get(tb, heading)) == NULL)
		return -1;
	if (length > t->length)
		t->expired_told = 0;
	t->length = length;
	return 0;
}

static void
timebox_stop(struct timebox *tb, struct timebox_timer *t)
{
	int64_t now = timebox_now(tb);

	if (t->since == 0)
		return;
	t->spent = timebox_spent_now(t, now);
	t->since = 0;
	t->last = now;
}

int
timebox_start(struct timebox *tb, const char *heading)
{
	struct timebox_timer *t = timebox_get(tb, heading);
	int64_t now;

	if (t == NULL)
		return -1;
	if (t->since != 0)
		return 0;
	for (size_t i = 0; i < tb->n; i++)
		if (&tb->t[i] != t)
			timebox_stop(tb, &tb->t[i]);
	now = timebox_now(tb);
	/* A clock that reads 0 would look stopped: count from 1. */
	t->since = now != 0 ? now : 1;
	if (t->first == 0)
		t->first = t->since;
	return 0;
}

void
timebox_pause(struct timebox *tb, const char *heading)
{
	struct timebox_timer *t = timebox_find(tb, heading);

	if (t != NULL)
		timebox_stop(tb, t);
}

void
timebox_reset(struct timebox *tb, const char *heading)
{
	struct timebox_timer *t = timebox_find(tb, heading);

	if (t == NULL)
		return;
	t->spent = t->since = t->first = t->last = 0;
	t->expired_told = 0;
}

int64_t
timebox_length(const struct timebox *tb, const char *heading)
{
	const struct timebox_timer *t = timebox_find(tb, heading);

	return t != NULL ? t->length : tb->default_length;
}

int64_t
timebox_spent(const struct timebox *tb, const char *heading)
{
	const struct timebox_timer *t = timebox_find(tb, heading);

	return t != NULL ? timebox_spent_now(t, timebox_now(tb)) : 0;
}

int64_t
timebox_left(const struct timebox *tb, const char *heading)
{
	return timebox_length(tb, heading) - timebox_spent(tb, heading);
}

int
timebox_running(const struct timebox *tb, const char *heading)
{
	const struct timebox_timer *t = timebox_find(tb, heading);

	return t != NULL && t->since != 0;
}

int64_t
timebox_started(const struct timebox *tb, const char *heading)
{
	const struct timebox_timer *t = timebox_find(tb, heading);

	return t != NULL ? t->first : 0;
}

int64_t
timebox_ended(const struct timebox *tb, const char *heading)
{
	const struct timebox_timer *t = timebox_find(tb, heading);

	if (t == NULL || t->first == 0)
		return 0;
	return t->since != 0 ? timebox_now(tb) : t->last;
}

const char *
timebox_active(const struct timebox *tb)
{
	for (size_t i = 0; i < tb->n; i++)
		if (tb->t[i].since != 0)
			return tb->t[i].heading;
	return NULL;
}

int
timebox_poll(struct timebox *tb)
{
	int64_t now = timebox_now(tb);

	for (size_t i = 0; i < tb->n; i++) {
		struct timebox_timer *t = &tb->t[i];

		if (t->since != 0 && !t->expired_told && timebox_spent_now(t, now) >= t->length) {
			t->expired_told = 1;
			return 1;
		}
	}
	return 0;
}

int64_t
timebox_left_at(int64_t length, int64_t spent, int64_t since, int64_t now)
{
	return length - spent - (since != 0 && now > since ? now - since : 0);
}

char *
timebox_format(int64_t seconds, char *buf, size_t size)
{
	const char *sign = seconds < 0 ? "-" : "";
	uint64_t s = seconds < 0 ? (uint64_t)0 - (uint64_t)seconds : (uint64_t)seconds;

	if (s >= 3600)
		snprintf(buf, size, "%s%llu:%02llu:%02llu", sign, (unsigned long long)(s / 3600),
		    (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
	else
		snprintf(buf, size, "%s%llu:%02llu", sign, (unsigned long long)(s / 60),
		    (unsigned long long)(s % 60));
	return buf;
}
