/* Pairing the entities of two snapshots of one Business Center by
 * identity (the IDs of entity.c), for rules that judge what changed:
 * each entity of either model is linked to its counterpart in the other,
 * or to none.  Built once per run, in time linear in the entities.
 *
 * Ownership: a pairing points into both models, which must outlive it;
 * bclint_pairing_free releases what it allocated (a zeroed struct is
 * safe to free). */
#ifndef BCLINT_PAIR_H
#define BCLINT_PAIR_H 1

#include <stddef.h>
#include <stdint.h>

#include <bclint/model.h>

/* One model's entities in one flat array: the BC, members, assets,
 * assignments, groups, partners, shares (partner by partner) and needs. */
struct bclint_pair_side {
	const struct bclint_model *model;
	const struct bclint_entity **ents;
	uint32_t *other; /* each one's counterpart in the other side, or UINT32_MAX */
	size_t n;
	size_t base[BCLINT_ENT_NEED + 1]; /* where each kind starts */
	size_t *share_base;               /* per partner: where its shares start */
};

struct bclint_pairing {
	struct bclint_pair_side side[2]; /* 0: the snapshot, 1: the previous one */
};

/* Pair the entities of now and before.  0, or -1 when memory ran out
 * (the pairing is then empty). */
int bclint_pairing_build(struct bclint_pairing *p, const struct bclint_model *now,
                         const struct bclint_model *before);

/* The counterpart of entity e of model m (one of the pairing's two), or
 * NULL when it has none or m is neither. */
const struct bclint_entity *bclint_pairing_find(const struct bclint_pairing *p,
                                                const struct bclint_model *m,
                                                const struct bclint_entity *e);

void bclint_pairing_free(struct bclint_pairing *p);

#endif
