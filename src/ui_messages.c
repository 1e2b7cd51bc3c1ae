/* ui_messages.c: the Messages view: the last messages of the message line, whole and sanitised. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "util.h"

struct ui_messages {
	char *text;             /* the messages, sanitised, newest first, a blank line between */
	struct text_line *lines;
	size_t n, top;
	size_t first;           /* bytes of the newest message in TEXT (0: none) */
	int width;              /* the width the lines were wrapped for; 0: wrap again */
};

static void
messages_clear(struct ui_messages *m)
{
	free(m->text);
	free(m->lines);
	m->text = NULL;
	m->lines = NULL;
	m->n = 0;
	m->width = 0;
}

/* Gather the messages and wrap them to WIDTH columns. 0, or -1 out of memory. */
static int
messages_build(struct ui_messages *m, int width)
{
	size_t count = msg_log_count();
	char *all = strdup(count == 0 ? _("No message yet.") : "");

	messages_clear(m);
	m->first = 0;
	for (size_t i = 0; all != NULL && i < count; i++) {
		char *one = text_sanitize(msg_log_get(i), strlen(msg_log_get(i)), 0);
		char *t = one != NULL ? util_asprintf("%s%s%s", all, i > 0 ? "\n\n" : "", one) : NULL;

		if (i == 0 && one != NULL)
			m->first = strlen(one);
		free(one);
		free(all);
		all = t;
	}
	if (all == NULL)
		return -1;
	m->text = all;
	m->n = text_wrap(all, strlen(all), width, &m->lines);
	if (m->lines == NULL)
		return -1;
	m->width = width;
	return 0;
}

static int
messages_open(struct ui *ui, void **state)
{
	struct ui_messages *m = *state;

	(void)ui;
	if (m == NULL && (m = *state = calloc(1, sizeof *m)) == NULL)
		return -1;
	m->top = 0;
	m->width = 0;
	return 0;
}

static void
messages_free(void *state)
{
	if (state != NULL)
		messages_clear(state);
	free(state);
}

static void
messages_draw(struct ui *ui, void *state)
{
	struct ui_messages *m = state;
	WINDOW *w = ui->w_view;
	int rows = getmaxy(w), width = getmaxx(w);

	if (m->width != width - 2 && messages_build(m, width - 2) != 0) {
		ui->failed = ui->quit = 1;
		return;
	}
	if (m->top + (size_t)rows > m->n)
		m->top = m->n > (size_t)rows ? m->n - (size_t)rows : 0;
	werase(w);
	for (int y = 0; y < rows && m->top + (size_t)y < m->n; y++) {
		const struct text_line *l = &m->lines[m->top + (size_t)y];

		/* The newest message stands out. */
		wattrset(w, ui->style[l->off < m->first ? UI_HEADING : UI_NORMAL]);
		wmove(w, y, 1);
		ui_put(w, m->text + l->off, l->len, width - 2);
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

static int
messages_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_messages *m = state;

	if (a == KEYS_ACT_MESSAGES_VIEW) {
		/* E again closes it. */
		ui_view_pop(ui);
		return UI_VIEW_HANDLED;
	}
	return ui_view_scroll(ui, &m->top, m->n, a);
}

static void
messages_resize(struct ui *ui, void *state)
{
	(void)ui;
	((struct ui_messages *)state)->width = 0;
}

static char *
messages_position(struct ui *ui, void *state)
{
	(void)ui;
	(void)state;
	return util_asprintf(P_("%zu message, the newest first", "%zu messages, the newest first",
	    msg_log_count()), msg_log_count());
}

const struct ui_view_ops ui_messages_view = {
	.name = "messages",
	.title = N_("Messages"),
	.list = 0,
	.opener = KEYS_ACT_MESSAGES_VIEW,
	.needs_wb = 0,
	.open = messages_open,
	.close = ui_view_nothing,
	.free = messages_free,
	.draw = messages_draw,
	.action = messages_action,
	.resize = messages_resize,
	.position = messages_position,
	.reload = ui_view_nothing,
};
