/* not-on-roster: the Business Center holds someone the roster of current
 * staff does not, or no longer does.  A former employee or contractor
 * whose access was never revoked is the finding the guides warn of most;
 * the roster (--roster, the configuration's "roster") says who should be
 * there, and until when. */
#include <bclint/plugin.h>

/* Admins are the worst to leave behind: an error for them. */
static int level_of(const struct bclint_member *m)
{
	return m->role == BCLINT_ROLE_ADMIN ? BCLINT_LEVEL_ERROR : BCLINT_LEVEL_DEFAULT;
}

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *model)
{
	if (!BCLINT_HOST_HAS(h, roster_path) || h->roster_path(ctx) == NULL)
		return 0; /* no roster, nothing to compare with */
	bclint_time now = h->now(ctx);
	for (size_t i = 0; i < model->n_members; i++) {
		const struct bclint_member *m = &model->members[i];
		const struct bclint_roster_entry *e;
		if (m->status == BCLINT_REL_UNBOUND || m->status == BCLINT_REL_REJECTED)
			continue; /* gone already */
		if (h->roster_find(ctx, m, &e) == 0) {
			h->report(
			        ctx, level_of(m), &m->ent,
			        "%s is not on the roster (%s): remove them from the Business Center "
			        "(Business Center > Users), or add them to the roster",
			        h->member_label(ctx, m), h->roster_path(ctx));
		} else if (e->end != BCLINT_NO_TIME && now != BCLINT_NO_TIME && now >= e->end) {
			/* the day alone: a time's colons would read as a location */
			h->report(
			        ctx, level_of(m), &m->ent,
			        "%s's end date on the roster in %s has passed (%.10s): remove them "
			        "from the Business Center (Business Center > Users)",
			        h->member_label(ctx, m), h->roster_path(ctx), e->end_date);
		}
	}
	return 0;
}

static const char *const tags[] = {"access", "membership", "security", NULL};

static const struct bclint_rule rules[] = {{
        .id = "not-on-roster",
        .name = "NotOnRoster",
        .summary = "A member is not on the roster of current staff, or their end date has passed",
        .description = "With a roster (--roster FILE, or \"roster\" in the configuration file): "
                       "reports every member (but those UNBOUND or REJECTED, who are gone already) "
                       "whom no roster entry names, by email ignoring "
                       "case or by a pattern (an entry that starts with '^', a PCRE2 regular "
                       "expression tried against the email ignoring case); and every member whose "
                       "roster entry has an end date that has passed (the end date is the last "
                       "day in: it has passed from the next day on, measured against --now, else "
                       "captured_at, else the clock). An error for an Admin. Without a roster it "
                       "reports nothing.",
        .rationale = "Revoke access for former employees and contractors: a person who left "
                     "keeps every permission in every Business Center until someone removes "
                     "them, and an agency with many client Business Centers cannot find them "
                     "by reading each one.",
        .fix = "In Business Center > Users, remove the member (or lower them to the assets "
               "they still need); when they do belong, add them to the roster or correct "
               "their end date.",
        .example = "bc.json:12:5: warning: old.hand@acme.com is not on the roster (staff.csv): "
                   "remove them from the Business Center (Business Center > Users), or add them "
                   "to the roster [not-on-roster]",
        .level = BCLINT_LEVEL_WARNING,
        .tags = tags,
        .check = check,
        .precision = "high",
        .security_severity = "6.5",
}};

BCLINT_PLUGIN_DEFINE("roster", "1.0", "Members measured against the roster of current staff",
                     rules);
