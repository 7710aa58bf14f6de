/* A plugin whose rule reports one finding, then writes through a null
 * pointer (SIGSEGV): the run goes on without that finding. */
#include <stddef.h>

#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx,
                 const struct bclint_model *m)
{
	volatile int *volatile nowhere = NULL;
	h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->bc.ent, "reported before crashing");
	*nowhere = 1;
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-crash", "TestCrash", check)};
BCLINT_PLUGIN_DEFINE("test-crash", "0.1", "test", rules);
