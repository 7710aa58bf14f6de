#!/bin/sh
# The limits plugin's rules: the fixtures (limits lowered to 1), then
# TikTok's real limits at their edges, on generated snapshots: 4,000 members
# pass and 4,001 do not; 100 members on a catalog pass and 101 do not;
# 2,000 catalogs pass and 2,001 do not; 100 catalogs for one person pass and
# 101 do not.
. "$top_srcdir/t/lib/tap.sh"

fixtures=$(cd "$top_srcdir" && $BCLINT --check-fixtures t/rules/limits)
printf '%s\n' "$fixtures" | grep -v '^1\.\.'
tap_n=$(printf '%s\n' "$fixtures" | grep -c '^\(not \)\{0,1\}ok ')
tap_failed=$(printf '%s\n' "$fixtures" | grep -c '^not ok ')

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# gen MEMBERS CATALOGS GRANTED: MEMBERS members (the first one an Admin),
# CATALOGS catalogs, and member i granted catalog 1 for i <= GRANTED; the
# first member is also granted the first GRANTED catalogs.
gen() {
	awk -v m="$1" -v c="$2" -v g="$3" 'BEGIN {
		print "{\"schema\": \"bclint-snapshot/1\", \"bc\": {\"bc_id\": \"1\"}, \"members\": ["
		for (i = 1; i <= m; i++)
			printf "{\"user_id\": \"%d\", \"user_email\": \"u%d@x.example\", \"user_role\": \"%s\"}%s\n",
			       i, i, i == 1 ? "ADMIN" : "STANDARD", i < m ? "," : ""
		print "], \"assets\": ["
		for (i = 1; i <= c; i++)
			printf "{\"asset_id\": \"c%d\", \"asset_type\": \"CATALOG\"}%s\n", i, i < c ? "," : ""
		print "], \"assignments\": ["
		sep = ""
		for (i = 1; i <= g && i <= m; i++) {
			printf "%s{\"user_id\": \"%d\", \"asset_id\": \"c1\", \"asset_type\": \"CATALOG\", \"catalog_role\": \"AD_PROMOTE\"}\n", sep, i
			sep = ","
		}
		for (i = 2; i <= g && i <= c; i++)
			printf ",{\"user_id\": \"1\", \"asset_id\": \"c%d\", \"asset_type\": \"CATALOG\", \"catalog_role\": \"AD_PROMOTE\"}\n", i
		print "]}"
	}' >"$dir/$4.json"
}

limits="--disable=all --enable=member-limit,catalog-member-limit,catalog-limit"

gen 4000 1 1 members-4000
run_bclint $limits "$dir/members-4000.json"
is "$out" "" "member-limit: 4,000 members are allowed"
is "$status" 0 "member-limit: 4,000 members, exit 0"

gen 4001 1 1 members-4001
run_bclint $limits "$dir/members-4001.json"
is "$out" "$dir/members-4001.json:1:39: error: 4001 members, joined or invited, more than TikTok allows in a Business Center (max_members, 4000): remove members who no longer need access, or split the work across Business Centers [member-limit]" \
	"member-limit: 4,001 members are one too many"
is "$status" 1 "member-limit: 4,001 members, exit 1"

gen 100 1 100 catalog-100
run_bclint $limits "$dir/catalog-100.json"
is "$out" "" "catalog-member-limit: 100 members on a catalog are allowed"

gen 101 1 101 catalog-101
run_bclint $limits "$dir/catalog-101.json"
is "$out" "$dir/catalog-101.json:104:1: error: catalog c1 has 101 members with a grant on it, more than TikTok allows on one catalog (max_catalog_members, 100): remove the grants of those who do not work on it [catalog-member-limit]" \
	"catalog-member-limit: 101 members on a catalog are one too many"

gen 1 2000 100 catalogs-2000
run_bclint $limits "$dir/catalogs-2000.json"
is "$out" "" "catalog-limit: 2,000 catalogs, 100 of them one person's, are allowed"

gen 1 2001 101 catalogs-2001
run_bclint $limits "$dir/catalogs-2001.json"
is "$out" "$dir/catalogs-2001.json:1:39: error: 2001 catalogs owned by this Business Center, more than TikTok allows (max_catalogs, 2000): delete the catalogs no longer in use [catalog-limit]
$dir/catalogs-2001.json:2:1: error: u1@x.example has a grant on 101 catalogs, more than TikTok allows one person (max_member_catalogs, 100): remove the grants on catalogs they do not work on [catalog-limit]" \
	"catalog-limit: 2,001 catalogs and 101 for one person are one too many each"
is "$status" 1 "catalog-limit: exit 1"
done_testing
