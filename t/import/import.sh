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
t/import/extras/plan-bad.json:5:16: warning: ADVERTISER asset '7100000000000000777' is not in this Business Center's responses: the lint will report the need as foreign-asset
t/import/extras/plan-bad.json:6:48: error: unknown action 'FLY'
t/import/extras/plan-bad.json:7:77: error: VIEW_INVOICES is a Business Center action: it takes no asset
t/import/extras/plan-bad.json:9:18: error: VIEW_ADS does not apply to CATALOG assets
t/import/extras/plan-bad.json:10:3: error: VIEW_ADS needs both 'asset_id' and 'asset_type'" \
	--plan $X/plan-bad.json $B
check "extras: bad CSV values" 2 "t/import/extras/extras-bad.csv:2:25: error: 'x_last_login_at' is not an RFC 3339 timestamp: 'yesterday'
t/import/extras/extras-bad.csv:3:47: error: 'x_two_step_enabled' must be true or false, not 'maybe'
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

# -- the change log: grant and invitation dates, who granted -----------
C=t/import/changelog
check "change log and extras (JSON)" 0 "t/import/extras/extras-more.json:6:5: warning: member '6900000000000000102' has no direct assignment on ADVERTISER asset '7100000000000000777'
t/import/extras/extras-more.json:11:5: warning: no partner has bc_id '7300000000000000123'" \
	--captured-at=2026-11-01T09:00:00Z --extras $X/extras-more.json $B $C
is "$out" "$(cat t/import/changelog.expected)" "change log and extras (JSON): the snapshot"
check "change log and extras (CSV)" 0 "t/import/extras/extras-more.csv:4:1: warning: member '6900000000000000102' has no direct assignment on ADVERTISER asset '7100000000000000777'
t/import/extras/extras-more.csv:4:1: warning: no asset has asset_id '7100000000000000777' and asset_type ADVERTISER
t/import/extras/extras-more.csv:6:1: warning: no partner has bc_id '7300000000000000123'" \
	--captured-at=2026-11-01T09:00:00Z --extras $X/extras-more.csv $B $C
is "$out" "$(cat t/import/changelog.expected)" "change log and extras (CSV): the same snapshot"
$BCLINT import $B $C >"$tmp/c.json" 2>"$tmp/err"
is "$?:$(cat "$tmp/err")" "0:" "the change log alone: exit 0, no messages"
is "$(grep -c '"x_granted_at"' "$tmp/c.json"):$(grep -c '"x_granted_by"' "$tmp/c.json"):$(grep -c '"x_invited_at"' "$tmp/c.json")" \
	"2:2:1" "the change log alone: two grants dated (with their operators), one invitation"
cp $C/changelog.p1.json "$tmp/activity.json"
cp $C/changelog.p2.json "$tmp/activity-2.json"
$BCLINT import $B "$tmp/activity.json" "$tmp/activity-2.json" >"$tmp/d.json" 2>/dev/null
cmp -s "$tmp/c.json" "$tmp/d.json"
ok $? "the change log recognised by its content, whatever the file names"

# The rules that need these dates and domains now fire on what import writes.
out=$($BCLINT --disable=all --enable=stale-session t/import/changelog.expected 2>&1)
is "$out" "t/import/changelog.expected:175:5: note: mia.koch@acme.example was granted catalog_role AD_PROMOTE on catalog 'Acme Products' (7100000000000000301) 16 days ago and has not signed in since: the change takes effect when they refresh Business Center or sign in again [stale-session]
t/import/changelog.expected:183:5: note: mia.koch@acme.example was granted assignment to the pixel on pixel 'Acme Pixel' (7100000000000000901) less than a day ago and has not signed in since: the change takes effect when they refresh Business Center or sign in again [stale-session]
0 errors, 0 warnings, 2 notes" "stale-session fires on an imported snapshot"
out=$($BCLINT why t/import/changelog.expected --member mia.koch@acme.example \
	--action USE_CATALOG_FOR_ADS --asset 7100000000000000301 2>&1 | sed -n '1p;/^6 /p')
is "$out" "verdict: stale-session
6 session    broken  t/import/changelog.expected:175:5: granted 2026-10-15T10:30:00Z (16 days before now), after mia.koch@acme.example last signed in 2026-10-10T00:00:00Z (22 days before now)" \
	"bclint why's session layer on an imported snapshot"
for f in agency.json agency.csv; do
	out=$($BCLINT import --extras $X/$f t/import/agency 2>&1 |
		$BCLINT --disable=all --enable=agency-staff-as-members - 2>&1)
	is "$out" "-:14:5: warning: max@agency.example has an email domain of partner 'Agency' (7300000000000000555): agency staff belong behind the Partner; remove the member and have the partner assign its people to the assets shared with it [agency-staff-as-members]
-:25:5: note: partner 'Agency' (7300000000000000555) lists the email domain agency.example
0 errors, 1 warning, 0 notes" "partner domains from $f: agency-staff-as-members fires"
done

check "bad change log entries" 2 "$D/changelog/activity.json:2:58: error: a /changelog/get/ response needs a 'data.changelog_list' array
$D/changelog/changelog.p1.json:3:14: error: 'time' must be a UTC time \"YYYY-MM-DD HH:MM:SS\", not '2026/10/28 14:05'
$D/changelog/changelog.p1.json:5:54: error: unknown activity_type 'LOGIN': expected USER, ACCOUNT, ASSET or BUSINESS
$D/changelog/changelog.p1.json:6:14: error: 'time' must be a UTC time \"YYYY-MM-DD HH:MM:SS\", not '2026-02-30 14:05:00'
$D/changelog/changelog.p1.json:7:77: error: 'operator_id' must be a string
bclint: error: /changelog/get/: page 2 of 2 is missing" --bc-id=1 $D/changelog
# \\u0000 is refused by the JSON reader itself, in every input: a key, a role
# value and an email in responses, a domain in the extras, a note in the plan
NUL='\u0000 in a string: bclint refuses NUL characters, which would cut the text short'
check "NUL in responses" 2 "$D/nul/asset_group.9.p1.json:3:51: error: $NUL
$D/nul/asset_member.ADVERTISER.5.p1.json:2:45: error: $NUL
$D/nul/member.p1.json:2:37: error: $NUL" --bc-id=1 $D/nul
check "NUL in the extras" 2 "$X/extras-nul.json:2:75: error: $NUL" --extras $X/extras-nul.json $B
check "NUL in the plan" 2 "$X/plan-nul.json:2:77: error: $NUL" --plan $X/plan-nul.json $B

# -- the plan: a need on an asset of another Business Center -------------
check "plan: a foreign asset" 0 "t/import/extras/plan-foreign.json:3:16: warning: ADVERTISER asset '7100000000000000777' is not in this Business Center's responses: the lint will report the need as foreign-asset" \
	--plan $X/plan-foreign.json $B
printf '%s\n' "$out" >"$tmp/f.json"
is "$(sed -n '/"needs"/,$p' "$tmp/f.json")" '  "needs": [
    {
      "user_id": "6900000000000000105",
      "action": "VIEW_ADS",
      "asset_id": "7100000000000000777",
      "asset_type": "ADVERTISER",
      "x_note": "the agency'"'"'s account"
    }
  ]
}' "plan: a foreign asset: the need is kept"
out=$($BCLINT --disable=all --enable=foreign-asset "$tmp/f.json" 2>&1)
is "$?:$out" "1:$tmp/f.json:274:5: error: ana.costa@acme.example needs VIEW_ADS on ADVERTISER 7100000000000000777, which is not in this Business Center: set the permission in the Business Center that owns it, or have it shared here first [foreign-asset]
1 error, 0 warnings, 0 notes" "plan: a foreign asset: the lint reports it as foreign-asset"

# -- extras: every key and column known, CSV as RFC 4180 says -------------
check "extras: unknown and bad JSON keys" 2 "$X/extras-keys.json:2:57: error: unknown key 'x_lastlogin_at' in a member row: expected user_id, user_email, x_invited_at, x_last_login_at, x_two_step_enabled or x_note
$X/extras-keys.json:3:50: error: unknown key 'owner' in an asset row: expected asset_id, asset_type, owner_bc_id or x_note
$X/extras-keys.json:5:5: error: an assignment row needs 'user_id' or 'user_email', 'asset_id', 'asset_type' and 'x_granted_at'
$X/extras-keys.json:7:22: error: 'x_granted_at' is not an RFC 3339 timestamp: 'last week'
$X/extras-keys.json:11:5: error: a partner row needs 'bc_id'
$X/extras-keys.json:12:57: error: 'x_email_domains' must be an array" --extras $X/extras-keys.json $B
check "extras: unknown top-level keys" 2 "$X/extras-top.json:1:17: error: unknown key 'member' in the extras: expected members, assets, assignments, partners or x_allowed_email_domains" --extras $X/extras-top.json $B
check "extras: unknown and repeated columns" 2 "$X/extras-columns.csv:1:12: error: unknown column 'comment': expected user_id, user_email, x_invited_at, x_last_login_at, x_two_step_enabled, asset_id, asset_type, owner_bc_id, x_allowed_email_domains, x_granted_at, partner_bc_id, x_email_domains or x_note
$X/extras-columns.csv:1:20: error: column 'user_email' is given twice" --extras $X/extras-columns.csv $B
check "extras: junk after a quoted field" 2 "$X/extras-junk.csv:2:26: error: a quoted field must be followed by a comma or a line break" \
	--extras $X/extras-junk.csv $B
check "extras: a quote inside an unquoted field" 2 "$X/extras-quote.csv:2:5: error: a quote inside an unquoted field: quote the whole field and double the quote" \
	--extras $X/extras-quote.csv $B
check "extras: rows that say too little or too much" 2 "$X/extras-rows.csv:2:41: error: x_granted_at needs user_id or user_email, asset_id and asset_type in its row
$X/extras-rows.csv:3:4: error: x_email_domains needs partner_bc_id in its row
$X/extras-rows.csv:4:24: error: a cell past the header's 4 columns" --extras $X/extras-rows.csv $B
printf 'user_email\n"lena.vogel@acme.example\n' >"$tmp/open.csv"
check "extras: a quote left open" 2 "$tmp/open.csv:2:1: error: unterminated quoted field" --extras "$tmp/open.csv" $B
printf 'x_note\n' >"$tmp/none.csv"
check "extras: a header row naming no entity" 2 "$tmp/none.csv:1:1: error: the header row names none of user_id, user_email, asset_id, partner_bc_id, x_allowed_email_domains" \
	--extras "$tmp/none.csv" $B
{
	echo user_email
	i=0
	while [ $i -lt 65 ]; do
		printf 'x,'
		i=$((i + 1))
	done
	echo x
} >"$tmp/wide.csv"
check "extras: more than 64 cells" 2 "$tmp/wide.csv:2:1: error: more than 64 cells in a row" --extras "$tmp/wide.csv" $B
printf 'user_email\nlena\000@acme.example\n' >"$tmp/nul.csv"
check "extras: a NUL byte in CSV" 2 "$tmp/nul.csv:2:5: error: a NUL byte in the text" --extras "$tmp/nul.csv" $B

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
