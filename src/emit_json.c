/* The json format of cli.md: findings with positions, pointer, fingerprint
 * and notes, then a summary by level.  It can be written in parts (emit.h):
 * the opening, the findings of each part, the summary. */
#include "config.h"

#include <stdlib.h>

#include "emit.h"
#include "level.h"

static void str(struct bclint_buf *out, const char *key, const char *s)
{
	bclint_buf_putc(out, '"');
	bclint_buf_puts(out, key);
	bclint_buf_puts(out, "\": \"");
	bclint_buf_json_str(out, s);
	bclint_buf_putc(out, '"');
}

static void num(struct bclint_buf *out, const char *before, unsigned n)
{
	bclint_buf_puts(out, before);
	bclint_buf_uint(out, n);
}

/* ", \"key\": \"s\"", or null when s is NULL. */
static void opt(struct bclint_buf *out, const char *key, const char *s)
{
	bclint_buf_puts(out, ", ");
	if (s != NULL) {
		str(out, key, s);
		return;
	}
	bclint_buf_putc(out, '"');
	bclint_buf_puts(out, key);
	bclint_buf_puts(out, "\": null");
}

/* Who and what the finding is about, for scripts. */
static void about(struct bclint_buf *out, const struct bclint_source *src,
                  const struct bclint_about *a)
{
	opt(out, "bc_id", src->bc_id);
	opt(out, "user_id", a->user_id);
	opt(out, "user_email", a->user_email);
	opt(out, "asset_type", a->asset_type);
	opt(out, "asset_id", a->asset_id);
}

void bclint_emit_json_head(struct bclint_buf *out, const struct bclint_emit *e)
{
	(void)e;
	bclint_buf_puts(out, "{\"version\": 1, \"findings\": [");
}

void bclint_emit_json_entries(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_report *r = &e->run->report;
	size_t *shown = e->shown;
	char ptr[BCLINT_POINTER_MAX];
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct bclint_finding *f = r->findings[i];
		if (f->suppressed != NULL)
			continue;
		bclint_buf_spill(out);
		bclint_buf_puts(out, (*shown)++ ? ",\n  {" : "\n  {");
		str(out, "file", r->sources[f->file].path);
		num(out, ", \"line\": ", f->pos.line);
		num(out, ", \"column\": ", f->pos.col);
		num(out, ", \"end_line\": ", f->end.line);
		num(out, ", \"end_column\": ", f->end.col);
		bclint_buf_puts(out, ", ");
		str(out, "level", bclint_level_name(f->level));
		bclint_buf_puts(out, ", ");
		str(out, "rule", f->rule);
		bclint_buf_puts(out, ", ");
		str(out, "message", f->message);
		bclint_buf_puts(out, ", ");
		str(out, "pointer", bclint_ref_pointer(&f->ref, ptr));
		bclint_buf_puts(out, ", ");
		str(out, "fingerprint", f->fingerprint);
		about(out, &r->sources[f->file], &f->about);
		bclint_buf_puts(out, ", \"notes\": [");
		for (size_t k = 0; k < f->n_notes; k++) {
			const struct bclint_note *n = &f->notes[k];
			bclint_buf_puts(out, k ? ", {" : "{");
			str(out, "file", r->sources[n->file].path);
			num(out, ", \"line\": ", n->pos.line);
			num(out, ", \"column\": ", n->pos.col);
			bclint_buf_puts(out, ", ");
			str(out, "message", n->message);
			bclint_buf_puts(out, ", ");
			str(out, "pointer", bclint_ref_pointer(&n->ref, ptr));
			bclint_buf_putc(out, '}');
		}
		bclint_buf_puts(out, "]}");
	}
}

void bclint_emit_json_tail(struct bclint_buf *out, const struct bclint_emit *e)
{
	const size_t *n = e->run->report.counts;
	bclint_buf_printf(out,
	                  "%s], \"summary\": {\"error\": %zu, \"warning\": %zu, "
	                  "\"note\": %zu}}\n",
	                  *e->shown ? "\n" : "", n[BCLINT_LEVEL_ERROR], n[BCLINT_LEVEL_WARNING],
	                  n[BCLINT_LEVEL_NOTE]);
}

void bclint_emit_json(struct bclint_buf *out, const struct bclint_emit *e)
{
	size_t shown = 0;
	struct bclint_emit whole = *e;
	whole.shown = &shown;
	bclint_emit_json_head(out, &whole);
	bclint_emit_json_entries(out, &whole);
	bclint_emit_json_tail(out, &whole);
}
