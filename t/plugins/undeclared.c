/* A plugin whose rule reads an option it never declared. */
#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	(void)m;
	return h->opt_int(ctx, "surprise") == 0 ? 0 : -1;
}

static const struct bclint_rule rules[] = {
        FIXTURE_RULE("test-undeclared", "TestUndeclared", check)};
BCLINT_PLUGIN_DEFINE("test-undeclared", "0.1", "test", rules);
