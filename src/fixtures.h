/* bclint --check-fixtures: the rule test harness (fixture directories in,
 * TAP out).  The format is documented in bclint-plugin(3), FIXTURES. */
#ifndef BCLINT_FIXTURES_H
#define BCLINT_FIXTURES_H 1

/* The lint command line: main() without the harness. */
typedef int bclint_lint_fn(int argc, char **argv);

/* Run `--check-fixtures DIR... [-- OPTION...]` (argv[0] is the option):
 * every case of every directory is linted by lint() in a forked child
 * running in the case's directory, and its standard output and exit status
 * are compared with CASE.expected.  Prints TAP on standard output.
 * Returns 0 when every test passed, 1 when one failed, 2 on usage errors. */
int bclint_fixtures_main(int argc, char **argv, bclint_lint_fn *lint);

/* Split text into words as the shell does with quotes and backslashes (no
 * expansions); appends to *words (NULL-terminated, strings owned by the
 * array).  Returns 0, or -1 on an unterminated quote or no memory. */
int bclint_split_words(const char *text, char ***words, int *n);

#endif
