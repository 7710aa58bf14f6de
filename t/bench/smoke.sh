#!/bin/sh
# The benchmark's smoke test: generate a small snapshot with bench/gen and
# check that the generator is deterministic, that cJSON and bclint read
# what it writes, that bclint finds problems of each core rule (exit 1,
# no snapshot error, a plausible number of findings), and that the jq
# program in bench/core-checks.jq finds the same ones.  No timing.
. "${top_srcdir:-.}/t/lib/tap.sh"

gen=${top_builddir:-.}/bench/gen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
counts="--members 200 --assets 100 --grants 600 --needs 400 --seed 7"

# shellcheck disable=SC2086
"$gen" $counts >"$tmp/a.json"
ok $? "gen writes a snapshot"
# shellcheck disable=SC2086
"$gen" $counts >"$tmp/b.json"
cmp -s "$tmp/a.json" "$tmp/b.json"
ok $? "gen is deterministic"
# shellcheck disable=SC2086
"$gen" $counts --seed 8 >"$tmp/c.json"
! cmp -s "$tmp/a.json" "$tmp/c.json"
ok $? "another seed gives another snapshot"
"$gen" --members 3 >/dev/null 2>&1
is "$?" 2 "gen refuses too few members"

"${top_builddir:-.}/bench/cjson-parse" "$tmp/a.json"
ok $? "cjson-parse parses it"

# $BCLINT may carry a valgrind command in front: leave it unquoted.
out=$($BCLINT "$tmp/a.json" 2>/dev/null)
status=$?
is "$status" 1 "bclint exits 1 (findings)"
n=$(printf '%s\n' "$out" | grep -cE '\[[a-z-]+\]$')
[ "$n" -ge 50 ] && [ "$n" -le 2400 ]
ok $? "a plausible number of findings (50..2400): $n"
printf '%s\n' "$out" | grep -q '\[snapshot\]$'
is "$?" 1 "no snapshot error"
for rule in no-asset-assigned permission-too-narrow foreign-asset too-many-admins \
	finance-role-misuse; do
	printf '%s\n' "$out" | grep -q "\\[$rule\\]\$"
	ok $? "$rule fires"
done

if command -v jq >/dev/null 2>&1; then
	$BCLINT --format=json "$tmp/a.json" 2>/dev/null |
		jq -r '.findings[] | select(.rule | test("^(no-asset-assigned|permission-too-narrow|foreign-asset|too-many-admins|finance-role-misuse)$")) | "\(.rule)\t\(.pointer)"' |
		sort >"$tmp/bclint.txt"
	jq -r -f "${top_srcdir:-.}/bench/core-checks.jq" "$tmp/a.json" | cut -f 1,2 | sort >"$tmp/jq.txt"
	is "$(diff "$tmp/bclint.txt" "$tmp/jq.txt")" "" "core-checks.jq finds what bclint finds"
	[ -s "$tmp/jq.txt" ]
	ok $? "... and that is not nothing"
else
	echo "ok $((tap_n + 1)) # SKIP jq is not installed"
	tap_n=$((tap_n + 1))
fi
done_testing
