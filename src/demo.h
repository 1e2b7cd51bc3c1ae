/* demo.h: write a realistic, clearly fictional demo workbook (through the public wb.h API). */
#ifndef CIIPWB_DEMO_H
#define CIIPWB_DEMO_H

#include <stddef.h>

/* What demo_write() put in the workbook (live rows). */
struct demo_stats {
	size_t stakeholders, notes, evidence, actions, roles, relations, groups, log;
	size_t rated;          /* items with a current or target rating */
	size_t overdue;        /* open or in-progress actions due before DEMO_TODAY */
};

/* The fixed "today" of the demo: overdue actions are due before it. */
#define DEMO_TODAY "2026-03-11"

/* Create a new workbook at PATH filled with the demo (the fictional Republic of Veloria).
 * Never overwrites: an existing PATH is refused. Returns 0 (and fills *ST if not NULL),
 * or -1 with *err (malloc'd, one line naming PATH); on failure no file is left behind. */
int demo_write(const char *path, struct demo_stats *st, char **err);

#endif
