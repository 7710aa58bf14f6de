/* Reading and applying .bclint.json.  The file is checked as strictly as a
 * snapshot: an unknown key, rule, option or level, a wrong type or a bad
 * pattern is an error at its line and column. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <limits.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conffile.h"
#include "json.h"
#include "lint.h"
#include "position.h"
#include "snapshot.h"

struct cfg_msg {
	struct bclint_textpos pos;
	size_t seq;
	char *text;
};

struct cfgload {
	struct bclint_run *run;
	struct bclint_config *cfg;
	const char *text;
	size_t len;
	struct cfg_msg *msgs; /* errors, printed in file order at the end */
	size_t errors;
};

static void cfg_error(struct cfgload *c, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cfg_error(struct cfgload *c, size_t off, const char *fmt, ...)
{
	struct cfg_msg *m = realloc(c->msgs, (c->errors + 1) * sizeof(*m));
	if (m != NULL) {
		c->msgs = m;
		m += c->errors;
		m->pos.off = (uint32_t)off;
		m->seq = c->errors;
		va_list ap;
		va_start(ap, fmt);
		m->text = bclint_arena_vprintf(&c->cfg->arena, fmt, ap);
		va_end(ap);
	}
	c->errors++;
}

static int by_place(const void *a, const void *b)
{
	const struct cfg_msg *x = *(const struct cfg_msg *const *)a;
	const struct cfg_msg *y = *(const struct cfg_msg *const *)b;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Print every error as FILE:LINE:COLUMN: error: MESSAGE, in file order. */
static void print_errors(struct cfgload *c)
{
	struct bclint_textpos **pos = calloc(c->errors + 1, sizeof(*pos));
	struct cfg_msg **order = calloc(c->errors + 1, sizeof(*order));
	if (c->msgs == NULL || pos == NULL || order == NULL) {
		fprintf(stderr, "%s: error: out of memory\n", c->cfg->path);
	} else {
		for (size_t i = 0; i < c->errors; i++) {
			pos[i] = &c->msgs[i].pos;
			order[i] = &c->msgs[i];
		}
		bclint_positions_resolve(c->text, c->len, pos, c->errors);
		qsort(order, c->errors, sizeof(*order), by_place);
		for (size_t i = 0; i < c->errors; i++)
			fprintf(stderr, "%s:%u:%u: error: %s\n", c->cfg->path, order[i]->pos.line,
			        order[i]->pos.col, order[i]->text ? order[i]->text : "out of memory");
	}
	free(pos);
	free(order);
	free(c->msgs);
	c->msgs = NULL;
}

/* Keys that start with "//" are comments, anywhere in the file. */
static int comment(const cJSON *v)
{
	return v->string != NULL && strncmp(v->string, "//", 2) == 0;
}

static const char *kind(const cJSON *v)
{
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	return "null";
}

/* Compile a pattern, reporting PCRE2's message and offset on failure. */
static pcre2_code *compile(struct cfgload *c, const cJSON *v)
{
	char why[300];
	pcre2_code *re = bclint_regex_compile(v->valuestring, why, sizeof(why));
	if (re == NULL)
		cfg_error(c, bclint_json_start(v), "%s", why);
	return re;
}

/* One option of a rule, from its JSON value. */
static void rule_option(struct cfgload *c, struct bclint_rule_slot *slot, const cJSON *v)
{
	char err[512], num[32];
	const struct bclint_option *o = bclint_rule_option(slot->rule, v->string, NULL);
	if (o == NULL) {
		bclint_slot_set_option(slot, v->string, "", BCLINT_FROM_CONFIG, err, sizeof(err));
		cfg_error(c, bclint_json_start(v), "%s", err);
		return;
	}
	switch (o->type) {
	case BCLINT_OPT_INT:
		if (!cJSON_IsNumber(v) || bclint_json_number(v) < 0 ||
		    bclint_json_number(v) > INT_MAX ||
		    bclint_json_number(v) != (double)(long long)bclint_json_number(v)) {
			cfg_error(c, bclint_json_start(v), "%s.%s must be a non-negative integer, not %s",
			          slot->rule->id, o->key, kind(v));
			return;
		}
		/* The value text must outlive the run: keep it in the arena. */
		snprintf(num, sizeof(num), "%lld", (long long)bclint_json_number(v));
		const char *text = bclint_arena_strdup(&c->cfg->arena, num);
		if (text == NULL || bclint_slot_set_option(slot, o->key, text, BCLINT_FROM_CONFIG,
		                                           err, sizeof(err)) < 0)
			cfg_error(c, bclint_json_start(v), "out of memory");
		return;
	case BCLINT_OPT_BOOL:
		if (!cJSON_IsBool(v)) {
			cfg_error(c, bclint_json_start(v), "%s.%s must be true or false, not %s",
			          slot->rule->id, o->key, kind(v));
			return;
		}
		bclint_slot_set_option(slot, o->key, cJSON_IsTrue(v) ? "true" : "false",
		                       BCLINT_FROM_CONFIG, err, sizeof(err));
		return;
	case BCLINT_OPT_STRING:
		if (!cJSON_IsString(v)) {
			cfg_error(c, bclint_json_start(v), "%s.%s must be a string, not %s",
			          slot->rule->id, o->key, kind(v));
			return;
		}
		bclint_slot_set_option(slot, o->key, v->valuestring, BCLINT_FROM_CONFIG, err,
		                       sizeof(err));
		return;
	default:
		if (!cJSON_IsArray(v)) {
			cfg_error(c, bclint_json_start(v),
			          "%s.%s must be an array of regular expressions, not %s",
			          slot->rule->id, o->key, kind(v));
			return;
		}
		for (const cJSON *p = v->child; p != NULL; p = p->next) {
			if (!cJSON_IsString(p)) {
				cfg_error(c, bclint_json_start(p), "%s.%s: a pattern must be a string, "
				          "not %s", slot->rule->id, o->key, kind(p));
				continue;
			}
			pcre2_code *re = compile(c, p);
			if (re == NULL)
				continue;
			pcre2_code_free(re);
			bclint_slot_set_option(slot, o->key, p->valuestring, BCLINT_FROM_CONFIG, err,
			                       sizeof(err));
		}
		return;
	}
}

static int parse_level(struct cfgload *c, const cJSON *v, const char *rule)
{
	int lv = cJSON_IsString(v) ? bclint_level_from_name(v->valuestring) : -1;
	if (lv < 0)
		cfg_error(c, bclint_json_start(v), "invalid level for rule '%s': expected \"error\", "
		          "\"warning\", \"note\" or \"off\"", rule);
	return lv;
}

static void set_level(struct bclint_rule_slot *slot, int lv)
{
	slot->enabled = lv != BCLINT_LEVEL_OFF;
	if (lv != BCLINT_LEVEL_OFF) {
		slot->level = lv;
		slot->level_overridden = 1;
	}
}

static void load_rules(struct cfgload *c, const cJSON *rules)
{
	if (!cJSON_IsObject(rules)) {
		cfg_error(c, bclint_json_start(rules), "'rules' must be an object, not %s",
		          kind(rules));
		return;
	}
	for (const cJSON *r = rules->child; r != NULL; r = r->next) {
		if (comment(r))
			continue;
		struct bclint_rule_slot *slot = bclint_ruleset_find(&c->run->rules, r->string);
		if (slot == NULL) {
			cfg_error(c, bclint_json_start(r), "unknown rule '%s' (see bclint --list-rules)",
			          r->string);
			continue;
		}
		if (cJSON_IsString(r)) {
			int lv = parse_level(c, r, r->string);
			if (lv >= 0)
				set_level(slot, lv);
			continue;
		}
		if (!cJSON_IsObject(r)) {
			cfg_error(c, bclint_json_start(r), "rule '%s' must be a level or an object, "
			          "not %s", r->string, kind(r));
			continue;
		}
		for (const cJSON *o = r->child; o != NULL; o = o->next) {
			if (comment(o))
				continue;
			if (strcmp(o->string, "level") == 0) {
				int lv = parse_level(c, o, r->string);
				if (lv >= 0)
					set_level(slot, lv);
			} else {
				rule_option(c, slot, o);
			}
		}
	}
}

/* Plugins named by the config, relative to the config file's directory. */
static void load_plugins(struct cfgload *c, const cJSON *plugins)
{
	if (!cJSON_IsArray(plugins)) {
		cfg_error(c, bclint_json_start(plugins), "'plugins' must be an array, not %s",
		          kind(plugins));
		return;
	}
	const char *slash = strrchr(c->cfg->path, '/');
	int dirlen = slash ? (int)(slash - c->cfg->path) : 1;
	const char *dir = slash ? c->cfg->path : ".";
	for (const cJSON *p = plugins->child; p != NULL; p = p->next) {
		if (!cJSON_IsString(p)) {
			cfg_error(c, bclint_json_start(p), "a plugin must be a path string, not %s",
			          kind(p));
			continue;
		}
		char path[PATH_MAX], err[1024];
		if (p->valuestring[0] == '/')
			snprintf(path, sizeof(path), "%s", p->valuestring);
		else
			snprintf(path, sizeof(path), "%.*s/%s", dirlen, dir, p->valuestring);
		if (bclint_ruleset_load(&c->run->rules, path, err, sizeof(err)) < 0)
			bclint_run_plugin_error(c->run, path, NULL, err);
	}
}

static void load_suppression(struct cfgload *c, const cJSON *s, struct bclint_suppression *out)
{
	static const char *const keys[] = {"rule", "pointer", "match", "reason", "expires", NULL};
	const cJSON *v[5] = {NULL};
	out->start = bclint_json_start(s);
	out->end = bclint_json_end(s, c->text);
	out->expires = BCLINT_NO_TIME;
	if (!cJSON_IsObject(s)) {
		cfg_error(c, out->start, "a suppression must be an object, not %s", kind(s));
		return;
	}
	for (const cJSON *f = s->child; f != NULL; f = f->next) {
		int i = 0;
		if (comment(f))
			continue;
		while (keys[i] != NULL && strcmp(keys[i], f->string) != 0)
			i++;
		if (keys[i] == NULL) {
			cfg_error(c, bclint_json_start(f), "unknown key '%s' in a suppression (rule, "
			          "pointer, match, reason, expires)", f->string);
		} else if (!cJSON_IsString(f)) {
			cfg_error(c, bclint_json_start(f), "'%s' must be a string, not %s", f->string,
			          kind(f));
		} else if (v[i] != NULL) {
			cfg_error(c, bclint_json_start(f), "duplicate key '%s'", f->string);
		} else {
			v[i] = f;
		}
	}
	if (v[0] == NULL || v[3] == NULL || (v[1] == NULL && v[2] == NULL)) {
		cfg_error(c, out->start, "a suppression needs 'rule', 'reason', and 'pointer' or "
		          "'match'");
		return;
	}
	out->rule = v[0]->valuestring;
	if (strcmp(out->rule, "*") != 0 && bclint_ruleset_find(&c->run->rules, out->rule) == NULL)
		cfg_error(c, bclint_json_start(v[0]), "unknown rule '%s' (see bclint --list-rules)",
		          out->rule);
	if (v[3]->valuestring[0] == '\0')
		cfg_error(c, bclint_json_start(v[3]), "'reason' must not be empty");
	out->reason = v[3]->valuestring;
	out->pointer = v[1] ? v[1]->valuestring : NULL;
	if (out->pointer != NULL && out->pointer[0] != '/')
		cfg_error(c, bclint_json_start(v[1]), "'pointer' must be a JSON Pointer starting "
		          "with '/'");
	if (v[2] != NULL)
		out->match = compile(c, v[2]);
	if (v[4] != NULL) {
		out->expires_text = v[4]->valuestring;
		if (bclint_parse_time(v[4]->valuestring, &out->expires) < 0)
			cfg_error(c, bclint_json_start(v[4]), "'expires' is not a date or RFC 3339 "
			          "timestamp: '%s'", v[4]->valuestring);
	}
}

static void load_suppressions(struct cfgload *c, const cJSON *list)
{
	if (!cJSON_IsArray(list)) {
		cfg_error(c, bclint_json_start(list), "'suppressions' must be an array, not %s",
		          kind(list));
		return;
	}
	size_t n = (size_t)cJSON_GetArraySize(list);
	c->cfg->supps = calloc(n + 1, sizeof(*c->cfg->supps));
	if (c->cfg->supps == NULL) {
		cfg_error(c, bclint_json_start(list), "out of memory");
		return;
	}
	bclint_time now = c->run->now != BCLINT_NO_TIME ? c->run->now : (bclint_time)time(NULL);
	for (const cJSON *s = list->child; s != NULL; s = s->next) {
		struct bclint_suppression *out = &c->cfg->supps[c->cfg->n_supps++];
		load_suppression(c, s, out);
		out->expired = out->expires != BCLINT_NO_TIME && out->expires < now;
	}
}

int bclint_config_load(struct bclint_run *run, struct bclint_config *cfg, const char *path,
                       int explicit_path)
{
	char *text;
	size_t len;
	cfg->file = -1;
	if (bclint_read_file(path, &text, &len) < 0) {
		if (!explicit_path && errno == ENOENT)
			return 0;
		fprintf(stderr, "bclint: error: %s: cannot read configuration: %s\n", path,
		        strerror(errno));
		return -1;
	}
	cfg->path = strdup(path);
	struct cfgload c = {run, cfg, text, len, NULL, 0};
	if (cfg->path == NULL) {
		free(text);
		return -1;
	}
	struct bclint_json_error jerr;
	cfg->root = bclint_json_parse(text, len, &jerr);
	if (cfg->root == NULL || !cJSON_IsObject(cfg->root)) {
		if (cfg->root == NULL)
			cfg_error(&c, jerr.offset, "malformed JSON: %s", jerr.message);
		else
			cfg_error(&c, 0, "the configuration must be an object, not %s",
			          kind(cfg->root));
		print_errors(&c);
		free(text);
		return -1;
	}
	static const char *const keys[] = {"rules", "plugins", "suppressions"};
	const cJSON *found[3] = {NULL, NULL, NULL};
	for (const cJSON *k = cfg->root->child; k != NULL; k = k->next) {
		if (comment(k))
			continue;
		size_t i = 0;
		while (i < 3 && strcmp(k->string, keys[i]) != 0)
			i++;
		if (i == 3)
			cfg_error(&c, bclint_json_start(k), "unknown key '%s' (rules, plugins, "
			          "suppressions)", k->string);
		else if (found[i] != NULL)
			cfg_error(&c, bclint_json_start(k), "duplicate key '%s'", k->string);
		else
			found[i] = k;
	}
	/* plugins first: the rules they bring can be configured too */
	if (found[1] != NULL)
		load_plugins(&c, found[1]);
	if (found[0] != NULL)
		load_rules(&c, found[0]);
	if (found[2] != NULL)
		load_suppressions(&c, found[2]);
	if (c.errors > 0) {
		print_errors(&c);
		free(text);
		return -1;
	}
	/* Keep the text as a report source: expired and unused suppressions
	 * are findings located in this file. */
	char *name = strdup(path);
	if (name == NULL) {
		free(text);
		return -1;
	}
	cfg->file = bclint_report_add_source(&run->report, name, text, len);
	return cfg->file < 0 ? -1 : 0;
}

struct bclint_suppression *bclint_config_suppression(struct bclint_config *cfg,
                                                     const char *rule, const char *pointer,
                                                     const char *const *subjects)
{
	for (size_t i = 0; cfg != NULL && i < cfg->n_supps; i++) {
		struct bclint_suppression *s = &cfg->supps[i];
		if (s->expired || (strcmp(s->rule, "*") != 0 && strcmp(s->rule, rule) != 0))
			continue;
		int hit = s->pointer != NULL && strcmp(s->pointer, pointer) == 0;
		if (!hit && s->match != NULL) {
			if (cfg->md == NULL && (cfg->md = pcre2_match_data_create(1, NULL)) == NULL)
				return NULL;
			for (size_t k = 0; subjects[k] != NULL && !hit; k++)
				hit = pcre2_match(s->match, (PCRE2_SPTR)subjects[k], PCRE2_ZERO_TERMINATED,
				                  0, 0, cfg->md, NULL) >= 0;
		}
		if (hit) {
			s->used++;
			return s;
		}
	}
	return NULL;
}

void bclint_config_report(struct bclint_run *run, struct bclint_config *cfg)
{
	for (size_t i = 0; cfg->file >= 0 && i < cfg->n_supps; i++) {
		const struct bclint_suppression *s = &cfg->supps[i];
		char msg[512], ptr[48];
		snprintf(ptr, sizeof(ptr), "/suppressions/%zu", i);
		const char *p = bclint_report_strdup(&run->report, ptr);
		uint64_t id = bclint_hash64(ptr, strlen(ptr), 0x5e);
		if (s->expired) {
			snprintf(msg, sizeof(msg), "suppression of '%s' expired on %s and no longer "
			         "applies (%s): fix the findings or renew it", s->rule, s->expires_text,
			         s->reason);
			bclint_report_add(&run->report, (uint32_t)cfg->file, "suppression-expired",
			                  NULL, BCLINT_LEVEL_WARNING, s->start, s->end, p, id, msg);
		} else if (s->used == 0) {
			snprintf(msg, sizeof(msg), "suppression of '%s' matched no finding: remove it",
			         s->rule);
			bclint_report_add(&run->report, (uint32_t)cfg->file, "suppression-unused",
			                  NULL, BCLINT_LEVEL_NOTE, s->start, s->end, p, id, msg);
		}
	}
}

void bclint_config_free(struct bclint_config *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->n_supps; i++)
		pcre2_code_free(cfg->supps[i].match);
	free(cfg->supps);
	pcre2_match_data_free(cfg->md);
	cJSON_Delete(cfg->root);
	bclint_arena_free(&cfg->arena);
	free(cfg->path);
	memset(cfg, 0, sizeof(*cfg));
	cfg->file = -1;
}
