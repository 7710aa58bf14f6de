/* bclint why: walk the troubleshooting ladder for one member, one action
 * and (for asset actions) one asset, and say which layer is broken. */
#ifndef BCLINT_WHY_H
#define BCLINT_WHY_H 1

/* Run `bclint why`; argv[0] is "why".  Prints the answer on standard
 * output and problems on standard error.  Returns the exit status: 0 the
 * action should work, 1 a layer is broken, 2 a usage or snapshot error,
 * 3 out of memory.  Never exits. */
int bclint_why_main(int argc, char **argv);

#endif
