/* A well-formed plugin with one rule that reports one finding at /bc. */
#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->bc.ent, "hello from a plugin");
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-good", "TestGood", check)};
BCLINT_PLUGIN_DEFINE("test-good", "0.1", "test", rules);
