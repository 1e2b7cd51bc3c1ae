/* crash.c: kill -9 at random moments while a child edits a workbook; every edit reported committed must survive. */
/*
 * Usage: tests/crash [ROUNDS]  (default $CRASH_ROUNDS, else 20; `make check-long` runs 200)
 * $CRASH_SEED repeats a run (the seed is printed first); $CIIPWB is the program to run.
 *
 * Each storage round forks a child that opens the workbook and makes random edits through
 * the storage API (notes, stakeholders, actions, groups, item ratings, note edits and undo),
 * writing a record of each to a pipe only after the call returned 0, that is after COMMIT.
 * Each browser round runs `ciipwb --script` on another workbook with a random script that
 * types notes, evidence, actions and ratings through the real keys; after each edit the
 * script asserts that the message line says "Saved", then reports the edit on standard
 * output. The parent kills the child with SIGKILL after a random delay, then checks, through
 * a separate read-only connection, that PRAGMA integrity_check is ok and that every reported
 * edit is there (a rating: the last one reported, or one the script set after it). Prints
 * TAP: one case per round, and the figures on the last lines.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
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

/* ---- The browser in scripted mode ---- */

enum { TUI_NOTE, TUI_EVIDENCE, TUI_ACTION, TUI_CURRENT, TUI_TARGET };
#define TUI_EDITS 1000          /* a script; the kill comes long before its end */
#define TUI_ITEMS 18            /* 64/211:1 to :18 */

static const char *const tui_kinds[] = { "note", "evidence", "action", "current", "target" };
/* The scale's codes by the chooser's digit (0: never rated). */
static const char *const tui_levels[] = { NULL, "start_up", "formative", "established",
    "strategic", "dynamic" };

struct tui_cmd {
	int kind, item, level;
	long tag;
	int reported;
};

struct tui {
	char *dir, *path, *script, *errfile;
	const char *prog;
	struct tui_cmd *all;    /* every text edit reported so far */
	size_t nall, capall;
	/* Per item and field (current, target): the levels the file may hold, a bit each. */
	unsigned ok_levels[TUI_ITEMS + 1][2];
	long tag;
	long long reported, ratings, lost, bad;
};

/* A random script of TUI_EDITS edits into cmds[] and sc->script. */
static int
tui_script(struct tui *t, struct tui_cmd *cmds)
{
	FILE *fp = fopen(t->script, "w");

	if (fp == NULL)
		return -1;
	for (int i = 0; i < TUI_EDITS; i++) {
		struct tui_cmd *c = &cmds[i];

		c->kind = rand() % 5;
		c->item = 1 + rand() % TUI_ITEMS;
		c->level = 1 + rand() % 5;
		c->tag = ++t->tag;
		c->reported = 0;
		fprintf(fp, "focus nav\ntype 64/211:%d\nkey Enter\n", c->item);
		switch (c->kind) {
		case TUI_NOTE:
			fprintf(fp, "key a\ntype tui note %ld\nkey C-d\n", c->tag);
			break;
		case TUI_EVIDENCE:
			fprintf(fp, "key v\ntype tui evidence %ld\nkey Enter\ntype shelf %ld\n"
			    "key Enter\n", c->tag, c->tag);
			break;
		case TUI_ACTION:
			/* Title, then owner, due date, priority and status as offered. */
			fprintf(fp, "key +\ntype tui action %ld\nkey Enter Enter Enter Enter Enter\n",
			    c->tag);
			break;
		default:
			fprintf(fp, "key %c %d\n", c->kind == TUI_CURRENT ? 'r' : 't', c->level);
			break;
		}
		fprintf(fp, "assert-message Saved\nreport %s %ld\n", tui_kinds[c->kind], c->tag);
	}
	return fclose(fp) == 0 ? 0 : -1;
}

/* 1 if the text edit is in the file. */
static int
tui_present(sqlite3 *db, const struct tui_cmd *c)
{
	static const char *const sql[] = {
		[TUI_NOTE] = "SELECT count(*) FROM note WHERE ref = ?1 AND body = 'tui note ' || ?2"
		    " AND deleted = 0",
		[TUI_EVIDENCE] = "SELECT count(*) FROM evidence WHERE ref = ?1 AND"
		    " name = 'tui evidence ' || ?2 AND location = 'shelf ' || ?2 AND deleted = 0",
		[TUI_ACTION] = "SELECT count(*) FROM action WHERE ref = ?1 AND"
		    " title = 'tui action ' || ?2 AND deleted = 0",
	};
	sqlite3_stmt *st;
	char ref[32];
	int n = 0;

	snprintf(ref, sizeof ref, "64/211:%d", c->item);
	if (sqlite3_prepare_v2(db, sql[c->kind], -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, c->tag);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n > 0;
}

/* The level (an index of tui_levels) of an item's rating in the file; -1 if unknown. */
static int
tui_level(sqlite3 *db, int item, int target)
{
	sqlite3_stmt *st;
	char ref[32];
	int level = 0;

	snprintf(ref, sizeof ref, "64/211:%d", item);
	if (sqlite3_prepare_v2(db, target ? "SELECT target FROM item WHERE ref = ?1" :
	    "SELECT current FROM item WHERE ref = ?1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		level = -1;
		for (int i = 1; i < 6; i++)
			if (strcmp(v, tui_levels[i]) == 0)
				level = i;
	}
	sqlite3_finalize(st);
	return level;
}

/* Record the browser's report LINE; 0, or -1 (and a TAP comment) if it was not asked for. */
static int
tui_report(struct tui *t, struct tui_cmd *cmds, long base, int round, const char *line)
{
	char kind[16];
	long tag;
	struct tui_cmd *c;

	if (sscanf(line, "%15s %ld", kind, &tag) != 2 || tag < base ||
	    tag >= base + TUI_EDITS || strcmp(kind, tui_kinds[cmds[tag - base].kind]) != 0) {
		printf("# round %d: the browser reported '%.60s', which it was not asked to do\n",
		    round, line);
		return -1;
	}
	c = &cmds[tag - base];
	c->reported = 1;
	if (c->kind <= TUI_ACTION) {
		if (t->nall == t->capall) {
			t->capall = t->capall ? t->capall * 2 : 1024;
			t->all = realloc(t->all, t->capall * sizeof *t->all);
			if (t->all == NULL)
				abort();
		}
		t->all[t->nall++] = *c;
	}
	return 0;
}

/* One round: run the browser on a new script, kill it MS ms after it reported its AFTER-th
 * edit (after it started, for 0), check. 1 if all is well. */
static int
tui_round(struct tui *t, int round, int after, long ms)
{
	static struct tui_cmd cmds[TUI_EDITS];
	int fd[2], status, ok = 1;
	long long got = 0, missing = 0, wrong = 0;
	long base = t->tag + 1;
	struct timespec ts;
	char line[128], *integ;
	sqlite3 *db = NULL;
	FILE *in;
	pid_t pid;

	if (tui_script(t, cmds) != 0 || pipe(fd) != 0)
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		int err = open(t->errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_RDONLY);

		if (err < 0 || nul < 0 || dup2(fd[1], 1) < 0 || dup2(err, 2) < 0 ||
		    dup2(nul, 0) < 0)
			_exit(3);
		close(fd[0]);
		/* No settings, drafts or data of the person running the tests. */
		setenv("HOME", t->dir, 1);
		setenv("XDG_CONFIG_HOME", t->dir, 1);
		setenv("XDG_DATA_HOME", t->dir, 1);
		setenv("XDG_STATE_HOME", t->dir, 1);
		unsetenv("CIIPWB_CONFIG");
		execl(t->prog, t->prog, "--size", "100x30", "--script", t->script, t->path,
		    (char *)NULL);
		_exit(4);
	}
	close(fd[1]);
	/* Kill points follow the browser's progress, not the clock: the same on a slow or
	 * loaded machine. */
	in = fdopen(fd[0], "r");
	while (in != NULL && got < after && fgets(line, sizeof line, in) != NULL) {
		ok &= tui_report(t, cmds, base, round, line) == 0;
		got++;
	}
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
	kill(pid, SIGKILL);
	while (in != NULL && fgets(line, sizeof line, in) != NULL) {
		ok &= tui_report(t, cmds, base, round, line) == 0;
		got++;
	}
	if (in != NULL)
		fclose(in);
	else
		close(fd[0]);
	waitpid(pid, &status, 0);
	if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) &&
	    !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
		size_t len = 0;
		char *err = tu_read_file(t->errfile, &len);

		printf("# round %d: the browser failed before the kill (status %d): %.200s\n",
		    round, status, err != NULL ? err : "");
		free(err);
		ok = 0;
	}
	/* What each rating may be now: the last one reported or one set after it. */
	for (int item = 1; item <= TUI_ITEMS; item++)
		for (int f = 0; f < 2; f++) {
			unsigned since = 0;
			int saved = 0;

			for (int i = 0; i < TUI_EDITS; i++) {
				const struct tui_cmd *c = &cmds[i];

				if (c->item != item || c->kind != (f ? TUI_TARGET : TUI_CURRENT))
					continue;
				if (c->reported) {
					since = 0;
					saved = 1;
				}
				since |= 1u << c->level;
			}
			t->ok_levels[item][f] = saved ? since : t->ok_levels[item][f] | since;
		}
	integ = tu_integrity(t->path);
	if (strcmp(integ, "ok") != 0) {
		printf("# round %d: %s\n", round, integ);
		ok = 0;
		t->bad++;
	}
	free(integ);
	if (sqlite3_open_v2(t->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		for (size_t i = 0; i < t->nall; i++)
			if (!tui_present(db, &t->all[i]))
				missing++;
		for (int item = 1; item <= TUI_ITEMS; item++)
			for (int f = 0; f < 2; f++) {
				int level = tui_level(db, item, f);

				if ((level < 0 || !(t->ok_levels[item][f] & (1u << level))) &&
				    wrong++ < 3)
					printf("# round %d: 64/211:%d's %s rating is %s, which was"
					    " neither the last one saved nor one set after it\n", round,
					    item, f ? "target" : "current",
					    level > 0 ? tui_levels[level] : "not set");
			}
	} else
		missing = (long long)t->nall;
	sqlite3_close(db);
	if (missing > 0 || wrong > 0) {
		printf("# round %d: %lld reported edits are missing, %lld ratings wrong\n", round,
		    missing, wrong);
		ok = 0;
	}
	for (int i = 0; i < TUI_EDITS; i++)
		if (cmds[i].reported && cmds[i].kind >= TUI_CURRENT)
			t->ratings++;
	t->lost += missing + wrong;
	t->reported += got;
	if (after > 0)
		snprintf(line, sizeof line, "saved edit %d", after);
	else
		snprintf(line, sizeof line, "it started");
	printf("%s %d - round %d: the browser killed %ld ms after %s, %lld edits it showed as"
	    " saved, %s\n", ok ? "ok" : "not ok", round, round, ms, line, got,
	    ok ? "all present, integrity ok" : "see above");
	fflush(stdout);
	return ok;
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
	const char *senv = getenv("CRASH_SEED"), *prog = getenv("CIIPWB");
	struct tui t = { .dir = dir, .path = tu_path(dir, "browser.ciipwb"), .script = tu_path(dir,
	    "random.script"), .errfile = tu_path(dir, "browser.err"), .prog = prog != NULL ?
	    prog : "src/ciipwb" };
	int fails = 0;
	unsigned seed;

	if (rounds < 1)
		rounds = 1;
	seed = senv != NULL ? (unsigned)strtoul(senv, NULL, 10) :
	    (unsigned)time(NULL) ^ (unsigned)getpid();
	srand(seed);
	printf("1..%d\n# seed %u (CRASH_SEED=%u repeats the same edits and kill times)\n",
	    2 * rounds, seed, seed);
	fflush(stdout);
	for (const char *p = path;; p = t.path) {
		/* Made once here: creation itself is all or nothing (linked into place). */
		struct wb *wb = NULL;
		char *err = NULL;

		if (wb_open(p, WB_OPEN_CREATE, &wb, &err) != 0) {
			printf("Bail out! %s\n", err);
			return 1;
		}
		wb_close(wb);
		if (p == t.path)
			break;
	}
	for (int item = 1; item <= TUI_ITEMS; item++)
		t.ok_levels[item][0] = t.ok_levels[item][1] = 1u;   /* not rated yet */
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
		fails += !ok;
		lost += missing;
		total += got;
		printf("%s %d - round %d: killed after %ld ms, %lld edits reported, %s\n",
		    ok ? "ok" : "not ok", round, round, ts.tv_nsec / 1000000L, got,
		    ok ? "all present, integrity ok" : "see above");
		fflush(stdout);
	}
	/* The browser: one round in five while it starts, the others after 1 to 40 saved
	 * edits, then up to 50 ms more (the next edit being typed or committed). */
	for (int round = rounds + 1; round <= 2 * rounds; round++) {
		int after = rand() % 5 == 0 ? 0 : 1 + rand() % 40;

		fails += !tui_round(&t, round, after, rand() % 51);
	}
	printf("# crash: %d kill -9 rounds of the storage API, %lld committed edits reported,"
	    " %lld lost, %lld unsound files\n", rounds, total, lost, bad);
	printf("# crash: %d kill -9 rounds of the browser (scripted), %lld edits shown as saved"
	    " (%lld of them ratings), %lld lost, %lld unsound files\n", rounds, t.reported,
	    t.ratings, t.lost, t.bad);
	free(recs);
	free(t.all);
	tu_rmrf(dir);
	free(t.path);
	free(t.script);
	free(t.errfile);
	free(path);
	free(dir);
	return fails > 0;
}
