/* A plugin whose rule ID is already taken by a built-in rule. */
#include "fixture.h"

static const struct bclint_rule rules[] = {
        FIXTURE_RULE("too-many-admins", "TooManyAdminsAgain", quiet_check)};
BCLINT_PLUGIN_DEFINE("test-clash", "0.1", "test", rules);
