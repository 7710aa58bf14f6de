#!/bin/sh
# The admins plugin's rules, one fixture directory each.
exec sh "$top_srcdir/t/lib/fixtures.sh" t/rules/too-few-admins t/rules/too-many-asset-admins
