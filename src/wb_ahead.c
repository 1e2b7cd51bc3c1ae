/* wb_ahead.c: the notes of items read ahead on a second thread (wb_ahead.h). */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "bpipe.h"
#include "i18n.h"
#include "wb.h"
#include "wb_ahead.h"
#include "wb_internal.h"
#include "wb_query.h"

/*
 * The second thread steps wb__summary_notes_sql for each ref in turn and writes each row into
 * a bpipe as a record: its kind, the ref's index, the note's id and group, then created,
 * updated and body as a length and the bytes with a NUL. A note too large for a block ends its
 * ref with a record that says how many of its notes came before (the reader reads the rest
 * itself); an SQLite error ends the whole with a record of its code.
 */

#define AH_BLOCK (512 * 1024)

enum { AH_NOTE, AH_BIG, AH_ERR };

struct ah_rec {
	int kind;
	size_t k;                  /* the ref's index; AH_BIG: notes before; AH_ERR: the code */
	size_t skip;
	struct wb_note n;
};

struct wb_ahead {
	struct wb *wb;
	sqlite3 *db;                /* the second thread's own connection */
	char **refs;
	size_t nrefs, next;         /* the refs; the first not yet asked for */
	struct bpipe *p;
	pthread_t th;
	/* The reader's place: the block being read, and the record at pos. */
	const char *blk;
	size_t len, pos;
	int end;
};

/* ---- the second thread ---- */

static char *
ah_put(char *p, const void *v, size_t n)
{
	memcpy(p, v, n);
	return p + n;
}

static char *
ah_put_str(char *p, const char *s, size_t n)
{
	p = ah_put(p, &n, sizeof n);
	p = ah_put(p, s, n);
	*p++ = '\0';
	return p;
}

/* A record of KIND with the two numbers only (AH_BIG, AH_ERR): 0, or -1 when stopped. */
static int
ah_put_mark(struct wb_ahead *a, int kind, size_t k, size_t skip)
{
	char *p = bpipe_reserve(a->p, 1 + 2 * sizeof(size_t));

	if (p == NULL)
		return -1;
	*p++ = (char)kind;
	p = ah_put(p, &k, sizeof k);
	ah_put(p, &skip, sizeof skip);
	return 0;
}

static const char *
ah_col(sqlite3_stmt *st, int i, size_t *n)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	*n = s != NULL ? (size_t)sqlite3_column_bytes(st, i) : 0;
	return s != NULL ? s : "";
}

static void *
ah_thread(void *arg)
{
	struct wb_ahead *a = arg;
	sqlite3_stmt *st = NULL;
	size_t k, sent, nc, nu, nb, need;
	const char *c, *u, *b;
	int64_t id, group;
	char *p;
	int rc;

	/* One read transaction: the notes of every item as of one moment. */
	rc = sqlite3_exec(a->db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(a->db, wb__summary_notes_sql, -1, &st, NULL);
	for (k = 0; rc == SQLITE_OK && k < a->nrefs; k++) {
		sqlite3_bind_text(st, 1, a->refs[k], -1, SQLITE_STATIC);
		sent = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			group = sqlite3_column_int64(st, 2);
			c = ah_col(st, 3, &nc);
			u = ah_col(st, 4, &nu);
			b = ah_col(st, 1, &nb);
			need = 1 + sizeof k + 2 * sizeof id + 3 * (sizeof nc + 1) + nc + nu + nb;
			if (need > AH_BLOCK) {
				if (ah_put_mark(a, AH_BIG, k, sent) != 0)
					goto out;
				rc = SQLITE_DONE;
				break;
			}
			if ((p = bpipe_reserve(a->p, need)) == NULL)
				goto out;
			*p++ = AH_NOTE;
			p = ah_put(p, &k, sizeof k);
			p = ah_put(p, &id, sizeof id);
			p = ah_put(p, &group, sizeof group);
			p = ah_put_str(p, c, nc);
			p = ah_put_str(p, u, nu);
			ah_put_str(p, b, nb);
			sent++;
		}
		if (rc == SQLITE_DONE)
			rc = sqlite3_reset(st);
		else
			sqlite3_reset(st);
	}
	if (rc != SQLITE_OK)
		ah_put_mark(a, AH_ERR, (size_t)rc, 0);
out:
	sqlite3_finalize(st);
	sqlite3_exec(a->db, "COMMIT", NULL, NULL, NULL);
	bpipe_close(a->p);
	return NULL;
}

/* ---- the reader ---- */

static const char *
ah_get(const char *p, void *v, size_t n)
{
	memcpy(v, p, n);
	return p + n;
}

static const char *
ah_get_str(const char *p, const char **s)
{
	size_t n;

	p = ah_get(p, &n, sizeof n);
	*s = p;
	return p + n + 1;
}

/* A time into DST (WB_TIME_SIZE bytes), cut as wb_query_time cuts it. */
static const char *
ah_get_time(const char *p, char *dst)
{
	size_t n;

	p = ah_get(p, &n, sizeof n);
	memcpy(dst, p, n < WB_TIME_SIZE ? n : WB_TIME_SIZE - 1);
	dst[n < WB_TIME_SIZE ? n : WB_TIME_SIZE - 1] = '\0';
	return p + n + 1;
}

/* The record at the reader's place, without moving on; 0 at the end. */
static int
ah_peek(struct wb_ahead *a, struct ah_rec *r)
{
	const char *p;
	int64_t v;

	if (a->blk == NULL && !a->end) {
		a->blk = bpipe_next(a->p, &a->len);
		a->pos = 0;
		a->end = a->blk == NULL;
	}
	if (a->end)
		return 0;
	p = a->blk + a->pos;
	r->kind = *p++;
	p = ah_get(p, &r->k, sizeof r->k);
	if (r->kind != AH_NOTE) {
		ah_get(p, &r->skip, sizeof r->skip);
		return 1;
	}
	r->n.ref = a->refs[r->k];
	p = ah_get(p, &v, sizeof v);
	r->n.id = v;
	p = ah_get(p, &v, sizeof v);
	r->n.group_id = v;
	p = ah_get_time(p, r->n.created);
	p = ah_get_time(p, r->n.updated);
	ah_get_str(p, &r->n.body);
	return 1;
}

/* Past the record ah_peek gave. */
static void
ah_take(struct wb_ahead *a, const struct ah_rec *r)
{
	const char *p = a->blk + a->pos + 1 + sizeof r->k;
	size_t n;
	int i;

	if (r->kind != AH_NOTE)
		p += sizeof r->skip;
	else {
		p += 2 * sizeof(int64_t);
		for (i = 0; i < 3; i++) {
			memcpy(&n, p, sizeof n);
			p += sizeof n + n + 1;
		}
	}
	a->pos = (size_t)(p - a->blk);
	if (a->pos >= a->len) {
		bpipe_done(a->p);
		a->blk = NULL;
	}
}

/* The notes of a ref after the first SKIP, read here. */
struct ah_skip {
	size_t skip;
	int (*cb)(const struct wb_note *, void *);
	void *arg;
};

static int
ah_skip_cb(const struct wb_note *n, void *arg)
{
	struct ah_skip *k = arg;

	if (k->skip > 0) {
		k->skip--;
		return 0;
	}
	return k->cb(n, k->arg);
}

int
wb_ahead_notes_of(struct wb_ahead *a, const char *ref,
    int (*cb)(const struct wb_note *, void *), void *arg)
{
	struct ah_rec r;
	struct ah_skip sk;
	size_t j;
	int rc;

	for (j = a->next; j < a->nrefs && strcmp(a->refs[j], ref != NULL ? ref : "") != 0; j++)
		;
	if (j == a->nrefs)
		return wb_summary_notes_of(a->wb, ref, cb, arg);
	a->next = j + 1;
	while (ah_peek(a, &r)) {
		if (r.kind == AH_ERR)
			return wb__sqlerr(a->wb, (int)r.k, _("cannot read the notes"));
		if (r.k > j)
			break;
		/* The record's strings are in the block: used before moving past it, which
		 * may hand the block back to the second thread. */
		rc = r.k == j && r.kind == AH_NOTE ? cb(&r.n, arg) : 0;
		ah_take(a, &r);
		if (rc != 0)
			return rc;
		if (r.k == j && r.kind == AH_BIG) {
			sk.skip = r.skip;
			sk.cb = cb;
			sk.arg = arg;
			return wb_summary_notes_of(a->wb, ref, ah_skip_cb, &sk);
		}
	}
	return 0;
}

/* A, its connection, pipe and refs (no thread running). */
static void
ah_free(struct wb_ahead *a)
{
	size_t i;

	sqlite3_close(a->db);
	bpipe_free(a->p);
	for (i = 0; i < a->nrefs; i++)
		free(a->refs[i]);
	free(a->refs);
	free(a);
}

struct wb_ahead *
wb_ahead_start(struct wb *wb, const char *const *refs, size_t n)
{
	struct wb_ahead *a;

	if (n == 0 || (a = calloc(1, sizeof *a)) == NULL)
		return NULL;
	a->wb = wb;
	if (wb__connect_reader(wb, &a->db) != SQLITE_OK)
		goto fail;
	if ((a->refs = calloc(n, sizeof *a->refs)) == NULL)
		goto fail;
	for (a->nrefs = 0; a->nrefs < n; a->nrefs++)
		if ((a->refs[a->nrefs] = strdup(refs[a->nrefs])) == NULL)
			goto fail;
	if ((a->p = bpipe_new(AH_BLOCK)) == NULL)
		goto fail;
	if (pthread_create(&a->th, NULL, ah_thread, a) != 0)
		goto fail;
	return a;
fail:
	ah_free(a);
	return NULL;
}

void
wb_ahead_end(struct wb_ahead *a)
{
	if (a == NULL)
		return;
	bpipe_stop(a->p);
	pthread_join(a->th, NULL);
	ah_free(a);
}
