#!/bin/sh
# contrib/bclint-fetch against a local stand-in for the API
# (t/import/fake-api.py serving the recorded pages of t/import/api/):
# every list is read page by page with the page sizes the API allows, the
# files are named for bclint import, only the asset types each endpoint
# accepts are asked for, rate limiting and server errors are tried again
# with exponential backoff up to a maximum, -c resumes without fetching
# saved pages again, and API errors stop the script with a message naming
# the request.
. "${top_srcdir:-.}/t/lib/tap.sh"
for tool in python3 curl jq; do
	command -v $tool >/dev/null 2>&1 || {
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	}
done
cd "${top_srcdir:-.}" || exit 1
tmp=$(mktemp -d)
server=
stop() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 1' INT TERM HUP

python3 t/import/fake-api.py t/import/api "$tmp/port" "$tmp/log" "$tmp/limits" &
server=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(cat "$tmp/port" 2>/dev/null)
[ -n "$port" ] || {
	echo "Bail out! the fake API server did not start"
	exit 1
}

# fetch DIR ARGS...: run the script; sets $status and $err.
fetch() {
	d=$1
	shift
	env BCLINT_API_BASE="http://127.0.0.1:$port/open_api/v1.3" \
		BCLINT_ASSET_TYPES="${types:-ADVERTISER PIXEL}" BCLINT_PARTNER_ASSET_TYPES="${ptypes:-ADVERTISER}" \
		BCLINT_ACCESS_TOKEN="${token:-test-token}" BCLINT_RETRY_DELAY="${delay:-0}" \
		sh contrib/bclint-fetch -o "$d" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	err=$(cat "$tmp/err")
}

fetch "$tmp/all" 7300000000000000001
is "$status:$err" "0:" "fetch: exit 0, no messages"
is "$(ls "$tmp/all")" "$(ls t/import/api)" "fetch: every page of every list, named for bclint import"
same=0
for f in t/import/api/*.json; do
	cmp -s "$f" "$tmp/all/$(basename "$f")" || same=1
done
ok $same "fetch: each file is the page as served"
is "$(cat "$tmp/log")" "/open_api/v1.3/bc/get/ bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/member/get/ bc_id=7300000000000000001&page=1&page_size=20
/open_api/v1.3/bc/member/get/ bc_id=7300000000000000001&page=2&page_size=20
/open_api/v1.3/bc/asset/admin/get/ asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/asset/member/get/ asset_id=7100000000000000201&asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=20
/open_api/v1.3/bc/asset/member/get/ asset_id=7100000000000000201&asset_type=ADVERTISER&bc_id=7300000000000000001&page=2&page_size=20
/open_api/v1.3/bc/asset/admin/get/ asset_type=PIXEL&bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/partner/get/ bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/partner/asset/get/ asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=50&partner_id=7300000000000000555&share_type=SHARED
/open_api/v1.3/bc/partner/asset/get/ asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=50&partner_id=7300000000000000555&share_type=SHARING
/open_api/v1.3/bc/asset_group/list/ bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/asset_group/get/ asset_group_id=8000000000000000001&bc_id=7300000000000000001&page=1&page_size=50&query_entity=ASSET
/open_api/v1.3/bc/asset_group/get/ asset_group_id=8000000000000000001&bc_id=7300000000000000001&page=1&page_size=50&query_entity=MEMBER
/open_api/v1.3/changelog/get/ bc_id=7300000000000000001&lang=en&page=1&page_size=50" \
	"fetch: the requests, pages 1..total_page of each list"
cp "$tmp/log" "$tmp/all.log"

# What was fetched imports, and the snapshot passes the checks.
out=$($BCLINT import "$tmp/all" 2>"$tmp/ierr" | $BCLINT --disable=all -q - 2>&1)
is "$?:$out:$(cat "$tmp/ierr")" "0::" "fetch | import | bclint: clean"

# Fetching again into the same directory replaces the pages.
: >"$tmp/log"
echo stale >"$tmp/all/member.p3.json"
fetch "$tmp/all" 7300000000000000001
is "$status:$(ls "$tmp/all")" "0:$(ls t/import/api)" \
	"fetch again: stale pages are removed"

# API errors stop the script and name the request.
: >"$tmp/log"
token=wrong fetch "$tmp/bad" 7300000000000000001
is "$status:$err" "1:bclint-fetch: error: /bc/get/ page 1: API error 40105: Access token is invalid (request_id fake-40105)" \
	"a wrong token: exit 1, the API's message"
types="ADVERTISER CATALOG" fetch "$tmp/bad" 7300000000000000001
is "$status:$err" "1:bclint-fetch: error: /bc/asset/admin/get/ page 1 (asset_type=CATALOG): API error 40002: no recorded page asset_admin.CATALOG.p1.json (request_id fake-40002)" \
	"a page the server does not have: exit 1, the request named"
fetch "$tmp/bad"
is "$status:$err" "2:Usage: bclint-fetch [-c] [-o DIR] BC_ID   (token in BCLINT_ACCESS_TOKEN)" "no BC_ID: usage"
token=" " fetch "$tmp/bad" 7300000000000000001
is "$status" 1 "a blank token is sent and refused by the API (exit 1)"

# Only the asset types each endpoint accepts.
types="ADVERTISER DOMAIN" fetch "$tmp/bad" 7300000000000000001
is "$status:$err" "2:bclint-fetch: error: /bc/asset/admin/get/ does not accept asset type DOMAIN (it accepts ADVERTISER CATALOG LEAD PIXEL TIKTOK_SHOP TT_ACCOUNT MANAGED_BUSINESS_ACCOUNT)" \
	"an asset type /bc/asset/admin/get/ does not accept: a usage error"
: >"$tmp/log"
ptypes=PIXEL fetch "$tmp/bad" 7300000000000000001
is "$status:$err:$(cat "$tmp/log")" "2:bclint-fetch: error: /bc/partner/asset/get/ does not accept asset type PIXEL (it accepts ADVERTISER CATALOG):" \
	"an asset type /bc/partner/asset/get/ does not accept: a usage error, no request"
: >"$tmp/log"
types="PIXEL" fetch "$tmp/pixel" 7300000000000000001
is "$status:$(grep -c asset/member "$tmp/log")" "0:0" \
	"no /bc/asset/member/get/ request for a type it does not accept"

# Rate limiting: tried again after 1 s, then 2 s, and the page is saved.
: >"$tmp/log"
printf '/bc/member/get/ 2 40100\n' >"$tmp/limits"
delay=1 fetch "$tmp/rl" 7300000000000000001
is "$status:$err" "0:bclint-fetch: /bc/member/get/ page 1: rate limited (API code 40100); try 2 of 6 in 1 s
bclint-fetch: /bc/member/get/ page 1: rate limited (API code 40100); try 3 of 6 in 2 s" \
	"rate limited twice: exit 0, each retry said with its delay"
is "$(grep -c '/bc/member/get/ .*page=1&' "$tmp/log"):$(wc -l <"$tmp/log")" "3:$(($(wc -l <"$tmp/all.log") + 2))" \
	"rate limited twice: three requests of that page, two more in all"
cmp -s "$tmp/rl/member.p1.json" t/import/api/member.p1.json
ok $? "rate limited twice: the page saved is the good answer"

# Server errors and HTTP 429 / 5xx are tried again as well.
: >"$tmp/log"
printf '/bc/get/ 1 50002\n/bc/partner/get/ 1 http429\n/changelog/get/ 1 http503\n' >"$tmp/limits"
fetch "$tmp/se" 7300000000000000001
is "$status:$err" "0:bclint-fetch: /bc/get/ page 1: server error (API code 50002); try 2 of 6 in 0 s
bclint-fetch: /bc/partner/get/ page 1: HTTP status 429; try 2 of 6 in 0 s
bclint-fetch: /changelog/get/ page 1 (lang=en): HTTP status 503; try 2 of 6 in 0 s" \
	"50002, HTTP 429 and 503: each tried again"
is "$(wc -l <"$tmp/log")" "$(($(wc -l <"$tmp/all.log") + 3))" "50002, HTTP 429 and 503: one more request each"

# At most BCLINT_MAX_TRIES tries.
: >"$tmp/log"
printf '/bc/get/ 5 40100\n' >"$tmp/limits"
BCLINT_MAX_TRIES=3 fetch "$tmp/giveup" 7300000000000000001
is "$status:$err" "1:bclint-fetch: /bc/get/ page 1: rate limited (API code 40100); try 2 of 3 in 0 s
bclint-fetch: /bc/get/ page 1: rate limited (API code 40100); try 3 of 3 in 0 s
bclint-fetch: error: /bc/get/ page 1: rate limited (API code 40100) after 3 tries" \
	"still rate limited after BCLINT_MAX_TRIES: exit 1"
is "$(wc -l <"$tmp/log")" 3 "still rate limited: exactly three requests"
: >"$tmp/limits"
BCLINT_MAX_TRIES=0 fetch "$tmp/bad" 7300000000000000001
is "$status:$err" "2:bclint-fetch: error: BCLINT_MAX_TRIES must be a whole number from 1" \
	"BCLINT_MAX_TRIES 0: a usage error"

# -c resumes an interrupted run: saved valid pages are not fetched again.
: >"$tmp/log"
printf '/bc/partner/get/ 9 40100\n' >"$tmp/limits"
BCLINT_MAX_TRIES=1 fetch "$tmp/resume" 7300000000000000001
is "$status:$err" "1:bclint-fetch: error: /bc/partner/get/ page 1: rate limited (API code 40100) after 1 tries" \
	"interrupted at /bc/partner/get/"
: >"$tmp/limits"
: >"$tmp/log"
cp t/import/bad/error-envelope/member.p1.json "$tmp/resume/member.p2.json"
fetch "$tmp/resume" -c 7300000000000000001
is "$status:$err" "0:" "-c: the rest fetched"
is "$(cat "$tmp/log")" "$(grep -e '/bc/member/get/.*page=2' -e partner -e asset_group -e changelog "$tmp/all.log")" \
	"-c: only the invalid page and the pages not saved are requested"
same=0
for f in t/import/api/*.json; do
	cmp -s "$f" "$tmp/resume/$(basename "$f")" || same=1
done
is "$same:$(ls "$tmp/resume")" "0:$(ls t/import/api)" "-c: every page as served, nothing else"
: >"$tmp/log"
fetch "$tmp/resume" -c 7300000000000000001
is "$status:$(wc -l <"$tmp/log")" "0:0" "-c on a complete directory: no request at all"

# The change log since a day, to today or a given day.
: >"$tmp/log"
BCLINT_CHANGELOG_SINCE=2026-05-01 BCLINT_CHANGELOG_UNTIL=2026-11-01 fetch "$tmp/cl" 7300000000000000001
is "$status:$(grep changelog "$tmp/log")" '0:/open_api/v1.3/changelog/get/ bc_id=7300000000000000001&filtering={"start_date":"2026-05-01","end_date":"2026-11-01"}&lang=en&page=1&page_size=50' \
	"BCLINT_CHANGELOG_SINCE and _UNTIL: the filtering sent"
: >"$tmp/log"
BCLINT_CHANGELOG_SINCE=2026-05-01 fetch "$tmp/cl" 7300000000000000001
is "$status:$(grep -c "\"end_date\":\"$(date -u +%Y-%m-%d)\"" "$tmp/log")" "0:1" \
	"BCLINT_CHANGELOG_SINCE alone: to today (UTC)"
BCLINT_CHANGELOG_UNTIL=2026-11-01 fetch "$tmp/bad" 7300000000000000001
is "$status:$err" "2:bclint-fetch: error: BCLINT_CHANGELOG_UNTIL needs BCLINT_CHANGELOG_SINCE" \
	"BCLINT_CHANGELOG_UNTIL alone: a usage error"
delay=soon fetch "$tmp/bad" 7300000000000000001
is "$status:$err" "2:bclint-fetch: error: BCLINT_RETRY_DELAY must be a whole number of seconds" \
	"BCLINT_RETRY_DELAY not a number: a usage error"
BCLINT_CHANGELOG_SINCE=May fetch "$tmp/bad" 7300000000000000001
is "$status:$err" "2:bclint-fetch: error: BCLINT_CHANGELOG_SINCE and BCLINT_CHANGELOG_UNTIL are days, YYYY-MM-DD" \
	"a change log day that is not YYYY-MM-DD: a usage error"
done_testing
