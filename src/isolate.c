/* Crash isolation: rules run in a forked child.  The child shares the
 * loaded snapshot and plugins with the parent (copy-on-write) and runs
 * every enabled rule in turn into its copy of the report; after each rule
 * it writes what the rule added -- findings with their notes, and
 * failures -- to a pipe in a compact binary form.  The parent merges each
 * complete result, and gives each rule the time limit from the end of the
 * one before.  When the child dies or runs out of time, the rule it was running
 * is reported with how it failed, and a new child goes on with the next
 * rule.  So a run costs one fork per snapshot, plus one per failed rule. */
#include "config.h"

#include <errno.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conffile.h"
#include "isolate.h"

/* Record tags of the pipe protocol. */
enum { REC_FINDING = 'F', REC_FAILURE = 'X', REC_END = 'E' };

#define NO_STRING 0xffffffffu

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

/* Writing records (child side). */

static void put_u32(struct bclint_buf *b, uint32_t v)
{
	bclint_buf_add(b, (const char *)&v, sizeof(v));
}

static void put_u64(struct bclint_buf *b, uint64_t v)
{
	bclint_buf_add(b, (const char *)&v, sizeof(v));
}

static void put_str(struct bclint_buf *b, const char *s)
{
	if (s == NULL) {
		put_u32(b, NO_STRING);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	bclint_buf_add(b, s, n);
}

/* Which suppression of the configuration a finding's reason belongs to. */
static uint32_t suppression_index(const struct bclint_run *run, const char *reason)
{
	const struct bclint_config *cfg = run->config;
	for (size_t i = 0; reason != NULL && cfg != NULL && i < cfg->n_supps; i++)
		if (cfg->supps[i].reason == reason)
			return (uint32_t)i;
	return NO_STRING;
}

static void put_result(struct bclint_buf *b, const struct bclint_run *run, size_t first_finding,
                       size_t first_failure)
{
	const struct bclint_report *r = &run->report;
	for (size_t i = first_finding; i < r->n_findings; i++) {
		const struct bclint_finding *f = r->findings[i];
		bclint_buf_putc(b, REC_FINDING);
		put_u32(b, (uint32_t)f->level);
		put_u32(b, f->file);
		put_u32(b, f->pos.off);
		put_u32(b, f->end.off);
		put_u64(b, f->identity);
		put_u32(b, suppression_index(run, f->suppressed));
		put_str(b, f->pointer);
		put_str(b, f->message);
		put_u32(b, (uint32_t)f->n_notes);
		for (size_t k = 0; k < f->n_notes; k++) {
			const struct bclint_note *n = &f->notes[k];
			put_u32(b, n->file);
			put_u32(b, n->pos.off);
			put_u32(b, n->end.off);
			put_str(b, n->pointer);
			put_str(b, n->message);
		}
	}
	for (size_t i = first_failure; i < r->n_failures; i++) {
		bclint_buf_putc(b, REC_FAILURE);
		put_str(b, r->failures[i].file);
		put_str(b, r->failures[i].rule);
		put_str(b, r->failures[i].message);
	}
	bclint_buf_putc(b, REC_END);
	put_u32(b, (uint32_t)r->oom);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reading records (parent side). */

struct reader {
	const char *p, *end;
	int bad;
};

/* Copy n bytes of the record into dst (left zeroed when it runs short). */
static void get_bytes(struct reader *rd, void *dst, size_t n)
{
	if (rd->end - rd->p < (ptrdiff_t)n) {
		rd->bad = 1;
		return;
	}
	memcpy(dst, rd->p, n);
	rd->p += n;
}

static uint32_t get_u32(struct reader *rd)
{
	uint32_t v = 0;
	get_bytes(rd, &v, sizeof(v));
	return v;
}

static uint64_t get_u64(struct reader *rd)
{
	uint64_t v = 0;
	get_bytes(rd, &v, sizeof(v));
	return v;
}

/* A string copied into the report's arena (NULL stays NULL); with r NULL,
 * only skipped. */
static const char *get_str(struct reader *rd, struct bclint_report *r)
{
	uint32_t n = get_u32(rd);
	if (rd->bad || n == NO_STRING)
		return NULL;
	if ((size_t)(rd->end - rd->p) < n) {
		rd->bad = 1;
		return NULL;
	}
	if (r == NULL) {
		rd->p += n;
		return NULL;
	}
	char *s = bclint_arena_alloc(&r->arena, (size_t)n + 1);
	if (s == NULL) {
		r->oom = 1;
		rd->p += n;
		return NULL;
	}
	memcpy(s, rd->p, n);
	s[n] = '\0';
	rd->p += n;
	return s;
}

/* The length of the first complete rule result in data (its records up
 * to and including the end record), 0 if it is not all there yet, -1 if
 * it is malformed. */
static long result_length(const char *data, size_t len)
{
	struct reader rd = {data, data + len, 0};
	while (!rd.bad && rd.p < rd.end) {
		char tag = *rd.p++;
		if (tag == REC_FINDING) {
			for (int i = 0; i < 4; i++)
				get_u32(&rd);
			get_u64(&rd);
			get_u32(&rd);
			get_str(&rd, NULL);
			get_str(&rd, NULL);
			uint32_t notes = get_u32(&rd);
			for (uint32_t k = 0; k < notes && !rd.bad; k++) {
				get_u32(&rd);
				get_u32(&rd);
				get_u32(&rd);
				get_str(&rd, NULL);
				get_str(&rd, NULL);
			}
		} else if (tag == REC_FAILURE) {
			for (int i = 0; i < 3; i++)
				get_str(&rd, NULL);
		} else if (tag == REC_END) {
			get_u32(&rd);
			return rd.bad ? 0 : (long)(rd.p - data);
		} else {
			return -1;
		}
	}
	return 0;
}

static void merge_result(struct bclint_run *run, const struct bclint_rule_slot *slot,
                         const char *data, size_t len)
{
	struct bclint_report *r = &run->report;
	struct reader rd = {data, data + len, 0};
	while (rd.p < rd.end) {
		char tag = *rd.p++;
		if (tag == REC_FINDING) {
			int level = (int)get_u32(&rd);
			uint32_t file = get_u32(&rd), start = get_u32(&rd), end = get_u32(&rd);
			uint64_t identity = get_u64(&rd);
			uint32_t sup = get_u32(&rd);
			const char *pointer = get_str(&rd, r);
			const char *message = get_str(&rd, r);
			struct bclint_finding *f =
				bclint_report_add(r, file, slot->rule->id, slot->plugin->desc->name, level,
				                  start, end, pointer, identity, message ? message : "");
			if (f != NULL && sup != NO_STRING && run->config != NULL &&
			    sup < run->config->n_supps) {
				f->suppressed = run->config->supps[sup].reason;
				run->config->supps[sup].used++;
			}
			uint32_t notes = get_u32(&rd);
			for (uint32_t k = 0; k < notes; k++) {
				uint32_t nfile = get_u32(&rd), nstart = get_u32(&rd), nend = get_u32(&rd);
				const char *nptr = get_str(&rd, r);
				const char *nmsg = get_str(&rd, r);
				bclint_report_note(r, f, nfile, nstart, nend, nptr ? nptr : "",
				                   nmsg ? nmsg : "");
			}
		} else if (tag == REC_FAILURE) {
			const char *file = get_str(&rd, r);
			const char *rule = get_str(&rd, r);
			const char *message = get_str(&rd, r);
			/* the child has printed it already */
			bclint_report_failure(r, file, rule, message ? message : "");
			run->plugin_errors++;
		} else {
			if (get_u32(&rd))
				r->oom = 1;
			break;
		}
	}
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fork a child that runs rules idx[0..n) in order, writing each one's
 * result as soon as it finishes. */
static pid_t start_child(struct bclint_run *run, const struct bclint_snapshot *s,
                         const size_t *idx, size_t n, bclint_rule_runner *fn, int *fd)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	fflush(NULL); /* the child must not write out the parent's buffers */
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid > 0) {
		close(fds[1]);
		*fd = fds[0];
		return pid;
	}
	close(fds[0]);
#ifdef HAVE_MALLOC_TRIM
	/* Parent and child share every page copy-on-write.  Memory on
	 * malloc's free lists (the parse tree, freed after loading) would
	 * cost the child a page copy per page it reuses; handed back to the
	 * system here, in the child only, it comes back as fresh pages, and
	 * the parent keeps its own to reuse without copying. */
	malloc_trim(0);
#endif
	struct bclint_buf b = {0}; /* one buffer for every result: no new pages per rule */
	for (size_t i = 0; i < n; i++) {
		size_t first_finding = run->report.n_findings;
		size_t first_failure = run->report.n_failures;
		fn(run, s, &run->rules.slots[idx[i]]);
		b.len = 0;
		put_u64(&b, 0); /* the length, filled in below */
		put_result(&b, run, first_finding, first_failure);
		if (!b.oom) {
			uint64_t body = b.len - sizeof(uint64_t);
			memcpy(b.data, &body, sizeof(body));
		}
		if (b.oom || write_all(fds[1], b.data, b.len) < 0)
			_exit(70);
	}
	_exit(0);
}

/* Wait for a child that closed its end of the pipe, until the deadline
 * (0: none).  Returns 0 with *status, or 1 when the time ran out. */
static int reap(pid_t pid, unsigned timeout, double deadline, int *status)
{
	long nap_ns = 20000; /* 20 us, doubling up to 5 ms */
	for (;;) {
		pid_t w = waitpid(pid, status, timeout ? WNOHANG : 0);
		if (w == pid || (w < 0 && errno != EINTR))
			return 0;
		if (timeout && seconds_now() >= deadline) {
			kill(pid, SIGKILL);
			while (waitpid(pid, status, 0) < 0 && errno == EINTR)
				;
			return 1;
		}
		struct timespec nap = {0, nap_ns};
		nanosleep(&nap, NULL);
		nap_ns = nap_ns < 2500000 ? nap_ns * 2 : 5000000;
	}
}

/* Merge the child's rule results as they come; each rule has the time
 * limit from the end of the one before.  Returns the index (into idx) of
 * the first rule the child did not finish, n if it finished them all. */
static size_t supervise(struct bclint_run *run, const struct bclint_snapshot *s, pid_t pid,
                        int fd, const size_t *idx, size_t next, size_t n)
{
	unsigned timeout = run->rule_timeout;
	double deadline = seconds_now() + timeout;
	struct bclint_buf b = {0};
	size_t used = 0;
	int open = 1, late = 0, bad = 0, status = 0;
	while (open && !late && !bad) {
		int wait_ms = -1;
		if (timeout) {
			double left = deadline - seconds_now();
			if (left <= 0) {
				kill(pid, SIGKILL);
				late = 1;
				break;
			}
			wait_ms = (int)(left * 1000.0) + 1;
		}
		struct pollfd p = {fd, POLLIN, 0};
		int ready = poll(&p, 1, wait_ms);
		if (ready < 0 && errno != EINTR)
			open = 0;
		if (ready <= 0)
			continue;
		/* read straight into the buffer: at least 64 KiB, or the rest of
		 * the result whose length is known */
		size_t want = 65536;
		if (b.len - used >= sizeof(uint64_t)) {
			uint64_t body;
			memcpy(&body, b.data + used, sizeof(body));
			if (body > SIZE_MAX / 2) {
				bad = 1;
				kill(pid, SIGKILL);
				break;
			}
			size_t have = b.len - used - sizeof(body);
			if ((size_t)body > have && (size_t)body - have > want)
				want = (size_t)body - have;
		}
		if (bclint_buf_reserve(&b, want) < 0) {
			bad = 1;
			kill(pid, SIGKILL);
			break;
		}
		ssize_t got = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			open = 0;
			continue;
		}
		b.len += (size_t)got;
		/* merge every complete result: a length, then records that must
		 * add up to exactly that length */
		while (next < n && b.len - used >= sizeof(uint64_t)) {
			uint64_t body;
			memcpy(&body, b.data + used, sizeof(body));
			if (body > b.len - used - sizeof(body))
				break;
			const char *data = b.data + used + sizeof(body);
			if (result_length(data, (size_t)body) != (long)body) {
				bad = 1;
				break;
			}
			merge_result(run, &run->rules.slots[idx[next]], data, (size_t)body);
			used += sizeof(body) + (size_t)body;
			next++;
			deadline = seconds_now() + timeout;
		}
		if (bad)
			kill(pid, SIGKILL);
		/* keep only the unfinished result: the buffer stays as small as
		 * one rule's findings, not all of them */
		if (!bad && used > 0) {
			memmove(b.data, b.data + used, b.len - used);
			b.len -= used;
			used = 0;
		}
	}
	close(fd);
	free(b.data);
	if (late || bad)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	else
		late = reap(pid, timeout, deadline, &status);
	if (next >= n) {
		/* Every rule finished, yet the child did not exit cleanly (under
		 * valgrind: errors or leaks in a rule). */
		if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) {
			char msg[512], buf[32];
			const char *how = buf;
			if (WIFSIGNALED(status))
				how = bclint_signal_name(WTERMSIG(status), buf, sizeof(buf));
			else
				snprintf(buf, sizeof(buf), "exit status %d", WEXITSTATUS(status));
			snprintf(msg, sizeof(msg), "the process running the rules on %s ended with %s "
			         "after the last rule", s->model.file, how);
			bclint_run_plugin_error(run, NULL, NULL, msg);
		}
		return n;
	}

	const struct bclint_rule_slot *slot = &run->rules.slots[idx[next]];
	const char *file = s->model.file, *path = slot->plugin->path, *id = slot->rule->id;
	char msg[512], sig[32];
	if (late)
		snprintf(msg, sizeof(msg), "%s: rule '%s' exceeded the time limit of %u s on %s",
		         path, id, timeout, file);
	else if (!bad && WIFSIGNALED(status))
		snprintf(msg, sizeof(msg), "%s: rule '%s' crashed (%s) on %s", path, id,
		         bclint_signal_name(WTERMSIG(status), sig, sizeof(sig)), file);
	else
		snprintf(msg, sizeof(msg), "%s: rule '%s' ended the process (exit status %d) on %s",
		         path, id, WIFEXITED(status) ? WEXITSTATUS(status) : -1, file);
	bclint_run_plugin_error(run, path, id, msg);
	return next + 1;
}

void bclint_isolate_rules(struct bclint_run *run, const struct bclint_snapshot *s,
                          bclint_rule_runner *fn)
{
	size_t n = 0, next = 0;
	size_t *idx = malloc((run->rules.n_slots + 1) * sizeof(*idx));
	if (idx == NULL) {
		run->report.oom = 1;
		return;
	}
	for (size_t i = 0; i < run->rules.n_slots; i++)
		if (run->rules.slots[i].enabled)
			idx[n++] = i;
	while (next < n) {
		int fd;
		pid_t pid = start_child(run, s, idx + next, n - next, fn, &fd);
		if (pid < 0)
			break;
		next = supervise(run, s, pid, fd, idx, next, n);
	}
	/* no child could be started: run the rest here */
	for (; next < n; next++)
		fn(run, s, &run->rules.slots[idx[next]]);
	free(idx);
}
