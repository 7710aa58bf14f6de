#!/bin/sh
# bclint import output diffs cleanly: the same responses imported twice
# (in another order) give no drift; a change in one response gives exactly
# the drift findings for that change.
. "${top_srcdir:-.}/t/lib/tap.sh"
cd "${top_srcdir:-.}" || exit 1
B=t/import/basic
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$BCLINT import $B >"$tmp/a.json" 2>/dev/null
# shellcheck disable=SC2046
$BCLINT import $(ls $B/*.json | sort -r) >"$tmp/b.json" 2>/dev/null
run_bclint diff "$tmp/a.json" "$tmp/b.json"
is "$status:$out" "0:" "re-imported, inputs in another order: no drift"
is "$err" "0 errors, 0 warnings, 0 notes" "re-imported: the summary says so"

# diff_after FILE SED-SCRIPT: import with FILE of the responses changed,
# and diff the result against the first import ($out, $status).
diff_after() {
	rm -rf "$tmp/c" && cp -r $B "$tmp/c" && sed -i "$2" "$tmp/c/$1"
	$BCLINT import "$tmp/c" >"$tmp/c.json" 2>/dev/null
	(cd "$tmp" && $BCLINT diff a.json c.json >out 2>err)
	status=$?
	out=$(cat "$tmp/out")
}

# Mia Koch, Standard on the second page of /bc/member/get/, made Admin.
diff_after members-2.json '21s/"STANDARD"/"ADMIN"/'
is "$status" 1 "a member made Admin in /bc/member/get/: exit 1"
is "$out" "c.json:38:5: error: mia.koch@acme.example was made Admin: user_role was STANDARD, now ADMIN; an Admin can invite and remove members, add partners and reassign every asset: if it was not meant, change them back to Standard in Business Center > Users [role-raised]
a.json:38:5: note: user_role STANDARD here, in the previous snapshot" "a member made Admin: exactly role-raised"

# Jonas Meyer's role on ad account 202, in /bc/asset/member/get/, raised.
diff_after adv-202-members.json 's/"advertiser_role": "OPERATOR"/"advertiser_role": "ADMIN"/'
is "$status" 0 "a grant widened in /bc/asset/member/get/: exit 0 (a warning)"
is "$(printf '%s\n' "$out" | grep -c '\]$')" 1 "a grant widened: one finding"
printf '%s\n' "$out" | grep -q "^c.json:[0-9]*:[0-9]*: warning: jonas.meyer@acme.example's permission on ad account .* (7100000000000000202) was widened: was advertiser_role OPERATOR, now advertiser_role ADMIN, directly; .*\[grant-widened\]$"
ok $? "a grant widened: exactly grant-widened, at the assignment"

# The share with partner 555, in /bc/partner/asset/get/, raised to ADMIN.
diff_after partner_asset.7300000000000000555.ADVERTISER.SHARING.p1.json 's/"OPERATOR"/"ADMIN"/'
is "$status" 0 "a share widened in /bc/partner/asset/get/: exit 0 (a warning)"
is "$(printf '%s\n' "$out" | grep -c '\]$')" 1 "a share widened: one finding"
printf '%s\n' "$out" | grep -q "^c.json:[0-9]*:[0-9]*: warning: the share of .* shared with partner .* was widened: was advertiser_role OPERATOR, now advertiser_role ADMIN; .*\[share-widened\]$"
ok $? "a share widened: exactly share-widened"

done_testing
