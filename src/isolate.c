/* The worker and the channels to it: a pipe of frames from it, each a
 * type byte ('M' a message, 'S' a step finished, 'E' the job returned)
 * and, for messages, a 32-bit length and the bytes; and a socket to it,
 * which carries the next job (a 32-bit length and the bytes) or, closed,
 * says that there is none.  The calling process reads as the worker
 * writes, so the worker never waits long on a full pipe, and keeps each
 * step's deadline. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "isolate.h"

struct bclint_worker {
	int fd;   /* frames to the caller */
	int next; /* the next job from the caller */
	int idle; /* 'E' sent: between jobs */
};

const char *bclint_signal_name(int sig, char *buf, size_t size)
{
	static const struct {
		int sig;
		const char *name;
	} names[] = {
	        {SIGSEGV, "SIGSEGV"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},
	        {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"},
	        {SIGTERM, "SIGTERM"}, {SIGTRAP, "SIGTRAP"}, {SIGSYS, "SIGSYS"},
	        {SIGPIPE, "SIGPIPE"}, {SIGXCPU, "SIGXCPU"}, {SIGINT, "SIGINT"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].sig == sig)
			return names[i].name;
	snprintf(buf, size, "signal %d", sig);
	return buf;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int bclint_worker_send(struct bclint_worker *w, const void *data, size_t len)
{
	char head[5] = {'M'};
	uint32_t n = (uint32_t)len;
	if (len > UINT32_MAX)
		return -1;
	memcpy(head + 1, &n, 4);
	return write_all(w->fd, head, 5) < 0 || write_all(w->fd, data, len) < 0 ? -1 : 0;
}

int bclint_worker_step(struct bclint_worker *w)
{
	return write_all(w->fd, "S", 1);
}

/* Read n bytes from fd: 0, or -1 at its end or on an error. */
static int read_all(int fd, void *data, size_t n)
{
	char *p = data;
	while (n > 0) {
		ssize_t got = read(fd, p, n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

long bclint_worker_next(struct bclint_worker *w, void *buf, size_t size)
{
	uint32_t len;
	if (write_all(w->fd, "E", 1) < 0)
		return -1;
	w->idle = 1;
	if (read_all(w->next, &len, sizeof(len)) < 0 || len > size ||
	    read_all(w->next, buf, len) < 0)
		return -1;
	w->idle = 0;
	return (long)len;
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the calling process keeps of the channel: the frame being read. */
struct reader {
	char head[5];
	size_t have; /* bytes of head, then of the message, read so far */
	char *msg;   /* the message being read, of msg_len bytes */
	size_t msg_len, cap;
	bclint_receive_fn *receive;
	void *arg;
	unsigned steps;
	int returned;
	int broken; /* a frame that makes no sense, or no memory: stop reading */
};

/* n more bytes of the message's body are in rd->msg: hand it over when
 * it is whole. */
static void body_read(struct reader *rd, size_t n)
{
	rd->have += n;
	if (rd->have - 5 == rd->msg_len) {
		rd->receive(rd->arg, rd->msg, rd->msg_len);
		rd->have = 0;
		rd->head[0] = 0;
	}
}

/* Take n bytes read from the pipe, frame by frame. */
static void frames(struct reader *rd, const char *p, size_t n, double *deadline, unsigned timeout)
{
	while (n > 0 && !rd->broken) {
		if (rd->have < 5) {
			/* a frame's type, and for a message its length */
			rd->head[rd->have++] = *p++;
			n--;
			char type = rd->head[0];
			if (type == 'S' || type == 'E') {
				rd->steps += type == 'S';
				rd->returned |= type == 'E';
				*deadline = seconds_now() + timeout;
				rd->have = 0;
				continue;
			}
			if (type != 'M') {
				rd->broken = 1;
				return;
			}
			if (rd->have < 5)
				continue;
			uint32_t len;
			memcpy(&len, rd->head + 1, 4);
			if (len > rd->cap) {
				free(rd->msg);
				rd->cap = len;
				rd->msg = malloc(len ? len : 1);
			} else if (rd->msg == NULL) {
				rd->msg = malloc(1);
			}
			if (rd->msg == NULL) {
				rd->broken = 1;
				return;
			}
			rd->msg_len = len;
			rd->have = 5;
		}
		size_t want = rd->msg_len - (rd->have - 5), take = n < want ? n : want;
		memcpy(rd->msg + (rd->have - 5), p, take);
		p += take;
		n -= take;
		body_read(rd, take);
	}
}

/* One worker of a pool. */
struct worker {
	pid_t pid;
	int fd;   /* its frames */
	int next; /* its next job, or -1 once it is let go */
	unsigned timeout;
	double deadline;
	int late;
	int idle; /* its job returned, and it waits for another */
	struct reader rd;
};

struct bclint_pool {
	struct worker *w;
	size_t n, cap;
	struct pollfd *fds; /* cap of them */
	/* the first worker that ended badly between jobs or once let go */
	struct bclint_outcome after;
	int bad;
};

struct bclint_pool *bclint_pool_new(void)
{
	return calloc(1, sizeof(struct bclint_pool));
}

/* A worker between jobs or let go: not running. */
static int running(const struct worker *w)
{
	return !w->idle && w->next >= 0;
}

size_t bclint_pool_running(const struct bclint_pool *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += running(&p->w[i]);
	return n;
}

int bclint_pool_start(struct bclint_pool *p, bclint_job_fn *job, void *job_arg,
                      bclint_receive_fn *receive, void *receive_arg, unsigned timeout)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 4;
		struct worker *w = realloc(p->w, cap * sizeof(*w));
		if (w == NULL)
			return -1;
		p->w = w;
		struct pollfd *fds = realloc(p->fds, cap * sizeof(*fds));
		if (fds == NULL)
			return -1;
		p->fds = fds;
		p->cap = cap;
	}
	int fds[2], next[2];
	if (pipe(fds) < 0)
		return -1;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, next) < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	fflush(NULL); /* the worker must not write out the caller's buffers */
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		close(next[0]);
		close(next[1]);
		return -1;
	}
	if (pid == 0) {
		struct bclint_worker self = {fds[1], next[1], 0};
		close(fds[0]);
		close(next[0]);
		for (size_t i = 0; i < p->n; i++) {
			close(p->w[i].fd); /* the other workers' channels */
			if (p->w[i].next >= 0)
				close(p->w[i].next);
		}
		if (job(job_arg, &self) < 0)
			_exit(1);
		if (!self.idle) /* else 'E' is sent, and no job came after it */
			write_all(fds[1], "E", 1);
		_exit(0);
	}
	close(fds[1]);
	close(next[1]);
	struct worker *w = &p->w[p->n++];
	memset(w, 0, sizeof(*w));
	w->pid = pid;
	w->fd = fds[0];
	w->next = next[0];
	w->timeout = timeout;
	w->rd.receive = receive;
	w->rd.arg = receive_arg;
	return 0;
}

/* The wait until the nearest deadline, in milliseconds (-1: none); kills
 * the workers whose step ran out of time. */
static int next_wait(struct bclint_pool *p)
{
	int wait_ms = -1;
	double now = seconds_now();
	for (size_t i = 0; i < p->n; i++) {
		struct worker *w = &p->w[i];
		if (!w->timeout || w->rd.steps == 0 || w->rd.returned || w->late || !running(w))
			continue;
		double left = w->deadline - now;
		if (left <= 0) {
			kill(w->pid, SIGKILL);
			w->late = 1;
			continue;
		}
		int ms = (int)(left * 1000.0) + 1;
		if (wait_ms < 0 || ms < wait_ms)
			wait_ms = ms;
	}
	return wait_ms;
}

/* How worker w ended, once its channel is closed. */
static void ending(struct worker *w, struct bclint_outcome *out)
{
	int status = 0;
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	memset(out, 0, sizeof(*out));
	out->steps = w->rd.steps;
	if (w->late) {
		out->ending = BCLINT_WORKER_LATE;
	} else if (WIFSIGNALED(status)) {
		out->ending = BCLINT_WORKER_SIGNALLED;
		out->signal = WTERMSIG(status);
	} else if (w->rd.returned && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		out->ending = BCLINT_WORKER_DONE;
	} else {
		out->ending = BCLINT_WORKER_EXITED;
		out->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
}

/* Read what worker i sent: 1 when its channel is closed. */
static int drain(struct worker *w)
{
	struct reader *rd = &w->rd;
	if (rd->have >= 5 && rd->have - 5 < rd->msg_len) {
		/* the rest of a message's body: read in place, not copied */
		ssize_t n = read(w->fd, rd->msg + (rd->have - 5), rd->msg_len - (rd->have - 5));
		if (n < 0 && errno == EINTR)
			return 0;
		if (n <= 0)
			return 1;
		body_read(rd, (size_t)n);
		return 0;
	}
	char got[65536];
	ssize_t n = read(w->fd, got, sizeof(got));
	if (n < 0 && errno == EINTR)
		return 0;
	if (n <= 0)
		return 1;
	frames(rd, got, (size_t)n, &w->deadline, w->timeout);
	if (rd->broken) {
		kill(w->pid, SIGKILL);
		return 1;
	}
	return 0;
}

/* Worker i is gone: forget it. */
static void forget(struct bclint_pool *p, size_t i)
{
	struct worker *w = &p->w[i];
	close(w->fd);
	if (w->next >= 0)
		close(w->next);
	free(w->rd.msg);
	p->w[i] = p->w[--p->n];
}

/* Worker i, between jobs or let go, has ended or ends now: forget it,
 * keeping how it ended if that was badly. */
static void settle(struct bclint_pool *p, size_t i)
{
	struct bclint_outcome gone;
	ending(&p->w[i], &gone);
	if (gone.ending != BCLINT_WORKER_DONE && !p->bad) {
		p->after = gone;
		p->bad = 1;
	}
	forget(p, i);
}

int bclint_pool_wait(struct bclint_pool *p, void **receive_arg, struct bclint_outcome *out)
{
	while (bclint_pool_running(p) > 0) {
		struct pollfd *fds = p->fds;
		size_t n = p->n;
		for (size_t i = 0; i < n; i++)
			fds[i] = (struct pollfd){p->w[i].fd, POLLIN, 0};
		int ready = poll(fds, (nfds_t)n, next_wait(p));
		if (ready < 0 && errno != EINTR)
			return -1;
		for (size_t i = n; ready > 0 && i-- > 0;) {
			if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			struct worker *w = &p->w[i];
			int closed = drain(w);
			if (closed && !running(w)) {
				/* let go, or gone between jobs: nothing to report */
				settle(p, i);
				continue;
			}
			if (closed) {
				ending(w, out);
				*receive_arg = w->rd.arg;
				forget(p, i);
				return 0;
			}
			if (w->rd.returned && w->next >= 0 && !w->idle) {
				/* between jobs, waiting for another */
				memset(out, 0, sizeof(*out));
				out->ending = BCLINT_WORKER_DONE;
				out->steps = w->rd.steps;
				out->idle = 1;
				out->worker = (long)w->pid;
				w->idle = 1;
				*receive_arg = w->rd.arg;
				return 0;
			}
		}
	}
	return -1;
}

/* The idle worker named worker, or NULL. */
static struct worker *idle_worker(struct bclint_pool *p, long worker)
{
	for (size_t i = 0; i < p->n; i++)
		if ((long)p->w[i].pid == worker && p->w[i].idle && p->w[i].next >= 0)
			return &p->w[i];
	return NULL;
}

int bclint_pool_give(struct bclint_pool *p, long worker, const void *data, size_t len,
                     bclint_receive_fn *receive, void *receive_arg)
{
	struct worker *w = idle_worker(p, worker);
	uint32_t n = (uint32_t)len;
	if (w == NULL || len > UINT32_MAX)
		return -1;
	if (send(w->next, &n, sizeof(n), MSG_NOSIGNAL) != (ssize_t)sizeof(n) ||
	    send(w->next, data, len, MSG_NOSIGNAL) != (ssize_t)len) {
		bclint_pool_let_go(p, worker);
		return -1;
	}
	w->idle = 0;
	w->late = 0;
	w->rd.steps = 0;
	w->rd.returned = 0;
	w->rd.receive = receive;
	w->rd.arg = receive_arg;
	return 0;
}

void bclint_pool_let_go(struct bclint_pool *p, long worker)
{
	struct worker *w = idle_worker(p, worker);
	if (w == NULL)
		return;
	close(w->next); /* its bclint_worker_next returns -1, and it ends */
	w->next = -1;
}

int bclint_pool_finish(struct bclint_pool *p, struct bclint_outcome *out)
{
	for (size_t i = p->n; i-- > 0;) {
		struct worker *w = &p->w[i];
		if (running(w))
			continue;
		if (w->next >= 0)
			close(w->next); /* between jobs: it ends of itself */
		w->next = -1;
		settle(p, i);
	}
	if (p->bad)
		*out = p->after;
	return p->bad;
}

void bclint_pool_free(struct bclint_pool *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		struct bclint_outcome out;
		if (running(&p->w[i]))
			kill(p->w[i].pid, SIGKILL);
		else if (p->w[i].next >= 0)
			close(p->w[i].next); /* between jobs: it ends of itself */
		p->w[i].next = -1;
		close(p->w[i].fd);
		free(p->w[i].rd.msg);
		ending(&p->w[i], &out);
	}
	free(p->w);
	free(p->fds);
	free(p);
}
