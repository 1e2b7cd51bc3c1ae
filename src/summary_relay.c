/* summary_relay.c: a summary walk whose writer runs on a second thread (summary_relay.h). */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bpipe.h"
#include "summary_relay.h"
#include "text.h"

/*
 * The walk (this thread) reads the workbook; the writer (sanitising, wrapping, paging) is half
 * as much work again. The calls go through a bpipe: while the writer's thread makes the calls
 * of one block, the walk fills the other. A call is an operation byte, then its arguments: a
 * string as its length (SIZE_MAX for NULL) and its bytes with a NUL, an int or a size_t as
 * it is.
 */

#define RELAY_BLOCK (256 * 1024)
#define RELAY_MAX_COLS 256

enum { RL_PART, RL_SECTION, RL_PARA, RL_REMINDER, RL_FIELD, RL_LABEL, RL_BULLET, RL_TABLE,
	RL_ROW, RL_TABLE_END };

struct relay {
	const struct summary_sink *k;   /* the writer */
	size_t ncols;                   /* of the table being relayed (for its rows) */
	struct bpipe *p;
};

/* ---- the writer's thread ---- */

static const char *
rl_get_str(const char **p)
{
	const char *s;
	size_t n;

	memcpy(&n, *p, sizeof n);
	*p += sizeof n;
	if (n == SIZE_MAX)
		return NULL;
	s = *p;
	*p += n + 1;
	return s;
}

static size_t
rl_get_size(const char **p)
{
	size_t n;

	memcpy(&n, *p, sizeof n);
	*p += sizeof n;
	return n;
}

static int
rl_get_int(const char **p)
{
	int v;

	memcpy(&v, *p, sizeof v);
	*p += sizeof v;
	return v;
}

/* Make the calls of one block. */
static void
rl_replay(const struct summary_sink *k, const char *p, size_t len)
{
	const char *end = p + len, *a, *b, *cells[RELAY_MAX_COLS];
	int widths[RELAY_MAX_COLS], level;
	size_t n, c;

	while (p < end) {
		switch (*p++) {
		case RL_PART:
			a = rl_get_str(&p);
			b = rl_get_str(&p);
			k->part(k->ctx, a, b);
			break;
		case RL_SECTION:
			level = rl_get_int(&p);
			a = rl_get_str(&p);
			b = rl_get_str(&p);
			k->section(k->ctx, level, a, b);
			break;
		case RL_PARA:
			k->para(k->ctx, rl_get_str(&p));
			break;
		case RL_REMINDER:
			k->reminder(k->ctx, rl_get_str(&p));
			break;
		case RL_FIELD:
			a = rl_get_str(&p);
			b = rl_get_str(&p);
			k->field(k->ctx, a, b);
			break;
		case RL_LABEL:
			k->label(k->ctx, rl_get_str(&p));
			break;
		case RL_BULLET:
			a = rl_get_str(&p);
			b = rl_get_str(&p);
			k->bullet(k->ctx, a, b);
			break;
		case RL_TABLE:
			n = rl_get_size(&p);
			for (c = 0; c < n; c++)
				cells[c] = rl_get_str(&p);
			for (c = 0; c < n; c++)
				widths[c] = rl_get_int(&p);
			k->table(k->ctx, n, cells, widths);
			break;
		case RL_ROW:
			n = rl_get_size(&p);
			for (c = 0; c < n; c++)
				cells[c] = rl_get_str(&p);
			k->row(k->ctx, cells);
			break;
		default:
			k->table_end(k->ctx);
			break;
		}
	}
}

static void *
rl_thread(void *arg)
{
	struct relay *r = arg;
	const char *b;
	size_t len;

	while ((b = bpipe_next(r->p, &len)) != NULL) {
		rl_replay(r->k, b, len);
		bpipe_done(r->p);
	}
	return NULL;
}

/* ---- the walk's thread ---- */

/* The bytes of a string of N bytes (SIZE_MAX: NULL) in a call. */
static size_t
rl_len_size(size_t n)
{
	return sizeof(size_t) + (n != SIZE_MAX ? n + 1 : 0);
}

static size_t
rl_str_len(const char *s)
{
	return s != NULL ? strlen(s) : SIZE_MAX;
}

static size_t
rl_str_size(const char *s)
{
	return rl_len_size(rl_str_len(s));
}

static char *
rl_begin(struct relay *r, int op, size_t need)
{
	char *p = bpipe_reserve(r->p, need + 1);

	if (p == NULL) {
		bpipe_drain(r->p);
		return NULL;
	}
	*p++ = (char)op;
	return p;
}

/* S of N bytes (SIZE_MAX: NULL). */
static char *
rl_put_strn(char *p, const char *s, size_t n)
{
	memcpy(p, &n, sizeof n);
	p += sizeof n;
	if (n != SIZE_MAX) {
		memcpy(p, s, n + 1);
		p += n + 1;
	}
	return p;
}

static char *
rl_put_str(char *p, const char *s)
{
	return rl_put_strn(p, s, rl_str_len(s));
}

static char *
rl_put_size(char *p, size_t v)
{
	memcpy(p, &v, sizeof v);
	return p + sizeof v;
}

static char *
rl_put_int(char *p, int v)
{
	memcpy(p, &v, sizeof v);
	return p + sizeof v;
}

/* A call of one or two strings (each measured once: notes are most of the bytes). */
static int
rl_two(struct relay *r, int op, const char *a, const char *b, int two)
{
	size_t na = rl_str_len(a), nb = two ? rl_str_len(b) : SIZE_MAX;
	char *p = rl_begin(r, op, rl_len_size(na) + (two ? rl_len_size(nb) : 0));

	if (p == NULL)
		return -1;
	p = rl_put_strn(p, a, na);
	if (two)
		rl_put_strn(p, b, nb);
	return 0;
}

static void
rl_part(void *ctx, const char *anchor, const char *title)
{
	struct relay *r = ctx;

	if (rl_two(r, RL_PART, anchor, title, 1) != 0)
		r->k->part(r->k->ctx, anchor, title);
}

static void
rl_section(void *ctx, int level, const char *anchor, const char *title)
{
	struct relay *r = ctx;
	char *p = rl_begin(r, RL_SECTION, sizeof level + rl_str_size(anchor) +
	    rl_str_size(title));

	if (p == NULL) {
		r->k->section(r->k->ctx, level, anchor, title);
		return;
	}
	p = rl_put_int(p, level);
	p = rl_put_str(p, anchor);
	rl_put_str(p, title);
}

static void
rl_para(void *ctx, const char *text)
{
	struct relay *r = ctx;

	if (rl_two(r, RL_PARA, text, NULL, 0) != 0)
		r->k->para(r->k->ctx, text);
}

static void
rl_reminder(void *ctx, const char *text)
{
	struct relay *r = ctx;

	if (rl_two(r, RL_REMINDER, text, NULL, 0) != 0)
		r->k->reminder(r->k->ctx, text);
}

static void
rl_field(void *ctx, const char *label, const char *value)
{
	struct relay *r = ctx;

	if (rl_two(r, RL_FIELD, label, value, 1) != 0)
		r->k->field(r->k->ctx, label, value);
}

static void
rl_label(void *ctx, const char *label)
{
	struct relay *r = ctx;

	if (rl_two(r, RL_LABEL, label, NULL, 0) != 0)
		r->k->label(r->k->ctx, label);
}

static void
rl_bullet(void *ctx, const char *tag, const char *text)
{
	struct relay *r = ctx;

	if (rl_two(r, RL_BULLET, tag, text, 1) != 0)
		r->k->bullet(r->k->ctx, tag, text);
}

/* A table's heading or a row: N strings (and N widths for a heading). */
static int
rl_cells(struct relay *r, int op, size_t n, const char *const *cells, const int *width)
{
	size_t need = sizeof n, c;
	char *p;

	if (n > RELAY_MAX_COLS)
		return -1;
	for (c = 0; c < n; c++)
		need += rl_str_size(cells[c]) + (width != NULL ? sizeof(int) : 0);
	if ((p = rl_begin(r, op, need)) == NULL)
		return -1;
	p = rl_put_size(p, n);
	for (c = 0; c < n; c++)
		p = rl_put_str(p, cells[c]);
	for (c = 0; width != NULL && c < n; c++)
		p = rl_put_int(p, width[c]);
	return 0;
}

static void
rl_table(void *ctx, size_t ncols, const char *const *head, const int *width)
{
	struct relay *r = ctx;

	r->ncols = ncols;
	if (rl_cells(r, RL_TABLE, ncols, head, width) != 0) {
		bpipe_drain(r->p);
		r->k->table(r->k->ctx, ncols, head, width);
	}
}

static void
rl_row(void *ctx, const char *const *cells)
{
	struct relay *r = ctx;

	if (rl_cells(r, RL_ROW, r->ncols, cells, NULL) != 0) {
		bpipe_drain(r->p);
		r->k->row(r->k->ctx, cells);
	}
}

static void
rl_table_end(void *ctx)
{
	struct relay *r = ctx;

	rl_begin(r, RL_TABLE_END, 0);
}

/* The pictures read the summary, which the walk may be changing: made here, after the rest. */
static void
rl_bars(void *ctx, const struct summary *s)
{
	struct relay *r = ctx;

	bpipe_drain(r->p);
	r->k->bars(r->k->ctx, s);
}

static void
rl_grid(void *ctx, const struct summary *s)
{
	struct relay *r = ctx;

	bpipe_drain(r->p);
	r->k->grid(r->k->ctx, s);
}

int
summary_relay_walk(struct summary *s, const struct summary_sink *k)
{
	struct relay r = { k, 0, NULL };
	struct summary_sink rk = {
		&r, rl_part, rl_section, rl_para, rl_reminder, rl_field, rl_label, rl_bullet,
		rl_table, rl_row, rl_table_end, rl_bars, rl_grid,
	};
	pthread_t th;
	int rc;

	if ((r.p = bpipe_new(RELAY_BLOCK)) == NULL)
		return summary_doc_walk(s, k);
	text_ready();
	if (pthread_create(&th, NULL, rl_thread, &r) != 0) {
		bpipe_free(r.p);
		return summary_doc_walk(s, k);
	}
	summary_ahead_begin(s);
	rc = summary_doc_walk(s, &rk);
	summary_ahead_end(s);
	bpipe_close(r.p);
	pthread_join(th, NULL);
	bpipe_free(r.p);
	return rc;
}
