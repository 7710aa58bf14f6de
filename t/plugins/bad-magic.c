/* A descriptor whose magic number is wrong. */
#include "fixture.h"

static const struct bclint_rule rules[] = {FIXTURE_RULE("test-magic", "TestMagic", quiet_check)};
BCLINT_EXPORT extern const struct bclint_plugin bclint_plugin;
const struct bclint_plugin bclint_plugin = {0xdeadbeef,
                                            BCLINT_ABI_VERSION,
                                            sizeof(struct bclint_plugin),
                                            sizeof(struct bclint_rule),
                                            "m",
                                            "1",
                                            "",
                                            rules,
                                            1};
