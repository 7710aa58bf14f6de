#!/bin/sh
# Crash isolation: a rule that crashes, aborts or runs past --rule-timeout
# is named on stderr with how it failed, the findings of every other rule
# are still reported (the failed rule's own are dropped), and the exit
# status is 3.
. "$top_srcdir/t/lib/tap.sh"
# In a sanitizer build, let SIGSEGV and SIGABRT kill the rules' process as
# they would anywhere else, instead of AddressSanitizer's handlers.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_abort=0"
export ASAN_OPTIONS

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for p in good crash abort loop fails; do
	cp "$top_builddir/t/plugins/.libs/$p.so" "$dir/" && chmod 0644 "$dir/$p.so"
done
cd "$top_srcdir/t/data" || exit 1

# Under valgrind, a child killed by a signal also gets valgrind's own
# account of it: compare bclint's lines only.
bclint_err() { printf '%s\n' "$err" | grep -v '^==[0-9]*=='; }

plugins() { # plugins NAME...: --plugin and --enable options for test plugins
	for p in "$@"; do
		printf ' --plugin=%s --enable=test-%s' "$dir/$p.so" "$p"
	done
}
good="tiny.json:1:39: warning: hello from a plugin [test-good]"

run_bclint --disable=all $(plugins crash good) tiny.json
is "$out" "$good" "SIGSEGV: the other rule's finding is reported, the crashed rule's is not"
is "$(bclint_err)" "bclint: error: $dir/crash.so: rule 'test-crash' crashed (SIGSEGV) on tiny.json
0 errors, 1 warning, 0 notes" "SIGSEGV: the rule and the signal are named"
is "$status" 3 "SIGSEGV: exit status 3"

run_bclint --disable=all $(plugins good abort) tiny.json
is "$out" "$good" "abort: the other rule's finding is reported"
is "$(bclint_err)" "bclint: error: $dir/abort.so: rule 'test-abort' crashed (SIGABRT) on tiny.json
0 errors, 1 warning, 0 notes" "abort: the rule and the signal are named"
is "$status" 3 "abort: exit status 3"

run_bclint --disable=all $(plugins loop good) --rule-timeout=1 tiny.json
is "$out" "$good" "time limit: the other rule's finding is reported, the stopped rule's is not"
is "$(bclint_err)" "bclint: error: $dir/loop.so: rule 'test-loop' exceeded the time limit of 1 s on tiny.json
0 errors, 1 warning, 0 notes" "time limit: the rule and the limit are named"
is "$status" 3 "time limit: exit status 3"

# Every failure is reported, each once, and two snapshots each get theirs.
run_bclint --disable=all $(plugins crash abort fails good) tiny.json tiny.json
is "$out" "tiny.json:1:39: warning: reported before failing [test-fails]
$good
tiny.json:1:39: warning: reported before failing [test-fails]
$good" "several failures: the findings of rules that returned"
is "$(bclint_err)" "bclint: error: $dir/crash.so: rule 'test-crash' crashed (SIGSEGV) on tiny.json
bclint: error: $dir/abort.so: rule 'test-abort' crashed (SIGABRT) on tiny.json
bclint: error: $dir/fails.so: rule 'test-fails' failed on tiny.json (status -5)
bclint: error: $dir/crash.so: rule 'test-crash' crashed (SIGSEGV) on tiny.json
bclint: error: $dir/abort.so: rule 'test-abort' crashed (SIGABRT) on tiny.json
bclint: error: $dir/fails.so: rule 'test-fails' failed on tiny.json (status -5)
0 errors, 4 warnings, 0 notes" "several failures: each named, in order"
is "$status" 3 "several failures: exit status 3"

# A rule that failed before another crashed runs again in the next
# worker: its failure is printed once and recorded once.
run_bclint --disable=all $(plugins fails crash good) tiny.json
is "$out" "tiny.json:1:39: warning: reported before failing [test-fails]
$good" "re-run after a crash: the findings of the rules before and after it"
is "$(bclint_err)" "bclint: error: $dir/fails.so: rule 'test-fails' failed on tiny.json (status -5)
bclint: error: $dir/crash.so: rule 'test-crash' crashed (SIGSEGV) on tiny.json
0 errors, 2 warnings, 0 notes" "re-run after a crash: the earlier failure is printed once"
run_bclint --disable=all $(plugins fails crash good) --format=sarif tiny.json
is "$(printf '%s' "$out" | jq -c '[.runs[0].invocations[0].toolExecutionNotifications[] | .associatedRule.id]')" \
	'["test-fails","test-crash"]' "re-run after a crash: each failure recorded once"
is "$status" 3 "re-run after a crash: exit status 3"

# The new worker loads the snapshot again: from standard input too.
run_bclint --disable=all $(plugins crash good) - <tiny.json
is "$out:$status" "-:1:39: warning: hello from a plugin [test-good]:3" \
	"a crash on standard input: the snapshot is loaded again for the other rules"

run_bclint --disable=all $(plugins crash loop good) --rule-timeout=1 --format=sarif tiny.json
is "$(printf '%s' "$out" | jq -c '.runs[0].invocations[0] | [.executionSuccessful, .exitCode,
	[.toolExecutionNotifications[] | [.associatedRule.id, .message.text]]]')" \
	"[false,3,[[\"test-crash\",\"$dir/crash.so: rule 'test-crash' crashed (SIGSEGV) on tiny.json\"],[\"test-loop\",\"$dir/loop.so: rule 'test-loop' exceeded the time limit of 1 s on tiny.json\"]]]" \
	"SARIF: a toolExecutionNotification per failed rule"
is "$(printf '%s' "$out" | jq -r '.runs[0].results[] | .ruleId + ": " + .message.text')" \
	"test-good: hello from a plugin" "SARIF: the other rule's result is there"

# Suppressions used inside an isolated rule still count as used.
cat >"$dir/supp.json" <<'CONF'
{"suppressions": [{"rule": "test-good", "pointer": "/bc", "reason": "known"}]}
CONF
run_bclint --disable=all $(plugins good) -c "$dir/supp.json" tiny.json
is "$out:$status" ":0" "suppression inside an isolated rule: applied, and not reported unused"

# --no-isolate runs rules in the bclint process: same findings.
run_bclint --disable=all $(plugins good fails) --no-isolate tiny.json
is "$out" "tiny.json:1:39: warning: reported before failing [test-fails]
$good" "--no-isolate: same findings"
is "$status" 3 "--no-isolate: a failing rule is still exit status 3"

# Under a limit on address space, the worker's shared memory takes a
# quarter of it and leaves the run the rest: the same report as without.
# (valgrind and the sanitizers need more address space than any limit.)
if [ -z "$VALGRIND_TESTS$SANITIZERS" ]; then
	run_bclint --disable=all $(plugins good) tiny.json
	want="$out:$status"
	run_bclint_limited() { (ulimit -v 300000 && run_bclint "$@" && printf '%s:%s' "$out" "$status"); }
	is "$(run_bclint_limited --disable=all $(plugins good) tiny.json)" "$want" \
		"ulimit -v 300000: the same report, isolated"
	is "$(cd "$top_srcdir/examples" && run_bclint_limited demo.json)" \
		"$(cd "$top_srcdir/examples" && run_bclint demo.json && printf '%s:%s' "$out" "$status")" \
		"ulimit -v 300000: the demo's report as without the limit"
else
	ok 0 "# SKIP address-space limits under valgrind or the sanitizers"
	ok 0 "# SKIP address-space limits under valgrind or the sanitizers"
fi

for bad in -1 x '' 86401; do
	run_bclint --rule-timeout="$bad" tiny.json
	is "$err:$status" "bclint: error: invalid --rule-timeout '$bad' (seconds, 0 to 86400)
Try 'bclint --help' for more information.:2" "--rule-timeout='$bad': usage error"
done

done_testing
