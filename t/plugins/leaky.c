/* A careless plugin that prints members' names and emails directly instead
 * of calling member_label(): --redact must still hide them. */
#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	for (size_t i = 0; i < m->n_members; i++) {
		const struct bclint_member *mb = &m->members[i];
		struct bclint_finding *f =
		        h->report(ctx, BCLINT_LEVEL_DEFAULT, &mb->ent, "raw %s <%s>",
		                  mb->name ? mb->name : "-", mb->email);
		h->note(ctx, f, &mb->ent, "again: %s", mb->email);
	}
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-leaky", "TestLeaky", check)};
BCLINT_PLUGIN_DEFINE("test-leaky", "0.1", "test", rules);
