/* ui_wait.c: saying at once that another program holds the workbook's lock, and letting Esc give up. */
#include "config.h"

#include <curses.h>

#include "i18n.h"
#include "keys.h"
#include "ui.h"
#include "ui_status.h"
#include "ui_wait.h"
#include "wb.h"

/* wb_set_busy's callback: 1 to go on waiting, 0 to give up. */
static int
ui_wait_cb(void *arg, int count)
{
	struct ui *ui = arg;
	wint_t wc;
	int delay, r;

	/* The scripted browser has no keyboard: give up after about 5 s, as before. */
	if (ui->script)
		return count < 100;
	if (count == 0) {
		ui_message(ui, "%s", _("Waiting for another program to finish writing the"
		    " workbook... Esc stops waiting (your text is kept)"));
		ui_status_draw_msg(ui);
		wnoutrefresh(ui->w_msg);
		doupdate();
	}
	/* Look for Esc without blocking; other keys typed meanwhile are dropped. */
	delay = wgetdelay(stdscr);
	wtimeout(stdscr, 0);
	r = wget_wch(stdscr, &wc);
	wtimeout(stdscr, delay);
	return !(r == OK && (int)wc == KEYS_ESC);
}

void
ui_wait_install(struct ui *ui)
{
	if (ui->wb != NULL)
		wb_set_busy(ui->wb, ui_wait_cb, ui);
}
