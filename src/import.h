/* bclint import: turn saved TikTok Business API responses into one
 * bclint-snapshot/1 document (see bclint-import(1)). */
#ifndef BCLINT_IMPORT_H
#define BCLINT_IMPORT_H 1

/* Run "bclint import" with its own argv (argv[0] is "import").  Prints
 * diagnostics on standard error and returns the exit status: 0 written,
 * 2 a usage error or a bad input (nothing is written then). */
int bclint_import_main(int argc, char **argv);

#endif
