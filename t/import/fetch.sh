#!/bin/sh
# contrib/bclint-fetch against a local stand-in for the API
# (t/import/fake-api.py serving the recorded pages of t/import/api/):
# every list is read page by page, the files are named for bclint import,
# and API errors stop the script with a message naming the request.
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

python3 t/import/fake-api.py t/import/api "$tmp/port" "$tmp/log" &
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
		BCLINT_ASSET_TYPES="${types:-ADVERTISER PIXEL}" BCLINT_PARTNER_ASSET_TYPES=ADVERTISER \
		BCLINT_ACCESS_TOKEN="${token:-test-token}" \
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
/open_api/v1.3/bc/member/get/ bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/member/get/ bc_id=7300000000000000001&page=2&page_size=50
/open_api/v1.3/bc/asset/admin/get/ asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/asset/member/get/ asset_id=7100000000000000201&asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=20
/open_api/v1.3/bc/asset/member/get/ asset_id=7100000000000000201&asset_type=ADVERTISER&bc_id=7300000000000000001&page=2&page_size=20
/open_api/v1.3/bc/asset/admin/get/ asset_type=PIXEL&bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/partner/get/ bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/partner/asset/get/ asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=50&partner_id=7300000000000000555&share_type=SHARED
/open_api/v1.3/bc/partner/asset/get/ asset_type=ADVERTISER&bc_id=7300000000000000001&page=1&page_size=50&partner_id=7300000000000000555&share_type=SHARING
/open_api/v1.3/bc/asset_group/list/ bc_id=7300000000000000001&page=1&page_size=50
/open_api/v1.3/bc/asset_group/get/ asset_group_id=8000000000000000001&bc_id=7300000000000000001&page=1&page_size=50&query_entity=ASSET
/open_api/v1.3/bc/asset_group/get/ asset_group_id=8000000000000000001&bc_id=7300000000000000001&page=1&page_size=50&query_entity=MEMBER" \
	"fetch: the requests, pages 1..total_page of each list"

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
is "$status:$err" "2:Usage: bclint-fetch [-o DIR] BC_ID   (token in BCLINT_ACCESS_TOKEN)" "no BC_ID: usage"
token=" " fetch "$tmp/bad" 7300000000000000001
is "$status" 1 "a blank token is sent and refused by the API (exit 1)"
done_testing
