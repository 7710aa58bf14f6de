/* finance-role-misuse: finance roles in the wrong hands, wider than the
 * work needs, or handed out to too many people. */
#include <bclint/plugin.h>

static const char *fin_name(uint32_t f)
{
	return f == BCLINT_FINANCE_MANAGER ? "MANAGER" : "ANALYST";
}

/* What the member's plan says about finance: any finance need, and whether
 * all of them are view-level (VIEW_INVOICES, VIEW_TRANSACTIONS). */
static void finance_needs(const struct bclint_member *m, int *any, int *manage)
{
	*any = *manage = 0;
	for (size_t i = 0; i < m->n_needs; i++) {
		const struct bclint_action *a = m->needs[i]->action;
		if (a->scope != BCLINT_SCOPE_FINANCE)
			continue;
		*any = 1;
		*manage |= a->req.level >= BCLINT_FINANCE_MANAGER;
	}
}

static void check_member(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_member *m)
{
	const char *who = h->member_label(ctx, m);
	int any, manage;
	if (h->email_allowed(ctx, m->email) == 0)
		h->report(ctx, BCLINT_LEVEL_ERROR, &m->ent,
		          "%s holds finance_role %s but is outside the email-domain allowlist: "
		          "remove the finance permission in Business Center > Users",
		          who, fin_name(m->finance));
	finance_needs(m, &any, &manage);
	if (m->finance == BCLINT_FINANCE_MANAGER && any && !manage)
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
		          "%s holds finance_role MANAGER but needs only to view invoices or "
		          "transactions: finance_role ANALYST suffices",
		          who);
	if (m->n_needs > 0 && !any)
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
		          "%s holds finance_role %s but none of their needs is a finance action: "
		          "remove the finance permission",
		          who, fin_name(m->finance));
}

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *model)
{
	long long max = h->opt_int(ctx, "max_finance_managers");
	size_t managers = 0;
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (!bclint_member_active(m) || m->finance == BCLINT_FINANCE_NONE)
			continue;
		managers += m->finance == BCLINT_FINANCE_MANAGER;
		check_member(h, ctx, m);
	}
	if ((long long)managers <= max)
		return 0;
	struct bclint_finding *f = h->report(
	        ctx, BCLINT_LEVEL_DEFAULT, &model->bc.ent,
	        "%zu active Finance Managers, more than max_finance_managers (%lld): change the "
	        "others to Finance Analyst or remove their finance permission",
	        managers, max);
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (bclint_member_active(m) && m->finance == BCLINT_FINANCE_MANAGER)
			h->note(ctx, f, &m->ent, "Finance Manager: %s", h->member_label(ctx, m));
	}
	return 0;
}

static const char *const tags[] = {"finance", "security", "least-privilege", NULL};

static const struct bclint_option options[] = {
        {"max_finance_managers", BCLINT_OPT_INT, "2", "the most active Finance Managers allowed"},
        {"allowed_email_patterns", BCLINT_OPT_PATTERNS, NULL,
         "PCRE2 patterns of emails inside the allowlist, besides bc.x_allowed_email_domains"},
};

static const struct bclint_rule rules[] = {{
        .id = "finance-role-misuse",
        .name = "FinanceRoleMisuse",
        .summary =
                "A finance role is held outside the allowlist, wider than needed, or by too many",
        .description =
                "Checks active members' finance roles: (a) a member whose email is outside "
                "the email-domain allowlist (bc.x_allowed_email_domains, or the "
                "allowed_email_patterns option) holds a finance role (error); (b) a Finance "
                "MANAGER whose needs include finance actions, but only VIEW_INVOICES or "
                "VIEW_TRANSACTIONS: ANALYST suffices; (c) a member with declared needs, none "
                "of them finance actions, holds a finance role; (d) more Finance Managers "
                "than max_finance_managers, reported at /bc with a note per manager.",
        .rationale = "A Finance Manager can change payment methods and move money; finance roles "
                     "belong to a few of the company's own people, at the least level their work "
                     "needs.",
        .fix = "In Business Center > Users, open the member's finance permissions and lower or "
               "remove the finance role; keep Finance Managers to the few who pay the bills.",
        .example = "bc.json:30:5: error: pat@agency.example holds finance_role MANAGER but is "
                   "outside the email-domain allowlist: remove the finance permission in Business "
                   "Center > Users [finance-role-misuse]",
        .level = BCLINT_LEVEL_WARNING,
        .tags = tags,
        .options = options,
        .n_options = 2,
        .check = check,
        .precision = "medium", /* (b), (c): the plan may be incomplete */
        .security_severity = "6.0",
}};

BCLINT_PLUGIN_DEFINE("finance-role-misuse", "1.0", "Finance roles against policy", rules);
