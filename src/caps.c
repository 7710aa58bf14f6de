/* The capability matrix of snapshot.md, as tables. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "caps.h"

#define T(x)      (1u << BCLINT_ASSET_##x)
#define ALL_TYPES ((1u << BCLINT_ASSET_NTYPES) - 1)

static const struct {
	const char *name, *label, *field;
	const char *roles[4]; /* weakest first; index + 1 is the level */
	const char *group_prefix;
} types[BCLINT_ASSET_NTYPES] = {
        [BCLINT_ASSET_ADVERTISER] = {"ADVERTISER",
                                     "ad account",
                                     "advertiser_role",
                                     {"ANALYST", "OPERATOR", "ADMIN"},
                                     "ADVERTISER_ROLE_"},
        [BCLINT_ASSET_CATALOG] =
                {"CATALOG", "catalog", "catalog_role", {"AD_PROMOTE", "ADMIN"}, ""},
        [BCLINT_ASSET_PIXEL] = {"PIXEL", "pixel", NULL, {NULL}, ""},
        [BCLINT_ASSET_LEAD] = {"LEAD", "lead form library", "form_library_role", {"ADMIN"}, ""},
        [BCLINT_ASSET_TIKTOK_SHOP] =
                {"TIKTOK_SHOP", "TikTok Shop", "store_role", {"AD_PROMOTION", "MANAGER"}, ""},
        [BCLINT_ASSET_STOREFRONT] =
                {"STOREFRONT", "storefront", "store_role", {"AD_PROMOTION", "MANAGER"}, ""},
        [BCLINT_ASSET_DOMAIN] = {"DOMAIN", "domain", NULL, {NULL}, ""},
        [BCLINT_ASSET_TT_ACCOUNT] =
                {"TT_ACCOUNT", "TikTok account", "tt_account_roles", {NULL}, ""},
        [BCLINT_ASSET_MANAGED_BUSINESS_ACCOUNT] = {"MANAGED_BUSINESS_ACCOUNT",
                                                   "business account",
                                                   "business_account_roles",
                                                   {"BUSINESS_ACCOUNT_ANALYST",
                                                    "BUSINESS_ACCOUNT_OPERATOR",
                                                    "BUSINESS_ACCOUNT_ADMIN"},
                                                   ""},
};

static const char *const tt_roles[] = {"POST", "LIVE", "DIRECT_MESSAGE"};

static const struct bclint_action actions[] = {
        {"VIEW_ADS", BCLINT_SCOPE_ASSET, T(ADVERTISER), {1, 0}, 0, {0, 0}},
        {"VIEW_REPORTS", BCLINT_SCOPE_ASSET, T(ADVERTISER), {1, 0}, 0, {0, 0}},
        {"CREATE_EDIT_ADS", BCLINT_SCOPE_ASSET, T(ADVERTISER), {2, 0}, 0, {0, 0}},
        {"MANAGE_AUDIENCES", BCLINT_SCOPE_ASSET, T(ADVERTISER), {2, 0}, 0, {0, 0}},
        {"MANAGE_AD_ACCOUNT_FINANCE", BCLINT_SCOPE_ASSET, T(ADVERTISER), {3, 0}, 0, {0, 0}},
        {"MANAGE_AD_ACCOUNT_SETTINGS", BCLINT_SCOPE_ASSET, T(ADVERTISER), {3, 0}, 0, {0, 0}},
        {"MANAGE_AD_ACCOUNT_MEMBERS", BCLINT_SCOPE_ASSET, T(ADVERTISER), {3, 0}, 0, {0, 0}},
        {"VIEW_CATALOG", BCLINT_SCOPE_ASSET, T(CATALOG), {1, 0}, 0, {0, 0}},
        {"USE_CATALOG_FOR_ADS", BCLINT_SCOPE_ASSET, T(CATALOG), {1, 0}, 0, {0, 0}},
        {"EDIT_PRODUCTS", BCLINT_SCOPE_ASSET, T(CATALOG), {2, 0}, 0, {0, 0}},
        {"CREATE_PRODUCT_SETS", BCLINT_SCOPE_ASSET, T(CATALOG), {2, 0}, 0, {0, 0}},
        {"LINK_PIXEL_TO_CATALOG", BCLINT_SCOPE_ASSET, T(CATALOG), {2, 0}, 0, {0, 0}},
        {"PROMOTE_SHOP_PRODUCTS",
         BCLINT_SCOPE_ASSET,
         T(TIKTOK_SHOP) | T(STOREFRONT),
         {1, 0},
         0,
         {0, 0}},
        {"MANAGE_SHOP", BCLINT_SCOPE_ASSET, T(TIKTOK_SHOP) | T(STOREFRONT), {2, 0}, 0, {0, 0}},
        {"MANAGE_LEADS", BCLINT_SCOPE_ASSET, T(LEAD), {1, 0}, 0, {0, 0}},
        {"USE_PIXEL", BCLINT_SCOPE_ASSET, T(PIXEL), {1, 0}, 0, {0, 0}},
        {"USE_DOMAIN", BCLINT_SCOPE_ASSET, T(DOMAIN), {1, 0}, 0, {0, 0}},
        /* Ads with a TikTok account's posts or LIVE also need ads to be made on
         * an ad account: OPERATOR (or ADMIN) there */
        {"SPARK_ADS_PULL_POST",
         BCLINT_SCOPE_ASSET,
         T(TT_ACCOUNT),
         {1, BCLINT_TT_POST},
         T(ADVERTISER),
         {2, 0}},
        {"USE_LIVE_IN_ADS",
         BCLINT_SCOPE_ASSET,
         T(TT_ACCOUNT),
         {1, BCLINT_TT_LIVE},
         T(ADVERTISER),
         {2, 0}},
        {"MANAGE_DIRECT_MESSAGES",
         BCLINT_SCOPE_ASSET,
         T(TT_ACCOUNT),
         {1, BCLINT_TT_DIRECT_MESSAGE},
         0,
         {0, 0}},
        {"VIEW_ANALYTICS", BCLINT_SCOPE_ASSET, T(MANAGED_BUSINESS_ACCOUNT), {1, 0}, 0, {0, 0}},
        {"MANAGE_POSTS", BCLINT_SCOPE_ASSET, T(MANAGED_BUSINESS_ACCOUNT), {2, 0}, 0, {0, 0}},
        {"MANAGE_MESSAGES", BCLINT_SCOPE_ASSET, T(MANAGED_BUSINESS_ACCOUNT), {2, 0}, 0, {0, 0}},
        {"EDIT_PROFILE", BCLINT_SCOPE_ASSET, T(MANAGED_BUSINESS_ACCOUNT), {2, 0}, 0, {0, 0}},
        {"MANAGE_BUSINESS_ACCOUNT_MEMBERS",
         BCLINT_SCOPE_ASSET,
         T(MANAGED_BUSINESS_ACCOUNT),
         {3, 0},
         0,
         {0, 0}},
        {"INVITE_MEMBER", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"REMOVE_MEMBER", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"ADD_PARTNER", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"SHARE_WITH_PARTNER", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"ASSIGN_ASSETS", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"CREATE_AD_ACCOUNT", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"TRANSFER_PIXEL", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"EDIT_BC_INFO", BCLINT_SCOPE_BC_ROLE, 0, {1, 0}, 0, {0, 0}},
        {"VIEW_INVOICES", BCLINT_SCOPE_FINANCE, 0, {1, 0}, 0, {0, 0}},
        {"VIEW_TRANSACTIONS", BCLINT_SCOPE_FINANCE, 0, {1, 0}, 0, {0, 0}},
        {"MANAGE_PAYMENTS", BCLINT_SCOPE_FINANCE, 0, {2, 0}, 0, {0, 0}},
        {"GO_LIVE", BCLINT_SCOPE_CREATOR, ALL_TYPES, {0, 0}, 0, {0, 0}},
        {"LIVE_GIFTS", BCLINT_SCOPE_CREATOR, ALL_TYPES, {0, 0}, 0, {0, 0}},
        {"LIVE_SUBSCRIPTION", BCLINT_SCOPE_CREATOR, ALL_TYPES, {0, 0}, 0, {0, 0}},
        {"CREATOR_REWARDS", BCLINT_SCOPE_CREATOR, ALL_TYPES, {0, 0}, 0, {0, 0}},
        {"CREATOR_PAYOUT", BCLINT_SCOPE_CREATOR, ALL_TYPES, {0, 0}, 0, {0, 0}},
};

int bclint_asset_type_from_name(const char *name)
{
	for (int i = 0; i < BCLINT_ASSET_NTYPES; i++)
		if (strcmp(name, types[i].name) == 0)
			return i;
	return -1;
}

const char *bclint_asset_type_name(uint32_t type)
{
	return type < BCLINT_ASSET_NTYPES ? types[type].name : "?";
}

const char *bclint_asset_type_label(uint32_t type)
{
	return type < BCLINT_ASSET_NTYPES ? types[type].label : "asset";
}

const char *bclint_role_field(uint32_t type)
{
	return type < BCLINT_ASSET_NTYPES ? types[type].field : NULL;
}

int bclint_is_role_field(const char *name)
{
	if (strcmp(name, "business_account_role") == 0)
		return 1;
	for (int i = 0; i < BCLINT_ASSET_NTYPES; i++)
		if (types[i].field != NULL && strcmp(name, types[i].field) == 0)
			return 1;
	return 0;
}

int bclint_role_parse(uint32_t type, const char *value, int group, struct bclint_cap *cap)
{
	if (type >= BCLINT_ASSET_NTYPES)
		return -1;
	const char *prefix = group ? types[type].group_prefix : "";
	size_t plen = strlen(prefix);
	if (strncmp(value, prefix, plen) != 0)
		return -1;
	for (int i = 0; i < 4 && types[type].roles[i] != NULL; i++) {
		if (strcmp(value + plen, types[type].roles[i]) == 0) {
			cap->level = (uint8_t)(i + 1);
			cap->set = 0;
			return 0;
		}
	}
	return -1;
}

unsigned bclint_tt_role_bit(const char *value)
{
	for (unsigned i = 0; i < 3; i++)
		if (strcmp(value, tt_roles[i]) == 0)
			return 1u << i;
	return 0;
}

const char *bclint_role_values(uint32_t type, int group)
{
	static char buf[160];
	if (type == BCLINT_ASSET_TT_ACCOUNT)
		return "POST, LIVE or DIRECT_MESSAGE";
	if (type >= BCLINT_ASSET_NTYPES || types[type].roles[0] == NULL)
		return "(no role)";
	int n = 0;
	while (n < 4 && types[type].roles[n] != NULL)
		n++;
	size_t len = 0;
	buf[0] = '\0';
	for (int i = n - 1; i >= 0; i--) {
		const char *sep = i == n - 1 ? "" : i == 0 ? " or " : ", ";
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s%s", sep,
		                        group ? types[type].group_prefix : "",
		                        types[type].roles[i]);
		if (len >= sizeof(buf))
			break;
	}
	return buf;
}

/* The actions in name order, for a binary search: indexes into actions[]
 * (t/src/caps-t.c checks that they are sorted and complete). */
static const unsigned char by_name[] = {
        27, 29, 30, 2,  10, 40, 39, 32, 9,  23, 36, 25, 11, 37, 38, 4,  6, 5,  3, 24, 19,
        14, 22, 35, 21, 13, 12, 26, 28, 17, 31, 8,  16, 18, 15, 0,  20, 7, 33, 1, 34,
};
_Static_assert(sizeof(by_name) == sizeof(actions) / sizeof(actions[0]), "by_name: every action");

const struct bclint_action *bclint_action_find(const char *name)
{
	size_t lo = 0, hi = sizeof(by_name);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, actions[by_name[mid]].name);
		if (c == 0)
			return &actions[by_name[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct bclint_action *bclint_actions(size_t *n)
{
	*n = sizeof(actions) / sizeof(actions[0]);
	return actions;
}

const char *bclint_role_name(uint32_t type, unsigned level)
{
	if (type >= BCLINT_ASSET_NTYPES || level < 1 || level > 4)
		return NULL;
	return types[type].roles[level - 1];
}

const char *bclint_tt_role_name(unsigned i)
{
	return i < 3 ? tt_roles[i] : NULL;
}

const char *bclint_cap_describe(uint32_t scope, uint32_t type, struct bclint_cap cap, char *buf,
                                size_t size)
{
	static const char *const bc_roles[] = {"STANDARD", "ADMIN"};
	static const char *const fin_roles[] = {"none", "ANALYST", "MANAGER"};
	if (scope == BCLINT_SCOPE_BC_ROLE) {
		snprintf(buf, size, "user_role %s", bc_roles[cap.level ? 1 : 0]);
	} else if (scope == BCLINT_SCOPE_FINANCE) {
		if (cap.level == 0)
			snprintf(buf, size, "no finance role");
		else
			snprintf(buf, size, "finance_role %s",
			         fin_roles[cap.level > 2 ? 2 : cap.level]);
	} else if (scope == BCLINT_SCOPE_CREATOR) {
		snprintf(buf, size, "no role (creator-only)");
	} else if (cap.level == 0 && cap.set == 0) {
		snprintf(buf, size, "no grant");
	} else if (type == BCLINT_ASSET_TT_ACCOUNT) {
		size_t len = (size_t)snprintf(buf, size, "tt_account_roles [");
		const char *sep = "";
		for (unsigned i = 0; i < 3 && len < size; i++) {
			if (cap.set & (1u << i)) {
				len += (size_t)snprintf(buf + len, size - len, "%s%s", sep,
				                        tt_roles[i]);
				sep = ", ";
			}
		}
		if (len < size)
			snprintf(buf + len, size - len, "]");
	} else if (type < BCLINT_ASSET_NTYPES && types[type].field == NULL) {
		snprintf(buf, size, "assignment to the %s", types[type].label);
	} else if (type < BCLINT_ASSET_NTYPES && cap.level >= 1 && cap.level <= 4 &&
	           types[type].roles[cap.level - 1] != NULL) {
		snprintf(buf, size, "%s %s", types[type].field, types[type].roles[cap.level - 1]);
	} else {
		snprintf(buf, size, "level %u", cap.level);
	}
	return buf;
}

struct bclint_cap bclint_need_have(const struct bclint_need *need)
{
	struct bclint_cap none = {0, 0};
	switch (need->action->scope) {
	case BCLINT_SCOPE_BC_ROLE:
		return (struct bclint_cap){need->member->role == BCLINT_ROLE_ADMIN, 0};
	case BCLINT_SCOPE_FINANCE: return (struct bclint_cap){(uint8_t)need->member->finance, 0};
	case BCLINT_SCOPE_ASSET: return need->grant ? need->grant->cap : none;
	default: return none;
	}
}
