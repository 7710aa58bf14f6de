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

/* What a snapshot's findings may point at until they are written or
 * settled (bclint_report_settle): the labels the host made for its rules,
 * and where memory that stays as it is lies (host.c). */
struct bclint_span {
	uintptr_t start, end;
};
struct bclint_lasting {
	struct bclint_arena labels;
	const char **asset_labels;   /* per asset, made on first use */
	const char **cap_labels;     /* per permission, made on first use */
	struct bclint_span *spans;   /* sorted: the model, read-only segments */
	size_t n_spans;
	int spans_made;              /* 1 made, -1 out of memory (nothing lasts) */
	size_t recent[2];            /* the spans found last: tried first */
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
	/* the last snapshot linted, kept with its labels until the next
	 * (or the output): its findings' messages may point into them */
	struct bclint_snapshot *held;
	size_t held_first; /* its first finding */
	struct bclint_lasting lasting;
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

/* Keep s, whose rules have run, until the next snapshot (which settles its
 * findings' messages first) or bclint_run_free. */
void bclint_run_hold(struct bclint_run *run, struct bclint_snapshot *s);

/* Free everything (NULL is safe). */
void bclint_run_free(struct bclint_run *run);

/* The host services table given to every rule. */
extern const struct bclint_host bclint_host_services;

#endif
