/* SARIF 2.1.0: one run with the driver's rules, results with regions,
 * JSON Pointer logical locations, notes as related locations, and
 * fingerprints from rule and entity identity. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

#define FINGERPRINT_KEY "bclint/v1"

/* GitHub code scanning's limits (docs.github.com, "SARIF results exceed
 * limit"): at most 25,000 results per run (the upload is rejected above
 * that), 1,000 locations per result of which 100 are shown, 20 tags per
 * rule of which 10 are shown.  Staying at the shown counts keeps every
 * log uploadable and every kept item visible. */
#define MAX_RESULTS 25000
#define MAX_RELATED 100
#define MAX_TAGS 10

/* The host's own pseudo-rules, before every plugin's: ruleIndex 0, 1, 2. */
static const char *const host_tags[] = {"bclint", NULL};
static const struct bclint_rule host_rules[] = {{
	.id = "snapshot",
	.tags = host_tags,
	.name = "SnapshotError",
	.summary = "The snapshot itself is invalid",
	.description = "The snapshot is not valid bclint-snapshot/1: malformed JSON, a missing "
	               "required field, a wrong type, an unknown enum value, a duplicate ID or a "
	               "reference to a member that is not in the snapshot.",
	.rationale = "No rule can be trusted on a snapshot that does not say what it seems to.",
	.fix = "Correct the snapshot at the reported position (see bclint-snapshot(5)).",
	.level = BCLINT_LEVEL_ERROR,
}, {
	.id = "suppression-expired",
	.name = "SuppressionExpired",
	.summary = "A suppression in the configuration file has expired",
	.description = "A suppression whose 'expires' date is before now no longer suppresses "
	               "anything; the findings it covered are reported again.",
	.rationale = "Suppressions are meant to be temporary exceptions, reviewed when they end.",
	.fix = "Fix the findings it covered, or renew the suppression with a new date and reason.",
	.level = BCLINT_LEVEL_WARNING,
	.tags = host_tags,
}, {
	.id = "suppression-unused",
	.name = "SuppressionUnused",
	.summary = "A suppression in the configuration file matched no finding",
	.description = "A suppression that suppressed nothing in this run.",
	.rationale = "Stale suppressions hide future findings that nobody reviewed.",
	.fix = "Remove the suppression from the configuration file.",
	.level = BCLINT_LEVEL_NOTE,
	.tags = host_tags,
}};
#define N_HOST_RULES (sizeof(host_rules) / sizeof(host_rules[0]))

static void jstr(struct bclint_buf *out, const char *s)
{
	bclint_buf_putc(out, '"');
	bclint_buf_json_str(out, s ? s : "");
	bclint_buf_putc(out, '"');
}

/* A URI reference for a path: relative paths stay relative, absolute ones
 * become file: URIs; percent-encode what URIs do not allow. */
static void uri(struct bclint_buf *out, const char *path)
{
	bclint_buf_putc(out, '"');
	if (strcmp(path, "-") == 0) {
		bclint_buf_puts(out, "stdin\"");
		return;
	}
	char *norm = bclint_emit_normalise(path);
	if (norm == NULL) {
		out->oom = 1;
		return;
	}
	if (norm[0] == '/')
		bclint_buf_puts(out, "file://");
	for (const unsigned char *p = (const unsigned char *)norm; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p) != NULL)
			bclint_buf_putc(out, (char)*p);
		else
			bclint_buf_printf(out, "%%%02X", *p);
	}
	free(norm);
	bclint_buf_putc(out, '"');
}

static const char *sarif_level(int level)
{
	return level == BCLINT_LEVEL_ERROR ? "error" : level == BCLINT_LEVEL_WARNING ? "warning"
	                                                                          : "note";
}

static void rule_entry(struct bclint_buf *out, const struct bclint_rule *r,
                       const struct bclint_plugin *plugin, const char *precision, int level,
                       int comma)
{
	static const char *const severity[] = {"", "recommendation", "warning", "error"};
	bclint_buf_puts(out, comma ? ",\n      {\"id\": " : "{\"id\": ");
	jstr(out, r->id);
	bclint_buf_puts(out, ", \"name\": ");
	jstr(out, r->name);
	bclint_buf_puts(out, ", \"shortDescription\": {\"text\": ");
	jstr(out, r->summary);
	bclint_buf_puts(out, "}, \"fullDescription\": {\"text\": ");
	jstr(out, r->description ? r->description : r->summary);
	struct bclint_buf text = {0}, md = {0};
	bclint_buf_printf(&text, "%s\n\nWhy: %s\n\nFix: %s", r->description ? r->description : "",
	                  r->rationale ? r->rationale : "", r->fix ? r->fix : "");
	bclint_buf_printf(&md, "%s\n\n**Why it matters.** %s\n\n**How to fix.** %s",
	                  r->description ? r->description : "", r->rationale ? r->rationale : "",
	                  r->fix ? r->fix : "");
	bclint_buf_puts(out, "}, \"help\": {\"text\": ");
	jstr(out, text.data);
	bclint_buf_puts(out, ", \"markdown\": ");
	jstr(out, md.data);
	if (text.oom || md.oom) /* else the help text would be cut short */
		out->oom = 1;
	free(text.data);
	free(md.data);
	bclint_buf_puts(out, "}, \"helpUri\": ");
	bclint_buf_printf(out, "\"%s#%s\"", PACKAGE_URL "/blob/main/man/bclint-rules.7", r->id);
	bclint_buf_printf(out, ", \"defaultConfiguration\": {\"level\": \"%s\"}",
	                  sarif_level(level));
	bclint_buf_puts(out, ", \"properties\": {\"tags\": [");
	for (size_t i = 0; r->tags != NULL && r->tags[i] != NULL && i < MAX_TAGS; i++) {
		if (i)
			bclint_buf_puts(out, ", ");
		jstr(out, r->tags[i]);
	}
	bclint_buf_printf(out, "], \"precision\": \"%s\", \"problem.severity\": \"%s\"",
	                  precision, severity[r->level]);
	if (plugin != NULL) {
		bclint_buf_puts(out, ", \"plugin\": ");
		jstr(out, plugin->name);
		bclint_buf_puts(out, ", \"pluginVersion\": ");
		jstr(out, plugin->version);
	}
	bclint_buf_puts(out, "}}");
}

static void physical(struct bclint_buf *out, const struct bclint_emit_names *u, uint32_t file,
                     const struct bclint_textpos *pos, const struct bclint_textpos *end)
{
	bclint_buf_puts(out, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	bclint_buf_puts(out, bclint_emit_name(u, file));
	bclint_buf_puts(out, ", \"index\": ");
	bclint_buf_uint(out, file);
	bclint_buf_puts(out, "}, \"region\": {\"startLine\": ");
	bclint_buf_uint(out, pos->line);
	bclint_buf_puts(out, ", \"startColumn\": ");
	bclint_buf_uint(out, pos->col);
	bclint_buf_puts(out, ", \"endLine\": ");
	bclint_buf_uint(out, end->line);
	bclint_buf_puts(out, ", \"endColumn\": ");
	bclint_buf_uint(out, end->col);
	bclint_buf_puts(out, "}}");
}

/* Who and what a result is about, in its property bag (the keys that
 * apply). */
static void properties(struct bclint_buf *out, const struct bclint_source *src,
                       const struct bclint_about *a)
{
	const char *keys[] = {"bc_id", "user_id", "user_email", "asset_type", "asset_id"};
	const char *vals[] = {src->bc_id, a->user_id, a->user_email, a->asset_type, a->asset_id};
	int n = 0;
	for (int i = 0; i < 5; i++) {
		if (vals[i] == NULL)
			continue;
		bclint_buf_puts(out, n++ ? ", \"" : ", \"properties\": {\"");
		bclint_buf_puts(out, keys[i]);
		bclint_buf_puts(out, "\": ");
		jstr(out, vals[i]);
	}
	if (n > 0)
		bclint_buf_putc(out, '}');
}

static void result(struct bclint_buf *out, const struct bclint_emit *e,
                   const struct bclint_emit_names *u,
                   const struct bclint_finding *f)
{
	const struct bclint_rule_slot *slot = bclint_emit_slot(e, f);
	size_t index = 0;
	if (slot != NULL)
		index = (size_t)(slot - e->run->rules.slots) + N_HOST_RULES;
	else
		while (index + 1 < N_HOST_RULES && strcmp(host_rules[index].id, f->rule) != 0)
			index++;
	bclint_buf_puts(out, "{\"ruleId\": ");
	jstr(out, f->rule);
	bclint_buf_puts(out, ", \"ruleIndex\": ");
	bclint_buf_uint(out, index);
	bclint_buf_puts(out, ", \"level\": \"");
	bclint_buf_puts(out, sarif_level(f->level));
	bclint_buf_puts(out, "\", \"message\": {\"text\": ");
	jstr(out, f->message);
	bclint_buf_puts(out, "}, \"locations\": [{");
	physical(out, u, f->file, &f->pos, &f->end);
	bclint_buf_puts(out, ", \"logicalLocations\": [{\"fullyQualifiedName\": ");
	char ptr[BCLINT_POINTER_MAX];
	jstr(out, bclint_ref_pointer(&f->ref, ptr));
	bclint_buf_puts(out, ", \"kind\": \"object\"}]}]");
	if (f->n_notes > 0) {
		bclint_buf_puts(out, ", \"relatedLocations\": [");
		for (size_t k = 0; k < f->n_notes && k < MAX_RELATED; k++) {
			const struct bclint_note *n = &f->notes[k];
			bclint_buf_puts(out, k ? ", {\"id\": " : "{\"id\": ");
			bclint_buf_uint(out, k + 1);
			bclint_buf_puts(out, ", ");
			physical(out, u, n->file, &n->pos, &n->end);
			bclint_buf_puts(out, ", \"message\": {\"text\": ");
			jstr(out, n->message);
			bclint_buf_puts(out, "}}");
		}
		bclint_buf_putc(out, ']');
	}
	if (f->suppressed != NULL) {
		bclint_buf_puts(out, ", \"suppressions\": [{\"kind\": \"external\", "
		                     "\"justification\": ");
		jstr(out, f->suppressed);
		bclint_buf_puts(out, "}]");
	}
	properties(out, &e->run->report.sources[f->file], &f->about);
	bclint_buf_puts(out, ", \"partialFingerprints\": {\"" FINGERPRINT_KEY "\": \"");
	bclint_buf_puts(out, f->fingerprint);
	bclint_buf_puts(out, "\"}}");
}

static void notification(struct bclint_buf *out, const char *level, const char *message,
                         const char *rule, int first)
{
	bclint_buf_printf(out, "%s{\"level\": \"%s\", \"message\": {\"text\": ",
	                  first ? "" : ", ", level);
	jstr(out, message);
	bclint_buf_putc(out, '}');
	if (rule != NULL) {
		bclint_buf_puts(out, ", \"associatedRule\": {\"id\": ");
		jstr(out, rule);
		bclint_buf_putc(out, '}');
	}
	bclint_buf_putc(out, '}');
}

/* invocations[0]: success, exit status, and a notification for each
 * plugin or input failure and for results left out for GitHub's limits. */
static void invocation(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_run *run = e->run;
	const struct bclint_report *r = &run->report;
	int ok = !run->plugin_errors && !r->oom && r->n_failures == 0;
	bclint_buf_printf(out, "    \"invocations\": [{\"executionSuccessful\": %s, "
	                  "\"exitCode\": %d", ok ? "true" : "false", e->exit_code);
	int truncated = r->n_findings > MAX_RESULTS;
	for (size_t i = 0; i < r->n_findings && i < MAX_RESULTS && !truncated; i++)
		truncated = r->findings[i]->n_notes > MAX_RELATED;
	if (r->n_failures > 0 || truncated) {
		bclint_buf_puts(out, ", \"toolExecutionNotifications\": [");
		for (size_t i = 0; i < r->n_failures; i++)
			notification(out, "error", r->failures[i].message, r->failures[i].rule, i == 0);
		if (truncated) {
			char msg[256];
			snprintf(msg, sizeof(msg), "%zu findings; this log holds at most %d results "
			         "and %d related locations per result (GitHub's upload limits): "
			         "see the json or gcc format for all of them", r->n_findings,
			         MAX_RESULTS, MAX_RELATED);
			notification(out, "warning", msg, NULL, r->n_failures == 0);
		}
		bclint_buf_putc(out, ']');
	}
	bclint_buf_puts(out, "}],\n");
}

void bclint_emit_sarif(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_run *run = e->run;
	const struct bclint_report *r = &run->report;
	bclint_buf_puts(out, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	                     "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	                     "    \"tool\": {\"driver\": {\"name\": \"bclint\", \"version\": \""
	                     PACKAGE_VERSION "\", \"semanticVersion\": \"" PACKAGE_VERSION "\", "
	                     "\"informationUri\": \"" PACKAGE_URL "\", \"rules\": [\n      ");
	for (size_t i = 0; i < N_HOST_RULES; i++)
		rule_entry(out, &host_rules[i], NULL, "very-high", (int)host_rules[i].level, i > 0);
	for (size_t i = 0; i < run->rules.n_slots; i++) {
		const struct bclint_rule_slot *s = &run->rules.slots[i];
		rule_entry(out, s->rule, s->plugin->desc, s->precision,
		           s->level == BCLINT_LEVEL_OFF ? (int)s->rule->level : s->level, 1);
	}
	bclint_buf_puts(out, "]}},\n");
	if (e->automation_id != NULL) {
		bclint_buf_puts(out, "    \"automationDetails\": {\"id\": ");
		jstr(out, e->automation_id);
		bclint_buf_puts(out, "},\n");
	}
	invocation(out, e);
	struct bclint_emit_names u; /* each file's URI */
	if (bclint_emit_names(&u, r, uri) < 0)
		out->oom = 1;
	bclint_buf_puts(out, "    \"columnKind\": \"unicodeCodePoints\",\n    \"artifacts\": [");
	for (size_t i = 0; i < r->n_sources && !out->oom; i++) {
		bclint_buf_puts(out, i ? ", {\"location\": {\"uri\": " : "{\"location\": {\"uri\": ");
		bclint_buf_puts(out, bclint_emit_name(&u, (uint32_t)i));
		bclint_buf_puts(out, "}, \"mimeType\": \"application/json\"}");
	}
	bclint_buf_puts(out, "],\n    \"results\": [");
	for (size_t i = 0; i < r->n_findings && i < MAX_RESULTS && !out->oom; i++) {
		bclint_buf_spill(out);
		bclint_buf_puts(out, i ? ",\n      " : "\n      ");
		result(out, e, &u, r->findings[i]);
	}
	bclint_buf_puts(out, r->n_findings ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
	bclint_emit_names_free(&u);
}
