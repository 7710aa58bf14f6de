/* A plugin whose rule says which process it runs in, and misbehaves on
 * the snapshots that ask for it by their Business Center ID: "crash"
 * dies of SIGSEGV, "loop" never returns, "leak" loses memory (which only
 * valgrind sees, when the worker ends).  Tests of workers that lint file
 * after file. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static void *volatile lost;

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	volatile unsigned long spins = 0;
	if (strcmp(m->bc.bc_id, "crash") == 0)
		raise(SIGSEGV);
	while (strcmp(m->bc.bc_id, "loop") == 0)
		spins++;
	if (strcmp(m->bc.bc_id, "leak") == 0) {
		lost = malloc(64); /* volatile: the compiler keeps the call */
		lost = NULL;
	}
	h->report(ctx, BCLINT_LEVEL_DEFAULT, &m->bc.ent, "worker %ld", (long)getpid());
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-worker", "TestWorker", check)};
BCLINT_PLUGIN_DEFINE("test-worker", "0.1", "test", rules);
