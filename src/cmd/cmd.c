/* What the commands share: usage errors, --help, and printing the
 * library's diagnostics. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "level.h"

const char *bclint_cmd_prog(const struct bclint_cmd *cmd)
{
	static char prog[64];
	if (strcmp(cmd->name, "lint") == 0 || cmd->name[0] == '-')
		return "bclint";
	snprintf(prog, sizeof(prog), "bclint %s", cmd->name);
	return prog;
}

/* "bclint --help", or "bclint why --help". */
static void help_hint(const struct bclint_cmd *cmd)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", bclint_cmd_prog(cmd));
}

int bclint_usage_error(const struct bclint_cmd *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: error: ", cmd->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	help_hint(cmd);
	return 2;
}

int bclint_cmd_getopt(const struct bclint_cmd *cmd, int argc, char **argv)
{
	int ch = getopt_long(argc, argv, cmd->shortopts, cmd->longopts, NULL);
	if (ch == '?')
		help_hint(cmd);
	return ch;
}

void bclint_cmd_help(const struct bclint_cmd *cmd)
{
	printf("Usage: %s %s\n%s", bclint_cmd_prog(cmd), cmd->usage, cmd->help);
}

void bclint_cmd_print_diag(void *arg, const struct bclint_diag *d)
{
	const struct bclint_cmd *cmd = arg;
	if (d->line > 0 && d->file != NULL)
		fprintf(stderr, "%s:%u:%u: %s: %s\n", d->file, d->line, d->col,
		        bclint_level_name(d->level), d->message);
	else
		fprintf(stderr, "%s: %s: %s\n", cmd->prog, bclint_level_name(d->level), d->message);
}
