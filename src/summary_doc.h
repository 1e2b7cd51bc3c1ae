/* summary_doc.h: the summary as a sequence of blocks, rendered by the text, Markdown and HTML writers. */
#ifndef CIIPWB_SUMMARY_DOC_H
#define CIIPWB_SUMMARY_DOC_H

#include <stddef.h>

#include "summary.h"

/*
 * The walker (summary_doc_walk) visits the summary's parts in order and calls these for each
 * block. Every text argument may come from the workbook: each writer sanitises and escapes it.
 * A callback never fails: the writers check ferror() at the end.
 */
struct summary_sink {
	void *ctx;
	/* A major part (cover, executive summary, ...): a new page in print. */
	void (*part)(void *ctx, const char *anchor, const char *title);
	/* A section within a part: LEVEL 2 (heading) or 3 (item). */
	void (*section)(void *ctx, int level, const char *anchor, const char *title);
	/* A paragraph (may hold newlines). */
	void (*para)(void *ctx, const char *text);
	/* A one-line reminder in small print, cut to one line in text. */
	void (*reminder)(void *ctx, const char *text);
	/* "LABEL: VALUE". */
	void (*field)(void *ctx, const char *label, const char *value);
	/* A small label before a list ("Notes"). */
	void (*label)(void *ctx, const char *label);
	/* A list entry, with an optional bracketed TAG before it (a group, "overdue"). */
	void (*bullet)(void *ctx, const char *tag, const char *text);
	/* A table: NCOLS columns, their headings and text widths (0: the rest of the line). */
	void (*table)(void *ctx, size_t ncols, const char *const *head, const int *width);
	void (*row)(void *ctx, const char *const *cells);
	void (*table_end)(void *ctx);
	/* The pictures: one bar per heading; the power/interest grid. */
	void (*bars)(void *ctx, const struct summary *s);
	void (*grid)(void *ctx, const struct summary *s);
};

/* Walk the summary (the executive page alone with s->opts.executive). Returns 0, or -1 when
 * the workbook cannot be read (wb_errmsg). */
int summary_doc_walk(struct summary *s, const struct summary_sink *k);

/* The walk a piece at a time, for a preview that shows its first page before the rest is laid
 * out: P zeroed at the start; each call walks one piece (a part, or one item of the items part)
 * and moves P on. Returns 1 while more is left, 0 once the walk is done, -1 when the workbook
 * cannot be read (wb_errmsg). Without the executive edition the first piece is the cover,
 * which needs only what summary_build_begin reads; the others need the whole summary. */
struct summary_doc_pos {
	int part;
	size_t h, i;                 /* in the items part: the heading, its item */
};
int summary_doc_step(struct summary *s, const struct summary_sink *k, struct summary_doc_pos *p);

/* Helpers for the writers. */
/* gettext(MSGID), remembered by MSGID's address until summary_tr_reset (for strings written
 * once per record; mark them for xgettext where they are written). */
const char *summary_tr(const char *msgid) __attribute__((format_arg(1)));
void summary_tr_reset(void);
/* The 58/199-style short label of a heading: "64/211 #3" (BUF of 64 bytes). */
const char *summary_doc_heading_ref(const struct summary_heading *h, char *buf, size_t len);
/* The cover's edition line ("" for the full edition). */
const char *summary_doc_edition(const struct summary *s);
/* The running header's title. */
const char *summary_doc_title(const struct summary *s);
/* The register numbers (1-based) of the stakeholders in one cell of the power/interest grid,
 * space-separated, at most MAX of them then "+N" (malloc'd; NULL when the cell is empty). */
char *summary_doc_grid_cell(const struct summary *s, int influence, int interest, size_t max);

#endif
