#!/bin/sh
# Snapshot loader: every snapshot error, at its exact line and column.
cd "$top_srcdir" || exit 1
exec $BCLINT --check-fixtures t/data/snapshot
