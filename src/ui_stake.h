/* ui_stake.h: the stakeholder register view, the stakeholder form, and what the stakeholder-map views share. */
#ifndef CIIPWB_UI_STAKE_H
#define CIIPWB_UI_STAKE_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "ui_view.h"

struct ui;
struct map;

/* The views of the stakeholder map (each in its own file; keys in keys.h). */
extern const struct ui_view_ops ui_stake_view;          /* the register (ui_stake.c) */
extern const struct ui_view_ops ui_stake_detail_view;   /* one stakeholder (ui_stake_detail.c) */
extern const struct ui_view_ops ui_roles_view;          /* the roles of the browser's item */
extern const struct ui_view_ops ui_matrix_view;         /* the role matrix (ui_matrix.c) */
extern const struct ui_view_ops ui_grid_view;           /* the power/interest grid (ui_grid.c) */
extern const struct ui_view_ops ui_coverage_view;       /* coverage per heading (ui_coverage.c) */

/* Open the stakeholder ID in the detail view (on top of the stack). */
void ui_stake_show(struct ui *ui, int64_t id);

/* The stakeholder form: every field in turn (name, category, contact, responsibilities,
 * influence, interest, engagement), with the duplicate-name question before saving. ID 0
 * adds one, NAME (may be NULL) filling the name; else edits stakeholder ID. When saved,
 * DONE (may be NULL) gets the stakeholder's key; when cancelled, 0. On an error the form
 * opens again with everything typed. */
typedef void ui_stake_done_fn(struct ui *ui, void *arg, int64_t id);
void ui_stake_form(struct ui *ui, int64_t id, const char *name, ui_stake_done_fn *done,
    void *arg);

/* Ask before deleting stakeholder I of M, saying how many roles, actions and relationships
 * go with it; yes deletes (one undo step brings all of it back). */
void ui_stake_delete_ask(struct ui *ui, const struct map *m, size_t i);

/* After an edit call returned RC: on 0, MSG (or "Saved") and every view and the browser
 * load again; else the workbook's error on the message line. Returns RC. */
int ui_stake_saved(struct ui *ui, int rc, const char *msg);
/* 1 if edits are possible (a workbook, not read-only), else 0 after a message. */
int ui_stake_can_edit(struct ui *ui);

/* Load the map of ui->wb into *M (freed first); on failure *M is NULL and *ERR (freed first)
 * a sanitised message, also shown on the message line. No workbook: *M NULL, *ERR NULL. */
void ui_stake_load(struct ui *ui, struct map **m, char **err);
/* Free what ui_stake_load and ui_stake_list made (ORDER may be NULL). */
void ui_stake_unload(struct map **m, char **err, size_t **order);
/* *ORDER (made again) gets the stakeholders of M by map_register; returns how many (0 when
 * M is NULL or out of memory). */
size_t ui_stake_list(const struct map *m, int sort, unsigned cats, unsigned engs,
    size_t **order);

/* NAME (workbook text) sanitised, on one line, cut to COLS columns with an ellipsis: for a
 * question that has to fit the message line. Malloc'd; NULL only when out of memory. */
char *ui_stake_short(const char *name, int cols);

/* Drawing helpers: S (workbook text: sanitised here) padded or cut to COLS, then SEP
 * blanks; a whole line at row Y in ATTR. */
void ui_stake_cell(WINDOW *w, const char *s, int cols, int sep);
void ui_stake_line(WINDOW *w, int y, int cols, attr_t attr, const char *s);
/* Move a selection SEL in a list of N by D, clamped; keep it between TOP and TOP + ROWS. */
void ui_stake_move(size_t *sel, size_t n, long d);
/* The movement keys (up, down, pages of PAGE lines, first, last) on SEL in a list of N:
 * 1 when A was one of them, else 0. */
int ui_stake_list_key(enum keys_action a, size_t *sel, size_t n, long page);
void ui_stake_scroll(size_t sel, size_t *top, size_t n, int rows);

#endif
