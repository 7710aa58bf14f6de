#!/bin/sh
# The access plugin's rules, one fixture directory each, plus the shared
# snapshot on which the need rules must split the plan between them.
exec sh "$top_srcdir/t/lib/fixtures.sh" t/rules/asset-not-assigned t/rules/non-delegable-action \
	t/rules/excess-grant t/rules/unbound-asset t/rules/access-agreement
