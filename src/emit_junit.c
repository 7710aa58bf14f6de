/* JUnit XML as Jenkins' JUnit plugin, Azure Pipelines and GitLab read it:
 * a <testsuite> per snapshot; in it a failing <testcase> per finding
 * (classname the rule ID, name the message, <failure> with the level as
 * type and the finding in gcc form as its text), an <error> for a snapshot
 * that is invalid, a <skipped> one for a suppressed finding, and a single
 * passing testcase for a snapshot with no findings (the configuration
 * file has a suite only when a suppression in it is reported).  Failures of the run
 * itself (a plugin, a snapshot that could not be read) are <error>s of a
 * last suite, "bclint". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "level.h"
#include "xml.h"

struct counts {
	size_t tests, failures, errors, skipped;
};

static void count(struct counts *c, const struct bclint_finding *f)
{
	c->tests++;
	if (f->suppressed != NULL)
		c->skipped++;
	else if (strcmp(f->rule, "snapshot") == 0)
		c->errors++;
	else
		c->failures++;
}

static void totals(struct bclint_buf *out, const struct counts *c)
{
	bclint_buf_printf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"",
	                  c->tests, c->failures, c->errors, c->skipped);
}

/* FILE:LINE:COLUMN: LEVEL: MESSAGE [RULE] and its notes, as text. */
static void body(struct bclint_buf *out, const struct bclint_report *r,
                 const struct bclint_finding *f)
{
	bclint_xml_text(out, r->sources[f->file].path);
	bclint_buf_printf(out, ":%u:%u: %s: ", f->pos.line, f->pos.col,
	                  bclint_level_name(f->level));
	bclint_xml_text(out, f->message);
	bclint_buf_puts(out, " [");
	bclint_xml_text(out, f->rule);
	bclint_buf_putc(out, ']');
	for (size_t k = 0; k < f->n_notes; k++) {
		const struct bclint_note *n = &f->notes[k];
		bclint_buf_putc(out, '\n');
		bclint_xml_text(out, r->sources[n->file].path);
		bclint_buf_printf(out, ":%u:%u: note: ", n->pos.line, n->pos.col);
		bclint_xml_text(out, n->message);
	}
}

static void testcase(struct bclint_buf *out, const struct bclint_report *r,
                     const struct bclint_finding *f)
{
	const char *path = r->sources[f->file].path;
	bclint_buf_puts(out, "    <testcase classname=\"");
	bclint_xml_attr(out, f->rule);
	bclint_buf_puts(out, "\" name=\"");
	bclint_xml_attr(out, f->message);
	bclint_buf_puts(out, "\" file=\"");
	bclint_xml_attr(out, path);
	bclint_buf_printf(out, "\" line=\"%u\">\n", f->pos.line);
	if (f->suppressed != NULL) {
		bclint_buf_puts(out, "      <skipped message=\"suppressed: ");
		bclint_xml_attr(out, f->suppressed);
		bclint_buf_puts(out, "\"/>\n    </testcase>\n");
		return;
	}
	const char *kind = strcmp(f->rule, "snapshot") == 0 ? "error" : "failure";
	bclint_buf_printf(out, "      <%s message=\"", kind);
	bclint_xml_attr(out, f->message);
	bclint_buf_printf(out, "\" type=\"%s\">", bclint_level_name(f->level));
	body(out, r, f);
	bclint_buf_printf(out, "</%s>\n    </testcase>\n", kind);
}

static void suite(struct bclint_buf *out, const struct bclint_report *r, uint32_t file, size_t from,
                  size_t to)
{
	struct counts c = {0};
	for (size_t i = from; i < to; i++)
		count(&c, r->findings[i]);
	const char *path = r->sources[file].path;
	bclint_buf_puts(out, "  <testsuite name=\"");
	bclint_xml_attr(out, path);
	bclint_buf_putc(out, '"');
	if (from == to) {
		bclint_buf_puts(out, " tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
		                     "    <testcase classname=\"bclint\" name=\"");
		bclint_xml_attr(out, path);
		bclint_buf_puts(out, "\" file=\"");
		bclint_xml_attr(out, path);
		bclint_buf_puts(out, "\"/>\n  </testsuite>\n");
		return;
	}
	totals(out, &c);
	bclint_buf_puts(out, ">\n");
	for (size_t i = from; i < to; i++) {
		bclint_buf_spill(out);
		testcase(out, r, r->findings[i]);
	}
	bclint_buf_puts(out, "  </testsuite>\n");
}

/* The run's own failures: a plugin that failed, a snapshot that could not
 * be read. */
static void failures(struct bclint_buf *out, const struct bclint_report *r)
{
	bclint_buf_printf(out,
	                  "  <testsuite name=\"bclint\" tests=\"%zu\" failures=\"0\" "
	                  "errors=\"%zu\" skipped=\"0\">\n",
	                  r->n_failures, r->n_failures);
	for (size_t i = 0; i < r->n_failures; i++) {
		const struct bclint_failure *f = &r->failures[i];
		bclint_buf_puts(out, "    <testcase classname=\"bclint\" name=\"");
		bclint_xml_attr(out, f->rule ? f->rule : f->file ? f->file : "bclint");
		bclint_buf_puts(out, "\">\n      <error message=\"");
		bclint_xml_attr(out, f->message);
		bclint_buf_puts(out, "\" type=\"error\">");
		bclint_xml_text(out, f->message);
		bclint_buf_puts(out, "</error>\n    </testcase>\n");
	}
	bclint_buf_puts(out, "  </testsuite>\n");
}

void bclint_emit_junit(struct bclint_buf *out, const struct bclint_emit *e)
{
	const struct bclint_report *r = &e->run->report;
	struct counts all = {0};
	for (size_t i = 0; i < r->n_findings; i++)
		count(&all, r->findings[i]);
	/* findings are in file order: a file no finding names is clean */
	for (size_t file = 0, i = 0; file < r->n_sources; file++) {
		all.tests += !r->sources[file].config &&
		             (i == r->n_findings || r->findings[i]->file != file);
		while (i < r->n_findings && r->findings[i]->file == file)
			i++;
	}
	all.tests += r->n_failures;
	all.errors += r->n_failures;
	bclint_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                     "<testsuites name=\"bclint\"");
	totals(out, &all);
	bclint_buf_puts(out, ">\n");
	size_t i = 0;
	for (uint32_t file = 0; file < r->n_sources; file++) {
		size_t from = i;
		while (i < r->n_findings && r->findings[i]->file == file)
			i++;
		bclint_buf_spill(out);
		if (from < i || !r->sources[file].config)
			suite(out, r, file, from, i);
	}
	if (r->n_failures > 0)
		failures(out, r);
	bclint_buf_puts(out, "</testsuites>\n");
}
