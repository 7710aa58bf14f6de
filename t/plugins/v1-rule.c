/* A plugin built before struct bclint_rule grew its appended fields: its
 * descriptor says rule_size is the first version's, so the host must not
 * read the precision this struct happens to hold. */
#include "fixture.h"

static const struct bclint_rule rules[] = {{
        .id = "test-v1",
        .name = "TestV1",
        .summary = "test rule",
        .level = BCLINT_LEVEL_WARNING,
        .check = quiet_check,
        .precision = "not read",
}};
BCLINT_EXPORT extern const struct bclint_plugin bclint_plugin;
const struct bclint_plugin bclint_plugin = {BCLINT_PLUGIN_MAGIC,
                                            BCLINT_ABI_VERSION,
                                            (uint32_t)sizeof(struct bclint_plugin),
                                            (uint32_t)BCLINT_RULE_SIZE_1,
                                            "v1",
                                            "1",
                                            "",
                                            rules,
                                            1};
