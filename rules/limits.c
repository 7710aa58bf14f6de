/* limits: TikTok's own caps on a Business Center, which it refuses to go
 * past: members per Business Center, members per catalog, catalogs per
 * Business Center and per member.  A snapshot over one is either wrong or
 * a plan that cannot be carried out.  (Admins per Business Center are
 * too-many-admins'.) */
#include <bclint/plugin.h>

/* Members who count against the caps: joined or invited. */
static int counted(const struct bclint_member *m)
{
	return m->status == BCLINT_REL_BOUND || m->status == BCLINT_REL_PENDING;
}

static int check_members(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	long long max = h->opt_int(ctx, "max_members");
	size_t n = 0;
	for (size_t i = 0; i < model->n_members; i++)
		n += counted(&model->members[i]);
	if ((long long)n > max)
		h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &model->bc.ent,
		        "%zu members, joined or invited, more than TikTok allows in a Business "
		        "Center (max_members, %lld): remove members who no longer need access, or "
		        "split the work across Business Centers",
		        n, max);
	return 0;
}

static int check_catalog_members(const struct bclint_host *h, struct bclint_ctx *ctx,
                                 const struct bclint_model *model)
{
	long long max = h->opt_int(ctx, "max_catalog_members");
	for (size_t i = 0; i < model->n_assets; i++) {
		const struct bclint_asset *a = &model->assets[i];
		size_t n = 0;
		if (a->type != BCLINT_ASSET_CATALOG)
			continue;
		for (size_t k = 0; k < a->n_grants; k++)
			n += counted(a->grants[k]->member);
		if ((long long)n > max)
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &a->ent,
			        "%s has %zu members with a grant on it, more than TikTok allows on "
			        "one catalog (max_catalog_members, %lld): remove the grants of those "
			        "who do not work on it",
			        h->asset_label(ctx, a), n, max);
	}
	return 0;
}

static int check_catalogs(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model)
{
	long long max = h->opt_int(ctx, "max_catalogs"),
	          per = h->opt_int(ctx, "max_member_catalogs");
	size_t n = 0;
	for (size_t i = 0; i < model->n_assets; i++)
		n += model->assets[i].type == BCLINT_ASSET_CATALOG && model->assets[i].owned_here;
	if ((long long)n > max)
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &model->bc.ent,
		          "%zu catalogs owned by this Business Center, more than TikTok allows "
		          "(max_catalogs, %lld): delete the catalogs no longer in use",
		          n, max);
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		size_t c = 0;
		for (size_t k = 0; k < m->n_grants; k++)
			c += m->grants[k]->asset->type == BCLINT_ASSET_CATALOG;
		if (counted(m) && (long long)c > per)
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s has a grant on %zu catalogs, more than TikTok allows one person "
			        "(max_member_catalogs, %lld): remove the grants on catalogs they do "
			        "not work on",
			        h->member_label(ctx, m), c, per);
	}
	return 0;
}

static const char *const tags[] = {"limits", "troubleshooting", NULL};

static const struct bclint_option member_options[] = {
        {"max_members", BCLINT_OPT_INT, "4000", "TikTok's cap on members per Business Center"},
};
static const struct bclint_option catalog_member_options[] = {
        {"max_catalog_members", BCLINT_OPT_INT, "100", "TikTok's cap on members per catalog"},
};
static const struct bclint_option catalog_options[] = {
        {"max_catalogs", BCLINT_OPT_INT, "2000", "TikTok's cap on catalogs per Business Center"},
        {"max_member_catalogs", BCLINT_OPT_INT, "100", "TikTok's cap on catalogs per member"},
};

static const struct bclint_rule rules[] = {
        {
                .id = "member-limit",
                .name = "MemberLimit",
                .summary = "More members than TikTok allows in a Business Center",
                .description =
                        "Counts members who have joined (BOUND) or been invited (PENDING) and "
                        "reports, at /bc, more than max_members: TikTok's cap of 4,000 members "
                        "per Business Center (Admins included; more than 20 Admins is "
                        "too-many-admins'). The option exists so that a changed cap needs no "
                        "new bclint.",
                .rationale = "TikTok refuses to add members past its cap: invitations in the plan "
                             "beyond it cannot be sent.",
                .fix = "Remove members who no longer need access (see inactive-member), or move "
                       "part of the work to another Business Center.",
                .example = "bc.json:3:9: error: 4012 members, joined or invited, more than TikTok "
                           "allows in a Business Center (max_members, 4000): remove members who no "
                           "longer need access, or split the work across Business Centers "
                           "[member-limit]",
                .level = BCLINT_LEVEL_ERROR,
                .tags = tags,
                .options = member_options,
                .n_options = 1,
                .check = check_members,
                .precision = "very-high",
        },
        {
                .id = "catalog-member-limit",
                .name = "CatalogMemberLimit",
                .summary = "More members on a catalog than TikTok allows",
                .description =
                        "For each catalog, counts the joined or invited members with an "
                        "effective grant on it (direct or through an asset group) and reports, "
                        "at the catalog, more than max_catalog_members: TikTok's cap of 100 "
                        "Business Center users per catalog.",
                .rationale = "TikTok will not add a 101st user to a catalog: the plan's next grant "
                             "on it fails.",
                .fix = "In Business Center > Users, remove the catalog from members who do not work "
                       "on it, or give a team access through fewer people.",
                .example =
                        "bc.json:20:5: error: catalog 'Products' (7001) has 104 members with a "
                        "grant on it, more than TikTok allows on one catalog (max_catalog_members, "
                        "100): remove the grants of those who do not work on it "
                        "[catalog-member-limit]",
                .level = BCLINT_LEVEL_ERROR,
                .tags = tags,
                .options = catalog_member_options,
                .n_options = 1,
                .check = check_catalog_members,
                .precision = "very-high",
        },
        {
                .id = "catalog-limit",
                .name = "CatalogLimit",
                .summary = "More catalogs than TikTok allows a Business Center or a member",
                .description =
                        "Reports, at /bc, more catalogs owned by this Business Center than "
                        "max_catalogs (TikTok's cap: 2,000), and, at the member, a joined or "
                        "invited member with an effective grant on more catalogs than "
                        "max_member_catalogs (TikTok's cap: 100 per person).",
                .rationale =
                        "Past these caps TikTok refuses to create a catalog or to give a person "
                        "one more.",
                .fix = "Delete catalogs no longer in use; remove catalogs from people who do not "
                       "work on them.",
                .example =
                        "bc.json:12:5: error: ana@acme.com has a grant on 120 catalogs, more than "
                        "TikTok allows one person (max_member_catalogs, 100): remove the grants on "
                        "catalogs they do not work on [catalog-limit]",
                .level = BCLINT_LEVEL_ERROR,
                .tags = tags,
                .options = catalog_options,
                .n_options = 2,
                .check = check_catalogs,
                .precision = "very-high",
        },
};

BCLINT_PLUGIN_DEFINE("limits", "1.0", "TikTok's caps on members and catalogs", rules);
