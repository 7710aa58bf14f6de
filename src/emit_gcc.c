/* The gcc format: FILE:LINE:COLUMN: LEVEL: MESSAGE [RULE-ID], then notes.
 * Text from the snapshot has its control characters escaped, so no input
 * can start a line of its own or move the terminal's cursor. */
#include "config.h"

#include "emit.h"

static const char *const colors[] = {"", "\033[1;36m", "\033[1;35m", "\033[1;31m"};

static void location(struct bclint_buf *out, const struct bclint_emit *e, uint32_t file,
                     const struct bclint_textpos *pos)
{
	if (e->color)
		bclint_buf_puts(out, "\033[1m");
	bclint_buf_safe(out, e->run->report.sources[file].path);
	bclint_buf_printf(out, ":%u:%u:", pos->line, pos->col);
	if (e->color)
		bclint_buf_puts(out, "\033[0m");
	bclint_buf_putc(out, ' ');
}

static void level(struct bclint_buf *out, const struct bclint_emit *e, int lv)
{
	if (e->color)
		bclint_buf_puts(out, colors[lv]);
	bclint_buf_puts(out, bclint_level_name(lv));
	bclint_buf_putc(out, ':');
	if (e->color)
		bclint_buf_puts(out, "\033[0m");
	bclint_buf_putc(out, ' ');
}

void bclint_emit_gcc(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_report *r = &e->run->report;
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct bclint_finding *f = r->findings[i];
		if (f->suppressed != NULL)
			continue;
		location(out, e, f->file, &f->pos);
		level(out, e, f->level);
		bclint_buf_safe(out, f->message);
		bclint_buf_printf(out, " [%s]\n", f->rule);
		for (size_t k = 0; k < f->n_notes; k++) {
			location(out, e, f->notes[k].file, &f->notes[k].pos);
			level(out, e, BCLINT_LEVEL_NOTE);
			bclint_buf_safe(out, f->notes[k].message);
			bclint_buf_putc(out, '\n');
		}
	}
}
