/* GitLab's Code Quality report (the merge request widget and the pipeline's
 * Code Quality tab): a JSON array of issues, each with description,
 * check_name, fingerprint, severity and location (path, lines.begin).
 * GitLab compares reports by fingerprint, so bclint's own, which does not
 * depend on lines, keeps an issue the same issue when the snapshot is
 * reordered. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"

static void jstr(struct bclint_buf *out, const char *s)
{
	bclint_buf_putc(out, '"');
	bclint_buf_json_str(out, s);
	bclint_buf_putc(out, '"');
}

/* A path as GitLab wants it, relative to the repository without "./";
 * standard input is "-". */
static void path(struct bclint_buf *out, const char *p)
{
	if (strcmp(p, "-") == 0) {
		jstr(out, p);
		return;
	}
	char *norm = bclint_emit_normalise(p);
	if (norm == NULL) {
		out->oom = 1;
		return;
	}
	jstr(out, norm);
	free(norm);
}

void bclint_emit_gitlab(struct bclint_buf *out, const struct bclint_emit *e)
{
	/* GitLab's scale is info, minor, major, critical, blocker */
	static const char *const severity[] = {"info", "info", "minor", "major"};
	const struct bclint_report *r = &e->run->report;
	struct bclint_emit_names paths;
	if (bclint_emit_names(&paths, r, path) < 0)
		out->oom = 1;
	size_t shown = 0;
	bclint_buf_putc(out, '[');
	for (size_t i = 0; i < r->n_findings && !out->oom; i++) {
		const struct bclint_finding *f = r->findings[i];
		if (f->suppressed != NULL)
			continue;
		bclint_buf_spill(out);
		bclint_buf_puts(out,
		                shown++ ? ",\n  {\"description\": " : "\n  {\"description\": ");
		jstr(out, f->message);
		bclint_buf_puts(out, ", \"check_name\": ");
		jstr(out, f->rule);
		bclint_buf_puts(out, ", \"fingerprint\": ");
		jstr(out, f->fingerprint);
		bclint_buf_printf(out, ", \"severity\": \"%s\", \"location\": {\"path\": ",
		                  severity[f->level & 3]);
		bclint_buf_puts(out, bclint_emit_name(&paths, f->file));
		bclint_buf_puts(out, ", \"lines\": {\"begin\": ");
		bclint_buf_uint(out, f->pos.line);
		bclint_buf_puts(out, "}}}");
	}
	bclint_buf_puts(out, shown ? "\n]\n" : "]\n");
	bclint_emit_names_free(&paths);
}
