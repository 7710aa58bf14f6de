/* libFuzzer target: the whole path a snapshot takes through bclint.  The
 * input bytes are a snapshot file; it is loaded, its policy checked, every
 * core rule run over it, and the report written in all four formats.  The
 * rules are dlopen'd from BCLINT_FUZZ_RULES (set by fuzz/run.sh).  Beyond
 * the sanitizers, the target checks that no input can forge an output line
 * (gcc, GitHub) or break the JSON of the JSON and SARIF reports. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "emit.h"
#include "lint.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct bclint_run run;
static struct bclint_lint_options opts = {
        1790000000, 0, 0, 0, BCLINT_NEED_ENDS | BCLINT_NEED_FINGERPRINTS, NULL, 1, NULL};

static void refused(void *arg, const char *path, const char *message)
{
	(void)arg;
	fprintf(stderr, "fuzz-snapshot: %s: %s\n", path, message);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char err[1024];
	const char *dir = getenv("BCLINT_FUZZ_RULES");
	if (dir == NULL ||
	    bclint_ruleset_load_dir(&run.rules, dir, refused, NULL, err, sizeof(err)) < 0 ||
	    run.rules.n_slots == 0) {
		fprintf(stderr,
		        "fuzz-snapshot: set BCLINT_FUZZ_RULES to a directory of rule "
		        "plugins (%s)\n",
		        dir ? err : "unset");
		abort();
	}
	for (size_t i = 0; i < run.rules.n_slots; i++)
		run.rules.slots[i].enabled = 1;
	return 0;
}

/* No input may forge a line: in gcc (without colour) and GitHub output
 * every line starts as a finding does and holds no control character. */
static void check_lines(const struct bclint_buf *out, const char *start)
{
	size_t n = strlen(start);
	for (size_t i = 0; i < out->len; i++) {
		unsigned char c = (unsigned char)out->data[i];
		if ((i == 0 || out->data[i - 1] == '\n') && strncmp(out->data + i, start, n) != 0)
			abort();
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			abort();
	}
}

/* JSON and SARIF output must be valid JSON, whatever the input. */
static void check_json(const struct bclint_buf *out)
{
	cJSON *doc = cJSON_ParseWithLength(out->data, out->len);
	if (doc == NULL)
		abort();
	cJSON_Delete(doc);
}

static void emit_all(int status)
{
	struct bclint_emit e = {&run, 0, status, "fuzz", NULL};
	struct bclint_buf out[5] = {{0}};
	bclint_emit_gcc(&out[0], &e);
	bclint_emit_github(&out[1], &e);
	bclint_emit_json(&out[2], &e);
	bclint_emit_sarif(&out[3], &e);
	e.color = 1;
	bclint_emit_gcc(&out[4], &e);
	if (!out[0].oom && !out[1].oom && !out[2].oom && !out[3].oom) {
		check_lines(&out[0], "fuzz.json:");
		check_lines(&out[1], "::");
		check_json(&out[2]);
		check_json(&out[3]);
	}
	for (size_t i = 0; i < 5; i++)
		free(out[i].data);
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
	bclint_lint_text(&run, &opts, name, bclint_text_own(text, size));
	bclint_report_finish(&run.report, opts.needs);
	int status = bclint_run_status(&run, BCLINT_LEVEL_NOTE, -1);
	emit_all(status);
	bclint_report_free(&run.report);
	return 0;
}
