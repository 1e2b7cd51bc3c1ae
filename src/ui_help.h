/* ui_help.h: the help screen, generated from the key table. */
#ifndef CIIPWB_UI_HELP_H
#define CIIPWB_UI_HELP_H

#include <stddef.h>

#include "keys.h"

struct ui;

struct ui_help {
	char **lines;
	int *styles;
	size_t n, top;
	int width;              /* the width it was built for */
};

void ui_help_open(struct ui *ui);
void ui_help_close(struct ui *ui);
void ui_help_free(struct ui_help *h);
void ui_help_draw(struct ui *ui);
void ui_help_action(struct ui *ui, enum keys_action a);

#endif
