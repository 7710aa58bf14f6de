/* The troubleshooting ladder (ladder.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bclint/plugin.h>

#include "buf.h"
#include "caps.h"
#include "entity.h"
#include "ladder.h"
#include "textsafe.h"

const char *const bclint_why_state_names[] = {"ok", "broken", "skipped"};
const char *const bclint_why_layer_names[WHY_N_LAYERS] = {"membership", "delegation", "asset",
                                                          "assignment", "grant",      "session"};

/* -- small helpers -------------------------------------------------------- */

const char *bclint_why_fmt(struct bclint_why *w, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	const char *s = bclint_arena_vprintf(&w->arena, f, ap);
	va_end(ap);
	if (s == NULL)
		w->oom = 1;
	return s ? s : "";
}

/* s with its control characters escaped, for messages that go to a
 * terminal as they are (usage errors). */
const char *bclint_why_safe(struct bclint_why *w, const char *s)
{
	struct bclint_buf b = {0};
	bclint_textsafe(&b, s, BCLINT_TEXTSAFE_CHARS);
	const char *out = bclint_why_fmt(w, "%s", b.data ? b.data : "");
	w->oom |= b.oom;
	free(b.data);
	return out;
}

static const char *cap_text(struct bclint_why *w, uint32_t scope, struct bclint_cap cap)
{
	char buf[128];
	return bclint_why_fmt(w, "%s",
	                      bclint_cap_describe(scope, w->asset_type, cap, buf, sizeof(buf)));
}

const char *bclint_why_least_grant(struct bclint_why *w)
{
	return cap_text(w, w->action->scope, w->action->req);
}

/* "Ana Silva <ana@x.example> (21)", or without the name when it has none. */
const char *bclint_why_member_label(struct bclint_why *w, const struct bclint_member *mb)
{
	if (mb->name != NULL && mb->name[0] != '\0')
		return bclint_why_fmt(w, "%s <%s> (%s)", mb->name, mb->email, mb->user_id);
	return bclint_why_fmt(w, "%s (%s)", mb->email, mb->user_id);
}

const char *bclint_why_asset_label(struct bclint_why *w, const struct bclint_asset *a)
{
	const char *type = bclint_asset_type_label(a->type);
	if (a->name != NULL && a->name[0] != '\0')
		return bclint_why_fmt(w, "%s '%s' (%s)", type, a->name, a->asset_id);
	return bclint_why_fmt(w, "%s %s", type, a->asset_id);
}

/* The asset as the messages name it, present or foreign. */
const char *bclint_why_target_label(struct bclint_why *w)
{
	if (w->asset != NULL)
		return bclint_why_asset_label(w, w->asset);
	return bclint_why_fmt(w, "%s %s", bclint_asset_type_name(w->asset_type), w->asset_id);
}

static const char *time_text(struct bclint_why *w, bclint_time t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];
	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return bclint_why_fmt(w, "%lld", (long long)t);
	const char *s = bclint_why_fmt(w, "%s", buf);
	if (w->now == BCLINT_NO_TIME || t > w->now)
		return s;
	long long days = (long long)((w->now - t) / 86400);
	return bclint_why_fmt(w, "%s (%lld day%s before now)", s, days, days == 1 ? "" : "s");
}

static void evidence(struct bclint_why_layer *l, const struct bclint_entity *ent, const char *text)
{
	if (l->n_ev < 2)
		l->ev[l->n_ev++] = (struct bclint_why_evidence){text, ent};
}

static int set_state(struct bclint_why_layer *l, int state, const char *rule)
{
	l->state = state;
	l->rule = state == WHY_BROKEN ? rule : NULL;
	return state;
}

/* -- the layers ------------------------------------------------------------- */

/* How many asset groups list member mb. */
static size_t groups_of(const struct bclint_model *m, const struct bclint_member *mb)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_groups; i++)
		for (size_t k = 0; k < m->groups[i].n_members; k++)
			n += m->groups[i].members[k].member == mb;
	return n;
}

/* Someone who left or declined: former-member-access when anything here
 * still names them (as that rule reports), else simply not-a-member. */
static int former(struct bclint_why *w, struct bclint_why_layer *l)
{
	const struct bclint_member *mb = w->member;
	size_t grants = mb->n_grants, groups = groups_of(w->m, mb);
	for (size_t i = 0; i < mb->n_assignments; i++)
		grants += mb->assignments[i]->asset == NULL; /* foreign: not in grants */
	if (grants == 0 && groups == 0 && mb->n_needs == 0)
		return set_state(l, WHY_BROKEN, "not-a-member");
	const char *part[3];
	size_t n = 0;
	if (grants > 0)
		part[n++] = bclint_why_fmt(w, "%zu asset grant%s", grants, grants == 1 ? "" : "s");
	if (groups > 0)
		part[n++] = bclint_why_fmt(w, "a place in %zu asset group%s", groups,
		                           groups == 1 ? "" : "s");
	if (mb->n_needs > 0)
		part[n++] = bclint_why_fmt(w, "%zu need%s in the access plan", mb->n_needs,
		                           mb->n_needs == 1 ? "" : "s");
	const char *held = part[0];
	for (size_t i = 1; i < n; i++)
		held = bclint_why_fmt(w, "%s%s%s", held, i + 1 == n ? " and " : ", ", part[i]);
	evidence(l, NULL,
	         bclint_why_fmt(w, "what is still recorded for them here does nothing: %s", held));
	return set_state(l, WHY_BROKEN, "former-member-access");
}

static int check_member(struct bclint_why *w, struct bclint_why_layer *l)
{
	const struct bclint_member *mb = w->member;
	static const char *const status[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND"};
	switch (mb->status) {
	case BCLINT_REL_BOUND:
		evidence(l, &mb->ent,
		         bclint_why_fmt(w,
		                        "%s has joined this Business Center (relation_status "
		                        "BOUND)",
		                        mb->email));
		return set_state(l, WHY_OK, NULL);
	case BCLINT_REL_PENDING:
		if (mb->invited_at != BCLINT_NO_TIME)
			evidence(l, &mb->ent,
			         bclint_why_fmt(w,
			                        "%s was invited on %s but has not accepted "
			                        "(relation_status PENDING)",
			                        mb->email, time_text(w, mb->invited_at)));
		else
			evidence(l, &mb->ent,
			         bclint_why_fmt(w,
			                        "%s has not accepted the invitation "
			                        "(relation_status PENDING)",
			                        mb->email));
		return set_state(l, WHY_BROKEN, "pending-invitation");
	default:
		evidence(l, &mb->ent,
		         bclint_why_fmt(w,
		                        "%s is not a member of this Business Center "
		                        "(relation_status %s: %s)",
		                        mb->email, status[mb->status],
		                        mb->status == BCLINT_REL_REJECTED
		                                ? "declined the invitation"
		                                : "left or was removed"));
		return former(w, l);
	}
}

static int check_delegation(struct bclint_why *w, struct bclint_why_layer *l)
{
	if (w->action->scope == BCLINT_SCOPE_CREATOR) {
		evidence(l, NULL,
		         bclint_why_fmt(w,
		                        "%s is creator-only: no Business Center role can grant it",
		                        w->action->name));
		return set_state(l, WHY_BROKEN, "non-delegable-action");
	}
	evidence(l, NULL,
	         bclint_why_fmt(w, "%s can be delegated: the least grant that covers it is %s",
	                        w->action->name, bclint_why_least_grant(w)));
	return set_state(l, WHY_OK, NULL);
}

static int check_asset(struct bclint_why *w, struct bclint_why_layer *l)
{
	static const char *const status[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND"};
	const struct bclint_asset *a = w->asset;
	if (w->asset_id == NULL) {
		evidence(l, NULL,
		         bclint_why_fmt(w, "%s is a Business Center action: no asset is involved",
		                        w->action->name));
		return set_state(l, WHY_SKIPPED, NULL);
	}
	if (a == NULL && w->unknown) {
		evidence(l, NULL,
		         bclint_why_fmt(
		                 w,
		                 "%s is not among this Business Center's assets and nothing "
		                 "in it refers to it: it lives in another Business Center, or "
		                 "the ID is wrong%s%s",
		                 bclint_why_target_label(w),
		                 w->unknown_close ? " (close IDs here: " : "",
		                 w->unknown_close ? bclint_why_fmt(w, "%s)", w->unknown_close)
		                                  : ""));
		return set_state(l, WHY_BROKEN, "foreign-asset");
	}
	if (a == NULL) {
		evidence(l, w->asset_ref,
		         bclint_why_fmt(w,
		                        "%s is not among this Business Center's assets: it "
		                        "lives in another Business Center",
		                        bclint_why_target_label(w)));
		return set_state(l, WHY_BROKEN, "foreign-asset");
	}
	if (a->status != BCLINT_REL_BOUND) {
		evidence(l, &a->ent,
		         bclint_why_fmt(w,
		                        "%s is in this Business Center but not bound to it "
		                        "(relation_status %s)",
		                        bclint_why_asset_label(w, a), status[a->status]));
		return set_state(l, WHY_BROKEN, "unbound-asset");
	}
	if (a->owned_here)
		evidence(l, &a->ent,
		         bclint_why_fmt(w,
		                        "%s is owned by this Business Center (relation_status "
		                        "BOUND)",
		                        bclint_why_asset_label(w, a)));
	else
		evidence(l, &a->ent,
		         bclint_why_fmt(w,
		                        "%s is shared with this Business Center by its owner "
		                        "(relation_status BOUND)",
		                        bclint_why_asset_label(w, a)));
	return set_state(l, WHY_OK, NULL);
}

/* The member's role in the grant's asset group on this asset type. */
static struct bclint_cap group_cap(const struct bclint_why *w, const struct bclint_asset_group *g)
{
	for (size_t i = 0; i < g->n_members; i++)
		if (g->members[i].member == w->member)
			return g->members[i].caps[w->asset_type];
	return (struct bclint_cap){0, 0};
}

static const char *group_name(const struct bclint_asset_group *g)
{
	return g->name ? g->name : g->group_id;
}

static int check_assignment(struct bclint_why *w, struct bclint_why_layer *l)
{
	const struct bclint_grant *g = w->grant;
	if (w->asset_id == NULL) {
		evidence(l, NULL,
		         bclint_why_fmt(w,
		                        "%s is a Business Center action: no asset assignment is "
		                        "needed",
		                        w->action->name));
		return set_state(l, WHY_SKIPPED, NULL);
	}
	if (g == NULL) {
		evidence(l, &w->asset->ent,
		         bclint_why_fmt(w,
		                        "%s is not assigned %s, directly or through an "
		                        "asset group",
		                        w->member->email, bclint_why_asset_label(w, w->asset)));
		return set_state(l, WHY_BROKEN, "asset-not-assigned");
	}
	if (g->direct != NULL && bclint_role_field(w->asset_type) == NULL)
		evidence(l, &g->direct->ent, bclint_why_fmt(w, "assigned directly"));
	else if (g->direct != NULL)
		evidence(l, &g->direct->ent,
		         bclint_why_fmt(w, "assigned directly with %s",
		                        cap_text(w, BCLINT_SCOPE_ASSET, g->direct->cap)));
	if (g->group != NULL)
		evidence(l, &g->group->ent,
		         bclint_why_fmt(w, "%s through asset group '%s' with %s",
		                        g->direct ? "also assigned" : "assigned",
		                        group_name(g->group),
		                        cap_text(w, BCLINT_SCOPE_ASSET, group_cap(w, g->group))));
	return set_state(l, WHY_OK, NULL);
}

static const char *partner_name(const struct bclint_partner *p)
{
	return p->name != NULL && p->name[0] != '\0' ? p->name : p->bc_id;
}

/* Does a partner's share lower what grant g gives? */
static int share_lowers(const struct bclint_grant *g)
{
	return g->capped_by != NULL && g->granted.level > g->capped_by->cap.level;
}

/* Does g's direct assignment give what g gives (before a share's cap),
 * with no asset group above it? */
static int direct_gives(const struct bclint_grant *g)
{
	return g->direct != NULL && (g->group == NULL || bclint_covers(g->direct->cap, g->granted));
}

/* What really gives grant g its effective permission: the partner's share
 * when it lowers the grant, else the direct assignment when it alone
 * gives it, else the asset group (as the rules are told). */
static const struct bclint_entity *source_of(const struct bclint_grant *g)
{
	return bclint_grant_source(g);
}

/* The source, in words to append to "holds ROLE on ASSET". */
static const char *source_text(struct bclint_why *w, const struct bclint_grant *g, uint32_t type)
{
	if (share_lowers(g)) {
		char a[128], b[128];
		return bclint_why_fmt(
		        w,
		        " (granted %s, but partner '%s' shares it with this Business Center "
		        "at %s only)",
		        bclint_cap_describe(BCLINT_SCOPE_ASSET, type, g->granted, a, sizeof(a)),
		        partner_name(g->capped_by->partner),
		        bclint_cap_describe(BCLINT_SCOPE_ASSET, type, g->capped_by->cap, b,
		                            sizeof(b)));
	}
	if (direct_gives(g))
		return "";
	return bclint_why_fmt(w, " through asset group '%s'", group_name(g->group));
}

/* Spark Ads and LIVE in ads are made on an ad account: the second half
 * of layer 5, once the TikTok account's own grant covers the action. */
static int check_ad_account(struct bclint_why *w, struct bclint_why_layer *l)
{
	const char *who = w->member->email;
	struct bclint_cap req = w->action->also_req;
	char buf[128];
	const char *least =
	        bclint_why_fmt(w, "%s",
	                       bclint_cap_describe(BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER, req,
	                                           buf, sizeof(buf)));
	const struct bclint_grant *g = w->ad_grant;
	w->ad_broken = 1;
	if (w->ad_id != NULL && w->ad == NULL) {
		evidence(l, w->need ? &w->need->ent : NULL,
		         bclint_why_fmt(
		                 w,
		                 "the ads are made on ad account %s, which is not in this Business "
		                 "Center",
		                 w->ad_id));
		return set_state(l, WHY_BROKEN, "foreign-asset");
	}
	if (w->ad != NULL && g == NULL) {
		evidence(l, &w->ad->ent,
		         bclint_why_fmt(w, "the ads are made on %s, which is not assigned to %s",
		                        bclint_why_asset_label(w, w->ad), who));
		return set_state(l, WHY_BROKEN, "asset-not-assigned");
	}
	if (g == NULL) {
		evidence(l, &w->member->ent,
		         bclint_why_fmt(w,
		                        "%s holds no grant on any ad account: the ads are "
		                        "made on an ad account, which takes at least %s",
		                        who, least));
		return set_state(l, WHY_BROKEN, "permission-too-narrow");
	}
	const char *holds = bclint_why_fmt(
	        w, "%s holds %s on %s%s", who,
	        bclint_cap_describe(BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER, g->cap, buf,
	                            sizeof(buf)),
	        bclint_why_asset_label(w, g->asset), source_text(w, g, BCLINT_ASSET_ADVERTISER));
	const char *which =
	        w->ad_id ? "where the ads are made" : "the strongest ad account they hold";
	if (bclint_covers(g->cap, req)) {
		w->ad_broken = 0;
		evidence(l, source_of(g),
		         bclint_why_fmt(w, "%s, %s, which covers making the ads", holds, which));
		return set_state(l, WHY_OK, NULL);
	}
	evidence(l, source_of(g),
	         bclint_why_fmt(w,
	                        "%s, %s, which does not cover making the ads: it takes "
	                        "at least %s",
	                        holds, which, least));
	return set_state(l, WHY_BROKEN, "permission-too-narrow");
}

static int check_grant(struct bclint_why *w, struct bclint_why_layer *l)
{
	uint32_t scope = w->action->scope;
	struct bclint_need q;
	memset(&q, 0, sizeof(q));
	q.member = w->member;
	q.action = w->action;
	q.grant = w->grant;
	struct bclint_cap have = bclint_need_have(&q);
	const struct bclint_entity *ent = &w->member->ent;
	const char *from = "";
	if (scope == BCLINT_SCOPE_ASSET) {
		ent = source_of(w->grant);
		from = source_text(w, w->grant, w->asset_type);
	}
	const char *holds = bclint_why_fmt(w, "holds %s", cap_text(w, scope, have));
	const char *where = scope == BCLINT_SCOPE_ASSET
	                            ? bclint_why_fmt(w, " on %s", bclint_why_target_label(w))
	                            : "";
	if (scope == BCLINT_SCOPE_ASSET && bclint_role_field(w->asset_type) == NULL) {
		holds = "is assigned"; /* pixels and domains: assignment is the permission */
		where = bclint_why_fmt(w, " %s", bclint_why_target_label(w));
	}
	if (bclint_covers(have, w->action->req)) {
		evidence(l, ent,
		         bclint_why_fmt(w, "%s %s%s%s, which covers %s", w->member->email, holds,
		                        where, from, w->action->name));
		if (w->action->also_types != 0)
			return check_ad_account(w, l);
		return set_state(l, WHY_OK, NULL);
	}
	evidence(l, ent,
	         bclint_why_fmt(w, "%s %s%s%s, which does not cover %s: it needs at least %s",
	                        w->member->email, holds, where, from, w->action->name,
	                        bclint_why_least_grant(w)));
	return set_state(l, WHY_BROKEN, "permission-too-narrow");
}

static int check_session(struct bclint_why *w, struct bclint_why_layer *l)
{
	const struct bclint_member *mb = w->member;
	/* the direct assignment's time counts only when it gives the grant */
	const struct bclint_assignment *d =
	        w->grant && direct_gives(w->grant) ? w->grant->direct : NULL;
	if (w->asset_id == NULL) {
		evidence(l, NULL,
		         bclint_why_fmt(
		                 w, "Business Center role changes carry no time in the snapshot"));
		return set_state(l, WHY_SKIPPED, NULL);
	}
	if (d == NULL && (w->grant == NULL || w->grant->group == NULL)) {
		evidence(l, NULL,
		         bclint_why_fmt(w, "no direct assignment records a time of change"));
		return set_state(l, WHY_SKIPPED, NULL);
	}
	if (d == NULL) {
		evidence(l, &w->grant->group->ent,
		         bclint_why_fmt(w, "%s asset group '%s', which records no time of change",
		                        w->grant->direct ? "the role that counts comes through"
		                                         : "granted only through",
		                        group_name(w->grant->group)));
		return set_state(l, WHY_SKIPPED, NULL);
	}
	if (d->granted_at == BCLINT_NO_TIME) {
		evidence(l, &d->ent, bclint_why_fmt(w, "the assignment has no x_granted_at"));
		return set_state(l, WHY_SKIPPED, NULL);
	}
	if (mb->last_login_at == BCLINT_NO_TIME) {
		evidence(l, &mb->ent,
		         bclint_why_fmt(w, "%s has no recorded sign-in (x_last_login_at)",
		                        mb->email));
		return set_state(l, WHY_SKIPPED, NULL);
	}
	const char *granted = time_text(w, d->granted_at);
	const char *login = time_text(w, mb->last_login_at);
	if (d->granted_at > mb->last_login_at) {
		evidence(l, &d->ent,
		         bclint_why_fmt(w, "granted %s, after %s last signed in %s", granted,
		                        mb->email, login));
		return set_state(l, WHY_BROKEN, "stale-session");
	}
	evidence(l, &d->ent,
	         bclint_why_fmt(w, "granted %s; %s has signed in since, last %s", granted,
	                        mb->email, login));
	return set_state(l, WHY_OK, NULL);
}

static int (*const checks[WHY_N_LAYERS])(struct bclint_why *, struct bclint_why_layer *) = {
        check_member, check_delegation, check_asset, check_assignment, check_grant, check_session,
};

void bclint_why_walk(struct bclint_why *w)
{
	w->broken = -1;
	for (int i = 0; i < WHY_N_LAYERS; i++) {
		struct bclint_why_layer *l = &w->layers[i];
		if (w->broken >= 0) {
			evidence(l, NULL,
			         bclint_why_fmt(w, "not checked: layer %d (%s) is broken",
			                        w->broken + 1, bclint_why_layer_names[w->broken]));
			set_state(l, WHY_SKIPPED, NULL);
		} else if (checks[i](w, l) == WHY_BROKEN) {
			w->broken = i;
		}
	}
}

/* -- the fix, in Business Center terms ------------------------------------------- */

/* Raise grant g on asset `on` (of type `type`) to cover req. */
static const char *fix_asset_grant(struct bclint_why *w, const struct bclint_grant *g,
                                   uint32_t type, const char *on, struct bclint_cap req)
{
	const char *who = w->member->email;
	char a[128], b[128];
	struct bclint_cap want = req;
	want.set |= g->cap.set; /* keep the TikTok account roles they have */
	const char *target = bclint_why_fmt(
	        w, "%s", bclint_cap_describe(BCLINT_SCOPE_ASSET, type, want, a, sizeof(a)));
	if (g->capped_by != NULL && !bclint_covers(g->capped_by->cap, req))
		return bclint_why_fmt(
		        w,
		        "Partner '%s' shares %s with this Business Center at %s only, and no "
		        "grant here can give more: ask the partner to share it at least as %s "
		        "(the grant to %s can stay).",
		        partner_name(g->capped_by->partner), on,
		        bclint_cap_describe(BCLINT_SCOPE_ASSET, type, g->capped_by->cap, b,
		                            sizeof(b)),
		        target, who);
	if (direct_gives(g))
		return bclint_why_fmt(
		        w,
		        "In Business Center > Users > Members, open %s and raise their "
		        "permission on %s from %s to at least %s.",
		        who, on,
		        bclint_cap_describe(BCLINT_SCOPE_ASSET, type, g->cap, b, sizeof(b)),
		        target);
	if (g->direct != NULL)
		return bclint_why_fmt(
		        w,
		        "%s gets what they hold on %s through asset group '%s' (their direct "
		        "assignment is weaker): raise the direct permission from %s to at least "
		        "%s (Business Center > Users > Members), or the group's role (Business "
		        "Center > Assets > Asset groups).",
		        who, on, group_name(g->group),
		        bclint_cap_describe(BCLINT_SCOPE_ASSET, type, g->direct->cap, b, sizeof(b)),
		        target);
	return bclint_why_fmt(
	        w,
	        "%s gets %s only through asset group '%s': raise the group's role to at "
	        "least %s (Business Center > Assets > Asset groups), or in Business Center "
	        "> Users > Members assign %s to %s directly with at least %s.",
	        who, on, group_name(g->group), target, on, who, target);
}

static const char *fix_grant(struct bclint_why *w)
{
	const char *who = w->member->email;
	if (w->action->scope == BCLINT_SCOPE_BC_ROLE)
		return bclint_why_fmt(
		        w,
		        "In Business Center > Users > Members, open %s and change their role "
		        "to Admin (%s).",
		        who, bclint_why_least_grant(w));
	if (w->action->scope == BCLINT_SCOPE_FINANCE)
		return bclint_why_fmt(
		        w,
		        "In Business Center > Users > Members, open %s and set their finance "
		        "permission to at least %s.",
		        who, bclint_why_least_grant(w));
	return fix_asset_grant(w, w->grant, w->asset_type, bclint_why_target_label(w),
	                       w->action->req);
}

/* The fix when the ad account the ads are made on is what is missing. */
static const char *fix_ad_account(struct bclint_why *w, const char *rule)
{
	const char *who = w->member->email;
	char buf[128];
	const char *least =
	        bclint_why_fmt(w, "%s",
	                       bclint_cap_describe(BCLINT_SCOPE_ASSET, BCLINT_ASSET_ADVERTISER,
	                                           w->action->also_req, buf, sizeof(buf)));
	if (strcmp(rule, "foreign-asset") == 0)
		return bclint_why_fmt(
		        w,
		        "Ad account %s lives in another Business Center: make the ads on an "
		        "ad account of this one, or ask the Business Center that owns %s to "
		        "share it here (Partners) and then assign it to %s with at least %s.",
		        w->ad_id, w->ad_id, who, least);
	if (strcmp(rule, "asset-not-assigned") == 0)
		return bclint_why_fmt(
		        w,
		        "In Business Center > Users > Members, open %s, choose Assign assets "
		        "and add %s, where the ads are made, with at least %s.",
		        who, bclint_why_asset_label(w, w->ad), least);
	if (w->ad_grant == NULL)
		return bclint_why_fmt(
		        w,
		        "In Business Center > Users > Members, open %s, choose Assign assets "
		        "and add the ad account the ads are made on with at least %s; name it "
		        "in the plan with x_advertiser_id.",
		        who, least);
	return fix_asset_grant(w, w->ad_grant, BCLINT_ASSET_ADVERTISER,
	                       bclint_why_asset_label(w, w->ad_grant->asset), w->action->also_req);
}

const char *bclint_why_fix(struct bclint_why *w)
{
	const char *who = w->member->email;
	const char *on = w->asset_id ? bclint_why_fmt(w, " on %s", bclint_why_target_label(w)) : "";
	const char *rule = w->broken >= 0 ? w->layers[w->broken].rule : NULL;
	if (rule == NULL)
		return bclint_why_fmt(
		        w,
		        "Nothing to change: %s should be able to do %s%s. If it still fails, "
		        "ask them to sign out and sign in again.",
		        who, w->action->name, on);
	if (w->ad_broken)
		return fix_ad_account(w, rule);
	if (strcmp(rule, "pending-invitation") == 0)
		return bclint_why_fmt(
		        w,
		        "Ask %s to accept the invitation to this Business Center (sent by "
		        "email); if it has expired, resend it in Business Center > Users > "
		        "Members. Nothing else takes effect until they accept.",
		        who);
	if (strcmp(rule, "not-a-member") == 0 && w->action->scope == BCLINT_SCOPE_CREATOR)
		return bclint_why_fmt(
		        w,
		        "Invite %s again in Business Center > Users > Members > Invite "
		        "members if they should be here; %s itself is creator-only and no "
		        "role can grant it.",
		        who, w->action->name);
	if (strcmp(rule, "former-member-access") == 0 && w->action->scope == BCLINT_SCOPE_CREATOR)
		return bclint_why_fmt(
		        w,
		        "%s is no longer a member, and what is still recorded for them here "
		        "does nothing: remove it (their assignments, asset groups and needs in "
		        "the plan), or invite them again if they should be here; %s itself is "
		        "creator-only and no role can grant it.",
		        who, w->action->name);
	if (strcmp(rule, "former-member-access") == 0)
		return bclint_why_fmt(
		        w,
		        "%s is no longer a member, and what is still recorded for them here "
		        "does nothing. If they should have access, invite them again in "
		        "Business Center > Users > Members > Invite members and, once they "
		        "accept, check that they hold at least %s%s; if not, remove what is "
		        "left (their assignments, asset groups and needs in the plan).",
		        who, bclint_why_least_grant(w), on);
	if (strcmp(rule, "not-a-member") == 0)
		return bclint_why_fmt(
		        w,
		        "Invite %s again in Business Center > Users > Members > Invite "
		        "members; once they accept, give them at least %s%s.",
		        who, bclint_why_least_grant(w), on);
	if (strcmp(rule, "non-delegable-action") == 0)
		return bclint_why_fmt(
		        w,
		        "%s is creator-only: no role in Business Center can grant it. The "
		        "TikTok account's owner has to do it, signed in to that account.",
		        w->action->name);
	if (strcmp(rule, "foreign-asset") == 0 && w->unknown)
		return bclint_why_fmt(
		        w,
		        "Check the ID first. If %s is right, it lives in another Business "
		        "Center: ask that Business Center to give %s at least %s there, or to "
		        "share the asset with this Business Center (Partners) so that it can be "
		        "assigned here.",
		        bclint_why_target_label(w), who, bclint_why_least_grant(w));
	if (strcmp(rule, "foreign-asset") == 0)
		return bclint_why_fmt(
		        w,
		        "%s lives in another Business Center: ask that Business Center to "
		        "give %s at least %s there, or to share the asset with this Business "
		        "Center (Partners) so that it can be assigned here.",
		        bclint_why_target_label(w), who, bclint_why_least_grant(w));
	if (strcmp(rule, "unbound-asset") == 0)
		return bclint_why_fmt(
		        w,
		        "Bind %s to this Business Center first: in Business Center > Assets, "
		        "complete or repeat the request (its owner must approve it); then "
		        "assign it to %s with at least %s.",
		        bclint_why_target_label(w), who, bclint_why_least_grant(w));
	if (strcmp(rule, "asset-not-assigned") == 0)
		return bclint_why_fmt(
		        w,
		        "In Business Center > Users > Members, open %s, choose Assign assets "
		        "and add %s with at least %s (or add them to an asset group that "
		        "holds it).",
		        who, bclint_why_target_label(w), bclint_why_least_grant(w));
	if (strcmp(rule, "permission-too-narrow") == 0)
		return fix_grant(w);
	return bclint_why_fmt(
	        w,
	        "The permission is already right but was granted after %s last signed "
	        "in: ask them to refresh the page, or sign out and sign in again.",
	        who);
}

/* -- the question ---------------------------------------------------------- */

/* The ad account need n names for its ads (x_advertiser_id), or NULL. */
static const char *named_ad(const struct bclint_why *w, const struct bclint_need *n)
{
	const char *id;
	const struct bclint_asset *a;
	bclint_snapshot_also(w->snap, n, &id, &a);
	return id;
}

/* Does need n name the ad account the question names (--advertiser)? */
static int same_ad(const char *asked, const char *named)
{
	return asked == NULL || (named != NULL && strcmp(asked, named) == 0);
}

/* The same question in the access plan, if it is there.  Without
 * --advertiser, a need that names no ad account is the same question,
 * else the first that names one. */
static const struct bclint_need *find_need(const struct bclint_why *w)
{
	const struct bclint_need *first = NULL;
	for (size_t i = 0; i < w->member->n_needs; i++) {
		const struct bclint_need *n = w->member->needs[i];
		if (n->action != w->action)
			continue;
		if (w->asset_id == NULL ? n->asset_id != NULL
		                        : n->asset_id == NULL || n->asset_type != w->asset_type ||
		                                  strcmp(n->asset_id, w->asset_id) != 0)
			continue;
		const char *named = named_ad(w, n);
		if (!same_ad(w->ad_id, named))
			continue;
		if (named == NULL || w->ad_id != NULL)
			return n;
		if (first == NULL)
			first = n;
	}
	return first;
}

/* The member's grant on asset a, or NULL. */
static const struct bclint_grant *grant_on(const struct bclint_member *mb,
                                           const struct bclint_asset *a)
{
	for (size_t i = 0; a != NULL && i < mb->n_grants; i++)
		if (mb->grants[i]->asset == a)
			return mb->grants[i];
	return NULL;
}

/* The ad account the ads are made on: the plan's, else the one --advertiser
 * names, else the member's strongest. */
static void find_ad_account(struct bclint_why *w)
{
	if (w->action->also_types == 0)
		return;
	if (w->need != NULL) {
		w->ad_grant = bclint_snapshot_also(w->snap, w->need, &w->ad_id, &w->ad);
		return;
	}
	const struct bclint_model *m = w->m;
	if (w->ad_id != NULL) {
		for (size_t i = 0; i < m->n_assets && w->ad == NULL; i++)
			if (m->assets[i].type == BCLINT_ASSET_ADVERTISER &&
			    strcmp(m->assets[i].asset_id, w->ad_id) == 0)
				w->ad = &m->assets[i];
		w->ad_grant = grant_on(w->member, w->ad);
		return;
	}
	for (size_t i = 0; i < w->member->n_grants; i++) {
		const struct bclint_grant *g = w->member->grants[i];
		if (g->asset->type == BCLINT_ASSET_ADVERTISER &&
		    (w->ad_grant == NULL || g->cap.level > w->ad_grant->cap.level))
			w->ad_grant = g;
	}
	w->ad = w->ad_grant ? w->ad_grant->asset : NULL;
}

void bclint_why_question(struct bclint_why *w)
{
	w->grant = grant_on(w->member, w->asset);
	w->need = find_need(w);
	find_ad_account(w);
}

void bclint_why_answer(struct bclint_why *w)
{
	bclint_why_walk(w);
	w->fix = bclint_why_fix(w);
}

/* Ask need n's question: the walk and the fix, as for one question. */
void bclint_why_ask_need(struct bclint_why *w, const struct bclint_need *n)
{
	w->action = n->action;
	w->asset_id = n->asset_id;
	w->asset_type = n->asset_type;
	w->asset = n->asset;
	w->asset_ref = n->asset_id != NULL && n->asset == NULL ? &n->ent : NULL;
	w->grant = n->grant;
	w->need = n;
	w->ad_id = NULL;
	w->ad = NULL;
	w->ad_grant = NULL;
	w->ad_broken = 0;
	memset(w->layers, 0, sizeof(w->layers));
	find_ad_account(w);
	bclint_why_answer(w);
}
