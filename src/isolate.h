/* Crash isolation: loading each snapshot and running its rules in a worker
 * process, so that a rule that crashes or never returns is reported instead
 * of ending the run. */
#ifndef BCLINT_ISOLATE_H
#define BCLINT_ISOLATE_H 1

#include "lint.h"
#include "snapshot.h"

/* Runs one rule over one snapshot in the current process. */
typedef void bclint_rule_runner(struct bclint_run *run, const struct bclint_snapshot *s,
                                const struct bclint_rule_slot *slot);

/* Loads a snapshot into run->report, taking name and text: the snapshot,
 * or NULL when it had errors. */
typedef struct bclint_snapshot *bclint_snapshot_loader(struct bclint_run *run, char *name,
                                                      char *text, size_t len);

/* Load a snapshot with load and run every enabled rule of run over it with
 * fn, in a forked worker, with run->rule_timeout seconds of wall-clock time
 * per rule (0: no limit).  On success the function returns in the worker,
 * which carries on with the run; the calling process waits for it and ends
 * as it ends (it never returns).  A rule during which the worker is killed
 * by a signal, exits or runs out of time is a plugin error naming the
 * rule, and a new worker loads the snapshot again and runs its rules
 * without that one (those that had finished quietly: their failures were
 * printed already).  Without a worker (fork failed), does it all here.
 * Takes name and text. */
void bclint_isolate_text(struct bclint_run *run, char *name, char *text, size_t len,
                         bclint_snapshot_loader *load, bclint_rule_runner *fn);

/* "SIGSEGV", "SIGABRT"...; "signal N" for others (buf holds it). */
const char *bclint_signal_name(int sig, char *buf, size_t size);

#endif
