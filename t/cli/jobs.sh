#!/bin/sh
# Linting many snapshots with several workers at once (-j): the report,
# its order, the diagnostics on standard error and their order, and the
# exit status are the same whatever the number of workers, with valid,
# invalid and unreadable snapshots and a rule that crashes on some.
. "$top_srcdir/t/lib/tap.sh"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_abort=0"
export ASAN_OPTIONS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top_builddir/t/plugins/.libs/crash.so" "$tmp/" && chmod 0644 "$tmp/crash.so"
cd "$tmp" || exit 1
d=$top_srcdir/t/data
set --
for i in 1 2 3 4 5 6; do
	cp "$top_srcdir/examples/demo.json" "demo$i.json"
	cp "$d/cli/mixed.json" "mixed$i.json"
	set -- "$@" "demo$i.json" "mixed$i.json"
done
cp "$d/snapshot/duplicates.json" bad.json
set -- "$@" bad.json missing.json "$top_srcdir/examples/well-kept.json"
crash="--plugin=$tmp/crash.so --enable=test-crash"
strip() { grep -v '^==[0-9]*=='; } # valgrind's own lines, under valgrind

for fmt in gcc json sarif; do
	$BCLINT -j 1 -f "$fmt" $crash "$@" >"one.$fmt" 2>"one.err"
	one=$?
	strip <one.err >one.said
	for n in 2 3 8; do
		$BCLINT -j "$n" -f "$fmt" $crash "$@" >"many.$fmt" 2>"many.err"
		st=$?
		strip <many.err >many.said
		cmp -s "one.$fmt" "many.$fmt"
		ok $? "$fmt: -j $n gives the report of -j 1"
		is "$(cat many.said)" "$(cat one.said)" "$fmt: -j $n says what -j 1 says, in its order"
		is "$st" "$one" "$fmt: -j $n: the same exit status ($one)"
	done
done
# Under a limit on address space each region gets a quarter of it: the
# workers run out of regions, one waits for another to end, and the
# regions of the files done give back what they do not hold; the report
# stays that of -j 1.  (valgrind has a limit of its own, and runs the
# loop above into it; a sanitizer needs more address space than this.)
for fmt in gcc json; do
	if [ -n "$VALGRIND_TESTS$SANITIZERS" ]; then
		ok 0 "# SKIP $fmt: a limit on address space, under valgrind or a sanitizer"
		ok 0 "# SKIP $fmt: a limit on address space, what is said"
		continue
	fi
	$BCLINT -j 1 -f "$fmt" $crash "$@" >"one.$fmt" 2>one.said
	one=$?
	(ulimit -v 250000 && exec $BCLINT -j 8 -f "$fmt" $crash "$@") >"few.$fmt" 2>few.said
	st=$?
	cmp -s "one.$fmt" "few.$fmt"
	ok $? "$fmt: -j 8 under a limit of 250 MB on address space gives the report of -j 1"
	is "$st: $(cat few.said)" "$one: $(cat one.said)" \
		"$fmt: under that limit, what is said and the exit status are those of -j 1"
done
is "$one" 3 "the crashing rule makes it 3"
is "$(grep -c "rule 'test-crash' crashed" one.said)" 13 "one crash named per valid snapshot"
is "$(grep -c 'cannot read snapshot' one.said)" 1 "the missing file named once"
is "$(sed -n 1p one.said)" "bclint: error: $tmp/crash.so: rule 'test-crash' crashed (SIGSEGV) on demo1.json" \
	"in the files' order: the first file's first"
is "$(grep -n 'missing.json' one.said | cut -d: -f1)" 13 "the missing file after the twelve snapshots before it"

run_bclint -j 0 demo1.json
is "$status:$err" "2:bclint: error: invalid --jobs '0' (1 to 64)
Try 'bclint --help' for more information." "-j 0: a usage error"
run_bclint --jobs=65 demo1.json
is "$status" 2 "-j 65: a usage error"
run_bclint --no-isolate -j 4 -f json demo1.json mixed1.json
a=$out
run_bclint -j 4 -f json demo1.json mixed1.json
is "$out" "$a" "--no-isolate with -j: the same report, one snapshot after another"
done_testing
