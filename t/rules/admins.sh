#!/bin/sh
# The admins plugin's rules, one fixture directory each.
cd "$top_srcdir" || exit 1
exec $BCLINT --check-fixtures t/rules/too-few-admins t/rules/too-many-asset-admins
