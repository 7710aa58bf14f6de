#!/bin/sh
# bclint why: text and JSON output for each layer of the ladder.
exec sh "$top_srcdir/t/why/cases.sh" t/why/ladder
