/* drift-partners: which organisations reach the Business Center's
 * assets, compared with the previous snapshot: partners added or
 * removed, and shares added, removed, widened or narrowed.  A new or
 * removed partner's shares are its finding's notes, not findings of
 * their own.  Without a previous snapshot these rules report nothing. */
#include <bclint/plugin.h>
#include <stdio.h>

enum change_kind { ADDED, REMOVED, WIDENED, NARROWED };

static const struct bclint_model *previous(const struct bclint_host *h, struct bclint_ctx *ctx)
{
	return BCLINT_HOST_HAS(h, note_at) ? h->previous(ctx) : NULL;
}

/* "'Agency' (7300...)", or the ID alone when the partner has no name. */
static const char *partner_label(const struct bclint_partner *p, char *buf, size_t size)
{
	if (p->name != NULL && p->name[0] != '\0')
		snprintf(buf, size, "partner '%s' (%s)", p->name, p->bc_id);
	else
		snprintf(buf, size, "partner %s", p->bc_id);
	return buf;
}

/* The shared asset, named as the host names assets when it is in the
 * snapshot, else by type and ID. */
static const char *asset_of(const struct bclint_host *h, struct bclint_ctx *ctx,
                            const struct bclint_share *s, char *buf, size_t size)
{
	if (s->asset != NULL)
		return h->asset_label(ctx, s->asset);
	snprintf(buf, size, "%s %s", h->asset_type_label(s->asset_type), s->asset_id);
	return buf;
}

/* " at advertiser_role ADMIN", or "" for a share without a role. */
static const char *role_of(const struct bclint_host *h, struct bclint_ctx *ctx,
                           const struct bclint_share *s, char *buf, size_t size)
{
	if (s->cap.level == 0)
		return "";
	snprintf(buf, size, " at %s", h->cap_label(ctx, BCLINT_SCOPE_ASSET, s->asset_type, s->cap));
	return buf;
}

/* "shared with" (this Business Center's asset) or "shared by" it. */
static const char *direction(const struct bclint_share *s)
{
	return s->share_type == BCLINT_SHARE_SHARING ? "shared with" : "shared by";
}

/* partner-added, partner-removed */

/* A partner in from with no counterpart in to: added (from is the
 * snapshot) or removed (from is the previous one). */
static int check_partners(const struct bclint_host *h, struct bclint_ctx *ctx,
                          const struct bclint_model *model, int added)
{
	const struct bclint_model *before = previous(h, ctx);
	if (before == NULL)
		return 0;
	const struct bclint_model *from = added ? model : before, *to = added ? before : model;
	for (size_t i = 0; i < from->n_partners; i++) {
		const struct bclint_partner *p = &from->partners[i];
		if (h->counterpart(ctx, from, &p->ent) != NULL)
			continue;
		int gives = 0;
		for (size_t k = 0; k < p->n_shares; k++)
			gives |= p->shares[k].share_type == BCLINT_SHARE_SHARING;
		char label[256], a[256], r[128];
		struct bclint_finding *f;
		if (added)
			f = h->report(ctx, gives ? BCLINT_LEVEL_WARNING : BCLINT_LEVEL_DEFAULT,
			              &p->ent,
			              "%s was added: was not a partner, now one with %zu shared "
			              "asset%s%s",
			              partner_label(p, label, sizeof(label)), p->n_shares,
			              p->n_shares == 1 ? "" : "s",
			              gives ? "; it reaches assets of "
			                      "this Business Center: check that each share is meant"
			                    : "");
		else
			f = h->report_at(ctx, before, BCLINT_LEVEL_DEFAULT, &p->ent,
			                 "%s was removed: "
			                 "was a partner with %zu shared asset%s, now not one",
			                 partner_label(p, label, sizeof(label)), p->n_shares,
			                 p->n_shares == 1 ? "" : "s");
		h->note_at(ctx, f, to, &to->bc.ent,
		           added ? "not a partner in the previous "
		                   "snapshot"
		                 : "no longer a partner of this Business Center");
		for (size_t k = 0; k < p->n_shares; k++) {
			const struct bclint_share *s = &p->shares[k];
			h->note_at(ctx, f, from, &s->ent, "%s %s it%s",
			           asset_of(h, ctx, s, a, sizeof(a)), direction(s),
			           role_of(h, ctx, s, r, sizeof(r)));
		}
	}
	return 0;
}

static int check_partner_added(const struct bclint_host *h, struct bclint_ctx *ctx,
                               const struct bclint_model *model)
{
	return check_partners(h, ctx, model, 1);
}

static int check_partner_removed(const struct bclint_host *h, struct bclint_ctx *ctx,
                                 const struct bclint_model *model)
{
	return check_partners(h, ctx, model, 0);
}

/* share-added, share-removed, share-widened, share-narrowed */

static void report_share(const struct bclint_host *h, struct bclint_ctx *ctx,
                         const struct bclint_model *before, const struct bclint_share *s,
                         const struct bclint_share *os, const struct bclint_partner *op, int kind)
{
	char label[256], a[256], r[128], was[128];
	const char *what = asset_of(h, ctx, s, a, sizeof(a));
	const char *partner = partner_label(s->partner, label, sizeof(label));
	/* this Business Center's own asset given out is the escalation */
	int out = s->share_type == BCLINT_SHARE_SHARING;
	struct bclint_finding *f;
	if (os != NULL)
		snprintf(was, sizeof(was), "%s",
		         h->cap_label(ctx, BCLINT_SCOPE_ASSET, os->asset_type, os->cap));
	if (kind == ADDED)
		f = h->report(ctx, out ? BCLINT_LEVEL_WARNING : BCLINT_LEVEL_DEFAULT, &s->ent,
		              "%s is %s %s%s: was not shared, now shared%s", what, direction(s),
		              partner, role_of(h, ctx, s, r, sizeof(r)),
		              out ? "; check that the "
		                    "partner needs it, else stop sharing it in Business Center > "
		                    "Partners"
		                  : "");
	else if (kind == REMOVED)
		f = h->report_at(ctx, before, BCLINT_LEVEL_DEFAULT, &s->ent,
		                 "%s is no longer %s "
		                 "%s: was shared%s, now not shared",
		                 what, direction(s), partner, role_of(h, ctx, s, r, sizeof(r)));
	else
		f = h->report(
		        ctx, BCLINT_LEVEL_DEFAULT, &s->ent,
		        "the share of %s %s %s was %s: was "
		        "%s, now %s%s",
		        what, direction(s), partner, kind == WIDENED ? "widened" : "narrowed", was,
		        h->cap_label(ctx, BCLINT_SCOPE_ASSET, s->asset_type, s->cap),
		        kind == WIDENED && out
		                ? "; a partner's role cannot be lowered in "
		                  "place: if it was not meant, remove the share and share it again"
		                : "");
	if (kind == REMOVED)
		h->note(ctx, f, &op->ent, "not shared with this partner now");
	else if (os != NULL)
		h->note_at(ctx, f, before, &os->ent, "%s here, in the previous snapshot", was);
	else
		h->note_at(ctx, f, before, &op->ent,
		           "not shared with this partner in the previous "
		           "snapshot");
}

/* For partners in both snapshots: each share of from's partner against
 * its counterpart in to's. */
static int check_shares(const struct bclint_host *h, struct bclint_ctx *ctx,
                        const struct bclint_model *model, int kind)
{
	const struct bclint_model *before = previous(h, ctx);
	if (before == NULL)
		return 0;
	const struct bclint_model *from = kind == REMOVED ? before : model;
	for (size_t i = 0; i < from->n_partners; i++) {
		const struct bclint_partner *p = &from->partners[i];
		const struct bclint_partner *op =
		        (const struct bclint_partner *)h->counterpart(ctx, from, &p->ent);
		for (size_t k = 0; op != NULL && k < p->n_shares; k++) {
			const struct bclint_share *s = &p->shares[k];
			const struct bclint_share *os =
			        (const struct bclint_share *)h->counterpart(ctx, from, &s->ent);
			int hit = kind == ADDED || kind == REMOVED
			                  ? os == NULL
			                  : os != NULL && (kind == WIDENED
			                                           ? s->cap.level > os->cap.level
			                                           : s->cap.level < os->cap.level);
			if (hit)
				report_share(h, ctx, before, s, os, op, kind);
		}
	}
	return 0;
}

static int check_share_added(const struct bclint_host *h, struct bclint_ctx *ctx,
                             const struct bclint_model *model)
{
	return check_shares(h, ctx, model, ADDED);
}

static int check_share_removed(const struct bclint_host *h, struct bclint_ctx *ctx,
                               const struct bclint_model *model)
{
	return check_shares(h, ctx, model, REMOVED);
}

static int check_share_widened(const struct bclint_host *h, struct bclint_ctx *ctx,
                               const struct bclint_model *model)
{
	return check_shares(h, ctx, model, WIDENED);
}

static int check_share_narrowed(const struct bclint_host *h, struct bclint_ctx *ctx,
                                const struct bclint_model *model)
{
	return check_shares(h, ctx, model, NARROWED);
}

static const char *const tags[] = {"drift", "partners", NULL};
static const char *const out_tags[] = {"drift", "partners", "security", NULL};

#define DRIFT_NOTE "Reports nothing without a previous snapshot (bclint --previous, bclint diff)."
#define MATCHED                                                                                    \
	"Partners are matched by bc_id, shares by partner, share_type, asset type and asset "      \
	"ID. "

static const struct bclint_rule rules[] = {
        {
                .id = "partner-added",
                .name = "PartnerAdded",
                .summary = "A partner Business Center was added",
                .description = MATCHED
                "Reports, at /partners/i, a partner that was not in the "
                "previous snapshot, with a note per shared asset. A warning when "
                "this Business Center shares an asset of its own with it (SHARING), "
                "a note when the partner only shares assets in. " DRIFT_NOTE,
                .rationale = "A partner is another organisation with a way into the Business "
                             "Center's assets: the guides' advice is to work with agencies through "
                             "partners, and to review what each one is given.",
                .fix = "If the partner was not meant to be added, remove it in Business Center > "
                       "Partners.",
                .example = "new.json:50:5: warning: partner 'Agency' (7300000000000000555) was "
                           "added: was not a partner, now one with 1 shared asset; it reaches "
                           "assets of this Business Center: check that each share is meant "
                           "[partner-added]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = out_tags,
                .check = check_partner_added,
                .precision = "very-high",
                .security_severity = "5.0",
        },
        {
                .id = "partner-removed",
                .name = "PartnerRemoved",
                .summary = "A partner Business Center was removed",
                .description = MATCHED
                "Reports, at /partners/i of the previous snapshot, a partner "
                "that is not in the snapshot now, with a note at the snapshot's /bc "
                "and one per share it had. " DRIFT_NOTE,
                .rationale = "A removal nobody asked for stops an agency's work.",
                .fix = "If it was not meant, add the partner again in Business Center > Partners "
                       "and share the assets it needs.",
                .example = "old.json:50:5: note: partner 'Agency' (7300000000000000555) was "
                           "removed: was a partner with 1 shared asset, now not one "
                           "[partner-removed]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_partner_removed,
                .precision = "very-high",
        },
        {
                .id = "share-added",
                .name = "ShareAdded",
                .summary = "An asset was newly shared with or by a partner",
                .description = MATCHED
                "Reports, at /partners/p/shared_assets/i, a share of a "
                "partner that was in the previous snapshot too, where the share was "
                "not: a warning when this Business Center shares its own asset "
                "(SHARING), a note when the partner shares one in (SHARED). A new "
                "partner's shares are partner-added's. " DRIFT_NOTE,
                .rationale = "Sharing an asset gives another organisation access to it, and a "
                             "partner's role on it cannot be lowered in place.",
                .fix = "If the partner does not need the asset, stop sharing it in Business Center "
                       "> Partners.",
                .example =
                        "new.json:52:9: warning: ad account 'Brand' (100) is shared with partner "
                        "'Agency' (7300000000000000555) at advertiser_role ANALYST: was not "
                        "shared, now shared; check that the partner needs it, else stop sharing "
                        "it in Business Center > Partners [share-added]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = out_tags,
                .check = check_share_added,
                .precision = "very-high",
                .security_severity = "4.0",
        },
        {
                .id = "share-removed",
                .name = "ShareRemoved",
                .summary = "An asset is no longer shared with or by a partner",
                .description = MATCHED
                "Reports, at the share in the previous snapshot, a share of "
                "a partner that is still a partner but no longer has it, with a note "
                "at the partner now. " DRIFT_NOTE,
                .rationale = "A removal nobody asked for stops an agency's work on the asset.",
                .fix = "If it was not meant, share the asset again in Business Center > Partners.",
                .example = "old.json:52:9: note: ad account 'Brand' (100) is no longer shared with "
                           "partner 'Agency' (7300000000000000555): was shared at advertiser_role "
                           "ANALYST, now not shared [share-removed]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_share_removed,
                .precision = "very-high",
        },
        {
                .id = "share-widened",
                .name = "ShareWidened",
                .summary = "A partner's role on a shared asset was raised",
                .description =
                        MATCHED "Reports, at /partners/p/shared_assets/i, a share whose "
                                "advertiser_role or catalog_role is higher than in the previous "
                                "snapshot, with a note at the share there. A warning. " DRIFT_NOTE,
                .rationale = "A partner's role on a shared asset cannot be lowered in place: a "
                             "widening stays until the partner is removed and the asset shared "
                             "again.",
                .fix = "If it was not meant, remove the share and share the asset again at the "
                       "lower role.",
                .example = "new.json:52:9: warning: the share of ad account 'Brand' (100) shared "
                           "with partner 'Agency' (7300000000000000555) was widened: was "
                           "advertiser_role ANALYST, now advertiser_role ADMIN; a partner's role "
                           "cannot be lowered in place: if it was not meant, remove the share and "
                           "share it again [share-widened]",
                .level = BCLINT_LEVEL_WARNING,
                .tags = out_tags,
                .check = check_share_widened,
                .precision = "very-high",
                .security_severity = "6.0",
        },
        {
                .id = "share-narrowed",
                .name = "ShareNarrowed",
                .summary = "A partner's role on a shared asset was lowered",
                .description =
                        MATCHED "Reports, at /partners/p/shared_assets/i, a share whose role "
                                "is lower than in the previous snapshot, with a note at the share "
                                "there. " DRIFT_NOTE,
                .rationale = "Least privilege at work; one nobody asked for stops work.",
                .fix = "Nothing, if it was meant.",
                .example = "new.json:52:9: note: the share of ad account 'Brand' (100) shared with "
                           "partner 'Agency' (7300000000000000555) was narrowed: was "
                           "advertiser_role ADMIN, now advertiser_role ANALYST [share-narrowed]",
                .level = BCLINT_LEVEL_NOTE,
                .tags = tags,
                .check = check_share_narrowed,
                .precision = "very-high",
        },
};

BCLINT_PLUGIN_DEFINE("drift-partners", "1.0",
                     "What changed in partners and shares since the previous snapshot", rules);
