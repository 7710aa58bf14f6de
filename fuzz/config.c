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
#include "snapshot.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct bclint_run run;
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

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[1024];
	const char *dir = getenv("BCLINT_FUZZ_RULES"), *snap = getenv("BCLINT_FUZZ_SNAPSHOT");
	fd = memfd_create("bclint-config", 0);
	if (dir == NULL || snap == NULL || fd < 0 ||
	    bclint_ruleset_load_dir(&run.rules, dir, refused, NULL, err, sizeof(err)) < 0 ||
	    run.rules.n_slots == 0 || bclint_read_file(snap, &snapshot, &snapshot_len) < 0) {
		fputs("fuzz-config: set BCLINT_FUZZ_RULES to a directory of rule plugins and "
		      "BCLINT_FUZZ_SNAPSHOT to a snapshot\n", stderr);
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	run.now = 1790000000;
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
	struct bclint_config cfg = {.file = -1};
	run.plugin_errors = run.input_errors = 0;
	if (bclint_config_load(&run, &cfg, path, 1) == 0) {
		run.config = &cfg;
		char *text = malloc(snapshot_len + 1), *name = strdup("s.json");
		if (text != NULL && name != NULL) {
			memcpy(text, snapshot, snapshot_len + 1);
			run.isolate = 0;
			bclint_run_text(&run, name, text, snapshot_len);
		} else {
			free(text);
			free(name);
		}
		bclint_config_report(&run, &cfg);
		bclint_report_finish(&run.report);
		run.config = NULL;
	}
	bclint_report_free(&run.report);
	bclint_config_free(&cfg);
	reset_rules(n_builtin, n_plugins);
	return 0;
}
