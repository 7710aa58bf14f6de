/* Rendering the loaded rules' own metadata: the terminal listing, the
 * --explain page, a JSON catalog, the bclint-rules(7) manual page and a
 * Markdown page per rule (docs/rules/, SARIF's helpUri), so that the
 * documentation can never drift from the plugins. */
#include "config.h"

#include <string.h>

#include "catalog.h"
#include "level.h"
#include "markdown.h"

static const char *const option_types[] = {"integer", "string", "boolean", "patterns"};

/* The host's own pseudo-rules.  Their findings are facts about the input,
 * hence very-high precision. */
static const char *const host_tags[] = {"bclint", NULL};
static const struct bclint_rule host_rules[] = {
        {
                .id = "snapshot",
                .tags = host_tags,
                .name = "SnapshotError",
                .summary = "The snapshot itself is invalid",
                .description =
                        "The snapshot is not valid bclint-snapshot/1: malformed JSON, a missing "
                        "required field, a wrong type, an unknown enum value, a duplicate ID or a "
                        "reference to a member that is not in the snapshot.",
                .rationale =
                        "No rule can be trusted on a snapshot that does not say what it seems to.",
                .fix = "Correct the snapshot at the reported position (see bclint-snapshot(5)).",
                .level = BCLINT_LEVEL_ERROR,
                .precision = "very-high",
        },
        {
                .id = "suppression-expired",
                .name = "SuppressionExpired",
                .summary = "A suppression in the configuration file has expired",
                .description =
                        "A suppression whose 'expires' date is before now no longer suppresses "
                        "anything; the findings it covered are reported again.",
                .rationale =
                        "Suppressions are meant to be temporary exceptions, reviewed when they end.",
                .fix = "Fix the findings it covered, or renew the suppression with a new date and reason.",
                .level = BCLINT_LEVEL_WARNING,
                .tags = host_tags,
                .precision = "very-high",
        },
        {
                .id = "suppression-unused",
                .name = "SuppressionUnused",
                .summary = "A suppression in the configuration file matched no finding",
                .description = "A suppression that suppressed nothing in this run.",
                .rationale = "Stale suppressions hide future findings that nobody reviewed.",
                .fix = "Remove the suppression from the configuration file.",
                .level = BCLINT_LEVEL_NOTE,
                .tags = host_tags,
                .precision = "very-high",
        }};

const struct bclint_rule *bclint_catalog_host_rules(size_t *n)
{
	*n = sizeof(host_rules) / sizeof(host_rules[0]);
	return host_rules;
}

/* one line per rule, the columns as wide as their widest entry */
void bclint_catalog_list(struct bclint_buf *out, const struct bclint_ruleset *rs)
{
	int id_w = 0, plugin_w = 0;
	for (size_t i = 0; i < rs->n_slots; i++) {
		int id = (int)strlen(rs->slots[i].rule->id);
		int plugin = (int)strlen(rs->slots[i].plugin->desc->name);
		id_w = id > id_w ? id : id_w;
		plugin_w = plugin > plugin_w ? plugin : plugin_w;
	}
	for (size_t i = 0; i < rs->n_slots; i++) {
		const struct bclint_rule_slot *s = &rs->slots[i];
		bclint_buf_printf(out, "%-*s  %-7s  %-*s  %s\n", id_w, s->rule->id,
		                  s->enabled ? bclint_level_name(s->level) : "off", plugin_w,
		                  s->plugin->desc->name, s->rule->summary);
	}
}

/* text indented by two spaces, wrapped at 78 columns */
static void wrap(struct bclint_buf *out, const char *text)
{
	size_t col = 0;
	while (*text != '\0') {
		size_t word = strcspn(text, " ");
		if (col > 2 && col + 1 + word > 78) {
			bclint_buf_putc(out, '\n');
			col = 0;
		}
		bclint_buf_puts(out, col == 0 ? "  " : " ");
		bclint_buf_add(out, text, word);
		col += 1 + (col == 0) + word;
		text += word;
		text += strspn(text, " ");
	}
	bclint_buf_putc(out, '\n');
}

static void paragraph(struct bclint_buf *out, const char *title, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	bclint_buf_printf(out, "\n%s\n", title);
	wrap(out, text);
}

void bclint_catalog_explain(struct bclint_buf *out, const struct bclint_rule_slot *s)
{
	const struct bclint_rule *r = s->rule;
	bclint_buf_printf(out, "%s: %s\n  level: %s; plugin: %s %s\n", r->id, r->summary,
	                  bclint_level_name((int)r->level), s->plugin->desc->name,
	                  s->plugin->desc->version);
	if (r->tags != NULL) {
		bclint_buf_puts(out, "  tags:");
		for (size_t i = 0; r->tags[i] != NULL; i++)
			bclint_buf_printf(out, " %s", r->tags[i]);
		bclint_buf_putc(out, '\n');
	}
	bclint_buf_printf(out, "  precision: %s", s->precision);
	if (s->security_severity != NULL)
		bclint_buf_printf(out, "; security severity: %s", s->security_severity);
	bclint_buf_putc(out, '\n');
	paragraph(out, "What it checks", r->description);
	paragraph(out, "Why it matters", r->rationale);
	paragraph(out, "How to fix it", r->fix);
	if (r->n_options > 0) {
		bclint_buf_puts(out, "\nOptions (--set, config file, or the snapshot's policy)\n");
		for (size_t i = 0; i < r->n_options; i++) {
			const struct bclint_option *o = &r->options[i];
			bclint_buf_printf(out, "  %s (%s, default %s): %s\n", o->key,
			                  option_types[o->type], o->def ? o->def : "unset",
			                  o->help ? o->help : "");
		}
	}
	if (r->example != NULL)
		bclint_buf_printf(out, "\nExample\n  %s\n", r->example);
}

static void jfield(struct bclint_buf *out, const char *key, const char *value)
{
	bclint_buf_printf(out, ", \"%s\": ", key);
	if (value == NULL) {
		bclint_buf_puts(out, "null");
		return;
	}
	bclint_buf_putc(out, '"');
	bclint_buf_json_str(out, value);
	bclint_buf_putc(out, '"');
}

void bclint_catalog_json(struct bclint_buf *out, const struct bclint_ruleset *rs)
{
	bclint_buf_puts(out, "{\"rules\": [");
	for (size_t i = 0; i < rs->n_slots; i++) {
		const struct bclint_rule_slot *s = &rs->slots[i];
		const struct bclint_rule *r = s->rule;
		bclint_buf_printf(out, "%s\n  {\"id\": \"%s\"", i ? "," : "", r->id);
		jfield(out, "name", r->name);
		jfield(out, "level", bclint_level_name((int)r->level));
		jfield(out, "plugin", s->plugin->desc->name);
		jfield(out, "summary", r->summary);
		jfield(out, "description", r->description);
		jfield(out, "rationale", r->rationale);
		jfield(out, "fix", r->fix);
		jfield(out, "example", r->example);
		jfield(out, "precision", s->precision);
		jfield(out, "security_severity", s->security_severity);
		bclint_buf_puts(out, ", \"tags\": [");
		for (size_t k = 0; r->tags != NULL && r->tags[k] != NULL; k++)
			bclint_buf_printf(out, "%s\"%s\"", k ? ", " : "", r->tags[k]);
		bclint_buf_puts(out, "], \"options\": [");
		for (size_t k = 0; k < r->n_options; k++) {
			const struct bclint_option *o = &r->options[k];
			bclint_buf_printf(out, "%s{\"key\": \"%s\"", k ? ", " : "", o->key);
			jfield(out, "type", option_types[o->type]);
			jfield(out, "default", o->def);
			jfield(out, "help", o->help);
			bclint_buf_putc(out, '}');
		}
		bclint_buf_puts(out, "]}");
	}
	bclint_buf_puts(out, "\n]}\n");
}

/* Text as roff lines: escape backslashes, start each sentence on a new
 * line (as mdoc wants), and protect a line-initial dot or apostrophe that
 * roff would take for a request. */
static void roff(struct bclint_buf *out, const char *text)
{
	int bol = 1;
	for (; *text; text++) {
		if (bol && (*text == '.' || *text == '\''))
			bclint_buf_puts(out, "\\&");
		bol = 0;
		if (*text == '\\') {
			bclint_buf_puts(out, "\\e");
		} else if (strchr(".?!", *text) && text[1] == ' ' && text[2] >= 'A' &&
		           text[2] <= 'Z') {
			bclint_buf_putc(out, *text);
			bclint_buf_putc(out, '\n');
			text++;
			bol = 1;
		} else {
			bclint_buf_putc(out, *text);
		}
	}
}

static void man_para(struct bclint_buf *out, const char *title, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	bclint_buf_printf(out, ".Pp\n.Em %s .\n", title);
	roff(out, text);
	bclint_buf_putc(out, '\n');
}

void bclint_catalog_man(struct bclint_buf *out, const struct bclint_ruleset *rs)
{
	bclint_buf_puts(
	        out, ".\\\" Generated by 'bclint --list-rules --format=man' from the rules'\n"
	             ".\\\" own metadata; t/man/rules.sh checks that it is current.\n"
	             ".Dd $Mdocdate$\n.Dt BCLINT-RULES 7\n.Os\n.Sh NAME\n.Nm bclint-rules\n"
	             ".Nd the rules of bclint\n.Sh DESCRIPTION\n"
	             "Each rule below is shipped as a plugin.\nIts level is the default;\n"
	             "change it with\n.Fl -level ,\nthe configuration file, or turn the rule off.\n"
	             "Options are set with\n.Fl -set ,\nthe configuration file, or the snapshot's\n"
	             ".Cm policy\nobject, in that order of precedence.\n.Sh RULES\n");
	for (size_t i = 0; i < rs->n_slots; i++) {
		const struct bclint_rule_slot *s = &rs->slots[i];
		const struct bclint_rule *r = s->rule;
		bclint_buf_printf(out, ".Ss %s\n", r->id);
		roff(out, r->summary);
		bclint_buf_printf(out, ".\n.Pp\nLevel\n.Cm %s ;\nplugin\n.Cm %s .\n",
		                  bclint_level_name((int)r->level), s->plugin->desc->name);
		if (r->tags != NULL && r->tags[0] != NULL) {
			bclint_buf_puts(out, "Tags:");
			for (size_t k = 0; r->tags[k] != NULL; k++)
				bclint_buf_printf(out, " %s%s", r->tags[k],
				                  r->tags[k + 1] ? "," : ".");
			bclint_buf_putc(out, '\n');
		}
		bclint_buf_printf(out, "Precision\n.Cm %s", s->precision);
		if (s->security_severity != NULL)
			bclint_buf_printf(out, " ;\nsecurity severity\n.Cm %s",
			                  s->security_severity);
		bclint_buf_puts(out, " .\n");
		man_para(out, "What it checks", r->description);
		man_para(out, "Why it matters", r->rationale);
		man_para(out, "How to fix it", r->fix);
		if (r->n_options > 0) {
			bclint_buf_puts(out, ".Pp\n.Em Options .\n.Bl -tag -width Ds\n");
			for (size_t k = 0; k < r->n_options; k++) {
				const struct bclint_option *o = &r->options[k];
				bclint_buf_printf(out, ".It Cm %s Pq %s, default %s\n", o->key,
				                  option_types[o->type], o->def ? o->def : "unset");
				roff(out, o->help ? o->help : "");
				bclint_buf_putc(out, '\n');
			}
			bclint_buf_puts(out, ".El\n");
		}
		if (r->example != NULL) {
			bclint_buf_puts(out, ".Pp\n.Em Example .\n.Bd -literal -offset indent\n");
			roff(out, r->example);
			bclint_buf_puts(out, "\n.Ed\n");
		}
	}
	bclint_buf_puts(out, ".Sh SEE ALSO\n.Xr bclint 1 ,\n.Xr bclint-plugin 3 ,\n"
	                     ".Xr bclint-config 5 ,\n.Xr bclint-snapshot 5\n");
}

/* -- Markdown: docs/rules/RULE.md and docs/rules/README.md ------------------ */

#define MD_HEADER                                                                                  \
	"<!-- Generated by 'bclint --list-rules --format=markdown -o docs/rules' from "            \
	"the rules' own metadata; t/man/rules.sh checks that it is current. -->\n"

static void md_section(struct bclint_buf *out, const char *title, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	bclint_buf_printf(out, "\n## %s\n\n", title);
	bclint_md_text(out, text);
	bclint_buf_putc(out, '\n');
}

void bclint_catalog_markdown(struct bclint_buf *out, const struct bclint_catalog_entry *c)
{
	const struct bclint_rule *r = c->rule;
	bclint_buf_printf(out, MD_HEADER "\n# %s\n\n", r->id);
	bclint_md_text(out, r->summary);
	bclint_buf_puts(out, ".\n\n| | |\n|---|---|\n");
	bclint_buf_printf(out, "| Default level | %s |\n", bclint_level_name((int)r->level));
	if (c->plugin != NULL) {
		bclint_buf_puts(out, "| Plugin | ");
		bclint_md_text(out, c->plugin);
		bclint_buf_putc(out, ' ');
		bclint_md_text(out, c->plugin_version);
		bclint_buf_puts(out, " |\n");
	} else
		bclint_buf_puts(out, "| Plugin | none: reported by bclint itself |\n");
	if (r->tags != NULL && r->tags[0] != NULL) {
		bclint_buf_puts(out, "| Tags |");
		for (size_t k = 0; r->tags[k] != NULL; k++) {
			bclint_buf_puts(out, k ? ", " : " ");
			bclint_md_text(out, r->tags[k]);
		}
		bclint_buf_puts(out, " |\n");
	}
	bclint_buf_printf(out, "| Precision | %s |\n", c->precision);
	if (c->security_severity != NULL)
		bclint_buf_printf(out, "| Security severity | %s |\n", c->security_severity);
	md_section(out, "What it checks", r->description);
	md_section(out, "Why it matters", r->rationale);
	md_section(out, "How to fix it", r->fix);
	if (r->n_options > 0) {
		bclint_buf_puts(
		        out, "\n## Options\n\nSet with `--set=RULE.KEY=VALUE`, the configuration "
		             "file, or the snapshot's `policy` object.\n\n"
		             "| option | type | default | meaning |\n|---|---|---|---|\n");
		for (size_t k = 0; k < r->n_options; k++) {
			const struct bclint_option *o = &r->options[k];
			bclint_buf_puts(out, "| `");
			bclint_buf_puts(out, o->key);
			bclint_buf_printf(out, "` | %s | ", option_types[o->type]);
			bclint_md_text(out, o->def ? o->def : "unset");
			bclint_buf_puts(out, " | ");
			bclint_md_text(out, o->help ? o->help : "");
			bclint_buf_puts(out, " |\n");
		}
	}
	if (r->example != NULL) {
		/* a fence longer than any run of backticks in the example */
		size_t run = 0, longest = 0;
		for (const char *p = r->example; *p; p++) {
			run = *p == '`' ? run + 1 : 0;
			longest = run > longest ? run : longest;
		}
		size_t fence = longest < 3 ? 3 : longest + 1;
		bclint_buf_puts(out, "\n## Example\n\n");
		for (size_t k = 0; k < fence; k++)
			bclint_buf_putc(out, '`');
		bclint_buf_printf(out, "text\n%s\n", r->example);
		for (size_t k = 0; k < fence; k++)
			bclint_buf_putc(out, '`');
		bclint_buf_putc(out, '\n');
	}
	bclint_buf_puts(out, "\nSee also: [all rules](README.md), `bclint --explain ");
	bclint_buf_puts(out, r->id);
	bclint_buf_puts(out, "`, bclint-rules(7).\n");
}

void bclint_catalog_markdown_index(struct bclint_buf *out, const struct bclint_catalog_entry *c,
                                   size_t n)
{
	bclint_buf_puts(out, MD_HEADER
	                "\n# bclint's rules\n\n"
	                "Each rule's page says what it checks, why it matters and how to fix "
	                "it in Business Center. Levels are the defaults; change them with "
	                "`--level`, the configuration file, or turn a rule off.\n\n"
	                "| rule | level | plugin | precision | summary |\n"
	                "|---|---|---|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		const struct bclint_rule *r = c[i].rule;
		bclint_buf_printf(out, "| [%s](%s.md) | %s | ", r->id, r->id,
		                  bclint_level_name((int)r->level));
		bclint_md_text(out, c[i].plugin ? c[i].plugin : "bclint");
		bclint_buf_printf(out, " | %s | ", c[i].precision);
		bclint_md_text(out, r->summary);
		bclint_buf_puts(out, " |\n");
	}
}
