/* bpipe.c: bytes from one thread to another, in two blocks that take turns (bpipe.h). */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "bpipe.h"

struct bpipe {
	char *blk[2];
	size_t len[2], size;
	int full[2];                /* handed to the reader, not yet done with */
	int in, out;                /* the block being filled; the reader's next */
	int closed, stopped;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

struct bpipe *
bpipe_new(size_t block)
{
	struct bpipe *p = calloc(1, sizeof *p);

	if (p == NULL)
		return NULL;
	p->size = block;
	if ((p->blk[0] = malloc(block)) == NULL || (p->blk[1] = malloc(block)) == NULL)
		goto fail;
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		goto fail;
	}
	return p;
fail:
	free(p->blk[0]);
	free(p->blk[1]);
	free(p);
	return NULL;
}

void
bpipe_free(struct bpipe *p)
{
	if (p == NULL)
		return;
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->blk[0]);
	free(p->blk[1]);
	free(p);
}

void
bpipe_send(struct bpipe *p)
{
	if (p->len[p->in] == 0)
		return;
	pthread_mutex_lock(&p->mu);
	p->full[p->in] = 1;
	pthread_cond_broadcast(&p->cv);
	p->in = 1 - p->in;
	while (p->full[p->in] && !p->stopped)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

char *
bpipe_reserve(struct bpipe *p, size_t n)
{
	char *at;

	if (n > p->size)
		return NULL;
	if (p->len[p->in] + n > p->size)
		bpipe_send(p);
	if (__atomic_load_n(&p->stopped, __ATOMIC_ACQUIRE))
		return NULL;
	at = p->blk[p->in] + p->len[p->in];
	p->len[p->in] += n;
	return at;
}

void
bpipe_drain(struct bpipe *p)
{
	bpipe_send(p);
	pthread_mutex_lock(&p->mu);
	while ((p->full[0] || p->full[1]) && !p->stopped)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void
bpipe_close(struct bpipe *p)
{
	bpipe_send(p);
	pthread_mutex_lock(&p->mu);
	p->closed = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

const char *
bpipe_next(struct bpipe *p, size_t *len)
{
	const char *b = NULL;

	pthread_mutex_lock(&p->mu);
	while (!p->full[p->out] && !p->closed)
		pthread_cond_wait(&p->cv, &p->mu);
	if (p->full[p->out]) {
		b = p->blk[p->out];
		*len = p->len[p->out];
	}
	pthread_mutex_unlock(&p->mu);
	return b;
}

void
bpipe_done(struct bpipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->full[p->out] = 0;
	p->len[p->out] = 0;
	p->out = 1 - p->out;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void
bpipe_stop(struct bpipe *p)
{
	pthread_mutex_lock(&p->mu);
	__atomic_store_n(&p->stopped, 1, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}
