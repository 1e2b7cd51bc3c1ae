/* bpipe.h: bytes from one thread to another, in two blocks that take turns. */
#ifndef CIIPWB_BPIPE_H
#define CIIPWB_BPIPE_H

#include <stddef.h>

/*
 * One thread (the writer) fills a block while the other (the reader) goes through the one
 * before it; the blocks come out in the order they went in. The writer waits when both blocks
 * are full, the reader when both are empty. What the bytes mean is the two threads' business
 * (records that fit in a block). No function here fails once bpipe_new has succeeded.
 */
struct bpipe;

/* Two blocks of BLOCK bytes; NULL when out of memory. */
struct bpipe *bpipe_new(size_t block);
/* After both threads are done with it (the reader saw the end, or stopped it). */
void bpipe_free(struct bpipe *p);

/* The writer's side. */
/* Room for N more bytes in the block being filled, the block handed over first when they do
 * not fit; NULL when N is larger than a block, or when the reader stopped the pipe. */
char *bpipe_reserve(struct bpipe *p, size_t n);
/* Hand the block being filled to the reader (nothing when it is empty). */
void bpipe_send(struct bpipe *p);
/* bpipe_send, then wait until the reader is done with every block: the reader is then waiting
 * and does nothing until the next block. */
void bpipe_drain(struct bpipe *p);
/* bpipe_send, and no more blocks: the reader sees the end after the last. */
void bpipe_close(struct bpipe *p);

/* The reader's side. */
/* The next block (*LEN bytes), waiting for it; NULL at the end. */
const char *bpipe_next(struct bpipe *p, size_t *len);
/* Done with the block bpipe_next gave: the writer may fill it again. */
void bpipe_done(struct bpipe *p);
/* No more blocks wanted: the writer's bpipe_reserve returns NULL from now on, and a writer
 * waiting for room goes on. */
void bpipe_stop(struct bpipe *p);

#endif
