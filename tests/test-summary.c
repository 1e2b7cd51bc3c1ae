/* test-summary.c: the summary model (gaps, areas, plan, anonymity) and every writer on hostile text. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "framework.h"
#include "summary.h"
#include "summary_print.h"
#include "summary_text.h"
#include "demo.h"
#include "summary-hostile.h"
#include "test-wb-util.h"
#include "text.h"
#include "util.h"
#include "wb.h"
#include "wb_merge.h"

static struct catalog *cat;

/* 2026-03-11 17:00 UTC. */
#define T_NOW ((time_t)1773248400)

static struct wb *
t_open(const char *path)
{
	struct wb *wb = NULL;
	char *err = NULL;

	if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0)
		fail_msg("open %s: %s", path, err);
	return wb;
}

static struct summary *
t_build(struct wb *wb, int anonymous, int a4)
{
	struct summary_opts o = { 0 };
	struct summary *s = NULL;
	char *err = NULL;

	o.anonymous = anonymous;
	o.paper_a4 = a4;
	o.width = 80;
	o.now = T_NOW;
	if (summary_build(wb, cat, &o, &s, &err) != 0)
		fail_msg("build: %s", err);
	return s;
}

/* The summary in FORMAT as a malloc'd string. */
static char *
t_render(struct summary *s, enum summary_format f, size_t *len)
{
	char *buf = NULL, *err = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	assert_non_null(fp);
	assert_int_equal(summary_write(s, f, fp, &err), 0);
	fclose(fp);
	if (len != NULL)
		*len = n;
	return buf;
}

static void
t_item(struct wb *wb, const char *ref, const char *cur, const char *tgt, int review)
{
	struct wb_item it = { 0 };

	it.ref = ref;
	it.current = cur;
	it.target = tgt;
	it.needs_review = review;
	assert_int_equal(wb_item_set(wb, &it), 0);
}

static int64_t
t_stakeholder(struct wb *wb, const char *name, const char *cat_code)
{
	struct wb_stakeholder s = { 0 };
	int64_t id;

	s.name = name;
	s.category = cat_code;
	s.contact = "secret.contact@example.org";
	assert_int_equal(wb_stakeholder_add(wb, &s, &id), 0);
	return id;
}

static void
t_action(struct wb *wb, const char *ref, const char *title, int64_t owner, const char *due,
    const char *status)
{
	struct wb_action a = { 0 };
	int64_t id;

	a.ref = ref;
	a.title = title;
	a.owner_id = owner;
	a.due = due;
	a.status = status;
	assert_int_equal(wb_action_add(wb, &a, &id), 0);
}

static size_t
t_find(const struct summary *s, const char *ref)
{
	size_t i;

	for (i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].fw->ref, ref) == 0)
			return i;
	fail_msg("no item %s", ref);
	return 0;
}

/* Appends each action's title and "|" to *ARG. */
static int
t_title_cb(const struct summary_action *a, void *arg)
{
	char **titles = arg, *t = util_asprintf("%s%s|", *titles != NULL ? *titles : "", a->title);

	free(*titles);
	*titles = t;
	return 0;
}

static void
build__ranks_gaps_and_lists_the_areas_for_further_action(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "w.ciipwb");
	struct wb *wb = t_open(path);
	struct summary *s;
	int64_t a, b, id;

	(void)state;
	t_item(wb, "64/211:1", "start_up", "strategic", 0);     /* gap 3 */
	t_item(wb, "64/211:2", "formative", "established", 1);  /* gap 1, review */
	t_item(wb, "64/211:3", "start_up", "established", 0);   /* gap 2 */
	t_item(wb, "64/211:4", "strategic", "formative", 0);    /* above target */
	t_item(wb, "64/211:15", "not_applicable", NULL, 0);
	a = t_stakeholder(wb, "Agency A", "national_government");
	b = t_stakeholder(wb, "Operator B", "non_governmental");
	assert_int_equal(wb_role_set(wb, a, "64/211:1", "accountable", &id), 0);
	assert_int_equal(wb_role_set(wb, b, "64/211:1", "consulted", &id), 0);
	t_action(wb, "64/211:1", "Late one", a, "2026-01-01", "open");
	t_action(wb, "64/211:2", "Future one", b, "2026-06-01", "in_progress");
	t_action(wb, "64/211:3", "Done one", b, "2025-01-01", "done");
	t_action(wb, "64/211:3", "Undated", 0, "", "open");
	s = t_build(wb, 0, 1);

	/* Only 64/211 holds anything: 58/199 is left out. */
	assert_int_equal(s->nfws, 1);
	assert_int_equal(s->nitems, 18);
	assert_int_equal(s->ngaps, 3);
	assert_string_equal(s->items[s->gaps[0]].fw->ref, "64/211:1");
	assert_string_equal(s->items[s->gaps[1]].fw->ref, "64/211:3");
	assert_string_equal(s->items[s->gaps[2]].fw->ref, "64/211:2");
	assert_int_equal(s->items[t_find(s, "64/211:4")].gap, -2);
	/* Not applicable is neither assessed-missing nor in any other list. */
	assert_int_equal(s->nnot_assessed, 18 - 5);
	assert_int_equal(s->nreview, 1);
	assert_int_equal(s->nled, 1);
	assert_int_equal(s->nno_lead, 17 - 1);
	assert_string_equal(s->items[t_find(s, "64/211:1")].lead, "Agency A");
	assert_int_equal(s->nno_action, 17 - 3);
	/* The plan: open actions only, overdue first, undated last. */
	assert_int_equal(s->nplan, 3);
	assert_int_equal(s->noverdue, 1);
	{
		char *titles = NULL;

		assert_int_equal(summary_actions_each(s, NULL, 1, t_title_cb, &titles), 0);
		assert_string_equal(titles, "Late one|Future one|Undated|");
		free(titles);
	}
	assert_int_equal(s->nengaged, 2);
	assert_int_equal(s->ncategories_present, 2);
	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

static void
anonymous__leaves_out_names_contacts_and_groups_in_every_format(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "w.ciipwb");
	struct wb *wb = t_open(path);
	struct wb_details d = { 0 };
	struct wb_note n = { 0 };
	struct summary *s;
	int64_t a, b, g, id;
	int f;

	(void)state;
	d.title = "Workshop";
	d.facilitator = "Facilitator Fiona";
	assert_int_equal(wb_details_set(wb, &d), 0);
	assert_int_equal(wb_group_add(wb, "Group Gamma", &g), 0);
	a = t_stakeholder(wb, "Agency Alpha", "national_government");
	assert_int_equal(wb_role_set(wb, a, "64/211:5", "accountable", &id), 0);
	t_action(wb, "64/211:5", "Do it", a, "2026-01-01", "open");
	n.ref = "64/211:5";
	n.body = "A note";
	n.group_id = g;
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	b = t_stakeholder(wb, "Beta Body", "international_partner");
	assert_int_equal(wb_relation_add(wb, a, b, "reports_to", &id), 0);

	s = t_build(wb, 0, 1);
	for (f = SUMMARY_TEXT; f <= SUMMARY_JSON; f++) {
		char *out = t_render(s, (enum summary_format)f, NULL);

		assert_non_null(strstr(out, "Agency Alpha"));
		assert_non_null(strstr(out, "Group Gamma"));
		free(out);
	}
	summary_free(s);
	s = t_build(wb, 1, 1);
	for (f = SUMMARY_TEXT; f <= SUMMARY_JSON; f++) {
		char *out = t_render(s, (enum summary_format)f, NULL);

		assert_null(strstr(out, "Agency Alpha"));
		assert_null(strstr(out, "Beta Body"));
		assert_null(strstr(out, "secret.contact"));
		assert_null(strstr(out, "Group Gamma"));
		assert_null(strstr(out, "Fiona"));
		assert_non_null(strstr(out, "A note"));
		if (f != SUMMARY_CSV && f != SUMMARY_JSON)
			assert_non_null(strstr(out, "nonymous edition"));
		free(out);
	}
	assert_string_equal(s->items[t_find(s, "64/211:5")].lead,
	    "National Government ministries or agencies");
	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

/* No ESC, C0 (but LF, FF and, in CSV, CR), C1 or bidi control in OUT. */
static void
t_assert_inert(const char *out, size_t len, int crlf)
{
	size_t i, n;

	for (i = 0; i < len; i += n) {
		unsigned long cp = text_decode(out + i, len - i, &n);

		if (cp < 0x20 && cp != '\n' && cp != '\f' && !(crlf && cp == '\r'))
			fail_msg("control %#lx at byte %zu", cp, i);
		if (cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			fail_msg("DEL or C1 %#lx at byte %zu", cp, i);
		if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x200e || cp == 0x200f)
			fail_msg("bidi control %#lx at byte %zu", cp, i);
		if (cp == 0xfffd && n == 1 && (unsigned char)out[i] != 0xef)
			fail_msg("invalid UTF-8 at byte %zu", i);
	}
}

/* Every page of the text summary has exactly LINES lines, none wider than 80 columns, and
 * ends with its "page N of M" footer. */
static void
t_assert_pages(const char *out, int lines)
{
	const char *p = out;
	int page = 0, pages = 0;
	char want[64];

	for (const char *q = out; *q != '\0'; q++)
		pages += *q == '\f';
	pages++;
	while (*p != '\0') {
		const char *end = strchr(p, '\f');
		const char *stop = end != NULL ? end : p + strlen(p);
		const char *line = p, *last = NULL;
		int n = 0;

		page++;
		while (line < stop) {
			const char *nl = memchr(line, '\n', (size_t)(stop - line));
			size_t len = nl != NULL ? (size_t)(nl - line) : (size_t)(stop - line);

			if (text_width(line, len) > 80)
				fail_msg("page %d line %d is %d columns wide", page, n + 1,
				    text_width(line, len));
			last = line;
			n++;
			line += len + (nl != NULL);
		}
		assert_int_equal(n, lines);
		snprintf(want, sizeof want, "page %d of %d", page, pages);
		assert_non_null(last);
		assert_non_null(strstr(last, want));
		p = end != NULL ? end + 1 : stop;
	}
	assert_int_equal(page, pages);
}

static void
hostile__text_stays_inert_and_inside_the_page_in_every_format(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "h.ciipwb");
	struct summary *s;
	struct wb *wb;
	size_t len;
	char *out;
	int a4;

	(void)state;
	sh_write(path);
	wb = t_open(path);
	for (a4 = 0; a4 <= 1; a4++) {
		s = t_build(wb, 0, a4);
		out = t_render(s, SUMMARY_TEXT, &len);
		t_assert_inert(out, len, 0);
		t_assert_pages(out, a4 ? 70 : 66);
		free(out);
		summary_free(s);
	}
	s = t_build(wb, 0, 1);

	out = t_render(s, SUMMARY_HTML, &len);
	t_assert_inert(out, len, 0);
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<b>bold"));
	assert_null(strstr(out, "<img"));
	assert_null(strstr(out, "</style><style>"));
	assert_null(strstr(out, "href="));
	assert_non_null(strstr(out, "&lt;script&gt;"));
	/* One <style> and no other: the header's CSS string is escaped. */
	assert_null(strstr(strstr(out, "</style>") + 1, "</style>"));
	free(out);

	out = t_render(s, SUMMARY_MARKDOWN, &len);
	t_assert_inert(out, len, 0);
	for (const char *p = strchr(out, '<'); p != NULL; p = strchr(p + 1, '<'))
		if (p == out || p[-1] != '\\')
			fail_msg("unescaped '<' at byte %zu", (size_t)(p - out));
	assert_non_null(strstr(out, "\\<script\\>"));
	assert_null(strstr(out, "[link](http"));
	assert_non_null(strstr(out, "\\[link\\](http"));
	free(out);

	out = t_render(s, SUMMARY_CSV, &len);
	t_assert_inert(out, len, 1);
	assert_null(strstr(out, "\"=HYPERLINK"));
	assert_null(strstr(out, ",=HYPERLINK"));
	assert_null(strstr(out, "\"@SUM"));
	assert_null(strstr(out, "\"+1+2"));
	assert_non_null(strstr(out, "\"'=HYPERLINK"));
	assert_non_null(strstr(out, "\"'@SUM"));
	free(out);

	out = t_render(s, SUMMARY_JSON, &len);
	t_assert_inert(out, len, 0);
	assert_null(strchr(out, '<'));
	assert_non_null(strstr(out, "\\u003cscript\\u003e"));
	free(out);

	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

static void
write_file__replaces_only_with_a_complete_private_file(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "w.ciipwb"), *out = tu_path(dir, "s.txt");
	char *bad = tu_path(dir, "missing/s.txt"), *err = NULL, *got;
	struct summary *s;
	struct wb *wb = t_open(path);
	struct stat st;
	size_t len;

	(void)state;
	tu_write_file(out, "old", 3);
	chmod(out, 0644);
	s = t_build(wb, 0, 1);
	assert_int_equal(summary_write_file(s, SUMMARY_TEXT, out, &err), 0);
	assert_int_equal(stat(out, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	got = tu_read_file(out, &len);
	assert_true(len > 1000);
	assert_non_null(strstr(got, "page 1 of"));
	free(got);
	/* A directory that does not exist: an error naming the file, nothing written. */
	assert_int_equal(summary_write_file(s, SUMMARY_JSON, bad, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "missing/s.txt"));
	free(err);
	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(bad);
	free(out);
	free(path);
	free(dir);
}

static void
executive__is_one_text_page(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "h.ciipwb");
	struct summary_opts o = { 0 };
	struct summary *s = NULL;
	char *err = NULL, *out;
	struct wb *wb;

	(void)state;
	sh_write(path);
	wb = t_open(path);
	o.executive = 1;
	o.paper_a4 = 0;
	o.now = T_NOW;
	assert_int_equal(summary_build(wb, cat, &o, &s, &err), 0);
	out = t_render(s, SUMMARY_TEXT, NULL);
	assert_null(strchr(out, '\f'));
	assert_non_null(strstr(out, "page 1 of 1"));
	assert_non_null(strstr(out, "Executive summary"));
	assert_null(strstr(out, "Appendix"));
	free(out);
	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

static void
print__names_the_queue_or_writes_the_file_beside_the_workbook(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "kenya.ciipwb"), *got = tu_path(dir, "got");
	char *cmd, *msg = NULL, *beside = tu_path(dir, "kenya-summary.txt"), *body;
	struct summary *s;
	struct wb *wb = t_open(path);
	struct stat st;
	size_t len;

	(void)state;
	s = t_build(wb, 0, 1);
	/* What lp says names the queue. */
	cmd = util_asprintf("cat > '%s'; echo 'request id is ciipwbpdf-42 (1 file(s))'", got);
	assert_int_equal(summary_print(s, cmd, &msg), 0);
	assert_string_equal(msg, "Sent to print queue ciipwbpdf (request ciipwbpdf-42).");
	free(msg);
	free(cmd);
	body = tu_read_file(got, &len);
	assert_non_null(strstr(body, "page 1 of"));
	free(body);
	assert_int_not_equal(stat(beside, &st), 0);
	/* A command that fails: the summary goes beside the workbook, and the message says so. */
	assert_int_equal(summary_print(s, "echo 'lp: Error - no default destination' >&2; exit 1",
	    &msg), 1);
	assert_non_null(strstr(msg, "no default destination"));
	assert_non_null(strstr(msg, beside));
	free(msg);
	assert_int_equal(stat(beside, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* CIIPWB_PRINT wins over the setting, whose default prints a page on a sheet. */
	setenv("CIIPWB_PRINT", "my-print", 1);
	assert_string_equal(summary_print_command(), "my-print");
	unsetenv("CIIPWB_PRINT");
	assert_string_equal(summary_print_command(), "lp -o lpi=7 -o cpi=11");
	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(beside);
	free(got);
	free(path);
	free(dir);
}

static void
log__shows_the_time_spent_from_the_timer(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "w.ciipwb"), *out;
	struct wb *wb = t_open(path);
	struct wb_log l = { 0 };
	struct summary *s;
	int64_t id;

	(void)state;
	l.heading = "64/211#5";
	l.consensus = 1;
	l.note = "Agreed";
	l.started = "2026-03-10T09:30:00Z";
	l.ended = "2026-03-10T10:15:00Z";
	l.seconds = 45 * 60;
	assert_int_equal(wb_log_add(wb, &l, &id), 0);
	s = t_build(wb, 0, 1);
	out = t_render(s, SUMMARY_MARKDOWN, NULL);
	assert_non_null(strstr(out, "64/211 \\#5 Incident management and recovery"));
	assert_non_null(strstr(out, "consensus; 45 min, 09:30 to 10:15. Agreed"));
	free(out);
	out = t_render(s, SUMMARY_JSON, NULL);
	assert_non_null(strstr(out, "\"seconds\": 2700"));
	free(out);
	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

static void
merge__open_conflicts_appear_without_sources_when_anonymous(void **state)
{
	char *dir = tu_tmpdir(), *base = tu_path(dir, "base.ciipwb"), *g1 = tu_path(dir, "g1.ciipwb");
	char *g2 = tu_path(dir, "g2.ciipwb"), *err = NULL, *out;
	struct wb_source *srcs[2];
	struct wb_merge_report rep[2];
	struct wb_note n = { 0 };
	struct summary *s;
	struct wb *wb = t_open(base);
	int64_t id;

	(void)state;
	n.ref = "64/211:3";
	n.body = "Original wording";
	assert_int_equal(wb_note_add(wb, &n, &id), 0);
	wb_close(wb);
	tu_copy_file(base, g1);
	tu_copy_file(base, g2);
	n.id = id;
	n.body = "Group one's wording";
	wb = t_open(g1);
	assert_int_equal(wb_note_update(wb, &n), 0);
	wb_close(wb);
	n.body = "Group two's wording";
	wb = t_open(g2);
	assert_int_equal(wb_note_update(wb, &n), 0);
	wb_close(wb);
	assert_int_equal(wb_source_open(g1, &srcs[0], &err), 0);
	assert_int_equal(wb_source_open(g2, &srcs[1], &err), 0);
	wb = t_open(base);
	assert_int_equal(wb_merge(wb, srcs, 2, rep), 0);
	wb_source_free(srcs[0]);
	wb_source_free(srcs[1]);
	s = t_build(wb, 0, 1);
	out = t_render(s, SUMMARY_MARKDOWN, NULL);
	assert_non_null(strstr(out, "# Open merge conflicts"));
	assert_non_null(strstr(out, "Group one's wording"));
	assert_non_null(strstr(out, "Group two's wording"));
	free(out);
	out = t_render(s, SUMMARY_JSON, NULL);
	assert_non_null(strstr(out, "\"open_conflicts\": [\n"));
	assert_non_null(strstr(out, "\"other\": \"Group"));
	free(out);
	summary_free(s);
	s = t_build(wb, 1, 1);
	out = t_render(s, SUMMARY_MARKDOWN, NULL);
	assert_non_null(strstr(out, "# Open merge conflicts"));
	assert_null(strstr(out, "g1.ciipwb"));
	assert_null(strstr(out, "set aside"));
	free(out);
	summary_free(s);
	wb_close(wb);
	tu_rmrf(dir);
	free(g2);
	free(g1);
	free(base);
	free(dir);
}

/* The text laid out a piece at a time (the Summary view): the cover is the first page after
 * summary_build_begin alone; in the end the same pages as summary_text_write, but for their
 * footer line, left blank for the view to fill. */
/* WHOLE (LEN bytes, summary_text_write) and STEPS (N bytes, summary_text_step): line by line
 * the same, but for the footer (the 70th line of each page), blank in STEPS. Returns the
 * pages of WHOLE. */
static size_t
t_same_pages(const char *whole, size_t len, const char *steps, size_t n)
{
	size_t i, j, line, pages = 0;

	for (i = 0; i < len; i++)
		pages += whole[i] == '\f';
	for (i = j = 0, line = 0; i < len && j < n; line++) {
		size_t e = i, f = j;

		while (e < len && whole[e] != '\n')
			e++;
		while (f < n && steps[f] != '\n')
			f++;
		if (line % 70 == 69) {
			assert_non_null(memmem(whole + i, e - i, "page ", 5));
			assert_int_equal(f - j, 0);
		} else {
			assert_int_equal(f - j, e - i);
			assert_memory_equal(steps + j, whole + i, e - i);
		}
		i = e + 1;
		j = f + 1;
	}
	assert_int_equal(i, len);
	assert_int_equal(j, n);
	return pages + 1;
}

static void
steps__the_cover_first_then_the_same_pages_with_blank_footers(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "demo.ciipwb"), *whole, *err = NULL;
	char *buf = NULL;
	struct summary_opts o;
	struct summary *s;
	struct summary_text *t;
	struct wb *wb;
	size_t n = 0, len, pages;
	FILE *fp;
	int rc;

	(void)state;
	if (demo_write(path, NULL, &err) != 0)
		fail_msg("demo_write: %s", err);
	wb = t_open(path);
	s = t_build(wb, 0, 1);
	whole = t_render(s, SUMMARY_TEXT, &len);
	o = s->opts;
	summary_free(s);
	assert_int_equal(summary_build_begin(wb, cat, &o, &s, &err), 0);
	assert_int_equal(s->partial, 1);
	fp = open_memstream(&buf, &n);
	assert_non_null(fp);
	assert_non_null(t = summary_text_begin(s, fp));
	assert_int_equal(summary_text_step(t), 1);
	assert_int_equal(summary_text_pages(t), 1);
	assert_non_null(strstr(buf, "Stock-taking summary"));
	assert_null(strchr(buf, '\f'));
	assert_int_equal(summary_build_finish(s, &err), 0);
	assert_int_equal(s->partial, 0);
	while ((rc = summary_text_step(t)) > 0)
		;
	assert_int_equal(rc, 0);
	assert_int_equal(summary_text_step(t), 0);
	fclose(fp);
	pages = t_same_pages(whole, len, buf, n);
	assert_true(pages > 4);
	assert_int_equal(summary_text_pages(t), (int)pages);
	summary_text_end(t);
	summary_free(s);
	wb_close(wb);
	free(buf);
	free(whole);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

/* A note of N bytes: WORD and a space, over and over. */
static void
t_note(struct wb *wb, const char *ref, const char *word, size_t n)
{
	struct wb_note note = { 0 };
	size_t w = strlen(word), i;
	char *body = malloc(n + 1);

	assert_non_null(body);
	for (i = 0; i < n; i++)
		body[i] = i % (w + 1) == w ? ' ' : word[i % (w + 1)];
	body[n] = '\0';
	note.ref = ref;
	note.body = body;
	assert_int_equal(wb_note_add(wb, &note, NULL), 0);
	free(body);
}

/*
 * The printed summary is written on a second thread while the notes are read ahead on a third
 * (summary_relay.h, wb_ahead.h), in blocks: notes larger than a block, and more notes than
 * fit in a few, give the same pages as the Summary view's steps, which use neither.
 */
static void
threads__give_the_same_pages_with_notes_larger_than_their_blocks(void **state)
{
	char *dir = tu_tmpdir(), *path = tu_path(dir, "big.ciipwb"), *whole, *err = NULL;
	char *buf = NULL;
	const char *p;
	struct summary_opts o;
	struct summary *s;
	struct summary_text *t;
	struct wb *wb;
	size_t n = 0, len, i;
	FILE *fp;

	(void)state;
	if (demo_write(path, NULL, &err) != 0)
		fail_msg("demo_write: %s", err);
	wb = t_open(path);
	t_note(wb, "58/199:1", "zqbefore", 40);
	t_note(wb, "58/199:1", "zqhuge", 700 * 1024);         /* more than a block of notes */
	t_note(wb, "58/199:1", "zqlarge", 300 * 1024);        /* more than a block of calls */
	t_note(wb, "58/199:1", "zqafter", 40);
	for (i = 0; i < 300; i++)
		t_note(wb, "64/211:5", i % 2 ? "zqmany" : "\xD0\xBC\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE", 5000);
	t_note(wb, "64/211:18", "zqlast", 40);
	s = t_build(wb, 0, 1);
	whole = t_render(s, SUMMARY_TEXT, &len);
	o = s->opts;
	summary_free(s);
	assert_int_equal(summary_build(wb, cat, &o, &s, &err), 0);
	fp = open_memstream(&buf, &n);
	assert_non_null(fp);
	assert_non_null(t = summary_text_begin(s, fp));
	while (summary_text_step(t) > 0)
		;
	fclose(fp);
	assert_true(t_same_pages(whole, len, buf, n) > 300);
	/* The notes in their order, the huge one whole. */
	assert_non_null(strstr(whole, "zqbefore"));
	assert_non_null(strstr(whole, "zqlast"));
	assert_true(strstr(whole, "zqbefore") < strstr(whole, "zqhuge"));
	assert_true(strstr(whole, "zqhuge") < strstr(whole, "zqlarge"));
	assert_true(strstr(whole, "zqlarge") < strstr(whole, "zqafter"));
	assert_true(strstr(whole, "zqafter") < strstr(whole, "zqmany"));
	assert_true(strstr(whole, "zqmany") < strstr(whole, "zqlast"));
	for (i = 0, p = whole; (p = strstr(p, "zqhuge")) != NULL; p += 6)
		i++;
	assert_int_equal(i, 700 * 1024 / 7);
	summary_text_end(t);
	summary_free(s);
	wb_close(wb);
	free(buf);
	free(whole);
	tu_rmrf(dir);
	free(path);
	free(dir);
}

/* util_asprintf formats the summary's common directives itself and hands the rest to
 * vasprintf: the bytes are printf's either way. */
#define T_SAME(...) do { \
		char want[256], *got = util_asprintf(__VA_ARGS__); \
		snprintf(want, sizeof want, __VA_ARGS__); \
		assert_non_null(got); \
		assert_string_equal(got, want); \
		free(got); \
	} while (0)

static void
util_asprintf__gives_what_printf_gives(void **state)
{
	(void)state;
	T_SAME("plain text, no directive");
	T_SAME("%s", "");
	T_SAME("%s (owner: %s; due %s; %s priority; %s)", "T\xc3\xa9", "", "2026-01-02", "high",
	    "open");
	T_SAME("100%% of %d, %d, %d, %d", 0, -1, 2147483647, -2147483647 - 1);
	T_SAME("%ld %lld %lld %zu %zd", -5L, 9223372036854775807LL, -9223372036854775807LL - 1,
	    (size_t)18446744073709551615ULL, (ssize_t)-3);
	T_SAME("%u %lu %llu", 4294967295U, 7UL, 18446744073709551615ULL);
	T_SAME("%.10s %.5s|%.0s|%.20s", "2026-12-02T10:11:12Z", "10:11:12", "gone", "short");
	T_SAME("%zu. %s%%", (size_t)12, "name");
	/* Not the common ones: through vasprintf. */
	T_SAME("%3zu/%zu %.1f>%.1f", (size_t)4, (size_t)12, 1.25, 3.0);
	T_SAME("%*s%s: %-4d|%x|%c|%05d", 3, "", "Label", 7, 255, 'z', 42);
	T_SAME("%2$s %1$s", "world", "hello");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build__ranks_gaps_and_lists_the_areas_for_further_action),
		cmocka_unit_test(util_asprintf__gives_what_printf_gives),
		cmocka_unit_test(anonymous__leaves_out_names_contacts_and_groups_in_every_format),
		cmocka_unit_test(hostile__text_stays_inert_and_inside_the_page_in_every_format),
		cmocka_unit_test(write_file__replaces_only_with_a_complete_private_file),
		cmocka_unit_test(executive__is_one_text_page),
		cmocka_unit_test(print__names_the_queue_or_writes_the_file_beside_the_workbook),
		cmocka_unit_test(log__shows_the_time_spent_from_the_timer),
		cmocka_unit_test(merge__open_conflicts_appear_without_sources_when_anonymous),
		cmocka_unit_test(steps__the_cover_first_then_the_same_pages_with_blank_footers),
		cmocka_unit_test(threads__give_the_same_pages_with_notes_larger_than_their_blocks),
	};
	char *err = NULL;
	int rc;

	setlocale(LC_ALL, "");
	if (catalog_load(&cat, NULL, 0, &err) != 0) {
		fprintf(stderr, "catalog: %s\n", err);
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	catalog_free(cat);
	return rc;
}
