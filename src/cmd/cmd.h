/* bclint's commands: one file each, each exporting one entry of the
 * command table that main.c dispatches on.  Command files are the only
 * code that prints and chooses the exit status. */
#ifndef BCLINT_CMD_H
#define BCLINT_CMD_H 1

#include <getopt.h>

#include "diag.h"

struct bclint_cmd {
	const char *name;  /* the word after "bclint" ("why"); the lint command's is "lint" */
	const char *prog;  /* how its messages begin: "bclint", "bclint why" */
	const char *usage; /* the synopsis after the name, for --help and errors */
	const char *help;  /* the rest of --help: what it does, options, exit status */
	const char *shortopts;
	const struct option *longopts;
	int (*exec)(const struct bclint_cmd *self, int argc, char **argv);
};

extern const struct bclint_cmd bclint_cmd_lint, bclint_cmd_import, bclint_cmd_why,
        bclint_cmd_fixtures, bclint_cmd_diff, bclint_cmd_access;

/* The lint command's long options, which bclint diff shares. */
extern const struct option bclint_lint_longopts[];

/* The lint command under self's name: with diff, the first two operands
 * are OLD and NEW and only the rules tagged "drift" run (bclint diff).
 * Returns the exit status. */
int bclint_cmd_lint_run(const struct bclint_cmd *self, int argc, char **argv, int diff);

/* The command as its --help shows it: "bclint" for lint and for an
 * option-named command (--check-fixtures), else "bclint NAME". */
const char *bclint_cmd_prog(const struct bclint_cmd *cmd);

/* A usage error: "PROG: error: MESSAGE" (PROG: the entry's prog) and the
 * line that points at --help, on standard error.  Returns the exit status for it (2). */
int bclint_usage_error(const struct bclint_cmd *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* getopt_long over the command's own options, with getopt's messages
 * under the command's name; -1 at the end, '?' on an unknown option
 * (the --help line printed already). */
int bclint_cmd_getopt(const struct bclint_cmd *cmd, int argc, char **argv);

/* Print --help: "Usage: PROG USAGE", then the help text, then where to
 * report bugs and the home page. */
void bclint_cmd_help(const struct bclint_cmd *cmd);

/* Print --version as GNU programs do: the name and version, the copyright
 * line and the licence. */
void bclint_cmd_version(const struct bclint_cmd *cmd);

/* When arg is --help or --version, print it and return 1; else 0 (for
 * commands that do not parse options). */
int bclint_cmd_help_or_version(const struct bclint_cmd *cmd, const char *arg);

/* The diagnostic printer commands hand the library: FILE:LINE:COLUMN:
 * LEVEL: MESSAGE when there is a position, else PROG: LEVEL: MESSAGE (the
 * entry's prog); arg is the command. */
void bclint_cmd_print_diag(void *arg, const struct bclint_diag *d);

/* --redact's key into key (BCLINT_REDACT_KEY_BYTES): derived from file
 * (--redact-key), else from BCLINT_REDACT_KEY, else a new random one.  0,
 * or the exit status of an input error, said on standard error under the
 * command's name (no --help hint: the usage was right). */
int bclint_cmd_redact_key(const struct bclint_cmd *cmd, const char *file, unsigned char *key);

#endif
