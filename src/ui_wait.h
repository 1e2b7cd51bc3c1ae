/* ui_wait.h: saying at once that another program holds the workbook's lock, and letting Esc give up. */
#ifndef CIIPWB_UI_WAIT_H
#define CIIPWB_UI_WAIT_H

#include <wchar.h>

struct ui;

/* From now on, an edit that finds the workbook locked shows "Waiting for another program..."
 * on the message line at once and keeps waiting until the lock is free or Esc is pressed
 * (the edit then fails with its message; the text being edited is kept). */
void ui_wait_install(struct ui *ui);
/* The oldest key typed while waiting for the lock, as wget_wch gives it (OK or KEY_CODE_YES,
 * the key in *WC), or ERR when none is kept. */
int ui_wait_take(wint_t *wc);

#endif
