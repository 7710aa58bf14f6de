#!/bin/sh
# The drift rules, a fixture directory per plugin, and pairs that must give
# nothing (identical, reordered, re-indented) or exact errors (two Business
# Centers, an unreadable or invalid snapshot of the two).
cd "$top_srcdir" || exit 1
# --redact's pseudonyms under a fixed key, the same in every run
export BCLINT_REDACT_KEY="bclint test key, not a secret"
exec $BCLINT --check-fixtures t/rules/drift-members t/rules/drift-grants t/rules/drift-partners \
	t/rules/drift
