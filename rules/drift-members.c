/* drift-members: who belongs to the Business Center and with which roles,
 * compared with the previous snapshot: members who joined or left, the
 * Business Center role and the finance role raised or lowered, two-step
 * verification turned off or on, and the email-domain allowlist widened
 * or narrowed.  Without a previous snapshot (bclint --previous, bclint
 * diff) these rules report nothing. */
#include <bclint/plugin.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The previous snapshot, when the host has one and the services to
 * compare with it; NULL otherwise. */
static const struct bclint_model *previous(const struct bclint_host *h, struct bclint_ctx *ctx)
{
	return BCLINT_HOST_HAS(h, note_at) ? h->previous(ctx) : NULL;
}

/* The member's counterpart (same user_id) in the other snapshot, or NULL;
 * m is a member of model in. */
static const struct bclint_member *other(const struct bclint_host *h, struct bclint_ctx *ctx,
                                         const struct bclint_model *in,
                                         const struct bclint_member *m)
{
	return (const struct bclint_member *)h->counterpart(ctx, in, &m->ent);
}

/* Is the member in the Business Center: joined, or invited? */
static int in_bc(const struct bclint_member *m)
{
	return m != NULL && (m->status == BCLINT_REL_BOUND || m->status == BCLINT_REL_PENDING);
}

static const char *const status_names[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND"};

/* "user_role ADMIN, finance_role MANAGER, invitation pending" */
static const char *standing(const struct bclint_host *h, struct bclint_ctx *ctx,
                            const struct bclint_member *m, char *buf, size_t size)
{
	struct bclint_cap role = {(uint8_t)m->role, 0}, fin = {(uint8_t)m->finance, 0};
	snprintf(buf, size, "%s%s%s%s", h->cap_label(ctx, BCLINT_SCOPE_BC_ROLE, 0, role),
	         m->finance ? ", " : "",
	         m->finance ? h->cap_label(ctx, BCLINT_SCOPE_FINANCE, 0, fin) : "",
	         m->status == BCLINT_REL_PENDING ? ", invitation pending" : "");
	return buf;
}

/* "relation_status UNBOUND", or "not a member" when there is no entry. */
static const char *presence(const struct bclint_member *m, char *buf, size_t size)
{
	if (m == NULL)
		return "not a member";
	snprintf(buf, size, "relation_status %s", status_names[m->status & 3]);
	return buf;
}

/* member-added */

/* One note per grant the new member holds: what they can reach. */
static void note_grants(const struct bclint_host *h, struct bclint_ctx *ctx,
                        struct bclint_finding *f, const struct bclint_member *m)
{
	for (size_t i = 0; i < m->n_grants; i++) {
		const struct bclint_grant *g = m->grants[i];
		const char *what = h->cap_label(ctx, BCLINT_SCOPE_ASSET, g->asset->type, g->cap);
		if (g->direct != NULL)
			h->note(ctx, f, &g->direct->ent, "holds %s on %s", what,
			        h->asset_label(ctx, g->asset));
		else
			h->note(ctx, f, &g->group->ent, "holds %s on %s through this asset group",
			        what, h->asset_label(ctx, g->asset));
	}
}

static int check_added(const struct bclint_host *h, struct bclint_ctx *ctx,
                       const struct bclint_model *model)
{
	const struct bclint_model *before = previous(h, ctx);
	for (size_t i = 0; before != NULL && i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		const struct bclint_member *o = other(h, ctx, model, m);
		if (!in_bc(m) || in_bc(o))
			continue;
		char was[64], now[128];
		int level = m->role == BCLINT_ROLE_ADMIN        ? BCLINT_LEVEL_ERROR
		            : m->finance != BCLINT_FINANCE_NONE ? BCLINT_LEVEL_WARNING
		                                                : BCLINT_LEVEL_DEFAULT;
		struct bclint_finding *f = h->report(
		        ctx, level, &m->ent,
		        "%s joined the Business Center: was %s, now %s; if they "
		        "should not have this access, remove them in Business Center > Users",
		        h->member_label(ctx, m), presence(o, was, sizeof(was)),
		        standing(h, ctx, m, now, sizeof(now)));
		if (o != NULL)
			h->note_at(ctx, f, before, &o->ent, "%s here, in the previous snapshot",
			           presence(o, was, sizeof(was)));
		else
			h->note_at(ctx, f, before, &before->bc.ent,
			           "not among the members of the previous snapshot");
		note_grants(h, ctx, f, m);
	}
	return 0;
}

/* member-removed */

static int check_removed(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	const struct bclint_model *before = previous(h, ctx);
	for (size_t i = 0; before != NULL && i < before->n_members; i++) {
		const struct bclint_member *o = &before->members[i];
		const struct bclint_member *m = other(h, ctx, before, o);
		if (!in_bc(o) || in_bc(m))
			continue;
		char was[128], now[64];
		struct bclint_finding *f = h->report_at(
		        ctx, before, BCLINT_LEVEL_DEFAULT, &o->ent,
		        "%s left the Business Center: was "
		        "%s, now %s; if they still need access, invite them again in Business Center "
		        "> Users",
		        h->member_label(ctx, o), standing(h, ctx, o, was, sizeof(was)),
		        presence(m, now, sizeof(now)));
		if (m != NULL)
			h->note(ctx, f, &m->ent, "%s here, now", presence(m, now, sizeof(now)));
		else
			h->note(ctx, f, &model->bc.ent,
			        "no longer among the members of this Business "
			        "Center");
	}
	return 0;
}

/* role-raised, role-lowered */

/* Members in the Business Center in both snapshots whose user_role went
 * up (raised) or down. */
static int check_role(const struct bclint_host *h, struct bclint_ctx *ctx,
                      const struct bclint_model *model, int raised)
{
	const struct bclint_model *before = previous(h, ctx);
	for (size_t i = 0; before != NULL && i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		const struct bclint_member *o = other(h, ctx, model, m);
		if (!in_bc(m) || !in_bc(o) || m->role == o->role ||
		    (m->role == BCLINT_ROLE_ADMIN) != raised)
			continue;
		struct bclint_finding *f;
		if (raised)
			f = h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s was made Admin: user_role was STANDARD, now ADMIN; an Admin "
			        "can invite and remove members, add partners and reassign every "
			        "asset: if it was not meant, change them back to Standard in "
			        "Business Center > Users",
			        h->member_label(ctx, m));
		else
			f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			              "%s is no longer Admin: user_role was ADMIN, now STANDARD",
			              h->member_label(ctx, m));
		h->note_at(ctx, f, before, &o->ent, "user_role %s here, in the previous snapshot",
		           o->role == BCLINT_ROLE_ADMIN ? "ADMIN" : "STANDARD");
	}
	return 0;
}

static int check_role_raised(const struct bclint_host *h, struct bclint_ctx *ctx,
                             const struct bclint_model *model)
{
	return check_role(h, ctx, model, 1);
}

static int check_role_lowered(const struct bclint_host *h, struct bclint_ctx *ctx,
                              const struct bclint_model *model)
{
	return check_role(h, ctx, model, 0);
}

/* finance-role-raised, finance-role-lowered */

static int check_finance(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model, int raised)
{
	const struct bclint_model *before = previous(h, ctx);
	for (size_t i = 0; before != NULL && i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		const struct bclint_member *o = other(h, ctx, model, m);
		if (!in_bc(m) || !in_bc(o) || m->finance == o->finance ||
		    (m->finance > o->finance) != raised)
			continue;
		struct bclint_cap was = {(uint8_t)o->finance, 0}, now = {(uint8_t)m->finance, 0};
		char old[64];
		snprintf(old, sizeof(old), "%s", h->cap_label(ctx, BCLINT_SCOPE_FINANCE, 0, was));
		const char *cur = h->cap_label(ctx, BCLINT_SCOPE_FINANCE, 0, now);
		struct bclint_finding *f;
		if (raised)
			f = h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s's finance role was raised: was %s, now %s; a Finance Manager "
			        "manages payments, an Analyst sees invoices and transactions: if it "
			        "was not meant, change it back in Business Center > Users",
			        h->member_label(ctx, m), old, cur);
		else
			f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			              "%s's finance role was lowered: was %s, now %s",
			              h->member_label(ctx, m), old, cur);
		h->note_at(ctx, f, before, &o->ent, "%s here, in the previous snapshot", old);
	}
	return 0;
}

static int check_finance_raised(const struct bclint_host *h, struct bclint_ctx *ctx,
                                const struct bclint_model *model)
{
	return check_finance(h, ctx, model, 1);
}

static int check_finance_lowered(const struct bclint_host *h, struct bclint_ctx *ctx,
                                 const struct bclint_model *model)
{
	return check_finance(h, ctx, model, 0);
}

/* two-step-changed */

static int check_two_step(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model)
{
	const struct bclint_model *before = previous(h, ctx);
	for (size_t i = 0; before != NULL && i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		const struct bclint_member *o = other(h, ctx, model, m);
		/* absent (-1) is unknown: only a known value turned over counts */
		if (!in_bc(m) || !in_bc(o) || m->two_step < 0 || o->two_step < 0 ||
		    m->two_step == o->two_step)
			continue;
		struct bclint_finding *f;
		if (m->two_step == 0)
			f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			              "%s turned two-step verification off: x_two_step_enabled was "
			              "true, now false; ask them to turn it on again",
			              h->member_label(ctx, m));
		else
			f = h->report(ctx, BCLINT_LEVEL_NOTE, &m->ent,
			              "%s turned two-step verification on: x_two_step_enabled was "
			              "false, now true",
			              h->member_label(ctx, m));
		h->note_at(ctx, f, before, &o->ent,
		           "x_two_step_enabled %s here, in the previous "
		           "snapshot",
		           o->two_step ? "true" : "false");
	}
	return 0;
}

/* allowlist-changed */

/* Is domain in the allowlist of bc (ignoring case)? */
static int listed(const struct bclint_bc *bc, const char *domain)
{
	for (size_t i = 0; i < bc->n_allowed_domains; i++)
		if (strcasecmp(bc->allowed_domains[i], domain) == 0)
			return 1;
	return 0;
}

/* Does allowlist a let in a domain that b does not?  No allowlist lets
 * in everything. */
static int lets_in_more(const struct bclint_bc *a, const struct bclint_bc *b)
{
	if (!a->has_allowlist)
		return b->has_allowlist;
	for (size_t i = 0; b->has_allowlist && i < a->n_allowed_domains; i++)
		if (!listed(b, a->allowed_domains[i]))
			return 1;
	return 0;
}

/* "[acme.example, acme.de]", or "none (any domain)". */
static const char *domains(const struct bclint_bc *bc, char *buf, size_t size)
{
	if (!bc->has_allowlist)
		return "none (any domain)";
	size_t len = (size_t)snprintf(buf, size, "[");
	for (size_t i = 0; i < bc->n_allowed_domains && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
		                        bc->allowed_domains[i]);
	if (len < size)
		snprintf(buf + len, size - len, "]");
	return buf;
}

static int check_allowlist(const struct bclint_host *h, struct bclint_ctx *ctx,
                           const struct bclint_model *model)
{
	const struct bclint_model *before = previous(h, ctx);
	if (before == NULL)
		return 0;
	const struct bclint_bc *now = &model->bc, *was = &before->bc;
	int widened = lets_in_more(now, was), narrowed = lets_in_more(was, now);
	if (!widened && !narrowed)
		return 0;
	char a[512], b[512];
	struct bclint_finding *f;
	if (widened)
		f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &now->ent,
		              "the email-domain allowlist was widened: was %s, now %s; members "
		              "from the domains let in are no longer reported by "
		              "email-domain-not-allowed: check that they are your company's",
		              domains(was, a, sizeof(a)), domains(now, b, sizeof(b)));
	else
		f = h->report(ctx, BCLINT_LEVEL_NOTE, &now->ent,
		              "the email-domain allowlist was narrowed: was %s, now %s",
		              domains(was, a, sizeof(a)), domains(now, b, sizeof(b)));
	if (was->has_allowlist)
		h->note_at(ctx, f, before, &was->ent,
		           "x_allowed_email_domains %s here, in the "
		           "previous snapshot",
		           domains(was, a, sizeof(a)));
	else
		h->note_at(ctx, f, before, &was->ent,
		           "no x_allowed_email_domains here, in the "
		           "previous snapshot");
	return 0;
}

static const char *const tags[] = {"drift", "membership", NULL};
static const char *const admin_tags[] = {"drift", "admins", "security", NULL};
static const char *const finance_tags[] = {"drift", "finance", "security", NULL};
static const char *const auth_tags[] = {"drift", "authentication", "security", NULL};

#define DRIFT_NOTE "Reports nothing without a previous snapshot (bclint --previous, bclint diff)."

static const struct bclint_rule rules[] = {
        {
                .id = "member-added",
                .name = "MemberAdded",
                .summary = "A member joined the Business Center since the previous snapshot",
                .description =
                        "Reports, at /members/i of the snapshot, a member who is in the Business "
                        "Center (relation_status BOUND or PENDING) and was not in the previous "
                        "snapshot, or was there as REJECTED or UNBOUND: absence and those two are "
                        "the same, not a member. Members are matched by user_id, so a member whose "
                        "email changed is the same member. The finding is an error for a new Admin, "
                        "a warning for a new member with a finance role, and a note otherwise; a "
                        "note says what they held before, and one note per grant shows what they "
                        "can reach now (their grants are not reported again by grant-added). " DRIFT_NOTE,
                .rationale = "A new member, above all a new Admin, is new access to every asset "
                             "they are given: the change worth a look in a review.",
                .fix = "If the member should not be there, remove them in Business Center > Users; "
                       "otherwise nothing: the next snapshot takes them as they are.",
                .example =
                        "new.json:12:5: error: eve@acme.example joined the Business Center: was "
                        "not a member, now user_role ADMIN; if they should not have this access, "
                        "remove them in Business Center > Users [member-added]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_added,
                .precision = "very-high",
        },
        {
                .id = "member-removed",
                .name = "MemberRemoved",
                .summary = "A member left the Business Center since the previous snapshot",
                .description =
                        "Reports, at /members/i of the previous snapshot, a member who was in the "
                        "Business Center (BOUND or PENDING) and is not now: absent, REJECTED or "
                        "UNBOUND. A note points at where they went: their entry now, or the "
                        "snapshot's /bc. Their grants are not reported again by grant-removed. " DRIFT_NOTE,
                .rationale = "Removals are the good side of a review; a removal nobody asked for "
                             "is someone locked out.",
                .fix = "If they still need access, invite them again in Business Center > Users.",
                .example =
                        "old.json:9:5: note: ben@acme.example left the Business Center: was "
                        "user_role STANDARD, now not a member; if they still need access, invite "
                        "them again in Business Center > Users [member-removed]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_removed,
                .precision = "very-high",
        },
        {
                .id = "role-raised",
                .name = "RoleRaised",
                .summary = "A member's Business Center role was raised to Admin",
                .description =
                        "Reports, at /members/i, a member in the Business Center in both snapshots "
                        "whose user_role was STANDARD and is ADMIN now, with a note at the member "
                        "in the previous snapshot. An error by default: it is the largest step of "
                        "access a Business Center has, and it needs no one's review. A member who "
                        "joins as Admin is reported by member-added instead. " DRIFT_NOTE,
                .rationale = "An Admin can invite and remove members, add partners and reassign "
                             "every asset; a promotion, meant or not, is what an access review is "
                             "for. TikTok's advice: keep Admins to a minimum.",
                .fix = "If it was not meant, change the member back to Standard in Business Center "
                       "> Users; if it was, the next snapshot takes it as it is.",
                .example = "new.json:8:5: error: ana@acme.example was made Admin: user_role was "
                           "STANDARD, now ADMIN; an Admin can invite and remove members, add "
                           "partners and reassign every asset: if it was not meant, change them "
                           "back to Standard in Business Center > Users [role-raised]",
                .level = BCLINT_LEVEL_ERROR,
                .tags = admin_tags,
                .check = check_role_raised,
                .precision = "very-high",
                .security_severity = "8.0",
        },
        {
                .id = "role-lowered",
                .name = "RoleLowered",
                .summary = "A member's Business Center role was lowered from Admin",
                .description =
                        "Reports, at /members/i, a member in the Business Center in both "
                        "snapshots whose user_role was ADMIN and is STANDARD now, with a note "
                        "at the member in the previous snapshot. " DRIFT_NOTE,
                .rationale =
                        "Fewer Admins is the advice; a lowering nobody asked for can leave the "
                        "Business Center with too few (see too-few-admins).",
                .fix = "Nothing, if it was meant.",
                .example = "new.json:8:5: note: ana@acme.example is no longer Admin: user_role was "
                           "ADMIN, now STANDARD [role-lowered]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_role_lowered,
                .precision = "very-high",
        },
        {
                .id = "finance-role-raised",
                .name = "FinanceRoleRaised",
                .summary = "A member gained a finance role, or it was raised",
                .description =
                        "Reports, at /members/i, a member in the Business Center in both "
                        "snapshots whose finance role (ext_user_role.finance_role) went up: "
                        "none to ANALYST or MANAGER, or ANALYST to MANAGER. A warning by "
                        "default, with a note at the member in the previous snapshot. " DRIFT_NOTE,
                .rationale = "A Finance Manager manages payment methods and pays invoices; finance "
                             "roles belong to few, named people.",
                .fix = "If it was not meant, change or remove the finance role in Business Center "
                       "> Users.",
                .example = "new.json:8:5: warning: ana@acme.example's finance role was raised: was "
                           "no finance role, now finance_role MANAGER; a Finance Manager manages "
                           "payments, an Analyst sees invoices and transactions: if it was not "
                           "meant, change it back in Business Center > Users [finance-role-raised]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = finance_tags,
                .check = check_finance_raised,
                .precision = "very-high",
                .security_severity = "6.0",
        },
        {
                .id = "finance-role-lowered",
                .name = "FinanceRoleLowered",
                .summary = "A member's finance role was lowered or removed",
                .description = "Reports, at /members/i, a member in the Business Center in both "
                               "snapshots whose finance role went down: MANAGER to ANALYST, or "
                               "either to none. A note at the member in the previous snapshot says "
                               "what it was. " DRIFT_NOTE,
                .rationale = "A lowering nobody asked for can stop invoices being paid.",
                .fix = "Nothing, if it was meant.",
                .example = "new.json:8:5: note: ana@acme.example's finance role was lowered: was "
                           "finance_role MANAGER, now finance_role ANALYST [finance-role-lowered]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_finance_lowered,
                .precision = "very-high",
        },
        {
                .id = "two-step-changed",
                .name = "TwoStepChanged",
                .summary = "A member's two-step verification was turned off, or on",
                .description =
                        "Reports, at /members/i, a member in the Business Center in both snapshots "
                        "whose x_two_step_enabled was true and is false now (a warning), or was false "
                        "and is true now (a note). The API does not return the Business Center's own "
                        "two-step requirement, so this rule judges what the snapshots hold: each "
                        "member's setting; an absent value is unknown and never compared. " DRIFT_NOTE,
                .rationale = "Two-step verification is what keeps a stolen password from being "
                             "a stolen Business Center; turning it off is a step back.",
                .fix = "Ask the member to turn two-step verification on again, or require it for "
                       "every member in the Business Center's security settings.",
                .example = "new.json:8:5: warning: ana@acme.example turned two-step verification "
                           "off: x_two_step_enabled was true, now false; ask them to turn it on "
                           "again [two-step-changed]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = auth_tags,
                .check = check_two_step,
                .precision = "very-high",
                .security_severity = "5.0",
        },
        {
                .id = "allowlist-changed",
                .name = "AllowlistChanged",
                .summary = "The email-domain allowlist was widened or narrowed",
                .description =
                        "Reports, at /bc, a change of bc.x_allowed_email_domains between the two "
                        "snapshots, domains compared ignoring case: a warning when it lets in a "
                        "domain it did not (a domain added, or the allowlist dropped), a note when it "
                        "only shuts domains out (removed, or an allowlist set where there was none). "
                        "A note points at the previous snapshot's /bc. " DRIFT_NOTE,
                .rationale = "The allowlist decides which addresses may be invited; widening it "
                             "quietly ends every email-domain-not-allowed finding for the new "
                             "domains.",
                .fix = "Check that every domain let in is your company's; if not, remove it from "
                       "the allowlist in the Business Center's security settings.",
                .example =
                        "new.json:3:9: warning: the email-domain allowlist was widened: was "
                        "[acme.example], now [acme.example, gmail.com]; members from the domains "
                        "let in are no longer reported by email-domain-not-allowed: check that "
                        "they are your company's [allowlist-changed]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = tags,
                .check = check_allowlist,
                .precision = "very-high",
        },
};

BCLINT_PLUGIN_DEFINE("drift-members", "1.0",
                     "What changed in membership, roles and the allowlist since the previous "
                     "snapshot",
                     rules);
