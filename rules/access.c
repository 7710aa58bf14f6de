/* access: needs without a grant, creator-only needs, and grants on assets
 * whose binding to this Business Center is not in force.  With
 * permission-too-narrow and foreign-asset these split the needs of the plan
 * between them: every need that is not satisfied is reported by exactly
 * one rule. */
#include <bclint/plugin.h>

/* Where a grant comes from: what the host says gives its effective
 * permission; a host without grant_source, the direct assignment when it
 * alone carries it, else the asset group. */
static const struct bclint_entity *grant_source(const struct bclint_host *h, struct bclint_ctx *ctx,
                                                const struct bclint_grant *g)
{
	if (BCLINT_HOST_HAS(h, grant_source))
		return h->grant_source(ctx, g);
	if (g->direct != NULL && (g->group == NULL || bclint_covers(g->direct->cap, g->cap)))
		return &g->direct->ent;
	if (g->group != NULL)
		return &g->group->ent;
	return &g->member->ent;
}

/* -- asset-not-assigned -------------------------------------------------- */

/* The ad account a Spark Ads need names, when it is here but the member
 * has no grant on it (and the TikTok account's own grant is fine). */
static const struct bclint_asset *
unassigned_second(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_need *n)
{
	const char *id;
	const struct bclint_asset *a;
	if (n->action->also_types == 0 || !BCLINT_HOST_HAS(h, also_grant) || n->grant == NULL ||
	    !bclint_covers(h->need_have(n), n->action->req))
		return NULL;
	return h->also_grant(ctx, n, &id, &a) == NULL && id != NULL ? a : NULL;
}

static int check_not_assigned(const struct bclint_host *h, struct bclint_ctx *ctx,
                              const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_needs; i++) {
		const struct bclint_need *n = &model->needs[i];
		const struct bclint_asset *second = unassigned_second(h, ctx, n);
		if (second != NULL) {
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
			        "%s needs %s on %s, with ads made on %s, but has no grant on the ad "
			        "account: assign it to them in Business Center > Users > Assign "
			        "assets (least grant: %s)",
			        h->member_label(ctx, n->member), n->action->name,
			        h->asset_label(ctx, n->asset), h->asset_label(ctx, second),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER,
			                     n->action->also_req));
			continue;
		}
		if (n->action->scope != BCLINT_SCOPE_ASSET || n->asset == NULL || n->grant != NULL)
			continue;
		const struct bclint_member *m = n->member;
		struct bclint_finding *f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
		        "%s needs %s on %s but has no grant on it: assign it to them in Business "
		        "Center > Users > Assign assets (least grant: %s)",
		        h->member_label(ctx, m), n->action->name, h->asset_label(ctx, n->asset),
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, n->asset_type, n->action->req));
		/* "Works on one account, not another": show the ones that work. */
		for (size_t k = 0; k < m->n_grants; k++) {
			const struct bclint_grant *g = m->grants[k];
			if (g->asset->type != n->asset->type)
				continue;
			h->note(ctx, f, grant_source(h, ctx, g), "%s holds %s on %s instead",
			        h->member_label(ctx, m),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, g->asset->type, g->cap),
			        h->asset_label(ctx, g->asset));
		}
	}
	return 0;
}

/* -- non-delegable-action -------------------------------------------------- */

static int check_non_delegable(const struct bclint_host *h, struct bclint_ctx *ctx,
                               const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_needs; i++) {
		const struct bclint_need *n = &model->needs[i];
		if (n->action->scope != BCLINT_SCOPE_CREATOR)
			continue;
		const char *who = h->member_label(ctx, n->member);
		/* The asset as the snapshot names it; by type and ID when foreign. */
		const char *on = "", *what = "", *sp = "", *id = "";
		if (n->asset != NULL) {
			on = " on ";
			what = h->asset_label(ctx, n->asset);
		} else if (n->asset_id != NULL) {
			on = " on ";
			what = h->asset_type_name(n->asset_type);
			sp = " ";
			id = n->asset_id;
		}
		struct bclint_finding *f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
		        "%s needs %s%s%s%s%s, a creator-only action that no Business Center role "
		        "can grant: only the account's owner can do it; remove the need from the "
		        "plan",
		        who, n->action->name, on, what, sp, id);
		if (n->grant != NULL)
			h->note(ctx, f, grant_source(h, ctx, n->grant),
			        "%s holds %s here, which cannot "
			        "cover %s",
			        who,
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, n->asset_type, n->grant->cap),
			        n->action->name);
	}
	return 0;
}

/* -- unbound-asset ----------------------------------------------------------- */

static const char *status_name(uint32_t s)
{
	switch (s) {
	case BCLINT_REL_PENDING: return "PENDING";
	case BCLINT_REL_REJECTED: return "REJECTED";
	default: return "UNBOUND";
	}
}

static const char *status_fix(uint32_t s)
{
	switch (s) {
	case BCLINT_REL_PENDING: return "have the asset's owner approve the binding request";
	case BCLINT_REL_REJECTED:
		return "request the asset from its owner again, or remove its grants and needs";
	default:
		return "add the asset back to this Business Center, or remove its grants and needs";
	}
}

static int check_unbound(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_assets; i++) {
		const struct bclint_asset *a = &model->assets[i];
		if (a->status == BCLINT_REL_BOUND || (a->n_grants == 0 && a->n_needs == 0))
			continue;
		struct bclint_finding *f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &a->ent,
		        "%s has relation_status %s but %zu grant%s and %zu need%s refer to it: "
		        "access through this Business Center will not work; %s",
		        h->asset_label(ctx, a), status_name(a->status), a->n_grants,
		        a->n_grants == 1 ? "" : "s", a->n_needs, a->n_needs == 1 ? "" : "s",
		        status_fix(a->status));
		for (size_t k = 0; k < a->n_grants; k++) {
			const struct bclint_grant *g = a->grants[k];
			h->note(ctx, f, grant_source(h, ctx, g), "%s holds %s on it",
			        h->member_label(ctx, g->member),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, g->cap));
		}
		for (size_t k = 0; k < a->n_needs; k++) {
			const struct bclint_need *n = a->needs[k];
			h->note(ctx, f, &n->ent, "%s needs %s on it",
			        h->member_label(ctx, n->member), n->action->name);
		}
	}
	return 0;
}

/* -- the rules ---------------------------------------------------------------- */

static const char *const tags_troubleshooting[] = {"access", "troubleshooting", NULL};
static const char *const tags_creator[] = {"access", "creator", "troubleshooting", NULL};
static const char *const tags_unbound[] = {"access", "assets", "troubleshooting", NULL};

static const struct bclint_rule rules[] = {
        {
                .id = "asset-not-assigned",
                .name = "AssetNotAssigned",
                .summary =
                        "A needed asset is in this Business Center but not assigned to the member",
                .description =
                        "For each need of the access plan on an asset present in the snapshot's "
                        "assets: the member holds no effective grant on that asset at all, neither a "
                        "direct assignment nor an asset-group grant. Whatever the member's "
                        "relation_status and the asset's ownership or relation_status (a pending "
                        "member is also reported by pending-invitation, an unbound asset by "
                        "unbound-asset). Needs on an asset absent from the snapshot belong to "
                        "foreign-asset, needs for creator-only actions to non-delegable-action, and a "
                        "grant that exists but is too weak to permission-too-narrow: each need that is "
                        "not satisfied is reported by exactly one of the four. Notes show the member's "
                        "grants on other assets of the same type.",
                .rationale = "\"It works on one ad account but not on another\": the person has "
                             "the right role, on the wrong assets. Business Center roles never "
                             "substitute for an asset grant, not even ADMIN.",
                .fix = "In Business Center > Users, open the member, choose Assign assets and "
                       "assign the asset with the least grant named in the message (or add the "
                       "member to an asset group that holds it).",
                .example =
                        "bc.json:41:5: error: ana@acme.com needs CREATE_EDIT_ADS on ad account "
                        "'Brand EU' (7002) but has no grant on it: assign it to them in Business "
                        "Center > Users > Assign assets (least grant: advertiser_role OPERATOR) "
                        "[asset-not-assigned]",
                .level = BCLINT_LEVEL_ERROR,
                .tags = tags_troubleshooting,
                .check = check_not_assigned,
                .precision = "high",
        },
        {
                .id = "non-delegable-action",
                .name = "NonDelegableAction",
                .summary = "A need for a creator-only action that no role can grant",
                .description =
                        "Reports every need whose action is creator-only (GO_LIVE, LIVE_GIFTS, "
                        "LIVE_SUBSCRIPTION, CREATOR_REWARDS, CREATOR_PAYOUT), whether or not it names "
                        "an asset, whether that asset is in the snapshot or not, and whatever the "
                        "member holds on it. No other rule reports such a need. When the member holds "
                        "a grant on the named asset, a note points at it.",
                .rationale =
                        "No Business Center role or asset grant can hand these actions to "
                        "someone else: they stay with the TikTok account's owner, so no amount "
                        "of reassigning will make the plan work.",
                .fix = "Remove the need from the plan and have the account's owner do it in the "
                       "TikTok app; for ads that use a LIVE, grant LIVE in tt_account_roles and use "
                       "USE_LIVE_IN_ADS instead.",
                .example =
                        "bc.json:44:5: error: lee@acme.com needs GO_LIVE on TikTok account "
                        "'@acme' (6001), a creator-only action that no Business Center role can "
                        "grant: only the account's owner can do it; remove the need from the plan "
                        "[non-delegable-action]",
                .level = BCLINT_LEVEL_ERROR,
                .tags = tags_creator,
                .check = check_non_delegable,
                .precision = "very-high",
        },
        {
                .id = "unbound-asset",
                .name = "UnboundAsset",
                .summary = "Grants or needs on an asset not bound to this Business Center",
                .description =
                        "Reports an asset whose relation_status is PENDING, REJECTED or UNBOUND and "
                        "that any member holds a grant on (direct or through an asset group, whatever "
                        "the member's own status) or that any need names (creator-only needs "
                        "included). A note points at each grant and each need.",
                .rationale = "Until the asset is bound to the Business Center, the grants on it "
                             "do nothing: people see the asset in the plan but cannot open it.",
                .fix = "For PENDING, have the asset's owner approve the request; for REJECTED, "
                       "request it again; for UNBOUND, add the asset back to the Business Center. "
                       "Otherwise remove the grants and take the asset out of the plan.",
                .example = "bc.json:18:5: warning: ad account 'Old Brand' (7009) has "
                           "relation_status UNBOUND but 1 grant and 0 needs refer to it: access "
                           "through this Business Center will not work; add the asset back to this "
                           "Business Center, or remove its grants and needs [unbound-asset]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = tags_unbound,
                .check = check_unbound,
                .precision = "very-high",
        },
};

BCLINT_PLUGIN_DEFINE("access", "1.0", "Needs without a grant, creator-only needs, unbound assets",
                     rules);
