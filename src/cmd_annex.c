/* cmd_annex.c: the 'list' and 'show' commands, which print the annex structure and one item. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "framework.h"
#include "i18n.h"
#include "msg.h"
#include "text.h"

#define ANNEX_MIN_COLS 10       /* narrowest text column beside an indent */
#define ANNEX_MAX_REF_SHOWN 60  /* columns of an unknown ref echoed in a message */

/* The width to wrap to: --width, else the terminal's, else 80. */
static int
annex_width(const struct cli *cli)
{
	struct winsize ws;

	if (cli != NULL && cli->width > 0)
		return cli->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < 20 ? 20 : ws.ws_col;
	return 80;
}

/* "•" where the locale can show it, else "-". */
static const char *
annex_bullet(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0 ? "\xe2\x80\xa2" : "-";
}

/* Prints untrusted TEXT word-wrapped to WIDTH columns: the first line after FIRST (trusted), the
 * others after INDENT spaces. Newlines in TEXT start new lines. */
static int
annex_wrap(const char *first, int indent, const char *text, int width)
{
	struct text_line *lines = NULL;
	char *clean;
	size_t n;
	int fw, fcols, cols;

	if ((clean = text_sanitize(text, strlen(text), TEXT_KEEP_NEWLINES)) == NULL)
		return -1;
	fw = text_width(first, strlen(first));
	fcols = width - fw < ANNEX_MIN_COLS ? ANNEX_MIN_COLS : width - fw;
	cols = width - indent < ANNEX_MIN_COLS ? ANNEX_MIN_COLS : width - indent;
	/* The first line follows FIRST; the others hang at INDENT. */
	n = text_wrap_first(clean, strlen(clean), fcols, cols, &lines);
	if (lines == NULL) {
		free(clean);
		return -1;
	}
	msg_puts(stdout, first);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			printf("%*s", indent, "");
		fwrite(clean + lines[i].off, 1, lines[i].len, stdout);
		putchar('\n');
	}
	free(lines);
	free(clean);
	return 0;
}

/* Sanitised copy of S on one line, cut to MAX columns. */
static char *
annex_clean(const char *s, int max)
{
	char *c = text_sanitize(s, strlen(s), 0);

	if (c != NULL && max > 0)
		c[text_fit(c, strlen(c), max, NULL)] = '\0';
	return c;
}

static int
annex_flush(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		msg_printf(stderr, _("%s: cannot write the output: %s\n"), PACKAGE, strerror(errno));
		return 1;
	}
	return 0;
}

static int
annex_nomem(void)
{
	msg_printf(stderr, _("%s: out of memory\n"), PACKAGE);
	return 1;
}

/* Prints "  REF   SHORT TITLE" with the refs of FW padded to one column. */
static int
annex_list_item(const struct fw_item *it, int indent, int refcol, int width)
{
	char *first;
	int w = text_width(it->ref, strlen(it->ref)), r;

	if (asprintf(&first, "%*s%s%*s", indent, "", it->ref, refcol - w, "") < 0)
		return -1;
	r = annex_wrap(first, indent + refcol, it->short_title, width);
	free(first);
	return r;
}

int
cmd_list(const struct cli *cli, const struct catalog *cat)
{
	int width = annex_width(cli);

	for (size_t f = 0; f < cat->nfws; f++) {
		const struct framework *fw = cat->fws[f];
		int refcol = 0, idw = text_width(fw->id, strlen(fw->id)) + 2;
		size_t h = FW_NO_HEADING;
		char *first;

		for (size_t i = 0; i < fw->nitems; i++) {
			int w = text_width(fw->items[i].ref, strlen(fw->items[i].ref));

			if (w + 2 > refcol)
				refcol = w + 2;
		}
		if (f > 0)
			putchar('\n');
		if (asprintf(&first, "%s  ", fw->id) < 0)
			return annex_nomem();
		if (annex_wrap(first, idw, fw->annex_title, width) != 0) {
			free(first);
			return annex_nomem();
		}
		free(first);
		for (size_t i = 0; i < fw->nitems; i++) {
			const struct fw_item *it = &fw->items[i];
			int indent = it->heading == FW_NO_HEADING ? 2 : 4;

			if (it->heading != h && it->heading != FW_NO_HEADING &&
			    annex_wrap("  ", 2, fw->headings[it->heading].title, width) != 0)
				return annex_nomem();
			h = it->heading;
			if (annex_list_item(it, indent, refcol, width) != 0)
				return annex_nomem();
		}
	}
	return annex_flush();
}

/* The error for an unknown ref: names the valid ranges. */
static int
annex_unknown(const struct catalog *cat, const char *ref)
{
	char *shown = annex_clean(ref, ANNEX_MAX_REF_SHOWN), *valid = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&valid, &len);

	if (shown == NULL || mem == NULL) {
		free(shown);
		if (mem != NULL)
			fclose(mem);
		free(valid);
		return annex_nomem();
	}
	for (size_t f = 0; f < cat->nfws; f++) {
		const struct framework *fw = cat->fws[f];

		if (f > 0)
			fputs(f + 1 == cat->nfws ? _(" and ") : ", ", mem);
		if (fw->nitems == 1)
			fputs(fw->items[0].ref, mem);
		else
			fprintf(mem, _("%s to %s"), fw->items[0].ref, fw->items[fw->nitems - 1].ref);
	}
	fclose(mem);
	{
		char *v = annex_clean(valid != NULL ? valid : "", 0);

		msg_printf(stderr, _("%s: no item '%s'; valid references are %s (see '%s list')\n"),
		    PACKAGE, shown, v != NULL ? v : "", PACKAGE);
		free(v);
	}
	free(shown);
	free(valid);
	return 1;
}

static int
annex_footnote(const struct fw_footnote *fn, const char *what, int width)
{
	char *first, *text = NULL;
	int r, mw = text_width(fn->mark, strlen(fn->mark));
	char *mark = annex_clean(fn->mark, 8);

	if (mark == NULL)
		return -1;
	if (asprintf(&first, "  %s  ", mark) < 0) {
		free(mark);
		return -1;
	}
	free(mark);
	if (what != NULL && asprintf(&text, "(%s) %s", what, fn->text) < 0) {
		free(first);
		return -1;
	}
	r = annex_wrap(first, mw + 4, text != NULL ? text : fn->text, width);
	free(first);
	free(text);
	return r;
}

/* "Related: 64/211:10 Incident coordinator, ..." */
static int
annex_related(const struct catalog *cat, const struct fw_item *it, int width)
{
	size_t n = catalog_related(cat, it->ref, NULL, 0);
	const char **refs;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int r;

	if (n == 0)
		return 0;
	if ((refs = calloc(n, sizeof *refs)) == NULL)
		return -1;
	n = catalog_related(cat, it->ref, refs, n);
	if ((mem = open_memstream(&buf, &len)) == NULL) {
		free(refs);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct fw_item *o = catalog_find(cat, refs[i]);

		fprintf(mem, "%s%s %s", i > 0 ? ", " : "", refs[i], o != NULL ? o->short_title : "");
	}
	fclose(mem);
	free(refs);
	if (buf == NULL)
		return -1;
	putchar('\n');
	{
		const char *label = _("Related: ");

		r = annex_wrap(label, 2, buf, width);
	}
	free(buf);
	return r;
}

static int
annex_show_item(const struct catalog *cat, const struct fw_item *it, int width)
{
	const struct framework *fw = it->fw;
	const char *bullet = annex_bullet();
	char *header = NULL, *bfirst = NULL;
	const char *p;
	int r = -1, bw = text_width(bullet, strlen(bullet));

	if (it->heading != FW_NO_HEADING) {
		if (asprintf(&header, "%s  %s  %s: %s", it->ref, fw->symbol,
		    fw->headings[it->heading].title, it->short_title) < 0)
			return -1;
	} else if (asprintf(&header, "%s  %s  %s", it->ref, fw->symbol, it->short_title) < 0) {
		return -1;
	}
	if (annex_wrap("", 2, header, width) != 0)
		goto out;
	/* The official text, a blank line between paragraphs. */
	p = it->text;
	for (;;) {
		size_t n = strcspn(p, "\n");
		char *para = strndup(p, n);

		if (para == NULL)
			goto out;
		putchar('\n');
		r = annex_wrap("", 0, para, width);
		free(para);
		if (r != 0)
			goto out;
		r = -1;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	if (asprintf(&bfirst, "  %s ", bullet) < 0) {
		bfirst = NULL;
		goto out;
	}
	for (size_t b = 0; b < it->nbullets; b++)
		if (annex_wrap(bfirst, bw + 3, it->bullets[b], width) != 0)
			goto out;
	if (it->nfootnotes > 0 || fw->nfootnotes > 0) {
		putchar('\n');
		fputs(_("Footnotes:"), stdout);
		putchar('\n');
		for (size_t i = 0; i < it->nfootnotes; i++)
			if (annex_footnote(&it->footnotes[i], NULL, width) != 0)
				goto out;
		for (size_t i = 0; i < fw->nfootnotes; i++)
			if (annex_footnote(&fw->footnotes[i], _("to the annex title"), width) != 0)
				goto out;
	}
	if (annex_related(cat, it, width) != 0)
		goto out;
	r = 0;
out:
	free(header);
	free(bfirst);
	return r;
}

int
cmd_show(const struct cli *cli, const struct catalog *cat, const char *ref)
{
	const struct fw_item *it = catalog_find(cat, ref);

	if (it == NULL)
		return annex_unknown(cat, ref);
	if (annex_show_item(cat, it, annex_width(cli)) != 0)
		return annex_nomem();
	return annex_flush();
}
