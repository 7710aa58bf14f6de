/* A lint run: the loaded rules, the configuration, and the report that
 * every snapshot's findings go into.  The library's entry point: set the
 * run up (setup.h), lint the snapshots (bclint_lint), read the report;
 * diagnostics about the run itself go to the caller's callback, and
 * nothing here prints or exits. */
#ifndef BCLINT_LINT_H
#define BCLINT_LINT_H 1

#include <bclint/plugin.h>

#include "baseline.h"
#include "conffile.h"
#include "diag.h"
#include "plugin.h"
#include "redact.h"
#include "report.h"
#include "roster.h"

/* Exit statuses (cli.md). */
enum {
	BCLINT_EXIT_OK = 0,
	BCLINT_EXIT_FINDINGS = 1,
	BCLINT_EXIT_USAGE = 2,
	BCLINT_EXIT_PLUGIN = 3
};

struct bclint_run {
	struct bclint_ruleset rules;
	struct bclint_config config; /* path NULL: no configuration */
	struct bclint_report report;
	struct bclint_diag_sink diag;
	int input_errors;     /* unreadable or invalid snapshots */
	int plugin_errors;    /* plugins refused or failed */
	size_t baselined;     /* findings a baseline removed */
	size_t baseline_gone; /* baseline entries that matched nothing */
};

/* How to lint. */
struct bclint_lint_options {
	bclint_time now;       /* --now, or BCLINT_NO_TIME */
	int redact;            /* --redact */
	int isolate;           /* load and lint each snapshot in a worker process */
	unsigned rule_timeout; /* seconds a rule may take when isolated; 0: none */
	unsigned needs;        /* what the output reads: BCLINT_NEED_* (report.h) */
	const struct bclint_baseline *baseline; /* or NULL */
	unsigned jobs;        /* workers at once (isolated only); 0: bclint_cpus() */
	const char *previous; /* an earlier snapshot of the same Business Center, or NULL */
	const struct bclint_roster *roster; /* the roster of current staff, or NULL */
	unsigned char redact_key[BCLINT_REDACT_KEY_BYTES]; /* the pseudonyms' key, with redact */
	/* With part, the report is handed out as the files are linted
	 * (bclint_report_flush): part(part_arg, report) is called with the
	 * finished findings of the first files, each file's once every file
	 * before it is done, and they are dropped when it returns, so that
	 * memory holds a few files' findings, not every file's.  What is
	 * left is in the report when bclint_lint returns.  Not with a
	 * baseline or o->previous, nor when the configuration has
	 * suppressions (their findings come first, and are known last): the
	 * whole report is then left, as without part. */
	void (*part)(void *arg, struct bclint_report *r);
	void *part_arg;
};

/* Workers at once at the most. */
#define BCLINT_JOBS_MAX 64

/* The processors online, 1 to BCLINT_JOBS_MAX: the default of jobs. */
unsigned bclint_cpus(void);

/* An empty run whose diagnostics go to diag. */
void bclint_run_init(struct bclint_run *run, const struct bclint_diag_sink *diag);

/* Lint every snapshot file of paths ("-" is standard input) with the
 * run's enabled rules -- with isolation, up to jobs files at once, each in
 * a worker --, report the configuration's expired and unused
 * suppressions, finish the report and apply the baseline.  The report and
 * the order of the diagnostics do not depend on jobs.  With o->previous,
 * that file is read after the first snapshot, as a source of the report
 * of its own, and loaded beside each snapshot for its rules to compare
 * with (host->previous); a snapshot of another Business Center is a
 * snapshot error of the previous one, and when the previous one cannot be
 * read, nothing is linted. */
void bclint_lint(struct bclint_run *run, const struct bclint_lint_options *o,
                 const char *const *paths, size_t n);

/* Lint one snapshot already in memory, named name (both taken), as
 * bclint_lint does each file; the report is not finished. */
void bclint_lint_text(struct bclint_run *run, const struct bclint_lint_options *o, char *name,
                      struct bclint_text text);

/* Record a plugin that could not be loaded or failed: a diagnostic, a
 * failure in the report (for SARIF), and exit status 3. */
void bclint_run_plugin_error(struct bclint_run *run, const char *file, const char *rule,
                             const char *message);

/* The exit status for a finished report: 3, 2, 1 or 0 (cli.md). */
int bclint_run_status(const struct bclint_run *run, int fail_on, long max_warnings);

void bclint_run_free(struct bclint_run *run);

#endif
