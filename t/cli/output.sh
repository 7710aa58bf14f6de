#!/bin/sh
# Output for CI and editors: hostile snapshots in every format, --redact,
# fingerprints, baselines, colour, and several snapshots in one report.
. "$top_srcdir/t/lib/tap.sh"
# Only the five core rules: the expectations below were written against them.
BCLINT="$BCLINT $NONCORE"
cd "$top_srcdir/t/data/cli" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top_builddir/t/plugins/.libs/leaky.so" "$tmp/" && chmod 0644 "$tmp/leaky.so"
leaky="--plugin=$tmp/leaky.so"
esc=$(printf '\033')
lines() { printf '%s\n' "$1" | wc -l | tr -d ' '; }

# --- Hostile text (newlines, CR, ANSI and OSC escapes, '::', '%0A', ',' and
# ':' in emails, names and asset names) forges no line in any format.
cd ../hostile || exit 1
run_bclint $leaky hostile.json
is "$out" "$(cat hostile.gcc)" "hostile: gcc output, control characters escaped"
is "$(printf '%s\n' "$out" | grep -cv '^hostile\.json:[0-9]*:[0-9]*: \(error\|warning\|note\): ')" 0 \
	"hostile: gcc: every line is a diagnostic of the snapshot"
is "$(printf '%s' "$out" | grep -c "$esc")" 0 "hostile: gcc: no escape byte"
run_bclint -f github $leaky hostile.json
is "$out" "$(cat hostile.github)" "hostile: github output, escaped"
is "$(printf '%s\n' "$out" | grep -cv '^::\(error\|warning\|notice\) file=hostile\.json,line=[0-9]*,col=[0-9]*,endLine=[0-9]*,endColumn=[0-9]*,title=[a-z-]*::')" 0 \
	"hostile: github: one command per finding, nothing else"
is "$(lines "$out")" 4 "hostile: github: four findings, four lines"
run_bclint -f json $leaky hostile.json
is "$(printf '%s' "$out" | jq -c '[(.findings | length), .summary]')" '[4,{"error":1,"warning":3,"note":0}]' \
	"hostile: json parses, four findings"
is "$(lines "$out")" 6 "hostile: json: one line per finding"
is "$(printf '%s' "$out" | jq -r '.findings[1].message')" "$(printf 'raw Eve\n::warning::forged <eve@x.example\nhostile.json:1:1: error: forged [x]\r\n::error file=a,line=1::forged\033[2K\033]8;;http://x\007%%0A>')" \
	"hostile: json keeps the text exactly, as JSON escapes"
is "$(printf '%s' "$out" | grep -c "$esc")" 0 "hostile: json: no raw escape byte"
run_bclint -f sarif $leaky hostile.json
is "$(printf '%s' "$out" | jq -c '.runs[0].results | length')" 4 "hostile: sarif parses, four results"
is "$(printf '%s' "$out" | jq -r '.runs[0].results[1].message.text')" "$(printf 'raw Eve\n::warning::forged <eve@x.example\nhostile.json:1:1: error: forged \\[x\\]\r\n::error file=a,line=1::forged\033\\[2K\033\\]8;;http://x\007%%0A> (see [again: eve@x.example\nhostile.json:1:1: error: forged \\[x\\]\r\n::error file=a,line=1::forged\033\\[2K\033\\]8;;http://x\007%%0A](1))')" \
	"hostile: sarif keeps the text exactly, as JSON escapes (with SARIF's escaped brackets, notes linked)"
is "$(printf '%s' "$out" | grep -c "$esc")" 0 "hostile: sarif: no raw escape byte"
# A hostile file name.
evil="$tmp/a
::error file=x,line=1::forged:b,c%.json"
cp hostile.json "$evil"
run_bclint "$evil"
is "$(lines "$out")" 3 "hostile file name: gcc: still three lines"
first=$(printf '%s\n' "$out" | sed -n 1p)
is "${first%%: warning: *}" "$tmp/a\\n::error file=x,line=1::forged:b,c%.json:5:5" \
	"hostile file name: gcc escapes the newline"
run_bclint -f github "$evil"
is "$(lines "$out")" 2 "hostile file name: github: still two lines"
is "$(printf '%s\n' "$out" | sed -n 1p | cut -d, -f1)" "::warning file=$tmp/a%0A%3A%3Aerror file=x%2Cline=1%3A%3Aforged%3Ab%2Cc%25.json" \
	"hostile file name: github escapes %, newline, ':' and ',' in the property"

# --- --redact: no email or name of the snapshot anywhere, in any format,
# even from a plugin that prints them directly, and for people whose
# emails or names begin alike (same-key.json).
# Each email and name whole, and its part before any control character as
# a word (JSON and SARIF show control characters escaped).
secrets() { jq -r '.members[] | .user_email, (.user_name // empty) | split("\n")[0] | split("\r")[0]' "$1"; }
whole() { jq -r '.members[] | .user_email, (.user_name // empty) | @base64' "$1"; }
has() { S=$1 awk 'BEGIN { RS = "\001" } index($0, ENVIRON["S"]) { f = 1 } END { exit !f }' "$2"; }
for f in gcc json sarif github; do
	for s in hostile.json same-key.json ../cli/mixed.json "$top_srcdir/examples/demo.json"; do
		$BCLINT --redact $leaky -f "$f" "$s" >"$tmp/r.out" 2>"$tmp/r.err"
		# the rules' own documentation is not snapshot data
		[ "$f" = sarif ] && jq 'del(.runs[].tool.driver.rules)' "$tmp/r.out" >"$tmp/r.tmp" &&
			mv "$tmp/r.tmp" "$tmp/r.out"
		leaks=$(secrets "$s" | while IFS= read -r x; do
			grep -Fw -e "$x" "$tmp/r.out" "$tmp/r.err" >/dev/null && printf '%s\n' "$x"
		done; whole "$s" | while IFS= read -r x; do
			x=$(printf '%s' "$x" | base64 -d)
			has "$x" "$tmp/r.out" && printf '%s\n' "$x"
		done)
		is "$leaks" "" "--redact -f $f $(basename "$s"): no email or name leaks"
	done
done
# With a key, the pseudonyms are the same in every run (t/cli/redact.sh
# checks them against BLAKE2b computed apart from bclint).
export BCLINT_REDACT_KEY="bclint test key, not a secret"
run_bclint --redact $leaky ../cli/mixed.json
unset BCLINT_REDACT_KEY
is "$out" "../cli/mixed.json:5:5: warning: raw name-1645010840d3 <user-e000d2e03455> [test-leaky]
../cli/mixed.json:5:5: note: again: user-e000d2e03455
../cli/mixed.json:6:5: warning: user-afab5a41a47e has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]
../cli/mixed.json:6:5: warning: raw - <user-afab5a41a47e> [test-leaky]
../cli/mixed.json:6:5: note: again: user-afab5a41a47e
../cli/mixed.json:10:13: error: user-e000d2e03455 needs CREATE_EDIT_ADS on ad account 'Brand' (100) but holds advertiser_role ANALYST: grant at least advertiser_role OPERATOR [permission-too-narrow]
../cli/mixed.json:9:19: note: granted here: advertiser_role ANALYST" "--redact: the same person has the same keyed hash everywhere"
run_bclint --redact dup-email.json
is "$out" "dup-email.json:6:36: error: duplicate user_email '(redacted)' [snapshot]
dup-email.json:5:5: note: first defined here" "--redact: snapshot errors quote no email"
run_bclint dup-email.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "dup-email.json:6:36: error: duplicate user_email 'ana@x.example' [snapshot]" \
	"without --redact the email is quoted"

# --- Fingerprints: the same when the snapshot is reordered or reformatted,
# different for different entities.
cd "$top_srcdir/examples" || exit 1
fps() { $BCLINT -f json "$@" 2>/dev/null | jq -r '.findings[] | "\(.rule) \(.fingerprint)"' | sort; }
sfps() { $BCLINT -f sarif "$@" 2>/dev/null | jq -r '.runs[0].results[] | "\(.ruleId) \(.partialFingerprints["bclint/v1"])"' | sort; }
jq 'def rev: if type == "array" then reverse else . end;
	.members |= rev | .assets |= rev | .assignments |= rev | .asset_groups |= rev |
	.needs |= rev | .partners |= (rev | map(.shared_assets |= rev)) |
	walk(if type == "object" then to_entries | reverse | from_entries else . end)' \
	demo.json >"$tmp/reordered.json"
jq -c . demo.json >"$tmp/compact.json"
jq --indent 7 . demo.json >"$tmp/wide.json"
fps demo.json >"$tmp/fp.demo"
is "$(wc -l <"$tmp/fp.demo" | tr -d ' ')" 17 "fingerprints: the demo has 17 findings"
is "$(cut -d' ' -f2 "$tmp/fp.demo" | sort -u | wc -l | tr -d ' ')" 17 "fingerprints: all distinct"
is "$(fps "$tmp/reordered.json")" "$(cat "$tmp/fp.demo")" "fingerprints: same after reordering arrays and keys"
is "$(fps "$tmp/compact.json")" "$(cat "$tmp/fp.demo")" "fingerprints: same after reformatting on one line"
is "$(fps "$tmp/wide.json")" "$(cat "$tmp/fp.demo")" "fingerprints: same after re-indenting"
is "$(sfps "$tmp/reordered.json")" "$(sfps demo.json)" "fingerprints: SARIF partialFingerprints same after reordering"
is "$(fps demo.json | md5sum)" "$(fps "$tmp/wide.json" | md5sum)" "fingerprints: json and repeated runs agree"
cd "$top_srcdir/t/data/cli" || exit 1
jq '.members[0].user_id = "3"' warn.json >"$tmp/other-user.json"
jq '.bc.bc_id = "2"' warn.json >"$tmp/other-bc.json"
is "$(fps "$tmp/other-user.json" | grep -c "$(fps warn.json | cut -d' ' -f2)")" 0 \
	"fingerprints: another user ID, another fingerprint"
is "$(fps "$tmp/other-bc.json" | grep -c "$(fps warn.json | cut -d' ' -f2)")" 0 \
	"fingerprints: the same user ID in another Business Center, another fingerprint"

# --- Baselines: only new findings, matched by fingerprint.
$BCLINT -f json -o "$tmp/base.json" mixed.json 2>/dev/null
$BCLINT -f sarif -o "$tmp/base.sarif" mixed.json warn.json 2>/dev/null
W2='warn.json:4:15: warning: ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]'
run_bclint --baseline="$tmp/base.json" mixed.json warn.json
is "$out" "$W2" "--baseline (json): only the new finding"
is "$err" "bclint: baseline $tmp/base.json: 2 findings baselined, 0 baseline entries gone (fixed)
0 errors, 1 warning, 0 notes" "--baseline: counts on standard error"
is "$status" 0 "--baseline: the exit status counts new findings only"
run_bclint --baseline "$tmp/base.sarif" mixed.json
is "$out" "" "--baseline (sarif): nothing new"
is "$err" "bclint: baseline $tmp/base.sarif: 2 findings baselined, 1 baseline entry gone (fixed)
0 errors, 0 warnings, 0 notes" "--baseline (sarif): one entry gone"
jq '.members |= reverse | .members[0].user_email = "benjamin@x.example"' mixed.json | jq --indent 4 . >"$tmp/moved.json"
run_bclint --baseline="$tmp/base.json" "$tmp/moved.json"
is "$out" "" "--baseline: findings that moved to other lines are still known"
run_bclint --baseline="$tmp/base.json" -f sarif mixed.json "$tmp/other-user.json"
is "$(printf '%s' "$out" | jq -c '[.runs[0].results[] | [.locations[0].physicalLocation.artifactLocation.index, .locations[0].physicalLocation.region.startLine]]')" '[[1,7]]' \
	"--baseline with -f sarif: only new results"
run_bclint -q --baseline="$tmp/base.json" mixed.json
is "$err" "" "--baseline with -q: nothing on standard error"
run_bclint -q -f json mixed.json
is "$(printf '%s' "$out" | jq -c '[.summary, [.findings[].level]]')" \
	'[{"error":1,"warning":0,"note":0},["error"]]' \
	"-q -f json: the summary counts what the report holds (its one error)"

bad() { # bad CONTENT EXPECTED-STDERR DESCRIPTION
	printf '%s\n' "$1" >"$tmp/bad.json"
	run_bclint --baseline="$tmp/bad.json" mixed.json
	is "$err" "$2" "bad baseline: $3"
	is "$status$out" 2 "bad baseline: $3: exit 2, no report"
}
bad '{"findings": [' "$tmp/bad.json:2:1: error: malformed JSON: unexpected end of file" "malformed JSON"
bad '{"findings": [{"fingerprint": "0123456789abcdef\u0000"}]}' "$tmp/bad.json:1:48: error: \\u0000 in a string: bclint refuses NUL characters, which would cut the text short" "a NUL in a string"
bad '[1]' "$tmp/bad.json:1:1: error: a baseline must be a report of bclint's json or sarif format" "not an object"
bad '{"a": 1}' "$tmp/bad.json:1:1: error: not a bclint report: expected 'findings' (json format) or 'runs' (sarif format)" "neither format"
bad '{"findings": {}}' "$tmp/bad.json:1:14: error: 'findings' must be an array" "findings not an array"
bad '{"findings": [
  {"rule": "x"}]}' "$tmp/bad.json:2:3: error: missing 'fingerprint'" "a finding without fingerprint"
bad '{"findings": [{"fingerprint": 7}]}' "$tmp/bad.json:1:31: error: 'fingerprint' must be a string" "fingerprint not a string"
bad '{"findings": [{"fingerprint": "xyz"}]}' "$tmp/bad.json:1:31: error: 'fingerprint' must be 16 hexadecimal digits" "fingerprint not hex"
bad '{"runs": [{"tool": {"driver": {"name": "other"}}, "results": []}]}' "$tmp/bad.json:1:10: error: no run of bclint in this SARIF log" "SARIF without a bclint run"
bad '{"runs": [{"tool": {"driver": {"name": "bclint"}}, "results": [{"ruleId": "x"}]}]}' \
	"$tmp/bad.json:1:64: error: missing partialFingerprints 'bclint/v1'" "SARIF result without fingerprint"
run_bclint --baseline="$tmp/none.json" mixed.json
is "$err" "bclint: error: $tmp/none.json: cannot read baseline: No such file or directory" "bad baseline: unreadable"
is "$status" 2 "bad baseline: unreadable: exit 2"

# --- Colour: auto means a terminal, NO_COLOR unset or empty, TERM not dumb;
# never in a file.
W1='mixed.json:6:5: warning: ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]'
C1=$(printf '\033[1mmixed.json:6:5:\033[0m \033[1;35mwarning:\033[0m ben@x.example has the Business Center role STANDARD but no asset assigned: assign the assets they work on (Business Center > Users > Assign assets) [no-asset-assigned]')
tty_first() { # the first line bclint writes to a pseudo-terminal
	env "$@" TERM="${TERM_FOR_TEST:-xterm}" script -qec "$BCLINT mixed.json" /dev/null </dev/null | tr -d '\r' | sed -n 1p
}
if command -v script >/dev/null && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	is "$(tty_first -u NO_COLOR)" "$C1" "--color=auto on a terminal: colour"
	is "$(tty_first NO_COLOR=1)" "$W1" "--color=auto, NO_COLOR=1: no colour"
	is "$(tty_first NO_COLOR=)" "$C1" "--color=auto, NO_COLOR empty: colour"
	is "$(TERM_FOR_TEST=dumb tty_first -u NO_COLOR)" "$W1" "--color=auto, TERM=dumb: no colour"
else
	for i in 1 2 3 4; do ok 0 "# SKIP no script(1) to make a pseudo-terminal"; done
fi
run_bclint --color=always -o "$tmp/c.txt" mixed.json
is "$(grep -c "$esc" "$tmp/c.txt")" 0 "--color=always -o FILE: never colour in a file"
run_bclint --color=always -o - mixed.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "$C1" "--color=always -o -: standard output is coloured"
run_bclint --color=always -f json mixed.json
is "$(printf '%s' "$out" | grep -c "$esc")" 0 "--color=always: only gcc output has colour"
NO_COLOR=1 run_bclint --color=always mixed.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "$C1" "--color=always wins over NO_COLOR"
# --color alone means always (an optional argument, as in GNU tools), so
# the word after it is not its value.
run_bclint --color mixed.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "$C1" "--color alone: always"
run_bclint --colour -o - mixed.json
is "$(printf '%s\n' "$out" | sed -n 1p)" "$C1" "--colour alone: always"
run_bclint --color never mixed.json
is "$status|$(printf '%s\n' "$err" | sed -n 1p)" "2|bclint: error: never: cannot read snapshot: No such file or directory" \
	"--color never: 'never' is a snapshot, not the value"
run_bclint --color=sometimes mixed.json
is "$status|$err" "2|bclint: error: invalid --color 'sometimes' (auto, always or never)
Try 'bclint --help' for more information." "--color=WHEN: a bad value"

# --- Several snapshots: one report, per-file locations, the worst status.
run_bclint -f json mixed.json warn.json
is "$(printf '%s' "$out" | jq -c '[.findings[] | [.file, .line]], .summary')" '[["mixed.json",6],["mixed.json",10],["warn.json",4]]
{"error":1,"warning":2,"note":0}' "several snapshots: one json report"
is "$status" 1 "several snapshots: exit 1 for the error in one of them"
run_bclint -f json warn.json missing.json
is "$status" 2 "several snapshots: an unreadable one makes it exit 2"
run_bclint -f github mixed.json warn.json
is "$(printf '%s\n' "$out" | cut -d, -f1-2)" "::warning file=mixed.json,line=6
::error file=mixed.json,line=10
::warning file=warn.json,line=4" "several snapshots: github"

done_testing
