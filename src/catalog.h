/* The rule catalog for people and tools: --list-rules (text, json, and
 * man, the source of bclint-rules(7)) and --explain. */
#ifndef BCLINT_CATALOG_H
#define BCLINT_CATALOG_H 1

#include "plugin.h"
#include "buf.h"

/* One line per loaded rule: id, configured level (or "off"), plugin, summary. */
void bclint_catalog_list(struct bclint_buf *out, const struct bclint_ruleset *rs);
/* Every loaded rule with all its metadata, as one JSON document. */
void bclint_catalog_json(struct bclint_buf *out, const struct bclint_ruleset *rs);
/* bclint-rules(7) in mdoc: one section per loaded rule, from its metadata. */
void bclint_catalog_man(struct bclint_buf *out, const struct bclint_ruleset *rs);
/* One rule's documentation, wrapped for a terminal. */
void bclint_catalog_explain(struct bclint_buf *out, const struct bclint_rule_slot *slot);

#endif
