#!/bin/sh
# Every input a fuzzer found (t/data/fuzz/CASE.json) goes through bclint:
# the gcc report must be exactly CASE.expected (with its "# exit:" status),
# and every other format must end with the same status, never a signal
# (under VALGRIND_TESTS=1 or --enable-sanitizers: never a memory error).
. "$top_srcdir/t/lib/tap.sh"
# Only the five core rules: the expectations below were written against them.
BCLINT="$BCLINT $NONCORE"
cd "$top_srcdir/t/data/fuzz" || exit 1
for f in *.json; do
	name=${f%.json}
	want_exit=$(sed -n 's/^# exit: //p' "$name.expected")
	want=$(grep -v '^# [a-z]*:' "$name.expected")
	got=$($BCLINT --now=2026-11-01 "$f" 2>/dev/null)
	st=$?
	is "$got" "$want" "$name: gcc output"
	is "$st" "${want_exit:-0}" "$name: exit status"
	for fmt in sarif json github; do
		$BCLINT --now=2026-11-01 -f "$fmt" "$f" >/dev/null 2>&1
		is "$?" "${want_exit:-0}" "$name: -f $fmt exit status"
	done
done
done_testing
