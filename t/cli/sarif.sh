#!/bin/sh
# The sarif format: driver and rules, results with regions and logical
# locations, artifacts of every snapshot, invocations and notifications,
# and validation by Microsoft's SARIF multitool with GitHub's rules.
. "$top_srcdir/t/lib/tap.sh"
# Only the five core rules: the expectations below were written against them.
BCLINT="$BCLINT $NONCORE"
cd "$top_srcdir/t/data/cli" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in fails leaky; do
	cp "$top_builddir/t/plugins/.libs/$p.so" "$tmp/" && chmod 0644 "$tmp/$p.so"
done
q() { printf '%s' "$out" | jq -c "$1"; }

run_bclint -f sarif mixed.json
is "$(q '.runs[0].tool.driver | [.name, .version, .semanticVersion, .informationUri]')" \
	'["bclint","0.1.0","0.1.0","https://github.com/bclint/bclint"]' "driver metadata"
sarif=$out
run_bclint --list-rules
loaded=$(printf '%s\n' "$out" | awk '{printf "%s%s %s", (NR > 1 ? "," : ""), $1, $3}')
out=$sarif
is "$(q '[.runs[0].tool.driver.rules[] | "\(.id) \(.properties.plugin)"] | join(",")')" \
	"\"snapshot null,suppression-expired null,suppression-unused null,$loaded\"" \
	"rules[]: the host's three pseudo-rules, then every loaded rule with its plugin"
is "$(q '[.runs[0].tool.driver.rules[] | select(.name != .id and .defaultConfiguration.level)] | length')" \
	"$(($(printf '%s\n' "$loaded" | tr ',' '\n' | wc -l) + 3))" "rules[]: every rule has a name distinct from its ID and a level"
is "$(q '[.runs[0].tool.driver.rules[] | select(.shortDescription.text and .fullDescription.text and .help.text and .help.markdown and .helpUri and .properties.precision and .properties["problem.severity"] and (.properties.tags | type == "array")) | .id] | length')" \
	"$(($(printf '%s\n' "$loaded" | tr ',' '\n' | wc -l) + 3))" "rules[]: every rule has descriptions, help, helpUri, tags, precision and severity"
is "$(q '.runs[0] as $run | [$run.results[] | .ruleId == $run.tool.driver.rules[.ruleIndex].id] | all')" \
	true "every ruleIndex points at its rule"
is "$(q '.runs[0].results[0] | [.level, .locations[0].physicalLocation.artifactLocation, .locations[0].physicalLocation.region, .locations[0].logicalLocations, .partialFingerprints]')" \
	'["warning",{"uri":"mixed.json","index":0},{"startLine":6,"startColumn":5,"endLine":6,"endColumn":77},[{"fullyQualifiedName":"/members/1","kind":"object"}],{"bclint/v1":"9b217c14d2eeb32b","primaryLocationLineHash":"9b217c14d2eeb32b"}]' \
	"a result: level, relative URI, region with end, JSON Pointer, fingerprint (bclint's, also as GitHub's primaryLocationLineHash)"
is "$(q '.runs[0].results[1].relatedLocations')" \
	'[{"id":1,"physicalLocation":{"artifactLocation":{"uri":"mixed.json","index":0},"region":{"startLine":9,"startColumn":19,"endLine":9,"endColumn":112}},"message":{"text":"granted here: advertiser_role ANALYST"}}]' \
	"notes are related locations with messages"
is "$(q '.runs[0].results[1].message.text')" \
	'"ana@x.example needs CREATE_EDIT_ADS on ad account '"'"'Brand'"'"' (100) but holds advertiser_role ANALYST: grant at least advertiser_role OPERATOR (see [granted here: advertiser_role ANALYST](1))"' \
	"the message links each note by its related location's id (GitHub shows only those)"
is "$(q '.runs[0].results[0].message.text | test("see")')" false "no notes, no links"
is "$(q '[.runs[0].columnKind, .runs[0].automationDetails, .runs[0].invocations]')" \
	'["unicodeCodePoints",null,[{"executionSuccessful":true,"exitCode":1}]]' "run: columnKind, invocations"

run_bclint -f sarif --sarif-automation-id=bclint/nightly/42 mixed.json
is "$(q .runs[0].automationDetails)" '{"id":"bclint/nightly/42"}' "--sarif-automation-id"

# Several snapshots: one run, one artifact each, per-file locations.
run_bclint -f sarif ./mixed.json "$PWD/warn.json"
is "$(q '.runs | length')" 1 "several snapshots: one run"
is "$(q '[.runs[0].artifacts[].location.uri]')" "[\"mixed.json\",\"file://$PWD/warn.json\"]" \
	"several snapshots: artifacts with './' dropped; absolute paths as file: URIs"
is "$(q '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.index]')" '[0,0,1]' \
	"several snapshots: each result names its artifact"
is "$(q '.runs[0].invocations[0].exitCode')" 1 "several snapshots: exit code of the worst"
run_bclint -f sarif .//mixed.json ../cli/./warn.json "$PWD/../cli/./mixed.json"
is "$(q '[.runs[0].artifacts[].location.uri]')" "[\"mixed.json\",\"../cli/warn.json\",\"file://$PWD/mixed.json\"]" \
	"URIs are normalised: no '.' or empty segments, '..' resolved where it can be"
run_bclint -f sarif - <warn.json
is "$(q '.runs[0].artifacts[0].location.uri')" '"stdin"' "standard input is the artifact 'stdin'"

# Failures: a plugin that fails and a snapshot that cannot be read.
run_bclint -f sarif --plugin="$tmp/fails.so" mixed.json missing.json
is "$(q '.runs[0].invocations')" \
	"[{\"executionSuccessful\":false,\"exitCode\":3,\"toolExecutionNotifications\":[{\"level\":\"error\",\"message\":{\"text\":\"$tmp/fails.so: rule 'test-fails' failed on mixed.json (status -5)\"},\"associatedRule\":{\"id\":\"test-fails\"}},{\"level\":\"error\",\"message\":{\"text\":\"missing.json: cannot read snapshot: No such file or directory\"}}]}]" \
	"a notification for each plugin failure and unreadable snapshot"
is "$status" 3 "a failing plugin: exit 3, report still written"
is "$(q '[.runs[0].results[].ruleId] | index("test-fails") != null')" true \
	"the failing plugin's findings are kept"

# Hostile text cannot make a link: '\', '[' and ']' are escaped, and every
# link the message holds is one of bclint's, to a related location.
run_bclint -f sarif --plugin="$tmp/leaky.so" ../formats/hostile.json
is "$(q '[.runs[0].results[] | .message.text]')" "$(cat ../formats/hostile.sarif-messages)" \
	"hostile: messages with brackets and backslashes escaped, notes linked"
links='[.runs[0].results[] | . as $r | [.message.text | scan("(?<!\\\\)\\[(?:[^\\\\\\]]|\\\\.)*\\]\\(([0-9]+)\\)") | .[0] | tonumber] == [$r.relatedLocations[]?.id]] | all'
is "$(q "$links")" true "hostile: the only links are bclint's, one to each related location"

# Rules' metadata as GitHub reads it: precision per rule (not the same for
# all), security-severity on rules tagged security, helpUri a page.
run_bclint -f sarif --disable=all ../formats/hostile.json
is "$(q '[.runs[0].tool.driver.rules[] | select(.properties.tags | index("security")) | select(.properties["security-severity"] == null) | .id]')" \
	'[]' "every rule tagged security has a security-severity"
is "$(q '[.runs[0].tool.driver.rules[] | select((.properties.tags | index("security")) == null) | select(.properties["security-severity"] != null) | .id]')" \
	'[]' "no security-severity without the security tag"
is "$(q '[.runs[0].tool.driver.rules[] | select(.id == "two-step-disabled" or .id == "excess-grant" or .id == "permission-too-narrow") | [.id, .properties.precision, .properties["security-severity"]]]')" \
	'[["two-step-disabled","very-high","7.0"],["excess-grant","medium","3.0"],["permission-too-narrow","high",null]]' \
	"precision and security-severity as each rule says"
is "$(q '[.runs[0].tool.driver.rules[].properties.precision] | unique | length > 1')" true \
	"precision differs between rules"
is "$(q '[.runs[0].tool.driver.rules[] | .helpUri == "https://github.com/bclint/bclint/blob/main/docs/rules/\(.id).md"] | all')" \
	true "helpUri: the rule's page in docs/rules"

# GitHub's limits: at most 10 tags per rule, 100 related locations per result.
run_bclint -f sarif "$top_srcdir/examples/demo.json"
is "$(q '[.runs[0].tool.driver.rules[].properties.tags | length <= 10] | all')" true "tags within GitHub's limit"

awk 'BEGIN {
	printf "{\"schema\": \"bclint-snapshot/1\", \"bc\": {\"bc_id\": \"1\"}, \"members\": ["
	for (i = 1; i <= 150; i++)
		printf "%s{\"user_id\": \"%d\", \"user_email\": \"a%d@x.example\", \"user_role\": \"ADMIN\"}", (i > 1 ? ", " : ""), i, i
	print "], \"assets\": [], \"assignments\": []}"
}' >"$tmp/admins.json"
run_bclint -f sarif --disable=all --enable=too-many-admins "$tmp/admins.json"
is "$(q '[(.runs[0].results[0].relatedLocations | length), .runs[0].invocations[0].toolExecutionNotifications[0].level]')" \
	'[100,"warning"]' "at most 100 related locations per result, and a warning saying so"
is "$(q '.runs[0].results[0].message.text | [scan("\\]\\(([0-9]+)\\)")] | [length, .[0][0], .[99][0]]')" '[100,"1","100"]' \
	"a link to each related location kept, no more"

# Validation by the SARIF multitool (npm @microsoft/sarif-multitool).
$BCLINT -f sarif -o "$tmp/demo.sarif" "$top_srcdir/examples/demo.json" 2>/dev/null
$BCLINT -f sarif --plugin="$tmp/fails.so" --plugin="$tmp/leaky.so" --sarif-automation-id=ci/1 \
	-o "$tmp/all.sarif" ./mixed.json "$PWD/../cli/./warn.json" ../hostile/hostile.json missing.json 2>/dev/null
$BCLINT -f sarif --redact -o "$tmp/redacted.sarif" - <mixed.json 2>/dev/null
$BCLINT -f sarif -o "$tmp/bad.sarif" ../snapshot/bad-utf8.json 2>/dev/null
$BCLINT -f sarif -o "$tmp/admins.sarif" "$tmp/admins.json" 2>/dev/null
$BCLINT -f sarif --plugin="$tmp/leaky.so" -o "$tmp/hostile.sarif" ../formats/hostile.json 2>/dev/null
"$top_srcdir/.ci/validate-sarif" "$tmp/demo.sarif" "$tmp/all.sarif" "$tmp/redacted.sarif" \
	"$tmp/bad.sarif" "$tmp/admins.sarif" "$tmp/hostile.sarif" >"$tmp/validate.out" 2>&1
case $? in
0) ok 0 "Sarif.Multitool validate --rule-kind 'Sarif;Gh': no errors" ;;
77) ok 0 "# SKIP Sarif.Multitool not installed (npm install -g @microsoft/sarif-multitool)" ;;
*)
	ok 1 "Sarif.Multitool validate --rule-kind 'Sarif;Gh': no errors"
	diag "$(cat "$tmp/validate.out")"
	;;
esac
# A file the multitool skips (it does so over 10,000 KB, with only a
# warning) is a failure, not a pass.
cp "$tmp/demo.sarif" "$tmp/big.sarif"
head -c 10300000 /dev/zero | tr '\0' ' ' >>"$tmp/big.sarif"
"$top_srcdir/.ci/validate-sarif" "$tmp/demo.sarif" "$tmp/big.sarif" >"$tmp/validate.out" 2>&1
case $? in
1) is "$(tail -n 1 "$tmp/validate.out")" \
	"validate-sarif: not every file was validated (SARIF_MAX_FILE_KB raises the size limit)" \
	".ci/validate-sarif fails when the multitool skips a file" ;;
77) ok 0 "# SKIP Sarif.Multitool not installed (npm install -g @microsoft/sarif-multitool)" ;;
*) ok 1 ".ci/validate-sarif fails when the multitool skips a file"; diag "$(cat "$tmp/validate.out")" ;;
esac

done_testing
