/* Crash isolation: each rule runs in a forked child.  The child shares the
 * loaded snapshot and plugins with the parent (copy-on-write), runs the
 * rule into its copy of the report, then writes what the rule added --
 * findings with their notes, and failures -- to a pipe in a compact binary
 * form.  The parent reads it under a time limit, waits for the child, and
 * merges the result only when the child finished normally. */
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

static uint32_t get_u32(struct reader *rd)
{
	uint32_t v = 0;
	if (rd->end - rd->p < (ptrdiff_t)sizeof(v)) {
		rd->bad = 1;
		return 0;
	}
	memcpy(&v, rd->p, sizeof(v));
	rd->p += sizeof(v);
	return v;
}

static uint64_t get_u64(struct reader *rd)
{
	uint64_t v = 0;
	if (rd->end - rd->p < (ptrdiff_t)sizeof(v)) {
		rd->bad = 1;
		return 0;
	}
	memcpy(&v, rd->p, sizeof(v));
	rd->p += sizeof(v);
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

/* Check that the whole result is well formed before merging any of it. */
static int result_complete(const char *data, size_t len)
{
	struct reader rd = {data, data + len, 0};
	int done = 0;
	while (!rd.bad && !done && rd.p < rd.end) {
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
			done = 1;
		} else {
			rd.bad = 1;
		}
	}
	return done && !rd.bad && rd.p == rd.end;
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

/* Read the child's result until end of file, and wait for it; kill it when
 * the time is up.  Returns 1 when it ran out of time, else 0 with *status. */
static int collect(pid_t pid, int fd, unsigned timeout, struct bclint_buf *b, int *status)
{
	double deadline = seconds_now() + (timeout ? (double)timeout : 0.0);
	int open = 1;
	for (;;) {
		if (!open) {
			pid_t w = waitpid(pid, status, WNOHANG);
			if (w == pid || (w < 0 && errno != EINTR))
				return 0;
		}
		int wait_ms = -1;
		if (timeout) {
			double left = deadline - seconds_now();
			if (left <= 0) {
				kill(pid, SIGKILL);
				while (waitpid(pid, status, 0) < 0 && errno == EINTR)
					;
				return 1;
			}
			wait_ms = (int)(left * 1000.0) + 1;
		}
		if (!open) {
			/* the child closed its end: poll for its exit */
			struct timespec nap = {0, 5000000};
			if (!timeout) {
				while (waitpid(pid, status, 0) < 0 && errno == EINTR)
					;
				return 0;
			}
			nanosleep(&nap, NULL);
			continue;
		}
		struct pollfd p = {fd, POLLIN, 0};
		int n = poll(&p, 1, wait_ms);
		if (n < 0 && errno != EINTR)
			open = 0;
		if (n <= 0)
			continue;
		char chunk[65536];
		ssize_t got = read(fd, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			open = 0;
		else
			bclint_buf_add(b, chunk, (size_t)got);
	}
}

void bclint_isolate_rule(struct bclint_run *run, const struct bclint_snapshot *s,
                         const struct bclint_rule_slot *slot, bclint_rule_runner *fn)
{
	int fds[2];
	if (pipe(fds) < 0) {
		fn(run, s, slot);
		return;
	}
	fflush(NULL); /* the child must not write out the parent's buffers */
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		fn(run, s, slot);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		size_t first_finding = run->report.n_findings;
		size_t first_failure = run->report.n_failures;
		fn(run, s, slot);
		struct bclint_buf b = {0};
		put_result(&b, run, first_finding, first_failure);
		int rc = b.oom || write_all(fds[1], b.data, b.len) < 0;
		free(b.data);
		_exit(rc ? 70 : 0);
	}
	close(fds[1]);
	struct bclint_buf b = {0};
	int status = 0;
	int late = collect(pid, fds[0], run->rule_timeout, &b, &status);
	close(fds[0]);
	char msg[512], sig[32];
	const char *file = s->model.file, *path = slot->plugin->path, *id = slot->rule->id;
	if (late) {
		snprintf(msg, sizeof(msg), "%s: rule '%s' exceeded the time limit of %u s on %s",
		         path, id, run->rule_timeout, file);
	} else if (WIFSIGNALED(status)) {
		snprintf(msg, sizeof(msg), "%s: rule '%s' crashed (%s) on %s", path, id,
		         bclint_signal_name(WTERMSIG(status), sig, sizeof(sig)), file);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || b.oom ||
	           !result_complete(b.data, b.len)) {
		snprintf(msg, sizeof(msg), "%s: rule '%s' ended the process (exit status %d) on %s",
		         path, id, WIFEXITED(status) ? WEXITSTATUS(status) : -1, file);
	} else {
		merge_result(run, slot, b.data, b.len);
		free(b.data);
		return;
	}
	free(b.data);
	bclint_run_plugin_error(run, path, id, msg);
}
