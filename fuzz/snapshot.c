/* libFuzzer target: the whole path a snapshot takes through bclint.  The
 * input bytes are a snapshot file; it is loaded, its policy checked, every
 * core rule run over it, and the report written in all four formats.  The
 * rules are dlopen'd from BCLINT_FUZZ_RULES (set by fuzz/run.sh). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "lint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct bclint_run run;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[1024];
	const char *dir = getenv("BCLINT_FUZZ_RULES");
	if (dir == NULL || bclint_ruleset_load_dir(&run.rules, dir, 0, err, sizeof(err)) < 0 ||
	    run.rules.n_slots == 0) {
		fprintf(stderr, "fuzz-snapshot: set BCLINT_FUZZ_RULES to a directory of rule "
		        "plugins (%s)\n", dir ? err : "unset");
		abort();
	}
	for (size_t i = 0; i < run.rules.n_slots; i++)
		run.rules.slots[i].enabled = 1;
	run.now = 1790000000;
	return 0;
}

static void emit_all(int status)
{
	void (*const emitters[])(struct bclint_buf *, const struct bclint_emit *) = {
		bclint_emit_gcc, bclint_emit_sarif, bclint_emit_json, bclint_emit_github};
	for (size_t i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++) {
		struct bclint_emit e = {&run, (int)(i == 0), status, "fuzz"};
		struct bclint_buf out = {0};
		emitters[i](&out, &e);
		free(out.data);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *name = strdup("fuzz.json");
	if (text == NULL || name == NULL) {
		free(text);
		free(name);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&run.report, 0, sizeof(run.report));
	run.input_errors = run.plugin_errors = 0;
	bclint_run_text(&run, name, text, size);
	bclint_report_finish(&run.report);
	int status = bclint_run_status(&run, BCLINT_LEVEL_NOTE, -1);
	emit_all(status);
	bclint_report_free(&run.report);
	return 0;
}
