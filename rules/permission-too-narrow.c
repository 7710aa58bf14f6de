/* permission-too-narrow: the member has a grant on the asset (or a BC
 * role) but it does not cover the action the plan says they need. */
#include <bclint/plugin.h>

/* "'Agency' (8001)", or "8001" when the partner has no name. */
static const char *partner_name(const struct bclint_partner *p)
{
	return p->name != NULL && p->name[0] != '\0' ? p->name : p->bc_id;
}

static const char *group_name(const struct bclint_asset_group *grp)
{
	return grp->name ? grp->name : grp->group_id;
}

/* What asset group grp gives member m on assets of type t. */
static struct bclint_cap group_gives(const struct bclint_asset_group *grp,
                                     const struct bclint_member *m, uint32_t t)
{
	struct bclint_cap none = {0, 0};
	for (size_t k = 0; k < grp->n_members; k++)
		if (grp->members[k].member == m)
			return grp->members[k].caps[t];
	return none;
}

/* Notes at what gives the member's grant, the source that counts first:
 * the asset group when it gives more than the direct assignment, else the
 * assignment; then the other, and the partner's share that caps it. */
static void note_grant(const struct bclint_host *h, struct bclint_ctx *ctx,
                       struct bclint_finding *f, const struct bclint_grant *g, uint32_t type)
{
	int shares = BCLINT_HOST_HAS(h, grant_source);
	struct bclint_cap total = shares ? g->granted : g->cap;
	const struct bclint_asset_group *grp = g->group;
	const char *gc =
	        grp ? h->cap_label(ctx, BCLINT_SCOPE_ASSET, type, group_gives(grp, g->member, type))
	            : "";
	if (grp != NULL && (g->direct == NULL || !bclint_covers(g->direct->cap, total))) {
		h->note(ctx, f, &grp->ent, "granted through asset group '%s': %s", group_name(grp),
		        gc);
		if (g->direct != NULL)
			h->note(ctx, f, &g->direct->ent, "also assigned directly, with less: %s",
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, type, g->direct->cap));
	} else {
		h->note(ctx, f, &g->direct->ent, "granted here: %s",
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, type, g->direct->cap));
		if (grp != NULL)
			h->note(ctx, f, &grp->ent, "also granted through asset group '%s': %s",
			        group_name(grp), gc);
	}
	if (shares && g->capped_by != NULL)
		h->note(ctx, f, &g->capped_by->ent,
		        "partner '%s' shares it with this Business "
		        "Center at %s only",
		        partner_name(g->capped_by->partner),
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, type, g->capped_by->cap));
}

/* Is the grant held back by a partner's share below what is needed?
 * Then no grant here can help: the partner must share more. */
static const struct bclint_share *share_limit(const struct bclint_host *h,
                                              const struct bclint_grant *g, struct bclint_cap req)
{
	if (g == NULL || !BCLINT_HOST_HAS(h, grant_source) || g->capped_by == NULL ||
	    bclint_covers(g->capped_by->cap, req))
		return NULL;
	return g->capped_by;
}

/* The need's own grant does not cover its action. */
static void report_first(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_need *n, struct bclint_cap have)
{
	uint32_t scope = n->action->scope;
	const char *what = scope == BCLINT_SCOPE_ASSET ? h->asset_label(ctx, n->asset)
	                                               : "this Business Center";
	const char *who = h->member_label(ctx, n->member);
	const char *least = h->cap_label(ctx, scope, n->asset_type, n->action->req);
	const struct bclint_share *limit = share_limit(h, n->grant, n->action->req);
	struct bclint_finding *f;
	if (limit != NULL)
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
		              "%s needs %s on %s but holds %s, all that partner '%s' shares with "
		              "this Business Center: no grant here can give more; ask the partner "
		              "to share it at least as %s",
		              who, n->action->name, what,
		              h->cap_label(ctx, scope, n->asset_type, have),
		              partner_name(limit->partner), least);
	else
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
		              "%s needs %s on %s but holds %s: grant at least %s", who,
		              n->action->name, what, h->cap_label(ctx, scope, n->asset_type, have),
		              least);
	if (scope == BCLINT_SCOPE_ASSET)
		note_grant(h, ctx, f, n->grant, n->asset_type);
	else
		h->note(ctx, f, &n->member->ent, "%s's roles are set here", who);
}

/* The need's own grant covers it, but its second grant (OPERATOR on the
 * ad account Spark Ads are made on) does not.  An ad account named but
 * absent or unassigned is foreign-asset's and asset-not-assigned's. */
static void check_second(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_need *n)
{
	const char *id;
	const struct bclint_asset *a;
	const struct bclint_grant *g = h->also_grant(ctx, n, &id, &a);
	struct bclint_cap none = {0, 0}, have = g ? g->cap : none;
	if (bclint_covers(have, n->action->also_req) || (id != NULL && g == NULL))
		return;
	const char *who = h->member_label(ctx, n->member), *on = h->asset_label(ctx, n->asset);
	const char *least =
	        h->cap_label(ctx, BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER, n->action->also_req);
	const char *holds = h->cap_label(ctx, BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER, have);
	struct bclint_finding *f;
	if (id != NULL)
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
		              "%s needs %s on %s, with ads made on %s, but holds %s on the ad "
		              "account: grant at least %s there",
		              who, n->action->name, on, h->asset_label(ctx, a), holds, least);
	else if (g != NULL)
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
		              "%s needs %s on %s but holds at most %s on an ad account (%s): the "
		              "ads are made on an ad account, which takes at least %s; grant it on "
		              "the ad account the ads run on (and name it in the plan with "
		              "x_advertiser_id)",
		              who, n->action->name, on, holds, h->asset_label(ctx, a), least);
	else
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &n->ent,
		              "%s needs %s on %s but holds no grant on any ad account: the ads are "
		              "made on an ad account, which takes at least %s; assign them the ad "
		              "account the ads run on (and name it in the plan with "
		              "x_advertiser_id)",
		              who, n->action->name, on, least);
	if (g != NULL)
		note_grant(h, ctx, f, g, BCLINT_ASSET_ADVERTISER);
	note_grant(h, ctx, f, n->grant, n->asset_type);
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
		if (!bclint_covers(have, n->action->req))
			report_first(h, ctx, n, have);
		else if (n->action->also_types != 0 && BCLINT_HOST_HAS(h, also_grant))
			check_second(h, ctx, n);
	}
	return 0;
}

static const char *const tags[] = {"access", "troubleshooting", NULL};

static const struct bclint_rule rules[] = {{
        .id = "permission-too-narrow",
        .name = "PermissionTooNarrow",
        .summary = "A needed action is not covered by the member's grant",
        .description =
                "For each need of the access plan: the member holds an effective grant on "
                "the needed asset (direct or through an asset group, the strongest counts) "
                "but it does not cover the action, for example advertiser_role ANALYST for "
                "CREATE_EDIT_ADS, or tt_account_roles without POST for SPARK_ADS_PULL_POST; "
                "or a Business Center-level action is not covered by the member's user_role "
                "or finance_role. The message names the current grant and the least grant "
                "that covers the action; notes point at what gives the grant, the source "
                "that counts first (the asset group when it gives more than the direct "
                "assignment, else the assignment), then the other, then the partner's "
                "share that caps it. bclint's reading of "
                "TikTok's rules: an asset a partner shares with this Business Center "
                "(share_type SHARED) cannot be passed on at more than the partner gave, so a "
                "member's effective grant is capped by the share, and when the cap is what "
                "falls short the fix is the partner's; and ads with a TikTok account's posts "
                "or LIVE (SPARK_ADS_PULL_POST, USE_LIVE_IN_ADS) are made on an ad account, so "
                "the need is covered only when the member also holds advertiser_role "
                "OPERATOR or ADMIN on the ad account the need names (x_advertiser_id), or, "
                "when it names none, on some ad account of this Business Center. A named ad "
                "account that is not here is foreign-asset's, one they hold no grant on "
                "asset-not-assigned's.",
        .rationale =
                "This is the commonest \"permissions not working\" case: the person is "
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
        .precision = "high",
}};

BCLINT_PLUGIN_DEFINE("permission-too-narrow", "1.0", "Grants too weak for the plan", rules);
