#!/bin/sh
# Hostile snapshots (t/data/hostile/): exact message and exit status for
# each; under VALGRIND_TESTS=1, no memory error or leak either.  Generated
# cases are in t/src/hostile-gen.sh; the loader's error fixtures (empty,
# truncated, bad UTF-8, NUL, byte-order mark, ...) in t/data/snapshot/.
cd "$top_srcdir" || exit 1
exec $BCLINT --check-fixtures t/data/hostile
