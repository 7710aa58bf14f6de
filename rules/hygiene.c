/* hygiene: the upkeep of a Business Center's membership over time: grants
 * not yet picked up, invitations left hanging, people gone who still hold
 * grants, people who stopped signing in, and accounts without two-step
 * verification. */
#include <bclint/plugin.h>
#include <stdio.h>

#define DAY 86400

/* Whole days from t to now (negative when t is later than now). */
static long long days_before(bclint_time now, bclint_time t)
{
	return (long long)((now - t) / DAY);
}

/* "less than a day ago", "1 day ago", "12 days ago". */
static const char *ago(char *buf, size_t size, long long days)
{
	if (days < 1)
		snprintf(buf, size, "less than a day ago");
	else
		snprintf(buf, size, "%lld day%s ago", days, days == 1 ? "" : "s");
	return buf;
}

/* stale-session */

/* Does the grant's direct assignment give what the member holds there, no
 * asset group above it?  Only then is its time the time of the change. */
static int direct_gives(const struct bclint_host *h, const struct bclint_grant *g)
{
	struct bclint_cap total = BCLINT_HOST_HAS(h, grant_source) ? g->granted : g->cap;
	return g->direct != NULL && (g->group == NULL || bclint_covers(g->direct->cap, total));
}

static int check_stale(const struct bclint_host *h, struct bclint_ctx *ctx,
                       const struct bclint_model *model)
{
	bclint_time now = h->now(ctx);
	char when[48];
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (!bclint_member_active(m) || m->last_login_at == BCLINT_NO_TIME)
			continue;
		for (size_t k = 0; k < m->n_grants; k++) {
			const struct bclint_assignment *a = m->grants[k]->direct;
			if (!direct_gives(h, m->grants[k]) || a->granted_at == BCLINT_NO_TIME ||
			    a->granted_at <= m->last_login_at || a->granted_at > now)
				continue;
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &a->ent,
			        "%s was granted %s on %s %s and has not signed in since: the "
			        "change takes effect when they refresh Business Center or sign in "
			        "again",
			        h->member_label(ctx, m),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->asset_type, a->cap),
			        h->asset_label(ctx, a->asset),
			        ago(when, sizeof(when), days_before(now, a->granted_at)));
		}
	}
	return 0;
}

/* pending-invitation */

/* What a pending member already holds, e.g. "2 asset grants and 1 need". */
static const char *holdings(char *buf, size_t size, const struct bclint_member *m)
{
	size_t grants = m->n_grants, needs = m->n_needs;
	for (size_t i = 0; i < m->n_assignments; i++)
		grants += m->assignments[i]->asset == NULL; /* foreign: not in grants */
	int n = 0;
	buf[0] = '\0';
	if (grants > 0)
		n = snprintf(buf, size, "%zu asset grant%s", grants, grants == 1 ? "" : "s");
	if (needs > 0 && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, "%s%zu need%s in the access plan",
		         grants > 0 ? " and " : "", needs, needs == 1 ? "" : "s");
	return buf;
}

static int check_pending(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	bclint_time now = h->now(ctx);
	long long max = h->opt_int(ctx, "max_pending_days");
	char held[96], when[48];
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (m->status != BCLINT_REL_PENDING)
			continue;
		holdings(held, sizeof(held), m);
		long long age =
		        m->invited_at == BCLINT_NO_TIME ? -1 : days_before(now, m->invited_at);
		int old = age > max;
		const char *who = h->member_label(ctx, m);
		if (old && held[0] != '\0')
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s was invited %s, more than max_pending_days (%lld), and has not "
			        "accepted, but already has %s that cannot work until they do: ask "
			        "them to accept the invitation, or cancel it in Business Center > "
			        "Users",
			        who, ago(when, sizeof(when), age), max, held);
		else if (old)
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s was invited %s, more than max_pending_days (%lld), and has not "
			        "accepted: ask them to accept the invitation, or cancel it in "
			        "Business Center > Users",
			        who, ago(when, sizeof(when), age), max);
		else if (held[0] != '\0')
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s has not accepted the invitation but already has %s: none of it "
			        "works until they accept; ask them to accept the invitation sent to "
			        "this address",
			        who, held);
	}
	return 0;
}

/* former-member-access */

static const char *status_text(uint32_t s)
{
	return s == BCLINT_REL_REJECTED ? "rejected the invitation (relation_status REJECTED)"
	                                : "has left or been removed (relation_status UNBOUND)";
}

/* The asset groups that list member m. */
static size_t groups_of(const struct bclint_model *model, const struct bclint_member *m)
{
	size_t n = 0;
	for (size_t i = 0; i < model->n_groups; i++)
		for (size_t k = 0; k < model->groups[i].n_members; k++)
			n += model->groups[i].members[k].member == m;
	return n;
}

static void report_former(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model, const struct bclint_member *m,
                          size_t n_groups)
{
	char held[96];
	holdings(held, sizeof(held), m);
	int strong = m->role == BCLINT_ROLE_ADMIN || m->finance != BCLINT_FINANCE_NONE;
	struct bclint_finding *f = h->report(
	        ctx, strong ? BCLINT_LEVEL_ERROR : BCLINT_LEVEL_DEFAULT, &m->ent,
	        "%s %s but still has %s%s%s%s: remove what is left in Business Center (grants, "
	        "asset groups, the plan), or invite them again if they should have access",
	        h->member_label(ctx, m), status_text(m->status), held[0] ? held : "",
	        held[0] && n_groups ? " and " : "", n_groups ? "a place in an asset group" : "",
	        strong ? (m->role == BCLINT_ROLE_ADMIN ? ", and the role ADMIN"
	                                               : ", and a finance role")
	               : "");
	for (size_t k = 0; k < m->n_assignments; k++)
		h->note(ctx, f, &m->assignments[k]->ent, "assigned here");
	for (size_t i = 0; i < model->n_groups; i++)
		for (size_t k = 0; k < model->groups[i].n_members; k++)
			if (model->groups[i].members[k].member == m)
				h->note(ctx, f, &model->groups[i].ent, "listed in asset group '%s'",
				        model->groups[i].name ? model->groups[i].name
				                              : model->groups[i].group_id);
}

static int check_former(const struct bclint_host *h, struct bclint_ctx *ctx,
                        const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (m->status != BCLINT_REL_REJECTED && m->status != BCLINT_REL_UNBOUND)
			continue;
		size_t n_groups = groups_of(model, m);
		if (m->n_grants == 0 && m->n_assignments == 0 && m->n_needs == 0 && n_groups == 0)
			continue;
		report_former(h, ctx, model, m, n_groups);
	}
	return 0;
}

/* inactive-member */

static int check_inactive(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model)
{
	bclint_time now = h->now(ctx);
	long long max = h->opt_int(ctx, "max_idle_days");
	char when[48];
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (!bclint_member_active(m) || m->last_login_at == BCLINT_NO_TIME)
			continue;
		long long idle = days_before(now, m->last_login_at);
		if (idle <= max)
			continue;
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
		          "%s last signed in %s, more than max_idle_days (%lld): review their "
		          "access and remove them in Business Center > Users if they no longer "
		          "need it",
		          h->member_label(ctx, m), ago(when, sizeof(when), idle), max);
	}
	return 0;
}

/* two-step-disabled */

static int check_two_step(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model)
{
	static const char *const fin[] = {"", "finance_role ANALYST", "finance_role MANAGER"};
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (!bclint_member_active(m) || m->two_step != 0)
			continue;
		const char *who = h->member_label(ctx, m);
		const char *why = m->role == BCLINT_ROLE_ADMIN           ? "user_role ADMIN"
		                  : m->finance <= BCLINT_FINANCE_MANAGER ? fin[m->finance]
		                                                         : "";
		if (why[0] == '\0')
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s has two-step verification turned off: ask them to turn it on "
			        "for their account, or require it for every member in the Business "
			        "Center's security settings",
			        who);
		else
			h->report(
			        ctx, BCLINT_LEVEL_ERROR, &m->ent,
			        "%s holds %s but has two-step verification turned off: ask them to "
			        "turn it on for their account, or require it for every member in the "
			        "Business Center's security settings",
			        who, why);
	}
	return 0;
}

static const char *const stale_tags[] = {"troubleshooting", "session", NULL};
static const char *const pending_tags[] = {"hygiene", "invitation", "troubleshooting", NULL};
static const char *const inactive_tags[] = {"hygiene", "security", NULL};
static const char *const two_step_tags[] = {"security", "authentication", NULL};

static const struct bclint_option pending_options[] = {
        {"max_pending_days", BCLINT_OPT_INT, "14",
         "the most whole days an invitation may stay unaccepted"},
};

static const struct bclint_option inactive_options[] = {
        {"max_idle_days", BCLINT_OPT_INT, "90",
         "the most whole days an active member may go without signing in"},
};

static const char *const former_tags[] = {"membership", "offboarding", "security", NULL};

static const struct bclint_rule rules[] = {
        {
                .id = "stale-session",
                .name = "StaleSession",
                .summary = "A direct grant is newer than the member's last sign-in",
                .description =
                        "Reports a direct assignment whose x_granted_at is later than the "
                        "member's x_last_login_at: the member has not signed in since the change, "
                        "so an open session may not show it yet. Only active (BOUND) members are "
                        "considered; pending invitations are pending-invitation's. Not reported "
                        "when either timestamp is absent (a member with no x_last_login_at is "
                        "unknown, not \"never signed in\"), when the asset is not in this "
                        "Business Center (foreign-asset reports it), or when the grant is later "
                        "than now (--now, else captured_at, else the clock). Grants through asset "
                        "groups carry no timestamp and are not checked; nor is a direct assignment "
                        "that an asset group outranks on the same asset, since what the member holds "
                        "there comes from the group and did not change with it (bclint's reading: "
                        "the strongest grant is the one in force). The message says how many whole "
                        "days ago the grant was made.",
                .rationale = "A new or raised permission is picked up at sign-in or on refresh: a "
                             "person who says \"I was given access but still cannot see it\" "
                             "usually has a session older than the grant.",
                .fix = "Ask the member to refresh Business Center, or to sign out and in again; "
                       "nothing needs to change in Business Center itself.",
                .example =
                        "bc.json:41:5: note: ana@acme.com was granted advertiser_role OPERATOR "
                        "on ad account 'Brand US' (7001) 2 days ago and has not signed in since: "
                        "the change takes effect when they refresh Business Center or sign in "
                        "again [stale-session]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = stale_tags,
                .check = check_stale,
                .precision = "medium", /* grant dates come from the change log's free text */
        },
        {
                .id = "pending-invitation",
                .name = "PendingInvitation",
                .summary = "An invitation is unaccepted yet carries grants or needs, or is old",
                .description =
                        "Reports a member whose relation_status is PENDING when (a) they already "
                        "hold grants (direct, through an asset group, or a direct assignment of an "
                        "asset in another Business Center) or have needs in the access plan, or "
                        "(b) their x_invited_at is more than max_pending_days whole days before "
                        "now (--now, else captured_at, else the clock). One finding per member, "
                        "naming both reasons when both hold. A pending member with no "
                        "x_invited_at is judged on (a) alone. REJECTED and UNBOUND members are not "
                        "invitations in progress and are not reported.",
                .rationale = "Nothing granted to an invited person works until they accept: "
                             "the grants look right in Business Center while the person sees "
                             "nothing; and an invitation left open for weeks is an account that "
                             "can still join long after anyone remembers why.",
                .fix = "Ask the person to accept the invitation sent to their email address; if it "
                       "is no longer wanted or has expired, cancel it in Business Center > Users "
                       "and invite them again when needed.",
                .example = "bc.json:14:5: warning: new@acme.com was invited 20 days ago, more than "
                           "max_pending_days (14), and has not accepted: ask them to accept the "
                           "invitation, or cancel it in Business Center > Users "
                           "[pending-invitation]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = pending_tags,
                .options = pending_options,
                .n_options = 1,
                .check = check_pending,
                .precision = "very-high",
        },
        {
                .id = "inactive-member",
                .name = "InactiveMember",
                .summary = "An active member has not signed in for longer than the policy allows",
                .description =
                        "Reports an active (BOUND) member whose x_last_login_at is more than "
                        "max_idle_days whole days before now (--now, else captured_at, else the "
                        "clock). Members with no x_last_login_at are not reported: the snapshot "
                        "does not say they never signed in, only that it does not know. Pending, "
                        "rejected and removed members are not reported (see pending-invitation). "
                        "Admins and Standard members are treated alike.",
                .rationale = "An account nobody uses keeps every permission it was given; if it is "
                             "lost or taken over, nobody notices. Regular review and removal is "
                             "the cheapest least-privilege measure there is.",
                .fix = "Review the member's access with their manager; in Business Center > Users "
                       "remove them, or remove the assets they no longer work on.",
                .example = "bc.json:20:5: warning: old@acme.com last signed in 120 days ago, more "
                           "than max_idle_days (90): review their access and remove them in "
                           "Business Center > Users if they no longer need it [inactive-member]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = inactive_tags,
                .options = inactive_options,
                .n_options = 1,
                .check = check_inactive,
                .precision = "high",
                .security_severity = "4.0",
        },
        {
                .id = "two-step-disabled",
                .name = "TwoStepDisabled",
                .summary = "A member has two-step verification turned off",
                .description =
                        "Reports an active (BOUND) member whose x_two_step_enabled is false: a "
                        "warning, or an error when the member holds user_role ADMIN or any finance "
                        "role. Members without x_two_step_enabled are not reported (unknown), nor "
                        "are pending, rejected or removed members.",
                .rationale = "A password alone is the commonest way into a Business Center; an "
                             "Admin or a finance role behind it exposes every member, asset and "
                             "payment method.",
                .fix = "Ask the member to turn on two-step verification for their TikTok For "
                       "Business account; an Admin can require it for every member in the "
                       "Business Center's security settings.",
                .example =
                        "bc.json:9:5: error: boss@acme.com holds user_role ADMIN but has two-step "
                        "verification turned off: ask them to turn it on for their account, or "
                        "require it for every member in the Business Center's security settings "
                        "[two-step-disabled]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = two_step_tags,
                .check = check_two_step,
                .precision = "very-high",
                .security_severity = "7.0",
        },
        {
                .id = "former-member-access",
                .name = "FormerMemberAccess",
                .summary = "Someone who left or rejected the invitation still has grants",
                .description =
                        "Reports a member whose relation_status is REJECTED (the invitation was "
                        "turned down) or UNBOUND (they left or were removed) who still holds "
                        "anything: a grant (direct, through an asset group, or a direct assignment of "
                        "an asset in another Business Center), a place in an asset group, or needs in "
                        "the access plan. An error when they also still hold the Business Center role "
                        "ADMIN or a finance role, a warning otherwise. Notes point at each assignment "
                        "and each asset group that lists them. (PENDING members are "
                        "pending-invitation's.) TikTok takes a removed member's roles, permissions "
                        "and assets away; what a snapshot still shows for them is left over, or will "
                        "come back if they are invited again.",
                .rationale =
                        "Offboarding is only done when nothing points at the person any more: "
                        "leftover grants and group places come back with a new invitation, and "
                        "they make the record of who has access wrong.",
                .fix = "In Business Center > Users and > Asset groups, remove the person's "
                       "remaining assignments and group places, and take them out of the access "
                       "plan; invite them again only if they should have access.",
                .example =
                        "bc.json:12:5: warning: ex@acme.com has left or been removed "
                        "(relation_status UNBOUND) but still has 2 asset grants: remove what is "
                        "left in Business Center (grants, asset groups, the plan), or invite them "
                        "again if they should have access [former-member-access]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = former_tags,
                .check = check_former,
                .precision = "very-high",
                .security_severity = "7.5",
        },
};

BCLINT_PLUGIN_DEFINE("hygiene", "1.0",
                     "Membership upkeep: sessions, invitations, former "
                     "members, idle accounts, two-step verification",
                     rules);
