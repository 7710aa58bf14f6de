#!/bin/sh
# bclint import: response fixtures in, an exact snapshot or exact messages
# out.  Runs from the source tree so that file names in messages are
# the relative paths given here.
. "${top_srcdir:-.}/t/lib/tap.sh"
cd "${top_srcdir:-.}" || exit 1
B=t/import/basic
X=t/import/extras
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# $BCLINT may carry a valgrind prefix: it is word-split on purpose.
run_import() {
	$BCLINT import "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# check NAME EXIT STDERR ARGS...: run bclint import ARGS; for a failure,
# also check that nothing was written.
check() {
	name=$1 want_exit=$2 want_err=$3
	shift 3
	run_import "$@"
	is "$status" "$want_exit" "$name: exit status"
	is "$err" "$want_err" "$name: messages"
	[ "$want_exit" -eq 0 ] || is "$out" "" "$name: nothing on standard output"
}

# -- a whole Business Center: every endpoint, every role field ---------
check "basic" 0 "" $B
is "$out" "$(cat t/import/basic.expected)" "basic: the snapshot"

# The same responses in another order, some given twice, give the same bytes.
$BCLINT import $B >"$tmp/a.json" 2>/dev/null
# shellcheck disable=SC2046
$BCLINT import $(ls $B/*.json | sort -r) $B $B/bc-info.json >"$tmp/b.json" 2>/dev/null
cmp -s "$tmp/a.json" "$tmp/b.json"
ok $? "basic: byte-identical whatever the order of the inputs"
cmp -s "$tmp/a.json" t/import/basic.expected
ok $? "basic: the snapshot ends with a newline, like the expected file"

# -o writes the same snapshot to a file.
check "basic -o" 0 "" -o "$tmp/o.json" $B
cmp -s "$tmp/o.json" t/import/basic.expected
ok $? "basic -o: the file holds the snapshot"

# The result passes bclint's snapshot checks, through a pipe.
out=$($BCLINT import $B | $BCLINT --disable=all - 2>"$tmp/err")
is "$?:$out" "0:" "import | bclint --disable=all -: exit 0, no findings"
is "$(cat "$tmp/err")" "0 errors, 0 warnings, 0 notes" "import | bclint --disable=all -: summary"
out=$($BCLINT import $B | $BCLINT -q - 2>&1)
is "$?:$out" "0:" "import | bclint -q - with every rule: exit 0, nothing reported"

# -- extras and the plan ------------------------------------------------
check "extras (CSV) and plan" 0 "t/import/extras/extras.csv:4:1: warning: no member has user_email 'nobody@acme.example'
t/import/extras/extras.csv:6:1: warning: no asset has asset_id '7100000000000000404'" \
	--extras $X/extras.csv --plan $X/plan.json --captured-at 2026-11-01T09:00:00Z $B
is "$out" "$(cat t/import/extras.expected)" "extras (CSV) and plan: the snapshot"
check "extras (JSON) and plan" 0 "t/import/extras/extras.json:8:5: warning: no member has user_email 'nobody@acme.example'
t/import/extras/extras.json:13:5: warning: no asset has asset_id '7100000000000000404'" \
	--extras=$X/extras.json --plan=$X/plan.json --captured-at=2026-11-01T09:00:00Z $B
is "$out" "$(cat t/import/extras.expected)" "extras (JSON) and plan: the same snapshot"
out=$($BCLINT import --extras $X/extras.csv --plan $X/plan.json $B 2>/dev/null |
	$BCLINT --disable=all - 2>/dev/null)
is "$?:$out" "0:" "extras and plan: the result passes the snapshot checks"

check "plan: unknown members, assets, actions" 2 "t/import/extras/plan-bad.json:2:15: error: user_id '6900000000000000999' is not a member of the imported Business Center
t/import/extras/plan-bad.json:5:16: error: ADVERTISER asset '7100000000000000777' is not among the imported assets
t/import/extras/plan-bad.json:6:48: error: unknown action 'FLY'
t/import/extras/plan-bad.json:7:77: error: VIEW_INVOICES is a Business Center action: it takes no asset
t/import/extras/plan-bad.json:9:18: error: VIEW_ADS does not apply to CATALOG assets
t/import/extras/plan-bad.json:10:3: error: VIEW_ADS needs both 'asset_id' and 'asset_type'" \
	--plan $X/plan-bad.json $B
check "extras: bad CSV values" 2 "t/import/extras/extras-bad.csv:2:1: error: 'x_last_login_at' is not an RFC 3339 timestamp: 'yesterday'
t/import/extras/extras-bad.csv:3:1: error: 'x_two_step_enabled' must be true or false, not 'maybe'
t/import/extras/extras-bad.csv:4:1: error: unterminated quoted field" \
	--extras $X/extras-bad.csv $B
check "extras: bad JSON values" 2 "t/import/extras/extras-bad.json:3:69: error: 'x_two_step_enabled' must be true or false
t/import/extras/extras-bad.json:4:5: error: a member row needs 'user_id' or 'user_email'
t/import/extras/extras-bad.json:6:64: error: unknown asset type 'WIDGET'" \
	--extras $X/extras-bad.json $B

# -- bad responses ------------------------------------------------------
D=t/import/bad
check "error envelope" 2 "$D/error-envelope/member.p1.json:2:11: error: the API returned code 40001: \"No permission to operate Business Center 7300000000000000001.\" (request_id 2026110109000000abc)" \
	$D/error-envelope
check "missing pages" 2 "bclint: error: /bc/asset/member/get/ (asset_type=ADVERTISER, asset_id=10): page 1 of 2 is missing
bclint: error: /bc/member/get/: page 2 of 3 is missing" $D/missing-page
check "pages disagree; several BCs" 2 "bclint: error: $D/paging/member.p2.json: /bc/member/get/: total_page is 3 here but 2 in $D/paging/member.p1.json
bclint: error: the /bc/get/ responses list 2 Business Centers: choose one with --bc-id" $D/paging
check "--bc-id not listed" 2 "bclint: error: Business Center '7300000000000000009' is not in the /bc/get/ responses" \
	--bc-id 7300000000000000009 $B
check "unknown asset types" 2 "bclint: error: $D/unknown-type/asset_admin.WIDGET.p1.json: unknown asset type 'WIDGET' in the file name
$D/unknown-type/asset_group.9.p1.json:14:27: error: unknown asset type 'WIDGET'
$D/unknown-type/assets.json:9:23: error: unknown asset type 'GADGET'" $D/unknown-type
check "cannot tell the endpoint" 2 "bclint: error: $D/ambiguous/asset_member.ADVERTISER.p1.json: a /bc/asset/member/get/ response file must be named asset_member.ASSET_TYPE.ASSET_ID.pN.json
bclint: error: $D/ambiguous/empty.json: cannot tell which endpoint this response is from (its list is empty): name the file as bclint-import(1) describes, e.g. asset_member.ASSET_TYPE.ASSET_ID.pN.json, or add an 'x_request' object
bclint: error: $D/ambiguous/partner_asset.7.ADVERTISER.LENT.p1.json: unknown share_type 'LENT' in the file name: expected SHARED or SHARING
bclint: error: $D/ambiguous/who-can-reach.json: cannot tell which endpoint this response is from (a /bc/asset/member/get/ response does not say which asset it is about): name the file as bclint-import(1) describes, e.g. asset_member.ASSET_TYPE.ASSET_ID.pN.json, or add an 'x_request' object" \
	$D/ambiguous
check "conflicts, bad roles, strangers" 2 "$D/conflict/asset_member.CATALOG.20.p1.json:9:25: error: invalid catalog_role \"OWNER\" on a CATALOG asset: expected ADMIN or AD_PROMOTE
$D/conflict/asset_member.CATALOG.20.p1.json:11:7: error: missing 'catalog_role' for a CATALOG asset
$D/conflict/asset_member.TT_ACCOUNT.30.p1.json:9:29: error: invalid tt_account_roles [\"POST\",\"DANCE\"] on a TT_ACCOUNT asset: expected POST, LIVE or DIRECT_MESSAGE
$D/conflict/member.p2.json:11:22: error: member '2': 'user_role' is \"ADMIN\" here but \"STANDARD\" at $D/conflict/member.p1.json:18:22
$D/conflict/member.p2.json:17:23: error: user_email 'u1@acme.example' belongs to both member '1' and member '3'
$D/conflict/asset_member.CATALOG.20.p1.json:16:20: error: user '4' can reach CATALOG asset '20', but is not in the /bc/member/get/ responses" \
	$D/conflict
check "malformed responses" 2 "$D/malformed/asset_admin.PIXEL.p1.json:1:70: error: page 2 of 1: the page is past the end
$D/malformed/bc.p1.json:2:20: error: malformed JSON: unexpected closing bracket
$D/malformed/member.p1.json:1:1: error: not an API response: no numeric 'code'
$D/malformed/partner.p1.json:1:47: error: 'page_info' must have whole numbers 'page' (from 1) and 'total_page'
$D/malformed/x-request.json:1:28: error: bclint import does not read responses of '/bc/asset/get/'" \
	$D/malformed
check "an asset without its member list" 0 "$D/warn/asset_admin.PIXEL.p1.json:7:7: warning: no /bc/asset/member/get/ response for PIXEL asset '40': its direct assignments are not in the snapshot" \
	$D/warn
is "$out" '{
  "schema": "bclint-snapshot/1",
  "bc": {
    "bc_id": "7300000000000000001",
    "name": "Acme"
  },
  "members": [
    {
      "user_id": "1",
      "user_email": "u1@acme.example",
      "user_name": "U1",
      "user_role": "ADMIN",
      "relation_status": "BOUND"
    }
  ],
  "assets": [
    {
      "asset_id": "40",
      "asset_type": "PIXEL",
      "asset_name": "Pixel"
    }
  ],
  "assignments": [],
  "asset_groups": [],
  "partners": [],
  "needs": []
}' "an asset without its member list: the snapshot"

# -- choosing the Business Center ---------------------------------------
check "several BCs, no --bc-id" 2 "bclint: error: the /bc/get/ responses list 2 Business Centers: choose one with --bc-id" \
	t/import/twobc
check "several BCs, --bc-id" 0 "" --bc-id 7300000000000000002 t/import/twobc
members='"members": [
    {
      "user_id": "1",
      "user_email": "a@acme.example",
      "user_role": "ADMIN"
    }
  ],
  "assets": [],
  "assignments": [],
  "asset_groups": [],
  "partners": [],
  "needs": []
}'
is "$out" '{
  "schema": "bclint-snapshot/1",
  "bc": {
    "bc_id": "7300000000000000002",
    "name": "Acme Two",
    "type": "AGENCY"
  },
  '"$members" "several BCs, --bc-id: that BC"
check "no /bc/get/, --bc-id" 0 "" --bc-id=42 t/import/twobc/member.p1.json
is "$out" '{
  "schema": "bclint-snapshot/1",
  "bc": {
    "bc_id": "42"
  },
  '"$members" "no /bc/get/, --bc-id: the BC is its ID"
check "no /bc/get/, no --bc-id" 2 "bclint: error: no /bc/get/ response and no --bc-id: which Business Center is this?" \
	t/import/twobc/member.p1.json

# -- usage ------------------------------------------------------------------
check "no response" 2 "bclint: error: no response given
Try 'bclint import --help' for more information." 
check "bad --captured-at" 2 "bclint: error: invalid --captured-at 'soon' (an RFC 3339 timestamp)
Try 'bclint import --help' for more information." --captured-at=soon $B
check "unknown option" 2 "bclint import: unrecognized option '--bogus'
Try 'bclint import --help' for more information." --bogus $B
check "unreadable response" 2 "bclint: error: t/import/none.json: cannot read response: No such file or directory" \
	t/import/none.json
run_import --help
is "$status:$(printf '%s\n' "$out" | sed -n 1p)" "0:Usage: bclint import [OPTION]... RESPONSE..." "--help"
done_testing
