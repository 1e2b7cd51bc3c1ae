/* keys.h: the browser's actions and their default keys, one table for dispatch, help and man page. */
#ifndef CIIPWB_KEYS_H
#define CIIPWB_KEYS_H

#include <stddef.h>

/*
 * Every action once: X(ID, NAME, VIEWS, KEYS, HINT, HELP)
 *   ID    enum suffix (KEYS_ACT_ID)
 *   NAME  the action's name, for messages and a future key configuration
 *   VIEWS where the binding applies: KEYS_GLOBAL ("*", every view), KEYS_LIST ("list", every
 *         list view), or view names from the view table (src/ui_view.c), blank-separated
 *   KEYS  its default keys, names separated by blanks (see keys_parse)
 *   HINT  short label for the status line's key hints, or NULL
 *   HELP  the help screen's line (translated at run time with _())
 * A key may be bound once per view: a binding that names a view overrides a "list" one, which
 * overrides a global one (q closes every view, but quits in the browser). The help screen is
 * generated from this table; tests/test-keys.c checks that no key is bound twice in one view,
 * that every view named exists, and that every key appears in the KEYS section of ciipwb(1).
 * The status line shows the hints of the bindings that apply to the current view, in this
 * order, dropping the first ones when they do not fit.
 * A new view adds its own lines at the end (an ID prefixed with its name).
 */
#define KEYS_GLOBAL "*"
#define KEYS_LIST "list"
#define KEYS_ACTIONS(X) \
	X(UP, "move-up", KEYS_GLOBAL, "Up k", NULL, \
	    N_("Move the selection (or the text cursor) up one line")) \
	X(DOWN, "move-down", KEYS_GLOBAL, "Down j", NULL, \
	    N_("Move the selection (or the text cursor) down one line")) \
	X(PAGE_UP, "page-up", KEYS_GLOBAL, "PgUp C-b", NULL, \
	    N_("Move up one page")) \
	X(PAGE_DOWN, "page-down", KEYS_GLOBAL, "PgDn C-f Space", NULL, \
	    N_("Move down one page")) \
	X(FIRST, "move-first", KEYS_GLOBAL, "g Home", NULL, \
	    N_("Go to the first line")) \
	X(LAST, "move-last", KEYS_GLOBAL, "G End", NULL, \
	    N_("Go to the last line")) \
	X(NEXT_PANE, "next-pane", "browser", "Tab", N_("pane"), \
	    N_("Switch to the next pane (navigation, text)")) \
	X(PREV_PANE, "previous-pane", "browser", "S-Tab", NULL, \
	    N_("Switch to the previous pane")) \
	X(ENTER, "enter", "browser", "Enter", N_("open"), \
	    N_("Open: expand or collapse a framework or heading, show an item's text, follow a cross-reference")) \
	X(COLLAPSE, "collapse", "browser", "h Left", NULL, \
	    N_("Collapse the framework or heading, or go to its parent; in the text pane, back to navigation")) \
	X(EXPAND, "expand", "browser", "l Right", NULL, \
	    N_("Expand the framework or heading, or show the item's text")) \
	X(SEARCH, "search", KEYS_GLOBAL, "/", N_("search"), \
	    N_("Search the annex text and everything captured (case and accents do not matter)")) \
	X(SEARCH_NEXT, "search-next", "browser", "n", NULL, \
	    N_("Go to the next hit of the search results (without a workbook, the next match in the annex text)")) \
	X(SEARCH_PREV, "search-previous", "browser", "N", NULL, \
	    N_("Go to the previous hit (or match)")) \
	X(HELP, "help", KEYS_GLOBAL, "?", N_("help"), \
	    N_("Show the help for the current view; q or ? closes it")) \
	X(QUIT, "quit", "browser", "q", N_("quit"), \
	    N_("Go back to where the last jump came from; at the first position, clear the search highlight, then quit")) \
	X(GOTO, "go-to", "browser", ": 0 1 2 3 4 5 6 7 8 9", NULL, \
	    N_("Go to a reference: type 64/211:10 (or 64/211#2 for a heading), or :10 for item 10 of this framework, then Enter")) \
	X(BACK, "back", "browser", "Backspace", NULL, \
	    N_("Go back to where the last jump (a cross-reference, a search hit, an action's item) came from")) \
	X(CLOSE, "close", KEYS_GLOBAL, "q Esc", N_("close"), \
	    N_("Close this view and go back to the one below, exactly where it was; in the browser, Esc clears the search highlight")) \
	X(REDRAW, "redraw", KEYS_GLOBAL, "C-l", NULL, \
	    N_("Redraw the screen")) \
	X(RATE_CURRENT, "rate-current", "browser", "r", NULL, \
	    N_("Set the selected item's current rating (a chooser of the workbook's scale)")) \
	X(RATE_TARGET, "rate-target", "browser", "t", NULL, \
	    N_("Set the selected item's target rating")) \
	X(NEEDS_REVIEW, "toggle-needs-review", "browser", "!", NULL, \
	    N_("Mark the selected item as needing review, or clear the mark")) \
	X(CONSENSUS, "toggle-consensus", "browser", "c", NULL, \
	    N_("Mark that the room reached consensus on the selected item, or clear the mark")) \
	X(ADD_NOTE, "add-note", "browser", "a", NULL, \
	    N_("Add a note to the selected item, in the current breakout group")) \
	X(ADD_EVIDENCE, "add-evidence", "browser", "v", NULL, \
	    N_("Add an evidence reference (a document or link) to the selected item")) \
	X(ADD_ACTION, "add-action", "browser", "+", NULL, \
	    N_("Add an action: title, owner, due date, priority and status")) \
	X(EDIT, "edit", "browser", "e", NULL, \
	    N_("Edit the note, evidence or action under the text cursor")) \
	X(DELETE, "delete", "browser", "d Del", NULL, \
	    N_("Delete the note, evidence or action under the text cursor (asks first; u undoes)")) \
	X(ACTION_DONE, "action-done", "browser", "x", NULL, \
	    N_("Mark the action under the text cursor (or the item's only open action) done, or open again")) \
	X(GROUP, "breakout-group", "browser", "b", NULL, \
	    N_("Choose the breakout group that new notes belong to, or make a new one")) \
	X(UNDO, "undo", KEYS_GLOBAL, "u", NULL, \
	    N_("Undo the last edit; the message line says what was undone")) \
	X(REDO, "redo", KEYS_GLOBAL, "C-r", NULL, \
	    N_("Redo the last undone edit")) \
	X(ACTIONS_VIEW, "actions-view", KEYS_GLOBAL, "A", NULL, \
	    N_("Show the actions of all items: filter, sort, Enter jumps to the item")) \
	X(SUMMARY_VIEW, "summary-view", KEYS_GLOBAL, "Y", NULL, \
	    N_("Show the stock-taking summary as it prints, page by page; print it and export it")) \
	/* The Actions view (src/ui_actions.c). */ \
	X(ACTIONS_SHOW, "actions-show-item", "actions", "Enter", N_("show"), \
	    N_("Show the selected action's item in the browser (A comes back, the filters kept)")) \
	X(ACTIONS_STATUS, "actions-status", "actions", "s", N_("status"), \
	    N_("Filter by status (any, open, in progress, done, dropped)")) \
	X(ACTIONS_PRIORITY, "actions-priority", "actions", "p", N_("priority"), \
	    N_("Filter by priority (any, high, medium, low)")) \
	X(ACTIONS_OWNER, "actions-owner", "actions", "o", N_("owner"), \
	    N_("Filter by owner, the next stakeholder of the register")) \
	X(ACTIONS_OWNER_BACK, "actions-owner-back", "actions", "O", NULL, \
	    N_("Filter by owner, the previous stakeholder")) \
	X(ACTIONS_HEADING, "actions-heading", "actions", "H", N_("heading"), \
	    N_("Filter by framework or heading, the next one")) \
	X(ACTIONS_OVERDUE, "actions-overdue", "actions", "!", N_("overdue"), \
	    N_("Show only overdue actions, or all again")) \
	X(ACTIONS_SORT, "actions-sort", "actions", "S", N_("sort"), \
	    N_("Sort by due date or by priority")) \
	X(ACTIONS_CLEAR, "actions-clear", "actions", "c", N_("clear"), \
	    N_("Clear every filter")) \
	X(ACTIONS_EDIT, "actions-edit", "actions", "e", NULL, \
	    N_("Edit the selected action over its item; then back to this view")) \
	X(ACTIONS_DELETE, "actions-delete", "actions", "d Del", NULL, \
	    N_("Delete the selected action (asks first; u undoes)")) \
	X(ACTIONS_DONE, "actions-done", "actions", "x", N_("done"), \
	    N_("Mark the selected action done, or open again if it was done (u undoes)")) \
	/* The search results (src/ui_results.c). */ \
	X(RESULTS_SHOW, "results-show", "results", "Enter", N_("show"), \
	    N_("Show where the selected hit is, in the browser (the views above it close)")) \
	/* Running the room (src/ui_room.c): the presenter, the time-box, the session log, the \
	 * workshop details. */ \
	X(PRESENT, "presenter", KEYS_GLOBAL, "P", NULL, \
	    N_("Present the selected item alone, large, for a projector (q comes back on it)")) \
	X(TIMER_TOGGLE, "timer-start-pause", KEYS_GLOBAL, "T", NULL, \
	    N_("Start the current heading's time-box timer, or pause it")) \
	X(TIMER_RESET, "timer-reset", KEYS_GLOBAL, "R", NULL, \
	    N_("Reset the current heading's timer to its full length")) \
	X(TIMER_LENGTH, "timer-length", KEYS_GLOBAL, "L", NULL, \
	    N_("Set the length of the current heading's time-box, in minutes")) \
	X(LOG_RECORD, "log-heading", KEYS_GLOBAL, "D", NULL, \
	    N_("Log the current heading in the session log: consensus or not, a short note; start, end and time spent come from its timer")) \
	X(SESSION_LOG, "session-log", KEYS_GLOBAL, "J", NULL, \
	    N_("Show the session log: which group discussed which heading, when, for how long")) \
	X(DETAILS, "workshop-details", KEYS_GLOBAL, "W", NULL, \
	    N_("Edit the workshop details (title, country, dates, venue, facilitator) and the breakout groups")) \
	/* The presenter view (src/ui_present.c). */ \
	X(PRESENT_NEXT, "presenter-next", "presenter", "Space PgDn", N_("next"), \
	    N_("The next item, across headings and annexes, like a slide")) \
	X(PRESENT_PREV, "presenter-previous", "presenter", "Backspace PgUp", N_("previous"), \
	    N_("The previous item (before the first: the annex's title page)")) \
	X(PRESENT_FIRST, "presenter-first", "presenter", "g Home", NULL, \
	    N_("The first item of the annex")) \
	X(PRESENT_LAST, "presenter-last", "presenter", "G End", NULL, \
	    N_("The last item of the annex")) \
	X(PRESENT_NOTES, "presenter-notes", "presenter", "n", N_("notes"), \
	    N_("Show the item's notes in the presenter layout, or its text again")) \
	/* The Session log view (src/ui_sessionlog.c). */ \
	X(LOG_EDIT, "log-edit-note", "sessionlog", "e Enter", N_("note"), \
	    N_("Edit the selected entry's note")) \
	X(LOG_CONSENSUS, "log-consensus", "sessionlog", "c", N_("consensus"), \
	    N_("Mark the selected entry as reached consensus, or not")) \
	X(LOG_DELETE, "log-delete", "sessionlog", "d Del", N_("delete"), \
	    N_("Delete the selected entry (asks first; u undoes)")) \
	/* The Workshop details view (src/ui_details.c). */ \
	X(DETAILS_EDIT, "details-edit", "details", "Enter e", N_("edit"), \
	    N_("Edit the selected detail, or rename the selected breakout group")) \
	X(DETAILS_ADD_GROUP, "details-add-group", "details", "a", N_("add group"), \
	    N_("Add a breakout group")) \
	X(DETAILS_RETIRE, "details-retire-group", "details", "d Del", N_("retire"), \
	    N_("Retire the selected breakout group (asks first; its notes keep it; u undoes)")) \
	/* The Summary view (src/ui_summary.c). */ \
	X(SUMMARY_NEXT_PAGE, "summary-next-page", "summary", "] n", N_("page"), \
	    N_("Go to the top of the next printed page laid out so far")) \
	X(SUMMARY_PREV_PAGE, "summary-previous-page", "summary", "[ N", NULL, \
	    N_("Go to the top of this printed page, or of the one before")) \
	X(SUMMARY_PRINT, "summary-print", "summary", "p", N_("print"), \
	    N_("Print the summary (80 columns) with the print command; the message line names the queue, or where the file went if printing failed")) \
	X(SUMMARY_TEXT, "summary-export-text", "summary", "t", N_("export"), \
	    N_("Write the text summary beside the workbook (NAME-summary.txt)")) \
	X(SUMMARY_MARKDOWN, "summary-export-markdown", "summary", "m", NULL, \
	    N_("Write the summary as Markdown beside the workbook (NAME-summary.md)")) \
	X(SUMMARY_HTML, "summary-export-html", "summary", "h", NULL, \
	    N_("Write the summary as a web page beside the workbook (NAME-summary.html)")) \
	X(SUMMARY_CSV, "summary-export-csv", "summary", "c", NULL, \
	    N_("Write the summary as CSV beside the workbook (NAME-summary.csv)")) \
	X(SUMMARY_JSON, "summary-export-json", "summary", "J", NULL, \
	    N_("Write the summary as JSON beside the workbook (NAME-summary.json)")) \
	X(SUMMARY_ANONYMOUS, "summary-anonymous", "summary", "a", N_("anonymous"), \
	    N_("Switch to the anonymous edition (no names, contacts or groups) and back; printing and exports follow")) \
	X(SUMMARY_EXECUTIVE, "summary-executive", "summary", "e", NULL, \
	    N_("Show the executive summary alone, or the whole summary again; printing and exports follow")) \
	/* The stakeholder map (src/ui_stake*.c, ui_roles.c, ui_matrix.c, ui_grid.c, \
	 * ui_coverage.c). */ \
	X(STAKE_VIEW, "stakeholders-view", KEYS_GLOBAL, "K", NULL, \
	    N_("Show the stakeholder register: counts per category, sort, filter, add, edit, delete")) \
	X(MATRIX_VIEW, "role-matrix", KEYS_GLOBAL, "M", NULL, \
	    N_("Show the role matrix: stakeholders by items (or headings), A R C I")) \
	X(GRID_VIEW, "power-interest-grid", KEYS_GLOBAL, "I", NULL, \
	    N_("Show the power/interest grid: every stakeholder by influence and interest")) \
	X(COVERAGE_VIEW, "coverage", KEYS_GLOBAL, "C", NULL, \
	    N_("Show the coverage per heading: items with a lead, categories involved, gaps")) \
	X(ROLES_VIEW, "item-roles", "browser", "w", NULL, \
	    N_("Who has a role on the selected item: list them, give someone a role")) \
	X(STAKE_OPEN, "stakeholder-open", "stakeholders", "Enter", N_("open"), \
	    N_("Open the selected stakeholder: its roles, actions and relationships")) \
	X(STAKE_ADD, "stakeholder-add", "stakeholders", "a", N_("add"), \
	    N_("Add a stakeholder (a name already in the register asks first)")) \
	X(STAKE_EDIT, "stakeholder-edit", "stakeholders", "e", N_("edit"), \
	    N_("Edit the selected stakeholder, field by field (Enter keeps a field)")) \
	X(STAKE_DELETE, "stakeholder-delete", "stakeholders", "d Del", NULL, \
	    N_("Delete the selected stakeholder with its roles and relationships (asks first; u undoes)")) \
	X(STAKE_SORT, "stakeholder-sort", "stakeholders", "s", N_("sort"), \
	    N_("Sort by name, category, influence, interest or engagement")) \
	X(STAKE_CATEGORY, "stakeholder-filter-category", "stakeholders", "f", N_("category"), \
	    N_("Show one category only, the next one (then all again)")) \
	X(STAKE_ENGAGEMENT, "stakeholder-filter-engagement", "stakeholders", "F", NULL, \
	    N_("Show one engagement level only, the next one (then all again)")) \
	X(STAKE_CLEAR, "stakeholder-clear", "stakeholders", "x", N_("clear"), \
	    N_("Clear the filters")) \
	X(DETAIL_OPEN, "stakeholder-go", "stakeholder", "Enter", N_("go"), \
	    N_("Go to the selected item or action in the browser, or open the related stakeholder")) \
	X(DETAIL_EDIT, "stakeholder-change", "stakeholder", "e", N_("edit"), \
	    N_("Edit the selected line: the stakeholder, a role, an action or a relationship's kind")) \
	X(DETAIL_RELATE, "stakeholder-relate", "stakeholder", "a", N_("relate"), \
	    N_("Add a relationship: depends on, coordinates with or reports to another stakeholder")) \
	X(DETAIL_DELETE, "stakeholder-remove", "stakeholder", "d Del", NULL, \
	    N_("Remove the selected role or relationship, or delete the selected action or the stakeholder (asks first; u undoes)")) \
	X(ROLES_ADD, "role-add", "roles", "a", N_("add"), \
	    N_("Give a stakeholder a role on this item: pick one from the register, or create one")) \
	X(ROLES_CHANGE, "role-change", "roles", "e", N_("change"), \
	    N_("Change the selected role: responsible, accountable, consulted or informed")) \
	X(ROLES_REMOVE, "role-remove", "roles", "d Del", NULL, \
	    N_("Remove the selected role (asks first; u undoes)")) \
	X(ROLES_OPEN, "role-open", "roles", "Enter", N_("open"), \
	    N_("Open the selected stakeholder")) \
	X(MATRIX_LEFT, "matrix-left", "matrix grid", "h Left", NULL, \
	    N_("Move one column left")) \
	X(MATRIX_RIGHT, "matrix-right", "matrix grid", "l Right", NULL, \
	    N_("Move one column right")) \
	X(MATRIX_HEADINGS, "matrix-headings", "matrix", "H", N_("headings"), \
	    N_("One column per heading (its strongest role), or one per item again")) \
	X(MATRIX_OPEN, "matrix-open", "matrix grid", "Enter", N_("open"), \
	    N_("Open the selected stakeholder")) \
	X(MATRIX_ITEM, "matrix-item", "matrix", "o", N_("item"), \
	    N_("Show the selected column's item (or heading) in the browser")) \
	X(GRID_NEXT, "grid-next", "grid", "Tab", N_("next"), \
	    N_("Select the next stakeholder of a cell several share")) \
	X(COVERAGE_SHOW, "coverage-show", "coverage", "Enter", N_("show"), \
	    N_("Show the heading's first item with no lead (or its first item) in the browser")) \
	/* The Conflicts view (src/ui_conflicts.c). */ \
	X(CONFLICTS_VIEW, "conflicts", KEYS_GLOBAL, "X", NULL, \
	    N_("Show the conflicts merges left to decide, and merge a breakout group's workbook")) \
	X(CONFLICT_KEEP, "conflict-keep", "conflicts", "1", N_("keep"), \
	    N_("Decide the selected conflict: keep the value the row holds (u undoes)")) \
	X(CONFLICT_OTHER, "conflict-other", "conflicts", "2", N_("other"), \
	    N_("Decide the selected conflict: take the other value (u undoes)")) \
	X(CONFLICT_SHOW, "conflict-show", "conflicts", "Enter", N_("show"), \
	    N_("Show the conflict's item in the browser")) \
	X(CONFLICT_MERGE, "merge", "conflicts", "m", N_("merge"), \
	    N_("Merge another workbook into this one (type its file name); the report shows here")) \
	/* The Messages view (src/ui_messages.c). */ \
	X(MESSAGES_VIEW, "messages", KEYS_GLOBAL, "E", NULL, \
	    N_("Show the last message whole (the message line may shorten a path or cut it) and the ones before it"))

enum keys_action {
	KEYS_ACT_NONE = 0,
#define KEYS_X_ENUM(id, name, views, keys, hint, help) KEYS_ACT_##id,
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

/* The table in the order of KEYS_ACTIONS (index 0 is the first action, not NONE), and where
 * each binding applies (the VIEWS column, same index). */
extern const struct keys_def keys_table[];
extern const char *const keys_views[];
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

/* The action bound to KEY (normalised here) in view VIEW (a view name; LIST 1 for a list
 * view): the binding naming VIEW, else a KEYS_LIST one (list views), else a global one, else
 * KEYS_ACT_NONE. Called once per key, at the entry (ui_input). */
enum keys_action keys_lookup(const char *view, int list, int key);
/* A key in effect in a view and the action it reaches there. */
struct keys_binding {
	int key;                     /* normalised */
	enum keys_action action;
};
/* Every key bound in view VIEW (LIST as in keys_lookup) with the action keys_lookup gives it,
 * in no set order: at most MAX into OUT; returns how many. One pass over the table, for
 * looking up many keys of one view at once (the status line's hints). */
size_t keys_bindings(const char *view, int list, struct keys_binding *out, size_t max);
/* 1 if binding I of keys_table applies to view VIEW in exactly the way LEVEL says: 0 names
 * VIEW, 1 is a list binding (and LIST is set), 2 is global. */
int keys_applies(size_t i, const char *view, int list, int level);
/* 1 if the blank-separated names in VIEWS include NAME. */
int keys_views_has(const char *views, const char *name);

/* The index in TABLE[0..N) of the first entry whose key names include KEY (both sides
 * normalised), or -1: for the key tables of views and widgets. */
int keys_find(const struct keys_def *table, size_t n, int key);

/* The table's entry for an action; NULL for KEYS_ACT_NONE or out of range. */
const struct keys_def *keys_def(enum keys_action action);

/* Calls CB for each key name in a KEYS string ("PgDn C-f Space"), with its length. */
void keys_each_name(const char *keys, void (*cb)(const char *name, size_t len, void *arg),
    void *arg);

#endif
