/* foreign-asset: permissions can only be set where the asset lives, and a
 * Business Center can only share assets it owns. */
#include <bclint/plugin.h>

/* Is the need's own asset fine, so that its second one (the ad account
 * of a Spark Ads need) is what counts? */
static int first_part_met(const struct bclint_host *h, const struct bclint_need *n)
{
	return n->grant != NULL && bclint_covers(h->need_have(n), n->action->req);
}

/* The ad account a need names for its second grant, when it is not in
 * this Business Center: its ID, or NULL. */
static const char *foreign_second(const struct bclint_host *h, struct bclint_ctx *ctx,
                                  const struct bclint_need *n)
{
	const char *id;
	const struct bclint_asset *a;
	if (n->action->also_types == 0 || !BCLINT_HOST_HAS(h, also_grant) || !first_part_met(h, n))
		return NULL;
	h->also_grant(ctx, n, &id, &a);
	return id != NULL && a == NULL ? id : NULL;
}

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_needs; i++) {
		const struct bclint_need *n = &model->needs[i];
		const char *second;
		if (n->action->scope == BCLINT_SCOPE_CREATOR)
			continue;
		if (n->asset_id != NULL && n->asset == NULL)
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
			        "%s needs %s on %s %s, which is not in this Business Center: set the "
			        "permission in the Business Center that owns it, or have it shared "
			        "here first",
			        h->member_label(ctx, n->member), n->action->name,
			        h->asset_type_name(n->asset_type), n->asset_id);
		else if ((second = foreign_second(h, ctx, n)) != NULL)
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
			        "%s needs %s on %s, with ads made on ad account %s, which is not in "
			        "this Business Center: set advertiser_role OPERATOR in the Business "
			        "Center that owns the ad account, or have it shared here first",
			        h->member_label(ctx, n->member), n->action->name,
			        h->asset_label(ctx, n->asset), second);
	}
	for (size_t i = 0; i < model->n_assignments; i++) {
		const struct bclint_assignment *a = &model->assignments[i];
		if (a->asset != NULL)
			continue;
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &a->ent,
		          "%s is assigned %s %s, which is not in this Business Center: the grant "
		          "cannot take effect here; assign it in the Business Center that owns it",
		          h->member_label(ctx, a->member), h->asset_type_name(a->asset_type),
		          a->asset_id);
	}
	for (size_t p = 0; p < model->n_partners; p++) {
		const struct bclint_partner *pa = &model->partners[p];
		for (size_t i = 0; i < pa->n_shares; i++) {
			const struct bclint_share *s = &pa->shares[i];
			if (s->share_type != BCLINT_SHARE_SHARING ||
			    (s->asset != NULL && s->asset->owned_here))
				continue;
			struct bclint_finding *f = h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &s->ent,
			        "%s %s is shared with partner '%s' (%s) but is not owned by this "
			        "Business Center: only the owning Business Center can share it",
			        h->asset_type_name(s->asset_type), s->asset_id,
			        pa->name ? pa->name : pa->bc_id, pa->bc_id);
			if (s->asset != NULL)
				h->note(ctx, f, &s->asset->ent, "%s is owned elsewhere",
				        h->asset_label(ctx, s->asset));
		}
	}
	return 0;
}

static const char *const tags[] = {"access", "ownership", NULL};

static const struct bclint_rule rules[] = {{
        .id = "foreign-asset",
        .name = "ForeignAsset",
        .summary =
                "A need, assignment or share refers to an asset this Business Center does not own",
        .description = "Reports (a) a need or an assignment whose asset_id is not among the "
                       "snapshot's assets: the asset lives in another Business Center (also the ad "
                       "account a Spark Ads or LIVE-in-ads need names with x_advertiser_id, once "
                       "the TikTok account's own grant covers the need); and (b) a "
                       "partner share with share_type SHARING of an asset that is not owned here "
                       "(absent, or relation_type other than OWNER_BC, or owner_bc_id of another "
                       "Business Center). Needs for creator-only actions are left to "
                       "non-delegable-action.",
        .rationale = "Permissions can only be set in the Business Center where the asset lives, "
                     "and a Business Center can only share assets it owns: such grants and shares "
                     "silently do nothing.",
        .fix = "Ask the owning Business Center to assign the person there, or to share the asset "
               "with this Business Center (Partners) before assigning it here.",
        .example = "bc.json:60:5: error: ana@acme.com needs VIEW_ADS on ADVERTISER 7999, which is "
                   "not in this Business Center: set the permission in the Business Center that "
                   "owns it, or have it shared here first [foreign-asset]",
        .level = BCLINT_LEVEL_ERROR,
        .tags = tags,
        .check = check,
        .precision = "high",
}};

BCLINT_PLUGIN_DEFINE("foreign-asset", "1.0", "Assets that live in another Business Center", rules);
