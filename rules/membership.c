/* membership: who belongs in this Business Center and how much a partner
 * is given: members outside the company's email domains, agency staff
 * added as individuals, and assets shared with partners at ADMIN. */
#include <bclint/plugin.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Members whose access exists or is on its way: joined or invited. */
static int considered(const struct bclint_member *m)
{
	return m->status == BCLINT_REL_BOUND || m->status == BCLINT_REL_PENDING;
}

/* email-domain-not-allowed */

static int check_domain(const struct bclint_host *h, struct bclint_ctx *ctx,
                        const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (!considered(m) || h->email_allowed(ctx, m->email) != 0)
			continue;
		const char *who = h->member_label(ctx, m);
		int pending = m->status == BCLINT_REL_PENDING;
		const char *undo = pending ? "cancel the invitation" : "remove them";
		if (m->role == BCLINT_ROLE_ADMIN)
			h->report(
			        ctx, BCLINT_LEVEL_ERROR, &m->ent,
			        "%s (user_role ADMIN%s) is outside the email-domain allowlist: %s in "
			        "Business Center > Users and give Admin to someone with a company "
			        "address",
			        who, pending ? ", invitation pending" : "", undo);
		else
			h->report(
			        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
			        "%s%s is outside the email-domain allowlist: %s in Business Center > "
			        "Users, invite them with a company address, or work with their "
			        "organisation as a partner",
			        who, pending ? " (invitation pending)" : "", undo);
	}
	return 0;
}

/* agency-staff-as-members */

/* "'Agency' (8001)", or "8001" when the partner has no name. */
static const char *partner_label(char *buf, size_t size, const struct bclint_partner *p)
{
	if (p->name != NULL && p->name[0] != '\0')
		snprintf(buf, size, "'%s' (%s)", p->name, p->bc_id);
	else
		snprintf(buf, size, "%s", p->bc_id);
	return buf;
}

/* The partner's spelling of the email's domain (compared case-insensitively),
 * or NULL when the partner does not list it. */
static const char *partner_uses(const struct bclint_partner *p, const char *domain)
{
	for (size_t i = 0; domain != NULL && i < p->n_email_domains; i++)
		if (strcasecmp(domain, p->email_domains[i]) == 0)
			return p->email_domains[i];
	return NULL;
}

static void report_agency(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model, const struct bclint_member *m,
                          const char *domain)
{
	const struct bclint_partner *first = NULL;
	char label[256];
	for (size_t p = 0; p < model->n_partners && first == NULL; p++)
		if (partner_uses(&model->partners[p], domain) != NULL)
			first = &model->partners[p];
	if (first == NULL) {
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
		          "%s matches agency_email_patterns: agency staff belong behind a Partner; "
		          "remove the member, add the agency's Business Center as a partner and "
		          "share the assets with it",
		          h->member_label(ctx, m));
		return;
	}
	struct bclint_finding *f = h->report(
	        ctx, BCLINT_LEVEL_DEFAULT, &m->ent,
	        "%s has an email domain of partner %s: agency staff belong behind the Partner; "
	        "remove the member and have the partner assign its people to the assets shared "
	        "with it",
	        h->member_label(ctx, m), partner_label(label, sizeof(label), first));
	for (size_t p = 0; p < model->n_partners; p++) {
		const struct bclint_partner *pa = &model->partners[p];
		const char *listed = partner_uses(pa, domain);
		if (listed != NULL)
			h->note(ctx, f, &pa->ent, "partner %s lists the email domain %s",
			        partner_label(label, sizeof(label), pa), listed);
	}
}

static int check_agency(const struct bclint_host *h, struct bclint_ctx *ctx,
                        const struct bclint_model *model)
{
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		if (!considered(m))
			continue;
		const char *at = strrchr(m->email, '@');
		const char *domain = at != NULL && at[1] != '\0' ? at + 1 : NULL;
		int hit = 0;
		for (size_t p = 0; p < model->n_partners && !hit; p++)
			hit = partner_uses(&model->partners[p], domain) != NULL;
		if (hit || h->opt_match(ctx, "agency_email_patterns", m->email) == 1)
			report_agency(h, ctx, model, m, domain);
	}
	return 0;
}

/* partner-over-privileged */

/* Is the share at the top of its ladder (the only two a share can carry)? */
static int share_is_admin(const struct bclint_share *s)
{
	if (s->asset_type == BCLINT_ASSET_ADVERTISER)
		return s->cap.level >= 3; /* ANALYST < OPERATOR < ADMIN */
	if (s->asset_type == BCLINT_ASSET_CATALOG)
		return s->cap.level >= 2; /* AD_PROMOTE < ADMIN */
	return 0;
}

/* The share's asset as messages name it. */
static const char *share_label(const struct bclint_host *h, struct bclint_ctx *ctx,
                               const struct bclint_share *s, char *buf, size_t size)
{
	if (s->asset != NULL)
		return h->asset_label(ctx, s->asset);
	snprintf(buf, size, "%s %s", h->asset_type_label(s->asset_type), s->asset_id);
	return buf;
}

/* One finding per partner, at its first share at ADMIN, with a note at
 * each: lowering one means removing the partner, so they go together. */
static void report_partner(const struct bclint_host *h, struct bclint_ctx *ctx,
                           const struct bclint_partner *pa)
{
	const struct bclint_share *first = NULL;
	size_t n = 0, ads = 0;
	for (size_t i = 0; i < pa->n_shares; i++) {
		const struct bclint_share *s = &pa->shares[i];
		if (s->share_type != BCLINT_SHARE_SHARING || !share_is_admin(s))
			continue;
		first = first ? first : s;
		n++;
		ads += s->asset_type == BCLINT_ASSET_ADVERTISER;
	}
	if (first == NULL)
		return;
	char who[256], what[256];
	const char *lower = ads == n   ? "advertiser_role OPERATOR or ANALYST"
	                    : ads == 0 ? "catalog_role AD_PROMOTE"
	                               : "advertiser_role OPERATOR or ANALYST (catalogs: "
	                                 "catalog_role AD_PROMOTE)";
	partner_label(who, sizeof(who), pa);
	struct bclint_finding *f;
	if (n == 1)
		f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &first->ent,
		        "%s is shared with partner %s at %s: share it at %s unless the partner "
		        "must administer it",
		        share_label(h, ctx, first, what, sizeof(what)), who,
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, first->asset_type, first->cap),
		        lower);
	else
		f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &first->ent,
		        "%zu assets are shared with partner %s at ADMIN: share them at %s unless "
		        "the partner must administer them",
		        n, who, lower);
	for (size_t i = 0; n > 1 && i < pa->n_shares; i++) {
		const struct bclint_share *s = &pa->shares[i];
		if (s->share_type == BCLINT_SHARE_SHARING && share_is_admin(s))
			h->note(ctx, f, &s->ent, "%s at %s",
			        share_label(h, ctx, s, what, sizeof(what)),
			        h->cap_label(ctx, BCLINT_SCOPE_ASSET, s->asset_type, s->cap));
	}
	h->note(ctx, f, &pa->ent,
	        "a partner's role on a shared asset cannot be lowered in place: lowering it later "
	        "means removing partner %s and sharing the assets again",
	        who);
}

static int check_partner(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *model)
{
	for (size_t p = 0; p < model->n_partners; p++)
		report_partner(h, ctx, &model->partners[p]);
	return 0;
}

static const char *const domain_tags[] = {"security", "membership", NULL};
static const char *const agency_tags[] = {"membership", "partners", NULL};
static const char *const partner_tags[] = {"partners", "least-privilege", NULL};

static const struct bclint_option domain_options[] = {
        {"allowed_email_patterns", BCLINT_OPT_PATTERNS, NULL,
         "PCRE2 patterns of whole emails inside the allowlist, besides "
         "bc.x_allowed_email_domains"},
};

static const struct bclint_option agency_options[] = {
        {"agency_email_patterns", BCLINT_OPT_PATTERNS, NULL,
         "PCRE2 patterns of whole emails that belong to agency staff, besides the partners' "
         "x_email_domains"},
};

static const struct bclint_rule rules[] = {
        {
                .id = "email-domain-not-allowed",
                .name = "EmailDomainNotAllowed",
                .summary = "A member's email is outside the email-domain allowlist",
                .description =
                        "When an allowlist is configured (bc.x_allowed_email_domains, compared "
                        "case-insensitively with the part after the last '@', and/or the "
                        "allowed_email_patterns option, PCRE2 patterns matched against the whole "
                        "email), reports each active (BOUND) or invited (PENDING) member whose "
                        "email matches neither. A warning, or an error when the member holds (or "
                        "is invited with) user_role ADMIN. Nothing is reported when no allowlist "
                        "is configured. REJECTED and UNBOUND members hold no access and are not "
                        "reported. Subdomains are not implied: list them.",
                .rationale = "People outside the company's domains are the ones nobody removes "
                             "when a contract ends; an outside Admin can remove everyone else.",
                .fix = "In Business Center > Users remove the member, or cancel the invitation, "
                       "and invite the person with their company address; work with outside "
                       "organisations through Partners instead.",
                .example = "bc.json:22:5: warning: pat@gmail.com is outside the email-domain "
                           "allowlist: remove them in Business Center > Users, invite them with a "
                           "company address, or work with their organisation as a partner "
                           "[email-domain-not-allowed]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = domain_tags,
                .options = domain_options,
                .n_options = 1,
                .check = check_domain,
                .precision = "very-high",
                .security_severity = "5.5",
        },
        {
                .id = "agency-staff-as-members",
                .name = "AgencyStaffAsMembers",
                .summary = "A member's email belongs to a partner's organisation",
                .description =
                        "Reports an active (BOUND) or invited (PENDING) member whose email domain "
                        "(the part after the last '@') equals, case-insensitively, a domain a "
                        "partner lists in x_email_domains, or whose whole email matches one of the "
                        "agency_email_patterns (PCRE2). One finding per member; the message names "
                        "the first partner in the snapshot that uses the domain, and a note points "
                        "at every partner that does. Subdomains are not implied. The rule applies "
                        "whether or not the domain is also in the allowlist.",
                .rationale = "Agency staff added as individual members stay when the agency is "
                             "replaced, and their access is managed by this Business Center's "
                             "Admins, not by the agency; behind a Partner the agency manages its "
                             "own people and removing the partner removes them all.",
                .fix = "Add the agency's Business Center as a partner (Business Center > "
                       "Partners), share the assets with it at the least role needed, let the "
                       "agency assign its people, then remove the individual members.",
                .example =
                        "bc.json:25:5: warning: jo@agency.example has an email domain of partner "
                        "'Agency' (8001): agency staff belong behind the Partner; remove the "
                        "member and have the partner assign its people to the assets shared "
                        "with it [agency-staff-as-members]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = agency_tags,
                .options = agency_options,
                .n_options = 1,
                .check = check_agency,
                .precision = "medium", /* a shared domain may be a partner's and a member's both */
        },
        {
                .id = "partner-over-privileged",
                .name = "PartnerOverPrivileged",
                .summary = "An asset is shared with a partner at ADMIN",
                .description =
                        "Reports the shares with share_type SHARING (this Business Center "
                        "shares its asset) at advertiser_role ADMIN (ad accounts) or catalog_role "
                        "ADMIN (catalogs): one finding per partner, at its first such share "
                        "(/partners/i/shared_assets/j), with a note at each share when there are "
                        "several. A note at the partner says that lowering the role later means "
                        "removing the partner and sharing again, so the shares go together. Shares the partner made to this Business Center (SHARED) are the "
                        "partner's decision and are not reported. A share of an asset missing from "
                        "the snapshot or owned elsewhere is still reported (foreign-asset reports "
                        "the ownership separately).",
                .rationale = "A partner with ADMIN on an ad account can manage its finances, "
                             "settings and members; and the role cannot simply be lowered later, "
                             "so the first share should be the least that works.",
                .fix = "In Business Center > Partners, remove the partner's access to the asset "
                       "and share it again at OPERATOR or ANALYST (ad accounts) or AD_PROMOTE "
                       "(catalogs), unless the partner must administer it.",
                .example = "bc.json:70:9: warning: ad account 'Brand US' (7001) is shared with "
                           "partner 'Agency' (8001) at advertiser_role ADMIN: share it at "
                           "advertiser_role OPERATOR or ANALYST unless the partner must administer "
                           "it [partner-over-privileged]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = partner_tags,
                .check = check_partner,
                .precision = "very-high",
        },
};

BCLINT_PLUGIN_DEFINE("membership", "1.0",
                     "Who belongs in the Business Center, and partners' "
                     "share roles",
                     rules);
