/* SARIF 2.1.0: one run with the driver's rules, results with regions,
 * JSON Pointer logical locations, notes as related locations that the
 * message links to, and fingerprints from rule and entity identity.
 *
 * Written for GitHub code scanning: it keys alerts on
 * partialFingerprints.primaryLocationLineHash, which it would otherwise
 * compute from the text of the line (so that reordering a snapshot would
 * close and reopen alerts): bclint's own fingerprint goes there, as well
 * as under its own key.  It shows only the related locations the message
 * links to, so the message ends "(see [note](1), ...)", with the brackets
 * and backslashes of the text escaped so that no name can make a link. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "emit.h"
#include "markdown.h"

#define FINGERPRINT_KEY "bclint/v1"

/* GitHub code scanning's limits (docs.github.com, "SARIF results exceed
 * limit"): at most 25,000 results per run (the upload is rejected above
 * that), 1,000 locations per result of which 100 are shown, 20 tags per
 * rule of which 10 are shown.  Staying at the shown counts keeps every
 * log uploadable and every kept item visible. */
#define MAX_RESULTS 25000
#define MAX_RELATED 100
#define MAX_TAGS    10

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
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			bclint_buf_putc(out, (char)*p);
		else
			bclint_buf_printf(out, "%%%02X", *p);
	}
	free(norm);
	bclint_buf_putc(out, '"');
}

static const char *sarif_level(int level)
{
	return level == BCLINT_LEVEL_ERROR     ? "error"
	       : level == BCLINT_LEVEL_WARNING ? "warning"
	                                       : "note";
}

/* What SARIF says of a rule beside its own metadata. */
struct rule_extra {
	const struct bclint_plugin *plugin; /* NULL for the host's */
	const char *precision, *security_severity;
	int level; /* as configured */
};

static int tagged(const struct bclint_rule *r, const char *tag)
{
	for (size_t i = 0; r->tags != NULL && r->tags[i] != NULL; i++)
		if (strcmp(r->tags[i], tag) == 0)
			return 1;
	return 0;
}

static void rule_entry(struct bclint_buf *out, const struct bclint_rule *r,
                       const struct rule_extra *x, int comma)
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
	/* the page bclint --list-rules --format=markdown writes (rule IDs
	 * are URI-safe: lower-case letters, digits and hyphens) */
	bclint_buf_printf(out, "}, \"helpUri\": \"%s/blob/main/docs/rules/%s.md\"", PACKAGE_URL,
	                  r->id);
	bclint_buf_printf(out, ", \"defaultConfiguration\": {\"level\": \"%s\"}",
	                  sarif_level(x->level));
	bclint_buf_puts(out, ", \"properties\": {\"tags\": [");
	for (size_t i = 0; r->tags != NULL && r->tags[i] != NULL && i < MAX_TAGS; i++) {
		if (i)
			bclint_buf_puts(out, ", ");
		jstr(out, r->tags[i]);
	}
	bclint_buf_printf(out, "], \"precision\": \"%s\", \"problem.severity\": \"%s\"",
	                  x->precision, severity[r->level]);
	if (x->security_severity != NULL && tagged(r, "security"))
		bclint_buf_printf(out, ", \"security-severity\": \"%s\"", x->security_severity);
	if (x->plugin != NULL) {
		bclint_buf_puts(out, ", \"plugin\": ");
		jstr(out, x->plugin->name);
		bclint_buf_puts(out, ", \"pluginVersion\": ");
		jstr(out, x->plugin->version);
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

/* The message, escaped, linking each note kept ("... (see [note](1))"),
 * as a JSON string. */
static void message(struct bclint_buf *out, struct bclint_buf *tmp, const struct bclint_finding *f)
{
	tmp->len = 0;
	bclint_md_link_text(tmp, f->message);
	for (size_t k = 0; k < f->n_notes && k < MAX_RELATED; k++) {
		bclint_buf_puts(tmp, k ? ", [" : " (see [");
		bclint_md_link_text(tmp, f->notes[k].message);
		bclint_buf_printf(tmp, "](%zu)", k + 1);
	}
	if (f->n_notes > 0)
		bclint_buf_putc(tmp, ')');
	if (tmp->oom) {
		out->oom = 1;
		return;
	}
	jstr(out, tmp->data);
}

static void result(struct bclint_buf *out, struct bclint_buf *tmp, const struct bclint_emit *e,
                   const struct bclint_emit_names *u, const struct bclint_finding *f)
{
	size_t n_host;
	const struct bclint_rule *host = bclint_catalog_host_rules(&n_host);
	const struct bclint_rule_slot *slot = bclint_emit_slot(e, f);
	size_t index = 0;
	if (slot != NULL)
		index = (size_t)(slot - e->run->rules.slots) + n_host;
	else
		while (index + 1 < n_host && strcmp(host[index].id, f->rule) != 0)
			index++;
	bclint_buf_puts(out, "{\"ruleId\": ");
	jstr(out, f->rule);
	bclint_buf_puts(out, ", \"ruleIndex\": ");
	bclint_buf_uint(out, index);
	bclint_buf_puts(out, ", \"level\": \"");
	bclint_buf_puts(out, sarif_level(f->level));
	bclint_buf_puts(out, "\", \"message\": {\"text\": ");
	message(out, tmp, f);
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
	bclint_buf_printf(out,
	                  ", \"partialFingerprints\": {\"" FINGERPRINT_KEY "\": \"%s\", "
	                  "\"primaryLocationLineHash\": \"%s\"}}",
	                  f->fingerprint, f->fingerprint);
}

static void notification(struct bclint_buf *out, const char *level, const char *message,
                         const char *rule, int first)
{
	bclint_buf_printf(out, "%s{\"level\": \"%s\", \"message\": {\"text\": ", first ? "" : ", ",
	                  level);
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
	bclint_buf_printf(out,
	                  "    \"invocations\": [{\"executionSuccessful\": %s, "
	                  "\"exitCode\": %d",
	                  ok ? "true" : "false", e->exit_code);
	int truncated = r->n_findings > MAX_RESULTS;
	for (size_t i = 0; i < r->n_findings && i < MAX_RESULTS && !truncated; i++)
		truncated = r->findings[i]->n_notes > MAX_RELATED;
	if (r->n_failures > 0 || truncated) {
		bclint_buf_puts(out, ", \"toolExecutionNotifications\": [");
		for (size_t i = 0; i < r->n_failures; i++)
			notification(out, "error", r->failures[i].message, r->failures[i].rule,
			             i == 0);
		if (truncated) {
			char msg[256];
			snprintf(msg, sizeof(msg),
			         "%zu findings; this log holds at most %d results "
			         "and %d related locations per result (GitHub's upload limits): "
			         "see the json or gcc format for all of them",
			         r->n_findings, MAX_RESULTS, MAX_RELATED);
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
	bclint_buf_puts(
	        out,
	        "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	        "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	        "    \"tool\": {\"driver\": {\"name\": \"bclint\", \"version\": \"" PACKAGE_VERSION
	        "\", \"semanticVersion\": \"" PACKAGE_VERSION "\", "
	        "\"informationUri\": \"" PACKAGE_URL "\", \"rules\": [\n      ");
	size_t n_host; /* the host's pseudo-rules first: ruleIndex 0, 1, 2 */
	const struct bclint_rule *host = bclint_catalog_host_rules(&n_host);
	for (size_t i = 0; i < n_host; i++) {
		struct rule_extra x = {NULL, host[i].precision, host[i].security_severity,
		                       (int)host[i].level};
		rule_entry(out, &host[i], &x, i > 0);
	}
	for (size_t i = 0; i < run->rules.n_slots; i++) {
		const struct bclint_rule_slot *s = &run->rules.slots[i];
		struct rule_extra x = {s->plugin->desc, s->precision, s->security_severity,
		                       s->level == BCLINT_LEVEL_OFF ? (int)s->rule->level
		                                                    : s->level};
		rule_entry(out, s->rule, &x, 1);
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
		bclint_buf_puts(out,
		                i ? ", {\"location\": {\"uri\": " : "{\"location\": {\"uri\": ");
		bclint_buf_puts(out, bclint_emit_name(&u, (uint32_t)i));
		bclint_buf_puts(out, "}, \"mimeType\": \"application/json\"}");
	}
	bclint_buf_puts(out, "],\n    \"results\": [");
	struct bclint_buf tmp = {0}; /* each message as it is escaped */
	for (size_t i = 0; i < r->n_findings && i < MAX_RESULTS && !out->oom; i++) {
		bclint_buf_spill(out);
		bclint_buf_puts(out, i ? ",\n      " : "\n      ");
		result(out, &tmp, e, &u, r->findings[i]);
	}
	free(tmp.data);
	bclint_buf_puts(out, r->n_findings ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
	bclint_emit_names_free(&u);
}
