/* The rule catalog for people and tools: --list-rules (text, json, and
 * man, the source of bclint-rules(7)) and --explain. */
#ifndef BCLINT_CATALOG_H
#define BCLINT_CATALOG_H 1

#include "plugin.h"
#include "buf.h"

/* The host's own pseudo-rules (snapshot, suppression-expired,
 * suppression-unused), which SARIF lists before every plugin's rules and
 * docs/rules documents beside them. */
const struct bclint_rule *bclint_catalog_host_rules(size_t *n);

/* One line per loaded rule: id, configured level (or "off"), plugin, summary. */
void bclint_catalog_list(struct bclint_buf *out, const struct bclint_ruleset *rs);
/* Every loaded rule with all its metadata, as one JSON document. */
void bclint_catalog_json(struct bclint_buf *out, const struct bclint_ruleset *rs);
/* bclint-rules(7) in mdoc: one section per loaded rule, from its metadata. */
void bclint_catalog_man(struct bclint_buf *out, const struct bclint_ruleset *rs);
/* A rule as its documentation page shows it. */
struct bclint_catalog_entry {
	const struct bclint_rule *rule;
	const char *plugin, *plugin_version; /* NULL for the host's own rules */
	const char *precision, *security_severity;
};
/* docs/rules/RULE.md: one rule's page in Markdown, from its metadata. */
void bclint_catalog_markdown(struct bclint_buf *out, const struct bclint_catalog_entry *c);
/* docs/rules/README.md: the table of every rule, linking their pages. */
void bclint_catalog_markdown_index(struct bclint_buf *out, const struct bclint_catalog_entry *c,
                                   size_t n);

/* One rule's documentation, wrapped for a terminal. */
void bclint_catalog_explain(struct bclint_buf *out, const struct bclint_rule_slot *slot);

#endif
