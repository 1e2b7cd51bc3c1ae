/* keys.h: the browser's actions and their default keys, one table for dispatch, help and man page. */
#ifndef CIIPWB_KEYS_H
#define CIIPWB_KEYS_H

#include <stddef.h>

/*
 * Every action once: X(ID, NAME, KEYS, HINT, HELP)
 *   ID    enum suffix (KEYS_ACT_ID)
 *   NAME  the action's name, for messages and a future key configuration
 *   KEYS  its default keys, names separated by blanks (see keys_parse)
 *   HINT  short label for the status line's key hints, or NULL
 *   HELP  the help screen's line (translated at run time with _())
 * The help screen is generated from this table; tests/test-keys.c checks that no key is bound
 * twice and that every key appears in the KEYS section of ciipwb(1).
 */
#define KEYS_ACTIONS(X) \
	X(UP, "move-up", "Up k", NULL, \
	    N_("Move the selection (or the text cursor) up one line")) \
	X(DOWN, "move-down", "Down j", NULL, \
	    N_("Move the selection (or the text cursor) down one line")) \
	X(PAGE_UP, "page-up", "PgUp C-b", NULL, \
	    N_("Move up one page")) \
	X(PAGE_DOWN, "page-down", "PgDn C-f Space", NULL, \
	    N_("Move down one page")) \
	X(FIRST, "move-first", "g Home", NULL, \
	    N_("Go to the first line")) \
	X(LAST, "move-last", "G End", NULL, \
	    N_("Go to the last line")) \
	X(NEXT_PANE, "next-pane", "Tab", N_("pane"), \
	    N_("Switch to the next pane (navigation, text)")) \
	X(PREV_PANE, "previous-pane", "S-Tab", NULL, \
	    N_("Switch to the previous pane")) \
	X(ENTER, "enter", "Enter", N_("open"), \
	    N_("Open: expand or collapse a framework or heading, show an item's text, follow a cross-reference")) \
	X(COLLAPSE, "collapse", "h Left", NULL, \
	    N_("Collapse the framework or heading, or go to its parent; in the text pane, back to navigation")) \
	X(EXPAND, "expand", "l Right", NULL, \
	    N_("Expand the framework or heading, or show the item's text")) \
	X(SEARCH, "search", "/", N_("search"), \
	    N_("Search the annex text and everything captured (case and accents do not matter)")) \
	X(SEARCH_NEXT, "search-next", "n", NULL, \
	    N_("Go to the next match")) \
	X(SEARCH_PREV, "search-previous", "N", NULL, \
	    N_("Go to the previous match")) \
	X(HELP, "help", "?", N_("help"), \
	    N_("Show this help; q or ? closes it")) \
	X(QUIT, "quit", "q", N_("quit"), \
	    N_("Quit; close the help or clear the search highlight first")) \
	X(REDRAW, "redraw", "C-l", NULL, \
	    N_("Redraw the screen")) \
	X(RATE_CURRENT, "rate-current", "r", NULL, \
	    N_("Set the selected item's current rating (a chooser of the workbook's scale)")) \
	X(RATE_TARGET, "rate-target", "t", NULL, \
	    N_("Set the selected item's target rating")) \
	X(NEEDS_REVIEW, "toggle-needs-review", "!", NULL, \
	    N_("Mark the selected item as needing review, or clear the mark")) \
	X(CONSENSUS, "toggle-consensus", "c", NULL, \
	    N_("Mark that the room reached consensus on the selected item, or clear the mark")) \
	X(ADD_NOTE, "add-note", "a", NULL, \
	    N_("Add a note to the selected item, in the current breakout group")) \
	X(ADD_EVIDENCE, "add-evidence", "v", NULL, \
	    N_("Add an evidence reference (a document or link) to the selected item")) \
	X(ADD_ACTION, "add-action", "+", NULL, \
	    N_("Add an action: title, owner, due date, priority and status")) \
	X(EDIT, "edit", "e", NULL, \
	    N_("Edit the note, evidence or action under the text cursor")) \
	X(DELETE, "delete", "d Del", NULL, \
	    N_("Delete the note, evidence or action under the text cursor (asks first; u undoes)")) \
	X(GROUP, "breakout-group", "b", NULL, \
	    N_("Choose the breakout group that new notes belong to, or make a new one")) \
	X(UNDO, "undo", "u", NULL, \
	    N_("Undo the last edit; the message line says what was undone")) \
	X(REDO, "redo", "C-r", NULL, \
	    N_("Redo the last undone edit")) \
	X(ACTIONS_VIEW, "actions-view", "A", NULL, \
	    N_("Show the actions of all items: filter, sort, Enter jumps to the item"))

enum keys_action {
	KEYS_ACT_NONE = 0,
#define KEYS_X_ENUM(id, name, keys, hint, help) KEYS_ACT_##id,
	KEYS_ACTIONS(KEYS_X_ENUM)
#undef KEYS_X_ENUM
	KEYS_NACTIONS
};

struct keys_def {
	enum keys_action action;
	const char *name;
	const char *keys;
	const char *hint;
	const char *help;
};

/* The table in the order of KEYS_ACTIONS (index 0 is the first action, not NONE). */
extern const struct keys_def keys_table[];
extern const size_t keys_ntable;

/*
 * A key is an int: a character (a Unicode code point, as wget_wch gives it), or a curses
 * function key (KEY_DOWN, ...) with KEYS_FN set. Return, line feed and KEY_ENTER are all "Enter"
 * ('\n'); Backspace keys are normalised too (see keys_normalize).
 */
#define KEYS_FN 0x40000000
#define KEYS_IS_FN(k) (((k) & KEYS_FN) != 0)
#define KEYS_CTRL(c) ((c) & 0x1f)
#define KEYS_ENTER '\n'
#define KEYS_ESC 27
#define KEYS_BACKSPACE 127

/* Parse a key name: a single character ("j", "/", "é"), "C-x" (control), or one of Up, Down,
 * Left, Right, PgUp, PgDn, Home, End, Tab, S-Tab, Enter, Space, Esc, Backspace, Del, F1..F12.
 * Returns 0 and sets *KEY, or -1 when the name is unknown. */
int keys_parse(const char *name, int *key);

/* Map the variants of one key to one code (CR and KEY_ENTER to Enter, the backspaces to
 * KEYS_BACKSPACE). */
int keys_normalize(int key);

/* The action bound to KEY (after keys_normalize), or KEYS_ACT_NONE. */
enum keys_action keys_lookup(int key);

/* The index in TABLE[0..N) of the first entry whose key names include KEY (both sides
 * normalised), or -1: for the key tables of views and widgets. */
int keys_find(const struct keys_def *table, size_t n, int key);

/* The table's entry for an action; NULL for KEYS_ACT_NONE or out of range. */
const struct keys_def *keys_def(enum keys_action action);

/* Calls CB for each key name in a KEYS string ("PgDn C-f Space"), with its length. */
void keys_each_name(const char *keys, void (*cb)(const char *name, size_t len, void *arg),
    void *arg);

#endif
