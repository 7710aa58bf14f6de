/* GitHub Actions workflow commands, one per finding.  Text is escaped as
 * in the gcc format (bclint_textsafe), then as GitHub requires: %, CR and
 * LF everywhere; also ':' and ',' in properties, which keep their CR and
 * LF for GitHub to decode, as a file name must reach it exactly. */
#include "config.h"

#include <stdlib.h>

#include "emit.h"
#include "textsafe.h"

/* how: BCLINT_TEXTSAFE_* for the text; property: a property value. */
static void escape(struct bclint_buf *out, const char *text, unsigned how, int property)
{
	struct bclint_buf safe = {0};
	bclint_textsafe(&safe, text, how);
	if (safe.oom) {
		out->oom = 1;
		free(safe.data);
		return;
	}
	for (const char *s = safe.data ? safe.data : ""; *s; s++) {
		switch (*s) {
		case '%': bclint_buf_puts(out, "%25"); break;
		case '\r': bclint_buf_puts(out, "%0D"); break;
		case '\n': bclint_buf_puts(out, "%0A"); break;
		case ':': bclint_buf_puts(out, property ? "%3A" : ":"); break;
		case ',': bclint_buf_puts(out, property ? "%2C" : ","); break;
		default:
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				bclint_buf_printf(out, "\\x%02x", (unsigned char)*s);
			else
				bclint_buf_putc(out, *s);
		}
	}
	free(safe.data);
}

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
		escape(out, r->sources[f->file].path, property, 1);
		bclint_buf_puts(out, ",line=");
		bclint_buf_uint(out, f->pos.line);
		bclint_buf_puts(out, ",col=");
		bclint_buf_uint(out, f->pos.col);
		bclint_buf_puts(out, ",endLine=");
		bclint_buf_uint(out, f->end.line);
		bclint_buf_puts(out, ",endColumn=");
		bclint_buf_uint(out, f->end.col);
		bclint_buf_puts(out, ",title=");
		escape(out, f->rule, property, 1);
		bclint_buf_puts(out, "::");
		escape(out, f->message, BCLINT_TEXTSAFE_INLINE, 0);
		for (size_t k = 0; k < f->n_notes; k++) {
			const struct bclint_note *n = &f->notes[k];
			bclint_buf_puts(out, "%0A");
			escape(out, r->sources[n->file].path, BCLINT_TEXTSAFE_FILE, 0);
			bclint_buf_putc(out, ':');
			bclint_buf_uint(out, n->pos.line);
			bclint_buf_putc(out, ':');
			bclint_buf_uint(out, n->pos.col);
			bclint_buf_puts(out, ": note: ");
			escape(out, n->message, BCLINT_TEXTSAFE_INLINE, 0);
		}
		bclint_buf_putc(out, '\n');
	}
}
