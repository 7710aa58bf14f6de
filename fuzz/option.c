/* libFuzzer target: rule options, the path a --set value (and, later, a
 * config file value) takes.  Each input line is "RULE.KEY=VALUE" as on the
 * command line, split the way main.c splits it and validated by
 * bclint_slot_set_option; then every rule runs with the options that were
 * accepted over the snapshot in BCLINT_FUZZ_SNAPSHOT, so a value that
 * passes validation but breaks a rule shows up.  The configuration file
 * has its own target, fuzz/config.c. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "snapshot.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct bclint_run run;
static struct bclint_lint_options opts = {
        1790000000, 0, 0, 0, BCLINT_NEED_ENDS | BCLINT_NEED_FINGERPRINTS, NULL, 1, NULL};

static void refused(void *arg, const char *path, const char *message)
{
	(void)arg;
	fprintf(stderr, "fuzz-option: %s: %s\n", path, message);
	abort();
}
static char *snapshot;
static size_t snapshot_len;

static int read_snapshot(const char *path)
{
	struct bclint_text t;
	if (bclint_text_read(path, &t) < 0)
		return -1;
	snapshot = malloc(t.len + 1);
	if (snapshot != NULL)
		memcpy(snapshot, t.data, t.len + 1);
	snapshot_len = t.len;
	bclint_text_free(&t);
	return snapshot != NULL ? 0 : -1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[1024];
	const char *dir = getenv("BCLINT_FUZZ_RULES"), *snap = getenv("BCLINT_FUZZ_SNAPSHOT");
	if (dir == NULL || snap == NULL ||
	    bclint_ruleset_load_dir(&run.rules, dir, refused, NULL, err, sizeof(err)) < 0 ||
	    run.rules.n_slots == 0 || read_snapshot(snap) < 0) {
		fputs("fuzz-option: set BCLINT_FUZZ_RULES to a directory of rule plugins and "
		      "BCLINT_FUZZ_SNAPSHOT to a snapshot\n",
		      stderr);
		abort();
	}
	for (size_t i = 0; i < run.rules.n_slots; i++)
		run.rules.slots[i].enabled = 1;
	return 0;
}

/* Forget the options set by the previous input. */
static void clear_options(void)
{
	for (size_t i = 0; i < run.rules.n_slots; i++)
		bclint_slot_clear_options(&run.rules.slots[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *args = malloc(size + 1), *text = malloc(snapshot_len + 1), *name = strdup("s.json");
	if (args == NULL || text == NULL || name == NULL) {
		free(args);
		free(text);
		free(name);
		return 0;
	}
	memcpy(args, data, size);
	args[size] = '\0';
	char *save = NULL;
	for (char *arg = strtok_r(args, "\n", &save); arg != NULL;
	     arg = strtok_r(NULL, "\n", &save)) {
		char err[512], id[128], key[128];
		const char *sep = strchr(arg, '.');
		const char *eq = sep ? strchr(sep + 1, '=') : NULL;
		if (eq == NULL)
			continue;
		snprintf(id, sizeof(id), "%.*s", (int)(sep - arg), arg);
		snprintf(key, sizeof(key), "%.*s", (int)(eq - sep - 1), sep + 1);
		struct bclint_rule_slot *s = bclint_ruleset_find(&run.rules, id);
		if (s != NULL)
			(void)bclint_slot_set_option(s, key, eq + 1, BCLINT_FROM_CLI, err,
			                             sizeof(err));
	}
	memcpy(text, snapshot, snapshot_len + 1);
	memset(&run.report, 0, sizeof(run.report));
	run.input_errors = run.plugin_errors = 0;
	bclint_lint_text(&run, &opts, name, bclint_text_own(text, snapshot_len));
	bclint_report_finish(&run.report, opts.needs);
	bclint_report_free(&run.report);
	clear_options();
	free(args);
	return 0;
}
