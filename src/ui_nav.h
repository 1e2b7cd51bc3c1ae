/* ui_nav.h: the navigation pane, a tree of frameworks, headings and items. */
#ifndef CIIPWB_UI_NAV_H
#define CIIPWB_UI_NAV_H

#include <stddef.h>

#include "keys.h"

struct ui;

enum ui_nav_kind { UI_NAV_FW, UI_NAV_HEADING, UI_NAV_ITEM };

struct ui_nav_row {
	enum ui_nav_kind kind;
	int depth;
	size_t fw;              /* index in the catalogue */
	size_t heading;         /* index in the framework, or FW_NO_HEADING */
	size_t item;            /* index in the framework (items only) */
	char *label;            /* sanitised */
};

struct ui_nav {
	struct ui_nav_row *rows;
	size_t nrows;
	size_t sel, top;
	unsigned char *fw_closed;       /* per framework */
	unsigned char **hd_closed;      /* per framework, per heading */
};

int ui_nav_init(struct ui *ui);
void ui_nav_free(struct ui_nav *nav);
void ui_nav_draw(struct ui *ui);
void ui_nav_action(struct ui *ui, enum keys_action a);
/* A click on line Y of the pane (0 = its first line). */
void ui_nav_click(struct ui *ui, int y);
/* The selected row (never NULL once initialised with at least one framework). */
const struct ui_nav_row *ui_nav_current(const struct ui *ui);
/* Select item ITEM of framework FW, opening its parents. */
void ui_nav_select_item(struct ui *ui, size_t fw, size_t item);

#endif
