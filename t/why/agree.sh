#!/bin/sh
# The verdict of `bclint why` agrees with the rules: for every need of each
# snapshot below, ask `bclint why` that need's question and compare its
# verdict with what `bclint --format=json` reports for the same need.
#
# Need-level rules, in ladder order, report at /needs/i (unbound-asset at
# the asset's /assets/j): the first of them that reports the need is the
# expected verdict, `ok` when none does.  A verdict whose rule is not loaded
# (see --list-rules) is skipped, so the test tightens as rules land.  The
# ladder's own layers go further than the need-level rules: a verdict of
# pending-invitation or former-member-access is checked against the member
# (its rule at /members/k; not-a-member never answers a need, since the need
# is something left for former-member-access), and stale-session against
# the assignment (its rule there) with every need-level rule silent.  The
# sweep of each member (no --action) must give each need the verdict of
# its own question.
. "${top_srcdir:-.}/t/lib/tap.sh"
command -v jq >/dev/null 2>&1 || { echo "1..0 # SKIP jq is not installed"; exit 0; }

ladder="non-delegable-action foreign-asset unbound-asset asset-not-assigned permission-too-narrow"
loaded=$($BCLINT --list-rules 2>/dev/null | awk '{print $1}')

is_loaded() { printf '%s\n' "$loaded" | grep -qx "$1"; }

# rank RULE: its place in the ladder (1-5), 0 for ok, 9 for anything else.
rank() {
	[ "$1" = ok ] && { echo 0; return; }
	r=1
	for x in $ladder; do
		[ "$x" = "$1" ] && { echo $r; return; }
		r=$((r + 1))
	done
	echo 9
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# reported RULE POINTER: does the report hold a finding of RULE there?
reported() {
	[ -n "$2" ] && printf '%s' "$report" |
		jq -e --arg r "$1" --arg p "$2" \
			'any(.findings[]; .rule == $r and .pointer == $p)' >/dev/null
}

# The demo, the ladder's data, and the fixtures of the rules whose cases
# are subtle: Spark Ads' second grant, partners' shares, asset groups.
cd "${top_srcdir:-.}" || exit 1
for snap in examples/demo.json t/why/data/ladder.json t/why/data/hostile.json \
	t/why/data/sources.json \
	t/rules/permission-too-narrow/*.json t/rules/asset-not-assigned/*.json \
	t/rules/foreign-asset/*.json t/rules/grant-above-share/*.json \
	t/rules/excess-grant/*.json; do
	file=$snap
	report=$($BCLINT --enable=all --format=json "$file" 2>/dev/null)
	n=$(jq '.needs | length' "$file")
	answers=
	i=0
	while [ "$i" -lt "$n" ]; do
		need=$(jq -c ".needs[$i]" "$file")
		get() { printf '%s' "$need" | jq -r ".$1 // empty"; }
		set -- --member "$(get user_id)" --action "$(get action)"
		[ -n "$(get asset_id)" ] && set -- "$@" --asset "$(get asset_id)" \
			--asset-type "$(get asset_type)"
		[ -n "$(get x_advertiser_id)" ] && set -- "$@" --advertiser "$(get x_advertiser_id)"
		why=$($BCLINT why "$file" --format=json "$@" 2>&1)
		verdict=$(printf '%s' "$why" | jq -r '.verdict' 2>/dev/null)
		answers="$answers/needs/$i $verdict
"
		desc="$snap /needs/$i ($(get action)): verdict ${verdict:-none}"
		asset_ptr=$(printf '%s' "$why" | jq -r '.asset.pointer // empty' 2>/dev/null)
		expected=ok
		for rule in $ladder; do
			if reported "$rule" "/needs/$i" ||
			   { [ "$rule" = unbound-asset ] && reported "$rule" "$asset_ptr"; }; then
				expected=$rule
				break
			fi
		done
		case $verdict in
		'')
			ok 1 "$desc"
			diag "$why" ;;
		pending-invitation)
			if is_loaded pending-invitation; then
				ptr=$(printf '%s' "$why" | jq -r '.member.pointer')
				reported pending-invitation "$ptr"
				ok $? "$desc, reported at the member"
			else
				skip "$desc" "rule pending-invitation is not loaded"
			fi ;;
		former-member-access)
			if is_loaded former-member-access; then
				ptr=$(printf '%s' "$why" | jq -r '.member.pointer')
				reported former-member-access "$ptr"
				ok $? "$desc, reported at the member"
			else
				skip "$desc" "rule former-member-access is not loaded"
			fi ;;
		not-a-member)
			ok 1 "$desc: the need is left in the plan, so former-member-access answers" ;;
		stale-session)
			is "$expected" ok "$desc: no need-level rule reports it"
			if is_loaded stale-session; then
				ptr=$(printf '%s' "$why" | jq -r '.layers[5].evidence[0].pointer')
				reported stale-session "$ptr"
				ok $? "$desc, reported at the assignment"
			else
				skip "$desc, reported at the assignment" "rule stale-session is not loaded"
			fi ;;
		ok)
			is "$expected" ok "$desc" ;;
		*)
			if is_loaded "$verdict"; then
				is "$verdict" "$expected" "$desc"
			else
				skip "$desc" "rule $verdict is not loaded"
				# The loaded rules may not name an earlier layer.
				[ "$(rank "$expected")" -eq 0 ] ||
					[ "$(rank "$expected")" -ge "$(rank "$verdict")" ]
				ok $? "$desc: no earlier layer's rule reports it (got $expected)"
			fi ;;
		esac
		i=$((i + 1))
	done
	# The sweep (no --action) gives each need of a member the verdict of
	# its own question.
	swept=
	for u in $(jq -r '[.needs[].user_id] | unique | .[]' "$file"); do
		swept="$swept$($BCLINT why "$file" --format=json --member "$u" |
			jq -r '.needs[] | "\(.pointer) \(.verdict)"')
"
	done
	is "$(printf '%s' "$swept" | sort)" "$(printf '%s' "$answers" | sort)" \
		"$snap: the sweep of each member agrees with each question"
done
done_testing
