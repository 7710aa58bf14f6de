/* A plugin whose rule reports one finding, then dies of SIGSEGV: the run
 * goes on without that finding.  The signal is raised rather than caused
 * by a null store, which a sanitizer build would catch as undefined
 * behaviour before any signal. */
#include <signal.h>

#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->bc.ent, "reported before crashing");
	raise(SIGSEGV);
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-crash", "TestCrash", check)};
BCLINT_PLUGIN_DEFINE("test-crash", "0.1", "test", rules);
