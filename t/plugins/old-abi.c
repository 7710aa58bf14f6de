/* A descriptor built for another plugin ABI. */
#include "fixture.h"

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-abi", "TestAbi", quiet_check)};
BCLINT_EXPORT extern const struct bclint_plugin bclint_plugin;
const struct bclint_plugin bclint_plugin = {BCLINT_PLUGIN_MAGIC,
                                            BCLINT_ABI_VERSION + 41,
                                            sizeof(struct bclint_plugin),
                                            sizeof(struct bclint_rule),
                                            "a",
                                            "1",
                                            "",
                                            rules,
                                            1};
