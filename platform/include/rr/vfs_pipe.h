/*
 * rr/vfs_pipe.h — pipes (vfs/pipe.c): the anonymous ones pipe(2) makes and the
 * buffer behind a named FIFO. A pipe is a byte ring of 64 KiB by default whose
 * pages exist only while they hold data; readers and writers block through
 * rr_wait_until, so a blocked call stops only its own thread.
 */
#pragma once

#include <rr/vfs.h>

#define RR_PIPE_BUF      4096           /* writes up to this size are atomic */
#define RR_PIPE_DEF_SIZE 65536
#define RR_PIPE_MAX_SIZE (1UL << 31)    /* what F_SETPIPE_SZ accepts (as root) */

/* A new pipe as two open files: *rd (O_RDONLY) and *wr (O_WRONLY); flags may hold
 * O_NONBLOCK, which both ends get. */
int rr_pipe_create(int flags, struct rr_file **rd, struct rr_file **wr);

/* The buffer itself, for objects built on it (AF_UNIX stream pairs: one per direction).
 * Readers and writers are counts the owner keeps with attach/detach: a read returns 0
 * once no writer is left and the buffer is empty; a write fails with EPIPE (and
 * SIGPIPE unless RR_PIPE_NOSIGNAL) once no reader is left. */
struct rr_pipe;
#define RR_PIPE_NONBLOCK 1   /* EAGAIN instead of waiting */
#define RR_PIPE_PEEK     2   /* read without taking the bytes */
#define RR_PIPE_NOSIGNAL 4   /* EPIPE without SIGPIPE */
struct rr_pipe *rr_pipe_new(void);          /* empty, no reader, no writer; NULL without memory */
void rr_pipe_free(struct rr_pipe *p);
void rr_pipe_attach(struct rr_pipe *p, bool reader, bool writer);
void rr_pipe_detach(struct rr_pipe *p, bool reader, bool writer);
long rr_pipe_read(struct rr_pipe *p, void *buf, size_t n, int flags);
long rr_pipe_write(struct rr_pipe *p, const void *buf, size_t n, int flags);
size_t rr_pipe_count(const struct rr_pipe *p);   /* bytes waiting */
size_t rr_pipe_room(const struct rr_pipe *p);    /* bytes that fit */
unsigned rr_pipe_readers(const struct rr_pipe *p);
unsigned rr_pipe_writers(const struct rr_pipe *p);

/* The operations a named FIFO's open files use (chosen by rr_file_open_vnode). */
extern const struct rr_vnode_ops rr_fifo_ops;

/* F_GETPIPE_SZ (set false) and F_SETPIPE_SZ: the capacity in bytes, or -EBADF when f
 * is not a pipe, -EBUSY when the data would not fit, -EINVAL for a size over 2 GiB. */
long rr_pipe_size(struct rr_file *f, bool set, unsigned long size);
