/* Loading a bclint-snapshot/1 file into the read-only model. */
#ifndef BCLINT_SNAPSHOT_H
#define BCLINT_SNAPSHOT_H 1

#include <bclint/model.h>

#include "arena.h"
#include "json.h"
#include "report.h"

/* The second grant of a need whose action also needs one (struct
 * bclint_action's also_types): on the asset the need names, or else on
 * the member's strongest asset of that type. */
struct bclint_also {
	const char *asset_id;             /* named (x_advertiser_id), or NULL */
	const struct bclint_asset *asset; /* named and here, or the strongest */
	const struct bclint_grant *grant; /* the member's grant on asset, or NULL */
	int named;
};

/* A loaded snapshot: the model plus what backs it.  The parsed document
 * lives only while the model is built (model strings are copied into
 * arena), except the policy object, kept as a document of its own.
 * Ownership: bclint_snapshot_free (NULL-safe) releases all of it. */
struct bclint_snapshot {
	struct bclint_model model;
	uint32_t file;             /* source index in the report */
	int errors;                /* snapshot errors found: the model is not resolved */
	struct bclint_jdoc policy; /* the policy object (root NULL: none) */
	char *policy_text;
	uint32_t policy_at;        /* where the policy starts in the file */
	struct bclint_arena tree;  /* the parsed document, while loading */
	struct bclint_arena arena; /* the model */
	struct bclint_grant *grants;
	struct bclint_also *also;      /* per need, or NULL when no need names one */
	struct bclint_cap *group_caps; /* while resolving: each grant's group's cap */
	size_t n_grants;
};

/* Load source `file` of the report.  Every snapshot error is added to the
 * report as a "snapshot" finding; redact keeps emails out of them.
 * Returns the snapshot -- whose model is only usable when s->errors is 0,
 * but whose policy is there to check -- or NULL when the JSON could not be
 * parsed or memory ran out (r->oom says which). */
struct bclint_snapshot *bclint_snapshot_load(struct bclint_report *r, uint32_t file, int redact);

void bclint_snapshot_free(struct bclint_snapshot *s);

/* The second grant of need n (see struct bclint_also): the member's grant
 * that counts for it, or NULL, with *id the asset the need names (or
 * NULL) and *asset the asset it is about (or NULL). */
const struct bclint_grant *bclint_snapshot_also(const struct bclint_snapshot *s,
                                                const struct bclint_need *n, const char **id,
                                                const struct bclint_asset **asset);

/* Where grant g's effective permission comes from: the share when it
 * lowers the grant, else the direct assignment when it alone gives it, else the group
 * (and the member when it has neither, which a model never holds). */
const struct bclint_entity *bclint_grant_source(const struct bclint_grant *g);

#endif
