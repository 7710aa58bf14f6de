/* Crash isolation: running the rules in a worker process, so that a rule
 * that crashes or never returns is reported instead of ending the run. */
#ifndef BCLINT_ISOLATE_H
#define BCLINT_ISOLATE_H 1

#include "lint.h"
#include "snapshot.h"

/* Runs one rule over one snapshot in the current process. */
typedef void bclint_rule_runner(struct bclint_run *run, const struct bclint_snapshot *s,
                                const struct bclint_rule_slot *slot);

/* Run every enabled rule of run over s with fn in a forked worker, with
 * run->rule_timeout seconds of wall-clock time per rule (0: no limit).
 * On success the function returns in the worker, which carries on with
 * the run; the calling process waits for it and ends as it ends (it never
 * returns).  A rule during which the worker is killed by a signal, exits
 * or runs out of time is a plugin error naming the rule, and a new worker
 * runs the snapshot's rules again without it (those that had finished
 * quietly: their failures were printed already).  Falls back to calling
 * fn directly when no worker can be started. */
void bclint_isolate_rules(struct bclint_run *run, const struct bclint_snapshot *s,
                          bclint_rule_runner *fn);

/* "SIGSEGV", "SIGABRT"...; "signal N" for others (buf holds it). */
const char *bclint_signal_name(int sig, char *buf, size_t size);

#endif
