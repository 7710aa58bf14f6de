#!/bin/sh
# The access and least-privilege plugins' rules, one fixture directory each, plus the shared
# snapshot on which the need rules must split the plan between them.
cd "$top_srcdir" || exit 1
exec $BCLINT --check-fixtures t/rules/asset-not-assigned t/rules/non-delegable-action \
	t/rules/excess-grant t/rules/grant-above-share t/rules/unbound-asset t/rules/access-agreement
