/* no-asset-assigned: the role exists, the account access does not.  An
 * active member with no effective grant on any asset can sign in to
 * Business Center and do nothing there. */
#include <bclint/plugin.h>

/* Exempt: finance-only people, and people whose plan is all BC-level. */
static int exempt(const struct bclint_member *m)
{
	size_t asset_needs = 0;
	for (size_t i = 0; i < m->n_needs; i++)
		asset_needs += m->needs[i]->asset_id != 0;
	if (m->finance != BCLINT_FINANCE_NONE && asset_needs == 0)
		return 1;
	return m->n_needs > 0 && asset_needs == 0;
}

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (!bclint_member_active(m) || m->n_grants > 0 || exempt(m))
			continue;
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
		          "%s has the Business Center role %s but no asset assigned: assign the "
		          "assets they work on (Business Center > Users > Assign assets)",
		          h->member_label(ctx, m),
		          m->role == BCLINT_ROLE_ADMIN ? "ADMIN" : "STANDARD");
	}
	return 0;
}

static const char *const tags[] = {"access", "assignment", NULL};

static const struct bclint_rule rules[] = {{
        .id = "no-asset-assigned",
        .name = "NoAssetAssigned",
        .summary = "An active member has a Business Center role but no asset",
        .description = "Reports an active member (ADMIN or STANDARD) who holds no effective grant, "
                       "direct or through an asset group, on any asset of the snapshot. Not "
                       "reported for a member who holds a finance role and has no needs on assets, "
                       "nor for a member whose needs (at least one) are all Business Center-level "
                       "actions.",
        .rationale = "Admins and Standard members alike can work only on assets assigned to them: "
                     "the role exists, the account access does not, and the person sees empty "
                     "lists.",
        .fix = "In Business Center > Users, open the member and assign the ad accounts, catalogs "
               "and other assets they work on, with the least role that covers their work; or "
               "remove the member.",
        .example = "bc.json:12:5: warning: new@acme.com has the Business Center role STANDARD but "
                   "no asset assigned: assign the assets they work on (Business Center > Users > "
                   "Assign assets) [no-asset-assigned]",
        .level = BCLINT_LEVEL_WARNING,
        .tags = tags,
        .check = check,
        .precision = "high",
}};

BCLINT_PLUGIN_DEFINE("no-asset-assigned", "1.0", "Members with a role and no asset", rules);
