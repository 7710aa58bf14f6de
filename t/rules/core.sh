#!/bin/sh
# The five core rules, one fixture directory each.
cd "$top_srcdir" || exit 1
exec $BCLINT --check-fixtures t/rules/no-asset-assigned t/rules/permission-too-narrow \
	t/rules/foreign-asset t/rules/too-many-admins t/rules/finance-role-misuse
