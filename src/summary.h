/* summary.h: the stock-taking summary's content, computed from a workbook (no curses, no printing). */
#ifndef CIIPWB_SUMMARY_H
#define CIIPWB_SUMMARY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "wb.h"

struct catalog;
struct framework;
struct fw_item;

/* The output formats of `ciipwb summary`. */
enum summary_format {
	SUMMARY_TEXT, SUMMARY_MARKDOWN, SUMMARY_HTML, SUMMARY_CSV, SUMMARY_JSON
};

#define SUMMARY_JSON_VERSION 1     /* "format_version" of the JSON layout (ciipwb(5)) */
#define SUMMARY_CSV_VERSION 2      /* the CSV layout, named in its first row (ciipwb(5)) */
#define SUMMARY_NGAPS 5            /* largest gaps on the executive page */
#define SUMMARY_NDUE 5             /* open actions due soonest on the executive page */
#define SUMMARY_NSTAGES 5          /* maturity stages of the default scale */
#define SUMMARY_EXEC_BARS 10       /* bars on the executive page, at most */

struct summary_opts {
	int anonymous;         /* leave out names, contacts, group tags */
	int executive;         /* the one-pager alone */
	int paper_a4;          /* 1: A4 (70-line text pages), 0: Letter (66) */
	int width;             /* text columns (0 = 80) */
	time_t now;            /* the printed-at time (SOURCE_DATE_EPOCH or the clock) */
};

/* One item of an included framework and what the workbook says about it. */
struct wb_ahead;

struct summary_item {
	const struct fw_item *fw;
	char *current, *target;      /* scale codes, NULL = not rated */
	int cur_stage, tgt_stage;    /* 1..5 on a maturity stage, else 0 */
	int gap;                     /* tgt_stage - cur_stage when both are stages, else 0 */
	int assessed;                /* a current rating is set (a stage or not applicable) */
	int not_applicable;
	int needs_review, consensus;
	const char *lead;            /* accountable lead (name, or category when anonymous); NULL */
	size_t nactions;             /* its actions (summary_actions_each lists them) */
	size_t nopen;                /* of them open or in progress */
	size_t nevidence;
};

/* A heading of a framework (58/199 has none: its items form one section). */
struct summary_heading {
	const struct framework *fw;
	const char *title;           /* official heading text, or the annex title */
	int number;                  /* 1.. within the framework; 0: the whole framework */
	size_t first, nitems;        /* into summary.items */
	size_t assessed;             /* items with a current rating */
	size_t rated;                /* items rated on a stage (for the means) */
	double cur_mean, tgt_mean;   /* mean stages (0 when none) */
};

/* An action as the summary shows it; borrowed during the callback of summary_actions_each. */
struct summary_action {
	int64_t id;
	const char *ref, *title, *due, *priority, *status;   /* due "" when none */
	const char *owner;           /* name, or category when anonymous; "" when none */
	int overdue;
	int open;                    /* open or in progress */
};

struct summary_log {
	char *at, *heading, *note;
	char *started, *ended;       /* from the heading's timer; "" when unknown */
	int64_t seconds;             /* time spent, 0 when unknown */
	const char *group;           /* NULL when anonymous or none */
	int consensus;
};

/* Everything but the notes and evidence, which are read item by item (summary_notes_each). */
struct summary {
	struct wb *wb;
	struct wb_ahead *ahead;      /* the notes read ahead (summary_ahead_begin), or NULL */
	const struct catalog *cat;
	struct summary_opts opts;
	char printed_at[32];         /* "YYYY-MM-DD HH:MM UTC" */
	char today[11];              /* "YYYY-MM-DD" */
	struct wb_details details;
	struct wb_counts counts;     /* only notes and evidence are counted (live ones) */
	const struct framework **fws;   /* included frameworks, catalogue order */
	size_t nfws;
	struct summary_heading *headings;
	size_t nheadings;
	/* The bars of "Ratings at a glance": the headings; in the executive edition, when there
	 * are more than SUMMARY_EXEC_BARS, one per framework (the first SUMMARY_EXEC_BARS of
	 * them; nbars_more the frameworks left out), so that it stays on one page. */
	const struct summary_heading *bars;
	size_t nbars, nbars_more;
	struct summary_heading *fwbars;
	struct summary_item *items;
	size_t nitems;
	char **groups;               /* breakout group names, by name */
	int64_t *group_ids;
	size_t ngroups;
	/* The stakeholder map (map.h, the model `ciipwb map` and the map views use too):
	 * the register is m->sh (by name); a stakeholder's number on the grid is its index + 1. */
	struct map *map;
	size_t *mcols;               /* the role matrix's columns: map headings with a role */
	size_t nmcols;
	/* Actions are not held: summary_actions_each lists them. These are their counts. */
	size_t nactions;
	size_t nplan, noverdue;      /* open (or in progress) actions; of them overdue */
	size_t *gaps;                /* items below target, largest gap first */
	size_t ngaps;
	struct wb_scale *scale;      /* the workbook's rating scale (strings owned) */
	size_t nscale;
	struct summary_log *log;
	size_t nlog;
	/* Areas for further action (indices into items). */
	size_t *not_assessed, *no_lead, *no_action, *review;
	size_t nnot_assessed, nno_lead, nno_action, nreview;
	/* Coverage: items with an accountable lead, stakeholders holding a role, categories. */
	size_t nled, nengaged, ncategories_present;
	/* Refs the workbook holds something for that no included framework knows (a framework
	 * not loaded with -f, say): listed by summary_others_each, never dropped. */
	size_t nother;
	struct summary_ref *refidx;  /* the items by ref (private) */
	size_t nrefidx;
	int partial;                 /* 1 between summary_build_begin and _finish */
};

/* How the summary names stakeholder SH of s->map: its name, or (anonymous) its category,
 * translated. */
const char *summary_sh_name(const struct summary *s, size_t sh);
/* The label of a scale code in this workbook's scale ("" for NULL), untranslated. */
const char *summary_scale_label(const struct summary *s, const char *code);
const char *summary_priority_label(const char *code);
const char *summary_status_label(const char *code);

/* Compute the summary of WB (opened by the caller, kept open while the summary is used).
 * Returns 0, or -1 with *err (malloc'd line naming the workbook). */
int summary_build(struct wb *wb, const struct catalog *cat, const struct summary_opts *o,
    struct summary **out, char **err);
void summary_free(struct summary *s);
/* summary_build in two steps, for a preview that shows the cover at once: _begin reads what
 * the cover and the running header need (details, frameworks, items and their ratings, bars,
 * scale, groups: milliseconds), _finish the rest (the stakeholder map, the action counts, the
 * log, the areas: most of the time), leaving S partial (s->partial) until then. Same returns
 * as summary_build; after a failed _finish, S is still the caller's to free. */
int summary_build_begin(struct wb *wb, const struct catalog *cat, const struct summary_opts *o,
    struct summary **out, char **err);
int summary_build_finish(struct summary *s, char **err);

/* A note as the summary shows it; borrowed during the callback. */
struct summary_note {
	int64_t id;
	const char *body;
	const char *group;           /* NULL when anonymous or none */
	const char *created, *updated;
};
/* Notes of item REF, oldest first, streamed (never all in memory). */
int summary_notes_each(struct summary *s, const char *ref,
    int (*cb)(const struct summary_note *, void *), void *arg);
/* From here the notes of the items, in their order, are read on a second thread while the
 * caller writes out those before (wb_ahead.h): for a writer that goes through every item's
 * notes once, in order (nothing when the executive edition reads none). Until
 * summary_ahead_end, which summary_free also does. */
void summary_ahead_begin(struct summary *s);
void summary_ahead_end(struct summary *s);
int summary_evidence_each(struct summary *s, const char *ref,
    int (*cb)(const struct wb_evidence *, void *), void *arg);
/* The actions of REF in the item pane's order (by due date, undated last, then creation);
 * NULL: all, by due date (undated last), then priority. OPEN: only the open and in progress
 * ones, which is the action plan's order (the overdue ones come first, being due earliest). Streamed; CB returns 0 to go on, anything else stops and is returned. */
int summary_actions_each(struct summary *s, const char *ref, int open,
    int (*cb)(const struct summary_action *, void *), void *arg);
/* The first N (N > 0) of summary_actions_each(S, NULL, 1, ...): the ones due soonest. */
int summary_actions_soonest(struct summary *s, size_t n,
    int (*cb)(const struct summary_action *, void *), void *arg);

/* The refs outside the included frameworks (s->nother of them), by ref, each as an item whose
 * fw has only the ref (number, short title and text ""; heading FW_NO_HEADING) with its
 * rating, marks and lead (nactions, nopen and nevidence are 0: list them). Borrowed during
 * the callback; CB returns 0 to go on. Returns 0, or -1 (wb_errmsg). */
int summary_others_each(struct summary *s, int (*cb)(const struct summary_item *, void *),
    void *arg);

/* Write the summary in FORMAT to FP. Returns 0, or -1 with *err (a write error or a workbook
 * read error). */
int summary_write(struct summary *s, enum summary_format format, FILE *fp, char **err);
/* The writers (summary_text.c, summary_md.c, summary_html.c, summary_csv.c, summary_json.c). */
int summary_text_write(struct summary *s, FILE *fp);
int summary_md_write(struct summary *s, FILE *fp);
int summary_html_write(struct summary *s, FILE *fp);
int summary_csv_write(struct summary *s, FILE *fp);
int summary_json_write(struct summary *s, FILE *fp);

/* Write the summary to stdout, in UTF-8 whatever the locale; a terminal whose locale is not
 * UTF-8 gets ASCII ('?' for other characters) and *ASCII 1 (outfile_stdout). 0, or -1 with
 * *err. */
int summary_write_stdout(struct summary *s, enum summary_format format, int *ascii, char **err);

/* Write the summary to PATH atomically (a temporary file beside it, fsync, rename; mode 0600):
 * an existing file is replaced only by a complete new one. 0, or -1 with *err. */
int summary_write_file(struct summary *s, enum summary_format format, const char *path,
    char **err);

/* Parse "text", "markdown" (or "md"), "html", "csv", "json"; -1 when unknown. */
int summary_format_parse(const char *name, enum summary_format *out);
const char *summary_format_ext(enum summary_format f);   /* "txt", "md", ... */

/* The printed-at time: SOURCE_DATE_EPOCH when set and valid, else the clock. */
time_t summary_now(void);

#endif
