/* crash.c: kill -9 at random moments while a child edits a workbook; every edit reported committed must survive. */
/*
 * Usage: tests/crash [ROUNDS]  (default $CRASH_ROUNDS, else 20; `make check-long` runs 200)
 *
 * Each round forks a child that opens the workbook and makes random edits through the
 * storage API (notes, stakeholders, actions, groups, item ratings, note edits and undo),
 * writing a record of each to a pipe only after the call returned 0, that is after COMMIT.
 * The parent kills it with SIGKILL after a random delay, then checks, through a separate
 * read-only connection, that PRAGMA integrity_check is ok and that every reported edit is
 * there. Prints TAP: one case per round, and the figures on the last line.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>

#include "wb.h"
#include "test-wb-util.h"

enum { REC_NOTE = 1, REC_STAKEHOLDER, REC_ACTION, REC_GROUP, REC_ITEM };

struct rec {
	int kind;
	int64_t id;      /* the row's key (REC_ITEM: the item number) */
	int64_t tag;     /* what was written: the body/name carries it */
};

static const char *const levels[] = { "start_up", "formative", "established", "strategic" };

static void
child(const char *path, int fd, unsigned seed)
{
	struct wb *wb = NULL;
	char *err = NULL, text[96];
	int64_t id, tag;
	struct rec r;

	srand(seed);
	if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0) {
		fprintf(stderr, "crash child: %s\n", err);
		_exit(2);
	}
	for (tag = (int64_t)seed * 100000;; tag++) {
		int what = rand() % 7, rc = -1;

		memset(&r, 0, sizeof r);
		r.tag = tag;
		snprintf(text, sizeof text, "edit %lld", (long long)tag);
		switch (what) {
		case 0: case 1: {
			struct wb_note n = { .ref = "64/211:1", .body = text };

			rc = wb_note_add(wb, &n, &id);
			r.kind = REC_NOTE;
			break;
		}
		case 2: {
			struct wb_stakeholder s = { .name = text, .category = "non_governmental" };

			rc = wb_stakeholder_add(wb, &s, &id);
			r.kind = REC_STAKEHOLDER;
			break;
		}
		case 3: {
			struct wb_action a = { .ref = "64/211:2", .title = text };

			rc = wb_action_add(wb, &a, &id);
			r.kind = REC_ACTION;
			break;
		}
		case 4:
			rc = wb_group_add(wb, text, &id);
			r.kind = REC_GROUP;
			break;
		case 5: {
			char ref[32];
			struct wb_item it = { .ref = ref };

			id = 1 + rand() % 18;
			snprintf(ref, sizeof ref, "64/211:%lld", (long long)id);
			it.current = levels[tag % 4];
			rc = wb_item_set(wb, &it);
			r.kind = REC_ITEM;
			break;
		}
		default:
			/* An undo of whatever came last: never reported, so never checked, but
			 * it rewrites rows and history while the kill may come. */
			(void)wb_undo(wb, NULL);
			(void)wb_redo(wb, NULL);
			continue;
		}
		if (rc != 0)
			continue;
		r.id = id;
		if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
			_exit(3);
	}
}

/* 1 if the edit is in the file. */
static int
present(sqlite3 *db, const struct rec *r)
{
	static const char *const sql[] = {
		[REC_NOTE] = "SELECT count(*) FROM note WHERE id = ?1 AND body = ?2",
		[REC_STAKEHOLDER] = "SELECT count(*) FROM stakeholder WHERE id = ?1 AND name = ?2",
		[REC_ACTION] = "SELECT count(*) FROM action WHERE id = ?1 AND title = ?2",
		[REC_GROUP] = "SELECT count(*) FROM breakout_group WHERE id = ?1 AND name = ?2",
		[REC_ITEM] = "SELECT count(*) FROM item WHERE ref = '64/211:' || ?1 AND"
		    " current IS NOT NULL AND ?2 IS NOT NULL",
	};
	sqlite3_stmt *st;
	char text[96];
	int n = 0;

	snprintf(text, sizeof text, "edit %lld", (long long)r->tag);
	if (sqlite3_prepare_v2(db, sql[r->kind], -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n > 0;
}

int
main(int argc, char **argv)
{
	const char *env = getenv("CRASH_ROUNDS");
	int rounds = argc > 1 ? atoi(argv[1]) : env != NULL ? atoi(env) : 20;
	char *dir = tu_tmpdir(), *path = tu_path(dir, "crash.ciipwb");
	long long total = 0, lost = 0, bad = 0;
	struct rec *recs = NULL;
	size_t nrecs = 0, cap = 0;
	unsigned seed;

	if (rounds < 1)
		rounds = 1;
	seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	srand(seed);
	printf("1..%d\n# seed %u\n", rounds, seed);
	fflush(stdout);
	{
		/* Made once here: creation itself is all or nothing (linked into place). */
		struct wb *wb = NULL;
		char *err = NULL;

		if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0) {
			printf("Bail out! %s\n", err);
			return 1;
		}
		wb_close(wb);
	}
	for (int round = 1; round <= rounds; round++) {
		int fd[2], status, ok = 1;
		struct timespec ts;
		sqlite3 *db = NULL;
		char *integ;
		pid_t pid;
		struct rec r;
		long long got = 0, missing = 0;

		if (pipe(fd) != 0)
			return 99;
		pid = fork();
		if (pid < 0)
			return 99;
		if (pid == 0) {
			close(fd[0]);
			child(path, fd[1], (unsigned)rand());
		}
		close(fd[1]);
		/* From 1 to 300 ms: some kills land during open and recovery, most mid-edit. */
		ts.tv_sec = 0;
		ts.tv_nsec = (1 + rand() % 300) * 1000000L;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		while (read(fd[0], &r, sizeof r) == (ssize_t)sizeof r) {
			if (nrecs == cap) {
				cap = cap ? cap * 2 : 1024;
				recs = realloc(recs, cap * sizeof *recs);
				if (recs == NULL)
					return 99;
			}
			recs[nrecs++] = r;
			got++;
		}
		close(fd[0]);
		waitpid(pid, &status, 0);
		if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) &&
		    !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
			printf("# round %d: the child failed before the kill (status %d)\n", round,
			    status);
			ok = 0;
		}
		integ = tu_integrity(path);
		if (strcmp(integ, "ok") != 0) {
			printf("# round %d: %s\n", round, integ);
			ok = 0;
			bad++;
		}
		free(integ);
		/* Every edit reported in any round so far (a later round never deletes). */
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
			for (size_t i = 0; i < nrecs; i++)
				if (recs[i].kind != REC_ITEM && !present(db, &recs[i]))
					missing++;
		} else
			missing = (long long)nrecs;
		sqlite3_close(db);
		if (missing > 0) {
			printf("# round %d: %lld reported edits are missing\n", round, missing);
			ok = 0;
		}
		lost += missing;
		total += got;
		printf("%s %d - round %d: killed after %ld ms, %lld edits reported, all present,"
		    " integrity ok\n", ok ? "ok" : "not ok", round, round,
		    ts.tv_nsec / 1000000L, got);
		fflush(stdout);
	}
	printf("# crash: %d kill -9 rounds, %lld committed edits reported, %lld lost, %lld"
	    " unsound files\n", rounds, total, lost, bad);
	free(recs);
	tu_rmrf(dir);
	free(path);
	free(dir);
	return 0;
}
