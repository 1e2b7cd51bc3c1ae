/* map_out.c: the stakeholder map written out: Graphviz DOT, CSV and plain text, each escaped for its format. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "map_out.h"
#include "text.h"
#include "util.h"

/* ---- escaping ---- */

/* A string built with stdio (open_memstream). */
struct mo_str {
	FILE *fp;
	char *s;
	size_t len;
};

static FILE *
mo_open(struct mo_str *b)
{
	b->s = NULL;
	b->len = 0;
	return b->fp = open_memstream(&b->s, &b->len);
}

/* The string (malloc'd), or NULL when out of memory. */
static char *
mo_close(struct mo_str *b)
{
	if (b->fp == NULL)
		return NULL;
	if (ferror(b->fp) | fclose(b->fp)) {
		free(b->s);
		return NULL;
	}
	return b->s;
}

char *
map_dot_quote(const char *s)
{
	char *t = text_sanitize(s, s != NULL ? strlen(s) : 0, TEXT_KEEP_NEWLINES), *out;
	struct mo_str b;
	const char *p;

	if (t == NULL || mo_open(&b) == NULL) {
		free(t);
		return NULL;
	}
	fputc('"', b.fp);
	for (p = t; *p != '\0'; p++) {
		if (*p == '"')
			fputs("\\\"", b.fp);
		else if (*p == '\\')
			fputs("\\\\", b.fp);
		else if (*p == '\n')
			fputs("\\n", b.fp);
		else if (*p == '&')
			fputs("&amp;", b.fp);
		else
			fputc(*p, b.fp);
	}
	fputc('"', b.fp);
	out = mo_close(&b);
	free(t);
	return out;
}

char *
map_csv_field(const char *s)
{
	char *t = text_sanitize(s, s != NULL ? strlen(s) : 0, TEXT_KEEP_NEWLINES), *out;
	struct mo_str b;
	const char *p;

	if (t == NULL || mo_open(&b) == NULL) {
		free(t);
		return NULL;
	}
	fputc('"', b.fp);
	for (p = t; *p == ' '; p++)
		;
	if (*p != '\0' && strchr("=+-@", *p) != NULL)
		fputc('\'', b.fp);
	for (p = t; *p != '\0'; p++) {
		if (*p == '"')
			fputs("\"\"", b.fp);
		else if (*p == '\n')
			fputs("\r\n", b.fp);
		else
			fputc(*p, b.fp);
	}
	fputc('"', b.fp);
	out = mo_close(&b);
	free(t);
	return out;
}

/* Write a malloc'd string and free it; NULL counts as out of memory. */
static int
mo_put(FILE *fp, char *s)
{
	int r;

	if (s == NULL) {
		errno = ENOMEM;
		return -1;
	}
	r = fputs(s, fp) < 0 ? -1 : 0;
	free(s);
	return r;
}

/* Workbook text sanitised onto one line, cut or padded to COLS (cut only when PAD is 0). */
static int
mo_cell(FILE *fp, const char *s, int cols, int pad)
{
	char *t = text_sanitize(s, s != NULL ? strlen(s) : 0, 0), *c;

	if (t == NULL) {
		errno = ENOMEM;
		return -1;
	}
	c = pad ? text_pad(t, strlen(t), cols) : text_ellipsize(t, strlen(t), cols);
	free(t);
	return mo_put(fp, c);
}

/* ---- DOT ---- */

static int
mo_dot_node(FILE *fp, const char *indent, const char *id, const char *label,
    const char *attrs)
{
	char *q = map_dot_quote(label);

	if (q == NULL) {
		errno = ENOMEM;
		return -1;
	}
	fprintf(fp, "%s\"%s\" [label=%s%s%s];\n", indent, id, q, *attrs ? ", " : "", attrs);
	free(q);
	return 0;
}

int
map_write_dot(FILE *fp, const struct map *m, const char *title)
{
	static const char *const kind_style[MAP_NKINDS] = {
		"style=solid",                   /* depends on: an arrow to what it needs */
		"style=dashed, dir=both",        /* coordinates with: both ways */
		"style=bold",                    /* reports to */
	};
	char id[32], *q;
	size_t i;
	int c, r = 0;

	fputs("digraph \"stakeholder_map\" {\n", fp);
	fputs("\tgraph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t,"
	    " charset=\"UTF-8\"", fp);
	if (title != NULL && *title != '\0') {
		if ((q = map_dot_quote(title)) == NULL)
			return errno = ENOMEM, -1;
		fprintf(fp, ", label=%s", q);
		free(q);
	}
	fputs("];\n\tnode [fontname=\"Helvetica\", fontsize=10];\n"
	    "\tedge [fontname=\"Helvetica\", fontsize=9];\n", fp);
	for (c = 0; c < MAP_NCATS && r == 0; c++) {
		if (m->count[c] == 0)
			continue;
		if ((q = map_dot_quote(_(map_cat_label(c)))) == NULL)
			return errno = ENOMEM, -1;
		fprintf(fp, "\tsubgraph \"cluster_%s\" {\n\t\tlabel=%s;\n\t\tstyle=rounded;\n",
		    map_cat_code(c), q);
		free(q);
		for (i = 0; i < m->nsh && r == 0; i++) {
			if (m->sh[i].cat != c)
				continue;
			snprintf(id, sizeof id, "s%zu", i);
			r = mo_dot_node(fp, "\t\t", id, m->sh[i].name,
			    m->sh[i].nroles == 0 ? "shape=ellipse, style=dotted" : "shape=ellipse");
		}
		fputs("\t}\n", fp);
	}
	/* The items someone leads. */
	for (i = 0; i < m->nitems && r == 0; i++) {
		char *label;

		if (m->items[i].lead == MAP_NONE)
			continue;
		label = *m->items[i].title != '\0' ?
		    util_asprintf("%s\n%s", m->items[i].ref, m->items[i].title) :
		    util_asprintf("%s", m->items[i].ref);
		if (label == NULL)
			return errno = ENOMEM, -1;
		snprintf(id, sizeof id, "i%zu", i);
		r = mo_dot_node(fp, "\t", id, label, "shape=box, style=filled, fillcolor=\"#eeeeee\"");
		free(label);
	}
	for (i = 0; i < m->nrels && r == 0; i++) {
		const struct map_rel *e = &m->rels[i];

		if ((q = map_dot_quote(_(map_kind_label(e->kind)))) == NULL)
			return errno = ENOMEM, -1;
		fprintf(fp, "\t\"s%zu\" -> \"s%zu\" [label=%s, %s];\n", e->from, e->to, q,
		    kind_style[e->kind]);
		free(q);
	}
	if (r == 0 && (q = map_dot_quote(_("leads"))) == NULL)
		return errno = ENOMEM, -1;
	for (i = 0; i < m->nitems && r == 0; i++)
		if (m->items[i].lead != MAP_NONE)
			fprintf(fp, "\t\"s%zu\" -> \"i%zu\" [label=%s, style=dotted];\n",
			    m->items[i].lead, i, q);
	if (r == 0)
		free(q);
	fputs("}\n", fp);
	return r != 0 || ferror(fp) ? -1 : 0;
}

/* ---- CSV ---- */

static int
mo_csv(FILE *fp, const char *s, int last)
{
	if (mo_put(fp, map_csv_field(s)) != 0)
		return -1;
	return fputs(last ? "\r\n" : ",", fp) < 0 ? -1 : 0;
}

int
map_write_csv(FILE *fp, const struct map *m)
{
	static const char *const head[] = { "id", "name", "category", "category_label",
		"contact", "responsibilities", "influence", "interest", "engagement", "quadrant",
		"roles", "actions" };
	size_t i, j, nh = sizeof head / sizeof head[0];
	char num[32];
	int r = 0;

	for (j = 0; j < nh && r == 0; j++)
		r = mo_csv(fp, head[j], j + 1 == nh && m->nitems == 0);
	for (j = 0; j < m->nitems && r == 0; j++)
		r = mo_csv(fp, m->items[j].ref, j + 1 == m->nitems);
	for (i = 0; i < m->nsh && r == 0; i++) {
		const struct map_sh *s = &m->sh[i];

		snprintf(num, sizeof num, "%lld", (long long)s->id);
		r = mo_csv(fp, num, 0);
		if (r == 0)
			r = mo_csv(fp, s->name, 0);
		if (r == 0)
			r = mo_csv(fp, map_cat_code(s->cat), 0);
		if (r == 0)
			r = mo_csv(fp, _(map_cat_label(s->cat)), 0);
		if (r == 0)
			r = mo_csv(fp, s->contact, 0);
		if (r == 0)
			r = mo_csv(fp, s->responsibilities, 0);
		snprintf(num, sizeof num, "%d", s->influence);
		if (r == 0)
			r = mo_csv(fp, num, 0);
		snprintf(num, sizeof num, "%d", s->interest);
		if (r == 0)
			r = mo_csv(fp, num, 0);
		if (r == 0)
			r = mo_csv(fp, map_eng_code(s->eng), 0);
		if (r == 0)
			r = mo_csv(fp, _(map_quad_label(map_quadrant(s->influence, s->interest))), 0);
		snprintf(num, sizeof num, "%zu", s->nroles);
		if (r == 0)
			r = mo_csv(fp, num, 0);
		snprintf(num, sizeof num, "%zu", s->nactions);
		if (r == 0)
			r = mo_csv(fp, num, m->nitems == 0);
		for (j = 0; j < m->nitems && r == 0; j++) {
			char l[2] = { 0, 0 };
			int role = map_cell(m, i, j);

			l[0] = role >= 0 ? map_role_letter(role) : '\0';
			r = mo_csv(fp, l, j + 1 == m->nitems);
		}
	}
	return r != 0 || ferror(fp) ? -1 : 0;
}

/* ---- text ---- */

static const char *const mo_reg_head[MAP_NCOLS] = { N_("Name"), N_("Category"),
	N_("Contact"), N_("Responsibilities"), N_("Inf"), N_("Int"), N_("Engagement") };

const char *
map_register_header(int col)
{
	return col >= 0 && col < MAP_NCOLS ? mo_reg_head[col] : "";
}

void
map_register_widths(int width, int w[MAP_NCOLS])
{
	int rest;

	w[MAP_COL_INF] = 3;
	w[MAP_COL_INT] = 3;
	w[MAP_COL_ENG] = 10;
	rest = width - 16 - (MAP_NCOLS - 1);
	if (rest < 16)
		rest = 16;
	w[MAP_COL_CAT] = rest / 5;
	w[MAP_COL_CONTACT] = rest / 5;
	w[MAP_COL_RESP] = rest / 5;
	w[MAP_COL_NAME] = rest - 3 * (rest / 5);
}

/* One sanitised line of text ending in '\n'. */
static void
mo_line(FILE *fp, const char *s, int width)
{
	mo_cell(fp, s, width, 0);
	fputc('\n', fp);
}

/* S (translated text or workbook text) wrapped to WIDTH, each line after INDENT. */
static int
mo_wrap(FILE *fp, const char *indent, const char *s, int width)
{
	char *t = text_sanitize(s, strlen(s), TEXT_KEEP_NEWLINES);
	struct text_line *ln = NULL;
	size_t n, i;

	if (t == NULL)
		return errno = ENOMEM, -1;
	n = text_wrap(t, strlen(t), width - text_width(indent, strlen(indent)), &ln);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%.*s\n", indent, (int)ln[i].len, t + ln[i].off);
	free(ln);
	free(t);
	return 0;
}

static int
mo_text_register(FILE *fp, const struct map *m, int width)
{
	int w[MAP_NCOLS], c;
	size_t *order, n, i;
	char *line;

	line = util_asprintf(_("Stakeholder register (%zu)"), m->nsh);
	if (line == NULL)
		return errno = ENOMEM, -1;
	mo_line(fp, line, width);
	free(line);
	for (c = 0; c < MAP_NCATS; c++) {
		line = util_asprintf("  %s: %zu", _(map_cat_label(c)), m->count[c]);
		if (line == NULL)
			return errno = ENOMEM, -1;
		mo_line(fp, line, width);
		free(line);
	}
	fputc('\n', fp);
	map_register_widths(width, w);
	for (c = 0; c < MAP_NCOLS; c++) {
		mo_cell(fp, _(mo_reg_head[c]), w[c], c + 1 < MAP_NCOLS);
		fputc(c + 1 < MAP_NCOLS ? ' ' : '\n', fp);
	}
	if ((order = malloc((m->nsh + 1) * sizeof *order)) == NULL)
		return errno = ENOMEM, -1;
	n = map_register(m, MAP_SORT_NAME, MAP_ALL, MAP_ALL, order);
	for (i = 0; i < n; i++) {
		const struct map_sh *s = &m->sh[order[i]];
		char inf[8], in[8];

		snprintf(inf, sizeof inf, "%3d", s->influence);
		snprintf(in, sizeof in, "%3d", s->interest);
		mo_cell(fp, s->name, w[MAP_COL_NAME], 1);
		fputc(' ', fp);
		mo_cell(fp, _(map_cat_short(s->cat)), w[MAP_COL_CAT], 1);
		fputc(' ', fp);
		mo_cell(fp, s->contact, w[MAP_COL_CONTACT], 1);
		fputc(' ', fp);
		mo_cell(fp, s->responsibilities, w[MAP_COL_RESP], 1);
		fprintf(fp, " %s %s ", inf, in);
		mo_cell(fp, _(map_eng_label(s->eng)), w[MAP_COL_ENG], 0);
		fputc('\n', fp);
	}
	free(order);
	return ferror(fp) ? -1 : 0;
}

/* Width of the stakeholder names in the matrix. */
#define MO_NAMEW 20

static int
mo_text_matrix(FILE *fp, const struct map *m, int width)
{
	size_t *order, n, i, j, first, last;
	int per;

	mo_wrap(fp, "", _("Role matrix: A accountable (the lead), R responsible, C consulted,"
	    " I informed. '!' under an item: no lead; '*' before a name: no role."), width);
	if (m->nitems == 0 || m->nsh == 0) {
		mo_line(fp, m->nsh == 0 ? _("No stakeholders yet.") : _("No items."), width);
		return ferror(fp) ? -1 : 0;
	}
	if ((order = malloc((m->nsh + 1) * sizeof *order)) == NULL)
		return errno = ENOMEM, -1;
	n = map_register(m, MAP_SORT_NAME, MAP_ALL, MAP_ALL, order);
	/* Bands of item columns (3 columns each) that fit beside the names; a band never
	 * spans two frameworks. */
	per = (width - MO_NAMEW - 1) / 3;
	if (per < 1)
		per = 1;
	for (first = 0; first < m->nitems; first = last) {
		const char *fw = m->headings[m->items[first].heading].fw;
		size_t prev = MAP_NONE;

		for (last = first; last < m->nitems && last - first < (size_t)per &&
		    strcmp(m->headings[m->items[last].heading].fw, fw) == 0; last++)
			;
		fputc('\n', fp);
		/* Heading row: each heading's ref over its first column. */
		mo_cell(fp, *fw != '\0' ? fw : _("other"), MO_NAMEW + 1, 1);
		for (j = first; j < last; j++) {
			const struct map_heading *h = &m->headings[m->items[j].heading];
			const char *mark = strchr(h->ref, '#');

			if (m->items[j].heading != prev && mark != NULL)
				fprintf(fp, "%-3.3s", mark);
			else
				fputs("   ", fp);
			prev = m->items[j].heading;
		}
		fputc('\n', fp);
		/* Item numbers (what follows the ':' of the ref). */
		fprintf(fp, "%-*s", MO_NAMEW + 1, "");
		for (j = first; j < last; j++) {
			const char *colon = strrchr(m->items[j].ref, ':');
			char *num = text_sanitize(colon != NULL ? colon + 1 : m->items[j].ref,
			    strlen(colon != NULL ? colon + 1 : m->items[j].ref), 0);
			char *cut = num != NULL ? text_pad(num, strlen(num), 2) : NULL;

			fprintf(fp, "%s ", cut != NULL ? cut : "  ");
			free(num);
			free(cut);
		}
		fputc('\n', fp);
		fprintf(fp, "%-*s", MO_NAMEW + 1, "");
		for (j = first; j < last; j++)
			fputs(m->items[j].lead == MAP_NONE ? "!  " : "   ", fp);
		fputc('\n', fp);
		for (i = 0; i < n; i++) {
			const struct map_sh *s = &m->sh[order[i]];

			fputs(s->nroles == 0 ? "*" : " ", fp);
			mo_cell(fp, s->name, MO_NAMEW - 1, 1);
			fputc(' ', fp);
			for (j = first; j < last; j++) {
				int role = map_cell(m, order[i], j);

				fprintf(fp, "%c  ", role >= 0 ? map_role_letter(role) : '.');
			}
			fputc('\n', fp);
		}
	}
	free(order);
	return ferror(fp) ? -1 : 0;
}

/* The grid's horizontal border, cells CW wide, '+' where the quadrants meet. */
static void
mo_rule(FILE *fp, int cw)
{
	int i;

	fputs("    +", fp);
	for (i = 0; i < cw * MAP_SCALE; i++) {
		fputc('-', fp);
		if (i + 1 == cw * (MAP_HIGH - 1))
			fputc('+', fp);
	}
	fputs("+\n", fp);
}

static int
mo_text_grid(FILE *fp, const struct map *m, int width)
{
	int cw = (width - 7) / MAP_SCALE, inf, in, q;
	size_t counts[MAP_NQUADS], cell[64];
	char *line;

	if (cw < 4)
		cw = 4;
	map_quadrant_counts(m, counts);
	mo_wrap(fp, "", _("Power/interest grid: influence from 5 (top) to 1, interest from 1"
	    " (left) to 5; a number in brackets counts the stakeholders sharing a cell."), width);
	for (inf = MAP_SCALE; inf >= 1; inf--) {
		if (inf == MAP_SCALE || inf == MAP_HIGH - 1) {
			int top = inf == MAP_SCALE;

			/* A border, then the quadrant names with their counts. */
			mo_rule(fp, cw);
			fputs("    |", fp);
			for (q = 0; q < 2; q++) {
				int quad = top ? (q ? MAP_QUAD_MANAGE : MAP_QUAD_SATISFY) :
				    (q ? MAP_QUAD_INFORM : MAP_QUAD_MONITOR);

				line = util_asprintf(" %s (%zu)", _(map_quad_label(quad)), counts[quad]);
				if (line == NULL)
					return errno = ENOMEM, -1;
				mo_cell(fp, line, cw * (q ? MAP_SCALE - MAP_HIGH + 1 : MAP_HIGH - 1), 1);
				free(line);
				fputc('|', fp);
			}
			fputc('\n', fp);
		}
		fprintf(fp, "  %d |", inf);
		for (in = 1; in <= MAP_SCALE; in++) {
			size_t n = map_grid_cell(m, inf, in, cell, 64);

			if (n == 0) {
				fprintf(fp, "%*s", cw, "");
			} else if (n == 1) {
				fputc(' ', fp);
				mo_cell(fp, m->sh[cell[0]].name, cw - 1, 1);
			} else {
				char *t = util_asprintf(" [%zu] %s", n, m->sh[cell[0]].name);

				if (t == NULL)
					return errno = ENOMEM, -1;
				mo_cell(fp, t, cw, 1);
				free(t);
			}
			if (in == MAP_HIGH - 1 || in == MAP_SCALE)
				fputc('|', fp);
		}
		fputc('\n', fp);
	}
	mo_rule(fp, cw);
	fputs("     ", fp);
	for (in = 1; in <= MAP_SCALE; in++)
		fprintf(fp, "%-*d%s", cw, in, in == MAP_HIGH - 1 ? " " : "");
	fputc('\n', fp);
	/* Cells shared by several: the whole list. */
	for (inf = MAP_SCALE; inf >= 1; inf--)
		for (in = 1; in <= MAP_SCALE; in++) {
			size_t n = map_grid_cell(m, inf, in, NULL, 0), k;
			size_t *all;
			struct mo_str b;

			if (n < 2)
				continue;
			if ((all = malloc(n * sizeof *all)) == NULL || mo_open(&b) == NULL) {
				free(all);
				return errno = ENOMEM, -1;
			}
			map_grid_cell(m, inf, in, all, n);
			fprintf(b.fp, _("Influence %d, interest %d:"), inf, in);
			for (k = 0; k < n; k++)
				fprintf(b.fp, "%s%s", k ? "; " : " ", m->sh[all[k]].name);
			free(all);
			if ((line = mo_close(&b)) == NULL)
				return errno = ENOMEM, -1;
			mo_wrap(fp, "  ", line, width);
			free(line);
		}
	return ferror(fp) ? -1 : 0;
}

/* One wrapped, indented line of the coverage: LABEL, then the list that PUT writes;
 * nothing when the list is empty. */
static int
mo_cov_line(FILE *fp, const char *label, const struct map *m, size_t h,
    const struct map_coverage *cov, void (*put)(FILE *, const struct map *, size_t,
    const struct map_coverage *), int width)
{
	struct mo_str b;
	char *list, *line;

	if (mo_open(&b) == NULL)
		return errno = ENOMEM, -1;
	put(b.fp, m, h, cov);
	if ((list = mo_close(&b)) == NULL)
		return errno = ENOMEM, -1;
	line = *list != '\0' ? util_asprintf("%s %s", label, list) : NULL;
	free(list);
	if (line != NULL)
		mo_wrap(fp, "  ", line, width);
	free(line);
	return 0;
}

static void
mo_cov_involved(FILE *fp, const struct map *m, size_t h, const struct map_coverage *cov)
{
	int c;

	(void)m;
	(void)h;
	for (c = 0; c < MAP_NCATS; c++)
		fprintf(fp, "%s%s %zu", c ? ", " : "", _(map_cat_short(c)), cov->involved[c]);
}

static void
mo_cov_nolead(FILE *fp, const struct map *m, size_t h, const struct map_coverage *cov)
{
	const struct map_heading *hd = &m->headings[h];
	size_t i, k = 0;

	(void)cov;
	for (i = hd->first; i < hd->first + hd->n; i++)
		if (m->items[i].lead == MAP_NONE)
			fprintf(fp, "%s%s", k++ ? ", " : "", m->items[i].ref);
}

static void
mo_cov_absent(FILE *fp, const struct map *m, size_t h, const struct map_coverage *cov)
{
	int c, k = 0;

	(void)m;
	(void)h;
	for (c = 0; c < MAP_NCATS; c++)
		if (cov->absent & (1u << c))
			fprintf(fp, "%s%s", k++ ? "; " : "", _(map_cat_label(c)));
}

static int
mo_text_coverage(FILE *fp, const struct map *m, int width)
{
	size_t h;
	int r = 0;

	mo_line(fp, _("Coverage per heading"), width);
	for (h = 0; h < m->nheadings && r == 0; h++) {
		const struct map_heading *hd = &m->headings[h];
		struct map_coverage cov;
		char *line;

		map_coverage(m, h, &cov);
		line = *hd->ref != '\0' ? util_asprintf("%s %s", hd->ref, hd->title) :
		    util_asprintf("%s", _("Items of no loaded framework"));
		if (line == NULL)
			return errno = ENOMEM, -1;
		fputc('\n', fp);
		mo_line(fp, line, width);
		free(line);
		line = util_asprintf(_("Items with a lead: %zu of %zu"), cov.nled, cov.nitems);
		if (line == NULL)
			return errno = ENOMEM, -1;
		mo_wrap(fp, "  ", line, width);
		free(line);
		r = mo_cov_line(fp, _("Involved:"), m, h, &cov, mo_cov_involved, width);
		if (r == 0)
			r = mo_cov_line(fp, _("No lead:"), m, h, &cov, mo_cov_nolead, width);
		if (r == 0)
			r = mo_cov_line(fp, _("Absent:"), m, h, &cov, mo_cov_absent, width);
	}
	return r != 0 || ferror(fp) ? -1 : 0;
}

/* Run a text writer into memory, then copy its lines to FP without trailing spaces. */
static int
mo_trimmed(FILE *fp, int (*fn)(FILE *, const struct map *, int), const struct map *m,
    int width)
{
	char *buf = NULL, *p, *nl, *end;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int r;

	if (mem == NULL)
		return -1;
	r = fn(mem, m, width < 40 ? 40 : width);
	if (fclose(mem) != 0)
		r = -1;
	for (p = buf; r == 0 && p != NULL && p < buf + len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(buf + len - p))) == NULL)
			nl = buf + len;
		for (end = nl; end > p && end[-1] == ' '; end--)
			;
		fwrite(p, 1, (size_t)(end - p), fp);
		if (nl < buf + len)
			fputc('\n', fp);
	}
	free(buf);
	return r != 0 || ferror(fp) ? -1 : 0;
}

int
map_text_register(FILE *fp, const struct map *m, int width)
{
	return mo_trimmed(fp, mo_text_register, m, width);
}

int
map_text_matrix(FILE *fp, const struct map *m, int width)
{
	return mo_trimmed(fp, mo_text_matrix, m, width);
}

int
map_text_grid(FILE *fp, const struct map *m, int width)
{
	return mo_trimmed(fp, mo_text_grid, m, width);
}

int
map_text_coverage(FILE *fp, const struct map *m, int width)
{
	return mo_trimmed(fp, mo_text_coverage, m, width);
}

int
map_write_text(FILE *fp, const struct map *m, int width)
{
	if (width < 40)
		width = 40;
	if (map_text_register(fp, m, width) != 0)
		return -1;
	fputc('\n', fp);
	if (map_text_matrix(fp, m, width) != 0)
		return -1;
	fputc('\n', fp);
	if (map_text_grid(fp, m, width) != 0)
		return -1;
	fputc('\n', fp);
	if (map_text_coverage(fp, m, width) != 0)
		return -1;
	return ferror(fp) ? -1 : 0;
}
