/* A plugin whose rule reports one finding, then never returns. */
#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	volatile unsigned long spins = 0;
	h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->bc.ent, "reported before looping");
	for (;;)
		spins++;
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-loop", "TestLoop", check)};
BCLINT_PLUGIN_DEFINE("test-loop", "0.1", "test", rules);
