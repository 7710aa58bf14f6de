/* Crash isolation: a job run in a forked worker process that sends its
 * results back as messages, so that a job that crashes, exits or never
 * returns is reported instead of ending the caller's process.
 *
 * A job is a series of steps.  The first step (preparing, e.g. loading a
 * snapshot) has no time limit; each later one has the limit from the end
 * of the step before.  What a worker sent before it failed has been
 * received; the outcome says how far it got, so that the caller can
 * record the failure and start another worker for the rest. */
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
};

/* The worker's end of the channel. */
struct bclint_worker;

/* The job, in the worker. */
typedef void bclint_job_fn(void *arg, struct bclint_worker *w);
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

/* How many workers are running. */
size_t bclint_pool_running(const struct bclint_pool *p);

/* Wait until a worker ends, receiving the messages of every worker
 * meanwhile: 0 with its receive_arg and *out, or -1 when none runs. */
int bclint_pool_wait(struct bclint_pool *p, void **receive_arg, struct bclint_outcome *out);

/* In the worker: send one message; 0, or -1 when the caller is gone. */
int bclint_worker_send(struct bclint_worker *w, const void *data, size_t len);
/* In the worker: a step is finished. */
int bclint_worker_step(struct bclint_worker *w);

/* "SIGSEGV", "SIGABRT"...; "signal N" for others (buf holds it). */
const char *bclint_signal_name(int sig, char *buf, size_t size);

#endif
