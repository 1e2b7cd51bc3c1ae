/* ui_wait.c: saying at once that another program holds the workbook's lock, and letting Esc give up. */
#include "config.h"

#include <curses.h>

#include "i18n.h"
#include "keys.h"
#include "ui.h"
#include "ui_status.h"
#include "ui_wait.h"
#include "wb.h"

/* Keys typed while waiting (other than the Esc that gives up): kept in order, and read by
 * the browser's loop before the terminal's next keys, so that nothing typed is lost. */
static struct {
	int r;
	wint_t wc;
} wait_keys[64];
static size_t wait_head, wait_n;

int
ui_wait_take(wint_t *wc)
{
	int r;

	if (wait_n == 0)
		return ERR;
	r = wait_keys[wait_head].r;
	*wc = wait_keys[wait_head].wc;
	wait_head = (wait_head + 1) % (sizeof wait_keys / sizeof wait_keys[0]);
	wait_n--;
	return r;
}

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
	/* Look for Esc without blocking; other keys typed meanwhile are kept for later (past
	 * 64 of them, the newest are dropped). */
	delay = wgetdelay(stdscr);
	wtimeout(stdscr, 0);
	r = wget_wch(stdscr, &wc);
	wtimeout(stdscr, delay);
	if (r == OK && (int)wc == KEYS_ESC)
		return 0;
	if (r != ERR && wait_n < sizeof wait_keys / sizeof wait_keys[0]) {
		size_t at = (wait_head + wait_n) % (sizeof wait_keys / sizeof wait_keys[0]);

		wait_keys[at].r = r;
		wait_keys[at].wc = wc;
		wait_n++;
	}
	return 1;
}

void
ui_wait_install(struct ui *ui)
{
	if (ui->wb != NULL)
		wb_set_busy(ui->wb, ui_wait_cb, ui);
}
