/* Loading a bclint-snapshot/1 file into the read-only model. */
#ifndef BCLINT_SNAPSHOT_H
#define BCLINT_SNAPSHOT_H 1

#include <bclint/plugin.h>
#include <cjson/cJSON.h>

#include "report.h"
#include "util.h"

/* A loaded snapshot: the model plus what backs it.  The parsed document
 * (json.h) lives only while the model is built: model strings are copied
 * into arena, and the policy object is made a cJSON tree of its own. */
struct bclint_snapshot {
	struct bclint_model model;
	uint32_t file;        /* source index in the report */
	cJSON *policy;        /* the policy object, or NULL */
	struct bclint_arena tree;   /* the parsed document, while loading */
	struct bclint_arena arena;  /* the model */
	struct bclint_grant *grants;
	struct bclint_cap *group_caps; /* while resolving: each grant's group's cap */
	size_t n_grants;
};

/* Load source `file` of the report.  Every snapshot error is added to the
 * report as a "snapshot" finding.  Returns the snapshot (caller frees with
 * bclint_snapshot_free), or NULL when it had errors or memory ran out
 * (r->oom says which). */
struct bclint_snapshot *bclint_snapshot_load(struct bclint_report *r, uint32_t file);

/* Checks a snapshot's policy object against the loaded rules' options;
 * returns the number of errors it added to the report. */
typedef int bclint_policy_check_fn(void *arg, struct bclint_report *r, uint32_t file,
                                   const cJSON *policy);

/* bclint_snapshot_load, also running check on the policy object (when the
 * document parsed), so that its errors come with all the others. */
struct bclint_snapshot *bclint_snapshot_load_with(struct bclint_report *r, uint32_t file,
                                                  bclint_policy_check_fn *check, void *arg);

/* NULL is safe. */
void bclint_snapshot_free(struct bclint_snapshot *s);

/* A hash of the entity's identity (its IDs, not its place in the file). */
uint64_t bclint_entity_identity(const struct bclint_model *m, const struct bclint_entity *e);

#endif
