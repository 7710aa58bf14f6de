/* libFuzzer target: the configuration file loader.  Each input is written
 * to a memory file and loaded as an explicit -c file with every built-in
 * rule loaded (BCLINT_FUZZ_RULES), then, when it was accepted, the
 * snapshot in BCLINT_FUZZ_SNAPSHOT is linted with its levels, options and
 * suppressions, and the expired and unused suppressions are reported.
 * Rule settings are put back between inputs. */
#define _GNU_SOURCE 1
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "conffile.h"
#include "lint.h"
#include "setup.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct bclint_run run;
static struct bclint_lint_options opts = {
        1790000000, 0, 0, 0, BCLINT_NEED_ENDS | BCLINT_NEED_FINGERPRINTS, NULL, 1, NULL};
static char *snapshot;
static size_t snapshot_len;
static int fd = -1;
static char path[64];

static void refused(void *arg, const char *file, const char *message)
{
	(void)arg;
	fprintf(stderr, "fuzz-config: %s: %s\n", file, message);
	abort();
}

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
	fd = memfd_create("bclint-config", 0);
	if (dir == NULL || snap == NULL || fd < 0 ||
	    bclint_ruleset_load_dir(&run.rules, dir, refused, NULL, err, sizeof(err)) < 0 ||
	    run.rules.n_slots == 0 || read_snapshot(snap) < 0) {
		fputs("fuzz-config: set BCLINT_FUZZ_RULES to a directory of rule plugins and "
		      "BCLINT_FUZZ_SNAPSHOT to a snapshot\n",
		      stderr);
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return 0;
}

/* Put every rule back as loaded: enabled, default level, no options; and
 * unload the plugins a configuration added. */
static void reset_rules(size_t n_builtin, size_t n_plugins)
{
	for (size_t i = 0; i < run.rules.n_slots; i++) {
		struct bclint_rule_slot *s = &run.rules.slots[i];
		s->enabled = 1;
		s->level = (int)s->rule->level;
		s->level_overridden = 0;
		bclint_slot_clear_options(s);
	}
	if (run.rules.n_slots != n_builtin || run.rules.n_plugins != n_plugins) {
		/* a config loaded one more plugin: start again from the directory */
		bclint_ruleset_free(&run.rules);
		char err[1024];
		if (bclint_ruleset_load_dir(&run.rules, getenv("BCLINT_FUZZ_RULES"), refused, NULL,
		                            err, sizeof(err)) < 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n_builtin = run.rules.n_slots, n_plugins = run.rules.n_plugins;
	if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	run.plugin_errors = run.input_errors = 0;
	if (bclint_config_read(&run.config, path, 1, &run.diag) == 0 &&
	    bclint_setup_config(&run, opts.now) == 0) {
		/* the configuration is source 0, as bclint_lint makes it */
		char *copy = malloc(run.config.text.len + 1);
		if (copy != NULL)
			memcpy(copy, run.config.text.data, run.config.text.len + 1);
		int cfile =
		        copy ? bclint_report_add_source(&run.report, strdup("c.json"),
		                                        bclint_text_own(copy, run.config.text.len))
		             : -1;
		char *text = malloc(snapshot_len + 1), *name = strdup("s.json");
		if (text != NULL && name != NULL) {
			memcpy(text, snapshot, snapshot_len + 1);
			bclint_lint_text(&run, &opts, name, bclint_text_own(text, snapshot_len));
		} else {
			free(text);
			free(name);
		}
		if (cfile >= 0)
			bclint_suppressions_report(&run.config.supps, &run.report, (uint32_t)cfile);
		bclint_report_finish(&run.report, opts.needs);
	}
	bclint_report_free(&run.report);
	bclint_config_free(&run.config);
	reset_rules(n_builtin, n_plugins);
	return 0;
}
