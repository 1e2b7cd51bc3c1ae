/* ui_modal.c: a question, a chooser or a text field over any view, taking every key until answered; forms are chains of them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "ui.h"
#include "ui_choose.h"
#include "ui_edit.h"
#include "ui_modal.h"

enum modal_kind { MODAL_NONE, MODAL_ASK, MODAL_CHOOSE, MODAL_EDIT, MODAL_DISCARD };

struct ui_modal {
	enum modal_kind kind;
	struct ui_choose choose;
	struct ui_edit edit;
	int edit_open;
	ui_modal_yes_fn *yes;
	ui_modal_pick_fn *pick;
	ui_modal_text_fn *text;
	void *arg;
};

static struct ui_modal *
modal_get(struct ui *ui)
{
	if (ui->modal == NULL && (ui->modal = calloc(1, sizeof(struct ui_modal))) == NULL)
		ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
	return ui->modal;
}

/* The window the modal draws over: the view, or the text pane in the browser. */
static WINDOW *
modal_win(const struct ui *ui)
{
	return ui->depth > 1 ? ui->w_view : ui->w_text;
}

static void
modal_dirty(struct ui *ui)
{
	ui_mark(ui, UI_DIRTY_VIEW | UI_DIRTY_TEXT | UI_DIRTY_NAV | UI_DIRTY_MSG |
	    UI_DIRTY_STATUS);
}

int
ui_modal_busy(const struct ui *ui)
{
	return ui->modal != NULL && ui->modal->kind != MODAL_NONE;
}

int
ui_modal_cursor(const struct ui *ui)
{
	return ui->modal != NULL && ui->modal->kind == MODAL_EDIT;
}

static void
modal_close_edit(struct ui_modal *m)
{
	if (m->edit_open) {
		ui_edit_close(&m->edit);
		m->edit_open = 0;
	}
}

void
ui_modal_free(struct ui *ui)
{
	if (ui->modal == NULL)
		return;
	ui_choose_close(&ui->modal->choose);
	modal_close_edit(ui->modal);
	free(ui->modal);
	ui->modal = NULL;
}

int
ui_modal_ask(struct ui *ui, const char *question, ui_modal_yes_fn *fn, void *arg)
{
	struct ui_modal *m = modal_get(ui);

	if (m == NULL)
		return -1;
	m->kind = MODAL_ASK;
	m->yes = fn;
	m->arg = arg;
	ui_message(ui, "%s", question);
	modal_dirty(ui);
	return 0;
}

int
ui_modal_choose(struct ui *ui, const char *title, const char *const *labels, size_t n,
    size_t sel, ui_modal_pick_fn *fn, void *arg)
{
	struct ui_modal *m = modal_get(ui);
	size_t i;

	if (m == NULL)
		return -1;
	if (ui_choose_open(&m->choose, title) != 0)
		goto nomem;
	for (i = 0; i < n; i++)
		if (ui_choose_add(&m->choose, labels[i]) != 0)
			goto nomem;
	ui_choose_select(&m->choose, sel);
	m->kind = MODAL_CHOOSE;
	m->pick = fn;
	m->arg = arg;
	modal_dirty(ui);
	return 0;
nomem:
	ui_choose_close(&m->choose);
	ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
	return -1;
}

int
ui_modal_edit(struct ui *ui, const char *title, const char *initial, int multiline,
    ui_modal_text_fn *fn, void *arg)
{
	struct ui_modal *m = modal_get(ui);

	if (m == NULL)
		return -1;
	modal_close_edit(m);
	if (ui_edit_open(&m->edit, title, initial, multiline) != 0) {
		ui_edit_close(&m->edit);
		ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
		return -1;
	}
	m->edit_open = 1;
	m->kind = MODAL_EDIT;
	m->text = fn;
	m->arg = arg;
	modal_dirty(ui);
	return 0;
}

/* Close the editor and hand its text (or NULL) to the callback. */
static void
modal_edit_done(struct ui *ui, struct ui_modal *m, int save)
{
	char *text = save ? strdup(ui_edit_text(&m->edit)) : NULL;
	ui_modal_text_fn *fn = m->text;
	void *arg = m->arg;

	if (save && text == NULL) {
		/* Keep editing: nothing typed is lost. */
		ui_message(ui, "%s", _("Out of memory: close other programs and try again"));
		return;
	}
	modal_close_edit(m);
	m->kind = MODAL_NONE;
	modal_dirty(ui);
	fn(ui, arg, text);
	free(text);
}

void
ui_modal_key(struct ui *ui, int key)
{
	struct ui_modal *m = ui->modal;
	char *err = NULL;

	if (m == NULL)
		return;
	key = keys_normalize(key);
	modal_dirty(ui);
	switch (m->kind) {
	case MODAL_ASK:
		m->kind = MODAL_NONE;
		ui->msg[0] = '\0';
		m->yes(ui, m->arg, key == 'y' || key == 'Y');
		break;
	case MODAL_DISCARD:
		ui->msg[0] = '\0';
		if (key == 'y' || key == 'Y') {
			modal_edit_done(ui, m, 0);
		} else {
			m->kind = MODAL_EDIT;
			ui_message(ui, "%s", _("Still editing"));
		}
		break;
	case MODAL_CHOOSE:
		switch (ui_choose_key(&m->choose, key)) {
		case UI_CHOOSE_PICK: {
			size_t i = m->choose.sel;

			ui_choose_close(&m->choose);
			m->kind = MODAL_NONE;
			m->pick(ui, m->arg, i);
			break;
		}
		case UI_CHOOSE_CANCEL:
			ui_choose_close(&m->choose);
			m->kind = MODAL_NONE;
			m->pick(ui, m->arg, UI_MODAL_CANCEL);
			break;
		default:
			break;
		}
		break;
	case MODAL_EDIT:
		if (ui->msg[0] != '\0')
			ui->msg[0] = '\0';
		switch (ui_edit_key(&m->edit, key)) {
		case UI_EDIT_SAVE:
			modal_edit_done(ui, m, 1);
			break;
		case UI_EDIT_CANCEL:
			if (ui_edit_changed(&m->edit)) {
				m->kind = MODAL_DISCARD;
				ui_message(ui, "%s", _("Discard the text you typed? (y/n)"));
			} else {
				modal_edit_done(ui, m, 0);
			}
			break;
		case UI_EDIT_EXTERNAL:
			if (ui_edit_run_external(&m->edit, &err) != 0) {
				char *e = ui_clean(err);

				ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
				free(e);
				free(err);
			}
			ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
			break;
		default:
			break;
		}
		break;
	default:
		break;
	}
}

void
ui_modal_draw(struct ui *ui)
{
	struct ui_modal *m = ui->modal;
	WINDOW *w = modal_win(ui);

	if (m == NULL || w == NULL)
		return;
	if (m->kind == MODAL_CHOOSE) {
		ui_choose_draw(&m->choose, w, ui->style[UI_NORMAL], ui->style[UI_SELECTED],
		    ui->style[UI_HEADING], ui->utf8);
		wnoutrefresh(w);
	} else if ((m->kind == MODAL_EDIT || m->kind == MODAL_DISCARD) && m->edit_open) {
		ui_edit_draw(&m->edit, w, ui->style[UI_NORMAL], ui->style[UI_HEADING]);
		wnoutrefresh(w);
	}
}
