/* GitHub Actions workflow commands, one per finding.  Text is escaped as
 * in the gcc format (bclint_textsafe), then as GitHub requires: %, CR and
 * LF everywhere; also ':' and ',' in properties, which keep their CR and
 * LF for GitHub to decode, as a file name must reach it exactly. */
#include "config.h"

#include "emit.h"
#include "textsafe.h"

/* GitHub's encoding of a message, and of a property value. */
static const struct bclint_encoding value[] = {{'%', "%25"}, {'\r', "%0D"}, {'\n', "%0A"}, {0}};
static const struct bclint_encoding prop[] = {{'%', "%25"}, {'\r', "%0D"}, {'\n', "%0A"},
                                              {':', "%3A"}, {',', "%2C"},  {0}};

static const unsigned property = BCLINT_TEXTSAFE_CHARS | BCLINT_TEXTSAFE_KEEP_NEWLINES;

void bclint_emit_github(struct bclint_buf *out, const struct bclint_emit *e)
{
	static const char *const cmd[] = {"", "notice", "warning", "error"};
	const struct bclint_report *r = &e->run->report;
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct bclint_finding *f = r->findings[i];
		if (f->suppressed != NULL)
			continue;
		bclint_buf_spill(out);
		bclint_buf_printf(out, "::%s file=", cmd[f->level]);
		bclint_emit_encoded(out, r->sources[f->file].path, property, prop);
		bclint_buf_puts(out, ",line=");
		bclint_buf_uint(out, f->pos.line);
		bclint_buf_puts(out, ",col=");
		bclint_buf_uint(out, f->pos.col);
		bclint_buf_puts(out, ",endLine=");
		bclint_buf_uint(out, f->end.line);
		bclint_buf_puts(out, ",endColumn=");
		bclint_buf_uint(out, f->end.col);
		bclint_buf_puts(out, ",title=");
		bclint_emit_encoded(out, f->rule, property, prop);
		bclint_buf_puts(out, "::");
		bclint_emit_encoded(out, f->message, BCLINT_TEXTSAFE_INLINE, value);
		for (size_t k = 0; k < f->n_notes; k++) {
			const struct bclint_note *n = &f->notes[k];
			bclint_buf_puts(out, "%0A");
			bclint_emit_encoded(out, r->sources[n->file].path, BCLINT_TEXTSAFE_FILE,
			                    value);
			bclint_buf_putc(out, ':');
			bclint_buf_uint(out, n->pos.line);
			bclint_buf_putc(out, ':');
			bclint_buf_uint(out, n->pos.col);
			bclint_buf_puts(out, ": note: ");
			bclint_emit_encoded(out, n->message, BCLINT_TEXTSAFE_INLINE, value);
		}
		bclint_buf_putc(out, '\n');
	}
}
