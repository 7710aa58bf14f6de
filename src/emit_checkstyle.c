/* Checkstyle's XML report, which Jenkins' Warnings NG, reviewdog and
 * SonarQube read: a <file> for every snapshot (findings or not), an
 * <error> for each finding with line, column, severity (error, warning,
 * info), message and the rule ID as source.  Checkstyle has no related
 * locations: a finding's notes follow its message, a line each, as the
 * gcc format writes them.  The configuration file is a <file> only when
 * one of its suppressions is reported. */
#include "config.h"

#include "emit.h"
#include "xml.h"

static void finding(struct bclint_buf *out, const struct bclint_report *r,
                    const struct bclint_finding *f)
{
	static const char *const severity[] = {"info", "info", "warning", "error"};
	bclint_buf_puts(out, "    <error line=\"");
	bclint_buf_uint(out, f->pos.line);
	bclint_buf_puts(out, "\" column=\"");
	bclint_buf_uint(out, f->pos.col);
	bclint_buf_printf(out, "\" severity=\"%s\" message=\"", severity[f->level & 3]);
	bclint_xml_attr(out, f->message);
	for (size_t k = 0; k < f->n_notes; k++) {
		const struct bclint_note *n = &f->notes[k];
		bclint_buf_puts(out, "&#10;");
		bclint_xml_attr(out, r->sources[n->file].path);
		bclint_buf_printf(out, ":%u:%u: note: ", n->pos.line, n->pos.col);
		bclint_xml_attr(out, n->message);
	}
	bclint_buf_puts(out, "\" source=\"");
	bclint_xml_attr(out, f->rule);
	bclint_buf_puts(out, "\"/>\n");
}

void bclint_emit_checkstyle(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_report *r = &e->run->report;
	size_t i = 0;
	bclint_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                     "<checkstyle version=\"4.3\">\n");
	for (uint32_t file = 0; file < r->n_sources; file++) {
		size_t end = i, shown = 0;
		for (; end < r->n_findings && r->findings[end]->file == file; end++)
			shown += r->findings[end]->suppressed == NULL;
		if (shown == 0 && r->sources[file].config) {
			i = end; /* the configuration file is listed only with findings */
			continue;
		}
		bclint_buf_spill(out);
		bclint_buf_puts(out, "  <file name=\"");
		bclint_xml_attr(out, r->sources[file].path);
		bclint_buf_puts(out, shown ? "\">\n" : "\"/>\n");
		for (; i < end; i++) {
			if (r->findings[i]->suppressed != NULL)
				continue;
			bclint_buf_spill(out);
			finding(out, r, r->findings[i]);
		}
		if (shown)
			bclint_buf_puts(out, "  </file>\n");
	}
	bclint_buf_puts(out, "</checkstyle>\n");
}
