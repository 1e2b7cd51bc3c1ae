/* map_out.h: the stakeholder map written out: Graphviz DOT, CSV and plain text, each escaped for its format; no curses. */
#ifndef CIIPWB_MAP_OUT_H
#define CIIPWB_MAP_OUT_H

#include <stdio.h>

struct map;

/*
 * Every writer takes text from the workbook as untrusted: it is sanitised (text_sanitize:
 * no control characters, no escape sequences, no bidi overrides) and then escaped for the
 * format. The layouts are documented in ciipwb(5), STAKEHOLDER MAP FILES.
 * Writers return 0, or -1 when writing to FP failed (errno set).
 */

/* Graphviz DOT: stakeholders clustered by category, their relationships, and an edge to
 * each item they lead. TITLE (may be NULL) labels the graph. */
int map_write_dot(FILE *fp, const struct map *m, const char *title);
/* CSV (RFC 4180, CRLF, every field quoted): one header row, then one row per stakeholder
 * with the register's columns followed by one column per item holding its role letter. */
int map_write_csv(FILE *fp, const struct map *m);
/* Text as the screens show it, WIDTH columns (at least 40): the register, the role matrix,
 * the power/interest grid and the coverage per heading. */
int map_write_text(FILE *fp, const struct map *m, int width);

/* The parts of map_write_text, for other reports (the stock-taking summary). */
int map_text_register(FILE *fp, const struct map *m, int width);
int map_text_matrix(FILE *fp, const struct map *m, int width);
int map_text_grid(FILE *fp, const struct map *m, int width);
int map_text_coverage(FILE *fp, const struct map *m, int width);

/* Column widths of the register table for WIDTH columns, shared by the text output and the
 * Stakeholders view: name, category, contact, responsibilities, influence, interest,
 * engagement (one space between columns). */
enum { MAP_COL_NAME, MAP_COL_CAT, MAP_COL_CONTACT, MAP_COL_RESP, MAP_COL_INF, MAP_COL_INT,
	MAP_COL_ENG, MAP_NCOLS };
void map_register_widths(int width, int w[MAP_NCOLS]);
/* The header labels of those columns (N_(): translate with _()). */
const char *map_register_header(int col);

/* Escaping, for any writer: a DOT double-quoted string with its quotes ('"' and '\'
 * escaped, a newline as \n, '&' as &amp; so that Graphviz shows the text as typed), and a
 * CSV field with its quotes ('"' doubled; a cell a spreadsheet would run as a formula,
 * one starting with = + - @ after any spaces, gets a leading '). Both sanitise first.
 * Malloc'd; NULL only when out of memory. */
char *map_dot_quote(const char *s);
char *map_csv_field(const char *s);

#endif
