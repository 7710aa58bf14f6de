#!/bin/sh
# Who and what each finding is about, as fields of the json and sarif
# formats (Business Center ID, the member's user_id and email, the asset's
# type and ID), so that scripts never parse message text; --redact hides
# the email there too.
. "$top_srcdir/t/lib/tap.sh"
demo=$top_srcdir/examples/demo.json
q='.findings[] | select(.pointer == $p) | [.bc_id, .user_id, .user_email, .asset_type, .asset_id]'

run_bclint -f json "$demo"
about() { printf '%s' "$out" | jq -c --arg p "$1" "[$q][0]"; }
is "$(about /bc)" '["7300000000000000001",null,null,null,null]' "a finding about the Business Center"
is "$(about /members/6)" \
	'["7300000000000000001","6900000000000000107","billing@fastpay-agency.example",null,null]' \
	"a finding about a member"
is "$(about /needs/0)" \
	'["7300000000000000001","6900000000000000105","ana.costa@acme.example","ADVERTISER","7100000000000000201"]' \
	"a finding about a need: member and asset"
is "$(about /needs/3)" \
	'["7300000000000000001","6900000000000000105","ana.costa@acme.example","ADVERTISER","7100000000000000888"]' \
	"a need on an asset of another Business Center: its type and ID all the same"
is "$(printf '%s' "$out" | jq '[.findings[] | select(.rule == "snapshot")] | length')" 0 \
	"(the demo loads)"
with_ids=$(printf '%s' "$out" | jq -c '[.findings[] | select(.user_id != null) | .rule] | unique | length')
[ "$with_ids" -ge 10 ]
ok $? "member rules fill user_id ($with_ids rules)"

run_bclint -f json --redact "$demo"
email=$(printf '%s' "$out" | jq -r --arg p /members/6 '.findings[] | select(.pointer == $p) | .user_email' | head -1)
case $email in user-????????????) r=0 ;; *) r=1 ;; esac
ok $r "--redact: the email field is a pseudonym ($email)"
is "$(printf '%s' "$out" | grep -c '@fastpay-agency' )" 0 "--redact: no email anywhere"

run_bclint -f sarif "$demo"
is "$(printf '%s' "$out" | jq -c '[.runs[0].results[] | select(.locations[0].logicalLocations[0].fullyQualifiedName == "/needs/0") | .properties][0]')" \
	'{"bc_id":"7300000000000000001","user_id":"6900000000000000105","user_email":"ana.costa@acme.example","asset_type":"ADVERTISER","asset_id":"7100000000000000201"}' \
	"sarif: the same in the result's properties"
is "$(printf '%s' "$out" | jq -c '[.runs[0].results[] | select(.locations[0].logicalLocations[0].fullyQualifiedName == "/bc") | .properties][0]')" \
	'{"bc_id":"7300000000000000001"}' "sarif: only the keys that apply"

run_bclint -f json --no-isolate "$demo"
a=$out
run_bclint -f json "$demo"
is "$a" "$out" "the same with and without a worker process"
done_testing
