/* Pairing two snapshots' entities: the previous snapshot's entities go
 * into an open-addressing table by identity hash, and each entity of the
 * snapshot takes the first unpaired one there with the same IDs.  Equal
 * identities within one snapshot (two needs alike) pair in file order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "entity.h"
#include "pair.h"

#define NONE UINT32_MAX

/* Every entity of m, in one array. */
static int flatten(struct bclint_pair_side *s, const struct bclint_model *m)
{
	size_t shares = 0;
	for (size_t p = 0; p < m->n_partners; p++)
		shares += m->partners[p].n_shares;
	s->model = m;
	s->n = 1 + m->n_members + m->n_assets + m->n_assignments + m->n_groups + m->n_partners +
	       shares + m->n_needs;
	s->ents = bclint_big_alloc(s->n * sizeof(*s->ents));
	s->other = bclint_big_alloc(s->n * sizeof(*s->other));
	s->share_base = malloc((m->n_partners + 1) * sizeof(*s->share_base));
	if (s->ents == NULL || s->other == NULL || s->share_base == NULL)
		return -1;
	memset(s->other, 0xff, s->n * sizeof(*s->other));
	size_t k = 0;
	s->base[BCLINT_ENT_BC] = k;
	s->ents[k++] = &m->bc.ent;
#define FLAT(kind, arr, n)                                                                         \
	s->base[kind] = k;                                                                         \
	for (size_t i = 0; i < (n); i++)                                                           \
		s->ents[k++] = &(arr)[i].ent;
	FLAT(BCLINT_ENT_MEMBER, m->members, m->n_members);
	FLAT(BCLINT_ENT_ASSET, m->assets, m->n_assets);
	FLAT(BCLINT_ENT_ASSIGNMENT, m->assignments, m->n_assignments);
	FLAT(BCLINT_ENT_GROUP, m->groups, m->n_groups);
	FLAT(BCLINT_ENT_PARTNER, m->partners, m->n_partners);
	s->base[BCLINT_ENT_SHARE] = k;
	for (size_t p = 0; p < m->n_partners; p++) {
		s->share_base[p] = k;
		FLAT(BCLINT_ENT_SHARE, m->partners[p].shares, m->partners[p].n_shares);
	}
	FLAT(BCLINT_ENT_NEED, m->needs, m->n_needs);
#undef FLAT
	return 0;
}

/* Where entity e is in side s, or SIZE_MAX when it is not one of its
 * model's. */
static size_t flat_index(const struct bclint_pair_side *s, const struct bclint_entity *e)
{
	const struct bclint_model *m = s->model;
	if (e->kind == BCLINT_ENT_SHARE)
		return e->parent < m->n_partners && e->index < m->partners[e->parent].n_shares
		               ? s->share_base[e->parent] + e->index
		               : SIZE_MAX;
	const size_t count[] = {1,           m->n_members,  m->n_assets, m->n_assignments,
	                        m->n_groups, m->n_partners, 0,           m->n_needs};
	if (e->kind > BCLINT_ENT_NEED || e->index >= count[e->kind])
		return SIZE_MAX;
	return s->base[e->kind] + e->index;
}

static size_t slot_of(uint64_t h, size_t mask)
{
	return (size_t)((h * 0x9e3779b97f4a7c15ull) >> 29) & mask;
}

/* Link each entity of side 0 to the first unpaired entity of side 1 with
 * its identity. */
static int link(struct bclint_pair_side *now, struct bclint_pair_side *before)
{
	size_t cap = 16;
	while (cap < before->n * 2)
		cap *= 2;
	uint64_t *keys = bclint_big_alloc(cap * sizeof(*keys));
	uint32_t *vals = bclint_big_alloc(cap * sizeof(*vals));
	if (keys == NULL || vals == NULL) {
		free(keys);
		free(vals);
		return -1;
	}
	memset(vals, 0xff, cap * sizeof(*vals));
	for (size_t i = 0; i < before->n; i++) {
		uint64_t h = bclint_entity_identity(before->model, before->ents[i]);
		size_t k = slot_of(h, cap - 1);
		while (vals[k] != NONE)
			k = (k + 1) & (cap - 1);
		keys[k] = h;
		vals[k] = (uint32_t)i;
	}
	for (size_t i = 0; i < now->n; i++) {
		const struct bclint_entity *e = now->ents[i];
		uint64_t h = bclint_entity_identity(now->model, e);
		for (size_t k = slot_of(h, cap - 1); vals[k] != NONE; k = (k + 1) & (cap - 1)) {
			uint32_t j = vals[k];
			if (keys[k] != h || before->other[j] != NONE ||
			    !bclint_entity_same(now->model, e, before->model, before->ents[j]))
				continue;
			now->other[i] = j;
			before->other[j] = (uint32_t)i;
			break;
		}
	}
	free(keys);
	free(vals);
	return 0;
}

int bclint_pairing_build(struct bclint_pairing *p, const struct bclint_model *now,
                         const struct bclint_model *before)
{
	memset(p, 0, sizeof(*p));
	/* flat indexes are 32-bit, as the report's are */
	if (flatten(&p->side[0], now) < 0 || flatten(&p->side[1], before) < 0 ||
	    p->side[0].n >= NONE || p->side[1].n >= NONE || link(&p->side[0], &p->side[1]) < 0) {
		bclint_pairing_free(p);
		return -1;
	}
	return 0;
}

const struct bclint_entity *bclint_pairing_find(const struct bclint_pairing *p,
                                                const struct bclint_model *m,
                                                const struct bclint_entity *e)
{
	if (m == NULL || e == NULL)
		return NULL;
	int s = m == p->side[0].model ? 0 : m == p->side[1].model ? 1 : -1;
	if (s < 0)
		return NULL;
	size_t i = flat_index(&p->side[s], e);
	if (i == SIZE_MAX || p->side[s].other[i] == NONE)
		return NULL;
	return p->side[!s].ents[p->side[s].other[i]];
}

void bclint_pairing_free(struct bclint_pairing *p)
{
	for (int s = 0; s < 2; s++) {
		free(p->side[s].ents);
		free(p->side[s].other);
		free(p->side[s].share_base);
	}
	memset(p, 0, sizeof(*p));
}
