/* wb_baseline.h: last year's workbook as the baseline of a new one (ratings kept read-only beside the new ones). */
#ifndef CIIPWB_WB_BASELINE_H
#define CIIPWB_WB_BASELINE_H

#include <stdint.h>

#include "wb.h"

struct wb_source;

#define WB_BASELINE_NOTES   0x1   /* also carry the live notes and evidence */
#define WB_BASELINE_ACTIONS 0x2   /* also carry the live actions */

/* What wb_baseline_import() carried. */
struct wb_baseline_report {
	int64_t stakeholders, roles, relations, ratings, notes, evidence, actions;
	char since[16];            /* the earlier workshop's year (or "") */
};

/* Into WB (a new workbook), from the checked source OLD: its live stakeholders,
 * roles and relations (same keys), its ratings as the baseline (baseline_item,
 * with the year of OLD's workshop), and with FLAGS its notes and evidence
 * (without their breakout groups) and actions. One transaction. 0, or -1 with
 * wb_errmsg(wb) and nothing carried. */
int wb_baseline_import(struct wb *wb, const struct wb_source *old, unsigned flags,
    struct wb_baseline_report *rep);

/* The baseline of one item. Strings are malloc'd: release with wb_baseline_free(). */
struct wb_baseline {
	char *ref;                 /* NULL: the item has no baseline */
	char *current, *target;    /* scale codes or NULL */
	char *since;               /* "2026" */
	char *source;              /* the file it came from */
};
int wb_baseline_get(struct wb *wb, const char *ref, struct wb_baseline *out);
void wb_baseline_free(struct wb_baseline *b);
/* Every item with a baseline, by ref (strings borrowed during the call). */
int wb_baselines_each(struct wb *wb, int (*cb)(const struct wb_baseline *, void *),
    void *arg);

/* "Formative → Established since 2026", "Formative, unchanged since 2026", or
 * with NOW NULL (not rated yet) "Formative in 2026; not assessed yet": WAS and
 * NOW are display labels (translated by the caller), ARROW the arrow to use
 * ("→" or "->"). malloc'd. */
char *wb_baseline_describe(const char *was, const char *now, const char *since,
    const char *arrow);

#endif
