/* The configuration file (.bclint.json): rule levels and options, extra
 * plugins, and suppressions.  Positions come from the same JSON layer as
 * the snapshot loader's (src/json.c). */
#ifndef BCLINT_CONFFILE_H
#define BCLINT_CONFFILE_H 1

#include <stddef.h>
#include <stdint.h>

#include <bclint/model.h>
#include <cjson/cJSON.h>

#include "util.h"

struct bclint_run;
struct bclint_finding;

struct bclint_suppression {
	const char *rule;    /* a rule ID, or "*" */
	const char *pointer; /* match by JSON Pointer, or NULL */
	struct pcre2_real_code_8 *match; /* match by pattern, or NULL */
	const char *reason;
	const char *expires_text;
	bclint_time expires; /* BCLINT_NO_TIME: never */
	int expired;
	uint32_t start, end; /* where it is in the config file */
	size_t used;         /* findings it suppressed */
};

struct bclint_config {
	char *path;   /* as found or given */
	int file;     /* report source index once loaded, else -1 */
	cJSON *root;  /* option values point into it */
	struct bclint_suppression *supps;
	size_t n_supps;
	struct pcre2_real_match_data_8 *md;
	struct bclint_arena arena; /* option values that are not in the tree */
};

/* Load the configuration: path from -c (explicit) or ".bclint.json" in the
 * current directory (used only if present).  Loads its plugins, applies its
 * rule levels and options, and compiles its suppressions.  Every error is
 * printed as FILE:LINE:COLUMN: error: MESSAGE.  Returns 0 (also when an
 * implicit config is absent), -1 on configuration errors (exit 2). */
int bclint_config_load(struct bclint_run *run, struct bclint_config *cfg, const char *path,
                       int explicit_path);

/* The suppression that applies to a finding of rule about an entity with
 * these subjects (email, IDs, names; NULL-terminated), or NULL. */
struct bclint_suppression *bclint_config_suppression(struct bclint_config *cfg,
                                                     const char *rule, const char *pointer,
                                                     const char *const *subjects);

/* Report expired and unused suppressions as findings of the config file. */
void bclint_config_report(struct bclint_run *run, struct bclint_config *cfg);

/* Free everything (NULL is safe). */
void bclint_config_free(struct bclint_config *cfg);

#endif
