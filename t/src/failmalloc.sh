#!/bin/sh
# Allocation failure: run bclint on examples/demo.json (the loader and every
# core rule report something) with the Nth malloc, calloc, realloc or
# aligned_alloc failing, for every N up to the number of allocations a
# normal run makes.  Each run
# must either exit 2 or 3 with a "bclint: error:" message, or (where the
# failure was absorbed, e.g. inside the dynamic loader) produce exactly the
# normal report and exit status.  A signal or a partial report fails.
# In each format but gcc only every 7th N is tried unless FAILMALLOC_FULL=1
# (CI sets it).
. "$top_srcdir/t/lib/tap.sh"
shim=$top_builddir/t/lib/.libs/failmalloc.so
bin=$top_builddir/bclint
demo=$top_srcdir/examples/demo.json
if [ -n "$SANITIZERS" ]; then
	echo "1..0 # SKIP ASan replaces the allocator and must come first in LD_PRELOAD"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for fmt in gcc sarif json github; do
	step=7
	[ "$fmt" = gcc ] || [ -n "$FAILMALLOC_FULL" ] && step=1
	"$bin" -f "$fmt" "$demo" >"$tmp/want" 2>"$tmp/want.err"
	want_status=$?
	FAILMALLOC_COUNT=$tmp/count LD_PRELOAD=$shim "$bin" -f "$fmt" "$demo" >"$tmp/out" 2>&1
	total=$(cat "$tmp/count")
	[ "$total" -gt 100 ]
	ok $? "$fmt: counting mode sees the run's allocations ($total)"
	bad=
	n=1
	while [ "$n" -le "$total" ]; do
		FAILMALLOC_FAIL=$n LD_PRELOAD=$shim "$bin" -f "$fmt" "$demo" >"$tmp/out" 2>"$tmp/err"
		st=$?
		case $st in
		2 | 3) grep -q '^bclint: error: ' "$tmp/err" || bad="$bad $n:$st:no-message" ;;
		*)
			if [ "$st" -ne "$want_status" ] || ! cmp -s "$tmp/out" "$tmp/want"; then
				bad="$bad $n:$st"
			fi
			;;
		esac
		n=$((n + step))
	done
	is "$bad" "" "$fmt: every failed allocation (1..$total by $step) ends in status 2 or 3 with a message, or the full report"
done

# -o FILE and --redact: a run that ran out of memory writes no report, so
# the previous one is left intact (and no temporary file is left behind).
# Under a fixed key, a full report is the same as the one wanted.
export BCLINT_REDACT_KEY="bclint test key, not a secret"
step=7
[ -n "$FAILMALLOC_FULL" ] && step=1
"$bin" --redact -o "$tmp/want" "$demo" 2>/dev/null
want_status=$?
FAILMALLOC_COUNT=$tmp/count LD_PRELOAD=$shim "$bin" --redact -o "$tmp/report" "$demo" 2>/dev/null
total=$(cat "$tmp/count")
bad=
n=1
while [ "$n" -le "$total" ]; do
	echo previous >"$tmp/report"
	FAILMALLOC_FAIL=$n LD_PRELOAD=$shim "$bin" --redact -o "$tmp/report" "$demo" 2>"$tmp/err"
	st=$?
	case $st in
	2 | 3)
		grep -q '^bclint: error: ' "$tmp/err" || bad="$bad $n:$st:no-message"
		if grep -q 'no report written' "$tmp/err" && [ "$(cat "$tmp/report")" != previous ]; then
			bad="$bad $n:$st:overwritten"
		fi
		;;
	*) [ "$st" -eq "$want_status" ] && cmp -s "$tmp/report" "$tmp/want" || bad="$bad $n:$st" ;;
	esac
	n=$((n + step))
done
is "$bad" "" "-o FILE --redact: out of memory leaves the previous report (1..$total by $step)"
is "$(ls "$tmp" | grep -c '^report\.')" 0 "-o FILE: no temporary file left behind"

# --redact with a rule that prints emails itself (t/plugins/leaky.c): the
# messages are scrubbed by the host, and when that runs out of memory the
# run ends with no report, never with the message as the rule wrote it.
cp "$top_builddir/t/plugins/.libs/leaky.so" "$tmp/" && chmod 0644 "$tmp/leaky.so"
hostile=$top_srcdir/t/data/hostile/hostile.json
FAILMALLOC_COUNT=$tmp/count LD_PRELOAD=$shim "$bin" --redact --plugin="$tmp/leaky.so" \
	"$hostile" >/dev/null 2>&1
total=$(cat "$tmp/count")
bad=
n=1
while [ "$n" -le "$total" ]; do
	FAILMALLOC_FAIL=$n LD_PRELOAD=$shim "$bin" --redact --plugin="$tmp/leaky.so" \
		"$hostile" >"$tmp/out" 2>/dev/null
	grep -q '@' "$tmp/out" && bad="$bad $n"
	n=$((n + step))
done
is "$bad" "" "--redact: no email in the output, whatever allocation fails (1..$total by $step)"
done_testing
