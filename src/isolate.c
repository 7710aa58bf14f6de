/* Crash isolation by handing over: each snapshot is loaded and its rules
 * run in a forked child, the worker, which reports on a pipe when it has
 * loaded the snapshot and each rule it finishes (one byte each) and, when
 * all are done, takes over: it carries on with the rest of the run --
 * later snapshots, the report, the exit status -- while the process that
 * forked it waits, and ends as the worker ends.  The waiting process holds
 * little more than the snapshot's text, and nothing is copied back: the
 * cost is a fork.
 *
 * When the worker dies or runs out of time during a rule, the waiting
 * process still holds the run as it was before that snapshot: it reports
 * the rule with how it failed and forks a new worker, which loads the
 * snapshot again and runs its rules without the failed one.  The rules
 * that had finished run again quietly (their own failures were printed
 * the first time), so a failure costs a re-run, and success nothing more. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "isolate.h"

/* Progress bytes on the pipe. */
enum { LOADED = 'L', RULE_DONE = 'D', TAKE_OVER = 'T' };

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

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void wait_for(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

/* The worker took over: wait for it and end the same way, so that the
 * exit status (or the signal) is the worker's. */
static void relay(pid_t pid)
{
	int status = 0;
	wait_for(pid, &status);
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		signal(sig, SIG_DFL);
		raise(sig);
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : BCLINT_EXIT_PLUGIN);
}

/* Watch a worker until it takes over (returns -1) or fails: then returns
 * how many rules it finished, with *loaded set when it had loaded the
 * snapshot, *late when a rule ran out of time, and *status as waitpid gave
 * it.  Each rule has the time limit from the end of the one before (the
 * first, from the end of loading, which has none). */
static long watch(const struct bclint_run *run, pid_t pid, int fd, int *late, int *loaded,
                  int *status)
{
	unsigned timeout = run->rule_timeout;
	double deadline = 0;
	long done = 0;
	*late = *loaded = 0;
	for (;;) {
		int wait_ms = -1;
		if (timeout && *loaded) {
			double left = deadline - seconds_now();
			if (left <= 0) {
				kill(pid, SIGKILL);
				*late = 1;
				break;
			}
			wait_ms = (int)(left * 1000.0) + 1;
		}
		struct pollfd p = {fd, POLLIN, 0};
		int ready = poll(&p, 1, wait_ms);
		if (ready < 0 && errno != EINTR)
			break;
		if (ready <= 0)
			continue;
		char got[256];
		ssize_t n = read(fd, got, sizeof(got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* the worker ended without taking over */
		for (ssize_t i = 0; i < n; i++) {
			if (got[i] == TAKE_OVER) {
				close(fd);
				return -1;
			}
			if (got[i] == LOADED)
				*loaded = 1;
			else
				done++;
			deadline = seconds_now() + timeout;
		}
	}
	close(fd);
	wait_for(pid, status);
	return done;
}

/* Run a rule, or for one that failed in an earlier worker, record its
 * failure (printed already) where it falls in the rules' order.  quiet:
 * it finished in an earlier worker, which printed its failures. */
static void run_or_record(struct bclint_run *run, const struct bclint_snapshot *s,
                          bclint_rule_runner *fn, const struct bclint_rule_slot *slot,
                          const char *failure, int quiet)
{
	run->quiet_failures = quiet || failure != NULL;
	if (failure != NULL)
		bclint_run_plugin_error(run, slot->plugin->path, slot->rule->id, failure);
	else
		fn(run, s, slot);
	run->quiet_failures = 0;
}

static int write_byte(int fd, char c)
{
	for (;;) {
		ssize_t w = write(fd, &c, 1);
		if (w == 1)
			return 0;
		if (w < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

void bclint_isolate_text(struct bclint_run *run, char *name, char *text, size_t len,
                         bclint_snapshot_loader *load, bclint_rule_runner *fn)
{
	size_t n = 0;
	size_t *idx = malloc((run->rules.n_slots + 1) * sizeof(*idx));
	/* why each failed rule failed (NULL: it has not) */
	char **failed = calloc(run->rules.n_slots + 1, sizeof(*failed));
	if (idx == NULL || failed == NULL) {
		free(idx);
		free(failed);
		free(name);
		bclint_text_free(text);
		run->report.oom = 1;
		return;
	}
	for (size_t i = 0; i < run->rules.n_slots; i++)
		if (run->rules.slots[i].enabled)
			idx[n++] = i;
	size_t quiet = 0; /* rules before this one finished in an earlier worker */
	for (;;) {
		int fds[2];
		pid_t pid = -1;
		if (pipe(fds) == 0) {
			fflush(NULL); /* the worker must not write out the parent's buffers */
			pid = fork();
			if (pid < 0) {
				close(fds[0]);
				close(fds[1]);
			}
		}
		if (pid < 0) {
			/* no worker: do it here, unprotected */
			struct bclint_snapshot *s = load(run, name, text, len);
			for (size_t i = 0; s != NULL && i < n; i++)
				run_or_record(run, s, fn, &run->rules.slots[idx[i]], failed[i], i < quiet);
			bclint_run_hold(run, s);
			name = text = NULL;
			break;
		}
		if (pid == 0) {
			close(fds[0]);
			bclint_arena_spare_free(); /* shared with the waiting process */
			struct bclint_snapshot *s = load(run, name, text, len);
			name = text = NULL; /* the report has them */
			if (write_byte(fds[1], LOADED) < 0)
				_exit(BCLINT_EXIT_PLUGIN); /* the waiting process is gone */
			for (size_t i = 0; s != NULL && i < n; i++) {
				run_or_record(run, s, fn, &run->rules.slots[idx[i]], failed[i], i < quiet);
				if (failed[i] == NULL && write_byte(fds[1], RULE_DONE) < 0)
					_exit(BCLINT_EXIT_PLUGIN);
			}
			bclint_run_hold(run, s);
			if (write_byte(fds[1], TAKE_OVER) < 0)
				_exit(BCLINT_EXIT_PLUGIN);
			close(fds[1]);
			break; /* carry on with the run */
		}
		close(fds[1]);
		int late, loaded, status = 0;
		long done = watch(run, pid, fds[0], &late, &loaded, &status);
		if (done < 0)
			relay(pid); /* does not return */
		char msg[512], sig[32];
		const char *how = sig;
		if (late)
			snprintf(sig, sizeof(sig), "the time limit of %u s", run->rule_timeout);
		else if (WIFSIGNALED(status))
			how = bclint_signal_name(WTERMSIG(status), sig, sizeof(sig));
		else
			snprintf(sig, sizeof(sig), "exit status %d",
			         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		/* the worker failed during the (done+1)-th rule it ran */
		size_t at = 0;
		for (long k = -1; at < n; at++)
			if (failed[at] == NULL && ++k == done)
				break;
		if (!loaded || at >= n) {
			/* not in a rule: while loading, or after the last rule */
			snprintf(msg, sizeof(msg), "the process %s %s ended with %s",
			         loaded ? "running the rules on" : "loading", name, how);
			bclint_run_plugin_error(run, NULL, NULL, msg);
			break;
		}
		const struct bclint_rule_slot *slot = &run->rules.slots[idx[at]];
		const char *path = slot->plugin->path, *id = slot->rule->id;
		if (late)
			snprintf(msg, sizeof(msg), "%s: rule '%s' exceeded the time limit of %u s on %s",
			         path, id, run->rule_timeout, name);
		else if (WIFSIGNALED(status))
			snprintf(msg, sizeof(msg), "%s: rule '%s' crashed (%s) on %s", path, id, how,
			         name);
		else
			snprintf(msg, sizeof(msg), "%s: rule '%s' ended the process (%s) on %s", path,
			         id, how, name);
		/* printed now, recorded by the next worker in the rules' order */
		fprintf(stderr, "bclint: error: %s\n", msg);
		failed[at] = strdup(msg);
		if (failed[at] == NULL) {
			run->report.oom = 1;
			break;
		}
		if (at > quiet)
			quiet = at;
	}
	for (size_t i = 0; i < n; i++)
		free(failed[i]);
	free(idx);
	free(failed);
	free(name);
	bclint_text_free(text);
}
