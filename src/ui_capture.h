/* ui_capture.h: capture in the browser: ratings, flags, notes, evidence, actions, undo/redo. */
#ifndef CIIPWB_UI_CAPTURE_H
#define CIIPWB_UI_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "ui_choose.h"
#include "wb.h"

struct ui;
struct fw_item;
struct draft;

/* What a line of the text pane's workbook section shows (for edit and delete). */
enum ui_cap_kind { UI_CAP_NONE, UI_CAP_NOTE, UI_CAP_EVIDENCE, UI_CAP_ACTION,
	UI_CAP_MORE /* the line that stands for the records not loaded yet */ };

/* A section of the item pane loaded a page at a time (roles, notes, actions): an item can
 * have thousands; the pane holds what was shown so far and a "more" line for the rest. A
 * section of an item just selected starts with its "more" line alone: its first page is
 * loaded when that line comes near the screen (ui_capture_fill), so a key that only moves
 * the selection reads and lays out what the pane shows, not the whole item. */
struct ui_cap_pager {
	int64_t last;           /* key of the last record loaded; 0 before the first (the roles,
	                           paged by position: unused) */
	size_t shown;           /* records loaded */
	size_t keep;            /* load at least this many (a rebuild keeps the place) */
	size_t line;            /* the "more" line in the text pane, while more */
	int more;               /* 1: records are left after the last one loaded */
};

/* The paged sections, ui_capture.pager's indexes (the "more" line's cid is the index + 1). */
enum { UI_CAP_PAGER_NOTES, UI_CAP_PAGER_ACTIONS, UI_CAP_PAGER_ROLES, UI_CAP_NPAGERS };

struct ui_cap_scale {
	char *code;
	char *label;            /* English: translate with _() */
	int stage;              /* 1.. for maturity stages, 0 otherwise */
};

struct ui_cap_mark {
	char *ref;
	char mark[48];          /* "2n 1a ✓ 2→4", "n/a", ... */
	int assessed;           /* 1: a current rating other than Not assessed */
};

struct ui_view_ops;

struct ui_capture {
	struct ui_cap_scale *scale;
	size_t nscale;
	int scale_read;             /* scale is read (when first needed: cap_scale_need) */
	struct ui_cap_mark *marks;      /* sorted by ref */
	size_t nmarks, capmarks;
	int mode;               /* see ui_capture.c */
	int step;
	struct ui_choose choose;
	int64_t *ids;           /* what each chooser entry stands for */
	size_t nids;
	void *edit;             /* the open editor (struct ui_edit or a fallback) */
	int edit_multi;
	char *edit_initial;
	/* The record being entered. */
	char *ref;
	int64_t id;
	char *f_title, *f_name, *f_loc, *f_due, *f_prio, *f_status;
	int64_t f_owner;
	int back;               /* where to go when the discard question is answered no */
	/* The view to open again once the form or question is over (saved, cancelled or
	 * refused), e.g. the Actions view an action was edited from; NULL: stay. */
	const struct ui_view_ops *return_to;
	/* The record being edited as the form loaded it (the one of kind SEEN, a UI_CAP_*), to
	 * notice on saving that another instance changed it meanwhile; what that instance
	 * saved (sanitised), or THEIR_GONE when it deleted the record. */
	int seen;
	struct wb_note seen_note;
	struct wb_evidence seen_ev;
	struct wb_action seen_act;
	char *their_text;
	int their_gone;
	/* The draft of the note being typed (draft.h): its file once written, 1 when the text
	 * changed since, when (time()) it was last written; a draft found at start, offered. */
	char *draft_file;
	int draft_dirty, draft_warned;
	long draft_at;
	struct draft *draft_found;
	struct ui_cap_pager pager[UI_CAP_NPAGERS];   /* the item's notes, actions and roles (UI_CAP_PAGER_*) */
	char *pager_ref;        /* the item they are of */
	char pager_today[11];
};

/* Load the pages of roles, notes and actions whose "more" line is within 2 x H lines from
 * line TOP (the screen and the next); 1 if the text pane changed. */
int ui_capture_fill(struct ui *ui, size_t top, size_t h);
/* Load every record of the item shown (before looking for one). */
void ui_capture_fill_all(struct ui *ui);
int ui_capture_init(struct ui *ui);
void ui_capture_free(struct ui *ui);
/* 1 while a chooser, an editor or a question takes the keys. */
int ui_capture_busy(const struct ui *ui);
/* 1 while an editor has the cursor. */
int ui_capture_editing(const struct ui *ui);
/* A key while busy. */
void ui_capture_key(struct ui *ui, int key);
/* A capture action (rating, note, ..., undo, redo). */
void ui_capture_action(struct ui *ui, enum keys_action a);
/* From the Actions view: edit (DEL 0) or delete after a question (DEL 1) action ID. */
void ui_capture_action_record(struct ui *ui, int64_t id, int del);
/* The form is over: open cap.return_to again, if it is set, and forget it. */
void ui_capture_return(struct ui *ui);
/* Draw the chooser or editor over the text pane (when busy). */
void ui_capture_draw(struct ui *ui);
/* Add the workbook section of item IT to the text pane (called by ui_text). 0 or -1. */
int ui_capture_build(struct ui *ui, const struct fw_item *it);
/* The compact marker of an item in the navigation pane, never NULL: its live notes and
 * open actions ("2n 1a"), "✓" for consensus, then its ratings ("2→4", "·"). */
const char *ui_capture_mark(const struct ui *ui, const char *ref);
/* Progress for the navigation pane: of the items of framework FW (an index in the catalogue)
 * under heading HEADING (FW_NO_HEADING: all of the framework's items), how many have a
 * current rating (*DONE) out of *TOTAL. */
void ui_capture_progress(const struct ui *ui, size_t fw, size_t heading, size_t *done,
    size_t *total);
/* Reload after another instance changed the workbook; returns 1 if it had changed. */
int ui_capture_poll(struct ui *ui);

#endif
