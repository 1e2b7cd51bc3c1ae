/* ui_present.h: the presenter view, the selected item alone laid out for a projector. */
#ifndef CIIPWB_UI_PRESENT_H
#define CIIPWB_UI_PRESENT_H

#include "ui_view.h"

struct ui;

extern const struct ui_view_ops ui_present_view;

/* 1 while the presenter shows the item's notes rather than its text. */
int ui_present_showing_notes(const struct ui *ui);
/* Show the notes (ON 1) or the text (ON 0), when the presenter is open. */
void ui_present_show_notes(struct ui *ui, int on);

#endif
