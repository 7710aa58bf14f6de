/* The troubleshooting ladder behind `bclint why`: for one member, one
 * action and (for asset actions) one asset, the layers of Business Center
 * access checked in order (membership, delegation, the asset's place, the
 * assignment, the grant, the session), the first broken one the verdict,
 * and the fix in Business Center terms.  The command (src/cmd/why.c)
 * finds the member, the action and the asset, fills in a struct
 * bclint_why, calls bclint_why_walk and bclint_why_fix, and prints the
 * answer; nothing here prints. */
#ifndef BCLINT_LADDER_H
#define BCLINT_LADDER_H 1

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "report.h"
#include "snapshot.h"
#include "timestamp.h"

enum { WHY_OK, WHY_BROKEN, WHY_SKIPPED };
extern const char *const bclint_why_state_names[];

enum {
	WHY_MEMBER,
	WHY_DELEGATION,
	WHY_ASSET,
	WHY_ASSIGNMENT,
	WHY_GRANT,
	WHY_SESSION,
	WHY_N_LAYERS
};
extern const char *const bclint_why_layer_names[];

/* One piece of evidence: what was seen, and the entity it came from. */
struct bclint_why_evidence {
	const char *text;
	const struct bclint_entity *ent; /* NULL: from the capability matrix */
};

struct bclint_why_layer {
	int state;
	const char *rule; /* the verdict when broken */
	struct bclint_why_evidence ev[2];
	size_t n_ev;
};

struct bclint_why {
	struct bclint_report report; /* holds the source text */
	struct bclint_snapshot *snap;
	const struct bclint_model *m;
	const char *text;
	size_t len;
	struct bclint_arena arena; /* every string built here */
	int oom;                   /* a string could not be built */
	int json;
	bclint_time now;
	const struct bclint_member *member;
	const struct bclint_action *action;
	const char *asset_id; /* NULL for BC-level questions */
	uint32_t asset_type;
	const struct bclint_asset *asset;      /* NULL: foreign (or no asset) */
	const struct bclint_entity *asset_ref; /* where a foreign asset is named */
	int unknown;                           /* an asset ID nothing here names */
	const char *unknown_close;             /* IDs here close to it, or NULL */
	const struct bclint_grant *grant;
	const struct bclint_need *need; /* the same question in the plan */
	/* Spark Ads and LIVE in ads: the ad account the ads are made on */
	const char *ad_id;                   /* named (--advertiser, x_advertiser_id) */
	const struct bclint_asset *ad;       /* named and here, else the strongest */
	const struct bclint_grant *ad_grant; /* the member's grant on ad, or NULL */
	int ad_broken;                       /* layer 5 broke on the ad account */
	struct bclint_why_layer layers[WHY_N_LAYERS];
	int broken; /* first broken layer, or -1 */
	const char *fix;
};

/* The rest of the question, once w's member, action and asset (asset_id,
 * asset_type, asset or asset_ref) and ad_id (--advertiser, or NULL) are
 * set: the member's grant on the asset, the same need in the access
 * plan, and for Spark Ads and LIVE in ads the ad account they are made
 * on (the plan's, else ad_id's, else the member's strongest). */
void bclint_why_question(struct bclint_why *w);
/* The answer: bclint_why_walk, then w->fix = bclint_why_fix. */
void bclint_why_answer(struct bclint_why *w);
/* The question of need n of w's member, answered (the sweep). */
void bclint_why_ask_need(struct bclint_why *w, const struct bclint_need *n);

/* Walk the layers in order: each one's state and evidence, w->broken the
 * first broken one (-1: none), later ones skipped. */
void bclint_why_walk(struct bclint_why *w);
/* The fix for w's verdict, in Business Center terms (after the walk). */
const char *bclint_why_fix(struct bclint_why *w);

/* Strings for the answer, built in w->arena (w->oom set, "" returned,
 * when memory runs out): printf-style; s with its control characters
 * escaped; the least grant the action needs; a member, an asset, the
 * question's asset as the messages name them. */
const char *bclint_why_fmt(struct bclint_why *w, const char *f, ...)
        __attribute__((format(printf, 2, 3)));
const char *bclint_why_safe(struct bclint_why *w, const char *s);
const char *bclint_why_least_grant(struct bclint_why *w);
const char *bclint_why_member_label(struct bclint_why *w, const struct bclint_member *mb);
const char *bclint_why_asset_label(struct bclint_why *w, const struct bclint_asset *a);
const char *bclint_why_target_label(struct bclint_why *w);

#endif
