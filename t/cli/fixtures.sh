#!/bin/sh
# bclint --check-fixtures, the rule test harness: the fixture format (the
# args file, # args / # exit / # input directives, quoting), options after
# '--', exact TAP for passing and failing cases, and its exit status.
. "$top_srcdir/t/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$top_builddir/t/plugins/.libs/good.so" "$dir/" && chmod 0644 "$dir/good.so"
good="warning: hello from a plugin [test-good]"
mkdir "$dir/pass" "$dir/fail" "$dir/empty"
cp "$top_srcdir/t/data/tiny.json" "$dir/pass/plain.json"
cp "$top_srcdir/t/data/tiny.json" "$dir/pass/shared.json"
cp "$top_srcdir/t/data/tiny.json" "$dir/fail/wrong.json"
echo '--no-config --fail-on=error' >"$dir/pass/args"
cat >"$dir/pass/plain.expected" <<EOF2
# exit: 0
plain.json:1:39: $good
EOF2
# One input for two cases; quoting as in the shell; directives anywhere.
cat >"$dir/pass/quoted.expected" <<'EOF2'
# input: shared.json
# args: '--level=test-good=error' "--for"\mat
# args: g"c"'c' --sarif-automation-id="a\"b \$x" --fail-on=warn\ing --fail-on="er"'ror'
shared.json:1:39: error: hello from a plugin [test-good]
# exit: 1
EOF2
cat >"$dir/fail/wrong.expected" <<EOF2
# args: --level=test-good=note
wrong.json:1:39: $good
EOF2

run_bclint --check-fixtures "$dir/pass" -- --disable=all --plugin="$dir/good.so" \
	--enable=test-good
is "$out" "ok 1 - pass/plain: output
ok 2 - pass/plain: exit status
ok 3 - pass/quoted: output
ok 4 - pass/quoted: exit status
1..4" "passing cases: TAP, in name order"
is "$status" 0 "passing cases: exit status 0"

run_bclint --check-fixtures "$dir/fail/" -- --disable=all --plugin="$dir/good.so" \
	--enable=test-good
is "$out" "not ok 1 - fail/wrong: output
# --- expected
# wrong.json:1:39: $good
# --- got
# wrong.json:1:39: note: hello from a plugin [test-good]
# --- stderr
# 0 errors, 0 warnings, 1 note
ok 2 - fail/wrong: exit status
1..2" "a failing case: not ok, with what was expected and what came"
is "$status" 1 "a failing case: exit status 1"

run_bclint --check-fixtures "$dir/pass" -- --disable=all --plugin="$dir/good.so"
is "$(printf '%s\n' "$out" | grep '^\(not \)\{0,1\}ok\|^1\.\.')" "not ok 1 - pass/plain: output
ok 2 - pass/plain: exit status
ok 3 - pass/quoted: output
ok 4 - pass/quoted: exit status
1..4" "options after -- come first: a case's --level switches its rule back on"

run_bclint --check-fixtures "$dir/empty" "$dir/missing"
is "$out" "not ok 1 - empty: no cases (CASE.expected files)
not ok 2 - missing: cannot read the fixture directory
# $dir/missing: No such file or directory
1..2" "an empty or missing directory fails"
is "$status" 1 "an empty or missing directory: exit status 1"

printf "# args: '--enable\n" >"$dir/fail/wrong.expected"
run_bclint --check-fixtures "$dir/fail"
is "$out" "not ok 1 - fail/wrong: output
# $dir/fail/wrong.expected: '# args:' has an unterminated quote
1..1" "an unterminated quote fails the case"

run_bclint --check-fixtures
is "$err:$status" "bclint: error: --check-fixtures needs a fixture directory
Try 'bclint --help' for more information.:2" "no directory: usage error"

done_testing
