/* A lint run: the loaded rules, the run's settings, and the report that
 * every snapshot's findings go into.  main.c drives it; tests drive it the
 * same way. */
#ifndef BCLINT_LINT_H
#define BCLINT_LINT_H 1

#include <bclint/plugin.h>

#include "plugin.h"
#include "report.h"

/* Exit statuses (cli.md). */
enum {
	BCLINT_EXIT_OK = 0,
	BCLINT_EXIT_FINDINGS = 1,
	BCLINT_EXIT_USAGE = 2,
	BCLINT_EXIT_PLUGIN = 3
};

struct bclint_run {
	struct bclint_ruleset rules;
	struct bclint_report report;
	bclint_time now; /* --now, or BCLINT_NO_TIME */
	int redact;
	struct bclint_config *config; /* suppressions, or NULL */
	int input_errors;  /* unreadable or invalid snapshots */
	int plugin_errors; /* plugins refused or failed */
	int isolate;           /* load and lint each snapshot in a worker (isolate.c) */
	unsigned rule_timeout; /* seconds a rule may take when isolated; 0: no limit */
	int quiet_failures;    /* record plugin errors without printing them (a re-run) */
};

/* Lint one snapshot file ("-" is standard input) with every enabled rule.
 * Findings go into run->report; problems reading it are printed to stderr
 * and counted in run->input_errors. */
void bclint_run_file(struct bclint_run *run, const char *path);

/* Lint a snapshot already in memory, as bclint_run_file does after reading
 * it.  Takes ownership of name and text (text[len] must be NUL; both are
 * freed on failure). */
void bclint_run_text(struct bclint_run *run, char *name, char *text, size_t len);

/* Record a plugin that could not be loaded or failed (message on stderr). */
void bclint_run_plugin_error(struct bclint_run *run, const char *file, const char *rule,
                             const char *message);

/* The exit status for a finished report: 3, 2, 1 or 0 (cli.md). */
int bclint_run_status(const struct bclint_run *run, int fail_on, long max_warnings);

/* Free everything (NULL is safe). */
void bclint_run_free(struct bclint_run *run);

/* The host services table given to every rule. */
extern const struct bclint_host bclint_host_services;

#endif
