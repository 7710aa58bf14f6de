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
	size_t have;       /* bytes of head, then of the message, read so far */
	char *msg;         /* the message being read, of msg_len bytes */
	size_t msg_len, cap;
	bclint_receive_fn *receive;
	void *arg;
	unsigned steps;
	int returned;
	int broken; /* a frame that makes no sense, or no memory: stop reading */
};

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
		rd->have += take;
		p += take;
		n -= take;
		if (rd->have - 5 == rd->msg_len) {
			rd->receive(rd->arg, rd->msg, rd->msg_len);
			rd->have = 0;
			rd->head[0] = 0;
		}
	}
}

/* Read frames until the worker closes the channel or its step runs out
 * of time: 1 when it did, else 0. */
static int watch(struct reader *rd, pid_t pid, int fd, unsigned timeout)
{
	double deadline = 0;
	char got[65536];
	for (;;) {
		int wait_ms = -1;
		if (timeout && rd->steps > 0 && !rd->returned) {
			double left = deadline - seconds_now();
			if (left <= 0) {
				kill(pid, SIGKILL);
				return 1;
			}
			wait_ms = (int)(left * 1000.0) + 1;
		}
		struct pollfd p = {fd, POLLIN, 0};
		int ready = poll(&p, 1, wait_ms);
		if (ready < 0 && errno != EINTR)
			return 0;
		if (ready <= 0)
			continue;
		ssize_t n = read(fd, got, sizeof(got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		frames(rd, got, (size_t)n, &deadline, timeout);
		if (rd->broken) {
			kill(pid, SIGKILL);
			return 0;
		}
	}
}

int bclint_isolate(bclint_job_fn *job, void *job_arg, bclint_receive_fn *receive,
                   void *receive_arg, unsigned timeout, struct bclint_outcome *out)
{
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
		struct bclint_worker w = {fds[1]};
		close(fds[0]);
		job(job_arg, &w);
		write_all(fds[1], "E", 1);
		_exit(0);
	}
	close(fds[1]);
	struct reader rd = {{0}, 0, NULL, 0, 0, receive, receive_arg, 0, 0, 0};
	int late = watch(&rd, pid, fds[0], timeout);
	close(fds[0]);
	free(rd.msg);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	memset(out, 0, sizeof(*out));
	out->steps = rd.steps;
	if (late) {
		out->ending = BCLINT_WORKER_LATE;
	} else if (WIFSIGNALED(status)) {
		out->ending = BCLINT_WORKER_SIGNALLED;
		out->signal = WTERMSIG(status);
	} else if (rd.returned && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		out->ending = BCLINT_WORKER_DONE;
	} else {
		out->ending = BCLINT_WORKER_EXITED;
		out->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	}
	return 0;
}
