/* summary_html.c: the summary as one self-contained HTML file with print styles and inline SVG. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "map.h"
#include "summary_doc.h"
#include "summary_relay.h"
#include "text.h"
#include "util.h"

/*
 * No scripts, no external links, fonts or images: one file that opens and prints anywhere.
 * Every text from the workbook is sanitised and HTML-escaped (& < > " '); the page header
 * of the print style is a CSS string with every character but letters and digits escaped.
 */

#define HT_GRID_MAX 12          /* numbers shown in one grid cell before "+N" */

struct ht {
	FILE *fp;
	int in_list;
	int in_part;
	int parts;
	size_t ncols;
};

/* Sanitised TEXT, HTML-escaped; with MULTI, newlines become <br>. */
static void
ht_text(FILE *fp, const char *text, int multi)
{
	char *clean = text_sanitize(text, strlen(text), multi ? TEXT_KEEP_NEWLINES : 0);
	const char *p;

	if (clean == NULL)
		return;
	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		case '\n': fputs("<br>", fp); break;
		default: fputc(*p, fp); break;
		}
	}
	free(clean);
}

/* An id attribute value: letters, digits and '-' kept, anything else '-'. */
static void
ht_id(FILE *fp, const char *id)
{
	const char *p;

	fputs(" id=\"", fp);
	for (p = id; *p != '\0'; p++)
		fputc((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') ? *p : '-', fp);
	fputc('"', fp);
}

/* TEXT as a CSS string: every byte but ASCII letters, digits and space hex-escaped. */
static void
ht_css_string(FILE *fp, const char *text)
{
	char *clean = text_sanitize(text, strlen(text), 0);
	const char *p;
	size_t n;

	fputc('"', fp);
	for (p = clean != NULL ? clean : ""; *p != '\0'; p += n) {
		unsigned long cp = text_decode(p, strlen(p), &n);

		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == ' ')
			fputc((int)cp, fp);
		else
			fprintf(fp, "\\%06lx", cp);
	}
	fputc('"', fp);
	free(clean);
}

static void
ht_block(struct ht *h, int list)
{
	if (h->in_list && !list)
		fputs("</ul>\n", h->fp);
	if (!h->in_list && list)
		fputs("<ul>\n", h->fp);
	h->in_list = list;
}

static void
ht_part(void *ctx, const char *anchor, const char *title)
{
	struct ht *h = ctx;

	ht_block(h, 0);
	if (h->in_part)
		fputs("</section>\n", h->fp);
	fprintf(h->fp, "<section class=\"part%s\"", h->parts == 0 ? " first" : "");
	ht_id(h->fp, anchor);
	fputs(">\n<h1>", h->fp);
	ht_text(h->fp, title, 0);
	fputs("</h1>\n", h->fp);
	h->in_part = 1;
	h->parts++;
}

static void
ht_section(void *ctx, int level, const char *anchor, const char *title)
{
	struct ht *h = ctx;

	ht_block(h, 0);
	fprintf(h->fp, "<h%d", level);
	ht_id(h->fp, anchor);
	fputc('>', h->fp);
	ht_text(h->fp, title, 0);
	fprintf(h->fp, "</h%d>\n", level);
}

static void
ht_para(void *ctx, const char *text)
{
	struct ht *h = ctx;

	ht_block(h, 0);
	fputs("<p>", h->fp);
	ht_text(h->fp, text, 1);
	fputs("</p>\n", h->fp);
}

static void
ht_reminder(void *ctx, const char *text)
{
	struct ht *h = ctx;

	ht_block(h, 0);
	fputs("<p class=\"reminder\">", h->fp);
	ht_text(h->fp, text, 0);
	fputs("</p>\n", h->fp);
}

static void
ht_field(void *ctx, const char *label, const char *value)
{
	struct ht *h = ctx;

	ht_block(h, 0);
	fputs("<p class=\"field\"><b>", h->fp);
	ht_text(h->fp, label, 0);
	fputs(":</b> ", h->fp);
	ht_text(h->fp, value, 1);
	fputs("</p>\n", h->fp);
}

static void
ht_label(void *ctx, const char *label)
{
	struct ht *h = ctx;

	ht_block(h, 0);
	fputs("<p class=\"label\">", h->fp);
	ht_text(h->fp, label, 0);
	fputs("</p>\n", h->fp);
}

static void
ht_bullet(void *ctx, const char *tag, const char *text)
{
	struct ht *h = ctx;

	ht_block(h, 1);
	fputs("<li>", h->fp);
	if (tag != NULL) {
		fputs("<span class=\"tag\">", h->fp);
		ht_text(h->fp, tag, 0);
		fputs("</span> ", h->fp);
	}
	ht_text(h->fp, text, 1);
	fputs("</li>\n", h->fp);
}

static void
ht_cells(struct ht *h, const char *tag, const char *const *cells)
{
	size_t c;

	fputs("<tr>", h->fp);
	for (c = 0; c < h->ncols; c++) {
		fprintf(h->fp, "<%s>", tag);
		ht_text(h->fp, cells[c], 0);
		fprintf(h->fp, "</%s>", tag);
	}
	fputs("</tr>\n", h->fp);
}

static void
ht_table(void *ctx, size_t ncols, const char *const *head, const int *width)
{
	struct ht *h = ctx;
	size_t c;

	ht_block(h, 0);
	h->ncols = ncols;
	fputs("<table>\n<colgroup>", h->fp);
	for (c = 0; c < ncols; c++)
		if (width[c] > 0)
			fprintf(h->fp, "<col style=\"width:%dem\">", width[c] * 2 / 3 + 1);
		else
			fputs("<col>", h->fp);
	fputs("</colgroup>\n<thead>", h->fp);
	ht_cells(h, "th", head);
	fputs("</thead>\n<tbody>\n", h->fp);
}

static void
ht_row(void *ctx, const char *const *cells)
{
	ht_cells(ctx, "td", cells);
}

static void
ht_table_end(void *ctx)
{
	struct ht *h = ctx;

	fputs("</tbody></table>\n", h->fp);
	h->ncols = 0;
}

static void
ht_bars(void *ctx, const struct summary *s)
{
	struct ht *h = ctx;
	size_t i;

	ht_block(h, 0);
	fprintf(h->fp, "<table class=\"bars\">\n<colgroup><col><col style=\"width:6em\">"
	    "<col style=\"width:13em\"><col style=\"width:9em\"></colgroup>\n"
	    "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
	    _("Heading"), _("Assessed"), _("Current against target"), _("Mean stage"));
	for (i = 0; i < s->nbars; i++) {
		const struct summary_heading *hd = &s->bars[i];
		char ref[64];

		summary_doc_heading_ref(hd, ref, sizeof ref);
		fputs("<tr><td>", h->fp);
		ht_text(h->fp, ref, 0);
		fputc(' ', h->fp);
		ht_text(h->fp, hd->title, 0);
		fprintf(h->fp, "</td><td>%zu / %zu</td><td>"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"16\" "
		    "viewBox=\"0 0 200 16\" role=\"img\" aria-label=\"%.1f / %.1f\">"
		    "<rect x=\"0\" y=\"2\" width=\"200\" height=\"12\" fill=\"#eee\"/>"
		    "<rect x=\"0\" y=\"2\" width=\"%.0f\" height=\"12\" fill=\"#9cc\"/>"
		    "<rect x=\"0\" y=\"2\" width=\"%.0f\" height=\"12\" fill=\"#036\"/>"
		    "<path d=\"M40 2v12M80 2v12M120 2v12M160 2v12\" stroke=\"#fff\"/></svg>"
		    "</td><td>%.1f &#8594; %.1f</td></tr>\n", hd->assessed, hd->nitems,
		    hd->cur_mean, hd->tgt_mean, hd->tgt_mean * 40, hd->cur_mean * 40,
		    hd->cur_mean, hd->tgt_mean);
	}
	fprintf(h->fp, "</tbody></table>\n<p class=\"legend\">%s</p>\n",
	    _("Dark: the mean current stage; light: up to the mean target stage; one segment per "
	    "stage, from start-up (1) to dynamic (5)."));
}

static void
ht_grid(void *ctx, const struct summary *s)
{
	struct ht *h = ctx;
	size_t i, idx[HT_GRID_MAX];
	int row, col;

	ht_block(h, 0);
	fputs("<svg class=\"grid\" xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" "
	    "height=\"380\" viewBox=\"0 0 560 380\" role=\"img\">\n"
	    "<g font-family=\"sans-serif\" font-size=\"11\">\n", h->fp);
	for (row = 5; row >= 1; row--)
		for (col = 1; col <= 5; col++) {
			int x = 60 + (col - 1) * 100, y = 10 + (5 - row) * 66, n = 0, shown = 0;
			const char *fill = row >= 4 && col >= 4 ? "#fde" : row >= 4 ? "#fed" :
			    col >= 4 ? "#def" : "#f6f6f6";

			fprintf(h->fp, "<rect x=\"%d\" y=\"%d\" width=\"100\" height=\"66\" "
			    "fill=\"%s\" stroke=\"#999\"/>\n", x, y, fill);
			n = (int)map_grid_cell(s->map, row, col, idx, HT_GRID_MAX);
			for (i = 0; i < (size_t)n && i < HT_GRID_MAX; i++, shown++)
				fprintf(h->fp, "<text x=\"%d\" y=\"%d\">%zu</text>", x + 6 +
				    (shown % 4) * 24, y + 16 + (shown / 4) * 16, idx[i] + 1);
			if (n > shown)
				fprintf(h->fp, "<text x=\"%d\" y=\"%d\">+%d</text>", x + 6, y + 62,
				    n - shown);
			fputc('\n', h->fp);
		}
	for (row = 1; row <= 5; row++)
		fprintf(h->fp, "<text x=\"40\" y=\"%d\">%d</text><text x=\"%d\" y=\"356\">%d"
		    "</text>\n", 10 + (5 - row) * 66 + 38, row, 60 + (row - 1) * 100 + 46, row);
	fprintf(h->fp, "<text x=\"14\" y=\"180\" transform=\"rotate(-90 14 180)\" "
	    "text-anchor=\"middle\">%s</text>\n<text x=\"310\" y=\"374\" "
	    "text-anchor=\"middle\">%s</text>\n</g></svg>\n", _("Influence"), _("Interest"));
	fprintf(h->fp, "<p class=\"legend\">%s</p>\n", _("The numbers are those of the "
	    "register. Top right: manage closely; top left: keep satisfied; bottom right: keep "
	    "informed; bottom left: monitor."));
}

static const char ht_style[] =
	"*{box-sizing:border-box}\n"
	"body{font:11pt/1.4 \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#111;"
	"margin:0 auto;max-width:48em;padding:1em;overflow-wrap:anywhere;word-break:break-word}\n"
	"h1{font-size:18pt;border-bottom:2px solid #036;padding-bottom:.2em}\n"
	"h2{font-size:14pt;margin-top:1.2em;border-bottom:1px solid #999}\n"
	"h3{font-size:11.5pt;margin:1em 0 .2em}\n"
	"h1,h2,h3{break-after:avoid;page-break-after:avoid;color:#036}\n"
	"p{margin:.3em 0}\n"
	"p.reminder{font-style:italic;color:#444;white-space:nowrap;overflow:hidden;"
	"text-overflow:ellipsis}\n"
	"p.label{font-weight:bold;margin-top:.5em}\n"
	"p.legend{font-size:9pt;color:#444}\n"
	"ul{margin:.2em 0 .5em;padding-left:1.5em}\n"
	"li{break-inside:avoid;page-break-inside:avoid}\n"
	".tag{font-weight:bold;color:#036}\n"
	"table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5em 0}\n"
	"th,td{border:1px solid #bbb;padding:.15em .3em;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere;word-break:break-word}\n"
	"th{background:#e8eef4}\n"
	"thead{display:table-header-group}\n"
	"tr{break-inside:avoid;page-break-inside:avoid}\n"
	"svg{max-width:100%;height:auto}\n"
	"#cover h2{font-size:20pt;border:0}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"section.part{break-before:page;page-break-before:always}"
	"section.part.first{break-before:auto;page-break-before:auto}}\n"
	/* The executive summary holds on one sheet whatever the workbook holds: smaller type,
	 * and every cell and entry on one line, cut with an ellipsis. */
	"body.executive{font-size:9pt;line-height:1.25}\n"
	".executive h1{font-size:14pt;margin:0 0 .3em}\n"
	".executive h2{font-size:11pt;margin:.7em 0 .2em}\n"
	".executive td,.executive li,.executive p.field{white-space:nowrap;"
	"overflow:hidden;text-overflow:ellipsis;padding-top:0;padding-bottom:0}\n"
	".executive p.field{white-space:normal;max-height:2.6em}\n"
	".executive svg{height:10px;width:auto}\n"
	"@media print{body.executive{font-size:9pt}}\n";

int
summary_html_write(struct summary *s, FILE *fp)
{
	struct ht h = { fp, 0, 0, 0, 0 };
	struct summary_sink k = {
		&h, ht_part, ht_section, ht_para, ht_reminder, ht_field, ht_label, ht_bullet,
		ht_table, ht_row, ht_table_end, ht_bars, ht_grid,
	};
	int rc;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'; img-src data:\">\n<title>", fp);
	ht_text(fp, summary_doc_title(s), 0);
	fprintf(fp, "</title>\n<style>\n%s@page{size:%s;margin:%s;\n"
	    "@top-center{content:", ht_style, s->opts.paper_a4 ? "A4" : "letter",
	    s->opts.executive ? "12mm" : "18mm 15mm 18mm 15mm");
	ht_css_string(fp, summary_doc_title(s));
	fputs(";font-size:8pt;color:#555}\n@bottom-center{content:", fp);
	ht_css_string(fp, _("page "));
	fputs(" counter(page) ", fp);
	ht_css_string(fp, _(" of "));
	fprintf(fp, " counter(pages);font-size:8pt;color:#555}}\n</style>\n</head>\n<body%s>\n",
	    s->opts.executive ? " class=\"executive\"" : "");
	rc = summary_relay_walk(s, &k);
	ht_block(&h, 0);
	if (h.in_part)
		fputs("</section>\n", fp);
	fputs("</body>\n</html>\n", fp);
	return rc;
}
