#!/bin/sh
# bclint access: the access record in every format, by person, with the
# roster and redacted, each against its exact expected output; and every
# error it refuses with, exactly.  (The HTML page in a browser:
# t/access/html.sh.)
. "$top_srcdir/t/lib/tap.sh"
cd "$top_srcdir/t/data/access" || exit 1
# pseudonyms under a fixed key, so that --redact's output can be compared
BCLINT_REDACT_KEY=access-record-test-key
export BCLINT_REDACT_KEY

# same NAME EXPECTED-FILE ARGS...: the record is exactly the file
same() {
	name=$1 want=$2
	shift 2
	run_bclint access "$@"
	is "$out" "$(cat "$want")" "$name"
	is "$status:$err" "0:" "$name: exit 0, nothing on standard error"
}
for f in table csv json markdown html; do
	same "-f $f, two snapshots, a roster" both.$f.expected -f $f --roster roster.csv north.json south.json
done
same "the default format is the table" both.table.expected --roster roster.csv north.json south.json
same "--by-person: a table, person first" by-person.table.expected --by-person --roster roster.csv \
	north.json south.json
same "--by-person -f json: one entry per person" by-person.json.expected --by-person -f json \
	north.json south.json
same "--redact -f json" redact.json.expected --redact -f json --roster roster.csv north.json
same "--redact" redact.table.expected --redact north.json

for f in table csv json markdown html; do
	run_bclint access --redact -f $f --roster roster.csv north.json south.json
	printf '%s\n' "$out" | grep -Eiq 'north\.example|ada lind|hyperlink|pipe'
	is "$?:$status" "1:0" "--redact -f $f: no email or name anywhere"
done

run_bclint access -f json --roster roster.csv north.json south.json
is "$(printf '%s' "$out" | jq -c '[.rows[] | [.bc_id, .user_id, .asset_type, .asset_id]] == ([.rows[] | [.bc_id, .user_id, .asset_type, .asset_id]] | sort)')" \
	true "json: rows sorted by bc_id, user_id, asset_type, asset_id"
is "$(printf '%s' "$out" | jq -c '.rows[] | select(.user_id == "100" and .asset_id == "12") | [.role, .via]')" \
	'["ANALYST",[{"kind":"direct","id":"/assignments/1","role":"OPERATOR"},{"kind":"partner","id":"7300000000000000009","name":"Retail Partner","role":"ANALYST"}]]' \
	"json: a partner's share caps a direct grant, both sources listed"
is "$(printf '%s' "$out" | jq -c '.rows[] | select(.asset_type == "TT_ACCOUNT") | .role')" \
	'["POST","LIVE"]' "json: tt_account_roles as the API spells them"
is "$(printf '%s' "$out" | jq -c '[.rows[] | select(.user_id == "300")] | length')" 1 \
	"json: a member with no asset has one row (the Business Center's)"
is "$(printf '%s' "$out" | jq -r '.rows[] | select(.user_id == "100" and .asset_type == "BC" and .bc_id == "7300000000000000002") | .roster.state')" \
	ended "json: the roster marks a member past their end date"

run_bclint access -f csv north.json
is "$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f4)" "\"'=HYPERLINK(\"\"http://x.example\"\")\"" \
	"csv: a cell that a spreadsheet would read as a formula is led by a quote"

# refused: exactly what is said, and exit 2
run_bclint access -f xml north.json
is "$status:$err" "2:bclint access: error: unknown format 'xml' (table, csv, json, markdown or html)
Try 'bclint access --help' for more information." "an unknown format"
run_bclint access
is "$status:$err" "2:bclint access: error: no snapshot given
Try 'bclint access --help' for more information." "no snapshot"
run_bclint access - <north.json
is "$status:$err" "2:bclint access: error: standard input ('-') is not read here: give a file
Try 'bclint access --help' for more information." "standard input"
run_bclint access missing.json
is "$status:$err" "2:bclint access: error: missing.json: cannot read snapshot: No such file or directory" \
	"a missing snapshot"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{"schema": "bclint-snapshot/1", "bc": {"bc_id": "1"}, "members": [{"user_id": "1"}], "assets": []}\n' >"$tmp/invalid.json"
run_bclint access "$tmp/invalid.json"
is "$status:$err" "2:$tmp/invalid.json:1:67: error: missing required field 'user_email'
$tmp/invalid.json:1:67: error: missing required field 'user_role'" "an invalid snapshot: its errors"
printf 'email,team\na@north.example,x\n' >"$tmp/bad.csv"
run_bclint access --roster "$tmp/bad.csv" north.json
is "$status:$err" "2:$tmp/bad.csv:1:7: error: unknown column 'team' (email, name, end_date, kind)" \
	"a bad roster"
# email first: Y@a.example (user_id 1) is y@a.example, not the other user_id 1
cat >"$tmp/p1.json" <<'JSON'
{"schema": "bclint-snapshot/1", "bc": {"bc_id": "1"}, "assets": [{"asset_id": "9", "asset_type": "PIXEL"}],
 "members": [{"user_id": "1", "user_email": "x@a.example", "user_role": "ADMIN"},
             {"user_id": "2", "user_email": "y@a.example", "user_role": "ADMIN"}],
 "assignments": [{"user_id": "1", "asset_id": "9", "asset_type": "PIXEL"},
                 {"user_id": "2", "asset_id": "9", "asset_type": "PIXEL"}]}
JSON
cat >"$tmp/p2.json" <<'JSON'
{"schema": "bclint-snapshot/1", "bc": {"bc_id": "2"}, "assets": [{"asset_id": "8", "asset_type": "PIXEL"}],
 "members": [{"user_id": "1", "user_email": "Y@a.example", "user_role": "ADMIN"}],
 "assignments": [{"user_id": "1", "asset_id": "8", "asset_type": "PIXEL"}]}
JSON
run_bclint access --by-person -f json "$tmp/p1.json" "$tmp/p2.json"
is "$(printf '%s' "$out" | jq -c '[.people[] | [.email, .business_centers, [.rows[] | .bc_id + "/" + .user_id + "/" + .asset_id]]]')" \
	'[["x@a.example",["1"],["1/1/1","1/1/9"]],["y@a.example",["1","2"],["1/2/1","1/2/9","2/1/2","2/1/8"]]]' \
	"--by-person: the email decides before the user_id, for every row of the member"

run_bclint access --now=soon north.json
is "$status:$err" "2:bclint access: error: invalid --now 'soon' (an RFC 3339 timestamp)
Try 'bclint access --help' for more information." "a bad --now"
run_bclint access --help
is "$(printf '%s\n' "$out" | head -n 1)" "Usage: bclint access [OPTION]... SNAPSHOT..." "--help"

done_testing
