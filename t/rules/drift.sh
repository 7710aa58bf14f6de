#!/bin/sh
# The drift rules, a fixture directory per plugin, and pairs that must give
# nothing (identical, reordered, re-indented) or exact errors (two Business
# Centers, an unreadable or invalid snapshot of the two).
cd "$top_srcdir" || exit 1
exec $BCLINT --check-fixtures t/rules/drift-members t/rules/drift-grants t/rules/drift-partners \
	t/rules/drift
