/* What the report formats share. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"

static const struct bclint_format formats[] = {
	{"gcc", bclint_emit_gcc, 0, 1},
	{"sarif", bclint_emit_sarif, BCLINT_NEED_ENDS | BCLINT_NEED_FINGERPRINTS | BCLINT_NEED_ABOUT, 0},
	{"json", bclint_emit_json, BCLINT_NEED_ENDS | BCLINT_NEED_FINGERPRINTS | BCLINT_NEED_ABOUT, 0},
	{"github", bclint_emit_github, BCLINT_NEED_ENDS, 0},
};

const struct bclint_format *bclint_format_find(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const struct bclint_format *bclint_formats(size_t *n)
{
	*n = sizeof(formats) / sizeof(formats[0]);
	return formats;
}

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
