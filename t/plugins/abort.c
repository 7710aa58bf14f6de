/* A plugin whose rule calls abort() (SIGABRT), as a failed assert() does. */
#include <stdlib.h>

#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	(void)h;
	(void)ctx;
	if (m->n_members < 1000000)
		abort();
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-abort", "TestAbort", check)};
BCLINT_PLUGIN_DEFINE("test-abort", "0.1", "test", rules);
