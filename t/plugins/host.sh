#!/bin/sh
# The plugin host: a good plugin runs; every kind of bad plugin is refused
# with a message naming the file and the reason, and exit status 3.
. "$top_srcdir/t/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for p in "$top_builddir"/t/plugins/.libs/*.so; do
	cp "$p" "$dir/" && chmod 0644 "$dir/$(basename "$p")"
done
snap="$top_srcdir/t/data/tiny.json"
cd "$top_srcdir/t/data" || exit 1

run_bclint --disable=all --plugin="$dir/good.so" --enable=test-good tiny.json
is "$out" "tiny.json:1:39: warning: hello from a plugin [test-good]" "good plugin: its finding"
is "$status" 0 "good plugin: exit status"

refused() { # refused PLUGIN MESSAGE
	run_bclint --disable=all --plugin="$dir/$1.so" tiny.json
	is "$err" "bclint: error: $dir/$1.so: $2
0 errors, 0 warnings, 0 notes" "$1: refused with its reason"
	is "$status" 3 "$1: exit status 3"
}
refused bad-magic "not a bclint plugin (bad magic in 'bclint_plugin')"
refused old-abi "plugin ABI version 42 does not match this bclint's ABI version 1"
refused small "plugin descriptor too small (16 bytes, expected 56)"
refused no-symbol "not a bclint plugin (no 'bclint_plugin' symbol)"
refused clash "rule 'too-many-admins' is already loaded from $BCLINT_RULES_PATH/too-many-admins.so"
refused bad-id "invalid rule ID 'Bad_ID' (lower-case letters, digits and hyphens)"
refused bad-precision "rule 'test-precision' has an invalid precision 'certain' (very-high, high, medium or low)"

# A plugin built with the first version's rule_size loads; its rules'
# appended fields are not read (SARIF says the default precision).
run_bclint --disable=all --plugin="$dir/v1-rule.so" --enable=test-v1 -f sarif tiny.json
is "$status:$(printf '%s' "$out" | jq -c '[.runs[0].tool.driver.rules[] | select(.id == "test-v1") | .properties.precision]')" \
	'0:["high"]' "a first-version rule descriptor: loaded, appended fields not read"

cp "$dir/good.so" "$dir/open.so" && chmod 0666 "$dir/open.so"
refused open "refusing to load a plugin writable by group or others (mode 0666)"
cp "$dir/good.so" "$dir/group.so" && chmod 0664 "$dir/group.so"
refused group "refusing to load a plugin writable by group or others (mode 0664)"
if [ "$(id -u)" -eq 0 ]; then
	cp "$dir/good.so" "$dir/theirs.so" && chown 65534 "$dir/theirs.so"
	refused theirs "refusing to load a plugin owned by another user (uid 65534)"
else
	ok 0 "# SKIP owner check needs root"
	ok 0 "# SKIP owner check needs root"
fi
refused missing "cannot open plugin: No such file or directory"
mkdir "$dir/adir.so"
refused adir "not a regular file"

run_bclint --disable=all --plugin="$dir/fails.so" --enable=test-fails tiny.json
is "$out" "tiny.json:1:39: warning: reported before failing [test-fails]" \
	"failing rule: findings it made are kept"
is "$err" "bclint: error: $dir/fails.so: rule 'test-fails' failed on tiny.json (status -5)
0 errors, 1 warning, 0 notes" "failing rule: named on stderr"
is "$status" 3 "failing rule: exit status 3"

run_bclint --disable=all --plugin="$dir/undeclared.so" --enable=test-undeclared tiny.json
is "$err" "bclint: error: $dir/undeclared.so: rule 'test-undeclared' read option 'surprise', which it does not declare
0 errors, 0 warnings, 0 notes" "undeclared option: a plugin error"
is "$status" 3 "undeclared option: exit status 3"

run_bclint --disable=all --plugin="$dir/fails.so" --enable=test-fails --format=sarif tiny.json
is "$(printf '%s' "$out" | jq -c '.runs[0].invocations[0] | [.executionSuccessful, .exitCode, .toolExecutionNotifications[0].associatedRule.id]')" \
	'[false,3,"test-fails"]' "failing rule: SARIF invocation says so"

run_bclint --rules-path="$dir/nowhere" tiny.json
is "$err" "bclint: error: $dir/nowhere: cannot read plugin directory: No such file or directory
0 errors, 0 warnings, 0 notes" "missing rules directory: refused"
is "$status" 3 "missing rules directory: exit status 3"

run_bclint --plugin="$dir/good.so" --list-rules
is "$(printf '%s\n' "$out" | grep '^test-good')" \
	"test-good                 warning  test-good              test rule" "--list-rules shows the plugin's rule"

# A bare file name is the file in the current directory, the one that was
# checked, never a namesake on the library search path.
mkdir "$dir/cwd" "$dir/libpath"
cp "$dir/good.so" "$dir/cwd/named.so"
cp "$dir/bad-magic.so" "$dir/libpath/named.so"
(cd "$dir/cwd" && LD_LIBRARY_PATH="$dir/libpath" $BCLINT --disable=all --plugin=named.so \
	--enable=test-good "$top_srcdir/t/data/tiny.json" >"$dir/out" 2>&1)
is "$?" 0 "--plugin=NAME loads ./NAME, not NAME from LD_LIBRARY_PATH"
(cd "$dir/libpath" && rm -f named.so && cd "$dir" && LD_LIBRARY_PATH="$dir/cwd" \
	$BCLINT --plugin=named.so "$top_srcdir/t/data/tiny.json" >"$dir/out" 2>&1)
is "$(head -n 1 "$dir/out")" "bclint: error: named.so: cannot open plugin: No such file or directory" \
	"--plugin=NAME: not in the current directory, not searched for elsewhere"

# Messages are kept as their format and arguments until the report is
# written; what a rule prints from its stack, a buffer it frees or writes
# again, or a format it builds is copied when it reports.  Two snapshots,
# so that the first one's messages outlive its model; in the worker and
# without one; gcc and JSON (the test suite's valgrind run checks reads).
fleeting_gcc='cli/mixed.json:5:5: warning: stack:ana@x.example heap:ana@x.example static:0 model:ana@x.example rodata 0% [test-fleeting]
cli/mixed.json:5:5: note: built zero ana@x.example
cli/mixed.json:6:5: warning: stack:ben@x.example heap:ben@x.example static:1 model:ben@x.example rodata 1% [test-fleeting]
cli/mixed.json:6:5: note: built one ben@x.example
cli/mixed.json:8:14: warning: ad account '"'Brand'"' (100) needs advertiser_role OPERATOR [test-fleeting]
cli/warn.json:4:15: warning: stack:ben@x.example heap:ben@x.example static:0 model:ben@x.example rodata 0% [test-fleeting]
cli/warn.json:4:15: note: built zero ben@x.example'
for iso in isolated --no-isolate; do
	run_bclint $(echo "$iso" | sed 's/^isolated$//') --disable=all --plugin="$dir/fleeting.so" --enable=test-fleeting \
		cli/mixed.json cli/warn.json
	is "$out" "$fleeting_gcc" "fleeting strings ($iso): each message as it was reported"
	is "$status" 0 "fleeting strings ($iso): exit status"
done
run_bclint --disable=all --plugin="$dir/fleeting.so" --enable=test-fleeting -f json \
	cli/mixed.json cli/warn.json
is "$(printf '%s' "$out" | jq -r '.findings[] | .message, .notes[].message' | tr '\n' '|')" \
	"stack:ana@x.example heap:ana@x.example static:0 model:ana@x.example rodata 0%|built zero ana@x.example|stack:ben@x.example heap:ben@x.example static:1 model:ben@x.example rodata 1%|built one ben@x.example|ad account 'Brand' (100) needs advertiser_role OPERATOR|stack:ben@x.example heap:ben@x.example static:0 model:ben@x.example rodata 0%|built zero ben@x.example|" \
	"fleeting strings: JSON messages the same"

done_testing
