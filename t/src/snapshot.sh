#!/bin/sh
# Snapshot loader: every snapshot error, at its exact line and column.
exec sh "$top_srcdir/t/lib/fixtures.sh" t/data/snapshot
