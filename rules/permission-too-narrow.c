/* permission-too-narrow: the member has a grant on the asset (or a BC
 * role) but it does not cover the action the plan says they need. */
#include <bclint/plugin.h>

static void note_grant(const struct bclint_host *h, struct bclint_ctx *ctx,
                       struct bclint_finding *f, const struct bclint_need *n)
{
	const struct bclint_grant *g = n->grant;
	if (n->action->scope != BCLINT_SCOPE_ASSET) {
		h->note(ctx, f, &n->member->ent, "%s's roles are set here",
		        h->member_label(ctx, n->member));
		return;
	}
	if (g->direct != NULL)
		h->note(ctx, f, &g->direct->ent, "granted here: %s",
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, n->asset_type, g->direct->cap));
	if (g->group != NULL)
		h->note(ctx, f, &g->group->ent, "%s through asset group '%s'",
		        g->direct ? "also granted" : "granted",
		        g->group->name ? g->group->name : g->group->group_id);
}

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_needs; i++) {
		const struct bclint_need *n = &model->needs[i];
		uint32_t scope = n->action->scope;
		if (scope == BCLINT_SCOPE_CREATOR)
			continue; /* non-delegable-action's */
		if (scope == BCLINT_SCOPE_ASSET && n->grant == NULL)
			continue; /* no grant at all: asset-not-assigned or foreign-asset */
		struct bclint_cap have = h->need_have(n);
		if (bclint_covers(have, n->action->req))
			continue;
		const char *what = scope == BCLINT_SCOPE_ASSET ? h->asset_label(ctx, n->asset)
		                                               : "this Business Center";
		struct bclint_finding *f = h->report(
			ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
			"%s needs %s on %s but holds %s: grant at least %s",
			h->member_label(ctx, n->member), n->action->name, what,
			h->cap_label(ctx, scope, n->asset_type, have),
			h->cap_label(ctx, scope, n->asset_type, n->action->req));
		note_grant(h, ctx, f, n);
	}
	return 0;
}

static const char *const tags[] = {"access", "troubleshooting", NULL};

static const struct bclint_rule rules[] = {{
	.id = "permission-too-narrow",
	.name = "PermissionTooNarrow",
	.summary = "A needed action is not covered by the member's grant",
	.description = "For each need of the access plan: the member holds an effective grant on "
	               "the needed asset (direct or through an asset group, the strongest counts) "
	               "but it does not cover the action, for example advertiser_role ANALYST for "
	               "CREATE_EDIT_ADS, or tt_account_roles without POST for SPARK_ADS_PULL_POST; "
	               "or a Business Center-level action is not covered by the member's user_role "
	               "or finance_role. The message names the current grant and the least grant "
	               "that covers the action; a note points at the grant.",
	.rationale = "This is the commonest \"permissions not working\" case: the person is "
	             "assigned the asset, so everything looks right, but the role on it is one step "
	             "too weak for the job.",
	.fix = "In Business Center > Users (or the asset's Members tab), raise the member's role "
	       "on the asset to the least grant named in the message; for BC-level actions change "
	       "the member's Business Center role or finance permission.",
	.example = "bc.json:40:5: error: ana@acme.com needs CREATE_EDIT_ADS on ad account 'Brand "
	           "US' (7001) but holds advertiser_role ANALYST: grant at least advertiser_role "
	           "OPERATOR [permission-too-narrow]",
	.level = BCLINT_LEVEL_ERROR,
	.tags = tags,
	.check = check,
}};

BCLINT_PLUGIN_DEFINE("permission-too-narrow", "1.0", "Grants too weak for the plan", rules);
