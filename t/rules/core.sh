#!/bin/sh
# The five core rules, one fixture directory each.
exec sh "$top_srcdir/t/lib/fixtures.sh" t/rules/no-asset-assigned t/rules/permission-too-narrow \
	t/rules/foreign-asset t/rules/too-many-admins t/rules/finance-role-misuse
