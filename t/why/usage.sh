#!/bin/sh
# bclint why: every usage error, with its exact message.
exec sh "$top_srcdir/t/why/cases.sh" t/why/usage
