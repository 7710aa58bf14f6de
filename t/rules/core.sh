#!/bin/sh
# The five core rules, one fixture directory each.
exec sh "$top_srcdir/t/lib/fixtures.sh" t/rules/no-asset-assigned
