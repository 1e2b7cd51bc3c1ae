/* draft.h: the draft file of the note being typed, kept so that a crash loses nothing (no curses). */
#ifndef CIIPWB_DRAFT_H
#define CIIPWB_DRAFT_H

#include <stddef.h>
#include <stdint.h>

/*
 * While a note is being typed, its text is kept in a draft file, private to the user, in
 * $XDG_STATE_HOME/ciipwb/drafts (or ~/.local/state/ciipwb/drafts), mode 0600, written whole
 * under a temporary name and renamed into place. Its name is the workbook's file name, a hash
 * of its absolute path and the process id: NAME-HASH-PID.draft. A draft is removed when the
 * note is saved or the editor cancelled; one left behind by a process that no longer runs
 * (killed, or the terminal closed) is found on the next start of that workbook.
 */
struct draft {
	char *ref;              /* the item the note is on */
	int64_t id;             /* the note being edited, 0 for a new note */
	int64_t group;          /* its breakout group, 0 = none */
	char *text;             /* what was typed (raw, untrusted: sanitise to show) */
	size_t len;
	char *file;             /* the draft's path (draft_find) */
};

/* The draft file of this process for workbook WB_PATH (absolute): malloc'd, or NULL with *ERR
 * (malloc'd) when the directory cannot be made. */
char *draft_path(const char *wb_path, char **err);
/* Write D to FILE atomically (mode 0600). 0, or -1 with *ERR malloc'd (FILE unchanged). */
int draft_write(const char *file, const struct draft *d, char **err);
/* The first draft of WB_PATH left by a process that no longer runs: 1 with *OUT filled (free
 * with draft_free), 0 when there is none, -1 with *ERR. Temporary files such a process left
 * half written are removed. */
int draft_find(const char *wb_path, struct draft *out, char **err);
void draft_free(struct draft *d);

#endif
