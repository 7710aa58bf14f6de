/* Setting a run's rules up: the rule directories and plugins, the
 * configuration file's settings, and the command line's switches, in that
 * order (each later one wins). */
#ifndef BCLINT_SETUP_H
#define BCLINT_SETUP_H 1

#include <stddef.h>

#include "lint.h"

/* Load every plugin of the directories of path (DIR[:DIR], in name order)
 * and then each of plugins; a refused plugin is a plugin error, the
 * others are still loaded. */
void bclint_setup_rules(struct bclint_run *run, const char *path, const char *const *plugins,
                        size_t n_plugins);

/* Apply the run's configuration (run->config, read already): load its
 * plugins, set its rule levels and options, check its suppressions'
 * rules, and mark those expired before now.  0, or -1 after every error
 * of the file went to the run's diagnostics (exit status 2). */
int bclint_setup_config(struct bclint_run *run, bclint_time now);

/* Switch off every rule whose tags do not include tag (bclint diff: the
 * rules tagged "drift"), before the command line's switches. */
void bclint_setup_only_tagged(struct bclint_run *run, const char *tag);

/* A switch that names rules, from the command line. */
enum bclint_rule_op_kind { BCLINT_OP_ENABLE, BCLINT_OP_DISABLE, BCLINT_OP_LEVEL, BCLINT_OP_SET };
struct bclint_rule_op {
	int kind;        /* enum bclint_rule_op_kind */
	const char *arg; /* RULE[,RULE], RULE=LEVEL or RULE.KEY=VALUE; outlives the run */
};

/* Apply one switch.  0, or -1 with the usage error in err. */
int bclint_setup_op(struct bclint_run *run, const struct bclint_rule_op *op, char *err,
                    size_t size);

#endif
