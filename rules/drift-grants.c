/* drift-grants: what each member can reach, compared with the previous
 * snapshot: effective grants (direct or through asset groups) added,
 * removed, widened or narrowed, and members added to or removed from
 * asset groups.  Only members in the Business Center in both snapshots
 * are compared: an arrival or a departure is member-added's or
 * member-removed's.  Without a previous snapshot these rules report
 * nothing. */
#include <bclint/plugin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum change_kind { ADDED, REMOVED, WIDENED, NARROWED };

/* A member's grant on an asset in one snapshot, and its counterpart (the
 * same member's grant on the same asset) in the other, or NULL. */
struct change {
	const struct bclint_grant *g, *other;
};

static const struct bclint_model *previous(const struct bclint_host *h, struct bclint_ctx *ctx)
{
	return BCLINT_HOST_HAS(h, note_at) ? h->previous(ctx) : NULL;
}

static int in_bc(const struct bclint_member *m)
{
	return m != NULL && (m->status == BCLINT_REL_BOUND || m->status == BCLINT_REL_PENDING);
}

/* Does permission a hold anything b does not? */
static int wider(struct bclint_cap a, struct bclint_cap b)
{
	return a.level > b.level || (a.set & ~b.set) != 0;
}

/* Is the permission the administrator's role of its asset type? */
static int top(uint32_t type, struct bclint_cap c)
{
	static const uint8_t admin[BCLINT_ASSET_NTYPES] = {
	        [BCLINT_ASSET_ADVERTISER] = 3,  [BCLINT_ASSET_CATALOG] = 2,
	        [BCLINT_ASSET_TIKTOK_SHOP] = 2, [BCLINT_ASSET_STOREFRONT] = 2,
	        [BCLINT_ASSET_LEAD] = 1,        [BCLINT_ASSET_MANAGED_BUSINESS_ACCOUNT] = 3,
	};
	return type < BCLINT_ASSET_NTYPES && admin[type] != 0 && c.level >= admin[type];
}

/* "asset group 'EU' (8001)", or "asset group 8001". */
static const char *group_label(const struct bclint_asset_group *g, char *buf, size_t size)
{
	if (g->name != NULL && g->name[0] != '\0')
		snprintf(buf, size, "asset group '%s' (%s)", g->name, g->group_id);
	else
		snprintf(buf, size, "asset group %s", g->group_id);
	return buf;
}

/* Where the grant comes from: "directly", "through asset group ...", or
 * both. */
static const char *source(const struct bclint_grant *g, char *buf, size_t size)
{
	char group[256];
	if (g->group == NULL)
		return "directly";
	snprintf(buf, size, "%sthrough %s", g->direct ? "directly and " : "",
	         group_label(g->group, group, sizeof(group)));
	return buf;
}

/* Where a grant's finding goes: its direct assignment, or else the
 * member (the group that gives it is named, and noted). */
static const struct bclint_entity *place(const struct bclint_grant *g)
{
	return g->direct != NULL ? &g->direct->ent : &g->member->ent;
}

/* Changes at one place are reported in the order of their assets' IDs,
 * not of the file, so that repeats' fingerprints survive reordering. */
static int by_asset(const void *a, const void *b)
{
	const struct bclint_asset *x = ((const struct change *)a)->g->asset;
	const struct bclint_asset *y = ((const struct change *)b)->g->asset;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return strcmp(x->asset_id, y->asset_id);
}

/* The member pair's changes of one kind: each grant g of m (a member of
 * from) with the grant of o (of to) on the same asset.  seen is a
 * zeroed array with a slot per asset of to; it is left zeroed.  The
 * number of changes, or -1 when memory ran out. */
static long changes(const struct bclint_host *h, struct bclint_ctx *ctx,
                    const struct bclint_model *from, const struct bclint_model *to,
                    const struct bclint_member *m, const struct bclint_member *o,
                    const struct bclint_grant **seen, int kind, struct change **list)
{
	size_t n = 0;
	struct change *l = realloc(*list, (m->n_grants + 1) * sizeof(*l));
	if (l == NULL)
		return -1;
	*list = l;
	for (size_t i = 0; i < o->n_grants; i++)
		seen[o->grants[i]->asset - to->assets] = o->grants[i];
	for (size_t i = 0; i < m->n_grants; i++) {
		const struct bclint_grant *g = m->grants[i];
		const struct bclint_asset *a =
		        (const struct bclint_asset *)h->counterpart(ctx, from, &g->asset->ent);
		const struct bclint_grant *og = a != NULL ? seen[a - to->assets] : NULL;
		int hit = kind == ADDED || kind == REMOVED
		                  ? og == NULL
		                  : og != NULL && (kind == WIDENED ? wider(g->cap, og->cap)
		                                                   : wider(og->cap, g->cap));
		if (hit)
			l[n++] = (struct change){g, og};
	}
	for (size_t i = 0; i < o->n_grants; i++)
		seen[o->grants[i]->asset - to->assets] = NULL;
	qsort(l, n, sizeof(*l), by_asset);
	return (long)n;
}

/* One change reported: at its grant now, or, for a removal, at the grant
 * in the previous snapshot; o is the member in the other snapshot. */
static void report_change(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *before, const struct change *c,
                          const struct bclint_member *o, int kind)
{
	const struct bclint_grant *g = c->g;
	uint32_t type = g->asset->type;
	char was[128], how[320];
	const char *who = h->member_label(ctx, g->member), *what = h->asset_label(ctx, g->asset);
	const char *now = h->cap_label(ctx, BCLINT_SCOPE_ASSET, type, g->cap);
	const char *admin = top(type, g->cap)
	                            ? "; this role administers the asset: if it was not "
	                              "meant, lower it in Business Center > Users > Assign "
	                              "assets"
	                            : "";
	int level = top(type, g->cap) ? BCLINT_LEVEL_WARNING : BCLINT_LEVEL_DEFAULT;
	struct bclint_finding *f = NULL;
	if (c->other != NULL)
		snprintf(was, sizeof(was), "%s",
		         h->cap_label(ctx, BCLINT_SCOPE_ASSET, type, c->other->cap));
	if (kind == ADDED)
		f = h->report(ctx, level, place(g),
		              "%s was given a permission on %s: was no grant, "
		              "now %s, %s%s",
		              who, what, now, source(g, how, sizeof(how)), admin);
	else if (kind == WIDENED)
		f = h->report(ctx, level, place(g),
		              "%s's permission on %s was widened: was %s, now "
		              "%s, %s%s",
		              who, what, was, now, source(g, how, sizeof(how)), admin);
	else if (kind == NARROWED)
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, place(g),
		              "%s's permission on %s was "
		              "narrowed: was %s, now %s, %s",
		              who, what, was, now, source(g, how, sizeof(how)));
	else
		f = h->report_at(ctx, before, BCLINT_LEVEL_DEFAULT, place(g),
		                 "%s's permission on %s "
		                 "was removed: was %s, %s, now no grant",
		                 who, what, now, source(g, how, sizeof(how)));
	if (kind != REMOVED && g->direct == NULL)
		h->note(ctx, f, &g->group->ent, "given through this asset group");
	if (kind == REMOVED)
		h->note(ctx, f, &o->ent, "no grant on it here, now");
	else if (c->other != NULL)
		h->note_at(ctx, f, before, place(c->other), "%s here, in the previous snapshot",
		           was);
	else
		h->note_at(ctx, f, before, &o->ent,
		           "no grant on it here, in the previous snapshot");
}

/* grant-added, grant-removed, grant-widened, grant-narrowed */

static int check_grants(const struct bclint_host *h, struct bclint_ctx *ctx,
                        const struct bclint_model *model, int kind)
{
	const struct bclint_model *before = previous(h, ctx);
	if (before == NULL)
		return 0;
	/* removals are found from the previous snapshot's side */
	const struct bclint_model *from = kind == REMOVED ? before : model;
	const struct bclint_model *to = kind == REMOVED ? model : before;
	const struct bclint_grant **seen = calloc(to->n_assets + 1, sizeof(*seen));
	struct change *list = NULL;
	int rc = seen != NULL ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < from->n_members; i++) {
		const struct bclint_member *m = &from->members[i];
		const struct bclint_member *o =
		        (const struct bclint_member *)h->counterpart(ctx, from, &m->ent);
		if (!in_bc(m) || !in_bc(o))
			continue;
		long n = changes(h, ctx, from, to, m, o, seen, kind, &list);
		rc = n < 0 ? -1 : 0;
		for (long k = 0; k < n; k++)
			report_change(h, ctx, before, &list[k], o, kind);
	}
	free(list);
	free(seen);
	return rc;
}

static int check_added(const struct bclint_host *h, struct bclint_ctx *ctx,
                       const struct bclint_model *model)
{
	return check_grants(h, ctx, model, ADDED);
}

static int check_removed(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	return check_grants(h, ctx, model, REMOVED);
}

static int check_widened(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	return check_grants(h, ctx, model, WIDENED);
}

static int check_narrowed(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model)
{
	return check_grants(h, ctx, model, NARROWED);
}

/* group-member-added, group-member-removed */

/* A group member's roles: "advertiser_role OPERATOR, catalog_role ADMIN". */
static const char *roles(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_group_member *gm, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (uint32_t t = 0; t < BCLINT_ASSET_NTYPES && len < size; t++)
		if (gm->caps[t].level || gm->caps[t].set)
			len += (size_t)snprintf(
			        buf + len, size - len, "%s%s", len ? ", " : "",
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, t, gm->caps[t]));
	return len ? buf : "no role";
}

static int by_user(const void *a, const void *b)
{
	const struct bclint_group_member *x = *(const struct bclint_group_member *const *)a;
	const struct bclint_group_member *y = *(const struct bclint_group_member *const *)b;
	return strcmp(x->member->user_id, y->member->user_id);
}

/* The members of g (a group of from) whose user is in the Business
 * Center in both snapshots but not in og, g's counterpart (NULL: the
 * group is not in to), sorted by user_id.  in is a zeroed array with a
 * slot per member of to, left zeroed.  Their number, or -1. */
static long joined(const struct bclint_host *h, struct bclint_ctx *ctx,
                   const struct bclint_model *from, const struct bclint_model *to,
                   const struct bclint_asset_group *g, const struct bclint_asset_group *og,
                   char *in, const struct bclint_group_member ***list)
{
	const struct bclint_group_member **l = realloc(*list, (g->n_members + 1) * sizeof(*l));
	size_t n = 0;
	if (l == NULL)
		return -1;
	*list = l;
	for (size_t k = 0; og != NULL && k < og->n_members; k++)
		in[og->members[k].member - to->members] = 1;
	for (size_t k = 0; k < g->n_members; k++) {
		const struct bclint_member *m = g->members[k].member;
		const struct bclint_member *o =
		        (const struct bclint_member *)h->counterpart(ctx, from, &m->ent);
		if (in_bc(m) && in_bc(o) && !in[o - to->members])
			l[n++] = &g->members[k];
	}
	for (size_t k = 0; og != NULL && k < og->n_members; k++)
		in[og->members[k].member - to->members] = 0;
	qsort(l, n, sizeof(*l), by_user);
	return (long)n;
}

static int check_group_members(const struct bclint_host *h, struct bclint_ctx *ctx,
                               const struct bclint_model *model, int added)
{
	const struct bclint_model *before = previous(h, ctx);
	if (before == NULL)
		return 0;
	const struct bclint_model *from = added ? model : before, *to = added ? before : model;
	char *in = calloc(to->n_members + 1, 1);
	const struct bclint_group_member **list = NULL;
	int rc = in != NULL ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < from->n_groups; i++) {
		const struct bclint_asset_group *g = &from->groups[i];
		const struct bclint_asset_group *og =
		        (const struct bclint_asset_group *)h->counterpart(ctx, from, &g->ent);
		long n = joined(h, ctx, from, to, g, og, in, &list);
		rc = n < 0 ? -1 : 0;
		for (long k = 0; k < n; k++) {
			const struct bclint_member *m = list[k]->member;
			const struct bclint_member *o =
			        (const struct bclint_member *)h->counterpart(ctx, from, &m->ent);
			char label[256], r[256];
			struct bclint_finding *f = h->report_at(
			        ctx, from, BCLINT_LEVEL_DEFAULT, &g->ent,
			        added ? "%s was added to %s: "
			                "was not in it, now in it with %s"
			              : "%s was removed from %s: was in it "
			                "with %s, now not in it",
			        h->member_label(ctx, m), group_label(g, label, sizeof(label)),
			        roles(h, ctx, list[k], r, sizeof(r)));
			if (og != NULL)
				h->note_at(ctx, f, to, &og->ent,
				           added ? "not in it here, in the previous "
				                   "snapshot"
				                 : "not in it here, now");
			else
				h->note_at(ctx, f, to, &o->ent,
				           added ? "the asset group was not in the "
				                   "previous snapshot"
				                 : "the asset group is no longer here");
		}
	}
	free(list);
	free(in);
	return rc;
}

static int check_group_added(const struct bclint_host *h, struct bclint_ctx *ctx,
                             const struct bclint_model *model)
{
	return check_group_members(h, ctx, model, 1);
}

static int check_group_removed(const struct bclint_host *h, struct bclint_ctx *ctx,
                               const struct bclint_model *model)
{
	return check_group_members(h, ctx, model, 0);
}

static const char *const tags[] = {"drift", "access", NULL};
static const char *const admin_tags[] = {"drift", "access", "security", NULL};

#define DRIFT_NOTE "Reports nothing without a previous snapshot (bclint --previous, bclint diff)."
#define COMPARED                                                                                   \
	"A member's effective grants (the strongest of the direct assignment and the asset "       \
	"groups, as in every rule) are compared asset by asset, matched by asset type and ID, "    \
	"for members in the Business Center (BOUND or PENDING) in both snapshots, matched by "     \
	"user_id. "

static const struct bclint_rule rules[] = {
        {
                .id = "grant-added",
                .name = "GrantAdded",
                .summary = "A member was given a permission on an asset",
                .description = COMPARED
                "Reports a grant on an asset the member held nothing on before: at "
                "the direct assignment, or at the member when it comes only through an asset "
                "group (noted). A warning when the new grant is the asset's administrator "
                "role (advertiser_role ADMIN, catalog_role ADMIN, store_role MANAGER, "
                "form_library_role ADMIN, BUSINESS_ACCOUNT_ADMIN), a note otherwise. " DRIFT_NOTE,
                .rationale = "Each new grant is new access; the guides' advice is to review "
                             "permissions regularly and keep them to what the work needs.",
                .fix = "If the grant was not meant, remove it in Business Center > Users > Assign "
                       "assets (or take the member out of the asset group).",
                .example = "new.json:30:5: note: ana@acme.example was given a permission on ad "
                           "account 'Brand' (100): was no grant, now advertiser_role OPERATOR, "
                           "directly [grant-added]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = admin_tags,
                .check = check_added,
                .precision = "very-high",
                .security_severity = "5.0",
        },
        {
                .id = "grant-removed",
                .name = "GrantRemoved",
                .summary = "A member's permission on an asset was removed",
                .description = COMPARED
                "Reports, in the previous snapshot, a grant on an asset the member "
                "holds nothing on now (the asset may be gone too), with a note at the member "
                "now. " DRIFT_NOTE,
                .rationale = "A removal nobody asked for is work that stops.",
                .fix = "If it was not meant, assign the asset again in Business Center > Users > "
                       "Assign assets.",
                .example =
                        "old.json:30:5: note: ana@acme.example's permission on ad account 'Brand' "
                        "(100) was removed: was advertiser_role OPERATOR, directly, now no grant "
                        "[grant-removed]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_removed,
                .precision = "very-high",
        },
        {
                .id = "grant-widened",
                .name = "GrantWidened",
                .summary = "A member's permission on an asset was widened",
                .description = COMPARED
                "Reports a grant that holds more than it did: a higher role, or a "
                "tt_account_roles value it lacked (a set that gains one value and loses "
                "another is both widened and narrowed). A warning when it reaches the asset's "
                "administrator role, a note otherwise; a note points at the grant in the "
                "previous snapshot. " DRIFT_NOTE,
                .rationale =
                        "A widened grant is an escalation; one to ADMIN lets the member change "
                        "the asset's settings, finance and members.",
                .fix = "If it was not meant, lower the permission in Business Center > Users > "
                       "Assign assets (or in the asset group).",
                .example =
                        "new.json:30:5: warning: ana@acme.example's permission on ad account "
                        "'Brand' (100) was widened: was advertiser_role ANALYST, now "
                        "advertiser_role ADMIN, directly; this role administers the asset: if it "
                        "was not meant, lower it in Business Center > Users > Assign assets "
                        "[grant-widened]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = admin_tags,
                .check = check_widened,
                .precision = "very-high",
                .security_severity = "5.0",
        },
        {
                .id = "grant-narrowed",
                .name = "GrantNarrowed",
                .summary = "A member's permission on an asset was narrowed",
                .description = COMPARED
                "Reports a grant that holds less than it did: a lower role, "
                "or a tt_account_roles value lost. A note points at the grant in the "
                "previous snapshot. " DRIFT_NOTE,
                .rationale =
                        "Narrowing is least privilege at work; one nobody asked for stops work "
                        "(see permission-too-narrow).",
                .fix = "Nothing, if it was meant.",
                .example =
                        "new.json:30:5: note: ana@acme.example's permission on ad account 'Brand' "
                        "(100) was narrowed: was advertiser_role ADMIN, now advertiser_role "
                        "ANALYST, directly [grant-narrowed]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_narrowed,
                .precision = "very-high",
        },
        {
                .id = "group-member-added",
                .name = "GroupMemberAdded",
                .summary = "A member was added to an asset group",
                .description =
                        "Reports, at /asset_groups/i, a member of the group who was not in it in the "
                        "previous snapshot (the group may be new), with the roles the group gives "
                        "them and a note at the group (or the member) in the previous snapshot. Only "
                        "members in the Business Center in both snapshots: a new member's groups are "
                        "member-added's. What the group gives them is also compared grant by grant "
                        "(grant-added, grant-widened). " DRIFT_NOTE,
                .rationale = "A group gives its role on every asset in it, now and later: adding "
                             "someone to a group is often wider than it looks.",
                .fix = "If it was not meant, remove the member from the asset group in Business "
                       "Center > Assets > Asset groups.",
                .example = "new.json:40:5: note: ana@acme.example was added to asset group 'EU' "
                           "(8001): was not in it, now in it with advertiser_role OPERATOR "
                           "[group-member-added]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_group_added,
                .precision = "very-high",
        },
        {
                .id = "group-member-removed",
                .name = "GroupMemberRemoved",
                .summary = "A member was removed from an asset group",
                .description =
                        "Reports, at /asset_groups/i of the previous snapshot, a member who "
                        "was in the group and is not now (or the group is gone), with a note "
                        "at the group (or the member) now. Only members in the Business "
                        "Center in both snapshots. " DRIFT_NOTE,
                .rationale = "A removal nobody asked for is work that stops on every asset of the "
                             "group.",
                .fix = "If it was not meant, add the member to the group again.",
                .example =
                        "old.json:40:5: note: ana@acme.example was removed from asset group 'EU' "
                        "(8001): was in it with advertiser_role OPERATOR, now not in it "
                        "[group-member-removed]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_group_removed,
                .precision = "very-high",
        },
};

BCLINT_PLUGIN_DEFINE("drift-grants", "1.0",
                     "What changed in grants and asset groups since the previous snapshot", rules);
