/* The list items of each endpoint: each is checked as the snapshot loader
 * would check what it becomes, and kept as an item -- its node and the
 * keys that identify it -- for merge.c. */
#include "config.h"

#include <string.h>

#include <bclint/plugin.h>

#include "caps.h"
#include "import/import.h"

static const char *const member_roles[] = {"ADMIN", "STANDARD", NULL};
static const char *const finance_roles[] = {"MANAGER", "ANALYST", NULL};
static const char *const member_relations[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND", NULL};
static const char *const asset_relation_types[] = {"OWNER_BC", "OWNER_PARTNER", "OWNER_INDIVIDUAL",
                                                   NULL};
static const char *const bc_types[] = {
        "NORMAL", "DIRECT", "AGENCY", "SELF_SERVICE", "SELF_SERVICE_AGENCY", NULL};
static const char *const bc_statuses[] = {"REVIEWING", "DENY", "ENABLE", "PUNISH", NULL};

#define check_str bclint_import_check_str
#define str_field bclint_import_str_field
#define field     bclint_import_field
#define err       bclint_import_err
#define push      bclint_import_push

static int is_object(const struct bclint_jv *v)
{
	return v != NULL && v->type == BCLINT_JOBJECT;
}

static void take_bc(struct bclint_import *im, struct bclint_import_input *in,
                    const struct bclint_jv *item)
{
	const struct bclint_jv *bc = field(in, item, "bc_info");
	if (!is_object(bc)) {
		err(im, in, item, "a /bc/get/ item needs a 'bc_info' object");
		return;
	}
	static const char *const plain[] = {"name",     "company",         "timezone",
	                                    "currency", "registered_area", NULL};
	int bad = check_str(im, in, bc, "bc_id", 1, NULL);
	for (int i = 0; plain[i] != NULL; i++)
		bad |= check_str(im, in, bc, plain[i], 0, NULL);
	bad |= check_str(im, in, bc, "type", 0, bc_types);
	bad |= check_str(im, in, bc, "status", 0, bc_statuses);
	if (!bad)
		push(im, BCLINT_IV_BC, bc, in, str_field(im, in, bc, "bc_id"), NULL, NULL, NULL);
}

static void take_member(struct bclint_import *im, struct bclint_import_input *in,
                        const struct bclint_jv *item)
{
	int bad = check_str(im, in, item, "user_id", 1, NULL);
	bad |= check_str(im, in, item, "user_email", 1, NULL);
	bad |= check_str(im, in, item, "user_name", 0, NULL);
	bad |= check_str(im, in, item, "user_role", 1, member_roles);
	bad |= check_str(im, in, item, "relation_status", 0, member_relations);
	const struct bclint_jv *ext = field(in, item, "ext_user_role");
	if (ext != NULL && !is_object(ext)) {
		err(im, in, ext, "'ext_user_role' must be an object");
		bad = -1;
	} else if (ext != NULL) {
		bad |= check_str(im, in, ext, "finance_role", 0, finance_roles);
	}
	if (!bad)
		push(im, BCLINT_IV_MEMBER, item, in, str_field(im, in, item, "user_id"), NULL, NULL,
		     NULL);
}

/* The item's asset_type, which must agree with the request's. */
static const char *item_type(struct bclint_import *im, struct bclint_import_input *in,
                             const struct bclint_jv *item, const char *requested)
{
	const struct bclint_jv *t = field(in, item, "asset_type");
	if (t == NULL) {
		if (requested == NULL)
			err(im, in, item, "missing 'asset_type'");
		return requested;
	}
	const char *s = bclint_import_string(im, in, t);
	if (s == NULL) {
		err(im, in, t, "'asset_type' must be a string");
		return NULL;
	}
	const char *type = bclint_import_check_type(im, in, t, s);
	if (type != NULL && requested != NULL && strcmp(type, requested) != 0) {
		err(im, in, t, "asset_type '%s' in a response to a request for %s assets", type,
		    requested);
		return NULL;
	}
	return type;
}

static void take_asset(struct bclint_import *im, struct bclint_import_input *in,
                       const struct bclint_jv *item, const struct bclint_import_request *rq)
{
	const char *type = item_type(im, in, item, rq->param[0]);
	int bad = check_str(im, in, item, "asset_id", 1, NULL);
	bad |= check_str(im, in, item, "asset_name", 0, NULL);
	bad |= check_str(im, in, item, "owner_bc_name", 0, NULL);
	bad |= check_str(im, in, item, "relation_type", 0, asset_relation_types);
	bad |= check_str(im, in, item, "relation_status", 0, member_relations);
	if (!bad && type != NULL)
		push(im, BCLINT_IV_ASSET, item, in, type, str_field(im, in, item, "asset_id"), NULL,
		     NULL);
}

static void take_asset_member(struct bclint_import *im, struct bclint_import_input *in,
                              const struct bclint_jv *item, const struct bclint_import_request *rq)
{
	uint32_t type = (uint32_t)bclint_asset_type_from_name(rq->param[0]);
	const char *key = bclint_role_field(type);
	int bad = check_str(im, in, item, "user_id", 1, NULL);
	if (key != NULL) {
		const struct bclint_jv *role = field(in, item, key);
		if (role == NULL) {
			err(im, in, item, "missing '%s' for a %s asset", key, rq->param[0]);
			bad = -1;
		} else if (!bclint_import_role_ok(im, in, type, role, 0)) {
			bclint_import_bad_role(im, in, role, key, type, 0);
			bad = -1;
		}
	}
	if (!bad)
		push(im, BCLINT_IV_ASSIGN, item, in, str_field(im, in, item, "user_id"),
		     rq->param[0], rq->param[1], NULL);
}

static void take_partner(struct bclint_import *im, struct bclint_import_input *in,
                         const struct bclint_jv *item)
{
	int bad = check_str(im, in, item, "bc_id", 1, NULL);
	bad |= check_str(im, in, item, "bc_name", 0, NULL);
	if (!bad)
		push(im, BCLINT_IV_PARTNER, item, in, str_field(im, in, item, "bc_id"), NULL, NULL,
		     NULL);
}

static void take_partner_asset(struct bclint_import *im, struct bclint_import_input *in,
                               const struct bclint_jv *item, const struct bclint_import_request *rq)
{
	const char *type = item_type(im, in, item, rq->param[1]);
	int bad = check_str(im, in, item, "asset_id", 1, NULL);
	if (type == NULL)
		return;
	uint32_t t = (uint32_t)bclint_asset_type_from_name(type);
	const char *key = t == BCLINT_ASSET_ADVERTISER ? "advertiser_role"
	                  : t == BCLINT_ASSET_CATALOG  ? "catalog_role"
	                                               : NULL;
	const struct bclint_jv *role = key ? field(in, item, key) : NULL;
	if (role != NULL && !bclint_import_role_ok(im, in, t, role, 0)) {
		bclint_import_bad_role(im, in, role, key, t, 0);
		bad = -1;
	}
	if (!bad)
		push(im, BCLINT_IV_SHARE, item, in, rq->param[0], rq->param[2], type,
		     str_field(im, in, item, "asset_id"));
}

static void take_group_member(struct bclint_import *im, struct bclint_import_input *in,
                              const char *gid, const struct bclint_jv *m)
{
	if (!is_object(m)) {
		err(im, in, m, "an asset group member must be an object");
		return;
	}
	if (check_str(im, in, m, "member_id", 1, NULL) < 0)
		return;
	const char *mid = str_field(im, in, m, "member_id");
	const struct bclint_jv *roles = field(in, m, "asset_roles");
	if (roles != NULL && !is_object(roles)) {
		err(im, in, roles, "'asset_roles' must be an object");
		return;
	}
	push(im, BCLINT_IV_GMEMBER, m, in, gid, mid, NULL, NULL);
	for (const struct bclint_jv *r = roles ? roles->child : NULL; r != NULL; r = r->next) {
		const char *key = bclint_import_key(im, in, r);
		if (key == NULL)
			continue;
		const char *type = bclint_import_check_type(im, in, r, key);
		if (type == NULL)
			continue;
		uint32_t t = (uint32_t)bclint_asset_type_from_name(type);
		if (!bclint_import_role_ok(im, in, t, r, 1))
			bclint_import_bad_role(im, in, r, "asset_roles role", t, 1);
		else
			push(im, BCLINT_IV_GROLE, r, in, gid, mid, type, NULL);
	}
}

void bclint_import_take_group(struct bclint_import *im, struct bclint_import_input *in,
                              const struct bclint_jv *item)
{
	const struct bclint_jv *g = field(in, item, "asset_group");
	if (g == NULL)
		g = item;
	if (!is_object(g)) {
		err(im, in, g, "an asset group must be an object");
		return;
	}
	if (check_str(im, in, g, "asset_group_id", 1, NULL) < 0 ||
	    check_str(im, in, g, "asset_group_name", 0, NULL) < 0)
		return;
	const char *gid = str_field(im, in, g, "asset_group_id");
	push(im, BCLINT_IV_GROUP, g, in, gid, NULL, NULL, NULL);
	const struct bclint_jv *assets = field(in, g, "assets"), *members = field(in, g, "members");
	if ((assets != NULL && assets->type != BCLINT_JARRAY) ||
	    (members != NULL && members->type != BCLINT_JARRAY)) {
		err(im, in, g, "an asset group's 'assets' and 'members' must be arrays");
		return;
	}
	for (const struct bclint_jv *a = assets ? assets->child : NULL; a != NULL; a = a->next) {
		if (!is_object(a)) {
			err(im, in, a, "an asset group asset must be an object");
			continue;
		}
		const char *type = item_type(im, in, a, NULL);
		if (check_str(im, in, a, "asset_id", 1, NULL) == 0 && type != NULL)
			push(im, BCLINT_IV_GASSET, a, in, gid, type,
			     str_field(im, in, a, "asset_id"), NULL);
	}
	for (const struct bclint_jv *m = members ? members->child : NULL; m != NULL; m = m->next)
		take_group_member(im, in, gid, m);
}

void bclint_import_take_list(struct bclint_import *im, struct bclint_import_input *in,
                             const struct bclint_jv *list, const struct bclint_import_request *rq)
{
	if (rq->ep == BCLINT_EP_ASSET_MEMBER)
		push(im, BCLINT_IV_AMLIST, NULL, in, rq->param[0], rq->param[1], NULL, NULL);
	if (rq->ep == BCLINT_EP_PARTNER_ASSET)
		push(im, BCLINT_IV_PARTNER, NULL, in, rq->param[0], NULL, NULL, NULL);
	for (const struct bclint_jv *item = list->child; item != NULL; item = item->next) {
		if (!is_object(item)) {
			err(im, in, item, "a list item must be an object");
			continue;
		}
		switch (rq->ep) {
		case BCLINT_EP_BC: take_bc(im, in, item); break;
		case BCLINT_EP_MEMBER: take_member(im, in, item); break;
		case BCLINT_EP_ASSET_ADMIN: take_asset(im, in, item, rq); break;
		case BCLINT_EP_ASSET_MEMBER: take_asset_member(im, in, item, rq); break;
		case BCLINT_EP_PARTNER: take_partner(im, in, item); break;
		case BCLINT_EP_PARTNER_ASSET: take_partner_asset(im, in, item, rq); break;
		case BCLINT_EP_CHANGELOG: bclint_import_take_change(im, in, item); break;
		default: bclint_import_take_group(im, in, item); break;
		}
	}
}
