/* What the commands share: usage errors, --help, --version, and printing
 * the library's diagnostics. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bclint/plugin.h"
#include "cmd.h"
#include "level.h"
#include "lint.h"
#include "redact.h"
#include "text.h"
#include "textsafe.h"

/* As LICENSE has it. */
#define BCLINT_COPYRIGHT "Copyright (C) 2026 The bclint authors."

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
	printf("Usage: %s %s\n%s\nReport bugs to: <%s>\n%s home page: <%s>\n", bclint_cmd_prog(cmd),
	       cmd->usage, cmd->help, PACKAGE_BUGREPORT, PACKAGE_NAME, PACKAGE_URL);
}

void bclint_cmd_version(const struct bclint_cmd *cmd)
{
	if (strcmp(bclint_cmd_prog(cmd), "bclint") == 0)
		printf("bclint %s (plugin ABI %d)\n", PACKAGE_VERSION, BCLINT_ABI_VERSION);
	else
		printf("%s (%s) %s\n", bclint_cmd_prog(cmd), PACKAGE_NAME, PACKAGE_VERSION);
	fputs(BCLINT_COPYRIGHT
	      "\n"
	      "License MIT: <https://opensource.org/licenses/MIT>.\n"
	      "This is free software: you are free to change and redistribute it.\n"
	      "There is NO WARRANTY, to the extent permitted by law.\n",
	      stdout);
}

int bclint_cmd_help_or_version(const struct bclint_cmd *cmd, const char *arg)
{
	if (strcmp(arg, "--help") == 0)
		bclint_cmd_help(cmd);
	else if (strcmp(arg, "--version") == 0)
		bclint_cmd_version(cmd);
	else
		return 0;
	return 1;
}

/* The file name as in a finding's line; the message with its characters
 * escaped (no line break, control, invisible or bidirectional character
 * passes), but not its shapes: it quotes JSON and names the files and
 * positions it refers to, and a message about bad input quotes little of
 * it, none of it where a reader looks for a location. */
void bclint_cmd_print_diag(void *arg, const struct bclint_diag *d)
{
	const struct bclint_cmd *cmd = arg;
	struct bclint_buf b = {0};
	if (d->line > 0 && d->file != NULL) {
		bclint_textsafe(&b, d->file, BCLINT_TEXTSAFE_FILE);
		bclint_buf_printf(&b, ":%u:%u: ", d->line, d->col);
	} else {
		bclint_buf_printf(&b, "%s: ", cmd->prog);
	}
	bclint_buf_printf(&b, "%s: ", bclint_level_name(d->level));
	bclint_textsafe(&b, d->message, BCLINT_TEXTSAFE_CHARS);
	if (b.oom)
		fprintf(stderr, "%s: error: out of memory\n", cmd->prog);
	else
		fprintf(stderr, "%s\n", b.data);
	free(b.data);
}

/* --redact's key: derived from --redact-key's FILE, else from
 * BCLINT_REDACT_KEY, else a new random one. */
int bclint_cmd_redact_key(const struct bclint_cmd *cmd, const char *file, unsigned char *key)
{
	const char *env = getenv("BCLINT_REDACT_KEY"), *prog = cmd->prog;
	if (file != NULL) {
		struct bclint_text t = {0};
		if (bclint_text_read(file, &t) < 0) {
			fprintf(stderr, "%s: error: cannot read redaction key '%s': %s\n", prog,
			        file, strerror(errno));
			return BCLINT_EXIT_USAGE;
		}
		int r = bclint_redact_key_derive(key, t.data, t.len);
		size_t len = t.len;
		bclint_text_free(&t);
		if (r < 0) {
			fprintf(stderr,
			        "%s: error: redaction key '%s' is too short (%zu byte%s; at "
			        "least %d)\n",
			        prog, file, len, len == 1 ? "" : "s", BCLINT_REDACT_SECRET_MIN);
			return BCLINT_EXIT_USAGE;
		}
	} else if (env != NULL) {
		size_t len = strlen(env);
		if (bclint_redact_key_derive(key, env, len) < 0) {
			fprintf(stderr,
			        "%s: error: BCLINT_REDACT_KEY is too short (%zu byte%s; at least "
			        "%d)\n",
			        prog, len, len == 1 ? "" : "s", BCLINT_REDACT_SECRET_MIN);
			return BCLINT_EXIT_USAGE;
		}
	} else if (bclint_redact_key_random(key) < 0) {
		fprintf(stderr, "%s: error: cannot make a redaction key: libsodium did not start\n",
		        prog);
		return BCLINT_EXIT_USAGE;
	}
	return 0;
}
