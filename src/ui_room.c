/* ui_room.c: running the room in the browser: time-box keys, follow mode, session-log entries, prompts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "framework.h"
#include "i18n.h"
#include "settings.h"
#include "text.h"
#include "timebox.h"
#include "ui.h"
#include "ui_choose.h"
#include "ui_details.h"
#include "ui_edit.h"
#include "ui_present.h"
#include "ui_room.h"
#include "ui_sessionlog.h"
#include "util.h"
#include "wb.h"
#include "wb_follow.h"

#define ROOM_POLL_MS 250        /* a follower sees a move within a second */
#define ROOM_IDLE_MS 1000

enum room_mode { ROOM_IDLE, ROOM_CHOOSE, ROOM_EDIT };
enum room_follow { ROOM_WAITING, ROOM_FOLLOWING, ROOM_GONE };

struct ui_room {
	int follow;
	struct timebox tb;
	/* Leader: what was published last ("" = nothing yet), and whether to try again. */
	char *published;
	int retry;
	int shown;          /* 1: the first screen was drawn (its position is published later) */
	/* Follower. */
	enum room_follow fstate;
	int seen_alive;
	struct wb_follow f;
	int have_f;
	/* A prompt. */
	enum room_mode mode;
	struct ui_choose choose;
	struct ui_edit edit;
	int64_t id;
	int field;
	ui_room_done *done;
	/* A session-log entry being recorded. */
	char *log_heading;
	int log_consensus;
	/* Scripted mode's clock (UI_ROOM_SCRIPT_EPOCH onwards). */
	int64_t script_now;
};

static int64_t
room_script_clock(void *arg)
{
	return ((const struct ui_room *)arg)->script_now;
}

void
ui_room_wait(struct ui *ui, int64_t seconds)
{
	if (ui->room != NULL && ui->script && seconds > 0)
		ui->room->script_now += seconds;
}

/* ---- small helpers ---- */

void
ui_room_error(struct ui *ui)
{
	const char *m = ui->wb != NULL ? wb_errmsg(ui->wb) : "";
	size_t pl = ui->wb != NULL ? strlen(wb_path(ui->wb)) : 0;
	char *e;

	/* The file's name, not its whole path: the message line keeps its width for the
	 * reason. */
	if (pl > 0 && strncmp(m, wb_path(ui->wb), pl) == 0 && strncmp(m + pl, ": ", 2) == 0) {
		const char *slash = strrchr(wb_path(ui->wb), '/');

		if (slash != NULL)
			m += slash + 1 - wb_path(ui->wb);
	}
	e = ui_clean(m);

	ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
	free(e);
}

static int
room_group_cb(const struct wb_group *grp, void *arg)
{
	struct ui_room_groups *g = arg;
	int64_t *ids = realloc(g->id, (g->n + 1) * sizeof *ids);
	char **names;

	if (ids == NULL)
		return -1;
	g->id = ids;
	if ((names = realloc(g->name, (g->n + 1) * sizeof *names)) == NULL)
		return -1;
	g->name = names;
	if ((names[g->n] = ui_clean(grp->name)) == NULL)
		return -1;
	ids[g->n++] = grp->id;
	return 0;
}

int
ui_room_groups_load(struct ui *ui, struct ui_room_groups *g)
{
	memset(g, 0, sizeof *g);
	if (ui->wb == NULL)
		return 0;
	if (wb_groups_each(ui->wb, room_group_cb, g) != 0) {
		ui_room_error(ui);
		ui_room_groups_free(g);
		return -1;
	}
	return 0;
}

const char *
ui_room_group_name(const struct ui_room_groups *g, int64_t id)
{
	for (size_t i = 0; id != 0 && i < g->n; i++)
		if (g->id[i] == id)
			return g->name[i];
	return "";
}

void
ui_room_groups_free(struct ui_room_groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->name[i]);
	free(g->name);
	free(g->id);
	memset(g, 0, sizeof *g);
}

/* Unix time as a workbook time "YYYY-MM-DDTHH:MM:SSZ". */
static void
room_wbtime(int64_t t, char out[WB_TIME_SIZE])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, WB_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
		out[0] = '\0';
}

int
ui_room_following(const struct ui *ui)
{
	return ui->room != NULL && ui->room->follow;
}

int
ui_room_heading_key(const struct ui *ui, char *buf, size_t size)
{
	const struct ui_nav_row *row = ui_nav_current(ui);
	const struct framework *fw;
	size_t h;

	if (row == NULL)
		return -1;
	fw = ui->cat->fws[row->fw];
	h = row->heading;
	if (row->kind == UI_NAV_ITEM && h == FW_NO_HEADING)
		h = fw->items[row->item].heading;
	if (row->kind == UI_NAV_FW && fw->nheadings > 0)
		h = 0;
	if (h == FW_NO_HEADING || fw->nheadings == 0)
		snprintf(buf, size, "%s", fw->id);
	else
		snprintf(buf, size, "%s#%zu", fw->id, h + 1);
	return 0;
}

/* The framework and heading index (FW_NO_HEADING) of a heading key; NULL when unknown. */
static const struct framework *
room_heading_parse(const struct ui *ui, const char *key, size_t *h)
{
	const char *hash = strchr(key, '#');
	char id[128];
	const struct framework *fw;
	size_t n = hash != NULL ? (size_t)(hash - key) : strlen(key);

	if (n >= sizeof id)
		return NULL;
	memcpy(id, key, n);
	id[n] = '\0';
	if ((fw = catalog_framework(ui->cat, id)) == NULL)
		return NULL;
	*h = FW_NO_HEADING;
	if (hash != NULL) {
		char *end;
		unsigned long v = strtoul(hash + 1, &end, 10);

		if (*end != '\0' || v < 1 || v > fw->nheadings)
			return NULL;
		*h = (size_t)v - 1;
	}
	return fw;
}

static char *
room_heading_label(const struct ui *ui, const char *key, int brief)
{
	const struct framework *fw;
	size_t h;
	char *s, *clean;

	if ((fw = room_heading_parse(ui, key, &h)) == NULL)
		return ui_clean(key);
	if (h == FW_NO_HEADING)
		s = util_asprintf("%s: %s", fw->id, fw->short_title != NULL ? fw->short_title :
		    fw->annex_title);
	else if (brief)
		s = util_asprintf("%zu %s", h + 1, fw->headings[h].title);
	else
		s = util_asprintf(_("%s, heading %zu: %s"), fw->id, h + 1, fw->headings[h].title);
	clean = s != NULL ? ui_clean(s) : NULL;
	free(s);
	return clean;
}

char *
ui_room_heading_name(const struct ui *ui, const char *key)
{
	return room_heading_label(ui, key, 0);
}

char *
ui_room_heading_short(const struct ui *ui, const char *key)
{
	return room_heading_label(ui, key, 1);
}

void
ui_room_select_row(struct ui *ui, size_t fw, size_t heading)
{
	const struct framework *f = ui->cat->fws[fw];

	for (size_t i = 0; i < ui->nav.nrows; i++) {
		const struct ui_nav_row *row = &ui->nav.rows[i];

		if (row->fw != fw)
			continue;
		if ((heading == FW_NO_HEADING && row->kind == UI_NAV_FW) ||
		    (heading != FW_NO_HEADING && row->kind == UI_NAV_HEADING &&
		    row->heading == heading)) {
			if (ui->nav.sel != i) {
				ui->nav.sel = i;
				ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
			}
			return;
		}
	}
	/* A closed framework hides its headings: show the heading's first item instead. */
	if (heading != FW_NO_HEADING && heading < f->nheadings && f->headings[heading].nitems > 0)
		ui_show_item(ui, &f->items[f->headings[heading].first_item]);
}

char *
ui_room_position(const struct fw_item *it)
{
	const struct framework *fw = it->fw;

	if (strcmp(fw->id, "64/211") == 0)
		return util_asprintf(_("Question %zu of %zu"), it->index + 1, fw->nitems);
	if (strcmp(fw->id, "58/199") == 0)
		return util_asprintf(_("Element %zu of %zu"), it->index + 1, fw->nitems);
	return util_asprintf(_("Item %zu of %zu"), it->index + 1, fw->nitems);
}

/* ---- prompts ---- */

int
ui_room_busy(const struct ui *ui)
{
	return ui->room != NULL && ui->room->mode != ROOM_IDLE;
}

static void
room_prompt_close(struct ui *ui)
{
	struct ui_room *r = ui->room;

	if (r->mode == ROOM_CHOOSE)
		ui_choose_close(&r->choose);
	else if (r->mode == ROOM_EDIT)
		ui_edit_close(&r->edit);
	r->mode = ROOM_IDLE;
	ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
}

int
ui_room_ask_text(struct ui *ui, const char *title, const char *initial, int64_t id, int field,
    ui_room_done *done)
{
	struct ui_room *r = ui->room;

	if (r->mode != ROOM_IDLE)
		room_prompt_close(ui);
	if (ui_edit_open(&r->edit, title, initial, 0) != 0) {
		ui_edit_close(&r->edit);
		ui->failed = ui->quit = 1;
		return -1;
	}
	r->mode = ROOM_EDIT;
	r->id = id;
	r->field = field;
	r->done = done;
	ui_mark(ui, UI_DIRTY_ALL);
	return 0;
}

int
ui_room_ask_choice(struct ui *ui, const char *title, const char *const *labels, size_t n,
    size_t sel, int64_t id, int field, ui_room_done *done)
{
	struct ui_room *r = ui->room;

	if (r->mode != ROOM_IDLE)
		room_prompt_close(ui);
	if (ui_choose_open(&r->choose, title) != 0)
		goto oom;
	for (size_t i = 0; i < n; i++)
		if (ui_choose_add(&r->choose, labels[i]) != 0)
			goto oom;
	ui_choose_select(&r->choose, sel);
	r->mode = ROOM_CHOOSE;
	r->id = id;
	r->field = field;
	r->done = done;
	ui_mark(ui, UI_DIRTY_ALL);
	return 0;
oom:
	ui_choose_close(&r->choose);
	ui->failed = ui->quit = 1;
	return -1;
}

void
ui_room_key(struct ui *ui, int key)
{
	struct ui_room *r = ui->room;
	int rc;

	if (r->mode == ROOM_CHOOSE) {
		enum ui_choose_result cr = ui_choose_key(&r->choose, key);
		size_t pick = r->choose.sel;

		if (cr == UI_CHOOSE_CONTINUE) {
			ui_mark(ui, UI_DIRTY_ALL);
			return;
		}
		ui_choose_close(&r->choose);
		r->mode = ROOM_IDLE;
		ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
		if (cr == UI_CHOOSE_PICK)
			(void)r->done(ui, r->id, r->field, NULL, pick);
		return;
	}
	if (r->mode == ROOM_EDIT) {
		enum ui_edit_result er = ui_edit_key(&r->edit, key);
		char *text;

		if (er == UI_EDIT_EXTERNAL) {
			char *err = NULL;

			if (ui_edit_run_external(&r->edit, &err) != 0) {
				char *e = ui_clean(err);

				ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
				free(e);
			}
			free(err);
			ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
			return;
		}
		if (er == UI_EDIT_CONTINUE) {
			ui_mark(ui, UI_DIRTY_ALL);
			return;
		}
		if (er == UI_EDIT_CANCEL) {
			room_prompt_close(ui);
			return;
		}
		/* Save: the text is copied, for DONE may open another prompt. */
		if ((text = strdup(ui_edit_text(&r->edit))) == NULL) {
			ui->failed = ui->quit = 1;
			return;
		}
		rc = r->done(ui, r->id, r->field, text, 0);
		free(text);
		if (rc == 0 && r->mode == ROOM_EDIT)
			room_prompt_close(ui);
		ui_mark(ui, UI_DIRTY_ALL);
	}
}

/* The window the prompt goes over: the text pane in the browser, else the view's body. */
static WINDOW *
room_prompt_window(const struct ui *ui)
{
	return ui_view_top(ui) == ui_views[0] ? ui->w_text : ui->w_view;
}

/* ---- the leader publishes, the follower follows ---- */

/* What the leader shows, as published: view, ref and the current heading's timer. */
static void
room_position(struct ui *ui, struct wb_follow *f, char *ref, size_t refsize, char *heading,
    size_t hsize)
{
	const struct ui_nav_row *row = ui_nav_current(ui);
	const struct timebox_timer *t = NULL;
	const struct framework *fw;

	memset(f, 0, sizeof *f);
	ref[0] = heading[0] = '\0';
	/* The presenter stays what followers show while the leader looks at another view over
	 * it (the session log, the help): they keep the room's picture. */
	/* "text": the browser with its text pane focused (followers show the browser). */
	f->view = ui->focus == UI_PANE_TEXT ? "text" : "browser";
	for (size_t d = 0; d < ui->depth; d++)
		if (ui->stack[d] == &ui_present_view)
			f->view = ui_present_showing_notes(ui) ? "notes" : "presenter";
	if (row != NULL) {
		fw = ui->cat->fws[row->fw];
		if (row->kind == UI_NAV_ITEM)
			snprintf(ref, refsize, "%s", fw->items[row->item].ref);
		else if (row->kind == UI_NAV_HEADING)
			snprintf(ref, refsize, "%s#%zu", fw->id, row->heading + 1);
		else
			snprintf(ref, refsize, "%s", fw->id);
		ui_room_heading_key(ui, heading, hsize);
	}
	f->ref = ref;
	f->timer_heading = heading;
	for (size_t i = 0; i < ui->room->tb.n; i++)
		if (strcmp(ui->room->tb.t[i].heading, heading) == 0)
			t = &ui->room->tb.t[i];
	if (t != NULL) {
		f->timer_length = t->length;
		f->timer_spent = t->spent;
		f->timer_since = t->since;
	} else {
		f->timer_heading = "";
	}
}

/* NOW: publish at once (at a poll); else only when cheap, or leave it for the next poll. */
static void
room_publish(struct ui *ui, int now)
{
	struct ui_room *r = ui->room;
	struct wb_follow f;
	char ref[256], heading[160], *key;
	int rc;

	if (ui->wb == NULL || r->follow || wb_readonly(ui->wb))
		return;
	room_position(ui, &f, ref, sizeof ref, heading, sizeof heading);
	key = util_asprintf("%s|%s|%s|%lld|%lld|%lld", f.view, f.ref, f.timer_heading,
	    (long long)f.timer_length, (long long)f.timer_spent, (long long)f.timer_since);
	if (key == NULL)
		return;
	if (!r->retry && r->published != NULL && strcmp(key, r->published) == 0) {
		free(key);
		return;
	}
	if (!now && !r->shown) {
		/* No write before the first screen: the position at start is published at the
		 * first poll (within a second) or with the first move; quitting before that
		 * leaves the workbook unwritten. */
		r->shown = 1;
		r->retry = 1;
		free(key);
		return;
	}
	if (!now && !wb_follow_cheap(ui->wb)) {
		/* Every write syncs here (no WAL): the next poll publishes, once a second. */
		r->retry = 1;
		free(key);
		return;
	}
	rc = wb_follow_publish(ui->wb, &f);
	/* Busy: try again at the next poll. A write error is not worth a message here: the
	 * edits will say it. */
	r->retry = rc == 1;
	free(r->published);
	r->published = key;
}

/* Select the item ("64/211:5") or heading ("64/211#2") REF names; nothing when it names neither
 * (a framework id, or an item this catalogue lacks). */
static void
room_select_ref(struct ui *ui, const char *ref)
{
	const struct fw_item *it;
	const struct framework *fw;
	size_t h;

	if ((it = catalog_find(ui->cat, ref)) != NULL)
		ui_show_item(ui, it);
	else if ((fw = room_heading_parse(ui, ref, &h)) != NULL)
		ui_room_select_row(ui, ui_fw_index(ui, fw), h);
}

/* Reopening a workbook: start at the item or heading last published in it (by this instance
 * or another), in the pane it was read in. A read-only instance starts at the top as ever. */
static void
room_restore(struct ui *ui)
{
	struct wb_follow f;

	if (ui->wb == NULL || wb_readonly(ui->wb) || wb_follow_get(ui->wb, &f) != 0)
		return;
	if (f.pid != 0 && f.ref != NULL && f.ref[0] != '\0') {
		room_select_ref(ui, f.ref);
		if (f.view != NULL && strcmp(f.view, "text") == 0) {
			ui->focus = UI_PANE_TEXT;
			ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_STATUS);
		}
	}
	wb_follow_free(&f);
}

/* Show what the leader shows. */
static void
room_follow_apply(struct ui *ui)
{
	struct ui_room *r = ui->room;
	char cur[256], heading[160];
	struct wb_follow mine;

	if (r->f.ref == NULL || r->f.ref[0] == '\0')
		return;
	room_position(ui, &mine, cur, sizeof cur, heading, sizeof heading);
	if (strcmp(cur, r->f.ref) != 0)
		room_select_ref(ui, r->f.ref);
	if (strcmp(r->f.view, "presenter") == 0 || strcmp(r->f.view, "notes") == 0) {
		if (ui_view_top(ui) != &ui_present_view) {
			ui_view_pop_to(ui, 1);
			ui_view_push(ui, &ui_present_view);
		}
		ui_present_show_notes(ui, strcmp(r->f.view, "notes") == 0);
	} else if (ui_view_top(ui) == &ui_present_view) {
		ui_view_pop_to(ui, 1);
	}
	ui_mark(ui, UI_DIRTY_ALL);
}

static void
room_follow_read(struct ui *ui)
{
	struct ui_room *r = ui->room;
	enum room_follow was = r->fstate;

	wb_follow_free(&r->f);
	r->have_f = 0;
	if (wb_follow_get(ui->wb, &r->f) != 0) {
		ui_room_error(ui);
		return;
	}
	r->have_f = 1;
	if (r->f.pid == 0) {
		r->fstate = ROOM_WAITING;
	} else if (wb_follow_alive(&r->f)) {
		r->fstate = ROOM_FOLLOWING;
		r->seen_alive = 1;
		room_follow_apply(ui);
	} else {
		/* Never seen running: still waiting for it (on its last item meanwhile). */
		r->fstate = r->seen_alive ? ROOM_GONE : ROOM_WAITING;
		room_follow_apply(ui);
	}
	if (r->fstate != was) {
		if (r->fstate == ROOM_GONE)
			ui_message(ui, "%s", _("The leader has quit: this is the last item it showed; "
			    "q quits"));
		else if (r->fstate == ROOM_FOLLOWING)
			ui_message(ui, "%s", _("Following the leader"));
		ui_mark(ui, UI_DIRTY_TITLE | UI_DIRTY_MSG);
	}
	ui_mark(ui, UI_DIRTY_STATUS);
}

/* ---- time-box ---- */

/* 1 if HEADING's timer was ever started or given a length. */
static int
room_timer_known(const struct timebox *tb, const char *heading)
{
	for (size_t i = 0; i < tb->n; i++)
		if (strcmp(tb->t[i].heading, heading) == 0)
			return 1;
	return 0;
}

char *
ui_room_timer(const struct ui *ui, int *alert)
{
	const struct ui_room *r = ui->room;
	char heading[160], buf[24];
	int64_t left, length;
	int running, started;

	*alert = 0;
	if (r == NULL || ui->wb == NULL || ui_room_heading_key(ui, heading, sizeof heading) != 0)
		return strdup("");
	if (r->follow) {
		/* A leader that quit keeps no time. */
		if (!r->have_f || r->fstate == ROOM_GONE || r->f.timer_heading == NULL ||
		    strcmp(r->f.timer_heading, heading) != 0)
			return strdup("");
		length = r->f.timer_length;
		left = timebox_left_at(r->f.timer_length, r->f.timer_spent, r->f.timer_since,
		    timebox_now(&r->tb));
		running = r->f.timer_since != 0;
		started = running || r->f.timer_spent > 0;
	} else {
		/* Nothing until the heading's timer is used (started or given a length). */
		if (!room_timer_known(&r->tb, heading))
			return strdup("");
		length = timebox_length(&r->tb, heading);
		left = timebox_left(&r->tb, heading);
		running = timebox_running(&r->tb, heading);
		started = timebox_started(&r->tb, heading) != 0;
	}
	if (left <= 0 && started) {
		*alert = 1;
		return util_asprintf(_("TIME UP +%s"), timebox_format(-left, buf, sizeof buf));
	}
	if (!started)
		return util_asprintf(_("Time-box %s"), timebox_format(length, buf, sizeof buf));
	return util_asprintf(running ? _("%s left") : _("%s left, paused"),
	    timebox_format(left, buf, sizeof buf));
}

static int
room_timer_length_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	struct ui_room *r = ui->room;
	char heading[160], *end;
	long minutes;

	(void)id;
	(void)field;
	(void)pick;
	minutes = strtol(text, &end, 10);
	while (*end == ' ')
		end++;
	if (end == text || *end != '\0' || minutes < 1 || minutes > 600) {
		ui_message(ui, "%s", _("Give the time-box in whole minutes, from 1 to 600"));
		return 1;
	}
	if (r->log_heading == NULL)
		return 0;
	snprintf(heading, sizeof heading, "%s", r->log_heading);
	if (timebox_set_length(&r->tb, heading, (int64_t)minutes * 60) != 0) {
		ui->failed = ui->quit = 1;
		return 0;
	}
	ui_message(ui, _("Time-box set to %ld minutes"), minutes);
	ui_mark(ui, UI_DIRTY_STATUS);
	return 0;
}

static void
room_timer_action(struct ui *ui, enum keys_action a, const char *heading)
{
	struct ui_room *r = ui->room;
	char buf[24], *title;

	switch (a) {
	case KEYS_ACT_TIMER_TOGGLE:
		if (timebox_running(&r->tb, heading)) {
			timebox_pause(&r->tb, heading);
			ui_message(ui, _("Time-box paused with %s left; T starts it again"),
			    timebox_format(timebox_left(&r->tb, heading), buf, sizeof buf));
		} else if (timebox_start(&r->tb, heading) != 0) {
			ui->failed = ui->quit = 1;
		} else {
			ui_message(ui, _("Time-box running: %s left"),
			    timebox_format(timebox_left(&r->tb, heading), buf, sizeof buf));
		}
		break;
	case KEYS_ACT_TIMER_RESET:
		timebox_reset(&r->tb, heading);
		ui_message(ui, _("Time-box reset to %s"),
		    timebox_format(timebox_length(&r->tb, heading), buf, sizeof buf));
		break;
	case KEYS_ACT_TIMER_LENGTH:
		free(r->log_heading);
		if ((r->log_heading = strdup(heading)) == NULL) {
			ui->failed = ui->quit = 1;
			break;
		}
		snprintf(buf, sizeof buf, "%lld", (long long)(timebox_length(&r->tb, heading) / 60));
		title = util_asprintf(_("Time-box for this heading, in minutes (now %s)"), buf);
		ui_room_ask_text(ui, title != NULL ? title : "", buf, 0, 0, room_timer_length_done);
		free(title);
		break;
	default:
		break;
	}
	ui_mark(ui, UI_DIRTY_STATUS);
}

/* ---- recording a session-log entry ---- */

static int
room_log_note_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	struct ui_room *r = ui->room;
	struct wb_log l;
	char started[WB_TIME_SIZE], ended[WB_TIME_SIZE], buf[24];
	int64_t group = 0;

	(void)id;
	(void)field;
	(void)pick;
	memset(&l, 0, sizeof l);
	if (wb_group_current(ui->wb, &group) != 0) {
		ui_room_error(ui);
		return 1;
	}
	l.group_id = group;
	l.heading = r->log_heading;
	l.consensus = r->log_consensus;
	l.note = text;
	room_wbtime(timebox_started(&r->tb, r->log_heading), started);
	room_wbtime(timebox_ended(&r->tb, r->log_heading), ended);
	l.started = started;
	l.ended = ended;
	l.seconds = started[0] != '\0' ? timebox_spent(&r->tb, r->log_heading) : 0;
	if (wb_log_add(ui->wb, &l, NULL) != 0) {
		ui_room_error(ui);
		return 1;
	}
	timebox_pause(&r->tb, r->log_heading);
	if (l.seconds > 0)
		ui_message(ui, _("Logged: %s, %s spent; J shows the session log"),
		    l.consensus ? _("consensus") : _("no consensus"),
		    timebox_format(l.seconds, buf, sizeof buf));
	else
		ui_message(ui, _("Logged: %s; J shows the session log"),
		    l.consensus ? _("consensus") : _("no consensus"));
	ui_view_reload_all(ui);
	return 0;
}

static int
room_log_consensus_done(struct ui *ui, int64_t id, int field, const char *text, size_t pick)
{
	(void)text;
	ui->room->log_consensus = pick == 0;
	return ui_room_ask_text(ui, _("A short note for the session log (may be empty)"), "",
	    id, field, room_log_note_done) == 0 ? 2 : 0;
}

static void
room_log_record(struct ui *ui, const char *heading)
{
	struct ui_room *r = ui->room;
	static const char *const labels[] = { N_("Consensus reached"), N_("No consensus") };
	const char *tl[2];
	char *name = ui_room_heading_name(ui, heading), *title;

	free(r->log_heading);
	if ((r->log_heading = strdup(heading)) == NULL || name == NULL) {
		free(name);
		ui->failed = ui->quit = 1;
		return;
	}
	tl[0] = _(labels[0]);
	tl[1] = _(labels[1]);
	title = util_asprintf(_("Session log: %s"), name);
	free(name);
	ui_room_ask_choice(ui, title != NULL ? title : "", tl, 2, 0, 0, 0,
	    room_log_consensus_done);
	free(title);
}

/* ---- the room's keys ---- */

int
ui_room_action(struct ui *ui, enum keys_action a)
{
	struct ui_room *r = ui->room;
	char heading[160];

	switch (a) {
	case KEYS_ACT_TIMER_TOGGLE:
	case KEYS_ACT_TIMER_RESET:
	case KEYS_ACT_TIMER_LENGTH:
	case KEYS_ACT_LOG_RECORD:
		break;
	default:
		return 0;
	}
	if (r == NULL || ui->wb == NULL) {
		ui_message(ui, "%s", _("No workbook is open"));
		return 1;
	}
	if (r->follow) {
		ui_message(ui, "%s", _("This instance follows another one: the leader keeps the "
		    "time and the log"));
		return 1;
	}
	if (ui_room_heading_key(ui, heading, sizeof heading) != 0)
		return 1;
	if (a == KEYS_ACT_LOG_RECORD) {
		if (wb_readonly(ui->wb)) {
			ui_message(ui, "%s", _("The workbook is read-only: nothing can be logged"));
			return 1;
		}
		room_log_record(ui, heading);
	} else {
		room_timer_action(ui, a, heading);
	}
	return 1;
}

/* ---- the hooks ---- */

int
ui_room_start(struct ui *ui, int follow, int present)
{
	struct ui_room *r = calloc(1, sizeof *r);

	if (r == NULL)
		return -1;
	ui->room = r;
	r->follow = follow;
	r->script_now = UI_ROOM_SCRIPT_EPOCH;
	/* Scripts run on a clock of their own, so that their screens never depend on the time. */
	timebox_init(&r->tb, (int64_t)settings_int("timebox_minutes") * 60,
	    ui->script ? room_script_clock : NULL, r);
	if (follow && ui->wb != NULL) {
		r->fstate = ROOM_WAITING;
		room_follow_read(ui);
		if (r->fstate == ROOM_WAITING)
			ui_message(ui, "%s", _("Waiting for the leader: start ciipwb on this workbook "
			    "in another terminal"));
	} else if (!follow) {
		room_restore(ui);
	}
	if (present && ui_view_top(ui) != &ui_present_view)
		ui_view_push(ui, &ui_present_view);
	ui_mark(ui, UI_DIRTY_ALL);
	return ui->failed ? -1 : 0;
}

void
ui_room_free(struct ui *ui)
{
	struct ui_room *r = ui->room;

	if (r == NULL)
		return;
	if (ui->wb != NULL && !r->follow && r->published != NULL)
		(void)wb_follow_leave(ui->wb);
	if (r->mode == ROOM_CHOOSE)
		ui_choose_close(&r->choose);
	else if (r->mode == ROOM_EDIT)
		ui_edit_close(&r->edit);
	timebox_free(&r->tb);
	wb_follow_free(&r->f);
	free(r->published);
	free(r->log_heading);
	free(r);
	ui->room = NULL;
}

void
ui_room_draw(struct ui *ui)
{
	struct ui_room *r = ui->room;
	WINDOW *w;

	if (r == NULL || ui->too_small)
		return;
	room_publish(ui, 0);
	if (r->mode == ROOM_IDLE)
		return;
	w = room_prompt_window(ui);
	if (w == NULL)
		return;
	if (r->mode == ROOM_CHOOSE)
		ui_choose_draw(&r->choose, w, ui->style[UI_NORMAL], ui->style[UI_SELECTED],
		    ui->style[UI_HEADING], ui->utf8);
	else
		ui_edit_draw(&r->edit, w, ui->style[UI_NORMAL], ui->style[UI_HEADING]);
	wnoutrefresh(w);
	if (!ui->script)
		curs_set(r->mode == ROOM_EDIT ? 1 : 0);
}

void
ui_room_poll(struct ui *ui, int changed)
{
	struct ui_room *r = ui->room;
	char heading[160];

	if (r == NULL || ui->wb == NULL)
		return;
	if (r->follow) {
		if (changed || (r->fstate == ROOM_FOLLOWING && !wb_follow_alive(&r->f)))
			room_follow_read(ui);
		if (r->have_f && r->f.timer_since != 0)
			ui_mark(ui, UI_DIRTY_STATUS);
		return;
	}
	if (timebox_poll(&r->tb)) {
		const char *h = timebox_active(&r->tb);
		char *name = ui_room_heading_name(ui, h != NULL ? h : "");

		ui_message(ui, _("Time is up for %s"), name != NULL ? name : "");
		free(name);
		if (settings_bool("timebox_bell"))
			beep();
	}
	if (timebox_active(&r->tb) != NULL &&
	    ui_room_heading_key(ui, heading, sizeof heading) == 0 &&
	    timebox_running(&r->tb, heading))
		ui_mark(ui, UI_DIRTY_STATUS);
	if (r->retry)
		room_publish(ui, 1);
}

int
ui_room_poll_ms(const struct ui *ui)
{
	return ui_room_following(ui) ? ROOM_POLL_MS : ROOM_IDLE_MS;
}

char *
ui_room_title(const struct ui *ui)
{
	const struct ui_room *r = ui->room;

	if (r == NULL)
		return strdup("");
	if (r->follow) {
		switch (r->fstate) {
		case ROOM_WAITING:
			return strdup(_("FOLLOWING: waiting for the leader"));
		case ROOM_GONE:
			return strdup(_("FOLLOWING: the leader has quit"));
		default:
			return strdup(_("FOLLOWING"));
		}
	}
	return strdup("");
}
