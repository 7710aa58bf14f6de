/* The read-only model of one Business Center snapshot, as rules see it.
 *
 * The host builds the model once per snapshot (src/snapshot.c) and resolves
 * every cross-reference before any rule runs: each member's effective grants
 * and needs, each asset's grants, each need's asset and the grant that
 * applies to it.  A rule is therefore a loop over arrays, never a search.
 *
 * Ownership: everything reachable from a struct bclint_model belongs to the
 * host and lives until the rule's check function returns.  Rules must not
 * modify or free any of it, nor keep pointers past check().
 */
#ifndef BCLINT_MODEL_H
#define BCLINT_MODEL_H 1

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A timestamp in seconds since the Unix epoch; BCLINT_NO_TIME when absent. */
typedef int64_t bclint_time;
#define BCLINT_NO_TIME INT64_MIN

/* What kind of thing an entity is; selects the JSON Pointer prefix. */
enum bclint_entity_kind {
	BCLINT_ENT_BC,         /* /bc */
	BCLINT_ENT_MEMBER,     /* /members/i */
	BCLINT_ENT_ASSET,      /* /assets/i */
	BCLINT_ENT_ASSIGNMENT, /* /assignments/i */
	BCLINT_ENT_GROUP,      /* /asset_groups/i */
	BCLINT_ENT_PARTNER,    /* /partners/i */
	BCLINT_ENT_SHARE,      /* /partners/parent/shared_assets/i */
	BCLINT_ENT_NEED,       /* /needs/i */
	BCLINT_ENT_POLICY      /* /policy */
};

/* Where an entity is: its kind and index (the JSON Pointer), and the byte
 * range of its JSON value in the file.  The host turns offsets into line
 * and column; rules only pass entities around. */
struct bclint_entity {
	uint32_t kind;   /* enum bclint_entity_kind */
	uint32_t index;  /* index in its array */
	uint32_t parent; /* index of the partner, for BCLINT_ENT_SHARE */
	uint32_t start;  /* byte offset of the value's first character */
	uint32_t end;    /* byte offset just past the value's last character */
};

enum bclint_asset_type {
	BCLINT_ASSET_ADVERTISER,
	BCLINT_ASSET_CATALOG,
	BCLINT_ASSET_PIXEL,
	BCLINT_ASSET_LEAD,
	BCLINT_ASSET_TIKTOK_SHOP,
	BCLINT_ASSET_STOREFRONT,
	BCLINT_ASSET_DOMAIN,
	BCLINT_ASSET_TT_ACCOUNT,
	BCLINT_ASSET_MANAGED_BUSINESS_ACCOUNT,
	BCLINT_ASSET_NTYPES
};

enum bclint_bc_role { BCLINT_ROLE_STANDARD, BCLINT_ROLE_ADMIN };

enum bclint_finance_role { BCLINT_FINANCE_NONE, BCLINT_FINANCE_ANALYST, BCLINT_FINANCE_MANAGER };

/* relation_status of a member or an asset. */
enum bclint_relation {
	BCLINT_REL_BOUND,
	BCLINT_REL_PENDING,
	BCLINT_REL_REJECTED,
	BCLINT_REL_UNBOUND
};

/* relation_type of an asset. */
enum bclint_ownership { BCLINT_OWNER_BC, BCLINT_OWNER_PARTNER, BCLINT_OWNER_INDIVIDUAL };

enum bclint_share_type { BCLINT_SHARE_SHARING, BCLINT_SHARE_SHARED };

/* tt_account_roles members, as bits of bclint_cap.set. */
#define BCLINT_TT_POST           1u
#define BCLINT_TT_LIVE           2u
#define BCLINT_TT_DIRECT_MESSAGE 4u

/* A permission, comparable across every asset type.  level climbs the
 * type's role ladder (1 = weakest role, or "assigned" for PIXEL, DOMAIN and
 * TT_ACCOUNT); set holds tt_account_roles bits.  0/0 means no permission.
 * For BC-level needs, level is the user_role (1 = ADMIN) or the finance role
 * (1 = ANALYST, 2 = MANAGER).  A grant covers a requirement when its level
 * is at least as high and its set contains the required bits. */
struct bclint_cap {
	uint8_t level;
	uint8_t set;
};

/* Where an action's permission comes from. */
enum bclint_scope {
	BCLINT_SCOPE_ASSET,   /* an asset grant of the action's asset type */
	BCLINT_SCOPE_BC_ROLE, /* the member's user_role */
	BCLINT_SCOPE_FINANCE, /* the member's finance role */
	BCLINT_SCOPE_CREATOR  /* creator-only: no role can grant it */
};

/* One action of the access plan and the least grant that covers it.
 * Actions are the host's: only ever reached through pointers, so fields
 * are appended at the end (see bclint-plugin(3), ABI VERSIONS). */
struct bclint_action {
	const char *name;      /* e.g. "CREATE_EDIT_ADS" */
	uint32_t scope;        /* enum bclint_scope */
	uint32_t types;        /* bit (1u << asset type) per type it applies to */
	struct bclint_cap req; /* least grant that covers it */
	/* -- appended; there when host->size covers also_grant -- */
	/* A second grant the action needs, on an asset of another type: for
	 * SPARK_ADS_PULL_POST and USE_LIVE_IN_ADS, advertiser_role OPERATOR on
	 * the ad account the ads run on.  also_types 0: none. */
	uint32_t also_types;
	struct bclint_cap also_req;
};

struct bclint_member;
struct bclint_asset;
struct bclint_assignment;
struct bclint_asset_group;

/* A member's effective permission on one asset: the strongest of its direct
 * assignment and its asset-group grants (tt_account_roles: their union),
 * capped by what a partner shares with this Business Center when the asset
 * is the partner's.  Grants are only ever reached through pointers, so
 * fields are appended at the end. */
struct bclint_grant {
	const struct bclint_member *member;
	const struct bclint_asset *asset;
	struct bclint_cap cap;                  /* effective: after the share's cap */
	const struct bclint_assignment *direct; /* NULL if only through groups */
	const struct bclint_asset_group *group; /* strongest group grant, or NULL */
	/* -- appended; there when host->size covers grant_source -- */
	struct bclint_cap granted;            /* direct and group grants, before the cap */
	const struct bclint_share *capped_by; /* the SHARED share that lowers cap, or NULL */
};

struct bclint_bc {
	struct bclint_entity ent;
	const char *bc_id;
	const char *name;                   /* NULL when absent */
	const char *company;                /* NULL when absent */
	const char *const *allowed_domains; /* x_allowed_email_domains */
	size_t n_allowed_domains;
	int has_allowlist; /* x_allowed_email_domains was given */
};

struct bclint_member {
	struct bclint_entity ent;
	const char *user_id;
	const char *email;
	const char *name; /* NULL when absent */
	uint32_t role;    /* enum bclint_bc_role */
	uint32_t finance; /* enum bclint_finance_role */
	uint32_t status;  /* enum bclint_relation */
	int two_step;     /* x_two_step_enabled: 1, 0, or -1 when absent */
	bclint_time invited_at;
	bclint_time last_login_at;
	const struct bclint_grant *const *grants; /* effective, one per asset */
	size_t n_grants;
	const struct bclint_need *const *needs;
	size_t n_needs;
	const struct bclint_assignment *const *assignments; /* direct grants */
	size_t n_assignments;
};

struct bclint_asset {
	struct bclint_entity ent;
	const char *asset_id;
	const char *name;                         /* NULL when absent */
	uint32_t type;                            /* enum bclint_asset_type */
	uint32_t ownership;                       /* enum bclint_ownership */
	uint32_t status;                          /* enum bclint_relation */
	const char *owner_bc_id;                  /* NULL when absent */
	int owned_here;                           /* snapshot.md: owned here, else foreign */
	const struct bclint_grant *const *grants; /* every member's grant on it */
	size_t n_grants;
	const struct bclint_need *const *needs;
	size_t n_needs;
};

struct bclint_assignment {
	struct bclint_entity ent;
	const struct bclint_member *member;
	const struct bclint_asset *asset; /* NULL: not in assets (foreign) */
	const char *asset_id;
	uint32_t asset_type; /* enum bclint_asset_type */
	struct bclint_cap cap;
	bclint_time granted_at;
};

struct bclint_group_member {
	const struct bclint_member *member;
	struct bclint_cap caps[BCLINT_ASSET_NTYPES]; /* per asset type */
};

struct bclint_asset_group {
	struct bclint_entity ent;
	const char *group_id;
	const char *name;                         /* NULL when absent */
	const struct bclint_asset *const *assets; /* those present in assets */
	size_t n_assets;
	const struct bclint_group_member *members;
	size_t n_members;
};

struct bclint_share {
	struct bclint_entity ent;
	const struct bclint_partner *partner;
	uint32_t share_type; /* enum bclint_share_type */
	uint32_t asset_type; /* enum bclint_asset_type */
	const char *asset_id;
	const struct bclint_asset *asset; /* NULL: not in assets */
	struct bclint_cap cap;            /* advertiser_role / catalog_role */
};

struct bclint_partner {
	struct bclint_entity ent;
	const char *bc_id;
	const char *name;                 /* NULL when absent */
	const char *const *email_domains; /* x_email_domains */
	size_t n_email_domains;
	const struct bclint_share *shares;
	size_t n_shares;
};

struct bclint_need {
	struct bclint_entity ent;
	const struct bclint_member *member;
	const struct bclint_action *action;
	const char *asset_id;             /* NULL for BC-level actions */
	uint32_t asset_type;              /* meaningful when asset_id is set */
	const struct bclint_asset *asset; /* NULL: BC-level, or not in assets */
	const struct bclint_grant *grant; /* member's grant on asset, or NULL */
	const char *note;                 /* x_note, or NULL */
};

struct bclint_model {
	const char *file; /* the path as given on the command line */
	bclint_time captured_at;
	struct bclint_bc bc;
	const struct bclint_member *members;
	size_t n_members;
	const struct bclint_asset *assets;
	size_t n_assets;
	const struct bclint_assignment *assignments;
	size_t n_assignments;
	const struct bclint_asset_group *groups;
	size_t n_groups;
	const struct bclint_partner *partners;
	size_t n_partners;
	const struct bclint_need *needs;
	size_t n_needs;
};

#ifdef __cplusplus
}
#endif
#endif /* BCLINT_MODEL_H */
