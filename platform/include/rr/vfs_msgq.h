/*
 * rr/vfs_msgq.h — a queue of messages (vfs/msg_queue.c): what AF_UNIX datagram and
 * seqpacket pairs carry in each direction. A send is one message, gathered from a
 * vector; a receive takes one message, scattered over a vector, and drops what does
 * not fit (MSG_TRUNC). The queue holds at most RR_MSGQ_BUDGET bytes; a larger message
 * is refused with EMSGSIZE, a sender waits while the queue lacks room for its message.
 * Readers and writers are counts the owner keeps, as for pipe buffers (rr/vfs_pipe.h).
 */
#pragma once

#include <rr/vfs.h>
#include <rr/vfs_pipe.h>

#define RR_MSGQ_BUDGET 212992   /* Linux's default socket buffer */

struct rr_msgq;
struct rr_msgq *rr_msgq_new(void);   /* NULL without memory */
void rr_msgq_free(struct rr_msgq *q);
void rr_msgq_attach(struct rr_msgq *q, bool reader, bool writer);
void rr_msgq_detach(struct rr_msgq *q, bool reader, bool writer);
unsigned rr_msgq_readers(const struct rr_msgq *q);
unsigned rr_msgq_writers(const struct rr_msgq *q);
size_t rr_msgq_bytes(const struct rr_msgq *q);      /* in all messages waiting */
size_t rr_msgq_count(const struct rr_msgq *q);      /* messages waiting */
size_t rr_msgq_next_len(const struct rr_msgq *q);   /* the first message's length, 0 when none */
bool rr_msgq_has_room(const struct rr_msgq *q);

/* flags: RR_PIPE_NONBLOCK, RR_PIPE_NOSIGNAL (EPIPE without SIGPIPE once no reader is left) */
long rr_msgq_send(struct rr_msgq *q, const struct rr_iovec *iov, size_t niov, int flags);

/* flags: RR_PIPE_NONBLOCK, RR_PIPE_PEEK, RR_MSGQ_FULL_LENGTH (return the message's length, not
 * what was copied). Returns 0 at end-of-file: empty with no writer left, when eof_without_writer. */
#define RR_MSGQ_FULL_LENGTH 8
long rr_msgq_recv(struct rr_msgq *q, const struct rr_iovec *iov, size_t niov, int flags,
                  bool eof_without_writer, bool *truncated);
