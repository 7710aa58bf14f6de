/* A rule whose precision is not one of SARIF's. */
#include "fixture.h"

static const struct bclint_rule rules[] = {{
        .id = "test-precision",
        .name = "TestPrecision",
        .summary = "test rule",
        .level = BCLINT_LEVEL_WARNING,
        .check = quiet_check,
        .precision = "certain",
}};
BCLINT_PLUGIN_DEFINE("bad-precision", "1", "", rules);
