/* The worker and the channel to it: a pipe of frames, each a type byte
 * ('M' a message, 'S' a step finished, 'E' the job returned) and, for
 * messages, a 32-bit length and the bytes.  The calling process reads
 * as the worker writes, so the worker never waits long on a full pipe,
 * and keeps each step's deadline. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "isolate.h"

struct bclint_worker {
	int fd;
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
	int fd;
	unsigned timeout;
	double deadline;
	int late;
	struct reader rd;
};

struct bclint_pool {
	struct worker *w;
	size_t n, cap;
};

struct bclint_pool *bclint_pool_new(void)
{
	return calloc(1, sizeof(struct bclint_pool));
}

size_t bclint_pool_running(const struct bclint_pool *p)
{
	return p->n;
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
		p->cap = cap;
	}
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	fflush(NULL); /* the worker must not write out the caller's buffers */
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		struct bclint_worker self = {fds[1]};
		close(fds[0]);
		for (size_t i = 0; i < p->n; i++)
			close(p->w[i].fd); /* the other workers' channels */
		job(job_arg, &self);
		write_all(fds[1], "E", 1);
		_exit(0);
	}
	close(fds[1]);
	struct worker *w = &p->w[p->n++];
	memset(w, 0, sizeof(*w));
	w->pid = pid;
	w->fd = fds[0];
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
		if (!w->timeout || w->rd.steps == 0 || w->rd.returned || w->late)
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

int bclint_pool_wait(struct bclint_pool *p, void **receive_arg, struct bclint_outcome *out)
{
	struct pollfd fds[64];
	while (p->n > 0) {
		/* cppcheck takes p->n for 0 here, which the loop's test rules out */
		size_t n = p->n < 64 ? p->n : 64;
		// cppcheck-suppress knownConditionTrueFalse
		for (size_t i = 0; i < n; i++)
			fds[i] = (struct pollfd){p->w[i].fd, POLLIN, 0};
		int ready = poll(fds, (nfds_t)n, next_wait(p));
		if (ready < 0 && errno != EINTR)
			return -1;
		for (size_t i = 0; ready > 0 && i < n; i++) {
			if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)) || !drain(&p->w[i]))
				continue;
			struct worker *w = &p->w[i];
			close(w->fd);
			free(w->rd.msg);
			ending(w, out);
			*receive_arg = w->rd.arg;
			p->w[i] = p->w[--p->n];
			return 0;
		}
	}
	return -1;
}

void bclint_pool_free(struct bclint_pool *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		struct bclint_outcome out;
		kill(p->w[i].pid, SIGKILL);
		close(p->w[i].fd);
		free(p->w[i].rd.msg);
		ending(&p->w[i], &out);
	}
	free(p->w);
	free(p);
}
