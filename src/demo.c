/* demo.c: write a realistic, clearly fictional demo workbook (through the public wb.h API). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "i18n.h"
#include "wb.h"
#include "util.h"

/*
 * Everything below is invented: the Republic of Veloria, its agencies, companies and
 * people do not exist; e-mail addresses use the reserved .example domain and telephone
 * numbers the fictional 555 range. The content is fixed (no clock, no randomness), so
 * two demo workbooks differ only in their keys and timestamps.
 */

enum { G_GOV, G_OPS, G_IND, G_ACA, G_CIV, G_NONE = -1 };

static const char *const demo_groups[] = {
	"Government", "Operators", "Industry", "Academia", "Civil society",
};
#define DEMO_NGROUPS (sizeof demo_groups / sizeof demo_groups[0])

enum {
	S_VNCA, S_MDA, S_MOJ, S_PMO, S_LENNA, S_NORTH, S_GRID, S_TEL, S_BANK, S_UNI, S_DRV,
	S_PANEL, S_VOLCERT, S_FORUM, S_RU, S_ZH, S_AR, DEMO_NSTAKEHOLDERS
};

static const struct {
	const char *name, *category, *contact, *responsibilities;
	int influence, interest;
	const char *engagement;
} demo_stakeholders[DEMO_NSTAKEHOLDERS] = {
	[S_VNCA] = { "Veloria National Cybersecurity Agency (VNCA)", "national_government",
	    "Director Ilse Marten, ilse.marten@vnca.example, +00 555 0100",
	    "National CERT; incident coordination; owner of the CIIP programme", 5, 5, "leading" },
	[S_MDA] = { "Ministry of Digital Affairs", "national_government",
	    "Secretary-General Tomas Reyvik, t.reyvik@digital.gov.example",
	    "Policy lead for the national cybersecurity strategy and its budget", 5, 4,
	    "supportive" },
	[S_MOJ] = { "Ministry of Justice, Cybercrime Unit", "national_government",
	    "Prosecutor Hana Lindqvist, cybercrime@justice.gov.example",
	    "Cybercrime law, mutual legal assistance, evidence handling", 4, 3, "neutral" },
	[S_PMO] = { "Prime Minister's Office, Crisis Management Centre", "national_government",
	    "Duty officer, +00 555 0199 (24/7)",
	    "National crisis coordination and communication to the public", 5, 3, "supportive" },
	[S_LENNA] = { "Port Lenna City IT Department", "other_government",
	    "CIO Marco Delvaux, it@portlenna.example",
	    "Municipal services, water utility control systems", 2, 4, "supportive" },
	[S_NORTH] = { "Northern Province Emergency Services", "other_government",
	    "Chief Ana Ferreira Gómez, +00 555 0142",
	    "Emergency response, 112 call centre", 3, 3, "neutral" },
	[S_GRID] = { "VelGrid Energy (national grid operator)", "non_governmental",
	    "CISO Piet Vandermeer, security@velgrid.example",
	    "Electricity transmission; SCADA security; sector ISAC chair", 4, 4, "supportive" },
	[S_TEL] = { "Lennatel Telecommunications", "non_governmental",
	    "Head of security Olga Brandt, soc@lennatel.example",
	    "Largest fixed and mobile operator; hosts the national internet exchange", 4, 3,
	    "resistant" },
	[S_BANK] = { "Banque Vélorienne du Commerce", "non_governmental",
	    "Responsable sécurité : Éloïse Château, securite@bvc.example",
	    "Payment systems; financial sector CSIRT member", 3, 4, "neutral" },
	[S_UNI] = { "University of Port Lenna, Security Lab", "non_governmental",
	    "Prof. Dmitri Novak, seclab@upl.example",
	    "Research, training of CERT staff, national exercise design", 2, 5, "leading" },
	[S_DRV] = { "Digital Rights Veloria (NGO)", "non_governmental",
	    "Coordinator Leila Haddad, hello@digitalrights.example",
	    "Privacy and civil liberties oversight; public awareness", 2, 4, "neutral" },
	[S_PANEL] = { "Citizens' panel on online safety", "individual_citizens",
	    "Convened by the Ministry of Digital Affairs",
	    "Twelve randomly selected residents advising on awareness campaigns", 1, 3,
	    "unaware" },
	[S_VOLCERT] = { "Volunteer security experts network", "individual_citizens",
	    "Mailing list volunteers@vnca.example",
	    "Individual experts who help small organisations after incidents", 2, 4,
	    "supportive" },
	[S_FORUM] = { "Regional CERT Cooperation Forum", "international_partner",
	    "Secretariat, secretariat@regionalcert.example",
	    "Cross-border incident information sharing and joint exercises", 3, 3,
	    "supportive" },
	[S_RU] = { "Борис Волков, международный советник", "international_partner",
	    "b.volkov@advisers.example",
	    "Советник по законодательству о киберпреступности", 2, 2, "neutral" },
	[S_ZH] = { "亚太网络安全合作中心", "international_partner",
	    "联系人：王丽，wangli@apcc.example",
	    "区域能力建设与培训", 2, 3, "supportive" },
	[S_AR] = { "المركز الإقليمي للاستجابة للحوادث", "international_partner",
	    "info@rirc.example",
	    "تبادل المعلومات عن الحوادث السيبرانية", 3, 3, "supportive" },
};

static const struct {
	const char *ref;
	int who;
	const char *role;
} demo_roles[] = {
	/* Most items have an accountable lead; 64/211:7, 15 and 17 and 58/199:6, 9 and 11 are
	 * left without one on purpose (gaps for the matrix and the coverage), and the
	 * international adviser holds no role at all. */
	{ "64/211:1", S_MDA, "accountable" }, { "64/211:1", S_UNI, "consulted" },
	{ "64/211:2", S_VNCA, "accountable" }, { "64/211:2", S_GRID, "consulted" },
	{ "64/211:2", S_TEL, "consulted" },
	{ "64/211:3", S_VNCA, "accountable" }, { "64/211:3", S_UNI, "responsible" },
	{ "64/211:3", S_VOLCERT, "responsible" },
	{ "64/211:4", S_MDA, "accountable" }, { "64/211:4", S_VNCA, "responsible" },
	{ "64/211:4", S_UNI, "consulted" }, { "64/211:4", S_PANEL, "informed" },
	{ "64/211:5", S_VNCA, "accountable" }, { "64/211:5", S_MDA, "responsible" },
	{ "64/211:5", S_DRV, "consulted" },
	{ "64/211:6", S_MDA, "accountable" }, { "64/211:6", S_TEL, "consulted" },
	{ "64/211:6", S_BANK, "consulted" },
	{ "64/211:7", S_DRV, "consulted" },
	{ "64/211:8", S_MDA, "accountable" }, { "64/211:8", S_GRID, "responsible" },
	{ "64/211:8", S_TEL, "consulted" }, { "64/211:8", S_BANK, "consulted" },
	{ "64/211:9", S_GRID, "accountable" }, { "64/211:9", S_BANK, "responsible" },
	{ "64/211:9", S_TEL, "responsible" },
	{ "64/211:10", S_VNCA, "accountable" }, { "64/211:10", S_PMO, "consulted" },
	{ "64/211:10", S_NORTH, "informed" },
	{ "64/211:11", S_VNCA, "accountable" }, { "64/211:11", S_VOLCERT, "responsible" },
	{ "64/211:11", S_TEL, "consulted" },
	{ "64/211:12", S_VNCA, "accountable" }, { "64/211:12", S_FORUM, "responsible" },
	{ "64/211:12", S_AR, "consulted" },
	{ "64/211:13", S_MOJ, "accountable" }, { "64/211:13", S_MDA, "consulted" },
	{ "64/211:13", S_TEL, "informed" },
	{ "64/211:14", S_MOJ, "accountable" }, { "64/211:14", S_DRV, "consulted" },
	{ "64/211:16", S_MOJ, "accountable" }, { "64/211:16", S_FORUM, "consulted" },
	{ "64/211:17", S_MOJ, "responsible" }, { "64/211:17", S_AR, "informed" },
	{ "64/211:18", S_MDA, "accountable" }, { "64/211:18", S_DRV, "responsible" },
	{ "64/211:18", S_PANEL, "consulted" },
	{ "58/199:1", S_VNCA, "accountable" }, { "58/199:1", S_TEL, "responsible" },
	{ "58/199:2", S_MDA, "accountable" }, { "58/199:2", S_PANEL, "informed" },
	{ "58/199:3", S_GRID, "accountable" }, { "58/199:3", S_LENNA, "consulted" },
	{ "58/199:4", S_VNCA, "accountable" }, { "58/199:4", S_BANK, "consulted" },
	{ "58/199:5", S_PMO, "accountable" }, { "58/199:5", S_NORTH, "responsible" },
	{ "58/199:6", S_MDA, "consulted" },
	{ "58/199:7", S_MOJ, "accountable" },
	{ "58/199:8", S_UNI, "accountable" }, { "58/199:8", S_ZH, "consulted" },
	{ "58/199:10", S_MDA, "accountable" }, { "58/199:10", S_FORUM, "responsible" },
};

static const struct {
	int from, to;
	const char *kind;
} demo_relations[] = {
	{ S_VNCA, S_MDA, "reports_to" },
	{ S_MOJ, S_PMO, "coordinates_with" },
	{ S_VNCA, S_PMO, "coordinates_with" },
	{ S_GRID, S_TEL, "depends_on" },
	{ S_BANK, S_TEL, "depends_on" },
	{ S_LENNA, S_GRID, "depends_on" },
	{ S_NORTH, S_PMO, "reports_to" },
	{ S_VOLCERT, S_VNCA, "coordinates_with" },
	{ S_VNCA, S_FORUM, "coordinates_with" },
	{ S_UNI, S_VNCA, "coordinates_with" },
	{ S_TEL, S_GRID, "depends_on" },
	{ S_LENNA, S_TEL, "depends_on" },
	{ S_DRV, S_PANEL, "coordinates_with" },
};

/* Ratings of the 18 questions of 64/211 (NULL = not rated) and a few 58/199 elements. */
static const struct {
	const char *ref, *current, *target;
	int needs_review, consensus;
} demo_items[] = {
	{ "64/211:1", "formative", "established", 0, 1 },
	{ "64/211:2", "start_up", "established", 1, 0 },
	{ "64/211:3", "start_up", "formative", 0, 1 },
	{ "64/211:4", "formative", "strategic", 0, 1 },
	{ "64/211:5", "established", "strategic", 0, 1 },
	{ "64/211:6", "formative", "established", 0, 0 },
	{ "64/211:7", "start_up", "formative", 1, 0 },
	{ "64/211:8", "formative", "established", 0, 1 },
	{ "64/211:9", "start_up", "established", 1, 0 },
	{ "64/211:10", "established", "strategic", 0, 1 },
	{ "64/211:11", "formative", "strategic", 0, 1 },
	{ "64/211:12", "start_up", "established", 0, 0 },
	{ "64/211:13", "formative", "established", 1, 0 },
	{ "64/211:14", "established", "established", 0, 1 },
	{ "64/211:15", "not_applicable", NULL, 0, 0 },
	{ "64/211:16", "formative", "strategic", 0, 0 },
	{ "58/199:1", "established", "strategic", 0, 1 },
	{ "58/199:3", "start_up", "established", 1, 0 },
	{ "58/199:8", "formative", "established", 0, 1 },
};

static const struct {
	const char *ref;
	int group;
	const char *body;
} demo_notes[] = {
	{ "64/211:1", G_GOV, "Digital payments now carry 60% of retail transactions; the "
	    "economy depends on two data centres in Port Lenna." },
	{ "64/211:1", G_IND, "Industry estimates that a one-day outage of the grid control "
	    "network would stop 80% of manufacturing." },
	{ "64/211:2", G_OPS, "No shared national risk register yet; each operator keeps its "
	    "own. Proposal: the agency hosts one with sector views." },
	{ "64/211:3", G_ACA, "The university's 2025 scan found 1,200 exposed industrial "
	    "control interfaces, mostly in water and district heating." },
	{ "64/211:4", G_GOV, "The draft strategy (2024) has no budget line for the CIIP "
	    "programme after 2027.\nMinistry to confirm funding before adoption." },
	{ "64/211:4", G_CIV, "Civil society asks for a public consultation on the strategy "
	    "draft, with at least six weeks for comments." },
	{ "64/211:5", G_GOV, "国家基础设施保护计划需要明确各部门的职责分工，特别是能源和电信部门。" },
	{ "64/211:5", G_OPS, "Operators want a single point of contact at the agency rather "
	    "than one per ministry." },
	{ "64/211:6", G_IND, "The existing telecom regulator forum meets twice a year; it "
	    "could host a CIIP working group." },
	{ "64/211:8", G_OPS, "Résilience : la coordination entre les opérateurs d'énergie et "
	    "l'agence reste informelle ; il faut une procédure écrite et des exercices communs." },
	{ "64/211:9", G_IND, "Los bancos y el operador de telecomunicaciones comparten "
	    "dependencias críticas; proponen un acuerdo de intercambio de información." },
	{ "64/211:10", G_GOV, "The agency is the designated incident coordinator by decree "
	    "(2023), but the decree does not cover the private sector." },
	{ "64/211:11", G_OPS, "يَجِبُ تَحْدِيثُ خُطَّةِ الاسْتِجَابَةِ لِلْحَوَادِثِ قَبْلَ نِهَايَةِ العَامِ." },
	{ "64/211:11", G_ACA, "The national exercise in 2025 showed that out-of-hours "
	    "escalation takes more than four hours." },
	{ "64/211:12", G_GOV, "تحتاج البنية التحتية الحيوية إلى تقييم دوري للمخاطر بالتعاون مع "
	    "الشركاء الإقليميين." },
	{ "64/211:13", G_GOV, "Необходимо уточнить роль регулятора в защите критической "
	    "информационной инфраструктуры и обновить закон о связи." },
	{ "64/211:14", G_CIV, "Civil society warns that new investigative powers need "
	    "judicial oversight and transparency reports." },
	{ "64/211:16", G_ACA, "Veloria has not yet joined the regional cybercrime convention; "
	    "accession study planned." },
	{ "64/211:18", G_CIV, "Awareness campaign idea: \"Think before you click\" weeks in "
	    "schools, run with the citizens' panel." },
	{ "58/199:1", G_OPS, "The telecom operator's SMS alert channel could double as the "
	    "emergency warning network for operators." },
	{ "58/199:3", G_ACA, "Interdependency map: water pumping stations depend on the grid "
	    "and on mobile data for telemetry." },
	{ "58/199:8", G_NONE, "Exercise calendar: tabletop in June, technical exercise with "
	    "the regional forum in October." },
};

static const struct {
	const char *ref, *name, *location;
} demo_evidence[] = {
	{ "64/211:4", "National Cybersecurity Strategy 2024-2028 (draft v3)",
	    "https://digital.gov.example/strategy-draft-v3.pdf" },
	{ "64/211:10", "Decree 17/2023 on the National Cybersecurity Agency",
	    "Official Gazette of Veloria, No. 41/2023" },
	{ "64/211:11", "After-action report, national exercise \"Northern Light 2025\"",
	    "VNCA document store, folder Exercises/2025" },
	{ "64/211:3", "University scan of exposed control systems (2025)",
	    "https://seclab.upl.example/reports/ics-scan-2025" },
	{ "64/211:13", "Закон о связи (редакция 2019 года)", "Юридическая база, ст. 12-18" },
	{ "64/211:8", "Protocole d'accord opérateurs-agence (projet)",
	    "Dossier partagé « Coopération »" },
	{ "64/211:14", "Criminal Code, chapter on computer crime", "Ministry of Justice website" },
	{ "58/199:3", "Sector interdependency map (workshop flip chart, photographed)",
	    "Workshop USB stick, photos/day1" },
};

static const struct {
	const char *ref, *title;
	int owner;
	const char *due, *priority, *status;
} demo_actions[] = {
	{ "64/211:4", "Confirm multi-year funding of the CIIP programme", S_MDA, "2025-12-31",
	    "high", "in_progress" },
	{ "64/211:2", "Set up a national risk register with sector views", S_VNCA, "2026-06-30",
	    "high", "open" },
	{ "64/211:5", "Publish the list of CIIP contact points per sector", S_VNCA, "2026-01-31",
	    "medium", "open" },
	{ "64/211:8", "Sign the operators-agency information-sharing agreement", S_GRID,
	    "2026-02-28", "high", "in_progress" },
	{ "64/211:10", "Extend the coordinator decree to private operators", S_PMO, "2026-09-30",
	    "medium", "open" },
	{ "64/211:11", "Define out-of-hours escalation (target: one hour)", S_VNCA, "2025-11-15",
	    "high", "open" },
	{ "64/211:12", "Join the regional forum's incident-sharing platform", S_FORUM,
	    "2026-05-31", "medium", "open" },
	{ "64/211:13", "Review the telecommunications law for CIIP duties", S_MOJ, "2026-12-31",
	    "medium", "open" },
	{ "64/211:16", "Accession study for the regional cybercrime convention", S_MOJ,
	    "2026-10-31", "low", "open" },
	{ "64/211:18", "Awareness weeks in schools with the citizens' panel", S_DRV, "2026-04-30",
	    "low", "open" },
	{ "58/199:8", "Run the June tabletop exercise", S_UNI, "2025-06-30", "medium", "done" },
	{ "58/199:1", "Pilot SMS warning channel for operators", S_TEL, "2025-10-01", "medium",
	    "dropped" },
	{ "64/211:3", "Notify owners of exposed control interfaces", S_VOLCERT, "", "high",
	    "in_progress" },
};

static const struct {
	int group;
	const char *heading, *at;
	int consensus;
	const char *note;
} demo_log[] = {
	{ G_GOV, "64/211#1", "2026-03-10T09:30:00Z", 1, "Needs and strategy: agreed ratings." },
	{ G_OPS, "64/211#2", "2026-03-10T11:00:00Z", 1, "" },
	{ G_IND, "64/211#3", "2026-03-10T13:30:00Z", 0,
	    "Industry and government disagree on the venue for cooperation." },
	{ G_OPS, "64/211#4", "2026-03-10T15:00:00Z", 1, "" },
	{ G_GOV, "64/211#5", "2026-03-11T09:30:00Z", 1, "" },
	{ G_CIV, "64/211#6", "2026-03-11T11:00:00Z", 0,
	    "Legal frameworks: civil liberties concerns recorded; to revisit." },
	{ G_ACA, "64/211#7", "2026-03-11T13:30:00Z", 1, "" },
};

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/* Remove the file we created and its companions. */
static void
demo_unlink(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	size_t i;

	for (i = 0; i < NELEM(ext); i++) {
		char *p = NULL;

		if (asprintf(&p, "%s%s", path, ext[i]) >= 0) {
			unlink(p);
			free(p);
		}
	}
}

static int
demo_fill(struct wb *wb, struct demo_stats *st)
{
	int64_t group[DEMO_NGROUPS], sh[DEMO_NSTAKEHOLDERS], id;
	struct wb_details d = { 0 };
	size_t i;

	d.title = "Veloria CIIP stock-taking workshop (DEMO \xe2\x80\x94 fictional data)";
	d.country = "Republic of Veloria (fictional)";
	d.date_start = "2026-03-10";
	d.date_end = "2026-03-11";
	d.venue = "Aurora Conference Centre, Port Lenna (fictional)";
	d.facilitator = "Dr. Amara Okonjo-Lind (fictional)";
	if (wb_details_set(wb, &d) != 0)
		return -1;

	for (i = 0; i < DEMO_NGROUPS; i++) {
		if (wb_group_add(wb, demo_groups[i], &group[i]) != 0)
			return -1;
		st->groups++;
	}
	for (i = 0; i < DEMO_NSTAKEHOLDERS; i++) {
		struct wb_stakeholder s = { 0 };

		s.name = demo_stakeholders[i].name;
		s.category = demo_stakeholders[i].category;
		s.contact = demo_stakeholders[i].contact;
		s.responsibilities = demo_stakeholders[i].responsibilities;
		s.influence = demo_stakeholders[i].influence;
		s.interest = demo_stakeholders[i].interest;
		s.engagement = demo_stakeholders[i].engagement;
		if (wb_stakeholder_add(wb, &s, &sh[i]) != 0)
			return -1;
		st->stakeholders++;
	}
	for (i = 0; i < NELEM(demo_roles); i++) {
		if (wb_role_set(wb, sh[demo_roles[i].who], demo_roles[i].ref, demo_roles[i].role,
		    &id) != 0)
			return -1;
		st->roles++;
	}
	for (i = 0; i < NELEM(demo_relations); i++) {
		if (wb_relation_add(wb, sh[demo_relations[i].from], sh[demo_relations[i].to],
		    demo_relations[i].kind, &id) != 0)
			return -1;
		st->relations++;
	}
	for (i = 0; i < NELEM(demo_items); i++) {
		struct wb_item it = { 0 };

		it.ref = demo_items[i].ref;
		it.current = demo_items[i].current;
		it.target = demo_items[i].target;
		it.needs_review = demo_items[i].needs_review;
		it.consensus = demo_items[i].consensus;
		if (wb_item_set(wb, &it) != 0)
			return -1;
		st->rated++;
	}
	for (i = 0; i < NELEM(demo_notes); i++) {
		struct wb_note n = { 0 };

		n.ref = demo_notes[i].ref;
		n.body = demo_notes[i].body;
		n.group_id = demo_notes[i].group == G_NONE ? 0 : group[demo_notes[i].group];
		if (wb_note_add(wb, &n, &id) != 0)
			return -1;
		st->notes++;
	}
	for (i = 0; i < NELEM(demo_evidence); i++) {
		struct wb_evidence e = { 0 };

		e.ref = demo_evidence[i].ref;
		e.name = demo_evidence[i].name;
		e.location = demo_evidence[i].location;
		if (wb_evidence_add(wb, &e, &id) != 0)
			return -1;
		st->evidence++;
	}
	for (i = 0; i < NELEM(demo_actions); i++) {
		struct wb_action a = { 0 };

		a.ref = demo_actions[i].ref;
		a.title = demo_actions[i].title;
		a.owner_id = sh[demo_actions[i].owner];
		a.due = demo_actions[i].due;
		a.priority = demo_actions[i].priority;
		a.status = demo_actions[i].status;
		if (wb_action_add(wb, &a, &id) != 0)
			return -1;
		st->actions++;
		if (a.due[0] != '\0' && strcmp(a.due, DEMO_TODAY) < 0 &&
		    (strcmp(a.status, "open") == 0 || strcmp(a.status, "in_progress") == 0))
			st->overdue++;
	}
	for (i = 0; i < NELEM(demo_log); i++) {
		struct wb_log l = { 0 };

		l.group_id = group[demo_log[i].group];
		l.heading = demo_log[i].heading;
		l.consensus = demo_log[i].consensus;
		l.note = demo_log[i].note;
		l.at = demo_log[i].at;
		if (wb_log_add(wb, &l, &id) != 0)
			return -1;
		st->log++;
	}
	return 0;
}

int
demo_write(const char *path, struct demo_stats *out, char **err)
{
	struct demo_stats st;
	struct stat sb;
	struct wb *wb = NULL;

	memset(&st, 0, sizeof st);
	*err = NULL;
	if (lstat(path, &sb) == 0) {
		*err = util_asprintf(_("%s already exists; the demo never overwrites a file: give "
		    "a new file name"), path);
		return -1;
	}
	if (errno != ENOENT) {
		*err = util_asprintf(_("cannot create %s: %s"), path, strerror(errno));
		return -1;
	}
	if (wb_open(path, WB_OPEN_CREATE, &wb, err) != 0)
		return -1;
	if (demo_fill(wb, &st) != 0) {
		*err = util_asprintf(_("cannot write the demo to %s: %s"), path, wb_errmsg(wb));
		wb_close(wb);
		demo_unlink(path);
		return -1;
	}
	wb_close(wb);
	if (out != NULL)
		*out = st;
	return 0;
}
