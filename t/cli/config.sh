#!/bin/sh
# The configuration file: discovery, every key, precedence, suppressions,
# and every configuration error at its line and column.
. "$top_srcdir/t/lib/tap.sh"
# email-domain-not-allowed would repeat what finance-role-misuse says here.
OFF=--disable=email-domain-not-allowed
cd "$top_srcdir/t/data/config" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ADMINS1='bc.json:3:9: warning: 2 active Admins, more than max_admins (1): keep Admins to a minimum and change the others to Standard in Business Center > Users [too-many-admins]
bc.json:5:5: note: Admin: a@acme.example
bc.json:6:5: note: Admin: b@acme.example'
SVC='bc.json:7:5: warning: svc-bot@acme.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]'
PAY='bc.json:8:5: error: pay@agency.example holds finance_role ANALYST but is outside the email-domain allowlist: remove the finance permission in Business Center > Users [finance-role-misuse]'

run_bclint $OFF bc.json
is "$out" "$SVC
$PAY" "no config: policy max_admins 5 applies, defaults elsewhere"

cd implicit || exit 1
run_bclint $OFF bc.json
is "$out" "$(printf '%s\n' "$ADMINS1" | sed '1s/: warning: /: error: /')
$PAY" ".bclint.json in the current directory: level, option and 'off'"
is "$status" 1 ".bclint.json: exit status"
run_bclint $OFF --no-config bc.json
is "$out" "$SVC
$PAY" "--no-config ignores .bclint.json"
run_bclint $OFF --set=too-many-admins.max_admins=2 bc.json
is "$out" "$PAY" "--set beats the config file's option"
run_bclint $OFF --level=too-many-admins=note --enable=no-asset-assigned bc.json
is "$(printf '%s\n' "$out" | sed -n '1p;4p')" "$(printf '%s\n' "$ADMINS1" | sed -n 1p | sed 's/: warning: /: note: /')
$SVC" "--level and --enable beat the config file"
cd .. || exit 1

run_bclint $OFF -c options.json bc.json
is "$out" "$ADMINS1
$SVC" "-c: options (a pattern list, an integer beating the snapshot's policy)"
run_bclint $OFF --config=missing.json bc.json
is "$err" "bclint: error: missing.json: cannot read configuration: No such file or directory" "-c: a missing file"
is "$status" 2 "-c: a missing file is exit 2"

run_bclint $OFF -c plugin.json bc.json
is "$(printf '%s\n' "$err" | sed -n 1p)" "bclint: error: ./sub/nothing-here.so: cannot open plugin: No such file or directory" "plugins: relative to the config file"
is "$status" 3 "plugins: a missing plugin is exit 3"

run_bclint $OFF --now=2026-11-01 -c suppress.json bc.json
is "$out" "suppress.json:5:5: warning: suppression of 'too-many-admins' expired on 2026-01-31 and no longer applies (migration): fix the findings or renew it [suppression-expired]
suppress.json:6:5: note: suppression of 'foreign-asset' matched no finding: remove it [suppression-unused]" \
	"suppressions: by match and by pointer; expired and unused ones reported"
is "$status" 0 "suppressions: suppressed errors do not fail the run"
run_bclint $OFF --now=2027-06-01 -c suppress.json bc.json
is "$(printf '%s\n' "$out" | grep -c 'suppression-expired')" 2 "suppressions: expiry follows --now"
is "$(printf '%s\n' "$out" | grep '^bc.json')" "$PAY" "suppressions: an expired one stops suppressing"
run_bclint $OFF --now=2026-11-01 -c suppress.json --format=sarif bc.json
is "$(printf '%s' "$out" | jq -c '[.runs[0].results[] | select(.suppressions) | [.ruleId, .suppressions[0].kind, .suppressions[0].justification]]')" \
	'[["no-asset-assigned","external","service accounts"],["finance-role-misuse","external","agency billing, contract until March"]]' \
	"suppressions: in SARIF with kind external and the reason"
run_bclint $OFF --now=2026-11-01 -c suppress.json --format=json bc.json
is "$(printf '%s' "$out" | jq -c '[.findings[].rule]')" '["suppression-expired","suppression-unused"]' \
	"suppressions: suppressed findings are not in JSON"

run_bclint $OFF -c bad-json.json bc.json
is "$err" "bad-json.json:2:39: error: malformed JSON: unexpected closing bracket" "config: malformed JSON at its position"
is "$status" 2 "config: malformed JSON is exit 2"
# a NUL would make the pattern "^ana@acme\\.example$" of any address
printf '%s\n' '{"rules": {"email-domain-not-allowed":' \
	'  {"allowed_email_patterns": ["^ana@acme\\.example$\u0000|.*"]}}}' >"$tmp/nul.json"
run_bclint $OFF -c "$tmp/nul.json" bc.json
is "$err" "$tmp/nul.json:2:52: error: \\u0000 in a string: bclint refuses NUL characters, which would cut the text short" "config: a NUL is refused at its position"
is "$status" 2 "config: a NUL is exit 2"
run_bclint $OFF -c bad-keys.json bc.json
is "$err" "bad-keys.json:2:11: error: unknown key 'rule' (rules, plugins, suppressions, roster)
bad-keys.json:4:23: error: unknown rule 'too-many-admin' (see bclint --list-rules)
bad-keys.json:5:38: error: rule 'too-many-admins' has no option 'max_admin' (accepted: max_admins)
bad-keys.json:5:50: error: invalid level for rule 'too-many-admins': expected \"error\", \"warning\", \"note\" or \"off\"
bad-keys.json:6:53: error: finance-role-misuse.max_finance_managers must be a non-negative integer, not a string
bad-keys.json:6:87: error: bad regular expression '(unclosed': missing closing parenthesis at offset 9
bad-keys.json:7:22: error: rule 'foreign-asset' must be a level or an object, not a number
bad-keys.json:9:14: error: 'plugins' must be an array, not a string
bad-keys.json:11:5: error: a suppression needs 'rule', 'reason', and 'pointer' or 'match'
bad-keys.json:12:14: error: unknown rule 'nope' (see bclint --list-rules)
bad-keys.json:12:33: error: 'pointer' must be a JSON Pointer starting with '/'
bad-keys.json:12:72: error: 'expires' is not a date or RFC 3339 timestamp: 'soon'
bad-keys.json:12:88: error: unknown key 'when' in a suppression (rule, pointer, match, reason, expires)
bad-keys.json:13:28: error: bad regular expression '[z-a]': range out of order in character class at offset 3" \
	"config: every error, in file order, at its line and column"
is "$status" 2 "config: errors are exit 2"
is "$out" "" "config: no report on a bad configuration"
# A configuration's text quoted in an error starts no line and hides nothing.
printf '%s\n' '{"x\nevil.json:1:1: error: forged\u202e": 1}' >"$tmp/hostile.json"
run_bclint $OFF -c "$tmp/hostile.json" bc.json
is "$err" "$tmp/hostile.json:1:43: error: unknown key 'x\\nevil.json:1:1: error: forged\\u202e' (rules, plugins, suppressions, roster)" \
	"config: a key with a line feed and a bidirectional override, escaped in the message"

done_testing
