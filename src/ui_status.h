/* ui_status.h: the title bar, the status line (position and key hints) and the message line. */
#ifndef CIIPWB_UI_STATUS_H
#define CIIPWB_UI_STATUS_H

struct ui;

/* Read the workshop's title and the current breakout group again (at start and when the
 * workbook changed) for the title bar. */
void ui_status_refresh(struct ui *ui);
void ui_status_draw_title(struct ui *ui);
void ui_status_draw(struct ui *ui);
void ui_status_draw_msg(struct ui *ui);
/* The position of the selection: "64/211 · heading 2 of 7 · question 5 of 18" (malloc'd). */
char *ui_status_position(const struct ui *ui);

#endif
