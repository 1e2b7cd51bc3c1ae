/* bench.c: the benchmark's helper: a seeded stress-workbook generator (through the storage API), a process timer and a pty key driver. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <sqlite3.h>

#include "wb.h"
#include "wb_backup.h"

/* ---- a seeded generator (splitmix64): the same seed gives the same workbook ---- */

static uint64_t bench_state;

static uint64_t
bench_next(void)
{
	uint64_t z = (bench_state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* 0 .. n-1 */
static size_t
bench_pick(size_t n)
{
	return n == 0 ? 0 : (size_t)(bench_next() % n);
}

/* Row keys come from sqlite3_randomness(), seeded once from the default VFS: a VFS that
 * passes everything to the real one but answers xRandomness from the seed makes the keys
 * reproducible too. */
static sqlite3_vfs bench_vfs;
static sqlite3_vfs *bench_real;

static int
bench_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	for (int i = 0; i < n; i++)
		out[i] = (char)(bench_next() & 0xff);
	return n;
}

static int
bench_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *oflags)
{
	(void)vfs;
	return bench_real->xOpen(bench_real, name, f, flags, oflags);
}

static int
bench_vfs_install(void)
{
	if ((bench_real = sqlite3_vfs_find(NULL)) == NULL)
		return -1;
	bench_vfs = *bench_real;
	bench_vfs.zName = "bench";
	bench_vfs.pAppData = bench_real->pAppData;
	bench_vfs.xOpen = bench_open;
	bench_vfs.xRandomness = bench_randomness;
	return sqlite3_vfs_register(&bench_vfs, 1) == SQLITE_OK ? 0 : -1;
}

/* ---- text in several scripts ---- */

static const char *const bench_en[] = { "security", "network", "operator", "incident",
	"response", "national", "strategy", "infrastructure", "critical", "sector", "energy",
	"water", "telecommunications", "banking", "ministry", "regulator", "exercise",
	"awareness", "training", "report", "review", "agreement", "partnership", "risk",
	"assessment", "recovery", "plan", "team", "coordination", "law", "cooperation",
	"warning", "sharing", "information", "threat", "vulnerability", "budget", "owner",
	"deadline", "workshop", "the", "of", "and", "for", "with", "needs", "by", "a" };
static const char *const bench_fr[] = { "sécurité", "réseau", "opérateur", "intervention",
	"stratégie", "nationale", "infrastructures", "critiques", "secteur", "énergie",
	"ministère", "régulateur", "exercice", "sensibilisation", "coopération", "échange",
	"d'information", "menace", "plan", "équipe", "le", "la", "des", "et", "pour" };
static const char *const bench_es[] = { "seguridad", "red", "operador", "respuesta",
	"estrategia", "nacional", "infraestructura", "crítica", "sector", "energía",
	"ministerio", "ejercicio", "cooperación", "amenaza", "plan", "equipo", "el", "de",
	"y", "para" };
static const char *const bench_ru[] = { "безопасность", "сеть", "оператор", "инцидент",
	"стратегия", "национальная", "инфраструктура", "критическая", "сектор", "энергетика",
	"министерство", "учения", "сотрудничество", "угроза", "план", "команда", "и", "для" };
/* With vowel marks and tatweel, as typed by some participants. */
static const char *const bench_ar[] = { "الأَمْن", "الشبكة", "المُشَغِّل", "الحادث",
	"الاستراتيجية", "الوطنية", "البنية", "التحتية", "الحرجة", "القطاع", "الطاقة",
	"الوزارة", "تمـــرين", "التعاون", "التهديد", "خطة", "فريق", "و", "من", "في" };
static const char *const bench_zh[] = { "网络安全", "关键", "基础设施", "运营者", "事件",
	"响应", "国家", "战略", "部门", "能源", "通信", "银行", "部委", "监管", "演练",
	"合作", "威胁", "计划", "团队", "的" };

struct bench_lang {
	const char *const *words;
	size_t n;
	const char *sep, *end;
	int weight;
};

#define BENCH_L(a, sep, end, w) { a, sizeof a / sizeof a[0], sep, end, w }
static const struct bench_lang bench_langs[] = {
	BENCH_L(bench_en, " ", ". ", 50),
	BENCH_L(bench_fr, " ", ". ", 14),
	BENCH_L(bench_es, " ", ". ", 9),
	BENCH_L(bench_ru, " ", ". ", 9),
	BENCH_L(bench_ar, " ", ". ", 9),
	BENCH_L(bench_zh, "", "。", 9),
};

/* A word found in about one note in ten thousand (the "rare word" search). */
#define BENCH_RARE "quokka"

struct bench_buf {
	char s[2048];
	size_t n;
};

static void
bench_add(struct bench_buf *b, const char *s)
{
	size_t l = strlen(s);

	if (b->n + l + 1 < sizeof b->s) {
		memcpy(b->s + b->n, s, l);
		b->n += l;
		b->s[b->n] = '\0';
	}
}

/* MIN..MAX sentences of multi-script text into b. */
static const char *
bench_text(struct bench_buf *b, int min, int max)
{
	int sentences = min + (int)bench_pick((size_t)(max - min + 1));
	int total = 0;

	for (size_t i = 0; i < sizeof bench_langs / sizeof bench_langs[0]; i++)
		total += bench_langs[i].weight;
	b->n = 0;
	b->s[0] = '\0';
	for (int k = 0; k < sentences; k++) {
		int w = (int)bench_pick((size_t)total);
		const struct bench_lang *l = bench_langs;
		int words = 5 + (int)bench_pick(10);

		while (w >= l->weight) {
			w -= l->weight;
			l++;
		}
		for (int j = 0; j < words; j++) {
			if (j > 0)
				bench_add(b, l->sep);
			bench_add(b, l->words[bench_pick(l->n)]);
		}
		bench_add(b, l->end);
	}
	if (bench_pick(10000) == 0)
		bench_add(b, " " BENCH_RARE);
	return b->s;
}

/* ---- the generator ---- */

static const char *const bench_refs[] = { "58/199:1", "58/199:2", "58/199:3", "58/199:4",
	"58/199:5", "58/199:6", "58/199:7", "58/199:8", "58/199:9", "58/199:10", "58/199:11",
	"64/211:1", "64/211:2", "64/211:3", "64/211:4", "64/211:5", "64/211:6", "64/211:7",
	"64/211:8", "64/211:9", "64/211:10", "64/211:11", "64/211:12", "64/211:13",
	"64/211:14", "64/211:15", "64/211:16", "64/211:17", "64/211:18" };
#define BENCH_NREFS (sizeof bench_refs / sizeof bench_refs[0])
/* The item with the most notes (5,000 at scale 1). */
#define BENCH_BIG_REF "64/211:5"
#define BENCH_BIG_INDEX 15

static const char *const bench_scale_codes[] = { "not_assessed", "start_up", "formative",
	"established", "strategic", "dynamic" };
static const char *const bench_categories[] = { "national_government", "other_government",
	"non_governmental", "individual_citizens", "international_partner" };
static const char *const bench_engagements[] = { "unaware", "resistant", "neutral",
	"supportive", "leading" };
static const char *const bench_prios[] = { "high", "medium", "low" };
static const char *const bench_statuses[] = { "open", "open", "in_progress", "done",
	"dropped" };
static const char *const bench_roles[] = { "responsible", "consulted", "informed" };
static const char *const bench_kinds[] = { "depends_on", "coordinates_with", "reports_to" };

struct bench_gen {
	struct wb *wb;
	long edits;            /* edits in the open batch */
	long total;
};

/* Commit every few thousand edits: one transaction per edit would take hours and gain
 * nothing; a single one would keep the whole file in the WAL. */
static int
bench_edit(struct bench_gen *g, int rc, const char *what)
{
	if (rc != 0) {
		fprintf(stderr, "ciipwb-bench: %s: %s\n", what, wb_errmsg(g->wb));
		return -1;
	}
	g->total++;
	if (++g->edits >= 5000) {
		if (wb_batch_end(g->wb, 1) != 0 || wb_batch_begin(g->wb) != 0) {
			fprintf(stderr, "ciipwb-bench: %s\n", wb_errmsg(g->wb));
			return -1;
		}
		g->edits = 0;
	}
	return 0;
}

static long
bench_scaled(double scale, long n, long min)
{
	long v = (long)(scale * (double)n + 0.5);

	return v < min ? min : v;
}

static int
bench_gen(const char *path, double scale, uint64_t seed)
{
	struct bench_gen g = { NULL, 0, 0 };
	struct bench_buf b;
	char *err = NULL;
	long nstake = bench_scaled(scale, 10000, 5), nnotes = bench_scaled(scale, 100000, 40);
	long nactions = bench_scaled(scale, 20000, 10), nbig = bench_scaled(scale, 5000, 5);
	long nroles = bench_scaled(scale, 3000, 3), nrel = bench_scaled(scale, 2000, 2);
	long nlog = bench_scaled(scale, 200, 2), nedit = bench_scaled(scale, 1000, 1);
	int64_t groups[5], *stake = NULL, *notes = NULL;
	long i;
	int rc = 1;

	bench_state = seed;
	if (bench_vfs_install() != 0) {
		fprintf(stderr, "ciipwb-bench: cannot set up the seeded VFS\n");
		return 1;
	}
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "ciipwb-bench: %s exists; remove it first\n", path);
		return 1;
	}
	stake = calloc((size_t)nstake, sizeof *stake);
	notes = calloc((size_t)nnotes, sizeof *notes);
	if (stake == NULL || notes == NULL) {
		fprintf(stderr, "ciipwb-bench: out of memory\n");
		goto out;
	}
	if (wb_open(path, WB_OPEN_CREATE, &g.wb, &err) != 0) {
		fprintf(stderr, "ciipwb-bench: %s\n", err);
		free(err);
		goto out;
	}
	if (wb_batch_begin(g.wb) != 0) {
		fprintf(stderr, "ciipwb-bench: %s\n", wb_errmsg(g.wb));
		goto out;
	}
	{
		struct wb_details d = { "Stress workbook (generated)", "Utopia", "2026-11-23",
			"2026-11-25", "Conference centre", "Benchmark", "" };

		if (bench_edit(&g, wb_details_set(g.wb, &d), "details") != 0)
			goto out;
	}
	for (i = 0; i < 5; i++) {
		static const char *const names[] = { "Group A", "Groupe B", "Grupo C",
			"Группа D", "小组 E" };

		if (bench_edit(&g, wb_group_add(g.wb, names[i], &groups[i]), "group") != 0)
			goto out;
	}
	for (i = 0; i < (long)BENCH_NREFS; i++) {
		struct wb_item it = { bench_refs[i], bench_scale_codes[bench_pick(6)],
			bench_scale_codes[1 + bench_pick(5)], (int)bench_pick(2), (int)bench_pick(2),
			"" };

		if (bench_edit(&g, wb_item_set(g.wb, &it), "rating") != 0)
			goto out;
	}
	for (i = 0; i < nstake; i++) {
		struct bench_buf c;
		struct wb_stakeholder s;
		char name[160];

		bench_text(&c, 1, 1);
		snprintf(name, sizeof name, "%.80s %ld", bench_text(&b, 1, 1), i + 1);
		memset(&s, 0, sizeof s);
		s.name = name;
		s.category = bench_categories[bench_pick(5)];
		s.contact = bench_pick(2) ? "contact@example.org" : "";
		s.responsibilities = c.s;
		s.influence = 1 + (int)bench_pick(5);
		s.interest = 1 + (int)bench_pick(5);
		s.engagement = bench_engagements[bench_pick(5)];
		if (bench_edit(&g, wb_stakeholder_add(g.wb, &s, &stake[i]), "stakeholder") != 0)
			goto out;
	}
	for (i = 0; i < nnotes; i++) {
		/* The first nbig notes go to one item; the rest spread over the others. */
		size_t r = i < nbig ? BENCH_BIG_INDEX : bench_pick(BENCH_NREFS - 1);
		struct wb_note n;

		if (i >= nbig && r >= BENCH_BIG_INDEX)
			r++;
		memset(&n, 0, sizeof n);
		n.ref = bench_refs[r];
		n.body = bench_text(&b, 1, 4);
		n.group_id = bench_pick(3) == 0 ? 0 : groups[bench_pick(5)];
		if (bench_edit(&g, wb_note_add(g.wb, &n, &notes[i]), "note") != 0)
			goto out;
	}
	for (i = 0; i < nactions; i++) {
		struct wb_action a;
		char due[16];

		snprintf(due, sizeof due, "%04d-%02d-%02d", 2026 + (int)bench_pick(3),
		    1 + (int)bench_pick(12), 1 + (int)bench_pick(28));
		memset(&a, 0, sizeof a);
		a.ref = bench_refs[bench_pick(BENCH_NREFS)];
		a.title = bench_text(&b, 1, 1);
		a.owner_id = bench_pick(10) == 0 ? 0 : stake[bench_pick((size_t)nstake)];
		a.due = bench_pick(5) == 0 ? "" : due;
		a.priority = bench_prios[bench_pick(3)];
		a.status = bench_statuses[bench_pick(5)];
		if (bench_edit(&g, wb_action_add(g.wb, &a, NULL), "action") != 0)
			goto out;
	}
	for (i = 0; i < nroles; i++) {
		/* Stakeholder i gets one role; refused duplicates cannot happen (one each). */
		if (bench_edit(&g, wb_role_set(g.wb, stake[i % nstake],
		    bench_refs[(size_t)i % BENCH_NREFS], bench_roles[bench_pick(3)], NULL),
		    "role") != 0)
			goto out;
	}
	for (i = 0; i < nrel; i++) {
		size_t a = bench_pick((size_t)nstake), c = bench_pick((size_t)nstake);

		if (a == c)
			c = (c + 1) % (size_t)nstake;
		if (bench_edit(&g, wb_relation_add(g.wb, stake[a], stake[c],
		    bench_kinds[bench_pick(3)], NULL), "relation") != 0)
			goto out;
	}
	for (i = 0; i < nlog; i++) {
		struct wb_log l;
		char heading[16];

		memset(&l, 0, sizeof l);
		snprintf(heading, sizeof heading, "64/211#%d", 1 + (int)bench_pick(7));
		l.group_id = groups[bench_pick(5)];
		l.heading = heading;
		l.consensus = (int)bench_pick(2);
		l.note = bench_text(&b, 1, 2);
		if (bench_edit(&g, wb_log_add(g.wb, &l, NULL), "log") != 0)
			goto out;
	}
	/* Some later edits and deletions, as a workshop makes them. */
	for (i = 0; i < nedit; i++) {
		struct wb_note n;
		long k = (long)bench_pick((size_t)nnotes);

		if (notes[k] == 0)
			continue;
		if (i % 3 == 2) {
			if (bench_edit(&g, wb_note_delete(g.wb, notes[k]), "delete") != 0)
				goto out;
			notes[k] = 0;
			continue;
		}
		if (wb_note_get(g.wb, notes[k], &n) != 0) {
			fprintf(stderr, "ciipwb-bench: %s\n", wb_errmsg(g.wb));
			goto out;
		}
		{
			char *body = NULL;

			if (asprintf(&body, "%s %s", n.body, bench_text(&b, 1, 1)) < 0) {
				wb_note_free(&n);
				goto out;
			}
			wb_note_free(&n);
			n.id = notes[k];
			n.ref = bench_refs[bench_pick(BENCH_NREFS)];
			if (n.ref[0] == BENCH_BIG_REF[0] && strcmp(n.ref, BENCH_BIG_REF) == 0)
				n.ref = bench_refs[0];
			n.body = body;
			n.group_id = 0;
			rc = wb_note_update(g.wb, &n);
			free(body);
			n.ref = n.body = NULL;
			if (bench_edit(&g, rc, "edit") != 0) {
				rc = 1;
				goto out;
			}
			rc = 1;
		}
	}
	/* The last edit undone: a redo stack, as after a facilitator's slip. */
	if (bench_edit(&g, wb_undo(g.wb, NULL), "undo") != 0)
		goto out;
	if (wb_batch_end(g.wb, 1) != 0) {
		fprintf(stderr, "ciipwb-bench: %s\n", wb_errmsg(g.wb));
		goto out;
	}
	printf("%s: %ld edits: %ld stakeholders, %ld notes (%ld on %s), %ld actions\n",
	    path, g.total, nstake, nnotes, nbig, BENCH_BIG_REF, nactions);
	rc = 0;
out:
	wb_close(g.wb);
	free(stake);
	free(notes);
	if (rc != 0)
		unlink(path);
	return rc;
}

/* ---- timing a command ---- */

/* Milliseconds on CLOCK (CLOCK_MONOTONIC: wall; CLOCK_PROCESS_CPUTIME_ID: this process's CPU). */
static double
bench_clock(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double
bench_now(void)
{
	return bench_clock(CLOCK_MONOTONIC);
}

/* Run argv with stdin, stdout and stderr on /dev/null; print "WALL_MS CPU_MS MAXRSS_KB". */
static int
bench_time(char **argv)
{
	struct rusage ru;
	double t0, t1;
	pid_t pid;
	int status, fd;

	t0 = bench_now();
	pid = fork();
	if (pid < 0) {
		perror("ciipwb-bench: fork");
		return 1;
	}
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			if (getenv("BENCH_STDERR") == NULL)
				dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("ciipwb-bench: wait4");
		return 1;
	}
	t1 = bench_now();
	printf("%.3f %.3f %ld\n", t1 - t0,
	    (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3, ru.ru_maxrss);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "ciipwb-bench: %s exited with status %d\n", argv[0],
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		return 1;
	}
	return 0;
}

/* ---- bytes to the terminal per key, through a pty ---- */

/* Read what the program writes until it has been quiet for QUIET ms (waiting at most
 * FIRST ms for the first byte); returns the bytes read, or -1 at end of file. */
static long
bench_drain(int fd, int first, int quiet)
{
	char buf[65536];
	long total = 0;
	int wait = first;

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		int r = poll(&p, 1, wait);
		ssize_t n;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return total;
		n = read(fd, buf, sizeof buf);
		if (n <= 0)
			return total > 0 ? total : -1;
		total += n;
		wait = quiet;
	}
}

/* Start argv on a COLSxROWS pty, wait for its first screen, send KEYS (one byte each)
 * one at a time, each after the screen went quiet; print "FIRST_SCREEN_BYTES BYTES_PER_KEY". */
static int
bench_pty(int cols, int rows, const char *keys, char **argv)
{
	struct winsize ws = { (unsigned short)rows, (unsigned short)cols, 0, 0 };
	long first, total = 0, n;
	size_t nkeys = strlen(keys), i;
	int fd, status;
	pid_t pid;

	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("ciipwb-bench: forkpty");
		return 1;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	first = bench_drain(fd, 30000, 300);
	for (i = 0; i < nkeys && first >= 0; i++) {
		if (write(fd, keys + i, 1) != 1)
			break;
		n = bench_drain(fd, 5000, 60);
		if (n < 0)
			break;
		total += n;
	}
	if (write(fd, "q", 1) != 1)
		kill(pid, SIGTERM);
	(void)bench_drain(fd, 2000, 200);
	close(fd);
	waitpid(pid, &status, 0);
	printf("%ld %.1f\n", first, nkeys > 0 ? (double)total / (double)nkeys : 0.0);
	return first > 0 ? 0 : 1;
}

/* ---- cells that differ between two saved screens ---- */

static int
bench_line_cells(const char *s, wchar_t *out, int max)
{
	mbstate_t st;
	int n = 0;

	memset(&st, 0, sizeof st);
	while (*s != '\0' && *s != '\n' && n < max) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, strlen(s), &st);
		int w;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			wc = L'?';
			k = 1;
			memset(&st, 0, sizeof st);
		}
		s += k;
		w = wcwidth(wc);
		out[n++] = wc;
		if (w == 2 && n < max)
			out[n++] = 0;     /* the second column of a wide character */
	}
	for (int i = n; i < max; i++)
		out[i] = L' ';
	return max;
}

/* Print how many cells of a COLS-wide screen differ between files A and B. */
static int
bench_cells(int cols, const char *a, const char *b)
{
	FILE *fa = fopen(a, "r"), *fb = fopen(b, "r");
	char la[8192], lb[8192];
	wchar_t *ca, *cb;
	long diff = 0;

	ca = calloc((size_t)cols, sizeof *ca);
	cb = calloc((size_t)cols, sizeof *cb);
	if (fa == NULL || fb == NULL || ca == NULL || cb == NULL) {
		fprintf(stderr, "ciipwb-bench: cannot read %s or %s\n", a, b);
		return 1;
	}
	for (;;) {
		char *ra = fgets(la, sizeof la, fa), *rb = fgets(lb, sizeof lb, fb);

		if (ra == NULL && rb == NULL)
			break;
		bench_line_cells(ra != NULL ? ra : "", ca, cols);
		bench_line_cells(rb != NULL ? rb : "", cb, cols);
		for (int i = 0; i < cols; i++)
			diff += ca[i] != cb[i];
	}
	printf("%ld\n", diff);
	fclose(fa);
	fclose(fb);
	free(ca);
	free(cb);
	return 0;
}

/* ---- one fsync on the disk of DIR ---- */

static int
bench_fsync(const char *dir)
{
	char path[4096], buf[4096];
	double t[5], tmp;
	int fd;

	snprintf(path, sizeof path, "%s/.bench-fsync", dir);
	memset(buf, 'x', sizeof buf);
	for (int i = 0; i < 5; i++) {
		double t0;

		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0) {
			perror(path);
			return 1;
		}
		t0 = bench_now();
		if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf || fsync(fd) != 0) {
			perror(path);
			close(fd);
			return 1;
		}
		t[i] = bench_now() - t0;
		close(fd);
	}
	unlink(path);
	for (int i = 0; i < 5; i++)
		for (int j = i + 1; j < 5; j++)
			if (t[j] < t[i]) {
				tmp = t[i];
				t[i] = t[j];
				t[j] = tmp;
			}
	printf("%.3f\n", t[2]);
	return 0;
}

/* Take the due rolling backup of FILE in slices of MS ms, as the browser does between keys;
 * print "SLICES LONGEST_SLICE_MS TOTAL_MS" (wall). The backup goes to FILE.backups, which
 * should hold none younger than a minute (none at all: one is due). */
/* Take the due rolling backup of FILE in slices of MS ms, as the browser does between keys;
 * print "SLICES LONGEST_WALL_MS LONGEST_CPU_MS TOTAL_WALL_MS TOTAL_CPU_MS". The backup goes to
 * FILE.backups, which should hold none younger than a minute (none at all: one is due). */
static int
bench_backup(const char *path, int ms)
{
	struct wb *wb = NULL;
	char *err = NULL;
	double t0, c0, t, c, wall = 0, cpu = 0, twall = 0, tcpu = 0;
	int n = 0, r;

	if (wb_open(path, 0, &wb, &err) != 0 || wb_backup_auto(wb, 1, 1000) != 0) {
		fprintf(stderr, "ciipwb-bench: %s\n", err != NULL ? err : wb_errmsg(wb));
		free(err);
		wb_close(wb);
		return 1;
	}
	do {
		t0 = bench_now();
		c0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
		r = wb_backup_step(wb, ms);
		t = bench_now() - t0;
		c = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c0;
		twall += t;
		tcpu += c;
		wall = t > wall ? t : wall;
		cpu = c > cpu ? c : cpu;
		n++;
	} while (r == 1);
	if (r != 0)
		fprintf(stderr, "ciipwb-bench: %s\n", wb_errmsg(wb));
	wb_close(wb);
	printf("%d %.3f %.3f %.3f %.3f\n", n, wall, cpu, twall, tcpu);
	return r != 0;
}

static void
bench_usage(void)
{
	fputs("usage: ciipwb-bench gen [--scale X] [--seed N] FILE\n"
	    "       ciipwb-bench time COMMAND [ARG]...\n"
	    "       ciipwb-bench pty COLSxROWS KEYS COMMAND [ARG]...\n"
	    "       ciipwb-bench cells COLS SCREEN-A SCREEN-B\n"
	    "       ciipwb-bench fsync DIR\n"
	    "       ciipwb-bench backup MS FILE\n", stderr);
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc >= 2 && strcmp(argv[1], "gen") == 0) {
		double scale = 1.0;
		uint64_t seed = 11;
		int i;

		for (i = 2; i + 1 < argc && argv[i][0] == '-'; i += 2) {
			if (strcmp(argv[i], "--scale") == 0)
				scale = strtod(argv[i + 1], NULL);
			else if (strcmp(argv[i], "--seed") == 0)
				seed = strtoull(argv[i + 1], NULL, 10);
			else
				break;
		}
		if (i + 1 != argc || !(scale > 0.0 && scale <= 10.0)) {
			bench_usage();
			return 2;
		}
		return bench_gen(argv[i], scale, seed);
	}
	if (argc >= 3 && strcmp(argv[1], "time") == 0)
		return bench_time(argv + 2);
	if (argc >= 5 && strcmp(argv[1], "pty") == 0) {
		int cols, rows;

		if (sscanf(argv[2], "%dx%d", &cols, &rows) != 2 || cols < 1 || rows < 1) {
			bench_usage();
			return 2;
		}
		return bench_pty(cols, rows, argv[3], argv + 4);
	}
	if (argc == 5 && strcmp(argv[1], "cells") == 0 && atoi(argv[2]) > 0)
		return bench_cells(atoi(argv[2]), argv[3], argv[4]);
	if (argc == 3 && strcmp(argv[1], "fsync") == 0)
		return bench_fsync(argv[2]);
	if (argc == 4 && strcmp(argv[1], "backup") == 0 && atoi(argv[2]) >= 0)
		return bench_backup(argv[3], atoi(argv[2]));
	bench_usage();
	return 2;
}
