/* Unit tests of the host services (src/host.c) over a small snapshot:
 * findings and notes with their levels and places, options from each of
 * their sources, labels, the reference time, the email allowlist,
 * redaction and suppression. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "tap.h"

static const char snapshot[] =
        "{\"schema\": \"bclint-snapshot/1\", \"captured_at\": \"2026-06-01T00:00:00Z\",\n"
        " \"bc\": {\"bc_id\": \"1\", \"x_allowed_email_domains\": [\"acme.example\"]},\n"
        " \"members\": [{\"user_id\": \"10\", \"user_email\": \"ana@acme.example\",\n"
        "   \"user_name\": \"Ana Silva\", \"user_role\": \"ADMIN\"},\n"
        "  {\"user_id\": \"11\", \"user_email\": \"bo@else.example\", \"user_role\": \"STANDARD\"}],\n"
        " \"assets\": [{\"asset_id\": \"7\", \"asset_type\": \"ADVERTISER\", \"asset_name\": \"Brand\"},\n"
        "  {\"asset_id\": \"8\", \"asset_type\": \"PIXEL\"}],\n"
        " \"policy\": {\"limit\": 9, \"flag\": true, \"who\": [\"^bo@\"]}}\n";

static const struct bclint_option options[] = {
        {"limit", BCLINT_OPT_INT, "3", "a number"},
        {"flag", BCLINT_OPT_BOOL, "false", "a switch"},
        {"name", BCLINT_OPT_STRING, "dflt", "a text"},
        {"who", BCLINT_OPT_PATTERNS, NULL, "patterns"},
        {"allowed_email_patterns", BCLINT_OPT_PATTERNS, NULL, "the allowlist"},
};
static const struct bclint_rule rule = {
        .id = "test-rule",
        .name = "TestRule",
        .summary = "a rule",
        .level = BCLINT_LEVEL_WARNING,
        .options = options,
        .n_options = 5,
};
static const struct bclint_plugin desc = {.name = "test-plugin"};
static const struct bclint_loaded_plugin plugin = {"test.so", NULL, &desc};

struct world {
	struct bclint_report report;
	struct bclint_snapshot *snap;
	struct bclint_rule_slot slot;
	struct bclint_scene scene;
	struct bclint_ctx ctx;
};

static void world(struct world *w)
{
	memset(w, 0, sizeof(*w));
	char *text = strdup(snapshot);
	bclint_report_add_source(&w->report, strdup("h.json"),
	                         bclint_text_own(text, sizeof(snapshot) - 1));
	w->snap = bclint_snapshot_load(&w->report, 0, 0);
	w->slot = (struct bclint_rule_slot){.rule = &rule,
	                                    .precision = "high",
	                                    .plugin = &plugin,
	                                    .enabled = 1,
	                                    .level = BCLINT_LEVEL_WARNING};
	w->scene = (struct bclint_scene){&w->report, w->snap, NULL, NULL, BCLINT_NO_TIME,
	                                 1,          1,       NULL, NULL, NULL};
	bclint_ctx_init(&w->ctx, &w->scene, &w->slot);
}

static void end(struct world *w)
{
	bclint_ctx_release(&w->ctx);
	bclint_snapshot_free(w->snap);
	bclint_slot_clear_options(&w->slot);
	bclint_report_free(&w->report);
}

static void reports(void)
{
	struct world w;
	world(&w);
	const struct bclint_host *h = &bclint_host_services;
	const struct bclint_model *m = &w.snap->model;
	ok(w.snap != NULL && w.snap->errors == 0 && m->n_members == 2, "the snapshot loads");
	struct bclint_finding *f = h->report(&w.ctx, BCLINT_LEVEL_DEFAULT, &m->members[0].ent,
	                                     "%s has %d of %zu", "ana", -2, (size_t)5);
	h->note(&w.ctx, f, &m->assets[0].ent, "see %s", h->asset_label(&w.ctx, &m->assets[0]));
	h->report(&w.ctx, BCLINT_LEVEL_ERROR, &m->bc.ent, "an error");
	h->note(&w.ctx, NULL, &m->bc.ent, "a note for no finding");
	is_string(f->message, "ana has -2 of 5", "report: the message formatted");
	ok(f->level == BCLINT_LEVEL_WARNING && !strcmp(f->rule, "test-rule") &&
	           !strcmp(f->plugin, "test-plugin"),
	   "report: the configured level, rule and plugin");
	ok(f->pos.off == m->members[0].ent.start && f->identity != 0, "report: place and identity");
	ok(f->n_notes == 1 && !strcmp(f->notes[0].message, "see ad account 'Brand' (7)"),
	   "note: attached, with the asset's label");
	is_string(h->asset_label(&w.ctx, &m->assets[1]), "pixel 8", "asset label without a name");
	ok(w.report.n_findings == 2 && w.report.findings[1]->level == BCLINT_LEVEL_ERROR,
	   "report: a level the rule asks for");
	w.slot.level = BCLINT_LEVEL_NOTE;
	w.slot.level_overridden = 1;
	h->report(&w.ctx, BCLINT_LEVEL_ERROR, &m->bc.ent, "overridden");
	ok(w.report.findings[2]->level == BCLINT_LEVEL_NOTE, "report: --level wins over the rule");
	char buf[600];
	memset(buf, 'x', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	h->report(&w.ctx, BCLINT_LEVEL_DEFAULT, &m->bc.ent, "%s.", buf);
	ok(strlen(w.report.findings[3]->message) == sizeof(buf), "report: a long message whole");
	is_string(h->member_label(&w.ctx, &m->members[1]), "bo@else.example", "member label");
	is_string(h->cap_label(&w.ctx, BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER,
	                       (struct bclint_cap){2, 0}),
	          "advertiser_role OPERATOR", "cap label");
	ok(h->now(&w.ctx) == 1780272000, "now: captured_at");
	w.scene.now = 5;
	ok(h->now(&w.ctx) == 5, "now: --now wins");
	end(&w);
}

static void option_sources(void)
{
	struct world w;
	world(&w);
	const struct bclint_host *h = &bclint_host_services;
	char err[256];
	ok(h->opt_int(&w.ctx, "limit") == 9 && h->opt_bool(&w.ctx, "flag") == 1,
	   "options: the snapshot's policy over the default");
	is_string(h->opt_string(&w.ctx, "name"), "dflt", "options: the default");
	ok(h->opt_match(&w.ctx, "who", "bo@x") == 1 && h->opt_match(&w.ctx, "who", "ana@x") == 0,
	   "options: policy patterns");
	ok(bclint_slot_set_option(&w.slot, "limit", "4", BCLINT_FROM_CONFIG, err, sizeof(err)) == 0,
	   "options: set from a configuration");
	ok(h->opt_int(&w.ctx, "limit") == 4, "options: the configuration over the policy");
	bclint_slot_set_option(&w.slot, "limit", "6", BCLINT_FROM_CLI, err, sizeof(err));
	ok(h->opt_int(&w.ctx, "limit") == 6, "options: the command line last");
	ok(bclint_slot_set_option(&w.slot, "limit", "-1", BCLINT_FROM_CLI, err, sizeof(err)) < 0,
	   "options: a bad value refused");
	is_string(err, "invalid value '-1' for test-rule.limit: expected a non-negative integer",
	          "options: and why");
	ok(h->opt_match(&w.ctx, "allowed_email_patterns", "x") == -1,
	   "options: no patterns at all");
	ok(h->email_allowed(&w.ctx, "ana@ACME.example") == 1 &&
	           h->email_allowed(&w.ctx, "bo@else.example") == 0,
	   "email allowlist: the BC's domains");
	h->opt_int(&w.ctx, "nope");
	is_string(w.ctx.undeclared, "nope", "an undeclared option is recorded");
	end(&w);
}

static void redaction_and_suppression(void)
{
	struct world w;
	world(&w);
	const struct bclint_host *h = &bclint_host_services;
	const struct bclint_model *m = &w.snap->model;
	struct bclint_redactor rd;
	unsigned char key[BCLINT_REDACT_KEY_BYTES];
	ok(bclint_redact_key_derive(key, "sixteen bytes!!", 15) == -1 &&
	           bclint_redact_key_derive(key, "sixteen bytes!!!", 16) == 0,
	   "redaction: a key of 16 bytes or more");
	ok(bclint_redactor_init(&rd, m, key) == 0, "redaction: the index");
	w.scene.redactor = &rd;
	const char *label = h->member_label(&w.ctx, &m->members[0]);
	ok(strncmp(label, "user-", 5) == 0 && strlen(label) == 17, "redaction: a pseudonym label");
	struct bclint_finding *f = h->report(&w.ctx, BCLINT_LEVEL_DEFAULT, &m->members[0].ent,
	                                     "mail ana@acme.example (Ana Silva), not Anastasia");
	ok(f && !strstr(f->message, "ana@") && !strstr(f->message, "Ana Silva") &&
	           strstr(f->message, "Anastasia") && strstr(f->message, "name-"),
	   "redaction: emails and whole names in a message");
	w.scene.redactor = NULL;
	struct bclint_suppression sup = {.rule = "test-rule",
	                                 .pointer = "/members/1",
	                                 .reason = "known",
	                                 .expires = BCLINT_NO_TIME};
	struct bclint_suppressions supps = {&sup, 1, NULL};
	w.scene.supps = &supps;
	struct bclint_finding *g = h->report(&w.ctx, BCLINT_LEVEL_DEFAULT, &m->members[1].ent, "x");
	ok(g == NULL && sup.used == 1, "suppression: the finding is suppressed, and counted");
	const struct bclint_finding *last = w.report.findings[w.report.n_findings - 1];
	ok(last->suppressed != NULL && !strcmp(last->suppressed, "known"),
	   "suppression: kept with its reason");
	h->note(&w.ctx, g, &m->bc.ent, "dropped");
	ok(last->n_notes == 0, "suppression: its notes go nowhere");
	bclint_suppressions_release(&supps);
	bclint_redactor_free(&rd);
	end(&w);
}

int main(void)
{
	plan(31);
	reports();
	option_sources();
	redaction_and_suppression();
	return done_testing();
}
