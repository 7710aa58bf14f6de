/* SARIF 2.1.0: one run with the driver's rules, results with regions,
 * JSON Pointer logical locations, notes as related locations, and
 * fingerprints from rule and entity identity. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"

#define FINGERPRINT_KEY "bclint/v1"

static const struct bclint_rule snapshot_rule = {
	.id = "snapshot",
	.name = "SnapshotError",
	.summary = "The snapshot itself is invalid",
	.description = "The snapshot is not valid bclint-snapshot/1: malformed JSON, a missing "
	               "required field, a wrong type, an unknown enum value, a duplicate ID or a "
	               "reference to a member that is not in the snapshot.",
	.rationale = "No rule can be trusted on a snapshot that does not say what it seems to.",
	.fix = "Correct the snapshot at the reported position (see bclint-snapshot(5)).",
	.level = BCLINT_LEVEL_ERROR,
};

static void jstr(struct bclint_buf *out, const char *s)
{
	bclint_buf_putc(out, '"');
	bclint_buf_json_str(out, s ? s : "");
	bclint_buf_putc(out, '"');
}

/* A relative URI reference for a path: percent-encode what URIs do not
 * allow; absolute paths become file: URIs. */
static void uri(struct bclint_buf *out, const char *path)
{
	bclint_buf_putc(out, '"');
	if (strcmp(path, "-") == 0) {
		bclint_buf_puts(out, "stdin\"");
		return;
	}
	if (path[0] == '/')
		bclint_buf_puts(out, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p) != NULL)
			bclint_buf_putc(out, (char)*p);
		else
			bclint_buf_printf(out, "%%%02X", *p);
	}
	bclint_buf_putc(out, '"');
}

static const char *sarif_level(int level)
{
	return level == BCLINT_LEVEL_ERROR ? "error" : level == BCLINT_LEVEL_WARNING ? "warning"
	                                                                          : "note";
}

static void rule_entry(struct bclint_buf *out, const struct bclint_rule *r, const char *plugin,
                       int level)
{
	static const char *const severity[] = {"", "recommendation", "warning", "error"};
	bclint_buf_puts(out, "{\"id\": ");
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
	for (size_t i = 0; r->tags != NULL && r->tags[i] != NULL; i++) {
		if (i)
			bclint_buf_puts(out, ", ");
		jstr(out, r->tags[i]);
	}
	bclint_buf_printf(out, "], \"precision\": \"very-high\", \"problem.severity\": \"%s\"",
	                  severity[r->level]);
	if (plugin != NULL) {
		bclint_buf_puts(out, ", \"plugin\": ");
		jstr(out, plugin);
	}
	bclint_buf_puts(out, "}}");
}

static void physical(struct bclint_buf *out, const struct bclint_emit *e, uint32_t file,
                     const struct bclint_textpos *pos, const struct bclint_textpos *end)
{
	bclint_buf_puts(out, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	uri(out, e->run->report.sources[file].path);
	bclint_buf_printf(out, "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, "
	                  "\"endLine\": %u, \"endColumn\": %u}}", pos->line, pos->col, end->line,
	                  end->col);
}

static void result(struct bclint_buf *out, const struct bclint_emit *e,
                   const struct bclint_finding *f)
{
	const struct bclint_rule_slot *slot = bclint_emit_slot(e, f);
	size_t index = slot ? (size_t)(slot - e->run->rules.slots) + 1 : 0;
	bclint_buf_puts(out, "{\"ruleId\": ");
	jstr(out, f->rule);
	bclint_buf_printf(out, ", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
	                  index, sarif_level(f->level));
	jstr(out, f->message);
	bclint_buf_puts(out, "}, \"locations\": [{");
	physical(out, e, f->file, &f->pos, &f->end);
	bclint_buf_puts(out, ", \"logicalLocations\": [{\"fullyQualifiedName\": ");
	jstr(out, f->pointer);
	bclint_buf_puts(out, ", \"kind\": \"object\"}]}]");
	if (f->n_notes > 0) {
		bclint_buf_puts(out, ", \"relatedLocations\": [");
		for (size_t k = 0; k < f->n_notes; k++) {
			const struct bclint_note *n = &f->notes[k];
			bclint_buf_printf(out, "%s{\"id\": %zu, ", k ? ", " : "", k + 1);
			physical(out, e, n->file, &n->pos, &n->end);
			bclint_buf_puts(out, ", \"message\": {\"text\": ");
			jstr(out, n->message);
			bclint_buf_puts(out, "}}");
		}
		bclint_buf_putc(out, ']');
	}
	bclint_buf_printf(out, ", \"partialFingerprints\": {\"" FINGERPRINT_KEY "\": \"%s\"}}",
	                  f->fingerprint);
}

const struct bclint_rule_slot *bclint_emit_slot(const struct bclint_emit *e,
                                                const struct bclint_finding *f)
{
	return f->plugin ? bclint_ruleset_find(&e->run->rules, f->rule) : NULL;
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
	rule_entry(out, &snapshot_rule, NULL, BCLINT_LEVEL_ERROR);
	for (size_t i = 0; i < run->rules.n_slots; i++) {
		const struct bclint_rule_slot *s = &run->rules.slots[i];
		bclint_buf_puts(out, ",\n      ");
		rule_entry(out, s->rule, s->plugin->desc->name,
		           s->level == BCLINT_LEVEL_OFF ? (int)s->rule->level : s->level);
	}
	bclint_buf_puts(out, "]}},\n");
	if (e->automation_id != NULL) {
		bclint_buf_puts(out, "    \"automationDetails\": {\"id\": ");
		jstr(out, e->automation_id);
		bclint_buf_puts(out, "},\n");
	}
	bclint_buf_printf(out, "    \"invocations\": [{\"executionSuccessful\": %s, "
	                  "\"exitCode\": %d", run->plugin_errors || r->oom ? "false" : "true",
	                  e->exit_code);
	if (r->n_failures > 0) {
		bclint_buf_puts(out, ", \"toolExecutionNotifications\": [");
		for (size_t i = 0; i < r->n_failures; i++) {
			bclint_buf_puts(out, i ? ", {" : "{");
			bclint_buf_puts(out, "\"level\": \"error\", \"message\": {\"text\": ");
			jstr(out, r->failures[i].message);
			bclint_buf_putc(out, '}');
			if (r->failures[i].rule != NULL) {
				bclint_buf_puts(out, ", \"associatedRule\": {\"id\": ");
				jstr(out, r->failures[i].rule);
				bclint_buf_putc(out, '}');
			}
			bclint_buf_putc(out, '}');
		}
		bclint_buf_putc(out, ']');
	}
	bclint_buf_puts(out, "}],\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [");
	for (size_t i = 0; i < r->n_findings; i++) {
		bclint_buf_puts(out, i ? ",\n      " : "\n      ");
		result(out, e, r->findings[i]);
	}
	bclint_buf_puts(out, r->n_findings ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
}
