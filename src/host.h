/* The context of one rule's run over one snapshot (struct bclint_ctx),
 * behind the host services of include/bclint/plugin.h. */
#ifndef BCLINT_HOST_H
#define BCLINT_HOST_H 1

#include <bclint/plugin.h>

#include "arena.h"
#include "pair.h"
#include "plugin.h"
#include "redact.h"
#include "roster.h"
#include "report.h"
#include "snapshot.h"
#include "suppress.h"

/* What every rule run over one snapshot shares.  All of it belongs to the
 * caller and outlives the rules' runs. */
struct bclint_scene {
	struct bclint_report *report;
	const struct bclint_snapshot *snap;
	struct bclint_suppressions *supps;  /* or NULL */
	struct bclint_redactor *redactor;   /* --redact, else NULL */
	bclint_time now;                    /* --now, or BCLINT_NO_TIME */
	int fingerprints;                   /* compute findings' identities */
	int about;                          /* keep who and what findings are about */
	const struct bclint_snapshot *prev; /* the previous snapshot (--previous), or NULL */
	const struct bclint_pairing *pairs; /* snap's and prev's entities, when prev is set */
	const struct bclint_roster *roster; /* --roster, or NULL */
};

struct bclint_patterns {
	int compiled;
	struct pcre2_real_code_8 **code;
	size_t n;
};

struct bclint_ctx {
	const struct bclint_scene *scene;
	const struct bclint_rule_slot *slot;
	struct bclint_arena scratch;  /* labels and redacted text, until check() returns */
	const char **asset_labels;    /* per asset, made on first use */
	const char **cap_labels;      /* per permission, made on first use */
	struct bclint_patterns *pats; /* per option, compiled on first use */
	struct pcre2_real_match_data_8 *md;
	const char *undeclared; /* an option key the rule never declared */
};

/* A context for slot's run in scene; release it with bclint_ctx_release. */
void bclint_ctx_init(struct bclint_ctx *ctx, const struct bclint_scene *scene,
                     const struct bclint_rule_slot *slot);
void bclint_ctx_release(struct bclint_ctx *ctx);

/* The host services table given to every rule. */
extern const struct bclint_host bclint_host_services;

#endif
