/* Azure Pipelines logging commands, one per finding:
 *   ##vso[task.logissue type=error;sourcepath=F;linenumber=L;columnnumber=C;code=RULE]MESSAGE
 * with the escaping of Azure's own task library: '%' as %AZP25, CR as
 * %0D and LF as %0A everywhere, and also ';' as %3B and ']' as %5D in
 * property values, so no text can end a property or the command early.
 * Azure has issues of type error and warning only: a note-level finding is
 * a warning whose message begins "note: ". */
#include "config.h"

#include "emit.h"

static void escape(struct bclint_buf *out, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': bclint_buf_puts(out, "%AZP25"); break;
		case '\r': bclint_buf_puts(out, "%0D"); break;
		case '\n': bclint_buf_puts(out, "%0A"); break;
		case ';': bclint_buf_puts(out, property ? "%3B" : ";"); break;
		case ']': bclint_buf_puts(out, property ? "%5D" : "]"); break;
		default:
			/* other control characters would reach the log raw */
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				bclint_buf_printf(out, "\\x%02x", (unsigned char)*s);
			else
				bclint_buf_putc(out, *s);
		}
	}
}

void bclint_emit_azure(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_report *r = &e->run->report;
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct bclint_finding *f = r->findings[i];
		if (f->suppressed != NULL)
			continue;
		bclint_buf_spill(out);
		bclint_buf_printf(out, "##vso[task.logissue type=%s;sourcepath=",
		                  f->level == BCLINT_LEVEL_ERROR ? "error" : "warning");
		escape(out, r->sources[f->file].path, 1);
		bclint_buf_puts(out, ";linenumber=");
		bclint_buf_uint(out, f->pos.line);
		bclint_buf_puts(out, ";columnnumber=");
		bclint_buf_uint(out, f->pos.col);
		bclint_buf_puts(out, ";code=");
		escape(out, f->rule, 1);
		bclint_buf_puts(out, f->level == BCLINT_LEVEL_NOTE ? "]note: " : "]");
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
