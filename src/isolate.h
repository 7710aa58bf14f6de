/* Crash isolation: running one rule in a child process, so that a rule
 * that crashes or never returns is reported instead of ending the run. */
#ifndef BCLINT_ISOLATE_H
#define BCLINT_ISOLATE_H 1

#include "lint.h"
#include "snapshot.h"

/* Runs one rule over one snapshot in the current process. */
typedef void bclint_rule_runner(struct bclint_run *run, const struct bclint_snapshot *s,
                                const struct bclint_rule_slot *slot);

/* Call fn in a forked child, with run->rule_timeout seconds of wall-clock
 * time (0: no limit).  The findings and failures the child adds to its copy
 * of run->report are sent back over a pipe and merged into run->report.  A
 * child killed by a signal, exiting early or running out of time is a
 * plugin error naming the rule; its findings are dropped.  Falls back to
 * calling fn directly when no child can be started. */
void bclint_isolate_rule(struct bclint_run *run, const struct bclint_snapshot *s,
                         const struct bclint_rule_slot *slot, bclint_rule_runner *fn);

/* "SIGSEGV", "SIGABRT"...; "signal N" for others (buf holds it). */
const char *bclint_signal_name(int sig, char *buf, size_t size);

#endif
