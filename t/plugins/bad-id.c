/* A plugin whose rule ID breaks the naming rules. */
#include "fixture.h"

static const struct bclint_rule rules[] = {FIXTURE_RULE("Bad_ID", "BadId", quiet_check)};
BCLINT_PLUGIN_DEFINE("test-bad-id", "0.1", "test", rules);
