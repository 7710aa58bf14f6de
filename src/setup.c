/* Setting up a run's rules: plugins first, then the configuration file,
 * then the command line. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "level.h"
#include "regex.h"
#include "setup.h"

static void refused(void *arg, const char *path, const char *message)
{
	bclint_run_plugin_error(arg, path, NULL, message);
}

void bclint_setup_rules(struct bclint_run *run, const char *path, const char *const *plugins,
                        size_t n_plugins)
{
	char err[1024];
	char *copy = strdup(path), *save = NULL;
	if (copy == NULL)
		bclint_run_plugin_error(run, path, NULL, "out of memory");
	for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d != NULL;
	     d = strtok_r(NULL, ":", &save)) {
		if (bclint_ruleset_load_dir(&run->rules, d, refused, run, err, sizeof(err)) < 0)
			bclint_run_plugin_error(run, d, NULL, err);
	}
	free(copy);
	for (size_t i = 0; i < n_plugins; i++)
		if (bclint_ruleset_load(&run->rules, plugins[i], err, sizeof(err)) < 0)
			bclint_run_plugin_error(run, plugins[i], NULL, err);
}

/* -- the configuration file --------------------------------------------- */

static void set_level(struct bclint_rule_slot *slot, int lv)
{
	slot->enabled = lv != BCLINT_LEVEL_OFF;
	if (lv != BCLINT_LEVEL_OFF) {
		slot->level = lv;
		slot->level_overridden = 1;
	}
}

static int parse_level(struct bclint_config *cfg, const struct bclint_jv *v, const char *rule)
{
	const char *s = bclint_jdoc_string(&cfg->doc, v);
	int lv = s ? bclint_level_from_name(s) : -1;
	if (lv < 0)
		bclint_config_error(cfg, v->start,
		                    "invalid level for rule '%s': expected "
		                    "\"error\", \"warning\", \"note\" or \"off\"",
		                    rule);
	return lv;
}

/* Set an option from its value's text; the text must outlive the run. */
static void set_text(struct bclint_config *cfg, struct bclint_rule_slot *slot,
                     const struct bclint_option *o, const struct bclint_jv *v, const char *text)
{
	char err[512];
	if (text == NULL ||
	    bclint_slot_set_option(slot, o->key, text, BCLINT_FROM_CONFIG, err, sizeof(err)) < 0)
		bclint_config_error(cfg, v->start, "%s", text ? err : "out of memory");
}

/* One option of a rule, from its JSON value. */
static void rule_option(struct bclint_config *cfg, struct bclint_rule_slot *slot,
                        const struct bclint_jv *v)
{
	const char *key = bclint_jdoc_key(&cfg->doc, v), *id = slot->rule->id;
	long long n;
	const struct bclint_option *o = key ? bclint_rule_option(slot->rule, key, NULL) : NULL;
	if (o == NULL) {
		char err[512];
		/* the message lists the options the rule accepts */
		bclint_slot_set_option(slot, key ? key : "", "", BCLINT_FROM_CONFIG, err,
		                       sizeof(err));
		bclint_config_error(cfg, v->start, "%s", key ? err : "out of memory");
		return;
	}
	switch (o->type) {
	case BCLINT_OPT_INT:
		if (bclint_jv_integer(cfg->doc.text, v, 0, INT_MAX, &n) < 0) {
			bclint_config_error(cfg, v->start,
			                    "%s.%s must be a non-negative integer, "
			                    "not %s",
			                    id, o->key, bclint_jv_type_name(v));
			return;
		}
		set_text(cfg, slot, o, v, bclint_arena_printf(&cfg->arena, "%lld", n));
		return;
	case BCLINT_OPT_BOOL:
		if (!bclint_jv_is_bool(v)) {
			bclint_config_error(cfg, v->start, "%s.%s must be true or false, not %s",
			                    id, o->key, bclint_jv_type_name(v));
			return;
		}
		set_text(cfg, slot, o, v, v->type == BCLINT_JTRUE ? "true" : "false");
		return;
	case BCLINT_OPT_STRING:
		if (v->type != BCLINT_JSTRING) {
			bclint_config_error(cfg, v->start, "%s.%s must be a string, not %s", id,
			                    o->key, bclint_jv_type_name(v));
			return;
		}
		set_text(cfg, slot, o, v, bclint_jdoc_string(&cfg->doc, v));
		return;
	default:
		if (v->type != BCLINT_JARRAY) {
			bclint_config_error(cfg, v->start,
			                    "%s.%s must be an array of regular expressions, not %s",
			                    id, o->key, bclint_jv_type_name(v));
			return;
		}
		for (const struct bclint_jv *p = v->child; p != NULL; p = p->next) {
			const char *pattern = bclint_jdoc_string(&cfg->doc, p);
			char why[300];
			if (p->type != BCLINT_JSTRING) {
				bclint_config_error(cfg, p->start,
				                    "%s.%s: a pattern must be a string, "
				                    "not %s",
				                    id, o->key, bclint_jv_type_name(p));
			} else if (pattern != NULL &&
			           bclint_regex_check(pattern, why, sizeof(why)) < 0) {
				bclint_config_error(cfg, p->start, "%s", why);
			} else {
				set_text(cfg, slot, o, p, pattern);
			}
		}
		return;
	}
}

static void apply_rule(struct bclint_run *run, const struct bclint_jv *r)
{
	struct bclint_config *cfg = &run->config;
	const char *id = bclint_jdoc_key(&cfg->doc, r);
	struct bclint_rule_slot *slot = id ? bclint_ruleset_find(&run->rules, id) : NULL;
	if (slot == NULL) {
		bclint_config_error(cfg, r->start, "unknown rule '%s' (see bclint --list-rules)",
		                    id ? id : "");
		return;
	}
	if (r->type == BCLINT_JSTRING) {
		int lv = parse_level(cfg, r, id);
		if (lv >= 0)
			set_level(slot, lv);
		return;
	}
	if (r->type != BCLINT_JOBJECT) {
		bclint_config_error(cfg, r->start, "rule '%s' must be a level or an object, not %s",
		                    id, bclint_jv_type_name(r));
		return;
	}
	for (const struct bclint_jv *o = r->child; o != NULL; o = o->next) {
		if (bclint_config_comment(cfg->doc.text, o))
			continue;
		if (bclint_jv_key_is(cfg->doc.text, o, "level")) {
			int lv = parse_level(cfg, o, id);
			if (lv >= 0)
				set_level(slot, lv);
		} else {
			rule_option(cfg, slot, o);
		}
	}
}

int bclint_setup_config(struct bclint_run *run, bclint_time now)
{
	struct bclint_config *cfg = &run->config;
	if (cfg->path == NULL)
		return 0;
	char err[1024];
	/* plugins first: the rules they bring can be configured too */
	for (size_t i = 0; i < cfg->n_plugins; i++) {
		const char *path = cfg->plugins[i].path;
		if (path == NULL)
			bclint_config_error(cfg, cfg->plugins[i].off, "out of memory");
		else if (bclint_ruleset_load(&run->rules, path, err, sizeof(err)) < 0)
			bclint_run_plugin_error(run, path, NULL, err);
	}
	for (const struct bclint_jv *r = cfg->rules ? cfg->rules->child : NULL; r; r = r->next)
		if (!bclint_config_comment(cfg->doc.text, r))
			apply_rule(run, r);
	for (size_t i = 0; i < cfg->supps.n; i++) {
		const struct bclint_suppression *s = &cfg->supps.v[i];
		if (s->rule != NULL && strcmp(s->rule, "*") != 0 &&
		    bclint_ruleset_find(&run->rules, s->rule) == NULL)
			bclint_config_error(cfg, s->rule_at,
			                    "unknown rule '%s' (see bclint "
			                    "--list-rules)",
			                    s->rule);
	}
	bclint_suppressions_expire(&cfg->supps,
	                           now != BCLINT_NO_TIME ? now : (bclint_time)time(NULL));
	return bclint_config_flush(cfg, &run->diag) > 0 ? -1 : 0;
}

/* -- the command line ----------------------------------------------------- */

static int tagged(const struct bclint_rule *r, const char *tag)
{
	for (size_t i = 0; r->tags != NULL && r->tags[i] != NULL; i++)
		if (strcmp(r->tags[i], tag) == 0)
			return 1;
	return 0;
}

void bclint_setup_only_tagged(struct bclint_run *run, const char *tag)
{
	for (size_t i = 0; i < run->rules.n_slots; i++)
		if (!tagged(run->rules.slots[i].rule, tag))
			run->rules.slots[i].enabled = 0;
}

static struct bclint_rule_slot *need_rule(struct bclint_run *run, const char *id, char *err,
                                          size_t size)
{
	struct bclint_rule_slot *s = bclint_ruleset_find(&run->rules, id);
	if (s == NULL)
		snprintf(err, size, "unknown rule '%s' (see bclint --list-rules)", id);
	return s;
}

static int switch_rules(struct bclint_run *run, const struct bclint_rule_op *op, char *err,
                        size_t size)
{
	char *list = strdup(op->arg), *save = NULL;
	int rc = 0;
	if (list == NULL) {
		snprintf(err, size, "out of memory");
		return -1;
	}
	for (char *id = strtok_r(list, ",", &save); id && rc == 0;
	     id = strtok_r(NULL, ",", &save)) {
		if (strcmp(id, "all") == 0) {
			for (size_t k = 0; k < run->rules.n_slots; k++)
				run->rules.slots[k].enabled = op->kind == BCLINT_OP_ENABLE;
			continue;
		}
		struct bclint_rule_slot *s = need_rule(run, id, err, size);
		if (s == NULL)
			rc = -1;
		else
			s->enabled = op->kind == BCLINT_OP_ENABLE;
	}
	free(list);
	return rc;
}

int bclint_setup_op(struct bclint_run *run, const struct bclint_rule_op *op, char *err, size_t size)
{
	if (op->kind == BCLINT_OP_ENABLE || op->kind == BCLINT_OP_DISABLE)
		return switch_rules(run, op, err, size);
	const char *sep = strchr(op->arg, op->kind == BCLINT_OP_LEVEL ? '=' : '.');
	const char *eq = sep ? strchr(sep + 1, '=') : NULL;
	if (sep == NULL || (op->kind == BCLINT_OP_SET && eq == NULL)) {
		snprintf(err, size,
		         op->kind == BCLINT_OP_LEVEL ? "invalid --level '%s' (RULE=LEVEL)"
		                                     : "invalid --set '%s' (RULE.KEY=VALUE)",
		         op->arg);
		return -1;
	}
	char id[128];
	snprintf(id, sizeof(id), "%.*s", (int)(sep - op->arg), op->arg);
	struct bclint_rule_slot *s = need_rule(run, id, err, size);
	if (s == NULL)
		return -1;
	if (op->kind == BCLINT_OP_LEVEL) {
		int lv = bclint_level_from_name(sep + 1);
		if (lv < 0) {
			snprintf(err, size,
			         "invalid level in --level '%s' (error, warning, note or off)",
			         op->arg);
			return -1;
		}
		set_level(s, lv);
		return 0;
	}
	char key[128];
	snprintf(key, sizeof(key), "%.*s", (int)(eq - sep - 1), sep + 1);
	return bclint_slot_set_option(s, key, eq + 1, BCLINT_FROM_CLI, err, size);
}
