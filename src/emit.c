/* What the report formats share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "textsafe.h"

static const struct bclint_format formats[] = {
        {"gcc", bclint_emit_gcc, 0, 1, NULL, bclint_emit_gcc, NULL},
        {"sarif", bclint_emit_sarif,
         BCLINT_NEED_ENDS | BCLINT_NEED_FINGERPRINTS | BCLINT_NEED_ABOUT, 0, NULL, NULL, NULL},
        {"json", bclint_emit_json, BCLINT_NEED_ENDS | BCLINT_NEED_FINGERPRINTS | BCLINT_NEED_ABOUT,
         0, bclint_emit_json_head, bclint_emit_json_entries, bclint_emit_json_tail},
        {"github", bclint_emit_github, BCLINT_NEED_ENDS, 0, NULL, bclint_emit_github, NULL},
        {"gitlab", bclint_emit_gitlab, BCLINT_NEED_FINGERPRINTS, 0, NULL, NULL, NULL},
        {"junit", bclint_emit_junit, 0, 0, NULL, NULL, NULL},
        {"checkstyle", bclint_emit_checkstyle, 0, 0, NULL, NULL, NULL},
        {"azure", bclint_emit_azure, 0, 0, NULL, bclint_emit_azure, NULL},
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

void bclint_emit_encoded(struct bclint_buf *out, const char *text, unsigned how,
                         const struct bclint_encoding *enc)
{
	struct bclint_buf safe = {0};
	bclint_textsafe(&safe, text, how);
	if (safe.oom) {
		out->oom = 1;
		free(safe.data);
		return;
	}
	for (const char *s = safe.data ? safe.data : ""; *s; s++) {
		const struct bclint_encoding *e = enc;
		while (e->c != '\0' && e->c != *s)
			e++;
		if (e->c != '\0')
			bclint_buf_puts(out, e->as);
		else
			bclint_buf_putc(out, *s);
	}
	free(safe.data);
}

void bclint_emit_names_free(struct bclint_emit_names *n)
{
	free(n->all.data);
	free(n->at);
}

/* Resolved as text, never through the file system: a symbolic link is a
 * name like any other. */
char *bclint_emit_normalise(const char *path)
{
	size_t n = strlen(path);
	char *out = malloc(n + 2), *o = out;
	size_t *seg = malloc((n / 2 + 2) * sizeof(*seg)), depth = 0, up = 0;
	if (out == NULL || seg == NULL) {
		free(out);
		free(seg);
		return NULL;
	}
	int absolute = path[0] == '/';
	if (absolute)
		*o++ = '/';
	for (const char *p = path; *p != '\0';) {
		size_t len = strcspn(p, "/");
		if ((len == 1 && p[0] == '.') || len == 0) {
			/* skip */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (depth > up) {
				o = out + seg[--depth];
			} else if (!absolute) {
				seg[depth++] = (size_t)(o - out);
				up++;
				o += sprintf(o, "../");
			}
		} else {
			seg[depth++] = (size_t)(o - out);
			memcpy(o, p, len);
			o += len;
			*o++ = '/';
		}
		p += len + (p[len] == '/');
	}
	if (o > out + absolute && o[-1] == '/')
		o--;
	*o = '\0';
	free(seg);
	return out;
}
