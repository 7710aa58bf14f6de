/* eu-admin-outside-team: an organisation-specific rule, built outside the
 * bclint tree against the installed SDK.  Only members of the EU team may
 * hold ADMIN on the EU ad accounts.
 *
 * Two options, both lists of PCRE2 patterns:
 *   eu_account_patterns  which ad accounts are EU ones, matched against the
 *                        account's name and its ID (default: names starting
 *                        with "EU", e.g. "EU - Shop DE")
 *   eu_team_patterns     the EU team, matched against member emails; when
 *                        none is configured the team is empty
 * Set them with --set=eu-admin-outside-team.KEY=PATTERN (repeatable), in
 * .bclint.json, or in the snapshot's "policy" object. */
#include <bclint/plugin.h>

/* advertiser_role on the ad-account ladder (model.h: 1 = the weakest role):
 * ANALYST 1, OPERATOR 2, ADMIN 3. */
#define ADVERTISER_ADMIN 3

static int is_eu_account(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_asset *a)
{
	if (a->type != BCLINT_ASSET_ADVERTISER)
		return 0;
	if (a->name != NULL && h->opt_match(ctx, "eu_account_patterns", a->name) == 1)
		return 1;
	return h->opt_match(ctx, "eu_account_patterns", a->asset_id) == 1;
}

/* What gives the member ADMIN: the direct assignment when it is ADMIN
 * itself, else the asset group (the strongest one is the one that counts). */
static const struct bclint_entity *admin_source(const struct bclint_grant *g)
{
	if (g->direct != NULL && g->direct->cap.level >= ADVERTISER_ADMIN)
		return &g->direct->ent;
	return g->group != NULL ? &g->group->ent : &g->member->ent;
}

static const char *group_name(const struct bclint_asset_group *grp)
{
	return grp->name ? grp->name : grp->group_id;
}

/* A note at the other grant of the two, saying what it gives. */
static void note_other(const struct bclint_host *h, struct bclint_ctx *ctx,
                       struct bclint_finding *f, const struct bclint_grant *g)
{
	if (g->direct == NULL || g->group == NULL)
		return;
	if (g->direct->cap.level >= ADVERTISER_ADMIN)
		h->note(ctx, f, &g->group->ent, "asset group '%s' grants it too",
		        group_name(g->group));
	else
		h->note(ctx, f, &g->direct->ent,
		        "assigned directly with %s only; the ADMIN comes "
		        "from asset group '%s'",
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER,
		                     g->direct->cap),
		        group_name(g->group));
}

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_assets; i++) {
		const struct bclint_asset *a = &model->assets[i];
		if (!is_eu_account(h, ctx, a))
			continue;
		for (size_t k = 0; k < a->n_grants; k++) {
			const struct bclint_grant *g = a->grants[k];
			const struct bclint_member *m = g->member;
			if (g->cap.level < ADVERTISER_ADMIN || !bclint_member_active(m) ||
			    h->opt_match(ctx, "eu_team_patterns", m->email) == 1)
				continue;
			struct bclint_finding *f = h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, admin_source(g),
			        "%s holds ADMIN on the EU %s but is not in the EU team "
			        "(eu_team_patterns): lower them to OPERATOR in Business Center > Assets, "
			        "or add them to the EU team",
			        h->member_label(ctx, m), h->asset_label(ctx, a));
			note_other(h, ctx, f, g);
			h->note(ctx, f, &m->ent, "the member: %s", h->member_label(ctx, m));
		}
	}
	return 0;
}

static const char *const tags[] = {"admins", "organisation", NULL};

static const struct bclint_option options[] = {
        {"eu_account_patterns", BCLINT_OPT_PATTERNS, "^EU\\b",
         "patterns for the names or IDs of the EU ad accounts"},
        {"eu_team_patterns", BCLINT_OPT_PATTERNS, NULL, "patterns for the emails of the EU team"},
};

static const struct bclint_rule rules[] = {{
        .id = "eu-admin-outside-team",
        .name = "EuAdminOutsideTeam",
        .summary = "ADMIN on an EU ad account held outside the EU team",
        .description = "For every ad account whose name or ID matches eu_account_patterns, "
                       "reports each active member whose effective advertiser_role on it is "
                       "ADMIN (directly or through an asset group) and whose email matches none "
                       "of eu_team_patterns, at what gives them ADMIN: the direct assignment "
                       "when it is ADMIN itself, else the asset group (a note at the other "
                       "says what it gives).",
        .rationale = "Our EU ad accounts carry EU customers' data and billing; only the EU "
                     "team may change their settings, payment and members.",
        .fix = "In Business Center > Assets, open the ad account and lower the member to "
               "OPERATOR (or remove them from the asset group), or add them to the EU team.",
        .example = "bc.json:12:5: error: bo@example.com holds ADMIN on the EU ad account "
                   "'EU - Shop DE' (7001) but is not in the EU team (eu_team_patterns): lower "
                   "them to OPERATOR in Business Center > Assets, or add them to the EU team "
                   "[eu-admin-outside-team]",
        .level = BCLINT_LEVEL_ERROR,
        .tags = tags,
        .options = options,
        .n_options = sizeof(options) / sizeof(options[0]),
        .check = check,
}};

BCLINT_PLUGIN_DEFINE("acme-eu-policy", "1.0", "Acme's EU ad-account policy", rules);
