/* wb_search.h: full-text search over the workbook (notes, evidence, actions, stakeholders, session log) and the annexes. */
#ifndef CIIPWB_WB_SEARCH_H
#define CIIPWB_WB_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct wb;
struct catalog;
struct sqlite3;

/*
 * How it works (see also ciipwb(5), WORKBOOKS):
 * - Two ordinary FTS5 tables hold a normalised copy of every live (deleted = 0) text:
 *   search_word (tokenize 'unicode61 remove_diacritics 2': words, case and Latin accents
 *   folded) and search_tri (tokenize 'trigram': substrings, for Chinese, Arabic and parts
 *   of words). search_doc(id, kind, src, ref) maps their rowid to the source row.
 * - Triggers on the source tables keep them up to date, whoever writes (this program,
 *   a changeset apply, undo/redo, the sqlite3 shell). They strip Arabic vowel marks
 *   (U+064B..U+065F, U+0670) and tatweel (U+0640) with nested replace(); no
 *   application-defined functions are involved.
 * - FTS5 (SQLite 3.40) is not marked innocuous, so the triggers only run on a
 *   connection with PRAGMA trusted_schema on: wb_search_connect() turns it on when
 *   every trigger and view in the file is one of ours, word for word, and off otherwise.
 * - Annex text lives in the binary: it is indexed in two TEMP FTS5 tables filled by
 *   wb_search_add_annex(), or by wb_search_add_catalog() at the first search.
 */

/* One search result. Borrowed: valid only during the callback. */
struct wb_hit {
	const char *kind;      /* "annex", "note", "evidence", "action", "stakeholder", "log" */
	int64_t id;            /* key of the row in its table; 0 for "annex" */
	const char *ref;       /* item or heading ref ("64/211:5", "64/211#2"); NULL for stakeholders */
	const char *snippet;   /* a piece of the matching text (unsanitised: sanitise for display) */
	double rank;           /* order of the results: smaller is better */
};

#define WB_SEARCH_MAX_QUERY 1000   /* bytes in a query */
#define WB_SEARCH_MAX_TERMS 16     /* words in a query */

/* Search for the words of QUERY (plain text, never FTS5 syntax): every word must occur,
 * the last one may be the start of a word; words of 3 characters or more also match
 * inside words. A query with a 1- or 2-character word in Chinese, Japanese, Korean,
 * Arabic, Hebrew or Thai scans the text instead. Calls CB for up to LIMIT hits (0 = no
 * limit), best first; CB returns 0 to go on, anything else stops the search and becomes
 * the return value. Returns 0, or -1 with wb_errmsg(wb). An empty query finds nothing. */
int wb_search(struct wb *wb, const char *query, size_t limit,
    int (*cb)(const struct wb_hit *, void *), void *arg);

/* Index the text of one annex item (REF like "64/211:5") for this connection only. */
int wb_search_add_annex(struct wb *wb, const char *ref, const char *text);
/* Index every item of the catalogue: short title, text, bullets and footnotes. The work is
 * done at the first search (opening stays fast; a session that never searches never pays
 * for it): CAT must stay valid while WB is open. */
int wb_search_add_catalog(struct wb *wb, const struct catalog *cat);
/* Do now the work the first search would do (the annex tables and their index): when the
 * search prompt opens, so that it is done while the query is typed. 0, or -1 with
 * wb_errmsg(wb) (the search itself tries again and says so). */
int wb_search_prepare(struct wb *wb);
/* Forget the annex text indexed so far (e.g. before loading another catalogue). */
int wb_search_clear_annex(struct wb *wb);

/* Rebuild the workbook's search index from the source tables (after an import or a
 * migration, or when `ciipwb check` reports it inconsistent). Refused when read-only. */
int wb_search_rebuild(struct wb *wb);

/* For workbook modules (raw connection, *err malloc'd on -1): */
/* The same rebuild without a transaction of its own (call inside one). */
int wb_search_rebuild_db(struct sqlite3 *db, char **err);
/* Compare the index with the source tables and run FTS5 'integrity-check' on it. This
 * WRITES (FTS5 needs a write transaction for its check): run it on a copy. Returns 0 when
 * consistent, 1 with *detail (malloc'd, one line) when not, -1 with *detail on error. */
int wb_search_verify(struct sqlite3 *db, char **detail);
/* Its two halves. Rows: the index against the source tables (reads only). Index: FTS5
 * 'integrity-check' of the word index (WHICH 0) or of the trigram index (1). In place
 * (COPY 0) SQLite 3.40 runs it only in a write transaction, and it changes nothing: call
 * it inside one and roll back. COPY 1 checks a TEMP copy of the index's own tables and
 * reads only main: a read-only connection will do. */
int wb_search_verify_rows(struct sqlite3 *db, char **detail);
int wb_search_verify_index(struct sqlite3 *db, int which, int copy, char **detail);
/* 1 if every trigger and view of the main schema is one this module creates, word for
 * word (then it is safe to turn trusted_schema on), else 0. */
int wb_search_schema_trusted(struct sqlite3 *db);

#endif
