/* Entity pointers, identities and subjects. */
#include "config.h"

#include <string.h>

#include "caps.h"
#include "entity.h"
#include "hash.h"

/* prefix and a decimal index, NUL-terminated; returns the length. */
static size_t put_index(char *dst, const char *prefix, uint32_t i)
{
	size_t n = strlen(prefix);
	char digits[12], *d = digits + sizeof(digits);
	memcpy(dst, prefix, n);
	do {
		*--d = (char)('0' + i % 10);
		i /= 10;
	} while (i != 0);
	size_t k = (size_t)(digits + sizeof(digits) - d);
	memcpy(dst + n, d, k);
	dst[n + k] = '\0';
	return n + k;
}

const char *bclint_entity_pointer(const struct bclint_entity *e, char *buf)
{
	static const char *const prefix[] = {"/bc",           "/members/",      "/assets/",
	                                     "/assignments/", "/asset_groups/", "/partners/",
	                                     "/partners/",    "/needs/",        "/policy"};
	switch (e->kind) {
	case BCLINT_ENT_BC:
	case BCLINT_ENT_POLICY: return prefix[e->kind];
	case BCLINT_ENT_SHARE: {
		size_t n = put_index(buf, "/partners/", e->parent);
		put_index(buf + n, "/shared_assets/", e->index);
		return buf;
	}
	default:
		if (e->kind > BCLINT_ENT_POLICY)
			return "";
		put_index(buf, prefix[e->kind], e->index);
		return buf;
	}
}

uint64_t bclint_entity_code(const struct bclint_entity *e)
{
	if (e->kind >= 0xff || e->parent >= (1u << 24))
		return 0;
	return (uint64_t)(e->kind + 1) | (uint64_t)e->index << 8 | (uint64_t)e->parent << 40;
}

const char *bclint_entity_code_pointer(uint64_t code, char *buf)
{
	struct bclint_entity e = {(uint32_t)(code & 0xff) - 1, (uint32_t)(code >> 8),
	                          (uint32_t)(code >> 40), 0, 0};
	return bclint_entity_pointer(&e, buf);
}

static uint64_t hs(uint64_t h, const char *s)
{
	return bclint_hash64(s ? s : "", s ? strlen(s) + 1 : 1, h);
}

uint64_t bclint_entity_identity(const struct bclint_model *m, const struct bclint_entity *e)
{
	uint64_t h = bclint_hash64(&e->kind, sizeof(e->kind), 0);
	switch (e->kind) {
	case BCLINT_ENT_BC: return hs(h, m->bc.bc_id);
	case BCLINT_ENT_MEMBER: return hs(h, m->members[e->index].user_id);
	case BCLINT_ENT_ASSET: {
		const struct bclint_asset *a = &m->assets[e->index];
		return hs(hs(h, bclint_asset_type_name(a->type)), a->asset_id);
	}
	case BCLINT_ENT_ASSIGNMENT: {
		const struct bclint_assignment *a = &m->assignments[e->index];
		h = hs(h, a->member ? a->member->user_id : "");
		return hs(hs(h, bclint_asset_type_name(a->asset_type)), a->asset_id);
	}
	case BCLINT_ENT_GROUP: return hs(h, m->groups[e->index].group_id);
	case BCLINT_ENT_PARTNER: return hs(h, m->partners[e->index].bc_id);
	case BCLINT_ENT_SHARE: {
		const struct bclint_share *s = &m->partners[e->parent].shares[e->index];
		h = hs(h, m->partners[e->parent].bc_id);
		h = hs(h, s->share_type == BCLINT_SHARE_SHARING ? "SHARING" : "SHARED");
		return hs(hs(h, bclint_asset_type_name(s->asset_type)), s->asset_id);
	}
	case BCLINT_ENT_NEED: {
		const struct bclint_need *n = &m->needs[e->index];
		h = hs(h, n->member ? n->member->user_id : "");
		h = hs(h, n->action->name);
		return hs(hs(h, n->asset_id ? bclint_asset_type_name(n->asset_type) : ""),
		          n->asset_id);
	}
	default: return h;
	}
}

static int eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static const char *user_of(const struct bclint_member *m)
{
	return m ? m->user_id : "";
}

int bclint_entity_same(const struct bclint_model *ma, const struct bclint_entity *a,
                       const struct bclint_model *mb, const struct bclint_entity *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case BCLINT_ENT_BC: return eq(ma->bc.bc_id, mb->bc.bc_id);
	case BCLINT_ENT_MEMBER:
		return eq(ma->members[a->index].user_id, mb->members[b->index].user_id);
	case BCLINT_ENT_ASSET: {
		const struct bclint_asset *x = &ma->assets[a->index], *y = &mb->assets[b->index];
		return x->type == y->type && eq(x->asset_id, y->asset_id);
	}
	case BCLINT_ENT_ASSIGNMENT: {
		const struct bclint_assignment *x = &ma->assignments[a->index];
		const struct bclint_assignment *y = &mb->assignments[b->index];
		return x->asset_type == y->asset_type && eq(x->asset_id, y->asset_id) &&
		       eq(user_of(x->member), user_of(y->member));
	}
	case BCLINT_ENT_GROUP:
		return eq(ma->groups[a->index].group_id, mb->groups[b->index].group_id);
	case BCLINT_ENT_PARTNER:
		return eq(ma->partners[a->index].bc_id, mb->partners[b->index].bc_id);
	case BCLINT_ENT_SHARE: {
		const struct bclint_share *x = &ma->partners[a->parent].shares[a->index];
		const struct bclint_share *y = &mb->partners[b->parent].shares[b->index];
		return x->share_type == y->share_type && x->asset_type == y->asset_type &&
		       eq(x->asset_id, y->asset_id) &&
		       eq(ma->partners[a->parent].bc_id, mb->partners[b->parent].bc_id);
	}
	case BCLINT_ENT_NEED: {
		const struct bclint_need *x = &ma->needs[a->index], *y = &mb->needs[b->index];
		return eq(user_of(x->member), user_of(y->member)) &&
		       strcmp(x->action->name, y->action->name) == 0 &&
		       eq(x->asset_id, y->asset_id) &&
		       (x->asset_id == NULL || x->asset_type == y->asset_type);
	}
	default: return 1;
	}
}

void bclint_entity_subjects(const struct bclint_model *m, const struct bclint_entity *e,
                            const char **subjects)
{
	const struct bclint_member *mem = NULL;
	const char *id = NULL, *name = NULL;
	size_t n = 0;
	switch (e->kind) {
	case BCLINT_ENT_BC:
		id = m->bc.bc_id;
		name = m->bc.name;
		break;
	case BCLINT_ENT_MEMBER: mem = &m->members[e->index]; break;
	case BCLINT_ENT_ASSET:
		id = m->assets[e->index].asset_id;
		name = m->assets[e->index].name;
		break;
	case BCLINT_ENT_ASSIGNMENT:
		mem = m->assignments[e->index].member;
		id = m->assignments[e->index].asset_id;
		break;
	case BCLINT_ENT_NEED:
		mem = m->needs[e->index].member;
		id = m->needs[e->index].asset_id;
		break;
	case BCLINT_ENT_SHARE: id = m->partners[e->parent].shares[e->index].asset_id; break;
	case BCLINT_ENT_PARTNER: id = m->partners[e->index].bc_id; break;
	case BCLINT_ENT_GROUP: id = m->groups[e->index].group_id; break;
	default: break;
	}
	if (mem != NULL) {
		subjects[n++] = mem->email;
		if (mem->name != NULL)
			subjects[n++] = mem->name;
	}
	if (id != NULL)
		subjects[n++] = id;
	if (name != NULL)
		subjects[n++] = name;
	subjects[n] = NULL;
}

void bclint_entity_about(const struct bclint_model *m, const struct bclint_entity *e,
                         struct bclint_about *about)
{
	const struct bclint_member *mem = NULL;
	const char *id = NULL;
	uint32_t type = 0;
	switch (e->kind) {
	case BCLINT_ENT_MEMBER: mem = &m->members[e->index]; break;
	case BCLINT_ENT_ASSET:
		id = m->assets[e->index].asset_id;
		type = m->assets[e->index].type;
		break;
	case BCLINT_ENT_ASSIGNMENT:
		mem = m->assignments[e->index].member;
		id = m->assignments[e->index].asset_id;
		type = m->assignments[e->index].asset_type;
		break;
	case BCLINT_ENT_NEED:
		mem = m->needs[e->index].member;
		id = m->needs[e->index].asset_id;
		type = m->needs[e->index].asset_type;
		break;
	case BCLINT_ENT_SHARE:
		id = m->partners[e->parent].shares[e->index].asset_id;
		type = m->partners[e->parent].shares[e->index].asset_type;
		break;
	default: break;
	}
	about->user_id = mem ? mem->user_id : NULL;
	about->user_email = mem ? mem->email : NULL;
	about->asset_id = id;
	about->asset_type = id ? bclint_asset_type_name(type) : NULL;
}
