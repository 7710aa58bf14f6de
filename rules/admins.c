/* admins: enough Business Center Admins that one lost login does not lock
 * the Business Center, and few ADMINs on each ad account. */
#include <bclint/plugin.h>

#define ADVERTISER_ADMIN 3 /* advertiser_role ADMIN: the top of the ladder */

/* -- too-few-admins ------------------------------------------------------------ */

static int check_too_few(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	long long min = h->opt_int(ctx, "min_admins"), max = h->opt_int(ctx, "max_admins");
	if (min > max) {
		h->report(ctx, BCLINT_LEVEL_ERROR, &model->bc.ent,
		          "min_admins (%lld) is more than max_admins (%lld): no number of Admins "
		          "meets both; set them so that min_admins is at most max_admins (in the "
		          "snapshot's policy, or for both too-few-admins and too-many-admins)",
		          min, max);
		return 0;
	}
	size_t admins = 0;
	for (size_t i = 0; i < model->n_members; i++)
		admins += bclint_member_active(&model->members[i]) &&
		          model->members[i].role == BCLINT_ROLE_ADMIN;
	if ((long long)admins >= min)
		return 0;
	struct bclint_finding *f = h->report(
	        ctx, BCLINT_LEVEL_DEFAULT, &model->bc.ent,
	        "%zu active Admin%s, fewer than min_admins (%lld): %s; make another trusted "
	        "member of your company Admin in Business Center > Users",
	        admins, admins == 1 ? "" : "s", min,
	        admins == 0 ? "no one can manage members, partners or asset assignments"
	                    : "a lost login or a departure can lock the Business Center");
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (m->role != BCLINT_ROLE_ADMIN)
			continue;
		if (bclint_member_active(m))
			h->note(ctx, f, &m->ent, "Admin: %s", h->member_label(ctx, m));
		else if (m->status == BCLINT_REL_PENDING)
			h->note(ctx, f, &m->ent,
			        "invited as Admin, not counted until the invitation "
			        "is accepted: %s",
			        h->member_label(ctx, m));
	}
	return 0;
}

/* -- too-many-asset-admins ------------------------------------------------------- */

/* Does the group give the member advertiser_role ADMIN on the asset? */
static int group_makes_admin(const struct bclint_asset_group *g, const struct bclint_member *m,
                             const struct bclint_asset *a)
{
	int has_asset = 0;
	for (size_t j = 0; j < g->n_assets && !has_asset; j++)
		has_asset = g->assets[j] == a;
	for (size_t k = 0; k < g->n_members && has_asset; k++)
		if (g->members[k].member == m &&
		    g->members[k].caps[BCLINT_ASSET_ADVERTISER].level >= ADVERTISER_ADMIN)
			return 1;
	return 0;
}

/* Note where the member's ADMIN comes from: the direct assignment if that is
 * ADMIN, else the first asset group that makes them ADMIN. */
static void note_admin(const struct bclint_host *h, struct bclint_ctx *ctx,
                       struct bclint_finding *f, const struct bclint_model *model,
                       const struct bclint_grant *g)
{
	const char *who = h->member_label(ctx, g->member);
	if (g->direct != NULL && g->direct->cap.level >= ADVERTISER_ADMIN) {
		h->note(ctx, f, &g->direct->ent, "ADMIN: %s, assigned directly", who);
		return;
	}
	for (size_t i = 0; i < model->n_groups; i++) {
		const struct bclint_asset_group *grp = &model->groups[i];
		if (group_makes_admin(grp, g->member, g->asset)) {
			h->note(ctx, f, &grp->ent, "ADMIN: %s, through asset group '%s'", who,
			        grp->name ? grp->name : grp->group_id);
			return;
		}
	}
	h->note(ctx, f, &g->member->ent, "ADMIN: %s", who);
}

static int is_admin_grant(const struct bclint_grant *g)
{
	return bclint_member_active(g->member) && g->cap.level >= ADVERTISER_ADMIN;
}

static int check_too_many_asset(const struct bclint_host *h, struct bclint_ctx *ctx,
                                const struct bclint_model *model)
{
	long long max = h->opt_int(ctx, "max_asset_admins");
	struct bclint_cap admin = {ADVERTISER_ADMIN, 0}, lower = {ADVERTISER_ADMIN - 1, 0};
	for (size_t i = 0; i < model->n_assets; i++) {
		const struct bclint_asset *a = &model->assets[i];
		if (a->type != BCLINT_ASSET_ADVERTISER)
			continue;
		size_t admins = 0;
		for (size_t k = 0; k < a->n_grants; k++)
			admins += is_admin_grant(a->grants[k]);
		if ((long long)admins <= max)
			continue;
		struct bclint_finding *f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &a->ent,
		        "%zu active members hold %s on %s, more than max_asset_admins (%lld): "
		        "lower the others to %s or less",
		        admins, h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, admin),
		        h->asset_label(ctx, a), max,
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, lower));
		for (size_t k = 0; k < a->n_grants; k++)
			if (is_admin_grant(a->grants[k]))
				note_admin(h, ctx, f, model, a->grants[k]);
	}
	return 0;
}

/* -- the rules ------------------------------------------------------------------ */

static const char *const tags_few[] = {"admins", "resilience", NULL};
static const char *const tags_many[] = {"admins", "security", "least-privilege", NULL};

static const struct bclint_option few_options[] = {
        {"min_admins", BCLINT_OPT_INT, "2", "the fewest active ADMIN members allowed"},
        {"max_admins", BCLINT_OPT_INT, "3",
         "the most (too-many-admins' option, read to see whether the two agree)"},
};

static const struct bclint_option many_options[] = {
        {"max_asset_admins", BCLINT_OPT_INT, "3",
         "the most active members allowed to hold advertiser_role ADMIN on one ad account"},
};

static const struct bclint_rule rules[] = {
        {
                .id = "too-few-admins",
                .name = "TooFewAdmins",
                .summary = "Fewer active Admins than the policy requires",
                .description =
                        "Counts active (BOUND) members whose user_role is ADMIN and reports, at /bc, "
                        "when there are fewer than min_admins (0 disables the rule). A note points at "
                        "each Admin counted. Admins whose invitation is still PENDING are not counted "
                        "(they hold no role until they accept) but get a note of their own; REJECTED "
                        "and UNBOUND members are neither counted nor noted. When min_admins is more "
                        "than max_admins (as this rule reads them: the snapshot's policy, else each "
                        "rule's own setting; max_admins is too-many-admins' option, read here to see "
                        "whether the two agree) no count can please both: that is reported instead, "
                        "as an error at /bc, so that the policy is fixed rather than the Admins "
                        "counted against it.",
                .rationale =
                        "With a single Admin, one lost phone, forgotten password or departure "
                        "locks everyone out of member and asset management, and TikTok support "
                        "recovery is slow.",
                .fix = "In Business Center > Users, make a second trusted employee Admin (or invite "
                       "one as Admin and have them accept).",
                .example =
                        "bc.json:3:9: warning: 1 active Admin, fewer than min_admins (2): a lost "
                        "login or a departure can lock the Business Center; make another "
                        "trusted member of your company Admin in Business Center > Users "
                        "[too-few-admins]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = tags_few,
                .options = few_options,
                .n_options = 2,
                .check = check_too_few,
                .precision = "very-high",
        },
        {
                .id = "too-many-asset-admins",
                .name = "TooManyAssetAdmins",
                .summary = "Too many members hold ADMIN on one ad account",
                .description =
                        "For each ad account (ADVERTISER asset, whatever its ownership and "
                        "relation_status), counts the active (BOUND) members whose effective grant "
                        "on it is advertiser_role ADMIN, through a direct assignment or an asset "
                        "group (a member holding ADMIN both ways counts once), and reports at the "
                        "asset when there are more than max_asset_admins. Pending, rejected and "
                        "unbound members are not counted; nor are partner Business Centers the "
                        "account is shared with (see partner-over-privileged). A note per Admin "
                        "points at the assignment, or else the asset group, that makes them ADMIN.",
                .rationale = "An ad account ADMIN can change its payment settings and its members; "
                             "every extra one is another account whose compromise can spend the "
                             "budget.",
                .fix = "Open the ad account's members (Business Center > Assets > Ad accounts > "
                       "Members) and lower the people who only run campaigns to Operator and "
                       "those who only read reports to Analyst.",
                .example =
                        "bc.json:14:5: warning: 4 active members hold advertiser_role ADMIN on "
                        "ad account 'Brand US' (7001), more than max_asset_admins (3): lower the "
                        "others to advertiser_role OPERATOR or less [too-many-asset-admins]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = tags_many,
                .options = many_options,
                .n_options = 1,
                .check = check_too_many_asset,
                .precision = "very-high",
                .security_severity = "5.0",
        },
};

BCLINT_PLUGIN_DEFINE("admins", "1.0", "Admin counts: Business Center and ad accounts", rules);
