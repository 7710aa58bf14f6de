/* Running the enabled rules over one snapshot, and the exit status. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "isolate.h"
#include "json.h"
#include "lint.h"
#include "snapshot.h"

void bclint_run_plugin_error(struct bclint_run *run, const char *file, const char *rule,
                             const char *message)
{
	if (!run->quiet_failures)
		fprintf(stderr, "bclint: error: %s\n", message);
	bclint_report_failure(&run->report, file, rule, message);
	run->plugin_errors++;
}

/* Is a policy value of the right JSON type for the option? */
static const char *policy_type_error(const struct bclint_option *o, const cJSON *v)
{
	switch (o->type) {
	case BCLINT_OPT_INT:
		if (!cJSON_IsNumber(v) || bclint_json_number(v) < 0 ||
		    bclint_json_number(v) > 2147483647.0 ||
		    bclint_json_number(v) != (double)(long long)bclint_json_number(v))
			return "a non-negative integer";
		return NULL;
	case BCLINT_OPT_BOOL:
		return cJSON_IsBool(v) ? NULL : "true or false";
	case BCLINT_OPT_STRING:
		return cJSON_IsString(v) ? NULL : "a string";
	default:
		if (!cJSON_IsArray(v))
			return "an array of regular expressions";
		for (const cJSON *c = v->child; c; c = c->next)
			if (!cJSON_IsString(c))
				return "an array of regular expressions";
		return NULL;
	}
}

/* Each pattern of a policy pattern list must compile. */
static int check_patterns(struct bclint_report *r, uint32_t file, const cJSON *list,
                          const char *ptr)
{
	int errors = 0, k = 0;
	for (const cJSON *c = list->child; c != NULL; c = c->next, k++) {
		char why[200], p[300];
		if (bclint_regex_check(c->valuestring, why, sizeof(why)) == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%d", ptr, k);
		errors++;
		bclint_report_add(r, file, "snapshot", NULL, BCLINT_LEVEL_ERROR, bclint_json_start(c),
		                  bclint_json_end(c, r->sources[file].text), bclint_report_strdup(r, p),
		                  bclint_hash64(p, strlen(p), 1), why);
	}
	return errors;
}

/* Every policy key must be an option of some loaded rule, of its type. */
static int check_policy(void *arg, struct bclint_report *r, uint32_t file, const cJSON *policy)
{
	struct bclint_run *run = arg;
	int errors = 0;
	for (const cJSON *v = policy->child; v != NULL; v = v->next) {
		const struct bclint_option *o = NULL;
		for (size_t i = 0; i < run->rules.n_slots && o == NULL; i++)
			o = bclint_rule_option(run->rules.slots[i].rule, v->string, NULL);
		char ptr[256], msg[512];
		snprintf(ptr, sizeof(ptr), "/policy/%s", v->string);
		const char *want = o ? policy_type_error(o, v) : NULL;
		if (o == NULL)
			snprintf(msg, sizeof(msg), "unknown policy key '%s': no loaded rule has "
			         "this option (see bclint --explain RULE)", v->string);
		else if (want != NULL)
			snprintf(msg, sizeof(msg), "policy '%s' must be %s", v->string, want);
		else if (o->type == BCLINT_OPT_PATTERNS)
			errors += check_patterns(r, file, v, ptr);
		if (o != NULL && want == NULL)
			continue;
		errors++;
		bclint_report_add(r, file, "snapshot", NULL, BCLINT_LEVEL_ERROR, bclint_json_start(v),
		                  bclint_json_end(v, r->sources[file].text),
		                  bclint_report_strdup(r, ptr), bclint_hash64(ptr, strlen(ptr), 1), msg);
	}
	return errors;
}

static void run_rule(struct bclint_run *run, const struct bclint_snapshot *s,
                     const struct bclint_rule_slot *slot)
{
	struct bclint_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.run = run;
	ctx.report = &run->report;
	ctx.snap = s;
	ctx.slot = slot;
	ctx.lasting = &run->lasting;
	int rc = slot->rule->check(&bclint_host_services, &ctx, &s->model);
	char msg[512];
	if (ctx.undeclared != NULL) {
		snprintf(msg, sizeof(msg), "%s: rule '%s' read option '%s', which it does not "
		         "declare", slot->plugin->path, slot->rule->id, ctx.undeclared);
		bclint_run_plugin_error(run, slot->plugin->path, slot->rule->id, msg);
	} else if (rc < 0) {
		snprintf(msg, sizeof(msg), "%s: rule '%s' failed on %s (status %d)",
		         slot->plugin->path, slot->rule->id, s->model.file, rc);
		bclint_run_plugin_error(run, slot->plugin->path, slot->rule->id, msg);
	}
	bclint_ctx_release(&ctx);
}

void bclint_run_file(struct bclint_run *run, const char *path)
{
	char *text, *name = strdup(path);
	size_t len;
	if (name == NULL || bclint_read_text(path, &text, &len) < 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s: cannot read snapshot: %s",
		         strcmp(path, "-") ? path : "(standard input)", strerror(errno));
		fprintf(stderr, "bclint: error: %s\n", msg);
		bclint_report_failure(&run->report, path, NULL, msg); /* for SARIF */
		free(name);
		run->input_errors++;
		return;
	}
	bclint_run_text(run, name, text, len);
}

/* Add the source and load it: the snapshot, or NULL when it had errors. */
static struct bclint_snapshot *load(struct bclint_run *run, char *name, char *text, size_t len)
{
	int file = bclint_report_add_source(&run->report, name, text, len);
	if (file < 0) {
		run->input_errors++;
		return NULL;
	}
	struct bclint_snapshot *s =
		bclint_snapshot_load_with(&run->report, (uint32_t)file, check_policy, run);
	if (s == NULL)
		run->input_errors++;
	return s;
}

void bclint_run_hold(struct bclint_run *run, struct bclint_snapshot *s)
{
	run->held = s;
}

/* Free the held snapshot with its labels. */
static void drop_held(struct bclint_run *run)
{
	bclint_snapshot_free(run->held);
	run->held = NULL;
	bclint_lasting_free(&run->lasting);
}

/* Settle the held snapshot's messages, then drop it. */
static void release(struct bclint_run *run)
{
	if (run->held != NULL)
		bclint_report_settle(&run->report, run->held_first);
	drop_held(run);
}

void bclint_run_text(struct bclint_run *run, char *name, char *text, size_t len)
{
	release(run);
	run->held_first = run->report.n_findings;
	if (run->isolate) { /* in a worker process: see isolate.c */
		bclint_isolate_text(run, name, text, len, load, run_rule);
		return;
	}
	struct bclint_snapshot *s = load(run, name, text, len);
	if (s == NULL)
		return;
	for (size_t i = 0; i < run->rules.n_slots; i++)
		if (run->rules.slots[i].enabled)
			run_rule(run, s, &run->rules.slots[i]);
	bclint_run_hold(run, s);
}

int bclint_run_status(const struct bclint_run *run, int fail_on, long max_warnings)
{
	if (run->plugin_errors > 0 || run->report.oom)
		return BCLINT_EXIT_PLUGIN;
	if (run->input_errors > 0)
		return BCLINT_EXIT_USAGE;
	const size_t *c = run->report.counts;
	for (int l = BCLINT_LEVEL_ERROR; l >= BCLINT_LEVEL_NOTE && fail_on >= BCLINT_LEVEL_NOTE &&
	                                 fail_on <= BCLINT_LEVEL_ERROR; l--)
		if (l >= fail_on && c[l] > 0)
			return BCLINT_EXIT_FINDINGS;
	if (max_warnings >= 0 && c[BCLINT_LEVEL_WARNING] > (size_t)max_warnings)
		return BCLINT_EXIT_FINDINGS;
	return BCLINT_EXIT_OK;
}

void bclint_run_free(struct bclint_run *run)
{
	if (run == NULL)
		return;
	drop_held(run); /* nothing to settle: the report goes too */
	bclint_report_free(&run->report);
	bclint_ruleset_free(&run->rules);
	bclint_arena_spare_free();
}
