/* Crash isolation: a job run in a forked worker process that sends its
 * results back as messages, so that a job that crashes, exits or never
 * returns is reported instead of ending the caller's process.
 *
 * A job is a series of steps.  The first step (preparing, e.g. loading a
 * snapshot) has no time limit; each later one has the limit from the end
 * of the step before.  What a worker sent before it failed has been
 * received; the outcome says how far it got, so that the caller can
 * record the failure and start another worker for the rest.
 *
 * A worker whose job returned can be given another (bclint_pool_give):
 * the job asks for it with bclint_worker_next, and a worker that lints
 * file after file keeps its memory, which a new process would have to be
 * given again. */
#ifndef BCLINT_ISOLATE_H
#define BCLINT_ISOLATE_H 1

#include <stddef.h>

/* How a worker ended. */
enum bclint_ending {
	BCLINT_WORKER_DONE,      /* the job returned */
	BCLINT_WORKER_SIGNALLED, /* killed by a signal (signal) */
	BCLINT_WORKER_EXITED,    /* ended the process itself (status) */
	BCLINT_WORKER_LATE       /* a step ran out of time, and was killed */
};

struct bclint_outcome {
	int ending; /* enum bclint_ending */
	int signal, status;
	unsigned steps; /* steps finished */
	/* the job returned and the worker waits for another: give it one
	 * (bclint_pool_give) or let it go (bclint_pool_let_go) */
	int idle;
	long worker;
};

/* The worker's end of the channel. */
struct bclint_worker;

/* The job, in the worker: 0, or -1 when it could not be done (the worker
 * then ends with exit status 1). */
typedef int bclint_job_fn(void *arg, struct bclint_worker *w);
/* Each message the worker sent, in the calling process; data lives for
 * the call. */
typedef void bclint_receive_fn(void *arg, const char *data, size_t len);

/* Workers running at once.  Ownership: the caller's; bclint_pool_free
 * (NULL-safe) kills any still running. */
struct bclint_pool;
struct bclint_pool *bclint_pool_new(void);
void bclint_pool_free(struct bclint_pool *p);

/* Start job(job_arg) in a worker, handing its messages to receive (with
 * receive_arg, which also names the worker when it ends), with timeout
 * seconds per step after the first (0: no limit).  0, or -1 when no
 * worker could be started (nothing ran). */
int bclint_pool_start(struct bclint_pool *p, bclint_job_fn *job, void *job_arg,
                      bclint_receive_fn *receive, void *receive_arg, unsigned timeout);

/* Hand the idle worker named worker (bclint_outcome) its next job, len
 * bytes of data, whose messages go to receive with receive_arg; the job
 * has its steps as a new worker's do.  0, or -1 when it cannot take it
 * (it is let go). */
int bclint_pool_give(struct bclint_pool *p, long worker, const void *data, size_t len,
                     bclint_receive_fn *receive, void *receive_arg);

/* Let the idle worker named worker go: it ends, and is not reported. */
void bclint_pool_let_go(struct bclint_pool *p, long worker);

/* Let every worker between jobs go, and wait for those let go to end:
 * 1 with *out when one of them ended badly (the first), else 0. */
int bclint_pool_finish(struct bclint_pool *p, struct bclint_outcome *out);

/* How many workers are running (not counting those between jobs). */
size_t bclint_pool_running(const struct bclint_pool *p);

/* Wait until a worker ends, receiving the messages of every worker
 * meanwhile: 0 with its receive_arg and *out, or -1 when none runs. */
int bclint_pool_wait(struct bclint_pool *p, void **receive_arg, struct bclint_outcome *out);

/* In the worker: send one message; 0, or -1 when the caller is gone. */
int bclint_worker_send(struct bclint_worker *w, const void *data, size_t len);
/* In the worker: a step is finished. */
int bclint_worker_step(struct bclint_worker *w);
/* In the worker: the job is done; wait for the next one (at most size
 * bytes, into buf).  Its length, or -1 when there is none: the caller let
 * the worker go, or is gone.  The job then returns. */
long bclint_worker_next(struct bclint_worker *w, void *buf, size_t size);

/* "SIGSEGV", "SIGABRT"...; "signal N" for others (buf holds it). */
const char *bclint_signal_name(int sig, char *buf, size_t size);

#endif
