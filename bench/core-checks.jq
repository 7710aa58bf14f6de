# bench/core-checks.jq: the five core checks of bclint, written in jq, as a
# user could script them instead of running bclint.  The benchmark
# (bench/run) times it against bclint on the same snapshots.
#
# Usage:   jq -r -f bench/core-checks.jq SNAPSHOT.json
# Output:  one line per finding, RULE <tab> JSON-POINTER <tab> MESSAGE, in
#          rule order (not sorted by position).
#
# What it checks, after rules.md:
#   no-asset-assigned      active member with no effective grant on any asset
#                          (finance-only and BC-level-only plans exempt)
#   permission-too-narrow  need whose effective grant (direct or through an
#                          asset group, strongest wins), BC role or finance
#                          role does not cover the action; Spark Ads and
#                          LIVE in ads also need OPERATOR on an ad account
#                          (the generated snapshots name none, and share
#                          nothing with caps)
#   foreign-asset          need or assignment naming an asset not in the
#                          snapshot; SHARING of an asset not owned here
#   too-many-admins        more active ADMINs than policy.max_admins (3);
#                          an error above 20
#   finance-role-misuse    finance role outside the email-domain allowlist,
#                          MANAGER needing only view actions, finance role
#                          with no finance need, too many Finance Managers
#                          (policy.max_finance_managers, 2)
#
# What it does not do, and bclint does: validate the snapshot (a wrong
# type or an unknown enum value is silently skipped here), report line and
# column (jq keeps no positions), notes, configuration, other output formats.
# So the comparison flatters jq.

def ladder: {
	ADVERTISER: {ANALYST: 1, OPERATOR: 2, ADMIN: 3},
	CATALOG: {AD_PROMOTE: 1, ADMIN: 2},
	TIKTOK_SHOP: {AD_PROMOTION: 1, MANAGER: 2},
	STOREFRONT: {AD_PROMOTION: 1, MANAGER: 2},
	LEAD: {ADMIN: 1},
	MANAGED_BUSINESS_ACCOUNT: {BUSINESS_ACCOUNT_ANALYST: 1, BUSINESS_ACCOUNT_OPERATOR: 2,
	                           BUSINESS_ACCOUNT_ADMIN: 3}
};
def role_field: {ADVERTISER: "advertiser_role", CATALOG: "catalog_role",
	TIKTOK_SHOP: "store_role", STOREFRONT: "store_role", LEAD: "form_library_role"};

# scope: A asset, B BC role, F finance, C creator-only; l: least level;
# tt: the TikTok-account role needed.
def actions: {
	VIEW_ADS: {s: "A", l: 1}, VIEW_REPORTS: {s: "A", l: 1},
	CREATE_EDIT_ADS: {s: "A", l: 2}, MANAGE_AUDIENCES: {s: "A", l: 2},
	MANAGE_AD_ACCOUNT_FINANCE: {s: "A", l: 3}, MANAGE_AD_ACCOUNT_SETTINGS: {s: "A", l: 3},
	MANAGE_AD_ACCOUNT_MEMBERS: {s: "A", l: 3},
	VIEW_CATALOG: {s: "A", l: 1}, USE_CATALOG_FOR_ADS: {s: "A", l: 1},
	EDIT_PRODUCTS: {s: "A", l: 2}, CREATE_PRODUCT_SETS: {s: "A", l: 2},
	LINK_PIXEL_TO_CATALOG: {s: "A", l: 2},
	PROMOTE_SHOP_PRODUCTS: {s: "A", l: 1}, MANAGE_SHOP: {s: "A", l: 2},
	MANAGE_LEADS: {s: "A", l: 1}, USE_PIXEL: {s: "A", l: 1}, USE_DOMAIN: {s: "A", l: 1},
	SPARK_ADS_PULL_POST: {s: "A", l: 1, tt: "POST", also: 2},
	USE_LIVE_IN_ADS: {s: "A", l: 1, tt: "LIVE", also: 2},
	MANAGE_DIRECT_MESSAGES: {s: "A", l: 1, tt: "DIRECT_MESSAGE"},
	VIEW_ANALYTICS: {s: "A", l: 1}, MANAGE_POSTS: {s: "A", l: 2},
	MANAGE_MESSAGES: {s: "A", l: 2}, EDIT_PROFILE: {s: "A", l: 2},
	MANAGE_BUSINESS_ACCOUNT_MEMBERS: {s: "A", l: 3},
	INVITE_MEMBER: {s: "B", l: 1}, REMOVE_MEMBER: {s: "B", l: 1}, ADD_PARTNER: {s: "B", l: 1},
	SHARE_WITH_PARTNER: {s: "B", l: 1}, ASSIGN_ASSETS: {s: "B", l: 1},
	CREATE_AD_ACCOUNT: {s: "B", l: 1}, TRANSFER_PIXEL: {s: "B", l: 1}, EDIT_BC_INFO: {s: "B", l: 1},
	VIEW_INVOICES: {s: "F", l: 1}, VIEW_TRANSACTIONS: {s: "F", l: 1}, MANAGE_PAYMENTS: {s: "F", l: 2},
	GO_LIVE: {s: "C"}, LIVE_GIFTS: {s: "C"}, LIVE_SUBSCRIPTION: {s: "C"},
	CREATOR_REWARDS: {s: "C"}, CREATOR_PAYOUT: {s: "C"}
};

def finance_level: {ANALYST: 1, MANAGER: 2}[. // "none"] // 0;
def active: (.relation_status // "BOUND") == "BOUND";
def akey: .asset_type + ":" + .asset_id;

# The tables are bound to variables once: a def is evaluated at every call.
ladder as $ladder | role_field as $role_field | actions as $actions

# A role value (or list) of asset type $t as {l: level, tt: {ROLE: true}}.
| def cap($t):
	if $t == "PIXEL" or $t == "DOMAIN" then {l: 1, tt: {}}
	elif $t == "TT_ACCOUNT" then
		{l: 1, tt: ([(if type == "array" then .[] else . end) | {(.): true}] | add // {})}
	else
		{l: ([(if type == "array" then .[] else . end) | sub("^ADVERTISER_ROLE_"; "")
		      | $ladder[$t][.] // 0] | max // 0), tt: {}}
	end;
def merge($c): if . == null then $c else {l: ([.l, $c.l] | max), tt: (.tt + $c.tt)} end;


. as $s
| ($s.bc.bc_id) as $bc
| INDEX($s.assets[]; akey) as $assets
| INDEX($s.members[]; .user_id) as $members
# Effective grants, keyed "USER|TYPE:ASSET", on assets of the snapshot.
| (reduce (
	(($s.assignments // [])[] | select($assets[akey])
	 | . as $a | {k: ($a.user_id + "|" + akey),
	              c: ($a | .asset_type as $t
	                  | if $t == "TT_ACCOUNT" then .tt_account_roles
	                    elif $t == "MANAGED_BUSINESS_ACCOUNT" then
	                      (.business_account_roles // .business_account_role)
	                    elif $role_field[$t] then .[$role_field[$t]] else null end
	                  | cap($t))}),
	(($s.asset_groups // [])[] | . as $g
	 | ($g.members // [])[] as $gm
	 | ($g.assets // [])[] | select($assets[akey])
	 | select($gm.asset_roles[.asset_type] != null)
	 | {k: ($gm.member_id + "|" + akey),
	    c: (.asset_type as $t | $gm.asset_roles[$t] | cap($t))})
  ) as $x ({}; .[$x.k] = (.[$x.k] | merge($x.c)))) as $grants
| (reduce ($grants | keys_unsorted[] | split("|")[0]) as $u ({}; .[$u] = true)) as $granted
# Each member's strongest ad-account level (Spark Ads are made on one).
| (reduce ($grants | to_entries[] | select(.key | test("[|]ADVERTISER:"))) as $e ({};
	($e.key | split("|")[0]) as $u | .[$u] = ([.[$u] // 0, $e.value.l] | max))) as $adv
# Each member's needs: [{a: ACTION, asset: bool}].
| (reduce ($s.needs // [])[] as $n ({};
	.[$n.user_id] = .[$n.user_id] + [{a: $n.action, asset: ($n.asset_id != null)}])) as $needs
| ($s.policy.max_admins // 3) as $max_admins
| ($s.policy.max_finance_managers // 2) as $max_fm
| ($s.bc.x_allowed_email_domains) as $allow

# no-asset-assigned
| ( $s.members | to_entries[] | .key as $i | .value as $m
	| select(($m | active) and ($granted[$m.user_id] | not))
	| ($needs[$m.user_id] // []) as $mn
	| ([$mn[] | select(.asset)] | length) as $an
	| select((($m.ext_user_role.finance_role != null) and $an == 0) | not)
	| select((($mn | length) > 0 and $an == 0) | not)
	| "no-asset-assigned\t/members/\($i)\t\($m.user_email) has the Business Center role \($m.user_role) but no asset assigned"
  ),

# permission-too-narrow
  ( ($s.needs // []) | to_entries[] | .key as $i | .value as $n
	| $actions[$n.action] as $a
	| select($a != null and $a.s != "C")
	| $members[$n.user_id] as $m
	| if $a.s == "A" then
		$grants[$n.user_id + "|" + ($n | akey)] as $g
		| select($g != null)
		| select(if $a.tt then ($g.tt[$a.tt] | not) or ($a.also and ($adv[$n.user_id] // 0) < $a.also)
		         else $g.l < $a.l end)
		| "permission-too-narrow\t/needs/\($i)\t\($m.user_email) needs \($n.action) on \($n.asset_type) \($n.asset_id) but the grant is too narrow"
	  elif $a.s == "B" then
		select($m.user_role != "ADMIN")
		| "permission-too-narrow\t/needs/\($i)\t\($m.user_email) needs \($n.action) but holds user_role \($m.user_role)"
	  else
		select(($m.ext_user_role.finance_role | finance_level) < $a.l)
		| "permission-too-narrow\t/needs/\($i)\t\($m.user_email) needs \($n.action) but holds finance_role \($m.ext_user_role.finance_role // "none")"
	  end
  ),

# foreign-asset
  ( ($s.needs // []) | to_entries[] | .key as $i | .value as $n
	| select($n.asset_id != null and $n.asset_type != null
	         and ($actions[$n.action].s // "C") != "C" and ($assets[$n | akey] | not))
	| "foreign-asset\t/needs/\($i)\t\($members[$n.user_id].user_email) needs \($n.action) on \($n.asset_type) \($n.asset_id), which is not in this Business Center"
  ),
  ( ($s.assignments // []) | to_entries[] | .key as $i | .value as $a
	| select($assets[$a | akey] | not)
	| "foreign-asset\t/assignments/\($i)\t\($members[$a.user_id].user_email) is assigned \($a.asset_type) \($a.asset_id), which is not in this Business Center"
  ),
  ( ($s.partners // []) | to_entries[] | .key as $p | .value as $pa
	| ($pa.shared_assets // []) | to_entries[] | .key as $j | .value as $sh
	| select($sh.share_type == "SHARING")
	| $assets[$sh | akey] as $owned
	| select($owned == null
	         or (($owned.relation_type // "OWNER_BC") != "OWNER_BC")
	         or ($owned.owner_bc_id != null and $owned.owner_bc_id != $bc))
	| "foreign-asset\t/partners/\($p)/shared_assets/\($j)\t\($sh.asset_type) \($sh.asset_id) is shared with partner \($pa.bc_id) but is not owned by this Business Center"
  ),

# too-many-admins
  ( [$s.members[] | select(active and .user_role == "ADMIN")] | length
	| select(. > $max_admins or . > 20)
	| "too-many-admins\t/bc\t\(.) active Admins, more than \(if . > 20 then "TikTok's hard cap of 20" else "max_admins (\($max_admins))" end)"
  ),

# finance-role-misuse
  ( $s.members | to_entries[] | .key as $i | .value as $m
	| select(($m | active) and $m.ext_user_role.finance_role != null)
	| $m.ext_user_role.finance_role as $f
	| ($needs[$m.user_id] // [] | map($actions[.a].s // "")) as $scopes
	| ([$needs[$m.user_id] // [] | .[] | select($actions[.a].s == "F")]) as $fin
	| ($m.user_email | split("@") | last | ascii_downcase) as $domain
	| ( select($allow != null and (any($allow[]; ascii_downcase == $domain) | not))
	    | "finance-role-misuse\t/members/\($i)\t\($m.user_email) holds finance_role \($f) but is outside the email-domain allowlist" ),
	  ( select($f == "MANAGER" and ($fin | length) > 0
	           and ([$fin[] | select($actions[.a].l >= 2)] | length) == 0)
	    | "finance-role-misuse\t/members/\($i)\t\($m.user_email) holds finance_role MANAGER but needs only to view invoices or transactions" ),
	  ( select(($scopes | length) > 0 and ($fin | length) == 0)
	    | "finance-role-misuse\t/members/\($i)\t\($m.user_email) holds finance_role \($f) but none of their needs is a finance action" )
  ),
  ( [$s.members[] | select(active and .ext_user_role.finance_role == "MANAGER")] | length
	| select(. > $max_fm)
	| "finance-role-misuse\t/bc\t\(.) active Finance Managers, more than max_finance_managers (\($max_fm))"
  )
