/* What the report formats share. */
#include "config.h"

#include <stdlib.h>

#include "emit.h"

const struct bclint_rule_slot *bclint_emit_slot(const struct bclint_emit *e,
                                                const struct bclint_finding *f)
{
	return f->plugin ? bclint_ruleset_find(&e->run->rules, f->rule) : NULL;
}

int bclint_emit_names(struct bclint_emit_names *n, const struct bclint_report *r,
                      void (*write)(struct bclint_buf *, const char *))
{
	n->all = (struct bclint_buf){0};
	n->at = calloc(r->n_sources + 1, sizeof(*n->at));
	if (n->at == NULL)
		return -1;
	for (size_t i = 0; i < r->n_sources; i++) {
		n->at[i] = n->all.len;
		write(&n->all, r->sources[i].path);
		bclint_buf_add(&n->all, "", 1); /* keep the terminator */
	}
	bclint_buf_add(&n->all, "", 1); /* data is set even with no file */
	return n->all.oom ? -1 : 0;
}

void bclint_emit_names_free(struct bclint_emit_names *n)
{
	free(n->all.data);
	free(n->at);
}
