/* ui_capture.c: capture in the browser: ratings, flags, notes, evidence, actions, undo/redo. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "datespec.h"
#include "draft.h"
#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_view.h"
#include "ui_actions.h"
#include "ui_capture.h"
#include "ui_roles.h"
#include "wb.h"
#include "wb_baseline.h"
#include "wb_query.h"

#include "ui_edit.h"
#include "util.h"

enum cap_mode { CAP_IDLE, CAP_CHOOSE, CAP_EDIT, CAP_CONFIRM };

enum cap_step {
	S_NONE,
	S_RATE_CUR, S_RATE_TARGET,
	S_NOTE,
	S_GROUP, S_GROUP_NEW,
	S_EV_NAME, S_EV_LOC,
	S_ACT_TITLE, S_ACT_OWNER, S_SH_NAME, S_SH_CAT, S_ACT_DUE, S_ACT_PRIO, S_ACT_STATUS,
	S_DELETE, S_DISCARD,
	S_CONFLICT,
	S_DRAFT
};

enum cap_ed_result { CAP_ED_CONTINUE, CAP_ED_SAVE, CAP_ED_CANCEL, CAP_ED_EXTERNAL };

static const char *const cap_prio[] = { "high", "medium", "low" };
static const char *const cap_prio_label[] = { N_("high"), N_("medium"), N_("low") };
static const char *const cap_status[] = { "open", "in_progress", "done", "dropped" };
static const char *const cap_status_label[] = { N_("open"), N_("in progress"), N_("done"),
    N_("dropped") };
static const char *const cap_cat[] = { "national_government", "other_government",
    "non_governmental", "individual_citizens", "international_partner" };
static const char *const cap_cat_label[] = { N_("National government"),
    N_("Other government"), N_("Non-governmental"), N_("Individual citizens"),
    N_("International partner") };
#define CAP_N(a) (sizeof (a) / sizeof (a)[0])

static const char *
cap_label(const char *const *codes, const char *const *labels, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (code != NULL && strcmp(codes[i], code) == 0)
			return _(labels[i]);
	return code != NULL ? code : "";
}

/* ---- The editor (ui_edit) over the text pane ---- */


static int
cap_ed_open(struct ui *ui, const char *title, const char *initial, int multi)
{
	struct ui_capture *c = &ui->cap;

	free(c->edit_initial);
	if ((c->edit_initial = strdup(initial != NULL ? initial : "")) == NULL)
		return -1;
	c->edit_multi = multi;
	if (c->edit == NULL && (c->edit = calloc(1, sizeof(struct ui_edit))) == NULL)
		return -1;
	if (ui_edit_open(c->edit, title, c->edit_initial, multi) != 0)
		return -1;
	c->mode = CAP_EDIT;
	ui_mark(ui, UI_DIRTY_TEXT | UI_DIRTY_MSG);
	return 0;
}

static const char *
cap_ed_text(const struct ui *ui)
{
	return ui_edit_text(ui->cap.edit);
}

/* 1 when the text differs from what the editor opened with. */
static int
cap_ed_changed(const struct ui *ui)
{
	return ui_edit_changed(ui->cap.edit);
}

/* The note's draft: written now (when it changed since), or forgotten (REMOVE: its file
 * deleted, the text saved or given up; else kept for the next start). */
static void
cap_draft_write(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;
	struct draft d;
	char *err = NULL;

	/* Not in scripted mode: tests and scripts leave no file behind. */
	if (!c->draft_dirty || c->edit == NULL || ui->wb == NULL || ui->script ||
	    (c->step != S_NOTE && !(c->step == S_CONFLICT && c->back == S_NOTE)))
		return;
	c->draft_dirty = 0;
	c->draft_at = (long)time(NULL);
	if (c->draft_file == NULL && (c->draft_file = draft_path(wb_path(ui->wb), &err)) == NULL)
		goto fail;
	memset(&d, 0, sizeof d);
	d.ref = c->ref;
	d.id = c->id;
	d.group = c->f_owner;
	d.text = (char *)cap_ed_text(ui);
	d.len = strlen(d.text);
	if (draft_write(c->draft_file, &d, &err) == 0)
		return;
fail:
	/* Said once per editor: typing goes on, the text is in memory. */
	if (!c->draft_warned) {
		char *e = ui_clean(err != NULL ? err : _("out of memory"));

		ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
		free(e);
		c->draft_warned = 1;
	}
	free(err);
}

static void
cap_draft_end(struct ui *ui, int remove)
{
	struct ui_capture *c = &ui->cap;

	if (remove && c->draft_file != NULL)
		unlink(c->draft_file);
	else if (!remove)
		cap_draft_write(ui);
	free(c->draft_file);
	c->draft_file = NULL;
	c->draft_dirty = c->draft_warned = 0;
}

static void
cap_ed_close(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;

	cap_draft_end(ui, 1);
	if (c->edit != NULL) {
		ui_edit_close(c->edit);
		free(c->edit);
		c->edit = NULL;
	}
	c->mode = CAP_IDLE;
	ui_mark(ui, UI_DIRTY_TEXT | UI_DIRTY_MSG | UI_DIRTY_STATUS);
}

static enum cap_ed_result
cap_ed_key(struct ui *ui, int key)
{
	switch (ui_edit_key(ui->cap.edit, key)) {
	case UI_EDIT_SAVE:
		return CAP_ED_SAVE;
	case UI_EDIT_CANCEL:
		return CAP_ED_CANCEL;
	case UI_EDIT_EXTERNAL:
		return CAP_ED_EXTERNAL;
	default:
		return CAP_ED_CONTINUE;
	}
}

/* The editor takes the lower part of the text pane, leaving the item's text visible above it:
 * two thirds for a note (at least 8 lines), 6 lines for a one-line prompt. A pane too low for
 * that gives the editor all of it. */
static void
cap_ed_draw(struct ui *ui)
{
	WINDOW *w = ui->w_text, *sub = NULL;
	int h = getmaxy(w), cols = getmaxx(w), eh;

	eh = ui->cap.edit_multi ? h - h / 3 : 6;
	if (eh < 8 && ui->cap.edit_multi)
		eh = 8;
	if (eh < h && h - eh >= 3)
		sub = derwin(w, eh, cols, h - eh, 0);
	ui_edit_draw(ui->cap.edit, sub != NULL ? sub : w, ui->style[UI_NORMAL],
	    ui->style[UI_HEADING]);
	wnoutrefresh(w);
	if (sub != NULL) {
		/* The sub-window last: the terminal's cursor rests in the editor. */
		wnoutrefresh(sub);
		delwin(sub);
	}
}

/* ---- State kept for drawing: the scale and the navigation pane's markers ---- */

static int
cap_scale_cb(const struct wb_scale *s, void *arg)
{
	struct ui_capture *c = arg;
	struct ui_cap_scale *n = realloc(c->scale, (c->nscale + 1) * sizeof *n);
	int stage = 0;

	if (n == NULL)
		return -1;
	c->scale = n;
	for (size_t i = 0; i < c->nscale; i++)
		if (c->scale[i].stage > stage)
			stage = c->scale[i].stage;
	n = &c->scale[c->nscale];
	n->code = strdup(s->code);
	n->label = strdup(s->label);
	n->stage = s->is_stage ? stage + 1 : 0;
	if (n->code == NULL || n->label == NULL) {
		free(n->code);
		free(n->label);
		return -1;
	}
	c->nscale++;
	return 0;
}

/* Read the workbook's rating scale, once: when a rating is first shown or chosen, not
 * before the first screen (an empty workbook shows none). */
static void
cap_scale_need(struct ui *ui)
{
	if (ui->cap.scale_read || ui->wb == NULL)
		return;
	ui->cap.scale_read = 1;
	if (wb_scale_each(ui->wb, cap_scale_cb, &ui->cap) != 0) {
		char *e = ui_clean(wb_errmsg(ui->wb));

		ui_message(ui, "%s", e != NULL ? e : "");
		free(e);
	}
}

static const struct ui_cap_scale *
cap_scale_find(const struct ui_capture *c, const char *code)
{
	for (size_t i = 0; code != NULL && i < c->nscale; i++)
		if (strcmp(c->scale[i].code, code) == 0)
			return &c->scale[i];
	return NULL;
}

static void
cap_marks_clear(struct ui_capture *c)
{
	for (size_t i = 0; i < c->nmarks; i++)
		free(c->marks[i].ref);
	c->nmarks = 0;
}

struct cap_marks_arg {
	struct ui *ui;
};

/* "2n 1a ✓ " before the ratings: live notes, open actions, consensus reached. */
static size_t
cap_counts_of(const struct ui *ui, const struct wb_item_glance *g, char *out, size_t size)
{
	int n = 0;

	out[0] = '\0';
	/* TRANSLATORS: counts in the navigation pane: n notes, a open actions. */
	if (g->notes > 0)
		n += snprintf(out + n, size - (size_t)n, _("%lldn "),
		    (long long)(g->notes > 99 ? 99 : g->notes));
	if (g->actions > 0 && (size_t)n < size)
		n += snprintf(out + n, size - (size_t)n, _("%llda "),
		    (long long)(g->actions > 99 ? 99 : g->actions));
	if (g->item.consensus && (size_t)n < size)
		n += snprintf(out + n, size - (size_t)n, "%s ", ui->utf8 ? "\xe2\x9c\x93" : "=");
	return (size_t)n < size ? (size_t)n : size - 1;
}

/* "2→4", "2", "·→4", "n/a", with "?" when it needs review. */
static void
cap_mark_of(const struct ui *ui, const struct wb_item *it, char *out, size_t size)
{
	const struct ui_cap_scale *cur = cap_scale_find(&ui->cap, it->current);
	const struct ui_cap_scale *tgt = cap_scale_find(&ui->cap, it->target);
	const char *none = ui->utf8 ? "\xc2\xb7" : "-", *arrow = ui->utf8 ? "\xe2\x86\x92" : ">";
	char a[16] = "", b[16] = "";

	if (cur != NULL && cur->stage > 0)
		snprintf(a, sizeof a, "%d", cur->stage);
	else if (cur != NULL && strcmp(cur->code, "not_applicable") == 0)
		snprintf(a, sizeof a, "%s", "n/a");
	if (tgt != NULL && tgt->stage > 0)
		snprintf(b, sizeof b, "%d", tgt->stage);
	if (a[0] == '\0' && b[0] == '\0')
		snprintf(out, size, "%s%s", none, it->needs_review ? "?" : "");
	else if (b[0] == '\0')
		snprintf(out, size, "%s%s", a, it->needs_review ? "?" : "");
	else
		snprintf(out, size, "%s%s%s%s", a[0] != '\0' ? a : none, arrow, b,
		    it->needs_review ? "?" : "");
}

static int
cap_marks_cb(const struct wb_item_glance *g, void *arg)
{
	struct ui *ui = ((struct cap_marks_arg *)arg)->ui;
	struct ui_capture *c = &ui->cap;
	const struct wb_item *it = &g->item;
	struct ui_cap_mark *m;
	size_t k;

	if (c->nmarks == c->capmarks) {
		size_t cap = c->capmarks ? c->capmarks * 2 : 64;
		struct ui_cap_mark *nm = realloc(c->marks, cap * sizeof *nm);

		if (nm == NULL)
			return -1;
		c->marks = nm;
		c->capmarks = cap;
	}
	m = &c->marks[c->nmarks];
	if (it->current != NULL || it->target != NULL)
		cap_scale_need(ui);
	if ((m->ref = strdup(it->ref)) == NULL)
		return -1;
	k = cap_counts_of(ui, g, m->mark, sizeof m->mark);
	cap_mark_of(ui, it, m->mark + k, sizeof m->mark - k);
	m->assessed = it->current != NULL && strcmp(it->current, "not_assessed") != 0;
	c->nmarks++;
	return 0;
}

static int
cap_mark_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ui_cap_mark *)a)->ref, ((const struct ui_cap_mark *)b)->ref);
}

/* Read the marker of item REF again (after an edit of its records only): 0, or -1 to read
 * them all. */
static int
cap_reload_mark(struct ui *ui, const char *ref)
{
	struct ui_capture *c = &ui->cap;
	struct cap_marks_arg arg = { ui };
	struct ui_cap_mark key = { (char *)ref, "", 0 }, *m;

	m = c->nmarks > 0 ? bsearch(&key, c->marks, c->nmarks, sizeof *c->marks,
	    cap_mark_cmp) : NULL;
	if (m != NULL) {
		free(m->ref);
		memmove(m, m + 1, (size_t)(c->marks + c->nmarks - (m + 1)) * sizeof *m);
		c->nmarks--;
	}
	if (wb_item_glance_of(ui->wb, ref, cap_marks_cb, &arg) != 0)
		return -1;
	if (c->nmarks > 1)
		qsort(c->marks, c->nmarks, sizeof *c->marks, cap_mark_cmp);
	return 0;
}

/* After an edit: the markers read again (only item REF's when not NULL: an edit of one item's
 * records), the text pane and every view. */
/* Every item's marker and counts, in one statement. */
static void
cap_read_marks(struct ui *ui)
{
	struct cap_marks_arg arg = { ui };

	cap_marks_clear(&ui->cap);
	if (wb_item_glance_each(ui->wb, cap_marks_cb, &arg) == 0 && ui->cap.nmarks > 0)
		qsort(ui->cap.marks, ui->cap.nmarks, sizeof *ui->cap.marks, cap_mark_cmp);
}

static void
cap_reload_item(struct ui *ui, const char *ref)
{
	if (ui->wb != NULL && (ref == NULL || cap_reload_mark(ui, ref) != 0))
		cap_read_marks(ui);
	ui_text_invalidate(ui);
	ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT);
	ui_view_reload_all(ui);
}

static void
cap_reload(struct ui *ui)
{
	cap_reload_item(ui, NULL);
}

static const struct ui_cap_mark *
cap_mark_find(const struct ui *ui, const char *ref)
{
	struct ui_cap_mark key = { (char *)ref, "", 0 };

	if (ui->cap.nmarks == 0)
		return NULL;
	return bsearch(&key, ui->cap.marks, ui->cap.nmarks, sizeof key, cap_mark_cmp);
}

const char *
ui_capture_mark(const struct ui *ui, const char *ref)
{
	const struct ui_cap_mark *m = cap_mark_find(ui, ref);

	if (m != NULL)
		return m->mark;
	return ui->utf8 ? "\xc2\xb7" : "-";
}

void
ui_capture_progress(const struct ui *ui, size_t fw, size_t heading, size_t *done,
    size_t *total)
{
	const struct framework *f = ui->cat->fws[fw];
	size_t first = 0, n = f->nitems;

	if (heading != FW_NO_HEADING && heading < f->nheadings) {
		first = f->headings[heading].first_item;
		n = f->headings[heading].nitems;
	}
	*done = 0;
	*total = n;
	for (size_t i = first; i < first + n && i < f->nitems; i++) {
		const struct ui_cap_mark *m = cap_mark_find(ui, f->items[i].ref);

		if (m != NULL && m->assessed)
			(*done)++;
	}
}

/* ---- A draft left by a run that stopped (issue 12, defect 8) ---- */

static int cap_choose_start(struct ui *ui, int step, const char *title);
static void cap_keys(const char *translated, const char *english, int *keys, size_t n);
static int cap_choose_add_key(struct ui *ui, const char *label, int64_t id, int key);

/* At start: a note typed in an earlier run that stopped before it was saved (killed, the
 * terminal closed) is offered: restore it into the editor, or discard it; Esc keeps it. */
static void
cap_draft_offer(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;
	struct draft *d;
	char *err = NULL, *title, *ref;
	int r, keys[2];

	if (wb_readonly(ui->wb) || (d = calloc(1, sizeof *d)) == NULL)
		return;
	if ((r = draft_find(wb_path(ui->wb), d, &err)) != 1) {
		if (r < 0) {
			char *e = ui_clean(err);

			ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
			free(e);
		}
		free(err);
		free(d);
		return;
	}
	c->draft_found = d;
	ref = ui_clean(d->ref);
	title = util_asprintf(_("Unsaved note on %s"),
	    ref != NULL ? ref : "");
	free(ref);
	/* TRANSLATORS: two different lower-case ASCII letters, not j, k or q: the keys that
	 * restore a draft found at start into the editor, or discard it. */
	cap_keys(_("rd"), "rd", keys, 2);
	if (title == NULL || cap_choose_start(ui, S_DRAFT, title) != 0 ||
	    cap_choose_add_key(ui, _("Restore it into the editor"), 1, keys[0]) != 0 ||
	    cap_choose_add_key(ui, _("Discard it"), 2, keys[1]) != 0) {
		free(title);
		return;
	}
	free(title);
	ui_message(ui, "%s", _("A note left unsaved when ciipwb stopped: restore it, discard it, or"
	    " Esc: later"));
}

/* Done with the draft found at start: its file deleted (REMOVE) or kept. */
static void
cap_draft_forget(struct ui *ui, int remove)
{
	struct ui_capture *c = &ui->cap;

	if (c->draft_found == NULL)
		return;
	if (remove)
		unlink(c->draft_found->file);
	draft_free(c->draft_found);
	free(c->draft_found);
	c->draft_found = NULL;
}

int
ui_capture_init(struct ui *ui)
{
	if (ui->wb == NULL)
		return 0;
	/* The markers, before the first draw: the browser is the only view yet, and ui_init
	 * has just read the status line's workbook details (no views to reload). */
	cap_read_marks(ui);
	ui_text_invalidate(ui);
	ui_mark(ui, UI_DIRTY_NAV | UI_DIRTY_TEXT | UI_DIRTY_VIEW | UI_DIRTY_STATUS);
	cap_draft_offer(ui);
	return 0;
}

static void
cap_fields_free(struct ui_capture *c)
{
	free(c->ref);
	free(c->f_title);
	free(c->f_name);
	free(c->f_loc);
	free(c->f_due);
	free(c->f_prio);
	free(c->f_status);
	c->ref = c->f_title = c->f_name = c->f_loc = c->f_due = c->f_prio = c->f_status = NULL;
	c->id = c->f_owner = 0;
	if (c->seen == UI_CAP_NOTE)
		wb_note_free(&c->seen_note);
	else if (c->seen == UI_CAP_EVIDENCE)
		wb_evidence_free(&c->seen_ev);
	else if (c->seen == UI_CAP_ACTION)
		wb_action_free(&c->seen_act);
	c->seen = UI_CAP_NONE;
	free(c->their_text);
	c->their_text = NULL;
	c->their_gone = 0;
}

void
ui_capture_free(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;

	/* Leaving with a note being typed (the terminal closed): its draft stays. */
	cap_draft_end(ui, 0);
	cap_ed_close(ui);
	ui_choose_close(&c->choose);
	if (c->draft_found != NULL)
		draft_free(c->draft_found);
	free(c->draft_found);
	cap_marks_clear(c);
	free(c->marks);
	for (size_t i = 0; i < c->nscale; i++) {
		free(c->scale[i].code);
		free(c->scale[i].label);
	}
	free(c->scale);
	free(c->ids);
	free(c->edit_initial);
	free(c->pager_ref);
	cap_fields_free(c);
	memset(c, 0, sizeof *c);
}

int
ui_capture_busy(const struct ui *ui)
{
	return ui->cap.mode != CAP_IDLE;
}

int
ui_capture_editing(const struct ui *ui)
{
	return ui->cap.mode == CAP_EDIT;
}

int
ui_capture_poll(struct ui *ui)
{
	/* Idle: the draft of the note being typed catches up. */
	cap_draft_write(ui);
	if (ui->wb == NULL || wb_changed(ui->wb) != 1)
		return 0;
	cap_reload(ui);
	return 1;
}

/* ---- Messages ---- */

static void
cap_error(struct ui *ui)
{
	char *e = ui_clean(wb_errmsg(ui->wb));

	ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
	free(e);
}

/* After an edit call that changed item REF's records (NULL: anything): "Saved" only when
 * it returned 0. Returns RC. */
static int
cap_saved_on(struct ui *ui, int rc, const char *ref)
{
	if (rc == 0) {
		ui_message(ui, "%s", _("Saved"));
		cap_reload_item(ui, ref);
	} else {
		cap_error(ui);
	}
	return rc;
}

static int
cap_saved(struct ui *ui, int rc)
{
	return cap_saved_on(ui, rc, NULL);
}

/* ---- The selected item ---- */

static const struct fw_item *
cap_item(struct ui *ui)
{
	const struct ui_nav_row *r = ui_nav_current(ui);

	if (r == NULL || r->kind != UI_NAV_ITEM)
		return NULL;
	return &ui->cat->fws[r->fw]->items[r->item];
}

static int
cap_oom(struct ui *ui)
{
	ui->failed = ui->quit = 1;
	return -1;
}

static const char *
cap_key_name(enum keys_action a, char *buf, size_t size)
{
	const struct keys_def *d = keys_def(a);
	size_t n = d != NULL ? strcspn(d->keys, " ") : 0;

	snprintf(buf, size, "%.*s", (int)n, d != NULL ? d->keys : "");
	return buf;
}

/* 1 when CODE (may be NULL) is WHAT. */
static int
cap_is(const char *code, const char *what)
{
	return code != NULL && strcmp(code, what) == 0;
}

/* ---- Choosers ---- */

static int
cap_choose_start(struct ui *ui, int step, const char *title)
{
	struct ui_capture *c = &ui->cap;

	free(c->ids);
	c->ids = NULL;
	c->nids = 0;
	if (ui_choose_open(&c->choose, title) != 0)
		return cap_oom(ui);
	c->mode = CAP_CHOOSE;
	c->step = step;
	ui_mark(ui, UI_DIRTY_TEXT);
	return 0;
}

/* An entry of the chooser; KEY picks it at once (0: none). */
static int
cap_choose_add_key(struct ui *ui, const char *label, int64_t id, int key)
{
	struct ui_capture *c = &ui->cap;
	int64_t *ids = realloc(c->ids, (c->nids + 1) * sizeof *ids);

	if (ids == NULL)
		return cap_oom(ui);
	c->ids = ids;
	c->ids[c->nids++] = id;
	if (ui_choose_add_key(&c->choose, label, key) != 0)
		return cap_oom(ui);
	return 0;
}

static int
cap_choose_add(struct ui *ui, const char *label, int64_t id)
{
	return cap_choose_add_key(ui, label, id, 0);
}

static void
cap_choose_end(struct ui *ui)
{
	ui_choose_close(&ui->cap.choose);
	ui->cap.mode = CAP_IDLE;
	ui_mark(ui, UI_DIRTY_TEXT | UI_DIRTY_STATUS);
}

static void
cap_rate(struct ui *ui, int target)
{
	const struct fw_item *it = cap_item(ui);
	struct wb_item st;
	size_t sel = 0;

	if (wb_item_get(ui->wb, it->ref, &st) != 0) {
		cap_error(ui);
		return;
	}
	free(ui->cap.ref);
	if ((ui->cap.ref = strdup(it->ref)) == NULL) {
		wb_item_free(&st);
		cap_oom(ui);
		return;
	}
	if (cap_choose_start(ui, target ? S_RATE_TARGET : S_RATE_CUR,
	    target ? _("Target rating") : _("Current rating")) != 0) {
		wb_item_free(&st);
		return;
	}
	cap_scale_need(ui);
	for (size_t i = 0; i < ui->cap.nscale; i++) {
		const char *code = target ? st.target : st.current;
		const struct ui_cap_scale *sc = &ui->cap.scale[i];

		/* The stage numbers of the navigation pane pick them: 1-5; 0 and n for the
		 * others. */
		if (cap_choose_add_key(ui, _(sc->label), (int64_t)i, sc->stage > 0 && sc->stage < 10 ?
		    '0' + sc->stage : cap_is(sc->code, "not_applicable") ? 'n' :
		    cap_is(sc->code, "not_assessed") ? '0' : 0) != 0)
			break;
		if (code != NULL && strcmp(code, ui->cap.scale[i].code) == 0)
			sel = i;
	}
	ui_choose_select(&ui->cap.choose, sel);
	wb_item_free(&st);
}

/*
 * Not applicable means the item does not apply to this country: it then has no stage, now or
 * as a target. It is chosen as the current rating and the target follows; a target of Not
 * applicable beside a current stage, or a target stage on an item that does not apply, is
 * refused with the reason. A current stage on an item that did not apply clears its target.
 */
static void
cap_rate_pick(struct ui *ui, size_t i, int target)
{
	struct wb_item st;
	const char *code, *why = NULL, *own_current, *own_target;
	int rc, na, other_na;

	if (i >= ui->cap.nscale)
		return;
	code = ui->cap.scale[i].code;
	na = cap_is(code, "not_applicable");
	if (wb_item_get(ui->wb, ui->cap.ref, &st) != 0) {
		cap_error(ui);
		return;
	}
	other_na = cap_is(target ? st.current : st.target, "not_applicable");
	if (target && na && !other_na)
		why = _("Not applicable is for the whole item: choose it with r, the target "
		    "follows");
	else if (target && !na && other_na && ui->cap.scale[i].stage > 0)
		why = _("The item is Not applicable, so no target stage: rate it first (r)");
	if (why != NULL) {
		wb_item_free(&st);
		ui_message(ui, "%s", why);
		return;
	}
	/* st's strings are its own; the codes set below are borrowed: give st its own back
	 * before freeing it. */
	own_current = st.current;
	own_target = st.target;
	if (target) {
		st.target = code;
	} else {
		st.current = code;
		if (na)
			st.target = code;
		else if (other_na)
			st.target = NULL;
	}
	rc = wb_item_set(ui->wb, &st);
	st.current = own_current;
	st.target = own_target;
	wb_item_free(&st);
	if (cap_saved(ui, rc) == 0 && !target && na)
		ui_message(ui, "%s", _("Saved: Not applicable (it does not apply here), target "
		    "too"));
	else if (rc == 0 && !target && other_na)
		ui_message(ui, "%s", _("Saved; the target, Not applicable, is now unset"));
}

static void
cap_flag(struct ui *ui, int consensus)
{
	const struct fw_item *it = cap_item(ui);
	struct wb_item st;
	int rc, on;

	if (wb_item_get(ui->wb, it->ref, &st) != 0) {
		cap_error(ui);
		return;
	}
	if (consensus)
		on = st.consensus = !st.consensus;
	else
		on = st.needs_review = !st.needs_review;
	rc = wb_item_set(ui->wb, &st);
	wb_item_free(&st);
	if (cap_saved(ui, rc) == 0)
		ui_message(ui, "%s", consensus ? (on ? _("Saved: consensus reached") :
		    _("Saved: no consensus yet")) : (on ? _("Saved: needs review") :
		    _("Saved: no review needed")));
}

struct cap_list {
	struct ui *ui;
	int64_t sel;
	size_t at;
};

static int
cap_group_cb(const struct wb_group *g, void *arg)
{
	struct cap_list *l = arg;

	if (g->id == l->sel)
		l->at = l->ui->cap.nids;
	return cap_choose_add(l->ui, g->name, g->id);
}

static void
cap_group(struct ui *ui)
{
	struct cap_list l = { ui, 0, 0 };

	if (wb_group_current(ui->wb, &l.sel) != 0) {
		cap_error(ui);
		return;
	}
	if (cap_choose_start(ui, S_GROUP, _("Breakout group for new notes")) != 0 ||
	    cap_choose_add(ui, _("(no group)"), 0) != 0)
		return;
	if (wb_groups_each(ui->wb, cap_group_cb, &l) != 0) {
		cap_choose_end(ui);
		cap_error(ui);
		return;
	}
	if (cap_choose_add(ui, _("New group\xe2\x80\xa6"), -1) != 0)
		return;
	ui_choose_select(&ui->cap.choose, l.at);
}

static int
cap_stakeholder_cb(const struct wb_stakeholder *s, void *arg)
{
	struct cap_list *l = arg;

	if (s->id == l->sel)
		l->at = l->ui->cap.nids;
	return cap_choose_add(l->ui, s->name, s->id);
}

static void
cap_owner(struct ui *ui)
{
	struct cap_list l = { ui, ui->cap.f_owner, 0 };

	if (cap_choose_start(ui, S_ACT_OWNER, _("Owner of the action")) != 0 ||
	    cap_choose_add(ui, _("(none)"), 0) != 0)
		return;
	if (wb_stakeholders_each(ui->wb, cap_stakeholder_cb, &l) != 0) {
		cap_choose_end(ui);
		cap_error(ui);
		return;
	}
	if (cap_choose_add(ui, _("New stakeholder\xe2\x80\xa6"), -1) != 0)
		return;
	ui_choose_select(&ui->cap.choose, l.at);
}

static void
cap_fixed(struct ui *ui, int step, const char *title, const char *const *codes,
    const char *const *labels, size_t n, const char *cur)
{
	size_t sel = 0;

	if (cap_choose_start(ui, step, title) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		if (cap_choose_add(ui, _(labels[i]), (int64_t)i) != 0)
			return;
		if (cur != NULL && strcmp(cur, codes[i]) == 0)
			sel = i;
	}
	ui_choose_select(&ui->cap.choose, sel);
}

/* ---- Editing steps ---- */

static void
cap_edit_start(struct ui *ui, int step, const char *title, const char *initial, int multi)
{
	ui->cap.step = step;
	if (cap_ed_open(ui, title, initial, multi) != 0)
		cap_oom(ui);
}

static int
cap_set(char **field, const char *v)
{
	char *s = strdup(v != NULL ? v : "");

	if (s == NULL)
		return -1;
	free(*field);
	*field = s;
	return 0;
}

/* How cap_store saves the form's record. */
enum cap_store_how {
	CAP_STORE_GUARDED,      /* a new record, or over the one edited if nobody changed it */
	CAP_STORE_OVER,         /* over the one edited, whatever another instance did */
	CAP_STORE_NEW           /* as a new record */
};

/* Save the record of the form (of kind STEP's: a note, evidence or an action) HOW says.
 * Returns 0, -1 (the message in wb_errmsg) or WB_CHANGED (nothing written). */
static int
cap_store(struct ui *ui, int kind, enum cap_store_how how)
{
	struct ui_capture *c = &ui->cap;
	int add = c->id == 0 || how == CAP_STORE_NEW;
	int guard = how == CAP_STORE_GUARDED && c->seen == kind;

	if (kind == UI_CAP_NOTE) {
		struct wb_note n;

		memset(&n, 0, sizeof n);
		n.id = c->id;
		n.ref = c->ref;
		n.body = cap_ed_text(ui);
		n.group_id = c->f_owner;
		return add ? wb_note_add(ui->wb, &n, NULL) : guard ?
		    wb_note_update_if(ui->wb, &c->seen_note, &n) : wb_note_update(ui->wb, &n);
	}
	if (kind == UI_CAP_EVIDENCE) {
		struct wb_evidence e;

		memset(&e, 0, sizeof e);
		e.id = c->id;
		e.ref = c->ref;
		e.name = c->f_name;
		e.location = cap_ed_text(ui);
		return add ? wb_evidence_add(ui->wb, &e, NULL) : guard ?
		    wb_evidence_update_if(ui->wb, &c->seen_ev, &e) : wb_evidence_update(ui->wb, &e);
	} else {
		struct wb_action a;

		memset(&a, 0, sizeof a);
		a.id = c->id;
		a.ref = c->ref;
		a.title = c->f_title;
		a.owner_id = c->f_owner;
		a.due = c->f_due;
		a.priority = c->f_prio;
		a.status = c->f_status;
		return add ? wb_action_add(ui->wb, &a, NULL) : guard ?
		    wb_action_update_if(ui->wb, &c->seen_act, &a) : wb_action_update(ui->wb, &a);
	}
}

static void cap_conflict(struct ui *ui, int kind);
static void cap_conflict_pick(struct ui *ui, int choice);
static void cap_draft_pick(struct ui *ui, int choice);
static void cap_draft_forget(struct ui *ui, int remove);

static void
cap_action_save(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;
	int rc = cap_store(ui, UI_CAP_ACTION, CAP_STORE_GUARDED);

	if (rc == WB_CHANGED) {
		cap_conflict(ui, UI_CAP_ACTION);
		return;
	}
	if (cap_saved_on(ui, rc, c->ref) == 0) {
		cap_choose_end(ui);
		cap_fields_free(c);
	}
	/* On failure the status chooser stays open: Enter tries again, Esc gives up. */
}

static void
cap_due_start(struct ui *ui)
{
	cap_edit_start(ui, S_ACT_DUE, _("Due date (YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m; "
	    "empty for none)"), ui->cap.f_due, 0);
}

static void
cap_pick(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;
	size_t i = c->choose.sel;
	int64_t id = i < c->nids ? c->ids[i] : 0;

	switch (c->step) {
	case S_RATE_CUR:
	case S_RATE_TARGET:
		cap_choose_end(ui);
		cap_rate_pick(ui, (size_t)id, c->step == S_RATE_TARGET);
		break;
	case S_CONFLICT:
		cap_choose_end(ui);
		cap_conflict_pick(ui, (int)id);
		break;
	case S_DRAFT:
		cap_choose_end(ui);
		cap_draft_pick(ui, (int)id);
		break;
	case S_GROUP:
		cap_choose_end(ui);
		if (id < 0)
			cap_edit_start(ui, S_GROUP_NEW, _("Name of the new breakout group"), "", 0);
		else
			cap_saved(ui, wb_group_set_current(ui->wb, id));
		break;
	case S_ACT_OWNER:
		cap_choose_end(ui);
		if (id < 0) {
			cap_edit_start(ui, S_SH_NAME, _("Name of the new stakeholder"), "", 0);
		} else {
			c->f_owner = id;
			cap_due_start(ui);
		}
		break;
	case S_SH_CAT: {
		struct wb_stakeholder s;
		int64_t nid = 0;

		memset(&s, 0, sizeof s);
		s.name = c->f_name;
		s.category = cap_cat[id];
		if (cap_saved(ui, wb_stakeholder_add(ui->wb, &s, &nid)) == 0) {
			cap_choose_end(ui);
			c->f_owner = nid;
			cap_due_start(ui);
		}
		break;
	}
	case S_ACT_PRIO:
		cap_choose_end(ui);
		if (cap_set(&c->f_prio, cap_prio[id]) != 0) {
			cap_oom(ui);
			return;
		}
		cap_fixed(ui, S_ACT_STATUS, _("Status"), cap_status, cap_status_label,
		    CAP_N(cap_status), c->f_status);
		break;
	case S_ACT_STATUS:
		if (cap_set(&c->f_status, cap_status[id]) != 0) {
			cap_oom(ui);
			return;
		}
		cap_action_save(ui);
		break;
	default:
		cap_choose_end(ui);
		break;
	}
}

/* ---- Another instance changed the record being saved (issue 12, defect 5) ---- */

/* The N keys of a chooser's entries from TRANSLATED (N different lower-case ASCII letters,
 * none of the chooser's own j, k and q), else from ENGLISH. */
static void
cap_keys(const char *translated, const char *english, int *keys, size_t n)
{
	const char *k = translated;

	if (strlen(k) != n || strspn(k, "abcdefghilmnoprstuvwxyz") != n)
		k = english;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (k[i] == k[j])
				k = english;
	for (size_t i = 0; i < n; i++)
		keys[i] = (unsigned char)k[i];
}

/* The keys of the three choices, keep mine, keep theirs, keep both, from the translation. */
static void
cap_conflict_keys(int keys[3])
{
	/* TRANSLATORS: three different lower-case ASCII letters, not j, k or q: the keys that
	 * keep your text, keep the other window's, or keep both, after a note, evidence or
	 * action was changed in another window while you edited it. */
	cap_keys(_("mtb"), "mtb", keys, 3);
}

/* What another instance saved of the record being edited, as one text to show (sanitised,
 * lines kept), or NULL when it was deleted; the form's seen copy becomes that version, so
 * that saving again after Esc replaces it only if nobody changed it once more. */
static char *
cap_conflict_theirs(struct ui *ui, int kind)
{
	struct ui_capture *c = &ui->cap;
	char *t = NULL, *clean;

	if (kind == UI_CAP_NOTE) {
		struct wb_note n;

		if (wb_note_get(ui->wb, c->id, &n) != 0)
			return NULL;
		t = strdup(n.body);
		wb_note_free(&c->seen_note);
		c->seen_note = n;
	} else if (kind == UI_CAP_EVIDENCE) {
		struct wb_evidence e;

		if (wb_evidence_get(ui->wb, c->id, &e) != 0)
			return NULL;
		t = util_asprintf("%s\n%s", e.name, e.location != NULL ? e.location : "");
		wb_evidence_free(&c->seen_ev);
		c->seen_ev = e;
	} else {
		struct wb_action a;

		if (wb_action_get(ui->wb, c->id, &a) != 0)
			return NULL;
		t = util_asprintf(_("%s\nDue: %s; priority: %s; status: %s"), a.title,
		    a.due != NULL && a.due[0] != '\0' ? a.due : _("none"),
		    cap_label(cap_prio, cap_prio_label, CAP_N(cap_prio), a.priority),
		    cap_label(cap_status, cap_status_label, CAP_N(cap_status), a.status));
		wb_action_free(&c->seen_act);
		c->seen_act = a;
	}
	clean = t != NULL ? text_sanitize(t, strlen(t), TEXT_KEEP_NEWLINES) : NULL;
	free(t);
	return clean != NULL ? clean : strdup("");
}

/* Saving found the record changed (or deleted) by another instance since the form loaded
 * it: show what that instance saved and offer to keep mine, theirs, or both. Nothing of the
 * form is dropped: Esc goes back to it. */
static void
cap_conflict(struct ui *ui, int kind)
{
	struct ui_capture *c = &ui->cap;
	static const char *const both[] = { N_("Keep both: mine as a second note"),
	    N_("Keep both: mine as a second evidence"), N_("Keep both: mine as a second action") };
	int keys[3], back = c->step, gone;

	cap_conflict_keys(keys);
	free(c->their_text);
	c->their_text = cap_conflict_theirs(ui, kind);
	gone = c->their_gone = c->their_text == NULL;
	if (kind == UI_CAP_ACTION)
		cap_choose_end(ui);     /* the status chooser: opened again by Esc */
	if (cap_choose_start(ui, S_CONFLICT, gone ? _("Deleted in another window meanwhile") :
	    _("Changed in another window meanwhile")) != 0)
		return;
	c->back = back;
	if (cap_choose_add_key(ui, gone ? _("Keep mine: save it again, as new") :
	    _("Keep mine: save it over theirs"), 1, keys[0]) != 0 ||
	    cap_choose_add_key(ui, gone ? _("Keep theirs: leave it deleted") :
	    _("Keep theirs: drop my changes"), 2, keys[1]) != 0)
		return;
	if (!gone && cap_choose_add_key(ui, _(both[kind == UI_CAP_NOTE ? 0 :
	    kind == UI_CAP_EVIDENCE ? 1 : 2]), 3, keys[2]) != 0)
		return;
	ui_message(ui, "%s", gone ? _("Not saved: another window deleted it meanwhile; choose,"
	    " or Esc for your text") : _("Not saved: another window changed it meanwhile; choose,"
	    " or Esc for your text"));
}

/* Esc in the conflict chooser: back to the form as it was, the text kept. */
static void
cap_conflict_back(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;

	cap_choose_end(ui);
	if (c->back == S_ACT_STATUS) {
		cap_fixed(ui, S_ACT_STATUS, _("Status"), cap_status, cap_status_label,
		    CAP_N(cap_status), c->f_status);
	} else {
		c->step = c->back;
		c->mode = CAP_EDIT;
	}
	ui_message(ui, "%s", _("Back to your text: save again to put it over theirs"));
}

/* One of the three choices: each writes at most one edit (one undo step) and says what it
 * did; on an error the form comes back with its text. */
static void
cap_conflict_pick(struct ui *ui, int choice)
{
	struct ui_capture *c = &ui->cap;
	int kind = c->back == S_NOTE ? UI_CAP_NOTE : c->back == S_EV_LOC ? UI_CAP_EVIDENCE :
	    UI_CAP_ACTION;
	const char *done;
	int rc = 0;

	if (choice == 2) {
		done = c->their_gone ? _("Kept theirs: it stays deleted; your changes were not"
		    " saved") : _("Kept theirs; your changes were not saved");
	} else if (choice == 3 || c->their_gone) {
		rc = cap_store(ui, kind, CAP_STORE_NEW);
		done = c->their_gone ? _("Kept yours, saved as new (u undoes)") :
		    _("Kept both: yours saved as a second one (u undoes)");
	} else {
		rc = cap_store(ui, kind, CAP_STORE_OVER);
		done = _("Kept yours, saved over theirs (u undoes)");
	}
	if (rc != 0) {
		cap_conflict_back(ui);
		cap_error(ui);
		return;
	}
	cap_reload(ui);
	if (kind != UI_CAP_ACTION)
		cap_ed_close(ui);
	cap_fields_free(c);
	ui_message(ui, "%s", done);
}

/* The editor's text was confirmed. */
static void
cap_edit_save(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;
	const char *text = cap_ed_text(ui);
	int rc;

	switch (c->step) {
	case S_NOTE:
		if (text[strspn(text, " \n\t")] == '\0') {
			ui_message(ui, "%s", _("The note is empty: type something, or Esc to cancel"));
			return;
		}
		rc = cap_store(ui, UI_CAP_NOTE, CAP_STORE_GUARDED);
		if (rc == WB_CHANGED) {
			cap_conflict(ui, UI_CAP_NOTE);
			return;
		}
		/* On failure the editor stays open with the text. */
		if (cap_saved_on(ui, rc, c->ref) == 0) {
			cap_ed_close(ui);
			cap_fields_free(c);
		}
		break;
	case S_GROUP_NEW: {
		int64_t id = 0;

		if (text[strspn(text, " ")] == '\0') {
			ui_message(ui, "%s", _("Type a name, or Esc to cancel"));
			return;
		}
		if (cap_saved(ui, wb_group_add(ui->wb, text, &id)) == 0) {
			cap_ed_close(ui);
			cap_saved(ui, wb_group_set_current(ui->wb, id));
		}
		break;
	}
	case S_EV_NAME:
		if (text[strspn(text, " ")] == '\0') {
			ui_message(ui, "%s", _("Type a name, or Esc to cancel"));
			return;
		}
		if (cap_set(&c->f_name, text) != 0) {
			cap_oom(ui);
			return;
		}
		cap_ed_close(ui);
		cap_edit_start(ui, S_EV_LOC, _("Where it is kept: path, URL or place (may be empty)"),
		    c->f_loc, 0);
		break;
	case S_EV_LOC:
		rc = cap_store(ui, UI_CAP_EVIDENCE, CAP_STORE_GUARDED);
		if (rc == WB_CHANGED) {
			cap_conflict(ui, UI_CAP_EVIDENCE);
			return;
		}
		if (cap_saved_on(ui, rc, c->ref) == 0) {
			cap_ed_close(ui);
			cap_fields_free(c);
		}
		break;
	case S_ACT_TITLE:
		if (text[strspn(text, " ")] == '\0') {
			ui_message(ui, "%s", _("Type a title, or Esc to cancel"));
			return;
		}
		if (cap_set(&c->f_title, text) != 0) {
			cap_oom(ui);
			return;
		}
		cap_ed_close(ui);
		cap_owner(ui);
		break;
	case S_SH_NAME:
		if (text[strspn(text, " ")] == '\0') {
			ui_message(ui, "%s", _("Type a name, or Esc to cancel"));
			return;
		}
		if (cap_set(&c->f_name, text) != 0) {
			cap_oom(ui);
			return;
		}
		cap_ed_close(ui);
		cap_fixed(ui, S_SH_CAT, _("Category of the new stakeholder"), cap_cat, cap_cat_label,
		    CAP_N(cap_cat), NULL);
		break;
	case S_ACT_DUE: {
		char today[11], out[11];
		char *err = NULL;

		datespec_today(today);
		if (datespec_parse(text, today, out, &err) != 0) {
			char *e = ui_clean(err);

			/* Ask again, the text kept, the reason shown. */
			ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
			free(e);
			free(err);
			return;
		}
		if (cap_set(&c->f_due, out) != 0) {
			cap_oom(ui);
			return;
		}
		cap_ed_close(ui);
		cap_fixed(ui, S_ACT_PRIO, _("Priority"), cap_prio, cap_prio_label, CAP_N(cap_prio),
		    c->f_prio != NULL ? c->f_prio : "medium");
		break;
	}
	default:
		cap_ed_close(ui);
		break;
	}
}

static void
cap_external(struct ui *ui)
{
	char *err = NULL;

	if (ui->script) {
		ui_message(ui, "%s", _("No external editor in scripted mode"));
		return;
	}
	if (ui_edit_run_external(ui->cap.edit, &err) != 0) {
		/* The text typed so far stays in the editor. */
		char *e = ui_clean(err);

		ui_message(ui, "%s", e != NULL ? e : _("out of memory"));
		free(e);
		free(err);
	}
	ui_mark(ui, UI_DIRTY_ALL | UI_DIRTY_LAYOUT);
}

static void
cap_delete(struct ui *ui, int kind, int64_t id)
{
	int rc;

	switch (kind) {
	case UI_CAP_NOTE:
		rc = wb_note_delete(ui->wb, id);
		break;
	case UI_CAP_EVIDENCE:
		rc = wb_evidence_delete(ui->wb, id);
		break;
	case UI_CAP_ACTION:
		rc = wb_action_delete(ui->wb, id);
		break;
	default:
		return;
	}
	if (cap_saved(ui, rc) == 0)
		ui_message(ui, "%s", _("Deleted and saved; u undoes it"));
}

void
ui_capture_key(struct ui *ui, int key)
{
	struct ui_capture *c = &ui->cap;

	key = keys_normalize(key);
	if (c->mode == CAP_CHOOSE && c->step == S_DRAFT && ui->depth > 1) {
		/* The draft's question came up under another view (started presenting): show it
		 * first; this key answers nothing. */
		ui_view_pop_to(ui, 1);
		ui_mark(ui, UI_DIRTY_ALL);
		return;
	}
	switch (c->mode) {
	case CAP_CHOOSE:
		switch (ui_choose_key(&c->choose, key)) {
		case UI_CHOOSE_PICK:
			cap_pick(ui);
			break;
		case UI_CHOOSE_CANCEL:
			if (c->step == S_CONFLICT) {
				cap_conflict_back(ui);
				break;
			}
			if (c->step == S_DRAFT) {
				cap_choose_end(ui);
				cap_draft_forget(ui, 0);
				ui_message(ui, "%s", _("The draft is kept: it is offered again at the"
				    " next start"));
				break;
			}
			cap_choose_end(ui);
			cap_fields_free(c);
			ui_message(ui, "%s", _("Cancelled"));
			break;
		default:
			break;
		}
		ui_mark(ui, UI_DIRTY_TEXT);
		break;
	case CAP_EDIT:
		if (ui->msg[0] != '\0') {
			ui->msg[0] = '\0';
			ui_mark(ui, UI_DIRTY_MSG);
		}
		switch (cap_ed_key(ui, key)) {
		case CAP_ED_CONTINUE:
			/* The draft: on idle (ui_capture_poll), or every 2 s of steady typing. */
			if (c->step == S_NOTE && cap_ed_changed(ui)) {
				c->draft_dirty = 1;
				if ((long)time(NULL) - c->draft_at >= 2)
					cap_draft_write(ui);
			}
			break;
		case CAP_ED_SAVE:
			cap_edit_save(ui);
			break;
		case CAP_ED_CANCEL:
			if (cap_ed_changed(ui)) {
				c->back = c->step;
				c->step = S_DISCARD;
				c->mode = CAP_CONFIRM;
				ui_message(ui, "%s", _("Discard the text you typed? (y/n)"));
			} else {
				cap_ed_close(ui);
				cap_fields_free(c);
				ui_message(ui, "%s", _("Cancelled"));
			}
			break;
		case CAP_ED_EXTERNAL:
			cap_external(ui);
			break;
		default:
			break;
		}
		ui_mark(ui, UI_DIRTY_TEXT);
		break;
	case CAP_CONFIRM: {
		int yes = key == 'y' || key == 'Y';

		ui->msg[0] = '\0';
		ui_mark(ui, UI_DIRTY_MSG | UI_DIRTY_TEXT);
		if (c->step == S_DISCARD) {
			if (yes) {
				cap_ed_close(ui);
				cap_fields_free(c);
				ui_message(ui, "%s", _("Discarded"));
			} else {
				c->step = c->back;
				c->mode = CAP_EDIT;
				ui_message(ui, "%s", _("Still editing"));
			}
		} else if (c->step == S_DELETE) {
			c->mode = CAP_IDLE;
			if (yes)
				cap_delete(ui, c->back, c->id);
			else
				ui_message(ui, "%s", _("Not deleted"));
			c->id = 0;
		}
		break;
	}
	default:
		break;
	}
}

/* ---- Starting an edit from a key ---- */

static int
cap_can_edit(struct ui *ui)
{
	if (ui->wb == NULL) {
		ui_message(ui, "%s", _("No workbook is open: nothing can be captured"));
		return 0;
	}
	if (wb_readonly(ui->wb)) {
		const char *why = wb_notice(ui->wb);
		char *w = ui_clean(why != NULL ? why : "");

		/* The cause first: it must show whole on one line at 80 columns. */
		ui_message(ui, _("Read-only: %s"), w != NULL && w[0] != '\0' ? w :
		    _("the workbook cannot be written"));
		free(w);
		return 0;
	}
	return 1;
}

static const struct fw_item *
cap_need_item(struct ui *ui)
{
	const struct fw_item *it = cap_item(ui);

	if (it == NULL)
		ui_message(ui, "%s", _("Select an item (a question or an element) first"));
	return it;
}

/* A new form on REF: the previous form's fields dropped, REF kept. 0, or -1 after cap_oom. */
static int
cap_begin(struct ui *ui, const char *ref)
{
	struct ui_capture *c = &ui->cap;

	cap_fields_free(c);
	if ((c->ref = strdup(ref)) == NULL) {
		cap_oom(ui);
		return -1;
	}
	return 0;
}

static void
cap_note_start(struct ui *ui, const char *ref, int64_t id)
{
	struct ui_capture *c = &ui->cap;
	struct wb_note n;
	char *title;

	if (cap_begin(ui, ref) != 0)
		return;
	if (id != 0) {
		if (wb_note_get(ui->wb, id, &n) != 0) {
			cap_error(ui);
			return;
		}
		c->id = id;
		c->f_owner = n.group_id;
		/* Kept as read, to notice another instance's change when saving. */
		c->seen_note = n;
		c->seen = UI_CAP_NOTE;
		if (asprintf(&title, _("Edit note on %s"), ref) < 0)
			title = NULL;
		if (title != NULL)
			cap_edit_start(ui, S_NOTE, title, n.body, 1);
	} else {
		if (wb_group_current(ui->wb, &c->f_owner) != 0) {
			cap_error(ui);
			return;
		}
		if (asprintf(&title, _("New note on %s"), ref) < 0)
			title = NULL;
		if (title != NULL)
			cap_edit_start(ui, S_NOTE, title, "", 1);
	}
	if (title == NULL)
		cap_oom(ui);
	free(title);
}

/* The choice about the draft found at start: restore it into the editor of its note (or of a
 * new note on its item when that note was deleted since), or discard it. A draft whose item
 * is in no framework loaded is kept as a note on it at once. */
static void
cap_draft_pick(struct ui *ui, int choice)
{
	struct ui_capture *c = &ui->cap;
	struct draft *d = c->draft_found;
	const struct fw_item *it;
	struct wb_note n;
	char *ref;
	int was_edit;

	if (d == NULL)
		return;
	if (choice == 2) {
		cap_draft_forget(ui, 1);
		ui_message(ui, "%s", _("Draft discarded"));
		return;
	}
	ref = ui_clean(d->ref);
	if ((it = catalog_find(ui->cat, d->ref)) == NULL) {
		memset(&n, 0, sizeof n);
		n.ref = d->ref;
		n.body = d->text;
		if (wb_note_add(ui->wb, &n, NULL) != 0) {
			cap_error(ui);  /* the draft stays, offered again */
		} else {
			cap_reload(ui);
			cap_draft_forget(ui, 1);
			ui_message(ui, _("%s is in no framework loaded: the draft is saved as a note on"
			    " it (u undoes)"), ref != NULL ? ref : "");
		}
		free(ref);
		return;
	}
	free(ref);
	ui_show_item(ui, it);
	ui->focus = UI_PANE_TEXT;
	ui_mark(ui, UI_DIRTY_ALL);
	was_edit = d->id != 0;
	if (was_edit && wb_note_get(ui->wb, d->id, &n) == 0) {
		wb_note_free(&n);
		cap_note_start(ui, it->ref, d->id);
	} else {
		cap_note_start(ui, it->ref, 0);
	}
	if (c->mode != CAP_EDIT || c->edit == NULL) {
		/* Could not open the editor (the message says why): the draft stays. */
		cap_draft_forget(ui, 0);
		return;
	}
	/* The group it was typed in, and the text as a change: Esc asks before dropping it. */
	c->f_owner = d->group;
	if (ui_edit_replace(c->edit, d->text) != 0) {
		cap_oom(ui);
		return;
	}
	c->draft_dirty = 1;
	cap_draft_write(ui);
	if (c->draft_file != NULL && !c->draft_dirty)
		cap_draft_forget(ui, 1);       /* the editor's own draft has it now */
	else
		cap_draft_forget(ui, 0);
	ui_message(ui, "%s", was_edit && c->id == 0 ? _("Draft restored; its note was deleted"
	    " since, so it is a new note: C-d saves it") : _("Draft restored: C-d saves it"));
}

static void
cap_evidence_start(struct ui *ui, const char *ref, int64_t id)
{
	struct ui_capture *c = &ui->cap;

	if (cap_begin(ui, ref) != 0)
		return;
	if (id != 0) {
		struct wb_evidence e;

		if (wb_evidence_get(ui->wb, id, &e) != 0) {
			cap_error(ui);
			return;
		}
		c->id = id;
		c->seen_ev = e;
		c->seen = UI_CAP_EVIDENCE;
		if (cap_set(&c->f_name, e.name) != 0 || cap_set(&c->f_loc, e.location) != 0) {
			cap_oom(ui);
			return;
		}
	}
	cap_edit_start(ui, S_EV_NAME, _("Evidence: name of the document or link"), c->f_name, 0);
}

static void
cap_action_start(struct ui *ui, const char *ref, int64_t id)
{
	struct ui_capture *c = &ui->cap;

	if (cap_begin(ui, ref) != 0)
		return;
	if (id != 0) {
		struct wb_action a;

		if (wb_action_get(ui->wb, id, &a) != 0) {
			cap_error(ui);
			return;
		}
		c->id = id;
		c->f_owner = a.owner_id;
		c->seen_act = a;
		c->seen = UI_CAP_ACTION;
		if (cap_set(&c->f_title, a.title) != 0 || cap_set(&c->f_due, a.due) != 0 ||
		    cap_set(&c->f_prio, a.priority) != 0 || cap_set(&c->f_status, a.status) != 0) {
			cap_oom(ui);
			return;
		}
	}
	cap_edit_start(ui, S_ACT_TITLE, _("Action: what is to be done"), c->f_title, 0);
}

struct cap_open_actions {
	int64_t id, any;
	int n, nall;
};

static int
cap_open_action_cb(const struct wb_action *a, void *arg)
{
	struct cap_open_actions *o = arg;

	if (a->status == NULL || strcmp(a->status, "open") == 0 ||
	    strcmp(a->status, "in_progress") == 0) {
		o->id = a->id;
		o->n++;
	}
	o->any = a->id;
	o->nall++;
	return 0;
}

/* x on an item: the action under the text cursor, else the item's only open action (or its
 * only action), done, or open again when it was done; one edit, one undo step. */
static void
cap_action_done(struct ui *ui, const char *ref)
{
	struct cap_open_actions o = { 0, 0, 0, 0 };
	struct wb_action a;
	const char *status;
	char *title;
	int64_t id = 0;
	int done;

	if (!(ui->focus == UI_PANE_TEXT && ui_text_record(ui, &id) == UI_CAP_ACTION)) {
		if (wb_actions_each(ui->wb, ref, cap_open_action_cb, &o) != 0) {
			cap_error(ui);
			return;
		}
		/* The only open action; with none open, the item's only action (to reopen). */
		if (o.n == 0 && o.nall == 1) {
			o.id = o.any;
			o.n = 1;
		}
		if (o.n != 1) {
			ui_message(ui, "%s", o.nall == 0 ? _("This item has no action") :
			    _("Several actions: put the text cursor on one (Tab, Up/Down)"));
			return;
		}
		id = o.id;
	}
	if (wb_action_get(ui->wb, id, &a) != 0) {
		cap_error(ui);
		return;
	}
	status = a.status;
	done = status != NULL && strcmp(status, "done") == 0;
	a.status = done ? "open" : "done";
	title = ui_clean(a.title);
	if (cap_saved(ui, wb_action_update(ui->wb, &a)) == 0)
		ui_message(ui, done ? _("Open again: %s; u undoes it") :
		    _("Done: %s; u undoes it"), title != NULL ? title : "");
	free(title);
	a.status = status;
	wb_action_free(&a);
}

static int
cap_record(struct ui *ui, int64_t *id)
{
	int kind = ui->focus == UI_PANE_TEXT ? ui_text_record(ui, id) : 0;

	if (kind == UI_CAP_MORE)
		kind = 0;
	if (kind == 0)
		ui_message(ui, "%s", _("Put the text cursor on a note, evidence or action first "
		    "(Tab, then Up/Down)"));
	return kind;
}

static void
cap_undo(struct ui *ui, int redo)
{
	char *label = NULL, *ref = NULL, *clean, *where;
	const struct fw_item *it;
	int rc;

	if (ui->wb == NULL) {
		ui_message(ui, "%s", _("No workbook is open"));
		return;
	}
	if (!cap_can_edit(ui))
		return;
	rc = wb_undo_where(ui->wb, redo, &label, &ref);
	if (rc != 0) {
		cap_error(ui);
		return;
	}
	cap_reload(ui);
	/* Say what and where ("Undone: add note on 64/211:5"), and go there. */
	it = ref != NULL && ref[0] != '\0' ? catalog_find(ui->cat, ref) : NULL;
	if (it != NULL)
		ui_show_item(ui, it);
	clean = ui_clean(label != NULL ? _(label) : "");
	where = ui_clean(ref != NULL ? ref : "");
	if (where != NULL && where[0] != '\0')
		ui_message(ui, redo ? _("Redone: %s on %s") : _("Undone: %s on %s"),
		    clean != NULL ? clean : "", where);
	else
		ui_message(ui, redo ? _("Redone: %s") : _("Undone: %s"), clean != NULL ? clean : "");
	free(clean);
	free(where);
	free(label);
	free(ref);
}

static void
cap_edit_record(struct ui *ui, int kind, int64_t id, const char *ref)
{
	if (kind == UI_CAP_NOTE)
		cap_note_start(ui, ref, id);
	else if (kind == UI_CAP_EVIDENCE)
		cap_evidence_start(ui, ref, id);
	else if (kind == UI_CAP_ACTION)
		cap_action_start(ui, ref, id);
}

static void
cap_delete_ask(struct ui *ui, int kind, int64_t id)
{
	ui->cap.mode = CAP_CONFIRM;
	ui->cap.step = S_DELETE;
	ui->cap.back = kind;
	ui->cap.id = id;
	ui_message(ui, "%s", kind == UI_CAP_NOTE ? _("Delete this note? (y/n)") :
	    kind == UI_CAP_EVIDENCE ? _("Delete this evidence reference? (y/n)") :
	    _("Delete this action? (y/n)"));
}

void
ui_capture_return(struct ui *ui)
{
	const struct ui_view_ops *v = ui->cap.return_to;

	ui->cap.return_to = NULL;
	if (v != NULL)
		(void)ui_view_push(ui, v);
}

void
ui_capture_action_record(struct ui *ui, int64_t id, int del)
{
	struct wb_action a;

	if (id == 0) {
		ui_message(ui, "%s", _("No action is selected"));
		return;
	}
	if (!cap_can_edit(ui))
		return;
	if (del) {
		cap_delete_ask(ui, UI_CAP_ACTION, id);
		return;
	}
	if (wb_action_get(ui->wb, id, &a) != 0) {
		cap_error(ui);
		return;
	}
	/* Show its item (or heading) behind the editor. */
	if (a.ref != NULL)
		(void)ui_actions_show_ref(ui, a.ref);
	cap_action_start(ui, a.ref != NULL ? a.ref : "", id);
	wb_action_free(&a);
}

void
ui_capture_action(struct ui *ui, enum keys_action a)
{
	const struct fw_item *it;
	int64_t id = 0;
	int kind;

	if (a == KEYS_ACT_UNDO || a == KEYS_ACT_REDO) {
		cap_undo(ui, a == KEYS_ACT_REDO);
		return;
	}
	if (!cap_can_edit(ui))
		return;
	if (a == KEYS_ACT_GROUP) {
		cap_group(ui);
		return;
	}
	if ((it = cap_need_item(ui)) == NULL)
		return;
	switch (a) {
	case KEYS_ACT_RATE_CURRENT:
		cap_rate(ui, 0);
		break;
	case KEYS_ACT_RATE_TARGET:
		cap_rate(ui, 1);
		break;
	case KEYS_ACT_NEEDS_REVIEW:
		cap_flag(ui, 0);
		break;
	case KEYS_ACT_CONSENSUS:
		cap_flag(ui, 1);
		break;
	case KEYS_ACT_ADD_NOTE:
		cap_note_start(ui, it->ref, 0);
		break;
	case KEYS_ACT_ADD_EVIDENCE:
		cap_evidence_start(ui, it->ref, 0);
		break;
	case KEYS_ACT_ADD_ACTION:
		cap_action_start(ui, it->ref, 0);
		break;
	case KEYS_ACT_EDIT:
		kind = cap_record(ui, &id);
		if (kind != 0)
			cap_edit_record(ui, kind, id, it->ref);
		break;
	case KEYS_ACT_DELETE:
		kind = cap_record(ui, &id);
		if (kind != 0)
			cap_delete_ask(ui, kind, id);
		break;
	case KEYS_ACT_ACTION_DONE:
		cap_action_done(ui, it->ref);
		break;
	default:
		break;
	}
}

/* The conflict chooser: what the other window saved on top, the choices below it. */
static void
cap_conflict_draw(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;
	WINDOW *w = ui->w_text, *sub = NULL;
	int h = getmaxy(w), cols = getmaxx(w), ch = (int)c->choose.n + 2, y = 1;
	const char *head = c->their_gone ? _("The other window deleted it.") :
	    _("The other window saved this:");
	const char *hint = _("Esc: back to your text, nothing lost");
	struct text_line *lines = NULL;
	size_t n = 0;

	werase(w);
	wattrset(w, ui->style[UI_HEADING]);
	wmove(w, 0, 0);
	ui_put(w, head, strlen(head), cols);
	wattrset(w, ui->style[UI_NORMAL]);
	if (c->their_text != NULL)
		n = text_wrap(c->their_text, strlen(c->their_text), cols - 2, &lines);
	for (size_t i = 0; i < n && y < h - ch - 1; i++, y++) {
		wmove(w, y, 2);
		if (y == h - ch - 2 && i + 1 < n)
			ui_put(w, ui->utf8 ? "\xe2\x80\xa6" : "...", strlen(ui->utf8 ? "\xe2\x80\xa6" : "..."), cols - 2);
		else
			ui_put(w, c->their_text + lines[i].off, lines[i].len, cols - 2);
	}
	free(lines);
	if (h - ch - 1 >= 1) {
		wmove(w, h - ch - 1, 0);
		ui_put(w, hint, strlen(hint), cols);
		sub = derwin(w, ch, cols, h - ch, 0);
	}
	ui_choose_draw(&c->choose, sub != NULL ? sub : w, ui->style[UI_NORMAL],
	    ui->style[UI_SELECTED], ui->style[UI_HEADING], ui->utf8);
	wnoutrefresh(w);
	if (sub != NULL) {
		wnoutrefresh(sub);
		delwin(sub);
	}
}

void
ui_capture_draw(struct ui *ui)
{
	struct ui_capture *c = &ui->cap;

	if (c->mode == CAP_CHOOSE && c->step == S_CONFLICT) {
		cap_conflict_draw(ui);
	} else if (c->mode == CAP_CHOOSE) {
		ui_choose_draw(&c->choose, ui->w_text, ui->style[UI_NORMAL], ui->style[UI_SELECTED],
		    ui->style[UI_HEADING], ui->utf8);
		wnoutrefresh(ui->w_text);
	} else if ((c->mode == CAP_EDIT || (c->mode == CAP_CONFIRM && c->step == S_DISCARD)) &&
	    c->edit != NULL) {
		cap_ed_draw(ui);
	}
}

/* ---- The workbook section of the text pane ---- */

struct cap_build {
	struct ui *ui;
	int rc;
	size_t n;
	char today[11];
	size_t want;            /* a paged section: records shown when the page is full */
};

static int
cap_add(struct ui *ui, int indent, const char *text, int style, int kind, int64_t id)
{
	return ui_text_add(ui, indent, NULL, text, 0, style, kind, id);
}

/* "2026-11-23 13:40 EAT" from "2026-11-23T10:40:00Z": the file keeps UTC, the screen shows
 * local time (TZ) with its zone's name. */
static void
cap_time(const char *t, char *out, size_t size)
{
	struct tm tm;
	time_t when;

	memset(&tm, 0, sizeof tm);
	if (strlen(t) >= 16 && strptime(t, "%Y-%m-%dT%H:%M", &tm) != NULL &&
	    (when = timegm(&tm)) != (time_t)-1 && localtime_r(&when, &tm) != NULL &&
	    strftime(out, size, "%Y-%m-%d %H:%M %Z", &tm) > 0)
		return;
	if (strlen(t) >= 16)
		snprintf(out, size, "%.10s %.5s UTC", t, t + 11);
	else
		snprintf(out, size, "%s", t);
}

static int
cap_note_cb(const struct wb_note_row *row, void *arg)
{
	struct cap_build *b = arg;
	struct ui *ui = b->ui;
	const struct wb_note *n = &row->n;
	char when[40], *head = NULL;
	int r;

	if (ui->cap.pager[UI_CAP_PAGER_NOTES].shown >= b->want) {
		ui->cap.pager[UI_CAP_PAGER_NOTES].more = 1;     /* one row past the page: there are more */
		return 1;
	}
	cap_time(n->created, when, sizeof when);
	if (row->group_name[0] != '\0')
		r = asprintf(&head, "%s%s%s", when, ui_sep(ui), row->group_name);
	else
		r = asprintf(&head, "%s", when);
	if (r < 0)
		return -1;
	r = cap_add(ui, 2, head, UI_HEADING, UI_CAP_NOTE, n->id);
	free(head);
	if (r != 0 || ui_text_add(ui, 4, NULL, n->body, UI_TEXT_LINES, UI_NORMAL,
	    UI_CAP_NOTE, n->id) != 0)
		return -1;
	ui->cap.pager[UI_CAP_PAGER_NOTES].last = n->id;
	ui->cap.pager[UI_CAP_PAGER_NOTES].shown++;
	b->n++;
	return 0;
}

static int
cap_evidence_cb(const struct wb_evidence *e, void *arg)
{
	struct cap_build *b = arg;
	char *s = NULL;
	int r;

	if (e->location != NULL && e->location[0] != '\0')
		r = asprintf(&s, "%s%s%s", e->name, b->ui->utf8 ? " \xe2\x80\x94 " : " - ",
		    e->location);
	else
		r = asprintf(&s, "%s", e->name);
	if (r < 0)
		return -1;
	r = ui_text_add(b->ui, 2, b->ui->utf8 ? "\xe2\x80\xa2 " : "- ", s, 0, UI_NORMAL,
	    UI_CAP_EVIDENCE, e->id);
	free(s);
	b->n++;
	return r;
}

static int
cap_action_cb(const struct wb_action_row *row, void *arg)
{
	struct cap_build *b = arg;
	struct ui *ui = b->ui;
	const struct wb_action *a = &row->a;
	const char *sep = ui_sep(ui), *owner = row->owner_name;
	char *s = NULL, *due = NULL;
	int r;

	if (ui->cap.pager[UI_CAP_PAGER_ACTIONS].shown >= b->want) {
		ui->cap.pager[UI_CAP_PAGER_ACTIONS].more = 1;     /* one row past the page: there are more */
		return 1;
	}
	if (a->due != NULL && a->due[0] != '\0')
		r = row->overdue ? asprintf(&due, _("! due %s, overdue"), a->due) :
		    asprintf(&due, _("due %s"), a->due);
	else
		r = asprintf(&due, "%s", _("no due date"));
	if (r < 0)
		return -1;
	/* An owner that was deleted shows as none, as before. */
	r = asprintf(&s, "%s%s%s%s%s%s%s", due, sep,
	    cap_label(cap_prio, cap_prio_label, CAP_N(cap_prio), a->priority), sep,
	    cap_label(cap_status, cap_status_label, CAP_N(cap_status), a->status),
	    owner[0] != '\0' ? sep : "", owner);
	free(due);
	if (r < 0)
		return -1;
	r = ui_text_add(ui, 2, ui->utf8 ? "\xe2\x80\xa2 " : "- ", a->title, 0, UI_NORMAL,
	    UI_CAP_ACTION, a->id);
	if (r == 0)
		r = cap_add(ui, 4, s, row->overdue ? UI_ALERT : UI_NORMAL, UI_CAP_ACTION, a->id);
	free(s);
	ui->cap.pager[UI_CAP_PAGER_ACTIONS].last = a->id;
	ui->cap.pager[UI_CAP_PAGER_ACTIONS].shown++;
	b->n++;
	return r;
}

/* Records loaded per page: more than a screen, so that one page fills the pane. */
#define CAP_PAGE 24

/* The pane's order of the paged sections. */
static const int cap_pagers[UI_CAP_NPAGERS] = { UI_CAP_PAGER_ROLES, UI_CAP_PAGER_NOTES,
	UI_CAP_PAGER_ACTIONS };

/* The hint of paged section I with no records, with the key that adds one; NULL for the
 * roles (ui_roles_build says it) or when out of memory. */
static char *
cap_empty(int i)
{
	char k[16];

	switch (i) {
	case UI_CAP_PAGER_NOTES:
		return util_asprintf(_("No notes yet (%s adds one)"),
		    cap_key_name(KEYS_ACT_ADD_NOTE, k, sizeof k));
	case UI_CAP_PAGER_ACTIONS:
		return util_asprintf(_("No actions yet (%s adds one)"),
		    cap_key_name(KEYS_ACT_ADD_ACTION, k, sizeof k));
	default:
		return NULL;
	}
}

/* Load the next page of section I (UI_CAP_PAGER_*), COUNT records (0: the rest); one more
 * is read to know whether there are more (pager's more). */
static int
cap_page(struct cap_build *b, int i, size_t count)
{
	struct ui *ui = b->ui;
	struct ui_cap_pager *p = &ui->cap.pager[i];
	int r, more;

	p->more = 0;
	b->want = count > 0 ? p->shown + count : SIZE_MAX;
	switch (i) {
	case UI_CAP_PAGER_NOTES:
		r = wb_notes_page(ui->wb, ui->cap.pager_ref, p->last, count > 0 ? count + 1 : 0,
		    cap_note_cb, b);
		break;
	case UI_CAP_PAGER_ACTIONS:
		r = wb_actions_page(ui->wb, ui->cap.pager_ref, p->last, count > 0 ? count + 1 : 0,
		    ui->cap.pager_today, cap_action_cb, b);
		break;
	default:
		/* The roles, by position: a few hundred at most, sorted by role and name. */
		if ((r = ui_roles_build(ui, ui->cap.pager_ref, p->shown, count, &more)) < 0)
			return -1;
		p->shown += (size_t)r;
		p->more = more;
		b->n += (size_t)r;
		return 0;
	}
	return r == 1 && p->more ? 0 : r;
}

/* The "more" line of section I at the end of the pane, when records are left. */
static int
cap_more_line(struct ui *ui, int i)
{
	struct ui_cap_pager *p = &ui->cap.pager[i];
	char *s;
	int r;

	if (!p->more)
		return 0;
	if (i == UI_CAP_PAGER_NOTES)
		s = util_asprintf(_("%zu notes shown; move down for more"), p->shown);
	else if (i == UI_CAP_PAGER_ACTIONS)
		s = util_asprintf(_("%zu actions shown; move down for more"), p->shown);
	else
		s = util_asprintf(_("%zu roles shown; move down for more"), p->shown);
	if (s == NULL)
		return -1;
	r = cap_add(ui, 2, s, UI_NORMAL, UI_CAP_MORE, i + 1);
	free(s);
	p->line = ui->text.nlines - 1;
	return r;
}

/* Replace the "more" line of section I by its next COUNT records (0: all the rest) and a
 * new "more" line when records are left, or by the hint of an empty section. */
static int
cap_more(struct ui *ui, int i, size_t count)
{
	struct ui_cap_pager *p = &ui->cap.pager[i];
	struct cap_build b = { ui, 0, 0, "", 0 };
	size_t from = ui->text.nlines, at = p->line;
	long delta;

	if (cap_page(&b, i, count) != 0)
		return -1;
	if (p->shown == 0 && !p->more && i != UI_CAP_PAGER_ROLES) {
		char *e = cap_empty(i);
		int r = e != NULL ? cap_add(ui, 2, e, UI_NORMAL, 0, 0) : -1;

		free(e);
		if (r != 0)
			return -1;
	}
	if (cap_more_line(ui, i) != 0)
		return -1;
	delta = ui_text_splice(ui, at, from);
	/* The new "more" line was the last one added: it moved from the end to the end of the
	 * page, AT + lines added - 1. */
	if (p->more)
		p->line = at + (size_t)(delta + 1) - 1;
	for (int o = 0; o < UI_CAP_NPAGERS; o++)
		if (o != i && ui->cap.pager[o].more && ui->cap.pager[o].line > at)
			ui->cap.pager[o].line = (size_t)((long)ui->cap.pager[o].line + delta);
	return 0;
}

/* 1 if the "more" line of section I is where it was put (the pane was not rebuilt since
 * for something else). */
static int
cap_more_valid(const struct ui *ui, int i)
{
	const struct ui_cap_pager *p = &ui->cap.pager[i];
	const struct ui_text *t = &ui->text;

	return p->more && p->line < t->nlines && t->lines[p->line].ckind == UI_CAP_MORE &&
	    t->lines[p->line].cid == i + 1;
}

int
ui_capture_fill(struct ui *ui, size_t top, size_t h)
{
	int changed = 0, again = 1;

	if (ui->wb == NULL || ui->cap.pager_ref == NULL)
		return 0;
	/* A page loaded moves the sections below it: look again until none is near. */
	while (again) {
		again = 0;
		for (int k = 0; k < UI_CAP_NPAGERS; k++) {
			int i = cap_pagers[k];
			struct ui_cap_pager *p = &ui->cap.pager[i];

			if (!cap_more_valid(ui, i) || p->line < top || p->line >= top + 2 * h)
				continue;
			if (cap_more(ui, i, CAP_PAGE) != 0) {
				cap_error(ui);
				p->more = 0;
				continue;
			}
			changed = again = 1;
		}
	}
	return changed;
}

void
ui_capture_fill_all(struct ui *ui)
{
	if (ui->wb == NULL || ui->cap.pager_ref == NULL)
		return;
	for (int k = 0; k < UI_CAP_NPAGERS; k++) {
		int i = cap_pagers[k];

		if (cap_more_valid(ui, i) && cap_more(ui, i, 0) != 0) {
			cap_error(ui);
			ui->cap.pager[i].more = 0;
		}
	}
}

/* Section I (UI_CAP_PAGER_*) of the item: its heading (TITLE, or none), then as many
 * records as were shown before a rebuild of the same item (and its "more" line, or the hint
 * of an empty section), or, for an item just selected, its "more" line alone. */
static int
cap_paged(struct ui *ui, int i, const char *title)
{
	struct ui_cap_pager *p = &ui->cap.pager[i];
	struct cap_build b = { ui, 0, 0, "", 0 };
	size_t count = p->keep > CAP_PAGE ? p->keep : CAP_PAGE, mark;
	char *e;
	int r;

	p->last = 0;
	p->shown = 0;
	p->more = 0;
	if (title != NULL &&
	    (ui_text_add_blank(ui) != 0 || cap_add(ui, 0, title, UI_HEADING, 0, 0) != 0))
		return -1;
	if (p->keep == 0) {
		p->more = 1;
		return cap_more_line(ui, i);
	}
	mark = ui->text.nlines;
	if (cap_page(&b, i, count) == 0) {
		if (b.n > 0 || i == UI_CAP_PAGER_ROLES)
			return cap_more_line(ui, i);
		e = cap_empty(i);
		r = e != NULL ? cap_add(ui, 2, e, UI_NORMAL, 0, 0) : -1;
		free(e);
		return r;
	}
	if (ui->text.nlines != mark)
		return -1;
	/* Could not read it (e.g. locked): say so instead of failing the browser. */
	e = ui_clean(wb_errmsg(ui->wb));
	r = e != NULL ? cap_add(ui, 2, e, UI_ALERT, 0, 0) : -1;
	free(e);
	return r;
}

/* Start the pages of item REF: a rebuild of the same item loads as many as it showed. */
static int
cap_pager_start(struct ui *ui, const char *ref)
{
	struct ui_capture *c = &ui->cap;
	int same = c->pager_ref != NULL && strcmp(c->pager_ref, ref) == 0;

	for (int i = 0; i < UI_CAP_NPAGERS; i++) {
		c->pager[i].keep = same ? c->pager[i].shown : 0;
		c->pager[i].more = 0;
	}
	if (!same) {
		free(c->pager_ref);
		if ((c->pager_ref = strdup(ref)) == NULL)
			return -1;
	}
	datespec_today(c->pager_today);
	return 0;
}

/* A heading "Notes" and its records, or a hint with the key that adds one. */
static int
cap_section(struct ui *ui, const char *title, const char *empty,
    int (*each)(struct cap_build *, const char *), const char *ref)
{
	struct cap_build b = { ui, 0, 0, "", 0 };
	size_t mark = ui->text.nlines;
	int r;

	datespec_today(b.today);
	if (ui_text_add_blank(ui) != 0 || cap_add(ui, 0, title, UI_HEADING, 0, 0) != 0)
		return -1;
	mark = ui->text.nlines;
	r = each(&b, ref);
	if (r != 0 && ui->text.nlines == mark) {
		/* Could not read it (e.g. locked): say so instead of failing the browser. */
		char *e = ui_clean(wb_errmsg(ui->wb));

		r = e != NULL ? cap_add(ui, 2, e, UI_ALERT, 0, 0) : -1;
		free(e);
		return r;
	}
	if (r != 0)
		return -1;
	if (b.n == 0)
		return cap_add(ui, 2, empty, UI_NORMAL, 0, 0);
	return 0;
}

static int
cap_each_evidence(struct cap_build *b, const char *ref)
{
	return wb_evidence_each(b->ui->wb, ref, cap_evidence_cb, b);
}

/* With a baseline (a workbook started from last year's): one line, "Formative →
 * Established since 2026", the earlier rating against the current one. */
static int
cap_baseline(struct ui *ui, const char *ref, const struct ui_cap_scale *cur)
{
	const struct ui_cap_scale *was;
	struct wb_baseline b;
	char *line;
	int r;

	if (wb_baseline_get(ui->wb, ref, &b) != 0 || b.ref == NULL)
		return 0;
	cap_scale_need(ui);
	was = cap_scale_find(&ui->cap, b.current);
	line = wb_baseline_describe(was != NULL ? _(was->label) : _("Not assessed"),
	    cur != NULL && !cap_is(cur->code, "not_assessed") ? _(cur->label) : NULL, b.since,
	    ui->utf8 ? "\xe2\x86\x92" : "->");
	wb_baseline_free(&b);
	r = line != NULL ? cap_add(ui, 2, line, UI_NORMAL, 0, 0) : -1;
	free(line);
	return r;
}

int
ui_capture_build(struct ui *ui, const struct fw_item *it)
{
	struct wb_item st;
	const struct ui_cap_scale *cur, *tgt;
	char *s = NULL, *flags = NULL;
	const char *sep = ui_sep(ui);
	int r;

	if (ui->wb == NULL)
		return 0;
	if (cap_add(ui, 0, _("Workbook"), UI_HEADING, 0, 0) != 0)
		return -1;
	if (wb_item_get(ui->wb, it->ref, &st) != 0) {
		char *e = ui_clean(wb_errmsg(ui->wb));

		r = e != NULL ? cap_add(ui, 2, e, UI_ALERT, 0, 0) : -1;
		free(e);
		return r;
	}
	cap_scale_need(ui);
	cur = cap_scale_find(&ui->cap, st.current);
	tgt = cap_scale_find(&ui->cap, st.target);
	if ((cur == NULL || cap_is(cur->code, "not_assessed")) &&
	    (tgt == NULL || cap_is(tgt->code, "not_assessed"))) {
		char kr[16], kt[16];

		r = asprintf(&s, _("Not assessed (%s rates it, %s sets a target)"),
		    cap_key_name(KEYS_ACT_RATE_CURRENT, kr, sizeof kr),
		    cap_key_name(KEYS_ACT_RATE_TARGET, kt, sizeof kt));
	} else {
		/* One vocabulary: the scale's own labels, "Not assessed" when unset. */
		r = asprintf(&s, _("Current: %s%sTarget: %s"),
		    cur != NULL ? _(cur->label) : _("Not assessed"), sep,
		    tgt != NULL ? _(tgt->label) : _("Not assessed"));
	}
	if (r >= 0 && (st.needs_review || st.consensus))
		r = asprintf(&flags, "%s%s%s", st.needs_review ? _("Needs review") : "",
		    st.needs_review && st.consensus ? sep : "",
		    st.consensus ? _("Consensus reached") : "");
	wb_item_free(&st);
	if (r < 0 || cap_add(ui, 2, s, UI_NORMAL, 0, 0) != 0 ||
	    (flags != NULL && cap_add(ui, 2, flags, UI_ALERT, 0, 0) != 0)) {
		free(s);
		free(flags);
		return -1;
	}
	free(s);
	free(flags);
	if (cap_baseline(ui, it->ref, cur) != 0)
		return -1;
	/* Who leads the item and who else has a role on it (ui_roles.c), its notes, evidence
	 * and actions. */
	{
		char k2[16], *e2;

		cap_key_name(KEYS_ACT_ADD_EVIDENCE, k2, sizeof k2);
		if ((e2 = util_asprintf(_("No evidence yet (%s adds a reference)"), k2)) == NULL)
			return -1;
		r = 0;
		if (cap_pager_start(ui, it->ref) != 0 || cap_paged(ui, UI_CAP_PAGER_ROLES, NULL) != 0 ||
		    cap_paged(ui, UI_CAP_PAGER_NOTES, _("Notes")) != 0 ||
		    cap_section(ui, _("Evidence"), e2, cap_each_evidence, it->ref) != 0 ||
		    cap_paged(ui, UI_CAP_PAGER_ACTIONS, _("Actions")) != 0)
			r = -1;
		free(e2);
		return r;
	}
}
