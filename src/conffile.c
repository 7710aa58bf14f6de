/* Reading .bclint.json.  The file is checked as strictly as a snapshot:
 * an unknown key, a wrong type, a bad pattern or date is an error at its
 * line and column.  What depends on the loaded rules (rule IDs, their
 * options and levels) is checked when the configuration is applied
 * (setup.c). */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <limits.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"
#include "regex.h"
#include "timestamp.h"

void bclint_config_error(struct bclint_config *cfg, size_t off, const char *fmt, ...)
{
	struct bclint_config_error *e = realloc(cfg->errors, (cfg->n_errors + 1) * sizeof(*e));
	if (e == NULL) {
		/* counted still, so that the file is refused */
		cfg->n_errors++;
		return;
	}
	cfg->errors = e;
	e += cfg->n_errors;
	e->off = (uint32_t)off;
	e->seq = cfg->n_errors++;
	va_list ap;
	va_start(ap, fmt);
	e->text = bclint_arena_vprintf(&cfg->arena, fmt, ap);
	va_end(ap);
}

struct placed {
	uint32_t line, col;
	const struct bclint_config_error *e;
};

static int by_place(const void *a, const void *b)
{
	const struct placed *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->e->seq > y->e->seq) - (x->e->seq < y->e->seq);
}

size_t bclint_config_flush(struct bclint_config *cfg, const struct bclint_diag_sink *diag)
{
	size_t n = cfg->n_errors;
	if (n == 0)
		return 0;
	struct placed *order = calloc(n, sizeof(*order));
	if (order == NULL || cfg->errors == NULL) {
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: out of memory", cfg->path);
	} else {
		for (size_t i = 0; i < n; i++) {
			order[i].e = &cfg->errors[i];
			bclint_jdoc_position(&cfg->doc, order[i].e->off, &order[i].line,
			                     &order[i].col);
		}
		qsort(order, n, sizeof(*order), by_place);
		for (size_t i = 0; i < n; i++)
			bclint_diagf(diag, 3, cfg->path, order[i].line, order[i].col, "%s",
			             order[i].e->text ? order[i].e->text : "out of memory");
	}
	free(order);
	return n;
}

int bclint_config_comment(const char *text, const struct bclint_jv *v)
{
	return v->key != 0 && strncmp(text + v->key + 1, "//", 2) == 0;
}

/* The decoded key of v, "" when memory ran out (an error is recorded). */
static const char *key_of(struct bclint_config *cfg, const struct bclint_jv *v)
{
	const char *k = bclint_jdoc_key(&cfg->doc, v);
	if (k == NULL)
		bclint_config_error(cfg, v->start, "out of memory");
	return k ? k : "";
}

/* Plugins named by the configuration, relative to its directory. */
static void read_plugins(struct bclint_config *cfg, const struct bclint_jv *list)
{
	if (list->type != BCLINT_JARRAY) {
		bclint_config_error(cfg, list->start, "'plugins' must be an array, not %s",
		                    bclint_jv_type_name(list));
		return;
	}
	const char *slash = strrchr(cfg->path, '/');
	int dirlen = slash ? (int)(slash - cfg->path) : 1;
	const char *dir = slash ? cfg->path : ".";
	cfg->plugins = calloc(bclint_jv_count(list) + 1, sizeof(*cfg->plugins));
	if (cfg->plugins == NULL) {
		bclint_config_error(cfg, list->start, "out of memory");
		return;
	}
	for (const struct bclint_jv *p = list->child; p != NULL; p = p->next) {
		const char *name = bclint_jdoc_string(&cfg->doc, p);
		if (name == NULL) {
			bclint_config_error(cfg, p->start, "a plugin must be a path string, not %s",
			                    bclint_jv_type_name(p));
			continue;
		}
		char *path = name[0] == '/' ? bclint_arena_strdup(&cfg->arena, name)
		                            : bclint_arena_printf(&cfg->arena, "%.*s/%s", dirlen,
		                                                  dir, name);
		cfg->plugins[cfg->n_plugins++] = (struct bclint_config_plugin){path, p->start};
	}
}

/* The roster file, relative to the configuration's directory. */
static void read_roster(struct bclint_config *cfg, const struct bclint_jv *v)
{
	const char *name = bclint_jdoc_string(&cfg->doc, v);
	if (name == NULL || *name == '\0') {
		bclint_config_error(cfg, v->start, "'roster' must be a path string, not %s",
		                    name ? "an empty string" : bclint_jv_type_name(v));
		return;
	}
	const char *slash = strrchr(cfg->path, '/');
	cfg->roster = name[0] == '/' || slash == NULL
	                      ? bclint_arena_strdup(&cfg->arena, name)
	                      : bclint_arena_printf(&cfg->arena, "%.*s/%s",
	                                            (int)(slash - cfg->path), cfg->path, name);
}

static pcre2_code *compile(struct bclint_config *cfg, const struct bclint_jv *v,
                           const char *pattern)
{
	char why[300];
	pcre2_code *re = bclint_regex_compile(pattern, why, sizeof(why));
	if (re == NULL)
		bclint_config_error(cfg, v->start, "%s", why);
	return re;
}

static void read_suppression(struct bclint_config *cfg, const struct bclint_jv *s,
                             struct bclint_suppression *out)
{
	static const char *const keys[] = {"rule", "pointer", "match", "reason", "expires", NULL};
	const struct bclint_jv *v[5] = {NULL};
	const char *str[5] = {NULL};
	out->start = s->start;
	out->end = s->end;
	out->expires = BCLINT_NO_TIME;
	if (s->type != BCLINT_JOBJECT) {
		bclint_config_error(cfg, s->start, "a suppression must be an object, not %s",
		                    bclint_jv_type_name(s));
		return;
	}
	for (const struct bclint_jv *f = s->child; f != NULL; f = f->next) {
		int i = 0;
		if (bclint_config_comment(cfg->doc.text, f))
			continue;
		while (keys[i] != NULL && !bclint_jv_key_is(cfg->doc.text, f, keys[i]))
			i++;
		if (keys[i] == NULL)
			bclint_config_error(cfg, f->start,
			                    "unknown key '%s' in a suppression (rule, "
			                    "pointer, match, reason, expires)",
			                    key_of(cfg, f));
		else if (f->type != BCLINT_JSTRING)
			bclint_config_error(cfg, f->start, "'%s' must be a string, not %s", keys[i],
			                    bclint_jv_type_name(f));
		else if (v[i] != NULL)
			bclint_config_error(cfg, f->start, "duplicate key '%s'", keys[i]);
		else if ((str[i] = bclint_jdoc_string(&cfg->doc, f)) != NULL)
			v[i] = f;
	}
	if (v[0] == NULL || v[3] == NULL || (v[1] == NULL && v[2] == NULL)) {
		bclint_config_error(cfg, out->start,
		                    "a suppression needs 'rule', 'reason', and "
		                    "'pointer' or 'match'");
		return;
	}
	out->rule = str[0];
	out->rule_at = v[0]->start;
	if (str[3][0] == '\0')
		bclint_config_error(cfg, v[3]->start, "'reason' must not be empty");
	out->reason = str[3];
	out->pointer = str[1];
	if (out->pointer != NULL && out->pointer[0] != '/')
		bclint_config_error(cfg, v[1]->start,
		                    "'pointer' must be a JSON Pointer starting "
		                    "with '/'");
	if (v[2] != NULL)
		out->match = compile(cfg, v[2], str[2]);
	if (v[4] != NULL) {
		out->expires_text = str[4];
		if (bclint_parse_time(str[4], &out->expires) < 0)
			bclint_config_error(cfg, v[4]->start,
			                    "'expires' is not a date or RFC 3339 "
			                    "timestamp: '%s'",
			                    str[4]);
	}
}

static void read_suppressions(struct bclint_config *cfg, const struct bclint_jv *list)
{
	if (list->type != BCLINT_JARRAY) {
		bclint_config_error(cfg, list->start, "'suppressions' must be an array, not %s",
		                    bclint_jv_type_name(list));
		return;
	}
	cfg->supps.v = calloc(bclint_jv_count(list) + 1, sizeof(*cfg->supps.v));
	if (cfg->supps.v == NULL) {
		bclint_config_error(cfg, list->start, "out of memory");
		return;
	}
	for (const struct bclint_jv *s = list->child; s != NULL; s = s->next)
		read_suppression(cfg, s, &cfg->supps.v[cfg->supps.n++]);
}

int bclint_config_read(struct bclint_config *cfg, const char *path, int explicit_path,
                       const struct bclint_diag_sink *diag)
{
	memset(cfg, 0, sizeof(*cfg));
	if (bclint_text_read(path, &cfg->text) < 0) {
		if (!explicit_path && errno == ENOENT)
			return 0;
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: cannot read configuration: %s", path,
		             strerror(errno));
		return -1;
	}
	cfg->path = strdup(path);
	if (cfg->path == NULL) {
		bclint_diagf(diag, 3, NULL, 0, 0, "%s: out of memory", path);
		return -1;
	}
	if (bclint_jdoc_parse(&cfg->doc, cfg->text.data, cfg->text.len) < 0) {
		char msg[160];
		bclint_json_error_text(&cfg->doc.err, msg, sizeof(msg));
		bclint_config_error(cfg, cfg->doc.err.offset, "%s", msg);
		return 0;
	}
	const struct bclint_jv *root = cfg->doc.root;
	if (root->type != BCLINT_JOBJECT) {
		bclint_config_error(cfg, 0, "the configuration must be an object, not %s",
		                    bclint_jv_type_name(root));
		return 0;
	}
	static const char *const keys[] = {"rules", "plugins", "suppressions", "roster"};
	const struct bclint_jv *found[4] = {NULL, NULL, NULL, NULL};
	for (const struct bclint_jv *k = root->child; k != NULL; k = k->next) {
		if (bclint_config_comment(cfg->doc.text, k))
			continue;
		size_t i = 0;
		while (i < 4 && !bclint_jv_key_is(cfg->doc.text, k, keys[i]))
			i++;
		if (i == 4)
			bclint_config_error(cfg, k->start,
			                    "unknown key '%s' (rules, plugins, "
			                    "suppressions, roster)",
			                    key_of(cfg, k));
		else if (found[i] != NULL)
			bclint_config_error(cfg, k->start, "duplicate key '%s'", keys[i]);
		else
			found[i] = k;
	}
	if (found[0] != NULL && found[0]->type != BCLINT_JOBJECT)
		bclint_config_error(cfg, found[0]->start, "'rules' must be an object, not %s",
		                    bclint_jv_type_name(found[0]));
	else
		cfg->rules = found[0];
	if (found[1] != NULL)
		read_plugins(cfg, found[1]);
	if (found[2] != NULL)
		read_suppressions(cfg, found[2]);
	if (found[3] != NULL)
		read_roster(cfg, found[3]);
	return 0;
}

void bclint_config_free(struct bclint_config *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->supps.n; i++)
		pcre2_code_free(cfg->supps.v[i].match);
	free(cfg->supps.v);
	bclint_suppressions_release(&cfg->supps);
	free(cfg->plugins);
	free(cfg->errors);
	bclint_jdoc_free(&cfg->doc);
	bclint_text_free(&cfg->text);
	bclint_arena_free(&cfg->arena);
	free(cfg->path);
	memset(cfg, 0, sizeof(*cfg));
}
