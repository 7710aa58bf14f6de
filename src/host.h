/* The context of one rule's run over one snapshot (struct bclint_ctx),
 * behind the host services of include/bclint/plugin.h. */
#ifndef BCLINT_HOST_H
#define BCLINT_HOST_H 1

#include "lint.h"
#include "snapshot.h"

struct bclint_patterns {
	int compiled;
	struct pcre2_real_code_8 **code;
	size_t n;
};

struct bclint_ctx {
	const struct bclint_run *run;
	struct bclint_report *report;
	const struct bclint_snapshot *snap;
	const struct bclint_rule_slot *slot;
	struct bclint_lasting *lasting; /* the run's: labels, what lasts */
	struct bclint_arena scratch;    /* redacted labels; freed after check() */
	struct bclint_patterns *pats;   /* per option, compiled on first use */
	struct pcre2_real_match_data_8 *md;
	const char *undeclared;         /* an option key the rule never declared */
	struct bclint_map secrets;      /* --redact: emails and names by key */
	int secrets_indexed;
};

/* Free what a rule's run allocated (patterns, redacted labels). */
void bclint_ctx_release(struct bclint_ctx *ctx);

/* Free a snapshot's labels and spans, ready for the next. */
void bclint_lasting_free(struct bclint_lasting *l);

#endif
