/* A plugin that prints strings which do not outlive its call to report():
 * its stack, a heap buffer it frees, a static buffer it writes again, a
 * format it builds.  The report must show them as they were, whenever it
 * is written, beside labels and model strings the host keeps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static int check(const struct bclint_host *h, struct bclint_ctx *ctx, const struct bclint_model *m)
{
	static char shared[32];
	for (size_t i = 0; i < m->n_members; i++) {
		const struct bclint_member *mb = &m->members[i];
		char stack[64], fmt[32];
		snprintf(stack, sizeof(stack), "stack:%s", mb->email);
		snprintf(shared, sizeof(shared), "static:%zu", i);
		char *heap = strdup(mb->email);
		if (heap == NULL)
			return -1;
		struct bclint_finding *f = h->report(ctx, BCLINT_LEVEL_DEFAULT, &mb->ent,
		                                     "%s heap:%s %s model:%s %s %d%%", stack, heap,
		                                     shared, mb->email, "rodata", (int)i);
		memset(heap, 'X', strlen(heap));
		free(heap);
		memset(stack, 'X', sizeof(stack) - 1);
		snprintf(fmt, sizeof(fmt), "built %s %%s", i ? "one" : "zero");
		h->note(ctx, f, &mb->ent, fmt, h->member_label(ctx, mb));
		memset(fmt, 'X', sizeof(fmt) - 1);
	}
	for (size_t i = 0; i < m->n_assets; i++) {
		const struct bclint_asset *a = &m->assets[i];
		struct bclint_cap cap = {2, 0};
		h->report(ctx, BCLINT_LEVEL_DEFAULT, &a->ent, "%s needs %s", h->asset_label(ctx, a),
		          h->cap_label(ctx, BCLINT_SCOPE_ASSET, a->type, cap));
	}
	snprintf(shared, sizeof(shared), "overwritten");
	return 0;
}

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-fleeting", "TestFleeting", check)};
BCLINT_PLUGIN_DEFINE("test-fleeting", "0.1", "test", rules);
