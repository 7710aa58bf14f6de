/* Report formats.  Each writes the finished report into a buffer, calling
 * bclint_buf_spill between entries so that a buffer with a sink (the
 * output) stays small. */
#ifndef BCLINT_EMIT_H
#define BCLINT_EMIT_H 1

#include "lint.h"
#include "util.h"

struct bclint_emit {
	const struct bclint_run *run;
	int color;          /* gcc: ANSI colour */
	int exit_code;      /* sarif: invocations[0].exitCode */
	const char *automation_id; /* sarif: automationDetails.id, or NULL */
};

void bclint_emit_gcc(struct bclint_buf *out, const struct bclint_emit *e);
void bclint_emit_sarif(struct bclint_buf *out, const struct bclint_emit *e);
void bclint_emit_json(struct bclint_buf *out, const struct bclint_emit *e);
void bclint_emit_github(struct bclint_buf *out, const struct bclint_emit *e);

/* Each source file's name as a format writes it (escaped, or as a URI),
 * made once for output that repeats it in every location. */
struct bclint_emit_names {
	struct bclint_buf all;
	size_t *at; /* where each file's name starts in all */
};
/* 0, or -1 when memory ran out (free it all the same). */
int bclint_emit_names(struct bclint_emit_names *n, const struct bclint_report *r,
                      void (*write)(struct bclint_buf *, const char *));
static inline const char *bclint_emit_name(const struct bclint_emit_names *n, uint32_t file)
{
	return n->all.data + n->at[file];
}
void bclint_emit_names_free(struct bclint_emit_names *n);

/* A finding's or note's message as text, a deferred one written into tmp
 * (the emitter's, freed at its end); "" with out->oom set when memory runs
 * out. */
static inline const char *bclint_emit_text(struct bclint_buf *out, struct bclint_buf *tmp,
                                           const char *message, int deferred)
{
	const char *s = bclint_message(message, deferred, tmp);
	if (s == NULL) {
		out->oom = 1;
		return "";
	}
	return s;
}

/* The rule behind a finding, or NULL for the "snapshot" pseudo-rule. */
const struct bclint_rule_slot *bclint_emit_slot(const struct bclint_emit *e,
                                                const struct bclint_finding *f);

#endif
