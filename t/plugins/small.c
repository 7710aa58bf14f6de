/* A descriptor claiming to be smaller than this host's. */
#include "fixture.h"

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-small", "TestSmall", quiet_check)};
BCLINT_EXPORT extern const struct bclint_plugin bclint_plugin;
const struct bclint_plugin bclint_plugin = {BCLINT_PLUGIN_MAGIC,
                                            BCLINT_ABI_VERSION,
                                            16,
                                            sizeof(struct bclint_rule),
                                            "s",
                                            "1",
                                            "",
                                            rules,
                                            1};
