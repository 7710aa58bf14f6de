/* least-privilege: grants beyond what the access plan needs, directly or
 * through asset groups, and grants beyond what a partner shares.  The
 * advice is the one that is right given everything the member holds: a
 * direct assignment a group already covers can go, a group that gives too
 * much is left when a direct assignment covers the need, and one of the
 * two Admins an ad account keeps steps down only after another steps up. */
#include <bclint/plugin.h>

#define ADVERTISER_ADMIN 3 /* advertiser_role ADMIN: the top of the ladder */

/* What a member's needs on an asset ask for: the strongest least grant
 * (tt_account_roles: the union of the bits) and how many needs of each
 * kind there are. */
struct asked {
	struct bclint_cap req;
	size_t n_asset, n_creator;
};

static struct asked asked(const struct bclint_member *m, const struct bclint_asset *a)
{
	struct asked s = {{0, 0}, 0, 0};
	for (size_t i = 0; i < m->n_needs; i++) {
		const struct bclint_need *n = m->needs[i];
		if (n->asset != a)
			continue;
		if (n->action->scope == BCLINT_SCOPE_CREATOR) {
			s.n_creator++;
			continue;
		}
		s.n_asset++;
		if (n->action->req.level > s.req.level)
			s.req.level = n->action->req.level;
		s.req.set |= n->action->req.set;
	}
	return s;
}

/* Does have give more than req: a higher rung, or a role of a set? */
static int exceeds(struct bclint_cap have, struct bclint_cap req)
{
	return have.level > req.level || (have.set & ~req.set) != 0;
}

/* The member's grant on the asset, or NULL. */
static const struct bclint_grant *grant_on(const struct bclint_member *m,
                                           const struct bclint_asset *a)
{
	for (size_t k = 0; k < m->n_grants; k++)
		if (m->grants[k]->asset == a)
			return m->grants[k];
	return NULL;
}

/* c as the member really has it: no more than a partner's share gives. */
static struct bclint_cap capped(const struct bclint_host *h, const struct bclint_grant *g,
                                struct bclint_cap c)
{
	if (g != NULL && BCLINT_HOST_HAS(h, grant_source) && g->capped_by != NULL &&
	    c.level > g->capped_by->cap.level)
		c.level = g->capped_by->cap.level;
	return c;
}

/* What asset group grp gives member m on asset a (0/0: nothing). */
static struct bclint_cap group_gives(const struct bclint_asset_group *grp,
                                     const struct bclint_member *m, const struct bclint_asset *a)
{
	struct bclint_cap none = {0, 0};
	for (size_t k = 0; grp != NULL && k < grp->n_members; k++)
		if (grp->members[k].member == m)
			return grp->members[k].caps[a->type];
	return none;
}

/* How many active ADMINs an ad account has, when member m's have makes
 * them one of them and they are at most two: TikTok wants at least two on
 * each, so such an ADMIN is lowered only after someone else is made ADMIN.
 * 0 otherwise (a pending member is not one of them yet). */
static size_t few_admins(const struct bclint_asset *a, const struct bclint_member *m,
                         struct bclint_cap have)
{
	if (a->type != BCLINT_ASSET_ADVERTISER || have.level < ADVERTISER_ADMIN ||
	    !bclint_member_active(m))
		return 0;
	size_t admins = 0;
	for (size_t k = 0; k < a->n_grants; k++)
		admins += a->grants[k]->cap.level >= ADVERTISER_ADMIN &&
		          bclint_member_active(a->grants[k]->member);
	return admins <= 2 ? admins : 0;
}

/* Judged at all: an asset bound here (the rest is unbound-asset's or
 * foreign-asset's), of a member who is part of the plan and has not left
 * (what people who left still hold is former-member-access's: all of it
 * goes, so lowering it is not the advice). */
static int judged(const struct bclint_member *m, const struct bclint_asset *a)
{
	return a != NULL && a->status == BCLINT_REL_BOUND && m->n_needs > 0 &&
	       m->status != BCLINT_REL_REJECTED && m->status != BCLINT_REL_UNBOUND;
}

static void note_needs(const struct bclint_host *h, struct bclint_ctx *ctx,
                       struct bclint_finding *f, const struct bclint_member *m,
                       const struct bclint_asset *a)
{
	for (size_t i = 0; i < m->n_needs; i++) {
		const struct bclint_need *n = m->needs[i];
		if (n->asset != a)
			continue;
		if (n->action->scope == BCLINT_SCOPE_CREATOR)
			h->note(ctx, f, &n->ent, "%s is creator-only: no grant covers it",
			        n->action->name);
		else
			h->note(ctx, f, &n->ent, "%s needs %s", n->action->name,
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, n->action->req));
	}
}

/* " as advertiser_role ADMIN"; nothing for pixels and domains, where being
 * assigned is the whole permission. */
static const char *as_role(const struct bclint_host *h, struct bclint_ctx *ctx,
                           const struct bclint_asset *a, struct bclint_cap c)
{
	if (a->type == BCLINT_ASSET_PIXEL || a->type == BCLINT_ASSET_DOMAIN)
		return "";
	return h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, c);
}

/* -- excess-grant: direct assignments ------------------------------------- */

static void judge_direct(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_assignment *as)
{
	const struct bclint_member *m = as->member;
	const struct bclint_asset *a = as->asset;
	if (!judged(m, a))
		return;
	struct asked s = asked(m, a);
	const struct bclint_grant *g = grant_on(m, a);
	const struct bclint_asset_group *grp = g ? g->group : NULL;
	struct bclint_cap d = capped(h, g, as->cap), gc = capped(h, g, group_gives(grp, m, a));
	const char *who = h->member_label(ctx, m), *where = h->asset_label(ctx, a);
	const char *role = as_role(h, ctx, a, as->cap), *sep = role[0] ? " as " : "";
	struct bclint_finding *f;
	if (s.n_asset == 0 && s.n_creator == 0) {
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &as->ent,
		          "%s is assigned %s%s%s, which none of their needs mention: remove the "
		          "assignment",
		          who, where, sep, role);
	} else if (s.n_asset == 0) {
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &as->ent,
		              "%s is assigned %s%s%s, but their only needs there are creator-only "
		              "actions that no grant covers: remove the assignment",
		              who, where, sep, role);
		note_needs(h, ctx, f, m, a);
	} else if (grp != NULL && bclint_covers(gc, s.req) && !exceeds(gc, s.req)) {
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &as->ent,
		              "%s is assigned %s%s%s, but asset group '%s' already gives them %s "
		              "there, which is what their needs require: remove the direct "
		              "assignment",
		              who, where, sep, role, grp->name ? grp->name : grp->group_id,
		              h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, gc));
		h->note(ctx, f, &grp->ent, "the group that gives it");
		note_needs(h, ctx, f, m, a);
	} else if (exceeds(d, s.req)) {
		size_t few = few_admins(a, m, d);
		const char *to = h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, s.req);
		if (few > 0)
			f = h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &as->ent,
			        "%s is assigned %s%s%s, more than their needs there require, but "
			        "is %s, and TikTok wants at least two: make another trusted member "
			        "ADMIN there first, then lower it to %s",
			        who, where, sep, role,
			        few == 1 ? "the ad account's only active ADMIN"
			                 : "one of the ad account's 2 active ADMINs",
			        to);
		else
			f = h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &as->ent,
			        "%s is assigned %s%s%s, more than their needs there require: %s it "
			        "to %s",
			        who, where, sep, role, (d.set & ~s.req.set) ? "change" : "lower",
			        to);
		note_needs(h, ctx, f, m, a);
	}
}

/* -- excess-grant: asset groups -------------------------------------------- */

/* Does the group give member m more than needed on asset a?  Then *d says
 * whether m's direct assignment there covers what is needed. */
static int group_too_much(const struct bclint_host *h, const struct bclint_group_member *gm,
                          const struct bclint_asset *a, int *direct_covers)
{
	const struct bclint_member *m = gm->member;
	if (!judged(m, a))
		return 0;
	const struct bclint_grant *g = grant_on(m, a);
	struct bclint_cap c = capped(h, g, gm->caps[a->type]);
	struct asked s = asked(m, a);
	if ((c.level | c.set) == 0 || !(s.n_asset == 0 || exceeds(c, s.req)))
		return 0;
	*direct_covers = s.n_asset == 0 ||
	                 (g != NULL && g->direct != NULL && bclint_covers(g->direct->cap, s.req));
	return 1;
}

/* One finding per member of a group that gives them more than their
 * needs ask for, with a note at each asset where it does. */
static void judge_group(const struct bclint_host *h, struct bclint_ctx *ctx,
                        const struct bclint_asset_group *grp, const struct bclint_group_member *gm)
{
	size_t n = 0;
	int all_covered = 1, covered;
	for (size_t j = 0; j < grp->n_assets; j++)
		if (group_too_much(h, gm, grp->assets[j], &covered)) {
			n++;
			all_covered &= covered;
		}
	if (n == 0)
		return;
	const char *name = grp->name ? grp->name : grp->group_id;
	struct bclint_finding *f = h->report(
	        ctx, BCLINT_LEVEL_DEFAULT, &grp->ent,
	        "%s holds more through asset group '%s' than their needs require, on %zu asset%s: %s",
	        h->member_label(ctx, gm->member), name, n, n == 1 ? "" : "s",
	        all_covered ? "take them out of the group (what they need is covered without it)"
	                    : "take them out of the group and assign them directly what they need, "
	                      "or lower the group's role if its other members do not need it");
	for (size_t j = 0; j < grp->n_assets; j++) {
		const struct bclint_asset *a = grp->assets[j];
		if (!group_too_much(h, gm, a, &covered))
			continue;
		struct asked s = asked(gm->member, a);
		struct bclint_cap c = capped(h, grant_on(gm->member, a), gm->caps[a->type]);
		const char *few = few_admins(a, gm->member, c)
		                          ? " (one of at most two ADMINs there: make "
		                            "another member ADMIN first)"
		                          : "";
		if (s.n_asset == 0)
			h->note(ctx, f, &a->ent,
			        "%s: the group gives %s, which none of their needs "
			        "mention%s",
			        h->asset_label(ctx, a),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, c), few);
		else
			h->note(ctx, f, &a->ent, "%s: the group gives %s, their needs require %s%s",
			        h->asset_label(ctx, a),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, c),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, s.req), few);
	}
}

static int check_excess(const struct bclint_host *h, struct bclint_ctx *ctx,
                        const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_assignments; i++)
		judge_direct(h, ctx, &model->assignments[i]);
	for (size_t i = 0; i < model->n_groups; i++)
		for (size_t k = 0; k < model->groups[i].n_members; k++)
			judge_group(h, ctx, &model->groups[i], &model->groups[i].members[k]);
	return 0;
}

/* -- grant-above-share ------------------------------------------------------ */

static const char *partner_name(const struct bclint_partner *p)
{
	return p->name != NULL && p->name[0] != '\0' ? p->name : p->bc_id;
}

static int check_above_share(const struct bclint_host *h, struct bclint_ctx *ctx,
                             const struct bclint_model *model)
{
	if (!BCLINT_HOST_HAS(h, grant_source))
		return 0;
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		for (size_t k = 0; k < m->n_grants; k++) {
			const struct bclint_grant *g = m->grants[k];
			const struct bclint_share *sh = g->capped_by;
			if (sh == NULL || g->granted.level <= sh->cap.level)
				continue;
			const struct bclint_asset *a = g->asset;
			uint32_t t = a->type;
			const struct bclint_entity *at =
			        g->direct != NULL && g->direct->cap.level > sh->cap.level
			                ? &g->direct->ent
			                : &g->group->ent;
			struct bclint_finding *f = h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, at,
			        "%s is given %s on %s, but partner '%s' shares it with this Business "
			        "Center at %s only, so that is all they get: lower the grant to %s, or "
			        "ask the partner to share more",
			        h->member_label(ctx, m),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, t, g->granted),
			        h->asset_label(ctx, a), partner_name(sh->partner),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, t, sh->cap),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, t, sh->cap));
			h->note(ctx, f, &sh->ent, "the share: %s",
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, t, sh->cap));
		}
	}
	return 0;
}

/* -- the rules ---------------------------------------------------------------- */

static const char *const tags_least[] = {"access", "least-privilege", "security", NULL};
static const char *const tags_share[] = {"access", "partners", "troubleshooting", NULL};

static const struct bclint_rule rules[] = {
        {
                .id = "excess-grant",
                .name = "ExcessGrant",
                .summary = "A grant, direct or through an asset group, gives more than the "
                           "member's needs require",
                .description =
                        "Least privilege, for members who have at least one need in the plan (members "
                        "with no needs are not judged), on assets bound to this Business Center (an "
                        "asset that is not is unbound-asset's, whose advice is to remove its grants; "
                        "one that is not here is foreign-asset's). A direct assignment is reported "
                        "when (a) none of the member's needs names its asset (also when all their "
                        "needs are Business Center-level); (b) their only needs on it are "
                        "creator-only, which no grant covers; (c) an asset group already gives them "
                        "exactly what their needs there require, so the assignment adds nothing; or "
                        "(d) it is stronger than the least grant their strongest need on the asset "
                        "requires: a higher role on the ladder, or tt_account_roles holding a role no "
                        "need requires (tt_account_roles is a set: the required set is the union of "
                        "the needs' roles). An asset group is reported once per member it gives more "
                        "than their needs require, on any of its assets (a note per asset): when the "
                        "member's direct assignments cover what they need, the advice is to take them "
                        "out of the group, which leaves them what they need; else to assign it "
                        "directly, or lower the group's role if its other members do not need it. "
                        "Grants are judged as the member really has them, after a partner's share "
                        "caps them (a grant above the cap is grant-above-share's). An ADMIN on an ad "
                        "account that has at most two active ADMINs is told to step down only after "
                        "another trusted member is made ADMIN there: TikTok wants at least two on every "
                        "ad account (only active members count: a pending invitation is not one of "
                        "them). Members who left or rejected the invitation (relation_status UNBOUND "
                        "or REJECTED) are not judged: everything they still hold is "
                        "former-member-access's, whose advice is to remove it, not to lower it; "
                        "pending members are (lower it before they accept). Notes point at the needs "
                        "on the asset.",
                .rationale = "Every role beyond what the work needs is access an attacker, a "
                             "mistake or a departing employee can use; the plan says what is "
                             "needed, so the rest can go.",
                .fix = "In Business Center > Users, open the member's assigned assets and lower "
                       "the role to the one named in the message, or remove the asset; for an asset "
                       "group, take the member out of it (Business Center > Asset groups) or lower "
                       "the group's role.",
                .example = "bc.json:30:5: note: ana@acme.com is assigned ad account 'Brand US' "
                           "(7001) as advertiser_role ADMIN, more than their needs there require: "
                           "lower it to advertiser_role OPERATOR [excess-grant]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags_least,
                .check = check_excess,
                .precision = "medium", /* the plan may not list every need */
                .security_severity = "3.0",
        },
        {
                .id = "grant-above-share",
                .name = "GrantAboveShare",
                .summary = "A grant on a partner's asset is higher than the partner shares it",
                .description =
                        "Reports a member's direct assignment or asset-group grant on an asset a "
                        "partner shares with this Business Center (share_type SHARED) that is higher "
                        "than the role of the share, at the assignment when it is the one above the "
                        "cap, else at the group; a note points at the share. bclint's reading of "
                        "TikTok's rules: a Business Center cannot pass on more than it was given, so "
                        "the member's effective permission is the share's, whatever the grant says "
                        "(the rules judge needs with the capped permission).",
                .rationale =
                        "A grant that looks like OPERATOR but acts as ANALYST is how 'I gave "
                        "them the role and it does not work' starts; the record should say what "
                        "people can really do.",
                .fix = "Lower the grant to the share's role, or ask the partner to raise what it "
                       "shares with this Business Center (a partner can raise a share in place).",
                .example =
                        "bc.json:20:5: warning: ana@acme.com is given advertiser_role OPERATOR on "
                        "ad account 'Lent' (7001), but partner 'Agency' shares it with this "
                        "Business Center at advertiser_role ANALYST only, so that is all they get: "
                        "lower the grant to advertiser_role ANALYST, or ask the partner to share "
                        "more [grant-above-share]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = tags_share,
                .check = check_above_share,
                .precision = "high",
        },
};

BCLINT_PLUGIN_DEFINE("least-privilege", "1.0",
                     "Grants beyond the plan's needs or beyond what a partner shares", rules);
