/* bclint's command table: the first argument names a command (import,
 * why, diff, access), --check-fixtures runs the rule test harness, and anything else is
 * the lint command's.  Each command is a file of src/cmd/. */
#include "config.h"

#include <string.h>

#include "cmd/cmd.h"

static const struct bclint_cmd *const commands[] = {
        &bclint_cmd_import, &bclint_cmd_why,      &bclint_cmd_diff,
        &bclint_cmd_access, &bclint_cmd_fixtures,
};

int main(int argc, char **argv)
{
	for (size_t i = 0; argc > 1 && i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i]->name) == 0)
			return commands[i]->exec(commands[i], argc - 1, argv + 1);
	return bclint_cmd_lint.exec(&bclint_cmd_lint, argc, argv);
}
