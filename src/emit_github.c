/* GitHub Actions workflow commands, one per finding, with GitHub's
 * escaping: %, CR and LF everywhere; also ':' and ',' in properties. */
#include "config.h"

#include <stdlib.h>

#include "emit.h"

static void escape(struct bclint_buf *out, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': bclint_buf_puts(out, "%25"); break;
		case '\r': bclint_buf_puts(out, "%0D"); break;
		case '\n': bclint_buf_puts(out, "%0A"); break;
		case ':':
			bclint_buf_puts(out, property ? "%3A" : ":");
			break;
		case ',':
			bclint_buf_puts(out, property ? "%2C" : ",");
			break;
		default:
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				bclint_buf_printf(out, "\\x%02x", (unsigned char)*s);
			else
				bclint_buf_putc(out, *s);
		}
	}
}

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
		escape(out, r->sources[f->file].path, 1);
		bclint_buf_puts(out, ",line=");
		bclint_buf_uint(out, f->pos.line);
		bclint_buf_puts(out, ",col=");
		bclint_buf_uint(out, f->pos.col);
		bclint_buf_puts(out, ",endLine=");
		bclint_buf_uint(out, f->end.line);
		bclint_buf_puts(out, ",endColumn=");
		bclint_buf_uint(out, f->end.col);
		bclint_buf_puts(out, ",title=");
		escape(out, f->rule, 1);
		bclint_buf_puts(out, "::");
		escape(out, f->message, 0);
		for (size_t k = 0; k < f->n_notes; k++) {
			const struct bclint_note *n = &f->notes[k];
			bclint_buf_puts(out, "%0A");
			escape(out, r->sources[n->file].path, 0);
			bclint_buf_putc(out, ':');
			bclint_buf_uint(out, n->pos.line);
			bclint_buf_putc(out, ':');
			bclint_buf_uint(out, n->pos.col);
			bclint_buf_puts(out, ": note: ");
			escape(out, n->message, 0);
		}
		bclint_buf_putc(out, '\n');
	}
}
