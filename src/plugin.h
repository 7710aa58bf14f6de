/* Finding, checking and loading rule plugins, and the per-run settings of
 * every loaded rule (enabled, level, options). */
#ifndef BCLINT_PLUGIN_HOST_H
#define BCLINT_PLUGIN_HOST_H 1

#include <stddef.h>

#include <bclint/plugin.h>

#include "map.h"

struct bclint_loaded_plugin {
	char *path;
	void *handle;
	const struct bclint_plugin *desc;
};

/* A value given for a rule option on the command line or in a config. */
struct bclint_optval {
	const struct bclint_option *opt;
	const char **values; /* one for scalars; one per pattern for lists */
	size_t n_values;
	int source; /* where the values came from: enum bclint_opt_source */
};

/* Where a rule setting came from; a later source replaces an earlier one. */
enum bclint_opt_source { BCLINT_FROM_NONE, BCLINT_FROM_CONFIG, BCLINT_FROM_CLI };

/* One loaded rule and how this run is configured to use it. */
struct bclint_rule_slot {
	const struct bclint_rule *rule; /* its appended fields only as below */
	const char *precision;          /* the rule's, or "high" */
	const char *security_severity;  /* the rule's, or NULL */
	const struct bclint_loaded_plugin *plugin;
	int enabled;
	int level; /* configured level; the rule's default unless overridden */
	int level_overridden;
	struct bclint_optval *set; /* per option, parallel to rule->options */
};

struct bclint_ruleset {
	struct bclint_loaded_plugin *plugins;
	size_t n_plugins;
	struct bclint_rule_slot *slots;
	size_t n_slots;
	struct bclint_map by_id;
};

/* Load one plugin file.  On refusal returns -1 and writes "PATH: reason"
 * into err. */
int bclint_ruleset_load(struct bclint_ruleset *rs, const char *path, char *err, size_t size);

/* Called with "PATH: reason" for each plugin a directory load refuses. */
typedef void bclint_refusal_fn(void *arg, const char *path, const char *message);

/* Load every *.so of a directory, in name order; a refused plugin is
 * passed to refused and the others are still loaded.  Returns 0, or -1 if
 * the directory cannot be read (then err says why). */
int bclint_ruleset_load_dir(struct bclint_ruleset *rs, const char *dir, bclint_refusal_fn *refused,
                            void *arg, char *err, size_t size);

struct bclint_rule_slot *bclint_ruleset_find(const struct bclint_ruleset *rs, const char *id);
const struct bclint_option *bclint_rule_option(const struct bclint_rule *rule, const char *key,
                                               size_t *index);

/* Set an option from text (--set, or the config file); validates against
 * the declared type.  Pattern lists append to values from the same source
 * and replace those of an earlier one.  value must outlive the ruleset.
 * Returns 0, or -1 with err set. */
int bclint_slot_set_option(struct bclint_rule_slot *slot, const char *key, const char *value,
                           int source, char *err, size_t size);

/* Forget every option value set on a rule (--set, config). */
void bclint_slot_clear_options(struct bclint_rule_slot *slot);

/* Check a textual value against an option's type: NULL if fine, else why
 * (a static text, or one written into buf). */
const char *bclint_option_check(const struct bclint_option *opt, const char *value, char *buf,
                                size_t size);

/* Unload everything (NULL is safe). */
void bclint_ruleset_free(struct bclint_ruleset *rs);

#endif
