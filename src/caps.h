/* The capability matrix: asset types, role ladders and the actions of the
 * access plan with the least grant that covers each (snapshot.md).  This is
 * the one place that knows them; rules reach it through the model (each
 * need's action) and the host functions of include/bclint/plugin.h. */
#ifndef BCLINT_CAPS_H
#define BCLINT_CAPS_H 1

#include <stddef.h>

#include <bclint/model.h>

/* Asset type by API name, or -1. */
int bclint_asset_type_from_name(const char *name);
const char *bclint_asset_type_name(uint32_t type);
/* The UI's name for an asset type ("ad account"). */
const char *bclint_asset_type_label(uint32_t type);

/* The assignment field that carries the role for an asset type, or NULL
 * for PIXEL and DOMAIN (being assigned is the whole permission). */
const char *bclint_role_field(uint32_t type);
/* Is name one of the role fields of any type? */
int bclint_is_role_field(const char *name);

/* Parse one role value of a ladder type into *cap.  group selects the
 * asset-group spelling (ADVERTISER_ROLE_ADMIN).  Returns 0, or -1 if the
 * value is not a role of the type. */
int bclint_role_parse(uint32_t type, const char *value, int group, struct bclint_cap *cap);
/* The role of a ladder type at level as the API spells it ("OPERATOR"),
 * or NULL (level 0, or a type without a ladder). */
const char *bclint_role_name(uint32_t type, unsigned level);
/* The tt_account_roles value of bit i (0: POST, 1: LIVE, 2: DIRECT_MESSAGE). */
const char *bclint_tt_role_name(unsigned i);
/* Parse one tt_account_roles value into a bit; 0 if unknown. */
unsigned bclint_tt_role_bit(const char *value);
/* The accepted role values of a type, as "ADMIN, OPERATOR or ANALYST". */
const char *bclint_role_values(uint32_t type, int group);

/* The action by name, or NULL. */
const struct bclint_action *bclint_action_find(const char *name);
/* Every action, for listing ("closest match" suggestions). */
const struct bclint_action *bclint_actions(size_t *n);

/* Describe a permission: "advertiser_role OPERATOR", "tt_account_roles
 * [POST, LIVE]", "user_role ADMIN", "finance_role ANALYST", "no grant".
 * Writes into buf and returns it. */
const char *bclint_cap_describe(uint32_t scope, uint32_t type, struct bclint_cap cap, char *buf,
                                size_t size);

/* The member's current permission for a need, in the need's scope. */
struct bclint_cap bclint_need_have(const struct bclint_need *need);

#endif
