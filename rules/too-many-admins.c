/* too-many-admins: every Admin can invite, remove and reassign everyone;
 * keep them few.  TikTok caps a Business Center at 20. */
#include <bclint/plugin.h>

#define HARD_CAP 20

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *model)
{
	long long max = h->opt_int(ctx, "max_admins");
	size_t admins = 0;
	for (size_t i = 0; i < model->n_members; i++)
		admins += bclint_member_active(&model->members[i]) &&
		          model->members[i].role == BCLINT_ROLE_ADMIN;
	if ((long long)admins <= max && admins <= HARD_CAP)
		return 0;
	struct bclint_finding *f;
	if (admins > HARD_CAP)
		f = h->report(ctx, BCLINT_LEVEL_ERROR, &model->bc.ent,
		              "%zu active Admins, above TikTok's hard cap of %d: change the extra "
		              "members to Standard in Business Center > Users",
		              admins, HARD_CAP);
	else
		f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &model->bc.ent,
		        "%zu active Admins, more than max_admins (%lld): keep Admins to a "
		        "minimum and change the others to Standard in Business Center > Users",
		        admins, max);
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (bclint_member_active(m) && m->role == BCLINT_ROLE_ADMIN)
			h->note(ctx, f, &m->ent, "Admin: %s", h->member_label(ctx, m));
	}
	return 0;
}

static const char *const tags[] = {"admins", "security", NULL};

static const struct bclint_option options[] = {
        {"max_admins", BCLINT_OPT_INT, "3", "the most active ADMIN members allowed"},
};

static const struct bclint_rule rules[] = {{
        .id = "too-many-admins",
        .name = "TooManyAdmins",
        .summary = "More active Admins than the policy allows",
        .description = "Counts active (BOUND) members whose user_role is ADMIN and reports, at "
                       "/bc, when there are more than max_admins. Above 20, TikTok's hard cap, the "
                       "finding is an error. A note lists each Admin counted. Pending invitations "
                       "are not counted: they hold no role until accepted.",
        .rationale = "Every Admin can invite and remove members, add partners and reassign every "
                     "asset; each one is an account whose loss or compromise exposes the whole "
                     "Business Center.",
        .fix = "In Business Center > Users, change the members who do not administer the "
               "Business Center to Standard, keeping at least two Admins.",
        .example = "bc.json:3:9: warning: 5 active Admins, more than max_admins (3): keep Admins "
                   "to a minimum and change the others to Standard in Business Center > Users "
                   "[too-many-admins]",
        .level = BCLINT_LEVEL_WARNING,
        .tags = tags,
        .options = options,
        .n_options = 1,
        .check = check,
        .precision = "very-high",
        .security_severity = "5.0",
}};

BCLINT_PLUGIN_DEFINE("too-many-admins", "1.0", "Admin count against policy", rules);
