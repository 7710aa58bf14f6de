/* Plugin discovery, trust checks, dlopen and descriptor validation.
 *
 * The descriptor is data: the host reads its magic, ABI version and sizes,
 * and every rule's ID and metadata, before it calls any function of the
 * plugin.  (The dynamic loader itself runs ELF constructors at dlopen: a
 * plugin is trusted code once the file checks pass; see SECURITY.md.) */
#include "config.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin.h"
#include "regex.h"

static int fail(char *err, size_t size, const char *path, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t size, const char *path, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, size, "%s: ", path);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < size)
		vsnprintf(err + n, size - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Refuse files that someone other than root or us could have written. */
static int check_trust(const char *path, char *err, size_t size)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return fail(err, size, path, "cannot open plugin: %s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(err, size, path, "not a regular file");
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return fail(err, size, path,
		            "refusing to load a plugin writable by group or others (mode %04o)",
		            (unsigned)(st.st_mode & 07777));
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return fail(err, size, path,
		            "refusing to load a plugin owned by another user (uid %u)",
		            (unsigned)st.st_uid);
	return 0;
}

static int valid_id(const char *id)
{
	if (id == NULL || !(*id >= 'a' && *id <= 'z'))
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	return strlen(id) <= 64 && id[strlen(id) - 1] != '-';
}

/* Was the plugin built with the rule field at offset off (an appended
 * one)? */
static int has_field(const struct bclint_plugin *d, size_t off)
{
	return d->rule_size >= off + sizeof(const char *);
}

/* A security-severity score: "0.1" to "10.0", one decimal at most. */
static int severity_ok(const char *s)
{
	char *end;
	double v = strtod(s, &end);
	const char *dot = strchr(s, '.');
	return *s >= '0' && *s <= '9' && *end == '\0' && v > 0 && v <= 10.0 &&
	       (dot == NULL || strlen(dot) <= 2);
}

/* The appended fields a plugin was built with, when it was. */
static int check_appended(const struct bclint_plugin *d, const struct bclint_rule *r,
                          const char *path, char *err, size_t size)
{
	static const char *const precisions[] = {"very-high", "high", "medium", "low", NULL};
	if (has_field(d, offsetof(struct bclint_rule, precision)) && r->precision != NULL) {
		size_t i = 0;
		while (precisions[i] != NULL && strcmp(precisions[i], r->precision) != 0)
			i++;
		if (precisions[i] == NULL)
			return fail(err, size, path,
			            "rule '%s' has an invalid precision '%s' (very-high, "
			            "high, medium or low)",
			            r->id, r->precision);
	}
	if (has_field(d, offsetof(struct bclint_rule, security_severity)) &&
	    r->security_severity != NULL && !severity_ok(r->security_severity))
		return fail(err, size, path,
		            "rule '%s' has an invalid security severity '%s' (0.1 "
		            "to 10.0)",
		            r->id, r->security_severity);
	return 0;
}

static int check_rule(const struct bclint_rule *r, const char *path, char *err, size_t size)
{
	if (!valid_id(r->id))
		return fail(err, size, path,
		            "invalid rule ID '%s' (lower-case letters, digits "
		            "and hyphens)",
		            r->id ? r->id : "(null)");
	if (strcmp(r->id, "snapshot") == 0 || strncmp(r->id, "suppression-", 12) == 0)
		return fail(err, size, path, "rule ID '%s' is reserved", r->id);
	if (r->name == NULL || r->summary == NULL || r->check == NULL)
		return fail(err, size, path, "rule '%s' lacks a name, summary or check function",
		            r->id);
	if (strcmp(r->name, r->id) == 0)
		return fail(err, size, path, "rule '%s': name must differ from the ID", r->id);
	if (r->level < BCLINT_LEVEL_NOTE || r->level > BCLINT_LEVEL_ERROR)
		return fail(err, size, path, "rule '%s' has an invalid default level %u", r->id,
		            r->level);
	if (r->n_options > 0 && r->options == NULL)
		return fail(err, size, path, "rule '%s' declares options but no table", r->id);
	for (size_t i = 0; i < r->n_options; i++) {
		const struct bclint_option *o = &r->options[i];
		if (o->key == NULL || o->type > BCLINT_OPT_PATTERNS)
			return fail(err, size, path, "rule '%s' has an invalid option %zu", r->id,
			            i);
		char buf[300];
		const char *why = o->def ? bclint_option_check(o, o->def, buf, sizeof(buf)) : NULL;
		if (why != NULL)
			return fail(err, size, path, "rule '%s': default of '%s' is invalid: %s",
			            r->id, o->key, why);
	}
	return 0;
}

static int check_descriptor(const struct bclint_plugin *d, const char *path, char *err, size_t size)
{
	if (d->magic != BCLINT_PLUGIN_MAGIC)
		return fail(err, size, path, "not a bclint plugin (bad magic in '%s')",
		            BCLINT_PLUGIN_SYMBOL);
	if (d->abi_version != BCLINT_ABI_VERSION)
		return fail(err, size, path,
		            "plugin ABI version %u does not match this bclint's ABI version %u",
		            d->abi_version, BCLINT_ABI_VERSION);
	if (d->size < sizeof(struct bclint_plugin))
		return fail(err, size, path, "plugin descriptor too small (%u bytes, expected %zu)",
		            d->size, sizeof(struct bclint_plugin));
	if (d->rule_size < BCLINT_RULE_SIZE_1)
		return fail(err, size, path, "rule descriptor too small (%u bytes, expected %zu)",
		            d->rule_size, (size_t)BCLINT_RULE_SIZE_1);
	if (d->name == NULL || d->version == NULL)
		return fail(err, size, path, "plugin descriptor lacks a name or version");
	if (d->rules == NULL || d->n_rules == 0)
		return fail(err, size, path, "plugin declares no rules");
	for (size_t i = 0; i < d->n_rules; i++) {
		const struct bclint_rule *r =
		        (const struct bclint_rule *)((const char *)d->rules + i * d->rule_size);
		if (check_rule(r, path, err, size) < 0 || check_appended(d, r, path, err, size) < 0)
			return -1;
	}
	return 0;
}

/* Point the slots at their plugins again (both arrays may have moved).
 * The ID index holds slot numbers, not addresses, so it stays valid. */
static void relink(struct bclint_ruleset *rs)
{
	size_t k = 0;
	for (size_t p = 0; p < rs->n_plugins; p++)
		for (size_t i = 0; i < rs->plugins[p].desc->n_rules; i++)
			rs->slots[k++].plugin = &rs->plugins[p];
}

int bclint_ruleset_load(struct bclint_ruleset *rs, const char *path, char *err, size_t size)
{
	if (check_trust(path, err, size) < 0)
		return -1;
	/* dlopen searches the library path for a name without a slash: load
	 * the file that was just checked, in the current directory. */
	char local[PATH_MAX];
	const char *file = path;
	if (strchr(path, '/') == NULL &&
	    snprintf(local, sizeof(local), "./%s", path) < (int)sizeof(local))
		file = local;
	void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *why = dlerror();
		return fail(err, size, path, "cannot load plugin: %s", why ? why : "unknown error");
	}
	const struct bclint_plugin *d = dlsym(h, BCLINT_PLUGIN_SYMBOL);
	if (d == NULL) {
		dlclose(h);
		return fail(err, size, path, "not a bclint plugin (no '%s' symbol)",
		            BCLINT_PLUGIN_SYMBOL);
	}
	if (check_descriptor(d, path, err, size) < 0)
		goto refuse;
	for (size_t i = 0; i < d->n_rules; i++) {
		const struct bclint_rule *r =
		        (const struct bclint_rule *)((const char *)d->rules + i * d->rule_size);
		const struct bclint_rule_slot *other = bclint_ruleset_find(rs, r->id);
		if (other != NULL) {
			fail(err, size, path, "rule '%s' is already loaded from %s", r->id,
			     other->plugin->path);
			goto refuse;
		}
		for (size_t j = 0; j < i; j++) {
			const struct bclint_rule *q =
			        (const struct bclint_rule *)((const char *)d->rules +
			                                     j * d->rule_size);
			if (strcmp(q->id, r->id) == 0) {
				fail(err, size, path, "rule '%s' is declared twice", r->id);
				goto refuse;
			}
		}
	}
	struct bclint_loaded_plugin *pl = realloc(rs->plugins, (rs->n_plugins + 1) * sizeof(*pl));
	if (pl != NULL)
		rs->plugins = pl;
	struct bclint_rule_slot *sl = realloc(rs->slots, (rs->n_slots + d->n_rules) * sizeof(*sl));
	if (sl != NULL)
		rs->slots = sl;
	char *copy = strdup(path);
	if (pl == NULL || sl == NULL || copy == NULL) {
		/* One array may have moved: the links into it must follow. */
		relink(rs);
		free(copy);
		fail(err, size, path, "out of memory");
		goto refuse;
	}
	struct bclint_loaded_plugin *lp = &rs->plugins[rs->n_plugins++];
	lp->path = copy;
	lp->handle = h;
	lp->desc = d;
	int indexed = 1;
	for (size_t i = 0; i < d->n_rules; i++) {
		struct bclint_rule_slot *s = &rs->slots[rs->n_slots++];
		memset(s, 0, sizeof(*s));
		s->rule = (const struct bclint_rule *)((const char *)d->rules + i * d->rule_size);
		s->precision = "high";
		if (has_field(d, offsetof(struct bclint_rule, precision)) && s->rule->precision)
			s->precision = s->rule->precision;
		if (has_field(d, offsetof(struct bclint_rule, security_severity)))
			s->security_severity = s->rule->security_severity;
		s->enabled = 1;
		s->level = (int)s->rule->level;
		if (bclint_map_put(&rs->by_id, 0, s->rule->id, (void *)(uintptr_t)rs->n_slots) ==
		    &rs->by_id)
			indexed = 0;
	}
	relink(rs);
	if (!indexed)
		return fail(err, size, path, "out of memory");
	return 0;
refuse:
	dlclose(h);
	return -1;
}

static int so_name(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 3 && strcmp(e->d_name + n - 3, ".so") == 0 && e->d_name[0] != '.';
}

int bclint_ruleset_load_dir(struct bclint_ruleset *rs, const char *dir, bclint_refusal_fn *refused,
                            void *arg, char *err, size_t size)
{
	struct dirent **list;
	int n = scandir(dir, &list, so_name, alphasort);
	if (n < 0)
		return fail(err, size, dir, "cannot read plugin directory: %s", strerror(errno));
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		if (bclint_ruleset_load(rs, path, err, size) < 0)
			refused(arg, path, err);
		free(list[i]);
	}
	free(list);
	return 0;
}

struct bclint_rule_slot *bclint_ruleset_find(const struct bclint_ruleset *rs, const char *id)
{
	uintptr_t k = (uintptr_t)bclint_map_get(&rs->by_id, 0, id); /* slot number + 1 */
	return k ? &rs->slots[k - 1] : NULL;
}

const struct bclint_option *bclint_rule_option(const struct bclint_rule *rule, const char *key,
                                               size_t *index)
{
	for (size_t i = 0; i < rule->n_options; i++) {
		if (strcmp(rule->options[i].key, key) == 0) {
			if (index)
				*index = i;
			return &rule->options[i];
		}
	}
	return NULL;
}

const char *bclint_option_check(const struct bclint_option *opt, const char *value, char *buf,
                                size_t size)
{
	switch (opt->type) {
	case BCLINT_OPT_INT: {
		char *end;
		errno = 0;
		long long v = strtoll(value, &end, 10);
		if (*value == '\0' || *end != '\0' || errno != 0 || v < 0 || v > INT_MAX)
			return "expected a non-negative integer";
		return NULL;
	}
	case BCLINT_OPT_BOOL:
		return strcmp(value, "true") == 0 || strcmp(value, "false") == 0
		               ? NULL
		               : "expected true or false";
	case BCLINT_OPT_PATTERNS: return bclint_regex_check(value, buf, size) == 0 ? NULL : buf;
	default: return NULL;
	}
}

int bclint_slot_set_option(struct bclint_rule_slot *slot, const char *key, const char *value,
                           int source, char *err, size_t size)
{
	const struct bclint_rule *r = slot->rule;
	size_t idx;
	const struct bclint_option *o = bclint_rule_option(r, key, &idx);
	if (o == NULL) {
		int n = snprintf(err, size, "rule '%s' has no option '%s'", r->id, key);
		for (size_t i = 0; n >= 0 && (size_t)n < size && i < r->n_options; i++)
			n += snprintf(err + n, size - (size_t)n, "%s%s",
			              i ? ", " : " (accepted: ", r->options[i].key);
		if (n >= 0 && (size_t)n < size)
			snprintf(err + n, size - (size_t)n,
			         r->n_options ? ")" : " (it takes none)");
		return -1;
	}
	char buf[300];
	const char *why = bclint_option_check(o, value, buf, sizeof(buf));
	if (why != NULL) {
		snprintf(err, size, "invalid value '%s' for %s.%s: %s", value, r->id, key, why);
		return -1;
	}
	if (slot->set == NULL) {
		slot->set = calloc(r->n_options, sizeof(*slot->set));
		if (slot->set == NULL)
			goto oom;
	}
	struct bclint_optval *v = &slot->set[idx];
	v->opt = o;
	if (o->type != BCLINT_OPT_PATTERNS || source != v->source)
		v->n_values = 0;
	v->source = source;
	const char **vals = realloc(v->values, (v->n_values + 1) * sizeof(*vals));
	if (vals == NULL)
		goto oom;
	v->values = vals;
	v->values[v->n_values++] = value;
	return 0;
oom:
	snprintf(err, size, "out of memory");
	return -1;
}

void bclint_slot_clear_options(struct bclint_rule_slot *slot)
{
	if (slot->set == NULL)
		return;
	for (size_t k = 0; k < slot->rule->n_options; k++)
		free(slot->set[k].values);
	free(slot->set);
	slot->set = NULL;
}

void bclint_ruleset_free(struct bclint_ruleset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n_slots; i++)
		bclint_slot_clear_options(&rs->slots[i]);
	for (size_t i = 0; i < rs->n_plugins; i++) {
		dlclose(rs->plugins[i].handle);
		free(rs->plugins[i].path);
	}
	free(rs->plugins);
	free(rs->slots);
	bclint_map_free(&rs->by_id);
	memset(rs, 0, sizeof(*rs));
}
