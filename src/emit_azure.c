/* Azure Pipelines logging commands, one per finding:
 *   ##vso[task.logissue type=error;sourcepath=F;linenumber=L;columnnumber=C;code=RULE]MESSAGE
 * Text is escaped as in the gcc format (bclint_textsafe), then as Azure's
 * own task library does: '%' as %AZP25, CR as %0D and LF as %0A
 * everywhere, and also ';' as %3B and ']' as %5D in property values, so
 * no text can end a property or the command early.
 * Azure has issues of type error and warning only: a note-level finding is
 * a warning whose message begins "note: ". */
#include "config.h"

#include "emit.h"
#include "textsafe.h"

/* Azure's encoding of a message, and of a property value. */
static const struct bclint_encoding value[] = {{'%', "%AZP25"}, {'\r', "%0D"}, {'\n', "%0A"}, {0}};
static const struct bclint_encoding prop[] = {{'%', "%AZP25"}, {'\r', "%0D"}, {'\n', "%0A"},
                                              {';', "%3B"},    {']', "%5D"},  {0}};

static const unsigned property = BCLINT_TEXTSAFE_CHARS | BCLINT_TEXTSAFE_KEEP_NEWLINES;

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
		bclint_emit_encoded(out, r->sources[f->file].path, property, prop);
		bclint_buf_puts(out, ";linenumber=");
		bclint_buf_uint(out, f->pos.line);
		bclint_buf_puts(out, ";columnnumber=");
		bclint_buf_uint(out, f->pos.col);
		bclint_buf_puts(out, ";code=");
		bclint_emit_encoded(out, f->rule, property, prop);
		bclint_buf_puts(out, f->level == BCLINT_LEVEL_NOTE ? "]note: " : "]");
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
