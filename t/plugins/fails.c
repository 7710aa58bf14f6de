/* A plugin whose rule reports one finding, then fails. */
#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->bc.ent, "reported before failing");
	return -5;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-fails", "TestFails", check)};
BCLINT_PLUGIN_DEFINE("test-fails", "0.1", "test", rules);
