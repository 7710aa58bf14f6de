/* Unit tests of the troubleshooting ladder (src/ladder.c) over a small
 * snapshot: the question completed from the member, action and asset, the
 * first broken layer, the later ones skipped, and the fix; the sweep's
 * question of one need. */
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "ladder.h"
#include "tap.h"

static const char snapshot[] =
        "{\"schema\": \"bclint-snapshot/1\", \"captured_at\": \"2026-10-20T12:00:00Z\",\n"
        " \"bc\": {\"bc_id\": \"1\"},\n"
        " \"members\": [{\"user_id\": \"11\", \"user_email\": \"ana@x.example\",\n"
        "   \"user_role\": \"STANDARD\", \"x_last_login_at\": \"2026-10-10T09:00:00Z\"},\n"
        "  {\"user_id\": \"12\", \"user_email\": \"bo@x.example\", \"user_role\": \"STANDARD\"}],\n"
        " \"assets\": [{\"asset_id\": \"100\", \"asset_type\": \"ADVERTISER\",\n"
        "   \"asset_name\": \"Brand US\"}],\n"
        " \"assignments\": [{\"user_id\": \"11\", \"asset_id\": \"100\",\n"
        "   \"asset_type\": \"ADVERTISER\", \"advertiser_role\": \"ANALYST\",\n"
        "   \"x_granted_at\": \"2026-10-01T10:00:00Z\"}],\n"
        " \"needs\": [{\"user_id\": \"11\", \"action\": \"VIEW_ADS\", \"asset_id\": \"100\",\n"
        "   \"asset_type\": \"ADVERTISER\"},\n"
        "  {\"user_id\": \"11\", \"action\": \"CREATE_EDIT_ADS\", \"asset_id\": \"100\",\n"
        "   \"asset_type\": \"ADVERTISER\"}]}\n";

struct world {
	struct bclint_report report;
	struct bclint_why w;
};

static int world(struct world *x)
{
	memset(x, 0, sizeof(*x));
	bclint_report_add_source(&x->report, strdup("l.json"),
	                         bclint_text_own(strdup(snapshot), sizeof(snapshot) - 1));
	x->w.snap = bclint_snapshot_load(&x->report, 0, 0);
	if (x->w.snap == NULL || x->w.snap->errors > 0)
		return -1;
	x->w.m = &x->w.snap->model;
	x->w.text = x->report.sources[0].text.data;
	x->w.len = x->report.sources[0].text.len;
	x->w.now = x->w.m->captured_at;
	return 0;
}

static void world_free(struct world *x)
{
	bclint_snapshot_free(x->w.snap);
	bclint_arena_free(&x->w.arena);
	bclint_report_free(&x->report);
}

/* Ask member i about action on the model's first asset (or none). */
static void ask(struct bclint_why *w, size_t i, const char *action, int on_asset)
{
	w->member = &w->m->members[i];
	w->action = bclint_action_find(action);
	if (on_asset) {
		w->asset = &w->m->assets[0];
		w->asset_id = w->asset->asset_id;
		w->asset_type = w->asset->type;
	}
	bclint_why_question(w);
	bclint_why_answer(w);
}

/* Layer states as one string: "ok ok ok broken skipped skipped". */
static const char *states(const struct bclint_why *w)
{
	static char s[96];
	s[0] = '\0';
	for (int i = 0; i < WHY_N_LAYERS; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, bclint_why_state_names[w->layers[i].state]);
	}
	return s;
}

int main(void)
{
	plan(16);
	struct world x;
	if (!ok(world(&x) == 0, "the snapshot loads")) {
		return done_testing();
	}

	/* no assignment: the fourth layer */
	struct bclint_why *w = &x.w;
	ask(w, 1, "VIEW_ADS", 1);
	ok(w->grant == NULL && w->need == NULL, "unassigned: no grant, no need in the plan");
	is_int(w->broken, WHY_ASSIGNMENT, "unassigned: the assignment is the first broken layer");
	is_string(w->layers[WHY_ASSIGNMENT].rule, "asset-not-assigned", "unassigned: the verdict");
	is_string(states(w), "ok ok ok broken skipped skipped", "unassigned: later layers skipped");
	is_string(w->fix,
	          "In Business Center > Users > Members, open bo@x.example, choose Assign assets "
	          "and add ad account 'Brand US' (100) with at least advertiser_role ANALYST (or "
	          "add them to an asset group that holds it).",
	          "unassigned: the fix");
	ok(!w->oom, "unassigned: every string was built");

	/* assigned, and the grant covers the action */
	memset(w->layers, 0, sizeof(w->layers));
	ask(w, 0, "VIEW_ADS", 1);
	ok(w->grant != NULL && w->need == w->m->members[0].needs[0],
	   "covered: the member's grant and the same need in the plan are found");
	is_int(w->broken, -1, "covered: no layer is broken");
	is_string(states(w), "ok ok ok ok ok ok", "covered: every layer ok");

	/* the sweep's question: a need whose grant is too narrow */
	const struct bclint_need *n = w->m->members[0].needs[1];
	bclint_why_ask_need(w, n);
	ok(w->need == n && w->action == n->action, "a need's question is the need's");
	is_int(w->broken, WHY_GRANT, "too narrow: the grant is the first broken layer");
	is_string(w->layers[WHY_GRANT].rule, "permission-too-narrow", "too narrow: the verdict");
	is_string(states(w), "ok ok ok ok broken skipped", "too narrow: the session is skipped");

	/* labels, as the messages name them */
	is_string(bclint_why_member_label(w, &w->m->members[0]), "ana@x.example (11)",
	          "a member's label");
	is_string(bclint_why_asset_label(w, &w->m->assets[0]), "ad account 'Brand US' (100)",
	          "an asset's label");
	world_free(&x);
	return done_testing();
}
