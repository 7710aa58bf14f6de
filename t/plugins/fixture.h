/* Shared bits of the test-only plugins: a rule that reports nothing. */
#include <bclint/plugin.h>

__attribute__((unused)) static int quiet_check(const struct bclint_host *h, struct bclint_ctx *ctx,
                                               const struct bclint_model *m)
{
	(void)h;
	(void)ctx;
	(void)m;
	return 0;
}

#define FIXTURE_RULE(rid, rname, fn)                                                               \
	{                                                                                          \
		.id = rid, .name = rname, .summary = "test rule", .level = BCLINT_LEVEL_WARNING,   \
		.check = fn                                                                        \
	}
