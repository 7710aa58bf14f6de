#!/bin/sh
# Run one fuzz target built by fuzz/build.sh, from the same build directory:
#   sh fuzz/run.sh TARGET SECONDS [LIBFUZZER-OPTION]...
# TARGET is snapshot, json, option or config.  New inputs accumulate in
# fuzz/out/corpus-TARGET (kept between runs); crashes are written to
# fuzz/out/crash-*.  Exit status is libFuzzer's: 0 when nothing was found.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
out=fuzz/out
t=$1 secs=$2
shift 2
[ -x "$out/fuzz-$t" ] || { echo "fuzz/run.sh: build first: sh $srcdir/fuzz/build.sh" >&2; exit 2; }
mkdir -p "$out/corpus-$t"
BCLINT_FUZZ_RULES=$(pwd)/$out/rules
BCLINT_FUZZ_SNAPSHOT=$srcdir/examples/demo.json
export BCLINT_FUZZ_RULES BCLINT_FUZZ_SNAPSHOT
dict=
[ "$t" = option ] || dict=-dict=$srcdir/fuzz/json.dict
# the config target prints every configuration error it is fed
quiet=
[ "$t" = config ] && quiet=-close_fd_mask=2
exec "$out/fuzz-$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$out/" $dict $quiet "$@" "$out/corpus-$t" "$out/seeds-$t"
