/* bclint diff [OPTION]... OLD NEW: what changed in a Business Center's
 * access between two snapshots.  The lint command with NEW linted beside
 * OLD and only the rules tagged "drift" enabled, so that levels, the
 * configuration, suppressions, baselines and every format apply to the
 * change report unchanged. */
#include "config.h"

#include "cmd.h"

static const char help[] =
        "Report what changed in a Business Center's access from OLD to NEW, two\n"
        "snapshots of it: members added or removed, roles raised or lowered, grants\n"
        "and shares added, removed, widened or narrowed, and more (the rules tagged\n"
        "'drift'; see bclint --list-rules).  Each change is reported at its entity\n"
        "in NEW, or, for a removal, in OLD, with a note at the other snapshot.\n"
        "\n"
        "Options are those of bclint (see bclint --help), among them:\n"
        "  -f, --format=FORMAT        gcc (default), sarif, json, github, gitlab, junit,\n"
        "                             checkstyle or azure\n"
        "  -o, --output=FILE          write the report to FILE (atomically)\n"
        "      --fail-on=LEVEL        error (default), warning, note or none\n"
        "      --enable=RULE[,RULE]   run more rules (lint rules too)\n"
        "      --disable=RULE[,RULE]  leave drift rules out\n"
        "      --level=RULE=LEVEL     error, warning, note or off\n"
        "      --baseline=FILE        report only changes not in FILE (json or sarif)\n"
        "\n"
        "Exit status: 0 nothing at or above --fail-on, 1 changes at or above it\n"
        "(by default: an escalation to Admin), 2 usage or input error (OLD or NEW\n"
        "unreadable or invalid, or of two Business Centers), 3 a plugin failed.\n"
        "See bclint(1), DRIFT.\n";

static int diff_exec(const struct bclint_cmd *self, int argc, char **argv)
{
	return bclint_cmd_lint_run(self, argc, argv, 1);
}

const struct bclint_cmd bclint_cmd_diff = {
        "diff",    "bclint diff", "[OPTION]... OLD NEW", help, "f:o:c:qj:", bclint_lint_longopts,
        diff_exec,
};
