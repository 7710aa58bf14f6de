#!/bin/sh
# The shipped examples: the demo makes every lint rule fire but two kinds
# that it cannot: too-few-admins, which the starter Business Center (one
# Admin) shows, and TikTok's size limits, which only thousands of members or
# catalogs reach (t/rules/limits shows them); the drift pair
# (examples/drift) makes every drift rule fire. The well-kept Business
# Center makes none fire, with every rule enabled.  not-on-roster fires
# on the demo with the example roster (examples/roster.csv).
. "$top_srcdir/t/lib/tap.sh"
cd "$top_srcdir" || exit 1

run_bclint --list-rules
all=$(printf '%s\n' "$out" | awk '{print $1}')
rules=$(printf '%s\n' "$out" | awk '$3 !~ /^drift-/ {print $1}')
drift=$(printf '%s\n' "$out" | awk '$3 ~ /^drift-/ {print $1}')
is "$(printf '%s\n' "$all" | wc -l | tr -d ' ')" 44 "the built-in catalog has 44 rules"
is "$(printf '%s\n' "$drift" | wc -l | tr -d ' ')" 20 "20 of them are drift rules"

run_bclint --enable=all --roster examples/roster.csv examples/demo.json
demo=$out
is "$status" 1 "demo: exit 1 (it has errors)"
for r in $rules; do
	case $r in
	too-few-admins | member-limit | catalog-member-limit | catalog-limit) continue ;;
	esac
	printf '%s\n' "$demo" | grep -q "\[$r\]\$"
	ok $? "demo: $r fires"
done

run_bclint --enable=all examples/starter.json
is "$out" "examples/starter.json:4:9: warning: 1 active Admin, fewer than min_admins (2): a lost login or a departure can lock the Business Center; make another trusted member of your company Admin in Business Center > Users [too-few-admins]
examples/starter.json:15:5: note: Admin: elin.sandberg@nordlicht.example" "starter: one Admin, and nothing else wrong"
is "$status" 0 "starter: exit 0 (a warning)"

for r in member-limit catalog-member-limit catalog-limit; do
	grep -q "\[$r\]\$" t/rules/limits/*.expected
	ok $? "$r: shown by the limits fixtures instead"
done

run_bclint diff --fail-on=none examples/drift/last-week.json examples/drift/today.json
is "$status" 0 "drift pair: exit 0 with --fail-on=none"
for r in $drift; do
	printf '%s\n' "$out" | grep -q "\[$r\]\$"
	ok $? "drift pair: $r fires"
done
is "$(printf '%s\n' "$out" | grep -c '\]$')" 22 "drift pair: 22 changes, no lint finding"

run_bclint --enable=all examples/well-kept.json
is "$out" "" "well-kept: no finding with every rule enabled"
is "$err" "0 errors, 0 warnings, 0 notes" "well-kept: the summary says so"
is "$status" 0 "well-kept: exit 0"
run_bclint --enable=all --fail-on=note examples/well-kept.json
is "$status" 0 "well-kept: exit 0 even with --fail-on=note"

run_bclint -c examples/bclint-config.json --now=2026-11-01 --format=json examples/demo.json
is "$status" 1 "the example configuration is valid"
is "$(printf '%s' "$out" | jq -r '[.findings[] | select(.rule == "suppression-unused") | .file] | join(" ")')" \
	"examples/bclint-config.json" "the example configuration's unused suppression is reported"

done_testing
