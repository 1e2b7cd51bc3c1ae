/* ui_actions.c: the Actions view: every action of the workbook, filtered, sorted, overdue ones marked. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datespec.h"
#include "framework.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_actions.h"
#include "ui_browser.h"
#include "wb.h"
#include "wb_query.h"

/* Stored codes and their labels (index 0 of a filter cycle is "any"). */
static const char *const ui_actions_status_codes[] = { "open", "in_progress", "done",
	"dropped" };
static const char *const ui_actions_status_labels[] = { N_("open"), N_("in progress"),
	N_("done"), N_("dropped") };
static const char *const ui_actions_prio_codes[] = { "high", "medium", "low" };
static const char *const ui_actions_prio_labels[] = { N_("high"), N_("medium"), N_("low") };
#define UI_ACTIONS_NSTATUS 4
#define UI_ACTIONS_NPRIO 3

/* A listed action. Its ref, title and owner are kept as stored, in the view's text buffer
 * (offsets, each NUL-terminated), and sanitised only when drawn: of 20,000 actions a screen
 * shows 20. */
struct ui_actions_row {
	int64_t id;
	size_t ref, title, owner;   /* offsets into ui_actions.text */
	signed char status, prio;   /* index into the code tables, -1 unknown */
	char overdue;
	char due[11];
};

struct ui_actions_heading {
	const struct framework *fw;
	size_t h;                   /* FW_NO_HEADING: the whole framework */
};

struct ui_actions {
	struct ui_actions_row *rows;
	size_t n, cap, sel, top;
	char *text;                 /* the rows' strings, as stored */
	size_t text_len, text_cap;
	int resume;                 /* the next open keeps the selection (back from an edit) */
	size_t total;               /* actions in the workbook, unfiltered */
	size_t noverdue;            /* overdue among the rows */
	int title_width, owner_width;   /* the widest of all actions, to size the columns */
	/* filters: 0 = any, else index + 1 */
	int status, prio;
	size_t owner;               /* 0 = any, else stakeholder index + 1 */
	size_t heading;             /* 0 = any, else heading index + 1 */
	int overdue_only;
	enum wb_action_sort sort;
	int64_t *owner_ids;
	char **owner_names;         /* sanitised */
	size_t nowners;
	struct ui_actions_heading *headings;
	size_t nheadings;
	char today[11];
	char *error;                /* sanitised, shown instead of the list */
	int loaded;
	int no_wb;
	int owners_loaded;          /* owner_ids and owner_names are read (when first needed) */
	int load_title_width, load_owner_width;   /* the widest of the rows loaded */
};

struct ui_actions *
ui_actions_new(void)
{
	struct ui_actions *v = calloc(1, sizeof *v);

	if (v != NULL)
		v->sort = WB_ACTION_SORT_DUE;
	return v;
}

static void
ui_actions_clear_rows(struct ui_actions *v)
{
	v->n = 0;
	v->text_len = 0;
	v->noverdue = 0;
}

static void
ui_actions_clear_owners(struct ui_actions *v)
{
	size_t i;

	for (i = 0; i < v->nowners; i++)
		free(v->owner_names[i]);
	free(v->owner_names);
	free(v->owner_ids);
	v->owner_names = NULL;
	v->owner_ids = NULL;
	v->nowners = 0;
}

void
ui_actions_free(struct ui_actions *v)
{
	if (v == NULL)
		return;
	ui_actions_clear_rows(v);
	free(v->rows);
	free(v->text);
	ui_actions_clear_owners(v);
	free(v->headings);
	free(v->error);
	free(v);
}

static int
ui_actions_index(const char *code, const char *const *codes, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(code, codes[i]) == 0)
			return i;
	return -1;
}

static void
ui_actions_set_error(struct ui *ui, struct ui_actions *v, const char *msg)
{
	free(v->error);
	v->error = ui_clean(msg);
	ui_message(ui, "%s", v->error != NULL ? v->error : "");
}

/* Columns of S (LEN bytes, as stored) once sanitised, or MAX if that is not more: no
 * sanitised character is wider than the bytes it came from (an invalid byte becomes one
 * U+FFFD, a tab one space; wide characters take three bytes or four), so a string of at most
 * MAX bytes is not measured. */
static int
ui_actions_wider(const char *s, size_t len, int max)
{
	char *c;
	int w;

	if (len <= (size_t)max)
		return max;
	if ((c = text_sanitize(s, len, 0)) == NULL)
		return -1;
	w = text_width(c, strlen(c));
	free(c);
	return w > max ? w : max;
}

/* The owner column's widest (ui_actions_share): owners wider are not measured. */
#define UI_ACTIONS_OWNER_MAX 30

/* Measure L into the widest title and owner of V; -1 when out of memory. */
static int
ui_actions_measure_line(struct ui_actions *v, const struct wb_action_line *l)
{
	if ((v->load_title_width = ui_actions_wider(l->title, l->title_len,
	    v->load_title_width)) < 0)
		return -1;
	if (v->load_owner_width < UI_ACTIONS_OWNER_MAX &&
	    (v->load_owner_width = ui_actions_wider(l->owner_name, l->owner_len,
	    v->load_owner_width)) < 0)
		return -1;
	return 0;
}

/* Append S (LEN bytes) and a NUL to V's text; its offset, or (size_t)-1. */
static size_t
ui_actions_keep(struct ui_actions *v, const char *s, size_t len)
{
	size_t at = v->text_len;

	if (v->text_cap - v->text_len <= len) {
		size_t cap = v->text_cap != 0 ? v->text_cap : 4096;
		char *p;

		while (cap - v->text_len <= len)
			cap *= 2;
		if ((p = realloc(v->text, cap)) == NULL)
			return (size_t)-1;
		v->text = p;
		v->text_cap = cap;
	}
	memcpy(v->text + at, s, len);
	v->text[at + len] = '\0';
	v->text_len += len + 1;
	return at;
}

static int
ui_actions_row_cb(const struct wb_action_line *l, void *arg)
{
	struct ui_actions *v = arg;
	struct ui_actions_row *row;

	if (v->n == v->cap) {
		size_t cap = v->cap != 0 ? v->cap * 2 : 32;
		struct ui_actions_row *p = realloc(v->rows, cap * sizeof *p);

		if (p == NULL)
			return 1;
		v->rows = p;
		v->cap = cap;
	}
	row = &v->rows[v->n];
	row->id = l->id;
	if ((row->ref = ui_actions_keep(v, l->ref, l->ref_len)) == (size_t)-1 ||
	    (row->title = ui_actions_keep(v, l->title, l->title_len)) == (size_t)-1 ||
	    (row->owner = ui_actions_keep(v, l->owner_name, l->owner_len)) == (size_t)-1 ||
	    ui_actions_measure_line(v, l) != 0)
		return 1;
	row->status = (signed char)ui_actions_index(l->status, ui_actions_status_codes,
	    UI_ACTIONS_NSTATUS);
	row->prio = (signed char)ui_actions_index(l->priority, ui_actions_prio_codes,
	    UI_ACTIONS_NPRIO);
	/* the schema keeps due a YYYY-MM-DD date or NULL; anything else is shown as "?" */
	if (datespec_valid(l->due))
		memcpy(row->due, l->due, 11);
	else
		strcpy(row->due, l->due[0] != '\0' ? "?" : "");
	row->overdue = (char)(l->overdue != 0);
	v->noverdue += l->overdue != 0;
	v->n++;
	return 0;
}

/* Count and measure an action without keeping it (the columns' pass of a filtered open). */
static int
ui_actions_measure_cb(const struct wb_action_line *l, void *arg)
{
	struct ui_actions *v = arg;

	v->n++;
	return ui_actions_measure_line(v, l) != 0;
}

static int
ui_actions_owner_cb(int64_t id, const char *name, void *arg)
{
	struct ui_actions *v = arg;
	int64_t *ids;
	char **names, *clean;

	if ((ids = realloc(v->owner_ids, (v->nowners + 1) * sizeof *ids)) == NULL)
		return 1;
	v->owner_ids = ids;
	if ((names = realloc(v->owner_names, (v->nowners + 1) * sizeof *names)) == NULL)
		return 1;
	v->owner_names = names;
	if ((clean = ui_clean(name)) == NULL)
		return 1;
	ids[v->nowners] = id;
	names[v->nowners] = clean;
	v->nowners++;
	return 0;
}

/* The stakeholders that own at least one action, in name order (the owner filter's
 * choices): read when first needed, not on every open. */
static void
ui_actions_need_owners(struct ui *ui, struct ui_actions *v)
{
	if (v->owners_loaded || ui->wb == NULL)
		return;
	ui_actions_clear_owners(v);
	if (wb_action_owners_each(ui->wb, ui_actions_owner_cb, v) != 0)
		ui_message(ui, "%s", wb_errmsg(ui->wb));
	v->owners_loaded = 1;
}

static int
ui_actions_filtered(const struct ui_actions *v)
{
	return v->status != 0 || v->prio != 0 || v->owner != 0 || v->heading != 0 ||
	    v->overdue_only;
}

/* The frameworks and headings of the catalogue, as filter choices. */
static void
ui_actions_load_headings(struct ui *ui, struct ui_actions *v)
{
	size_t i, h, n = 0;

	free(v->headings);
	v->headings = NULL;
	v->nheadings = 0;
	if (ui->cat == NULL)
		return;
	for (i = 0; i < ui->cat->nfws; i++)
		n += 1 + ui->cat->fws[i]->nheadings;
	if (n == 0 || (v->headings = calloc(n, sizeof *v->headings)) == NULL)
		return;
	for (i = 0; i < ui->cat->nfws; i++) {
		const struct framework *fw = ui->cat->fws[i];

		v->headings[v->nheadings].fw = fw;
		v->headings[v->nheadings++].h = FW_NO_HEADING;
		for (h = 0; h < fw->nheadings; h++) {
			v->headings[v->nheadings].fw = fw;
			v->headings[v->nheadings++].h = h;
		}
	}
	if (v->heading > v->nheadings)
		v->heading = 0;
}

/* Query with the current filters into v->rows; keeps the selection on KEEP if listed. */
static void
ui_actions_load(struct ui *ui, struct ui_actions *v, int64_t keep)
{
	struct wb_action_filter f;
	const char **refs = NULL;
	char *prefix = NULL, *heading_ref = NULL;
	size_t i, nrefs = 0;
	int r;

	ui_actions_clear_rows(v);
	free(v->error);
	v->error = NULL;
	v->no_wb = ui->wb == NULL;
	v->loaded = 1;
	v->load_title_width = v->load_owner_width = 0;
	if (ui->wb == NULL)
		return;
	if (v->owner > 0)
		ui_actions_need_owners(ui, v);
	memset(&f, 0, sizeof f);
	f.today = v->today;
	f.overdue_only = v->overdue_only;
	if (v->status > 0)
		f.status = ui_actions_status_codes[v->status - 1];
	if (v->prio > 0)
		f.priority = ui_actions_prio_codes[v->prio - 1];
	if (v->owner > 0 && v->owner <= v->nowners)
		f.owner_id = v->owner_ids[v->owner - 1];
	if (v->heading > 0 && v->heading <= v->nheadings) {
		const struct ui_actions_heading *hd = &v->headings[v->heading - 1];
		const struct fw_heading *fh;

		if (hd->h == FW_NO_HEADING) {
			if (asprintf(&prefix, "%s:", hd->fw->id) < 0)
				prefix = NULL;
			f.ref_prefix = prefix;
			if (prefix == NULL)
				goto nomem;
		} else {
			fh = &hd->fw->headings[hd->h];
			/* the heading's items and the heading itself ("64/211#2") */
			if ((refs = calloc(fh->nitems + 1, sizeof *refs)) == NULL ||
			    asprintf(&heading_ref, "%s#%zu", hd->fw->id, hd->h + 1) < 0) {
				heading_ref = NULL;
				goto nomem;
			}
			for (i = 0; i < fh->nitems; i++)
				refs[nrefs++] = hd->fw->items[fh->first_item + i].ref;
			refs[nrefs++] = heading_ref;
			f.refs = refs;
			f.nrefs = nrefs;
		}
	}
	r = wb_actions_lines(ui->wb, &f, v->sort, ui_actions_row_cb, v);
	if (r == 1)
		goto nomem;
	if (r != 0) {
		ui_actions_set_error(ui, v, wb_errmsg(ui->wb));
		goto out;
	}
	/* The columns are sized on every action: an unfiltered load sees them all. */
	if (!ui_actions_filtered(v)) {
		v->total = v->n;
		v->title_width = v->load_title_width;
		v->owner_width = v->load_owner_width;
	} else {
		if (v->load_title_width > v->title_width)
			v->title_width = v->load_title_width;
		if (v->load_owner_width > v->owner_width)
			v->owner_width = v->load_owner_width;
	}
	v->sel = 0;
	for (i = 0; keep != 0 && i < v->n; i++)
		if (v->rows[i].id == keep) {
			v->sel = i;
			break;
		}
	goto out;
nomem:
	ui_actions_set_error(ui, v, _("Out of memory: close other programs and open the"
	    " Actions view again."));
out:
	free(refs);
	free(heading_ref);
	free(prefix);
}

/* With a filter set, the rows are not every action: count them all and size the columns on
 * them in a pass of their own (an unfiltered load does it as it goes). */
static void
ui_actions_measure(struct ui *ui, struct ui_actions *v)
{
	struct ui_actions all;

	if (ui->wb == NULL || !ui_actions_filtered(v))
		return;
	memset(&all, 0, sizeof all);
	if (wb_actions_lines(ui->wb, NULL, WB_ACTION_SORT_DUE, ui_actions_measure_cb, &all) != 0)
		ui_message(ui, "%s", wb_errmsg(ui->wb));
	v->total = all.n;
	v->title_width = all.load_title_width;
	v->owner_width = all.load_owner_width;
}

void
ui_actions_open(struct ui *ui, struct ui_actions *v)
{
	int64_t keep = v->resume ? ui_actions_selected(v) : 0;
	size_t top = v->top;

	datespec_today(v->today);
	/* The owners may have changed since the last open: read again when needed. */
	v->owners_loaded = 0;
	if (v->owner > 0)
		ui_actions_need_owners(ui, v);
	if (v->owner > v->nowners)
		v->owner = 0;
	v->resume = 0;
	ui_actions_measure(ui, v);
	ui_actions_load_headings(ui, v);
	ui_actions_load(ui, v, keep);
	if (keep == 0 || ui_actions_selected(v) != keep) {
		v->sel = 0;
		v->top = 0;
	} else if (top <= v->sel) {
		v->top = top;
	}
}

void
ui_actions_reload(struct ui *ui, struct ui_actions *v)
{
	int64_t keep = ui_actions_selected(v);
	size_t owner = v->owner;
	int64_t owner_id = owner > 0 && owner <= v->nowners ? v->owner_ids[owner - 1] : 0;
	size_t i;

	datespec_today(v->today);
	v->owners_loaded = 0;
	v->owner = 0;
	if (owner_id != 0)
		ui_actions_need_owners(ui, v);
	for (i = 0; owner_id != 0 && i < v->nowners; i++)
		if (v->owner_ids[i] == owner_id)
			v->owner = i + 1;
	ui_actions_measure(ui, v);
	ui_actions_load(ui, v, keep);
}

int64_t
ui_actions_selected(const struct ui_actions *v)
{
	return v->sel < v->n ? v->rows[v->sel].id : 0;
}

size_t
ui_actions_count(const struct ui_actions *v)
{
	return v->n;
}

int
ui_actions_show_ref(struct ui *ui, const char *ref)
{
	const struct fw_item *it = ui->cat != NULL ? catalog_find(ui->cat, ref) : NULL;
	const char *hash = strchr(ref, '#');
	size_t i;

	if (it == NULL && hash != NULL && ui->cat != NULL) {
		char *end;
		unsigned long h = strtoul(hash + 1, &end, 10);

		for (i = 0; i < ui->cat->nfws; i++) {
			const struct framework *fw = ui->cat->fws[i];

			if (strlen(fw->id) == (size_t)(hash - ref) &&
			    strncmp(fw->id, ref, (size_t)(hash - ref)) == 0 &&
			    *end == '\0' && h >= 1 && h <= fw->nheadings &&
			    fw->headings[h - 1].nitems > 0) {
				it = &fw->items[fw->headings[h - 1].first_item];
				break;
			}
		}
	}
	if (it == NULL) {
		ui_message(ui, _("%s is not an item of the loaded frameworks; give one like"
		    " 64/211:10, or :10 in this framework"), ref);
		return -1;
	}
	ui_show_item(ui, it);
	return 0;
}

static void
ui_actions_move(struct ui_actions *v, long d)
{
	long s = (long)v->sel + d;

	if (v->n == 0) {
		v->sel = 0;
		return;
	}
	if (s < 0)
		s = 0;
	if (s >= (long)v->n)
		s = (long)v->n - 1;
	v->sel = (size_t)s;
}

/* x: the selected action done, or open again when it was done; one undo step. */
static void
ui_actions_toggle_done(struct ui *ui, struct ui_actions *v)
{
	int64_t id = ui_actions_selected(v);
	struct wb_action a;
	const char *status;
	char *title;
	int done;

	if (id == 0 || ui->wb == NULL) {
		ui_message(ui, "%s", _("No action is selected"));
		return;
	}
	if (wb_readonly(ui->wb)) {
		const char *why = wb_notice(ui->wb);
		char *w = ui_clean(why != NULL ? why : "");

		ui_message(ui, _("Not changed: this workbook is read-only (%s)"), w != NULL ? w : "");
		free(w);
		return;
	}
	if (wb_action_get(ui->wb, id, &a) != 0) {
		ui_actions_set_error(ui, v, wb_errmsg(ui->wb));
		return;
	}
	status = a.status;
	done = status != NULL && strcmp(status, "done") == 0;
	a.status = done ? "open" : "done";
	title = ui_clean(a.title);
	if (wb_action_update(ui->wb, &a) != 0) {
		char *e = ui_clean(wb_errmsg(ui->wb));

		ui_message(ui, "%s", e != NULL ? e : "");
		free(e);
	} else {
		ui_message(ui, done ? _("Open again: %s; u undoes it") :
		    _("Done: %s; u undoes it"), title != NULL ? title : "");
		ui_text_invalidate(ui);
		ui_view_reload_all(ui);
	}
	free(title);
	a.status = status;          /* wb_action_get's copy, freed with the rest */
	wb_action_free(&a);
}

static int
ui_actions_action(struct ui *ui, void *state, enum keys_action a)
{
	struct ui_actions *v = state;
	int page = ui->rows > 8 ? ui->rows - 6 : 1;

	if (!v->loaded)
		ui_actions_open(ui, v);
	switch (a) {
	case KEYS_ACT_ACTIONS_SHOW:
		if (v->sel < v->n) {
			char *ref = ui_clean(v->text + v->rows[v->sel].ref);

			if (ref == NULL) {
				ui->failed = ui->quit = 1;
				return UI_VIEW_HANDLED;
			}
			/* The item is shown in the browser (q there goes back to where it was); A
			 * comes back with the filters kept. */
			ui_view_pop_to(ui, 1);
			ui_browser_mark(ui);
			(void)ui_actions_show_ref(ui, ref);
			free(ref);
		}
		return UI_VIEW_HANDLED;
	case KEYS_ACT_ACTIONS_EDIT: {
		int64_t id = ui_actions_selected(v);

		/* The editor opens over the item's text, in the browser; the view comes back
		 * when the form is over (ui_input, after the capture's last key). */
		if (id != 0) {
			v->resume = 1;
			ui_view_pop_to(ui, 1);
			ui->cap.return_to = &ui_actions_view;
		}
		ui_capture_action_record(ui, id, 0);
		if (!ui_capture_busy(ui))
			ui_capture_return(ui);
		return UI_VIEW_HANDLED;
	}
	case KEYS_ACT_ACTIONS_DELETE:
		ui_capture_action_record(ui, ui_actions_selected(v), 1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_ACTIONS_DONE:
		ui_actions_toggle_done(ui, v);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_ACTIONS_STATUS:
		v->status = (v->status + 1) % (UI_ACTIONS_NSTATUS + 1);
		break;
	case KEYS_ACT_ACTIONS_PRIORITY:
		v->prio = (v->prio + 1) % (UI_ACTIONS_NPRIO + 1);
		break;
	case KEYS_ACT_ACTIONS_OWNER:
		ui_actions_need_owners(ui, v);
		v->owner = (v->owner + 1) % (v->nowners + 1);
		break;
	case KEYS_ACT_ACTIONS_OWNER_BACK:
		ui_actions_need_owners(ui, v);
		v->owner = (v->owner + v->nowners) % (v->nowners + 1);
		break;
	case KEYS_ACT_ACTIONS_HEADING:
		v->heading = (v->heading + 1) % (v->nheadings + 1);
		break;
	case KEYS_ACT_ACTIONS_OVERDUE:
		v->overdue_only = !v->overdue_only;
		break;
	case KEYS_ACT_ACTIONS_SORT:
		v->sort = v->sort == WB_ACTION_SORT_DUE ? WB_ACTION_SORT_PRIORITY :
		    WB_ACTION_SORT_DUE;
		break;
	case KEYS_ACT_ACTIONS_CLEAR:
		v->status = v->prio = 0;
		v->owner = v->heading = 0;
		v->overdue_only = 0;
		break;
	case KEYS_ACT_UP:
		ui_actions_move(v, -1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_DOWN:
		ui_actions_move(v, 1);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_UP:
		ui_actions_move(v, -page);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_PAGE_DOWN:
		ui_actions_move(v, page);
		return UI_VIEW_HANDLED;
	case KEYS_ACT_FIRST:
		v->sel = 0;
		return UI_VIEW_HANDLED;
	case KEYS_ACT_LAST:
		v->sel = v->n > 0 ? v->n - 1 : 0;
		return UI_VIEW_HANDLED;
	default:
		return UI_VIEW_PASS;
	}
	/* a filter or the sort changed */
	ui_actions_load(ui, v, ui_actions_selected(v));
	return UI_VIEW_HANDLED;
}

/* ---- drawing ---- */

/* Draw S (sanitised) padded to exactly COLS columns, then SEP blanks. */
static void
ui_actions_cell(WINDOW *w, const char *s, int cols, int sep)
{
	char *p;

	if (cols <= 0)
		return;
	if ((p = text_pad(s, strlen(s), cols)) != NULL) {
		waddstr(w, p);
		free(p);
	} else {
		ui_blank(w, cols);
	}
	ui_blank(w, sep);
}

static int
ui_actions_maxw(const char *const *labels, int n, const char *title)
{
	int i, m = text_width(title, strlen(title)), x;

	for (i = 0; i < n; i++)
		if ((x = text_width(labels[i], strlen(labels[i]))) > m)
			m = x;
	return m;
}

/* One line of text at row Y, padded to the width, in ATTR. */
static void
ui_actions_line(WINDOW *w, int y, int cols, attr_t attr, const char *s)
{
	wmove(w, y, 0);
	wattrset(w, attr);
	ui_actions_cell(w, s, cols, 0);
	wattrset(w, A_NORMAL);
}

/* The heading filter by name: "Taking stock of cybersecurity needs (64/211)", or the
 * framework's short title and id. */
static const char *
ui_actions_heading_label(struct ui_actions *v, char *buf, size_t size)
{
	const struct ui_actions_heading *hd;
	char *t;

	if (v->heading == 0 || v->heading > v->nheadings)
		return _("any");
	hd = &v->headings[v->heading - 1];
	if (hd->h == FW_NO_HEADING)
		t = ui_clean(hd->fw->short_title != NULL ? hd->fw->short_title : hd->fw->id);
	else
		t = ui_clean(hd->fw->headings[hd->h].title);
	snprintf(buf, size, "%s (%s)", t != NULL ? t : "", hd->fw->id);
	free(t);
	return buf;
}

/* Columns of the widest ref of the loaded frameworks ("Item" at least, 12 at most). */
static int
ui_actions_ref_width(const struct ui *ui)
{
	int w = text_width(_("Item"), strlen(_("Item")));

	for (size_t f = 0; ui->cat != NULL && f < ui->cat->nfws; f++)
		for (size_t i = 0; i < ui->cat->fws[f]->nitems; i++) {
			const char *r = ui->cat->fws[f]->items[i].ref;
			int x = text_width(r, strlen(r));

			if (x > w)
				w = x;
		}
	return w > 12 ? 12 : w;
}

/* Share REST columns between the owner and the title: both whole when there is room (wide
 * screens), else the title what the owner leaves of a third; no owner column below 30. */
static void
ui_actions_share(const struct ui_actions *v, int rest, int *wown, int *wtitle)
{
	int need_t = text_width(_("Title"), strlen(_("Title")));
	int need_o = text_width(_("Owner"), strlen(_("Owner")));

	/* the widest of every action, not of those listed: filters do not move the columns */
	need_t = v->title_width > need_t ? v->title_width : need_t;
	need_o = v->owner_width > need_o ? v->owner_width : need_o;
	if (need_o > UI_ACTIONS_OWNER_MAX)
		need_o = UI_ACTIONS_OWNER_MAX;
	if (rest < 30) {
		*wown = 0;
		*wtitle = rest;
	} else if (rest >= need_t + need_o + 1) {
		*wown = need_o;
		*wtitle = rest - need_o - 1;
	} else {
		*wown = rest / 3 > need_o ? need_o : rest / 3 < 8 ? 8 : rest / 3;
		if (rest - need_t - 1 > *wown)
			*wown = rest - need_t - 1 > need_o ? need_o : rest - need_t - 1;
		*wtitle = rest - *wown - 1;
	}
}

void
ui_actions_draw(struct ui *ui, struct ui_actions *v, WINDOW *w)
{
	const char *sep = ui_sep(ui);
	int rows, cols, y, list, wdue, wprio, wstat, wref, wown, wtitle, rest;
	char line[1024], hbuf[640];
	const char *prio[UI_ACTIONS_NPRIO], *stat[UI_ACTIONS_NSTATUS];

	getmaxyx(w, rows, cols);
	werase(w);
	if (rows <= 0 || cols <= 0)
		return;
	if (!v->loaded)
		ui_actions_open(ui, v);
	/* header: what is listed */
	if (v->no_wb)
		snprintf(line, sizeof line, "%s", _("Actions: no workbook is open"));
	else
		snprintf(line, sizeof line, _("Actions: %zu of %zu%s%zu overdue%ssorted by %s"),
		    v->n, v->total, sep, v->noverdue, sep, v->sort == WB_ACTION_SORT_DUE ?
		    _("due date") : _("priority"));
	ui_actions_line(w, 0, cols, ui->style[UI_HEADING], line);
	if (rows < 2)
		goto done;
	/* the filters: only those set, so that they fit (the heading by its name) */
	if (v->status == 0 && v->prio == 0 && v->owner == 0 && v->heading == 0 &&
	    !v->overdue_only) {
		snprintf(line, sizeof line, "%s", _("Filters: none (s status, p priority,"
		    " o owner, H heading, ! overdue, S sort)"));
	} else {
		size_t o = (size_t)snprintf(line, sizeof line, "%s", _("Filters:"));
		const char *set[5];
		size_t nset = 0;
		char sbuf[3][256];

		if (v->status > 0) {
			snprintf(sbuf[0], sizeof sbuf[0], _("status %s"),
			    _(ui_actions_status_labels[v->status - 1]));
			set[nset++] = sbuf[0];
		}
		if (v->prio > 0) {
			snprintf(sbuf[1], sizeof sbuf[1], _("priority %s"),
			    _(ui_actions_prio_labels[v->prio - 1]));
			set[nset++] = sbuf[1];
		}
		if (v->owner > 0 && v->owner <= v->nowners) {
			snprintf(sbuf[2], sizeof sbuf[2], _("owner %s"), v->owner_names[v->owner - 1]);
			set[nset++] = sbuf[2];
		}
		if (v->overdue_only)
			set[nset++] = _("overdue only");
		if (v->heading > 0) {
			char hl[512];

			snprintf(hbuf, sizeof hbuf, _("heading %s"),
			    ui_actions_heading_label(v, hl, sizeof hl));
			set[nset++] = hbuf;
		}
		for (size_t k = 0; k < nset && o < sizeof line; k++)
			o += (size_t)snprintf(line + o, sizeof line - o, "%s%s", k > 0 ? sep : " ",
			    set[k]);
		if (o < sizeof line)
			snprintf(line + o, sizeof line - o, "%s", _(" (c clears)"));
	}
	ui_actions_line(w, 1, cols, ui->style[UI_NORMAL], line);
	if (rows < 3)
		goto done;
	/* column widths: fixed for due, priority, status and ref; owner and title share
	 * what is left */
	wdue = ui_actions_maxw(NULL, 0, _("Due"));
	if (wdue < 10)
		wdue = 10;
	/* the labels translated once a draw, not once a row */
	for (int i = 0; i < UI_ACTIONS_NPRIO; i++)
		prio[i] = _(ui_actions_prio_labels[i]);
	for (int i = 0; i < UI_ACTIONS_NSTATUS; i++)
		stat[i] = _(ui_actions_status_labels[i]);
	wprio = ui_actions_maxw(prio, UI_ACTIONS_NPRIO, _("Priority"));
	wstat = ui_actions_maxw(stat, UI_ACTIONS_NSTATUS, _("Status"));
	/* The item column fits every ref of the catalogue, whatever is listed: the columns
	 * stay where they are when a filter leaves nothing. */
	wref = ui_actions_ref_width(ui);
	rest = cols - 2 - (wdue + 1) - (wprio + 1) - (wstat + 1) - (wref + 1);
	ui_actions_share(v, rest, &wown, &wtitle);
	wmove(w, 2, 0);
	wattrset(w, ui->style[UI_BAR]);
	ui_actions_cell(w, "", 2, 0);
	ui_actions_cell(w, _("Due"), wdue, 1);
	ui_actions_cell(w, _("Priority"), wprio, 1);
	ui_actions_cell(w, _("Status"), wstat, 1);
	if (wown > 0)
		ui_actions_cell(w, _("Owner"), wown, 1);
	ui_actions_cell(w, _("Item"), wref, 1);
	ui_actions_cell(w, _("Title"), wtitle, 0);
	wattrset(w, A_NORMAL);
	list = rows - 3;
	if (list <= 0)
		goto done;
	if (v->error != NULL || v->n == 0) {
		const char *msg = v->error != NULL ? v->error : v->no_wb ?
		    _("Open a workbook to list its actions: ciipwb --workbook FILE") :
		    v->total == 0 ? _("No actions yet in this workbook.") :
		    _("No actions match the filters; c clears them.");

		ui_actions_line(w, 3, cols, ui->style[v->error != NULL ? UI_ALERT : UI_NORMAL],
		    msg);
		goto done;
	}
	if (v->sel >= v->n)
		v->sel = v->n - 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)list)
		v->top = v->sel - (size_t)list + 1;
	if (v->top + (size_t)list > v->n)
		v->top = v->n > (size_t)list ? v->n - (size_t)list : 0;
	for (y = 0; y < list && v->top + (size_t)y < v->n; y++) {
		const struct ui_actions_row *r = &v->rows[v->top + (size_t)y];
		attr_t a = ui->style[UI_NORMAL];
		char *ref = ui_clean(v->text + r->ref), *title = ui_clean(v->text + r->title);
		char *owner = ui_clean(v->text + r->owner);

		if (r->overdue)
			a |= ui->style[UI_ALERT];
		if (v->top + (size_t)y == v->sel)
			a = ui->style[UI_SELECTED] | (r->overdue ? A_BOLD : 0);
		wmove(w, 3 + y, 0);
		wattrset(w, a);
		/* the marker works without colour: "!" overdue */
		ui_actions_cell(w, r->overdue ? "!" : "", 2, 0);
		ui_actions_cell(w, r->due[0] != '\0' ? r->due : "-", wdue, 1);
		ui_actions_cell(w, r->prio >= 0 ? prio[r->prio] : "?",
		    wprio, 1);
		ui_actions_cell(w, r->status >= 0 ? stat[r->status] :
		    "?", wstat, 1);
		if (wown > 0)
			ui_actions_cell(w, owner == NULL ? "" : owner[0] != '\0' ? owner : "-",
			    wown, 1);
		ui_actions_cell(w, ref != NULL ? ref : "", wref, 1);
		ui_actions_cell(w, title != NULL ? title : "", wtitle, 0);
		wattrset(w, A_NORMAL);
		free(ref);
		free(title);
		free(owner);
	}
done:
	wnoutrefresh(w);
}

/* ---- the view ---- */

static int
ui_actions_view_open(struct ui *ui, void **state)
{
	if (*state == NULL && (*state = ui_actions_new()) == NULL)
		return -1;
	ui_actions_open(ui, *state);
	return 0;
}

static void
ui_actions_view_free(void *state)
{
	ui_actions_free(state);
}

static void
ui_actions_view_draw(struct ui *ui, void *state)
{
	ui_actions_draw(ui, state, ui->w_view);
}

static char *
ui_actions_view_position(struct ui *ui, void *state)
{
	struct ui_actions *v = state;
	char *s = NULL;

	(void)ui;
	if (v->n == 0)
		return NULL;
	if (asprintf(&s, _("action %zu of %zu"), v->sel + 1, v->n) < 0)
		return NULL;
	return s;
}

static void
ui_actions_view_reload(struct ui *ui, void *state)
{
	ui_actions_reload(ui, state);
}

const struct ui_view_ops ui_actions_view = {
	.name = "actions",
	.opener = KEYS_ACT_ACTIONS_VIEW,
	.title = N_("Actions"),
	.list = 1,
	.open = ui_actions_view_open,
	.close = ui_view_nothing,
	.free = ui_actions_view_free,
	.draw = ui_actions_view_draw,
	.action = ui_actions_action,
	.resize = ui_view_nothing,
	.position = ui_actions_view_position,
	.reload = ui_actions_view_reload,
};
